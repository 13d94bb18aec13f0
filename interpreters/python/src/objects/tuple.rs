//! tuple: `[type, len (tagged), items...]`, a record of fixed size.
//!
//! The hash is CPython 3.11's (the xxHash-style combination of item hashes),
//! so tuples in sets iterate in CPython's order.

use super::{Value, alloc_rec};
use crate::vm::{PyResult, Vm};

impl Vm {
    pub fn new_tuple(&mut self, items: &[Value]) -> Value {
        if items.is_empty() && !self.empty_tuple.is_null() {
            return self.empty_tuple;
        }
        // Pin the items while allocating: they may have been read out of
        // other objects into Rust memory the collector does not scan.
        let mark = self.pin(items);
        let t = alloc_rec(self.t.tuple, 2 + items.len());
        self.unpin(mark);
        let p = t.ptr();
        p.store(1, Value::small(items.len() as i64).0);
        for (i, v) in items.iter().enumerate() {
            // A fresh young object: no barrier needed.
            p.store(2 + i, v.0);
        }
        t
    }

    /// A tuple of `n` NULL items, to be filled with `set(2 + i, ..)`.
    pub fn new_tuple_uninit(&mut self, n: usize) -> Value {
        let t = alloc_rec(self.t.tuple, 2 + n);
        t.ptr().store(1, Value::small(n as i64).0);
        t
    }

    /// A tuple or an instance of a tuple subclass (whose items come first).
    #[inline]
    pub fn is_tuple(&self, v: Value) -> bool {
        v.is_ptr()
            && (v.raw_type() == self.t.tuple
                || super::typeobj::info(v.raw_type()).kind == super::Kind::Tuple)
    }

    /// Exactly a tuple (not a subclass instance).
    #[inline]
    pub fn is_exact_tuple(&self, v: Value) -> bool {
        v.is_ptr() && v.raw_type() == self.t.tuple
    }

    /// The items of a tuple. The slice points into the object, which the
    /// caller's value keeps pinned.
    #[inline]
    pub fn tuple_items<'a>(&self, v: Value) -> &'a [Value] {
        let p = v.ptr();
        let n = Value(p.load(1)).as_small() as usize;
        // SAFETY: a tuple's payload is the type, the tagged length, then `n`
        // value words; `Value` is a transparent word.
        unsafe { std::slice::from_raw_parts((p.as_ptr() as *const Value).add(2), n) }
    }

    pub fn tuple_hash(&mut self, v: Value) -> PyResult<i64> {
        const P1: u64 = 11400714785074694791;
        const P2: u64 = 14029467366897019727;
        const P5: u64 = 2870177450012600261;
        let items = self.tuple_items(v);
        let mut acc: u64 = P5;
        for &item in items {
            let h = self.hash(item)? as u64;
            acc = acc.wrapping_add(h.wrapping_mul(P2));
            acc = acc.rotate_left(31);
            acc = acc.wrapping_mul(P1);
        }
        acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
        if acc == u64::MAX {
            return Ok(1546275796);
        }
        Ok(acc as i64)
    }
}
