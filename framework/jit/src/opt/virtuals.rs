//! Virtuals: allocation removal by escape analysis.
//!
//! An allocating helper may describe the object it returns (`Helper::fresh`:
//! the words it fills, by offset, from its arguments or constants, and runs
//! of equal words whose length is an argument: an array body). A call of
//! such a helper becomes a `virtual` (when a run's length is a trace
//! constant, at most [`MAX_RUN`] words): nothing is allocated, and the trace
//! reads the object's words from SSA values:
//! - a load of a word stored into it reads the stored value; of a described
//!   word, that argument (a float word of an int argument goes through
//!   `bits_float`, so a boxed double's value is the double itself), or that
//!   constant;
//! - a store at a described offset updates the virtual's field (the value may
//!   itself be virtual: nested objects stay virtual together);
//! - a low-bit tag test of its address folds (objects are 8-aligned), a
//!   `guard_nonnull` holds, a `guard_class` of its described header decides;
//! - an exit that names it describes it: a `virtual` op with the helper's
//!   arguments and the fields stored so far (nested virtuals named by their
//!   own `virtual` ops); the driver builds it only if that exit is taken.
//!
//! A call of a write barrier (`Trace::write_barriers`) on a virtual is
//! dropped: the object does not exist, and when an exit or an escape
//! builds it, it is young (exits run the GC's barrier on what they build).
//!
//! Any other use is an escape and forces the object: the call is made right
//! there, then the stored fields are written into it (their virtual values
//! forced first), and every later use (exits included) names the real
//! object, so identity is kept. An access outside the described words
//! forces it too. The jump forces what it passes, unless peeling asked to
//! keep them: then the jump names virtuals (with their fields, nested
//! virtuals included), and [`super::peel`] carries such an object around the
//! loop as its arguments and fields.
//!
//! This is how boxed floats vanish from numeric loops: the interpreter boxes
//! every float result (`new_float(float_bits x)`), the next operation loads
//! the double back, and both fold to the double's SSA value. A virtual's
//! argument that is `float_bits x` is kept as `x` itself (a `virtual` op
//! may name float arguments: an exit stores the double, the same word), so
//! a box carried around a peeled loop is a float phi, with no conversion
//! between integer and float registers in the loop. Records and
//! small arrays built as temporaries vanish the same way.

use super::{Emitter, Pass};
use crate::ir::{BinOp, Effect, FreshFill, FreshWord, GuardKind, Helper, Op, Ref, Type, UnOp};
use fxhash::FxHashMap;

/// The longest run of words (array length) a virtual may have.
pub const MAX_RUN: u64 = 64;

/// An object the trace no longer allocates.
struct VirtualObject {
    helper: u32,
    args: Vec<Ref>,
    /// Words stored into it, by offset (later stores replace earlier ones).
    fields: Vec<(i32, Ref)>,
    /// Length of its run of words, if its description has one.
    run: Option<(i32, u64, FreshFill)>,
    /// The `virtual` op describing its current state to exits.
    described: Option<Ref>,
}

/// Where a described word's value comes from.
enum Source {
    Arg(u32),
    Const(u64),
}

pub struct Virtuals {
    live: FxHashMap<Ref, VirtualObject>,
    /// Addresses inside a virtual (`int_add v, c`, an element's address):
    /// placeholder ref -> (the virtual, byte delta). Loads and stores
    /// through them are accesses to the virtual; any other use makes the
    /// object real and the address computed.
    derived: FxHashMap<Ref, (Ref, i32)>,
    keep_jump_virtuals: bool,
    /// The (old) values the phis start from: made real before the label,
    /// since a phi carries an object reference.
    phi_inits: Vec<Ref>,
}

