//! Step 2: the merge point and the loop header: the JIT switches on.
//!
//! Two hints, and nothing else changes from step 1:
//! - `o.insn_start()` at the top of the dispatch loop is the merge point.
//!   The greens, what names a position in the user's program, are the
//!   framework's: the frame's code object (the program) and its pc. Plain
//!   Rust that reads only greens (`program.commands[pc]`) is invisible to the
//!   JIT, so in a trace the command is a constant and the `match` is gone.
//! - `o.can_enter_jit()` at the user program's backward jump (a `]` that
//!   loops), after the pc is set to the loop's first command: the driver
//!   counts it, records one iteration once it is hot, compiles it and runs it.
//!
//! The bracket map is still asked through a residual call the JIT cannot
//! see into, so every trace keeps that call and checks its result.

use crate::parse::Program;
use crate::runtime::{
    GET_BYTE, PUT_BYTE, RuntimeError, Tape, add_to_cell, cell_address, load_cell, matching_bracket,
    moved_pointer, off_the_tape, store_cell,
};
use retrace::{Effect, Interpreter, Ops, Residual, ResidualFn, Stop, Word};

/// The bracket map lookup: a Rust function the JIT will not look into.
static MATCHING_BRACKET: Residual = Residual {
    name: "brainfuck_step2_matching_bracket",
    func: ResidualFn::Args2(matching_bracket),
    effect: Effect::ReadsHeap,
    fresh: &[],
};

pub struct Step2<'p> {
    pub program: &'p Program,
    pub tape: Tape,
}

impl Interpreter for Step2<'_> {
    type Error = RuntimeError;

    #[inline(always)]
    fn run<O: Ops>(&mut self, o: &mut O) -> Stop<RuntimeError> {
        let program = self.program;
        let tape = o.konst(self.tape.base());
        loop {
            if !o.insn_start() {
                return Stop::Jit;
            }
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
                        if o.can_enter_jit() {
                            return Stop::Jit;
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

impl Step2<'_> {
    /// Ask the bracket map where the other bracket of `pc` is.
    #[inline(always)]
    fn matching_bracket<O: Ops>(&self, o: &mut O, pc: u32) -> u32 {
        let map = o.konst(self.program as *const Program as Word);
        let pc = o.konst(pc as Word);
        let other = o.call(&MATCHING_BRACKET, &[map, pc]);
        o.promote(other) as u32
    }
}
