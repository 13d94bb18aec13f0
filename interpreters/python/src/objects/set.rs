//! set and frozenset: CPython's open-addressing set table, so iteration
//! order matches CPython's (with PYTHONHASHSEED=0 hashes).
//!
//! `[type, used, fill, hashes, keys]`: `hashes` a raw table of full 64-bit
//! hashes, `keys` a record of the same size; an unused slot has key 0 and
//! hash 0, a deleted one key 0 and hash -1. Probing is CPython's: up to nine
//! linear probes after the home slot, then the perturbed jump; the table
//! (8 slots at first) grows to the next power of two above 4x (2x beyond
//! 50000) the used count when 3/5 full.

use super::exceptions::E;
use super::function::NativeFn;
use super::{Value, alloc, alloc_rec, layouts};
use crate::vm::{PyResult, Vm};

const W_USED: usize = 1;
const W_FILL: usize = 2;
const W_HASHES: usize = 3;
const W_KEYS: usize = 4;
const LINEAR_PROBES: usize = 9;

fn n(v: Value) -> usize {
    v.as_small() as usize
}

impl Vm {
    pub fn new_set_typed(&mut self, ty: Value) -> Value {
        let s = alloc_rec(ty, 5);
        s.ptr().store(W_USED, Value::small(0).0);
        s.ptr().store(W_FILL, Value::small(0).0);
        let hashes = alloc(layouts().raw, Value::NULL, 8);
        s.set(W_HASHES, hashes);
        let keys = alloc(layouts().rec, Value::NULL, 8);
        s.set(W_KEYS, keys);
        s
    }

    pub fn new_set_from(&mut self, items: &[Value]) -> PyResult<Value> {
        let s = self.new_set_typed(self.t.set);
        for &v in items {
            self.set_add(s, v)?;
        }
        Ok(s)
    }

    #[inline]
    pub fn is_set(&self, v: Value) -> bool {
        v.is_ptr() && (v.raw_type() == self.t.set || v.raw_type() == self.t.frozenset)
    }

    pub fn set_len(s: Value) -> usize {
        n(s.get(W_USED))
    }

    /// The live keys in table order, as a tuple (a snapshot the collector sees).
    pub fn set_keys(&mut self, s: Value) -> Value {
        let n = Self::set_len(s);
        let t = self.new_tuple_uninit(n);
        let keys = s.get(W_KEYS);
        let mut j = 0;
        for i in 0..keys.ptr().payload_words() {
            let k = keys.get(i);
            if !k.is_null() && j < n {
                t.set(2 + j, k);
                j += 1;
            }
        }
        t
    }

