//! range, slice, dict views and the builtin iterators.
//!
//! Every builtin iterator is a record `[type, src, index, a, b]`; its type
//! says how `next` reads it (list, tuple, str, range, dict views, enumerate,
//! zip, map, filter, reversed, `iter(f, sentinel)`, and the `__getitem__`
//! fallback). User iterators go through `__next__`, with StopIteration turned
//! into the end of iteration.

use super::exceptions::E;
use super::{Value, alloc_rec};
use crate::vm::{PyResult, Vm};

pub const I_SRC: usize = 1;
pub const I_INDEX: usize = 2;
pub const I_A: usize = 3;
pub const I_B: usize = 4;

impl Vm {
    pub fn new_iter(&mut self, ty: Value, src: Value, index: i64, a: Value, b: Value) -> Value {
        let it = alloc_rec(ty, 5);
        let p = it.ptr();
        p.store(I_SRC, src.0);
        p.store(I_INDEX, Value::small(index).0);
        p.store(I_A, a.0);
        p.store(I_B, b.0);
        it
    }

    pub fn new_range(&mut self, start: i64, stop: i64, step: i64) -> Value {
        let r = alloc_rec(self.t.range, 4);
        r.ptr().store(1, Value::small(start).0);
        r.ptr().store(2, Value::small(stop).0);
        r.ptr().store(3, Value::small(step).0);
        r
    }

    pub fn range_parts(r: Value) -> (i64, i64, i64) {
        (
            r.get(1).as_small(),
            r.get(2).as_small(),
            r.get(3).as_small(),
        )
    }

