//! Native modules: sys, time, math; `posix` (os.rs) and random (random.rs)
//! are installed from here, with the hooks the pure-Python library needs
//! (`type.__call__`, `__import__`, `sys._getframe`).
//!
//! `sys.stdout` / `sys.stderr` are small text-stream objects with `write`
//! and `flush`; stdout shares the VM's buffer, so output interleaves as
//! written. A program may rebind `sys.stdout`/`sys.stderr` (to an
//! `io.StringIO`, any object with `write`): `print` and the traceback
//! printer ask [`replaced_stream`] at call time. That check is one dict
//! lookup and a pointer compare against the objects installed here, kept in
//! `vm.immortal` at slots a thread-local remembers (the collector may move
//! them and updates that root range); it also checks the VM's `sys.modules` so a second VM on the
//! same thread takes the slow, always-correct lookup instead.

use crate::objects::exceptions::E;
use crate::objects::function::NativeFn;
use crate::objects::str::as_str;
use crate::objects::typeobj::T_DICT;
use crate::objects::{Kind, Value};
use crate::vm::{PyResult, Vm};
use std::io::Write;

fn set(vm: &mut Vm, module: Value, name: &str, v: Value) {
    let k = vm.intern(name);
    let d = module.get(1);
    let _ = vm.dict_set(d, k, v);
}

fn add_fns(vm: &mut Vm, module: Value, owner: &'static str, fns: &[(&'static str, NativeFn)]) {
    for &(name, f) in fns {
        let func = vm.def_builtin(name, owner, f);
        set(vm, module, name, func);
    }
}

/// Where [`replaced_stream`] finds what it compares against: indices into
/// `vm.immortal` (a root range the collector updates when it moves an
/// object, so values are read from there, never cached) of the VM's
/// `sys.modules`, the sys module's dict, and the original stdout/stderr.
#[derive(Clone, Copy)]
struct OriginalStreams {
    modules: usize,
    sys_dict: usize,
    stdout: usize,
    stderr: usize,
}

thread_local! {
    static ORIGINAL_STREAMS: std::cell::Cell<Option<OriginalStreams>> =
        const { std::cell::Cell::new(None) };
}

/// Which of the two standard streams.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum StdStream {
    Stdout,
    Stderr,
}

/// The object a program bound to `sys.stdout` (or `sys.stderr`) when it is
/// not the stream the VM installed, else None (write to the VM's own
/// stream). A deleted or None `sys.stdout` also gives None: output then
/// goes to the real stream, where CPython would drop it silently.
pub fn replaced_stream(vm: &mut Vm, which: StdStream) -> Option<Value> {
    let name = match which {
        StdStream::Stdout => "stdout",
        StdStream::Stderr => "stderr",
    };
    let (sys_dict, original) = match ORIGINAL_STREAMS.with(|c| c.get()) {
        Some(o) if o.stderr < vm.immortal.len() && vm.immortal[o.modules] == vm.modules => {
            let original = match which {
                StdStream::Stdout => vm.immortal[o.stdout],
                StdStream::Stderr => vm.immortal[o.stderr],
            };
            (vm.immortal[o.sys_dict], Some(original))
        }
        _ => {
            let key = vm.intern("sys");
            let sys = vm.dict_get_str(vm.modules, key)?;
            if vm.kind_of(sys) != Kind::Module {
                return None;
            }
            (sys.get(1), None)
        }
    };
    let key = vm.intern(name);
    let current = vm.dict_get_str(sys_dict, key)?;
    if Some(current) == original || current == vm.none {
        return None;
    }
    if original.is_none() && vm.kind_of(current) == Kind::Instance {
        // No remembered originals: recognise the VM's streams by name.
        let own = format!("<{name}>");
        if vm
            .instance_get(current, "name")
            .filter(|&n| vm.is_str(n))
            .map(as_str)
            == Some(&own)
        {
            return None;
        }
    }
    Some(current)
}

/// Write `text` to `sys.stderr` as CPython does for tracebacks: through the
/// program's replacement when it has one, else to the process's stderr
/// (after flushing buffered stdout, so the two interleave as written).
pub fn write_stderr(vm: &mut Vm, text: &str) {
    if let Some(stream) = replaced_stream(vm, StdStream::Stderr) {
        let written = (|| -> PyResult<()> {
            if let Some(write) = vm.lookup_attr(stream, "write")? {
                let t = vm.new_str(text);
                vm.call(write, &[t])?;
                return Ok(());
            }
            Err(vm.err(E::AttributeError, "'sys.stderr' has no attribute 'write'"))
        })();
        if written.is_ok() {
            return;
        }
    }
    vm.flush();
    eprint!("{text}");
}

