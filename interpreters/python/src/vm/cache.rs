//! Per-instruction inline caches for `LOAD_GLOBAL`, `LOAD_ATTR` and
//! `LOAD_METHOD`.
//!
//! # Design
//!
//! Every code object has one cache site per such instruction (numbered when
//! the code is loaded, [`CodeCaches`]). A site remembers what the slow path
//! found last time together with a *proof* that the answer still holds, and
//! checks the proof before using it. The proof is structural, after
//! CPython 3.11's "dict keys version": a dict here is CPython's compact dict
//! (`objects/dict.rs`: `[type, len, used, entries, indices]`, entries
//! `[hash, key, value]` appended in insertion order, a deleted entry's key
//! set to 0, a resize or clear making a new entries record). So
//!
//! - "key `k` is still at entry `i` of dict `d`" is `d.entries == E &&
//!   E[i].key == k`, and the value is then read live from `E[i].value`, so
//!   rebinding a global or a class attribute needs no invalidation at all;
//! - "no key was added to `d`" is `d.entries == E && d.used == U` (a new key
//!   is always appended, bumping `used`, or resizes, replacing `entries`).
//!
//! No write path has to know about the caches (dict stores, `setattr` on
//! types, `globals()[...] = ...`, class bodies, `exec` are all covered).
//! The cache tables are GC root ranges, so everything a proof names (dicts'
//! entries records, MRO tuples, types) is kept alive and pinned: an address
//! in a proof is never reused for another object.
//!
//! `LOAD_GLOBAL`: the name found in the frame's globals (proof: key still
//! at its entry) or in the builtins (proof: key still at its builtins entry,
//! and no key added to the globals since, which could shadow it).
//!
//! `LOAD_ATTR`/`LOAD_METHOD` on an instance of a user class (kind
//! `Instance`, attributes in a framework shape, no custom
//! `__getattribute__`), for names that are not dunders: keyed by (type,
//! shape); the proof is the type's MRO tuple, "no key added" for every dict
//! along it (so nothing new can shadow, turn into a data descriptor or
//! appear as `__getattribute__`), and, when the name was found on a class,
//! that entry still holding the same value. The answer is then one of: the
//! instance's slot `i` (read live), a plain function (a method: `LOAD_METHOD`
//! pushes it with `self`, no bound-method object), or a class attribute of a
//! builtin type to bind (property, classmethod, a plain value, ...). Each
//! site keeps [`WAYS`] entries (sites in base-class methods see several
//! subclasses) and replaces them round robin.
//!
//! `STORE_ATTR` on such an instance whose shape already has the attribute
//! uses the same entries (answer: the slot to overwrite) when the type has
//! no custom `__setattr__` and the name is no property or user descriptor.
//!
//! These are the checks the JIT will turn into guards on promoted values
//! (the type, the shape, the entries records).

use super::Vm;
use crate::compile::bytecode::{CodeObject, Opcode};
use crate::objects::str::as_str;
use crate::objects::typeobj::{T_DICT, T_MRO, info};
use crate::objects::{Kind, RootedVec, Value};
use std::cell::RefCell;

// The compact dict's words (objects/dict.rs) and an entry's.
const D_USED: usize = 2;
const D_ENTRIES: usize = 3;
const E_KEY: usize = 1;
const E_VALUE: usize = 2;

/// The longest MRO an attribute entry covers.
pub const MAX_MRO: usize = 5;
/// Entries per attribute site.
pub const WAYS: usize = 4;

/// No cache site for this instruction.
pub const NO_SITE: u32 = u32::MAX;

/// A `LOAD_GLOBAL` site.
#[derive(Clone, Copy, Default)]
#[repr(C)]
pub struct GlobalEntry {
    /// The globals dict the entry is for; NULL: empty.
    globals: Value,
    /// The globals' entries record and used count when filled.
    g_entries: Value,
    g_used: usize,
    /// The builtins dict when the name was found there, else NULL.
    builtins: Value,
    /// The entries record holding the name, and where.
    entries: Value,
    index: usize,
    key: Value,
}

/// How a cached attribute is produced.
const HOW_SLOT: usize = 1;
const HOW_METHOD: usize = 2;
const HOW_BIND: usize = 3;
/// A store that adds the attribute: the shape moves to `new_shape`.
const HOW_ADD: usize = 4;

