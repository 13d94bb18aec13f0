//! dict: insertion-ordered hash table, laid out as CPython's compact dict.
//!
//! `[type, len, used, entries, indices]`: `entries` is a record of
//! `[hash (tagged), key, value]` triples in insertion order (a deleted entry
//! has key 0); `indices` is a raw table of i64 slots (power-of-two size,
//! -1 empty, -2 deleted) pointing into `entries`, probed with CPython's
//! perturbation scheme. Iteration walks `entries`, so order is insertion
//! order. Key comparison may run Python code (`__eq__`), which may collect:
//! the tables are re-read from the dict after every comparison.
//!
//! Word 5 is the dict's version cell (`vm/cache.rs`): 0 for most dicts, the
//! tagged address of a leaked [`DictVersion`] for module globals, builtins
//! and class namespaces once an inline cache relies on them. Every write
//! that can change what a lookup answers goes through this file and bumps
//! it: inserting a key, deleting one, clearing, and (for class namespaces)
//! rebinding one.

use super::exceptions::E;
use super::function::NativeFn;
use super::{Value, alloc, alloc_rec, layouts};
use crate::vm::cache::DictVersion;
use crate::vm::{PyResult, Vm};

const W_LEN: usize = 1;
const W_USED: usize = 2;
const W_ENTRIES: usize = 3;
const W_INDICES: usize = 4;
/// The version cell word (see the module notes).
pub const W_VERSION: usize = 5;
/// Words of a plain dict (dict subclasses' attributes follow them).
pub const DICT_WORDS: usize = 6;
const EMPTY: i64 = -1;
const DUMMY: i64 = -2;

fn small(v: Value) -> usize {
    v.as_small() as usize
}

/// `d`'s version cell, if it has one.
#[inline(always)]
pub fn dict_version(d: Value) -> Option<&'static DictVersion> {
    let w = d.word(W_VERSION);
    if w & 1 == 0 {
        return None;
    }
    // SAFETY: a tagged word 5 of a dict is the address of a leaked, never
    // freed DictVersion (`DictVersion::attach`).
    Some(unsafe { &*((w & !1) as *const DictVersion) })
}

/// The key set of `d` changed (or its entries record was replaced).
#[inline(always)]
fn keys_changed(d: Value) {
    if let Some(v) = dict_version(d) {
        v.bump();
    }
}

/// An existing key of `d` was rebound.
#[inline(always)]
fn value_changed(d: Value) {
    if let Some(v) = dict_version(d) {
        v.rebound();
    }
}

impl Vm {
    pub fn new_dict(&mut self) -> Value {
        self.new_dict_sized(8)
    }

    fn new_dict_sized(&mut self, slots: usize) -> Value {
        let d = alloc_rec(self.t.dict, DICT_WORDS);
        let indices = alloc(layouts().raw, Value::NULL, slots);
        for i in 0..slots {
            indices.ptr().store(i, EMPTY as usize);
        }
        d.set(W_INDICES, indices);
        let entries = alloc(layouts().rec, Value::NULL, 3 * (slots * 2 / 3));
        d.set(W_ENTRIES, entries);
        d.ptr().store(W_LEN, Value::small(0).0);
        d.ptr().store(W_USED, Value::small(0).0);
        d
    }

    #[inline]
    pub fn is_dict(&self, v: Value) -> bool {
        v.is_ptr()
            && (v.raw_type() == self.t.dict
                || super::typeobj::info(v.raw_type()).kind == super::Kind::Dict)
    }

    pub fn dict_len(d: Value) -> usize {
        small(d.get(W_LEN))
    }

    /// Number of entry positions in use (deleted ones included): iteration
    /// goes over `0..dict_used` and skips deleted entries.
    pub fn dict_used(d: Value) -> usize {
        small(d.get(W_USED))
    }

    /// The entry at position `i`, None when deleted.
    pub fn dict_entry(d: Value, i: usize) -> Option<(Value, Value)> {
        let e = d.get(W_ENTRIES);
        let key = e.get(3 * i + 1);
        if key.is_null() {
            None
        } else {
            Some((key, e.get(3 * i + 2)))
        }
    }

