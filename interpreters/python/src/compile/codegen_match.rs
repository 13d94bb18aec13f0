//! The code generator, `match` statements.
//!
//! # Design
//!
//! A pattern is compiled with the value to match on top of the stack. It
//! consumes that value: on success it falls through with the value gone, on
//! failure it jumps to a `fail` label, also with the value gone. Patterns that
//! unpack (sequences, mappings, classes) push several sub-values; if a
//! sub-pattern fails, a chain of `POP_TOP` landing pads removes the sub-values
//! not yet consumed before jumping on to `fail` ([`Compiler::pop_chain`]).
//! Names are stored as soon as their sub-pattern matches; Python allows that
//! a failed case leaves some of its names bound.

use super::bytecode::*;
use super::codegen::{CResult, Compiler, Label, constant_of, error_at};
use crate::ast::*;
use std::rc::Rc;

/// Is the pattern irrefutable (a capture or the wildcard, maybe or-ed)?
fn irrefutable(p: &Pattern<'_>) -> bool {
    match &p.kind {
        PatternKind::MatchAs { pattern: None, .. } => true,
        PatternKind::MatchOr { patterns } => patterns.iter().any(irrefutable),
        _ => false,
    }
}

impl<'a> Compiler<'_, 'a> {
    pub fn match_stmt(&mut self, subject: &'a Expr<'a>, cases: &'a [MatchCase<'a>]) -> CResult<()> {
        use Opcode::*;
        self.expr(subject)?;
        let end = self.new_label();
        for (i, case) in cases.iter().enumerate() {
            let last = i + 1 == cases.len();
            if !last && case.guard.is_none() && irrefutable(case.pattern) {
                let msg = match &case.pattern.kind {
                    PatternKind::MatchAs { name: Some(n), .. } => {
                        format!("name capture '{n}' makes remaining patterns unreachable")
                    }
                    _ => "wildcard makes remaining patterns unreachable".to_string(),
                };
                return Err(error_at(msg, case.pattern.span));
            }
            self.set_line(case.pattern.span.lineno);
            let fail = self.new_label();
            if !last {
                self.emit(COPY, 1);
            }
            self.pattern_names.clear();
            self.pattern(case.pattern, fail)?;
            if let Some(guard) = case.guard {
                self.jump_if(guard, false, fail)?;
            }
            if !last {
                self.op(POP_TOP);
            }
            self.body(case.body)?;
            self.jump(JUMP_FORWARD, end);
            self.bind(fail);
            if last {
                // Nothing left on the stack: the last case consumed the subject.
            }
        }
        if cases.is_empty() {
            self.op(POP_TOP);
        }
        self.bind(end);
        Ok(())
    }

    /// Emits `count` landing pads that each pop one value, ending in a jump
    /// to `fail`. Returns the labels: `pads[k]` pops `k` values (`pads[0]` is
    /// `fail` itself).
    fn pop_chain(&mut self, count: usize, fail: Label) -> Vec<Label> {
        let mut pads = vec![fail];
        for _ in 0..count {
            pads.push(self.new_label());
        }
        pads
    }

    fn emit_pop_chain(&mut self, pads: &[Label], fail: Label) {
        for k in (1..pads.len()).rev() {
            self.bind(pads[k]);
            self.op(Opcode::POP_TOP);
        }
        if pads.len() > 1 {
            self.jump(Opcode::JUMP_FORWARD, fail);
        }
    }

    fn store_capture(&mut self, name: &'a str, span: Span) -> CResult<()> {
        if self.pattern_names.iter().any(|n| n == name) {
            return Err(error_at(
                format!("multiple assignments to name '{name}' in pattern"),
                span,
            ));
        }
        self.pattern_names.push(name.to_string());
        self.compile_name(name, ExprContext::Store, span)
    }

    /// Matches the value on top of the stack against `p` (see module comment).
    pub fn pattern(&mut self, p: &'a Pattern<'a>, fail: Label) -> CResult<()> {
        use Opcode::*;
        self.set_line(p.span.lineno);
        self.last_pattern_span = p.span;
        match &p.kind {
            PatternKind::MatchAs {
                pattern: None,
                name: None,
            } => self.op(POP_TOP),
            PatternKind::MatchAs {
                pattern: None,
                name: Some(n),
            } => self.store_capture(n, p.span)?,
            PatternKind::MatchAs {
                pattern: Some(sub),
                name,
            } => match name {
                Some(n) => {
                    let pop1 = self.new_label();
                    let ok = self.new_label();
                    self.emit(COPY, 1);
                    self.pattern(sub, pop1)?;
                    self.store_capture(n, p.span)?;
                    self.jump(JUMP_FORWARD, ok);
                    self.bind(pop1);
                    self.op(POP_TOP);
                    self.jump(JUMP_FORWARD, fail);
                    self.bind(ok);
                }
                None => self.pattern(sub, fail)?,
            },
            PatternKind::MatchStar { name } => match name {
                Some(n) => self.store_capture(n, p.span)?,
                None => self.op(POP_TOP),
            },
            PatternKind::MatchValue { value } => {
                self.expr(value)?;
                self.emit(COMPARE_OP, 2);
                self.jump(POP_JUMP_IF_FALSE, fail);
            }
            PatternKind::MatchSingleton { value } => {
                let c = constant_of(value, p.span)?;
                self.load_const(c);
                self.emit(IS_OP, 0);
                self.jump(POP_JUMP_IF_FALSE, fail);
            }
            PatternKind::MatchOr { patterns } => {
                let ok = self.new_label();
                let before = self.pattern_names.clone();
                let mut bound: Option<Vec<String>> = None;
                for alt in patterns.iter() {
                    let next = self.new_label();
                    self.emit(COPY, 1);
                    self.pattern_names.clone_from(&before);
                    self.pattern(alt, next)?;
                    let mut names: Vec<String> = self.pattern_names[before.len()..].to_vec();
                    names.sort();
                    match &bound {
                        Some(first) if *first != names => {
                            // CPython points at the last sub-pattern compiled.
                            let at = self.last_pattern_span;
                            return Err(crate::error::SyntaxError::at(
                                "alternative patterns bind different names",
                                at.lineno,
                                at.col_offset,
                            ));
                        }
                        Some(_) => {}
                        None => bound = Some(names),
                    }
                    self.op(POP_TOP);
                    self.jump(JUMP_FORWARD, ok);
                    self.bind(next);
                }
                self.op(POP_TOP);
                self.jump(JUMP_FORWARD, fail);
                self.bind(ok);
                self.pattern_names = before;
                self.pattern_names.extend(bound.unwrap_or_default());
            }
            PatternKind::MatchSequence { patterns } => {
                let star = patterns
                    .iter()
                    .position(|q| matches!(q.kind, PatternKind::MatchStar { .. }));
                if let Some(i) = star
                    && patterns[i + 1..]
                        .iter()
                        .any(|q| matches!(q.kind, PatternKind::MatchStar { .. }))
                {
                    return Err(error_at(
                        "multiple starred names in sequence pattern",
                        p.span,
                    ));
                }
                let n = patterns.len();
                let pop1 = self.new_label();
                let ok = self.new_label();
                self.op(MATCH_SEQUENCE);
                self.jump(POP_JUMP_IF_FALSE, pop1);
                self.op(GET_LEN);
                match star {
                    Some(_) => {
                        self.load_const(Const::Int(n as i64 - 1));
                        self.emit(COMPARE_OP, 5);
                    }
                    None => {
                        self.load_const(Const::Int(n as i64));
                        self.emit(COMPARE_OP, 2);
                    }
                }
                self.jump(POP_JUMP_IF_FALSE, pop1);
                match star {
                    Some(i) => self.emit(UNPACK_EX, i as u32 | (((n - i - 1) as u32) << 8)),
                    None => self.emit(UNPACK_SEQUENCE, n as u32),
                }
                let pads = self.pop_chain(n, fail);
                for (k, sub) in patterns.iter().enumerate() {
                    self.pattern(sub, pads[n - k - 1])?;
                }
                self.jump(JUMP_FORWARD, ok);
                self.bind(pop1);
                self.op(POP_TOP);
                self.jump(JUMP_FORWARD, fail);
                self.emit_pop_chain(&pads, fail);
                self.bind(ok);
            }
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => {
                let mut seen: Vec<Const> = Vec::new();
                for k in keys.iter() {
                    if let ExprKind::Constant { value, .. } = &k.kind {
                        let c = constant_of(value, k.span)?;
                        if seen.contains(&c) {
                            let msg =
                                format!("mapping pattern checks duplicate key ({})", c.repr());
                            return Err(error_at(msg, p.span));
                        }
                        seen.push(c);
                    }
                }
                let n = keys.len();
                let pop1 = self.new_label();
                let ok = self.new_label();
                self.op(MATCH_MAPPING);
                self.jump(POP_JUMP_IF_FALSE, pop1);
                if n > 0 {
                    self.op(GET_LEN);
                    self.load_const(Const::Int(n as i64));
                    self.emit(COMPARE_OP, 5);
                    self.jump(POP_JUMP_IF_FALSE, pop1);
                }
                if n == 0 && rest.is_none() {
                    self.op(POP_TOP);
                    self.jump(JUMP_FORWARD, ok);
                } else {
                    for k in keys.iter() {
                        self.expr(k)?;
                    }
                    self.emit(BUILD_TUPLE, n as u32);
                    self.op(MATCH_KEYS);
                    // [subject, keys, values-or-None]
                    let pads = self.pop_chain((n + 2).max(3), fail);
                    self.emit(COPY, 1);
                    self.jump(POP_JUMP_IF_NONE, pads[3]);
                    self.emit(UNPACK_SEQUENCE, n as u32);
                    for (k, sub) in patterns.iter().enumerate() {
                        self.pattern(sub, pads[n - k - 1 + 2])?;
                    }
                    // [subject, keys]
                    match rest {
                        Some(name) => {
                            self.emit(SWAP, 2);
                            self.emit(BUILD_MAP, 0);
                            self.emit(SWAP, 2);
                            self.emit(DICT_UPDATE, 1);
                            // [keys, rest]
                            self.emit(SWAP, 2);
                            self.emit(UNPACK_SEQUENCE, n as u32);
                            for remaining in (1..=n as u32).rev() {
                                self.emit(COPY, remaining + 1);
                                self.emit(SWAP, 2);
                                self.op(DELETE_SUBSCR);
                            }
                            self.store_capture(name, p.span)?;
                        }
                        None => {
                            self.op(POP_TOP);
                            self.op(POP_TOP);
                        }
                    }
                    self.jump(JUMP_FORWARD, ok);
                    self.emit_pop_chain(&pads, fail);
                }
                self.bind(pop1);
                self.op(POP_TOP);
                self.jump(JUMP_FORWARD, fail);
                self.bind(ok);
            }
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => {
                let n = patterns.len() + kwd_patterns.len();
                let ok = self.new_label();
                self.expr(cls)?;
                let names: Vec<Const> = kwd_attrs.iter().map(|a| Const::str(a)).collect();
                self.load_const(Const::Tuple(Rc::from(names)));
                self.emit(MATCH_CLASS, patterns.len() as u32);
                let pads = self.pop_chain(n.max(1), fail);
                self.emit(COPY, 1);
                self.jump(POP_JUMP_IF_NONE, pads[1]);
                self.emit(UNPACK_SEQUENCE, n as u32);
                for (k, sub) in patterns.iter().chain(kwd_patterns.iter()).enumerate() {
                    self.pattern(sub, pads[n - k - 1])?;
                }
                self.jump(JUMP_FORWARD, ok);
                self.emit_pop_chain(&pads, fail);
                self.bind(ok);
            }
        }
        Ok(())
    }
}
