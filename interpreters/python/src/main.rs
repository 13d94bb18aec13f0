//! The `repy` command: `repy --ast FILE` prints the AST as CPython's
//! `ast.dump` does; running a program waits for the VM.

use std::process::ExitCode;

#[cfg(feature = "compiler")]
use retrace_python::{ast, parser};

const HELP: &str = "\
usage: repy [option] [FILE]

Options:
  --ast FILE             print the AST of FILE as Python 3.11's ast.dump() does
  --ast-positions FILE   the same, with positions (include_attributes=True)
  --dis FILE             print the bytecode of FILE (source or bytecode file)
  --compile FILE -o OUT  compile FILE to the bytecode file OUT
  --jit SETTINGS         off, or threshold=N,function_threshold=N,trace_limit=N,
                         trace_eagerness=N (checked; the Python VM has no JIT
                         hints yet, so programs always run interpreted)
  -h, --help             print this help and exit
  -V, --version          print the version and exit

  -c CODE                run CODE as the __main__ module
  -m MODULE              run library module MODULE as a script (a package
                         runs its __main__ submodule)
  -i                     enter the interactive prompt after running the
                         program (also when stdin is not a terminal)
  -q                     no version banner before the interactive prompt
  -u                     unbuffered stdout
  -E                     ignore PYTHON* environment variables (PYTHONPATH)
  -B                     accepted: repy writes no bytecode caches
  -s, -S                 accepted: repy has no site-packages
  -X NAME[=VALUE]        set sys._xoptions[NAME] (accepted, not interpreted)
  -                      read the program from stdin

With a FILE and no option, repy runs it; with no FILE, repy reads the
program from stdin, or starts the interactive prompt when stdin is a terminal.
Environment: PYTHONPATH (':'-separated folders searched before repy's own
bundled library).
";

enum Mode {
    Ast { positions: bool },
    Dis,
    Compile,
    Run,
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("repy: {msg}");
            ExitCode::from(2)
        }
    }
}

/// What follows the program (a script or `-c CODE`) belongs to the program:
/// it becomes `sys.argv[1:]` untouched, options included.
fn rest_of_command_line(args: &mut lexopt::Parser) -> Result<Vec<String>, String> {
    Ok(args
        .raw_args()
        .map_err(|e| e.to_string())?
        .map(|a| a.to_string_lossy().into_owned())
        .collect())
}

