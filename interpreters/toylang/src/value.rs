//! toylang values: one machine word.
//!
//! - an integer `n` is `n << 1 | 1` (63 bits; arithmetic that leaves 63 bits
//!   is an "integer overflow" error: toylang does not promote to big ints);
//! - `nil` is the word 2;
//! - anything else is the address of a GC object (8-aligned, never 0).
//!
//! Every object starts with two raw words: its kind (a tagged int) and a
//! kind-specific word; floats are boxed:
//!
//! ```text
//! float:  [KIND_FLOAT, f64 bits]
//! string: [KIND_STRING, byte length, bytes...]
//! array:  [KIND_ARRAY, tagged length, elements...]
//! record: [KIND_RECORD, record type, fields...]
//! ```
//!
//! Array lengths are tagged so that a bounds check is one unsigned compare of
//! two tagged words. The residual functions here (allocation, printing,
//! concatenation, the write barrier) are what the interpreter calls through
//! the framework; the JIT records each as one call.

use retrace::gc::{self, GcPtr, Layout, LayoutId, Refs};
use retrace::jit::ir::FreshFill;
use retrace::{Effect, FreshWord, Residual, ResidualFn, Word};
use std::cell::RefCell;
use std::io::Write;
use std::sync::OnceLock;

pub const NIL: Word = 2;
pub const KIND_FLOAT: Word = tag(1);
pub const KIND_STRING: Word = tag(2);
pub const KIND_ARRAY: Word = tag(3);
pub const KIND_RECORD: Word = tag(4);

/// Byte offsets in an object's payload.
pub const OFF_KIND: i32 = 0;
pub const OFF_WORD1: i32 = 8;
pub const OFF_DATA: i32 = 16;

pub const fn tag(n: i64) -> Word {
    ((n << 1) | 1) as Word
}

pub const fn untag(w: Word) -> i64 {
    (w as i64) >> 1
}

pub fn is_int(w: Word) -> bool {
    w & 1 == 1
}

struct Layouts {
    float: LayoutId,
    string: LayoutId,
    array: LayoutId,
    record: LayoutId,
}

fn layouts() -> &'static Layouts {
    static LAYOUTS: OnceLock<Layouts> = OnceLock::new();
    LAYOUTS.get_or_init(|| {
        let reg = |name: &str, refs: Refs| {
            gc::register_layout(Layout::new(name, refs)).unwrap_or_else(|_| {
                fatal("too many GC layouts");
            })
        };
        Layouts {
            float: reg("toylang.float", Refs::none()),
            string: reg("toylang.string", Refs::none()),
            array: reg("toylang.array", Refs::array(2)),
            record: reg("toylang.record", Refs::array(2)),
        }
    })
}

fn fatal(msg: &str) -> ! {
    flush_output();
    eprintln!("toylang: fatal: {msg}");
    std::process::exit(3);
}

fn new_object(layout: LayoutId, kind: Word, word1: Word, data_words: usize) -> GcPtr {
    let bytes = (2 + data_words) * 8;
    match gc::alloc(layout, bytes) {
        Ok(p) => {
            p.store(0, kind as usize);
            p.store(1, word1 as usize);
            p
        }
        Err(e) => fatal(&format!("cannot allocate: {e}")),
    }
}

fn ptr(w: Word) -> GcPtr {
    // SAFETY: callers pass words the interpreter has checked are objects
    // (not ints, not nil): payload addresses of live GC objects.
    unsafe { GcPtr::from_addr(w as usize) }.unwrap_or_else(|| fatal("null object"))
}

/// The kind word of an object value.
pub fn kind_of(w: Word) -> Word {
    ptr(w).load(0) as Word
}

pub extern "C" fn new_float(bits: Word) -> Word {
    new_object(layouts().float, KIND_FLOAT, bits, 0).addr() as Word
}

pub fn float_value(w: Word) -> f64 {
    f64::from_bits(ptr(w).load(1) as u64)
}

pub fn new_string(s: &str) -> Word {
    let bytes = s.as_bytes();
    let p = new_object(
        layouts().string,
        KIND_STRING,
        bytes.len() as Word,
        bytes.len().div_ceil(8),
    );
    // SAFETY: the payload has room for the bytes after the two header words.
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), p.as_ptr().add(16), bytes.len());
    }
    p.addr() as Word
}

/// The text of a string object.
pub fn string_value(w: Word) -> String {
    let p = ptr(w);
    let len = p.load(1);
    // SAFETY: a string object holds `len` bytes of UTF-8 after two words.
    let bytes = unsafe { std::slice::from_raw_parts(p.as_ptr().add(16), len) };
    String::from_utf8_lossy(bytes).into_owned()
}

/// array(n, fill): `n` is a tagged non-negative int (checked by the caller).
pub extern "C" fn new_array(n_tagged: Word, fill: Word) -> Word {
    let n = untag(n_tagged).max(0) as usize;
    let p = new_object(layouts().array, KIND_ARRAY, n_tagged, n);
    for i in 0..n {
        p.store(2 + i, fill as usize);
    }
    p.addr() as Word
}

pub extern "C" fn new_record(ty: Word, nfields: Word) -> Word {
    let p = new_object(layouts().record, KIND_RECORD, ty, nfields as usize);
    for i in 0..nfields as usize {
        p.store(2 + i, NIL as usize);
    }
    p.addr() as Word
}

pub extern "C" fn concat(a: Word, b: Word) -> Word {
    let s = string_value(a) + &string_value(b);
    new_string(&s)
}

pub extern "C" fn string_eq(a: Word, b: Word) -> Word {
    tag((string_value(a) == string_value(b)) as i64)
}

pub extern "C" fn write_barrier(obj: Word) -> Word {
    gc::write_barrier(ptr(obj));
    0
}

