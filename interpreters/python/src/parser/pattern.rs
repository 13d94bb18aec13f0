//! The `match` statement (soft keywords `match`, `case`, `_`) and its patterns.

use super::*;

impl<'a> Parser<'a> {
    /// Tries `match subject: NEWLINE INDENT case... DEDENT`. Returns `None`
    /// (position unchanged) if the line is not a match statement header, so the
    /// caller can parse it as an expression statement instead.
    pub(super) fn try_match_statement(&mut self) -> PResult<Option<Stmt<'a>>> {
        let start = self.pos;
        let furthest = self.furthest;
        let match_tok = self.advance();
        let subject = match self.match_subject() {
            Ok(subject) if self.at_op(Op::Colon) => subject,
            _ => {
                self.pos = start;
                self.furthest = furthest;
                return Ok(None);
            }
        };
        self.advance();
        if self.kind() != Tok::Newline {
            return Err(self.syntax_error());
        }
        self.advance();
        if self.kind() != Tok::Indent {
            let t = self.tok();
            return Err(SyntaxError::at(
                format!(
                    "expected an indented block after 'match' statement on line {}",
                    match_tok.line
                ),
                t.line,
                t.col,
            )
            .with_class(ErrorClass::IndentationError));
        }
        self.advance();
        let mut cases = Vec::new();
        while self.at_soft("case") {
            cases.push(self.case_block()?);
        }
        if self.kind() != Tok::Dedent || cases.is_empty() {
            return Err(self.syntax_error());
        }
        self.advance();
        let span = self.span_from(start);
        Ok(Some(Stmt {
            kind: StmtKind::Match {
                subject: self.alloc(subject),
                cases: self.slice(cases),
            },
            span,
        }))
    }

    fn match_subject(&mut self) -> PResult<Expr<'a>> {
        let start = self.pos;
        let first = self.star_named_expression()?;
        if !self.at_op(Op::Comma) {
            if let ExprKind::Starred { .. } = first.kind {
                return Err(self.syntax_error());
            }
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(Op::Comma) {
            if self.at_op(Op::Colon) {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        let span = self.span_from(start);
        Ok(self.load_tuple(elts, span))
    }

    fn case_block(&mut self) -> PResult<MatchCase<'a>> {
        let case = self.advance();
        let pattern = self.patterns()?;
        let guard = if self.eat_kw(Kw::If) {
            Some(self.named_expression()?)
        } else {
            None
        };
        self.expect_forced(Op::Colon, ":")?;
        let body = self.block_for_case(case.line)?;
        Ok(MatchCase {
            pattern: self.alloc(pattern),
            guard: guard.map(|g| self.alloc(g)),
            body,
        })
    }

    fn block_for_case(&mut self, line: u32) -> PResult<&'a [Stmt<'a>]> {
        self.block_named("'case' statement", line)
    }

    /// `patterns`: an open sequence (`case a, b:`) or one pattern.
    fn patterns(&mut self) -> PResult<Pattern<'a>> {
        let start = self.pos;
        let first = self.maybe_star_pattern()?;
        if !self.at_op(Op::Comma) {
            return Ok(self.star_alone_is_sequence(first, start));
        }
        let items = self.sequence_items(first, |p| {
            matches!(p.kind(), Tok::Op(Op::Colon)) || p.at_kw(Kw::If)
        })?;
        Ok(self.sequence_pattern(items, start))
    }

    /// The items of a sequence pattern after its first: while a comma
    /// follows, the next item, unless `end` says the sequence ends there
    /// (a trailing comma).
    fn sequence_items(
        &mut self,
        first: Pattern<'a>,
        end: impl Fn(&mut Self) -> bool,
    ) -> PResult<Vec<Pattern<'a>>> {
        let mut items = vec![first];
        while self.eat_op(Op::Comma) {
            if end(self) {
                break;
            }
            items.push(self.maybe_star_pattern()?);
        }
        Ok(items)
    }

    /// A sequence pattern of `items` from token `start` to here.
    fn sequence_pattern(&mut self, items: Vec<Pattern<'a>>, start: usize) -> Pattern<'a> {
        let span = self.span_from(start);
        Pattern {
            kind: PatternKind::MatchSequence {
                patterns: self.slice(items),
            },
            span,
        }
    }

    /// A lone pattern where a sequence may stand (`case *x:`, `case (*x):`):
    /// a star pattern makes a sequence of one, anything else stays itself.
    fn star_alone_is_sequence(&mut self, pattern: Pattern<'a>, start: usize) -> Pattern<'a> {
        if let PatternKind::MatchStar { .. } = pattern.kind {
            return self.sequence_pattern(vec![pattern], start);
        }
        pattern
    }

    fn maybe_star_pattern(&mut self) -> PResult<Pattern<'a>> {
        if self.at_op(Op::Star) {
            let start = self.pos;
            self.advance();
            let name = self.name()?;
            let name = if name == "_" { None } else { Some(name) };
            return Ok(Pattern {
                kind: PatternKind::MatchStar { name },
                span: self.span_from(start),
            });
        }
        self.pattern()
    }

    /// `pattern: or_pattern ['as' NAME]`
    fn pattern(&mut self) -> PResult<Pattern<'a>> {
        self.enter()?;
        let result = self.pattern_inner();
        self.leave();
        result
    }

    fn pattern_inner(&mut self) -> PResult<Pattern<'a>> {
        let start = self.pos;
        let or = self.or_pattern()?;
        if !self.eat_kw(Kw::As) {
            return Ok(or);
        }
        let t = self.tok();
        let name = self.name()?;
        if name == "_" {
            return Err(SyntaxError::at("cannot use '_' as a target", t.line, t.col));
        }
        let span = self.span_from(start);
        Ok(Pattern {
            kind: PatternKind::MatchAs {
                pattern: Some(self.alloc(or)),
                name: Some(name),
            },
            span,
        })
    }

    fn or_pattern(&mut self) -> PResult<Pattern<'a>> {
        let start = self.pos;
        let first = self.closed_pattern()?;
        if !self.at_op(Op::VBar) {
            return Ok(first);
        }
        let mut alternatives = vec![first];
        while self.eat_op(Op::VBar) {
            alternatives.push(self.closed_pattern()?);
        }
        let span = self.span_from(start);
        Ok(Pattern {
            kind: PatternKind::MatchOr {
                patterns: self.slice(alternatives),
            },
            span,
        })
    }

    fn closed_pattern(&mut self) -> PResult<Pattern<'a>> {
        let start = self.pos;
        let value = |p: &mut Self, e: Expr<'a>| -> PResult<Pattern<'a>> {
            let span = e.span;
            Ok(Pattern {
                kind: PatternKind::MatchValue { value: p.alloc(e) },
                span,
            })
        };
        match self.kind() {
            Tok::Kw(kw @ (Kw::None | Kw::True | Kw::False)) => {
                let t = self.advance();
                let value = match kw {
                    Kw::None => Constant::None,
                    Kw::True => Constant::True,
                    _ => Constant::False,
                };
                Ok(Pattern {
                    kind: PatternKind::MatchSingleton { value },
                    span: Self::tok_span(t),
                })
            }
            Tok::Number | Tok::Op(Op::Minus) => {
                let e = self.signed_number_pattern()?;
                value(self, e)
            }
            Tok::String => {
                let e = self.strings()?;
                if let ExprKind::JoinedStr { .. } = e.kind {
                    return Err(self.error_at(
                        "patterns may only match literals and attribute lookups",
                        e.span,
                    ));
                }
                value(self, e)
            }
            Tok::Name => {
                let name_tok = self.tok();
                let (e, dotted) = self.attribute_chain(start)?;
                if self.at_op(Op::LPar) {
                    return self.class_pattern(e, start);
                }
                if dotted {
                    return value(self, e);
                }
                let id = self.ident(name_tok);
                let name = if id == "_" { None } else { Some(id) };
                Ok(Pattern {
                    kind: PatternKind::MatchAs {
                        pattern: None,
                        name,
                    },
                    span: Self::tok_span(name_tok),
                })
            }
            Tok::Op(Op::LPar) => {
                self.advance();
                if self.eat_op(Op::RPar) {
                    return Ok(Pattern {
                        kind: PatternKind::MatchSequence { patterns: &[] },
                        span: self.span_from(start),
                    });
                }
                let first = self.maybe_star_pattern()?;
                if self.eat_op(Op::RPar) {
                    // A group: the inner pattern keeps its own span.
                    return Ok(self.star_alone_is_sequence(first, start));
                }
                let items = self.sequence_items(first, |p| p.at_op(Op::RPar))?;
                self.expect_op(Op::RPar)?;
                Ok(self.sequence_pattern(items, start))
            }
            Tok::Op(Op::LSqb) => {
                self.advance();
                let mut items = Vec::new();
                if !self.at_op(Op::RSqb) {
                    let first = self.maybe_star_pattern()?;
                    items = self.sequence_items(first, |p| p.at_op(Op::RSqb))?;
                }
                self.expect_op(Op::RSqb)?;
                Ok(self.sequence_pattern(items, start))
            }
            Tok::Op(Op::LBrace) => self.mapping_pattern(),
            _ => Err(self.syntax_error()),
        }
    }

    /// A number, `-number`, or a complex literal `[-]real (+|-) imag`.
    fn signed_number_pattern(&mut self) -> PResult<Expr<'a>> {
        let start = self.pos;
        let negative = self.eat_op(Op::Minus);
        if self.kind() != Tok::Number {
            return Err(self.syntax_error());
        }
        let t = self.advance();
        let number = Self::owned_expr(
            ExprKind::Constant {
                value: self.number(t)?,
                kind: None,
            },
            Self::tok_span(t),
        );
        let real = if negative {
            let span = self.span_from(start);
            Self::owned_expr(
                ExprKind::UnaryOp {
                    op: UnaryOp::USub,
                    operand: self.alloc(number),
                },
                span,
            )
        } else {
            number
        };
        let op = match self.kind() {
            Tok::Op(Op::Plus) => Operator::Add,
            Tok::Op(Op::Minus) => Operator::Sub,
            _ => return Ok(real),
        };
        self.advance();
        if self.kind() != Tok::Number {
            return Err(self.syntax_error());
        }
        let t = self.advance();
        let imag = self.number(t)?;
        if !matches!(imag, Constant::Complex { .. }) {
            return Err(self.error_at(
                "imaginary number required in complex literal",
                Self::tok_span(t),
            ));
        }
        let imag = Self::owned_expr(
            ExprKind::Constant {
                value: imag,
                kind: None,
            },
            Self::tok_span(t),
        );
        let span = self.span_from(start);
        Ok(Self::owned_expr(
            ExprKind::BinOp {
                left: self.alloc(real),
                op,
                right: self.alloc(imag),
            },
            span,
        ))
    }

    fn mapping_pattern(&mut self) -> PResult<Pattern<'a>> {
        let start = self.pos;
        self.advance();
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        let mut rest = None;
        while !self.at_op(Op::RBrace) {
            if self.eat_op(Op::DoubleStar) {
                rest = Some(self.name()?);
                self.eat_op(Op::Comma);
                break;
            }
            let key = match self.kind() {
                Tok::Kw(kw @ (Kw::None | Kw::True | Kw::False)) => {
                    let t = self.advance();
                    let value = match kw {
                        Kw::None => Constant::None,
                        Kw::True => Constant::True,
                        _ => Constant::False,
                    };
                    Self::owned_expr(ExprKind::Constant { value, kind: None }, Self::tok_span(t))
                }
                Tok::Number | Tok::Op(Op::Minus) => self.signed_number_pattern()?,
                Tok::String => self.strings()?,
                Tok::Name => {
                    // a key is a literal or a dotted name, never a capture
                    let (e, dotted) = self.attribute_chain(self.pos)?;
                    if !dotted {
                        return Err(self.syntax_error());
                    }
                    e
                }
                _ => return Err(self.syntax_error()),
            };
            self.expect_op(Op::Colon)?;
            keys.push(key);
            patterns.push(self.pattern()?);
            if !self.eat_op(Op::Comma) {
                break;
            }
        }
        self.expect_op(Op::RBrace)?;
        Ok(Pattern {
            kind: PatternKind::MatchMapping {
                keys: self.slice(keys),
                patterns: self.slice(patterns),
                rest,
            },
            span: self.span_from(start),
        })
    }

    /// `NAME ('.' NAME)*` from the name token at `start`: the name or the
    /// attribute chain as a load, and whether it had a dot.
    fn attribute_chain(&mut self, start: usize) -> PResult<(Expr<'a>, bool)> {
        let name_tok = self.advance();
        let mut e = Self::owned_expr(
            ExprKind::Name {
                id: self.ident(name_tok),
                ctx: ExprContext::Load,
            },
            Self::tok_span(name_tok),
        );
        let mut dotted = false;
        while self.eat_op(Op::Dot) {
            let attr = self.name()?;
            dotted = true;
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
        Ok((e, dotted))
    }

    fn class_pattern(&mut self, cls: Expr<'a>, start: usize) -> PResult<Pattern<'a>> {
        self.advance();
        let mut patterns = Vec::new();
        let mut kwd_attrs = Vec::new();
        let mut kwd_patterns = Vec::new();
        while !self.at_op(Op::RPar) {
            if self.kind() == Tok::Name && self.kind_at(1) == Tok::Op(Op::Equal) {
                let name = self.name()?;
                self.advance();
                kwd_attrs.push(name);
                kwd_patterns.push(self.pattern()?);
            } else {
                let p = self.pattern()?;
                if !kwd_attrs.is_empty() {
                    return Err(
                        self.error_at("positional patterns follow keyword patterns", p.span)
                    );
                }
                patterns.push(p);
            }
            if !self.eat_op(Op::Comma) {
                break;
            }
        }
        self.expect_op(Op::RPar)?;
        Ok(Pattern {
            kind: PatternKind::MatchClass {
                cls: self.alloc(cls),
                patterns: self.slice(patterns),
                kwd_attrs: self.slice(kwd_attrs),
                kwd_patterns: self.slice(kwd_patterns),
            },
            span: self.span_from(start),
        })
    }
}