fn run() -> Result<ExitCode, String> {
    use lexopt::prelude::*;
    let mut args = lexopt::Parser::from_env();
    let mut mode = Mode::Run;
    let mut file: Option<std::ffi::OsString> = None;
    let mut output: Option<std::ffi::OsString> = None;
    let mut options = retrace_python::vm::cli::Options::default();
    while let Some(arg) = args.next().map_err(|e| e.to_string())? {
        match arg {
            Short('i') => options.inspect = true,
            Short('q') => options.quiet = true,
            Short('u') => options.unbuffered = true,
            Short('E') => options.ignore_environment = true,
            Short('B') => options.dont_write_bytecode = true,
            Short('s') | Short('S') => {}
            Short('X') => {
                let v = args.value().map_err(|e| e.to_string())?;
                options.xoptions.push(v.to_string_lossy().into_owned());
            }
            Short('m') => {
                let module = args.value().map_err(|e| e.to_string())?;
                let rest = rest_of_command_line(&mut args)?;
                retrace_python::vm::cli::set_options(options);
                return Ok(retrace_python::vm::cli::run_module(
                    module.to_string_lossy().into_owned(),
                    rest,
                ));
            }
            Long("ast") => mode = Mode::Ast { positions: false },
            Long("ast-positions") => mode = Mode::Ast { positions: true },
            Long("dis") => mode = Mode::Dis,
            Long("compile") => mode = Mode::Compile,
            Short('o') => output = Some(args.value().map_err(|e| e.to_string())?),
            Long("jit") => {
                let text = args.value().map_err(|e| e.to_string())?;
                retrace::JitSettings::parse(&text.to_string_lossy())?;
            }
            Short('c') => {
                let code = args.value().map_err(|e| e.to_string())?;
                retrace_python::vm::cli::set_options(options);
                let mut argv = vec!["-c".to_string()];
                argv.extend(rest_of_command_line(&mut args)?);
                return Ok(retrace_python::vm::cli::run_text(
                    "<string>",
                    &code.to_string_lossy(),
                    argv,
                ));
            }
            Short('h') | Long("help") => {
                print!("{HELP}");
                return Ok(ExitCode::SUCCESS);
            }
            Short('V') | Long("version") => {
                println!("repy {} (Python 3.11 front end)", env!("CARGO_PKG_VERSION"));
                return Ok(ExitCode::SUCCESS);
            }
            Value(v) if file.is_none() => {
                file = Some(v);
                // Whatever follows the program name belongs to the program
                // (but `--compile FILE -o OUT` may put `-o` after FILE).
                if !matches!(mode, Mode::Compile) {
                    break;
                }
            }
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    retrace_python::vm::cli::set_options(options);
    let dash = file.as_deref() == Some(std::ffi::OsStr::new("-"));
    let Some(file) = file.filter(|_| !dash) else {
        if !matches!(mode, Mode::Run) {
            return Err("no input file (try --help)".to_string());
        }
        let mut argv = vec![if dash { "-" } else { "" }.to_string()];
        argv.extend(rest_of_command_line(&mut args)?);
        return Ok(retrace_python::vm::cli::run_stdin(argv));
    };
    let mut argv = vec![file.to_string_lossy().into_owned()];
    if matches!(mode, Mode::Run) {
        argv.extend(rest_of_command_line(&mut args)?);
    }
    let path = std::path::Path::new(&file);
    let bytes =
        std::fs::read(path).map_err(|e| format!("can't open file '{}': {e}", path.display()))?;
    if let Some(code) = compile_modes::run_mode(&mode, path, &bytes, output.as_deref(), &argv)? {
        return Ok(code);
    }
    match mode {
        #[cfg(not(feature = "compiler"))]
        Mode::Ast {
            positions: _positions,
        } => Err(compile_modes::no_compiler(path)),
        #[cfg(feature = "compiler")]
        Mode::Ast { positions } => {
            let arena = bumpalo::Bump::new();
            match parser::parse_bytes(&arena, &bytes) {
                Ok(module) => {
                    println!("{}", ast::dump::dump_module_with(&module, positions));
                    Ok(ExitCode::SUCCESS)
                }
                Err(error) => {
                    let text = String::from_utf8_lossy(&bytes);
                    let text = parser::normalize_newlines(&text);
                    eprint!("{}", error.render(&path.display().to_string(), &text));
                    Ok(ExitCode::from(1))
                }
            }
        }
        // `compile_modes::run_mode` answers for these; never reached.
        Mode::Dis | Mode::Compile => Err("internal error: bytecode mode not handled".to_string()),
        Mode::Run => Ok(retrace_python::vm::cli::run_file(path, &bytes, argv)),
    }
}

/// `--dis`, `--compile` and running bytecode files (the compiler's options).
mod compile_modes {
    use super::Mode;
    use retrace_python::compile::{CodeObject, dis, marshal};
    use std::path::Path;
    use std::process::ExitCode;

    /// Handles the modes that involve bytecode; `None` for the others.
    pub fn run_mode(
        mode: &Mode,
        path: &Path,
        bytes: &[u8],
        output: Option<&std::ffi::OsStr>,
        argv: &[String],
    ) -> Result<Option<ExitCode>, String> {
        let is_bytecode = marshal::is_bytecode(bytes);
        match mode {
            Mode::Dis => {
                let code = match load_or_compile(path, bytes) {
                    Ok(code) => code,
                    Err(exit) => return Ok(Some(exit)),
                };
                print!("{}", dis::disassemble(&code));
                Ok(Some(ExitCode::SUCCESS))
            }
            Mode::Compile => {
                let Some(output) = output else {
                    return Err("--compile needs an output file: --compile FILE -o OUT".to_string());
                };
                if is_bytecode {
                    return Err(format!("'{}' is already a bytecode file", path.display()));
                }
                let code = match load_or_compile(path, bytes) {
                    Ok(code) => code,
                    Err(exit) => return Ok(Some(exit)),
                };
                std::fs::write(output, marshal::dump(&code))
                    .map_err(|e| format!("can't write '{}': {e}", Path::new(output).display()))?;
                Ok(Some(ExitCode::SUCCESS))
            }
            Mode::Run if is_bytecode => Ok(Some(retrace_python::vm::cli::run_bytecode(
                path,
                bytes.to_vec(),
                argv.to_vec(),
            ))),
            Mode::Run if !cfg!(feature = "compiler") => Err(no_compiler(path)),
            _ => Ok(None),
        }
    }

    pub fn no_compiler(path: &Path) -> String {
        format!(
            "cannot run '{}': this repy was built without the compiler and runs bytecode files only \
             (make one with a full repy: repy --compile FILE -o OUT)",
            path.display()
        )
    }

    /// A bytecode file is loaded (and verified); a source file is compiled,
    /// its syntax errors printed as CPython prints them (exit status 1).
    fn load_or_compile(path: &Path, bytes: &[u8]) -> Result<CodeObject, ExitCode> {
        if marshal::is_bytecode(bytes) {
            return marshal::load(bytes).map_err(|e| {
                eprintln!("repy: '{}': {e}", path.display());
                ExitCode::from(2)
            });
        }
        compile_source(path, bytes)
    }

    #[cfg(feature = "compiler")]
    fn compile_source(path: &Path, bytes: &[u8]) -> Result<CodeObject, ExitCode> {
        let filename = path.display().to_string();
        retrace_python::compile::compile_bytes(bytes, &filename).map_err(|error| {
            let text = String::from_utf8_lossy(bytes);
            let text = retrace_python::parser::normalize_newlines(&text);
            eprint!("{}", error.render(&filename, &text));
            ExitCode::from(1)
        })
    }

    #[cfg(not(feature = "compiler"))]
    fn compile_source(path: &Path, _bytes: &[u8]) -> Result<CodeObject, ExitCode> {
        eprintln!("repy: {}", no_compiler(path));
        Err(ExitCode::from(2))
    }
}
