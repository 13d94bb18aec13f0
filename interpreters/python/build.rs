//! Bundles the pure-Python library (`lib/`) into the binary: writes
//! `$OUT_DIR/stdlib_table.rs`, a table of (dotted module name, is a package,
//! `include_str!` of the source), so `repy` imports its library from any
//! folder without the source tree.

use std::path::Path;

fn collect(dir: &Path, prefix: &str, out: &mut Vec<(String, bool, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let dotted = |n: &str| {
            if prefix.is_empty() {
                n.to_string()
            } else {
                format!("{prefix}.{n}")
            }
        };
        if path.is_dir() {
            let init = path.join("__init__.py");
            if init.is_file() {
                out.push((dotted(name), true, init.display().to_string()));
                collect(&path, &dotted(name), out);
            }
        } else if let Some(stem) = name.strip_suffix(".py")
            && stem != "__init__"
        {
            out.push((dotted(stem), false, path.display().to_string()));
        }
    }
}

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let lib = Path::new(&manifest).join("lib");
    println!("cargo:rerun-if-changed=lib");
    let mut modules = Vec::new();
    collect(&lib, "", &mut modules);
    let mut text = String::from("pub static LIB: &[(&str, bool, &str)] = &[\n");
    for (name, package, file) in modules {
        text.push_str(&format!(
            "    ({name:?}, {package}, include_str!({file:?})),\n"
        ));
    }
    text.push_str("];\n");
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("stdlib_table.rs");
    std::fs::write(out, text).expect("write the library table");
}
