//! f-strings, the 3.11 way: the tokenizer hands over the whole literal as one
//! STRING token; here its body is split into literal text and replacement
//! fields `{expr[=][!conv][:spec]}`. Each field's expression is tokenized and
//! parsed in place (a sub-parser over the same source slice, so positions are
//! file positions), and the format spec is itself an f-string body, nested at
//! most two levels as in CPython.

use super::literals::StrToken;
use super::*;

/// A piece of a (possibly concatenated) f-string.
#[derive(Debug)]
pub(super) enum Piece<'a> {
    Text(Vec<u8>),
    Value(Expr<'a>),
}

impl<'a> Parser<'a> {
    /// Splits the f-string body `src[from..to]` into pieces appended to `out`.
    pub(super) fn fstring_pieces(
        &mut self,
        p: &StrToken,
        from: usize,
        to: usize,
        out: &mut Vec<Piece<'a>>,
    ) -> PResult<()> {
        self.fstring_pieces_until(p, from, to, out, false)
            .map(|_| ())
    }

    /// Like [`Self::fstring_pieces`]; in a format spec (`spec`), a single `}`
    /// ends the text, and its offset is returned.
    fn fstring_pieces_until(
        &mut self,
        p: &StrToken,
        from: usize,
        to: usize,
        out: &mut Vec<Piece<'a>>,
        spec: bool,
    ) -> PResult<usize> {
        let bytes = self.src.as_bytes();
        let mut i = from;
        let mut text_start = from;
        while i < to {
            match bytes[i] {
                b'\\' if !p.raw && i + 2 < to && bytes[i + 1] == b'N' && bytes[i + 2] == b'{' => {
                    // `\N{NAME}`: its braces are not a replacement field.
                    let close = self.src[i..to].find('}').map_or(to, |at| i + at + 1);
                    i = close;
                }
                b'\\' if !p.raw => {
                    // Skip the escaped character so `\{` is not a field.
                    i += if i + 1 < to && bytes[i + 1] != b'{' && bytes[i + 1] != b'}' {
                        2
                    } else {
                        1
                    };
                }
                b'}' if spec => {
                    self.fstring_text(p, text_start, i, out)?;
                    return Ok(i);
                }
                b'{' if !spec && i + 1 < to && bytes[i + 1] == b'{' => {
                    self.fstring_text(p, text_start, i + 1, out)?;
                    i += 2;
                    text_start = i;
                }
                b'}' if i + 1 < to && bytes[i + 1] == b'}' => {
                    self.fstring_text(p, text_start, i + 1, out)?;
                    i += 2;
                    text_start = i;
                }
                b'}' => return Err(self.fstring_error(p, "f-string: single '}' is not allowed")),
                b'{' => {
                    self.fstring_text(p, text_start, i, out)?;
                    i = self.replacement_field(p, i + 1, to, out)?;
                    text_start = i;
                }
                _ => i += 1,
            }
        }
        self.fstring_text(p, text_start, to, out)?;
        Ok(to)
    }

    fn fstring_text(
        &self,
        p: &StrToken,
        from: usize,
        to: usize,
        out: &mut Vec<Piece<'a>>,
    ) -> PResult<()> {
        if from >= to {
            return Ok(());
        }
        let mut value = Vec::new();
        self.decode_str(p, from, to, &mut value)?;
        out.push(Piece::Text(value));
        Ok(())
    }

    /// CPython 3.11 places f-string errors just past the string token.
    fn fstring_error(&self, p: &StrToken, msg: &str) -> SyntaxError {
        SyntaxError::at(msg, p.tok.end_line, p.tok.end_col)
    }

