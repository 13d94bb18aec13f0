//! What natives see of the Python frames that called them.
//!
//! A few builtins read their caller's frame: `globals()`, `locals()`,
//! `vars()`, `dir()`, `super()` without arguments, `exec`/`eval` defaults,
//! `sys._getframe` and `__import__`'s globals. They never index the frame
//! stack themselves: they go through the accessors here, so that where the
//! frames live (the VM's own frame stack, or the framework's `Frames` owned
//! by a running dispatch loop) is one module's business.
//!
//! [`FrameView`] is a copy of one frame's position, its header values and
//! its slots (locals, then cells, then frees). The slot values stay rooted
//! while the native runs: the frame they were copied from is still on its
//! stack below the call.

use super::Vm;
use crate::objects::Value;

/// A copy of one Python frame, as a frame-reading native needs it.
#[derive(Clone, Debug)]
pub struct FrameView {
    /// Index of the running code in `vm.codes`.
    pub code: u32,
    /// The instruction after the one running.
    pub pc: u32,
    pub globals: Value,
    /// The locals dict of module and class bodies, or NULL.
    pub locals: Value,
    /// The function running, or NULL for module and class bodies.
    pub func: Value,
    /// Locals, then cells, then frees.
    pub slots: Vec<Value>,
}

impl FrameView {
    /// The dict `STORE_NAME` writes to: the locals dict, else the globals.
    pub fn name_dict(&self) -> Value {
        if self.locals.is_null() {
            self.globals
        } else {
            self.locals
        }
    }
}

impl Vm {
    /// The globals of the running Python frame, or NULL outside any.
    pub fn current_globals(&self) -> Value {
        self.frames.last().map_or(Value::NULL, |f| f.globals)
    }

    /// How many Python frames are running (the innermost counts as one).
    pub fn frame_count(&self) -> usize {
        self.frames.len()
    }

    /// The running Python frame (`depth` 0) or its `depth`-th caller.
    pub fn frame_view(&self, depth: usize) -> Option<FrameView> {
        let n = self.frames.len();
        if depth >= n {
            return None;
        }
        let f = self.frames[n - 1 - depth];
        let base = f.base as usize;
        let code = &self.codes[f.code as usize];
        let nslots = code.nlocals + code.ncells + code.nfree;
        let slots = self.stack.as_slice()[base..base + nslots].to_vec();
        Some(FrameView {
            code: f.code,
            pc: f.pc,
            globals: f.globals,
            locals: f.locals,
            func: f.func,
            slots,
        })
    }
}

impl Vm {
    /// `locals()` of the running frame: its locals dict (module and class
    /// bodies), else a new dict of its bound local variables.
    pub fn current_locals(&mut self) -> crate::vm::PyResult<Value> {
        let Some(f) = self.frame_view(0) else {
            return Ok(self.new_dict());
        };
        if !f.locals.is_null() {
            return Ok(f.locals);
        }
        let code = self.codes[f.code as usize].clone();
        let d = self.new_dict();
        for (i, name) in code.co.varnames.iter().enumerate() {
            let v = f.slots[i];
            if !v.is_null() {
                let k = self.intern(name);
                self.dict_set(d, k, v)?;
            }
        }
        Ok(d)
    }
}
