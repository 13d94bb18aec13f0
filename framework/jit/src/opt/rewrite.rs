//! Rewrite: constant folding, algebraic identities, promotion and guards.
//!
//! - An operation whose operands are all constants is evaluated with the
//!   plain implementation the interpreter uses (the op table in `ir`), so
//!   folding can never disagree with the interpreter. An elidable call on
//!   constant words is made now and its result becomes a constant.
//! - Identities: `x+0`, `x-0`, `x*1`, `x|0`, `x^0`, shifts by 0 give `x`;
//!   `x*0`, `x&0`, `x-x`, `x^x` give 0; `x&x`, `x|x` give `x`; comparing a
//!   value with itself gives its known answer; `bits_float(float_bits x)` is
//!   `x`; with tagged integers, `(x|1)&1` is 1, and `(x|1)-1` and
//!   `((y+y)|1)>>1` undo a tag when `x` is known even (`y+y` checked for
//!   overflow, or a left shift).
//! - Promotion: after `guard_value x, c` every use of `x` reads the
//!   constant `c`; after `guard_false x`, `x` is 0; after `guard_true x` of
//!   a comparison, `x` is 1.
//! - Guards: one that holds on a constant is dropped; one that repeats a
//!   check already made (or implied: a class or a nonzero value implies
//!   nonnull) is dropped. Guards that read memory (class, not-invalidated,
//!   no-exception) are forgotten at a store or a writing call, and at the
//!   label of a peeled loop (the body may write what they read).
//!
//! - Guard strengthening (PyPy's `guard_nonnull_class`): a `guard_class x`
//!   after a `guard_nonnull x` turns the earlier guard into
//!   `guard_nonnull_class x` (one check, the header read only when `x` is
//!   not null) and goes; a `guard_value x, c` (c nonzero) after a
//!   `guard_nonnull x` turns the earlier guard into itself and goes. Only
//!   with no store or writing call between them (and never from the loop
//!   body into the preamble): checking earlier is then sound, since
//!   failing at the earlier resume point makes the interpreter redo the
//!   pure instructions between, which fail the same check there.
//!
//! Not done: `guard_value x, c` after `guard_class x` (PyPy turns the class
//! guard into the value guard, reading the class of the constant object at
//! optimization time; this pass never reads the heap).

use super::{Emitter, Pass};
use crate::ir::{BinOp, Effect, GuardKind, Helper, Op, OvfOp, Ref, Trace, Type, UnOp};
use fxhash::{FxHashMap, FxHashSet};

pub struct Rewrite {
    /// Guards already made: (kind, value, expected).
    known: FxHashSet<(GuardKind, Ref, u64)>,
    /// Where a `guard_nonnull` on a value stands in the output (in this
    /// part of the trace: preamble or body): a later class or value guard
    /// on that value strengthens it there instead, when no store or
    /// writing call stands between them.
    nonnull_at: FxHashMap<Ref, usize>,
    /// Output index of the last store or writing call.
    written_at: Option<usize>,
    peeled: bool,
    /// Bits known of some phis (old index -> known ones, known zeros), as
    /// loop peeling proved them; keyed by new ref once emitted.
    phi_bits: FxHashMap<usize, Bits>,
    phis_seen: usize,
    bits: FxHashMap<Ref, Bits>,
}

/// Known bits of a value: (bits known to be 1, bits known to be 0).
pub type Bits = (u64, u64);

/// What a guard on a mask teaches: after `guard_true (x & 1)` the low bit
/// of x is 1; after `guard_false (x & m)` the bits of m are 0 in x.
pub fn learn_from_guard(t: &Trace, op: &Op, facts: &mut FxHashMap<Ref, Bits>) {
    let Op::Guard { kind, value, .. } = op else {
        return;
    };
    let Some(Op::Bin(BinOp::IntAnd, x, m)) = t.ops.get(value.index()) else {
        return;
    };
    let Some(mask) = t.const_value(*m) else {
        return;
    };
    let entry = facts.entry(*x).or_insert((0, 0));
    match kind {
        GuardKind::True if mask.count_ones() == 1 => entry.0 |= mask,
        GuardKind::False => entry.1 |= mask,
        _ => {}
    }
}

