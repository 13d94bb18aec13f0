//! The opcode dispatch: one `match` over every instruction, each arm
//! written against `o` (see the module essay in vm/eval/mod.rs). Helpers
//! with more than a few lines live in the sibling modules by theme.

use super::generators::{FLAG_FOR_ITER, FLAG_SEND};
use super::stackops::{drop_n, top_n};
use super::{Flow, H_FUNC, H_GENERATOR, H_GLOBALS, H_LOCALS, HEADER, VOps};
use crate::compile::bytecode::Opcode;
use crate::objects::Value;
use crate::objects::exceptions::E;
use crate::objects::function::F_CLOSURE;
use crate::objects::str::as_str;
use crate::vm::cache::AttrHit;
use crate::vm::{CodeRt, PyErr, PyResult, Vm};
use retrace::Ops;
use std::rc::Rc;

use super::GenStep;

impl Vm {
    /// Execute one instruction of the running frame.
    #[inline(always)]
    pub(super) fn step<O: Ops>(
        &mut self,
        o: &mut O,
        code: &Rc<CodeRt>,
        op: Opcode,
        arg: u32,
    ) -> PyResult<Flow> {
        use Opcode::*;
        let arg_us = arg as usize;
        match op {
            NOP => {}
            // --- names ---
            POP_TOP => {
                o.pop();
            }
            PUSH_NULL => o.pushv(Value::NULL),
            COPY => {
                let v = o.peekv(arg_us - 1);
                o.pushv(v);
            }
            SWAP => {
                let h = o.height();
                let a = o.local(h - 1);
                let b = o.local(h - arg_us);
                o.set_local(h - 1, b);
                o.set_local(h - arg_us, a);
            }
            LOAD_CONST => o.pushv(code.consts[arg_us]),
            LOAD_FAST => {
                let v = o.localv(HEADER + arg_us);
                if v.is_null() {
                    return Err(self.unbound_local(code, arg_us));
                }
                o.pushv(v);
            }
            STORE_FAST => {
                let v = o.pop();
                o.set_local(HEADER + arg_us, v);
            }
            DELETE_FAST => {
                if o.localv(HEADER + arg_us).is_null() {
                    return Err(self.unbound_local(code, arg_us));
                }
                o.set_localv(HEADER + arg_us, Value::NULL);
            }
            MAKE_CELL => {
                let c = self.new_cell(Value::NULL);
                o.set_localv(HEADER + code.nlocals + arg_us, c);
            }
            COPY_FREE_VARS => {
                let func = o.localv(H_FUNC);
                let closure = func.get(F_CLOSURE);
                for j in 0..arg_us {
                    let cell = self.tuple_items(closure)[j];
                    o.set_localv(HEADER + code.nlocals + code.ncells + j, cell);
                }
            }
            LOAD_CLOSURE => {
                let cell = o.localv(HEADER + code.nlocals + arg_us);
                o.pushv(cell);
            }
            LOAD_DEREF | LOAD_CLASSDEREF => {
                if op == LOAD_CLASSDEREF {
                    let locals = o.localv(H_LOCALS);
                    let name = code.co.deref_name(arg).unwrap_or("").to_string();
                    let key = self.intern(&name);
                    if !locals.is_null()
                        && let Some(v) = self.dict_get_str(locals, key)
                    {
                        o.pushv(v);
                        return Ok(Flow::Next);
                    }
                }
                let cell = o.localv(HEADER + code.nlocals + arg_us);
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
                o.pushv(v);
            }
            STORE_DEREF => {
                let v = o.popv();
                let cell = o.localv(HEADER + code.nlocals + arg_us);
                cell.set(1, v);
            }
            DELETE_DEREF => {
                let cell = o.localv(HEADER + code.nlocals + arg_us);
                cell.set(1, Value::NULL);
            }
            LOAD_GLOBAL => {
                let name = code.names[arg_us];
                let globals = o.localv(H_GLOBALS);
                let pc = o.pc() as usize - 1;
                let Some(v) = self.cached_global(&code.caches, pc, globals, name) else {
                    return Err(self.name_error(name));
                };
                o.pushv(v);
            }
            STORE_GLOBAL => {
                let v = o.popv();
                let globals = o.localv(H_GLOBALS);
                self.dict_set(globals, code.names[arg_us], v)?;
            }
            DELETE_GLOBAL => {
                let globals = o.localv(H_GLOBALS);
                let name = code.names[arg_us];
                if self.dict_del(globals, name)?.is_none() {
                    return Err(self.name_error(name));
                }
            }
            LOAD_NAME => {
                let name = code.names[arg_us];
                let locals = o.localv(H_LOCALS);
                let globals = o.localv(H_GLOBALS);
                let mut found = None;
                if !locals.is_null() {
                    found = self.dict_get(locals, name)?;
                }
                if found.is_none() {
                    found = self.dict_get_str(globals, name);
                }
                if found.is_none() {
                    found = self.dict_get_str(self.builtins, name);
                }
                match found {
                    Some(v) => o.pushv(v),
                    None => return Err(self.name_error(name)),
                }
            }
            STORE_NAME => {
                let v = o.popv();
                let target = Self::name_target(o);
                self.dict_set(target, code.names[arg_us], v)?;
            }
            DELETE_NAME => {
                let target = Self::name_target(o);
                let name = code.names[arg_us];
                if self.dict_del(target, name)?.is_none() {
                    return Err(self.name_error(name));
                }
            }
            LOAD_ATTR => {
                let obj = o.peekv(0);
                let pc = o.pc() as usize - 1;
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
                o.set_peekv(0, v);
            }
            STORE_ATTR => {
                let (obj, v) = (o.peekv(0), o.peekv(1));
                let pc = o.pc() as usize - 1;
                if !self.cached_store(&code.caches, pc, obj, v) {
                    let name = code.names[arg_us];
                    let old_shape = self.shape_word(obj);
                    self.setattr(obj, name, v)?;
                    self.fill_store_cache(&code.caches, pc, obj, name, old_shape);
                }
                o.pop();
                o.pop();
            }
            DELETE_ATTR => {
                let obj = o.peekv(0);
                self.delattr(obj, code.names[arg_us])?;
                o.pop();
            }
            LOAD_METHOD => {
                let obj = o.peekv(0);
                let pc = o.pc() as usize - 1;
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
                o.set_peekv(0, callable);
                o.pushv(self_);
            }
            // --- stackops ---
            BINARY_SUBSCR => {
                let (c, k) = (o.peekv(1), o.peekv(0));
                let v = self.getitem(c, k)?;
                drop_n(o, 2);
                o.pushv(v);
            }
            STORE_SUBSCR => {
                let (v, c, k) = (o.peekv(2), o.peekv(1), o.peekv(0));
                self.setitem(c, k, v)?;
                drop_n(o, 3);
            }
            DELETE_SUBSCR => {
                let (c, k) = (o.peekv(1), o.peekv(0));
                self.delitem(c, k)?;
                drop_n(o, 2);
            }
            BUILD_SLICE => {
                let step = if arg == 3 { o.peekv(0) } else { self.none };
                let (a, b) = (o.peekv(arg_us - 1), o.peekv(arg_us - 2));
                let s = self.new_record(self.t.slice, &[a, b, step]);
                drop_n(o, arg_us);
                o.pushv(s);
            }
            BINARY_OP => {
                let (a, b) = (o.peekv(1), o.peekv(0));
                let v = self.binary_op(arg, a, b)?;
                drop_n(o, 2);
                o.pushv(v);
            }
            UNARY_POSITIVE | UNARY_NEGATIVE | UNARY_INVERT => {
                let v = o.peekv(0);
                let r = self.unary_op(op, v)?;
                o.set_peekv(0, r);
            }
            UNARY_NOT => {
                let v = o.peekv(0);
                let b = self.truthy(v)?;
                o.set_peekv(0, self.bool(!b));
            }
            COMPARE_OP => {
                let (a, b) = (o.peekv(1), o.peekv(0));
                let v = self.compare(arg, a, b)?;
                drop_n(o, 2);
                o.pushv(v);
            }
            IS_OP => {
                let b = o.popv();
                let a = o.popv();
                o.pushv(self.bool((a == b) != (arg == 1)));
            }
            CONTAINS_OP => {
                let (item, c) = (o.peekv(1), o.peekv(0));
                let r = self.contains(c, item)?;
                drop_n(o, 2);
                o.pushv(self.bool(r != (arg == 1)));
            }
            BUILD_TUPLE | BUILD_LIST | BUILD_SET => {
                let items = top_n(o, arg_us);
                let v = match op {
                    BUILD_TUPLE => self.new_tuple(&items),
                    BUILD_LIST => self.new_list(&items),
                    _ => self.new_set_from(&items)?,
                };
                drop_n(o, arg_us);
                o.pushv(v);
            }
            BUILD_MAP => {
                let items = top_n(o, 2 * arg_us);
                let d = self.new_dict();
                o.pushv(d);
                for pair in items.chunks(2) {
                    self.dict_set(d, pair[0], pair[1])?;
                }
                drop_n(o, 2 * arg_us + 1);
                o.pushv(d);
            }
            BUILD_CONST_KEY_MAP => {
                let keys = o.peekv(0);
                let h = o.height();
                let base = h - 1 - arg_us;
                let d = self.new_dict();
                o.pushv(d);
                for i in 0..arg_us {
                    let k = self.tuple_items(keys)[i];
                    let v = o.localv(base + i);
                    self.dict_set(d, k, v)?;
                }
                o.truncate(base);
                o.pushv(d);
            }
            BUILD_STRING => {
                let items = top_n(o, arg_us);
                let mut s = String::new();
                for v in items {
                    s.push_str(as_str(v));
                }
                let v = self.new_str(&s);
                drop_n(o, arg_us);
                o.pushv(v);
            }
            LIST_APPEND | SET_ADD | LIST_EXTEND | SET_UPDATE | DICT_UPDATE | DICT_MERGE => {
                let v = o.peekv(0);
                let target = o.peekv(arg_us);
                // `v` stays on the stack (rooted) while it is consumed.
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
                    SET_UPDATE if self.is_set(v) => self.set_merge(target, v)?,
                    SET_UPDATE => {
                        let items = self.collect_iterable(v)?;
                        for &x in self.tuple_items(items) {
                            self.set_add(target, x)?;
                        }
                    }
                    DICT_MERGE => {
                        // The call's stack: callable, self or NULL, the
                        // positional tuple, then the keyword dict.
                        let callable = o.peekv(arg_us + 3);
                        self.merge_call_kwargs(callable, target, v)?;
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
                o.pop();
            }
            MAP_ADD => {
                let (k, v) = (o.peekv(1), o.peekv(0));
                let target = o.peekv(arg_us + 1);
                self.dict_set(target, k, v)?;
                drop_n(o, 2);
            }
            LIST_TO_TUPLE => {
                let l = o.peekv(0);
                let items = self.list_items(l);
                let t = self.new_tuple(items);
                o.set_peekv(0, t);
            }
            FORMAT_VALUE => {
                let spec = if arg & 4 != 0 {
                    o.peekv(0)
                } else {
                    Value::NULL
                };
                let v = o.peekv(usize::from(arg & 4 != 0));
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
                if arg & 4 != 0 {
                    o.pop();
                }
                o.set_peekv(0, r);
            }
            UNPACK_SEQUENCE => {
                let v = o.peekv(0);
                let items = self.unpack(v, arg_us)?;
                o.pop();
                for i in (0..arg_us).rev() {
                    let x = self.tuple_items(items)[i];
                    o.pushv(x);
                }
            }
            UNPACK_EX => {
                let before = arg_us & 0xff;
                let after = arg_us >> 8;
                let v = o.peekv(0);
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
                let mid = self.new_list(&all[before..all.len() - after]);
                o.pop();
                let all = self.tuple_items(items);
                for i in (all.len() - after..all.len()).rev() {
                    o.pushv(all[i]);
                }
                o.pushv(mid);
                for i in (0..before).rev() {
                    o.pushv(all[i]);
                }
            }
            JUMP_FORWARD => o.set_pc(arg),
            JUMP_BACKWARD => {
                // Ctrl-C (vm/cli.rs): every loop passes here, so one relaxed
                // load is enough to notice it.
                if crate::vm::cli::INTERRUPTED.load(std::sync::atomic::Ordering::Relaxed) {
                    return Err(crate::vm::cli::take_interrupt(self));
                }
                o.set_pc(arg);
                if o.can_enter_jit() {
                    return Ok(Flow::Jit);
                }
            }
            POP_JUMP_IF_FALSE | POP_JUMP_IF_TRUE => {
                let v = o.peekv(0);
                let b = if v == self.true_ {
                    true
                } else if v == self.false_ {
                    false
                } else {
                    self.truthy(v)?
                };
                o.pop();
                if b == (op == POP_JUMP_IF_TRUE) {
                    o.set_pc(arg);
                }
            }
            POP_JUMP_IF_NONE | POP_JUMP_IF_NOT_NONE => {
                let v = o.popv();
                if (v == self.none) == (op == POP_JUMP_IF_NONE) {
                    o.set_pc(arg);
                }
            }
            JUMP_IF_FALSE_OR_POP | JUMP_IF_TRUE_OR_POP => {
                let v = o.peekv(0);
                let b = self.truthy(v)?;
                if b == (op == JUMP_IF_TRUE_OR_POP) {
                    o.set_pc(arg);
                } else {
                    o.pop();
                }
            }
            GET_ITER => {
                let v = o.peekv(0);
                let it = self.iter(v)?;
                o.set_peekv(0, it);
            }
            FOR_ITER => {
                let it = o.peekv(0);
                // A plain generator resumes in this loop (vm/eval/generators.rs).
                if it.is_ptr()
                    && it.raw_type() == self.t.generator
                    && self.generator_enter(o, it, FLAG_FOR_ITER, self.none)?
                {
                    return Ok(Flow::Reload);
                }
                match self.next(it)? {
                    Some(v) => o.pushv(v),
                    None => {
                        o.pop();
                        o.set_pc(arg);
                    }
                }
            }
            // --- excs ---
            RAISE_VARARGS => return Err(self.do_raise(o, arg)),
            RERAISE => {
                let exc = o.popv();
                return Err(PyErr(exc));
            }
            PUSH_EXC_INFO => {
                let exc = o.popv();
                let prev = self.handled_exception();
                o.pushv(prev);
                o.pushv(exc);
                self.set_handled(exc);
            }
            POP_EXCEPT => {
                let prev = o.popv();
                self.set_handled(prev);
            }
            CHECK_EXC_MATCH => {
                let ty = o.peekv(0);
                let exc = o.peekv(1);
                let m = self.exception_match(exc, ty)?;
                o.pop();
                o.pushv(self.bool(m));
            }
            WITH_EXCEPT_START => {
                let exit = o.peekv(3);
                let exc = o.peekv(0);
                let ty = self.type_of(exc);
                let tb = self.none;
                let r = self.call(exit, &[ty, exc, tb])?;
                o.pushv(r);
            }
            BEFORE_WITH => {
                let mgr = o.peekv(0);
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
                o.set_peekv(0, bound_exit);
                let r = self.call_method_value(enter, mgr, &[])?;
                o.pushv(r);
            }
            LOAD_ASSERTION_ERROR => {
                let t = self.exc_type(E::AssertionError);
                o.pushv(t);
            }
            LOAD_BUILD_CLASS => {
                let name = self.intern("__build_class__");
                match self.dict_get_str(self.builtins, name) {
                    Some(f) => o.pushv(f),
                    None => return Err(self.err(E::NameError, "__build_class__ not found")),
                }
            }
            SETUP_ANNOTATIONS => {
                let target = Self::name_target(o);
                let key = self.intern("__annotations__");
                if self.dict_get_str(target, key).is_none() {
                    let d = self.new_dict();
                    self.dict_set(target, key, d)?;
                }
            }
            IMPORT_NAME => {
                let (level, fromlist) = (o.peekv(1), o.peekv(0));
                let saved = self.globals_now;
                self.globals_now = o.localv(H_GLOBALS);
                let m = self.import_name(code.names[arg_us], fromlist, level);
                self.globals_now = saved;
                let m = m?;
                super::stackops::drop_n(o, 2);
                o.pushv(m);
            }
            IMPORT_FROM => {
                let m = o.peekv(0);
                let v = self.import_from(m, code.names[arg_us])?;
                o.pushv(v);
            }
            IMPORT_STAR => {
                let m = o.peekv(0);
                let target = Self::name_target(o);
                self.import_star(m, target)?;
                o.pop();
            }
            MATCH_SEQUENCE | MATCH_MAPPING => {
                let v = o.peekv(0);
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
                o.pushv(self.bool(r));
            }
            MATCH_KEYS => {
                let (subject, keys) = (o.peekv(1), o.peekv(0));
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
                o.pushv(r);
            }
            MATCH_CLASS => {
                let (subject, cls, kwnames) = (o.peekv(2), o.peekv(1), o.peekv(0));
                let r = self.match_class(subject, cls, arg_us, kwnames)?;
                super::stackops::drop_n(o, 3);
                o.pushv(r);
            }
            GET_LEN => {
                let v = o.peekv(0);
                let n = self.len(v)?;
                o.pushv(Value::small(n as i64));
            }
            // async and except* (objects/coroutine.rs, objects/excgroup.rs)
            GET_AWAITABLE => self.op_get_awaitable(o, arg)?,
            GET_AITER => self.op_get_aiter(o)?,
            GET_ANEXT => self.op_get_anext(o)?,
            END_ASYNC_FOR => self.op_end_async_for(o)?,
            BEFORE_ASYNC_WITH => self.op_before_async_with(o)?,
            CHECK_EG_MATCH => self.op_check_eg_match(o)?,
            PREP_RERAISE_STAR => self.op_prep_reraise_star(o)?,
            // --- calls ---
            CALL | CALL_KW => {
                let kwnames = if op == CALL_KW { o.popv() } else { Value::NULL };
                let at = o.height() - arg_us - 2;
                return self.call_in_run(o, at, kwnames);
            }
            CALL_FUNCTION_EX => {
                let kwargs = if arg & 1 != 0 {
                    o.peekv(0)
                } else {
                    Value::NULL
                };
                let args = o.peekv(usize::from(arg & 1 != 0));
                let at = o.height() - 2 - 1 - usize::from(arg & 1 != 0);
                let args = if self.is_tuple(args) {
                    args
                } else {
                    self.check_star_args(o.localv(at), args)?;
                    self.collect_iterable(args)?
                };
                // The starred tuple and dict are replaced by their items.
                o.truncate(at + 2);
                for &a in self.tuple_items(args) {
                    o.pushv(a);
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
                            o.pushv(v);
                        }
                        i += 1;
                    }
                    if !names.is_empty() {
                        kwnames = self.new_tuple(&names);
                    }
                }
                return self.call_in_run(o, at, kwnames);
            }
            MAKE_FUNCTION => {
                let code_v = o.popv();
                let closure = if arg & 8 != 0 { o.popv() } else { Value::NULL };
                let annotations = if arg & 4 != 0 { o.popv() } else { Value::NULL };
                let kwdefaults = if arg & 2 != 0 { o.popv() } else { Value::NULL };
                let defaults = if arg & 1 != 0 { o.popv() } else { Value::NULL };
                let globals = o.localv(H_GLOBALS);
                let f = self.make_function(
                    code_v,
                    globals,
                    defaults,
                    kwdefaults,
                    annotations,
                    closure,
                )?;
                o.pushv(f);
            }
            RETURN_VALUE => {
                let v = o.pop();
                self.depth -= 1;
                let g = o.localv(H_GENERATOR);
                if !g.is_null() {
                    super::generators::mark_done(g);
                    let flags = super::generators::loop_flags(o);
                    if flags != 0 {
                        // Back to the FOR_ITER or SEND that resumed it.
                        o.leave_frame(v);
                        return Ok(self.generator_returned(o, flags));
                    }
                }
                return if o.leave_frame(v) {
                    Ok(Flow::Reload)
                } else {
                    Ok(Flow::Done(Value(o.promote(v) as usize)))
                };
            }
            // --- generators ---
            YIELD_VALUE => {
                let v = o.popv();
                return Ok(self.yield_from_frame(o, v));
            }
            GET_YIELD_FROM_ITER => {
                let v = o.peekv(0);
                if !(v.is_ptr() && v.raw_type() == self.t.generator) {
                    let it = self.iter(v)?;
                    o.set_peekv(0, it);
                }
            }
            SEND => {
                let (it, v) = (o.peekv(1), o.peekv(0));
                // A plain generator resumes in this loop (vm/eval/generators.rs).
                if it.is_ptr()
                    && it.raw_type() == self.t.generator
                    && self.generator_enter(o, it, FLAG_SEND, v)?
                {
                    return Ok(Flow::Reload);
                }
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
                    GenStep::Yielded(x) => o.set_peekv(0, x),
                    GenStep::Returned(x) => {
                        super::stackops::drop_n(o, 2);
                        o.pushv(x);
                        o.set_pc(arg);
                    }
                }
            }
            _ => return Err(self.unsupported(op)),
        }
        Ok(Flow::Next)
    }
}
