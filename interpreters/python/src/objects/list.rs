//! list: `[type, len (tagged), items]`, items a separate record whose
//! capacity is its size in words; growth allocates a bigger one (x1.5 + 4).
//!
//! `sort` is a stable merge sort over `<` (as CPython's is: only `__lt__` is
//! used); it runs on a rooted copy because comparisons may run Python code,
//! which may collect and move the list's items array.

use super::exceptions::E;
use super::function::NativeFn;
use super::{RootedVec, Value, alloc, layouts};
use crate::vm::{PyResult, Vm};

const W_LEN: usize = 1;
const W_ITEMS: usize = 2;

impl Vm {
    pub fn new_list(&mut self, items: &[Value]) -> Value {
        let mark = self.pin(items);
        let list = super::alloc_rec(self.t.list, 3);
        let arr = alloc(layouts().rec, Value::NULL, items.len().max(4));
        self.unpin(mark);
        for (i, v) in items.iter().enumerate() {
            arr.ptr().store(i, v.0);
        }
        list.ptr().store(W_LEN, Value::small(items.len() as i64).0);
        list.set(W_ITEMS, arr);
        list
    }

    #[inline]
    pub fn is_list(&self, v: Value) -> bool {
        v.is_ptr()
            && (v.raw_type() == self.t.list
                || super::typeobj::info(v.raw_type()).kind == super::Kind::List)
    }

    #[inline]
    pub fn list_len(v: Value) -> usize {
        v.get(W_LEN).as_small() as usize
    }

    /// The live items of a list (invalid after anything that may collect).
    #[inline]
    pub fn list_items<'a>(&self, v: Value) -> &'a [Value] {
        let n = Self::list_len(v);
        let arr = v.get(W_ITEMS).ptr();
        // SAFETY: the items record holds at least `len` value words.
        unsafe { std::slice::from_raw_parts(arr.as_ptr() as *const Value, n) }
    }

    #[inline]
    pub fn list_get(v: Value, i: usize) -> Value {
        v.get(W_ITEMS).get(i)
    }

    #[inline]
    pub fn list_set(v: Value, i: usize, item: Value) {
        v.get(W_ITEMS).set(i, item);
    }

    pub fn list_append(&mut self, list: Value, item: Value) {
        let n = Self::list_len(list);
        let arr = list.get(W_ITEMS);
        if n < arr.ptr().payload_words() {
            arr.set(n, item);
        } else {
            let cap = n + n / 2 + 4;
            let bigger = alloc(layouts().rec, Value::NULL, cap);
            let arr = list.get(W_ITEMS);
            for i in 0..n {
                bigger.ptr().store(i, arr.word(i));
            }
            bigger.ptr().store(n, item.0);
            list.set(W_ITEMS, bigger);
        }
        list.ptr().store(W_LEN, Value::small(n as i64 + 1).0);
    }

    pub fn list_truncate(list: Value, n: usize) {
        let arr = list.get(W_ITEMS);
        for i in n..Self::list_len(list) {
            arr.ptr().store(i, 0);
        }
        list.ptr().store(W_LEN, Value::small(n as i64).0);
    }

    /// Replace the contents with `items`.
    pub fn list_replace(&mut self, list: Value, items: &[Value]) {
        let mark = self.pin(items);
        Self::list_truncate(list, 0);
        for &v in items {
            self.list_append(list, v);
        }
        self.unpin(mark);
    }

    pub fn list_insert(&mut self, list: Value, at: usize, item: Value) {
        let n = Self::list_len(list);
        self.list_append(list, item);
        let arr = list.get(W_ITEMS);
        let mut i = n;
        while i > at {
            arr.ptr().store(i, arr.word(i - 1));
            i -= 1;
        }
        arr.set(at, item);
    }

    pub fn list_remove_at(list: Value, at: usize) -> Value {
        let n = Self::list_len(list);
        let arr = list.get(W_ITEMS);
        let item = arr.get(at);
        for i in at..n - 1 {
            arr.ptr().store(i, arr.word(i + 1));
        }
        arr.ptr().store(n - 1, 0);
        list.ptr().store(W_LEN, Value::small(n as i64 - 1).0);
        item
    }

