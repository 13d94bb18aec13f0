//! The `toylang` command.

use retrace::JitSettings;
use std::process::ExitCode;

const HELP: &str = "\
usage: toylang [--jit SETTINGS] [--dis] FILE

Run the toylang program in FILE (a .tl source file).

options:
  --jit off                 run without the JIT
  --jit threshold=N,...     JIT settings: threshold, function_threshold,
                            trace_limit, trace_eagerness, longevity
                            (comma-separated)
  --dis                     print the bytecode instead of running
  --help                    show this help

environment:
  RETRACE_LOG=jit           print traces, compiles, guard failures, aborts
  RETRACE_GC_STRESS=1       collect at every allocation
";

fn main() -> ExitCode {
    let mut settings = JitSettings::default();
    let mut file = None;
    let mut dis = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--help" | "-h" => {
                print!("{HELP}");
                return ExitCode::SUCCESS;
            }
            "--dis" => dis = true,
            "--jit" => {
                let Some(value) = args.next() else {
                    eprintln!("toylang: --jit needs a value (try --help)");
                    return ExitCode::from(2);
                };
                if let Err(e) = settings.apply(&value) {
                    eprintln!("toylang: {e}");
                    return ExitCode::from(2);
                }
            }
            _ if arg.starts_with("--jit=") => {
                if let Err(e) = settings.apply(&arg["--jit=".len()..]) {
                    eprintln!("toylang: {e}");
                    return ExitCode::from(2);
                }
            }
            _ if arg.starts_with('-') => {
                eprintln!("toylang: unknown option {arg} (try --help)");
                return ExitCode::from(2);
            }
            _ if file.is_none() => file = Some(arg),
            _ => {
                eprintln!("toylang: only one FILE may be given (try --help)");
                return ExitCode::from(2);
            }
        }
    }
    let Some(file) = file else {
        eprintln!("toylang: no FILE given (try --help)");
        return ExitCode::from(2);
    };
    let src = match std::fs::read_to_string(&file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("toylang: cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    if dis {
        return match toylang::compile::compile(&src) {
            Ok(p) => {
                print!("{p}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{file}: syntax error: {e}");
                ExitCode::from(1)
            }
        };
    }
    match toylang::run_source(&src, settings) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{file}: {e}");
            ExitCode::from(1)
        }
    }
}
