//! The dispatch loop, exception unwinding and generators.
//!
//! [`Vm::eval`] runs the top frame (and every Python frame it calls) until a
//! frame marked `entry` returns or yields. An instruction that fails returns
//! `Err` from [`Vm::step`]; the loop then looks the failing instruction up in
//! the code's exception table: a handler resets the operand stack to the
//! recorded depth, pushes the exception (and the instruction index when the
//! entry asks) and jumps; no handler pops the frame and retries in the
//! caller. Each frame an exception passes through gets a traceback entry,
//! except the one that re-raises it (`RERAISE`).
//!
//! A generator is a record holding a copy of its frame's slots and operand
//! stack while suspended; resuming copies them back onto the value stack
//! and runs the frame as an entry frame until it yields or returns.

use super::cache::AttrHit;
use super::call::Called;
use super::{Frame, PyErr, PyResult, Vm};
use crate::compile::bytecode::Opcode;
use crate::objects::exceptions::E;
use crate::objects::function::*;
use crate::objects::str::as_str;
use crate::objects::{Value, alloc, alloc_rec, layouts};
use std::rc::Rc;

/// What an instruction did besides falling through.
enum Flow {
    Next,
    /// The frame stack changed: reload the code.
    Reload,
    /// The entry frame returned this value.
    Return(Value),
    /// The entry (generator) frame yielded this value.
    Yield(Value),
}

// Generator record words.
const G_SAVED: usize = 1;
const G_CODE: usize = 2;
const G_PC: usize = 3;
const G_GLOBALS: usize = 4;
const G_FUNC: usize = 5;
const G_STATE: usize = 6;
const G_NSLOTS: usize = 7;
const G_SAVED_LEN: usize = 8;
const G_WORDS: usize = 9;
const GEN_CREATED: i64 = 0;
const GEN_SUSPENDED: i64 = 1;
const GEN_RUNNING: i64 = 2;
const GEN_DONE: i64 = 3;

impl Vm {
    #[inline]
    fn pop(&mut self) -> Value {
        self.stack.pop().unwrap_or(Value::NULL)
    }

    #[inline]
    fn top(&self) -> Value {
        *self.stack.last().unwrap_or(&Value::NULL)
    }

    /// Run until the entry frame returns (Ok) or an exception leaves it.
    pub fn eval(&mut self) -> PyResult<Value> {
        self.eval_from(None).map(|(v, _)| v)
    }

    /// As `eval`, optionally starting by raising `pending` in the top frame;
    /// also says whether the entry frame yielded.
    fn eval_from(&mut self, mut pending: Option<(PyErr, bool)>) -> PyResult<(Value, bool)> {
        let mut code = self.codes[self.frames[self.frames.len() - 1].code as usize].clone();
        // Natives called from this run have all returned when an exception
        // reaches a handler here: pins they left behind on error go.
        let pins_mark = self.pins.len();
        loop {
            let (err, add_tb) = match pending.take() {
                Some(p) => p,
                None => {
                    let fi = self.frames.len() - 1;
                    let pc = self.frames[fi].pc as usize;
                    let Some(&instr) = code.co.code.get(pc) else {
                        let e = self.err(E::SystemError, "fell off the end of a code object");
                        pending = Some((e, true));
                        continue;
                    };
                    self.frames[fi].pc = pc as u32 + 1;
                    match self.step(&code, instr.op, instr.arg) {
                        Ok(Flow::Next) => continue,
                        Ok(Flow::Reload) => {
                            code = self.codes[self.frames[self.frames.len() - 1].code as usize]
                                .clone();
                            continue;
                        }
                        Ok(Flow::Return(v)) => return Ok((v, false)),
                        Ok(Flow::Yield(v)) => return Ok((v, true)),
                        Err(e) => (e, instr.op != Opcode::RERAISE),
                    }
                }
            };
            // Unwind: find a handler in this frame or leave it.
            let fi = self.frames.len() - 1;
            let frame = self.frames[fi];
            let lasti = frame.pc.saturating_sub(1);
            if add_tb {
                self.add_traceback(err.0, &code, lasti);
            }
            let handler = code
                .co
                .exception_table
                .iter()
                .find(|h| h.start <= lasti && lasti < h.end)
                .copied();
            match handler {
                Some(h) => {
                    self.unpin(pins_mark);
                    self.stack
                        .truncate(frame.stack_base as usize + h.depth as usize);
                    if h.push_lasti {
                        self.stack.push(Value::small(lasti as i64));
                    }
                    self.stack.push(err.0);
                    self.frames[fi].pc = h.handler;
                }
                None => {
                    self.frames.pop();
                    self.stack.truncate(frame.base as usize);
                    self.depth -= 1;
                    if !frame.generator.is_null() {
                        frame.generator.set(G_STATE, Value::small(GEN_DONE));
                    }
                    if frame.entry {
                        return Err(err);
                    }
                    code = self.codes[self.frames[self.frames.len() - 1].code as usize].clone();
                    pending = Some((err, true));
                }
            }
        }
    }

    fn add_traceback(&mut self, exc: Value, code: &Rc<super::CodeRt>, lasti: u32) {
        if !self.is_exception(exc) {
            return;
        }
        let key = self.intern("__traceback__");
        let tb = match self.instance_get(exc, "__traceback__") {
            Some(tb) if self.is_list(tb) => tb,
            _ => {
                let l = self.new_list(&[]);
                self.instance_set(exc, key, l);
                l
            }
        };
        let line = code.co.lines.get(lasti as usize).copied().unwrap_or(0);
        let entry = self.new_tuple(&[code.value, Value::small(line as i64)]);
        self.list_append(tb, entry);
        // Implicit chaining: an exception raised while another is handled.
        let handled = self.handled_exception();
        if handled != self.none && handled != exc && self.instance_get(exc, "__context__").is_none()
        {
            let k = self.intern("__context__");
            self.instance_set(exc, k, handled);
        }
    }

    pub fn is_exception(&self, v: Value) -> bool {
        v.is_ptr() && self.isinstance(v, self.exc_type(E::BaseException))
    }

    pub fn handled_exception(&self) -> Value {
        match self.handled.last() {
            Some(&v) if !v.is_null() => v,
            _ => self.none,
        }
    }

