//! More str methods: searching with `start`/`end` (slice semantics on code
//! points), splitting with keywords, CPython's line boundaries, the Unicode
//! predicates, `translate`/`maketrans`, `expandtabs`, `encode`, and the
//! argument binder the other native methods share.
//!
//! Text is UTF-8, so a `start`/`end` pair in code points is turned into a
//! byte range once (`char_range`); the search itself then runs on bytes and
//! its result is turned back into a code-point index.

use super::{arg_str, as_str};
use crate::objects::Value;
use crate::objects::exceptions::E;
use crate::vm::{PyResult, Vm};

/// Match a native method's arguments (self at `args[0]`, keyword values at
/// the end named by `kw`) to `names`; `min` of them are required.
pub fn bind_args(
    vm: &mut Vm,
    fname: &str,
    args: &[Value],
    kw: &[Value],
    names: &[&str],
    min: usize,
) -> PyResult<Vec<Option<Value>>> {
    let npos = args.len() - kw.len() - 1;
    if npos > names.len() {
        let msg = if kw.is_empty() && min == names.len() {
            match min {
                0 => format!("{fname}() takes no arguments ({npos} given)"),
                1 => format!("{fname}() takes exactly one argument ({npos} given)"),
                _ => format!("{fname}() takes exactly {min} arguments ({npos} given)"),
            }
        } else {
            format!(
                "{fname}() takes at most {} argument{} ({npos} given)",
                names.len(),
                if names.len() == 1 { "" } else { "s" }
            )
        };
        return Err(vm.err(E::TypeError, msg));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (i, &a) in args[1..1 + npos].iter().enumerate() {
        out[i] = Some(a);
    }
    for (i, &k) in kw.iter().enumerate() {
        let key = as_str(k);
        match names.iter().position(|n| *n == key) {
            Some(j) if out[j].is_none() => out[j] = Some(args[1 + npos + i]),
            Some(_) => {
                return Err(vm.err(
                    E::TypeError,
                    format!("argument for {fname}() given by name ('{key}') and position"),
                ));
            }
            None => {
                return Err(vm.err(
                    E::TypeError,
                    format!("{fname}() got an unexpected keyword argument '{key}'"),
                ));
            }
        }
    }
    if let Some(missing) = out.iter().take(min).position(Option::is_none) {
        let msg = if kw.is_empty() {
            format!(
                "{fname}() takes at least {min} argument{} ({npos} given)",
                if min == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{fname}() missing required argument '{}' (pos {})",
                names[missing],
                missing + 1
            )
        };
        return Err(vm.err(E::TypeError, msg));
    }
    Ok(out)
}

fn no_kw(vm: &mut Vm, fname: &str, kw: &[Value]) -> PyResult<()> {
    if kw.is_empty() {
        Ok(())
    } else {
        Err(vm.err(
            E::TypeError,
            format!("{fname}() takes no keyword arguments"),
        ))
    }
}

/// A slice bound (`None` or an index-like value), in code points.
fn bound(vm: &mut Vm, v: Option<Value>, default: i64, len: i64) -> PyResult<i64> {
    match v {
        None => Ok(default),
        Some(v) if v == vm.none => Ok(default),
        Some(v) => {
            if !vm.is_int(v) && vm.lookup_special(v, "__index__").is_none() {
                return Err(vm.err(
                    E::TypeError,
                    "slice indices must be integers or None or have an __index__ method",
                ));
            }
            let i = vm.index_i64(v)?;
            Ok(if i < 0 { (i + len).max(0) } else { i })
        }
    }
}

/// Byte offset of code point `i` (clamped to the end).
fn byte_at(s: &str, ascii: bool, i: usize) -> usize {
    if ascii {
        return i.min(s.len());
    }
    s.char_indices().nth(i).map_or(s.len(), |(b, _)| b)
}

/// The byte range of `s[start:end]` and its first code point's index; None
/// when `start` lies past the end (nothing can match there).
fn char_range(
    vm: &mut Vm,
    v: Value,
    start: Option<Value>,
    end: Option<Value>,
) -> PyResult<Option<(usize, usize, i64)>> {
    let s = as_str(v);
    let len = super::char_len(v) as i64;
    let a = bound(vm, start, 0, len)?;
    let b = bound(vm, end, len, len)?.min(len);
    if a > len || a > b {
        return Ok(None);
    }
    let ascii = s.len() as i64 == len;
    Ok(Some((
        byte_at(s, ascii, a as usize),
        byte_at(s, ascii, b as usize),
        a,
    )))
}

fn char_count(s: &str) -> i64 {
    s.chars().count() as i64
}

/// find/rfind/index/rindex: the code-point index of `sub`, or -1.
fn search(vm: &mut Vm, args: &[Value], kw: &[Value], name: &str, rev: bool) -> PyResult<i64> {
    no_kw(vm, name, kw)?;
    let a = bind_args(vm, name, args, kw, &["sub", "start", "end"], 1)?;
    let sub_v = a[0].unwrap_or(Value::NULL);
    let sub = if vm.is_str(sub_v) {
        as_str(sub_v)
    } else {
        let tn = vm.type_name(sub_v);
        return Err(vm.err(E::TypeError, format!("must be str, not {tn}")));
    };
    let Some((b0, b1, c0)) = char_range(vm, args[0], a[1], a[2])? else {
        return Ok(-1);
    };
    let s = as_str(args[0]);
    let hay = &s[b0..b1];
    let found = if rev { hay.rfind(sub) } else { hay.find(sub) };
    Ok(found.map_or(-1, |b| c0 + char_count(&hay[..b])))
}

pub(super) fn m_find(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    Ok(Value::small(search(vm, args, kw, "find", false)?))
}
pub(super) fn m_rfind(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    Ok(Value::small(search(vm, args, kw, "rfind", true)?))
}
pub(super) fn m_index(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    match search(vm, args, kw, "index", false)? {
        -1 => Err(vm.err(E::ValueError, "substring not found")),
        i => Ok(Value::small(i)),
    }
}
pub(super) fn m_rindex(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    match search(vm, args, kw, "rindex", true)? {
        -1 => Err(vm.err(E::ValueError, "substring not found")),
        i => Ok(Value::small(i)),
    }
}

pub(super) fn m_count(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    no_kw(vm, "count", kw)?;
    let a = bind_args(vm, "count", args, kw, &["sub", "start", "end"], 1)?;
    let sub_v = a[0].unwrap_or(Value::NULL);
    if !vm.is_str(sub_v) {
        let tn = vm.type_name(sub_v);
        return Err(vm.err(E::TypeError, format!("must be str, not {tn}")));
    }
    let sub = as_str(sub_v);
    let Some((b0, b1, _)) = char_range(vm, args[0], a[1], a[2])? else {
        return Ok(Value::small(0));
    };
    let hay = &as_str(args[0])[b0..b1];
    let n = if sub.is_empty() {
        char_count(hay) + 1
    } else {
        hay.matches(sub).count() as i64
    };
    Ok(Value::small(n))
}

fn affix(vm: &mut Vm, args: &[Value], kw: &[Value], name: &str, prefix: bool) -> PyResult<Value> {
    no_kw(vm, name, kw)?;
    let a = bind_args(vm, name, args, kw, &["prefix", "start", "end"], 1)?;
    let arg = a[0].unwrap_or(Value::NULL);
    let Some((b0, b1, _)) = char_range(vm, args[0], a[1], a[2])? else {
        return Ok(vm.false_);
    };
    let hay = &as_str(args[0])[b0..b1];
    let test = |p: &str| {
        if prefix {
            hay.starts_with(p)
        } else {
            hay.ends_with(p)
        }
    };
    if vm.is_tuple(arg) {
        for &p in vm.tuple_items(arg) {
            if !vm.is_str(p) {
                let tn = vm.type_name(p);
                return Err(vm.err(
                    E::TypeError,
                    format!("tuple for {name} must only contain str, not {tn}"),
                ));
            }
            if test(as_str(p)) {
                return Ok(vm.true_);
            }
        }
        return Ok(vm.false_);
    }
    if !vm.is_str(arg) {
        let tn = vm.type_name(arg);
        return Err(vm.err(
            E::TypeError,
            format!("{name} first arg must be str or a tuple of str, not {tn}"),
        ));
    }
    Ok(vm.bool(test(as_str(arg))))
}

pub(super) fn m_startswith(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    affix(vm, args, kw, "startswith", true)
}
pub(super) fn m_endswith(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    affix(vm, args, kw, "endswith", false)
}

/// Python's whitespace (str.split with no separator, str.isspace).
pub fn is_py_space(c: char) -> bool {
    matches!(c, '\t'..='\r' | '\x1c'..='\x1f' | ' ' | '\u{85}')
        || (c > '\u{7f}' && c.is_whitespace())
}

fn split_args(
    vm: &mut Vm,
    args: &[Value],
    kw: &[Value],
    name: &str,
) -> PyResult<(Option<&'static str>, i64)> {
    let a = bind_args(vm, name, args, kw, &["sep", "maxsplit"], 0)?;
    let maxsplit = match a[1] {
        Some(v) => vm.index_i64(v)?,
        None => -1,
    };
    let sep = match a[0] {
        Some(v) if v != vm.none => {
            if !vm.is_str(v) {
                let tn = vm.type_name(v);
                return Err(vm.err(E::TypeError, format!("must be str or None, not {tn}")));
            }
            let s = as_str(v);
            if s.is_empty() {
                return Err(vm.err(E::ValueError, "empty separator"));
            }
            Some(s)
        }
        _ => None,
    };
    Ok((sep, maxsplit))
}

fn str_list(vm: &mut Vm, parts: &[&str]) -> Value {
    let out = vm.new_list(&[]);
    for p in parts {
        let v = vm.new_str(p);
        vm.list_append(out, v);
    }
    out
}

pub(super) fn m_split(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (sep, maxsplit) = split_args(vm, args, kw, "split")?;
    let s = as_str(args[0]);
    let parts: Vec<&str> = match sep {
        Some(sep) if maxsplit < 0 => s.split(sep).collect(),
        Some(sep) => s.splitn(maxsplit as usize + 1, sep).collect(),
        None => {
            let mut out = Vec::new();
            let mut rest = s.trim_start_matches(is_py_space);
            while !rest.is_empty() {
                if maxsplit >= 0 && out.len() as i64 == maxsplit {
                    out.push(rest);
                    break;
                }
                let end = rest.find(is_py_space).unwrap_or(rest.len());
                out.push(&rest[..end]);
                rest = rest[end..].trim_start_matches(is_py_space);
            }
            out
        }
    };
    Ok(str_list(vm, &parts))
}

pub(super) fn m_rsplit(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (sep, maxsplit) = split_args(vm, args, kw, "rsplit")?;
    let s = as_str(args[0]);
    let mut parts: Vec<&str> = match sep {
        Some(sep) if maxsplit < 0 => s.rsplit(sep).collect(),
        Some(sep) => s.rsplitn(maxsplit as usize + 1, sep).collect(),
        None => {
            let mut out = Vec::new();
            let mut rest = s.trim_end_matches(is_py_space);
            while !rest.is_empty() {
                if maxsplit >= 0 && out.len() as i64 == maxsplit {
                    out.push(rest);
                    break;
                }
                let start = rest
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| is_py_space(c))
                    .map_or(0, |(i, c)| i + c.len_utf8());
                out.push(&rest[start..]);
                rest = rest[..start].trim_end_matches(is_py_space);
            }
            out
        }
    };
    parts.reverse();
    Ok(str_list(vm, &parts))
}

