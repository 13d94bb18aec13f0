//! Random toylang programs, run with the JIT off and with `threshold=1`:
//! both must print the same and fail with the same error at the same line.
//!
//! The generator writes loops whose bodies mix integer and float arithmetic
//! (so types change under the trace's feet), branches on the loop counter
//! and on data, array reads and writes, record fields, calls of a small
//! function, and operations that can overflow, divide by zero or index out
//! of range (so errors are raised from compiled code too).

use proptest::prelude::*;
use retrace::JitSettings;

const VARS: [&str; 4] = ["a", "b", "c", "d"];

fn leaf() -> impl Strategy<Value = String> {
    prop_oneof![
        (-20i64..20).prop_map(|n| format!("{n}")),
        prop::sample::select(vec!["0.5", "2.0", "-1.5"]).prop_map(str::to_string),
        prop::sample::select(VARS.to_vec()).prop_map(str::to_string),
        Just("i".to_string()),
        Just("arr[i % 7]".to_string()),
        Just("r.x".to_string()),
    ]
}

fn expr() -> impl Strategy<Value = String> {
    leaf().prop_recursive(3, 12, 2, |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop::sample::select(vec!["+", "-", "*", "/", "%"]),
                inner.clone()
            )
                .prop_map(|(a, op, b)| format!("({a} {op} {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("twice({a}, {b})")),
            inner.prop_map(|a| format!("int({a})")),
        ]
    })
}

fn cond() -> impl Strategy<Value = String> {
    (
        expr(),
        prop::sample::select(vec!["<", "<=", ">", ">=", "==", "!="]),
        expr(),
    )
        .prop_map(|(a, op, b)| format!("{a} {op} {b}"))
}

fn stmt() -> impl Strategy<Value = String> {
    let assign =
        (prop::sample::select(VARS.to_vec()), expr()).prop_map(|(v, e)| format!("{v} = {e};"));
    let store = expr().prop_map(|e| format!("arr[(i * 3) % 7] = {e};"));
    let field = expr().prop_map(|e| format!("r.x = {e};"));
    let simple = prop_oneof![4 => assign, 1 => store, 1 => field];
    simple.prop_recursive(2, 6, 3, |inner| {
        prop_oneof![
            (cond(), inner.clone(), inner.clone())
                .prop_map(|(c, t, e)| format!("if {c} {{ {t} }} else {{ {e} }}")),
            (0i64..60, inner).prop_map(|(k, s)| format!("if i == {k} {{ {s} }}")),
        ]
    })
}

fn program() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(stmt(), 1..5),
        prop::collection::vec(-5i64..5, 4),
        20i64..90,
    )
        .prop_map(|(body, inits, n)| {
            let mut src = String::from(
                "record R { x }\nfn twice(p, q) {\n  if p < q { return p + p; }\n  return q;\n}\n\
                 fn main() {\n  var arr = array(7, 1);\n  var r = new R(3);\n",
            );
            for (v, k) in VARS.iter().zip(&inits) {
                src.push_str(&format!("  var {v} = {k};\n"));
            }
            src.push_str(&format!("  var i = 0;\n  while i < {n} {{\n"));
            for s in &body {
                src.push_str(&format!("    {s}\n"));
            }
            src.push_str("    i = i + 1;\n  }\n  print(a, b, c, d, arr, r.x);\n}\n");
            src
        })
}

fn run(src: &str, jit: &str) -> (String, Result<(), String>) {
    let (out, result) = toylang::run_captured(src, JitSettings::parse(jit).expect("settings"));
    (out, result.map(|_| ()).map_err(|e| e.to_string()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn jit_agrees_with_interpreter(src in program()) {
        let off = run(&src, "off");
        let on = run(&src, "threshold=1,trace_eagerness=3");
        prop_assert_eq!(&off, &on, "program:\n{}", src);
        let hot = run(&src, "threshold=7,function_threshold=2,trace_eagerness=1,trace_limit=80");
        prop_assert_eq!(&off, &hot, "program:\n{}", src);
    }
}
