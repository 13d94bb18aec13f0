//! Recording mode: the interpreter runs for real and each operation also
//! appends its IR operation to the trace.
//!
//! A recorded value is its word plus its IR name. The recorder mirrors the
//! frame slots of the traced frames (the frame the trace started in and every
//! frame inlined above it) with one IR name per slot, so loads, stores, pushes
//! and pops of the virtualizable frame become plain SSA dataflow.
//!
//! Resumption. `insn_start` snapshots the traced frames (positions and slot
//! names) before each instruction: that snapshot is where a guard failing in
//! this instruction resumes, the interpreter re-running the instruction from
//! its start. That is only sound if the instruction did nothing visible before
//! the guard, so a guard after a side effect (a store, a call that writes) in
//! the same instruction aborts the trace: the recorder never compiles a trace
//! that breaks the rule.
//!
//! Closing. At `can_enter_jit`, a loop trace that is back at its own header in
//! its own frame closes with a jump; any trace that reaches a header that
//! already has compiled code closes with a finish into it (that is how bridges
//! end and how an outer loop links to a compiled inner one). A call to a
//! function that stopped being inlined ends the trace with a finish at the
//! call instruction, so the interpreter performs that call.

use crate::Word;
use crate::driver::{CellState, JitState};
use crate::frames::{FrameInfo, Frames};
use crate::ops::{BinOp, Ops, OvfOp, Residual, Type, UnOp, VersionCell};
use fxhash::FxHashMap;
use retrace_jit::ir::{GuardKind, Helper, Op, Ref, Trace};

/// A value in recording mode: its word and its IR name.
#[derive(Copy, Clone)]
pub struct RecValue {
    w: Word,
    r: Ref,
}

/// The traced frames at the start of one instruction (or at a trace's end):
/// frame positions with bases relative to the trace's first frame, and the IR
/// name of every slot from that frame's base up, which the exit stores in order.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub frames: Vec<FrameInfo>,
    pub refs: Vec<Ref>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TraceKind {
    Loop { code: u32, pc: u32 },
    Function { code: u32 },
    Bridge { trace: usize, guard: usize },
}

#[derive(Debug)]
pub(crate) enum Outcome {
    /// Closed with a jump back to the trace's own label.
    Looped,
    /// Closed with a finish; then run `target`'s compiled code, or the interpreter.
    Finished {
        target: Option<usize>,
    },
    Aborted(String),
}

/// The recording-mode implementation of [`Ops`].
pub struct Rec<'a> {
    pub(crate) frames: &'a mut Frames,
    pub(crate) jit: &'a mut JitState,
    pub(crate) trace: Trace,
    pub(crate) kind: TraceKind,
    pub(crate) snapshots: Vec<Snapshot>,
    pub(crate) outcome: Option<Outcome>,
    /// The quasi-immutable cells the trace read: (version word address,
    /// version seen). A later write invalidates the trace.
    pub(crate) cells_read: Vec<(usize, u64)>,
    refs: Vec<Ref>,
    start_base: usize,
    start_depth: usize,
    consts: FxHashMap<(Word, Type), Ref>,
    /// The snapshot of the running instruction, once a guard needed it.
    current: Option<u32>,
    pending: Option<Snapshot>,
    side_effect: bool,
    /// While a call made through the interpreter (not inlined) runs: the
    /// depth of its caller and the IR value of its result.
    paused: Option<(usize, Ref)>,
}

