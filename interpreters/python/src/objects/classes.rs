//! Class creation: `type.__new__(meta, name, bases, ns, **kwargs)`.
//!
//! As CPython's type_new: the namespace is copied into the class dict;
//! `__init_subclass__` and `__class_getitem__` defined as plain functions
//! become classmethods, `__new__` a staticmethod; `__slots__` turns into
//! member descriptors and restricts instances to those names (unless a
//! `__dict__` slot or a base without slots gives them a dict); each
//! attribute's `__set_name__(cls, name)` runs; then the parent's
//! `__init_subclass__` runs with the class keywords (`object`'s takes
//! none and says so).

use super::exceptions::E;
use super::function::NativeFn;
use super::str::as_str;
use super::typeobj::{T_DICT, T_MRO, T_NAME, info};
use super::{Kind, Value};
use crate::vm::{PyResult, Vm};

impl Vm {
    /// The `__slots__` names of a class namespace, if it has the key.
    fn slot_names(&mut self, ns: Value) -> PyResult<Option<Vec<Value>>> {
        let key = self.intern("__slots__");
        let Some(slots) = self.dict_get_str(ns, key) else {
            return Ok(None);
        };
        let items: Vec<Value> = if self.is_str(slots) {
            vec![slots]
        } else {
            let t = self.collect_iterable(slots)?;
            self.tuple_items(t).to_vec()
        };
        for &n in &items {
            if !self.is_str(n) {
                let tn = self.type_name(n);
                return Err(self.err(
                    E::TypeError,
                    format!("__slots__ items must be strings, not '{tn}'"),
                ));
            }
            let s = as_str(n);
            let ident = s
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_')
                && s.chars().all(|c| c.is_alphanumeric() || c == '_');
            if !ident {
                return Err(self.err(E::TypeError, "__slots__ must be identifiers"));
            }
        }
        for &n in &items {
            self.pins.push(n);
        }
        Ok(Some(items))
    }

    /// Create a class (`type.__new__`).
    pub fn create_class(
        &mut self,
        meta: Value,
        name: Value,
        bases: Value,
        ns: Value,
        kw: &[(Value, Value)],
    ) -> PyResult<Value> {
        // Values copied into Vecs below (slot names, keywords) are pinned on
        // the pin stack until the class is made.
        let mark = self.pins.len();
        for &(k, v) in kw {
            self.pins.push(k);
            self.pins.push(v);
        }
        let r = self.create_class_pinned(meta, name, bases, ns, kw);
        self.unpin(mark);
        r
    }

