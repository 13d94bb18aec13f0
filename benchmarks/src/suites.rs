//! Suites: which programs to run, with which arguments.
//!
//! `python` is the pyperformance set plus pystone. The files are third-party
//! data, never copied into the project: the suite reads them from `--workloads
//! DIR`, else from `../shared/workloads/python` beside the workspace, else from
//! a cache filled once from the pyperformance wheel on PyPI (see `fetch`).
//! How a file is driven is read from the file itself: one that imports pyperf
//! takes `--loops N` (and LOOPS=N in its environment, for the stand-in);
//! pystone takes its pass count as its one argument.
//!
//! `toylang` is `benchmarks/toylang/NAME.tl`, with the C twin `NAME.c` and the
//! Lua twin `NAME.lua` beside it when they exist. Its programs carry their own
//! sizes, so loop scaling does not apply to them.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::compare::Masks;

/// Loop counts that take about 2 s on CPython 3.11 on the project's machines
/// (the figures of ../shared/workloads/python/LOOPS). Used when the workload
/// folder has no LOOPS file of its own, e.g. after fetching from PyPI.
pub const DEFAULT_LOOPS: &[(&str, u64)] = &[
    ("richards", 39),
    ("richards_super", 34),
    ("nbody", 23),
    ("spectral_norm", 17),
    ("fannkuch", 5),
    ("float", 23),
    ("chaos", 26),
    ("deltablue", 537),
    ("go", 14),
    ("hexiom", 297),
    ("nqueens", 19),
    ("raytrace", 6),
    ("unpack_sequence", 135135),
    ("pystone", 1000000),
];

/// The benchmarks `--quick` keeps from the python suite.
pub const QUICK_PYTHON: &[&str] = &["richards", "pystone"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SuiteKind {
    Python,
    Toylang,
}

impl SuiteKind {
    pub fn name(self) -> &'static str {
        match self {
            SuiteKind::Python => "python",
            SuiteKind::Toylang => "toylang",
        }
    }

    pub fn from_name(name: &str) -> Option<SuiteKind> {
        match name {
            "python" => Some(SuiteKind::Python),
            "toylang" => Some(SuiteKind::Toylang),
            _ => None,
        }
    }
}

/// One program of a suite.
#[derive(Debug, Clone)]
pub struct Benchmark {
    pub name: String,
    /// The program an interpreter engine runs (.py or .tl).
    pub source: PathBuf,
    /// Arguments after the program path.
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    /// The folder runs start in (the program's own).
    pub dir: PathBuf,
    pub c_twin: Option<PathBuf>,
    pub lua_twin: Option<PathBuf>,
    pub masks: Masks,
    /// The loop count passed, when the program takes one.
    pub loops: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct Suite {
    pub kind: SuiteKind,
    pub benchmarks: Vec<Benchmark>,
    /// Where the programs came from, for the report.
    pub origin: String,
}

/// How to pick and size the python suite.
#[derive(Debug, Clone)]
pub struct PythonSelection {
    pub loops_scale: f64,
    /// Names to keep; empty keeps all.
    pub only: Vec<String>,
}

/// The python suite from a folder of workload files.
pub fn python_suite(
    dir: &Path,
    origin: String,
    selection: &PythonSelection,
) -> Result<Suite, String> {
    let dir = absolute(dir)?;
    let loops_file = read_loops_file(&dir.join("LOOPS"))?;
    let mut files = Vec::new();
    for path in list_dir(&dir)? {
        let Some(name) = stem_with_extension(&path, "py") else {
            continue;
        };
        if name == "pyperf" || name.starts_with('_') {
            continue;
        }
        files.push((name, path));
    }
    // The LOOPS file's order first (it is the suite's natural order), then the
    // rest alphabetically.
    let position = |name: &str| {
        loops_file
            .iter()
            .position(|(n, _)| n == name)
            .or_else(|| DEFAULT_LOOPS.iter().position(|(n, _)| *n == name))
            .unwrap_or(usize::MAX)
    };
    files.sort_by(|a, b| position(&a.0).cmp(&position(&b.0)).then(a.0.cmp(&b.0)));

    let mut benchmarks = Vec::new();
    for (name, path) in files {
        if !selected(&name, &selection.only) {
            continue;
        }
        let text = fs::read_to_string(&path)
            .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
        let base_loops = loops_file
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, l)| *l)
            .or_else(|| {
                DEFAULT_LOOPS
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, l)| *l)
            });
        let scaled = |loops: u64| scale_loops(loops, selection.loops_scale);
        let (args, env, loops, masks) = if text.contains("import pyperf") {
            let loops = scaled(base_loops.unwrap_or(1));
            (
                vec!["--loops".to_string(), loops.to_string()],
                vec![("LOOPS".to_string(), loops.to_string())],
                Some(loops),
                Vec::new(),
            )
        } else if name.starts_with("pystone") {
            let loops = scaled(base_loops.unwrap_or(50_000));
            let masks = vec!["passes = ".to_string(), "benchmarks at ".to_string()];
            (vec![loops.to_string()], Vec::new(), Some(loops), masks)
        } else {
            (Vec::new(), Vec::new(), None, Vec::new())
        };
        benchmarks.push(Benchmark {
            name,
            source: path,
            args,
            env,
            dir: dir.clone(),
            c_twin: None,
            lua_twin: None,
            masks,
            loops,
        });
    }
    Ok(Suite {
        kind: SuiteKind::Python,
        benchmarks,
        origin,
    })
}

