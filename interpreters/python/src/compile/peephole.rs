//! The peephole optimizer.
//!
//! # Design
//!
//! It runs on one code object's instructions after labels are resolved and
//! before the flow analysis, and only *replaces* instructions (mostly by
//! `NOP`), never inserts or moves them, so jump targets stay valid; the
//! assembler then drops `NOP`s and everything the flow analysis did not reach.
//! That split keeps each rewrite a local, obviously-correct pattern:
//!
//! - constant folding: `LOAD_CONST a; LOAD_CONST b; BINARY_OP op` becomes one
//!   `LOAD_CONST` (likewise unary `-`/`+`/`~`, `BINARY_SUBSCR`, and
//!   `BUILD_TUPLE` of constants), within the size limits of [`super::fold`];
//!   repeated until nothing changes, so nested expressions fold completely;
//! - branches on constants: `LOAD_CONST 0; POP_JUMP_IF_FALSE L` becomes
//!   `JUMP L` and `LOAD_CONST 1; POP_JUMP_IF_FALSE L` disappears: `if 0:`
//!   leaves only an unreachable body (removed later), `while 1:` no test;
//! - `UNARY_NOT; POP_JUMP_IF_FALSE` becomes `POP_JUMP_IF_TRUE` (and back);
//! - `LOAD_CONST; POP_TOP` disappears;
//! - jump threading: a jump to an unconditional jump (or to `NOP`s before
//!   one) goes straight to the final target.
//!
//! No rewrite crosses a jump target: an instruction some jump lands on keeps
//! its meaning, so every path through the code still sees the same stack.

use super::bytecode::*;
use super::fold;

/// Which instructions are targets of jumps or handlers.
fn jump_targets(code: &[Instr]) -> Vec<bool> {
    let mut targets = vec![false; code.len() + 1];
    for instr in code {
        if instr.op.arg_kind() == ArgKind::Jump {
            targets[instr.arg as usize] = true;
        }
    }
    targets
}

/// Indices of the `n` real instructions before `i`, skipping `NOP`s, if none
/// of the instructions from the first of them up to `i` is a jump target.
fn previous(code: &[Instr], targets: &[bool], i: usize, n: usize) -> Option<Vec<usize>> {
    let mut found = Vec::with_capacity(n);
    let mut j = i;
    while found.len() < n {
        if targets[j] {
            return None;
        }
        j = j.checked_sub(1)?;
        if code[j].op != Opcode::NOP {
            found.push(j);
        }
    }
    found.reverse();
    Some(found)
}

/// Constant folding; returns whether anything changed.
fn fold_constants(code: &mut [Instr], lines: &mut [u32], consts: &mut ConstPool) -> bool {
    let targets = jump_targets(code);
    let mut changed = false;
    for i in 0..code.len() {
        let instr = code[i];
        let n = match instr.op {
            Opcode::BINARY_OP | Opcode::BINARY_SUBSCR => 2,
            Opcode::UNARY_NEGATIVE | Opcode::UNARY_POSITIVE | Opcode::UNARY_INVERT => 1,
            Opcode::BUILD_TUPLE => instr.arg as usize,
            _ => continue,
        };
        if n > 1024 {
            continue;
        }
        let Some(prev) = previous(code, &targets, i, n) else {
            continue;
        };
        if !prev.iter().all(|&j| code[j].op == Opcode::LOAD_CONST) {
            continue;
        }
        let args: Vec<&Const> = prev
            .iter()
            .map(|&j| &consts.consts[code[j].arg as usize])
            .collect();
        let folded = match instr.op {
            Opcode::BINARY_OP => fold::binary(instr.arg, args[0], args[1]),
            Opcode::BINARY_SUBSCR => fold::subscript(args[0], args[1]),
            Opcode::BUILD_TUPLE => Some(Const::Tuple(args.into_iter().cloned().collect())),
            op => fold::unary(op, args[0]),
        };
        let Some(value) = folded else { continue };
        for &j in &prev {
            code[j] = Instr::new(Opcode::NOP, 0);
        }
        let index = consts.add(value);
        code[i] = Instr::new(Opcode::LOAD_CONST, index);
        if let Some(&first) = prev.first() {
            lines[i] = lines[first].min(lines[i]).max(1);
        }
        changed = true;
    }
    changed
}