fn stream_write(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("write", args, 2, 2)?;
    if !vm.is_str(args[1]) {
        let tn = vm.type_name(args[1]);
        return Err(vm.err(
            E::TypeError,
            format!("write() argument must be str, not {tn}"),
        ));
    }
    let text = as_str(args[1]);
    let is_err = vm.instance_get(args[0], "name").map(as_str) == Some("<stderr>");
    if is_err {
        vm.flush();
        eprint!("{text}");
    } else {
        let _ = vm.out.write_all(text.as_bytes());
    }
    Ok(Value::small(text.chars().count() as i64))
}

fn stream_flush(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.flush();
    Ok(vm.none)
}

fn sys_setrecursionlimit(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.len() != 1 {
        return Err(vm.err(
            E::TypeError,
            format!(
                "setrecursionlimit() takes exactly one argument ({} given)",
                args.len()
            ),
        ));
    }
    let n = vm.index_i64(args[0])?;
    if n < 1 {
        return Err(vm.err(
            E::ValueError,
            "recursion limit must be greater or equal than 1",
        ));
    }
    vm.recursion_limit = n as usize;
    Ok(vm.none)
}

fn sys_getrecursionlimit(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(Value::small(vm.recursion_limit as i64))
}

fn sys_exit(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    crate::builtins::no_kw(vm, "exit", kw)?;
    vm.check_nargs("exit", args, 0, 1)?;
    let t = vm.exc_type(E::SystemExit);
    let exc = vm.new_exception(t, args);
    set_attr(vm, exc.0, "code", args.first().copied().unwrap_or(vm.none));
    Err(exc)
}

// The attributes some exception types add to `args`, set by their
// `__init__` as CPython's do: SystemExit.code, ImportError.msg/name/path,
// AttributeError.name/obj, NameError.name, OSError.errno/strerror/
// filename/filename2. Keywords go to those attributes, never into `args`.

fn set_attr(vm: &mut Vm, obj: Value, name: &str, v: Value) {
    let k = vm.intern(name);
    vm.instance_set(obj, k, v);
}

/// Positional arguments (self first) and keyword (name, value) pairs.
type SplitArgs<'a> = (&'a [Value], Vec<(&'a str, Value)>);

/// Split an exception `__init__`'s arguments: store `args` on the instance
/// and return the positional ones with the keywords `allowed` names (others
/// are a TypeError naming the type, as CPython words it).
fn exc_init_args<'a>(
    vm: &mut Vm,
    type_name: &str,
    args: &'a [Value],
    kw: &'a [Value],
    allowed: &[&str],
) -> PyResult<SplitArgs<'a>> {
    let (pos, kws) = crate::builtins::split_kw(args, kw);
    if let Some((bad, _)) = kws.iter().find(|(k, _)| !allowed.contains(k)) {
        let msg = if allowed.is_empty() {
            format!("{type_name}() takes no keyword arguments")
        } else {
            format!("'{bad}' is an invalid keyword argument for {type_name}()")
        };
        return Err(vm.err(E::TypeError, msg));
    }
    let tuple = vm.new_tuple(&pos[1..]);
    set_attr(vm, pos[0], "args", tuple);
    Ok((pos, kws))
}

fn system_exit_init(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (pos, _) = exc_init_args(vm, "SystemExit", args, kw, &[])?;
    let code = match &pos[1..] {
        [] => vm.none,
        [one] => *one,
        many => vm.new_tuple(many),
    };
    set_attr(vm, pos[0], "code", code);
    Ok(vm.none)
}

fn import_error_init(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (pos, kws) = exc_init_args(vm, "ImportError", args, kw, &["name", "path"])?;
    let msg = if pos.len() == 2 { pos[1] } else { vm.none };
    set_attr(vm, pos[0], "msg", msg);
    for key in ["name", "path"] {
        let v = kws.iter().find(|(k, _)| *k == key).map_or(vm.none, |p| p.1);
        set_attr(vm, pos[0], key, v);
    }
    Ok(vm.none)
}

