//! Configuration and statistics of a thread's heap.

use std::time::Duration;

/// Settings of one thread's heap. `HeapConfig::default()` reads the
/// `RETRACE_GC_*` environment variables.
#[derive(Clone, Debug)]
pub struct HeapConfig {
    /// Nursery size in bytes (rounded to whole 32 KB chunks, at least two).
    /// Env: `RETRACE_GC_NURSERY` (bytes, or with a `k`/`m` suffix).
    pub nursery_bytes: usize,
    /// Allocation fails with [`crate::AllocError::OutOfMemory`] past this many
    /// committed bytes (nursery included). Env: `RETRACE_GC_MAX_HEAP`.
    pub max_heap_bytes: Option<usize>,
    /// A major collection starts when the old generation reaches this factor
    /// times what survived the previous one (PyPy's 1.82).
    pub major_growth: f64,
    /// No major collection is started by growth below this many old bytes.
    pub min_major_threshold: usize,
    /// Collect at every allocation and poison freed memory. Env:
    /// `RETRACE_GC_STRESS=1`.
    pub stress: bool,
    /// Print statistics when the heap is dropped (thread or process exit).
    /// Env: `RETRACE_GC_STATS=1`.
    pub print_stats: bool,
}

fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0")
}

fn env_bytes(name: &str) -> Option<usize> {
    let text = std::env::var(name).ok()?;
    parse_bytes(&text)
}

/// Parse "123", "64k", "16m", "1g" (case-insensitive).
pub(crate) fn parse_bytes(text: &str) -> Option<usize> {
    let text = text.trim().to_ascii_lowercase();
    let (digits, scale) = match text.as_bytes().last()? {
        b'k' => (&text[..text.len() - 1], 1usize << 10),
        b'm' => (&text[..text.len() - 1], 1 << 20),
        b'g' => (&text[..text.len() - 1], 1 << 30),
        _ => (&text[..], 1),
    };
    digits.parse::<usize>().ok()?.checked_mul(scale)
}

impl Default for HeapConfig {
    fn default() -> HeapConfig {
        HeapConfig {
            nursery_bytes: env_bytes("RETRACE_GC_NURSERY").unwrap_or(2 << 20),
            max_heap_bytes: env_bytes("RETRACE_GC_MAX_HEAP"),
            major_growth: 1.82,
            min_major_threshold: 8 << 20,
            stress: env_flag("RETRACE_GC_STRESS"),
            print_stats: env_flag("RETRACE_GC_STATS"),
        }
    }
}

/// Counters of one thread's heap, from [`crate::stats`].
#[derive(Clone, Debug, Default)]
pub struct GcStats {
    pub minor_collections: u64,
    pub major_collections: u64,
    pub minor_pause_total: Duration,
    pub minor_pause_max: Duration,
    pub major_pause_total: Duration,
    pub major_pause_max: Duration,
    /// Bytes copied out of the nursery (promoted) since the start.
    pub promoted_bytes: u64,
    /// Nursery objects pinned by the conservative scan since the start.
    pub pinned_objects: u64,
    /// Cards of large arrays scanned by minor collections.
    pub cards_scanned: u64,
    /// Bytes allocated outside the nursery (large and overflow objects).
    pub old_allocated_bytes: u64,
    /// Bytes of old objects (estimate between major collections, exact after).
    pub old_bytes: usize,
    /// Bytes that survived the last major collection.
    pub last_major_survivors: usize,
    /// Bytes obtained from the system (nursery, pages, large objects).
    pub committed_bytes: usize,
    pub peak_committed_bytes: usize,
    /// Objects freed by major collections, and nursery objects with drop hooks
    /// that died young.
    pub freed_objects: u64,
    pub finalizers_run: u64,
}

impl std::fmt::Display for GcStats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let avg = |total: Duration, n: u64| {
            if n == 0 {
                Duration::ZERO
            } else {
                Duration::from_secs_f64(total.as_secs_f64() / n as f64)
            }
        };
        writeln!(
            f,
            "retrace-gc: {} minor collections (avg {:?}, max {:?}), {} major (avg {:?}, max {:?})",
            self.minor_collections,
            avg(self.minor_pause_total, self.minor_collections),
            self.minor_pause_max,
            self.major_collections,
            avg(self.major_pause_total, self.major_collections),
            self.major_pause_max,
        )?;
        writeln!(
            f,
            "retrace-gc: promoted {} KB, pinned {} objects, old {} KB, last major kept {} KB",
            self.promoted_bytes >> 10,
            self.pinned_objects,
            self.old_bytes >> 10,
            self.last_major_survivors >> 10,
        )?;
        write!(
            f,
            "retrace-gc: committed {} KB (peak {} KB), freed {} objects, {} finalizers run",
            self.committed_bytes >> 10,
            self.peak_committed_bytes >> 10,
            self.freed_objects,
            self.finalizers_run,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::parse_bytes;

    #[test]
    fn byte_sizes_parse_with_suffixes() {
        assert_eq!(parse_bytes("4096"), Some(4096));
        assert_eq!(parse_bytes("64k"), Some(64 << 10));
        assert_eq!(parse_bytes(" 2M "), Some(2 << 20));
        assert_eq!(parse_bytes("1g"), Some(1 << 30));
        assert_eq!(parse_bytes("lots"), None);
        assert_eq!(parse_bytes(""), None);
        assert_eq!(parse_bytes("99999999999999999999g"), None);
    }
}
