//! Per-instruction inline caches for `LOAD_GLOBAL`, `LOAD_ATTR`,
//! `LOAD_METHOD` and `STORE_ATTR`, proved by version cells.
//!
//! # Design
//!
//! Every code object has one cache site per such instruction (numbered when
//! the code is loaded, [`CodeCaches`]). A site remembers what the slow path
//! found last time together with the version of the dict(s) the answer came
//! from; a hit is "the version is still the one I saw": one load and one
//! compare per cell.
//!
//! The versions are [`DictVersion`]s: a leaked framework
//! [`retrace::VersionCell`] (so the JIT reads them with `quasi_immutable`
//! and guards with `guard_not_invalidated`) hung off word 5 of the dicts
//! that need one (module globals, the builtins, class namespaces), attached
//! the first time a cache relies on the dict. Every write to a dict goes
//! through `objects/dict.rs`, which bumps the cell, so no write path has to
//! know about caches: `STORE_GLOBAL`, `globals()[k] = v`, `module.x = v`,
//! `setattr(cls, ...)`, `cls.__dict__[k] = v`, `exec` into a module dict,
//! `import` binding names, `del`, and the dict methods all land there.
//!
//! Two policies, chosen per dict:
//!
//! - module globals and the builtins (the default, *key-set*): the cell is
//!   bumped when the key set changes (insert, delete, clear) or the entries
//!   record is rebuilt (resize). A `LOAD_GLOBAL` site keeps the entry
//!   position and reads the value there live: the compact dict's entry slot
//!   is the per-key cell, stable while the key set is. Rebinding a global
//!   (`global n; n += 1` in a hot loop, which pystone does) then costs no
//!   invalidation. docs/python-vm.md has the measurement against bumping on
//!   every store (`REPY_GLOBALS_VERSION=every-store` selects that policy, for
//!   measuring).
//! - class namespaces (*every store*): the cached answer is a constant (the
//!   function `LOAD_METHOD` calls, the descriptor to bind), so rebinding a
//!   key bumps too. A class's cell also stands for its whole MRO: each class
//!   registers its cell with every class on its MRO the first time a cache
//!   relies on it, and a bump of a class bumps its registered subclasses'
//!   cells (flat lists, no recursion). So an attribute hit checks the
//!   instance type's cell only, and a write to any class on the MRO (a new
//!   method on a base shadowing, a rebound base method) is seen at once.
//!   `__bases__` assignment bumps the class (objects/typeobj.rs) and has it
//!   register again with its new MRO; `__class__` assignment changes the
//!   instance's type, which the sites key on.
//!
//! Cells are leaked like shapes and type infos (types are immortal here);
//! a module dict made by `exec` into a fresh dict leaks one small cell once
//! a cache fills for it.
//!
//! `LOAD_GLOBAL`: the name found in the frame's globals (globals version),
//! or in the builtins (globals version, so nothing new shadows it, and
//! builtins version).
//!
//! `LOAD_ATTR`/`LOAD_METHOD` on an instance of a user class (kind
//! `Instance`, attributes in a framework shape, no custom
//! `__getattribute__`), for names that are not dunders: keyed by (type,
//! shape), proved by the type's cell. The answer is one of: the instance's
//! slot `i` (read live), a plain function (a method: `LOAD_METHOD` pushes it
//! with `self`, no bound-method object), or a class attribute of a builtin
//! type to bind (property, classmethod, a plain value, ...). User
//! descriptors are not cached (their type's `__get__` may change). Each
//! site keeps [`WAYS`] entries (sites in base-class methods see several
//! subclasses) and replaces them round robin.
//!
//! `LOAD_ATTR`/`LOAD_METHOD` on a module (`math.sqrt`), for names that
//! are not dunders: keyed by the module's dict, proved by that dict's
//! key-set version, the value read live from its entry as for globals.
//!
//! `STORE_ATTR` on such an instance whose shape already has the attribute
//! uses the same entries (answer: the slot to overwrite) when the type has
//! no custom `__setattr__` and the name is no property or user descriptor;
//! a store that adds the attribute caches the shape transition.
//!
//! The cache tables are GC root ranges (conservative), so what an entry
//! names (globals dicts, entries records, types, descriptors) stays alive
//! and pinned.

use super::Vm;
use crate::compile::bytecode::{CodeObject, Opcode};
use crate::objects::dict::{W_VERSION, dict_version};
use crate::objects::str::as_str;
use crate::objects::typeobj::{T_DICT, T_MRO, info};
use crate::objects::{Kind, RootedVec, Value};
use retrace::VersionCell;
use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

// The compact dict's entries record (objects/dict.rs): `[hash, key, value]`.
const D_ENTRIES: usize = 3;
const E_VALUE: usize = 2;

/// Entries per attribute site.
pub const WAYS: usize = 4;

