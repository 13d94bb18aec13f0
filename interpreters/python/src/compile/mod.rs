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
mod codegen_assign;
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
#[cfg(feature = "compiler")]
pub mod unparse;

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

/// `compile(source, filename, "single")`: like [`compile_module`], but each
/// expression statement of the module's own code passes its value to
/// `sys.displayhook` (the interactive prompt's echo).
#[cfg(feature = "compiler")]
pub fn compile_interactive(
    module: &crate::ast::Module<'_>,
    filename: &str,
) -> Result<CodeObject, crate::error::SyntaxError> {
    let table = symtable::build(module)?;
    let mut compiler = codegen::Compiler::new(&table, filename);
    compiler.interactive = true;
    compiler.compile_module(module)
}

/// Parses and compiles source bytes (decoded by their PEP 263 cookie).
#[cfg(feature = "compiler")]
pub fn compile_bytes(
    bytes: &[u8],
    filename: &str,
) -> Result<CodeObject, crate::error::SyntaxError> {
    let arena = bumpalo::Bump::new();
    let text = crate::tokenizer::decode_source(bytes)?;
    let source = arena.alloc_str(&text);
    let module = crate::parser::parse_module(&arena, source)?;
    compile_module(&module, filename).map_err(|e| clamp_to_first_line(e, source))
}

/// CPython underlines a compile error that spans several lines from its start
/// to the end of its first line.
#[cfg(feature = "compiler")]
fn clamp_to_first_line(
    mut error: crate::error::SyntaxError,
    source: &str,
) -> crate::error::SyntaxError {
    if error.end_line != error.line
        && let Some(line) = source.lines().nth((error.line as usize).wrapping_sub(1))
    {
        error.end_line = error.line;
        error.end_col = line.trim_end().len() as u32;
    }
    error
}

/// Parses `bytes` and dumps its symbol table (see [`symtable::dump`]).
#[cfg(feature = "compiler")]
pub fn symtable_dump(bytes: &[u8]) -> Result<String, crate::error::SyntaxError> {
    let arena = bumpalo::Bump::new();
    let module = crate::parser::parse_bytes(&arena, bytes)?;
    Ok(symtable::dump(&symtable::build(&module)?))
}
