//! Shapes (maps, hidden classes) with transition trees.
//!
//! An object that keeps named attributes stores only their values, in slots;
//! its *shape* says which attribute lives in which slot. Objects that got the
//! same attributes in the same order share one shape, so a lookup cached on a
//! shape (or, in a trace, folded after promoting the shape) is a slot index.
//!
//! Shapes form a tree: the empty root, and for each shape one child per
//! attribute added next (its transition). Shapes are never freed (they are
//! few, and traces embed their addresses), so they are `&'static`. Names are
//! the client's interned ids (`u32`); the framework never interprets them.
//!
//! A shape with many attributes does a linear search through `names` only
//! up to [`INDEXED_FROM`] entries; beyond that it keeps a hash index.

use fxhash::FxHashMap;
use std::cell::RefCell;

/// Shapes with at least this many attributes keep a name -> slot index.
pub const INDEXED_FROM: usize = 8;

/// One shape: the attribute names in slot order.
#[derive(Debug)]
pub struct Shape {
    names: Vec<u32>,
    index: Option<FxHashMap<u32, u32>>,
    transitions: RefCell<FxHashMap<u32, &'static Shape>>,
}

impl Shape {
    /// A new root: the shape of objects with no attributes yet. Each client
    /// (or each kind of object) may have its own tree.
    pub fn new_root() -> &'static Shape {
        Box::leak(Box::new(Shape {
            names: Vec::new(),
            index: None,
            transitions: RefCell::new(FxHashMap::default()),
        }))
    }

    /// Number of attributes (= slots used).
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The attribute names, in slot order.
    pub fn names(&self) -> &[u32] {
        &self.names
    }

    /// The slot of attribute `name`, if this shape has it.
    #[inline]
    pub fn lookup(&self, name: u32) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(&name).map(|&slot| slot as usize),
            None => self.names.iter().position(|&n| n == name),
        }
    }

    /// The shape after adding attribute `name` (which must not be present):
    /// its slot is `self.len()`.
    pub fn with(&'static self, name: u32) -> &'static Shape {
        if let Some(&next) = self.transitions.borrow().get(&name) {
            return next;
        }
        let mut names = self.names.clone();
        names.push(name);
        let index = (names.len() >= INDEXED_FROM).then(|| {
            names
                .iter()
                .enumerate()
                .map(|(slot, &n)| (n, slot as u32))
                .collect()
        });
        let next: &'static Shape = Box::leak(Box::new(Shape {
            names,
            index,
            transitions: RefCell::new(FxHashMap::default()),
        }));
        self.transitions.borrow_mut().insert(name, next);
        next
    }

    /// The shape of the same attributes without `name` (a deletion rebuilds
    /// the path from `root`); also returns the removed slot.
    pub fn without(
        &'static self,
        root: &'static Shape,
        name: u32,
    ) -> Option<(&'static Shape, usize)> {
        let slot = self.lookup(name)?;
        let mut shape = root;
        for &n in &self.names {
            if n != name {
                shape = shape.with(n);
            }
        }
        Some((shape, slot))
    }
}

#[cfg(test)]
mod shape_tests {
    use super::*;

    #[test]
    fn transitions_are_shared_and_slots_follow_insertion() {
        let root = Shape::new_root();
        let a = root.with(10).with(20);
        let b = root.with(10).with(20);
        assert!(std::ptr::eq(a, b));
        assert_eq!(a.lookup(10), Some(0));
        assert_eq!(a.lookup(20), Some(1));
        assert_eq!(a.lookup(30), None);
        let c = root.with(20).with(10);
        assert!(!std::ptr::eq(a, c));
        assert_eq!(c.lookup(10), Some(1));
    }

    #[test]
    fn many_attributes_use_the_index_and_deletion_rebuilds() {
        let root = Shape::new_root();
        let mut s = root;
        for n in 0..20 {
            s = s.with(n);
        }
        assert_eq!(s.lookup(17), Some(17));
        let (t, slot) = s.without(root, 5).unwrap();
        assert_eq!(slot, 5);
        assert_eq!(t.lookup(5), None);
        assert_eq!(t.lookup(6), Some(5));
        assert_eq!(t.len(), 19);
    }
}
