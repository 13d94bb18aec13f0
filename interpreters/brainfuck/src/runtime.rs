//! What every step of the interpreter shares: the tape, the tape pointer's
//! moves, input and output as residual calls, and runtime errors.
//!
//! The tape is a fixed block of [`TAPE_LEN`] words owned by Rust (not the
//! GC): one cell per word, holding 0..=255. Its address is a constant of the
//! run, so handlers make it a trace constant with `konst`. The tape pointer
//! is an index, kept in the frame's local 0, so it is a red: in a trace it
//! lives in a register. A move off either end of the tape is an error, found
//! by one unsigned comparison (a move left of cell 0 wraps to a huge index).
//!
//! Input and output are residual calls (`o.call`): the JIT records one call
//! and never looks inside. They reach the run's input and output through a
//! thread-local slot that [`with_io`] fills for the length of one run, so
//! tests can run programs on several threads at once.

use crate::parse::Pos;
use retrace::{BinOp, Effect, Ops, Residual, ResidualFn, Type, Word};
use std::cell::RefCell;
use std::io::{Read, Write};

/// Cells on the tape.
pub const TAPE_LEN: usize = 65536;

/// The tape: `TAPE_LEN` words, all zero at the start.
#[derive(Debug)]
pub struct Tape {
    cells: Box<[Word]>,
}

impl Tape {
    pub fn new() -> Tape {
        Tape {
            cells: vec![0; TAPE_LEN].into_boxed_slice(),
        }
    }

    /// The address of cell 0, for `konst`. The block never moves.
    pub fn base(&self) -> Word {
        self.cells.as_ptr() as Word
    }
}

impl Default for Tape {
    fn default() -> Tape {
        Tape::new()
    }
}

/// A runtime error and the command it happened at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimeError {
    pub message: String,
    pub pos: Pos,
}

impl std::fmt::Display for RuntimeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.pos, self.message)
    }
}

impl std::error::Error for RuntimeError {}

/// The error of a move off the tape by `step` (+1 or -1) at `pos`.
pub fn off_the_tape(step: i64, pos: Pos) -> RuntimeError {
    let message = if step < 0 {
        "the tape pointer moved left of cell 0".to_string()
    } else {
        format!("the tape pointer moved right of cell {}", TAPE_LEN - 1)
    };
    RuntimeError { message, pos }
}

/// The address of cell `p`.
#[inline(always)]
pub fn cell_address<O: Ops>(o: &mut O, tape: O::V, p: O::V) -> O::V {
    let three = o.konst(3);
    let bytes = o.bin(BinOp::IntShl, p, three);
    o.bin(BinOp::IntAdd, tape, bytes)
}

/// Load the cell at `at + 8 * offset`.
#[inline(always)]
pub fn load_cell<O: Ops>(o: &mut O, at: O::V, offset: i32) -> O::V {
    // SAFETY: `at` is the address of a cell whose index, plus `offset`, the
    // caller checked to be on the tape, which lives as long as the run.
    unsafe { o.load(at, offset * 8, Type::Int) }
}

/// Store `value` into the cell at `at + 8 * offset`.
#[inline(always)]
pub fn store_cell<O: Ops>(o: &mut O, at: O::V, offset: i32, value: O::V) {
    // SAFETY: as for `load_cell`; the tape is not a GC object, so there is
    // no write barrier to apply.
    unsafe { o.store(at, offset * 8, value) }
}

/// Add `n` to the cell at `at` (cells wrap at 256).
#[inline(always)]
pub fn add_to_cell<O: Ops>(o: &mut O, at: O::V, offset: i32, n: u8) {
    let cell = load_cell(o, at, offset);
    let n = o.konst(n as Word);
    let sum = o.bin(BinOp::IntAdd, cell, n);
    let mask = o.konst(255);
    let wrapped = o.bin(BinOp::IntAnd, sum, mask);
    store_cell(o, at, offset, wrapped);
}

/// Whether the pointer `p` moved by `delta` is still on the tape (one
/// guard when recording); the moved pointer when it is.
#[inline(always)]
pub fn moved_pointer<O: Ops>(o: &mut O, p: O::V, delta: i64) -> Option<O::V> {
    let delta = o.konst(delta as Word);
    let moved = o.bin(BinOp::IntAdd, p, delta);
    let len = o.konst(TAPE_LEN as Word);
    let on_tape = o.bin(BinOp::UintLt, moved, len);
    o.is_true(on_tape).then_some(moved)
}