    fn set_find(&mut self, s: Value, key: Value, hash: i64) -> PyResult<Result<usize, usize>> {
        let mask = s.get(W_KEYS).ptr().payload_words() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                let k = s.get(W_KEYS).get(j);
                let h = s.get(W_HASHES).word(j) as i64;
                if k.is_null() {
                    if h == 0 {
                        return Ok(Err(j));
                    }
                    continue;
                }
                if k == key {
                    return Ok(Ok(j));
                }
                if h == hash && self.eq(k, key)? {
                    return Ok(Ok(j));
                }
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    pub fn set_add(&mut self, s: Value, key: Value) -> PyResult<()> {
        let hash = self.hash(key)?;
        if let Err(slot) = self.set_find(s, key, hash)? {
            s.get(W_KEYS).set(slot, key);
            s.get(W_HASHES).ptr().store(slot, hash as usize);
            let used = n(s.get(W_USED)) + 1;
            let fill = n(s.get(W_FILL)) + 1;
            s.ptr().store(W_USED, Value::small(used as i64).0);
            s.ptr().store(W_FILL, Value::small(fill as i64).0);
            let mask = s.get(W_KEYS).ptr().payload_words() - 1;
            if fill * 5 >= mask * 3 {
                self.set_resize(s, if used > 50000 { used * 2 } else { used * 4 });
            }
        }
        Ok(())
    }

    fn set_resize(&mut self, s: Value, minused: usize) {
        let mut size = 8;
        while size <= minused {
            size <<= 1;
        }
        let hashes = alloc(layouts().raw, Value::NULL, size);
        let keys = alloc(layouts().rec, Value::NULL, size);
        let old_keys = s.get(W_KEYS);
        let old_hashes = s.get(W_HASHES);
        let mask = size - 1;
        for j in 0..old_keys.ptr().payload_words() {
            let k = old_keys.get(j);
            if k.is_null() {
                continue;
            }
            let h = old_hashes.word(j);
            let mut perturb = h as u64;
            let mut i = h & mask;
            'probe: loop {
                if keys.get(i).is_null() {
                    break 'probe;
                }
                if i + LINEAR_PROBES <= mask {
                    for step in 1..=LINEAR_PROBES {
                        if keys.get(i + step).is_null() {
                            i += step;
                            break 'probe;
                        }
                    }
                }
                perturb >>= 5;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(1)
                    .wrapping_add(perturb as usize))
                    & mask;
            }
            keys.ptr().store(i, k.0);
            hashes.ptr().store(i, h);
        }
        s.set(W_KEYS, keys);
        s.set(W_HASHES, hashes);
        let used = n(s.get(W_USED));
        s.ptr().store(W_FILL, Value::small(used as i64).0);
    }

    pub fn set_contains(&mut self, s: Value, key: Value) -> PyResult<bool> {
        let hash = self.hash(key)?;
        Ok(self.set_find(s, key, hash)?.is_ok())
    }

    pub fn set_discard(&mut self, s: Value, key: Value) -> PyResult<bool> {
        let hash = self.hash(key)?;
        match self.set_find(s, key, hash)? {
            Ok(slot) => {
                s.get(W_KEYS).set(slot, Value::NULL);
                s.get(W_HASHES).ptr().store(slot, -1i64 as usize);
                let used = n(s.get(W_USED)) - 1;
                s.ptr().store(W_USED, Value::small(used as i64).0);
                Ok(true)
            }
            Err(_) => Ok(false),
        }
    }

    pub fn set_copy(&mut self, s: Value, ty: Value) -> PyResult<Value> {
        let out = self.new_set_typed(ty);
        self.set_merge(out, s)?;
        Ok(out)
    }

    /// Add every key of the set `other` to `s` as CPython's `set_merge`:
    /// presize, copy the table as is when `s` is empty and the same size,
    /// otherwise insert in `other`'s table order.
    pub fn set_merge(&mut self, s: Value, other: Value) -> PyResult<()> {
        let other_used = Self::set_len(other);
        if other_used == 0 {
            return Ok(());
        }
        let mask = s.get(W_KEYS).ptr().payload_words() - 1;
        let (fill, used) = (n(s.get(W_FILL)), n(s.get(W_USED)));
        if (fill + other_used) * 5 >= mask * 3 {
            self.set_resize(s, (used + other_used) * 2);
        }
        let mask = s.get(W_KEYS).ptr().payload_words() - 1;
        let other_mask = other.get(W_KEYS).ptr().payload_words() - 1;
        if n(s.get(W_FILL)) == 0 && mask == other_mask && n(other.get(W_FILL)) == other_used {
            let (keys, hashes) = (s.get(W_KEYS), s.get(W_HASHES));
            let (okeys, ohashes) = (other.get(W_KEYS), other.get(W_HASHES));
            for j in 0..=mask {
                let k = okeys.get(j);
                if !k.is_null() {
                    keys.set(j, k);
                    hashes.ptr().store(j, ohashes.word(j));
                }
            }
            s.ptr().store(W_USED, Value::small(other_used as i64).0);
            s.ptr().store(W_FILL, Value::small(other_used as i64).0);
            return Ok(());
        }
        let ks = self.set_keys(other);
        for &k in self.tuple_items(ks) {
            self.set_add(s, k)?;
        }
        Ok(())
    }

    pub fn set_binop(&mut self, base: u32, a: Value, b: Value, inplace: bool) -> PyResult<Value> {
        let ty = self.type_of(a);
        let out = match base {
            7 => {
                let out = if inplace { a } else { self.set_copy(a, ty)? };
                self.set_merge(out, b)?;
                out
            }
            1 => {
                let out = self.new_set_typed(ty);
                let (small, big) = if Self::set_len(a) > Self::set_len(b) {
                    (b, a)
                } else {
                    (a, b)
                };
                let ks = self.set_keys(small);
                for &k in self.tuple_items(ks) {
                    if self.set_contains(big, k)? {
                        self.set_add(out, k)?;
                    }
                }
                if inplace {
                    let keys = self.set_keys(out);
                    let ks = self.set_keys(a);
                    for &k in self.tuple_items(ks) {
                        if !self.tuple_items(keys).contains(&k) {
                            self.set_discard(a, k)?;
                        }
                    }
                    return Ok(a);
                }
                out
            }
            10 => {
                if inplace {
                    let ks = self.set_keys(b);
                    for &k in self.tuple_items(ks) {
                        self.set_discard(a, k)?;
                    }
                    return Ok(a);
                }
                let out = self.new_set_typed(ty);
                let ks = self.set_keys(a);
                for &k in self.tuple_items(ks) {
                    if !self.set_contains(b, k)? {
                        self.set_add(out, k)?;
                    }
                }
                out
            }
            _ => {
                let out = if inplace { a } else { self.set_copy(a, ty)? };
                let ks = self.set_keys(b);
                for &k in self.tuple_items(ks) {
                    if !self.set_discard(out, k)? {
                        self.set_add(out, k)?;
                    }
                }
                out
            }
        };
        Ok(out)
    }

    pub fn set_compare(&mut self, op: u32, a: Value, b: Value) -> PyResult<Value> {
        let subset = |vm: &mut Vm, x: Value, y: Value| -> PyResult<bool> {
            let ks = vm.set_keys(x);
            for &k in vm.tuple_items(ks) {
                if !vm.set_contains(y, k)? {
                    return Ok(false);
                }
            }
            Ok(true)
        };
        let (la, lb) = (Self::set_len(a), Self::set_len(b));
        let r = match op {
            0 => la < lb && subset(self, a, b)?,
            1 => subset(self, a, b)?,
            2 => la == lb && subset(self, a, b)?,
            3 => !(la == lb && subset(self, a, b)?),
            4 => la > lb && subset(self, b, a)?,
            _ => subset(self, b, a)?,
        };
        Ok(self.bool(r))
    }

    /// CPython's frozenset hash.
    pub fn set_hash(&mut self, s: Value) -> PyResult<i64> {
        if s.raw_type() != self.t.frozenset {
            return Err(self.err(E::TypeError, "unhashable type: 'set'"));
        }
        let mut hash: u64 = 0;
        let hashes = s.get(W_HASHES);
        let keys = s.get(W_KEYS);
        for j in 0..keys.ptr().payload_words() {
            if !keys.get(j).is_null() {
                let h = hashes.word(j) as u64;
                hash ^= ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167);
            }
        }
        if Self::set_len(s) & 1 == 1 {
            hash ^= 0;
        }
        hash ^= ((Self::set_len(s) as u64) + 1).wrapping_mul(1927868237);
        hash ^= (hash >> 11) ^ (hash >> 25);
        hash = hash.wrapping_mul(69069).wrapping_add(907133923);
        let h = hash as i64;
        Ok(if h == -1 { 590923713 } else { h })
    }

    pub fn set_repr(&mut self, s: Value) -> PyResult<String> {
        let frozen = s.raw_type() == self.t.frozenset;
        let keys = self.set_keys(s);
        let n = self.tuple_items(keys).len();
        if n == 0 {
            return Ok(if frozen {
                "frozenset()".into()
            } else {
                "set()".into()
            });
        }
        let keep = keys;
        let mut parts = Vec::new();
        for i in 0..n {
            let k = self.tuple_items(keep)[i];
            parts.push(self.repr_string(k)?);
        }
        let inner = format!("{{{}}}", parts.join(", "));
        Ok(if frozen {
            format!("frozenset({inner})")
        } else {
            inner
        })
    }
}