    fn set_handled(&mut self, v: Value) {
        if self.handled.is_empty() {
            self.handled.push(v);
        } else {
            let n = self.handled.len() - 1;
            self.handled[n] = v;
        }
    }

    fn frame_slot(&self, i: usize) -> usize {
        self.frames[self.frames.len() - 1].base as usize + i
    }

    fn name_error(&mut self, name: Value) -> PyErr {
        let n = as_str(name);
        self.err(E::NameError, format!("name '{n}' is not defined"))
    }

    /// Execute one instruction of the top frame.
    #[inline(always)]
    fn step(&mut self, code: &Rc<super::CodeRt>, op: Opcode, arg: u32) -> PyResult<Flow> {
        use Opcode::*;
        let arg_us = arg as usize;
        match op {
            NOP => {}
            POP_TOP => {
                self.pop();
            }
            PUSH_NULL => self.stack.push(Value::NULL),
            COPY => {
                let v = self.stack[self.stack.len() - arg_us];
                self.stack.push(v);
            }
            SWAP => {
                let n = self.stack.len();
                self.stack.as_mut_slice().swap(n - 1, n - arg_us);
            }
            LOAD_CONST => self.stack.push(code.consts[arg_us]),
            LOAD_FAST => {
                let v = self.stack[self.frame_slot(arg_us)];
                if v.is_null() {
                    let n = &code.co.varnames[arg_us];
                    return Err(self.err(
                        E::UnboundLocalError,
                        format!("cannot access local variable '{n}' where it is not associated with a value"),
                    ));
                }
                self.stack.push(v);
            }
            STORE_FAST => {
                let v = self.pop();
                let slot = self.frame_slot(arg_us);
                self.stack[slot] = v;
            }
            DELETE_FAST => {
                let slot = self.frame_slot(arg_us);
                if self.stack[slot].is_null() {
                    let n = &code.co.varnames[arg_us];
                    return Err(self.err(
                        E::UnboundLocalError,
                        format!("cannot access local variable '{n}' where it is not associated with a value"),
                    ));
                }
                self.stack[slot] = Value::NULL;
            }
            MAKE_CELL => {
                let slot = self.frame_slot(code.nlocals + arg_us);
                let c = self.new_cell(Value::NULL);
                self.stack[slot] = c;
            }
            COPY_FREE_VARS => {
                let func = self.frames[self.frames.len() - 1].func;
                let closure = func.get(F_CLOSURE);
                for j in 0..arg_us {
                    let cell = self.tuple_items(closure)[j];
                    let slot = self.frame_slot(code.nlocals + code.ncells + j);
                    self.stack[slot] = cell;
                }
            }
            LOAD_CLOSURE => {
                let cell = self.stack[self.frame_slot(code.nlocals + arg_us)];
                self.stack.push(cell);
            }
            LOAD_DEREF | LOAD_CLASSDEREF => {
                if op == LOAD_CLASSDEREF {
                    let locals = self.frames[self.frames.len() - 1].locals;
                    let name = code.co.deref_name(arg).unwrap_or("").to_string();
                    let key = self.intern(&name);
                    if !locals.is_null()
                        && let Some(v) = self.dict_get_str(locals, key)
                    {
                        self.stack.push(v);
                        return Ok(Flow::Next);
                    }
                }
                let cell = self.stack[self.frame_slot(code.nlocals + arg_us)];
                let v = cell.get(1);
                if v.is_null() {
                    let name = code.co.deref_name(arg).unwrap_or("?").to_string();
                    return Err(if arg_us < code.ncells {
                        self.err(
                            E::UnboundLocalError,
                            format!("cannot access local variable '{name}' where it is not associated with a value"),
                        )
                    } else {
                        self.err(
                            E::NameError,
                            format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
                        )
                    });
                }
                self.stack.push(v);
            }
            STORE_DEREF => {
                let v = self.pop();
                let cell = self.stack[self.frame_slot(code.nlocals + arg_us)];
                cell.set(1, v);
            }
            DELETE_DEREF => {
                let cell = self.stack[self.frame_slot(code.nlocals + arg_us)];
                cell.set(1, Value::NULL);
            }
            LOAD_GLOBAL => {
                let name = code.names[arg_us];
                let frame = self.frames[self.frames.len() - 1];
                let pc = frame.pc as usize - 1;
                let Some(v) = self.cached_global(&code.caches, pc, frame.globals, name) else {
                    return Err(self.name_error(name));
                };
                self.stack.push(v);
            }
            STORE_GLOBAL => {
                let v = self.pop();
                let globals = self.frames[self.frames.len() - 1].globals;
                self.dict_set(globals, code.names[arg_us], v)?;
            }
            DELETE_GLOBAL => {
                let globals = self.frames[self.frames.len() - 1].globals;
                let name = code.names[arg_us];
                if self.dict_del(globals, name)?.is_none() {
                    return Err(self.name_error(name));
                }
            }
            LOAD_NAME => {
                let name = code.names[arg_us];
                let frame = self.frames[self.frames.len() - 1];
                let mut found = None;
                if !frame.locals.is_null() {
                    found = self.dict_get(frame.locals, name)?;
                }
                if found.is_none() {
                    found = self.dict_get_str(frame.globals, name);
                }
                if found.is_none() {
                    found = self.dict_get_str(self.builtins, name);
                }
                match found {
                    Some(v) => self.stack.push(v),
                    None => return Err(self.name_error(name)),
                }
            }
            STORE_NAME => {
                let v = self.pop();
                let frame = self.frames[self.frames.len() - 1];
                let target = if frame.locals.is_null() {
                    frame.globals
                } else {
                    frame.locals
                };
                self.dict_set(target, code.names[arg_us], v)?;
            }
            DELETE_NAME => {
                let frame = self.frames[self.frames.len() - 1];
                let target = if frame.locals.is_null() {
                    frame.globals
                } else {
                    frame.locals
                };
                let name = code.names[arg_us];
                if self.dict_del(target, name)?.is_none() {
                    return Err(self.name_error(name));
                }
            }
            LOAD_ATTR => {
                let obj = self.top();
                let pc = self.frames[self.frames.len() - 1].pc as usize - 1;
                let v = match self.cached_attr(&code.caches, pc, obj) {
                    Some(AttrHit::Value(v)) => v,
                    Some(AttrHit::Method(f)) => self.new_method(f, obj),
                    Some(AttrHit::Bind(d)) => {
                        let t = obj.raw_type();
                        self.bind(d, obj, t)?
                    }
                    None => {
                        let name = code.names[arg_us];
                        let v = self.getattr(obj, name)?;
                        self.fill_attr_cache(&code.caches, pc, obj, name);
                        v
                    }
                };
                let n = self.stack.len();
                self.stack[n - 1] = v;
            }
            STORE_ATTR => {
                let n = self.stack.len();
                let (obj, v) = (self.stack[n - 1], self.stack[n - 2]);
                let pc = self.frames[self.frames.len() - 1].pc as usize - 1;
                if !self.cached_store(&code.caches, pc, obj, v) {
                    let name = code.names[arg_us];
                    let old_shape = self.shape_word(obj);
                    self.setattr(obj, name, v)?;
                    self.fill_store_cache(&code.caches, pc, obj, name, old_shape);
                }
                self.stack.truncate(n - 2);
            }
            DELETE_ATTR => {
                let obj = self.top();
                self.delattr(obj, code.names[arg_us])?;
                self.pop();
            }
            LOAD_METHOD => {
                let obj = self.top();
                let pc = self.frames[self.frames.len() - 1].pc as usize - 1;
                let (callable, self_) = match self.cached_attr(&code.caches, pc, obj) {
                    Some(AttrHit::Value(v)) => (v, Value::NULL),
                    Some(AttrHit::Method(f)) => (f, obj),
                    Some(AttrHit::Bind(d)) => {
                        let t = obj.raw_type();
                        (self.bind(d, obj, t)?, Value::NULL)
                    }
                    None => {
                        let name = code.names[arg_us];
                        let r = self.load_method(obj, name)?;
                        self.fill_attr_cache(&code.caches, pc, obj, name);
                        r
                    }
                };
                let n = self.stack.len();
                self.stack[n - 1] = callable;
                self.stack.push(self_);
            }
            BINARY_SUBSCR => {
                let n = self.stack.len();
                let (c, k) = (self.stack[n - 2], self.stack[n - 1]);
                let v = self.getitem(c, k)?;
                self.stack.truncate(n - 2);
                self.stack.push(v);
            }
            STORE_SUBSCR => {
                let n = self.stack.len();
                let (v, c, k) = (self.stack[n - 3], self.stack[n - 2], self.stack[n - 1]);
                self.setitem(c, k, v)?;
                self.stack.truncate(n - 3);
            }
            DELETE_SUBSCR => {
                let n = self.stack.len();
                let (c, k) = (self.stack[n - 2], self.stack[n - 1]);
                self.delitem(c, k)?;
                self.stack.truncate(n - 2);
            }
            BUILD_SLICE => {
                let n = self.stack.len();
                let step = if arg == 3 {
                    self.stack[n - 1]
                } else {
                    self.none
                };
                let base = n - arg_us;
                let (a, b) = (self.stack[base], self.stack[base + 1]);
                let s = self.new_record(self.t.slice, &[a, b, step]);
                self.stack.truncate(base);
                self.stack.push(s);
            }
            BINARY_OP => {
                let n = self.stack.len();
                let (a, b) = (self.stack[n - 2], self.stack[n - 1]);
                let v = self.binary_op(arg, a, b)?;
                self.stack.truncate(n - 2);
                self.stack.push(v);
            }
            UNARY_POSITIVE | UNARY_NEGATIVE | UNARY_INVERT => {
                let v = self.top();
                let r = self.unary_op(op, v)?;
                let n = self.stack.len();
                self.stack[n - 1] = r;
            }
            UNARY_NOT => {
                let v = self.top();
                let b = self.truthy(v)?;
                let n = self.stack.len();
                self.stack[n - 1] = self.bool(!b);
            }
            COMPARE_OP => {
                let n = self.stack.len();
                let (a, b) = (self.stack[n - 2], self.stack[n - 1]);
                let v = self.compare(arg, a, b)?;
                self.stack.truncate(n - 2);
                self.stack.push(v);
            }
            IS_OP => {
                let b = self.pop();
                let a = self.pop();
                self.stack.push(self.bool((a == b) != (arg == 1)));
            }
            CONTAINS_OP => {
                let n = self.stack.len();
                let (item, c) = (self.stack[n - 2], self.stack[n - 1]);
                let r = self.contains(c, item)?;
                self.stack.truncate(n - 2);
                self.stack.push(self.bool(r != (arg == 1)));
            }
            BUILD_TUPLE | BUILD_LIST | BUILD_SET => {
                let base = self.stack.len() - arg_us;
                let items: Vec<Value> = self.stack.as_slice()[base..].to_vec();
                let v = match op {
                    BUILD_TUPLE => self.new_tuple(&items),
                    BUILD_LIST => self.new_list(&items),
                    _ => self.new_set_from(&items)?,
                };
                self.stack.truncate(base);
                self.stack.push(v);
            }
            BUILD_MAP => {
                let base = self.stack.len() - 2 * arg_us;
                let d = self.new_dict();
                self.stack.push(d);
                for i in 0..arg_us {
                    let (k, v) = (self.stack[base + 2 * i], self.stack[base + 2 * i + 1]);
                    self.dict_set(d, k, v)?;
                }
                self.stack.truncate(base);
                self.stack.push(d);
            }
            BUILD_CONST_KEY_MAP => {
                let n = self.stack.len();
                let keys = self.stack[n - 1];
                let base = n - 1 - arg_us;
                let d = self.new_dict();
                self.stack.push(d);
                for i in 0..arg_us {
                    let k = self.tuple_items(keys)[i];
                    let v = self.stack[base + i];
                    self.dict_set(d, k, v)?;
                }
                self.stack.truncate(base);
                self.stack.push(d);
            }
            BUILD_STRING => {
                let base = self.stack.len() - arg_us;
                let mut s = String::new();
                for i in 0..arg_us {
                    s.push_str(as_str(self.stack[base + i]));
                }
                let v = self.new_str(&s);
                self.stack.truncate(base);
                self.stack.push(v);
            }
            LIST_APPEND | SET_ADD | LIST_EXTEND | SET_UPDATE | DICT_UPDATE | DICT_MERGE => {
                let v = self.pop();
                let target = self.stack[self.stack.len() - arg_us];
                match op {
                    LIST_APPEND => self.list_append(target, v),
                    SET_ADD => self.set_add(target, v)?,
                    LIST_EXTEND => {
                        let items = self
                            .collect_iterable(v)
                            .map_err(|e| self.retype_star_error(e, v))?;
                        for &x in self.tuple_items(items) {
                            self.list_append(target, x);
                        }
                    }
                    SET_UPDATE => {
                        let items = self.collect_iterable(v)?;
                        for &x in self.tuple_items(items) {
                            self.set_add(target, x)?;
                        }
                    }
                    _ => {
                        if !self.is_dict(v) && self.lookup_special(v, "keys").is_none() {
                            let tn = self.type_name(v);
                            return Err(
                                self.err(E::TypeError, format!("'{tn}' object is not a mapping"))
                            );
                        }
                        self.dict_update(target, v)?;
                    }
                }
            }
            MAP_ADD => {
                let v = self.pop();
                let k = self.pop();
                let target = self.stack[self.stack.len() - arg_us];
                self.dict_set(target, k, v)?;
            }
            LIST_TO_TUPLE => {
                let l = self.top();
                let items = self.list_items(l);
                let t = self.new_tuple(items);
                let n = self.stack.len();
                self.stack[n - 1] = t;
            }
            FORMAT_VALUE => {
                let spec = if arg & 4 != 0 {
                    self.pop()
                } else {
                    Value::NULL
                };
                let v = self.top();
                let v = match arg & 3 {
                    1 => self.str_of(v)?,
                    2 => {
                        let r = self.repr_string(v)?;
                        self.new_str(&r)
                    }
                    3 => {
                        let r = self.repr_string(v)?;
                        let a = crate::builtins::ascii_escape(&r);
                        self.new_str(&a)
                    }
                    _ => v,
                };
                let r = if spec.is_null() && self.is_str(v) {
                    v
                } else {
                    let spec = if spec.is_null() {
                        self.intern("")
                    } else {
                        spec
                    };
                    self.format(v, spec)?
                };
                let n = self.stack.len();
                self.stack[n - 1] = r;
            }
            UNPACK_SEQUENCE => {
                let v = self.top();
                let items = self.unpack(v, arg_us)?;
                self.pop();
                for i in (0..arg_us).rev() {
                    let x = self.tuple_items(items)[i];
                    self.stack.push(x);
                }
            }
            UNPACK_EX => {
                let before = arg_us & 0xff;
                let after = arg_us >> 8;
                let v = self.top();
                let items = self
                    .collect_iterable(v)
                    .map_err(|e| self.retype_unpack_error(e, v))?;
                let all = self.tuple_items(items);
                if all.len() < before + after {
                    return Err(self.err(
                        E::ValueError,
                        format!(
                            "not enough values to unpack (expected at least {}, got {})",
                            before + after,
                            all.len()
                        ),
                    ));
                }
                self.pop();
                let mid = self.new_list(&all[before..all.len() - after]);
                let all = self.tuple_items(items);
                for i in (all.len() - after..all.len()).rev() {
                    self.stack.push(all[i]);
                }
                self.stack.push(mid);
                for i in (0..before).rev() {
                    self.stack.push(all[i]);
                }
            }
            JUMP_FORWARD => self.jump(arg),
            JUMP_BACKWARD => {
                // Ctrl-C (vm/cli.rs): every loop passes here, so one relaxed
                // load is enough to notice it.
                if super::cli::INTERRUPTED.load(std::sync::atomic::Ordering::Relaxed) {
                    return Err(super::cli::take_interrupt(self));
                }
                self.jump(arg);
            }
            POP_JUMP_IF_FALSE | POP_JUMP_IF_TRUE => {
                let v = self.pop();
                let b = if v == self.true_ {
                    true
                } else if v == self.false_ {
                    false
                } else {
                    self.truthy(v)?
                };
                if b == (op == POP_JUMP_IF_TRUE) {
                    self.jump(arg);
                }
            }
            POP_JUMP_IF_NONE | POP_JUMP_IF_NOT_NONE => {
                let v = self.pop();
                if (v == self.none) == (op == POP_JUMP_IF_NONE) {
                    self.jump(arg);
                }
            }
            JUMP_IF_FALSE_OR_POP | JUMP_IF_TRUE_OR_POP => {
                let v = self.top();
                let b = self.truthy(v)?;
                if b == (op == JUMP_IF_TRUE_OR_POP) {
                    self.jump(arg);
                } else {
                    self.pop();
                }
            }
            GET_ITER => {
                let v = self.top();
                let it = self.iter(v)?;
                let n = self.stack.len();
                self.stack[n - 1] = it;
            }
            FOR_ITER => {
                let it = self.top();
                match self.next(it)? {
                    Some(v) => self.stack.push(v),
                    None => {
                        self.pop();
                        self.jump(arg);
                    }
                }
            }
            CALL | CALL_KW => {
                let kwnames = if op == CALL_KW {
                    self.pop()
                } else {
                    Value::NULL
                };
                let at = self.stack.len() - arg_us - 2;
                return self.do_call(at, kwnames);
            }
            CALL_FUNCTION_EX => {
                let kwargs = if arg & 1 != 0 {
                    self.pop()
                } else {
                    Value::NULL
                };
                let args = self.pop();
                let at = self.stack.len() - 2;
                let args = if self.is_tuple(args) {
                    args
                } else {
                    self.collect_iterable(args)?
                };
                for &a in self.tuple_items(args) {
                    self.stack.push(a);
                }
                let mut kwnames = Value::NULL;
                if !kwargs.is_null() {
                    let mut names = Vec::new();
                    let mut i = 0;
                    while i < Self::dict_used(kwargs) {
                        if let Some((k, v)) = Self::dict_entry(kwargs, i) {
                            if !self.is_str(k) {
                                return Err(self.err(E::TypeError, "keywords must be strings"));
                            }
                            names.push(k);
                            self.stack.push(v);
                        }
                        i += 1;
                    }
                    if !names.is_empty() {
                        kwnames = self.new_tuple(&names);
                    }
                }
                return self.do_call(at, kwnames);
            }
            MAKE_FUNCTION => {
                let code_v = self.pop();
                let closure = if arg & 8 != 0 {
                    self.pop()
                } else {
                    Value::NULL
                };
                let annotations = if arg & 4 != 0 {
                    self.pop()
                } else {
                    Value::NULL
                };
                let kwdefaults = if arg & 2 != 0 {
                    self.pop()
                } else {
                    Value::NULL
                };
                let defaults = if arg & 1 != 0 {
                    self.pop()
                } else {
                    Value::NULL
                };
                let f = self.make_function(code_v, defaults, kwdefaults, annotations, closure)?;
                self.stack.push(f);
            }
            RETURN_VALUE => {
                let v = self.pop();
                return Ok(self.return_from_frame(v));
            }
            YIELD_VALUE => {
                let v = self.pop();
                return Ok(self.yield_from_frame(v));
            }
            GET_YIELD_FROM_ITER => {
                let v = self.top();
                if !(v.is_ptr() && v.raw_type() == self.t.generator) {
                    let it = self.iter(v)?;
                    let n = self.stack.len();
                    self.stack[n - 1] = it;
                }
            }
            SEND => {
                let n = self.stack.len();
                let (it, v) = (self.stack[n - 2], self.stack[n - 1]);
                let r = if self.is_generator_like(it) {
                    self.generator_resume(it, Ok(v))?
                } else if let Some(step) = self.send_to_awaitable(it, v)? {
                    step
                } else if v == self.none {
                    match self.next(it)? {
                        Some(x) => GenStep::Yielded(x),
                        None => GenStep::Returned(self.none),
                    }
                } else {
                    match self.call_special(it, "send", &[v]) {
                        Ok(Some(x)) => GenStep::Yielded(x),
                        Ok(None) => {
                            let tn = self.type_name(it);
                            return Err(self.err(
                                E::AttributeError,
                                format!("'{tn}' object has no attribute 'send'"),
                            ));
                        }
                        Err(e) if self.exc_matches(e.0, E::StopIteration) => {
                            let v = self.stop_iteration_value(e.0);
                            GenStep::Returned(v)
                        }
                        Err(e) => return Err(e),
                    }
                };
                match r {
                    GenStep::Yielded(x) => self.stack[n - 1] = x,
                    GenStep::Returned(x) => {
                        self.stack.truncate(n - 2);
                        self.stack.push(x);
                        self.jump(arg);
                    }
                }
            }
            RAISE_VARARGS => return Err(self.do_raise(arg)),
            RERAISE => {
                let exc = self.pop();
                return Err(PyErr(exc));
            }
            PUSH_EXC_INFO => {
                let exc = self.pop();
                let prev = self.handled_exception();
                self.stack.push(prev);
                self.stack.push(exc);
                self.set_handled(exc);
            }
            POP_EXCEPT => {
                let prev = self.pop();
                self.set_handled(prev);
            }
            CHECK_EXC_MATCH => {
                let ty = self.pop();
                let exc = self.top();
                let m = self.exception_match(exc, ty)?;
                self.stack.push(self.bool(m));
            }
            WITH_EXCEPT_START => {
                let n = self.stack.len();
                let exit = self.stack[n - 4];
                let exc = self.stack[n - 1];
                let ty = self.type_of(exc);
                let tb = self.none;
                let r = self.call(exit, &[ty, exc, tb])?;
                self.stack.push(r);
            }
            BEFORE_WITH => {
                let mgr = self.top();
                let Some(enter) = self.lookup_special(mgr, "__enter__") else {
                    let tn = self.type_name(mgr);
                    return Err(self.err(
                        E::TypeError,
                        format!("'{tn}' object does not support the context manager protocol"),
                    ));
                };
                let Some(exit) = self.lookup_special(mgr, "__exit__") else {
                    let tn = self.type_name(mgr);
                    return Err(self.err(E::TypeError, format!("'{tn}' object does not support the context manager protocol (missed __exit__ method)")));
                };
                let t = self.type_of(mgr);
                let bound_exit = self.bind(exit, mgr, t)?;
                let n = self.stack.len();
                self.stack[n - 1] = bound_exit;
                let r = self.call_method_value(enter, mgr, &[])?;
                self.stack.push(r);
            }
            LOAD_ASSERTION_ERROR => {
                let t = self.exc_type(E::AssertionError);
                self.stack.push(t);
            }
            LOAD_BUILD_CLASS => {
                let name = self.intern("__build_class__");
                match self.dict_get_str(self.builtins, name) {
                    Some(f) => self.stack.push(f),
                    None => return Err(self.err(E::NameError, "__build_class__ not found")),
                }
            }
            SETUP_ANNOTATIONS => {
                let frame = self.frames[self.frames.len() - 1];
                let target = if frame.locals.is_null() {
                    frame.globals
                } else {
                    frame.locals
                };
                let key = self.intern("__annotations__");
                if self.dict_get_str(target, key).is_none() {
                    let d = self.new_dict();
                    self.dict_set(target, key, d)?;
                }
            }
            IMPORT_NAME => {
                let n = self.stack.len();
                let (level, fromlist) = (self.stack[n - 2], self.stack[n - 1]);
                let m = self.import_name(code.names[arg_us], fromlist, level)?;
                self.stack.truncate(n - 2);
                self.stack.push(m);
            }
            IMPORT_FROM => {
                let m = self.top();
                let v = self.import_from(m, code.names[arg_us])?;
                self.stack.push(v);
            }
            IMPORT_STAR => {
                let m = self.pop();
                let frame = self.frames[self.frames.len() - 1];
                let target = if frame.locals.is_null() {
                    frame.globals
                } else {
                    frame.locals
                };
                self.import_star(m, target)?;
            }
            MATCH_SEQUENCE | MATCH_MAPPING => {
                let v = self.top();
                let k = self.kind_of(v);
                let r = if op == MATCH_SEQUENCE {
                    matches!(
                        k,
                        crate::objects::Kind::List
                            | crate::objects::Kind::Tuple
                            | crate::objects::Kind::Range
                    )
                } else {
                    k == crate::objects::Kind::Dict
                };
                self.stack.push(self.bool(r));
            }
            MATCH_KEYS => {
                let n = self.stack.len();
                let (subject, keys) = (self.stack[n - 2], self.stack[n - 1]);
                let out = self.new_list(&[]);
                let mut all = true;
                for i in 0..self.tuple_items(keys).len() {
                    let k = self.tuple_items(keys)[i];
                    let found = if self.is_dict(subject) {
                        self.dict_get(subject, k)?
                    } else {
                        self.call_special(subject, "get", &[k])?
                    };
                    match found {
                        Some(v) => self.list_append(out, v),
                        None => {
                            all = false;
                            break;
                        }
                    }
                }
                let r = if all {
                    self.new_tuple(self.list_items(out))
                } else {
                    self.none
                };
                self.stack.push(r);
            }
            MATCH_CLASS => {
                let n = self.stack.len();
                let (subject, cls, kwnames) =
                    (self.stack[n - 3], self.stack[n - 2], self.stack[n - 1]);
                let r = self.match_class(subject, cls, arg_us, kwnames)?;
                self.stack.truncate(n - 3);
                self.stack.push(r);
            }
            GET_LEN => {
                let v = self.top();
                let n = self.len(v)?;
                self.stack.push(Value::small(n as i64));
            }
            // async and except* (objects/coroutine.rs, objects/excgroup.rs)
            GET_AWAITABLE => self.op_get_awaitable(arg)?,
            GET_AITER => self.op_get_aiter()?,
            GET_ANEXT => self.op_get_anext()?,
            END_ASYNC_FOR => self.op_end_async_for()?,
            BEFORE_ASYNC_WITH => self.op_before_async_with()?,
            CHECK_EG_MATCH => self.op_check_eg_match()?,
            PREP_RERAISE_STAR => self.op_prep_reraise_star()?,
            _ => {
                return Err(self.err(
                    E::SystemError,
                    format!("opcode {} is not supported by the VM yet", op.name()),
                ));
            }
        }
        Ok(Flow::Next)
    }

