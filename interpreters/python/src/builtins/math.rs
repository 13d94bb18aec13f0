//! The rest of `math` (modules.rs has the first functions): hyperbolic and
//! special functions, fsum, frexp/ldexp/modf, isclose, the integer
//! functions (isqrt, lcm, comb, perm, prod) on big ints. Errors are
//! CPython's: "math domain error" (ValueError) and "math range error"
//! (OverflowError). erf, erfc, cbrt, gamma and lgamma come from the C
//! library; CPython computes gamma and lgamma its own way, so those two may
//! differ from CPython's in the last digit.

use crate::objects::Value;
use crate::objects::exceptions::E;
use crate::objects::function::NativeFn;
use crate::vm::{PyResult, Vm};
use dashu_int::ops::BitTest;
use dashu_int::{IBig, UBig};

unsafe extern "C" {
    fn erf(x: f64) -> f64;
    fn erfc(x: f64) -> f64;
    fn tgamma(x: f64) -> f64;
    fn lgamma(x: f64) -> f64;
    fn nextafter(x: f64, y: f64) -> f64;
    fn cbrt(x: f64) -> f64;
}

fn arg(vm: &mut Vm, args: &[Value], i: usize, name: &str) -> PyResult<f64> {
    let Some(&v) = args.get(i) else {
        return Err(vm.err(
            E::TypeError,
            format!("{name}() missing required argument (pos {})", i + 1),
        ));
    };
    if vm.is_int(v) {
        return vm.int_to_f64(v);
    }
    match vm.num_to_f64(v) {
        Some(r) => r,
        None => match vm.call_special(v, "__float__", &[])? {
            Some(f) if vm.is_float(f) => Ok(Vm::float_val(f)),
            _ => {
                let tn = vm.type_name(v);
                Err(vm.err(E::TypeError, format!("must be real number, not {tn}")))
            }
        },
    }
}

/// A float result with CPython's checks: NaN from non-NaN input is a
/// domain error, infinity from finite input a range error.
fn checked(vm: &mut Vm, x: f64, r: f64) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() {
        return Err(vm.err(E::ValueError, "math domain error"));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(vm.err(E::OverflowError, "math range error"));
    }
    Ok(vm.new_float(r))
}

macro_rules! unary {
    ($name:ident, $py:expr, $f:expr) => {
        fn $name(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
            let x = arg(vm, args, 0, $py)?;
            let f: fn(f64) -> f64 = $f;
            checked(vm, x, f(x))
        }
    };
}

unary!(m_acosh, "acosh", f64::acosh);
unary!(m_asinh, "asinh", f64::asinh);
unary!(m_cosh, "cosh", f64::cosh);
unary!(m_sinh, "sinh", f64::sinh);
unary!(m_tanh, "tanh", f64::tanh);
unary!(m_exp2, "exp2", f64::exp2);
unary!(m_expm1, "expm1", f64::exp_m1);
unary!(m_degrees, "degrees", f64::to_degrees);
unary!(m_radians, "radians", f64::to_radians);
unary!(m_erf, "erf", |x| {
    // SAFETY: a pure C math function on a float, no pointers.
    unsafe { erf(x) }
});
unary!(m_erfc, "erfc", |x| {
    // SAFETY: a pure C math function on a float, no pointers.
    unsafe { erfc(x) }
});
unary!(m_cbrt, "cbrt", |x| {
    // SAFETY: a pure C math function on a float, no pointers.
    unsafe { cbrt(x) }
});

fn m_atanh(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = arg(vm, args, 0, "atanh")?;
    if x.abs() >= 1.0 {
        return Err(vm.err(E::ValueError, "math domain error"));
    }
    checked(vm, x, x.atanh())
}

fn m_log1p(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = arg(vm, args, 0, "log1p")?;
    if x <= -1.0 {
        return Err(vm.err(E::ValueError, "math domain error"));
    }
    checked(vm, x, x.ln_1p())
}

fn m_gamma(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = arg(vm, args, 0, "gamma")?;
    if x == f64::NEG_INFINITY || (x <= 0.0 && x == x.floor()) {
        return Err(vm.err(E::ValueError, "math domain error"));
    }
    // SAFETY: pure C math function.
    let r = unsafe { tgamma(x) };
    checked(vm, x, r)
}

fn m_lgamma(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = arg(vm, args, 0, "lgamma")?;
    if x <= 0.0 && x == x.floor() {
        return Err(vm.err(E::ValueError, "math domain error"));
    }
    // SAFETY: pure C math function (its sign output is not used).
    let r = unsafe { lgamma(x) };
    checked(vm, x, r)
}

