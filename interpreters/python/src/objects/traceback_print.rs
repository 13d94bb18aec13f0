//! The text of an uncaught exception, as CPython 3.11 prints it.
//!
//! # Design
//!
//! One recursive printer covers plain tracebacks, chained exceptions
//! ("The above exception was the direct cause...", "During handling..."),
//! and exception groups, whose members are drawn in boxes:
//!
//! ```text
//!   + Exception Group Traceback (most recent call last):
//!   |   File "x.py", line 3, in <module>
//!   | ExceptionGroup: eg (2 sub-exceptions)
//!   +-+---------------- 1 ----------------
//!     | ValueError: 1
//!     +---------------- 2 ----------------
//!     | TypeError: 2
//!     +------------------------------------
//! ```
//!
//! The printer keeps CPython's `traceback` module state: the group depth
//! (each level indents two columns and prefixes `| `), whether a closing
//! rule is still owed (a nested group's last member closes every box that
//! ends with it, so only one rule is drawn), and the exceptions seen (a
//! chain that loops is cut). Groups print at most 15 members ("and N more
//! exceptions") and nest at most 10 deep ("... (max_group_depth is 10)").
//!
//! Chains are followed by recursion, not collected into a `Vec`: the
//! exceptions then stay on the native stack, which the collector scans and
//! pins, while `str()` of a message may allocate.
//!
//! Source lines of a traceback entry carry caret lines (`^^^^`, `~~~^^^`)
//! when the entry knows its instruction (a third tuple item, the
//! instruction index) and the code has column positions; `-X
//! no_debug_ranges` or `PYTHONNODEBUGRANGES` turn them off, as in CPython.

use super::str::as_str;
use crate::vm::Vm;

const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;
const CAUSE_MESSAGE: &str =
    "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_MESSAGE: &str =
    "\nDuring handling of the above exception, another exception occurred:\n\n";

/// Are caret lines wanted? Off with `-X no_debug_ranges`, or with a
/// non-empty `PYTHONNODEBUGRANGES` (unless `-E`).
pub fn debug_ranges_enabled() -> bool {
    let opts = crate::vm::cli::options();
    if opts.xoptions.iter().any(|x| x == "no_debug_ranges") {
        return false;
    }
    if !opts.ignore_environment
        && std::env::var_os("PYTHONNODEBUGRANGES").is_some_and(|v| !v.is_empty())
    {
        return false;
    }
    true
}

const RECURSIVE_CUTOFF: usize = 3;
/// Marks a line CPython writes without the group margin: its C printer
/// emits the "[Previous line repeated ...]" summary unindented.
const RAW_LINE: char = '\u{1}';

/// The summary line after a run of `count` identical frames.
fn flush_repeats(out: &mut String, count: usize) {
    if count > RECURSIVE_CUTOFF {
        let more = count - RECURSIVE_CUTOFF;
        let s = if more > 1 { "s" } else { "" };
        out.push(RAW_LINE);
        out.push_str(&format!("  [Previous line repeated {more} more time{s}]\n"));
    }
}

/// Character index of UTF-8 byte offset `byte` in `text` (clamped).
fn char_offset(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].chars().count()
}

/// Without the compiler feature there is no parser to find anchors with.
#[cfg(not(feature = "compiler"))]
fn caret_anchors(_segment: &str) -> Option<(usize, usize)> {
    None
}

/// Where the operator of a binary operation, or the brackets of a
/// subscript, sit in `segment` (the instruction's source text): the
/// character range drawn with `^` while the rest gets `~`. None when the
/// segment is not one such expression.
#[cfg(feature = "compiler")]
fn caret_anchors(segment: &str) -> Option<(usize, usize)> {
    use crate::ast::{ExprKind, StmtKind};
    let arena = bumpalo::Bump::new();
    let src = arena.alloc_str(segment);
    let module = crate::parser::parse_module(&arena, src).ok()?;
    let [stmt] = module.body else { return None };
    let StmtKind::Expr { value } = &stmt.kind else {
        return None;
    };
    // Offsets are on the segment's first line (single-line segments only).
    match &value.kind {
        ExprKind::BinOp { left, right, .. } => {
            // The first non-space character after the left operand, past
            // any closing parentheses; two characters for `//`, `**`...
            let bytes = segment.as_bytes();
            let (mut i, end) = (
                left.span.end_col_offset as usize,
                (right.span.col_offset as usize).min(bytes.len()),
            );
            let mut anchors = None;
            while i < end {
                let c = bytes[i];
                if c.is_ascii_whitespace() {
                    i += 1;
                    continue;
                }
                let mut right_anchor = i + 1;
                if i + 1 < end && !bytes[i + 1].is_ascii_whitespace() {
                    right_anchor += 1;
                }
                anchors = Some((i, right_anchor));
                if c == b')' && i + 1 < end {
                    i += 1;
                    continue;
                }
                break;
            }
            let (l, r) = anchors?;
            Some((char_offset(segment, l), char_offset(segment, r)))
        }
        ExprKind::Subscript { value, slice, .. } => Some((
            char_offset(segment, value.span.end_col_offset as usize),
            char_offset(segment, slice.span.end_col_offset as usize + 1),
        )),
        _ => None,
    }
}

