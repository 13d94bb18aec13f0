//! `repr`, `str` and `format` of values: builtin texts for the core
//! types (with a guard against recursive containers), then the user's
//! `__repr__`/`__str__`/`__format__`.

use crate::objects::exceptions::E;
use crate::objects::float::float_repr;
use crate::objects::str::{as_str, repr_text};
use crate::objects::typeobj::info;
use crate::objects::{Kind, Value};
use crate::vm::{PyResult, Vm};

impl Vm {
    /// `repr(v)` as Rust text.
    pub fn repr_string(&mut self, v: Value) -> PyResult<String> {
        if v.is_small() {
            return Ok(v.as_small().to_string());
        }
        if v == self.none {
            return Ok("None".into());
        }
        if v == self.true_ {
            return Ok("True".into());
        }
        if v == self.false_ {
            return Ok("False".into());
        }
        let t = self.type_of(v);
        if info(t).heap || info(t).kind == Kind::Instance {
            let key = self.intern("__repr__");
            if let Some(r) = self.type_lookup(t, key)
                && (self.type_of(r) != self.t.builtin_function || info(t).kind == Kind::Instance)
            {
                let s = self.call_method_value(r, v, &[])?;
                if !self.is_str(s) {
                    let tn = self.type_name(s);
                    return Err(self.err(
                        E::TypeError,
                        format!("__repr__ returned non-string (type {tn})"),
                    ));
                }
                return Ok(as_str(s).to_string());
            }
        }
        self.builtin_repr(v)
    }

