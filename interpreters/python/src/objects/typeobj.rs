//! Type objects, the C3 MRO, instances with shapes, and attribute access.
//!
//! A type is the record `[metatype, info, dict, mro, bases, name]`: `info`
//! is the tagged address of its [`TypeInfo`], `dict` a Python dict (the
//! class namespace), `mro` and `bases` tuples. Attribute lookup walks the MRO
//! tuple and each dict (no per-type cache yet: see docs/python-vm.md).
//!
//! An instance of a user class is `[type, shape, slots]`: the framework
//! [`Shape`](retrace::shapes::Shape) (tagged address) maps an attribute's
//! intern id to its index in the `slots` record. Getting and setting
//! attributes follows CPython's object.__getattribute__ / __setattr__: data
//! descriptors on the type first, then the instance's own attributes, then
//! other class attributes (functions become bound methods), then
//! `__getattr__`.
//!
//! Reading `obj.__dict__` turns the instance into *dict mode*: the shape
//! word holds the dict itself (an untagged pointer, told apart from the
//! tagged shape address) and every later attribute access goes through
//! that dict, so writes through `__dict__` and through attributes are the
//! same (PyPy's devolved maps do the same). Classes with `__slots__` (and
//! no `__dict__` slot along the MRO) keep the shape representation but
//! only accept their slot names; the slots are member descriptors in the
//! class dict.

use super::exceptions::E;
use super::function::{
    F_ANNOTATIONS, F_CLOSURE, F_CODE, F_DEFAULTS, F_DICT, F_DOC, F_GLOBALS, F_KWDEFAULTS, F_MODULE,
    F_NAME, F_QUALNAME,
};
use super::{Kind, TypeInfo, Value, alloc, alloc_rec, layouts};
use crate::vm::{PyResult, Vm};
use retrace::shapes::Shape;

pub const T_INFO: usize = 1;
pub const T_DICT: usize = 2;
pub const T_MRO: usize = 3;
pub const T_BASES: usize = 4;
pub const T_NAME: usize = 5;
pub const TYPE_WORDS: usize = 6;

/// Where an object with instance attributes keeps its shape (the slots
/// record follows): after the builtin part for subclasses of list and dict.
fn attr_base(obj: Value) -> usize {
    match info(obj.raw_type()).kind {
        Kind::List => 3,
        Kind::Dict => super::dict::DICT_WORDS,
        k @ (Kind::Str | Kind::Int | Kind::Float | Kind::Tuple | Kind::Bytes) => {
            super::classes::value_attr_base(obj, k)
        }
        _ => 1,
    }
}

/// Do instances of `t` carry attributes (a shape and slots)? User classes,
/// and class-statement subclasses of list, dict and the value types.
fn has_instance_attrs(t: Value) -> bool {
    let i = info(t);
    i.kind == Kind::Instance
        || (i.heap
            && (matches!(i.kind, Kind::List | Kind::Dict) || super::classes::is_value_kind(i.kind)))
}

/// The Rust side of a type object.
#[inline]
pub fn info<'a>(t: Value) -> &'a TypeInfo {
    // SAFETY: word 1 of a type object is the tagged address of its leaked,
    // never freed TypeInfo.
    unsafe { &*((t.word(T_INFO) & !1) as *const TypeInfo) }
}

/// The dict of an instance in dict mode (see the module notes), if it is.
#[inline]
pub fn dict_mode(obj: Value) -> Option<Value> {
    let w = obj.word(attr_base(obj));
    (w & 1 == 0 && w != 0).then_some(Value(w))
}

fn shape_of(obj: Value) -> &'static Shape {
    // SAFETY: word 1 of an instance is the tagged address of a leaked Shape.
    unsafe { &*((obj.word(attr_base(obj)) & !1) as *const Shape) }
}

impl Vm {
    /// Allocate a type object (MRO computed from `bases`).
    pub fn new_type(
        &mut self,
        meta: Value,
        name: &str,
        bases: Value,
        dict: Value,
        kind: Kind,
        heap: bool,
    ) -> PyResult<Value> {
        self.new_type_with_slots(meta, name, bases, dict, kind, heap, None)
    }

    /// `new_type` for a class whose instances only take `slots` (intern ids).
    #[allow(clippy::too_many_arguments)]
    pub fn new_type_with_slots(
        &mut self,
        meta: Value,
        name: &str,
        bases: Value,
        dict: Value,
        kind: Kind,
        heap: bool,
        slots: Option<Box<[u32]>>,
    ) -> PyResult<Value> {
        let info = Box::new(TypeInfo {
            name: name.to_string(),
            kind,
            heap,
            shape_root: Shape::new_root(),
            slots,
        });
        let t = alloc_rec(meta, TYPE_WORDS);
        t.ptr().store(T_INFO, Box::into_raw(info) as usize | 1);
        t.set(T_DICT, dict);
        t.set(T_BASES, bases);
        let n = self.new_str(name);
        t.set(T_NAME, n);
        let mro = self.compute_mro(t, bases)?;
        t.set(T_MRO, mro);
        self.immortal.push(t);
        Ok(t)
    }

