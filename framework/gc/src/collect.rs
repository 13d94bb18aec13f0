//! Minor and major collections.
//!
//! Minor collection (young generation only, cost follows the survivors):
//!
//! 1. Conservative roots: every word of the native stack, the spilled
//!    callee-saved registers and the registered root ranges that points into
//!    the nursery pins the young object whose payload contains it. Objects
//!    kept by the previous minor collection are found in their chunk's list;
//!    others by walking the chunk from its start (candidates are sorted, so
//!    each chunk is walked at most once).
//! 2. Precise roots (the `Root` table, the finalizer and weak-reference
//!    queues), the pinned objects, the remembered set (old objects whose write
//!    barrier fired) and the marked cards of large arrays are scanned; every
//!    reference to an unpinned young object is replaced by the address of its
//!    copy in the old space (allocated by size class, then scanned in turn: a
//!    gray stack rather than Cheney's queue, as the old space is not
//!    contiguous). A copied object's header gets the forwarded bit and its
//!    first word the new address. An old object (or card) still pointing to a
//!    pinned object stays remembered for the next cycle.
//! 3. Weak references seen young get their target updated or cleared; young
//!    objects with a finalizer that were not reached are copied anyway
//!    ("resurrected", flagged so that weak references to them and to what they
//!    reach are cleared, as CPython's collector does) and queued to have their
//!    finalizer run; young objects with a drop hook that were not reached have
//!    it called now.
//! 4. Pinned objects stay young, in place, until the next minor collection:
//!    each chunk lists them and the allocator skips over them. Everything else
//!    in the nursery is free again; nothing in it is touched (zeroing happens
//!    when a region is next allocated into).
//!
//! Major collection: a minor collection first (so the nursery holds only the
//! kept objects), then mark from the conservative roots (looked up in pages
//! and large objects), the precise roots, the queues and the kept objects'
//! fields, with an explicit mark stack; clear weak references to unmarked
//! objects; resurrect all unmarked finalizable objects together; drop dead
//! entries from the remembered set; sweep pages and large objects, calling
//! drop hooks, rebuilding free lists and releasing empty pages. The next major
//! collection starts when the old generation reaches `major_growth` (1.82)
//! times what survived this one.

use std::time::{Duration, Instant};

use crate::heap::{CHUNK_BYTES, CHUNK_SHIFT, ChunkState, Heap, PageKind, class_slot_bytes};
use crate::layout::Tracer;
use crate::object::{CARD_WORDS, FLAG_FILLER};
use crate::object::{
    FLAG_FORWARDED, FLAG_MARK, FLAG_OLD, FLAG_PINNED, FLAG_RESURRECTED, FLAG_TRACK_YOUNG, GcPtr,
    HEADER_BYTES, header_layout, header_payload_words, header_total_bytes, is_ref_like,
};
use crate::stack::scan_range;

/// Byte written over freed memory in stress mode.
pub(crate) const POISON: u8 = 0xDB;

#[inline]
fn read(addr: usize) -> usize {
    // SAFETY: callers pass addresses of words inside live heap memory.
    unsafe { *(addr as *const usize) }
}

#[inline]
fn write(addr: usize, value: usize) {
    // SAFETY: callers pass addresses of words inside live heap memory.
    unsafe { *(addr as *mut usize) = value }
}

fn poison(start: usize, end: usize) {
    if end > start {
        // SAFETY: callers pass a range of heap memory that holds no live object.
        unsafe { std::ptr::write_bytes(start as *mut u8, POISON, end - start) };
    }
}

fn obj(payload: usize) -> GcPtr {
    // SAFETY: collector-internal addresses are payloads of heap objects.
    unsafe { GcPtr::from_addr(payload) }.expect("payload addresses are never null")
}

impl Heap {
    /// Gather the words of the native stack, registers and root ranges that
    /// `keep` accepts. Runs with the callee-saved registers spilled.
    fn conservative_roots(&self, keep: impl Fn(&Heap, usize) -> bool) -> Vec<usize> {
        let mut found = Vec::new();
        debug_assert!(
            self.scan_low != 0,
            "collection outside a collector entry point"
        );
        if self.stack_top != 0 && self.scan_low != 0 {
            scan_range(self.scan_low, self.stack_top, |w| {
                if keep(self, w) {
                    found.push(w)
                }
            });
        }
        for &(start, words) in self.root_ranges.iter().flatten() {
            scan_range(start, start + words * 8, |w| {
                if keep(self, w) {
                    found.push(w)
                }
            });
        }
        found
    }

