//! Number and string literals: their values, and the concatenation of adjacent
//! string tokens into one `Constant` (or a `JoinedStr` when an f-string is
//! among them).

use super::fstring::Piece;
use super::*;

/// The parts of one string token.
#[derive(Debug, Clone, Copy)]
pub(super) struct StrToken {
    pub raw: bool,
    pub bytes: bool,
    pub fstring: bool,
    pub unicode: bool,
    /// Byte offsets of the text between the quotes.
    pub body_start: usize,
    pub body_end: usize,
    pub tok: Token,
}

pub(super) fn split_string_token(src: &str, tok: Token) -> StrToken {
    let text = &src[tok.start as usize..tok.end as usize];
    let quote_at = text.find(['\'', '"']).unwrap_or(0);
    let prefix = text[..quote_at].to_ascii_lowercase();
    let quote = &text[quote_at..];
    let qlen = if quote.len() >= 6 && (quote.starts_with("'''") || quote.starts_with("\"\"\"")) {
        3
    } else {
        1
    };
    StrToken {
        raw: prefix.contains('r'),
        bytes: prefix.contains('b'),
        fstring: prefix.contains('f'),
        // CPython sets kind='u' for a lowercase prefix only.
        unicode: text[..quote_at].contains('u'),
        body_start: tok.start as usize + quote_at + qlen,
        body_end: tok.end as usize - qlen,
        tok,
    }
}

