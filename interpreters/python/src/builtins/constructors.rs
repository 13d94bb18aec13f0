//! Constructors of the builtin types (`int(x)`, `list(it)`, `super()`, ...).

use super::*;

pub(super) fn parse_int_text(vm: &mut Vm, text: &str, base: u32, orig: Value) -> PyResult<Value> {
    use crate::objects::str::{decimal_value, is_py_space};
    let given_base = base;
    let t = text.trim_matches(is_py_space);
    let (neg, body) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let mut base = base;
    let mut digits = body;
    let mut prefixed = false;
    let lower = body.to_ascii_lowercase();
    for (p, b) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if lower.starts_with(p) && (base == 0 || base == b) {
            base = b;
            digits = &body[2..];
            prefixed = true;
        }
    }
    // After a prefix one underscore may come first ("0x_ff").
    let digits = if prefixed {
        digits.strip_prefix('_').unwrap_or(digits)
    } else {
        digits
    };
    // Base 0 takes no leading zeros in a nonzero decimal ("010").
    let octal_like =
        base == 0 && digits.starts_with('0') && digits.chars().any(|c| c != '0' && c != '_');
    if base == 0 {
        base = 10;
    }
    // Unicode decimal digits count as their ASCII values.
    let clean: String = digits
        .chars()
        .filter(|&c| c != '_')
        .map(|c| match decimal_value(c) {
            Some(d) if !c.is_ascii() => char::from_digit(d, 10).unwrap_or(c),
            _ => c,
        })
        .collect();
    let valid = !octal_like
        && !clean.is_empty()
        && !digits.starts_with('_')
        && !digits.ends_with('_')
        && !digits.contains("__")
        && clean.chars().all(|c| c.is_digit(base));
    if !valid {
        let r = vm.repr_string(orig)?;
        return Err(vm.err(
            E::ValueError,
            format!("invalid literal for int() with base {given_base}: {r}"),
        ));
    }
    let mag = dashu_int::UBig::from_str_radix(&clean, base)
        .map_err(|_| vm.err(E::ValueError, "invalid literal for int()"))?;
    let v = dashu_int::IBig::from(mag);
    Ok(vm.new_big(if neg { -v } else { v }))
}

/// `float(text)`: Python's float syntax (underscores only between digits,
/// one sign, inf/infinity/nan in any case, surrounding whitespace).
fn parse_float_text(text: &str) -> Option<f64> {
    let t = text.trim_matches(crate::objects::str::is_py_space);
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    let v = match lower.as_str() {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => {
            let b = body.as_bytes();
            for (i, &c) in b.iter().enumerate() {
                if c == b'_'
                    && !(i > 0
                        && b[i - 1].is_ascii_digit()
                        && b.get(i + 1).is_some_and(u8::is_ascii_digit))
                {
                    return None;
                }
                let sign_ok = matches!(c, b'+' | b'-') && i > 0 && matches!(b[i - 1], b'e' | b'E');
                if !(c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'_') || sign_ok) {
                    return None;
                }
            }
            body.replace('_', "").parse::<f64>().ok()?
        }
    };
    Some(if neg { -v } else { v })
}

/// The int an `__int__` or `__index__` method returned, checked.
fn int_result(vm: &mut Vm, r: Value, method: &str) -> PyResult<Value> {
    if vm.is_int(r) {
        return Ok(if r == vm.true_ || r == vm.false_ {
            Value::small(i64::from(r == vm.true_))
        } else {
            r
        });
    }
    let tn = vm.type_name(r);
    Err(vm.err(
        E::TypeError,
        format!("{method} returned non-int (type {tn})"),
    ))
}

