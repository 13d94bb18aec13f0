//! The parser: tokens to the AST of [`crate::ast`], for the whole Python 3.11
//! grammar.
//!
//! # Design
//!
//! A hand-written recursive-descent parser over the token vector, with
//! precedence climbing done as one function per precedence level (as the
//! grammar in CPython's reference manual lists them). CPython's PEG parser
//! backtracks freely; here almost every decision is made on one token of
//! lookahead, and the few real ambiguities backtrack by resetting an index:
//!
//! - assignment targets are parsed as expressions and then checked and
//!   rebuilt with `Store`/`Del` context ([`Parser::to_target`]), which is also
//!   where "cannot assign to ..." errors come from;
//! - `for` targets are parsed at the `bitwise_or` level so `in` ends them;
//! - soft keywords (`match`, `case`, `_`): a `match` statement is tried first
//!   and, if the line does not parse as one, re-parsed as an expression
//!   statement; likewise `with (a as b, c):`.
//!
//! Errors: every function returns `Result<_, SyntaxError>`. Specific CPython
//! messages are produced where the parser detects the situation ("expected
//! ':'", "cannot assign to literal", ...). The generic "invalid syntax" points
//! at the furthest token the parser examined, as CPython's does, and yields to
//! any tokenizer error in the file (CPython re-tokenizes to find those).
//!
//! Recursion is bounded: nesting deeper than [`MAX_DEPTH`] expression levels is
//! a "too many nested parentheses"-style error, never a stack overflow.

mod expr;
mod fstring;
mod literals;
mod pattern;
mod stmt;
mod target;

use crate::ast::*;
use crate::error::{ErrorClass, SyntaxError};
use crate::tokenizer::{self, Kw, Op, Tok, Token, Tokens};
use bumpalo::Bump;

/// How deep expressions and blocks may nest before the parser refuses.
const MAX_DEPTH: u32 = 200;

/// Native stack the parser may use below its entry point. Deep nesting stops
/// here even when `MAX_DEPTH` is not reached (debug builds have large frames),
/// so that a 2 MiB thread (a Rust test thread) never overflows.
const STACK_BUDGET: usize = 1 << 20;

/// The address of a local: where the stack is now (it grows down).
#[inline(never)]
fn stack_position() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

pub type PResult<T> = Result<T, SyntaxError>;

/// Parses a module. `source` is decoded text (see [`tokenizer::decode_source`]).
pub fn parse_module<'a>(arena: &'a Bump, source: &'a str) -> PResult<Module<'a>> {
    let tokens = tokenizer::tokenize(source);
    let mut parser = Parser::new(arena, source, tokens, 0);
    let result = parser.file();
    result.map_err(|e| parser.final_error(e))
}

/// Parses raw source bytes: decodes by PEP 263, then parses.
pub fn parse_bytes<'a>(arena: &'a Bump, bytes: &[u8]) -> PResult<Module<'a>> {
    let text = tokenizer::decode_source(bytes)?;
    let source = arena.alloc_str(&normalize_newlines(&text));
    parse_module(arena, source)
}

/// CPython reads source with universal newlines: `\r\n` and `\r` become `\n`.
pub fn normalize_newlines(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

pub(crate) struct Parser<'a> {
    arena: &'a Bump,
    src: &'a str,
    toks: Vec<Token>,
    tokenizer_error: Option<SyntaxError>,
    unclosed_error: Option<SyntaxError>,
    pos: usize,
    /// The furthest token index looked at, for "invalid syntax".
    furthest: usize,
    depth: u32,
    /// [`stack_position`] when parsing began, for [`STACK_BUDGET`].
    stack_base: usize,
    /// Nesting of f-strings (format specs may nest only so deep).
    fstring_depth: u32,
}

/// Whether an error is the generic one, which later tokenizer errors replace.
fn is_generic(e: &SyntaxError) -> bool {
    e.msg == "invalid syntax"
}