/// The caret line under source line `text` (line number `line`) for an
/// instruction at `pos`, without its 4-space indent; None when CPython
/// prints none (no position, or `^` would cover the whole line).
fn caret_line(text: &str, line: u32, pos: crate::ast::Span) -> Option<String> {
    if pos.lineno != line || pos.lineno == 0 {
        return None;
    }
    let start = char_offset(text, pos.col_offset as usize);
    let stripped_chars = text.chars().count() - text.trim_start().chars().count();
    let stripped_len = text.trim().chars().count();
    let (end, anchors) = if pos.end_lineno == pos.lineno {
        let end = char_offset(text, pos.end_col_offset as usize);
        let segment = text.get(pos.col_offset as usize..pos.end_col_offset as usize)?;
        (end, caret_anchors(segment))
    } else {
        // A multi-line range: up to the end of this line, no anchors.
        (stripped_chars + stripped_len, None)
    };
    if end <= start || start < stripped_chars {
        return None;
    }
    let width = end - start;
    if anchors.is_none() && width >= stripped_len {
        return None;
    }
    let mut marks = " ".repeat(start - stripped_chars);
    match anchors {
        Some((left, right)) => {
            for i in 0..width {
                marks.push(if i >= left && i < right { '^' } else { '~' });
            }
        }
        None => marks.push_str(&"^".repeat(width)),
    }
    Some(marks)
}

/// The printer's state across one uncaught exception.
struct Printer {
    out: String,
    group_depth: usize,
    need_close: bool,
    seen: Vec<super::Value>,
    carets: bool,
}

impl Printer {
    fn indent(&self) -> String {
        " ".repeat(2 * self.group_depth)
    }

    /// Append `text` with every line prefixed by the group margin (but
    /// for lines marked [`RAW_LINE`]).
    fn emit(&mut self, text: &str, margin: char) {
        let prefix = if self.group_depth == 0 {
            String::new()
        } else {
            format!("{}{margin} ", self.indent())
        };
        for line in text.split_inclusive('\n') {
            match line.strip_prefix(RAW_LINE) {
                Some(raw) => self.out.push_str(raw),
                None => {
                    self.out.push_str(&prefix);
                    self.out.push_str(line);
                }
            }
        }
    }
}

impl Vm {
    /// The full traceback text CPython prints for an uncaught exception,
    /// with its chained causes and contexts first.
    pub fn format_exception(&mut self, exc: super::Value) -> String {
        let mut p = Printer {
            out: String::new(),
            group_depth: 0,
            need_close: false,
            seen: Vec::new(),
            carets: debug_ranges_enabled(),
        };
        self.print_chain(&mut p, exc);
        p.out
    }

    /// `exc` preceded by its cause or context (unless suppressed or seen).
    fn print_chain(&mut self, p: &mut Printer, exc: super::Value) {
        p.seen.push(exc);
        let cause = self
            .instance_get(exc, "__cause__")
            .filter(|&c| c != self.none && self.is_exception(c));
        let context = self
            .instance_get(exc, "__context__")
            .filter(|&c| c != self.none && self.is_exception(c));
        let suppress = self.instance_get(exc, "__suppress_context__") == Some(self.true_);
        if let Some(c) = cause {
            if !p.seen.contains(&c) {
                self.print_chain(p, c);
                p.emit(CAUSE_MESSAGE, '|');
            }
        } else if let Some(c) = context
            && !suppress
            && !p.seen.contains(&c)
        {
            self.print_chain(p, c);
            p.emit(CONTEXT_MESSAGE, '|');
        }
        if self.is_exception_group(exc) {
            self.print_group(p, exc);
        } else {
            let frames = self.format_frames(exc, p.carets);
            if !frames.is_empty() {
                p.emit("Traceback (most recent call last):\n", '|');
                p.emit(&frames, '|');
            }
            let only = self.format_exception_only(exc);
            p.emit(&only, '|');
        }
    }

