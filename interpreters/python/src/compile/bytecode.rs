//! The bytecode: opcodes, instructions, constants and code objects.
//!
//! # Design
//!
//! An instruction is one fixed-width [`Instr`]: a one-byte [`Opcode`] and a
//! 32-bit argument. There is no `EXTENDED_ARG` and no inline cache: the VM
//! decodes `code[pc]` in one load, and a tracing JIT sees one instruction per
//! program counter. Jump arguments are absolute instruction indices, so a
//! target is checked once (at load time) and never recomputed.
//!
//! The shape follows CPython 3.11: numbered fast locals (`LOAD_FAST`), cells and
//! free variables in one "deref" index space (cells first, then frees), a
//! constants pool holding nested code objects, a names table for globals and
//! attributes, a per-instruction line table and a zero-cost exception table
//! (ranges of instructions -> handler, with the value-stack depth to unwind to).
//! Calls use one layout: `[callable, self_or_null, args...]`, so a method call
//! (`LOAD_METHOD`) and a plain call (`PUSH_NULL`) share `CALL`.
//!
//! Every opcode's stack effect is defined here once ([`Opcode::stack_effect`]),
//! used by the assembler to compute `max_stack`, by the loader to re-check
//! files, and documented in `docs/python-compiler.md`.

use dashu_int::IBig;
use std::rc::Rc;

macro_rules! opcodes {
    ($($name:ident = $val:expr, $text:expr;)*) => {
        /// One operation of the stack machine. See `docs/python-compiler.md`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u8)]
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        pub enum Opcode { $($name = $val,)* }

        impl Opcode {
            /// All opcodes, pseudo ones included.
            pub const ALL: &'static [Opcode] = &[$(Opcode::$name,)*];

            /// The opcode with byte value `byte`, if there is one.
            pub fn from_u8(byte: u8) -> Option<Opcode> {
                match byte {
                    $($val => Some(Opcode::$name),)*
                    _ => None,
                }
            }

            /// The name `dis` prints.
            pub fn name(self) -> &'static str {
                match self { $(Opcode::$name => $text,)* }
            }
        }
    };
}

