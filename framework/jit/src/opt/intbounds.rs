//! Integer bounds: a range `[lo, hi]` (signed) for every integer value.
//!
//! Ranges come from constants, from arithmetic on ranged operands (computed
//! in 128 bits, so an operation whose result might wrap gets the full range),
//! from masks and shifts, and from guards: after `guard_true (int_lt x, y)`
//! the trace knows `x < y` and narrows both ranges; after `guard_value x, c`
//! it knows `x == c`. Values are SSA, so a range proven at a guard holds for
//! the rest of the linear trace.
//!
//! What the ranges buy:
//! - a comparison whose answer they decide becomes a constant, and the guard
//!   on it goes (`i < n` checked, `i < n + 1` is known);
//! - an overflow-checked operation whose result range fits in 64 bits becomes
//!   the plain operation, and its `guard_no_overflow` goes (`i < n` checked,
//!   `i + 1` cannot overflow).
//!
//! The range of an overflow-checked result is the exact result's range: it
//! holds wherever the value is used, because every use comes after its
//! `guard_no_overflow` (the recorder emits the guard right after the op).

use super::rewrite::{Bits, KNOWN_BITS_DEPTH, known_bits, learn_from_guard};
use super::{Emitter, Pass};
use crate::ir::{BinOp, GuardKind, Op, OvfOp, Ref, Trace, Type, UnOp};
use fxhash::FxHashMap;

/// A signed range, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub lo: i64,
    pub hi: i64,
}

impl Range {
    pub const FULL: Range = Range {
        lo: i64::MIN,
        hi: i64::MAX,
    };

    pub fn exact(c: i64) -> Range {
        Range { lo: c, hi: c }
    }

    /// The range of exact results `[lo, hi]` (in 128 bits), if it fits.
    fn fit(lo: i128, hi: i128) -> Option<Range> {
        (lo >= i64::MIN as i128 && hi <= i64::MAX as i128 && lo <= hi).then_some(Range {
            lo: lo as i64,
            hi: hi as i64,
        })
    }

    /// The range clamped to 64 bits (the results a checked op can give
    /// without overflowing).
    fn clamp(lo: i128, hi: i128) -> Range {
        Range {
            lo: lo.clamp(i64::MIN as i128, i64::MAX as i128) as i64,
            hi: hi.clamp(i64::MIN as i128, i64::MAX as i128) as i64,
        }
    }

    fn is_nonneg(self) -> bool {
        self.lo >= 0
    }

    fn constant(self) -> Option<i64> {
        (self.lo == self.hi).then_some(self.lo)
    }
}

/// Exact result ranges of the three overflow-checked operations.
fn exact(op: OvfOp, a: Range, b: Range) -> (i128, i128) {
    let (al, ah, bl, bh) = (a.lo as i128, a.hi as i128, b.lo as i128, b.hi as i128);
    match op {
        OvfOp::IntAddOvf => (al + bl, ah + bh),
        OvfOp::IntSubOvf => (al - bh, ah - bl),
        OvfOp::IntMulOvf => {
            let p = [al * bl, al * bh, ah * bl, ah * bh];
            (
                *p.iter().min().expect("four products"),
                *p.iter().max().expect("four products"),
            )
        }
    }
}

/// The smallest all-ones mask covering `x` (x >= 0).
fn mask_above(x: i64) -> i64 {
    if x <= 0 {
        0
    } else {
        (u64::MAX >> (x as u64).leading_zeros()) as i64
    }
}

pub struct IntBounds {
    ranges: FxHashMap<Ref, Range>,
    /// Known low bits (from guards on masks, and phis loop peeling proved
    /// odd): an odd value below an odd bound is at most the bound minus 2,
    /// which is what lets `i + 1` on tagged integers (`i + 2`) skip its
    /// overflow check after `i < n`.
    bits: FxHashMap<Ref, Bits>,
    phi_bits: FxHashMap<usize, Bits>,
    phis_seen: usize,
}

impl IntBounds {
    pub fn new(_src: &Trace) -> IntBounds {
        IntBounds {
            ranges: FxHashMap::default(),
            bits: FxHashMap::default(),
            phi_bits: FxHashMap::default(),
            phis_seen: 0,
        }
    }

    /// Bounds that know bits of some phis (by their order after the label), as loop peeling
    /// proved them.
    pub fn with_phi_bits(src: &Trace, phi_bits: FxHashMap<usize, Bits>) -> IntBounds {
        IntBounds {
            phi_bits,
            ..IntBounds::new(src)
        }
    }

