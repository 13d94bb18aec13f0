//! The passes together: traces optimized by the whole pipeline (peeling
//! included) leave through the same exits with the same values as before.

use super::testing::{parse, same_behaviour};

/// The shape toylang records for `while i < n { s = s + i; i = i + 1 }` on
/// tagged integers (2k+1), with its is-int checks.
const TAGGED_SUM: &str = "
    i = input 0 : int
    s = input 1 : int
    label
    one = const 1
    lim = const 2001
    t1 = int_and i, one
    guard_true t1 @pc=1 exit[i, s]
    c = int_lt i, lim
    guard_true c @pc=2 exit[i, s]
    t2 = int_and s, one
    guard_true t2 @pc=3 exit[i, s]
    t3 = int_and i, one
    guard_true t3 @pc=3 exit[i, s]
    i0 = int_sub i, one
    s2 = int_add_ovf s, i0
    guard_no_overflow s2 @pc=3 exit[i, s]
    two = const 3
    t4 = int_and i, one
    guard_true t4 @pc=4 exit[i, s2]
    b0 = int_sub two, one
    i2 = int_add_ovf i, b0
    guard_no_overflow i2 @pc=4 exit[i, s2]
    jump i2, s2";

#[test]
fn tagged_sum_loop_keeps_only_what_it_needs() {
    let t = parse(TAGGED_SUM);
    let o = same_behaviour(&t, &[&[1, 1], &[1999, 5], &[3, u64::MAX - 4]], &[]);
    let text = o.to_string();
    let body = &text[text.find("label").unwrap()..];
    // left in the loop: i < n and s + i overflow; i and s stay ints around
    // the loop (tagged: odd), and i + 1 cannot overflow
    assert_eq!(body.matches("guard").count(), 2, "{text}");
    assert_eq!(body.matches("_ovf").count(), 1, "{text}");
}

#[test]
fn optimizing_twice_changes_nothing_that_matters() {
    let t = parse(TAGGED_SUM);
    let (once, _) = super::optimize(&t);
    let (twice, _) = super::optimize(&once);
    twice.verify().expect("verifies");
    let run = |t: &crate::ir::Trace| super::testing::run(t, &[1, 1], &[]);
    assert_eq!(run(&t), run(&twice));
}

#[test]
fn float_loop_with_boxes_runs_unboxed() {
    // z = z * z + c until |z| > 2 or 20 steps, z and c boxed
    let t = parse(
        "z = input 0 : int
         c = input 1 : int
         k = input 2 : int
         label
         zf = load z+8 : float
         zz = float_mul zf, zf
         cf = load c+8 : float
         n = float_add zz, cf
         bits = float_bits n
         nz = call box(bits)
         two = const 2.0
         big = float_gt n, two
         guard_false big @pc=1 exit[nz, c, k]
         one = const 1
         k2 = int_add_ovf k, one
         guard_no_overflow k2 @pc=2 exit[nz, c, k]
         lim = const 20
         done = int_lt k2, lim
         guard_true done @pc=3 exit[nz, c, k2]
         jump nz, c, k2",
    );
    for c in [0.1f64, 0.3, -1.0] {
        let z = Box::leak(Box::new([55u64, 0f64.to_bits()])).as_ptr() as u64;
        let cb = Box::leak(Box::new([55u64, c.to_bits()])).as_ptr() as u64;
        let o = same_behaviour(&t, &[&[z, cb, 0]], &[0, 1]);
        let text = o.to_string();
        let body = &text[text.find("label").unwrap()..];
        assert!(!body.contains("call") && !body.contains("load"), "{text}");
        // the boxes go around as doubles: no integer/float moves in the loop
        assert!(body.contains(": float"), "float phis:\n{text}");
        assert!(
            !body.contains("bits_float") && !body.contains("float_bits"),
            "{text}"
        );
    }
}