    #[inline]
    fn jump(&mut self, target: u32) {
        let fi = self.frames.len() - 1;
        self.frames[fi].pc = target;
    }

    fn retype_star_error(&mut self, e: PyErr, v: Value) -> PyErr {
        if self.exc_matches(e.0, E::TypeError) && self.lookup_special(v, "__iter__").is_none() {
            let tn = self.type_name(v);
            return self.err(
                E::TypeError,
                format!("Value after * must be an iterable, not {tn}"),
            );
        }
        e
    }

    fn retype_unpack_error(&mut self, e: PyErr, v: Value) -> PyErr {
        if self.exc_matches(e.0, E::TypeError)
            && self.lookup_special(v, "__iter__").is_none()
            && !self.is_str(v)
        {
            let tn = self.type_name(v);
            return self.err(
                E::TypeError,
                format!("cannot unpack non-iterable {tn} object"),
            );
        }
        e
    }

    /// Exactly `n` items of `v`, as a tuple.
    fn unpack(&mut self, v: Value, n: usize) -> PyResult<Value> {
        let items = if self.is_tuple(v) {
            v
        } else {
            self.collect_iterable(v)
                .map_err(|e| self.retype_unpack_error(e, v))?
        };
        let got = self.tuple_items(items).len();
        if got > n {
            return Err(self.err(
                E::ValueError,
                format!("too many values to unpack (expected {n})"),
            ));
        }
        if got < n {
            return Err(self.err(
                E::ValueError,
                format!("not enough values to unpack (expected {n}, got {got})"),
            ));
        }
        Ok(items)
    }