    /// The range of a (new) value.
    pub fn range(&self, em: &Emitter, r: Ref) -> Range {
        let r = em.resolve(r);
        if em.type_of(r) != Type::Int {
            return Range::FULL;
        }
        if let Some(c) = em.const_of(r) {
            return Range::exact(c as i64);
        }
        self.ranges.get(&r).copied().unwrap_or(Range::FULL)
    }

    fn narrow(&mut self, em: &Emitter, r: Ref, lo: i64, hi: i64) {
        let old = self.range(em, r);
        let mut new = Range {
            lo: old.lo.max(lo),
            hi: old.hi.min(hi),
        };
        // the ends of a range of odd (even) values are odd (even)
        let (ones, zeros) = known_bits(&em.out, em.resolve(r), &self.bits, KNOWN_BITS_DEPTH);
        if (ones | zeros) & 1 == 1 {
            let parity = ones & 1;
            if (new.hi as u64) & 1 != parity {
                new.hi = new.hi.saturating_sub(1);
            }
            if (new.lo as u64) & 1 != parity {
                new.lo = new.lo.saturating_add(1);
            }
        }
        // an empty range means the guard cannot hold: leave it to fail
        if new.lo <= new.hi {
            self.ranges.insert(em.resolve(r), new);
        }
    }

    fn bin_range(&self, em: &Emitter, b: BinOp, x: Ref, y: Ref) -> Range {
        use BinOp::*;
        let (a, c) = (self.range(em, x), self.range(em, y));
        let shift = c.constant().filter(|s| (0..64).contains(s));
        match b {
            IntAdd => Range::fit(
                exact(OvfOp::IntAddOvf, a, c).0,
                exact(OvfOp::IntAddOvf, a, c).1,
            ),
            IntSub => Range::fit(
                exact(OvfOp::IntSubOvf, a, c).0,
                exact(OvfOp::IntSubOvf, a, c).1,
            ),
            IntMul => Range::fit(
                exact(OvfOp::IntMulOvf, a, c).0,
                exact(OvfOp::IntMulOvf, a, c).1,
            ),
            IntAnd if a.is_nonneg() && c.is_nonneg() => Some(Range {
                lo: 0,
                hi: a.hi.min(c.hi),
            }),
            IntAnd if a.is_nonneg() || c.is_nonneg() => Some(Range {
                lo: 0,
                hi: if a.is_nonneg() { a.hi } else { c.hi },
            }),
            IntOr | IntXor if a.is_nonneg() && c.is_nonneg() => Some(Range {
                lo: if b == IntOr { a.lo.max(c.lo) } else { 0 },
                hi: mask_above(a.hi.max(c.hi)),
            }),
            IntShl => shift.and_then(|s| Range::fit((a.lo as i128) << s, (a.hi as i128) << s)),
            IntSar => shift.map(|s| Range {
                lo: a.lo >> s,
                hi: a.hi >> s,
            }),
            IntShr if a.is_nonneg() => shift.map(|s| Range {
                lo: a.lo >> s,
                hi: a.hi >> s,
            }),
            IntMod => c.constant().filter(|m| *m > 0 && *m != i64::MIN).map(|m| {
                if a.is_nonneg() {
                    Range { lo: 0, hi: m - 1 }
                } else {
                    Range {
                        lo: -(m - 1),
                        hi: m - 1,
                    }
                }
            }),
            IntLt | IntLe | IntGt | IntGe | IntEq | IntNe | UintLt | FloatLt | FloatLe
            | FloatGt | FloatGe | FloatEq | FloatNe => Some(Range { lo: 0, hi: 1 }),
            _ => None,
        }
        .unwrap_or(Range::FULL)
    }

    /// The answer of a comparison the ranges decide.
    fn decide(&self, em: &Emitter, b: BinOp, x: Ref, y: Ref) -> Option<bool> {
        use BinOp::*;
        let (a, c) = (self.range(em, x), self.range(em, y));
        match b {
            IntLt if a.hi < c.lo => Some(true),
            IntLt if a.lo >= c.hi => Some(false),
            IntLe if a.hi <= c.lo => Some(true),
            IntLe if a.lo > c.hi => Some(false),
            IntGt => self.decide(em, IntLt, y, x),
            IntGe => self.decide(em, IntLe, y, x),
            IntEq if a.hi < c.lo || c.hi < a.lo => Some(false),
            IntEq if a.constant().is_some() && a.constant() == c.constant() => Some(true),
            IntNe => self.decide(em, IntEq, x, y).map(|e| !e),
            UintLt if a.is_nonneg() && c.is_nonneg() => self.decide(em, IntLt, x, y),
            _ => None,
        }
    }

