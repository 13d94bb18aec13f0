//! The object model: values, layouts and the builtin types.
//!
//! # Design
//!
//! A [`Value`] is one machine word. A small int `n` (63 bits) is `n << 1 | 1`;
//! anything else is the payload address of a retrace-gc object, whose word 0
//! is its Python type (a type object). `Value::NULL` (0) means "no value"
//! (an unbound local, an empty slot) and never reaches Python code.
//!
//! Most objects are *records*: every payload word is a reference, a tagged
//! int or 0, so one GC layout (`rec`, all words traced) serves functions,
//! tuples, lists, dicts, instances, cells, iterators and type objects alike;
//! counts and indices inside them are stored tagged. Only objects holding raw
//! data have their own layout: str (bytes), float (bits), big ints (a boxed
//! `IBig`, freed by a drop hook) and raw word arrays (dict indices).
//!
//! What an object *is* (its representation) is the [`Kind`] of its type,
//! kept in the type's [`TypeInfo`] (a leaked Rust box whose address sits
//! tagged in the type object). User classes have kind `Instance`, whose
//! attributes live in slots described by a framework [`Shape`].
//!
//! Rooting: the collector scans the native stack conservatively and pins what
//! it finds there; the VM's value stack and frame stack are registered root
//! ranges ([`RootedVec`]). Values copied into other Rust heap memory (a
//! `Vec<Value>`) are only safe while a copy also sits in a scanned place,
//! because a pinned object never moves.
//!
//! One file per builtin type; their constructors and helpers are `impl Vm`
//! blocks, because they need the builtin type objects the VM owns.

pub mod bytes;
pub mod bytes_methods;
pub mod classes;
pub mod complex;
pub mod coroutine;
pub mod dict;
pub mod evalexec;
pub mod exceptions;
pub mod excgroup;
pub mod float;
pub mod format;
pub mod function;
pub mod int;
pub mod iter;
pub mod list;
pub mod set;
pub mod str;
pub mod traceback_print;
pub mod tuple;
pub mod typeobj;

use retrace::gc::{self, GcPtr, Layout, LayoutId, Refs, RootRangeId};
use retrace::shapes::Shape;
use std::sync::OnceLock;

/// One Python value: a tagged small int or a GC object's address.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, Default)]
#[repr(transparent)]
pub struct Value(pub usize);

/// The smallest and largest tagged ints.
pub const SMALL_MIN: i64 = -(1 << 62);
pub const SMALL_MAX: i64 = (1 << 62) - 1;

impl Value {
    pub const NULL: Value = Value(0);

    #[inline(always)]
    pub fn is_null(self) -> bool {
        self.0 == 0
    }
    #[inline(always)]
    pub fn is_small(self) -> bool {
        self.0 & 1 == 1
    }
    #[inline(always)]
    pub fn is_ptr(self) -> bool {
        self.0 != 0 && self.0 & 1 == 0
    }
    /// A small int; the caller checked `SMALL_MIN..=SMALL_MAX`.
    #[inline(always)]
    pub const fn small(n: i64) -> Value {
        Value(((n << 1) | 1) as usize)
    }
    #[inline(always)]
    pub fn as_small(self) -> i64 {
        (self.0 as i64) >> 1
    }
    #[inline(always)]
    pub fn ptr(self) -> GcPtr {
        // SAFETY: callers only ask for the pointer of a value they know is an
        // object (not null, not tagged); object values are payload addresses.
        unsafe { GcPtr::from_addr(self.0) }.expect("object value")
    }
    /// Word `i` of the payload, as a value.
    #[inline(always)]
    pub fn get(self, i: usize) -> Value {
        Value(self.ptr().load(i))
    }
    /// Store a value in word `i` (with the write barrier).
    #[inline(always)]
    pub fn set(self, i: usize, v: Value) {
        self.ptr().store_value(i, v.0);
    }
    /// Raw word `i` of the payload.
    #[inline(always)]
    pub fn word(self, i: usize) -> usize {
        self.ptr().load(i)
    }
    /// The object's type object (not for small ints: see `Vm::type_of`).
    #[inline(always)]
    pub fn raw_type(self) -> Value {
        self.get(0)
    }
    #[inline(always)]
    pub fn layout(self) -> LayoutId {
        self.ptr().layout()
    }
}

