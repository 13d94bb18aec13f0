//! `ast.dump` for our AST: the exact text CPython 3.11 prints for
//! `ast.dump(ast.parse(src))` (annotated fields, no positions), plus the Python
//! `repr` of every constant kind, which the disassembler will want too.
//!
//! The rules of `ast.dump` that shape this code: every field is printed as
//! `name=value`; an optional field (`expr?`, `identifier?`) holding `None` is left
//! out entirely, while `None` inside a list (`Dict.keys`, `kw_defaults`) prints as
//! `None`; empty lists print as `[]`. Constants print with `repr()`.
//!
//! With `positions` on, every node that has attributes also prints
//! `lineno=.., col_offset=.., end_lineno=.., end_col_offset=..` after its fields,
//! as `ast.dump(..., include_attributes=True)` does.

use super::printable_table::PRINTABLE_RANGES;
use super::*;

/// Returns `ast.dump(module)`.
pub fn dump_module(module: &Module<'_>) -> String {
    dump_module_with(module, false)
}

/// Returns `ast.dump(module, include_attributes=positions)`.
pub fn dump_module_with(module: &Module<'_>, positions: bool) -> String {
    let mut d = Dumper {
        out: String::with_capacity(1024),
        first: true,
        positions,
    };
    d.node("Module", |d| {
        d.key("body");
        d.stmts(module.body);
        d.key("type_ignores");
        d.out.push_str("[]");
    });
    d.out
}

struct Dumper {
    out: String,
    /// No field has been written yet in the node being printed.
    first: bool,
    positions: bool,
}

impl Dumper {
    fn node(&mut self, name: &str, fields: impl FnOnce(&mut Self)) {
        self.out.push_str(name);
        self.out.push('(');
        let saved = std::mem::replace(&mut self.first, true);
        fields(self);
        self.first = saved;
        self.out.push(')');
    }

    fn key(&mut self, name: &str) {
        if !self.first {
            self.out.push_str(", ");
        }
        self.first = false;
        self.out.push_str(name);
        self.out.push('=');
    }

