//! Handlers for operators, containers, formatting, unpacking, jumps and
//! iteration.

use super::VOps;
use crate::compile::bytecode::Opcode;
use crate::objects::Value;
use crate::objects::exceptions::E;
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
