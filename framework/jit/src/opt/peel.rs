//! Loop peeling: a preamble (the first iteration) and the loop body, so
//! what does not change in the loop is computed and checked once.
//!
//! 1. The loop is optimized as one iteration, keeping the objects its jump
//!    passes virtual. That tells, slot by slot, what goes around the loop:
//!    - a slot the jump passes back unchanged is invariant: the body reads
//!      the input itself; one it passes a constant (a promoted value) holds
//!      that constant in the body;
//!    - a slot whose next value is a virtual object goes around as that
//!      object's fields: one phi per helper argument and per stored field
//!      (constant ones stay constants: an array's length), and the body
//!      starts with a `virtual` of those (a boxed float is carried as the
//!      double's bits, never allocated);
//!    - any other slot is a phi, initialised with the preamble's value.
//! 2. The optimized iteration is copied twice into one trace: the first copy
//!    is the preamble (it keeps its own guards and exits), then the label and
//!    the phis, then the second copy (the body, its inputs renamed as above),
//!    and the jump passes the body's values for the phis.
//! 3. That trace is optimized again as one linear trace. The body then
//!    reuses what the preamble computed on invariant values (CSE of pure
//!    ops, guards already made, integer ranges), and the loads the preamble
//!    made of fields the body never writes ([`super::heapcache`]). All of
//!    that is sound because the preamble's values are SSA values, the same
//!    in every iteration; facts about memory are filtered at the label.
//!
//! 4. Tagged integers: a phi whose low bit is 1 on entry and stays 1 around
//!    the loop (found by a small fixpoint over the jump's values) is known
//!    odd in the body, so its is-int checks fold; rewrite runs once more.
//!
//! A slot's value that is the same virtual object as another slot's (or is
//! nested in it) is one carried object (the identity stays); objects nested
//! in carried objects are carried too. Peeling gives up (the caller keeps the
//! unpeeled loop) if the result does not verify.

use super::intbounds::IntBounds;
use super::rewrite::{Bits, KNOWN_BITS_DEPTH, Rewrite, known_bits, learn_from_guard};
use super::{OptStats, passes, remove_dead, run_pass};
use crate::ir::{Op, Ref, Trace, Type};
use fxhash::FxHashMap;

enum Slot {
    Invariant,
    /// The jump passes a constant: the body starts with it too.
    Constant,
    Phi,
    /// Carried as object number n of the carried objects.
    Object(usize),
}

/// A virtual object the jump passes (or one inside such an object), carried
/// around the loop as its arguments and fields: constants stay constants,
/// nested virtuals are carried objects too, the rest are phis.
struct Carried {
    /// Its `virtual` op in the optimized iteration.
    at: Ref,
    helper: u32,
    args: Vec<Ref>,
    fields: Vec<(i32, Ref)>,
}

/// The carried object for virtual `r` of `one` (nested ones listed first);
/// None on a cycle.
fn carry(one: &Trace, r: Ref, objects: &mut Vec<Carried>, path: &mut Vec<Ref>) -> Option<usize> {
    if let Some(i) = objects.iter().position(|o| o.at == r) {
        return Some(i);
    }
    if path.contains(&r) {
        return None;
    }
    let Op::Virtual {
        helper,
        args,
        fields,
    } = &one.ops[r.index()]
    else {
        return None;
    };
    path.push(r);
    for (_, f) in fields {
        if matches!(one.ops[f.index()], Op::Virtual { .. }) {
            carry(one, *f, objects, path)?;
        }
    }
    path.pop();
    objects.push(Carried {
        at: r,
        helper: *helper,
        args: args.clone(),
        fields: fields.clone(),
    });
    Some(objects.len() - 1)
}

