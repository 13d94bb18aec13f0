//! The trace IR: a linear list of typed SSA operations.
//!
//! A trace is what the recorder saw one iteration of a hot loop do, written as
//! operations on 64-bit words (`int`) and doubles (`float`). Every operation
//! defines at most one value, named by its index (`Ref`). A loop trace starts
//! with its `input`s (the frame slots live at the loop header), then a `label`,
//! the body, and ends with a `jump` that passes the next iteration's inputs.
//!
//! Control flow inside a trace only leaves it: a guard checks a condition that
//! held while recording, and when it does not hold at run time the compiled
//! code stores the guard's `exit` values into the exit buffer and returns the
//! guard's number. What those values mean (which frame slot each one is) lives
//! in the resume data of the layer above; the IR only carries its index.
//!
//! The primitive operations come from one table (`binops!`/`unops!`/`ovfops!`
//! below): each row gives the operation's name, its types, its plain
//! implementation (used by the interpreter's plain mode, by the recorder and by
//! constant folding) and its Cranelift lowering, so nobody writes an operation
//! three times.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{InstBuilder, MemFlagsData, Value, types};
use cranelift_frontend::FunctionBuilder;

/// The name of an SSA value: the index of the operation that defines it.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct Ref(pub u32);

impl Ref {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl std::fmt::Display for Ref {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "v{}", self.0)
    }
}

/// The type of an SSA value. References to GC objects and raw words are `Int`.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub enum Type {
    Int,
    Float,
}

impl Type {
    pub fn name(self) -> &'static str {
        match self {
            Type::Int => "int",
            Type::Float => "float",
        }
    }
}

#[inline(always)]
fn fl(bits: u64) -> f64 {
    f64::from_bits(bits)
}

#[inline(always)]
fn bits(x: f64) -> u64 {
    x.to_bits()
}

#[inline(always)]
fn flag(b: bool) -> u64 {
    b as u64
}

fn bool_to_word(fb: &mut FunctionBuilder<'_>, b: Value) -> Value {
    fb.ins().uextend(types::I64, b)
}

fn icmp(fb: &mut FunctionBuilder<'_>, cc: IntCC, x: Value, y: Value) -> Value {
    let b = fb.ins().icmp(cc, x, y);
    bool_to_word(fb, b)
}

fn fcmp(fb: &mut FunctionBuilder<'_>, cc: FloatCC, x: Value, y: Value) -> Value {
    let b = fb.ins().fcmp(cc, x, y);
    bool_to_word(fb, b)
}

/// Truncating division that never traps: by zero gives 0, MIN / -1 wraps.
/// Interpreters guard against a zero divisor before they divide.
fn lower_div(fb: &mut FunctionBuilder<'_>, x: Value, y: Value, rem: bool) -> Value {
    let zero = fb.ins().iconst(types::I64, 0);
    let one = fb.ins().iconst(types::I64, 1);
    let is_zero = fb.ins().icmp_imm_s(IntCC::Equal, y, 0);
    let is_minus_one = fb.ins().icmp_imm_s(IntCC::Equal, y, -1);
    let bad = fb.ins().bor(is_zero, is_minus_one);
    let safe = fb.ins().select(bad, one, y);
    if rem {
        let r = fb.ins().srem(x, safe);
        fb.ins().select(bad, zero, r)
    } else {
        let q = fb.ins().sdiv(x, safe);
        let neg = fb.ins().ineg(x);
        let q = fb.ins().select(is_minus_one, neg, q);
        fb.ins().select(is_zero, zero, q)
    }
}

fn eval_div(a: u64, b: u64, rem: bool) -> u64 {
    let (a, b) = (a as i64, b as i64);
    if b == 0 {
        0
    } else if rem {
        a.wrapping_rem(b) as u64
    } else {
        a.wrapping_div(b) as u64
    }
}

