//! toylang: a small stack language written against the Retrace framework.
//!
//! - [`compile`]: source to bytecode, one pass, errors with line numbers;
//! - [`bytecode`]: the instruction set;
//! - [`value`]: the one-word value encoding and the GC objects;
//! - [`interp`]: the dispatch loop, written once against `retrace::Ops`.
//!
//! Its JIT comes from the framework and three hints in `interp`; see
//! `docs/toylang.md`.

pub mod bytecode;
pub mod compile;
pub mod interp;
pub mod value;

use retrace::{Driver, Frames, JitSettings};

/// Why a program did not run to its end.
#[derive(Debug, PartialEq)]
pub enum Error {
    Compile(compile::CompileError),
    Runtime(interp::RuntimeError),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Compile(e) => write!(f, "syntax error: {e}"),
            Error::Runtime(e) => write!(f, "runtime error: {e}"),
        }
    }
}

/// Compile and run a program; its output goes to stdout (flushed on return).
pub fn run_source(src: &str, settings: JitSettings) -> Result<retrace::JitStats, Error> {
    let prog = compile::compile(src).map_err(Error::Compile)?;
    value::set_record_names(prog.records.iter().map(|r| r.name.clone()).collect());
    value::set_string_consts(prog.strings.clone());
    let main = prog.main;
    let locals = prog.functions[main as usize].locals as usize;
    let mut toy = interp::Toy { prog };
    let mut frames = Frames::new(main, locals, value::NIL);
    let mut driver = Driver::new(settings);
    // The barrier tests FLAG_TRACK_YOUNG first (it is retrace-gc's), so
    // compiled code may test the flag inline and call it only when set.
    driver.jit.declare_write_barrier(&value::WRITE_BARRIER);
    let result = driver.run(&mut toy, &mut frames);
    value::flush_output();
    result
        .map(|_| driver.jit.stats.clone())
        .map_err(Error::Runtime)
}

/// Run a program and return what it printed, with the error if it failed
/// (for tests: the output is captured per thread instead of written out).
pub fn run_captured(
    src: &str,
    settings: JitSettings,
) -> (String, Result<retrace::JitStats, Error>) {
    value::start_capture();
    let result = run_source(src, settings);
    (value::take_capture(), result)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stores of fresh records into an older record and array: compiled
    /// code must use the inline barrier (toylang's own barrier residual is
    /// declared one), and print what the interpreter prints.
    #[test]
    fn compiled_stores_use_the_inline_write_barrier() {
        let src = "record Box { v }
fn main() {
  var holder = new Box(nil);
  var cells = array(4, nil);
  var i = 0;
  var sum = 0;
  while i < 3000 {
    holder.v = new Box(i);
    cells[i % 4] = new Box(i * 2);
    sum = sum + holder.v.v + cells[i % 4].v;
    i = i + 1;
  }
  print(sum);
}
";
        let (off, off_result) = run_captured(src, JitSettings::parse("off").expect("settings"));
        let (on, on_result) =
            run_captured(src, JitSettings::parse("threshold=2").expect("settings"));
        assert!(off_result.is_ok(), "{off_result:?}");
        let stats = on_result.expect("jit run");
        assert_eq!(on, off);
        assert_eq!(
            off.trim(),
            (0..3000).map(|i| 3 * i).sum::<i64>().to_string()
        );
        assert!(stats.loops_compiled >= 1, "{stats:?}");
        assert!(stats.inline_barriers >= 2, "barriers inlined: {stats:?}");
    }
}
