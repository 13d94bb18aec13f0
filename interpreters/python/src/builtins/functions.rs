//! The builtin functions: print, len, repr, min/max, sum, sorted, iter/next,
//! getattr and friends, chr/ord, hex/oct/bin, divmod, pow, round, dir, vars.

use super::*;

pub(super) fn b_print(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kw(args, kw);
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut file = Value::NULL;
    let mut flush = false;
    for (k, v) in kws {
        match k {
            "sep" | "end" if v != vm.none => {
                if !vm.is_str(v) {
                    let tn = vm.type_name(v);
                    return Err(vm.err(
                        E::TypeError,
                        format!("{k} must be None or a string, not {tn}"),
                    ));
                }
                let text = as_str(v).to_string();
                if k == "sep" {
                    sep = text;
                } else {
                    end = text;
                }
            }
            "flush" => flush = vm.truthy(v)?,
            "sep" | "end" => {}
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
        // sys.stdout is looked up at call time; the fast path is the
        // stream the VM installed.
        match super::modules::replaced_stream(vm, super::modules::StdStream::Stdout) {
            None => {
                let _ = vm.out.write_all(line.as_bytes());
                if flush {
                    vm.flush();
                }
                return Ok(vm.none);
            }
            Some(stream) => file = stream,
        }
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
            if flush {
                vm.flush();
            }
        }
        _ => {
            match vm.lookup_attr(file, "write")? {
                Some(w) => {
                    // As CPython: one write per argument, separator and end
                    // (empty ones included), then flush() when asked.
                    let keep = vm.new_list(&[w]);
                    for (i, &v) in pos.iter().enumerate() {
                        if i > 0 {
                            let t = vm.new_str(&sep);
                            vm.call(w, &[t])?;
                        }
                        let t = vm.str_of(v)?;
                        vm.call(w, &[t])?;
                    }
                    let t = vm.new_str(&end);
                    vm.call(w, &[t])?;
                    if flush && let Some(f) = vm.lookup_attr(file, "flush")? {
                        vm.call(f, &[])?;
                    }
                    let _ = keep;
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

pub(super) fn b_format(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.is_empty() || args.len() > 2 {
        let msg = if args.is_empty() {
            "format expected at least 1 argument, got 0".to_string()
        } else {
            format!("format expected at most 2 arguments, got {}", args.len())
        };
        return Err(vm.err(E::TypeError, msg));
    }
    let spec = match args.get(1) {
        Some(&s) if vm.is_str(s) => s,
        Some(&s) => {
            let tn = vm.type_name(s);
            return Err(vm.err(
                E::TypeError,
                format!("format() argument 2 must be str, not {tn}"),
            ));
        }
        None => vm.intern(""),
    };
    vm.format(args[0], spec)
}

pub(super) fn b_len(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
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

pub(super) fn b_repr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let v = one_arg(vm, "repr", args)?;
    let s = vm.repr_string(v)?;
    Ok(vm.new_str(&s))
}

pub(super) fn b_ascii(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let v = one_arg(vm, "ascii", args)?;
    let s = vm.repr_string(v)?;
    Ok(vm.new_str(&ascii_escape(&s)))
}

pub(super) fn one_arg(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<Value> {
    if args.len() != 1 {
        return Err(vm.err(
            E::TypeError,
            format!("{name}() takes exactly one argument ({} given)", args.len()),
        ));
    }
    Ok(args[0])
}

pub(super) fn b_isinstance(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.len() != 2 {
        return Err(vm.err(
            E::TypeError,
            format!("isinstance expected 2 arguments, got {}", args.len()),
        ));
    }
    let r = isinstance_of(vm, args[0], args[1], "isinstance")?;
    Ok(vm.bool(r))
}

pub(super) fn isinstance_of(vm: &mut Vm, v: Value, t: Value, name: &str) -> PyResult<bool> {
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
            if name == "issubclass" {
                "issubclass() arg 2 must be a class, a tuple of classes, or a union".to_string()
            } else {
                format!("{name}() arg 2 must be a type, a tuple of types, or a union")
            },
        ));
    }
    // A metaclass may answer (abc.ABCMeta's registered virtual subclasses).
    let hook = if name == "issubclass" {
        "__subclasscheck__"
    } else {
        "__instancecheck__"
    };
    if crate::objects::typeobj::info(vm.type_of(t)).heap
        && let Some(check) = vm.lookup_special(t, hook)
    {
        let r = vm.call(check, &[t, v])?;
        return vm.truthy(r);
    }
    if name == "issubclass" {
        return Ok(vm.is_subtype(v, t));
    }
    Ok(vm.isinstance(v, t))
}

pub(super) fn b_issubclass(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
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

pub(super) fn b_hash(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let v = one_arg(vm, "hash", args)?;
    let h = vm.hash(v)?;
    Ok(vm.new_int(h))
}

pub(super) fn b_id(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let v = one_arg(vm, "id", args)?;
    Ok(vm.new_int(v.0 as i64))
}

pub(super) fn b_abs(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
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

pub(super) fn minmax(vm: &mut Vm, args: &[Value], kw: &[Value], is_max: bool) -> PyResult<Value> {
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
        _ if !default.is_null() => {
            return Err(vm.err(
                E::TypeError,
                format!("Cannot specify a default for {name}() with multiple positional arguments"),
            ));
        }
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
        // CPython asks `item > best` for max and `item < best` for min.
        let better = if is_max {
            let r = vm.compare(4, k, best_key)?;
            vm.truthy(r)?
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

pub(super) fn b_max(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    minmax(vm, args, kw, true)
}
pub(super) fn b_min(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    minmax(vm, args, kw, false)
}

pub(super) fn b_sum(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kw(args, kw);
    if pos.is_empty() {
        return Err(vm.err(
            E::TypeError,
            "sum() takes at least 1 positional argument (0 given)",
        ));
    }
    if pos.len() > 2 {
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

pub(super) fn b_any(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let v = one_arg(vm, "any", args)?;
    let it = vm.iter(v)?;
    while let Some(x) = vm.next(it)? {
        if vm.truthy(x)? {
            return Ok(vm.true_);
        }
    }
    Ok(vm.false_)
}

pub(super) fn b_all(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let v = one_arg(vm, "all", args)?;
    let it = vm.iter(v)?;
    while let Some(x) = vm.next(it)? {
        if !vm.truthy(x)? {
            return Ok(vm.false_);
        }
    }
    Ok(vm.true_)
}

pub(super) fn b_sorted(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
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
            "reverse" => reverse = vm.index_i64(v)? != 0,
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

pub(super) fn b_iter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    match args.len() {
        1 => vm.iter(args[0]),
        2 => {
            if !is_callable(vm, args[0]) {
                return Err(vm.err(E::TypeError, "iter(v, w): v must be callable"));
            }
            let t = vm.t.callable_iterator;
            Ok(vm.new_iter(t, args[0], 0, args[1], Value::NULL))
        }
        n => Err(vm.err(
            E::TypeError,
            if n == 0 {
                "iter expected at least 1 argument, got 0".to_string()
            } else {
                format!("iter expected at most 2 arguments, got {n}")
            },
        )),
    }
}

pub(super) fn b_next(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.is_empty() || args.len() > 2 {
        return Err(vm.err(
            E::TypeError,
            if args.is_empty() {
                "next expected at least 1 argument, got 0".to_string()
            } else {
                format!("next expected at most 2 arguments, got {}", args.len())
            },
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

/// The attribute-name argument of getattr/setattr/hasattr/delattr.
fn attr_name(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if !vm.is_str(v) {
        let tn = vm.type_name(v);
        return Err(vm.err(
            E::TypeError,
            format!("attribute name must be string, not '{tn}'"),
        ));
    }
    Ok(vm.intern(as_str(v)))
}

fn attr_nargs(vm: &mut Vm, name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let msg = if min == max {
        format!("{name} expected {min} arguments, got {n}")
    } else if n < min {
        format!("{name} expected at least {min} arguments, got {n}")
    } else {
        format!("{name} expected at most {max} arguments, got {n}")
    };
    Err(vm.err(E::TypeError, msg))
}

pub(super) fn b_getattr(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    no_kw(vm, "getattr", kw)?;
    attr_nargs(vm, "getattr", args, 2, 3)?;
    let name = attr_name(vm, args[1])?;
    match vm.getattr(args[0], name) {
        Ok(v) => Ok(v),
        Err(e) if args.len() == 3 && vm.exc_matches(e.0, E::AttributeError) => Ok(args[2]),
        Err(e) => Err(e),
    }
}

pub(super) fn b_setattr(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    no_kw(vm, "setattr", kw)?;
    attr_nargs(vm, "setattr", args, 3, 3)?;
    let name = attr_name(vm, args[1])?;
    vm.setattr(args[0], name, args[2])?;
    Ok(vm.none)
}

pub(super) fn b_hasattr(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    no_kw(vm, "hasattr", kw)?;
    attr_nargs(vm, "hasattr", args, 2, 2)?;
    let name = attr_name(vm, args[1])?;
    match vm.getattr(args[0], name) {
        Ok(_) => Ok(vm.true_),
        Err(e) if vm.exc_matches(e.0, E::AttributeError) => Ok(vm.false_),
        Err(e) => Err(e),
    }
}

pub(super) fn b_delattr(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    no_kw(vm, "delattr", kw)?;
    attr_nargs(vm, "delattr", args, 2, 2)?;
    let name = attr_name(vm, args[1])?;
    vm.delattr(args[0], name)?;
    Ok(vm.none)
}

fn is_callable(vm: &mut Vm, v: Value) -> bool {
    let k = vm.kind_of(v);
    matches!(
        k,
        Kind::Function | Kind::BuiltinFunction | Kind::Method | Kind::Type
    ) || vm.lookup_special(v, "__call__").is_some()
}

pub(super) fn b_callable(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let v = one_arg(vm, "callable", args)?;
    let r = is_callable(vm, v);
    Ok(vm.bool(r))
}

pub(super) fn b_chr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let v = one_arg(vm, "chr", args)?;
    let n = match vm.index_i64(v) {
        Ok(n) if i32::try_from(n).is_ok() => n,
        Ok(_) => {
            return Err(vm.err(E::OverflowError, "Python int too large to convert to C int"));
        }
        Err(e) if vm.exc_matches(e.0, E::OverflowError) => {
            return Err(vm.err(E::OverflowError, "Python int too large to convert to C int"));
        }
        Err(e) => return Err(e),
    };
    match u32::try_from(n).ok().and_then(char::from_u32) {
        Some(c) => Ok(vm.new_str(&c.to_string())),
        None => Err(vm.err(E::ValueError, "chr() arg not in range(0x110000)")),
    }
}

pub(super) fn b_ord(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
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

pub(super) fn radix(vm: &mut Vm, args: &[Value], name: &str, spec: &str) -> PyResult<Value> {
    let v = one_arg(vm, name, args)?;
    if !vm.is_int(v) {
        let idx = vm.call_dunder_index(v)?;
        return radix(vm, &[idx], name, spec);
    }
    crate::objects::format::format_builtin(vm, v, spec)
}

pub(super) fn b_hex(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    radix(vm, args, "hex", "#x")
}
pub(super) fn b_oct(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    radix(vm, args, "oct", "#o")
}
pub(super) fn b_bin(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    radix(vm, args, "bin", "#b")
}

pub(super) fn b_divmod(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.len() != 2 {
        return Err(vm.err(
            E::TypeError,
            format!("divmod expected 2 arguments, got {}", args.len()),
        ));
    }
    let (a, b) = (args[0], args[1]);
    let is_num = |vm: &Vm, v: Value| vm.is_int(v) || vm.is_float(v);
    if is_num(vm, a) && is_num(vm, b) {
        let zero = if vm.is_float(b) {
            Vm::float_val(b) == 0.0
        } else {
            vm.to_i64(b) == Some(0)
        };
        if zero {
            let msg = if vm.is_float(a) || vm.is_float(b) {
                "float divmod()"
            } else {
                "integer division or modulo by zero"
            };
            return Err(vm.err(E::ZeroDivisionError, msg));
        }
        let q = vm.binary_op(2, a, b)?;
        let r = vm.binary_op(6, a, b)?;
        return Ok(vm.new_tuple(&[q, r]));
    }
    let (ta, tb) = (vm.type_of(a), vm.type_of(b));
    if let Some(r) = vm.call_special(a, "__divmod__", &[b])?
        && r != vm.not_implemented
    {
        return Ok(r);
    }
    if ta != tb
        && let Some(r) = vm.call_special(b, "__rdivmod__", &[a])?
        && r != vm.not_implemented
    {
        return Ok(r);
    }
    let (na, nb) = (vm.type_name(a), vm.type_name(b));
    Err(vm.err(
        E::TypeError,
        format!("unsupported operand type(s) for divmod(): '{na}' and '{nb}'"),
    ))
}

/// The modular inverse of `b` modulo `m` (m > 0), by the extended
/// Euclidean algorithm; None when they are not coprime.
fn mod_inverse(b: &dashu_int::IBig, m: &dashu_int::IBig) -> Option<dashu_int::IBig> {
    use crate::objects::int::big_floor_divmod;
    let zero = dashu_int::IBig::from(0);
    let one = dashu_int::IBig::from(1);
    let (mut old_r, mut r) = (big_floor_divmod(b, m).1, m.clone());
    let (mut old_s, mut s) = (one.clone(), zero.clone());
    while r != zero {
        let (q, rem) = big_floor_divmod(&old_r, &r);
        old_r = std::mem::replace(&mut r, rem);
        let next_s = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, next_s);
    }
    (old_r == one).then(|| big_floor_divmod(&old_s, m).1)
}

pub(super) fn b_pow(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let mut full = Vec::with_capacity(args.len() + 1);
    full.push(Value::NULL);
    full.extend_from_slice(args);
    let a = crate::objects::str::bind_args(vm, "pow", &full, kw, &["base", "exp", "mod"], 0)?;
    let (Some(base), Some(exp)) = (a[0], a[1]) else {
        let (name, pos) = if a[0].is_none() {
            ("base", 1)
        } else {
            ("exp", 2)
        };
        return Err(vm.err(
            E::TypeError,
            format!("pow() missing required argument '{name}' (pos {pos})"),
        ));
    };
    let modulus = a[2].filter(|&m| m != vm.none);
    let Some(modulus) = modulus else {
        return vm.binary_op(8, base, exp);
    };
    let (b, e, m) = (vm.to_big(base), vm.to_big(exp), vm.to_big(modulus));
    let (Some(mut b), Some(mut e), Some(m)) = (b, e, m) else {
        // A user type may implement three-argument pow.
        if vm.kind_of(base) == crate::objects::Kind::Instance
            && let Some(r) = vm.call_special(base, "__pow__", &[exp, modulus])?
            && r != vm.not_implemented
        {
            return Ok(r);
        }
        return Err(vm.err(
            E::TypeError,
            "pow() 3rd argument not allowed unless all arguments are integers",
        ));
    };
    use crate::objects::int::big_floor_divmod;
    let zero = dashu_int::IBig::from(0);
    if m == zero {
        return Err(vm.err(E::ValueError, "pow() 3rd argument cannot be 0"));
    }
    let negative_mod = m < zero;
    let am = if negative_mod { -m.clone() } else { m.clone() };
    if e < zero {
        match mod_inverse(&b, &am) {
            Some(inv) => {
                b = inv;
                e = -e;
            }
            None => {
                return Err(vm.err(
                    E::ValueError,
                    "base is not invertible for the given modulus",
                ));
            }
        }
    }
    let mut r = big_floor_divmod(&dashu_int::IBig::from(1), &am).1;
    b = big_floor_divmod(&b, &am).1;
    let two = dashu_int::IBig::from(2);
    while e > zero {
        if big_floor_divmod(&e, &two).1 != zero {
            r = big_floor_divmod(&(r * &b), &am).1;
        }
        b = big_floor_divmod(&(&b * &b), &am).1;
        e /= &two;
    }
    // A negative modulus gives a result with its sign (as `%` does).
    if negative_mod && r != zero {
        r += &m;
    }
    Ok(vm.new_big(r))
}

pub(super) fn b_round(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (pos, _) = split_kw(args, kw);
    let v = pos[0];
    let nd = pos.get(1).copied().filter(|&x| x != vm.none);
    if vm.is_int(v) {
        // round(True) is the int 1.
        let v = if v == vm.true_ || v == vm.false_ {
            Value::small(i64::from(v == vm.true_))
        } else {
            v
        };
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
                let r = if !f.is_finite() || f == 0.0 {
                    f
                } else if n >= 0 {
                    // Rust's fixed formatting is exact and rounds half to even,
                    // as CPython's dtoa-based round.
                    let s = format!("{:.*}", n.min(400) as usize, f);
                    s.parse::<f64>().unwrap_or(f)
                } else {
                    round_float_to_tens(f, (-n) as u64)
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

/// `round(f, -k)` exactly: the double's exact value divided by 10**k,
/// rounded half to even, times 10**k, rounded once to a double.
fn round_float_to_tens(f: f64, k: u64) -> f64 {
    use dashu_int::UBig;
    if k > 400 {
        return 0.0f64.copysign(f);
    }
    let bits = f.abs().to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, exp) = if raw_exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), raw_exp - 1075)
    };
    let p = UBig::from(10u8).pow(k as usize);
    let (num, den) = if exp >= 0 {
        (UBig::from(mant) << exp as usize, p.clone())
    } else {
        (UBig::from(mant), &p << (-exp) as usize)
    };
    let q = &num / &den;
    let r = &num - &q * &den;
    let twice = &r << 1;
    let odd = (&q % UBig::from(2u8)) == UBig::from(1u8);
    let q = if twice > den || (twice == den && odd) {
        q + UBig::from(1u8)
    } else {
        q
    };
    let v = crate::objects::float::big_times_pow2(q * p, 0);
    v.copysign(f)
}

pub(super) fn round_half_even(f: f64) -> f64 {
    let r = f.round();
    if (f - f.trunc()).abs() == 0.5 && r % 2.0 != 0.0 {
        r - f.signum()
    } else {
        r
    }
}

pub(super) fn b_globals(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(vm.current_globals())
}

pub(super) fn b_locals(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.current_locals()
}

pub(super) fn b_dir(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let mut names: Vec<String> = Vec::new();
    if args.len() > 1 {
        return Err(vm.err(
            E::TypeError,
            format!("dir expected at most 1 argument, got {}", args.len()),
        ));
    }
    if args.is_empty() {
        // The current scope's names: a function's locals, a module's globals.
        let d = b_locals(vm, &[], &[])?;
        let keys = vm.dict_list(d, 0);
        for &k in vm.list_items(keys) {
            names.push(as_str(k).to_string());
        }
    } else if info(vm.type_of(args[0])).heap
        && let Some(r) = vm.call_special(args[0], "__dir__", &[])?
    {
        let items = vm.collect_iterable(r)?;
        let l = vm.new_list(vm.tuple_items(items));
        vm.list_sort(l, Value::NULL, false)?;
        return Ok(l);
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

pub(super) fn b_vars(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.len() > 1 {
        return Err(vm.err(
            E::TypeError,
            format!("vars expected at most 1 argument, got {}", args.len()),
        ));
    }
    if args.is_empty() {
        return b_locals(vm, args, &[]);
    }
    match vm.lookup_attr(args[0], "__dict__")? {
        Some(d) => Ok(d),
        None => Err(vm.err(E::TypeError, "vars() argument must have __dict__ attribute")),
    }
}
