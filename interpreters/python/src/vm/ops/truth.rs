//! Truth testing (`__bool__`, `__len__`), `len` and `hash`.

use crate::objects::exceptions::E;
use crate::objects::float::float_hash;
use crate::objects::str::str_hash;
use crate::objects::typeobj::info;
use crate::objects::{Kind, Value};
use crate::vm::{PyResult, Vm};

impl Vm {
    /// Truth value.
    pub fn truthy(&mut self, v: Value) -> PyResult<bool> {
        if v == self.true_ {
            return Ok(true);
        }
        if v == self.false_ || v == self.none {
            return Ok(false);
        }
        if v.is_small() {
            return Ok(v.as_small() != 0);
        }
        if crate::objects::classes::is_value_subclass_instance(v) {
            return self.subclass_truthy(v);
        }
        match self.kind_of(v) {
            Kind::Int => return Ok(true),
            Kind::Float => return Ok(Self::float_val(v) != 0.0),
            Kind::Str => return Ok(v.word(1) != 0),
            Kind::Tuple => return Ok(!self.tuple_items(v).is_empty()),
            Kind::List => return Ok(Self::list_len(v) != 0),
            Kind::Dict => return Ok(Self::dict_len(v) != 0),
            Kind::Set => return Ok(Self::set_len(v) != 0),
            Kind::Range => return Ok(Self::range_len(v) != 0),
            Kind::Complex => return Ok(Self::complex_parts(v) != (0.0, 0.0)),
            Kind::Bytes | Kind::ByteArray => {
                return Ok(!self.byte_data(v).unwrap_or(&[]).is_empty());
            }
            _ => {}
        }
        if let Some(r) = self.call_special(v, "__bool__", &[])? {
            if r == self.true_ || r == self.false_ {
                return Ok(r == self.true_);
            }
            let tn = self.type_name(r);
            return Err(self.err(
                E::TypeError,
                format!("__bool__ should return bool, returned {tn}"),
            ));
        }
        if self.lookup_special(v, "__len__").is_some() {
            return Ok(self.len(v)? != 0);
        }
        Ok(true)
    }

    /// `len(v)`.
    pub fn len(&mut self, v: Value) -> PyResult<usize> {
        if v.is_ptr() && !self.overrides(v, "__len__") {
            match self.kind_of(v) {
                Kind::Str => return Ok(crate::objects::str::char_len(v)),
                Kind::Tuple => return Ok(self.tuple_items(v).len()),
                Kind::List => return Ok(Self::list_len(v)),
                Kind::Dict => return Ok(Self::dict_len(v)),
                Kind::Set => return Ok(Self::set_len(v)),
                Kind::Range => return Ok(Self::range_len(v) as usize),
                Kind::Bytes | Kind::ByteArray => return Ok(self.byte_data(v).unwrap_or(&[]).len()),
                _ => {}
            }
            if let Some(k) = self.view_kind(v) {
                let _ = k;
                return Ok(Self::dict_len(v.get(1)));
            }
        }
        match self.call_special(v, "__len__", &[])? {
            Some(r) => {
                let n = match self.index_i64(r) {
                    Ok(n) => n,
                    // A result beyond 64 bits: negative ones fail the sign
                    // check below, others do not fit (CPython's wording).
                    Err(e) if self.exc_matches(e.0, E::OverflowError) && self.is_int(r) => {
                        if self.to_big(r).is_some_and(|b| b < dashu_int::IBig::ZERO) {
                            -1
                        } else {
                            return Err(self.err(
                                E::OverflowError,
                                "cannot fit 'int' into an index-sized integer",
                            ));
                        }
                    }
                    Err(e) => return Err(e),
                };
                if n < 0 {
                    return Err(self.err(E::ValueError, "__len__() should return >= 0"));
                }
                Ok(n as usize)
            }
            None => {
                let tn = self.type_name(v);
                Err(self.err(E::TypeError, format!("object of type '{tn}' has no len()")))
            }
        }
    }

    /// `hash(v)`.
    pub fn hash(&mut self, v: Value) -> PyResult<i64> {
        if v.is_small() {
            return Ok(crate::objects::int::hash_i64(v.as_small()));
        }
        let kind = if self.overrides(v, "__hash__") {
            Kind::Instance
        } else {
            self.kind_of(v)
        };
        match kind {
            Kind::Str => return Ok(str_hash(v)),
            Kind::Int | Kind::Bool => return Ok(self.int_hash(v)),
            Kind::Float => return Ok(float_hash(Self::float_val(v))),
            Kind::Tuple => return self.tuple_hash(v),
            Kind::List | Kind::Dict | Kind::Slice => {
                let tn = self.type_name(v);
                return Err(self.err(E::TypeError, format!("unhashable type: '{tn}'")));
            }
            Kind::Set => return self.set_hash(v),
            Kind::Range => return crate::objects::iter::range_hash(self, v),
            Kind::Complex => return Ok(Self::complex_hash(v)),
            Kind::Bytes => return Ok(Self::bytes_hash(v)),
            Kind::ByteArray => {
                return Err(self.err(E::TypeError, "unhashable type: 'bytearray'"));
            }
            _ => {}
        }
        let t = self.type_of(v);
        if info(t).heap {
            let key = self.intern("__hash__");
            match self.type_lookup(t, key) {
                Some(h) if h == self.none => {
                    let tn = self.type_name(v);
                    return Err(self.err(E::TypeError, format!("unhashable type: '{tn}'")));
                }
                Some(h) if self.type_of(h) == self.t.function => {
                    let r = self.call(h, &[v])?;
                    return match self.to_big(r) {
                        Some(_) => Ok(self.int_hash(r)),
                        None => {
                            Err(self.err(E::TypeError, "__hash__ method should return an integer"))
                        }
                    };
                }
                _ => {}
            }
        }
        // Identity hash, as CPython's: the address rotated by the bits its
        // alignment leaves zero. GC objects are 8-byte aligned (CPython's
        // 16), so 3: a 4-bit rotation set bit 63 for half the objects, and
        // `hash()` of a user `__hash__` returning that differed.
        let a = v.0 as u64;
        Ok(a.rotate_right(3) as i64)
    }
}
