//! The Cranelift backend: a loop trace becomes one native function.
//!
//! Shape of the code (what the throwaway prototype found to work):
//!
//! ```text
//! entry(buf):  load every input from buf[i]; jump loop(variant inputs)
//! loop(params): the body; each guard branches to its own cold exit block
//! exit_k:      store the guard's exit values to buf[0..]; return k
//! ```
//!
//! Inputs that the jump passes back unchanged (slots only read in the loop) are
//! loaded once in the entry block and are not block parameters; the others are
//! parameters of the loop block, so they live in registers across iterations.
//! Every value is 64 bits wide in the buffers: words, references and the bit
//! patterns of doubles.
//!
//! One `JITModule` per trace: cranelift-jit frees memory only by whole
//! modules, so a trace that is thrown away can give its code back.
//!
//! The runtime may pass a [`CompileEnv`]: allocating helpers to inline as
//! the GC's bump allocation and write-barrier helpers to inline as a flag
//! test (see `gc_inline`).
//!
//! Linking. The trace's code is a function in Cranelift's `tail` calling
//! convention (`body`). The runtime enters it through one shared
//! platform-convention function, `shared_entry(body, buf)`, compiled once
//! per process (a per-trace entry function cost a tenth of a small trace's
//! compile time). Every exit (guard or finish) has a link slot, a word the
//! exit stub loads after storing its values: zero, it returns its exit code
//! (`trace_id << 32 | exit number`) to the runtime; otherwise it tail-calls
//! the `body` the slot holds with the same buffer, whose inputs are exactly
//! this exit's values. So a bridge linked into its guard, or a loop linked
//! at a finish, runs without a trip through the runtime, and chains of
//! links do not grow the native stack. Each trace also counts its entries
//! (one memory increment per entry into `body`), which tells the runtime
//! which traces are still in use.

mod calls;
mod gc_inline;
#[cfg(test)]
mod tests;

pub use calls::{DirectCalls, FunctionSlot, RETURN_EXIT, direct_call_sites};
use gc_inline::{BumpWords, CallLowering};
pub use gc_inline::{InlineAlloc, inlined_gc_calls};

use crate::ir::{GuardKind, Op, Ref, Trace, Type};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    AbiParam, BlockArg, InstBuilder, MemFlagsData, UserFuncName, Value, types,
};
use cranelift_codegen::isa::CallConv;
use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::{Context, ir};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{Linkage, Module, default_libcall_names};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The exit number in an exit code's low half (the rest is flags:
/// [`RETURN_EXIT`]).
const EXIT_NUMBER_MASK: u64 = RETURN_EXIT - 1;

/// What `guard_nonnull_class` reads instead of the header of a null value.
static NULL_OBJECT_HEADER: u64 = 0;

/// The native entry point of every trace: calls the trace's `tail`-convention
/// `body` on `buf`, which holds the inputs on entry and the exit values of
/// the exit taken on return; the result is that exit's code.
pub type TraceFn = unsafe extern "C" fn(body: usize, buf: *mut u64) -> u64;

/// A compiled trace. Dropping it frees its machine code.
pub struct CompiledTrace {
    module: Option<JITModule>,
    entry: TraceFn,
    /// The `tail`-convention body, what link slots hold.
    body: usize,
    /// One link slot per exit (see the module essay); zero: unlinked.
    links: Box<[AtomicU64]>,
    /// Entries into `body` so far.
    uses: Box<AtomicU64>,
    /// This trace's number in exit codes.
    pub trace_id: u32,
    /// For guard number k: its kind (None for a finish).
    pub exit_kinds: Vec<Option<GuardKind>>,
    /// For guard number k: the resume index its `Guard` op carried (the
    /// finish of a linear trace is the last entry).
    pub guard_resume: Vec<u32>,
    /// For guard number k: how many exit values it stores (its slots, then
    /// the arguments of the virtual objects it describes).
    pub guard_exit_len: Vec<usize>,
    /// For guard number k: the objects its exit must build (allocation removal).
    pub exit_virtuals: Vec<Vec<ExitVirtual>>,
    pub num_inputs: usize,
    /// The entry/exit buffer size this trace needs (see `buffer_len`).
    buffer_words: usize,
    pub compile_time: Duration,
    pub code_size: usize,
}

