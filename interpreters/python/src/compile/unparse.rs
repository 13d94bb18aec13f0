//! Expression to source text, as CPython's ast_unparse.c writes it: the value
//! of an annotation under `from __future__ import annotations` (PEP 563).
//!
//! The output is the canonical form, not the original text: one space around
//! binary operators, no redundant parentheses (each node is wrapped only when
//! its precedence is lower than its context requires), string constants as
//! their `repr`.

use super::bytecode::Const;
use super::codegen::constant_of;
use crate::ast::*;

// Precedence levels, lowest first (CPython's `enum` in ast_unparse.c).
const TUPLE: u8 = 0;
const TEST: u8 = 1;
const OR: u8 = 2;
const AND: u8 = 3;
const NOT: u8 = 4;
const CMP: u8 = 5;
const EXPR: u8 = 6; // also `|`
const BXOR: u8 = 7;
const BAND: u8 = 8;
const SHIFT: u8 = 9;
const ARITH: u8 = 10;
const TERM: u8 = 11;
const FACTOR: u8 = 12;
const POWER: u8 = 13;
const AWAIT: u8 = 14;
const ATOM: u8 = 15;

/// The annotation text of `e`.
pub fn unparse(e: &Expr<'_>) -> String {
    let mut out = String::new();
    expr(&mut out, e, TEST);
    out
}

fn open(out: &mut String, cond: bool) {
    if cond {
        out.push('(');
    }
}

fn close(out: &mut String, cond: bool) {
    if cond {
        out.push(')');
    }
}

fn join(out: &mut String, items: &[Expr<'_>], level: u8) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        expr(out, item, level);
    }
}

fn binop(op: Operator) -> (&'static str, u8) {
    match op {
        Operator::Add => ("+", ARITH),
        Operator::Sub => ("-", ARITH),
        Operator::Mult => ("*", TERM),
        Operator::MatMult => ("@", TERM),
        Operator::Div => ("/", TERM),
        Operator::Mod => ("%", TERM),
        Operator::FloorDiv => ("//", TERM),
        Operator::LShift => ("<<", SHIFT),
        Operator::RShift => (">>", SHIFT),
        Operator::BitOr => ("|", EXPR),
        Operator::BitXor => ("^", BXOR),
        Operator::BitAnd => ("&", BAND),
        Operator::Pow => ("**", POWER),
    }
}

fn cmpop(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "==",
        CmpOp::NotEq => "!=",
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is not",
        CmpOp::In => "in",
        CmpOp::NotIn => "not in",
    }
}

fn constant(out: &mut String, value: &Constant<'_>, span: Span) {
    match value {
        Constant::Ellipsis => out.push_str("..."),
        Constant::Float(f) if f.is_infinite() => {
            out.push_str(if *f > 0.0 { "1e309" } else { "-1e309" })
        }
        _ => match constant_of(value, span) {
            Ok(c) => c.write_repr(out),
            Err(_) => out.push('?'),
        },
    }
}

fn args(out: &mut String, a: &Arguments<'_>) {
    let positional: Vec<&Arg<'_>> = a.posonlyargs.iter().chain(a.args).collect();
    let first_default = positional.len() - a.defaults.len().min(positional.len());
    let mut first = true;
    let mut sep = |out: &mut String| {
        if !first {
            out.push_str(", ");
        }
        first = false;
    };
    for (i, arg) in positional.iter().enumerate() {
        sep(out);
        out.push_str(arg.arg);
        if i >= first_default {
            out.push('=');
            expr(out, &a.defaults[i - first_default], TEST);
        }
        if i + 1 == a.posonlyargs.len() {
            out.push_str(", /");
        }
    }
    if a.vararg.is_some() || !a.kwonlyargs.is_empty() {
        sep(out);
        out.push('*');
        if let Some(v) = a.vararg {
            out.push_str(v.arg);
        }
    }
    for (arg, default) in a.kwonlyargs.iter().zip(a.kw_defaults) {
        sep(out);
        out.push_str(arg.arg);
        if let Some(d) = default {
            out.push('=');
            expr(out, d, TEST);
        }
    }
    if let Some(k) = a.kwarg {
        sep(out);
        out.push_str("**");
        out.push_str(k.arg);
    }
}

