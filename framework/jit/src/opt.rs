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
//! - allocation removal, for allocating helpers that describe the object they
//!   return (`Helper::fresh`): the call becomes a `virtual`; loads from it
//!   read the words it would have been filled with; a low-bit tag test of it
//!   folds (objects are 8-aligned); exits describe it, and the driver builds
//!   it only if that exit is taken. Any other use (a store into it, passing
//!   it to a call, the jump) forces it: the call is made right there.
//!
//! A backward pass then drops pure operations nobody uses.

use crate::ir::{BinOp, Effect, FreshWord, GuardKind, Op, Ref, Trace, Type, UnOp};
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
    // new ref of a `virtual` -> the call that forced it, once forced
    let mut virtuals: FxHashMap<Ref, Option<Ref>> = FxHashMap::default();

    let konst = |out: &mut Trace, pure: &mut FxHashMap<PureKey, Ref>, bits: u64, ty: Type| {
        *pure
            .entry(PureKey::Const(bits, ty))
            .or_insert_with(|| out.constant(bits, ty))
    };

    for op in &trace.ops {
        let mut op = op.clone();
        op.map_operands(|r| {
            let n = map[r.index()];
            let n = proven.get(&n).copied().unwrap_or(n);
            match virtuals.get(&n) {
                Some(Some(forced)) => *forced,
                _ => n,
            }
        });
        if let Some(r) = virtual_use(&mut out, &mut pure, &virtuals, &op) {
            stats.folded += 1;
            map.push(r);
            continue;
        }
        // Every other use of a virtual object, but in an exit list, forces it.
        let exits: Vec<Ref> = match &op {
            Op::Guard { exit, .. } | Op::Finish { exit, .. } => exit.clone(),
            _ => vec![],
        };
        let guard_value = match &op {
            Op::Guard { value, .. } => Some(*value),
            _ => None,
        };
        let to_force: Vec<Ref> = op
            .operands()
            .into_iter()
            .filter(|r| matches!(virtuals.get(r), Some(None)))
            .filter(|r| !exits.contains(r) || guard_value == Some(*r))
            .collect();
        for v in to_force {
            if let Op::Virtual { helper, args } = out.ops[v.index()].clone() {
                let forced = out.push(Op::Call { helper, args });
                virtuals.insert(v, Some(forced));
            }
        }
        if !virtuals.is_empty() {
            op.map_operands(|r| match virtuals.get(&r) {
                Some(Some(forced)) if !exits.contains(&r) || guard_value == Some(r) => *forced,
                _ => r,
            });
        }
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
            Op::Un(UnOp::BitsFloat, x) | Op::Un(UnOp::FloatBits, x)
                if matches!(
                    (&op, &out.ops[x.index()]),
                    (Op::Un(UnOp::BitsFloat, _), Op::Un(UnOp::FloatBits, _))
                        | (Op::Un(UnOp::FloatBits, _), Op::Un(UnOp::BitsFloat, _))
                ) =>
            {
                stats.folded += 1;
                match out.ops[x.index()] {
                    Op::Un(_, inner) => inner,
                    _ => x,
                }
            }
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
            Op::Call { helper, ref args }
                if !trace.helpers[helper as usize].fresh.is_empty()
                    && trace.helpers[helper as usize].effect == Effect::Allocates =>
            {
                let r = out.push(Op::Virtual {
                    helper,
                    args: args.clone(),
                });
                virtuals.insert(r, None);
                r
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
            Op::Input { .. } | Op::Label | Op::Jump(_) | Op::Finish { .. } | Op::Virtual { .. } => {
                out.push(op)
            }
        };
        map.push(new_ref);
    }
    let (out, dead) = remove_dead(&out);
    stats.dead_removed = dead;
    (out, stats)
}

/// The value of an operation that reads a virtual object without forcing
/// it: a load of a word the allocating helper fills, or a test of the low
/// tag bits of its (8-aligned) address.
fn virtual_use(
    out: &mut Trace,
    pure: &mut FxHashMap<PureKey, Ref>,
    virtuals: &FxHashMap<Ref, Option<Ref>>,
    op: &Op,
) -> Option<Ref> {
    let is_virtual = |r: &Ref| matches!(virtuals.get(r), Some(None));
    let mut konst = |out: &mut Trace, bits: u64, ty: Type| {
        *pure
            .entry(PureKey::Const(bits, ty))
            .or_insert_with(|| out.constant(bits, ty))
    };
    match op {
        Op::Load { base, offset, ty } if is_virtual(base) => {
            let Op::Virtual { helper, args } = out.ops[base.index()].clone() else {
                return None;
            };
            let word = out.helpers[helper as usize]
                .fresh
                .iter()
                .find(|(o, _)| o == offset)
                .map(|(_, w)| *w)?;
            match word {
                FreshWord::Const(bits) => Some(konst(out, bits, *ty)),
                FreshWord::Arg(i) => {
                    let arg = *args.get(i as usize)?;
                    match (out.type_of(arg), ty) {
                        (Some(t), ty) if t == *ty => Some(arg),
                        (Some(Type::Int), Type::Float) => match out.ops[arg.index()] {
                            Op::Un(UnOp::FloatBits, f) => Some(f),
                            _ => match out.const_value(arg) {
                                Some(bits) => Some(konst(out, bits, Type::Float)),
                                None => Some(out.push(Op::Un(UnOp::BitsFloat, arg))),
                            },
                        },
                        _ => None,
                    }
                }
            }
        }
        Op::Bin(BinOp::IntAnd, a, b) if is_virtual(a) || is_virtual(b) => {
            let other = if is_virtual(a) { *b } else { *a };
            match out.const_value(other) {
                Some(mask) if mask < 8 => Some(konst(out, 0, Type::Int)),
                _ => None,
            }
        }
        _ => None,
    }
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