    fn create_class_pinned(
        &mut self,
        meta: Value,
        name: Value,
        bases: Value,
        ns: Value,
        kw: &[(Value, Value)],
    ) -> PyResult<Value> {
        if !self.is_str(name) {
            let tn = self.type_name(name);
            return Err(self.err(
                E::TypeError,
                format!("type.__new__() argument 1 must be str, not {tn}"),
            ));
        }
        if !self.is_tuple(bases) {
            let tn = self.type_name(bases);
            return Err(self.err(
                E::TypeError,
                format!("type.__new__() argument 2 must be tuple, not {tn}"),
            ));
        }
        if !self.is_dict(ns) {
            let tn = self.type_name(ns);
            return Err(self.err(
                E::TypeError,
                format!("type.__new__() argument 3 must be dict, not {tn}"),
            ));
        }
        let bases = if self.tuple_items(bases).is_empty() {
            self.new_tuple(&[self.t.object])
        } else {
            bases
        };
        let mut kind = Kind::Instance;
        for &b in self.tuple_items(bases) {
            if !self.is_type(b) {
                return Err(self.err(E::TypeError, "bases must be types"));
            }
            let bk = info(b).kind;
            match bk {
                _ if kind != Kind::Instance
                    && bk != kind
                    && bk != Kind::Instance
                    && bk != Kind::Object =>
                {
                    return Err(self.err(
                        E::TypeError,
                        "multiple bases have instance lay-out conflict",
                    ));
                }
                Kind::List | Kind::Dict | Kind::Type => kind = bk,
                _ if is_value_kind(bk) => kind = bk,
                Kind::Object | Kind::Instance => {}
                _ => {
                    let bn = info(b).name.clone();
                    if matches!(bk, Kind::Bool) || self.is_final_builtin(b) {
                        return Err(self.err(
                            E::TypeError,
                            format!("type '{bn}' is not an acceptable base type"),
                        ));
                    }
                    return Err(self.err(
                        E::TypeError,
                        format!("subclassing the builtin type '{bn}' is not supported yet"),
                    ));
                }
            }
        }
        let dict = self.dict_copy(ns)?;
        let qual = self.intern("__qualname__");
        if self.dict_get_str(dict, qual).is_none() {
            self.dict_set(dict, qual, name)?;
        }
        // A class that defines __eq__ but not __hash__ is unhashable.
        let (eq, hash) = (self.intern("__eq__"), self.intern("__hash__"));
        if self.dict_get_str(ns, eq).is_some() && self.dict_get_str(ns, hash).is_none() {
            let none = self.none;
            self.dict_set(dict, hash, none)?;
        }
        // Implicit classmethods / staticmethod.
        for (key, wrap) in [
            ("__init_subclass__", self.t.classmethod),
            ("__class_getitem__", self.t.classmethod),
            ("__new__", self.t.staticmethod),
        ] {
            let k = self.intern(key);
            if let Some(f) = self.dict_get_str(dict, k)
                && self.type_of(f) == self.t.function
            {
                let w = self.new_record(wrap, &[f]);
                self.dict_set(dict, k, w)?;
            }
        }
        // __slots__
        let slots = self.slot_names(ns)?;
        // Variable-size builtins keep no room for slot values (CPython).
        let sized_base = match kind {
            Kind::Int => Some("int"),
            Kind::Tuple => Some("tuple"),
            Kind::Bytes => Some("bytes"),
            _ => None,
        };
        if let (Some(base), Some(names)) = (sized_base, &slots)
            && names
                .iter()
                .any(|&n| !matches!(as_str(n), "__dict__" | "__weakref__"))
        {
            return Err(self.err(
                E::TypeError,
                format!("nonempty __slots__ not supported for subtype of '{base}'"),
            ));
        }
        let mut allowed: Option<Vec<u32>> = None;
        if let Some(names) = &slots {
            let mut ids = Vec::new();
            let mut has_dict = false;
            for &n in names {
                let s = as_str(n).to_string();
                if s == "__dict__" {
                    has_dict = true;
                    continue;
                }
                if s == "__weakref__" {
                    continue;
                }
                let k = self.intern(&s);
                if self.dict_get_str(ns, k).is_some() {
                    return Err(self.err(
                        E::ValueError,
                        format!("'{s}' in __slots__ conflicts with class variable"),
                    ));
                }
                ids.push(self.name_id(k));
            }
            let mut restricted = !has_dict;
            for &b in self.tuple_items(bases) {
                // object and the value types (tuple for namedtuple's
                // `__slots__ = ()`) give no __dict__.
                if b == self.t.object || (!info(b).heap && is_value_kind(info(b).kind)) {
                    continue;
                }
                match &info(b).slots {
                    Some(base_ids) if info(b).heap => ids.extend_from_slice(base_ids),
                    _ => restricted = false,
                }
            }
            if restricted {
                allowed = Some(ids);
            }
        }
        let cls = self.new_type_with_slots(
            meta,
            as_str(name),
            bases,
            dict,
            kind,
            true,
            allowed.map(Vec::into_boxed_slice),
        )?;
        cls.set(T_NAME, name);
        if let Some(names) = slots {
            let member = self.lang().member_descriptor;
            for n in names {
                let s = as_str(n).to_string();
                if s == "__dict__" || s == "__weakref__" {
                    continue;
                }
                let k = self.intern(&s);
                let d = self.new_record(member, &[k, cls]);
                self.dict_set(dict, k, d)?;
            }
        }
        // __set_name__ on the attributes, in definition order.
        let mut i = 0;
        while i < Self::dict_used(dict) {
            if let Some((k, v)) = Self::dict_entry(dict, i) {
                if self.type_of(v) == self.t.property {
                    // The name CPython's messages use ("property 'x' of ...").
                    v.set(5, k);
                } else if info(self.type_of(v)).heap {
                    self.call_special(v, "__set_name__", &[cls, k])?;
                }
            }
            i += 1;
        }
        self.init_subclass(cls, kw)?;
        Ok(cls)
    }

    fn is_final_builtin(&self, b: Value) -> bool {
        let lt = self.lang();
        [
            self.t.none_type,
            self.t.function,
            self.t.range,
            self.t.slice,
            self.t.generator,
            lt.coroutine,
            self.t.not_implemented_type,
            self.t.ellipsis_type,
        ]
        .contains(&b)
    }

