//! Subscripting (`getitem`, `setitem`, `delitem`) with index
//! normalization, and containment (`in`).

use crate::objects::exceptions::E;
use crate::objects::str::as_str;
use crate::objects::{Kind, Value};
use crate::vm::{PyResult, Vm};

impl Vm {
    /// A sequence index normalized against `len`, or IndexError.
    fn seq_index(&mut self, k: Value, len: usize, what: &str) -> PyResult<usize> {
        let i = if k.is_small() {
            k.as_small()
        } else if self.is_int(k) {
            // True/False index as 1/0; a big int does not fit an index.
            match self.to_i64(k) {
                Some(i) => i,
                None => {
                    return Err(self.err(
                        E::IndexError,
                        "cannot fit 'int' into an index-sized integer",
                    ));
                }
            }
        } else if self.lookup_special(k, "__index__").is_some() {
            self.index_i64(k)?
        } else {
            // `del l["a"]` and `l["a"] = v` say "list indices" too.
            // "range object index out of range" but "range indices ...".
            let kind = what.strip_suffix(" assignment").unwrap_or(what);
            let kind = kind.strip_suffix(" object").unwrap_or(kind);
            let tn = self.type_name(k);
            // CPython 3.11's str says it differently from list and tuple.
            let msg = if kind == "string" {
                format!("string indices must be integers, not '{tn}'")
            } else {
                format!("{kind} indices must be integers or slices, not {tn}")
            };
            return Err(self.err(E::TypeError, msg));
        };
        let j = if i < 0 { i + len as i64 } else { i };
        if j < 0 || j >= len as i64 {
            return Err(self.err(E::IndexError, format!("{what} index out of range")));
        }
        Ok(j as usize)
    }

    /// `c[k]`.
    pub fn getitem(&mut self, c: Value, k: Value) -> PyResult<Value> {
        if c.is_ptr() && !self.overrides(c, "__getitem__") {
            let is_slice = k.is_ptr() && k.raw_type() == self.t.slice;
            match self.kind_of(c) {
                Kind::List => {
                    if is_slice {
                        let (start, _, step, count) =
                            self.slice_indices(k, Self::list_len(c) as i64)?;
                        let items: Vec<Value> = (0..count)
                            .map(|i| Self::list_get(c, (start + i * step) as usize))
                            .collect();
                        return Ok(self.new_list(&items));
                    }
                    let i = self.seq_index(k, Self::list_len(c), "list")?;
                    return Ok(Self::list_get(c, i));
                }
                Kind::Tuple => {
                    let items = self.tuple_items(c);
                    if is_slice {
                        let (start, _, step, count) = self.slice_indices(k, items.len() as i64)?;
                        let items = self.tuple_items(c);
                        let out: Vec<Value> = (0..count)
                            .map(|i| items[(start + i * step) as usize])
                            .collect();
                        return Ok(self.new_tuple(&out));
                    }
                    let i = self.seq_index(k, items.len(), "tuple")?;
                    return Ok(self.tuple_items(c)[i]);
                }
                Kind::Str => {
                    let n = crate::objects::str::char_len(c);
                    if is_slice {
                        let (start, stop, step, _) = self.slice_indices(k, n as i64)?;
                        return Ok(self.str_slice(c, start, stop, step));
                    }
                    let i = self.seq_index(k, n, "string")?;
                    return Ok(self.str_char_at(c, i));
                }
                Kind::Dict => {
                    if let Some(v) = self.dict_get(c, k)? {
                        return Ok(v);
                    }
                    if self.type_of(c) != self.t.dict
                        && let Some(r) = self.call_special(c, "__missing__", &[k])?
                    {
                        return Ok(r);
                    }
                    return Err(self.key_error(k));
                }
                Kind::Range => {
                    let (start, _, step) = Self::range_parts(c);
                    let len = Self::range_len(c);
                    if is_slice {
                        let (a, b, s, _) = self.slice_indices(k, len)?;
                        return Ok(self.new_range(start + a * step, start + b * step, step * s));
                    }
                    let i = self.seq_index(k, len as usize, "range object")?;
                    return Ok(Value::small(start + i as i64 * step));
                }
                Kind::Bytes | Kind::ByteArray => return self.bytes_getitem(c, k),
                Kind::Type => {
                    // A metaclass's __getitem__ first (enum's `Color['RED']`).
                    if crate::objects::typeobj::info(self.type_of(c)).heap
                        && let Some(r) = self.call_special(c, "__getitem__", &[k])?
                    {
                        return Ok(r);
                    }
                    // `list[int]` and friends: generic aliases are not modelled; give the type back.
                    if let Some(r) = self.lookup_attr(c, "__class_getitem__")? {
                        return self.call(r, &[k]);
                    }
                    return Ok(c);
                }
                _ => {}
            }
        }
        if let Some(r) = self.call_special(c, "__getitem__", &[k])? {
            return Ok(r);
        }
        let tn = self.type_name(c);
        Err(self.err(E::TypeError, format!("'{tn}' object is not subscriptable")))
    }

