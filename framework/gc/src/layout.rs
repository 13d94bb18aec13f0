//! Layouts: what the collector knows about an object's words.
//!
//! A layout is registered once per process and named by a `LayoutId`. It says
//! which payload words are references (a list of fixed word offsets, and/or
//! "every word from index N to the end", which covers arrays of references and
//! records followed by an array), plus two optional hooks:
//!
//! - `trace`: for objects that own Rust memory holding references (a `Vec` of
//!   values in the payload); it reports each such slot to the [`Tracer`], which
//!   may rewrite it when the referent moves.
//! - `drop`: called once when the object dies, to free that Rust memory.
//!
//! The registry is global (a `LayoutId` means the same on every thread) and
//! append-only; each heap keeps a lock-free cache of it. Layouts with a drop
//! hook carry a bit in their id that sends allocation to the slow path, which
//! records the object so that its death is noticed without walking the nursery.

use std::sync::{OnceLock, RwLock};

use crate::object::GcPtr;

/// Hook reporting the reference slots an object keeps outside its payload words.
pub type TraceFn = fn(obj: GcPtr, tracer: &mut Tracer<'_>);
/// Hook run once when an object dies. It must not allocate or touch other GC
/// objects (they may be dead already); it may read the object's own payload.
pub type DropFn = fn(obj: GcPtr);

/// Which payload words hold references.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Refs {
    /// Word offsets that hold references (offsets past the payload are ignored).
    pub fields: Vec<u32>,
    /// If set, every word from this index to the end of the payload is a
    /// reference (arrays of references, or a record followed by one).
    pub array_from: Option<u32>,
}

impl Refs {
    /// No references: raw bytes or words (strings, floats, byte arrays).
    pub fn none() -> Refs {
        Refs::default()
    }

    /// References at these word offsets; all other words are raw.
    pub fn fields(offsets: &[u32]) -> Refs {
        Refs {
            fields: offsets.to_vec(),
            array_from: None,
        }
    }

    /// Every word from `from` on is a reference; words before it are raw
    /// (for example a length word).
    pub fn array(from: u32) -> Refs {
        Refs {
            fields: Vec::new(),
            array_from: Some(from),
        }
    }
}

/// The description of one kind of object.
#[derive(Clone, Debug)]
pub struct Layout {
    /// A name for statistics and debugging.
    pub name: String,
    pub refs: Refs,
    pub trace: Option<TraceFn>,
    pub drop: Option<DropFn>,
}

impl Layout {
    /// A layout with the given references and no hooks.
    pub fn new(name: &str, refs: Refs) -> Layout {
        Layout {
            name: name.to_string(),
            refs,
            trace: None,
            drop: None,
        }
    }

    /// Add a trace hook.
    pub fn with_trace(mut self, trace: TraceFn) -> Layout {
        self.trace = Some(trace);
        self
    }

    /// Add a drop hook.
    pub fn with_drop(mut self, drop: DropFn) -> Layout {
        self.drop = Some(drop);
        self
    }
}

const INDEX_BITS: u32 = 22;
/// The layout has a drop hook: its young objects are listed at allocation.
const DROP_BIT: u32 = 1 << 22;
/// Allocation must take the slow path (weak references).
const SLOW_BIT: u32 = 1 << 23;
/// Most layouts a process can register.
pub const MAX_LAYOUTS: usize = 1 << INDEX_BITS;

/// Names a registered layout. Fits in the 24 layout bits of a header.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct LayoutId(u32);

impl LayoutId {
    #[inline]
    pub(crate) fn from_bits(bits: u32) -> LayoutId {
        LayoutId(bits)
    }

    /// The raw id as stored in headers (index plus the slow-path bit).
    #[inline]
    pub fn bits(self) -> u32 {
        self.0
    }

    #[inline]
    pub(crate) fn index(self) -> usize {
        (self.0 & (DROP_BIT - 1)) as usize
    }

    /// True when objects of this layout may be allocated by the JIT's inline
    /// bump path: no drop hook and not a weak reference.
    #[inline]
    pub fn allows_inline_alloc(self) -> bool {
        self.0 & (SLOW_BIT | DROP_BIT) == 0
    }

    /// May `alloc` bump-allocate it inline (listing it if it has a drop hook)?
    #[inline]
    pub(crate) fn bump_allocatable(self) -> bool {
        self.0 & SLOW_BIT == 0
    }

    #[inline]
    pub(crate) fn has_drop(self) -> bool {
        self.0 & DROP_BIT != 0
    }
}

/// Handed to a layout's trace hook.
pub struct Tracer<'a> {
    pub(crate) visit: &'a mut dyn FnMut(*mut usize),
}

impl Tracer<'_> {
    /// Report one reference slot. The slot holds 0, a tagged word (ignored) or a
    /// payload address; the collector may overwrite it with the object's new
    /// address.
    pub fn edge(&mut self, slot: &mut usize) {
        (self.visit)(slot as *mut usize)
    }
}

static REGISTRY: RwLock<Vec<&'static Layout>> = RwLock::new(Vec::new());

/// Error from [`register_layout`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooManyLayouts;

impl std::fmt::Display for TooManyLayouts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "more than {MAX_LAYOUTS} GC layouts registered")
    }
}

impl std::error::Error for TooManyLayouts {}

/// Register a layout for the whole process. Layouts are never unregistered.
pub fn register_layout(layout: Layout) -> Result<LayoutId, TooManyLayouts> {
    register(layout, false)
}

fn register(layout: Layout, force_slow: bool) -> Result<LayoutId, TooManyLayouts> {
    let mut bits = if force_slow { SLOW_BIT } else { 0 };
    if layout.drop.is_some() {
        bits |= DROP_BIT;
    }
    let mut registry = REGISTRY.write().unwrap_or_else(|e| e.into_inner());
    if registry.len() >= MAX_LAYOUTS {
        return Err(TooManyLayouts);
    }
    let index = registry.len() as u32;
    registry.push(Box::leak(Box::new(layout)));
    Ok(LayoutId(index | bits))
}

/// Look a layout up in the global registry (slow: takes a read lock).
pub(crate) fn lookup(id: LayoutId) -> Option<&'static Layout> {
    let registry = REGISTRY.read().unwrap_or_else(|e| e.into_inner());
    registry.get(id.index()).copied()
}

/// A snapshot of the registry, for a heap's cache.
pub(crate) fn snapshot() -> Vec<&'static Layout> {
    REGISTRY.read().unwrap_or_else(|e| e.into_inner()).clone()
}

/// The description of a registered layout.
pub fn layout_info(id: LayoutId) -> Option<&'static Layout> {
    lookup(id)
}

/// The built-in layout of weak references with notification: word 0 is the
/// target (not traced), word 1 a strong reference for the client (a Python
/// weakref's callback). When the target dies the collector clears word 0 and
/// queues the weak reference for [`crate::pop_cleared_weakref`].
pub(crate) fn weakref_notify_layout() -> LayoutId {
    static WEAK: OnceLock<LayoutId> = OnceLock::new();
    *WEAK.get_or_init(|| {
        register(Layout::new("weakref-notify", Refs::fields(&[1])), true)
            .expect("the weakref layout is registered before the registry fills")
    })
}

/// The built-in layout of weak references: one word, the target, which the
/// collector does not trace and clears when the target dies.
pub(crate) fn weakref_layout() -> LayoutId {
    static WEAK: OnceLock<LayoutId> = OnceLock::new();
    *WEAK.get_or_init(|| {
        register(Layout::new("weakref", Refs::none()), true)
            .expect("the weakref layout is registered before the registry fills")
    })
}
