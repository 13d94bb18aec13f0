//! The code generator: AST plus symbol table to code objects, statement by
//! statement.
//!
//! # Design
//!
//! One [`Unit`] per code object being built, on a stack (a function body
//! compiled while its parent waits). Instructions are appended to a flat
//! vector; a jump's argument is a *label* number until the assembler
//! ([`super::assemble`]) binds labels to instruction indices. Exception
//! handling is emitted as CPython 3.11 emits it, with `SETUP_FINALLY` /
//! `SETUP_CLEANUP` / `SETUP_WITH` / `POP_BLOCK` pseudo instructions that the
//! assembler turns into the exception table.
//!
//! `break`, `continue` and `return` leave `try`, `with`, loops and handlers
//! through the "frame block" stack ([`FBlock`]): each kind knows the code that
//! undoes it (pop the iterator, call `__exit__`, run the `finally` body, ...),
//! as CPython's compiler_unwind_fblock does.
//!
//! Expressions are in `codegen_expr.rs`, patterns of `match` in
//! `codegen_match.rs`.

use super::bytecode::*;
use super::symtable::{ScopeKind, SymScope, SymbolTable, mangle};
use crate::ast::*;
use crate::error::SyntaxError;
use fxhash::FxHashMap;
use std::rc::Rc;

pub type CResult<T> = Result<T, SyntaxError>;

/// A jump target before assembly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label(pub u32);

pub(crate) enum FBlock<'a> {
    WhileLoop {
        start: Label,
        exit: Label,
    },
    ForLoop {
        start: Label,
        exit: Label,
    },
    TryExcept,
    FinallyTry {
        body: &'a [Stmt<'a>],
    },
    FinallyEnd,
    With {
        is_async: bool,
    },
    HandlerCleanup {
        name: Option<&'a str>,
    },
    /// A value (a pending return value) sits on the stack while a `finally`
    /// body runs for a `return`: a `break` in that body must drop it.
    PopValue,
}

/// A code object under construction.
pub(crate) struct Unit {
    pub scope: usize,
    pub kind: ScopeKind,
    pub code: Vec<Instr>,
    pub lines: Vec<u32>,
    /// The source range of each instruction (CPython's location table:
    /// the node being compiled when it was emitted), for caret lines.
    pub spans: Vec<Span>,
    /// The range instructions are emitted with now.
    pub span: Span,
    /// Label number -> instruction index (`u32::MAX` while unbound).
    pub labels: Vec<u32>,
    pub consts: ConstPool,
    pub names: Vec<String>,
    name_index: FxHashMap<String, u32>,
    pub varnames: Vec<String>,
    var_index: FxHashMap<String, u32>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    pub name: String,
    pub qualname: String,
    pub first_line: u32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub line: u32,
    pub private: Option<String>,
    pub is_async: bool,
    pub is_comprehension: bool,
}

pub(crate) struct Compiler<'t, 'a> {
    pub table: &'t SymbolTable,
    pub filename: String,
    pub units: Vec<Unit>,
    pub fblocks: Vec<Vec<FBlock<'a>>>,
    /// Line of the last `from __future__ import` of the module's leading
    /// block; one on a later line is an error (CPython's ff_lineno).
    future_lineno: u32,
    /// `from __future__ import annotations`: annotations are compiled as
    /// strings (PEP 563).
    future_annotations: bool,
    /// The statement being compiled (for errors raised deep inside it).
    stmt_span: Span,
    /// Names captured so far by the pattern being compiled.
    pub pattern_names: Vec<String>,
    pub last_pattern_span: Span,
    /// `compile(..., "single")`: expression statements of the module's own
    /// code show their value through `sys.displayhook` (CPython's
    /// PRINT_EXPR), and a leading string is not a docstring.
    pub interactive: bool,
}

pub(crate) fn error_at(msg: impl Into<String>, span: Span) -> SyntaxError {
    SyntaxError::new(
        msg,
        span.lineno,
        span.col_offset,
        span.end_lineno,
        span.end_col_offset,
    )
}

