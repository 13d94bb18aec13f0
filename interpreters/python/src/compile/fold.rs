//! Compile-time evaluation of operators on constants, for the peephole
//! optimizer's constant folding.
//!
//! # Design
//!
//! Only what is certain is folded: every function returns `None` when the
//! result is not known exactly at compile time (division by zero, a float
//! that needs care, an operator on types it does not know), and the
//! instruction is then left for the VM, which raises the proper exception.
//! CPython's size limits apply (its ast_opt.c), so that `"a" * 10**9` or
//! `2**100000` never become giant constants: ints up to 128 bits from `*`,
//! `**` and `<<`, strings and bytes up to 4096 items, tuples up to 256.

use super::bytecode::Const;
use dashu_int::IBig;
use dashu_int::ops::{BitTest, DivRem, UnsignedAbs};
use std::rc::Rc;

pub const MAX_INT_BITS: usize = 128;
pub const MAX_STR_SIZE: usize = 4096;
pub const MAX_COLLECTION_SIZE: usize = 256;

fn as_int(c: &Const) -> Option<IBig> {
    match c {
        Const::Int(i) => Some(IBig::from(*i)),
        Const::BigInt(b) => Some(b.clone()),
        Const::True => Some(IBig::from(1)),
        Const::False => Some(IBig::from(0)),
        _ => None,
    }
}

fn as_bool(c: &Const) -> Option<bool> {
    match c {
        Const::True => Some(true),
        Const::False => Some(false),
        _ => None,
    }
}

fn as_float(c: &Const) -> Option<f64> {
    match c {
        Const::Float(f) => Some(*f),
        Const::Int(i) if i.unsigned_abs() <= 1 << 53 => Some(*i as f64),
        Const::True => Some(1.0),
        Const::False => Some(0.0),
        _ => None,
    }
}

fn bits(i: &IBig) -> usize {
    i.clone().unsigned_abs().bit_len()
}

fn small_int(i: &IBig) -> Option<i64> {
    i64::try_from(i).ok()
}

/// Python's floor division and modulo of ints (`None` for a zero divisor).
fn floor_div_mod(a: &IBig, b: &IBig) -> Option<(IBig, IBig)> {
    if *b == IBig::from(0) {
        return None;
    }
    let (mut q, mut r) = a.clone().div_rem(b.clone());
    if r != IBig::from(0) && ((r < IBig::from(0)) != (*b < IBig::from(0))) {
        q -= IBig::from(1);
        r += b.clone();
    }
    Some((q, r))
}

fn code_points(s: &[u8]) -> usize {
    crate::ast::PyStr::from_generalized_utf8(s)
        .code_points()
        .count()
}

fn repeat_count(c: &Const) -> Option<i64> {
    match c {
        Const::Int(n) => Some(*n),
        Const::True => Some(1),
        Const::False => Some(0),
        _ => None,
    }
}

/// `a op b` for `BINARY_OP`'s operator codes (0..=12).
pub fn binary(op: u32, a: &Const, b: &Const) -> Option<Const> {
    // bool's own `&`, `|`, `^` give a bool: `True & False` is False, not 0.
    if let (Some(x), Some(y)) = (as_bool(a), as_bool(b)) {
        let r = match op {
            1 => x & y,
            7 => x | y,
            12 => x ^ y,
            _ => return int_binary(op, &IBig::from(u8::from(x)), &IBig::from(u8::from(y))),
        };
        return Some(if r { Const::True } else { Const::False });
    }
    if let (Some(x), Some(y)) = (as_int(a), as_int(b)) {
        return int_binary(op, &x, &y);
    }
    match (a, b) {
        (Const::Str(x), Const::Str(y)) if op == 0 => {
            let mut s = x.to_vec();
            s.extend_from_slice(y);
            Some(Const::Str(Rc::from(s)))
        }
        (Const::Bytes(x), Const::Bytes(y)) if op == 0 => {
            let mut s = x.to_vec();
            s.extend_from_slice(y);
            Some(Const::Bytes(Rc::from(s)))
        }
        (Const::Tuple(x), Const::Tuple(y)) if op == 0 => {
            let mut t = x.to_vec();
            t.extend(y.iter().cloned());
            Some(Const::Tuple(Rc::from(t)))
        }
        (Const::Str(_) | Const::Bytes(_) | Const::Tuple(_), _) if op == 5 => {
            repeat(a, repeat_count(b)?)
        }
        (_, Const::Str(_) | Const::Bytes(_) | Const::Tuple(_)) if op == 5 => {
            repeat(b, repeat_count(a)?)
        }
        (Const::Complex { .. }, _) | (_, Const::Complex { .. }) => complex_binary(op, a, b),
        _ => {
            let (x, y) = (as_float(a)?, as_float(b)?);
            let r = match op {
                0 => x + y,
                10 => x - y,
                5 => x * y,
                11 if y != 0.0 => x / y,
                _ => return None,
            };
            Some(Const::Float(r))
        }
    }
}

