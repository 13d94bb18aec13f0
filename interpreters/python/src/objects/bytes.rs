//! bytes and bytearray.
//!
//! bytes is immutable raw data: `[type, len, hash, data...]` (raw after the
//! type word; `hash` is the cached hash plus one, 0 while not computed).
//! bytearray is a record `[type, buffer, len]`: `buffer` a raw object whose
//! words after the first hold the data with spare capacity, `len` tagged, so
//! appends amortize like a list's. Most methods are shared: they read the
//! data of either kind through [`Vm::byte_data`] and build a result of the
//! receiver's type. The hash is CPython's (SipHash-1-3 of the data, zero key
//! under PYTHONHASHSEED=0), so it equals the hash of the same ASCII str.

use super::exceptions::E;
use super::str::{as_str, siphash13};
use super::{Value, alloc, alloc_rec, layouts};
use crate::vm::{PyResult, Vm};

const B_LEN: usize = 1;
const B_HASH: usize = 2;
const B_DATA: usize = 3;
const BA_BUF: usize = 1;
const BA_LEN: usize = 2;

fn raw_slice<'a>(v: Value, word: usize, len: usize) -> &'a [u8] {
    // SAFETY: `v` is a live object with at least `len` bytes of data from
    // `word` on (its length field says so); the borrow is used before any
    // allocation could free it (the value is also on the Rust stack, which
    // pins it).
    unsafe { std::slice::from_raw_parts(v.ptr().as_ptr().add(word * 8), len) }
}

fn raw_slice_mut<'a>(v: Value, word: usize, len: usize) -> &'a mut [u8] {
    // SAFETY: as `raw_slice`; the object is raw data owned by one bytes or
    // bytearray, written only through this helper.
    unsafe { std::slice::from_raw_parts_mut(v.ptr().as_ptr().add(word * 8), len) }
}

/// The words of a bytes object's builtin part: where a bytes subclass
/// instance keeps its attributes.
#[inline]
pub fn bytes_words(v: Value) -> usize {
    B_DATA + v.word(B_LEN).div_ceil(8)
}

impl Vm {
    pub fn new_bytes(&mut self, data: &[u8]) -> Value {
        let ty = self.lang().bytes;
        let v = alloc(
            layouts().raw_after_type,
            ty,
            B_DATA + data.len().div_ceil(8),
        );
        v.ptr().store(B_LEN, data.len());
        v.ptr().store(B_HASH, 0);
        raw_slice_mut(v, B_DATA, data.len()).copy_from_slice(data);
        v
    }

    pub fn new_bytearray(&mut self, data: &[u8]) -> Value {
        let ty = self.lang().bytearray;
        let buf = alloc(
            layouts().raw,
            Value::NULL,
            1 + data.len().div_ceil(8).max(1),
        );
        raw_slice_mut(buf, 1, data.len()).copy_from_slice(data);
        let ba = alloc_rec(ty, 3);
        ba.set(BA_BUF, buf);
        ba.set(BA_LEN, Value::small(data.len() as i64));
        ba
    }

    /// A bytes or an instance of a bytes subclass (same data words first).
    #[inline]
    pub fn is_bytes(&self, v: Value) -> bool {
        v.is_ptr()
            && (v.raw_type() == self.lang().bytes
                || super::typeobj::info(v.raw_type()).kind == super::Kind::Bytes)
    }

    #[inline]
    pub fn is_bytearray(&self, v: Value) -> bool {
        v.is_ptr() && v.raw_type() == self.lang().bytearray
    }

    /// The data of a bytes or bytearray (None for other values). Valid
    /// until the next allocation that may resize a bytearray.
    pub fn byte_data<'a>(&self, v: Value) -> Option<&'a [u8]> {
        if self.is_bytes(v) {
            Some(raw_slice(v, B_DATA, v.word(B_LEN)))
        } else if self.is_bytearray(v) {
            let len = v.get(BA_LEN).as_small() as usize;
            Some(raw_slice(v.get(BA_BUF), 1, len))
        } else {
            None
        }
    }

