//! The interpreter: one dispatch loop, written once against `retrace::Ops`.
//!
//! Handlers see values only through the trait: they pop and push words,
//! compute with primitive operations, and branch only through `is_true` or
//! `promote` (the JIT's guards). Two rules keep resumption sound: every
//! check of an instruction comes before its first visible effect (a store or
//! a print), and handlers keep no state outside the frames between
//! instructions. The JIT-specific lines are the three hints: `insn_start`
//! at the top of the loop, `can_enter_jit` after a backward jump, and
//! `promote` of a record's type before a field lookup.

use crate::bytecode::{Builtin, Cmp, Insn, Program};
use crate::value::{self, KIND_ARRAY, KIND_FLOAT, KIND_STRING, NIL};
use retrace::{BinOp, Interpreter, Ops, OvfOp, Stop, Type, UnOp};

/// A runtime error: the message and where it happened.
#[derive(Clone, Debug, PartialEq)]
pub struct RuntimeError {
    pub message: String,
    pub line: u32,
    pub function: String,
}

impl std::fmt::Display for RuntimeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {} (in {}): {}",
            self.line, self.function, self.message
        )
    }
}

/// The interpreter of one program.
pub struct Toy {
    pub prog: Program,
}

/// What a value is, found through guards.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Int,
    Nil,
    Float,
    Str,
    Array,
    Record,
}

type R<T> = Result<T, String>;

#[inline(always)]
fn is_int<O: Ops>(o: &mut O, v: O::V) -> bool {
    let one = o.konst(1);
    let low = o.bin(BinOp::IntAnd, v, one);
    o.is_true(low)
}

#[inline(always)]
fn class<O: Ops>(o: &mut O, v: O::V) -> Class {
    if is_int(o, v) {
        return Class::Int;
    }
    let two = o.konst(2);
    let nil_bit = o.bin(BinOp::IntAnd, v, two);
    if o.is_true(nil_bit) {
        return Class::Nil;
    }
    // SAFETY: v is neither an int nor nil, so it is an object's address.
    let kind = unsafe { o.load(v, value::OFF_KIND, Type::Int) };
    match o.promote(kind) {
        KIND_FLOAT => Class::Float,
        KIND_STRING => Class::Str,
        KIND_ARRAY => Class::Array,
        _ => Class::Record,
    }
}

fn class_name(c: Class) -> &'static str {
    match c {
        Class::Int => "int",
        Class::Nil => "nil",
        Class::Float => "float",
        Class::Str => "string",
        Class::Array => "array",
        Class::Record => "record",
    }
}

/// Tag a raw int result, failing on 63-bit overflow.
#[inline(always)]
fn tag_checked<O: Ops>(o: &mut O, raw: O::V) -> R<O::V> {
    let twice = o
        .ovf(OvfOp::IntAddOvf, raw, raw)
        .ok_or("integer overflow")?;
    let one = o.konst(1);
    Ok(o.bin(BinOp::IntOr, twice, one))
}

#[inline(always)]
fn untag<O: Ops>(o: &mut O, v: O::V) -> O::V {
    let one = o.konst(1);
    o.bin(BinOp::IntSar, v, one)
}

/// 0/1 to a tagged bool (1 -> 3, 0 -> 1).
#[inline(always)]
fn tag_bool<O: Ops>(o: &mut O, b: O::V) -> O::V {
    let one = o.konst(1);
    let twice = o.bin(BinOp::IntShl, b, one);
    o.bin(BinOp::IntOr, twice, one)
}

/// A number as a double (the value must be an int or a float).
#[inline(always)]
fn as_float<O: Ops>(o: &mut O, v: O::V, c: Class) -> O::V {
    if c == Class::Int {
        let raw = untag(o, v);
        o.un(UnOp::IntToFloat, raw)
    } else {
        // SAFETY: v is a float object.
        unsafe { o.load(v, value::OFF_WORD1, Type::Float) }
    }
}

#[inline(always)]
fn box_float<O: Ops>(o: &mut O, f: O::V) -> O::V {
    let bits = o.un(UnOp::FloatBits, f);
    o.call(&value::NEW_FLOAT, &[bits])
}

