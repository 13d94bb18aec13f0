//! Robustness of the tokenizer and parser on hostile input: seeded random
//! mutations of valid sources (byte edits, deletions, insertions, duplicated
//! and truncated regions) and pathologically deep nesting. The parser must
//! return `Ok` or a `SyntaxError`: never panic, never overflow the stack.
#![cfg(feature = "compiler")]

use retrace_python::ast::dump::dump_module;
use retrace_python::parser::parse_bytes;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// xorshift64*: a small deterministic generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const INTERESTING: &[&[u8]] = &[
    b"(",
    b")",
    b"[",
    b"]",
    b"{",
    b"}",
    b":",
    b"'",
    b"\"",
    b"'''",
    b"\"\"\"",
    b"\\",
    b"\n",
    b"\r\n",
    b"\t",
    b" ",
    b"    ",
    b"#",
    b"=",
    b"*",
    b"**",
    b"@",
    b".",
    b"...",
    b",",
    b";",
    b"0x",
    b"0b",
    b"1e",
    b"1_",
    b"j",
    b"f'",
    b"rb'",
    b"{x!r:>{w}}",
    b"{",
    b"lambda",
    b"match",
    b"case",
    b"async ",
    b"await ",
    b"yield",
    b":=",
    b"not",
    b"if ",
    b"else",
    b"\xff",
    b"\xc3",
    b"\xe2\x82\xac",
    b"\x00",
    b"\x0c",
    b"\\N{",
    b"\\x",
    b"\\u12",
];

fn mutate(rng: &mut Rng, source: &[u8]) -> Vec<u8> {
    let mut out = source.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = out.len();
        let at = rng.below(len + 1);
        match rng.below(6) {
            0 if len > 0 => out[at.min(len - 1)] = rng.next() as u8,
            1 if len > 0 => {
                let end = (at + 1 + rng.below(8)).min(len);
                out.drain(at.min(len)..end);
            }
            2 => {
                let piece = INTERESTING[rng.below(INTERESTING.len())];
                out.splice(at..at, piece.iter().copied());
            }
            3 if len > 0 => {
                let start = rng.below(len);
                let end = (start + 1 + rng.below(40)).min(len);
                let copy = out[start..end].to_vec();
                out.splice(at..at, copy);
            }
            4 => out.truncate(at),
            _ => {
                let chars = b"()[]{}:'\"\\\n #=,.0a";
                out.insert(at, chars[rng.below(chars.len())]);
            }
        }
    }
    out
}

/// Parses on a thread with a fixed 2 MiB stack (a Rust test thread's default).
fn parse_survives(source: Vec<u8>) -> Result<bool, String> {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let arena = bumpalo::Bump::new();
            let copy = source.clone();
            catch_unwind(AssertUnwindSafe(|| match parse_bytes(&arena, &source) {
                Ok(module) => {
                    let _ = dump_module(&module);
                    true
                }
                Err(error) => {
                    let _ = error.render("x.py", &String::from_utf8_lossy(&copy));
                    false
                }
            }))
            .map_err(|_| format!("panic on input {:?}", String::from_utf8_lossy(&copy)))
        })
        .expect("spawn")
        .join()
        .map_err(|_| "parser thread died".to_string())?
}

fn corpus() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ast");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/ast")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| std::fs::read(p).expect("read"))
        .collect()
}

#[test]
fn mutated_sources_never_panic() {
    let sources = corpus();
    assert!(sources.len() >= 10);
    // REPY_MUTATIONS=N runs N mutants per file (default 300); REPY_SEED picks
    // another sequence.
    let rounds = std::env::var("REPY_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let seed = std::env::var("REPY_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5eed_1234_abcd_ef01);
    let mut rng = Rng(seed | 1);
    let (mut accepted, mut rejected) = (0, 0);
    for source in &sources {
        for _ in 0..rounds {
            let mutant = mutate(&mut rng, source);
            match parse_survives(mutant) {
                Ok(true) => accepted += 1,
                Ok(false) => rejected += 1,
                Err(why) => panic!("{why}"),
            }
        }
    }
    // The mutations must exercise both outcomes.
    assert!(
        accepted > 50 && rejected > 500,
        "accepted {accepted}, rejected {rejected}"
    );
}

/// Parses `source` on a thread with a 2 MiB stack; `Err` carries the message.
fn parse_on_small_stack(source: String) -> Result<(), String> {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let arena = bumpalo::Bump::new();
            parse_bytes(&arena, source.as_bytes())
                .map(|_| ())
                .map_err(|e| e.msg)
        })
        .expect("spawn")
        .join()
        .expect("no stack overflow or panic")
}

fn expect_error(source: String, message: &str) {
    let error = parse_on_small_stack(source).expect_err("deep input is refused");
    assert!(error.contains(message), "got {error:?}");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    expect_error(
        format!("x = {}1{}\n", "(".repeat(1000), ")".repeat(1000)),
        "too many nested parentheses",
    );
    expect_error(
        format!("x = {}\n", "[".repeat(5000)),
        "too many nested parentheses",
    );
    expect_error(
        format!("x = {}1\n", "-".repeat(100_000)),
        "too many nested parentheses",
    );
    expect_error(
        format!("x = {}1\n", "not ".repeat(100_000)),
        "too many nested parentheses",
    );
    expect_error(
        format!("x = {}1\n", "lambda: ".repeat(10_000)),
        "too many nested parentheses",
    );
    expect_error(
        format!("x = {}1\n", "a if b else ".repeat(10_000)),
        "too many nested parentheses",
    );
    expect_error(
        format!("x = 2{}\n", "**-2".repeat(10_000)),
        "too many nested parentheses",
    );
    let mut deep_blocks = String::new();
    for level in 0..150 {
        deep_blocks.push_str(&" ".repeat(level));
        deep_blocks.push_str("if x:\n");
    }
    deep_blocks.push_str(&" ".repeat(150));
    deep_blocks.push_str("pass\n");
    expect_error(deep_blocks, "too many levels of indentation");
}

#[test]
fn nesting_within_limits_parses() {
    // Debug builds have large frames: the stack budget allows fewer levels
    // there than the 199 a release build accepts, as CPython does.
    let depth = if cfg!(debug_assertions) { 40 } else { 199 };
    let source = format!("x = {}1{}\n", "(".repeat(depth), ")".repeat(depth));
    assert_eq!(parse_on_small_stack(source), Ok(()));
}

#[test]
fn long_flat_input_is_fine() {
    // Long but shallow: chains handled by loops, not recursion.
    let arena = bumpalo::Bump::new();
    let source = format!(
        "x = a{}\ny = 1{}\nz = f(){}\n",
        ".b".repeat(50_000),
        " + 1".repeat(50_000),
        "()".repeat(50_000)
    );
    assert!(parse_bytes(&arena, source.as_bytes()).is_ok());
}
