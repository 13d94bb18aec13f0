//! The tutorial interpreter (docs/tutorial.md): Brainfuck written against
//! retrace, one hint at a time.
//!
//! Every step is a complete interpreter, kept so that the tutorial can show
//! its code and measure it (`brainfuck --step N`):
//!
//! - [`step1`]: the plain interpreter, written against `retrace::Ops` with
//!   no hints (it never leaves plain mode);
//! - [`step2`]: plus the merge point (`insn_start`) and the loop header
//!   (`can_enter_jit`): hot loops are traced and compiled;
//! - [`step3`]: plus the bracket-map lookup declared elidable, so traces
//!   fold it away;
//! - [`step4`]: plus a better instruction set (runs of commands merged,
//!   clear and multiplication loops, jump targets in the instructions).
//!
//! [`parse`] reads the source and matches the brackets (errors with line and
//! column); [`runtime`] holds what the steps share: the tape, input and
//! output as residual calls, runtime errors. [`reference`] is a
//! straightforward Rust interpreter with no framework at all: the tests'
//! oracle and the speed baseline.

pub mod parse;
pub mod reference;
pub mod runtime;
pub mod step1;
pub mod step2;
pub mod step3;
pub mod step4;

pub use parse::{ParseError, Pos, Program, parse};
pub use runtime::{Input, Output, RuntimeError, TAPE_LEN};

use retrace::{Driver, Frames, JitSettings, JitStats};

/// Which step of the tutorial runs a program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Plain = 1,
    Hints = 2,
    Elidable = 3,
    Fast = 4,
}

impl Step {
    pub const ALL: [Step; 4] = [Step::Plain, Step::Hints, Step::Elidable, Step::Fast];

    /// The step numbered `n` (1 to 4).
    pub fn from_number(n: u32) -> Option<Step> {
        Step::ALL.get((n as usize).checked_sub(1)?).copied()
    }

    pub fn number(self) -> u32 {
        self as u32
    }

    /// What the step adds, in a few words.
    pub fn title(self) -> &'static str {
        match self {
            Step::Plain => "plain interpreter on Ops, no hints",
            Step::Hints => "merge point and can_enter_jit",
            Step::Elidable => "elidable bracket lookup",
            Step::Fast => "merged commands, clear and multiplication loops",
        }
    }
}

/// Why a program did not run to its end.
#[derive(Debug)]
pub enum Error {
    Parse(ParseError),
    Runtime(RuntimeError),
    /// Reading input or writing output failed.
    Io(std::io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Parse(e) => write!(f, "syntax error at {e}"),
            Error::Runtime(e) => write!(f, "runtime error at {e}"),
            Error::Io(e) => write!(f, "i/o error: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// Run `source` with step `step`, reading `,` from `input` and writing `.`
/// to `output`. Returns the captured output (empty unless `output` is
/// [`Output::Captured`]) and what the JIT did.
pub fn run(
    source: &[u8],
    step: Step,
    settings: JitSettings,
    input: Input,
    output: Output,
) -> Result<(Vec<u8>, JitStats), Error> {
    let program = parse(source).map_err(Error::Parse)?;
    let mut driver = Driver::new(settings);
    // One frame with one local: the tape pointer, starting at cell 0.
    let mut frames = Frames::new(0, 1, 0);
    let (result, output) = runtime::with_io(input, output, || match step {
        Step::Plain => {
            let mut interp = step1::Step1 {
                program: &program,
                tape: runtime::Tape::new(),
            };
            driver.run(&mut interp, &mut frames)
        }
        Step::Hints => {
            let mut interp = step2::Step2 {
                program: &program,
                tape: runtime::Tape::new(),
            };
            driver.run(&mut interp, &mut frames)
        }
        Step::Elidable => {
            let mut interp = step3::Step3 {
                program: &program,
                tape: runtime::Tape::new(),
            };
            driver.run(&mut interp, &mut frames)
        }
        Step::Fast => driver.run(&mut step4::Step4::new(&program), &mut frames),
    });
    result.map_err(Error::Runtime)?;
    let output = output.map_err(Error::Io)?;
    Ok((output, driver.jit.stats.clone()))
}

/// Run `source` on `input` and return what it printed (for tests).
pub fn run_bytes(
    source: &[u8],
    step: Step,
    settings: JitSettings,
    input: &[u8],
) -> Result<Vec<u8>, Error> {
    run(
        source,
        step,
        settings,
        Input::Bytes(input.to_vec()),
        Output::Captured,
    )
    .map(|(out, _)| out)
}
