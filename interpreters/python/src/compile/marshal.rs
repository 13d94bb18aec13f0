//! Bytecode files: a versioned, checksummed binary form of a code object tree,
//! and a loader that trusts nothing in it.
//!
//! # Format (all integers little-endian)
//!
//! ```text
//! header   magic "\x7fRPYC\r\n\x1a" (8 bytes), format version u16, target
//!          Python version u8 major, u8 minor, flags u32 (0), payload length
//!          u32, CRC-32 (IEEE) of the payload u32           -- 24 bytes
//! payload  one code object:
//!   u32 argcount, posonlyargcount, kwonlyargcount, flags, max_stack, first_line
//!   str name, qualname, filename
//!   u32 n, then n instructions of 5 bytes: u8 opcode, u32 argument
//!   u32 runs, then runs of (u32 line, u32 count): the line table
//!   u32 n, then n constants (a tag byte, then the value)
//!   names, varnames, cellvars, freevars: u32 n, then n str
//!   u32 n, then n exception entries: u32 start, end, handler, depth, u8 lasti
//!   u32 n (0 or the instruction count), then n positions: u32 line,
//!   end line, column, end column (UTF-8 byte columns)
//! str      u32 length, then UTF-8 bytes
//! consts   N None, T True, F False, E Ellipsis, i i64, l big int (u8 sign,
//!          u32 length, magnitude bytes), f f64, c two f64, s str
//!          (generalized UTF-8), b bytes, ( tuple and { frozenset (u32 n,
//!          then n constants), C code object
//! ```
//!
//! # Loading
//!
//! [`load`] checks the header, the length and the checksum, then decodes with
//! a bounds-checked reader: every count is checked against the bytes left
//! before anything is allocated, nesting is limited, strings must be valid.
//! Each decoded code object is then verified ([`verify`]) as a VM that skips
//! run-time checks needs: every opcode known and no pseudo opcode, every
//! argument in range for what it indexes, jump targets inside the code (and
//! in the direction the opcode says), exception entries sorted, in range and
//! non-overlapping, and the stack depth recomputed along every path
//! (including into handlers): no underflow, every path into an instruction
//! agreeing on the depth, no path falling off the end, and the deepest point
//! within the recorded `max_stack`. Any failure is a [`LoadError`]; the loader
//! never panics, whatever the bytes.

use super::bytecode::*;
use dashu_int::ops::UnsignedAbs;
use dashu_int::{IBig, UBig};
use std::fmt;
use std::rc::Rc;

pub const MAGIC: &[u8; 8] = b"\x7fRPYC\r\n\x1a";
pub const FORMAT_VERSION: u16 = 2;
pub const HEADER_LEN: usize = 24;
/// Nesting allowed for tuples and code objects in a file.
const MAX_DEPTH: u32 = 100;
/// The largest `max_stack` a file may ask for.
pub const MAX_STACK_LIMIT: u32 = 1 << 20;

/// Why a bytecode file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub msg: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bad bytecode file: {}", self.msg)
    }
}

impl std::error::Error for LoadError {}

fn bad<T>(msg: impl Into<String>) -> Result<T, LoadError> {
    Err(LoadError { msg: msg.into() })
}

const fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
}

static CRC_TABLE: [u32; 256] = crc_table();

