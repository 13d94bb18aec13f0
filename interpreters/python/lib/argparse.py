"""Command-line parsing: the common part of argparse (ArgumentParser with
positional and optional arguments, the store/store_const/store_true/
store_false/append/append_const/count/help/version actions, nargs, type,
choices, required, default, dest, metavar, mutually exclusive groups in
help only, Namespace, usage/help text and errors as CPython formats them
for short texts). Missing: subparsers, argument groups' titles, prefix
matching of long options, fromfile_prefix_chars, help text wrapping."""

import os as _os
import sys as _sys

__all__ = ["ArgumentParser", "ArgumentError", "Namespace", "SUPPRESS",
           "OPTIONAL", "ZERO_OR_MORE", "ONE_OR_MORE", "REMAINDER",
           "HelpFormatter", "RawDescriptionHelpFormatter",
           "RawTextHelpFormatter", "ArgumentDefaultsHelpFormatter", "FileType"]

SUPPRESS = "==SUPPRESS=="
OPTIONAL = "?"
ZERO_OR_MORE = "*"
ONE_OR_MORE = "+"
REMAINDER = "..."


class HelpFormatter:
    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        self.prog = prog


RawDescriptionHelpFormatter = RawTextHelpFormatter = ArgumentDefaultsHelpFormatter = HelpFormatter


