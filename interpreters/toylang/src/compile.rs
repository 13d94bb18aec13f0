//! The toylang front end: source text to bytecode in one pass.
//!
//! A hand-written lexer feeds a recursive-descent compiler that emits
//! bytecode as it parses (no AST), as small one-pass compilers do. Function
//! and record names are collected by a first scan over the tokens, so a
//! function may call one defined below it. Every error names its line.
//!
//! ```text
//! program := (fn NAME(params) block | record NAME { field, ... })*
//! stmt    := var NAME = expr; | NAME = expr; | postfix[expr] = expr;
//!          | postfix.NAME = expr; | if expr block (else (block | if ...))?
//!          | while expr block | return expr?; | expr;
//! expr    := or-chains of and-chains of comparisons of + - of * / % of
//!            unary (- not) of postfix (call, [index], .field) of primaries:
//!            INT FLOAT "STRING" nil true false NAME (expr) [a, b]
//!            new NAME(args)
//! ```

use crate::bytecode::{Builtin, Cmp, Function, Insn, Program, RecordType};
use std::collections::HashMap;

/// A compile error with its line.
#[derive(Clone, Debug, PartialEq)]
pub struct CompileError {
    pub line: u32,
    pub message: String,
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Int(i64),
    Float(f64),
    Str(String),
    Name(String),
    Punct(&'static str),
    Eof,
}

const PUNCTS: &[&str] = &[
    "<=", ">=", "==", "!=", "(", ")", "{", "}", "[", "]", ",", ";", ".", ":", "=", "<", ">", "+",
    "-", "*", "/", "%",
];

const KEYWORDS: &[&str] = &[
    "fn", "record", "var", "if", "else", "while", "return", "nil", "true", "false", "and", "or",
    "not", "new",
];

/// The largest integer toylang can hold: 63 bits, tagged.
pub const INT_MAX: i64 = i64::MAX >> 1;
pub const INT_MIN: i64 = i64::MIN >> 1;

fn lex(src: &str) -> Result<Vec<(Tok, u32)>, CompileError> {
    let mut toks = Vec::new();
    let bytes = src.as_bytes();
    let mut i = 0;
    let mut line = 1u32;
    let err = |line, message: String| Err(CompileError { line, message });
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\n' {
            line += 1;
            i += 1;
        } else if c.is_ascii_whitespace() {
            i += 1;
        } else if c == b'#' {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if c.is_ascii_digit() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
                i += 1;
            }
            let mut is_float = false;
            if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
                is_float = true;
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
            }
            if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
                is_float = true;
                i += 1;
                if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
                    i += 1;
                }
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
            }
            let text: String = src[start..i].chars().filter(|c| *c != '_').collect();
            if is_float {
                match text.parse::<f64>() {
                    Ok(f) => toks.push((Tok::Float(f), line)),
                    Err(_) => return err(line, format!("bad number {text:?}")),
                }
            } else {
                // INT_MAX + 1 is only valid negated; the parser checks that.
                match text.parse::<i64>() {
                    Ok(n) if n <= INT_MAX + 1 => toks.push((Tok::Int(n), line)),
                    _ => return err(line, format!("integer {text} is too large")),
                }
            }
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            toks.push((Tok::Name(src[start..i].to_string()), line));
        } else if c == b'"' {
            let start_line = line;
            let mut s = String::new();
            i += 1;
            loop {
                let Some(&ch) = bytes.get(i) else {
                    return err(start_line, "unterminated string".into());
                };
                match ch {
                    b'"' => break,
                    b'\n' => return err(start_line, "unterminated string".into()),
                    b'\\' => {
                        let esc = bytes.get(i + 1).copied();
                        s.push(match esc {
                            Some(b'n') => '\n',
                            Some(b't') => '\t',
                            Some(b'"') => '"',
                            Some(b'\\') => '\\',
                            _ => return err(line, "unknown escape in string".into()),
                        });
                        i += 2;
                    }
                    _ => {
                        // copy one UTF-8 character
                        let ch_len = src[i..].chars().next().map_or(1, char::len_utf8);
                        s.push_str(&src[i..i + ch_len]);
                        i += ch_len;
                    }
                }
            }
            i += 1;
            toks.push((Tok::Str(s), line));
        } else {
            match PUNCTS.iter().find(|p| src[i..].starts_with(**p)) {
                Some(p) => {
                    toks.push((Tok::Punct(p), line));
                    i += p.len();
                }
                None => {
                    let ch = src[i..].chars().next().unwrap_or('?');
                    return err(line, format!("unexpected character {ch:?}"));
                }
            }
        }
    }
    toks.push((Tok::Eof, line));
    Ok(toks)
}

