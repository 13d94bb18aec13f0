//! The virtualizable frame stack.
//!
//! The framework owns the interpreter's frames so that traces can keep them in
//! registers: handlers never hold a reference into a frame, they load, store,
//! push and pop through the [`Ops`](crate::Ops) trait, which in recording mode
//! tracks the IR value of every slot beside its word. All frames share one
//! value stack: a frame is `base..` of it, its locals first, its operand stack
//! above them. A call makes the caller's top `nargs` operands the callee's
//! first locals in place, so calls copy nothing.
//!
//! The top frame's position lives outside the `callers` vector so that the
//! dispatch loop's `pc`/`code` reads are one load from a known place.
//!
//! **Frame headers.** An interpreter often keeps a few words per frame
//! besides its locals: the function running, its globals, a flags word. A
//! frame stack made with [`Frames::with_header`] gives every frame `header`
//! such words as its *first* slots, before the locals (`local(header + i)` is
//! local `i`). Being slots, they are GC-rooted with the rest of the value
//! stack and, in recording mode, tracked like any other slot (reds of the
//! virtualizable frame), so compiled code and exits keep them without any
//! extra machinery. A call passes them as it passes arguments: the caller
//! pushes the callee's header words and then its arguments and enters with
//! `nargs` counting both ([`Ops::enter_frame_with_header`](crate::Ops::enter_frame_with_header) does that for
//! arguments already pushed; [`Frames::enter_with_header`] is the same on
//! the frame stack directly). Rust code outside the handlers (tracebacks,
//! introspection) reads any frame's header with [`Frames::header_at`].
//!
//! The value stack is a GC root: its whole buffer is registered with the
//! collector as a conservatively scanned range (what it points to is kept
//! alive and never moved), and registered again whenever it grows. Every
//! growth goes through `reserve`, so the registered range is always the
//! buffer in use.

use crate::Word;
use retrace_gc::RootRangeId;

/// Where one frame is: its code object (a green), its pc (a green) and where
/// its slots start on the value stack.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct FrameInfo {
    pub code: u32,
    pub pc: u32,
    pub base: u32,
}

/// The interpreter's frames: one value stack and the frame positions.
#[derive(Debug)]
pub struct Frames {
    /// Grow it only through [`Frames::reserve`] (or the methods here).
    pub(crate) stack: Vec<Word>,
    /// Calling frames, outermost first; their `pc` is where they resume.
    pub callers: Vec<FrameInfo>,
    /// The running frame.
    pub top: FrameInfo,
    /// The depth of the first frame of a nested run (a call from compiled
    /// code into the interpreter); 0 outside one.
    pub(crate) floor: usize,
    /// Words at the start of every frame that are its header (see the
    /// module essay); 0 for interpreters that keep none.
    header: usize,
    root: Option<RootRangeId>,
}

impl Frames {
    /// A frame stack with one frame for `code` with `nlocals` locals set to `fill`.
    pub fn new(code: u32, nlocals: usize, fill: Word) -> Frames {
        let mut stack = Vec::with_capacity(1024.max(nlocals));
        stack.resize(nlocals, fill);
        let mut frames = Frames {
            stack,
            callers: Vec::new(),
            top: FrameInfo {
                code,
                pc: 0,
                base: 0,
            },
            floor: 0,
            header: 0,
            root: None,
        };
        frames.reroot();
        frames
    }

    /// A frame stack whose frames start with `header` header words. The
    /// first frame's header words are `first_header` (its length must be
    /// `header`), followed by `nlocals` locals set to `fill`.
    pub fn with_header(code: u32, first_header: &[Word], nlocals: usize, fill: Word) -> Frames {
        let header = first_header.len();
        let mut frames = Frames::new(code, header + nlocals, fill);
        frames.stack[..header].copy_from_slice(first_header);
        frames.header = header;
        frames
    }

    /// How many header words every frame has.
    pub fn header_len(&self) -> usize {
        self.header
    }

    /// The header words of the frame at `depth` (the running one when
    /// `depth == self.depth()`).
    pub fn header_at(&self, depth: usize) -> &[Word] {
        let base = self.base_at(depth);
        &self.stack[base..base + self.header]
    }

