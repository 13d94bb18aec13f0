//! complex: two boxed doubles (`[type, re bits, im bits]`, raw after the
//! type word, like float).
//!
//! Arithmetic follows CPython's rules: int and float operands widen to
//! complex, `/` divides with the scaling CPython uses (so huge parts do not
//! overflow), `**` with a small integral exponent multiplies by repeated
//! squaring and otherwise goes through polar form. `//`, `%` and ordering
//! comparisons are not defined (the operator code's generic TypeError).
//! repr drops a zero real part with a positive sign and each part's `.0`;
//! hash combines the parts' float hashes as CPython does.

use super::exceptions::E;
use super::float::{float_hash, float_repr};
use super::{Value, alloc, layouts};
use crate::objects::str::as_str;
use crate::vm::{PyResult, Vm};

impl Vm {
    pub fn new_complex(&mut self, re: f64, im: f64) -> Value {
        let v = alloc(layouts().raw_after_type, self.lang().complex, 3);
        v.ptr().store(1, re.to_bits() as usize);
        v.ptr().store(2, im.to_bits() as usize);
        v
    }

    #[inline]
    pub fn is_complex(&self, v: Value) -> bool {
        v.is_ptr() && v.raw_type() == self.lang().complex
    }

    pub fn complex_parts(v: Value) -> (f64, f64) {
        (
            f64::from_bits(v.word(1) as u64),
            f64::from_bits(v.word(2) as u64),
        )
    }

    /// An int, float or complex as a complex pair; None for other values.
    pub fn as_complex(&mut self, v: Value) -> Option<PyResult<(f64, f64)>> {
        if self.is_complex(v) {
            return Some(Ok(Self::complex_parts(v)));
        }
        self.num_to_f64(v).map(|r| r.map(|x| (x, 0.0)))
    }

    /// `a op b` when either side is complex and the other a number; None
    /// when the operation is not defined for them.
    pub fn complex_binop(&mut self, op: u32, a: Value, b: Value) -> PyResult<Option<Value>> {
        if !(self.is_complex(a) || self.is_complex(b)) {
            return Ok(None);
        }
        let base = op % 13;
        if !matches!(base, 0 | 5 | 8 | 10 | 11) {
            return Ok(None);
        }
        let (Some(x), Some(y)) = (self.as_complex(a), self.as_complex(b)) else {
            return Ok(None);
        };
        let (x, y) = (x?, y?);
        let r = match base {
            0 => (x.0 + y.0, x.1 + y.1),
            10 => (x.0 - y.0, x.1 - y.1),
            5 => (x.0 * y.0 - x.1 * y.1, x.0 * y.1 + x.1 * y.0),
            11 => match complex_div(x, y) {
                Some(r) => r,
                None => return Err(self.err(E::ZeroDivisionError, "complex division by zero")),
            },
            _ => self.complex_pow(x, y)?,
        };
        Ok(Some(self.new_complex(r.0, r.1)))
    }

    fn complex_pow(&mut self, a: (f64, f64), b: (f64, f64)) -> PyResult<(f64, f64)> {
        if b == (0.0, 0.0) {
            return Ok((1.0, 0.0));
        }
        if a == (0.0, 0.0) {
            if b.1 != 0.0 || b.0 < 0.0 {
                return Err(self.err(E::ZeroDivisionError, "0.0 to a negative or complex power"));
            }
            return Ok((0.0, 0.0));
        }
        let r = if b.1 == 0.0 && b.0 == b.0.trunc() && b.0.abs() <= 100.0 {
            let n = b.0 as i64;
            let p = pow_unsigned(a, n.unsigned_abs());
            if n < 0 {
                complex_div((1.0, 0.0), p).unwrap_or((f64::INFINITY, f64::INFINITY))
            } else {
                p
            }
        } else {
            let vabs = a.0.hypot(a.1);
            let mut len = vabs.powf(b.0);
            let at = a.1.atan2(a.0);
            let mut phase = at * b.0;
            if b.1 != 0.0 {
                len /= (at * b.1).exp();
                phase += b.1 * vabs.ln();
            }
            (len * phase.cos(), len * phase.sin())
        };
        if !(r.0.is_finite() && r.1.is_finite()) && a.0.is_finite() && a.1.is_finite() {
            return Err(self.err(E::OverflowError, "complex exponentiation"));
        }
        Ok(r)
    }

