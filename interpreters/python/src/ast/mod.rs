//! The abstract syntax tree: node kinds and fields exactly those of CPython 3.11's
//! `ast` module, so that `repy --ast` can print what `ast.dump` prints and so that
//! the compiler can follow CPython's compile.c shape by shape.
//!
//! # Design
//!
//! Every node lives in one `bumpalo::Bump` arena owned by the caller of the parser
//! (lifetime `'a`). Children are plain shared references (`&'a Expr<'a>`), lists
//! are arena slices (`&'a [Stmt<'a>]`), identifiers are `&'a str`. Nothing is
//! freed node by node: dropping the arena frees the tree at once, and building it
//! costs a pointer bump per node. Nodes are `Copy`-free but cheap to walk.
//!
//! Each node kind of CPython's ASDL maps to one Rust type:
//!
//! - sum types with attributes (`stmt`, `expr`, `pattern`) are a struct holding
//!   `Span` plus a `kind` enum whose variants carry the fields by CPython's names
//!   (`type_` for `type`, since that is a Rust keyword);
//! - `AsyncFunctionDef`, `AsyncFor`, `AsyncWith` and `TryStar` are their own
//!   variants (sharing a field struct with their sync twin), as in CPython;
//! - product types (`arguments`, `arg`, `keyword`, `alias`, `withitem`,
//!   `match_case`, `comprehension`, `excepthandler`) are structs;
//! - `expr?` is `Option<&Expr>`, `expr*` is `&[Expr]`, `identifier?` is
//!   `Option<&str>`.
//!
//! Left out on purpose: `type_comment` fields and `Module.type_ignores`, which
//! `ast.parse` fills only with `type_comments=True` (we never do; the dump prints
//! `type_ignores=[]`), and the `Interactive`/`Expression`/`FunctionType` modes.
//!
//! Positions are CPython's: `lineno`/`end_lineno` 1-based, `col_offset`/
//! `end_col_offset` 0-based UTF-8 *byte* offsets into the (decoded, UTF-8) line.
//!
//! String constants are [`PyStr`]: UTF-8 that may also hold lone surrogates
//! (`'\ud800'` is a valid Python literal but not a Rust `str`).

pub mod dump;
mod printable_table;

/// Source position of a node, as CPython's `lineno`, `col_offset`, `end_lineno`,
/// `end_col_offset` (columns are UTF-8 byte offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub lineno: u32,
    pub col_offset: u32,
    pub end_lineno: u32,
    pub end_col_offset: u32,
}

impl Span {
    /// The span from the start of `self` to the end of `other`.
    pub fn to(self, other: Span) -> Span {
        Span {
            lineno: self.lineno,
            col_offset: self.col_offset,
            end_lineno: other.end_lineno,
            end_col_offset: other.end_col_offset,
        }
    }
}

/// A whole module (`ast.Module`; `type_ignores` is always empty).
#[derive(Debug, Clone)]
pub struct Module<'a> {
    pub body: &'a [Stmt<'a>],
}

#[derive(Debug, Clone)]
pub struct Stmt<'a> {
    pub kind: StmtKind<'a>,
    pub span: Span,
}

/// Fields shared by `FunctionDef` and `AsyncFunctionDef`.
#[derive(Debug, Clone)]
pub struct FunctionDef<'a> {
    pub name: &'a str,
    pub args: &'a Arguments<'a>,
    pub body: &'a [Stmt<'a>],
    pub decorator_list: &'a [Expr<'a>],
    pub returns: Option<&'a Expr<'a>>,
}

/// Fields shared by `For` and `AsyncFor`.
#[derive(Debug, Clone)]
pub struct For<'a> {
    pub target: &'a Expr<'a>,
    pub iter: &'a Expr<'a>,
    pub body: &'a [Stmt<'a>],
    pub orelse: &'a [Stmt<'a>],
}

/// Fields shared by `With` and `AsyncWith`.
#[derive(Debug, Clone)]
pub struct With<'a> {
    pub items: &'a [WithItem<'a>],
    pub body: &'a [Stmt<'a>],
}