    /// The object kept (pinned) in `chunk` by the previous minor collection
    /// whose memory contains `addr`.
    fn kept_object_at(&self, chunk: usize, addr: usize) -> Option<usize> {
        let kept = self.pinned_in_chunk.get(&chunk)?;
        let at = kept.partition_point(|&h| h <= addr);
        let header = *kept.get(at.checked_sub(1)?)?;
        (addr < header + header_total_bytes(read(header))).then_some(header)
    }

    /// Pin the young objects under these addresses (interior pointers too).
    /// Objects kept in place by the previous minor collection are found in
    /// their chunk's list; objects allocated since, by walking the chunk.
    fn pin_candidates(&mut self, mut candidates: Vec<usize>) {
        candidates.sort_unstable();
        candidates.dedup();
        let mut i = 0;
        while i < candidates.len() {
            let chunk = (candidates[i] - self.nursery_base) >> CHUNK_SHIFT;
            let end = match self.chunk_states[chunk] {
                ChunkState::Used => self.chunk_used_end[chunk],
                ChunkState::Free => 0,
            };
            let mut walk = self.nursery_base + chunk * CHUNK_BYTES;
            while i < candidates.len()
                && (candidates[i] - self.nursery_base) >> CHUNK_SHIFT == chunk
            {
                let addr = candidates[i];
                i += 1;
                let header = match self.kept_object_at(chunk, addr) {
                    Some(header) => header,
                    None if addr < end => {
                        while walk + header_total_bytes(read(walk)) <= addr {
                            walk += header_total_bytes(read(walk));
                        }
                        walk
                    }
                    None => continue,
                };
                if addr < header + HEADER_BYTES {
                    // A pointer to a header, not into a payload.
                    continue;
                }
                let h = read(header);
                if h & (FLAG_PINNED | FLAG_FILLER) == 0 {
                    write(header, h | FLAG_PINNED);
                    self.pinned.push(header);
                    self.stats.pinned_objects += 1;
                }
            }
        }
    }

    /// If the young slot's referent is not yet copied, copy it; update the
    /// slot. Returns true if the slot still points to a young (pinned) object.
    fn minor_forward(&mut self, slot: usize, gray: &mut Vec<usize>, resurrecting: bool) -> bool {
        let target = read(slot);
        if !is_ref_like(target) || !self.in_nursery(target) {
            return false;
        }
        let header_addr = target - HEADER_BYTES;
        let h = read(header_addr);
        if h & FLAG_FORWARDED != 0 {
            write(slot, read(target));
            return false;
        }
        if h & FLAG_PINNED != 0 {
            return true;
        }
        let total = header_total_bytes(h);
        let Some(new_header) = self.old_alloc_uninit(total) else {
            // Out of memory mid-collection: keep the object where it is.
            write(header_addr, h | FLAG_PINNED);
            self.pinned.push(header_addr);
            gray.push(target);
            return true;
        };
        // SAFETY: source and destination are distinct `total`-byte objects.
        unsafe {
            std::ptr::copy_nonoverlapping(header_addr as *const u8, new_header as *mut u8, total)
        };
        write(new_header, h | FLAG_OLD | FLAG_TRACK_YOUNG);
        let resurrected = if resurrecting { FLAG_RESURRECTED } else { 0 };
        write(header_addr, h | FLAG_FORWARDED | resurrected);
        let new_payload = new_header + HEADER_BYTES;
        write(target, new_payload);
        write(slot, new_payload);
        self.old_bytes += total;
        self.stats.promoted_bytes += total as u64;
        gray.push(new_payload);
        false
    }

    /// Visit every reference slot of an object.
    fn for_each_slot(&mut self, payload: usize, mut visit: impl FnMut(&mut Heap, usize)) {
        let h = read(payload - HEADER_BYTES);
        let words = header_payload_words(h);
        let Some(layout) = self.layout(header_layout(h)) else {
            return;
        };
        for &field in &layout.refs.fields {
            if (field as usize) < words {
                visit(self, payload + field as usize * 8);
            }
        }
        if let Some(from) = layout.refs.array_from {
            for index in from as usize..words {
                visit(self, payload + index * 8);
            }
        }
        if let Some(trace) = layout.trace {
            let mut tracer_visit = |slot: *mut usize| visit(self, slot as usize);
            trace(
                obj(payload),
                &mut Tracer {
                    visit: &mut tracer_visit,
                },
            );
        }
    }

