//! Building the project's own engines (repy, toylang) before measuring them.
//!
//! The harness runs `cargo build --release -p retrace-python` and `-p toylang`
//! (one call each) in the workspace root and then uses
//! `TARGET/release/{repy,toylang}`, where TARGET honours CARGO_TARGET_DIR as
//! cargo does. The root is the parent of this crate's manifest folder (fixed at
//! compile time) when it still holds a workspace, else the nearest ancestor of
//! the current folder that does.
//! A failed build is not fatal: binaries left from an earlier build are used
//! with a note, and engines without a binary are skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::engines::OurBinaries;

/// The workspace root, or None when neither place holds one.
pub fn workspace_root() -> Option<PathBuf> {
    let compiled_in = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf);
    if let Some(root) = compiled_in.filter(|dir| is_workspace_root(dir)) {
        return Some(root);
    }
    let current = std::env::current_dir().ok()?;
    current
        .ancestors()
        .find(|dir| is_workspace_root(dir))
        .map(Path::to_path_buf)
}

fn is_workspace_root(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join("Cargo.toml"))
        .map(|text| text.contains("[workspace]"))
        .unwrap_or(false)
}

/// The cargo target folder: $CARGO_TARGET_DIR (relative to the root when
/// relative), else ROOT/target.
pub fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("target"),
    }
}

/// Builds (unless `build` is false) and locates repy and toylang.
/// `notes` collects what the report should say about it.
pub fn our_binaries(root: Option<&Path>, build: bool, notes: &mut Vec<String>) -> OurBinaries {
    let Some(root) = root else {
        let why = "no Cargo workspace found (run from the Retrace tree)".to_string();
        return OurBinaries {
            repy: Err(why.clone()),
            toylang: Err(why),
        };
    };
    let release = target_dir(root).join("release");
    // One cargo call per package: a compile error in one (someone's work in
    // progress) must not keep the other from being rebuilt.
    let mut one = |package: &str, binary: &str| -> Result<PathBuf, String> {
        let failure = if build {
            build_package(root, package).err()
        } else {
            None
        };
        let path = release.join(binary);
        match (path.is_file(), failure) {
            (true, None) => Ok(path),
            (true, Some(why)) => {
                notes.push(format!("{why}; using the {binary} of an earlier build"));
                Ok(path)
            }
            (false, Some(why)) => {
                notes.push(why.clone());
                Err(format!("{why}: no {}", path.display()))
            }
            (false, None) => Err(format!("not built: no {}", path.display())),
        }
    };
    OurBinaries {
        repy: one("retrace-python", "repy"),
        toylang: one("toylang", "toylang"),
    }
}

fn build_package(root: &Path, package: &str) -> Result<(), String> {
    eprintln!("retrace-bench: cargo build --release -p {package}");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "-p", package])
        .current_dir(root)
        .status();
    match status {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("cargo build -p {package} failed ({status})")),
        Err(err) => Err(format!("cannot run cargo: {err}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_root_is_this_workspace() {
        let root = workspace_root().expect("tests run inside the workspace");
        assert!(root.join("benchmarks").join("Cargo.toml").is_file());
    }

    #[test]
    fn without_a_workspace_our_engines_are_skipped_with_a_reason() {
        let mut notes = Vec::new();
        let binaries = our_binaries(None, false, &mut notes);
        assert!(binaries.repy.unwrap_err().contains("no Cargo workspace"));
        assert!(binaries.toylang.is_err());
    }
}
