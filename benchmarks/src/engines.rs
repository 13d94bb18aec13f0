//! Engines: the programs that run a suite's benchmarks.
//!
//! An engine is found, then probed, before any benchmark runs: an engine that
//! is installed but cannot run yet (our own binaries print "not written yet"
//! and exit 2 until their interpreters exist) is skipped with a note instead
//! of filling the table with failures. Probes:
//! - Python engines run a one-line `print(1)` program and must print `1`;
//!   CPython and PyPy also report `sys.executable`, which is what we then run
//!   (a pyenv shim in PATH is a shell script that would add its own start-up
//!   time to every run);
//! - toylang engines must answer `--help` (its syntax is not ours to assume);
//! - gcc and LuaJIT must answer their version flag.
//!
//! C and Lua twins are not interpreters of the suite's source: gcc engines run
//! the twin `NAME.c` compiled ahead of the runs (compile time is not measured),
//! LuaJIT runs `NAME.lua`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde::Serialize;

use crate::measure::{self, Invocation};
use crate::suites::{Benchmark, SuiteKind};

/// Placeholder binaries say this; an engine that does is not ready.
const NOT_READY_MARKER: &str = "not written yet";
const PROBE_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, Clone)]
pub enum Program {
    /// Runs `program args... SOURCE BENCH_ARGS...`.
    Interpreter { program: PathBuf, args: Vec<String> },
    /// Runs the benchmark's C twin compiled at `-O{level}` (see `build_c_twins`).
    CTwin {
        gcc: PathBuf,
        level: String,
        built: BTreeMap<String, Result<PathBuf, String>>,
    },
    /// Runs `luajit NAME.lua`.
    LuaTwin { luajit: PathBuf },
}

#[derive(Debug, Clone)]
pub struct Engine {
    pub name: String,
    pub suite: SuiteKind,
    pub program: Program,
    /// What it is, e.g. "CPython 3.11.7".
    pub description: String,
    /// Why it is skipped, when it is.
    pub skip: Option<String>,
}

/// What the report says about an engine.
#[derive(Debug, Clone, Serialize)]
pub struct EngineInfo {
    pub name: String,
    pub suite: SuiteKind,
    pub command: String,
    pub description: String,
    pub available: bool,
    pub note: Option<String>,
}

impl Engine {
    pub fn info(&self) -> EngineInfo {
        let command = match &self.program {
            Program::Interpreter { program, args } => {
                let mut words = vec![program.display().to_string()];
                words.extend(args.iter().cloned());
                words.join(" ")
            }
            Program::CTwin { gcc, level, .. } => format!("{} -O{level} NAME.c", gcc.display()),
            Program::LuaTwin { luajit } => format!("{} NAME.lua", luajit.display()),
        };
        EngineInfo {
            name: self.name.clone(),
            suite: self.suite,
            command,
            description: self.description.clone(),
            available: self.skip.is_none(),
            note: self.skip.clone(),
        }
    }

    /// How this engine runs `bench`: None when it has no program for it (no
    /// twin), an error when its program could not be prepared.
    pub fn invocation(&self, bench: &Benchmark) -> Option<Result<Invocation, String>> {
        let (program, args) = match &self.program {
            Program::Interpreter { program, args } => {
                let mut all = args.clone();
                all.push(bench.source.display().to_string());
                all.extend(bench.args.iter().cloned());
                (program.clone(), all)
            }
            Program::CTwin { built, .. } => match built.get(&bench.name)? {
                Ok(binary) => (binary.clone(), bench.args.clone()),
                Err(err) => return Some(Err(err.clone())),
            },
            Program::LuaTwin { luajit } => {
                let mut all = vec![bench.lua_twin.as_ref()?.display().to_string()];
                all.extend(bench.args.iter().cloned());
                (luajit.clone(), all)
            }
        };
        Some(Ok(Invocation {
            program,
            args,
            env: bench.env.clone(),
            cwd: Some(bench.dir.clone()),
        }))
    }
}

/// An engine given on the command line: `[SUITE:]NAME=COMMAND`.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomEngine {
    pub suite: SuiteKind,
    pub name: String,
    pub command: Vec<String>,
}

