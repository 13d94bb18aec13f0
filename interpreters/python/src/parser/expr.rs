//! Expressions: one function per precedence level, loosest first, as the
//! Python reference manual orders them; then primaries, atoms and displays.

use super::*;

fn binop_of(t: Tok) -> Option<(Operator, u8)> {
    // (operator, precedence): higher binds tighter.
    let Tok::Op(op) = t else { return None };
    Some(match op {
        Op::VBar => (Operator::BitOr, 1),
        Op::Circumflex => (Operator::BitXor, 2),
        Op::Amper => (Operator::BitAnd, 3),
        Op::LeftShift => (Operator::LShift, 4),
        Op::RightShift => (Operator::RShift, 4),
        Op::Plus => (Operator::Add, 5),
        Op::Minus => (Operator::Sub, 5),
        Op::Star => (Operator::Mult, 6),
        Op::Slash => (Operator::Div, 6),
        Op::DoubleSlash => (Operator::FloorDiv, 6),
        Op::Percent => (Operator::Mod, 6),
        Op::At => (Operator::MatMult, 6),
        _ => return None,
    })
}

impl<'a> Parser<'a> {
    /// `star_expressions`: a tuple when there is a comma.
    pub(super) fn star_expressions(&mut self) -> PResult<Expr<'a>> {
        let start = self.pos;
        let first = self.star_expression()?;
        if !self.at_op(Op::Comma) {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(Op::Comma) {
            if !self.starts_expression() {
                break;
            }
            elts.push(self.star_expression()?);
        }
        let span = self.span_from(start);
        Ok(self.load_tuple(elts, span))
    }