    /// Scan the marked cards of a carded object and clear them; a card that
    /// still points to a young (pinned) object stays marked. Returns true if
    /// any did.
    fn scan_cards(&mut self, payload: usize, gray: &mut Vec<usize>) -> bool {
        let h = read(payload - HEADER_BYTES);
        let words = header_payload_words(h);
        let Some(layout) = self.layout(header_layout(h)) else {
            return false;
        };
        let cards = payload + words * 8;
        let mut kept_any = false;
        for card in 0..words.div_ceil(CARD_WORDS) {
            // SAFETY: the card table follows the payload in the allocation.
            let mark = unsafe { &mut *((cards + card) as *mut u8) };
            if *mark == 0 {
                continue;
            }
            *mark = 0;
            self.stats.cards_scanned += 1;
            let (low, high) = (card * CARD_WORDS, ((card + 1) * CARD_WORDS).min(words));
            let mut points_young = false;
            for &field in &layout.refs.fields {
                let field = field as usize;
                if (low..high).contains(&field) {
                    points_young |= self.minor_forward(payload + field * 8, gray, false);
                }
            }
            if let Some(from) = layout.refs.array_from {
                for index in low.max(from as usize)..high {
                    points_young |= self.minor_forward(payload + index * 8, gray, false);
                }
            }
            if points_young {
                // SAFETY: as above.
                unsafe { *((cards + card) as *mut u8) = 1 };
                kept_any = true;
            }
        }
        kept_any
    }

    /// Scan gray objects until none is left. An old object that still points
    /// to a young (pinned) object stays in the remembered set; the others get
    /// their barrier bit back.
    fn drain_minor(&mut self, gray: &mut Vec<usize>, resurrecting: bool) {
        while let Some(payload) = gray.pop() {
            debug_assert_ne!(read(payload - HEADER_BYTES), 0, "scanning a freed object");
            let mut points_young = false;
            self.for_each_slot(payload, |heap, slot| {
                points_young |= heap.minor_forward(slot, gray, resurrecting)
            });
            let h = read(payload - HEADER_BYTES);
            if h & FLAG_OLD != 0 {
                if points_young {
                    write(payload - HEADER_BYTES, h & !FLAG_TRACK_YOUNG);
                    self.still_remembered.push(payload);
                } else {
                    write(payload - HEADER_BYTES, h | FLAG_TRACK_YOUNG);
                }
            }
        }
    }

    /// Where a young object is after the copy phase, or `None` if it died.
    /// Old objects always survive a minor collection.
    fn minor_survivor(&self, payload: usize) -> Option<usize> {
        if !self.in_nursery(payload) {
            return Some(payload);
        }
        let h = read(payload - HEADER_BYTES);
        if h & FLAG_FORWARDED != 0 {
            Some(read(payload))
        } else if h & FLAG_PINNED != 0 {
            Some(payload)
        } else {
            None
        }
    }

    /// Update a surviving weak reference's target after the copy phase.
    /// Returns true if the target is still young (pinned).
    fn fix_weakref_minor(&mut self, weakref: usize) -> bool {
        let target = read(weakref);
        if !is_ref_like(target) || !self.in_nursery(target) {
            return false;
        }
        let h = read(target - HEADER_BYTES);
        if h & FLAG_PINNED != 0 {
            return true;
        }
        if h & FLAG_FORWARDED != 0 && h & FLAG_RESURRECTED == 0 {
            write(weakref, read(target));
        } else {
            self.clear_weakref(weakref);
        }
        false
    }

    /// Clear a weak reference; queue it if it asked to be notified.
    fn clear_weakref(&mut self, weakref: usize) {
        write(weakref, 0);
        if obj(weakref).layout() == self.weakref_notify_layout {
            self.cleared_weakrefs.push_back(weakref);
        }
    }