struct Compiler<'a> {
    toks: &'a [(Tok, u32)],
    pos: usize,
    prog: Program,
    functions: HashMap<String, (u32, u32)>,
    records: HashMap<String, u32>,
    names: HashMap<String, u32>,
    strings: HashMap<String, u32>,
    // the function being compiled
    func: Function,
    locals: HashMap<String, u32>,
    /// Where the comparison that ends the expression just compiled is, if
    /// the expression is one (a branch on it can fuse with it).
    last_compare: Option<u32>,
}

type Res<T> = Result<T, CompileError>;

impl<'a> Compiler<'a> {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos].0
    }

    fn line(&self) -> u32 {
        self.toks[self.pos].1
    }

    fn error<T>(&self, message: impl Into<String>) -> Res<T> {
        Err(CompileError {
            line: self.line(),
            message: message.into(),
        })
    }

    fn advance(&mut self) -> Tok {
        let t = self.toks[self.pos].0.clone();
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        t
    }

    fn is_punct(&self, p: &str) -> bool {
        matches!(self.peek(), Tok::Punct(q) if *q == p)
    }

    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if n == w)
    }

    fn eat_punct(&mut self, p: &str) -> bool {
        let yes = self.is_punct(p);
        if yes {
            self.advance();
        }
        yes
    }

    fn eat_word(&mut self, w: &str) -> bool {
        let yes = self.is_word(w);
        if yes {
            self.advance();
        }
        yes
    }

    fn expect(&mut self, p: &str) -> Res<()> {
        if self.eat_punct(p) {
            Ok(())
        } else {
            self.error(format!("expected '{p}', found {}", describe(self.peek())))
        }
    }

    fn name(&mut self) -> Res<String> {
        match self.peek().clone() {
            Tok::Name(n) if !KEYWORDS.contains(&n.as_str()) => {
                self.advance();
                Ok(n)
            }
            t => self.error(format!("expected a name, found {}", describe(&t))),
        }
    }

    fn emit(&mut self, insn: Insn) -> u32 {
        self.func.code.push(insn);
        self.func
            .lines
            .push(self.toks[self.pos.saturating_sub(1)].1);
        (self.func.code.len() - 1) as u32
    }

    fn here(&self) -> u32 {
        self.func.code.len() as u32
    }

    fn patch(&mut self, at: u32, target: u32) {
        self.func.code[at as usize] = match self.func.code[at as usize] {
            Insn::Jump(_) => Insn::Jump(target),
            Insn::JumpIfFalse(_) => Insn::JumpIfFalse(target),
            Insn::JumpUnless(op, _) => Insn::JumpUnless(op, target),
            other => other,
        };
    }

    /// Compile a condition and the jump taken when it is false; returns the
    /// jump's position for patching. A condition that is one comparison
    /// fuses with the jump.
    fn condition(&mut self) -> Res<u32> {
        self.last_compare = None;
        self.expression()?;
        let last = self.func.code.len() as u32 - 1;
        if self.last_compare == Some(last)
            && let Insn::Compare(op) = self.func.code[last as usize]
        {
            self.func.code[last as usize] = Insn::JumpUnless(op, 0);
            return Ok(last);
        }
        Ok(self.emit(Insn::JumpIfFalse(0)))
    }

    fn intern_name(&mut self, n: &str) -> u32 {
        if let Some(k) = self.names.get(n) {
            return *k;
        }
        let k = self.prog.names.len() as u32;
        self.prog.names.push(n.to_string());
        self.names.insert(n.to_string(), k);
        k
    }

    fn local(&mut self, n: &str) -> Option<u32> {
        self.locals.get(n).copied()
    }

    fn declare(&mut self, n: String) -> u32 {
        if let Some(k) = self.locals.get(&n) {
            return *k;
        }
        let k = self.func.locals;
        self.func.locals += 1;
        self.locals.insert(n, k);
        k
    }

    // --- declarations -------------------------------------------------------

    /// First pass: the names and arities of functions and record types.
    fn scan(&mut self) -> Res<()> {
        let mut i = 0;
        while i < self.toks.len() {
            if let (Tok::Name(kw), _) = &self.toks[i]
                && (kw == "fn" || kw == "record")
                && let Some((Tok::Name(name), line)) = self.toks.get(i + 1)
            {
                if self.functions.contains_key(name) || self.records.contains_key(name) {
                    return Err(CompileError {
                        line: *line,
                        message: format!("{name} is defined twice"),
                    });
                }
                if kw == "fn" {
                    let mut j = i + 3;
                    let mut params = 0;
                    while let Some((t, _)) = self.toks.get(j) {
                        match t {
                            Tok::Punct(")") => break,
                            Tok::Name(_) => params += 1,
                            _ => {}
                        }
                        j += 1;
                    }
                    let index = self.functions.len() as u32;
                    self.functions.insert(name.clone(), (index, params));
                } else {
                    let index = self.records.len() as u32;
                    self.records.insert(name.clone(), index);
                }
            }
            i += 1;
        }
        self.prog.functions = vec![Function::default(); self.functions.len()];
        self.prog.records = vec![
            RecordType {
                name: String::new(),
                fields: vec![],
            };
            self.records.len()
        ];
        Ok(())
    }

    fn program(&mut self) -> Res<()> {
        loop {
            if matches!(self.peek(), Tok::Eof) {
                break;
            } else if self.eat_word("fn") {
                self.function()?;
            } else if self.eat_word("record") {
                self.record()?;
            } else {
                return self.error(format!(
                    "expected 'fn' or 'record', found {}",
                    describe(self.peek())
                ));
            }
        }
        match self.functions.get("main") {
            Some((k, 0)) => self.prog.main = *k,
            Some(_) => return self.error("main must take no parameters"),
            None => return self.error("the program has no main function"),
        }
        Ok(())
    }

    fn record(&mut self) -> Res<()> {
        let name = self.name()?;
        let index = self.records[&name];
        self.expect("{")?;
        let mut fields = Vec::new();
        while !self.is_punct("}") {
            let f = self.name()?;
            let k = self.intern_name(&f);
            if fields.contains(&k) {
                return self.error(format!("field {f} is declared twice"));
            }
            fields.push(k);
            if !self.eat_punct(",") {
                break;
            }
        }
        self.expect("}")?;
        self.prog.records[index as usize] = RecordType { name, fields };
        Ok(())
    }

    fn function(&mut self) -> Res<()> {
        let name = self.name()?;
        let (index, _) = self.functions[&name];
        self.func = Function {
            name: name.clone(),
            ..Function::default()
        };
        self.locals.clear();
        self.expect("(")?;
        while !self.is_punct(")") {
            let p = self.name()?;
            if self.locals.contains_key(&p) {
                return self.error(format!("parameter {p} appears twice"));
            }
            self.declare(p);
            self.func.params += 1;
            if !self.eat_punct(",") {
                break;
            }
        }
        self.expect(")")?;
        self.block()?;
        self.emit(Insn::PushNil);
        self.emit(Insn::Return);
        self.prog.functions[index as usize] = std::mem::take(&mut self.func);
        Ok(())
    }

    // --- statements -----------------------------------------------------------

    fn block(&mut self) -> Res<()> {
        self.expect("{")?;
        while !self.is_punct("}") {
            if matches!(self.peek(), Tok::Eof) {
                return self.error("unexpected end of file: missing '}'");
            }
            self.statement()?;
        }
        self.expect("}")
    }

    fn statement(&mut self) -> Res<()> {
        if self.eat_word("var") {
            let n = self.name()?;
            self.expect("=")?;
            self.expression()?;
            let k = self.declare(n);
            self.emit(Insn::Store(k));
            self.expect(";")
        } else if self.eat_word("if") {
            self.if_statement()
        } else if self.eat_word("while") {
            let top = self.here();
            let exit = self.condition()?;
            self.block()?;
            self.emit(Insn::Loop(top));
            let end = self.here();
            self.patch(exit, end);
            Ok(())
        } else if self.eat_word("return") {
            if self.is_punct(";") {
                self.emit(Insn::PushNil);
            } else {
                self.expression()?;
            }
            self.emit(Insn::Return);
            self.expect(";")
        } else {
            self.assignment_or_expression()
        }
    }

    fn if_statement(&mut self) -> Res<()> {
        let skip = self.condition()?;
        self.block()?;
        if self.eat_word("else") {
            let over = self.emit(Insn::Jump(0));
            let here = self.here();
            self.patch(skip, here);
            if self.eat_word("if") {
                self.if_statement()?;
            } else {
                self.block()?;
            }
            let end = self.here();
            self.patch(over, end);
        } else {
            let end = self.here();
            self.patch(skip, end);
        }
        Ok(())
    }

    fn assignment_or_expression(&mut self) -> Res<()> {
        // NAME = expr;
        if let Tok::Name(n) = self.peek().clone()
            && matches!(self.toks.get(self.pos + 1), Some((Tok::Punct("="), _)))
            && !KEYWORDS.contains(&n.as_str())
        {
            self.advance();
            self.advance();
            let Some(k) = self.local(&n) else {
                return self.error(format!("assignment to undeclared variable {n} (use var)"));
            };
            self.expression()?;
            self.emit(Insn::Store(k));
            return self.expect(";");
        }
        // postfix, then maybe `= expr` onto its last index or field
        let last = self.postfix_chain()?;
        if self.eat_punct("=") {
            match last {
                Some(Insn::Index) => {
                    self.func.code.pop();
                    self.func.lines.pop();
                    self.expression()?;
                    self.emit(Insn::SetIndex);
                }
                Some(Insn::GetField(k)) => {
                    self.func.code.pop();
                    self.func.lines.pop();
                    self.expression()?;
                    self.emit(Insn::SetField(k));
                }
                _ => return self.error("cannot assign to this expression"),
            }
        } else {
            self.emit(Insn::Pop);
        }
        self.expect(";")
    }

    // --- expressions ---------------------------------------------------------

    fn expression(&mut self) -> Res<()> {
        self.and_chain()?;
        while self.eat_word("or") {
            self.last_compare = None;
            // a or b: a if a is true, else b
            self.emit(Insn::Dup);
            let skip_b = self.emit(Insn::JumpIfFalse(0));
            let to_end = self.emit(Insn::Jump(0));
            let b = self.here();
            self.patch(skip_b, b);
            self.emit(Insn::Pop);
            self.and_chain()?;
            let end = self.here();
            self.patch(to_end, end);
        }
        Ok(())
    }

    fn and_chain(&mut self) -> Res<()> {
        self.comparison()?;
        while self.eat_word("and") {
            self.last_compare = None;
            // a and b: a if a is false, else b
            self.emit(Insn::Dup);
            let to_end = self.emit(Insn::JumpIfFalse(0));
            self.emit(Insn::Pop);
            self.comparison()?;
            let end = self.here();
            self.patch(to_end, end);
        }
        Ok(())
    }

    fn comparison(&mut self) -> Res<()> {
        self.sum()?;
        let op = match self.peek() {
            Tok::Punct("<") => Cmp::Lt,
            Tok::Punct("<=") => Cmp::Le,
            Tok::Punct(">") => Cmp::Gt,
            Tok::Punct(">=") => Cmp::Ge,
            Tok::Punct("==") => Cmp::Eq,
            Tok::Punct("!=") => Cmp::Ne,
            _ => return Ok(()),
        };
        self.advance();
        self.sum()?;
        let at = self.emit(Insn::Compare(op));
        self.last_compare = Some(at);
        Ok(())
    }

    fn sum(&mut self) -> Res<()> {
        self.product()?;
        loop {
            let op = match self.peek() {
                Tok::Punct("+") => Insn::Add,
                Tok::Punct("-") => Insn::Sub,
                _ => return Ok(()),
            };
            self.advance();
            self.product()?;
            self.emit(op);
        }
    }

    fn product(&mut self) -> Res<()> {
        self.unary()?;
        loop {
            let op = match self.peek() {
                Tok::Punct("*") => Insn::Mul,
                Tok::Punct("/") => Insn::Div,
                Tok::Punct("%") => Insn::Mod,
                _ => return Ok(()),
            };
            self.advance();
            self.unary()?;
            self.emit(op);
        }
    }

    fn unary(&mut self) -> Res<()> {
        if self.eat_punct("-") {
            // fold literal negation so INT_MIN is writable
            match self.peek().clone() {
                Tok::Int(n) => {
                    self.advance();
                    self.emit(Insn::PushInt(-n));
                    return self.postfix_rest().map(|_| ());
                }
                Tok::Float(f) => {
                    self.advance();
                    self.emit(Insn::PushFloat(-f));
                    return self.postfix_rest().map(|_| ());
                }
                _ => {}
            }
            self.unary()?;
            self.emit(Insn::Neg);
            Ok(())
        } else if self.eat_word("not") {
            self.unary()?;
            self.emit(Insn::Not);
            Ok(())
        } else {
            self.postfix_chain().map(|_| ())
        }
    }

    /// A primary and its postfix operations; returns the last one emitted
    /// when it was an index or a field read (assignments rewrite it).
    fn postfix_chain(&mut self) -> Res<Option<Insn>> {
        self.primary()?;
        self.postfix_rest()
    }

    fn postfix_rest(&mut self) -> Res<Option<Insn>> {
        let mut last = None;
        loop {
            if self.eat_punct("[") {
                self.expression()?;
                self.expect("]")?;
                last = Some(Insn::Index);
                self.emit(Insn::Index);
            } else if self.eat_punct(".") {
                let f = self.name()?;
                let k = self.intern_name(&f);
                last = Some(Insn::GetField(k));
                self.emit(Insn::GetField(k));
            } else {
                return Ok(last);
            }
        }
    }

    fn arguments(&mut self) -> Res<u32> {
        self.expect("(")?;
        let mut n = 0;
        while !self.is_punct(")") {
            self.expression()?;
            n += 1;
            if !self.eat_punct(",") {
                break;
            }
        }
        self.expect(")")?;
        Ok(n)
    }

    fn primary(&mut self) -> Res<()> {
        let tok = self.advance();
        match tok {
            Tok::Int(n) if n > INT_MAX => {
                self.pos = self.pos.saturating_sub(1);
                return self.error(format!("integer {n} is too large"));
            }
            Tok::Int(n) => {
                self.emit(Insn::PushInt(n));
            }
            Tok::Float(f) => {
                self.emit(Insn::PushFloat(f));
            }
            Tok::Str(s) => {
                let k = match self.strings.get(&s) {
                    Some(k) => *k,
                    None => {
                        let k = self.prog.strings.len() as u32;
                        self.prog.strings.push(s.clone());
                        self.strings.insert(s, k);
                        k
                    }
                };
                self.emit(Insn::PushStr(k));
            }
            Tok::Punct("(") => {
                self.expression()?;
                self.expect(")")?;
            }
            Tok::Punct("[") => {
                let mut n = 0;
                while !self.is_punct("]") {
                    self.expression()?;
                    n += 1;
                    if !self.eat_punct(",") {
                        break;
                    }
                }
                self.expect("]")?;
                self.emit(Insn::NewArray(n));
            }
            Tok::Name(n) => match n.as_str() {
                "nil" => {
                    self.emit(Insn::PushNil);
                }
                "true" => {
                    self.emit(Insn::PushInt(1));
                }
                "false" => {
                    self.emit(Insn::PushInt(0));
                }
                "new" => {
                    let r = self.name()?;
                    let Some(&ty) = self.records.get(&r) else {
                        return self.error(format!("unknown record type {r}"));
                    };
                    let argc = self.arguments()?;
                    let want = self.prog.records[ty as usize].fields.len() as u32;
                    if argc != want {
                        return self
                            .error(format!("record {r} has {want} fields, {argc} values given"));
                    }
                    self.emit(Insn::New(ty, argc));
                }
                _ if self.is_punct("(") => {
                    let argc = self.arguments()?;
                    if let Some(&(f, params)) = self.functions.get(&n) {
                        if argc != params {
                            return self
                                .error(format!("{n} takes {params} arguments, {argc} given"));
                        }
                        self.emit(Insn::Call(f, argc));
                    } else if let Some(b) = Builtin::by_name(&n) {
                        if b.arity().is_some_and(|a| a != argc as usize) {
                            return self.error(format!(
                                "{n} takes {} arguments, {argc} given",
                                b.arity().unwrap_or(0)
                            ));
                        }
                        self.emit(Insn::Builtin(b, argc));
                    } else {
                        return self.error(format!("unknown function {n}"));
                    }
                }
                _ if KEYWORDS.contains(&n.as_str()) => {
                    return self.error(format!("unexpected keyword {n}"));
                }
                _ => match self.local(&n) {
                    Some(k) => {
                        self.emit(Insn::Load(k));
                    }
                    None => return self.error(format!("unknown variable {n}")),
                },
            },
            t => {
                self.pos = self.pos.saturating_sub(1);
                return self.error(format!("expected an expression, found {}", describe(&t)));
            }
        }
        Ok(())
    }
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Int(n) => format!("number {n}"),
        Tok::Float(f) => format!("number {f}"),
        Tok::Str(_) => "a string".into(),
        Tok::Name(n) => format!("'{n}'"),
        Tok::Punct(p) => format!("'{p}'"),
        Tok::Eof => "end of file".into(),
    }
}