impl<'a> Parser<'a> {
    pub(crate) fn new(arena: &'a Bump, src: &'a str, tokens: Tokens, fstring_depth: u32) -> Self {
        let unclosed_error = tokens.unclosed_error(src);
        Parser {
            arena,
            src,
            toks: tokens.tokens,
            tokenizer_error: tokens.error,
            unclosed_error,
            pos: 0,
            furthest: 0,
            depth: 0,
            stack_base: stack_position(),
            fstring_depth,
        }
    }

    /// Decides which error the user sees when parsing failed with `e`.
    fn final_error(&self, e: SyntaxError) -> SyntaxError {
        // Our depth limit can trip before the tokenizer's bracket limit; the
        // tokenizer's error is the one CPython reports.
        if e.msg == "too many nested parentheses"
            && let Some(t) = &self.tokenizer_error
            && t.msg == e.msg
        {
            return t.clone();
        }
        // CPython re-tokenizes the rest of the file after a parse error: a
        // tokenizer error found there replaces the parser's error.
        if let Some(t) = &self.tokenizer_error
            && (is_generic(&e) || (t.line, t.col) > (e.line, e.col))
        {
            if t.msg == "unexpected EOF while parsing" {
                // CPython blames an unclosed bracket only for errors on a
                // later line than the bracket.
                return match &self.unclosed_error {
                    Some(u) if e.line > u.line => u.clone(),
                    _ => e,
                };
            }
            return t.clone();
        }
        e
    }

    // ---- token access ----

    fn tok(&self) -> Token {
        self.toks[self.pos.min(self.toks.len() - 1)]
    }

    fn kind(&mut self) -> Tok {
        if self.pos > self.furthest {
            self.furthest = self.pos;
        }
        self.tok().kind
    }

    fn kind_at(&mut self, ahead: usize) -> Tok {
        let at = (self.pos + ahead).min(self.toks.len() - 1);
        if at > self.furthest {
            self.furthest = at;
        }
        self.toks[at].kind
    }