impl std::fmt::Debug for CompiledTrace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompiledTrace")
            .field("guards", &self.guard_resume.len())
            .field("num_inputs", &self.num_inputs)
            .finish()
    }
}

/// An object a guard's exit builds: the trace never allocated it. The exit
/// stored the helper's arguments at `args_at..`; the object goes to `slots`
/// (the first one always exists: a slot past the exit's own for an object
/// only named inside another); then each field (byte offset, buffer index
/// of its value) is stored into it. Nested objects come before the objects
/// holding them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExitVirtual {
    pub slots: Vec<usize>,
    pub addr: usize,
    pub args_at: usize,
    pub nargs: usize,
    pub fields: Vec<(i32, usize)>,
}

/// Build the objects an exit describes and put them in their slots; after
/// storing fields into a GC object, the GC's write barrier runs on it (an
/// earlier allocation may have promoted it).
///
/// # Safety
/// `buf` must be the exit buffer the guard just filled (a GC root range),
/// every helper named must be an allocating helper taking `nargs` words and
/// returning a GC object whose payload holds the fields' offsets.
pub unsafe fn materialize(virtuals: &[ExitVirtual], buf: &mut [u64]) {
    let barrier = |obj: u64| {
        // SAFETY: the helper returned a live object of this heap.
        if let Some(p) = unsafe { retrace_gc::GcPtr::from_addr(obj as usize) } {
            retrace_gc::write_barrier(p);
        }
    };
    // SAFETY: the caller's contract.
    unsafe { materialize_with(virtuals, buf, barrier) }
}

/// [`materialize`] with the barrier run after an object's fields are stored
/// given by the caller (objects outside the GC heap, in tests).
///
/// # Safety
/// As [`materialize`]; `barrier` must accept every object built.
pub unsafe fn materialize_with(virtuals: &[ExitVirtual], buf: &mut [u64], barrier: impl Fn(u64)) {
    // Allocate everything first (objects may move while the others are
    // allocated: `buf` is a root range, so its slots follow them), then
    // store the fields, which allocates nothing.
    for v in virtuals {
        let a = |i: usize| buf[v.args_at + i];
        // SAFETY: the helper takes `nargs` words and returns one (caller's
        // contract); the addresses come from the trace's helper table.
        let obj = unsafe {
            match v.nargs {
                0 => std::mem::transmute::<usize, extern "C" fn() -> u64>(v.addr)(),
                1 => std::mem::transmute::<usize, extern "C" fn(u64) -> u64>(v.addr)(a(0)),
                2 => {
                    std::mem::transmute::<usize, extern "C" fn(u64, u64) -> u64>(v.addr)(a(0), a(1))
                }
                _ => std::mem::transmute::<usize, extern "C" fn(u64, u64, u64) -> u64>(v.addr)(
                    a(0),
                    a(1),
                    a(2),
                ),
            }
        };
        for s in &v.slots {
            buf[*s] = obj;
        }
    }
    for v in virtuals.iter().filter(|v| !v.fields.is_empty()) {
        let obj = buf[v.slots[0]];
        for &(offset, at) in &v.fields {
            // SAFETY: the object holds a word at `offset` (caller's
            // contract: the offsets come from its helper's description).
            unsafe { *((obj as i64 + offset as i64) as *mut u64) = buf[at] };
        }
        barrier(obj);
    }
}

impl CompiledTrace {
    /// Run the trace until a guard fails; returns the guard number.
    ///
    /// # Safety
    /// `buf` must hold at least `max(num_inputs, every guard's exit length)`
    /// words, the inputs must be values of the kinds the trace was recorded
    /// with, and every helper the trace calls must still be valid.
    pub unsafe fn run(&self, buf: &mut [u64]) -> usize {
        debug_assert!(buf.len() >= self.buffer_len());
        // SAFETY: the caller upholds the contract above; the code lives as
        // long as `self.module`.
        unsafe { ((self.entry)(self.body, buf.as_mut_ptr()) & EXIT_NUMBER_MASK) as usize }
    }

    /// The exit/entry buffer size this trace needs.
    #[inline]
    pub fn buffer_len(&self) -> usize {
        self.buffer_words
    }