/// No cache site for this instruction.
pub const NO_SITE: u32 = u32::MAX;

/// The version cell of a dict the caches rely on (see the module essay).
pub struct DictVersion {
    cell: VersionCell,
    /// Rebinding an existing key bumps too (class namespaces).
    every_store: Cell<bool>,
    /// For a class namespace: the cells of the classes whose MRO holds it.
    dependents: RefCell<Vec<&'static DictVersion>>,
    /// For a class namespace: registered with every class on its MRO.
    registered: Cell<bool>,
}

impl DictVersion {
    /// `d`'s cell, made and hung on the dict if it has none. `every_store`
    /// asks for the class-namespace policy (an existing key-set cell is
    /// upgraded: bumping more often is always safe).
    pub fn attach(d: Value, every_store: bool) -> &'static DictVersion {
        if let Some(v) = dict_version(d) {
            if every_store {
                v.every_store.set(true);
            }
            return v;
        }
        let v: &'static DictVersion = Box::leak(Box::new(DictVersion {
            cell: VersionCell::new(0),
            every_store: Cell::new(every_store),
            dependents: RefCell::new(Vec::new()),
            registered: Cell::new(false),
        }));
        // Tagged like an int, so the collector does not take it for a
        // reference.
        d.ptr()
            .store(W_VERSION, v as *const DictVersion as usize | 1);
        v
    }

    /// The framework cell, for `Ops::quasi_immutable`.
    pub fn cell(&'static self) -> &'static VersionCell {
        &self.cell
    }

    #[inline(always)]
    pub fn version(&self) -> u64 {
        self.cell.version()
    }

    /// Whether rebinding a key bumps this cell.
    pub fn bumps_on_rebind(&self) -> bool {
        self.every_store.get()
    }

    /// A lookup in the dict (or, for a class, along an MRO holding it) may
    /// answer differently now.
    pub fn bump(&self) {
        bump_cell(&self.cell);
        for d in self.dependents.borrow().iter() {
            bump_cell(&d.cell);
        }
    }

    /// An existing key was rebound.
    #[inline]
    pub fn rebound(&self) {
        if self.every_store.get() {
            self.bump();
        }
    }

    /// The class's MRO changed (`__bases__`): invalidate, register anew.
    pub fn mro_changed(&self) {
        self.registered.set(false);
        self.bump();
    }
}

fn bump_cell(c: &VersionCell) {
    // The value is unused (the version is the point); `set` bumps.
    c.set(c.get());
}

/// A raw cell address as kept in the cache tables.
#[inline(always)]
fn version_at(addr: usize) -> u64 {
    // SAFETY: only addresses of leaked, never freed DictVersions are stored
    // (by the fill functions below), and only read for filled entries.
    unsafe { (*(addr as *const DictVersion)).version() }
}

/// Globals and builtins bump on every store too (a measuring switch).
fn globals_every_store() -> bool {
    static EVERY_STORE: OnceLock<bool> = OnceLock::new();
    *EVERY_STORE
        .get_or_init(|| std::env::var("REPY_GLOBALS_VERSION").is_ok_and(|v| v == "every-store"))
}

/// A `LOAD_GLOBAL` site.
#[derive(Clone, Copy, Default)]
#[repr(C)]
pub struct GlobalEntry {
    /// The globals dict the entry is for; NULL: empty.
    globals: Value,
    /// The globals' cell and its version when filled.
    g_cell: usize,
    g_version: u64,
    /// The builtins dict when the name was found there, else NULL; its cell
    /// and version.
    builtins: Value,
    b_cell: usize,
    b_version: u64,
    /// The entries record holding the name, and where.
    entries: Value,
    index: usize,
}

/// How a cached attribute is produced.
const HOW_SLOT: usize = 1;
const HOW_METHOD: usize = 2;
const HOW_BIND: usize = 3;
/// A store that adds the attribute: the shape moves to `new_shape`.
const HOW_ADD: usize = 4;
/// A module attribute: entry `slot` of the entries record in `descr`, read
/// live (the module dict's key-set version proves the position).
const HOW_MODULE: usize = 5;

