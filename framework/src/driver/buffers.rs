//! Entry/exit buffers of compiled code, and moving values between them and
//! the interpreter's frames: loading a trace's inputs, building an exit's
//! virtual objects, rebuilding the frames an exit describes.

use super::LINK_BUFFER_WORDS;
use crate::Word;
use crate::frames::{FrameInfo, Frames};
use crate::record::Snapshot;
use retrace_gc::RootRangeId;
use retrace_jit::CompiledTrace;

/// An entry/exit buffer of compiled code. Exit values may be the only
/// references to objects until the frames are rebuilt (and building an
/// exit's virtual objects allocates), so the buffer is a GC root range,
/// registered again whenever it is reallocated.
pub(super) struct ExitBuffer {
    pub(super) words: Vec<Word>,
    pub(super) root: Option<RootRangeId>,
}

impl ExitBuffer {
    pub(super) fn new() -> ExitBuffer {
        let mut b = ExitBuffer {
            words: Vec::with_capacity(256),
            root: None,
        };
        b.reroot();
        b
    }

    pub(super) fn reroot(&mut self) {
        if let Some(id) = self.root.take() {
            retrace_gc::remove_root_range(id);
        }
        // SAFETY: the allocation stays until the next reallocation, which
        // calls `reroot` first thing after, or until drop, which removes it.
        self.root = unsafe {
            retrace_gc::add_root_range(self.words.as_ptr() as *const usize, self.words.capacity())
        }
        .ok();
    }

    /// Make the buffer `len` words long, keeping its start.
    pub(super) fn set_len(&mut self, len: usize) {
        let cap = self.words.capacity();
        self.words.resize(len, 0);
        if self.words.capacity() != cap {
            self.reroot();
        }
    }
}

impl Drop for ExitBuffer {
    fn drop(&mut self) {
        if let Some(id) = self.root.take() {
            retrace_gc::remove_root_range(id);
        }
    }
}

/// Build the objects exit `k` describes (allocation removal) into `buf`.
pub(super) fn build_virtuals(trace: &CompiledTrace, k: usize, buf: &mut [Word]) {
    let virtuals = &trace.exit_virtuals[k];
    if virtuals.is_empty() {
        return;
    }
    // SAFETY: the exit just filled `buf` (a GC root range, so the objects
    // it names stay put while the helpers allocate); the helpers are the
    // allocating helpers the trace recorded, taking `nargs` words each.
    unsafe { retrace_jit::materialize(virtuals, buf) };
}

/// Fill `buf` with the words of the running frame; false if they do not
/// match what the trace takes.
pub(super) fn load_inputs(
    buf: &mut ExitBuffer,
    frames: &Frames,
    base: usize,
    trace: &CompiledTrace,
) -> bool {
    let words = &frames.stack[base..];
    if words.len() != trace.num_inputs {
        return false;
    }
    buf.set_len(trace.buffer_len().max(words.len()).max(LINK_BUFFER_WORDS));
    buf.words[..words.len()].copy_from_slice(words);
    true
}

/// Rebuild the frames from an exit: the frame the trace was entered in (at
/// `depth`, slots from `base`) and the frames inlined above it.
pub(super) fn rebuild(
    frames: &mut Frames,
    snap: &Snapshot,
    buf: &[Word],
    depth: usize,
    base: usize,
) {
    frames.replace_from(base, &buf[..snap.refs.len()]);
    frames.callers.truncate(depth);
    if snap.frames.is_empty() {
        // A function trace that returned: its caller runs on, with the
        // result (the one exit value) on its operand stack.
        if let Some(caller) = frames.callers.pop() {
            frames.top = caller;
        }
        return;
    }
    let last = snap.frames.len() - 1;
    for (i, f) in snap.frames.iter().enumerate() {
        let f = FrameInfo {
            base: f.base + base as u32,
            ..*f
        };
        if i < last {
            frames.callers.push(f);
        } else {
            frames.top = f;
        }
    }
}
