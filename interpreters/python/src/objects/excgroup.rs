//! BaseExceptionGroup / ExceptionGroup and the two `except*` opcodes.
//!
//! A group is an ordinary exception instance whose `args` are
//! `(message, exceptions-as-passed)` and whose `message` and `exceptions`
//! (a tuple) are attributes. `split`/`subgroup` walk the tree and rebuild
//! the matching and the rest with `derive`, copying `__traceback__`,
//! `__context__`, `__cause__` and `__notes__` as CPython does.
//!
//! `except*` (CPython 3.11's scheme, as the compiler emits it):
//! `CHECK_EG_MATCH` splits the exception being handled by the clause's
//! type into the matching part (bound to the name and handled) and the
//! rest (tried against the next clause); `PREP_RERAISE_STAR` merges what
//! the clauses raised or re-raised with the unhandled rest into the one
//! exception that leaves the statement (or None).

use super::Value;
use super::exceptions::E;
use super::function::NativeFn;
use crate::vm::eval::VOps;
use crate::vm::{PyResult, Vm};
use retrace::Ops;

/// What a split condition is.
enum Cond {
    Types(Value),
    Predicate(Value),
}

impl Vm {
    pub fn is_exception_group(&self, v: Value) -> bool {
        v.is_ptr() && self.isinstance(v, self.lang().base_exception_group)
    }

    fn group_exceptions(&mut self, g: Value) -> Vec<Value> {
        match self.instance_get(g, "exceptions") {
            Some(t) if self.is_tuple(t) => self.tuple_items(t).to_vec(),
            _ => Vec::new(),
        }
    }

    /// `group_exceptions`, each also pushed on the pin stack so the copies
    /// in the Vec stay valid across allocations (pinned objects never
    /// move). Callers run inside a `pins.len()`/`unpin` scope.
    fn pinned_exceptions(&mut self, g: Value) -> Vec<Value> {
        let items = self.group_exceptions(g);
        for &v in &items {
            self.pins.push(v);
        }
        items
    }

    /// Pin `v` (see `pinned_exceptions`) and give it back.
    fn keep(&mut self, v: Value) -> Value {
        self.pins.push(v);
        v
    }

    /// `BaseExceptionGroup.__new__(cls, message, exceptions)`.
    pub fn exception_group_new(&mut self, cls: Value, args: &[Value]) -> PyResult<Value> {
        let name = super::typeobj::info(cls).name.clone();
        if args.len() != 2 {
            return Err(self.err(
                E::TypeError,
                format!(
                    "{name}.__new__() takes exactly 2 arguments ({} given)",
                    args.len()
                ),
            ));
        }
        let (msg, excs) = (args[0], args[1]);
        if !self.is_str(msg) {
            let tn = self.type_name(msg);
            return Err(self.err(
                E::TypeError,
                format!("BaseExceptionGroup.__new__() argument 1 must be str, not {tn}"),
            ));
        }
        if !(self.is_list(excs) || self.is_tuple(excs)) {
            return Err(self.err(
                E::TypeError,
                "second argument (exceptions) must be a sequence",
            ));
        }
        let collected = self.collect_iterable(excs)?;
        let items = self.tuple_items(collected).to_vec();
        let mark = self.pin(&items);
        let r = self.exception_group_build(cls, msg, excs, &items);
        self.unpin(mark);
        r
    }

    fn exception_group_build(
        &mut self,
        cls: Value,
        msg: Value,
        excs: Value,
        items: &[Value],
    ) -> PyResult<Value> {
        if items.is_empty() {
            return Err(self.err(
                E::ValueError,
                "second argument (exceptions) must be a non-empty sequence",
            ));
        }
        let exc_base = self.exc_type(E::Exception);
        let mut all_exceptions = true;
        for (i, &e) in items.iter().enumerate() {
            if !self.is_exception(e) {
                return Err(self.err(
                    E::ValueError,
                    format!("Item {i} of second argument (exceptions) is not an exception"),
                ));
            }
            all_exceptions &= self.isinstance(e, exc_base);
        }
        let lt = self.lang();
        let mut cls = cls;
        if cls == lt.base_exception_group {
            if all_exceptions {
                cls = lt.exception_group;
            }
        } else if self.is_subtype(cls, exc_base) && !all_exceptions {
            return Err(self.err(
                E::TypeError,
                "Cannot nest BaseExceptions in an ExceptionGroup",
            ));
        }
        let obj = self.new_instance(cls);
        let a = self.new_tuple(&[msg, excs]);
        let k = self.intern("args");
        self.instance_set(obj, k, a);
        let k = self.intern("message");
        self.instance_set(obj, k, msg);
        let t = self.new_tuple(items);
        let k = self.intern("exceptions");
        self.instance_set(obj, k, t);
        Ok(obj)
    }

