//! toylang's bytecode: a stack machine with one function per code object.
//!
//! Every function has its code, a line per instruction (for error messages),
//! its parameter count and its local count (parameters first). A loop's back
//! edge is its own instruction, `Loop`, so the interpreter knows where the
//! user program's loops are (that is where it tells the JIT a loop may start).

use std::fmt;

/// Builtin functions, called by name.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Builtin {
    /// print(a, b, ...): values separated by spaces, then a newline
    Print,
    /// len(array or string)
    Len,
    /// array(n, fill)
    Array,
    /// float(int or float)
    Float,
    /// int(float or int): truncates
    Int,
    /// sqrt(number)
    Sqrt,
}

impl Builtin {
    pub fn by_name(name: &str) -> Option<Builtin> {
        Some(match name {
            "print" => Builtin::Print,
            "len" => Builtin::Len,
            "array" => Builtin::Array,
            "float" => Builtin::Float,
            "int" => Builtin::Int,
            "sqrt" => Builtin::Sqrt,
            _ => return None,
        })
    }

    /// The argument count, or None for any.
    pub fn arity(self) -> Option<usize> {
        match self {
            Builtin::Print => None,
            Builtin::Array => Some(2),
            Builtin::Len | Builtin::Float | Builtin::Int | Builtin::Sqrt => Some(1),
        }
    }
}

/// The comparisons.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Insn {
    PushInt(i64),
    PushFloat(f64),
    /// a string constant, by index
    PushStr(u32),
    PushNil,
    Load(u32),
    Store(u32),
    Pop,
    Dup,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Neg,
    Not,
    Compare(Cmp),
    /// forward jump
    Jump(u32),
    /// backward jump to a loop header
    Loop(u32),
    JumpIfFalse(u32),
    /// pop b, a; jump unless the comparison (Lt..Ne) of a and b holds: a
    /// comparison fused with the branch of an `if` or `while`
    JumpUnless(Cmp, u32),
    /// call function `.0` with `.1` arguments
    Call(u32, u32),
    Return,
    Builtin(Builtin, u32),
    /// pop n values into a new array
    NewArray(u32),
    /// a[i]
    Index,
    /// a[i] = v (pops v, i, a)
    SetIndex,
    /// new Record(fields...): record type, field count
    New(u32, u32),
    /// obj.name: field name index
    GetField(u32),
    /// obj.name = v (pops v, obj)
    SetField(u32),
}

/// A record type: its name and field names in slot order.
#[derive(Clone, Debug)]
pub struct RecordType {
    pub name: String,
    pub fields: Vec<u32>,
}

/// One function's code.
#[derive(Clone, Debug, Default)]
pub struct Function {
    pub name: String,
    pub params: u32,
    pub locals: u32,
    pub code: Vec<Insn>,
    pub lines: Vec<u32>,
}

/// A compiled program.
#[derive(Clone, Debug, Default)]
pub struct Program {
    pub functions: Vec<Function>,
    pub strings: Vec<String>,
    /// Field names, interned: `GetField(k)` names `names[k]`.
    pub names: Vec<String>,
    pub records: Vec<RecordType>,
    pub main: u32,
}

impl Program {
    /// The slot of field `name` in record type `ty`.
    pub fn field_slot(&self, ty: usize, name: u32) -> Option<usize> {
        self.records.get(ty)?.fields.iter().position(|f| *f == name)
    }
}

impl fmt::Display for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for func in &self.functions {
            writeln!(
                f,
                "fn {} (params {}, locals {}):",
                func.name, func.params, func.locals
            )?;
            for (pc, (insn, line)) in func.code.iter().zip(&func.lines).enumerate() {
                writeln!(f, "  {pc:4}  line {line:4}  {insn:?}")?;
            }
        }
        Ok(())
    }
}
