//! Running a program from the command line: a VM on a thread with a large
//! native stack (Rust-to-Python re-entry, such as `__init__` called from a
//! constructor, does recurse natively), and CPython-format tracebacks for
//! uncaught exceptions (exit status 1).

use super::start::RunError;
use super::{PyErr, Vm};
use crate::objects::Value;
use crate::objects::exceptions::E;
use crate::objects::str::as_str;
use std::path::Path;
use std::process::ExitCode;

const STACK_BYTES: usize = 1 << 30;

/// Interpreter options from the command line (`-E`, `-u`, `-B`, `-X`, `-i`),
/// set once by `repy` before a program runs.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `-E`: ignore `PYTHON*` environment variables (`PYTHONPATH`).
    pub ignore_environment: bool,
    /// `-u`: write stdout through without buffering.
    pub unbuffered: bool,
    /// `-B`: accepted (repy writes no bytecode caches anyway).
    pub dont_write_bytecode: bool,
    /// `-i`: enter the REPL after the program.
    pub inspect: bool,
    /// `-X name[=value]` options, as given.
    pub xoptions: Vec<String>,
}

static OPTIONS: std::sync::OnceLock<Options> = std::sync::OnceLock::new();

/// Set the options (the first call wins).
pub fn set_options(options: Options) {
    let _ = OPTIONS.set(options);
}

/// The options in force (the defaults when none were set).
pub fn options() -> Options {
    OPTIONS.get().cloned().unwrap_or_default()
}

/// Run a source file; the exit status follows CPython's.
/// `argv` becomes `sys.argv` (the script as named on the command line first).
pub fn run_file(path: &Path, bytes: &[u8], argv: Vec<String>) -> ExitCode {
    let text = String::from_utf8_lossy(bytes).into_owned();
    // CPython names the main script by its absolute path.
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    run_text(&full.display().to_string(), &text, argv)
}

/// Run `source` as `__main__`, naming it `filename` in tracebacks.
pub fn run_text(filename: &str, source: &str, argv: Vec<String>) -> ExitCode {
    let filename = filename.to_string();
    let source = source.to_string();
    on_big_stack(move || run_on_this_thread(&filename, &source, argv))
}

/// Run a bytecode file (`repy --compile` output) as `__main__`: no source is
/// needed, and tracebacks name the file the code was compiled from, without
/// its lines. A malformed file is refused with exit status 2.
pub fn run_bytecode(path: &Path, bytes: Vec<u8>, argv: Vec<String>) -> ExitCode {
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let filename = full.display().to_string();
    // Code objects hold `Rc`s: load them on the thread that runs them.
    on_big_stack(move || match crate::compile::marshal::load(&bytes) {
        Ok(code) => {
            let mut vm = Vm::new();
            vm.argv = argv;
            let result = vm.run_main(code, &filename);
            finish(&mut vm, result, &filename, "")
        }
        Err(e) => {
            eprintln!("repy: '{filename}': {e}");
            2
        }
    })
}

fn on_big_stack(body: impl FnOnce() -> u8 + Send + 'static) -> ExitCode {
    let worker = std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(body);
    match worker.map(|h| h.join()) {
        Ok(Ok(code)) => ExitCode::from(code),
        _ => {
            eprintln!("repy: internal error: the interpreter thread failed");
            ExitCode::from(3)
        }
    }
}

fn run_on_this_thread(filename: &str, source: &str, argv: Vec<String>) -> u8 {
    let mut vm = Vm::new();
    vm.argv = argv;
    #[cfg(feature = "compiler")]
    let result = vm.run_source(source, filename);
    #[cfg(not(feature = "compiler"))]
    let result: Result<(), RunError> = {
        Err(RunError::Exception(
            vm.err(E::SystemError, "built without the compiler"),
        ))
    };
    finish(&mut vm, result, filename, source)
}