    /// `super(cls, cls).__init_subclass__(**kw)`.
    fn init_subclass(&mut self, cls: Value, kw: &[(Value, Value)]) -> PyResult<()> {
        let isc = self.intern("__init_subclass__");
        let mro = cls.get(T_MRO);
        for j in 1..self.tuple_items(mro).len() {
            let k = self.tuple_items(mro)[j];
            let Some(f) = self.dict_get_str(k.get(T_DICT), isc) else {
                continue;
            };
            let f = if self.type_of(f) == self.t.classmethod {
                f.get(1)
            } else {
                f
            };
            if self.type_of(f) != self.t.function {
                // object.__init_subclass__: no keywords.
                if let Some(&(k0, _)) = kw.first() {
                    let _ = k0;
                    let n = as_str(cls.get(T_NAME)).to_string();
                    return Err(self.err(
                        E::TypeError,
                        format!("{n}.__init_subclass__() takes no keyword arguments"),
                    ));
                }
                return Ok(());
            }
            let mut args = vec![cls];
            let mut names = Vec::new();
            for &(k, v) in kw {
                args.push(v);
                names.push(k);
            }
            self.call_kw(f, &args, &names)?;
            return Ok(());
        }
        Ok(())
    }
}

fn type_new(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kw.len();
    match args.first() {
        Some(&m) if vm.is_type(m) && vm.is_subtype(m, vm.t.type_) => {}
        Some(&m) if npos > 0 => {
            let what = if vm.is_type(m) {
                format!("{} is not a subtype of type", info(m).name)
            } else {
                format!("X is not a type object ({})", vm.type_name(m))
            };
            return Err(vm.err(E::TypeError, format!("type.__new__({what})")));
        }
        _ => return Err(vm.err(E::TypeError, "type.__new__(): not enough arguments")),
    }
    if npos != 4 {
        if npos == 2 && args[0] == vm.t.type_ {
            return Ok(vm.type_of(args[1]));
        }
        return Err(vm.err(E::TypeError, "type() takes 1 or 3 arguments"));
    }
    let pairs: Vec<(Value, Value)> = kw
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, args[npos + i]))
        .collect();
    vm.create_class(args[0], args[1], args[2], args[3], &pairs)
}

/// The member descriptor a method was called on, checked.
fn this_member(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Value> {
    match args.first() {
        Some(&d) if d.is_ptr() && d.raw_type() == vm.lang().member_descriptor => Ok(d),
        _ => Err(vm.err(
            E::TypeError,
            format!("descriptor '{name}' requires a 'member_descriptor' object"),
        )),
    }
}

fn member_get(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("__get__", args, 2, 3)?;
    this_member(vm, args, "__get__")?;
    let (d, obj) = (args[0], args[1]);
    if obj == vm.none {
        return Ok(d);
    }
    vm.bind(d, obj, vm.type_of(obj))
}

fn member_set(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("__set__", args, 3, 3)?;
    let name = this_member(vm, args, "__set__")?.get(1);
    vm.generic_setattr(args[1], name, args[2])?;
    Ok(vm.none)
}

fn member_delete(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("__delete__", args, 2, 2)?;
    let name = this_member(vm, args, "__delete__")?.get(1);
    vm.generic_setattr(args[1], name, Value::NULL)?;
    Ok(vm.none)
}

pub const TYPE_NEW: NativeFn = type_new;

pub const MEMBER_METHODS: &[(&str, NativeFn)] = &[
    ("__get__", member_get),
    ("__set__", member_set),
    ("__delete__", member_delete),
];

/// `<member 'x' of 'A' objects>`.
pub fn member_repr(d: Value) -> String {
    format!(
        "<member '{}' of '{}' objects>",
        as_str(d.get(1)),
        info(d.get(2)).name
    )
}

// ---------------------------------------------------------------------------
// Subclasses of the immutable builtin value types (str, int, float, tuple,
// bytes).
//
// The subclass has its base's `Kind`, so every builtin method, operator and
// argument check that asks "is this a str?" (`Vm::is_str` and friends look
// at the kind) works on the instance unchanged. An instance is the builtin
// value's words followed by the two attribute words every instance has (the
// shape, then the slots record), found by `value_attr_base`:
//
//   str    [type, byte_len, char_len, hash, meta, bytes..., shape, slots]
//   bytes  [type, len, hash, data..., shape, slots]
//   tuple  [type, len, items..., shape, slots]             (a record)
//   float  [type, bits, shape, slots]
//   int    [type, small-or-box, shape, slots]
//
// An int subclass instance always keeps its value in word 1: the tagged
// small int when it fits, else its own boxed `IBig` (freed by a drop hook);
// `Vm::int_ref` reads both. str and bytes have raw data of a length known
// only from the object, so their layouts report the two attribute words
// through a trace hook. The builtin value a subclass instance holds is
// copied in at creation (`str.__new__(cls, v)` builds the str first); the
// copy of a str drops the intern id, which belongs to the exact str.
// ---------------------------------------------------------------------------

use retrace::gc::{self as rgc, GcPtr, Layout, LayoutId, Refs, Tracer};
use std::sync::OnceLock;

struct SubclassLayouts {
    str_: LayoutId,
    bytes: LayoutId,
    float: LayoutId,
    int: LayoutId,
}

fn subclass_layouts() -> &'static SubclassLayouts {
    static L: OnceLock<SubclassLayouts> = OnceLock::new();
    L.get_or_init(|| {
        let reg = |layout: Layout| {
            rgc::register_layout(layout).unwrap_or_else(|_| super::fatal("too many GC layouts"))
        };
        SubclassLayouts {
            str_: reg(Layout::new("py.str_subclass", Refs::fields(&[0])).with_trace(trace_str_sub)),
            bytes: reg(
                Layout::new("py.bytes_subclass", Refs::fields(&[0])).with_trace(trace_bytes_sub)
            ),
            float: reg(Layout::new("py.float_subclass", Refs::fields(&[0, 2, 3]))),
            int: reg(
                Layout::new("py.int_subclass", Refs::fields(&[0, 2, 3])).with_drop(drop_int_sub)
            ),
        }
    })
}

