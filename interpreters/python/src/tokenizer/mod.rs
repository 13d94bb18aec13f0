//! The tokenizer: Python 3.11 source text to a token vector.
//!
//! # Design
//!
//! CPython's tokenizer is pulled one token at a time by the parser. We tokenize
//! the whole input up front into a `Vec<Token>` instead: the parser can then look
//! ahead and backtrack by index, with no buffering logic. To keep CPython's error
//! order (a parse error early in the file wins over a tokenizer error later on),
//! a tokenizer error does not abort: it ends the vector with an `ErrorToken` and
//! is kept in [`Tokens::error`]; the parser reports it only when it reaches that
//! token (or when it would otherwise report a generic `invalid syntax`, which
//! CPython also replaces by a later tokenizer error).
//!
//! Tokens hold byte offsets into the source plus line and byte columns for both
//! ends, which is what the AST positions need. Keywords are recognised here (soft
//! keywords `match`, `case`, `_` stay names); strings, f-strings included, are
//! one `String` token each, as in 3.11: the parser decodes them, and parses an
//! f-string's replacement fields by running this tokenizer again on the slice
//! between the braces ([`tokenize_fragment`]), so positions stay file positions.
//!
//! Indentation follows the reference manual: tabs advance to the next multiple of
//! 8; a second count with tabs as 1 column must agree, or it is a `TabError`.

mod codepages;
mod scan;

use crate::error::{ErrorClass, SyntaxError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tok {
    Name,
    Number,
    String,
    Newline,
    Indent,
    Dedent,
    EndMarker,
    /// Where the tokenizer stopped with an error (see [`Tokens::error`]).
    ErrorToken,
    Kw(Kw),
    Op(Op),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kw {
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,
}

impl Kw {
    pub fn from_name(name: &str) -> Option<Kw> {
        Some(match name {
            "False" => Kw::False,
            "None" => Kw::None,
            "True" => Kw::True,
            "and" => Kw::And,
            "as" => Kw::As,
            "assert" => Kw::Assert,
            "async" => Kw::Async,
            "await" => Kw::Await,
            "break" => Kw::Break,
            "class" => Kw::Class,
            "continue" => Kw::Continue,
            "def" => Kw::Def,
            "del" => Kw::Del,
            "elif" => Kw::Elif,
            "else" => Kw::Else,
            "except" => Kw::Except,
            "finally" => Kw::Finally,
            "for" => Kw::For,
            "from" => Kw::From,
            "global" => Kw::Global,
            "if" => Kw::If,
            "import" => Kw::Import,
            "in" => Kw::In,
            "is" => Kw::Is,
            "lambda" => Kw::Lambda,
            "nonlocal" => Kw::Nonlocal,
            "not" => Kw::Not,
            "or" => Kw::Or,
            "pass" => Kw::Pass,
            "raise" => Kw::Raise,
            "return" => Kw::Return,
            "try" => Kw::Try,
            "while" => Kw::While,
            "with" => Kw::With,
            "yield" => Kw::Yield,
            _ => return None,
        })
    }
}

/// Operators and delimiters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    LPar,
    RPar,
    LSqb,
    RSqb,
    LBrace,
    RBrace,
    Colon,
    Comma,
    Semi,
    Plus,
    Minus,
    Star,
    Slash,
    VBar,
    Amper,
    Less,
    Greater,
    Equal,
    Dot,
    Percent,
    EqEqual,
    NotEqual,
    LessEqual,
    GreaterEqual,
    Tilde,
    Circumflex,
    LeftShift,
    RightShift,
    DoubleStar,
    PlusEqual,
    MinEqual,
    StarEqual,
    SlashEqual,
    PercentEqual,
    AmperEqual,
    VBarEqual,
    CircumflexEqual,
    LeftShiftEqual,
    RightShiftEqual,
    DoubleStarEqual,
    DoubleSlash,
    DoubleSlashEqual,
    At,
    AtEqual,
    RArrow,
    Ellipsis,
    ColonEqual,
    /// `!`, only meaningful inside f-string replacement fields.
    Exclamation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Tok,
    /// Byte offsets of the token text in the source.
    pub start: u32,
    pub end: u32,
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

/// The result of tokenizing: tokens up to `EndMarker` or `ErrorToken`.
#[derive(Debug)]
pub struct Tokens {
    pub tokens: Vec<Token>,
    /// The tokenizer error that ended the vector, if any.
    pub error: Option<SyntaxError>,
    /// Open brackets still unclosed at the end (for "'(' was never closed").
    pub unclosed: Option<Token>,
}

/// Tokenizes a whole module.
pub fn tokenize(source: &str) -> Tokens {
    let mut scanner = scan::Scanner::new(source, 0, source.len(), 1, 0, false);
    scanner.run();
    scanner.finish()
}

/// Tokenizes `source[start..end]` as the inside of brackets (newlines are not
/// tokens, no indentation): an f-string replacement field. `line` and
/// `line_start` give the position of `start` in the file.
pub fn tokenize_fragment(
    source: &str,
    start: usize,
    end: usize,
    line: u32,
    line_start: usize,
) -> Tokens {
    let mut scanner = scan::Scanner::new(source, start, end, line, line_start, true);
    scanner.run();
    scanner.finish()
}

/// Decodes raw source bytes to text by PEP 263: a UTF-8 BOM, or a coding cookie
/// on line 1 or 2 (`utf-8` and `latin-1`/`iso-8859-1` and aliases), else UTF-8.
pub fn decode_source(bytes: &[u8]) -> Result<String, SyntaxError> {
    let (bytes, had_bom) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    let mut encoding = None;
    let mut offset = 0;
    for line_no in 1..=2u32 {
        let rest = &bytes[offset.min(bytes.len())..];
        let line_end = rest
            .iter()
            .position(|&b| b == b'\n')
            .map_or(rest.len(), |p| p + 1);
        let line = &rest[..line_end];
        if let Some(name) = coding_cookie(line) {
            encoding = Some((name, line_no));
            break;
        }
        // Line 2 is only looked at if line 1 is blank or a comment.
        let trimmed: Vec<u8> = line
            .iter()
            .copied()
            .skip_while(|b| matches!(b, b' ' | b'\t' | b'\x0c'))
            .collect();
        if !(trimmed.is_empty() || trimmed[0] == b'#' || trimmed[0] == b'\n' || trimmed[0] == b'\r')
        {
            break;
        }
        offset += line_end;
    }
    match encoding {
        None => decode_utf8(bytes),
        Some((name, line_no)) => {
            let normal = name.to_ascii_lowercase().replace('_', "-");
            let strict_utf8 = normal == "utf-8" || normal.starts_with("utf-8-");
            let utf8 = strict_utf8 || normal == "utf8";
            let latin1 = [
                "latin-1",
                "iso-8859-1",
                "iso-latin-1",
                "latin1",
                "l1",
                "iso8859-1",
                "8859",
                "cp819",
                "latin",
            ]
            .iter()
            .any(|n| normal == *n || normal.starts_with(&format!("{n}-")));
            if had_bom && !strict_utf8 {
                return Err(SyntaxError::at(
                    format!("encoding problem: {name} with BOM"),
                    line_no,
                    0,
                )
                .bare());
            }
            if utf8 {
                decode_utf8(bytes)
            } else if latin1 || normal == "ascii" || normal == "us-ascii" {
                Ok(bytes.iter().map(|&b| b as char).collect())
            } else if let Some(table) = codepage(&normal) {
                decode_codepage(bytes, table, &name)
            } else {
                Err(SyntaxError::at(format!("encoding problem: {name}"), line_no, 0).bare())
            }
        }
    }
}

/// The byte table of a single-byte encoding named in a cookie, if we have it.
fn codepage(normal: &str) -> Option<&'static [u16; 128]> {
    let key: String = normal
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .collect();
    let key = match key.as_str() {
        "latin2" | "l2" => "iso88592",
        "latin3" | "l3" => "iso88593",
        "latin4" | "l4" => "iso88594",
        "cyrillic" => "iso88595",
        "arabic" => "iso88596",
        "greek" | "greek8" => "iso88597",
        "hebrew" => "iso88598",
        "latin5" | "l5" => "iso88599",
        "latin6" | "l6" => "iso885910",
        "latin7" | "l7" => "iso885913",
        "latin8" | "l8" => "iso885914",
        "latin9" | "l9" => "iso885915",
        "latin10" | "l10" => "iso885916",
        "macintosh" => "macroman",
        "ibm437" | "437" => "cp437",
        "ibm850" | "850" => "cp850",
        "ibm866" | "866" => "cp866",
        other => other.strip_prefix("windows").map_or(other, |n| match n {
            "1250" => "cp1250",
            "1251" => "cp1251",
            "1252" => "cp1252",
            "1253" => "cp1253",
            "1254" => "cp1254",
            "1255" => "cp1255",
            "1256" => "cp1256",
            "1257" => "cp1257",
            "1258" => "cp1258",
            _ => other,
        }),
    };
    codepages::CODEPAGES
        .iter()
        .find(|(name, _)| *name == key)
        .map(|(_, table)| table)
}

fn decode_codepage(bytes: &[u8], table: &[u16; 128], name: &str) -> Result<String, SyntaxError> {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 4);
    for (at, &b) in bytes.iter().enumerate() {
        let cp = if b < 0x80 {
            u32::from(b)
        } else {
            u32::from(table[usize::from(b - 0x80)])
        };
        match char::from_u32(cp).filter(|_| cp != 0xffff) {
            Some(c) => out.push(c),
            None => {
                let line = 1 + bytes[..at].iter().filter(|&&c| c == b'\n').count() as u32;
                return Err(SyntaxError::at(
                    format!(
                        "(unicode error) '{name}' codec can't decode byte 0x{b:02x} in position {at}"
                    ),
                    line,
                    0,
                ));
            }
        }
    }
    Ok(out)
}

