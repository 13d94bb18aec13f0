//! Operators: arithmetic with the dunder protocol (reflected operands,
//! NotImplemented), comparisons, truth, hashing, repr/str, subscripts,
//! containment and `len`.
//!
//! Each operation first tries the builtin fast paths (ints, floats, strs,
//! lists, tuples) and then the special methods, in CPython's order: the
//! right operand's reflected method first when its type is a subclass of
//! the left's.

use super::{PyResult, Vm};
use crate::compile::bytecode::{BINARY_OP_NAMES, Opcode};
use crate::objects::exceptions::E;
use crate::objects::float::{float_hash, float_repr};
use crate::objects::str::{as_str, repr_text, str_hash};
use crate::objects::typeobj::info;
use crate::objects::{Kind, Value};

const DUNDERS: [(&str, &str); 13] = [
    ("__add__", "__radd__"),
    ("__and__", "__rand__"),
    ("__floordiv__", "__rfloordiv__"),
    ("__lshift__", "__rlshift__"),
    ("__matmul__", "__rmatmul__"),
    ("__mul__", "__rmul__"),
    ("__mod__", "__rmod__"),
    ("__or__", "__ror__"),
    ("__pow__", "__rpow__"),
    ("__rshift__", "__rrshift__"),
    ("__sub__", "__rsub__"),
    ("__truediv__", "__rtruediv__"),
    ("__xor__", "__rxor__"),
];
const INPLACE: [&str; 13] = [
    "__iadd__",
    "__iand__",
    "__ifloordiv__",
    "__ilshift__",
    "__imatmul__",
    "__imul__",
    "__imod__",
    "__ior__",
    "__ipow__",
    "__irshift__",
    "__isub__",
    "__itruediv__",
    "__ixor__",
];

impl Vm {
    /// `a op b` for a BINARY_OP code (in-place codes included).
    pub fn binary_op(&mut self, op: u32, a: Value, b: Value) -> PyResult<Value> {
        if a.is_small() && b.is_small() {
            let (x, y) = (a.as_small(), b.as_small());
            let r = match op % 13 {
                0 => Some(x + y),
                10 => Some(x - y),
                5 => x.checked_mul(y),
                _ => None,
            };
            if let Some(r) = r {
                return Ok(self.new_int(r));
            }
        }
        if let Some(v) = self.builtin_binop(op, a, b)? {
            return Ok(v);
        }
        let base = (op % 13) as usize;
        if op >= 13
            && let Some(m) = self.lookup_special(a, INPLACE[base])
        {
            let r = self.call_method_value(m, a, &[b])?;
            if r != self.not_implemented {
                return Ok(r);
            }
        }
        let (lname, rname) = DUNDERS[base];
        let (ta, tb) = (self.type_of(a), self.type_of(b));
        let rm = if ta != tb {
            self.lookup_special(b, rname)
        } else {
            None
        };
        if let Some(rm) = rm
            && self.is_subtype(tb, ta)
            && !self.is_subtype(ta, tb)
        {
            let r = self.call_method_value(rm, b, &[a])?;
            if r != self.not_implemented {
                return Ok(r);
            }
        }
        if let Some(lm) = self.lookup_special(a, lname)
            && (info(self.type_of(lm)).kind != Kind::BuiltinFunction || info(ta).heap)
        {
            let r = self.call_method_value(lm, a, &[b])?;
            if r != self.not_implemented {
                return Ok(r);
            }
        }
        if let Some(rm) = rm {
            let r = self.call_method_value(rm, b, &[a])?;
            if r != self.not_implemented {
                return Ok(r);
            }
        }
        let sym = BINARY_OP_NAMES[op as usize];
        let (na, nb) = (self.type_name(a), self.type_name(b));
        if sym == "**" || sym == "**=" {
            return Err(self.err(
                E::TypeError,
                format!("unsupported operand type(s) for {sym} or pow(): '{na}' and '{nb}'"),
            ));
        }
        let is_seq = |vm: &Vm, v: Value| vm.is_str(v) || vm.is_list(v) || vm.is_tuple(v);
        if (sym == "*" || sym == "*=") && (is_seq(self, a) || is_seq(self, b)) {
            // A count given by `__index__`: repeat with the int it gives.
            let (seq, count) = if is_seq(self, a) { (a, b) } else { (b, a) };
            if !self.is_int(count) && self.lookup_special(count, "__index__").is_some() {
                let n = self.call_dunder_index(count)?;
                return self.binary_op(op, seq, n);
            }
            let other = if is_seq(self, a) {
                nb.clone()
            } else {
                na.clone()
            };
            return Err(self.err(
                E::TypeError,
                format!("can't multiply sequence by non-int of type '{other}'"),
            ));
        }
        if (sym == "+" || sym == "+=") && (self.is_str(a) || self.is_list(a) || self.is_tuple(a)) {
            let msg = if self.is_str(a) {
                format!("can only concatenate str (not \"{nb}\") to str")
            } else {
                format!("can only concatenate {na} (not \"{nb}\") to {na}")
            };
            return Err(self.err(E::TypeError, msg));
        }
        Err(self.err(
            E::TypeError,
            format!("unsupported operand type(s) for {sym}: '{na}' and '{nb}'"),
        ))
    }