    pub(super) fn star_expression(&mut self) -> PResult<Expr<'a>> {
        if self.at_op(Op::Star) {
            let start = self.pos;
            self.advance();
            let value = self.bitwise_or()?;
            let span = self.span_from(start);
            return Ok(Self::owned_expr(
                ExprKind::Starred {
                    value: self.alloc(value),
                    ctx: ExprContext::Load,
                },
                span,
            ));
        }
        self.expression()
    }

    /// `star_named_expression`, the element of a list, set or tuple display.
    pub(super) fn star_named_expression(&mut self) -> PResult<Expr<'a>> {
        if self.at_op(Op::Star) {
            return self.star_expression();
        }
        self.named_expression()
    }

    /// Can the current token start an expression? Used to end comma lists.
    pub(super) fn starts_expression(&mut self) -> bool {
        match self.kind() {
            Tok::Name | Tok::Number | Tok::String => true,
            Tok::Kw(kw) => matches!(
                kw,
                Kw::False | Kw::None | Kw::True | Kw::Await | Kw::Lambda | Kw::Not
            ),
            Tok::Op(op) => matches!(
                op,
                Op::LPar
                    | Op::LSqb
                    | Op::LBrace
                    | Op::Minus
                    | Op::Plus
                    | Op::Tilde
                    | Op::Star
                    | Op::Ellipsis
            ),
            _ => false,
        }
    }

    /// `named_expression`: `NAME := expression` or `expression`.
    pub(super) fn named_expression(&mut self) -> PResult<Expr<'a>> {
        if self.kind() == Tok::Name && self.kind_at(1) == Tok::Op(Op::ColonEqual) {
            let start = self.pos;
            let t = self.advance();
            let target = Self::owned_expr(
                ExprKind::Name {
                    id: self.ident(t),
                    ctx: ExprContext::Store,
                },
                Self::tok_span(t),
            );
            self.advance();
            let value = self.expression()?;
            let span = self.span_from(start);
            return Ok(Self::owned_expr(
                ExprKind::NamedExpr {
                    target: self.alloc(target),
                    value: self.alloc(value),
                },
                span,
            ));
        }
        let e = self.expression()?;
        if self.at_op(Op::ColonEqual) {
            let what = super::target::describe(&e);
            return Err(self.error_at(
                format!("cannot use assignment expressions with {what}"),
                e.span,
            ));
        }
        Ok(e)
    }

    /// `expression`: a conditional expression or a lambda.
    pub(super) fn expression(&mut self) -> PResult<Expr<'a>> {
        self.enter()?;
        let result = self.expression_inner();
        self.leave();
        result
    }

    fn expression_inner(&mut self) -> PResult<Expr<'a>> {
        if self.at_kw(Kw::Lambda) {
            return self.lambda();
        }
        let start = self.pos;
        let body = self.disjunction()?;
        if !self.at_kw(Kw::If) {
            return Ok(body);
        }
        self.advance();
        let test = self.disjunction()?;
        if !self.eat_kw(Kw::Else) {
            let t = self.tok();
            if matches!(
                t.kind,
                Tok::Newline | Tok::Op(Op::RPar | Op::RSqb | Op::RBrace | Op::Comma | Op::Colon)
            ) {
                return Err(self.error_at(
                    "expected 'else' after 'if' expression",
                    body.span.to(test.span),
                ));
            }
            return Err(self.syntax_error());
        }
        let orelse = self.expression()?;
        let span = self.span_from(start);
        Ok(Self::owned_expr(
            ExprKind::IfExp {
                test: self.alloc(test),
                body: self.alloc(body),
                orelse: self.alloc(orelse),
            },
            span,
        ))
    }

    fn lambda(&mut self) -> PResult<Expr<'a>> {
        let start = self.pos;
        self.advance();
        let args = self.parameters(true)?;
        self.expect_forced(Op::Colon, ":")?;
        let body = self.expression()?;
        let span = self.span_from(start);
        Ok(Self::owned_expr(
            ExprKind::Lambda {
                args: self.alloc(args),
                body: self.alloc(body),
            },
            span,
        ))
    }

    pub(super) fn disjunction(&mut self) -> PResult<Expr<'a>> {
        self.bool_chain(Kw::Or)
    }

    fn bool_chain(&mut self, kw: Kw) -> PResult<Expr<'a>> {
        let start = self.pos;
        let first = if kw == Kw::Or {
            self.bool_chain(Kw::And)?
        } else {
            self.inversion()?
        };
        if !self.at_kw(kw) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw(kw) {
            values.push(if kw == Kw::Or {
                self.bool_chain(Kw::And)?
            } else {
                self.inversion()?
            });
        }
        let span = self.span_from(start);
        let op = if kw == Kw::Or {
            BoolOp::Or
        } else {
            BoolOp::And
        };
        Ok(Self::owned_expr(
            ExprKind::BoolOp {
                op,
                values: self.slice(values),
            },
            span,
        ))
    }

    fn inversion(&mut self) -> PResult<Expr<'a>> {
        if self.at_kw(Kw::Not) {
            let start = self.pos;
            self.advance();
            self.enter()?;
            let operand = self.inversion();
            self.leave();
            let operand = operand?;
            let span = self.span_from(start);
            return Ok(Self::owned_expr(
                ExprKind::UnaryOp {
                    op: UnaryOp::Not,
                    operand: self.alloc(operand),
                },
                span,
            ));
        }
        self.comparison()
    }

    fn comparison_op(&mut self) -> Option<CmpOp> {
        let op = match self.kind() {
            Tok::Op(Op::EqEqual) => CmpOp::Eq,
            Tok::Op(Op::NotEqual) => {
                if self.text(self.tok()) == "<>" {
                    return None;
                }
                CmpOp::NotEq
            }
            Tok::Op(Op::Less) => CmpOp::Lt,
            Tok::Op(Op::LessEqual) => CmpOp::LtE,
            Tok::Op(Op::Greater) => CmpOp::Gt,
            Tok::Op(Op::GreaterEqual) => CmpOp::GtE,
            Tok::Kw(Kw::In) => CmpOp::In,
            Tok::Kw(Kw::Is) => {
                if self.kind_at(1) == Tok::Kw(Kw::Not) {
                    self.advance();
                    CmpOp::IsNot
                } else {
                    CmpOp::Is
                }
            }
            Tok::Kw(Kw::Not) if self.kind_at(1) == Tok::Kw(Kw::In) => {
                self.advance();
                CmpOp::NotIn
            }
            _ => return None,
        };
        self.advance();
        Some(op)
    }

    fn comparison(&mut self) -> PResult<Expr<'a>> {
        let start = self.pos;
        let left = self.bitwise_or()?;
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        while let Some(op) = self.comparison_op() {
            ops.push(op);
            comparators.push(self.bitwise_or()?);
        }
        if ops.is_empty() {
            return Ok(left);
        }
        let span = self.span_from(start);
        Ok(Self::owned_expr(
            ExprKind::Compare {
                left: self.alloc(left),
                ops: self.slice(ops),
                comparators: self.slice(comparators),
            },
            span,
        ))
    }

    /// `bitwise_or` and every binary-operator level below it, by precedence
    /// climbing.
    pub(super) fn bitwise_or(&mut self) -> PResult<Expr<'a>> {
        self.binary(1)
    }

    fn binary(&mut self, min_prec: u8) -> PResult<Expr<'a>> {
        // Spans run from the first token of the left operand (its opening
        // parenthesis included) to the last token consumed, as CPython's do.
        let start = self.pos;
        let mut left = self.factor()?;
        loop {
            let kind = self.kind();
            let Some((op, prec)) = binop_of(kind) else {
                break;
            };
            if prec < min_prec {
                break;
            }
            self.advance();
            let right = self.binary(prec + 1)?;
            let span = self.span_from(start);
            left = Self::owned_expr(
                ExprKind::BinOp {
                    left: self.alloc(left),
                    op,
                    right: self.alloc(right),
                },
                span,
            );
        }
        Ok(left)
    }

    fn factor(&mut self) -> PResult<Expr<'a>> {
        let op = match self.kind() {
            Tok::Op(Op::Plus) => UnaryOp::UAdd,
            Tok::Op(Op::Minus) => UnaryOp::USub,
            Tok::Op(Op::Tilde) => UnaryOp::Invert,
            _ => return self.power(),
        };
        let start = self.pos;
        self.advance();
        self.enter()?;
        let operand = self.factor();
        self.leave();
        let operand = operand?;
        let span = self.span_from(start);
        Ok(Self::owned_expr(
            ExprKind::UnaryOp {
                op,
                operand: self.alloc(operand),
            },
            span,
        ))
    }

    fn power(&mut self) -> PResult<Expr<'a>> {
        let start = self.pos;
        let left = self.await_primary()?;
        if !self.eat_op(Op::DoubleStar) {
            return Ok(left);
        }
        self.enter()?;
        let right = self.factor();
        self.leave();
        let right = right?;
        let span = self.span_from(start);
        Ok(Self::owned_expr(
            ExprKind::BinOp {
                left: self.alloc(left),
                op: Operator::Pow,
                right: self.alloc(right),
            },
            span,
        ))
    }

    fn await_primary(&mut self) -> PResult<Expr<'a>> {
        if self.at_kw(Kw::Await) {
            let start = self.pos;
            self.advance();
            let value = self.primary()?;
            let span = self.span_from(start);
            return Ok(Self::owned_expr(
                ExprKind::Await {
                    value: self.alloc(value),
                },
                span,
            ));
        }
        self.primary()
    }

    /// An atom followed by attribute, call and subscript trailers.
    pub(super) fn primary(&mut self) -> PResult<Expr<'a>> {
        let start = self.pos;
        let mut e = self.atom()?;
        loop {
            match self.kind() {
                Tok::Op(Op::Dot) => {
                    self.advance();
                    let attr = self.name()?;
                    let span = self.span_from(start);
                    e = Self::owned_expr(
                        ExprKind::Attribute {
                            value: self.alloc(e),
                            attr,
                            ctx: ExprContext::Load,
                        },
                        span,
                    );
                }
                Tok::Op(Op::LPar) => {
                    let paren = self.pos;
                    self.advance();
                    let (args, keywords) = self.call_arguments(paren)?;
                    self.expect_op(Op::RPar)?;
                    let span = self.span_from(start);
                    e = Self::owned_expr(
                        ExprKind::Call {
                            func: self.alloc(e),
                            args,
                            keywords,
                        },
                        span,
                    );
                }
                Tok::Op(Op::LSqb) => {
                    self.advance();
                    let slice = self.slices()?;
                    self.expect_op(Op::RSqb)?;
                    let span = self.span_from(start);
                    e = Self::owned_expr(
                        ExprKind::Subscript {
                            value: self.alloc(e),
                            slice: self.alloc(slice),
                            ctx: ExprContext::Load,
                        },
                        span,
                    );
                }
                _ => return Ok(e),
            }
        }
    }

    fn slices(&mut self) -> PResult<Expr<'a>> {
        let start = self.pos;
        let first = self.slice_item()?;
        if !self.at_op(Op::Comma) {
            if let ExprKind::Starred { .. } = first.kind {
                // `a[*b]` subscripts with a one-element tuple.
                let span = first.span;
                return Ok(self.load_tuple(vec![first], span));
            }
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(Op::Comma) {
            if self.at_op(Op::RSqb) {
                break;
            }
            elts.push(self.slice_item()?);
        }
        let span = self.span_from(start);
        Ok(self.load_tuple(elts, span))
    }

    fn slice_item(&mut self) -> PResult<Expr<'a>> {
        let start = self.pos;
        if self.at_op(Op::Star) {
            return self.star_expression();
        }
        let lower = if self.at_op(Op::Colon) {
            None
        } else {
            Some(self.named_expression()?)
        };
        if !self.at_op(Op::Colon) {
            return lower.ok_or_else(|| self.syntax_error());
        }
        if matches!(
            lower.as_ref().map(|e| &e.kind),
            Some(ExprKind::NamedExpr { .. })
        ) {
            return Err(self.syntax_error());
        }
        self.advance();
        let upper = if matches!(self.kind(), Tok::Op(Op::Colon | Op::Comma | Op::RSqb)) {
            None
        } else {
            Some(self.expression()?)
        };
        let mut step = None;
        if self.eat_op(Op::Colon) && !matches!(self.kind(), Tok::Op(Op::Comma | Op::RSqb)) {
            step = Some(self.expression()?);
        }
        let span = self.span_from(start);
        Ok(Self::owned_expr(
            ExprKind::Slice {
                lower: lower.map(|e| self.alloc(e)),
                upper: upper.map(|e| self.alloc(e)),
                step: step.map(|e| self.alloc(e)),
            },
            span,
        ))
    }

    /// The arguments of a call, after its `(` (token index `paren`).
    fn call_arguments(&mut self, paren: usize) -> PResult<(&'a [Expr<'a>], &'a [Keyword<'a>])> {
        let mut args = Vec::new();
        let mut keywords: Vec<Keyword<'a>> = Vec::new();
        let mut seen_double_star = false;
        let mut seen_keyword = false;
        let mut bare_genexp = false;
        while !self.at_op(Op::RPar) {
            let start = self.pos;
            if self.at_op(Op::DoubleStar) {
                self.advance();
                let value = self.expression()?;
                let span = self.span_from(start);
                keywords.push(Keyword {
                    arg: None,
                    value: self.alloc(value),
                    span,
                });
                seen_double_star = true;
            } else if self.at_op(Op::Star) {
                self.advance();
                let value = self.expression()?;
                let span = self.span_from(start);
                if seen_double_star {
                    let star = self.toks[start];
                    return Err(SyntaxError::at(
                        "iterable argument unpacking follows keyword argument unpacking",
                        star.line,
                        star.col,
                    ));
                }
                args.push(Self::owned_expr(
                    ExprKind::Starred {
                        value: self.alloc(value),
                        ctx: ExprContext::Load,
                    },
                    span,
                ));
            } else if self.kind() == Tok::Name && self.kind_at(1) == Tok::Op(Op::Equal) {
                let name = self.advance();
                self.advance();
                let value = self.expression()?;
                let span = self.span_from(start);
                keywords.push(Keyword {
                    arg: Some(self.ident(name)),
                    value: self.alloc(value),
                    span,
                });
                seen_keyword = true;
            } else {
                let value = self.named_expression()?;
                if self.starts_expression() && !matches!(self.kind(), Tok::Kw(_)) {
                    return Err(self.missing_comma(start, &value));
                }
                if self.at_op(Op::Equal) {
                    let msg = match &value.kind {
                        ExprKind::Constant {
                            value: Constant::True | Constant::False | Constant::None,
                            ..
                        } => format!("cannot assign to {}", super::target::describe(&value)),
                        _ => "expression cannot contain assignment, perhaps you meant \"==\"?"
                            .to_string(),
                    };
                    let eq = self.tok();
                    let span = value.span.to(Self::tok_span(eq));
                    return Err(self.error_at(msg, span));
                }
                if self.at_kw(Kw::For) || self.at_kw(Kw::Async) {
                    let generators = self.comprehension_clauses()?;
                    let lone = args.is_empty() && keywords.is_empty() && self.at_op(Op::RPar);
                    if !lone {
                        let span = value.span.to(self.span_from(start));
                        return Err(
                            self.error_at("Generator expression must be parenthesized", span)
                        );
                    }
                    // The generator's span is the call's parentheses.
                    bare_genexp = true;
                    self.advance();
                    let span = self.span_from(paren);
                    self.pos -= 1;
                    args.push(Self::owned_expr(
                        ExprKind::GeneratorExp {
                            elt: self.alloc(value),
                            generators,
                        },
                        span,
                    ));
                } else {
                    if seen_double_star || seen_keyword {
                        // CPython reports these at the token after the argument.
                        let next = self.tok();
                        let msg = if seen_double_star {
                            "positional argument follows keyword argument unpacking"
                        } else {
                            "positional argument follows keyword argument"
                        };
                        return Err(SyntaxError::at(msg, next.line, next.col));
                    }
                    args.push(value);
                }
            }
            if !self.eat_op(Op::Comma) {
                break;
            }
            if bare_genexp && !self.at_op(Op::RPar) {
                let span = args[0].span;
                return Err(self.error_at("Generator expression must be parenthesized", span));
            }
        }
        Ok((self.slice(args), self.slice(keywords)))
    }

    /// `for_if_clauses`: one or more `[async] for targets in iter [if cond]*`.
    pub(super) fn comprehension_clauses(&mut self) -> PResult<&'a [Comprehension<'a>]> {
        let mut clauses = Vec::new();
        loop {
            let is_async = if self.at_kw(Kw::Async) && self.kind_at(1) == Tok::Kw(Kw::For) {
                self.advance();
                true
            } else {
                false
            };
            if !self.eat_kw(Kw::For) {
                break;
            }
            let target = self.star_targets(ExprContext::Store)?;
            if !self.eat_kw(Kw::In) {
                return Err(self.syntax_error());
            }
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat_kw(Kw::If) {
                ifs.push(self.disjunction()?);
            }
            clauses.push(Comprehension {
                target: self.alloc(target),
                iter: self.alloc(iter),
                ifs: self.slice(ifs),
                is_async,
            });
        }
        Ok(self.slice(clauses))
    }

    fn atom(&mut self) -> PResult<Expr<'a>> {
        let t = self.tok();
        let span = Self::tok_span(t);
        let constant = |value| ExprKind::Constant { value, kind: None };
        let kind = match self.kind() {
            Tok::Name => ExprKind::Name {
                id: self.ident(t),
                ctx: ExprContext::Load,
            },
            Tok::Number => {
                let value = self.number(t)?;
                constant(value)
            }
            Tok::String => return self.strings(),
            Tok::Kw(Kw::True) => constant(Constant::True),
            Tok::Kw(Kw::False) => constant(Constant::False),
            Tok::Kw(Kw::None) => constant(Constant::None),
            Tok::Op(Op::Ellipsis) => constant(Constant::Ellipsis),
            Tok::Op(Op::LPar) => return self.paren_atom(),
            Tok::Op(Op::LSqb) => return self.list_atom(),
            Tok::Op(Op::LBrace) => return self.brace_atom(),
            _ => return Err(self.syntax_error()),
        };
        self.advance();
        Ok(Self::owned_expr(kind, span))
    }

    /// Inside brackets, `a b` where `b` parses as an expression: CPython's
    /// "Perhaps you forgot a comma?" over both; otherwise the generic error.
    fn missing_comma(&mut self, first_tok: usize, a: &Expr<'a>) -> SyntaxError {
        let legacy_or_soft = matches!(self.toks[first_tok].kind, Tok::Name)
            && (matches!(self.kind(), Tok::String)
                || matches!(
                    self.text(self.toks[first_tok]),
                    "match" | "case" | "_" | "print" | "exec"
                ));
        if !self.starts_expression() || legacy_or_soft {
            return self.syntax_error();
        }
        let saved = self.pos;
        let furthest = self.furthest;
        let b = self.expression();
        self.pos = saved;
        let keyword_like =
            self.toks[(saved + 1).min(self.toks.len() - 1)].kind == Tok::Op(Op::Equal);
        match b {
            Ok(b) if !keyword_like => {
                self.furthest = furthest;
                self.error_at(
                    "invalid syntax. Perhaps you forgot a comma?",
                    a.span.to(b.span),
                )
            }
            _ => self.syntax_error(),
        }
    }

    /// `(...)`: a group, a tuple, a generator expression or a yield.
    fn paren_atom(&mut self) -> PResult<Expr<'a>> {
        let start = self.pos;
        self.advance();
        if self.eat_op(Op::RPar) {
            let span = self.span_from(start);
            return Ok(self.load_tuple(Vec::new(), span));
        }
        if self.at_kw(Kw::Yield) {
            let e = self.yield_expr()?;
            self.expect_op(Op::RPar)?;
            return Ok(e);
        }
        let first = self.star_named_expression()?;
        if self.at_kw(Kw::For) || self.at_kw(Kw::Async) {
            let generators = self.comprehension_clauses()?;
            self.expect_op(Op::RPar)?;
            let span = self.span_from(start);
            return Ok(Self::owned_expr(
                ExprKind::GeneratorExp {
                    elt: self.alloc(first),
                    generators,
                },
                span,
            ));
        }
        if self.eat_op(Op::RPar) {
            if let ExprKind::Starred { .. } = first.kind {
                return Err(self.error_at("cannot use starred expression here", first.span));
            }
            return Ok(first);
        }
        if !self.at_op(Op::Comma) {
            return Err(self.missing_comma(start + 1, &first));
        }
        let mut elts = vec![first];
        self.more_display_elements(&mut elts, Op::RPar)?;
        self.expect_op(Op::RPar)?;
        let span = self.span_from(start);
        Ok(self.load_tuple(elts, span))
    }

    /// The elements after the first of a tuple or list display: `, elt`
    /// repeated up to `closer` (which is left for the caller), a trailing
    /// comma allowed. An element followed by neither a comma nor `closer`
    /// gets CPython's "Perhaps you forgot a comma?" error.
    fn more_display_elements(&mut self, elts: &mut Vec<Expr<'a>>, closer: Op) -> PResult<()> {
        while self.eat_op(Op::Comma) {
            if self.at_op(closer) {
                break;
            }
            let at = self.pos;
            let e = self.star_named_expression()?;
            if !self.at_op(Op::Comma) && !self.at_op(closer) {
                return Err(self.missing_comma(at, &e));
            }
            elts.push(e);
        }
        Ok(())
    }

    fn list_atom(&mut self) -> PResult<Expr<'a>> {
        let start = self.pos;
        self.advance();
        let mut elts = Vec::new();
        if !self.at_op(Op::RSqb) {
            let first = self.star_named_expression()?;
            if self.at_kw(Kw::For) || self.at_kw(Kw::Async) {
                let generators = self.comprehension_clauses()?;
                self.expect_op(Op::RSqb)?;
                let span = self.span_from(start);
                return Ok(Self::owned_expr(
                    ExprKind::ListComp {
                        elt: self.alloc(first),
                        generators,
                    },
                    span,
                ));
            }
            if !matches!(self.kind(), Tok::Op(Op::Comma | Op::RSqb)) {
                return Err(self.missing_comma(start + 1, &first));
            }
            elts.push(first);
            self.more_display_elements(&mut elts, Op::RSqb)?;
        }
        self.expect_op(Op::RSqb)?;
        let span = self.span_from(start);
        Ok(Self::owned_expr(
            ExprKind::List {
                elts: self.slice(elts),
                ctx: ExprContext::Load,
            },
            span,
        ))
    }

    /// `{...}`: a dict, set, or dict/set comprehension.
    fn brace_atom(&mut self) -> PResult<Expr<'a>> {
        let start = self.pos;
        self.advance();
        if self.eat_op(Op::RBrace) {
            let span = self.span_from(start);
            return Ok(Self::owned_expr(
                ExprKind::Dict {
                    keys: &[],
                    values: &[],
                },
                span,
            ));
        }
        // The first item decides between dict and set.
        let (first_key, first_value) = if self.at_op(Op::DoubleStar) {
            self.advance();
            let value = self.bitwise_or()?;
            if self.at_kw(Kw::For) || self.at_kw(Kw::Async) {
                return Err(self.error_at(
                    "dict unpacking cannot be used in dict comprehension",
                    value.span,
                ));
            }
            (None, Some(value))
        } else {
            let first = self.star_named_expression()?;
            if self.eat_op(Op::Colon) {
                let value = self.expression()?;
                (Some(first), Some(value))
            } else {
                (Some(first), None)
            }
        };
        match (first_key, first_value) {
            (Some(key), Some(value)) if self.at_kw(Kw::For) || self.at_kw(Kw::Async) => {
                let generators = self.comprehension_clauses()?;
                self.expect_op(Op::RBrace)?;
                let span = self.span_from(start);
                Ok(Self::owned_expr(
                    ExprKind::DictComp {
                        key: self.alloc(key),
                        value: self.alloc(value),
                        generators,
                    },
                    span,
                ))
            }
            (key, Some(value)) => {
                let mut keys = vec![key];
                let mut values = vec![value];
                while self.eat_op(Op::Comma) {
                    if self.at_op(Op::RBrace) {
                        break;
                    }
                    if self.eat_op(Op::DoubleStar) {
                        keys.push(None);
                        values.push(self.bitwise_or()?);
                    } else {
                        let key = self.expression()?;
                        if !self.at_op(Op::Colon) {
                            return Err(SyntaxError::at(
                                "':' expected after dictionary key",
                                key.span.end_lineno,
                                key.span.end_col_offset.saturating_sub(1),
                            ));
                        }
                        self.advance();
                        keys.push(Some(key));
                        values.push(self.expression()?);
                    }
                }
                self.expect_op(Op::RBrace)?;
                let span = self.span_from(start);
                let keys: Vec<Option<&'a Expr<'a>>> =
                    keys.into_iter().map(|k| k.map(|k| self.alloc(k))).collect();
                Ok(Self::owned_expr(
                    ExprKind::Dict {
                        keys: self.slice(keys),
                        values: self.slice(values),
                    },
                    span,
                ))
            }
            (Some(first), None) => {
                if self.at_kw(Kw::For) || self.at_kw(Kw::Async) {
                    let generators = self.comprehension_clauses()?;
                    self.expect_op(Op::RBrace)?;
                    let span = self.span_from(start);
                    return Ok(Self::owned_expr(
                        ExprKind::SetComp {
                            elt: self.alloc(first),
                            generators,
                        },
                        span,
                    ));
                }
                let mut elts = vec![first];
                while self.eat_op(Op::Comma) {
                    if self.at_op(Op::RBrace) {
                        break;
                    }
                    elts.push(self.star_named_expression()?);
                }
                self.expect_op(Op::RBrace)?;
                let span = self.span_from(start);
                Ok(Self::owned_expr(
                    ExprKind::Set {
                        elts: self.slice(elts),
                    },
                    span,
                ))
            }
            (None, None) => Err(self.syntax_error()),
        }
    }

    /// `yield [star_expressions]` or `yield from expression`.
    pub(super) fn yield_expr(&mut self) -> PResult<Expr<'a>> {
        let start = self.pos;
        self.advance();
        if self.eat_kw(Kw::From) {
            let value = self.expression()?;
            let span = self.span_from(start);
            return Ok(Self::owned_expr(
                ExprKind::YieldFrom {
                    value: self.alloc(value),
                },
                span,
            ));
        }
        let value = if self.starts_expression() {
            Some(self.star_expressions()?)
        } else {
            None
        };
        let span = self.span_from(start);
        Ok(Self::owned_expr(
            ExprKind::Yield {
                value: value.map(|v| self.alloc(v)),
            },
            span,
        ))
    }
}