    /// Find `key`: Ok(Ok(entry index)) or Ok(Err(slot to insert at)).
    fn dict_find(&mut self, d: Value, key: Value, hash: i64) -> PyResult<Result<usize, usize>> {
        // Entries keep 63-bit hashes (tagged); probe with the same bits.
        let hash = (hash << 1) >> 1;
        'restart: loop {
            let indices = d.get(W_INDICES);
            let mask = indices.ptr().payload_words() - 1;
            let mut perturb = hash as u64;
            let mut slot = (hash as u64 as usize) & mask;
            let mut free: Option<usize> = None;
            loop {
                let ix = d.get(W_INDICES).word(slot) as i64;
                if ix == EMPTY {
                    return Ok(Err(free.unwrap_or(slot)));
                }
                if ix == DUMMY {
                    free.get_or_insert(slot);
                } else {
                    let e = d.get(W_ENTRIES);
                    let k = e.get(3 * ix as usize + 1);
                    if k == key {
                        return Ok(Ok(ix as usize));
                    }
                    let h = e.get(3 * ix as usize).as_small();
                    if h == hash {
                        let before = d.get(W_ENTRIES);
                        if self.eq(k, key)? {
                            return Ok(Ok(ix as usize));
                        }
                        if d.get(W_ENTRIES) != before || d.get(W_INDICES) != indices {
                            // The dict changed under `__eq__`: look again.
                            continue 'restart;
                        }
                    }
                }
                perturb >>= 5;
                slot = (slot * 5 + 1 + perturb as usize) & mask;
            }
        }
    }

    pub fn dict_get(&mut self, d: Value, key: Value) -> PyResult<Option<Value>> {
        let hash = self.hash(key)?;
        self.dict_get_hashed(d, key, hash)
    }

    pub fn dict_get_hashed(&mut self, d: Value, key: Value, hash: i64) -> PyResult<Option<Value>> {
        Ok(match self.dict_find(d, key, hash)? {
            Ok(ix) => Some(d.get(W_ENTRIES).get(3 * ix + 2)),
            Err(_) => None,
        })
    }

    /// Lookup of an interned-or-not str key without running Python code.
    pub fn dict_get_str(&mut self, d: Value, key: Value) -> Option<Value> {
        let hash = super::str::str_hash(key);
        self.dict_get_hashed(d, key, hash).ok().flatten()
    }

    /// The entry position of a str key (for the inline caches, which read
    /// the value there live while the dict's key set is unchanged).
    pub fn dict_index_str(&mut self, d: Value, key: Value) -> Option<usize> {
        let hash = super::str::str_hash(key);
        self.dict_find(d, key, hash).ok()?.ok()
    }

    pub fn dict_set(&mut self, d: Value, key: Value, value: Value) -> PyResult<()> {
        let hash = self.hash(key)?;
        self.dict_set_hashed(d, key, hash, value)
    }

    pub fn dict_set_hashed(
        &mut self,
        d: Value,
        key: Value,
        hash: i64,
        value: Value,
    ) -> PyResult<()> {
        match self.dict_find(d, key, hash)? {
            Ok(ix) => {
                d.get(W_ENTRIES).set(3 * ix + 2, value);
                value_changed(d);
            }
            Err(slot) => {
                let used = small(d.get(W_USED));
                let cap = d.get(W_ENTRIES).ptr().payload_words() / 3;
                if used >= cap {
                    self.dict_resize(d);
                    return self.dict_set_hashed(d, key, hash, value);
                }
                let e = d.get(W_ENTRIES);
                e.set(3 * used, Value::small((hash << 1) >> 1));
                e.set(3 * used + 1, key);
                e.set(3 * used + 2, value);
                d.get(W_INDICES).ptr().store(slot, used);
                d.ptr().store(W_USED, Value::small(used as i64 + 1).0);
                let len = small(d.get(W_LEN));
                d.ptr().store(W_LEN, Value::small(len as i64 + 1).0);
                keys_changed(d);
            }
        }
        Ok(())
    }

    /// Rebuild with room for twice the live entries (dropping deleted ones).
    fn dict_resize(&mut self, d: Value) {
        let len = small(d.get(W_LEN));
        let mut slots = 8;
        while slots * 2 / 3 <= len * 2 + 1 {
            slots *= 2;
        }
        let indices = alloc(layouts().raw, Value::NULL, slots);
        for i in 0..slots {
            indices.ptr().store(i, EMPTY as usize);
        }
        let entries = alloc(layouts().rec, Value::NULL, 3 * (slots * 2 / 3));
        let old = d.get(W_ENTRIES);
        let used = small(d.get(W_USED));
        let mut n = 0;
        for i in 0..used {
            let key = old.get(3 * i + 1);
            if key.is_null() {
                continue;
            }
            let h = old.get(3 * i);
            for w in 0..3 {
                entries.ptr().store(3 * n + w, old.word(3 * i + w));
            }
            let mask = slots - 1;
            let hash = h.as_small();
            let mut perturb = hash as u64;
            let mut slot = (hash as u64 as usize) & mask;
            while indices.word(slot) as i64 != EMPTY {
                perturb >>= 5;
                slot = (slot * 5 + 1 + perturb as usize) & mask;
            }
            indices.ptr().store(slot, n);
            n += 1;
        }
        d.set(W_ENTRIES, entries);
        d.set(W_INDICES, indices);
        d.ptr().store(W_USED, Value::small(n as i64).0);
        // Caches remember entry positions in the old record.
        keys_changed(d);
    }

    /// Remove `key`, returning its value (None when absent).
    pub fn dict_del(&mut self, d: Value, key: Value) -> PyResult<Option<Value>> {
        let hash = (self.hash(key)? << 1) >> 1;
        match self.dict_find(d, key, hash)? {
            Ok(ix) => {
                let indices = d.get(W_INDICES);
                let mask = indices.ptr().payload_words() - 1;
                let mut perturb = hash as u64;
                let mut slot = (hash as u64 as usize) & mask;
                while indices.word(slot) != ix {
                    perturb >>= 5;
                    slot = (slot * 5 + 1 + perturb as usize) & mask;
                }
                indices.ptr().store(slot, DUMMY as usize);
                let e = d.get(W_ENTRIES);
                let value = e.get(3 * ix + 2);
                e.set(3 * ix + 1, Value::NULL);
                e.set(3 * ix + 2, Value::NULL);
                let len = small(d.get(W_LEN));
                d.ptr().store(W_LEN, Value::small(len as i64 - 1).0);
                keys_changed(d);
                Ok(Some(value))
            }
            Err(_) => Ok(None),
        }
    }

    pub fn dict_clear(&mut self, d: Value) {
        let fresh = self.new_dict();
        d.set(W_ENTRIES, fresh.get(W_ENTRIES));
        d.set(W_INDICES, fresh.get(W_INDICES));
        d.ptr().store(W_LEN, Value::small(0).0);
        d.ptr().store(W_USED, Value::small(0).0);
        keys_changed(d);
    }

    pub fn dict_copy(&mut self, d: Value) -> PyResult<Value> {
        let out = self.new_dict();
        let mut i = 0;
        while i < Self::dict_used(d) {
            if let Some((k, v)) = Self::dict_entry(d, i) {
                self.dict_set(out, k, v)?;
            }
            i += 1;
        }
        Ok(out)
    }

    /// `d.update(other)` for a dict or an iterable of pairs.
    pub fn dict_update(&mut self, d: Value, other: Value) -> PyResult<()> {
        if self.is_dict(other) {
            let mut i = 0;
            while i < Self::dict_used(other) {
                if let Some((k, v)) = Self::dict_entry(other, i) {
                    self.dict_set(d, k, v)?;
                }
                i += 1;
            }
            return Ok(());
        }
        if let Some(keys) = self.lookup_attr(other, "keys")? {
            let keys = self.call(keys, &[])?;
            let keys = self.collect_iterable(keys)?;
            for &k in self.tuple_items(keys) {
                let v = self.getitem(other, k)?;
                self.dict_set(d, k, v)?;
            }
            return Ok(());
        }
        let pairs = self.collect_iterable(other)?;
        for (n, &pair) in self.tuple_items(pairs).iter().enumerate() {
            let kv = match self.collect_iterable(pair) {
                Ok(kv) => kv,
                Err(e) if self.exc_matches(e.0, E::TypeError) => {
                    return Err(self.err(
                        E::TypeError,
                        format!(
                            "cannot convert dictionary update sequence element #{n} to a sequence"
                        ),
                    ));
                }
                Err(e) => return Err(e),
            };
            let kv = self.tuple_items(kv);
            if kv.len() != 2 {
                return Err(self.err(
                    E::ValueError,
                    format!(
                        "dictionary update sequence element #{n} has length {}; 2 is required",
                        kv.len()
                    ),
                ));
            }
            self.dict_set(d, kv[0], kv[1])?;
        }
        Ok(())
    }

    /// The keys (0), values (1) or (key, value) tuples (2) as a list.
    pub fn dict_list(&mut self, d: Value, what: u8) -> Value {
        let out = self.new_list(&[]);
        let mut i = 0;
        while i < Self::dict_used(d) {
            if let Some((k, v)) = Self::dict_entry(d, i) {
                let item = match what {
                    0 => k,
                    1 => v,
                    _ => self.new_tuple(&[k, v]),
                };
                self.list_append(out, item);
            }
            i += 1;
        }
        out
    }
}

