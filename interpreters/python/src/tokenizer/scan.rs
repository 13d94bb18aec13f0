//! The scanning loop behind [`super::tokenize`]: one pass over the bytes, with
//! the indentation stack and the open-bracket stack of the reference manual.

use super::{Kw, Op, Tok, Token, Tokens, indentation_error};
use crate::error::{ErrorClass, SyntaxError};

/// CPython's limits: deeper input is refused with its messages.
const MAX_BRACKET_DEPTH: usize = 200;
const MAX_INDENT_DEPTH: usize = 100;

pub(super) struct Scanner<'s> {
    src: &'s str,
    bytes: &'s [u8],
    pos: usize,
    end: usize,
    line: u32,
    line_start: usize,
    /// Inside an f-string replacement field: no NEWLINE/INDENT tokens.
    fragment: bool,
    tokens: Vec<Token>,
    error: Option<SyntaxError>,
    unclosed: Option<Token>,
    /// Indentation stack: (columns with tabs to 8, columns with tabs as 1).
    indents: Vec<(u32, u32)>,
    brackets: Vec<Token>,
    at_line_start: bool,
    /// A token was emitted since the last NEWLINE.
    line_has_tokens: bool,
}

impl<'s> Scanner<'s> {
    pub(super) fn new(
        src: &'s str,
        start: usize,
        end: usize,
        line: u32,
        line_start: usize,
        fragment: bool,
    ) -> Self {
        Scanner {
            src,
            bytes: src.as_bytes(),
            pos: start,
            end,
            line,
            line_start,
            fragment,
            tokens: Vec::with_capacity((end - start) / 4 + 4),
            error: None,
            unclosed: None,
            indents: vec![(0, 0)],
            brackets: Vec::new(),
            at_line_start: !fragment,
            line_has_tokens: false,
        }
    }

    pub(super) fn finish(self) -> Tokens {
        Tokens {
            tokens: self.tokens,
            error: self.error,
            unclosed: self.unclosed,
        }
    }

    fn peek(&self, ahead: usize) -> u8 {
        let at = self.pos + ahead;
        if at < self.end { self.bytes[at] } else { 0 }
    }

    fn col(&self) -> u32 {
        (self.pos - self.line_start) as u32
    }

    fn col_of(&self, pos: usize) -> u32 {
        (pos - self.line_start) as u32
    }

    fn push(&mut self, kind: Tok, start: usize, line: u32, col: u32) {
        self.tokens.push(Token {
            kind,
            start: start as u32,
            end: self.pos as u32,
            line,
            col,
            end_line: self.line,
            end_col: self.col(),
        });
        if !matches!(kind, Tok::Newline | Tok::Indent | Tok::Dedent) {
            self.line_has_tokens = true;
        }
    }

    /// Ends the token stream with an error.
    fn fail(&mut self, error: SyntaxError) {
        let pos = self.pos.min(self.end);
        self.tokens.push(Token {
            kind: Tok::ErrorToken,
            start: pos as u32,
            end: pos as u32,
            line: error.line,
            col: error.col,
            end_line: error.line,
            end_col: error.col,
        });
        self.error = Some(error);
    }

    fn newline_here(&mut self) {
        // Consumes "\n", "\r\n" or "\r" and starts a new line.
        if self.peek(0) == b'\r' && self.peek(1) == b'\n' {
            self.pos += 2;
        } else {
            self.pos += 1;
        }
        self.line += 1;
        self.line_start = self.pos;
    }