fn m_add(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("set.add", args, 2, 2)?;
    vm.set_add(args[0], args[1])?;
    Ok(vm.none)
}

fn m_discard(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("set.discard", args, 2, 2)?;
    vm.set_discard(args[0], args[1])?;
    Ok(vm.none)
}

fn m_remove(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("set.remove", args, 2, 2)?;
    if !vm.set_discard(args[0], args[1])? {
        return Err(vm.key_error(args[1]));
    }
    Ok(vm.none)
}

fn m_pop(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let ks = vm.set_keys(args[0]);
    match vm.tuple_items(ks).first() {
        Some(&k) => {
            vm.set_discard(args[0], k)?;
            Ok(k)
        }
        None => Err(vm.err(E::KeyError, "pop from an empty set")),
    }
}

fn other_set(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if vm.is_set(v) {
        return Ok(v);
    }
    let items = vm.collect_iterable(v)?;
    let items = vm.tuple_items(items);
    vm.new_set_from(items)
}

fn binop_method(vm: &mut Vm, args: &[Value], base: u32, inplace: bool) -> PyResult<Value> {
    let mut acc = args[0];
    for &o in &args[1..] {
        let o = other_set(vm, o)?;
        acc = vm.set_binop(base, acc, o, inplace)?;
    }
    if args.len() == 1 && !inplace {
        let ty = vm.type_of(acc);
        return vm.set_copy(acc, ty);
    }
    Ok(if inplace { vm.none } else { acc })
}

