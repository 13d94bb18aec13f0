//! retrace-jit: the tracing JIT of the Retrace framework.
//!
//! It will hold the trace IR and its printer, the recorder, the optimizer
//! passes, the Cranelift backend, guards and the resume data that rebuilds
//! interpreter frames when a guard fails. Nothing here names a client language.