    pub fn range_len(r: Value) -> i64 {
        let (start, stop, step) = Self::range_parts(r);
        if step > 0 && start < stop {
            (stop - start - 1) / step + 1
        } else if step < 0 && start > stop {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    }

    pub fn new_view(&mut self, dict: Value, what: u8) -> Value {
        let ty = [self.t.dict_keys, self.t.dict_values, self.t.dict_items][what as usize];
        self.new_record(ty, &[dict])
    }

    /// Which view (0 keys, 1 values, 2 items) a value is, if any.
    pub fn view_kind(&self, v: Value) -> Option<u8> {
        if !v.is_ptr() {
            return None;
        }
        let t = v.raw_type();
        [self.t.dict_keys, self.t.dict_values, self.t.dict_items]
            .iter()
            .position(|&x| x == t)
            .map(|i| i as u8)
    }

    /// `iter(v)`.
    pub fn iter(&mut self, v: Value) -> PyResult<Value> {
        if v.is_ptr() {
            let t = v.raw_type();
            let none = Value::NULL;
            if self.is_list(v) {
                return Ok(self.new_iter(self.t.list_iterator, v, 0, none, none));
            }
            if t == self.t.tuple {
                return Ok(self.new_iter(self.t.tuple_iterator, v, 0, none, none));
            }
            if t == self.t.range {
                let (start, _, step) = Self::range_parts(v);
                let len = Self::range_len(v);
                return Ok(self.new_iter(
                    self.t.range_iterator,
                    Value::small(start),
                    0,
                    Value::small(len),
                    Value::small(step),
                ));
            }
            if t == self.t.str {
                return Ok(self.new_iter(self.t.str_iterator, v, 0, none, none));
            }
            if t == self.t.set || t == self.t.frozenset {
                // A snapshot of the table order (mutation during iteration is
                // not detected yet).
                let keys = self.set_keys(v);
                let l = self.new_list(self.tuple_items(keys));
                let ty = match extra_iterators()[0] {
                    t if t.is_null() => self.t.list_iterator,
                    t => t,
                };
                return Ok(self.new_iter(ty, l, 0, none, none));
            }
            if self.is_dict(v) {
                let len = Value::small(Self::dict_len(v) as i64);
                return Ok(self.new_iter(self.t.dict_keyiterator, v, 0, len, none));
            }
            if let Some(kind) = self.view_kind(v) {
                let d = v.get(1);
                let ty = [
                    self.t.dict_keyiterator,
                    self.t.dict_valueiterator,
                    self.t.dict_itemiterator,
                ][kind as usize];
                let len = Value::small(Self::dict_len(d) as i64);
                return Ok(self.new_iter(ty, d, 0, len, none));
            }
            if self.is_builtin_iterator(t) {
                return Ok(v);
            }
        }
        // `__iter__ = None` declares the type not iterable (no fallback).
        if let Some(method) = self.lookup_special(v, "__iter__")
            && method != self.none
        {
            let it = self.call_method_value(method, v, &[])?;
            if self.lookup_special(it, "__next__").is_none()
                && !self.is_builtin_iterator(self.type_of(it))
            {
                let tn = self.type_name(it);
                return Err(self.err(
                    E::TypeError,
                    format!("iter() returned non-iterator of type '{tn}'"),
                ));
            }
            return Ok(it);
        }
        if self.lookup_special(v, "__iter__").is_none()
            && self.lookup_special(v, "__getitem__").is_some()
        {
            return Ok(self.new_iter(self.t.seq_iterator, v, 0, Value::NULL, Value::NULL));
        }
        let tn = self.type_name(v);
        Err(self.err(E::TypeError, format!("'{tn}' object is not iterable")))
    }

    pub fn is_builtin_iterator(&self, t: Value) -> bool {
        self.builtin_iterator_types.contains(&t)
    }

    /// `next(it)`: Some(value), or None at the end.
    pub fn next(&mut self, it: Value) -> PyResult<Option<Value>> {
        let t = self.type_of(it);
        let idx = if it.is_ptr() && self.is_builtin_iterator(t) {
            it.get(I_INDEX).as_small()
        } else {
            0
        };
        let set_idx = |n: i64| it.ptr().store(I_INDEX, Value::small(n).0);
        if t == self.t.range_iterator {
            let len = it.get(I_A).as_small();
            if idx >= len {
                return Ok(None);
            }
            set_idx(idx + 1);
            let v = it.get(I_SRC).as_small() + idx * it.get(I_B).as_small();
            return Ok(Some(Value::small(v)));
        }
        if t == self.t.list_iterator || t == extra_iterators()[0] {
            let list = it.get(I_SRC);
            if list.is_null() || idx as usize >= Self::list_len(list) {
                it.ptr().store(I_SRC, 0);
                return Ok(None);
            }
            set_idx(idx + 1);
            return Ok(Some(Self::list_get(list, idx as usize)));
        }
        if t == self.t.tuple_iterator {
            let items = self.tuple_items(it.get(I_SRC));
            if idx as usize >= items.len() {
                return Ok(None);
            }
            set_idx(idx + 1);
            return Ok(Some(items[idx as usize]));
        }
        if t == self.t.str_iterator {
            let s = super::str::as_str(it.get(I_SRC));
            let Some(c) = s[idx as usize..].chars().next() else {
                return Ok(None);
            };
            set_idx(idx + c.len_utf8() as i64);
            let mut buf = [0u8; 4];
            return Ok(Some(self.new_str(c.encode_utf8(&mut buf))));
        }
        if t == self.t.dict_keyiterator
            || t == self.t.dict_valueiterator
            || t == self.t.dict_itemiterator
        {
            let d = it.get(I_SRC);
            if Self::dict_len(d) as i64 != it.get(I_A).as_small() {
                it.ptr().store(I_A, Value::small(-1).0);
                return Err(self.err(E::RuntimeError, "dictionary changed size during iteration"));
            }
            let mut i = idx as usize;
            while i < Self::dict_used(d) {
                if let Some((k, v)) = Self::dict_entry(d, i) {
                    set_idx(i as i64 + 1);
                    return Ok(Some(if t == self.t.dict_keyiterator {
                        k
                    } else if t == self.t.dict_valueiterator {
                        v
                    } else {
                        self.new_tuple(&[k, v])
                    }));
                }
                i += 1;
            }
            set_idx(i as i64);
            return Ok(None);
        }
        if t == self.t.enumerate {
            let Some(v) = self.next(it.get(I_SRC))? else {
                return Ok(None);
            };
            let n = it.get(I_INDEX);
            let n1 = self.binary_op(0, n, Value::small(1))?;
            it.set(I_INDEX, n1);
            return Ok(Some(self.new_tuple(&[n, v])));
        }
        if t == self.t.zip {
            let iters = it.get(I_SRC);
            let n = self.tuple_items(iters).len();
            if n == 0 {
                return Ok(None);
            }
            let out = self.new_tuple_uninit(n);
            for i in 0..n {
                let sub = self.tuple_items(iters)[i];
                match self.next(sub)? {
                    Some(v) => out.set(2 + i, v),
                    None => {
                        if it.get(I_A) == self.true_ {
                            return self.zip_strict_end(iters, i);
                        }
                        return Ok(None);
                    }
                }
            }
            return Ok(Some(out));
        }
        if t == self.t.map {
            let iters = it.get(I_A);
            let n = self.tuple_items(iters).len();
            let args = self.new_tuple_uninit(n);
            for i in 0..n {
                let sub = self.tuple_items(iters)[i];
                match self.next(sub)? {
                    Some(v) => args.set(2 + i, v),
                    None => return Ok(None),
                }
            }
            let f = it.get(I_SRC);
            let items = self.tuple_items(args);
            return Ok(Some(self.call(f, items)?));
        }
        if t == self.t.filter {
            loop {
                let Some(v) = self.next(it.get(I_A))? else {
                    return Ok(None);
                };
                let f = it.get(I_SRC);
                let keep = if f == self.none {
                    self.truthy(v)?
                } else {
                    let r = self.call(f, &[v])?;
                    self.truthy(r)?
                };
                if keep {
                    return Ok(Some(v));
                }
            }
        }
        if t == self.t.reversed || t == extra_iterators()[1] {
            if idx <= 0 {
                return Ok(None);
            }
            set_idx(idx - 1);
            let seq = it.get(I_SRC);
            // A list that shrank under the iterator ends it (as CPython).
            if self.is_list(seq) && (idx - 1) as usize >= Self::list_len(seq) {
                set_idx(0);
                return Ok(None);
            }
            let i = Value::small(idx - 1);
            return Ok(Some(self.getitem(seq, i)?));
        }
        if t == self.t.callable_iterator {
            let f = it.get(I_SRC);
            if f.is_null() {
                return Ok(None);
            }
            let v = self.call(f, &[])?;
            if self.eq(v, it.get(I_A))? {
                it.ptr().store(I_SRC, 0);
                return Ok(None);
            }
            return Ok(Some(v));
        }
        if t == self.t.seq_iterator {
            let seq = it.get(I_SRC);
            if seq.is_null() {
                return Ok(None);
            }
            match self.getitem(seq, Value::small(idx)) {
                Ok(v) => {
                    set_idx(idx + 1);
                    return Ok(Some(v));
                }
                Err(e)
                    if self.exc_matches(e.0, E::IndexError)
                        || self.exc_matches(e.0, E::StopIteration) =>
                {
                    it.ptr().store(I_SRC, 0);
                    return Ok(None);
                }
                Err(e) => return Err(e),
            }
        }
        if t == self.t.generator {
            return self.generator_next(it);
        }
        let Some(method) = self.lookup_special(it, "__next__") else {
            let tn = self.type_name(it);
            return Err(self.err(E::TypeError, format!("'{tn}' object is not an iterator")));
        };
        match self.call_method_value(method, it, &[]) {
            Ok(v) => Ok(Some(v)),
            Err(e) if self.exc_matches(e.0, E::StopIteration) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Every item of an iterable, as a tuple.
    pub fn collect_iterable(&mut self, v: Value) -> PyResult<Value> {
        if self.is_tuple(v) {
            return Ok(v);
        }
        if self.is_list(v) {
            let items = self.list_items(v);
            return Ok(self.new_tuple(items));
        }
        let it = self.iter(v)?;
        let acc = self.new_list(&[]);
        while let Some(x) = self.next(it)? {
            self.list_append(acc, x);
        }
        let items = self.list_items(acc);
        Ok(self.new_tuple(items))
    }

    /// Normalize `slice` against a length: (start, stop, step, count).
    pub fn slice_indices(&mut self, slice: Value, len: i64) -> PyResult<(i64, i64, i64, i64)> {
        let none = self.none;
        let step = match slice.get(3) {
            s if s == none => 1,
            s if !self.is_int(s) && self.lookup_special(s, "__index__").is_none() => {
                return Err(self.err(
                    E::TypeError,
                    "slice indices must be integers or None or have an __index__ method",
                ));
            }
            s => self.index_i64(s)?,
        };
        if step == 0 {
            return Err(self.err(E::ValueError, "slice step cannot be zero"));
        }
        let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
        let bound = |v: Value, default: i64, vm: &mut Vm| -> PyResult<i64> {
            if v == none {
                return Ok(default);
            }
            if !vm.is_int(v) && vm.lookup_special(v, "__index__").is_none() {
                return Err(vm.err(
                    E::TypeError,
                    "slice indices must be integers or None or have an __index__ method",
                ));
            }
            // A huge index clamps like any out-of-range one.
            let mut i = match vm.to_i64(v).filter(|_| vm.is_int(v)) {
                Some(i) => i,
                None if vm.is_int(v) => {
                    if vm.to_big(v).is_some_and(|b| b < dashu_int::IBig::ZERO) {
                        i64::MIN / 2
                    } else {
                        i64::MAX / 2
                    }
                }
                None => vm.index_i64(v)?,
            };
            if i < 0 {
                i += len;
                if i < lower {
                    i = lower;
                }
            } else if i > upper {
                i = upper;
            }
            Ok(i)
        };
        let start = bound(slice.get(1), if step < 0 { upper } else { lower }, self)?;
        let stop = bound(slice.get(2), if step < 0 { lower } else { upper }, self)?;
        let count = if step > 0 {
            if stop > start {
                (stop - start - 1) / step + 1
            } else {
                0
            }
        } else if start > stop {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        };
        Ok((start, stop, step, count))
    }
}

impl Vm {
    /// `zip(strict=True)` found iterator `i` exhausted: the others must be too.
    fn zip_strict_end(&mut self, iters: Value, i: usize) -> PyResult<Option<Value>> {
        let plural = |k: usize| {
            if k == 1 {
                " 1".to_string()
            } else {
                format!("s 1-{k}")
            }
        };
        if i > 0 {
            return Err(self.err(
                E::ValueError,
                format!(
                    "zip() argument {} is shorter than argument{}",
                    i + 1,
                    plural(i)
                ),
            ));
        }
        let n = self.tuple_items(iters).len();
        for j in 1..n {
            let sub = self.tuple_items(iters)[j];
            if self.next(sub)?.is_some() {
                return Err(self.err(
                    E::ValueError,
                    format!(
                        "zip() argument {} is longer than argument{}",
                        j + 1,
                        plural(j)
                    ),
                ));
            }
        }
        Ok(None)
    }
}

/// `slice.indices(length)`: (start, stop, step) normalized as for slicing.
fn m_slice_indices(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("indices", args, 2, 2)?;
    let len = vm.index_i64(args[1])?;
    if len < 0 {
        return Err(vm.err(E::ValueError, "length should not be negative"));
    }
    let none = vm.none;
    for k in 1..4 {
        let v = args[0].get(k);
        if v != none && vm.to_big(v).is_none() && vm.lookup_special(v, "__index__").is_none() {
            return Err(vm.err(
                E::TypeError,
                "slice indices must be integers or None or have an __index__ method",
            ));
        }
    }
    let (start, stop, step, _) = vm.slice_indices(args[0], len)?;
    Ok(vm.new_tuple(&[Value::small(start), Value::small(stop), Value::small(step)]))
}

/// `range.index(x)` and `range.count(x)` for int arguments (others by equality).
fn range_find(vm: &mut Vm, r: Value, x: Value) -> PyResult<Option<i64>> {
    let (start, _, step) = Vm::range_parts(r);
    let len = Vm::range_len(r);
    if let Some(n) = vm.to_i64(x).filter(|_| vm.is_int(x)) {
        let off = n - start;
        if off % step == 0 {
            let i = off / step;
            if (0..len).contains(&i) {
                return Ok(Some(i));
            }
        }
        return Ok(None);
    }
    for i in 0..len {
        let v = Value::small(start + i * step);
        if vm.eq(v, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn m_range_index(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("index", args, 2, 2)?;
    match range_find(vm, args[0], args[1])? {
        Some(i) => Ok(Value::small(i)),
        None => {
            let r = vm.repr_string(args[1])?;
            Err(vm.err(E::ValueError, format!("{r} is not in range")))
        }
    }
}

fn m_range_count(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("count", args, 2, 2)?;
    let found = range_find(vm, args[0], args[1])?.is_some();
    Ok(Value::small(found as i64))
}

pub const SLICE_METHODS: &[(&str, super::function::NativeFn)] = &[("indices", m_slice_indices)];
pub const RANGE_METHODS: &[(&str, super::function::NativeFn)] =
    &[("index", m_range_index), ("count", m_range_count)];

/// Ranges are equal when they give the same sequence (CPython compares
/// length, then first item, then step).
pub fn range_eq(a: Value, b: Value) -> bool {
    let (la, lb) = (Vm::range_len(a), Vm::range_len(b));
    if la != lb {
        return false;
    }
    let ((s1, _, st1), (s2, _, st2)) = (Vm::range_parts(a), Vm::range_parts(b));
    la == 0 || (s1 == s2 && (la == 1 || st1 == st2))
}

fn m_range_eq(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("__eq__", args, 2, 2)?;
    if !args[1].is_ptr() || args[1].raw_type() != vm.t.range {
        return Ok(vm.not_implemented);
    }
    Ok(vm.bool(range_eq(args[0], args[1])))
}

fn m_range_ne(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("__ne__", args, 2, 2)?;
    if !args[1].is_ptr() || args[1].raw_type() != vm.t.range {
        return Ok(vm.not_implemented);
    }
    Ok(vm.bool(!range_eq(args[0], args[1])))
}

/// CPython's range hash: the hash of (len, start, step) with None for the
/// parts an empty or one-item range does not depend on.
fn m_range_hash(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("__hash__", args, 1, 1)?;
    let h = range_hash(vm, args[0])?;
    Ok(vm.new_int(h))
}

pub fn range_hash(vm: &mut Vm, r: Value) -> PyResult<i64> {
    let len = Vm::range_len(r);
    let (start, _, step) = Vm::range_parts(r);
    let none = vm.none;
    let t = match len {
        0 => vm.new_tuple(&[Value::small(0), none, none]),
        1 => vm.new_tuple(&[Value::small(1), Value::small(start), none]),
        _ => vm.new_tuple(&[Value::small(len), Value::small(start), Value::small(step)]),
    };
    vm.hash(t)
}

pub const RANGE_COMPARE: &[(&str, super::function::NativeFn)] = &[
    ("__eq__", m_range_eq),
    ("__ne__", m_range_ne),
    ("__hash__", m_range_hash),
];

thread_local! {
    /// `set_iterator` and `list_reverseiterator`: iterator types that
    /// behave as `list_iterator` and `reversed` but carry CPython's names.
    static EXTRA_ITERATORS: std::cell::Cell<[Value; 2]> =
        const { std::cell::Cell::new([Value::NULL; 2]) };
}

pub fn extra_iterators() -> [Value; 2] {
    EXTRA_ITERATORS.with(|c| c.get())
}

/// Create the extra iterator types (at start-up, after the builtin ones).
pub fn install_extra_iterators(vm: &mut Vm) -> [Value; 2] {
    let object = vm.t.object;
    let set_it = vm.make_type("set_iterator", super::Kind::Iterator, object);
    let rev_it = vm.make_type("list_reverseiterator", super::Kind::Iterator, object);
    vm.builtin_iterator_types.push(set_it);
    vm.builtin_iterator_types.push(rev_it);
    EXTRA_ITERATORS.with(|c| c.set([set_it, rev_it]));
    [set_it, rev_it]
}
