//! Source text to a [`Program`]: the eight commands, where each one was
//! written, and the bracket map.
//!
//! Every byte that is not one of `+ - < > . , [ ]` is a comment. Brackets
//! are matched here, once, so that no step of the interpreter ever meets an
//! unbalanced one: an unmatched `]` or an unclosed `[` is reported with its
//! line and column (1-based; columns count characters, not bytes, so UTF-8
//! comments do not shift them).

/// Where a command was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// A parsed program: command `i` is `commands[i]`, written at `positions[i]`.
#[derive(Clone, Debug)]
pub struct Program {
    /// The commands, as their source bytes.
    pub commands: Vec<u8>,
    pub positions: Vec<Pos>,
    /// For a `[` at `i`, the index of its `]`, and the other way round;
    /// 0 for every other command.
    pub brackets: Vec<u32>,
}

/// Why a program does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// A `]` with no `[` before it.
    UnmatchedClose(Pos),
    /// A `[` never closed.
    UnclosedOpen(Pos),
    /// More commands than the interpreter addresses (2^32 - 1).
    TooLong,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParseError::UnmatchedClose(p) => write!(f, "{p}: ']' has no matching '['"),
            ParseError::UnclosedOpen(p) => write!(f, "{p}: '[' is never closed"),
            ParseError::TooLong => write!(f, "the program has too many commands"),
        }
    }
}

impl std::error::Error for ParseError {}

/// Parse Brainfuck source (any bytes; non-commands are comments).
pub fn parse(source: &[u8]) -> Result<Program, ParseError> {
    let mut program = Program {
        commands: Vec::new(),
        positions: Vec::new(),
        brackets: Vec::new(),
    };
    let mut open: Vec<usize> = Vec::new();
    let (mut line, mut col) = (1u32, 0u32);
    for &byte in source {
        if byte == b'\n' {
            line = line.saturating_add(1);
            col = 0;
            continue;
        }
        // A UTF-8 continuation byte belongs to the character before it.
        if byte & 0xC0 != 0x80 {
            col = col.saturating_add(1);
        }
        if !b"+-<>.,[]".contains(&byte) {
            continue;
        }
        let here = program.commands.len();
        if here >= u32::MAX as usize {
            return Err(ParseError::TooLong);
        }
        let pos = Pos { line, col };
        program.commands.push(byte);
        program.positions.push(pos);
        program.brackets.push(0);
        match byte {
            b'[' => open.push(here),
            b']' => {
                let Some(start) = open.pop() else {
                    return Err(ParseError::UnmatchedClose(pos));
                };
                program.brackets[start] = here as u32;
                program.brackets[here] = start as u32;
            }
            _ => {}
        }
    }
    match open.pop() {
        Some(start) => Err(ParseError::UnclosedOpen(program.positions[start])),
        None => Ok(program),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_commands_and_matches_brackets() {
        let p = parse(b"+[>[-]<]x.").unwrap();
        assert_eq!(p.commands, b"+[>[-]<].");
        assert_eq!(p.brackets[1], 7);
        assert_eq!(p.brackets[7], 1);
        assert_eq!(p.brackets[3], 5);
        assert_eq!(p.brackets[5], 3);
        assert_eq!(p.positions[8], Pos { line: 1, col: 10 });
    }

    #[test]
    fn reports_line_and_column() {
        assert_eq!(
            parse(b"++\n +]").unwrap_err(),
            ParseError::UnmatchedClose(Pos { line: 2, col: 3 })
        );
        // of two unclosed brackets, the innermost is reported
        assert_eq!(
            parse("é [\n[[]".as_bytes()).unwrap_err(),
            ParseError::UnclosedOpen(Pos { line: 2, col: 1 })
        );
        let msg = parse(b"[").unwrap_err().to_string();
        assert_eq!(msg, "1:1: '[' is never closed");
    }
}