macro_rules! binops {
    ($( $variant:ident $text:literal ($ty_in:ident -> $ty_out:ident)
        |$a:ident, $b:ident| $eval:expr, |$fb:ident, $x:ident, $y:ident| $lower:expr; )*) => {
        /// Binary primitive operations.
        #[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
        pub enum BinOp { $($variant),* }

        impl BinOp {
            pub const ALL: &'static [BinOp] = &[$(BinOp::$variant),*];

            pub fn name(self) -> &'static str {
                match self { $(BinOp::$variant => $text),* }
            }
            pub fn operand_type(self) -> Type {
                match self { $(BinOp::$variant => Type::$ty_in),* }
            }
            pub fn result_type(self) -> Type {
                match self { $(BinOp::$variant => Type::$ty_out),* }
            }
            /// The plain implementation, on the operands' bit patterns.
            #[inline(always)]
            pub fn eval(self, a: u64, b: u64) -> u64 {
                match self { $(BinOp::$variant => { let ($a, $b) = (a, b); $eval }),* }
            }
            pub(crate) fn lower(self, fb: &mut FunctionBuilder<'_>, x: Value, y: Value) -> Value {
                match self { $(BinOp::$variant => { let ($fb, $x, $y) = (fb, x, y); $lower }),* }
            }
        }
    };
}

binops! {
    IntAdd "int_add" (Int -> Int) |a, b| a.wrapping_add(b), |fb, x, y| fb.ins().iadd(x, y);
    IntSub "int_sub" (Int -> Int) |a, b| a.wrapping_sub(b), |fb, x, y| fb.ins().isub(x, y);
    IntMul "int_mul" (Int -> Int) |a, b| a.wrapping_mul(b), |fb, x, y| fb.ins().imul(x, y);
    IntDiv "int_div" (Int -> Int) |a, b| eval_div(a, b, false), |fb, x, y| lower_div(fb, x, y, false);
    IntMod "int_mod" (Int -> Int) |a, b| eval_div(a, b, true), |fb, x, y| lower_div(fb, x, y, true);
    IntAnd "int_and" (Int -> Int) |a, b| a & b, |fb, x, y| fb.ins().band(x, y);
    IntOr "int_or" (Int -> Int) |a, b| a | b, |fb, x, y| fb.ins().bor(x, y);
    IntXor "int_xor" (Int -> Int) |a, b| a ^ b, |fb, x, y| fb.ins().bxor(x, y);
    IntShl "int_shl" (Int -> Int) |a, b| a.wrapping_shl(b as u32), |fb, x, y| fb.ins().ishl(x, y);
    IntSar "int_sar" (Int -> Int) |a, b| (a as i64).wrapping_shr(b as u32) as u64, |fb, x, y| fb.ins().sshr(x, y);
    IntShr "int_shr" (Int -> Int) |a, b| a.wrapping_shr(b as u32), |fb, x, y| fb.ins().ushr(x, y);
    IntLt "int_lt" (Int -> Int) |a, b| flag((a as i64) < (b as i64)), |fb, x, y| icmp(fb, IntCC::SignedLessThan, x, y);
    IntLe "int_le" (Int -> Int) |a, b| flag((a as i64) <= (b as i64)), |fb, x, y| icmp(fb, IntCC::SignedLessThanOrEqual, x, y);
    IntGt "int_gt" (Int -> Int) |a, b| flag((a as i64) > (b as i64)), |fb, x, y| icmp(fb, IntCC::SignedGreaterThan, x, y);
    IntGe "int_ge" (Int -> Int) |a, b| flag((a as i64) >= (b as i64)), |fb, x, y| icmp(fb, IntCC::SignedGreaterThanOrEqual, x, y);
    IntEq "int_eq" (Int -> Int) |a, b| flag(a == b), |fb, x, y| icmp(fb, IntCC::Equal, x, y);
    IntNe "int_ne" (Int -> Int) |a, b| flag(a != b), |fb, x, y| icmp(fb, IntCC::NotEqual, x, y);
    UintLt "uint_lt" (Int -> Int) |a, b| flag(a < b), |fb, x, y| icmp(fb, IntCC::UnsignedLessThan, x, y);
    FloatAdd "float_add" (Float -> Float) |a, b| bits(fl(a) + fl(b)), |fb, x, y| fb.ins().fadd(x, y);
    FloatSub "float_sub" (Float -> Float) |a, b| bits(fl(a) - fl(b)), |fb, x, y| fb.ins().fsub(x, y);
    FloatMul "float_mul" (Float -> Float) |a, b| bits(fl(a) * fl(b)), |fb, x, y| fb.ins().fmul(x, y);
    FloatDiv "float_div" (Float -> Float) |a, b| bits(fl(a) / fl(b)), |fb, x, y| fb.ins().fdiv(x, y);
    FloatLt "float_lt" (Float -> Int) |a, b| flag(fl(a) < fl(b)), |fb, x, y| fcmp(fb, FloatCC::LessThan, x, y);
    FloatLe "float_le" (Float -> Int) |a, b| flag(fl(a) <= fl(b)), |fb, x, y| fcmp(fb, FloatCC::LessThanOrEqual, x, y);
    FloatGt "float_gt" (Float -> Int) |a, b| flag(fl(a) > fl(b)), |fb, x, y| fcmp(fb, FloatCC::GreaterThan, x, y);
    FloatGe "float_ge" (Float -> Int) |a, b| flag(fl(a) >= fl(b)), |fb, x, y| fcmp(fb, FloatCC::GreaterThanOrEqual, x, y);
    FloatEq "float_eq" (Float -> Int) |a, b| flag(fl(a) == fl(b)), |fb, x, y| fcmp(fb, FloatCC::Equal, x, y);
    FloatNe "float_ne" (Float -> Int) |a, b| flag(fl(a) != fl(b)), |fb, x, y| fcmp(fb, FloatCC::NotEqual, x, y);
}

