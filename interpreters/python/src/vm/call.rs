//! Calls: binding arguments to parameters, calling natives, types and
//! bound methods, and calls from Rust into Python.
//!
//! Calls made by the bytecode are in vm/eval/calls.rs (a Python function
//! enters its frame in the running dispatch loop). Calls made from Rust
//! (`vm.call`, a native's callback, a class body) bind the arguments on the
//! pin stack ([`Vm::bind_slow`] reads the arguments and writes the slots
//! there, so both are rooted while defaults, `*args` tuples and `**kwargs`
//! dicts are allocated) and run the new frame in a nested run
//! ([`Vm::run_frame`]).

use super::eval::HEADER;
use super::{PyErr, PyResult, Vm};
use crate::compile::bytecode::{
    CO_ASYNC_GENERATOR, CO_COROUTINE, CO_GENERATOR, CO_VARARGS, CO_VARKEYWORDS,
};
use crate::objects::exceptions::E;
use crate::objects::function::{F_CLOSURE, F_DEFAULTS, F_GLOBALS, F_KWDEFAULTS, F_QUALNAME};
use crate::objects::str::as_str;
use crate::objects::{Kind, Value};

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn name_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

impl Vm {
    /// Call anything that is not a Python function, with args on the stack.
    pub(crate) fn call_native_like(
        &mut self,
        callable: Value,
        args: &[Value],
        kw: &[Value],
    ) -> PyResult<Value> {
        let t = self.type_of(callable);
        if t == self.t.builtin_function {
            let def = self.builtin_def(callable);
            let bound = callable.get(2);
            if bound.is_null() {
                crate::builtins::dunders::check_unbound_self(self, &def, args)?;
                return (def.func)(self, args, kw);
            }
            let mut full = Vec::with_capacity(args.len() + 1);
            full.push(bound);
            full.extend_from_slice(args);
            return (def.func)(self, &full, kw);
        }
        if crate::objects::typeobj::info(t).kind == Kind::Type {
            return self.call_type(callable, args, kw);
        }
        if let Some(call) = self.lookup_special(callable, "__call__") {
            let mut full = Vec::with_capacity(args.len() + 1);
            full.push(callable);
            full.extend_from_slice(args);
            return self.call_kw(call, &full, kw);
        }
        let tn = self.type_name(callable);
        Err(self.err(E::TypeError, format!("'{tn}' object is not callable")))
    }

