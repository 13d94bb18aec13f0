//! `exec`, `eval` and `compile`.
//!
//! Source is parsed and compiled by the front end as a module; `eval` mode
//! accepts exactly one expression statement, and its module code's tail
//! (`POP_TOP; LOAD_CONST None; RETURN_VALUE`) is turned into a return of
//! the expression's value (the POP_TOP and the load become NOPs, so no
//! jump target moves). The code then runs as a module-level frame with the
//! given globals and locals dicts (by default the caller's: its globals,
//! and its locals dict or a snapshot of a function's locals, as CPython's
//! `locals()` gives). A build without the compiler raises on source text
//! but still runs code objects.

use super::Value;
use super::exceptions::E;
use super::function::NativeFn;
use super::str::as_str;
use crate::vm::{PyErr, PyResult, Vm};

/// The name `eval` code stores its value under (then removed).
const EVAL_RESULT: &str = "__repy_eval_result__";

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Exec,
    Eval,
    /// `compile(..., "single")`: one statement, expression values echoed.
    Single,
}

impl Vm {
    /// A Python SyntaxError from a front-end error.
    pub fn syntax_error_value(&mut self, e: &crate::error::SyntaxError, filename: &str) -> PyErr {
        self.syntax_error_with_source(e, filename, None)
    }

    /// As `syntax_error_value`, with the source for the `text` attribute.
    pub fn syntax_error_with_source(
        &mut self,
        e: &crate::error::SyntaxError,
        filename: &str,
        source: Option<&str>,
    ) -> PyErr {
        let ty = self.exc_type(match e.class.name() {
            "IndentationError" => E::IndentationError,
            "TabError" => E::TabError,
            _ => E::SyntaxError,
        });
        let msg = self.new_str(&e.msg);
        let file = self.new_str(filename);
        let line = Value::small(i64::from(e.line));
        let col = Value::small(i64::from(e.col) + 1);
        let text = match source.and_then(|s| s.lines().nth((e.line as usize).max(1) - 1)) {
            Some(l) => self.new_str(&format!("{l}\n")),
            None => self.none,
        };
        let end_line = Value::small(i64::from(e.end_line));
        let end_col = Value::small(i64::from(e.end_col) + 1);
        let details = self.new_tuple(&[file, line, col, text, end_line, end_col]);
        let err = self.new_exception(ty, &[msg, details]);
        for (k, v) in [
            ("msg", msg),
            ("filename", file),
            ("lineno", line),
            ("offset", col),
            ("text", text),
            ("end_lineno", end_line),
            ("end_offset", end_col),
        ] {
            let k = self.intern(k);
            self.instance_set(err.0, k, v);
        }
        err
    }

    #[cfg(feature = "compiler")]
    fn compile_source(
        &mut self,
        source: &[u8],
        filename: &str,
        mode: Mode,
    ) -> PyResult<std::rc::Rc<crate::vm::CodeRt>> {
        let arena = bumpalo::Bump::new();
        let text = match crate::tokenizer::decode_source(source) {
            Ok(t) => t,
            Err(e) => return Err(self.syntax_error_value(&e, filename)),
        };
        let text = arena.alloc_str(&text);
        let source: &str = text;
        let mut module = match crate::parser::parse_module(&arena, text) {
            Ok(m) => m,
            Err(e) => return Err(self.syntax_error_with_source(&e, filename, Some(source))),
        };
        if mode == Mode::Eval {
            let one_expr = module.body.len() == 1
                && matches!(module.body[0].kind, crate::ast::StmtKind::Expr { .. });
            if !one_expr {
                let e = crate::error::SyntaxError::new("invalid syntax", 1, 0, 1, 0);
                return Err(self.syntax_error_with_source(&e, filename, Some(source)));
            }
            // Compile `RESULT = (expr)`: the compiler may fold or drop an
            // expression statement, never an assignment.
            let wrapped = format!("{EVAL_RESULT} = ({text}\n)");
            let wrapped = arena.alloc_str(&wrapped);
            module = match crate::parser::parse_module(&arena, wrapped) {
                Ok(m) => m,
                Err(e) => return Err(self.syntax_error_value(&e, filename)),
            };
        }
        if mode == Mode::Single {
            // One statement, or several on its first line (`a = 1; b`).
            let first = module.body.first().map(|s| s.span);
            let extra = module
                .body
                .windows(2)
                .find(|w| first.is_some_and(|f| w[1].span.lineno > f.end_lineno));
            let e = match (first, extra) {
                (None, _) => Some(crate::error::SyntaxError::new("invalid syntax", 0, 0, 0, 0)),
                (Some(_), Some(w)) => Some(crate::error::SyntaxError::new(
                    "multiple statements found while compiling a single statement",
                    w[0].span.end_lineno,
                    w[0].span.end_col_offset,
                    w[0].span.end_lineno,
                    w[0].span.end_col_offset,
                )),
                _ => None,
            };
            if let Some(e) = e {
                return Err(self.syntax_error_with_source(&e, filename, Some(source)));
            }
        }
        let compiled = if mode == Mode::Single {
            crate::compile::compile_interactive(&module, filename)
        } else {
            crate::compile::compile_module(&module, filename)
        };
        let code = match compiled {
            Ok(c) => c,
            Err(e) => return Err(self.syntax_error_with_source(&e, filename, Some(source))),
        };
        Ok(self.load_code(std::rc::Rc::new(code)))
    }

