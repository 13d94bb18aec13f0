//! The trait opcode handlers are written against, and the hints.
//!
//! An interpreter writes its handlers once, generic over [`Ops`]. The driver
//! monomorphises them twice: [`Plain`](crate::plain::Plain) runs each operation
//! directly (no "am I tracing?" test anywhere), the recorder runs it and also
//! appends its IR operation to the trace. Values are one opaque `Copy` type
//! with no `PartialEq` and no `Deref`: a handler can only branch on a value by
//! turning it into a host `bool` (or word) through the trait, which in
//! recording mode emits the guard. So every branch in a handler is guarded by
//! construction.
//!
//! Program positions (code object, pc) are greens: the handler reads them as
//! host integers through `code()`/`pc()`, and everything derived from them
//! (the instruction, its operands) is a trace constant via `konst`.

use crate::Word;
pub use retrace_jit::ir::{BinOp, Effect, FreshWord, OvfOp, Type, UnOp};
use std::cell::Cell;

/// How the interpreter's dispatch loop stopped.
#[derive(Debug)]
pub enum Stop<E> {
    /// The program finished with this value.
    Done(Word),
    /// The program failed.
    Error(E),
    /// The driver asked for control (`insn_start` returned false or
    /// `can_enter_jit` returned true); the frames say where to go on.
    Jit,
}

/// An interpreter the driver can run: its dispatch loop, generic over the mode.
pub trait Interpreter {
    /// `'static`: an error raised inside a call from compiled code travels
    /// back to the driver as `Box<dyn Any>`.
    type Error: 'static;

    /// Run from the frames' current position until the program ends or the
    /// driver asks for control. Mark it `#[inline(always)]` around a loop of
    /// `insn_start`, fetch, `match`.
    fn run<O: Ops>(&mut self, o: &mut O) -> Stop<Self::Error>;

    /// A program position in words, for logs ("main:12").
    fn describe(&self, code: u32, pc: u32) -> String {
        format!("code {code} pc {pc}")
    }
}

/// A Rust function that handlers call as one operation (a residual call): the
/// JIT never looks inside it, it records one call with the given effect class.
/// `name` must be unique in the process (it is the symbol traces link to).
///
/// An allocating function (`Effect::Allocates`) may list the words of the
/// fresh object it returns (byte offset, value) in `fresh`: traces then
/// avoid the allocation while the object does not escape, reading its words
/// directly, and build it only when an exit needs it. Leave `fresh` empty
/// otherwise.
#[derive(Debug)]
pub struct Residual {
    pub name: &'static str,
    pub func: ResidualFn,
    pub effect: Effect,
    pub fresh: &'static [(i32, FreshWord)],
}

/// The shapes of residual functions: up to three words in, one word out.
#[derive(Clone, Copy, Debug)]
pub enum ResidualFn {
    Args0(extern "C" fn() -> Word),
    Args1(extern "C" fn(Word) -> Word),
    Args2(extern "C" fn(Word, Word) -> Word),
    Args3(extern "C" fn(Word, Word, Word) -> Word),
}

impl Residual {
    pub fn arity(&self) -> usize {
        match self.func {
            ResidualFn::Args0(_) => 0,
            ResidualFn::Args1(_) => 1,
            ResidualFn::Args2(_) => 2,
            ResidualFn::Args3(_) => 3,
        }
    }

    pub fn addr(&self) -> usize {
        match self.func {
            ResidualFn::Args0(f) => f as usize,
            ResidualFn::Args1(f) => f as usize,
            ResidualFn::Args2(f) => f as usize,
            ResidualFn::Args3(f) => f as usize,
        }
    }

    /// Call it on words; missing arguments are 0 (the trait checks arity).
    #[inline(always)]
    pub fn call(&self, args: &[Word]) -> Word {
        let a = |i: usize| args.get(i).copied().unwrap_or(0);
        match self.func {
            ResidualFn::Args0(f) => f(),
            ResidualFn::Args1(f) => f(a(0)),
            ResidualFn::Args2(f) => f(a(0), a(1)),
            ResidualFn::Args3(f) => f(a(0), a(1), a(2)),
        }
    }
}

/// A quasi-immutable value: read as a constant by traces, which check with
/// `guard_not_invalidated` that no write happened since they were recorded.
/// A write bumps the version, so every trace that relied on the old value
/// leaves through that guard (and retraces once it fails often).
#[derive(Debug, Default)]
pub struct VersionCell {
    version: Cell<u64>,
    value: Cell<Word>,
}

impl VersionCell {
    pub const fn new(value: Word) -> VersionCell {
        VersionCell {
            version: Cell::new(0),
            value: Cell::new(value),
        }
    }

    pub fn set(&self, value: Word) {
        self.value.set(value);
        self.version.set(self.version.get().wrapping_add(1));
    }

    pub fn get(&self) -> Word {
        self.value.get()
    }

    pub fn version(&self) -> u64 {
        self.version.get()
    }

    /// The address of the version word, which compiled guards load.
    pub fn version_addr(&self) -> usize {
        self.version.as_ptr() as usize
    }
}

/// The operations handlers are written against. See the module essay.
pub trait Ops {
    /// A value: one word (an int, a reference, or a double's bits) and, in
    /// recording mode, its IR name.
    type V: Copy;

    /// `we_are_jitted`: true in the recording mode (the path that traces).
    const JITTED: bool;