/// Fields shared by `Try` and `TryStar`.
#[derive(Debug, Clone)]
pub struct Try<'a> {
    pub body: &'a [Stmt<'a>],
    pub handlers: &'a [ExceptHandler<'a>],
    pub orelse: &'a [Stmt<'a>],
    pub finalbody: &'a [Stmt<'a>],
}

#[derive(Debug, Clone)]
pub enum StmtKind<'a> {
    FunctionDef(&'a FunctionDef<'a>),
    AsyncFunctionDef(&'a FunctionDef<'a>),
    ClassDef {
        name: &'a str,
        bases: &'a [Expr<'a>],
        keywords: &'a [Keyword<'a>],
        body: &'a [Stmt<'a>],
        decorator_list: &'a [Expr<'a>],
    },
    Return {
        value: Option<&'a Expr<'a>>,
    },
    Delete {
        targets: &'a [Expr<'a>],
    },
    Assign {
        targets: &'a [Expr<'a>],
        value: &'a Expr<'a>,
    },
    AugAssign {
        target: &'a Expr<'a>,
        op: Operator,
        value: &'a Expr<'a>,
    },
    /// `simple` is true for a bare name target not in parentheses.
    AnnAssign {
        target: &'a Expr<'a>,
        annotation: &'a Expr<'a>,
        value: Option<&'a Expr<'a>>,
        simple: bool,
    },
    For(&'a For<'a>),
    AsyncFor(&'a For<'a>),
    While {
        test: &'a Expr<'a>,
        body: &'a [Stmt<'a>],
        orelse: &'a [Stmt<'a>],
    },
    If {
        test: &'a Expr<'a>,
        body: &'a [Stmt<'a>],
        orelse: &'a [Stmt<'a>],
    },
    With(&'a With<'a>),
    AsyncWith(&'a With<'a>),
    Match {
        subject: &'a Expr<'a>,
        cases: &'a [MatchCase<'a>],
    },
    Raise {
        exc: Option<&'a Expr<'a>>,
        cause: Option<&'a Expr<'a>>,
    },
    Try(&'a Try<'a>),
    TryStar(&'a Try<'a>),
    Assert {
        test: &'a Expr<'a>,
        msg: Option<&'a Expr<'a>>,
    },
    Import {
        names: &'a [Alias<'a>],
    },
    /// `level` counts the leading dots of a relative import.
    ImportFrom {
        module: Option<&'a str>,
        names: &'a [Alias<'a>],
        level: u32,
    },
    Global {
        names: &'a [&'a str],
    },
    Nonlocal {
        names: &'a [&'a str],
    },
    Expr {
        value: &'a Expr<'a>,
    },
    Pass,
    Break,
    Continue,
}

#[derive(Debug, Clone)]
pub struct Expr<'a> {
    pub kind: ExprKind<'a>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ExprKind<'a> {
    BoolOp {
        op: BoolOp,
        values: &'a [Expr<'a>],
    },
    NamedExpr {
        target: &'a Expr<'a>,
        value: &'a Expr<'a>,
    },
    BinOp {
        left: &'a Expr<'a>,
        op: Operator,
        right: &'a Expr<'a>,
    },
    UnaryOp {
        op: UnaryOp,
        operand: &'a Expr<'a>,
    },
    Lambda {
        args: &'a Arguments<'a>,
        body: &'a Expr<'a>,
    },
    IfExp {
        test: &'a Expr<'a>,
        body: &'a Expr<'a>,
        orelse: &'a Expr<'a>,
    },
    /// A `None` key is a `**mapping` entry.
    Dict {
        keys: &'a [Option<&'a Expr<'a>>],
        values: &'a [Expr<'a>],
    },
    Set {
        elts: &'a [Expr<'a>],
    },
    ListComp {
        elt: &'a Expr<'a>,
        generators: &'a [Comprehension<'a>],
    },
    SetComp {
        elt: &'a Expr<'a>,
        generators: &'a [Comprehension<'a>],
    },
    DictComp {
        key: &'a Expr<'a>,
        value: &'a Expr<'a>,
        generators: &'a [Comprehension<'a>],
    },
    GeneratorExp {
        elt: &'a Expr<'a>,
        generators: &'a [Comprehension<'a>],
    },
    Await {
        value: &'a Expr<'a>,
    },
    Yield {
        value: Option<&'a Expr<'a>>,
    },
    YieldFrom {
        value: &'a Expr<'a>,
    },
    Compare {
        left: &'a Expr<'a>,
        ops: &'a [CmpOp],
        comparators: &'a [Expr<'a>],
    },
    Call {
        func: &'a Expr<'a>,
        args: &'a [Expr<'a>],
        keywords: &'a [Keyword<'a>],
    },
    /// `conversion` is -1 (none) or the code of `'s'`, `'r'`, `'a'`.
    FormattedValue {
        value: &'a Expr<'a>,
        conversion: i32,
        format_spec: Option<&'a Expr<'a>>,
    },
    JoinedStr {
        values: &'a [Expr<'a>],
    },
    /// `kind` is `Some("u")` for a `u"..."` string, else `None`.
    Constant {
        value: Constant<'a>,
        kind: Option<&'a str>,
    },
    Attribute {
        value: &'a Expr<'a>,
        attr: &'a str,
        ctx: ExprContext,
    },
    Subscript {
        value: &'a Expr<'a>,
        slice: &'a Expr<'a>,
        ctx: ExprContext,
    },
    Starred {
        value: &'a Expr<'a>,
        ctx: ExprContext,
    },
    Name {
        id: &'a str,
        ctx: ExprContext,
    },
    List {
        elts: &'a [Expr<'a>],
        ctx: ExprContext,
    },
    Tuple {
        elts: &'a [Expr<'a>],
        ctx: ExprContext,
    },
    Slice {
        lower: Option<&'a Expr<'a>>,
        upper: Option<&'a Expr<'a>>,
        step: Option<&'a Expr<'a>>,
    },
}

