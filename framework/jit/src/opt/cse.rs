//! Pure-operation CSE: an operation that only computes from its operands is
//! computed once; a repeat reads the first result.
//!
//! Keys are the operation and its (renamed) operands, with the operands of
//! commutative operations in a fixed order, so `a+b` and `b+a` share. An
//! overflow-checked operation shares too: its repeat's guard then names the
//! same operation as the first guard and the next rewrite drops it. Elidable
//! calls (pure given their arguments) share when their arguments are equal.
//! Loads are the heap cache's business (memory changes; SSA values do not).
//!
//! Over the label of a peeled loop the table stays: an operation of the body
//! on values defined in the preamble computes what the preamble computed,
//! in every iteration.

use super::{Emitter, Pass};
use crate::ir::{BinOp, Effect, Op, OvfOp, Ref, UnOp};
use fxhash::FxHashMap;

#[derive(PartialEq, Eq, Hash)]
enum Key {
    Bin(BinOp, Ref, Ref),
    Un(UnOp, Ref),
    Ovf(OvfOp, Ref, Ref),
    Call(u32, Vec<Ref>),
}

fn commutative(b: BinOp) -> bool {
    use BinOp::*;
    matches!(
        b,
        IntAdd
            | IntMul
            | IntAnd
            | IntOr
            | IntXor
            | IntEq
            | IntNe
            | FloatAdd
            | FloatMul
            | FloatEq
            | FloatNe
    )
}

#[derive(Default)]
pub struct Cse {
    seen: FxHashMap<Key, Ref>,
}

impl Pass for Cse {
    fn visit(&mut self, em: &mut Emitter, op: Op) -> Option<Ref> {
        let key = match &op {
            Op::Bin(b, x, y) if commutative(*b) && y < x => Key::Bin(*b, *y, *x),
            Op::Bin(b, x, y) => Key::Bin(*b, *x, *y),
            Op::Un(u, x) => Key::Un(*u, *x),
            Op::Ovf(o, x, y) if *o != OvfOp::IntSubOvf && y < x => Key::Ovf(*o, *y, *x),
            Op::Ovf(o, x, y) => Key::Ovf(*o, *x, *y),
            Op::Call { helper, args }
                if em.out.helpers[*helper as usize].effect == Effect::Elidable =>
            {
                Key::Call(*helper, args.clone())
            }
            _ => return Some(em.emit(op)),
        };
        if let Some(&r) = self.seen.get(&key) {
            em.stats.shared += 1;
            return Some(r);
        }
        let r = em.emit(op);
        self.seen.insert(key, r);
        Some(r)
    }
}

#[cfg(test)]
mod tests {
    use super::Cse;
    use crate::opt::testing::{check_pass, parse};
    use crate::opt::{OptStats, run_pass};

    fn cse(src: &str) -> String {
        let t = parse(src);
        let (out, _) = run_pass(&t, &mut Cse::default(), OptStats::default());
        check_pass(&t, &out)
    }

    #[test]
    fn repeated_pure_ops_and_commuted_operands_share() {
        let out = cse("x = input 0 : int
             y = input 1 : int
             label
             a = int_add x, y
             b = int_add y, x
             c = int_sub x, y
             d = int_sub y, x
             e = int_mul a, b
             f = int_mul c, d
             g = int_add e, f
             jump g, a");
        assert_eq!(out.matches("int_add").count(), 2, "{out}");
        assert_eq!(out.matches("int_sub").count(), 2, "{out}");
    }

    #[test]
    fn elidable_calls_share_other_calls_do_not() {
        let out = cse("x = input 0 : int
             label
             a = call double(x)
             b = call double(x)
             c = call read(x)
             d = call read(x)
             e = int_add a, b
             f = int_add c, d
             g = int_add e, f
             jump g");
        assert_eq!(out.matches("call double").count(), 1, "{out}");
        assert_eq!(out.matches("call read").count(), 2, "{out}");
    }

    #[test]
    fn loads_are_not_shared_here() {
        let out = cse("x = input 0 : int
             label
             a = load x+8 : int
             store x+8, a
             b = load x+8 : int
             jump b");
        assert_eq!(out.matches("load").count(), 2, "{out}");
    }
}