    /// Sort `items` in place, stably, by `<` on `keys` (or the items).
    pub fn sort_values(
        &mut self,
        items: &mut RootedVec<Value>,
        keys: Option<&mut RootedVec<Value>>,
        reverse: bool,
    ) -> PyResult<()> {
        let n = items.len();
        let mut order: Vec<usize> = (0..n).collect();
        let mut scratch = vec![0usize; n];
        let key_of =
            |keys: &Option<&mut RootedVec<Value>>, items: &RootedVec<Value>, i: usize| match keys {
                Some(k) => k[i],
                None => items[i],
            };
        let mut width = 1;
        while width < n {
            let mut start = 0;
            while start < n {
                let mid = (start + width).min(n);
                let end = (start + 2 * width).min(n);
                let (mut i, mut j, mut k) = (start, mid, start);
                while i < mid && j < end {
                    let a = key_of(&keys, items, order[i]);
                    let b = key_of(&keys, items, order[j]);
                    // Stable: take from the right run only when strictly smaller
                    // (reversed: strictly greater, keeping equal items in order).
                    let take_right = if reverse {
                        self.lt(a, b)?
                    } else {
                        self.lt(b, a)?
                    };
                    if take_right {
                        scratch[k] = order[j];
                        j += 1;
                    } else {
                        scratch[k] = order[i];
                        i += 1;
                    }
                    k += 1;
                }
                while i < mid {
                    scratch[k] = order[i];
                    i += 1;
                    k += 1;
                }
                while j < end {
                    scratch[k] = order[j];
                    j += 1;
                    k += 1;
                }
                start = end;
            }
            std::mem::swap(&mut order, &mut scratch);
            width *= 2;
        }
        let sorted: Vec<Value> = order.iter().map(|&i| items[i]).collect();
        for (i, v) in sorted.into_iter().enumerate() {
            items[i] = v;
        }
        Ok(())
    }

    /// `list.sort(key=None, reverse=False)` on a list value.
    pub fn list_sort(&mut self, list: Value, key: Value, reverse: bool) -> PyResult<()> {
        let mut items = RootedVec::with_capacity(Self::list_len(list));
        for &v in self.list_items(list) {
            items.push(v);
        }
        let mut keys = RootedVec::with_capacity(items.len());
        let has_key = !key.is_null() && key != self.none;
        if has_key {
            for i in 0..items.len() {
                let k = self.call(key, &[items[i]])?;
                keys.push(k);
            }
        }
        self.sort_values(
            &mut items,
            if has_key { Some(&mut keys) } else { None },
            reverse,
        )?;
        self.list_replace(list, items.as_slice());
        Ok(())
    }
}

fn m_append(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("list.append", args, 2, 2)?;
    vm.list_append(args[0], args[1]);
    Ok(vm.none)
}

fn m_extend(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("list.extend", args, 2, 2)?;
    let items = vm.collect_iterable(args[1])?;
    for &v in vm.tuple_items(items) {
        vm.list_append(args[0], v);
    }
    Ok(vm.none)
}

fn m_pop(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("pop", args, 1, 2)?;
    let n = Vm::list_len(args[0]) as i64;
    if n == 0 {
        return Err(vm.err(E::IndexError, "pop from empty list"));
    }
    let mut i = match args.get(1) {
        Some(&v) => vm.index_i64(v)?,
        None => n - 1,
    };
    if i < 0 {
        i += n;
    }
    if i < 0 || i >= n {
        return Err(vm.err(E::IndexError, "pop index out of range"));
    }
    Ok(Vm::list_remove_at(args[0], i as usize))
}

fn m_insert(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.len() != 3 {
        return Err(vm.err(
            E::TypeError,
            format!("insert expected 2 arguments, got {}", args.len() - 1),
        ));
    }
    let n = Vm::list_len(args[0]) as i64;
    let mut i = vm.index_i64(args[1])?;
    if i < 0 {
        i = (i + n).max(0);
    }
    vm.list_insert(args[0], i.min(n) as usize, args[2]);
    Ok(vm.none)
}