    fn cond_of(&mut self, v: Value) -> PyResult<Cond> {
        let base = self.exc_type(E::BaseException);
        let ok_type = |vm: &Vm, t: Value| vm.is_type(t) && vm.is_subtype(t, base);
        if ok_type(self, v) {
            return Ok(Cond::Types(v));
        }
        if self.is_tuple(v) && self.tuple_items(v).iter().all(|&t| ok_type(self, t)) {
            return Ok(Cond::Types(v));
        }
        let callable = self.is_type(v)
            || self.lookup_special(v, "__call__").is_some()
            || matches!(
                self.kind_of(v),
                super::Kind::Function | super::Kind::BuiltinFunction | super::Kind::Method
            );
        if callable {
            return Ok(Cond::Predicate(v));
        }
        Err(self.err(
            E::TypeError,
            "expected a function, exception type or tuple of exception types",
        ))
    }

    fn cond_matches(&mut self, cond: &Cond, e: Value) -> PyResult<bool> {
        match *cond {
            Cond::Types(t) => {
                let ts: Vec<Value> = if self.is_tuple(t) {
                    self.tuple_items(t).to_vec()
                } else {
                    vec![t]
                };
                Ok(ts.iter().any(|&t| self.isinstance(e, t)))
            }
            Cond::Predicate(f) => {
                let r = self.call(f, &[e])?;
                self.truthy(r)
            }
        }
    }

    /// `group_split` in its own pinning scope.
    fn split_scoped(&mut self, g: Value, cond: &Cond) -> PyResult<(Value, Value)> {
        let mark = self.pins.len();
        let r = self.group_split(g, cond);
        self.unpin(mark);
        r
    }

    /// Split `g` by `cond`: (matching part, rest), each a group or None.
    fn group_split(&mut self, g: Value, cond: &Cond) -> PyResult<(Value, Value)> {
        let none = self.none;
        if self.cond_matches(cond, g)? {
            return Ok((g, none));
        }
        if !self.is_exception_group(g) {
            return Ok((none, g));
        }
        let mut yes = Vec::new();
        let mut no = Vec::new();
        for e in self.pinned_exceptions(g) {
            let (m, r) = self.group_split(e, cond)?;
            if m != none {
                yes.push(self.keep(m));
            }
            if r != none {
                no.push(self.keep(r));
            }
        }
        let m = self.derive_group(g, &yes)?;
        let r = self.derive_group(g, &no)?;
        Ok((m, r))
    }

    /// `g.derive(items)` with `g`'s metadata copied; None for no items.
    fn derive_group(&mut self, g: Value, items: &[Value]) -> PyResult<Value> {
        if items.is_empty() {
            return Ok(self.none);
        }
        let list = self.new_list(items);
        let derived = match self.lookup_attr(g, "derive")? {
            Some(d) => self.call(d, &[list])?,
            None => {
                let msg = self.instance_get(g, "message").unwrap_or(self.none);
                let cls = self.lang().base_exception_group;
                self.exception_group_new(cls, &[msg, list])?
            }
        };
        if !self.is_exception_group(derived) {
            return Err(self.err(
                E::TypeError,
                "derive must return an instance of BaseExceptionGroup",
            ));
        }
        for attr in ["__traceback__", "__context__", "__cause__", "__notes__"] {
            if let Some(v) = self.instance_get(g, attr) {
                let k = self.intern(attr);
                self.instance_set(derived, k, v);
            }
        }
        Ok(derived)
    }

    /// `CHECK_EG_MATCH`: `[exc, type] -> [rest, match]` (or `[exc, None]`).
    pub fn op_check_eg_match<O: Ops>(&mut self, o: &mut O) -> PyResult<()> {
        let ty = o.popv();
        let exc = o.peekv(0);
        let base = self.exc_type(E::BaseException);
        let types: Vec<Value> = if self.is_tuple(ty) {
            self.tuple_items(ty).to_vec()
        } else {
            vec![ty]
        };
        for &t in &types {
            if !(self.is_type(t) && self.is_subtype(t, base)) {
                return Err(self.err(
                    E::TypeError,
                    "catching classes that do not inherit from BaseException is not allowed",
                ));
            }
            if self.is_subtype(t, self.lang().base_exception_group) {
                return Err(self.err(
                    E::TypeError,
                    "catching ExceptionGroup with except* is not allowed. Use except instead.",
                ));
            }
        }
        let none = self.none;
        let (m, rest) = if exc == none {
            (none, none)
        } else if !self.is_exception_group(exc) {
            // A naked exception: a match is wrapped in a group.
            if self.cond_matches(&Cond::Types(ty), exc)? {
                let msg = self.intern("");
                let list = self.new_tuple(&[exc]);
                let cls = self.lang().base_exception_group;
                let g = self.exception_group_new(cls, &[msg, list])?;
                if let Some(tb) = self.instance_get(exc, "__traceback__") {
                    let k = self.intern("__traceback__");
                    self.instance_set(g, k, tb);
                }
                (g, none)
            } else {
                (none, exc)
            }
        } else {
            self.split_scoped(exc, &Cond::Types(ty))?
        };
        if m == none {
            o.pushv(none);
            return Ok(());
        }
        o.set_peekv(0, rest);
        o.pushv(m);
        self.set_handled_exception(m);
        Ok(())
    }

