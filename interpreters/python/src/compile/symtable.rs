//! The symbol table: which scope every name of a module belongs to.
//!
//! # Design
//!
//! Two passes, as CPython's symtable.c does them. The first walks the AST and
//! builds one [`Scope`] per module, class, function, lambda and comprehension
//! (comprehensions are functions in 3.11), recording for each name how it is
//! used there (assigned, a parameter, declared global/nonlocal, read,
//! imported, annotated). Declaration errors that depend only on order
//! ("assigned to before global declaration") are reported during this walk.
//!
//! The second pass resolves each name to a [`SymScope`], top-down with the set
//! of names bound by enclosing functions, bottom-up with the free names of the
//! children: a function-local captured by a nested scope becomes a cell; a
//! name read but bound only in an enclosing function becomes free, and passes
//! through intermediate scopes (classes included) as free. A method that uses
//! `super` or `__class__` makes its class create a `__class__` cell.
//!
//! The code generator finds the scope of an AST node by its address
//! ([`SymbolTable::scope_of`]): the AST lives in an arena and never moves.

use crate::ast::*;
use crate::error::SyntaxError;
use fxhash::{FxHashMap, FxHashSet};

pub const DEF_GLOBAL: u32 = 1;
pub const DEF_LOCAL: u32 = 2;
pub const DEF_PARAM: u32 = 4;
pub const DEF_NONLOCAL: u32 = 8;
pub const USE: u32 = 16;
pub const DEF_FREE_CLASS: u32 = 32;
pub const DEF_IMPORT: u32 = 64;
pub const DEF_ANNOT: u32 = 128;
pub const DEF_COMP_ITER: u32 = 256;
const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
}

/// Where a name lives at run time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymScope {
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

#[derive(Debug, Clone)]
pub struct Symbol {
    pub name: String,
    pub flags: u32,
    pub scope: SymScope,
}

#[derive(Debug, Clone)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    pub lineno: u32,
    pub symbols: Vec<Symbol>,
    index: FxHashMap<String, usize>,
    /// Parameter names in order (positional-only, regular, *args, kw-only, **kw).
    pub params: Vec<String>,
    pub children: Vec<usize>,
    pub is_generator: bool,
    pub is_coroutine: bool,
    pub is_comprehension: bool,
    pub is_lambda: bool,
    /// Nested inside a function (sets `CO_NESTED`).
    pub nested: bool,
    /// A class scope whose methods need the `__class__` cell.
    pub needs_class_closure: bool,
    /// Spans of the `global`/`nonlocal` statements, by name, for error positions.
    directives: FxHashMap<String, Span>,
    /// First `return value` span, to reject it in async generators.
    return_with_value: Option<Span>,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, lineno: u32, nested: bool) -> Self {
        Scope {
            kind,
            name: name.to_string(),
            lineno,
            symbols: Vec::new(),
            index: FxHashMap::default(),
            params: Vec::new(),
            children: Vec::new(),
            is_generator: false,
            is_coroutine: false,
            is_comprehension: false,
            is_lambda: false,
            nested,
            needs_class_closure: false,
            directives: FxHashMap::default(),
            return_with_value: None,
        }
    }

    pub fn lookup(&self, name: &str) -> Option<&Symbol> {
        self.index.get(name).map(|&i| &self.symbols[i])
    }

    pub fn flags(&self, name: &str) -> u32 {
        self.lookup(name).map_or(0, |s| s.flags)
    }

    fn add_flags(&mut self, name: &str, flags: u32) {
        match self.index.get(name) {
            Some(&i) => self.symbols[i].flags |= flags,
            None => {
                self.index.insert(name.to_string(), self.symbols.len());
                self.symbols.push(Symbol {
                    name: name.to_string(),
                    flags,
                    scope: SymScope::GlobalImplicit,
                });
            }
        }
    }

    /// Names resolved to `scope`, sorted (as CPython orders cell and free vars).
    pub fn sorted_names(&self, scope: SymScope) -> Vec<String> {
        let mut names: Vec<String> = self
            .symbols
            .iter()
            .filter(|s| {
                s.scope == scope || (scope == SymScope::Free && s.flags & DEF_FREE_CLASS != 0)
            })
            .map(|s| s.name.clone())
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    by_node: FxHashMap<usize, usize>,
}

