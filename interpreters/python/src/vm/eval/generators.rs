//! Generators: the record, `YIELD_VALUE`, `SEND` and resuming.
//!
//! A generator is a record holding a copy of its frame's slots and operands
//! while suspended. Resuming makes a frame of them (header, then the saved
//! words) and runs it as the first frame of a nested run
//! ([`Vm::run_frame`]); `YIELD_VALUE` copies the frame's words out through
//! `o` and ends the run with the yielded value, setting `vm.yielded` so the
//! resumer tells a yield from a return.

use super::{Flow, H_FLAGS, H_GENERATOR, HEADER, VOps};
use crate::objects::exceptions::E;
use crate::objects::function::*;
use crate::objects::str::as_str;
use crate::objects::{Value, alloc, alloc_rec, layouts};
use crate::vm::{CodeRt, PyErr, PyResult, Vm};
use retrace::Ops;
use std::rc::Rc;

// Generator record words.
const G_SAVED: usize = 1;
const G_CODE: usize = 2;
const G_PC: usize = 3;
const G_GLOBALS: usize = 4;
const G_FUNC: usize = 5;
const G_STATE: usize = 6;
const G_NSLOTS: usize = 7;
const G_SAVED_LEN: usize = 8;
const G_WORDS: usize = 9;
const GEN_CREATED: i64 = 0;
const GEN_SUSPENDED: i64 = 1;
const GEN_RUNNING: i64 = 2;
const GEN_DONE: i64 = 3;

/// One step of a generator.
pub enum GenStep {
    Yielded(Value),
    Returned(Value),
}

/// The generator's frame returned or raised.
pub(crate) fn mark_done(g: Value) {
    g.set(G_STATE, Value::small(GEN_DONE));
}

/// Frame flags: a `FOR_ITER` or a `SEND` of the caller (same loop)
/// resumed this generator frame; yield and return go back to it directly.
pub(crate) const FLAG_FOR_ITER: i64 = 1;
pub(crate) const FLAG_SEND: i64 = 2;

/// The running frame's `FLAG_FOR_ITER`/`FLAG_SEND` bits (0: it is the
/// first frame of a nested run, or no generator's).
#[inline]
pub(crate) fn loop_flags<O: Ops>(o: &mut O) -> i64 {
    let flags = o.localv(H_FLAGS);
    if flags.is_small() {
        flags.as_small() & (FLAG_FOR_ITER | FLAG_SEND)
    } else {
        0
    }
}

/// Whether the running (generator) frame was entered by `FOR_ITER`/`SEND`.
#[inline]
pub(crate) fn entered_in_loop<O: Ops>(o: &mut O) -> bool {
    loop_flags(o) != 0
}

impl Vm {
    /// A suspended generator for `func` whose bound slots are `slots`.
    pub fn new_generator(&mut self, func: Value, code: &Rc<CodeRt>, slots: &[Value]) -> Value {
        let nslots = slots.len();
        let saved = alloc(layouts().rec, Value::NULL, nslots.max(1));
        for (i, v) in slots.iter().enumerate() {
            saved.ptr().store(i, v.0);
        }
        let g = alloc_rec(self.t.generator, G_WORDS);
        g.set(G_SAVED, saved);
        let index = code.value.get(1);
        g.set(G_CODE, index);
        g.set(G_PC, Value::small(0));
        g.set(G_GLOBALS, func.get(F_GLOBALS));
        g.set(G_FUNC, func);
        g.set(G_STATE, Value::small(GEN_CREATED));
        g.set(G_NSLOTS, Value::small(nslots as i64));
        g.set(G_SAVED_LEN, Value::small(nslots as i64));
        self.retype_generator(g, code.co.flags);
        g
    }