/// The toylang suite: every NAME.tl of `dir`, with its twins.
pub fn toylang_suite(dir: &Path, only: &[String]) -> Result<Suite, String> {
    let dir = absolute(dir)?;
    let mut benchmarks = Vec::new();
    for path in list_dir(&dir)? {
        let Some(name) = stem_with_extension(&path, "tl") else {
            continue;
        };
        if !selected(&name, only) {
            continue;
        }
        let twin = |extension: &str| {
            let candidate = dir.join(format!("{name}.{extension}"));
            candidate.is_file().then_some(candidate)
        };
        benchmarks.push(Benchmark {
            c_twin: twin("c"),
            lua_twin: twin("lua"),
            name,
            source: path,
            args: Vec::new(),
            env: Vec::new(),
            dir: dir.clone(),
            masks: Vec::new(),
            loops: None,
        });
    }
    benchmarks.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Suite {
        kind: SuiteKind::Toylang,
        benchmarks,
        origin: dir.display().to_string(),
    })
}

/// `loops * scale`, rounded, at least 1.
pub fn scale_loops(loops: u64, scale: f64) -> u64 {
    let scaled = (loops as f64 * scale).round();
    if scaled.is_finite() && scaled >= 1.0 {
        scaled as u64
    } else {
        1
    }
}

fn selected(name: &str, only: &[String]) -> bool {
    only.is_empty() || only.iter().any(|wanted| wanted == name)
}

/// Reads a LOOPS file: `NAME COUNT` per line; `#` starts a comment.
/// A missing file is an empty list; a malformed line is an error.
pub fn read_loops_file(path: &Path) -> Result<Vec<(String, u64)>, String> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(format!("cannot read {}: {err}", path.display())),
    };
    parse_loops(&text).map_err(|err| format!("{}: {err}", path.display()))
}

pub fn parse_loops(text: &str) -> Result<Vec<(String, u64)>, String> {
    let mut seen = BTreeMap::new();
    let mut entries = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let mut words = line.split_whitespace();
        let (Some(name), Some(count), None) = (words.next(), words.next(), words.next()) else {
            return Err(format!(
                "line {}: expected `NAME COUNT`, got {line:?}",
                index + 1
            ));
        };
        let count: u64 = count
            .parse()
            .map_err(|_| format!("line {}: {count:?} is not a loop count", index + 1))?;
        if seen.insert(name.to_string(), count).is_none() {
            entries.push((name.to_string(), count));
        }
    }
    Ok(entries)
}

