//! Step 3: the bracket map lookup becomes elidable.
//!
//! The JIT cannot know that `matching_bracket` always gives the same answer
//! for the same arguments, so step 2's traces call it at every `]` and
//! check the result (`guard_value`). Its arguments are the program's address
//! and the pc: both constants in a trace. Declaring the function
//! `Effect::Elidable` tells the optimizer it is pure: with constant
//! arguments it is called once, while optimizing, and the call and the
//! guard on its result fold away. This is RPython's `@elidable` on
//! `get_matching_bracket`, with the greens promoted for free.

use crate::parse::Program;
use crate::runtime::{
    GET_BYTE, PUT_BYTE, RuntimeError, Tape, add_to_cell, cell_address, load_cell, matching_bracket,
    moved_pointer, off_the_tape, store_cell,
};
use retrace::{Effect, Interpreter, Ops, Residual, ResidualFn, Stop, Word};

/// The bracket map lookup: pure, so traces fold it when its arguments
/// are constants.
static MATCHING_BRACKET: Residual = Residual {
    name: "brainfuck_step3_matching_bracket",
    func: ResidualFn::Args2(matching_bracket),
    effect: Effect::Elidable,
    fresh: &[],
};

pub struct Step3<'p> {
    pub program: &'p Program,
    pub tape: Tape,
}

impl Interpreter for Step3<'_> {
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

impl Step3<'_> {
    /// Ask the bracket map where the other bracket of `pc` is.
    #[inline(always)]
    fn matching_bracket<O: Ops>(&self, o: &mut O, pc: u32) -> u32 {
        let map = o.konst(self.program as *const Program as Word);
        let pc = o.konst(pc as Word);
        let other = o.call(&MATCHING_BRACKET, &[map, pc]);
        o.promote(other) as u32
    }
}
