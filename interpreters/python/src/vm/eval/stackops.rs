//! Handlers for operators, containers, formatting, unpacking, jumps and
//! iteration.

use super::VOps;
use crate::compile::bytecode::Opcode;
use crate::objects::Value;
use crate::objects::exceptions::E;
use crate::objects::str::as_str;
use crate::vm::{PyErr, PyResult, Vm};
use retrace::Ops;

/// The top `n` operands, bottom first (they stay on the stack, rooted).
#[inline]
pub(crate) fn top_n<O: Ops>(o: &mut O, n: usize) -> Vec<Value> {
    let h = o.height();
    (h - n..h).map(|i| o.localv(i)).collect()
}

/// Drop `n` operands.
#[inline(always)]
pub(crate) fn drop_n<O: Ops>(o: &mut O, n: usize) {
    let h = o.height();
    o.truncate(h - n);
}

impl Vm {
    pub(crate) fn unsupported(&mut self, op: Opcode) -> PyErr {
        self.err(
            E::SystemError,
            format!("opcode {} is not supported by the VM yet", op.name()),
        )
    }

    pub(super) fn retype_star_error(&mut self, e: PyErr, v: Value) -> PyErr {
        if self.exc_matches(e.0, E::TypeError) && self.lookup_special(v, "__iter__").is_none() {
            let tn = self.type_name(v);
            return self.err(
                E::TypeError,
                format!("Value after * must be an iterable, not {tn}"),
            );
        }
        e
    }

    /// How a call's error messages name the callable, as CPython's
    /// `_PyObject_FunctionStr`: `module.qualname()`, just `qualname()` for
    /// builtins, and `str(f)` when there is no `__qualname__`.
    pub(super) fn callable_display(&mut self, callable: Value) -> PyResult<String> {
        // A bound method is named by its function.
        let callable = if callable.is_ptr() && callable.raw_type() == self.t.method {
            callable.get(1)
        } else {
            callable
        };
        // Builtin functions here have a __name__ but no __qualname__.
        let name = match self.lookup_attr(callable, "__qualname__")? {
            Some(q) if self.is_str(q) => Some(q),
            _ => self.lookup_attr(callable, "__name__")?,
        };
        let qualname = match name {
            Some(q) if self.is_str(q) => as_str(q).to_owned(),
            _ => {
                let s = self.str_of(callable)?;
                return Ok(as_str(s).to_owned());
            }
        };
        match self.lookup_attr(callable, "__module__")? {
            Some(m) if self.is_str(m) && as_str(m) != "builtins" => {
                Ok(format!("{}.{qualname}()", as_str(m)))
            }
            _ => Ok(format!("{qualname}()")),
        }
    }

    /// CALL_FUNCTION_EX's check of a non-tuple `*` argument, done before it
    /// is iterated: neither `__iter__` nor `__getitem__` is a TypeError
    /// that names the callable.
    pub(super) fn check_star_args(&mut self, callable: Value, args: Value) -> PyResult<()> {
        if self.lookup_special(args, "__iter__").is_some()
            || self.lookup_special(args, "__getitem__").is_some()
        {
            return Ok(());
        }
        let func = self.callable_display(callable)?;
        let tn = self.type_name(args);
        Err(self.err(
            E::TypeError,
            format!("{func} argument after * must be an iterable, not {tn}"),
        ))
    }

    /// DICT_MERGE: `**update` into the keyword dict of a call to
    /// `callable`. Unlike `dict.update`, a key already there is an error.
    pub(super) fn merge_call_kwargs(
        &mut self,
        callable: Value,
        target: Value,
        update: Value,
    ) -> PyResult<()> {
        let pairs: Vec<(Value, Value)> = if self.is_dict(update) {
            (0..Self::dict_used(update))
                .filter_map(|i| Self::dict_entry(update, i))
                .collect()
        } else if let Some(keys) = self.lookup_attr(update, "keys")? {
            let keys = self.call(keys, &[])?;
            let keys = self.collect_iterable(keys)?;
            let mut pairs = Vec::new();
            for k in self.tuple_items(keys).to_vec() {
                let v = self.getitem(update, k)?;
                pairs.push((k, v));
            }
            pairs
        } else {
            let func = self.callable_display(callable)?;
            let tn = self.type_name(update);
            return Err(self.err(
                E::TypeError,
                format!("{func} argument after ** must be a mapping, not {tn}"),
            ));
        };
        for (k, v) in pairs {
            if self.dict_get(target, k)?.is_some() {
                let func = self.callable_display(callable)?;
                let key = self.str_of(k)?;
                return Err(self.err(
                    E::TypeError,
                    format!(
                        "{func} got multiple values for keyword argument '{}'",
                        as_str(key)
                    ),
                ));
            }
            self.dict_set(target, k, v)?;
        }
        Ok(())
    }

    pub(super) fn retype_unpack_error(&mut self, e: PyErr, v: Value) -> PyErr {
        if self.exc_matches(e.0, E::TypeError)
            && self.lookup_special(v, "__iter__").is_none()
            && !self.is_str(v)
        {
            let tn = self.type_name(v);
            return self.err(
                E::TypeError,
                format!("cannot unpack non-iterable {tn} object"),
            );
        }
        e
    }

    /// Exactly `n` items of `v`, as a tuple.
    pub(super) fn unpack(&mut self, v: Value, n: usize) -> PyResult<Value> {
        let items = if self.is_tuple(v) {
            v
        } else {
            self.collect_iterable(v)
                .map_err(|e| self.retype_unpack_error(e, v))?
        };
        let got = self.tuple_items(items).len();
        if got > n {
            return Err(self.err(
                E::ValueError,
                format!("too many values to unpack (expected {n})"),
            ));
        }
        if got < n {
            return Err(self.err(
                E::ValueError,
                format!("not enough values to unpack (expected {n}, got {got})"),
            ));
        }
        Ok(items)
    }
}