/// The run of a helper's description, its length read from `args` when it
/// is a constant no longer than [`MAX_RUN`]; `Err` when the object cannot be
/// virtual (the length is not a known small constant).
fn run_of(em: &Emitter, h: &Helper, args: &[Ref]) -> Result<Option<(i32, u64, FreshFill)>, ()> {
    let mut run = None;
    for (offset, word) in &h.fresh {
        if let FreshWord::Repeat {
            count_arg,
            count_shift,
            fill,
        } = word
        {
            let arg = args.get(*count_arg as usize).ok_or(())?;
            let count = em.const_of(*arg).ok_or(())? as i64 >> count_shift;
            if run.is_some() || !(0..=MAX_RUN as i64).contains(&count) || offset % 8 != 0 {
                return Err(());
            }
            run = Some((*offset, count as u64, *fill));
        }
    }
    Ok(run)
}

impl Virtuals {
    pub fn new(keep_jump_virtuals: bool) -> Virtuals {
        Virtuals {
            live: FxHashMap::default(),
            derived: FxHashMap::default(),
            keep_jump_virtuals,
            phi_inits: Vec::new(),
        }
    }

    /// Know the phis of `trace` (a peeled loop), to force their initial
    /// objects before its label.
    pub fn with_phis_of(mut self, trace: &crate::ir::Trace) -> Virtuals {
        self.phi_inits = trace
            .ops
            .iter()
            .filter_map(|op| match op {
                Op::Phi { init, .. } => Some(*init),
                _ => None,
            })
            .collect();
        self
    }

    fn is_virtual(&self, em: &Emitter, r: Ref) -> bool {
        self.live.contains_key(&em.resolve(r))
    }

    /// Make the object real: the allocating call, made here, then the
    /// stores it received.
    fn force(&mut self, em: &mut Emitter, r: Ref) -> Ref {
        let r = em.resolve(r);
        let Some(obj) = self.live.remove(&r) else {
            return r;
        };
        em.stats.virtuals -= 1;
        // descriptions naming it (nested) would now name the wrong object
        self.forget_descriptions();
        // objects stored into it first: no allocation may come between
        // this one and its stores (a collection there could make it old,
        // and the stores have no write barrier)
        let fields: Vec<(i32, Ref)> = obj
            .fields
            .into_iter()
            .map(|(offset, value)| (offset, self.force(em, value)))
            .collect();
        // a double held as the double (see `visit`) is passed as its bits
        let args = obj
            .args
            .into_iter()
            .map(|a| match em.type_of(a) {
                Type::Float => em.emit(Op::Un(UnOp::FloatBits, a)),
                Type::Int => a,
            })
            .collect();
        let forced = em.emit(Op::Call {
            helper: obj.helper,
            args,
        });
        em.replace(r, forced);
        for (offset, value) in fields {
            em.emit(Op::Store {
                base: forced,
                offset,
                value,
            });
        }
        forced
    }

    /// Where the word at `offset` of a fresh object of `helper` comes from,
    /// if the description names it.
    fn source(&self, em: &Emitter, obj: &VirtualObject, offset: i32) -> Option<Source> {
        if let Some((start, count, fill)) = obj.run
            && offset >= start
            && (offset - start) % 8 == 0
            && (((offset - start) / 8) as u64) < count
        {
            return Some(match fill {
                FreshFill::Arg(i) => Source::Arg(i),
                FreshFill::Const(c) => Source::Const(c),
            });
        }
        em.out.helpers[obj.helper as usize]
            .fresh
            .iter()
            .find_map(|(o, w)| match w {
                FreshWord::Arg(i) if *o == offset => Some(Source::Arg(*i)),
                FreshWord::Const(c) if *o == offset => Some(Source::Const(*c)),
                _ => None,
            })
    }