fn m_union(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    binop_method(vm, args, 7, false)
}
fn m_intersection(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    binop_method(vm, args, 1, false)
}
fn m_difference(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    binop_method(vm, args, 10, false)
}
fn m_symmetric_difference(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    binop_method(vm, args, 12, false)
}
fn m_update(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    for &o in &args[1..] {
        if vm.is_set(o) {
            vm.set_merge(args[0], o)?;
            continue;
        }
        let items = vm.collect_iterable(o)?;
        for &k in vm.tuple_items(items) {
            vm.set_add(args[0], k)?;
        }
    }
    Ok(vm.none)
}
fn m_issubset(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("issubset", args, 2, 2)?;
    let o = other_set(vm, args[1])?;
    vm.set_compare(1, args[0], o)
}
fn m_issuperset(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("issuperset", args, 2, 2)?;
    let o = other_set(vm, args[1])?;
    vm.set_compare(5, args[0], o)
}
fn m_copy(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let ty = vm.type_of(args[0]);
    if ty == vm.t.frozenset {
        return Ok(args[0]);
    }
    vm.set_copy(args[0], ty)
}
fn m_clear(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let fresh = vm.new_set_typed(vm.t.set);
    for w in 1..5 {
        args[0].set(w, fresh.get(w));
    }
    Ok(vm.none)
}

/// Replace the table of `s` by the table of `result` (same element type).
fn take_table(s: Value, result: Value) {
    for w in 1..5 {
        s.set(w, result.get(w));
    }
}

fn update_method(vm: &mut Vm, args: &[Value], base: u32) -> PyResult<Value> {
    let mut acc = args[0];
    for &o in &args[1..] {
        let o = other_set(vm, o)?;
        acc = vm.set_binop(base, acc, o, false)?;
    }
    if acc != args[0] {
        take_table(args[0], acc);
    }
    Ok(vm.none)
}

fn m_intersection_update(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    update_method(vm, args, 1)
}
fn m_difference_update(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    update_method(vm, args, 10)
}
fn m_symmetric_difference_update(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("symmetric_difference_update", args, 2, 2)?;
    update_method(vm, args, 12)
}

fn m_isdisjoint(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("isdisjoint", args, 2, 2)?;
    let items = vm.collect_iterable(args[1])?;
    let n = vm.tuple_items(items).len();
    for i in 0..n {
        let k = vm.tuple_items(items)[i];
        if vm.set_contains(args[0], k)? {
            return Ok(vm.false_);
        }
    }
    Ok(vm.true_)
}

/// The methods of set and frozenset.
pub const METHODS: &[(&str, NativeFn)] = &[
    ("union", m_union),
    ("intersection", m_intersection),
    ("difference", m_difference),
    ("symmetric_difference", m_symmetric_difference),
    ("issubset", m_issubset),
    ("issuperset", m_issuperset),
    ("isdisjoint", m_isdisjoint),
    ("copy", m_copy),
];

/// The methods only a (mutable) set has.
pub const SET_ONLY_METHODS: &[(&str, NativeFn)] = &[
    ("add", m_add),
    ("discard", m_discard),
    ("remove", m_remove),
    ("pop", m_pop),
    ("update", m_update),
    ("clear", m_clear),
    ("intersection_update", m_intersection_update),
    ("difference_update", m_difference_update),
    ("symmetric_difference_update", m_symmetric_difference_update),
];