/// CRC-32 (IEEE 802.3, as zlib's `crc32`).
pub fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c = CRC_TABLE[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

// ---- writing ----

struct Writer {
    out: Vec<u8>,
}

impl Writer {
    fn u8(&mut self, v: u8) {
        self.out.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.out.extend_from_slice(b);
    }
    fn strs(&mut self, list: &[String]) {
        self.u32(list.len() as u32);
        for s in list {
            self.bytes(s.as_bytes());
        }
    }

    fn constant(&mut self, c: &Const) {
        match c {
            Const::None => self.u8(b'N'),
            Const::True => self.u8(b'T'),
            Const::False => self.u8(b'F'),
            Const::Ellipsis => self.u8(b'E'),
            Const::Int(i) => {
                self.u8(b'i');
                self.out.extend_from_slice(&i.to_le_bytes());
            }
            Const::BigInt(b) => {
                self.u8(b'l');
                self.u8(u8::from(*b < IBig::from(0)));
                let magnitude = b.clone().unsigned_abs().to_le_bytes();
                self.bytes(&magnitude);
            }
            Const::Float(f) => {
                self.u8(b'f');
                self.out.extend_from_slice(&f.to_bits().to_le_bytes());
            }
            Const::Complex { re, im } => {
                self.u8(b'c');
                self.out.extend_from_slice(&re.to_bits().to_le_bytes());
                self.out.extend_from_slice(&im.to_bits().to_le_bytes());
            }
            Const::Str(s) => {
                self.u8(b's');
                self.bytes(s);
            }
            Const::Bytes(b) => {
                self.u8(b'b');
                self.bytes(b);
            }
            Const::Tuple(items) | Const::FrozenSet(items) => {
                self.u8(if matches!(c, Const::Tuple(_)) {
                    b'('
                } else {
                    b'{'
                });
                self.u32(items.len() as u32);
                for item in items.iter() {
                    self.constant(item);
                }
            }
            Const::Code(code) => {
                self.u8(b'C');
                self.code(code);
            }
        }
    }

    fn code(&mut self, code: &CodeObject) {
        for v in [
            code.argcount,
            code.posonlyargcount,
            code.kwonlyargcount,
            code.flags,
            code.max_stack,
            code.first_line,
        ] {
            self.u32(v);
        }
        self.bytes(code.name.as_bytes());
        self.bytes(code.qualname.as_bytes());
        self.bytes(code.filename.as_bytes());
        self.u32(code.code.len() as u32);
        for instr in &code.code {
            self.u8(instr.op as u8);
            self.u32(instr.arg);
        }
        let mut runs: Vec<(u32, u32)> = Vec::new();
        for &line in &code.lines {
            match runs.last_mut() {
                Some((l, n)) if *l == line => *n += 1,
                _ => runs.push((line, 1)),
            }
        }
        self.u32(runs.len() as u32);
        for (line, n) in runs {
            self.u32(line);
            self.u32(n);
        }
        self.u32(code.consts.len() as u32);
        for c in &code.consts {
            self.constant(c);
        }
        self.strs(&code.names);
        self.strs(&code.varnames);
        self.strs(&code.cellvars);
        self.strs(&code.freevars);
        self.u32(code.exception_table.len() as u32);
        for e in &code.exception_table {
            self.u32(e.start);
            self.u32(e.end);
            self.u32(e.handler);
            self.u32(e.depth);
            self.u8(u8::from(e.push_lasti));
        }
        self.u32(code.positions.len() as u32);
        for p in &code.positions {
            self.u32(p.lineno);
            self.u32(p.end_lineno);
            self.u32(p.col_offset);
            self.u32(p.end_col_offset);
        }
    }
}

/// The bytes of a bytecode file holding `code`.
pub fn dump(code: &CodeObject) -> Vec<u8> {
    let mut payload = Writer { out: Vec::new() };
    payload.code(code);
    let payload = payload.out;
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.push(3);
    out.push(11);
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&crc32(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

/// Does `bytes` start like a bytecode file? (To tell them from source files.)
pub fn is_bytecode(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

// ---- reading ----

struct Reader<'b> {
    data: &'b [u8],
    pos: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'b [u8], LoadError> {
        if self.data.len() - self.pos < n {
            return bad(format!(
                "truncated data reading {what} at offset {}",
                self.pos
            ));
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn u8(&mut self, what: &str) -> Result<u8, LoadError> {
        Ok(self.take(1, what)?[0])
    }
    fn u32(&mut self, what: &str) -> Result<u32, LoadError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self, what: &str) -> Result<u64, LoadError> {
        let b = self.take(8, what)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
    /// A count of items each at least `min_size` bytes long: refused if the
    /// rest of the file cannot hold that many.
    fn count(&mut self, min_size: usize, what: &str) -> Result<usize, LoadError> {
        let n = self.u32(what)? as usize;
        if n.saturating_mul(min_size) > self.data.len() - self.pos {
            return bad(format!("{what} count {n} exceeds the file size"));
        }
        Ok(n)
    }
    fn blob(&mut self, what: &str) -> Result<&'b [u8], LoadError> {
        let n = self.count(1, what)?;
        self.take(n, what)
    }
    fn string(&mut self, what: &str) -> Result<String, LoadError> {
        let b = self.blob(what)?;
        match std::str::from_utf8(b) {
            Ok(s) => Ok(s.to_string()),
            Err(_) => bad(format!("{what} is not valid UTF-8")),
        }
    }
    fn strs(&mut self, what: &str) -> Result<Vec<String>, LoadError> {
        let n = self.count(4, what)?;
        (0..n).map(|_| self.string(what)).collect()
    }

    fn constant(&mut self, depth: u32) -> Result<Const, LoadError> {
        if depth > MAX_DEPTH {
            return bad("constants nested too deeply");
        }
        let tag = self.u8("constant tag")?;
        Ok(match tag {
            b'N' => Const::None,
            b'T' => Const::True,
            b'F' => Const::False,
            b'E' => Const::Ellipsis,
            b'i' => Const::Int(self.u64("int constant")? as i64),
            b'l' => {
                let sign = self.u8("int sign")?;
                let magnitude = self.blob("int magnitude")?;
                if sign > 1 || magnitude.last() == Some(&0) {
                    return bad("malformed big int constant");
                }
                let value = IBig::from(UBig::from_le_bytes(magnitude));
                let value = if sign == 1 { -value } else { value };
                if i64::try_from(&value).is_ok() {
                    return bad("big int constant that fits in 64 bits");
                }
                Const::BigInt(value)
            }
            b'f' => Const::Float(f64::from_bits(self.u64("float constant")?)),
            b'c' => {
                let re = f64::from_bits(self.u64("complex constant")?);
                let im = f64::from_bits(self.u64("complex constant")?);
                Const::Complex { re, im }
            }
            b's' => {
                let b = self.blob("str constant")?;
                if !is_generalized_utf8(b) {
                    return bad("str constant is not valid (generalized) UTF-8");
                }
                Const::Str(Rc::from(b))
            }
            b'b' => Const::Bytes(Rc::from(self.blob("bytes constant")?)),
            b'(' | b'{' => {
                let n = self.count(1, "tuple")?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.constant(depth + 1)?);
                }
                if tag == b'(' {
                    Const::Tuple(Rc::from(items))
                } else {
                    Const::FrozenSet(Rc::from(items))
                }
            }
            b'C' => Const::Code(Rc::new(self.code(depth + 1)?)),
            other => return bad(format!("unknown constant tag {other:#04x}")),
        })
    }

    fn code(&mut self, depth: u32) -> Result<CodeObject, LoadError> {
        if depth > MAX_DEPTH {
            return bad("code objects nested too deeply");
        }
        let mut code = CodeObject {
            argcount: self.u32("argcount")?,
            posonlyargcount: self.u32("posonlyargcount")?,
            kwonlyargcount: self.u32("kwonlyargcount")?,
            flags: self.u32("flags")?,
            max_stack: self.u32("max_stack")?,
            first_line: self.u32("first_line")?,
            ..CodeObject::default()
        };
        code.name = self.string("name")?;
        code.qualname = self.string("qualname")?;
        code.filename = self.string("filename")?;
        let n = self.count(5, "instruction")?;
        code.code.reserve(n);
        for i in 0..n {
            let op = self.u8("opcode")?;
            let arg = self.u32("argument")?;
            let Some(op) = Opcode::from_u8(op) else {
                return bad(format!(
                    "unknown opcode {op} at instruction {i} of {}",
                    code.name
                ));
            };
            code.code.push(Instr::new(op, arg));
        }
        let runs = self.count(8, "line table run")?;
        for _ in 0..runs {
            let line = self.u32("line")?;
            let count = self.u32("line run length")? as usize;
            if count == 0 || code.lines.len() + count > code.code.len() {
                return bad("line table does not match the instructions");
            }
            code.lines.extend(std::iter::repeat_n(line, count));
        }
        if code.lines.len() != code.code.len() {
            return bad("line table does not match the instructions");
        }
        let n = self.count(1, "constant")?;
        for _ in 0..n {
            let c = self.constant(depth)?;
            code.consts.push(c);
        }
        code.names = self.strs("names")?;
        code.varnames = self.strs("varnames")?;
        code.cellvars = self.strs("cellvars")?;
        code.freevars = self.strs("freevars")?;
        let n = self.count(17, "exception entry")?;
        for _ in 0..n {
            let start = self.u32("exception entry")?;
            let end = self.u32("exception entry")?;
            let handler = self.u32("exception entry")?;
            let depth = self.u32("exception entry")?;
            let lasti = self.u8("exception entry")?;
            if lasti > 1 {
                return bad("malformed exception entry");
            }
            code.exception_table.push(ExceptionEntry {
                start,
                end,
                handler,
                depth,
                push_lasti: lasti == 1,
            });
        }
        let n = self.count(16, "position")?;
        if n != 0 && n != code.code.len() {
            return bad("position table does not match the instructions");
        }
        for _ in 0..n {
            let lineno = self.u32("position")?;
            let end_lineno = self.u32("position")?;
            let col_offset = self.u32("position")?;
            let end_col_offset = self.u32("position")?;
            code.positions.push(crate::ast::Span {
                lineno,
                col_offset,
                end_lineno,
                end_col_offset,
            });
        }
        verify(&code)?;
        Ok(code)
    }
}

/// UTF-8 in which surrogate code points (U+D800..U+DFFF) may also appear.
fn is_generalized_utf8(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let (len, min) = match c {
            0x00..=0x7f => (1, 0),
            0xc2..=0xdf => (2, 0x80),
            0xe0..=0xef => (3, 0x800),
            0xf0..=0xf4 => (4, 0x10000),
            _ => return false,
        };
        if i + len > b.len() {
            return false;
        }
        let mut cp = u32::from(c) & (0x7f >> len);
        for &cont in &b[i + 1..i + len] {
            if cont & 0xc0 != 0x80 {
                return false;
            }
            cp = (cp << 6) | u32::from(cont & 0x3f);
        }
        if cp < min || cp > 0x10ffff {
            return false;
        }
        i += len;
    }
    true
}