    fn span(&mut self, span: Span) {
        if self.positions {
            for (name, value) in [
                ("lineno", span.lineno),
                ("col_offset", span.col_offset),
                ("end_lineno", span.end_lineno),
                ("end_col_offset", span.end_col_offset),
            ] {
                self.key(name);
                self.out.push_str(&value.to_string());
            }
        }
    }

    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        self.out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            each(self, item);
        }
        self.out.push(']');
    }

    fn ident(&mut self, name: &str) {
        write_str_repr(&mut self.out, PyStr::new(name));
    }

    fn field_expr(&mut self, name: &str, value: &Expr<'_>) {
        self.key(name);
        self.expr(value);
    }

    fn opt_expr(&mut self, name: &str, value: Option<&Expr<'_>>) {
        if let Some(value) = value {
            self.field_expr(name, value);
        }
    }

    fn field_exprs(&mut self, name: &str, values: &[Expr<'_>]) {
        self.key(name);
        self.list(values, |d, e| d.expr(e));
    }

    fn field_stmts(&mut self, name: &str, values: &[Stmt<'_>]) {
        self.key(name);
        self.stmts(values);
    }

    fn field_ident(&mut self, name: &str, value: &str) {
        self.key(name);
        self.ident(value);
    }

    fn opt_ident(&mut self, name: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.field_ident(name, value);
        }
    }

    fn field_raw(&mut self, name: &str, text: &str) {
        self.key(name);
        self.out.push_str(text);
    }

    fn stmts(&mut self, body: &[Stmt<'_>]) {
        self.list(body, |d, s| d.stmt(s));
    }

    fn stmt(&mut self, stmt: &Stmt<'_>) {
        use StmtKind as S;
        let span = stmt.span;
        match &stmt.kind {
            S::FunctionDef(f) => self.function("FunctionDef", f, span),
            S::AsyncFunctionDef(f) => self.function("AsyncFunctionDef", f, span),
            S::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            } => self.node("ClassDef", |d| {
                d.field_ident("name", name);
                d.field_exprs("bases", bases);
                d.key("keywords");
                d.list(keywords, |d, k| d.keyword(k));
                d.field_stmts("body", body);
                d.field_exprs("decorator_list", decorator_list);
                d.span(span);
            }),
            S::Return { value } => self.node("Return", |d| {
                d.opt_expr("value", *value);
                d.span(span);
            }),
            S::Delete { targets } => self.node("Delete", |d| {
                d.field_exprs("targets", targets);
                d.span(span);
            }),
            S::Assign { targets, value } => self.node("Assign", |d| {
                d.field_exprs("targets", targets);
                d.field_expr("value", value);
                d.span(span);
            }),
            S::AugAssign { target, op, value } => self.node("AugAssign", |d| {
                d.field_expr("target", target);
                d.key("op");
                d.node(operator_name(*op), |_| {});
                d.field_expr("value", value);
                d.span(span);
            }),
            S::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => self.node("AnnAssign", |d| {
                d.field_expr("target", target);
                d.field_expr("annotation", annotation);
                d.opt_expr("value", *value);
                d.field_raw("simple", if *simple { "1" } else { "0" });
                d.span(span);
            }),
            S::For(f) => self.for_loop("For", f, span),
            S::AsyncFor(f) => self.for_loop("AsyncFor", f, span),
            S::While { test, body, orelse } => self.node("While", |d| {
                d.field_expr("test", test);
                d.field_stmts("body", body);
                d.field_stmts("orelse", orelse);
                d.span(span);
            }),
            S::If { test, body, orelse } => self.node("If", |d| {
                d.field_expr("test", test);
                d.field_stmts("body", body);
                d.field_stmts("orelse", orelse);
                d.span(span);
            }),
            S::With(w) => self.with("With", w, span),
            S::AsyncWith(w) => self.with("AsyncWith", w, span),
            S::Match { subject, cases } => self.node("Match", |d| {
                d.field_expr("subject", subject);
                d.key("cases");
                d.list(cases, |d, c| {
                    d.node("match_case", |d| {
                        d.key("pattern");
                        d.pattern(c.pattern);
                        d.opt_expr("guard", c.guard);
                        d.field_stmts("body", c.body);
                    })
                });
                d.span(span);
            }),
            S::Raise { exc, cause } => self.node("Raise", |d| {
                d.opt_expr("exc", *exc);
                d.opt_expr("cause", *cause);
                d.span(span);
            }),
            S::Try(t) => self.try_stmt("Try", t, span),
            S::TryStar(t) => self.try_stmt("TryStar", t, span),
            S::Assert { test, msg } => self.node("Assert", |d| {
                d.field_expr("test", test);
                d.opt_expr("msg", *msg);
                d.span(span);
            }),
            S::Import { names } => self.node("Import", |d| {
                d.aliases(names);
                d.span(span);
            }),
            S::ImportFrom {
                module,
                names,
                level,
            } => self.node("ImportFrom", |d| {
                d.opt_ident("module", *module);
                d.aliases(names);
                d.field_raw("level", &level.to_string());
                d.span(span);
            }),
            S::Global { names } => self.node("Global", |d| {
                d.key("names");
                d.list(names, |d, n| d.ident(n));
                d.span(span);
            }),
            S::Nonlocal { names } => self.node("Nonlocal", |d| {
                d.key("names");
                d.list(names, |d, n| d.ident(n));
                d.span(span);
            }),
            S::Expr { value } => self.node("Expr", |d| {
                d.field_expr("value", value);
                d.span(span);
            }),
            S::Pass => self.node("Pass", |d| d.span(span)),
            S::Break => self.node("Break", |d| d.span(span)),
            S::Continue => self.node("Continue", |d| d.span(span)),
        }
    }

    fn function(&mut self, kind: &str, f: &FunctionDef<'_>, span: Span) {
        self.node(kind, |d| {
            d.field_ident("name", f.name);
            d.key("args");
            d.arguments(f.args);
            d.field_stmts("body", f.body);
            d.field_exprs("decorator_list", f.decorator_list);
            d.opt_expr("returns", f.returns);
            d.span(span);
        });
    }

    fn for_loop(&mut self, kind: &str, f: &For<'_>, span: Span) {
        self.node(kind, |d| {
            d.field_expr("target", f.target);
            d.field_expr("iter", f.iter);
            d.field_stmts("body", f.body);
            d.field_stmts("orelse", f.orelse);
            d.span(span);
        });
    }

    fn with(&mut self, kind: &str, w: &With<'_>, span: Span) {
        self.node(kind, |d| {
            d.key("items");
            d.list(w.items, |d, item| {
                d.node("withitem", |d| {
                    d.field_expr("context_expr", item.context_expr);
                    d.opt_expr("optional_vars", item.optional_vars);
                })
            });
            d.field_stmts("body", w.body);
            d.span(span);
        });
    }

    fn try_stmt(&mut self, kind: &str, t: &Try<'_>, span: Span) {
        self.node(kind, |d| {
            d.field_stmts("body", t.body);
            d.key("handlers");
            d.list(t.handlers, |d, h| {
                d.node("ExceptHandler", |d| {
                    d.opt_expr("type", h.type_);
                    d.opt_ident("name", h.name);
                    d.field_stmts("body", h.body);
                    d.span(h.span);
                })
            });
            d.field_stmts("orelse", t.orelse);
            d.field_stmts("finalbody", t.finalbody);
            d.span(span);
        });
    }

    fn aliases(&mut self, names: &[Alias<'_>]) {
        self.key("names");
        self.list(names, |d, a| {
            d.node("alias", |d| {
                d.field_ident("name", a.name);
                d.opt_ident("asname", a.asname);
                d.span(a.span);
            })
        });
    }

    fn keyword(&mut self, k: &Keyword<'_>) {
        self.node("keyword", |d| {
            d.opt_ident("arg", k.arg);
            d.field_expr("value", k.value);
            d.span(k.span);
        });
    }

    fn arg(&mut self, a: &Arg<'_>) {
        self.node("arg", |d| {
            d.field_ident("arg", a.arg);
            d.opt_expr("annotation", a.annotation);
            d.span(a.span);
        });
    }

    fn arguments(&mut self, a: &Arguments<'_>) {
        self.node("arguments", |d| {
            d.key("posonlyargs");
            d.list(a.posonlyargs, |d, x| d.arg(x));
            d.key("args");
            d.list(a.args, |d, x| d.arg(x));
            if let Some(v) = a.vararg {
                d.key("vararg");
                d.arg(v);
            }
            d.key("kwonlyargs");
            d.list(a.kwonlyargs, |d, x| d.arg(x));
            d.key("kw_defaults");
            d.list(a.kw_defaults, |d, x| match x {
                Some(e) => d.expr(e),
                None => d.out.push_str("None"),
            });
            if let Some(k) = a.kwarg {
                d.key("kwarg");
                d.arg(k);
            }
            d.field_exprs("defaults", a.defaults);
        });
    }

    fn comprehensions(&mut self, generators: &[Comprehension<'_>]) {
        self.key("generators");
        self.list(generators, |d, c| {
            d.node("comprehension", |d| {
                d.field_expr("target", c.target);
                d.field_expr("iter", c.iter);
                d.field_exprs("ifs", c.ifs);
                d.field_raw("is_async", if c.is_async { "1" } else { "0" });
            })
        });
    }

    fn ctx(&mut self, ctx: ExprContext) {
        self.field_raw(
            "ctx",
            match ctx {
                ExprContext::Load => "Load()",
                ExprContext::Store => "Store()",
                ExprContext::Del => "Del()",
            },
        );
    }

    fn expr(&mut self, expr: &Expr<'_>) {
        use ExprKind as E;
        let span = expr.span;
        match &expr.kind {
            E::BoolOp { op, values } => self.node("BoolOp", |d| {
                d.field_raw("op", if *op == BoolOp::And { "And()" } else { "Or()" });
                d.field_exprs("values", values);
                d.span(span);
            }),
            E::NamedExpr { target, value } => self.node("NamedExpr", |d| {
                d.field_expr("target", target);
                d.field_expr("value", value);
                d.span(span);
            }),
            E::BinOp { left, op, right } => self.node("BinOp", |d| {
                d.field_expr("left", left);
                d.key("op");
                d.node(operator_name(*op), |_| {});
                d.field_expr("right", right);
                d.span(span);
            }),
            E::UnaryOp { op, operand } => self.node("UnaryOp", |d| {
                let name = match op {
                    UnaryOp::Invert => "Invert()",
                    UnaryOp::Not => "Not()",
                    UnaryOp::UAdd => "UAdd()",
                    UnaryOp::USub => "USub()",
                };
                d.field_raw("op", name);
                d.field_expr("operand", operand);
                d.span(span);
            }),
            E::Lambda { args, body } => self.node("Lambda", |d| {
                d.key("args");
                d.arguments(args);
                d.field_expr("body", body);
                d.span(span);
            }),
            E::IfExp { test, body, orelse } => self.node("IfExp", |d| {
                d.field_expr("test", test);
                d.field_expr("body", body);
                d.field_expr("orelse", orelse);
                d.span(span);
            }),
            E::Dict { keys, values } => self.node("Dict", |d| {
                d.key("keys");
                d.list(keys, |d, k| match k {
                    Some(k) => d.expr(k),
                    None => d.out.push_str("None"),
                });
                d.field_exprs("values", values);
                d.span(span);
            }),
            E::Set { elts } => self.node("Set", |d| {
                d.field_exprs("elts", elts);
                d.span(span);
            }),
            E::ListComp { elt, generators } => self.node("ListComp", |d| {
                d.field_expr("elt", elt);
                d.comprehensions(generators);
                d.span(span);
            }),
            E::SetComp { elt, generators } => self.node("SetComp", |d| {
                d.field_expr("elt", elt);
                d.comprehensions(generators);
                d.span(span);
            }),
            E::GeneratorExp { elt, generators } => self.node("GeneratorExp", |d| {
                d.field_expr("elt", elt);
                d.comprehensions(generators);
                d.span(span);
            }),
            E::DictComp {
                key,
                value,
                generators,
            } => self.node("DictComp", |d| {
                d.field_expr("key", key);
                d.field_expr("value", value);
                d.comprehensions(generators);
                d.span(span);
            }),
            E::Await { value } => self.node("Await", |d| {
                d.field_expr("value", value);
                d.span(span);
            }),
            E::Yield { value } => self.node("Yield", |d| {
                d.opt_expr("value", *value);
                d.span(span);
            }),
            E::YieldFrom { value } => self.node("YieldFrom", |d| {
                d.field_expr("value", value);
                d.span(span);
            }),
            E::Compare {
                left,
                ops,
                comparators,
            } => self.node("Compare", |d| {
                d.field_expr("left", left);
                d.key("ops");
                d.list(ops, |d, op| {
                    d.out.push_str(cmpop_name(*op));
                    d.out.push_str("()");
                });
                d.field_exprs("comparators", comparators);
                d.span(span);
            }),
            E::Call {
                func,
                args,
                keywords,
            } => self.node("Call", |d| {
                d.field_expr("func", func);
                d.field_exprs("args", args);
                d.key("keywords");
                d.list(keywords, |d, k| d.keyword(k));
                d.span(span);
            }),
            E::FormattedValue {
                value,
                conversion,
                format_spec,
            } => self.node("FormattedValue", |d| {
                d.field_expr("value", value);
                d.field_raw("conversion", &conversion.to_string());
                d.opt_expr("format_spec", *format_spec);
                d.span(span);
            }),
            E::JoinedStr { values } => self.node("JoinedStr", |d| {
                d.field_exprs("values", values);
                d.span(span);
            }),
            E::Constant { value, kind } => self.node("Constant", |d| {
                d.key("value");
                write_constant_repr(&mut d.out, value);
                d.opt_ident("kind", *kind);
                d.span(span);
            }),
            E::Attribute { value, attr, ctx } => self.node("Attribute", |d| {
                d.field_expr("value", value);
                d.field_ident("attr", attr);
                d.ctx(*ctx);
                d.span(span);
            }),
            E::Subscript { value, slice, ctx } => self.node("Subscript", |d| {
                d.field_expr("value", value);
                d.field_expr("slice", slice);
                d.ctx(*ctx);
                d.span(span);
            }),
            E::Starred { value, ctx } => self.node("Starred", |d| {
                d.field_expr("value", value);
                d.ctx(*ctx);
                d.span(span);
            }),
            E::Name { id, ctx } => self.node("Name", |d| {
                d.field_ident("id", id);
                d.ctx(*ctx);
                d.span(span);
            }),
            E::List { elts, ctx } => self.node("List", |d| {
                d.field_exprs("elts", elts);
                d.ctx(*ctx);
                d.span(span);
            }),
            E::Tuple { elts, ctx } => self.node("Tuple", |d| {
                d.field_exprs("elts", elts);
                d.ctx(*ctx);
                d.span(span);
            }),
            E::Slice { lower, upper, step } => self.node("Slice", |d| {
                d.opt_expr("lower", *lower);
                d.opt_expr("upper", *upper);
                d.opt_expr("step", *step);
                d.span(span);
            }),
        }
    }

    fn pattern(&mut self, pattern: &Pattern<'_>) {
        use PatternKind as P;
        let span = pattern.span;
        match &pattern.kind {
            P::MatchValue { value } => self.node("MatchValue", |d| {
                d.field_expr("value", value);
                d.span(span);
            }),
            P::MatchSingleton { value } => self.node("MatchSingleton", |d| {
                d.key("value");
                write_constant_repr(&mut d.out, value);
                d.span(span);
            }),
            P::MatchSequence { patterns } => self.node("MatchSequence", |d| {
                d.key("patterns");
                d.list(patterns, |d, p| d.pattern(p));
                d.span(span);
            }),
            P::MatchMapping {
                keys,
                patterns,
                rest,
            } => self.node("MatchMapping", |d| {
                d.field_exprs("keys", keys);
                d.key("patterns");
                d.list(patterns, |d, p| d.pattern(p));
                d.opt_ident("rest", *rest);
                d.span(span);
            }),
            P::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => self.node("MatchClass", |d| {
                d.field_expr("cls", cls);
                d.key("patterns");
                d.list(patterns, |d, p| d.pattern(p));
                d.key("kwd_attrs");
                d.list(kwd_attrs, |d, n| d.ident(n));
                d.key("kwd_patterns");
                d.list(kwd_patterns, |d, p| d.pattern(p));
                d.span(span);
            }),
            P::MatchStar { name } => self.node("MatchStar", |d| {
                d.opt_ident("name", *name);
                d.span(span);
            }),
            P::MatchAs { pattern, name } => self.node("MatchAs", |d| {
                if let Some(p) = pattern {
                    d.key("pattern");
                    d.pattern(p);
                }
                d.opt_ident("name", *name);
                d.span(span);
            }),
            P::MatchOr { patterns } => self.node("MatchOr", |d| {
                d.key("patterns");
                d.list(patterns, |d, p| d.pattern(p));
                d.span(span);
            }),
        }
    }
}

/// The class name of a binary operator (`Add`, `Sub`, ...).
pub fn operator_name(op: Operator) -> &'static str {
    match op {
        Operator::Add => "Add",
        Operator::Sub => "Sub",
        Operator::Mult => "Mult",
        Operator::MatMult => "MatMult",
        Operator::Div => "Div",
        Operator::Mod => "Mod",
        Operator::Pow => "Pow",
        Operator::LShift => "LShift",
        Operator::RShift => "RShift",
        Operator::BitOr => "BitOr",
        Operator::BitXor => "BitXor",
        Operator::BitAnd => "BitAnd",
        Operator::FloorDiv => "FloorDiv",
    }
}

/// The class name of a comparison operator (`Eq`, `NotIn`, ...).
pub fn cmpop_name(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "Eq",
        CmpOp::NotEq => "NotEq",
        CmpOp::Lt => "Lt",
        CmpOp::LtE => "LtE",
        CmpOp::Gt => "Gt",
        CmpOp::GtE => "GtE",
        CmpOp::Is => "Is",
        CmpOp::IsNot => "IsNot",
        CmpOp::In => "In",
        CmpOp::NotIn => "NotIn",
    }
}