macro_rules! unops {
    ($( $variant:ident $text:literal ($ty_in:ident -> $ty_out:ident)
        |$a:ident| $eval:expr, |$fb:ident, $x:ident| $lower:expr; )*) => {
        /// Unary primitive operations.
        #[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
        pub enum UnOp { $($variant),* }

        impl UnOp {
            pub const ALL: &'static [UnOp] = &[$(UnOp::$variant),*];

            pub fn name(self) -> &'static str {
                match self { $(UnOp::$variant => $text),* }
            }
            pub fn operand_type(self) -> Type {
                match self { $(UnOp::$variant => Type::$ty_in),* }
            }
            pub fn result_type(self) -> Type {
                match self { $(UnOp::$variant => Type::$ty_out),* }
            }
            #[inline(always)]
            pub fn eval(self, a: u64) -> u64 {
                match self { $(UnOp::$variant => { let $a = a; $eval }),* }
            }
            pub(crate) fn lower(self, fb: &mut FunctionBuilder<'_>, x: Value) -> Value {
                match self { $(UnOp::$variant => { let ($fb, $x) = (fb, x); $lower }),* }
            }
        }
    };
}

unops! {
    IntNeg "int_neg" (Int -> Int) |a| (a as i64).wrapping_neg() as u64, |fb, x| fb.ins().ineg(x);
    IntInvert "int_invert" (Int -> Int) |a| !a, |fb, x| fb.ins().bnot(x);
    IntIsZero "int_is_zero" (Int -> Int) |a| flag(a == 0), |fb, x| {
        let b = fb.ins().icmp_imm_s(IntCC::Equal, x, 0);
        bool_to_word(fb, b)
    };
    IntToFloat "int_to_float" (Int -> Float) |a| bits(a as i64 as f64), |fb, x| fb.ins().fcvt_from_sint(types::F64, x);
    FloatToInt "float_to_int" (Float -> Int) |a| fl(a) as i64 as u64, |fb, x| fb.ins().fcvt_to_sint_sat(types::I64, x);
    FloatNeg "float_neg" (Float -> Float) |a| bits(-fl(a)), |fb, x| fb.ins().fneg(x);
    FloatSqrt "float_sqrt" (Float -> Float) |a| bits(fl(a).sqrt()), |fb, x| fb.ins().sqrt(x);
    FloatAbs "float_abs" (Float -> Float) |a| bits(fl(a).abs()), |fb, x| fb.ins().fabs(x);
    // The bit pattern of a double, as a word, and back.
    FloatBits "float_bits" (Float -> Int) |a| a, |fb, x| fb.ins().bitcast(types::I64, MemFlagsData::new(), x);
    BitsFloat "bits_float" (Int -> Float) |a| a, |fb, x| fb.ins().bitcast(types::F64, MemFlagsData::new(), x);
}