/// CPython's line boundaries for str.splitlines.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

pub(super) fn m_splitlines(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let a = bind_args(vm, "splitlines", args, kw, &["keepends"], 0)?;
    let keep = match a[0] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let s = as_str(args[0]);
    let mut parts = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !is_line_break(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c == '\r' && it.peek().map(|&(_, n)| n) == Some('\n') {
            it.next();
            end += 1;
        }
        parts.push(if keep { &s[start..end] } else { &s[start..i] });
        start = end;
    }
    if start < s.len() {
        parts.push(&s[start..]);
    }
    Ok(str_list(vm, &parts))
}

pub(super) fn m_expandtabs(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let a = bind_args(vm, "expandtabs", args, kw, &["tabsize"], 0)?;
    let size = match a[0] {
        Some(v) => vm.index_i64(v)?,
        None => 8,
    };
    let mut out = String::new();
    let mut col = 0i64;
    for c in as_str(args[0]).chars() {
        match c {
            '\t' => {
                if size > 0 {
                    let n = size - col % size;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(vm.new_str(&out))
}

/// First code points of the Unicode runs of ten decimal digits (category
/// Nd), from the Unicode character database.
const DECIMAL_ZEROS: &[u32] = &[
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// The decimal value of a Unicode decimal digit (category Nd).
pub fn decimal_value(c: char) -> Option<u32> {
    let cp = c as u32;
    let i = DECIMAL_ZEROS.partition_point(|&z| z <= cp);
    if i == 0 {
        return None;
    }
    let d = cp - DECIMAL_ZEROS[i - 1];
    (d < 10).then_some(d)
}

pub fn is_decimal_char(c: char) -> bool {
    decimal_value(c).is_some()
}

/// Digits that are not decimal (superscripts, circled digits, ...): the
/// Unicode Numeric_Type=Digit code points.
fn is_digit_char(c: char) -> bool {
    is_decimal_char(c)
        || matches!(c as u32,
            0xB2 | 0xB3 | 0xB9 | 0x1369..=0x1371 | 0x19DA | 0x2070 | 0x2074..=0x2079
            | 0x2080..=0x2089 | 0x2460..=0x2468 | 0x2474..=0x247C | 0x2488..=0x2490
            | 0x24EA | 0x24F5..=0x24FD | 0x24FF | 0x2776..=0x277E | 0x2780..=0x2788
            | 0x278A..=0x2792 | 0x10A40..=0x10A43 | 0x1F100..=0x1F10A)
}

fn pred(
    vm: &mut Vm,
    args: &[Value],
    kw: &[Value],
    name: &str,
    f: fn(char) -> bool,
) -> PyResult<Value> {
    vm.check_nargs(name, args, 1 + kw.len(), 1)?;
    let s = as_str(args[0]);
    Ok(vm.bool(!s.is_empty() && s.chars().all(f)))
}

pub(super) fn m_isdigit(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    pred(vm, args, kw, "isdigit", is_digit_char)
}
pub(super) fn m_isdecimal(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    pred(vm, args, kw, "isdecimal", is_decimal_char)
}
pub(super) fn m_isnumeric(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    pred(vm, args, kw, "isnumeric", |c| c.is_numeric())
}
/// `isupper`/`islower`: some cased character, and none of the other case
/// (titlecase letters count as neither).
pub(super) fn m_isupper(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("isupper", args, 1 + kw.len(), 1)?;
    let s = as_str(args[0]);
    let ok = s.chars().any(char::is_uppercase)
        && !s.chars().any(|c| c.is_lowercase() || is_titlecase(c));
    Ok(vm.bool(ok))
}

pub(super) fn m_islower(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("islower", args, 1 + kw.len(), 1)?;
    let s = as_str(args[0]);
    let ok = s.chars().any(char::is_lowercase)
        && !s.chars().any(|c| c.is_uppercase() || is_titlecase(c));
    Ok(vm.bool(ok))
}

/// Letters (categories L*), not letter-like numerals (Nl).
pub fn is_alpha_char(c: char) -> bool {
    c.is_alphabetic() && !c.is_numeric()
}

pub(super) fn m_isalpha(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    pred(vm, args, kw, "isalpha", is_alpha_char)
}

pub(super) fn m_isalnum(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    pred(vm, args, kw, "isalnum", |c| {
        is_alpha_char(c) || c.is_numeric()
    })
}

pub(super) fn m_isascii(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("isascii", args, 1 + kw.len(), 1)?;
    let s = as_str(args[0]);
    Ok(vm.bool(s.is_ascii()))
}
pub(super) fn m_isidentifier(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("isidentifier", args, 1 + kw.len(), 1)?;
    let s = as_str(args[0]);
    let mut it = s.chars();
    let ok = match it.next() {
        Some(c) => {
            (c == '_' || unicode_ident::is_xid_start(c)) && it.all(unicode_ident::is_xid_continue)
        }
        None => false,
    };
    Ok(vm.bool(ok))
}

/// Printable as CPython's `str.isprintable`: not a control, format,
/// separator (other than the ASCII space), surrogate or unassigned code point.
fn is_printable_char(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(c as u32,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x890 | 0x891 | 0x8E2 | 0x180E
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F
        | 0xFEFF | 0xFFF9..=0xFFFB | 0x110BD | 0x110CD | 0x13430..=0x1343F
        | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F
        | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF | 0xFFFE | 0xFFFF)
}

pub fn str_is_printable(s: &str) -> bool {
    s.chars().all(is_printable_char)
}

pub(super) fn m_isprintable(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("isprintable", args, 1 + kw.len(), 1)?;
    let s = as_str(args[0]);
    Ok(vm.bool(str_is_printable(s)))
}

fn is_cased(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase() || is_titlecase(c)
}

fn is_titlecase(c: char) -> bool {
    matches!(c as u32,
        0x1C5 | 0x1C8 | 0x1CB | 0x1F2 | 0x1F88..=0x1F8F | 0x1F98..=0x1F9F
        | 0x1FA8..=0x1FAF | 0x1FBC | 0x1FCC | 0x1FFC)
}

pub(super) fn m_istitle(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("istitle", args, 1 + kw.len(), 1)?;
    let s = as_str(args[0]);
    let mut prev_cased = false;
    let mut any = false;
    for c in s.chars() {
        if c.is_uppercase() || is_titlecase(c) {
            if prev_cased {
                return Ok(vm.false_);
            }
            prev_cased = true;
            any = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return Ok(vm.false_);
            }
            prev_cased = true;
            any = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(vm.bool(any))
}

/// Titlecase mapping: Rust has only upper/lower, so the four digraphs that
/// have a distinct titlecase form are handled here.
pub fn to_title(c: char, out: &mut String) {
    match c as u32 {
        0x1C4..=0x1C6 => out.push('\u{1C5}'),
        0x1C7..=0x1C9 => out.push('\u{1C8}'),
        0x1CA..=0x1CC => out.push('\u{1CB}'),
        0x1F1..=0x1F3 => out.push('\u{1F2}'),
        0xDF => out.push_str("Ss"),
        0xFB00 => out.push_str("Ff"),
        0xFB01 => out.push_str("Fi"),
        0xFB02 => out.push_str("Fl"),
        0xFB03 => out.push_str("Ffi"),
        0xFB04 => out.push_str("Ffl"),
        0xFB05 | 0xFB06 => out.push_str("St"),
        0x149 => out.push_str("\u{2BC}N"),
        _ => out.extend(c.to_uppercase()),
    }
}

/// Lowercase with CPython's final-sigma rule.
pub fn to_lower_text(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == 'Σ' {
            let before = chars[..i]
                .iter()
                .rev()
                .find(|c| !is_case_ignorable(**c))
                .is_some_and(|c| is_cased(*c));
            let after = chars[i + 1..]
                .iter()
                .find(|c| !is_case_ignorable(**c))
                .is_some_and(|c| is_cased(*c));
            out.push(if before && !after { 'ς' } else { 'σ' });
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn is_case_ignorable(c: char) -> bool {
    matches!(
        c,
        '\'' | '.' | ':' | '^' | '`' | '\u{AD}' | '\u{B7}' | '\u{2019}'
    ) || matches!(c as u32, 0x300..=0x36F)
}

/// Lowercase `chars[i]`, applying the final-sigma rule with its context.
fn lower_at(chars: &[char], i: usize, out: &mut String) {
    let c = chars[i];
    if c == 'Σ' {
        let before = chars[..i]
            .iter()
            .rev()
            .find(|c| !is_case_ignorable(**c))
            .is_some_and(|c| is_cased(*c));
        let after = chars[i + 1..]
            .iter()
            .find(|c| !is_case_ignorable(**c))
            .is_some_and(|c| is_cased(*c));
        out.push(if before && !after { 'ς' } else { 'σ' });
    } else {
        out.extend(c.to_lowercase());
    }
}

pub(super) fn m_title(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let chars: Vec<char> = as_str(args[0]).chars().collect();
    let mut out = String::new();
    let mut prev_cased = false;
    for (i, &c) in chars.iter().enumerate() {
        if prev_cased {
            lower_at(&chars, i, &mut out);
        } else {
            to_title(c, &mut out);
        }
        prev_cased = is_cased(c);
    }
    Ok(vm.new_str(&out))
}

pub(super) fn m_capitalize(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let s = as_str(args[0]);
    let mut chars = s.chars();
    let mut out = String::new();
    if let Some(c) = chars.next() {
        to_title(c, &mut out);
        out.push_str(&to_lower_text(chars.as_str()));
    }
    Ok(vm.new_str(&out))
}

pub(super) fn m_lower(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let s = to_lower_text(as_str(args[0]));
    Ok(vm.new_str(&s))
}

pub(super) fn m_casefold(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let mut out = String::new();
    for c in as_str(args[0]).chars() {
        match c {
            'ß' => out.push_str("ss"),
            'ς' => out.push('σ'),
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    Ok(vm.new_str(&out))
}

pub(super) fn m_swapcase(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let chars: Vec<char> = as_str(args[0]).chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            lower_at(&chars, i, &mut out);
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    Ok(vm.new_str(&out))
}

/// `str.maketrans(x[, y[, z]])`: a dict from code points to str, int or None.
pub fn m_maketrans(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    no_kw(vm, "maketrans", kw)?;
    let n = args.len();
    if n == 0 || n > 3 {
        let msg = if n == 0 {
            "maketrans() takes at least 1 argument (0 given)".to_string()
        } else {
            format!("maketrans expected at most 3 arguments, got {n}")
        };
        return Err(vm.err(E::TypeError, msg));
    }
    let out = vm.new_dict();
    if n == 1 {
        let d = args[0];
        if !vm.is_dict(d) {
            return Err(vm.err(
                E::TypeError,
                "if you give only one argument to maketrans it must be a dict",
            ));
        }
        let items = vm.dict_list(d, 2);
        for &pair in vm.list_items(items) {
            let (k, v) = (vm.tuple_items(pair)[0], vm.tuple_items(pair)[1]);
            let key = if vm.is_str(k) {
                let ks = as_str(k);
                let mut it = ks.chars();
                match (it.next(), it.next()) {
                    (Some(c), None) => Value::small(c as i64),
                    _ => {
                        return Err(vm.err(
                            E::ValueError,
                            "string keys in translate table must be of length 1",
                        ));
                    }
                }
            } else if vm.to_big(k).is_some() {
                k
            } else {
                return Err(vm.err(
                    E::TypeError,
                    "keys in translate table must be strings or integers",
                ));
            };
            vm.dict_set(out, key, v)?;
        }
        return Ok(out);
    }
    let x = arg_str(vm, args[0], "maketrans", "1")?;
    let y = arg_str(vm, args[1], "maketrans", "2")?;
    if x.chars().count() != y.chars().count() {
        return Err(vm.err(
            E::ValueError,
            "the first two maketrans arguments must have equal length",
        ));
    }
    for (a, b) in x.chars().zip(y.chars()) {
        vm.dict_set(out, Value::small(a as i64), Value::small(b as i64))?;
    }
    if n == 3 {
        let z = arg_str(vm, args[2], "maketrans", "3")?;
        for c in z.chars() {
            let none = vm.none;
            vm.dict_set(out, Value::small(c as i64), none)?;
        }
    }
    Ok(out)
}

pub(super) fn m_translate(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("translate", args, 2 + kw.len(), 2)?;
    let table = args[1];
    let mut out = String::new();
    for c in as_str(args[0]).chars() {
        let key = Value::small(c as i64);
        let mapped = match vm.getitem(table, key) {
            Ok(v) => v,
            Err(e) if vm.exc_matches(e.0, E::LookupError) => {
                out.push(c);
                continue;
            }
            Err(e) => return Err(e),
        };
        if mapped == vm.none {
            continue;
        }
        if vm.is_str(mapped) {
            out.push_str(as_str(mapped));
        } else if mapped.is_small() {
            let n = mapped.as_small();
            match u32::try_from(n).ok().and_then(char::from_u32) {
                Some(m) => out.push(m),
                None => {
                    return Err(vm.err(
                        E::ValueError,
                        "character mapping must be in range(0x110000)",
                    ));
                }
            }
        } else {
            return Err(vm.err(
                E::TypeError,
                "character mapping must return integer, None or str",
            ));
        }
    }
    Ok(vm.new_str(&out))
}

pub(super) fn m_format_map(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("format_map", args, 2 + kw.len(), 2)?;
    crate::objects::format::str_format_map(vm, args[0], args[1])
}

pub(super) fn m_encode(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let a = bind_args(vm, "encode", args, kw, &["encoding", "errors"], 0)?;
    let enc = match a[0] {
        Some(v) => arg_str(vm, v, "encode", "1")?
            .to_ascii_lowercase()
            .replace('_', "-"),
        None => "utf-8".to_string(),
    };
    let strict = match a[1] {
        Some(v) => arg_str(vm, v, "encode", "2")? == "strict",
        None => true,
    };
    let s = as_str(args[0]);
    let data: Vec<u8> = match enc.as_str() {
        "utf-8" | "utf8" => s.as_bytes().to_vec(),
        "ascii" | "latin-1" | "latin1" | "iso-8859-1" => {
            let limit = if enc == "ascii" { 0x80 } else { 0x100 };
            let mut out = Vec::new();
            for (i, c) in s.chars().enumerate() {
                if (c as u32) < limit {
                    out.push(c as u32 as u8);
                } else if strict {
                    let name = if enc == "ascii" { "ascii" } else { "latin-1" };
                    return Err(vm.err(
                        E::UnicodeEncodeError,
                        format!(
                            "'{name}' codec can't encode character '\\u{:04x}' in position {i}: ordinal not in range({limit})",
                            c as u32
                        ),
                    ));
                } else {
                    out.push(b'?');
                }
            }
            out
        }
        _ => return Err(vm.err(E::LookupError, format!("unknown encoding: {enc}"))),
    };
    Ok(vm.new_bytes(&data))
}