fn m_get(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("get", args, 2, 3)?;
    Ok(vm
        .dict_get(args[0], args[1])?
        .unwrap_or(args.get(2).copied().unwrap_or(vm.none)))
}

fn m_setdefault(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("setdefault", args, 2, 3)?;
    if let Some(v) = vm.dict_get(args[0], args[1])? {
        return Ok(v);
    }
    let default = args.get(2).copied().unwrap_or(vm.none);
    vm.dict_set(args[0], args[1], default)?;
    Ok(default)
}

fn m_pop(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("pop", args, 2, 3)?;
    match vm.dict_del(args[0], args[1])? {
        Some(v) => Ok(v),
        None => match args.get(2) {
            Some(&d) => Ok(d),
            None => Err(vm.key_error(args[1])),
        },
    }
}

fn m_popitem(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let d = args[0];
    let mut i = Vm::dict_used(d);
    while i > 0 {
        i -= 1;
        if let Some((k, v)) = Vm::dict_entry(d, i) {
            vm.dict_del(d, k)?;
            return Ok(vm.new_tuple(&[k, v]));
        }
    }
    Err(vm.err(E::KeyError, "popitem(): dictionary is empty"))
}

fn m_keys(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(vm.new_view(args[0], 0))
}
fn m_values(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(vm.new_view(args[0], 1))
}
fn m_items(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(vm.new_view(args[0], 2))
}