impl<'a> Parser<'a> {
    /// The value of a NUMBER token.
    pub(super) fn number(&self, t: Token) -> PResult<Constant<'a>> {
        let text = self.text(t);
        let clean: String = text.chars().filter(|&c| c != '_').collect();
        let lower = clean.to_ascii_lowercase();
        let radix = match lower.get(..2) {
            Some("0x") => 16,
            Some("0o") => 8,
            Some("0b") => 2,
            _ => 10,
        };
        if radix != 10 {
            return Ok(self.integer(&lower[2..], radix));
        }
        if let Some(imag) = lower.strip_suffix('j') {
            return Ok(Constant::Complex {
                imag: parse_float(imag),
            });
        }
        if lower.contains(['.', 'e']) {
            return Ok(Constant::Float(parse_float(&lower)));
        }
        Ok(self.integer(&lower, 10))
    }

    fn integer(&self, digits: &str, radix: u32) -> Constant<'a> {
        if let Ok(v) = i64::from_str_radix(digits, radix) {
            return Constant::Int(v);
        }
        let decimal = if radix == 10 {
            digits.trim_start_matches('0').to_string()
        } else {
            match dashu_int::UBig::from_str_radix(digits, radix) {
                Ok(big) => big.to_string(),
                Err(_) => digits.to_string(),
            }
        };
        Constant::BigInt(self.arena.alloc_str(&decimal))
    }

    /// One or more adjacent STRING tokens.
    pub(super) fn strings(&mut self) -> PResult<Expr<'a>> {
        let start = self.pos;
        let mut parts = Vec::new();
        while self.kind() == Tok::String {
            let t = self.advance();
            parts.push(split_string_token(self.src, t));
        }
        let span = self.span_from(start);
        let bytes = parts[0].bytes;
        if parts.iter().any(|p| p.bytes != bytes) {
            let last = self.toks[self.pos - 1];
            return Err(SyntaxError::at(
                "cannot mix bytes and nonbytes literals",
                last.end_line,
                last.end_col,
            ));
        }
        if bytes {
            let mut value = Vec::new();
            for p in &parts {
                self.decode_bytes(p, &mut value)?;
            }
            let value = self.arena.alloc_slice_copy(&value);
            return Ok(Self::owned_expr(
                ExprKind::Constant {
                    value: Constant::Bytes(value),
                    kind: None,
                },
                span,
            ));
        }
        if !parts.iter().any(|p| p.fstring) {
            let mut value = Vec::new();
            for p in &parts {
                self.decode_str(p, p.body_start, p.body_end, &mut value)?;
            }
            let kind = if parts[0].unicode { Some("u") } else { None };
            return Ok(Self::owned_expr(
                ExprKind::Constant {
                    value: Constant::Str(self.py_str(value)),
                    kind,
                },
                span,
            ));
        }
        let mut pieces: Vec<Piece<'a>> = Vec::new();
        for p in &parts {
            if p.fstring {
                self.fstring_pieces(p, p.body_start, p.body_end, &mut pieces)?;
            } else {
                let mut value = Vec::new();
                self.decode_str(p, p.body_start, p.body_end, &mut value)?;
                pieces.push(Piece::Text(value));
            }
        }
        Ok(self.joined_str(pieces, span))
    }

    pub(super) fn py_str(&self, value: Vec<u8>) -> PyStr<'a> {
        PyStr::from_generalized_utf8(self.arena.alloc_slice_copy(&value))
    }

    /// Decodes `src[from..to]` of a str token (escapes unless raw), appending
    /// generalized UTF-8 to `out`.
    pub(super) fn decode_str(
        &self,
        p: &StrToken,
        from: usize,
        to: usize,
        out: &mut Vec<u8>,
    ) -> PResult<()> {
        let body = &self.src[from..to];
        if p.raw || !body.contains('\\') {
            out.extend_from_slice(normalize_newlines(body).as_bytes());
            return Ok(());
        }
        let bytes = body.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            if c == b'\r' {
                i += newline_at(bytes, i, out);
                continue;
            }
            if c != b'\\' {
                let len = utf8_len(c);
                out.extend_from_slice(&bytes[i..i + len]);
                i += len;
                continue;
            }
            let esc_start = i;
            i += 1;
            let Some(&e) = bytes.get(i) else {
                return Err(self.string_error(p, "\\ at end of string", esc_start, esc_start));
            };
            i += 1;
            match common_escape(bytes, &mut i, e, out) {
                CommonEscape::Done => continue,
                CommonEscape::Octal(value) => {
                    crate::ast::push_code_point(out, value);
                    continue;
                }
                CommonEscape::Other => {}
            }
            match e {
                b'x' | b'u' | b'U' => {
                    let (n, name) = match e {
                        b'x' => (2, "truncated \\xXX escape"),
                        b'u' => (4, "truncated \\uXXXX escape"),
                        _ => (8, "truncated \\UXXXXXXXX escape"),
                    };
                    let hex = &bytes[i..(i + n).min(bytes.len())];
                    let digits = hex.iter().take_while(|b| b.is_ascii_hexdigit()).count();
                    if digits < n {
                        return Err(self.string_error(p, name, esc_start, i + digits - 1));
                    }
                    let value = hex
                        .iter()
                        .fold(0u32, |v, &b| v * 16 + (b as char).to_digit(16).unwrap_or(0));
                    if value > 0x10ffff {
                        return Err(self.string_error(
                            p,
                            "illegal Unicode character",
                            esc_start,
                            i + n - 1,
                        ));
                    }
                    crate::ast::push_code_point(out, value);
                    i += n;
                }
                b'N' => {
                    let close = body[i..].find('}');
                    let Some(close) = close.filter(|_| bytes.get(i) == Some(&b'{')) else {
                        return Err(self.string_error(
                            p,
                            "malformed \\N character escape",
                            esc_start,
                            i,
                        ));
                    };
                    let name = &body[i + 1..i + close];
                    match unicode_names2::character(name) {
                        Some(ch) => crate::ast::push_code_point(out, ch as u32),
                        None => {
                            return Err(self.string_error(
                                p,
                                "unknown Unicode character name",
                                esc_start,
                                i + close,
                            ));
                        }
                    }
                    i += close + 1;
                }
                _ => {
                    // Unknown escapes stay as written (CPython warns).
                    out.push(b'\\');
                    let len = utf8_len(e);
                    out.extend_from_slice(&bytes[i - 1..i - 1 + len]);
                    i += len - 1;
                }
            }
        }
        Ok(())
    }

    fn string_error(&self, p: &StrToken, what: &str, from: usize, to: usize) -> SyntaxError {
        let msg = format!(
            "(unicode error) 'unicodeescape' codec can't decode bytes in position {from}-{to}: {what}"
        );
        SyntaxError::at(msg, p.tok.line, p.tok.col)
    }

    fn decode_bytes(&self, p: &StrToken, out: &mut Vec<u8>) -> PResult<()> {
        let body = &self.src[p.body_start..p.body_end];
        if !body.is_ascii() {
            return Err(self.error_at(
                "bytes can only contain ASCII literal characters",
                Self::tok_span(p.tok),
            ));
        }
        let bytes = body.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            if c == b'\r' {
                i += newline_at(bytes, i, out);
                continue;
            }
            if c != b'\\' || p.raw {
                out.push(c);
                i += 1;
                continue;
            }
            i += 1;
            let Some(&e) = bytes.get(i) else {
                return Err(
                    self.error_at("(value error) Trailing \\ in string", Self::tok_span(p.tok))
                );
            };
            i += 1;
            match common_escape(bytes, &mut i, e, out) {
                CommonEscape::Done => continue,
                CommonEscape::Octal(value) => {
                    out.push((value & 0xff) as u8);
                    continue;
                }
                CommonEscape::Other => {}
            }
            match e {
                b'x' => {
                    let hex = &body[i..(i + 2).min(body.len())];
                    if hex.len() < 2 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                        let msg = format!("(value error) invalid \\x escape at position {}", i - 2);
                        return Err(self.error_at(msg, Self::tok_span(p.tok)));
                    }
                    out.push(u8::from_str_radix(hex, 16).unwrap_or(0));
                    i += 2;
                }
                _ => {
                    out.push(b'\\');
                    out.push(e);
                }
            }
        }
        Ok(())
    }
}