    /// `c[k] = v`.
    pub fn setitem(&mut self, c: Value, k: Value, v: Value) -> PyResult<()> {
        if c.is_ptr() {
            match self.kind_of(c) {
                Kind::List => {
                    if k.is_ptr() && k.raw_type() == self.t.slice {
                        let (start, stop, step, count) =
                            self.slice_indices(k, Self::list_len(c) as i64)?;
                        let new = match self.collect_iterable(v) {
                            Ok(n) => n,
                            Err(e) if self.exc_matches(e.0, E::TypeError) => {
                                return Err(self.err(E::TypeError, "can only assign an iterable"));
                            }
                            Err(e) => return Err(e),
                        };
                        let new_items = self.tuple_items(new).to_vec();
                        if step == 1 {
                            let mut items = self.list_items(c).to_vec();
                            let stop = stop.max(start) as usize;
                            items.splice(start as usize..stop, new_items);
                            self.list_replace(c, &items);
                            return Ok(());
                        }
                        if new_items.len() as i64 != count {
                            return Err(self.err(
                                E::ValueError,
                                format!("attempt to assign sequence of size {} to extended slice of size {count}", new_items.len()),
                            ));
                        }
                        for (i, x) in new_items.into_iter().enumerate() {
                            Self::list_set(c, (start + i as i64 * step) as usize, x);
                        }
                        return Ok(());
                    }
                    let i = self.seq_index(k, Self::list_len(c), "list assignment")?;
                    Self::list_set(c, i, v);
                    return Ok(());
                }
                Kind::Dict => return self.dict_set(c, k, v),
                Kind::ByteArray | Kind::Bytes => return self.bytearray_setitem(c, k, v),
                _ => {}
            }
        }
        if self.call_special(c, "__setitem__", &[k, v])?.is_some() {
            return Ok(());
        }
        let tn = self.type_name(c);
        Err(self.err(
            E::TypeError,
            format!("'{tn}' object does not support item assignment"),
        ))
    }

    /// `del c[k]`.
    pub fn delitem(&mut self, c: Value, k: Value) -> PyResult<()> {
        if c.is_ptr() {
            match self.kind_of(c) {
                Kind::List => {
                    if k.is_ptr() && k.raw_type() == self.t.slice {
                        let (start, _, step, count) =
                            self.slice_indices(k, Self::list_len(c) as i64)?;
                        let mut idx: Vec<usize> =
                            (0..count).map(|i| (start + i * step) as usize).collect();
                        idx.sort_unstable();
                        for i in idx.into_iter().rev() {
                            Self::list_remove_at(c, i);
                        }
                        return Ok(());
                    }
                    let i = self.seq_index(k, Self::list_len(c), "list assignment")?;
                    Self::list_remove_at(c, i);
                    return Ok(());
                }
                Kind::Dict => {
                    return match self.dict_del(c, k)? {
                        Some(_) => Ok(()),
                        None => Err(self.key_error(k)),
                    };
                }
                Kind::ByteArray | Kind::Bytes => {
                    return self.bytearray_setitem(c, k, Value::NULL);
                }
                _ => {}
            }
        }
        if self.call_special(c, "__delitem__", &[k])?.is_some() {
            return Ok(());
        }
        let tn = self.type_name(c);
        Err(self.err(
            E::TypeError,
            format!("'{tn}' object does not support item deletion"),
        ))
    }

    /// `item in c`.
    pub fn contains(&mut self, c: Value, item: Value) -> PyResult<bool> {
        if c.is_ptr() && !self.overrides(c, "__contains__") {
            match self.kind_of(c) {
                Kind::Str => {
                    if !self.is_str(item) {
                        let tn = self.type_name(item);
                        return Err(self.err(
                            E::TypeError,
                            format!("'in <string>' requires string as left operand, not {tn}"),
                        ));
                    }
                    return Ok(as_str(c).contains(as_str(item)));
                }
                Kind::Dict => return Ok(self.dict_get(c, item)?.is_some()),
                Kind::Set => return self.set_contains(c, item),
                Kind::Bytes | Kind::ByteArray => return self.bytes_contains(c, item),
                Kind::List | Kind::Tuple => {
                    let mut i = 0;
                    loop {
                        let x = if self.is_list(c) {
                            if i >= Self::list_len(c) {
                                return Ok(false);
                            }
                            Self::list_get(c, i)
                        } else {
                            match self.tuple_items(c).get(i) {
                                Some(&x) => x,
                                None => return Ok(false),
                            }
                        };
                        if self.eq(x, item)? {
                            return Ok(true);
                        }
                        i += 1;
                    }
                }
                Kind::Range => {
                    if let Some(n) = self.to_i64(item) {
                        let (start, stop, step) = Self::range_parts(c);
                        let inside = if step > 0 {
                            n >= start && n < stop
                        } else {
                            n <= start && n > stop
                        };
                        return Ok(inside && (n - start) % step == 0);
                    }
                }
                _ => {
                    if let Some(k) = self.view_kind(c) {
                        let d = c.get(1);
                        if k == 0 {
                            return Ok(self.dict_get(d, item)?.is_some());
                        }
                    }
                }
            }
        }
        if let Some(r) = self.call_special(c, "__contains__", &[item])? {
            return self.truthy(r);
        }
        let it = match self.iter(c) {
            Ok(it) => it,
            Err(e) if self.exc_matches(e.0, E::TypeError) => {
                let tn = self.type_name(c);
                return Err(self.err(
                    E::TypeError,
                    format!("argument of type '{tn}' is not iterable"),
                ));
            }
            Err(e) => return Err(e),
        };
        while let Some(x) = self.next(it)? {
            if self.eq(x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}
