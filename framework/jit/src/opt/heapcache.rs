//! Heap cache: what the trace knows about memory, forward.
//!
//! A table maps a field `(base, offset)` to the value it holds, learnt from
//! a load of it or a store into it:
//! - a load of a known field is that value (no memory access);
//! - a store of the value a field already holds is dropped;
//! - a store into `(b, o)` forgets every field at offset `o` of another base
//!   (they may be the same word: the aliasing rule in [`super`]), then
//!   remembers the stored value;
//! - a call forgets by its effect class: elidable, reading and allocating
//!   calls change no field the trace can see; writing ones (writes,
//!   may_raise, reenters) forget everything, but write barriers
//!   (`Trace::write_barriers`), which touch only the GC's bookkeeping.
//!
//! Store sinking: a store is not emitted where it stands but kept pending
//! until something could see memory: a guard or a finish (the interpreter
//! resumes on memory as it is), any call (it may read the field; an
//! allocation may collect, and the store has its write barrier before
//! it, so it must not move past a collection), the label or the jump, or a
//! load at its offset from another base (the same word, maybe). A pending
//! store overwritten before that (same base, same offset) is dropped;
//! pending stores are emitted in their order, and a store at the offset of
//! a pending one into another base first emits that one (the two may be
//! the same word).
//!
//! Over the label of a peeled loop, a field learnt in the preamble stays
//! known only if the loop body (this pass's input after the label) has no
//! store at that offset and no writing call: otherwise an earlier iteration
//! may have changed it.
//!
//! Not done: sinking stores past guards (the exit would have to perform
//! them, PyPy's resume data can), so only stores overwritten between two
//! guards go.

use super::{Emitter, Pass};
use crate::ir::{Op, Ref, Trace, Type};
use fxhash::{FxHashMap, FxHashSet};

pub struct HeapCache {
    fields: FxHashMap<(Ref, i32), (Ref, Type)>,
    /// Offsets the loop body stores to, and whether it calls a writer
    /// (only for a peeled loop).
    body_stores: FxHashSet<i32>,
    body_writes_all: bool,
    peeled: bool,
    /// Stores not emitted yet, in order: (base, offset, value).
    pending: Vec<(Ref, i32, Ref)>,
}

impl HeapCache {
    pub fn new(src: &Trace) -> HeapCache {
        let peeled = src.has_phis();
        let mut body_stores = FxHashSet::default();
        let mut body_writes_all = false;
        if peeled {
            let label = src.ops.iter().position(|op| matches!(op, Op::Label));
            for op in &src.ops[label.unwrap_or(0)..] {
                match op {
                    Op::Store { offset, .. } => {
                        body_stores.insert(*offset);
                    }
                    Op::Call { helper, .. } => body_writes_all |= src.call_clobbers(*helper),
                    _ => {}
                }
            }
        }
        HeapCache {
            fields: FxHashMap::default(),
            body_stores,
            body_writes_all,
            peeled,
            pending: Vec::new(),
        }
    }

    /// Emit the pending stores that match `which`, in their order.
    fn flush(&mut self, em: &mut Emitter, which: impl Fn(Ref, i32) -> bool) {
        let mut kept = Vec::new();
        for (base, offset, value) in std::mem::take(&mut self.pending) {
            if which(base, offset) {
                em.emit(Op::Store {
                    base,
                    offset,
                    value: em.resolve(value),
                });
            } else {
                kept.push((base, offset, value));
            }
        }
        self.pending = kept;
    }
}