    /// Replace a bytearray's contents.
    pub fn bytearray_set(&mut self, ba: Value, data: &[u8]) {
        let buf = ba.get(BA_BUF);
        let cap = (buf.ptr().payload_words() - 1) * 8;
        if data.len() > cap {
            let words = 1 + (data.len() + data.len() / 2 + 8).div_ceil(8);
            let bigger = alloc(layouts().raw, Value::NULL, words);
            ba.set(BA_BUF, bigger);
        }
        raw_slice_mut(ba.get(BA_BUF), 1, data.len()).copy_from_slice(data);
        ba.set(BA_LEN, Value::small(data.len() as i64));
    }

    /// A bytes or bytearray like `like` (the receiver of a method).
    pub(crate) fn bytes_like(&mut self, like: Value, data: &[u8]) -> Value {
        if self.is_bytearray(like) {
            self.new_bytearray(data)
        } else {
            self.new_bytes(data)
        }
    }

    pub fn bytes_hash(v: Value) -> i64 {
        let cached = v.word(B_HASH);
        if cached != 0 {
            return cached.wrapping_sub(1) as i64;
        }
        let data = raw_slice(v, B_DATA, v.word(B_LEN));
        let h = if data.is_empty() {
            0
        } else {
            match siphash13(0, 0, data) as i64 {
                -1 => -2,
                h => h,
            }
        };
        v.ptr().store(B_HASH, (h as usize).wrapping_add(1));
        h
    }

    /// A bytes-like argument's data, or CPython's TypeError.
    pub(crate) fn buffer_arg(&mut self, v: Value) -> PyResult<Vec<u8>> {
        match self.byte_data(v) {
            Some(d) => Ok(d.to_vec()),
            None => {
                let tn = self.type_name(v);
                Err(self.err(
                    E::TypeError,
                    format!("a bytes-like object is required, not '{tn}'"),
                ))
            }
        }
    }

