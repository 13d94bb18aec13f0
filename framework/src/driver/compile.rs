//! Recording a trace, optimizing and compiling it, and entering it into the
//! trace table (hotness cells, bridge slots, links); aborted recordings.

use super::lifetimes::{ExitInfo, TraceEntry};
use super::{CellState, Driver, LINK_BUFFER_WORDS, MAX_ABORTS, Next};
use crate::frames::Frames;
use crate::ops::{Interpreter, Stop};
use crate::record::{Outcome, Rec, TraceKind};
use retrace_jit::backend::compile_with;
use retrace_jit::optimize;

impl Driver {
    pub(super) fn record<I: Interpreter>(
        &mut self,
        interp: &mut I,
        frames: &mut Frames,
        kind: TraceKind,
        depth: usize,
    ) -> Next<I::Error> {
        let top = frames.top;
        let name = match kind {
            TraceKind::Loop { code, pc } => format!("loop at {}", interp.describe(code, pc)),
            TraceKind::Function { code } => {
                format!("function entry at {}", interp.describe(code, 0))
            }
            TraceKind::Bridge { trace, guard } => format!(
                "bridge from guard {guard} of trace {trace} at {}",
                interp.describe(top.code, top.pc)
            ),
        };
        self.jit.log(|| format!("tracing {name}"));
        let mut rec = Rec::new(frames, &mut self.jit, kind, depth, name);
        let stop = interp.run(&mut rec);
        let Rec {
            trace,
            snapshots,
            outcome,
            cells_read,
            ..
        } = rec;
        let mut ended = None;
        let outcome = match stop {
            // A function trace that returned out of a nested run's first
            // frame ends the run; the trace is complete and still compiled.
            Stop::Done(w) if matches!(outcome, Some(Outcome::Finished { .. })) => {
                ended = Some(w);
                outcome.unwrap_or(Outcome::Aborted("unreachable".into()))
            }
            Stop::Done(w) => {
                self.trace_failed(kind, &trace.name, "the run ended while recording");
                return Next::End(Ok(w));
            }
            Stop::Error(e) => {
                self.trace_failed(kind, &trace.name, "a runtime error ended the run");
                return Next::End(Err(e));
            }
            Stop::Jit => outcome.unwrap_or(Outcome::Aborted("interpreter stopped".into())),
        };
        let target = match outcome {
            Outcome::Aborted(why) => {
                self.trace_failed(kind, &trace.name, &why);
                return Next::Interpret;
            }
            Outcome::Looped => None,
            Outcome::Finished { target } => target,
        };
        self.jit
            .log(|| format!("trace {} before optimization:\n{trace}", trace.name));
        let (optimized, opt_stats) = optimize(&trace);
        self.jit.log(|| {
            format!(
                "trace {} after optimization ({opt_stats:?}):\n{optimized}",
                optimized.name
            )
        });
        let id = self.jit.traces.len();
        let mut env = self.jit.compile_env(&optimized);
        env.trace_id = id as u32;
        // A finish that returns from the trace's first frame: direct
        // callers of this code take its result without the driver.
        env.return_finish = matches!(
            optimized.ops.last(),
            Some(retrace_jit::Op::Finish { resume, .. })
                if snapshots.get(*resume as usize).is_some_and(|s| s.frames.is_empty())
        );
        let (allocs, barriers) = retrace_jit::backend::inlined_gc_calls(&optimized, &env);
        let direct = retrace_jit::backend::direct_call_sites(&optimized, &env);
        let compiled = match compile_with(&optimized, &env) {
            Ok(c) => c,
            Err(e) => {
                self.trace_failed(kind, &trace.name, &format!("compile error: {e}"));
                return Next::Interpret;
            }
        };
        self.jit.log(|| {
            format!(
                "compiled trace {id} ({}): {} ops, {} bytes of code, \
                 {allocs} inline allocations, {barriers} inline barriers, \
                 {direct} direct calls, in {:.1} us",
                optimized.name,
                optimized.len(),
                compiled.code_size,
                compiled.compile_time.as_secs_f64() * 1e6
            )
        });
        self.jit.stats.compile_time += compiled.compile_time;
        self.jit.stats.inline_allocs += allocs;
        self.jit.stats.inline_barriers += barriers;
        self.jit.stats.direct_calls += direct;
        self.jit.stats.traces.push((
            optimized.name.clone(),
            optimized.len(),
            compiled.compile_time,
        ));
        let n = compiled.guard_resume.len();
        let finish_exit =
            matches!(optimized.ops.last(), Some(retrace_jit::Op::Finish { .. })).then_some(n - 1);
        let exits = compiled
            .guard_resume
            .iter()
            .enumerate()
            .map(|(k, resume)| ExitInfo {
                snapshot: snapshots[*resume as usize].clone(),
                target: if Some(k) == finish_exit { target } else { None },
                is_finish: Some(k) == finish_exit,
            })
            .collect();
        self.jit.stats.live_code_bytes += compiled.code_size;
        self.jit.stats.total_code_bytes += compiled.code_size;
        self.jit.stats.max_live_code_bytes = self
            .jit
            .stats
            .max_live_code_bytes
            .max(self.jit.stats.live_code_bytes);
        self.jit.traces.push(TraceEntry {
            compiled,
            kind,
            cells_read,
            last_uses: 0,
            idle: 0,
            dead: false,
            linked_from: Vec::new(),
            exits,
            bridges: vec![None; n],
            failures: vec![0; n],
            bridge_attempts: vec![0; n],
        });
        match kind {
            TraceKind::Loop { code, pc } => {
                self.jit.stats.loops_compiled += 1;
                self.jit.cell_mut(code, pc).state = CellState::Compiled(id);
            }
            TraceKind::Function { code } => {
                self.jit.stats.functions_compiled += 1;
                self.jit.func_cell_mut(code).state = CellState::Compiled(id);
                if self.jit.traces[id].compiled.buffer_len() <= LINK_BUFFER_WORDS {
                    self.jit.func_slot(code);
                    let slot = &self.jit.func_slots[code as usize];
                    // SAFETY: a function-entry trace takes its frame's words
                    // (what a direct call lays out; the call site checks the
                    // count) and fits the call buffer; bridges and loops are
                    // linked to it only when they fit too; `retire` clears
                    // the slot before the trace can be freed.
                    unsafe { slot.set(Some(&self.jit.traces[id].compiled)) };
                }
            }
            TraceKind::Bridge { trace, guard } => {
                self.jit.stats.bridges_compiled += 1;
                match self.jit.traces.get_mut(trace) {
                    Some(parent) if !parent.dead => {
                        parent.bridges[guard] = Some(id);
                        self.jit.try_link(trace, guard, id);
                    }
                    // The parent was retired while the bridge was recorded.
                    _ => self.jit.retire(id, "its parent was retired"),
                }
            }
        }
        self.jit.age_traces(id);
        if let (Some(k), Some(t)) = (finish_exit, target)
            && self.jit.traces.get(t).is_some_and(|e| !e.dead)
            && !self.jit.traces[id].dead
        {
            let snap = &self.jit.traces[id].exits[k].snapshot;
            // The finish leaves one frame, the one the trace was entered in,
            // at the target's header: its slots are the target's inputs.
            let same_frame = snap.frames.len() == 1
                && snap.frames[0].base == 0
                && snap.refs.len() == self.jit.traces[t].compiled.num_inputs;
            if same_frame {
                self.jit.try_link(id, k, t);
            }
        }
        if let Some(w) = ended {
            return Next::End(Ok(w));
        }
        // The interpreter state is where the trace ended: at its own loop
        // header, at the target's header, at a call it does not inline, or
        // (a function trace) back in the caller.
        match (&kind, target) {
            (TraceKind::Loop { .. }, None) if finish_exit.is_none() => Next::Enter(id),
            (_, Some(t)) => Next::Enter(t),
            _ => Next::Interpret,
        }
    }

    pub(super) fn trace_failed(&mut self, kind: TraceKind, name: &str, why: &str) {
        self.jit.stats.aborts += 1;
        self.jit.log(|| format!("abort {name}: {why}"));
        // Loops and functions count aborts in their hot cell, the same way.
        let cell = match kind {
            TraceKind::Loop { code, pc } => self.jit.cell_mut(code, pc),
            TraceKind::Function { code } => self.jit.func_cell_mut(code),
            TraceKind::Bridge { trace, guard } => {
                if let Some(t) = self.jit.traces.get_mut(trace) {
                    t.bridge_attempts[guard] = t.bridge_attempts[guard].saturating_add(1);
                    t.failures[guard] = 0;
                }
                return;
            }
        };
        cell.aborts += 1;
        let blacklisted = cell.aborts >= MAX_ABORTS;
        cell.state = if blacklisted {
            CellState::DontTrace
        } else {
            CellState::Counting(0)
        };
        if blacklisted {
            self.jit.stats.blacklisted += 1;
            self.jit.log(|| format!("{name}: never traced again"));
        }
    }
}
