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
use crate::ops::{Effect, Interpreter, Residual, ResidualFn, Stop};
use crate::plain::Plain;
use crate::record::{Outcome, Rec, Snapshot, TraceKind};
use crate::settings::JitSettings;
use fxhash::FxHashSet;
use retrace_gc::RootRangeId;
use retrace_jit::backend::{CompileEnv, InlineAlloc, compile_with};
use retrace_jit::{CompiledTrace, optimize};
use std::time::Duration;

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

struct ExitInfo {
    snapshot: Snapshot,
    /// For the finish exit: the trace to enter next, if any.
    target: Option<usize>,
    is_finish: bool,
}

struct TraceEntry {
    compiled: CompiledTrace,
    kind: TraceKind,
    /// Quasi-immutable cells it read: (version word address, version).
    cells_read: Vec<(usize, u64)>,
    /// Its use count at the last aging, and for how many agings in a row it
    /// was not used.
    last_uses: u64,
    idle: u32,
    /// Retired: unreachable, freed at the next safe point.
    dead: bool,
    /// Exits of other traces linked to this one: (trace, exit).
    linked_from: Vec<(usize, usize)>,
    exits: Vec<ExitInfo>,
    bridges: Vec<Option<usize>>,
    failures: Vec<u32>,
    bridge_attempts: Vec<u8>,
}

/// The compiled traces by number. A freed trace leaves a hole: numbers are
/// never reused, so a stale number finds a hole, never another trace.
#[derive(Default)]
struct TraceTable {
    slots: Vec<Option<TraceEntry>>,
}

impl TraceTable {
    fn len(&self) -> usize {
        self.slots.len()
    }

    fn push(&mut self, e: TraceEntry) {
        self.slots.push(Some(e));
    }

    fn get(&self, t: usize) -> Option<&TraceEntry> {
        self.slots.get(t).and_then(|e| e.as_ref())
    }

    fn get_mut(&mut self, t: usize) -> Option<&mut TraceEntry> {
        self.slots.get_mut(t).and_then(|e| e.as_mut())
    }

    fn live(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.slots.len()).filter(|t| self.slots[*t].is_some())
    }
}

impl std::ops::Index<usize> for TraceTable {
    type Output = TraceEntry;
    fn index(&self, t: usize) -> &TraceEntry {
        self.get(t).expect("a live trace")
    }
}

impl std::ops::IndexMut<usize> for TraceTable {
    fn index_mut(&mut self, t: usize) -> &mut TraceEntry {
        self.get_mut(t).expect("a live trace")
    }
}

/// Counters of what the JIT did, for logs and tests.
#[derive(Clone, Debug, Default)]
pub struct JitStats {
    pub loops_compiled: usize,
    pub functions_compiled: usize,
    pub bridges_compiled: usize,
    /// Exits linked to a trace (bridges into their guards, finishes into
    /// the loop they reach): compiled code goes on without the driver.
    pub links: usize,
    /// Traces retired because a quasi-immutable cell they read changed.
    pub invalidated: usize,
    /// Traces retired because they went unused for `longevity` agings.
    pub expired: usize,
    /// Retired traces whose machine code was given back.
    pub traces_freed: usize,
    /// Machine code of the live traces, in bytes; its peak; all compiled.
    pub live_code_bytes: usize,
    pub max_live_code_bytes: usize,
    pub total_code_bytes: usize,
    /// Loop headers and functions never traced again after repeated aborts.
    pub blacklisted: usize,
    pub aborts: usize,
    pub guard_failures: u64,
    pub compile_time: Duration,
    /// Calls compiled as the GC's inline allocation / inline write barrier.
    pub inline_allocs: usize,
    pub inline_barriers: usize,
    /// Per compiled trace: its name, operations after optimization, compile time.
    pub traces: Vec<(String, usize, Duration)>,
}

