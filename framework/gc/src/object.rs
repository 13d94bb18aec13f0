//! Object headers and the `GcPtr` handle.
//!
//! Every object is one header word followed by its payload. A `GcPtr` points at
//! the payload, so the header sits at `ptr - 8`. The header word is:
//!
//! ```text
//! bits  0..8   flags (forwarded, pinned, old, track-young, mark, resurrected,
//!              filler, cards)
//! bits  8..32  the LayoutId (24 bits, including its "needs slow path" bit)
//! bits 32..64  payload size in words (at least one)
//! ```
//!
//! A young object's header is exactly `header_word(layout, bytes)`: no flag set,
//! which is what the JIT writes when it inlines the bump allocation. The size is
//! in the header (not only in the layout) so that the nursery can be walked
//! object by object and so that arrays need no separate length word.

use std::ptr::NonNull;

use crate::layout::LayoutId;

/// Bytes taken by the header word in front of every payload.
pub const HEADER_BYTES: usize = 8;

/// Nursery object copied to the old space; its first payload word holds the
/// new address.
pub(crate) const FLAG_FORWARDED: usize = 1 << 0;
/// Nursery object reached by the conservative scan: it must not move.
pub(crate) const FLAG_PINNED: usize = 1 << 1;
/// The object lives in the old generation (it never moves again).
pub(crate) const FLAG_OLD: usize = 1 << 2;
/// Old object that is not in the remembered set: a store of a reference into
/// it must call the write barrier's slow path. This is the bit the inline
/// barrier tests.
pub const FLAG_TRACK_YOUNG: usize = 1 << 3;
/// Marked live by the current major collection.
pub(crate) const FLAG_MARK: usize = 1 << 4;
/// Reached only through an object kept alive for its finalizer.
pub(crate) const FLAG_RESURRECTED: usize = 1 << 5;
/// Not an object: the unused tail of a nursery region.
pub(crate) const FLAG_FILLER: usize = 1 << 6;
/// A large array with a card table (one byte per [`CARD_WORDS`] payload
/// words, right after the payload): its barrier marks cards instead of
/// remembering the whole object.
pub const FLAG_CARDS: usize = 1 << 7;
/// Payload words covered by one card.
pub const CARD_WORDS: usize = 128;

const FLAG_BITS: u32 = 8;
const LAYOUT_BITS: u32 = 24;
const SIZE_SHIFT: u32 = 32;

/// Largest payload, in words, that the header can describe.
pub(crate) const MAX_PAYLOAD_WORDS: usize = u32::MAX as usize;

#[inline]
pub(crate) fn make_header(layout: LayoutId, payload_words: usize) -> usize {
    debug_assert!((1..=MAX_PAYLOAD_WORDS).contains(&payload_words));
    ((layout.bits() as usize) << FLAG_BITS) | (payload_words << SIZE_SHIFT)
}

#[inline]
pub(crate) fn header_layout(header: usize) -> LayoutId {
    LayoutId::from_bits(((header >> FLAG_BITS) & ((1 << LAYOUT_BITS) - 1)) as u32)
}

#[inline]
pub(crate) fn header_payload_words(header: usize) -> usize {
    header >> SIZE_SHIFT
}

/// Total bytes (header included) of an object with this header.
#[inline]
pub(crate) fn header_total_bytes(header: usize) -> usize {
    HEADER_BYTES + header_payload_words(header) * 8
}

/// Payload words for a requested byte count: rounded up, at least one (a moved
/// object's first word holds its forwarding address).
#[inline]
pub(crate) fn payload_words_for(payload_bytes: usize) -> usize {
    payload_bytes.div_ceil(8).max(1)
}

/// Could this word be a reference? Zero and words with any of the low three
/// bits set (tagged integers and other immediates) are not.
#[inline]
pub(crate) fn is_ref_like(word: usize) -> bool {
    word != 0 && word & 7 == 0
}

/// A pointer to a garbage-collected object's payload: one word, `Copy`.
///
/// A `GcPtr` stays valid as long as the object is reachable: from a local
/// variable (the native stack and registers are scanned), from a reference slot
/// of another reachable object, from a [`crate::Root`] or from a registered root
/// range. A `GcPtr` kept anywhere else (in a Rust `Vec`, a `HashMap`, a `static`)
/// is invisible to the collector and dangles after the next collection.
///
/// Accessors check their word index against the payload size and panic when it
/// is out of bounds, like slice indexing.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct GcPtr(NonNull<usize>);

impl std::fmt::Debug for GcPtr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "GcPtr({:#x})", self.addr())
    }
}

impl GcPtr {
    /// Wrap a payload address.
    ///
    /// # Safety
    /// `addr` must be the payload address of a live object of the current
    /// thread's heap (for example a word read back from a reference slot).
    #[inline]
    pub unsafe fn from_addr(addr: usize) -> Option<GcPtr> {
        NonNull::new(addr as *mut usize).map(GcPtr)
    }

    /// The payload address, as stored in reference slots.
    #[inline]
    pub fn addr(self) -> usize {
        self.0.as_ptr() as usize
    }