fn decode_utf8(bytes: &[u8]) -> Result<String, SyntaxError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => {
            let at = e.valid_up_to();
            let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u32;
            Err(SyntaxError::at(
                format!(
                    "Non-UTF-8 code starting with '\\x{:02x}' in file {{file}} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                    bytes[at]
                ),
                line,
                0,
            )
            .bare())
        }
    }
}

/// The encoding name of a `coding[:=]\s*([-\w.]+)` comment line, if any.
fn coding_cookie(line: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(line).ok()?;
    let trimmed = text.trim_start_matches([' ', '\t', '\x0c']);
    if !trimmed.starts_with('#') {
        return None;
    }
    let at = trimmed.find("coding")?;
    let rest = &trimmed[at + 6..];
    let rest = rest.strip_prefix([':', '='])?;
    let rest = rest.trim_start_matches([' ', '\t']);
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    (!name.is_empty()).then_some(name)
}

impl Tokens {
    /// The error as CPython would report it at the end of input with brackets
    /// still open, if that is the situation.
    pub fn unclosed_error(&self, source: &str) -> Option<SyntaxError> {
        let tok = self.unclosed?;
        let text = &source[tok.start as usize..tok.end as usize];
        Some(SyntaxError::at(
            format!("'{text}' was never closed"),
            tok.line,
            tok.col,
        ))
    }
}

pub(crate) fn indentation_error(msg: &str, line: u32, col: u32) -> SyntaxError {
    SyntaxError::at(msg, line, col).with_class(ErrorClass::IndentationError)
}