    /// Overwrite header word `i` of the frame at `depth`.
    pub fn set_header_at(&mut self, depth: usize, i: usize, w: Word) {
        assert!(i < self.header, "header word {i} of {}", self.header);
        let base = self.base_at(depth);
        self.stack[base + i] = w;
    }

    /// Push a frame for `code` whose header words are `header` and whose
    /// first locals are the top `nargs` operands: the header goes in below
    /// the arguments (they move up by the header's length), the other
    /// `nlocals - nargs` locals are `fill`.
    pub fn enter_with_header(
        &mut self,
        code: u32,
        header: &[Word],
        nargs: usize,
        nlocals: usize,
        fill: Word,
    ) {
        assert_eq!(header.len(), self.header, "header length");
        let k = header.len();
        let at = self.stack.len() - nargs.min(self.stack.len());
        self.reserve(k);
        self.stack.extend_from_slice(header);
        self.stack[at..].rotate_right(k);
        self.enter(code, k + nargs, k + nlocals, fill);
    }

    /// The words on the value stack (every frame's slots).
    pub fn stack(&self) -> &[Word] {
        &self.stack
    }

    /// Make room for `extra` more words, registering a moved buffer as root.
    #[inline(always)]
    pub fn reserve(&mut self, extra: usize) {
        if self.stack.capacity() - self.stack.len() < extra {
            self.grow(extra);
        }
    }

    #[cold]
    fn grow(&mut self, extra: usize) {
        self.stack.reserve(extra.max(self.stack.capacity()));
        self.reroot();
    }

    fn reroot(&mut self) {
        if let Some(id) = self.root.take() {
            retrace_gc::remove_root_range(id);
        }
        // SAFETY: the buffer stays allocated (and its capacity readable, the
        // words past `len` being stale values at worst) until the range is
        // removed: on the next growth, which reroots, or on drop.
        self.root = unsafe {
            retrace_gc::add_root_range(self.stack.as_ptr() as *const usize, self.stack.capacity())
        }
        .ok();
    }

    #[inline(always)]
    pub fn push(&mut self, v: Word) {
        self.reserve(1);
        self.stack.push(v);
    }

    /// Replace the words from `base` on with `words`.
    pub fn replace_from(&mut self, base: usize, words: &[Word]) {
        self.stack.truncate(base);
        self.reserve(words.len());
        self.stack.extend_from_slice(words);
    }

    /// How many frames deep the running frame is (0: the outermost).
    pub fn depth(&self) -> usize {
        self.callers.len()
    }

    /// Push a frame for `code`: the top `nargs` operands become its first
    /// locals, the other `nlocals - nargs` locals are `fill`.
    #[inline]
    pub fn enter(&mut self, code: u32, nargs: usize, nlocals: usize, fill: Word) {
        let base = self.stack.len().saturating_sub(nargs);
        self.reserve((base + nlocals.max(nargs)).saturating_sub(self.stack.len()));
        self.callers.push(self.top);
        self.top = FrameInfo {
            code,
            pc: 0,
            base: base as u32,
        };
        self.stack.resize(base + nlocals.max(nargs), fill);
    }

    /// Return from the running frame: pop it and push `result` onto the
    /// caller's operand stack. False when there is no caller to return to:
    /// the outermost frame (nothing popped), or the first frame of a nested
    /// run (`floor`: popped, the result not pushed; the run returns it).
    #[inline]
    pub fn leave(&mut self, result: Word) -> bool {
        let depth = self.callers.len();
        let Some(caller) = self.callers.pop() else {
            return false;
        };
        self.stack.truncate(self.top.base as usize);
        self.top = caller;
        if depth == self.floor {
            return false;
        }
        self.push(result);
        true
    }

    /// Where the slots of the frame at `depth` start on the value stack.
    pub fn base_at(&self, depth: usize) -> usize {
        match self.callers.get(depth) {
            Some(f) => f.base as usize,
            None => self.top.base as usize,
        }
    }

    /// The frame at `depth` (the running one when `depth == self.depth()`).
    pub fn frame_at(&self, depth: usize) -> FrameInfo {
        self.callers.get(depth).copied().unwrap_or(self.top)
    }
}

impl Drop for Frames {
    fn drop(&mut self) {
        if let Some(id) = self.root.take() {
            retrace_gc::remove_root_range(id);
        }
    }
}
