//! retrace-python: a Python 3.11 interpreter (`repy`) on the Retrace framework.
//!
//! It will hold the front end (tokenizer, parser, AST, symbol table, compiler,
//! peephole optimizer, disassembler, bytecode files) and the VM with its object
//! model, written against the framework's interpreter-writer API.