    /// `a == b` (or `!=`) with a complex side; None when `b` is no number.
    pub fn complex_eq(&mut self, a: Value, b: Value) -> PyResult<Option<bool>> {
        let (Some(x), Some(y)) = (self.as_complex(a), self.as_complex(b)) else {
            return Ok(None);
        };
        let (x, y) = (x?, y?);
        Ok(Some(x == y))
    }

    pub fn complex_hash(v: Value) -> i64 {
        let (re, im) = Self::complex_parts(v);
        let h = float_hash(re).wrapping_add(float_hash(im).wrapping_mul(1_000_003));
        if h == -1 { -2 } else { h }
    }

    /// `complex(real=0, imag=0)` or `complex(text)`.
    pub fn complex_new(&mut self, args: &[Value]) -> PyResult<Value> {
        if args.len() > 2 {
            return Err(self.err(
                E::TypeError,
                format!("complex() takes at most 2 arguments ({} given)", args.len()),
            ));
        }
        let Some(&first) = args.first() else {
            return Ok(self.new_complex(0.0, 0.0));
        };
        if self.is_str(first) {
            if args.len() == 2 {
                return Err(self.err(
                    E::TypeError,
                    "complex() can't take second arg if first is a string",
                ));
            }
            return match parse_complex(as_str(first)) {
                Some((re, im)) => Ok(self.new_complex(re, im)),
                None => Err(self.err(E::ValueError, "complex() arg is a malformed string")),
            };
        }
        let re_is_complex = !self.is_int(first) && !self.is_float(first);
        let re = self.complex_arg(first, "first")?;
        let im = match args.get(1) {
            Some(&v) if self.is_str(v) => {
                return Err(self.err(E::TypeError, "complex() second arg can't be a string"));
            }
            Some(&v) => self.complex_arg(v, "second")?,
            None => (0.0, 0.0),
        };
        // (a + bj) + (c + dj) * 1j, adding only the parts that exist (so
        // signed zeros survive: complex(-0.0, -0.0) is (-0-0j)).
        let real = if im.1 != 0.0 { re.0 - im.1 } else { re.0 };
        let imag = if re_is_complex { im.0 + re.1 } else { im.0 };
        Ok(self.new_complex(real, imag))
    }

    fn complex_arg(&mut self, v: Value, which: &str) -> PyResult<(f64, f64)> {
        if let Some(r) = self.as_complex(v) {
            return r;
        }
        if let Some(c) = self.call_special(v, "__complex__", &[])? {
            if self.is_complex(c) {
                return Ok(Self::complex_parts(c));
            }
            let tn = self.type_name(c);
            return Err(self.err(
                E::TypeError,
                format!("__complex__ returned non-complex (type {tn})"),
            ));
        }
        if let Some(f) = self.call_special(v, "__float__", &[])?
            && let Some(x) = self.num_to_f64(f)
        {
            return Ok((x?, 0.0));
        }
        if let Some(i) = self.call_special(v, "__index__", &[])?
            && let Some(x) = self.num_to_f64(i)
        {
            return Ok((x?, 0.0));
        }
        let tn = self.type_name(v);
        let what = if which == "first" {
            "a string or a number"
        } else {
            "a number"
        };
        Err(self.err(
            E::TypeError,
            format!("complex() {which} argument must be {what}, not '{tn}'"),
        ))
    }
}

