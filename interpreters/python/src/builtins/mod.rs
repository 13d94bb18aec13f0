//! The builtin functions, the constructors of the builtin types, and the
//! methods of object, type and BaseException.

use crate::objects::exceptions::E;
use crate::objects::function::NativeFn;
use crate::objects::str::as_str;
use crate::objects::typeobj::{T_DICT, T_NAME, info};
use crate::objects::{Kind, Value};
use crate::vm::{PyResult, Vm};
use std::io::Write;

pub mod import;
pub mod dunders;
pub mod modules;
pub mod random;

/// Escape non-ASCII characters as `ascii()` does.
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let n = c as u32;
        if n < 128 {
            out.push(c);
        } else if n < 256 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 65536 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}

/// Split native args into positional and (name, value) keyword pairs.
fn split_kw<'a>(args: &'a [Value], kw: &'a [Value]) -> (&'a [Value], Vec<(&'a str, Value)>) {
    let npos = args.len() - kw.len();
    let pairs = kw
        .iter()
        .enumerate()
        .map(|(i, &k)| (as_str(k), args[npos + i]))
        .collect();
    (&args[..npos], pairs)
}

fn no_kw(vm: &mut Vm, name: &str, kw: &[Value]) -> PyResult<()> {
    if kw.is_empty() {
        Ok(())
    } else {
        Err(vm.err(E::TypeError, format!("{name}() takes no keyword arguments")))
    }
}

fn b_print(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kw(args, kw);
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut file = Value::NULL;
    for (k, v) in kws {
        match k {
            "sep" if v != vm.none => sep = vm.str_string(v)?,
            "end" if v != vm.none => end = vm.str_string(v)?,
            "sep" | "end" | "flush" => {}
            "file" if v != vm.none => file = v,
            "file" => {}
            other => {
                return Err(vm.err(
                    E::TypeError,
                    format!("'{other}' is an invalid keyword argument for print()"),
                ));
            }
        }
    }
    let mut line = String::new();
    for (i, &v) in pos.iter().enumerate() {
        if i > 0 {
            line.push_str(&sep);
        }
        let s = vm.str_string(v)?;
        line.push_str(&s);
    }
    line.push_str(&end);
    if file.is_null() {
        let _ = vm.out.write_all(line.as_bytes());
        return Ok(vm.none);
    }
    let stream_name = if vm.kind_of(file) == Kind::Instance {
        vm.instance_get(file, "name")
    } else {
        None
    };
    match stream_name.filter(|&n| vm.is_str(n)).map(as_str) {
        Some("<stderr>") => {
            vm.flush();
            eprint!("{line}");
        }
        Some("<stdout>") => {
            let _ = vm.out.write_all(line.as_bytes());
        }
        _ => {
            let text = vm.new_str(&line);
            match vm.lookup_attr(file, "write")? {
                Some(w) => {
                    vm.call(w, &[text])?;
                }
                None => {
                    let tn = vm.type_name(file);
                    return Err(vm.err(
                        E::AttributeError,
                        format!("'{tn}' object has no attribute 'write'"),
                    ));
                }
            }
        }
    }
    Ok(vm.none)
}

fn b_format(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.is_empty() || args.len() > 2 {
        return Err(vm.err(
            E::TypeError,
            format!("format expected at most 2 arguments, got {}", args.len()),
        ));
    }
    let spec = match args.get(1) {
        Some(&s) if vm.is_str(s) => s,
        Some(_) => return Err(vm.err(E::TypeError, "format() argument 2 must be str")),
        None => vm.intern(""),
    };
    vm.format(args[0], spec)
}

fn b_len(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    no_kw(vm, "len", kw)?;
    if args.len() != 1 {
        return Err(vm.err(
            E::TypeError,
            format!("len() takes exactly one argument ({} given)", args.len()),
        ));
    }
    let n = vm.len(args[0])?;
    Ok(Value::small(n as i64))
}

fn b_repr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let v = one_arg(vm, "repr", args)?;
    let s = vm.repr_string(v)?;
    Ok(vm.new_str(&s))
}

fn b_ascii(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let v = one_arg(vm, "ascii", args)?;
    let s = vm.repr_string(v)?;
    Ok(vm.new_str(&ascii_escape(&s)))
}