    fn text(&self, t: Token) -> &'a str {
        &self.src[t.start as usize..t.end as usize]
    }

    /// An identifier's text, NFKC-normalised as CPython does for non-ASCII names.
    fn ident(&self, t: Token) -> &'a str {
        let text = self.text(t);
        if text.is_ascii() {
            return text;
        }
        use unicode_normalization::UnicodeNormalization;
        let normal: String = text.nfkc().collect();
        if normal == text {
            text
        } else {
            self.arena.alloc_str(&normal)
        }
    }

    fn advance(&mut self) -> Token {
        let t = self.tok();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn at_op(&mut self, op: Op) -> bool {
        self.kind() == Tok::Op(op)
    }

    fn at_kw(&mut self, kw: Kw) -> bool {
        self.kind() == Tok::Kw(kw)
    }

    fn eat_op(&mut self, op: Op) -> bool {
        if self.at_op(op) {
            self.advance();
            true
        } else {
            false
        }
    }

    fn eat_kw(&mut self, kw: Kw) -> bool {
        if self.at_kw(kw) {
            self.advance();
            true
        } else {
            false
        }
    }

    /// Is the current token the soft keyword (a NAME) `word`?
    fn at_soft(&mut self, word: &str) -> bool {
        self.kind() == Tok::Name && self.text(self.tok()) == word
    }

    fn expect_op(&mut self, op: Op) -> PResult<Token> {
        if self.at_op(op) {
            Ok(self.advance())
        } else {
            Err(self.syntax_error())
        }
    }

    /// A token CPython's grammar forces (`&&':'`): "expected ':'" if missing.
    fn expect_forced(&mut self, op: Op, shown: &str) -> PResult<Token> {
        if self.at_op(op) {
            Ok(self.advance())
        } else {
            // Another word or literal right there is a plain syntax error.
            if matches!(
                self.kind(),
                Tok::ErrorToken | Tok::Name | Tok::Number | Tok::String | Tok::Kw(_)
            ) {
                return Err(self.syntax_error());
            }
            let t = self.tok();
            Err(SyntaxError::at(
                format!("expected '{shown}'"),
                t.line,
                t.col,
            ))
        }
    }

    fn name(&mut self) -> PResult<&'a str> {
        if self.kind() == Tok::Name {
            let t = self.advance();
            Ok(self.ident(t))
        } else {
            Err(self.syntax_error())
        }
    }

    // ---- errors ----

    /// The generic error: "invalid syntax" at the furthest token examined, or
    /// the tokenizer's error if the parser ran into it.
    fn syntax_error(&mut self) -> SyntaxError {
        let at = self.furthest.max(self.pos).min(self.toks.len() - 1);
        let t = self.toks[at];
        match t.kind {
            Tok::ErrorToken => {
                let e = self
                    .tokenizer_error
                    .clone()
                    .unwrap_or_else(|| SyntaxError::at("invalid syntax", t.line, t.col));
                if e.msg == "unexpected EOF while parsing"
                    && let Some(u) = &self.unclosed_error
                {
                    return u.clone();
                }
                e
            }
            Tok::Indent => {
                let line_text = self.line_text(t.line);
                let indent = (line_text.len() - line_text.trim_start().len()) as u32;
                SyntaxError::at("unexpected indent", t.line, indent)
                    .with_class(ErrorClass::IndentationError)
                    .without_caret()
            }
            Tok::Dedent => SyntaxError::at("unexpected unindent", t.line, t.col)
                .with_class(ErrorClass::IndentationError)
                .without_caret(),
            Tok::EndMarker if self.unclosed_error.is_some() => self
                .unclosed_error
                .clone()
                .unwrap_or_else(|| unreachable_error(t)),
            _ => SyntaxError::new("invalid syntax", t.line, t.col, t.end_line, t.end_col),
        }
    }

    fn error_at(&self, msg: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError::new(
            msg,
            span.lineno,
            span.col_offset,
            span.end_lineno,
            span.end_col_offset,
        )
    }

    fn line_text(&self, line: u32) -> &'a str {
        self.src
            .split('\n')
            .nth(line.saturating_sub(1) as usize)
            .unwrap_or("")
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH || stack_position().abs_diff(self.stack_base) > STACK_BUDGET {
            let t = self.tok();
            return Err(SyntaxError::at(
                "too many nested parentheses",
                t.line,
                t.col,
            ));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    // ---- spans and allocation ----

    fn tok_span(t: Token) -> Span {
        Span {
            lineno: t.line,
            col_offset: t.col,
            end_lineno: t.end_line,
            end_col_offset: t.end_col,
        }
    }

    /// The span from the start of token `start` to the end of the last token
    /// consumed.
    fn span_from(&self, start: usize) -> Span {
        let first = self.toks[start];
        // Layout tokens (NEWLINE, INDENT, DEDENT) never end a node.
        let mut last_index = self.pos.saturating_sub(1).max(start);
        while last_index > start
            && matches!(
                self.toks[last_index].kind,
                Tok::Newline | Tok::Indent | Tok::Dedent | Tok::EndMarker
            )
        {
            last_index -= 1;
        }
        let last = self.toks[last_index];
        Span {
            lineno: first.line,
            col_offset: first.col,
            end_lineno: last.end_line,
            end_col_offset: last.end_col,
        }
    }

    fn alloc<T>(&self, value: T) -> &'a T {
        self.arena.alloc(value)
    }

    fn slice<T>(&self, items: Vec<T>) -> &'a [T] {
        if items.is_empty() {
            return &[];
        }
        self.arena.alloc_slice_fill_iter(items)
    }

    fn owned_expr(kind: ExprKind<'a>, span: Span) -> Expr<'a> {
        Expr { kind, span }
    }

    /// A `Tuple` expression in load context: tuple displays, subscripts with
    /// commas, and the starting point of tuple targets and patterns.
    fn load_tuple(&self, elts: Vec<Expr<'a>>, span: Span) -> Expr<'a> {
        Self::owned_expr(
            ExprKind::Tuple {
                elts: self.slice(elts),
                ctx: ExprContext::Load,
            },
            span,
        )
    }
}

fn unreachable_error(t: Token) -> SyntaxError {
    SyntaxError::at("invalid syntax", t.line, t.col)
}
