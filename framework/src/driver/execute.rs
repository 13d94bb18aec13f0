//! Running compiled code: entering a trace, following its exits (bridges,
//! finish targets, guard failures) and handing back to the interpreter.

use super::buffers::{ExitBuffer, build_virtuals, load_inputs, rebuild};
use super::reentry::Reentry;
use super::{Driver, LINK_BUFFER_WORDS, MAX_BRIDGE_ATTEMPTS, Next};
use crate::Word;
use crate::frames::Frames;
use crate::ops::Interpreter;
use retrace_jit::CompiledTrace;

impl Driver {
    /// Run compiled trace `t` from the running frame (at its loop header or
    /// function entry).
    #[inline(never)]
    pub(super) fn execute<I: Interpreter>(
        &mut self,
        interp: &mut I,
        frames: &mut Frames,
        t: usize,
    ) -> Next<I::Error> {
        let entry_base = frames.top.base as usize;
        let mut buf = self.buffers.pop().unwrap_or_else(ExitBuffer::new);
        self.jit.active += 1;
        let next = if !self.jit.enterable(t)
            || !load_inputs(&mut buf, frames, entry_base, &self.jit.traces[t].compiled)
        {
            Next::Interpret
        } else {
            self.run_compiled(interp, frames, &mut buf, t, None)
        };
        self.jit.active -= 1;
        self.buffers.push(buf);
        next
    }

    /// Go on from exit `k` of trace `t` (a direct call's callee that left
    /// its compiled code other than by returning): `exit` holds that exit's
    /// values, and the running frame is the callee's, just entered.
    pub(super) fn resume_exit<I: Interpreter>(
        &mut self,
        interp: &mut I,
        frames: &mut Frames,
        t: usize,
        k: usize,
        exit: &[Word],
    ) -> Next<I::Error> {
        let mut buf = self.buffers.pop().unwrap_or_else(ExitBuffer::new);
        let need = self.jit.traces[t]
            .compiled
            .buffer_len()
            .max(LINK_BUFFER_WORDS);
        buf.set_len(need);
        let n = self.jit.traces[t].compiled.guard_exit_len[k].min(exit.len());
        buf.words[..n].copy_from_slice(&exit[..n]);
        self.jit.active += 1;
        let next = self.run_compiled(interp, frames, &mut buf, t, Some(k));
        self.jit.active -= 1;
        self.buffers.push(buf);
        next
    }

    /// Run trace `t` on `buf` (its inputs, from the running frame) and
    /// follow its exits until the interpreter must go on; with `exited`,
    /// start at that exit of `t`, whose values `buf` holds.
    fn run_compiled<I: Interpreter>(
        &mut self,
        interp: &mut I,
        frames: &mut Frames,
        buf: &mut ExitBuffer,
        mut t: usize,
        mut exited: Option<usize>,
    ) -> Next<I::Error> {
        let mut entry_depth = frames.depth();
        let mut entry_base = frames.top.base as usize;
        {
            loop {
                let k = if let Some(k) = exited.take() {
                    k
                } else {
                    // Compiled code may call back into the interpreter
                    // (`reenter`): give it this run's driver, interpreter
                    // and frames, and use none of them until it returns.
                    let reentry: *mut Reentry = &mut *self.reentry;
                    // SAFETY: plain writes of pointers derived from our own
                    // `&mut` arguments into the driver's boxed Reentry.
                    unsafe {
                        (*reentry).driver = self as *mut Driver;
                        (*reentry).interp = interp as *mut I as *mut ();
                        (*reentry).frames = frames as *mut Frames;
                    }
                    let compiled: *const CompiledTrace = &self.jit.traces[t].compiled;
                    // SAFETY: `buf` holds at least `buffer_len()` words and
                    // LINK_BUFFER_WORDS (what linked traces may need): the
                    // inputs of `t` (the words of the frame at the position
                    // the trace was recorded at, or a parent guard's exit
                    // values for a bridge), which the trace checks before it
                    // relies on their kinds. The trace stays alive: traces
                    // are never freed while the driver runs (a nested run
                    // may push more, moving the entry but not the code).
                    let (from, k) = unsafe { (*compiled).run_linked(&mut buf.words) };
                    // Links may have led to another trace: the exit is its.
                    // Linked traces share the entry frame, so entry_depth
                    // and entry_base stay right.
                    t = from as usize;
                    k
                };
                if self.reentry.pending != 0 {
                    self.reentry.pending = 0;
                    if let Some(e) = self.reentry.error.take()
                        && let Ok(e) = e.downcast::<I::Error>()
                    {
                        return Next::End(Err(*e));
                    }
                }
                let entry = &self.jit.traces[t];
                let exit = &entry.exits[k];
                if exit.is_finish {
                    build_virtuals(&entry.compiled, k, &mut buf.words);
                    if exit.snapshot.frames.is_empty()
                        && frames.floor > 0
                        && entry_depth == frames.floor
                    {
                        // A function trace returned out of the first frame of
                        // a nested run: the run is over, with this result.
                        let result = buf.words[0];
                        frames.stack.truncate(entry_base);
                        frames.callers.truncate(entry_depth);
                        if let Some(caller) = frames.callers.pop() {
                            frames.top = caller;
                        }
                        return Next::End(Ok(result));
                    }
                    rebuild(frames, &exit.snapshot, &buf.words, entry_depth, entry_base);
                    match exit.target {
                        Some(next) => {
                            if !self.jit.enterable(next) {
                                return Next::Interpret;
                            }
                            entry_depth = frames.depth();
                            entry_base = frames.top.base as usize;
                            if !load_inputs(
                                buf,
                                frames,
                                entry_base,
                                &self.jit.traces[next].compiled,
                            ) {
                                return Next::Interpret;
                            }
                            t = next;
                            continue;
                        }
                        None => return Next::Interpret,
                    }
                }
                if let Some(bridge) = entry.bridges[k] {
                    // The exit values are the bridge's inputs, in order;
                    // objects the exit describes are built first.
                    build_virtuals(&entry.compiled, k, &mut buf.words);
                    let need = self.jit.traces[bridge]
                        .compiled
                        .buffer_len()
                        .max(LINK_BUFFER_WORDS);
                    if buf.words.len() < need {
                        buf.set_len(need);
                    }
                    t = bridge;
                    continue;
                }
                build_virtuals(&entry.compiled, k, &mut buf.words);
                rebuild(frames, &exit.snapshot, &buf.words, entry_depth, entry_base);
                self.jit.stats.guard_failures += 1;
                if entry.compiled.exit_kinds[k] == Some(retrace_jit::GuardKind::NotInvalidated) {
                    // A cell it read was written: never enter it again.
                    self.jit.stats.invalidated += 1;
                    self.jit.retire(t, "a quasi-immutable cell it read changed");
                    return Next::Interpret;
                }
                let eagerness = self.jit.settings.trace_eagerness;
                let entry = &mut self.jit.traces[t];
                entry.failures[k] += 1;
                let failures = entry.failures[k];
                let wants_bridge =
                    failures >= eagerness && entry.bridge_attempts[k] < MAX_BRIDGE_ATTEMPTS;
                if self.jit.log {
                    let f = frames.top;
                    eprintln!(
                        "[jit] guard {k} of trace {t} failed ({failures} times); resuming at code {} pc {}",
                        f.code, f.pc
                    );
                }
                return if wants_bridge {
                    Next::RecordBridge {
                        trace: t,
                        guard: k,
                        depth: entry_depth,
                    }
                } else {
                    Next::Interpret
                };
            }
        }
    }
}