macro_rules! ovfops {
    ($( $variant:ident $text:literal |$a:ident, $b:ident| $eval:expr, |$fb:ident, $x:ident, $y:ident| $lower:expr; )*) => {
        /// Integer operations that also say whether they overflowed; the
        /// recorder follows each with `guard_no_overflow` or `guard_overflow`.
        #[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
        pub enum OvfOp { $($variant),* }

        impl OvfOp {
            pub fn name(self) -> &'static str {
                match self { $(OvfOp::$variant => $text),* }
            }
            /// The wrapped result and whether the operation overflowed.
            #[inline(always)]
            pub fn eval(self, a: u64, b: u64) -> (u64, bool) {
                match self { $(OvfOp::$variant => {
                    let ($a, $b) = (a as i64, b as i64);
                    let (r, o) = $eval;
                    (r as u64, o)
                }),* }
            }
            pub(crate) fn lower(self, fb: &mut FunctionBuilder<'_>, x: Value, y: Value) -> (Value, Value) {
                match self { $(OvfOp::$variant => { let ($fb, $x, $y) = (fb, x, y); $lower }),* }
            }
        }
    };
}

ovfops! {
    IntAddOvf "int_add_ovf" |a, b| a.overflowing_add(b), |fb, x, y| fb.ins().sadd_overflow(x, y);
    IntSubOvf "int_sub_ovf" |a, b| a.overflowing_sub(b), |fb, x, y| fb.ins().ssub_overflow(x, y);
    IntMulOvf "int_mul_ovf" |a, b| a.overflowing_mul(b), |fb, x, y| fb.ins().smul_overflow(x, y);
}

/// What a guard checks about its value.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub enum GuardKind {
    /// value != 0
    True,
    /// value == 0
    False,
    /// value == expected
    Value,
    /// the word at offset 0 of the object (its header) == expected
    Class,
    /// value != 0, for references
    NonNull,
    /// value != 0 and its header == expected: a `guard_nonnull` and a
    /// later `guard_class` on the same value, fused by the optimizer into
    /// one check at the earlier resume point (the header is read only when
    /// the value is not null)
    NonNullClass,
    /// the overflow operation named by the value did not overflow
    NoOverflow,
    /// the overflow operation named by the value did overflow
    Overflow,
    /// the word at the address given by the value (a pending-exception cell) == 0
    NoException,
    /// the word at the address given by the value (a version cell) == expected
    NotInvalidated,
}

impl GuardKind {
    pub fn name(self) -> &'static str {
        match self {
            GuardKind::True => "guard_true",
            GuardKind::False => "guard_false",
            GuardKind::Value => "guard_value",
            GuardKind::Class => "guard_class",
            GuardKind::NonNull => "guard_nonnull",
            GuardKind::NonNullClass => "guard_nonnull_class",
            GuardKind::NoOverflow => "guard_no_overflow",
            GuardKind::Overflow => "guard_overflow",
            GuardKind::NoException => "guard_no_exception",
            GuardKind::NotInvalidated => "guard_not_invalidated",
        }
    }

    /// Whether the guard prints (and compares) an expected constant.
    pub fn has_expected(self) -> bool {
        matches!(
            self,
            GuardKind::Value
                | GuardKind::Class
                | GuardKind::NonNullClass
                | GuardKind::NotInvalidated
        )
    }
}

/// What a call may do, from the recorder's and the optimizer's point of view.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub enum Effect {
    /// Pure given its arguments (elidable): folded when they are constant,
    /// shared when repeated, removed when unused.
    Elidable,
    /// Reads the heap but changes nothing visible.
    ReadsHeap,
    /// Allocates: not a side effect for the resumption rule.
    Allocates,
    /// Writes the heap or does I/O: a side effect.
    WritesHeap,
    /// Writes and may leave an exception pending.
    MayRaise,
    /// May run the interpreter again.
    ReentersInterpreter,
}