/// A literal value. Integers that fit an `i64` are `Int`; larger ones keep their
/// exact decimal digits in `BigInt` (literals are never negative).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Constant<'a> {
    None,
    True,
    False,
    Ellipsis,
    Int(i64),
    BigInt(&'a str),
    Float(f64),
    /// An imaginary literal: the real part is always 0.0.
    Complex {
        imag: f64,
    },
    Str(PyStr<'a>),
    Bytes(&'a [u8]),
}

/// A Python `str` value: a sequence of code points stored as "generalized UTF-8",
/// i.e. UTF-8 in which surrogates U+D800..U+DFFF may also appear, each as its own
/// three-byte sequence (never paired). Almost always plain UTF-8, so
/// [`PyStr::as_str`] succeeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PyStr<'a> {
    bytes: &'a [u8],
}

impl<'a> PyStr<'a> {
    /// Wraps valid UTF-8.
    pub fn new(s: &'a str) -> Self {
        PyStr {
            bytes: s.as_bytes(),
        }
    }

    /// Wraps bytes produced by [`push_code_point`]: the caller promises the
    /// generalized UTF-8 encoding.
    pub fn from_generalized_utf8(bytes: &'a [u8]) -> Self {
        PyStr { bytes }
    }

    /// The text as a Rust `str`, or `None` if it holds a lone surrogate.
    pub fn as_str(&self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes).ok()
    }

    /// The raw generalized UTF-8 bytes.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The code points, surrogates included.
    pub fn code_points(&self) -> CodePoints<'a> {
        CodePoints { rest: self.bytes }
    }
}

/// Appends one code point (surrogates allowed) in generalized UTF-8.
pub fn push_code_point(out: &mut Vec<u8>, cp: u32) {
    match cp {
        0..=0x7f => out.push(cp as u8),
        0x80..=0x7ff => out.extend_from_slice(&[0xc0 | (cp >> 6) as u8, 0x80 | (cp & 0x3f) as u8]),
        0x800..=0xffff => out.extend_from_slice(&[
            0xe0 | (cp >> 12) as u8,
            0x80 | ((cp >> 6) & 0x3f) as u8,
            0x80 | (cp & 0x3f) as u8,
        ]),
        _ => out.extend_from_slice(&[
            0xf0 | (cp >> 18) as u8,
            0x80 | ((cp >> 12) & 0x3f) as u8,
            0x80 | ((cp >> 6) & 0x3f) as u8,
            0x80 | (cp & 0x3f) as u8,
        ]),
    }
}

/// Iterator over the code points of a [`PyStr`].
#[derive(Debug, Clone)]
pub struct CodePoints<'a> {
    rest: &'a [u8],
}

