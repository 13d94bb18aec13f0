//! The GC's fast paths, inlined into compiled traces.
//!
//! Allocation. A call of an allocating helper that the runtime watched return
//! a fresh young object fully described by the helper's `fresh` words (every
//! payload word listed) becomes the bump sequence of docs/gc.md: load the
//! thread's bump pointer, add the object size, compare with the bump limit;
//! on success store the new pointer, the header and the fresh words. The slow
//! path (a cold block) calls the helper itself, which collects when it must
//! and fails the way the interpreter would. The result is the same object the
//! helper would have built: same layout, size, and words (the nursery is
//! zeroed, and every payload word is written).
//!
//! Write barrier. A call of a helper the runtime declared to be the write
//! barrier on its first argument (one that does nothing unless the object's
//! header has the track-young flag) becomes a header load and a flag test;
//! only old objects not yet remembered reach the call, in a cold block.
//!
//! Collections inside a trace. The slow paths may collect. The collector
//! scans the native stack and the callee-saved registers conservatively and
//! pins what they point to, and Cranelift keeps every value that is live
//! across a call in a callee-saved register or a stack slot, so the objects
//! a trace holds only in SSA values survive, unmoved.

use super::CompileEnv;
use crate::ir::{FreshWord, Helper};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{BlockArg, FuncRef, InstBuilder, MemFlagsData, Value, types};
use cranelift_frontend::FunctionBuilder;

/// How to allocate one helper's object inline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InlineAlloc {
    /// The helper's address (as in `Helper::addr`).
    pub helper_addr: usize,
    /// The header word of a fresh object (`retrace_gc::header_word`).
    pub header: u64,
    /// Payload size in bytes, a multiple of 8.
    pub payload_bytes: u32,
}

/// What inlining needs from the GC: the thread's bump words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct BumpWords {
    pub pointer: usize,
    pub limit: usize,
}

impl BumpWords {
    /// The compiling thread's bump words (traces run on the thread that
    /// compiled them).
    pub fn current() -> BumpWords {
        BumpWords {
            pointer: retrace_gc::bump_pointer_addr() as usize,
            limit: retrace_gc::bump_limit_addr() as usize,
        }
    }
}

/// How a call of `helper` is lowered.
#[derive(Clone, Copy, Debug)]
pub(super) enum CallLowering {
    Plain,
    Alloc(InlineAlloc),
    Barrier,
}

/// Choose the lowering of calls to `helper` under `env`.
pub(super) fn lowering_for(helper: &Helper, env: &CompileEnv) -> CallLowering {
    if let Some(a) = env
        .inline_allocs
        .iter()
        .find(|a| a.helper_addr == helper.addr)
        && fresh_covers_payload(helper, a.payload_bytes)
    {
        return CallLowering::Alloc(*a);
    }
    if env.write_barriers.contains(&helper.addr) && !helper.params.is_empty() {
        return CallLowering::Barrier;
    }
    CallLowering::Plain
}

/// True when the helper's fresh words name every payload word exactly once
/// (then the inline path writes the whole object).
fn fresh_covers_payload(helper: &Helper, payload_bytes: u32) -> bool {
    let words = payload_bytes as usize / 8;
    let mut seen = vec![false; words];
    for (offset, word) in &helper.fresh {
        if *offset < 0 || offset % 8 != 0 {
            return false;
        }
        let i = *offset as usize / 8;
        if i >= words || seen[i] {
            return false;
        }
        match word {
            FreshWord::Arg(n) if *n as usize >= helper.params.len() => return false,
            // a run's length depends on an argument: not a fixed layout
            FreshWord::Repeat { .. } => return false,
            _ => {}
        }
        seen[i] = true;
    }
    words > 0 && seen.iter().all(|s| *s)
}

