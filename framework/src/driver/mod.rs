//! The driver: runs an interpreter in plain mode, records hot loops, compiles
//! them, runs the compiled code and resumes the interpreter when it exits.
//!
//! States of one loop header (a green key: code, pc): counting backward
//! jumps; compiled; or given up after repeated aborts. In plain mode
//! `can_enter_jit` bumps the count; at the threshold the dispatch loop returns
//! to the driver, which reruns it in recording mode from the same state. A
//! trace that closed is optimized, compiled and entered at once.
//!
//! Exits. Compiled code returns the number of the guard that failed and has
//! stored that guard's live values (the slots of every traced frame, named
//! by its snapshot) in the exit buffer. If the guard has a bridge, the buffer
//! is exactly the bridge's inputs and the bridge runs next. Otherwise the
//! driver rebuilds the frames from the snapshot (the frame the trace was
//! entered in, plus one frame per call inlined at that point) and the
//! interpreter resumes at the start of the instruction the guard belongs to.
//! A guard that failed `trace_eagerness` times gets a bridge recorded from the
//! rebuilt state. A finish exit rebuilds the frames the same way and enters
//! its target trace, if it has one.

mod buffers;
mod compile;
mod execute;
mod lifetimes;
mod reentry;
mod state;

pub use state::{JitState, JitStats};

use crate::Word;
use crate::frames::Frames;
use crate::ops::{Effect, Interpreter, Residual, ResidualFn, Stop};
use crate::plain::Plain;
use crate::record::TraceKind;
use crate::settings::JitSettings;
use buffers::ExitBuffer;
use reentry::{Reentry, finish_call, reenter};

/// What `can_enter_jit` asks the driver to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Request {
    Nothing,
    Trace,
    TraceFunction,
    Enter(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CellState {
    Counting(u32),
    Compiled(usize),
    DontTrace,
}

#[derive(Clone, Copy, Debug)]
struct HotCell {
    state: CellState,
    aborts: u8,
}

const NEW_CELL: HotCell = HotCell {
    state: CellState::Counting(0),
    aborts: 0,
};

/// Aborts of one loop header before it is never traced again.
const MAX_ABORTS: u8 = 3;
/// Failed bridge recordings from one guard before it stops trying.
const MAX_BRIDGE_ATTEMPTS: u8 = 3;
/// Every exit buffer holds at least this many words, so compiled code may
/// go from trace to trace through links (which the driver never sees) as
/// long as each linked trace needs no more.
const LINK_BUFFER_WORDS: usize = 512;

extern "C" fn write_barrier(obj: Word) -> Word {
    // SAFETY: callers pass the payload address of a live object (the
    // residual's contract), whose header precedes it.
    if let Some(obj) = unsafe { retrace_gc::GcPtr::from_addr(obj as usize) } {
        retrace_gc::write_barrier(obj);
    }
    0
}

/// The GC's write barrier as a residual call: call it with an object after
/// storing a reference into it. Compiled code tests the object's header
/// inline and makes the call only for an old object not yet remembered.
pub static WRITE_BARRIER: Residual = Residual {
    name: "retrace_write_barrier",
    func: ResidualFn::Args1(write_barrier),
    effect: Effect::WritesHeap,
    fresh: &[],
};

/// What the driver does next.
enum Next<E> {
    Interpret,
    RecordLoop,
    RecordFunction,
    RecordBridge {
        trace: usize,
        guard: usize,
        depth: usize,
    },
    Enter(usize),
    End(Result<Word, E>),
}

/// Runs an interpreter with its JIT.
pub struct Driver {
    pub jit: JitState,
    /// Entry/exit buffers of compiled code, one per nesting level of calls
    /// from compiled code into the interpreter.
    buffers: Vec<ExitBuffer>,
    reentry: Box<Reentry>,
}

impl Driver {
    pub fn new(settings: JitSettings) -> Driver {
        let mut reentry = Box::new(Reentry {
            driver: std::ptr::null_mut(),
            interp: std::ptr::null_mut(),
            frames: std::ptr::null_mut(),
            pending: 0,
            error: None,
            stack_start: 0,
            stack_limit: 0,
        });
        let mut jit = JitState::new(settings);
        jit.reentry_addr = &mut *reentry as *mut Reentry as usize;
        Driver {
            jit,
            buffers: Vec::new(),
            reentry,
        }
    }

    /// The address of the word compiled code compares its stack with
    /// before a direct call.
    fn reentry_stack_limit_addr(&mut self) -> usize {
        &mut self.reentry.stack_limit as *mut usize as usize
    }

    /// The address of the pending-error cell (for guard_no_exception).
    pub(crate) fn pending_addr(reentry_addr: usize) -> usize {
        reentry_addr + std::mem::offset_of!(Reentry, pending)
    }

    /// Run the program whose frames are `frames` to its end.
    pub fn run<I: Interpreter>(
        &mut self,
        interp: &mut I,
        frames: &mut Frames,
    ) -> Result<Word, I::Error> {
        self.jit.reenter_fn = reenter::<I> as *const () as usize;
        self.jit.finish_call_fn = finish_call::<I> as *const () as usize;
        self.jit.stack_limit_addr = self.reentry_stack_limit_addr();
        let marker = 0usize;
        self.reentry.stack_start = &marker as *const usize as usize;
        self.reentry.stack_limit = self
            .reentry
            .stack_start
            .saturating_sub(reentry::REENTRY_STACK_BUDGET);
        self.run_from(interp, frames, Next::Interpret)
    }

    fn run_from<I: Interpreter>(
        &mut self,
        interp: &mut I,
        frames: &mut Frames,
        mut next: Next<I::Error>,
    ) -> Result<Word, I::Error> {
        loop {
            if !self.jit.dead.is_empty() {
                self.jit.free_dead();
            }
            next = match next {
                Next::Interpret => {
                    let mut plain = Plain::new(frames, &mut self.jit);
                    let stop = interp.run(&mut plain);
                    let request = plain.request;
                    match stop {
                        Stop::Done(w) => Next::End(Ok(w)),
                        Stop::Error(e) => Next::End(Err(e)),
                        Stop::Jit => match request {
                            Request::Nothing => Next::Interpret,
                            Request::Trace => Next::RecordLoop,
                            Request::TraceFunction => Next::RecordFunction,
                            Request::Enter(t) => Next::Enter(t),
                        },
                    }
                }
                Next::RecordLoop => {
                    let top = frames.top;
                    let kind = TraceKind::Loop {
                        code: top.code,
                        pc: top.pc,
                    };
                    self.record(interp, frames, kind, frames.depth())
                }
                Next::RecordFunction => {
                    let kind = TraceKind::Function {
                        code: frames.top.code,
                    };
                    self.record(interp, frames, kind, frames.depth())
                }
                Next::RecordBridge {
                    trace,
                    guard,
                    depth,
                } => self.record(interp, frames, TraceKind::Bridge { trace, guard }, depth),
                Next::Enter(t) => self.execute(interp, frames, t),
                Next::End(result) => return result,
            }
        }
    }
}