    /// `YIELD_VALUE`: save the frame's slots and operands into its
    /// generator and end the run (generator frames are always the first
    /// frame of their run).
    pub(super) fn yield_from_frame<O: Ops>(&mut self, o: &mut O, v: Value) -> Flow {
        let g = o.localv(H_GENERATOR);
        let n = o.height() - HEADER;
        let saved = alloc(layouts().rec, Value::NULL, n.max(1));
        for i in 0..n {
            let w = o.localv(HEADER + i);
            saved.ptr().store(i, w.0);
        }
        g.set(G_SAVED, saved);
        g.set(G_PC, Value::small(o.pc() as i64));
        g.set(G_SAVED_LEN, Value::small(n as i64));
        g.set(G_STATE, Value::small(GEN_SUSPENDED));
        self.depth -= 1;
        if entered_in_loop(o) {
            // The value lands on the caller's stack above the iterator,
            // as FOR_ITER leaves it.
            let r = o.konst(v.0 as u64);
            o.leave_frame(r);
            return Flow::Reload;
        }
        self.yielded = true;
        let nothing = o.konst(0);
        let _ = o.leave_frame(nothing);
        Flow::Done(v)
    }

    /// `FOR_ITER` (`flag` [`FLAG_FOR_ITER`], `sent` None) or `SEND`
    /// ([`FLAG_SEND`], the value on top of the stack, popped here) over a
    /// plain generator: enter its frame in this loop and say true; false
    /// when it is running or finished, or a just-started one is sent a
    /// value, and the ordinary path takes it.
    pub(super) fn generator_enter<O: Ops>(
        &mut self,
        o: &mut O,
        g: Value,
        flag: i64,
        sent: Value,
    ) -> PyResult<bool> {
        let state = g.get(G_STATE).as_small();
        let startable = state == GEN_SUSPENDED || (state == GEN_CREATED && sent == self.none);
        if !startable {
            return Ok(false);
        }
        if self.depth >= self.recursion_limit {
            return Err(self.err(E::RecursionError, "maximum recursion depth exceeded"));
        }
        if flag == FLAG_SEND {
            o.pop();
        }
        let header = [
            g.get(G_FUNC),
            g.get(G_GLOBALS),
            Value::NULL,
            g,
            Value::small(flag),
        ];
        for h in header {
            o.pushv(h);
        }
        let saved_len = g.get(G_SAVED_LEN).as_small() as usize;
        let saved = g.get(G_SAVED);
        for i in 0..saved_len {
            o.pushv(Value(saved.word(i)));
        }
        let n = HEADER + saved_len;
        o.enter_frame(g.get(G_CODE).as_small() as u32, n, n, 0);
        o.set_pc(g.get(G_PC).as_small() as u32);
        if state == GEN_SUSPENDED {
            o.pushv(sent);
        }
        g.set(G_STATE, Value::small(GEN_RUNNING));
        self.depth += 1;
        Ok(true)
    }

    /// A generator entered by `FOR_ITER` or `SEND` (`flags`) returned (its
    /// value is on the caller's stack above the iterator): drop both (a
    /// `SEND` keeps the value) and jump to the instruction's target.
    pub(super) fn generator_returned<O: Ops>(&mut self, o: &mut O, flags: i64) -> Flow {
        let value = o.pop();
        o.pop();
        if flags & FLAG_SEND != 0 {
            o.push(value);
        }
        let code = &self.codes[o.code() as usize];
        let target = code.co.code[o.pc() as usize - 1].arg;
        o.set_pc(target);
        Flow::Reload
    }

