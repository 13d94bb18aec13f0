//! Step 4: a better instruction set, so each trace does less.
//!
//! A trace of step 3 still does what the commands say, one at a time: a
//! run of `+++++` is five loads, adds and stores, `>>>` is three bounds
//! checks, and `[-]` is a loop of its own (a trace, and exits into and out
//! of it). The JIT's optimizer does not merge these yet, so the interpreter
//! does: [`compile`] turns the commands into instructions that each do
//! more, and puts the jump targets in the instructions, so the bracket
//! lookup is gone altogether (plain Rust reading the green pc).
//!
//! - `Add(n)`: a run of `+` and `-`, one load and one store;
//! - `Move(n)`: a run of `>` (or of `<`), one bounds check;
//! - `Clear`: `[-]` and `[+]`, one store;
//! - `MulLoop`: a loop of `+ - < >` that ends where it started and takes one
//!   from its first cell per turn (`[->+>+++<<]`): it adds the first cell
//!   times a factor to each cell it touches, and clears the first cell. The
//!   bounds checks of all its cells come before its first store (a guard
//!   must not follow a side effect in one instruction).
//!
//! Errors stay exact: an instruction remembers its first command, and a move
//! off the tape is found again by walking that instruction's commands.

use crate::parse::{Pos, Program};
use crate::runtime::{
    GET_BYTE, PUT_BYTE, RuntimeError, TAPE_LEN, Tape, add_to_cell, cell_address, load_cell,
    moved_pointer, off_the_tape, store_cell,
};
use retrace::{BinOp, Interpreter, Ops, Stop, Word};

/// One instruction of step 4.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Insn {
    Add(u8),
    Move(i32),
    Clear,
    /// An index into [`Code::mul_loops`].
    MulLoop(u32),
    Output,
    Input,
    /// If the cell is 0, go on at this instruction (after the matching `Close`).
    Open(u32),
    /// If the cell is not 0, go on at this instruction (after the matching `Open`).
    Close(u32),
}

/// A multiplication loop: `cells[p + offset] += cells[p] * factor` for
/// each target, then `cells[p] = 0`; on the way it reaches the cells
/// `p + lowest ..= p + highest`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MulLoop {
    pub targets: Vec<(i32, u8)>,
    pub lowest: i32,
    pub highest: i32,
}

/// A compiled program.
#[derive(Clone, Debug, Default)]
pub struct Code {
    pub insns: Vec<Insn>,
    /// For each instruction, the index of the first command it came from.
    pub first_command: Vec<u32>,
    pub mul_loops: Vec<MulLoop>,
}

/// Compile a program's commands into step 4's instructions.
pub fn compile(program: &Program) -> Code {
    let commands = &program.commands;
    let mut code = Code::default();
    let mut open: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < commands.len() {
        let start = i;
        let insn = match commands[i] {
            b'+' | b'-' => {
                let mut n = 0u8;
                while let Some(&c @ (b'+' | b'-')) = commands.get(i) {
                    n = if c == b'+' {
                        n.wrapping_add(1)
                    } else {
                        n.wrapping_sub(1)
                    };
                    i += 1;
                }
                Insn::Add(n)
            }
            b'>' | b'<' => {
                let c = commands[i];
                while commands.get(i) == Some(&c) {
                    i += 1;
                }
                let n = (i - start) as i32;
                Insn::Move(if c == b'>' { n } else { -n })
            }
            b'.' => {
                i += 1;
                Insn::Output
            }
            b',' => {
                i += 1;
                Insn::Input
            }
            b'[' => {
                let close = program.brackets[i] as usize;
                if let Some(insn) = simple_loop(&commands[i + 1..close], &mut code) {
                    i = close + 1;
                    insn
                } else {
                    i += 1;
                    open.push(code.insns.len());
                    Insn::Open(0)
                }
            }
            _ => {
                // ']': the parser matched every bracket, so `open` has its `[`.
                i += 1;
                let Some(at) = open.pop() else { continue };
                let after_close = code.insns.len() as u32 + 1;
                code.insns[at] = Insn::Open(after_close);
                Insn::Close(at as u32 + 1)
            }
        };
        code.insns.push(insn);
        code.first_command.push(start as u32);
    }
    code
}

/// `Clear` or a `MulLoop` for a loop body of `+ - < >` only that comes back
/// to its first cell and takes one from it per turn; None for any other.
fn simple_loop(body: &[u8], code: &mut Code) -> Option<Insn> {
    let (mut offset, mut lowest, mut highest) = (0i32, 0i32, 0i32);
    let mut added: Vec<(i32, u8)> = Vec::new();
    for &c in body {
        match c {
            b'>' => offset += 1,
            b'<' => offset -= 1,
            b'+' | b'-' => {
                let delta = if c == b'+' { 1u8 } else { 255u8 };
                match added.iter_mut().find(|(o, _)| *o == offset) {
                    Some((_, n)) => *n = n.wrapping_add(delta),
                    None => added.push((offset, delta)),
                }
            }
            _ => return None,
        }
        lowest = lowest.min(offset);
        highest = highest.max(offset);
    }
    let first = added.iter().find(|(o, _)| *o == 0).map(|(_, n)| *n);
    let targets: Vec<(i32, u8)> = added
        .into_iter()
        .filter(|&(o, n)| o != 0 && n != 0)
        .collect();
    match (offset, first) {
        (0, Some(1 | 255)) if targets.is_empty() => Some(Insn::Clear),
        (0, Some(255)) => {
            code.mul_loops.push(MulLoop {
                targets,
                lowest,
                highest,
            });
            Some(Insn::MulLoop(code.mul_loops.len() as u32 - 1))
        }
        _ => None,
    }
}

