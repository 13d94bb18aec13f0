//! docs/tutorial.md quotes this crate's code: every ```rust block whose
//! first line names a file (`// interpreters/brainfuck/src/step2.rs`) must
//! be that file's text, word for word, except for lines that are exactly
//! `// ...`, which stand for code left out. So the tutorial shows the code
//! that the other tests run.

use std::path::PathBuf;

#[test]
fn every_quote_in_the_tutorial_is_the_crate_code() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let doc = std::fs::read_to_string(root.join("docs/tutorial.md")).expect("docs/tutorial.md");
    let mut quotes = 0;
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "```rust" {
            continue;
        }
        let block: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        let Some(file) = block
            .first()
            .and_then(|l| l.strip_prefix("// "))
            .filter(|f| f.starts_with("interpreters/brainfuck/"))
        else {
            continue;
        };
        let source = std::fs::read_to_string(root.join(file))
            .unwrap_or_else(|e| panic!("the tutorial quotes {file}: {e}"));
        // The pieces between `// ...` lines appear in the file, in order.
        let mut from = 0;
        for piece in block[1..].split(|l| l.trim() == "// ...") {
            if piece.is_empty() {
                continue;
            }
            let text = piece.join("\n");
            match source[from..].find(&text) {
                Some(at) => from += at + text.len(),
                None => panic!("docs/tutorial.md quotes {file}, which does not contain:\n{text}"),
            }
        }
        quotes += 1;
    }
    assert!(
        quotes >= 4,
        "the tutorial should quote each step ({quotes} quotes)"
    );
}
