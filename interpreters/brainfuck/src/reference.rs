//! A straightforward Brainfuck interpreter in plain Rust, with no framework:
//! the oracle every step is tested against, and the baseline of the
//! tutorial's speed table (what "an interpreter without retrace" costs).
//! Same semantics as the steps: a tape of `TAPE_LEN` byte cells that wrap,
//! 0 read at the end of the input, a move off the tape is an error.

use crate::parse::Program;
use crate::runtime::{RuntimeError, TAPE_LEN, off_the_tape};

/// Run `program` on `input`, appending what it prints to `output`.
pub fn run(program: &Program, input: &[u8], output: &mut Vec<u8>) -> Result<(), RuntimeError> {
    let mut tape = vec![0u8; TAPE_LEN];
    let mut input = input.iter();
    let (mut pc, mut p) = (0usize, 0usize);
    while let Some(&command) = program.commands.get(pc) {
        match command {
            b'+' => tape[p] = tape[p].wrapping_add(1),
            b'-' => tape[p] = tape[p].wrapping_sub(1),
            b'>' if p + 1 < TAPE_LEN => p += 1,
            b'<' if p > 0 => p -= 1,
            b'>' => return Err(off_the_tape(1, program.positions[pc])),
            b'<' => return Err(off_the_tape(-1, program.positions[pc])),
            b'.' => output.push(tape[p]),
            b',' => tape[p] = input.next().copied().unwrap_or(0),
            b'[' if tape[p] == 0 => pc = program.brackets[pc] as usize,
            b']' if tape[p] != 0 => pc = program.brackets[pc] as usize,
            _ => {}
        }
        pc += 1;
    }
    Ok(())
}
