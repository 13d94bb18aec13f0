//! Direct calls between compiled functions (PyPy's `call_assembler`).
//!
//! A trace that does not inline a call (a recursive call, or a call of a
//! function with a trace of its own) records it as a call of the runtime's
//! `reenter` helper: push the callee's frame, run the interpreter's driver on
//! it to its return. That costs about what interpreting the call costs. Here
//! such a call, recognised by the helper's address (`DirectCalls`), becomes:
//!
//! ```text
//!   body = slot.body; ok = body != 0 && slot.inputs == callee frame words
//!                          && stack pointer above the runtime's limit
//!   ok:    buf = this frame's call buffer (a stack slot)
//!          buf[..] = callee frame (arguments, then `fill`)
//!          code = body(buf)            (tail convention, as exits link)
//!          code has RETURN_EXIT?  result = buf[0]
//!          otherwise (cold):      result = finish_call(ctx, code, .., buf)
//!   not ok (cold): result = reenter(the call's own arguments)
//! ```
//!
//! The *function slot* of a code object holds the `body` of its live
//! function-entry trace (0: none): the runtime sets it when that trace
//! compiles and clears it when the trace is retired, and frees traces only
//! when no compiled code runs, so a body read from a slot stays valid for the
//! whole call. The callee's frame is never built on the interpreter's frame
//! stack unless it leaves through something other than a return: then
//! `finish_call` builds it from the exit and lets the driver finish the call.
//!
//! Why a flag bit in the exit code rather than a table: the backend knows at
//! compile time which finish returns from the trace's first frame (the
//! runtime says so in `CompileEnv::return_finish`), and the check after the
//! call is then one test. Rejected: looking the exit up in the runtime after
//! every call (a helper call per return, what made recursion slow).
//!
//! The call buffer is `buffer_words` words on the caller's native stack: a
//! callee may go on through links into bridges and loops, which the runtime
//! only links when they fit that many words. Collections scan the native
//! stack conservatively, so objects named only in the buffer stay alive.

use super::CompileEnv;
use crate::ir::{Op, Ref, Trace};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    AbiParam, BlockArg, InstBuilder, MemFlagsData, SigRef, StackSlot, StackSlotData, StackSlotKind,
    Value, types,
};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::FunctionBuilder;
use std::sync::atomic::{AtomicU64, Ordering};

/// The bit of an exit code (in its low, exit-number half) that marks a
/// finish returning from the trace's first frame with its result in `buf[0]`.
pub const RETURN_EXIT: u64 = 1 << 31;

/// Where the callee of a direct call is found: the body of the code
/// object's function-entry trace and how many input words it takes.
#[derive(Debug, Default)]
pub struct FunctionSlot {
    body: AtomicU64,
    inputs: AtomicU64,
}

impl FunctionSlot {
    /// Make direct calls of this code object enter `trace` (None: go
    /// through the runtime).
    ///
    /// # Safety
    /// `trace` must be a function-entry trace taking the callee frame's
    /// words as inputs, needing at most the call buffer's `buffer_words`
    /// words (and so every trace linked from it), and the slot must be
    /// cleared before it is dropped.
    pub unsafe fn set(&self, trace: Option<&super::CompiledTrace>) {
        match trace {
            Some(t) => {
                self.inputs.store(t.num_inputs as u64, Ordering::Relaxed);
                self.body.store(t.body as u64, Ordering::Relaxed);
            }
            None => self.body.store(0, Ordering::Relaxed),
        }
    }

    /// Clear the slot if it names `trace`.
    pub fn clear_if(&self, trace: &super::CompiledTrace) {
        let _ =
            self.body
                .compare_exchange(trace.body as u64, 0, Ordering::Relaxed, Ordering::Relaxed);
    }

    /// The body this slot names (0: none).
    pub fn body(&self) -> u64 {
        self.body.load(Ordering::Relaxed)
    }
}

/// What the runtime tells the backend about direct calls.
#[derive(Clone, Debug, Default)]
pub struct DirectCalls {
    /// The `reenter` helper whose calls become direct calls.
    pub reenter_addr: usize,
    /// `finish_call(ctx, code, nargs, nlocals, fill, exit_code, buf) -> word`:
    /// finishes a call whose callee left through anything but a return.
    pub finish_call_addr: usize,
    /// A word holding the lowest native stack address a direct call may
    /// start at (below it, calls go through `reenter`, which copes).
    pub stack_limit_addr: usize,
    /// Function slots (by code object) of the callees of this trace.
    pub slots: Vec<(u32, usize)>,
    /// Words in the call buffer.
    pub buffer_words: usize,
}

/// A call of `reenter` that can be direct: its constant arguments, the
/// callee's slot address.
#[derive(Clone, Copy, Debug)]
pub(super) struct DirectSite {
    code: u64,
    nargs: u64,
    nlocals: u64,
    slot: usize,
}

/// Whether `args` (of a call of `helper_addr`) form a direct call under
/// `env`: the reenter helper with constant code object, counts and fill.
pub(super) fn direct_site(
    trace: &Trace,
    env: &CompileEnv,
    helper_addr: usize,
    args: &[Ref],
) -> Option<DirectSite> {
    let dc = env.direct_calls.as_ref()?;
    if helper_addr != dc.reenter_addr || args.len() != 8 {
        return None;
    }
    let konst = |r: Ref| match trace.ops[r.index()] {
        Op::Const { bits, .. } => Some(bits),
        _ => None,
    };
    let code = konst(args[1])?;
    let nargs = konst(args[2])?;
    let nlocals = konst(args[3])?;
    konst(args[4])?;
    let slot = dc.slots.iter().find(|(c, _)| *c as u64 == code)?.1;
    let words = nlocals.max(nargs);
    (nargs <= 3 && words as usize <= dc.buffer_words).then_some(DirectSite {
        code,
        nargs,
        nlocals,
        slot,
    })
}