    fn do_call(&mut self, at: usize, kwnames: Value) -> PyResult<Flow> {
        match self.start_call(at, kwnames, false) {
            Ok(Called::Frame) => Ok(Flow::Reload),
            Ok(Called::Value(v)) => {
                self.stack.push(v);
                Ok(Flow::Next)
            }
            Err(e) => {
                self.stack.truncate(at);
                Err(e)
            }
        }
    }

    fn return_from_frame(&mut self, v: Value) -> Flow {
        let frame = self.frames.pop().expect("a frame");
        self.stack.truncate(frame.base as usize);
        self.depth -= 1;
        if !frame.generator.is_null() {
            frame.generator.set(G_STATE, Value::small(GEN_DONE));
        }
        if frame.entry {
            return Flow::Return(v);
        }
        self.stack.push(v);
        Flow::Reload
    }

    fn make_function(
        &mut self,
        code_v: Value,
        defaults: Value,
        kwdefaults: Value,
        annotations: Value,
        closure: Value,
    ) -> PyResult<Value> {
        let rt = self.codes[code_v.get(1).as_small() as usize].clone();
        let globals = self.frames[self.frames.len() - 1].globals;
        let f = alloc_rec(self.t.function, FUNC_WORDS);
        f.set(F_CODE, code_v);
        f.set(F_GLOBALS, globals);
        f.set(F_DEFAULTS, defaults);
        f.set(F_KWDEFAULTS, kwdefaults);
        f.set(F_CLOSURE, closure);
        let name = self.intern(&rt.co.name);
        f.set(F_NAME, name);
        let qualname = self.new_str(&rt.co.qualname);
        f.set(F_QUALNAME, qualname);
        if rt.co.flags & crate::compile::bytecode::CO_HAS_DOCSTRING != 0 {
            f.set(F_DOC, rt.consts[0]);
        }
        if !annotations.is_null() {
            let d = if self.is_tuple(annotations) {
                let d = self.new_dict();
                let items = self.tuple_items(annotations);
                for pair in items.chunks(2) {
                    if pair.len() == 2 {
                        self.dict_set(d, pair[0], pair[1])?;
                    }
                }
                d
            } else {
                annotations
            };
            f.set(F_ANNOTATIONS, d);
        }
        let key = self.intern("__name__");
        if let Some(m) = self.dict_get_str(globals, key) {
            f.set(F_MODULE, m);
        }
        Ok(f)
    }

