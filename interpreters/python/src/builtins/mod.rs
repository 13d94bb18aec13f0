//! The builtin functions, the constructors of the builtin types, and the
//! methods of object, type and BaseException.

use crate::objects::exceptions::E;
use crate::objects::function::NativeFn;
use crate::objects::str::as_str;
use crate::objects::typeobj::{T_DICT, info};
use crate::objects::{Kind, Value};
use crate::vm::{PyResult, Vm};
use std::io::Write;

pub mod constructors;
pub mod dunders;
mod functions;
pub mod gc;
pub mod hashlib;
pub mod import;
pub mod io;
pub mod math;
pub mod modules;
pub mod os;
pub mod random;
pub mod re;
pub mod structs;
pub mod time;
mod typemethods;

pub use constructors::construct_builtin;
use functions::*;
pub use typemethods::install_type_methods;
use typemethods::*;

/// Escape non-ASCII characters as `ascii()` does.
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let n = c as u32;
        if n < 128 {
            out.push(c);
        } else if n < 256 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 65536 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}

/// Split native args into positional and (name, value) keyword pairs.
pub(crate) fn split_kw<'a>(
    args: &'a [Value],
    kw: &'a [Value],
) -> (&'a [Value], Vec<(&'a str, Value)>) {
    let npos = args.len() - kw.len();
    let pairs = kw
        .iter()
        .enumerate()
        .map(|(i, &k)| (as_str(k), args[npos + i]))
        .collect();
    (&args[..npos], pairs)
}

pub(crate) fn no_kw(vm: &mut Vm, name: &str, kw: &[Value]) -> PyResult<()> {
    if kw.is_empty() {
        Ok(())
    } else {
        Err(vm.err(E::TypeError, format!("{name}() takes no keyword arguments")))
    }
}
/// The builtins module.
pub fn install(vm: &mut Vm) {
    let fns: &[(&'static str, NativeFn)] = &[
        ("print", b_print),
        ("len", b_len),
        ("format", b_format),
        ("repr", b_repr),
        ("ascii", b_ascii),
        ("isinstance", b_isinstance),
        ("issubclass", b_issubclass),
        ("hash", b_hash),
        ("id", b_id),
        ("abs", b_abs),
        ("max", b_max),
        ("min", b_min),
        ("sum", b_sum),
        ("any", b_any),
        ("all", b_all),
        ("sorted", b_sorted),
        ("iter", b_iter),
        ("next", b_next),
        ("getattr", b_getattr),
        ("setattr", b_setattr),
        ("hasattr", b_hasattr),
        ("delattr", b_delattr),
        ("callable", b_callable),
        ("chr", b_chr),
        ("ord", b_ord),
        ("hex", b_hex),
        ("oct", b_oct),
        ("bin", b_bin),
        ("divmod", b_divmod),
        ("pow", b_pow),
        ("round", b_round),
        ("globals", b_globals),
        ("locals", b_locals),
        ("dir", b_dir),
        ("vars", b_vars),
        ("__build_class__", b_build_class),
    ];
    let b = vm.builtins;
    for &(name, f) in fns {
        let func = vm.def_builtin(name, "", f);
        let k = vm.intern(name);
        let _ = vm.dict_set(b, k, func);
    }
    let t = vm.t;
    let types: Vec<(&str, Value)> = vec![
        ("object", t.object),
        ("type", t.type_),
        ("int", t.int),
        ("bool", t.bool_),
        ("float", t.float),
        ("str", t.str),
        ("tuple", t.tuple),
        ("list", t.list),
        ("dict", t.dict),
        ("set", t.set),
        ("frozenset", t.frozenset),
        ("range", t.range),
        ("slice", t.slice),
        ("property", t.property),
        ("staticmethod", t.staticmethod),
        ("classmethod", t.classmethod),
        ("super", t.super_),
        ("enumerate", t.enumerate),
        ("zip", t.zip),
        ("map", t.map),
        ("filter", t.filter),
        ("reversed", t.reversed),
    ];
    for (name, ty) in types {
        let k = vm.intern(name);
        let _ = vm.dict_set(b, k, ty);
    }
    for &(e, name, _) in crate::objects::exceptions::HIERARCHY {
        let ty = vm.exc_type(e);
        let k = vm.intern(name);
        let _ = vm.dict_set(b, k, ty);
    }
    let k = vm.intern("EnvironmentError");
    let _ = vm.dict_set(b, k, vm.exc_type(E::OSError));
    let k = vm.intern("IOError");
    let _ = vm.dict_set(b, k, vm.exc_type(E::OSError));
    let k = vm.intern("None");
    let _ = vm.dict_set(b, k, vm.none);
    let k = vm.intern("NotImplemented");
    let _ = vm.dict_set(b, k, vm.not_implemented);
    let k = vm.intern("Ellipsis");
    let _ = vm.dict_set(b, k, vm.ellipsis);
    let k = vm.intern("__name__");
    let n = vm.intern("builtins");
    let _ = vm.dict_set(b, k, n);
    io::install(vm, b);
    modules::install(vm);
}