    #[cfg(not(feature = "compiler"))]
    fn compile_source(
        &mut self,
        _source: &[u8],
        _filename: &str,
        _mode: Mode,
    ) -> PyResult<std::rc::Rc<crate::vm::CodeRt>> {
        Err(self.err(
            E::RuntimeError,
            "this repy was built without the compiler: source cannot be compiled",
        ))
    }

    /// The caller's locals as a dict (its locals dict, or a snapshot).
    fn caller_locals(&mut self) -> PyResult<Value> {
        self.current_locals()
    }

    fn code_arg(
        &mut self,
        src: Value,
        name: &str,
        mode: Mode,
    ) -> PyResult<std::rc::Rc<crate::vm::CodeRt>> {
        if src.is_ptr() && src.raw_type() == self.t.code {
            let idx = src.get(1).as_small() as usize;
            return Ok(self.codes[idx].clone());
        }
        let text: Vec<u8> = if self.is_str(src) {
            as_str(src).as_bytes().to_vec()
        } else if let Some(d) = self.byte_data(src) {
            d.to_vec()
        } else {
            let what = "a string, bytes or code object";
            return Err(self.err(E::TypeError, format!("{name}() arg 1 must be {what}")));
        };
        if text.contains(&0) {
            return Err(self.err(
                E::SyntaxError,
                "source code string cannot contain null bytes",
            ));
        }
        let text = if mode == Mode::Eval {
            // eval ignores leading spaces and tabs.
            let start = text
                .iter()
                .position(|&b| b != b' ' && b != b'\t')
                .unwrap_or(text.len());
            text[start..].to_vec()
        } else {
            text
        };
        self.compile_source(&text, "<string>", mode)
    }

    fn run_with(
        &mut self,
        name: &str,
        args: &[Value],
        kw: &[Value],
        mode: Mode,
    ) -> PyResult<Value> {
        let npos = args.len() - kw.len();
        let mut src = args[..npos].first().copied();
        let mut globals = args[..npos].get(1).copied();
        let mut locals = args[..npos].get(2).copied();
        if npos > 3 {
            return Err(self.err(
                E::TypeError,
                format!("{name} expected at most 3 arguments, got {npos}"),
            ));
        }
        for (i, &k) in kw.iter().enumerate() {
            let v = args[npos + i];
            match as_str(k) {
                "source" if name == "exec" => src = Some(v),
                "globals" => globals = Some(v),
                "locals" => locals = Some(v),
                n => {
                    return Err(self.err(
                        E::TypeError,
                        format!("{name}() takes no keyword arguments: '{n}'"),
                    ));
                }
            }
        }
        let Some(src) = src else {
            return Err(self.err(
                E::TypeError,
                format!("{name} expected at least 1 argument, got 0"),
            ));
        };
        let none = self.none;
        let globals = globals.filter(|&g| g != none);
        let locals = locals.filter(|&l| l != none);
        if let Some(g) = globals
            && !self.is_dict(g)
        {
            let tn = self.type_name(g);
            let msg = if name == "exec" {
                format!("exec() globals must be a dict, not {tn}")
            } else {
                "globals must be a dict".to_string()
            };
            return Err(self.err(E::TypeError, msg));
        }
        if let Some(l) = locals
            && !self.is_dict(l)
            && self.lookup_special(l, "__getitem__").is_none()
        {
            let tn = self.type_name(l);
            return Err(self.err(E::TypeError, format!("locals must be a mapping, not {tn}")));
        }
        let (g, l) = match (globals, locals) {
            (Some(g), Some(l)) => (g, l),
            (Some(g), None) => (g, g),
            (None, l) => {
                let g = self.current_globals();
                let l = match l {
                    Some(l) => l,
                    None => self.caller_locals()?,
                };
                (g, l)
            }
        };
        let bkey = self.intern("__builtins__");
        if self.dict_get_str(g, bkey).is_none() {
            let b = self.builtins;
            self.dict_set(g, bkey, b)?;
        }
        let mark = self.pin(&[g, l, src]);
        let code = self.code_arg(src, name, mode);
        let r = match code {
            Ok(code) => self.run_code(code, g, l),
            Err(e) => Err(e),
        };
        self.unpin(mark);
        r?;
        if mode == Mode::Exec {
            return Ok(self.none);
        }
        self.take_eval_result(l)
    }

    fn take_eval_result(&mut self, locals: Value) -> PyResult<Value> {
        let k = self.intern(EVAL_RESULT);
        if self.is_dict(locals) {
            return match self.dict_del(locals, k)? {
                Some(v) => Ok(v),
                None => Ok(self.none),
            };
        }
        let v = self.getitem(locals, k)?;
        self.delitem(locals, k)?;
        Ok(v)
    }
}

