//! The minimal optimizer: constant folding, pure-operation sharing, removal of
//! guards already implied, dead-code removal.
//!
//! One forward pass rewrites the trace into a new one:
//! - an operation whose operands are all constants is evaluated with the same
//!   plain implementation the interpreter uses (the op table in `ir`);
//! - a `guard_value x, c` makes every later use of `x` the constant `c`: that
//!   is how promoted values and greens become trace constants;
//! - a repeated pure operation (same op, same operands) reuses the first one;
//!   loads are reused too until a store or a call that writes;
//! - a guard that checks a constant (and holds), or repeats a check already
//!   made earlier in the iteration, is dropped.
//!
//! Facts hold within one iteration: every iteration runs the whole body in
//! order, so what an earlier guard checked still holds at a later one. Nothing
//! is carried across the jump (that is loop peeling, the full optimizer's job).
//!
//! A backward pass then drops pure operations nobody uses.

use crate::ir::{BinOp, Effect, GuardKind, Op, Ref, Trace, Type};
use fxhash::FxHashMap;

/// What the optimizer did, for logs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OptStats {
    pub folded: usize,
    pub shared: usize,
    pub guards_removed: usize,
    pub dead_removed: usize,
}

#[derive(PartialEq, Eq, Hash)]
enum PureKey {
    Bin(BinOp, Ref, Ref),
    Un(crate::ir::UnOp, Ref),
    Load(Ref, i32, Type),
    Const(u64, Type),
}