    /// Bind the arguments `pins[args_at..]` (the last `kwnames.len()` of
    /// them keyword values) to `func`'s parameters in the unbound slots
    /// `pins[slots..]`.
    pub(crate) fn bind_slow(
        &mut self,
        func: Value,
        co: &crate::compile::bytecode::CodeObject,
        args_at: usize,
        npos: usize,
        kwnames: Value,
        slots: usize,
    ) -> PyResult<()> {
        let argcount = co.argcount as usize;
        let posonly = co.posonlyargcount as usize;
        let kwonly = co.kwonlyargcount as usize;
        let has_varargs = co.flags & CO_VARARGS != 0;
        let has_varkw = co.flags & CO_VARKEYWORDS != 0;
        let varargs_slot = argcount + kwonly;
        let varkw_slot = varargs_slot + usize::from(has_varargs);
        let qualname = as_str(func.get(F_QUALNAME)).to_string();

        for i in 0..npos.min(argcount) {
            self.pins[slots + i] = self.pins[args_at + i];
        }
        if has_varargs {
            let extra: Vec<Value> = if npos > argcount {
                self.pins.as_slice()[args_at + argcount..args_at + npos].to_vec()
            } else {
                Vec::new()
            };
            let t = self.new_tuple(&extra);
            self.pins[slots + varargs_slot] = t;
        }
        if has_varkw {
            let d = self.new_dict();
            self.pins[slots + varkw_slot] = d;
        }
        let nkw = if kwnames.is_null() {
            0
        } else {
            self.tuple_items(kwnames).len()
        };
        let mut posonly_as_kw = Vec::new();
        for k in 0..nkw {
            let name = self.tuple_items(kwnames)[k];
            let value = self.pins[args_at + npos + k];
            let n = as_str(name);
            let found = co.varnames[..argcount + kwonly].iter().position(|v| v == n);
            match found {
                Some(i) if i >= posonly => {
                    if !self.pins[slots + i].is_null() {
                        return Err(self.err(
                            E::TypeError,
                            format!("{qualname}() got multiple values for argument '{n}'"),
                        ));
                    }
                    self.pins[slots + i] = value;
                }
                _ if has_varkw => {
                    let d = self.pins[slots + varkw_slot];
                    self.dict_set(d, name, value)?;
                }
                Some(_) => posonly_as_kw.push(n.to_string()),
                None => {
                    return Err(self.err(
                        E::TypeError,
                        format!("{qualname}() got an unexpected keyword argument '{n}'"),
                    ));
                }
            }
        }
        if !posonly_as_kw.is_empty() {
            return Err(self.err(
                E::TypeError,
                format!(
                    "{qualname}() got some positional-only arguments passed as keyword arguments: '{}'",
                    posonly_as_kw.join(", ")
                ),
            ));
        }
        if npos > argcount && !has_varargs {
            let defaults = func.get(F_DEFAULTS);
            let ndef = if defaults.is_null() {
                0
            } else {
                self.tuple_items(defaults).len()
            };
            let kw_given = (argcount..argcount + kwonly)
                .filter(|&i| !self.pins[slots + i].is_null())
                .count();
            let takes = if ndef > 0 {
                format!(
                    "from {} to {argcount} positional arguments",
                    argcount - ndef
                )
            } else {
                plural(argcount, "positional argument")
            };
            let given = if kw_given > 0 {
                format!(
                    "{} positional argument{} (and {}) were given",
                    npos,
                    if npos == 1 { "" } else { "s" },
                    plural(kw_given, "keyword-only argument")
                )
            } else {
                format!(
                    "{npos} {}",
                    if npos == 1 { "was given" } else { "were given" }
                )
            };
            return Err(self.err(
                E::TypeError,
                format!("{qualname}() takes {takes} but {given}"),
            ));
        }
        // Defaults for missing positional parameters.
        let defaults = func.get(F_DEFAULTS);
        let ndef = if defaults.is_null() {
            0
        } else {
            self.tuple_items(defaults).len()
        };
        let mut missing = Vec::new();
        for i in npos.min(argcount)..argcount {
            if self.pins[slots + i].is_null() {
                if i + ndef >= argcount {
                    self.pins[slots + i] = self.tuple_items(defaults)[i + ndef - argcount];
                } else {
                    missing.push(co.varnames[i].clone());
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.err(
                E::TypeError,
                format!(
                    "{qualname}() missing {} required positional argument{}: {}",
                    missing.len(),
                    if missing.len() == 1 { "" } else { "s" },
                    name_list(&missing)
                ),
            ));
        }
        let kwdefaults = func.get(F_KWDEFAULTS);
        for i in argcount..argcount + kwonly {
            if self.pins[slots + i].is_null() {
                let name = self.intern(&co.varnames[i]);
                let d = if kwdefaults.is_null() {
                    None
                } else {
                    self.dict_get_str(kwdefaults, name)
                };
                match d {
                    Some(v) => self.pins[slots + i] = v,
                    None => missing.push(co.varnames[i].clone()),
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.err(
                E::TypeError,
                format!(
                    "{qualname}() missing {} required keyword-only argument{}: {}",
                    missing.len(),
                    if missing.len() == 1 { "" } else { "s" },
                    name_list(&missing)
                ),
            ));
        }
        let _ = F_CLOSURE;
        Ok(())
    }

    /// Run a class body (`func` takes no arguments) with `ns` as its locals
    /// dict; returns what the body returns (its `__class__` cell or None).
    pub fn run_body(&mut self, func: Value, globals: Value, ns: Value) -> PyResult<Value> {
        let index = func.get(crate::objects::function::F_CODE).get(1).as_small() as u32;
        self.run_body_code(index, func, globals, ns)
    }

    /// Call `f(*args)` from Rust.
    pub fn call(&mut self, f: Value, args: &[Value]) -> PyResult<Value> {
        self.call_kw(f, args, &[])
    }

    /// Call `f(*args)` where the last `kw.len()` args are keyword values.
    pub fn call_kw(&mut self, f: Value, args: &[Value], kw: &[Value]) -> PyResult<Value> {
        // Bound methods call their function with `self` first.
        let mut full = Vec::new();
        let (callable, args) = if f.is_ptr() && f.raw_type() == self.t.method {
            full.reserve(args.len() + 1);
            full.push(f.get(2));
            full.extend_from_slice(args);
            (f.get(1), &full[..])
        } else {
            (f, args)
        };
        if callable.is_ptr() && callable.raw_type() == self.t.function {
            return self.call_function(callable, args, kw);
        }
        self.call_native_like(callable, args, kw)
    }

    /// The index of `func`'s code and what a call of it needs from the
    /// code: (frame slots, positional parameters, keyword-only parameters,
    /// code flags). Read without cloning the code's `Rc` (a call's hottest
    /// path).
    #[inline]
    pub(crate) fn function_code_shape(&self, func: Value) -> (usize, (usize, usize, usize, u32)) {
        let index = func.get(crate::objects::function::F_CODE).get(1).as_small() as usize;
        let code = &self.codes[index];
        let shape = (
            code.nlocals + code.ncells + code.nfree,
            code.co.argcount as usize,
            code.co.kwonlyargcount as usize,
            code.co.flags,
        );
        (index, shape)
    }

    /// Call the Python function `func` from Rust in a nested run.
    fn call_function(&mut self, func: Value, args: &[Value], kw: &[Value]) -> PyResult<Value> {
        let (index, (nslots, argcount, kwonly, flags)) = self.function_code_shape(func);
        let npos = args.len() - kw.len().min(args.len());
        let mark = self.pins.len();
        for &a in args {
            self.pins.push(a);
        }
        let slots_at = self.pins.len();
        for _ in 0..nslots {
            self.pins.push(Value::NULL);
        }
        let fast = kw.is_empty()
            && npos == argcount
            && flags & (CO_VARARGS | CO_VARKEYWORDS) == 0
            && kwonly == 0;
        if fast {
            for i in 0..argcount {
                self.pins[slots_at + i] = self.pins[mark + i];
            }
        } else {
            let kwnames = if kw.is_empty() {
                Value::NULL
            } else {
                self.new_tuple(kw)
            };
            let code = self.codes[index].clone();
            if let Err(e) = self.bind_slow(func, &code.co, mark, npos, kwnames, slots_at) {
                self.unpin(mark);
                return Err(e);
            }
        }
        if flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR) != 0 {
            let code = self.codes[index].clone();
            let slots: Vec<Value> = self.pins.as_slice()[slots_at..].to_vec();
            let g = self.new_generator(func, &code, &slots);
            self.unpin(mark);
            return Ok(g);
        }
        if self.depth >= self.recursion_limit {
            self.unpin(mark);
            return Err(self.err(E::RecursionError, "maximum recursion depth exceeded"));
        }
        let mut words = Vec::with_capacity(HEADER + nslots);
        words.extend_from_slice(&[func, func.get(F_GLOBALS), Value::NULL, Value::NULL]);
        words.push(Value::small(0));
        words.extend_from_slice(&self.pins.as_slice()[slots_at..]);
        let frames = self.frames_for(index as u32, 0, &words);
        self.unpin(mark);
        self.run_frame(frames)
    }

    /// Call a method found on the type (unbound) with `self_` first.
    pub fn call_method_value(
        &mut self,
        method: Value,
        self_: Value,
        args: &[Value],
    ) -> PyResult<Value> {
        let t = self.type_of(method);
        if t == self.t.function || t == self.t.builtin_function && method.get(2).is_null() {
            let mut full = Vec::with_capacity(args.len() + 1);
            full.push(self_);
            full.extend_from_slice(args);
            return self.call(method, &full);
        }
        let owner = self.type_of(self_);
        let bound = self.bind(method, self_, owner)?;
        self.call(bound, args)
    }

    /// Call the special method `name` of `obj`, if its type has one.
    pub fn call_special(
        &mut self,
        obj: Value,
        name: &str,
        args: &[Value],
    ) -> PyResult<Option<Value>> {
        match self.lookup_special(obj, name) {
            Some(m) => self.call_method_value(m, obj, args).map(Some),
            None => Ok(None),
        }
    }

    /// `operator.index(v)` for non-int values.
    pub fn call_dunder_index(&mut self, v: Value) -> PyResult<Value> {
        match self.call_special(v, "__index__", &[])? {
            Some(r) if self.is_int(r) => Ok(r),
            Some(r) => {
                let tn = self.type_name(r);
                Err(self.err(
                    E::TypeError,
                    format!("__index__ returned non-int (type {tn})"),
                ))
            }
            None => {
                let tn = self.type_name(v);
                Err(self.err(
                    E::TypeError,
                    format!("'{tn}' object cannot be interpreted as an integer"),
                ))
            }
        }
    }

    /// Calling a type object: `cls(*args, **kw)`.
    pub fn call_type(&mut self, cls: Value, args: &[Value], kw: &[Value]) -> PyResult<Value> {
        // A metaclass written in Python may define __call__ (abc, enum).
        let meta = self.type_of(cls);
        if crate::objects::typeobj::info(meta).heap
            && let Some(call) = self.lookup_special(cls, "__call__")
            && self.type_of(call) == self.t.function
        {
            let mut full = vec![cls];
            full.extend_from_slice(args);
            return self.call_kw(call, &full, kw);
        }
        self.call_type_plain(cls, args, kw)
    }

    /// `type.__call__(cls, *args, **kw)`: `__new__` then `__init__`.
    pub fn call_type_plain(&mut self, cls: Value, args: &[Value], kw: &[Value]) -> PyResult<Value> {
        if !crate::objects::typeobj::info(cls).heap
            && cls != self.t.type_
            && let Some(v) = crate::builtins::construct_builtin(self, cls, args, kw)?
        {
            return Ok(v);
        }
        if cls == self.t.type_ && args.len() == 1 && kw.is_empty() {
            return Ok(self.type_of(args[0]));
        }
        // __new__
        let new_name = self.intern("__new__");
        let new = self.type_lookup(cls, new_name);
        let obj = match new {
            Some(n)
                if self.type_of(n) == self.t.staticmethod || self.type_of(n) == self.t.function =>
            {
                let f = if self.type_of(n) == self.t.staticmethod {
                    n.get(1)
                } else {
                    n
                };
                let mut full = vec![cls];
                full.extend_from_slice(args);
                self.call_kw(f, &full, kw)?
            }
            Some(n) if self.type_of(n) == self.t.builtin_function => {
                let mut full = vec![cls];
                full.extend_from_slice(args);
                self.call_kw(n, &full, kw)?
            }
            _ => self.new_instance(cls),
        };
        if !self.isinstance(obj, cls) {
            return Ok(obj);
        }
        let init_name = self.intern("__init__");
        let Some(init) = self.type_lookup(cls, init_name) else {
            return Ok(obj);
        };
        let mut full = vec![obj];
        full.extend_from_slice(args);
        let r = if self.type_of(init) == self.t.function {
            self.call_kw(init, &full, kw)?
        } else {
            let bound = self.bind(init, obj, cls)?;
            self.call_kw(bound, args, kw)?
        };
        if r != self.none {
            let tn = self.type_name(r);
            return Err(self.err(
                E::TypeError,
                format!("__init__() should return None, not '{tn}'"),
            ));
        }
        Ok(obj)
    }

    /// An error leaving a Rust-entered call (used by natives).
    pub fn type_error(&mut self, msg: impl Into<String>) -> PyErr {
        self.err(E::TypeError, msg)
    }
}
