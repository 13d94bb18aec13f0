//! The special methods of the builtin types as attributes (`(5).__add__`,
//! `str.__len__`, `list.__contains__`, ...).
//!
//! The VM's operators have fast paths for the builtin types and never look
//! these up for them; they exist so Python code can name and call them, as
//! it can in CPython. Each one checks that the other operand belongs to the
//! type's own family (int/bool/float for numbers, the same container kind
//! otherwise) and returns NotImplemented when not, then runs the VM's
//! operator, so a dunder and its operator can never disagree.

use crate::compile::bytecode::Opcode;
use crate::objects::function::NativeFn;
use crate::objects::typeobj::T_DICT;
use crate::objects::{Kind, Value};
use crate::vm::{PyResult, Vm};

/// The family a value's representation belongs to, for operand checks.
fn family(vm: &Vm, v: Value) -> Option<u8> {
    if v.is_small() {
        return Some(0);
    }
    if !v.is_ptr() {
        return None;
    }
    Some(match vm.kind_of(v) {
        Kind::Int | Kind::Bool => 0,
        Kind::Float => 1,
        Kind::Str => 2,
        Kind::List => 3,
        Kind::Tuple => 4,
        Kind::Dict => 5,
        Kind::Set => 6,
        Kind::Range => 7,
        _ => return None,
    })
}

/// May `self` (family `a`) operate with `other` natively?
fn compatible(vm: &Vm, this: Value, other: Value, numeric_mix: bool) -> bool {
    match (family(vm, this), family(vm, other)) {
        (Some(a), Some(b)) if a == b => true,
        // A float method accepts ints; an int method does not accept floats.
        (Some(1), Some(0)) => numeric_mix,
        _ => false,
    }
}

/// The two operands of a binary dunder. Instances of str/int/float/tuple/
/// bytes subclasses are replaced by exact copies of their values: the
/// builtin method is the base type's operation, which must not come back
/// to a subclass's override (`super().__add__(x)` inside `__add__`).
fn self_and_other(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[Value],
) -> PyResult<(Value, Value)> {
    vm.check_nargs(name, args, 2 + kw.len(), 2)?;
    let a = vm.exact_value(args[0]);
    let b = vm.exact_value(args[1]);
    Ok((a, b))
}

macro_rules! binary {
    ($fname:ident, $name:literal, $op:expr, $reflected:expr) => {
        fn $fname(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
            let (a, b) = self_and_other(vm, $name, args, kw)?;
            if !compatible(vm, a, b, true) {
                // Sequences repeat by an int: `[1] * 3`, `3 * [1]`.
                let repeat =
                    ($op == 5) && matches!(family(vm, a), Some(2..=4)) && family(vm, b) == Some(0);
                if !repeat {
                    return Ok(vm.not_implemented);
                }
            }
            if $reflected {
                vm.binary_op($op, b, a)
            } else {
                vm.binary_op($op, a, b)
            }
        }
    };
}

binary!(d_add, "__add__", 0, false);
binary!(d_radd, "__radd__", 0, true);
binary!(d_sub, "__sub__", 10, false);
binary!(d_rsub, "__rsub__", 10, true);
binary!(d_mul, "__mul__", 5, false);
binary!(d_rmul, "__rmul__", 5, true);
binary!(d_truediv, "__truediv__", 11, false);
binary!(d_rtruediv, "__rtruediv__", 11, true);
binary!(d_floordiv, "__floordiv__", 2, false);
binary!(d_rfloordiv, "__rfloordiv__", 2, true);
binary!(d_mod, "__mod__", 6, false);
binary!(d_rmod, "__rmod__", 6, true);
binary!(d_pow, "__pow__", 8, false);
binary!(d_rpow, "__rpow__", 8, true);
binary!(d_and, "__and__", 1, false);
binary!(d_rand, "__rand__", 1, true);
binary!(d_or, "__or__", 7, false);
binary!(d_ror, "__ror__", 7, true);
binary!(d_xor, "__xor__", 12, false);
binary!(d_rxor, "__rxor__", 12, true);
binary!(d_lshift, "__lshift__", 3, false);
binary!(d_rlshift, "__rlshift__", 3, true);
binary!(d_rshift, "__rshift__", 9, false);
binary!(d_rrshift, "__rrshift__", 9, true);

