//! `posix`: the operating-system calls behind the pure-Python `os` and
//! `os.path` (lib/os.py, lib/posixpath.py). Paths are str; errors become
//! OSError subclasses with CPython's `(errno, strerror, filename)` args.

use crate::objects::Value;
use crate::objects::exceptions::E;
use crate::objects::function::NativeFn;
use crate::objects::str::as_str;
use crate::vm::{PyErr, PyResult, Vm};

fn path_arg(vm: &mut Vm, args: &[Value], i: usize, name: &str) -> PyResult<String> {
    match args.get(i) {
        Some(&v) if vm.is_str(v) => Ok(as_str(v).to_string()),
        Some(&v) => {
            let tn = vm.type_name(v);
            Err(vm.err(
                E::TypeError,
                format!("{name}: path should be string, bytes or os.PathLike, not {tn}"),
            ))
        }
        None => Err(vm.err(
            E::TypeError,
            format!("{name}() missing required argument 'path'"),
        )),
    }
}

/// An OSError subclass chosen by errno, as CPython raises it.
pub fn os_error(vm: &mut Vm, e: &std::io::Error, filename: Option<&str>) -> PyErr {
    let errno = e.raw_os_error().unwrap_or(0);
    let kind = match errno {
        libc::ENOENT => E::FileNotFoundError,
        libc::EEXIST => E::FileExistsError,
        libc::EACCES | libc::EPERM => E::PermissionError,
        libc::EISDIR => E::IsADirectoryError,
        libc::ENOTDIR => E::NotADirectoryError,
        libc::ETIMEDOUT => E::TimeoutError,
        _ => E::OSError,
    };
    let strerror = strerror_text(errno);
    let t = vm.exc_type(kind);
    let n = Value::small(errno as i64);
    let s = vm.new_str(&strerror);
    let mut args = vec![n, s];
    if let Some(f) = filename {
        let f = vm.new_str(f);
        args.push(f);
    }
    let err = vm.new_exception(t, &args);
    for (k, v) in [("errno", args[0]), ("strerror", args[1])] {
        let k = vm.intern(k);
        vm.instance_set(err.0, k, v);
    }
    let k = vm.intern("filename");
    let f = args.get(2).copied().unwrap_or(vm.none);
    vm.instance_set(err.0, k, f);
    err
}

