//! str: immutable UTF-8 text, `[type, byte_len, char_len, hash, meta, bytes...]`.
//!
//! `meta` holds bit 0 "hash computed" and, above it, the intern id + 1 of an
//! interned string (attribute names, identifiers), which is what shapes key
//! on. `char_len == byte_len` marks ASCII text, where indexing is a byte
//! offset. The hash is CPython's with PYTHONHASHSEED=0: SipHash-1-3 with a
//! zero key over the string's code units in CPython's narrowest width
//! (latin-1, UCS-2 or UCS-4), so sets and hash() agree with CPython.

use super::exceptions::E;
use super::function::NativeFn;
use super::{Value, alloc, layouts};
use crate::vm::{PyResult, Vm};

const W_BYTE_LEN: usize = 1;
const W_CHAR_LEN: usize = 2;
const W_HASH: usize = 3;
const W_META: usize = 4;
const HEADER_WORDS: usize = 5;

/// The text of a str value. The borrow keeps the object pinned (it is an
/// interior pointer the collector sees on the stack), so it stays valid while used.
#[inline]
pub fn as_str<'a>(v: Value) -> &'a str {
    let p = v.ptr();
    let len = p.load(W_BYTE_LEN);
    // SAFETY: a str object holds `len` bytes of valid UTF-8 after its header,
    // written once at creation and never changed.
    unsafe {
        let bytes = std::slice::from_raw_parts(p.as_ptr().add(HEADER_WORDS * 8), len);
        std::str::from_utf8_unchecked(bytes)
    }
}

/// The words of a str's builtin part (header and bytes): where a str
/// subclass instance keeps its attributes.
#[inline]
pub fn str_words(v: Value) -> usize {
    HEADER_WORDS + v.word(W_BYTE_LEN).div_ceil(8)
}

#[inline]
pub fn char_len(v: Value) -> usize {
    v.word(W_CHAR_LEN)
}

/// The intern id of an interned str, if it is one.
#[inline]
pub fn intern_id(v: Value) -> Option<u32> {
    let meta = v.word(W_META) >> 1;
    (meta != 0).then(|| (meta - 1) as u32)
}

pub fn set_intern_id(v: Value, id: u32) {
    let meta = v.word(W_META) & 1;
    v.ptr().store(W_META, meta | ((id as usize + 1) << 1));
}

/// CPython's str hash with PYTHONHASHSEED=0.
pub fn str_hash(v: Value) -> i64 {
    let meta = v.word(W_META);
    if meta & 1 == 1 {
        return v.word(W_HASH) as i64;
    }
    let h = hash_text(as_str(v));
    v.ptr().store(W_HASH, h as usize);
    v.ptr().store(W_META, meta | 1);
    h
}

pub fn hash_text(s: &str) -> i64 {
    if s.is_empty() {
        return 0;
    }
    let max = s.chars().map(|c| c as u32).max().unwrap_or(0);
    let mut units = Vec::with_capacity(s.len() * 2);
    for c in s.chars() {
        let c = c as u32;
        if max < 256 {
            units.push(c as u8);
        } else if max < 65536 {
            units.extend_from_slice(&(c as u16).to_le_bytes());
        } else {
            units.extend_from_slice(&c.to_le_bytes());
        }
    }
    let h = siphash13(0, 0, &units) as i64;
    if h == -1 { -2 } else { h }
}

/// SipHash-1-3 (one compression round, three finalization rounds).
pub fn siphash13(k0: u64, k1: u64, data: &[u8]) -> u64 {
    let mut v = [
        k0 ^ 0x736f_6d65_7073_6575,
        k1 ^ 0x646f_7261_6e64_6f6d,
        k0 ^ 0x6c79_6765_6e65_7261,
        k1 ^ 0x7465_6462_7974_6573,
    ];
    fn round(v: &mut [u64; 4]) {
        v[0] = v[0].wrapping_add(v[1]);
        v[1] = v[1].rotate_left(13) ^ v[0];
        v[0] = v[0].rotate_left(32);
        v[2] = v[2].wrapping_add(v[3]);
        v[3] = v[3].rotate_left(16) ^ v[2];
        v[0] = v[0].wrapping_add(v[3]);
        v[3] = v[3].rotate_left(21) ^ v[0];
        v[2] = v[2].wrapping_add(v[1]);
        v[1] = v[1].rotate_left(17) ^ v[2];
        v[2] = v[2].rotate_left(32);
    }
    let mut chunks = data.chunks_exact(8);
    for chunk in &mut chunks {
        let m = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        v[3] ^= m;
        round(&mut v);
        v[0] ^= m;
    }
    let mut last = (data.len() as u64) << 56;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        last |= u64::from(b) << (8 * i);
    }
    v[3] ^= last;
    round(&mut v);
    v[0] ^= last;
    v[2] ^= 0xff;
    round(&mut v);
    round(&mut v);
    round(&mut v);
    v[0] ^ v[1] ^ v[2] ^ v[3]
}