    /// Builtin operand combinations; None when neither is handled here.
    fn builtin_binop(&mut self, op: u32, a: Value, b: Value) -> PyResult<Option<Value>> {
        let base = op % 13;
        let (ai, bi) = (self.is_int(a), self.is_int(b));
        if ai && bi {
            return self.int_binop(base, a, b).map(Some);
        }
        let (af, bf) = (self.is_float(a), self.is_float(b));
        if (af || ai) && (bf || bi) && (af || bf) && !matches!(base, 1 | 3 | 7 | 9 | 12 | 4) {
            let x = self.num_to_f64(a).expect("number")?;
            let y = self.num_to_f64(b).expect("number")?;
            return self.float_binop(base, x, y).map(Some);
        }
        if self.is_str(a) {
            if base == 0 && self.is_str(b) {
                let s = format!("{}{}", as_str(a), as_str(b));
                return Ok(Some(self.new_str(&s)));
            }
            if base == 5 && bi {
                let n = self.index_i64(b)?.max(0) as usize;
                let s = as_str(a).repeat(n);
                return Ok(Some(self.new_str(&s)));
            }
            if base == 6 {
                return crate::objects::format::percent_format(self, a, b).map(Some);
            }
        }
        if base == 5 && ai && self.is_str(b) {
            return self.builtin_binop(op, b, a);
        }
        if self.is_list(a) {
            if base == 0 && self.is_list(b) {
                if op >= 13 {
                    let items = self.list_items(b);
                    let items: Vec<Value> = items.to_vec();
                    for v in items {
                        self.list_append(a, v);
                    }
                    return Ok(Some(a));
                }
                let mut items = self.list_items(a).to_vec();
                items.extend_from_slice(self.list_items(b));
                return Ok(Some(self.new_list(&items)));
            }
            if base == 0 && op >= 13 {
                let items = self.collect_iterable(b)?;
                for &v in self.tuple_items(items) {
                    self.list_append(a, v);
                }
                return Ok(Some(a));
            }
            if base == 5 && bi {
                let n = self.index_i64(b)?.max(0) as usize;
                let items = self.list_items(a).repeat(n);
                if op >= 13 {
                    self.list_replace(a, &items);
                    return Ok(Some(a));
                }
                return Ok(Some(self.new_list(&items)));
            }
        }
        if self.is_tuple(a) {
            if base == 0 && self.is_tuple(b) {
                let mut items = self.tuple_items(a).to_vec();
                items.extend_from_slice(self.tuple_items(b));
                return Ok(Some(self.new_tuple(&items)));
            }
            if base == 5 && bi {
                let n = self.index_i64(b)?.max(0) as usize;
                let items = self.tuple_items(a).repeat(n);
                return Ok(Some(self.new_tuple(&items)));
            }
        }
        if base == 5 && ai && (self.is_list(b) || self.is_tuple(b)) {
            return self.builtin_binop(base, b, a);
        }
        if self.is_set(a) && self.is_set(b) && matches!(base, 1 | 7 | 10 | 12) {
            return self.set_binop(base, a, b, op >= 13).map(Some);
        }
        if self.is_dict(a) && self.is_dict(b) && base == 7 {
            let d = if op >= 13 { a } else { self.dict_copy(a)? };
            self.dict_update(d, b)?;
            return Ok(Some(d));
        }
        if let Some(v) = crate::builtins::dunders::view_binop(self, op, a, b)? {
            return Ok(Some(v));
        }
        if let Some(v) = self.complex_binop(op, a, b)? {
            return Ok(Some(v));
        }
        self.bytes_binop(op, a, b)
    }

    pub fn unary_op(&mut self, op: Opcode, v: Value) -> PyResult<Value> {
        if self.is_int(v) {
            return match op {
                Opcode::UNARY_NEGATIVE => match self.to_i64(v) {
                    Some(n) if n != i64::MIN => Ok(self.new_int(-n)),
                    _ => {
                        let b = self.to_big(v).expect("int");
                        Ok(self.new_big(-b))
                    }
                },
                Opcode::UNARY_INVERT => {
                    let b = self.to_big(v).expect("int");
                    Ok(self.new_big(-b - 1))
                }
                _ => {
                    if v == self.true_ || v == self.false_ {
                        Ok(Value::small(i64::from(v == self.true_)))
                    } else {
                        Ok(v)
                    }
                }
            };
        }
        if self.is_float(v) && op != Opcode::UNARY_INVERT {
            let f = Self::float_val(v);
            return Ok(if op == Opcode::UNARY_NEGATIVE {
                self.new_float(-f)
            } else {
                v
            });
        }
        if self.is_complex(v) && op != Opcode::UNARY_INVERT {
            let (re, im) = Self::complex_parts(v);
            return Ok(if op == Opcode::UNARY_NEGATIVE {
                self.new_complex(-re, -im)
            } else {
                v
            });
        }
        let (name, sym) = match op {
            Opcode::UNARY_NEGATIVE => ("__neg__", "-"),
            Opcode::UNARY_INVERT => ("__invert__", "~"),
            _ => ("__pos__", "+"),
        };
        if let Some(r) = self.call_special(v, name, &[])? {
            return Ok(r);
        }
        let tn = self.type_name(v);
        Err(self.err(
            E::TypeError,
            format!("bad operand type for unary {sym}: '{tn}'"),
        ))
    }

