"""String constants, capwords, Template and Formatter."""

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords",
           "digits", "hexdigits", "octdigits", "printable", "punctuation",
           "whitespace", "Formatter", "Template"]

whitespace = " \t\n\r\x0b\x0c"
ascii_lowercase = "abcdefghijklmnopqrstuvwxyz"
ascii_uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ascii_letters = ascii_lowercase + ascii_uppercase
digits = "0123456789"
hexdigits = digits + "abcdef" + "ABCDEF"
octdigits = "01234567"
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    return (sep or " ").join(map(str.capitalize, s.split(sep)))


def _is_ident_start(c):
    return c == "_" or ("a" <= c <= "z") or ("A" <= c <= "Z")


def _is_ident_char(c):
    return _is_ident_start(c) or "0" <= c <= "9"


class Template:
    delimiter = "$"
    braceidpattern = None

    def __init__(self, template):
        self.template = template

    def _scan(self, mapping, safe):
        s = self.template
        out = []
        i = 0
        n = len(s)
        d = self.delimiter
        while i < n:
            j = s.find(d, i)
            if j < 0:
                out.append(s[i:])
                break
            out.append(s[i:j])
            k = j + len(d)
            if s.startswith(d, k):
                out.append(d)
                i = k + len(d)
                continue
            if k < n and s[k] == "{":
                end = s.find("}", k)
                name = s[k + 1:end] if end >= 0 else ""
                if end >= 0 and name and _is_ident_start(name[0]) and all(map(_is_ident_char, name)):
                    i = end + 1
                    self._sub(name, s[j:i], mapping, safe, out)
                    continue
                if safe:
                    out.append(d)
                    i = k
                    continue
                self._invalid(j)
            m = k
            if m < n and _is_ident_start(s[m]):
                m += 1
                while m < n and _is_ident_char(s[m]):
                    m += 1
                self._sub(s[k:m], s[j:m], mapping, safe, out)
                i = m
                continue
            if safe:
                out.append(d)
                i = k
                continue
            self._invalid(j)
        return "".join(out)

    def _invalid(self, index):
        lines = self.template[:index].splitlines(keepends=True)
        if not lines:
            colno, lineno = 1, 1
        else:
            colno = index - len("".join(lines[:-1])) + 1
            lineno = len(lines)
        raise ValueError(f"Invalid placeholder in string: line {lineno}, col {colno}")

    @staticmethod
    def _sub(name, text, mapping, safe, out):
        if safe:
            try:
                out.append(str(mapping[name]))
            except KeyError:
                out.append(text)
        else:
            out.append(str(mapping[name]))

    def substitute(self, mapping=None, /, **kws):
        if mapping is None:
            mapping = kws
        elif kws:
            mapping = {**mapping, **kws}
        return self._scan(mapping, False)

    def safe_substitute(self, mapping=None, /, **kws):
        if mapping is None:
            mapping = kws
        elif kws:
            mapping = {**mapping, **kws}
        return self._scan(mapping, True)

    def get_identifiers(self):
        ids = []

        class Collect(dict):
            def __missing__(self, key):
                if key not in ids:
                    ids.append(key)
                return ""
        self._scan(Collect(), True)
        return ids

    def is_valid(self):
        try:
            self._scan({}, True)
        except ValueError:
            return False
        return True


class Formatter:
    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        # Fields are resolved by str.format itself; get_value,
        # format_field and convert_field overrides are not consulted.
        return format_string.format(*args, **kwargs)

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == "s":
            return str(value)
        if conversion == "r":
            return repr(value)
        if conversion == "a":
            return ascii(value)
        raise ValueError(f"Unknown conversion specifier {conversion!s}")