/// One (type, shape) entry of a `LOAD_ATTR`/`LOAD_METHOD`/`STORE_ATTR` site.
#[derive(Clone, Copy, Default)]
#[repr(C)]
pub struct AttrEntry {
    /// The instance type; NULL: empty.
    ty: Value,
    /// The instance's shape word (a tagged shape address).
    shape: usize,
    mro: Value,
    /// The dicts of the heap types along the MRO (builtin types' dicts are
    /// filled at start-up and never change), with their entries record and
    /// used count when filled.
    ndicts: usize,
    dicts: [Value; MAX_MRO],
    entries: [Value; MAX_MRO],
    used: [usize; MAX_MRO],
    /// The entries record holding the name on the first class that has it
    /// (NULL: on none), the entry index and the value it held.
    found: Value,
    index: usize,
    descr: Value,
    how: usize,
    /// The instance slot (HOW_SLOT, HOW_ADD).
    slot: usize,
    /// The shape after the store (HOW_ADD).
    new_shape: usize,
}

/// What a cached attribute site answered.
#[derive(Clone, Copy)]
pub enum AttrHit {
    /// The attribute's value (an instance slot).
    Value(Value),
    /// A plain function found on the class: a method of the instance.
    Method(Value),
    /// A class attribute to bind (`Vm::bind`) to the instance.
    Bind(Value),
}

/// The cache sites of one code object.
pub struct CodeCaches {
    /// Per instruction: its site, or NO_SITE.
    site: Vec<u32>,
    globals: RefCell<RootedVec<GlobalEntry>>,
    attrs: RefCell<RootedVec<AttrEntry>>,
    /// Per attribute site: the next way to replace.
    next_way: RefCell<Vec<u8>>,
}

impl CodeCaches {
    pub fn new(co: &CodeObject) -> CodeCaches {
        let mut site = Vec::with_capacity(co.code.len());
        let (mut nglobal, mut nattr) = (0u32, 0u32);
        for instr in &co.code {
            site.push(match instr.op {
                Opcode::LOAD_GLOBAL => {
                    nglobal += 1;
                    nglobal - 1
                }
                Opcode::LOAD_ATTR | Opcode::LOAD_METHOD | Opcode::STORE_ATTR => {
                    nattr += 1;
                    nattr - 1
                }
                _ => NO_SITE,
            });
        }
        let mut globals = RootedVec::with_capacity(nglobal as usize);
        for _ in 0..nglobal {
            globals.push(GlobalEntry::default());
        }
        let mut attrs = RootedVec::with_capacity(nattr as usize * WAYS);
        for _ in 0..nattr as usize * WAYS {
            attrs.push(AttrEntry::default());
        }
        CodeCaches {
            site,
            globals: RefCell::new(globals),
            attrs: RefCell::new(attrs),
            next_way: RefCell::new(vec![0; nattr as usize]),
        }
    }

    #[inline(always)]
    fn site(&self, pc: usize) -> usize {
        self.site.get(pc).copied().unwrap_or(NO_SITE) as usize
    }
}

/// Entry `index` of `dict` when its key is `key` (an identity match).
fn entry_of(dict: Value, key: Value) -> Option<usize> {
    let entries = dict.get(D_ENTRIES);
    (0..Vm::dict_used(dict)).find(|&i| entries.get(3 * i + E_KEY) == key)
}

fn is_dunder(name: Value) -> bool {
    let s = as_str(name);
    s.len() > 4 && s.starts_with("__") && s.ends_with("__")
}

impl Vm {
    /// `LOAD_GLOBAL name` at `pc`, through its cache.
    #[inline]
    pub fn cached_global(
        &mut self,
        caches: &CodeCaches,
        pc: usize,
        globals: Value,
        name: Value,
    ) -> Option<Value> {
        let site = caches.site(pc);
        if site == NO_SITE as usize {
            return self.global_slow(globals, name);
        }
        {
            let table = caches.globals.borrow();
            let e = &table[site];
            if e.globals == globals
                && globals.get(D_ENTRIES) == e.g_entries
                && e.entries.get(3 * e.index + E_KEY) == e.key
                && (e.builtins.is_null()
                    || (globals.word(D_USED) == e.g_used
                        && e.builtins == self.builtins
                        && self.builtins.get(D_ENTRIES) == e.entries))
            {
                return Some(e.entries.get(3 * e.index + E_VALUE));
            }
        }
        let v = self.global_slow(globals, name)?;
        let filled = if let Some(i) = entry_of(globals, name) {
            Some((Value::NULL, globals.get(D_ENTRIES), i))
        } else {
            entry_of(self.builtins, name).map(|i| (self.builtins, self.builtins.get(D_ENTRIES), i))
        };
        if let Some((builtins, entries, index)) = filled {
            caches.globals.borrow_mut()[site] = GlobalEntry {
                globals,
                g_entries: globals.get(D_ENTRIES),
                g_used: globals.word(D_USED),
                builtins,
                entries,
                index,
                key: name,
            };
        }
        Some(v)
    }