    /// What `guard_true` (holds = true) or `guard_false` of comparison
    /// `b(x, y)` teaches about x and y.
    fn learn(&mut self, em: &Emitter, b: BinOp, x: Ref, y: Ref, holds: bool) {
        use BinOp::*;
        let (a, c) = (self.range(em, x), self.range(em, y));
        // turn every case into "x < y" or "x <= y"
        let (b, x, y, a, c) = match (b, holds) {
            (IntLt, true) | (IntLe, true) => (b, x, y, a, c),
            (IntGt, true) => (IntLt, y, x, c, a),
            (IntGe, true) => (IntLe, y, x, c, a),
            (IntLt, false) => (IntLe, y, x, c, a),
            (IntLe, false) => (IntLt, y, x, c, a),
            (IntGt, false) => (IntLe, x, y, a, c),
            (IntGe, false) => (IntLt, x, y, a, c),
            (IntEq, true) | (IntNe, false) => {
                self.narrow(em, x, c.lo, c.hi);
                self.narrow(em, y, a.lo, a.hi);
                return;
            }
            (UintLt, true) if c.is_nonneg() => {
                // x <u y with y >= 0 means 0 <= x < y
                self.narrow(em, x, 0, c.hi.saturating_sub(1));
                return;
            }
            _ => return,
        };
        let strict = (b == IntLt) as i64;
        self.narrow(em, x, i64::MIN, c.hi.saturating_sub(strict));
        self.narrow(em, y, a.lo.saturating_add(strict), i64::MAX);
    }
}