fn m_copysign(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = arg(vm, args, 0, "copysign")?;
    let y = arg(vm, args, 1, "copysign")?;
    Ok(vm.new_float(x.copysign(y)))
}

fn m_fmod(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = arg(vm, args, 0, "fmod")?;
    let y = arg(vm, args, 1, "fmod")?;
    if y == 0.0 && !x.is_nan() || x.is_infinite() && !y.is_nan() {
        return Err(vm.err(E::ValueError, "math domain error"));
    }
    Ok(vm.new_float(x % y))
}

fn m_remainder(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = arg(vm, args, 0, "remainder")?;
    let y = arg(vm, args, 1, "remainder")?;
    if x.is_nan() || y.is_nan() {
        return Ok(vm.new_float(f64::NAN));
    }
    if x.is_infinite() || y == 0.0 {
        return Err(vm.err(E::ValueError, "math domain error"));
    }
    if y.is_infinite() {
        return Ok(vm.new_float(x));
    }
    // IEEE remainder: x - n*y with n the nearest integer to x/y, ties to even.
    let n = (x / y).round();
    let n = if ((x / y) - (x / y).trunc()).abs() == 0.5 {
        2.0 * ((x / y) / 2.0).round()
    } else {
        n
    };
    let r = x - n * y;
    Ok(vm.new_float(if r == 0.0 { 0.0f64.copysign(x) } else { r }))
}

fn m_frexp(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = arg(vm, args, 0, "frexp")?;
    if x == 0.0 || !x.is_finite() {
        let m = vm.new_float(x);
        return Ok(vm.new_tuple(&[m, Value::small(0)]));
    }
    let bits = x.abs().to_bits();
    let (mut mant, mut exp) = ((bits & ((1u64 << 52) - 1)), ((bits >> 52) & 0x7ff) as i64);
    if exp == 0 {
        // Subnormal: normalize.
        let shift = mant.leading_zeros() as i64 - 11;
        mant <<= shift;
        exp = 1 - shift;
        mant &= (1u64 << 52) - 1;
    }
    let m = f64::from_bits((1022u64 << 52) | mant).copysign(x);
    let m = vm.new_float(m);
    Ok(vm.new_tuple(&[m, Value::small(exp - 1022)]))
}

fn m_ldexp(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = arg(vm, args, 0, "ldexp")?;
    let Some(&e) = args.get(1) else {
        return Err(vm.err(E::TypeError, "ldexp expected 2 arguments, got 1"));
    };
    if !vm.is_int(e) {
        return Err(vm.err(E::TypeError, "Expected an int as second argument to ldexp."));
    }
    let e = vm
        .to_i64(e)
        .unwrap_or(if vm.to_big(e).is_some_and(|b| b > IBig::ZERO) {
            i64::MAX
        } else {
            i64::MIN
        });
    if x == 0.0 || !x.is_finite() {
        return Ok(vm.new_float(x));
    }
    let e = e.clamp(-2200, 2200) as i32;
    // Scale in steps so intermediate powers of two stay finite.
    let mut r = x;
    let mut left = e;
    while left != 0 {
        let step = left.clamp(-1000, 1000);
        r *= 2f64.powi(step);
        left -= step;
    }
    checked(vm, x, r)
}

fn m_modf(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = arg(vm, args, 0, "modf")?;
    let (f, i) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else {
        (x.fract(), x.trunc())
    };
    let f = vm.new_float(f);
    let mark = vm.pin(&[f]);
    let i = vm.new_float(i);
    vm.unpin(mark);
    Ok(vm.new_tuple(&[f, i]))
}

/// Exact sum of floats: the partial sums are kept as non-overlapping
/// floats (each addition split into its rounded sum and exact error).
fn m_fsum(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let Some(&iterable) = args.first() else {
        return Err(vm.err(E::TypeError, "fsum() takes exactly one argument (0 given)"));
    };
    let items = vm.collect_iterable(iterable)?;
    let mark = vm.pin(&[items]);
    let values: Vec<Value> = vm.tuple_items(items).to_vec();
    let mut partials: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    for (i, _) in values.iter().enumerate() {
        let mut x = arg(vm, &values, i, "fsum")?;
        if !x.is_finite() {
            special += x;
            continue;
        }
        let mut kept = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[kept] = lo;
                kept += 1;
            }
            x = hi;
        }
        partials.truncate(kept);
        partials.push(x);
    }
    vm.unpin(mark);
    if special != 0.0 || special.is_nan() {
        if special.is_nan() && !values.is_empty() {
            return Err(vm.err(E::ValueError, "-inf + inf in fsum"));
        }
        return Ok(vm.new_float(special));
    }
    // Add the partials from the top, correcting the final rounding.
    let mut hi = 0.0;
    if let Some(&top) = partials.last() {
        hi = top;
        let mut n = partials.len() - 1;
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            let y = partials[n - 1];
            n -= 1;
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
    }
    Ok(vm.new_float(hi))
}

