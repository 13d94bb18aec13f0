//! toylang: a small stack language written against the Retrace framework.
//!
//! It will hold the parser of `.tl` files, the bytecode and the interpreter whose
//! opcode handlers are written once against the framework's API, so that its
//! JIT comes from hints alone.