impl Effect {
    pub fn name(self) -> &'static str {
        match self {
            Effect::Elidable => "elidable",
            Effect::ReadsHeap => "reads",
            Effect::Allocates => "allocates",
            Effect::WritesHeap => "writes",
            Effect::MayRaise => "may_raise",
            Effect::ReentersInterpreter => "reenters",
        }
    }

    /// Whether a guard may not follow this call in the same instruction.
    pub fn is_side_effect(self) -> bool {
        self >= Effect::WritesHeap
    }
}

/// A Rust function that compiled code may call. Arguments and result are words
/// or doubles as `params`/`ret` say; the calling convention is the platform's C one.
#[derive(Clone, Debug, PartialEq)]
pub struct Helper {
    pub name: &'static str,
    pub addr: usize,
    pub params: Vec<Type>,
    pub ret: Option<Type>,
    pub effect: Effect,
    /// For an allocating helper (effect `Allocates`) whose object the
    /// optimizer may remove: the words of the fresh object it returns, by
    /// byte offset. Empty for every other helper.
    pub fresh: Vec<(i32, FreshWord)>,
}

/// One word of a freshly allocated object, as an allocating helper fills it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FreshWord {
    /// The helper's argument number n.
    Arg(u32),
    /// A constant.
    Const(u64),
    /// From this offset on, a run of words all equal to `fill` (an array
    /// body): its length is helper argument `count_arg` shifted right by
    /// `count_shift` (a tagged length). The optimizer removes such an object
    /// only when that argument is a trace constant.
    Repeat {
        count_arg: u32,
        count_shift: u8,
        fill: FreshFill,
    },
}

/// What the words of a [`FreshWord::Repeat`] run hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FreshFill {
    Arg(u32),
    Const(u64),
}

/// One operation of a trace.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// The value of input `index` (a live frame slot) at the loop header.
    Input {
        index: u32,
        ty: Type,
    },
    /// A 64-bit constant (a float's bit pattern when `ty` is Float).
    Const {
        bits: u64,
        ty: Type,
    },
    /// Where the loop starts: inputs above it, the body below.
    Label,
    Bin(BinOp, Ref, Ref),
    Un(UnOp, Ref),
    Ovf(OvfOp, Ref, Ref),
    /// Load a word (or double) at `base + offset`.
    Load {
        base: Ref,
        offset: i32,
        ty: Type,
    },
    /// Store `value` at `base + offset`.
    Store {
        base: Ref,
        offset: i32,
        value: Ref,
    },
    /// Call helper number `helper` of the trace's helper table.
    Call {
        helper: u32,
        args: Vec<Ref>,
    },
    /// Leave the trace unless the check holds; `exit` values go to the exit buffer.
    Guard {
        kind: GuardKind,
        value: Ref,
        expected: u64,
        /// The resume point: an index into the layer above's resume data.
        resume: u32,
        /// The program position the guard resumes at, for printing.
        pc: u32,
        exit: Vec<Ref>,
    },
    /// Back to the label with the next iteration's inputs.
    Jump(Vec<Ref>),
    /// Leave the trace for good: like a guard that always fails. Ends linear
    /// traces (bridges, traces that reach another loop or a call not inlined).
    Finish {
        resume: u32,
        pc: u32,
        exit: Vec<Ref>,
    },
    /// An object the optimizer removed: the call of allocating helper
    /// `helper` on `args` (a float argument stands for its bits) that the
    /// trace no longer makes, then the stores
    /// `fields` (byte offset, value) the trace made into it. Only exit lists
    /// (and other virtuals' fields) may name it; an exit that does calls the
    /// helper to build the object and stores the fields.
    Virtual {
        helper: u32,
        args: Vec<Ref>,
        fields: Vec<(i32, Ref)>,
    },
    /// A value carried around the loop (loop peeling): the phis stand right
    /// after the label; on entry a phi is `init` (defined above the label),
    /// and the jump passes one value per phi for the next iteration. A trace
    /// with phis has a preamble (the ops between the inputs and the label)
    /// that runs once per entry.
    Phi {
        init: Ref,
        ty: Type,
    },
}