/// The docstring of a body, if its first statement is a string literal.
pub(crate) fn docstring<'a>(body: &'a [Stmt<'a>]) -> Option<PyStr<'a>> {
    if let Some(Stmt {
        kind: StmtKind::Expr { value },
        ..
    }) = body.first()
        && let ExprKind::Constant {
            value: Constant::Str(s),
            ..
        } = value.kind
    {
        return Some(s);
    }
    None
}

/// Does a module or class body contain an annotated assignment (outside
/// nested functions and classes)? Then it needs `SETUP_ANNOTATIONS`.
fn has_annotations(body: &[Stmt<'_>]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { .. } => true,
        StmtKind::For(f) | StmtKind::AsyncFor(f) => {
            has_annotations(f.body) || has_annotations(f.orelse)
        }
        StmtKind::While { body, orelse, .. } | StmtKind::If { body, orelse, .. } => {
            has_annotations(body) || has_annotations(orelse)
        }
        StmtKind::With(w) | StmtKind::AsyncWith(w) => has_annotations(w.body),
        StmtKind::Try(t) | StmtKind::TryStar(t) => {
            has_annotations(t.body)
                || has_annotations(t.orelse)
                || has_annotations(t.finalbody)
                || t.handlers.iter().any(|h| has_annotations(h.body))
        }
        StmtKind::Match { cases, .. } => cases.iter().any(|c| has_annotations(c.body)),
        _ => false,
    })
}

pub(crate) fn constant_of(value: &Constant<'_>, span: Span) -> CResult<Const> {
    Ok(match *value {
        Constant::None => Const::None,
        Constant::True => Const::True,
        Constant::False => Const::False,
        Constant::Ellipsis => Const::Ellipsis,
        Constant::Int(i) => Const::Int(i),
        Constant::BigInt(digits) => match digits.parse::<dashu_int::IBig>() {
            Ok(big) => Const::int(big),
            Err(_) => return Err(error_at(format!("invalid integer literal {digits}"), span)),
        },
        Constant::Float(f) => Const::Float(f),
        Constant::Complex { imag } => Const::Complex { re: 0.0, im: imag },
        Constant::Str(s) => Const::Str(Rc::from(s.as_bytes())),
        Constant::Bytes(b) => Const::Bytes(Rc::from(b)),
    })
}

impl<'t, 'a> Compiler<'t, 'a> {
    pub fn new(table: &'t SymbolTable, filename: &str) -> Self {
        Compiler {
            table,
            filename: filename.to_string(),
            units: Vec::new(),
            fblocks: Vec::new(),
            future_lineno: 0,
            future_annotations: false,
            stmt_span: Span::default(),
            pattern_names: Vec::new(),
            last_pattern_span: Span::default(),
            interactive: false,
        }
    }

    pub fn unit(&mut self) -> &mut Unit {
        self.units
            .last_mut()
            .expect("a unit is always open while compiling")
    }

    pub fn unit_ref(&self) -> &Unit {
        self.units
            .last()
            .expect("a unit is always open while compiling")
    }

    // ---- emitting ----

    pub fn emit(&mut self, op: Opcode, arg: u32) {
        let unit = self.unit();
        let line = unit.line;
        unit.code.push(Instr::new(op, arg));
        unit.lines.push(line);
        let span = unit.span;
        unit.spans.push(span);
    }

    pub fn op(&mut self, op: Opcode) {
        self.emit(op, 0);
    }

    pub fn new_label(&mut self) -> Label {
        let unit = self.unit();
        unit.labels.push(u32::MAX);
        Label(unit.labels.len() as u32 - 1)
    }

    pub fn bind(&mut self, label: Label) {
        let unit = self.unit();
        unit.labels[label.0 as usize] = unit.code.len() as u32;
    }

    pub fn jump(&mut self, op: Opcode, label: Label) {
        self.emit(op, label.0);
    }

    pub fn add_const(&mut self, c: Const) -> u32 {
        self.unit().consts.add(c)
    }

    pub fn load_const(&mut self, c: Const) {
        let i = self.add_const(c);
        self.emit(Opcode::LOAD_CONST, i);
    }

    pub fn add_name(&mut self, name: &str) -> u32 {
        let unit = self.unit();
        if let Some(&i) = unit.name_index.get(name) {
            return i;
        }
        let i = unit.names.len() as u32;
        unit.names.push(name.to_string());
        unit.name_index.insert(name.to_string(), i);
        i
    }

    /// The value on top of the stack goes to `sys.displayhook(value)`,
    /// looked up after the value is computed, as PRINT_EXPR does.
    fn display_value(&mut self) {
        use Opcode::*;
        self.load_const(Const::Int(0));
        self.load_const(Const::None);
        self.name_op(IMPORT_NAME, "sys");
        self.name_op(LOAD_ATTR, "displayhook");
        // [value, hook] -> [hook, NULL, value]
        self.emit(SWAP, 2);
        self.op(PUSH_NULL);
        self.emit(SWAP, 2);
        self.emit(CALL, 1);
        self.op(POP_TOP);
    }

    pub fn name_op(&mut self, op: Opcode, name: &str) {
        let i = self.add_name(name);
        self.emit(op, i);
    }

    fn add_var(&mut self, name: &str) -> u32 {
        let unit = self.unit();
        if let Some(&i) = unit.var_index.get(name) {
            return i;
        }
        let i = unit.varnames.len() as u32;
        unit.varnames.push(name.to_string());
        unit.var_index.insert(name.to_string(), i);
        i
    }