    /// `a <op> b` for a COMPARE_OP code (0 <, 1 <=, 2 ==, 3 !=, 4 >, 5 >=).
    pub fn compare(&mut self, op: u32, a: Value, b: Value) -> PyResult<Value> {
        if a.is_small() && b.is_small() {
            let (x, y) = (a.as_small(), b.as_small());
            return Ok(self.bool(cmp_result(op, x.cmp(&y))));
        }
        if let Some(ord) = self.builtin_cmp(op, a, b)? {
            return Ok(ord);
        }
        const NAMES: [&str; 6] = ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"];
        const SWAPPED: [usize; 6] = [4, 5, 2, 3, 0, 1];
        let (ta, tb) = (self.type_of(a), self.type_of(b));
        let mut tried_reflected = false;
        if ta != tb && self.is_subtype(tb, ta) {
            tried_reflected = true;
            if let Some(r) = self.call_special(b, NAMES[SWAPPED[op as usize]], &[a])?
                && r != self.not_implemented
            {
                return Ok(r);
            }
        }
        if let Some(r) = self.call_special(a, NAMES[op as usize], &[b])?
            && r != self.not_implemented
        {
            return Ok(r);
        }
        if !tried_reflected
            && let Some(r) = self.call_special(b, NAMES[SWAPPED[op as usize]], &[a])?
            && r != self.not_implemented
        {
            return Ok(r);
        }
        match op {
            2 => Ok(self.bool(a == b)),
            3 => Ok(self.bool(a != b)),
            _ => {
                let sym = crate::compile::bytecode::COMPARE_OP_NAMES[op as usize];
                let (na, nb) = (self.type_name(a), self.type_name(b));
                Err(self.err(
                    E::TypeError,
                    format!("'{sym}' not supported between instances of '{na}' and '{nb}'"),
                ))
            }
        }
    }

    fn builtin_cmp(&mut self, op: u32, a: Value, b: Value) -> PyResult<Option<Value>> {
        let (ai, bi) = (self.is_int(a), self.is_int(b));
        if ai && bi {
            let o = self.int_cmp(a, b);
            return Ok(Some(self.bool(cmp_result(op, o))));
        }
        let (af, bf) = (self.is_float(a), self.is_float(b));
        if (af || ai) && (bf || bi) {
            // Exact int/float ordering (objects/float.rs); NaN is unordered.
            let r = match self.mixed_cmp(a, b) {
                Some(o) => cmp_result(op, o),
                None => op == 3,
            };
            return Ok(Some(self.bool(r)));
        }
        if self.is_str(a) && self.is_str(b) {
            let o = as_str(a).cmp(as_str(b));
            return Ok(Some(self.bool(cmp_result(op, o))));
        }
        let seq = (self.is_tuple(a) && self.is_tuple(b)) || (self.is_list(a) && self.is_list(b));
        if seq {
            // Read the items live each round: comparisons may run Python code.
            let item = |vm: &Vm, s: Value, i: usize| -> Option<Value> {
                if vm.is_tuple(s) {
                    vm.tuple_items(s).get(i).copied()
                } else {
                    vm.list_items(s).get(i).copied()
                }
            };
            let mut i = 0;
            while let (Some(x), Some(y)) = (item(self, a, i), item(self, b, i)) {
                if !self.eq(x, y)? {
                    if op == 2 {
                        return Ok(Some(self.false_));
                    }
                    if op == 3 {
                        return Ok(Some(self.true_));
                    }
                    let (x, y) = (item(self, a, i), item(self, b, i));
                    return match (x, y) {
                        (Some(x), Some(y)) => self.compare(op, x, y).map(Some),
                        _ => Ok(Some(self.false_)),
                    };
                }
                i += 1;
            }
            let la = if self.is_tuple(a) {
                self.tuple_items(a).len()
            } else {
                Self::list_len(a)
            };
            let lb = if self.is_tuple(b) {
                self.tuple_items(b).len()
            } else {
                Self::list_len(b)
            };
            return Ok(Some(self.bool(cmp_result(op, la.cmp(&lb)))));
        }
        if (op == 2 || op == 3) && self.is_dict(a) && self.is_dict(b) {
            let mut same = Self::dict_len(a) == Self::dict_len(b);
            let mut i = 0;
            while same && i < Self::dict_used(a) {
                if let Some((k, v)) = Self::dict_entry(a, i) {
                    match self.dict_get(b, k)? {
                        Some(w) => same = self.eq(v, w)?,
                        None => same = false,
                    }
                }
                i += 1;
            }
            return Ok(Some(self.bool(same == (op == 2))));
        }
        if self.is_set(a) && self.is_set(b) {
            return self.set_compare(op, a, b).map(Some);
        }
        if (op == 2 || op == 3)
            && (self.is_complex(a) || self.is_complex(b))
            && let Some(same) = self.complex_eq(a, b)?
        {
            return Ok(Some(self.bool(same == (op == 2))));
        }
        if let Some(o) = self.bytes_compare(a, b) {
            return Ok(Some(self.bool(cmp_result(op, o))));
        }
        Ok(None)
    }

    /// `a == b` as a bool.
    pub fn eq(&mut self, a: Value, b: Value) -> PyResult<bool> {
        if a == b {
            return Ok(true);
        }
        if self.is_str(a) && self.is_str(b) {
            return Ok(as_str(a) == as_str(b));
        }
        let r = self.compare(2, a, b)?;
        self.truthy(r)
    }