/// Reads a bytecode file.
pub fn load(bytes: &[u8]) -> Result<CodeObject, LoadError> {
    if bytes.len() < HEADER_LEN {
        return bad("file too short for a header");
    }
    if &bytes[..8] != MAGIC {
        return bad("not a repy bytecode file (wrong magic number)");
    }
    let version = u16::from_le_bytes([bytes[8], bytes[9]]);
    if version != FORMAT_VERSION {
        return bad(format!(
            "format version {version}, this repy reads version {FORMAT_VERSION}"
        ));
    }
    if bytes[10] != 3 || bytes[11] != 11 {
        return bad(format!(
            "compiled for Python {}.{}, not 3.11",
            bytes[10], bytes[11]
        ));
    }
    let word =
        |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    if word(12) != 0 {
        return bad("unknown header flags");
    }
    let len = word(16) as usize;
    let payload = &bytes[HEADER_LEN..];
    if payload.len() != len {
        return bad(format!(
            "payload is {} bytes, the header says {len} (truncated or padded file)",
            payload.len()
        ));
    }
    if crc32(payload) != word(20) {
        return bad("checksum mismatch (corrupted file)");
    }
    let mut reader = Reader {
        data: payload,
        pos: 0,
    };
    let code = reader.code(0)?;
    if reader.pos != payload.len() {
        return bad("trailing bytes after the code object");
    }
    Ok(code)
}