    /// bytes(x) / bytearray(x) data: from an int count, a str with an
    /// encoding, a buffer, `__bytes__`, or an iterable of ints.
    pub fn bytes_from(&mut self, args: &[Value], kw: &[Value], name: &str) -> PyResult<Vec<u8>> {
        let npos = args.len() - kw.len();
        let mut source = args[..npos].first().copied();
        let mut encoding = args[..npos].get(1).copied();
        let mut errors = args[..npos].get(2).copied();
        for (i, &k) in kw.iter().enumerate() {
            let v = args[npos + i];
            match as_str(k) {
                "source" => source = Some(v),
                "encoding" => encoding = Some(v),
                "errors" => errors = Some(v),
                n => {
                    return Err(self.err(
                        E::TypeError,
                        format!("{name}() got an unexpected keyword argument '{n}'"),
                    ));
                }
            }
        }
        let Some(src) = source else {
            return Ok(Vec::new());
        };
        for v in [encoding, errors].into_iter().flatten() {
            if !self.is_str(v) {
                let tn = self.type_name(v);
                return Err(self.err(
                    E::TypeError,
                    format!("{name}() argument 'encoding' must be str, not {tn}"),
                ));
            }
        }
        if self.is_str(src) {
            let Some(enc) = encoding else {
                return Err(self.err(E::TypeError, "string argument without an encoding"));
            };
            let errs = errors.map(|e| as_str(e).to_string());
            return self.encode_text(as_str(src), as_str(enc), errs.as_deref());
        }
        if encoding.is_some() {
            return Err(self.err(E::TypeError, "encoding without a string argument"));
        }
        if let Some(d) = self.byte_data(src) {
            return Ok(d.to_vec());
        }
        if name == "bytes"
            && let Some(b) = self.call_special(src, "__bytes__", &[])?
        {
            return match self.byte_data(b) {
                Some(d) if self.is_bytes(b) => Ok(d.to_vec()),
                _ => {
                    let tn = self.type_name(b);
                    Err(self.err(
                        E::TypeError,
                        format!("__bytes__ returned non-bytes (type {tn})"),
                    ))
                }
            };
        }
        if self.is_int(src) {
            let n = self.index_i64(src)?;
            if n < 0 {
                return Err(self.err(E::ValueError, "negative count"));
            }
            return Ok(vec![0; n as usize]);
        }
        if self.lookup_special(src, "__iter__").is_none()
            && self.lookup_special(src, "__getitem__").is_none()
            && !self.is_list(src)
            && !self.is_tuple(src)
        {
            let tn = self.type_name(src);
            return Err(self.err(
                E::TypeError,
                format!("cannot convert '{tn}' object to {name}"),
            ));
        }
        let items = self.collect_iterable(src)?;
        let mut out = Vec::with_capacity(self.tuple_items(items).len());
        for i in 0..self.tuple_items(items).len() {
            let x = self.tuple_items(items)[i];
            match self.byte_value(x) {
                Ok(b) => out.push(b),
                Err(e) if name == "bytes" && self.exc_matches(e.0, E::ValueError) => {
                    return Err(self.err(E::ValueError, "bytes must be in range(0, 256)"));
                }
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// An int in range(256), as bytes items must be.
    pub(crate) fn byte_value(&mut self, x: Value) -> PyResult<u8> {
        if !self.is_int(x) && self.lookup_special(x, "__index__").is_none() {
            let tn = self.type_name(x);
            return Err(self.err(
                E::TypeError,
                format!("'{tn}' object cannot be interpreted as an integer"),
            ));
        }
        let n = match self.to_i64(x) {
            Some(n) => n,
            None if self.is_int(x) => -1,
            None => {
                let i = self.call_dunder_index(x)?;
                self.to_i64(i).unwrap_or(-1)
            }
        };
        u8::try_from(n).map_err(|_| self.err(E::ValueError, "byte must be in range(0, 256)"))
    }

    /// `str.encode(encoding, errors)`.
    pub fn encode_text(
        &mut self,
        s: &str,
        encoding: &str,
        errors: Option<&str>,
    ) -> PyResult<Vec<u8>> {
        let enc = normalize_encoding(encoding);
        let limit = match enc.as_str() {
            "utf-8" => return Ok(s.as_bytes().to_vec()),
            "ascii" => 128,
            "latin-1" => 256,
            _ => {
                return Err(self.err(E::LookupError, format!("unknown encoding: {encoding}")));
            }
        };
        let mut out = Vec::with_capacity(s.len());
        for (pos, c) in s.chars().enumerate() {
            let code = c as u32;
            if code < limit {
                out.push(code as u8);
                continue;
            }
            match errors.unwrap_or("strict") {
                "ignore" => {}
                "replace" => out.push(b'?'),
                _ => {
                    let cname = if enc == "ascii" { "ascii" } else { "latin-1" };
                    let ch = super::str::repr_text(&c.to_string());
                    return Err(self.err(
                        E::UnicodeEncodeError,
                        format!(
                            "'{cname}' codec can't encode character {ch} in position {pos}: ordinal not in range({limit})"
                        ),
                    ));
                }
            }
        }
        Ok(out)
    }

    /// `bytes.decode(encoding, errors)`.
    pub fn decode_bytes(
        &mut self,
        data: &[u8],
        encoding: &str,
        errors: Option<&str>,
    ) -> PyResult<String> {
        let enc = normalize_encoding(encoding);
        let strict = !matches!(errors, Some("ignore" | "replace"));
        match enc.as_str() {
            "utf-8" => {
                let mut out = String::with_capacity(data.len());
                let mut rest = data;
                let mut offset = 0;
                loop {
                    match std::str::from_utf8(rest) {
                        Ok(s) => {
                            out.push_str(s);
                            return Ok(out);
                        }
                        Err(e) => {
                            let good = e.valid_up_to();
                            out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or(""));
                            let bad = e.error_len().unwrap_or(rest.len() - good);
                            if strict {
                                let pos = offset + good;
                                let byte = rest[good];
                                let why = match e.error_len() {
                                    None => "unexpected end of data",
                                    Some(_) if (0x80..0xc2).contains(&byte) || byte > 0xf4 => {
                                        "invalid start byte"
                                    }
                                    Some(_) => "invalid continuation byte",
                                };
                                let msg = if e.error_len().is_none() && bad > 1 {
                                    format!(
                                        "'utf-8' codec can't decode bytes in position {pos}-{}: {why}",
                                        pos + bad - 1
                                    )
                                } else {
                                    format!(
                                        "'utf-8' codec can't decode byte {byte:#04x} in position {pos}: {why}"
                                    )
                                };
                                return Err(self.err(E::UnicodeDecodeError, msg));
                            }
                            if errors == Some("replace") {
                                out.push('\u{fffd}');
                            }
                            rest = &rest[good + bad..];
                            offset += good + bad;
                        }
                    }
                }
            }
            "ascii" => {
                let mut out = String::with_capacity(data.len());
                for (pos, &b) in data.iter().enumerate() {
                    if b < 128 {
                        out.push(b as char);
                    } else if strict {
                        return Err(self.err(
                            E::UnicodeDecodeError,
                            format!(
                                "'ascii' codec can't decode byte {b:#04x} in position {pos}: ordinal not in range(128)"
                            ),
                        ));
                    } else if errors == Some("replace") {
                        out.push('\u{fffd}');
                    }
                }
                Ok(out)
            }
            "latin-1" => Ok(data.iter().map(|&b| b as char).collect()),
            _ => Err(self.err(E::LookupError, format!("unknown encoding: {encoding}"))),
        }
    }

    /// Binary operators with a bytes-like left operand.
    pub fn bytes_binop(&mut self, op: u32, a: Value, b: Value) -> PyResult<Option<Value>> {
        let base = op % 13;
        let Some(x) = self.byte_data(a) else {
            if base == 5 && self.is_int(a) && self.byte_data(b).is_some() {
                return self.bytes_binop(op, b, a);
            }
            return Ok(None);
        };
        match base {
            0 => {
                let Some(y) = self.byte_data(b) else {
                    let (na, nb) = (self.type_name(a), self.type_name(b));
                    return Err(self.err(E::TypeError, format!("can't concat {nb} to {na}")));
                };
                let mut out = x.to_vec();
                out.extend_from_slice(y);
                if op >= 13 && self.is_bytearray(a) {
                    self.bytearray_set(a, &out);
                    return Ok(Some(a));
                }
                Ok(Some(self.bytes_like(a, &out)))
            }
            5 if self.is_int(b) => {
                let n = self.index_i64(b)?.max(0) as usize;
                let out = x.repeat(n);
                if op >= 13 && self.is_bytearray(a) {
                    self.bytearray_set(a, &out);
                    return Ok(Some(a));
                }
                Ok(Some(self.bytes_like(a, &out)))
            }
            6 => {
                let out = self.bytes_percent(x.to_vec(), b)?;
                Ok(Some(self.bytes_like(a, &out)))
            }
            _ => Ok(None),
        }
    }

    /// `b'...' % args`: each conversion formats one argument; `%s`/`%b`
    /// need bytes-like values, `%r`/`%a` give the ASCII repr, the numeric
    /// ones go through str's `%` formatting.
    fn bytes_percent(&mut self, fmt: Vec<u8>, args: Value) -> PyResult<Vec<u8>> {
        let items: Vec<Value> = if self.is_tuple(args) {
            self.tuple_items(args).to_vec()
        } else {
            vec![args]
        };
        let mark = self.pin(&items);
        let r = self.bytes_percent_items(&fmt, &items, args);
        self.unpin(mark);
        r
    }

    fn bytes_percent_items(
        &mut self,
        fmt: &[u8],
        items: &[Value],
        args: Value,
    ) -> PyResult<Vec<u8>> {
        let mut out = Vec::with_capacity(fmt.len());
        let mut next = 0;
        let mut i = 0;
        while i < fmt.len() {
            if fmt[i] != b'%' {
                out.push(fmt[i]);
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            while i < fmt.len() && b"-+ #0123456789.*".contains(&fmt[i]) {
                i += 1;
            }
            let Some(&conv) = fmt.get(i) else {
                return Err(self.err(E::ValueError, "incomplete format"));
            };
            i += 1;
            if conv == b'%' {
                out.push(b'%');
                continue;
            }
            let Some(&arg) = items.get(next) else {
                return Err(self.err(E::TypeError, "not enough arguments for format string"));
            };
            next += 1;
            let flags = std::str::from_utf8(&fmt[start + 1..i - 1]).unwrap_or("");
            let piece: Vec<u8> = match conv {
                b's' | b'b' => {
                    let data = match self.byte_data(arg) {
                        Some(d) => d.to_vec(),
                        None => match self.call_special(arg, "__bytes__", &[])? {
                            Some(b) if self.is_bytes(b) => {
                                self.byte_data(b).unwrap_or(&[]).to_vec()
                            }
                            _ => {
                                let tn = self.type_name(arg);
                                return Err(self.err(E::TypeError, format!("%b requires a bytes-like object, or an object that implements __bytes__, not '{tn}'")));
                            }
                        },
                    };
                    pad(&data, flags)
                }
                b'r' | b'a' => {
                    let r = self.repr_string(arg)?;
                    pad(crate::builtins::ascii_escape(&r).as_bytes(), flags)
                }
                b'c' => {
                    if let Some(d) = self.byte_data(arg).filter(|d| d.len() == 1) {
                        d.to_vec()
                    } else if self.is_int(arg) {
                        vec![
                            self.byte_value(arg).map_err(|_| {
                                self.err(E::OverflowError, "%c arg not in range(256)")
                            })?,
                        ]
                    } else {
                        return Err(self.err(
                            E::TypeError,
                            "%c requires an integer in range(256) or a single byte",
                        ));
                    }
                }
                _ => {
                    let spec = format!("%{flags}{}", conv as char);
                    let f = self.new_str(&spec);
                    let one = self.new_tuple(&[arg]);
                    let s = super::format::percent_format(self, f, one)?;
                    as_str(s).as_bytes().to_vec()
                }
            };
            out.extend_from_slice(&piece);
        }
        if next < items.len() && (self.is_tuple(args) || next == 0) {
            return Err(self.err(
                E::TypeError,
                "not all arguments converted during bytes formatting",
            ));
        }
        Ok(out)
    }

    /// Subscript of bytes/bytearray: an int or a new bytes-like slice.
    pub fn bytes_getitem(&mut self, c: Value, k: Value) -> PyResult<Value> {
        let data = self.byte_data(c).unwrap_or(&[]);
        let len = data.len();
        if k.is_ptr() && k.raw_type() == self.t.slice {
            let (start, _, step, count) = self.slice_indices(k, len as i64)?;
            let data = self.byte_data(c).unwrap_or(&[]);
            let out: Vec<u8> = (0..count)
                .map(|i| data[(start + i * step) as usize])
                .collect();
            return Ok(self.bytes_like(c, &out));
        }
        let i = self.byte_index(c, k, len)?;
        let data = self.byte_data(c).unwrap_or(&[]);
        Ok(Value::small(i64::from(data[i])))
    }

    fn byte_index(&mut self, c: Value, k: Value, len: usize) -> PyResult<usize> {
        let what = if self.is_bytearray(c) {
            "bytearray index"
        } else {
            "index"
        };
        if !self.is_int(k) && self.lookup_special(k, "__index__").is_none() {
            let tn = self.type_name(k);
            return Err(self.err(
                E::TypeError,
                format!(
                    "{} indices must be integers or slices, not {tn}",
                    if self.is_bytearray(c) {
                        "bytearray"
                    } else {
                        "byte"
                    }
                ),
            ));
        }
        let k = if self.is_int(k) {
            k
        } else {
            self.call_dunder_index(k)?
        };
        let i = self.to_i64(k).unwrap_or(i64::MAX);
        let j = if i < 0 { i + len as i64 } else { i };
        if j < 0 || j >= len as i64 {
            return Err(self.err(E::IndexError, format!("{what} out of range")));
        }
        Ok(j as usize)
    }

    /// `ba[k] = v` / `del ba[k]` (v NULL) on a bytearray.
    pub fn bytearray_setitem(&mut self, ba: Value, k: Value, v: Value) -> PyResult<()> {
        if !self.is_bytearray(ba) {
            let what = if v.is_null() {
                "doesn't support item deletion"
            } else {
                "does not support item assignment"
            };
            let tn = self.type_name(ba);
            return Err(self.err(E::TypeError, format!("'{tn}' object {what}")));
        }
        let mut data = self.byte_data(ba).unwrap_or(&[]).to_vec();
        if k.is_ptr() && k.raw_type() == self.t.slice {
            let (start, stop, step, count) = self.slice_indices(k, data.len() as i64)?;
            let new: Vec<u8> = if v.is_null() {
                Vec::new()
            } else if self.is_int(v) {
                return Err(self.err(
                    E::TypeError,
                    "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
                ));
            } else {
                self.bytes_from(&[v], &[], "bytearray")?
            };
            if step == 1 {
                let stop = stop.max(start) as usize;
                data.splice(start as usize..stop, new);
            } else if v.is_null() {
                let mut idx: Vec<usize> = (0..count).map(|i| (start + i * step) as usize).collect();
                idx.sort_unstable();
                for &i in idx.iter().rev() {
                    data.remove(i);
                }
            } else {
                if new.len() as i64 != count {
                    return Err(self.err(
                        E::ValueError,
                        format!(
                            "attempt to assign bytes of size {} to extended slice of size {count}",
                            new.len()
                        ),
                    ));
                }
                for (i, b) in new.into_iter().enumerate() {
                    data[(start + i as i64 * step) as usize] = b;
                }
            }
            self.bytearray_set(ba, &data);
            return Ok(());
        }
        let i = self.byte_index(ba, k, data.len())?;
        if v.is_null() {
            data.remove(i);
        } else {
            data[i] = self.byte_value(v)?;
        }
        self.bytearray_set(ba, &data);
        Ok(())
    }

    /// `x in b`: an int byte or a bytes-like substring.
    pub fn bytes_contains(&mut self, c: Value, item: Value) -> PyResult<bool> {
        let hay = self.byte_data(c).unwrap_or(&[]).to_vec();
        if let Some(needle) = self.byte_data(item) {
            return Ok(find(&hay, needle, 0).is_some());
        }
        let b = self.byte_value(item)?;
        Ok(hay.contains(&b))
    }

    /// Comparison of two bytes-likes (None when `b` is not one).
    pub fn bytes_compare(&mut self, a: Value, b: Value) -> Option<std::cmp::Ordering> {
        let x = self.byte_data(a)?;
        let y = self.byte_data(b)?;
        Some(x.cmp(y))
    }
}

/// CPython's repr of bytes data (`b'...'`).
pub fn bytes_repr(data: &[u8]) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut s = String::with_capacity(data.len() + 3);
    s.push('b');
    s.push(quote);
    for &b in data {
        match b {
            b'\\' => s.push_str("\\\\"),
            b'\t' => s.push_str("\\t"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            _ if b as char == quote => {
                s.push('\\');
                s.push(quote);
            }
            0x20..=0x7e => s.push(b as char),
            _ => s.push_str(&format!("\\x{b:02x}")),
        }
    }
    s.push(quote);
    s
}

fn normalize_encoding(e: &str) -> String {
    let e = e.to_ascii_lowercase().replace('_', "-");
    match e.as_str() {
        "utf8" | "utf-8" | "u8" => "utf-8".into(),
        "ascii" | "us-ascii" => "ascii".into(),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => "latin-1".into(),
        _ => e,
    }
}

fn pad(data: &[u8], flags: &str) -> Vec<u8> {
    let left = flags.contains('-');
    let width: usize = flags
        .trim_start_matches(['-', '+', ' ', '#', '0'])
        .split('.')
        .next()
        .and_then(|w| w.parse().ok())
        .unwrap_or(0);
    let mut out = data.to_vec();
    if out.len() < width {
        let fill = vec![b' '; width - out.len()];
        if left {
            out.extend_from_slice(&fill);
        } else {
            out.splice(0..0, fill);
        }
    }
    out
}

pub(super) fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return (from <= hay.len()).then_some(from);
    }
    if needle.len() > hay.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| &hay[i..i + needle.len()] == needle)
}

pub(super) fn rfind(hay: &[u8], needle: &[u8], from: usize, to: usize) -> Option<usize> {
    if needle.len() > to.saturating_sub(from) {
        return None;
    }
    (from..=to - needle.len())
        .rev()
        .find(|&i| &hay[i..i + needle.len()] == needle)
}

pub use super::bytes_methods::{BYTEARRAY_METHODS, SHARED_METHODS, fromhex_fn};

/// The methods only bytes has: `__new__`, which makes instances of bytes
/// subclasses too (`class B(bytes)`).
pub const BYTES_METHODS: &[(&str, super::function::NativeFn)] = &[
    ("__new__", bytes_new),
    ("__getnewargs__", crate::builtins::dunders::d_getnewargs),
];

fn bytes_new(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let t = vm.lang().bytes;
    vm.value_new(t, args, kw, |vm, a, k| {
        let data = vm.bytes_from(a, k, "bytes")?;
        Ok(vm.new_bytes(&data))
    })
}
