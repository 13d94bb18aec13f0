//! The format-spec mini-language (`format()`, f-strings, `str.format`) and
//! `%`-formatting, for int, float and str.
//!
//! Spec: `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.

mod method;
pub use method::{str_format, str_format_map};

use super::Value;
use super::exceptions::E;
use super::str::{as_str, pad_text};
use crate::vm::{PyResult, Vm};

#[derive(Default, Debug)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    alternate: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
    /// `z`: a negative zero (after rounding) loses its sign.
    z: bool,
}

fn parse_spec(s: &str) -> Result<Spec, &'static str> {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut spec = Spec::default();
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        spec.fill = Some(chars[0]);
        spec.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        spec.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        spec.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == 'z' {
        spec.z = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        spec.alternate = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        spec.zero = true;
        i += 1;
    }
    let start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    const TOO_MANY: &str = "Too many decimal digits in format string";
    if i > start {
        spec.width = chars[start..i]
            .iter()
            .collect::<String>()
            .parse()
            .ok()
            .filter(|w| *w <= isize::MAX as usize)
            .ok_or(TOO_MANY)?;
    }
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        spec.grouping = Some(chars[i]);
        i += 1;
        if i < chars.len() && matches!(chars[i], ',' | '_') {
            return Err("Cannot specify both ',' and '_'.");
        }
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return Err("Format specifier missing precision");
        }
        spec.precision = Some(
            chars[start..i]
                .iter()
                .collect::<String>()
                .parse()
                .ok()
                .filter(|p| *p <= isize::MAX as usize)
                .ok_or(TOO_MANY)?,
        );
    }
    if i < chars.len() {
        spec.ty = Some(chars[i]);
        i += 1;
    }
    if i != chars.len() {
        return Err("Invalid format specifier");
    }
    Ok(spec)
}

