//! Name resolution against CPython's `symtable` module: for each program in
//! `tests/symtable/scopes/`, our table dump must equal `NAME.expected`,
//! produced by python3.11 with the script in this file's comment below.
//! With `REPY_SYMTABLE_CORPUS=1` and python3.11 present, the ignored test
//! compares every standard library file live.
//!
//! ```python
//! import symtable, sys
//! NAMES = {1: "local", 2: "global_explicit", 3: "global_implicit", 4: "free", 5: "cell"}
//! def walk(t, path, out):
//!     here = f"{path}/{t.get_name()}" if path else t.get_name()
//!     out.append(f"{t.get_type()} {here} line {t.get_lineno()}")
//!     for s in sorted(t.get_symbols(), key=lambda s: s.get_name()):
//!         out.append(f"  {s.get_name()}: {NAMES[s._Symbol__scope]}")
//!     for c in t.get_children():
//!         walk(c, here, out)
//! out = []
//! walk(symtable.symtable(open(sys.argv[1], 'rb').read(), sys.argv[1], 'exec'), "", out)
//! print("\n".join(out))
//! ```
#![cfg(feature = "compiler")]

use retrace_python::compile::symtable_dump;
use std::path::{Path, PathBuf};
use std::process::Command;

const SCRIPT: &str = r#"
import symtable, sys
NAMES = {1: "local", 2: "global_explicit", 3: "global_implicit", 4: "free", 5: "cell"}
def walk(t, path, out):
    here = f"{path}/{t.get_name()}" if path else t.get_name()
    out.append(f"{t.get_type()} {here} line {t.get_lineno()}")
    for s in sorted(t.get_symbols(), key=lambda s: s.get_name()):
        out.append(f"  {s.get_name()}: {NAMES[s._Symbol__scope]}")
    for c in t.get_children():
        walk(c, here, out)
for path in sys.argv[1:]:
    out = []
    try:
        walk(symtable.symtable(open(path, 'rb').read(), path, 'exec'), "", out)
    except Exception as e:
        out = ["ERROR"]
    print("=== " + path)
    print("\n".join(out))
"#;

#[test]
fn scopes_match_cpython() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/symtable/scopes");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/symtable/scopes exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for path in names {
        let src = std::fs::read(&path).expect("readable");
        let got = symtable_dump(&src).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let expected =
            std::fs::read_to_string(path.with_extension("expected")).expect("expected file");
        assert_eq!(got, expected, "{}", path.display());
    }
}

fn python_dumps(files: &[PathBuf]) -> Option<Vec<String>> {
    let out = Command::new("python3.11")
        .arg("-c")
        .arg(SCRIPT)
        .args(files)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let parts: Vec<String> = text
        .split("=== ")
        .skip(1)
        .map(|p| {
            p.split_once('\n')
                .map_or(String::new(), |(_, rest)| rest.to_string())
        })
        .collect();
    (parts.len() == files.len()).then_some(parts)
}

#[test]
#[ignore]
fn stdlib_scopes_match_cpython() {
    let Ok(out) = Command::new("python3.11")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
    else {
        eprintln!("python3.11 not found: skipped");
        return;
    };
    let root = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let mut files = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() && p.file_name().is_some_and(|n| n != "site-packages") {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "py") {
                files.push(p);
            }
        }
    }
    files.sort();
    let (mut same, mut differ) = (0, Vec::new());
    for chunk in files.chunks(200) {
        let expected = python_dumps(chunk).expect("python3.11 runs");
        for (path, exp) in chunk.iter().zip(expected) {
            if exp.starts_with("ERROR") {
                continue;
            }
            let Ok(got) = symtable_dump(&std::fs::read(path).expect("readable")) else {
                continue;
            };
            if got == exp {
                same += 1;
            } else {
                let line = got
                    .lines()
                    .zip(exp.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(0);
                differ.push(format!(
                    "{}: {:?} vs CPython {:?}",
                    path.display(),
                    got.lines().nth(line),
                    exp.lines().nth(line)
                ));
            }
        }
    }
    eprintln!("{same} files identical, {} differ", differ.len());
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