/// Peel a loop trace (ending in `jump`); None when it cannot be peeled.
pub fn peel(trace: &Trace, stats: OptStats) -> Option<(Trace, OptStats)> {
    let (one, stats) = passes(trace, stats, true);
    let Some(Op::Jump(next)) = one.ops.last() else {
        return None;
    };
    let label = one.ops.iter().position(|op| matches!(op, Op::Label))?;
    let inputs: Vec<Ref> = (0..label)
        .filter(|&i| matches!(one.ops[i], Op::Input { .. }))
        .map(|i| Ref(i as u32))
        .collect();
    if inputs.len() != next.len() {
        return None;
    }
    let mut objects: Vec<Carried> = Vec::new();
    let mut slots: Vec<Slot> = Vec::with_capacity(next.len());
    for (k, &n) in next.iter().enumerate() {
        slots.push(if n == inputs[k] {
            Slot::Invariant
        } else if matches!(one.ops[n.index()], Op::Const { .. }) {
            Slot::Constant
        } else if matches!(one.ops[n.index()], Op::Virtual { .. }) {
            // (the same object in two slots is one carried object)
            Slot::Object(carry(&one, n, &mut objects, &mut Vec::new())?)
        } else {
            Slot::Phi
        });
    }
    let is_virtual = |r: &Ref| matches!(one.ops[r.index()], Op::Virtual { .. });

    let mut u = Trace::new(one.name.clone());
    u.helpers = one.helpers.clone();
    u.write_barriers = one.write_barriers.clone();
    let body_end = one.ops.len() - 1;
    let is_const = |r: &Ref| matches!(one.ops[r.index()], Op::Const { .. });
    // the preamble: everything up to the jump, the label left out
    let mut pre: Vec<Ref> = vec![super::NONE; one.ops.len()];
    for (i, op) in one.ops[..body_end].iter().enumerate() {
        if i == label {
            continue;
        }
        let mut op = op.clone();
        op.map_operands(|r| pre[r.index()]);
        pre[i] = u.push(op);
    }
    u.push(Op::Label);
    // the phis: one per phi slot, then one per value the carried objects
    // hold that is neither a constant nor an object
    let is_carried_value = |r: &&Ref| !is_const(r) && !is_virtual(r);
    let values_of = |o: &Carried| -> Vec<Ref> {
        o.args
            .iter()
            .chain(o.fields.iter().map(|(_, f)| f))
            .filter(is_carried_value)
            .copied()
            .collect()
    };
    let mut body: Vec<Ref> = pre.clone();
    let mut phi_of_slot: Vec<Option<Ref>> = vec![None; slots.len()];
    for (k, slot) in slots.iter().enumerate() {
        if let Slot::Phi = slot {
            let init = pre[next[k].index()];
            let ty = u.type_of(init)?;
            phi_of_slot[k] = Some(u.push(Op::Phi { init, ty }));
        }
    }
    let mut object_phis: Vec<Vec<Ref>> = Vec::with_capacity(objects.len());
    for o in &objects {
        let mut phis = Vec::new();
        for v in values_of(o) {
            let init = pre[v.index()];
            let ty = u.type_of(init)?;
            phis.push(u.push(Op::Phi { init, ty }));
        }
        object_phis.push(phis);
    }
    // the carried objects, nested ones first, then the body's inputs
    let mut object_refs: Vec<Ref> = Vec::with_capacity(objects.len());
    for (o, phis) in objects.iter().zip(&object_phis) {
        let mut phis = phis.iter().copied();
        let mut rebuilt = |r: &Ref| {
            if is_const(r) {
                Some(pre[r.index()])
            } else if is_virtual(r) {
                objects
                    .iter()
                    .position(|x| x.at == *r)
                    .map(|i| object_refs[i])
            } else {
                phis.next()
            }
        };
        let args = o
            .args
            .iter()
            .map(&mut rebuilt)
            .collect::<Option<Vec<_>>>()?;
        let fields = o
            .fields
            .iter()
            .map(|(off, f)| rebuilt(f).map(|f| (*off, f)))
            .collect::<Option<Vec<_>>>()?;
        object_refs.push(u.push(Op::Virtual {
            helper: o.helper,
            args,
            fields,
        }));
    }
    for (k, slot) in slots.iter().enumerate() {
        let input = inputs[k].index();
        body[input] = match slot {
            Slot::Invariant => pre[input],
            Slot::Constant => pre[next[k].index()],
            Slot::Phi => phi_of_slot[k]?,
            Slot::Object(i) => object_refs[*i],
        };
    }
    // the body: the iteration again, its inputs renamed
    for (i, op) in one.ops[..body_end].iter().enumerate().skip(label + 1) {
        let mut op = op.clone();
        op.map_operands(|r| body[r.index()]);
        body[i] = u.push(op);
    }
    let mut jump = Vec::new();
    for (k, slot) in slots.iter().enumerate() {
        if let Slot::Phi = slot {
            jump.push(body[next[k].index()]);
        }
    }
    for o in &objects {
        // the body's copy of the same op: same shape, same constants
        let Op::Virtual { args, fields, .. } = &u.ops[body[o.at.index()].index()] else {
            return None;
        };
        if args.len() != o.args.len() || fields.len() != o.fields.len() {
            return None;
        }
        let values = args.iter().chain(fields.iter().map(|(_, f)| f));
        let in_one = o.args.iter().chain(o.fields.iter().map(|(_, f)| f));
        jump.extend(
            values
                .zip(in_one)
                .filter(|(_, r)| is_carried_value(r))
                .map(|(v, _)| *v),
        );
    }
    u.push(Op::Jump(jump));
    // (`u` names virtuals as values until the virtuals pass runs on it)

    let (out, stats) = passes(&u, stats, false);
    out.verify().ok()?;
    let odd = odd_phis(&out);
    let (out, mut stats) = if odd.is_empty() {
        (out, stats)
    } else {
        let (t, stats) = run_pass(&out, &mut Rewrite::with_phi_bits(&out, odd.clone()), stats);
        let (t, stats) = run_pass(&t, &mut IntBounds::with_phi_bits(&t, odd), stats);
        let (t, dead) = remove_dead(&t);
        t.verify().ok()?;
        (
            t,
            OptStats {
                dead_removed: stats.dead_removed + dead,
                ..stats
            },
        )
    };
    let label = out.ops.iter().position(|op| matches!(op, Op::Label))?;
    stats.preamble = label;
    stats.loop_body = out.ops.len() - label - 1;
    Some((out, stats))
}

