//! int: small ints tagged in the value word, big ints as boxed `IBig`s.
//!
//! Every operation first tries the tagged fast path (checked i64 arithmetic),
//! and falls back to dashu's `IBig` on overflow; results that fit in 63 bits
//! are always tagged again, so a value has exactly one representation.
//! Division and modulo floor as CPython's do; `hash` is CPython's (reduction
//! modulo 2**61 - 1, -1 mapped to -2).

use super::function::NativeFn;
use super::{SMALL_MAX, SMALL_MIN, Value, alloc, layouts};
use crate::vm::{PyResult, Vm};
use dashu_int::{IBig, Sign};
use retrace::gc::GcPtr;

/// The modulus of numeric hashes (CPython's `sys.hash_info.modulus`).
pub const HASH_MODULUS: u64 = (1 << 61) - 1;

/// A borrowed view of an int value.
pub enum IntRef<'a> {
    Small(i64),
    Big(&'a IBig),
}

pub(crate) fn drop_bigint(obj: GcPtr) {
    let raw = obj.load(1);
    if raw != 0 {
        // SAFETY: word 1 of a big int holds a Box<IBig> leaked by `new_big`,
        // dropped exactly once here (the object dies once).
        drop(unsafe { Box::from_raw(raw as *mut IBig) });
    }
}

impl Vm {
    /// An int from an i64 (tagged when it fits).
    #[inline]
    pub fn new_int(&mut self, n: i64) -> Value {
        if (SMALL_MIN..=SMALL_MAX).contains(&n) {
            Value::small(n)
        } else {
            self.new_big(IBig::from(n))
        }
    }

    /// An int from an `IBig`, tagged when it fits.
    pub fn new_big(&mut self, n: IBig) -> Value {
        if let Ok(small) = i64::try_from(&n)
            && (SMALL_MIN..=SMALL_MAX).contains(&small)
        {
            return Value::small(small);
        }
        let obj = alloc(layouts().bigint, self.t.int, 2);
        obj.ptr().store(1, Box::into_raw(Box::new(n)) as usize);
        obj
    }

    /// The int behind a value, if it is an int or a bool.
    #[inline]
    pub fn int_ref<'a>(&self, v: Value) -> Option<IntRef<'a>> {
        if v.is_small() {
            return Some(IntRef::Small(v.as_small()));
        }
        if v.is_null() {
            return None;
        }
        let layout = v.layout();
        if layout == layouts().bigint {
            // SAFETY: word 1 of a big int is a live Box<IBig> owned by the
            // object, which the caller's value keeps alive (and pinned).
            return Some(IntRef::Big(unsafe { &*(v.word(1) as *const IBig) }));
        }
        if layout == super::classes::int_subclass_layout() {
            // An int subclass instance: word 1 is the tagged small int, or
            // its own Box<IBig> when the value does not fit.
            let w = v.word(1);
            if w & 1 == 1 {
                return Some(IntRef::Small(Value(w).as_small()));
            }
            // SAFETY: as for a big int; the box belongs to this instance.
            return Some(IntRef::Big(unsafe { &*(w as *const IBig) }));
        }
        if v == self.true_ {
            return Some(IntRef::Small(1));
        }
        if v == self.false_ {
            return Some(IntRef::Small(0));
        }
        None
    }

    pub fn is_int(&self, v: Value) -> bool {
        self.int_ref(v).is_some()
    }

    /// The value as an `IBig` (ints and bools only).
    pub fn to_big(&self, v: Value) -> Option<IBig> {
        Some(match self.int_ref(v)? {
            IntRef::Small(n) => IBig::from(n),
            IntRef::Big(b) => b.clone(),
        })
    }

    /// The value as an i64, if it is an int that fits.
    pub fn to_i64(&self, v: Value) -> Option<i64> {
        match self.int_ref(v)? {
            IntRef::Small(n) => Some(n),
            IntRef::Big(b) => i64::try_from(b).ok(),
        }
    }

    /// An index-like int argument: OverflowError when it does not fit.
    pub fn index_i64(&mut self, v: Value) -> PyResult<i64> {
        match self.int_ref(v) {
            Some(IntRef::Small(n)) => Ok(n),
            Some(IntRef::Big(_)) => Err(self.err(
                crate::objects::exceptions::E::OverflowError,
                "Python int too large to convert to C ssize_t",
            )),
            None => {
                let idx = self.call_dunder_index(v)?;
                match self.int_ref(idx) {
                    Some(IntRef::Small(n)) => Ok(n),
                    _ => Err(self.err(
                        crate::objects::exceptions::E::OverflowError,
                        "Python int too large to convert to C ssize_t",
                    )),
                }
            }
        }
    }