/// A small deterministic generator (xorshift64*) for random traces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A random loop over integers and a small memory block: input 0 is the
/// block (only ever a load/store base), input 1 a counter that ends the
/// loop, inputs 2-4 values; the body mixes arithmetic, overflow checks,
/// comparisons with guards, loads and stores.
fn random_loop(rng: &mut Rng) -> String {
    let mut lines = vec![
        "m = input 0 : int".to_string(),
        "c = input 1 : int".to_string(),
        "a = input 2 : int".to_string(),
        "b = input 3 : int".to_string(),
        "d = input 4 : int".to_string(),
        "label".to_string(),
        "one = const 1".to_string(),
        "c1 = int_sub c, one".to_string(),
        "z = const 0".to_string(),
        "go = int_gt c1, z".to_string(),
        "guard_true go @pc=1 exit[c, a, b, d]".to_string(),
    ];
    let mut vals: Vec<String> = vec!["a".into(), "b".into(), "d".into(), "c1".into()];
    let consts = [0i64, 1, 2, 3, 7, -1, 1 << 40, i64::MAX, i64::MIN];
    let bins = [
        "int_add", "int_sub", "int_mul", "int_and", "int_or", "int_xor", "int_lt", "int_le",
        "int_eq", "uint_lt",
    ];
    for n in 0..12 {
        let pc = n + 2;
        let pick = |rng: &mut Rng, vals: &[String]| vals[rng.below(vals.len())].clone();
        let name = format!("t{n}");
        let exit = format!(
            "exit[c, {}, {}, {}]",
            pick(rng, &vals),
            pick(rng, &vals),
            pick(rng, &vals)
        );
        match rng.below(8) {
            0 => lines.push(format!(
                "{name} = const {}",
                consts[rng.below(consts.len())]
            )),
            1 | 2 => {
                let op = bins[rng.below(bins.len())];
                lines.push(format!(
                    "{name} = {op} {}, {}",
                    pick(rng, &vals),
                    pick(rng, &vals)
                ));
            }
            3 => {
                let op = ["int_add_ovf", "int_sub_ovf", "int_mul_ovf"][rng.below(3)];
                lines.push(format!(
                    "{name} = {op} {}, {}",
                    pick(rng, &vals),
                    pick(rng, &vals)
                ));
                lines.push(format!("guard_no_overflow {name} @pc={pc} {exit}"));
            }
            4 => {
                let op = ["int_lt", "int_le", "int_eq", "uint_lt"][rng.below(4)];
                lines.push(format!(
                    "{name} = {op} {}, {}",
                    pick(rng, &vals),
                    pick(rng, &vals)
                ));
                let g = ["guard_true", "guard_false"][rng.below(2)];
                lines.push(format!("{g} {name} @pc={pc} {exit}"));
            }
            5 => lines.push(format!("{name} = load m+{} : int", 8 * rng.below(4))),
            6 => {
                lines.push(format!(
                    "store m+{}, {}",
                    8 * rng.below(4),
                    pick(rng, &vals)
                ));
                lines.push(format!("{name} = int_and {}, one", pick(rng, &vals)));
            }
            _ => {
                let k = rng.below(3) as u64 + 1;
                lines.push(format!("k{n} = const {k}"));
                let op = ["int_shl", "int_sar"][rng.below(2)];
                lines.push(format!("{name} = {op} {}, k{n}", pick(rng, &vals)));
            }
        }
        vals.push(name);
    }
    let pick = |rng: &mut Rng| vals[rng.below(vals.len())].clone();
    lines.push(format!(
        "jump m, c1, {}, {}, {}",
        pick(rng),
        pick(rng),
        pick(rng)
    ));
    lines.join("\n")
}

