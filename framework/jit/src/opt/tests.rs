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
    }
}