/// Compile toylang source to a program.
pub fn compile(src: &str) -> Result<Program, CompileError> {
    let toks = lex(src)?;
    let mut c = Compiler {
        toks: &toks,
        pos: 0,
        prog: Program::default(),
        functions: HashMap::new(),
        records: HashMap::new(),
        names: HashMap::new(),
        strings: HashMap::new(),
        func: Function::default(),
        locals: HashMap::new(),
        last_compare: None,
    };
    c.scan()?;
    c.program()?;
    Ok(c.prog)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(src: &str) -> CompileError {
        compile(src).expect_err("should not compile")
    }

    #[test]
    fn errors_name_their_line() {
        let e = error_of("fn main() {\n  var x = 1;\n  y = 2;\n}\n");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("undeclared variable y"), "{e}");
        let e = error_of("fn main() {\n\n  print(\"abc);\n}\n");
        assert_eq!((e.line, e.message.as_str()), (3, "unterminated string"));
        let e = error_of("fn main() {\n  f(1);\n}\nfn f(a, b) { return a; }\n");
        assert_eq!(e.line, 2);
        assert!(e.message.contains("f takes 2 arguments"), "{e}");
        let e = error_of("fn main() {\n  var a = 99999999999999999999;\n}\n");
        assert_eq!(e.line, 2);
        let e = error_of("fn helper() {}\n");
        assert!(e.message.contains("no main"), "{e}");
        let e = error_of("record P { x }\nfn main() {\n  var p = new P(1, 2);\n}\n");
        assert_eq!(e.line, 3);
        let e = error_of("fn main() {\n  var x = 1 $ 2;\n}\n");
        assert!(e.message.contains("unexpected character"), "{e}");
        let e = error_of("fn main() {\n  while 1 {\n");
        assert!(e.message.contains("missing '}'"), "{e}");
    }

    #[test]
    fn conditions_fuse_with_their_branch() {
        let p = compile("fn main() {\n  var i = 0;\n  while i < 3 { i = i + 1; }\n}\n")
            .expect("compiles");
        let code = &p.functions[p.main as usize].code;
        assert!(code.contains(&Insn::JumpUnless(Cmp::Lt, 10)), "{code:?}");
        assert!(code.contains(&Insn::Loop(2)), "{code:?}");
        // `and` chains do not fuse: their jumps target the end of the chain
        let p = compile("fn main() {\n  if 1 < 2 and 2 < 3 { print(1); }\n}\n").expect("compiles");
        let code = &p.functions[p.main as usize].code;
        assert!(
            code.iter().any(|i| matches!(i, Insn::JumpIfFalse(_))),
            "{code:?}"
        );
    }
}