    /// `a op b` for two ints; `op` is a BINARY_OP code. None when the
    /// operation is not an int operation (true division gives a float).
    pub fn int_binop(&mut self, op: u32, a: Value, b: Value) -> PyResult<Value> {
        use crate::objects::exceptions::E;
        // bool & | ^ bool stays a bool.
        if matches!(op % 13, 1 | 7 | 12)
            && (a == self.true_ || a == self.false_)
            && (b == self.true_ || b == self.false_)
        {
            let (x, y) = (a == self.true_, b == self.true_);
            return Ok(self.bool(match op % 13 {
                1 => x & y,
                7 => x | y,
                _ => x ^ y,
            }));
        }
        if let (Some(IntRef::Small(x)), Some(IntRef::Small(y))) = (self.int_ref(a), self.int_ref(b))
        {
            let fast = match op % 13 {
                0 => x.checked_add(y),
                10 => x.checked_sub(y),
                5 => x.checked_mul(y),
                1 => Some(x & y),
                7 => Some(x | y),
                12 => Some(x ^ y),
                2 | 6 if y != 0 => {
                    let q = x.checked_div_euclid(y);
                    match q {
                        Some(_) => {
                            let (q, r) = floor_divmod(x, y);
                            Some(if op % 13 == 2 { q } else { r })
                        }
                        None => None,
                    }
                }
                _ => None,
            };
            if let Some(n) = fast {
                return Ok(self.new_int(n));
            }
        }
        let x = self.to_big(a).expect("int operand");
        let y = self.to_big(b).expect("int operand");
        let zero = IBig::from(0);
        let r = match op % 13 {
            0 => x + y,
            10 => x - y,
            5 => x * y,
            1 => x & y,
            7 => x | y,
            12 => x ^ y,
            2 | 6 => {
                if y == zero {
                    return Err(self.err(
                        E::ZeroDivisionError,
                        if op % 13 == 6 {
                            "integer modulo by zero"
                        } else {
                            "integer division or modulo by zero"
                        },
                    ));
                }
                let (q, r) = big_floor_divmod(&x, &y);
                if op % 13 == 2 { q } else { r }
            }
            3 | 9 => {
                if y < zero {
                    return Err(self.err(E::ValueError, "negative shift count"));
                }
                let Ok(shift) = usize::try_from(&y) else {
                    if op % 13 == 9 {
                        return Ok(self.new_int(if x < zero { -1 } else { 0 }));
                    }
                    return Err(self.err(E::OverflowError, "too many digits in integer"));
                };
                if op % 13 == 3 {
                    if x == zero {
                        zero
                    } else if shift > (1 << 26) {
                        return Err(self.err(E::OverflowError, "too many digits in integer"));
                    } else {
                        x << shift
                    }
                } else {
                    // Arithmetic shift floors, as Python's does.
                    let (q, _) = big_floor_divmod(&x, &(IBig::from(1) << shift.min(1 << 26)));
                    q
                }
            }
            8 => return self.int_pow(a, b),
            11 => return self.int_truediv(a, b),
            _ => return Err(self.err(E::TypeError, "unsupported int operation")),
        };
        Ok(self.new_big(r))
    }

    pub fn int_truediv(&mut self, a: Value, b: Value) -> PyResult<Value> {
        use crate::objects::exceptions::E;
        if let (Some(p), Some(q)) = (self.to_i64(a), self.to_i64(b)) {
            if q == 0 {
                return Err(self.err(E::ZeroDivisionError, "division by zero"));
            }
            // Exact when both fit in a double's mantissa.
            if p.unsigned_abs() < (1 << 53) && q.unsigned_abs() < (1 << 53) {
                return Ok(self.new_float(p as f64 / q as f64));
            }
        }
        let (x, y) = (self.to_big(a).expect("int"), self.to_big(b).expect("int"));
        if y == IBig::ZERO {
            return Err(self.err(E::ZeroDivisionError, "division by zero"));
        }
        match correctly_rounded_div(&x, &y) {
            Some(f) => Ok(self.new_float(f)),
            None => Err(self.err(
                E::OverflowError,
                "integer division result too large for a float",
            )),
        }
    }

    pub fn int_pow(&mut self, a: Value, b: Value) -> PyResult<Value> {
        use crate::objects::exceptions::E;
        let x = self.to_big(a).expect("int");
        let y = self.to_big(b).expect("int");
        if y.sign() == Sign::Negative {
            let base = self.int_to_f64(a)?;
            let exp = self.int_to_f64(b)?;
            if base == 0.0 {
                return Err(self.err(
                    E::ZeroDivisionError,
                    "0.0 cannot be raised to a negative power",
                ));
            }
            return Ok(self.new_float(base.powf(exp)));
        }
        let Ok(e) = usize::try_from(&y) else {
            return Err(self.err(E::OverflowError, "exponent too large"));
        };
        Ok(self.new_big(x.pow(e)))
    }