fn one_arg(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<Value> {
    if args.len() != 1 {
        return Err(vm.err(
            E::TypeError,
            format!("{name}() takes exactly one argument ({} given)", args.len()),
        ));
    }
    Ok(args[0])
}

fn b_isinstance(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.len() != 2 {
        return Err(vm.err(
            E::TypeError,
            format!("isinstance expected 2 arguments, got {}", args.len()),
        ));
    }
    let r = isinstance_of(vm, args[0], args[1], "isinstance")?;
    Ok(vm.bool(r))
}

fn isinstance_of(vm: &mut Vm, v: Value, t: Value, name: &str) -> PyResult<bool> {
    if vm.is_tuple(t) {
        for &x in vm.tuple_items(t) {
            if isinstance_of(vm, v, x, name)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if !vm.is_type(t) {
        return Err(vm.err(
            E::TypeError,
            format!("{name}() arg 2 must be a type, a tuple of types, or a union"),
        ));
    }
    if name == "issubclass" {
        return Ok(vm.is_subtype(v, t));
    }
    Ok(vm.isinstance(v, t))
}

fn b_issubclass(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.len() != 2 {
        return Err(vm.err(
            E::TypeError,
            format!("issubclass expected 2 arguments, got {}", args.len()),
        ));
    }
    if !vm.is_type(args[0]) {
        return Err(vm.err(E::TypeError, "issubclass() arg 1 must be a class"));
    }
    let r = isinstance_of(vm, args[0], args[1], "issubclass")?;
    Ok(vm.bool(r))
}

fn b_hash(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let v = one_arg(vm, "hash", args)?;
    let h = vm.hash(v)?;
    Ok(vm.new_int(h))
}

fn b_id(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let v = one_arg(vm, "id", args)?;
    Ok(vm.new_int(v.0 as i64))
}

fn b_abs(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let v = one_arg(vm, "abs", args)?;
    if vm.is_int(v) {
        let b = vm.to_big(v).expect("int");
        let zero = dashu_int::IBig::from(0);
        return Ok(if b < zero {
            vm.new_big(-b)
        } else {
            vm.new_big(b)
        });
    }
    if vm.is_float(v) {
        let f = Vm::float_val(v).abs();
        return Ok(vm.new_float(f));
    }
    match vm.call_special(v, "__abs__", &[])? {
        Some(r) => Ok(r),
        None => {
            let tn = vm.type_name(v);
            Err(vm.err(E::TypeError, format!("bad operand type for abs(): '{tn}'")))
        }
    }
}

fn minmax(vm: &mut Vm, args: &[Value], kw: &[Value], is_max: bool) -> PyResult<Value> {
    let name = if is_max { "max" } else { "min" };
    let (pos, kws) = split_kw(args, kw);
    let mut key = Value::NULL;
    let mut default = Value::NULL;
    for (k, v) in kws {
        match k {
            "key" => key = if v == vm.none { Value::NULL } else { v },
            "default" => default = v,
            other => {
                return Err(vm.err(
                    E::TypeError,
                    format!("'{other}' is an invalid keyword argument for {name}()"),
                ));
            }
        }
    }
    let items = match pos.len() {
        0 => {
            return Err(vm.err(
                E::TypeError,
                format!("{name} expected at least 1 argument, got 0"),
            ));
        }
        1 => vm.collect_iterable(pos[0])?,
        _ => vm.new_tuple(pos),
    };
    let n = vm.tuple_items(items).len();
    if n == 0 {
        if !default.is_null() {
            return Ok(default);
        }
        return Err(vm.err(E::ValueError, format!("{name}() arg is an empty sequence")));
    }
    let mut best = vm.tuple_items(items)[0];
    let mut best_key = if key.is_null() {
        best
    } else {
        vm.call(key, &[best])?
    };
    let keep = vm.new_list(&[best, best_key]);
    for i in 1..n {
        let x = vm.tuple_items(items)[i];
        let k = if key.is_null() {
            x
        } else {
            vm.call(key, &[x])?
        };
        let better = if is_max {
            vm.lt(best_key, k)?
        } else {
            vm.lt(k, best_key)?
        };
        if better {
            best = x;
            best_key = k;
            Vm::list_set(keep, 0, best);
            Vm::list_set(keep, 1, best_key);
        }
    }
    Ok(best)
}

fn b_max(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    minmax(vm, args, kw, true)
}
fn b_min(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    minmax(vm, args, kw, false)
}

fn b_sum(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kw(args, kw);
    if pos.is_empty() || pos.len() > 2 {
        return Err(vm.err(
            E::TypeError,
            format!("sum() takes at most 2 arguments ({} given)", pos.len()),
        ));
    }
    let mut acc = pos.get(1).copied().unwrap_or(Value::small(0));
    for (k, v) in kws {
        if k == "start" {
            acc = v;
        }
    }
    if vm.is_str(acc) {
        return Err(vm.err(
            E::TypeError,
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    let it = vm.iter(pos[0])?;
    let keep = vm.new_list(&[it, acc]);
    while let Some(x) = vm.next(it)? {
        acc = vm.binary_op(0, acc, x)?;
        Vm::list_set(keep, 1, acc);
    }
    Ok(acc)
}

fn b_any(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let v = one_arg(vm, "any", args)?;
    let it = vm.iter(v)?;
    while let Some(x) = vm.next(it)? {
        if vm.truthy(x)? {
            return Ok(vm.true_);
        }
    }
    Ok(vm.false_)
}

fn b_all(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let v = one_arg(vm, "all", args)?;
    let it = vm.iter(v)?;
    while let Some(x) = vm.next(it)? {
        if !vm.truthy(x)? {
            return Ok(vm.false_);
        }
    }
    Ok(vm.true_)
}

fn b_sorted(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kw(args, kw);
    if pos.len() != 1 {
        return Err(vm.err(
            E::TypeError,
            format!("sorted expected 1 argument, got {}", pos.len()),
        ));
    }
    let items = vm.collect_iterable(pos[0])?;
    let items = vm.tuple_items(items);
    let list = vm.new_list(items);
    let mut key = Value::NULL;
    let mut reverse = false;
    for (k, v) in kws {
        match k {
            "key" => key = v,
            "reverse" => reverse = vm.truthy(v)?,
            other => {
                return Err(vm.err(
                    E::TypeError,
                    format!("'{other}' is an invalid keyword argument for sort()"),
                ));
            }
        }
    }
    vm.list_sort(list, key, reverse)?;
    Ok(list)
}

fn b_iter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    match args.len() {
        1 => vm.iter(args[0]),
        2 => {
            let t = vm.t.callable_iterator;
            Ok(vm.new_iter(t, args[0], 0, args[1], Value::NULL))
        }
        n => Err(vm.err(
            E::TypeError,
            format!("iter expected at most 2 arguments, got {n}"),
        )),
    }
}

fn b_next(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.is_empty() || args.len() > 2 {
        return Err(vm.err(
            E::TypeError,
            format!("next expected at least 1 argument, got {}", args.len()),
        ));
    }
    let it = args[0];
    let t = vm.type_of(it);
    if !vm.is_builtin_iterator(t) && vm.lookup_special(it, "__next__").is_none() {
        let tn = vm.type_name(it);
        return Err(vm.err(E::TypeError, format!("'{tn}' object is not an iterator")));
    }
    if t == vm.t.generator {
        let none = vm.none;
        return match vm.generator_resume(it, Ok(none))? {
            crate::vm::eval::GenStep::Yielded(v) => Ok(v),
            crate::vm::eval::GenStep::Returned(r) => match args.get(1) {
                Some(&d) => Ok(d),
                None => Err(vm.stop_iteration(r)),
            },
        };
    }
    match vm.next(it)? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(&d) => Ok(d),
            None => {
                let none = vm.none;
                Err(vm.stop_iteration(none))
            }
        },
    }
}

fn b_getattr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.len() < 2 || args.len() > 3 {
        return Err(vm.err(
            E::TypeError,
            format!("getattr expected at least 2 arguments, got {}", args.len()),
        ));
    }
    if !vm.is_str(args[1]) {
        return Err(vm.err(E::TypeError, "attribute name must be string"));
    }
    let name = vm.intern(as_str(args[1]));
    match vm.getattr(args[0], name) {
        Ok(v) => Ok(v),
        Err(e) if args.len() == 3 && vm.exc_matches(e.0, E::AttributeError) => Ok(args[2]),
        Err(e) => Err(e),
    }
}

fn b_setattr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs(
        "setattr",
        &[Value::NULL, args[0], args[1], args[2]][..args.len() + 1],
        4,
        4,
    )?;
    let name = vm.intern(as_str(args[1]));
    vm.setattr(args[0], name, args[2])?;
    Ok(vm.none)
}

fn b_hasattr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.len() != 2 {
        return Err(vm.err(
            E::TypeError,
            format!("hasattr expected 2 arguments, got {}", args.len()),
        ));
    }
    let r = vm.lookup_attr(args[0], as_str(args[1]))?;
    Ok(vm.bool(r.is_some()))
}

