//! Test helpers: a parser for the text form of traces (what `Display for
//! Trace` prints, with any names for values), a table of helpers tests can
//! call, and a differential runner that compiles a trace before and after
//! optimization and checks both leave through the same resume point with
//! the same live values.

use crate::ir::*;
use crate::{compile, materialize_with};
use fxhash::FxHashMap;

extern "C" fn test_double(x: u64) -> u64 {
    x.wrapping_mul(2)
}

extern "C" fn test_read(x: u64) -> u64 {
    x.wrapping_add(1)
}

extern "C" fn test_write(x: u64) -> u64 {
    x
}

/// Stands for a GC write barrier: does nothing, returns 0.
extern "C" fn test_barrier(_obj: u64) -> u64 {
    0
}

extern "C" fn test_box(bits: u64) -> u64 {
    let b = Box::leak(Box::new([55u64, bits]));
    b.as_ptr() as u64
}

extern "C" fn test_pair(a: u64, b: u64) -> u64 {
    let b = Box::leak(Box::new([66u64, a, b]));
    b.as_ptr() as u64
}

extern "C" fn test_array(n_tagged: u64, fill: u64) -> u64 {
    let n = (n_tagged >> 1) as usize;
    let mut words = vec![77u64, n_tagged];
    words.resize(2 + n, fill);
    Box::leak(words.into_boxed_slice()).as_ptr() as u64
}

/// The words of a test helper's object (by its header: box, pair, array).
///
/// # Safety
/// `p` must be an object a test helper built.
pub unsafe fn object_words(p: u64) -> Vec<u64> {
    let p = p as *const u64;
    // SAFETY: every test object has a header word and one more.
    let (header, second) = unsafe { (p.read(), p.add(1).read()) };
    let len = match header {
        66 => 3,
        77 => 2 + (second >> 1) as usize,
        _ => 2,
    };
    // SAFETY: the object has `len` words (its header says which helper).
    (0..len).map(|i| unsafe { p.add(i).read() }).collect()
}

/// The helpers test traces may call by name.
pub fn helpers() -> Vec<Helper> {
    let h = |name: &'static str, addr: usize, params: Vec<Type>, effect, fresh| Helper {
        name,
        addr,
        params,
        ret: Some(Type::Int),
        effect,
        fresh,
    };
    vec![
        h(
            "double",
            test_double as *const () as usize,
            vec![Type::Int],
            Effect::Elidable,
            vec![],
        ),
        h(
            "read",
            test_read as *const () as usize,
            vec![Type::Int],
            Effect::ReadsHeap,
            vec![],
        ),
        h(
            "write",
            test_write as *const () as usize,
            vec![Type::Int],
            Effect::WritesHeap,
            vec![],
        ),
        // declared a write barrier (`parse` lists it in `write_barriers`)
        h(
            "barrier",
            test_barrier as *const () as usize,
            vec![Type::Int],
            Effect::WritesHeap,
            vec![],
        ),
        // a float box: header 55, the bits at offset 8
        h(
            "box",
            test_box as *const () as usize,
            vec![Type::Int],
            Effect::Allocates,
            vec![(0, FreshWord::Const(55)), (8, FreshWord::Arg(0))],
        ),
        // a pair: header 66, the arguments at offsets 8 and 16
        h(
            "pair",
            test_pair as *const () as usize,
            vec![Type::Int, Type::Int],
            Effect::Allocates,
            vec![
                (0, FreshWord::Const(66)),
                (8, FreshWord::Arg(0)),
                (16, FreshWord::Arg(1)),
            ],
        ),
        // an array: header 77, its tagged length, then that many fill words
        h(
            "array",
            test_array as *const () as usize,
            vec![Type::Int, Type::Int],
            Effect::Allocates,
            vec![
                (0, FreshWord::Const(77)),
                (8, FreshWord::Arg(0)),
                (
                    16,
                    FreshWord::Repeat {
                        count_arg: 0,
                        count_shift: 1,
                        fill: FreshFill::Arg(1),
                    },
                ),
            ],
        ),
    ]
}

fn parse_type(s: &str) -> Type {
    match s.trim() {
        "float" => Type::Float,
        "int" => Type::Int,
        other => panic!("unknown type {other}"),
    }
}