impl Vm {
    pub fn new_str(&mut self, s: &str) -> Value {
        let words = HEADER_WORDS + s.len().div_ceil(8);
        let v = alloc(layouts().raw_after_type, self.t.str, words);
        let p = v.ptr();
        p.store(W_BYTE_LEN, s.len());
        p.store(W_CHAR_LEN, s.chars().count());
        // SAFETY: the payload has room for the bytes after the header words.
        unsafe {
            std::ptr::copy_nonoverlapping(s.as_ptr(), p.as_ptr().add(HEADER_WORDS * 8), s.len());
        }
        v
    }

    /// A str or an instance of a str subclass (which has the str layout).
    #[inline]
    pub fn is_str(&self, v: Value) -> bool {
        v.is_ptr()
            && (v.raw_type() == self.t.str
                || super::typeobj::info(v.raw_type()).kind == super::Kind::Str)
    }

    /// Exactly a str (not a subclass instance).
    #[inline]
    pub fn is_exact_str(&self, v: Value) -> bool {
        v.is_ptr() && v.raw_type() == self.t.str
    }

    /// The interned str for `s` (one object per distinct text).
    pub fn intern(&mut self, s: &str) -> Value {
        if let Some(&v) = self.interned.get(s) {
            return v;
        }
        let v = self.new_str(s);
        let id = self.names.len() as u32;
        set_intern_id(v, id);
        self.names.push(v);
        self.immortal.push(v);
        self.interned.insert(s.into(), v);
        v
    }

    /// The intern id of a str value, interning it if needed.
    pub fn name_id(&mut self, v: Value) -> u32 {
        if let Some(id) = intern_id(v) {
            return id;
        }
        let s = as_str(v).to_string();
        let interned = self.intern(&s);
        intern_id(interned).expect("interned")
    }

    /// `s[i]` for a str (i already normalized to 0..len).
    pub fn str_char_at(&mut self, v: Value, i: usize) -> Value {
        let s = as_str(v);
        let c = if s.len() == char_len(v) {
            s[i..i + 1].to_string()
        } else {
            s.chars().nth(i).map(String::from).unwrap_or_default()
        };
        self.new_str(&c)
    }

    pub fn str_slice(&mut self, v: Value, start: i64, stop: i64, step: i64) -> Value {
        let s = as_str(v);
        let out: String = if step == 1 && s.len() == char_len(v) {
            if start < stop {
                s[start as usize..stop as usize].to_string()
            } else {
                String::new()
            }
        } else {
            let chars: Vec<char> = s.chars().collect();
            let mut out = String::new();
            let mut i = start;
            while (step > 0 && i < stop) || (step < 0 && i > stop) {
                out.push(chars[i as usize]);
                i += step;
            }
            out
        };
        self.new_str(&out)
    }
}

/// repr() of a text, as CPython writes it.
pub fn repr_text(s: &str) -> String {
    let mut out = String::new();
    crate::ast::dump::write_str_repr(&mut out, crate::ast::PyStr::new(s));
    out
}

pub(crate) fn arg_str<'a>(vm: &mut Vm, v: Value, method: &str, what: &str) -> PyResult<&'a str> {
    if vm.is_str(v) {
        Ok(as_str(v))
    } else {
        let tn = vm.type_name(v);
        Err(vm.err(
            E::TypeError,
            format!("{method}() argument {what} must be str, not {tn}"),
        ))
    }
}

