//! Conservative roots: the current thread's native stack and callee-saved
//! registers.
//!
//! A collection starts deep inside the allocator, called from client code
//! whose frames may hold `GcPtr`s in stack slots or in callee-saved registers
//! that no frame has spilled yet. `with_spilled_stack` first stores the
//! callee-saved registers into a local array (inline asm: no setjmp, no
//! `ucontext`), then hands the collector the address range from its own stack
//! pointer up to the top of the thread's stack. Every aligned word in that range
//! is a candidate root; the caller decides whether it points into the heap.
//! Caller-saved registers need nothing: the ABI makes callers spill them before
//! any call. The stack top comes from `pthread_getattr_np` once per thread.

use std::arch::asm;

/// The current thread's stack as (lowest address, one past the highest), or
/// `None` if the platform cannot say.
pub(crate) fn current_stack_bounds() -> Option<(usize, usize)> {
    // SAFETY: pthread_attr_t is plain data that pthread_getattr_np fills in;
    // we destroy it after reading the stack bounds.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let mut base: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let rc = libc::pthread_attr_getstack(&attr, &mut base, &mut size);
        libc::pthread_attr_destroy(&mut attr);
        if rc != 0 {
            return None;
        }
        Some((base as usize, base as usize + size))
    }
}

#[cfg(target_arch = "x86_64")]
const SAVED_REGS: usize = 6;
#[cfg(target_arch = "aarch64")]
const SAVED_REGS: usize = 12;

/// Spill the callee-saved registers, then call `f(low)` where `low` is this
/// frame's stack pointer: the words from `low` to the stack top are the
/// client's frames plus the spilled registers. Collector entry points call this
/// first, so that the collector's own frames (below `low`) are never scanned:
/// their stale words would keep garbage alive.
#[inline(never)]
pub(crate) fn with_spilled_stack<R>(f: impl FnOnce(usize) -> R) -> R {
    let mut saved = [0usize; SAVED_REGS];
    let sp: usize;
    let slots = saved.as_mut_ptr();
    #[cfg(target_arch = "x86_64")]
    // SAFETY: only stores registers into the six words of `saved` and reads rsp.
    unsafe {
        asm!(
            "mov [{s}], rbx",
            "mov [{s} + 8], rbp",
            "mov [{s} + 16], r12",
            "mov [{s} + 24], r13",
            "mov [{s} + 32], r14",
            "mov [{s} + 40], r15",
            "mov {sp}, rsp",
            s = in(reg) slots,
            sp = out(reg) sp,
            options(nostack, preserves_flags),
        );
    }
    #[cfg(target_arch = "aarch64")]
    // SAFETY: only stores registers into the twelve words of `saved` and reads sp.
    unsafe {
        asm!(
            "stp x19, x20, [{s}]",
            "stp x21, x22, [{s}, #16]",
            "stp x23, x24, [{s}, #32]",
            "stp x25, x26, [{s}, #48]",
            "stp x27, x28, [{s}, #64]",
            "stp x29, x30, [{s}, #80]",
            "mov {sp}, sp",
            s = in(reg) slots,
            sp = out(reg) sp,
            options(nostack, preserves_flags),
        );
    }
    // Keep the spilled array alive in memory, inside the scanned range.
    std::hint::black_box(&mut saved);
    let result = f(sp.min(saved.as_ptr() as usize));
    std::hint::black_box(&mut saved);
    result
}

/// Overwrite the stack just below the caller's frame. Called after a
/// collection: the collector's dead frames hold addresses of objects, and the
/// next entry point's frames (which are scanned) would otherwise inherit them
/// in their padding and keep garbage alive.
#[inline(never)]
pub(crate) fn scrub_below() {
    let mut area = [0usize; 2048];
    std::hint::black_box(&mut area);
}

/// Zero the stack from below the caller's frame down to about `target`.
/// Called when a heap goes away with its thread: glibc hands a dead thread's
/// stack to the next thread it creates, and stale addresses left on it would
/// look like roots to that thread's heap, which may have been given the same
/// memory.
#[inline(never)]
pub(crate) fn scrub_down_to(target: usize) {
    let mut area = [0usize; 512];
    std::hint::black_box(&mut area);
    if area.as_ptr() as usize > target {
        scrub_down_to(target);
    }
    // Keeps the frame alive across the call, so the recursion goes deeper.
    std::hint::black_box(&mut area);
}

/// Call `visit` with every aligned word in `[low, high)`.
pub(crate) fn scan_range(low: usize, high: usize, mut visit: impl FnMut(usize)) {
    let mut addr = low.next_multiple_of(8);
    while addr + 8 <= high {
        // SAFETY: the range is this thread's live stack (or a range the client
        // registered as readable); a volatile read keeps the compiler from
        // reasoning about what the words "should" contain.
        let word = unsafe { std::ptr::read_volatile(addr as *const usize) };
        visit(word);
        addr += 8;
    }
}
