//! The virtual machine: state, start-up, frames, and running a program.
//!
//! # Design
//!
//! One [`Vm`] per thread owns the builtin types, the interned names, the
//! code table, and the pin stack natives keep values on. The frames are not
//! here: the VM is a `retrace::Interpreter` ([`eval`]) whose dispatch loop
//! is written against the framework's `Ops` trait, in plain mode, over
//! Python frames in a `retrace::Frames` (a header of five words, then
//! locals, cells, frees and operands). A Python-to-Python call enters the
//! callee's frame in the same loop, so Python recursion never grows the
//! native stack; the depth is checked against `sys.getrecursionlimit()`.
//! Rust code that calls back into Python (`__eq__` from a dict, a sort key,
//! a class's `__init__` from `type.__call__`, `next()` on a generator) runs
//! a nested loop on a pooled `Frames` and `Driver` (JIT off) that returns
//! when the frame it started returns. Natives that read their caller's
//! frame see what the call left for them ([`frameview`]).
//!
//! Errors are `Err(PyErr)` carrying the exception object; the loop unwinds
//! through each code object's exception table and records traceback entries
//! as the exception leaves frames.

pub mod cache;
pub mod call;
pub mod cli;
pub mod eval;
pub mod frameview;
pub mod ops;
pub mod start;

use crate::compile::bytecode::{CodeObject, Const};
use crate::objects::exceptions::E;
use crate::objects::function::BuiltinDef;
use crate::objects::{RootedVec, Value};
use fxhash::FxHashMap;
use std::rc::Rc;

/// A raised exception: the exception object.
#[derive(Clone, Copy, Debug)]
pub struct PyErr(pub Value);

pub type PyResult<T> = Result<T, PyErr>;

/// A code object ready to run: the compiler's code plus its constants and
/// names as values (immortal).
pub struct CodeRt {
    pub co: Rc<CodeObject>,
    pub consts: Vec<Value>,
    pub names: Vec<Value>,
    /// The code object's own value.
    pub value: Value,
    pub nlocals: usize,
    pub ncells: usize,
    pub nfree: usize,
    /// The inline caches of its `LOAD_GLOBAL`/`LOAD_ATTR`/`LOAD_METHOD`s.
    pub caches: cache::CodeCaches,
}

/// The builtin type objects.
#[derive(Default, Clone, Copy)]
pub struct Types {
    pub object: Value,
    pub type_: Value,
    pub int: Value,
    pub bool_: Value,
    pub float: Value,
    pub str: Value,
    pub tuple: Value,
    pub list: Value,
    pub dict: Value,
    pub set: Value,
    pub frozenset: Value,
    pub none_type: Value,
    pub not_implemented_type: Value,
    pub ellipsis_type: Value,
    pub function: Value,
    pub builtin_function: Value,
    pub method: Value,
    pub code: Value,
    pub cell: Value,
    pub property: Value,
    pub staticmethod: Value,
    pub classmethod: Value,
    pub range: Value,
    pub slice: Value,
    pub super_: Value,
    pub module: Value,
    pub dict_keys: Value,
    pub dict_values: Value,
    pub dict_items: Value,
    pub list_iterator: Value,
    pub tuple_iterator: Value,
    pub range_iterator: Value,
    pub str_iterator: Value,
    pub dict_keyiterator: Value,
    pub dict_valueiterator: Value,
    pub dict_itemiterator: Value,
    pub enumerate: Value,
    pub zip: Value,
    pub map: Value,
    pub filter: Value,
    pub reversed: Value,
    pub callable_iterator: Value,
    pub seq_iterator: Value,
    pub generator: Value,
}

pub struct Vm {
    pub t: Types,
    pub none: Value,
    pub true_: Value,
    pub false_: Value,
    pub not_implemented: Value,
    pub ellipsis: Value,
    pub empty_tuple: Value,
    pub exc_types: Vec<Value>,
    pub builtin_iterator_types: Vec<Value>,
    pub object_getattribute: Value,
    pub object_setattr: Value,
    pub object_delattr: Value,
    /// Values that live as long as the VM (types, interned names, constants).
    pub immortal: RootedVec<Value>,
    /// Values natives keep alive (and in place) while they work: pushed by
    /// [`Vm::pin`], dropped by [`Vm::unpin`]. Separate from the frame stack so
    /// natives never touch a running frame's slots.
    pub pins: RootedVec<Value>,
    /// Frame stacks for nested runs (vm/eval), reused.
    pub frame_pool: Vec<retrace::Frames>,
    /// Drivers (JIT off) for nested runs, reused.
    pub driver_pool: Vec<retrace::Driver>,
    /// The calling frame's globals during a native call (vm/frameview.rs).
    pub globals_now: Value,
    /// The frames a frame-aware native call sees, innermost first.
    pub frame_views: Vec<frameview::FrameView>,
    /// Per builtin definition: whether it reads its caller's frame.
    pub frame_aware: Vec<bool>,
    /// An exception the next run starts by raising (`generator.throw`).
    pub pending_throw: Option<PyErr>,
    /// Set by `YIELD_VALUE`: the run that just ended yielded.
    pub yielded: bool,
    /// The exception being handled (`sys.exc_info()`), or None; kept rooted.
    pub handled: RootedVec<Value>,
    pub codes: Vec<Rc<CodeRt>>,
    pub interned: FxHashMap<Box<str>, Value>,
    /// Intern id -> str.
    pub names: Vec<Value>,
    pub builtin_defs: Vec<BuiltinDef>,
    pub builtins: Value,
    pub modules: Value,
    pub recursion_limit: usize,
    /// Python frames deep, counting nested Rust entries.
    pub depth: usize,
    pub out: std::io::BufWriter<std::io::Stdout>,
    /// Source lines of files, for tracebacks.
    pub sources: FxHashMap<String, Rc<Vec<String>>>,
    pub argv: Vec<String>,
    /// Containers whose repr is being computed (for `[...]`).
    pub repr_stack: RootedVec<Value>,
    pub depth_repr: usize,
}

