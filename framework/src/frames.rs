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

use crate::Word;

/// Where one frame is: its code object (a green), its pc (a green) and where
/// its slots start on the value stack.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct FrameInfo {
    pub code: u32,
    pub pc: u32,
    pub base: u32,
}

/// The interpreter's frames: one value stack and the frame positions.
#[derive(Clone, Debug)]
pub struct Frames {
    pub stack: Vec<Word>,
    /// Calling frames, outermost first; their `pc` is where they resume.
    pub callers: Vec<FrameInfo>,
    /// The running frame.
    pub top: FrameInfo,
}

impl Frames {
    /// A frame stack with one frame for `code` with `nlocals` locals set to `fill`.
    pub fn new(code: u32, nlocals: usize, fill: Word) -> Frames {
        Frames {
            stack: vec![fill; nlocals],
            callers: Vec::new(),
            top: FrameInfo {
                code,
                pc: 0,
                base: 0,
            },
        }
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
        self.callers.push(self.top);
        self.top = FrameInfo {
            code,
            pc: 0,
            base: base as u32,
        };
        self.stack.resize(base + nlocals.max(nargs), fill);
    }

    /// Pop the running frame; false (and nothing popped) when it is the outermost.
    #[inline]
    pub fn leave(&mut self) -> bool {
        match self.callers.pop() {
            Some(caller) => {
                self.stack.truncate(self.top.base as usize);
                self.top = caller;
                true
            }
            None => false,
        }
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