/// `format(z, spec)`: each part formatted as a float (the imaginary part
/// always signed), then padded as a whole. Without a presentation type the
/// parts use 'g' rules (repr when no precision) and, when the real part is
/// shown, parentheses, as CPython's complex.__format__.
pub fn complex_format(vm: &mut Vm, z: Value, spec: &str) -> PyResult<Value> {
    let (re, im) = Vm::complex_parts(z);
    if spec.is_empty() {
        let s = complex_repr(re, im);
        return Ok(vm.new_str(&s));
    }
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let (mut fill, mut align) = (' ', None);
    if chars.len() >= 2 && matches!(chars[1], '<' | '>' | '^' | '=') {
        fill = chars[0];
        align = Some(chars[1]);
        i = 2;
    } else if matches!(chars.first(), Some('<' | '>' | '^' | '=')) {
        align = Some(chars[0]);
        i = 1;
    }
    let rest: String = chars[i..].iter().collect();
    // The float part of the spec: sign, z, #, width, grouping, precision, type.
    let mut j = 0;
    let rb: Vec<char> = rest.chars().collect();
    let mut sign = String::new();
    if matches!(rb.first(), Some('+' | '-' | ' ')) {
        sign.push(rb[0]);
        j = 1;
    }
    let mut flags = String::new();
    while matches!(rb.get(j), Some('z' | '#')) {
        flags.push(rb[j]);
        j += 1;
    }
    if rb.get(j) == Some(&'0') {
        return Err(vm.err(
            E::ValueError,
            "Zero padding is not allowed in complex format specifier",
        ));
    }
    if align == Some('=') {
        return Err(vm.err(
            E::ValueError,
            "'=' alignment flag is not allowed in complex format specifier",
        ));
    }
    let mut width = String::new();
    while let Some(c) = rb.get(j).filter(|c| c.is_ascii_digit()) {
        width.push(*c);
        j += 1;
    }
    let tail: String = rb[j..].iter().collect();
    let ty = tail
        .chars()
        .last()
        .filter(|c| c.is_ascii_alphabetic() || *c == '%');
    if ty == Some('%') {
        return Err(vm.err(
            E::ValueError,
            "Unknown format code '%' for object of type 'complex'",
        ));
    }
    let has_precision = tail.contains('.');
    let body = match ty {
        Some(_) => tail.clone(),
        None if has_precision => format!("{tail}g"),
        None => tail.clone(),
    };
    let part = |vm: &mut Vm, x: f64, sign: &str| -> PyResult<String> {
        if ty.is_none() && !has_precision {
            let s = float_repr(x);
            let s = s.strip_suffix(".0").map(String::from).unwrap_or(s);
            return Ok(if sign == "+" && !s.starts_with('-') {
                format!("+{s}")
            } else if sign == " " && !s.starts_with('-') {
                format!(" {s}")
            } else {
                s
            });
        }
        let f = vm.new_float(x);
        let r = super::format::format_builtin(vm, f, &format!("{sign}{flags}{body}"))?;
        Ok(as_str(r).to_string())
    };
    let skip_re = ty.is_none() && re == 0.0 && re.is_sign_positive();
    let im_s = part(vm, im, "+")?;
    let text = if skip_re {
        let im_plain = part(vm, im, &sign)?;
        format!("{im_plain}j")
    } else {
        let re_s = part(vm, re, &sign)?;
        if ty.is_none() {
            format!("({re_s}{im_s}j)")
        } else {
            format!("{re_s}{im_s}j")
        }
    };
    let w: usize = width.parse().unwrap_or(0);
    let n = text.chars().count();
    let out = if n >= w {
        text
    } else {
        let pad = w - n;
        let f = |k: usize| fill.to_string().repeat(k);
        match align.unwrap_or('>') {
            '<' => format!("{text}{}", f(pad)),
            '^' => format!("{}{text}{}", f(pad / 2), f(pad - pad / 2)),
            _ => format!("{}{text}", f(pad)),
        }
    };
    Ok(vm.new_str(&out))
}

/// CPython's repr of a complex.
pub fn complex_repr(re: f64, im: f64) -> String {
    let part = |x: f64| {
        let s = float_repr(x);
        s.strip_suffix(".0").map(String::from).unwrap_or(s)
    };
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", part(im));
    }
    let sign = if im.is_sign_negative() && !im.is_nan() {
        ""
    } else {
        "+"
    };
    format!("({}{sign}{}j)", part(re), part(im))
}

