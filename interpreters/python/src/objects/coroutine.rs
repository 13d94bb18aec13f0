//! Coroutines (`async def`), `await`, `async for`, `async with`.
//!
//! A coroutine is a generator record (see vm/eval/generators.rs) whose type word says
//! `coroutine`: calling an `async def` function builds the suspended frame
//! as for a generator and [`Vm::retype_generator`] gives it the coroutine
//! type. `await x` compiles to `GET_AWAITABLE; LOAD_CONST None; SEND` loop,
//! the same delegation loop as `yield from`, so a coroutine runs its
//! awaited coroutines inside its own frame and passes their yields out to
//! whoever drives it with `.send()` (there is no event loop: a driver calls
//! `send(None)` until StopIteration carries the return value).
//!
//! Asynchronous generators (`async def` with `yield`) are generator records
//! typed `async_generator`. `__anext__()`/`asend(v)`/`athrow(e)` return an
//! awaitable (`async_generator_asend`: `[type, agen, value, started]`) whose
//! `send` resumes the generator: a value yielded by the body itself ends
//! the await (StopIteration carrying it), a value passed up from an
//! `await` inside the body is yielded on to the driver. The two are told
//! apart by where the frame stopped: a pass-through yield is the
//! `YIELD_VALUE` right after the compiler's `SEND` (the await loop); a
//! return from the body ends iteration (StopAsyncIteration).

use super::exceptions::E;
use super::function::NativeFn;
use super::{Kind, Value};
use crate::compile::bytecode::{CO_ASYNC_GENERATOR, CO_COROUTINE};
use crate::vm::eval::{GenStep, VOps};
use crate::vm::{PyErr, PyResult, Vm};
use retrace::Ops;

// Words of the generator record (mirrors vm/eval/generators.rs).
const G_SAVED: usize = 1;
const G_CODE: usize = 2;
const G_PC: usize = 3;
const G_FUNC: usize = 5;
const G_STATE: usize = 6;
const GEN_CREATED: i64 = 0;
const GEN_DONE: i64 = 3;
const G_SAVED_LEN: usize = 8;

impl Vm {
    /// Is `v` a generator or a coroutine (a frame `SEND` can resume)?
    #[inline]
    pub fn is_generator_like(&self, v: Value) -> bool {
        v.is_ptr() && (v.raw_type() == self.t.generator || v.raw_type() == self.lang().coroutine)
    }

    #[inline]
    pub fn is_coroutine(&self, v: Value) -> bool {
        v.is_ptr() && v.raw_type() == self.lang().coroutine
    }

    /// Give a new generator record the type its code's flags ask for.
    pub fn retype_generator(&mut self, g: Value, flags: u32) {
        if flags & CO_COROUTINE != 0 {
            let t = self.lang().coroutine;
            g.ptr().store_value(0, t.0);
        } else if flags & CO_ASYNC_GENERATOR != 0 {
            let t = self.lang().async_generator;
            g.ptr().store_value(0, t.0);
        }
    }

    fn coroutine_state(c: Value) -> i64 {
        c.get(G_STATE).as_small()
    }

    /// `await v`: the iterator the send loop drives.
    pub fn get_awaitable(&mut self, v: Value, where_: u32) -> PyResult<Value> {
        if self.is_coroutine(v) {
            if Self::coroutine_state(v) == GEN_DONE {
                return Err(self.err(E::RuntimeError, "cannot reuse already awaited coroutine"));
            }
            return Ok(v);
        }
        let Some(method) = self.lookup_special(v, "__await__") else {
            let tn = self.type_name(v);
            let msg = match where_ {
                1 => format!(
                    "'async with' received an object from __aenter__ that does not implement __await__: {tn}"
                ),
                2 => format!(
                    "'async with' received an object from __aexit__ that does not implement __await__: {tn}"
                ),
                _ => format!("object {tn} can't be used in 'await' expression"),
            };
            return Err(self.err(E::TypeError, msg));
        };
        let it = self.call_method_value(method, v, &[])?;
        if self.is_coroutine(it) {
            return Err(self.err(E::TypeError, "__await__() returned a coroutine"));
        }
        if !self.is_generator_like(it)
            && !self.is_builtin_iterator(self.type_of(it))
            && self.lookup_special(it, "__next__").is_none()
        {
            let tn = self.type_name(it);
            return Err(self.err(
                E::TypeError,
                format!("__await__() returned non-iterator of type '{tn}'"),
            ));
        }
        Ok(it)
    }

