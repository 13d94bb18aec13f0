//! `__build_class__`, `type.__new__`, and the methods of object, type,
//! BaseException, generators, iterators, property, and the few methods of
//! int, float, tuple, list and dict defined here.

use super::*;

pub(super) fn b_build_class(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
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
    let globals = func.get(crate::objects::function::F_GLOBALS);
    // Run the body with `ns` as its locals.
    let cell = vm.run_body(func, globals, ns)?;
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

pub(super) fn obj_init(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
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

pub(super) fn obj_new(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.is_empty() || !vm.is_type(args[0]) {
        return Err(vm.err(E::TypeError, "object.__new__(X): X is not a type object"));
    }
    Ok(vm.new_instance(args[0]))
}

pub(super) fn obj_getattribute(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("__getattribute__", args, 2, 2)?;
    match vm.generic_getattr(args[0], args[1])? {
        Some(v) => Ok(v),
        None => Err(vm.attribute_error(args[0], args[1])),
    }
}

pub(super) fn obj_setattr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("__setattr__", args, 3, 3)?;
    vm.generic_setattr(args[0], args[1], args[2])?;
    Ok(vm.none)
}

pub(super) fn obj_delattr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("__delattr__", args, 2, 2)?;
    vm.generic_setattr(args[0], args[1], Value::NULL)?;
    Ok(vm.none)
}

pub(super) fn obj_repr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
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

pub(super) fn obj_str(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let s = vm.repr_string(args[0])?;
    Ok(vm.new_str(&s))
}

pub(super) fn obj_eq(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(if args[0] == args[1] {
        vm.true_
    } else {
        vm.not_implemented
    })
}

pub(super) fn obj_ne(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let r = vm.compare(2, args[0], args[1])?;
    let b = vm.truthy(r)?;
    Ok(vm.bool(!b))
}

pub(super) fn obj_hash(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    // As the identity hash in vm/ops/truth.rs.
    let a = args[0].0 as u64;
    Ok(vm.new_int(a.rotate_right(3) as i64))
}

pub(super) fn obj_init_subclass(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(vm.none)
}

pub(super) fn obj_format(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
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

pub(super) fn exc_init(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = vm.new_tuple(&args[1..]);
    let k = vm.intern("args");
    vm.instance_set(args[0], k, a);
    Ok(vm.none)
}

pub(super) fn exc_new(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let obj = vm.new_instance(args[0]);
    let a = vm.new_tuple(&args[1..]);
    let k = vm.intern("args");
    vm.instance_set(obj, k, a);
    Ok(obj)
}

pub(super) fn exc_str(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
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

pub(super) fn exc_repr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let r = vm.builtin_repr(args[0])?;
    Ok(vm.new_str(&r))
}

pub(super) fn exc_with_traceback(_vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(args[0])
}

pub(super) fn gen_send(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("send", args, 2, 2)?;
    vm.generator_send(args[0], args[1])
}

pub(super) fn iter_self(_vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(args[0])
}

pub(super) fn iter_next(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    match vm.next(args[0])? {
        Some(v) => Ok(v),
        None => {
            let none = vm.none;
            Err(vm.stop_iteration(none))
        }
    }
}

pub(super) fn prop_setter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let p = args[0];
    let t = vm.t.property;
    Ok(vm.new_record(t, &[p.get(1), args[1], p.get(3), p.get(4), p.get(5)]))
}

pub(super) fn prop_getter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let p = args[0];
    let t = vm.t.property;
    Ok(vm.new_record(t, &[args[1], p.get(2), p.get(3), p.get(4), p.get(5)]))
}

pub(super) fn prop_deleter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let p = args[0];
    let t = vm.t.property;
    Ok(vm.new_record(t, &[p.get(1), p.get(2), args[1], p.get(4), p.get(5)]))
}

pub(super) fn list_init(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
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

pub(super) fn dict_init(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
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

pub(super) fn int_bit_length(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let b = vm.to_big(args[0]).expect("int");
    let zero = dashu_int::IBig::from(0);
    let mag = if b < zero { -b } else { b };
    let s = format!("{mag:b}");
    Ok(Value::small(if mag == zero { 0 } else { s.len() as i64 }))
}

pub(super) fn float_is_integer(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let f = Vm::float_val(args[0]);
    Ok(vm.bool(f.is_finite() && f.fract() == 0.0))
}

pub(super) fn tuple_index(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    match crate::objects::list::seq_index(vm, args, kw)? {
        Some(i) => Ok(Value::small(i as i64)),
        None => Err(vm.err(E::ValueError, "tuple.index(x): x not in tuple")),
    }
}

pub(super) fn tuple_count(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("tuple.count", args, 2, 2)?;
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

pub(super) fn type_mro(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let mro = args[0].get(crate::objects::typeobj::T_MRO);
    let items = vm.tuple_items(mro);
    Ok(vm.new_list(items))
}

pub(super) fn type_subclasses(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
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

    // type.__new__, generator.throw and generator.close are installed with the
    // language features (objects/classes.rs, objects/coroutine.rs).
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

    vm.add_methods(vm.t.generator, "generator", &[("send", gen_send)]);
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
