//! retrace: the interpreter writer's API.
//!
//! Write the interpreter's dispatch loop once, generic over [`Ops`], put the
//! hints in it (`insn_start` at the top of the loop, `can_enter_jit` at
//! backward jumps, `promote`, residual calls with effect classes, frames
//! through the virtualizable [`Frames`]), and run it with a [`Driver`]: the
//! driver runs it in plain mode, records hot loops in recording mode,
//! compiles them with Cranelift and resumes the interpreter when compiled code
//! exits. See `docs/jit.md`.
//!
//! - [`ops`]: the trait, the residual-call and quasi-immutable-cell types;
//! - [`frames`]: the virtualizable frame stack;
//! - [`plain`], [`record`]: the two modes;
//! - [`driver`]: hotness, recording, compiling, entering, exits, bridges;
//! - [`settings`]: `--jit key=value,...`.
//!
//! It re-exports the collector and the JIT crates.

pub use retrace_gc as gc;
pub use retrace_jit as jit;

pub mod driver;
pub mod frames;
pub mod ops;
pub mod plain;
pub mod record;
pub mod settings;
pub mod shapes;

pub use driver::{Driver, JitStats};
pub use frames::{FrameInfo, Frames};
pub use ops::{
    BinOp, Effect, FreshWord, Interpreter, Ops, OvfOp, Residual, ResidualFn, Stop, Type, UnOp,
    VersionCell,
};
pub use settings::JitSettings;

/// A value as the interpreter stores it: one machine word.
pub type Word = u64;

/// A small test machine for the framework's tests and other crates' (the
/// `testing` feature).
#[cfg(any(test, feature = "testing"))]
pub mod testing;
#[cfg(test)]
mod tests;