    /// Run the trace, and whatever its links lead to, until an unlinked
    /// exit: returns that exit's trace number and exit number.
    ///
    /// # Safety
    /// As for [`run`](Self::run), and `buf` must also be long enough for
    /// every trace reachable through links.
    pub unsafe fn run_linked(&self, buf: &mut [u64]) -> (u32, usize) {
        // SAFETY: the caller's contract.
        let code = unsafe { (self.entry)(self.body, buf.as_mut_ptr()) };
        ((code >> 32) as u32, (code & EXIT_NUMBER_MASK) as usize)
    }

    /// Whether exit `k` may be linked: it builds no objects and is not a
    /// guard the runtime must see fail (no_exception, not_invalidated).
    pub fn linkable(&self, k: usize) -> bool {
        self.exit_virtuals[k].is_empty()
            && !matches!(
                self.exit_kinds[k],
                Some(GuardKind::NoException | GuardKind::NotInvalidated)
            )
    }

    /// Make exit `k` continue into `target` (None: return to the runtime).
    ///
    /// # Safety
    /// `target`'s inputs must be exactly exit `k`'s values (same frame
    /// layout, same kinds), `k` must be [`linkable`](Self::linkable), the
    /// buffers this trace runs with must hold `target.buffer_len()` words,
    /// and the link must be removed before `target` is dropped.
    pub unsafe fn link(&self, k: usize, target: Option<&CompiledTrace>) {
        debug_assert!(self.linkable(k));
        let addr = target.map_or(0, |t| t.body as u64);
        self.links[k].store(addr, Ordering::Relaxed);
    }

    /// The trace exit `k` is linked to, by body address (0: none).
    pub fn link_target(&self, k: usize) -> u64 {
        self.links[k].load(Ordering::Relaxed)
    }

    /// How many times compiled code entered this trace so far (the runtime's
    /// own entries and jumps through links).
    pub fn uses(&self) -> u64 {
        self.uses.load(Ordering::Relaxed)
    }
}

impl Drop for CompiledTrace {
    fn drop(&mut self) {
        if let Some(module) = self.module.take() {
            // SAFETY: the only pointer into this module's code is `entry`,
            // which dies with `self`; no frame of it is running, since `run`
            // borrows `self`.
            unsafe { module.free_memory() };
        }
    }
}

/// The host's ISA with our flags, built once per thread (building it costs
/// about as much as compiling a small trace).
fn host_isa() -> Result<OwnedTargetIsa, String> {
    thread_local! {
        static ISA: std::cell::RefCell<Option<OwnedTargetIsa>> = const { std::cell::RefCell::new(None) };
    }
    if let Some(isa) = ISA.with(|i| i.borrow().clone()) {
        return Ok(isa);
    }
    let mut flags = settings::builder();
    let set = |flags: &mut settings::Builder, k: &str, v: &str| {
        flags
            .set(k, v)
            .map_err(|e| format!("cranelift flag {k}: {e}"))
    };
    set(&mut flags, "use_colocated_libcalls", "false")?;
    set(&mut flags, "is_pic", "false")?;
    set(&mut flags, "opt_level", "speed")?;
    // Cranelift's tail calls (links between traces) need frame pointers.
    set(&mut flags, "preserve_frame_pointers", "true")?;
    let verify = if cfg!(debug_assertions) {
        "true"
    } else {
        "false"
    };
    set(&mut flags, "enable_verifier", verify)?;
    let isa = cranelift_native::builder()
        .map_err(|e| format!("host not supported: {e}"))?
        .finish(settings::Flags::new(flags))
        .map_err(|e| format!("cranelift isa: {e}"))?;
    ISA.with(|i| *i.borrow_mut() = Some(isa.clone()));
    Ok(isa)
}

/// Cranelift's per-function state, kept per thread between compilations:
/// a cleared `Context` keeps its buffers (the register allocator's among
/// them) and a `FunctionBuilderContext` its tables, so compiling a trace
/// does not allocate them anew (about 10% of a small trace's compile time
/// went to allocating and freeing them).
struct CodegenContexts {
    ctx: Context,
    fctx: FunctionBuilderContext,
}

thread_local! {
    static CODEGEN: std::cell::Cell<Option<CodegenContexts>> = const { std::cell::Cell::new(None) };
}

