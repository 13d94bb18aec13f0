//! Direct calls, lowered on hand-built traces with stand-ins for the
//! runtime's `reenter` and `finish_call`: a callee that returns is called
//! without either; one that leaves through a guard goes to `finish_call`
//! with its exit code and values; an empty slot, a different frame size or
//! a stack past the limit go through `reenter`.

use super::super::{CompileEnv, CompiledTrace, compile_with};
use super::{DirectCalls, FunctionSlot, RETURN_EXIT};
use crate::ir::*;
use std::cell::Cell;

thread_local! {
    static REENTERED: Cell<u64> = const { Cell::new(0) };
    static FINISHED: Cell<(u64, u64)> = const { Cell::new((0, 0)) };
}

#[allow(clippy::too_many_arguments)]
extern "C" fn fake_reenter(
    _ctx: u64,
    _code: u64,
    _nargs: u64,
    _nlocals: u64,
    _fill: u64,
    a0: u64,
    _a1: u64,
    _a2: u64,
) -> u64 {
    REENTERED.with(|r| r.set(r.get() + 1));
    1000 + a0
}

extern "C" fn fake_finish_call(
    _ctx: u64,
    _code: u64,
    _nargs: u64,
    _nlocals: u64,
    _fill: u64,
    exit_code: u64,
    buf: u64,
) -> u64 {
    // SAFETY: the direct call passes its call buffer, which holds the
    // callee's exit values.
    let first = unsafe { *(buf as *const u64) };
    FINISHED.with(|f| f.set((exit_code, first)));
    7
}

const CALLEE_CODE: u64 = 3;
const CALLEE_ID: u32 = 5;

/// The callee, a function of one local: n < 100 (else guard 0 exits [n]);
/// return n + n.
fn callee() -> CompiledTrace {
    let mut t = Trace::new("callee");
    let n = t.push(Op::Input {
        index: 0,
        ty: Type::Int,
    });
    t.push(Op::Label);
    let limit = t.constant(100, Type::Int);
    let lt = t.push(Op::Bin(BinOp::IntLt, n, limit));
    t.push(Op::Guard {
        kind: GuardKind::True,
        value: lt,
        expected: 0,
        resume: 0,
        pc: 0,
        exit: vec![n],
    });
    let r = t.push(Op::Bin(BinOp::IntAdd, n, n));
    t.push(Op::Finish {
        resume: 1,
        pc: 0,
        exit: vec![r],
    });
    let env = CompileEnv {
        trace_id: CALLEE_ID,
        return_finish: true,
        ..CompileEnv::default()
    };
    compile_with(&t, &env).expect("callee compiles")
}

/// The caller: x; return callee(x) through the `reenter` helper, whose
/// callee frame has `nlocals` words.
fn caller(slot: &FunctionSlot, limit: &u64, nlocals: u64) -> CompiledTrace {
    let mut t = Trace::new("caller");
    let x = t.push(Op::Input {
        index: 0,
        ty: Type::Int,
    });
    t.push(Op::Label);
    let helper = t.helper_index(&Helper {
        name: "fake_reenter",
        addr: fake_reenter as *const () as usize,
        params: vec![Type::Int; 8],
        ret: Some(Type::Int),
        effect: Effect::ReentersInterpreter,
        fresh: Vec::new(),
    });
    let ctx = t.constant(0, Type::Int);
    let code = t.constant(CALLEE_CODE, Type::Int);
    let one = t.constant(1, Type::Int);
    let nlocals = t.constant(nlocals, Type::Int);
    let zero = t.constant(0, Type::Int);
    let r = t.push(Op::Call {
        helper,
        args: vec![ctx, code, one, nlocals, zero, x, zero, zero],
    });
    t.push(Op::Finish {
        resume: 0,
        pc: 0,
        exit: vec![r],
    });
    let env = CompileEnv {
        trace_id: 1,
        direct_calls: Some(DirectCalls {
            reenter_addr: fake_reenter as *const () as usize,
            finish_call_addr: fake_finish_call as *const () as usize,
            stack_limit_addr: limit as *const u64 as usize,
            slots: vec![(CALLEE_CODE as u32, slot as *const FunctionSlot as usize)],
            buffer_words: 64,
        }),
        ..CompileEnv::default()
    };
    assert_eq!(super::direct_call_sites(&t, &env), 1);
    compile_with(&t, &env).expect("caller compiles")
}

fn call(caller: &CompiledTrace, x: u64) -> u64 {
    let mut buf = vec![0u64; 16];
    buf[0] = x;
    // SAFETY: the buffer holds the caller's one input and its exit; the
    // helpers it calls are the stand-ins above.
    let (trace, _) = unsafe { caller.run_linked(&mut buf) };
    assert_eq!(trace, 1);
    buf[0]
}

#[test]
fn a_returning_callee_is_called_directly() {
    let slot = FunctionSlot::default();
    let limit = 0u64;
    let callee = callee();
    // SAFETY: the callee takes one input, fits 64 words, and the slot is
    // cleared (dropped) before it.
    unsafe { slot.set(Some(&callee)) };
    let caller = caller(&slot, &limit, 1);
    REENTERED.with(|r| r.set(0));
    for x in [0, 1, 21, 99] {
        assert_eq!(call(&caller, x), 2 * x);
    }
    assert_eq!(REENTERED.with(Cell::get), 0);
    assert_eq!(callee.uses(), 4);
    slot.clear_if(&callee);
}

#[test]
fn a_callee_leaving_through_a_guard_goes_to_finish_call() {
    let slot = FunctionSlot::default();
    let limit = 0u64;
    let callee = callee();
    // SAFETY: as above.
    unsafe { slot.set(Some(&callee)) };
    let caller = caller(&slot, &limit, 1);
    FINISHED.with(|f| f.set((0, 0)));
    assert_eq!(call(&caller, 250), 7);
    let (exit_code, first) = FINISHED.with(Cell::get);
    assert_eq!(exit_code, (CALLEE_ID as u64) << 32);
    assert_eq!(exit_code & RETURN_EXIT, 0);
    assert_eq!(first, 250);
    assert_eq!(REENTERED.with(Cell::get), 0);
    slot.clear_if(&callee);
}

#[test]
fn without_a_slot_a_frame_match_or_stack_the_call_goes_through_reenter() {
    let slot = FunctionSlot::default();
    let callee = callee();
    let low = 0u64;
    let high = u64::MAX;
    REENTERED.with(|r| r.set(0));
    // empty slot
    assert_eq!(call(&caller(&slot, &low, 1), 5), 1005);
    // SAFETY: as above.
    unsafe { slot.set(Some(&callee)) };
    // the callee frame has 2 words, the trace takes 1
    assert_eq!(call(&caller(&slot, &low, 2), 5), 1005);
    // the stack is below the limit
    assert_eq!(call(&caller(&slot, &high, 1), 5), 1005);
    assert_eq!(REENTERED.with(Cell::get), 3);
    // cleared: through reenter again
    slot.clear_if(&callee);
    assert_eq!(slot.body(), 0);
    assert_eq!(call(&caller(&slot, &low, 1), 6), 1006);
    assert_eq!(callee.uses(), 0);
}
