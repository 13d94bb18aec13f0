//! Handlers for calls, function creation and returns.
//!
//! A call's operands are `[callable, self_or_null, args..., ]` (keyword
//! names popped first). A Python function with exactly its positional
//! arguments enters its frame in place: the arguments move up to make room
//! for the header below them, and `enter_frame` makes them the callee's
//! first slots. Other Python calls bind on the pin stack
//! ([`Vm::bind_args`]) and push the bound slots. Natives get the arguments
//! as a slice, which stays on the operand stack (rooted) during the call.

use super::{Flow, H_FUNC, H_GENERATOR, H_GLOBALS, HEADER, VOps};
use crate::compile::bytecode::{CO_ASYNC_GENERATOR, CO_COROUTINE, CO_GENERATOR};
use crate::compile::bytecode::{CO_VARARGS, CO_VARKEYWORDS};
use crate::objects::exceptions::E;
use crate::objects::function::*;
use crate::objects::{Value, alloc_rec};
use crate::vm::frameview::FrameView;
use crate::vm::{PyResult, Vm};
use retrace::Ops;

impl Vm {
    /// Call the operands `at..` of the running frame: a Python function
    /// enters its frame in this run; anything else is called now and its
    /// result replaces the operands.
    pub(super) fn call_in_run<O: Ops>(
        &mut self,
        o: &mut O,
        at: usize,
        kwnames: Value,
    ) -> PyResult<Flow> {
        let mut callable = o.localv(at);
        let mut with_self = !o.localv(at + 1).is_null();
        // Unwrap bound methods into (function, self).
        if callable.is_ptr() && callable.raw_type() == self.t.method && !with_self {
            o.set_localv(at + 1, callable.get(2));
            callable = callable.get(1);
            o.set_localv(at, callable);
            with_self = true;
        }
        let args_at = if with_self { at + 1 } else { at + 2 };
        if callable.is_ptr() && callable.raw_type() == self.t.function {
            return self.enter_function(o, callable, at, args_at, kwnames);
        }
        let h = o.height();
        let all: Vec<Value> = (args_at..h).map(|i| o.localv(i)).collect();
        let kw: Vec<Value> = if kwnames.is_null() {
            Vec::new()
        } else {
            self.tuple_items(kwnames).to_vec()
        };
        // What frame-reading natives see (vm/frameview.rs).
        let saved_globals = self.globals_now;
        self.globals_now = o.localv(H_GLOBALS);
        let saved_views = if self.is_frame_aware(callable) {
            let views = self.snapshot_frames(o);
            Some(std::mem::replace(&mut self.frame_views, views))
        } else {
            None
        };
        let result = self.call_native_like(callable, &all, &kw);
        self.globals_now = saved_globals;
        if let Some(views) = saved_views {
            self.frame_views = views;
        }
        o.truncate(at);
        o.pushv(result?);
        Ok(Flow::Next)
    }

    /// Whether `callable` reads its caller's frame (its CALL takes a
    /// snapshot first).
    #[inline]
    fn is_frame_aware(&mut self, callable: Value) -> bool {
        if !callable.is_ptr() {
            return false;
        }
        if callable.raw_type() == self.t.builtin_function {
            let index = callable.get(1).as_small() as usize;
            return self.builtin_is_frame_aware(index);
        }
        callable == self.t.super_
    }

    /// Copies of this run's frames, innermost first, then those of the
    /// snapshot an enclosing frame-aware call took (if any).
    fn snapshot_frames<O: Ops>(&mut self, o: &mut O) -> Vec<FrameView> {
        let frames = o.frames();
        let mut views = Vec::with_capacity(frames.depth() + 1);
        for depth in (0..=frames.depth()).rev() {
            let info = frames.frame_at(depth);
            let base = frames.base_at(depth);
            let words = frames.stack();
            let code = &self.codes[info.code as usize];
            let nslots = code.nlocals + code.ncells + code.nfree;
            let word = |i: usize| Value(words[base + i] as usize);
            views.push(FrameView {
                code: info.code,
                pc: info.pc,
                func: word(H_FUNC),
                globals: word(H_GLOBALS),
                locals: word(super::H_LOCALS),
                slots: (HEADER..HEADER + nslots).map(word).collect(),
            });
        }
        views.extend(self.frame_views.iter().cloned());
        views
    }

