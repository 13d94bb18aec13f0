//! `open()` and `input()`: text and binary files, and reading a line from
//! standard input.
//!
//! A file object is an instance of one of three builtin classes named as
//! CPython's (`TextIOWrapper` for text, `BufferedReader`/`BufferedWriter`
//! for binary), with `name`, `mode` and `closed` as plain attributes and a
//! `_handle` attribute indexing a per-thread table of open files. Reading
//! loads the file once into memory (text is decoded and its newlines made
//! universal: `\r\n` and `\r` become `\n`); writing goes straight to the OS
//! file. Closing drops the table entry, so a closed file's methods raise
//! "I/O operation on closed file." as CPython's do.
//!
//! Missing: `+` modes, `seek`/`tell`, encodings other than UTF-8, ASCII and
//! Latin-1, `newline=` and `buffering=` (accepted, ignored).

use crate::objects::Value;
use crate::objects::exceptions::E;
use crate::objects::function::NativeFn;
use crate::objects::str::{as_str, bind_args};
use crate::objects::typeobj::T_DICT;
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::io::{BufRead, Write};

/// What an open file holds.
struct OpenFile {
    /// Read mode: the whole content (decoded text for text files, as UTF-8).
    data: Vec<u8>,
    pos: usize,
    /// Write and append mode: the OS file.
    out: Option<std::fs::File>,
    binary: bool,
}

thread_local! {
    static FILES: RefCell<Vec<Option<OpenFile>>> = const { RefCell::new(Vec::new()) };
    /// The three file classes and `io.UnsupportedOperation`.
    static TYPES: RefCell<Option<[Value; 4]>> = const { RefCell::new(None) };
}

fn types() -> [Value; 4] {
    TYPES.with(|t| t.borrow().unwrap_or([Value::NULL; 4]))
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None,
/// newline=None, closefd=True, opener=None)`.
fn b_open(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    // bind_args expects a self slot: give it one.
    let mut full = Vec::with_capacity(args.len() + 1);
    full.push(Value::NULL);
    full.extend_from_slice(args);
    let a = bind_args(
        vm,
        "open",
        &full,
        kw,
        &[
            "file",
            "mode",
            "buffering",
            "encoding",
            "errors",
            "newline",
            "closefd",
            "opener",
        ],
        1,
    )?;
    let file = a[0].unwrap_or(Value::NULL);
    if !vm.is_str(file) {
        let tn = vm.type_name(file);
        return Err(vm.err(
            E::TypeError,
            format!("expected str, bytes or os.PathLike object, not {tn}"),
        ));
    }
    let mode = match a[1] {
        Some(m) if vm.is_str(m) => as_str(m).to_string(),
        Some(m) => {
            let tn = vm.type_name(m);
            return Err(vm.err(
                E::TypeError,
                format!("open() argument 'mode' must be str, not {tn}"),
            ));
        }
        None => "r".to_string(),
    };
    if mode.chars().any(|c| !"rwxabt+".contains(c))
        || mode.chars().enumerate().any(|(i, c)| mode[..i].contains(c))
    {
        return Err(vm.err(E::ValueError, format!("invalid mode: '{mode}'")));
    }
    let kinds = mode.chars().filter(|c| "rwxa".contains(*c)).count();
    if kinds != 1 {
        return Err(vm.err(
            E::ValueError,
            "must have exactly one of create/read/write/append mode",
        ));
    }
    let binary = mode.contains('b');
    if binary && mode.contains('t') {
        return Err(vm.err(E::ValueError, "can't have text and binary mode at once"));
    }
    if mode.contains('+') {
        return Err(vm.err(
            E::NotImplementedError,
            "open(): '+' modes are not supported yet",
        ));
    }
    if binary
        && let Some(enc) = a[3]
        && enc != vm.none
    {
        return Err(vm.err(
            E::ValueError,
            "binary mode doesn't take an encoding argument",
        ));
    }
    let encoding = match a[3] {
        Some(e) if vm.is_str(e) => as_str(e).to_ascii_lowercase().replace('_', "-"),
        _ => "utf-8".to_string(),
    };
    if !matches!(
        encoding.as_str(),
        "utf-8" | "utf8" | "ascii" | "latin-1" | "latin1" | "iso-8859-1"
    ) {
        return Err(vm.err(E::LookupError, format!("unknown encoding: {encoding}")));
    }
    let path = as_str(file).to_string();
    let kind = mode.chars().find(|c| "rwxa".contains(*c)).unwrap_or('r');
    let opened = match kind {
        'r' => std::fs::read(&path).map(|bytes| (bytes, None)),
        'w' => std::fs::File::create(&path).map(|f| (Vec::new(), Some(f))),
        'x' => std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map(|f| (Vec::new(), Some(f))),
        _ => std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&path)
            .map(|f| (Vec::new(), Some(f))),
    };
    let (mut data, out) = match opened {
        Ok(x) => x,
        Err(e) => return Err(os_error(vm, &e, &path)),
    };
    if !binary && out.is_none() {
        let text = match decode(&data, &encoding) {
            Some(t) => t,
            None => {
                return Err(vm.err(
                    E::UnicodeDecodeError,
                    format!("'{encoding}' codec can't decode the content of '{path}'"),
                ));
            }
        };
        data = text.replace("\r\n", "\n").replace('\r', "\n").into_bytes();
    }
    let handle = FILES.with(|f| {
        let mut f = f.borrow_mut();
        f.push(Some(OpenFile {
            data,
            pos: 0,
            out,
            binary,
        }));
        f.len() - 1
    });
    let [text_t, reader_t, writer_t, _] = types();
    let cls = match (binary, kind) {
        (false, _) => text_t,
        (true, 'r') => reader_t,
        (true, _) => writer_t,
    };
    let obj = vm.new_instance(cls);
    let mode_v = vm.new_str(&mode);
    for (name, v) in [
        ("name", file),
        ("mode", mode_v),
        ("closed", vm.false_),
        ("_handle", Value::small(handle as i64)),
    ] {
        let key = vm.intern(name);
        vm.instance_set(obj, key, v);
    }
    Ok(obj)
}

