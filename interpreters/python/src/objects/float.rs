//! float: a boxed f64 (`[type, bits]`, raw after the type word).
//!
//! repr is the shortest round-trip form laid out as CPython does (`1e+16`,
//! `0.0001`, `inf`, `-0.0`), shared with the AST printer. Division and modulo
//! follow CPython's rules (the remainder takes the divisor's sign) and its
//! error messages; `hash` is CPython's (equal to the int's for integral
//! values).

use super::exceptions::E;
use super::int::{HASH_MODULUS, big_to_f64};
use super::{Value, alloc, layouts};
use crate::vm::{PyResult, Vm};

impl Vm {
    #[inline]
    pub fn new_float(&mut self, f: f64) -> Value {
        let v = alloc(layouts().raw_after_type, self.t.float, 2);
        v.ptr().store(1, f.to_bits() as usize);
        v
    }

    /// A float or an instance of a float subclass (same first two words).
    #[inline]
    pub fn is_float(&self, v: Value) -> bool {
        v.is_ptr()
            && (v.raw_type() == self.t.float
                || super::typeobj::info(v.raw_type()).kind == super::Kind::Float)
    }

    #[inline]
    pub fn float_val(v: Value) -> f64 {
        f64::from_bits(v.word(1) as u64)
    }

    /// A number (int, bool or float) as a double; None for other values.
    pub fn num_to_f64(&mut self, v: Value) -> Option<PyResult<f64>> {
        if self.is_float(v) {
            return Some(Ok(Self::float_val(v)));
        }
        if self.is_int(v) {
            return Some(self.int_to_f64(v));
        }
        None
    }

    /// `a op b` on doubles; `op` is a BINARY_OP code (in-place folded).
    pub fn float_binop(&mut self, op: u32, x: f64, y: f64) -> PyResult<Value> {
        let r = match op % 13 {
            0 => x + y,
            10 => x - y,
            5 => x * y,
            11 => {
                if y == 0.0 {
                    return Err(self.err(E::ZeroDivisionError, "float division by zero"));
                }
                x / y
            }
            2 => {
                if y == 0.0 {
                    return Err(self.err(E::ZeroDivisionError, "float floor division by zero"));
                }
                float_divmod(x, y).0
            }
            6 => {
                if y == 0.0 {
                    return Err(self.err(E::ZeroDivisionError, "float modulo"));
                }
                float_divmod(x, y).1
            }
            8 => return self.float_pow(x, y),
            _ => return Err(self.err(E::TypeError, "unsupported float operation")),
        };
        Ok(self.new_float(r))
    }

    pub fn float_pow(&mut self, x: f64, y: f64) -> PyResult<Value> {
        if x == 0.0 && y < 0.0 {
            return Err(self.err(
                E::ZeroDivisionError,
                "0.0 cannot be raised to a negative power",
            ));
        }
        if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
            // CPython returns a complex here; complex is not there yet.
            return Err(self.err(E::ValueError, "math domain error"));
        }
        let r = x.powf(y);
        if r.is_infinite() && x.is_finite() && y.is_finite() {
            return Err(self.err(E::OverflowError, "(34, 'Numerical result out of range')"));
        }
        Ok(self.new_float(r))
    }
}

/// Python's float divmod: floor quotient, remainder with the divisor's sign.
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0_f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0_f64.copysign(x / y)
    };
    (floordiv, m)
}

pub fn float_repr(f: f64) -> String {
    let mut out = String::new();
    crate::ast::dump::write_float_repr(&mut out, f, true);
    out
}