fn parse_const(s: &str) -> (u64, Type) {
    let s = s.trim();
    if s.contains('.') || s.contains("inf") || s.contains("NaN") {
        (
            s.parse::<f64>().expect("float constant").to_bits(),
            Type::Float,
        )
    } else if let Ok(v) = s.parse::<i64>() {
        (v as u64, Type::Int)
    } else {
        (s.parse::<u64>().expect("int constant"), Type::Int)
    }
}

/// Parse the text form of a trace. Values may have any names; a name is
/// defined by `name = op ...` before its uses. Resume indexes are the pcs.
pub fn parse(text: &str) -> Trace {
    let mut t = Trace::new("test");
    t.helpers = helpers();
    t.write_barriers = vec![test_barrier as *const () as usize];
    let mut names: FxHashMap<String, Ref> = FxHashMap::default();
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, body) = match line.split_once(" = ") {
            Some((n, b)) => (Some(n.trim().to_string()), b.trim()),
            None => (None, line),
        };
        let name_of = |s: &str| -> Ref {
            *names
                .get(s.trim())
                .unwrap_or_else(|| panic!("unknown value {s:?} in {line:?}"))
        };
        let list = |s: &str| -> Vec<Ref> {
            s.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(name_of)
                .collect()
        };
        let (opname, rest) = body.split_once(' ').unwrap_or((body, ""));
        let exit_of = |rest: &str| -> (u32, Vec<Ref>) {
            let at = rest.find("@pc=").expect("guard needs @pc=");
            let tail = &rest[at + 4..];
            let (pc, tail) = tail.split_once(' ').expect("exit list after pc");
            let inner = tail
                .trim()
                .strip_prefix("exit[")
                .and_then(|s| s.strip_suffix(']'))
                .expect("exit[...]");
            (pc.parse().expect("pc"), list(inner))
        };
        let op = match opname {
            "input" => {
                let (i, ty) = rest.split_once(':').expect("input N : ty");
                Op::Input {
                    index: i.trim().parse().expect("input index"),
                    ty: parse_type(ty),
                }
            }
            "const" => {
                let (bits, ty) = parse_const(rest.split(':').next().unwrap_or(rest));
                let ty = match rest.split_once(':') {
                    Some((_, t)) => parse_type(t),
                    None => ty,
                };
                Op::Const { bits, ty }
            }
            "label" => Op::Label,
            "phi" => {
                let (init, ty) = rest.split_once(':').expect("phi v : ty");
                Op::Phi {
                    init: name_of(init),
                    ty: parse_type(ty),
                }
            }
            "load" => {
                let (addr, ty) = rest.split_once(':').expect("load b+o : ty");
                let (base, off) = addr.trim().split_once('+').expect("b+o");
                Op::Load {
                    base: name_of(base),
                    offset: off.trim().parse().expect("offset"),
                    ty: parse_type(ty),
                }
            }
            "store" => {
                let (addr, value) = rest.split_once(',').expect("store b+o, v");
                let (base, off) = addr.trim().split_once('+').expect("b+o");
                Op::Store {
                    base: name_of(base),
                    offset: off.trim().parse().expect("offset"),
                    value: name_of(value),
                }
            }
            "call" | "virtual" => {
                let (callee, args) = rest.split_once('(').expect("name(args)");
                let args = list(args.split_once(')').expect("closing )").0);
                let helper = t
                    .helpers
                    .iter()
                    .position(|h| h.name == callee.trim())
                    .unwrap_or_else(|| panic!("unknown helper {callee}"))
                    as u32;
                if opname == "call" {
                    Op::Call { helper, args }
                } else {
                    Op::Virtual {
                        helper,
                        args,
                        fields: vec![],
                    }
                }
            }
            "jump" => Op::Jump(list(rest)),
            "finish" => {
                let (pc, exit) = exit_of(rest);
                Op::Finish {
                    resume: pc,
                    pc,
                    exit,
                }
            }
            g if g.starts_with("guard_") => {
                let kind = [
                    GuardKind::True,
                    GuardKind::False,
                    GuardKind::Value,
                    GuardKind::Class,
                    GuardKind::NonNull,
                    GuardKind::NonNullClass,
                    GuardKind::NoOverflow,
                    GuardKind::Overflow,
                    GuardKind::NoException,
                    GuardKind::NotInvalidated,
                ]
                .into_iter()
                .find(|k| k.name() == g)
                .unwrap_or_else(|| panic!("unknown guard {g}"));
                let head = &rest[..rest.find('@').expect("@pc=")];
                let mut parts = head.split(',');
                let value = name_of(parts.next().expect("guarded value"));
                let expected = parts.next().map(|e| parse_const(e).0).unwrap_or(0);
                let (pc, exit) = exit_of(rest);
                Op::Guard {
                    kind,
                    value,
                    expected,
                    resume: pc,
                    pc,
                    exit,
                }
            }
            other => {
                let args = list(rest);
                if let Some(b) = BinOp::ALL.iter().find(|b| b.name() == other) {
                    Op::Bin(*b, args[0], args[1])
                } else if let Some(u) = UnOp::ALL.iter().find(|u| u.name() == other) {
                    Op::Un(*u, args[0])
                } else {
                    let o = [OvfOp::IntAddOvf, OvfOp::IntSubOvf, OvfOp::IntMulOvf]
                        .into_iter()
                        .find(|o| o.name() == other)
                        .unwrap_or_else(|| panic!("unknown op {other}"));
                    Op::Ovf(o, args[0], args[1])
                }
            }
        };
        let r = t.push(op);
        if let Some(n) = name {
            names.insert(n, r);
        }
    }
    t.verify()
        .unwrap_or_else(|e| panic!("test trace does not verify: {e}\n{t}"));
    t
}