fn find_index(vm: &mut Vm, list: Value, item: Value) -> PyResult<Option<usize>> {
    let mut i = 0;
    while i < Vm::list_len(list) {
        let v = Vm::list_get(list, i);
        if vm.eq(v, item)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn m_remove(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("list.remove", args, 2, 2)?;
    match find_index(vm, args[0], args[1])? {
        Some(i) => {
            Vm::list_remove_at(args[0], i);
            Ok(vm.none)
        }
        None => Err(vm.err(E::ValueError, "list.remove(x): x not in list")),
    }
}

fn m_index(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    match seq_index(vm, args, kw)? {
        Some(i) => Ok(Value::small(i as i64)),
        None => {
            let r = vm.repr_string(args[1])?;
            Err(vm.err(E::ValueError, format!("{r} is not in list")))
        }
    }
}

/// `seq.index(x[, start[, stop]])` for lists and tuples: the position of
/// the first item equal to `x` within the clamped `start..stop`.
pub fn seq_index(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Option<usize>> {
    if !kw.is_empty() {
        return Err(vm.err(E::TypeError, "index() takes no keyword arguments"));
    }
    if args.len() < 2 || args.len() > 4 {
        let n = args.len().saturating_sub(1);
        let msg = if n < 1 {
            format!("index expected at least 1 argument, got {n}")
        } else {
            format!("index expected at most 3 arguments, got {n}")
        };
        return Err(vm.err(E::TypeError, msg));
    }
    let seq = args[0];
    let len_of = |vm: &Vm| {
        if vm.is_tuple(seq) {
            vm.tuple_items(seq).len()
        } else {
            Vm::list_len(seq)
        }
    };
    let len = len_of(vm) as i64;
    let bound = |vm: &mut Vm, v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None => Ok(default),
            Some(&v) => {
                let i = vm.index_i64(v)?;
                Ok(if i < 0 { (i + len).max(0) } else { i })
            }
        }
    };
    let start = bound(vm, args.get(2), 0)?;
    let stop = bound(vm, args.get(3), len)?;
    let mut i = start;
    while i < stop && (i as usize) < len_of(vm) {
        let item = if vm.is_tuple(seq) {
            vm.tuple_items(seq)[i as usize]
        } else {
            Vm::list_get(seq, i as usize)
        };
        if vm.eq(item, args[1])? {
            return Ok(Some(i as usize));
        }
        i += 1;
    }
    Ok(None)
}

fn m_count(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("list.count", args, 2, 2)?;
    let mut count = 0;
    let mut i = 0;
    while i < Vm::list_len(args[0]) {
        let v = Vm::list_get(args[0], i);
        if vm.eq(v, args[1])? {
            count += 1;
        }
        i += 1;
    }
    Ok(Value::small(count))
}

fn m_reverse(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let items: Vec<Value> = vm.list_items(args[0]).iter().rev().copied().collect();
    for (i, v) in items.into_iter().enumerate() {
        Vm::list_set(args[0], i, v);
    }
    Ok(vm.none)
}

fn m_copy(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let items = vm.list_items(args[0]);
    Ok(vm.new_list(items))
}

fn m_clear(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Vm::list_truncate(args[0], 0);
    Ok(vm.none)
}

fn m_sort(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kw.len();
    if npos > 1 {
        return Err(vm.err(E::TypeError, "sort() takes no positional arguments"));
    }
    let mut key = Value::NULL;
    let mut reverse = false;
    for (i, &name) in kw.iter().enumerate() {
        let v = args[npos + i];
        match super::str::as_str(name) {
            "key" => key = v,
            "reverse" => reverse = vm.index_i64(v)? != 0,
            other => {
                return Err(vm.err(
                    E::TypeError,
                    format!("'{other}' is an invalid keyword argument for sort()"),
                ));
            }
        }
    }
    vm.list_sort(args[0], key, reverse)?;
    Ok(vm.none)
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("append", m_append),
    ("extend", m_extend),
    ("pop", m_pop),
    ("insert", m_insert),
    ("remove", m_remove),
    ("index", m_index),
    ("count", m_count),
    ("reverse", m_reverse),
    ("copy", m_copy),
    ("clear", m_clear),
    ("sort", m_sort),
];
