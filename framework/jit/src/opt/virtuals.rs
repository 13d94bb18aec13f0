//! Virtuals: allocation removal by escape analysis.
//!
//! An allocating helper may describe the object it returns (`Helper::fresh`:
//! the words it fills, by offset, from its arguments or constants). A call of
//! such a helper becomes a `virtual`: nothing is allocated, and the trace
//! reads the object's words from the SSA values that would have filled them:
//! - a load of a described word is that argument (a float word of an int
//!   argument goes through `bits_float`, so a boxed double's value is the
//!   double itself), or that constant;
//! - a low-bit tag test of its address folds (objects are 8-aligned), a
//!   `guard_nonnull` holds, a `guard_class` of its described header decides;
//! - an exit that names it describes it: the backend stores its arguments
//!   and the driver builds it only if that exit is taken (resume data).
//!
//! Any other use is an escape and forces the object: the call is made right
//! there, and every later use (exits included) names the real object, so
//! identity is kept. A store into it forces it (its words would no longer be
//! what the helper fills). The jump forces what it passes, unless peeling
//! asked to keep them: then the jump names virtuals, and [`super::peel`]
//! carries such an object around the loop as its fields.
//!
//! This is how boxed floats vanish from numeric loops: the interpreter boxes
//! every float result (`new_float(float_bits x)`), the next operation loads
//! the double back, and both fold to the double's SSA value.

use super::{Emitter, Pass};
use crate::ir::{BinOp, FreshWord, GuardKind, Op, Ref, Type, UnOp};
use fxhash::FxHashMap;

pub struct Virtuals {
    /// New virtual ref -> its helper and arguments.
    live: FxHashMap<Ref, (u32, Vec<Ref>)>,
    keep_jump_virtuals: bool,
}

impl Virtuals {
    pub fn new(keep_jump_virtuals: bool) -> Virtuals {
        Virtuals {
            live: FxHashMap::default(),
            keep_jump_virtuals,
        }
    }

    fn is_virtual(&self, em: &Emitter, r: Ref) -> bool {
        self.live.contains_key(&em.resolve(r))
    }

    /// Make the object real: the allocating call, made here.
    fn force(&mut self, em: &mut Emitter, r: Ref) -> Ref {
        let r = em.resolve(r);
        match self.live.remove(&r) {
            Some((helper, args)) => {
                em.stats.virtuals -= 1;
                let forced = em.emit(Op::Call { helper, args });
                em.replace(r, forced);
                forced
            }
            None => r,
        }
    }

    /// The described word at `offset` of virtual `v`, as a value of `ty`.
    fn word(&self, em: &mut Emitter, v: Ref, offset: i32, ty: Type) -> Option<Ref> {
        let (helper, args) = self.live.get(&em.resolve(v))?.clone();
        let (_, word) = *em.out.helpers[helper as usize]
            .fresh
            .iter()
            .find(|(o, _)| *o == offset)?;
        match word {
            FreshWord::Const(bits) => Some(em.konst(bits, ty)),
            FreshWord::Arg(i) => {
                let arg = *args.get(i as usize)?;
                match (em.type_of(arg), ty) {
                    (t, ty) if t == ty => Some(arg),
                    (Type::Int, Type::Float) => match *em.def(arg) {
                        Op::Un(UnOp::FloatBits, f) => Some(f),
                        _ => match em.const_of(arg) {
                            Some(bits) => Some(em.konst(bits, Type::Float)),
                            None => Some(em.emit(Op::Un(UnOp::BitsFloat, arg))),
                        },
                    },
                    (Type::Float, Type::Int) => Some(em.emit(Op::Un(UnOp::FloatBits, arg))),
                    _ => None,
                }
            }
        }
    }
}