    /// Weak references that survived (so far): fix them and file them as old,
    /// or as young again if they or their target stay in the nursery. Returns
    /// those not (yet) reached.
    fn process_young_weakrefs(&mut self, weakrefs: Vec<usize>) -> Vec<usize> {
        let mut unreached = Vec::new();
        for weakref in weakrefs {
            match self.minor_survivor(weakref) {
                Some(now) => {
                    let target_young = self.fix_weakref_minor(now);
                    if target_young || self.in_nursery(now) {
                        self.young_weakrefs.push(now);
                    } else {
                        self.old_weakrefs.push(now);
                    }
                }
                None => unreached.push(weakref),
            }
        }
        unreached
    }

    pub(crate) fn collect_minor(&mut self) {
        let start = Instant::now();
        // 1. Pin what the stack, registers and root ranges point at.
        let candidates = self.conservative_roots(|heap, w| heap.in_nursery(w));
        self.pin_candidates(candidates);

        // 2. Copy everything reachable from the roots.
        let mut gray: Vec<usize> = self.pinned.iter().map(|h| h + HEADER_BYTES).collect();
        for index in 0..self.roots.len() {
            let slot = &mut self.roots[index] as *mut usize as usize;
            self.minor_forward(slot, &mut gray, false);
        }
        for index in 0..self.pending_finalizers.len() {
            let slot = &mut self.pending_finalizers[index].0 as *mut usize as usize;
            self.minor_forward(slot, &mut gray, false);
        }
        for index in 0..self.cleared_weakrefs.len() {
            let slot = &mut self.cleared_weakrefs[index] as *mut usize as usize;
            self.minor_forward(slot, &mut gray, false);
        }
        gray.append(&mut self.remembered);
        let mut still_carded = Vec::new();
        for payload in std::mem::take(&mut self.carded) {
            if self.scan_cards(payload, &mut gray) {
                still_carded.push(payload);
            }
        }
        self.drain_minor(&mut gray, false);

        // 3. Weak references, finalizers, drop hooks.
        let young_weakrefs = std::mem::take(&mut self.young_weakrefs);
        let unreached_weakrefs = self.process_young_weakrefs(young_weakrefs);
        // All unreachable finalizable objects are found before any is
        // resurrected, so that those reachable from one another are
        // finalized together (as CPython does), not one layer per collection.
        let mut unreachable = Vec::new();
        for (payload, finalizer) in std::mem::take(&mut self.young_finalizable) {
            match self.minor_survivor(payload) {
                Some(now) if self.in_nursery(now) => self.young_finalizable.push((now, finalizer)),
                Some(now) => self.old_finalizable.push((now, finalizer)),
                None => unreachable.push((payload, finalizer)),
            }
        }
        for (payload, finalizer) in unreachable {
            let mut slot = payload;
            self.minor_forward(&mut slot as *mut usize as usize, &mut gray, true);
            self.drain_minor(&mut gray, true);
            self.pending_finalizers.push_back((slot, finalizer));
        }
        // Weak references reached only through resurrected objects.
        self.process_young_weakrefs(unreached_weakrefs);
        for payload in std::mem::take(self.drop_list()) {
            match self.minor_survivor(payload) {
                Some(now) if self.in_nursery(now) => self.drop_list().push(now),
                Some(_) => {}
                None => {
                    let dead = obj(payload);
                    if let Some(drop) = self.layout(dead.layout()).and_then(|l| l.drop) {
                        drop(dead);
                    }
                    self.stats.freed_objects += 1;
                }
            }
        }

        // 4. Pinned objects stay in place, young, until the next minor
        // collection; everything else in the nursery is free again.
        let previously_kept = std::mem::take(&mut self.pinned_in_chunk);
        for header in std::mem::take(&mut self.pinned) {
            write(header, read(header) & !FLAG_PINNED);
            let chunk = (header - self.nursery_base) >> CHUNK_SHIFT;
            self.pinned_in_chunk.entry(chunk).or_default().push(header);
        }
        for kept in self.pinned_in_chunk.values_mut() {
            kept.sort_unstable();
        }
        self.remembered = std::mem::take(&mut self.still_remembered);
        self.carded = still_carded;
        for chunk in 0..self.chunk_states.len() {
            // How far this cycle's objects (and the ones kept last time) reach.
            let mut end = match self.chunk_states[chunk] {
                ChunkState::Used => self.chunk_used_end[chunk],
                ChunkState::Free => 0,
            };
            if let Some(&last) = previously_kept.get(&chunk).and_then(|k| k.last()) {
                end = end.max(last + header_total_bytes(read(last)));
            }
            if end == 0 {
                continue;
            }
            if self.config.stress {
                // Poison everything but the objects kept in place.
                let mut cursor = self.nursery_base + chunk * CHUNK_BYTES;
                for &header in self.pinned_in_chunk.get(&chunk).into_iter().flatten() {
                    poison(cursor, header);
                    cursor = header + header_total_bytes(read(header));
                }
                poison(cursor, end);
            }
            self.chunk_dirty_end[chunk] = self.chunk_dirty_end[chunk].max(end);
            self.chunk_states[chunk] = ChunkState::Free;
        }
        self.switch_to_free_chunk(0);

        let pause = start.elapsed();
        self.stats.minor_collections += 1;
        self.stats.minor_pause_total += pause;
        self.stats.minor_pause_max = self.stats.minor_pause_max.max(pause);
        self.stats.old_bytes = self.old_bytes;
    }

