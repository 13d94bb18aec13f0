//! The peephole optimizer and the assembler's dead-code removal, one rewrite
//! per test, checked on the instructions the compiler produces.
#![cfg(feature = "compiler")]

use retrace_python::compile::bytecode::{ConstPool, Instr};
use retrace_python::compile::{CodeObject, Const, Opcode, compile_bytes, peephole};

fn compile(src: &str) -> CodeObject {
    compile_bytes(src.as_bytes(), "t.py").unwrap_or_else(|e| panic!("compile error: {e}"))
}

fn ops(code: &CodeObject) -> Vec<Opcode> {
    code.code.iter().map(|i| i.op).collect()
}

/// The constant loaded by the first `LOAD_CONST`.
fn first_const(code: &CodeObject) -> Const {
    let i = code
        .code
        .iter()
        .find(|i| i.op == Opcode::LOAD_CONST)
        .expect("a LOAD_CONST");
    code.consts[i.arg as usize].clone()
}

fn function(code: &CodeObject) -> CodeObject {
    code.consts
        .iter()
        .find_map(|c| match c {
            Const::Code(f) => Some((**f).clone()),
            _ => None,
        })
        .expect("a nested code object")
}

#[test]
fn folds_binary_operations() {
    let code = compile("x = 2 + 2\n");
    assert_eq!(
        ops(&code),
        [
            Opcode::LOAD_CONST,
            Opcode::STORE_NAME,
            Opcode::LOAD_CONST,
            Opcode::RETURN_VALUE
        ]
    );
    assert_eq!(first_const(&code), Const::Int(4));
    // The operands are gone from the pool.
    assert!(!code.consts.contains(&Const::Int(2)));
}

#[test]
fn folds_nested_and_mixed_expressions() {
    assert_eq!(
        first_const(&compile("x = (1 + 2) * 3 - -4\n")),
        Const::Int(13)
    );
    assert_eq!(first_const(&compile("x = 7 // -2\n")), Const::Int(-4));
    assert_eq!(first_const(&compile("x = -7 % 3\n")), Const::Int(2));
    assert_eq!(first_const(&compile("x = 1 / 4\n")), Const::Float(0.25));
    assert_eq!(first_const(&compile("x = ~5\n")), Const::Int(-6));
    assert_eq!(
        first_const(&compile("x = 'ab' * 2 + 'c'\n")),
        Const::str("ababc")
    );
    assert_eq!(first_const(&compile("x = 'abc'[-1]\n")), Const::str("c"));
    assert_eq!(
        first_const(&compile("x = 1 + 2j\n")),
        Const::Complex { re: 1.0, im: 2.0 }
    );
    let big = compile("x = 1 << 100\n");
    assert_eq!(first_const(&big).repr(), "1267650600228229401496703205376");
    assert_eq!(
        first_const(&compile("x = 2 ** 64\n")).repr(),
        "18446744073709551616"
    );
}

#[test]
fn respects_size_limits() {
    // CPython's limits: no 10**9-character strings, no 2**1000-bit ints.
    let code = compile("x = 'a' * 10**9\n");
    assert!(ops(&code).contains(&Opcode::BINARY_OP));
    assert!(
        code.consts.contains(&Const::Int(1_000_000_000)),
        "10**9 itself is small and folds"
    );
    assert!(
        ops(&compile("x = 2 ** 100\n")).contains(&Opcode::BINARY_OP),
        "as in CPython"
    );
    assert!(ops(&compile("x = 'a' * 4097\n")).contains(&Opcode::BINARY_OP));
    assert_eq!(first_const(&compile("x = 'a' * 4096\n")).repr().len(), 4098);
    assert!(ops(&compile("x = 1 << 200\n")).contains(&Opcode::BINARY_OP));
    assert!(ops(&compile("x = (1,) * 1000\n")).contains(&Opcode::BINARY_OP));
    // Errors are left for run time.
    assert!(ops(&compile("x = 1 / 0\n")).contains(&Opcode::BINARY_OP));
    assert!(ops(&compile("x = 'abc'[10]\n")).contains(&Opcode::BINARY_SUBSCR));
}