impl SymbolTable {
    /// The scope created by the AST node at `node` (a `FunctionDef`, a class
    /// `Stmt`, a lambda or comprehension `Expr`).
    pub fn scope_of<T>(&self, node: &T) -> Option<usize> {
        self.by_node.get(&(node as *const T as usize)).copied()
    }
}

/// Mangles a `__private` name inside class `class_name`, as CPython does.
pub fn mangle(class_name: Option<&str>, name: &str) -> String {
    if let Some(class_name) = class_name
        && name.starts_with("__")
        && !name.ends_with("__")
        && !name.contains('.')
    {
        let stripped = class_name.trim_start_matches('_');
        if !stripped.is_empty() {
            return format!("_{stripped}{name}");
        }
    }
    name.to_string()
}

fn error(msg: impl Into<String>, span: Span) -> SyntaxError {
    SyntaxError::new(
        msg,
        span.lineno,
        span.col_offset,
        span.end_lineno,
        span.end_col_offset,
    )
}

/// Does the module start (after its docstring) with
/// `from __future__ import annotations` among its future imports?
pub fn future_annotations(module: &Module<'_>) -> bool {
    let body = module.body;
    let skip = usize::from(matches!(
        body.first().map(|s| &s.kind),
        Some(StmtKind::Expr {
            value: Expr {
                kind: ExprKind::Constant {
                    value: Constant::Str(_),
                    ..
                },
                ..
            }
        })
    ));
    body.iter()
        .skip(skip)
        .map_while(|s| match &s.kind {
            StmtKind::ImportFrom {
                module: Some("__future__"),
                names,
                level: 0,
            } => Some(names),
            _ => None,
        })
        .any(|names| names.iter().any(|a| a.name == "annotations"))
}

/// Builds and analyzes the symbol table of a module.
pub fn build(module: &Module<'_>) -> Result<SymbolTable, SyntaxError> {
    let mut builder = Builder {
        future_annotations: future_annotations(module),
        table: SymbolTable {
            scopes: vec![Scope::new(ScopeKind::Module, "top", 0, false)],
            by_node: FxHashMap::default(),
        },
        stack: vec![0],
        private: Vec::new(),
        comp_iter_depth: 0,
    };
    for stmt in module.body {
        builder.stmt(stmt)?;
    }
    let mut table = builder.table;
    let mut free = FxHashSet::default();
    analyze_block(&mut table, 0, None, &FxHashSet::default(), &mut free)?;
    Ok(table)
}

struct Builder {
    table: SymbolTable,
    stack: Vec<usize>,
    /// Enclosing class names, for mangling.
    private: Vec<Option<String>>,
    /// >0 while visiting a comprehension's iterable expression.
    comp_iter_depth: u32,
    /// PEP 563: annotations are strings, their names are not uses.
    future_annotations: bool,
}

type R = Result<(), SyntaxError>;

impl Builder {
    fn cur(&mut self) -> &mut Scope {
        let id = *self.stack.last().expect("scope stack never empty");
        &mut self.table.scopes[id]
    }

    fn mangled(&self, name: &str) -> String {
        mangle(self.private.last().and_then(|p| p.as_deref()), name)
    }

    fn add_def(&mut self, name: &str, flags: u32, span: Span) -> R {
        let name = self.mangled(name);
        let scope = self.cur();
        if flags & DEF_PARAM != 0 && scope.flags(&name) & DEF_PARAM != 0 {
            return Err(error(
                format!("duplicate argument '{name}' in function definition"),
                span,
            ));
        }
        scope.add_flags(&name, flags);
        Ok(())
    }

    fn enter(&mut self, kind: ScopeKind, name: &str, key: usize, lineno: u32) -> usize {
        let parent = *self.stack.last().expect("scope stack never empty");
        let parent_scope = &self.table.scopes[parent];
        let nested = parent_scope.kind == ScopeKind::Function || parent_scope.nested;
        let id = self.table.scopes.len();
        self.table
            .scopes
            .push(Scope::new(kind, name, lineno, nested));
        self.table.scopes[parent].children.push(id);
        self.table.by_node.insert(key, id);
        self.stack.push(id);
        id
    }

    fn leave(&mut self) -> R {
        let id = self.stack.pop().expect("scope stack never empty");
        let scope = &self.table.scopes[id];
        if scope.is_generator
            && scope.is_coroutine
            && let Some(span) = scope.return_with_value
        {
            return Err(error("'return' with value in async generator", span));
        }
        Ok(())
    }

