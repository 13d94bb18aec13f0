//! Bytecode files: round trips, and a loader that refuses bad files cleanly.
#![cfg(feature = "compiler")]

use retrace_python::compile::bytecode::{ExceptionEntry, Instr};
use retrace_python::compile::marshal::{self, HEADER_LEN, crc32, dump, load};
use retrace_python::compile::{CodeObject, Const, Opcode, compile_bytes};
use std::path::Path;
use std::rc::Rc;

fn corpus() -> Vec<(String, CodeObject)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dis");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/dis exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|p| {
            let src = std::fs::read(&p).expect("readable");
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let code = compile_bytes(&src, &name).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, code)
        })
        .collect()
}

#[test]
fn round_trip_is_exact() {
    for (name, code) in corpus() {
        let bytes = dump(&code);
        let back = load(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back, code, "{name}");
        assert_eq!(dump(&back), bytes, "{name}: dump is deterministic");
    }
}

#[test]
fn round_trip_keeps_every_constant_kind() {
    let src = "a = (None, True, False, ..., 1, -5, 10**30, -(10**30), 1.5, -0.0, 2j, 1+2j, 'é\\ud800', b'\\x00\\xff', ())\n";
    let code = compile_bytes(src.as_bytes(), "k.py").expect("compiles");
    assert_eq!(load(&dump(&code)).expect("loads"), code);
}

fn sample() -> CodeObject {
    compile_bytes(
        b"def f(a):\n    try:\n        return a + 1\n    except E:\n        return 0\nx = f(1)\n",
        "s.py",
    )
    .expect("compiles")
}

fn function_of(code: &CodeObject) -> CodeObject {
    code.consts
        .iter()
        .find_map(|c| match c {
            Const::Code(f) => Some((**f).clone()),
            _ => None,
        })
        .expect("nested code")
}

/// Replaces the function inside `sample()` by `f` and returns the file bytes.
fn with_function(f: CodeObject) -> Vec<u8> {
    let mut module = sample();
    for c in module.consts.iter_mut() {
        if matches!(c, Const::Code(_)) {
            *c = Const::Code(Rc::new(f.clone()));
        }
    }
    dump(&module)
}

