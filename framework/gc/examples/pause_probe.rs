//! Probe: minor pauses with 1 MB of survivors, printing the slow ones.
use std::time::Instant;

use retrace_gc::{GcPtr, HeapConfig, Layout, Refs, Root, alloc, collect_minor, stats};

#[inline(never)]
fn build(layout: retrace_gc::LayoutId, root: &Root) {
    let mut head: Option<GcPtr> = None;
    for i in 0..32768usize {
        let obj = alloc(layout, 24).unwrap();
        obj.store(0, head.map_or(0, GcPtr::addr));
        obj.store(2, i | 1);
        head = Some(obj);
    }
    root.set(head);
}

fn main() {
    retrace_gc::configure(HeapConfig {
        nursery_bytes: 4 << 20,
        ..HeapConfig::default()
    })
    .ok();
    let layout = retrace_gc::register_layout(Layout::new("r", Refs::fields(&[0, 1]))).unwrap();
    let root = Root::new(None).unwrap();
    for round in 0..300 {
        collect_minor();
        build(layout, &root);
        let majors = stats().major_collections;
        let start = Instant::now();
        collect_minor();
        let pause = start.elapsed();
        if pause.as_micros() > 2000 {
            let s = stats();
            println!(
                "round {round}: {pause:?} majors {} -> {} committed {} KB",
                majors,
                s.major_collections,
                s.committed_bytes >> 10
            );
        }
        root.set(None);
    }
    retrace_gc::print_stats();
}