/// A `\r` or `\r\n` at `bytes[i]` becomes `\n` in `out`; returns how many
/// bytes it took.
fn newline_at(bytes: &[u8], i: usize, out: &mut Vec<u8>) -> usize {
    out.push(b'\n');
    if bytes.get(i + 1) == Some(&b'\n') {
        2
    } else {
        1
    }
}

/// An escape that str and bytes literals decode alike.
enum CommonEscape {
    /// A line continuation, or a one-character escape pushed to `out`.
    Done,
    /// `\ooo`: the value of up to three octal digits (a str stores it as a
    /// code point, bytes as a byte).
    Octal(u32),
    /// Not one of them: the caller decodes it.
    Other,
}

/// Decode the escape whose letter `e` was just read (`*i` is past it),
/// moving `*i` past any further bytes it takes.
fn common_escape(bytes: &[u8], i: &mut usize, e: u8, out: &mut Vec<u8>) -> CommonEscape {
    let decoded = match e {
        b'\n' => return CommonEscape::Done,
        b'\r' => {
            if bytes.get(*i) == Some(&b'\n') {
                *i += 1;
            }
            return CommonEscape::Done;
        }
        b'\\' | b'\'' | b'"' => e,
        b'a' => 7,
        b'b' => 8,
        b'f' => 12,
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        b'v' => 11,
        b'0'..=b'7' => {
            let mut value = u32::from(e - b'0');
            let mut n = 1;
            while n < 3 && *i < bytes.len() && (b'0'..=b'7').contains(&bytes[*i]) {
                value = value * 8 + u32::from(bytes[*i] - b'0');
                *i += 1;
                n += 1;
            }
            return CommonEscape::Octal(value);
        }
        _ => return CommonEscape::Other,
    };
    out.push(decoded);
    CommonEscape::Done
}

fn utf8_len(first: u8) -> usize {
    match first {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xff => 4,
        _ => 1,
    }
}

/// Literal text keeps `\n` for any newline convention, as CPython's does.
fn normalize_newlines(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('\r') {
        std::borrow::Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

fn parse_float(text: &str) -> f64 {
    // Rust accepts "1." and ".5" but not "1.e5": give the fraction a digit.
    let fixed = text.replace(".e", ".0e");
    fixed.parse().unwrap_or(f64::NAN)
}