/// Appends Python's `repr()` of a constant.
pub fn write_constant_repr(out: &mut String, value: &Constant<'_>) {
    match value {
        Constant::None => out.push_str("None"),
        Constant::True => out.push_str("True"),
        Constant::False => out.push_str("False"),
        Constant::Ellipsis => out.push_str("Ellipsis"),
        Constant::Int(i) => out.push_str(&i.to_string()),
        Constant::BigInt(digits) => out.push_str(digits),
        Constant::Float(f) => write_float_repr(out, *f, true),
        Constant::Complex { imag } => {
            write_float_repr(out, *imag, false);
            out.push('j');
        }
        Constant::Str(s) => write_str_repr(out, *s),
        Constant::Bytes(b) => write_bytes_repr(out, b),
    }
}

/// Python's `repr(float)`: the shortest digits that round-trip, in fixed notation
/// when the decimal exponent is in -4..16, else `d.ddde+XX`. `add_dot_zero` adds
/// `.0` to integral fixed values, as `repr(float)` does and complex repr does not.
pub fn write_float_repr(out: &mut String, value: f64, add_dot_zero: bool) {
    if value.is_nan() {
        out.push_str("nan");
        return;
    }
    if value.is_infinite() {
        out.push_str(if value > 0.0 { "inf" } else { "-inf" });
        return;
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "-1.2345e-7".
    let shortest = format!("{value:e}");
    // Rust's shortest digits may break a tie upwards where Python's pick the
    // correctly rounded (ties-to-even) string of the same length: re-round.
    let digit_count = shortest
        .split('e')
        .next()
        .unwrap_or("")
        .bytes()
        .filter(u8::is_ascii_digit)
        .count();
    let sci = format!("{:.*e}", digit_count.saturating_sub(1), value);
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if negative {
        out.push('-');
    }
    if (-4..16).contains(&exponent) {
        let point = exponent + 1; // digits before the decimal point
        if point <= 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-point) as usize));
            out.push_str(&digits);
        } else if point as usize >= digits.len() {
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', point as usize - digits.len()));
            if add_dot_zero {
                out.push_str(".0");
            }
        } else {
            out.push_str(&digits[..point as usize]);
            out.push('.');
            out.push_str(&digits[point as usize..]);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push_str(&format!(
            "e{}{:02}",
            if exponent < 0 { '-' } else { '+' },
            exponent.abs()
        ));
    }
}

