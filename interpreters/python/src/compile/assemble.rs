//! The assembler: a finished [`Unit`] to a [`CodeObject`].
//!
//! # Design
//!
//! 1. Labels become absolute instruction indices.
//! 2. The peephole optimizer rewrites in place ([`super::peephole`]): it only
//!    replaces instructions (often by `NOP`), never moves them, so indices
//!    stay valid until step 4.
//! 3. A flow analysis from the entry computes, for every reachable
//!    instruction, the stack depth and the stack of active handlers that the
//!    `SETUP_*`/`POP_BLOCK` pseudo instructions describe. Every path into an
//!    instruction must agree on both: a disagreement is a compiler bug and is
//!    reported as an error, not a panic. The deepest depth is `max_stack`.
//! 4. Unreachable code, `NOP`s and pseudo instructions are dropped, jumps
//!    retargeted, `JUMP_FORWARD`/`JUMP_BACKWARD` chosen by direction, jumps to
//!    the next instruction removed; the innermost handler of each kept
//!    instruction becomes the exception table (runs of equal handlers merge).
//! 5. Unused constants and names are dropped from the pools.

use super::bytecode::*;
use super::codegen::{CResult, Unit};
use crate::error::SyntaxError;
use std::rc::Rc;

fn internal(msg: String, line: u32) -> SyntaxError {
    SyntaxError::at(format!("internal compiler error: {msg}"), line.max(1), 0)
}

/// One active exception handler during the flow analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Handler {
    target: u32,
    depth: u32,
    lasti: bool,
}

#[derive(Clone)]
struct FlowState {
    depth: u32,
    handlers: Rc<Vec<Handler>>,
}

/// The result of the flow analysis of step 3.
struct Flow {
    states: Vec<Option<FlowState>>,
    max_depth: u32,
}

fn analyze(code: &[Instr], lines: &[u32]) -> CResult<Flow> {
    let mut states: Vec<Option<FlowState>> = vec![None; code.len()];
    let mut work: Vec<usize> = Vec::new();
    let mut max_depth = 0u32;
    let line_of = |i: usize| lines.get(i).copied().unwrap_or(1);
    fn visit(
        states: &mut [Option<FlowState>],
        work: &mut Vec<usize>,
        at: usize,
        state: FlowState,
        from_line: u32,
    ) -> CResult<()> {
        let Some(slot) = states.get_mut(at) else {
            return Err(internal(
                format!("control flows past the end (to {at})"),
                from_line,
            ));
        };
        match slot {
            Some(old) => {
                if old.depth != state.depth || old.handlers != state.handlers {
                    return Err(internal(
                        format!(
                            "inconsistent stack at {at}: depth {} vs {}",
                            old.depth, state.depth
                        ),
                        from_line,
                    ));
                }
            }
            None => {
                *slot = Some(state);
                work.push(at);
            }
        }
        Ok(())
    }
    if !code.is_empty() {
        visit(
            &mut states,
            &mut work,
            0,
            FlowState {
                depth: 0,
                handlers: Rc::new(Vec::new()),
            },
            1,
        )?;
    }
    while let Some(i) = work.pop() {
        let state = states[i].clone().expect("queued states are set");
        let instr = code[i];
        let line = line_of(i);
        let op = instr.op;
        match op {
            Opcode::SETUP_FINALLY | Opcode::SETUP_CLEANUP | Opcode::SETUP_WITH => {
                let lasti = op != Opcode::SETUP_FINALLY;
                let unwind = if op == Opcode::SETUP_WITH {
                    state.depth.checked_sub(1)
                } else {
                    Some(state.depth)
                };
                let Some(unwind) = unwind else {
                    return Err(internal("SETUP_WITH on an empty stack".into(), line));
                };
                let handler_depth = unwind + u32::from(lasti) + 1;
                max_depth = max_depth.max(handler_depth);
                visit(
                    &mut states,
                    &mut work,
                    instr.arg as usize,
                    FlowState {
                        depth: handler_depth,
                        handlers: state.handlers.clone(),
                    },
                    line,
                )?;
                let mut inner = (*state.handlers).clone();
                inner.push(Handler {
                    target: instr.arg,
                    depth: unwind,
                    lasti,
                });
                visit(
                    &mut states,
                    &mut work,
                    i + 1,
                    FlowState {
                        depth: state.depth,
                        handlers: Rc::new(inner),
                    },
                    line,
                )?;
            }
            Opcode::POP_BLOCK => {
                let mut outer = (*state.handlers).clone();
                if outer.pop().is_none() {
                    return Err(internal("POP_BLOCK without a block".into(), line));
                }
                visit(
                    &mut states,
                    &mut work,
                    i + 1,
                    FlowState {
                        depth: state.depth,
                        handlers: Rc::new(outer),
                    },
                    line,
                )?;
            }
            _ => {
                let mut next = |jump: bool,
                                to: usize,
                                states: &mut Vec<Option<FlowState>>,
                                work: &mut Vec<usize>| {
                    let Some((pops, pushes)) = op.stack_io(instr.arg, jump) else {
                        return Err(internal(
                            format!("bad argument {} for {}", instr.arg, op.name()),
                            line,
                        ));
                    };
                    if pops > state.depth {
                        return Err(internal(
                            format!("stack underflow at {i} ({})", op.name()),
                            line,
                        ));
                    }
                    let depth = state.depth - pops + pushes;
                    max_depth = max_depth.max(depth);
                    visit(
                        states,
                        work,
                        to,
                        FlowState {
                            depth,
                            handlers: state.handlers.clone(),
                        },
                        line,
                    )
                };
                if op.is_jump() {
                    next(true, instr.arg as usize, &mut states, &mut work)?;
                }
                if !op.is_terminator() {
                    next(false, i + 1, &mut states, &mut work)?;
                }
            }
        }
    }
    Ok(Flow { states, max_depth })
}