fn repeat(seq: &Const, n: i64) -> Option<Const> {
    let n = n.max(0) as usize;
    match seq {
        Const::Str(s) => {
            if code_points(s).checked_mul(n)? > MAX_STR_SIZE {
                return None;
            }
            Some(Const::Str(Rc::from(s.repeat(n))))
        }
        Const::Bytes(s) => {
            if s.len().checked_mul(n)? > MAX_STR_SIZE {
                return None;
            }
            Some(Const::Bytes(Rc::from(s.repeat(n))))
        }
        Const::Tuple(t) => {
            if t.len().checked_mul(n)? > MAX_COLLECTION_SIZE {
                return None;
            }
            let mut out = Vec::with_capacity(t.len() * n);
            for _ in 0..n {
                out.extend(t.iter().cloned());
            }
            Some(Const::Tuple(Rc::from(out)))
        }
        _ => None,
    }
}

fn complex_parts(c: &Const) -> Option<(f64, f64)> {
    match c {
        Const::Complex { re, im } => Some((*re, *im)),
        other => Some((as_float(other)?, 0.0)),
    }
}

fn complex_binary(op: u32, a: &Const, b: &Const) -> Option<Const> {
    let (ar, ai) = complex_parts(a)?;
    let (br, bi) = complex_parts(b)?;
    match op {
        0 => Some(Const::Complex {
            re: ar + br,
            im: ai + bi,
        }),
        10 => Some(Const::Complex {
            re: ar - br,
            im: ai - bi,
        }),
        _ => None,
    }
}

fn int_binary(op: u32, x: &IBig, y: &IBig) -> Option<Const> {
    let zero = IBig::from(0);
    let r = match op {
        0 => x + y,
        10 => x - y,
        5 => {
            if bits(x) + bits(y) > MAX_INT_BITS {
                return None;
            }
            x * y
        }
        2 => floor_div_mod(x, y)?.0,
        6 => floor_div_mod(x, y)?.1,
        11 => {
            let (a, b) = (small_int(x)?, small_int(y)?);
            if b == 0 || a.unsigned_abs() > 1 << 53 || b.unsigned_abs() > 1 << 53 {
                return None;
            }
            return Some(Const::Float(a as f64 / b as f64));
        }
        8 => {
            if *y < zero {
                return None;
            }
            let exp = small_int(y)?;
            let base_bits = bits(x);
            if base_bits > 0 && exp as u64 > (MAX_INT_BITS / base_bits) as u64 {
                return None;
            }
            x.pow(exp as usize)
        }
        3 => {
            if *y < zero {
                return None;
            }
            let shift = small_int(y)?;
            if shift as u64 > MAX_INT_BITS as u64
                || bits(x) as u64 > MAX_INT_BITS as u64 - shift as u64
            {
                return None;
            }
            x << shift as usize
        }
        9 => {
            if *y < zero {
                return None;
            }
            let shift = small_int(y)?.min(1 << 20) as usize;
            x >> shift
        }
        1 => x & y,
        7 => x | y,
        12 => x ^ y,
        _ => return None,
    };
    Some(Const::int(r))
}

/// `UNARY_NEGATIVE`, `UNARY_POSITIVE`, `UNARY_INVERT` on a constant.
pub fn unary(op: super::bytecode::Opcode, c: &Const) -> Option<Const> {
    use super::bytecode::Opcode::*;
    if let Some(i) = as_int(c) {
        return match op {
            UNARY_NEGATIVE => Some(Const::int(-i)),
            UNARY_POSITIVE => Some(Const::int(i)),
            UNARY_INVERT => Some(Const::int(-i - IBig::from(1))),
            _ => None,
        };
    }
    match (op, c) {
        (UNARY_NEGATIVE, Const::Float(f)) => Some(Const::Float(-f)),
        (UNARY_POSITIVE, Const::Float(f)) => Some(Const::Float(*f)),
        (UNARY_NEGATIVE, Const::Complex { re, im }) => Some(Const::Complex { re: -re, im: -im }),
        (UNARY_POSITIVE, Const::Complex { re, im }) => Some(Const::Complex { re: *re, im: *im }),
        _ => None,
    }
}

/// `container[index]` for a constant str, bytes or tuple and an int index.
pub fn subscript(container: &Const, index: &Const) -> Option<Const> {
    let i = match index {
        Const::Int(i) => *i,
        _ => return None,
    };
    let pick = |len: usize| -> Option<usize> {
        let len = i64::try_from(len).ok()?;
        let j = if i < 0 { i + len } else { i };
        (0..len).contains(&j).then_some(j as usize)
    };
    match container {
        Const::Tuple(t) => Some(t[pick(t.len())?].clone()),
        Const::Bytes(b) => Some(Const::Int(i64::from(b[pick(b.len())?]))),
        Const::Str(s) => {
            let points: Vec<u32> = crate::ast::PyStr::from_generalized_utf8(s)
                .code_points()
                .collect();
            let cp = points[pick(points.len())?];
            let mut out = Vec::new();
            crate::ast::push_code_point(&mut out, cp);
            Some(Const::Str(Rc::from(out)))
        }
        _ => None,
    }
}
