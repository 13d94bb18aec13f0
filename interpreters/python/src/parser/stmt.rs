//! Statements: simple statements, compound statements with their blocks, and
//! parameter lists (shared by `def` and `lambda`).

use super::target::TargetUse;
use super::*;

fn augassign_op(t: Tok) -> Option<Operator> {
    let Tok::Op(op) = t else { return None };
    Some(match op {
        Op::PlusEqual => Operator::Add,
        Op::MinEqual => Operator::Sub,
        Op::StarEqual => Operator::Mult,
        Op::AtEqual => Operator::MatMult,
        Op::SlashEqual => Operator::Div,
        Op::PercentEqual => Operator::Mod,
        Op::AmperEqual => Operator::BitAnd,
        Op::VBarEqual => Operator::BitOr,
        Op::CircumflexEqual => Operator::BitXor,
        Op::LeftShiftEqual => Operator::LShift,
        Op::RightShiftEqual => Operator::RShift,
        Op::DoubleStarEqual => Operator::Pow,
        Op::DoubleSlashEqual => Operator::FloorDiv,
        _ => return None,
    })
}

impl<'a> Parser<'a> {
    /// `file: [statements] ENDMARKER`
    pub(super) fn file(&mut self) -> PResult<Module<'a>> {
        let mut body = Vec::new();
        while self.kind() != Tok::EndMarker {
            self.statement(&mut body)?;
        }
        Ok(Module {
            body: self.slice(body),
        })
    }

    /// One statement line (several simple statements may share it).
    fn statement(&mut self, out: &mut Vec<Stmt<'a>>) -> PResult<()> {
        match self.kind() {
            Tok::Kw(Kw::Def | Kw::If | Kw::Class | Kw::With | Kw::For | Kw::Try | Kw::While)
            | Tok::Op(Op::At) => {
                out.push(self.compound_statement()?);
                Ok(())
            }
            Tok::Kw(Kw::Async)
                if matches!(self.kind_at(1), Tok::Kw(Kw::Def | Kw::For | Kw::With)) =>
            {
                out.push(self.compound_statement()?);
                Ok(())
            }
            Tok::Name if self.at_soft("match") => {
                if let Some(stmt) = self.try_match_statement()? {
                    out.push(stmt);
                    return Ok(());
                }
                self.simple_statements(out)
            }
            Tok::Indent | Tok::Dedent | Tok::ErrorToken => Err(self.syntax_error()),
            _ => self.simple_statements(out),
        }
    }

    fn simple_statements(&mut self, out: &mut Vec<Stmt<'a>>) -> PResult<()> {
        loop {
            out.push(self.simple_statement()?);
            if self.eat_op(Op::Semi) {
                if self.kind() == Tok::Newline {
                    break;
                }
                continue;
            }
            break;
        }
        if self.kind() != Tok::Newline {
            return Err(self.syntax_error());
        }
        self.advance();
        Ok(())
    }

    fn simple_statement(&mut self) -> PResult<Stmt<'a>> {
        let start = self.pos;
        let kind = match self.kind() {
            Tok::Kw(Kw::Pass) => {
                self.advance();
                StmtKind::Pass
            }
            Tok::Kw(Kw::Break) => {
                self.advance();
                StmtKind::Break
            }
            Tok::Kw(Kw::Continue) => {
                self.advance();
                StmtKind::Continue
            }
            Tok::Kw(Kw::Return) => {
                self.advance();
                let value = if self.starts_expression() {
                    Some(self.star_expressions()?)
                } else {
                    None
                };
                StmtKind::Return {
                    value: value.map(|v| self.alloc(v)),
                }
            }
            Tok::Kw(Kw::Raise) => {
                self.advance();
                let (mut exc, mut cause) = (None, None);
                if self.starts_expression() {
                    let e = self.expression()?;
                    exc = Some(self.alloc(e));
                    if self.eat_kw(Kw::From) {
                        let c = self.expression()?;
                        cause = Some(self.alloc(c));
                    }
                }
                StmtKind::Raise { exc, cause }
            }
            Tok::Kw(Kw::Global | Kw::Nonlocal) => {
                let global = self.at_kw(Kw::Global);
                self.advance();
                let mut names = vec![self.name()?];
                while self.eat_op(Op::Comma) {
                    names.push(self.name()?);
                }
                let names = self.slice(names);
                if global {
                    StmtKind::Global { names }
                } else {
                    StmtKind::Nonlocal { names }
                }
            }
            Tok::Kw(Kw::Del) => {
                self.advance();
                StmtKind::Delete {
                    targets: self.del_targets()?,
                }
            }
            Tok::Kw(Kw::Assert) => {
                self.advance();
                let test = self.expression()?;
                let msg = if self.eat_op(Op::Comma) {
                    Some(self.expression()?)
                } else {
                    None
                };
                StmtKind::Assert {
                    test: self.alloc(test),
                    msg: msg.map(|m| self.alloc(m)),
                }
            }
            Tok::Kw(Kw::Import) => self.import_name()?,
            Tok::Kw(Kw::From) => self.import_from()?,
            _ => return self.expression_statement(),
        };
        Ok(Stmt {
            kind,
            span: self.span_from(start),
        })
    }

    fn del_targets(&mut self) -> PResult<&'a [Expr<'a>]> {
        let mut targets = Vec::new();
        loop {
            let e = self.bitwise_or()?;
            targets.push(self.to_target(e, TargetUse::Delete)?);
            if !self.eat_op(Op::Comma) || !self.starts_expression() {
                break;
            }
        }
        if !matches!(self.kind(), Tok::Newline | Tok::Op(Op::Semi)) {
            return Err(self.syntax_error());
        }
        Ok(self.slice(targets))
    }

    /// Expression statements and the three assignment forms.
    fn expression_statement(&mut self) -> PResult<Stmt<'a>> {
        let start = self.pos;
        let first = if self.at_kw(Kw::Yield) {
            self.yield_expr()?
        } else {
            self.star_expressions()?
        };
        let kind = self.kind();
        // `x.y := 1` as a statement: CPython names the bad target (a bare
        // name or tuple stays "invalid syntax").
        if kind == Tok::Op(Op::ColonEqual) {
            let parenthesized = self.toks[start].kind == Tok::Op(Op::LPar);
            let bare = match first.kind {
                ExprKind::Name { .. } => !parenthesized,
                ExprKind::Tuple { .. } => !parenthesized,
                _ => false,
            };
            if !bare {
                let what = super::target::describe(&first);
                return Err(self.error_at(
                    format!("cannot use assignment expressions with {what}"),
                    first.span,
                ));
            }
        }
        if kind == Tok::Op(Op::Colon) {
            // Annotated assignment.
            let simple = matches!(first.kind, ExprKind::Name { .. })
                && self.toks[start].kind != Tok::Op(Op::LPar);
            if !matches!(
                first.kind,
                ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
            ) {
                let msg = match first.kind {
                    ExprKind::Tuple { .. } => "only single target (not tuple) can be annotated",
                    ExprKind::List { .. } => "only single target (not list) can be annotated",
                    _ => "illegal target for annotation",
                };
                return Err(self.error_at(msg, first.span));
            }
            let target = self.to_target(first, TargetUse::Store)?;
            self.advance();
            let annotation = self.expression()?;
            let value = if self.eat_op(Op::Equal) {
                Some(if self.at_kw(Kw::Yield) {
                    self.yield_expr()?
                } else {
                    self.star_expressions()?
                })
            } else {
                None
            };
            let span = self.span_from(start);
            return Ok(Stmt {
                kind: StmtKind::AnnAssign {
                    target: self.alloc(target),
                    annotation: self.alloc(annotation),
                    value: value.map(|v| self.alloc(v)),
                    simple,
                },
                span,
            });
        }
        if kind == Tok::Op(Op::Equal) {
            let mut exprs = vec![first];
            while self.eat_op(Op::Equal) {
                exprs.push(if self.at_kw(Kw::Yield) {
                    self.yield_expr()?
                } else {
                    self.star_expressions()?
                });
            }
            let value = exprs.pop().ok_or_else(|| self.syntax_error())?;
            let mut targets = Vec::with_capacity(exprs.len());
            for (i, e) in exprs.into_iter().enumerate() {
                let usage = if i == 0 {
                    TargetUse::FirstAssign
                } else {
                    TargetUse::Store
                };
                targets.push(self.to_target(e, usage)?);
            }
            let span = self.span_from(start);
            return Ok(Stmt {
                kind: StmtKind::Assign {
                    targets: self.slice(targets),
                    value: self.alloc(value),
                },
                span,
            });
        }
        if let Some(op) = augassign_op(kind) {
            if !matches!(
                first.kind,
                ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
            ) {
                let what = super::target::describe(&first);
                return Err(self.error_at(
                    format!("'{what}' is an illegal expression for augmented assignment"),
                    first.span,
                ));
            }
            let target = self.to_target(first, TargetUse::Store)?;
            self.advance();
            let value = if self.at_kw(Kw::Yield) {
                self.yield_expr()?
            } else {
                self.star_expressions()?
            };
            let span = self.span_from(start);
            return Ok(Stmt {
                kind: StmtKind::AugAssign {
                    target: self.alloc(target),
                    op,
                    value: self.alloc(value),
                },
                span,
            });
        }
        if let ExprKind::Name {
            id: "print" | "exec",
            ..
        } = first.kind
            && matches!(self.kind(), Tok::String | Tok::Name | Tok::Number)
        {
            let id = if let ExprKind::Name { id, .. } = first.kind {
                id
            } else {
                "print"
            };
            let arg = self.star_expressions()?;
            return Err(self.error_at(
                format!("Missing parentheses in call to '{id}'. Did you mean {id}(...)?"),
                first.span.to(arg.span),
            ));
        }
        let span = self.span_from(start);
        Ok(Stmt {
            kind: StmtKind::Expr {
                value: self.alloc(first),
            },
            span,
        })
    }

    fn dotted_name(&mut self) -> PResult<&'a str> {
        let first = self.tok();
        let mut parts = vec![self.name()?];
        while self.at_op(Op::Dot) {
            self.advance();
            parts.push(self.name()?);
        }
        if parts.len() == 1 {
            return Ok(parts[0]);
        }
        let last = self.toks[self.pos - 1];
        let text = &self.src[first.start as usize..last.end as usize];
        if text.is_ascii() && !text.contains([' ', '\t', '\\', '\n', '#']) {
            return Ok(text);
        }
        Ok(self.arena.alloc_str(&parts.join(".")))
    }

    fn import_name(&mut self) -> PResult<StmtKind<'a>> {
        self.advance();
        let mut names = Vec::new();
        loop {
            let start = self.pos;
            let name = self.dotted_name()?;
            let asname = if self.eat_kw(Kw::As) {
                Some(self.name()?)
            } else {
                None
            };
            names.push(Alias {
                name,
                asname,
                span: self.span_from(start),
            });
            if !self.eat_op(Op::Comma) {
                break;
            }
        }
        Ok(StmtKind::Import {
            names: self.slice(names),
        })
    }

    fn import_from(&mut self) -> PResult<StmtKind<'a>> {
        self.advance();
        let mut level = 0;
        loop {
            match self.kind() {
                Tok::Op(Op::Dot) => level += 1,
                Tok::Op(Op::Ellipsis) => level += 3,
                _ => break,
            }
            self.advance();
        }
        let module = if self.at_kw(Kw::Import) && level > 0 {
            None
        } else {
            Some(self.dotted_name()?)
        };
        if !self.eat_kw(Kw::Import) {
            return Err(self.syntax_error());
        }
        let mut names = Vec::new();
        if self.at_op(Op::Star) {
            let t = self.advance();
            names.push(Alias {
                name: "*",
                asname: None,
                span: Self::tok_span(t),
            });
        } else {
            let parens = self.eat_op(Op::LPar);
            loop {
                let start = self.pos;
                let name = self.name()?;
                let asname = if self.eat_kw(Kw::As) {
                    Some(self.name()?)
                } else {
                    None
                };
                names.push(Alias {
                    name,
                    asname,
                    span: self.span_from(start),
                });
                if !self.at_op(Op::Comma) {
                    break;
                }
                let comma = self.advance();
                if parens && self.at_op(Op::RPar) {
                    break;
                }
                if !parens && matches!(self.kind(), Tok::Newline | Tok::Op(Op::Semi)) {
                    let next = self.tok();
                    let _ = comma;
                    return Err(SyntaxError::at(
                        "trailing comma not allowed without surrounding parentheses",
                        next.line,
                        next.col,
                    ));
                }
            }
            if parens {
                self.expect_op(Op::RPar)?;
            }
        }
        Ok(StmtKind::ImportFrom {
            module,
            names: self.slice(names),
            level,
        })
    }

    // ---- compound statements ----

    /// `block`: an indented suite or simple statements on the same line. `what`
    /// names the statement for "expected an indented block after ...".
    pub(super) fn block_named(&mut self, what: &str, line: u32) -> PResult<&'a [Stmt<'a>]> {
        self.block(what, line)
    }

    fn block(&mut self, what: &str, line: u32) -> PResult<&'a [Stmt<'a>]> {
        self.enter()?;
        let result = self.block_inner(what, line);
        self.leave();
        result
    }

    fn block_inner(&mut self, what: &str, line: u32) -> PResult<&'a [Stmt<'a>]> {
        let mut body = Vec::new();
        if self.kind() == Tok::Newline {
            self.advance();
            if self.kind() != Tok::Indent {
                if self.kind() == Tok::ErrorToken {
                    return Err(self.syntax_error());
                }
                let t = self.tok();
                let col = self.line_text(t.line).len() - self.line_text(t.line).trim_start().len();
                let at = if t.kind == Tok::EndMarker || t.kind == Tok::Dedent {
                    t.col
                } else {
                    col as u32
                };
                let error = super::SyntaxError::at(
                    format!("expected an indented block after {what} on line {line}"),
                    t.line,
                    at,
                )
                .with_class(ErrorClass::IndentationError);
                if t.kind == Tok::EndMarker {
                    // At the end of input: the last line, no caret.
                    let last = self.src.trim_end_matches('\n').matches('\n').count() as u32 + 1;
                    return Err(SyntaxError {
                        line: last,
                        end_line: last,
                        ..error
                    }
                    .without_caret());
                }
                return Err(error);
            }
            self.advance();
            while !matches!(self.kind(), Tok::Dedent | Tok::EndMarker) {
                self.statement(&mut body)?;
            }
            self.eat_dedent();
        } else {
            self.simple_statements(&mut body)?;
        }
        Ok(self.slice(body))
    }

    fn eat_dedent(&mut self) {
        if self.kind() == Tok::Dedent {
            self.advance();
        }
    }

    fn compound_statement(&mut self) -> PResult<Stmt<'a>> {
        match self.kind() {
            Tok::Op(Op::At) => self.decorated(),
            Tok::Kw(Kw::Def) => self.function_def(&[], false),
            Tok::Kw(Kw::Class) => self.class_def(&[]),
            Tok::Kw(Kw::If) => self.if_statement(),
            Tok::Kw(Kw::While) => self.while_statement(),
            Tok::Kw(Kw::For) => self.for_statement(false),
            Tok::Kw(Kw::With) => self.with_statement(false),
            Tok::Kw(Kw::Try) => self.try_statement(),
            Tok::Kw(Kw::Async) => match self.kind_at(1) {
                Tok::Kw(Kw::Def) => self.function_def(&[], true),
                Tok::Kw(Kw::For) => self.for_statement(true),
                _ => self.with_statement(true),
            },
            _ => Err(self.syntax_error()),
        }
    }

    fn decorated(&mut self) -> PResult<Stmt<'a>> {
        let mut decorators = Vec::new();
        while self.eat_op(Op::At) {
            decorators.push(self.named_expression()?);
            if self.kind() != Tok::Newline {
                return Err(self.syntax_error());
            }
            self.advance();
        }
        let decorators = self.slice(decorators);
        match self.kind() {
            Tok::Kw(Kw::Def) => self.function_def(decorators, false),
            Tok::Kw(Kw::Async) if self.kind_at(1) == Tok::Kw(Kw::Def) => {
                self.function_def(decorators, true)
            }
            Tok::Kw(Kw::Class) => self.class_def(decorators),
            _ => Err(self.syntax_error()),
        }
    }

    fn function_def(
        &mut self,
        decorator_list: &'a [Expr<'a>],
        is_async: bool,
    ) -> PResult<Stmt<'a>> {
        let start = self.pos;
        if is_async {
            self.advance();
        }
        let def = self.advance();
        let name = self.name()?;
        self.expect_forced(Op::LPar, "(")?;
        let args = self.parameters(false)?;
        self.expect_op(Op::RPar)?;
        let returns = if self.eat_op(Op::RArrow) {
            Some(self.expression()?)
        } else {
            None
        };
        self.expect_forced(Op::Colon, ":")?;
        let body = self.block("function definition", def.line)?;
        let def = FunctionDef {
            name,
            args: self.alloc(args),
            body,
            decorator_list,
            returns: returns.map(|r| self.alloc(r)),
        };
        let def = self.alloc(def);
        let kind = if is_async {
            StmtKind::AsyncFunctionDef(def)
        } else {
            StmtKind::FunctionDef(def)
        };
        Ok(Stmt {
            kind,
            span: self.span_from(start),
        })
    }

    fn class_def(&mut self, decorator_list: &'a [Expr<'a>]) -> PResult<Stmt<'a>> {
        let start = self.pos;
        let class = self.advance();
        let name = self.name()?;
        let (mut bases, mut keywords): (&'a [Expr<'a>], &'a [Keyword<'a>]) = (&[], &[]);
        if self.at_op(Op::LPar) {
            // Parse as a call on the class name and take its arguments.
            let paren = self.pos;
            self.advance();
            let (args, kws) = self.class_arguments(paren)?;
            bases = args;
            keywords = kws;
        }
        self.expect_forced(Op::Colon, ":")?;
        let body = self.block("class definition", class.line)?;
        Ok(Stmt {
            kind: StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            },
            span: self.span_from(start),
        })
    }

    fn class_arguments(&mut self, paren: usize) -> PResult<(&'a [Expr<'a>], &'a [Keyword<'a>])> {
        // Reuse call-argument parsing through a synthetic primary: simplest is
        // to parse `NAME(args)` from the class name token.
        self.pos = paren - 1;
        let call = self.primary()?;
        match call.kind {
            ExprKind::Call { args, keywords, .. } => {
                if args
                    .iter()
                    .any(|a| matches!(a.kind, ExprKind::GeneratorExp { .. }))
                {
                    return Err(self.error_at("invalid syntax", args[0].span));
                }
                Ok((args, keywords))
            }
            _ => Err(self.syntax_error()),
        }
    }

    fn if_statement(&mut self) -> PResult<Stmt<'a>> {
        let start = self.pos;
        let kw = self.advance();
        let what = if self.text(kw) == "if" {
            "'if' statement"
        } else {
            "'elif' statement"
        };
        let test = self.named_expression()?;
        self.check_condition_assignment(&test)?;
        self.expect_forced(Op::Colon, ":")?;
        let body = self.block(what, kw.line)?;
        let orelse = if self.at_kw(Kw::Elif) {
            let nested = self.if_statement()?;
            self.slice(vec![nested])
        } else {
            self.else_block()?
        };
        Ok(Stmt {
            kind: StmtKind::If {
                test: self.alloc(test),
                body,
                orelse,
            },
            span: self.span_from(start),
        })
    }

    /// `if x = 1:`: CPython's hint to use `==` or `:=`.
    fn check_condition_assignment(&mut self, test: &Expr<'a>) -> PResult<()> {
        if !self.at_op(Op::Equal) {
            return Ok(());
        }
        let saved = self.pos;
        self.advance();
        let value = self.bitwise_or();
        let next = self.kind();
        self.pos = saved;
        let Ok(value) = value else { return Ok(()) };
        if matches!(next, Tok::Op(Op::Equal | Op::ColonEqual)) {
            return Ok(());
        }
        let span = test.span.to(value.span);
        if let ExprKind::Name { .. } = test.kind {
            return Err(self.error_at(
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                span,
            ));
        }
        if !matches!(
            test.kind,
            ExprKind::List { .. } | ExprKind::Tuple { .. } | ExprKind::GeneratorExp { .. }
        ) && !matches!(
            test.kind,
            ExprKind::Constant {
                value: Constant::True | Constant::False | Constant::None,
                ..
            }
        ) {
            let what = super::target::describe(test);
            return Err(self.error_at(
                format!("cannot assign to {what} here. Maybe you meant '==' instead of '='?"),
                test.span,
            ));
        }
        Ok(())
    }

    fn else_block(&mut self) -> PResult<&'a [Stmt<'a>]> {
        if !self.at_kw(Kw::Else) {
            return Ok(&[]);
        }
        let kw = self.advance();
        self.expect_forced(Op::Colon, ":")?;
        self.block("'else' statement", kw.line)
    }

    fn while_statement(&mut self) -> PResult<Stmt<'a>> {
        let start = self.pos;
        let kw = self.advance();
        let test = self.named_expression()?;
        self.check_condition_assignment(&test)?;
        self.expect_forced(Op::Colon, ":")?;
        let body = self.block("'while' statement", kw.line)?;
        let orelse = self.else_block()?;
        Ok(Stmt {
            kind: StmtKind::While {
                test: self.alloc(test),
                body,
                orelse,
            },
            span: self.span_from(start),
        })
    }

    fn for_statement(&mut self, is_async: bool) -> PResult<Stmt<'a>> {
        let start = self.pos;
        if is_async {
            self.advance();
        }
        let kw = self.advance();
        let target = self.star_targets(ExprContext::Store)?;
        if !self.eat_kw(Kw::In) {
            return Err(self.syntax_error());
        }
        let iter = self.star_expressions()?;
        self.expect_forced(Op::Colon, ":")?;
        let body = self.block("'for' statement", kw.line)?;
        let orelse = self.else_block()?;
        let f = self.alloc(For {
            target: self.alloc(target),
            iter: self.alloc(iter),
            body,
            orelse,
        });
        Ok(Stmt {
            kind: if is_async {
                StmtKind::AsyncFor(f)
            } else {
                StmtKind::For(f)
            },
            span: self.span_from(start),
        })
    }

    fn with_statement(&mut self, is_async: bool) -> PResult<Stmt<'a>> {
        let start = self.pos;
        if is_async {
            self.advance();
        }
        let kw = self.advance();
        let items = match self.parenthesized_with_items()? {
            Some(items) => items,
            None => {
                let mut items = vec![self.with_item()?];
                while self.eat_op(Op::Comma) {
                    items.push(self.with_item()?);
                }
                self.slice(items)
            }
        };
        self.expect_forced(Op::Colon, ":")?;
        let body = self.block("'with' statement", kw.line)?;
        let w = self.alloc(With { items, body });
        Ok(Stmt {
            kind: if is_async {
                StmtKind::AsyncWith(w)
            } else {
                StmtKind::With(w)
            },
            span: self.span_from(start),
        })
    }

    /// `with (a as b, c):` (3.9+). Returns `None`, position unchanged, if the
    /// parenthesis turns out to belong to an expression.
    fn parenthesized_with_items(&mut self) -> PResult<Option<&'a [WithItem<'a>]>> {
        if !self.at_op(Op::LPar) {
            return Ok(None);
        }
        let saved = self.pos;
        let furthest = self.furthest;
        self.advance();
        let mut items = Vec::new();
        let attempt: PResult<()> = (|| {
            loop {
                items.push(self.with_item()?);
                if !self.eat_op(Op::Comma) || self.at_op(Op::RPar) {
                    break;
                }
            }
            self.expect_op(Op::RPar)?;
            Ok(())
        })();
        if attempt.is_ok() && self.at_op(Op::Colon) {
            return Ok(Some(self.slice(items)));
        }
        self.pos = saved;
        self.furthest = furthest;
        Ok(None)
    }

    fn with_item(&mut self) -> PResult<WithItem<'a>> {
        let context_expr = self.expression()?;
        let optional_vars = if self.eat_kw(Kw::As) {
            let target = self.star_target_single()?;
            Some(self.alloc(target))
        } else {
            None
        };
        Ok(WithItem {
            context_expr: self.alloc(context_expr),
            optional_vars,
        })
    }

    /// A single `star_target` (the target of `with ... as`).
    fn star_target_single(&mut self) -> PResult<Expr<'a>> {
        let e = self.bitwise_or()?;
        self.to_target(e, TargetUse::Store)
    }

    fn try_statement(&mut self) -> PResult<Stmt<'a>> {
        let start = self.pos;
        let kw = self.advance();
        self.expect_forced(Op::Colon, ":")?;
        let body = self.block("'try' statement", kw.line)?;
        let mut handlers = Vec::new();
        let mut star: Option<bool> = None;
        while self.at_kw(Kw::Except) {
            let hstart = self.pos;
            let ekw = self.advance();
            let is_star = self.eat_op(Op::Star);
            if let Some(previous) = star
                && previous != is_star
            {
                let t = self.toks[hstart];
                return Err(SyntaxError::at(
                    "cannot have both 'except' and 'except*' on the same 'try'",
                    t.line,
                    t.col,
                ));
            }
            star = Some(is_star);
            let (mut type_, mut name) = (None, None);
            if !self.at_op(Op::Colon) {
                let e = self.expression()?;
                if self.at_op(Op::Comma) {
                    let rest = self.star_expressions_after_comma(e)?;
                    return Err(
                        self.error_at("multiple exception types must be parenthesized", rest)
                    );
                }
                type_ = Some(self.alloc(e));
                if self.eat_kw(Kw::As) {
                    name = Some(self.name()?);
                }
            } else if is_star {
                return Err(self.error_at(
                    "expected one or more exception types",
                    Self::tok_span(self.tok()),
                ));
            }
            self.expect_forced(Op::Colon, ":")?;
            let what = if is_star {
                "'except*' statement"
            } else {
                "'except' statement"
            };
            let hbody = self.block(what, ekw.line)?;
            handlers.push(ExceptHandler {
                type_,
                name,
                body: hbody,
                span: self.span_from(hstart),
            });
        }
        let orelse = if handlers.is_empty() {
            &[]
        } else {
            self.else_block()?
        };
        let finalbody = if self.at_kw(Kw::Finally) {
            let fkw = self.advance();
            self.expect_forced(Op::Colon, ":")?;
            self.block("'finally' statement", fkw.line)?
        } else {
            &[]
        };
        if handlers.is_empty() && finalbody.is_empty() {
            let t = self.tok();
            if t.kind == Tok::EndMarker {
                let last = self.src.trim_end_matches('\n').matches('\n').count() as u32 + 1;
                return Err(
                    SyntaxError::at("expected 'except' or 'finally' block", last, 0)
                        .without_caret(),
                );
            }
            return Err(SyntaxError::at(
                "expected 'except' or 'finally' block",
                t.line,
                t.col,
            ));
        }
        let t = self.alloc(Try {
            body,
            handlers: self.slice(handlers),
            orelse,
            finalbody,
        });
        Ok(Stmt {
            kind: if star == Some(true) {
                StmtKind::TryStar(t)
            } else {
                StmtKind::Try(t)
            },
            span: self.span_from(start),
        })
    }

    fn star_expressions_after_comma(&mut self, first: Expr<'a>) -> PResult<Span> {
        let mut span = first.span;
        while self.eat_op(Op::Comma) {
            if !self.starts_expression() {
                break;
            }
            span = span.to(self.expression()?.span);
        }
        Ok(span)
    }

    // ---- parameters ----

    /// A parameter list, up to (not including) `)` for `def` or `:` for
    /// `lambda` (which allows no annotations).
    pub(super) fn parameters(&mut self, lambda: bool) -> PResult<Arguments<'a>> {
        let end = if lambda { Op::Colon } else { Op::RPar };
        let mut posonly: Vec<Arg<'a>> = Vec::new();
        let mut args: Vec<Arg<'a>> = Vec::new();
        let mut defaults: Vec<Expr<'a>> = Vec::new();
        let mut kwonly: Vec<Arg<'a>> = Vec::new();
        let mut kw_defaults: Vec<Option<&'a Expr<'a>>> = Vec::new();
        let mut vararg = None;
        let mut kwarg = None;
        let mut seen_star = false;
        let mut seen_slash = false;
        while !self.at_op(end) {
            if kwarg.is_some() {
                let t = self.tok();
                return Err(SyntaxError::at(
                    "arguments cannot follow var-keyword argument",
                    t.line,
                    t.col,
                ));
            }
            if self.at_op(Op::Slash) {
                let t = self.advance();
                if seen_slash {
                    return Err(SyntaxError::at("/ may appear only once", t.line, t.col));
                }
                if seen_star {
                    return Err(SyntaxError::at("/ must be ahead of *", t.line, t.col));
                }
                if args.is_empty() {
                    return Err(SyntaxError::at(
                        "at least one argument must precede /",
                        t.line,
                        t.col,
                    ));
                }
                seen_slash = true;
                posonly.append(&mut args);
            } else if self.at_op(Op::Star) {
                let star = self.advance();
                if seen_star {
                    return Err(SyntaxError::at(
                        "* argument may appear only once",
                        star.line,
                        star.col,
                    ));
                }
                seen_star = true;
                if self.kind() == Tok::Name {
                    let v = self.parameter(lambda, true)?;
                    vararg = Some(self.alloc(v));
                } else if self.at_op(Op::Comma)
                    && matches!(
                        self.kind_at(1),
                        Tok::Op(Op::RPar | Op::Colon | Op::DoubleStar)
                    )
                    || self.at_op(end)
                {
                    return Err(SyntaxError::at(
                        "named arguments must follow bare *",
                        star.line,
                        star.col,
                    ));
                }
            } else if self.at_op(Op::DoubleStar) {
                self.advance();
                let k = self.parameter(lambda, false)?;
                kwarg = Some(self.alloc(k));
                if self.at_op(Op::Equal) {
                    let t = self.tok();
                    return Err(SyntaxError::at(
                        "var-keyword argument cannot have default value",
                        t.line,
                        t.col,
                    ));
                }
            } else {
                let arg = self.parameter(lambda, false)?;
                let default = if self.eat_op(Op::Equal) {
                    Some(self.expression()?)
                } else {
                    None
                };
                if seen_star {
                    kwonly.push(arg);
                    kw_defaults.push(default.map(|d| self.alloc(d)));
                } else {
                    match default {
                        Some(d) => defaults.push(d),
                        None if !defaults.is_empty() => {
                            return Err(self.error_at(
                                "non-default argument follows default argument",
                                arg.span,
                            ));
                        }
                        None => {}
                    }
                    args.push(arg);
                }
            }
            if !self.eat_op(Op::Comma) {
                break;
            }
        }
        if seen_star && vararg.is_none() && kwonly.is_empty() {
            let t = self.toks[self.pos.saturating_sub(1)];
            return Err(SyntaxError::at(
                "named arguments must follow bare *",
                t.line,
                t.col,
            ));
        }
        Ok(Arguments {
            posonlyargs: self.slice(posonly),
            args: self.slice(args),
            vararg,
            kwonlyargs: self.slice(kwonly),
            kw_defaults: self.slice(kw_defaults),
            kwarg,
            defaults: self.slice(defaults),
        })
    }

    fn parameter(&mut self, lambda: bool, star: bool) -> PResult<Arg<'a>> {
        let start = self.pos;
        let arg = self.name()?;
        let annotation = if !lambda && self.eat_op(Op::Colon) {
            let a = if star && self.at_op(Op::Star) {
                self.star_expression()?
            } else {
                self.expression()?
            };
            Some(self.alloc(a))
        } else {
            None
        };
        Ok(Arg {
            arg,
            annotation,
            span: self.span_from(start),
        })
    }
}
