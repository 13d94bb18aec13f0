//! Plain mode: every operation runs directly on words.
//!
//! Nothing here asks whether a trace is being recorded: the recorder is a
//! different type, and the interpreter's dispatch loop is monomorphised for
//! each. The only JIT work in plain mode is `can_enter_jit`'s hotness count at
//! backward jumps.

use crate::Word;
use crate::driver::{JitState, Request};
use crate::frames::Frames;
use crate::ops::{BinOp, Ops, OvfOp, Residual, Type, UnOp, VersionCell};

/// The plain-mode implementation of [`Ops`].
pub struct Plain<'a> {
    pub(crate) frames: &'a mut Frames,
    pub(crate) jit: &'a mut JitState,
    pub(crate) request: Request,
}

impl<'a> Plain<'a> {
    pub(crate) fn new(frames: &'a mut Frames, jit: &'a mut JitState) -> Plain<'a> {
        Plain {
            frames,
            jit,
            request: Request::Nothing,
        }
    }
}

impl Ops for Plain<'_> {
    type V = Word;
    const JITTED: bool = false;

    #[inline(always)]
    fn konst(&mut self, w: Word) -> Word {
        w
    }
    #[inline(always)]
    fn konst_float(&mut self, f: f64) -> Word {
        f.to_bits()
    }
    #[inline(always)]
    fn bin(&mut self, op: BinOp, a: Word, b: Word) -> Word {
        op.eval(a, b)
    }
    #[inline(always)]
    fn un(&mut self, op: UnOp, a: Word) -> Word {
        op.eval(a)
    }
    #[inline(always)]
    fn ovf(&mut self, op: OvfOp, a: Word, b: Word) -> Option<Word> {
        match op.eval(a, b) {
            (w, false) => Some(w),
            (_, true) => None,
        }
    }
    #[inline(always)]
    fn is_true(&mut self, v: Word) -> bool {
        v != 0
    }
    #[inline(always)]
    fn promote(&mut self, v: Word) -> Word {
        v
    }
    #[inline(always)]
    unsafe fn load(&mut self, base: Word, offset: i32, _ty: Type) -> Word {
        // SAFETY: the caller guarantees `base + offset` is a readable word.
        unsafe { *((base as usize).wrapping_add(offset as isize as usize) as *const Word) }
    }
    #[inline(always)]
    unsafe fn store(&mut self, base: Word, offset: i32, value: Word) {
        // SAFETY: the caller guarantees `base + offset` is a writable word.
        unsafe { *((base as usize).wrapping_add(offset as isize as usize) as *mut Word) = value }
    }
    #[inline(always)]
    fn call(&mut self, f: &'static Residual, args: &[Word]) -> Word {
        f.call(args)
    }
    #[inline(always)]
    fn quasi_immutable(&mut self, cell: &'static VersionCell) -> Word {
        cell.get()
    }
    #[inline(always)]
    fn local(&mut self, i: usize) -> Word {
        self.frames.stack[self.frames.top.base as usize + i]
    }
    #[inline(always)]
    fn set_local(&mut self, i: usize, v: Word) {
        let base = self.frames.top.base as usize;
        self.frames.stack[base + i] = v;
    }
    #[inline(always)]
    fn push(&mut self, v: Word) {
        self.frames.push(v);
    }
    #[inline(always)]
    fn pop(&mut self) -> Word {
        // The bytecode compiler keeps the stack balanced; an underflow reads 0.
        self.frames.stack.pop().unwrap_or(0)
    }
    #[inline(always)]
    fn height(&self) -> usize {
        self.frames.stack.len() - self.frames.top.base as usize
    }
    #[inline(always)]
    fn truncate(&mut self, height: usize) {
        let base = self.frames.top.base as usize;
        self.frames.stack.truncate(base + height);
    }
    #[inline(always)]
    fn frames(&self) -> &Frames {
        self.frames
    }
    #[inline(always)]
    fn code(&self) -> u32 {
        self.frames.top.code
    }
    #[inline(always)]
    fn pc(&self) -> u32 {
        self.frames.top.pc
    }
    #[inline(always)]
    fn set_pc(&mut self, pc: u32) {
        self.frames.top.pc = pc;
    }
    #[inline(always)]
    fn enter_frame(&mut self, code: u32, nargs: usize, nlocals: usize, fill: Word) {
        self.frames.enter(code, nargs, nlocals, fill);
    }
    #[inline(always)]
    fn leave_frame(&mut self, result: Word) -> bool {
        self.frames.leave(result)
    }
    #[inline(always)]
    fn insn_start(&mut self) -> bool {
        true
    }
    #[inline]
    fn can_enter_function(&mut self) -> bool {
        match self.jit.hot_function_entry(self.frames.top.code) {
            Request::Nothing => false,
            r => {
                self.request = r;
                true
            }
        }
    }
    #[inline]
    fn can_enter_jit(&mut self) -> bool {
        let top = self.frames.top;
        match self.jit.hot_backward_jump(top.code, top.pc) {
            Request::Nothing => false,
            r => {
                self.request = r;
                true
            }
        }
    }
}