fn d_mod_str(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (a, b) = self_and_other(vm, "__mod__", args, kw)?;
    vm.binary_op(6, a, b)
}

macro_rules! compare {
    ($fname:ident, $name:literal, $op:expr) => {
        fn $fname(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
            let (a, b) = self_and_other(vm, $name, args, kw)?;
            let ok = compatible(vm, a, b, true)
                || compatible(vm, b, a, true)
                || (family(vm, a) == Some(6) && family(vm, b) == Some(6));
            // dicts and ranges have no ordering: only == and != compare them.
            let unordered = matches!(family(vm, a), Some(5 | 7)) && !matches!($op, 2 | 3);
            if !ok || unordered {
                return Ok(vm.not_implemented);
            }
            guarded(vm, a, $name, |vm| vm.compare($op, a, b)).unwrap_or(Ok(vm.not_implemented))
        }
    };
}

compare!(d_lt, "__lt__", 0);
compare!(d_le, "__le__", 1);
compare!(d_eq, "__eq__", 2);
compare!(d_ne, "__ne__", 3);
compare!(d_gt, "__gt__", 4);
compare!(d_ge, "__ge__", 5);

macro_rules! unary {
    ($fname:ident, $name:literal, $body:expr) => {
        fn $fname(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
            vm.check_nargs($name, args, 1 + kw.len(), 1)?;
            let f: fn(&mut Vm, Value) -> PyResult<Value> = $body;
            // The base type's operation on the value (see `self_and_other`).
            let this = vm.exact_value(args[0]);
            match guarded(vm, this, $name, |vm| f(vm, this)) {
                Some(r) => r,
                None => Ok(vm.not_implemented),
            }
        }
    };
}

unary!(d_len, "__len__", |vm, v| Ok(
    Value::small(vm.len(v)? as i64)
));
unary!(d_iter, "__iter__", |vm, v| vm.iter(v));
unary!(d_hash, "__hash__", |vm, v| {
    let h = vm.hash(v)?;
    Ok(vm.new_int(h))
});
unary!(d_neg, "__neg__", |vm, v| vm
    .unary_op(Opcode::UNARY_NEGATIVE, v));
unary!(d_pos, "__pos__", |vm, v| vm
    .unary_op(Opcode::UNARY_POSITIVE, v));
unary!(d_invert, "__invert__", |vm, v| vm
    .unary_op(Opcode::UNARY_INVERT, v));
unary!(d_bool, "__bool__", |vm, v| {
    let b = vm.truthy(v)?;
    Ok(vm.bool(b))
});
unary!(d_repr, "__repr__", |vm, v| {
    let s = vm.repr_string(v)?;
    Ok(vm.new_str(&s))
});
unary!(d_str, "__str__", |vm, v| vm.str_of(v));

/// `__getnewargs__` of str, int, float, tuple and bytes: `(value,)` with
/// the exact builtin value, what `cls.__new__(cls, *args)` rebuilds a
/// subclass instance from (copy, pickle).
pub(crate) fn d_getnewargs(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("__getnewargs__", args, 1 + kw.len(), 1)?;
    let v = vm.exact_value(args[0]);
    Ok(vm.new_tuple(&[v]))
}
unary!(d_self_int, "__int__", |vm, v| {
    let b = vm.to_big(v).unwrap_or_default();
    Ok(vm.new_big(b))
});
unary!(d_float_of, "__float__", |vm, v| {
    let f = match vm.num_to_f64(v) {
        Some(Ok(f)) => f,
        _ => {
            return Err(vm.err(
                crate::objects::exceptions::E::OverflowError,
                "int too large to convert to float",
            ));
        }
    };
    Ok(vm.new_float(f))
});