fn b_delattr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let name = vm.intern(as_str(args[1]));
    vm.delattr(args[0], name)?;
    Ok(vm.none)
}

fn b_callable(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let v = one_arg(vm, "callable", args)?;
    let k = vm.kind_of(v);
    let r = matches!(
        k,
        Kind::Function | Kind::BuiltinFunction | Kind::Method | Kind::Type
    ) || vm.lookup_special(v, "__call__").is_some();
    Ok(vm.bool(r))
}

fn b_chr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let v = one_arg(vm, "chr", args)?;
    let n = vm.index_i64(v)?;
    match u32::try_from(n).ok().and_then(char::from_u32) {
        Some(c) => Ok(vm.new_str(&c.to_string())),
        None => Err(vm.err(E::ValueError, "chr() arg not in range(0x110000)")),
    }
}

fn b_ord(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let v = one_arg(vm, "ord", args)?;
    if !vm.is_str(v) {
        let tn = vm.type_name(v);
        return Err(vm.err(
            E::TypeError,
            format!("ord() expected string of length 1, but {tn} found"),
        ));
    }
    let s = as_str(v);
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(Value::small(c as i64)),
        _ => {
            let n = s.chars().count();
            Err(vm.err(
                E::TypeError,
                format!("ord() expected a character, but string of length {n} found"),
            ))
        }
    }
}

fn radix(vm: &mut Vm, args: &[Value], name: &str, spec: &str) -> PyResult<Value> {
    let v = one_arg(vm, name, args)?;
    if !vm.is_int(v) {
        let idx = vm.call_dunder_index(v)?;
        return radix(vm, &[idx], name, spec);
    }
    crate::objects::format::format_builtin(vm, v, spec)
}

fn b_hex(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    radix(vm, args, "hex", "#x")
}
fn b_oct(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    radix(vm, args, "oct", "#o")
}
fn b_bin(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    radix(vm, args, "bin", "#b")
}

fn b_divmod(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.len() != 2 {
        return Err(vm.err(
            E::TypeError,
            format!("divmod expected 2 arguments, got {}", args.len()),
        ));
    }
    let q = vm.binary_op(2, args[0], args[1])?;
    let r = vm.binary_op(6, args[0], args[1])?;
    Ok(vm.new_tuple(&[q, r]))
}

