//! What natives see of the Python frames that called them.
//!
//! A few builtins read their caller's frame: `globals()`, `locals()`,
//! `vars()`, `dir()`, `super()` without arguments, `exec`/`eval` defaults,
//! `sys._getframe` and `__import__`'s globals. The frames live in the
//! framework's `Frames`, which the running dispatch loop owns, so natives
//! read what the CALL handler left for them (vm/eval/calls.rs): the
//! caller's globals (`vm.globals_now`, set at every native call), and for
//! the builtins named in [`FRAME_AWARE`] and `super`, a snapshot of the
//! running frames taken through `o` before the call (`vm.frame_views`,
//! innermost first, restored after it). A snapshot covers the frames of the
//! dispatch loop that made the call, plus those of an enclosing
//! frame-aware call's snapshot; frames of outer loops that a plain native
//! call left behind are not in it (`sys._getframe(n)` cannot reach them).
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

/// Builtins that read their caller's frame (module functions and builtins,
/// no owning type): a call of one of them takes a [`FrameView`] snapshot
/// of the running frames first.
const FRAME_AWARE: &[&str] = &["locals", "vars", "dir", "exec", "eval", "_getframe"];

impl Vm {
    /// The globals of the Python frame that made the running native call
    /// (set by every call from bytecode), or NULL outside any.
    pub fn current_globals(&self) -> Value {
        self.globals_now
    }

    /// How many Python frames the snapshot of the running frame-aware call
    /// holds (the innermost counts as one).
    pub fn frame_count(&self) -> usize {
        self.frame_views.len()
    }

    /// The calling Python frame (`depth` 0) or its `depth`-th caller, as
    /// the running frame-aware call's snapshot has it.
    pub fn frame_view(&self, depth: usize) -> Option<FrameView> {
        self.frame_views.get(depth).cloned()
    }

    /// Whether the builtin function with definition `index` reads its
    /// caller's frame.
    pub(crate) fn builtin_is_frame_aware(&mut self, index: usize) -> bool {
        while self.frame_aware.len() < self.builtin_defs.len() {
            let d = &self.builtin_defs[self.frame_aware.len()];
            let aware = d.owner.is_empty() && FRAME_AWARE.contains(&d.name);
            self.frame_aware.push(aware);
        }
        self.frame_aware.get(index).copied().unwrap_or(false)
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