/// CPython's hash of a double.
pub fn float_hash(f: f64) -> i64 {
    if f.is_nan() {
        return 0; // CPython 3.11 hashes nan by identity; 0 keeps it stable.
    }
    if f.is_infinite() {
        return if f > 0.0 { 314159 } else { -314159 };
    }
    if f.fract() == 0.0 && f.abs() < 9.2e18 {
        return super::int::hash_i64(f as i64);
    }
    // m * 2**e with 0.5 <= m < 1, folded 28 bits at a time modulo 2**61 - 1.
    let (mut m, mut e) = frexp(f.abs());
    let sign: i64 = if f < 0.0 { -1 } else { 1 };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | (x >> (61 - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    x = ((x << e) & HASH_MODULUS) | (x >> (61 - e));
    let h = x as i64 * sign;
    if h == -1 { -2 } else { h }
}

fn frexp(f: f64) -> (f64, i32) {
    if f == 0.0 {
        return (0.0, 0);
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(f * (1u64 << 54) as f64);
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// Int to float for mixed arithmetic, shared by the number code.
pub fn big_f64(b: &dashu_int::IBig) -> f64 {
    big_to_f64(b)
}

/// The exact integer value of a finite, integral double.
pub fn integral_to_big(f: f64) -> dashu_int::IBig {
    use dashu_int::IBig;
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, shift) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    let m = IBig::from(mant);
    let v = if shift >= 0 {
        m << shift as usize
    } else {
        m >> (-shift) as usize
    };
    if f < 0.0 { -v } else { v }
}

impl Vm {
    /// Exact ordering of two numbers (int, bool or float), as CPython
    /// compares an int with a float (no rounding of the int); None when a
    /// NaN is involved. The caller checked both are numbers.
    pub fn mixed_cmp(&mut self, a: Value, b: Value) -> Option<std::cmp::Ordering> {
        use std::cmp::Ordering;
        match (self.is_float(a), self.is_float(b)) {
            (true, true) => Self::float_val(a).partial_cmp(&Self::float_val(b)),
            (false, false) => {
                let (x, y) = (self.to_big(a)?, self.to_big(b)?);
                Some(x.cmp(&y))
            }
            (fa, _) => {
                let (f, n) = if fa {
                    (Self::float_val(a), b)
                } else {
                    (Self::float_val(b), a)
                };
                let o = if f.is_nan() {
                    return None;
                } else if f.is_infinite() {
                    if f > 0.0 {
                        Ordering::Less
                    } else {
                        Ordering::Greater
                    }
                } else {
                    let n = self.to_big(n)?;
                    let t = f.trunc();
                    match n.cmp(&integral_to_big(t)) {
                        Ordering::Equal => 0.0f64.partial_cmp(&(f - t))?,
                        o => o,
                    }
                };
                // `o` orders the int against the float.
                Some(if fa { o.reverse() } else { o })
            }
        }
    }
}

fn float_self(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<f64> {
    vm.check_nargs(name, args, 1, 1)?;
    Ok(Vm::float_val(args[0]))
}

/// An integral float as an int, or CPython's errors for inf and nan.
fn float_to_int(vm: &mut Vm, f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(vm.err(E::ValueError, "cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.err(E::OverflowError, "cannot convert float infinity to integer"));
    }
    Ok(vm.new_big(integral_to_big(f)))
}

fn m_trunc(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let f = float_self(vm, args, "__trunc__")?;
    float_to_int(vm, f.trunc())
}
fn m_floor(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let f = float_self(vm, args, "__floor__")?;
    float_to_int(vm, f.floor())
}
fn m_ceil(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let f = float_self(vm, args, "__ceil__")?;
    float_to_int(vm, f.ceil())
}
fn m_conjugate(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    float_self(vm, args, "conjugate")?;
    Ok(args[0])
}

fn m_as_integer_ratio(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let f = float_self(vm, args, "as_integer_ratio")?;
    if f.is_nan() {
        return Err(vm.err(E::ValueError, "cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(vm.err(E::OverflowError, "cannot convert Infinity to integer ratio"));
    }
    // f = mant * 2**exp exactly; reduce by the common powers of two.
    let bits = f.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut mant, mut exp) = if raw_exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), raw_exp - 1075)
    };
    if mant == 0 {
        return Ok(vm.new_tuple(&[Value::small(0), Value::small(1)]));
    }
    while mant & 1 == 0 && exp < 0 {
        mant >>= 1;
        exp += 1;
    }
    let m = dashu_int::IBig::from(mant);
    let (num, den) = if exp >= 0 {
        (m << exp as usize, dashu_int::IBig::from(1))
    } else {
        (m, dashu_int::IBig::from(1) << (-exp) as usize)
    };
    let num = if f < 0.0 { -num } else { num };
    let n = vm.new_big(num);
    let d = vm.new_big(den);
    Ok(vm.new_tuple(&[n, d]))
}

/// `float.hex()`: `[-]0x1.<13 hex digits>p<exp>` as CPython writes it.
pub fn float_hex(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = f.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (lead, exp) = if raw_exp == 0 {
        (0, -1022)
    } else {
        (1, raw_exp - 1023)
    };
    format!("{sign}0x{lead}.{frac:013x}p{exp:+}")
}

fn m_hex(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let f = float_self(vm, args, "hex")?;
    Ok(vm.new_str(&float_hex(f)))
}

/// Parse CPython's hexadecimal float syntax (`float.fromhex`).
fn parse_hex_float(text: &str) -> Option<f64> {
    let t = text.trim();
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = t.to_ascii_lowercase();
    let special = match lower.as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(v) = special {
        return Some(if neg { -v } else { v });
    }
    let body = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mantissa, exp) = match body.split_once('p') {
        Some((m, e)) => (m, e.parse::<i64>().ok()?),
        None => (body, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    // Exact value as big integer * 2**(exp - 4*len(frac)), then one rounding.
    let digits = format!("{int_part}{frac_part}");
    let mut n = dashu_int::UBig::from(0u8);
    for c in digits.chars() {
        n = n * dashu_int::UBig::from(16u8) + dashu_int::UBig::from(c.to_digit(16)?);
    }
    let e2 = exp - 4 * frac_part.len() as i64;
    let v = big_times_pow2(n, e2);
    Some(if neg { -v } else { v })
}

/// `n * 2**e` rounded once to the nearest double (ties to even).
pub(crate) fn big_times_pow2(n: dashu_int::UBig, e: i64) -> f64 {
    use dashu_int::ops::BitTest;
    if n == dashu_int::UBig::from(0u8) {
        return 0.0;
    }
    let bits = n.bit_len() as i64;
    // Keep 54+ significant bits plus a sticky bit, then round by hand.
    let top = bits + e; // value in [2**(top-1), 2**top)
    let min_exp = -1074i64;
    // The exponent of the last kept bit.
    let lsb = (top - 53).max(min_exp);
    let shift = lsb - e;
    let (mut mant, round_up) = if shift <= 0 {
        (
            u64::try_from(n << (-shift) as usize).unwrap_or(u64::MAX),
            false,
        )
    } else {
        let s = shift as usize;
        let kept = &n >> s;
        let rem = &n - (&kept << s);
        let half = dashu_int::UBig::from(1u8) << (s - 1);
        let kept = u64::try_from(kept).unwrap_or(u64::MAX);
        let up = rem > half || (rem == half && kept & 1 == 1);
        (kept, up)
    };
    if round_up {
        mant += 1;
    }
    let v = mant as f64 * 2f64.powi(0);
    // Scale in two steps so subnormals and large exponents stay exact.
    let half_e = lsb / 2;
    v * 2f64.powi(half_e as i32) * 2f64.powi((lsb - half_e) as i32)
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
    match parse_hex_float(super::str::as_str(args[1])) {
        Some(f)
            if f.is_finite()
                || !super::str::as_str(args[1])
                    .to_ascii_lowercase()
                    .contains("0x") =>
        {
            Ok(vm.new_float(f))
        }
        Some(_) => Err(vm.err(
            E::OverflowError,
            "hexadecimal value too large to represent as a float",
        )),
        None => Err(vm.err(E::ValueError, "invalid hexadecimal floating-point string")),
    }
}

/// The methods of float beyond the operators.
pub const METHODS: &[(&str, super::function::NativeFn)] = &[
    ("__trunc__", m_trunc),
    ("__floor__", m_floor),
    ("__ceil__", m_ceil),
    ("conjugate", m_conjugate),
    ("as_integer_ratio", m_as_integer_ratio),
    ("hex", m_hex),
];

/// `float.fromhex`, a classmethod (takes the class first).
pub const FROMHEX: super::function::NativeFn = m_fromhex;