impl CodegenContexts {
    /// The thread's contexts (cleared), or new ones; a compilation that
    /// fails midway just drops them.
    fn take() -> CodegenContexts {
        CODEGEN
            .with(|c| c.take())
            .unwrap_or_else(|| CodegenContexts {
                ctx: Context::new(),
                fctx: FunctionBuilderContext::new(),
            })
    }

    /// Keep the contexts for the thread's next compilation.
    fn give_back(mut self) {
        self.ctx.clear();
        CODEGEN.with(|c| c.set(Some(self)));
    }
}

fn clif_type(ty: Type) -> ir::Type {
    match ty {
        Type::Int => types::I64,
        Type::Float => types::F64,
    }
}

/// What the runtime knows beyond the trace itself.
#[derive(Clone, Debug, Default)]
pub struct CompileEnv {
    /// Allocating helpers whose calls become inline bump allocations (only
    /// when the helper's `fresh` words cover the whole payload).
    pub inline_allocs: Vec<InlineAlloc>,
    /// Addresses of helpers that are the GC write barrier on their first
    /// argument (a no-op unless its header has `FLAG_TRACK_YOUNG`): their
    /// calls become the inline flag test.
    pub write_barriers: Vec<usize>,
    /// The trace's number, the high half of its exit codes.
    pub trace_id: u32,
    /// Calls of the runtime's `reenter` helper to compile as direct calls.
    pub direct_calls: Option<DirectCalls>,
    /// The trace's finish returns from its first frame (its one exit value
    /// is the result): its exit code carries [`RETURN_EXIT`].
    pub return_finish: bool,
}

/// Compile a trace (inputs, label, body, then a jump or a finish) to native
/// code. A finish counts as the last "guard": it stores its exit values and
/// returns its number like a failing guard.
pub fn compile(trace: &Trace) -> Result<CompiledTrace, String> {
    compile_with(trace, &CompileEnv::default())
}