fn comprehensions(out: &mut String, generators: &[Comprehension<'_>]) {
    for g in generators {
        out.push_str(if g.is_async { " async for " } else { " for " });
        expr(out, g.target, TUPLE);
        out.push_str(" in ");
        expr(out, g.iter, TEST + 1);
        for cond in g.ifs {
            out.push_str(" if ");
            expr(out, cond, TEST + 1);
        }
    }
}

/// The body of an f-string (what goes between the quotes), braces doubled.
fn fstring_body(out: &mut String, values: &[Expr<'_>]) {
    for v in values {
        match &v.kind {
            ExprKind::Constant {
                value: Constant::Str(s),
                ..
            } => {
                let text = String::from_utf8_lossy(s.as_bytes());
                out.push_str(&text.replace('{', "{{").replace('}', "}}"));
            }
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                let mut inner = String::new();
                expr(&mut inner, value, TEST + 1);
                out.push('{');
                if inner.starts_with('{') {
                    out.push(' ');
                }
                out.push_str(&inner);
                if *conversion > 0
                    && let Some(c) = char::from_u32(*conversion as u32)
                {
                    out.push('!');
                    out.push(c);
                }
                if let Some(spec) = format_spec {
                    out.push(':');
                    if let ExprKind::JoinedStr { values } = &spec.kind {
                        fstring_body(out, values);
                    }
                }
                out.push('}');
            }
            _ => {}
        }
    }
}

fn expr(out: &mut String, e: &Expr<'_>, level: u8) {
    match &e.kind {
        ExprKind::BoolOp { op, values } => {
            let (text, pr) = if *op == BoolOp::And {
                (" and ", AND)
            } else {
                (" or ", OR)
            };
            open(out, level > pr);
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    out.push_str(text);
                }
                expr(out, v, pr + 1);
            }
            close(out, level > pr);
        }
        ExprKind::NamedExpr { target, value } => {
            open(out, level > TUPLE);
            expr(out, target, ATOM);
            out.push_str(" := ");
            expr(out, value, ATOM);
            close(out, level > TUPLE);
        }
        ExprKind::BinOp { left, op, right } => {
            let (text, pr) = binop(*op);
            let rassoc = u8::from(*op == Operator::Pow);
            open(out, level > pr);
            expr(out, left, pr + rassoc);
            out.push(' ');
            out.push_str(text);
            out.push(' ');
            expr(out, right, pr + 1 - rassoc);
            close(out, level > pr);
        }
        ExprKind::UnaryOp { op, operand } => {
            let (text, pr) = match op {
                UnaryOp::Invert => ("~", FACTOR),
                UnaryOp::Not => ("not ", NOT),
                UnaryOp::UAdd => ("+", FACTOR),
                UnaryOp::USub => ("-", FACTOR),
            };
            open(out, level > pr);
            out.push_str(text);
            expr(out, operand, pr);
            close(out, level > pr);
        }
        ExprKind::Lambda { args: a, body } => {
            open(out, level > TEST);
            let mut params = String::new();
            args(&mut params, a);
            if params.is_empty() {
                out.push_str("lambda: ");
            } else {
                out.push_str("lambda ");
                out.push_str(&params);
                out.push_str(": ");
            }
            expr(out, body, TEST);
            close(out, level > TEST);
        }
        ExprKind::IfExp { test, body, orelse } => {
            open(out, level > TEST);
            expr(out, body, TEST + 1);
            out.push_str(" if ");
            expr(out, test, TEST + 1);
            out.push_str(" else ");
            expr(out, orelse, TEST);
            close(out, level > TEST);
        }
        ExprKind::Dict { keys, values } => {
            out.push('{');
            for (i, (k, v)) in keys.iter().zip(values.iter()).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match k {
                    Some(k) => {
                        expr(out, k, TEST);
                        out.push_str(": ");
                        expr(out, v, TEST);
                    }
                    None => {
                        out.push_str("**");
                        expr(out, v, EXPR);
                    }
                }
            }
            out.push('}');
        }
        ExprKind::Set { elts } => {
            if elts.is_empty() {
                out.push_str("{*()}");
            } else {
                out.push('{');
                join(out, elts, TEST);
                out.push('}');
            }
        }
        ExprKind::ListComp { elt, generators } => {
            out.push('[');
            expr(out, elt, TEST);
            comprehensions(out, generators);
            out.push(']');
        }
        ExprKind::SetComp { elt, generators } => {
            out.push('{');
            expr(out, elt, TEST);
            comprehensions(out, generators);
            out.push('}');
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            out.push('{');
            expr(out, key, TEST);
            out.push_str(": ");
            expr(out, value, TEST);
            comprehensions(out, generators);
            out.push('}');
        }
        ExprKind::GeneratorExp { elt, generators } => {
            out.push('(');
            expr(out, elt, TEST);
            comprehensions(out, generators);
            out.push(')');
        }
        ExprKind::Await { value } => {
            open(out, level > AWAIT);
            out.push_str("await ");
            expr(out, value, ATOM);
            close(out, level > AWAIT);
        }
        ExprKind::Yield { value } => match value {
            None => out.push_str("(yield)"),
            Some(v) => {
                out.push_str("(yield ");
                expr(out, v, TEST);
                out.push(')');
            }
        },
        ExprKind::YieldFrom { value } => {
            out.push_str("(yield from ");
            expr(out, value, TEST);
            out.push(')');
        }
        ExprKind::Compare {
            left,
            ops,
            comparators,
        } => {
            open(out, level > CMP);
            expr(out, left, CMP + 1);
            for (op, c) in ops.iter().zip(comparators.iter()) {
                out.push(' ');
                out.push_str(cmpop(*op));
                out.push(' ');
                expr(out, c, CMP + 1);
            }
            close(out, level > CMP);
        }
        ExprKind::Call {
            func,
            args: a,
            keywords,
        } => {
            expr(out, func, ATOM);
            if let ([only], []) = (*a, *keywords)
                && matches!(only.kind, ExprKind::GeneratorExp { .. })
            {
                expr(out, only, TEST);
                return;
            }
            out.push('(');
            join(out, a, TEST);
            for (i, k) in keywords.iter().enumerate() {
                if i > 0 || !a.is_empty() {
                    out.push_str(", ");
                }
                match k.arg {
                    Some(name) => {
                        out.push_str(name);
                        out.push('=');
                    }
                    None => out.push_str("**"),
                }
                expr(out, k.value, TEST);
            }
            out.push(')');
        }
        ExprKind::FormattedValue { .. } => fstring(out, std::slice::from_ref(e)),
        ExprKind::JoinedStr { values } => fstring(out, values),
        ExprKind::Constant { value, .. } => constant(out, value, e.span),
        ExprKind::Attribute { value, attr, .. } => {
            expr(out, value, ATOM);
            if let ExprKind::Constant {
                value: Constant::Int(_) | Constant::BigInt(_),
                ..
            } = value.kind
            {
                out.push(' ');
            }
            out.push('.');
            out.push_str(attr);
        }
        ExprKind::Subscript { value, slice, .. } => {
            expr(out, value, ATOM);
            out.push('[');
            match &slice.kind {
                ExprKind::Tuple { elts, .. } if !elts.is_empty() => {
                    join(out, elts, TEST);
                    if elts.len() == 1 {
                        out.push(',');
                    }
                }
                _ => expr(out, slice, TUPLE),
            }
            out.push(']');
        }
        ExprKind::Starred { value, .. } => {
            out.push('*');
            expr(out, value, EXPR);
        }
        ExprKind::Name { id, .. } => out.push_str(id),
        ExprKind::List { elts, .. } => {
            out.push('[');
            join(out, elts, TEST);
            out.push(']');
        }
        ExprKind::Tuple { elts, .. } => {
            if elts.is_empty() {
                out.push_str("()");
                return;
            }
            open(out, level > TUPLE);
            join(out, elts, TEST);
            if elts.len() == 1 {
                out.push(',');
            }
            close(out, level > TUPLE);
        }
        ExprKind::Slice { lower, upper, step } => {
            if let Some(l) = lower {
                expr(out, l, TEST);
            }
            out.push(':');
            if let Some(u) = upper {
                expr(out, u, TEST);
            }
            if let Some(s) = step {
                out.push(':');
                expr(out, s, TEST);
            }
        }
    }
}

fn fstring(out: &mut String, values: &[Expr<'_>]) {
    let mut body = String::new();
    fstring_body(&mut body, values);
    out.push('f');
    Const::str(&body).write_repr(out);
}
