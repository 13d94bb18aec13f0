//! retrace: the interpreter writer's API.
//!
//! It will hold the trait that opcode handlers are written against (plain and
//! recording mode), the hints (merge point, can-enter-jit, promote, elidable
//! and residual calls, virtualizable frames, quasi-immutable fields), the
//! object-space hooks (shapes, version cells, layouts, wrappable spaces) and the
//! driver that runs an interpreter with its JIT. It re-exports the collector
//! and the JIT crates.

pub use retrace_gc as gc;
pub use retrace_jit as jit;