fn m_update(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kw.len();
    if npos > 2 {
        return Err(vm.err(
            E::TypeError,
            format!("update expected at most 1 argument, got {}", npos - 1),
        ));
    }
    if npos == 2 {
        vm.dict_update(args[0], args[1])?;
    }
    for (i, &k) in kw.iter().enumerate() {
        vm.dict_set(args[0], k, args[npos + i])?;
    }
    Ok(vm.none)
}

fn m_copy(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.dict_copy(args[0])
}

fn m_clear(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.dict_clear(args[0]);
    Ok(vm.none)
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("get", m_get),
    ("setdefault", m_setdefault),
    ("pop", m_pop),
    ("popitem", m_popitem),
    ("keys", m_keys),
    ("values", m_values),
    ("items", m_items),
    ("update", m_update),
    ("copy", m_copy),
    ("clear", m_clear),
];

/// `dict.fromkeys(iterable, value=None)`, a classmethod.
pub fn m_fromkeys(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(vm.err(E::TypeError, "fromkeys() takes no keyword arguments"));
    }
    vm.check_nargs("fromkeys", args, 2, 3)?;
    let value = args.get(2).copied().unwrap_or(vm.none);
    let cls = args[0];
    let d = if cls == vm.t.dict {
        vm.new_dict()
    } else {
        vm.call(cls, &[])?
    };
    let keys = vm.collect_iterable(args[1])?;
    for &k in vm.tuple_items(keys) {
        if vm.is_dict(d) {
            vm.dict_set(d, k, value)?;
        } else {
            vm.setitem(d, k, value)?;
        }
    }
    Ok(d)
}
