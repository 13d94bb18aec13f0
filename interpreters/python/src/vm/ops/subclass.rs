//! Operators on instances of class-statement subclasses of str, int, float,
//! tuple and bytes ("value subclasses", see objects/classes.rs).
//!
//! Such an instance has its base's representation, so the builtin fast
//! paths would handle it; but a special method the class defines in Python
//! must win over the builtin operation (`class I(int): def __add__`). Each
//! operator therefore sends value subclass operands here first: the
//! classes' own (non-builtin) dunders run in CPython's order, and the
//! builtin operation runs when there is none or it returns NotImplemented.
//! Builtin dunders called explicitly (`super().__add__(x)`,
//! `int.__add__(i, x)`) run on exact copies of the values (see
//! builtins/dunders.rs), so they never come back to the class's override.

use super::arith::{DUNDERS, INPLACE};
use crate::objects::Value;
use crate::objects::classes::is_value_subclass_instance as is_value_sub;
use crate::vm::{PyResult, Vm};

impl Vm {
    /// `v`'s special method `name` when its class (or a base written in
    /// Python) defines it: builtin methods of the base type are not given.
    pub(crate) fn user_special(&mut self, v: Value, name: &str) -> Option<Value> {
        let m = self.lookup_special(v, name)?;
        let builtin = self.type_of(m) == self.t.builtin_function
            || (self.type_of(m) == self.t.staticmethod
                && self.type_of(m.get(1)) == self.t.builtin_function);
        (!builtin).then_some(m)
    }

    /// Is either operand a value subclass instance (the operators' test)?
    #[inline]
    pub(crate) fn any_value_sub(a: Value, b: Value) -> bool {
        is_value_sub(a) || is_value_sub(b)
    }

    /// Call `m` (a class attribute) on `obj`; None for NotImplemented.
    fn try_dunder(&mut self, m: Value, obj: Value, args: &[Value]) -> PyResult<Option<Value>> {
        let r = self.call_method_value(m, obj, args)?;
        Ok((r != self.not_implemented).then_some(r))
    }

    /// `a op b` (a BINARY_OP code) with a value subclass operand.
    pub(super) fn subclass_binop(&mut self, op: u32, a: Value, b: Value) -> PyResult<Value> {
        let base = (op % 13) as usize;
        if op >= 13
            && let Some(m) = self.user_special(a, INPLACE[base])
            && let Some(r) = self.try_dunder(m, a, &[b])?
        {
            return Ok(r);
        }
        let (lname, rname) = DUNDERS[base];
        let (ta, tb) = (self.type_of(a), self.type_of(b));
        let rm = if ta != tb {
            self.user_special(b, rname)
        } else {
            None
        };
        let mut reflected_done = false;
        if let Some(rm) = rm
            && self.is_subtype(tb, ta)
        {
            reflected_done = true;
            if let Some(r) = self.try_dunder(rm, b, &[a])? {
                return Ok(r);
            }
        }
        if let Some(lm) = self.user_special(a, lname)
            && let Some(r) = self.try_dunder(lm, a, &[b])?
        {
            return Ok(r);
        }
        // The left type's builtin method gives NotImplemented for an operand
        // it does not take (int / float): the right's reflected method runs.
        if !reflected_done
            && let Some(rm) = rm
            && !self.left_builtin_accepts(base as u32, a, b)
        {
            reflected_done = true;
            if let Some(r) = self.try_dunder(rm, b, &[a])? {
                return Ok(r);
            }
        }
        if let Some(v) = self.builtin_binop(op, a, b)? {
            return Ok(v);
        }
        if !reflected_done
            && let Some(rm) = rm
            && let Some(r) = self.try_dunder(rm, b, &[a])?
        {
            return Ok(r);
        }
        self.binop_error(op, a, b)
    }

