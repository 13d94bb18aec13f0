//! The code generator, control flow: loops, `with`, `try` (with `except`,
//! `except*`, `finally`), and the send loop behind `await` / `yield from`.
//!
//! The exception-handling shapes are CPython 3.11's; the comments give the
//! value stack at each handler entry.

use super::bytecode::*;
use super::codegen::{CResult, Compiler, FBlock, Label, error_at};
use crate::ast::*;

impl<'a> Compiler<'_, 'a> {
    /// `exit(None, None, None)` with the bound `exit` on top of the stack.
    pub(crate) fn call_exit_with_nones(&mut self) {
        self.op(Opcode::PUSH_NULL);
        self.load_const(Const::None);
        self.load_const(Const::None);
        self.load_const(Const::None);
        self.emit(Opcode::CALL, 3);
    }

    /// `GET_AWAITABLE where; LOAD_CONST None; <send loop>`.
    pub fn await_value(&mut self, where_: u32) {
        self.emit(Opcode::GET_AWAITABLE, where_);
        self.load_const(Const::None);
        self.yield_from_loop();
    }

    /// `[iter, value] -> [result]`: send until the sub-iterator returns.
    pub fn yield_from_loop(&mut self) {
        let start = self.new_label();
        let exit = self.new_label();
        self.bind(start);
        self.jump(Opcode::SEND, exit);
        self.op(Opcode::YIELD_VALUE);
        self.jump(Opcode::JUMP_BACKWARD, start);
        self.bind(exit);
    }

    pub(crate) fn for_stmt(&mut self, f: &'a For<'a>) -> CResult<()> {
        use Opcode::*;
        let start = self.new_label();
        let cleanup = self.new_label();
        let exit = self.new_label();
        self.expr(f.iter)?;
        self.op(GET_ITER);
        self.bind(start);
        self.jump(FOR_ITER, cleanup);
        self.store_target(f.target)?;
        self.push_block(FBlock::ForLoop { start, exit })?;
        self.body(f.body)?;
        self.fblocks.last_mut().expect("unit open").pop();
        self.jump(JUMP_BACKWARD, start);
        self.bind(cleanup);
        self.body(f.orelse)?;
        self.bind(exit);
        Ok(())
    }

    pub(crate) fn async_for_stmt(&mut self, f: &'a For<'a>, span: Span) -> CResult<()> {
        use Opcode::*;
        if !self.unit_ref().is_async {
            return Err(error_at("'async for' outside async function", span));
        }
        let start = self.new_label();
        let except = self.new_label();
        let exit = self.new_label();
        self.expr(f.iter)?;
        self.op(GET_AITER);
        self.bind(start);
        self.jump(SETUP_FINALLY, except);
        self.op(GET_ANEXT);
        self.load_const(Const::None);
        self.yield_from_loop();
        self.op(POP_BLOCK);
        self.store_target(f.target)?;
        self.push_block(FBlock::ForLoop { start, exit })?;
        self.body(f.body)?;
        self.fblocks.last_mut().expect("unit open").pop();
        self.jump(JUMP_BACKWARD, start);
        self.bind(except);
        self.op(END_ASYNC_FOR);
        self.body(f.orelse)?;
        self.bind(exit);
        Ok(())
    }

    pub(crate) fn with_stmt(
        &mut self,
        w: &'a With<'a>,
        index: usize,
        is_async: bool,
        span: Span,
    ) -> CResult<()> {
        use Opcode::*;
        let Some(item) = w.items.get(index) else {
            return self.body(w.body);
        };
        let final_ = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        let suppress = self.new_label();
        self.expr(item.context_expr)?;
        self.set_line(span.lineno);
        if is_async {
            self.op(BEFORE_ASYNC_WITH);
            self.await_value(1);
        } else {
            self.op(BEFORE_WITH);
        }
        self.jump(SETUP_WITH, final_);
        match item.optional_vars {
            Some(target) => self.store_target(target)?,
            None => self.op(POP_TOP),
        }
        self.push_block(FBlock::With { is_async })?;
        self.with_stmt(w, index + 1, is_async, span)?;
        self.fblocks.last_mut().expect("unit open").pop();
        self.set_line(span.lineno);
        self.op(POP_BLOCK);
        self.call_exit_with_nones();
        if is_async {
            self.await_value(2);
        }
        self.op(POP_TOP);
        self.jump(JUMP_FORWARD, exit);
        // Exceptional exit: [exit, lasti, exc].
        self.bind(final_);
        self.jump(SETUP_CLEANUP, cleanup);
        self.op(PUSH_EXC_INFO);
        self.op(WITH_EXCEPT_START);
        if is_async {
            self.await_value(2);
        }
        self.jump(POP_JUMP_IF_TRUE, suppress);
        self.emit(RERAISE, 2);
        self.bind(suppress);
        self.op(POP_TOP);
        self.op(POP_BLOCK);
        self.op(POP_EXCEPT);
        self.op(POP_TOP);
        self.op(POP_TOP);
        self.jump(JUMP_FORWARD, exit);
        self.bind_cleanup_then(cleanup, exit);
        Ok(())
    }

    /// The handler of a handler: `[prev_exc, lasti, exc] -> restore prev_exc, re-raise`.
    pub(crate) fn emit_cleanup_reraise(&mut self) {
        self.emit(Opcode::COPY, 3);
        self.op(Opcode::POP_EXCEPT);
        self.emit(Opcode::RERAISE, 1);
    }

    /// The end of every `try` and `with`: at `cleanup` the handler of its
    /// handlers, then `end`, where the normal paths meet.
    fn bind_cleanup_then(&mut self, cleanup: Label, end: Label) {
        self.bind(cleanup);
        self.emit_cleanup_reraise();
        self.bind(end);
    }

    /// What `try`/`except` and `try`/`except*` share before their handlers:
    /// the body under SETUP_FINALLY `except`, then `else` and a jump to
    /// `end`; at `except` (`[exc]`), the exception info pushed under
    /// SETUP_CLEANUP `cleanup`. Returns `(end, cleanup)`, which the
    /// caller binds after its handlers.
    fn try_body_then_handlers(
        &mut self,
        body: &'a [Stmt<'a>],
        orelse: &'a [Stmt<'a>],
    ) -> CResult<(Label, Label)> {
        use Opcode::*;
        let except = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        self.jump(SETUP_FINALLY, except);
        self.push_block(FBlock::TryExcept)?;
        self.body(body)?;
        self.fblocks.last_mut().expect("unit open").pop();
        self.op(POP_BLOCK);
        self.body(orelse)?;
        self.jump(JUMP_FORWARD, end);
        self.bind(except);
        self.jump(SETUP_CLEANUP, cleanup);
        self.op(PUSH_EXC_INFO);
        Ok((end, cleanup))
    }

    /// `name = None; del name`: an `except ... as name` handler's name is
    /// unbound when it ends, however it ends.
    fn clear_handler_name(&mut self, name: &'a str, span: Span) -> CResult<()> {
        self.load_const(Const::None);
        self.compile_name(name, ExprContext::Store, span)?;
        self.compile_name(name, ExprContext::Del, span)
    }

    pub(crate) fn try_except(
        &mut self,
        body: &'a [Stmt<'a>],
        handlers: &'a [ExceptHandler<'a>],
        orelse: &'a [Stmt<'a>],
    ) -> CResult<()> {
        use Opcode::*;
        let (end, cleanup) = self.try_body_then_handlers(body, orelse)?;
        for (i, h) in handlers.iter().enumerate() {
            self.set_line(h.span.lineno);
            if h.type_.is_none() && i + 1 < handlers.len() {
                return Err(error_at("default 'except:' must be last", h.span));
            }
            let next = self.new_label();
            if let Some(ty) = h.type_ {
                self.expr(ty)?;
                self.op(CHECK_EXC_MATCH);
                self.jump(POP_JUMP_IF_FALSE, next);
            }
            match h.name {
                Some(name) => {
                    let cleanup_body = self.new_label();
                    self.compile_name(name, ExprContext::Store, h.span)?;
                    self.jump(SETUP_CLEANUP, cleanup_body);
                    self.push_block(FBlock::HandlerCleanup { name: Some(name) })?;
                    self.body(h.body)?;
                    self.fblocks.last_mut().expect("unit open").pop();
                    self.op(POP_BLOCK);
                    self.op(POP_BLOCK);
                    self.op(POP_EXCEPT);
                    self.clear_handler_name(name, h.span)?;
                    self.jump(JUMP_FORWARD, end);
                    // [prev, lasti, exc2]
                    self.bind(cleanup_body);
                    self.clear_handler_name(name, h.span)?;
                    self.emit(RERAISE, 1);
                }
                None => {
                    self.op(POP_TOP);
                    self.push_block(FBlock::HandlerCleanup { name: None })?;
                    self.body(h.body)?;
                    self.fblocks.last_mut().expect("unit open").pop();
                    self.op(POP_BLOCK);
                    self.op(POP_EXCEPT);
                    self.jump(JUMP_FORWARD, end);
                }
            }
            self.bind(next);
        }
        // No handler matched: [prev, exc].
        self.emit(RERAISE, 0);
        self.bind_cleanup_then(cleanup, end);
        Ok(())
    }

    pub(crate) fn try_finally(&mut self, t: &'a Try<'a>, star: bool) -> CResult<()> {
        use Opcode::*;
        let end_handler = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.jump(SETUP_FINALLY, end_handler);
        self.push_block(FBlock::FinallyTry { body: t.finalbody })?;
        if t.handlers.is_empty() {
            self.body(t.body)?;
        } else {
            let (body, handlers, orelse) = (t.body, t.handlers, t.orelse);
            if star {
                self.try_star_except(body, handlers, orelse)?;
            } else {
                self.try_except(body, handlers, orelse)?;
            }
        }
        self.fblocks.last_mut().expect("unit open").pop();
        self.op(POP_BLOCK);
        self.body(t.finalbody)?;
        self.jump(JUMP_FORWARD, exit);
        // [exc]
        self.bind(end_handler);
        self.jump(SETUP_CLEANUP, cleanup);
        self.op(PUSH_EXC_INFO);
        self.push_block(FBlock::FinallyEnd)?;
        self.body(t.finalbody)?;
        self.fblocks.last_mut().expect("unit open").pop();
        self.emit(RERAISE, 0);
        self.bind_cleanup_then(cleanup, exit);
        Ok(())
    }

    pub(crate) fn try_star_except(
        &mut self,
        body: &'a [Stmt<'a>],
        handlers: &'a [ExceptHandler<'a>],
        orelse: &'a [Stmt<'a>],
    ) -> CResult<()> {
        use Opcode::*;
        let (end, cleanup) = self.try_body_then_handlers(body, orelse)?;
        let reraise = self.new_label();
        // [prev, orig, list, rest]
        self.emit(COPY, 1);
        self.emit(BUILD_LIST, 0);
        self.emit(SWAP, 2);
        for h in handlers {
            self.set_line(h.span.lineno);
            let Some(ty) = h.type_ else {
                return Err(error_at("expected 'except' or 'finally' block", h.span));
            };
            let no_match = self.new_label();
            let next = self.new_label();
            let with_error = self.new_label();
            self.expr(ty)?;
            self.op(CHECK_EG_MATCH);
            self.emit(COPY, 1);
            self.jump(POP_JUMP_IF_NONE, no_match);
            match h.name {
                Some(name) => self.compile_name(name, ExprContext::Store, h.span)?,
                None => self.op(POP_TOP),
            }
            self.jump(SETUP_CLEANUP, with_error);
            self.push_block(FBlock::HandlerCleanup { name: None })?;
            self.body(h.body)?;
            self.fblocks.last_mut().expect("unit open").pop();
            self.op(POP_BLOCK);
            if let Some(name) = h.name {
                self.clear_handler_name(name, h.span)?;
            }
            self.jump(JUMP_FORWARD, next);
            // [prev, orig, list, rest, lasti, raised]
            self.bind(with_error);
            if let Some(name) = h.name {
                self.clear_handler_name(name, h.span)?;
            }
            self.emit(LIST_APPEND, 3);
            self.op(POP_TOP);
            self.jump(JUMP_FORWARD, next);
            self.bind(no_match);
            self.op(POP_TOP);
            self.bind(next);
        }
        self.emit(LIST_APPEND, 1);
        self.op(PREP_RERAISE_STAR);
        self.emit(COPY, 1);
        self.jump(POP_JUMP_IF_NOT_NONE, reraise);
        self.op(POP_TOP);
        self.op(POP_BLOCK);
        self.op(POP_EXCEPT);
        self.jump(JUMP_FORWARD, end);
        self.bind(reraise);
        self.op(POP_BLOCK);
        self.emit(SWAP, 2);
        self.op(POP_EXCEPT);
        self.emit(RERAISE, 0);
        self.bind_cleanup_then(cleanup, end);
        Ok(())
    }
}