    pub fn mangle(&self, name: &str) -> String {
        mangle(self.unit_ref().private.as_deref(), name)
    }

    /// The deref index of `name` in the current unit (cells, then frees).
    pub fn deref_index(&self, name: &str) -> Option<u32> {
        let unit = self.unit_ref();
        if let Some(i) = unit.cellvars.iter().position(|c| c == name) {
            return Some(i as u32);
        }
        unit.freevars
            .iter()
            .position(|f| f == name)
            .map(|i| (unit.cellvars.len() + i) as u32)
    }

    pub fn set_line(&mut self, line: u32) {
        if line > 0 {
            self.unit().line = line;
        }
    }

    // ---- names ----

    /// Loads, stores or deletes a variable, choosing the opcode family from the
    /// symbol table (CPython's compiler_nameop).
    pub fn compile_name(&mut self, name: &str, ctx: ExprContext, span: Span) -> CResult<()> {
        if ctx == ExprContext::Store && name == "__debug__" {
            return Err(error_at("cannot assign to __debug__", span));
        }
        let mangled = self.mangle(name);
        let unit = self.unit_ref();
        let scope = &self.table.scopes[unit.scope];
        let sym_scope = scope.lookup(&mangled).map(|s| s.scope);
        let is_function = unit.kind == ScopeKind::Function;
        let is_class = unit.kind == ScopeKind::Class;
        #[derive(PartialEq)]
        enum Family {
            Fast,
            Deref,
            Global,
            Name,
        }
        let family = match sym_scope {
            Some(SymScope::Free) | Some(SymScope::Cell) => Family::Deref,
            Some(SymScope::Local) if is_function => Family::Fast,
            Some(SymScope::GlobalImplicit) if is_function => Family::Global,
            Some(SymScope::GlobalExplicit) => Family::Global,
            _ => Family::Name,
        };
        use Opcode::*;
        match family {
            Family::Fast => {
                let i = self.add_var(&mangled);
                let op = match ctx {
                    ExprContext::Load => LOAD_FAST,
                    ExprContext::Store => STORE_FAST,
                    ExprContext::Del => DELETE_FAST,
                };
                self.emit(op, i);
            }
            Family::Deref => {
                let Some(i) = self.deref_index(&mangled) else {
                    return Err(error_at(
                        format!("internal compiler error: no cell for '{mangled}'"),
                        span,
                    ));
                };
                let op = match ctx {
                    ExprContext::Load if is_class => LOAD_CLASSDEREF,
                    ExprContext::Load => LOAD_DEREF,
                    ExprContext::Store => STORE_DEREF,
                    ExprContext::Del => DELETE_DEREF,
                };
                self.emit(op, i);
            }
            Family::Global => {
                let op = match ctx {
                    ExprContext::Load => LOAD_GLOBAL,
                    ExprContext::Store => STORE_GLOBAL,
                    ExprContext::Del => DELETE_GLOBAL,
                };
                self.name_op(op, &mangled);
            }
            Family::Name => {
                let op = match ctx {
                    ExprContext::Load => LOAD_NAME,
                    ExprContext::Store => STORE_NAME,
                    ExprContext::Del => DELETE_NAME,
                };
                self.name_op(op, &mangled);
            }
        }
        Ok(())
    }

    // ---- units ----