opcodes! {
    NOP = 0, "NOP";
    POP_TOP = 1, "POP_TOP";
    PUSH_NULL = 2, "PUSH_NULL";
    COPY = 3, "COPY";
    SWAP = 4, "SWAP";
    LOAD_CONST = 5, "LOAD_CONST";
    LOAD_FAST = 6, "LOAD_FAST";
    STORE_FAST = 7, "STORE_FAST";
    DELETE_FAST = 8, "DELETE_FAST";
    LOAD_DEREF = 9, "LOAD_DEREF";
    STORE_DEREF = 10, "STORE_DEREF";
    DELETE_DEREF = 11, "DELETE_DEREF";
    LOAD_CLOSURE = 12, "LOAD_CLOSURE";
    LOAD_CLASSDEREF = 13, "LOAD_CLASSDEREF";
    MAKE_CELL = 14, "MAKE_CELL";
    COPY_FREE_VARS = 15, "COPY_FREE_VARS";
    LOAD_GLOBAL = 16, "LOAD_GLOBAL";
    STORE_GLOBAL = 17, "STORE_GLOBAL";
    DELETE_GLOBAL = 18, "DELETE_GLOBAL";
    LOAD_NAME = 19, "LOAD_NAME";
    STORE_NAME = 20, "STORE_NAME";
    DELETE_NAME = 21, "DELETE_NAME";
    LOAD_ATTR = 22, "LOAD_ATTR";
    STORE_ATTR = 23, "STORE_ATTR";
    DELETE_ATTR = 24, "DELETE_ATTR";
    LOAD_METHOD = 25, "LOAD_METHOD";
    BINARY_SUBSCR = 26, "BINARY_SUBSCR";
    STORE_SUBSCR = 27, "STORE_SUBSCR";
    DELETE_SUBSCR = 28, "DELETE_SUBSCR";
    BUILD_SLICE = 29, "BUILD_SLICE";
    BINARY_OP = 30, "BINARY_OP";
    UNARY_POSITIVE = 31, "UNARY_POSITIVE";
    UNARY_NEGATIVE = 32, "UNARY_NEGATIVE";
    UNARY_NOT = 33, "UNARY_NOT";
    UNARY_INVERT = 34, "UNARY_INVERT";
    COMPARE_OP = 35, "COMPARE_OP";
    IS_OP = 36, "IS_OP";
    CONTAINS_OP = 37, "CONTAINS_OP";
    BUILD_TUPLE = 38, "BUILD_TUPLE";
    BUILD_LIST = 39, "BUILD_LIST";
    BUILD_SET = 40, "BUILD_SET";
    BUILD_MAP = 41, "BUILD_MAP";
    BUILD_CONST_KEY_MAP = 42, "BUILD_CONST_KEY_MAP";
    BUILD_STRING = 43, "BUILD_STRING";
    LIST_APPEND = 44, "LIST_APPEND";
    SET_ADD = 45, "SET_ADD";
    MAP_ADD = 46, "MAP_ADD";
    LIST_EXTEND = 47, "LIST_EXTEND";
    SET_UPDATE = 48, "SET_UPDATE";
    DICT_UPDATE = 49, "DICT_UPDATE";
    DICT_MERGE = 50, "DICT_MERGE";
    LIST_TO_TUPLE = 51, "LIST_TO_TUPLE";
    FORMAT_VALUE = 52, "FORMAT_VALUE";
    UNPACK_SEQUENCE = 53, "UNPACK_SEQUENCE";
    UNPACK_EX = 54, "UNPACK_EX";
    JUMP_FORWARD = 55, "JUMP_FORWARD";
    JUMP_BACKWARD = 56, "JUMP_BACKWARD";
    POP_JUMP_IF_FALSE = 57, "POP_JUMP_IF_FALSE";
    POP_JUMP_IF_TRUE = 58, "POP_JUMP_IF_TRUE";
    POP_JUMP_IF_NONE = 59, "POP_JUMP_IF_NONE";
    POP_JUMP_IF_NOT_NONE = 60, "POP_JUMP_IF_NOT_NONE";
    JUMP_IF_FALSE_OR_POP = 61, "JUMP_IF_FALSE_OR_POP";
    JUMP_IF_TRUE_OR_POP = 62, "JUMP_IF_TRUE_OR_POP";
    GET_ITER = 63, "GET_ITER";
    FOR_ITER = 64, "FOR_ITER";
    CALL = 65, "CALL";
    CALL_KW = 66, "CALL_KW";
    CALL_FUNCTION_EX = 67, "CALL_FUNCTION_EX";
    MAKE_FUNCTION = 68, "MAKE_FUNCTION";
    RETURN_VALUE = 69, "RETURN_VALUE";
    YIELD_VALUE = 70, "YIELD_VALUE";
    GET_YIELD_FROM_ITER = 71, "GET_YIELD_FROM_ITER";
    SEND = 72, "SEND";
    GET_AWAITABLE = 73, "GET_AWAITABLE";
    GET_AITER = 74, "GET_AITER";
    GET_ANEXT = 75, "GET_ANEXT";
    END_ASYNC_FOR = 76, "END_ASYNC_FOR";
    RAISE_VARARGS = 77, "RAISE_VARARGS";
    RERAISE = 78, "RERAISE";
    PUSH_EXC_INFO = 79, "PUSH_EXC_INFO";
    POP_EXCEPT = 80, "POP_EXCEPT";
    CHECK_EXC_MATCH = 81, "CHECK_EXC_MATCH";
    CHECK_EG_MATCH = 82, "CHECK_EG_MATCH";
    PREP_RERAISE_STAR = 83, "PREP_RERAISE_STAR";
    WITH_EXCEPT_START = 84, "WITH_EXCEPT_START";
    BEFORE_WITH = 85, "BEFORE_WITH";
    BEFORE_ASYNC_WITH = 86, "BEFORE_ASYNC_WITH";
    LOAD_ASSERTION_ERROR = 87, "LOAD_ASSERTION_ERROR";
    LOAD_BUILD_CLASS = 88, "LOAD_BUILD_CLASS";
    SETUP_ANNOTATIONS = 89, "SETUP_ANNOTATIONS";
    IMPORT_NAME = 90, "IMPORT_NAME";
    IMPORT_FROM = 91, "IMPORT_FROM";
    IMPORT_STAR = 92, "IMPORT_STAR";
    MATCH_CLASS = 93, "MATCH_CLASS";
    MATCH_MAPPING = 94, "MATCH_MAPPING";
    MATCH_SEQUENCE = 95, "MATCH_SEQUENCE";
    MATCH_KEYS = 96, "MATCH_KEYS";
    GET_LEN = 97, "GET_LEN";
    // Pseudo instructions: emitted by the code generator, turned into the
    // exception table by the assembler, never present in a finished code object.
    SETUP_FINALLY = 240, "SETUP_FINALLY";
    SETUP_CLEANUP = 241, "SETUP_CLEANUP";
    SETUP_WITH = 242, "SETUP_WITH";
    POP_BLOCK = 243, "POP_BLOCK";
}