    /// `GET_AWAITABLE where`: replace the top of the stack.
    pub fn op_get_awaitable<O: Ops>(&mut self, o: &mut O, where_: u32) -> PyResult<()> {
        let v = o.peekv(0);
        let it = self.get_awaitable(v, where_)?;
        o.set_peekv(0, it);
        Ok(())
    }

    /// `GET_AITER`: `aiter(TOS)`.
    pub fn op_get_aiter<O: Ops>(&mut self, o: &mut O) -> PyResult<()> {
        let v = o.peekv(0);
        let Some(m) = self.lookup_special(v, "__aiter__") else {
            let tn = self.type_name(v);
            return Err(self.err(
                E::TypeError,
                format!("'async for' requires an object with __aiter__ method, got {tn}"),
            ));
        };
        let it = self.call_method_value(m, v, &[])?;
        if self.lookup_special(it, "__anext__").is_none() {
            let tn = self.type_name(it);
            return Err(self.err(
                E::TypeError,
                format!("'async for' received an object from __aiter__ that does not implement __anext__: {tn}"),
            ));
        }
        o.set_peekv(0, it);
        Ok(())
    }

    /// `GET_ANEXT`: push the awaitable of `TOS.__anext__()`.
    pub fn op_get_anext<O: Ops>(&mut self, o: &mut O) -> PyResult<()> {
        let it = o.peekv(0);
        let Some(m) = self.lookup_special(it, "__anext__") else {
            let tn = self.type_name(it);
            return Err(self.err(
                E::TypeError,
                format!("'async for' requires an iterator with __anext__ method, got {tn}"),
            ));
        };
        let aw = self.call_method_value(m, it, &[])?;
        let aw = match self.get_awaitable(aw, 0) {
            Ok(a) => a,
            Err(e) if self.exc_matches(e.0, E::TypeError) => {
                let tn = self.type_name(aw);
                return Err(self.err(
                    E::TypeError,
                    format!("'async for' received an invalid object from __anext__: {tn}"),
                ));
            }
            Err(e) => return Err(e),
        };
        o.pushv(aw);
        Ok(())
    }

    /// `END_ASYNC_FOR`: `[aiter, exc]`; StopAsyncIteration ends the loop,
    /// anything else propagates.
    pub fn op_end_async_for<O: Ops>(&mut self, o: &mut O) -> PyResult<()> {
        let exc = o.popv();
        if !exc.is_null() && self.exc_matches(exc, E::StopAsyncIteration) {
            o.pop();
            return Ok(());
        }
        Err(PyErr(exc))
    }

    /// `BEFORE_ASYNC_WITH`: `[mgr] -> [bound __aexit__, mgr.__aenter__()]`.
    pub fn op_before_async_with<O: Ops>(&mut self, o: &mut O) -> PyResult<()> {
        let mgr = o.peekv(0);
        let tn = self.type_name(mgr);
        let Some(enter) = self.lookup_special(mgr, "__aenter__") else {
            return Err(self.err(
                E::TypeError,
                format!("'{tn}' object does not support the asynchronous context manager protocol"),
            ));
        };
        let Some(exit) = self.lookup_special(mgr, "__aexit__") else {
            return Err(self.err(
                E::TypeError,
                format!("'{tn}' object does not support the asynchronous context manager protocol (missed __aexit__ method)"),
            ));
        };
        let t = self.type_of(mgr);
        let bound_exit = self.bind(exit, mgr, t)?;
        o.set_peekv(0, bound_exit);
        let r = self.call_method_value(enter, mgr, &[])?;
        o.pushv(r);
        Ok(())
    }