/// Branches on constants, `not` before a branch, constants popped at once.
fn fold_branches(code: &mut [Instr], consts: &[Const]) {
    let targets = jump_targets(code);
    for i in 0..code.len() {
        let instr = code[i];
        let Some(prev) = previous(code, &targets, i, 1) else {
            continue;
        };
        let p = prev[0];
        let before = code[p];
        match (before.op, instr.op) {
            (Opcode::LOAD_CONST, Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE) => {
                let Some(truth) = consts[before.arg as usize].truthiness() else {
                    continue;
                };
                let jumps = truth == (instr.op == Opcode::POP_JUMP_IF_TRUE);
                code[p] = Instr::new(Opcode::NOP, 0);
                code[i] = if jumps {
                    Instr::new(Opcode::JUMP_FORWARD, instr.arg)
                } else {
                    Instr::new(Opcode::NOP, 0)
                };
            }
            (Opcode::LOAD_CONST, Opcode::JUMP_IF_FALSE_OR_POP | Opcode::JUMP_IF_TRUE_OR_POP) => {
                let Some(truth) = consts[before.arg as usize].truthiness() else {
                    continue;
                };
                let jumps = truth == (instr.op == Opcode::JUMP_IF_TRUE_OR_POP);
                if jumps {
                    code[i] = Instr::new(Opcode::JUMP_FORWARD, instr.arg);
                } else {
                    code[p] = Instr::new(Opcode::NOP, 0);
                    code[i] = Instr::new(Opcode::NOP, 0);
                }
            }
            (Opcode::LOAD_CONST, Opcode::POP_TOP) => {
                code[p] = Instr::new(Opcode::NOP, 0);
                code[i] = Instr::new(Opcode::NOP, 0);
            }
            (Opcode::UNARY_NOT, Opcode::POP_JUMP_IF_FALSE) => {
                code[p] = Instr::new(Opcode::NOP, 0);
                code[i] = Instr::new(Opcode::POP_JUMP_IF_TRUE, instr.arg);
            }
            (Opcode::UNARY_NOT, Opcode::POP_JUMP_IF_TRUE) => {
                code[p] = Instr::new(Opcode::NOP, 0);
                code[i] = Instr::new(Opcode::POP_JUMP_IF_FALSE, instr.arg);
            }
            _ => {}
        }
    }
}

/// Where a jump to `target` really ends up: past `NOP`s and through
/// unconditional jumps (with a bound, so a jump cycle cannot hang us).
fn final_target(code: &[Instr], mut target: usize) -> usize {
    for _ in 0..code.len().min(256) {
        match code.get(target) {
            Some(instr) if instr.op == Opcode::NOP => target += 1,
            Some(instr) if instr.op.is_unconditional_jump() => target = instr.arg as usize,
            _ => break,
        }
    }
    target
}

fn thread_jumps(code: &mut [Instr]) {
    for i in 0..code.len() {
        let instr = code[i];
        if !instr.op.is_jump() || matches!(instr.op, Opcode::FOR_ITER | Opcode::SEND) {
            continue;
        }
        let target = final_target(code, instr.arg as usize);
        if target < code.len() {
            code[i].arg = target as u32;
        }
    }
}

pub fn optimize(code: &mut [Instr], lines: &mut [u32], consts: &mut ConstPool) {
    for _ in 0..16 {
        if !fold_constants(code, lines, consts) {
            break;
        }
    }
    fold_branches(code, &consts.consts);
    thread_jumps(code);
}
