//! Operators: arithmetic with the dunder protocol (reflected operands,
//! NotImplemented), comparisons, truth, hashing, repr/str, subscripts,
//! containment and `len`.
//!
//! Each operation first tries the builtin fast paths (ints, floats, strs,
//! lists, tuples) and then the special methods, in CPython's order: the
//! right operand's reflected method first when its type is a subclass of
//! the left's.
//!
//! The operations are split by theme: `arith` (binary/unary operators),
//! `compare` (rich comparisons), `truth` (truth, len, hash), `repr`
//! (repr/str/format), `subscript` (item access and containment) and
//! `subclass` (operands that are instances of str/int/... subclasses).

mod arith;
mod compare;
mod repr;
mod subclass;
mod subscript;
mod truth;