impl<'a> Rec<'a> {
    /// Start recording from the frame at `start_depth`: every slot from its
    /// base up becomes an input.
    pub(crate) fn new(
        frames: &'a mut Frames,
        jit: &'a mut JitState,
        kind: TraceKind,
        start_depth: usize,
        name: String,
    ) -> Rec<'a> {
        let start_base = frames.base_at(start_depth);
        let mut trace = Trace::new(name);
        // The optimizer drops barrier calls on the objects it removes: it
        // gets every declared barrier (the GC's own one and the
        // interpreter's, from `JitState::declare_write_barrier`).
        trace.write_barriers = jit.write_barriers.clone();
        let refs: Vec<Ref> = (start_base..frames.stack.len())
            .enumerate()
            .map(|(i, _)| {
                trace.push(Op::Input {
                    index: i as u32,
                    ty: Type::Int,
                })
            })
            .collect();
        trace.push(Op::Label);
        Rec {
            frames,
            jit,
            trace,
            kind,
            snapshots: Vec::new(),
            outcome: None,
            cells_read: Vec::new(),
            refs,
            start_base,
            start_depth,
            consts: FxHashMap::default(),
            current: None,
            pending: None,
            side_effect: false,
            paused: None,
        }
    }

    /// Whether operations are being recorded (not ended, not paused in a
    /// call the trace does not inline).
    fn live(&self) -> bool {
        self.outcome.is_none() && self.paused.is_none()
    }

    fn abort(&mut self, why: String) {
        if self.outcome.is_none() {
            self.outcome = Some(Outcome::Aborted(why));
        }
    }

    fn constant(&mut self, w: Word, ty: Type) -> Ref {
        if let Some(r) = self.consts.get(&(w, ty)) {
            return *r;
        }
        let r = self.trace.constant(w, ty);
        self.consts.insert((w, ty), r);
        r
    }

    fn value(&mut self, w: Word, op: Op) -> RecValue {
        let r = if self.live() {
            self.trace.push(op)
        } else {
            Ref(0)
        };
        RecValue { w, r }
    }

    fn take_snapshot(&self) -> Snapshot {
        let frames = (self.start_depth..=self.frames.depth())
            .map(|d| {
                let f = self.frames.frame_at(d);
                FrameInfo {
                    base: f.base - self.start_base as u32,
                    ..f
                }
            })
            .collect();
        Snapshot {
            frames,
            refs: self.refs.clone(),
        }
    }

    fn current_snapshot(&mut self) -> u32 {
        if let Some(id) = self.current {
            return id;
        }
        let snap = self.pending.take().unwrap_or_else(|| self.take_snapshot());
        self.snapshots.push(snap);
        let id = (self.snapshots.len() - 1) as u32;
        self.current = Some(id);
        id
    }

    fn guard(&mut self, kind: GuardKind, value: Ref, expected: Word) {
        if !self.live() {
            return;
        }
        if let Some(c) = self.trace.const_value(value) {
            let holds = match kind {
                GuardKind::True | GuardKind::NonNull => Some(c != 0),
                GuardKind::False => Some(c == 0),
                GuardKind::Value => Some(c == expected),
                _ => None,
            };
            if holds.is_some() {
                return;
            }
        }
        // guard_no_exception right after a call is the one allowed exception
        if self.side_effect && kind != GuardKind::NoException {
            let pc = self.frames.top.pc;
            self.abort(format!(
                "{} after a side effect in one instruction (pc {pc}) breaks the resumption rule",
                kind.name()
            ));
            return;
        }
        let resume = self.current_snapshot();
        let snap = &self.snapshots[resume as usize];
        let pc = snap.frames.last().map(|f| f.pc).unwrap_or(0);
        let exit = snap.refs.clone();
        self.trace.push(Op::Guard {
            kind,
            value,
            expected,
            resume,
            pc,
            exit,
        });
    }

    /// End the trace here with a finish whose exit rebuilds the frames as they
    /// are now (or as they were at the instruction's start).
    fn finish(&mut self, target: Option<usize>, at_insn_start: bool) {
        if !self.live() {
            return;
        }
        let resume = if at_insn_start {
            if self.side_effect {
                self.abort("a finish after a side effect in one instruction".into());
                return;
            }
            self.current_snapshot()
        } else {
            self.snapshots.push(self.take_snapshot());
            (self.snapshots.len() - 1) as u32
        };
        let snap = &self.snapshots[resume as usize];
        let pc = snap.frames.last().map(|f| f.pc).unwrap_or(0);
        let exit = snap.refs.clone();
        self.trace.push(Op::Finish { resume, pc, exit });
        self.outcome = Some(Outcome::Finished { target });
    }

    /// Whether a call is made through the interpreter instead of inlined:
    /// a recursive call of a function being traced, or a call of a function
    /// with compiled code of its own (at most three arguments).
    fn calls_through_interpreter(&self, code: u32, nargs: usize) -> bool {
        if nargs > 3 || self.jit.reenter_fn == 0 {
            return false;
        }
        let recursive = (self.start_depth..=self.frames.depth())
            .any(|d| self.frames.frame_at(d).code == code)
            && matches!(self.kind, TraceKind::Function { .. });
        let compiled = matches!(self.jit.function_state(code), CellState::Compiled(_));
        recursive || compiled
    }

    /// Record a call through the interpreter (`reenter`): one call with the
    /// arguments on top of the stack, then guard_no_exception; recording
    /// pauses until the callee returns.
    fn record_reentry(&mut self, code: u32, nargs: usize, nlocals: usize, fill: Word) {
        if self.side_effect {
            self.abort("a call through the interpreter after a side effect".into());
            return;
        }
        let helper = self.trace.helper_index(&Helper {
            name: "retrace_reenter",
            addr: self.jit.reenter_fn,
            params: vec![Type::Int; 8],
            ret: Some(Type::Int),
            effect: retrace_jit::Effect::ReentersInterpreter,
            fresh: Vec::new(),
        });
        let mut args = vec![
            self.constant(self.jit.reentry_addr as Word, Type::Int),
            self.constant(code as Word, Type::Int),
            self.constant(nargs as Word, Type::Int),
            self.constant(nlocals as Word, Type::Int),
            self.constant(fill, Type::Int),
        ];
        let zero = self.constant(0, Type::Int);
        let first = self.refs.len() - nargs;
        for i in 0..3 {
            args.push(if i < nargs {
                self.refs[first + i]
            } else {
                zero
            });
        }
        let _ = self.current_snapshot();
        let call = self.trace.push(Op::Call { helper, args });
        self.side_effect = true;
        let pending = self.constant(
            crate::driver::Driver::pending_addr(self.jit.reentry_addr) as Word,
            Type::Int,
        );
        self.guard(GuardKind::NoException, pending, 0);
        self.paused = Some((self.frames.depth(), call));
    }

    fn slot(&self, index: usize) -> Ref {
        if self.live() {
            self.refs[index - self.start_base]
        } else {
            Ref(0)
        }
    }
}