fn attribute_error_init(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (pos, kws) = exc_init_args(vm, "AttributeError", args, kw, &["name", "obj"])?;
    for key in ["name", "obj"] {
        let v = kws.iter().find(|(k, _)| *k == key).map_or(vm.none, |p| p.1);
        set_attr(vm, pos[0], key, v);
    }
    Ok(vm.none)
}

fn name_error_init(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (pos, kws) = exc_init_args(vm, "NameError", args, kw, &["name"])?;
    let v = kws.first().map_or(vm.none, |p| p.1);
    set_attr(vm, pos[0], "name", v);
    Ok(vm.none)
}

fn os_error_init(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (pos, _) = exc_init_args(vm, "OSError", args, kw, &[])?;
    let given = &pos[1..];
    let none = vm.none;
    // Two to five arguments are (errno, strerror[, filename[, winerror,
    // filename2]]); any other count leaves them all None.
    let (errno, strerror, filename, filename2) = if (2..=5).contains(&given.len()) {
        (
            given[0],
            given[1],
            given.get(2).copied().unwrap_or(none),
            given.get(4).copied().unwrap_or(none),
        )
    } else {
        (none, none, none, none)
    };
    if given.len() >= 3 {
        // As CPython: args keeps only (errno, strerror) when a filename
        // is given.
        let tuple = vm.new_tuple(&given[..2]);
        set_attr(vm, pos[0], "args", tuple);
    }
    for (key, v) in [
        ("errno", errno),
        ("strerror", strerror),
        ("filename", filename),
        ("filename2", filename2),
    ] {
        set_attr(vm, pos[0], key, v);
    }
    Ok(vm.none)
}

/// `[Errno 2] No such file or directory: 'name'` when errno and strerror
/// are set, else BaseException's text.
fn os_error_str(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let exc = args[0];
    let none = vm.none;
    let attr = |vm: &mut Vm, name: &str| vm.instance_get(exc, name).unwrap_or(none);
    let (errno, strerror) = (attr(vm, "errno"), attr(vm, "strerror"));
    if errno == none || strerror == none {
        let a = vm.instance_get(exc, "args").unwrap_or(vm.empty_tuple);
        return match vm.is_tuple(a).then(|| vm.tuple_items(a).to_vec()) {
            Some(items) if items.is_empty() => Ok(vm.intern("")),
            Some(items) if items.len() == 1 => vm.str_of(items[0]),
            _ => {
                let r = vm.repr_string(a)?;
                Ok(vm.new_str(&r))
            }
        };
    }
    let mut text = format!(
        "[Errno {}] {}",
        vm.str_string(errno)?,
        vm.str_string(strerror)?
    );
    let (filename, filename2) = (attr(vm, "filename"), attr(vm, "filename2"));
    if filename != none {
        text.push_str(&format!(": {}", vm.repr_string(filename)?));
        if filename2 != none {
            text.push_str(&format!(" -> {}", vm.repr_string(filename2)?));
        }
    }
    Ok(vm.new_str(&text))
}

fn install_exception_inits(vm: &mut Vm) {
    let inits: [(E, &'static str, NativeFn); 5] = [
        (E::SystemExit, "SystemExit", system_exit_init),
        (E::ImportError, "ImportError", import_error_init),
        (E::AttributeError, "AttributeError", attribute_error_init),
        (E::NameError, "NameError", name_error_init),
        (E::OSError, "OSError", os_error_init),
    ];
    for (e, name, init) in inits {
        let t = vm.exc_type(e);
        vm.add_methods(t, name, &[("__init__", init)]);
    }
    let t = vm.exc_type(E::OSError);
    vm.add_methods(t, "OSError", &[("__str__", os_error_str)]);
}

fn sys_exc_info(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let h = vm.handled_exception();
    let none = vm.none;
    if h == none {
        return Ok(vm.new_tuple(&[none, none, none]));
    }
    let t = vm.type_of(h);
    Ok(vm.new_tuple(&[t, h, none]))
}

fn f64_arg(vm: &mut Vm, args: &[Value], i: usize, name: &str) -> PyResult<f64> {
    let Some(&v) = args.get(i) else {
        return Err(vm.err(E::TypeError, format!("{name}() missing required argument")));
    };
    match vm.num_to_f64(v) {
        Some(r) => r,
        None => match vm.call_special(v, "__float__", &[])? {
            Some(f) if vm.is_float(f) => Ok(Vm::float_val(f)),
            _ => {
                let tn = vm.type_name(v);
                Err(vm.err(E::TypeError, format!("must be real number, not {tn}")))
            }
        },
    }
}

fn time_time(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0);
    Ok(vm.new_float(t))
}