    fn coroutine_resume(&mut self, c: Value, input: Result<Value, PyErr>) -> PyResult<Value> {
        let state = Self::coroutine_state(c);
        if state == GEN_DONE {
            return Err(self.err(E::RuntimeError, "cannot reuse already awaited coroutine"));
        }
        if state == GEN_CREATED
            && let Ok(v) = input
            && v != self.none
        {
            return Err(self.err(
                E::TypeError,
                "can't send non-None value to a just-started coroutine",
            ));
        }
        let step = match input {
            Err(e) => self.throw_delegating(c, e.0),
            Ok(v) => self.generator_resume(c, Ok(v)),
        };
        match step {
            Ok(GenStep::Yielded(v)) => Ok(v),
            Ok(GenStep::Returned(r)) => Err(self.stop_iteration(r)),
            Err(e) => {
                if self.exc_matches(e.0, E::RuntimeError)
                    && let Some(a) = self.instance_get(e.0, "args")
                    && let Some(&m) = self.tuple_items(a).first()
                    && self.is_str(m)
                    && super::str::as_str(m) == "generator raised StopIteration"
                {
                    return Err(self.err(E::RuntimeError, "coroutine raised StopIteration"));
                }
                Err(e)
            }
        }
    }

    /// SEND on the awaitables of this file (coroutine wrappers, async
    /// generator steps): None for other iterators.
    pub fn send_to_awaitable(&mut self, it: Value, v: Value) -> PyResult<Option<GenStep>> {
        if !it.is_ptr() {
            return Ok(None);
        }
        let lt = self.lang();
        let r = if it.raw_type() == lt.coroutine_wrapper {
            self.coroutine_resume(it.get(1), Ok(v))
        } else if it.raw_type() == lt.async_generator_asend {
            self.asend_resume(it, Ok(v))
        } else {
            return Ok(None);
        };
        match r {
            Ok(x) => Ok(Some(GenStep::Yielded(x))),
            Err(e) if self.exc_matches(e.0, E::StopIteration) => {
                let value = self.stop_iteration_value(e.0);
                Ok(Some(GenStep::Returned(value)))
            }
            Err(e) => Err(e),
        }
    }

    /// Did the generator stop at a pass-through yield of an `await` loop?
    fn stopped_in_await(&self, g: Value) -> bool {
        let pc = g.get(G_PC).as_small() as usize;
        let code = &self.codes[g.get(G_CODE).as_small() as usize];
        pc >= 2
            && code
                .co
                .code
                .get(pc - 2)
                .is_some_and(|i| i.op == crate::compile::Opcode::SEND)
    }

    /// One step of an `async_generator_asend` awaitable.
    fn asend_resume(&mut self, step: Value, input: Result<Value, PyErr>) -> PyResult<Value> {
        const A_GEN: usize = 1;
        const A_VALUE: usize = 2;
        const A_STATE: usize = 3;
        let g = step.get(A_GEN);
        let state = step.get(A_STATE).as_small();
        if state == 2 {
            return Err(self.err(
                E::RuntimeError,
                "cannot reuse already awaited __anext__()/asend()",
            ));
        }
        let input = if state == 0 {
            step.set(A_STATE, Value::small(1));
            let first = step.get(A_VALUE);
            match input {
                Ok(v) if v == self.none && !first.is_null() => {
                    if first.is_ptr() && self.is_exception(first) {
                        Err(PyErr(first))
                    } else {
                        Ok(first)
                    }
                }
                other => other,
            }
        } else {
            input
        };
        if Self::coroutine_state(g) == GEN_DONE {
            step.set(A_STATE, Value::small(2));
            return match input {
                Err(e) => Err(e),
                Ok(_) => Err(self.err(E::StopAsyncIteration, "")),
            };
        }
        match self.generator_resume(g, input) {
            Ok(GenStep::Yielded(v)) => {
                if self.stopped_in_await(g) {
                    return Ok(v);
                }
                step.set(A_STATE, Value::small(2));
                Err(self.stop_iteration(v))
            }
            Ok(GenStep::Returned(_)) => {
                step.set(A_STATE, Value::small(2));
                let t = self.exc_type(E::StopAsyncIteration);
                Err(self.new_exception(t, &[]))
            }
            Err(e) => {
                step.set(A_STATE, Value::small(2));
                Err(e)
            }
        }
    }