/// [`compile`] with what the runtime knows (inline GC paths).
pub fn compile_with(trace: &Trace, env: &CompileEnv) -> Result<CompiledTrace, String> {
    let start = Instant::now();
    trace.verify()?;
    let isa = host_isa()?;
    let mut jb = JITBuilder::with_isa(isa, default_libcall_names());
    for h in &trace.helpers {
        jb.symbol(h.name, h.addr as *const u8);
    }
    let mut module = JITModule::new(jb);

    let mut sig = module.make_signature();
    sig.params.push(AbiParam::new(types::I64));
    sig.returns.push(AbiParam::new(types::I64));
    let mut body_sig = sig.clone();
    body_sig.call_conv = CallConv::Tail;
    let func_id = module
        .declare_function("trace", Linkage::Local, &body_sig)
        .map_err(|e| e.to_string())?;
    let links: Box<[AtomicU64]> = trace
        .ops
        .iter()
        .filter(|op| matches!(op, Op::Guard { .. } | Op::Finish { .. }))
        .map(|_| AtomicU64::new(0))
        .collect();
    let uses = Box::new(AtomicU64::new(0));
    let code_base = (env.trace_id as i64) << 32;

    let CodegenContexts { mut ctx, mut fctx } = CodegenContexts::take();
    ctx.func.signature = body_sig.clone();
    ctx.func.name = UserFuncName::user(0, func_id.as_u32());
    let body_sig_ref = ctx.func.import_signature(body_sig);
    let mut helper_refs = Vec::new();
    let lowerings: Vec<CallLowering> = trace
        .helpers
        .iter()
        .map(|h| gc_inline::lowering_for(h, env))
        .collect();
    let bump = BumpWords::current();
    let mut call_frame = calls::CallFrame::new(sig.call_conv);
    for h in &trace.helpers {
        let mut hs = module.make_signature();
        for p in &h.params {
            hs.params.push(AbiParam::new(clif_type(*p)));
        }
        if let Some(r) = h.ret {
            hs.returns.push(AbiParam::new(clif_type(r)));
        }
        let id = module
            .declare_function(h.name, Linkage::Import, &hs)
            .map_err(|e| e.to_string())?;
        helper_refs.push(module.declare_func_in_func(id, &mut ctx.func));
    }

    let mut guard_resume = Vec::new();
    let mut exit_kinds = Vec::new();
    let mut guard_exit_len = Vec::new();
    let mut exit_virtuals = Vec::new();
    {
        let mut fb = FunctionBuilder::new(&mut ctx.func, &mut fctx);
        let mem = MemFlagsData::trusted();
        let entry = fb.create_block();
        fb.append_block_params_for_function_params(entry);
        fb.switch_to_block(entry);
        let buf = fb.block_params(entry)[0];
        let uses_addr = fb
            .ins()
            .iconst(types::I64, &*uses as *const AtomicU64 as i64);
        let count = fb.ins().load(types::I64, mem, uses_addr, 0);
        let count = fb.ins().iadd_imm_s(count, 1);
        fb.ins().store(mem, count, uses_addr, 0);
        let exit_to = |fb: &mut FunctionBuilder<'_>, k: usize, linkable: bool| {
            let code = fb.ins().iconst(types::I64, code_base | k as i64);
            if !linkable {
                fb.ins().return_(&[code]);
                return;
            }
            let slot = fb
                .ins()
                .iconst(types::I64, &links[k] as *const AtomicU64 as i64);
            let target = fb.ins().load(types::I64, mem, slot, 0);
            let linked = fb.create_block();
            let unlinked = fb.create_block();
            fb.set_cold_block(linked);
            fb.set_cold_block(unlinked);
            fb.ins().brif(target, linked, &[], unlinked, &[]);
            fb.switch_to_block(linked);
            fb.ins().return_call_indirect(body_sig_ref, target, &[buf]);
            fb.switch_to_block(unlinked);
            fb.ins().return_(&[code]);
        };

        // A loop trace's inputs that come back unchanged are loop invariant.
        // A peeled loop (with phis) runs its preamble once: every input is
        // loaded once and the phis are the parameters of the loop body.
        let has_phis = trace.has_phis();
        let jump_args: Option<&Vec<Ref>> = match trace.ops.last() {
            Some(Op::Jump(args)) if !has_phis => Some(args),
            _ => None,
        };
        let mut body_block = None;
        let loop_block = fb.create_block();
        let mut vals: Vec<Option<Value>> = vec![None; trace.ops.len()];
        let mut ovf_flags: Vec<Option<Value>> = vec![None; trace.ops.len()];
        let mut loop_args = Vec::new();
        let mut carried = Vec::new();
        for (i, op) in trace.ops.iter().enumerate() {
            if let Op::Input { index, ty } = op {
                let loaded = fb.ins().load(clif_type(*ty), mem, buf, (*index as i32) * 8);
                let invariant = jump_args.is_none_or(|a| a[*index as usize] == Ref(i as u32));
                if invariant {
                    vals[i] = Some(loaded);
                } else {
                    loop_args.push(BlockArg::Value(loaded));
                    let p = fb.append_block_param(loop_block, clif_type(*ty));
                    vals[i] = Some(p);
                    carried.push(*index as usize);
                }
            }
        }
        fb.ins().jump(loop_block, &loop_args);
        fb.switch_to_block(loop_block);

        let get = |vals: &[Option<Value>], r: Ref| vals[r.index()].expect("verified operand");
        for (i, op) in trace.ops.iter().enumerate() {
            let v = match op {
                Op::Label if has_phis => {
                    let block = fb.create_block();
                    let mut inits = Vec::new();
                    for (k, phi) in trace.ops.iter().enumerate().skip(i + 1) {
                        let Op::Phi { init, ty } = phi else { break };
                        inits.push(BlockArg::Value(get(&vals, *init)));
                        vals[k] = Some(fb.append_block_param(block, clif_type(*ty)));
                    }
                    fb.ins().jump(block, &inits);
                    fb.switch_to_block(block);
                    body_block = Some(block);
                    continue;
                }
                Op::Input { .. } | Op::Label | Op::Phi { .. } => continue,
                Op::Const { bits, ty } => match ty {
                    Type::Int => fb.ins().iconst(types::I64, *bits as i64),
                    Type::Float => fb.ins().f64const(f64::from_bits(*bits)),
                },
                Op::Bin(b, x, y) => {
                    let (x, y) = (get(&vals, *x), get(&vals, *y));
                    b.lower(&mut fb, x, y)
                }
                Op::Un(u, x) => {
                    let x = get(&vals, *x);
                    u.lower(&mut fb, x)
                }
                Op::Ovf(o, x, y) => {
                    let (x, y) = (get(&vals, *x), get(&vals, *y));
                    let (r, of) = o.lower(&mut fb, x, y);
                    ovf_flags[i] = Some(of);
                    r
                }
                Op::Load { base, offset, ty } => {
                    let b = get(&vals, *base);
                    fb.ins().load(clif_type(*ty), mem, b, *offset)
                }
                Op::Store {
                    base,
                    offset,
                    value,
                } => {
                    let (b, x) = (get(&vals, *base), get(&vals, *value));
                    fb.ins().store(mem, x, b, *offset);
                    continue;
                }
                Op::Call { helper, args } => {
                    let h = *helper as usize;
                    let site = calls::direct_site(trace, env, trace.helpers[h].addr, args);
                    let args: Vec<Value> = args.iter().map(|a| get(&vals, *a)).collect();
                    if let Some(site) = site {
                        calls::emit_direct_call(
                            &mut fb,
                            &mut call_frame,
                            env,
                            site,
                            helper_refs[h],
                            &args,
                        )
                    } else {
                        match gc_inline::lower_call(
                            &mut fb,
                            lowerings[h],
                            bump,
                            &trace.helpers[h],
                            helper_refs[h],
                            &args,
                        ) {
                            Some(r) => r,
                            None => continue,
                        }
                    }
                }
                Op::Guard {
                    kind,
                    value,
                    expected,
                    resume,
                    exit,
                    ..
                } => {
                    let x = get(&vals, *value);
                    // `ok` is nonzero when the guard holds.
                    let ok = match kind {
                        GuardKind::True | GuardKind::NonNull => x,
                        GuardKind::False => fb.ins().icmp_imm_s(IntCC::Equal, x, 0),
                        GuardKind::Value => fb.ins().icmp_imm_s(IntCC::Equal, x, *expected as i64),
                        GuardKind::Class => {
                            let header = fb.ins().load(types::I64, mem, x, 0);
                            fb.ins().icmp_imm_s(IntCC::Equal, header, *expected as i64)
                        }
                        GuardKind::NonNullClass => {
                            // one compare chain, no branch: a null value
                            // reads the header of a static zero word
                            let nonnull = fb.ins().icmp_imm_s(IntCC::NotEqual, x, 0);
                            let zero_word = &NULL_OBJECT_HEADER as *const u64 as i64;
                            let zero_word = fb.ins().iconst(types::I64, zero_word);
                            let addr = fb.ins().select(nonnull, x, zero_word);
                            let header = fb.ins().load(types::I64, mem, addr, 0);
                            let same = fb.ins().icmp_imm_s(IntCC::Equal, header, *expected as i64);
                            fb.ins().band(nonnull, same)
                        }
                        GuardKind::NoOverflow | GuardKind::Overflow => {
                            let of = ovf_flags[value.index()].expect("verified overflow op");
                            if *kind == GuardKind::Overflow {
                                of
                            } else {
                                fb.ins().icmp_imm_s(IntCC::Equal, of, 0)
                            }
                        }
                        GuardKind::NoException => {
                            let cell = fb.ins().load(types::I64, mem, x, 0);
                            fb.ins().icmp_imm_s(IntCC::Equal, cell, 0)
                        }
                        GuardKind::NotInvalidated => {
                            let cell = fb.ins().load(types::I64, mem, x, 0);
                            fb.ins().icmp_imm_s(IntCC::Equal, cell, *expected as i64)
                        }
                    };
                    let cont = fb.create_block();
                    let exit_block = fb.create_block();
                    fb.set_cold_block(exit_block);
                    fb.ins().brif(ok, cont, &[], exit_block, &[]);
                    fb.switch_to_block(exit_block);
                    let (len, virtuals) = store_exit(&mut fb, trace, &vals, exit, buf);
                    let linkable = virtuals.is_empty()
                        && !matches!(kind, GuardKind::NoException | GuardKind::NotInvalidated);
                    exit_to(&mut fb, guard_resume.len(), linkable);
                    guard_resume.push(*resume);
                    exit_kinds.push(Some(*kind));
                    guard_exit_len.push(len);
                    exit_virtuals.push(virtuals);
                    fb.switch_to_block(cont);
                    continue;
                }
                Op::Jump(args) if has_phis => {
                    let args: Vec<BlockArg> = args
                        .iter()
                        .map(|a| BlockArg::Value(get(&vals, *a)))
                        .collect();
                    fb.ins().jump(body_block.expect("verified label"), &args);
                    continue;
                }
                Op::Jump(args) => {
                    let args: Vec<BlockArg> = carried
                        .iter()
                        .map(|&input| BlockArg::Value(get(&vals, args[input])))
                        .collect();
                    fb.ins().jump(loop_block, &args);
                    continue;
                }
                Op::Finish { resume, exit, .. } => {
                    let (len, virtuals) = store_exit(&mut fb, trace, &vals, exit, buf);
                    if env.return_finish && virtuals.is_empty() {
                        // A return: never linked; direct callers test the flag.
                        let k = guard_resume.len() as i64;
                        let code = fb
                            .ins()
                            .iconst(types::I64, code_base | RETURN_EXIT as i64 | k);
                        fb.ins().return_(&[code]);
                    } else {
                        exit_to(&mut fb, guard_resume.len(), virtuals.is_empty());
                    }
                    guard_resume.push(*resume);
                    exit_kinds.push(None);
                    guard_exit_len.push(len);
                    exit_virtuals.push(virtuals);
                    continue;
                }
                // Only exits use virtuals; they read its arguments.
                Op::Virtual { .. } => continue,
            };
            vals[i] = Some(v);
        }
        fb.seal_all_blocks();
        fb.finalize(module.target_config());
    }
    module
        .define_function(func_id, &mut ctx)
        .map_err(|e| format!("cranelift: {e:?}"))?;
    let code_size = ctx
        .compiled_code()
        .map(|c| c.code_buffer().len())
        .unwrap_or(0);
    CodegenContexts { ctx, fctx }.give_back();
    module
        .finalize_definitions()
        .map_err(|e| format!("cranelift: {e}"))?;
    let body = module.get_finalized_function(func_id) as usize;
    let entry = shared_entry()?;
    let num_inputs = trace.num_inputs();
    let buffer_words = guard_exit_len
        .iter()
        .copied()
        .chain([num_inputs])
        .max()
        .unwrap_or(0);
    Ok(CompiledTrace {
        module: Some(module),
        buffer_words,
        entry,
        body,
        links,
        uses,
        trace_id: env.trace_id,
        exit_kinds,
        guard_resume,
        guard_exit_len,
        exit_virtuals,
        num_inputs,
        compile_time: start.elapsed(),
        code_size,
    })
}