fn d_round(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    super::functions::b_round(vm, args, kw)
}

fn d_iadd(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (a, b) = self_and_other(vm, "__iadd__", args, kw)?;
    vm.binary_op(13, a, b)
}

fn d_imul(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (a, b) = self_and_other(vm, "__imul__", args, kw)?;
    vm.binary_op(13 + 5, a, b)
}

/// A dict view or any iterable as a new set (for the views' set operators).
fn as_set(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let items = vm.collect_iterable(v)?;
    let items = vm.tuple_items(items);
    vm.new_set_from(items)
}

macro_rules! view_setop {
    ($fname:ident, $name:literal, $base:expr, $reflected:expr) => {
        fn $fname(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
            let (a, b) = self_and_other(vm, $name, args, kw)?;
            if vm.iter(b).is_err() {
                return Ok(vm.not_implemented);
            }
            let sa = as_set(vm, a)?;
            let sb = as_set(vm, b)?;
            if $reflected {
                vm.set_binop($base, sb, sa, false)
            } else {
                vm.set_binop($base, sa, sb, false)
            }
        }
    };
}

view_setop!(v_and, "__and__", 1, false);
view_setop!(v_rand, "__rand__", 1, true);
view_setop!(v_or, "__or__", 7, false);
view_setop!(v_ror, "__ror__", 7, true);
view_setop!(v_xor, "__xor__", 12, false);
view_setop!(v_rxor, "__rxor__", 12, true);
view_setop!(v_sub, "__sub__", 10, false);
view_setop!(v_rsub, "__rsub__", 10, true);

macro_rules! view_compare {
    ($fname:ident, $name:literal, $op:expr) => {
        fn $fname(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
            let (a, b) = self_and_other(vm, $name, args, kw)?;
            if !(vm.is_set(b) || vm.view_kind(b).is_some_and(|k| k != 1)) {
                return Ok(vm.not_implemented);
            }
            let sa = as_set(vm, a)?;
            let sb = as_set(vm, b)?;
            vm.set_compare($op, sa, sb)
        }
    };
}

view_compare!(v_lt, "__lt__", 0);
view_compare!(v_le, "__le__", 1);
view_compare!(v_eq, "__eq__", 2);
view_compare!(v_ne, "__ne__", 3);
view_compare!(v_gt, "__gt__", 4);
view_compare!(v_ge, "__ge__", 5);

fn v_isdisjoint(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (a, b) = self_and_other(vm, "isdisjoint", args, kw)?;
    let items = vm.collect_iterable(b)?;
    let n = vm.tuple_items(items).len();
    for i in 0..n {
        let x = vm.tuple_items(items)[i];
        if vm.contains(a, x)? {
            return Ok(vm.false_);
        }
    }
    Ok(vm.true_)
}

const SET_VIEW: &[(&str, NativeFn)] = &[
    ("__and__", v_and),
    ("__rand__", v_rand),
    ("__or__", v_or),
    ("__ror__", v_ror),
    ("__xor__", v_xor),
    ("__rxor__", v_rxor),
    ("__sub__", v_sub),
    ("__rsub__", v_rsub),
    ("__lt__", v_lt),
    ("__le__", v_le),
    ("__eq__", v_eq),
    ("__ne__", v_ne),
    ("__gt__", v_gt),
    ("__ge__", v_ge),
    ("isdisjoint", v_isdisjoint),
    ("__len__", d_len),
    ("__iter__", d_iter),
];

