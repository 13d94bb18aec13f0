//! Running a program from the command line: a VM on a thread with a large
//! native stack (Rust-to-Python re-entry, such as `__init__` called from a
//! constructor, does recurse natively), and CPython-format tracebacks for
//! uncaught exceptions (exit status 1).
//!
//! Ctrl-C: a SIGINT handler only sets [`INTERRUPTED`]; the eval loop reads
//! that flag on backward jumps (one relaxed load and a branch, so every
//! loop notices it without slowing down) and raises KeyboardInterrupt
//! through [`take_interrupt`]. Uncaught, it prints its traceback and the
//! process then dies of SIGINT as CPython's does (a shell sees status 130).

use super::start::RunError;
use super::{PyErr, Vm};
use crate::objects::Value;
use crate::objects::exceptions::E;
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

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
    /// `-q`: no banner before the REPL.
    pub quiet: bool,
}

static OPTIONS: std::sync::OnceLock<Options> = std::sync::OnceLock::new();

/// A VM with the command-line options applied: `-u` makes stdout write
/// through; `-X` options appear in `sys._xoptions`.
fn new_vm() -> Box<Vm> {
    let mut vm = Vm::new();
    let opts = options();
    if opts.unbuffered {
        vm.out = std::io::BufWriter::with_capacity(0, std::io::stdout());
    }
    let key = vm.intern("sys");
    let modules = vm.modules;
    if let Some(sys) = vm.dict_get_str(modules, key) {
        let x = vm.new_dict();
        let k = vm.intern("_xoptions");
        let _ = vm.dict_set(sys.get(1), k, x);
        for opt in &opts.xoptions {
            let (name, value) = match opt.split_once('=') {
                Some((n, v)) => (n, vm.new_str(v)),
                None => (opt.as_str(), vm.true_),
            };
            let n = vm.new_str(name);
            let _ = vm.dict_set(x, n, value);
        }
    }
    vm
}

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
            let mut vm = new_vm();
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

/// Set by the SIGINT handler; cleared when the eval loop raises
/// KeyboardInterrupt for it.
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_sigint(_signal: libc::c_int) {
    // An atomic store is async-signal-safe; nothing else happens here.
    INTERRUPTED.store(true, Ordering::Relaxed);
}

/// Route SIGINT to [`INTERRUPTED`] instead of killing the process. As
/// CPython, an inherited "ignore" (a background job of a shell) is kept.
pub fn install_interrupt_handler() {
    let handler: extern "C" fn(libc::c_int) = on_sigint;
    // SAFETY: the handler only stores to an atomic, which is
    // async-signal-safe; `signal` is given a valid function pointer or
    // SIG_IGN.
    unsafe {
        let previous = libc::signal(libc::SIGINT, handler as libc::sighandler_t);
        if previous == libc::SIG_IGN {
            libc::signal(libc::SIGINT, libc::SIG_IGN);
        }
    }
}

/// The KeyboardInterrupt to raise when Ctrl-C was pressed since the last
/// check, clearing the flag (the eval loop calls this after seeing it set).
#[cold]
pub fn take_interrupt(vm: &mut Vm) -> PyErr {
    INTERRUPTED.store(false, Ordering::Relaxed);
    let t = vm.exc_type(E::KeyboardInterrupt);
    vm.new_exception(t, &[])
}

/// After an uncaught KeyboardInterrupt's traceback: end the process by
/// SIGINT with its default action, as CPython does, so the parent sees a
/// death by signal (status 130 in a shell). Returns 130 if that fails.
fn die_of_sigint(vm: &mut Vm) -> u8 {
    vm.flush();
    // SAFETY: restoring the default disposition and signalling our own
    // process are plain system calls with valid arguments.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        libc::kill(libc::getpid(), libc::SIGINT);
    }
    130
}