/// The layout of int subclass instances (see the notes above).
#[inline]
pub fn int_subclass_layout() -> LayoutId {
    subclass_layouts().int
}

/// Report the shape and slots words at `base` (the shape word is a tagged
/// Shape address or, in dict mode, the dict).
fn trace_attr_words(obj: GcPtr, base: usize, tracer: &mut Tracer<'_>) {
    for i in base..base + 2 {
        if i >= obj.payload_words() {
            return;
        }
        // SAFETY: `i` is inside the object's payload (checked above); the
        // collector owns the object while tracing it.
        let slot = unsafe { &mut *(obj.as_ptr() as *mut usize).add(i) };
        tracer.edge(slot);
    }
}

fn trace_str_sub(obj: GcPtr, tracer: &mut Tracer<'_>) {
    // 5 header words, then the bytes (word 1 is the byte length).
    trace_attr_words(obj, 5 + obj.load(1).div_ceil(8), tracer);
}

fn trace_bytes_sub(obj: GcPtr, tracer: &mut Tracer<'_>) {
    // 3 header words, then the data (word 1 is its length).
    trace_attr_words(obj, 3 + obj.load(1).div_ceil(8), tracer);
}

fn drop_int_sub(obj: GcPtr) {
    let raw = obj.load(1);
    if raw != 0 && raw & 1 == 0 {
        // SAFETY: an untagged word 1 of an int subclass instance is the
        // Box<IBig> made by `new_value_instance`, dropped once here.
        drop(unsafe { Box::from_raw(raw as *mut dashu_int::IBig) });
    }
}

/// Is `kind` one of the immutable value kinds a class may subclass?
#[inline]
pub fn is_value_kind(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Str | Kind::Int | Kind::Float | Kind::Tuple | Kind::Bytes
    )
}

/// Is `v` an instance of a class-statement subclass of str, int, float,
/// tuple or bytes?
#[inline]
pub fn is_value_subclass_instance(v: Value) -> bool {
    v.is_ptr() && {
        let i = info(v.raw_type());
        i.heap && is_value_kind(i.kind)
    }
}

/// Where a value subclass instance of kind `kind` keeps its shape word.
pub fn value_attr_base(obj: Value, kind: Kind) -> usize {
    match kind {
        Kind::Str => super::str::str_words(obj),
        Kind::Bytes => super::bytes::bytes_words(obj),
        Kind::Tuple => 2 + obj.get(1).as_small() as usize,
        _ => 2,
    }
}

