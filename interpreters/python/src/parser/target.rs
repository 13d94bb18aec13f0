//! Assignment, deletion and loop targets: an expression parsed as a load is
//! checked and rebuilt with `Store` or `Del` context, with CPython's messages
//! for what cannot be a target.

use super::*;

/// CPython's name for an expression kind in error messages ("function call").
pub(super) fn describe(e: &Expr<'_>) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred { .. } => "starred",
        ExprKind::Name { .. } => "name",
        ExprKind::List { .. } => "list",
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => "yield expression",
        ExprKind::Await { .. } => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set { .. } => "set display",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant { value, .. } => match value {
            Constant::None => "None",
            Constant::True => "True",
            Constant::False => "False",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// Where a target appears: decides the wording of errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TargetUse {
    /// The first target of `a = ...` (CPython suggests `==`).
    FirstAssign,
    /// Any other store target (`for`, `with ... as`, later `=` targets).
    Store,
    Delete,
}

/// The innermost expression that is not a valid target, if any.
fn invalid_part<'e, 'a>(e: &'e Expr<'a>, delete: bool) -> Option<&'e Expr<'a>> {
    match &e.kind {
        ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
        ExprKind::Starred { value, .. } => {
            if delete {
                Some(e)
            } else {
                invalid_part(value, delete)
            }
        }
        ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
            elts.iter().find_map(|x| invalid_part(x, delete))
        }
        _ => Some(e),
    }
}

impl<'a> Parser<'a> {
    /// Checks `e` as a target and returns it rebuilt with context `ctx`.
    pub(super) fn to_target(&self, e: Expr<'a>, usage: TargetUse) -> PResult<Expr<'a>> {
        let delete = usage == TargetUse::Delete;
        if let Some(bad) = invalid_part(&e, delete) {
            let what = describe(bad);
            let msg = match usage {
                TargetUse::Delete => format!("cannot delete {what}"),
                _ if matches!(
                    &bad.kind,
                    ExprKind::Constant {
                        value: Constant::None | Constant::True | Constant::False,
                        ..
                    }
                ) =>
                {
                    format!("cannot assign to {what}")
                }
                _ if matches!(
                    bad.kind,
                    ExprKind::Yield { .. } | ExprKind::YieldFrom { .. }
                ) =>
                {
                    "assignment to yield expression not possible".to_string()
                }
                TargetUse::FirstAssign
                    if !matches!(
                        bad.kind,
                        ExprKind::NamedExpr { .. }
                            | ExprKind::Yield { .. }
                            | ExprKind::YieldFrom { .. }
                    ) =>
                {
                    format!("cannot assign to {what} here. Maybe you meant '==' instead of '='?")
                }
                _ => format!("cannot assign to {what}"),
            };
            return Err(self.error_at(msg, bad.span));
        }
        let ctx = if delete {
            ExprContext::Del
        } else {
            ExprContext::Store
        };
        Ok(self.with_ctx(e, ctx))
    }

    fn with_ctx(&self, e: Expr<'a>, ctx: ExprContext) -> Expr<'a> {
        let span = e.span;
        let kind = match e.kind {
            ExprKind::Name { id, .. } => ExprKind::Name { id, ctx },
            ExprKind::Attribute { value, attr, .. } => ExprKind::Attribute { value, attr, ctx },
            ExprKind::Subscript { value, slice, .. } => ExprKind::Subscript { value, slice, ctx },
            ExprKind::Starred { value, .. } => ExprKind::Starred {
                value: self.alloc(self.with_ctx(value.clone(), ctx)),
                ctx,
            },
            ExprKind::Tuple { elts, .. } => ExprKind::Tuple {
                elts: self.slice(elts.iter().map(|x| self.with_ctx(x.clone(), ctx)).collect()),
                ctx,
            },
            ExprKind::List { elts, .. } => ExprKind::List {
                elts: self.slice(elts.iter().map(|x| self.with_ctx(x.clone(), ctx)).collect()),
                ctx,
            },
            other => other,
        };
        Expr { kind, span }
    }

    /// `star_targets` of `for` loops and comprehensions: comma-separated
    /// `[*]bitwise_or` items (so `in` ends them), as a store target.
    pub(super) fn star_targets(&mut self, _ctx: ExprContext) -> PResult<Expr<'a>> {
        let start = self.pos;
        let first = self.star_target_item()?;
        if !self.at_op(Op::Comma) {
            return self.to_target(first, TargetUse::Store);
        }
        let mut elts = vec![first];
        while self.eat_op(Op::Comma) {
            if !self.starts_expression() {
                break;
            }
            elts.push(self.star_target_item()?);
        }
        let span = self.span_from(start);
        let tuple = self.load_tuple(elts, span);
        self.to_target(tuple, TargetUse::Store)
    }

    fn star_target_item(&mut self) -> PResult<Expr<'a>> {
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
        self.bitwise_or()
    }
}
