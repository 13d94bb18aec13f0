//! A small stack machine driven by the real driver, for tests of the
//! framework: its own unit tests (`tests.rs`) and the JIT runtime suites of
//! `retrace-tests` (GC in compiled code, bridges, invalidation, freeing,
//! blacklisting) and the framework's integration tests (frame headers,
//! operand heights), which enable this module with the `testing` cargo
//! feature. Values are raw words; `Box` objects live on the GC heap.

use crate::gc::{GcPtr, Layout, LayoutId, Refs, register_layout};
use crate::{
    BinOp, Driver, Effect, Frames, FreshWord, Interpreter, JitSettings, JitStats, Ops, OvfOp,
    Residual, ResidualFn, Stop, VersionCell,
};
use std::sync::OnceLock;

/// The machine's instructions.
#[derive(Clone, Copy, Debug)]
pub enum I {
    Push(i64),
    Load(usize),
    Store(usize),
    Add,
    Lt,
    /// pop two; push a % b (b > 0)
    Rem,
    /// pop; jump if zero
    JumpIfZero(u32),
    /// backward jump to a loop header
    Loop(u32),
    /// call code with n args
    Call(u32, usize),
    /// call code `.0` on `.1` arguments with one frame header word `.2`
    /// (the callee's locals come after it)
    CallWithHeader(u32, usize, i64),
    Ret,
    /// pop `next` (0 or a box); push a new box pointing to it
    NewBox,
    /// pop a box; push the length of the list it starts (checks every box)
    ListLen,
    /// pop a value, pop a box; store the value in the box's link word with the
    /// write barrier
    SetLink,
    /// pop a box; push its link word
    Link,
    /// push the quasi-immutable cell's value
    Global,
    /// pop a value; when it equals .0, set the cell to .1
    SetGlobalAt(i64, u64),
    /// pop a value; store it to a Rust sink (a side effect), then guard on it:
    /// tracing always aborts here (the resumption rule)
    StoreThenCheck,
    /// push the running frame's height (before this push)
    Height,
    /// drop operands down to the height popped from the stack
    TruncateTo,
    /// push header word 0 of the running frame, read through `o.frames()`
    HeaderViaFrames,
}

/// Code objects: instructions and number of locals; code 0 runs first.
pub struct Machine {
    pub codes: Vec<(Vec<I>, usize)>,
}

/// The header word of a box.
pub const BOX_KIND: u64 = 0xB0C5;

/// The GC layout of a box: two words, the second a reference.
pub fn box_layout() -> LayoutId {
    static ID: OnceLock<LayoutId> = OnceLock::new();
    *ID.get_or_init(|| register_layout(Layout::new("jit-test-box", Refs::fields(&[1]))).unwrap())
}

extern "C" fn new_box(next: u64) -> u64 {
    let obj = crate::gc::alloc(box_layout(), 16).expect("memory");
    obj.store(0, BOX_KIND as usize);
    obj.store(1, next as usize);
    obj.addr() as u64
}

/// Allocates a box; its words are known, so compiled code allocates it inline.
pub static NEW_BOX: Residual = Residual {
    name: "jit_test_new_box",
    func: ResidualFn::Args1(new_box),
    effect: Effect::Allocates,
    fresh: &[(0, FreshWord::Const(BOX_KIND)), (8, FreshWord::Arg(0))],
};

extern "C" fn list_len(mut b: u64) -> u64 {
    let mut n = 0;
    while b != 0 {
        // SAFETY: the machine only passes boxes (or 0) here.
        let obj = unsafe { GcPtr::from_addr(b as usize) }.expect("nonzero");
        assert_eq!(
            obj.load(0) as u64,
            BOX_KIND,
            "a box was freed or overwritten"
        );
        b = obj.load(1) as u64;
        n += 1;
    }
    n
}

/// Reads a list of boxes.
pub static LIST_LEN: Residual = Residual {
    name: "jit_test_list_len",
    func: ResidualFn::Args1(list_len),
    effect: Effect::ReadsHeap,
    fresh: &[],
};