thread_local! {
    static OUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static RECORD_NAMES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static STRING_CONSTS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static CAPTURE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Send this thread's output to a string instead of stdout (for tests).
pub fn start_capture() {
    CAPTURE.with(|c| *c.borrow_mut() = Some(String::new()));
}

/// Stop capturing; returns what was printed since `start_capture`.
pub fn take_capture() -> String {
    CAPTURE.with(|c| c.borrow_mut().take()).unwrap_or_default()
}

/// The program's string constants, which `string_const` allocates from.
pub fn set_string_consts(strings: Vec<String>) {
    STRING_CONSTS.with(|r| *r.borrow_mut() = strings);
}

pub extern "C" fn string_const(k: Word) -> Word {
    let s = STRING_CONSTS.with(|r| r.borrow().get(k as usize).cloned().unwrap_or_default());
    new_string(&s)
}

pub extern "C" fn print_newline() -> Word {
    print_text("\n");
    0
}

/// Record type names, for printing records.
pub fn set_record_names(names: Vec<String>) {
    RECORD_NAMES.with(|r| *r.borrow_mut() = names);
}

/// The text `print` shows for a value.
pub fn show(w: Word, out: &mut String) {
    use std::fmt::Write as _;
    if is_int(w) {
        let _ = write!(out, "{}", untag(w));
    } else if w == NIL {
        out.push_str("nil");
    } else {
        match kind_of(w) {
            KIND_FLOAT => {
                let f = float_value(w);
                if f.is_nan() {
                    // as C's printf spells it
                    out.push_str("nan");
                } else {
                    let _ = write!(out, "{f:.6}");
                }
            }
            KIND_STRING => out.push_str(&string_value(w)),
            KIND_ARRAY => {
                let p = ptr(w);
                let n = untag(p.load(1) as Word) as usize;
                out.push('[');
                for i in 0..n {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    show(p.load(2 + i) as Word, out);
                }
                out.push(']');
            }
            _ => {
                let ty = ptr(w).load(1);
                let name = RECORD_NAMES.with(|r| r.borrow().get(ty).cloned().unwrap_or_default());
                let _ = write!(out, "<{name}>");
            }
        }
    }
}

/// print one value, then a space (`last` = 0) or a newline.
pub extern "C" fn print_value(w: Word, last: Word) -> Word {
    let mut s = String::new();
    show(w, &mut s);
    s.push(if last != 0 { '\n' } else { ' ' });
    print_text(&s);
    0
}

fn print_text(s: &str) {
    let captured = CAPTURE.with(|c| match c.borrow_mut().as_mut() {
        Some(buf) => {
            buf.push_str(s);
            true
        }
        None => false,
    });
    if captured {
        return;
    }
    OUT.with(|o| {
        let mut o = o.borrow_mut();
        o.extend_from_slice(s.as_bytes());
        if o.len() > 1 << 16 {
            let _ = std::io::stdout().write_all(&o);
            o.clear();
        }
    });
}

pub fn flush_output() {
    OUT.with(|o| {
        let mut o = o.borrow_mut();
        let mut stdout = std::io::stdout();
        let _ = stdout.write_all(&o);
        let _ = stdout.flush();
        o.clear();
    });
}

macro_rules! residual {
    ($static:ident, $name:literal, $variant:ident($f:path), $effect:ident) => {
        pub static $static: Residual = Residual {
            name: $name,
            func: ResidualFn::$variant($f),
            effect: Effect::$effect,
            fresh: &[],
        };
    };
}

/// A float box: its two words are known, so traces can avoid allocating it.
pub static NEW_FLOAT: Residual = Residual {
    name: "toylang_new_float",
    func: ResidualFn::Args1(new_float),
    effect: Effect::Allocates,
    fresh: &[
        (OFF_KIND, FreshWord::Const(KIND_FLOAT)),
        (OFF_WORD1, FreshWord::Arg(0)),
    ],
};

/// An array: its kind, its tagged length, then that many copies of the
/// fill value. Traces remove one whose length is a constant and that does
/// not escape.
pub static NEW_ARRAY: Residual = Residual {
    name: "toylang_new_array",
    func: ResidualFn::Args2(new_array),
    effect: Effect::Allocates,
    fresh: &[
        (OFF_KIND, FreshWord::Const(KIND_ARRAY)),
        (OFF_WORD1, FreshWord::Arg(0)),
        (
            OFF_DATA,
            FreshWord::Repeat {
                count_arg: 0,
                count_shift: 1,
                fill: FreshFill::Arg(1),
            },
        ),
    ],
};

/// A record: its kind, its type, then its fields, all nil.
pub static NEW_RECORD: Residual = Residual {
    name: "toylang_new_record",
    func: ResidualFn::Args2(new_record),
    effect: Effect::Allocates,
    fresh: &[
        (OFF_KIND, FreshWord::Const(KIND_RECORD)),
        (OFF_WORD1, FreshWord::Arg(0)),
        (
            OFF_DATA,
            FreshWord::Repeat {
                count_arg: 1,
                count_shift: 0,
                fill: FreshFill::Const(NIL),
            },
        ),
    ],
};
residual!(CONCAT, "toylang_concat", Args2(concat), Allocates);
residual!(STRING_EQ, "toylang_string_eq", Args2(string_eq), ReadsHeap);
residual!(
    WRITE_BARRIER,
    "toylang_write_barrier",
    Args1(write_barrier),
    WritesHeap
);
residual!(PRINT, "toylang_print", Args2(print_value), WritesHeap);
residual!(
    PRINT_NEWLINE,
    "toylang_print_newline",
    Args0(print_newline),
    WritesHeap
);
residual!(
    STRING_CONST,
    "toylang_string_const",
    Args1(string_const),
    Allocates
);
