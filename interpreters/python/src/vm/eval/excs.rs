//! Handlers for raising and handling exceptions, `with`, `match`, imports,
//! annotations, and the async and `except*` opcodes (whose bodies live in
//! objects/coroutine.rs and objects/excgroup.rs).

use super::VOps;
use crate::objects::Value;
use crate::objects::exceptions::E;
use crate::objects::str::as_str;
use crate::vm::{PyErr, PyResult, Vm};
use retrace::Ops;

impl Vm {
    pub(super) fn do_raise<O: Ops>(&mut self, o: &mut O, arg: u32) -> PyErr {
        match arg {
            0 => {
                let h = self.handled_exception();
                if h == self.none {
                    return self.err(E::RuntimeError, "No active exception to reraise");
                }
                PyErr(h)
            }
            _ => {
                let cause = if arg == 2 { Some(o.popv()) } else { None };
                let v = o.popv();
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

    pub(super) fn exception_match(&mut self, exc: Value, ty: Value) -> PyResult<bool> {
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
    pub(super) fn load_method(&mut self, obj: Value, name: Value) -> PyResult<(Value, Value)> {
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
    pub(super) fn match_class(
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
}