thread_local! {
    /// The (receiver, method) pairs whose dunder is running: the VM's
    /// operator may fall back to the special method for a case its fast path
    /// does not cover, which must not call the same dunder again.
    static ACTIVE: std::cell::RefCell<Vec<(usize, &'static str)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Run `f` unless the same dunder is already running on `this` (then None).
fn guarded<R>(
    vm: &mut Vm,
    this: Value,
    name: &'static str,
    f: impl FnOnce(&mut Vm) -> PyResult<R>,
) -> Option<PyResult<R>> {
    let key = (this.0, name);
    if ACTIVE.with(|a| a.borrow().contains(&key)) {
        return None;
    }
    ACTIVE.with(|a| a.borrow_mut().push(key));
    let r = f(vm);
    ACTIVE.with(|a| {
        let mut a = a.borrow_mut();
        if let Some(p) = a.iter().rposition(|k| *k == key) {
            a.remove(p);
        }
    });
    Some(r)
}

fn d_contains(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (a, b) = self_and_other(vm, "__contains__", args, kw)?;
    let r = match guarded(vm, a, "__contains__", |vm| vm.contains(a, b)) {
        Some(r) => r?,
        None => {
            // The operator came back here: search by iteration and equality.
            let it = vm.iter(a)?;
            let mut found = false;
            while let Some(x) = vm.next(it)? {
                if vm.eq(x, b)? {
                    found = true;
                    break;
                }
            }
            found
        }
    };
    Ok(vm.bool(r))
}

fn d_getitem(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (a, b) = self_and_other(vm, "__getitem__", args, kw)?;
    match guarded(vm, a, "__getitem__", |vm| vm.getitem(a, b)) {
        Some(r) => r,
        None => {
            let tn = vm.type_name(b);
            let owner = vm.type_name(a);
            Err(vm.err(
                crate::objects::exceptions::E::TypeError,
                format!("{owner} indices must be integers or slices, not {tn}"),
            ))
        }
    }
}

fn d_setitem(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("__setitem__", args, 3 + kw.len(), 3)?;
    let (a, k, v) = (args[0], args[1], args[2]);
    match guarded(vm, a, "__setitem__", |vm| vm.setitem(a, k, v)) {
        Some(r) => r.map(|_| vm.none),
        None => Err(vm.err(
            crate::objects::exceptions::E::TypeError,
            "unsupported item assignment",
        )),
    }
}

fn d_delitem(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (a, k) = self_and_other(vm, "__delitem__", args, kw)?;
    match guarded(vm, a, "__delitem__", |vm| vm.delitem(a, k)) {
        Some(r) => r.map(|_| vm.none),
        None => Err(vm.err(
            crate::objects::exceptions::E::TypeError,
            "unsupported item deletion",
        )),
    }
}

fn d_dict_ior(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (a, b) = self_and_other(vm, "__ior__", args, kw)?;
    vm.dict_update(a, b)?;
    Ok(a)
}

/// A slice's (start, stop, step) as a tuple, for comparisons.
fn slice_key(vm: &mut Vm, v: Value) -> Option<Value> {
    (v.is_ptr() && v.raw_type() == vm.t.slice).then(|| {
        let parts = [v.get(1), v.get(2), v.get(3)];
        vm.new_tuple(&parts)
    })
}

macro_rules! slice_compare {
    ($fname:ident, $name:literal, $op:expr) => {
        fn $fname(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
            let (a, b) = self_and_other(vm, $name, args, kw)?;
            let (Some(ka), Some(kb)) = (slice_key(vm, a), slice_key(vm, b)) else {
                return Ok(vm.not_implemented);
            };
            vm.compare($op, ka, kb)
        }
    };
}

slice_compare!(s_lt, "__lt__", 0);
slice_compare!(s_le, "__le__", 1);
slice_compare!(s_eq, "__eq__", 2);
slice_compare!(s_ne, "__ne__", 3);
slice_compare!(s_gt, "__gt__", 4);
slice_compare!(s_ge, "__ge__", 5);

/// `real` and `numerator`: the number itself (an int for a bool).
fn d_attr_self(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("getter", args, 1, 1)?;
    let v = args[0];
    if vm.is_float(v) {
        return Ok(v);
    }
    let b = vm.to_big(v).unwrap_or_default();
    Ok(vm.new_big(b))
}

/// `imag`: 0 (0.0 for a float).
fn d_attr_zero(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("getter", args, 1, 1)?;
    if vm.is_float(args[0]) {
        return Ok(vm.new_float(0.0));
    }
    Ok(Value::small(0))
}

/// `denominator`: 1.
fn d_attr_one(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("getter", args, 1, 1)?;
    Ok(Value::small(1))
}

fn d_format(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (a, b) = self_and_other(vm, "__format__", args, kw)?;
    if !vm.is_str(b) {
        let tn = vm.type_name(b);
        return Err(vm.err(
            crate::objects::exceptions::E::TypeError,
            format!("__format__() argument must be str, not {tn}"),
        ));
    }
    vm.format(a, b)
}

const NUMBER: &[(&str, NativeFn)] = &[
    ("__add__", d_add),
    ("__radd__", d_radd),
    ("__sub__", d_sub),
    ("__rsub__", d_rsub),
    ("__mul__", d_mul),
    ("__rmul__", d_rmul),
    ("__truediv__", d_truediv),
    ("__rtruediv__", d_rtruediv),
    ("__floordiv__", d_floordiv),
    ("__rfloordiv__", d_rfloordiv),
    ("__mod__", d_mod),
    ("__rmod__", d_rmod),
    ("__pow__", d_pow),
    ("__rpow__", d_rpow),
    ("__neg__", d_neg),
    ("__pos__", d_pos),
    ("__bool__", d_bool),
    ("__float__", d_float_of),
];

const INT_ONLY: &[(&str, NativeFn)] = &[
    ("__and__", d_and),
    ("__rand__", d_rand),
    ("__or__", d_or),
    ("__ror__", d_ror),
    ("__xor__", d_xor),
    ("__rxor__", d_rxor),
    ("__lshift__", d_lshift),
    ("__rlshift__", d_rlshift),
    ("__rshift__", d_rshift),
    ("__rrshift__", d_rrshift),
    ("__invert__", d_invert),
    ("__int__", d_self_int),
    ("__index__", d_self_int),
];

const COMPARE: &[(&str, NativeFn)] = &[
    ("__lt__", d_lt),
    ("__le__", d_le),
    ("__eq__", d_eq),
    ("__ne__", d_ne),
    ("__gt__", d_gt),
    ("__ge__", d_ge),
    ("__repr__", d_repr),
    ("__str__", d_str),
    ("__format__", d_format),
];

const CONTAINER: &[(&str, NativeFn)] = &[
    ("__len__", d_len),
    ("__iter__", d_iter),
    ("__contains__", d_contains),
];

/// Install the special methods on the builtin types.
pub fn install(vm: &mut Vm) {
    super::constructors::install_value_new(vm);
    for (ty, owner) in [
        (vm.t.str, "str"),
        (vm.t.int, "int"),
        (vm.t.float, "float"),
        (vm.t.tuple, "tuple"),
    ] {
        vm.add_methods(ty, owner, &[("__getnewargs__", d_getnewargs)]);
    }
    let t = vm.t;
    for (ty, name) in [(t.int, "int"), (t.float, "float")] {
        vm.add_methods(ty, name, NUMBER);
        vm.add_methods(ty, name, COMPARE);
        vm.add_methods(ty, name, &[("__hash__", d_hash)]);
    }
    vm.add_methods(t.int, "int", INT_ONLY);
    for (ty, name) in [
        (t.str, "str"),
        (t.list, "list"),
        (t.tuple, "tuple"),
        (t.dict, "dict"),
        (t.set, "set"),
        (t.frozenset, "frozenset"),
        (t.range, "range"),
    ] {
        vm.add_methods(ty, name, CONTAINER);
        vm.add_methods(ty, name, COMPARE);
        if name != "set" && name != "frozenset" && name != "dict" {
            vm.add_methods(ty, name, &[("__getitem__", d_getitem)]);
        }
        if matches!(name, "str" | "list" | "tuple") {
            vm.add_methods(
                ty,
                name,
                &[("__add__", d_add), ("__mul__", d_mul), ("__rmul__", d_rmul)],
            );
        }
        if matches!(name, "str" | "tuple" | "frozenset" | "range") {
            vm.add_methods(ty, name, &[("__hash__", d_hash)]);
        } else {
            // Mutable containers are unhashable: `__hash__ = None`.
            let key = vm.intern("__hash__");
            let none = vm.none;
            let _ = vm.dict_set(ty.get(T_DICT), key, none);
        }
    }
    vm.add_methods(t.dict, "dict", &[("__getitem__", d_getitem)]);
    for (ty, name) in [(t.list, "list"), (t.dict, "dict")] {
        vm.add_methods(
            ty,
            name,
            &[("__setitem__", d_setitem), ("__delitem__", d_delitem)],
        );
    }
    vm.add_methods(t.range, "range", crate::objects::iter::RANGE_COMPARE);
    vm.add_methods(t.dict, "dict", &[("__ior__", d_dict_ior)]);
    vm.add_methods(
        t.slice,
        "slice",
        &[
            ("__lt__", s_lt),
            ("__le__", s_le),
            ("__eq__", s_eq),
            ("__ne__", s_ne),
            ("__gt__", s_gt),
            ("__ge__", s_ge),
        ],
    );
    let key = vm.intern("__hash__");
    let none = vm.none;
    let _ = vm.dict_set(t.slice.get(T_DICT), key, none);
    vm.add_methods(t.str, "str", &[("__mod__", d_mod_str)]);
    for (ty, name) in [(t.set, "set"), (t.frozenset, "frozenset")] {
        vm.add_methods(
            ty,
            name,
            &[
                ("__and__", d_and),
                ("__or__", d_or),
                ("__xor__", d_xor),
                ("__sub__", d_sub),
            ],
        );
    }
    vm.add_methods(t.set, "set", crate::objects::set::SET_ONLY_METHODS);
    for it in crate::objects::iter::install_extra_iterators(vm) {
        vm.add_methods(
            it,
            "iterator",
            &[
                ("__iter__", super::typemethods::iter_self),
                ("__next__", super::typemethods::iter_next),
            ],
        );
    }
    vm.add_methods(t.int, "int", crate::objects::int::METHODS);
    vm.add_methods(t.int, "int", &[("to_bytes", crate::objects::int::TO_BYTES)]);
    let f = vm.def_builtin("from_bytes", "int", crate::objects::int::FROM_BYTES);
    let cm = vm.new_record(vm.t.classmethod, &[f]);
    vm.immortal.push(cm);
    let key = vm.intern("from_bytes");
    let _ = vm.dict_set(t.int.get(T_DICT), key, cm);
    // The number attributes as properties (visible to dir() and hasattr).
    let int_attrs: &[(&'static str, NativeFn)] = &[
        ("real", d_attr_self),
        ("imag", d_attr_zero),
        ("numerator", d_attr_self),
        ("denominator", d_attr_one),
    ];
    let float_attrs: &[(&'static str, NativeFn)] = &[("real", d_attr_self), ("imag", d_attr_zero)];
    for (ty, owner, attrs) in [(t.int, "int", int_attrs), (t.float, "float", float_attrs)] {
        for &(name, getter) in attrs {
            let f = vm.def_builtin(name, owner, getter);
            let none = vm.none;
            let p = vm.new_record(vm.t.property, &[f, none, none, none, Value::NULL]);
            vm.immortal.push(p);
            let key = vm.intern(name);
            let _ = vm.dict_set(ty.get(T_DICT), key, p);
        }
    }
    vm.add_methods(
        t.list,
        "list",
        &[("__iadd__", d_iadd), ("__imul__", d_imul)],
    );
    vm.add_methods(t.dict_keys, "dict_keys", SET_VIEW);
    vm.add_methods(t.dict_items, "dict_items", SET_VIEW);
    vm.add_methods(t.slice, "slice", crate::objects::iter::SLICE_METHODS);
    vm.add_methods(t.range, "range", crate::objects::iter::RANGE_METHODS);
    vm.add_methods(t.float, "float", crate::objects::float::METHODS);
    for (ty, name) in [(t.int, "int"), (t.float, "float")] {
        vm.add_methods(ty, name, &[("__round__", d_round)]);
    }
    let f = vm.def_builtin("fromhex", "float", crate::objects::float::FROMHEX);
    let cm = vm.new_record(vm.t.classmethod, &[f]);
    vm.immortal.push(cm);
    let key = vm.intern("fromhex");
    let _ = vm.dict_set(t.float.get(T_DICT), key, cm);
    let f = vm.def_builtin("fromkeys", "dict", crate::objects::dict::m_fromkeys);
    let cm = vm.new_record(vm.t.classmethod, &[f]);
    vm.immortal.push(cm);
    let key = vm.intern("fromkeys");
    let _ = vm.dict_set(t.dict.get(T_DICT), key, cm);
    // str.maketrans is a static method.
    let f = vm.def_builtin("maketrans", "str", crate::objects::str::m_maketrans);
    let sm = vm.new_record(vm.t.staticmethod, &[f]);
    vm.immortal.push(sm);
    let key = vm.intern("maketrans");
    let _ = vm.dict_set(t.str.get(T_DICT), key, sm);
}

/// An unbound method of a builtin type called with a `self` of another
/// type (`str.upper(1)`): CPython's descriptor TypeError instead of native
/// code reading the wrong representation.
pub fn check_unbound_self(
    vm: &mut Vm,
    def: &crate::objects::function::BuiltinDef,
    args: &[Value],
) -> PyResult<()> {
    let kinds: &[Kind] = match def.owner {
        "str" => &[Kind::Str],
        "list" => &[Kind::List],
        "tuple" => &[Kind::Tuple],
        "dict" => &[Kind::Dict],
        "set" | "frozenset" => &[Kind::Set],
        "int" => &[Kind::Int, Kind::Bool],
        "float" => &[Kind::Float],
        _ => return Ok(()),
    };
    // Static and class methods take no instance.
    if matches!(
        def.name,
        "maketrans" | "fromkeys" | "__new__" | "fromhex" | "from_bytes"
    ) {
        return Ok(());
    }
    let owner = def.owner;
    let name = def.name;
    match args.first() {
        None => Err(vm.err(
            crate::objects::exceptions::E::TypeError,
            format!("unbound method {owner}.{name}() needs an argument"),
        )),
        Some(&v) => {
            let k = if v.is_small() {
                Kind::Int
            } else if v.is_ptr() {
                vm.kind_of(v)
            } else {
                Kind::Object
            };
            if kinds.contains(&k) {
                return Ok(());
            }
            let tn = vm.type_name(v);
            Err(vm.err(
                crate::objects::exceptions::E::TypeError,
                format!(
                    "descriptor '{name}' for '{owner}' objects doesn't apply to a '{tn}' object"
                ),
            ))
        }
    }
}

/// `&`, `|`, `^`, `-` with a keys or items view on either side (any
/// iterable on the other): a set, as CPython's views give. None when no
/// view is involved.
pub fn view_binop(vm: &mut Vm, op: u32, a: Value, b: Value) -> PyResult<Option<Value>> {
    let base = op % 13;
    if !matches!(base, 1 | 7 | 10 | 12) {
        return Ok(None);
    }
    let is_setview = |vm: &Vm, v: Value| vm.view_kind(v).is_some_and(|k| k != 1);
    if !(is_setview(vm, a) || is_setview(vm, b)) {
        return Ok(None);
    }
    if vm.iter(a).is_err() || vm.iter(b).is_err() {
        return Ok(None);
    }
    let sa = as_set(vm, a)?;
    let sb = as_set(vm, b)?;
    vm.set_binop(base, sa, sb, false).map(Some)
}