    /// C3 linearization of `t` with `bases`.
    fn compute_mro(&mut self, t: Value, bases: Value) -> PyResult<Value> {
        let mut seqs: Vec<Vec<Value>> = Vec::new();
        for &b in self.tuple_items(bases) {
            seqs.push(self.tuple_items(b.get(T_MRO)).to_vec());
        }
        seqs.push(self.tuple_items(bases).to_vec());
        let mut out = vec![t];
        loop {
            seqs.retain(|s| !s.is_empty());
            if seqs.is_empty() {
                break;
            }
            let candidate = seqs
                .iter()
                .map(|s| s[0])
                .find(|&c| !seqs.iter().any(|s| s[1..].contains(&c)));
            let Some(c) = candidate else {
                let mut heads: Vec<Value> = Vec::new();
                for s in &seqs {
                    if !heads.contains(&s[0]) {
                        heads.push(s[0]);
                    }
                }
                let names: Vec<String> = heads.iter().map(|&b| info(b).name.clone()).collect();
                return Err(self.err(
                    E::TypeError,
                    format!(
                        "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                        names.join(", ")
                    ),
                ));
            };
            out.push(c);
            for s in &mut seqs {
                if s[0] == c {
                    s.remove(0);
                }
            }
        }
        Ok(self.new_tuple(&out))
    }

    /// `cls.__bases__ = bases`: new MROs for `cls` and its subclasses
    /// (found among the immortal types). The caches see it through the
    /// classes' version cells.
    fn set_bases(&mut self, cls: Value, bases: Value) -> PyResult<()> {
        let cname = info(cls).name.clone();
        if bases.is_null() {
            return Err(self.err(
                E::TypeError,
                "cannot delete '__bases__' attribute of immutable type",
            ));
        }
        if !self.is_tuple(bases) {
            let tn = self.type_name(bases);
            return Err(self.err(
                E::TypeError,
                format!("can only assign tuple to {cname}.__bases__, not {tn}"),
            ));
        }
        if self.tuple_items(bases).is_empty() {
            return Err(self.err(
                E::TypeError,
                format!("can only assign non-empty tuple to {cname}.__bases__, not ()"),
            ));
        }
        for j in 0..self.tuple_items(bases).len() {
            let b = self.tuple_items(bases)[j];
            if !self.is_type(b) {
                let tn = self.type_name(b);
                return Err(self.err(
                    E::TypeError,
                    format!("{cname}.__bases__ must be tuple of classes, not '{tn}'"),
                ));
            }
            if self.is_subtype(b, cls) {
                return Err(self.err(E::TypeError, "a __bases__ item causes an inheritance cycle"));
            }
            let bk = info(b).kind;
            let same_layout = bk == info(cls).kind || bk == Kind::Object;
            if !same_layout || (info(b).slots.is_some() && info(cls).slots.is_none()) {
                let bn = info(b).name.clone();
                return Err(self.err(
                    E::TypeError,
                    format!("__bases__ assignment: '{bn}' object layout differs from '{cname}'"),
                ));
            }
        }
        // The subclasses (types are immortal: found there), bases first: a
        // base's MRO is shorter than its subclass's.
        let mut subs: Vec<Value> = Vec::new();
        for &t in self.immortal.as_slice() {
            if t != cls
                && t.is_ptr()
                && self.is_type(t)
                && info(t).heap
                && self.tuple_items(t.get(T_MRO)).contains(&cls)
            {
                subs.push(t);
            }
        }
        subs.sort_by_key(|&t| self.tuple_items(t.get(T_MRO)).len());
        let old = cls.get(T_BASES);
        let mro = self.compute_mro(cls, bases)?;
        cls.set(T_BASES, bases);
        cls.set(T_MRO, mro);
        // Each subclass's MRO is built from its bases' new ones.
        for (done, &t) in subs.iter().enumerate() {
            match self.compute_mro(t, t.get(T_BASES)) {
                Ok(m) => t.set(T_MRO, m),
                Err(e) => {
                    // Put everything back as it was (those MROs were valid).
                    cls.set(T_BASES, old);
                    let m = self.compute_mro(cls, old)?;
                    cls.set(T_MRO, m);
                    for &u in &subs[..done] {
                        let m = self.compute_mro(u, u.get(T_BASES))?;
                        u.set(T_MRO, m);
                    }
                    return Err(e);
                }
            }
            crate::vm::cache::DictVersion::attach(t.get(T_DICT), true).mro_changed();
        }
        crate::vm::cache::DictVersion::attach(cls.get(T_DICT), true).mro_changed();
        Ok(())
    }

