//! Allocate a few million short-lived objects while keeping a growing list
//! alive. Try it with `RETRACE_GC_STATS=1` (statistics at exit) or
//! `RETRACE_GC_STRESS=1`:
//! `RETRACE_GC_STATS=1 cargo run --release -p retrace-gc --example churn`

use std::hint::black_box;

use retrace_gc::{GcPtr, Layout, Refs, Root, alloc, register_layout};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cell = register_layout(Layout::new("cell", Refs::fields(&[0])))?;
    let keep = Root::new(None)?;
    for i in 0..3_000_000usize {
        let obj = alloc(cell, 24)?;
        obj.store(1, i);
        if i % 100 == 0 {
            obj.store_ref(0, keep.get());
            keep.set(Some(obj));
        }
        black_box(obj);
    }
    let mut length = 0;
    let mut cursor: Option<GcPtr> = keep.get();
    while let Some(obj) = cursor {
        length += 1;
        cursor = obj.load_ref(0);
    }
    println!("kept {length} objects");
    Ok(())
}