impl Pass for IntBounds {
    fn visit(&mut self, em: &mut Emitter, op: Op) -> Option<Ref> {
        match op {
            Op::Bin(b, x, y) if b.operand_type() == Type::Int => {
                if let Some(answer) = self.decide(em, b, x, y) {
                    em.stats.bounds_removed += 1;
                    return Some(em.konst(answer as u64, Type::Int));
                }
                let range = self.bin_range(em, b, x, y);
                let r = em.emit(op);
                self.ranges.insert(r, range);
                Some(r)
            }
            Op::Un(UnOp::IntNeg, x) => {
                let a = self.range(em, x);
                let range = Range::fit(-(a.hi as i128), -(a.lo as i128)).unwrap_or(Range::FULL);
                let r = em.emit(op);
                self.ranges.insert(r, range);
                Some(r)
            }
            Op::Un(UnOp::IntIsZero, _) => {
                let r = em.emit(op);
                self.ranges.insert(r, Range { lo: 0, hi: 1 });
                Some(r)
            }
            Op::Ovf(o, x, y) => {
                let (lo, hi) = exact(o, self.range(em, x), self.range(em, y));
                if em.current_may_wrap() {
                    // a guard_overflow names it: its value may be the wrapped one
                    return Some(em.emit(op));
                }
                if let Some(range) = Range::fit(lo, hi) {
                    // cannot overflow: the plain op, and run_pass drops the guard
                    let plain = match o {
                        OvfOp::IntAddOvf => BinOp::IntAdd,
                        OvfOp::IntSubOvf => BinOp::IntSub,
                        OvfOp::IntMulOvf => BinOp::IntMul,
                    };
                    let r = em.emit(Op::Bin(plain, x, y));
                    self.ranges.insert(r, range);
                    return Some(r);
                }
                let r = em.emit(op);
                self.ranges.insert(r, Range::clamp(lo, hi));
                Some(r)
            }
            Op::Guard {
                kind,
                value,
                expected,
                ..
            } => {
                let holds = match (kind, em.const_of(value)) {
                    (GuardKind::True | GuardKind::NonNull, Some(c)) => Some(c != 0),
                    (GuardKind::False, Some(c)) => Some(c == 0),
                    (GuardKind::Value, Some(c)) => Some(c == expected),
                    _ => None,
                };
                if holds == Some(true) {
                    em.stats.bounds_removed += 1;
                    return None;
                }
                let g = em.emit(op);
                let emitted = em.out.ops[g.index()].clone();
                learn_from_guard(&em.out, &emitted, &mut self.bits);
                match kind {
                    GuardKind::Value if em.type_of(value) == Type::Int => {
                        self.narrow(em, value, expected as i64, expected as i64)
                    }
                    GuardKind::False => self.narrow(em, value, 0, 0),
                    _ => {}
                }
                if let (GuardKind::True | GuardKind::False, Op::Bin(b, x, y)) =
                    (kind, em.def(value).clone())
                    && b.operand_type() == Type::Int
                {
                    self.learn(em, b, x, y, kind == GuardKind::True);
                }
                None
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

#[cfg(test)]
mod tests {
    use super::IntBounds;
    use crate::opt::testing::{check_pass, parse};
    use crate::opt::{OptStats, run_pass};

    fn bounds(src: &str) -> String {
        let t = parse(src);
        let (out, _) = run_pass(&t, &mut IntBounds::new(&t), OptStats::default());
        check_pass(&t, &out)
    }

    #[test]
    fn a_checked_bound_removes_the_overflow_check_of_the_increment() {
        let out = bounds(
            "i = input 0 : int
             label
             n = const 1000
             c = int_lt i, n
             guard_true c @pc=1 exit[i]
             one = const 1
             j = int_add_ovf i, one
             guard_no_overflow j @pc=2 exit[i]
             jump j",
        );
        assert!(
            !out.contains("int_add_ovf") && !out.contains("guard_no_overflow"),
            "{out}"
        );
        assert!(out.contains("int_add"), "{out}");
    }

    #[test]
    fn an_op_recorded_as_overflowing_keeps_its_wrapped_value() {
        let out = bounds(
            "i = input 0 : int
             label
             n = const 1000
             c = int_lt i, n
             guard_true c @pc=1 exit[i]
             one = const 1
             j = int_add_ovf i, one
             guard_overflow j @pc=2 exit[i]
             jump j",
        );
        assert!(
            out.contains("int_add_ovf") && out.contains("guard_overflow"),
            "{out}"
        );
    }

    #[test]
    fn odd_values_below_an_odd_bound_leave_room_for_a_tagged_increment() {
        let out = bounds(
            "i = input 0 : int
             n = input 1 : int
             label
             one = const 1
             a = int_and i, one
             guard_true a @pc=1 exit[i, n]
             c = int_lt i, n
             guard_true c @pc=2 exit[i, n]
             two = const 2
             j = int_add_ovf i, two
             guard_no_overflow j @pc=3 exit[i, n]
             three = const 3
             k = int_add_ovf i, three
             guard_no_overflow k @pc=4 exit[i, n]
             jump j, n",
        );
        // i <= MAX - 2 (odd, below MAX): i + 2 fits, i + 3 may not
        assert_eq!(out.matches("guard_no_overflow").count(), 1, "{out}");
        assert!(out.contains("@pc=4"), "{out}");
    }

    #[test]
    fn an_unbounded_increment_keeps_its_check() {
        let out = bounds(
            "i = input 0 : int
             label
             one = const 1
             j = int_add_ovf i, one
             guard_no_overflow j @pc=2 exit[i]
             jump j",
        );
        assert!(out.contains("guard_no_overflow"), "{out}");
    }

    #[test]
    fn implied_comparisons_fold_and_their_guards_go() {
        let out = bounds(
            "i = input 0 : int
             n = input 1 : int
             label
             ten = const 10
             a = int_lt i, ten
             guard_true a @pc=1 exit[i, n]
             twenty = const 20
             b = int_lt i, twenty
             guard_true b @pc=2 exit[i, n]
             z = const 0
             c = int_ge i, z
             guard_true c @pc=3 exit[i, n]
             d = int_gt i, z
             guard_true d @pc=4 exit[i, n]
             jump i, n",
        );
        // b is implied by a; c is not known (i may be negative) and d is
        // not implied by anything but teaches that i >= 1
        assert_eq!(out.matches("guard_true").count(), 3, "{out}");
        assert!(!out.contains("@pc=2"), "{out}");
    }

    #[test]
    fn masks_mods_and_shifts_bound_their_results() {
        let out = bounds(
            "x = input 0 : int
             label
             m = const 255
             a = int_and x, m
             k = const 3
             b = int_shl a, k
             big = const 2048
             c = int_lt b, big
             guard_true c @pc=1 exit[x]
             s = int_mul_ovf b, b
             guard_no_overflow s @pc=2 exit[x]
             seven = const 7
             r = int_mod x, seven
             e = int_lt r, seven
             guard_true e @pc=3 exit[x]
             jump s",
        );
        assert!(!out.contains("guard"), "{out}");
    }

    #[test]
    fn unsigned_bounds_check_gives_a_nonnegative_index() {
        let out = bounds(
            "i = input 0 : int
             label
             len = const 100
             c = uint_lt i, len
             guard_true c @pc=1 exit[i]
             z = const 0
             d = int_ge i, z
             guard_true d @pc=2 exit[i]
             jump i",
        );
        assert!(!out.contains("@pc=2"), "{out}");
    }

    #[test]
    fn a_guard_false_and_guard_value_narrow() {
        let out = bounds(
            "i = input 0 : int
             n = input 1 : int
             label
             hundred = const 100
             c = int_ge i, hundred
             guard_false c @pc=1 exit[i, n]
             guard_value n, 3 @pc=2 exit[i, n]
             s = int_add_ovf i, n
             guard_no_overflow s @pc=3 exit[i, n]
             jump s, n",
        );
        assert!(!out.contains("guard_no_overflow"), "{out}");
    }
}