impl Pass for Virtuals {
    fn visit(&mut self, em: &mut Emitter, mut op: Op) -> Option<Ref> {
        match &op {
            Op::Call { helper, args } | Op::Virtual { helper, args }
                if !em.out.helpers[*helper as usize].fresh.is_empty()
                    && em.out.helpers[*helper as usize].effect == crate::ir::Effect::Allocates =>
            {
                let (helper, args) = (*helper, args.clone());
                for a in &args {
                    // an argument that is itself virtual escapes into this object
                    if self.is_virtual(em, *a) {
                        self.force(em, *a);
                    }
                }
                let args: Vec<Ref> = args.iter().map(|a| em.resolve(*a)).collect();
                let r = em.emit(Op::Virtual {
                    helper,
                    args: args.clone(),
                });
                self.live.insert(r, (helper, args));
                em.stats.virtuals += 1;
                return Some(r);
            }
            Op::Load { base, offset, ty } if self.is_virtual(em, *base) => {
                if let Some(r) = self.word(em, *base, *offset, *ty) {
                    em.stats.folded += 1;
                    return Some(r);
                }
            }
            Op::Bin(BinOp::IntAnd, a, b) if self.is_virtual(em, *a) || self.is_virtual(em, *b) => {
                let other = if self.is_virtual(em, *a) { *b } else { *a };
                if em.const_of(other).is_some_and(|m| m < 8) {
                    em.stats.folded += 1;
                    return Some(em.konst(0, Type::Int));
                }
            }
            Op::Guard {
                kind: GuardKind::NonNull,
                value,
                ..
            } if self.is_virtual(em, *value) => {
                em.stats.guards_removed += 1;
                return None;
            }
            Op::Guard {
                kind: GuardKind::Class,
                value,
                expected,
                ..
            } if self.is_virtual(em, *value) => {
                let (value, expected) = (*value, *expected);
                if let Some(header) = self.word(em, value, 0, Type::Int)
                    && em.const_of(header) == Some(expected)
                {
                    em.stats.guards_removed += 1;
                    return None;
                }
            }
            _ => {}
        }
        // Every other use of a virtual escapes, but exit lists (and the
        // jump, when peeling keeps virtuals for the loop).
        let escaping: Vec<Ref> = match &op {
            Op::Guard { value, .. } => vec![*value],
            Op::Finish { .. } => vec![],
            Op::Jump(_) if self.keep_jump_virtuals => vec![],
            other => other.operands(),
        };
        for r in escaping {
            if self.is_virtual(em, r) {
                self.force(em, r);
            }
        }
        op.map_operands(|r| em.resolve(r));
        Some(em.emit(op))
    }
}

#[cfg(test)]
mod tests {
    use super::Virtuals;
    use crate::opt::testing::{check_pass, parse, same_behaviour};
    use crate::opt::{OptStats, run_pass};

    fn virtuals(src: &str) -> String {
        let t = parse(src);
        let (out, _) = run_pass(&t, &mut Virtuals::new(false), OptStats::default());
        check_pass(&t, &out)
    }

    #[test]
    fn a_box_read_back_is_never_allocated() {
        let out = virtuals(
            "f = input 0 : float
             label
             g = float_add f, f
             b = float_bits g
             o = call box(b)
             one = const 1
             t = int_and o, one
             guard_false t @pc=1 exit[o]
             guard_nonnull o @pc=2 exit[o]
             guard_class o, 55 @pc=3 exit[o]
             h = load o+8 : float
             jump h",
        );
        assert!(!out.contains("call"), "{out}");
        assert!(out.contains("virtual box"), "the exits describe it:\n{out}");
        assert!(!out.contains("load"), "{out}");
        assert!(
            !out.contains("guard_nonnull") && !out.contains("guard_class"),
            "{out}"
        );
    }

    #[test]
    fn an_escaping_object_is_allocated_where_it_escapes_and_kept_after() {
        let out = virtuals(
            "x = input 0 : int
             label
             p = call pair(x, x)
             guard_true x @pc=1 exit[x, p]
             w = call write(p)
             guard_true x @pc=2 exit[x, p]
             a = load p+8 : int
             jump a",
        );
        assert_eq!(out.matches("call pair").count(), 1, "{out}");
        let forced = out.find("call pair").unwrap();
        assert!(
            out[..forced].contains("@pc=1 exit[v0, v2]"),
            "first exit describes it:\n{out}"
        );
        assert!(
            out.contains("load"),
            "after escaping, its words are read:\n{out}"
        );
    }

    #[test]
    fn stores_and_the_jump_force_objects() {
        let out = virtuals(
            "x = input 0 : int
             label
             p = call pair(x, x)
             store p+8, x
             q = call pair(x, x)
             jump q",
        );
        assert_eq!(out.matches("call pair").count(), 2, "{out}");
    }

    #[test]
    fn an_object_inside_an_object_escapes_with_it() {
        let out = virtuals(
            "x = input 0 : int
             label
             a = call box(x)
             p = call pair(a, x)
             guard_true x @pc=1 exit[p]
             jump x",
        );
        assert!(out.contains("call box"), "{out}");
        assert!(out.contains("virtual pair"), "{out}");
    }

    #[test]
    fn exits_build_the_objects_they_describe() {
        let t = parse(
            "x = input 0 : int
             n = input 1 : int
             label
             p = call pair(x, n)
             c = int_lt x, n
             guard_true c @pc=1 exit[x, p]
             one = const 1
             y = int_add x, one
             jump y, n",
        );
        let o = same_behaviour(&t, &[&[0, 5], &[7, 3]], &[1]);
        assert!(!o.to_string().contains("call pair"), "{o}");
    }
}