    /// Parses one replacement field whose expression starts at `start`; returns
    /// the offset just past its closing `}`.
    fn replacement_field(
        &mut self,
        p: &StrToken,
        start: usize,
        to: usize,
        out: &mut Vec<Piece<'a>>,
    ) -> PResult<usize> {
        if self.fstring_depth >= 2 {
            return Err(self.fstring_error(p, "f-string: expressions nested too deeply"));
        }
        let bytes = self.src.as_bytes();
        let mut i = start;
        let mut depth = 0usize;
        let mut quote: Option<(u8, bool)> = None;
        let mut debug = false;
        while i < to {
            let c = bytes[i];
            if let Some((q, triple)) = quote {
                if c == b'\\' {
                    return Err(self
                        .fstring_error(p, "f-string expression part cannot include a backslash"));
                }
                if c == q && (!triple || (i + 2 < to && bytes[i + 1] == q && bytes[i + 2] == q)) {
                    i += if triple { 3 } else { 1 };
                    quote = None;
                    continue;
                }
                i += 1;
                continue;
            }
            match c {
                b'\\' => {
                    return Err(self
                        .fstring_error(p, "f-string expression part cannot include a backslash"));
                }
                b'#' => {
                    return Err(
                        self.fstring_error(p, "f-string expression part cannot include '#'")
                    );
                }
                b'\'' | b'"' => {
                    let triple = i + 2 < to && bytes[i + 1] == c && bytes[i + 2] == c;
                    quote = Some((c, triple));
                    i += if triple { 3 } else { 1 };
                    continue;
                }
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' => depth = depth.saturating_sub(1),
                b'}' if depth > 0 => depth -= 1,
                b'}' => break,
                b'!' if depth == 0 && bytes.get(i + 1) != Some(&b'=') => break,
                b':' if depth == 0 => break,
                b'=' if depth == 0 => {
                    let next = bytes.get(i + 1).copied().unwrap_or(0);
                    let prev = if i > start { bytes[i - 1] } else { 0 };
                    if next == b'=' {
                        i += 2;
                        continue;
                    }
                    if !matches!(prev, b'=' | b'!' | b'<' | b'>') {
                        debug = true;
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        if quote.is_some() {
            return Err(self.fstring_error(p, "f-string: unterminated string"));
        }
        if i >= to {
            return Err(self.fstring_error(p, "f-string: expecting '}'"));
        }
        let expr_end = i;
        if self.src[start..expr_end].trim().is_empty() {
            return Err(self.fstring_error(p, "f-string: empty expression not allowed"));
        }
        let value = self.fstring_expression(p, start, expr_end)?;
        if debug {
            i += 1;
            while i < to && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                i += 1;
            }
            let mut text = Vec::new();
            text.extend_from_slice(&bytes[start..i]);
            out.push(Piece::Text(text));
        }
        let mut conversion = -1;
        if i < to && bytes[i] == b'!' {
            i += 1;
            let c = if i < to { bytes[i] } else { 0 };
            conversion = match c {
                b's' | b'r' | b'a' => i32::from(c),
                0 => {
                    return Err(self.fstring_error(p, "f-string: missing conversion character"));
                }
                _ => {
                    return Err(self.fstring_error(
                        p,
                        "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                    ));
                }
            };
            i += 1;
            if i >= to || !matches!(bytes[i], b':' | b'}') {
                return Err(self.fstring_error(p, "f-string: expecting '}'"));
            }
        }
        let mut format_spec = None;
        if i < to && bytes[i] == b':' {
            i += 1;
            let spec_start = i;
            let mut pieces = Vec::new();
            self.fstring_depth += 1;
            let result = self.fstring_pieces_until(p, spec_start, to, &mut pieces, true);
            self.fstring_depth -= 1;
            i = result?;
            if i >= to {
                return Err(self.fstring_error(p, "f-string: expecting '}'"));
            }
            let span = Self::tok_span(p.tok);
            format_spec = Some(self.alloc(self.joined_str(pieces, span)));
        }
        if i >= to || bytes[i] != b'}' {
            return Err(self.fstring_error(p, "f-string: expecting '}'"));
        }
        if debug && conversion == -1 && format_spec.is_none() {
            conversion = i32::from(b'r');
        }
        let span = value.span;
        out.push(Piece::Value(Self::owned_expr(
            ExprKind::FormattedValue {
                value: self.alloc(value),
                conversion,
                format_spec,
            },
            span,
        )));
        Ok(i + 1)
    }

    /// Tokenizes and parses the expression `src[start..end]` of a field.
    fn fstring_expression(&mut self, p: &StrToken, start: usize, end: usize) -> PResult<Expr<'a>> {
        let tok = p.tok;
        let before = &self.src[tok.start as usize..start];
        let newlines = before.matches('\n').count() as u32;
        let line = tok.line + newlines;
        let line_start = match before.rfind('\n') {
            Some(at) => tok.start as usize + at + 1,
            None => tok.start as usize - tok.col as usize,
        };
        let tokens = tokenizer::tokenize_fragment(self.src, start, end, line, line_start);
        let mut sub = Parser::new(self.arena, self.src, tokens, 0);
        sub.depth = self.depth;
        sub.stack_base = self.stack_base;
        let parsed = (|| {
            let e = if sub.at_kw(Kw::Yield) {
                sub.yield_expr()?
            } else {
                sub.star_expressions()?
            };
            if sub.kind() != Tok::EndMarker {
                return Err(sub.syntax_error());
            }
            Ok(e)
        })();
        // CPython 3.11 parses the field as `(text)`: a bare tuple's span takes
        // in those invisible parentheses (the braces' columns).
        let parsed = parsed.map(|mut e| {
            if matches!(e.kind, ExprKind::Tuple { .. }) && sub.toks[0].kind != Tok::Op(Op::LPar) {
                let after = &self.src[start..end];
                let end_line = line + after.matches('\n').count() as u32;
                let end_line_start = after.rfind('\n').map_or(line_start, |at| start + at + 1);
                e.span = Span {
                    lineno: line,
                    col_offset: (start - line_start) as u32 - 1,
                    end_lineno: end_line,
                    end_col_offset: (end - end_line_start) as u32 + 1,
                };
            }
            e
        });
        parsed.map_err(|e| {
            let mut e = sub.final_error(e);
            if !e.msg.starts_with("f-string") {
                e.msg = format!("f-string: {}", e.msg);
            }
            e
        })
    }

    /// Merges pieces into a `JoinedStr`: adjacent text joined, empty text dropped.
    pub(super) fn joined_str(&self, pieces: Vec<Piece<'a>>, span: Span) -> Expr<'a> {
        let mut values = Vec::new();
        let mut text: Option<Vec<u8>> = None;
        for piece in pieces {
            match piece {
                Piece::Text(t) => text.get_or_insert_with(Vec::new).extend_from_slice(&t),
                Piece::Value(mut v) => {
                    // CPython 3.11 gives each field the span of the whole string.
                    v.span = span;
                    if let Some(t) = text.take().filter(|t| !t.is_empty()) {
                        values.push(self.text_constant(t, span));
                    }
                    values.push(v);
                }
            }
        }
        if let Some(t) = text.take().filter(|t| !t.is_empty()) {
            values.push(self.text_constant(t, span));
        }
        Self::owned_expr(
            ExprKind::JoinedStr {
                values: self.slice(values),
            },
            span,
        )
    }

    fn text_constant(&self, text: Vec<u8>, span: Span) -> Expr<'a> {
        Self::owned_expr(
            ExprKind::Constant {
                value: Constant::Str(self.py_str(text)),
                kind: None,
            },
            span,
        )
    }
}