/// The function the runtime enters every trace through (see [`TraceFn`]),
/// compiled on first use; its module is never freed.
fn shared_entry() -> Result<TraceFn, String> {
    static ENTRY: std::sync::OnceLock<Result<usize, String>> = std::sync::OnceLock::new();
    let addr = ENTRY.get_or_init(compile_shared_entry).clone()?;
    // SAFETY: the function was compiled with the signature (i64, i64) -> i64
    // in the platform's default calling convention, which is `TraceFn`.
    Ok(unsafe { std::mem::transmute::<usize, TraceFn>(addr) })
}

fn compile_shared_entry() -> Result<usize, String> {
    let err = |e: &dyn std::fmt::Display| format!("cranelift (trace entry): {e}");
    let mut module = JITModule::new(JITBuilder::with_isa(host_isa()?, default_libcall_names()));
    let mut sig = module.make_signature();
    sig.params.push(AbiParam::new(types::I64));
    sig.params.push(AbiParam::new(types::I64));
    sig.returns.push(AbiParam::new(types::I64));
    let mut body_sig = module.make_signature();
    body_sig.params.push(AbiParam::new(types::I64));
    body_sig.returns.push(AbiParam::new(types::I64));
    body_sig.call_conv = CallConv::Tail;
    let id = module
        .declare_function("retrace_trace_entry", Linkage::Local, &sig)
        .map_err(|e| err(&e))?;
    let mut ctx = Context::new();
    ctx.func.signature = sig;
    ctx.func.name = UserFuncName::user(0, id.as_u32());
    let mut fctx = FunctionBuilderContext::new();
    {
        let mut fb = FunctionBuilder::new(&mut ctx.func, &mut fctx);
        let body_sig = fb.import_signature(body_sig);
        let block = fb.create_block();
        fb.append_block_params_for_function_params(block);
        fb.switch_to_block(block);
        let (body, buf) = (fb.block_params(block)[0], fb.block_params(block)[1]);
        let call = fb.ins().call_indirect(body_sig, body, &[buf]);
        let code = fb.inst_results(call)[0];
        fb.ins().return_(&[code]);
        fb.seal_all_blocks();
        fb.finalize(module.target_config());
    }
    module
        .define_function(id, &mut ctx)
        .map_err(|e| err(&format!("{e:?}")))?;
    module.finalize_definitions().map_err(|e| err(&e))?;
    let addr = module.get_finalized_function(id) as usize;
    // the entry serves every trace for the rest of the process
    std::mem::forget(module);
    Ok(addr)
}