    /// `obj.__class__ = cls` for instances of user classes with the same
    /// layout. The inline caches key on the type, so they need no bump.
    fn set_class(&mut self, obj: Value, cls: Value) -> PyResult<()> {
        if cls.is_null() {
            return Err(self.err(E::TypeError, "can't delete __class__ attribute"));
        }
        if !self.is_type(cls) {
            let tn = self.type_name(cls);
            return Err(self.err(
                E::TypeError,
                format!("__class__ must be set to a class, not '{tn}' object"),
            ));
        }
        let t = self.type_of(obj);
        if !info(t).heap || !info(cls).heap {
            return Err(self.err(
                E::TypeError,
                "__class__ assignment only supported for mutable types or ModuleType subclasses",
            ));
        }
        if info(t).kind != info(cls).kind || info(t).slots != info(cls).slots {
            let (new, old) = (info(cls).name.clone(), info(t).name.clone());
            return Err(self.err(
                E::TypeError,
                format!("__class__ assignment: '{new}' object layout differs from '{old}'"),
            ));
        }
        obj.set(0, cls);
        Ok(())
    }

    /// The type of any value.
    #[inline]
    pub fn type_of(&self, v: Value) -> Value {
        if v.is_small() {
            self.t.int
        } else {
            v.raw_type()
        }
    }

    pub fn kind_of(&self, v: Value) -> Kind {
        info(self.type_of(v)).kind
    }

    pub fn type_name(&self, v: Value) -> String {
        info(self.type_of(v)).name.clone()
    }

    pub fn is_type(&self, v: Value) -> bool {
        v.is_ptr() && info(v.raw_type()).kind == Kind::Type
    }

    pub fn is_subtype(&self, a: Value, b: Value) -> bool {
        a == b || self.tuple_items(a.get(T_MRO)).contains(&b)
    }

    pub fn isinstance(&self, v: Value, t: Value) -> bool {
        self.is_subtype(self.type_of(v), t)
    }

    /// Look `name` (a str) up along `t`'s MRO.
    pub fn type_lookup(&mut self, t: Value, name: Value) -> Option<Value> {
        let mro = t.get(T_MRO);
        let n = self.tuple_items(mro).len();
        for i in 0..n {
            let k = self.tuple_items(mro)[i];
            if let Some(v) = self.dict_get_str(k.get(T_DICT), name) {
                return Some(v);
            }
        }
        None
    }

    /// A special method of `v`'s type (as CPython's `_PyType_Lookup`).
    pub fn lookup_special(&mut self, v: Value, name: &str) -> Option<Value> {
        let t = self.type_of(v);
        let n = self.intern(name);
        self.type_lookup(t, n)
    }

    /// Has `v`'s type a `__set__`/`__delete__` (a data descriptor)?
    fn is_data_descriptor(&mut self, descr: Value) -> bool {
        let dt = self.type_of(descr);
        if dt == self.t.property {
            return true;
        }
        info(dt).heap
            && (self.lookup_special(descr, "__set__").is_some()
                || self.lookup_special(descr, "__delete__").is_some())
    }

    /// Bind a class attribute found for `obj` (a non-data descriptor or plain value).
    pub fn bind(&mut self, descr: Value, obj: Value, owner: Value) -> PyResult<Value> {
        let dt = self.type_of(descr);
        if dt == self.t.function {
            return Ok(self.new_method(descr, obj));
        }
        if dt == self.t.builtin_function {
            if descr.get(2).is_null() {
                let idx = descr.get(1).as_small() as usize;
                return Ok(self.new_builtin(idx, obj));
            }
            return Ok(descr);
        }
        if dt == self.t.classmethod {
            let f = descr.get(1);
            return Ok(self.new_method(f, owner));
        }
        if dt == self.t.staticmethod {
            return Ok(descr.get(1));
        }
        if dt == self.lang().member_descriptor {
            let name = descr.get(1);
            return match self.instance_get(obj, super::str::as_str(name)) {
                Some(v) => Ok(v),
                None => Err(self.attribute_error(obj, name)),
            };
        }
        if dt == self.t.property {
            let fget = descr.get(1);
            if fget == self.none || fget.is_null() {
                return Err(self.err(E::AttributeError, "unreadable attribute"));
            }
            return self.call(fget, &[obj]);
        }
        if info(dt).heap
            && let Some(get) = self.lookup_special(descr, "__get__")
        {
            return self.call(get, &[descr, obj, owner]);
        }
        Ok(descr)
    }