fn b_pow(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    match args.len() {
        2 => vm.binary_op(8, args[0], args[1]),
        3 => {
            let (b, e, m) = (vm.to_big(args[0]), vm.to_big(args[1]), vm.to_big(args[2]));
            let (Some(mut b), Some(mut e), Some(m)) = (b, e, m) else {
                return Err(vm.err(
                    E::TypeError,
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            let zero = dashu_int::IBig::from(0);
            if m == zero {
                return Err(vm.err(E::ValueError, "pow() 3rd argument cannot be 0"));
            }
            if e < zero {
                return Err(vm.err(
                    E::ValueError,
                    "base is not invertible for the given modulus",
                ));
            }
            let mut r = dashu_int::IBig::from(1);
            b = crate::objects::int::big_floor_divmod(&b, &m).1;
            let two = dashu_int::IBig::from(2);
            while e > zero {
                if crate::objects::int::big_floor_divmod(&e, &two).1 != zero {
                    r = crate::objects::int::big_floor_divmod(&(r * &b), &m).1;
                }
                b = crate::objects::int::big_floor_divmod(&(&b * &b), &m).1;
                e /= &two;
            }
            Ok(vm.new_big(r))
        }
        n => Err(vm.err(
            E::TypeError,
            format!("pow expected at least 2 arguments, got {n}"),
        )),
    }
}

fn b_round(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (pos, _) = split_kw(args, kw);
    let v = pos[0];
    let nd = pos.get(1).copied().filter(|&x| x != vm.none);
    if vm.is_int(v) {
        let Some(n) = nd else { return Ok(v) };
        let n = vm.index_i64(n)?;
        if n >= 0 {
            return Ok(v);
        }
        // Round half to even at 10**-n.
        let x = vm.to_big(v).expect("int");
        let p = dashu_int::IBig::from(10).pow((-n) as usize);
        let (q, r) = crate::objects::int::big_floor_divmod(&x, &p);
        let twice = &r * dashu_int::IBig::from(2);
        let q = if twice > p
            || (twice == p
                && crate::objects::int::big_floor_divmod(&q, &dashu_int::IBig::from(2)).1
                    != dashu_int::IBig::from(0))
        {
            q + 1
        } else {
            q
        };
        return Ok(vm.new_big(q * p));
    }
    if vm.is_float(v) {
        let f = Vm::float_val(v);
        match nd {
            None => {
                if !f.is_finite() {
                    let msg = if f.is_nan() {
                        "cannot convert float NaN to integer"
                    } else {
                        "cannot convert float infinity to integer"
                    };
                    return Err(vm.err(
                        if f.is_nan() {
                            E::ValueError
                        } else {
                            E::OverflowError
                        },
                        msg,
                    ));
                }
                let r = round_half_even(f);
                return Ok(if r.abs() < 4e18 {
                    vm.new_int(r as i64)
                } else {
                    let s = format!("{r:.0}");
                    let b: dashu_int::IBig = s.parse().unwrap_or_default();
                    vm.new_big(b)
                });
            }
            Some(n) => {
                let n = vm.index_i64(n)?;
                // Round through the decimal text, as CPython's correctly rounded repr does.
                let r = if n >= 0 {
                    let s = format!("{:.*}", n as usize, f);
                    s.parse::<f64>().unwrap_or(f)
                } else {
                    let p = 10f64.powi((-n) as i32);
                    round_half_even(f / p) * p
                };
                return Ok(vm.new_float(r));
            }
        }
    }
    let tn = vm.type_name(v);
    let extra: Vec<Value> = nd.into_iter().collect();
    match vm.call_special(v, "__round__", &extra)? {
        Some(r) => Ok(r),
        None => Err(vm.err(
            E::TypeError,
            format!("type {tn} doesn't define __round__ method"),
        )),
    }
}

fn round_half_even(f: f64) -> f64 {
    let r = f.round();
    if (f - f.trunc()).abs() == 0.5 && r % 2.0 != 0.0 {
        r - f.signum()
    } else {
        r
    }
}

fn b_globals(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(vm.frames[vm.frames.len() - 1].globals)
}

fn b_locals(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let f = vm.frames[vm.frames.len() - 1];
    if !f.locals.is_null() {
        return Ok(f.locals);
    }
    let code = vm.codes[f.code as usize].clone();
    let d = vm.new_dict();
    for (i, name) in code.co.varnames.iter().enumerate() {
        let v = vm.stack[f.base as usize + i];
        if !v.is_null() {
            let k = vm.intern(name);
            vm.dict_set(d, k, v)?;
        }
    }
    Ok(d)
}

fn b_dir(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let mut names: Vec<String> = Vec::new();
    if args.is_empty() {
        let g = vm.frames[vm.frames.len() - 1].globals;
        let keys = vm.dict_list(g, 0);
        for &k in vm.list_items(keys) {
            names.push(as_str(k).to_string());
        }
    } else {
        let v = args[0];
        let mut types: Vec<Value> = Vec::new();
        if vm.is_type(v) {
            types.extend_from_slice(vm.tuple_items(v.get(crate::objects::typeobj::T_MRO)));
        } else {
            let t = vm.type_of(v);
            types.extend_from_slice(vm.tuple_items(t.get(crate::objects::typeobj::T_MRO)));
            if vm.kind_of(v) == Kind::Instance {
                let d = vm.instance_dict(v)?;
                let keys = vm.dict_list(d, 0);
                for &k in vm.list_items(keys) {
                    names.push(as_str(k).to_string());
                }
            }
            if vm.kind_of(v) == Kind::Module {
                let keys = vm.dict_list(v.get(1), 0);
                for &k in vm.list_items(keys) {
                    names.push(as_str(k).to_string());
                }
            }
        }
        for t in types {
            let keys = vm.dict_list(t.get(T_DICT), 0);
            for &k in vm.list_items(keys) {
                names.push(as_str(k).to_string());
            }
        }
    }
    names.sort();
    names.dedup();
    let out = vm.new_list(&[]);
    for n in &names {
        let v = vm.new_str(n);
        vm.list_append(out, v);
    }
    Ok(out)
}

fn b_vars(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.is_empty() {
        return b_locals(vm, args, &[]);
    }
    match vm.lookup_attr(args[0], "__dict__")? {
        Some(d) => Ok(d),
        None => Err(vm.err(E::TypeError, "vars() argument must have __dict__ attribute")),
    }
}

fn b_build_class(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kw(args, kw);
    if pos.len() < 2 {
        return Err(vm.err(E::TypeError, "__build_class__: not enough arguments"));
    }
    let func = pos[0];
    let name = pos[1];
    let bases = vm.new_tuple(&pos[2..]);
    let mut meta = Value::NULL;
    let mut extra_kw: Vec<(Value, Value)> = Vec::new();
    for (k, v) in kws {
        if k == "metaclass" {
            meta = v;
        } else {
            let kv = vm.intern(k);
            extra_kw.push((kv, v));
        }
    }
    if meta.is_null() {
        meta = vm.t.type_;
        for &b in vm.tuple_items(bases) {
            let bt = vm.type_of(b);
            if vm.is_subtype(bt, meta) {
                meta = bt;
            }
        }
    }
    let ns = vm.new_dict();
    let code = vm.func_code(func);
    let globals = func.get(crate::objects::function::F_GLOBALS);
    // Run the body with `ns` as its locals.
    let at = vm.stack.len();
    for _ in 0..code.nlocals + code.ncells + code.nfree {
        vm.stack.push(Value::NULL);
    }
    let index = func.get(crate::objects::function::F_CODE).get(1).as_small() as u32;
    vm.frames.push(crate::vm::Frame {
        code: index,
        pc: 0,
        base: at as u32,
        stack_base: vm.stack.len() as u32,
        globals,
        locals: ns,
        func,
        entry: true,
        generator: Value::NULL,
    });
    vm.depth += 1;
    let cell = vm.eval()?;
    let mut call_args = vec![name, bases, ns];
    let mut kwnames = Vec::new();
    for (k, v) in extra_kw {
        call_args.push(v);
        kwnames.push(k);
    }
    let cls = vm.call_kw(meta, &call_args, &kwnames)?;
    if cell.is_ptr() && cell.raw_type() == vm.t.cell {
        cell.set(1, cls);
    }
    Ok(cls)
}

/// `type.__new__(meta, name, bases, ns)`: a new class.
fn type_new(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (pos, _) = split_kw(args, kw);
    if pos.len() != 4 {
        return Err(vm.err(E::TypeError, "type.__new__() takes exactly 3 arguments"));
    }
    let (meta, name, bases, ns) = (pos[0], pos[1], pos[2], pos[3]);
    let bases = if vm.tuple_items(bases).is_empty() {
        vm.new_tuple(&[vm.t.object])
    } else {
        bases
    };
    let mut kind = Kind::Instance;
    for &b in vm.tuple_items(bases) {
        if !vm.is_type(b) {
            return Err(vm.err(E::TypeError, "bases must be types"));
        }
        let bk = info(b).kind;
        if matches!(bk, Kind::List | Kind::Dict) {
            kind = bk;
            continue;
        }
        if !matches!(bk, Kind::Object | Kind::Instance) {
            let bn = info(b).name.clone();
            if bk == Kind::Type {
                kind = Kind::Type;
                continue;
            }
            return Err(vm.err(
                E::TypeError,
                format!("subclassing the builtin type '{bn}' is not supported yet"),
            ));
        }
    }
    let dict = vm.dict_copy(ns)?;
    let qual = vm.intern("__qualname__");
    if vm.dict_get_str(dict, qual).is_none() {
        vm.dict_set(dict, qual, name)?;
    }
    let cls = vm.new_type(meta, as_str(name), bases, dict, kind, true)?;
    cls.set(T_NAME, name);
    // __set_name__ on the new attributes, then the parent's __init_subclass__.
    let mut i = 0;
    while i < Vm::dict_used(dict) {
        if let Some((k, v)) = Vm::dict_entry(dict, i) {
            if vm.type_of(v) == vm.t.property {
                // The name CPython's messages use ("property 'x' of ...").
                v.set(5, k);
            } else if info(vm.type_of(v)).heap {
                vm.call_special(v, "__set_name__", &[cls, k])?;
            }
        }
        i += 1;
    }
    let isc = vm.intern("__init_subclass__");
    let mro = cls.get(crate::objects::typeobj::T_MRO);
    for j in 1..vm.tuple_items(mro).len() {
        let k = vm.tuple_items(mro)[j];
        if let Some(f) = vm.dict_get_str(k.get(T_DICT), isc) {
            let f = if vm.type_of(f) == vm.t.classmethod {
                f.get(1)
            } else {
                f
            };
            if vm.type_of(f) == vm.t.function {
                vm.call(f, &[cls])?;
            }
            break;
        }
    }
    Ok(cls)
}

fn obj_init(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.len() > 1 {
        let t = vm.type_of(args[0]);
        let new_key = vm.intern("__new__");
        if vm.type_lookup(t, new_key).is_none() {
            let tn = info(t).name.clone();
            return Err(vm.err(E::TypeError, format!("{tn}() takes no arguments")));
        }
    }
    Ok(vm.none)
}

fn obj_new(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.is_empty() || !vm.is_type(args[0]) {
        return Err(vm.err(E::TypeError, "object.__new__(X): X is not a type object"));
    }
    Ok(vm.new_instance(args[0]))
}

fn obj_getattribute(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("__getattribute__", args, 2, 2)?;
    match vm.generic_getattr(args[0], args[1])? {
        Some(v) => Ok(v),
        None => Err(vm.attribute_error(args[0], args[1])),
    }
}

fn obj_setattr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("__setattr__", args, 3, 3)?;
    vm.generic_setattr(args[0], args[1], args[2])?;
    Ok(vm.none)
}

fn obj_delattr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("__delattr__", args, 2, 2)?;
    vm.generic_setattr(args[0], args[1], Value::NULL)?;
    Ok(vm.none)
}

fn obj_repr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let v = args[0];
    let t = vm.type_of(v);
    let key = vm.intern("__module__");
    let module = vm
        .dict_get_str(t.get(T_DICT), key)
        .filter(|m| vm.is_str(*m))
        .map(|m| format!("{}.", as_str(m)))
        .unwrap_or_default();
    let s = format!("<{module}{} object at {:#x}>", info(t).name, v.0);
    Ok(vm.new_str(&s))
}

