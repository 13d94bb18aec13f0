//! retrace-gc: the garbage collector of the Retrace framework.
//!
//! It will hold a generational collector that is precise in the heap (every
//! object's header names a layout that says which words are references) and
//! conservative on the native stack (Rust and JIT frames are scanned for words
//! that look like pointers, and what they reach is pinned). See `docs/gc.md`.