#[derive(Clone, Copy)]
enum Arith {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

#[inline(always)]
fn arith<O: Ops>(o: &mut O, op: Arith, a: O::V, b: O::V) -> R<O::V> {
    let (ca, cb) = (class(o, a), class(o, b));
    let one = o.konst(1);
    match (ca, cb) {
        (Class::Int, Class::Int) => match op {
            Arith::Add => {
                let b0 = o.bin(BinOp::IntSub, b, one);
                o.ovf(OvfOp::IntAddOvf, a, b0)
                    .ok_or_else(|| "integer overflow".into())
            }
            Arith::Sub => {
                let b0 = o.bin(BinOp::IntSub, b, one);
                o.ovf(OvfOp::IntSubOvf, a, b0)
                    .ok_or_else(|| "integer overflow".into())
            }
            Arith::Mul => {
                let a0 = o.bin(BinOp::IntSub, a, one);
                let y = untag(o, b);
                let p = o.ovf(OvfOp::IntMulOvf, a0, y).ok_or("integer overflow")?;
                Ok(o.bin(BinOp::IntOr, p, one))
            }
            Arith::Div | Arith::Mod => {
                let zero = o.konst(value::tag(0));
                let is_zero = o.bin(BinOp::IntEq, b, zero);
                if o.is_true(is_zero) {
                    return Err("division by zero".into());
                }
                let (x, y) = (untag(o, a), untag(o, b));
                let r = match op {
                    Arith::Div => o.bin(BinOp::IntDiv, x, y),
                    _ => o.bin(BinOp::IntMod, x, y),
                };
                tag_checked(o, r)
            }
        },
        (Class::Int | Class::Float, Class::Int | Class::Float) => {
            let (x, y) = (as_float(o, a, ca), as_float(o, b, cb));
            let f = match op {
                Arith::Add => BinOp::FloatAdd,
                Arith::Sub => BinOp::FloatSub,
                Arith::Mul => BinOp::FloatMul,
                Arith::Div => BinOp::FloatDiv,
                Arith::Mod => return Err("% needs integers".into()),
            };
            let r = o.bin(f, x, y);
            Ok(box_float(o, r))
        }
        (Class::Str, Class::Str) if matches!(op, Arith::Add) => Ok(o.call(&value::CONCAT, &[a, b])),
        _ => Err(format!(
            "cannot apply {} to {} and {}",
            match op {
                Arith::Add => "+",
                Arith::Sub => "-",
                Arith::Mul => "*",
                Arith::Div => "/",
                Arith::Mod => "%",
            },
            class_name(ca),
            class_name(cb)
        )),
    }
}

/// Compare two values: 0 or 1 (untagged).
#[inline(always)]
fn compare<O: Ops>(o: &mut O, cmp: Cmp, a: O::V, b: O::V) -> R<O::V> {
    let (ca, cb) = (class(o, a), class(o, b));
    let (int_op, float_op) = match cmp {
        Cmp::Lt => (BinOp::IntLt, BinOp::FloatLt),
        Cmp::Le => (BinOp::IntLe, BinOp::FloatLe),
        Cmp::Gt => (BinOp::IntGt, BinOp::FloatGt),
        Cmp::Ge => (BinOp::IntGe, BinOp::FloatGe),
        Cmp::Eq => (BinOp::IntEq, BinOp::FloatEq),
        Cmp::Ne => (BinOp::IntNe, BinOp::FloatNe),
    };
    let equality = matches!(cmp, Cmp::Eq | Cmp::Ne);
    let r = match (ca, cb) {
        // tagging keeps the order of ints
        (Class::Int, Class::Int) => o.bin(int_op, a, b),
        (Class::Int | Class::Float, Class::Int | Class::Float) => {
            let (x, y) = (as_float(o, a, ca), as_float(o, b, cb));
            o.bin(float_op, x, y)
        }
        (Class::Str, Class::Str) if equality => {
            let same = o.call(&value::STRING_EQ, &[a, b]);
            let r = untag(o, same);
            if cmp == Cmp::Ne {
                let one = o.konst(1);
                o.bin(BinOp::IntXor, r, one)
            } else {
                r
            }
        }
        // other values compare by identity
        _ if equality => o.bin(int_op, a, b),
        _ => {
            return Err(format!(
                "cannot compare {} and {}",
                class_name(ca),
                class_name(cb)
            ));
        }
    };
    Ok(r)
}

/// false and nil are false; every other value is true.
#[inline(always)]
fn truthy<O: Ops>(o: &mut O, v: O::V) -> bool {
    // tagged 0 is 1 and nil is 2: everything else is unsigned-above 2
    let two = o.konst(2);
    let t = o.bin(BinOp::UintLt, two, v);
    o.is_true(t)
}

/// The address of element `i` (tagged) of an array, minus OFF_DATA... plus
/// the tag: element i lives at a + 16 + 8i = a + 12 + 4 * tagged(i).
#[inline(always)]
fn element_base<O: Ops>(o: &mut O, a: O::V, i: O::V) -> O::V {
    let two = o.konst(2);
    let scaled = o.bin(BinOp::IntShl, i, two);
    o.bin(BinOp::IntAdd, a, scaled)
}

const ELEMENT_OFFSET: i32 = 12;

/// Check `a[i]`: an array and an int index in range.
#[inline(always)]
fn check_index<O: Ops>(o: &mut O, a: O::V, i: O::V) -> R<()> {
    let ca = class(o, a);
    if ca != Class::Array {
        return Err(format!("cannot index {}", class_name(ca)));
    }
    if !is_int(o, i) {
        return Err("array index must be an int".into());
    }
    // SAFETY: a is an array object.
    let len = unsafe { o.load(a, value::OFF_WORD1, Type::Int) };
    let inside = o.bin(BinOp::UintLt, i, len);
    if !o.is_true(inside) {
        return Err("array index out of range".into());
    }
    Ok(())
}

/// Whether storing `v` into an object needs the GC's write barrier (it is a
/// reference, not an int or nil). Decided before the store, as a guard.
#[inline(always)]
fn needs_barrier<O: Ops>(o: &mut O, v: O::V) -> bool {
    let three = o.konst(3);
    let imm = o.bin(BinOp::IntAnd, v, three);
    !o.is_true(imm)
}

impl Toy {
    fn field_slot<O: Ops>(&self, o: &mut O, obj: O::V, name: u32) -> R<i32> {
        let c = class(o, obj);
        let field = &self.prog.names[name as usize];
        if c != Class::Record {
            return Err(format!("{} has no field {field}", class_name(c)));
        }
        // SAFETY: obj is a record.
        let ty = unsafe { o.load(obj, value::OFF_WORD1, Type::Int) };
        let ty = o.promote(ty) as usize;
        match self.prog.field_slot(ty, name) {
            Some(slot) => Ok(value::OFF_DATA + 8 * slot as i32),
            None => Err(format!(
                "record {} has no field {field}",
                self.prog.records[ty].name
            )),
        }
    }

