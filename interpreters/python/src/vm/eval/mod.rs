//! The dispatch loop, written against the framework's `Ops` trait.
//!
//! # Design
//!
//! [`Vm`] is a [`retrace::Interpreter`]: [`Vm::run`] is generic over
//! [`Ops`], and every read or write of a frame slot, every push and pop, the
//! pc, the code object and frame entry and exit go through `o`. Python
//! frames live in a [`retrace::Frames`] made with a header of [`HEADER`]
//! words: `[func, globals, locals dict, generator, flags]`, then the code's
//! locals, cells and frees, then its operands. Operations on objects stay
//! calls into `Vm` methods; a handler turns an `O::V` into a [`Value`] with
//! `o.promote` when it needs the object and pushes a result with
//! `o.konst` (see [`VOps`]). Hints are in place: `insn_start` at the loop
//! head, `can_enter_jit` at backward jumps, `can_enter_function` after a
//! Python call enters its frame. Python runs with the JIT off: recording
//! would skip the `Vm` methods' side effects.
//!
//! A Python-to-Python call enters the callee's frame in the same run (no
//! Rust recursion). Rust code that calls into Python (a native's callback,
//! a class body, a module, a generator resumed by `next()`) starts a nested
//! run on a pooled `Frames` and a pooled `Driver` ([`Vm::run_frame`]); the
//! run ends when its first frame returns (`leave_frame` is false) or an
//! exception leaves it.
//!
//! An instruction that fails returns `Err`; [`Vm::unwind`] looks it up in
//! the code's exception table: a handler truncates the operand stack to
//! the recorded depth (`o.truncate`), pushes the exception (and the
//! instruction index when asked) and jumps; no handler leaves the frame and
//! retries in the caller. Each frame an exception passes through gets a
//! traceback entry, except the one that re-raises it (`RERAISE`).
//!
//! [`dispatch`] holds the one `match` over every opcode; the sibling
//! modules hold the helpers by theme: [`names`] (locals, cells, globals,
//! names, attributes), [`stackops`] (operators, containers, unpacking),
//! [`calls`] (calls, functions, frame snapshots), [`excs`] (raise,
//! handlers, `match`, imports) and [`generators`].

pub mod calls;
pub mod dispatch;
pub mod excs;
pub mod generators;
pub mod names;
pub mod stackops;

pub use generators::GenStep;

use super::{PyErr, PyResult, Vm};
use crate::compile::bytecode::Opcode;
use crate::objects::Value;
use crate::objects::exceptions::E;
use retrace::{Driver, FrameInfo, Frames, Interpreter, JitSettings, Ops, Stop};
use std::rc::Rc;

/// Header words of every Python frame.
pub const HEADER: usize = 5;
/// The function running (NULL for module and class bodies... class bodies
/// keep their function).
pub const H_FUNC: usize = 0;
pub const H_GLOBALS: usize = 1;
/// The locals dict of module and class bodies, or NULL.
pub const H_LOCALS: usize = 2;
/// The generator running in this frame, or NULL.
pub const H_GENERATOR: usize = 3;
/// Reserved flag bits (0 for now; a small int).
pub const H_FLAGS: usize = 4;

/// What an instruction did besides falling through.
pub(crate) enum Flow {
    Next,
    /// The running frame changed: reload the code.
    Reload,
    /// The run's first frame returned (or yielded) this value.
    Done(Value),
    /// A hint asked for the driver.
    Jit,
}

/// `Ops` in terms of [`Value`]s: what the handlers use. `promote` and
/// `konst` are the identity in plain mode.
pub(crate) trait VOps: Ops {
    fn popv(&mut self) -> Value;
    fn pushv(&mut self, v: Value);
    fn localv(&mut self, i: usize) -> Value;
    fn set_localv(&mut self, i: usize, v: Value);
    /// Operand `k` from the top (0: the top).
    fn peekv(&mut self, k: usize) -> Value;
    fn set_peekv(&mut self, k: usize, v: Value);
}

