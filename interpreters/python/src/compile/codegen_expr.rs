//! The code generator, expressions: operators, calls, displays, f-strings,
//! comprehensions, lambdas, conditional jumps.

use super::bytecode::*;
use super::codegen::{CResult, Compiler, Label, constant_of, error_at};
use crate::ast::*;
use std::rc::Rc;

/// `BINARY_OP`'s argument for `op` (CPython 3.11's numbering).
pub fn binary_op_code(op: Operator) -> u32 {
    match op {
        Operator::Add => 0,
        Operator::BitAnd => 1,
        Operator::FloorDiv => 2,
        Operator::LShift => 3,
        Operator::MatMult => 4,
        Operator::Mult => 5,
        Operator::Mod => 6,
        Operator::BitOr => 7,
        Operator::Pow => 8,
        Operator::RShift => 9,
        Operator::Sub => 10,
        Operator::Div => 11,
        Operator::BitXor => 12,
    }
}

/// The value of an expression CPython's AST optimizer turns into a
/// constant: literals, unary and binary operators on constants (within the
/// folding limits of `fold`) and tuples of constants.
fn static_const(e: &Expr<'_>) -> Option<Const> {
    match &e.kind {
        ExprKind::Constant { value, .. } => constant_of(value, e.span).ok(),
        ExprKind::UnaryOp { op, operand } => {
            let c = static_const(operand)?;
            let code = match op {
                UnaryOp::USub => Opcode::UNARY_NEGATIVE,
                UnaryOp::UAdd => Opcode::UNARY_POSITIVE,
                UnaryOp::Invert => Opcode::UNARY_INVERT,
                UnaryOp::Not => return None,
            };
            super::fold::unary(code, &c)
        }
        ExprKind::BinOp { left, op, right } => {
            let (a, b) = (static_const(left)?, static_const(right)?);
            super::fold::binary(binary_op_code(*op), &a, &b)
        }
        ExprKind::Tuple {
            elts,
            ctx: ExprContext::Load,
        } if !elts.iter().any(is_starred) => Some(Const::Tuple(Rc::from(
            elts.iter().map(static_const).collect::<Option<Vec<_>>>()?,
        ))),
        _ => None,
    }
}

/// The range of an attribute access `span` ending in `.attr`: when it spans
/// lines, it starts at the attribute name on the last line (CPython's
/// location of LOAD_ATTR/LOAD_METHOD/STORE_ATTR).
pub fn attr_span(span: Span, attr: &str) -> Span {
    if span.lineno == span.end_lineno {
        return span;
    }
    Span {
        lineno: span.end_lineno,
        col_offset: span.end_col_offset.saturating_sub(attr.len() as u32),
        ..span
    }
}

fn is_starred(e: &Expr<'_>) -> bool {
    matches!(e.kind, ExprKind::Starred { .. })
}