    fn new_asend(&mut self, g: Value, value: Value) -> Value {
        let t = self.lang().async_generator_asend;
        self.new_record(t, &[g, value, Value::small(0)])
    }

    /// The iterator a suspended generator or coroutine is delegating to
    /// (`yield from` / `await`), if it stopped in that loop: the top of its
    /// saved operand stack.
    fn delegate_of(&self, g: Value) -> Option<Value> {
        if g.get(G_STATE).as_small() != 1 || !self.stopped_in_await(g) {
            return None;
        }
        let n = g.get(G_SAVED_LEN).as_small() as usize;
        (n > 0).then(|| g.get(G_SAVED).get(n - 1))
    }

    /// Throw `exc` into `g`, first into the iterator it delegates to (as
    /// CPython's gen_throw): the delegate's yield is `g`'s yield; its return
    /// value finishes the `yield from`/`await` in `g`; its exception is
    /// raised in `g` where it waits.
    pub fn throw_delegating(&mut self, g: Value, exc: Value) -> PyResult<GenStep> {
        let Some(sub) = self.delegate_of(g) else {
            return self.generator_resume(g, Err(PyErr(exc)));
        };
        let closing = self.exc_matches(exc, E::GeneratorExit);
        let r: PyResult<GenStep> = if closing {
            // close() the delegate, then raise GeneratorExit in `g`.
            let closed = if self.is_generator_like(sub) {
                self.generator_close(sub)
            } else {
                self.call_special(sub, "close", &[]).map(|_| ())
            };
            match closed {
                Ok(()) => Err(PyErr(exc)),
                Err(e) => Err(e),
            }
        } else if self.is_generator_like(sub) {
            self.throw_delegating(sub, exc)
        } else if let Some(m) = self.lookup_special(sub, "throw") {
            match self.call_method_value(m, sub, &[exc]) {
                Ok(v) => Ok(GenStep::Yielded(v)),
                Err(e) if self.exc_matches(e.0, E::StopIteration) => {
                    Ok(GenStep::Returned(self.stop_iteration_value(e.0)))
                }
                Err(e) => Err(e),
            }
        } else {
            Err(PyErr(exc))
        };
        match r {
            Ok(GenStep::Yielded(v)) => Ok(GenStep::Yielded(v)),
            Ok(GenStep::Returned(value)) => {
                // Finish the delegation loop: drop the delegate from the
                // saved stack and continue after SEND with its value.
                let pc = g.get(G_PC).as_small() as usize;
                let code = self.codes[g.get(G_CODE).as_small() as usize].clone();
                let target = code.co.code[pc - 2].arg;
                let n = g.get(G_SAVED_LEN).as_small();
                g.set(G_SAVED_LEN, Value::small(n - 1));
                g.set(G_PC, Value::small(i64::from(target)));
                self.generator_resume(g, Ok(value))
            }
            Err(e) => self.generator_resume(g, Err(e)),
        }
    }

    pub fn coroutine_name(&self, c: Value) -> String {
        let f = c.get(G_FUNC);
        super::str::as_str(f.get(super::function::F_QUALNAME)).to_string()
    }
}

