//! `_repy_struct`: packing values into bytes and back by a format string
//! (the engine of lib/struct.py). Native mode (`@`, the default) aligns
//! each item to its size and uses this machine's sizes (long = 8); `=`,
//! `<`, `>` and `!` use the standard sizes with no alignment.

use crate::objects::Value;
use crate::objects::exceptions::E;
use crate::objects::function::NativeFn;
use crate::objects::str::as_str;
use crate::vm::{PyResult, Vm};
use dashu_int::IBig;

#[derive(Clone, Copy)]
struct Item {
    code: char,
    count: usize,
    size: usize,
    /// Byte offset in the packed data.
    offset: usize,
}

struct Layout {
    little: bool,
    native: bool,
    items: Vec<Item>,
    size: usize,
}

fn item_size(code: char, native: bool) -> Option<usize> {
    Some(match code {
        'x' | 'c' | 'b' | 'B' | '?' | 's' | 'p' => 1,
        'h' | 'H' | 'e' => 2,
        'i' | 'I' | 'f' => 4,
        'l' | 'L' => {
            if native {
                8
            } else {
                4
            }
        }
        'q' | 'Q' | 'd' => 8,
        'n' | 'N' | 'P' if native => 8,
        _ => return None,
    })
}

fn parse(fmt: &str) -> Result<Layout, String> {
    let mut chars = fmt.chars().peekable();
    let (little, native) = match chars.peek() {
        Some('@') => {
            chars.next();
            (cfg!(target_endian = "little"), true)
        }
        Some('=') => {
            chars.next();
            (cfg!(target_endian = "little"), false)
        }
        Some('<') => {
            chars.next();
            (true, false)
        }
        Some('>') | Some('!') => {
            chars.next();
            (false, false)
        }
        _ => (cfg!(target_endian = "little"), true),
    };
    let mut items = Vec::new();
    let mut offset = 0usize;
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut count: Option<usize> = None;
        let mut code = c;
        if c.is_ascii_digit() {
            let mut n = c.to_digit(10).unwrap_or(0) as usize;
            while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                n = n
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(d as usize))
                    .ok_or("total struct size too long")?;
                chars.next();
            }
            count = Some(n);
            code = chars
                .next()
                .ok_or("repeat count given without format specifier")?;
        }
        let size = item_size(code, native).ok_or("bad char in struct format")?;
        let count = count.unwrap_or(1);
        if native && size > 1 && !matches!(code, 's' | 'p') {
            offset = offset.div_ceil(size) * size;
        }
        items.push(Item {
            code,
            count,
            size,
            offset,
        });
        offset += size * count;
    }
    Ok(Layout {
        little,
        native,
        items,
        size: offset,
    })
}

fn struct_err(vm: &mut Vm, msg: impl Into<String>) -> crate::vm::PyErr {
    // lib/struct.py turns this ValueError into struct.error.
    vm.err(E::ValueError, msg)
}

fn fmt_arg(vm: &mut Vm, args: &[Value]) -> PyResult<Layout> {
    let Some(&f) = args.first().filter(|v| vm.is_str(**v)) else {
        return Err(vm.err(E::TypeError, "Struct() argument 1 must be a str"));
    };
    parse(as_str(f)).map_err(|m| struct_err(vm, m))
}

fn s_calcsize(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let l = fmt_arg(vm, args)?;
    Ok(Value::small(l.size as i64))
}

/// The values one item consumes when packing (`s`/`p`/`x` are special).
fn values_needed(it: &Item) -> usize {
    match it.code {
        'x' => 0,
        's' | 'p' => 1,
        _ => it.count,
    }
}

fn int_range(code: char, size: usize, native: bool) -> (IBig, IBig, String) {
    let bits = size * 8;
    let signed = code.is_ascii_lowercase();
    let (lo, hi) = if signed {
        (
            -(IBig::ONE << (bits - 1)),
            (IBig::ONE << (bits - 1)) - IBig::ONE,
        )
    } else {
        (IBig::ZERO, (IBig::ONE << bits) - IBig::ONE)
    };
    let msg = match code {
        'b' => "byte format requires -128 <= number <= 127".to_string(),
        'B' => "ubyte format requires 0 <= number <= 255".to_string(),
        'h' => "short format requires -32768 <= number <= 32767".to_string(),
        'H' => "ushort format requires 0 <= number <= 65535".to_string(),
        _ if native => "argument out of range".to_string(),
        _ => format!("'{code}' format requires {lo} <= number <= {hi}"),
    };
    (lo, hi, msg)
}