fn on_big_stack(body: impl FnOnce() -> u8 + Send + 'static) -> ExitCode {
    install_interrupt_handler();
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
    let mut vm = new_vm();
    vm.argv = argv;
    run_source_in(&mut vm, filename, source)
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
            crate::builtins::modules::write_stderr(vm, &text);
            if vm.exc_matches(exc, E::KeyboardInterrupt) {
                return die_of_sigint(vm);
            }
            1
        }
    }
}

fn system_exit_code(vm: &mut Vm, exc: Value) -> u8 {
    // `code` as SystemExit.__init__ set it (a program may have changed it);
    // the first of `args` for an instance whose __init__ did not run.
    let code = match vm.instance_get(exc, "code") {
        Some(c) => Some(c),
        None => {
            let args = vm.instance_get(exc, "args").unwrap_or(vm.empty_tuple);
            if vm.is_tuple(args) {
                vm.tuple_items(args).first().copied()
            } else {
                None
            }
        }
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

// The traceback text of an uncaught exception: objects/traceback_print.rs.

// ---------------------------------------------------------------- -m, -i, the REPL

/// `repy -m MODULE ARGS`: find MODULE along `sys.path` and the bundled
/// library (a package runs its `__main__` submodule) and run it as
/// `__main__`, with `sys.argv[0]` its file name.
pub fn run_module(name: String, args: Vec<String>) -> ExitCode {
    on_big_stack(move || {
        let mut vm = new_vm();
        let found = locate_module(&mut vm, &name);
        let (filename, source) = match found {
            Ok(Some(f)) => f,
            Ok(None) => {
                eprintln!("{}: No module named {name}", program_name());
                return 1;
            }
            Err(PyErr(exc)) => {
                let text = vm.format_exception(exc);
                eprint!("{text}");
                return 1;
            }
        };
        let mut argv = vec![filename.clone()];
        argv.extend(args);
        vm.argv = argv;
        run_source_in(&mut vm, &filename, &source)
    })
}

fn program_name() -> String {
    std::env::args()
        .next()
        .and_then(|a| {
            Path::new(&a)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "repy".to_string())
}

/// The file name and source of module `name` (its parent packages are
/// imported first, as CPython does); None when there is no such module.
fn locate_module(vm: &mut Vm, name: &str) -> Result<Option<(String, String)>, PyErr> {
    let path = vm.new_list(&[]);
    let cwd = std::env::current_dir()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    for dir in crate::builtins::import::initial_sys_path("", options().ignore_environment) {
        let d = vm.new_str(if dir.is_empty() { &cwd } else { &dir });
        vm.list_append(path, d);
    }
    let key = vm.intern("sys");
    let modules = vm.modules;
    if let Some(sys) = vm.dict_get_str(modules, key) {
        let k = vm.intern("path");
        vm.dict_set(sys.get(1), k, path)?;
    }
    if let Some((parent, _)) = name.rsplit_once('.') {
        vm.import_dotted(parent)?;
    }
    if let Some(found) = vm.module_source(name) {
        return Ok(Some(found));
    }
    // A package runs as its `__main__` submodule.
    match vm.import_dotted(name) {
        Ok(_) => Ok(vm.module_source(&format!("{name}.__main__"))),
        Err(PyErr(e)) if vm.exc_matches(e, E::ModuleNotFoundError) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Run `source` as `__main__` in `vm`; then the REPL with `-i`.
fn run_source_in(vm: &mut Vm, filename: &str, source: &str) -> u8 {
    #[cfg(feature = "compiler")]
    let result = vm.run_source(source, filename);
    #[cfg(not(feature = "compiler"))]
    let result: Result<(), RunError> = {
        Err(RunError::Exception(
            vm.err(E::SystemError, "built without the compiler"),
        ))
    };
    if options().inspect {
        let exit = finish_keep_going(vm, result, filename, source);
        if let Some(code) = exit {
            return code;
        }
        return repl(vm);
    }
    finish(vm, result, filename, source)
}

/// Like `finish`, but a normal end or an uncaught exception go on to the
/// REPL (`-i`); only SystemExit ends the process.
fn finish_keep_going(
    vm: &mut Vm,
    result: Result<(), RunError>,
    filename: &str,
    source: &str,
) -> Option<u8> {
    match result {
        Err(RunError::Exception(PyErr(exc))) if vm.exc_matches(exc, E::SystemExit) => {
            vm.flush();
            Some(system_exit_code(vm, exc))
        }
        Ok(()) => None,
        other => {
            finish(vm, other, filename, source);
            None
        }
    }
}

/// `repy` with no program: the REPL when stdin is a terminal (or with
/// `-i`), else stdin read and run as a script named `<stdin>`.
pub fn run_stdin(argv: Vec<String>) -> ExitCode {
    use std::io::{IsTerminal, Read};
    let interactive = std::io::stdin().is_terminal() || options().inspect;
    on_big_stack(move || {
        let mut vm = new_vm();
        vm.argv = argv;
        if interactive {
            #[cfg(feature = "compiler")]
            if let Err(e) = vm.run_source("", "<stdin>") {
                return finish(&mut vm, Err(e), "<stdin>", "");
            }
            return repl(&mut vm);
        }
        let mut source = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut source) {
            eprintln!("{}: can't read stdin: {e}", program_name());
            return 2;
        }
        run_source_in(&mut vm, "<stdin>", &source)
    })
}

/// Where the REPL's lines come from: rustyline on a terminal (line editing
/// and history), else plain lines from stdin with the prompts on stderr,
/// as CPython writes them.
enum LineSource {
    Editor(Box<rustyline::DefaultEditor>),
    Plain,
}

enum Line {
    Text(String),
    Interrupted,
    Eof,
}

impl LineSource {
    fn new() -> LineSource {
        use std::io::IsTerminal;
        if std::io::stdin().is_terminal()
            && let Ok(ed) = rustyline::DefaultEditor::new()
        {
            return LineSource::Editor(Box::new(ed));
        }
        LineSource::Plain
    }

    fn read(&mut self, prompt: &str) -> Line {
        match self {
            LineSource::Editor(ed) => match ed.readline(prompt) {
                Ok(line) => {
                    if !line.trim().is_empty() {
                        let _ = ed.add_history_entry(line.as_str());
                    }
                    Line::Text(line)
                }
                Err(rustyline::error::ReadlineError::Interrupted) => Line::Interrupted,
                Err(_) => Line::Eof,
            },
            LineSource::Plain => {
                use std::io::BufRead;
                eprint!("{prompt}");
                let _ = std::io::stderr().flush();
                let mut line = String::new();
                match std::io::stdin().lock().read_line(&mut line) {
                    Ok(0) | Err(_) => Line::Eof,
                    Ok(_) => {
                        let trimmed = line.trim_end_matches(['\n', '\r']).len();
                        line.truncate(trimmed);
                        Line::Text(line)
                    }
                }
            }
        }
    }
}

use std::io::Write as _;

/// What the REPL makes of the lines typed so far.
// A VM-only build (no compiler) cannot tell an unfinished block apart.
#[cfg_attr(not(feature = "compiler"), allow(dead_code))]
enum Input {
    /// Wait for another line (`... `).
    More,
    /// Run it.
    Complete,
}

/// Whether `text` is a whole statement: CPython's interactive rules, from
/// the parser's errors. A compound statement ends at an empty line.
#[cfg(feature = "compiler")]
fn classify(text: &str, in_block: &mut bool) -> Input {
    let last_blank = text.lines().last().is_none_or(|l| l.trim().is_empty());
    if *in_block {
        return if last_blank {
            Input::Complete
        } else {
            Input::More
        };
    }
    if text.trim_end_matches('\n').ends_with('\\') {
        return Input::More;
    }
    if text.trim_start().starts_with('@') && !last_blank {
        *in_block = true;
        return Input::More;
    }
    let arena = bumpalo::Bump::new();
    match crate::parser::parse_module(&arena, text) {
        Ok(_) => Input::Complete,
        Err(e) => {
            let msg = e.msg.as_str();
            if msg.starts_with("expected an indented block") {
                *in_block = true;
                Input::More
            } else if msg.contains("was never closed")
                || msg.starts_with("unterminated triple-quoted")
                || msg.starts_with("unexpected EOF")
            {
                Input::More
            } else {
                Input::Complete
            }
        }
    }
}

/// The read-eval-print loop on `vm`'s `__main__`. Returns the exit status.
pub fn repl(vm: &mut Vm) -> u8 {
    use std::io::IsTerminal;
    if !options().quiet {
        eprintln!(
            "Python 3.11.7 (repy {}) on linux\nType \"help\", \"copyright\", \"credits\" or \"license\" for more information.",
            env!("CARGO_PKG_VERSION")
        );
    }
    let key = vm.intern("__main__");
    let modules = vm.modules;
    let Some(main) = vm.dict_get_str(modules, key) else {
        eprintln!("{}: no __main__ module", program_name());
        return 1;
    };
    let globals = main.get(1);
    let mut source = LineSource::new();
    let tty = std::io::stdin().is_terminal();
    loop {
        let mut text = String::new();
        #[cfg_attr(not(feature = "compiler"), allow(unused_mut))]
        let mut in_block = false;
        let mut prompt = ">>> ";
        let complete = loop {
            match source.read(prompt) {
                Line::Eof => {
                    if tty || text.is_empty() {
                        if tty {
                            eprintln!();
                        }
                        vm.flush();
                        return 0;
                    }
                    break true;
                }
                Line::Interrupted => {
                    eprintln!("\nKeyboardInterrupt");
                    break false;
                }
                Line::Text(line) => {
                    text.push_str(&line);
                    text.push('\n');
                    if text.trim().is_empty() && !in_block {
                        break false;
                    }
                    #[cfg(feature = "compiler")]
                    let state = classify(&text, &mut in_block);
                    #[cfg(not(feature = "compiler"))]
                    let state = Input::Complete;
                    match state {
                        Input::More => prompt = "... ",
                        Input::Complete => break true,
                    }
                }
            }
        };
        if !complete {
            continue;
        }
        if let Some(code) = run_interactive(vm, &text, globals) {
            return code;
        }
    }
}

/// Compile and run one interactive input. An input that is a single
/// expression shows its value through `sys.displayhook` (None is not
/// shown; `_` keeps the last value). Some(status) when SystemExit ends it.
#[cfg(feature = "compiler")]
fn run_interactive(vm: &mut Vm, text: &str, globals: Value) -> Option<u8> {
    let arena = bumpalo::Bump::new();
    let is_expression = match crate::parser::parse_module(&arena, text) {
        Ok(m) => m.body.len() == 1 && matches!(m.body[0].kind, crate::ast::StmtKind::Expr { .. }),
        Err(_) => false,
    };
    // The wrapper shares the input's first line, so line numbers in
    // tracebacks stay those of the input.
    let program = if is_expression {
        format!(
            "__import__('sys').displayhook(({}\n))\n",
            text.trim_end_matches('\n')
        )
    } else {
        text.to_string()
    };
    let code = match crate::compile::compile_bytes(program.as_bytes(), "<stdin>") {
        Ok(c) => c,
        Err(e) => {
            vm.flush();
            let shown = crate::parser::normalize_newlines(text).into_owned();
            eprint!("{}", e.render("<stdin>", &shown));
            return None;
        }
    };
    let rt = vm.load_code(std::rc::Rc::new(code));
    let result = vm.run_code(rt, globals, globals);
    vm.flush();
    match result {
        Ok(_) => None,
        Err(PyErr(exc)) if vm.exc_matches(exc, E::SystemExit) => Some(system_exit_code(vm, exc)),
        Err(PyErr(exc)) => {
            let text = vm.format_exception(exc);
            crate::builtins::modules::write_stderr(vm, &text);
            None
        }
    }
}

#[cfg(not(feature = "compiler"))]
fn run_interactive(vm: &mut Vm, _text: &str, _globals: Value) -> Option<u8> {
    eprintln!("repy: built without the compiler: the REPL needs it");
    vm.flush();
    Some(1)
}