/// Checks that a code object is safe to run (see the module comment).
pub fn verify(code: &CodeObject) -> Result<(), LoadError> {
    let name = &code.name;
    let len = code.code.len();
    if len == 0 {
        return bad(format!("code object {name} has no instructions"));
    }
    if len >= u32::MAX as usize / 2 {
        return bad("code object too large");
    }
    if code.lines.len() != len {
        return bad("line table does not match the instructions");
    }
    if code.flags & !CO_ALL_FLAGS != 0 {
        return bad(format!("unknown code flags {:#x}", code.flags));
    }
    if code.posonlyargcount > code.argcount {
        return bad("more positional-only parameters than positional parameters");
    }
    let total_args = u64::from(code.argcount)
        + u64::from(code.kwonlyargcount)
        + u64::from(code.flags & CO_VARARGS != 0)
        + u64::from(code.flags & CO_VARKEYWORDS != 0);
    if total_args > code.varnames.len() as u64 {
        return bad(format!(
            "code object {name} has fewer locals than parameters"
        ));
    }
    if code.max_stack > MAX_STACK_LIMIT {
        return bad(format!("max_stack {} is too large", code.max_stack));
    }
    if code.flags & CO_HAS_DOCSTRING != 0 && !matches!(code.consts.first(), Some(Const::Str(_))) {
        return bad("docstring flag without a docstring constant");
    }
    let nderef = code.cellvars.len() + code.freevars.len();
    for (i, instr) in code.code.iter().enumerate() {
        let op = instr.op;
        let arg = instr.arg as usize;
        let fail = |what: &str| {
            bad(format!(
                "{what} in instruction {i} ({} {arg}) of {name}",
                op.name()
            ))
        };
        if op.is_pseudo() {
            return fail("pseudo instruction");
        }
        let ok = match op.arg_kind() {
            ArgKind::None => arg == 0,
            ArgKind::Const => arg < code.consts.len(),
            ArgKind::Name => arg < code.names.len(),
            ArgKind::Local => arg < code.varnames.len(),
            ArgKind::Deref => arg < nderef,
            ArgKind::Jump => {
                arg < len
                    && match op {
                        Opcode::JUMP_BACKWARD => arg <= i,
                        Opcode::JUMP_FORWARD | Opcode::FOR_ITER | Opcode::SEND => arg > i,
                        _ => true,
                    }
            }
            ArgKind::Number => op.stack_io(instr.arg, false).is_some(),
        };
        if !ok {
            return fail("argument out of range");
        }
        if op == Opcode::COPY_FREE_VARS && arg != code.freevars.len() {
            return fail("COPY_FREE_VARS count differs from the free variables");
        }
    }
    let table = &code.exception_table;
    for (k, e) in table.iter().enumerate() {
        if e.start >= e.end || e.end as usize > len || e.handler as usize >= len {
            return bad(format!("exception entry {k} of {name} out of range"));
        }
        if k > 0 && table[k - 1].end > e.start {
            return bad(format!(
                "exception entries of {name} overlap or are unsorted"
            ));
        }
        if e.depth > code.max_stack {
            return bad(format!(
                "exception entry {k} of {name} deeper than max_stack"
            ));
        }
    }
    check_stack(code)
}