    pub(super) fn run(&mut self) {
        loop {
            if self.at_line_start && self.brackets.is_empty() {
                self.at_line_start = false;
                if !self.indentation() {
                    return;
                }
            }
            while matches!(self.peek(0), b' ' | b'\t' | b'\x0c') && self.pos < self.end {
                self.pos += 1;
            }
            if self.pos >= self.end {
                self.at_end();
                return;
            }
            let c = self.bytes[self.pos];
            let start = self.pos;
            let (line, col) = (self.line, self.col());
            match c {
                b'#' => {
                    while self.pos < self.end && !matches!(self.bytes[self.pos], b'\n' | b'\r') {
                        self.pos += 1;
                    }
                }
                b'\n' | b'\r' => {
                    let emit = self.brackets.is_empty() && !self.fragment && self.line_has_tokens;
                    self.newline_here();
                    if emit {
                        self.tokens.push(Token {
                            kind: Tok::Newline,
                            start: start as u32,
                            end: start as u32 + 1,
                            line,
                            col,
                            end_line: line,
                            end_col: col + 1,
                        });
                        self.line_has_tokens = false;
                    }
                    if self.brackets.is_empty() && !self.fragment {
                        self.at_line_start = true;
                    }
                }
                b'\\' => {
                    self.pos += 1;
                    match self.peek(0) {
                        b'\n' | b'\r' => self.newline_here(),
                        _ if self.pos >= self.end => {
                            self.fail(SyntaxError::at(
                                "unexpected EOF while parsing",
                                line,
                                col + 1,
                            ));
                            return;
                        }
                        _ => {
                            self.fail(SyntaxError::at(
                                "unexpected character after line continuation character",
                                line,
                                col + 1,
                            ));
                            return;
                        }
                    }
                }
                b'0'..=b'9' => {
                    if !self.number(start) {
                        return;
                    }
                }
                b'.' if self.peek(1).is_ascii_digit() => {
                    if !self.number(start) {
                        return;
                    }
                }
                b'"' | b'\'' => {
                    if !self.string(start, start) {
                        return;
                    }
                }
                _ if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => {
                    if !self.name_or_string(start) {
                        return;
                    }
                }
                _ => {
                    if !self.operator(start) {
                        return;
                    }
                }
            }
        }
    }