fn obj_str(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let s = vm.repr_string(args[0])?;
    Ok(vm.new_str(&s))
}

fn obj_eq(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(if args[0] == args[1] {
        vm.true_
    } else {
        vm.not_implemented
    })
}

fn obj_ne(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let r = vm.compare(2, args[0], args[1])?;
    let b = vm.truthy(r)?;
    Ok(vm.bool(!b))
}

fn obj_hash(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = args[0].0 as u64;
    Ok(vm.new_int(a.rotate_right(4) as i64))
}

fn obj_init_subclass(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(vm.none)
}

fn obj_format(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("__format__", args, 2, 2)?;
    if !as_str(args[1]).is_empty() {
        let tn = vm.type_name(args[0]);
        return Err(vm.err(
            E::TypeError,
            format!("unsupported format string passed to {tn}.__format__"),
        ));
    }
    vm.str_of(args[0])
}

fn exc_init(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = vm.new_tuple(&args[1..]);
    let k = vm.intern("args");
    vm.instance_set(args[0], k, a);
    Ok(vm.none)
}

fn exc_new(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let obj = vm.new_instance(args[0]);
    let a = vm.new_tuple(&args[1..]);
    let k = vm.intern("args");
    vm.instance_set(obj, k, a);
    Ok(obj)
}

fn exc_str(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = vm.instance_get(args[0], "args").unwrap_or(vm.empty_tuple);
    if vm.is_tuple(a) {
        match vm.tuple_items(a).len() {
            0 => return Ok(vm.intern("")),
            1 if vm.exc_matches(args[0], E::KeyError) => {
                let r = vm.repr_string(vm.tuple_items(a)[0])?;
                return Ok(vm.new_str(&r));
            }
            1 => return vm.str_of(vm.tuple_items(a)[0]),
            _ => {}
        }
    }
    let r = vm.repr_string(a)?;
    Ok(vm.new_str(&r))
}

fn exc_repr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let r = vm.builtin_repr(args[0])?;
    Ok(vm.new_str(&r))
}

fn exc_with_traceback(_vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(args[0])
}

fn gen_send(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("send", args, 2, 2)?;
    vm.generator_send(args[0], args[1])
}

fn gen_throw(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("throw", args, 2, 4)?;
    vm.generator_throw(args[0], args[1])
}

fn gen_close(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.generator_close(args[0])?;
    Ok(vm.none)
}

fn iter_self(_vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(args[0])
}

fn iter_next(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    match vm.next(args[0])? {
        Some(v) => Ok(v),
        None => {
            let none = vm.none;
            Err(vm.stop_iteration(none))
        }
    }
}

fn prop_setter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let p = args[0];
    let t = vm.t.property;
    Ok(vm.new_record(t, &[p.get(1), args[1], p.get(3), p.get(4), p.get(5)]))
}

fn prop_getter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let p = args[0];
    let t = vm.t.property;
    Ok(vm.new_record(t, &[args[1], p.get(2), p.get(3), p.get(4), p.get(5)]))
}

fn prop_deleter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let p = args[0];
    let t = vm.t.property;
    Ok(vm.new_record(t, &[p.get(1), p.get(2), args[1], p.get(4), p.get(5)]))
}

fn list_init(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("list", args, 1, 2)?;
    Vm::list_truncate(args[0], 0);
    if let Some(&src) = args.get(1) {
        let items = vm.collect_iterable(src)?;
        for &v in vm.tuple_items(items) {
            vm.list_append(args[0], v);
        }
    }
    Ok(vm.none)
}

fn dict_init(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kw(args, kw);
    if let Some(&src) = pos.get(1) {
        vm.dict_update(args[0], src)?;
    }
    for (k, v) in kws {
        let kv = vm.intern(k);
        vm.dict_set(args[0], kv, v)?;
    }
    Ok(vm.none)
}

fn int_bit_length(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let b = vm.to_big(args[0]).expect("int");
    let zero = dashu_int::IBig::from(0);
    let mag = if b < zero { -b } else { b };
    let s = format!("{mag:b}");
    Ok(Value::small(if mag == zero { 0 } else { s.len() as i64 }))
}

fn float_is_integer(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let f = Vm::float_val(args[0]);
    Ok(vm.bool(f.is_finite() && f.fract() == 0.0))
}

fn tuple_index(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("index", args, 2, 2)?;
    let n = vm.tuple_items(args[0]).len();
    for i in 0..n {
        let x = vm.tuple_items(args[0])[i];
        if vm.eq(x, args[1])? {
            return Ok(Value::small(i as i64));
        }
    }
    Err(vm.err(E::ValueError, "tuple.index(x): x not in tuple"))
}

fn tuple_count(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("count", args, 2, 2)?;
    let n = vm.tuple_items(args[0]).len();
    let mut c = 0;
    for i in 0..n {
        let x = vm.tuple_items(args[0])[i];
        if vm.eq(x, args[1])? {
            c += 1;
        }
    }
    Ok(Value::small(c))
}

fn type_mro(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let mro = args[0].get(crate::objects::typeobj::T_MRO);
    let items = vm.tuple_items(mro);
    Ok(vm.new_list(items))
}

fn type_subclasses(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(vm.new_list(&[]))
}