    fn do_raise(&mut self, arg: u32) -> PyErr {
        match arg {
            0 => {
                let h = self.handled_exception();
                if h == self.none {
                    return self.err(E::RuntimeError, "No active exception to reraise");
                }
                PyErr(h)
            }
            _ => {
                let cause = if arg == 2 { Some(self.pop()) } else { None };
                let v = self.pop();
                let exc = match self.make_exception(v) {
                    Ok(e) => e,
                    Err(e) => return e,
                };
                if let Some(c) = cause {
                    let base = self.exc_type(E::BaseException);
                    let derives =
                        (self.is_type(c) && self.is_subtype(c, base)) || self.isinstance(c, base);
                    let c = if c == self.none {
                        c
                    } else if !derives {
                        return self.err(
                            E::TypeError,
                            "exception causes must derive from BaseException",
                        );
                    } else {
                        match self.make_exception(c) {
                            Ok(c) => c,
                            Err(e) => return e,
                        }
                    };
                    let k = self.intern("__cause__");
                    self.instance_set(exc, k, c);
                    let k = self.intern("__suppress_context__");
                    let t = self.true_;
                    self.instance_set(exc, k, t);
                }
                PyErr(exc)
            }
        }
    }

    /// `raise X`: an instance, or a class to instantiate.
    pub fn make_exception(&mut self, v: Value) -> Result<Value, PyErr> {
        let base = self.exc_type(E::BaseException);
        if self.is_type(v) && self.is_subtype(v, base) {
            return self.call(v, &[]);
        }
        if self.isinstance(v, base) {
            return Ok(v);
        }
        Err(self.err(E::TypeError, "exceptions must derive from BaseException"))
    }