thread_local! {
    static SINK: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

extern "C" fn sink_store(v: u64) -> u64 {
    SINK.with(|s| s.set(v));
    0
}

static SINK_STORE: Residual = Residual {
    name: "jit_test_sink_store",
    func: ResidualFn::Args1(sink_store),
    effect: Effect::WritesHeap,
    fresh: &[],
};

/// The quasi-immutable cell `Global` reads, shared by the tests of one
/// binary: tests that write it hold [`CELL_LOCK`].
pub struct CellSync(pub VersionCell);
// SAFETY: each test binary's machine runs tests that touch the cell on one
// thread at a time (they take `CELL_LOCK`).
unsafe impl Sync for CellSync {}
pub static GLOBAL: CellSync = CellSync(VersionCell::new(5));
/// Held by every test that writes [`GLOBAL`].
pub static CELL_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The machine's error: the pc of the instruction that failed.
#[derive(Debug, PartialEq)]
pub struct Failed(pub u32);

impl Interpreter for Machine {
    type Error = Failed;

    fn run<O: Ops>(&mut self, o: &mut O) -> Stop<Failed> {
        loop {
            if !o.insn_start() {
                return Stop::Jit;
            }
            let pc = o.pc();
            let insn = self.codes[o.code() as usize].0[pc as usize];
            o.set_pc(pc + 1);
            match insn {
                I::Push(n) => {
                    let v = o.konst(n as u64);
                    o.push(v)
                }
                I::Load(i) => {
                    let v = o.local(i);
                    o.push(v)
                }
                I::Store(i) => {
                    let v = o.pop();
                    o.set_local(i, v)
                }
                I::Add => {
                    let b = o.pop();
                    let a = o.pop();
                    match o.ovf(OvfOp::IntAddOvf, a, b) {
                        Some(v) => o.push(v),
                        None => return Stop::Error(Failed(pc)),
                    }
                }
                I::Lt => {
                    let b = o.pop();
                    let a = o.pop();
                    let v = o.bin(BinOp::IntLt, a, b);
                    o.push(v)
                }
                I::Rem => {
                    let b = o.pop();
                    let a = o.pop();
                    let v = o.bin(BinOp::IntMod, a, b);
                    o.push(v)
                }
                I::JumpIfZero(t) => {
                    let v = o.pop();
                    if !o.is_true(v) {
                        o.set_pc(t)
                    }
                }
                I::Loop(t) => {
                    o.set_pc(t);
                    if o.can_enter_jit() {
                        return Stop::Jit;
                    }
                }
                I::Call(code, nargs) => {
                    let nlocals = self.codes[code as usize].1;
                    o.enter_frame(code, nargs, nlocals, 0);
                    if o.can_enter_function() {
                        return Stop::Jit;
                    }
                }
                I::CallWithHeader(code, nargs, header) => {
                    let nlocals = self.codes[code as usize].1;
                    let h = o.konst(header as u64);
                    o.enter_frame_with_header(code, &[h], nargs, nlocals, 0);
                    if o.can_enter_function() {
                        return Stop::Jit;
                    }
                }
                I::Ret => {
                    let v = o.pop();
                    if !o.leave_frame(v) {
                        return Stop::Done(o.promote(v));
                    }
                }
                I::NewBox => {
                    let next = o.pop();
                    let b = o.call(&NEW_BOX, &[next]);
                    o.push(b)
                }
                I::ListLen => {
                    let b = o.pop();
                    let n = o.call(&LIST_LEN, &[b]);
                    o.push(n)
                }
                I::SetLink => {
                    let v = o.pop();
                    let b = o.pop();
                    // SAFETY: the program passes a box here.
                    unsafe { o.store(b, 8, v) };
                    o.call(&crate::driver::WRITE_BARRIER, &[b]);
                }
                I::Link => {
                    let b = o.pop();
                    // SAFETY: the program passes a box here.
                    let v = unsafe { o.load(b, 8, crate::Type::Int) };
                    o.push(v)
                }
                I::Global => {
                    let v = o.quasi_immutable(&GLOBAL.0);
                    o.push(v)
                }
                I::SetGlobalAt(at, value) => {
                    let v = o.pop();
                    let at = o.konst(at as u64);
                    let hit = o.bin(BinOp::IntEq, v, at);
                    if o.is_true(hit) {
                        GLOBAL.0.set(value);
                    }
                }
                I::StoreThenCheck => {
                    let v = o.pop();
                    o.call(&SINK_STORE, &[v]);
                    let limit = o.konst(1 << 40);
                    let small = o.bin(BinOp::IntLt, v, limit);
                    if !o.is_true(small) {
                        return Stop::Error(Failed(pc));
                    }
                }
                I::Height => {
                    let h = o.height() as u64;
                    let v = o.konst(h);
                    o.push(v)
                }
                I::TruncateTo => {
                    let h = o.pop();
                    let h = o.promote(h) as usize;
                    o.truncate(h);
                }
                I::HeaderViaFrames => {
                    let frames = o.frames();
                    let w = frames.header_at(frames.depth())[0];
                    let v = o.konst(w);
                    o.push(v)
                }
            }
        }
    }
}

/// Run code 0 of `m` with `jit` settings; also returns the driver.
pub fn run_with(m: &mut Machine, jit: &str) -> (Result<u64, Failed>, Driver) {
    let mut frames = Frames::new(0, m.codes[0].1, 0);
    run_on(m, jit, &mut frames)
}

/// Run `m` on `frames` (whose first frame says which code starts, and may
/// carry header words) with `jit` settings; also returns the driver.
pub fn run_on(m: &mut Machine, jit: &str, frames: &mut Frames) -> (Result<u64, Failed>, Driver) {
    let mut driver = Driver::new(JitSettings::parse(jit).unwrap());
    let r = driver.run(m, frames);
    (r, driver)
}

/// Run code 0 of `m` with `jit` settings; also returns the JIT's counters.
pub fn run(m: &mut Machine, jit: &str) -> (Result<u64, Failed>, JitStats) {
    let (r, d) = run_with(m, jit);
    (r, d.jit.stats.clone())
}

/// Code for: local0 = i, local1 = acc, more locals as `nlocals` says;
/// while i < n { body; i += 1 }; return acc.
pub fn counting(n: i64, body: Vec<I>, nlocals: usize) -> (Vec<I>, usize) {
    let mut code = vec![I::Load(0), I::Push(n), I::Lt, I::JumpIfZero(0)];
    code.extend(body);
    code.extend([I::Load(0), I::Push(1), I::Add, I::Store(0), I::Loop(0)]);
    let end = code.len() as u32;
    code[3] = I::JumpIfZero(end);
    code.extend([I::Load(1), I::Ret]);
    (code, nlocals.max(2))
}