/// Methods of object, type, BaseException, generators and the iterators.
pub fn install_type_methods(vm: &mut Vm) {
    let object_methods: &[(&str, NativeFn)] = &[
        ("__init__", obj_init),
        ("__getattribute__", obj_getattribute),
        ("__setattr__", obj_setattr),
        ("__delattr__", obj_delattr),
        ("__repr__", obj_repr),
        ("__str__", obj_str),
        ("__eq__", obj_eq),
        ("__ne__", obj_ne),
        ("__hash__", obj_hash),
        ("__format__", obj_format),
    ];
    vm.add_methods(vm.t.object, "object", object_methods);
    let f = vm.def_builtin("__new__", "object", obj_new);
    let sm = vm.new_record(vm.t.staticmethod, &[f]);
    vm.immortal.push(sm);
    let k = vm.intern("__new__");
    let d = vm.t.object.get(T_DICT);
    let _ = vm.dict_set(d, k, sm);
    let f = vm.def_builtin("__init_subclass__", "object", obj_init_subclass);
    let cm = vm.new_record(vm.t.classmethod, &[f]);
    vm.immortal.push(cm);
    let k = vm.intern("__init_subclass__");
    let _ = vm.dict_set(d, k, cm);

    let f = vm.def_builtin("__new__", "type", type_new);
    let sm = vm.new_record(vm.t.staticmethod, &[f]);
    vm.immortal.push(sm);
    let k = vm.intern("__new__");
    let d = vm.t.type_.get(T_DICT);
    let _ = vm.dict_set(d, k, sm);
    vm.add_methods(
        vm.t.type_,
        "type",
        &[("mro", type_mro), ("__subclasses__", type_subclasses)],
    );

    let base = vm.exc_type(E::BaseException);
    vm.add_methods(
        base,
        "BaseException",
        &[
            ("__init__", exc_init),
            ("__str__", exc_str),
            ("__repr__", exc_repr),
            ("with_traceback", exc_with_traceback),
        ],
    );
    let f = vm.def_builtin("__new__", "BaseException", exc_new);
    let sm = vm.new_record(vm.t.staticmethod, &[f]);
    vm.immortal.push(sm);
    let k = vm.intern("__new__");
    let _ = vm.dict_set(base.get(T_DICT), k, sm);

    vm.add_methods(
        vm.t.generator,
        "generator",
        &[
            ("send", gen_send),
            ("throw", gen_throw),
            ("close", gen_close),
        ],
    );
    let iters = vm.builtin_iterator_types.clone();
    for t in iters {
        vm.add_methods(
            t,
            "iterator",
            &[("__iter__", iter_self), ("__next__", iter_next)],
        );
    }
    vm.add_methods(
        vm.t.property,
        "property",
        &[
            ("setter", prop_setter),
            ("getter", prop_getter),
            ("deleter", prop_deleter),
        ],
    );
    vm.add_methods(vm.t.int, "int", &[("bit_length", int_bit_length)]);
    vm.add_methods(vm.t.list, "list", &[("__init__", list_init)]);
    vm.add_methods(vm.t.dict, "dict", &[("__init__", dict_init)]);
    vm.add_methods(vm.t.float, "float", &[("is_integer", float_is_integer)]);
    vm.add_methods(
        vm.t.tuple,
        "tuple",
        &[("index", tuple_index), ("count", tuple_count)],
    );
    vm.add_methods(vm.t.set, "set", crate::objects::set::METHODS);
    vm.add_methods(vm.t.frozenset, "frozenset", crate::objects::set::METHODS);
    dunders::install(vm);
}

/// The builtins module.
pub fn install(vm: &mut Vm) {
    let fns: &[(&'static str, NativeFn)] = &[
        ("print", b_print),
        ("len", b_len),
        ("format", b_format),
        ("repr", b_repr),
        ("ascii", b_ascii),
        ("isinstance", b_isinstance),
        ("issubclass", b_issubclass),
        ("hash", b_hash),
        ("id", b_id),
        ("abs", b_abs),
        ("max", b_max),
        ("min", b_min),
        ("sum", b_sum),
        ("any", b_any),
        ("all", b_all),
        ("sorted", b_sorted),
        ("iter", b_iter),
        ("next", b_next),
        ("getattr", b_getattr),
        ("setattr", b_setattr),
        ("hasattr", b_hasattr),
        ("delattr", b_delattr),
        ("callable", b_callable),
        ("chr", b_chr),
        ("ord", b_ord),
        ("hex", b_hex),
        ("oct", b_oct),
        ("bin", b_bin),
        ("divmod", b_divmod),
        ("pow", b_pow),
        ("round", b_round),
        ("globals", b_globals),
        ("locals", b_locals),
        ("dir", b_dir),
        ("vars", b_vars),
        ("__build_class__", b_build_class),
    ];
    let b = vm.builtins;
    for &(name, f) in fns {
        let func = vm.def_builtin(name, "", f);
        let k = vm.intern(name);
        let _ = vm.dict_set(b, k, func);
    }
    let t = vm.t;
    let types: Vec<(&str, Value)> = vec![
        ("object", t.object),
        ("type", t.type_),
        ("int", t.int),
        ("bool", t.bool_),
        ("float", t.float),
        ("str", t.str),
        ("tuple", t.tuple),
        ("list", t.list),
        ("dict", t.dict),
        ("set", t.set),
        ("frozenset", t.frozenset),
        ("range", t.range),
        ("slice", t.slice),
        ("property", t.property),
        ("staticmethod", t.staticmethod),
        ("classmethod", t.classmethod),
        ("super", t.super_),
        ("enumerate", t.enumerate),
        ("zip", t.zip),
        ("map", t.map),
        ("filter", t.filter),
        ("reversed", t.reversed),
    ];
    for (name, ty) in types {
        let k = vm.intern(name);
        let _ = vm.dict_set(b, k, ty);
    }
    for &(e, name, _) in crate::objects::exceptions::HIERARCHY {
        let ty = vm.exc_type(e);
        let k = vm.intern(name);
        let _ = vm.dict_set(b, k, ty);
    }
    let k = vm.intern("EnvironmentError");
    let _ = vm.dict_set(b, k, vm.exc_type(E::OSError));
    let k = vm.intern("IOError");
    let _ = vm.dict_set(b, k, vm.exc_type(E::OSError));
    let k = vm.intern("None");
    let _ = vm.dict_set(b, k, vm.none);
    let k = vm.intern("NotImplemented");
    let _ = vm.dict_set(b, k, vm.not_implemented);
    let k = vm.intern("Ellipsis");
    let _ = vm.dict_set(b, k, vm.ellipsis);
    let k = vm.intern("__name__");
    let n = vm.intern("builtins");
    let _ = vm.dict_set(b, k, n);
    modules::install(vm);
}

fn parse_int_text(vm: &mut Vm, text: &str, base: u32, orig: Value) -> PyResult<Value> {
    let t = text.trim();
    let (neg, body) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let mut base = base;
    let mut digits = body;
    let lower = body.to_ascii_lowercase();
    for (p, b) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if lower.starts_with(p) && (base == 0 || base == b) {
            base = b;
            digits = &body[2..];
        }
    }
    if base == 0 {
        base = 10;
    }
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    let valid = !clean.is_empty()
        && !digits.starts_with('_')
        && !digits.ends_with('_')
        && !digits.contains("__")
        && clean.chars().all(|c| c.is_digit(base));
    if !valid {
        let r = vm.repr_string(orig)?;
        return Err(vm.err(
            E::ValueError,
            format!("invalid literal for int() with base {base}: {r}"),
        ));
    }
    let mag = dashu_int::UBig::from_str_radix(&clean, base)
        .map_err(|_| vm.err(E::ValueError, "invalid literal for int()"))?;
    let v = dashu_int::IBig::from(mag);
    Ok(vm.new_big(if neg { -v } else { v }))
}

