//! The methods of bytes and bytearray (see bytes.rs for the types).
//!
//! Shared methods read either type's data through `Vm::byte_data` and
//! build results of the receiver's type (`Vm::bytes_like`); bytearray's
//! mutators rebuild its buffer with `Vm::bytearray_set`.

use super::Value;
use super::bytes::{find, rfind};
use super::exceptions::E;
use super::function::NativeFn;
use super::str::as_str;
use crate::vm::{PyResult, Vm};

fn this<'a>(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<&'a [u8]> {
    match args.first().and_then(|&v| vm.byte_data(v)) {
        Some(d) => Ok(d),
        None => Err(vm.err(
            E::TypeError,
            format!("descriptor '{name}' requires a 'bytes' object"),
        )),
    }
}

/// Optional `start`/`end` arguments clamped as slice bounds.
fn bounds(vm: &mut Vm, args: &[Value], at: usize, len: usize) -> PyResult<(usize, usize)> {
    let mut get = |i: usize, default: usize| -> PyResult<usize> {
        match args.get(i) {
            Some(&v) if v != vm.none => {
                let n = vm.index_i64(v)?;
                let n = if n < 0 { n + len as i64 } else { n };
                Ok(n.clamp(0, len as i64) as usize)
            }
            _ => Ok(default),
        }
    };
    Ok((get(at, 0)?, get(at + 1, len)?))
}

fn sub_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if vm.is_int(v) {
        return Ok(vec![vm.byte_value(v)?]);
    }
    vm.buffer_arg(v)
}

fn m_decode(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kw.len();
    let data = this(vm, args, "decode")?.to_vec();
    for (i, &v) in args.iter().enumerate().skip(1) {
        if !vm.is_str(v) {
            let tn = vm.type_name(v);
            let which = if i >= npos {
                as_str(kw[i - npos]).to_string()
            } else if i == 1 {
                "encoding".to_string()
            } else {
                "errors".to_string()
            };
            return Err(vm.err(
                E::TypeError,
                format!("decode() argument '{which}' must be str, not {tn}"),
            ));
        }
    }
    let mut enc = args[..npos].get(1).map(|&v| as_str(v).to_string());
    let mut errors = args[..npos].get(2).map(|&v| as_str(v).to_string());
    for (i, &k) in kw.iter().enumerate() {
        let v = as_str(args[npos + i]).to_string();
        match as_str(k) {
            "encoding" => enc = Some(v),
            "errors" => errors = Some(v),
            n => {
                return Err(vm.err(
                    E::TypeError,
                    format!("decode() got an unexpected keyword argument '{n}'"),
                ));
            }
        }
    }
    let s = vm.decode_bytes(&data, enc.as_deref().unwrap_or("utf-8"), errors.as_deref())?;
    Ok(vm.new_str(&s))
}

fn m_hex(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let data = this(vm, args, "hex")?;
    let sep = match args.get(1) {
        Some(&s) if vm.is_str(s) => Some(as_str(s).to_string()),
        Some(&s) => {
            let tn = vm.type_name(s);
            return Err(vm.err(E::TypeError, format!("sep must be str or bytes, not {tn}")));
        }
        None => None,
    };
    let parts: Vec<String> = data.iter().map(|b| format!("{b:02x}")).collect();
    let s = parts.join(sep.as_deref().unwrap_or(""));
    Ok(vm.new_str(&s))
}

fn m_fromhex(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("fromhex", args, 2, 2)?;
    if !vm.is_str(args[1]) {
        let tn = vm.type_name(args[1]);
        return Err(vm.err(
            E::TypeError,
            format!("fromhex() argument must be str, not {tn}"),
        ));
    }
    let text = as_str(args[1]);
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let hi = chars[i].to_digit(16);
        let lo = chars.get(i + 1).and_then(|c| c.to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => {
                let pos = if hi.is_none() { i } else { i + 1 };
                return Err(vm.err(
                    E::ValueError,
                    format!("non-hexadecimal number found in fromhex() arg at position {pos}"),
                ));
            }
        }
        i += 2;
    }
    if args[0] == vm.lang().bytearray {
        Ok(vm.new_bytearray(&out))
    } else {
        Ok(vm.new_bytes(&out))
    }
}