pub fn parse_custom_engine(spec: &str) -> Result<CustomEngine, String> {
    let (head, command) = spec
        .split_once('=')
        .ok_or_else(|| format!("--engine {spec:?}: expected [SUITE:]NAME=COMMAND"))?;
    let (suite, name) = match head.split_once(':') {
        Some((suite, name)) => (
            SuiteKind::from_name(suite).ok_or_else(|| {
                format!("--engine {spec:?}: unknown suite {suite:?} (python, toylang)")
            })?,
            name,
        ),
        None => (SuiteKind::Python, head),
    };
    let name_ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.+".contains(c));
    if !name_ok {
        return Err(format!(
            "--engine {spec:?}: the name must be letters, digits and -_.+"
        ));
    }
    let command: Vec<String> = command.split_whitespace().map(str::to_string).collect();
    if command.is_empty() {
        return Err(format!("--engine {spec:?}: the command is empty"));
    }
    Ok(CustomEngine {
        suite,
        name: name.to_string(),
        command,
    })
}

/// The project's own binaries, or why each is missing.
#[derive(Debug, Clone)]
pub struct OurBinaries {
    pub repy: Result<PathBuf, String>,
    pub toylang: Result<PathBuf, String>,
}

/// Finds and probes every engine of `suite`. `scratch` holds probe files.
pub fn discover(
    suite: SuiteKind,
    ours: &OurBinaries,
    custom: &[CustomEngine],
    scratch: &Path,
) -> Result<Vec<Engine>, String> {
    let probe_file = scratch.join("probe.py");
    std::fs::create_dir_all(scratch)
        .and_then(|()| std::fs::write(&probe_file, "print(1)\n"))
        .map_err(|err| format!("cannot write {}: {err}", probe_file.display()))?;
    let mut engines = match suite {
        SuiteKind::Python => vec![
            ours_engine("repy", suite, &ours.repy, &[], &probe_file),
            ours_engine(
                "repy-nojit",
                suite,
                &ours.repy,
                &["--jit", "off"],
                &probe_file,
            ),
            system_python("cpython", &["python3.11", "python3"]),
            system_python("pypy", &["pypy3"]),
        ],
        SuiteKind::Toylang => vec![
            ours_engine("toylang", suite, &ours.toylang, &[], &probe_file),
            ours_engine(
                "toylang-nojit",
                suite,
                &ours.toylang,
                &["--jit", "off"],
                &probe_file,
            ),
            gcc_engine("gcc-O0", "0"),
            gcc_engine("gcc-O2", "2"),
            luajit_engine(),
        ],
    };
    for extra in custom.iter().filter(|c| c.suite == suite) {
        let engine = custom_engine(extra, &probe_file);
        match engines.iter_mut().find(|e| e.name == extra.name) {
            Some(existing) => *existing = engine,
            None => engines.push(engine),
        }
    }
    Ok(engines)
}

fn skipped(name: &str, suite: SuiteKind, program: Program, note: String) -> Engine {
    Engine {
        name: name.to_string(),
        suite,
        program,
        description: String::new(),
        skip: Some(note),
    }
}

fn ours_engine(
    name: &str,
    suite: SuiteKind,
    binary: &Result<PathBuf, String>,
    args: &[&str],
    probe_file: &Path,
) -> Engine {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let binary = match binary {
        Ok(path) => path.clone(),
        Err(why) => {
            let program = Program::Interpreter {
                program: PathBuf::from(name),
                args,
            };
            return skipped(name, suite, program, why.clone());
        }
    };
    let program = Program::Interpreter {
        program: binary.clone(),
        args: args.clone(),
    };
    let probe = match suite {
        SuiteKind::Python => probe_python_like(&binary, &args, probe_file),
        SuiteKind::Toylang => probe_help(&binary),
    };
    Engine {
        name: name.to_string(),
        suite,
        program,
        description: format!("{} {}", file_name(&binary), args.join(" "))
            .trim()
            .to_string(),
        skip: probe.err(),
    }
}

fn custom_engine(custom: &CustomEngine, probe_file: &Path) -> Engine {
    let args = custom.command[1..].to_vec();
    let Some(program) = find_program(&custom.command[0]) else {
        let program = Program::Interpreter {
            program: PathBuf::from(&custom.command[0]),
            args,
        };
        let note = format!("{} not found", custom.command[0]);
        return skipped(&custom.name, custom.suite, program, note);
    };
    // A toylang engine given by hand may be any program that takes a .tl
    // file (even a wrapper around another language), so it is not asked for
    // --help; what it prints is checked run by run.
    let probe = match custom.suite {
        SuiteKind::Python => probe_python_like(&program, &args, probe_file),
        SuiteKind::Toylang => Ok(()),
    };
    Engine {
        name: custom.name.clone(),
        suite: custom.suite,
        program: Program::Interpreter { program, args },
        description: custom.command.join(" "),
        skip: probe.err(),
    }
}