/// How an instruction's argument is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    /// Ignored (must be 0 in a file).
    None,
    /// A plain number (a count, flags, an operator code).
    Number,
    Const,
    /// An index into `names`.
    Name,
    /// An index into `varnames`.
    Local,
    /// An index into cells then frees.
    Deref,
    /// An absolute instruction index.
    Jump,
}

impl Opcode {
    pub fn is_pseudo(self) -> bool {
        (self as u8) >= 240
    }

    pub fn arg_kind(self) -> ArgKind {
        use Opcode::*;
        match self {
            LOAD_CONST => ArgKind::Const,
            LOAD_FAST | STORE_FAST | DELETE_FAST => ArgKind::Local,
            LOAD_DEREF | STORE_DEREF | DELETE_DEREF | LOAD_CLOSURE | LOAD_CLASSDEREF
            | MAKE_CELL => ArgKind::Deref,
            LOAD_GLOBAL | STORE_GLOBAL | DELETE_GLOBAL | LOAD_NAME | STORE_NAME | DELETE_NAME
            | LOAD_ATTR | STORE_ATTR | DELETE_ATTR | LOAD_METHOD | IMPORT_NAME | IMPORT_FROM => {
                ArgKind::Name
            }
            JUMP_FORWARD | JUMP_BACKWARD | POP_JUMP_IF_FALSE | POP_JUMP_IF_TRUE
            | POP_JUMP_IF_NONE | POP_JUMP_IF_NOT_NONE | JUMP_IF_FALSE_OR_POP
            | JUMP_IF_TRUE_OR_POP | FOR_ITER | SEND | SETUP_FINALLY | SETUP_CLEANUP
            | SETUP_WITH => ArgKind::Jump,
            COPY | SWAP | COPY_FREE_VARS | BUILD_SLICE | BINARY_OP | COMPARE_OP | IS_OP
            | CONTAINS_OP | BUILD_TUPLE | BUILD_LIST | BUILD_SET | BUILD_MAP
            | BUILD_CONST_KEY_MAP | BUILD_STRING | LIST_APPEND | SET_ADD | MAP_ADD
            | LIST_EXTEND | SET_UPDATE | DICT_UPDATE | DICT_MERGE | FORMAT_VALUE
            | UNPACK_SEQUENCE | UNPACK_EX | CALL | CALL_KW | CALL_FUNCTION_EX | MAKE_FUNCTION
            | GET_AWAITABLE | RAISE_VARARGS | RERAISE | MATCH_CLASS => ArgKind::Number,
            _ => ArgKind::None,
        }
    }

    /// Is this an unconditional transfer (no fall-through to the next instruction)?
    pub fn is_terminator(self) -> bool {
        use Opcode::*;
        matches!(
            self,
            JUMP_FORWARD | JUMP_BACKWARD | RETURN_VALUE | RAISE_VARARGS | RERAISE
        )
    }

    pub fn is_jump(self) -> bool {
        self.arg_kind() == ArgKind::Jump
            && !matches!(
                self,
                Opcode::SETUP_FINALLY | Opcode::SETUP_CLEANUP | Opcode::SETUP_WITH
            )
    }

    pub fn is_unconditional_jump(self) -> bool {
        matches!(self, Opcode::JUMP_FORWARD | Opcode::JUMP_BACKWARD)
    }