fn decode(data: &[u8], encoding: &str) -> Option<String> {
    match encoding {
        "ascii" => data
            .is_ascii()
            .then(|| String::from_utf8_lossy(data).into_owned()),
        "latin-1" | "latin1" | "iso-8859-1" => Some(data.iter().map(|&b| b as char).collect()),
        _ => String::from_utf8(data.to_vec()).ok(),
    }
}

/// An OSError subclass for an I/O failure, with CPython's text and `errno`.
fn os_error(vm: &mut Vm, e: &std::io::Error, path: &str) -> crate::vm::PyErr {
    let kind = match e.kind() {
        std::io::ErrorKind::NotFound => E::FileNotFoundError,
        std::io::ErrorKind::PermissionDenied => E::PermissionError,
        std::io::ErrorKind::AlreadyExists => E::FileExistsError,
        _ if e.raw_os_error() == Some(21) => E::IsADirectoryError,
        _ => E::OSError,
    };
    let code = e.raw_os_error().unwrap_or(0);
    let text = match code {
        2 => "No such file or directory".to_string(),
        13 => "Permission denied".to_string(),
        17 => "File exists".to_string(),
        21 => "Is a directory".to_string(),
        _ => e.to_string(),
    };
    let repr = crate::objects::str::repr_text(path);
    let err = vm.err(kind, format!("[Errno {code}] {text}: {repr}"));
    for (name, v) in [
        ("errno", Value::small(code as i64)),
        ("strerror", vm.new_str(&text)),
        ("filename", vm.new_str(path)),
    ] {
        let key = vm.intern(name);
        vm.instance_set(err.0, key, v);
    }
    err
}

/// The open file behind `self`, or the closed-file error.
fn with_file<R>(vm: &mut Vm, this: Value, f: impl FnOnce(&mut OpenFile) -> R) -> PyResult<R> {
    let handle = vm
        .instance_get(this, "_handle")
        .filter(|h| h.is_small())
        .map(|h| h.as_small() as usize);
    let r = handle.and_then(|h| {
        FILES.with(|files| {
            let mut files = files.borrow_mut();
            files.get_mut(h).and_then(|slot| slot.as_mut()).map(f)
        })
    });
    match r {
        Some(r) => Ok(r),
        None => Err(vm.err(E::ValueError, "I/O operation on closed file.")),
    }
}

fn unsupported(vm: &mut Vm, what: &str) -> crate::vm::PyErr {
    let t = types()[3];
    let msg = vm.new_str(what);
    match vm.call(t, &[msg]) {
        Ok(exc) => crate::vm::PyErr(exc),
        Err(e) => e,
    }
}

/// The size argument of read/readline (-1 or None: everything).
fn size_arg(vm: &mut Vm, args: &[Value]) -> PyResult<Option<usize>> {
    match args.get(1) {
        None => Ok(None),
        Some(&v) if v == vm.none => Ok(None),
        Some(&v) => {
            let n = vm.index_i64(v)?;
            Ok((n >= 0).then_some(n as usize))
        }
    }
}