    /// `a < b` as a bool.
    pub fn lt(&mut self, a: Value, b: Value) -> PyResult<bool> {
        if a.is_small() && b.is_small() {
            return Ok(a.as_small() < b.as_small());
        }
        let r = self.compare(0, a, b)?;
        self.truthy(r)
    }

    /// Truth value.
    pub fn truthy(&mut self, v: Value) -> PyResult<bool> {
        if v == self.true_ {
            return Ok(true);
        }
        if v == self.false_ || v == self.none {
            return Ok(false);
        }
        if v.is_small() {
            return Ok(v.as_small() != 0);
        }
        match self.kind_of(v) {
            Kind::Int => return Ok(true),
            Kind::Float => return Ok(Self::float_val(v) != 0.0),
            Kind::Str => return Ok(v.word(1) != 0),
            Kind::Tuple => return Ok(!self.tuple_items(v).is_empty()),
            Kind::List => return Ok(Self::list_len(v) != 0),
            Kind::Dict => return Ok(Self::dict_len(v) != 0),
            Kind::Set => return Ok(Self::set_len(v) != 0),
            Kind::Range => return Ok(Self::range_len(v) != 0),
            Kind::Complex => return Ok(Self::complex_parts(v) != (0.0, 0.0)),
            Kind::Bytes | Kind::ByteArray => {
                return Ok(!self.byte_data(v).unwrap_or(&[]).is_empty());
            }
            _ => {}
        }
        if let Some(r) = self.call_special(v, "__bool__", &[])? {
            if r == self.true_ || r == self.false_ {
                return Ok(r == self.true_);
            }
            let tn = self.type_name(r);
            return Err(self.err(
                E::TypeError,
                format!("__bool__ should return bool, returned {tn}"),
            ));
        }
        if self.lookup_special(v, "__len__").is_some() {
            return Ok(self.len(v)? != 0);
        }
        Ok(true)
    }

    /// `len(v)`.
    pub fn len(&mut self, v: Value) -> PyResult<usize> {
        if v.is_ptr() {
            match self.kind_of(v) {
                Kind::Str => return Ok(crate::objects::str::char_len(v)),
                Kind::Tuple => return Ok(self.tuple_items(v).len()),
                Kind::List => return Ok(Self::list_len(v)),
                Kind::Dict => return Ok(Self::dict_len(v)),
                Kind::Set => return Ok(Self::set_len(v)),
                Kind::Range => return Ok(Self::range_len(v) as usize),
                Kind::Bytes | Kind::ByteArray => return Ok(self.byte_data(v).unwrap_or(&[]).len()),
                _ => {}
            }
            if let Some(k) = self.view_kind(v) {
                let _ = k;
                return Ok(Self::dict_len(v.get(1)));
            }
        }
        match self.call_special(v, "__len__", &[])? {
            Some(r) => {
                let n = self.index_i64(r)?;
                if n < 0 {
                    return Err(self.err(E::ValueError, "__len__() should return >= 0"));
                }
                Ok(n as usize)
            }
            None => {
                let tn = self.type_name(v);
                Err(self.err(E::TypeError, format!("object of type '{tn}' has no len()")))
            }
        }
    }

    /// `hash(v)`.
    pub fn hash(&mut self, v: Value) -> PyResult<i64> {
        if v.is_small() {
            return Ok(crate::objects::int::hash_i64(v.as_small()));
        }
        match self.kind_of(v) {
            Kind::Str => return Ok(str_hash(v)),
            Kind::Int | Kind::Bool => return Ok(self.int_hash(v)),
            Kind::Float => return Ok(float_hash(Self::float_val(v))),
            Kind::Tuple => return self.tuple_hash(v),
            Kind::List | Kind::Dict | Kind::Slice => {
                let tn = self.type_name(v);
                return Err(self.err(E::TypeError, format!("unhashable type: '{tn}'")));
            }
            Kind::Set => return self.set_hash(v),
            Kind::Range => return crate::objects::iter::range_hash(self, v),
            Kind::Complex => return Ok(Self::complex_hash(v)),
            Kind::Bytes => return Ok(Self::bytes_hash(v)),
            Kind::ByteArray => {
                return Err(self.err(E::TypeError, "unhashable type: 'bytearray'"));
            }
            _ => {}
        }
        let t = self.type_of(v);
        if info(t).heap {
            let key = self.intern("__hash__");
            match self.type_lookup(t, key) {
                Some(h) if h == self.none => {
                    let tn = self.type_name(v);
                    return Err(self.err(E::TypeError, format!("unhashable type: '{tn}'")));
                }
                Some(h) if self.type_of(h) == self.t.function => {
                    let r = self.call(h, &[v])?;
                    return match self.to_big(r) {
                        Some(_) => Ok(self.int_hash(r)),
                        None => {
                            Err(self.err(E::TypeError, "__hash__ method should return an integer"))
                        }
                    };
                }
                _ => {}
            }
        }
        // Identity hash, as CPython's (address rotated by 4 bits).
        let a = v.0 as u64;
        Ok(a.rotate_right(4) as i64)
    }