    fn print_group(&mut self, p: &mut Printer, group: super::Value) {
        if p.group_depth > MAX_GROUP_DEPTH {
            p.emit(
                &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"),
                '|',
            );
            return;
        }
        let toplevel = p.group_depth == 0;
        if toplevel {
            p.group_depth += 1;
        }
        let frames = self.format_frames(group, p.carets);
        if !frames.is_empty() {
            p.emit(
                "Exception Group Traceback (most recent call last):\n",
                if toplevel { '+' } else { '|' },
            );
            p.emit(&frames, '|');
        }
        let only = self.format_exception_only(group);
        p.emit(&only, '|');
        let members = self
            .instance_get(group, "exceptions")
            .filter(|&t| self.is_tuple(t))
            .unwrap_or(self.empty_tuple);
        let count = self.tuple_items(members).len();
        let shown = if count <= MAX_GROUP_WIDTH {
            count
        } else {
            MAX_GROUP_WIDTH + 1
        };
        p.need_close = false;
        for i in 0..shown {
            let last = i + 1 == shown;
            if last {
                // A nested group's last member may draw the closing rule.
                p.need_close = true;
            }
            let truncated = i >= MAX_GROUP_WIDTH;
            let title = if truncated {
                "...".to_string()
            } else {
                (i + 1).to_string()
            };
            let lead = if i == 0 { "+-" } else { "  " };
            p.out.push_str(&format!(
                "{}{lead}+---------------- {title} ----------------\n",
                p.indent()
            ));
            p.group_depth += 1;
            if truncated {
                let remaining = count - MAX_GROUP_WIDTH;
                let plural = if remaining > 1 { "s" } else { "" };
                p.emit(&format!("and {remaining} more exception{plural}\n"), '|');
            } else {
                let member = self.tuple_items(members)[i];
                self.print_chain(p, member);
            }
            if last && p.need_close {
                p.out.push_str(&format!(
                    "{}+------------------------------------\n",
                    p.indent()
                ));
                p.need_close = false;
            }
            p.group_depth -= 1;
        }
        if toplevel {
            p.group_depth = 0;
        }
    }

    /// The "  File ..., line N, in f" lines (with source and carets) of
    /// `exc.__traceback__`, outermost first.
    fn format_frames(&mut self, exc: super::Value, carets: bool) -> String {
        let mut out = String::new();
        let Some(tb) = self
            .instance_get(exc, "__traceback__")
            .filter(|&t| self.is_list(t))
        else {
            return out;
        };
        let n = self.list_items(tb).len();
        // CPython prints a run of more than 3 identical frames (file, line,
        // function) once per frame up to 3, then one summary line.
        let mut last: Option<(usize, u32)> = None;
        let mut repeats = 0usize;
        for j in (0..n).rev() {
            let entry = self.list_items(tb)[j];
            if !self.is_tuple(entry) || self.tuple_items(entry).len() < 2 {
                continue;
            }
            let items = self.tuple_items(entry);
            let (code_v, line) = (items[0], items[1].as_small() as u32);
            let lasti = items
                .get(2)
                .filter(|v| v.is_small())
                .map(|v| v.as_small() as usize);
            let code_index = code_v.get(1).as_small() as usize;
            if last == Some((code_index, line)) {
                repeats += 1;
            } else {
                flush_repeats(&mut out, repeats);
                last = Some((code_index, line));
                repeats = 1;
            }
            if repeats > RECURSIVE_CUTOFF {
                continue;
            }
            let code = self.codes[code_index].clone();
            out.push_str(&format!(
                "  File \"{}\", line {line}, in {}\n",
                code.co.filename, code.co.name
            ));
            let Some(src) = self.sources.get(&code.co.filename).cloned() else {
                continue;
            };
            let Some(text) = src
                .get((line as usize).wrapping_sub(1))
                .filter(|_| line > 0)
            else {
                continue;
            };
            let trimmed = text.trim();
            if trimmed.is_empty() {
                continue;
            }
            out.push_str(&format!("    {trimmed}\n"));
            if carets
                && let Some(i) = lasti
                && let Some(pos) = code.co.positions.get(i)
                && let Some(marks) = caret_line(text, line, *pos)
            {
                out.push_str(&format!("    {marks}\n"));
            }
        }
        flush_repeats(&mut out, repeats);
        out
    }

    /// The "Type: message" line, then each of `__notes__`.
    fn format_exception_only(&mut self, exc: super::Value) -> String {
        let t = self.type_of(exc);
        let name = super::typeobj::info(t).name.clone();
        let module = self
            .lookup_attr(t, "__module__")
            .ok()
            .flatten()
            .filter(|m| self.is_str(*m))
            .map(|m| as_str(m).to_string())
            .filter(|m| m != "builtins" && m != "__main__");
        let full = match module {
            Some(m) => format!("{m}.{name}"),
            None => name,
        };
        let msg = match self.str_of(exc) {
            Ok(s) => as_str(s).to_string(),
            Err(_) => "<exception str() failed>".to_string(),
        };
        let mut out = if msg.is_empty() {
            format!("{full}\n")
        } else {
            format!("{full}: {msg}\n")
        };
        if let Some(notes) = self
            .instance_get(exc, "__notes__")
            .filter(|&n| n != self.none)
        {
            if self.is_list(notes) || self.is_tuple(notes) {
                let n = if self.is_list(notes) {
                    self.list_items(notes).len()
                } else {
                    self.tuple_items(notes).len()
                };
                for j in 0..n {
                    let note = if self.is_list(notes) {
                        self.list_items(notes)[j]
                    } else {
                        self.tuple_items(notes)[j]
                    };
                    let text = if self.is_str(note) {
                        as_str(note).to_string()
                    } else {
                        match self.str_of(note) {
                            Ok(s) => as_str(s).to_string(),
                            Err(_) => "<note str() failed>".to_string(),
                        }
                    };
                    out.push_str(&text);
                    out.push('\n');
                }
            } else {
                let text = match self.repr_string(notes) {
                    Ok(s) => s,
                    Err(_) => "<__notes__ repr() failed>".to_string(),
                };
                out.push_str(&text);
                out.push('\n');
            }
        }
        out
    }
}

