//! End to end: the real `retrace-bench` binary against fake engines.
//!
//! The engines are tiny shell scripts made in a temporary folder, so the test
//! needs neither the network, nor the real workloads, nor a Python: one
//! reference, one that agrees with it, one that prints a wrong result (must be
//! FAIL), one that hangs (TIMEOUT), and a placeholder that says "not written
//! yet" (must be skipped with a note, like repy and toylang before they exist).

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("retrace-bench-e2e-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn script(dir: &Path, name: &str, body: &str) -> String {
    let path = dir.join(name);
    fs::write(&path, format!("#!/bin/sh\n{body}")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

/// A fake Python: answers the probe, then prints what a pyperf-style
/// benchmark prints, with `$result` as the result.
fn fake_python(dir: &Path, name: &str, result: &str, extra: &str) -> String {
    let body = format!(
        "case \"$1\" in *probe.py) echo 1; exit 0;; esac\n\
         bench=$(basename \"$1\" .py)\n\
         {extra}\n\
         echo \"$bench loops=$LOOPS args=$2,$3 result={result}\"\n"
    );
    script(dir, name, &body)
}

fn bench(args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_retrace-bench"))
        .args(args)
        .output()
        .expect("the retrace-bench binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn cell<'a>(json: &'a Value, bench: &str, engine: &str) -> &'a Value {
    let benchmarks = json["suites"][0]["benchmarks"].as_array().unwrap();
    let bench = benchmarks.iter().find(|b| b["name"] == bench).unwrap();
    let cells = bench["cells"].as_array().unwrap();
    cells.iter().find(|c| c["engine"] == engine).unwrap()
}

#[test]
fn python_suite_with_fake_engines() {
    let temp = TempDir::new("python");
    let root = &temp.0;
    let workloads = root.join("workloads");
    fs::create_dir_all(&workloads).unwrap();
    fs::write(workloads.join("alpha.py"), "import pyperf\n").unwrap();
    fs::write(workloads.join("beta.py"), "import pyperf\n").unwrap();
    fs::write(workloads.join("gamma.py"), "import pyperf\n").unwrap();
    fs::write(workloads.join("pyperf.py"), "").unwrap();
    fs::write(workloads.join("LOOPS"), "beta 8\nalpha 4\n").unwrap();

    // The reference cannot run gamma: outputs are then checked against the
    // next engine, and no ratio is given.
    let reference = fake_python(root, "ref.sh", "True", "[ \"$bench\" = gamma ] && exit 1");
    let agrees = fake_python(root, "agrees.sh", "True", "");
    let wrong = fake_python(root, "wrong.sh", "False", "");
    let hangs = fake_python(
        root,
        "hangs.sh",
        "True",
        "[ \"$bench\" = beta ] && sleep 30",
    );
    let placeholder = script(
        root,
        "placeholder.sh",
        "echo 'fake: not written yet' >&2\nexit 2\n",
    );
    let out = root.join("out");

    let mut args: Vec<String> = [
        "--no-build",
        "--no-fetch",
        "--suite",
        "python",
        "--runs",
        "3",
        "--loops-scale",
        "0.5",
        "--timeout",
        "2",
        "--reference",
        "ref",
        "--engines",
        "ref,agrees,wrong,hangs,placeholder",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (name, command) in [
        ("ref", &reference),
        ("agrees", &agrees),
        ("wrong", &wrong),
        ("hangs", &hangs),
        ("placeholder", &placeholder),
    ] {
        args.push("--engine".into());
        args.push(format!("{name}={command}"));
    }
    args.push("--workloads".into());
    args.push(workloads.display().to_string());
    args.push("--out".into());
    args.push(out.display().to_string());

    let output = bench(&args);
    let stdout = text(&output.stdout);
    assert!(
        output.status.success(),
        "stdout:\n{stdout}\nstderr:\n{}",
        text(&output.stderr)
    );

    // The terminal table: both benchmarks, the failures by name.
    assert!(stdout.contains("ref (ref)"), "{stdout}");
    assert!(
        stdout.contains("alpha") && stdout.contains("beta"),
        "{stdout}"
    );
    assert!(stdout.contains("FAIL"), "{stdout}");
    assert!(stdout.contains("TIMEOUT"), "{stdout}");
    assert!(
        stdout.contains("placeholder (python) skipped: not ready"),
        "{stdout}"
    );
    assert_eq!(fs::read_to_string(out.join("table.txt")).unwrap(), stdout);

    // The JSON holds every run and the verdicts.
    let json: Value =
        serde_json::from_str(&fs::read_to_string(out.join("results.json")).unwrap()).unwrap();
    let suite = &json["suites"][0];
    assert_eq!(suite["reference"], "ref");
    assert_eq!(
        suite["engines"],
        serde_json::json!(["ref", "agrees", "wrong", "hangs"])
    );
    let names: Vec<&str> = suite["benchmarks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["beta", "alpha", "gamma"],
        "LOOPS order, then the rest"
    );
    // Loop counts scaled (8 * 0.5) and passed both ways.
    assert_eq!(
        suite["benchmarks"][0]["args"],
        serde_json::json!(["--loops", "4"])
    );

    let agreeing = cell(&json, "alpha", "agrees");
    assert_eq!(agreeing["status"], "ok");
    assert_eq!(agreeing["runs"].as_array().unwrap().len(), 3);
    assert!(agreeing["runs"][0]["wall_s"].as_f64().unwrap() > 0.0);
    assert_eq!(agreeing["runs"][0]["output_matches"], true);
    assert!(agreeing["ratio"].as_f64().unwrap() > 0.0);
    assert!(agreeing["wall_s"]["median"].as_f64().unwrap() > 0.0);
    assert!(agreeing["max_rss_kb"]["median"].as_f64().unwrap() > 0.0);
    assert!(agreeing["command"].as_str().unwrap().contains("--loops 2"));

    let wrong_cell = cell(&json, "alpha", "wrong");
    assert_eq!(wrong_cell["status"], "fail");
    assert!(
        wrong_cell["note"]
            .as_str()
            .unwrap()
            .contains("result=False")
    );
    assert!(wrong_cell["wall_s"].is_null() && wrong_cell["ratio"].is_null());

    assert_eq!(cell(&json, "beta", "hangs")["status"], "timeout");
    assert_eq!(cell(&json, "alpha", "hangs")["status"], "ok");

    let gamma = &suite["benchmarks"][2];
    assert_eq!(gamma["checked_against"], "agrees");
    assert_eq!(cell(&json, "gamma", "ref")["status"], "error");
    assert_eq!(cell(&json, "gamma", "agrees")["status"], "ok");
    assert!(cell(&json, "gamma", "agrees")["ratio"].is_null());
    assert_eq!(cell(&json, "gamma", "wrong")["status"], "fail");
    assert!(
        stdout.contains("gamma: output checked against agrees"),
        "{stdout}"
    );

    let engines = json["engines"].as_array().unwrap();
    let skipped = engines.iter().find(|e| e["name"] == "placeholder").unwrap();
    assert_eq!(skipped["available"], false);
    assert!(
        skipped["note"]
            .as_str()
            .unwrap()
            .contains("not written yet")
    );

    let geomeans = suite["geomeans"].as_array().unwrap();
    let agrees_mean = geomeans.iter().find(|g| g["engine"] == "agrees").unwrap();
    assert_eq!(agrees_mean["benchmarks"], 2);
    let wrong_mean = geomeans.iter().find(|g| g["engine"] == "wrong").unwrap();
    assert!(wrong_mean["ratio"].is_null());

    // Markdown and the chart.
    let markdown = fs::read_to_string(out.join("results.md")).unwrap();
    assert!(markdown.contains("| alpha |"), "{markdown}");
    assert!(markdown.contains("FAIL"));
    let svg = fs::read_to_string(out.join("python.svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains(">agrees<") && svg.contains(">fail<") && svg.contains(">timeout<"));
    assert!(svg.contains("<rect"), "bars are drawn");
}

#[test]
fn toylang_suite_with_a_fake_interpreter_and_c_twins() {
    let temp = TempDir::new("toylang");
    let root = &temp.0;
    let programs = root.join("toylang");
    fs::create_dir_all(&programs).unwrap();
    fs::write(
        programs.join("sum.tl"),
        "the fake interpreter ignores this\n",
    )
    .unwrap();
    fs::write(
        programs.join("sum.c"),
        "#include <stdio.h>\nint main(void){long s=0;for(long i=0;i<1000;i++)s+=i;printf(\"%ld\\n\",s);return 0;}\n",
    )
    .unwrap();
    fs::write(programs.join("nocompile.tl"), "").unwrap();
    fs::write(programs.join("nocompile.c"), "this is not C\n").unwrap();
    let interpreter = script(
        root,
        "fake-toylang.sh",
        "[ \"$1\" = --help ] && exit 0\ncase \"$1\" in *sum.tl) echo 499500;; *) echo 0;; esac\n",
    );
    let has_gcc = Command::new("gcc")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let out = root.join("out");
    let engines = if has_gcc { "fake,gcc-O2" } else { "fake" };
    let output = bench(&[
        "--no-build".into(),
        "--suite".into(),
        "toylang".into(),
        "--metric".into(),
        "cpu".into(),
        "--runs".into(),
        "2".into(),
        "--engines".into(),
        engines.into(),
        "--engine".into(),
        format!("toylang:fake={interpreter}"),
        "--toylang-dir".into(),
        programs.display().to_string(),
        "--out".into(),
        out.display().to_string(),
    ]);
    let stdout = text(&output.stdout);
    assert!(
        output.status.success(),
        "stdout:\n{stdout}\nstderr:\n{}",
        text(&output.stderr)
    );
    let json: Value =
        serde_json::from_str(&fs::read_to_string(out.join("results.json")).unwrap()).unwrap();
    assert_eq!(json["suites"][0]["suite"], "toylang");
    assert_eq!(json["suites"][0]["metric"], "cpu");
    assert!(stdout.contains("median CPU time"), "{stdout}");
    assert_eq!(cell(&json, "sum", "fake")["status"], "ok");
    if has_gcc {
        assert_eq!(json["suites"][0]["reference"], "gcc-O2");
        assert_eq!(cell(&json, "sum", "gcc-O2")["status"], "ok");
        assert_eq!(
            cell(&json, "sum", "fake")["runs"][0]["output_matches"],
            true
        );
        let broken = cell(&json, "nocompile", "gcc-O2");
        assert_eq!(broken["status"], "error");
        assert!(broken["note"].as_str().unwrap().contains("gcc -O2 failed"));
    }
}

#[test]
fn bad_input_is_a_clear_error() {
    let temp = TempDir::new("errors");
    let out = temp.0.join("out").display().to_string();
    for (args, expected) in [
        (
            vec!["--workloads", "/nonexistent/workloads"],
            "not a folder",
        ),
        (vec!["--engine", "nonsense"], "NAME=COMMAND"),
        (vec!["--runs", "0"], "--runs"),
        (vec!["--engines", "nosuch"], "no such engine"),
    ] {
        let mut all: Vec<String> = vec![
            "--no-build".into(),
            "--suite".into(),
            "python".into(),
            "--out".into(),
            out.clone(),
        ];
        all.extend(args.iter().map(|s| s.to_string()));
        let output = bench(&all);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
