//! Binary and unary operators: builtin fast paths for ints, floats,
//! strs and sequences, then the dunder protocol (reflected operands first
//! when the right type is a subclass of the left, NotImplemented, the
//! in-place forms).

use crate::compile::bytecode::{BINARY_OP_NAMES, Opcode};
use crate::objects::exceptions::E;
use crate::objects::str::as_str;
use crate::objects::typeobj::info;
use crate::objects::{Kind, Value};
use crate::vm::{PyResult, Vm};

pub(super) const DUNDERS: [(&str, &str); 13] = [
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
pub(super) const INPLACE: [&str; 13] = [
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
        if Self::any_value_sub(a, b) {
            return self.subclass_binop(op, a, b);
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
        self.binop_error(op, a, b)
    }

    /// The TypeError of `a op b` when no operand supports it (a count
    /// given by `__index__` still repeats a sequence).
    pub(super) fn binop_error(&mut self, op: u32, a: Value, b: Value) -> PyResult<Value> {
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
    pub(crate) fn builtin_binop(&mut self, op: u32, a: Value, b: Value) -> PyResult<Option<Value>> {
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
        if crate::objects::classes::is_value_subclass_instance(v) {
            let name = match op {
                Opcode::UNARY_NEGATIVE => "__neg__",
                Opcode::UNARY_POSITIVE => "__pos__",
                _ => "__invert__",
            };
            if let Some(m) = self.user_special(v, name) {
                return self.call_method_value(m, v, &[]);
            }
        }
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
}