fn rejected(bytes: &[u8]) -> String {
    match load(bytes) {
        Ok(_) => panic!("a bad file was accepted"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn refuses_damaged_files() {
    let good = dump(&sample());
    assert!(rejected(&good[..10]).contains("too short"));
    assert!(rejected(&good[..good.len() - 1]).contains("truncated"));
    let mut padded = good.clone();
    padded.push(0);
    assert!(rejected(&padded).contains("padded"));
    let mut magic = good.clone();
    magic[1] = b'X';
    assert!(rejected(&magic).contains("magic"));
    let mut version = good.clone();
    version[8] = 9;
    assert!(rejected(&version).contains("format version"));
    let mut flipped = good.clone();
    let last = flipped.len() - 3;
    flipped[last] ^= 0x40;
    assert!(rejected(&flipped).contains("checksum"));
}

#[test]
fn refuses_hostile_code_objects() {
    let f = function_of(&sample());
    let n = f.code.len() as u32;
    type Edit = fn(&mut CodeObject, u32);
    let cases: Vec<(&str, Edit)> = vec![
        ("jump target", |f, n| {
            let i = f.code.iter().position(|i| i.op.is_jump()).expect("a jump");
            f.code[i].arg = n + 5;
        }),
        ("constant index", |f, _| {
            f.code[0] = Instr::new(Opcode::LOAD_CONST, 999)
        }),
        ("local index", |f, _| {
            f.code[0] = Instr::new(Opcode::LOAD_FAST, 999)
        }),
        ("name index", |f, _| {
            f.code[0] = Instr::new(Opcode::LOAD_GLOBAL, 999)
        }),
        ("deref index", |f, _| {
            f.code[0] = Instr::new(Opcode::LOAD_DEREF, 0)
        }),
        ("pseudo", |f, _| {
            f.code[0] = Instr::new(Opcode::SETUP_FINALLY, 1)
        }),
        ("underflow", |f, _| {
            f.code[0] = Instr::new(Opcode::POP_TOP, 0)
        }),
        ("max_stack", |f, _| f.max_stack = 0),
        ("falls off", |f, n| {
            f.code[n as usize - 1] = Instr::new(Opcode::NOP, 0)
        }),
        ("handler range", |f, n| f.exception_table[0].handler = n),
        ("overlap", |f, _| {
            let e = f.exception_table[0];
            f.exception_table.insert(
                0,
                ExceptionEntry {
                    end: e.end + 1,
                    ..e
                },
            );
        }),
        ("handler depth", |f, _| f.exception_table[0].depth = 3),
        ("argument", |f, _| {
            f.code[0] = Instr::new(Opcode::BUILD_SLICE, 7)
        }),
        ("ignored argument", |f, _| {
            f.code[0] = Instr::new(Opcode::NOP, 1)
        }),
        ("lines", |f, _| {
            f.lines.pop();
        }),
        ("parameters", |f, _| f.argcount = 50),
        ("flags", |f, _| f.flags |= 0x8000_0000),
        ("backward jump forward", |f, n| {
            f.code[0] = Instr::new(Opcode::JUMP_BACKWARD, n - 1)
        }),
    ];
    for (what, edit) in cases {
        let mut bad = f.clone();
        edit(&mut bad, n);
        let msg = rejected(&with_function(bad));
        assert!(msg.starts_with("bad bytecode file:"), "{what}: {msg}");
    }
}

/// xorshift64*: a tiny seeded generator, so failures reproduce.
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

fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let edits = 1 + rng.below(4);
    for _ in 0..edits {
        let at = HEADER_LEN + rng.below(bytes.len().saturating_sub(HEADER_LEN));
        match rng.below(6) {
            0 | 1 => {
                if at < bytes.len() {
                    bytes[at] ^= 1 << rng.below(8);
                }
            }
            2 => {
                if at < bytes.len() {
                    bytes[at] = rng.next() as u8;
                }
            }
            3 => bytes.truncate(at),
            4 => {
                let v = [0u8, 0xff, 0x7f, 1, rng.next() as u8][rng.below(5)];
                bytes.insert(at.min(bytes.len()), v);
            }
            _ => {
                let len = 1 + rng.below(8);
                let end = (at + len).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
        }
    }
}

/// Makes the header agree with a mutated payload, so that the structural
/// checks (not the checksum) have to catch the damage.
fn fix_header(bytes: &mut [u8]) {
    if bytes.len() < HEADER_LEN {
        return;
    }
    let len = (bytes.len() - HEADER_LEN) as u32;
    bytes[16..20].copy_from_slice(&len.to_le_bytes());
    let crc = crc32(&bytes[HEADER_LEN..]);
    bytes[20..24].copy_from_slice(&crc.to_le_bytes());
}

#[test]
fn random_mutations_are_refused_or_load_to_valid_code() {
    let files: Vec<Vec<u8>> = corpus().iter().map(|(_, c)| dump(c)).collect();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let (mut refused, mut accepted) = (0u32, 0u32);
    for round in 0..6000 {
        let original = &files[round % files.len()];
        let mut bytes = original.clone();
        mutate(&mut rng, &mut bytes);
        if round % 4 != 0 {
            fix_header(&mut bytes);
        }
        match load(&bytes) {
            Err(e) => {
                assert!(!e.msg.is_empty());
                refused += 1;
            }
            Ok(code) => {
                // Whatever loads is structurally valid and stable.
                marshal::verify(&code).expect("a loaded code object verifies");
                assert_eq!(load(&dump(&code)).expect("reloads"), code);
                accepted += 1;
            }
        }
    }
    assert!(refused > 1000, "refused {refused}, accepted {accepted}");
}
