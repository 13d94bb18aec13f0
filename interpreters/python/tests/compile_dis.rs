//! Golden disassemblies: `repy --dis tests/dis/NAME.py` must print exactly
//! `tests/dis/NAME.dis`. After an intended change to the compiler, rewrite
//! the expected files with `REPY_BLESS=1 cargo test --test compile_dis` and
//! review the diff.
#![cfg(feature = "compiler")]

use std::path::Path;
use std::process::Command;

#[test]
fn disassembly_matches_golden_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dis");
    let bless = std::env::var_os("REPY_BLESS").is_some();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/dis exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".py"))
        .collect();
    names.sort();
    assert!(
        names.len() >= 8,
        "expected the golden corpus, found {} files",
        names.len()
    );
    let mut failures = Vec::new();
    for name in &names {
        let out = Command::new(env!("CARGO_BIN_EXE_repy"))
            .arg("--dis")
            .arg(name)
            .current_dir(&dir)
            .output()
            .expect("repy runs");
        let got = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let golden = dir.join(name.replace(".py", ".dis"));
        if bless {
            std::fs::write(&golden, got.as_bytes()).expect("write golden file");
            continue;
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_default();
        if got != expected {
            let first_diff = got
                .lines()
                .zip(expected.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(got.lines().count().min(expected.lines().count()));
            failures.push(format!(
                "{name}: differs from line {}:\n  got:      {:?}\n  expected: {:?}",
                first_diff + 1,
                got.lines().nth(first_diff),
                expected.lines().nth(first_diff)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A bytecode file disassembles exactly like its source, and runs like it.
#[test]
fn bytecode_file_disassembles_like_source() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dis");
    let out_dir = std::env::temp_dir().join(format!("repy-compile-dis-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).expect("temp dir");
    for name in ["basics.py", "exceptions.py", "matching.py"] {
        let rpyc = out_dir.join(name.replace(".py", ".rpyc"));
        let status = Command::new(env!("CARGO_BIN_EXE_repy"))
            .args(["--compile", name, "-o"])
            .arg(&rpyc)
            .current_dir(&dir)
            .status()
            .expect("repy runs");
        assert!(status.success());
        let from_file = Command::new(env!("CARGO_BIN_EXE_repy"))
            .arg("--dis")
            .arg(&rpyc)
            .output()
            .expect("repy runs");
        let expected =
            std::fs::read_to_string(dir.join(name.replace(".py", ".dis"))).expect("golden");
        assert_eq!(
            String::from_utf8_lossy(&from_file.stdout),
            expected,
            "{name}"
        );
        // The bytecode file runs with no source present and prints what the
        // source prints.
        let run_bytecode = Command::new(env!("CARGO_BIN_EXE_repy"))
            .arg(&rpyc)
            .output()
            .expect("repy runs");
        let run_source = Command::new(env!("CARGO_BIN_EXE_repy"))
            .arg(name)
            .current_dir(&dir)
            .output()
            .expect("repy runs");
        assert_eq!(
            run_bytecode.status.code(),
            run_source.status.code(),
            "{name}"
        );
        assert_eq!(
            String::from_utf8_lossy(&run_bytecode.stdout),
            String::from_utf8_lossy(&run_source.stdout),
            "{name}"
        );
    }
    let _ = std::fs::remove_dir_all(&out_dir);
}

/// Golden VM scripts compiled to bytecode files run with no source present
/// and print exactly what CPython printed for the source.
#[test]
fn bytecode_files_run_like_their_source() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let out_dir = std::env::temp_dir().join(format!("repy-run-rpyc-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).expect("temp dir");
    for name in [
        "classes",
        "closures_scopes",
        "generators",
        "exceptions",
        "match_stmt",
    ] {
        let rpyc = out_dir.join(format!("{name}.rpyc"));
        let status = Command::new(env!("CARGO_BIN_EXE_repy"))
            .arg("--compile")
            .arg(golden.join(format!("{name}.py")))
            .arg("-o")
            .arg(&rpyc)
            .status()
            .expect("repy runs");
        assert!(status.success(), "{name}");
        let run = Command::new(env!("CARGO_BIN_EXE_repy"))
            .arg(&rpyc)
            .current_dir(&out_dir)
            .output()
            .expect("repy runs");
        let expected = std::fs::read_to_string(golden.join(format!("{name}.out"))).expect("golden");
        assert!(
            run.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&run.stdout), expected, "{name}");
    }
    let _ = std::fs::remove_dir_all(&out_dir);
}
