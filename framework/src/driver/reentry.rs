//! Calls from compiled code into the interpreter (`reenter`): a call that a
//! trace does not inline runs the callee through a nested driver run.
//!
//! Most such calls never get here: the backend compiles them as direct
//! calls of the callee's function-entry trace (`retrace_jit::backend`'s
//! `calls` module), through the callee's function slot. They come here
//! only when the callee has no compiled entry (or a different frame
//! shape), or past the native stack budget (`reenter`); and when the
//! callee's compiled code left it other than by returning (`finish_call`):
//! a guard failed, it finished into code the backend could not follow, or
//! a nested call raised. `finish_call` then builds the callee's frame from
//! that exit and lets the driver run it to its return, as `reenter` would.

use super::{CellState, Driver, Next};
use crate::Word;
use crate::frames::Frames;
use crate::ops::Interpreter;
use retrace_jit::backend::RETURN_EXIT;

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
    /// `stack_start - REENTRY_STACK_BUDGET`: direct calls from compiled
    /// code start above it, and go through `reenter` below it.
    pub(super) stack_limit: usize,
}

/// Native stack a run may use for calls from compiled code into the
/// interpreter (each nests Rust and JIT frames). Past it, such calls run in
/// the interpreter alone, which keeps its frames off the native stack.
pub(super) const REENTRY_STACK_BUDGET: usize = 1 << 20;

/// The pointers of a run in progress, saved by a call from compiled code
/// and put back when it returns.
type SavedRun = (*mut Driver, *mut (), *mut Frames);

/// The driver, interpreter and frames of the run in progress behind `ctx`,
/// and its pointers to put back afterwards ([`finish_run`]).
///
/// # Safety
/// `ctx` is the driver's boxed `Reentry`, whose pointers `Driver::execute`
/// set (from its own `&mut` arguments, which it does not use while compiled
/// code runs) just before running the trace that made this call, with an
/// interpreter of type `I`; the run is single-threaded.
unsafe fn run_in_progress<'a, I: Interpreter>(
    ctx: *mut Reentry,
) -> (&'a mut Driver, &'a mut I, &'a mut Frames, SavedRun) {
    // SAFETY: the caller's contract.
    unsafe {
        (
            &mut *(*ctx).driver,
            &mut *((*ctx).interp as *mut I),
            &mut *(*ctx).frames,
            ((*ctx).driver, (*ctx).interp, (*ctx).frames),
        )
    }
}

/// Ends a call from compiled code: puts back the pointers the outer
/// `execute` set (a nested run overwrote them with ones derived from the
/// same objects) and returns the callee's result, or 0 with the error in
/// the pending cell.
///
/// # Safety
/// `ctx` is the `Reentry` given to [`run_in_progress`], which gave `saved`.
unsafe fn finish_run<E: 'static>(
    ctx: *mut Reentry,
    saved: SavedRun,
    result: Result<Word, E>,
) -> Word {
    // SAFETY: the caller's contract; nothing else holds a reference to
    // `*ctx` now.
    unsafe {
        (*ctx).driver = saved.0;
        (*ctx).interp = saved.1;
        (*ctx).frames = saved.2;
        match result {
            Ok(w) => w,
            Err(e) => {
                (*ctx).pending = 1;
                (*ctx).error = Some(Box::new(e));
                0
            }
        }
    }
}

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
    // SAFETY: compiled code passes the driver's `Reentry` as `ctx`, set by
    // the `execute` running the trace that made this call.
    let (driver, interp, frames, saved) = unsafe { run_in_progress::<I>(ctx) };
    for a in [a0, a1, a2].into_iter().take(nargs as usize) {
        frames.push(a);
    }
    frames.enter(code as u32, nargs as usize, nlocals as usize, fill);
    let old_floor = frames.floor;
    frames.floor = frames.depth();
    let here = &old_floor as *const usize as usize;
    // SAFETY: `ctx` is the driver's live `Reentry` (see above).
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
    // SAFETY: `ctx` is the same `Reentry` as above.
    unsafe { finish_run(ctx, saved, result) }
}

/// Called by compiled code when a direct call's callee left its compiled
/// code other than by returning: exit code `exit_code` (trace and exit
/// number), exit values at `buf` (the call buffer on the caller's native
/// stack). Pushes the callee's frame as `reenter` does, rebuilds it from the
/// exit and runs the driver to the callee's return; returns its result. A
/// runtime error sets the pending cell and returns 0.
pub(super) extern "C" fn finish_call<I: Interpreter>(
    ctx: Word,
    code: Word,
    nargs: Word,
    nlocals: Word,
    fill: Word,
    exit_code: Word,
    buf: Word,
) -> Word {
    let ctx = ctx as *mut Reentry;
    // SAFETY: compiled code passes the driver's `Reentry` as `ctx`, set by
    // the `execute` running the trace that made this call.
    let (driver, interp, frames, saved) = unsafe { run_in_progress::<I>(ctx) };
    // The callee's frame; rebuilding from the exit overwrites its words.
    for _ in 0..nargs {
        frames.push(fill);
    }
    frames.enter(code as u32, nargs as usize, nlocals as usize, fill);
    let old_floor = frames.floor;
    frames.floor = frames.depth();
    driver.jit.stats.call_exits += 1;
    let t = (exit_code >> 32) as usize;
    let k = (exit_code & (RETURN_EXIT - 1)) as usize;
    let exit_len = driver.jit.traces[t].compiled.guard_exit_len[k];
    // SAFETY: the direct call passed its call buffer, which holds at least
    // the exit's values (every trace reachable from a function slot fits
    // it), and which nothing else uses until this returns.
    let exit = unsafe { std::slice::from_raw_parts(buf as *const Word, exit_len) };
    let result = match driver.resume_exit(interp, frames, t, k, exit) {
        Next::End(result) => result,
        next => driver.run_from(interp, frames, next),
    };
    frames.floor = old_floor;
    // SAFETY: `ctx` is the same `Reentry` as above.
    unsafe { finish_run(ctx, saved, result) }
}