/// `BaseException.add_note(note)`: append a str to `__notes__` (made a
/// list on first use); the printer shows notes under the message.
pub fn exc_add_note(
    vm: &mut Vm,
    args: &[super::Value],
    _kw: &[super::Value],
) -> crate::vm::PyResult<super::Value> {
    vm.check_nargs("add_note", args, 2, 2)?;
    let (exc, note) = (args[0], args[1]);
    if !vm.is_str(note) {
        let tn = vm.type_name(note);
        return Err(vm.err(
            super::exceptions::E::TypeError,
            format!("note must be a str, not '{tn}'"),
        ));
    }
    let notes = match vm.instance_get(exc, "__notes__") {
        Some(n) if vm.is_list(n) => n,
        Some(_) => {
            return Err(vm.err(
                super::exceptions::E::TypeError,
                "Cannot add note: __notes__ is not a list",
            ));
        }
        None => {
            let l = vm.new_list(&[]);
            let k = vm.intern("__notes__");
            vm.instance_set(exc, k, l);
            l
        }
    };
    vm.list_append(notes, note);
    Ok(vm.none)
}

#[cfg(all(test, feature = "compiler"))]
mod tests {
    use super::caret_line;
    use crate::compile::bytecode::{CodeObject, Const, Opcode};

    /// The caret line of the first instruction of `code` (searching nested
    /// code objects too) that `pick` accepts.
    fn carets_of(source: &str, line: u32, pick: &dyn Fn(Opcode, u32) -> bool) -> Option<String> {
        fn find(co: &CodeObject, pick: &dyn Fn(Opcode, u32) -> bool) -> Option<crate::ast::Span> {
            for (i, instr) in co.code.iter().enumerate() {
                if pick(instr.op, instr.arg) {
                    return co.positions.get(i).copied();
                }
            }
            co.consts.iter().find_map(|c| match c {
                Const::Code(inner) => find(inner, pick),
                _ => None,
            })
        }
        let co = crate::compile::compile_bytes(source.as_bytes(), "t.py").expect("compiles");
        assert_eq!(co.positions.len(), co.code.len());
        let pos = find(&co, pick).expect("instruction found");
        let text = source.lines().nth(line as usize - 1).expect("line");
        caret_line(text, line, pos)
    }

    #[test]
    fn binary_operator_gets_anchors() {
        let src = "def f(a, b):\n    return g(a) + b * 2\n";
        let marks = carets_of(src, 2, &|op, arg| op == Opcode::BINARY_OP && arg == 5);
        assert_eq!(marks.as_deref(), Some("              ~~^~~"));
        let marks = carets_of(src, 2, &|op, arg| op == Opcode::BINARY_OP && arg == 0);
        assert_eq!(marks.as_deref(), Some("       ~~~~~^~~~~~~"));
    }

    #[test]
    fn subscript_and_two_character_operators() {
        let src = "x = table[key]\ny = a // b\n";
        let marks = carets_of(src, 1, &|op, _| op == Opcode::BINARY_SUBSCR);
        assert_eq!(marks.as_deref(), Some("    ~~~~~^^^^^"));
        let marks = carets_of(src, 2, &|op, arg| op == Opcode::BINARY_OP && arg == 2);
        assert_eq!(marks.as_deref(), Some("    ~~^^~~"));
    }

    #[test]
    fn calls_and_attributes_get_plain_carets() {
        let src = "print(obj.attr, f(1))\n";
        let marks = carets_of(src, 1, &|op, _| op == Opcode::LOAD_ATTR);
        assert_eq!(marks.as_deref(), Some("      ^^^^^^^^"));
    }

    #[test]
    fn whole_line_ranges_are_elided() {
        let src = "f(1)\nraise ValueError(x)\n";
        assert_eq!(carets_of(src, 1, &|op, _| op == Opcode::CALL), None);
        assert_eq!(
            carets_of(src, 2, &|op, _| op == Opcode::RAISE_VARARGS),
            None
        );
    }
}