    /// Does the builtin binary method of `a`'s type take `b` (for operation
    /// `base`, a BINARY_OP code below 13)?
    fn left_builtin_accepts(&self, base: u32, a: Value, b: Value) -> bool {
        use crate::objects::Kind::*;
        let kind = |vm: &Vm, v: Value| if v.is_small() { Int } else { vm.kind_of(v) };
        match (kind(self, a), kind(self, b)) {
            (Int | Bool, Int | Bool) | (Float, Int | Bool | Float) => true,
            (Str | Tuple | List | Bytes, Int | Bool) => base == 5,
            (Str | Bytes, _) if base == 6 => true,
            (x, y) => x == y,
        }
    }

    /// `a <op> b` (a COMPARE_OP code) with a value subclass operand.
    pub(super) fn subclass_compare(&mut self, op: u32, a: Value, b: Value) -> PyResult<Value> {
        const NAMES: [&str; 6] = ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"];
        const SWAPPED: [usize; 6] = [4, 5, 2, 3, 0, 1];
        let (ta, tb) = (self.type_of(a), self.type_of(b));
        let rname = NAMES[SWAPPED[op as usize]];
        let mut reflected_done = false;
        if ta != tb && self.is_subtype(tb, ta) {
            reflected_done = true;
            if let Some(m) = self.user_special(b, rname)
                && let Some(r) = self.try_dunder(m, b, &[a])?
            {
                return Ok(r);
            }
        }
        if let Some(m) = self.user_special(a, NAMES[op as usize])
            && let Some(r) = self.try_dunder(m, a, &[b])?
        {
            return Ok(r);
        }
        if let Some(r) = self.builtin_cmp(op, a, b)? {
            return Ok(r);
        }
        if !reflected_done
            && let Some(m) = self.user_special(b, rname)
            && let Some(r) = self.try_dunder(m, b, &[a])?
        {
            return Ok(r);
        }
        self.compare_fallback(op, a, b)
    }

    /// Truth of a value subclass instance, in CPython's order: the class's
    /// `__bool__`, else int's and float's own truth, else the class's
    /// `__len__`, else the length of the str/tuple/bytes.
    pub(super) fn subclass_truthy(&mut self, v: Value) -> PyResult<bool> {
        use crate::objects::Kind;
        if let Some(m) = self.user_special(v, "__bool__") {
            let r = self.call_method_value(m, v, &[])?;
            if r == self.true_ || r == self.false_ {
                return Ok(r == self.true_);
            }
            let tn = self.type_name(r);
            return Err(self.err(
                crate::objects::exceptions::E::TypeError,
                format!("__bool__ should return bool, returned {tn}"),
            ));
        }
        Ok(match self.kind_of(v) {
            Kind::Int => self.to_big(v).is_some_and(|b| b != dashu_int::IBig::ZERO),
            Kind::Float => Self::float_val(v) != 0.0,
            // `len` runs the class's __len__ when it has one.
            _ => self.len(v)? != 0,
        })
    }

    /// The builtin `__str__` `str()` uses for an instance of the value
    /// subclass `t`: str's and bytes' own, or one a class statement's dict
    /// holds (set by Python code); None when CPython would fall back to the
    /// repr (int, float and tuple have no `__str__` of their own).
    pub(super) fn builtin_str_method(&mut self, t: Value) -> Option<Value> {
        use crate::objects::typeobj::{T_DICT, T_MRO, info};
        let key = self.intern("__str__");
        let mro = t.get(T_MRO);
        for i in 0..self.tuple_items(mro).len() {
            let k = self.tuple_items(mro)[i];
            let Some(m) = self.dict_get_str(k.get(T_DICT), key) else {
                continue;
            };
            if self.type_of(m) != self.t.builtin_function {
                return None;
            }
            let owner = self.builtin_def(m).owner;
            let own = matches!(owner, "str" | "bytes");
            return (info(k).heap && owner != "object" || own).then_some(m);
        }
        None
    }

    /// Does `v`'s class define `name` itself, so the operator must not
    /// take its builtin fast path?
    #[inline]
    pub(crate) fn overrides(&mut self, v: Value, name: &str) -> bool {
        is_value_sub(v) && self.user_special(v, name).is_some()
    }
}