impl<'a> Compiler<'_, 'a> {
    pub fn expr(&mut self, e: &'a Expr<'a>) -> CResult<()> {
        let saved_line = self.unit_ref().line;
        let saved_span = self.unit_ref().span;
        self.set_line(e.span.lineno);
        self.unit().span = e.span;
        let r = self.expr_inner(e);
        self.unit().line = saved_line;
        self.unit().span = saved_span;
        r
    }

    fn expr_inner(&mut self, e: &'a Expr<'a>) -> CResult<()> {
        use Opcode::*;
        match &e.kind {
            ExprKind::BoolOp { op, values } => {
                let end = self.new_label();
                let jump = if *op == BoolOp::And {
                    JUMP_IF_FALSE_OR_POP
                } else {
                    JUMP_IF_TRUE_OR_POP
                };
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        self.jump(jump, end);
                    }
                }
                self.bind(end);
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit(COPY, 1);
                self.store_target(target)?;
            }
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.emit(BINARY_OP, binary_op_code(*op));
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                self.op(match op {
                    UnaryOp::Invert => UNARY_INVERT,
                    UnaryOp::Not => UNARY_NOT,
                    UnaryOp::UAdd => UNARY_POSITIVE,
                    UnaryOp::USub => UNARY_NEGATIVE,
                });
            }
            ExprKind::Lambda { args, body } => self.lambda(e, args, body)?,
            ExprKind::IfExp { test, body, orelse } => {
                let next = self.new_label();
                let end = self.new_label();
                self.jump_if(test, false, next)?;
                self.expr(body)?;
                self.jump(JUMP_FORWARD, end);
                self.bind(next);
                self.expr(orelse)?;
                self.bind(end);
            }
            ExprKind::Dict { keys, values } => self.dict(keys, values)?,
            ExprKind::Set { elts } => {
                self.starunpack(elts, BUILD_SET, SET_ADD, SET_UPDATE, false)?
            }
            ExprKind::List { elts, ctx } => {
                self.check_load(*ctx, e.span)?;
                self.starunpack(elts, BUILD_LIST, LIST_APPEND, LIST_EXTEND, false)?
            }
            ExprKind::Tuple { elts, ctx } => {
                self.check_load(*ctx, e.span)?;
                self.starunpack(elts, BUILD_LIST, LIST_APPEND, LIST_EXTEND, true)?
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, generators, elt, None, BUILD_LIST)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, generators, elt, None, BUILD_SET)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(e, generators, key, Some(value), BUILD_MAP)?,
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, generators, elt, None, NOP)?
            }
            ExprKind::Await { value } => {
                let unit = self.unit_ref();
                if unit.kind != super::symtable::ScopeKind::Function {
                    return Err(error_at("'await' outside function", e.span));
                }
                if !unit.is_async && !unit.is_comprehension {
                    return Err(error_at("'await' outside async function", e.span));
                }
                self.expr(value)?;
                self.await_value(0);
            }
            ExprKind::Yield { value } => {
                self.check_yield(e.span)?;
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Const::None),
                }
                self.op(YIELD_VALUE);
            }
            ExprKind::YieldFrom { value } => {
                self.check_yield(e.span)?;
                if self.unit_ref().is_async {
                    return Err(error_at("'yield from' inside async function", e.span));
                }
                self.expr(value)?;
                self.op(GET_YIELD_FROM_ITER);
                self.load_const(Const::None);
                self.yield_from_loop();
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compare(left, ops, comparators)?,
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords)?,
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                self.expr(value)?;
                let mut flags = match *conversion {
                    115 => FVC_STR,
                    114 => FVC_REPR,
                    97 => FVC_ASCII,
                    _ => FVC_NONE,
                };
                if let Some(spec) = format_spec {
                    self.expr(spec)?;
                    flags |= FVS_HAVE_SPEC;
                }
                self.emit(FORMAT_VALUE, flags);
            }
            ExprKind::JoinedStr { values } => {
                if values.is_empty() {
                    self.load_const(Const::str(""));
                } else {
                    for v in values.iter() {
                        self.expr(v)?;
                    }
                    if values.len() > 1
                        || !matches!(values[0].kind, ExprKind::FormattedValue { .. })
                    {
                        self.emit(BUILD_STRING, values.len() as u32);
                    }
                }
            }
            ExprKind::Constant { value, .. } => {
                let c = constant_of(value, e.span)?;
                self.load_const(c);
            }
            ExprKind::Attribute { value, attr, ctx } => {
                self.check_load(*ctx, e.span)?;
                self.expr(value)?;
                let name = self.mangle(attr);
                self.unit().span = attr_span(e.span, attr);
                self.name_op(LOAD_ATTR, &name);
            }
            ExprKind::Subscript { value, slice, ctx } => {
                self.check_load(*ctx, e.span)?;
                self.expr(value)?;
                self.expr(slice)?;
                self.op(BINARY_SUBSCR);
            }
            ExprKind::Starred { .. } => {
                return Err(error_at("can't use starred expression here", e.span));
            }
            ExprKind::Name { id, ctx } => self.compile_name(id, *ctx, e.span)?,
            ExprKind::Slice { lower, upper, step } => {
                let mut n = 2;
                for part in [lower, upper] {
                    match part {
                        Some(p) => self.expr(p)?,
                        None => self.load_const(Const::None),
                    }
                }
                if let Some(s) = step {
                    self.expr(s)?;
                    n = 3;
                }
                self.emit(BUILD_SLICE, n);
            }
        }
        Ok(())
    }

    fn check_load(&self, ctx: ExprContext, span: Span) -> CResult<()> {
        if ctx != ExprContext::Load {
            return Err(error_at(
                "internal compiler error: store context in an expression",
                span,
            ));
        }
        Ok(())
    }

    fn check_yield(&self, span: Span) -> CResult<()> {
        if self.unit_ref().kind != super::symtable::ScopeKind::Function {
            return Err(error_at("'yield' outside function", span));
        }
        Ok(())
    }

    /// Builds a list, set or tuple from elements that may be starred.
    fn starunpack(
        &mut self,
        elts: &'a [Expr<'a>],
        build: Opcode,
        add: Opcode,
        extend: Opcode,
        tuple: bool,
    ) -> CResult<()> {
        // Three or more constants: one folded constant extended into an
        // empty list (a frozenset merged into an empty set), as CPython
        // 3.11 does; the set's table order then follows the frozenset's.
        // (Constant tuples are left to the peephole optimizer's folding.)
        if !tuple
            && elts.len() > 2
            && let Some(items) = elts.iter().map(static_const).collect::<Option<Vec<_>>>()
        {
            let items: Rc<[Const]> = Rc::from(items);
            self.emit(build, 0);
            if build == Opcode::BUILD_SET {
                self.load_const(Const::FrozenSet(items));
            } else {
                self.load_const(Const::Tuple(items));
            }
            self.emit(extend, 1);
            return Ok(());
        }
        if !elts.iter().any(is_starred) {
            for e in elts {
                self.expr(e)?;
            }
            let op = if tuple { Opcode::BUILD_TUPLE } else { build };
            self.emit(op, elts.len() as u32);
            return Ok(());
        }
        let leading = elts.iter().take_while(|e| !is_starred(e)).count();
        for e in &elts[..leading] {
            self.expr(e)?;
        }
        self.emit(build, leading as u32);
        for e in &elts[leading..] {
            match &e.kind {
                ExprKind::Starred { value, .. } => {
                    self.expr(value)?;
                    self.emit(extend, 1);
                }
                _ => {
                    self.expr(e)?;
                    self.emit(add, 1);
                }
            }
        }
        if tuple {
            self.op(Opcode::LIST_TO_TUPLE);
        }
        Ok(())
    }

    fn dict(&mut self, keys: &'a [Option<&'a Expr<'a>>], values: &'a [Expr<'a>]) -> CResult<()> {
        use Opcode::*;
        let all_const_keys = keys.len() > 1
            && keys.iter().all(|k| {
                matches!(
                    k,
                    Some(Expr {
                        kind: ExprKind::Constant { .. },
                        ..
                    })
                )
            });
        if all_const_keys {
            let mut consts = Vec::with_capacity(keys.len());
            for k in keys.iter().flatten() {
                if let ExprKind::Constant { value, .. } = &k.kind {
                    consts.push(constant_of(value, k.span)?);
                }
            }
            for v in values {
                self.expr(v)?;
            }
            self.load_const(Const::Tuple(Rc::from(consts)));
            self.emit(BUILD_CONST_KEY_MAP, values.len() as u32);
            return Ok(());
        }
        let mut have_dict = false;
        let mut pending = 0;
        for (k, v) in keys.iter().zip(values) {
            match k {
                Some(k) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    pending += 1;
                }
                None => {
                    if pending > 0 || !have_dict {
                        self.emit(BUILD_MAP, pending);
                        if have_dict {
                            self.emit(DICT_UPDATE, 1);
                        }
                        have_dict = true;
                        pending = 0;
                    }
                    self.expr(v)?;
                    self.emit(DICT_UPDATE, 1);
                }
            }
        }
        if pending > 0 || !have_dict {
            self.emit(BUILD_MAP, pending);
            if have_dict {
                self.emit(DICT_UPDATE, 1);
            }
        }
        Ok(())
    }

    fn compare(
        &mut self,
        left: &'a Expr<'a>,
        ops: &'a [CmpOp],
        comparators: &'a [Expr<'a>],
    ) -> CResult<()> {
        use Opcode::*;
        self.expr(left)?;
        if ops.len() == 1 {
            self.expr(&comparators[0])?;
            self.compare_op(ops[0]);
            return Ok(());
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        for (op, c) in ops.iter().zip(comparators).take(ops.len() - 1) {
            self.expr(c)?;
            self.emit(SWAP, 2);
            self.emit(COPY, 2);
            self.compare_op(*op);
            self.jump(JUMP_IF_FALSE_OR_POP, cleanup);
        }
        if let (Some(c), Some(op)) = (comparators.last(), ops.last()) {
            self.expr(c)?;
            self.compare_op(*op);
        }
        self.jump(JUMP_FORWARD, end);
        self.bind(cleanup);
        self.emit(SWAP, 2);
        self.op(POP_TOP);
        self.bind(end);
        Ok(())
    }

    fn compare_op(&mut self, op: CmpOp) {
        use Opcode::*;
        match op {
            CmpOp::Lt => self.emit(COMPARE_OP, 0),
            CmpOp::LtE => self.emit(COMPARE_OP, 1),
            CmpOp::Eq => self.emit(COMPARE_OP, 2),
            CmpOp::NotEq => self.emit(COMPARE_OP, 3),
            CmpOp::Gt => self.emit(COMPARE_OP, 4),
            CmpOp::GtE => self.emit(COMPARE_OP, 5),
            CmpOp::Is => self.emit(IS_OP, 0),
            CmpOp::IsNot => self.emit(IS_OP, 1),
            CmpOp::In => self.emit(CONTAINS_OP, 0),
            CmpOp::NotIn => self.emit(CONTAINS_OP, 1),
        }
    }

    /// Jumps to `target` if `e`'s truth equals `cond`, short-circuiting
    /// `not`, `and` and `or` without materialising booleans.
    pub fn jump_if(&mut self, e: &'a Expr<'a>, cond: bool, target: Label) -> CResult<()> {
        match &e.kind {
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand,
            } => return self.jump_if(operand, !cond, target),
            ExprKind::BoolOp { op, values } => {
                let is_or = *op == BoolOp::Or;
                // For `a or b` jumping on true (or `a and b` on false), every
                // operand can jump straight to the target.
                if is_or == cond {
                    for v in values.iter() {
                        self.jump_if(v, cond, target)?;
                    }
                } else {
                    let skip = self.new_label();
                    let (last, rest) = values.split_last().expect("BoolOp has operands");
                    for v in rest {
                        self.jump_if(v, !cond, skip)?;
                    }
                    self.jump_if(last, cond, target)?;
                    self.bind(skip);
                }
                return Ok(());
            }
            _ => {}
        }
        self.expr(e)?;
        if let ExprKind::Compare { .. } = e.kind {
            // CPython 3.11 leaves a tested comparison's range in force for
            // what follows in the statement (the `assert` raise points at it).
            self.unit().span = e.span;
        }
        let op = if cond {
            Opcode::POP_JUMP_IF_TRUE
        } else {
            Opcode::POP_JUMP_IF_FALSE
        };
        self.jump(op, target);
        Ok(())
    }

    fn call(
        &mut self,
        func: &'a Expr<'a>,
        args: &'a [Expr<'a>],
        keywords: &'a [Keyword<'a>],
    ) -> CResult<()> {
        let simple = !args.iter().any(is_starred) && keywords.iter().all(|k| k.arg.is_some());
        if let (
            true,
            ExprKind::Attribute {
                value,
                attr,
                ctx: ExprContext::Load,
            },
        ) = (simple, &func.kind)
        {
            self.expr(value)?;
            let name = self.mangle(attr);
            self.set_line(func.span.end_lineno);
            let saved = self.unit_ref().span;
            self.unit().span = attr_span(func.span, attr);
            self.name_op(Opcode::LOAD_METHOD, &name);
            self.unit().span = saved;
        } else {
            self.expr(func)?;
            self.op(Opcode::PUSH_NULL);
        }
        self.call_helper(0, args, keywords)
    }

    /// Emits the arguments and the call, with `pushed` positional arguments
    /// already on the stack (above the callable and its self slot).
    pub fn call_helper(
        &mut self,
        pushed: u32,
        args: &'a [Expr<'a>],
        keywords: &'a [Keyword<'a>],
    ) -> CResult<()> {
        for (i, k) in keywords.iter().enumerate() {
            if let Some(name) = k.arg
                && keywords[..i]
                    .iter()
                    .any(|earlier| earlier.arg == Some(name))
            {
                return Err(error_at(
                    format!("keyword argument repeated: {name}"),
                    k.span,
                ));
            }
        }
        use Opcode::*;
        let simple = !args.iter().any(is_starred) && keywords.iter().all(|k| k.arg.is_some());
        if simple {
            for a in args {
                self.expr(a)?;
            }
            let n = pushed + args.len() as u32;
            if keywords.is_empty() {
                self.emit(CALL, n);
            } else {
                let mut names = Vec::with_capacity(keywords.len());
                for k in keywords {
                    self.expr(k.value)?;
                    names.push(Const::str(k.arg.unwrap_or_default()));
                }
                self.load_const(Const::Tuple(Rc::from(names)));
                self.emit(CALL_KW, n + keywords.len() as u32);
            }
            return Ok(());
        }
        // The general form: a tuple of positional arguments and a dict. A
        // lone `*x` goes to CALL_FUNCTION_EX as is (as CPython compiles it),
        // so its "argument after * must be an iterable" check names the
        // callable.
        match args {
            [
                Expr {
                    kind: ExprKind::Starred { value, .. },
                    ..
                },
            ] if pushed == 0 => self.expr(value)?,
            _ => {
                self.emit(BUILD_LIST, pushed);
                for a in args {
                    match &a.kind {
                        ExprKind::Starred { value, .. } => {
                            self.expr(value)?;
                            self.emit(LIST_EXTEND, 1);
                        }
                        _ => {
                            self.expr(a)?;
                            self.emit(LIST_APPEND, 1);
                        }
                    }
                }
                self.op(LIST_TO_TUPLE);
            }
        }
        if keywords.is_empty() {
            self.emit(CALL_FUNCTION_EX, 0);
            return Ok(());
        }
        let mut have_dict = false;
        let mut pending = 0;
        for k in keywords {
            match k.arg {
                Some(name) => {
                    self.load_const(Const::str(name));
                    self.expr(k.value)?;
                    pending += 1;
                }
                None => {
                    if pending > 0 || !have_dict {
                        self.emit(BUILD_MAP, pending);
                        if have_dict {
                            self.emit(DICT_MERGE, 1);
                        }
                        have_dict = true;
                        pending = 0;
                    }
                    self.expr(k.value)?;
                    self.emit(DICT_MERGE, 1);
                }
            }
        }
        if pending > 0 {
            self.emit(BUILD_MAP, pending);
            if have_dict {
                self.emit(DICT_MERGE, 1);
            }
        }
        self.emit(CALL_FUNCTION_EX, 1);
        Ok(())
    }

    fn lambda(
        &mut self,
        e: &'a Expr<'a>,
        args: &'a Arguments<'a>,
        body: &'a Expr<'a>,
    ) -> CResult<()> {
        let flags = self.arg_defaults(args)?;
        let Some(scope) = self.table.scope_of(e) else {
            return Err(error_at(
                "internal compiler error: lambda has no scope",
                e.span,
            ));
        };
        let private = self.unit_ref().private.clone();
        self.enter_unit(scope, "<lambda>", e.span.lineno, private);
        self.set_arg_counts(args);
        self.expr(body)?;
        self.op(Opcode::RETURN_VALUE);
        let code = self.leave_unit()?;
        self.make_function(code, flags, e.span)
    }

    /// A comprehension is a nested function called with the outermost
    /// iterator. `build` is `BUILD_LIST`/`BUILD_SET`/`BUILD_MAP`, or `NOP` for
    /// a generator expression.
    fn comprehension(
        &mut self,
        e: &'a Expr<'a>,
        generators: &'a [Comprehension<'a>],
        elt: &'a Expr<'a>,
        value: Option<&'a Expr<'a>>,
        build: Opcode,
    ) -> CResult<()> {
        use Opcode::*;
        let Some(scope) = self.table.scope_of(e) else {
            return Err(error_at(
                "internal compiler error: comprehension has no scope",
                e.span,
            ));
        };
        let name = self.table.scopes[scope].name.clone();
        let is_async_comp = self.table.scopes[scope].is_coroutine;
        let outer_async = self.unit_ref().is_async || self.unit_ref().is_comprehension;
        if generators.iter().any(|g| g.is_async) && build != NOP && !outer_async {
            return Err(error_at(
                "asynchronous comprehension outside of an asynchronous function",
                e.span,
            ));
        }
        let private = self.unit_ref().private.clone();
        self.enter_unit(scope, &name, e.span.lineno, private);
        self.unit().argcount = 1;
        if build != NOP {
            self.emit(build, 0);
        }
        self.comprehension_generator(generators, 0, elt, value, build)?;
        if build == NOP {
            self.load_const(Const::None);
        }
        self.op(RETURN_VALUE);
        let code = self.leave_unit()?;
        self.make_function(code, 0, e.span)?;
        self.op(PUSH_NULL);
        self.expr(generators[0].iter)?;
        self.op(if generators[0].is_async {
            GET_AITER
        } else {
            GET_ITER
        });
        self.emit(CALL, 1);
        if is_async_comp && build != NOP {
            self.await_value(0);
        }
        Ok(())
    }

    fn comprehension_generator(
        &mut self,
        generators: &'a [Comprehension<'a>],
        index: usize,
        elt: &'a Expr<'a>,
        value: Option<&'a Expr<'a>>,
        build: Opcode,
    ) -> CResult<()> {
        use Opcode::*;
        let g = &generators[index];
        let start = self.new_label();
        let if_cleanup = self.new_label();
        let anchor = self.new_label();
        if index == 0 {
            self.emit(LOAD_FAST, 0);
        } else {
            self.expr(g.iter)?;
            self.op(if g.is_async { GET_AITER } else { GET_ITER });
        }
        self.bind(start);
        if g.is_async {
            self.jump(SETUP_FINALLY, anchor);
            self.op(GET_ANEXT);
            self.load_const(Const::None);
            self.yield_from_loop();
            self.op(POP_BLOCK);
        } else {
            self.jump(FOR_ITER, anchor);
        }
        self.store_target(g.target)?;
        for cond in g.ifs {
            self.jump_if(cond, false, if_cleanup)?;
        }
        if index + 1 < generators.len() {
            self.comprehension_generator(generators, index + 1, elt, value, build)?;
        } else {
            // The collection sits below one iterator per generator.
            let depth = generators.len() as u32 + 1;
            match build {
                BUILD_LIST => {
                    self.expr(elt)?;
                    self.emit(LIST_APPEND, depth);
                }
                BUILD_SET => {
                    self.expr(elt)?;
                    self.emit(SET_ADD, depth);
                }
                BUILD_MAP => {
                    self.expr(elt)?;
                    if let Some(v) = value {
                        self.expr(v)?;
                    }
                    self.emit(MAP_ADD, depth);
                }
                _ => {
                    self.expr(elt)?;
                    self.op(YIELD_VALUE);
                    self.op(POP_TOP);
                }
            }
        }
        self.bind(if_cleanup);
        self.jump(JUMP_BACKWARD, start);
        self.bind(anchor);
        if g.is_async {
            self.op(END_ASYNC_FOR);
        }
        Ok(())
    }
}