    /// Opens a unit for symbol-table scope `scope`.
    pub fn enter_unit(
        &mut self,
        scope: usize,
        name: &str,
        first_line: u32,
        private: Option<String>,
    ) {
        let sc = &self.table.scopes[scope];
        let mut cellvars = sc.sorted_names(SymScope::Cell);
        if sc.needs_class_closure {
            cellvars.push("__class__".to_string());
            cellvars.sort();
        }
        let freevars = sc.sorted_names(SymScope::Free);
        let qualname = match self.units.last() {
            None => name.to_string(),
            Some(parent) => {
                let parent_scope = &self.table.scopes[parent.scope];
                let mangled = mangle(parent.private.as_deref(), name);
                let explicit_global = parent_scope
                    .lookup(&mangled)
                    .is_some_and(|s| s.scope == SymScope::GlobalExplicit);
                if parent.kind == ScopeKind::Module || explicit_global {
                    name.to_string()
                } else if parent.kind == ScopeKind::Function {
                    format!("{}.<locals>.{}", parent.qualname, name)
                } else {
                    format!("{}.{}", parent.qualname, name)
                }
            }
        };
        let mut flags = 0;
        if sc.kind == ScopeKind::Function {
            flags |= CO_OPTIMIZED | CO_NEWLOCALS;
            if sc.nested {
                flags |= CO_NESTED;
            }
            match (sc.is_generator, sc.is_coroutine) {
                (true, true) => flags |= CO_ASYNC_GENERATOR,
                (true, false) => flags |= CO_GENERATOR,
                (false, true) => flags |= CO_COROUTINE,
                _ => {}
            }
        }
        if freevars.is_empty() && cellvars.is_empty() {
            flags |= CO_NOFREE;
        }
        let mut unit = Unit {
            scope,
            kind: sc.kind,
            code: Vec::new(),
            lines: Vec::new(),
            spans: Vec::new(),
            span: Span::default(),
            labels: Vec::new(),
            consts: ConstPool::default(),
            names: Vec::new(),
            name_index: FxHashMap::default(),
            varnames: Vec::new(),
            var_index: FxHashMap::default(),
            cellvars,
            freevars,
            name: name.to_string(),
            qualname,
            first_line,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            flags,
            line: first_line,
            private,
            is_async: sc.is_coroutine,
            is_comprehension: sc.is_comprehension,
        };
        for p in &sc.params {
            let i = unit.varnames.len() as u32;
            unit.varnames.push(p.clone());
            unit.var_index.insert(p.clone(), i);
        }
        self.units.push(unit);
        self.fblocks.push(Vec::new());
        // Prologue: create cells (copying parameters captured by inner
        // scopes), then copy the closure into the free slots.
        let cells = self.unit_ref().cellvars.clone();
        for (i, cell) in cells.iter().enumerate() {
            self.emit(Opcode::MAKE_CELL, i as u32);
            if let Some(&p) = self.unit_ref().var_index.get(cell) {
                self.emit(Opcode::LOAD_FAST, p);
                self.emit(Opcode::STORE_DEREF, i as u32);
            }
        }
        let nfree = self.unit_ref().freevars.len() as u32;
        if nfree > 0 {
            self.emit(Opcode::COPY_FREE_VARS, nfree);
        }
    }

    /// Closes the current unit and assembles it into a code object.
    pub fn leave_unit(&mut self) -> CResult<CodeObject> {
        let unit = self.units.pop().expect("leave_unit after enter_unit");
        self.fblocks.pop();
        super::assemble::assemble(unit, &self.filename)
    }

    /// Emits `LOAD_CLOSURE`s and `BUILD_TUPLE` for `code`'s free variables,
    /// then the code constant and `MAKE_FUNCTION` with `flags`.
    pub fn make_function(&mut self, code: CodeObject, mut flags: u32, span: Span) -> CResult<()> {
        if !code.freevars.is_empty() {
            for name in &code.freevars {
                let Some(i) = self.deref_index(name) else {
                    return Err(error_at(
                        format!("internal compiler error: no closure cell for '{name}'"),
                        span,
                    ));
                };
                self.emit(Opcode::LOAD_CLOSURE, i);
            }
            self.emit(Opcode::BUILD_TUPLE, code.freevars.len() as u32);
            flags |= MAKE_FUNCTION_CLOSURE;
        }
        self.load_const(Const::Code(Rc::new(code)));
        self.emit(Opcode::MAKE_FUNCTION, flags);
        Ok(())
    }

    // ---- module ----

    /// Checks the leading `from __future__ import` block (after an optional
    /// docstring) and remembers where it ends.
    fn check_future_imports(&mut self, body: &[Stmt<'_>]) -> CResult<()> {
        const FEATURES: [&str; 10] = [
            "nested_scopes",
            "generators",
            "division",
            "absolute_import",
            "with_statement",
            "print_function",
            "unicode_literals",
            "barry_as_FLUFL",
            "generator_stop",
            "annotations",
        ];
        // As CPython's future.c: the block ends at the first other statement;
        // a future import after it on the same line is reported here (at one
        // column), one on a later line by the code generator.
        let skip = usize::from(docstring(body).is_some());
        let mut done = false;
        let mut prev_line = 0;
        for s in &body[skip..] {
            if done && s.span.lineno > prev_line {
                break;
            }
            prev_line = s.span.lineno;
            let StmtKind::ImportFrom {
                module: Some("__future__"),
                names,
                level: 0,
            } = &s.kind
            else {
                done = true;
                continue;
            };
            if done {
                // future.c passes the 0-based column where a 1-based one is
                // expected, so CPython's caret lands one column early.
                let msg = "from __future__ imports must occur at the beginning of the file";
                return Err(SyntaxError::at(
                    msg,
                    s.span.lineno,
                    s.span.col_offset.saturating_sub(1),
                ));
            }
            for alias in names.iter() {
                let at = SyntaxError::at("", s.span.lineno, s.span.col_offset);
                if alias.name == "braces" {
                    return Err(SyntaxError {
                        msg: "not a chance".into(),
                        ..at
                    });
                }
                if !FEATURES.contains(&alias.name) {
                    let msg = format!("future feature {} is not defined", alias.name);
                    return Err(SyntaxError { msg, ..at });
                }
            }
            self.future_lineno = s.span.lineno;
            self.future_annotations |= names.iter().any(|a| a.name == "annotations");
        }
        Ok(())
    }

    pub fn compile_module(&mut self, module: &'a Module<'a>) -> CResult<CodeObject> {
        self.check_future_imports(module.body)?;
        self.enter_unit(0, "<module>", 1, None);
        self.unit().line = module.body.first().map_or(1, |s| s.span.lineno);
        let mut body = module.body;
        if has_annotations(body) {
            self.op(Opcode::SETUP_ANNOTATIONS);
        }
        if let Some(doc) = docstring(body).filter(|_| !self.interactive) {
            self.set_line(body[0].span.lineno);
            self.load_const(Const::Str(Rc::from(doc.as_bytes())));
            self.name_op(Opcode::STORE_NAME, "__doc__");
            body = &body[1..];
        }
        self.body(body)?;
        self.load_const(Const::None);
        self.op(Opcode::RETURN_VALUE);
        self.leave_unit()
    }

    pub fn body(&mut self, stmts: &'a [Stmt<'a>]) -> CResult<()> {
        stmts.iter().try_for_each(|s| self.stmt(s))
    }