    /// How many values the instruction takes from the stack and how many it
    /// leaves, on fall-through (`jump == false`) or when it jumps to its
    /// target. Instructions that only peek below the top (`COPY n`,
    /// `LIST_APPEND i`, ...) count what they read as taken and given back, so
    /// `pops` is also the depth the instruction needs. `None` when the argument
    /// makes no sense for the opcode. A `SETUP_*` pseudo instruction's jump
    /// effect is computed by the assembler, not here.
    pub fn stack_io(self, arg: u32, jump: bool) -> Option<(u32, u32)> {
        use Opcode::*;
        let n = arg;
        let big = |x: u32| x > (1 << 24);
        if big(n) && !matches!(self, UNPACK_EX) && self.arg_kind() == ArgKind::Number {
            return None;
        }
        Some(match self {
            NOP | MAKE_CELL | COPY_FREE_VARS | SETUP_ANNOTATIONS | POP_BLOCK | DELETE_FAST
            | DELETE_DEREF | DELETE_GLOBAL | DELETE_NAME | JUMP_FORWARD | JUMP_BACKWARD
            | SETUP_FINALLY | SETUP_CLEANUP | SETUP_WITH => (0, 0),
            PUSH_NULL | LOAD_CONST | LOAD_FAST | LOAD_DEREF | LOAD_CLOSURE | LOAD_CLASSDEREF
            | LOAD_GLOBAL | LOAD_NAME | LOAD_ASSERTION_ERROR | LOAD_BUILD_CLASS => (0, 1),
            POP_TOP | STORE_FAST | STORE_DEREF | STORE_GLOBAL | STORE_NAME | DELETE_ATTR
            | IMPORT_STAR | POP_EXCEPT | RETURN_VALUE | POP_JUMP_IF_FALSE | POP_JUMP_IF_TRUE
            | POP_JUMP_IF_NONE | POP_JUMP_IF_NOT_NONE => (1, 0),
            UNARY_POSITIVE | UNARY_NEGATIVE | UNARY_NOT | UNARY_INVERT | GET_ITER
            | LIST_TO_TUPLE | GET_YIELD_FROM_ITER | GET_AWAITABLE | GET_AITER | YIELD_VALUE
            | LOAD_ATTR => (1, 1),
            LOAD_METHOD | IMPORT_FROM | MATCH_MAPPING | MATCH_SEQUENCE | GET_LEN | GET_ANEXT
            | PUSH_EXC_INFO | BEFORE_WITH | BEFORE_ASYNC_WITH => (1, 2),
            BINARY_SUBSCR | BINARY_OP | COMPARE_OP | IS_OP | CONTAINS_OP | IMPORT_NAME
            | PREP_RERAISE_STAR => (2, 1),
            CHECK_EXC_MATCH | CHECK_EG_MATCH => (2, 2),
            STORE_ATTR | DELETE_SUBSCR | END_ASYNC_FOR => (2, 0),
            MATCH_KEYS => (2, 3),
            STORE_SUBSCR => (3, 0),
            MATCH_CLASS => (3, 1),
            WITH_EXCEPT_START => (4, 5),
            COPY => {
                if n == 0 {
                    return None;
                }
                (n, n + 1)
            }
            SWAP => {
                if n < 2 {
                    return None;
                }
                (n, n)
            }
            BUILD_SLICE => {
                if n != 2 && n != 3 {
                    return None;
                }
                (n, 1)
            }
            BUILD_TUPLE | BUILD_LIST | BUILD_SET | BUILD_STRING => (n, 1),
            BUILD_MAP => (2 * n, 1),
            BUILD_CONST_KEY_MAP => (n + 1, 1),
            LIST_APPEND | SET_ADD | LIST_EXTEND | SET_UPDATE | DICT_UPDATE | DICT_MERGE => {
                if n == 0 {
                    return None;
                }
                (n + 1, n)
            }
            MAP_ADD => {
                if n == 0 {
                    return None;
                }
                (n + 2, n)
            }
            FORMAT_VALUE => {
                if n > 7 {
                    return None;
                }
                (1 + (n >> 2), 1)
            }
            UNPACK_SEQUENCE => (1, n),
            UNPACK_EX => {
                if n >= 1 << 24 {
                    return None;
                }
                (1, (n & 0xff) + (n >> 8) + 1)
            }
            JUMP_IF_FALSE_OR_POP | JUMP_IF_TRUE_OR_POP => (1, u32::from(jump)),
            FOR_ITER => {
                if jump {
                    (1, 0)
                } else {
                    (1, 2)
                }
            }
            SEND => {
                if jump {
                    (2, 1)
                } else {
                    (2, 2)
                }
            }
            CALL => (n + 2, 1),
            CALL_KW => (n + 3, 1),
            CALL_FUNCTION_EX => {
                if n > 1 {
                    return None;
                }
                (3 + n, 1)
            }
            MAKE_FUNCTION => {
                if n > 0xf {
                    return None;
                }
                (1 + n.count_ones(), 1)
            }
            RAISE_VARARGS => {
                if n > 2 {
                    return None;
                }
                (n, 0)
            }
            RERAISE => {
                if n > 3 {
                    return None;
                }
                (1 + n, n)
            }
        })
    }