/// Make a str or bytes of `data` as the file's mode wants.
fn chunk(vm: &mut Vm, binary: bool, data: &[u8]) -> Value {
    if binary {
        vm.new_bytes(data)
    } else {
        vm.new_str(std::str::from_utf8(data).unwrap_or(""))
    }
}

/// The end of the next `size` characters (text) or bytes (binary) from `pos`.
fn advance(data: &[u8], pos: usize, size: Option<usize>, binary: bool) -> usize {
    let rest = &data[pos..];
    match size {
        None => data.len(),
        Some(n) if binary => pos + n.min(rest.len()),
        Some(n) => {
            let text = std::str::from_utf8(rest).unwrap_or("");
            pos + text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
        }
    }
}

fn m_read(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let size = size_arg(vm, args)?;
    let r = with_file(vm, args[0], |f| {
        if f.out.is_some() {
            return None;
        }
        let end = advance(&f.data, f.pos, size, f.binary);
        let piece = f.data[f.pos..end].to_vec();
        f.pos = end;
        Some((f.binary, piece))
    })?;
    match r {
        Some((binary, piece)) => Ok(chunk(vm, binary, &piece)),
        None => Err(unsupported(vm, "not readable")),
    }
}

fn read_line(f: &mut OpenFile, size: Option<usize>) -> Vec<u8> {
    let rest = &f.data[f.pos..];
    let mut end = rest
        .iter()
        .position(|&b| b == b'\n')
        .map_or(rest.len(), |i| i + 1);
    if let Some(limit) = size {
        let cap = advance(&f.data, f.pos, Some(limit), f.binary) - f.pos;
        end = end.min(cap);
    }
    let line = rest[..end].to_vec();
    f.pos += end;
    line
}

fn m_readline(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let size = size_arg(vm, args)?;
    let r = with_file(vm, args[0], |f| {
        if f.out.is_some() {
            return None;
        }
        Some((f.binary, read_line(f, size)))
    })?;
    match r {
        Some((binary, line)) => Ok(chunk(vm, binary, &line)),
        None => Err(unsupported(vm, "not readable")),
    }
}

fn m_readlines(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let r = with_file(vm, args[0], |f| {
        if f.out.is_some() {
            return None;
        }
        let mut lines = Vec::new();
        while f.pos < f.data.len() {
            lines.push(read_line(f, None));
        }
        Some((f.binary, lines))
    })?;
    let Some((binary, lines)) = r else {
        return Err(unsupported(vm, "not readable"));
    };
    let out = vm.new_list(&[]);
    for l in &lines {
        let v = chunk(vm, binary, l);
        vm.list_append(out, v);
    }
    Ok(out)
}

fn m_next(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let line = m_readline(vm, &args[..1], kw)?;
    if vm.len(line)? == 0 {
        let none = vm.none;
        return Err(vm.stop_iteration(none));
    }
    Ok(line)
}

fn m_iter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    with_file(vm, args[0], |_| ())?;
    Ok(args[0])
}

fn write_data(vm: &mut Vm, this: Value, data: &[u8]) -> PyResult<()> {
    let r = with_file(vm, this, |f| {
        f.out
            .as_mut()
            .map(|out| out.write_all(data).map_err(|e| e.to_string()))
    })?;
    match r {
        None => Err(unsupported(vm, "not writable")),
        Some(Err(e)) => Err(vm.err(E::OSError, e)),
        Some(Ok(())) => Ok(()),
    }
}

fn m_write(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("write", args, 2, 2)?;
    let binary = with_file(vm, args[0], |f| f.binary)?;
    let v = args[1];
    if binary {
        let Some(data) = vm.byte_data(v).map(|d| d.to_vec()) else {
            let tn = vm.type_name(v);
            return Err(vm.err(
                E::TypeError,
                format!("a bytes-like object is required, not '{tn}'"),
            ));
        };
        write_data(vm, args[0], &data)?;
        return Ok(Value::small(data.len() as i64));
    }
    if !vm.is_str(v) {
        let tn = vm.type_name(v);
        return Err(vm.err(
            E::TypeError,
            format!("write() argument must be str, not {tn}"),
        ));
    }
    let s = as_str(v);
    write_data(vm, args[0], s.as_bytes())?;
    Ok(Value::small(crate::objects::str::char_len(v) as i64))
}

fn m_writelines(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs("writelines", args, 2, 2)?;
    let items = vm.collect_iterable(args[1])?;
    let n = vm.tuple_items(items).len();
    for i in 0..n {
        let item = vm.tuple_items(items)[i];
        m_write(vm, &[args[0], item], kw)?;
    }
    Ok(vm.none)
}