fn is_printable(cp: u32) -> bool {
    if cp < 0x80 {
        return (0x20..0x7f).contains(&cp);
    }
    PRINTABLE_RANGES
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Python's `repr(str)`: single quotes unless the text has a `'` and no `"`.
pub fn write_str_repr(out: &mut String, s: PyStr<'_>) {
    let bytes = s.as_bytes();
    let quote = if bytes.contains(&b'\'') && !bytes.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for cp in s.code_points() {
        match cp {
            0x5c => out.push_str("\\\\"),
            0x09 => out.push_str("\\t"),
            0x0a => out.push_str("\\n"),
            0x0d => out.push_str("\\r"),
            _ if cp == quote as u32 => {
                out.push('\\');
                out.push(quote);
            }
            _ if is_printable(cp) => out.push(char::from_u32(cp).unwrap_or('?')),
            0..=0xff => out.push_str(&format!("\\x{cp:02x}")),
            0x100..=0xffff => out.push_str(&format!("\\u{cp:04x}")),
            _ => out.push_str(&format!("\\U{cp:08x}")),
        }
    }
    out.push(quote);
}

/// Python's `repr(bytes)`.
pub fn write_bytes_repr(out: &mut String, bytes: &[u8]) {
    let quote = if bytes.contains(&b'\'') && !bytes.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    out.push('b');
    out.push(quote as char);
    for &b in bytes {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if b == quote => {
                out.push('\\');
                out.push(quote as char);
            }
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push(quote as char);
}
