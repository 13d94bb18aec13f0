//! `_repy_hashlib`: MD5, SHA-1 and the SHA-2 family through the RustCrypto
//! crates, under lib/hashlib.py. A hash object's state lives in a
//! per-thread table; Python holds its index (`copy()` clones the state).

use crate::objects::Value;
use crate::objects::exceptions::E;
use crate::objects::function::NativeFn;
use crate::objects::str::as_str;
use crate::vm::{PyResult, Vm};
use sha2::Digest;
use std::cell::RefCell;

#[derive(Clone)]
enum State {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

impl State {
    fn new(name: &str) -> Option<State> {
        Some(match name {
            "md5" => State::Md5(md5::Md5::new()),
            "sha1" => State::Sha1(sha1::Sha1::new()),
            "sha224" => State::Sha224(sha2::Sha224::new()),
            "sha256" => State::Sha256(sha2::Sha256::new()),
            "sha384" => State::Sha384(sha2::Sha384::new()),
            "sha512" => State::Sha512(sha2::Sha512::new()),
            _ => return None,
        })
    }

    fn update(&mut self, data: &[u8]) {
        match self {
            State::Md5(h) => h.update(data),
            State::Sha1(h) => h.update(data),
            State::Sha224(h) => h.update(data),
            State::Sha256(h) => h.update(data),
            State::Sha384(h) => h.update(data),
            State::Sha512(h) => h.update(data),
        }
    }

    fn digest(&self) -> Vec<u8> {
        match self.clone() {
            State::Md5(h) => h.finalize().to_vec(),
            State::Sha1(h) => h.finalize().to_vec(),
            State::Sha224(h) => h.finalize().to_vec(),
            State::Sha256(h) => h.finalize().to_vec(),
            State::Sha384(h) => h.finalize().to_vec(),
            State::Sha512(h) => h.finalize().to_vec(),
        }
    }
}

thread_local! {
    static STATES: RefCell<Vec<Option<State>>> = const { RefCell::new(Vec::new()) };
}

fn store(state: State) -> Value {
    STATES.with(|s| {
        let mut s = s.borrow_mut();
        s.push(Some(state));
        Value::small(s.len() as i64 - 1)
    })
}

fn index(vm: &mut Vm, args: &[Value]) -> PyResult<usize> {
    let i = match args.first() {
        Some(&v) => vm.index_i64(v)?,
        None => -1,
    };
    let ok = STATES.with(|s| {
        usize::try_from(i)
            .ok()
            .and_then(|i| s.borrow().get(i).map(|x| x.is_some()))
            .unwrap_or(false)
    });
    if !ok {
        return Err(vm.err(E::ValueError, "unknown hash object"));
    }
    Ok(i as usize)
}

fn data_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if vm.is_str(v) {
        return Err(vm.err(E::TypeError, "Strings must be encoded before hashing"));
    }
    match vm.byte_data(v) {
        Some(d) => Ok(d.to_vec()),
        None => {
            let tn = vm.type_name(v);
            Err(vm.err(
                E::TypeError,
                format!("object supporting the buffer API required, not '{tn}'"),
            ))
        }
    }
}

/// `_new(name)`: a fresh state's index, or ValueError for an unknown name.
fn h_new(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let Some(&name) = args.first().filter(|v| vm.is_str(**v)) else {
        return Err(vm.err(E::TypeError, "new() argument 'name' must be str"));
    };
    let n = as_str(name).to_ascii_lowercase();
    match State::new(&n) {
        Some(s) => Ok(store(s)),
        None => Err(vm.err(
            E::ValueError,
            format!("unsupported hash type {}", as_str(name)),
        )),
    }
}

fn h_update(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let i = index(vm, args)?;
    let Some(&d) = args.get(1) else {
        return Err(vm.err(
            E::TypeError,
            "update() takes exactly one argument (0 given)",
        ));
    };
    let data = data_arg(vm, d)?;
    STATES.with(|s| {
        if let Some(Some(st)) = s.borrow_mut().get_mut(i) {
            st.update(&data);
        }
    });
    Ok(vm.none)
}

fn h_digest(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let i = index(vm, args)?;
    let out = STATES.with(|s| {
        s.borrow()[i]
            .as_ref()
            .map(State::digest)
            .unwrap_or_default()
    });
    Ok(vm.new_bytes(&out))
}

fn h_copy(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let i = index(vm, args)?;
    let st = STATES.with(|s| s.borrow()[i].clone());
    match st {
        Some(st) => Ok(store(st)),
        None => Err(vm.err(E::ValueError, "unknown hash object")),
    }
}

/// The `_repy_hashlib` module.
pub fn install(vm: &mut Vm) -> Value {
    let m = vm.new_module("_repy_hashlib");
    vm.immortal.push(m);
    let fns: &[(&'static str, NativeFn)] = &[
        ("_new", h_new),
        ("_update", h_update),
        ("_digest", h_digest),
        ("_copy", h_copy),
    ];
    let d = m.get(1);
    for &(name, f) in fns {
        let func = vm.def_builtin(name, "_repy_hashlib", f);
        let k = vm.intern(name);
        let _ = vm.dict_set(d, k, func);
    }
    m
}
