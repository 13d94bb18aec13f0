//! Output comparison: is an engine's stdout the reference engine's?
//!
//! Benchmarks print a deterministic result (pyperf stand-ins print
//! `NAME loops=N result=...`), so stdout is compared byte for byte after two
//! normalisations: line endings, and masks for the few places where a program
//! prints a measurement on stdout (pystone prints its own time and
//! pystones/second). A mask names the text that comes before a volatile token;
//! the token (up to the next whitespace) is replaced by `#`.

/// A benchmark's volatile spots: each entry is the text just before one.
pub type Masks = Vec<String>;

/// Line endings unified, then each masked token replaced by `#`.
pub fn normalize(output: &[u8], masks: &[String]) -> String {
    let mut text = String::from_utf8_lossy(output).replace("\r\n", "\n");
    for marker in masks.iter().filter(|m| !m.is_empty()) {
        let mut masked = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(at) = rest.find(marker.as_str()) {
            let after_marker = at + marker.len();
            masked.push_str(&rest[..after_marker]);
            rest = &rest[after_marker..];
            let token_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            if token_end > 0 {
                masked.push('#');
            }
            rest = &rest[token_end..];
        }
        masked.push_str(rest);
        text = masked;
    }
    text
}

/// Where two outputs first differ, described for a note; None when equal.
pub fn difference(expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    let mut expected_lines = expected.lines();
    let mut actual_lines = actual.lines();
    let mut line = 1;
    loop {
        match (expected_lines.next(), actual_lines.next()) {
            (Some(e), Some(a)) if e == a => line += 1,
            (Some(e), Some(a)) => {
                return Some(format!(
                    "line {line}: expected {:?}, got {:?}",
                    clip(e),
                    clip(a)
                ));
            }
            (Some(e), None) => {
                return Some(format!(
                    "output ends at line {line}, expected {:?}",
                    clip(e)
                ));
            }
            (None, Some(a)) => {
                return Some(format!("extra output at line {line}: {:?}", clip(a)));
            }
            // Same lines, different trailing newline.
            (None, None) => return Some("outputs differ in their final newline".to_string()),
        }
    }
}

fn clip(line: &str) -> String {
    const LIMIT: usize = 80;
    match line.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}...", &line[..cut]),
        None => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masks(list: &[&str]) -> Masks {
        list.iter().map(|m| m.to_string()).collect()
    }

    #[test]
    fn equal_outputs_have_no_difference() {
        assert_eq!(difference("a\nb\n", "a\nb\n"), None);
    }

    #[test]
    fn the_first_differing_line_is_named() {
        let diff = difference("richards result=True\n", "richards result=False\n").unwrap();
        assert!(diff.contains("line 1"), "{diff}");
        assert!(diff.contains("False"), "{diff}");
        assert!(difference("a\nb\n", "a\n").unwrap().contains("line 2"));
        assert!(
            difference("a\n", "a\nc\n")
                .unwrap()
                .contains("extra output")
        );
        assert!(difference("a\n", "a").is_some());
    }

    #[test]
    fn pystone_timings_are_masked_but_pass_counts_are_not() {
        let pystone = masks(&["passes = ", "benchmarks at "]);
        let run1 = b"Pystone(1.2) time for 500 passes = 0.0871863\nThis machine benchmarks at 229394 pystones/second\n";
        let run2 = b"Pystone(1.2) time for 500 passes = 0.5\r\nThis machine benchmarks at 1000 pystones/second\r\n";
        let other = b"Pystone(1.2) time for 600 passes = 0.5\nThis machine benchmarks at 1000 pystones/second\n";
        assert_eq!(normalize(run1, &pystone), normalize(run2, &pystone));
        assert_ne!(normalize(run1, &pystone), normalize(other, &pystone));
        assert_eq!(
            normalize(b"x passes = 12 y", &pystone),
            "x passes = # y".to_string()
        );
    }

    #[test]
    fn without_masks_everything_counts() {
        assert_ne!(normalize(b"t = 1\n", &[]), normalize(b"t = 2\n", &[]));
        assert_eq!(normalize(b"t\r\n", &[]), "t\n");
    }
}
