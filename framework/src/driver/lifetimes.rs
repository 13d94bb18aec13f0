//! The trace table and trace lifetimes: links between traces, invalidation
//! (quasi-immutable cells), expiry (unused traces), retiring and freeing.
//! A retired trace is unreachable at once and freed only when no compiled
//! code runs (`active == 0`).

use super::state::JitState;
use super::{CellState, LINK_BUFFER_WORDS};
use crate::record::{Snapshot, TraceKind};
use retrace_jit::CompiledTrace;

pub(super) struct ExitInfo {
    pub(super) snapshot: Snapshot,
    /// For the finish exit: the trace to enter next, if any.
    pub(super) target: Option<usize>,
    pub(super) is_finish: bool,
}

pub(super) struct TraceEntry {
    pub(super) compiled: CompiledTrace,
    pub(super) kind: TraceKind,
    /// Quasi-immutable cells it read: (version word address, version).
    pub(super) cells_read: Vec<(usize, u64)>,
    /// Its use count at the last aging, and for how many agings in a row it
    /// was not used.
    pub(super) last_uses: u64,
    pub(super) idle: u32,
    /// Retired: unreachable, freed at the next safe point.
    pub(super) dead: bool,
    /// Exits of other traces linked to this one: (trace, exit).
    pub(super) linked_from: Vec<(usize, usize)>,
    pub(super) exits: Vec<ExitInfo>,
    pub(super) bridges: Vec<Option<usize>>,
    pub(super) failures: Vec<u32>,
    pub(super) bridge_attempts: Vec<u8>,
}

/// The compiled traces by number. A freed trace leaves a hole: numbers are
/// never reused, so a stale number finds a hole, never another trace.
#[derive(Default)]
pub(super) struct TraceTable {
    pub(super) slots: Vec<Option<TraceEntry>>,
}

impl TraceTable {
    pub(super) fn len(&self) -> usize {
        self.slots.len()
    }

    pub(super) fn push(&mut self, e: TraceEntry) {
        self.slots.push(Some(e));
    }

    pub(super) fn get(&self, t: usize) -> Option<&TraceEntry> {
        self.slots.get(t).and_then(|e| e.as_ref())
    }

    pub(super) fn get_mut(&mut self, t: usize) -> Option<&mut TraceEntry> {
        self.slots.get_mut(t).and_then(|e| e.as_mut())
    }

    pub(super) fn live(&self) -> impl Iterator<Item = usize> + '_ {
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

impl JitState {
    /// Link exit `k` of trace `from` to trace `to` when the exit allows it
    /// and `to` fits the exit buffers. The caller checked that `to`'s
    /// inputs are that exit's values.
    pub(super) fn try_link(&mut self, from: usize, k: usize, to: usize) {
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
    pub(super) fn enterable(&mut self, t: usize) -> bool {
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
    pub(super) fn still_valid(&self, t: usize) -> bool {
        self.traces[t].cells_read.iter().all(|(addr, version)| {
            // SAFETY: the address is a `VersionCell`'s version word, and
            // cells read by traces are `'static`.
            unsafe { *(*addr as *const u64) == *version }
        })
    }

    /// Make trace `t` unreachable: nothing enters it again (hotness cells,
    /// its parent's bridge slot, finish targets, links all forget it), and
    /// its bridges go with it. It is freed at the next safe point.
    pub(super) fn retire(&mut self, t: usize, why: &str) {
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
                // Direct calls no longer reach it (compiled code running in
                // it goes on: it is freed only when none runs).
                if let Some(slot) = self.func_slots.get(code as usize) {
                    slot.clear_if(&self.traces[t].compiled);
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
    pub(super) fn free_dead(&mut self) {
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
    pub(super) fn age_traces(&mut self, newest: usize) {
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
}