    fn global_slow(&mut self, globals: Value, name: Value) -> Option<Value> {
        match self.dict_get_str(globals, name) {
            Some(v) => Some(v),
            None => self.dict_get_str(self.builtins, name),
        }
    }

    /// A cached answer for `obj.name` at `pc`, if the site has a valid one.
    #[inline]
    pub fn cached_attr(&self, caches: &CodeCaches, pc: usize, obj: Value) -> Option<AttrHit> {
        if !obj.is_ptr() {
            return None;
        }
        let site = caches.site(pc);
        if site == NO_SITE as usize {
            return None;
        }
        let ty = obj.raw_type();
        let table = caches.attrs.borrow();
        for e in &table.as_slice()[site * WAYS..site * WAYS + WAYS] {
            if e.ty == ty && obj.word(1) == e.shape {
                return self.check_attr_entry(e, obj);
            }
        }
        None
    }

    /// Whether `e`'s proof holds (the caller matched type and shape).
    #[inline]
    fn proof_holds(&self, e: &AttrEntry) -> bool {
        if e.ty.get(T_MRO) != e.mro {
            return false;
        }
        for j in 0..e.ndicts {
            let d = e.dicts[j];
            if d.get(D_ENTRIES) != e.entries[j] || d.word(D_USED) != e.used[j] {
                return false;
            }
        }
        e.found.is_null() || e.found.get(3 * e.index + E_VALUE) == e.descr
    }

    #[inline]
    fn check_attr_entry(&self, e: &AttrEntry, obj: Value) -> Option<AttrHit> {
        if e.how == HOW_ADD || !self.proof_holds(e) {
            return None;
        }
        Some(match e.how {
            HOW_SLOT => AttrHit::Value(obj.get(2).get(e.slot)),
            HOW_METHOD => AttrHit::Method(e.descr),
            _ => AttrHit::Bind(e.descr),
        })
    }

    /// `obj.name = value` through the cache at `pc`: true when done.
    #[inline]
    pub fn cached_store(&self, caches: &CodeCaches, pc: usize, obj: Value, value: Value) -> bool {
        let site = caches.site(pc);
        if site == NO_SITE as usize || !obj.is_ptr() {
            return false;
        }
        let ty = obj.raw_type();
        let table = caches.attrs.borrow();
        for e in &table.as_slice()[site * WAYS..site * WAYS + WAYS] {
            if e.ty != ty || obj.word(1) != e.shape {
                continue;
            }
            match e.how {
                HOW_SLOT if self.proof_holds(e) => {
                    obj.get(2).set(e.slot, value);
                    return true;
                }
                HOW_ADD if self.proof_holds(e) => {
                    let slots = obj.get(2);
                    if e.slot >= slots.ptr().payload_words() {
                        return false;
                    }
                    slots.set(e.slot, value);
                    // The shape word is a tagged address, not a reference.
                    obj.ptr().store(1, e.new_shape);
                    return true;
                }
                _ => {}
            }
        }
        false
    }

    /// The MRO part of an entry for `ty.name`, or None when it does not
    /// qualify (MRO with too many classes, a user descriptor, a key that is
    /// an equal but distinct str).
    fn attr_proof(&mut self, ty: Value, name: Value) -> Option<AttrEntry> {
        let mro = ty.get(T_MRO);
        let mut e = AttrEntry {
            ty,
            mro,
            ..AttrEntry::default()
        };
        for j in 0..self.tuple_items(mro).len() {
            let k = self.tuple_items(mro)[j];
            let d = k.get(T_DICT);
            if info(k).heap {
                if e.ndicts == MAX_MRO {
                    return None;
                }
                e.dicts[e.ndicts] = d;
                e.entries[e.ndicts] = d.get(D_ENTRIES);
                e.used[e.ndicts] = d.word(D_USED);
                e.ndicts += 1;
            }
            if e.found.is_null() && self.dict_get_str(d, name).is_some() {
                let i = entry_of(d, name)?;
                e.found = d.get(D_ENTRIES);
                e.index = i;
                e.descr = e.found.get(3 * i + E_VALUE);
            }
        }
        if !e.descr.is_null() && info(self.type_of(e.descr)).heap {
            // A user descriptor (its `__get__`/`__set__` may change).
            return None;
        }
        Some(e)
    }