    /// Enter `func` with the arguments `args_at..` of the running frame.
    fn enter_function<O: Ops>(
        &mut self,
        o: &mut O,
        func: Value,
        at: usize,
        args_at: usize,
        kwnames: Value,
    ) -> PyResult<Flow> {
        // The slow binding and generators clone the code's `Rc`.
        let (index, (nslots, argcount, kwonly, flags)) = self.function_code_shape(func);
        let nkw = if kwnames.is_null() {
            0
        } else {
            self.tuple_items(kwnames).len()
        };
        let h = o.height();
        let npos = h - args_at - nkw;
        let special =
            CO_VARARGS | CO_VARKEYWORDS | CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR;
        if nkw == 0 && npos == argcount && flags & special == 0 && kwonly == 0 {
            if self.depth >= self.recursion_limit {
                o.truncate(at);
                return Err(self.err(E::RecursionError, "maximum recursion depth exceeded"));
            }
            // Make room for the header below the arguments: they move up
            // (last first, as the ranges may overlap).
            let new_h = at + HEADER + argcount;
            while o.height() < new_h {
                let z = o.konst(0);
                o.push(z);
            }
            for i in (0..argcount).rev() {
                let v = o.local(args_at + i);
                o.set_local(at + HEADER + i, v);
            }
            o.truncate(new_h);
            let globals = func.get(F_GLOBALS);
            self.write_header(o, at, func, globals);
            o.enter_frame(index as u32, HEADER + argcount, HEADER + nslots, 0);
            self.depth += 1;
            if o.can_enter_function() {
                return Ok(Flow::Jit);
            }
            return Ok(Flow::Reload);
        }
        // Bind on the pin stack: the arguments, then the callee's slots.
        let mark = self.pins.len();
        for i in args_at..h {
            let v = o.localv(i);
            self.pins.push(v);
        }
        let slots_at = self.pins.len();
        for _ in 0..nslots {
            self.pins.push(Value::NULL);
        }
        let code = self.codes[index].clone();
        if let Err(e) = self.bind_slow(func, &code.co, mark, npos, kwnames, slots_at) {
            self.unpin(mark);
            o.truncate(at);
            return Err(e);
        }
        if flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR) != 0 {
            let slots: Vec<Value> = self.pins.as_slice()[slots_at..].to_vec();
            let g = self.new_generator(func, &code, &slots);
            self.unpin(mark);
            o.truncate(at);
            o.pushv(g);
            return Ok(Flow::Next);
        }
        if self.depth >= self.recursion_limit {
            self.unpin(mark);
            o.truncate(at);
            return Err(self.err(E::RecursionError, "maximum recursion depth exceeded"));
        }
        o.truncate(at);
        for _ in 0..HEADER {
            let z = o.konst(0);
            o.push(z);
        }
        for i in 0..nslots {
            let v = self.pins[slots_at + i];
            o.pushv(v);
        }
        self.unpin(mark);
        let globals = func.get(F_GLOBALS);
        self.write_header(o, at, func, globals);
        o.enter_frame(index as u32, HEADER + nslots, HEADER + nslots, 0);
        self.depth += 1;
        if o.can_enter_function() {
            return Ok(Flow::Jit);
        }
        Ok(Flow::Reload)
    }

    /// The header of a function frame about to start at `at`.
    #[inline(always)]
    fn write_header<O: Ops>(&mut self, o: &mut O, at: usize, func: Value, globals: Value) {
        o.set_localv(at + H_FUNC, func);
        o.set_localv(at + H_GLOBALS, globals);
        o.set_localv(at + super::H_LOCALS, Value::NULL);
        o.set_localv(at + H_GENERATOR, Value::NULL);
        o.set_localv(at + super::H_FLAGS, Value::small(0));
    }

    pub(super) fn make_function(
        &mut self,
        code_v: Value,
        globals: Value,
        defaults: Value,
        kwdefaults: Value,
        annotations: Value,
        closure: Value,
    ) -> PyResult<Value> {
        let rt = self.codes[code_v.get(1).as_small() as usize].clone();
        let f = alloc_rec(self.t.function, FUNC_WORDS);
        f.set(F_CODE, code_v);
        f.set(F_GLOBALS, globals);
        f.set(F_DEFAULTS, defaults);
        f.set(F_KWDEFAULTS, kwdefaults);
        f.set(F_CLOSURE, closure);
        let name = self.intern(&rt.co.name);
        f.set(F_NAME, name);
        let qualname = self.new_str(&rt.co.qualname);
        f.set(F_QUALNAME, qualname);
        if rt.co.flags & crate::compile::bytecode::CO_HAS_DOCSTRING != 0 {
            f.set(F_DOC, rt.consts[0]);
        }
        if !annotations.is_null() {
            let d = if self.is_tuple(annotations) {
                let d = self.new_dict();
                let items = self.tuple_items(annotations);
                for pair in items.chunks(2) {
                    if pair.len() == 2 {
                        self.dict_set(d, pair[0], pair[1])?;
                    }
                }
                d
            } else {
                annotations
            };
            f.set(F_ANNOTATIONS, d);
        }
        let key = self.intern("__name__");
        if let Some(m) = self.dict_get_str(globals, key) {
            f.set(F_MODULE, m);
        }
        Ok(f)
    }
}