pub(crate) fn assemble(unit: Unit, filename: &str) -> CResult<CodeObject> {
    let mut code = unit.code;
    let mut lines = unit.lines;
    let spans = unit.spans;
    let mut consts = unit.consts;
    // 1. Labels to indices.
    for (i, instr) in code.iter_mut().enumerate() {
        if instr.op.arg_kind() == ArgKind::Jump {
            let target = unit
                .labels
                .get(instr.arg as usize)
                .copied()
                .unwrap_or(u32::MAX);
            if target == u32::MAX || target as usize >= lines.len() {
                return Err(internal("jump to an unbound label".into(), lines[i]));
            }
            instr.arg = target;
        }
    }
    // 2. Peephole.
    super::peephole::optimize(&mut code, &mut lines, &mut consts);
    // 3. Flow analysis.
    let flow = analyze(&code, &lines)?;
    // 4. Keep reachable real instructions; map old index -> new index.
    let keep: Vec<bool> = code
        .iter()
        .zip(&flow.states)
        .map(|(instr, st)| st.is_some() && instr.op != Opcode::NOP && !instr.op.is_pseudo())
        .collect();
    let (new_code, new_lines, handlers) = compact(&code, &lines, &flow, &keep);
    // The original index of each kept instruction (for its position).
    let mut origin: Vec<usize> = (0..keep.len()).filter(|&i| keep[i]).collect();
    let mut code = new_code;
    let mut lines = new_lines;
    let mut handlers = handlers;
    // Jumps to the very next instruction are no-ops; removing one can expose
    // another, so repeat until none is left.
    loop {
        let mut changed = false;
        let keep: Vec<bool> = code
            .iter()
            .enumerate()
            .map(|(i, instr)| {
                let useless = instr.op.is_unconditional_jump() && instr.arg as usize == i + 1;
                changed |= useless;
                !useless
            })
            .collect();
        if !changed {
            break;
        }
        let map = index_map(&keep);
        let mut c2 = Vec::new();
        let mut l2 = Vec::new();
        let mut o2 = Vec::new();
        let mut h2 = Vec::new();
        for i in 0..code.len() {
            if keep[i] {
                let mut instr = code[i];
                if instr.op.is_jump() {
                    instr.arg = map[instr.arg as usize];
                }
                c2.push(instr);
                l2.push(lines[i]);
                o2.push(origin[i]);
                h2.push(handlers[i].map(|h: Handler| Handler {
                    target: map[h.target as usize],
                    ..h
                }));
            }
        }
        code = c2;
        lines = l2;
        origin = o2;
        handlers = h2;
    }
    for (i, instr) in code.iter_mut().enumerate() {
        if instr.op.is_unconditional_jump() {
            instr.op = if (instr.arg as usize) > i {
                Opcode::JUMP_FORWARD
            } else {
                Opcode::JUMP_BACKWARD
            };
        }
    }
    let exception_table = build_exception_table(&handlers);
    // 5. Drop unused constants and names.
    let keep_doc = unit.flags & CO_HAS_DOCSTRING != 0;
    let consts = compact_pool(&mut code, consts.consts, Opcode::LOAD_CONST, keep_doc);
    let names = compact_names(&mut code, unit.names);
    if code.is_empty() {
        return Err(internal("empty code object".into(), unit.first_line));
    }
    Ok(CodeObject {
        name: unit.name,
        qualname: unit.qualname,
        filename: filename.to_string(),
        first_line: unit.first_line,
        argcount: unit.argcount,
        posonlyargcount: unit.posonlyargcount,
        kwonlyargcount: unit.kwonlyargcount,
        flags: unit.flags,
        max_stack: flow.max_depth,
        code,
        lines,
        positions: origin
            .iter()
            .map(|&i| spans.get(i).copied().unwrap_or_default())
            .collect(),
        consts,
        names,
        varnames: unit.varnames,
        cellvars: unit.cellvars,
        freevars: unit.freevars,
        exception_table,
    })
}