    /// Net stack effect (`pushes - pops` of [`Opcode::stack_io`]).
    pub fn stack_effect(self, arg: u32, jump: bool) -> Option<i64> {
        self.stack_io(arg, jump)
            .map(|(pops, pushes)| i64::from(pushes) - i64::from(pops))
    }
}

/// Codes of `BINARY_OP`'s argument (CPython 3.11's numbering); in-place forms
/// add [`INPLACE_OFFSET`].
pub const BINARY_OP_NAMES: [&str; 26] = [
    "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^", "+=", "&=", "//=", "<<=",
    "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^=",
];
pub const INPLACE_OFFSET: u32 = 13;

/// `COMPARE_OP` argument names: `<`, `<=`, `==`, `!=`, `>`, `>=`.
pub const COMPARE_OP_NAMES: [&str; 6] = ["<", "<=", "==", "!=", ">", ">="];

/// `MAKE_FUNCTION` flags.
pub const MAKE_FUNCTION_DEFAULTS: u32 = 0x01;
pub const MAKE_FUNCTION_KWDEFAULTS: u32 = 0x02;
pub const MAKE_FUNCTION_ANNOTATIONS: u32 = 0x04;
pub const MAKE_FUNCTION_CLOSURE: u32 = 0x08;

/// `FORMAT_VALUE` flags: low two bits the conversion, bit 2 "has a format spec".
pub const FVC_NONE: u32 = 0;
pub const FVC_STR: u32 = 1;
pub const FVC_REPR: u32 = 2;
pub const FVC_ASCII: u32 = 3;
pub const FVS_HAVE_SPEC: u32 = 4;

/// Code object flags (CPython's values where CPython has the flag).
pub const CO_OPTIMIZED: u32 = 0x0001;
pub const CO_NEWLOCALS: u32 = 0x0002;
pub const CO_VARARGS: u32 = 0x0004;
pub const CO_VARKEYWORDS: u32 = 0x0008;
pub const CO_NESTED: u32 = 0x0010;
pub const CO_GENERATOR: u32 = 0x0020;
pub const CO_NOFREE: u32 = 0x0040;
pub const CO_COROUTINE: u32 = 0x0080;
pub const CO_ITERABLE_COROUTINE: u32 = 0x0100;
pub const CO_ASYNC_GENERATOR: u32 = 0x0200;
/// Ours: `consts[0]` is the docstring.
pub const CO_HAS_DOCSTRING: u32 = 0x0400_0000;
/// Every flag a valid code object may carry.
pub const CO_ALL_FLAGS: u32 = 0x03ff | CO_HAS_DOCSTRING;

/// One instruction: 8 bytes in memory, fixed width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instr {
    pub op: Opcode,
    pub arg: u32,
}

impl Instr {
    pub fn new(op: Opcode, arg: u32) -> Self {
        Instr { op, arg }
    }
}

/// One entry of the exception table: an exception raised by an instruction in
/// `start..end` unwinds the value stack to `depth` items, pushes the index of
/// the raising instruction (as an int) if `push_lasti`, pushes the exception,
/// and continues at `handler`. Entries do not overlap and are sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExceptionEntry {
    pub start: u32,
    pub end: u32,
    pub handler: u32,
    pub depth: u32,
    pub push_lasti: bool,
}