/// `str(object="", encoding=..., errors=...)`: `str(x)` is `x.__str__()`;
/// with an encoding or errors, `object` is bytes-like data to decode.
fn construct_str(vm: &mut Vm, pos: &[Value], kws: &[(&str, Value)]) -> PyResult<Value> {
    if pos.len() + kws.len() > 3 {
        let n = pos.len() + kws.len();
        return Err(vm.err(
            E::TypeError,
            format!("str() takes at most 3 arguments ({n} given)"),
        ));
    }
    let mut args = [
        pos.first().copied(),
        pos.get(1).copied(),
        pos.get(2).copied(),
    ];
    for &(k, v) in kws {
        let i = match k {
            "object" => 0,
            "encoding" => 1,
            "errors" => 2,
            _ => {
                return Err(vm.err(
                    E::TypeError,
                    format!("'{k}' is an invalid keyword argument for str()"),
                ));
            }
        };
        if args[i].is_some() {
            let which = ["object", "encoding", "errors"][i];
            return Err(vm.err(
                E::TypeError,
                format!(
                    "argument for str() given by name ('{which}') and position ({})",
                    i + 1
                ),
            ));
        }
        args[i] = Some(v);
    }
    let [object, encoding, errors] = args;
    if encoding.is_none() && errors.is_none() {
        return match object {
            None => Ok(vm.intern("")),
            Some(x) => vm.str_of(x),
        };
    }
    let mut texts = [None, None];
    for (i, (arg, which)) in [(encoding, "encoding"), (errors, "errors")]
        .into_iter()
        .enumerate()
    {
        if let Some(a) = arg {
            if !vm.is_str(a) {
                let tn = vm.type_name(a);
                return Err(vm.err(
                    E::TypeError,
                    format!("str() argument '{which}' must be str, not {tn}"),
                ));
            }
            texts[i] = Some(as_str(a).to_string());
        }
    }
    let Some(x) = object else {
        return Ok(vm.intern(""));
    };
    if vm.is_str(x) {
        return Err(vm.err(E::TypeError, "decoding str is not supported"));
    }
    let Some(data) = vm.byte_data(x).map(<[u8]>::to_vec) else {
        let tn = vm.type_name(x);
        return Err(vm.err(
            E::TypeError,
            format!("decoding to str: need a bytes-like object, {tn} found"),
        ));
    };
    let [enc, errs] = texts;
    let text = vm.decode_bytes(&data, enc.as_deref().unwrap_or("utf-8"), errs.as_deref())?;
    Ok(vm.new_str(&text))
}

fn construct_value(vm: &mut Vm, cls: Value, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    match construct_builtin(vm, cls, args, kw)? {
        Some(v) => Ok(v),
        None => Err(vm.err(E::TypeError, "cannot construct the value")),
    }
}

/// The value types with a `__new__` here, by index (the `TYPE` of
/// [`value_type_new`]).
const STR: usize = 0;
const INT: usize = 1;
const FLOAT: usize = 2;
const TUPLE: usize = 3;

fn value_type<const TYPE: usize>(vm: &Vm) -> Value {
    [vm.t.str, vm.t.int, vm.t.float, vm.t.tuple][TYPE]
}

/// `X.__new__` of value type `TYPE` (a plain `fn`, as builtins are: the
/// type comes from the const parameter, not a capture).
fn value_type_new<const TYPE: usize>(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let t = value_type::<TYPE>(vm);
    vm.value_new(t, args, kw, |vm, a, k| {
        let cls = value_type::<TYPE>(vm);
        construct_value(vm, cls, a, k)
    })
}