/// How many calls of `trace` compile to direct calls under `env`.
pub fn direct_call_sites(trace: &Trace, env: &CompileEnv) -> usize {
    trace
        .ops
        .iter()
        .filter(|op| match op {
            Op::Call { helper, args } => {
                let addr = trace.helpers[*helper as usize].addr;
                direct_site(trace, env, addr, args).is_some()
            }
            _ => false,
        })
        .count()
}

/// Per-function state of direct-call lowering: the call buffer (one per
/// function: calls run one after the other) and signatures.
pub(super) struct CallFrame {
    /// The platform's calling convention (the runtime's helpers').
    host_conv: CallConv,
    buffer: Option<StackSlot>,
    body_sig: Option<SigRef>,
    finish_sig: Option<SigRef>,
}

impl CallFrame {
    pub(super) fn new(host_conv: CallConv) -> CallFrame {
        CallFrame {
            host_conv,
            buffer: None,
            body_sig: None,
            finish_sig: None,
        }
    }
}

/// Emit a direct call (see the module essay); `reenter` is the helper's
/// function reference, `args` the call's eight arguments. Returns the
/// callee's result.
pub(super) fn emit_direct_call(
    fb: &mut FunctionBuilder<'_>,
    frame: &mut CallFrame,
    env: &CompileEnv,
    site: DirectSite,
    reenter: cranelift_codegen::ir::FuncRef,
    args: &[Value],
) -> Value {
    let dc = env.direct_calls.as_ref().expect("direct_site checked");
    let mem = MemFlagsData::trusted();
    let words = site.nlocals.max(site.nargs) as usize;
    let buffer = *frame.buffer.get_or_insert_with(|| {
        fb.create_sized_stack_slot(StackSlotData::new(
            StackSlotKind::ExplicitSlot,
            (dc.buffer_words * 8) as u32,
            3,
        ))
    });
    let body_sig = *frame.body_sig.get_or_insert_with(|| {
        let mut s = cranelift_codegen::ir::Signature::new(CallConv::Tail);
        s.params.push(AbiParam::new(types::I64));
        s.returns.push(AbiParam::new(types::I64));
        fb.import_signature(s)
    });
    let finish_sig = *frame.finish_sig.get_or_insert_with(|| {
        let mut s = cranelift_codegen::ir::Signature::new(frame.host_conv);
        for _ in 0..7 {
            s.params.push(AbiParam::new(types::I64));
        }
        s.returns.push(AbiParam::new(types::I64));
        fb.import_signature(s)
    });

    let fast_check = fb.create_block();
    let fast = fb.create_block();
    let returned = fb.create_block();
    let other_exit = fb.create_block();
    let through_runtime = fb.create_block();
    let join = fb.create_block();
    fb.set_cold_block(other_exit);
    fb.set_cold_block(through_runtime);
    let result = fb.append_block_param(join, types::I64);

    // Is there a callee trace for this frame shape, and stack to spare?
    let slot = fb.ins().iconst(types::I64, site.slot as i64);
    let body = fb.ins().load(types::I64, mem, slot, 0);
    let inputs = fb.ins().load(types::I64, mem, slot, 8);
    let buf = fb.ins().stack_addr(types::I64, buffer, 0);
    let has_body = fb.ins().icmp_imm_s(IntCC::NotEqual, body, 0);
    let fits = fb.ins().icmp_imm_s(IntCC::Equal, inputs, words as i64);
    let both = fb.ins().band(has_body, fits);
    fb.ins().brif(both, fast_check, &[], through_runtime, &[]);

    fb.switch_to_block(fast_check);
    let limit_addr = fb.ins().iconst(types::I64, dc.stack_limit_addr as i64);
    let limit = fb.ins().load(types::I64, mem, limit_addr, 0);
    let room = fb.ins().icmp(IntCC::UnsignedGreaterThan, buf, limit);
    fb.ins().brif(room, fast, &[], through_runtime, &[]);

    // The callee frame: its arguments, then `fill` for its other locals.
    fb.switch_to_block(fast);
    for i in 0..words {
        let v = if i < site.nargs as usize {
            args[5 + i]
        } else {
            args[4]
        };
        fb.ins().store(mem, v, buf, (i * 8) as i32);
    }
    let call = fb.ins().call_indirect(body_sig, body, &[buf]);
    let code = fb.inst_results(call)[0];
    let flag = fb.ins().band_imm_u(code, RETURN_EXIT as i64);
    fb.ins().brif(flag, returned, &[], other_exit, &[]);

    fb.switch_to_block(returned);
    let r = fb.ins().load(types::I64, mem, buf, 0);
    fb.ins().jump(join, &[BlockArg::Value(r)]);

    // The callee left another way: the runtime builds its frame from the
    // exit and finishes the call.
    fb.switch_to_block(other_exit);
    let finish = fb.ins().iconst(types::I64, dc.finish_call_addr as i64);
    let code_v = fb.ins().iconst(types::I64, site.code as i64);
    let finish_args = [args[0], code_v, args[2], args[3], args[4], code, buf];
    let call = fb.ins().call_indirect(finish_sig, finish, &finish_args);
    let r = fb.inst_results(call)[0];
    fb.ins().jump(join, &[BlockArg::Value(r)]);

    fb.switch_to_block(through_runtime);
    let call = fb.ins().call(reenter, args);
    let r = fb.inst_results(call)[0];
    fb.ins().jump(join, &[BlockArg::Value(r)]);

    fb.switch_to_block(join);
    result
}

#[cfg(test)]
mod tests;