fn strip_chars<'a>(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Option<&'a str>> {
    match args.get(1) {
        None => Ok(None),
        Some(&v) if v == vm.none => Ok(None),
        Some(&v) => {
            if vm.is_str(v) {
                Ok(Some(as_str(v)))
            } else {
                Err(vm.err(E::TypeError, format!("{name} arg must be None or str")))
            }
        }
    }
}

fn m_strip(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let s = as_str(args[0]);
    let r = match strip_chars(vm, args, "strip")? {
        None => s.trim_matches(is_py_space),
        Some(cs) => s.trim_matches(|c| cs.contains(c)),
    };
    Ok(vm.new_str(r))
}

fn m_lstrip(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let s = as_str(args[0]);
    let r = match strip_chars(vm, args, "lstrip")? {
        None => s.trim_start_matches(is_py_space),
        Some(cs) => s.trim_start_matches(|c| cs.contains(c)),
    };
    Ok(vm.new_str(r))
}

fn m_rstrip(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let s = as_str(args[0]);
    let r = match strip_chars(vm, args, "rstrip")? {
        None => s.trim_end_matches(is_py_space),
        Some(cs) => s.trim_end_matches(|c| cs.contains(c)),
    };
    Ok(vm.new_str(r))
}

fn m_upper(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let r = as_str(args[0]).to_uppercase();
    Ok(vm.new_str(&r))
}

fn m_join(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("join", args, 2, 2)?;
    let sep = as_str(args[0]);
    let items = match vm.collect_iterable(args[1]) {
        Ok(items) => items,
        Err(e) if vm.exc_matches(e.0, E::TypeError) && vm.iter(args[1]).is_err() => {
            return Err(vm.err(E::TypeError, "can only join an iterable"));
        }
        Err(e) => return Err(e),
    };
    let mut out = String::new();
    for (i, &item) in vm.tuple_items(items).iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        if !vm.is_str(item) {
            let tn = vm.type_name(item);
            return Err(vm.err(
                E::TypeError,
                format!("sequence item {i}: expected str instance, {tn} found"),
            ));
        }
        out.push_str(as_str(item));
    }
    Ok(vm.new_str(&out))
}

fn m_replace(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("replace", args, 3, 4)?;
    let s = as_str(args[0]);
    let old = arg_str(vm, args[1], "replace", "1")?;
    let new = arg_str(vm, args[2], "replace", "2")?;
    let r = match args.get(3) {
        Some(&n) => {
            let n = vm.index_i64(n)?;
            if n < 0 {
                s.replace(old, new)
            } else {
                s.replacen(old, new, n as usize)
            }
        }
        None => s.replace(old, new),
    };
    Ok(vm.new_str(&r))
}

fn pred(vm: &mut Vm, args: &[Value], f: fn(char) -> bool) -> PyResult<Value> {
    let s = as_str(args[0]);
    Ok(vm.bool(!s.is_empty() && s.chars().all(f)))
}

fn m_isspace(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    pred(vm, args, is_py_space)
}

fn pad(vm: &mut Vm, args: &[Value], name: &str, align: char) -> PyResult<Value> {
    vm.check_nargs(name, args, 2, 3)?;
    let s = as_str(args[0]);
    let width = vm.index_i64(args[1])?;
    let fill = match args.get(2) {
        Some(&f) => {
            let f = arg_str(vm, f, name, "2")?;
            let mut it = f.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(vm.err(
                        E::TypeError,
                        "The fill character must be exactly one character long",
                    ));
                }
            }
        }
        None => ' ',
    };
    let out = crate::objects::str::pad_text(s, width.max(0) as usize, fill, align);
    Ok(vm.new_str(&out))
}

/// Pad `s` to `width` characters with `fill`, aligned `<`, `>` or `^`.
pub fn pad_text(s: &str, width: usize, fill: char, align: char) -> String {
    let len = s.chars().count();
    if len >= width {
        return s.to_string();
    }
    let total = width - len;
    let (left, right) = match align {
        '<' => (0, total),
        '>' => (total, 0),
        // str.center's rounding (CPython's formula), unlike format's '^'.
        'C' => (
            total / 2 + (total & width & 1),
            total - total / 2 - (total & width & 1),
        ),
        _ => (total / 2, total - total / 2),
    };
    let mut out = String::new();
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right));
    out
}