    pub(crate) fn builtin_repr(&mut self, v: Value) -> PyResult<String> {
        if self.depth_repr > 200 {
            return Err(self.err(
                E::RecursionError,
                "maximum recursion depth exceeded while getting the repr of an object",
            ));
        }
        Ok(match self.kind_of(v) {
            Kind::Int | Kind::Bool => self.int_repr(v),
            Kind::Float => float_repr(Self::float_val(v)),
            Kind::Str => repr_text(as_str(v)),
            Kind::Tuple | Kind::List => {
                let is_list = self.is_list(v);
                if self.repr_guard_enter(v) {
                    return Ok(if is_list {
                        "[...]".into()
                    } else {
                        "(...)".into()
                    });
                }
                let items = if is_list {
                    self.list_items(v).to_vec()
                } else {
                    self.tuple_items(v).to_vec()
                };
                let keep = self.new_tuple(&items);
                let mut parts = Vec::new();
                for i in 0..items.len() {
                    let x = self.tuple_items(keep)[i];
                    match self.repr_string(x) {
                        Ok(s) => parts.push(s),
                        Err(e) => {
                            self.repr_guard_leave();
                            return Err(e);
                        }
                    }
                }
                self.repr_guard_leave();
                if is_list {
                    format!("[{}]", parts.join(", "))
                } else if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            Kind::Dict => {
                if self.repr_guard_enter(v) {
                    return Ok("{...}".into());
                }
                let mut parts = Vec::new();
                let mut i = 0;
                while i < Self::dict_used(v) {
                    if let Some((k, x)) = Self::dict_entry(v, i) {
                        let ks = self.repr_string(k);
                        let xs = self.repr_string(x);
                        match (ks, xs) {
                            (Ok(ks), Ok(xs)) => parts.push(format!("{ks}: {xs}")),
                            (Err(e), _) | (_, Err(e)) => {
                                self.repr_guard_leave();
                                return Err(e);
                            }
                        }
                    }
                    i += 1;
                }
                self.repr_guard_leave();
                format!("{{{}}}", parts.join(", "))
            }
            Kind::Set => self.set_repr(v)?,
            Kind::NoneType => "None".into(),
            Kind::NotImplementedType => "NotImplemented".into(),
            Kind::Ellipsis => "Ellipsis".into(),
            Kind::Type => {
                let name = &info(v).name;
                if info(v).heap {
                    let key = self.intern("__module__");
                    let module = self.dict_get_str(v.get(crate::objects::typeobj::T_DICT), key);
                    let qual_key = self.intern("__qualname__");
                    let qual = self
                        .dict_get_str(v.get(crate::objects::typeobj::T_DICT), qual_key)
                        .filter(|q| self.is_str(*q))
                        .map(|q| as_str(q).to_string())
                        .unwrap_or_else(|| name.clone());
                    match module {
                        Some(m) if self.is_str(m) && as_str(m) != "builtins" => {
                            format!("<class '{}.{qual}'>", as_str(m))
                        }
                        _ => format!("<class '{qual}'>"),
                    }
                } else {
                    format!("<class '{name}'>")
                }
            }
            Kind::Function => {
                let q = as_str(v.get(crate::objects::function::F_QUALNAME));
                format!("<function {q} at {:#x}>", v.0)
            }
            Kind::BuiltinFunction => {
                let def = self.builtin_def(v);
                let bound = v.get(2);
                if bound.is_null() {
                    if def.owner.is_empty() {
                        format!("<built-in function {}>", def.name)
                    } else {
                        format!("<method '{}' of '{}' objects>", def.name, def.owner)
                    }
                } else {
                    let tn = self.type_name(bound);
                    format!(
                        "<built-in method {} of {tn} object at {:#x}>",
                        def.name, bound.0
                    )
                }
            }
            Kind::Method => {
                let f = v.get(1);
                let q = if self.type_of(f) == self.t.function {
                    as_str(f.get(crate::objects::function::F_QUALNAME)).to_string()
                } else {
                    "?".into()
                };
                let s = self.repr_string(v.get(2))?;
                format!("<bound method {q} of {s}>")
            }
            Kind::Range => {
                let (a, b, c) = Self::range_parts(v);
                if c == 1 {
                    format!("range({a}, {b})")
                } else {
                    format!("range({a}, {b}, {c})")
                }
            }
            Kind::Slice => {
                let a = self.repr_string(v.get(1))?;
                let b = self.repr_string(v.get(2))?;
                let c = self.repr_string(v.get(3))?;
                format!("slice({a}, {b}, {c})")
            }
            Kind::Module => {
                let n = as_str(v.get(2));
                format!("<module '{n}'>")
            }
            Kind::Cell => format!("<cell at {:#x}>", v.0),
            Kind::Code => {
                let code = self.codes[v.get(1).as_small() as usize].clone();
                format!(
                    "<code object {} at {:#x}, file \"{}\", line {}>",
                    code.co.name, v.0, code.co.filename, code.co.first_line
                )
            }
            Kind::Iterator if self.view_kind(v).is_some() => {
                let kind = self.view_kind(v).expect("view");
                let l = self.dict_list(v.get(1), kind);
                let inner = self.repr_string(l)?;
                let name = ["dict_keys", "dict_values", "dict_items"][kind as usize];
                format!("{name}({inner})")
            }
            Kind::Complex => {
                let (re, im) = Self::complex_parts(v);
                crate::objects::complex::complex_repr(re, im)
            }
            Kind::Bytes => crate::objects::bytes::bytes_repr(self.byte_data(v).unwrap_or(&[])),
            Kind::ByteArray => format!(
                "bytearray({})",
                crate::objects::bytes::bytes_repr(self.byte_data(v).unwrap_or(&[]))
            ),
            Kind::Coroutine => {
                let n = self.coroutine_name(v);
                let what = if self.is_coroutine(v) {
                    "coroutine"
                } else {
                    "async_generator"
                };
                format!("<{what} object {n} at {:#x}>", v.0)
            }
            Kind::Object if self.type_of(v) == self.lang().member_descriptor => {
                crate::objects::classes::member_repr(v)
            }
            Kind::Iterator if self.type_of(v) == self.t.generator => {
                let n = self.generator_name(v);
                format!("<generator object {n} at {:#x}>", v.0)
            }
            Kind::Instance if self.is_exception(v) => {
                let args = self.instance_get(v, "args").unwrap_or(self.empty_tuple);
                let tn = self.type_name(v);
                if self.is_tuple(args) && self.tuple_items(args).len() == 1 {
                    let a = self.tuple_items(args)[0];
                    let r = self.repr_string(a)?;
                    format!("{tn}({r})")
                } else {
                    let r = self.repr_string(args)?;
                    if self.is_tuple(args) {
                        format!("{tn}{r}")
                    } else {
                        format!("{tn}({r})")
                    }
                }
            }
            _ => {
                let t = self.type_of(v);
                let tn = info(t).name.clone();
                let module = if info(t).heap {
                    let key = self.intern("__module__");
                    self.dict_get_str(t.get(crate::objects::typeobj::T_DICT), key)
                        .filter(|m| self.is_str(*m))
                        .map(|m| format!("{}.", as_str(m)))
                        .unwrap_or_default()
                } else {
                    String::new()
                };
                format!("<{module}{tn} object at {:#x}>", v.0)
            }
        })
    }

    fn repr_guard_enter(&mut self, v: Value) -> bool {
        if self.repr_stack.as_slice().contains(&v) {
            return true;
        }
        self.repr_stack.push(v);
        self.depth_repr += 1;
        false
    }

    fn repr_guard_leave(&mut self) {
        self.repr_stack.pop();
        self.depth_repr -= 1;
    }

    /// `str(v)` as a str value.
    pub fn str_of(&mut self, v: Value) -> PyResult<Value> {
        if self.is_exact_str(v) {
            return Ok(v);
        }
        let t = self.type_of(v);
        if info(t).heap || info(t).kind == Kind::Instance {
            let key = self.intern("__str__");
            if let Some(m) = self.type_lookup(t, key)
                && self.type_of(m) == self.t.function
            {
                let s = self.call_method_value(m, v, &[])?;
                if !self.is_str(s) {
                    let tn = self.type_name(s);
                    return Err(self.err(
                        E::TypeError,
                        format!("__str__ returned non-string (type {tn})"),
                    ));
                }
                return Ok(s);
            }
            // str.__str__ (an exact copy), or a builtin __str__ a class
            // took from its data type (IntEnum's is int's). int, float and
            // tuple have no __str__ of their own in CPython: their
            // subclasses' str() is the repr, which the class may override.
            if crate::objects::classes::is_value_subclass_instance(v)
                && let Some(m) = self.builtin_str_method(t)
            {
                return self.call_method_value(m, v, &[]);
            }
            if (self.is_exception_group(v) || self.exc_matches(v, E::SyntaxError))
                && let Some(s) = self.call_special(v, "__str__", &[])?
            {
                return Ok(s);
            }
            if self.is_exception(v) {
                let args = self.instance_get(v, "args").unwrap_or(self.empty_tuple);
                if self.is_tuple(args) {
                    let items = self.tuple_items(args);
                    return match items.len() {
                        0 => Ok(self.intern("")),
                        1 if self.exc_matches(v, E::KeyError) => {
                            let r = self.repr_string(items[0])?;
                            Ok(self.new_str(&r))
                        }
                        1 => self.str_of(items[0]),
                        _ => {
                            let r = self.repr_string(args)?;
                            Ok(self.new_str(&r))
                        }
                    };
                }
            }
            if self.is_str(v) {
                // str.__str__ of a str subclass instance: an exact copy.
                return Ok(self.exact_value(v));
            }
        }
        let r = self.repr_string(v)?;
        Ok(self.new_str(&r))
    }

    pub fn str_string(&mut self, v: Value) -> PyResult<String> {
        let s = self.str_of(v)?;
        Ok(as_str(s).to_string())
    }

    /// `format(v, spec)`.
    pub fn format(&mut self, v: Value, spec: Value) -> PyResult<Value> {
        let t = self.type_of(v);
        let builtin_format = crate::objects::classes::is_value_subclass_instance(v)
            && !self.overrides(v, "__format__");
        if info(t).heap
            && !builtin_format
            && let Some(r) = self.call_special(v, "__format__", &[spec])?
        {
            if !self.is_str(r) {
                let tn = self.type_name(r);
                return Err(self.err(
                    E::TypeError,
                    format!("__format__ must return a str, not {tn}"),
                ));
            }
            return Ok(r);
        }
        if builtin_format && self.is_str(spec) && as_str(spec).is_empty() {
            // int.__format__(x, "") and friends are str(x).
            return self.str_of(v);
        }
        if self.is_complex(v) && self.is_str(spec) {
            return crate::objects::complex::complex_format(self, v, as_str(spec));
        }
        crate::objects::format::format_builtin(self, v, as_str(spec))
    }
}