fn strerror_text(errno: i32) -> String {
    let text = std::io::Error::from_raw_os_error(errno).to_string();
    // Rust writes "No such file or directory (os error 2)".
    match text.rfind(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn p_getcwd(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    match std::env::current_dir() {
        Ok(p) => Ok(vm.new_str(&p.display().to_string())),
        Err(e) => Err(os_error(vm, &e, None)),
    }
}

fn p_chdir(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let p = path_arg(vm, args, 0, "chdir")?;
    std::env::set_current_dir(&p).map_err(|e| os_error(vm, &e, Some(&p)))?;
    Ok(vm.none)
}

fn p_listdir(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let p = if args.is_empty() {
        ".".to_string()
    } else {
        path_arg(vm, args, 0, "listdir")?
    };
    let entries = std::fs::read_dir(&p).map_err(|e| os_error(vm, &e, Some(&p)))?;
    let list = vm.new_list(&[]);
    let mark = vm.pin(&[list]);
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let v = vm.new_str(&name);
        vm.list_append(list, v);
    }
    vm.unpin(mark);
    Ok(list)
}

fn p_mkdir(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let p = path_arg(vm, args, 0, "mkdir")?;
    std::fs::create_dir(&p).map_err(|e| os_error(vm, &e, Some(&p)))?;
    Ok(vm.none)
}

fn p_rmdir(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let p = path_arg(vm, args, 0, "rmdir")?;
    std::fs::remove_dir(&p).map_err(|e| os_error(vm, &e, Some(&p)))?;
    Ok(vm.none)
}

fn p_remove(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let p = path_arg(vm, args, 0, "remove")?;
    std::fs::remove_file(&p).map_err(|e| os_error(vm, &e, Some(&p)))?;
    Ok(vm.none)
}

fn p_rename(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = path_arg(vm, args, 0, "rename")?;
    let b = path_arg(vm, args, 1, "rename")?;
    std::fs::rename(&a, &b).map_err(|e| os_error(vm, &e, Some(&a)))?;
    Ok(vm.none)
}

/// `stat(path)`: a tuple (mode, ino, dev, nlink, uid, gid, size, atime,
/// mtime, ctime) that lib/os.py wraps in `stat_result`.
fn p_stat(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    use std::os::unix::fs::MetadataExt;
    let p = path_arg(vm, args, 0, "stat")?;
    let follow = kw.is_empty() || args.last().copied() != Some(vm.false_);
    let meta = if follow {
        std::fs::metadata(&p)
    } else {
        std::fs::symlink_metadata(&p)
    };
    let m = meta.map_err(|e| os_error(vm, &e, Some(&p)))?;
    let ints = [
        m.mode() as i64,
        m.ino() as i64,
        m.dev() as i64,
        m.nlink() as i64,
        m.uid() as i64,
        m.gid() as i64,
        m.size() as i64,
    ];
    let mut items: Vec<Value> = ints.iter().map(|&n| vm.new_int(n)).collect();
    for (s, ns) in [
        (m.atime(), m.atime_nsec()),
        (m.mtime(), m.mtime_nsec()),
        (m.ctime(), m.ctime_nsec()),
    ] {
        let mark = vm.pin(&items);
        let f = vm.new_float(s as f64 + ns as f64 * 1e-9);
        vm.unpin(mark);
        items.push(f);
    }
    Ok(vm.new_tuple(&items))
}

fn p_getpid(_vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(Value::small(std::process::id() as i64))
}

fn p_cpu_count(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    match std::thread::available_parallelism() {
        Ok(n) => Ok(Value::small(n.get() as i64)),
        Err(_) => Ok(vm.none),
    }
}

fn p_strerror(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let Some(&code) = args.first() else {
        return Err(vm.err(
            E::TypeError,
            "strerror() takes exactly one argument (0 given)",
        ));
    };
    let n = vm.index_i64(code)?;
    let text = strerror_text(n as i32);
    Ok(vm.new_str(&text))
}

fn p_putenv(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let k = path_arg(vm, args, 0, "putenv")?;
    let v = path_arg(vm, args, 1, "putenv")?;
    if k.is_empty() || k.contains('=') || k.contains('\0') || v.contains('\0') {
        return Err(vm.err(E::ValueError, "illegal environment variable name"));
    }
    // SAFETY: the VM is single-threaded; no other thread reads the
    // environment while it changes (CPython has the same contract).
    unsafe { std::env::set_var(&k, &v) };
    Ok(vm.none)
}

fn p_unsetenv(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let k = path_arg(vm, args, 0, "unsetenv")?;
    if k.is_empty() || k.contains('=') || k.contains('\0') {
        return Err(vm.err(E::ValueError, "illegal environment variable name"));
    }
    // SAFETY: as in `p_putenv`.
    unsafe { std::env::remove_var(&k) };
    Ok(vm.none)
}

fn p_system(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let cmd = path_arg(vm, args, 0, "system")?;
    vm.flush();
    let status = std::process::Command::new("/bin/sh")
        .arg("-c")
        .arg(&cmd)
        .status();
    match status {
        Ok(s) => {
            use std::os::unix::process::ExitStatusExt;
            Ok(Value::small(s.into_raw() as i64))
        }
        Err(e) => Err(os_error(vm, &e, None)),
    }
}

fn p_exit(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let code = match args.first() {
        Some(&v) => vm.index_i64(v)?,
        None => 0,
    };
    vm.flush();
    std::process::exit(code as i32)
}

fn p_isatty(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let fd = match args.first() {
        Some(&v) => vm.index_i64(v)?,
        None => return Err(vm.err(E::TypeError, "isatty() missing required argument 'fd'")),
    };
    // SAFETY: isatty only inspects the descriptor number.
    let r = unsafe { libc::isatty(fd as i32) } == 1;
    Ok(vm.bool(r))
}

fn p_readlink(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let p = path_arg(vm, args, 0, "readlink")?;
    let target = std::fs::read_link(&p).map_err(|e| os_error(vm, &e, Some(&p)))?;
    Ok(vm.new_str(&target.display().to_string()))
}

fn p_symlink(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = path_arg(vm, args, 0, "symlink")?;
    let b = path_arg(vm, args, 1, "symlink")?;
    std::os::unix::fs::symlink(&a, &b).map_err(|e| os_error(vm, &e, Some(&a)))?;
    Ok(vm.none)
}

/// The `posix` module.
pub fn install(vm: &mut Vm) -> Value {
    let m = vm.new_module("posix");
    vm.immortal.push(m);
    let fns: &[(&'static str, NativeFn)] = &[
        ("getcwd", p_getcwd),
        ("chdir", p_chdir),
        ("listdir", p_listdir),
        ("mkdir", p_mkdir),
        ("rmdir", p_rmdir),
        ("remove", p_remove),
        ("unlink", p_remove),
        ("rename", p_rename),
        ("replace", p_rename),
        ("stat", p_stat),
        ("getpid", p_getpid),
        ("cpu_count", p_cpu_count),
        ("strerror", p_strerror),
        ("putenv", p_putenv),
        ("unsetenv", p_unsetenv),
        ("system", p_system),
        ("_exit", p_exit),
        ("isatty", p_isatty),
        ("readlink", p_readlink),
        ("symlink", p_symlink),
    ];
    let d = m.get(1);
    for &(name, f) in fns {
        let func = vm.def_builtin(name, "posix", f);
        let k = vm.intern(name);
        let _ = vm.dict_set(d, k, func);
    }
    let environ = vm.new_dict();
    let k = vm.intern("environ");
    let _ = vm.dict_set(d, k, environ);
    for (key, value) in std::env::vars_os() {
        let key = vm.new_str(&key.to_string_lossy());
        let value = vm.new_str(&value.to_string_lossy());
        let _ = vm.dict_set(environ, key, value);
    }
    m
}