    /// Replace the exception being handled (as `PUSH_EXC_INFO` left it).
    fn set_handled_exception(&mut self, v: Value) {
        if let Some(last) = self.handled.last_mut() {
            *last = v;
        } else {
            self.handled.push(v);
        }
    }

    fn leaves(&mut self, e: Value, out: &mut Vec<Value>) {
        if self.is_exception_group(e) {
            for x in self.pinned_exceptions(e) {
                self.leaves(x, out);
            }
        } else {
            out.push(e);
        }
    }

    /// `orig` restricted to the leaves in `keep` (structure kept).
    fn project(&mut self, orig: Value, keep: &[Value]) -> PyResult<Value> {
        let none = self.none;
        if !self.is_exception_group(orig) {
            return Ok(if keep.contains(&orig) { orig } else { none });
        }
        let mut items = Vec::new();
        for e in self.pinned_exceptions(orig) {
            let p = self.project(e, keep)?;
            if p != none {
                items.push(self.keep(p));
            }
        }
        if items.len() == self.group_exceptions(orig).len()
            && items
                .iter()
                .zip(self.group_exceptions(orig))
                .all(|(a, b)| *a == b)
        {
            return Ok(orig);
        }
        self.derive_group(orig, &items)
    }

    /// `PREP_RERAISE_STAR`: `[orig, raised list] -> [exception or None]`.
    pub fn op_prep_reraise_star<O: Ops>(&mut self, o: &mut O) -> PyResult<()> {
        let list = o.popv();
        let orig = o.peekv(0);
        let none = self.none;
        let items: Vec<Value> = self
            .list_items(list)
            .iter()
            .copied()
            .filter(|&v| v != none && !v.is_null())
            .collect();
        let mark = self.pin(&items);
        let r = self.merge_raised(orig, &items);
        self.unpin(mark);
        o.set_peekv(0, r?);
        Ok(())
    }

    fn merge_raised(&mut self, orig: Value, items: &[Value]) -> PyResult<Value> {
        let none = self.none;
        if items.is_empty() {
            return Ok(none);
        }
        if !self.is_exception_group(orig) {
            // A naked exception: it can only have been re-raised whole.
            return Ok(items[0]);
        }
        let mut orig_leaves = Vec::new();
        self.leaves(orig, &mut orig_leaves);
        let mut reraised_leaves = Vec::new();
        let mut raised = Vec::new();
        for &e in items {
            let mut ls = Vec::new();
            self.leaves(e, &mut ls);
            if ls.iter().all(|l| orig_leaves.contains(l)) {
                reraised_leaves.extend(ls);
            } else {
                raised.push(e);
            }
        }
        let kept = if reraised_leaves.is_empty() {
            none
        } else {
            self.project(orig, &reraised_leaves)?
        };
        if raised.is_empty() {
            return Ok(kept);
        }
        if kept != none {
            raised.push(self.keep(kept));
        }
        if raised.len() == 1 {
            return Ok(raised[0]);
        }
        let msg = self.intern("");
        let list = self.new_list(&raised);
        let cls = self.lang().base_exception_group;
        self.exception_group_new(cls, &[msg, list])
    }
}

fn this_group(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Value> {
    match args.first() {
        Some(&g) if vm.is_exception_group(g) => Ok(g),
        _ => Err(vm.err(
            E::TypeError,
            format!("descriptor '{name}' requires a 'BaseExceptionGroup' object"),
        )),
    }
}

fn m_new(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    if args.len() <= kw.len() || !vm.is_type(args[0]) {
        return Err(vm.err(
            E::TypeError,
            "BaseExceptionGroup.__new__(X): X is not a type object",
        ));
    }
    vm.exception_group_new(args[0], &args[1..])
}

fn m_init(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(vm.none)
}

fn m_str(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let g = this_group(vm, args, "__str__")?;
    let msg = vm.instance_get(g, "message").unwrap_or(vm.none);
    let msg = vm.str_string(msg)?;
    let n = vm.group_exceptions(g).len();
    let s = format!("{msg} ({n} sub-exception{})", if n == 1 { "" } else { "s" });
    Ok(vm.new_str(&s))
}

fn m_derive(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("derive", args, 2, 2)?;
    let g = this_group(vm, args, "derive")?;
    let msg = vm.instance_get(g, "message").unwrap_or(vm.none);
    let cls = vm.lang().base_exception_group;
    vm.exception_group_new(cls, &[msg, args[1]])
}

fn m_split(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("split", args, 2, 2)?;
    let g = this_group(vm, args, "split")?;
    let cond = vm.cond_of(args[1])?;
    let (m, r) = vm.split_scoped(g, &cond)?;
    Ok(vm.new_tuple(&[m, r]))
}

fn m_subgroup(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("subgroup", args, 2, 2)?;
    let g = this_group(vm, args, "subgroup")?;
    let cond = vm.cond_of(args[1])?;
    let (m, _) = vm.split_scoped(g, &cond)?;
    Ok(m)
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("__new__", m_new),
    ("__init__", m_init),
    ("__str__", m_str),
    ("derive", m_derive),
    ("split", m_split),
    ("subgroup", m_subgroup),
];