impl Op {
    /// The values this operation reads.
    pub fn operands(&self) -> Vec<Ref> {
        match self {
            Op::Input { .. } | Op::Const { .. } | Op::Label => vec![],
            Op::Bin(_, a, b) | Op::Ovf(_, a, b) => vec![*a, *b],
            Op::Un(_, a) => vec![*a],
            Op::Load { base, .. } => vec![*base],
            Op::Store { base, value, .. } => vec![*base, *value],
            Op::Call { args, .. } => args.clone(),
            Op::Guard { value, exit, .. } => {
                let mut v = vec![*value];
                v.extend_from_slice(exit);
                v
            }
            Op::Jump(args) => args.clone(),
            Op::Finish { exit, .. } => exit.clone(),
            Op::Virtual { args, fields, .. } => {
                let mut v = args.clone();
                v.extend(fields.iter().map(|(_, r)| *r));
                v
            }
            Op::Phi { init, .. } => vec![*init],
        }
    }

    /// Rewrite every operand through `f`.
    pub fn map_operands(&mut self, mut f: impl FnMut(Ref) -> Ref) {
        match self {
            Op::Input { .. } | Op::Const { .. } | Op::Label => {}
            Op::Bin(_, a, b) | Op::Ovf(_, a, b) => {
                *a = f(*a);
                *b = f(*b);
            }
            Op::Un(_, a) | Op::Phi { init: a, .. } => *a = f(*a),
            Op::Load { base, .. } => *base = f(*base),
            Op::Store { base, value, .. } => {
                *base = f(*base);
                *value = f(*value);
            }
            Op::Call { args, .. } | Op::Jump(args) | Op::Finish { exit: args, .. } => {
                for a in args.iter_mut() {
                    *a = f(*a);
                }
            }
            Op::Virtual { args, fields, .. } => {
                for a in args.iter_mut() {
                    *a = f(*a);
                }
                for (_, v) in fields.iter_mut() {
                    *v = f(*v);
                }
            }
            Op::Guard { value, exit, .. } => {
                *value = f(*value);
                for a in exit.iter_mut() {
                    *a = f(*a);
                }
            }
        }
    }
}

/// A recorded trace: operations, the type of each one's result, and the helpers
/// its calls name.
#[derive(Clone, Debug, Default)]
pub struct Trace {
    pub ops: Vec<Op>,
    /// `types[i]` is the type of the value op `i` defines (None: defines none).
    pub types: Vec<Option<Type>>,
    pub helpers: Vec<Helper>,
    /// Addresses of the helpers that are the GC's write barrier on their
    /// first argument (what `JitState::declare_write_barrier` lists): they
    /// change no field a trace reads, and an object the optimizer removed
    /// (never allocated, so never old) needs none.
    pub write_barriers: Vec<usize>,
    /// A name for logs ("loop at f:12").
    pub name: String,
}

impl Trace {
    pub fn new(name: impl Into<String>) -> Trace {
        Trace {
            name: name.into(),
            ..Trace::default()
        }
    }

