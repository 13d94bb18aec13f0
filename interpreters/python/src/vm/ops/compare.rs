//! Rich comparisons: builtin orderings first, then `__eq__`/`__lt__`...
//! with the reflected fallback and identity for `==`/`!=`.

use crate::objects::Value;
use crate::objects::exceptions::E;
use crate::objects::str::as_str;
use crate::vm::{PyResult, Vm};

impl Vm {
    /// `a <op> b` for a COMPARE_OP code (0 <, 1 <=, 2 ==, 3 !=, 4 >, 5 >=).
    pub fn compare(&mut self, op: u32, a: Value, b: Value) -> PyResult<Value> {
        if a.is_small() && b.is_small() {
            let (x, y) = (a.as_small(), b.as_small());
            return Ok(self.bool(cmp_result(op, x.cmp(&y))));
        }
        if Self::any_value_sub(a, b) {
            return self.subclass_compare(op, a, b);
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
        self.compare_fallback(op, a, b)
    }

    /// `a <op> b` when neither operand supports it: identity for `==` and
    /// `!=`, else TypeError.
    pub(super) fn compare_fallback(&mut self, op: u32, a: Value, b: Value) -> PyResult<Value> {
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

    pub(crate) fn builtin_cmp(&mut self, op: u32, a: Value, b: Value) -> PyResult<Option<Value>> {
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
        if self.is_exact_str(a) && self.is_exact_str(b) {
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
