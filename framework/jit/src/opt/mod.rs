//! The trace optimizer: a pipeline of forward passes, one file each.
//!
//! Every pass reads a trace and writes a new one, op by op, through an
//! [`Emitter`]: the emitter renames operands (old ref -> new ref), interns
//! constants, and lets a pass say "from here on, value x is value y" (an
//! alias: promotion, forwarding, folding all work that way). A pass sees each
//! operation with its operands already renamed and decides what to emit.
//!
//! The order (after PyPy's, `rpython/jit/metainterp/optimizeopt`):
//!
//! 1. [`rewrite`]: constant folding with the op table, algebraic identities,
//!    promotion (`guard_value` makes the value a constant), guards that hold
//!    or repeat dropped;
//! 2. [`intbounds`]: integer ranges from constants, guards and arithmetic;
//!    comparisons and overflow checks the ranges decide go away;
//! 3. [`virtuals`]: allocation removal for helpers that describe their fresh
//!    object: a non-escaping object is never allocated, exits describe it;
//! 4. [`cse`]: pure operations and elidable calls computed once;
//! 5. [`heapcache`]: loads forwarded from earlier loads and stores of the same
//!    field, redundant stores dropped, invalidation by a call's effect class;
//! 6. `rewrite` again (forwarding made guards repeat), then dead code.
//!
//! A loop trace is then peeled ([`peel`]): the optimized iteration becomes a
//! preamble, a second copy becomes the loop body, and the whole is optimized
//! again as one linear trace, so the body reuses what the preamble computed
//! and checked on loop-invariant values (loads, guards, pure arithmetic), and
//! an object that only goes around the loop is carried as its fields.
//!
//! Facts hold along the linear trace: every iteration runs the whole body in
//! order, so what an earlier guard checked still holds at a later one. Facts
//! carried from the preamble over the label hold only for values that do not
//! change in the loop (the preamble's SSA values never do), and for memory
//! only when the body never writes that field ([`heapcache`] checks).
//!
//! Memory aliasing rule (the IR's contract, like PyPy's field descriptors):
//! a field is named by its byte offset. Accesses at different offsets never
//! touch the same word; accesses at the same offset touch the same word when
//! their base refs are equal, and may when they differ.

use crate::ir::{GuardKind, Op, Ref, Trace, Type};
use fxhash::{FxHashMap, FxHashSet};

pub mod cse;
pub mod heapcache;
pub mod intbounds;
pub mod peel;
pub mod rewrite;
pub mod virtuals;

#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;

/// What the optimizer did, for logs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OptStats {
    /// Operations replaced by a constant or by one of their operands.
    pub folded: usize,
    /// Pure operations and elidable calls reused (CSE).
    pub shared: usize,
    /// Guards dropped because they hold or repeat (rewrite).
    pub guards_removed: usize,
    /// Guards folded into an earlier `guard_nonnull` on the same value
    /// (rewrite: `guard_nonnull_class`, or a `guard_value` moved up).
    pub guards_strengthened: usize,
    /// Guards and overflow checks the integer ranges decide (intbounds).
    pub bounds_removed: usize,
    /// Allocations turned into virtual objects.
    pub virtuals: usize,
    /// Loads answered from the heap cache.
    pub loads_forwarded: usize,
    /// Stores dropped as redundant (or overwritten before anything could
    /// see them: store sinking).
    pub stores_removed: usize,
    /// Write-barrier calls on virtual objects dropped.
    pub barriers_removed: usize,
    /// Operations in the peeled loop body (0: not peeled).
    pub loop_body: usize,
    /// Operations in the preamble of a peeled loop.
    pub preamble: usize,
    /// Unused pure operations dropped.
    pub dead_removed: usize,
}

/// Where a pass's operation goes: the new trace under construction, the
/// renaming from the old trace, interned constants and aliases.
pub struct Emitter {
    pub out: Trace,
    /// Old ref -> new ref (`NONE` for ops that define nothing or were dropped).
    map: Vec<Ref>,
    consts: FxHashMap<(u64, Type), Ref>,
    /// New ref -> the value it has been proven to equal.
    alias: FxHashMap<Ref, Ref>,
    /// The old index of the operation being visited.
    pub current: usize,
    /// New refs of overflow-checked ops a `guard_overflow` names: past that
    /// guard their value is the wrapped one, so no pass may treat it as the
    /// exact result.
    pub may_wrap: FxHashSet<Ref>,
    wrapping_old: FxHashSet<usize>,
    pub stats: OptStats,
}

/// The "no value" entry of the renaming.
pub const NONE: Ref = Ref(u32::MAX);

impl Emitter {
    fn new(src: &Trace, stats: OptStats) -> Emitter {
        let mut out = Trace::new(src.name.clone());
        out.helpers = src.helpers.clone();
        out.write_barriers = src.write_barriers.clone();
        Emitter {
            out,
            map: Vec::with_capacity(src.ops.len()),
            consts: FxHashMap::default(),
            alias: FxHashMap::default(),
            current: 0,
            may_wrap: FxHashSet::default(),
            wrapping_old: FxHashSet::default(),
            stats,
        }
    }

    /// The value a new ref stands for, after aliases.
    pub fn resolve(&self, mut r: Ref) -> Ref {
        while let Some(&to) = self.alias.get(&r) {
            r = to;
        }
        r
    }

    /// From now on, every use of `from` reads `to` instead.
    pub fn replace(&mut self, from: Ref, to: Ref) {
        let to = self.resolve(to);
        if from != to {
            self.alias.insert(from, to);
        }
    }

    /// The interned constant `bits` of type `ty`.
    pub fn konst(&mut self, bits: u64, ty: Type) -> Ref {
        if let Some(&r) = self.consts.get(&(bits, ty)) {
            return r;
        }
        let r = self.out.constant(bits, ty);
        self.consts.insert((bits, ty), r);
        r
    }

