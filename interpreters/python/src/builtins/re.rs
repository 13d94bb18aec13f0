//! `_repy_re`: the matching engine under lib/re.py, on the `regex` crate.
//!
//! # Design
//!
//! Python's pattern syntax is translated to the `regex` crate's (named
//! groups `(?P<n>...)` pass through; `\Z` becomes `\z`; `{,n}` becomes
//! `{0,n}`; re.ASCII turns `\d \w \s` into ASCII classes; literal `[`, `&`
//! and `~` inside classes are escaped because the crate reads them as class
//! operators). Features the crate does not have are refused with a clear
//! re.error: backreferences (`\1`, `(?P=name)`) and lookaround (`(?=`,
//! `(?!`, `(?<=`, `(?<!`). One difference stays: without MULTILINE, `$`
//! matches only at the very end, not also before a final newline.
//!
//! Each compiled pattern lives in a per-thread table (a pattern is a small
//! int on the Python side) with a second, end-anchored program for
//! `fullmatch`. A search returns the groups' spans in characters, or None;
//! everything else (Match objects, sub templates, split, finditer's rules
//! for empty matches) is Python in lib/re.py.

use crate::objects::Value;
use crate::objects::exceptions::E;
use crate::objects::function::NativeFn;
use crate::objects::str::as_str;
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;

const IGNORECASE: i64 = 2;
const MULTILINE: i64 = 8;
const DOTALL: i64 = 16;
const VERBOSE: i64 = 64;
const ASCII: i64 = 256;

struct Compiled {
    search: regex::Regex,
    full: regex::Regex,
}

thread_local! {
    static PATTERNS: RefCell<Vec<Compiled>> = const { RefCell::new(Vec::new()) };
}