/// Report how a run ended (syntax error, uncaught exception, SystemExit) and
/// give the exit status.
fn finish(vm: &mut Vm, result: Result<(), RunError>, filename: &str, source: &str) -> u8 {
    vm.flush();
    match result {
        Ok(()) => 0,
        Err(RunError::Syntax(e)) => {
            #[cfg(feature = "compiler")]
            let text = crate::parser::normalize_newlines(source).into_owned();
            #[cfg(not(feature = "compiler"))]
            let text = source.to_string();
            eprint!("{}", e.render(filename, &text));
            1
        }
        Err(RunError::Exception(PyErr(exc))) => {
            if vm.exc_matches(exc, E::SystemExit) {
                return system_exit_code(vm, exc);
            }
            let text = vm.format_exception(exc);
            vm.flush();
            eprint!("{text}");
            1
        }
    }
}

fn system_exit_code(vm: &mut Vm, exc: Value) -> u8 {
    let args = vm.instance_get(exc, "args").unwrap_or(vm.empty_tuple);
    let code = if vm.is_tuple(args) {
        vm.tuple_items(args).first().copied()
    } else {
        None
    };
    match code {
        None => 0,
        Some(c) if c == vm.none => 0,
        Some(c) if vm.is_int(c) => vm.to_i64(c).unwrap_or(1) as u8,
        Some(c) => {
            let s = vm.str_string(c).unwrap_or_default();
            eprintln!("{s}");
            1
        }
    }
}

impl Vm {
    /// The full traceback text CPython prints for an uncaught exception,
    /// with its chained causes and contexts first.
    pub fn format_exception(&mut self, exc: Value) -> String {
        let mut out = String::new();
        let mut seen = Vec::new();
        self.format_chain(exc, &mut out, &mut seen);
        out
    }

    fn format_chain(&mut self, exc: Value, out: &mut String, seen: &mut Vec<Value>) {
        seen.push(exc);
        let cause = self
            .instance_get(exc, "__cause__")
            .filter(|&c| c != self.none);
        let context = self
            .instance_get(exc, "__context__")
            .filter(|&c| c != self.none);
        let suppress = self.instance_get(exc, "__suppress_context__") == Some(self.true_);
        if let Some(c) = cause {
            if !seen.contains(&c) && self.is_exception(c) {
                self.format_chain(c, out, seen);
                out.push_str(
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                );
            }
        } else if let Some(c) = context
            && !suppress
            && !seen.contains(&c)
            && self.is_exception(c)
        {
            self.format_chain(c, out, seen);
            out.push_str(
                "\nDuring handling of the above exception, another exception occurred:\n\n",
            );
        }
        self.format_one(exc, out);
    }

    fn format_one(&mut self, exc: Value, out: &mut String) {
        if let Some(tb) = self
            .instance_get(exc, "__traceback__")
            .filter(|&t| self.is_list(t))
        {
            out.push_str("Traceback (most recent call last):\n");
            let entries: Vec<Value> = self.list_items(tb).iter().rev().copied().collect();
            for e in entries {
                let items = self.tuple_items(e);
                let (code_v, line) = (items[0], items[1].as_small() as u32);
                let code = self.codes[code_v.get(1).as_small() as usize].clone();
                out.push_str(&format!(
                    "  File \"{}\", line {line}, in {}\n",
                    code.co.filename, code.co.name
                ));
                if let Some(src) = self.sources.get(&code.co.filename)
                    && let Some(text) = src.get(line as usize - 1).filter(|_| line > 0)
                {
                    let t = text.trim();
                    if !t.is_empty() {
                        out.push_str(&format!("    {t}\n"));
                    }
                }
            }
        }
        let t = self.type_of(exc);
        let name = crate::objects::typeobj::info(t).name.clone();
        let module = self
            .lookup_attr(t, "__module__")
            .ok()
            .flatten()
            .filter(|m| self.is_str(*m))
            .map(|m| as_str(m).to_string())
            .filter(|m| m != "builtins" && m != "__main__");
        let full = match module {
            Some(m) => format!("{m}.{name}"),
            None => name,
        };
        let msg = match self.str_of(exc) {
            Ok(s) => as_str(s).to_string(),
            Err(_) => "<exception str() failed>".to_string(),
        };
        if msg.is_empty() {
            out.push_str(&format!("{full}\n"));
        } else {
            out.push_str(&format!("{full}: {msg}\n"));
        }
    }
}
