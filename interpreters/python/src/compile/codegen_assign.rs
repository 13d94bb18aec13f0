//! The code generator, assignment targets: stores (with unpacking),
//! deletions and augmented assignments.

use super::bytecode::*;
use super::codegen::{CResult, Compiler, error_at};
use crate::ast::*;

impl<'a> Compiler<'_, 'a> {
    // ---- assignment targets ----

    pub fn store_target(&mut self, target: &'a Expr<'a>) -> CResult<()> {
        // The store (or unpack) instruction points at its target.
        let saved = self.unit_ref().span;
        self.unit().span = target.span;
        let r = self.store_target_inner(target);
        self.unit().span = saved;
        r
    }

    fn store_target_inner(&mut self, target: &'a Expr<'a>) -> CResult<()> {
        use Opcode::*;
        self.set_line(target.span.lineno);
        match &target.kind {
            ExprKind::Name { id, .. } => self.compile_name(id, ExprContext::Store, target.span)?,
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value)?;
                let name = self.mangle(attr);
                self.unit().span = super::codegen_expr::attr_span(target.span, attr);
                self.name_op(STORE_ATTR, &name);
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.op(STORE_SUBSCR);
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                let star = elts
                    .iter()
                    .position(|e| matches!(e.kind, ExprKind::Starred { .. }));
                match star {
                    Some(i) => {
                        if elts[i + 1..]
                            .iter()
                            .any(|e| matches!(e.kind, ExprKind::Starred { .. }))
                        {
                            return Err(error_at(
                                "multiple starred expressions in assignment",
                                target.span,
                            ));
                        }
                        let after = elts.len() - i - 1;
                        if i >= 256 || after >= (1 << 24) {
                            return Err(error_at(
                                "too many expressions in star-unpacking assignment",
                                target.span,
                            ));
                        }
                        self.emit(UNPACK_EX, i as u32 | ((after as u32) << 8));
                    }
                    None => self.emit(UNPACK_SEQUENCE, elts.len() as u32),
                }
                for e in elts.iter() {
                    match &e.kind {
                        ExprKind::Starred { value, .. } => self.store_target(value)?,
                        _ => self.store_target(e)?,
                    }
                }
            }
            ExprKind::Starred { .. } => {
                return Err(error_at(
                    "starred assignment target must be in a list or tuple",
                    target.span,
                ));
            }
            _ => return Err(error_at("cannot assign to expression", target.span)),
        }
        Ok(())
    }

    pub(crate) fn delete_target(&mut self, target: &'a Expr<'a>) -> CResult<()> {
        let saved = self.unit_ref().span;
        self.unit().span = target.span;
        let r = self.delete_target_inner(target);
        self.unit().span = saved;
        r
    }

    fn delete_target_inner(&mut self, target: &'a Expr<'a>) -> CResult<()> {
        use Opcode::*;
        self.set_line(target.span.lineno);
        match &target.kind {
            ExprKind::Name { id, .. } => self.compile_name(id, ExprContext::Del, target.span)?,
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value)?;
                let name = self.mangle(attr);
                self.name_op(DELETE_ATTR, &name);
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.op(DELETE_SUBSCR);
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                for e in elts.iter() {
                    self.delete_target(e)?;
                }
            }
            _ => return Err(error_at("cannot delete expression", target.span)),
        }
        Ok(())
    }

    pub(crate) fn aug_assign(
        &mut self,
        target: &'a Expr<'a>,
        op: Operator,
        value: &'a Expr<'a>,
    ) -> CResult<()> {
        use Opcode::*;
        let code = super::codegen_expr::binary_op_code(op) + INPLACE_OFFSET;
        match &target.kind {
            ExprKind::Name { id, .. } => {
                self.compile_name(id, ExprContext::Load, target.span)?;
                self.expr(value)?;
                self.emit(BINARY_OP, code);
                self.compile_name(id, ExprContext::Store, target.span)?;
            }
            ExprKind::Attribute {
                value: obj, attr, ..
            } => {
                let name = self.mangle(attr);
                self.expr(obj)?;
                self.emit(COPY, 1);
                self.name_op(LOAD_ATTR, &name);
                self.expr(value)?;
                self.emit(BINARY_OP, code);
                self.emit(SWAP, 2);
                self.name_op(STORE_ATTR, &name);
            }
            ExprKind::Subscript {
                value: obj, slice, ..
            } => {
                self.expr(obj)?;
                self.expr(slice)?;
                self.emit(COPY, 2);
                self.emit(COPY, 2);
                self.op(BINARY_SUBSCR);
                self.expr(value)?;
                self.emit(BINARY_OP, code);
                self.emit(SWAP, 3);
                self.emit(SWAP, 2);
                self.op(STORE_SUBSCR);
            }
            _ => {
                return Err(error_at(
                    "'expression' is an illegal expression for augmented assignment",
                    target.span,
                ));
            }
        }
        Ok(())
    }
}
