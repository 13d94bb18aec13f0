//! Step 1: the plain interpreter, written against `retrace::Ops`.
//!
//! One loop: fetch the command at the pc, run it. Every value the user's
//! program computes (the tape pointer, cell contents) goes through `o`:
//! `o.local`/`o.set_local` for the pointer (local 0 of the frame), `o.load`/
//! `o.store` for cells, `o.bin` for arithmetic, `o.is_true` to branch, and
//! `o.call` for input, output and the bracket map. What only depends on the
//! program (the command, its position) is plain Rust.
//!
//! There are no hints yet, so the driver never records a trace: this runs
//! in plain mode, where each `o` method is the operation itself.

use crate::parse::Program;
use crate::runtime::{
    GET_BYTE, PUT_BYTE, RuntimeError, Tape, add_to_cell, cell_address, load_cell, matching_bracket,
    moved_pointer, off_the_tape, store_cell,
};
use retrace::{Effect, Interpreter, Ops, Residual, ResidualFn, Stop, Word};

/// The bracket map lookup: a Rust function the JIT will not look into.
static MATCHING_BRACKET: Residual = Residual {
    name: "brainfuck_step1_matching_bracket",
    func: ResidualFn::Args2(matching_bracket),
    effect: Effect::ReadsHeap,
    fresh: &[],
};

pub struct Step1<'p> {
    pub program: &'p Program,
    pub tape: Tape,
}

impl Interpreter for Step1<'_> {
    type Error = RuntimeError;

    #[inline(always)]
    fn run<O: Ops>(&mut self, o: &mut O) -> Stop<RuntimeError> {
        let program = self.program;
        let tape = o.konst(self.tape.base());
        loop {
            let pc = o.pc();
            let Some(&command) = program.commands.get(pc as usize) else {
                return Stop::Done(0);
            };
            o.set_pc(pc + 1);
            match command {
                b'+' | b'-' => {
                    let p = o.local(0);
                    let at = cell_address(o, tape, p);
                    add_to_cell(o, at, 0, if command == b'+' { 1 } else { 255 });
                }
                b'>' | b'<' => {
                    let step = if command == b'>' { 1 } else { -1 };
                    let p = o.local(0);
                    let Some(moved) = moved_pointer(o, p, step) else {
                        return Stop::Error(off_the_tape(step, program.positions[pc as usize]));
                    };
                    o.set_local(0, moved);
                }
                b'.' => {
                    let p = o.local(0);
                    let at = cell_address(o, tape, p);
                    let cell = load_cell(o, at, 0);
                    o.call(&PUT_BYTE, &[cell]);
                }
                b',' => {
                    let p = o.local(0);
                    let at = cell_address(o, tape, p);
                    let byte = o.call(&GET_BYTE, &[]);
                    store_cell(o, at, 0, byte);
                }
                b'[' => {
                    let p = o.local(0);
                    let at = cell_address(o, tape, p);
                    let cell = load_cell(o, at, 0);
                    if !o.is_true(cell) {
                        let close = self.matching_bracket(o, pc);
                        o.set_pc(close + 1);
                    }
                }
                b']' => {
                    let p = o.local(0);
                    let at = cell_address(o, tape, p);
                    let cell = load_cell(o, at, 0);
                    if o.is_true(cell) {
                        let open = self.matching_bracket(o, pc);
                        o.set_pc(open + 1);
                    }
                }
                _ => {}
            }
        }
    }
}

impl Step1<'_> {
    /// Ask the bracket map where the other bracket of `pc` is.
    #[inline(always)]
    fn matching_bracket<O: Ops>(&self, o: &mut O, pc: u32) -> u32 {
        let map = o.konst(self.program as *const Program as Word);
        let pc = o.konst(pc as Word);
        let other = o.call(&MATCHING_BRACKET, &[map, pc]);
        o.promote(other) as u32
    }
}