/// How deep `known_bits` looks through operands: enough for the tagging
/// patterns (`((x + y) | 1) & 1`), and it keeps the walk at 16 visits.
pub const KNOWN_BITS_DEPTH: u32 = 4;

/// The bits of `r` known from how it is computed (`facts` adds what is
/// known of values the trace cannot tell, such as phis). Tagged integers
/// are the use: `(x << 1) | 1` has its low bit set, and so has the sum of a
/// tagged value and an even one.
pub fn known_bits(t: &Trace, r: Ref, facts: &FxHashMap<Ref, Bits>, depth: u32) -> Bits {
    if let Some(b) = facts.get(&r) {
        return *b;
    }
    if depth == 0 {
        return (0, 0);
    }
    let kb = |x: Ref| known_bits(t, x, facts, depth - 1);
    let low_bit_of_sum = |x: Ref, y: Ref| {
        let ((o1, z1), (o2, z2)) = (kb(x), kb(y));
        if (o1 | z1) & (o2 | z2) & 1 == 1 {
            let one = (o1 ^ o2) & 1;
            (one, one ^ 1)
        } else {
            (0, 0)
        }
    };
    match t.ops.get(r.index()) {
        Some(Op::Const { bits, .. }) => (*bits, !*bits),
        Some(Op::Bin(BinOp::IntOr, x, y)) => {
            let ((o1, z1), (o2, z2)) = (kb(*x), kb(*y));
            (o1 | o2, z1 & z2)
        }
        Some(Op::Bin(BinOp::IntAnd, x, y)) => {
            let ((o1, z1), (o2, z2)) = (kb(*x), kb(*y));
            (o1 & o2, z1 | z2)
        }
        Some(Op::Bin(BinOp::IntShl, x, k)) => match t.const_value(*k) {
            Some(k) if k < 64 => {
                let (o, z) = kb(*x);
                (o << k, (z << k) | ((1u64 << k) - 1))
            }
            _ => (0, 0),
        },
        Some(
            Op::Bin(BinOp::IntAdd | BinOp::IntSub, x, y)
            | Op::Ovf(OvfOp::IntAddOvf | OvfOp::IntSubOvf, x, y),
        ) => low_bit_of_sum(*x, *y),
        _ => (0, 0),
    }
}

impl Rewrite {
    pub fn new(src: &Trace) -> Rewrite {
        Rewrite {
            known: FxHashSet::default(),
            nonnull_at: FxHashMap::default(),
            written_at: None,
            peeled: src.has_phis(),
            phi_bits: FxHashMap::default(),
            phis_seen: 0,
            bits: FxHashMap::default(),
        }
    }

    /// A rewrite that knows bits of some phis (by their order after the label), which loop
    /// peeling proved hold in every iteration.
    pub fn with_phi_bits(src: &Trace, phi_bits: FxHashMap<usize, Bits>) -> Rewrite {
        Rewrite {
            phi_bits,
            ..Rewrite::new(src)
        }
    }

    fn forget_memory_guards(&mut self) {
        self.known.retain(|(k, ..)| {
            !matches!(
                k,
                GuardKind::Class
                    | GuardKind::NonNullClass
                    | GuardKind::NotInvalidated
                    | GuardKind::NoException
            )
        });
    }

    /// Strengthen the `guard_nonnull` on `value` made earlier into `kind`
    /// (`guard_nonnull_class` or `guard_value`) with `expected`, if there
    /// is one this check may move up to.
    fn strengthen(&mut self, em: &mut Emitter, kind: GuardKind, value: Ref, expected: u64) -> bool {
        let Some(&at) = self.nonnull_at.get(&value) else {
            return false;
        };
        // never above a write: a class check reads the header, and an exit
        // taken earlier must not skip memory effects the later one saw
        if self.written_at.is_some_and(|w| w > at) {
            return false;
        }
        let Op::Guard {
            kind: k,
            expected: e,
            ..
        } = &mut em.out.ops[at]
        else {
            return false;
        };
        *k = kind;
        *e = expected;
        self.nonnull_at.remove(&value);
        em.stats.guards_strengthened += 1;
        true
    }