// --- input and output ------------------------------------------------------

/// Where a run reads its `,` bytes from.
pub enum Input {
    Bytes(Vec<u8>),
    Reader(Box<dyn Read>),
}

/// Where a run writes its `.` bytes to.
pub enum Output {
    /// Kept in memory and returned by [`with_io`].
    Captured,
    Writer(Box<dyn Write>),
}

struct Io {
    input: Input,
    read: usize,
    output: Output,
    captured: Vec<u8>,
    error: Option<std::io::Error>,
}

thread_local! {
    static IO: RefCell<Option<Io>> = const { RefCell::new(None) };
}

/// Run `f` with `input` and `output` as the residual calls' I/O. Returns
/// what `f` returned and the captured output, or the first I/O error.
pub fn with_io<R>(
    input: Input,
    output: Output,
    f: impl FnOnce() -> R,
) -> (R, std::io::Result<Vec<u8>>) {
    let io = Io {
        input,
        read: 0,
        output,
        captured: Vec::new(),
        error: None,
    };
    let outer = IO.with(|slot| slot.borrow_mut().replace(io));
    let result = f();
    let io = IO.with(|slot| std::mem::replace(&mut *slot.borrow_mut(), outer));
    let output = match io {
        Some(mut io) => {
            if let (Output::Writer(w), None) = (&mut io.output, &io.error)
                && let Err(e) = w.flush()
            {
                io.error = Some(e);
            }
            match io.error {
                Some(e) => Err(e),
                None => Ok(io.captured),
            }
        }
        None => Ok(Vec::new()),
    };
    (result, output)
}

fn with_current_io(f: impl FnOnce(&mut Io) -> Word) -> Word {
    IO.with(|slot| match slot.try_borrow_mut() {
        Ok(mut io) => io.as_mut().map(f).unwrap_or(0),
        Err(_) => 0,
    })
}

/// `.`: write the low byte of `cell`. After an I/O error output stops and
/// the run reports the error when it ends.
extern "C" fn put_byte(cell: Word) -> Word {
    with_current_io(|io| {
        if io.error.is_some() {
            return 0;
        }
        match &mut io.output {
            Output::Captured => io.captured.push(cell as u8),
            Output::Writer(w) => {
                if let Err(e) = w.write_all(&[cell as u8]) {
                    io.error = Some(e);
                }
            }
        }
        0
    })
}

/// `,`: the next input byte, 0 at the end of the input (the cell becomes
/// 0). Pending output is flushed first, so prompts show before a read.
extern "C" fn get_byte() -> Word {
    with_current_io(|io| {
        if let (Output::Writer(w), None) = (&mut io.output, &io.error)
            && let Err(e) = w.flush()
        {
            io.error = Some(e);
        }
        match &mut io.input {
            Input::Bytes(bytes) => {
                let b = bytes.get(io.read).copied().unwrap_or(0);
                io.read += 1;
                b as Word
            }
            Input::Reader(r) => {
                let mut byte = [0u8];
                loop {
                    match r.read(&mut byte) {
                        Ok(0) => return 0,
                        Ok(_) => return byte[0] as Word,
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        Err(e) => {
                            io.error.get_or_insert(e);
                            return 0;
                        }
                    }
                }
            }
        }
    })
}

/// `.` as one residual call: it does I/O, so it is a side effect.
pub static PUT_BYTE: Residual = Residual {
    name: "brainfuck_put_byte",
    func: ResidualFn::Args1(put_byte),
    effect: Effect::WritesHeap,
    fresh: &[],
};

/// `,` as one residual call: it consumes input, so it is a side effect.
pub static GET_BYTE: Residual = Residual {
    name: "brainfuck_get_byte",
    func: ResidualFn::Args0(get_byte),
    effect: Effect::WritesHeap,
    fresh: &[],
};

/// The other bracket of the bracket at `pc` in the program at address
/// `program`: the lookup that steps 1 to 3 make through a residual call.
pub(crate) extern "C" fn matching_bracket(program: Word, pc: Word) -> Word {
    // SAFETY: every caller passes the address of the `Program` its
    // interpreter borrows for the whole run (traces holding it as a constant
    // belong to that run's driver and die with it).
    let program = unsafe { &*(program as *const crate::parse::Program) };
    program.brackets.get(pc as usize).copied().unwrap_or(0) as Word
}
