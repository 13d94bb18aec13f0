//! The compiler on mutated sources: whatever the parser accepts, the compiler
//! turns into a code object that verifies, or refuses with a syntax error;
//! it never panics and never reports an internal error. Seeded, so a failure
//! reproduces; more rounds with `REPY_FUZZ_ROUNDS=N`.
#![cfg(feature = "compiler")]

use retrace_python::compile::compile_bytes;
use retrace_python::compile::marshal::verify;
use std::path::Path;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces of Python that make mutations land on interesting syntax.
const SNIPPETS: &[&str] = &[
    "return",
    "yield",
    "await x",
    "break",
    "continue",
    "global a",
    "nonlocal a",
    "lambda: a",
    "(a := 1)",
    "*a",
    "**a",
    "async ",
    "def f():\n",
    "class C:\n",
    "try:\n",
    "except:\n",
    "finally:\n",
    "with a as b:\n",
    "for a in b:\n",
    "while a:\n",
    "match a:\n",
    "case 1:\n",
    "    ",
    "\n",
    ":",
    "(",
    ")",
    "[",
    "]",
    ",",
    "=",
    "if 0:\n",
    "f(a=1, a=2)",
    "[x for x in y]",
    "from __future__ import annotations\n",
    "super()",
    "__class__",
    "del a",
    "import a.b as c",
];

fn mutate(rng: &mut Rng, src: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(src.len() + 1);
        match rng.below(4) {
            0 => {
                let snippet = SNIPPETS[rng.below(SNIPPETS.len())].as_bytes();
                src.splice(at..at, snippet.iter().copied());
            }
            1 => {
                let end = (at + 1 + rng.below(20)).min(src.len());
                src.drain(at.min(end)..end);
            }
            2 => {
                // Duplicate a line somewhere else (keeps most of the syntax).
                let lines: Vec<&[u8]> = src.split(|&b| b == b'\n').collect();
                let line = lines[rng.below(lines.len())].to_vec();
                let mut copy = line;
                copy.push(b'\n');
                let at = at.min(src.len());
                src.splice(at..at, copy);
            }
            _ => {
                if at < src.len() {
                    src[at] = b" \n:()[]=*.,abc01"[rng.below(16)];
                }
            }
        }
    }
}

#[test]
fn mutated_sources_compile_or_fail_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dis");
    let mut sources: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .expect("tests/dis exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .map(|p| std::fs::read(p).expect("readable"))
        .collect();
    sources.sort();
    let rounds: usize = std::env::var("REPY_FUZZ_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let mut rng = Rng(0xc0de_5eed_0000_0042);
    let (mut compiled, mut refused) = (0, 0);
    for round in 0..rounds {
        let mut src = sources[round % sources.len()].clone();
        mutate(&mut rng, &mut src);
        match compile_bytes(&src, "fuzz.py") {
            Ok(code) => {
                verify(&code).unwrap_or_else(|e| {
                    panic!("round {round}: {e}\n{}", String::from_utf8_lossy(&src))
                });
                compiled += 1;
            }
            Err(e) => {
                assert!(
                    !e.msg.starts_with("internal compiler error"),
                    "round {round}: {}\n{}",
                    e.msg,
                    String::from_utf8_lossy(&src)
                );
                refused += 1;
            }
        }
    }
    assert!(
        compiled > rounds / 20 && refused > rounds / 20,
        "compiled {compiled}, refused {refused}"
    );
}