/// Check a pass's output verifies, and print it for assertions.
pub fn check_pass(src: &Trace, out: &Trace) -> String {
    if src.verify().is_ok() {
        out.verify()
            .unwrap_or_else(|e| panic!("output does not verify: {e}\n{out}"));
    }
    out.to_string()
}

/// Run a compiled trace on `inputs`: the resume index of the exit taken and
/// its slot values; the slots in `objects` hold objects (built at the exit
/// when virtual) and compare by their words.
pub fn run(t: &Trace, inputs: &[u64], objects: &[usize]) -> (u32, Vec<u64>) {
    let c = compile(t).unwrap_or_else(|e| panic!("does not compile: {e}\n{t}"));
    let mut buf = vec![0u64; c.buffer_len().max(inputs.len())];
    buf[..inputs.len()].copy_from_slice(inputs);
    // SAFETY: the buffer is large enough; the helpers are the test table's.
    let g = unsafe { c.run(&mut buf) };
    // SAFETY: the exit just filled `buf`; the test helpers allocate
    // (outside the GC heap: no barrier).
    unsafe { materialize_with(&c.exit_virtuals[g], &mut buf, |_| {}) };
    let exits = t
        .ops
        .iter()
        .filter_map(|op| match op {
            Op::Guard { exit, .. } | Op::Finish { exit, .. } => Some(exit.len()),
            _ => None,
        })
        .nth(g)
        .unwrap_or(0);
    let values = (0..exits)
        .map(|s| {
            if objects.contains(&s) {
                // SAFETY: the slot holds an object a test helper built.
                unsafe { object_words(buf[s]) }
            } else {
                vec![buf[s]]
            }
        })
        .flat_map(|w| w.into_iter())
        .collect();
    (c.guard_resume[g], values)
}

/// Optimize `t` and check that, for each set of inputs, the optimized code
/// leaves through the same resume point with the same values (the exit
/// slots in `objects` compare by content).
pub fn same_behaviour(t: &Trace, inputs: &[&[u64]], objects: &[usize]) -> Trace {
    let (o, _) = crate::optimize(t);
    o.verify()
        .unwrap_or_else(|e| panic!("optimized trace does not verify: {e}\n{o}"));
    for input in inputs {
        let (r1, v1) = run(t, input, objects);
        let (r2, v2) = run(&o, input, objects);
        assert_eq!(r1, r2, "exits differ for {input:?}:\n{t}\n---\n{o}");
        assert_eq!(v1, v2, "values differ for {input:?}:\n{t}\n---\n{o}");
    }
    o
}