/// A constant of a code object.
#[derive(Debug, Clone)]
pub enum Const {
    None,
    True,
    False,
    Ellipsis,
    Int(i64),
    /// An int outside `i64`.
    BigInt(IBig),
    Float(f64),
    Complex {
        re: f64,
        im: f64,
    },
    /// Generalized UTF-8 (lone surrogates allowed), see [`crate::ast::PyStr`].
    Str(Rc<[u8]>),
    Bytes(Rc<[u8]>),
    Tuple(Rc<[Const]>),
    FrozenSet(Rc<[Const]>),
    Code(Rc<CodeObject>),
}

impl Const {
    pub fn str(s: &str) -> Const {
        Const::Str(Rc::from(s.as_bytes()))
    }

    /// Builds an int constant, small when it fits.
    pub fn int(value: IBig) -> Const {
        match i64::try_from(&value) {
            Ok(small) => Const::Int(small),
            Err(_) => Const::BigInt(value),
        }
    }

    /// Identity as the constants pool needs it: same type and same value, with
    /// floats compared by bits (so `0.0` and `-0.0` stay apart, `1` and `1.0`
    /// and `True` too).
    pub fn same(&self, other: &Const) -> bool {
        use Const::*;
        match (self, other) {
            (None, None) | (True, True) | (False, False) | (Ellipsis, Ellipsis) => true,
            (Int(a), Int(b)) => a == b,
            (BigInt(a), BigInt(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (Complex { re: a, im: b }, Complex { re: c, im: d }) => {
                a.to_bits() == c.to_bits() && b.to_bits() == d.to_bits()
            }
            (Str(a), Str(b)) | (Bytes(a), Bytes(b)) => a == b,
            (Tuple(a), Tuple(b)) | (FrozenSet(a), FrozenSet(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.same(y))
            }
            (Code(a), Code(b)) => Rc::ptr_eq(a, b) || **a == **b,
            _ => false,
        }
    }

    /// Python's truth value, when it is known at compile time.
    pub fn truthiness(&self) -> Option<bool> {
        use Const::*;
        Some(match self {
            None | False => false,
            True | Ellipsis | Code(_) => true,
            Int(i) => *i != 0,
            BigInt(_) => true,
            Float(f) => *f != 0.0,
            Complex { re, im } => *re != 0.0 || *im != 0.0,
            Str(s) | Bytes(s) => !s.is_empty(),
            Tuple(t) | FrozenSet(t) => !t.is_empty(),
        })
    }

    /// Python's `repr()`.
    pub fn repr(&self) -> String {
        let mut out = String::new();
        self.write_repr(&mut out);
        out
    }

    pub fn write_repr(&self, out: &mut String) {
        use crate::ast::dump::{write_bytes_repr, write_float_repr, write_str_repr};
        match self {
            Const::None => out.push_str("None"),
            Const::True => out.push_str("True"),
            Const::False => out.push_str("False"),
            Const::Ellipsis => out.push_str("Ellipsis"),
            Const::Int(i) => out.push_str(&i.to_string()),
            Const::BigInt(i) => out.push_str(&i.to_string()),
            Const::Float(f) => write_float_repr(out, *f, true),
            Const::Complex { re, im } => {
                if *re == 0.0 && re.is_sign_positive() {
                    write_float_repr(out, *im, false);
                    out.push('j');
                } else {
                    out.push('(');
                    write_float_repr(out, *re, false);
                    if *im >= 0.0 || im.is_nan() {
                        out.push('+');
                    }
                    write_float_repr(out, *im, false);
                    out.push_str("j)");
                }
            }
            Const::Str(s) => write_str_repr(out, crate::ast::PyStr::from_generalized_utf8(s)),
            Const::Bytes(b) => write_bytes_repr(out, b),
            Const::Tuple(items) => {
                out.push('(');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write_repr(out);
                }
                if items.len() == 1 {
                    out.push(',');
                }
                out.push(')');
            }
            Const::FrozenSet(items) => {
                out.push_str("frozenset({");
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write_repr(out);
                }
                out.push_str("})");
            }
            Const::Code(code) => {
                out.push_str(&format!(
                    "<code object {}, file \"{}\", line {}>",
                    code.name, code.filename, code.first_line
                ));
            }
        }
    }
}