#[test]
fn folds_tuples_of_constants() {
    let code = compile("t = (1, 'two', (3.0, None))\n");
    assert_eq!(ops(&code)[..2], [Opcode::LOAD_CONST, Opcode::STORE_NAME]);
    assert_eq!(first_const(&code).repr(), "(1, 'two', (3.0, None))");
    // Not when an element is a variable.
    assert!(ops(&compile("t = (1, y)\n")).contains(&Opcode::BUILD_TUPLE));
}

#[test]
fn if_zero_leaves_nothing() {
    let code = compile("if 0:\n    f()\n    x = 1\n");
    assert_eq!(ops(&code), [Opcode::LOAD_CONST, Opcode::RETURN_VALUE]);
    assert_eq!(code.consts, [Const::None]);
    assert!(
        code.names.is_empty(),
        "names of dead code are dropped: {:?}",
        code.names
    );
}

#[test]
fn if_one_has_no_test() {
    let code = compile("if 1:\n    f()\nelse:\n    g()\n");
    let o = ops(&code);
    assert!(
        !o.contains(&Opcode::POP_JUMP_IF_FALSE) && !o.contains(&Opcode::POP_JUMP_IF_TRUE),
        "{o:?}"
    );
    assert_eq!(code.names, ["f"]);
}

#[test]
fn while_true_has_no_test() {
    let code = compile("while True:\n    f()\n");
    let o = ops(&code);
    assert!(!o.contains(&Opcode::POP_JUMP_IF_FALSE), "{o:?}");
    assert!(o.contains(&Opcode::JUMP_BACKWARD));
    // The loop never ends, so no implicit `return None` follows it.
    assert!(!o.contains(&Opcode::RETURN_VALUE), "{o:?}");
}

#[test]
fn removes_unreachable_code() {
    let f = function(&compile("def f():\n    return 1\n    x = 2\n    g()\n"));
    assert_eq!(ops(&f), [Opcode::LOAD_CONST, Opcode::RETURN_VALUE]);
    assert!(f.names.is_empty());
    let f = function(&compile("def f():\n    raise E\n    return 3\n"));
    assert_eq!(ops(&f).last(), Some(&Opcode::RAISE_VARARGS));
}

#[test]
fn not_before_branch_flips_the_branch() {
    let code = compile("if not x:\n    f()\n");
    let o = ops(&code);
    assert!(!o.contains(&Opcode::UNARY_NOT), "{o:?}");
    assert!(o.contains(&Opcode::POP_JUMP_IF_TRUE));
}

#[test]
fn constant_statements_vanish() {
    let code = compile("x = 1\n'just a string'\n42\n");
    assert_eq!(
        ops(&code),
        [
            Opcode::LOAD_CONST,
            Opcode::STORE_NAME,
            Opcode::LOAD_CONST,
            Opcode::RETURN_VALUE
        ]
    );
}

#[test]
fn threads_jumps_through_jumps() {
    use Opcode::*;
    // The branch at 1 lands on a NOP then a jump to 7: it goes to 7 directly.
    let mut code = vec![
        Instr::new(LOAD_FAST, 0),
        Instr::new(POP_JUMP_IF_FALSE, 4),
        Instr::new(LOAD_CONST, 0),
        Instr::new(RETURN_VALUE, 0),
        Instr::new(NOP, 0),
        Instr::new(JUMP_FORWARD, 7),
        Instr::new(NOP, 0),
        Instr::new(LOAD_CONST, 0),
        Instr::new(RETURN_VALUE, 0),
    ];
    let mut lines = vec![1; code.len()];
    let mut consts = ConstPool::from_vec(vec![Const::None]);
    peephole::optimize(&mut code, &mut lines, &mut consts);
    assert_eq!(code[1], Instr::new(POP_JUMP_IF_FALSE, 7));
}

#[test]
fn threaded_jumps_in_real_code() {
    // The inner `if`'s exit jumps to the outer loop's back edge.
    let f = function(&compile(
        "def f(xs):\n    for x in xs:\n        if x:\n            g()\n        else:\n            h()\n",
    ));
    for (i, instr) in f.code.iter().enumerate() {
        if instr.op.is_jump() {
            let target = f.code[instr.arg as usize];
            assert!(
                !matches!(target.op, Opcode::JUMP_FORWARD | Opcode::JUMP_BACKWARD)
                    || instr.op == Opcode::FOR_ITER,
                "jump at {i} lands on another jump"
            );
        }
    }
}