    fn exception_match(&mut self, exc: Value, ty: Value) -> PyResult<bool> {
        let base = self.exc_type(E::BaseException);
        if self.is_tuple(ty) {
            for &t in self.tuple_items(ty) {
                if self.exception_match(exc, t)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if !(self.is_type(ty) && self.is_subtype(ty, base)) {
            return Err(self.err(
                E::TypeError,
                "catching classes that do not inherit from BaseException is not allowed",
            ));
        }
        Ok(self.isinstance(exc, ty))
    }

    /// The value carried by a StopIteration.
    pub fn stop_iteration_value(&mut self, exc: Value) -> Value {
        match self.instance_get(exc, "value") {
            Some(v) => v,
            None => match self.instance_get(exc, "args") {
                Some(a) if self.is_tuple(a) && !self.tuple_items(a).is_empty() => {
                    self.tuple_items(a)[0]
                }
                _ => self.none,
            },
        }
    }

    /// `obj.name` for a call: (function, self) when the type has a plain
    /// function under that name not shadowed by the instance, else (attr, NULL).
    fn load_method(&mut self, obj: Value, name: Value) -> PyResult<(Value, Value)> {
        let t = self.type_of(obj);
        let heap = crate::objects::typeobj::info(t).heap;
        let custom_getattribute =
            heap && self.lookup_special(obj, "__getattribute__") != Some(self.object_getattribute);
        let special_lookup = matches!(
            self.kind_of(obj),
            crate::objects::Kind::Super | crate::objects::Kind::Module | crate::objects::Kind::Type
        );
        if !special_lookup
            && !custom_getattribute
            && let Some(d) = self.type_lookup(t, name)
        {
            let dt = self.type_of(d);
            let is_plain =
                dt == self.t.function || (dt == self.t.builtin_function && d.get(2).is_null());
            if is_plain {
                let shadowed = self.kind_of(obj) == crate::objects::Kind::Instance && {
                    self.instance_get(obj, as_str(name)).is_some()
                };
                if !shadowed {
                    return Ok((d, obj));
                }
            }
        }
        let v = self.getattr(obj, name)?;
        Ok((v, Value::NULL))
    }

    /// `case cls(p0, p1, k=...)`: the matched attributes as a tuple, or None.
    fn match_class(
        &mut self,
        subject: Value,
        cls: Value,
        npos: usize,
        kwnames: Value,
    ) -> PyResult<Value> {
        if !self.is_type(cls) {
            let tn = self.type_name(cls);
            return Err(self.err(
                E::TypeError,
                format!("called match pattern must be a class (got {tn})"),
            ));
        }
        if !self.isinstance(subject, cls) {
            return Ok(self.none);
        }
        let out = self.new_list(&[]);
        if npos > 0 {
            let self_match = !crate::objects::typeobj::info(cls).heap
                && matches!(
                    crate::objects::typeobj::info(cls).kind,
                    crate::objects::Kind::Int
                        | crate::objects::Kind::Bool
                        | crate::objects::Kind::Float
                        | crate::objects::Kind::Str
                        | crate::objects::Kind::List
                        | crate::objects::Kind::Tuple
                        | crate::objects::Kind::Dict
                        | crate::objects::Kind::Set
                );
            if self_match {
                if npos > 1 {
                    let cn = crate::objects::typeobj::info(cls).name.clone();
                    return Err(self.err(
                        E::TypeError,
                        format!("{cn}() accepts 1 positional sub-pattern ({npos} given)"),
                    ));
                }
                self.list_append(out, subject);
            } else {
                let args = match self.lookup_attr(cls, "__match_args__")? {
                    Some(a) if self.is_tuple(a) => a,
                    _ => self.empty_tuple,
                };
                let have = self.tuple_items(args).len();
                if npos > have {
                    let cn = crate::objects::typeobj::info(cls).name.clone();
                    return Err(self.err(
                        E::TypeError,
                        format!(
                            "{cn}() accepts {have} positional sub-pattern{} ({npos} given)",
                            if have == 1 { "" } else { "s" }
                        ),
                    ));
                }
                for i in 0..npos {
                    let name = self.tuple_items(args)[i];
                    match self.lookup_attr(subject, as_str(name))? {
                        Some(v) => self.list_append(out, v),
                        None => return Ok(self.none),
                    }
                }
            }
        }
        for i in 0..self.tuple_items(kwnames).len() {
            let name = self.tuple_items(kwnames)[i];
            match self.lookup_attr(subject, as_str(name))? {
                Some(v) => self.list_append(out, v),
                None => return Ok(self.none),
            }
        }
        Ok(self.new_tuple(self.list_items(out)))
    }

    // --- generators ------------------------------------------------------

    /// A suspended generator for `func`, whose bound slots are `stack[at..at+nslots]`.
    pub fn new_generator(
        &mut self,
        func: Value,
        code: &Rc<super::CodeRt>,
        at: usize,
        nslots: usize,
    ) -> Value {
        let saved = alloc(layouts().rec, Value::NULL, nslots.max(1));
        for i in 0..nslots {
            saved.ptr().store(i, self.stack[at + i].0);
        }
        let g = alloc_rec(self.t.generator, G_WORDS);
        g.set(G_SAVED, saved);
        let index = code.value.get(1);
        g.set(G_CODE, index);
        g.set(G_PC, Value::small(0));
        g.set(G_GLOBALS, func.get(F_GLOBALS));
        g.set(G_FUNC, func);
        g.set(G_STATE, Value::small(GEN_CREATED));
        g.set(G_NSLOTS, Value::small(nslots as i64));
        g.set(G_SAVED_LEN, Value::small(nslots as i64));
        self.retype_generator(g, code.co.flags);
        g
    }

    fn yield_from_frame(&mut self, v: Value) -> Flow {
        let frame = self.frames.pop().expect("a frame");
        let g = frame.generator;
        let base = frame.base as usize;
        let n = self.stack.len() - base;
        let saved = alloc(layouts().rec, Value::NULL, n.max(1));
        for i in 0..n {
            saved.ptr().store(i, self.stack[base + i].0);
        }
        g.set(G_SAVED, saved);
        g.set(G_PC, Value::small(frame.pc as i64));
        g.set(G_SAVED_LEN, Value::small(n as i64));
        g.set(G_STATE, Value::small(GEN_SUSPENDED));
        self.stack.truncate(base);
        self.depth -= 1;
        Flow::Yield(v)
    }

    /// Resume `g` with a sent value or a thrown exception.
    pub fn generator_resume(&mut self, g: Value, input: Result<Value, PyErr>) -> PyResult<GenStep> {
        let state = g.get(G_STATE).as_small();
        match state {
            GEN_RUNNING => return Err(self.err(E::ValueError, "generator already executing")),
            GEN_DONE => {
                return match input {
                    Err(e) => Err(e),
                    Ok(_) => Ok(GenStep::Returned(self.none)),
                };
            }
            GEN_CREATED => {
                if let Ok(v) = input
                    && v != self.none
                {
                    return Err(self.err(
                        E::TypeError,
                        "can't send non-None value to a just-started generator",
                    ));
                }
            }
            _ => {}
        }
        if self.depth >= self.recursion_limit {
            return Err(self.err(E::RecursionError, "maximum recursion depth exceeded"));
        }
        let base = self.stack.len();
        let nslots = g.get(G_NSLOTS).as_small() as usize;
        let saved_len = g.get(G_SAVED_LEN).as_small() as usize;
        for i in 0..saved_len {
            let w = g.get(G_SAVED).word(i);
            self.stack.push(Value(w));
        }
        self.frames.push(Frame {
            code: g.get(G_CODE).as_small() as u32,
            pc: g.get(G_PC).as_small() as u32,
            base: base as u32,
            stack_base: (base + nslots) as u32,
            globals: g.get(G_GLOBALS),
            locals: Value::NULL,
            func: g.get(G_FUNC),
            entry: true,
            generator: g,
        });
        self.depth += 1;
        g.set(G_STATE, Value::small(GEN_RUNNING));
        let pending = match input {
            Ok(v) => {
                if state != GEN_CREATED {
                    self.stack.push(v);
                }
                None
            }
            Err(e) => Some((e, true)),
        };
        match self.eval_from(pending) {
            Ok((v, true)) => Ok(GenStep::Yielded(v)),
            Ok((v, false)) => Ok(GenStep::Returned(v)),
            Err(e) => {
                g.set(G_STATE, Value::small(GEN_DONE));
                if self.exc_matches(e.0, E::StopIteration) {
                    return Err(self.err(E::RuntimeError, "generator raised StopIteration"));
                }
                Err(e)
            }
        }
    }

    /// `next(gen)`.
    pub fn generator_next(&mut self, g: Value) -> PyResult<Option<Value>> {
        let none = self.none;
        match self.generator_resume(g, Ok(none))? {
            GenStep::Yielded(v) => Ok(Some(v)),
            GenStep::Returned(_) => Ok(None),
        }
    }

    /// `gen.send(v)`: StopIteration(value) when it returns.
    pub fn generator_send(&mut self, g: Value, v: Value) -> PyResult<Value> {
        match self.generator_resume(g, Ok(v))? {
            GenStep::Yielded(v) => Ok(v),
            GenStep::Returned(r) => Err(self.stop_iteration(r)),
        }
    }

    pub fn generator_throw(&mut self, g: Value, exc: Value) -> PyResult<Value> {
        let exc = self.make_exception(exc)?;
        match self.generator_resume(g, Err(PyErr(exc)))? {
            GenStep::Yielded(v) => Ok(v),
            GenStep::Returned(r) => Err(self.stop_iteration(r)),
        }
    }

    pub fn generator_close(&mut self, g: Value) -> PyResult<()> {
        let state = g.get(G_STATE).as_small();
        if state == GEN_DONE || state == GEN_CREATED {
            g.set(G_STATE, Value::small(GEN_DONE));
            return Ok(());
        }
        let exit = self.exc_type(E::GeneratorExit);
        let exc = self.call(exit, &[])?;
        match self.generator_resume(g, Err(PyErr(exc))) {
            Ok(GenStep::Yielded(_)) => {
                Err(self.err(E::RuntimeError, "generator ignored GeneratorExit"))
            }
            Ok(GenStep::Returned(_)) => Ok(()),
            Err(e)
                if self.exc_matches(e.0, E::GeneratorExit)
                    || self.exc_matches(e.0, E::StopIteration) =>
            {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    pub fn stop_iteration(&mut self, value: Value) -> PyErr {
        let t = self.exc_type(E::StopIteration);
        let args: Vec<Value> = if value == self.none {
            vec![]
        } else {
            vec![value]
        };
        let e = self.new_exception(t, &args);
        let k = self.intern("value");
        self.instance_set(e.0, k, value);
        e
    }

    pub fn generator_name(&self, g: Value) -> String {
        let f = g.get(G_FUNC);
        as_str(f.get(F_QUALNAME)).to_string()
    }
}

/// One step of a generator.
pub enum GenStep {
    Yielded(Value),
    Returned(Value),
}