fn b_exec(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    vm.run_with("exec", args, kw, Mode::Exec)
}

fn b_eval(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    vm.run_with("eval", args, kw, Mode::Eval)
}

fn b_compile(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kw.len();
    let mut vals: [Option<Value>; 3] = [None; 3];
    for (i, &a) in args[..npos].iter().take(3).enumerate() {
        vals[i] = Some(a);
    }
    for (i, &k) in kw.iter().enumerate() {
        let slot = match as_str(k) {
            "source" => 0,
            "filename" => 1,
            "mode" => 2,
            "flags" | "dont_inherit" | "optimize" => continue,
            n => {
                return Err(vm.err(
                    E::TypeError,
                    format!("compile() got an unexpected keyword argument '{n}'"),
                ));
            }
        };
        vals[slot] = Some(args[npos + i]);
    }
    let [Some(src), Some(filename), Some(mode)] = vals else {
        return Err(vm.err(
            E::TypeError,
            "compile() missing required argument 'mode' (pos 3)",
        ));
    };
    if !vm.is_str(mode) {
        return Err(vm.err(E::TypeError, "compile() mode must be str"));
    }
    let mode = match as_str(mode) {
        "exec" => Mode::Exec,
        "single" => Mode::Single,
        "eval" => Mode::Eval,
        _ => {
            return Err(vm.err(
                E::ValueError,
                "compile() mode must be 'exec', 'eval' or 'single'",
            ));
        }
    };
    let filename = if vm.is_str(filename) {
        as_str(filename).to_string()
    } else {
        let tn = vm.type_name(filename);
        return Err(vm.err(
            E::TypeError,
            format!("compile() argument 'filename' must be str, not {tn}"),
        ));
    };
    let text: Vec<u8> = if vm.is_str(src) {
        as_str(src).as_bytes().to_vec()
    } else if let Some(d) = vm.byte_data(src) {
        d.to_vec()
    } else {
        return Err(vm.err(
            E::TypeError,
            "compile() arg 1 must be a string, bytes or AST object",
        ));
    };
    let code = vm.compile_source(&text, &filename, mode)?;
    Ok(code.value)
}

/// `str(SyntaxError)`: "msg (file, line N)", the file's base name.
fn syntax_error_str(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let Some(&e) = args.first().filter(|&&e| vm.is_exception(e)) else {
        return Err(vm.err(E::TypeError, "descriptor '__str__' needs an exception"));
    };
    let msg = match vm.instance_get(e, "msg") {
        Some(m) => m,
        None => match vm.instance_get(e, "args") {
            Some(a) if vm.is_tuple(a) && !vm.tuple_items(a).is_empty() => vm.tuple_items(a)[0],
            _ => return Ok(vm.intern("")),
        },
    };
    let text = vm.str_string(msg)?;
    let file = vm
        .instance_get(e, "filename")
        .filter(|&f| vm.is_str(f))
        .map(|f| as_str(f).rsplit('/').next().unwrap_or("").to_string());
    let line = vm.instance_get(e, "lineno").and_then(|l| vm.to_i64(l));
    let s = match (file, line) {
        (Some(f), Some(l)) => format!("{text} ({f}, line {l})"),
        (Some(f), None) => format!("{text} ({f})"),
        (None, Some(l)) => format!("{text} (line {l})"),
        (None, None) => text,
    };
    Ok(vm.new_str(&s))
}

/// `SyntaxError(msg, (filename, lineno, offset, text, end_lineno, end_offset))`.
fn syntax_error_init(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let Some(&e) = args.first().filter(|&&e| vm.is_exception(e)) else {
        return Err(vm.err(E::TypeError, "descriptor '__init__' needs an exception"));
    };
    let pos = &args[1..args.len() - kw.len()];
    let a = vm.new_tuple(pos);
    let k = vm.intern("args");
    vm.instance_set(e, k, a);
    let none = vm.none;
    let mut fields = [none; 7];
    if let Some(&m) = pos.first() {
        fields[0] = m;
    }
    if pos.len() == 2 {
        let d = pos[1];
        if !vm.is_tuple(d) || !(4..=6).contains(&vm.tuple_items(d).len()) {
            return Err(vm.err(E::TypeError, "argument 2 must be a tuple of 4 to 6 items"));
        }
        for (i, &v) in vm.tuple_items(d).iter().enumerate() {
            fields[i + 1] = v;
        }
    }
    let names = [
        "msg",
        "filename",
        "lineno",
        "offset",
        "text",
        "end_lineno",
        "end_offset",
    ];
    for (name, v) in names.into_iter().zip(fields) {
        let k = vm.intern(name);
        vm.instance_set(e, k, v);
    }
    Ok(vm.none)
}

/// Installed in SyntaxError's type dict.
pub const SYNTAX_ERROR_METHODS: &[(&str, NativeFn)] = &[
    ("__str__", syntax_error_str),
    ("__init__", syntax_error_init),
];

pub const BUILTINS: &[(&str, NativeFn)] =
    &[("exec", b_exec), ("eval", b_eval), ("compile", b_compile)];