/// One (type, shape) entry of a `LOAD_ATTR`/`LOAD_METHOD`/`STORE_ATTR` site.
#[derive(Clone, Copy, Default)]
#[repr(C)]
pub struct AttrEntry {
    /// The instance type; NULL: empty.
    ty: Value,
    /// The instance's shape word (a tagged shape address).
    shape: usize,
    /// The type's cell (it stands for the whole MRO) and its version.
    cell: usize,
    version: u64,
    /// The class attribute found (NULL: none).
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
                && version_at(e.g_cell) == e.g_version
                && (e.builtins.is_null()
                    || (e.builtins == self.builtins && version_at(e.b_cell) == e.b_version))
            {
                return Some(e.entries.get(3 * e.index + E_VALUE));
            }
        }
        let v = self.global_slow(globals, name)?;
        self.fill_global(caches, site, globals, name);
        Some(v)
    }

    /// Remember where `name` was found (the caller found it).
    fn fill_global(&mut self, caches: &CodeCaches, site: usize, globals: Value, name: Value) {
        let every_store = globals_every_store();
        let g = DictVersion::attach(globals, every_store);
        let mut e = GlobalEntry {
            globals,
            g_cell: g as *const DictVersion as usize,
            g_version: g.version(),
            ..GlobalEntry::default()
        };
        let (dict, index) = match self.dict_index_str(globals, name) {
            Some(i) => (globals, i),
            None => {
                // Versions are read before the lookups: a key's `__eq__`
                // that writes makes the entry fail, never lie.
                let builtins = self.builtins;
                let b = DictVersion::attach(builtins, every_store);
                e.builtins = builtins;
                e.b_cell = b as *const DictVersion as usize;
                e.b_version = b.version();
                let Some(i) = self.dict_index_str(builtins, name) else {
                    return;
                };
                (builtins, i)
            }
        };
        e.entries = dict.get(D_ENTRIES);
        e.index = index;
        caches.globals.borrow_mut()[site] = e;
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
    #[inline(always)]
    fn proof_holds(&self, e: &AttrEntry) -> bool {
        version_at(e.cell) == e.version
    }

    #[inline]
    fn check_attr_entry(&self, e: &AttrEntry, obj: Value) -> Option<AttrHit> {
        if e.how == HOW_ADD || !self.proof_holds(e) {
            return None;
        }
        Some(match e.how {
            HOW_SLOT => AttrHit::Value(obj.get(2).get(e.slot)),
            HOW_MODULE => AttrHit::Value(e.descr.get(3 * e.slot + E_VALUE)),
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

    /// `ty`'s cell, registered with every class on its MRO (so a write to
    /// any of them bumps it).
    pub fn type_version(&mut self, ty: Value) -> &'static DictVersion {
        let tv = DictVersion::attach(ty.get(T_DICT), true);
        if !tv.registered.get() {
            let mro = ty.get(T_MRO);
            for j in 1..self.tuple_items(mro).len() {
                let k = self.tuple_items(mro)[j];
                let kv = DictVersion::attach(k.get(T_DICT), true);
                let mut deps = kv.dependents.borrow_mut();
                if !deps.iter().any(|&d| std::ptr::eq(d, tv)) {
                    deps.push(tv);
                }
            }
            tv.registered.set(true);
        }
        tv
    }

    /// The version part of an entry for `ty.name`, or None when it does not
    /// qualify (a user descriptor).
    fn attr_proof(&mut self, ty: Value, name: Value) -> Option<AttrEntry> {
        let tv = self.type_version(ty);
        // Read first: a write during the lookup makes the entry fail.
        let version = tv.version();
        let descr = self.type_lookup(ty, name).unwrap_or(Value::NULL);
        if !descr.is_null() && info(self.type_of(descr)).heap {
            // A user descriptor (its `__get__`/`__set__` may change).
            return None;
        }
        Some(AttrEntry {
            ty,
            cell: tv as *const DictVersion as usize,
            version,
            descr,
            ..AttrEntry::default()
        })
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
        if obj.is_ptr() && obj.raw_type() == self.t.module && !is_dunder(name) {
            self.fill_module_attr(caches, pc, obj, name);
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

    /// `module.name` found in the module's dict (a module of the builtin
    /// type: its type's dict never changes, and has no data descriptor for
    /// such a name). Keyed by (module type, dict address): word 1 of a module
    /// is its dict, which the entry keeps alive and pinned.
    fn fill_module_attr(&mut self, caches: &CodeCaches, pc: usize, module: Value, name: Value) {
        let d = module.get(1);
        let v = DictVersion::attach(d, globals_every_store());
        let version = v.version();
        let Some(index) = self.dict_index_str(d, name) else {
            return;
        };
        let e = AttrEntry {
            ty: self.t.module,
            shape: d.0,
            cell: v as *const DictVersion as usize,
            version,
            descr: d.get(D_ENTRIES),
            how: HOW_MODULE,
            slot: index,
            new_shape: 0,
        };
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

#[cfg(test)]
mod tests {
    use super::*;

    fn main_global(vm: &mut Vm, name: &str) -> Value {
        let modules = vm.modules;
        let k = vm.intern("__main__");
        let main = vm.dict_get_str(modules, k).expect("__main__ module");
        let k = vm.intern(name);
        vm.dict_get_str(main.get(1), k).expect("a global")
    }

    /// Runs `write` and says whether `cell`'s version moved.
    fn bumps(cell: &DictVersion, vm: &mut Vm, write: impl FnOnce(&mut Vm)) -> bool {
        let before = cell.version();
        write(vm);
        cell.version() != before
    }

    #[test]
    fn module_dict_version_moves_on_key_set_changes() {
        let mut vm = Vm::new();
        let g = vm.new_dict();
        let cell = DictVersion::attach(g, false);
        assert!(std::ptr::eq(cell, dict_version(g).expect("attached")));
        let (a, b) = (vm.intern("a"), vm.intern("b"));
        let one = Value::small(1);
        assert!(bumps(cell, &mut vm, |vm| vm.dict_set(g, a, one).unwrap()));
        // Rebinding keeps the key set: the caches read the entry live.
        assert!(!bumps(cell, &mut vm, |vm| {
            vm.dict_set(g, a, Value::small(2)).unwrap()
        }));
        assert!(bumps(cell, &mut vm, |vm| vm.dict_set(g, b, one).unwrap()));
        assert!(bumps(cell, &mut vm, |vm| {
            vm.dict_del(g, b).unwrap();
        }));
        // Deleting a missing key changes nothing.
        assert!(!bumps(cell, &mut vm, |vm| {
            vm.dict_del(g, b).unwrap();
        }));
        let other = vm.new_dict();
        vm.dict_set(other, b, one).unwrap();
        assert!(bumps(cell, &mut vm, |vm| vm.dict_update(g, other).unwrap()));
        assert!(bumps(cell, &mut vm, |vm| vm.dict_clear(g)));
        // A resize replaces the entries record the caches point into.
        for i in 0..4 {
            let k = vm.intern(&format!("k{i}"));
            vm.dict_set(g, k, one).unwrap();
        }
        let mut moved = 0;
        for i in 4..64 {
            let entries = g.get(D_ENTRIES);
            let k = vm.intern(&format!("k{i}"));
            let before = cell.version();
            vm.dict_set(g, k, one).unwrap();
            if g.get(D_ENTRIES) != entries {
                assert_ne!(cell.version(), before);
                moved += 1;
            }
        }
        assert!(moved > 0, "the dict never resized");
        // Upgrading to the class policy makes rebinding bump too.
        assert!(std::ptr::eq(DictVersion::attach(g, true), cell));
        assert!(bumps(cell, &mut vm, |vm| {
            vm.dict_set(g, a, Value::small(3)).unwrap()
        }));
    }

    #[test]
    fn class_versions_cover_the_mro() {
        let mut vm = Vm::new();
        let src = "class A:\n    x = 1\nclass B(A):\n    pass\nclass C:\n    pass\nclass D(B):\n    pass\n";
        assert!(vm.run_source(src, "<test>").is_ok());
        let (a, b, c, d) = (
            main_global(&mut vm, "A"),
            main_global(&mut vm, "B"),
            main_global(&mut vm, "C"),
            main_global(&mut vm, "D"),
        );
        let dv = vm.type_version(d);
        let av = dict_version(a.get(T_DICT)).expect("registered on A");
        let x = vm.intern("x");
        let y = vm.intern("y");
        // Rebinding, adding, deleting on a grandparent: the subclass moves.
        assert!(bumps(dv, &mut vm, |vm| {
            vm.generic_setattr(a, x, Value::small(2)).unwrap()
        }));
        assert!(bumps(av, &mut vm, |vm| {
            vm.generic_setattr(a, x, Value::small(3)).unwrap()
        }));
        assert!(bumps(dv, &mut vm, |vm| {
            vm.generic_setattr(b, y, Value::small(1)).unwrap()
        }));
        assert!(bumps(dv, &mut vm, |vm| {
            vm.generic_setattr(b, y, Value::NULL).unwrap()
        }));
        // Through the class's dict object directly (`cls.__dict__`-level).
        let bd = b.get(T_DICT);
        assert!(bumps(dv, &mut vm, |vm| vm
            .dict_set(bd, y, Value::small(4))
            .unwrap()));
        // An unrelated class does not move it.
        assert!(!bumps(dv, &mut vm, |vm| {
            vm.generic_setattr(c, y, Value::small(1)).unwrap()
        }));
        // `__bases__` assignment moves the class and its subclasses.
        let bases_name = vm.intern("__bases__");
        let new_bases = vm.new_tuple(&[c]);
        assert!(bumps(dv, &mut vm, |vm| {
            vm.generic_setattr(b, bases_name, new_bases).unwrap()
        }));
        // D registers again with its MRO when a cache next relies on it; C
        // is on it through B now.
        let dv = vm.type_version(d);
        assert!(bumps(dv, &mut vm, |vm| {
            vm.generic_setattr(c, x, Value::small(9)).unwrap()
        }));
        let found = vm.type_lookup(d, x);
        assert_eq!(found.map(|v| v.as_small()), Some(9));
    }
}
