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

use crate::Word;
use crate::frames::{FrameInfo, Frames};
use crate::ops::{Interpreter, Stop};
use crate::plain::Plain;
use crate::record::{Outcome, Rec, Snapshot, TraceKind};
use crate::settings::JitSettings;
use fxhash::FxHashSet;
use retrace_gc::RootRangeId;
use retrace_jit::{CompiledTrace, compile, optimize};
use std::time::Duration;

/// What `can_enter_jit` asks the driver to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Request {
    Nothing,
    Trace,
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

struct ExitInfo {
    snapshot: Snapshot,
    /// For the finish exit: the trace to enter next, if any.
    target: Option<usize>,
    is_finish: bool,
}

struct TraceEntry {
    compiled: CompiledTrace,
    exits: Vec<ExitInfo>,
    bridges: Vec<Option<usize>>,
    failures: Vec<u32>,
    bridge_attempts: Vec<u8>,
}

/// Counters of what the JIT did, for logs and tests.
#[derive(Clone, Debug, Default)]
pub struct JitStats {
    pub loops_compiled: usize,
    pub bridges_compiled: usize,
    pub aborts: usize,
    pub guard_failures: u64,
    pub compile_time: Duration,
    /// Per compiled trace: its name, operations after optimization, compile time.
    pub traces: Vec<(String, usize, Duration)>,
}

/// The JIT's state for one running program.
pub struct JitState {
    pub settings: JitSettings,
    cells: Vec<Vec<HotCell>>,
    pub(crate) dont_inline: FxHashSet<u32>,
    traces: Vec<TraceEntry>,
    log: bool,
    pub stats: JitStats,
}

impl JitState {
    pub fn new(settings: JitSettings) -> JitState {
        let log = std::env::var("RETRACE_LOG")
            .map(|v| v.split(',').any(|w| w.trim() == "jit"))
            .unwrap_or(false);
        JitState {
            settings,
            cells: Vec::new(),
            dont_inline: FxHashSet::default(),
            traces: Vec::new(),
            log,
            stats: JitStats::default(),
        }
    }

    fn cell_mut(&mut self, code: u32, pc: u32) -> &mut HotCell {
        let (code, pc) = (code as usize, pc as usize);
        if code >= self.cells.len() {
            self.cells.resize(code + 1, Vec::new());
        }
        let row = &mut self.cells[code];
        if pc >= row.len() {
            row.resize(pc + 1, NEW_CELL);
        }
        &mut row[pc]
    }

    pub(crate) fn cell_state(&self, code: u32, pc: u32) -> CellState {
        self.cells
            .get(code as usize)
            .and_then(|row| row.get(pc as usize))
            .map(|c| c.state)
            .unwrap_or(CellState::Counting(0))
    }

    /// Plain mode's hotness count at a backward jump.
    #[inline]
    pub(crate) fn hot_backward_jump(&mut self, code: u32, pc: u32) -> Request {
        if !self.settings.enabled {
            return Request::Nothing;
        }
        let threshold = self.settings.threshold;
        let cell = self.cell_mut(code, pc);
        match cell.state {
            CellState::Counting(n) if n + 1 >= threshold => {
                cell.state = CellState::Counting(0);
                Request::Trace
            }
            CellState::Counting(n) => {
                cell.state = CellState::Counting(n + 1);
                Request::Nothing
            }
            CellState::Compiled(t) => Request::Enter(t),
            CellState::DontTrace => Request::Nothing,
        }
    }

    fn log(&self, msg: impl FnOnce() -> String) {
        if self.log {
            eprintln!("[jit] {}", msg());
        }
    }
}

/// What the driver does next.
enum Next<E> {
    Interpret,
    RecordLoop,
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
    /// The entry/exit buffer of compiled code. Exit values may be the only
    /// references to objects until the frames are rebuilt (and building the
    /// exit's virtual objects allocates), so the buffer is a GC root range,
    /// registered once per allocation of the buffer.
    buf: Vec<Word>,
    buf_root: Option<(RootRangeId, usize, usize)>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Some((id, ..)) = self.buf_root.take() {
            retrace_gc::remove_root_range(id);
        }
    }
}