/// Constructors of builtin types: `int(x)`, `list(it)`, ... None when the
/// type is not constructed here.
pub fn construct_builtin(
    vm: &mut Vm,
    cls: Value,
    args: &[Value],
    kw: &[Value],
) -> PyResult<Option<Value>> {
    let t = vm.t;
    let (pos, kws) = split_kw(args, kw);
    let name = info(cls).name.clone();
    let arg0 = pos.first().copied();
    let v = if cls == t.int {
        let base = pos
            .get(1)
            .copied()
            .or_else(|| kws.iter().find(|(k, _)| *k == "base").map(|p| p.1));
        match (arg0, base) {
            (None, _) => Value::small(0),
            (Some(x), Some(b)) => {
                let b = vm.index_i64(b)? as u32;
                if !vm.is_str(x) {
                    return Err(vm.err(
                        E::TypeError,
                        "int() can't convert non-string with explicit base",
                    ));
                }
                parse_int_text(vm, as_str(x), b, x)?
            }
            (Some(x), None) => {
                if vm.is_int(x) {
                    if x == vm.true_ || x == vm.false_ {
                        Value::small(i64::from(x == vm.true_))
                    } else {
                        x
                    }
                } else if vm.is_float(x) {
                    let f = Vm::float_val(x);
                    if f.is_nan() {
                        return Err(vm.err(E::ValueError, "cannot convert float NaN to integer"));
                    }
                    if f.is_infinite() {
                        return Err(
                            vm.err(E::OverflowError, "cannot convert float infinity to integer")
                        );
                    }
                    let tr = f.trunc();
                    if tr.abs() < 9e18 {
                        vm.new_int(tr as i64)
                    } else {
                        let s = format!("{tr:.0}");
                        let b: dashu_int::IBig = s.parse().unwrap_or_default();
                        vm.new_big(b)
                    }
                } else if vm.is_str(x) {
                    parse_int_text(vm, as_str(x), 10, x)?
                } else if let Some(r) = vm.call_special(x, "__int__", &[])? {
                    r
                } else if let Some(r) = vm.call_special(x, "__index__", &[])? {
                    r
                } else {
                    let tn = vm.type_name(x);
                    return Err(vm.err(
                        E::TypeError,
                        format!("int() argument must be a string, a bytes-like object or a real number, not '{tn}'"),
                    ));
                }
            }
        }
    } else if cls == t.float {
        match arg0 {
            None => vm.new_float(0.0),
            Some(x) if vm.is_float(x) => x,
            Some(x) if vm.is_int(x) => {
                let f = vm.int_to_f64(x)?;
                vm.new_float(f)
            }
            Some(x) if vm.is_str(x) => {
                let s = as_str(x).trim().replace('_', "");
                let lower = s.to_ascii_lowercase();
                let f = match lower.trim_start_matches(['+', '-']) {
                    "inf" | "infinity" => Some(if lower.starts_with('-') {
                        f64::NEG_INFINITY
                    } else {
                        f64::INFINITY
                    }),
                    "nan" => Some(f64::NAN),
                    _ => s.parse::<f64>().ok(),
                };
                match f {
                    Some(f) => vm.new_float(f),
                    None => {
                        let r = vm.repr_string(x)?;
                        return Err(vm.err(
                            E::ValueError,
                            format!("could not convert string to float: {r}"),
                        ));
                    }
                }
            }
            Some(x) => match vm.call_special(x, "__float__", &[])? {
                Some(r) => r,
                None => {
                    let tn = vm.type_name(x);
                    return Err(vm.err(
                        E::TypeError,
                        format!("float() argument must be a string or a real number, not '{tn}'"),
                    ));
                }
            },
        }
    } else if cls == t.str {
        match arg0 {
            None => vm.intern(""),
            Some(x) => vm.str_of(x)?,
        }
    } else if cls == t.bool_ {
        match arg0 {
            None => vm.false_,
            Some(x) => {
                let b = vm.truthy(x)?;
                vm.bool(b)
            }
        }
    } else if cls == t.tuple {
        match arg0 {
            None => vm.empty_tuple,
            Some(x) => vm.collect_iterable(x)?,
        }
    } else if cls == t.list {
        match arg0 {
            None => vm.new_list(&[]),
            Some(x) => {
                let items = vm.collect_iterable(x)?;
                let items = vm.tuple_items(items);
                vm.new_list(items)
            }
        }
    } else if cls == t.dict {
        let d = vm.new_dict();
        if let Some(x) = arg0 {
            vm.dict_update(d, x)?;
        }
        for (k, v) in kws {
            let kv = vm.intern(k);
            vm.dict_set(d, kv, v)?;
        }
        d
    } else if cls == t.set || cls == t.frozenset {
        let s = vm.new_set_typed(cls);
        if let Some(x) = arg0 {
            let items = vm.collect_iterable(x)?;
            let n = vm.tuple_items(items).len();
            if n * 5 >= 7 * 3 {
                let _ = n;
            }
            for &k in vm.tuple_items(items) {
                vm.set_add(s, k)?;
            }
        }
        s
    } else if cls == t.range {
        let mut nums = Vec::new();
        for &a in pos {
            if !vm.is_int(a) && vm.lookup_special(a, "__index__").is_none() {
                let tn = vm.type_name(a);
                return Err(vm.err(
                    E::TypeError,
                    format!("'{tn}' object cannot be interpreted as an integer"),
                ));
            }
            nums.push(vm.index_i64(a)?);
        }
        let (a, b, c) = match nums.len() {
            1 => (0, nums[0], 1),
            2 => (nums[0], nums[1], 1),
            3 => (nums[0], nums[1], nums[2]),
            0 => return Err(vm.err(E::TypeError, "range expected at least 1 argument, got 0")),
            n => {
                return Err(vm.err(
                    E::TypeError,
                    format!("range expected at most 3 arguments, got {n}"),
                ));
            }
        };
        if c == 0 {
            return Err(vm.err(E::ValueError, "range() arg 3 must not be zero"));
        }
        vm.new_range(a, b, c)
    } else if cls == t.slice {
        let none = vm.none;
        let (a, b, c) = match pos.len() {
            1 => (none, pos[0], none),
            2 => (pos[0], pos[1], none),
            3 => (pos[0], pos[1], pos[2]),
            _ => return Err(vm.err(E::TypeError, "slice expected at least 1 argument, got 0")),
        };
        vm.new_record(t.slice, &[a, b, c])
    } else if cls == t.property {
        let get = |i: usize, name: &str| {
            pos.get(i)
                .copied()
                .or_else(|| kws.iter().find(|(k, _)| *k == name).map(|p| p.1))
        };
        let none = vm.none;
        let fget = get(0, "fget").unwrap_or(none);
        let fset = get(1, "fset").unwrap_or(none);
        let fdel = get(2, "fdel").unwrap_or(none);
        let mut doc = get(3, "doc").unwrap_or(none);
        if doc == none && fget != none {
            doc = vm.lookup_attr(fget, "__doc__")?.unwrap_or(none);
        }
        vm.new_record(t.property, &[fget, fset, fdel, doc, Value::NULL])
    } else if cls == t.staticmethod || cls == t.classmethod {
        let Some(f) = arg0 else {
            return Err(vm.err(E::TypeError, format!("{name} expected 1 argument, got 0")));
        };
        vm.new_record(cls, &[f])
    } else if cls == t.super_ {
        return make_super(vm, pos).map(Some);
    } else if cls == t.enumerate {
        let Some(x) = arg0 else {
            return Err(vm.err(
                E::TypeError,
                "enumerate() missing required argument 'iterable' (pos 1)",
            ));
        };
        let it = vm.iter(x)?;
        let start = pos
            .get(1)
            .copied()
            .or_else(|| kws.iter().find(|(k, _)| *k == "start").map(|p| p.1))
            .unwrap_or(Value::small(0));
        let e = vm.new_iter(t.enumerate, it, 0, Value::NULL, Value::NULL);
        e.set(crate::objects::iter::I_INDEX, start);
        e
    } else if cls == t.zip {
        // Collected in a GC-visible list: each `iter` may collect.
        let acc = vm.new_list(&[]);
        for &x in pos {
            let it = vm.iter(x)?;
            vm.list_append(acc, it);
        }
        let items = vm.list_items(acc);
        let tup = vm.new_tuple(items);
        vm.new_iter(t.zip, tup, 0, Value::NULL, Value::NULL)
    } else if cls == t.map {
        if pos.len() < 2 {
            return Err(vm.err(E::TypeError, "map() must have at least two arguments."));
        }
        let acc = vm.new_list(&[]);
        for &x in &pos[1..] {
            let it = vm.iter(x)?;
            vm.list_append(acc, it);
        }
        let items = vm.list_items(acc);
        let tup = vm.new_tuple(items);
        vm.new_iter(t.map, pos[0], 0, tup, Value::NULL)
    } else if cls == t.filter {
        if pos.len() != 2 {
            return Err(vm.err(
                E::TypeError,
                format!("filter expected 2 arguments, got {}", pos.len()),
            ));
        }
        let it = vm.iter(pos[1])?;
        vm.new_iter(t.filter, pos[0], 0, it, Value::NULL)
    } else if cls == t.reversed {
        let Some(x) = arg0 else {
            return Err(vm.err(E::TypeError, "reversed expected 1 argument, got 0"));
        };
        if let Some(r) = vm.call_special(x, "__reversed__", &[])? {
            return Ok(Some(r));
        }
        if vm.is_dict(x) {
            let keys = vm.dict_list(x, 0);
            let n = Vm::list_len(keys) as i64;
            return Ok(Some(vm.new_iter(
                t.reversed,
                keys,
                n,
                Value::NULL,
                Value::NULL,
            )));
        }
        let n = vm.len(x)? as i64;
        vm.new_iter(t.reversed, x, n, Value::NULL, Value::NULL)
    } else if cls == t.object {
        if !pos.is_empty() {
            return Err(vm.err(E::TypeError, "object() takes no arguments"));
        }
        vm.new_record(t.object, &[])
    } else {
        return Ok(None);
    };
    Ok(Some(v))
}