fn m_isclose(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kw.len();
    if npos != 2 {
        return Err(vm.err(
            E::TypeError,
            format!("isclose() takes exactly 2 positional arguments ({npos} given)"),
        ));
    }
    let a = arg(vm, args, 0, "isclose")?;
    let b = arg(vm, args, 1, "isclose")?;
    let (mut rel, mut abs) = (1e-9, 0.0);
    for (i, &k) in kw.iter().enumerate() {
        let v = arg(vm, args, npos + i, "isclose")?;
        match crate::objects::str::as_str(k) {
            "rel_tol" => rel = v,
            "abs_tol" => abs = v,
            n => {
                return Err(vm.err(
                    E::TypeError,
                    format!("isclose() got an unexpected keyword argument '{n}'"),
                ));
            }
        }
    }
    if rel < 0.0 || abs < 0.0 {
        return Err(vm.err(E::ValueError, "tolerances must be non-negative"));
    }
    if a == b {
        return Ok(vm.true_);
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(vm.false_);
    }
    let diff = (b - a).abs();
    let r = diff <= (rel * b).abs() || diff <= (rel * a).abs() || diff <= abs;
    Ok(vm.bool(r))
}

fn m_dist(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.len() != 2 {
        return Err(vm.err(
            E::TypeError,
            format!("dist expected 2 arguments, got {}", args.len()),
        ));
    }
    let p = vm.collect_iterable(args[0])?;
    let mark = vm.pin(&[p]);
    let q = vm.collect_iterable(args[1])?;
    vm.unpin(mark);
    let (p, q) = (vm.tuple_items(p).to_vec(), vm.tuple_items(q).to_vec());
    if p.len() != q.len() {
        return Err(vm.err(
            E::ValueError,
            "both points must have the same number of dimensions",
        ));
    }
    let mut sum = 0.0;
    for i in 0..p.len() {
        let d = arg(vm, &p, i, "dist")? - arg(vm, &q, i, "dist")?;
        sum += d * d;
    }
    Ok(vm.new_float(sum.sqrt()))
}

fn m_nextafter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = arg(vm, args, 0, "nextafter")?;
    let y = arg(vm, args, 1, "nextafter")?;
    // SAFETY: pure C math function.
    Ok(vm.new_float(unsafe { nextafter(x, y) }))
}

fn m_ulp(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = arg(vm, args, 0, "ulp")?.abs();
    if !x.is_finite() {
        return Ok(vm.new_float(x));
    }
    // SAFETY: pure C math function.
    let next = unsafe { nextafter(x, f64::INFINITY) };
    let r = if next.is_infinite() {
        // SAFETY: as above.
        x - unsafe { nextafter(x, 0.0) }
    } else {
        next - x
    };
    Ok(vm.new_float(r))
}

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<IBig> {
    if let Some(b) = vm.to_big(v) {
        return Ok(b);
    }
    let n = vm.index_i64(v)?;
    Ok(IBig::from(n))
}

fn m_isqrt(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let Some(&v) = args.first() else {
        return Err(vm.err(E::TypeError, "isqrt() takes exactly one argument (0 given)"));
    };
    let n = int_arg(vm, v)?;
    if n < IBig::ZERO {
        return Err(vm.err(E::ValueError, "isqrt() argument must be nonnegative"));
    }
    let n = UBig::try_from(n).unwrap_or_default();
    // Newton's method from an upper bound.
    if n == UBig::ZERO {
        return Ok(Value::small(0));
    }
    let bits = n.bit_len();
    let mut x = UBig::ONE << bits.div_ceil(2);
    loop {
        let y = (&x + &n / &x) >> 1;
        if y >= x {
            break;
        }
        x = y;
    }
    Ok(vm.new_big(IBig::from(x)))
}

fn gcd_big(a: &IBig, b: &IBig) -> IBig {
    let (mut x, mut y) = (a.clone(), b.clone());
    if x < IBig::ZERO {
        x = -x;
    }
    if y < IBig::ZERO {
        y = -y;
    }
    while y != IBig::ZERO {
        let r = &x % &y;
        x = y;
        y = r;
    }
    x
}