    fn mark_header(&mut self, header: usize, stack: &mut Vec<usize>, resurrecting: bool) {
        let h = read(header);
        if h & FLAG_MARK == 0 {
            let resurrected = if resurrecting { FLAG_RESURRECTED } else { 0 };
            write(header, h | FLAG_MARK | resurrected);
            stack.push(header + HEADER_BYTES);
        }
    }

    fn mark_ref(&mut self, word: usize, stack: &mut Vec<usize>, resurrecting: bool) {
        if is_ref_like(word) && self.is_old_object(word) {
            self.mark_header(word - HEADER_BYTES, stack, resurrecting);
        }
    }

    fn drain_major(&mut self, stack: &mut Vec<usize>, resurrecting: bool) {
        while let Some(payload) = stack.pop() {
            self.for_each_slot(payload, |heap, slot| {
                heap.mark_ref(read(slot), stack, resurrecting)
            });
        }
    }

    fn is_marked(payload: usize) -> bool {
        read(payload - HEADER_BYTES) & FLAG_MARK != 0
    }

    /// Clear a live weak reference whose target is dead or only resurrected.
    fn fix_weakref_major(&mut self, weakref: usize) {
        let target = read(weakref);
        if is_ref_like(target) && self.is_old_object(target) {
            let h = read(target - HEADER_BYTES);
            if h & FLAG_MARK == 0 || h & FLAG_RESURRECTED != 0 {
                self.clear_weakref(weakref);
            }
        }
    }

    pub(crate) fn collect_major(&mut self) {
        // Objects the minor collection below finds unreachable and queues for
        // finalization are not roots here: old finalizable objects reachable
        // only from them are just as unreachable, and are finalized together.
        let queued_before = self.pending_finalizers.len();
        self.collect_minor();
        let start = Instant::now();
        let mut stack = Vec::new();
        for header in self.conservative_roots(|heap, w| heap.find_old_object(w).is_some()) {
            if let Some(header) = self.find_old_object(header) {
                self.mark_header(header, &mut stack, false);
            }
        }
        for index in 0..self.roots.len() {
            self.mark_ref(self.roots[index], &mut stack, false);
        }
        for index in 0..queued_before {
            self.mark_ref(self.pending_finalizers[index].0, &mut stack, false);
        }
        for index in 0..self.cleared_weakrefs.len() {
            self.mark_ref(self.cleared_weakrefs[index], &mut stack, false);
        }
        // Objects kept in the nursery are alive until the next minor collection.
        let kept: Vec<usize> = self.pinned_in_chunk.values().flatten().copied().collect();
        for header in kept {
            self.for_each_slot(header + HEADER_BYTES, |heap, slot| {
                heap.mark_ref(read(slot), &mut stack, false)
            });
        }
        self.drain_major(&mut stack, false);

        let mut kept_weakrefs = Vec::new();
        let mut unreached_weakrefs = Vec::new();
        for weakref in std::mem::take(&mut self.old_weakrefs) {
            if Self::is_marked(weakref) {
                self.fix_weakref_major(weakref);
                kept_weakrefs.push(weakref);
            } else {
                unreached_weakrefs.push(weakref);
            }
        }
        // As in the minor collection: find them all, then resurrect.
        let (still_finalizable, unreachable): (Vec<_>, Vec<_>) =
            std::mem::take(&mut self.old_finalizable)
                .into_iter()
                .partition(|&(payload, _)| Self::is_marked(payload));
        for index in queued_before..self.pending_finalizers.len() {
            self.mark_ref(self.pending_finalizers[index].0, &mut stack, true);
        }
        for (payload, finalizer) in unreachable {
            self.mark_header(payload - HEADER_BYTES, &mut stack, true);
            self.pending_finalizers.push_back((payload, finalizer));
        }
        self.drain_major(&mut stack, true);
        self.old_finalizable = still_finalizable;
        for weakref in unreached_weakrefs {
            if Self::is_marked(weakref) {
                self.fix_weakref_major(weakref);
                kept_weakrefs.push(weakref);
            }
        }
        self.old_weakrefs = kept_weakrefs;
        // The young list also holds old weak references whose target is a
        // kept young object: drop the dead ones, fix the others.
        let young_weakrefs = std::mem::take(&mut self.young_weakrefs);
        for weakref in young_weakrefs {
            if self.in_nursery(weakref) || Self::is_marked(weakref) {
                self.fix_weakref_major(weakref);
                self.young_weakrefs.push(weakref);
            }
        }
        // Old objects remembered because they point to kept young objects may
        // have died: the next minor collection must not scan freed memory.
        self.remembered.retain(|&payload| Self::is_marked(payload));
        self.carded.retain(|&payload| Self::is_marked(payload));

        let survivors = self.sweep();
        self.old_bytes = survivors;
        self.next_major_at = self
            .config
            .min_major_threshold
            .max((survivors as f64 * self.config.major_growth) as usize);

        let pause = start.elapsed();
        self.stats.major_collections += 1;
        self.stats.major_pause_total += pause;
        self.stats.major_pause_max = self.stats.major_pause_max.max(pause);
        self.stats.old_bytes = survivors;
        self.stats.last_major_survivors = survivors;
    }