fn make_super(vm: &mut Vm, pos: &[Value]) -> PyResult<Value> {
    let (this, obj) = match pos.len() {
        2 => (pos[0], pos[1]),
        0 => {
            // Zero-argument form: `__class__` cell and the first argument of
            // the calling frame.
            let f = vm.frames[vm.frames.len() - 1];
            let code = vm.codes[f.code as usize].clone();
            if code.co.argcount == 0 {
                return Err(vm.err(E::RuntimeError, "super(): no arguments"));
            }
            let mut first = vm.stack[f.base as usize];
            if let Some(ci) = code
                .co
                .cellvars
                .iter()
                .position(|c| *c == code.co.varnames[0])
            {
                first = vm.stack[f.base as usize + code.nlocals + ci].get(1);
            }
            let Some(fi) = code.co.freevars.iter().position(|v| v == "__class__") else {
                return Err(vm.err(E::RuntimeError, "super(): __class__ cell not found"));
            };
            let cell = vm.stack[f.base as usize + code.nlocals + code.ncells + fi];
            let cls = cell.get(1);
            if cls.is_null() {
                return Err(vm.err(E::RuntimeError, "super(): empty __class__ cell"));
            }
            (cls, first)
        }
        n => {
            return Err(vm.err(
                E::TypeError,
                format!("super() takes at most 2 arguments ({n} given)"),
            ));
        }
    };
    if !vm.is_type(this) {
        return Err(vm.err(E::TypeError, "super() argument 1 must be a type"));
    }
    let start = if vm.is_type(obj) && vm.is_subtype(obj, this) {
        obj
    } else {
        vm.type_of(obj)
    };
    if !vm.is_subtype(start, this) {
        return Err(vm.err(
            E::TypeError,
            "super(type, obj): obj must be an instance or subtype of type",
        ));
    }
    let t = vm.t.super_;
    Ok(vm.new_record(t, &[this, obj, start]))
}