    /// Append an operation (constants are interned).
    pub fn emit(&mut self, op: Op) -> Ref {
        match op {
            Op::Const { bits, ty } => self.konst(bits, ty),
            op => self.out.push(op),
        }
    }

    /// The constant a (new) value is, if it is one.
    pub fn const_of(&self, r: Ref) -> Option<u64> {
        self.out.const_value(self.resolve(r))
    }

    /// The new value an old ref (of an operation already visited) became.
    pub fn renamed(&self, old: Ref) -> Ref {
        self.resolve(self.map[old.index()])
    }

    /// The operation defining a (new) value.
    pub fn def(&self, r: Ref) -> &Op {
        &self.out.ops[self.resolve(r).index()]
    }

    /// Whether the op being visited is an overflow-checked op that a
    /// `guard_overflow` names (its value may be the wrapped result).
    pub fn current_may_wrap(&self) -> bool {
        self.wrapping_old.contains(&self.current)
    }

    pub fn type_of(&self, r: Ref) -> Type {
        self.out.type_of(self.resolve(r)).unwrap_or(Type::Int)
    }
}

/// One optimization pass: it sees each operation of the old trace, its
/// operands renamed, and returns the new value standing for it (`None`: it
/// defines none, or was dropped).
pub trait Pass {
    fn visit(&mut self, em: &mut Emitter, op: Op) -> Option<Ref>;
}

/// Run one pass over `src`.
pub fn run_pass(src: &Trace, pass: &mut impl Pass, stats: OptStats) -> (Trace, OptStats) {
    let mut em = Emitter::new(src, stats);
    em.wrapping_old = src
        .ops
        .iter()
        .filter_map(|op| match op {
            Op::Guard {
                kind: GuardKind::Overflow,
                value,
                ..
            } => Some(value.index()),
            _ => None,
        })
        .collect();
    for (i, op) in src.ops.iter().enumerate() {
        em.current = i;
        let mut op = op.clone();
        let ovf_guard = matches!(
            op,
            Op::Guard {
                kind: GuardKind::NoOverflow | GuardKind::Overflow,
                ..
            }
        );
        op.map_operands(|r| em.resolve(em.map[r.index()]));
        if ovf_guard && let Op::Guard { value, .. } = &mut op {
            // An overflow guard names its operation, not the value it has
            // been proven equal to; a pass that proved the operation cannot
            // overflow replaced it by a plain one, and the guard goes.
            let Op::Guard { value: old, .. } = &src.ops[i] else {
                unreachable!("matched a guard above")
            };
            *value = em.map[old.index()];
            if *value == NONE || !matches!(em.out.ops[value.index()], Op::Ovf(..)) {
                em.stats.bounds_removed += 1;
                em.map.push(NONE);
                continue;
            }
        }
        let r = pass.visit(&mut em, op).unwrap_or(NONE);
        if r != NONE && em.wrapping_old.contains(&i) {
            em.may_wrap.insert(r);
        }
        em.map.push(r);
    }
    (em.out, em.stats)
}

/// Optimize a trace; the result verifies whenever the input does.
pub fn optimize(trace: &Trace) -> (Trace, OptStats) {
    let stats = OptStats::default();
    if matches!(trace.ops.last(), Some(Op::Jump(_)))
        && let Some((peeled, stats)) = peel::peel(trace, stats)
    {
        return (peeled, stats);
    }
    passes(trace, stats, false)
}

/// The pipeline over one linear trace. With `keep_jump_virtuals`, objects
/// the jump passes stay virtual (the trace does not verify: peeling reads
/// which slots go around the loop as objects that need not exist).
pub fn passes(trace: &Trace, stats: OptStats, keep_jump_virtuals: bool) -> (Trace, OptStats) {
    let (t, stats) = run_pass(trace, &mut rewrite::Rewrite::new(trace), stats);
    let (t, stats) = run_pass(&t, &mut intbounds::IntBounds::new(&t), stats);
    let mut virtuals = virtuals::Virtuals::new(keep_jump_virtuals).with_phis_of(&t);
    let (t, stats) = run_pass(&t, &mut virtuals, stats);
    let (t, stats) = run_pass(&t, &mut cse::Cse::default(), stats);
    let (t, stats) = run_pass(&t, &mut heapcache::HeapCache::new(&t), stats);
    let (t, stats) = run_pass(&t, &mut rewrite::Rewrite::new(&t), stats);
    let (t, dead) = remove_dead(&t);
    (
        t,
        OptStats {
            dead_removed: stats.dead_removed + dead,
            ..stats
        },
    )
}

/// Drop pure operations whose values nobody uses; renumber the rest.
pub fn remove_dead(trace: &Trace) -> (Trace, usize) {
    let n = trace.ops.len();
    let mut live = vec![false; n];
    for i in (0..n).rev() {
        let op = &trace.ops[i];
        let root = !op.is_pure(&trace.helpers) || matches!(op, Op::Input { .. } | Op::Label);
        if root || live[i] {
            live[i] = true;
            for r in op.operands() {
                live[r.index()] = true;
            }
        }
    }
    let mut out = Trace::new(trace.name.clone());
    out.helpers = trace.helpers.clone();
    out.write_barriers = trace.write_barriers.clone();
    let mut map = vec![NONE; n];
    let mut removed = 0;
    for (i, op) in trace.ops.iter().enumerate() {
        if !live[i] {
            removed += 1;
            continue;
        }
        let mut op = op.clone();
        op.map_operands(|r| map[r.index()]);
        map[i] = out.push(op);
    }
    (out, removed)
}
