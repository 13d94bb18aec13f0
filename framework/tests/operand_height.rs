//! `Ops::height` and `Ops::truncate`: a machine whose loop pushes junk
//! operands and drops them back to a recorded height (as exception
//! unwinding resets the operand stack to a handler's depth) gives the same
//! result with the JIT off and with the loop compiled, so the recorder's
//! slot bookkeeping follows the truncation.

use retrace::{BinOp, Driver, Frames, Interpreter, JitSettings, JitStats, Ops, OvfOp, Stop};

#[derive(Clone, Copy, Debug)]
enum I {
    Push(i64),
    Load(usize),
    Store(usize),
    /// push the running frame's height (before this push)
    Height,
    /// drop operands down to the height popped from the stack
    TruncateTo,
    /// push header word 0 of the running frame, read through `o.frames()`
    HeaderViaFrames,
    Add,
    Lt,
    JumpIfZero(u32),
    Loop(u32),
    Ret,
}

struct Machine {
    code: Vec<I>,
}

#[derive(Debug, PartialEq)]
struct Overflow;

impl Interpreter for Machine {
    type Error = Overflow;

    fn run<O: Ops>(&mut self, o: &mut O) -> Stop<Overflow> {
        loop {
            if !o.insn_start() {
                return Stop::Jit;
            }
            let pc = o.pc();
            let insn = self.code[pc as usize];
            o.set_pc(pc + 1);
            match insn {
                I::Push(n) => {
                    let v = o.konst(n as u64);
                    o.push(v)
                }
                I::Load(i) => {
                    let v = o.local(i);
                    o.push(v)
                }
                I::Store(i) => {
                    let v = o.pop();
                    o.set_local(i, v)
                }
                I::Height => {
                    let h = o.height() as u64;
                    let v = o.konst(h);
                    o.push(v)
                }
                I::HeaderViaFrames => {
                    let frames = o.frames();
                    let w = frames.header_at(frames.depth())[0];
                    let v = o.konst(w);
                    o.push(v)
                }
                I::TruncateTo => {
                    let h = o.pop();
                    let h = o.promote(h) as usize;
                    o.truncate(h);
                }
                I::Add => {
                    let b = o.pop();
                    let a = o.pop();
                    match o.ovf(OvfOp::IntAddOvf, a, b) {
                        Some(v) => o.push(v),
                        None => return Stop::Error(Overflow),
                    }
                }
                I::Lt => {
                    let b = o.pop();
                    let a = o.pop();
                    let v = o.bin(BinOp::IntLt, a, b);
                    o.push(v)
                }
                I::JumpIfZero(t) => {
                    let v = o.pop();
                    if !o.is_true(v) {
                        o.set_pc(t)
                    }
                }
                I::Loop(t) => {
                    o.set_pc(t);
                    if o.can_enter_jit() {
                        return Stop::Jit;
                    }
                }
                I::Ret => {
                    let v = o.pop();
                    if !o.leave_frame(v) {
                        return Stop::Done(o.promote(v));
                    }
                }
            }
        }
    }
}

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
    Machine { code }
}

fn run(m: &mut Machine, jit: &str) -> (Result<u64, Overflow>, JitStats) {
    let mut driver = Driver::new(JitSettings::parse(jit).unwrap());
    let mut frames = Frames::new(0, 2, 0);
    let r = driver.run(m, &mut frames);
    (r, driver.jit.stats.clone())
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
        code: vec![I::Push(9), I::Height, I::Ret],
    };
    let mut driver = Driver::new(JitSettings::parse("off").unwrap());
    let mut frames = Frames::with_header(0, &[7], 2, 0);
    assert_eq!(driver.run(&mut m, &mut frames), Ok(4));
}

#[test]
fn frames_gives_a_read_only_view_of_the_running_frame() {
    let mut m = Machine {
        code: vec![I::HeaderViaFrames, I::Height, I::Add, I::Ret],
    };
    let mut driver = Driver::new(JitSettings::parse("off").unwrap());
    let mut frames = Frames::with_header(0, &[7], 2, 0);
    // header word 7 plus the height 4 (header, two locals, one operand)
    assert_eq!(driver.run(&mut m, &mut frames), Ok(11));
}