    fn body(&mut self, stmts: &[Stmt<'_>]) -> R {
        stmts.iter().try_for_each(|s| self.stmt(s))
    }

    fn exprs(&mut self, exprs: &[Expr<'_>]) -> R {
        exprs.iter().try_for_each(|e| self.expr(e))
    }

    fn opt(&mut self, e: Option<&Expr<'_>>) -> R {
        e.map_or(Ok(()), |e| self.expr(e))
    }

    fn params(&mut self, args: &Arguments<'_>) -> R {
        // CPython's order: positional, kw-only, then *args, then **kwargs.
        let mut ordered: Vec<&Arg<'_>> = args
            .posonlyargs
            .iter()
            .chain(args.args)
            .chain(args.kwonlyargs)
            .collect();
        ordered.extend(args.vararg);
        ordered.extend(args.kwarg);
        for arg in ordered {
            self.add_def(arg.arg, DEF_PARAM, arg.span)?;
            let name = self.mangled(arg.arg);
            self.cur().params.push(name);
        }
        Ok(())
    }

    /// Defaults and annotations are evaluated in the enclosing scope.
    fn arg_exprs(&mut self, args: &Arguments<'_>, annotations: bool) -> R {
        self.exprs(args.defaults)?;
        for d in args.kw_defaults.iter().flatten() {
            self.expr(d)?;
        }
        if annotations {
            let all = args
                .posonlyargs
                .iter()
                .chain(args.args)
                .chain(args.vararg)
                .chain(args.kwonlyargs)
                .chain(args.kwarg);
            for arg in all {
                self.opt(arg.annotation)?;
            }
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt<'_>) -> R {
        match &s.kind {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                self.add_def(f.name, DEF_LOCAL, s.span)?;
                // CPython's order: defaults, annotations, then decorators.
                self.arg_exprs(f.args, !self.future_annotations)?;
                if !self.future_annotations {
                    self.opt(f.returns)?;
                }
                self.exprs(f.decorator_list)?;
                let key = *f as *const FunctionDef<'_> as usize;
                self.enter(ScopeKind::Function, f.name, key, s.span.lineno);
                if matches!(s.kind, StmtKind::AsyncFunctionDef(_)) {
                    self.cur().is_coroutine = true;
                }
                let private = self.private.last().cloned().flatten();
                self.private.push(private);
                self.params(f.args)?;
                self.body(f.body)?;
                self.private.pop();
                self.leave()?;
            }
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            } => {
                self.add_def(name, DEF_LOCAL, s.span)?;
                self.exprs(bases)?;
                for k in keywords.iter() {
                    self.expr(k.value)?;
                }
                self.exprs(decorator_list)?;
                self.enter(
                    ScopeKind::Class,
                    name,
                    s as *const Stmt<'_> as usize,
                    s.span.lineno,
                );
                self.private.push(Some(name.to_string()));
                self.body(body)?;
                self.private.pop();
                self.leave()?;
            }
            StmtKind::Return { value } => {
                if self.cur().kind != ScopeKind::Function {
                    return Err(error("'return' outside function", s.span));
                }
                if value.is_some() && self.cur().return_with_value.is_none() {
                    self.cur().return_with_value = Some(s.span);
                }
                self.opt(*value)?;
            }
            StmtKind::Delete { targets } => self.exprs(targets)?,
            StmtKind::Assign { targets, value } => {
                self.exprs(targets)?;
                self.expr(value)?;
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target)?;
                self.expr(value)?;
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let ExprKind::Name { id, .. } = target.kind {
                    let name = self.mangled(id);
                    let flags = self.cur().flags(&name);
                    if flags & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && *simple {
                        let which = if flags & DEF_GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        return Err(error(
                            format!("annotated name '{id}' can't be {which}"),
                            s.span,
                        ));
                    }
                    if *simple {
                        self.add_def(id, DEF_ANNOT | DEF_LOCAL, target.span)?;
                    } else if value.is_some() {
                        self.add_def(id, DEF_LOCAL, target.span)?;
                    }
                } else {
                    self.expr(target)?;
                }
                if !self.future_annotations {
                    self.expr(annotation)?;
                }
                self.opt(*value)?;
            }
            StmtKind::For(f) | StmtKind::AsyncFor(f) => {
                self.expr(f.target)?;
                self.expr(f.iter)?;
                self.body(f.body)?;
                self.body(f.orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.body(body)?;
                self.body(orelse)?;
            }
            StmtKind::With(w) | StmtKind::AsyncWith(w) => {
                for item in w.items {
                    self.expr(item.context_expr)?;
                    self.opt(item.optional_vars)?;
                }
                self.body(w.body)?;
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject)?;
                for case in cases.iter() {
                    self.pattern(case.pattern)?;
                    self.opt(case.guard)?;
                    self.body(case.body)?;
                }
            }
            StmtKind::Raise { exc, cause } => {
                self.opt(*exc)?;
                self.opt(*cause)?;
            }
            StmtKind::Try(t) | StmtKind::TryStar(t) => {
                // CPython's order: body, else, handlers, finally.
                self.body(t.body)?;
                self.body(t.orelse)?;
                for h in t.handlers {
                    self.opt(h.type_)?;
                    if let Some(name) = h.name {
                        self.add_def(name, DEF_LOCAL, h.span)?;
                    }
                    self.body(h.body)?;
                }
                self.body(t.finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                self.opt(*msg)?;
            }
            StmtKind::Import { names } | StmtKind::ImportFrom { names, .. } => {
                for alias in names.iter() {
                    if alias.name == "*" {
                        if self.cur().kind != ScopeKind::Module {
                            return Err(error("import * only allowed at module level", alias.span));
                        }
                        continue;
                    }
                    let stored = alias
                        .asname
                        .unwrap_or_else(|| alias.name.split('.').next().unwrap_or(alias.name));
                    self.add_def(stored, DEF_IMPORT, alias.span)?;
                }
            }
            StmtKind::Global { names } => {
                for name in names.iter() {
                    let mangled = self.mangled(name);
                    let cur = self.cur().flags(&mangled);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let msg = if cur & DEF_PARAM != 0 {
                            format!("name '{name}' is parameter and global")
                        } else if cur & USE != 0 {
                            format!("name '{name}' is used prior to global declaration")
                        } else if cur & DEF_ANNOT != 0 {
                            format!("annotated name '{name}' can't be global")
                        } else {
                            format!("name '{name}' is assigned to before global declaration")
                        };
                        return Err(error(msg, s.span));
                    }
                    self.cur().add_flags(&mangled, DEF_GLOBAL);
                    // CPython marks the module's symbol too (st_global).
                    self.table.scopes[0].add_flags(&mangled, DEF_GLOBAL);
                    self.cur().directives.entry(mangled).or_insert(s.span);
                }
            }
            StmtKind::Nonlocal { names } => {
                for name in names.iter() {
                    let mangled = self.mangled(name);
                    let cur = self.cur().flags(&mangled);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let msg = if cur & DEF_PARAM != 0 {
                            format!("name '{name}' is parameter and nonlocal")
                        } else if cur & USE != 0 {
                            format!("name '{name}' is used prior to nonlocal declaration")
                        } else if cur & DEF_ANNOT != 0 {
                            format!("annotated name '{name}' can't be nonlocal")
                        } else {
                            format!("name '{name}' is assigned to before nonlocal declaration")
                        };
                        return Err(error(msg, s.span));
                    }
                    self.cur().add_flags(&mangled, DEF_NONLOCAL);
                    self.cur().directives.entry(mangled).or_insert(s.span);
                }
            }
            StmtKind::Expr { value } => self.expr(value)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
        Ok(())
    }