impl Pass for HeapCache {
    fn visit(&mut self, em: &mut Emitter, op: Op) -> Option<Ref> {
        match op {
            Op::Load { base, offset, ty } => {
                if let Some(&(value, t)) = self.fields.get(&(base, offset))
                    && t == ty
                {
                    em.stats.loads_forwarded += 1;
                    return Some(em.resolve(value));
                }
                // a pending store at this offset may be the word read
                self.flush(em, |_, o| o == offset);
                let r = em.emit(op);
                self.fields.insert((base, offset), (r, ty));
                Some(r)
            }
            Op::Store {
                base,
                offset,
                value,
            } => {
                if let Some(&(known, _)) = self.fields.get(&(base, offset))
                    && em.resolve(known) == value
                {
                    em.stats.stores_removed += 1;
                    return None;
                }
                self.fields.retain(|(b, o), _| *o != offset || *b == base);
                let ty = em.type_of(value);
                self.fields.insert((base, offset), (value, ty));
                if let Some(p) = self
                    .pending
                    .iter()
                    .position(|&(b, o, _)| b == base && o == offset)
                {
                    // overwritten before anything could see it
                    self.pending.remove(p);
                    em.stats.stores_removed += 1;
                }
                // stores that may hit the same word keep their order
                self.flush(em, |b, o| o == offset && b != base);
                self.pending.push((base, offset, value));
                None
            }
            Op::Call { helper, .. } => {
                self.flush(em, |_, _| true);
                if em.out.call_clobbers(helper) {
                    self.fields.clear();
                }
                Some(em.emit(op))
            }
            Op::Label => {
                self.flush(em, |_, _| true);
                if self.peeled {
                    if self.body_writes_all {
                        self.fields.clear();
                    }
                    let stores = &self.body_stores;
                    self.fields.retain(|(_, o), _| !stores.contains(o));
                }
                Some(em.emit(op))
            }
            op @ (Op::Guard { .. } | Op::Finish { .. } | Op::Jump(_)) => {
                self.flush(em, |_, _| true);
                Some(em.emit(op))
            }
            op => Some(em.emit(op)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::HeapCache;
    use crate::opt::testing::{check_pass, parse, run};
    use crate::opt::{OptStats, run_pass};

    fn heap(src: &str) -> String {
        let t = parse(src);
        let (out, _) = run_pass(&t, &mut HeapCache::new(&t), OptStats::default());
        check_pass(&t, &out)
    }

    #[test]
    fn loads_forward_from_loads_and_stores() {
        let out = heap(
            "p = input 0 : int
             label
             a = load p+8 : int
             b = load p+8 : int
             store p+16, a
             c = load p+16 : int
             d = int_add b, c
             jump p",
        );
        assert_eq!(out.matches("load").count(), 1, "{out}");
    }

    #[test]
    fn a_store_forgets_the_same_offset_of_other_bases_only() {
        let out = heap(
            "p = input 0 : int
             q = input 1 : int
             label
             a = load p+8 : int
             b = load p+16 : int
             store q+8, b
             c = load p+8 : int
             d = load p+16 : int
             e = load q+8 : int
             jump c, d",
        );
        // p+8 reloads (q may be p); p+16 and q+8 are known
        assert_eq!(out.matches("load").count(), 3, "{out}");
        assert_eq!(out.matches("load v0+8").count(), 2, "{out}");
    }

    #[test]
    fn writing_calls_forget_everything_reading_calls_nothing() {
        let out = heap(
            "p = input 0 : int
             label
             a = load p+8 : int
             r = call read(p)
             b = load p+8 : int
             w = call write(p)
             c = load p+8 : int
             jump c",
        );
        assert_eq!(out.matches("load").count(), 2, "{out}");
    }

    #[test]
    fn storing_what_a_field_holds_is_dropped() {
        let out = heap(
            "p = input 0 : int
             label
             a = load p+8 : int
             store p+8, a
             jump p",
        );
        assert!(!out.contains("store"), "{out}");
    }

    #[test]
    fn a_loop_that_stores_a_field_reloads_it_each_iteration() {
        // the counter lives in memory: peeling must not carry the
        // preamble's load into the body
        let t = parse(
            "p = input 0 : int
             n = input 1 : int
             label
             a = load p+8 : int
             c = int_lt a, n
             guard_true c @pc=1 exit[p, n, a]
             one = const 1
             b = int_add a, one
             store p+8, b
             jump p, n",
        );
        let (o, _) = crate::opt::optimize(&t);
        for trace in [&t, &o] {
            let mut cell = [0u64, 0];
            let addr = cell.as_mut_ptr() as u64;
            let (resume, exit) = run(trace, &[addr, 10], &[]);
            assert_eq!((resume, &exit[..]), (1, &[addr, 10, 10][..]), "{trace}");
            assert_eq!(cell[1], 10);
        }
    }

    #[test]
    fn write_barriers_forget_nothing() {
        let out = heap(
            "p = input 0 : int
             q = input 1 : int
             label
             a = load p+8 : int
             b = call barrier(q)
             store q+16, a
             c = load p+8 : int
             jump c, q",
        );
        assert_eq!(out.matches("load").count(), 1, "{out}");
    }

    #[test]
    fn a_store_overwritten_before_a_guard_goes() {
        let out = heap(
            "p = input 0 : int
             x = input 1 : int
             label
             store p+8, x
             one = const 1
             y = int_add x, one
             store p+16, y
             store p+8, y
             guard_true y @pc=1 exit[p, x]
             store p+8, x
             jump p, y",
        );
        assert_eq!(out.matches("store").count(), 3, "{out}");
        let guard = out.find("guard_true").unwrap();
        assert_eq!(out[..guard].matches("store").count(), 2, "{out}");
        assert!(out[..guard].contains("store v0+8, v4"), "{out}");
    }

    #[test]
    fn pending_stores_go_out_before_what_could_see_them() {
        for between in [
            "r = load q+8 : int",
            "r = call read(q)",
            "r = call box(q)",
            "guard_true q @pc=1 exit[p]",
        ] {
            let out = heap(&format!(
                "p = input 0 : int
                 q = input 1 : int
                 label
                 store p+8, q
                 {between}
                 store p+8, p
                 jump p, q"
            ));
            assert_eq!(out.matches("store").count(), 2, "{between}:\n{out}");
        }
    }

    #[test]
    fn stores_that_may_alias_keep_their_order() {
        let t = parse(
            "p = input 0 : int
             q = input 1 : int
             x = input 2 : int
             label
             store p+8, x
             store q+8, p
             store p+8, q
             finish @pc=1 exit[x]",
        );
        let (o, _) = run_pass(&t, &mut HeapCache::new(&t), OptStats::default());
        let text = check_pass(&t, &o);
        for trace in [&t, &o] {
            let mut cell = [0u64, 0];
            let addr = cell.as_mut_ptr() as u64;
            // p and q are the same object: the last store wins
            run(trace, &[addr, addr, 5], &[]);
            assert_eq!(cell[1], addr, "{text}");
        }
    }
}