fn system_python(name: &str, candidates: &[&str]) -> Engine {
    let fallback = Program::Interpreter {
        program: PathBuf::from(candidates[0]),
        args: vec![],
    };
    let script = "import sys; print(sys.executable); print(sys.version.split()[0]); \
                  print(getattr(sys, 'pypy_version_info', None) is not None)";
    let mut last_failure = None;
    // The first candidate that answers wins: a pyenv shim can sit in PATH for
    // a version that is not installed, and then the next name should serve.
    for found in candidates.iter().filter_map(|c| find_program(c)) {
        let stdout = match probe_output(&found, &["-c", script]) {
            Ok(stdout) => stdout,
            Err(why) => {
                last_failure = Some(why);
                continue;
            }
        };
        let mut lines = stdout.lines();
        let executable = lines.next().map(PathBuf::from).filter(|p| p.is_file());
        let version = lines.next().unwrap_or("?").to_string();
        let description = if lines.next() == Some("True") {
            format!("PyPy (Python {version})")
        } else {
            format!("CPython {version}")
        };
        return Engine {
            name: name.to_string(),
            suite: SuiteKind::Python,
            program: Program::Interpreter {
                program: executable.unwrap_or(found),
                args: vec![],
            },
            description,
            skip: None,
        };
    }
    let note = last_failure
        .unwrap_or_else(|| format!("not installed ({} not in PATH)", candidates.join(", ")));
    skipped(name, SuiteKind::Python, fallback, note)
}

fn gcc_engine(name: &str, level: &str) -> Engine {
    let Some(gcc) = find_program("gcc") else {
        let program = Program::CTwin {
            gcc: "gcc".into(),
            level: level.into(),
            built: BTreeMap::new(),
        };
        return skipped(
            name,
            SuiteKind::Toylang,
            program,
            "not installed (gcc not in PATH)".into(),
        );
    };
    let version = probe_output(&gcc, &["--version"]);
    let program = Program::CTwin {
        gcc,
        level: level.into(),
        built: BTreeMap::new(),
    };
    match version {
        Ok(text) => Engine {
            name: name.into(),
            suite: SuiteKind::Toylang,
            program,
            description: format!("{} -O{level}", first_line(&text)),
            skip: None,
        },
        Err(why) => skipped(name, SuiteKind::Toylang, program, why),
    }
}

fn luajit_engine() -> Engine {
    let Some(luajit) = find_program("luajit") else {
        let program = Program::LuaTwin {
            luajit: "luajit".into(),
        };
        return skipped(
            "luajit",
            SuiteKind::Toylang,
            program,
            "not installed (luajit not in PATH)".into(),
        );
    };
    let version = probe_output(&luajit, &["-v"]);
    let program = Program::LuaTwin { luajit };
    match version {
        Ok(text) => Engine {
            name: "luajit".into(),
            suite: SuiteKind::Toylang,
            program,
            description: first_line(&text)
                .split(" -- ")
                .next()
                .unwrap_or("")
                .to_string(),
            skip: None,
        },
        Err(why) => skipped("luajit", SuiteKind::Toylang, program, why),
    }
}

/// Compiles each benchmark's C twin for a gcc engine, into `build_dir`.
/// Failures are kept per benchmark and shown in its cell.
pub fn build_c_twins(
    engine: &mut Engine,
    benchmarks: &[Benchmark],
    build_dir: &Path,
) -> Result<(), String> {
    let Program::CTwin { gcc, level, built } = &mut engine.program else {
        return Ok(());
    };
    std::fs::create_dir_all(build_dir)
        .map_err(|err| format!("cannot create {}: {err}", build_dir.display()))?;
    for bench in benchmarks {
        let Some(source) = &bench.c_twin else {
            continue;
        };
        let binary = build_dir.join(format!("{}-O{level}", bench.name));
        let result = Command::new(&*gcc)
            .arg(format!("-O{level}"))
            .arg("-o")
            .arg(&binary)
            .arg(source)
            .arg("-lm")
            .output();
        let outcome = match result {
            Ok(output) if output.status.success() => Ok(binary),
            Ok(output) => Err(format!(
                "gcc -O{level} failed: {}",
                first_line(&String::from_utf8_lossy(&output.stderr))
            )),
            Err(err) => Err(format!("cannot run gcc: {err}")),
        };
        built.insert(bench.name.clone(), outcome);
    }
    Ok(())
}

