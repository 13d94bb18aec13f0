//! retrace-python: a Python 3.11 interpreter (`repy`) on the Retrace framework.
//!
//! The front end follows CPython's pipeline: source -> tokens ([`tokenizer`]) ->
//! AST ([`ast`], built by [`parser`]) -> symbol table -> bytecode -> VM. See
//! `docs/python-frontend.md`.

pub mod ast;
pub mod builtins;
pub mod compile;
pub mod error;
pub mod objects;
#[cfg(feature = "compiler")]
pub mod parser;
#[cfg(feature = "compiler")]
pub mod tokenizer;
pub mod vm;