fn group(digits: &str, sep: char, every: usize) -> String {
    let mut out = String::new();
    let n = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Lay out a number: sign, body (digits), padding per the spec.
fn finish_number(spec: &Spec, negative: bool, body: String, prefix: &str) -> String {
    // `z`: "-0.00" becomes "0.00" (the digits before any exponent are all 0).
    let mantissa = body.split(['e', 'E']).next().unwrap_or("");
    let negative = negative && !(spec.z && mantissa.chars().all(|c| matches!(c, '0' | '.' | '%')));
    let sign = if negative {
        "-"
    } else {
        match spec.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    };
    let (int_part, rest) = match body.find(['.', 'e', 'E', '%']) {
        Some(p) => (body[..p].to_string(), body[p..].to_string()),
        None => (body.clone(), String::new()),
    };
    let int_part = match spec.grouping {
        Some(sep) if int_part.chars().all(|c| c.is_ascii_hexdigit()) => {
            let every = if matches!(spec.ty, Some('x' | 'X' | 'o' | 'b')) {
                4
            } else {
                3
            };
            group(&int_part, sep, every)
        }
        _ => int_part,
    };
    let body = format!("{int_part}{rest}");
    let fill = spec.fill.unwrap_or(if spec.zero { '0' } else { ' ' });
    let align = spec.align.unwrap_or(if spec.zero { '=' } else { '>' });
    let len = sign.len() + prefix.len() + body.chars().count();
    if align == '=' {
        let pad = spec.width.saturating_sub(len);
        return format!("{sign}{prefix}{}{body}", fill.to_string().repeat(pad));
    }
    pad_text(&format!("{sign}{prefix}{body}"), spec.width, fill, align)
}

fn format_float_body(f: f64, ty: char, precision: Option<usize>, alternate: bool) -> String {
    if !f.is_finite() {
        let word = if f.is_nan() { "nan" } else { "inf" };
        let word = if ty.is_ascii_uppercase() {
            word.to_uppercase()
        } else {
            word.to_string()
        };
        return if ty == '%' { word + "%" } else { word };
    }
    let p = precision.unwrap_or(6);
    // `#` keeps a decimal point even with no digits after it.
    let point = |s: String| {
        if alternate && !s.contains('.') {
            match s.find(['e', 'E', '%']) {
                Some(i) => format!("{}.{}", &s[..i], &s[i..]),
                None => s + ".",
            }
        } else {
            s
        }
    };
    match ty {
        'f' | 'F' => point(format!("{f:.p$}")),
        'e' | 'E' => {
            let s = format!("{f:.p$e}");
            let s = point(fix_exponent(&s));
            if ty == 'E' { s.to_uppercase() } else { s }
        }
        '%' => point(format!("{:.p$}%", f * 100.0)),
        'g' | 'G' | 'r' => {
            let s = general(f, p, alternate, ty == 'r');
            if ty == 'G' { s.to_uppercase() } else { s }
        }
        _ => crate::objects::float::float_repr(f),
    }
}

/// The general format (`g`, and the no-type form with a precision, `r`
/// here): fixed notation when -4 <= exponent < p (p - 1 for the no-type
/// form, which also keeps one digit after the point), else scientific.
fn general(f: f64, p: usize, alternate: bool, no_type: bool) -> String {
    let p = if p == 0 { 1 } else { p };
    let e: i32 = if f == 0.0 {
        0
    } else {
        let exp = format!("{f:.prec$e}", prec = p - 1);
        exp.split('e')
            .nth(1)
            .and_then(|x| x.parse().ok())
            .unwrap_or(0)
    };
    let limit = if no_type { p as i32 - 1 } else { p as i32 };
    if e >= -4 && e < limit {
        let decimals = (p as i32 - 1 - e).max(0) as usize;
        let s = format!("{f:.decimals$}");
        let s = if alternate { s } else { strip_zeros(&s) };
        if alternate && !s.contains('.') {
            s + "."
        } else if no_type && !s.contains('.') {
            s + ".0"
        } else {
            s
        }
    } else {
        let m = format!("{f:.prec$e}", prec = p - 1);
        let (mant, ex) = m.split_once('e').unwrap_or((&m, "0"));
        let mant = if alternate {
            if mant.contains('.') {
                mant.to_string()
            } else {
                format!("{mant}.")
            }
        } else {
            strip_zeros(mant)
        };
        fix_exponent(&format!("{mant}e{ex}"))
    }
}

fn strip_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// Rust writes `1e5`; Python `1e+05`.
fn fix_exponent(s: &str) -> String {
    match s.split_once('e') {
        Some((m, e)) => {
            let (sign, digits) = match e.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', e),
            };
            format!("{m}e{sign}{digits:0>2}")
        }
        None => s.to_string(),
    }
}

fn bad_code(vm: &mut Vm, ty: char, v: Value) -> crate::vm::PyErr {
    let tn = vm.type_name(v);
    vm.err(
        E::ValueError,
        format!("Unknown format code '{ty}' for object of type '{tn}'"),
    )
}

