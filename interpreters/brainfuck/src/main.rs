//! The `brainfuck` command.

use brainfuck::{Input, Output, Step};
use retrace::JitSettings;
use std::io::Write;
use std::process::ExitCode;

const HELP: &str = "\
usage: brainfuck [--step N] [--jit SETTINGS] [--stats] FILE

Run the Brainfuck program in FILE; its ',' reads standard input (0 at the
end of the input) and its '.' writes standard output. The tape has 65536
cells of one byte each that wrap around; moving off the tape is an error.

options:
  --step N                  which step of docs/tutorial.md runs it (default 4):
                              0  the reference interpreter: plain Rust, no framework
                              1  plain interpreter on Ops, no hints
                              2  + merge point and can_enter_jit
                              3  + elidable bracket lookup
                              4  + merged commands, clear and multiplication loops
  --jit off                 run without the JIT
  --jit threshold=N,...     JIT settings: threshold, function_threshold,
                            trace_limit, trace_eagerness (comma-separated)
  --stats                   print what the JIT did to standard error
  --help                    show this help

environment:
  RETRACE_LOG=jit           print traces, compiles, guard failures, aborts
";

/// Standard output, buffered; a closed pipe (`brainfuck x.b | head`) ends
/// the process quietly instead of running the program on for nobody.
struct Stdout(std::io::BufWriter<std::io::Stdout>);

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        quiet_on_broken_pipe(self.0.write(buf))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        quiet_on_broken_pipe(self.0.flush())
    }
}

fn quiet_on_broken_pipe<T>(r: std::io::Result<T>) -> std::io::Result<T> {
    if let Err(e) = &r
        && e.kind() == std::io::ErrorKind::BrokenPipe
    {
        std::process::exit(0);
    }
    r
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("brainfuck: {msg} (try --help)");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut settings = JitSettings::default();
    let mut step = Step::Fast;
    let mut stats = false;
    let mut reference = false;
    let mut file = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        match name.as_str() {
            "--help" | "-h" => {
                print!("{HELP}");
                return ExitCode::SUCCESS;
            }
            "--stats" => stats = true,
            "--jit" | "--step" => {
                let Some(value) = inline.or_else(|| args.next()) else {
                    return usage_error(&format!("{name} needs a value"));
                };
                if name == "--jit" {
                    if let Err(e) = settings.apply(&value) {
                        return usage_error(&e);
                    }
                } else {
                    reference = false;
                    match value.parse().ok().and_then(Step::from_number) {
                        Some(s) => step = s,
                        None if value == "0" => reference = true,
                        None => return usage_error("--step takes 0, 1, 2, 3 or 4"),
                    }
                }
            }
            _ if arg.starts_with('-') && arg != "-" => {
                return usage_error(&format!("unknown option {arg}"));
            }
            _ if file.is_none() => file = Some(arg),
            _ => return usage_error("only one FILE may be given"),
        }
    }
    let Some(file) = file else {
        return usage_error("no FILE given");
    };
    let source = match std::fs::read(&file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("brainfuck: cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    if reference {
        return run_reference(&file, &source);
    }
    let output = Output::Writer(Box::new(Stdout(std::io::BufWriter::new(std::io::stdout()))));
    let input = Input::Reader(Box::new(std::io::stdin()));
    match brainfuck::run(&source, step, settings, input, output) {
        Ok((_, jit)) => {
            if stats {
                eprintln!(
                    "step {}: {} loops and {} bridges compiled in {:.2} ms, {} aborts, {} guard failures",
                    step.number(),
                    jit.loops_compiled,
                    jit.bridges_compiled,
                    jit.compile_time.as_secs_f64() * 1e3,
                    jit.aborts,
                    jit.guard_failures
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{file}: {e}");
            ExitCode::from(1)
        }
    }
}

/// `--step 0`: the reference interpreter, on all of standard input.
fn run_reference(file: &str, source: &[u8]) -> ExitCode {
    let program = match brainfuck::parse(source) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{file}: {}", brainfuck::Error::Parse(e));
            return ExitCode::from(1);
        }
    };
    let mut input = Vec::new();
    if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin(), &mut input) {
        eprintln!("brainfuck: cannot read standard input: {e}");
        return ExitCode::from(1);
    }
    let mut output = Vec::new();
    let result = brainfuck::reference::run(&program, &input, &mut output);
    let mut out = Stdout(std::io::BufWriter::new(std::io::stdout()));
    if let Err(e) = out.write_all(&output).and_then(|_| out.flush()) {
        eprintln!("brainfuck: {e}");
        return ExitCode::from(1);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{file}: {}", brainfuck::Error::Runtime(e));
            ExitCode::from(1)
        }
    }
}