    /// `getattr(obj, name)`.
    pub fn getattr(&mut self, obj: Value, name: Value) -> PyResult<Value> {
        let t = self.type_of(obj);
        if info(t).heap
            && let Some(ga) = self.lookup_special(obj, "__getattribute__")
            && ga != self.object_getattribute
        {
            let r = self.call(ga, &[obj, name]);
            return match r {
                Err(e) if self.exc_matches(e.0, E::AttributeError) => {
                    self.getattr_fallback(obj, name, e)
                }
                r => r,
            };
        }
        match self.generic_getattr(obj, name)? {
            Some(v) => Ok(v),
            None => {
                let e = self.attribute_error(obj, name);
                self.getattr_fallback(obj, name, e)
            }
        }
    }

    fn getattr_fallback(
        &mut self,
        obj: Value,
        name: Value,
        e: crate::vm::PyErr,
    ) -> PyResult<Value> {
        if info(self.type_of(obj)).heap
            && let Some(ga) = self.lookup_special(obj, "__getattr__")
        {
            return self.call(ga, &[obj, name]);
        }
        Err(e)
    }

    pub fn attribute_error(&mut self, obj: Value, name: Value) -> crate::vm::PyErr {
        let n = super::str::as_str(name);
        let msg = if self.is_type(obj) {
            format!("type object '{}' has no attribute '{n}'", info(obj).name)
        } else if self.kind_of(obj) == Kind::Module {
            let mname = super::str::as_str(obj.get(2));
            format!("module '{mname}' has no attribute '{n}'")
        } else {
            format!("'{}' object has no attribute '{n}'", self.type_name(obj))
        };
        self.err(E::AttributeError, msg)
    }