    /// Whether `obj` is an instance the caches handle, and its shape word.
    fn cacheable_instance(&mut self, obj: Value, name: Value) -> Option<(Value, usize)> {
        if !obj.is_ptr() || is_dunder(name) {
            return None;
        }
        let ty = obj.raw_type();
        let shape = obj.word(1);
        (info(ty).kind == Kind::Instance && shape & 1 == 1).then_some((ty, shape))
    }

    /// An instance's shape word (0 for anything else), read before a store.
    #[inline]
    pub fn shape_word(&self, obj: Value) -> usize {
        if obj.is_ptr() && info(obj.raw_type()).kind == Kind::Instance {
            obj.word(1)
        } else {
            0
        }
    }

    fn shape_slot(&mut self, shape: usize, name: Value) -> Option<usize> {
        // SAFETY: an instance's tagged word 1 is the tagged address of a
        // leaked, never freed framework Shape.
        let shape_ref = unsafe { &*((shape & !1) as *const retrace::shapes::Shape) };
        let id = self.name_id(name);
        shape_ref.lookup(id)
    }

    fn store_entry(caches: &CodeCaches, pc: usize, e: AttrEntry) {
        let site = caches.site(pc);
        let way = {
            let mut next = caches.next_way.borrow_mut();
            let w = next[site] as usize;
            next[site] = ((w + 1) % WAYS) as u8;
            w
        };
        let mut table = caches.attrs.borrow_mut();
        let ways = &mut table.as_mut_slice()[site * WAYS..site * WAYS + WAYS];
        // Replace the entry for the same (type, shape) if there is one.
        let at = ways
            .iter()
            .position(|x| x.ty == e.ty && x.shape == e.shape)
            .unwrap_or(way);
        ways[at] = e;
    }

    /// After a slow lookup of `obj.name` at `pc`: remember how it resolves
    /// when the instance and its type qualify (see the module essay).
    pub fn fill_attr_cache(&mut self, caches: &CodeCaches, pc: usize, obj: Value, name: Value) {
        if caches.site(pc) == NO_SITE as usize {
            return;
        }
        let Some((ty, shape)) = self.cacheable_instance(obj, name) else {
            return;
        };
        if info(ty).heap {
            let ga = self.intern("__getattribute__");
            if self.type_lookup(ty, ga) != Some(self.object_getattribute) {
                return;
            }
        }
        let Some(mut e) = self.attr_proof(ty, name) else {
            return;
        };
        e.shape = shape;
        let in_slot = self.shape_slot(shape, name);
        if !e.descr.is_null() {
            let dt = self.type_of(e.descr);
            if dt == self.t.property {
                // A getter raising AttributeError falls back to `__getattr__`,
                // which the cached path does not do: only without one (adding
                // one adds a key, which the proof sees).
                let ga = self.intern("__getattr__");
                if self.type_lookup(ty, ga).is_some() {
                    return;
                }
                e.how = HOW_BIND;
            } else if let Some(slot) = in_slot {
                e.how = HOW_SLOT;
                e.slot = slot;
            } else if dt == self.t.function {
                e.how = HOW_METHOD;
            } else {
                e.how = HOW_BIND;
            }
        } else if let Some(slot) = in_slot {
            e.how = HOW_SLOT;
            e.slot = slot;
        } else {
            return;
        }
        Self::store_entry(caches, pc, e);
    }

    /// After a slow `obj.name = value` at `pc` (done), where the instance's
    /// shape word was `old_shape` before: remember the slot it wrote, and
    /// the shape change when the store added the attribute.
    pub fn fill_store_cache(
        &mut self,
        caches: &CodeCaches,
        pc: usize,
        obj: Value,
        name: Value,
        old_shape: usize,
    ) {
        if caches.site(pc) == NO_SITE as usize {
            return;
        }
        let Some((ty, shape)) = self.cacheable_instance(obj, name) else {
            return;
        };
        if info(ty).slots.is_some() || old_shape & 1 == 0 {
            return;
        }
        if info(ty).heap {
            let sa = self.intern("__setattr__");
            if self.type_lookup(ty, sa) != Some(self.object_setattr) {
                return;
            }
        }
        let Some(mut e) = self.attr_proof(ty, name) else {
            return;
        };
        if !e.descr.is_null() && self.type_of(e.descr) == self.t.property {
            return;
        }
        let Some(slot) = self.shape_slot(shape, name) else {
            return;
        };
        e.slot = slot;
        if shape == old_shape {
            e.how = HOW_SLOT;
            e.shape = shape;
        } else if self.shape_slot(old_shape, name).is_none() {
            e.how = HOW_ADD;
            e.shape = old_shape;
            e.new_shape = shape;
        } else {
            return;
        }
        Self::store_entry(caches, pc, e);
    }
}
