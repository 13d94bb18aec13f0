//! Syntax errors, reported as CPython 3.11 reports them.
//!
//! A [`SyntaxError`] carries CPython's class name (`SyntaxError`,
//! `IndentationError`, `TabError`), its message, and a position: 1-based line,
//! 0-based UTF-8 byte columns (start and end, possibly on a later line).
//! [`SyntaxError::render`] prints the traceback tail `python3.11 x.py` prints:
//!
//! ```text
//!   File "x.py", line 3
//!     x = (1,
//!         ^
//! SyntaxError: '(' was never closed
//! ```
//!
//! CPython strips the line's leading whitespace, converts byte columns to
//! character columns, and draws `^` from start to end (at least one caret) when
//! the end is on the same line. Some errors (`unexpected indent`, `TabError`)
//! print no caret line at all: `show_caret` is false for them.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    SyntaxError,
    IndentationError,
    TabError,
}

impl ErrorClass {
    pub fn name(self) -> &'static str {
        match self {
            ErrorClass::SyntaxError => "SyntaxError",
            ErrorClass::IndentationError => "IndentationError",
            ErrorClass::TabError => "TabError",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub class: ErrorClass,
    pub msg: String,
    /// 1-based line of the error.
    pub line: u32,
    /// 0-based byte column of the start of the error on `line`.
    pub col: u32,
    pub end_line: u32,
    /// 0-based byte column just past the end of the error on `end_line`.
    pub end_col: u32,
    pub show_caret: bool,
    /// Printed as the message line alone, no location (source decoding
    /// errors, as CPython prints them). `{file}` in `msg` becomes the file name.
    pub bare: bool,
}

impl SyntaxError {
    pub fn new(msg: impl Into<String>, line: u32, col: u32, end_line: u32, end_col: u32) -> Self {
        SyntaxError {
            class: ErrorClass::SyntaxError,
            msg: msg.into(),
            line,
            col,
            end_line,
            end_col,
            show_caret: true,
            bare: false,
        }
    }

    /// An error at one point (a single caret; `end_col == col` marks it).
    pub fn at(msg: impl Into<String>, line: u32, col: u32) -> Self {
        Self::new(msg, line, col, line, col)
    }

    pub fn with_class(mut self, class: ErrorClass) -> Self {
        self.class = class;
        self
    }

    pub fn without_caret(mut self) -> Self {
        self.show_caret = false;
        self
    }

    pub fn bare(mut self) -> Self {
        self.bare = true;
        self
    }

    /// The report `python3.11 FILE` prints on stderr for this error.
    pub fn render(&self, filename: &str, source: &str) -> String {
        if self.bare {
            return format!(
                "{}: {}\n",
                self.class.name(),
                self.msg.replace("{file}", filename)
            );
        }
        let mut out = format!("  File \"{}\", line {}\n", filename, self.line);
        if let Some(text) = source
            .split('\n')
            .nth(self.line as usize - 1)
            .filter(|_| self.line > 0)
        {
            let text = text.strip_suffix('\r').unwrap_or(text);
            let stripped = text.trim_start_matches([' ', '\t', '\x0c']);
            let indent = text.len() - stripped.len();
            let stripped = stripped.trim_end_matches(['\r', '\n']);
            out.push_str("    ");
            out.push_str(stripped);
            out.push('\n');
            if self.show_caret {
                let char_col = |byte: u32| -> usize {
                    let byte = (byte as usize).saturating_sub(indent);
                    let mut end = byte.min(stripped.len());
                    while !stripped.is_char_boundary(end) {
                        end -= 1;
                    }
                    stripped[..end].chars().count() + byte.saturating_sub(stripped.len())
                };
                let start = char_col(self.col);
                // CPython 3.11 converts the start to characters but leaves the
                // end in bytes, so non-ASCII text gets extra carets: so do we.
                let end = if self.end_line == self.line && self.end_col > self.col {
                    (self.end_col as usize)
                        .saturating_sub(indent)
                        .min(stripped.len() + 1)
                        .max(start + 1)
                } else {
                    start + 1
                };
                out.push_str("    ");
                out.extend(std::iter::repeat_n(' ', start));
                out.extend(std::iter::repeat_n('^', end - start));
                out.push('\n');
            }
        }
        out.push_str(self.class.name());
        out.push_str(": ");
        out.push_str(&self.msg);
        out.push('\n');
        out
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (line {})",
            self.class.name(),
            self.msg,
            self.line
        )
    }
}

impl std::error::Error for SyntaxError {}
