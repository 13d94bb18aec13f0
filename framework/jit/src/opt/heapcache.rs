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
//!   may_raise, reenters) forget everything.
//!
//! Over the label of a peeled loop, a field learnt in the preamble stays
//! known only if the loop body (this pass's input after the label) has no
//! store at that offset and no writing call: otherwise an earlier iteration
//! may have changed it.
//!
//! Not done: sinking stores past guards (the exit would have to perform
//! them), and dropping a store overwritten later in the same iteration.

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
                    Op::Call { helper, .. } => {
                        body_writes_all |= src.helpers[*helper as usize].effect.is_side_effect()
                    }
                    _ => {}
                }
            }
        }
        HeapCache {
            fields: FxHashMap::default(),
            body_stores,
            body_writes_all,
            peeled,
        }
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
                em.emit(op);
                None
            }
            Op::Call { helper, .. } => {
                if em.out.helpers[helper as usize].effect.is_side_effect() {
                    self.fields.clear();
                }
                Some(em.emit(op))
            }
            Op::Label => {
                if self.peeled {
                    if self.body_writes_all {
                        self.fields.clear();
                    }
                    let stores = &self.body_stores;
                    self.fields.retain(|(_, o), _| !stores.contains(o));
                }
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
}