impl<O: Ops> VOps for O {
    #[inline(always)]
    fn popv(&mut self) -> Value {
        let v = self.pop();
        Value(self.promote(v) as usize)
    }
    #[inline(always)]
    fn pushv(&mut self, v: Value) {
        let k = self.konst(v.0 as u64);
        self.push(k);
    }
    #[inline(always)]
    fn localv(&mut self, i: usize) -> Value {
        let v = self.local(i);
        Value(self.promote(v) as usize)
    }
    #[inline(always)]
    fn set_localv(&mut self, i: usize, v: Value) {
        let k = self.konst(v.0 as u64);
        self.set_local(i, k);
    }
    #[inline(always)]
    fn peekv(&mut self, k: usize) -> Value {
        let h = self.height();
        self.localv(h - 1 - k)
    }
    #[inline(always)]
    fn set_peekv(&mut self, k: usize, v: Value) {
        let h = self.height();
        self.set_localv(h - 1 - k, v);
    }
}

/// Where the running code's operands start (after header and slots).
#[inline(always)]
pub(crate) fn operand_base(code: &super::CodeRt) -> usize {
    HEADER + code.nlocals + code.ncells + code.nfree
}

impl Interpreter for Vm {
    type Error = PyErr;

    #[inline(always)]
    fn run<O: Ops>(&mut self, o: &mut O) -> Stop<PyErr> {
        // Natives called from this run have all returned when an exception
        // reaches a handler here: pins they left behind on error go.
        let pins_mark = self.pins.len();
        let mut code = self.codes[o.code() as usize].clone();
        let mut pending = self.pending_throw.take().map(|e| (e, true));
        loop {
            let (err, add_tb) = match pending.take() {
                Some(p) => p,
                None => {
                    if !o.insn_start() {
                        return Stop::Jit;
                    }
                    let pc = o.pc();
                    let Some(&instr) = code.co.code.get(pc as usize) else {
                        let e = self.err(E::SystemError, "fell off the end of a code object");
                        pending = Some((e, true));
                        continue;
                    };
                    o.set_pc(pc + 1);
                    match self.step(o, &code, instr.op, instr.arg) {
                        Ok(Flow::Next) => continue,
                        Ok(Flow::Reload) => {
                            code = self.codes[o.code() as usize].clone();
                            continue;
                        }
                        Ok(Flow::Done(v)) => return Stop::Done(v.0 as u64),
                        Ok(Flow::Jit) => return Stop::Jit,
                        Err(e) => (e, instr.op != Opcode::RERAISE),
                    }
                }
            };
            match self.unwind(o, &mut code, err, add_tb, pins_mark) {
                Ok(()) => {}
                Err(e) => return Stop::Error(e),
            }
        }
    }

    fn describe(&self, code: u32, pc: u32) -> String {
        match self.codes.get(code as usize) {
            Some(c) => format!("{}:{pc}", c.co.name),
            None => format!("code {code} pc {pc}"),
        }
    }
}

impl Vm {
    /// Unwind `err` from the running frame: Ok when a handler in this run
    /// takes it (the loop goes on there), Err when it leaves the run's first
    /// frame.
    fn unwind<O: Ops>(
        &mut self,
        o: &mut O,
        code: &mut Rc<super::CodeRt>,
        mut err: PyErr,
        mut add_tb: bool,
        pins_mark: usize,
    ) -> Result<(), PyErr> {
        loop {
            let lasti = o.pc().saturating_sub(1);
            if add_tb {
                self.add_traceback(err.0, code, lasti);
            }
            let handler = code
                .co
                .exception_table
                .iter()
                .find(|h| h.start <= lasti && lasti < h.end)
                .copied();
            if let Some(h) = handler {
                self.unpin(pins_mark);
                o.truncate(operand_base(code) + h.depth as usize);
                if h.push_lasti {
                    o.pushv(Value::small(lasti as i64));
                }
                o.pushv(err.0);
                o.set_pc(h.handler);
                return Ok(());
            }
            self.depth -= 1;
            let g = o.localv(H_GENERATOR);
            if !g.is_null() {
                generators::mark_done(g);
                if generators::entered_in_loop(o) && self.exc_matches(err.0, E::StopIteration) {
                    err = self.stop_iteration_escaped(err);
                }
            }
            let nothing = o.konst(0);
            if !o.leave_frame(nothing) {
                return Err(err);
            }
            o.pop();
            *code = self.codes[o.code() as usize].clone();
            add_tb = true;
        }
    }