/// Optimize a trace; the result verifies whenever the input does.
pub fn optimize(trace: &Trace) -> (Trace, OptStats) {
    let mut stats = OptStats::default();
    let mut out = Trace::new(trace.name.clone());
    out.helpers = trace.helpers.clone();
    // old ref -> new ref
    let mut map: Vec<Ref> = Vec::with_capacity(trace.ops.len());
    let mut pure: FxHashMap<PureKey, Ref> = FxHashMap::default();
    let mut known_guards: FxHashMap<(GuardKind, Ref, u64), ()> = FxHashMap::default();
    // new ovf op -> whether it overflows, when its operands are constant
    let mut ovf_known: FxHashMap<Ref, bool> = FxHashMap::default();
    // new ref -> the constant a guard_value proved it to be
    let mut proven: FxHashMap<Ref, Ref> = FxHashMap::default();

    let konst = |out: &mut Trace, pure: &mut FxHashMap<PureKey, Ref>, bits: u64, ty: Type| {
        *pure
            .entry(PureKey::Const(bits, ty))
            .or_insert_with(|| out.constant(bits, ty))
    };

    for op in &trace.ops {
        let mut op = op.clone();
        op.map_operands(|r| {
            let n = map[r.index()];
            proven.get(&n).copied().unwrap_or(n)
        });
        // An overflow guard names its operation, not the operation's value
        // (which may have folded to a constant).
        if let Op::Guard {
            kind: GuardKind::NoOverflow | GuardKind::Overflow,
            value,
            ..
        } = &mut op
            && let Op::Guard { value: old, .. } = &trace.ops[map.len()]
        {
            *value = map[old.index()];
        }
        let new_ref = match op {
            Op::Const { bits, ty } => konst(&mut out, &mut pure, bits, ty),
            Op::Bin(b, x, y) => match (out.const_value(x), out.const_value(y)) {
                (Some(a), Some(c)) => {
                    stats.folded += 1;
                    konst(&mut out, &mut pure, b.eval(a, c), b.result_type())
                }
                (_, Some(0))
                    if matches!(
                        b,
                        BinOp::IntAdd
                            | BinOp::IntSub
                            | BinOp::IntOr
                            | BinOp::IntXor
                            | BinOp::IntShl
                            | BinOp::IntSar
                            | BinOp::IntShr
                    ) =>
                {
                    stats.folded += 1;
                    x
                }
                _ => match pure.get(&PureKey::Bin(b, x, y)) {
                    Some(r) => {
                        stats.shared += 1;
                        *r
                    }
                    None => {
                        let r = out.push(Op::Bin(b, x, y));
                        pure.insert(PureKey::Bin(b, x, y), r);
                        r
                    }
                },
            },
            Op::Un(u, x) => match out.const_value(x) {
                Some(a) => {
                    stats.folded += 1;
                    konst(&mut out, &mut pure, u.eval(a), u.result_type())
                }
                None => match pure.get(&PureKey::Un(u, x)) {
                    Some(r) => {
                        stats.shared += 1;
                        *r
                    }
                    None => {
                        let r = out.push(Op::Un(u, x));
                        pure.insert(PureKey::Un(u, x), r);
                        r
                    }
                },
            },
            Op::Ovf(o, x, y) => {
                let r = out.push(Op::Ovf(o, x, y));
                if let (Some(a), Some(c)) = (out.const_value(x), out.const_value(y)) {
                    let (value, overflowed) = o.eval(a, c);
                    ovf_known.insert(r, overflowed);
                    if !overflowed {
                        // Uses of the value see the constant; the op itself
                        // stays for its guard and dies if that guard goes.
                        stats.folded += 1;
                        let k = konst(&mut out, &mut pure, value, Type::Int);
                        proven.insert(r, k);
                    }
                }
                r
            }
            Op::Load { base, offset, ty } => match pure.get(&PureKey::Load(base, offset, ty)) {
                Some(r) => {
                    stats.shared += 1;
                    *r
                }
                None => {
                    let r = out.push(Op::Load { base, offset, ty });
                    pure.insert(PureKey::Load(base, offset, ty), r);
                    r
                }
            },
            Op::Store { .. } => {
                pure.retain(|k, _| !matches!(k, PureKey::Load(..)));
                out.push(op)
            }
            Op::Call { helper, ref args } => {
                let h = &trace.helpers[helper as usize];
                if h.effect == Effect::Elidable
                    && h.ret.is_some()
                    && let Some(consts) = args
                        .iter()
                        .map(|a| out.const_value(*a))
                        .collect::<Option<Vec<u64>>>()
                    && let Some(value) = call_elidable(h, &consts)
                {
                    stats.folded += 1;
                    konst(&mut out, &mut pure, value, h.ret.unwrap_or(Type::Int))
                } else {
                    if h.effect.is_side_effect() {
                        pure.retain(|k, _| !matches!(k, PureKey::Load(..)));
                    }
                    out.push(op)
                }
            }
            Op::Guard {
                kind,
                value,
                expected,
                ..
            } => {
                let holds_statically = match kind {
                    GuardKind::True | GuardKind::NonNull => out.const_value(value).map(|c| c != 0),
                    GuardKind::False => out.const_value(value).map(|c| c == 0),
                    GuardKind::Value => out.const_value(value).map(|c| c == expected),
                    GuardKind::NoOverflow => ovf_known.get(&value).map(|o| !o),
                    GuardKind::Overflow => ovf_known.get(&value).copied(),
                    _ => None,
                };
                let implied = known_guards.contains_key(&(kind, value, expected))
                    || (kind == GuardKind::NonNull
                        && known_guards.contains_key(&(GuardKind::True, value, 0)))
                    || (kind == GuardKind::True
                        && known_guards.contains_key(&(GuardKind::NonNull, value, 0)));
                if holds_statically == Some(true) || implied {
                    stats.guards_removed += 1;
                    // Guards define no value: nothing maps through this entry.
                    map.push(Ref(u32::MAX));
                    continue;
                }
                let r = out.push(op);
                let key_expected = if kind.has_expected() { expected } else { 0 };
                known_guards.insert((kind, value, key_expected), ());
                if kind == GuardKind::Value {
                    let ty = out.type_of(value).unwrap_or(Type::Int);
                    let k = konst(&mut out, &mut pure, expected, ty);
                    proven.insert(value, k);
                    if expected != 0 {
                        known_guards.insert((GuardKind::True, value, 0), ());
                    } else {
                        known_guards.insert((GuardKind::False, value, 0), ());
                    }
                }
                r
            }
            Op::Input { .. } | Op::Label | Op::Jump(_) | Op::Finish { .. } => out.push(op),
        };
        map.push(new_ref);
    }
    let (out, dead) = remove_dead(&out);
    stats.dead_removed = dead;
    (out, stats)
}

/// Run an elidable helper on constant arguments, when its shape allows it.
fn call_elidable(h: &crate::ir::Helper, args: &[u64]) -> Option<u64> {
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
    let mut map = vec![Ref(u32::MAX); n];
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
