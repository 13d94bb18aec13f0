//! `gc` and `_weakref`, on retrace-gc.
//!
//! `gc.collect()` runs a major collection and answers how many objects the
//! weak-reference queue reported dead (CPython answers the unreachable
//! objects found; repy's collector does not count them). `disable()` only
//! records the wish: the nursery is still collected when it fills, as
//! CPython's reference counting still frees with the cycle collector off.
//! `get_stats()` gives one dict per generation (nursery, old) in retrace's
//! terms: collections, pause totals in seconds, promoted bytes.
//!
//! A weak reference is a retrace-gc weak cell kept in a per-thread table
//! (a Python `weakref.ref` holds its index); the collector clears the cell
//! when the target dies and queues it, and the queue hands the callbacks to
//! lib/weakref.py. The stack is scanned conservatively, so a dead object may
//! stay reachable a little longer than in CPython. Table slots are not
//! reused yet (a few words per weak reference ever made).

use crate::objects::Value;
use crate::objects::exceptions::E;
use crate::objects::function::NativeFn;
use crate::vm::{PyResult, Vm};
use retrace::gc::{self, GcPtr};
use std::cell::{Cell, RefCell};

thread_local! {
    static ENABLED: Cell<bool> = const { Cell::new(true) };
    static CELLS: RefCell<Vec<gc::Root>> = const { RefCell::new(Vec::new()) };
    /// How many weak references have seen their targets die.
    static DEAD: Cell<usize> = const { Cell::new(0) };
}

fn value_of(p: GcPtr) -> Value {
    Value(p.addr())
}

fn drain_dead(vm: &mut Vm, out: Option<Value>) -> usize {
    let mut n = 0;
    while let Some(weak) = gc::pop_cleared_weakref() {
        n += 1;
        if let (Some(list), Some(cb)) = (out, weak.load_ref(1)) {
            vm.list_append(list, value_of(cb));
        }
    }
    DEAD.with(|d| d.set(d.get() + n));
    n
}

fn gc_collect(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    gc::collect_major();
    let n = drain_pending(vm)?;
    Ok(Value::small(n as i64))
}

/// Run the callbacks of weak references whose targets died; their count.
fn drain_pending(vm: &mut Vm) -> PyResult<usize> {
    let list = vm.new_list(&[]);
    let mark = vm.pin(&[list]);
    let n = drain_dead(vm, Some(list));
    // Each entry is lib/weakref.py's `[callback, ref]`: call callback(ref).
    let entries = vm.list_items(list).to_vec();
    for entry in entries {
        if !vm.is_list(entry) {
            continue;
        }
        let pair = vm.list_items(entry).to_vec();
        if let [cb, r] = pair[..]
            && cb != vm.none
            && let Err(e) = vm.call(cb, &[r])
        {
            vm.unpin(mark);
            return Err(e);
        }
    }
    vm.unpin(mark);
    Ok(n)
}

fn gc_enable(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    ENABLED.with(|e| e.set(true));
    Ok(vm.none)
}

fn gc_disable(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    ENABLED.with(|e| e.set(false));
    Ok(vm.none)
}

fn gc_isenabled(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(vm.bool(ENABLED.with(|e| e.get())))
}

fn gc_get_count(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let s = gc::stats();
    let items = [
        vm.new_int(s.minor_collections as i64),
        vm.new_int(s.major_collections as i64),
        Value::small(0),
    ];
    Ok(vm.new_tuple(&items))
}