    /// The int as a float, OverflowError when too large.
    pub fn int_to_f64(&mut self, v: Value) -> PyResult<f64> {
        match self.int_ref(v) {
            Some(IntRef::Small(n)) => Ok(n as f64),
            Some(IntRef::Big(b)) => {
                let f = big_to_f64(b);
                if f.is_infinite() {
                    Err(self.err(
                        crate::objects::exceptions::E::OverflowError,
                        "int too large to convert to float",
                    ))
                } else {
                    Ok(f)
                }
            }
            None => Err(self.err(crate::objects::exceptions::E::TypeError, "expected an int")),
        }
    }

    /// Compare two ints.
    pub fn int_cmp(&self, a: Value, b: Value) -> std::cmp::Ordering {
        match (self.int_ref(a), self.int_ref(b)) {
            (Some(IntRef::Small(x)), Some(IntRef::Small(y))) => x.cmp(&y),
            _ => self.to_big(a).cmp(&self.to_big(b)),
        }
    }

    /// CPython's hash of an int.
    pub fn int_hash(&self, v: Value) -> i64 {
        match self.int_ref(v) {
            Some(IntRef::Small(n)) => hash_i64(n),
            Some(IntRef::Big(b)) => {
                let m = IBig::from(HASH_MODULUS);
                let r: IBig = b.clone() % &m;
                let mut h = i64::try_from(&r).unwrap_or(0);
                if b.sign() == Sign::Negative && h > 0 {
                    h = -h;
                }
                if h == -1 { -2 } else { h }
            }
            None => 0,
        }
    }

    pub fn int_repr(&self, v: Value) -> String {
        match self.int_ref(v) {
            Some(IntRef::Small(n)) => n.to_string(),
            Some(IntRef::Big(b)) => b.to_string(),
            None => String::new(),
        }
    }
}

/// CPython's hash of a machine int.
pub fn hash_i64(n: i64) -> i64 {
    let m = n.unsigned_abs() % HASH_MODULUS;
    let h = if n < 0 { -(m as i64) } else { m as i64 };
    if h == -1 { -2 } else { h }
}

/// Floor division and modulo (the remainder has the divisor's sign).
pub fn floor_divmod(x: i64, y: i64) -> (i64, i64) {
    let q = x / y;
    let r = x % y;
    if r != 0 && ((r < 0) != (y < 0)) {
        (q - 1, r + y)
    } else {
        (q, r)
    }
}

pub fn big_floor_divmod(x: &IBig, y: &IBig) -> (IBig, IBig) {
    let q = x / y;
    let r = x % y;
    let zero = IBig::from(0);
    if r != zero && ((r < zero) != (*y < zero)) {
        (q - 1, r + y)
    } else {
        (q, r)
    }
}

/// Correctly rounded conversion of a big int to a double (inf when too big).
pub fn big_to_f64(b: &IBig) -> f64 {
    // Parsing the decimal text rounds correctly; big ints are rare here.
    b.to_string().parse::<f64>().unwrap_or(f64::INFINITY)
}