fn this_coroutine(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Value> {
    match args.first() {
        Some(&c) if vm.is_coroutine(c) => Ok(c),
        _ => Err(vm.err(
            E::TypeError,
            format!("descriptor '{name}' requires a 'coroutine' object"),
        )),
    }
}

fn m_send(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("send", args, 2, 2)?;
    let c = this_coroutine(vm, args, "send")?;
    vm.coroutine_resume(c, Ok(args[1]))
}

fn m_throw(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("throw", args, 2, 4)?;
    let c = this_coroutine(vm, args, "throw")?;
    let exc = vm.make_exception(args[1])?;
    if Vm::coroutine_state(c) == GEN_DONE {
        return Err(PyErr(exc));
    }
    vm.coroutine_resume(c, Err(PyErr(exc)))
}

fn m_close(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("close", args, 1, 1)?;
    let c = this_coroutine(vm, args, "close")?;
    vm.generator_close(c)?;
    Ok(vm.none)
}

fn m_await(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("__await__", args, 1, 1)?;
    let c = this_coroutine(vm, args, "__await__")?;
    let w = vm.lang().coroutine_wrapper;
    Ok(vm.new_record(w, &[c]))
}

fn wrapper_coroutine(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Value> {
    match args.first() {
        Some(&w) if w.is_ptr() && w.raw_type() == vm.lang().coroutine_wrapper => Ok(w.get(1)),
        _ => Err(vm.err(
            E::TypeError,
            format!("descriptor '{name}' requires a 'coroutine_wrapper' object"),
        )),
    }
}

fn w_next(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let c = wrapper_coroutine(vm, args, "__next__")?;
    let none = vm.none;
    vm.coroutine_resume(c, Ok(none))
}

fn w_send(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("send", args, 2, 2)?;
    let c = wrapper_coroutine(vm, args, "send")?;
    vm.coroutine_resume(c, Ok(args[1]))
}

fn w_throw(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("throw", args, 2, 4)?;
    let c = wrapper_coroutine(vm, args, "throw")?;
    let exc = vm.make_exception(args[1])?;
    vm.coroutine_resume(c, Err(PyErr(exc)))
}

fn w_close(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let c = wrapper_coroutine(vm, args, "close")?;
    vm.generator_close(c)?;
    Ok(vm.none)
}

fn w_iter(_vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(args[0])
}

fn this_agen(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Value> {
    match args.first() {
        Some(&g) if g.is_ptr() && g.raw_type() == vm.lang().async_generator => Ok(g),
        _ => Err(vm.err(
            E::TypeError,
            format!("descriptor '{name}' requires a 'async_generator' object"),
        )),
    }
}

fn ag_aiter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    this_agen(vm, args, "__aiter__")
}

fn ag_anext(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("__anext__", args, 1, 1)?;
    let g = this_agen(vm, args, "__anext__")?;
    Ok(vm.new_asend(g, Value::NULL))
}

fn ag_asend(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("asend", args, 2, 2)?;
    let g = this_agen(vm, args, "asend")?;
    Ok(vm.new_asend(g, args[1]))
}

fn ag_athrow(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("athrow", args, 2, 4)?;
    let g = this_agen(vm, args, "athrow")?;
    let exc = vm.make_exception(args[1])?;
    Ok(vm.new_asend(g, exc))
}

fn gen_throw(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("throw", args, 2, 4)?;
    let g = match args.first() {
        Some(&g) if g.is_ptr() && g.raw_type() == vm.t.generator => g,
        _ => {
            return Err(vm.err(
                E::TypeError,
                "descriptor 'throw' requires a 'generator' object",
            ));
        }
    };
    let exc = vm.make_exception(args[1])?;
    match Vm::coroutine_state(g) {
        GEN_DONE => return Err(PyErr(exc)),
        // An unstarted generator has no handler active: the exception
        // goes straight out and the generator is finished (CPython).
        GEN_CREATED => {
            g.set(G_STATE, Value::small(GEN_DONE));
            return Err(PyErr(exc));
        }
        _ => {}
    }
    match vm.throw_delegating(g, exc) {
        Ok(GenStep::Yielded(v)) => Ok(v),
        Ok(GenStep::Returned(r)) => Err(vm.stop_iteration(r)),
        Err(e) => {
            if vm.exc_matches(e.0, E::StopIteration) && e.0 != exc {
                return Err(vm.err(E::RuntimeError, "generator raised StopIteration"));
            }
            Err(e)
        }
    }
}

fn gen_close(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("close", args, 1, 1)?;
    let g = match args.first() {
        Some(&g) if g.is_ptr() && g.raw_type() == vm.t.generator => g,
        _ => {
            return Err(vm.err(
                E::TypeError,
                "descriptor 'close' requires a 'generator' object",
            ));
        }
    };
    if let Some(sub) = vm.delegate_of(g) {
        let closed = if vm.is_generator_like(sub) {
            vm.generator_close(sub)
        } else {
            vm.call_special(sub, "close", &[]).map(|_| ())
        };
        if let Err(e) = closed {
            return match vm.generator_resume(g, Err(e)) {
                Ok(_) => Ok(vm.none),
                Err(e) => Err(e),
            };
        }
    }
    vm.generator_close(g)?;
    Ok(vm.none)
}

/// `generator.throw`/`close` that go through a `yield from` delegate.
pub const GENERATOR_METHODS: &[(&str, NativeFn)] = &[("throw", gen_throw), ("close", gen_close)];

fn ag_aclose(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("aclose", args, 1, 1)?;
    let g = this_agen(vm, args, "aclose")?;
    vm.generator_close(g)?;
    // An already finished awaitable: awaiting it gives None at once.
    let t = vm.lang().async_generator_asend_done;
    Ok(vm.new_record(t, &[]))
}

fn this_asend(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Value> {
    match args.first() {
        Some(&s) if s.is_ptr() && s.raw_type() == vm.lang().async_generator_asend => Ok(s),
        _ => Err(vm.err(
            E::TypeError,
            format!("descriptor '{name}' requires a 'async_generator_asend' object"),
        )),
    }
}

fn asend_send(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("send", args, 2, 2)?;
    let s = this_asend(vm, args, "send")?;
    vm.asend_resume(s, Ok(args[1]))
}

fn asend_next(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let s = this_asend(vm, args, "__next__")?;
    let none = vm.none;
    vm.asend_resume(s, Ok(none))
}

fn asend_throw(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("throw", args, 2, 4)?;
    let s = this_asend(vm, args, "throw")?;
    let exc = vm.make_exception(args[1])?;
    vm.asend_resume(s, Err(PyErr(exc)))
}

fn asend_self(_vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(args[0])
}

fn done_next(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let none = vm.none;
    Err(vm.stop_iteration(none))
}

pub const COROUTINE_METHODS: &[(&str, NativeFn)] = &[
    ("send", m_send),
    ("throw", m_throw),
    ("close", m_close),
    ("__await__", m_await),
];

pub const WRAPPER_METHODS: &[(&str, NativeFn)] = &[
    ("__next__", w_next),
    ("__iter__", w_iter),
    ("send", w_send),
    ("throw", w_throw),
    ("close", w_close),
];

pub const ASYNC_GENERATOR_METHODS: &[(&str, NativeFn)] = &[
    ("__aiter__", ag_aiter),
    ("__anext__", ag_anext),
    ("asend", ag_asend),
    ("athrow", ag_athrow),
    ("aclose", ag_aclose),
];

pub const ASEND_METHODS: &[(&str, NativeFn)] = &[
    ("send", asend_send),
    ("throw", asend_throw),
    ("__next__", asend_next),
    ("__iter__", asend_self),
    ("__await__", asend_self),
];

/// The finished awaitable `aclose()` returns.
pub const DONE_METHODS: &[(&str, NativeFn)] = &[
    ("__next__", done_next),
    ("send", done_next),
    ("__iter__", asend_self),
    ("__await__", asend_self),
];

/// The kind coroutine types are made with.
pub const COROUTINE_KIND: Kind = Kind::Coroutine;