/// `format(v, spec)` for builtin values.
pub fn format_builtin(vm: &mut Vm, v: Value, spec_text: &str) -> PyResult<Value> {
    let spec = match parse_spec(spec_text) {
        Ok(spec) => spec,
        Err(msg) => return Err(vm.err(E::ValueError, msg)),
    };
    let is_bool = v == vm.true_ || v == vm.false_;
    if vm.is_int(v) && !(is_bool && spec_text.is_empty()) {
        if spec.z {
            return Err(vm.err(
                E::ValueError,
                "Negative zero coercion (z) not allowed in integer format specifier",
            ));
        }
        let big = vm.to_big(v).expect("int");
        let negative = big < dashu_int::IBig::from(0);
        let mag = if negative { -big.clone() } else { big.clone() };
        let ty = spec.ty.unwrap_or('d');
        let integer_type = matches!(ty, 'd' | 'n' | 'x' | 'X' | 'o' | 'b' | 'c');
        if integer_type && spec.precision.is_some() {
            return Err(vm.err(
                E::ValueError,
                "Precision not allowed in integer format specifier",
            ));
        }
        if spec.grouping == Some(',') && matches!(ty, 'x' | 'X' | 'o' | 'b' | 'n') {
            return Err(vm.err(E::ValueError, format!("Cannot specify ',' with '{ty}'.")));
        }
        if ty == 'c' {
            let problem = if spec.sign.is_some() {
                Some("Sign not allowed with integer format specifier 'c'".to_string())
            } else if spec.alternate {
                Some("Alternate form (#) not allowed with integer format specifier 'c'".to_string())
            } else {
                spec.grouping
                    .map(|g| format!("Cannot specify '{g}' with 'c'."))
            };
            if let Some(msg) = problem {
                return Err(vm.err(E::ValueError, msg));
            }
            if !vm.to_i64(v).is_some_and(|n| (0..0x110000).contains(&n)) {
                return Err(vm.err(E::OverflowError, "%c arg not in range(0x110000)"));
            }
        }
        let (body, prefix) = match ty {
            'd' | 'n' => (mag.to_string(), ""),
            'x' => (format!("{mag:x}"), "0x"),
            'X' => (format!("{mag:X}"), "0X"),
            'o' => (format!("{mag:o}"), "0o"),
            'b' => (format!("{mag:b}"), "0b"),
            'c' => {
                let c = vm
                    .to_i64(v)
                    .and_then(|n| char::from_u32(n as u32))
                    .unwrap_or('\u{fffd}');
                return Ok(vm.new_str(&pad_text(
                    &c.to_string(),
                    spec.width,
                    spec.fill.unwrap_or(' '),
                    spec.align.unwrap_or('<'),
                )));
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
                let f = vm.int_to_f64(v)?;
                let body = format_float_body(f.abs(), ty, spec.precision, spec.alternate);
                return Ok(vm.new_str(&finish_number(&spec, f < 0.0, body, "")));
            }
            _ => return Err(bad_code(vm, ty, v)),
        };
        let prefix = if spec.alternate { prefix } else { "" };
        return Ok(vm.new_str(&finish_number(&spec, negative, body, prefix)));
    }
    if vm.is_float(v) {
        let f = Vm::float_val(v);
        let negative = f.is_sign_negative() && !f.is_nan();
        let body = match spec.ty {
            None => {
                if spec.precision.is_some() {
                    format_float_body(f.abs(), 'r', spec.precision, spec.alternate)
                } else {
                    crate::objects::float::float_repr(f.abs())
                }
            }
            Some(t @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) => {
                format_float_body(f.abs(), t, spec.precision, spec.alternate)
            }
            Some('n') => format_float_body(f.abs(), 'g', spec.precision, spec.alternate),
            Some(t) => return Err(bad_code(vm, t, v)),
        };
        return Ok(vm.new_str(&finish_number(&spec, negative, body, "")));
    }
    let s = if vm.is_str(v) {
        as_str(v).to_string()
    } else {
        if !spec_text.is_empty() {
            let tn = vm.type_name(v);
            return Err(vm.err(
                E::TypeError,
                format!("unsupported format string passed to {tn}.__format__"),
            ));
        }
        vm.str_string(v)?
    };
    if let Some(t) = spec.ty
        && t != 's'
    {
        return Err(bad_code(vm, t, v));
    }
    let problem = if spec.sign == Some(' ') {
        Some("Space not allowed in string format specifier".to_string())
    } else if spec.sign.is_some() {
        Some("Sign not allowed in string format specifier".to_string())
    } else if spec.alternate {
        Some("Alternate form (#) not allowed in string format specifier".to_string())
    } else if spec.z {
        Some("Negative zero coercion (z) not allowed in string format specifier".to_string())
    } else if let Some(g) = spec.grouping {
        Some(format!("Cannot specify '{g}' with 's'."))
    } else if spec.align == Some('=') {
        Some("'=' alignment not allowed in string format specifier".to_string())
    } else {
        None
    };
    if let Some(msg) = problem {
        return Err(vm.err(E::ValueError, msg));
    }
    let s: String = match spec.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s,
    };
    let fill = spec.fill.unwrap_or(if spec.zero { '0' } else { ' ' });
    let out = pad_text(&s, spec.width, fill, spec.align.unwrap_or('<'));
    Ok(vm.new_str(&out))
}