    /// The word at `offset` of virtual `v`, as a value of `ty`.
    fn word(&self, em: &mut Emitter, v: Ref, offset: i32, ty: Type) -> Option<Ref> {
        let obj = self.live.get(&em.resolve(v))?;
        let value = match obj.fields.iter().find(|(o, _)| *o == offset) {
            Some((_, stored)) => *stored,
            None => match self.source(em, obj, offset)? {
                Source::Const(bits) => return Some(em.konst(bits, ty)),
                Source::Arg(i) => *obj.args.get(i as usize)?,
            },
        };
        if self.is_virtual(em, value) {
            // a nested virtual is only an object reference
            return (ty == Type::Int).then_some(value);
        }
        match (em.type_of(value), ty) {
            (t, ty) if t == ty => Some(value),
            (Type::Int, Type::Float) => match *em.def(value) {
                Op::Un(UnOp::FloatBits, f) => Some(f),
                _ => match em.const_of(value) {
                    Some(bits) => Some(em.konst(bits, Type::Float)),
                    None => Some(em.emit(Op::Un(UnOp::BitsFloat, value))),
                },
            },
            (Type::Float, Type::Int) => match *em.def(value) {
                Op::Un(UnOp::BitsFloat, i) => Some(i),
                _ => Some(em.emit(Op::Un(UnOp::FloatBits, value))),
            },
            _ => None,
        }
    }

    /// The `virtual` op an exit names for virtual `v` (its current fields,
    /// nested virtuals described too).
    fn describe(&mut self, em: &mut Emitter, v: Ref) -> Ref {
        let v = em.resolve(v);
        let Some(obj) = self.live.get(&v) else {
            return v;
        };
        if obj.fields.is_empty() {
            return v;
        }
        if let Some(d) = obj.described {
            return d;
        }
        let (helper, args, fields) = (obj.helper, obj.args.clone(), obj.fields.clone());
        // (stores never make a cycle of virtuals: see `reaches`)
        let fields = fields
            .into_iter()
            .map(|(o, f)| (o, self.describe(em, f)))
            .collect();
        let d = em.emit(Op::Virtual {
            helper,
            args,
            fields,
        });
        self.live.get_mut(&v).expect("live").described = Some(d);
        d
    }

    /// The virtual and byte delta an address names, if it is inside one.
    fn inside(&self, em: &Emitter, r: Ref) -> Option<(Ref, i32)> {
        let r = em.resolve(r);
        if self.live.contains_key(&r) {
            return Some((r, 0));
        }
        let &(base, delta) = self.derived.get(&r)?;
        self.live
            .contains_key(&em.resolve(base))
            .then_some((em.resolve(base), delta))
    }

    /// Compute a derived address for real: its object is made real.
    fn materialize_derived(&mut self, em: &mut Emitter, r: Ref) {
        let r = em.resolve(r);
        if let Some((base, delta)) = self.derived.remove(&r) {
            let base = self.force(em, base);
            let delta = em.konst(delta as i64 as u64, Type::Int);
            let real = em.emit(Op::Bin(BinOp::IntAdd, base, delta));
            em.replace(r, real);
        }
    }

    /// Whether virtual `from` is `to` or holds it, through stored fields.
    fn reaches(&self, em: &Emitter, from: Ref, to: Ref) -> bool {
        let from = em.resolve(from);
        from == to
            || self
                .live
                .get(&from)
                .is_some_and(|o| o.fields.iter().any(|(_, f)| self.reaches(em, *f, to)))
    }

    fn forget_descriptions(&mut self) {
        for obj in self.live.values_mut() {
            obj.described = None;
        }
    }
}