fn int_self(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<IBig> {
    vm.check_nargs(name, args, 1, 1)?;
    Ok(vm.to_big(args[0]).unwrap_or_default())
}

fn m_bit_count(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let b = int_self(vm, args, "bit_count")?;
    let mag = if b < IBig::ZERO { -b } else { b };
    let ones = format!("{mag:b}").bytes().filter(|&c| c == b'1').count();
    Ok(Value::small(ones as i64))
}

/// `int.conjugate()`, `int.__trunc__()`, ...: the int itself (a bool gives
/// its int value).
fn m_as_int(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let b = int_self(vm, args, "conjugate")?;
    Ok(vm.new_big(b))
}

fn m_as_integer_ratio(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let b = int_self(vm, args, "as_integer_ratio")?;
    let n = vm.new_big(b);
    Ok(vm.new_tuple(&[n, Value::small(1)]))
}

/// The methods of int beyond the operators.
pub const METHODS: &[(&str, NativeFn)] = &[
    ("bit_count", m_bit_count),
    ("conjugate", m_as_int),
    ("__trunc__", m_as_int),
    ("__floor__", m_as_int),
    ("__ceil__", m_as_int),
    ("as_integer_ratio", m_as_integer_ratio),
];

/// `x / y` rounded once to the nearest double (None on overflow): the
/// quotient is taken to 55+ bits with a sticky bit for the remainder, then
/// rounded by `float::big_times_pow2`.
fn correctly_rounded_div(x: &IBig, y: &IBig) -> Option<f64> {
    use dashu_int::UBig;
    use dashu_int::ops::BitTest;
    let negative = (*x < IBig::ZERO) != (*y < IBig::ZERO);
    let mag = |v: &IBig| {
        let v = if *v < IBig::ZERO {
            -v.clone()
        } else {
            v.clone()
        };
        UBig::try_from(v).ok()
    };
    let (ax, ay) = (mag(x)?, mag(y)?);
    if ax == UBig::from(0u8) {
        return Some(if negative { -0.0 } else { 0.0 });
    }
    let shift = 56 - (ax.bit_len() as i64 - ay.bit_len() as i64);
    let (num, den) = if shift >= 0 {
        (ax << shift as usize, ay)
    } else {
        (ax, ay << (-shift) as usize)
    };
    let q = &num / &den;
    let sticky = &q * &den != num;
    let q2 = (q << 1) + UBig::from(sticky as u8);
    let f = super::float::big_times_pow2(q2, -shift - 1);
    if f.is_infinite() {
        return None;
    }
    Some(if negative { -f } else { f })
}

fn byteorder_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<bool> {
    let Some(v) = v else { return Ok(false) };
    if !vm.is_str(v) {
        let tn = vm.type_name(v);
        return Err(vm.err(
            crate::objects::exceptions::E::TypeError,
            format!("to_bytes() argument 'byteorder' must be str, not {tn}"),
        ));
    }
    match super::str::as_str(v) {
        "big" => Ok(false),
        "little" => Ok(true),
        _ => Err(vm.err(
            crate::objects::exceptions::E::ValueError,
            "byteorder must be either 'little' or 'big'",
        )),
    }
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
fn m_to_bytes(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    use crate::objects::exceptions::E;
    let a = super::str::bind_args(
        vm,
        "to_bytes",
        args,
        kw,
        &["length", "byteorder", "signed"],
        0,
    )?;
    let length = match a[0] {
        Some(v) => vm.index_i64(v)?,
        None => 1,
    };
    if length < 0 {
        return Err(vm.err(E::ValueError, "length argument must be non-negative"));
    }
    let little = byteorder_arg(vm, a[1])?;
    let signed = match a[2] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let n = vm.to_big(args[0]).unwrap_or_default();
    if n < IBig::ZERO && !signed {
        return Err(vm.err(E::OverflowError, "can't convert negative int to unsigned"));
    }
    let len = length as usize;
    // Two's complement in `len` bytes: n mod 256**len, range-checked.
    let modulus = IBig::from(1) << (8 * len);
    let (lo, hi) = if signed {
        let half = IBig::from(1) << (8 * len).saturating_sub(1);
        (-half.clone(), half)
    } else {
        (IBig::ZERO, modulus.clone())
    };
    if n < lo || n >= hi || (len == 0 && n != IBig::ZERO) {
        return Err(vm.err(E::OverflowError, "int too big to convert"));
    }
    let wrapped = if n < IBig::ZERO { n + &modulus } else { n };
    let mag = dashu_int::UBig::try_from(wrapped).unwrap_or_default();
    let mut bytes = mag.to_le_bytes().to_vec();
    bytes.resize(len, 0);
    if !little {
        bytes.reverse();
    }
    Ok(vm.new_bytes(&bytes))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`, a classmethod.
fn m_from_bytes(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    use crate::objects::exceptions::E;
    let a = super::str::bind_args(
        vm,
        "from_bytes",
        args,
        kw,
        &["bytes", "byteorder", "signed"],
        1,
    )?;
    let src = a[0].unwrap_or(Value::NULL);
    let data: Vec<u8> = match vm.byte_data(src) {
        Some(d) => d.to_vec(),
        None => {
            let items = vm.collect_iterable(src)?;
            let mut out = Vec::new();
            for &x in vm.tuple_items(items) {
                match vm.to_i64(x).filter(|b| (0..256).contains(b)) {
                    Some(b) => out.push(b as u8),
                    None => {
                        return Err(vm.err(E::ValueError, "bytes must be in range(0, 256)"));
                    }
                }
            }
            out
        }
    };
    let little = byteorder_arg(vm, a[1])?;
    let signed = match a[2] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let mut be = data.clone();
    if little {
        be.reverse();
    }
    let mag = dashu_int::UBig::from_be_bytes(&be);
    let mut n = IBig::from(mag);
    if signed && be.first().is_some_and(|&b| b & 0x80 != 0) {
        n -= IBig::from(1) << (8 * be.len());
    }
    let v = vm.new_big(n);
    if args[0] != vm.t.int {
        return vm.call(args[0], &[v]);
    }
    Ok(v)
}

pub const TO_BYTES: NativeFn = m_to_bytes;
pub const FROM_BYTES: NativeFn = m_from_bytes;