/// Python pattern text to the crate's syntax; Err(message) for what the
/// crate cannot do.
fn translate(p: &str, flags: i64) -> Result<String, String> {
    let ascii = flags & ASCII != 0;
    let verbose = flags & VERBOSE != 0;
    let mut out = String::with_capacity(p.len() + 16);
    let chars: Vec<char> = p.chars().collect();
    let mut i = 0;
    let mut in_class = false;
    let mut class_start = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            let Some(&n) = chars.get(i + 1) else {
                return Err("bad escape (end of pattern)".to_string());
            };
            match n {
                '1'..='9' if !in_class => {
                    return Err(format!(
                        "backreferences (\\{n}) are not supported by repy's re"
                    ));
                }
                'Z' => out.push_str("\\z"),
                '0' => out.push_str("\\x00"),
                'd' if ascii => out.push_str(if in_class { "0-9" } else { "[0-9]" }),
                'w' if ascii => out.push_str(if in_class {
                    "0-9A-Za-z_"
                } else {
                    "[0-9A-Za-z_]"
                }),
                's' if ascii => out.push_str(if in_class {
                    "\\t\\n\\x0B\\x0C\\r "
                } else {
                    "[\\t\\n\\x0B\\x0C\\r ]"
                }),
                _ => {
                    out.push('\\');
                    out.push(n);
                }
            }
            i += 2;
            continue;
        }
        if in_class {
            match c {
                ']' if i > class_start => {
                    in_class = false;
                    out.push(']');
                }
                '[' | '&' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
            i += 1;
            continue;
        }
        match c {
            '[' => {
                in_class = true;
                out.push('[');
                i += 1;
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                // A `]` first in a class is a literal.
                if chars.get(i) == Some(&']') {
                    out.push_str("\\]");
                    i += 1;
                }
                class_start = i;
                continue;
            }
            '(' if chars.get(i + 1) == Some(&'?') => {
                let rest: String = chars[i + 2..].iter().take(3).collect();
                if rest.starts_with('=')
                    || rest.starts_with('!')
                    || rest.starts_with("<=")
                    || rest.starts_with("<!")
                {
                    return Err(
                        "lookahead and lookbehind assertions are not supported by repy's re"
                            .to_string(),
                    );
                }
                if rest.starts_with("P=") {
                    return Err(
                        "backreferences ((?P=name)) are not supported by repy's re".to_string()
                    );
                }
                if rest.starts_with('#') {
                    // A comment group: skip to its `)`.
                    while i < chars.len() && chars[i] != ')' {
                        i += 1;
                    }
                    i += 1;
                    continue;
                }
                out.push('(');
                i += 1;
            }
            '{' if chars.get(i + 1) == Some(&',') => {
                out.push_str("{0");
                i += 1;
            }
            '#' if verbose => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    if in_class {
        return Err(format!(
            "unterminated character set at position {}",
            class_start.saturating_sub(1)
        ));
    }
    Ok(out)
}

fn build(p: &str, flags: i64, anchored_end: bool) -> Result<regex::Regex, String> {
    let body = translate(p, flags)?;
    let text = if anchored_end {
        format!("(?:{body})\\z")
    } else {
        body
    };
    regex::RegexBuilder::new(&text)
        .case_insensitive(flags & IGNORECASE != 0)
        .multi_line(flags & MULTILINE != 0)
        .dot_matches_new_line(flags & DOTALL != 0)
        .ignore_whitespace(flags & VERBOSE != 0)
        .size_limit(64 << 20)
        .build()
        .map_err(|e| match e {
            regex::Error::Syntax(s) => s
                .lines()
                .rev()
                .find(|l| l.starts_with("error:"))
                .map(|l| l.trim_start_matches("error: ").to_string())
                .unwrap_or(s),
            other => other.to_string(),
        })
}

/// `_compile(pattern, flags)`: a handle, or ValueError("message").
fn re_compile(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.len() != 2 || !vm.is_str(args[0]) {
        return Err(vm.err(E::TypeError, "_compile(pattern: str, flags: int)"));
    }
    let flags = vm.index_i64(args[1])?;
    let p = as_str(args[0]);
    let compiled = build(p, flags, false)
        .and_then(|search| build(p, flags, true).map(|full| Compiled { search, full }));
    match compiled {
        Ok(c) => {
            let n = PATTERNS.with(|t| {
                let mut t = t.borrow_mut();
                t.push(c);
                t.len() - 1
            });
            Ok(Value::small(n as i64))
        }
        Err(msg) => Err(vm.err(E::ValueError, msg)),
    }
}

/// `_info(handle)`: (number of groups, {name: index}).
fn re_info(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let h = handle(vm, args)?;
    let (count, names) = PATTERNS.with(|t| {
        let t = t.borrow();
        let re = &t[h].search;
        let names: Vec<(String, usize)> = re
            .capture_names()
            .enumerate()
            .filter_map(|(i, n)| n.map(|n| (n.to_string(), i)))
            .collect();
        (re.captures_len() - 1, names)
    });
    let d = vm.new_dict();
    let mark = vm.pin(&[d]);
    for (n, i) in names {
        let k = vm.new_str(&n);
        vm.dict_set(d, k, Value::small(i as i64))?;
    }
    vm.unpin(mark);
    Ok(vm.new_tuple(&[Value::small(count as i64), d]))
}

fn handle(vm: &mut Vm, args: &[Value]) -> PyResult<usize> {
    let n = match args.first() {
        Some(&v) => vm.index_i64(v)?,
        None => -1,
    };
    let known = PATTERNS.with(|t| n >= 0 && (n as usize) < t.borrow().len());
    if !known {
        return Err(vm.err(E::ValueError, "unknown compiled pattern"));
    }
    Ok(n as usize)
}

/// Byte offset of character index `ci` in `s` (clamped to the end).
fn byte_at(s: &str, ci: usize, ascii: bool) -> usize {
    if ascii {
        return ci.min(s.len());
    }
    s.char_indices().nth(ci).map(|(b, _)| b).unwrap_or(s.len())
}

/// `_search(handle, string, pos, endpos, mode)`: mode 0 search, 1 match
/// (at pos), 2 fullmatch; a tuple of (start, end) per group in characters
/// ((-1, -1) for a group that did not take part), or None.
fn re_search(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.len() != 5 || !vm.is_str(args[1]) {
        return Err(vm.err(E::TypeError, "_search(handle, string, pos, endpos, mode)"));
    }
    let h = handle(vm, args)?;
    let s = as_str(args[1]);
    let ascii = s.is_ascii();
    let nchars = if ascii { s.len() } else { s.chars().count() };
    let pos = vm.index_i64(args[2])?.clamp(0, nchars as i64) as usize;
    let endpos = vm.index_i64(args[3])?.clamp(0, nchars as i64) as usize;
    let mode = vm.index_i64(args[4])?;
    if pos > endpos {
        return Ok(vm.none);
    }
    let start_b = byte_at(s, pos, ascii);
    let end_b = byte_at(s, endpos, ascii);
    let hay = &s[..end_b];
    let spans: Option<Vec<(i64, i64)>> = PATTERNS.with(|t| {
        let t = t.borrow();
        let re = if mode == 2 { &t[h].full } else { &t[h].search };
        let caps = re.captures_at(hay, start_b)?;
        let whole = caps.get(0)?;
        if mode != 0 && whole.start() != start_b {
            return None;
        }
        let to_char = |b: usize| -> i64 {
            if ascii {
                b as i64
            } else {
                s[..b].chars().count() as i64
            }
        };
        Some(
            (0..caps.len())
                .map(|i| match caps.get(i) {
                    Some(m) => (to_char(m.start()), to_char(m.end())),
                    None => (-1, -1),
                })
                .collect(),
        )
    });
    let Some(spans) = spans else {
        return Ok(vm.none);
    };
    let list = vm.new_list(&[]);
    let mark = vm.pin(&[list]);
    for (a, b) in spans {
        let pair = vm.new_tuple(&[Value::small(a), Value::small(b)]);
        vm.list_append(list, pair);
    }
    let items = vm.list_items(list).to_vec();
    let t = vm.new_tuple(&items);
    vm.unpin(mark);
    Ok(t)
}

/// The `_repy_re` module.
pub fn install(vm: &mut Vm) -> Value {
    let m = vm.new_module("_repy_re");
    vm.immortal.push(m);
    let fns: &[(&'static str, NativeFn)] = &[
        ("_compile", re_compile),
        ("_info", re_info),
        ("_search", re_search),
    ];
    let d = m.get(1);
    for &(name, f) in fns {
        let func = vm.def_builtin(name, "_repy_re", f);
        let k = vm.intern(name);
        let _ = vm.dict_set(d, k, func);
    }
    m
}