    fn builtin<O: Ops>(&self, o: &mut O, b: Builtin, argc: u32) -> R<O::V> {
        match b {
            Builtin::Print => {
                let args: Vec<O::V> = (0..argc).map(|_| o.pop()).collect();
                let n = args.len();
                for (k, v) in args.into_iter().rev().enumerate() {
                    let last = o.konst((k + 1 == n) as u64);
                    o.call(&value::PRINT, &[v, last]);
                }
                if n == 0 {
                    o.call(&value::PRINT_NEWLINE, &[]);
                }
                Ok(o.konst(NIL))
            }
            Builtin::Len => {
                let v = o.pop();
                match class(o, v) {
                    // SAFETY: v is an array: its word 1 is the tagged length.
                    Class::Array => Ok(unsafe { o.load(v, value::OFF_WORD1, Type::Int) }),
                    Class::Str => {
                        // SAFETY: v is a string: its word 1 is the byte length.
                        let n = unsafe { o.load(v, value::OFF_WORD1, Type::Int) };
                        tag_checked(o, n)
                    }
                    c => Err(format!("len of {}", class_name(c))),
                }
            }
            Builtin::Array => {
                let fill = o.pop();
                let n = o.pop();
                if !is_int(o, n) {
                    return Err("array size must be an int".into());
                }
                let zero = o.konst(value::tag(0));
                let negative = o.bin(BinOp::IntLt, n, zero);
                if o.is_true(negative) {
                    return Err("array size must not be negative".into());
                }
                let limit = o.konst(value::tag(1 << 28));
                let huge = o.bin(BinOp::IntGt, n, limit);
                if o.is_true(huge) {
                    return Err("array size too large".into());
                }
                Ok(o.call(&value::NEW_ARRAY, &[n, fill]))
            }
            Builtin::Float | Builtin::Sqrt => {
                let v = o.pop();
                let c = class(o, v);
                if !matches!(c, Class::Int | Class::Float) {
                    return Err(format!("expected a number, got {}", class_name(c)));
                }
                let f = as_float(o, v, c);
                let f = if b == Builtin::Sqrt {
                    o.un(UnOp::FloatSqrt, f)
                } else {
                    f
                };
                Ok(box_float(o, f))
            }
            Builtin::Int => {
                let v = o.pop();
                match class(o, v) {
                    Class::Int => Ok(v),
                    Class::Float => {
                        let f = as_float(o, v, Class::Float);
                        let raw = o.un(UnOp::FloatToInt, f);
                        tag_checked(o, raw)
                    }
                    c => Err(format!("int of {}", class_name(c))),
                }
            }
        }
    }

