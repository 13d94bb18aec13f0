//! Frame headers (`Frames::with_header`): a small machine keeps one header
//! word per frame (a "scale" its callee reads), calls through
//! `enter_frame_with_header`, and gives the same results with the JIT off
//! and with its loops and calls compiled.

use retrace::Frames;
use retrace::JitStats;
use retrace::testing::{Failed, I, Machine, run_on};

/// Header words per frame: slot `HEADER + i` holds local `i`.
const HEADER: usize = 1;

/// main: i = 0; acc = 0; while i < n { acc = f(acc) ; i += 1 }; return acc
/// where f(x) = x + header, called with header 3 (so acc = 3 * n); f's
/// header word is read after its own local, so a wrong slot would show.
fn machine(n: i64) -> Machine {
    let (i, acc) = (HEADER, HEADER + 1);
    let main = vec![
        I::Load(i), // 0
        I::Push(n),
        I::Lt,
        I::JumpIfZero(12),
        I::Load(acc),
        I::CallWithHeader(1, 1, 3),
        I::Store(acc),
        I::Load(i),
        I::Push(1),
        I::Add,
        I::Store(i),
        I::Loop(0),
        I::Load(acc), // 12
        I::Ret,
    ];
    // f(x): its argument, then header word 0
    let f = vec![I::Load(HEADER), I::Load(0), I::Add, I::Ret];
    Machine {
        codes: vec![(main, 2), (f, 1)],
    }
}

fn run(m: &mut Machine, jit: &str) -> (Result<u64, Failed>, JitStats) {
    let mut frames = Frames::with_header(0, &[7], m.codes[0].1, 0);
    let (r, driver) = run_on(m, jit, &mut frames);
    assert_eq!(frames.header_at(0), &[7], "the first frame's header stays");
    (r, driver.jit.stats.clone())
}

#[test]
fn header_words_reach_the_callee_with_the_jit_off_and_on() {
    let mut m = machine(2000);
    let (off, stats) = run(&mut m, "off");
    assert_eq!(off, Ok(6000));
    assert_eq!(stats.loops_compiled, 0);
    let (on, stats) = run(&mut m, "threshold=3");
    assert_eq!(on, Ok(6000));
    assert!(stats.loops_compiled >= 1, "{stats:?}");
    let (on, stats) = run(
        &mut m,
        "threshold=50,function_threshold=3,trace_eagerness=4",
    );
    assert_eq!(on, Ok(6000));
    assert!(
        stats.loops_compiled + stats.functions_compiled >= 1,
        "{stats:?}"
    );
}

#[test]
fn header_words_sit_below_the_arguments() {
    let mut frames = Frames::with_header(0, &[10, 11], 1, 0);
    assert_eq!(frames.header_len(), 2);
    assert_eq!(frames.stack(), &[10, 11, 0]);
    frames.push(5);
    frames.push(6);
    frames.enter_with_header(1, &[20, 21], 2, 3, 99);
    assert_eq!(frames.depth(), 1);
    assert_eq!(frames.header_at(1), &[20, 21]);
    assert_eq!(frames.header_at(0), &[10, 11]);
    // the callee: header, its two arguments, one filled local
    assert_eq!(&frames.stack()[3..], &[20, 21, 5, 6, 99]);
    frames.set_header_at(0, 1, 12);
    assert_eq!(frames.header_at(0), &[10, 12]);
    assert!(frames.leave(42));
    assert_eq!(frames.stack(), &[10, 12, 0, 42]);
}

#[test]
fn header_words_survive_stack_growth() {
    // Deep enough to outgrow the first buffer several times (each growth
    // moves the stack and registers the new buffer as the GC root range).
    let mut frames = Frames::with_header(0, &[1], 0, 0);
    for d in 1..5000u64 {
        frames.push(d);
        frames.enter_with_header(1, &[d * 2], 1, 4, 0);
    }
    for d in (1..5000u64).rev() {
        assert_eq!(frames.header_at(d as usize), &[d * 2]);
        assert_eq!(frames.stack()[frames.base_at(d as usize) + 1], d);
        assert!(frames.leave(0));
    }
    assert_eq!(frames.header_at(0), &[1]);
}