/// Store an exit's values: one word per slot (0 for a virtual object), then
/// for each virtual object it describes (nested ones first) its helper's
/// arguments and the values of its fields; a virtual named only inside
/// another gets a slot past the arguments for the built object.
fn store_exit(
    fb: &mut FunctionBuilder<'_>,
    trace: &Trace,
    vals: &[Option<Value>],
    exit: &[Ref],
    buf: Value,
) -> (usize, Vec<ExitVirtual>) {
    let mem = MemFlagsData::trusted();
    let is_virtual = |r: Ref| matches!(trace.ops[r.index()], Op::Virtual { .. });
    // every virtual reachable from the exit, inner ones before outer ones
    let mut order: Vec<Ref> = Vec::new();
    fn visit(trace: &Trace, r: Ref, order: &mut Vec<Ref>, on_path: &mut Vec<Ref>) {
        if order.contains(&r) || on_path.contains(&r) {
            return;
        }
        if let Op::Virtual { fields, .. } = &trace.ops[r.index()] {
            on_path.push(r);
            for (_, v) in fields {
                if matches!(trace.ops[v.index()], Op::Virtual { .. }) {
                    visit(trace, *v, order, on_path);
                }
            }
            on_path.pop();
            order.push(r);
        }
    }
    for r in exit {
        visit(trace, *r, &mut order, &mut Vec::new());
    }
    let mut slots: Vec<Vec<usize>> = order
        .iter()
        .map(|v| {
            exit.iter()
                .enumerate()
                .filter(|(_, r)| *r == v)
                .map(|(s, _)| s)
                .collect()
        })
        .collect();
    let mut next = exit.len();
    for s in slots.iter_mut().filter(|s| s.is_empty()) {
        s.push(next);
        next += 1;
    }
    let store_at = |fb: &mut FunctionBuilder<'_>, val: Value, at: usize| {
        fb.ins().store(mem, val, buf, (at as i32) * 8);
    };
    for (slot, r) in exit.iter().enumerate() {
        let val = if is_virtual(*r) {
            fb.ins().iconst(types::I64, 0)
        } else {
            vals[r.index()].expect("verified operand")
        };
        store_at(fb, val, slot);
    }
    let mut virtuals = Vec::with_capacity(order.len());
    for (k, r) in order.iter().enumerate() {
        let Op::Virtual {
            helper,
            args,
            fields,
        } = &trace.ops[r.index()]
        else {
            unreachable!("order holds virtuals")
        };
        let args_at = next;
        for a in args {
            store_at(fb, vals[a.index()].expect("verified operand"), next);
            next += 1;
        }
        let mut field_words = Vec::with_capacity(fields.len());
        for (offset, v) in fields {
            if let Some(inner) = order.iter().position(|o| o == v) {
                // the inner object is built first, into its slot
                field_words.push((*offset, slots[inner][0]));
            } else {
                store_at(fb, vals[v.index()].expect("verified operand"), next);
                field_words.push((*offset, next));
                next += 1;
            }
        }
        virtuals.push(ExitVirtual {
            slots: slots[k].clone(),
            addr: trace.helpers[*helper as usize].addr,
            args_at,
            nargs: args.len(),
            fields: field_words,
        });
    }
    (next, virtuals)
}