    // ---- statements ----

    /// Enters a frame block; CPython allows 20 to nest in one code object.
    pub fn push_block(&mut self, block: FBlock<'a>) -> CResult<()> {
        let blocks = self.fblocks.last_mut().expect("unit open");
        if blocks.len() >= 20 {
            return Err(error_at(
                "too many statically nested blocks",
                self.stmt_span,
            ));
        }
        blocks.push(block);
        Ok(())
    }

    pub fn stmt(&mut self, s: &'a Stmt<'a>) -> CResult<()> {
        self.set_line(s.span.lineno);
        self.unit().span = s.span;
        self.stmt_span = s.span;
        use Opcode::*;
        match &s.kind {
            StmtKind::FunctionDef(f) => self.function_def(s, f, false)?,
            StmtKind::AsyncFunctionDef(f) => self.function_def(s, f, true)?,
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            } => self.class_def(s, name, bases, keywords, body, decorator_list)?,
            StmtKind::Return { value } => self.return_stmt(*value, s.span)?,
            StmtKind::Delete { targets } => {
                for t in targets.iter() {
                    self.delete_target(t)?;
                }
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(COPY, 1);
                    }
                    self.store_target(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.store_target(target)?;
                }
                let kind = self.unit_ref().kind;
                if kind != ScopeKind::Function {
                    if let (true, ExprKind::Name { id, .. }) = (*simple, &target.kind) {
                        self.annotation(annotation)?;
                        self.name_op(LOAD_NAME, "__annotations__");
                        let mangled = self.mangle(id);
                        self.load_const(Const::str(&mangled));
                        self.op(STORE_SUBSCR);
                    } else if !self.future_annotations {
                        self.expr(annotation)?;
                        self.op(POP_TOP);
                    }
                }
            }
            StmtKind::For(f) => self.for_stmt(f)?,
            StmtKind::AsyncFor(f) => self.async_for_stmt(f, s.span)?,
            StmtKind::While { test, body, orelse } => {
                let start = self.new_label();
                let orelse_label = self.new_label();
                let exit = self.new_label();
                self.bind(start);
                self.jump_if(test, false, orelse_label)?;
                self.push_block(FBlock::WhileLoop { start, exit })?;
                self.body(body)?;
                self.fblocks.last_mut().expect("unit open").pop();
                self.jump(JUMP_BACKWARD, start);
                self.bind(orelse_label);
                self.body(orelse)?;
                self.bind(exit);
            }
            StmtKind::If { test, body, orelse } => {
                let next = self.new_label();
                self.jump_if(test, false, next)?;
                self.body(body)?;
                if orelse.is_empty() {
                    self.bind(next);
                } else {
                    let end = self.new_label();
                    self.jump(JUMP_FORWARD, end);
                    self.bind(next);
                    self.body(orelse)?;
                    self.bind(end);
                }
            }
            StmtKind::With(w) => self.with_stmt(w, 0, false, s.span)?,
            StmtKind::AsyncWith(w) => {
                if !self.unit_ref().is_async {
                    return Err(error_at("'async with' outside async function", s.span));
                }
                self.with_stmt(w, 0, true, s.span)?
            }
            StmtKind::Match { subject, cases } => self.match_stmt(subject, cases)?,
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.emit(RAISE_VARARGS, n);
            }
            StmtKind::Try(t) => {
                if t.finalbody.is_empty() {
                    self.try_except(t.body, t.handlers, t.orelse)?;
                } else {
                    self.try_finally(t, false)?;
                }
            }
            StmtKind::TryStar(t) => {
                if t.finalbody.is_empty() {
                    self.try_star_except(t.body, t.handlers, t.orelse)?;
                } else {
                    self.try_finally(t, true)?;
                }
            }
            StmtKind::Assert { test, msg } => {
                let end = self.new_label();
                self.jump_if(test, true, end)?;
                self.op(LOAD_ASSERTION_ERROR);
                if let Some(m) = msg {
                    self.op(PUSH_NULL);
                    self.expr(m)?;
                    self.emit(CALL, 1);
                }
                self.emit(RAISE_VARARGS, 1);
                self.bind(end);
            }
            StmtKind::Import { names } => {
                for alias in names.iter() {
                    self.set_line(alias.span.lineno);
                    self.load_const(Const::Int(0));
                    self.load_const(Const::None);
                    self.name_op(IMPORT_NAME, alias.name);
                    let mut parts = alias.name.split('.');
                    let first = parts.next().unwrap_or(alias.name);
                    match alias.asname {
                        Some(asname) => {
                            for part in parts {
                                self.name_op(IMPORT_FROM, part);
                                self.emit(SWAP, 2);
                                self.op(POP_TOP);
                            }
                            self.compile_name(asname, ExprContext::Store, alias.span)?;
                        }
                        None => self.compile_name(first, ExprContext::Store, alias.span)?,
                    }
                }
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                if *module == Some("__future__")
                    && *level == 0
                    && s.span.lineno > self.future_lineno
                {
                    return Err(error_at(
                        "from __future__ imports must occur at the beginning of the file",
                        s.span,
                    ));
                }
                self.load_const(Const::Int(i64::from(*level)));
                let fromlist: Vec<Const> = names.iter().map(|a| Const::str(a.name)).collect();
                self.load_const(Const::Tuple(Rc::from(fromlist)));
                self.name_op(IMPORT_NAME, module.unwrap_or(""));
                if names.len() == 1 && names[0].name == "*" {
                    self.op(IMPORT_STAR);
                } else {
                    for alias in names.iter() {
                        self.name_op(IMPORT_FROM, alias.name);
                        self.compile_name(
                            alias.asname.unwrap_or(alias.name),
                            ExprContext::Store,
                            alias.span,
                        )?;
                    }
                    self.op(POP_TOP);
                }
            }
            StmtKind::Global { .. } | StmtKind::Nonlocal { .. } | StmtKind::Pass => {}
            StmtKind::Expr { value } if self.interactive && self.units.len() == 1 => {
                self.expr(value)?;
                self.display_value();
            }
            StmtKind::Expr { value } => {
                if let ExprKind::Constant { .. } = value.kind {
                    // A constant statement has no effect (CPython drops it too).
                    return Ok(());
                }
                self.expr(value)?;
                self.op(POP_TOP);
            }
            StmtKind::Break => self.break_continue(true, s.span)?,
            StmtKind::Continue => self.break_continue(false, s.span)?,
        }
        Ok(())
    }

    fn function_def(
        &mut self,
        s: &'a Stmt<'a>,
        f: &'a FunctionDef<'a>,
        is_async: bool,
    ) -> CResult<()> {
        for d in f.decorator_list {
            self.expr(d)?;
            self.op(Opcode::PUSH_NULL);
        }
        self.set_line(s.span.lineno);
        let mut flags = self.arg_defaults(f.args)?;
        if self.annotations(f.args, f.returns)? {
            flags |= MAKE_FUNCTION_ANNOTATIONS;
        }
        let Some(scope) = self.table.scope_of(f) else {
            return Err(error_at(
                "internal compiler error: function has no scope",
                s.span,
            ));
        };
        let private = self.unit_ref().private.clone();
        self.enter_unit(scope, f.name, s.span.lineno, private);
        self.set_arg_counts(f.args);
        let _ = is_async;
        let mut body = f.body;
        match docstring(body) {
            Some(doc) => {
                self.add_const(Const::Str(Rc::from(doc.as_bytes())));
                self.unit().flags |= CO_HAS_DOCSTRING;
                body = &body[1..];
            }
            None => {
                self.add_const(Const::None);
            }
        }
        self.body(body)?;
        self.load_const(Const::None);
        self.op(Opcode::RETURN_VALUE);
        let code = self.leave_unit()?;
        self.set_line(s.span.lineno);
        self.make_function(code, flags, s.span)?;
        for _ in f.decorator_list {
            self.emit(Opcode::CALL, 1);
        }
        self.compile_name(f.name, ExprContext::Store, s.span)
    }

    pub fn set_arg_counts(&mut self, args: &Arguments<'_>) {
        let unit = self.unit();
        unit.posonlyargcount = args.posonlyargs.len() as u32;
        unit.argcount = (args.posonlyargs.len() + args.args.len()) as u32;
        unit.kwonlyargcount = args.kwonlyargs.len() as u32;
        if args.vararg.is_some() {
            unit.flags |= CO_VARARGS;
        }
        if args.kwarg.is_some() {
            unit.flags |= CO_VARKEYWORDS;
        }
    }

    /// Pushes the defaults tuple and kw-defaults dict; returns the
    /// `MAKE_FUNCTION` flags for them.
    pub fn arg_defaults(&mut self, args: &'a Arguments<'a>) -> CResult<u32> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            for d in args.defaults {
                self.expr(d)?;
            }
            self.emit(Opcode::BUILD_TUPLE, args.defaults.len() as u32);
            flags |= MAKE_FUNCTION_DEFAULTS;
        }
        let mut n = 0;
        for (arg, default) in args.kwonlyargs.iter().zip(args.kw_defaults) {
            if let Some(d) = default {
                let name = self.mangle(arg.arg);
                self.load_const(Const::str(&name));
                self.expr(d)?;
                n += 1;
            }
        }
        if n > 0 {
            self.emit(Opcode::BUILD_MAP, n);
            flags |= MAKE_FUNCTION_KWDEFAULTS;
        }
        Ok(flags)
    }

    /// Pushes one annotation: its value, or its text under PEP 563.
    fn annotation(&mut self, ann: &'a Expr<'a>) -> CResult<()> {
        if self.future_annotations {
            self.load_const(Const::str(&super::unparse::unparse(ann)));
            Ok(())
        } else if let ExprKind::Starred { value, .. } = &ann.kind {
            // `*args: *Ts` (PEP 646): the annotation is the one item of `[*Ts]`.
            self.expr(value)?;
            self.emit(Opcode::UNPACK_SEQUENCE, 1);
            Ok(())
        } else {
            self.expr(ann)
        }
    }

    /// Pushes the annotations tuple `(name, value, ...)` if there are any.
    fn annotations(
        &mut self,
        args: &'a Arguments<'a>,
        returns: Option<&'a Expr<'a>>,
    ) -> CResult<bool> {
        let mut n = 0;
        let all = args
            .posonlyargs
            .iter()
            .chain(args.args)
            .chain(args.vararg)
            .chain(args.kwonlyargs)
            .chain(args.kwarg);
        for arg in all {
            if let Some(ann) = arg.annotation {
                let name = self.mangle(arg.arg);
                self.load_const(Const::str(&name));
                self.annotation(ann)?;
                n += 2;
            }
        }
        if let Some(r) = returns {
            self.load_const(Const::str("return"));
            self.annotation(r)?;
            n += 2;
        }
        if n > 0 {
            self.emit(Opcode::BUILD_TUPLE, n);
        }
        Ok(n > 0)
    }

    fn class_def(
        &mut self,
        s: &'a Stmt<'a>,
        name: &'a str,
        bases: &'a [Expr<'a>],
        keywords: &'a [Keyword<'a>],
        body: &'a [Stmt<'a>],
        decorators: &'a [Expr<'a>],
    ) -> CResult<()> {
        use Opcode::*;
        for d in decorators {
            self.expr(d)?;
            self.op(PUSH_NULL);
        }
        self.set_line(s.span.lineno);
        let Some(scope) = self.table.scope_of(s) else {
            return Err(error_at(
                "internal compiler error: class has no scope",
                s.span,
            ));
        };
        self.enter_unit(scope, name, s.span.lineno, Some(name.to_string()));
        self.name_op(LOAD_NAME, "__name__");
        self.name_op(STORE_NAME, "__module__");
        let qualname = self.unit_ref().qualname.clone();
        self.load_const(Const::str(&qualname));
        self.name_op(STORE_NAME, "__qualname__");
        let mut body = body;
        if let Some(doc) = docstring(body) {
            self.set_line(body[0].span.lineno);
            self.load_const(Const::Str(Rc::from(doc.as_bytes())));
            self.name_op(STORE_NAME, "__doc__");
            body = &body[1..];
        }
        if has_annotations(body) {
            self.op(SETUP_ANNOTATIONS);
        }
        self.body(body)?;
        if self.table.scopes[scope].needs_class_closure {
            let i = self.deref_index("__class__").unwrap_or(0);
            self.emit(LOAD_CLOSURE, i);
            self.emit(COPY, 1);
            self.name_op(STORE_NAME, "__classcell__");
        } else {
            self.load_const(Const::None);
        }
        self.op(RETURN_VALUE);
        let code = self.leave_unit()?;
        self.set_line(s.span.lineno);
        self.op(LOAD_BUILD_CLASS);
        self.op(PUSH_NULL);
        self.make_function(code, 0, s.span)?;
        self.load_const(Const::str(name));
        self.call_helper(2, bases, keywords)?;
        for _ in decorators {
            self.emit(CALL, 1);
        }
        self.compile_name(name, ExprContext::Store, s.span)
    }

    fn return_stmt(&mut self, value: Option<&'a Expr<'a>>, span: Span) -> CResult<()> {
        if self.unit_ref().kind != ScopeKind::Function {
            return Err(error_at("'return' outside function", span));
        }
        match value {
            Some(v) => self.expr(v)?,
            None => self.load_const(Const::None),
        }
        self.set_line(span.lineno);
        self.unwind_all(true)?;
        self.op(Opcode::RETURN_VALUE);
        Ok(())
    }

    /// Emits the exit code of every frame block (for `return`).
    fn unwind_all(&mut self, preserve_tos: bool) -> CResult<()> {
        let mut saved = Vec::new();
        while let Some(block) = self.fblocks.last_mut().and_then(|f| f.pop()) {
            self.unwind_block(&block, preserve_tos)?;
            saved.push(block);
        }
        let blocks = self.fblocks.last_mut().expect("unit open");
        blocks.extend(saved.into_iter().rev());
        Ok(())
    }

    fn break_continue(&mut self, is_break: bool, span: Span) -> CResult<()> {
        let mut saved = Vec::new();
        let mut found = None;
        while let Some(block) = self.fblocks.last_mut().and_then(|f| f.pop()) {
            match block {
                FBlock::WhileLoop { start, exit } | FBlock::ForLoop { start, exit } => {
                    found = Some((start, exit, matches!(block, FBlock::ForLoop { .. })));
                    saved.push(block);
                    break;
                }
                _ => {
                    self.unwind_block(&block, false)?;
                    saved.push(block);
                }
            }
        }
        self.fblocks
            .last_mut()
            .expect("unit open")
            .extend(saved.into_iter().rev());
        let Some((start, exit, is_for)) = found else {
            let msg = if is_break {
                "'break' outside loop"
            } else {
                "'continue' not properly in loop"
            };
            return Err(error_at(msg, span));
        };
        if is_break {
            if is_for {
                self.op(Opcode::POP_TOP);
            }
            self.jump(Opcode::JUMP_FORWARD, exit);
        } else {
            self.jump(Opcode::JUMP_BACKWARD, start);
        }
        Ok(())
    }

    /// The code that leaves one frame block (CPython's compiler_unwind_fblock).
    fn unwind_block(&mut self, block: &FBlock<'a>, preserve_tos: bool) -> CResult<()> {
        use Opcode::*;
        match block {
            FBlock::WhileLoop { .. } => {}
            FBlock::ForLoop { .. } => {
                if preserve_tos {
                    self.emit(SWAP, 2);
                }
                self.op(POP_TOP);
            }
            FBlock::TryExcept => self.op(POP_BLOCK),
            FBlock::FinallyTry { body } => {
                self.op(POP_BLOCK);
                if preserve_tos {
                    self.push_block(FBlock::PopValue)?;
                }
                self.body(body)?;
                if preserve_tos {
                    self.fblocks.last_mut().expect("unit open").pop();
                }
            }
            FBlock::FinallyEnd => {
                if preserve_tos {
                    self.emit(SWAP, 2);
                }
                self.op(POP_TOP);
                if preserve_tos {
                    self.emit(SWAP, 2);
                }
                self.op(POP_BLOCK);
                self.op(POP_EXCEPT);
            }
            FBlock::With { is_async } => {
                self.op(POP_BLOCK);
                if preserve_tos {
                    self.emit(SWAP, 2);
                }
                self.call_exit_with_nones();
                if *is_async {
                    self.await_value(2);
                }
                self.op(POP_TOP);
            }
            FBlock::HandlerCleanup { name } => {
                if name.is_some() {
                    self.op(POP_BLOCK);
                }
                self.op(POP_BLOCK);
                if preserve_tos {
                    self.emit(SWAP, 2);
                }
                self.op(POP_EXCEPT);
                if let Some(name) = name {
                    self.load_const(Const::None);
                    self.compile_name(name, ExprContext::Store, Span::default())?;
                    self.compile_name(name, ExprContext::Del, Span::default())?;
                }
            }
            FBlock::PopValue => {
                if preserve_tos {
                    self.emit(SWAP, 2);
                }
                self.op(POP_TOP);
            }
        }
        Ok(())
    }
}