impl Driver {
    pub fn new(settings: JitSettings) -> Driver {
        Driver {
            jit: JitState::new(settings),
            buf: Vec::with_capacity(256),
            buf_root: None,
        }
    }

    /// Register the exit buffer with the GC when it moved or grew.
    fn root_buffer(&mut self, buf: &[Word], capacity: usize) {
        let (ptr, cap) = (buf.as_ptr() as usize, capacity);
        if self
            .buf_root
            .as_ref()
            .is_some_and(|(_, p, c)| *p == ptr && *c == cap)
        {
            return;
        }
        if let Some((id, ..)) = self.buf_root.take() {
            retrace_gc::remove_root_range(id);
        }
        // SAFETY: the buffer's allocation lives in `self.buf` (or is being
        // used by `execute`, which puts it back) until it is replaced, which
        // re-registers, or the driver drops, which removes the range.
        if let Ok(id) = unsafe { retrace_gc::add_root_range(ptr as *const usize, cap) } {
            self.buf_root = Some((id, ptr, cap));
        }
    }

    /// Run the program whose frames are `frames` to its end.
    pub fn run<I: Interpreter>(
        &mut self,
        interp: &mut I,
        frames: &mut Frames,
    ) -> Result<Word, I::Error> {
        let mut next = Next::Interpret;
        loop {
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
                Next::RecordBridge {
                    trace,
                    guard,
                    depth,
                } => self.record(interp, frames, TraceKind::Bridge { trace, guard }, depth),
                Next::Enter(t) => self.execute(frames, t),
                Next::End(result) => return result,
            }
        }
    }

    fn record<I: Interpreter>(
        &mut self,
        interp: &mut I,
        frames: &mut Frames,
        kind: TraceKind,
        depth: usize,
    ) -> Next<I::Error> {
        let top = frames.top;
        let name = match kind {
            TraceKind::Loop { code, pc } => format!("loop at {}", interp.describe(code, pc)),
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
            ..
        } = rec;
        let outcome = match stop {
            Stop::Done(w) => {
                self.jit.log(|| "recording ended with the program".into());
                return Next::End(Ok(w));
            }
            Stop::Error(e) => {
                self.jit
                    .log(|| "recording ended with a runtime error".into());
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
        let compiled = match compile(&optimized) {
            Ok(c) => c,
            Err(e) => {
                self.trace_failed(kind, &trace.name, &format!("compile error: {e}"));
                return Next::Interpret;
            }
        };
        let id = self.jit.traces.len();
        self.jit.log(|| {
            format!(
                "compiled trace {id} ({}): {} ops, {} bytes of code, in {:.1} us",
                optimized.name,
                optimized.len(),
                compiled.code_size,
                compiled.compile_time.as_secs_f64() * 1e6
            )
        });
        self.jit.stats.compile_time += compiled.compile_time;
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
        self.jit.traces.push(TraceEntry {
            compiled,
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
            TraceKind::Bridge { trace, guard } => {
                self.jit.stats.bridges_compiled += 1;
                self.jit.traces[trace].bridges[guard] = Some(id);
            }
        }
        // The interpreter state is where the trace ended: at its own loop
        // header, at the target's header, or at a call it does not inline.
        match (&kind, target) {
            (TraceKind::Loop { .. }, None) if finish_exit.is_none() => Next::Enter(id),
            (_, Some(t)) => Next::Enter(t),
            _ => Next::Interpret,
        }
    }

    fn trace_failed(&mut self, kind: TraceKind, name: &str, why: &str) {
        self.jit.stats.aborts += 1;
        self.jit.log(|| format!("abort {name}: {why}"));
        match kind {
            TraceKind::Loop { code, pc } => {
                let cell = self.jit.cell_mut(code, pc);
                cell.aborts += 1;
                cell.state = if cell.aborts >= MAX_ABORTS {
                    CellState::DontTrace
                } else {
                    CellState::Counting(0)
                };
            }
            TraceKind::Bridge { trace, guard } => {
                let t = &mut self.jit.traces[trace];
                t.bridge_attempts[guard] = t.bridge_attempts[guard].saturating_add(1);
                t.failures[guard] = 0;
            }
        }
    }

    /// Run compiled trace `t` from the running frame (at its loop header).
    fn execute<E>(&mut self, frames: &mut Frames, mut t: usize) -> Next<E> {
        let mut entry_depth = frames.depth();
        let mut entry_base = frames.top.base as usize;
        let mut buf = std::mem::take(&mut self.buf);
        if !load_inputs(&mut buf, frames, entry_base, &self.jit.traces[t].compiled) {
            self.buf = buf;
            return Next::Interpret;
        }
        self.root_buffer(&buf, buf.capacity());
        loop {
            let entry = &self.jit.traces[t];
            // SAFETY: `buf` is at least `buffer_len()` words and holds the
            // inputs of `t`: the words of the frame at the header the trace
            // was recorded at (or a parent guard's exit values for a bridge),
            // which the trace checks before it relies on their kinds.
            let k = unsafe { entry.compiled.run(&mut buf) };
            let exit = &entry.exits[k];
            if exit.is_finish {
                build_virtuals(&entry.compiled, k, &mut buf);
                rebuild(frames, &exit.snapshot, &buf, entry_depth, entry_base);
                match exit.target {
                    Some(next) => {
                        entry_depth = frames.depth();
                        entry_base = frames.top.base as usize;
                        if !load_inputs(
                            &mut buf,
                            frames,
                            entry_base,
                            &self.jit.traces[next].compiled,
                        ) {
                            self.buf = buf;
                            return Next::Interpret;
                        }
                        t = next;
                        continue;
                    }
                    None => {
                        self.buf = buf;
                        return Next::Interpret;
                    }
                }
            }
            if let Some(bridge) = entry.bridges[k] {
                // A bridge takes the exit's values as inputs: objects the
                // exit describes are built first.
                build_virtuals(&entry.compiled, k, &mut buf);
                // The exit values are the bridge's inputs, in order.
                let need = self.jit.traces[bridge].compiled.buffer_len();
                if buf.len() < need {
                    buf.resize(need, 0);
                    self.root_buffer(&buf, buf.capacity());
                }
                t = bridge;
                continue;
            }
            build_virtuals(&entry.compiled, k, &mut buf);
            rebuild(frames, &exit.snapshot, &buf, entry_depth, entry_base);
            self.jit.stats.guard_failures += 1;
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
            self.buf = buf;
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

/// Build the objects exit `k` describes (allocation removal) into `buf`.
fn build_virtuals(trace: &CompiledTrace, k: usize, buf: &mut [Word]) {
    let virtuals = &trace.exit_virtuals[k];
    if virtuals.is_empty() {
        return;
    }
    // SAFETY: the exit just filled `buf` (a GC root range, so the objects
    // it names stay put while the helpers allocate); the helpers are the
    // allocating helpers the trace recorded, taking `nargs` words each.
    unsafe { retrace_jit::materialize(virtuals, buf) };
}

/// Fill `buf` with the words of the running frame; false if they do not
/// match what the trace takes.
fn load_inputs(buf: &mut Vec<Word>, frames: &Frames, base: usize, trace: &CompiledTrace) -> bool {
    let words = &frames.stack[base..];
    if words.len() != trace.num_inputs {
        return false;
    }
    buf.clear();
    buf.extend_from_slice(words);
    let need = trace.buffer_len();
    if buf.len() < need {
        buf.resize(need, 0);
    }
    true
}

/// Rebuild the frames from an exit: the frame the trace was entered in (at
/// `depth`, slots from `base`) and the frames inlined above it.
fn rebuild(frames: &mut Frames, snap: &Snapshot, buf: &[Word], depth: usize, base: usize) {
    frames.replace_from(base, &buf[..snap.refs.len()]);
    frames.callers.truncate(depth);
    let last = snap.frames.len() - 1;
    for (i, f) in snap.frames.iter().enumerate() {
        let f = FrameInfo {
            base: f.base + base as u32,
            ..*f
        };
        if i < last {
            frames.callers.push(f);
        } else {
            frames.top = f;
        }
    }
}