/// The phis whose low bit is 1 in every iteration (tagged integers): the
/// preamble's value has it (by its computation or by a guard before the
/// label), and the jump's value has it whenever the phis have it. Found by
/// shrinking the set of candidates until the jump keeps them all.
fn odd_phis(t: &Trace) -> FxHashMap<usize, Bits> {
    let Some(label) = t.ops.iter().position(|op| matches!(op, Op::Label)) else {
        return FxHashMap::default();
    };
    let Some(Op::Jump(next)) = t.ops.last() else {
        return FxHashMap::default();
    };
    // the preamble's guards hold on entry; every guard comes before the
    // jump, so all of them hold there
    let mut before = FxHashMap::default();
    for op in &t.ops[..label] {
        learn_from_guard(t, op, &mut before);
    }
    let mut at_jump = before.clone();
    for op in &t.ops[label..] {
        learn_from_guard(t, op, &mut at_jump);
    }
    let mut odd: Vec<(usize, Ref)> = t.ops[label + 1..]
        .iter()
        .take_while(|op| matches!(op, Op::Phi { .. }))
        .enumerate()
        .filter_map(|(k, op)| match op {
            Op::Phi {
                init,
                ty: Type::Int,
            } => Some((k, *init)),
            _ => None,
        })
        .filter(|(_, init)| known_bits(t, *init, &before, KNOWN_BITS_DEPTH).0 & 1 == 1)
        .collect();
    loop {
        let mut assumed = at_jump.clone();
        assumed.extend(
            odd.iter()
                .map(|(k, _)| (Ref((label + 1 + k) as u32), (1, 0))),
        );
        let keep: Vec<(usize, Ref)> = odd
            .iter()
            .copied()
            .filter(|(k, _)| known_bits(t, next[*k], &assumed, KNOWN_BITS_DEPTH).0 & 1 == 1)
            .collect();
        if keep.len() == odd.len() {
            break;
        }
        odd = keep;
    }
    odd.into_iter().map(|(k, _)| (k, (1, 0))).collect()
}

