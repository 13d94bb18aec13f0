//! `Ops::height` and `Ops::truncate`: a machine whose loop pushes junk
//! operands and drops them back to a recorded height (as exception
//! unwinding resets the operand stack to a handler's depth) gives the same
//! result with the JIT off and with the loop compiled, so the recorder's
//! slot bookkeeping follows the truncation.

use retrace::Frames;
use retrace::testing::{I, Machine, run, run_on};

/// i = 0; acc = 0; while i < n { acc += i; [push acc, 5, 6 then drop them
/// to the height before]; i += 1 }; return acc + height-at-end
fn machine(n: i64) -> Machine {
    let code = vec![
        I::Load(0), // 0
        I::Push(n),
        I::Lt,
        I::JumpIfZero(19),
        I::Load(1),
        I::Load(0),
        I::Add,
        I::Store(1),
        // junk operands, then back to the height recorded below them
        I::Height, // 8: pushes 2 (two locals, no operands)
        I::Load(1),
        I::Push(5),
        I::Push(6),
        I::Push(2),
        I::TruncateTo, // drops everything above the two locals
        I::Load(0),
        I::Push(1),
        I::Add,
        I::Store(0),
        I::Loop(0),
        I::Load(1), // 19
        I::Height,  // 3: the locals and acc
        I::Add,
        I::Ret,
    ];
    Machine {
        codes: vec![(code, 2)],
    }
}

#[test]
fn truncated_operands_are_gone_with_the_jit_off_and_on() {
    let n = 1000i64;
    let expected = (n * (n - 1) / 2 + 3) as u64;
    let mut m = machine(n);
    let (off, stats) = run(&mut m, "off");
    assert_eq!(off, Ok(expected));
    assert_eq!(stats.loops_compiled, 0);
    let (on, stats) = run(&mut m, "threshold=3");
    assert_eq!(on, Ok(expected));
    assert!(stats.loops_compiled >= 1, "{stats:?}");
}

#[test]
fn height_counts_header_locals_and_operands() {
    // A frame with one header word and two locals, then one operand: the
    // machine's Height instruction sees 4 before its push.
    let mut m = Machine {
        codes: vec![(vec![I::Push(9), I::Height, I::Ret], 2)],
    };
    let mut frames = Frames::with_header(0, &[7], 2, 0);
    assert_eq!(run_on(&mut m, "off", &mut frames).0, Ok(4));
}

#[test]
fn frames_gives_a_read_only_view_of_the_running_frame() {
    let mut m = Machine {
        codes: vec![(vec![I::HeaderViaFrames, I::Height, I::Add, I::Ret], 2)],
    };
    let mut frames = Frames::with_header(0, &[7], 2, 0);
    // header word 7 plus the height 4 (header, two locals, one operand)
    assert_eq!(run_on(&mut m, "off", &mut frames).0, Ok(11));
}
