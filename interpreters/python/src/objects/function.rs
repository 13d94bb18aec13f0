//! Functions and other callables: Python functions, code objects, builtin
//! functions, bound methods, cells, and the descriptors property,
//! staticmethod and classmethod. All are records.
//!
//! A builtin function is `[type, index, self]`: `index` selects a
//! [`BuiltinDef`] in the VM's table (a Rust fn and its name), `self` is set
//! for a method bound to its object. Native functions receive positional
//! arguments then keyword values in one slice, and the keyword names
//! separately (`kw`, the last `kw.len()` arguments).

use super::{Value, alloc_rec};
use crate::vm::{PyResult, Vm};

/// A builtin implemented in Rust: `(vm, args, kwnames)`.
pub type NativeFn = fn(&mut Vm, &[Value], &[Value]) -> PyResult<Value>;

/// One builtin function or method.
#[derive(Clone, Copy)]
pub struct BuiltinDef {
    pub name: &'static str,
    pub func: NativeFn,
    /// The owning type's name for methods (for reprs), or "" for functions.
    pub owner: &'static str,
}

pub const F_CODE: usize = 1;
pub const F_GLOBALS: usize = 2;
pub const F_DEFAULTS: usize = 3;
pub const F_KWDEFAULTS: usize = 4;
pub const F_CLOSURE: usize = 5;
pub const F_NAME: usize = 6;
pub const F_QUALNAME: usize = 7;
pub const F_DICT: usize = 8;
pub const F_ANNOTATIONS: usize = 9;
pub const F_DOC: usize = 10;
pub const F_MODULE: usize = 11;
pub const FUNC_WORDS: usize = 12;

impl Vm {
    /// A builtin function object for table entry `index`, bound to `self_`
    /// (or NULL).
    pub fn new_builtin(&mut self, index: usize, self_: Value) -> Value {
        let f = alloc_rec(self.t.builtin_function, 3);
        f.ptr().store(1, Value::small(index as i64).0);
        f.ptr().store(2, self_.0);
        f
    }

    /// Register a native function and make a function object for it.
    pub fn def_builtin(
        &mut self,
        name: &'static str,
        owner: &'static str,
        func: NativeFn,
    ) -> Value {
        let index = self.builtin_defs.len();
        self.builtin_defs.push(BuiltinDef { name, func, owner });
        let f = self.new_builtin(index, Value::NULL);
        self.immortal.push(f);
        f
    }

    pub fn builtin_def(&self, f: Value) -> BuiltinDef {
        self.builtin_defs[f.get(1).as_small() as usize]
    }

    pub fn new_method(&mut self, func: Value, self_: Value) -> Value {
        let m = alloc_rec(self.t.method, 3);
        m.ptr().store(1, func.0);
        m.ptr().store(2, self_.0);
        m
    }

    pub fn new_cell(&mut self, value: Value) -> Value {
        let c = alloc_rec(self.t.cell, 2);
        c.ptr().store(1, value.0);
        c
    }

    /// A new record of `words` words of type `ty` with the given leading fields.
    pub fn new_record(&mut self, ty: Value, fields: &[Value]) -> Value {
        let r = alloc_rec(ty, 1 + fields.len());
        for (i, f) in fields.iter().enumerate() {
            r.ptr().store(1 + i, f.0);
        }
        r
    }

    /// The code record behind a function value.
    pub fn func_code(&self, f: Value) -> std::rc::Rc<crate::vm::CodeRt> {
        let idx = f.get(F_CODE).get(1).as_small() as usize;
        self.codes[idx].clone()
    }
}
