//! Calls from compiled code into the interpreter (`reenter`): a call that a
//! trace does not inline runs the callee through a nested driver run.

use super::{CellState, Driver, Next};
use crate::Word;
use crate::frames::Frames;
use crate::ops::Interpreter;

/// What a call from compiled code into the interpreter needs: raw pointers
/// to the driver, the interpreter and the frames of the run in progress,
/// refreshed before compiled code runs; and the pending-error cell that
/// `guard_no_exception` after such a call reads.
pub(super) struct Reentry {
    pub(super) driver: *mut Driver,
    pub(super) interp: *mut (),
    pub(super) frames: *mut Frames,
    /// Nonzero when the last call raised; the error is in `error`.
    pub(super) pending: Word,
    pub(super) error: Option<Box<dyn std::any::Any>>,
    /// The native stack address where the outermost run started.
    pub(super) stack_start: usize,
}

/// Native stack a run may use for calls from compiled code into the
/// interpreter (each nests Rust and JIT frames). Past it, such calls run in
/// the interpreter alone, which keeps its frames off the native stack.
pub(super) const REENTRY_STACK_BUDGET: usize = 1 << 20;

/// Called by compiled code for a call it does not inline (a recursive
/// call): runs function `code` on `nargs` of `a0..a2` to its return, through
/// the driver (so its loops and its own function trace run compiled), and
/// returns its result. A runtime error sets the pending cell and returns 0.
pub(super) extern "C" fn reenter<I: Interpreter>(
    ctx: Word,
    code: Word,
    nargs: Word,
    nlocals: Word,
    fill: Word,
    a0: Word,
    a1: Word,
    a2: Word,
) -> Word {
    let ctx = ctx as *mut Reentry;
    // SAFETY: `ctx` is the driver's boxed `Reentry`, whose pointers
    // `Driver::execute` set (from its own `&mut` arguments, which it does not
    // use while compiled code runs) just before running the trace that made
    // this call; the run is single-threaded.
    let (driver, interp, frames) = unsafe {
        (
            &mut *(*ctx).driver,
            &mut *((*ctx).interp as *mut I),
            &mut *(*ctx).frames,
        )
    };
    // SAFETY: as above.
    let saved = unsafe { ((*ctx).driver, (*ctx).interp, (*ctx).frames) };
    for a in [a0, a1, a2].into_iter().take(nargs as usize) {
        frames.push(a);
    }
    frames.enter(code as u32, nargs as usize, nlocals as usize, fill);
    let old_floor = frames.floor;
    frames.floor = frames.depth();
    let here = &old_floor as *const usize as usize;
    // SAFETY: as above.
    let used = unsafe { (*ctx).stack_start }.saturating_sub(here);
    let was_enabled = driver.jit.settings.enabled;
    let start = if used > REENTRY_STACK_BUDGET {
        // Deep recursion through compiled code: go on in the interpreter.
        driver.jit.settings.enabled = false;
        Next::Interpret
    } else {
        match driver.jit.function_state(code as u32) {
            CellState::Compiled(t) => Next::Enter(t),
            _ => Next::Interpret,
        }
    };
    // The callee's compiled code first, without the dispatch loop of
    // `run_from` (whose frame holds the whole interpreter), when it has some.
    let result = match start {
        Next::Enter(t) => match driver.execute(interp, frames, t) {
            Next::End(result) => result,
            next => driver.run_from(interp, frames, next),
        },
        next => driver.run_from(interp, frames, next),
    };
    driver.jit.settings.enabled = was_enabled;
    frames.floor = old_floor;
    // SAFETY: restore what the outer `execute` set: the nested run
    // overwrote the pointers with ones derived from the same objects.
    unsafe {
        (*ctx).driver = saved.0;
        (*ctx).interp = saved.1;
        (*ctx).frames = saved.2;
    }
    match result {
        Ok(w) => w,
        Err(e) => {
            // SAFETY: as above.
            unsafe {
                (*ctx).pending = 1;
                (*ctx).error = Some(Box::new(e));
            }
            0
        }
    }
}