    /// An unmarked old object dies: drop hook, poison in stress mode.
    fn kill(&mut self, header: usize) {
        let dead = obj(header + HEADER_BYTES);
        if let Some(drop) = self.layout(dead.layout()).and_then(|l| l.drop) {
            drop(dead);
        }
        if self.config.stress {
            poison(
                header + HEADER_BYTES,
                header + header_total_bytes(read(header)),
            );
        }
        self.stats.freed_objects += 1;
    }

    /// Free every unmarked old object, clear the marks; returns surviving bytes.
    fn sweep(&mut self) -> usize {
        const UNMARK: usize = !(FLAG_MARK | FLAG_RESURRECTED);
        let mut survivors = 0;
        self.free_lists.fill(0);
        // The sweep links every free slot, untouched ones included.
        self.fresh.fill((0, 0));
        let mut index = 0;
        while index < self.pages.len() {
            let base = self.pages[index];
            let Some(&PageKind::Small { class }) = self.page_map.get(&(base >> CHUNK_SHIFT)) else {
                index += 1;
                continue;
            };
            let slot_bytes = class_slot_bytes(class as usize);
            let slots = CHUNK_BYTES / slot_bytes;
            let mut live = 0;
            for slot in 0..slots {
                let header = base + slot * slot_bytes;
                let h = read(header);
                if h == 0 {
                    continue;
                }
                if h & FLAG_MARK != 0 {
                    write(header, h & UNMARK);
                    survivors += header_total_bytes(h);
                    live += 1;
                } else {
                    self.kill(header);
                    write(header, 0);
                }
            }
            if live == 0 {
                self.pages.swap_remove(index);
                self.free_page(base);
                continue;
            }
            for slot in (0..slots).rev() {
                let header = base + slot * slot_bytes;
                if read(header) == 0 {
                    write(header + 8, self.free_lists[class as usize]);
                    self.free_lists[class as usize] = header;
                }
            }
            index += 1;
        }

        let large: Vec<usize> = self.large.keys().copied().collect();
        for header in large {
            let h = read(header);
            if h & FLAG_MARK != 0 {
                write(header, h & UNMARK);
                survivors += header_total_bytes(h);
            } else {
                self.kill(header);
                self.free_large(header);
            }
        }

        survivors
    }
}

/// Median of a list of pauses (for statistics and benchmarks).
pub fn median(pauses: &mut [Duration]) -> Duration {
    if pauses.is_empty() {
        return Duration::ZERO;
    }
    pauses.sort_unstable();
    pauses[pauses.len() / 2]
}