fn absolute(dir: &Path) -> Result<PathBuf, String> {
    if !dir.is_dir() {
        return Err(format!("{} is not a folder", dir.display()));
    }
    fs::canonicalize(dir).map_err(|err| format!("cannot resolve {}: {err}", dir.display()))
}

fn list_dir(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        fs::read_dir(dir).map_err(|err| format!("cannot list {}: {err}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    Ok(paths)
}

fn stem_with_extension(path: &Path, extension: &str) -> Option<String> {
    if path.extension()? != extension {
        return None;
    }
    Some(path.file_stem()?.to_str()?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(tag: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("retrace-bench-suites-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn loops_files_parse_and_reject_garbage() {
        let loops = parse_loops("richards 39\n# comment\n\npystone 1000 # passes\n").unwrap();
        assert_eq!(
            loops,
            vec![("richards".into(), 39), ("pystone".into(), 1000)]
        );
        assert!(
            parse_loops("richards many\n")
                .unwrap_err()
                .contains("line 1")
        );
        assert!(parse_loops("richards\n").is_err());
    }

    #[test]
    fn loop_scaling_rounds_and_never_reaches_zero() {
        assert_eq!(scale_loops(39, 0.25), 10);
        assert_eq!(scale_loops(5, 0.01), 1);
        assert_eq!(scale_loops(1000, 2.0), 2000);
        assert_eq!(scale_loops(10, f64::NAN), 1);
    }

    #[test]
    fn python_files_are_driven_by_their_kind() {
        let dir = temp_dir("python");
        fs::write(dir.join("LOOPS"), "zeta 8\nalpha 3\n").unwrap();
        fs::write(dir.join("alpha.py"), "import pyperf\n").unwrap();
        fs::write(dir.join("zeta.py"), "import pyperf\n").unwrap();
        fs::write(dir.join("pystone.py"), "print('stones')\n").unwrap();
        fs::write(dir.join("plain.py"), "print(1)\n").unwrap();
        fs::write(dir.join("pyperf.py"), "").unwrap();
        let selection = PythonSelection {
            loops_scale: 0.5,
            only: vec![],
        };
        let suite = python_suite(&dir, "test".into(), &selection).unwrap();
        let names: Vec<_> = suite.benchmarks.iter().map(|b| b.name.as_str()).collect();
        // LOOPS order, then the built-in order (pystone), then the rest.
        assert_eq!(names, ["zeta", "alpha", "pystone", "plain"]);
        assert_eq!(suite.benchmarks[0].args, ["--loops", "4"]);
        assert_eq!(
            suite.benchmarks[0].env,
            [("LOOPS".to_string(), "4".to_string())]
        );
        assert_eq!(suite.benchmarks[1].args, ["--loops", "2"]);
        assert_eq!(suite.benchmarks[2].args, ["500000"]);
        assert!(!suite.benchmarks[2].masks.is_empty());
        assert!(suite.benchmarks[3].args.is_empty());

        let only = PythonSelection {
            loops_scale: 1.0,
            only: vec!["alpha".into()],
        };
        let suite = python_suite(&dir, "test".into(), &only).unwrap();
        assert_eq!(suite.benchmarks.len(), 1);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn toylang_programs_find_their_twins() {
        let dir = temp_dir("toylang");
        fs::write(dir.join("fib.tl"), "").unwrap();
        fs::write(dir.join("fib.c"), "").unwrap();
        fs::write(dir.join("sieve.tl"), "").unwrap();
        fs::write(dir.join("sieve.lua"), "").unwrap();
        let suite = toylang_suite(&dir, &[]).unwrap();
        assert_eq!(suite.benchmarks.len(), 2);
        assert!(suite.benchmarks[0].c_twin.is_some() && suite.benchmarks[0].lua_twin.is_none());
        assert!(suite.benchmarks[1].c_twin.is_none() && suite.benchmarks[1].lua_twin.is_some());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_folder_is_a_clear_error() {
        let err = toylang_suite(Path::new("/nonexistent/toylang"), &[]).unwrap_err();
        assert!(err.contains("not a folder"));
    }
}