#[test]
fn random_loops_behave_the_same_optimized() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for case in 0..120 {
        let src = random_loop(&mut rng);
        let t = parse(&src);
        let (o, _) = super::optimize(&t);
        o.verify()
            .unwrap_or_else(|e| panic!("case {case}: {e}\n{src}\n---\n{o}"));
        for input in [[5u64, 3, 9, 1], [40, u64::MAX, 2, 1 << 62], [2, 0, 0, 0]] {
            let mut results = Vec::new();
            for trace in [&t, &o] {
                let mut block = [11u64, 22, 33, 44];
                let m = block.as_mut_ptr() as u64;
                let (resume, exit) =
                    super::testing::run(trace, &[m, input[0], input[1], input[2], input[3]], &[]);
                results.push((resume, exit, block));
            }
            assert_eq!(
                results[0], results[1],
                "case {case}, inputs {input:?}:\n{src}\n---\n{o}"
            );
        }
    }
}

/// A random loop over a boxed double: the box goes around the loop (input
/// 2), the body reads it, computes, boxes new values (allocation removal,
/// the box carried as its double by peeling), and every exit holds the
/// current box (slot 1, compared by content).
fn random_float_loop(rng: &mut Rng) -> String {
    let mut lines = vec![
        "m = input 0 : int".to_string(),
        "c = input 1 : int".to_string(),
        "f = input 2 : int".to_string(),
        "label".to_string(),
        "one = const 1".to_string(),
        "c1 = int_sub c, one".to_string(),
        "z = const 0".to_string(),
        "go = int_gt c1, z".to_string(),
        "guard_true go @pc=1 exit[c, f]".to_string(),
        "x = load f+8 : float".to_string(),
    ];
    let mut floats: Vec<String> = vec!["x".into()];
    let mut current_box = "f".to_string();
    let consts = ["0.5", "1.0", "-2.0", "3.25"];
    for n in 0..10 {
        let pc = n + 2;
        let pick = |rng: &mut Rng, v: &[String]| v[rng.below(v.len())].clone();
        let name = format!("y{n}");
        match rng.below(5) {
            0 => lines.push(format!(
                "{name} = const {}",
                consts[rng.below(consts.len())]
            )),
            1 | 2 => {
                let op = ["float_add", "float_sub", "float_mul"][rng.below(3)];
                let (p, q) = (pick(rng, &floats), pick(rng, &floats));
                lines.push(format!("{name} = {op} {p}, {q}"));
            }
            3 => {
                let v = pick(rng, &floats);
                lines.push(format!("bits{n} = float_bits {v}"));
                lines.push(format!("box{n} = call box(bits{n})"));
                lines.push(format!("{name} = load box{n}+8 : float"));
                current_box = format!("box{n}");
            }
            _ => {
                let (p, q) = (pick(rng, &floats), pick(rng, &floats));
                lines.push(format!("{name}c = float_lt {p}, {q}"));
                let g = ["guard_true", "guard_false"][rng.below(2)];
                lines.push(format!("{g} {name}c @pc={pc} exit[c, {current_box}]"));
                lines.push(format!("{name} = float_add {p}, {q}"));
            }
        }
        floats.push(name);
    }
    lines.push(format!("jump m, c1, {current_box}"));
    lines.join("\n")
}

#[test]
fn random_float_loops_behave_the_same_optimized() {
    let mut rng = Rng(0x0bad_cafe_f00d_d00d);
    for case in 0..80 {
        let src = random_float_loop(&mut rng);
        let t = parse(&src);
        let (o, _) = super::optimize(&t);
        o.verify()
            .unwrap_or_else(|e| panic!("case {case}: {e}\n{src}\n---\n{o}"));
        for (count, start) in [(4u64, 0.75f64), (30, -1.5), (2, 2.0)] {
            let mut results = Vec::new();
            for trace in [&t, &o] {
                let mut block = [0u64; 4];
                let m = block.as_mut_ptr() as u64;
                let boxed = Box::leak(Box::new([55u64, start.to_bits()]));
                let f = boxed.as_ptr() as u64;
                results.push(super::testing::run(trace, &[m, count, f], &[1]));
            }
            assert_eq!(
                results[0], results[1],
                "case {case}, count {count}:\n{src}\n---\n{o}"
            );
        }
    }
}