/// How a type's instances are laid out (and so which Rust code handles them).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Object,
    Int,
    Bool,
    Float,
    Str,
    Tuple,
    List,
    Dict,
    Set,
    NoneType,
    NotImplementedType,
    Ellipsis,
    Type,
    Function,
    BuiltinFunction,
    Method,
    Code,
    Cell,
    Property,
    StaticMethod,
    ClassMethod,
    Range,
    Slice,
    Iterator,
    Super,
    Module,
    Complex,
    Bytes,
    ByteArray,
    /// A coroutine (an `async def` call), driven by send/throw/close.
    Coroutine,
    /// A user-defined class's instance (or a builtin exception): attributes in
    /// shape-described slots.
    Instance,
}

/// Builtin types added by the language-features work (complex, bytes,
/// coroutines, exception groups). They live beside `Vm::t` in a
/// thread-local (one VM per thread) so the VM struct's layout stays the
/// core's; types are immortal and pinned, so the words stay valid.
#[derive(Default, Clone, Copy, Debug)]
pub struct LangTypes {
    pub complex: Value,
    pub bytes: Value,
    pub bytearray: Value,
    pub bytes_iterator: Value,
    pub coroutine: Value,
    pub coroutine_wrapper: Value,
    pub async_generator: Value,
    pub async_generator_asend: Value,
    pub async_generator_asend_done: Value,
    pub base_exception_group: Value,
    pub exception_group: Value,
    pub member_descriptor: Value,
}

thread_local! {
    static LANG_TYPES: std::cell::Cell<LangTypes> = const { std::cell::Cell::new(LangTypes {
        complex: Value::NULL,
        bytes: Value::NULL,
        bytearray: Value::NULL,
        bytes_iterator: Value::NULL,
        coroutine: Value::NULL,
        coroutine_wrapper: Value::NULL,
        async_generator: Value::NULL,
        async_generator_asend: Value::NULL,
        async_generator_asend_done: Value::NULL,
        base_exception_group: Value::NULL,
        exception_group: Value::NULL,
        member_descriptor: Value::NULL,
    }) };
}

/// The language-feature types of this thread's VM.
#[inline]
pub fn lang_types() -> LangTypes {
    LANG_TYPES.with(|c| c.get())
}

pub fn set_lang_types(t: LangTypes) {
    LANG_TYPES.with(|c| c.set(t));
}

impl crate::vm::Vm {
    /// The language-feature types (see [`LangTypes`]).
    #[inline]
    pub fn lang(&self) -> LangTypes {
        lang_types()
    }
}

/// The Rust side of a type object.
#[derive(Debug)]
pub struct TypeInfo {
    pub name: String,
    pub kind: Kind,
    /// Defined by a `class` statement (attributes settable, `__module__` shown).
    pub heap: bool,
    /// The root of the shape tree of this type's instances.
    pub shape_root: &'static Shape,
    /// `__slots__` without `__dict__` along the MRO: the intern ids of the
    /// only attributes instances may hold (None: any attribute).
    pub slots: Option<Box<[u32]>>,
}

/// The GC layouts of the object model.
pub struct Layouts {
    /// Every word a reference, tagged int or 0.
    pub rec: LayoutId,
    /// Word 0 the type, the rest raw (str, float).
    pub raw_after_type: LayoutId,
    /// A boxed `IBig` in word 1.
    pub bigint: LayoutId,
    /// Raw words only (dict index tables).
    pub raw: LayoutId,
}