fn m_lcm(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let mut acc = IBig::ONE;
    for &a in args {
        let b = int_arg(vm, a)?;
        if b == IBig::ZERO || acc == IBig::ZERO {
            acc = IBig::ZERO;
            continue;
        }
        let g = gcd_big(&acc, &b);
        acc = &acc / &g * &b;
        if acc < IBig::ZERO {
            acc = -acc;
        }
    }
    Ok(vm.new_big(acc))
}

fn nonneg(vm: &mut Vm, v: Value, what: &str) -> PyResult<IBig> {
    let n = int_arg(vm, v)?;
    if n < IBig::ZERO {
        return Err(vm.err(
            E::ValueError,
            format!("{what} must be a non-negative integer"),
        ));
    }
    Ok(n)
}

fn m_perm(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let Some(&nv) = args.first() else {
        return Err(vm.err(E::TypeError, "perm expected at least 1 argument, got 0"));
    };
    let n = nonneg(vm, nv, "n")?;
    let k = match args.get(1) {
        Some(&kv) if kv != vm.none => nonneg(vm, kv, "k")?,
        _ => n.clone(),
    };
    if k > n {
        return Ok(Value::small(0));
    }
    let mut r = IBig::ONE;
    let mut i = IBig::ZERO;
    while i < k {
        r *= &n - &i;
        i += IBig::ONE;
    }
    Ok(vm.new_big(r))
}

fn m_comb(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.len() != 2 {
        return Err(vm.err(
            E::TypeError,
            format!("comb expected 2 arguments, got {}", args.len()),
        ));
    }
    let n = nonneg(vm, args[0], "n")?;
    let mut k = nonneg(vm, args[1], "k")?;
    if k > n {
        return Ok(Value::small(0));
    }
    if &n - &k < k {
        k = &n - &k;
    }
    let mut r = IBig::ONE;
    let mut i = IBig::ZERO;
    while i < k {
        r = r * (&n - &i) / (&i + IBig::ONE);
        i += IBig::ONE;
    }
    Ok(vm.new_big(r))
}

/// `prod(iterable, *, start=1)`: multiplies with the `*` operator.
fn m_prod(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kw.len();
    if npos != 1 {
        return Err(vm.err(
            E::TypeError,
            format!("prod() takes exactly 1 positional argument ({npos} given)"),
        ));
    }
    let mut acc = Value::small(1);
    for (i, &k) in kw.iter().enumerate() {
        if crate::objects::str::as_str(k) == "start" {
            acc = args[npos + i];
        } else {
            return Err(vm.err(
                E::TypeError,
                format!(
                    "prod() got an unexpected keyword argument '{}'",
                    crate::objects::str::as_str(k)
                ),
            ));
        }
    }
    let items = vm.collect_iterable(args[0])?;
    let mark = vm.pin(&[items, acc]);
    let values: Vec<Value> = vm.tuple_items(items).to_vec();
    // BINARY_OP's code for `*` (CPython's NB_MULTIPLY).
    const MULTIPLY: u32 = 5;
    for v in values {
        acc = vm.binary_op(MULTIPLY, acc, v)?;
        vm.pins[mark + 1] = acc;
    }
    vm.unpin(mark);
    Ok(acc)
}

/// Add the functions to the `math` module.
pub fn install(vm: &mut Vm, math: Value) {
    let fns: &[(&'static str, NativeFn)] = &[
        ("acosh", m_acosh),
        ("asinh", m_asinh),
        ("atanh", m_atanh),
        ("cosh", m_cosh),
        ("sinh", m_sinh),
        ("tanh", m_tanh),
        ("cbrt", m_cbrt),
        ("exp2", m_exp2),
        ("expm1", m_expm1),
        ("log1p", m_log1p),
        ("degrees", m_degrees),
        ("radians", m_radians),
        ("erf", m_erf),
        ("erfc", m_erfc),
        ("gamma", m_gamma),
        ("lgamma", m_lgamma),
        ("copysign", m_copysign),
        ("fmod", m_fmod),
        ("remainder", m_remainder),
        ("frexp", m_frexp),
        ("ldexp", m_ldexp),
        ("modf", m_modf),
        ("fsum", m_fsum),
        ("isclose", m_isclose),
        ("dist", m_dist),
        ("nextafter", m_nextafter),
        ("ulp", m_ulp),
        ("isqrt", m_isqrt),
        ("lcm", m_lcm),
        ("perm", m_perm),
        ("comb", m_comb),
        ("prod", m_prod),
    ];
    let d = math.get(1);
    for &(name, f) in fns {
        let func = vm.def_builtin(name, "math", f);
        let k = vm.intern(name);
        let _ = vm.dict_set(d, k, func);
    }
}