/// `fmt % args` for str.
pub fn percent_format(vm: &mut Vm, fmt: Value, args: Value) -> PyResult<Value> {
    let f = as_str(fmt).to_string();
    let items: Vec<Value> = if vm.is_tuple(args) {
        vm.tuple_items(args).to_vec()
    } else {
        vec![args]
    };
    let keep = vm.new_tuple(&items);
    let is_map = vm.is_dict(args);
    let mut next = 0usize;
    // After a `%(key)` the mapping is not also a positional argument.
    let mut used_key = false;
    let mut out = String::new();
    let chars: Vec<char> = f.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        i += 1;
        let mut key: Option<String> = None;
        if chars.get(i) == Some(&'(') {
            let end = chars[i..].iter().position(|&c| c == ')').map(|p| p + i);
            let Some(end) = end else {
                return Err(vm.err(E::ValueError, "incomplete format key"));
            };
            key = Some(chars[i + 1..end].iter().collect());
            i = end + 1;
        }
        let mut flags = String::new();
        while i < chars.len() && matches!(chars[i], '-' | '+' | ' ' | '#' | '0') {
            flags.push(chars[i]);
            i += 1;
        }
        // `*` takes the width or precision from the arguments.
        let star = |vm: &mut Vm, next: &mut usize| -> PyResult<i64> {
            let items = vm.tuple_items(keep);
            let Some(&v) = items.get(*next) else {
                return Err(vm.err(E::TypeError, "not enough arguments for format string"));
            };
            *next += 1;
            if !vm.is_int(v) {
                return Err(vm.err(E::TypeError, "* wants int"));
            }
            vm.index_i64(v)
        };
        let mut width = String::new();
        if chars.get(i) == Some(&'*') {
            i += 1;
            let w = star(vm, &mut next)?;
            if w < 0 && !flags.contains('-') {
                flags.push('-');
            }
            width = w.unsigned_abs().to_string();
        } else {
            while i < chars.len() && chars[i].is_ascii_digit() {
                width.push(chars[i]);
                i += 1;
            }
        }
        let mut precision = None;
        if chars.get(i) == Some(&'.') {
            i += 1;
            let mut p = String::new();
            if chars.get(i) == Some(&'*') {
                i += 1;
                p = star(vm, &mut next)?.max(0).to_string();
            } else {
                while i < chars.len() && chars[i].is_ascii_digit() {
                    p.push(chars[i]);
                    i += 1;
                }
            }
            precision = Some(p);
        }
        let Some(&conv) = chars.get(i) else {
            return Err(vm.err(E::ValueError, "incomplete format"));
        };
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let v = match &key {
            Some(k) if is_map => {
                used_key = true;
                let kv = vm.new_str(k);
                vm.getitem(args, kv)?
            }
            Some(_) => {
                return Err(vm.err(E::TypeError, "format requires a mapping"));
            }
            None if used_key => {
                return Err(vm.err(E::TypeError, "not enough arguments for format string"));
            }
            None => {
                let items = vm.tuple_items(keep);
                match items.get(next) {
                    Some(&v) => {
                        next += 1;
                        v
                    }
                    None => {
                        return Err(vm.err(E::TypeError, "not enough arguments for format string"));
                    }
                }
            }
        };
        let mut spec = String::new();
        if flags.contains('-') {
            spec.push('<');
        } else if flags.contains('0') && conv != 's' && conv != 'r' {
            spec.push('0');
        }
        if flags.contains('+') {
            spec.insert(0, '+');
        } else if flags.contains(' ') {
            spec.insert(0, ' ');
        }
        if flags.contains('+') || flags.contains(' ') {
            // Sign goes before alignment/zero in a format spec.
            let sign = spec.remove(0);
            let rest = spec.clone();
            spec = if rest.starts_with('<') {
                format!("<{sign}")
            } else {
                format!("{sign}{rest}")
            };
        }
        if flags.contains('#') {
            spec.push('#');
        }
        spec.push_str(&width);
        let piece = match conv {
            's' | 'r' | 'a' => {
                let s = match conv {
                    's' => vm.str_string(v)?,
                    'r' => vm.repr_string(v)?,
                    _ => crate::builtins::ascii_escape(&vm.repr_string(v)?),
                };
                let s = match &precision {
                    Some(p) => s.chars().take(p.parse().unwrap_or(0)).collect(),
                    None => s,
                };
                let w: usize = width.parse().unwrap_or(0);
                pad_text(&s, w, ' ', if flags.contains('-') { '<' } else { '>' })
            }
            'c' if vm.is_str(v) || !vm.is_int(v) => {
                if !vm.is_str(v) || crate::objects::str::char_len(v) != 1 {
                    return Err(vm.err(E::TypeError, "%c requires int or char"));
                }
                let s = as_str(v).to_string();
                let w: usize = width.parse().unwrap_or(0);
                pad_text(&s, w, ' ', if flags.contains('-') { '<' } else { '>' })
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'c' => {
                let integral = matches!(conv, 'x' | 'X' | 'o');
                if integral && !vm.is_int(v) {
                    if vm.lookup_special(v, "__index__").is_some() {
                        let n = vm.index_i64(v)?;
                        let spec_v = format!("{spec}{}", conv);
                        let r = format_builtin(vm, Value::small(n), &spec_v)?;
                        out.push_str(as_str(r));
                        continue;
                    }
                    let tn = vm.type_name(v);
                    return Err(vm.err(
                        E::TypeError,
                        format!("%{conv} format: an integer is required, not {tn}"),
                    ));
                }
                let v = if matches!(conv, 'd' | 'i' | 'u')
                    && !vm.is_int(v)
                    && !vm.is_float(v)
                    && let Some(r) = vm.call_special(v, "__int__", &[])?
                {
                    r
                } else if matches!(conv, 'd' | 'i' | 'u')
                    && !vm.is_int(v)
                    && !vm.is_float(v)
                    && vm.lookup_special(v, "__index__").is_some()
                {
                    let n = vm.index_i64(v)?;
                    Value::small(n)
                } else {
                    v
                };
                let v = if matches!(conv, 'd' | 'i' | 'u' | 'x' | 'X' | 'o') && vm.is_float(v) {
                    let f = Vm::float_val(v).trunc();
                    if f.abs() < 9e18 {
                        Value::small(f as i64)
                    } else {
                        v
                    }
                } else {
                    v
                };
                if !vm.is_int(v) && !vm.is_float(v) {
                    let tn = vm.type_name(v);
                    return Err(vm.err(
                        E::TypeError,
                        format!("%{conv} format: a real number is required, not {tn}"),
                    ));
                }
                if let Some(p) = &precision {
                    spec.push('.');
                    spec.push_str(if p.is_empty() { "0" } else { p });
                }
                let code = match conv {
                    'i' | 'u' => 'd',
                    c => c,
                };
                spec.push(code);
                let s = vm.new_str(&spec);
                let r = format_builtin(vm, v, as_str(s))?;
                as_str(r).to_string()
            }
            _ => {
                return Err(vm.err(
                    E::ValueError,
                    format!(
                        "unsupported format character '{conv}' ({:#x}) at index {}",
                        conv as u32,
                        i - 1
                    ),
                ));
            }
        };
        out.push_str(&piece);
    }
    if !is_map && next < items.len() {
        return Err(vm.err(
            E::TypeError,
            "not all arguments converted during string formatting",
        ));
    }
    Ok(vm.new_str(&out))
}