impl PartialEq for Const {
    fn eq(&self, other: &Const) -> bool {
        self.same(other)
    }
}

/// A compiled function, class body, comprehension or module.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CodeObject {
    pub name: String,
    pub qualname: String,
    pub filename: String,
    pub first_line: u32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    /// The deepest the value stack gets (checked by the loader).
    pub max_stack: u32,
    pub code: Vec<Instr>,
    /// The source line of each instruction (same length as `code`; 0 = none).
    pub lines: Vec<u32>,
    /// The source range of each instruction (lines and UTF-8 byte
    /// columns), for traceback carets; empty when unknown.
    pub positions: Vec<crate::ast::Span>,
    pub consts: Vec<Const>,
    pub names: Vec<String>,
    /// Fast locals: the parameters first, in order, then the other locals.
    pub varnames: Vec<String>,
    /// Variables of this scope that nested scopes capture (deref 0..cells).
    pub cellvars: Vec<String>,
    /// Variables captured from enclosing scopes (deref cells..cells+frees).
    pub freevars: Vec<String>,
    pub exception_table: Vec<ExceptionEntry>,
}

impl CodeObject {
    /// Number of parameters, counting `*args` and `**kwargs`.
    pub fn total_args(&self) -> u32 {
        self.argcount
            + self.kwonlyargcount
            + u32::from(self.flags & CO_VARARGS != 0)
            + u32::from(self.flags & CO_VARKEYWORDS != 0)
    }

    /// The name of deref slot `index` (cells first, then frees).
    pub fn deref_name(&self, index: u32) -> Option<&str> {
        let index = index as usize;
        if index < self.cellvars.len() {
            Some(&self.cellvars[index])
        } else {
            self.freevars
                .get(index - self.cellvars.len())
                .map(|s| s.as_str())
        }
    }
}

impl Const {
    /// A hash consistent with [`Const::same`].
    pub fn identity_hash(&self) -> u64 {
        use std::hash::Hasher;
        let mut h = fxhash::FxHasher64::default();
        self.hash_into(&mut h);
        h.finish()
    }

    fn hash_into(&self, h: &mut impl std::hash::Hasher) {
        use std::hash::Hash;
        std::mem::discriminant(self).hash(h);
        match self {
            Const::None | Const::True | Const::False | Const::Ellipsis => {}
            Const::Int(i) => i.hash(h),
            Const::BigInt(b) => b.hash(h),
            Const::Float(f) => f.to_bits().hash(h),
            Const::Complex { re, im } => {
                re.to_bits().hash(h);
                im.to_bits().hash(h);
            }
            Const::Str(s) | Const::Bytes(s) => s.hash(h),
            Const::Tuple(items) | Const::FrozenSet(items) => {
                items.len().hash(h);
                for item in items.iter() {
                    item.hash_into(h);
                }
            }
            Const::Code(code) => {
                code.name.hash(h);
                code.first_line.hash(h);
                code.code.len().hash(h);
            }
        }
    }
}

/// A constants pool that finds an existing equal constant in O(1).
#[derive(Debug, Default)]
pub struct ConstPool {
    pub consts: Vec<Const>,
    index: fxhash::FxHashMap<u64, Vec<u32>>,
}

impl ConstPool {
    pub fn from_vec(consts: Vec<Const>) -> Self {
        let mut pool = ConstPool::default();
        for c in consts {
            pool.push_new(c);
        }
        pool
    }

    fn push_new(&mut self, c: Const) -> u32 {
        let i = self.consts.len() as u32;
        self.index.entry(c.identity_hash()).or_default().push(i);
        self.consts.push(c);
        i
    }

    /// The index of `c`, adding it if no equal constant is there yet.
    pub fn add(&mut self, c: Const) -> u32 {
        if let Some(candidates) = self.index.get(&c.identity_hash())
            && let Some(&i) = candidates
                .iter()
                .find(|&&i| self.consts[i as usize].same(&c))
        {
            return i;
        }
        self.push_new(c)
    }
}