pub struct Step4<'p> {
    pub program: &'p Program,
    pub code: Code,
    pub tape: Tape,
}

impl<'p> Step4<'p> {
    pub fn new(program: &'p Program) -> Step4<'p> {
        Step4 {
            program,
            code: compile(program),
            tape: Tape::new(),
        }
    }

    /// The error of instruction `pc` moving the pointer off the tape from
    /// cell `p`: walk its commands to the one that stepped off.
    #[cold]
    fn off_the_tape_at(&self, pc: u32, p: Word) -> RuntimeError {
        let first = self.code.first_command[pc as usize] as usize;
        let mut cell = p as i64;
        for (i, &c) in self.program.commands.iter().enumerate().skip(first) {
            let step = match c {
                b'>' => 1,
                b'<' => -1,
                _ => continue,
            };
            cell += step;
            if !(0..TAPE_LEN as i64).contains(&cell) {
                return off_the_tape(step, self.program.positions[i]);
            }
        }
        off_the_tape(1, self.position(pc))
    }

    fn position(&self, pc: u32) -> Pos {
        let first = self.code.first_command[pc as usize] as usize;
        self.program.positions[first]
    }
}

impl Interpreter for Step4<'_> {
    type Error = RuntimeError;

    #[inline(always)]
    fn run<O: Ops>(&mut self, o: &mut O) -> Stop<RuntimeError> {
        let tape = o.konst(self.tape.base());
        loop {
            if !o.insn_start() {
                return Stop::Jit;
            }
            let pc = o.pc();
            let Some(&insn) = self.code.insns.get(pc as usize) else {
                return Stop::Done(0);
            };
            o.set_pc(pc + 1);
            match insn {
                Insn::Add(n) => {
                    let p = o.local(0);
                    let at = cell_address(o, tape, p);
                    add_to_cell(o, at, 0, n);
                }
                Insn::Move(n) => {
                    let p = o.local(0);
                    let Some(moved) = moved_pointer(o, p, n as i64) else {
                        let p = o.promote(p);
                        return Stop::Error(self.off_the_tape_at(pc, p));
                    };
                    o.set_local(0, moved);
                }
                Insn::Clear => {
                    let p = o.local(0);
                    let at = cell_address(o, tape, p);
                    let zero = o.konst(0);
                    store_cell(o, at, 0, zero);
                }
                Insn::MulLoop(k) => {
                    let p = o.local(0);
                    let at = cell_address(o, tape, p);
                    let count = load_cell(o, at, 0);
                    if o.is_true(count) {
                        let m = &self.code.mul_loops[k as usize];
                        for reach in [m.lowest, m.highest] {
                            if reach != 0 && moved_pointer(o, p, reach as i64).is_none() {
                                let p = o.promote(p);
                                return Stop::Error(self.off_the_tape_at(pc, p));
                            }
                        }
                        for &(offset, factor) in &m.targets {
                            let cell = load_cell(o, at, offset);
                            let factor = o.konst(factor as Word);
                            let product = o.bin(BinOp::IntMul, count, factor);
                            let sum = o.bin(BinOp::IntAdd, cell, product);
                            let mask = o.konst(255);
                            let wrapped = o.bin(BinOp::IntAnd, sum, mask);
                            store_cell(o, at, offset, wrapped);
                        }
                        let zero = o.konst(0);
                        store_cell(o, at, 0, zero);
                    }
                }
                Insn::Output => {
                    let p = o.local(0);
                    let at = cell_address(o, tape, p);
                    let cell = load_cell(o, at, 0);
                    o.call(&PUT_BYTE, &[cell]);
                }
                Insn::Input => {
                    let p = o.local(0);
                    let at = cell_address(o, tape, p);
                    let byte = o.call(&GET_BYTE, &[]);
                    store_cell(o, at, 0, byte);
                }
                Insn::Open(after_close) => {
                    let p = o.local(0);
                    let at = cell_address(o, tape, p);
                    let cell = load_cell(o, at, 0);
                    if !o.is_true(cell) {
                        o.set_pc(after_close);
                    }
                }
                Insn::Close(after_open) => {
                    let p = o.local(0);
                    let at = cell_address(o, tape, p);
                    let cell = load_cell(o, at, 0);
                    if o.is_true(cell) {
                        o.set_pc(after_open);
                        if o.can_enter_jit() {
                            return Stop::Jit;
                        }
                    }
                }
            }
        }
    }

    fn describe(&self, _code: u32, pc: u32) -> String {
        match self.code.first_command.get(pc as usize) {
            Some(&first) => format!("{}", self.program.positions[first as usize]),
            None => "the end".into(),
        }
    }
}