impl Pass for Virtuals {
    fn visit(&mut self, em: &mut Emitter, mut op: Op) -> Option<Ref> {
        match &op {
            Op::Call { helper, args } | Op::Virtual { helper, args, .. }
                if !em.out.helpers[*helper as usize].fresh.is_empty()
                    && em.out.helpers[*helper as usize].effect == Effect::Allocates =>
            {
                let helper = *helper;
                let fields = match &op {
                    Op::Virtual { fields, .. } => fields.clone(),
                    _ => vec![],
                };
                let mut args = args.clone();
                for a in &mut args {
                    // an argument that is itself virtual escapes into this object
                    *a = self.force(em, *a);
                    // a double's bits are kept as the double: exits store it
                    // as such (the same word), peeling carries it in a float
                    // register, and loads of it need no conversion
                    if let Op::Un(UnOp::FloatBits, f) = *em.def(*a) {
                        *a = f;
                    }
                }
                let run = run_of(em, &em.out.helpers[helper as usize], &args);
                let r = em.emit(Op::Virtual {
                    helper,
                    args: args.clone(),
                    fields: vec![],
                });
                let fields = fields
                    .into_iter()
                    .map(|(o, f)| (o, em.resolve(f)))
                    .collect();
                self.live.insert(
                    r,
                    VirtualObject {
                        helper,
                        args,
                        fields,
                        run: run.unwrap_or(None),
                        described: None,
                    },
                );
                em.stats.virtuals += 1;
                if run.is_err() {
                    // not a fixed shape: a plain allocation
                    return Some(self.force(em, r));
                }
                return Some(r);
            }
            // an object never allocated is never old: no barrier (the
            // barrier's result when it does nothing is 0)
            Op::Call { helper, args }
                if em.out.is_write_barrier(*helper) && self.is_virtual(em, args[0]) =>
            {
                em.stats.barriers_removed += 1;
                return Some(em.konst(0, Type::Int));
            }
            Op::Bin(BinOp::IntAdd, a, b)
                if self.inside(em, *a).is_some() && em.const_of(*b).is_some()
                    || self.inside(em, *b).is_some() && em.const_of(*a).is_some() =>
            {
                let (addr, c) = if self.inside(em, *a).is_some() {
                    (*a, *b)
                } else {
                    (*b, *a)
                };
                let (base, delta) = self.inside(em, addr).expect("checked");
                let c = em.const_of(c).expect("checked") as i64;
                if let Some(delta) = (delta as i64)
                    .checked_add(c)
                    .and_then(|d| i32::try_from(d).ok())
                {
                    // a placeholder nobody reads: accesses through it go to
                    // the virtual, other uses compute the address for real
                    let zero = em.konst(0, Type::Int);
                    let placeholder = em.emit(Op::Bin(BinOp::IntAdd, zero, zero));
                    self.derived.insert(placeholder, (base, delta));
                    return Some(placeholder);
                }
            }
            Op::Load { base, offset, ty } if self.inside(em, *base).is_some() => {
                let (v, delta) = self.inside(em, *base).expect("checked");
                if let Some(r) = self.word(em, v, delta + *offset, *ty) {
                    em.stats.folded += 1;
                    return Some(r);
                }
            }
            Op::Store {
                base,
                offset,
                value,
            } if self.inside(em, *base).is_some() => {
                let (base, delta) = self.inside(em, *base).expect("checked");
                let (offset, value) = (delta + *offset, em.resolve(*value));
                let obj = &self.live[&base];
                // a cycle of virtuals escapes (exits describe trees)
                if (self.source(em, obj, offset).is_some()
                    || obj.fields.iter().any(|f| f.0 == offset))
                    && !self.reaches(em, value, base)
                {
                    let obj = self.live.get_mut(&base).expect("live");
                    obj.fields.retain(|(o, _)| *o != offset);
                    obj.fields.push((offset, value));
                    self.forget_descriptions();
                    em.stats.stores_removed += 1;
                    return None;
                }
            }
            Op::Label => {
                for init in self.phi_inits.clone() {
                    let init = em.renamed(init);
                    self.force(em, init);
                    self.materialize_derived(em, init);
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
                kind: GuardKind::Class | GuardKind::NonNullClass,
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
        // jump, when peeling keeps virtuals for the loop and can carry them).
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
        // an address inside a virtual, used other than to access it
        for r in op.operands() {
            if self.derived.contains_key(&em.resolve(r)) {
                self.materialize_derived(em, r);
            }
        }
        op.map_operands(|r| em.resolve(r));
        if let Op::Guard { exit, .. } | Op::Finish { exit, .. } | Op::Jump(exit) = &mut op {
            for r in exit.iter_mut() {
                *r = self.describe(em, *r);
            }
        }
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
    fn stores_outside_the_description_and_the_jump_force_objects() {
        let out = virtuals(
            "x = input 0 : int
             label
             p = call pair(x, x)
             store p+24, x
             q = call pair(x, x)
             jump q",
        );
        assert_eq!(out.matches("call pair").count(), 2, "{out}");
    }

    #[test]
    fn a_store_into_a_virtual_updates_its_field() {
        let out = virtuals(
            "x = input 0 : int
             y = input 1 : int
             label
             p = call pair(x, x)
             store p+16, y
             guard_true x @pc=1 exit[p]
             a = load p+16 : int
             b = load p+8 : int
             c = int_add a, b
             jump c, y",
        );
        assert!(!out.contains("call") && !out.contains("store"), "{out}");
        assert!(
            out.contains("virtual pair(v0, v0) {+16=v1}"),
            "the exit sees the stored value:\n{out}"
        );
        assert!(
            out.contains("int_add v1, v0"),
            "loads read the fields:\n{out}"
        );
    }

    #[test]
    fn a_forced_object_receives_its_stores() {
        let out = virtuals(
            "x = input 0 : int
             y = input 1 : int
             label
             p = call pair(x, x)
             store p+16, y
             w = call write(p)
             jump x, y",
        );
        let call = out.find("call pair").expect(&out);
        let store = out.find("store").expect(&out);
        assert!(
            call < store && store < out.find("call write").unwrap(),
            "{out}"
        );
    }

    #[test]
    fn a_cycle_of_virtuals_escapes() {
        let out = virtuals(
            "x = input 0 : int
             label
             p = call pair(x, x)
             store p+16, p
             guard_true x @pc=1 exit[p]
             jump x",
        );
        assert!(out.contains("call pair"), "{out}");
    }

    #[test]
    fn constant_length_arrays_are_virtual_others_are_not() {
        let out = virtuals(
            "x = input 0 : int
             n = input 1 : int
             label
             three = const 7
             a = call array(three, x)
             store a+24, n
             e0 = load a+16 : int
             e1 = load a+24 : int
             l = load a+8 : int
             s = int_add e0, e1
             t = int_add s, l
             b = call array(n, x)
             guard_true t @pc=1 exit[a, b]
             jump t, n",
        );
        assert_eq!(out.matches("call array").count(), 1, "{out}");
        assert!(out.contains("virtual array(v3, v0) {+24=v1}"), "{out}");
        assert!(!out.contains("load"), "{out}");
    }

    #[test]
    fn element_addresses_inside_a_virtual_read_its_words() {
        let out = virtuals(
            "x = input 0 : int
             label
             three = const 7
             a = call array(three, x)
             twelve = const 12
             e = int_add a, twelve
             store e+12, x
             f = load e+4 : int
             g = load e+12 : int
             s = int_add f, g
             guard_true s @pc=1 exit[a]
             jump s",
        );
        assert!(
            !out.contains("call array") && !out.contains("load"),
            "{out}"
        );
        assert!(out.contains("virtual array(v2, v0) {+24=v0}"), "{out}");
    }

    #[test]
    fn an_element_address_that_escapes_is_computed_on_the_real_object() {
        let t = parse(
            "x = input 0 : int
             label
             three = const 7
             a = call array(three, x)
             twelve = const 12
             e = int_add a, twelve
             w = call read(e)
             jump w",
        );
        let (out, _) = run_pass(&t, &mut Virtuals::new(false), OptStats::default());
        let out = check_pass(&t, &out);
        assert!(out.contains("call array"), "{out}");
        assert!(out.contains("call read"), "{out}");
    }

    #[test]
    fn an_access_beyond_an_array_forces_it() {
        let out = virtuals(
            "x = input 0 : int
             label
             three = const 7
             a = call array(three, x)
             e = load a+40 : int
             jump e",
        );
        assert!(out.contains("call array") && out.contains("load"), "{out}");
    }

    #[test]
    fn exits_build_arrays_with_their_stores() {
        let t = parse(
            "x = input 0 : int
             n = input 1 : int
             label
             three = const 7
             a = call array(three, n)
             store a+16, x
             c = int_lt x, n
             guard_true c @pc=1 exit[x, a]
             store a+32, n
             one = const 1
             y = int_add x, one
             e = load a+16 : int
             guard_true e @pc=2 exit[y, a]
             jump y, n",
        );
        let o = same_behaviour(&t, &[&[0, 5], &[7, 3], &[5, 6]], &[1]);
        assert!(!o.to_string().contains("call array"), "{o}");
    }

    #[test]
    fn nested_objects_go_around_a_peeled_loop_as_their_fields() {
        let t = parse(
            "x = input 0 : int
             q = input 1 : int
             label
             inner = call pair(x, x)
             outer = call pair(x, x)
             store outer+16, inner
             one = const 1
             y = int_add x, one
             store inner+8, y
             ten = const 10
             c = int_lt y, ten
             guard_true c @pc=1 exit[y, inner]
             jump y, outer",
        );
        let o = same_behaviour(&t, &[&[0, 0], &[9, 0], &[20, 0]], &[1]);
        let text = o.to_string();
        assert!(!text.contains("call pair"), "{text}");
        assert!(text.contains("phi"), "peeled:\n{text}");
    }

    #[test]
    fn exits_build_nested_objects_once() {
        use crate::opt::testing::object_words;
        let t = parse(
            "x = input 0 : int
             y = input 1 : int
             label
             inner = call pair(x, y)
             outer = call pair(y, y)
             store outer+16, inner
             store inner+8, y
             c = int_lt x, y
             guard_true c @pc=1 exit[outer, inner, x]
             jump x, y",
        );
        let (o, _) = crate::optimize(&t);
        o.verify().unwrap_or_else(|e| panic!("{e}\n{o}"));
        assert!(!o.to_string().contains("call pair"), "{o}");
        let c = crate::compile(&o).unwrap();
        let mut buf = vec![0u64; c.buffer_len().max(2)];
        buf[..2].copy_from_slice(&[9, 4]);
        // SAFETY: the buffer is large enough; the helpers are the test table's.
        let g = unsafe { c.run(&mut buf) };
        // SAFETY: the exit just filled `buf`; test objects are not GC objects.
        unsafe { crate::materialize_with(&c.exit_virtuals[g], &mut buf, |_| {}) };
        // SAFETY: slots 0 and 1 hold objects the exit built.
        let (outer, inner) = unsafe { (object_words(buf[0]), object_words(buf[1])) };
        assert_eq!(outer, vec![66, 4, buf[1]], "the outer holds the inner");
        assert_eq!(inner, vec![66, 4, 4]);
        assert_eq!(buf[2], 9);
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

    #[test]
    fn write_barriers_on_a_virtual_go_and_do_not_force_it() {
        let out = virtuals(
            "x = input 0 : int
             y = input 1 : int
             label
             p = call pair(x, x)
             b = call barrier(p)
             store p+16, y
             guard_true x @pc=1 exit[p]
             q = call pair(y, y)
             w = call write(q)
             c = call barrier(q)
             store q+8, x
             a = load p+16 : int
             jump a, y",
        );
        assert_eq!(out.matches("call barrier").count(), 1, "{out}");
        assert_eq!(out.matches("call pair").count(), 1, "{out}");
        assert!(out.contains("virtual pair(v0, v0) {+16=v1}"), "{out}");
    }

    #[test]
    fn a_nested_object_is_built_before_the_one_that_holds_it() {
        // no allocation between an object and its stores: they have no
        // write barrier
        let out = virtuals(
            "x = input 0 : int
             label
             inner = call pair(x, x)
             outer = call pair(x, x)
             store outer+16, inner
             w = call write(outer)
             jump x",
        );
        let lines: Vec<&str> = out.lines().collect();
        let outer = lines
            .iter()
            .rposition(|l| l.contains("call pair"))
            .expect(&out);
        assert!(lines[outer + 1].contains("store"), "{out}");
    }
}