    /// `repr(v)` as Rust text.
    pub fn repr_string(&mut self, v: Value) -> PyResult<String> {
        if v.is_small() {
            return Ok(v.as_small().to_string());
        }
        if v == self.none {
            return Ok("None".into());
        }
        if v == self.true_ {
            return Ok("True".into());
        }
        if v == self.false_ {
            return Ok("False".into());
        }
        let t = self.type_of(v);
        if info(t).heap || info(t).kind == Kind::Instance {
            let key = self.intern("__repr__");
            if let Some(r) = self.type_lookup(t, key)
                && (self.type_of(r) != self.t.builtin_function || info(t).kind == Kind::Instance)
            {
                let s = self.call_method_value(r, v, &[])?;
                if !self.is_str(s) {
                    let tn = self.type_name(s);
                    return Err(self.err(
                        E::TypeError,
                        format!("__repr__ returned non-string (type {tn})"),
                    ));
                }
                return Ok(as_str(s).to_string());
            }
        }
        self.builtin_repr(v)
    }

    pub(crate) fn builtin_repr(&mut self, v: Value) -> PyResult<String> {
        if self.depth_repr > 200 {
            return Err(self.err(
                E::RecursionError,
                "maximum recursion depth exceeded while getting the repr of an object",
            ));
        }
        Ok(match self.kind_of(v) {
            Kind::Int | Kind::Bool => self.int_repr(v),
            Kind::Float => float_repr(Self::float_val(v)),
            Kind::Str => repr_text(as_str(v)),
            Kind::Tuple | Kind::List => {
                let is_list = self.is_list(v);
                if self.repr_guard_enter(v) {
                    return Ok(if is_list {
                        "[...]".into()
                    } else {
                        "(...)".into()
                    });
                }
                let items = if is_list {
                    self.list_items(v).to_vec()
                } else {
                    self.tuple_items(v).to_vec()
                };
                let keep = self.new_tuple(&items);
                let mut parts = Vec::new();
                for i in 0..items.len() {
                    let x = self.tuple_items(keep)[i];
                    match self.repr_string(x) {
                        Ok(s) => parts.push(s),
                        Err(e) => {
                            self.repr_guard_leave();
                            return Err(e);
                        }
                    }
                }
                self.repr_guard_leave();
                if is_list {
                    format!("[{}]", parts.join(", "))
                } else if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            Kind::Dict => {
                if self.repr_guard_enter(v) {
                    return Ok("{...}".into());
                }
                let mut parts = Vec::new();
                let mut i = 0;
                while i < Self::dict_used(v) {
                    if let Some((k, x)) = Self::dict_entry(v, i) {
                        let ks = self.repr_string(k);
                        let xs = self.repr_string(x);
                        match (ks, xs) {
                            (Ok(ks), Ok(xs)) => parts.push(format!("{ks}: {xs}")),
                            (Err(e), _) | (_, Err(e)) => {
                                self.repr_guard_leave();
                                return Err(e);
                            }
                        }
                    }
                    i += 1;
                }
                self.repr_guard_leave();
                format!("{{{}}}", parts.join(", "))
            }
            Kind::Set => self.set_repr(v)?,
            Kind::NoneType => "None".into(),
            Kind::NotImplementedType => "NotImplemented".into(),
            Kind::Ellipsis => "Ellipsis".into(),
            Kind::Type => {
                let name = &info(v).name;
                if info(v).heap {
                    let key = self.intern("__module__");
                    let module = self.dict_get_str(v.get(crate::objects::typeobj::T_DICT), key);
                    let qual_key = self.intern("__qualname__");
                    let qual = self
                        .dict_get_str(v.get(crate::objects::typeobj::T_DICT), qual_key)
                        .filter(|q| self.is_str(*q))
                        .map(|q| as_str(q).to_string())
                        .unwrap_or_else(|| name.clone());
                    match module {
                        Some(m) if self.is_str(m) && as_str(m) != "builtins" => {
                            format!("<class '{}.{qual}'>", as_str(m))
                        }
                        _ => format!("<class '{qual}'>"),
                    }
                } else {
                    format!("<class '{name}'>")
                }
            }
            Kind::Function => {
                let q = as_str(v.get(crate::objects::function::F_QUALNAME));
                format!("<function {q} at {:#x}>", v.0)
            }
            Kind::BuiltinFunction => {
                let def = self.builtin_def(v);
                let bound = v.get(2);
                if bound.is_null() {
                    if def.owner.is_empty() {
                        format!("<built-in function {}>", def.name)
                    } else {
                        format!("<method '{}' of '{}' objects>", def.name, def.owner)
                    }
                } else {
                    let tn = self.type_name(bound);
                    format!(
                        "<built-in method {} of {tn} object at {:#x}>",
                        def.name, bound.0
                    )
                }
            }
            Kind::Method => {
                let f = v.get(1);
                let q = if self.type_of(f) == self.t.function {
                    as_str(f.get(crate::objects::function::F_QUALNAME)).to_string()
                } else {
                    "?".into()
                };
                let s = self.repr_string(v.get(2))?;
                format!("<bound method {q} of {s}>")
            }
            Kind::Range => {
                let (a, b, c) = Self::range_parts(v);
                if c == 1 {
                    format!("range({a}, {b})")
                } else {
                    format!("range({a}, {b}, {c})")
                }
            }
            Kind::Slice => {
                let a = self.repr_string(v.get(1))?;
                let b = self.repr_string(v.get(2))?;
                let c = self.repr_string(v.get(3))?;
                format!("slice({a}, {b}, {c})")
            }
            Kind::Module => {
                let n = as_str(v.get(2));
                format!("<module '{n}'>")
            }
            Kind::Cell => format!("<cell at {:#x}>", v.0),
            Kind::Code => {
                let code = self.codes[v.get(1).as_small() as usize].clone();
                format!(
                    "<code object {} at {:#x}, file \"{}\", line {}>",
                    code.co.name, v.0, code.co.filename, code.co.first_line
                )
            }
            Kind::Iterator if self.view_kind(v).is_some() => {
                let kind = self.view_kind(v).expect("view");
                let l = self.dict_list(v.get(1), kind);
                let inner = self.repr_string(l)?;
                let name = ["dict_keys", "dict_values", "dict_items"][kind as usize];
                format!("{name}({inner})")
            }
            Kind::Complex => {
                let (re, im) = Self::complex_parts(v);
                crate::objects::complex::complex_repr(re, im)
            }
            Kind::Bytes => crate::objects::bytes::bytes_repr(self.byte_data(v).unwrap_or(&[])),
            Kind::ByteArray => format!(
                "bytearray({})",
                crate::objects::bytes::bytes_repr(self.byte_data(v).unwrap_or(&[]))
            ),
            Kind::Coroutine => {
                let n = self.coroutine_name(v);
                let what = if self.is_coroutine(v) {
                    "coroutine"
                } else {
                    "async_generator"
                };
                format!("<{what} object {n} at {:#x}>", v.0)
            }
            Kind::Object if self.type_of(v) == self.lang().member_descriptor => {
                crate::objects::classes::member_repr(v)
            }
            Kind::Iterator if self.type_of(v) == self.t.generator => {
                let n = self.generator_name(v);
                format!("<generator object {n} at {:#x}>", v.0)
            }
            Kind::Instance if self.is_exception(v) => {
                let args = self.instance_get(v, "args").unwrap_or(self.empty_tuple);
                let tn = self.type_name(v);
                if self.is_tuple(args) && self.tuple_items(args).len() == 1 {
                    let a = self.tuple_items(args)[0];
                    let r = self.repr_string(a)?;
                    format!("{tn}({r})")
                } else {
                    let r = self.repr_string(args)?;
                    if self.is_tuple(args) {
                        format!("{tn}{r}")
                    } else {
                        format!("{tn}({r})")
                    }
                }
            }
            _ => {
                let t = self.type_of(v);
                let tn = info(t).name.clone();
                let module = if info(t).heap {
                    let key = self.intern("__module__");
                    self.dict_get_str(t.get(crate::objects::typeobj::T_DICT), key)
                        .filter(|m| self.is_str(*m))
                        .map(|m| format!("{}.", as_str(m)))
                        .unwrap_or_default()
                } else {
                    String::new()
                };
                format!("<{module}{tn} object at {:#x}>", v.0)
            }
        })
    }

    fn repr_guard_enter(&mut self, v: Value) -> bool {
        if self.repr_stack.as_slice().contains(&v) {
            return true;
        }
        self.repr_stack.push(v);
        self.depth_repr += 1;
        false
    }

    fn repr_guard_leave(&mut self) {
        self.repr_stack.pop();
        self.depth_repr -= 1;
    }

    /// `str(v)` as a str value.
    pub fn str_of(&mut self, v: Value) -> PyResult<Value> {
        if self.is_str(v) {
            return Ok(v);
        }
        let t = self.type_of(v);
        if info(t).heap || info(t).kind == Kind::Instance {
            let key = self.intern("__str__");
            if let Some(m) = self.type_lookup(t, key)
                && self.type_of(m) == self.t.function
            {
                let s = self.call_method_value(m, v, &[])?;
                if !self.is_str(s) {
                    let tn = self.type_name(s);
                    return Err(self.err(
                        E::TypeError,
                        format!("__str__ returned non-string (type {tn})"),
                    ));
                }
                return Ok(s);
            }
            if (self.is_exception_group(v) || self.exc_matches(v, E::SyntaxError))
                && let Some(s) = self.call_special(v, "__str__", &[])?
            {
                return Ok(s);
            }
            if self.is_exception(v) {
                let args = self.instance_get(v, "args").unwrap_or(self.empty_tuple);
                if self.is_tuple(args) {
                    let items = self.tuple_items(args);
                    return match items.len() {
                        0 => Ok(self.intern("")),
                        1 if self.exc_matches(v, E::KeyError) => {
                            let r = self.repr_string(items[0])?;
                            Ok(self.new_str(&r))
                        }
                        1 => self.str_of(items[0]),
                        _ => {
                            let r = self.repr_string(args)?;
                            Ok(self.new_str(&r))
                        }
                    };
                }
            }
        }
        let r = self.repr_string(v)?;
        Ok(self.new_str(&r))
    }

    pub fn str_string(&mut self, v: Value) -> PyResult<String> {
        let s = self.str_of(v)?;
        Ok(as_str(s).to_string())
    }

    /// A sequence index normalized against `len`, or IndexError.
    fn seq_index(&mut self, k: Value, len: usize, what: &str) -> PyResult<usize> {
        let i = if k.is_small() {
            k.as_small()
        } else if self.is_int(k) {
            // True/False index as 1/0; a big int does not fit an index.
            match self.to_i64(k) {
                Some(i) => i,
                None => {
                    return Err(self.err(
                        E::IndexError,
                        "cannot fit 'int' into an index-sized integer",
                    ));
                }
            }
        } else if self.lookup_special(k, "__index__").is_some() {
            self.index_i64(k)?
        } else {
            // `del l["a"]` and `l["a"] = v` say "list indices" too.
            let kind = what.strip_suffix(" assignment").unwrap_or(what);
            let tn = self.type_name(k);
            return Err(self.err(
                E::TypeError,
                format!("{kind} indices must be integers or slices, not {tn}"),
            ));
        };
        let j = if i < 0 { i + len as i64 } else { i };
        if j < 0 || j >= len as i64 {
            return Err(self.err(E::IndexError, format!("{what} index out of range")));
        }
        Ok(j as usize)
    }

    /// `c[k]`.
    pub fn getitem(&mut self, c: Value, k: Value) -> PyResult<Value> {
        if c.is_ptr() {
            let is_slice = k.is_ptr() && k.raw_type() == self.t.slice;
            match self.kind_of(c) {
                Kind::List => {
                    if is_slice {
                        let (start, _, step, count) =
                            self.slice_indices(k, Self::list_len(c) as i64)?;
                        let items: Vec<Value> = (0..count)
                            .map(|i| Self::list_get(c, (start + i * step) as usize))
                            .collect();
                        return Ok(self.new_list(&items));
                    }
                    let i = self.seq_index(k, Self::list_len(c), "list")?;
                    return Ok(Self::list_get(c, i));
                }
                Kind::Tuple => {
                    let items = self.tuple_items(c);
                    if is_slice {
                        let (start, _, step, count) = self.slice_indices(k, items.len() as i64)?;
                        let items = self.tuple_items(c);
                        let out: Vec<Value> = (0..count)
                            .map(|i| items[(start + i * step) as usize])
                            .collect();
                        return Ok(self.new_tuple(&out));
                    }
                    let i = self.seq_index(k, items.len(), "tuple")?;
                    return Ok(self.tuple_items(c)[i]);
                }
                Kind::Str => {
                    let n = crate::objects::str::char_len(c);
                    if is_slice {
                        let (start, stop, step, _) = self.slice_indices(k, n as i64)?;
                        return Ok(self.str_slice(c, start, stop, step));
                    }
                    let i = self.seq_index(k, n, "string")?;
                    return Ok(self.str_char_at(c, i));
                }
                Kind::Dict => {
                    if let Some(v) = self.dict_get(c, k)? {
                        return Ok(v);
                    }
                    if self.type_of(c) != self.t.dict
                        && let Some(r) = self.call_special(c, "__missing__", &[k])?
                    {
                        return Ok(r);
                    }
                    return Err(self.key_error(k));
                }
                Kind::Range => {
                    let (start, _, step) = Self::range_parts(c);
                    let len = Self::range_len(c);
                    if is_slice {
                        let (a, b, s, _) = self.slice_indices(k, len)?;
                        return Ok(self.new_range(start + a * step, start + b * step, step * s));
                    }
                    let i = self.seq_index(k, len as usize, "range object")?;
                    return Ok(Value::small(start + i as i64 * step));
                }
                Kind::Bytes | Kind::ByteArray => return self.bytes_getitem(c, k),
                Kind::Type => {
                    // A metaclass's __getitem__ first (enum's `Color['RED']`).
                    if crate::objects::typeobj::info(self.type_of(c)).heap
                        && let Some(r) = self.call_special(c, "__getitem__", &[k])?
                    {
                        return Ok(r);
                    }
                    // `list[int]` and friends: generic aliases are not modelled; give the type back.
                    if let Some(r) = self.lookup_attr(c, "__class_getitem__")? {
                        return self.call(r, &[k]);
                    }
                    return Ok(c);
                }
                _ => {}
            }
        }
        if let Some(r) = self.call_special(c, "__getitem__", &[k])? {
            return Ok(r);
        }
        let tn = self.type_name(c);
        Err(self.err(E::TypeError, format!("'{tn}' object is not subscriptable")))
    }

    /// `c[k] = v`.
    pub fn setitem(&mut self, c: Value, k: Value, v: Value) -> PyResult<()> {
        if c.is_ptr() {
            match self.kind_of(c) {
                Kind::List => {
                    if k.is_ptr() && k.raw_type() == self.t.slice {
                        let (start, stop, step, count) =
                            self.slice_indices(k, Self::list_len(c) as i64)?;
                        let new = match self.collect_iterable(v) {
                            Ok(n) => n,
                            Err(e) if self.exc_matches(e.0, E::TypeError) => {
                                return Err(self.err(E::TypeError, "can only assign an iterable"));
                            }
                            Err(e) => return Err(e),
                        };
                        let new_items = self.tuple_items(new).to_vec();
                        if step == 1 {
                            let mut items = self.list_items(c).to_vec();
                            let stop = stop.max(start) as usize;
                            items.splice(start as usize..stop, new_items);
                            self.list_replace(c, &items);
                            return Ok(());
                        }
                        if new_items.len() as i64 != count {
                            return Err(self.err(
                                E::ValueError,
                                format!("attempt to assign sequence of size {} to extended slice of size {count}", new_items.len()),
                            ));
                        }
                        for (i, x) in new_items.into_iter().enumerate() {
                            Self::list_set(c, (start + i as i64 * step) as usize, x);
                        }
                        return Ok(());
                    }
                    let i = self.seq_index(k, Self::list_len(c), "list assignment")?;
                    Self::list_set(c, i, v);
                    return Ok(());
                }
                Kind::Dict => return self.dict_set(c, k, v),
                Kind::ByteArray | Kind::Bytes => return self.bytearray_setitem(c, k, v),
                _ => {}
            }
        }
        if self.call_special(c, "__setitem__", &[k, v])?.is_some() {
            return Ok(());
        }
        let tn = self.type_name(c);
        Err(self.err(
            E::TypeError,
            format!("'{tn}' object does not support item assignment"),
        ))
    }

    /// `del c[k]`.
    pub fn delitem(&mut self, c: Value, k: Value) -> PyResult<()> {
        if c.is_ptr() {
            match self.kind_of(c) {
                Kind::List => {
                    if k.is_ptr() && k.raw_type() == self.t.slice {
                        let (start, _, step, count) =
                            self.slice_indices(k, Self::list_len(c) as i64)?;
                        let mut idx: Vec<usize> =
                            (0..count).map(|i| (start + i * step) as usize).collect();
                        idx.sort_unstable();
                        for i in idx.into_iter().rev() {
                            Self::list_remove_at(c, i);
                        }
                        return Ok(());
                    }
                    let i = self.seq_index(k, Self::list_len(c), "list assignment")?;
                    Self::list_remove_at(c, i);
                    return Ok(());
                }
                Kind::Dict => {
                    return match self.dict_del(c, k)? {
                        Some(_) => Ok(()),
                        None => Err(self.key_error(k)),
                    };
                }
                Kind::ByteArray | Kind::Bytes => {
                    return self.bytearray_setitem(c, k, Value::NULL);
                }
                _ => {}
            }
        }
        if self.call_special(c, "__delitem__", &[k])?.is_some() {
            return Ok(());
        }
        let tn = self.type_name(c);
        Err(self.err(
            E::TypeError,
            format!("'{tn}' object does not support item deletion"),
        ))
    }

    /// `item in c`.
    pub fn contains(&mut self, c: Value, item: Value) -> PyResult<bool> {
        if c.is_ptr() {
            match self.kind_of(c) {
                Kind::Str => {
                    if !self.is_str(item) {
                        let tn = self.type_name(item);
                        return Err(self.err(
                            E::TypeError,
                            format!("'in <string>' requires string as left operand, not {tn}"),
                        ));
                    }
                    return Ok(as_str(c).contains(as_str(item)));
                }
                Kind::Dict => return Ok(self.dict_get(c, item)?.is_some()),
                Kind::Set => return self.set_contains(c, item),
                Kind::Bytes | Kind::ByteArray => return self.bytes_contains(c, item),
                Kind::List | Kind::Tuple => {
                    let mut i = 0;
                    loop {
                        let x = if self.is_list(c) {
                            if i >= Self::list_len(c) {
                                return Ok(false);
                            }
                            Self::list_get(c, i)
                        } else {
                            match self.tuple_items(c).get(i) {
                                Some(&x) => x,
                                None => return Ok(false),
                            }
                        };
                        if self.eq(x, item)? {
                            return Ok(true);
                        }
                        i += 1;
                    }
                }
                Kind::Range => {
                    if let Some(n) = self.to_i64(item) {
                        let (start, stop, step) = Self::range_parts(c);
                        let inside = if step > 0 {
                            n >= start && n < stop
                        } else {
                            n <= start && n > stop
                        };
                        return Ok(inside && (n - start) % step == 0);
                    }
                }
                _ => {
                    if let Some(k) = self.view_kind(c) {
                        let d = c.get(1);
                        if k == 0 {
                            return Ok(self.dict_get(d, item)?.is_some());
                        }
                    }
                }
            }
        }
        if let Some(r) = self.call_special(c, "__contains__", &[item])? {
            return self.truthy(r);
        }
        let it = match self.iter(c) {
            Ok(it) => it,
            Err(e) if self.exc_matches(e.0, E::TypeError) => {
                let tn = self.type_name(c);
                return Err(self.err(
                    E::TypeError,
                    format!("argument of type '{tn}' is not iterable"),
                ));
            }
            Err(e) => return Err(e),
        };
        while let Some(x) = self.next(it)? {
            if self.eq(x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `format(v, spec)`.
    pub fn format(&mut self, v: Value, spec: Value) -> PyResult<Value> {
        let t = self.type_of(v);
        if info(t).heap
            && let Some(r) = self.call_special(v, "__format__", &[spec])?
        {
            if !self.is_str(r) {
                let tn = self.type_name(r);
                return Err(self.err(
                    E::TypeError,
                    format!("__format__ must return a str, not {tn}"),
                ));
            }
            return Ok(r);
        }
        if self.is_complex(v) && self.is_str(spec) {
            return crate::objects::complex::complex_format(self, v, as_str(spec));
        }
        crate::objects::format::format_builtin(self, v, as_str(spec))
    }
}

fn cmp_result(op: u32, o: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        0 => o == Less,
        1 => o != Greater,
        2 => o == Equal,
        3 => o != Equal,
        4 => o == Greater,
        _ => o != Less,
    }
}