fn gc_get_stats(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let s = gc::stats();
    let list = vm.new_list(&[]);
    let mark = vm.pin(&[list]);
    let gens = [
        (
            s.minor_collections,
            s.minor_pause_total.as_secs_f64(),
            s.minor_pause_max.as_secs_f64(),
            s.promoted_bytes,
        ),
        (
            s.major_collections,
            s.major_pause_total.as_secs_f64(),
            s.major_pause_max.as_secs_f64(),
            s.old_allocated_bytes,
        ),
    ];
    for (count, total, max, bytes) in gens {
        let d = vm.new_dict();
        vm.list_append(list, d);
        let fields = [
            ("collections", vm.new_int(count as i64)),
            ("pause_total", vm.new_float(total)),
            ("pause_max", vm.new_float(max)),
            ("bytes", vm.new_int(bytes as i64)),
        ];
        for (k, v) in fields {
            let k = vm.intern(k);
            vm.dict_set(d, k, v)?;
        }
    }
    vm.unpin(mark);
    Ok(list)
}

fn gc_get_threshold(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let items = [Value::small(700), Value::small(10), Value::small(10)];
    Ok(vm.new_tuple(&items))
}

fn gc_is_tracked(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let Some(&v) = args.first() else {
        return Err(vm.err(
            E::TypeError,
            "is_tracked() takes exactly one argument (0 given)",
        ));
    };
    Ok(vm.bool(v.is_ptr()))
}

/// `_weakref._new(obj, data)`: the index of a new weak cell; `data` (None,
/// or `[callback, ref]`) is handed back when the target dies.
fn weak_new(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let (Some(&target), Some(&callback)) = (args.first(), args.get(1)) else {
        return Err(vm.err(E::TypeError, "_new(obj, data)"));
    };
    if !target.is_ptr() || target == vm.none || target == vm.true_ || target == vm.false_ {
        let tn = vm.type_name(target);
        return Err(vm.err(
            E::TypeError,
            format!("cannot create weak reference to '{tn}' object"),
        ));
    }
    let data = if callback == vm.none {
        None
    } else {
        Some(callback.ptr())
    };
    let cell = gc::alloc_weak_notify(Some(target.ptr()), data)
        .map_err(|_| vm.err(E::MemoryError, "out of memory for a weak reference"))?;
    let root = gc::Root::new(Some(cell))
        .map_err(|_| vm.err(E::MemoryError, "out of memory for a weak reference"))?;
    let index = CELLS.with(|c| {
        let mut c = c.borrow_mut();
        c.push(root);
        c.len() - 1
    });
    Ok(Value::small(index as i64))
}

/// `_weakref._get(index)`: the target, or None once it died.
fn weak_get(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let i = match args.first() {
        Some(&v) => vm.index_i64(v)?,
        None => -1,
    };
    let target = CELLS.with(|c| {
        let c = c.borrow();
        let root = c.get(usize::try_from(i).ok()?)?;
        gc::weak_get(root.get()?)
    });
    Ok(target.map(value_of).unwrap_or(vm.none))
}

/// `_weakref._poll()`: run the callbacks of references whose targets died.
fn weak_poll(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let n = drain_pending(vm)?;
    Ok(Value::small(n as i64))
}

fn module(vm: &mut Vm, name: &'static str, fns: &[(&'static str, NativeFn)]) -> Value {
    let m = vm.new_module(name);
    vm.immortal.push(m);
    let d = m.get(1);
    for &(n, f) in fns {
        let func = vm.def_builtin(n, name, f);
        let k = vm.intern(n);
        let _ = vm.dict_set(d, k, func);
    }
    m
}

/// The `gc` and `_weakref` modules.
pub fn install(vm: &mut Vm) -> (Value, Value) {
    let g = module(
        vm,
        "gc",
        &[
            ("collect", gc_collect),
            ("enable", gc_enable),
            ("disable", gc_disable),
            ("isenabled", gc_isenabled),
            ("get_count", gc_get_count),
            ("get_stats", gc_get_stats),
            ("get_threshold", gc_get_threshold),
            ("is_tracked", gc_is_tracked),
        ],
    );
    let w = module(
        vm,
        "_weakref",
        &[("_new", weak_new), ("_get", weak_get), ("_poll", weak_poll)],
    );
    (g, w)
}