/// Emit the inline allocation of `alloc`'s object; `slow` calls the helper.
pub(super) fn emit_alloc(
    fb: &mut FunctionBuilder<'_>,
    bump: BumpWords,
    alloc: InlineAlloc,
    helper: &Helper,
    slow: FuncRef,
    args: &[Value],
) -> Value {
    let mem = MemFlagsData::trusted();
    let fast = fb.create_block();
    let slow_block = fb.create_block();
    let done = fb.create_block();
    fb.set_cold_block(slow_block);
    let result = fb.append_block_param(done, types::I64);

    let pointer_addr = fb.ins().iconst(types::I64, bump.pointer as i64);
    let limit_addr = fb.ins().iconst(types::I64, bump.limit as i64);
    let free = fb.ins().load(types::I64, mem, pointer_addr, 0);
    let limit = fb.ins().load(types::I64, mem, limit_addr, 0);
    let size = retrace_gc::HEADER_BYTES as i64 + alloc.payload_bytes as i64;
    let new_free = fb.ins().iadd_imm_s(free, size);
    let full = fb.ins().icmp(IntCC::UnsignedGreaterThan, new_free, limit);
    fb.ins().brif(full, slow_block, &[], fast, &[]);

    fb.switch_to_block(fast);
    fb.ins().store(mem, new_free, pointer_addr, 0);
    let header = fb.ins().iconst(types::I64, alloc.header as i64);
    fb.ins().store(mem, header, free, 0);
    let obj = fb.ins().iadd_imm_s(free, retrace_gc::HEADER_BYTES as i64);
    for (offset, word) in &helper.fresh {
        let v = match word {
            FreshWord::Arg(n) => args[*n as usize],
            FreshWord::Const(c) => fb.ins().iconst(types::I64, *c as i64),
            FreshWord::Repeat { .. } => unreachable!("fresh_covers_payload refuses runs"),
        };
        fb.ins().store(mem, v, obj, *offset);
    }
    fb.ins().jump(done, &[BlockArg::Value(obj)]);

    fb.switch_to_block(slow_block);
    let call = fb.ins().call(slow, args);
    let r = fb.inst_results(call)[0];
    fb.ins().jump(done, &[BlockArg::Value(r)]);

    fb.switch_to_block(done);
    result
}

/// Emit the inline write barrier on `args[0]`; `slow` is the barrier helper.
/// Returns the helper's result (0 when it was not called) if it has one.
pub(super) fn emit_barrier(
    fb: &mut FunctionBuilder<'_>,
    slow: FuncRef,
    args: &[Value],
    returns: bool,
) -> Option<Value> {
    let mem = MemFlagsData::trusted();
    let slow_block = fb.create_block();
    let done = fb.create_block();
    fb.set_cold_block(slow_block);
    let result = returns.then(|| fb.append_block_param(done, types::I64));
    let header = fb
        .ins()
        .load(types::I64, mem, args[0], -(retrace_gc::HEADER_BYTES as i32));
    let flag = fb
        .ins()
        .band_imm_u(header, retrace_gc::FLAG_TRACK_YOUNG as i64);
    let zero_args: Vec<BlockArg> = if returns {
        let z = fb.ins().iconst(types::I64, 0);
        vec![BlockArg::Value(z)]
    } else {
        Vec::new()
    };
    fb.ins().brif(flag, slow_block, &[], done, &zero_args);

    fb.switch_to_block(slow_block);
    let call = fb.ins().call(slow, args);
    let slow_args: Vec<BlockArg> = fb
        .inst_results(call)
        .first()
        .filter(|_| returns)
        .map(|r| vec![BlockArg::Value(*r)])
        .unwrap_or_default();
    fb.ins().jump(done, &slow_args);

    fb.switch_to_block(done);
    result
}

/// Emit a call of `helper` as `lowering` says; its result, if it has one.
pub(super) fn lower_call(
    fb: &mut FunctionBuilder<'_>,
    lowering: CallLowering,
    bump: BumpWords,
    helper: &Helper,
    func: FuncRef,
    args: &[Value],
) -> Option<Value> {
    match lowering {
        CallLowering::Alloc(a) => Some(emit_alloc(fb, bump, a, helper, func, args)),
        CallLowering::Barrier => emit_barrier(fb, func, args, helper.ret.is_some()),
        CallLowering::Plain => {
            let call = fb.ins().call(func, args);
            fb.inst_results(call).first().copied()
        }
    }
}

/// How many calls of `trace` compile to an inline allocation and how many
/// to an inline write barrier under `env` (for statistics).
pub fn inlined_gc_calls(trace: &crate::ir::Trace, env: &CompileEnv) -> (usize, usize) {
    let mut counts = (0, 0);
    for op in &trace.ops {
        if let crate::ir::Op::Call { helper, .. } = op {
            match lowering_for(&trace.helpers[*helper as usize], env) {
                CallLowering::Alloc(_) => counts.0 += 1,
                CallLowering::Barrier => counts.1 += 1,
                CallLowering::Plain => {}
            }
        }
    }
    counts
}