fn s_pack(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let l = fmt_arg(vm, args)?;
    let values = &args[1..];
    let needed: usize = l.items.iter().map(values_needed).sum();
    if values.len() != needed {
        return Err(struct_err(
            vm,
            format!(
                "pack expected {needed} items for packing (got {})",
                values.len()
            ),
        ));
    }
    let mut out = vec![0u8; l.size];
    let mut vi = 0;
    for it in &l.items {
        match it.code {
            'x' => {}
            's' | 'p' => {
                let v = values[vi];
                vi += 1;
                let Some(data) = vm.byte_data(v).map(|d| d.to_vec()) else {
                    return Err(struct_err(
                        vm,
                        format!("argument for '{}' must be a bytes object", it.code),
                    ));
                };
                let field = &mut out[it.offset..it.offset + it.count];
                if it.code == 'p' {
                    if it.count > 0 {
                        let n = data.len().min(it.count - 1).min(255);
                        field[0] = n as u8;
                        field[1..1 + n].copy_from_slice(&data[..n]);
                    }
                } else {
                    let n = data.len().min(it.count);
                    field[..n].copy_from_slice(&data[..n]);
                }
            }
            code => {
                for k in 0..it.count {
                    let v = values[vi];
                    vi += 1;
                    let at = it.offset + k * it.size;
                    let bytes = pack_one(vm, code, it.size, l.native, l.little, v)?;
                    out[at..at + it.size].copy_from_slice(&bytes);
                }
            }
        }
    }
    Ok(vm.new_bytes(&out))
}

fn pack_one(
    vm: &mut Vm,
    code: char,
    size: usize,
    native: bool,
    little: bool,
    v: Value,
) -> PyResult<Vec<u8>> {
    let mut bytes = match code {
        'c' => match vm.byte_data(v) {
            Some(d) if d.len() == 1 => vec![d[0]],
            _ => {
                return Err(struct_err(
                    vm,
                    "char format requires a bytes object of length 1",
                ));
            }
        },
        '?' => vec![vm.truthy(v)? as u8],
        'e' | 'f' | 'd' => {
            let x = match vm.num_to_f64(v) {
                Some(r) => r?,
                None if vm.is_int(v) => vm.int_to_f64(v)?,
                None => return Err(struct_err(vm, "required argument is not a float")),
            };
            match code {
                'd' => x.to_le_bytes().to_vec(),
                'f' => {
                    let f = x as f32;
                    if f.is_infinite() && x.is_finite() {
                        return Err(
                            vm.err(E::OverflowError, "float too large to pack with f format")
                        );
                    }
                    f.to_le_bytes().to_vec()
                }
                _ => half_from_f64(vm, x)?.to_le_bytes().to_vec(),
            }
        }
        _ => {
            if !vm.is_int(v) {
                return Err(struct_err(vm, "required argument is not an integer"));
            }
            let n = vm.to_big(v).unwrap_or_default();
            let (lo, hi, msg) = int_range(code, size, native);
            if n < lo || n > hi {
                return Err(struct_err(vm, msg));
            }
            let n = if n < IBig::ZERO {
                n + (IBig::ONE << (size * 8))
            } else {
                n
            };
            let mut b = n.to_le_bytes().to_vec();
            b.resize(size, 0);
            b
        }
    };
    if !little {
        bytes.reverse();
    }
    Ok(bytes)
}

/// IEEE 754 half precision, rounding to nearest even.
fn half_from_f64(vm: &mut Vm, x: f64) -> PyResult<u16> {
    let sign = if x.is_sign_negative() { 0x8000u16 } else { 0 };
    if x.is_nan() {
        return Ok(sign | 0x7e00);
    }
    let a = x.abs();
    if a.is_infinite() {
        return Ok(sign | 0x7c00);
    }
    if a >= 65520.0 {
        return Err(vm.err(E::OverflowError, "float too large to pack with e format"));
    }
    // Scale into units of the smallest subnormal (2^-24), round half-even.
    let units = a * 16777216.0;
    if units < 1024.0 {
        let r = round_half_even(units) as u16;
        return Ok(sign | r);
    }
    let e = a.log2().floor() as i32;
    let e = if 2f64.powi(e) > a { e - 1 } else { e };
    let mant = a / 2f64.powi(e) - 1.0;
    let mut m = round_half_even(mant * 1024.0) as u32;
    let mut exp = (e + 15) as u32;
    if m == 1024 {
        m = 0;
        exp += 1;
    }
    if exp >= 31 {
        return Err(vm.err(E::OverflowError, "float too large to pack with e format"));
    }
    Ok(sign | ((exp as u16) << 10) | m as u16)
}

fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        r
    }
}

fn half_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = ((h >> 10) & 0x1f) as i32;
    let m = (h & 0x3ff) as f64;
    sign * match exp {
        0 => m * 2f64.powi(-24),
        31 => {
            if m == 0.0 {
                f64::INFINITY
            } else {
                f64::NAN
            }
        }
        _ => (1.0 + m / 1024.0) * 2f64.powi(exp - 15),
    }
}

fn s_unpack(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let l = fmt_arg(vm, args)?;
    let Some(data) = args
        .get(1)
        .and_then(|&v| vm.byte_data(v))
        .map(|d| d.to_vec())
    else {
        return Err(vm.err(E::TypeError, "a bytes-like object is required"));
    };
    let offset = match args.get(2) {
        Some(&o) => vm.index_i64(o)?.max(0) as usize,
        None => 0,
    };
    let exact = args.len() < 3;
    if exact && data.len() != l.size {
        return Err(struct_err(
            vm,
            format!("unpack requires a buffer of {} bytes", l.size),
        ));
    }
    if !exact && data.len() < offset + l.size {
        return Err(struct_err(
            vm,
            format!(
                "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {offset} (actual buffer size is {})",
                offset + l.size,
                l.size,
                data.len()
            ),
        ));
    }
    let data = &data[offset..offset + l.size];
    let out = vm.new_list(&[]);
    let mark = vm.pin(&[out]);
    for it in &l.items {
        match it.code {
            'x' => {}
            's' => {
                let v = vm.new_bytes(&data[it.offset..it.offset + it.count]);
                vm.list_append(out, v);
            }
            'p' => {
                let field = &data[it.offset..it.offset + it.count];
                let n = field
                    .first()
                    .map(|&n| (n as usize).min(it.count.saturating_sub(1)));
                let v = vm.new_bytes(n.map(|n| &field[1..1 + n]).unwrap_or(&[]));
                vm.list_append(out, v);
            }
            code => {
                for k in 0..it.count {
                    let at = it.offset + k * it.size;
                    let mut b = data[at..at + it.size].to_vec();
                    if !l.little {
                        b.reverse();
                    }
                    let v = unpack_one(vm, code, &b);
                    vm.list_append(out, v);
                }
            }
        }
    }
    let items = vm.list_items(out).to_vec();
    let t = vm.new_tuple(&items);
    vm.unpin(mark);
    Ok(t)
}

fn unpack_one(vm: &mut Vm, code: char, le: &[u8]) -> Value {
    match code {
        'c' => vm.new_bytes(le),
        '?' => vm.bool(le[0] != 0),
        'e' => vm.new_float(half_to_f64(u16::from_le_bytes([le[0], le[1]]))),
        'f' => vm.new_float(f32::from_le_bytes([le[0], le[1], le[2], le[3]]) as f64),
        'd' => {
            let mut a = [0u8; 8];
            a.copy_from_slice(le);
            vm.new_float(f64::from_le_bytes(a))
        }
        _ => {
            let unsigned = IBig::from(dashu_int::UBig::from_le_bytes(le));
            let signed = !matches!(code, 'B' | 'H' | 'I' | 'L' | 'Q' | 'N' | 'P');
            let bits = le.len() * 8;
            let n = if signed && le[le.len() - 1] & 0x80 != 0 {
                unsigned - (IBig::ONE << bits)
            } else {
                unsigned
            };
            vm.new_big(n)
        }
    }
}

/// The `_repy_struct` module.
pub fn install(vm: &mut Vm) -> Value {
    let m = vm.new_module("_repy_struct");
    vm.immortal.push(m);
    let fns: &[(&'static str, NativeFn)] = &[
        ("calcsize", s_calcsize),
        ("pack", s_pack),
        ("unpack", s_unpack),
    ];
    let d = m.get(1);
    for &(name, f) in fns {
        let func = vm.def_builtin(name, "_repy_struct", f);
        let k = vm.intern(name);
        let _ = vm.dict_set(d, k, func);
    }
    m
}