    fn pattern(&mut self, p: &Pattern<'_>) -> R {
        match &p.kind {
            PatternKind::MatchValue { value } => self.expr(value),
            PatternKind::MatchSingleton { .. } => Ok(()),
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
                patterns.iter().try_for_each(|p| self.pattern(p))
            }
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => {
                self.exprs(keys)?;
                patterns.iter().try_for_each(|p| self.pattern(p))?;
                if let Some(rest) = rest {
                    self.add_def(rest, DEF_LOCAL, p.span)?;
                }
                Ok(())
            }
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_patterns,
                ..
            } => {
                self.expr(cls)?;
                patterns
                    .iter()
                    .chain(kwd_patterns.iter())
                    .try_for_each(|p| self.pattern(p))
            }
            PatternKind::MatchStar { name } => {
                name.map_or(Ok(()), |n| self.add_def(n, DEF_LOCAL, p.span))
            }
            PatternKind::MatchAs { pattern, name } => {
                if let Some(sub) = pattern {
                    self.pattern(sub)?;
                }
                name.map_or(Ok(()), |n| self.add_def(n, DEF_LOCAL, p.span))
            }
        }
    }

    fn name_use(&mut self, id: &str, ctx: ExprContext, span: Span) -> R {
        let flags = if ctx == ExprContext::Load {
            USE
        } else {
            DEF_LOCAL
        };
        self.add_def(id, flags, span)?;
        if ctx == ExprContext::Load && id == "super" && self.cur().kind == ScopeKind::Function {
            self.cur().add_flags("__class__", USE);
        }
        Ok(())
    }

    fn expr(&mut self, e: &Expr<'_>) -> R {
        match &e.kind {
            ExprKind::BoolOp { values, .. } => self.exprs(values)?,
            ExprKind::NamedExpr { target, value } => {
                if self.comp_iter_depth > 0 {
                    return Err(error(
                        "assignment expression cannot be used in a comprehension iterable expression",
                        e.span,
                    ));
                }
                self.expr(value)?;
                if let ExprKind::Name { id, .. } = target.kind {
                    self.walrus_target(id, target.span)?;
                } else {
                    self.expr(target)?;
                }
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)?;
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand)?,
            ExprKind::Lambda { args, body } => {
                self.arg_exprs(args, false)?;
                self.enter(
                    ScopeKind::Function,
                    "lambda",
                    e as *const Expr<'_> as usize,
                    e.span.lineno,
                );
                self.cur().is_lambda = true;
                self.params(args)?;
                self.expr(body)?;
                self.leave()?;
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter().flatten() {
                    self.expr(k)?;
                }
                self.exprs(values)?;
            }
            ExprKind::Set { elts } | ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
                self.exprs(elts)?
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, "listcomp", generators, elt, None)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, "setcomp", generators, elt, None)?
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, "genexpr", generators, elt, None)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(e, "dictcomp", generators, key, Some(value))?,
            ExprKind::Await { value } => {
                self.expr(value)?;
                if self.cur().is_comprehension {
                    self.cur().is_coroutine = true;
                }
            }
            ExprKind::Yield { value } => {
                self.yield_check(e.span)?;
                self.opt(*value)?;
            }
            ExprKind::YieldFrom { value } => {
                self.yield_check(e.span)?;
                self.expr(value)?;
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left)?;
                self.exprs(comparators)?;
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func)?;
                self.exprs(args)?;
                for k in keywords.iter() {
                    self.expr(k.value)?;
                }
            }
            ExprKind::FormattedValue {
                value, format_spec, ..
            } => {
                self.expr(value)?;
                self.opt(*format_spec)?;
            }
            ExprKind::JoinedStr { values } => self.exprs(values)?,
            ExprKind::Constant { .. } => {}
            ExprKind::Attribute { value, .. } => self.expr(value)?,
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
            }
            ExprKind::Starred { value, .. } => self.expr(value)?,
            ExprKind::Name { id, ctx } => self.name_use(id, *ctx, e.span)?,
            ExprKind::Slice { lower, upper, step } => {
                self.opt(*lower)?;
                self.opt(*upper)?;
                self.opt(*step)?;
            }
        }
        Ok(())
    }

    fn yield_check(&mut self, span: Span) -> R {
        let scope = self.cur();
        if scope.kind != ScopeKind::Function {
            return Err(error("'yield' outside function", span));
        }
        if scope.is_comprehension {
            let what = match scope.name.as_str() {
                "<listcomp>" => "list comprehension",
                "<setcomp>" => "set comprehension",
                "<dictcomp>" => "dict comprehension",
                _ => "generator expression",
            };
            return Err(error(format!("'yield' inside {what}"), span));
        }
        scope.is_generator = true;
        Ok(())
    }

    /// `(x := v)` inside comprehensions binds `x` in the nearest enclosing
    /// scope that is not a comprehension (PEP 572).
    fn walrus_target(&mut self, id: &str, span: Span) -> R {
        if !self.cur().is_comprehension {
            return self.add_def(id, DEF_LOCAL, span);
        }
        let mangled = self.mangled(id);
        for depth in (0..self.stack.len()).rev() {
            let sid = self.stack[depth];
            let scope = &mut self.table.scopes[sid];
            if scope.is_comprehension {
                if scope.flags(&mangled) & DEF_COMP_ITER != 0 {
                    return Err(error(
                        format!(
                            "assignment expression cannot rebind comprehension iteration variable '{id}'"
                        ),
                        span,
                    ));
                }
                continue;
            }
            match scope.kind {
                ScopeKind::Function => {
                    // A name the function declares global stays global.
                    let flag = if scope.flags(&mangled) & DEF_GLOBAL != 0 {
                        DEF_GLOBAL
                    } else {
                        DEF_NONLOCAL
                    };
                    scope.add_flags(&mangled, DEF_LOCAL);
                    self.mark_walrus_path(depth, &mangled, flag);
                }
                ScopeKind::Module => {
                    scope.add_flags(&mangled, DEF_GLOBAL);
                    self.mark_walrus_path(depth, &mangled, DEF_GLOBAL);
                }
                ScopeKind::Class => {
                    return Err(error(
                        "assignment expression within a comprehension cannot be used in a class body",
                        span,
                    ));
                }
            }
            return Ok(());
        }
        Ok(())
    }

    fn mark_walrus_path(&mut self, from_depth: usize, name: &str, flag: u32) {
        for &sid in &self.stack[from_depth + 1..] {
            self.table.scopes[sid].add_flags(name, flag);
        }
    }

    fn comprehension(
        &mut self,
        e: &Expr<'_>,
        kind: &str,
        generators: &[Comprehension<'_>],
        elt: &Expr<'_>,
        value: Option<&Expr<'_>>,
    ) -> R {
        let Some((first, rest)) = generators.split_first() else {
            return Ok(());
        };
        // The outermost iterable is evaluated in the enclosing scope.
        self.comp_iter_depth += 1;
        let r = self.expr(first.iter);
        self.comp_iter_depth -= 1;
        r?;
        let name = format!("<{kind}>");
        self.enter(
            ScopeKind::Function,
            &name,
            e as *const Expr<'_> as usize,
            e.span.lineno,
        );
        let is_generator = kind == "genexpr";
        {
            let scope = self.cur();
            scope.is_comprehension = true;
            scope.is_generator = is_generator;
            scope.is_coroutine = generators.iter().any(|g| g.is_async);
            scope.add_flags(".0", DEF_PARAM);
            scope.params.push(".0".to_string());
        }
        self.comp_target(first.target)?;
        self.exprs(first.ifs)?;
        for g in rest {
            self.comp_iter_depth += 1;
            let r = self.expr(g.iter);
            self.comp_iter_depth -= 1;
            r?;
            self.comp_target(g.target)?;
            self.exprs(g.ifs)?;
        }
        if let Some(value) = value {
            self.expr(elt)?;
            self.expr(value)?;
        } else {
            self.expr(elt)?;
        }
        self.leave()
    }

    fn comp_target(&mut self, target: &Expr<'_>) -> R {
        match &target.kind {
            ExprKind::Name { id, .. } => self.add_def(id, DEF_LOCAL | DEF_COMP_ITER, target.span),
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                elts.iter().try_for_each(|t| self.comp_target(t))
            }
            ExprKind::Starred { value, .. } => self.comp_target(value),
            _ => self.expr(target),
        }
    }
}