    pub fn len(&self) -> usize {
        self.ops.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    pub fn type_of(&self, r: Ref) -> Option<Type> {
        self.types.get(r.index()).copied().flatten()
    }

    /// Append an operation, computing the type of what it defines.
    pub fn push(&mut self, op: Op) -> Ref {
        let ty = match &op {
            Op::Input { ty, .. }
            | Op::Const { ty, .. }
            | Op::Load { ty, .. }
            | Op::Phi { ty, .. } => Some(*ty),
            Op::Bin(b, ..) => Some(b.result_type()),
            Op::Un(u, _) => Some(u.result_type()),
            Op::Ovf(..) => Some(Type::Int),
            Op::Call { helper, .. } => self.helpers[*helper as usize].ret,
            Op::Virtual { .. } => Some(Type::Int),
            Op::Label | Op::Store { .. } | Op::Guard { .. } | Op::Jump(_) | Op::Finish { .. } => {
                None
            }
        };
        let r = Ref(self.ops.len() as u32);
        self.ops.push(op);
        self.types.push(ty);
        r
    }

    pub fn constant(&mut self, bits: u64, ty: Type) -> Ref {
        self.push(Op::Const { bits, ty })
    }

    /// The helper table index of `helper`, adding it when new.
    pub fn helper_index(&mut self, helper: &Helper) -> u32 {
        if let Some(i) = self.helpers.iter().position(|h| h == helper) {
            return i as u32;
        }
        self.helpers.push(helper.clone());
        (self.helpers.len() - 1) as u32
    }

    /// Whether helper `helper` is a write barrier (see `write_barriers`).
    pub fn is_write_barrier(&self, helper: u32) -> bool {
        let h = &self.helpers[helper as usize];
        !h.params.is_empty() && self.write_barriers.contains(&h.addr)
    }

    /// Whether a call of helper `helper` may change fields the trace
    /// reads: writing helpers but write barriers.
    pub fn call_clobbers(&self, helper: u32) -> bool {
        self.helpers[helper as usize].effect.is_side_effect() && !self.is_write_barrier(helper)
    }

    /// The constant a value is, if it is one.
    pub fn const_value(&self, r: Ref) -> Option<u64> {
        match self.ops.get(r.index()) {
            Some(Op::Const { bits, .. }) => Some(*bits),
            _ => None,
        }
    }

    /// Whether the loop carries phis (a peeled loop: preamble, label, body).
    pub fn has_phis(&self) -> bool {
        self.ops.iter().any(|op| matches!(op, Op::Phi { .. }))
    }

    /// How many inputs the trace takes.
    pub fn num_inputs(&self) -> usize {
        self.ops
            .iter()
            .filter(|op| matches!(op, Op::Input { .. }))
            .count()
    }

    /// Check that the trace is well formed: every operand defined before use
    /// with the type its user expects, inputs numbered 0.. before the label,
    /// and a jump (one argument per input, of matching type) or a finish last.
    pub fn verify(&self) -> Result<(), String> {
        let err = |i: usize, msg: String| Err(format!("op {i} ({}): {msg}", self.ops[i].name()));
        let mut seen_label = false;
        let mut inputs: Vec<Type> = Vec::new();
        let mut phis: Vec<Type> = Vec::new();
        let mut body_started = false;
        for (i, op) in self.ops.iter().enumerate() {
            for r in op.operands() {
                if r.index() >= i {
                    return err(i, format!("operand {r} is not defined before its use"));
                }
                if self.types[r.index()].is_none() {
                    return err(i, format!("operand {r} defines no value"));
                }
            }
            let exits: &[Ref] = match op {
                Op::Guard { exit, .. } | Op::Finish { exit, .. } => exit,
                _ => &[],
            };
            // a virtual's fields may name virtuals (nested objects), its
            // arguments may not
            let operands = match op {
                Op::Virtual { args, .. } => args.clone(),
                _ => op.operands(),
            };
            let used_as_value = operands.into_iter().filter(|r| {
                !exits.contains(r) || matches!(op, Op::Guard { value, .. } if value == r)
            });
            for r in used_as_value {
                if matches!(self.ops[r.index()], Op::Virtual { .. }) {
                    return err(i, format!("virtual {r} used outside an exit list"));
                }
            }
            let want = |r: Ref, ty: Type| self.type_of(r) == Some(ty);
            match op {
                Op::Input { index, ty } => {
                    if seen_label || *index as usize != inputs.len() {
                        return err(i, "inputs must be numbered 0.. before the label".into());
                    }
                    inputs.push(*ty);
                }
                Op::Label => {
                    if seen_label {
                        return err(i, "second label".into());
                    }
                    seen_label = true;
                }
                Op::Phi { init, ty } => {
                    if !seen_label || body_started {
                        return err(i, "phis must stand right after the label".into());
                    }
                    if !want(*init, *ty) {
                        return err(i, "phi type mismatch".into());
                    }
                    phis.push(*ty);
                }
                Op::Bin(b, x, y) => {
                    if !want(*x, b.operand_type()) || !want(*y, b.operand_type()) {
                        return err(i, "operand type mismatch".into());
                    }
                }
                Op::Un(u, x) => {
                    if !want(*x, u.operand_type()) {
                        return err(i, "operand type mismatch".into());
                    }
                }
                Op::Ovf(_, x, y) => {
                    if !want(*x, Type::Int) || !want(*y, Type::Int) {
                        return err(i, "operand type mismatch".into());
                    }
                }
                Op::Load { base, .. } | Op::Store { base, .. } => {
                    if !want(*base, Type::Int) {
                        return err(i, "base must be int".into());
                    }
                }
                Op::Call { helper, args } => {
                    let Some(h) = self.helpers.get(*helper as usize) else {
                        return err(i, "unknown helper".into());
                    };
                    if h.params.len() != args.len()
                        || h.params.iter().zip(args).any(|(t, a)| !want(*a, *t))
                    {
                        return err(i, format!("arguments do not match {}", h.name));
                    }
                }
                Op::Guard { kind, value, .. } => match kind {
                    GuardKind::NoOverflow | GuardKind::Overflow => {
                        if !matches!(self.ops[value.index()], Op::Ovf(..)) {
                            return err(i, "overflow guard must name an overflow op".into());
                        }
                    }
                    _ => {
                        if !want(*value, Type::Int) {
                            return err(i, "guarded value must be int".into());
                        }
                    }
                },
                Op::Jump(args) => {
                    if i + 1 != self.ops.len() {
                        return err(i, "jump must be last".into());
                    }
                    if !seen_label {
                        return err(i, "jump without label".into());
                    }
                    let carried = if phis.is_empty() { &inputs } else { &phis };
                    if args.len() != carried.len()
                        || args.iter().zip(carried).any(|(a, t)| !want(*a, *t))
                    {
                        return err(i, "jump arguments do not match the inputs".into());
                    }
                }
                Op::Virtual { helper, args, .. } => {
                    let Some(h) = self.helpers.get(*helper as usize) else {
                        return err(i, "unknown helper".into());
                    };
                    if h.fresh.is_empty() || h.params.len() != args.len() {
                        return err(i, format!("{} cannot make virtuals", h.name));
                    }
                }
                Op::Finish { .. } => {
                    if i + 1 != self.ops.len() {
                        return err(i, "finish must be last".into());
                    }
                }
                Op::Const { .. } => {}
            }
            if seen_label && !matches!(op, Op::Label | Op::Phi { .. }) {
                body_started = true;
            }
        }
        if !matches!(self.ops.last(), Some(Op::Jump(_) | Op::Finish { .. })) {
            return Err("a trace must end with a jump or a finish".into());
        }
        Ok(())
    }
}

impl Op {
    /// The operation's name as printed.
    pub fn name(&self) -> &'static str {
        match self {
            Op::Input { .. } => "input",
            Op::Const { .. } => "const",
            Op::Label => "label",
            Op::Bin(b, ..) => b.name(),
            Op::Un(u, _) => u.name(),
            Op::Ovf(o, ..) => o.name(),
            Op::Load { .. } => "load",
            Op::Store { .. } => "store",
            Op::Call { .. } => "call",
            Op::Guard { kind, .. } => kind.name(),
            Op::Jump(_) => "jump",
            Op::Finish { .. } => "finish",
            Op::Virtual { .. } => "virtual",
            Op::Phi { .. } => "phi",
        }
    }

    /// Whether the operation has no effect besides its value (removable if unused).
    pub fn is_pure(&self, helpers: &[Helper]) -> bool {
        match self {
            Op::Const { .. }
            | Op::Bin(..)
            | Op::Un(..)
            | Op::Ovf(..)
            | Op::Load { .. }
            | Op::Virtual { .. } => true,
            Op::Call { helper, .. } => matches!(
                helpers[*helper as usize].effect,
                Effect::Elidable | Effect::ReadsHeap | Effect::Allocates
            ),
            _ => false,
        }
    }
}