impl Ops for Rec<'_> {
    type V = RecValue;
    const JITTED: bool = true;

    fn konst(&mut self, w: Word) -> RecValue {
        let r = self.constant(w, Type::Int);
        RecValue { w, r }
    }

    fn konst_float(&mut self, f: f64) -> RecValue {
        let w = f.to_bits();
        let r = self.constant(w, Type::Float);
        RecValue { w, r }
    }

    fn bin(&mut self, op: BinOp, a: RecValue, b: RecValue) -> RecValue {
        self.value(op.eval(a.w, b.w), Op::Bin(op, a.r, b.r))
    }

    fn un(&mut self, op: UnOp, a: RecValue) -> RecValue {
        self.value(op.eval(a.w), Op::Un(op, a.r))
    }

    fn ovf(&mut self, op: OvfOp, a: RecValue, b: RecValue) -> Option<RecValue> {
        let (w, overflowed) = op.eval(a.w, b.w);
        let v = self.value(w, Op::Ovf(op, a.r, b.r));
        let kind = if overflowed {
            GuardKind::Overflow
        } else {
            GuardKind::NoOverflow
        };
        self.guard(kind, v.r, 0);
        (!overflowed).then_some(v)
    }

    fn is_true(&mut self, v: RecValue) -> bool {
        let b = v.w != 0;
        let kind = if b { GuardKind::True } else { GuardKind::False };
        self.guard(kind, v.r, 0);
        b
    }

    fn promote(&mut self, v: RecValue) -> Word {
        if self.live() && self.trace.type_of(v.r) != Some(Type::Int) {
            self.abort("promote of a non-word value".into());
        }
        self.guard(GuardKind::Value, v.r, v.w);
        v.w
    }

    unsafe fn load(&mut self, base: RecValue, offset: i32, ty: Type) -> RecValue {
        let addr = (base.w as usize).wrapping_add(offset as isize as usize);
        // SAFETY: the caller guarantees `base + offset` is a readable word.
        let w = unsafe { *(addr as *const Word) };
        self.value(
            w,
            Op::Load {
                base: base.r,
                offset,
                ty,
            },
        )
    }

    unsafe fn store(&mut self, base: RecValue, offset: i32, value: RecValue) {
        let addr = (base.w as usize).wrapping_add(offset as isize as usize);
        // SAFETY: the caller guarantees `base + offset` is a writable word.
        unsafe { *(addr as *mut Word) = value.w };
        if self.live() {
            self.trace.push(Op::Store {
                base: base.r,
                offset,
                value: value.r,
            });
            self.side_effect = true;
        }
    }

    fn call(&mut self, f: &'static Residual, args: &[RecValue]) -> RecValue {
        if args.len() != f.arity() {
            self.abort(format!("{} called with {} arguments", f.name, args.len()));
        }
        let words: Vec<Word> = args.iter().map(|a| a.w).collect();
        let w = f.call(&words);
        if !self.live() {
            return RecValue { w, r: Ref(0) };
        }
        if f.effect == retrace_jit::Effect::Allocates && !f.fresh.is_empty() {
            self.jit.observe_allocation(f.addr(), w);
        }
        let helper = self.trace.helper_index(&Helper {
            name: f.name,
            addr: f.addr(),
            params: vec![Type::Int; f.arity()],
            ret: Some(Type::Int),
            effect: f.effect,
            fresh: f.fresh.to_vec(),
        });
        let v = self.value(
            w,
            Op::Call {
                helper,
                args: args.iter().map(|a| a.r).collect(),
            },
        );
        if f.effect.is_side_effect() {
            self.side_effect = true;
        }
        v
    }

    fn quasi_immutable(&mut self, cell: &'static VersionCell) -> RecValue {
        let addr = self.constant(cell.version_addr() as Word, Type::Int);
        self.guard(GuardKind::NotInvalidated, addr, cell.version());
        let read = (cell.version_addr(), cell.version());
        if self.live() && !self.cells_read.contains(&read) {
            self.cells_read.push(read);
        }
        self.konst(cell.get())
    }

    fn local(&mut self, i: usize) -> RecValue {
        let index = self.frames.top.base as usize + i;
        RecValue {
            w: self.frames.stack[index],
            r: self.slot(index),
        }
    }

    fn set_local(&mut self, i: usize, v: RecValue) {
        let index = self.frames.top.base as usize + i;
        self.frames.stack[index] = v.w;
        if self.live() {
            self.refs[index - self.start_base] = v.r;
        }
    }

    fn push(&mut self, v: RecValue) {
        self.frames.push(v.w);
        if self.live() {
            self.refs.push(v.r);
        }
    }

    fn pop(&mut self) -> RecValue {
        let w = self.frames.stack.pop().unwrap_or(0);
        let r = if self.live() {
            self.refs.pop().unwrap_or(Ref(0))
        } else {
            Ref(0)
        };
        RecValue { w, r }
    }

    fn height(&self) -> usize {
        self.frames.stack.len() - self.frames.top.base as usize
    }

    fn frames(&self) -> &Frames {
        self.frames
    }

    fn code(&self) -> u32 {
        self.frames.top.code
    }

    fn pc(&self) -> u32 {
        self.frames.top.pc
    }

    fn set_pc(&mut self, pc: u32) {
        self.frames.top.pc = pc;
    }

    fn enter_frame(&mut self, code: u32, nargs: usize, nlocals: usize, fill: Word) {
        if self.live() && self.calls_through_interpreter(code, nargs) {
            self.record_reentry(code, nargs, nlocals, fill);
        } else if self.live() && self.jit.dont_inline.contains(&code) {
            self.finish(None, true);
        }
        self.frames.enter(code, nargs, nlocals, fill);
        if self.live() {
            let r = self.constant(fill, Type::Int);
            self.refs
                .resize(self.frames.stack.len() - self.start_base, r);
        }
    }

    fn leave_frame(&mut self, result: RecValue) -> bool {
        if let Some((depth, call)) = self.paused
            && self.frames.depth() == depth + 1
        {
            // The call the trace made through the interpreter returns: its
            // result is the call's value, and recording goes on.
            self.paused = None;
            let left = self.frames.leave(result.w);
            self.refs
                .truncate(self.frames.stack.len().saturating_sub(self.start_base + 1));
            self.refs.push(call);
            return left;
        }
        if self.live() && self.frames.depth() == self.start_depth {
            // The frame the trace started in returns: the trace ends with an
            // exit that pops that frame and hands the result to its caller.
            self.snapshots.push(Snapshot {
                frames: Vec::new(),
                refs: vec![result.r],
            });
            let resume = (self.snapshots.len() - 1) as u32;
            self.trace.push(Op::Finish {
                resume,
                pc: 0,
                exit: vec![result.r],
            });
            self.outcome = Some(Outcome::Finished { target: None });
        }
        let left = self.frames.leave(result.w);
        if self.live() {
            // The callee's slots go; the result lands where they started.
            let kept = self.frames.stack.len() - self.start_base - left as usize;
            self.refs.truncate(kept);
            if left {
                self.refs.push(result.r);
            }
        }
        left
    }

    fn insn_start(&mut self) -> bool {
        if self.outcome.is_none() && self.paused.is_some() {
            return true;
        }
        if !self.live() {
            return false;
        }
        if self.trace.len() > self.jit.settings.trace_limit as usize {
            if self.frames.depth() > self.start_depth {
                // Stop inlining the outermost callee: next time the trace ends
                // at its call and the interpreter runs it.
                let callee = self.frames.frame_at(self.start_depth + 1).code;
                self.jit.dont_inline.insert(callee);
            }
            self.abort(format!(
                "trace too long ({} operations, limit {})",
                self.trace.len(),
                self.jit.settings.trace_limit
            ));
            return false;
        }
        self.current = None;
        self.pending = Some(self.take_snapshot());
        self.side_effect = false;
        true
    }

    fn can_enter_function(&mut self) -> bool {
        // Calls the trace records are inlined or made through the
        // interpreter (`enter_frame` decides); nothing to do here.
        self.outcome.is_some()
    }

    fn can_enter_jit(&mut self) -> bool {
        if self.outcome.is_none() && self.paused.is_some() {
            return false;
        }
        if !self.live() {
            return true;
        }
        let top = self.frames.top;
        let depth = self.frames.depth();
        if let TraceKind::Loop { code, pc } = self.kind
            && (code, pc) == (top.code, top.pc)
            && depth == self.start_depth
        {
            if self.refs.len() != self.trace.num_inputs() {
                self.abort("the loop header's stack depth changed".into());
                return true;
            }
            let args = self.refs.clone();
            self.trace.push(Op::Jump(args));
            self.outcome = Some(Outcome::Looped);
            return true;
        }
        if let CellState::Compiled(t) = self.jit.cell_state(top.code, top.pc) {
            self.finish(Some(t), false);
            return true;
        }
        false
    }
}