/// The second pass (see the module comment). `bound` is `None` at module level.
fn analyze_block(
    table: &mut SymbolTable,
    id: usize,
    bound: Option<&FxHashSet<String>>,
    global: &FxHashSet<String>,
    free: &mut FxHashSet<String>,
) -> Result<(), SyntaxError> {
    let kind = table.scopes[id].kind;
    let mut local: FxHashSet<String> = FxHashSet::default();
    let mut bound_here: Option<FxHashSet<String>> = bound.cloned();
    let mut global_here = global.clone();
    let mut new_bound: FxHashSet<String> = FxHashSet::default();
    let mut new_global: FxHashSet<String> = FxHashSet::default();
    let mut new_free: FxHashSet<String> = FxHashSet::default();
    if kind == ScopeKind::Class {
        new_global.extend(global.iter().cloned());
        if let Some(b) = bound {
            new_bound.extend(b.iter().cloned());
        }
    }
    let mut resolved = Vec::with_capacity(table.scopes[id].symbols.len());
    {
        let scope = &table.scopes[id];
        for sym in &scope.symbols {
            let name = &sym.name;
            let flags = sym.flags;
            let at = scope.directives.get(name).copied().unwrap_or_default();
            let res = if flags & DEF_GLOBAL != 0 {
                if flags & DEF_NONLOCAL != 0 {
                    return Err(error(format!("name '{name}' is nonlocal and global"), at));
                }
                global_here.insert(name.clone());
                if let Some(b) = bound_here.as_mut() {
                    b.remove(name);
                }
                SymScope::GlobalExplicit
            } else if flags & DEF_NONLOCAL != 0 {
                if bound.is_none() {
                    return Err(error(
                        "nonlocal declaration not allowed at module level",
                        at,
                    ));
                }
                if !bound_here.as_ref().is_some_and(|b| b.contains(name)) {
                    return Err(error(format!("no binding for nonlocal '{name}' found"), at));
                }
                new_free.insert(name.clone());
                SymScope::Free
            } else if flags & DEF_BOUND != 0 {
                local.insert(name.clone());
                global_here.remove(name);
                SymScope::Local
            } else if bound_here.as_ref().is_some_and(|b| b.contains(name)) {
                new_free.insert(name.clone());
                SymScope::Free
            } else {
                SymScope::GlobalImplicit
            };
            resolved.push(res);
        }
    }
    if kind == ScopeKind::Class {
        new_bound.insert("__class__".to_string());
    } else {
        if kind == ScopeKind::Function {
            new_bound.extend(local.iter().cloned());
        }
        if let Some(b) = &bound_here {
            new_bound.extend(b.iter().cloned());
        }
        new_global.extend(global_here.iter().cloned());
    }
    let children = table.scopes[id].children.clone();
    let mut all_free: FxHashSet<String> = FxHashSet::default();
    for child in children {
        let mut child_free = FxHashSet::default();
        analyze_block(table, child, Some(&new_bound), &new_global, &mut child_free)?;
        all_free.extend(child_free);
    }
    new_free.extend(all_free);
    let scope = &mut table.scopes[id];
    for (sym, res) in scope.symbols.iter_mut().zip(resolved) {
        sym.scope = res;
    }
    if kind == ScopeKind::Function {
        for sym in scope.symbols.iter_mut() {
            if sym.scope == SymScope::Local && new_free.remove(&sym.name) {
                sym.scope = SymScope::Cell;
            }
        }
    }
    if kind == ScopeKind::Class && new_free.remove("__class__") {
        scope.needs_class_closure = true;
    }
    let mut passthrough: Vec<String> = Vec::new();
    for name in &new_free {
        match scope.index.get(name) {
            Some(&i) => {
                let sym = &mut scope.symbols[i];
                if kind == ScopeKind::Class && sym.flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                    sym.flags |= DEF_FREE_CLASS;
                }
            }
            None => {
                if bound_here.as_ref().is_some_and(|b| b.contains(name)) {
                    passthrough.push(name.clone());
                }
            }
        }
    }
    passthrough.sort();
    for name in passthrough {
        scope.add_flags(&name, 0);
        let i = scope.index[&name];
        scope.symbols[i].scope = SymScope::Free;
    }
    free.extend(new_free);
    Ok(())
}

