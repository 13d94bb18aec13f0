//! retrace-jit: the tracing JIT of the Retrace framework.
//!
//! - [`ir`]: the trace IR (typed SSA operations, guards with resume indexes)
//!   and the one table of primitive operations;
//! - [`print`]: the text form of a trace, one operation a line;
//! - [`opt`]: the optimizer, one pass a file (int bounds, rewrite, virtuals,
//!   CSE, heap cache, loop peeling);
//! - [`backend`]: Cranelift code generation of loop traces.
//!
//! The recorder and the resume data live in the `retrace` crate, next to the
//! interpreter-writer's API they serve. Nothing here names a client language.

pub mod backend;
pub mod ir;
pub mod opt;
pub mod print;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use backend::{CompiledTrace, ExitVirtual, compile, materialize, materialize_with};
pub use ir::{BinOp, Effect, FreshWord, GuardKind, Helper, Op, OvfOp, Ref, Trace, Type, UnOp};
pub use opt::{OptStats, optimize};

#[cfg(test)]
mod tests;