fn m_ljust(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    pad(vm, args, "ljust", '<')
}
fn m_rjust(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    pad(vm, args, "rjust", '>')
}
fn m_center(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    pad(vm, args, "center", 'C')
}

fn m_zfill(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("zfill", args, 2, 2)?;
    let s = as_str(args[0]);
    let width = vm.index_i64(args[1])?.max(0) as usize;
    let len = s.chars().count();
    if len >= width {
        return Ok(vm.new_str(s));
    }
    let (sign, digits) = match s.chars().next() {
        Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
        _ => (String::new(), s),
    };
    let out = format!("{sign}{}{digits}", "0".repeat(width - len));
    Ok(vm.new_str(&out))
}

fn m_partition(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("partition", args, 2, 2)?;
    let s = as_str(args[0]);
    let sep = arg_str(vm, args[1], "partition", "1")?;
    if sep.is_empty() {
        return Err(vm.err(E::ValueError, "empty separator"));
    }
    let (a, b, c) = match s.find(sep) {
        Some(i) => (&s[..i], sep, &s[i + sep.len()..]),
        None => (s, "", ""),
    };
    let items = [vm.new_str(a), vm.new_str(b), vm.new_str(c)];
    Ok(vm.new_tuple(&items))
}

fn m_rpartition(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("rpartition", args, 2, 2)?;
    let s = as_str(args[0]);
    let sep = arg_str(vm, args[1], "rpartition", "1")?;
    if sep.is_empty() {
        return Err(vm.err(E::ValueError, "empty separator"));
    }
    let (a, b, c) = match s.rfind(sep) {
        Some(i) => (&s[..i], sep, &s[i + sep.len()..]),
        None => ("", "", s),
    };
    let items = [vm.new_str(a), vm.new_str(b), vm.new_str(c)];
    Ok(vm.new_tuple(&items))
}

fn m_removeprefix(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("removeprefix", args, 2, 2)?;
    let s = as_str(args[0]);
    let p = arg_str(vm, args[1], "removeprefix", "1")?;
    Ok(vm.new_str(s.strip_prefix(p).unwrap_or(s)))
}

fn m_removesuffix(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("removesuffix", args, 2, 2)?;
    let s = as_str(args[0]);
    let p = arg_str(vm, args[1], "removesuffix", "1")?;
    Ok(vm.new_str(s.strip_suffix(p).unwrap_or(s)))
}

/// The methods of str, installed in its type dict at start-up.
pub const METHODS: &[(&str, NativeFn)] = &[
    ("strip", m_strip),
    ("lstrip", m_lstrip),
    ("rstrip", m_rstrip),
    ("upper", m_upper),
    ("lower", m_lower),
    ("join", m_join),
    ("replace", m_replace),
    ("isalpha", m_isalpha),
    ("isalnum", m_isalnum),
    ("isspace", m_isspace),
    ("isupper", m_isupper),
    ("islower", m_islower),
    ("ljust", m_ljust),
    ("rjust", m_rjust),
    ("center", m_center),
    ("zfill", m_zfill),
    ("partition", m_partition),
    ("capitalize", m_capitalize),
    ("title", m_title),
    ("format", crate::objects::format::str_format),
    ("swapcase", m_swapcase),
    ("casefold", m_casefold),
    ("rpartition", m_rpartition),
    ("removeprefix", m_removeprefix),
    ("removesuffix", m_removesuffix),
    ("find", m_find),
    ("rfind", m_rfind),
    ("index", m_index),
    ("rindex", m_rindex),
    ("count", m_count),
    ("startswith", m_startswith),
    ("endswith", m_endswith),
    ("split", m_split),
    ("rsplit", m_rsplit),
    ("splitlines", m_splitlines),
    ("expandtabs", m_expandtabs),
    ("isdigit", m_isdigit),
    ("isdecimal", m_isdecimal),
    ("isnumeric", m_isnumeric),
    ("istitle", m_istitle),
    ("isidentifier", m_isidentifier),
    ("isprintable", m_isprintable),
    ("isascii", m_isascii),
    ("translate", m_translate),
    ("format_map", m_format_map),
    ("encode", m_encode),
];

mod more;
use more::*;
pub use more::{
    bind_args, decimal_value, is_decimal_char, is_py_space, m_maketrans, str_is_printable,
};