    /// Raw pointer to the first payload byte.
    #[inline]
    pub fn as_ptr(self) -> *mut u8 {
        self.0.as_ptr().cast()
    }

    #[inline]
    pub(crate) fn header_ptr(self) -> *mut usize {
        // The header word is immediately in front of the payload.
        self.0.as_ptr().wrapping_sub(1)
    }

    /// The raw header word.
    #[inline]
    pub fn header(self) -> usize {
        // SAFETY: a live object always has its header in front of the payload.
        unsafe { *self.header_ptr() }
    }

    #[inline]
    pub(crate) fn set_header(self, header: usize) {
        // SAFETY: as in `header`; only the collector and barrier change it.
        unsafe { *self.header_ptr() = header }
    }

    /// The object's layout.
    #[inline]
    pub fn layout(self) -> LayoutId {
        header_layout(self.header())
    }

    /// Payload size in words.
    #[inline]
    pub fn payload_words(self) -> usize {
        header_payload_words(self.header())
    }

    /// Payload size in bytes (the requested size rounded up to whole words).
    #[inline]
    pub fn payload_bytes(self) -> usize {
        self.payload_words() * 8
    }

    /// Read payload word `index`.
    #[inline]
    pub fn load(self, index: usize) -> usize {
        assert!(index < self.payload_words(), "word {index} out of bounds");
        // SAFETY: index is within the payload, which is live and word aligned.
        unsafe { *self.0.as_ptr().add(index) }
    }

    /// Write payload word `index` without a write barrier: for raw words, or for
    /// a reference store into an object known to be young or freshly allocated
    /// with nothing allocated since. Otherwise use [`GcPtr::store_ref`].
    #[inline]
    pub fn store(self, index: usize, value: usize) {
        assert!(index < self.payload_words(), "word {index} out of bounds");
        // SAFETY: index is within the payload, which is live and word aligned.
        unsafe { *self.0.as_ptr().add(index) = value }
    }

    /// Read a reference slot: `None` for null and for tagged (non-pointer) words.
    #[inline]
    pub fn load_ref(self, index: usize) -> Option<GcPtr> {
        let word = self.load(index);
        if is_ref_like(word) {
            // SAFETY: reference slots hold payload addresses of live objects.
            unsafe { GcPtr::from_addr(word) }
        } else {
            None
        }
    }

    /// Store a reference (or null) into slot `index`, with the write barrier.
    #[inline]
    pub fn store_ref(self, index: usize, value: Option<GcPtr>) {
        self.store(index, value.map_or(0, GcPtr::addr));
        crate::write_barrier_at(self, index);
    }

    /// Store any word into a reference slot (a tagged integer or a pointer),
    /// with the write barrier.
    #[inline]
    pub fn store_value(self, index: usize, value: usize) {
        self.store(index, value);
        crate::write_barrier_at(self, index);
    }

    /// The payload as bytes (for strings and other raw data).
    ///
    /// # Safety
    /// The slice must not outlive the object (keep the `GcPtr` in a local
    /// while using it), and no `&mut` view of the payload may exist meanwhile.
    #[inline]
    pub unsafe fn bytes<'a>(self) -> &'a [u8] {
        // SAFETY: the payload is `payload_bytes()` initialized bytes, live
        // as the caller promises.
        unsafe { std::slice::from_raw_parts(self.as_ptr(), self.payload_bytes()) }
    }

    /// The payload as mutable bytes.
    ///
    /// # Safety
    /// As for [`GcPtr::bytes`], and no other view of the payload may exist
    /// meanwhile. Writing references through it needs the write barrier.
    #[inline]
    pub unsafe fn bytes_mut<'a>(self) -> &'a mut [u8] {
        // SAFETY: as in `bytes`, with exclusive access promised by the caller.
        unsafe { std::slice::from_raw_parts_mut(self.as_ptr(), self.payload_bytes()) }
    }

    /// True once the object has been promoted to (or allocated in) the old
    /// generation.
    #[inline]
    pub fn is_old(self) -> bool {
        self.header() & FLAG_OLD != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_fields_round_trip() {
        let layout = LayoutId::from_bits(0x80_1234);
        let header = make_header(layout, 77);
        assert_eq!(header_layout(header), layout);
        assert_eq!(header_payload_words(header), 77);
        assert_eq!(header_total_bytes(header), 8 + 77 * 8);
        assert_eq!(header & 0xFF, 0, "young headers carry no flags");
        let flagged = header | FLAG_OLD | FLAG_TRACK_YOUNG | FLAG_MARK;
        assert_eq!(header_layout(flagged), layout);
        assert_eq!(header_payload_words(flagged), 77);
    }

    #[test]
    fn payload_sizes_round_up_to_words() {
        assert_eq!(payload_words_for(0), 1);
        assert_eq!(payload_words_for(1), 1);
        assert_eq!(payload_words_for(8), 1);
        assert_eq!(payload_words_for(9), 2);
    }

    #[test]
    fn only_aligned_nonzero_words_look_like_references() {
        assert!(!is_ref_like(0));
        assert!(!is_ref_like(0x1001));
        assert!(!is_ref_like(0x1004));
        assert!(is_ref_like(0x1008));
    }
}