pub fn layouts() -> &'static Layouts {
    static LAYOUTS: OnceLock<Layouts> = OnceLock::new();
    LAYOUTS.get_or_init(|| {
        let reg = |layout: Layout| {
            gc::register_layout(layout).unwrap_or_else(|_| fatal("too many GC layouts"))
        };
        Layouts {
            rec: reg(Layout::new("py.record", Refs::array(0))),
            raw_after_type: reg(Layout::new("py.raw_after_type", Refs::fields(&[0]))),
            bigint: reg(Layout::new("py.bigint", Refs::fields(&[0])).with_drop(int::drop_bigint)),
            raw: reg(Layout::new("py.raw", Refs::none())),
        }
    })
}

/// An unrecoverable interpreter failure (out of memory): message, exit 3.
pub fn fatal(msg: &str) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    eprintln!("repy: fatal: {msg}");
    std::process::exit(3);
}

/// Allocate `words` zeroed payload words of `layout`, word 0 = `ty`.
#[inline]
pub fn alloc(layout: LayoutId, ty: Value, words: usize) -> Value {
    match gc::alloc(layout, words.max(1) * 8) {
        Ok(p) => {
            p.store(0, ty.0);
            Value(p.addr())
        }
        Err(e) => fatal(&format!("cannot allocate {words} words: {e}")),
    }
}

/// Allocate a record (all words traced) of `words` words with type `ty`.
#[inline]
pub fn alloc_rec(ty: Value, words: usize) -> Value {
    alloc(layouts().rec, ty, words)
}

/// A `Vec` whose buffer is a conservative GC root range, re-registered when
/// it moves. Holds values (or structs made of words) the collector must see.
pub struct RootedVec<T: Copy> {
    items: Vec<T>,
    root: Option<RootRangeId>,
}

impl<T: Copy> Default for RootedVec<T> {
    fn default() -> Self {
        Self::with_capacity(16)
    }
}

impl<T: Copy> RootedVec<T> {
    pub fn with_capacity(cap: usize) -> Self {
        let mut v = RootedVec {
            items: Vec::with_capacity(cap.max(1)),
            root: None,
        };
        v.reroot();
        v
    }

    fn reroot(&mut self) {
        if let Some(id) = self.root.take() {
            gc::remove_root_range(id);
        }
        let words = self.items.capacity() * std::mem::size_of::<T>() / 8;
        // SAFETY: the buffer stays allocated until the next reroot or drop,
        // both of which remove the range first.
        let id = unsafe { gc::add_root_range(self.items.as_ptr() as *const usize, words) };
        self.root = Some(id.unwrap_or_else(|_| fatal("cannot register a root range")));
    }

    #[inline]
    pub fn push(&mut self, item: T) {
        if self.items.len() == self.items.capacity() {
            self.items.reserve(self.items.capacity());
            self.reroot();
        }
        self.items.push(item);
    }
    #[inline]
    pub fn pop(&mut self) -> Option<T> {
        self.items.pop()
    }
    #[inline]
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    #[inline]
    pub fn truncate(&mut self, len: usize) {
        self.items.truncate(len);
    }
    #[inline]
    pub fn last(&self) -> Option<&T> {
        self.items.last()
    }
    #[inline]
    pub fn last_mut(&mut self) -> Option<&mut T> {
        self.items.last_mut()
    }
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        &mut self.items
    }
    /// Append copies of `src` (a range of this vector) at the end.
    pub fn extend_from_within(&mut self, src: std::ops::Range<usize>) {
        for i in src {
            let item = self.items[i];
            self.push(item);
        }
    }
}

impl<T: Copy> std::ops::Index<usize> for RootedVec<T> {
    type Output = T;
    #[inline(always)]
    fn index(&self, i: usize) -> &T {
        &self.items[i]
    }
}

impl<T: Copy> std::ops::IndexMut<usize> for RootedVec<T> {
    #[inline(always)]
    fn index_mut(&mut self, i: usize) -> &mut T {
        &mut self.items[i]
    }
}

impl<T: Copy> Drop for RootedVec<T> {
    fn drop(&mut self) {
        if let Some(id) = self.root.take() {
            gc::remove_root_range(id);
        }
    }
}