fn probe_python_like(program: &Path, args: &[String], probe_file: &Path) -> Result<(), String> {
    let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
    let probe = probe_file.display().to_string();
    all.push(&probe);
    let stdout = probe_output(program, &all)?;
    if stdout.trim() == "1" {
        Ok(())
    } else {
        Err(format!(
            "probe `print(1)` printed {:?}, not 1",
            clip(stdout.trim())
        ))
    }
}

fn probe_help(program: &Path) -> Result<(), String> {
    probe_output(program, &["--help"]).map(|_| ())
}

/// Runs a probe and returns its stdout; an error says why it is not ready.
fn probe_output(program: &Path, args: &[&str]) -> Result<String, String> {
    let invocation = Invocation {
        program: program.to_path_buf(),
        args: args.iter().map(|a| a.to_string()).collect(),
        env: vec![],
        cwd: None,
    };
    let shown = invocation.display();
    let run = measure::run(&invocation, PROBE_TIMEOUT)?;
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    if stdout.contains(NOT_READY_MARKER) || stderr.contains(NOT_READY_MARKER) {
        let said = if stderr.contains(NOT_READY_MARKER) {
            &stderr
        } else {
            &stdout
        };
        return Err(format!(
            "not ready: `{shown}` says {:?}",
            clip(first_line(said))
        ));
    }
    if !run.exit.success() {
        return Err(format!(
            "probe `{shown}` failed ({}): {:?}",
            run.exit.describe(),
            clip(first_line(&stderr))
        ));
    }
    Ok(stdout)
}

/// A command name looked up in PATH, or a path taken as it is.
pub fn find_program(name: &str) -> Option<PathBuf> {
    if name.contains('/') {
        let path = PathBuf::from(name);
        return path.is_file().then_some(path);
    }
    let path_var = std::env::var_os("PATH")?;
    std::env::split_paths(&path_var)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .map(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn first_line(text: &str) -> &str {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
}

fn clip(text: &str) -> String {
    match text.char_indices().nth(100) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_engines_parse() {
        let engine = parse_custom_engine("py312=python3.12 -X dev").unwrap();
        assert_eq!(engine.suite, SuiteKind::Python);
        assert_eq!(engine.name, "py312");
        assert_eq!(engine.command, ["python3.12", "-X", "dev"]);
        let engine = parse_custom_engine("toylang:old=/opt/toylang --jit off").unwrap();
        assert_eq!(engine.suite, SuiteKind::Toylang);
        assert_eq!(engine.name, "old");
    }

    #[test]
    fn bad_custom_engines_are_clear_errors() {
        assert!(
            parse_custom_engine("python3")
                .unwrap_err()
                .contains("NAME=COMMAND")
        );
        assert!(parse_custom_engine("x=").unwrap_err().contains("empty"));
        assert!(
            parse_custom_engine("=python3")
                .unwrap_err()
                .contains("name")
        );
        assert!(
            parse_custom_engine("ruby:x=ruby")
                .unwrap_err()
                .contains("unknown suite")
        );
        assert!(parse_custom_engine("a b=python3").is_err());
    }

    #[test]
    fn a_placeholder_binary_is_not_ready() {
        let dir = std::env::temp_dir().join(format!("retrace-bench-probe-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let script = dir.join("placeholder.sh");
        std::fs::write(
            &script,
            "#!/bin/sh\necho 'repy: not written yet' >&2\nexit 2\n",
        )
        .unwrap();
        let custom = CustomEngine {
            suite: SuiteKind::Python,
            name: "placeholder".into(),
            command: vec!["/bin/sh".into(), script.display().to_string()],
        };
        let engine = custom_engine(&custom, &dir.join("probe.py"));
        let note = engine.skip.expect("a placeholder must be skipped");
        assert!(note.contains("not ready"), "{note}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn missing_programs_are_skipped_not_fatal() {
        let custom = CustomEngine {
            suite: SuiteKind::Python,
            name: "ghost".into(),
            command: vec!["/nonexistent/python".into()],
        };
        let engine = custom_engine(&custom, Path::new("/nonexistent/probe.py"));
        assert!(engine.skip.unwrap().contains("not found"));
    }
}