/// The table as text, one scope per line followed by its names (sorted) and
/// where each lives, scopes in pre-order: the format the test suite also
/// produces from CPython's `symtable` module, to compare the two.
pub fn dump(table: &SymbolTable) -> String {
    let mut out = String::new();
    dump_scope(table, 0, "", &mut out);
    out
}

fn dump_scope(table: &SymbolTable, id: usize, path: &str, out: &mut String) {
    let scope = &table.scopes[id];
    let name = scope.name.trim_start_matches('<').trim_end_matches('>');
    let here = if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}/{name}")
    };
    let kind = match scope.kind {
        ScopeKind::Module => "module",
        ScopeKind::Class => "class",
        ScopeKind::Function => "function",
    };
    out.push_str(&format!("{kind} {here} line {}\n", scope.lineno));
    let mut symbols: Vec<&Symbol> = scope.symbols.iter().collect();
    symbols.sort_by(|a, b| a.name.cmp(&b.name));
    for sym in symbols {
        let lives = match sym.scope {
            SymScope::Local => "local",
            SymScope::GlobalExplicit => "global_explicit",
            SymScope::GlobalImplicit => "global_implicit",
            SymScope::Free => "free",
            SymScope::Cell => "cell",
        };
        out.push_str(&format!("  {}: {lives}\n", sym.name));
    }
    for &child in &scope.children {
        dump_scope(table, child, &here, out);
    }
}