#[cfg(test)]
mod tests {
    use crate::opt::testing::{parse, same_behaviour};

    #[test]
    fn invariant_loads_and_guards_leave_the_loop() {
        let arr = Box::leak(Box::new([3u64, 100, 0]));
        let a = arr.as_mut_ptr() as u64;
        let t = parse(
            "a = input 0 : int
             i = input 1 : int
             s = input 2 : int
             label
             k = load a+0 : int
             guard_value k, 3 @pc=1 exit[a, i, s]
             n = load a+8 : int
             c = int_lt i, n
             guard_true c @pc=2 exit[a, i, s]
             s2 = int_add_ovf s, i
             guard_no_overflow s2 @pc=3 exit[a, i, s]
             store a+16, s2
             one = const 1
             i2 = int_add_ovf i, one
             guard_no_overflow i2 @pc=4 exit[a, i, s]
             jump a, i2, s2",
        );
        let o = same_behaviour(&t, &[&[a, 0, 0], &[a, 50, 7]], &[]);
        let text = o.to_string();
        let body = &text[text.find("label").unwrap()..];
        assert!(!body.contains("load"), "loads hoisted:\n{text}");
        assert!(
            !body.contains("guard_value"),
            "class check hoisted:\n{text}"
        );
        assert_eq!(
            body.matches("guard").count(),
            2,
            "i < n and s + i remain:\n{text}"
        );
        assert!(body.contains("store"), "{text}");
        arr[0] = 4;
        let (resume, _) = crate::opt::testing::run(&o, &[a, 0, 0], &[]);
        assert_eq!(resume, 1, "the preamble still checks");
    }

    #[test]
    fn a_boxed_accumulator_goes_around_the_loop_as_its_double() {
        let t = parse(
            "b = input 0 : int
             i = input 1 : int
             label
             x = load b+8 : float
             h = const 0.5
             y = float_add x, h
             bits = float_bits y
             nb = call box(bits)
             ten = const 10
             c = int_lt i, ten
             guard_true c @pc=1 exit[nb, i]
             one = const 1
             i2 = int_add i, one
             jump nb, i2",
        );
        let start = Box::leak(Box::new([55u64, 1.0f64.to_bits()]));
        let o = same_behaviour(&t, &[&[start.as_ptr() as u64, 0]], &[0]);
        let text = o.to_string();
        let body = &text[text.find("label").unwrap()..];
        assert!(
            !body.contains("call box"),
            "not allocated in the loop:\n{text}"
        );
        assert!(!body.contains("load"), "{text}");
        assert!(body.contains("virtual box"), "exits build it:\n{text}");
    }

    #[test]
    fn two_slots_holding_one_object_keep_sharing_it() {
        let t = parse(
            "p = input 0 : int
             q = input 1 : int
             i = input 2 : int
             label
             a = load p+8 : int
             one = const 1
             b = int_add a, one
             n = call pair(b, b)
             ten = const 10
             c = int_lt b, ten
             guard_true c @pc=1 exit[n, n, i]
             jump n, n, i",
        );
        let start = Box::leak(Box::new([66u64, 0, 0]));
        let p = start.as_ptr() as u64;
        let o = same_behaviour(&t, &[&[p, p, 0]], &[0, 1]);
        let text = o.to_string();
        let body = &text[text.find("label").unwrap()..];
        assert_eq!(body.matches("virtual pair").count(), 1, "{text}");
    }
}