/// Old index -> new index for a keep mask; a dropped instruction maps to the
/// next kept one (so jumps to it land where execution would continue).
fn index_map(keep: &[bool]) -> Vec<u32> {
    let mut map = vec![0u32; keep.len() + 1];
    let mut next = keep.iter().filter(|k| **k).count() as u32;
    map[keep.len()] = next;
    for i in (0..keep.len()).rev() {
        if keep[i] {
            next -= 1;
        }
        map[i] = next;
    }
    map
}

type Compacted = (Vec<Instr>, Vec<u32>, Vec<Option<Handler>>);

fn compact(code: &[Instr], lines: &[u32], flow: &Flow, keep: &[bool]) -> Compacted {
    let map = index_map(keep);
    let mut out = Vec::new();
    let mut out_lines = Vec::new();
    let mut handlers = Vec::new();
    for i in 0..code.len() {
        if !keep[i] {
            continue;
        }
        let mut instr = code[i];
        if instr.op.is_jump() {
            instr.arg = map[instr.arg as usize];
        }
        out.push(instr);
        out_lines.push(lines[i]);
        let state = flow.states[i]
            .as_ref()
            .expect("kept instructions are reachable");
        handlers.push(state.handlers.last().map(|h| Handler {
            target: map[h.target as usize],
            ..*h
        }));
    }
    (out, out_lines, handlers)
}

fn build_exception_table(handlers: &[Option<Handler>]) -> Vec<ExceptionEntry> {
    let mut table: Vec<ExceptionEntry> = Vec::new();
    for (i, h) in handlers.iter().enumerate() {
        let Some(h) = h else { continue };
        let i = i as u32;
        if let Some(last) = table.last_mut()
            && last.end == i
            && last.handler == h.target
            && last.depth == h.depth
            && last.push_lasti == h.lasti
        {
            last.end = i + 1;
            continue;
        }
        table.push(ExceptionEntry {
            start: i,
            end: i + 1,
            handler: h.target,
            depth: h.depth,
            push_lasti: h.lasti,
        });
    }
    table
}

fn compact_pool(
    code: &mut [Instr],
    consts: Vec<Const>,
    op: Opcode,
    keep_first: bool,
) -> Vec<Const> {
    let mut used = vec![false; consts.len()];
    if keep_first && !used.is_empty() {
        used[0] = true;
    }
    for instr in code.iter() {
        if instr.op == op {
            used[instr.arg as usize] = true;
        }
    }
    let mut map = vec![0u32; consts.len()];
    let mut out = Vec::new();
    for (i, c) in consts.into_iter().enumerate() {
        if used[i] {
            map[i] = out.len() as u32;
            out.push(c);
        }
    }
    for instr in code.iter_mut() {
        if instr.op == op {
            instr.arg = map[instr.arg as usize];
        }
    }
    out
}

fn compact_names(code: &mut [Instr], names: Vec<String>) -> Vec<String> {
    let mut used = vec![false; names.len()];
    for instr in code.iter() {
        if instr.op.arg_kind() == ArgKind::Name {
            used[instr.arg as usize] = true;
        }
    }
    let mut map = vec![0u32; names.len()];
    let mut out = Vec::new();
    for (i, n) in names.into_iter().enumerate() {
        if used[i] {
            map[i] = out.len() as u32;
            out.push(n);
        }
    }
    for instr in code.iter_mut() {
        if instr.op.arg_kind() == ArgKind::Name {
            instr.arg = map[instr.arg as usize];
        }
    }
    out
}