impl Vm {
    /// A new exception of builtin type `e` with message `msg`.
    pub fn err(&mut self, e: E, msg: impl Into<String>) -> PyErr {
        let msg: String = msg.into();
        let m = self.new_str(&msg);
        let ty = self.exc_type(e);
        self.new_exception(ty, &[m])
    }

    /// A new exception instance of `ty` with `args`.
    pub fn new_exception(&mut self, ty: Value, args: &[Value]) -> PyErr {
        let exc = self.new_instance(ty);
        let a = self.new_tuple(args);
        let name = self.intern("args");
        self.instance_set(exc, name, a);
        PyErr(exc)
    }

    pub fn key_error(&mut self, key: Value) -> PyErr {
        let ty = self.exc_type(E::KeyError);
        self.new_exception(ty, &[key])
    }

    /// Push `vals` on the pin stack (a root range: the objects are pinned
    /// and stay where they are) until `unpin(mark)`; returns `mark`.
    pub fn pin(&mut self, vals: &[Value]) -> usize {
        let mark = self.pins.len();
        for &v in vals {
            self.pins.push(v);
        }
        mark
    }

    /// Drop the pins pushed since `mark` (from [`Vm::pin`] or `pins.len()`).
    #[inline]
    pub fn unpin(&mut self, mark: usize) {
        self.pins.truncate(mark);
    }

    #[inline]
    pub fn bool(&self, b: bool) -> Value {
        if b { self.true_ } else { self.false_ }
    }

    /// Check a native function's positional count (self included).
    pub fn check_nargs(
        &mut self,
        name: &str,
        args: &[Value],
        min: usize,
        max: usize,
    ) -> PyResult<()> {
        let n = args.len();
        if n < min || n > max {
            let (min, max, n) = (min - 1, max - 1, n.saturating_sub(1));
            let msg = if min == max {
                match min {
                    0 => format!("{name}() takes no arguments ({n} given)"),
                    1 => format!("{name}() takes exactly one argument ({n} given)"),
                    _ => format!("{name}() takes exactly {min} arguments ({n} given)"),
                }
            } else if n < min {
                format!(
                    "{name} expected at least {min} argument{}, got {n}",
                    if min == 1 { "" } else { "s" }
                )
            } else {
                format!(
                    "{name} expected at most {max} argument{}, got {n}",
                    if max == 1 { "" } else { "s" }
                )
            };
            return Err(self.err(E::TypeError, msg));
        }
        Ok(())
    }

    /// Turn a compiler code object into a runnable one (recursively).
    pub fn load_code(&mut self, co: Rc<CodeObject>) -> Rc<CodeRt> {
        let mut consts = Vec::with_capacity(co.consts.len());
        for c in &co.consts {
            let v = self.const_value(c);
            self.immortal.push(v);
            consts.push(v);
        }
        let names = co.names.iter().map(|n| self.intern(n)).collect();
        let index = self.codes.len();
        let value = self.new_record(self.t.code, &[Value::small(index as i64)]);
        self.immortal.push(value);
        let rt = Rc::new(CodeRt {
            nlocals: co.varnames.len(),
            ncells: co.cellvars.len(),
            nfree: co.freevars.len(),
            caches: cache::CodeCaches::new(&co),
            co,
            consts,
            names,
            value,
        });
        self.codes.push(rt.clone());
        rt
    }

    fn const_value(&mut self, c: &Const) -> Value {
        match c {
            Const::None => self.none,
            Const::True => self.true_,
            Const::False => self.false_,
            Const::Ellipsis => self.ellipsis,
            Const::Int(i) => self.new_int(*i),
            Const::BigInt(b) => self.new_big(b.clone()),
            Const::Float(f) => self.new_float(*f),
            Const::Complex { re, im } => self.new_complex(*re, *im),
            Const::Str(s) => {
                let text = String::from_utf8_lossy(s);
                if text.len() <= 40 && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                {
                    self.intern(&text)
                } else {
                    self.new_str(&text)
                }
            }
            Const::Bytes(b) => self.new_bytes(b),
            Const::Tuple(items) | Const::FrozenSet(items) => {
                let vals: Vec<Value> = items
                    .iter()
                    .map(|c| {
                        let v = self.const_value(c);
                        self.immortal.push(v);
                        v
                    })
                    .collect();
                if matches!(c, Const::FrozenSet(_)) {
                    // Built in item order, as CPython's compiler builds the
                    // constant, so `{1, 2, 3}` iterates in CPython's order.
                    let s = self.new_set_typed(self.t.frozenset);
                    for v in vals {
                        // Constant items are numbers, strings, bytes and
                        // tuples of them: their hashing cannot fail.
                        let _ = self.set_add(s, v);
                    }
                    s
                } else {
                    self.new_tuple(&vals)
                }
            }
            Const::Code(co) => self.load_code(co.clone()).value,
        }
    }

    /// Flush buffered stdout.
    pub fn flush(&mut self) {
        use std::io::Write;
        let _ = self.out.flush();
    }
}
