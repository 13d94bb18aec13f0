//! Parser golden tests: every `tests/ast/NAME.py` must give exactly the
//! `ast.dump` in `tests/ast/NAME.ast`, and every `tests/syntax_errors/NAME.py`
//! exactly the report (and exit status) in `tests/syntax_errors/NAME.err`.
//! The expected files were generated once with python3.11 by
//! `scripts/bless_parse_golden.sh`; the tests themselves need no CPython.
//! One `#[test]` per file, so a failure names its file.
#![cfg(feature = "compiler")]

use std::path::Path;
use std::process::Command;

fn repy(dir: &str, args: &[&str]) -> (String, String, i32) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(dir);
    let out = Command::new(env!("CARGO_BIN_EXE_repy"))
        .args(args)
        .current_dir(&dir)
        .output()
        .expect("repy runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn expected(dir: &str, file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(dir)
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn check_ast(name: &str) {
    let (stdout, stderr, code) = repy("ast", &["--ast", &format!("{name}.py")]);
    assert_eq!(code, 0, "tests/ast/{name}.py: repy failed: {stderr}");
    let want = expected("ast", &format!("{name}.ast"));
    assert!(
        stdout == want,
        "tests/ast/{name}.py: AST differs\n got: {stdout}\nwant: {want}"
    );
}

fn check_error(name: &str) {
    let (_, stderr, code) = repy("syntax_errors", &["--ast", &format!("{name}.py")]);
    let got = format!("{stderr}rc={code}\n");
    let want = expected("syntax_errors", &format!("{name}.err"));
    assert!(
        got == want,
        "tests/syntax_errors/{name}.py: report differs\n got:\n{got}\nwant:\n{want}"
    );
}

macro_rules! golden {
    ($check:ident, $module:ident: $($name:ident)*) => {
        mod $module {
            $(#[test]
            fn $name() {
                super::$check(stringify!($name));
            })*
        }
    };
}

golden!(check_ast, ast:
    assignments
    bom
    classes
    comment_only
    control_flow
    crlf
    empty
    encoding_cp1252
    encoding_latin1
    expressions
    fstrings
    functions
    identifiers
    imports
    layout
    literals
    match_statement
    strings
);

golden!(check_error, syntax_errors:
    annotate_call
    annotated_tuple
    assert_nothing
    assign_call
    assign_call_tuple
    assign_expression
    assign_literal
    assign_none
    assign_twice_literal
    attribute_number
    attribute_then_name
    augassign_call
    augassign_tuple
    await_nothing
    bad_encoding
    bare_star
    binary_digit
    brace_unclosed
    bytes_nonascii
    call_missing_comma
    call_unclosed
    call_unclosed_next_line
    class_bad_bases
    class_missing_colon
    class_missing_colon_word
    comprehension_if_nothing
    comprehension_no_iter
    comprehension_target
    continuation_char
    decorator_empty
    def_bad_params
    def_missing_colon
    def_no_indent
    def_without_params
    default_order
    delete_call
    dict_key_without_value
    dictcomp_tuple_iter
    dollar
    double_comma
    double_star_call
    double_underscore
    else_misindented
    else_without_if
    else_wrong_indent
    eof_in_block
    except_types
    expected_colon
    expected_indented_block
    exponent_missing
    for_missing_colon
    for_missing_colon_word
    for_target_call
    fstring_bang_brace
    fstring_brace
    fstring_conversion
    fstring_empty
    fstring_spec_too_deep
    fstring_unclosed_field
    genexp_print_unparenthesized
    genexp_unparenthesized
    if_assignment
    ifexp_without_else
    import_as_dotted
    import_as_nothing
    import_nothing
    import_star_list
    import_trailing_comma
    indent_after_blank
    invalid_character
    invalid_decimal
    invalid_hex
    keyword_expression
    keyword_true
    kwargs_not_last
    lambda_default
    lambda_default_order2
    leading_zeros
    list_missing_comma
    mismatched_paren
    missing_except
    mix_bytes
    non_utf8
    not_nothing
    octal_digit
    octal_empty
    operator_pair
    paren_multiline_unclosed
    plus_at_end
    positional_after_keyword
    posonly_default_order
    print_statement
    tab_error
    tabs_then_spaces
    too_deep
    trailing_operator
    trailing_space_line
    try_without_except
    tuple_missing_comma
    two_dots
    two_names
    two_numbers
    unclosed_bracket
    unclosed_paren
    underscore_end
    unexpected_indent
    unexpected_indent_nested
    unindent_mismatch
    unmatched_bracket
    unpack_order
    unterminated_after_backslash
    unterminated_concat
    unterminated_multiline
    unterminated_string
    unterminated_triple
    walrus_attribute
    walrus_statement
    while_missing_colon
    with_missing_colon
    with_target
    yield_from_nothing
    yield_target
    zero_underscore
);

/// Every source file in the golden directories has its test above.
#[test]
fn every_golden_file_is_listed() {
    let listed = include_str!("parse_golden.rs");
    for dir in ["ast", "syntax_errors"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests")
            .join(dir);
        for entry in std::fs::read_dir(&path).expect("golden dir") {
            let name = entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned();
            if let Some(stem) = name.strip_suffix(".py") {
                assert!(
                    listed.contains(&format!(" {stem}\n")) || listed.contains(&format!(" {stem} ")),
                    "tests/{dir}/{name} has no test: add it to parse_golden.rs"
                );
            }
        }
    }
}