fn time_perf_counter(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    use std::sync::OnceLock;
    static START: OnceLock<std::time::Instant> = OnceLock::new();
    let t = START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_secs_f64();
    Ok(vm.new_float(t))
}

fn time_sleep(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let s = f64_arg(vm, args, 0, "sleep")?;
    if s < 0.0 {
        return Err(vm.err(E::ValueError, "sleep length must be non-negative"));
    }
    std::thread::sleep(std::time::Duration::from_secs_f64(s));
    Ok(vm.none)
}

macro_rules! math1 {
    ($name:ident, $py:expr, $f:expr) => {
        fn $name(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
            let x = f64_arg(vm, args, 0, $py)?;
            let f: fn(f64) -> Option<f64> = $f;
            match f(x) {
                Some(r) if r.is_finite() || !x.is_finite() => Ok(vm.new_float(r)),
                Some(_) => Err(vm.err(E::OverflowError, "math range error")),
                None => Err(vm.err(E::ValueError, "math domain error")),
            }
        }
    };
}

math1!(m_sqrt, "sqrt", |x| (x >= 0.0 || x.is_nan())
    .then(|| x.sqrt()));
math1!(m_sin, "sin", |x| (!x.is_infinite()).then(|| x.sin()));
math1!(m_cos, "cos", |x| (!x.is_infinite()).then(|| x.cos()));
math1!(m_tan, "tan", |x| (!x.is_infinite()).then(|| x.tan()));
math1!(m_asin, "asin", |x| (-1.0..=1.0)
    .contains(&x)
    .then(|| x.asin()));
math1!(m_acos, "acos", |x| (-1.0..=1.0)
    .contains(&x)
    .then(|| x.acos()));
math1!(m_atan, "atan", |x| Some(x.atan()));
math1!(m_exp, "exp", |x| Some(x.exp()));
math1!(m_log10, "log10", |x| (x > 0.0).then(|| x.log10()));
math1!(m_log2, "log2", |x| (x > 0.0).then(|| x.log2()));
math1!(m_fabs, "fabs", |x| Some(x.abs()));

fn m_log(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = f64_arg(vm, args, 0, "log")?;
    if x <= 0.0 {
        return Err(vm.err(E::ValueError, "math domain error"));
    }
    let r = match args.get(1) {
        Some(_) => {
            let b = f64_arg(vm, args, 1, "log")?;
            x.ln() / b.ln()
        }
        None => x.ln(),
    };
    Ok(vm.new_float(r))
}

fn m_atan2(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let y = f64_arg(vm, args, 0, "atan2")?;
    let x = f64_arg(vm, args, 1, "atan2")?;
    Ok(vm.new_float(y.atan2(x)))
}

fn m_hypot(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let mut acc = 0.0f64;
    for i in 0..args.len() {
        let v = f64_arg(vm, args, i, "hypot")?;
        acc = acc.hypot(v);
    }
    Ok(vm.new_float(acc))
}

fn m_pow(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = f64_arg(vm, args, 0, "pow")?;
    let y = f64_arg(vm, args, 1, "pow")?;
    if x == 0.0 && y < 0.0 {
        return Err(vm.err(E::ValueError, "math domain error"));
    }
    Ok(vm.new_float(x.powf(y)))
}

