//! Compile-time errors (symbol table and code generator) against the text
//! python3.11 prints: every `tests/symtable/NAME.py` must make `repy --dis`
//! exit with status 1 and print exactly `NAME.stderr` (generated once with
//! `python3.11 NAME.py`, the script's directory prefix removed).
#![cfg(feature = "compiler")]

use std::path::Path;
use std::process::Command;

#[test]
fn symtable_errors_match_cpython() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/symtable");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/symtable exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".py"))
        .collect();
    names.sort();
    assert!(
        names.len() >= 20,
        "expected the error corpus, found {} files",
        names.len()
    );
    let mut failures = Vec::new();
    for name in &names {
        let expected_path = dir.join(name.replace(".py", ".stderr"));
        let expected =
            std::fs::read_to_string(&expected_path).expect("each case has a .stderr file");
        let out = Command::new(env!("CARGO_BIN_EXE_repy"))
            .arg("--dis")
            .arg(name)
            .current_dir(&dir)
            .output()
            .expect("repy runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.code() != Some(1) || stderr != expected {
            failures.push(format!(
                "{name}: status {:?}\n--- expected\n{expected}--- got\n{stderr}",
                out.status.code()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}
