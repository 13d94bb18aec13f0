//! Handlers for locals, cells, globals, names and attributes.

use super::{H_GLOBALS, H_LOCALS, VOps};
use crate::objects::Value;
use crate::objects::exceptions::E;
use crate::objects::str::as_str;
use crate::vm::{CodeRt, PyErr, Vm};
use retrace::Ops;

impl Vm {
    pub(super) fn name_error(&mut self, name: Value) -> PyErr {
        let n = as_str(name);
        self.err(E::NameError, format!("name '{n}' is not defined"))
    }

    pub(super) fn unbound_local(&mut self, code: &CodeRt, i: usize) -> PyErr {
        let n = &code.co.varnames[i];
        self.err(
            E::UnboundLocalError,
            format!("cannot access local variable '{n}' where it is not associated with a value"),
        )
    }

    /// The dict `STORE_NAME` and friends use: the frame's locals dict, else
    /// its globals.
    #[inline]
    pub(super) fn name_target<O: Ops>(o: &mut O) -> Value {
        let locals = o.localv(H_LOCALS);
        if locals.is_null() {
            o.localv(H_GLOBALS)
        } else {
            locals
        }
    }
}