    /// Run one instruction.
    #[inline(always)]
    fn step<O: Ops>(&self, o: &mut O, insn: Insn) -> R<Option<Stop<RuntimeError>>> {
        match insn {
            Insn::PushInt(n) => {
                let v = o.konst(value::tag(n));
                o.push(v)
            }
            Insn::PushFloat(f) => {
                let bits = o.konst(f.to_bits());
                let v = o.call(&value::NEW_FLOAT, &[bits]);
                o.push(v)
            }
            Insn::PushStr(k) => {
                // a fresh string each time: traces never hold object constants
                let k = o.konst(k as u64);
                let v = o.call(&value::STRING_CONST, &[k]);
                o.push(v)
            }
            Insn::PushNil => {
                let v = o.konst(NIL);
                o.push(v)
            }
            Insn::Load(k) => {
                let v = o.local(k as usize);
                o.push(v)
            }
            Insn::Store(k) => {
                let v = o.pop();
                o.set_local(k as usize, v)
            }
            Insn::Pop => {
                o.pop();
            }
            Insn::Dup => {
                let v = o.pop();
                o.push(v);
                o.push(v)
            }
            Insn::Add | Insn::Sub | Insn::Mul | Insn::Div | Insn::Mod => {
                let b = o.pop();
                let a = o.pop();
                let op = match insn {
                    Insn::Add => Arith::Add,
                    Insn::Sub => Arith::Sub,
                    Insn::Mul => Arith::Mul,
                    Insn::Div => Arith::Div,
                    _ => Arith::Mod,
                };
                let r = arith(o, op, a, b)?;
                o.push(r)
            }
            Insn::Neg => {
                let a = o.pop();
                let zero = o.konst(value::tag(0));
                let r = arith(o, Arith::Sub, zero, a)?;
                o.push(r)
            }
            Insn::Not => {
                let a = o.pop();
                let t = truthy(o, a);
                let v = o.konst(value::tag(!t as i64));
                o.push(v)
            }
            Insn::Compare(cmp) => {
                let b = o.pop();
                let a = o.pop();
                let r = compare(o, cmp, a, b)?;
                let r = tag_bool(o, r);
                o.push(r)
            }
            Insn::JumpUnless(cmp, t) => {
                let b = o.pop();
                let a = o.pop();
                let r = compare(o, cmp, a, b)?;
                if !o.is_true(r) {
                    o.set_pc(t)
                }
            }
            Insn::Jump(t) => o.set_pc(t),
            Insn::Loop(t) => {
                o.set_pc(t);
                if o.can_enter_jit() {
                    return Ok(Some(Stop::Jit));
                }
            }
            Insn::JumpIfFalse(t) => {
                let v = o.pop();
                if !truthy(o, v) {
                    o.set_pc(t)
                }
            }
            Insn::Call(f, argc) => {
                let locals = self.prog.functions[f as usize].locals as usize;
                o.enter_frame(f, argc as usize, locals, NIL);
                if o.can_enter_function() {
                    return Ok(Some(Stop::Jit));
                }
            }
            Insn::Return => {
                let v = o.pop();
                if !o.leave_frame(v) {
                    return Ok(Some(Stop::Done(o.promote(v))));
                }
            }
            Insn::Builtin(b, argc) => {
                let r = self.builtin(o, b, argc)?;
                o.push(r)
            }
            Insn::NewArray(n) => {
                let size = o.konst(value::tag(n as i64));
                let nil = o.konst(NIL);
                let a = o.call(&value::NEW_ARRAY, &[size, nil]);
                for k in (0..n as i32).rev() {
                    let v = o.pop();
                    // SAFETY: a is a fresh array of n elements; no barrier is
                    // needed for stores into a young object.
                    unsafe { o.store(a, value::OFF_DATA + 8 * k, v) }
                }
                o.push(a)
            }
            Insn::Index => {
                let i = o.pop();
                let a = o.pop();
                check_index(o, a, i)?;
                let base = element_base(o, a, i);
                // SAFETY: the index is in range.
                let v = unsafe { o.load(base, ELEMENT_OFFSET, Type::Int) };
                o.push(v)
            }
            Insn::SetIndex => {
                let v = o.pop();
                let i = o.pop();
                let a = o.pop();
                check_index(o, a, i)?;
                let barrier = needs_barrier(o, v);
                let base = element_base(o, a, i);
                // SAFETY: the index is in range.
                unsafe { o.store(base, ELEMENT_OFFSET, v) }
                if barrier {
                    o.call(&value::WRITE_BARRIER, &[a]);
                }
            }
            Insn::New(ty, n) => {
                let ty = o.konst(ty as u64);
                let nf = o.konst(n as u64);
                let r = o.call(&value::NEW_RECORD, &[ty, nf]);
                for k in (0..n as i32).rev() {
                    let v = o.pop();
                    // SAFETY: r is a fresh record of n fields (young: no barrier).
                    unsafe { o.store(r, value::OFF_DATA + 8 * k, v) }
                }
                o.push(r)
            }
            Insn::GetField(name) => {
                let obj = o.pop();
                let offset = self.field_slot(o, obj, name)?;
                // SAFETY: the record has this field.
                let v = unsafe { o.load(obj, offset, Type::Int) };
                o.push(v)
            }
            Insn::SetField(name) => {
                let v = o.pop();
                let obj = o.pop();
                let offset = self.field_slot(o, obj, name)?;
                let barrier = needs_barrier(o, v);
                // SAFETY: the record has this field.
                unsafe { o.store(obj, offset, v) }
                if barrier {
                    o.call(&value::WRITE_BARRIER, &[obj]);
                }
            }
        }
        Ok(None)
    }

    fn error(&self, code: u32, pc: u32, message: String) -> RuntimeError {
        let f = &self.prog.functions[code as usize];
        RuntimeError {
            message,
            line: f.lines.get(pc as usize).copied().unwrap_or(0),
            function: f.name.clone(),
        }
    }
}

impl Interpreter for Toy {
    type Error = RuntimeError;

    #[inline(always)]
    fn run<O: Ops>(&mut self, o: &mut O) -> Stop<RuntimeError> {
        loop {
            if !o.insn_start() {
                return Stop::Jit;
            }
            let (code, pc) = (o.code(), o.pc());
            let insn = self.prog.functions[code as usize].code[pc as usize];
            o.set_pc(pc + 1);
            match self.step(o, insn) {
                Ok(None) => {}
                Ok(Some(stop)) => return stop,
                Err(message) => return Stop::Error(self.error(code, pc, message)),
            }
        }
    }

    fn describe(&self, code: u32, pc: u32) -> String {
        let f = &self.prog.functions[code as usize];
        let line = f.lines.get(pc as usize).copied().unwrap_or(0);
        format!("{} line {line} (pc {pc})", f.name)
    }
}