fn int_result(vm: &mut Vm, f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(vm.err(E::ValueError, "cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.err(E::OverflowError, "cannot convert float infinity to integer"));
    }
    if f.abs() < 9e18 {
        return Ok(vm.new_int(f as i64));
    }
    let b: dashu_int::IBig = format!("{f:.0}").parse().unwrap_or_default();
    Ok(vm.new_big(b))
}

fn m_floor(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.first().is_some_and(|&v| vm.is_int(v)) {
        return Ok(args[0]);
    }
    let x = f64_arg(vm, args, 0, "floor")?;
    int_result(vm, x.floor())
}

fn m_ceil(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.first().is_some_and(|&v| vm.is_int(v)) {
        return Ok(args[0]);
    }
    let x = f64_arg(vm, args, 0, "ceil")?;
    int_result(vm, x.ceil())
}

fn m_trunc(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    if args.first().is_some_and(|&v| vm.is_int(v)) {
        return Ok(args[0]);
    }
    let x = f64_arg(vm, args, 0, "trunc")?;
    int_result(vm, x.trunc())
}

fn m_isnan(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = f64_arg(vm, args, 0, "isnan")?;
    Ok(vm.bool(x.is_nan()))
}

fn m_isinf(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = f64_arg(vm, args, 0, "isinf")?;
    Ok(vm.bool(x.is_infinite()))
}

fn m_isfinite(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let x = f64_arg(vm, args, 0, "isfinite")?;
    Ok(vm.bool(x.is_finite()))
}

fn m_gcd(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let mut acc = dashu_int::IBig::from(0);
    for &a in args {
        let Some(b) = vm.to_big(a) else {
            let tn = vm.type_name(a);
            return Err(vm.err(
                E::TypeError,
                format!("'{tn}' object cannot be interpreted as an integer"),
            ));
        };
        let (mut x, mut y) = (acc.clone(), b);
        let zero = dashu_int::IBig::from(0);
        if x < zero {
            x = -x;
        }
        if y < zero {
            y = -y;
        }
        while y != zero {
            let r = &x % &y;
            x = y;
            y = r;
        }
        acc = x;
    }
    Ok(vm.new_big(acc))
}

fn m_factorial(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let n = vm.index_i64(args[0])?;
    if n < 0 {
        return Err(vm.err(E::ValueError, "factorial() not defined for negative values"));
    }
    let mut acc = dashu_int::IBig::from(1);
    for i in 2..=n {
        acc *= dashu_int::IBig::from(i);
    }
    Ok(vm.new_big(acc))
}

/// Create sys, os, time and math and register them in `sys.modules`.
pub fn install(vm: &mut Vm) {
    // The text stream type.
    let object = vm.t.object;
    install_exception_inits(vm);
    let stream_t = vm.make_type("TextIOWrapper", Kind::Instance, object);
    vm.add_methods(
        stream_t,
        "TextIOWrapper",
        &[("write", stream_write), ("flush", stream_flush)],
    );
    let _ = stream_t.get(T_DICT);

    let sys = vm.new_module("sys");
    vm.immortal.push(sys);
    add_fns(
        vm,
        sys,
        "",
        &[
            ("setrecursionlimit", sys_setrecursionlimit),
            ("getrecursionlimit", sys_getrecursionlimit),
            ("exit", sys_exit),
            ("exc_info", sys_exc_info),
        ],
    );
    let mut stream_slots = [0usize; 2];
    for (slot, name) in ["<stdout>", "<stderr>"].into_iter().enumerate() {
        let s = vm.new_instance(stream_t);
        stream_slots[slot] = vm.immortal.len();
        vm.immortal.push(s);
        let k = vm.intern("name");
        let n = vm.new_str(name);
        vm.instance_set(s, k, n);
        set(
            vm,
            sys,
            if name == "<stdout>" {
                "stdout"
            } else {
                "stderr"
            },
            s,
        );
    }
    let (out, err) = (vm.immortal[stream_slots[0]], vm.immortal[stream_slots[1]]);
    set(vm, sys, "__stdout__", out);
    set(vm, sys, "__stderr__", err);
    let first = vm.immortal.len();
    let modules = vm.modules;
    vm.immortal.push(modules);
    vm.immortal.push(sys.get(1));
    ORIGINAL_STREAMS.with(|c| {
        c.set(Some(OriginalStreams {
            modules: first,
            sys_dict: first + 1,
            stdout: stream_slots[0],
            stderr: stream_slots[1],
        }))
    });
    let maxsize = vm.new_int(i64::MAX);
    set(vm, sys, "maxsize", maxsize);
    let modules = vm.modules;
    set(vm, sys, "modules", modules);
    let v = vm.new_str("3.11.7 (repy)");
    set(vm, sys, "version", v);
    let p = vm.new_str("linux");
    set(vm, sys, "platform", p);
    let vi = vm.new_tuple(&[Value::small(3), Value::small(11), Value::small(7)]);
    set(vm, sys, "version_info", vi);
    let path = vm.new_list(&[]);
    set(vm, sys, "path", path);
    let argv = vm.new_list(&[]);
    set(vm, sys, "argv", argv);
    register(vm, "sys", sys);

    let posix = super::os::install(vm);
    register(vm, "posix", posix);
    let re = super::re::install(vm);
    register(vm, "_repy_re", re);
    let structs = super::structs::install(vm);
    register(vm, "_repy_struct", structs);
    let hashlib = super::hashlib::install(vm);
    register(vm, "_repy_hashlib", hashlib);
    let (gc, weakref) = super::gc::install(vm);
    register(vm, "gc", gc);
    register(vm, "_weakref", weakref);

    // `_time`; lib/time.py adds struct_time and the formatting functions.
    let time = vm.new_module("_time");
    vm.immortal.push(time);
    add_fns(
        vm,
        time,
        "",
        &[
            ("time", time_time),
            ("perf_counter", time_perf_counter),
            ("sleep", time_sleep),
            ("monotonic", time_perf_counter),
        ],
    );
    super::time::install(vm, time);
    register(vm, "_time", time);

    let math = vm.new_module("math");
    vm.immortal.push(math);
    add_fns(
        vm,
        math,
        "",
        &[
            ("sqrt", m_sqrt),
            ("sin", m_sin),
            ("cos", m_cos),
            ("tan", m_tan),
            ("asin", m_asin),
            ("acos", m_acos),
            ("atan", m_atan),
            ("atan2", m_atan2),
            ("exp", m_exp),
            ("log", m_log),
            ("log10", m_log10),
            ("log2", m_log2),
            ("fabs", m_fabs),
            ("hypot", m_hypot),
            ("pow", m_pow),
            ("floor", m_floor),
            ("ceil", m_ceil),
            ("trunc", m_trunc),
            ("isnan", m_isnan),
            ("isinf", m_isinf),
            ("isfinite", m_isfinite),
            ("gcd", m_gcd),
            ("factorial", m_factorial),
        ],
    );
    for (name, f) in [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        let v = vm.new_float(f);
        set(vm, math, name, v);
    }
    super::math::install(vm, math);
    register(vm, "math", math);
    let random = super::random::install(vm);
    register(vm, "random", random);
    install_hooks(vm, sys);
}

/// `type.__call__`, `__import__` and `sys._getframe`: the pieces the
/// pure-Python library needs from the VM.
fn install_hooks(vm: &mut Vm, sys: Value) {
    let type_ = vm.t.type_;
    vm.add_methods(type_, "type", &[("__call__", type_call)]);
    let import = vm.def_builtin("__import__", "", b_import);
    let k = vm.intern("__import__");
    let builtins = vm.builtins;
    let d = if vm.kind_of(builtins) == Kind::Module {
        builtins.get(1)
    } else {
        builtins
    };
    let _ = vm.dict_set(d, k, import);
    add_fns(
        vm,
        sys,
        "",
        &[
            ("_getframe", sys_getframe),
            ("displayhook", sys_displayhook),
        ],
    );
    // `sys.__displayhook__`: the original hook, to restore a replaced one.
    let k = vm.intern("displayhook");
    if let Some(hook) = vm.dict_get_str(sys.get(1), k) {
        let k = vm.intern("__displayhook__");
        let _ = vm.dict_set(sys.get(1), k, hook);
    }
    for name in ["exit", "quit"] {
        let f = vm.def_builtin(name, "", b_exit);
        let k = vm.intern(name);
        let _ = vm.dict_set(d, k, f);
    }
    let base_exc = vm.exc_type(E::BaseException);
    vm.add_methods(
        base_exc,
        "BaseException",
        &[("add_note", crate::objects::traceback_print::exc_add_note)],
    );
    // `import builtins`: a module whose dict is the builtins dict itself,
    // so `builtins.x = v` is seen by every global lookup.
    let name = vm.new_str("builtins");
    vm.immortal.push(name);
    let k = vm.intern("__name__");
    if vm.dict_get_str(d, k).is_none() {
        let _ = vm.dict_set(d, k, name);
    }
    let module_t = vm.t.module;
    let builtins_module = vm.new_record(module_t, &[d, name]);
    vm.immortal.push(builtins_module);
    register(vm, "builtins", builtins_module);
    let object = vm.t.object;
    let frame_t = vm.make_type("frame", Kind::Instance, object);
    vm.add_methods(frame_t, "frame", &[]);
    let k = vm.intern("_frame_type");
    let _ = vm.dict_set(sys.get(1), k, frame_t);
}

/// `exit(code=None)` / `quit(code=None)`: raise SystemExit.
fn b_exit(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let t = vm.exc_type(E::SystemExit);
    Err(vm.new_exception(t, &args[..args.len().min(1)]))
}

/// `sys.displayhook(value)`: the REPL shows a value that is not None and
/// keeps it as `builtins._`.
fn sys_displayhook(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let Some(&v) = args.first() else {
        return Err(vm.err(
            E::TypeError,
            "displayhook() takes exactly one argument (0 given)",
        ));
    };
    if v == vm.none {
        return Ok(vm.none);
    }
    let builtins = vm.builtins;
    let d = if vm.kind_of(builtins) == Kind::Module {
        builtins.get(1)
    } else {
        builtins
    };
    let k = vm.intern("_");
    let none = vm.none;
    vm.dict_set(d, k, none)?;
    let text = vm.repr_string(v)?;
    let _ = writeln!(vm.out, "{text}");
    vm.dict_set(d, k, v)?;
    Ok(vm.none)
}

fn type_call(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    match args.first() {
        Some(&cls) if vm.is_type(cls) => vm.call_type_plain(cls, &args[1..], kw),
        _ => Err(vm.err(
            E::TypeError,
            "descriptor '__call__' of 'type' object needs an argument",
        )),
    }
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
fn b_import(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kw.len();
    let mut slots = [Value::NULL; 5];
    let names = ["name", "globals", "locals", "fromlist", "level"];
    if npos > 5 {
        return Err(vm.err(
            E::TypeError,
            format!("__import__() takes at most 5 arguments ({npos} given)"),
        ));
    }
    slots[..npos].copy_from_slice(&args[..npos]);
    for (i, &k) in kw.iter().enumerate() {
        match names.iter().position(|n| *n == as_str(k)) {
            Some(j) => slots[j] = args[npos + i],
            None => {
                return Err(vm.err(
                    E::TypeError,
                    format!(
                        "'{}' is an invalid keyword argument for __import__()",
                        as_str(k)
                    ),
                ));
            }
        }
    }
    let name = slots[0];
    if name.is_null() {
        return Err(vm.err(
            E::TypeError,
            "__import__() missing required argument 'name' (pos 1)",
        ));
    }
    if !vm.is_str(name) {
        return Err(vm.err(E::TypeError, "module name must be a string"));
    }
    let level = if slots[4].is_null() {
        0
    } else {
        vm.index_i64(slots[4])?
    };
    let mut fromlist = Vec::new();
    if !slots[3].is_null() && slots[3] != vm.none {
        let items = vm.collect_iterable(slots[3])?;
        for &v in vm.tuple_items(items) {
            if vm.is_str(v) {
                fromlist.push(as_str(v).to_string());
            }
        }
    }
    let globals = if slots[1].is_null() || slots[1] == vm.none {
        Value::NULL
    } else {
        slots[1]
    };
    let n = as_str(name).to_string();
    vm.import_module_level(&n, globals, &fromlist, level)
}

/// `sys._getframe(depth=0)`: a snapshot of a Python frame with `f_globals`,
/// `f_locals`, `f_code`, `f_lineno` (0: not tracked), `f_back` (None).
fn sys_getframe(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let depth = match args.first() {
        Some(&d) => vm.index_i64(d)?,
        None => 0,
    };
    let frame = match usize::try_from(depth).ok().and_then(|d| vm.frame_view(d)) {
        Some(f) => f,
        None => return Err(vm.err(E::ValueError, "call stack is not deep enough")),
    };
    let sys_key = vm.intern("sys");
    let modules = vm.modules;
    let frame_t = vm
        .dict_get_str(modules, sys_key)
        .and_then(|s| {
            let k = vm.intern("_frame_type");
            vm.dict_get_str(s.get(1), k)
        })
        .ok_or_else(|| vm.err(E::RuntimeError, "sys._frame_type is missing"))?;
    let f = vm.new_instance(frame_t);
    let code = vm.codes[frame.code as usize].value;
    let locals = if frame.locals.is_null() {
        frame.globals
    } else {
        frame.locals
    };
    let none = vm.none;
    for (k, v) in [
        ("f_globals", frame.globals),
        ("f_locals", locals),
        ("f_code", code),
        ("f_lineno", Value::small(0)),
        ("f_back", none),
    ] {
        let k = vm.intern(k);
        vm.instance_set(f, k, v);
    }
    Ok(f)
}

fn register(vm: &mut Vm, name: &str, module: Value) {
    let k = vm.intern(name);
    let modules = vm.modules;
    let _ = vm.dict_set(modules, k, module);
}