/// A random loop that checks a reference the way an interpreter's
/// instructions do: each "instruction" is a group of guards on `r`
/// (nonnull, class, value) sharing one resume point and exit list, with
/// arithmetic, loads of `r`'s payload and (sometimes) a store between the
/// guards. The first group starts with `guard_nonnull r` (a class guard
/// reads the header), and every `guard_nonnull` is followed by another
/// check in its group. Guard strengthening then fuses guards within a
/// group only (never above a store), so original and optimized code leave
/// through the same exits with the same values and memory.
fn random_ref_loop(rng: &mut Rng, obj: u64) -> String {
    let mut lines = vec![
        "m = input 0 : int".to_string(),
        "c = input 1 : int".to_string(),
        "r = input 2 : int".to_string(),
        "a = input 3 : int".to_string(),
        "label".to_string(),
        "one = const 1".to_string(),
        "c1 = int_sub c, one".to_string(),
        "z = const 0".to_string(),
        "go = int_gt c1, z".to_string(),
        "guard_true go @pc=1 exit[c, r, a]".to_string(),
    ];
    let mut vals: Vec<String> = vec!["a".into(), "c1".into()];
    for g in 0..6 {
        let pc = g + 2;
        let pick = |rng: &mut Rng, vals: &[String]| vals[rng.below(vals.len())].clone();
        let exit = format!("exit[c, {}, {}]", pick(rng, &vals), pick(rng, &vals));
        let mut checks = Vec::new();
        if g == 0 || rng.below(2) == 0 {
            checks.push("guard_nonnull r".to_string());
        }
        for _ in 0..1 + rng.below(2) {
            checks.push(match rng.below(4) {
                0 => format!("guard_class r, {}", [77, 99][rng.below(2)]),
                1 => format!("guard_value r, {obj}"),
                _ => "guard_class r, 77".to_string(),
            });
        }
        for (k, check) in checks.iter().enumerate() {
            lines.push(format!("{check} @pc={pc} {exit}"));
            let name = format!("g{g}x{k}");
            match rng.below(4) {
                0 => lines.push(format!(
                    "store m+{}, {}",
                    8 * rng.below(2),
                    pick(rng, &vals)
                )),
                1 => lines.push(format!(
                    "{name} = int_add {}, {}",
                    pick(rng, &vals),
                    pick(rng, &vals)
                )),
                _ => lines.push(format!("{name} = load r+8 : int")),
            }
            if !lines.last().unwrap().starts_with("store") {
                vals.push(name);
            }
        }
    }
    let pick = |rng: &mut Rng| vals[rng.below(vals.len())].clone();
    lines.push(format!("jump m, c1, r, {}", pick(rng)));
    lines.join("\n")
}

#[test]
fn random_reference_checks_behave_the_same_strengthened() {
    let objects: Vec<u64> = [[77u64, 5], [99, 6], [77, 7]]
        .into_iter()
        .map(|o| Box::leak(Box::new(o)).as_ptr() as u64)
        .collect();
    let mut rng = Rng(0x5eed_0fc1_a55e_5eed);
    let mut fused = 0;
    for case in 0..60 {
        let src = random_ref_loop(&mut rng, objects[0]);
        let t = parse(&src);
        let (o, stats) = super::optimize(&t);
        fused += stats.guards_strengthened;
        o.verify()
            .unwrap_or_else(|e| panic!("case {case}: {e}\n{src}\n---\n{o}"));
        for r in [0, objects[0], objects[1], objects[2]] {
            let mut results = Vec::new();
            for trace in [&t, &o] {
                let mut block = [11u64, 22];
                let m = block.as_mut_ptr() as u64;
                let (resume, exit) = super::testing::run(trace, &[m, 4, r, 3], &[]);
                results.push((resume, exit, block));
            }
            assert_eq!(
                results[0], results[1],
                "case {case}, r {r:#x}:\n{src}\n---\n{o}"
            );
        }
    }
    assert!(
        fused > 20,
        "the generator exercises strengthening ({fused})"
    );
}