fn m_count(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("count", args, 2, 4)?;
    let hay = this(vm, args, "count")?.to_vec();
    let needle = sub_arg(vm, args[1])?;
    let (s, e) = bounds(vm, args, 2, hay.len())?;
    let mut n = 0;
    let mut i = s;
    if needle.is_empty() {
        return Ok(Value::small(e.saturating_sub(s) as i64 + 1));
    }
    while let Some(j) = find(&hay[..e.max(s)], &needle, i) {
        n += 1;
        i = j + needle.len();
    }
    Ok(Value::small(n))
}

fn find_impl(vm: &mut Vm, args: &[Value], name: &str, reverse: bool) -> PyResult<Option<usize>> {
    vm.check_nargs(name, args, 2, 4)?;
    let hay = this(vm, args, name)?.to_vec();
    let needle = sub_arg(vm, args[1])?;
    let (s, e) = bounds(vm, args, 2, hay.len())?;
    if s > e {
        return Ok(None);
    }
    Ok(if reverse {
        rfind(&hay, &needle, s, e)
    } else {
        find(&hay[..e], &needle, s)
    })
}

fn m_find(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let r = find_impl(vm, args, "find", false)?;
    Ok(Value::small(r.map_or(-1, |i| i as i64)))
}

fn m_rfind(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let r = find_impl(vm, args, "rfind", true)?;
    Ok(Value::small(r.map_or(-1, |i| i as i64)))
}

fn m_index(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    match find_impl(vm, args, "index", false)? {
        Some(i) => Ok(Value::small(i as i64)),
        None => Err(vm.err(E::ValueError, "subsection not found")),
    }
}

fn m_rindex(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    match find_impl(vm, args, "rindex", true)? {
        Some(i) => Ok(Value::small(i as i64)),
        None => Err(vm.err(E::ValueError, "subsection not found")),
    }
}

fn affix(vm: &mut Vm, args: &[Value], name: &str, end: bool) -> PyResult<Value> {
    vm.check_nargs(name, args, 2, 4)?;
    let data = this(vm, args, name)?.to_vec();
    let (s, e) = bounds(vm, args, 2, data.len())?;
    let part = if s <= e { &data[s..e] } else { &[][..] };
    let pats: Vec<Vec<u8>> = if vm.is_tuple(args[1]) {
        let items = vm.tuple_items(args[1]).to_vec();
        let mut out = Vec::new();
        for it in items {
            out.push(vm.buffer_arg(it)?);
        }
        out
    } else {
        match vm.byte_data(args[1]) {
            Some(d) => vec![d.to_vec()],
            None => {
                let tn = vm.type_name(args[1]);
                return Err(vm.err(
                    E::TypeError,
                    format!("{name} first arg must be bytes or a tuple of bytes, not {tn}"),
                ));
            }
        }
    };
    let hit = pats.iter().any(|p| {
        if end {
            part.ends_with(p)
        } else {
            part.starts_with(p)
        }
    });
    Ok(vm.bool(hit))
}

fn m_startswith(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    affix(vm, args, "startswith", false)
}