    /// Resume `g` with a sent value or a thrown exception.
    pub fn generator_resume(&mut self, g: Value, input: Result<Value, PyErr>) -> PyResult<GenStep> {
        let state = g.get(G_STATE).as_small();
        match state {
            GEN_RUNNING => return Err(self.err(E::ValueError, "generator already executing")),
            GEN_DONE => {
                return match input {
                    Err(e) => Err(e),
                    Ok(_) => Ok(GenStep::Returned(self.none)),
                };
            }
            GEN_CREATED => {
                if let Ok(v) = input
                    && v != self.none
                {
                    return Err(self.err(
                        E::TypeError,
                        "can't send non-None value to a just-started generator",
                    ));
                }
            }
            _ => {}
        }
        if self.depth >= self.recursion_limit {
            return Err(self.err(E::RecursionError, "maximum recursion depth exceeded"));
        }
        let saved_len = g.get(G_SAVED_LEN).as_small() as usize;
        let mut words = Vec::with_capacity(HEADER + saved_len + 1);
        words.extend_from_slice(&[
            g.get(G_FUNC),
            g.get(G_GLOBALS),
            Value::NULL,
            g,
            Value::small(0),
        ]);
        debug_assert_eq!(words.len(), H_FLAGS + 1);
        let saved = g.get(G_SAVED);
        for i in 0..saved_len {
            words.push(Value(saved.word(i)));
        }
        match input {
            Ok(v) => {
                if state != GEN_CREATED {
                    words.push(v);
                }
            }
            Err(e) => self.pending_throw = Some(e),
        }
        let code = g.get(G_CODE).as_small() as u32;
        let pc = g.get(G_PC).as_small() as u32;
        let frames = self.frames_for(code, pc, &words);
        g.set(G_STATE, Value::small(GEN_RUNNING));
        self.yielded = false;
        let r = self.run_frame(frames);
        let yielded = std::mem::take(&mut self.yielded);
        match r {
            Ok(v) if yielded => Ok(GenStep::Yielded(v)),
            Ok(v) => Ok(GenStep::Returned(v)),
            Err(e) => {
                g.set(G_STATE, Value::small(GEN_DONE));
                if self.exc_matches(e.0, E::StopIteration) {
                    return Err(self.stop_iteration_escaped(e));
                }
                Err(e)
            }
        }
    }

    /// The RuntimeError a StopIteration leaving a generator's frame becomes,
    /// caused by it (as CPython's PEP 479 handling).
    pub(crate) fn stop_iteration_escaped(&mut self, e: PyErr) -> PyErr {
        let r = self.err(E::RuntimeError, "generator raised StopIteration");
        let k = self.intern("__cause__");
        self.instance_set(r.0, k, e.0);
        let k = self.intern("__suppress_context__");
        let t = self.true_;
        self.instance_set(r.0, k, t);
        r
    }

    /// `next(gen)`.
    pub fn generator_next(&mut self, g: Value) -> PyResult<Option<Value>> {
        let none = self.none;
        match self.generator_resume(g, Ok(none))? {
            GenStep::Yielded(v) => Ok(Some(v)),
            GenStep::Returned(_) => Ok(None),
        }
    }

    /// `gen.send(v)`: StopIteration(value) when it returns.
    pub fn generator_send(&mut self, g: Value, v: Value) -> PyResult<Value> {
        match self.generator_resume(g, Ok(v))? {
            GenStep::Yielded(v) => Ok(v),
            GenStep::Returned(r) => Err(self.stop_iteration(r)),
        }
    }

    pub fn generator_throw(&mut self, g: Value, exc: Value) -> PyResult<Value> {
        let exc = self.make_exception(exc)?;
        match self.generator_resume(g, Err(PyErr(exc)))? {
            GenStep::Yielded(v) => Ok(v),
            GenStep::Returned(r) => Err(self.stop_iteration(r)),
        }
    }

    pub fn generator_close(&mut self, g: Value) -> PyResult<()> {
        let state = g.get(G_STATE).as_small();
        if state == GEN_DONE || state == GEN_CREATED {
            g.set(G_STATE, Value::small(GEN_DONE));
            return Ok(());
        }
        let exit = self.exc_type(E::GeneratorExit);
        let exc = self.call(exit, &[])?;
        match self.generator_resume(g, Err(PyErr(exc))) {
            Ok(GenStep::Yielded(_)) => {
                Err(self.err(E::RuntimeError, "generator ignored GeneratorExit"))
            }
            Ok(GenStep::Returned(_)) => Ok(()),
            Err(e)
                if self.exc_matches(e.0, E::GeneratorExit)
                    || self.exc_matches(e.0, E::StopIteration) =>
            {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    pub fn stop_iteration(&mut self, value: Value) -> PyErr {
        let t = self.exc_type(E::StopIteration);
        let args: Vec<Value> = if value == self.none {
            vec![]
        } else {
            vec![value]
        };
        let e = self.new_exception(t, &args);
        let k = self.intern("value");
        self.instance_set(e.0, k, value);
        e
    }

    pub fn generator_name(&self, g: Value) -> String {
        let f = g.get(G_FUNC);
        as_str(f.get(F_QUALNAME)).to_string()
    }
}
