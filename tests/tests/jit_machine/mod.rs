//! The JIT runtime suites' machine: `retrace::testing`'s small stack machine
//! driven by the real driver (enabled by the `testing` feature of `retrace`).

pub use retrace::testing::*;