def _text_width():
    try:
        columns = int(_os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 80
    return max(columns - 2, 11)


class Namespace:
    def __init__(self, **kwargs):
        for k, v in kwargs.items():
            setattr(self, k, v)

    def __eq__(self, other):
        if not isinstance(other, Namespace):
            return NotImplemented
        return vars(self) == vars(other)

    def __contains__(self, key):
        return key in self.__dict__

    def __repr__(self):
        parts = []
        star = {}
        for k, v in self.__dict__.items():
            if k.isidentifier():
                parts.append(f"{k}={v!r}")
            else:
                star[k] = v
        if star:
            parts.append(f"**{star!r}")
        return f"Namespace({', '.join(parts)})"


class ArgumentError(Exception):
    def __init__(self, argument, message):
        self.argument_name = None if argument is None else _arg_name(argument)
        self.message = message
        Exception.__init__(self, str(self))

    def __str__(self):
        if self.argument_name is None:
            return self.message
        return f"argument {self.argument_name}: {self.message}"


class ArgumentTypeError(Exception):
    pass


def _arg_name(action):
    if action.option_strings:
        return "/".join(action.option_strings)
    if action.metavar not in (None, SUPPRESS):
        return action.metavar
    return action.dest


class FileType:
    def __init__(self, mode="r", bufsize=-1, encoding=None, errors=None):
        self._mode = mode

    def __call__(self, string):
        if string == "-":
            return _sys.stdin if "r" in self._mode else _sys.stdout
        return open(string, self._mode)


class Action:
    def __init__(self, option_strings, dest, nargs=None, const=None, default=None,
                 type=None, choices=None, required=False, help=None, metavar=None,
                 action="store", version=None):
        self.option_strings = option_strings
        self.dest = dest
        self.nargs = nargs
        self.const = const
        self.default = default
        self.type = type
        self.choices = choices
        self.required = required
        self.help = help
        self.metavar = metavar
        self.action = action
        self.version = version

    def takes_values(self):
        return self.action in ("store", "append")


class _Group:
    def __init__(self, parser, required=False):
        self._parser = parser
        self.required = required

    def add_argument(self, *args, **kwargs):
        return self._parser.add_argument(*args, **kwargs)


class ArgumentParser:
    def __init__(self, prog=None, usage=None, description=None, epilog=None,
                 parents=(), formatter_class=HelpFormatter, prefix_chars="-",
                 fromfile_prefix_chars=None, argument_default=None,
                 conflict_handler="error", add_help=True, allow_abbrev=True,
                 exit_on_error=True):
        if prog is None:
            prog = _os.path.basename(_sys.argv[0]) if _sys.argv and _sys.argv[0] else "repy"
        self.prog = prog
        self.usage = usage
        self.description = description
        self.epilog = epilog
        self.argument_default = argument_default
        self.exit_on_error = exit_on_error
        self._actions = []
        self._defaults = {}
        if add_help:
            self.add_argument("-h", "--help", action="help", default=SUPPRESS,
                              help="show this help message and exit")
        for parent in parents:
            for a in parent._actions:
                if a.action != "help":
                    self._actions.append(a)

    # ------------------------------------------------------------ building

    def add_argument(self, *names, **kwargs):
        action = kwargs.pop("action", "store")
        if not names or not names[0] or names[0][0] != "-":
            if len(names) != 1:
                raise ValueError("invalid option string: must start with a character '-'")
            dest = kwargs.pop("dest", None) or names[0]
            if "required" in kwargs:
                raise TypeError("'required' is an invalid argument for positionals")
            option_strings = []
            nargs = kwargs.get("nargs")
            required = nargs not in ("?", "*") and nargs != REMAINDER
        else:
            option_strings = list(names)
            dest = kwargs.pop("dest", None)
            if dest is None:
                longs = [s for s in names if s.startswith("--")]
                dest = (longs[0] if longs else names[0]).lstrip("-").replace("-", "_")
            required = kwargs.pop("required", False)
        kwargs.pop("required", None)
        if action == "store_true":
            kwargs.setdefault("default", False)
            kwargs["const"] = True
            kwargs["nargs"] = 0
        elif action == "store_false":
            kwargs.setdefault("default", True)
            kwargs["const"] = False
            kwargs["nargs"] = 0
        elif action in ("store_const", "append_const", "count", "help", "version"):
            kwargs["nargs"] = 0
        elif action not in ("store", "append", "extend"):
            raise ValueError(f"unknown action \"{action}\"")
        if action == "extend":
            action = "append"
            kwargs["_extend"] = True
        extend = kwargs.pop("_extend", False)
        if "default" not in kwargs:
            kwargs["default"] = self._defaults.get(dest, self.argument_default)
        a = Action(option_strings, dest, required=required, action=action, **kwargs)
        a.extend = extend
        if a.type is not None and not callable(a.type):
            raise ValueError(f"{a.type!r} is not callable")
        self._actions.append(a)
        return a

    def add_mutually_exclusive_group(self, required=False):
        return _Group(self, required)

    def add_argument_group(self, title=None, description=None):
        return _Group(self)

    def set_defaults(self, **kwargs):
        self._defaults.update(kwargs)
        for a in self._actions:
            if a.dest in kwargs:
                a.default = kwargs[a.dest]

    def get_default(self, dest):
        for a in self._actions:
            if a.dest == dest and a.default is not None:
                return a.default
        return self._defaults.get(dest)

    # ------------------------------------------------------------ help

    def _metavar(self, a):
        if a.metavar is not None:
            if isinstance(a.metavar, tuple) and not isinstance(a.nargs, int):
                return a.metavar[0]
            return a.metavar
        if a.choices is not None:
            return "{" + ",".join(map(str, a.choices)) + "}"
        return a.dest if not a.option_strings else a.dest.upper()

    def _format_args(self, a):
        m = self._metavar(a)
        n = a.nargs
        if a.action not in ("store", "append"):
            return ""
        if n is None:
            return m
        if n == "?":
            return f"[{m}]"
        if n == "*":
            return f"[{m} ...]" if a.option_strings else f"[{m} ...]"
        if n == "+":
            return f"{m} [{m} ...]"
        if n == REMAINDER:
            return "..."
        if isinstance(m, tuple):
            return " ".join(m)
        return " ".join([m] * n)

    def format_usage(self):
        return f"usage: {self._usage_body()}\n"

    def _usage_body(self):
        if self.usage is not None:
            return self.usage.replace("%(prog)s", self.prog)
        opt_parts = []
        for a in self._actions:
            if a.option_strings and a.help != SUPPRESS:
                text = a.option_strings[0]
                args = self._format_args(a)
                if args:
                    text += " " + args
                opt_parts.append(text if a.required else f"[{text}]")
        pos_parts = [self._format_args(a) for a in self._actions
                     if not a.option_strings and a.help != SUPPRESS]
        text = " ".join([self.prog] + opt_parts + pos_parts)
        width = _text_width()
        prefix = "usage: "
        if len(prefix) + len(text) <= width:
            return text
        # Too long: options, then positionals, on lines of their own,
        # indented under the first part.

        def lines_of(parts, indent, first=None):
            # `first`: the prefix already on the first line ("usage: ").
            lines, line, length = [], [], len(indent) - 1
            if first is not None:
                length = len(first) - 1
            for part in parts:
                if length + 1 + len(part) > width and line:
                    lines.append(line)
                    line, length = [], len(indent) - 1
                line.append(part)
                length += len(part) + 1
            if line:
                lines.append(line)
            return [" ".join(l) for l in lines]

        if len(prefix) + len(self.prog) <= 0.75 * width:
            indent = " " * (len(prefix) + len(self.prog) + 1)
            if opt_parts:
                lines = lines_of([self.prog] + opt_parts, indent, prefix)
                lines.extend(lines_of(pos_parts, indent))
            elif pos_parts:
                lines = lines_of([self.prog] + pos_parts, indent, prefix)
            else:
                lines = [self.prog]
        else:
            indent = " " * len(prefix)
            lines = [self.prog] + lines_of(opt_parts + pos_parts, indent)
        return ("\n" + indent).join(lines)

    def _invocation(self, a):
        if not a.option_strings:
            return self._metavar(a)
        args = self._format_args(a)
        if not args:
            return ", ".join(a.option_strings)
        return ", ".join(f"{s} {args}" for s in a.option_strings)

    def format_help(self):
        out = [self.format_usage()]
        if self.description:
            out.append(f"\n{self.description}\n")
        positionals = [a for a in self._actions if not a.option_strings and a.help != SUPPRESS]
        optionals = [a for a in self._actions if a.option_strings and a.help != SUPPRESS]
        width = max([len(self._invocation(a)) + 2 for a in positionals + optionals] or [0])
        help_pos = min(width + 2, 24)

        def section(title, actions):
            lines = [f"\n{title}:\n"]
            for a in actions:
                inv = "  " + self._invocation(a)
                text = a.help
                if text is not None:
                    text = text.replace("%(default)s", str(a.default)).replace("%(prog)s", self.prog)
                if text is None:
                    lines.append(inv + "\n")
                elif len(inv) + 2 <= help_pos:
                    lines.append(inv.ljust(help_pos) + text + "\n")
                else:
                    lines.append(inv + "\n" + " " * help_pos + text + "\n")
            return "".join(lines)
        if positionals:
            out.append(section("positional arguments", positionals))
        if optionals:
            out.append(section("options", optionals))
        if self.epilog:
            out.append(f"\n{self.epilog}\n")
        return "".join(out)

    def print_usage(self, file=None):
        (file or _sys.stdout).write(self.format_usage())

    def print_help(self, file=None):
        (file or _sys.stdout).write(self.format_help())

    def exit(self, status=0, message=None):
        if message:
            _sys.stderr.write(message)
        raise SystemExit(status)

    def error(self, message):
        _sys.stderr.write(self.format_usage())
        self.exit(2, f"{self.prog}: error: {message}\n")

    # ------------------------------------------------------------ parsing

    def _convert(self, a, text):
        if a.type is None:
            value = text
        else:
            try:
                value = a.type(text)
            except ArgumentTypeError as e:
                raise ArgumentError(a, str(e))
            except (TypeError, ValueError):
                name = getattr(a.type, "__name__", repr(a.type))
                raise ArgumentError(a, f"invalid {name} value: {text!r}")
        if a.choices is not None and value not in a.choices:
            choices = ", ".join(map(repr, a.choices))
            raise ArgumentError(a, f"invalid choice: {value!r} (choose from {choices})")
        return value

    def _store(self, ns, a, values):
        if a.action == "store":
            if a.nargs is None:
                value = self._convert(a, values[0])
            elif a.nargs == "?":
                value = self._convert(a, values[0]) if values else a.const
            else:
                value = [self._convert(a, v) for v in values]
            setattr(ns, a.dest, value)
        elif a.action == "append":
            items = list(getattr(ns, a.dest, None) or [])
            if a.nargs is None:
                items.append(self._convert(a, values[0]))
            elif a.extend:
                items.extend(self._convert(a, v) for v in values)
            else:
                items.append([self._convert(a, v) for v in values])
            setattr(ns, a.dest, items)
        elif a.action in ("store_const", "store_true", "store_false"):
            setattr(ns, a.dest, a.const)
        elif a.action == "append_const":
            items = list(getattr(ns, a.dest, None) or [])
            items.append(a.const)
            setattr(ns, a.dest, items)
        elif a.action == "count":
            setattr(ns, a.dest, (getattr(ns, a.dest, None) or 0) + 1)
        elif a.action == "help":
            self.print_help()
            self.exit()
        elif a.action == "version":
            _sys.stdout.write(str(a.version).replace("%(prog)s", self.prog) + "\n")
            self.exit()

    def parse_args(self, args=None, namespace=None):
        ns, extras = self.parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return ns

    def parse_known_args(self, args=None, namespace=None):
        if args is None:
            args = _sys.argv[1:]
        args = list(args)
        ns = Namespace() if namespace is None else namespace
        for a in self._actions:
            if a.dest != SUPPRESS and a.default != SUPPRESS and not hasattr(ns, a.dest):
                setattr(ns, a.dest, a.default)
        for k, v in self._defaults.items():
            if not hasattr(ns, k):
                setattr(ns, k, v)
        try:
            extras = self._parse(args, ns)
        except ArgumentError as e:
            if not self.exit_on_error:
                raise
            self.error(str(e))
        return ns, extras

    def _parse(self, args, ns):
        by_option = {}
        for a in self._actions:
            for s in a.option_strings:
                by_option[s] = a
        positional_values = []
        extras = []
        seen = set()
        i = 0
        only_positionals = False
        while i < len(args):
            arg = args[i]
            if only_positionals or arg == "-" or not arg.startswith("-") or \
                    (arg[1:].replace(".", "", 1).isdigit() and arg not in by_option):
                positional_values.append(arg)
                i += 1
                continue
            if arg == "--":
                only_positionals = True
                i += 1
                continue
            explicit = None
            if arg.startswith("--") and "=" in arg:
                arg, explicit = arg.split("=", 1)
            elif not arg.startswith("--") and len(arg) > 2 and arg[:2] in by_option:
                a = by_option[arg[:2]]
                if a.nargs == 0:
                    # Combined flags: -vv, -ab.
                    args[i:i + 1] = [arg[:2], "-" + arg[2:]]
                    continue
                arg, explicit = arg[:2], arg[2:]
            a = by_option.get(arg)
            if a is None:
                extras.append(args[i])
                i += 1
                continue
            seen.add(id(a))
            i += 1
            if a.nargs == 0:
                if explicit is not None:
                    raise ArgumentError(a, f"ignored explicit argument {explicit!r}")
                self._store(ns, a, [])
                continue
            if explicit is not None:
                self._store(ns, a, [explicit])
                continue
            values = []
            while i < len(args) and not (args[i].startswith("-") and len(args[i]) > 1
                                         and not args[i][1:].replace(".", "", 1).isdigit()):
                values.append(args[i])
                i += 1
                if a.nargs in (None, "?") or (isinstance(a.nargs, int) and len(values) == a.nargs):
                    break
            if a.nargs is None and not values:
                raise ArgumentError(a, "expected one argument")
            if a.nargs == "+" and not values:
                raise ArgumentError(a, "expected at least one argument")
            if isinstance(a.nargs, int) and len(values) != a.nargs:
                word = "argument" if a.nargs == 1 else "arguments"
                raise ArgumentError(a, f"expected {a.nargs} {word}")
            self._store(ns, a, values)
        # Positionals, greedily in order.
        positionals = [a for a in self._actions if not a.option_strings]
        rest = positional_values
        for index, a in enumerate(positionals):
            later_min = sum(1 if p.nargs in (None, "+") else p.nargs if isinstance(p.nargs, int) else 0
                            for p in positionals[index + 1:])
            if a.nargs is None:
                if not rest:
                    continue
                take = 1
            elif a.nargs == "?":
                take = 1 if len(rest) > later_min else 0
            elif a.nargs in ("*", REMAINDER):
                take = max(0, len(rest) - later_min)
            elif a.nargs == "+":
                if not rest:
                    continue
                take = max(1, len(rest) - later_min)
            else:
                if len(rest) < a.nargs:
                    continue
                take = a.nargs
            values, rest = rest[:take], rest[take:]
            seen.add(id(a))
            if a.nargs in ("?",) and not values:
                setattr(ns, a.dest, a.default)
                continue
            if a.nargs in ("*",) and not values:
                setattr(ns, a.dest, a.default if a.default is not None else [])
                continue
            self._store(ns, a, values)
        missing = [_arg_name(a) for a in self._actions
                   if a.required and id(a) not in seen]
        if missing:
            raise ArgumentError(None, "the following arguments are required: " + ", ".join(missing))
        return extras + rest