    /// `getattr` that answers None instead of raising AttributeError.
    pub fn lookup_attr(&mut self, obj: Value, name: &str) -> PyResult<Option<Value>> {
        let n = self.intern(name);
        match self.getattr(obj, n) {
            Ok(v) => Ok(Some(v)),
            Err(e) if self.exc_matches(e.0, E::AttributeError) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// object.__getattribute__: None when the attribute is not found.
    pub fn generic_getattr(&mut self, obj: Value, name: Value) -> PyResult<Option<Value>> {
        if self.is_type(obj) {
            return self.type_getattr(obj, name);
        }
        let t = self.type_of(obj);
        let descr = self.type_lookup(t, name);
        if let Some(d) = descr
            && self.is_data_descriptor(d)
        {
            return self.bind(d, obj, t).map(Some);
        }
        let kind = info(t).kind;
        let has_attrs = has_instance_attrs(t);
        match kind {
            _ if has_attrs => {
                if let Some(d) = dict_mode(obj) {
                    if let Some(v) = self.dict_get_str(d, name) {
                        return Ok(Some(v));
                    }
                } else {
                    let id = self.name_id(name);
                    if let Some(slot) = shape_of(obj).lookup(id) {
                        return Ok(Some(obj.get(attr_base(obj) + 1).get(slot)));
                    }
                }
                if super::str::as_str(name) == "__dict__" && info(t).slots.is_none() {
                    return Ok(Some(self.instance_dict(obj)?));
                }
            }
            Kind::Function => {
                if let Some(v) = self.function_attr(obj, name)? {
                    return Ok(Some(v));
                }
            }
            Kind::Module => {
                if let Some(v) = self.dict_get_str(obj.get(1), name) {
                    return Ok(Some(v));
                }
                if super::str::as_str(name) == "__dict__" {
                    return Ok(Some(obj.get(1)));
                }
            }
            Kind::Super => return self.super_getattr(obj, name),
            _ => {}
        }
        if let Some(v) = self.builtin_attr(obj, name)? {
            return Ok(Some(v));
        }
        match descr {
            Some(d) => self.bind(d, obj, t).map(Some),
            None => Ok(None),
        }
    }

    /// Attributes of builtin objects that are not in a type dict.
    fn builtin_attr(&mut self, obj: Value, name: Value) -> PyResult<Option<Value>> {
        let n = super::str::as_str(name);
        if n == "__class__" {
            return Ok(Some(self.type_of(obj)));
        }
        if self.is_int(obj) || self.is_float(obj) {
            let is_float = self.is_float(obj);
            let whole = if obj == self.true_ || obj == self.false_ {
                Value::small(i64::from(obj == self.true_))
            } else {
                obj
            };
            return Ok(match n {
                "real" => Some(whole),
                "imag" => Some(if is_float {
                    self.new_float(0.0)
                } else {
                    Value::small(0)
                }),
                "numerator" if !is_float => Some(whole),
                "denominator" if !is_float => Some(Value::small(1)),
                _ => None,
            });
        }
        if self.is_complex(obj) {
            let (re, im) = Self::complex_parts(obj);
            return Ok(match n {
                "real" => Some(self.new_float(re)),
                "imag" => Some(self.new_float(im)),
                _ => None,
            });
        }
        let t = self.type_of(obj);
        if t == self.t.method {
            return Ok(match n {
                "__self__" => Some(obj.get(2)),
                "__func__" => Some(obj.get(1)),
                "__name__" | "__qualname__" | "__doc__" => Some(self.getattr(obj.get(1), name)?),
                _ => None,
            });
        }
        if t == self.t.builtin_function && n == "__name__" {
            let def = self.builtin_def(obj);
            return Ok(Some(self.new_str(def.name)));
        }
        if t == self.t.property {
            return Ok(match n {
                "fget" => Some(obj.get(1)),
                "fset" => Some(obj.get(2)),
                "fdel" => Some(obj.get(3)),
                "__doc__" => Some(obj.get(4)),
                _ => None,
            });
        }
        if (t == self.t.staticmethod || t == self.t.classmethod) && n == "__func__" {
            return Ok(Some(obj.get(1)));
        }
        if t == self.t.range {
            let (a, b, c) = Self::range_parts(obj);
            return Ok(match n {
                "start" => Some(Value::small(a)),
                "stop" => Some(Value::small(b)),
                "step" => Some(Value::small(c)),
                _ => None,
            });
        }
        if t == self.t.slice {
            return Ok(match n {
                "start" => Some(obj.get(1)),
                "stop" => Some(obj.get(2)),
                "step" => Some(obj.get(3)),
                _ => None,
            });
        }
        if t == self.t.cell && n == "cell_contents" {
            let v = obj.get(1);
            if v.is_null() {
                return Err(self.err(E::ValueError, "Cell is empty"));
            }
            return Ok(Some(v));
        }
        if t == self.t.code {
            let code = self.codes[obj.get(1).as_small() as usize].clone();
            return Ok(match n {
                "co_name" => Some(self.new_str(&code.co.name)),
                "co_qualname" => Some(self.new_str(&code.co.qualname)),
                "co_filename" => Some(self.new_str(&code.co.filename)),
                "co_firstlineno" => Some(Value::small(code.co.first_line as i64)),
                "co_argcount" => Some(Value::small(code.co.argcount as i64)),
                "co_kwonlyargcount" => Some(Value::small(code.co.kwonlyargcount as i64)),
                "co_posonlyargcount" => Some(Value::small(code.co.posonlyargcount as i64)),
                "co_flags" => Some(Value::small(code.co.flags as i64)),
                "co_varnames" => {
                    let out = self.new_list(&[]);
                    for name in &code.co.varnames {
                        let v = self.new_str(name);
                        self.list_append(out, v);
                    }
                    Some(self.new_tuple(self.list_items(out)))
                }
                _ => None,
            });
        }
        if self.isinstance(obj, self.exc_type(E::BaseException)) {
            if n == "value" && self.exc_matches(obj, E::StopIteration) {
                let args = self.instance_get(obj, "args");
                return Ok(Some(match args {
                    Some(a) if self.is_tuple(a) && !self.tuple_items(a).is_empty() => {
                        self.tuple_items(a)[0]
                    }
                    _ => self.none,
                }));
            }
            return Ok(match n {
                "__traceback__" | "__context__" | "__cause__" => Some(self.none),
                "__suppress_context__" => Some(self.false_),
                _ => None,
            });
        }
        if n == "__doc__" {
            return Ok(Some(self.none));
        }
        Ok(None)
    }

    fn function_attr(&mut self, f: Value, name: Value) -> PyResult<Option<Value>> {
        let none = self.none;
        let or_none = |v: Value| if v.is_null() { none } else { v };
        let v = match super::str::as_str(name) {
            "__name__" => f.get(F_NAME),
            "__qualname__" => f.get(F_QUALNAME),
            "__doc__" => or_none(f.get(F_DOC)),
            "__module__" => or_none(f.get(F_MODULE)),
            "__defaults__" => or_none(f.get(F_DEFAULTS)),
            "__kwdefaults__" => or_none(f.get(F_KWDEFAULTS)),
            "__code__" => f.get(F_CODE),
            "__globals__" => f.get(F_GLOBALS),
            "__closure__" => or_none(f.get(F_CLOSURE)),
            "__annotations__" => {
                if f.get(F_ANNOTATIONS).is_null() {
                    let d = self.new_dict();
                    f.set(F_ANNOTATIONS, d);
                }
                f.get(F_ANNOTATIONS)
            }
            "__dict__" => {
                if f.get(F_DICT).is_null() {
                    let d = self.new_dict();
                    f.set(F_DICT, d);
                }
                f.get(F_DICT)
            }
            _ => {
                let d = f.get(F_DICT);
                if d.is_null() {
                    return Ok(None);
                }
                return Ok(self.dict_get_str(d, name));
            }
        };
        Ok(Some(v))
    }

    /// Attribute of a type object.
    fn type_getattr(&mut self, t: Value, name: Value) -> PyResult<Option<Value>> {
        let meta = self.type_of(t);
        let meta_attr = self.type_lookup(meta, name);
        if let Some(d) = meta_attr
            && self.is_data_descriptor(d)
        {
            return self.bind(d, t, meta).map(Some);
        }
        if let Some(a) = self.type_lookup(t, name) {
            let at = self.type_of(a);
            if at == self.t.function || at == self.t.builtin_function || at == self.t.property {
                return Ok(Some(a));
            }
            if at == self.t.classmethod {
                let f = a.get(1);
                return Ok(Some(self.new_method(f, t)));
            }
            if at == self.t.staticmethod {
                return Ok(Some(a.get(1)));
            }
            if info(at).heap
                && let Some(get) = self.lookup_special(a, "__get__")
            {
                let none = self.none;
                return self.call(get, &[a, none, t]).map(Some);
            }
            return Ok(Some(a));
        }
        let n = super::str::as_str(name);
        let special = match n {
            "__name__" => Some(t.get(T_NAME)),
            "__qualname__" => Some(t.get(T_NAME)),
            "__mro__" => Some(t.get(T_MRO)),
            "__bases__" => Some(t.get(T_BASES)),
            "__base__" => Some(
                self.tuple_items(t.get(T_BASES))
                    .first()
                    .copied()
                    .unwrap_or(self.none),
            ),
            "__dict__" => Some(t.get(T_DICT)),
            "__doc__" => Some(self.none),
            "__class__" => Some(meta),
            "__module__" => {
                let b = self.intern("builtins");
                Some(b)
            }
            _ => None,
        };
        if special.is_some() {
            return Ok(special);
        }
        match meta_attr {
            Some(d) => self.bind(d, t, meta).map(Some),
            None => Ok(None),
        }
    }

    /// Attribute lookup through `super(thisclass, obj)`.
    fn super_getattr(&mut self, sup: Value, name: Value) -> PyResult<Option<Value>> {
        let this = sup.get(1);
        let obj = sup.get(2);
        let start = sup.get(3);
        let mro = start.get(T_MRO);
        let items = self.tuple_items(mro);
        let pos = items
            .iter()
            .position(|&c| c == this)
            .map_or(items.len(), |p| p + 1);
        for i in pos..items.len() {
            let k = self.tuple_items(mro)[i];
            if let Some(v) = self.dict_get_str(k.get(T_DICT), name) {
                let inst = if obj == start { self.none } else { obj };
                if inst == self.none && self.type_of(v) == self.t.function {
                    return Ok(Some(v));
                }
                // `__new__` is a static method: never bound.
                if super::str::as_str(name) == "__new__"
                    && self.type_of(v) == self.t.builtin_function
                {
                    return Ok(Some(v));
                }
                return self
                    .bind(v, if inst == self.none { obj } else { inst }, start)
                    .map(Some);
            }
        }
        Ok(None)
    }

    /// A new instance of a user class (or builtin exception), no attributes.
    pub fn new_instance(&mut self, cls: Value) -> Value {
        let obj = match info(cls).kind {
            Kind::List => {
                let base = self.new_list(&[]);
                let obj = alloc_rec(cls, 5);
                for w in 1..3 {
                    obj.set(w, base.get(w));
                }
                obj
            }
            Kind::Dict => {
                let base = self.new_dict();
                let obj = alloc_rec(cls, super::dict::DICT_WORDS + 2);
                for w in 1..super::dict::W_VERSION {
                    obj.set(w, base.get(w));
                }
                obj
            }
            k if super::classes::is_value_kind(k) => {
                // object.__new__ on a value subclass: the type's empty value.
                let base = match k {
                    Kind::Str => self.intern(""),
                    Kind::Int => Value::small(0),
                    Kind::Float => self.new_float(0.0),
                    Kind::Tuple => self.empty_tuple,
                    _ => self.new_bytes(&[]),
                };
                return self.new_value_instance(cls, base);
            }
            _ => alloc_rec(cls, 3),
        };
        obj.ptr().store(
            attr_base(obj),
            info(cls).shape_root as *const Shape as usize | 1,
        );
        let slots = alloc(layouts().rec, Value::NULL, 4);
        obj.set(attr_base(obj) + 1, slots);
        obj
    }

    /// Set an instance attribute directly (no descriptors, no hooks).
    pub fn instance_set(&mut self, obj: Value, name: Value, value: Value) {
        if let Some(d) = dict_mode(obj) {
            // Attribute names are strs, whose hash cannot fail.
            let _ = self.dict_set(d, name, value);
            return;
        }
        let id = self.name_id(name);
        let shape = shape_of(obj);
        if let Some(slot) = shape.lookup(id) {
            obj.get(attr_base(obj) + 1).set(slot, value);
            return;
        }
        let next = shape.with(id);
        let slot = shape.len();
        let slots = obj.get(attr_base(obj) + 1);
        if slot >= slots.ptr().payload_words() {
            let bigger = alloc(layouts().rec, Value::NULL, slot * 2 + 2);
            let slots = obj.get(attr_base(obj) + 1);
            for i in 0..slot {
                bigger.ptr().store(i, slots.word(i));
            }
            obj.set(attr_base(obj) + 1, bigger);
        }
        obj.get(attr_base(obj) + 1).set(slot, value);
        obj.ptr()
            .store(attr_base(obj), next as *const Shape as usize | 1);
    }

    pub fn instance_get(&mut self, obj: Value, name: &str) -> Option<Value> {
        let n = self.intern(name);
        if let Some(d) = dict_mode(obj) {
            return self.dict_get_str(d, n);
        }
        let id = self.name_id(n);
        shape_of(obj)
            .lookup(id)
            .map(|slot| obj.get(attr_base(obj) + 1).get(slot))
    }

    fn instance_del(&mut self, obj: Value, name: Value) -> bool {
        if let Some(d) = dict_mode(obj) {
            return matches!(self.dict_del(d, name), Ok(Some(_)));
        }
        let id = self.name_id(name);
        let shape = shape_of(obj);
        let root = info(obj.raw_type()).shape_root;
        let Some((next, slot)) = shape.without(root, id) else {
            return false;
        };
        let slots = obj.get(attr_base(obj) + 1);
        for i in slot..shape.len() - 1 {
            slots.ptr().store(i, slots.word(i + 1));
        }
        slots.ptr().store(shape.len() - 1, 0);
        obj.ptr()
            .store(attr_base(obj), next as *const Shape as usize | 1);
        true
    }

    /// `obj.__dict__`: the instance's attributes as a live dict. The first
    /// call moves the attributes into a new dict and puts the instance in
    /// dict mode (see the module notes).
    pub fn instance_dict(&mut self, obj: Value) -> PyResult<Value> {
        if let Some(d) = dict_mode(obj) {
            return Ok(d);
        }
        let d = self.new_dict();
        let names: Vec<u32> = shape_of(obj).names().to_vec();
        for (slot, id) in names.into_iter().enumerate() {
            let k = self.names[id as usize];
            let v = obj.get(attr_base(obj) + 1).get(slot);
            self.dict_set(d, k, v)?;
        }
        obj.set(attr_base(obj), d);
        obj.set(attr_base(obj) + 1, Value::NULL);
        Ok(d)
    }

    /// Replace an instance's attributes with the dict `d` (`obj.__dict__ = d`).
    pub fn set_instance_dict(&mut self, obj: Value, d: Value) -> PyResult<()> {
        if !self.is_dict(d) {
            let tn = self.type_name(d);
            return Err(self.err(
                E::TypeError,
                format!("__dict__ must be set to a dictionary, not a '{tn}'"),
            ));
        }
        obj.set(attr_base(obj), d);
        obj.set(attr_base(obj) + 1, Value::NULL);
        Ok(())
    }

    /// `setattr(obj, name, value)`.
    pub fn setattr(&mut self, obj: Value, name: Value, value: Value) -> PyResult<()> {
        let t = self.type_of(obj);
        if info(t).heap
            && let Some(sa) = self.lookup_special(obj, "__setattr__")
            && sa != self.object_setattr
        {
            self.call(sa, &[obj, name, value])?;
            return Ok(());
        }
        self.generic_setattr(obj, name, value)
    }

    /// object.__setattr__ (`value` NULL deletes).
    pub fn generic_setattr(&mut self, obj: Value, name: Value, value: Value) -> PyResult<()> {
        if self.is_type(obj) {
            if !info(obj).heap {
                let n = super::str::as_str(name);
                return Err(self.err(
                    E::TypeError,
                    format!(
                        "cannot set '{n}' attribute of immutable type '{}'",
                        info(obj).name
                    ),
                ));
            }
            if super::str::as_str(name) == "__bases__" {
                return self.set_bases(obj, value);
            }
            let d = obj.get(T_DICT);
            if value.is_null() {
                if self.dict_del(d, name)?.is_none() {
                    return Err(self.attribute_error(obj, name));
                }
            } else {
                self.dict_set(d, name, value)?;
            }
            return Ok(());
        }
        if super::str::as_str(name) == "__class__" {
            return self.set_class(obj, value);
        }
        let t = self.type_of(obj);
        if let Some(descr) = self.type_lookup(t, name) {
            let dt = self.type_of(descr);
            if dt == self.t.property {
                let f = descr.get(if value.is_null() { 3 } else { 2 });
                if f.is_null() || f == self.none {
                    let pname = descr.get(5);
                    let n = if pname.is_null() {
                        String::new()
                    } else {
                        format!("'{}' ", super::str::as_str(pname))
                    };
                    let what = if value.is_null() { "deleter" } else { "setter" };
                    return Err(self.err(
                        E::AttributeError,
                        format!("property {n}of '{}' object has no {what}", info(t).name),
                    ));
                }
                if value.is_null() {
                    self.call(f, &[obj])?;
                } else {
                    self.call(f, &[obj, value])?;
                }
                return Ok(());
            }
            if info(dt).heap {
                let hook = if value.is_null() {
                    "__delete__"
                } else {
                    "__set__"
                };
                if let Some(set) = self.lookup_special(descr, hook) {
                    if value.is_null() {
                        self.call(set, &[descr, obj])?;
                    } else {
                        self.call(set, &[descr, obj, value])?;
                    }
                    return Ok(());
                }
            }
        }
        let kind = info(t).kind;
        let has_attrs = has_instance_attrs(t);
        match kind {
            _ if has_attrs => {
                if let Some(allowed) = &info(t).slots {
                    let id = self.name_id(name);
                    if !allowed.contains(&id) {
                        return Err(self.attribute_error(obj, name));
                    }
                } else if super::str::as_str(name) == "__dict__" && !value.is_null() {
                    return self.set_instance_dict(obj, value);
                }
                if value.is_null() {
                    if !self.instance_del(obj, name) {
                        return Err(self.attribute_error(obj, name));
                    }
                } else {
                    self.instance_set(obj, name, value);
                }
                Ok(())
            }
            Kind::Function | Kind::Module => {
                let slot = if info(t).kind == Kind::Module {
                    1
                } else {
                    F_DICT
                };
                if info(t).kind == Kind::Function {
                    match super::str::as_str(name) {
                        "__name__" => {
                            obj.set(F_NAME, value);
                            return Ok(());
                        }
                        "__defaults__" | "__kwdefaults__" | "__annotations__" => {
                            let n = super::str::as_str(name);
                            let (slot, want_tuple) = match n {
                                "__defaults__" => (F_DEFAULTS, true),
                                "__kwdefaults__" => (F_KWDEFAULTS, false),
                                _ => (F_ANNOTATIONS, false),
                            };
                            let ok = value.is_null()
                                || value == self.none
                                || (want_tuple && self.is_tuple(value))
                                || (!want_tuple && self.is_dict(value));
                            if !ok {
                                let what = if want_tuple { "tuple" } else { "dict" };
                                return Err(self.err(
                                    E::TypeError,
                                    format!("{n} must be set to a {what} object"),
                                ));
                            }
                            let v = if value == self.none {
                                Value::NULL
                            } else {
                                value
                            };
                            obj.set(slot, v);
                            return Ok(());
                        }
                        "__qualname__" => {
                            obj.set(F_QUALNAME, value);
                            return Ok(());
                        }
                        "__doc__" => {
                            obj.set(F_DOC, value);
                            return Ok(());
                        }
                        _ => {}
                    }
                }
                if obj.get(slot).is_null() {
                    let d = self.new_dict();
                    obj.set(slot, d);
                }
                let d = obj.get(slot);
                if value.is_null() {
                    if self.dict_del(d, name)?.is_none() {
                        return Err(self.attribute_error(obj, name));
                    }
                } else {
                    self.dict_set(d, name, value)?;
                }
                Ok(())
            }
            _ => {
                let n = super::str::as_str(name);
                if self.type_lookup(t, name).is_some() {
                    return Err(self.err(
                        E::AttributeError,
                        format!("'{}' object attribute '{n}' is read-only", info(t).name),
                    ));
                }
                Err(self.err(
                    E::AttributeError,
                    format!("'{}' object has no attribute '{n}'", info(t).name),
                ))
            }
        }
    }

    pub fn delattr(&mut self, obj: Value, name: Value) -> PyResult<()> {
        let t = self.type_of(obj);
        if info(t).heap
            && let Some(da) = self.lookup_special(obj, "__delattr__")
            && da != self.object_delattr
        {
            self.call(da, &[obj, name])?;
            return Ok(());
        }
        self.generic_setattr(obj, name, Value::NULL)
    }
}
