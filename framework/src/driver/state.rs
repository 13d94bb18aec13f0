//! The JIT's state for one running program: settings, hotness counters of
//! loop headers and function entries, what the backend may inline, counters.

use super::lifetimes::TraceTable;
use super::{CellState, HotCell, LINK_BUFFER_WORDS, NEW_CELL, Request, WRITE_BARRIER};
use crate::Word;
use crate::ops::Residual;
use crate::settings::JitSettings;
use fxhash::FxHashSet;
use retrace_jit::backend::{CompileEnv, DirectCalls, FunctionSlot, InlineAlloc};
use std::time::Duration;

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
    /// Calls compiled as direct calls of the callee's compiled code, and
    /// how often such a callee left its code other than by returning (the
    /// driver then finished the call: `finish_call`).
    pub direct_calls: usize,
    pub call_exits: u64,
    /// Per compiled trace: its name, operations after optimization, compile time.
    pub traces: Vec<(String, usize, Duration)>,
}

/// The JIT's state for one running program.
pub struct JitState {
    pub settings: JitSettings,
    pub(super) cells: Vec<Vec<HotCell>>,
    /// Per code object: its function entry.
    pub(super) func_cells: Vec<HotCell>,
    /// Where traces find the driver when they call the interpreter
    /// (`Reentry`), and the monomorphised helper that does it.
    pub(crate) reentry_addr: usize,
    pub(crate) reenter_fn: usize,
    /// `finish_call` for this interpreter, and the stack-limit word of the
    /// driver's `Reentry`: what direct calls from compiled code use.
    pub(super) finish_call_fn: usize,
    pub(super) stack_limit_addr: usize,
    /// Per code object: its function slot (the body of its live
    /// function-entry trace, for direct calls). Boxed: compiled code holds
    /// their addresses, which must not move when the vector grows.
    #[allow(clippy::vec_box)]
    pub(super) func_slots: Vec<Box<FunctionSlot>>,
    pub(crate) dont_inline: FxHashSet<u32>,
    /// Per allocating helper (by address) with fresh words: the object it
    /// was seen to return while recording, if always the same kind of fresh
    /// young object (None once it was not): compiled code allocates it inline.
    pub(super) inline_allocs: fxhash::FxHashMap<usize, Option<InlineAlloc>>,
    /// Helpers that are the GC write barrier on their first argument.
    pub(crate) write_barriers: Vec<usize>,
    pub(super) traces: TraceTable,
    /// Traces retired and not yet freed.
    pub(super) dead: Vec<usize>,
    /// Compiled code frames (and recordings) in progress: traces are freed
    /// only when there are none.
    pub(super) active: usize,
    /// A trace not entered during this many consecutive agings (one per
    /// compiled trace, as PyPy counts generations) is retired and freed.
    /// From `--jit longevity=N`; tests may change it after `new`.
    pub longevity: u32,
    pub(super) log: bool,
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
            finish_call_fn: 0,
            stack_limit_addr: 0,
            func_slots: Vec::new(),
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

    /// The function slot of code object `code`.
    pub(super) fn func_slot(&mut self, code: u32) -> &FunctionSlot {
        let code = code as usize;
        while self.func_slots.len() <= code {
            self.func_slots.push(Box::default());
        }
        &self.func_slots[code]
    }

    /// Direct calls for `trace`'s calls through the interpreter: the
    /// function slots of their callees (made here if new).
    fn direct_calls(&mut self, trace: &retrace_jit::Trace) -> Option<DirectCalls> {
        if self.reenter_fn == 0 || self.finish_call_fn == 0 {
            return None;
        }
        let mut slots = Vec::new();
        for op in &trace.ops {
            let retrace_jit::Op::Call { helper, args } = op else {
                continue;
            };
            if trace.helpers[*helper as usize].addr != self.reenter_fn || args.len() < 2 {
                continue;
            }
            if let retrace_jit::Op::Const { bits, .. } = trace.ops[args[1].index()]
                && let Ok(code) = u32::try_from(bits)
                && !slots.iter().any(|(c, _)| *c == code)
            {
                let addr = self.func_slot(code) as *const FunctionSlot as usize;
                slots.push((code, addr));
            }
        }
        Some(DirectCalls {
            reenter_addr: self.reenter_fn,
            finish_call_addr: self.finish_call_fn,
            stack_limit_addr: self.stack_limit_addr,
            slots,
            buffer_words: LINK_BUFFER_WORDS,
        })
    }

    /// What the backend may inline in `trace`.
    pub(super) fn compile_env(&mut self, trace: &retrace_jit::Trace) -> CompileEnv {
        let inline_allocs = trace
            .helpers
            .iter()
            .filter_map(|h| self.inline_allocs.get(&h.addr).copied().flatten())
            .collect();
        CompileEnv {
            inline_allocs,
            write_barriers: self.write_barriers.clone(),
            trace_id: 0,
            direct_calls: self.direct_calls(trace),
            return_finish: false,
        }
    }

    pub(super) fn cell_mut(&mut self, code: u32, pc: u32) -> &mut HotCell {
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

    pub(super) fn func_cell_mut(&mut self, code: u32) -> &mut HotCell {
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

    pub(super) fn log(&self, msg: impl FnOnce() -> String) {
        if self.log {
            eprintln!("[jit] {}", msg());
        }
    }
}