/// `a / b`, scaled as CPython does; None for division by zero.
fn complex_div(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    let (abs_re, abs_im) = (b.0.abs(), b.1.abs());
    if abs_re >= abs_im {
        if abs_re == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_im >= abs_re {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

fn mul(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

fn pow_unsigned(x: (f64, f64), mut n: u64) -> (f64, f64) {
    let mut r = (1.0, 0.0);
    let mut p = x;
    while n > 0 {
        if n & 1 == 1 {
            r = mul(r, p);
        }
        p = mul(p, p);
        n >>= 1;
    }
    r
}

/// Parse `complex("...")`: `a`, `bj`, `a+bj`, `(a-bj)`, with spaces around.
pub fn parse_complex(text: &str) -> Option<(f64, f64)> {
    let mut s = text.trim();
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        s = inner.trim();
    }
    if s.is_empty() {
        return None;
    }
    let float = |t: &str| -> Option<f64> {
        let t = t.replace('_', "");
        let lower = t.to_ascii_lowercase();
        let body = lower.trim_start_matches(['+', '-']);
        if body.is_empty()
            || !(body.starts_with(|c: char| c.is_ascii_digit() || c == '.')
                || ["inf", "infinity", "nan"].contains(&body))
        {
            return None;
        }
        lower.parse::<f64>().ok()
    };
    let Some(body) = s.strip_suffix(['j', 'J']) else {
        return float(s).map(|re| (re, 0.0));
    };
    // Split at the last sign that is not at the start or after an exponent.
    let bytes = body.as_bytes();
    let split = (1..bytes.len())
        .rev()
        .find(|&i| (bytes[i] == b'+' || bytes[i] == b'-') && !matches!(bytes[i - 1], b'e' | b'E'));
    let imag = |t: &str| -> Option<f64> {
        match t {
            "" | "+" => Some(1.0),
            "-" => Some(-1.0),
            _ => float(t),
        }
    };
    match split {
        Some(i) => Some((float(&body[..i])?, imag(&body[i..])?)),
        None => Some((0.0, imag(body)?)),
    }
}

fn self_complex(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<(f64, f64)> {
    match args.first() {
        Some(&v) if vm.is_complex(v) => Ok(Vm::complex_parts(v)),
        _ => Err(vm.err(
            E::TypeError,
            format!("descriptor '{name}' requires a 'complex' object"),
        )),
    }
}

fn m_conjugate(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("conjugate", args, 1, 1)?;
    let (re, im) = self_complex(vm, args, "conjugate")?;
    Ok(vm.new_complex(re, -im))
}

fn m_abs(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let (re, im) = self_complex(vm, args, "__abs__")?;
    let r = re.hypot(im);
    if r.is_infinite() && re.is_finite() && im.is_finite() {
        return Err(vm.err(E::OverflowError, "absolute value too large"));
    }
    Ok(vm.new_float(r))
}

fn m_complex(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let (re, im) = self_complex(vm, args, "__complex__")?;
    Ok(vm.new_complex(re, im))
}

fn m_new(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    if args.len() <= kw.len() || !vm.is_type(args[0]) {
        return Err(vm.err(E::TypeError, "complex.__new__(X): X is not a type object"));
    }
    let pos = &args[1..args.len() - kw.len()];
    let mut real = pos.first().copied();
    let mut imag = pos.get(1).copied();
    for (i, &k) in kw.iter().enumerate() {
        let v = args[args.len() - kw.len() + i];
        match as_str(k) {
            "real" if real.is_none() => real = Some(v),
            "imag" if imag.is_none() => imag = Some(v),
            n => {
                return Err(vm.err(
                    E::TypeError,
                    format!("complex() got an unexpected keyword argument '{n}'"),
                ));
            }
        }
    }
    let real = real.unwrap_or(Value::small(0));
    match imag {
        Some(im) => vm.complex_new(&[real, im]),
        None if pos.is_empty() && kw.is_empty() => vm.complex_new(&[]),
        None => vm.complex_new(&[real]),
    }
}

/// Methods installed in complex's type dict (`real`/`imag` are attributes).
pub const METHODS: &[(&str, super::function::NativeFn)] = &[
    ("conjugate", m_conjugate),
    ("__abs__", m_abs),
    ("__complex__", m_complex),
    ("__new__", m_new),
];