impl Vm {
    /// A new instance of the value subclass `cls` holding a copy of the
    /// builtin value `base` (an exact str/int/float/tuple/bytes of `cls`'s
    /// kind), with no attributes.
    pub fn new_value_instance(&mut self, cls: Value, base: Value) -> Value {
        let layouts = subclass_layouts();
        let kind = info(cls).kind;
        let obj = match kind {
            Kind::Str | Kind::Bytes => {
                let (words, layout) = if kind == Kind::Str {
                    (super::str::str_words(base), layouts.str_)
                } else {
                    (super::bytes::bytes_words(base), layouts.bytes)
                };
                let obj = super::alloc(layout, cls, words + 2);
                for i in 1..words {
                    obj.ptr().store(i, base.word(i));
                }
                if kind == Kind::Str {
                    // Hash not computed yet, not interned.
                    obj.ptr().store(3, 0);
                    obj.ptr().store(4, 0);
                }
                obj
            }
            Kind::Float => {
                let obj = super::alloc(layouts.float, cls, 4);
                obj.ptr().store(1, base.word(1));
                obj
            }
            Kind::Int => {
                let word = match self.int_ref(base) {
                    Some(super::int::IntRef::Small(n)) => Value::small(n).0,
                    Some(super::int::IntRef::Big(b)) => Box::into_raw(Box::new(b.clone())) as usize,
                    None => Value::small(0).0,
                };
                let obj = super::alloc(layouts.int, cls, 4);
                obj.ptr().store(1, word);
                obj
            }
            Kind::Tuple => {
                let n = self.tuple_items(base).len();
                let obj = super::alloc_rec(cls, 2 + n + 2);
                obj.ptr().store(1, Value::small(n as i64).0);
                for i in 0..n {
                    obj.set(2 + i, base.get(2 + i));
                }
                obj
            }
            _ => return self.new_instance(cls),
        };
        let at = value_attr_base(obj, kind);
        obj.ptr().store(
            at,
            info(cls).shape_root as *const retrace::shapes::Shape as usize | 1,
        );
        let slots = super::alloc(super::layouts().rec, Value::NULL, 4);
        obj.set(at + 1, slots);
        obj
    }

    /// The builtin value of `v` as an exact str/int/float/tuple/bytes: `v`
    /// itself unless it is a value subclass instance (`int(I(5))`,
    /// `str(S("x"))`, `tuple(T(...))` return exact values).
    pub fn exact_value(&mut self, v: Value) -> Value {
        if !is_value_subclass_instance(v) {
            return v;
        }
        match info(v.raw_type()).kind {
            Kind::Str => {
                let s = as_str(v).to_string();
                self.new_str(&s)
            }
            Kind::Int => {
                let b = self.to_big(v).unwrap_or_default();
                self.new_big(b)
            }
            Kind::Float => self.new_float(Self::float_val(v)),
            Kind::Tuple => {
                // new_tuple pins the copied items while it allocates.
                let items = self.tuple_items(v).to_vec();
                self.new_tuple(&items)
            }
            Kind::Bytes => {
                let data = self.byte_data(v).unwrap_or(&[]).to_vec();
                self.new_bytes(&data)
            }
            _ => v,
        }
    }

    /// `X.__new__(cls, ...)` for the value types: build the builtin value
    /// with `make` (the type's constructor), then copy it into an instance
    /// of `cls` when `cls` is a subclass.
    pub fn value_new(
        &mut self,
        base_type: Value,
        args: &[Value],
        kw: &[Value],
        make: fn(&mut Vm, &[Value], &[Value]) -> PyResult<Value>,
    ) -> PyResult<Value> {
        let bn = info(base_type).name.clone();
        let Some(&cls) = args.first().filter(|_| args.len() > kw.len()) else {
            return Err(self.err(
                E::TypeError,
                format!("{bn}.__new__(): not enough arguments"),
            ));
        };
        if !self.is_type(cls) {
            let tn = self.type_name(cls);
            return Err(self.err(
                E::TypeError,
                format!("{bn}.__new__(X): X is not a type object ({tn})"),
            ));
        }
        if !self.is_subtype(cls, base_type) {
            let cn = info(cls).name.clone();
            return Err(self.err(
                E::TypeError,
                format!("{bn}.__new__({cn}): {cn} is not a subtype of {bn}"),
            ));
        }
        let v = make(self, &args[1..], kw)?;
        if cls == base_type {
            return Ok(v);
        }
        let v = self.exact_value(v);
        Ok(self.new_value_instance(cls, v))
    }
}