    fn implied(&self, kind: GuardKind, value: Ref, expected: u64) -> bool {
        let has = |k: GuardKind, e: u64| self.known.contains(&(k, value, e));
        has(kind, expected)
            || match kind {
                GuardKind::NonNull => {
                    has(GuardKind::True, 0)
                        || self.known.iter().any(|(k, v, _)| {
                            *v == value && matches!(k, GuardKind::Class | GuardKind::NonNullClass)
                        })
                }
                GuardKind::True => has(GuardKind::NonNull, 0),
                GuardKind::Class => has(GuardKind::NonNullClass, expected),
                GuardKind::NonNullClass => has(GuardKind::Class, expected),
                _ => false,
            }
    }

    fn guard(&mut self, em: &mut Emitter, op: Op) -> Option<Ref> {
        let Op::Guard {
            kind,
            value,
            expected,
            ..
        } = op
        else {
            unreachable!("called on guards")
        };
        let constant = em.const_of(value);
        let ones = known_bits(&em.out, em.resolve(value), &self.bits, KNOWN_BITS_DEPTH).0;
        let holds = match kind {
            GuardKind::True | GuardKind::NonNull if ones != 0 => Some(true),
            GuardKind::True | GuardKind::NonNull => constant.map(|c| c != 0),
            GuardKind::False => constant.map(|c| c == 0),
            GuardKind::Value => constant.map(|c| c == expected),
            _ => None,
        };
        let key_expected = if kind.has_expected() { expected } else { 0 };
        if holds == Some(true) || self.implied(kind, value, key_expected) {
            em.stats.guards_removed += 1;
            return None;
        }
        let strengthened = match kind {
            GuardKind::Class => self.strengthen(em, GuardKind::NonNullClass, value, expected),
            GuardKind::Value if expected != 0 && em.type_of(value) == Type::Int => {
                self.strengthen(em, GuardKind::Value, value, expected)
            }
            _ => false,
        };
        if strengthened {
            self.known.insert((kind, value, key_expected));
            self.known.insert((GuardKind::NonNull, value, 0));
            if kind == GuardKind::Class {
                self.known
                    .insert((GuardKind::NonNullClass, value, key_expected));
            } else {
                self.promote(em, value, expected);
            }
            return None;
        }
        let g = em.emit(op);
        let emitted = em.out.ops[g.index()].clone();
        learn_from_guard(&em.out, &emitted, &mut self.bits);
        self.known.insert((kind, value, key_expected));
        match kind {
            GuardKind::Value => self.promote(em, value, expected),
            GuardKind::NonNull => {
                self.nonnull_at.insert(value, g.index());
            }
            GuardKind::Class | GuardKind::NonNullClass => {
                // nullness does not change with memory: it outlives the class fact
                self.known.insert((GuardKind::NonNull, value, 0));
            }
            GuardKind::False => {
                let zero = em.konst(0, Type::Int);
                em.replace(value, zero);
            }
            GuardKind::True if is_comparison(em.def(value)) => {
                let one = em.konst(1, Type::Int);
                em.replace(value, one);
            }
            _ => {}
        }
        None
    }
}

impl Rewrite {
    /// After `guard_value value, expected`: every later use reads the constant.
    fn promote(&mut self, em: &mut Emitter, value: Ref, expected: u64) {
        let ty = em.type_of(value);
        let k = em.konst(expected, ty);
        em.replace(value, k);
        let implied = if expected != 0 {
            GuardKind::True
        } else {
            GuardKind::False
        };
        self.known.insert((implied, value, 0));
    }
}