    /// Measures the indentation of a new logical line and emits INDENT/DEDENT.
    /// Returns false after an error.
    fn indentation(&mut self) -> bool {
        let (mut col, mut alt) = (0u32, 0u32);
        let mut p = self.pos;
        while p < self.end {
            match self.bytes[p] {
                b' ' => {
                    col += 1;
                    alt += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                b'\x0c' => {
                    col = 0;
                    alt = 0;
                }
                _ => break,
            }
            p += 1;
        }
        self.pos = p;
        // Blank lines, comment-only lines and the end of input do not count.
        if p >= self.end || matches!(self.bytes[p], b'#' | b'\n' | b'\r') {
            return true;
        }
        if p + 1 < self.end && self.bytes[p] == b'\\' && matches!(self.bytes[p + 1], b'\n' | b'\r')
        {
            return true;
        }
        let (top, top_alt) = *self.indents.last().unwrap_or(&(0, 0));
        let line = self.line;
        let here = self.col();
        let tab_error = || {
            SyntaxError::at(
                "inconsistent use of tabs and spaces in indentation",
                line,
                here,
            )
            .with_class(ErrorClass::TabError)
            .without_caret()
        };
        if col == top {
            if alt != top_alt {
                self.fail(tab_error());
                return false;
            }
        } else if col > top {
            if alt <= top_alt {
                self.fail(tab_error());
                return false;
            }
            if self.indents.len() >= MAX_INDENT_DEPTH {
                self.fail(indentation_error(
                    "too many levels of indentation",
                    line,
                    here,
                ));
                return false;
            }
            self.indents.push((col, alt));
            self.push(Tok::Indent, self.line_start, line, 0);
        } else {
            while self.indents.len() > 1 && col < self.indents.last().map_or(0, |i| i.0) {
                self.indents.pop();
                self.push(Tok::Dedent, self.pos, line, here);
            }
            let (top, top_alt) = *self.indents.last().unwrap_or(&(0, 0));
            if col != top {
                let line_len = self.src[self.line_start..self.end]
                    .find(['\n', '\r'])
                    .unwrap_or(self.end - self.line_start) as u32;
                self.fail(indentation_error(
                    "unindent does not match any outer indentation level",
                    line,
                    line_len,
                ));
                return false;
            }
            if alt != top_alt {
                self.fail(tab_error());
                return false;
            }
        }
        true
    }

    fn at_end(&mut self) {
        if let Some(&open) = self.brackets.last()
            && !self.fragment
        {
            self.unclosed = Some(open);
            self.fail(SyntaxError::at(
                "unexpected EOF while parsing",
                self.line,
                self.col(),
            ));
            return;
        }
        let (line, col) = (self.line, self.col());
        if self.line_has_tokens && !self.fragment {
            self.push(Tok::Newline, self.pos, line, col);
            self.line_has_tokens = false;
        }
        if !self.fragment {
            while self.indents.len() > 1 {
                self.indents.pop();
                self.push(Tok::Dedent, self.pos, line, col);
            }
        }
        self.push(Tok::EndMarker, self.pos, line, col);
    }

    fn name_or_string(&mut self, start: usize) -> bool {
        // A string prefix directly followed by a quote starts a string.
        let mut p = start;
        while p < self.end && p - start < 3 && self.bytes[p].is_ascii_alphabetic() {
            p += 1;
        }
        if p < self.end
            && matches!(self.bytes[p], b'"' | b'\'')
            && is_string_prefix(&self.src[start..p])
        {
            return self.string(start, p);
        }
        let (line, col) = (self.line, self.col());
        let rest = &self.src[start..self.end];
        let mut len = 0;
        for (i, ch) in rest.char_indices() {
            let ok = if i == 0 {
                ch == '_' || unicode_ident::is_xid_start(ch)
            } else {
                ch == '_' || unicode_ident::is_xid_continue(ch)
            };
            if !ok {
                if i == 0 || !ch.is_ascii() {
                    if i > 0 && (ch.is_alphanumeric() || is_other_id_char(ch)) {
                        continue;
                    }
                    if i == 0 || !ch.is_whitespace() {
                        return self.invalid_character(ch, start + i, i == 0, start + len);
                    }
                }
                break;
            }
            len = i + ch.len_utf8();
        }
        self.pos = start + len;
        let kind = match Kw::from_name(&self.src[start..self.pos]) {
            Some(kw) => Tok::Kw(kw),
            None => Tok::Name,
        };
        self.push(kind, start, line, col);
        true
    }

    fn invalid_character(&mut self, ch: char, at: usize, first: bool, name_end: usize) -> bool {
        if !first && (ch.is_ascii_punctuation() || ch.is_whitespace()) {
            // Ends the name normally; handled by the caller's break.
            let _ = name_end;
        }
        let col = self.col_of(at);
        let msg = if ch.is_control() || is_unprintable(ch) {
            format!("invalid non-printable character U+{:04X}", ch as u32)
        } else {
            format!("invalid character '{}' (U+{:04X})", ch, ch as u32)
        };
        self.pos = at;
        self.fail(SyntaxError::at(msg, self.line, col));
        false
    }

    fn operator(&mut self, start: usize) -> bool {
        let (line, col) = (self.line, self.col());
        let three = [self.peek(0), self.peek(1), self.peek(2)];
        let (op, len) = match three {
            [b'*', b'*', b'='] => (Op::DoubleStarEqual, 3),
            [b'.', b'.', b'.'] => (Op::Ellipsis, 3),
            [b'<', b'<', b'='] => (Op::LeftShiftEqual, 3),
            [b'>', b'>', b'='] => (Op::RightShiftEqual, 3),
            [b'/', b'/', b'='] => (Op::DoubleSlashEqual, 3),
            [b'=', b'=', _] => (Op::EqEqual, 2),
            [b'!', b'=', _] => (Op::NotEqual, 2),
            [b'<', b'>', _] => (Op::NotEqual, 2),
            [b'<', b'=', _] => (Op::LessEqual, 2),
            [b'>', b'=', _] => (Op::GreaterEqual, 2),
            [b'<', b'<', _] => (Op::LeftShift, 2),
            [b'>', b'>', _] => (Op::RightShift, 2),
            [b'*', b'*', _] => (Op::DoubleStar, 2),
            [b'+', b'=', _] => (Op::PlusEqual, 2),
            [b'-', b'=', _] => (Op::MinEqual, 2),
            [b'*', b'=', _] => (Op::StarEqual, 2),
            [b'/', b'=', _] => (Op::SlashEqual, 2),
            [b'%', b'=', _] => (Op::PercentEqual, 2),
            [b'&', b'=', _] => (Op::AmperEqual, 2),
            [b'|', b'=', _] => (Op::VBarEqual, 2),
            [b'^', b'=', _] => (Op::CircumflexEqual, 2),
            [b'/', b'/', _] => (Op::DoubleSlash, 2),
            [b'@', b'=', _] => (Op::AtEqual, 2),
            [b'-', b'>', _] => (Op::RArrow, 2),
            [b':', b'=', _] => (Op::ColonEqual, 2),
            [b'(', ..] => (Op::LPar, 1),
            [b')', ..] => (Op::RPar, 1),
            [b'[', ..] => (Op::LSqb, 1),
            [b']', ..] => (Op::RSqb, 1),
            [b'{', ..] => (Op::LBrace, 1),
            [b'}', ..] => (Op::RBrace, 1),
            [b':', ..] => (Op::Colon, 1),
            [b',', ..] => (Op::Comma, 1),
            [b';', ..] => (Op::Semi, 1),
            [b'+', ..] => (Op::Plus, 1),
            [b'-', ..] => (Op::Minus, 1),
            [b'*', ..] => (Op::Star, 1),
            [b'/', ..] => (Op::Slash, 1),
            [b'|', ..] => (Op::VBar, 1),
            [b'&', ..] => (Op::Amper, 1),
            [b'<', ..] => (Op::Less, 1),
            [b'>', ..] => (Op::Greater, 1),
            [b'=', ..] => (Op::Equal, 1),
            [b'.', ..] => (Op::Dot, 1),
            [b'%', ..] => (Op::Percent, 1),
            [b'~', ..] => (Op::Tilde, 1),
            [b'^', ..] => (Op::Circumflex, 1),
            [b'@', ..] => (Op::At, 1),
            [b'!', ..] => (Op::Exclamation, 1),
            _ => {
                let ch = self.src[start..].chars().next().unwrap_or('\0');
                if ch.is_ascii() && !ch.is_ascii_control() {
                    // `$`, `?`, a backquote: CPython's parser says "invalid syntax" here.
                    self.fail(SyntaxError::at("invalid syntax", line, col));
                    return false;
                }
                return self.invalid_character(ch, start, true, start);
            }
        };
        self.pos += len;
        match op {
            Op::LPar | Op::LSqb | Op::LBrace => {
                if self.brackets.len() >= MAX_BRACKET_DEPTH {
                    self.fail(SyntaxError::at("too many nested parentheses", line, col));
                    return false;
                }
                self.push(Tok::Op(op), start, line, col);
                let tok = *self.tokens.last().unwrap_or(&Token {
                    kind: Tok::Op(op),
                    start: start as u32,
                    end: self.pos as u32,
                    line,
                    col,
                    end_line: line,
                    end_col: col + 1,
                });
                self.brackets.push(tok);
            }
            Op::RPar | Op::RSqb | Op::RBrace => {
                let close = self.bytes[start] as char;
                match self.brackets.pop() {
                    None if !self.fragment => {
                        self.pos = start;
                        self.fail(SyntaxError::at(format!("unmatched '{close}'"), line, col));
                        return false;
                    }
                    None => {}
                    Some(open) => {
                        let open_char = self.bytes[open.start as usize] as char;
                        let expected = match open_char {
                            '(' => ')',
                            '[' => ']',
                            _ => '}',
                        };
                        if expected != close {
                            let msg = if open.line != line {
                                format!(
                                    "closing parenthesis '{close}' does not match opening parenthesis '{open_char}' on line {}",
                                    open.line
                                )
                            } else {
                                format!(
                                    "closing parenthesis '{close}' does not match opening parenthesis '{open_char}'"
                                )
                            };
                            self.pos = start;
                            self.fail(SyntaxError::at(msg, line, col));
                            return false;
                        }
                    }
                }
                self.push(Tok::Op(op), start, line, col);
            }
            _ => self.push(Tok::Op(op), start, line, col),
        }
        true
    }

    /// Scans a string literal whose prefix starts at `start` and quote at `quote_at`.
    fn string(&mut self, start: usize, quote_at: usize) -> bool {
        let (line, col) = (self.line, self.col());
        let quote = self.bytes[quote_at];
        self.pos = quote_at;
        let triple = self.peek(1) == quote && self.peek(2) == quote;
        self.pos += if triple { 3 } else { 1 };
        loop {
            if self.pos >= self.end {
                // At the end of input CPython counts the last line, not the
                // empty one after its newline.
                let last_line = if self.pos > 0 && self.bytes[self.pos - 1] == b'\n' {
                    self.line - 1
                } else {
                    self.line
                };
                let msg = if triple {
                    format!(
                        "unterminated triple-quoted string literal (detected at line {})",
                        last_line
                    )
                } else {
                    format!(
                        "unterminated string literal (detected at line {})",
                        last_line
                    )
                };
                self.fail(SyntaxError::at(msg, line, col));
                return false;
            }
            let c = self.bytes[self.pos];
            if c == quote {
                if !triple {
                    self.pos += 1;
                    break;
                }
                if self.peek(1) == quote && self.peek(2) == quote {
                    self.pos += 3;
                    break;
                }
                self.pos += 1;
            } else if c == b'\\' {
                self.pos += 1;
                if self.pos < self.end {
                    if matches!(self.bytes[self.pos], b'\n' | b'\r') {
                        self.newline_here();
                    } else {
                        self.pos += 1;
                    }
                }
            } else if c == b'\n' || c == b'\r' {
                if !triple {
                    let msg = format!(
                        "unterminated string literal (detected at line {})",
                        self.line
                    );
                    self.fail(SyntaxError::at(msg, line, col));
                    return false;
                }
                self.newline_here();
            } else {
                self.pos += 1;
            }
        }
        self.push(Tok::String, start, line, col);
        true
    }

    /// Scans a number starting at `start`. Returns false after an error.
    fn number(&mut self, start: usize) -> bool {
        let (line, col) = (self.line, self.col());
        match self.number_end(start) {
            Ok(end) => {
                self.pos = end;
                self.push(Tok::Number, start, line, col);
                true
            }
            Err((msg, at)) => {
                self.pos = at;
                let at_col = self.col_of(at);
                self.fail(SyntaxError::at(msg, line, at_col));
                false
            }
        }
    }

    /// Digits with single underscores between them, from `p`. Returns the end, or
    /// the position of a misplaced underscore.
    fn digits(&self, mut p: usize, ok: impl Fn(u8) -> bool) -> Result<usize, usize> {
        loop {
            while p < self.end && ok(self.bytes[p]) {
                p += 1;
            }
            if p < self.end && self.bytes[p] == b'_' {
                if p + 1 < self.end && ok(self.bytes[p + 1]) {
                    p += 1;
                    continue;
                }
                return Err(p);
            }
            return Ok(p);
        }
    }

    fn number_end(&self, start: usize) -> Result<usize, (String, usize)> {
        let b = |p: usize| if p < self.end { self.bytes[p] } else { 0 };
        let decimal = |msg: &str, at: usize| (msg.to_string(), at);
        if b(start) == b'0' && matches!(b(start + 1), b'x' | b'X' | b'o' | b'O' | b'b' | b'B') {
            let (name, radix): (&str, u32) = match b(start + 1) {
                b'x' | b'X' => ("hexadecimal", 16),
                b'o' | b'O' => ("octal", 8),
                _ => ("binary", 2),
            };
            let msg = format!("invalid {name} literal");
            let mut p = start + 2;
            if b(p) == b'_' {
                p += 1;
            }
            if !(b(p) as char).is_digit(radix) {
                if radix < 16 && b(p).is_ascii_digit() {
                    return Err((
                        format!("invalid digit '{}' in {name} literal", b(p) as char),
                        p,
                    ));
                }
                return Err((msg, p - 1));
            }
            let end = self
                .digits(p, |c| (c as char).is_digit(radix))
                .map_err(|at| (msg.clone(), at))?;
            if radix < 16 && b(end).is_ascii_digit() {
                return Err((
                    format!("invalid digit '{}' in {name} literal", b(end) as char),
                    end,
                ));
            }
            return self.end_of_number(end, &msg);
        }
        // Decimal integer, float or imaginary.
        let mut p = start;
        let mut is_float = false;
        if b(p) != b'.' {
            p = self
                .digits(p, |c| c.is_ascii_digit())
                .map_err(|at| decimal("invalid decimal literal", at))?;
        }
        if b(p) == b'.' {
            is_float = true;
            p += 1;
            if b(p).is_ascii_digit() {
                p = self
                    .digits(p, |c| c.is_ascii_digit())
                    .map_err(|at| decimal("invalid decimal literal", at))?;
            }
        }
        if matches!(b(p), b'e' | b'E') {
            let mut q = p + 1;
            if matches!(b(q), b'+' | b'-') {
                q += 1;
                if !b(q).is_ascii_digit() {
                    return Err(decimal("invalid decimal literal", q - 1));
                }
            }
            if b(q).is_ascii_digit() {
                p = self
                    .digits(q, |c| c.is_ascii_digit())
                    .map_err(|at| decimal("invalid decimal literal", at))?;
                is_float = true;
            } else {
                return Err(decimal("invalid decimal literal", p - 1));
            }
        }
        if matches!(b(p), b'j' | b'J') {
            return self.end_of_number(p + 1, "invalid imaginary literal");
        }
        if !is_float {
            // "0", "00", "0_0" are fine; "012" is not.
            let text = &self.bytes[start..p];
            if text.len() > 1
                && text[0] == b'0'
                && text.iter().any(|&c| c.is_ascii_digit() && c != b'0')
            {
                return Err((
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"
                        .to_string(),
                    start,
                ));
            }
        }
        self.end_of_number(p, "invalid decimal literal")
    }

    /// A number may not run into a name, except a few keywords (`1if x else y`).
    fn end_of_number(&self, end: usize, msg: &str) -> Result<usize, (String, usize)> {
        let next = if end < self.end { self.bytes[end] } else { 0 };
        if !(next.is_ascii_alphanumeric() || next == b'_' || next >= 0x80) {
            return Ok(end);
        }
        let rest = &self.src[end..self.end];
        for kw in ["and", "else", "for", "if", "in", "is", "not", "or"] {
            if rest.starts_with(kw) {
                return Ok(end);
            }
        }
        Err((msg.to_string(), end - 1))
    }
}

fn is_string_prefix(prefix: &str) -> bool {
    let lower = prefix.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "r" | "u" | "f" | "b" | "br" | "rb" | "fr" | "rf"
    )
}

/// Characters that may continue an identifier after NFKC normalisation even
/// though they are not XID_Continue themselves (rare; accepted leniently).
fn is_other_id_char(ch: char) -> bool {
    matches!(
        ch,
        '\u{00B7}' | '\u{0387}' | '\u{1369}'..='\u{1371}' | '\u{19DA}'
    )
}

fn is_unprintable(ch: char) -> bool {
    matches!(ch, '\u{00A0}' | '\u{00AD}' | '\u{2000}'..='\u{200F}' | '\u{2028}'..='\u{202F}' | '\u{205F}'..='\u{206F}' | '\u{3000}' | '\u{FEFF}')
}