/// The JIT's state for one running program.
pub struct JitState {
    pub settings: JitSettings,
    cells: Vec<Vec<HotCell>>,
    /// Per code object: its function entry.
    func_cells: Vec<HotCell>,
    /// Where traces find the driver when they call the interpreter
    /// (`Reentry`), and the monomorphised helper that does it.
    pub(crate) reentry_addr: usize,
    pub(crate) reenter_fn: usize,
    pub(crate) dont_inline: FxHashSet<u32>,
    /// Per allocating helper (by address) with fresh words: the object it
    /// was seen to return while recording, if always the same kind of fresh
    /// young object (None once it was not): compiled code allocates it inline.
    inline_allocs: fxhash::FxHashMap<usize, Option<InlineAlloc>>,
    /// Helpers that are the GC write barrier on their first argument.
    write_barriers: Vec<usize>,
    traces: TraceTable,
    /// Traces retired and not yet freed.
    dead: Vec<usize>,
    /// Compiled code frames (and recordings) in progress: traces are freed
    /// only when there are none.
    active: usize,
    /// A trace not entered during this many consecutive agings (one per
    /// compiled trace, as PyPy counts generations) is retired and freed.
    /// From `--jit longevity=N`; tests may change it after `new`.
    pub longevity: u32,
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
            func_cells: Vec::new(),
            reentry_addr: 0,
            reenter_fn: 0,
            dont_inline: FxHashSet::default(),
            inline_allocs: Default::default(),
            write_barriers: vec![WRITE_BARRIER.addr()],
            traces: TraceTable::default(),
            dead: Vec::new(),
            active: 0,
            longevity: settings.longevity,
            log,
            stats: JitStats::default(),
        }
    }

    /// Declare `f` a write barrier: a function of one object that does
    /// nothing unless the object's header has `retrace_gc::FLAG_TRACK_YOUNG`
    /// (as `retrace_gc::write_barrier` does). Compiled code then tests the
    /// flag inline and calls `f` only when it is set. [`WRITE_BARRIER`] is
    /// declared already.
    pub fn declare_write_barrier(&mut self, f: &'static Residual) {
        if f.arity() >= 1 && !self.write_barriers.contains(&f.addr()) {
            self.write_barriers.push(f.addr());
        }
    }

    /// The recorder saw allocating helper `addr` return `obj`.
    pub(crate) fn observe_allocation(&mut self, addr: usize, obj: Word) {
        let seen = retrace_gc::jit_fresh_object(obj as usize).map(|(header, bytes)| InlineAlloc {
            helper_addr: addr,
            header: header as u64,
            payload_bytes: bytes as u32,
        });
        let entry = self.inline_allocs.entry(addr).or_insert(seen);
        if *entry != seen {
            *entry = None;
        }
    }

    /// What the backend may inline in `trace`.
    fn compile_env(&self, trace: &retrace_jit::Trace) -> CompileEnv {
        let inline_allocs = trace
            .helpers
            .iter()
            .filter_map(|h| self.inline_allocs.get(&h.addr).copied().flatten())
            .collect();
        CompileEnv {
            inline_allocs,
            write_barriers: self.write_barriers.clone(),
            trace_id: 0,
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

    fn func_cell_mut(&mut self, code: u32) -> &mut HotCell {
        let code = code as usize;
        if code >= self.func_cells.len() {
            self.func_cells.resize(code + 1, NEW_CELL);
        }
        &mut self.func_cells[code]
    }

    pub(crate) fn function_state(&self, code: u32) -> CellState {
        self.func_cells
            .get(code as usize)
            .map(|c| c.state)
            .unwrap_or(CellState::Counting(0))
    }

    /// Plain mode's count of calls of a function.
    #[inline]
    pub(crate) fn hot_function_entry(&mut self, code: u32) -> Request {
        if !self.settings.enabled {
            return Request::Nothing;
        }
        let threshold = self.settings.function_threshold;
        let cell = self.func_cell_mut(code);
        match cell.state {
            CellState::Counting(n) if n + 1 >= threshold => {
                cell.state = CellState::Counting(0);
                Request::TraceFunction
            }
            CellState::Counting(n) => {
                cell.state = CellState::Counting(n + 1);
                Request::Nothing
            }
            CellState::Compiled(t) => Request::Enter(t),
            CellState::DontTrace => Request::Nothing,
        }
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

    /// Link exit `k` of trace `from` to trace `to` when the exit allows it
    /// and `to` fits the exit buffers. The caller checked that `to`'s
    /// inputs are that exit's values.
    fn try_link(&mut self, from: usize, k: usize, to: usize) {
        if !self.traces[from].compiled.linkable(k)
            || self.traces[to].compiled.buffer_len() > LINK_BUFFER_WORDS
        {
            return;
        }
        // SAFETY: `to` takes exactly exit k's values (the caller checked
        // the frame layout; bridges are recorded from that exit's state);
        // every buffer holds LINK_BUFFER_WORDS words; the link is removed
        // before `to` is dropped (traces are dropped only with the driver,
        // which drops them all at once).
        unsafe {
            self.traces[from]
                .compiled
                .link(k, Some(&self.traces[to].compiled))
        };
        self.traces[to].linked_from.push((from, k));
        self.stats.links += 1;
        self.log(|| format!("linked exit {k} of trace {from} to trace {to}"));
    }

    /// Whether trace `t` may be entered: alive, and still valid (retired
    /// here if a cell it read changed).
    fn enterable(&mut self, t: usize) -> bool {
        match self.traces.get(t) {
            Some(e) if !e.dead => {}
            _ => return false,
        }
        if self.still_valid(t) {
            return true;
        }
        self.stats.invalidated += 1;
        self.retire(t, "a quasi-immutable cell it read changed");
        false
    }

    /// Whether every quasi-immutable cell trace `t` read still has the
    /// version it saw.
    fn still_valid(&self, t: usize) -> bool {
        self.traces[t].cells_read.iter().all(|(addr, version)| {
            // SAFETY: the address is a `VersionCell`'s version word, and
            // cells read by traces are `'static`.
            unsafe { *(*addr as *const u64) == *version }
        })
    }

    /// Make trace `t` unreachable: nothing enters it again (hotness cells,
    /// its parent's bridge slot, finish targets, links all forget it), and
    /// its bridges go with it. It is freed at the next safe point.
    fn retire(&mut self, t: usize, why: &str) {
        match self.traces.get(t) {
            Some(e) if !e.dead => {}
            _ => return,
        }
        self.log(|| format!("retiring trace {t}: {why}"));
        let entry = &mut self.traces[t];
        entry.dead = true;
        let kind = entry.kind;
        let linked_from = std::mem::take(&mut entry.linked_from);
        let bridges: Vec<usize> = entry.bridges.iter().flatten().copied().collect();
        match kind {
            TraceKind::Loop { code, pc } => {
                let cell = self.cell_mut(code, pc);
                if cell.state == CellState::Compiled(t) {
                    cell.state = CellState::Counting(0);
                }
            }
            TraceKind::Function { code } => {
                let cell = self.func_cell_mut(code);
                if cell.state == CellState::Compiled(t) {
                    cell.state = CellState::Counting(0);
                }
            }
            TraceKind::Bridge { trace, guard } => {
                if let Some(parent) = self.traces.get_mut(trace)
                    && parent.bridges[guard] == Some(t)
                {
                    parent.bridges[guard] = None;
                    parent.failures[guard] = 0;
                }
            }
        }
        for (from, k) in linked_from {
            if let Some(e) = self.traces.get(from) {
                // SAFETY: unlinking only ever makes the exit return.
                unsafe { e.compiled.link(k, None) };
            }
        }
        let live: Vec<usize> = self.traces.live().collect();
        for other in live {
            for exit in &mut self.traces[other].exits {
                if exit.target == Some(t) {
                    exit.target = None;
                }
            }
        }
        self.dead.push(t);
        for b in bridges {
            self.retire(b, "its parent was retired");
        }
    }

    /// Free the retired traces. Only when no compiled code is running and
    /// nothing is being recorded (`active == 0`).
    fn free_dead(&mut self) {
        if self.active != 0 {
            return;
        }
        for t in std::mem::take(&mut self.dead) {
            if let Some(e) = self.traces.slots[t].take() {
                self.stats.live_code_bytes -= e.compiled.code_size;
                self.stats.traces_freed += 1;
                // Dropping the trace frees its module's memory.
                drop(e);
            }
        }
    }

    /// One aging (after each compilation): a trace that compiled code has
    /// not entered since the last `longevity` agings is retired.
    fn age_traces(&mut self, newest: usize) {
        let live: Vec<usize> = self.traces.live().filter(|t| *t != newest).collect();
        let mut expired = Vec::new();
        for t in live {
            let e = &mut self.traces[t];
            let uses = e.compiled.uses();
            if uses != e.last_uses {
                e.last_uses = uses;
                e.idle = 0;
            } else {
                e.idle += 1;
                if e.idle >= self.longevity && !e.dead {
                    expired.push(t);
                }
            }
        }
        for t in expired {
            if !self.traces[t].dead {
                self.stats.expired += 1;
                self.retire(t, "unused");
            }
        }
    }

    fn log(&self, msg: impl FnOnce() -> String) {
        if self.log {
            eprintln!("[jit] {}", msg());
        }
    }
}

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

/// An entry/exit buffer of compiled code. Exit values may be the only
/// references to objects until the frames are rebuilt (and building an
/// exit's virtual objects allocates), so the buffer is a GC root range,
/// registered again whenever it is reallocated.
struct ExitBuffer {
    words: Vec<Word>,
    root: Option<RootRangeId>,
}

impl ExitBuffer {
    fn new() -> ExitBuffer {
        let mut b = ExitBuffer {
            words: Vec::with_capacity(256),
            root: None,
        };
        b.reroot();
        b
    }

    fn reroot(&mut self) {
        if let Some(id) = self.root.take() {
            retrace_gc::remove_root_range(id);
        }
        // SAFETY: the allocation stays until the next reallocation, which
        // calls `reroot` first thing after, or until drop, which removes it.
        self.root = unsafe {
            retrace_gc::add_root_range(self.words.as_ptr() as *const usize, self.words.capacity())
        }
        .ok();
    }

    /// Make the buffer `len` words long, keeping its start.
    fn set_len(&mut self, len: usize) {
        let cap = self.words.capacity();
        self.words.resize(len, 0);
        if self.words.capacity() != cap {
            self.reroot();
        }
    }
}

impl Drop for ExitBuffer {
    fn drop(&mut self) {
        if let Some(id) = self.root.take() {
            retrace_gc::remove_root_range(id);
        }
    }
}

/// What a call from compiled code into the interpreter needs: raw pointers
/// to the driver, the interpreter and the frames of the run in progress,
/// refreshed before compiled code runs; and the pending-error cell that
/// `guard_no_exception` after such a call reads.
struct Reentry {
    driver: *mut Driver,
    interp: *mut (),
    frames: *mut Frames,
    /// Nonzero when the last call raised; the error is in `error`.
    pending: Word,
    error: Option<Box<dyn std::any::Any>>,
    /// The native stack address where the outermost run started.
    stack_start: usize,
}

/// Native stack a run may use for calls from compiled code into the
/// interpreter (each nests Rust and JIT frames). Past it, such calls run in
/// the interpreter alone, which keeps its frames off the native stack.
const REENTRY_STACK_BUDGET: usize = 1 << 20;

/// Called by compiled code for a call it does not inline (a recursive
/// call): runs function `code` on `nargs` of `a0..a2` to its return, through
/// the driver (so its loops and its own function trace run compiled), and
/// returns its result. A runtime error sets the pending cell and returns 0.
extern "C" fn reenter<I: Interpreter>(
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

impl Driver {
    pub fn new(settings: JitSettings) -> Driver {
        let mut reentry = Box::new(Reentry {
            driver: std::ptr::null_mut(),
            interp: std::ptr::null_mut(),
            frames: std::ptr::null_mut(),
            pending: 0,
            error: None,
            stack_start: 0,
        });
        let mut jit = JitState::new(settings);
        jit.reentry_addr = &mut *reentry as *mut Reentry as usize;
        Driver {
            jit,
            buffers: Vec::new(),
            reentry,
        }
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
        let marker = 0usize;
        self.reentry.stack_start = &marker as *const usize as usize;
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
        let (allocs, barriers) = retrace_jit::backend::inlined_gc_calls(&optimized, &env);
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
                 {allocs} inline allocations, {barriers} inline barriers, in {:.1} us",
                optimized.name,
                optimized.len(),
                compiled.code_size,
                compiled.compile_time.as_secs_f64() * 1e6
            )
        });
        self.jit.stats.compile_time += compiled.compile_time;
        self.jit.stats.inline_allocs += allocs;
        self.jit.stats.inline_barriers += barriers;
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
                if cell.state == CellState::DontTrace {
                    self.jit.stats.blacklisted += 1;
                    self.jit.log(|| format!("{name}: never traced again"));
                }
            }
            TraceKind::Function { code } => {
                let cell = self.jit.func_cell_mut(code);
                cell.aborts += 1;
                cell.state = if cell.aborts >= MAX_ABORTS {
                    CellState::DontTrace
                } else {
                    CellState::Counting(0)
                };
                if cell.state == CellState::DontTrace {
                    self.jit.stats.blacklisted += 1;
                    self.jit.log(|| format!("{name}: never traced again"));
                }
            }
            TraceKind::Bridge { trace, guard } => {
                if let Some(t) = self.jit.traces.get_mut(trace) {
                    t.bridge_attempts[guard] = t.bridge_attempts[guard].saturating_add(1);
                    t.failures[guard] = 0;
                }
            }
        }
    }

    /// Run compiled trace `t` from the running frame (at its loop header or
    /// function entry).
    #[inline(never)]
    fn execute<I: Interpreter>(
        &mut self,
        interp: &mut I,
        frames: &mut Frames,
        mut t: usize,
    ) -> Next<I::Error> {
        let mut entry_depth = frames.depth();
        let mut entry_base = frames.top.base as usize;
        let mut buf = self.buffers.pop().unwrap_or_else(ExitBuffer::new);
        self.jit.active += 1;
        let next = 'run: {
            if !self.jit.enterable(t) {
                break 'run Next::Interpret;
            }
            if !load_inputs(&mut buf, frames, entry_base, &self.jit.traces[t].compiled) {
                break 'run Next::Interpret;
            }
            loop {
                let k = {
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
                    let (exited, k) = unsafe { (*compiled).run_linked(&mut buf.words) };
                    // Links may have led to another trace: the exit is its.
                    // Linked traces share the entry frame, so entry_depth
                    // and entry_base stay right.
                    t = exited as usize;
                    k
                };
                if self.reentry.pending != 0 {
                    self.reentry.pending = 0;
                    if let Some(e) = self.reentry.error.take()
                        && let Ok(e) = e.downcast::<I::Error>()
                    {
                        break 'run Next::End(Err(*e));
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
                        break 'run Next::End(Ok(result));
                    }
                    rebuild(frames, &exit.snapshot, &buf.words, entry_depth, entry_base);
                    match exit.target {
                        Some(next) => {
                            if !self.jit.enterable(next) {
                                break 'run Next::Interpret;
                            }
                            entry_depth = frames.depth();
                            entry_base = frames.top.base as usize;
                            if !load_inputs(
                                &mut buf,
                                frames,
                                entry_base,
                                &self.jit.traces[next].compiled,
                            ) {
                                break 'run Next::Interpret;
                            }
                            t = next;
                            continue;
                        }
                        None => break 'run Next::Interpret,
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
                    break 'run Next::Interpret;
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
                break 'run if wants_bridge {
                    Next::RecordBridge {
                        trace: t,
                        guard: k,
                        depth: entry_depth,
                    }
                } else {
                    Next::Interpret
                };
            }
        };
        self.jit.active -= 1;
        self.buffers.push(buf);
        next
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
fn load_inputs(buf: &mut ExitBuffer, frames: &Frames, base: usize, trace: &CompiledTrace) -> bool {
    let words = &frames.stack[base..];
    if words.len() != trace.num_inputs {
        return false;
    }
    buf.set_len(trace.buffer_len().max(words.len()).max(LINK_BUFFER_WORDS));
    buf.words[..words.len()].copy_from_slice(words);
    true
}

/// Rebuild the frames from an exit: the frame the trace was entered in (at
/// `depth`, slots from `base`) and the frames inlined above it.
fn rebuild(frames: &mut Frames, snap: &Snapshot, buf: &[Word], depth: usize, base: usize) {
    frames.replace_from(base, &buf[..snap.refs.len()]);
    frames.callers.truncate(depth);
    if snap.frames.is_empty() {
        // A function trace that returned: its caller runs on, with the
        // result (the one exit value) on its operand stack.
        if let Some(caller) = frames.callers.pop() {
            frames.top = caller;
        }
        return;
    }
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