fn m_close(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let this = args[0];
    if let Some(h) = vm.instance_get(this, "_handle").filter(|h| h.is_small()) {
        FILES.with(|files| {
            if let Some(slot) = files.borrow_mut().get_mut(h.as_small() as usize) {
                // Dropping the OS file closes it.
                *slot = None;
            }
        });
    }
    let key = vm.intern("closed");
    let t = vm.true_;
    vm.instance_set(this, key, t);
    Ok(vm.none)
}

fn m_flush(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    with_file(vm, args[0], |f| {
        if let Some(out) = f.out.as_mut() {
            let _ = out.flush();
        }
    })?;
    Ok(vm.none)
}

fn m_enter(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    with_file(vm, args[0], |_| ())?;
    Ok(args[0])
}

fn m_exit(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    m_close(vm, &args[..1], kw)?;
    Ok(vm.false_)
}

fn m_readable(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let r = with_file(vm, args[0], |f| f.out.is_none())?;
    Ok(vm.bool(r))
}

fn m_writable(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let r = with_file(vm, args[0], |f| f.out.is_some())?;
    Ok(vm.bool(r))
}

fn m_repr(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let this = args[0];
    let tn = vm.type_name(this);
    let name = match vm.instance_get(this, "name") {
        Some(n) => vm.repr_string(n)?,
        None => "?".into(),
    };
    let text = if tn == "TextIOWrapper" {
        let mode = match vm.instance_get(this, "mode") {
            Some(m) => vm.repr_string(m)?,
            None => "?".into(),
        };
        format!("<_io.TextIOWrapper name={name} mode={mode} encoding='UTF-8'>")
    } else {
        format!("<_io.{tn} name={name}>")
    };
    Ok(vm.new_str(&text))
}

const FILE_METHODS: &[(&str, NativeFn)] = &[
    ("read", m_read),
    ("readline", m_readline),
    ("readlines", m_readlines),
    ("write", m_write),
    ("writelines", m_writelines),
    ("close", m_close),
    ("flush", m_flush),
    ("readable", m_readable),
    ("writable", m_writable),
    ("__enter__", m_enter),
    ("__exit__", m_exit),
    ("__iter__", m_iter),
    ("__next__", m_next),
    ("__repr__", m_repr),
];

/// `input(prompt='')`: a line of standard input without its newline.
fn b_input(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(vm.err(E::TypeError, "input() takes no keyword arguments"));
    }
    if args.len() > 1 {
        return Err(vm.err(
            E::TypeError,
            format!("input expected at most 1 argument, got {}", args.len()),
        ));
    }
    if let Some(&p) = args.first() {
        let s = vm.str_string(p)?;
        let _ = vm.out.write_all(s.as_bytes());
    }
    vm.flush();
    let mut line = String::new();
    match std::io::stdin().lock().read_line(&mut line) {
        Ok(0) => Err(vm.err(E::EOFError, "EOF when reading a line")),
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
                if line.ends_with('\r') {
                    line.pop();
                }
            }
            Ok(vm.new_str(&line))
        }
        Err(e) => Err(vm.err(E::OSError, e.to_string())),
    }
}

/// Create the file classes and register `open` and `input`.
pub fn install(vm: &mut Vm, builtins_dict: Value) {
    let object = vm.t.object;
    let mut made = [Value::NULL; 4];
    for (i, name) in ["TextIOWrapper", "BufferedReader", "BufferedWriter"]
        .into_iter()
        .enumerate()
    {
        let t = vm.make_type(name, crate::objects::Kind::Instance, object);
        vm.add_methods(t, name, FILE_METHODS);
        let key = vm.intern("__module__");
        let m = vm.new_str("_io");
        let _ = vm.dict_set(t.get(T_DICT), key, m);
        made[i] = t;
    }
    // io.UnsupportedOperation: an OSError and a ValueError.
    let bases = vm.new_tuple(&[vm.exc_type(E::OSError), vm.exc_type(E::ValueError)]);
    let d = vm.new_dict();
    let meta = vm.t.type_;
    let uo = vm
        .new_type(
            meta,
            "UnsupportedOperation",
            bases,
            d,
            crate::objects::Kind::Instance,
            false,
        )
        .unwrap_or_else(|_| vm.exc_type(E::OSError));
    vm.immortal.push(uo);
    made[3] = uo;
    TYPES.with(|t| *t.borrow_mut() = Some(made));
    for (name, f) in [("open", b_open as NativeFn), ("input", b_input)] {
        let func = vm.def_builtin(name, "", f);
        let key = vm.intern(name);
        let _ = vm.dict_set(builtins_dict, key, func);
    }
}

/// `io.UnsupportedOperation`, for the io module.
pub fn unsupported_operation_type() -> Value {
    types()[3]
}