impl Iterator for CodePoints<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        let (&first, _) = self.rest.split_first()?;
        let len = match first {
            0..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        }
        .min(self.rest.len());
        let mut cp = match len {
            1 => u32::from(first),
            2 => u32::from(first & 0x1f),
            3 => u32::from(first & 0x0f),
            _ => u32::from(first & 0x07),
        };
        for &b in &self.rest[1..len] {
            cp = (cp << 6) | u32::from(b & 0x3f);
        }
        self.rest = &self.rest[len..];
        Some(cp)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExprContext {
    Load,
    Store,
    Del,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    Add,
    Sub,
    Mult,
    MatMult,
    Div,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
    FloorDiv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Invert,
    Not,
    UAdd,
    USub,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

/// One `for ... in ... if ...` clause of a comprehension.
#[derive(Debug, Clone)]
pub struct Comprehension<'a> {
    pub target: &'a Expr<'a>,
    pub iter: &'a Expr<'a>,
    pub ifs: &'a [Expr<'a>],
    pub is_async: bool,
}

/// An `except` clause (`ast.ExceptHandler`).
#[derive(Debug, Clone)]
pub struct ExceptHandler<'a> {
    pub type_: Option<&'a Expr<'a>>,
    pub name: Option<&'a str>,
    pub body: &'a [Stmt<'a>],
    pub span: Span,
}

/// A parameter list. `kw_defaults` is as long as `kwonlyargs` (`None` for a
/// keyword-only parameter without default); `defaults` belongs to the last
/// positional (posonly + regular) parameters.
#[derive(Debug, Clone, Default)]
pub struct Arguments<'a> {
    pub posonlyargs: &'a [Arg<'a>],
    pub args: &'a [Arg<'a>],
    pub vararg: Option<&'a Arg<'a>>,
    pub kwonlyargs: &'a [Arg<'a>],
    pub kw_defaults: &'a [Option<&'a Expr<'a>>],
    pub kwarg: Option<&'a Arg<'a>>,
    pub defaults: &'a [Expr<'a>],
}

#[derive(Debug, Clone)]
pub struct Arg<'a> {
    pub arg: &'a str,
    pub annotation: Option<&'a Expr<'a>>,
    pub span: Span,
}

/// A keyword argument; `arg` is `None` for `**kwargs`.
#[derive(Debug, Clone)]
pub struct Keyword<'a> {
    pub arg: Option<&'a str>,
    pub value: &'a Expr<'a>,
    pub span: Span,
}

/// `name as asname` in an import; `name` may be dotted or `*`.
#[derive(Debug, Clone)]
pub struct Alias<'a> {
    pub name: &'a str,
    pub asname: Option<&'a str>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct WithItem<'a> {
    pub context_expr: &'a Expr<'a>,
    pub optional_vars: Option<&'a Expr<'a>>,
}

#[derive(Debug, Clone)]
pub struct MatchCase<'a> {
    pub pattern: &'a Pattern<'a>,
    pub guard: Option<&'a Expr<'a>>,
    pub body: &'a [Stmt<'a>],
}

#[derive(Debug, Clone)]
pub struct Pattern<'a> {
    pub kind: PatternKind<'a>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum PatternKind<'a> {
    MatchValue {
        value: &'a Expr<'a>,
    },
    /// `None`, `True` or `False`.
    MatchSingleton {
        value: Constant<'a>,
    },
    MatchSequence {
        patterns: &'a [Pattern<'a>],
    },
    MatchMapping {
        keys: &'a [Expr<'a>],
        patterns: &'a [Pattern<'a>],
        rest: Option<&'a str>,
    },
    MatchClass {
        cls: &'a Expr<'a>,
        patterns: &'a [Pattern<'a>],
        kwd_attrs: &'a [&'a str],
        kwd_patterns: &'a [Pattern<'a>],
    },
    MatchStar {
        name: Option<&'a str>,
    },
    /// `case x`, `case P as x`, and the wildcard `case _` (both fields `None`).
    MatchAs {
        pattern: Option<&'a Pattern<'a>>,
        name: Option<&'a str>,
    },
    MatchOr {
        patterns: &'a [Pattern<'a>],
    },
}
