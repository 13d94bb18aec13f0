//! Whole programs through every step of the tutorial, with the JIT off and
//! on (a low threshold, so even short loops are traced, and a low trace
//! eagerness, so guard failures grow bridges), checked against known
//! outputs and against the reference interpreter.

use brainfuck::{Error, Pos, Step, parse, reference, run_bytes};
use retrace::JitSettings;
use std::path::PathBuf;

fn example(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The settings every program runs under: JIT off, and JIT on eagerly.
fn settings() -> [(&'static str, JitSettings); 2] {
    [
        ("jit off", JitSettings::parse("off").unwrap()),
        (
            "jit eager",
            JitSettings::parse("threshold=2,trace_eagerness=3").unwrap(),
        ),
    ]
}

/// Run `source` on `input` in every step and setting; all must print `expected`.
fn check_everywhere(source: &[u8], input: &[u8], expected: &[u8]) {
    let program = parse(source).expect("parses");
    let mut out = Vec::new();
    reference::run(&program, input, &mut out).expect("the reference runs it");
    assert_eq!(
        String::from_utf8_lossy(&out),
        String::from_utf8_lossy(expected),
        "reference interpreter"
    );
    for step in Step::ALL {
        for (name, s) in settings() {
            let got = run_bytes(source, step, s, input)
                .unwrap_or_else(|e| panic!("step {} {name}: {e}", step.number()));
            assert_eq!(
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(expected),
                "step {} {name}",
                step.number()
            );
        }
    }
}

#[test]
fn hello_world() {
    check_everywhere(&example("hello.b"), b"", b"Hello, World!\n");
}

#[test]
fn squares() {
    check_everywhere(&example("squares.b"), b"", &example("squares.out"));
}

#[test]
fn fibonacci() {
    check_everywhere(&example("fib.b"), b"", &example("fib.out"));
}

#[test]
fn reverse_reads_input_to_its_end() {
    check_everywhere(&example("reverse.b"), b"stressed\n", b"\ndesserts");
    check_everywhere(&example("reverse.b"), b"", b"");
}

#[test]
fn small_programs() {
    let cases: &[(&str, &[u8], &[u8])] = &[
        // cells wrap both ways
        ("-.+.", b"", b"\xff\x00"),
        // a multiplication loop with two targets: 7*9 = 63 '?', 7*5 = 35 '#'
        ("+++++++[->+++++++++>+++++<<]>.>.", b"", b"?#"),
        // a multiplication loop that adds with a negative factor: 100 - 2*17 = 66 'B'
        (
            ">++++++++++[-<++++++++++>]+++++++++++++++++[-<-->]<.",
            b"",
            b"B",
        ),
        // [+] clears by counting up, [-] down
        ("+++[+]>+++[-]<.>.", b"", b"\x00\x00"),
        // nested loops: 4 * 4 * 4 = 64 '@'
        ("++++[>++++[>++++[>+<-]<-]<-]>>>.", b"", b"@"),
        // input: echo until end of input, which reads as 0
        (",[.,]", b"abc", b"abc"),
        // comments and unicode in comments are ignored
        ("é ++ ü ++++ [> ++++++++ <-] > + . ß", b"", b"1"),
        // the empty program
        ("", b"", b""),
        // a loop that is never entered, with its body off the tape
        ("[<<<]+.", b"", b"\x01"),
    ];
    for (source, input, expected) in cases {
        check_everywhere(source.as_bytes(), input, expected);
    }
}

fn runtime_error(source: &[u8], step: Step, s: JitSettings) -> (String, Pos) {
    match run_bytes(source, step, s, b"") {
        Err(Error::Runtime(e)) => (e.message, e.pos),
        other => panic!(
            "step {}: expected a runtime error, got {other:?}",
            step.number()
        ),
    }
}

#[test]
fn moves_off_the_tape_are_errors_at_the_exact_command() {
    let cases: &[(&str, &str, Pos)] = &[
        ("+<", "left of cell 0", Pos { line: 1, col: 2 }),
        ("\n  >><<<<", "left of cell 0", Pos { line: 2, col: 7 }),
        // a loop walking right forever: off the end of the tape
        ("+[>+]", "right of cell 65535", Pos { line: 1, col: 3 }),
        // inside a multiplication loop, whose first turn steps off at '<'
        ("+[-<+>]", "left of cell 0", Pos { line: 1, col: 4 }),
        // a run of moves that crosses the end in its middle
        (
            "+[>>>>>>>+]",
            "right of cell 65535",
            Pos { line: 1, col: 4 },
        ),
    ];
    for (source, message, pos) in cases {
        let program = parse(source.as_bytes()).unwrap();
        let e = reference::run(&program, b"", &mut Vec::new()).unwrap_err();
        assert!(e.message.contains(message), "reference: {}", e.message);
        assert_eq!(e.pos, *pos, "reference on {source:?}");
        for step in Step::ALL {
            for (name, s) in settings() {
                let (got, at) = runtime_error(source.as_bytes(), step, s);
                assert!(
                    got.contains(message),
                    "step {} {name}: {got}",
                    step.number()
                );
                assert_eq!(at, *pos, "step {} {name} on {source:?}", step.number());
            }
        }
    }
}

#[test]
fn output_before_an_error_is_kept_by_the_reference() {
    let program = parse(b"+++.<").unwrap();
    let mut out = Vec::new();
    assert!(reference::run(&program, b"", &mut out).is_err());
    assert_eq!(out, b"\x03");
}

#[test]
fn unbalanced_brackets_are_syntax_errors_with_line_and_column() {
    for step in Step::ALL {
        let e = run_bytes(b"+[\n]]", step, JitSettings::default(), b"").unwrap_err();
        assert_eq!(
            e.to_string(),
            "syntax error at 2:2: ']' has no matching '['"
        );
        let e = run_bytes(b"[[]\n", step, JitSettings::default(), b"").unwrap_err();
        assert_eq!(e.to_string(), "syntax error at 1:1: '[' is never closed");
    }
}

#[test]
fn hints_decide_what_gets_compiled() {
    let source = example("squares.b");
    let eager = JitSettings::parse("threshold=2").unwrap();
    let stats = |step| {
        brainfuck::run(
            &source,
            step,
            eager,
            brainfuck::Input::Bytes(Vec::new()),
            brainfuck::Output::Captured,
        )
        .unwrap()
        .1
    };
    // Step 1 has no hints: nothing is ever traced.
    let plain = stats(Step::Plain);
    assert_eq!(plain.loops_compiled + plain.bridges_compiled, 0);
    // Step 2 traces its loops; step 3's traces are the same minus the
    // bracket lookups, which the optimizer folds away.
    let hints = stats(Step::Hints);
    let elidable = stats(Step::Elidable);
    assert!(hints.loops_compiled > 0);
    let first_ops = |s: &retrace::JitStats| s.traces.first().map(|t| t.1).unwrap_or(0);
    assert!(
        first_ops(&elidable) < first_ops(&hints),
        "step 3's first trace ({} ops) should be shorter than step 2's ({} ops)",
        first_ops(&elidable),
        first_ops(&hints)
    );
    assert!(stats(Step::Fast).loops_compiled > 0);
}

#[test]
fn step4_compiles_runs_and_loops() {
    use brainfuck::step4::{Insn, compile};
    let program = parse(b"+++--[-]>>>[->++<<+>]<<.").unwrap();
    let code = compile(&program);
    assert_eq!(
        code.insns,
        vec![
            Insn::Add(1),
            Insn::Clear,
            Insn::Move(3),
            Insn::MulLoop(0),
            Insn::Move(-2),
            Insn::Output
        ]
    );
    assert_eq!(code.mul_loops[0].targets, vec![(1, 2), (-1, 1)]);
    assert_eq!(
        (code.mul_loops[0].lowest, code.mul_loops[0].highest),
        (-1, 1)
    );
    assert_eq!(code.first_command, vec![0, 5, 8, 11, 21, 23]);
    // a loop that prints is an ordinary loop; jumps land after the brackets
    let code = compile(&parse(b"+[.-]").unwrap());
    assert_eq!(
        code.insns,
        vec![
            Insn::Add(1),
            Insn::Open(5),
            Insn::Output,
            Insn::Add(255),
            Insn::Close(2)
        ]
    );
}