    // --- constants and primitive operations ---------------------------------

    /// A constant word (from the bytecode, or any green).
    fn konst(&mut self, w: Word) -> Self::V;
    /// A constant double.
    fn konst_float(&mut self, f: f64) -> Self::V;
    fn bin(&mut self, op: BinOp, a: Self::V, b: Self::V) -> Self::V;
    fn un(&mut self, op: UnOp, a: Self::V) -> Self::V;
    /// An operation that may overflow: None when it did.
    fn ovf(&mut self, op: OvfOp, a: Self::V, b: Self::V) -> Option<Self::V>;

    // --- turning values into host values (these guard) ----------------------

    /// Whether the word is nonzero; recording emits guard_true/guard_false.
    fn is_true(&mut self, v: Self::V) -> bool;
    /// The value as a host word; recording emits guard_value and makes the
    /// value a trace constant from here on (`promote`).
    fn promote(&mut self, v: Self::V) -> Word;
    /// The word of a double value, as a host f64 (promotes).
    fn promote_float(&mut self, v: Self::V) -> f64 {
        f64::from_bits(self.promote(v))
    }

    // --- memory ---------------------------------------------------------------

    /// Load the word (or double, by `ty`) at `base + offset`.
    ///
    /// # Safety
    /// `base + offset` must be a readable, aligned word for as long as any
    /// trace recorded here can run with values of the same kinds.
    unsafe fn load(&mut self, base: Self::V, offset: i32, ty: Type) -> Self::V;
    /// Store at `base + offset` (a side effect).
    ///
    /// # Safety
    /// As for `load`, writable; the caller applies the GC's write barrier.
    unsafe fn store(&mut self, base: Self::V, offset: i32, value: Self::V);

    /// A residual call: never traced into; recorded as one call of `f.effect`.
    /// `args.len()` must equal the function's arity.
    fn call(&mut self, f: &'static Residual, args: &[Self::V]) -> Self::V;

    /// Read a quasi-immutable cell: a trace constant behind guard_not_invalidated.
    fn quasi_immutable(&mut self, cell: &'static VersionCell) -> Self::V;

    // --- the virtualizable frame ----------------------------------------------

    fn local(&mut self, i: usize) -> Self::V;
    fn set_local(&mut self, i: usize, v: Self::V);
    fn push(&mut self, v: Self::V);
    fn pop(&mut self) -> Self::V;
    /// How many slots the running frame has: its header, locals and
    /// operands (`local(height() - 1)` is the top operand).
    fn height(&self) -> usize;
    /// Drop operands until the running frame has `height` slots (exception
    /// unwinding resets the operand stack to a handler's depth). Built from
    /// `pop`, so every mode keeps its own bookkeeping right.
    fn truncate(&mut self, height: usize) {
        while self.height() > height {
            self.pop();
        }
    }
    /// Every frame, read-only, for introspection outside the handlers'
    /// data flow (a traceback, `sys._getframe`): the words read this way
    /// are not tracked in recording mode, so a handler must not compute
    /// with them on a path that can be traced.
    fn frames(&self) -> &crate::frames::Frames;
    /// The running frame's code object and pc (greens).
    fn code(&self) -> u32;
    fn pc(&self) -> u32;
    fn set_pc(&mut self, pc: u32);
    /// Call `code`: the top `nargs` operands become its first locals. The
    /// caller's pc must already point after the call instruction.
    fn enter_frame(&mut self, code: u32, nargs: usize, nlocals: usize, fill: Word);
    /// Call `code` on frames with a header (`Frames::with_header`): the top
    /// `nargs` operands become its first locals after the `header` words,
    /// which go in below them. Built from `pop`/`push`/`enter_frame`, so it
    /// means the same in every mode.
    fn enter_frame_with_header(
        &mut self,
        code: u32,
        header: &[Self::V],
        nargs: usize,
        nlocals: usize,
        fill: Word,
    ) {
        let mut args: Vec<Self::V> = (0..nargs).map(|_| self.pop()).collect();
        for &h in header {
            self.push(h);
        }
        while let Some(a) = args.pop() {
            self.push(a);
        }
        let k = header.len();
        self.enter_frame(code, k + nargs, k + nlocals, fill);
    }
    /// Return from the running frame with `result`, which lands on the
    /// caller's operand stack. False when there is no caller to return to
    /// (the program's outermost frame, or the first frame of a call that
    /// compiled code made into the interpreter): the dispatch loop then
    /// returns `Stop::Done(o.promote(result))`.
    fn leave_frame(&mut self, result: Self::V) -> bool;

    // --- hints ------------------------------------------------------------------

    /// The merge point, at the top of the dispatch loop before fetching: the
    /// greens are the running frame's (code, pc), the reds its slots. It is the
    /// resume point of the instruction about to run. Returns false when the
    /// driver wants control: return `Stop::Jit` before running anything.
    fn insn_start(&mut self) -> bool;
    /// At a backward jump of the user program, after setting the pc to the loop
    /// header: counts hotness, starts tracing, enters compiled code. Returns
    /// true when the dispatch loop must return `Stop::Jit`.
    fn can_enter_jit(&mut self) -> bool;
    /// Right after `enter_frame` of a call: counts calls of the function
    /// (`function_threshold`), traces its entry, enters its compiled code.
    /// Returns true when the dispatch loop must return `Stop::Jit`.
    fn can_enter_function(&mut self) -> bool;
}