fn m_endswith(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    affix(vm, args, "endswith", true)
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn strip_impl(vm: &mut Vm, args: &[Value], name: &str, left: bool, right: bool) -> PyResult<Value> {
    vm.check_nargs(name, args, 1, 2)?;
    let data = this(vm, args, name)?.to_vec();
    let chars: Option<Vec<u8>> = match args.get(1) {
        Some(&v) if v != vm.none => Some(vm.buffer_arg(v)?),
        _ => None,
    };
    let strip = |b: u8| match &chars {
        Some(c) => c.contains(&b),
        None => is_space(b),
    };
    let mut s = 0;
    let mut e = data.len();
    if left {
        while s < e && strip(data[s]) {
            s += 1;
        }
    }
    if right {
        while e > s && strip(data[e - 1]) {
            e -= 1;
        }
    }
    Ok(vm.bytes_like(args[0], &data[s..e]))
}

fn m_strip(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    strip_impl(vm, args, "strip", true, true)
}
fn m_lstrip(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    strip_impl(vm, args, "lstrip", true, false)
}
fn m_rstrip(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    strip_impl(vm, args, "rstrip", false, true)
}

fn m_split(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kw.len();
    let data = this(vm, args, "split")?.to_vec();
    let mut sep = args[..npos].get(1).copied();
    let mut maxsplit = args[..npos].get(2).copied();
    for (i, &k) in kw.iter().enumerate() {
        match as_str(k) {
            "sep" => sep = Some(args[npos + i]),
            "maxsplit" => maxsplit = Some(args[npos + i]),
            n => {
                return Err(vm.err(
                    E::TypeError,
                    format!("split() got an unexpected keyword argument '{n}'"),
                ));
            }
        }
    }
    let max = match maxsplit {
        Some(m) => vm.index_i64(m)?,
        None => -1,
    };
    let mut parts: Vec<Vec<u8>> = Vec::new();
    match sep {
        Some(s) if s != vm.none => {
            let sep = vm.buffer_arg(s)?;
            if sep.is_empty() {
                return Err(vm.err(E::ValueError, "empty separator"));
            }
            let mut i = 0;
            while max < 0 || (parts.len() as i64) < max {
                match find(&data, &sep, i) {
                    Some(j) => {
                        parts.push(data[i..j].to_vec());
                        i = j + sep.len();
                    }
                    None => break,
                }
            }
            parts.push(data[i..].to_vec());
        }
        _ => {
            let mut i = 0;
            loop {
                while i < data.len() && is_space(data[i]) {
                    i += 1;
                }
                if i == data.len() {
                    break;
                }
                if max >= 0 && parts.len() as i64 >= max {
                    let mut e = data.len();
                    while e > i && is_space(data[e - 1]) {
                        e -= 1;
                    }
                    parts.push(data[i..e].to_vec());
                    break;
                }
                let s = i;
                while i < data.len() && !is_space(data[i]) {
                    i += 1;
                }
                parts.push(data[s..i].to_vec());
            }
        }
    }
    let out = vm.new_list(&[]);
    for p in parts {
        let b = vm.bytes_like(args[0], &p);
        vm.list_append(out, b);
    }
    Ok(out)
}

fn m_join(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("join", args, 2, 2)?;
    let sep = this(vm, args, "join")?.to_vec();
    let items = vm.collect_iterable(args[1])?;
    let mut out = Vec::new();
    for i in 0..vm.tuple_items(items).len() {
        let it = vm.tuple_items(items)[i];
        let Some(d) = vm.byte_data(it) else {
            let tn = vm.type_name(it);
            return Err(vm.err(
                E::TypeError,
                format!("sequence item {i}: expected a bytes-like object, {tn} found"),
            ));
        };
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(d);
    }
    Ok(vm.bytes_like(args[0], &out))
}

fn m_replace(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("replace", args, 3, 4)?;
    let data = this(vm, args, "replace")?.to_vec();
    let old = vm.buffer_arg(args[1])?;
    let new = vm.buffer_arg(args[2])?;
    let mut count = match args.get(3) {
        Some(&c) => vm.index_i64(c)?,
        None => -1,
    };
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    if old.is_empty() {
        for &b in &data {
            if count != 0 {
                out.extend_from_slice(&new);
                count -= 1;
            }
            out.push(b);
        }
        if count != 0 {
            out.extend_from_slice(&new);
        }
        return Ok(vm.bytes_like(args[0], &out));
    }
    while count != 0 {
        match find(&data, &old, i) {
            Some(j) => {
                out.extend_from_slice(&data[i..j]);
                out.extend_from_slice(&new);
                i = j + old.len();
                count -= 1;
            }
            None => break,
        }
    }
    out.extend_from_slice(&data[i..]);
    Ok(vm.bytes_like(args[0], &out))
}

fn map_bytes(vm: &mut Vm, args: &[Value], name: &str, f: fn(u8) -> u8) -> PyResult<Value> {
    vm.check_nargs(name, args, 1, 1)?;
    let data: Vec<u8> = this(vm, args, name)?.iter().map(|&b| f(b)).collect();
    Ok(vm.bytes_like(args[0], &data))
}

fn m_upper(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    map_bytes(vm, args, "upper", |b| b.to_ascii_uppercase())
}
fn m_lower(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    map_bytes(vm, args, "lower", |b| b.to_ascii_lowercase())
}

fn test_bytes(vm: &mut Vm, args: &[Value], name: &str, f: fn(u8) -> bool) -> PyResult<Value> {
    vm.check_nargs(name, args, 1, 1)?;
    let data = this(vm, args, name)?;
    Ok(vm.bool(!data.is_empty() && data.iter().all(|&b| f(b))))
}

fn m_isdigit(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    test_bytes(vm, args, "isdigit", |b| b.is_ascii_digit())
}
fn m_isalpha(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    test_bytes(vm, args, "isalpha", |b| b.is_ascii_alphabetic())
}
fn m_isalnum(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    test_bytes(vm, args, "isalnum", |b| b.is_ascii_alphanumeric())
}
fn m_isspace(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    test_bytes(vm, args, "isspace", is_space)
}

fn m_partition(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("partition", args, 2, 2)?;
    let data = this(vm, args, "partition")?.to_vec();
    let sep = vm.buffer_arg(args[1])?;
    if sep.is_empty() {
        return Err(vm.err(E::ValueError, "empty separator"));
    }
    let (a, b, c) = match find(&data, &sep, 0) {
        Some(i) => (&data[..i], &sep[..], &data[i + sep.len()..]),
        None => (&data[..], &[][..], &[][..]),
    };
    let a = vm.bytes_like(args[0], a);
    let b = vm.bytes_like(args[0], b);
    let c = vm.bytes_like(args[0], c);
    Ok(vm.new_tuple(&[a, b, c]))
}

fn m_isascii(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("isascii", args, 1, 1)?;
    let d = this(vm, args, "isascii")?;
    Ok(vm.bool(d.is_ascii()))
}

fn cased(vm: &mut Vm, args: &[Value], name: &str, upper: bool) -> PyResult<Value> {
    vm.check_nargs(name, args, 1, 1)?;
    let d = this(vm, args, name)?;
    let any = d.iter().any(|b| b.is_ascii_alphabetic());
    let ok = d.iter().all(|b| {
        if upper {
            !b.is_ascii_lowercase()
        } else {
            !b.is_ascii_uppercase()
        }
    });
    Ok(vm.bool(any && ok))
}

fn m_isupper(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    cased(vm, args, "isupper", true)
}
fn m_islower(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    cased(vm, args, "islower", false)
}

fn fix_affix(vm: &mut Vm, args: &[Value], name: &str, prefix: bool) -> PyResult<Value> {
    vm.check_nargs(name, args, 2, 2)?;
    let d = this(vm, args, name)?.to_vec();
    let a = vm.buffer_arg(args[1])?;
    let out = if prefix {
        d.strip_prefix(a.as_slice()).unwrap_or(&d)
    } else {
        d.strip_suffix(a.as_slice()).unwrap_or(&d)
    };
    Ok(vm.bytes_like(args[0], out))
}

fn m_removeprefix(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    fix_affix(vm, args, "removeprefix", true)
}
fn m_removesuffix(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    fix_affix(vm, args, "removesuffix", false)
}

fn justify(vm: &mut Vm, args: &[Value], name: &str, how: char) -> PyResult<Value> {
    vm.check_nargs(name, args, 2, 3)?;
    let d = this(vm, args, name)?.to_vec();
    let width = vm.index_i64(args[1])?.max(0) as usize;
    let fill = match args.get(2) {
        Some(&f) => match vm.byte_data(f) {
            Some(b) if b.len() == 1 => b[0],
            _ => {
                let tn = vm.type_name(f);
                return Err(vm.err(
                    E::TypeError,
                    format!("{name}() argument 2 must be a byte string of length 1, not {tn}"),
                ));
            }
        },
        None => b' ',
    };
    if d.len() >= width {
        return Ok(vm.bytes_like(args[0], &d));
    }
    let pad = width - d.len();
    let (l, r) = match how {
        '<' => (0, pad),
        '>' => (pad, 0),
        // CPython's center puts the odd byte on the left when the
        // width is odd.
        _ => {
            let left = pad / 2 + (pad & width & 1);
            (left, pad - left)
        }
    };
    let mut out = vec![fill; l];
    out.extend_from_slice(&d);
    out.extend(std::iter::repeat_n(fill, r));
    Ok(vm.bytes_like(args[0], &out))
}

fn m_ljust(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    justify(vm, args, "ljust", '<')
}
fn m_rjust(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    justify(vm, args, "rjust", '>')
}
fn m_center(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    justify(vm, args, "center", '^')
}

fn m_zfill(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("zfill", args, 2, 2)?;
    let d = this(vm, args, "zfill")?.to_vec();
    let width = vm.index_i64(args[1])?.max(0) as usize;
    if d.len() >= width {
        return Ok(vm.bytes_like(args[0], &d));
    }
    let signed = matches!(d.first(), Some(b'+' | b'-'));
    let mut out = Vec::with_capacity(width);
    if signed {
        out.push(d[0]);
    }
    out.extend(std::iter::repeat_n(b'0', width - d.len()));
    out.extend_from_slice(if signed { &d[1..] } else { &d });
    Ok(vm.bytes_like(args[0], &out))
}

fn m_rpartition(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("rpartition", args, 2, 2)?;
    let data = this(vm, args, "rpartition")?.to_vec();
    let sep = vm.buffer_arg(args[1])?;
    if sep.is_empty() {
        return Err(vm.err(E::ValueError, "empty separator"));
    }
    let (a, b, c) = match rfind(&data, &sep, 0, data.len()) {
        Some(i) => (&data[..i], &sep[..], &data[i + sep.len()..]),
        None => (&[][..], &[][..], &data[..]),
    };
    let a = vm.bytes_like(args[0], a);
    let b = vm.bytes_like(args[0], b);
    let c = vm.bytes_like(args[0], c);
    Ok(vm.new_tuple(&[a, b, c]))
}

fn m_splitlines(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kw.len();
    let data = this(vm, args, "splitlines")?.to_vec();
    let keep = match args[1..].first() {
        Some(&k) if npos > 1 || !kw.is_empty() => vm.truthy(k)?,
        _ => false,
    };
    let out = vm.new_list(&[]);
    let mut start = 0;
    let mut i = 0;
    while i < data.len() {
        let eol = match data[i] {
            b'\n' => 1,
            b'\r' if data.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            _ => 0,
        };
        if eol == 0 {
            i += 1;
            continue;
        }
        let end = if keep { i + eol } else { i };
        let piece = vm.bytes_like(args[0], &data[start..end]);
        vm.list_append(out, piece);
        i += eol;
        start = i;
    }
    if start < data.len() {
        let piece = vm.bytes_like(args[0], &data[start..]);
        vm.list_append(out, piece);
    }
    Ok(out)
}

fn m_capitalize(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("capitalize", args, 1, 1)?;
    let mut d = this(vm, args, "capitalize")?.to_ascii_lowercase();
    if let Some(b) = d.first_mut() {
        *b = b.to_ascii_uppercase();
    }
    Ok(vm.bytes_like(args[0], &d))
}

fn m_swapcase(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    map_bytes(vm, args, "swapcase", |b| {
        if b.is_ascii_uppercase() {
            b.to_ascii_lowercase()
        } else {
            b.to_ascii_uppercase()
        }
    })
}

fn m_title(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("title", args, 1, 1)?;
    let d = this(vm, args, "title")?;
    let mut prev_cased = false;
    let out: Vec<u8> = d
        .iter()
        .map(|&b| {
            let r = if prev_cased {
                b.to_ascii_lowercase()
            } else {
                b.to_ascii_uppercase()
            };
            prev_cased = b.is_ascii_alphabetic();
            r
        })
        .collect();
    Ok(vm.bytes_like(args[0], &out))
}

fn m_len(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let n = this(vm, args, "__len__")?.len();
    Ok(Value::small(n as i64))
}

fn m_getitem(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("__getitem__", args, 2, 2)?;
    this(vm, args, "__getitem__")?;
    vm.bytes_getitem(args[0], args[1])
}

fn m_new_bytes(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    if args.len() <= kw.len() || !vm.is_type(args[0]) {
        return Err(vm.err(E::TypeError, "bytes.__new__(X): X is not a type object"));
    }
    let data = vm.bytes_from(&args[1..], kw, "bytes")?;
    Ok(vm.new_bytes(&data))
}

fn m_new_bytearray(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    if args.len() <= kw.len() || !vm.is_type(args[0]) {
        return Err(vm.err(E::TypeError, "bytearray.__new__(X): X is not a type object"));
    }
    let data = vm.bytes_from(&args[1..], kw, "bytearray")?;
    Ok(vm.new_bytearray(&data))
}

fn this_array(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Vec<u8>> {
    match args.first() {
        Some(&v) if vm.is_bytearray(v) => Ok(vm.byte_data(v).unwrap_or(&[]).to_vec()),
        _ => Err(vm.err(
            E::TypeError,
            format!("descriptor '{name}' requires a 'bytearray' object"),
        )),
    }
}

fn m_append(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("append", args, 2, 2)?;
    let mut data = this_array(vm, args, "append")?;
    data.push(vm.byte_value(args[1])?);
    vm.bytearray_set(args[0], &data);
    Ok(vm.none)
}

fn m_extend(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("extend", args, 2, 2)?;
    let more = if vm.is_str(args[1]) {
        return Err(vm.err(E::TypeError, "expected iterable of integers; got: 'str'"));
    } else {
        vm.bytes_from(&args[1..2], &[], "bytearray")?
    };
    let mut data = this_array(vm, args, "extend")?;
    data.extend_from_slice(&more);
    vm.bytearray_set(args[0], &data);
    Ok(vm.none)
}

fn m_pop(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("pop", args, 1, 2)?;
    let mut data = this_array(vm, args, "pop")?;
    if data.is_empty() {
        return Err(vm.err(E::IndexError, "pop from empty bytearray"));
    }
    let i = match args.get(1) {
        Some(&k) => vm.index_i64(k)?,
        None => -1,
    };
    let j = if i < 0 { i + data.len() as i64 } else { i };
    if j < 0 || j >= data.len() as i64 {
        return Err(vm.err(E::IndexError, "pop index out of range"));
    }
    let b = data.remove(j as usize);
    vm.bytearray_set(args[0], &data);
    Ok(Value::small(i64::from(b)))
}

fn m_insert(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("insert", args, 3, 3)?;
    let mut data = this_array(vm, args, "insert")?;
    let i = vm.index_i64(args[1])?;
    let n = data.len() as i64;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    let b = vm.byte_value(args[2])?;
    data.insert(j as usize, b);
    vm.bytearray_set(args[0], &data);
    Ok(vm.none)
}

fn m_remove(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("remove", args, 2, 2)?;
    let mut data = this_array(vm, args, "remove")?;
    let b = vm.byte_value(args[1])?;
    let Some(i) = data.iter().position(|&x| x == b) else {
        return Err(vm.err(E::ValueError, "value not found in bytearray"));
    };
    data.remove(i);
    vm.bytearray_set(args[0], &data);
    Ok(vm.none)
}

fn m_clear(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("clear", args, 1, 1)?;
    this_array(vm, args, "clear")?;
    vm.bytearray_set(args[0], &[]);
    Ok(vm.none)
}

fn m_reverse(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("reverse", args, 1, 1)?;
    let mut data = this_array(vm, args, "reverse")?;
    data.reverse();
    vm.bytearray_set(args[0], &data);
    Ok(vm.none)
}

fn m_copy(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("copy", args, 1, 1)?;
    let data = this_array(vm, args, "copy")?;
    Ok(vm.new_bytearray(&data))
}

/// The methods bytes and bytearray share.
pub const SHARED_METHODS: &[(&str, NativeFn)] = &[
    ("decode", m_decode),
    ("hex", m_hex),
    ("count", m_count),
    ("find", m_find),
    ("rfind", m_rfind),
    ("index", m_index),
    ("rindex", m_rindex),
    ("startswith", m_startswith),
    ("endswith", m_endswith),
    ("strip", m_strip),
    ("lstrip", m_lstrip),
    ("rstrip", m_rstrip),
    ("split", m_split),
    ("join", m_join),
    ("replace", m_replace),
    ("upper", m_upper),
    ("lower", m_lower),
    ("isdigit", m_isdigit),
    ("isalpha", m_isalpha),
    ("isalnum", m_isalnum),
    ("isspace", m_isspace),
    ("partition", m_partition),
    ("isascii", m_isascii),
    ("isupper", m_isupper),
    ("islower", m_islower),
    ("removeprefix", m_removeprefix),
    ("removesuffix", m_removesuffix),
    ("ljust", m_ljust),
    ("rjust", m_rjust),
    ("center", m_center),
    ("zfill", m_zfill),
    ("rpartition", m_rpartition),
    ("splitlines", m_splitlines),
    ("capitalize", m_capitalize),
    ("swapcase", m_swapcase),
    ("title", m_title),
    ("__len__", m_len),
    ("__getitem__", m_getitem),
];

pub const BYTES_METHODS: &[(&str, NativeFn)] = &[("__new__", m_new_bytes)];

pub const BYTEARRAY_METHODS: &[(&str, NativeFn)] = &[
    ("__new__", m_new_bytearray),
    ("append", m_append),
    ("extend", m_extend),
    ("pop", m_pop),
    ("insert", m_insert),
    ("remove", m_remove),
    ("clear", m_clear),
    ("reverse", m_reverse),
    ("copy", m_copy),
];

/// `fromhex`, a classmethod of both types.
pub fn fromhex_fn() -> NativeFn {
    m_fromhex
}
