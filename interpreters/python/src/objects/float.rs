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

    #[inline]
    pub fn is_float(&self, v: Value) -> bool {
        v.is_ptr() && v.raw_type() == self.t.float
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