/// `str.__new__`, `int.__new__`, `float.__new__` and `tuple.__new__` (static
/// methods, as CPython's): what `class S(str)` instances are made by.
pub fn install_value_new(vm: &mut Vm) {
    let t = vm.t;
    let news: [(Value, &'static str, crate::objects::function::NativeFn); 4] = [
        (t.str, "str", value_type_new::<STR>),
        (t.int, "int", value_type_new::<INT>),
        (t.float, "float", value_type_new::<FLOAT>),
        (t.tuple, "tuple", value_type_new::<TUPLE>),
    ];
    for (ty, owner, f) in news {
        let f = vm.def_builtin("__new__", owner, f);
        let sm = vm.new_record(vm.t.staticmethod, &[f]);
        vm.immortal.push(sm);
        let key = vm.intern("__new__");
        let _ = vm.dict_set(ty.get(crate::objects::typeobj::T_DICT), key, sm);
    }
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
                let b = vm.index_i64(b)?;
                if b != 0 && !(2..=36).contains(&b) {
                    return Err(vm.err(E::ValueError, "int() base must be >= 2 and <= 36, or 0"));
                }
                let b = b as u32;
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
                        vm.exact_value(x)
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
                    vm.new_big(crate::objects::float::integral_to_big(f.trunc()))
                } else if vm.is_str(x) {
                    parse_int_text(vm, as_str(x), 10, x)?
                } else if let Some(r) = vm.call_special(x, "__int__", &[])? {
                    int_result(vm, r, "__int__")?
                } else if let Some(r) = vm.call_special(x, "__index__", &[])? {
                    int_result(vm, r, "__index__")?
                } else if let Some(r) = vm.call_special(x, "__trunc__", &[])? {
                    int_result(vm, r, "__trunc__")?
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
            Some(x) if vm.is_float(x) => vm.exact_value(x),
            Some(x) if vm.is_int(x) => {
                let f = vm.int_to_f64(x)?;
                vm.new_float(f)
            }
            Some(x) if vm.is_str(x) => {
                let f = parse_float_text(as_str(x));
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
                Some(r) if vm.is_float(r) => r,
                Some(r) => {
                    let (tn, rn) = (vm.type_name(x), vm.type_name(r));
                    return Err(vm.err(
                        E::TypeError,
                        format!("{tn}.__float__ returned non-float (type {rn})"),
                    ));
                }
                None if vm.lookup_special(x, "__index__").is_some() => {
                    let n = vm.index_i64(x)?;
                    vm.new_float(n as f64)
                }
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
        construct_str(vm, pos, &kws)?
    } else if cls == t.bool_ {
        if pos.len() > 1 {
            return Err(vm.err(
                E::TypeError,
                format!("bool expected at most 1 argument, got {}", pos.len()),
            ));
        }
        match arg0 {
            None => vm.false_,
            Some(x) => {
                let b = vm.truthy(x)?;
                vm.bool(b)
            }
        }
    } else if cls == t.tuple {
        if pos.len() > 1 {
            return Err(vm.err(
                E::TypeError,
                format!("tuple expected at most 1 argument, got {}", pos.len()),
            ));
        }
        if !kws.is_empty() {
            return Err(vm.err(E::TypeError, "tuple() takes no keyword arguments"));
        }
        match arg0 {
            None => vm.empty_tuple,
            Some(x) => {
                let items = vm.collect_iterable(x)?;
                vm.exact_value(items)
            }
        }
    } else if cls == t.list {
        if pos.len() > 1 {
            return Err(vm.err(
                E::TypeError,
                format!("list expected at most 1 argument, got {}", pos.len()),
            ));
        }
        match arg0 {
            None => vm.new_list(&[]),
            Some(x) => {
                let items = vm.collect_iterable(x)?;
                let items = vm.tuple_items(items);
                vm.new_list(items)
            }
        }
    } else if cls == t.dict {
        if pos.len() > 1 {
            return Err(vm.err(
                E::TypeError,
                format!("dict expected at most 1 argument, got {}", pos.len()),
            ));
        }
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
        if pos.len() > 1 {
            return Err(vm.err(
                E::TypeError,
                format!("{name} expected at most 1 argument, got {}", pos.len()),
            ));
        }
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
            0 => return Err(vm.err(E::TypeError, "slice expected at least 1 argument, got 0")),
            n => {
                return Err(vm.err(
                    E::TypeError,
                    format!("slice expected at most 3 arguments, got {n}"),
                ));
            }
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
        let given = pos.len() + kws.len();
        if given > 2 {
            return Err(vm.err(
                E::TypeError,
                format!("enumerate() takes at most 2 arguments ({given} given)"),
            ));
        }
        let Some(x) = arg0 else {
            return Err(vm.err(
                E::TypeError,
                "enumerate() missing required argument 'iterable'",
            ));
        };
        let it = vm.iter(x)?;
        let start = pos
            .get(1)
            .copied()
            .or_else(|| kws.iter().find(|(k, _)| *k == "start").map(|p| p.1))
            .unwrap_or(Value::small(0));
        let start = if start == vm.true_ {
            Value::small(1)
        } else if start == vm.false_ {
            Value::small(0)
        } else {
            start
        };
        if !vm.is_int(start) {
            let tn = vm.type_name(start);
            return Err(vm.err(
                E::TypeError,
                format!("'{tn}' object cannot be interpreted as an integer"),
            ));
        }
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
        let mut strict = Value::NULL;
        for (k, v) in &kws {
            if *k != "strict" {
                return Err(vm.err(
                    E::TypeError,
                    format!("'{k}' is an invalid keyword argument for zip()"),
                ));
            }
            if vm.truthy(*v)? {
                strict = vm.true_;
            }
        }
        vm.new_iter(t.zip, tup, 0, strict, Value::NULL)
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
        if let Some(k) = vm.view_kind(x) {
            let items = vm.dict_list(x.get(1), k);
            let n = Vm::list_len(items) as i64;
            return Ok(Some(vm.new_iter(
                t.reversed,
                items,
                n,
                Value::NULL,
                Value::NULL,
            )));
        }
        // A sequence: __len__ and __getitem__, and not a set or a mapping
        // without __reversed__.
        let k = vm.kind_of(x);
        let sequence = x.is_ptr()
            && !matches!(
                k,
                crate::objects::Kind::Set | crate::objects::Kind::Iterator
            )
            && vm.view_kind(x).is_none()
            && vm.lookup_special(x, "__len__").is_some()
            && vm.lookup_special(x, "__getitem__").is_some();
        if !sequence {
            let tn = vm.type_name(x);
            return Err(vm.err(E::TypeError, format!("'{tn}' object is not reversible")));
        }
        let n = vm.len(x)? as i64;
        let rev_list = crate::objects::iter::extra_iterators()[1];
        let ty = if vm.is_list(x) && !rev_list.is_null() {
            rev_list
        } else {
            t.reversed
        };
        vm.new_iter(ty, x, n, Value::NULL, Value::NULL)
    } else if cls == t.object {
        if !pos.is_empty() {
            return Err(vm.err(E::TypeError, "object() takes no arguments"));
        }
        vm.new_record(t.object, &[])
    } else if cls == t.none_type {
        if !args.is_empty() {
            return Err(vm.err(E::TypeError, "NoneType takes no arguments"));
        }
        vm.none
    } else {
        return Ok(None);
    };
    Ok(Some(v))
}

pub(super) fn make_super(vm: &mut Vm, pos: &[Value]) -> PyResult<Value> {
    let (this, obj) = match pos.len() {
        2 => (pos[0], pos[1]),
        0 => {
            // Zero-argument form: `__class__` cell and the first argument of
            // the calling frame.
            let Some(f) = vm.frame_view(0) else {
                return Err(vm.err(E::RuntimeError, "super(): no current frame"));
            };
            let code = vm.codes[f.code as usize].clone();
            if code.co.argcount == 0 {
                return Err(vm.err(E::RuntimeError, "super(): no arguments"));
            }
            let mut first = f.slots[0];
            if let Some(ci) = code
                .co
                .cellvars
                .iter()
                .position(|c| *c == code.co.varnames[0])
            {
                first = f.slots[code.nlocals + ci].get(1);
            }
            let Some(fi) = code.co.freevars.iter().position(|v| v == "__class__") else {
                return Err(vm.err(E::RuntimeError, "super(): __class__ cell not found"));
            };
            let cell = f.slots[code.nlocals + code.ncells + fi];
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
