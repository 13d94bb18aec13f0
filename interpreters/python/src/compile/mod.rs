//! The compiler: AST -> symbol table -> bytecode -> peephole -> code objects,
//! plus the disassembler and the bytecode file format.
//!
//! The pipeline, one module each:
//!
//! - [`symtable`]: scopes and the run-time home of every name;
//! - `codegen*`: AST to instructions with labels and pseudo instructions;
//! - [`peephole`] (with [`fold`]): local rewrites and constant folding;
//! - `assemble`: labels to indices, flow analysis (stack depth, exception
//!   table), dead code removal;
//! - [`bytecode`]: the instruction set and [`CodeObject`];
//! - [`dis`]: `repy --dis`;
//! - [`marshal`]: bytecode files, written and checked on load.
//!
//! The bytecode format and the loader are always built (a VM-only `repy`
//! runs bytecode files); everything that turns source into code needs the
//! `compiler` feature. See `docs/python-compiler.md`.

pub mod bytecode;
pub mod dis;
pub mod marshal;

#[cfg(feature = "compiler")]
mod assemble;
#[cfg(feature = "compiler")]
mod codegen;
#[cfg(feature = "compiler")]
mod codegen_expr;
#[cfg(feature = "compiler")]
mod codegen_flow;
#[cfg(feature = "compiler")]
mod codegen_match;
#[cfg(feature = "compiler")]
pub mod fold;
#[cfg(feature = "compiler")]
pub mod peephole;
#[cfg(feature = "compiler")]
pub mod symtable;

pub use bytecode::{CodeObject, Const, Instr, Opcode};

/// Compiles a parsed module. `filename` is recorded in the code objects.
#[cfg(feature = "compiler")]
pub fn compile_module(
    module: &crate::ast::Module<'_>,
    filename: &str,
) -> Result<CodeObject, crate::error::SyntaxError> {
    let table = symtable::build(module)?;
    let mut compiler = codegen::Compiler::new(&table, filename);
    compiler.compile_module(module)
}

/// Parses and compiles source bytes (decoded by their PEP 263 cookie).
#[cfg(feature = "compiler")]
pub fn compile_bytes(
    bytes: &[u8],
    filename: &str,
) -> Result<CodeObject, crate::error::SyntaxError> {
    let arena = bumpalo::Bump::new();
    let module = crate::parser::parse_bytes(&arena, bytes)?;
    compile_module(&module, filename)
}