fn is_comparison(op: &Op) -> bool {
    use BinOp::*;
    match op {
        Op::Bin(b, ..) => matches!(
            b,
            IntLt
                | IntLe
                | IntGt
                | IntGe
                | IntEq
                | IntNe
                | UintLt
                | FloatLt
                | FloatLe
                | FloatGt
                | FloatGe
                | FloatEq
                | FloatNe
        ),
        Op::Un(UnOp::IntIsZero, _) => true,
        _ => false,
    }
}

/// Whether a value is known to be even (its low bit 0): a doubled value
/// checked for overflow, or a left shift.
fn known_even(em: &Emitter, x: Ref) -> bool {
    if em.may_wrap.contains(&em.resolve(x)) {
        return false;
    }
    match *em.def(x) {
        Op::Ovf(OvfOp::IntAddOvf, a, b) => a == b,
        Op::Bin(BinOp::IntShl, _, s) => em.const_of(s).is_some_and(|s| (1..64).contains(&s)),
        _ => false,
    }
}

/// The value of `b(x, y)` by an identity, without emitting anything new
/// except constants.
fn simplify_bin(em: &mut Emitter, b: BinOp, x: Ref, y: Ref) -> Option<Ref> {
    use BinOp::*;
    let (cx, cy) = (em.const_of(x), em.const_of(y));
    let zero = |em: &mut Emitter| em.konst(0, Type::Int);
    let one = |em: &mut Emitter| em.konst(1, Type::Int);
    match b {
        IntAdd | IntOr | IntXor if cx == Some(0) => Some(y),
        IntAdd | IntSub | IntOr | IntXor | IntShl | IntSar | IntShr if cy == Some(0) => Some(x),
        IntMul if cy == Some(1) => Some(x),
        IntMul if cx == Some(1) => Some(y),
        IntMul | IntAnd if cx == Some(0) || cy == Some(0) => Some(zero(em)),
        IntAnd if cy == Some(u64::MAX) => Some(x),
        IntAnd if cx == Some(u64::MAX) => Some(y),
        IntSub | IntXor if x == y => Some(zero(em)),
        IntAnd | IntOr if x == y => Some(x),
        IntEq | IntLe | IntGe if x == y => Some(one(em)),
        IntNe | IntLt | IntGt | UintLt if x == y => Some(zero(em)),
        // tagged integers: (x|1)&1 is 1
        IntAnd
            if cy == Some(1)
                && matches!(*em.def(x), Op::Bin(IntOr, _, m) if em.const_of(m).is_some_and(|m| m & 1 == 1)) =>
        {
            Some(one(em))
        }
        // (x|1)-1 is x when x is even
        IntSub if cy == Some(1) => match *em.def(x) {
            Op::Bin(IntOr, inner, m) if em.const_of(m) == Some(1) && known_even(em, inner) => {
                Some(inner)
            }
            _ => None,
        },
        // ((y+y)|1)>>1 is y when y+y did not overflow
        IntSar if cy == Some(1) => match *em.def(x) {
            Op::Bin(IntOr, inner, m) if em.const_of(m) == Some(1) => match *em.def(inner) {
                Op::Ovf(OvfOp::IntAddOvf, a, c) if a == c && !em.may_wrap.contains(&inner) => {
                    Some(a)
                }
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

impl Pass for Rewrite {
    fn visit(&mut self, em: &mut Emitter, op: Op) -> Option<Ref> {
        match op {
            Op::Bin(b, x, y) => {
                if let (Some(a), Some(c)) = (em.const_of(x), em.const_of(y)) {
                    em.stats.folded += 1;
                    return Some(em.konst(b.eval(a, c), b.result_type()));
                }
                if let Some(r) = simplify_bin(em, b, x, y) {
                    em.stats.folded += 1;
                    return Some(r);
                }
                // a mask of bits all known
                if b == BinOp::IntAnd
                    && let Some(mask) = em.const_of(y)
                {
                    let (ones, zeros) =
                        known_bits(&em.out, em.resolve(x), &self.bits, KNOWN_BITS_DEPTH);
                    if (ones | zeros) & mask == mask {
                        em.stats.folded += 1;
                        return Some(em.konst(ones & mask, Type::Int));
                    }
                }
                Some(em.emit(op))
            }
            Op::Un(u, x) => {
                if let Some(a) = em.const_of(x) {
                    em.stats.folded += 1;
                    return Some(em.konst(u.eval(a), u.result_type()));
                }
                match (u, em.def(x)) {
                    (UnOp::BitsFloat, Op::Un(UnOp::FloatBits, inner))
                    | (UnOp::FloatBits, Op::Un(UnOp::BitsFloat, inner)) => {
                        let inner = *inner;
                        em.stats.folded += 1;
                        Some(inner)
                    }
                    _ => Some(em.emit(op)),
                }
            }
            Op::Ovf(o, x, y) => {
                if let (Some(a), Some(c)) = (em.const_of(x), em.const_of(y))
                    && !em.current_may_wrap()
                {
                    let (value, overflowed) = o.eval(a, c);
                    if !overflowed {
                        // the overflow guard naming this op goes with it
                        em.stats.folded += 1;
                        return Some(em.konst(value, Type::Int));
                    }
                }
                Some(em.emit(op))
            }
            Op::Guard { .. } => self.guard(em, op),
            Op::Store { .. } => {
                self.forget_memory_guards();
                self.written_at = Some(em.out.ops.len());
                Some(em.emit(op))
            }
            Op::Label => {
                if self.peeled {
                    self.forget_memory_guards();
                }
                // a check in the loop body never moves into the preamble
                self.nonnull_at.clear();
                Some(em.emit(op))
            }
            Op::Call { helper, ref args } => {
                let h = &em.out.helpers[helper as usize];
                if h.effect == Effect::Elidable
                    && let Some(consts) = args
                        .iter()
                        .map(|a| em.const_of(*a))
                        .collect::<Option<Vec<u64>>>()
                    && let Some(value) = call_elidable(h, &consts)
                {
                    em.stats.folded += 1;
                    return Some(em.konst(value, Type::Int));
                }
                if em.out.call_clobbers(helper) {
                    self.forget_memory_guards();
                    self.written_at = Some(em.out.ops.len());
                }
                Some(em.emit(op))
            }
            Op::Phi { .. } => {
                let r = em.emit(op);
                if let Some(b) = self.phi_bits.get(&self.phis_seen) {
                    self.bits.insert(r, *b);
                }
                self.phis_seen += 1;
                Some(r)
            }
            op => Some(em.emit(op)),
        }
    }
}

/// Run an elidable helper on constant arguments, when its shape allows it.
fn call_elidable(h: &Helper, args: &[u64]) -> Option<u64> {
    if h.params.iter().any(|t| *t != Type::Int) || h.ret != Some(Type::Int) {
        return None;
    }
    let addr = h.addr;
    // SAFETY: the helper was registered with these parameter and result types
    // (all words) and declared elidable: calling it has no effect besides its
    // result, and it is valid for any arguments the trace could pass.
    unsafe {
        match args.len() {
            0 => Some(std::mem::transmute::<usize, extern "C" fn() -> u64>(addr)()),
            1 => Some(std::mem::transmute::<usize, extern "C" fn(u64) -> u64>(
                addr,
            )(args[0])),
            2 => Some(
                std::mem::transmute::<usize, extern "C" fn(u64, u64) -> u64>(addr)(
                    args[0], args[1],
                ),
            ),
            3 => Some(std::mem::transmute::<
                usize,
                extern "C" fn(u64, u64, u64) -> u64,
            >(addr)(args[0], args[1], args[2])),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Rewrite;
    use crate::opt::testing::{check_pass, parse};
    use crate::opt::{OptStats, run_pass};

    fn rewrite(src: &str) -> String {
        let t = parse(src);
        let (out, _) = run_pass(&t, &mut Rewrite::new(&t), OptStats::default());
        check_pass(&t, &out)
    }

    #[test]
    fn folds_constants_with_the_op_table() {
        let out = rewrite(
            "x = input 0 : int
             label
             a = const 6
             b = const 7
             c = int_mul a, b
             d = int_add x, c
             jump d",
        );
        assert!(out.contains("const 42"), "{out}");
        assert!(!out.contains("int_mul"), "{out}");
    }

    #[test]
    fn algebraic_identities() {
        let out = rewrite(
            "x = input 0 : int
             y = input 1 : int
             label
             z = const 0
             o = const 1
             a = int_add x, z
             b = int_mul a, o
             c = int_sub b, b
             d = int_or y, c
             e = int_shl d, z
             f = int_xor e, e
             g = int_add e, f
             jump g, x",
        );
        assert_eq!(
            out.lines().last().unwrap().trim(),
            "jump v1, v0",
            "every op folds away:\n{out}"
        );
    }

    #[test]
    fn tagged_integers_untag_without_ops() {
        let out = rewrite(
            "r = input 0 : int
             label
             o = const 1
             t = int_add_ovf r, r
             guard_no_overflow t @pc=1 exit[r]
             g = int_or t, o
             i = int_and g, o
             guard_true i @pc=2 exit[r]
             u = int_sar g, o
             m = int_sub g, o
             s = int_add u, m
             jump s",
        );
        assert!(
            !out.contains("int_sar") && !out.contains("int_sub"),
            "{out}"
        );
        assert!(
            !out.contains("guard_true"),
            "is-int check of a tagged value holds:\n{out}"
        );
    }

    #[test]
    fn known_bits_decide_masks_and_guards() {
        let out = rewrite(
            "x = input 0 : int
             y = input 1 : int
             label
             o = const 1
             three = const 3
             t = int_or x, o
             m = int_and t, three
             guard_true m @pc=1 exit[x]
             a = int_and y, o
             guard_true a @pc=2 exit[x]
             two = const 2
             s = int_add y, two
             b = int_and s, o
             guard_true b @pc=3 exit[x]
             jump m, s",
        );
        assert_eq!(
            out.matches("guard_true").count(),
            1,
            "y+2 is odd when y is:\n{out}"
        );
        assert!(out.contains("@pc=2"), "{out}");
    }

    #[test]
    fn promotion_makes_later_uses_constant() {
        let out = rewrite(
            "x = input 0 : int
             label
             guard_value x, 5 @pc=1 exit[x]
             two = const 2
             y = int_mul x, two
             guard_value x, 5 @pc=2 exit[x]
             guard_true x @pc=3 exit[x]
             jump y",
        );
        assert!(out.contains("const 10"), "{out}");
        assert_eq!(out.matches("guard").count(), 1, "{out}");
    }

    #[test]
    fn repeated_and_implied_guards_go_but_memory_guards_die_at_stores() {
        let out = rewrite(
            "x = input 0 : int
             label
             guard_class x, 77 @pc=1 exit[x]
             guard_nonnull x @pc=2 exit[x]
             guard_class x, 77 @pc=3 exit[x]
             store x+8, x
             guard_class x, 77 @pc=4 exit[x]
             c = int_lt x, x
             guard_false c @pc=5 exit[x]
             jump x",
        );
        assert_eq!(out.matches("guard_class").count(), 2, "{out}");
        assert!(
            !out.contains("guard_nonnull") && !out.contains("guard_false"),
            "{out}"
        );
    }

    #[test]
    fn a_guard_that_always_fails_stays() {
        let out = rewrite(
            "x = input 0 : int
             label
             z = const 0
             guard_true z @pc=1 exit[x]
             jump x",
        );
        assert!(out.contains("guard_true"), "{out}");
    }

    #[test]
    fn folding_an_overflow_op_drops_its_guard_unless_it_overflows() {
        let out = rewrite(
            "x = input 0 : int
             label
             a = const 4
             b = int_add_ovf a, a
             guard_no_overflow b @pc=1 exit[x]
             m = const 9223372036854775807
             c = int_add_ovf m, a
             guard_no_overflow c @pc=2 exit[x]
             d = int_add x, b
             jump d",
        );
        assert_eq!(out.matches("guard_no_overflow").count(), 1, "{out}");
        assert!(out.contains("const 8"), "{out}");
    }

    #[test]
    fn nonnull_then_class_fuse_at_the_earlier_guard() {
        let out = rewrite(
            "x = input 0 : int
             label
             guard_nonnull x @pc=1 exit[x]
             a = load x+8 : int
             guard_class x, 77 @pc=2 exit[x, a]
             guard_class x, 77 @pc=3 exit[x]
             guard_nonnull x @pc=4 exit[x]
             jump a",
        );
        assert_eq!(out.matches("guard").count(), 1, "{out}");
        assert!(
            out.contains("guard_nonnull_class v0, 77 @pc=1"),
            "one check, at the first resume point:\n{out}"
        );
    }

    #[test]
    fn a_store_between_keeps_the_class_check_below_it() {
        let out = rewrite(
            "x = input 0 : int
             y = input 1 : int
             label
             guard_nonnull x @pc=1 exit[x]
             store y+0, x
             guard_class x, 77 @pc=2 exit[x]
             guard_nonnull x @pc=3 exit[x]
             jump x, y",
        );
        assert!(out.contains("guard_nonnull v0 @pc=1"), "{out}");
        assert!(out.contains("guard_class v0, 77 @pc=2"), "{out}");
        assert_eq!(out.matches("guard").count(), 2, "{out}");
    }

    #[test]
    fn a_value_guard_replaces_an_earlier_nonnull() {
        let out = rewrite(
            "x = input 0 : int
             label
             guard_nonnull x @pc=1 exit[x]
             a = load x+8 : int
             guard_value x, 4096 @pc=2 exit[x, a]
             two = const 2
             y = int_mul x, two
             jump y",
        );
        assert!(out.contains("guard_value v0, 4096 @pc=1"), "{out}");
        assert_eq!(out.matches("guard").count(), 1, "{out}");
        assert!(out.contains("const 8192"), "promoted:\n{out}");
    }

    #[test]
    fn checks_in_the_loop_body_never_move_into_the_preamble() {
        let t = parse(
            "x = input 0 : int
             guard_nonnull x @pc=1 exit[x]
             label
             guard_class x, 77 @pc=2 exit[x]
             jump x",
        );
        let (out, _) = run_pass(&t, &mut Rewrite::new(&t), OptStats::default());
        let out = check_pass(&t, &out);
        assert!(out.contains("guard_nonnull v0 @pc=1"), "{out}");
        assert!(out.contains("guard_class v0, 77 @pc=2"), "{out}");
    }

    #[test]
    fn the_fused_guard_reads_no_header_of_null() {
        use crate::opt::testing::run;
        let t = parse(
            "x = input 0 : int
             label
             guard_nonnull x @pc=1 exit[x]
             guard_class x, 77 @pc=1 exit[x]
             a = load x+8 : int
             finish @pc=9 exit[a]",
        );
        let (o, stats) = crate::opt::optimize(&t);
        assert_eq!(stats.guards_strengthened, 1, "{o}");
        assert!(o.to_string().contains("guard_nonnull_class"), "{o}");
        let right = Box::leak(Box::new([77u64, 5])).as_ptr() as u64;
        let wrong = Box::leak(Box::new([78u64, 6])).as_ptr() as u64;
        for trace in [&t, &o] {
            assert_eq!(run(trace, &[0], &[]), (1, vec![0]));
            assert_eq!(run(trace, &[wrong], &[]), (1, vec![wrong]));
            assert_eq!(run(trace, &[right], &[]), (9, vec![5]));
        }
    }
}
