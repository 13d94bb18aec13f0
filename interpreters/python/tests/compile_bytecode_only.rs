//! What a VM-only `repy` (built with `--no-default-features`) can do with
//! bytecode files: `tests/dis/basics.rpyc` (committed, made by
//! `repy --compile basics.py -o basics.rpyc` in `tests/dis`) loads, verifies
//! and disassembles exactly like its source. With the compiler built, the
//! committed file must also be what the compiler writes today.

use std::path::Path;
use std::process::Command;

fn dis_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dis")
}

#[test]
fn committed_bytecode_file_disassembles_like_its_source() {
    let dir = dis_dir();
    let out = Command::new(env!("CARGO_BIN_EXE_repy"))
        .args(["--dis", "basics.rpyc"])
        .current_dir(&dir)
        .output()
        .expect("repy runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = std::fs::read_to_string(dir.join("basics.dis")).expect("golden file");
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
}

#[test]
fn source_files_need_the_compiler() {
    let out = Command::new(env!("CARGO_BIN_EXE_repy"))
        .args(["--dis", "basics.py"])
        .current_dir(dis_dir())
        .output()
        .expect("repy runs");
    if cfg!(feature = "compiler") {
        assert!(out.status.success());
    } else {
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("built without the compiler"));
    }
}

#[cfg(feature = "compiler")]
#[test]
fn committed_bytecode_file_is_current() {
    let dir = dis_dir();
    let src = std::fs::read(dir.join("basics.py")).expect("source");
    let code = retrace_python::compile::compile_bytes(&src, "basics.py").expect("compiles");
    let committed = std::fs::read(dir.join("basics.rpyc")).expect("bytecode file");
    assert!(
        retrace_python::compile::marshal::dump(&code) == committed,
        "tests/dis/basics.rpyc is stale: regenerate it with `repy --compile basics.py -o basics.rpyc` in tests/dis"
    );
}