    fn add_traceback(&mut self, exc: Value, code: &Rc<super::CodeRt>, lasti: u32) {
        if !self.is_exception(exc) {
            return;
        }
        let key = self.intern("__traceback__");
        let tb = match self.instance_get(exc, "__traceback__") {
            Some(tb) if self.is_list(tb) => tb,
            _ => {
                let l = self.new_list(&[]);
                self.instance_set(exc, key, l);
                l
            }
        };
        let line = code.co.lines.get(lasti as usize).copied().unwrap_or(0);
        // (code, line, instruction index): the index finds the caret span
        // in the code's position table (objects/traceback_print.rs).
        let entry = self.new_tuple(&[
            code.value,
            Value::small(line as i64),
            Value::small(lasti as i64),
        ]);
        self.list_append(tb, entry);
        // Implicit chaining: an exception raised while another is handled.
        let handled = self.handled_exception();
        if handled != self.none && handled != exc && self.instance_get(exc, "__context__").is_none()
        {
            let k = self.intern("__context__");
            self.instance_set(exc, k, handled);
        }
    }

    pub fn is_exception(&self, v: Value) -> bool {
        v.is_ptr() && self.isinstance(v, self.exc_type(E::BaseException))
    }

    pub fn handled_exception(&self) -> Value {
        match self.handled.last() {
            Some(&v) if !v.is_null() => v,
            _ => self.none,
        }
    }

    fn set_handled(&mut self, v: Value) {
        if self.handled.is_empty() {
            self.handled.push(v);
        } else {
            let n = self.handled.len() - 1;
            self.handled[n] = v;
        }
    }

    /// A frame stack from the pool, holding one frame for `code` at `pc`
    /// whose header and slots (and any operands) are `words`.
    pub(crate) fn frames_for(&mut self, code: u32, pc: u32, words: &[Value]) -> Frames {
        let mut frames = self
            .frame_pool
            .pop()
            .unwrap_or_else(|| Frames::with_header(0, &[0; HEADER], 0, 0));
        frames.callers.clear();
        frames.top = FrameInfo { code, pc, base: 0 };
        frames.replace_from(0, &[]);
        frames.reserve(words.len());
        for &w in words {
            frames.push(w.0 as u64);
        }
        frames
    }

    /// Run `frames` (one frame, made by [`Vm::frames_for`]) to its end in a
    /// nested run with the JIT off; the frame counts one level of `depth`.
    pub(crate) fn run_frame(&mut self, mut frames: Frames) -> PyResult<Value> {
        let mut driver = self.driver_pool.pop().unwrap_or_else(|| {
            Driver::new(JitSettings {
                enabled: false,
                ..JitSettings::default()
            })
        });
        self.depth += 1;
        let r = driver.run(self, &mut frames);
        self.driver_pool.push(driver);
        self.frame_pool.push(frames);
        r.map(|w| Value(w as usize))
    }

    /// Run `code` with a new frame whose header is `func`, `globals` and
    /// `locals` and whose slots start unbound (a module or class body).
    pub fn run_body_code(
        &mut self,
        code: u32,
        func: Value,
        globals: Value,
        locals: Value,
    ) -> PyResult<Value> {
        let rt = &self.codes[code as usize];
        let nslots = rt.nlocals + rt.ncells + rt.nfree;
        let mut words = Vec::with_capacity(HEADER + nslots);
        words.extend_from_slice(&[func, globals, locals, Value::NULL, Value::small(0)]);
        words.resize(HEADER + nslots, Value::NULL);
        let frames = self.frames_for(code, 0, &words);
        self.run_frame(frames)
    }
}