/// The handler covering instruction `i`, if any.
fn handler_at(table: &[ExceptionEntry], i: u32) -> Option<&ExceptionEntry> {
    let k = table.partition_point(|e| e.end <= i);
    table.get(k).filter(|e| e.start <= i)
}

/// Recomputes the stack depth along every path (see the module comment).
fn check_stack(code: &CodeObject) -> Result<(), LoadError> {
    let len = code.code.len();
    let mut depth: Vec<Option<u32>> = vec![None; len];
    let mut work = vec![0usize];
    depth[0] = Some(0);
    let name = &code.name;
    let set = |at: usize,
               d: u32,
               depth: &mut Vec<Option<u32>>,
               work: &mut Vec<usize>|
     -> Result<(), LoadError> {
        if at >= len {
            return bad(format!("control falls off the end of {name}"));
        }
        if d > code.max_stack {
            return bad(format!(
                "stack deeper than max_stack ({}) in {name}",
                code.max_stack
            ));
        }
        match depth[at] {
            Some(old) if old != d => bad(format!(
                "inconsistent stack depth at instruction {at} of {name}"
            )),
            Some(_) => Ok(()),
            None => {
                depth[at] = Some(d);
                work.push(at);
                Ok(())
            }
        }
    };
    while let Some(i) = work.pop() {
        let d = depth[i].unwrap_or(0);
        let instr = code.code[i];
        if let Some(e) = handler_at(&code.exception_table, i as u32) {
            if d < e.depth {
                return bad(format!(
                    "exception entry deeper than the stack at instruction {i} of {name}"
                ));
            }
            set(
                e.handler as usize,
                e.depth + u32::from(e.push_lasti) + 1,
                &mut depth,
                &mut work,
            )?;
        }
        let mut follow = |jump: bool, to: usize| -> Result<(), LoadError> {
            let Some((pops, pushes)) = instr.op.stack_io(instr.arg, jump) else {
                return bad(format!("bad argument at instruction {i} of {name}"));
            };
            if pops > d {
                return bad(format!(
                    "stack underflow at instruction {i} ({}) of {name}",
                    instr.op.name()
                ));
            }
            set(to, d - pops + pushes, &mut depth, &mut work)
        };
        if instr.op.is_jump() {
            follow(true, instr.arg as usize)?;
        }
        if !instr.op.is_terminator() {
            follow(false, i + 1)?;
        }
    }
    Ok(())
}
