//! Allocation rate of short-lived small objects against `Box::new`, and the
//! pause of a minor collection with 1 MB of survivors.
//!
//! Run: `cargo bench -p retrace-gc`. Each short-lived figure is for a batch of
//! 10,000 allocations (criterion's "thrpt" line is allocations per second);
//! the pause benchmark also prints its median directly.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use retrace_gc::{GcPtr, HeapConfig, Layout, LayoutId, Refs, Root, alloc, collect_minor};

const BATCH: u64 = 10_000;

fn record_layout() -> LayoutId {
    retrace_gc::register_layout(Layout::new("bench-record", Refs::fields(&[0, 1]))).unwrap()
}

#[inline(never)]
fn gc_batch(layout: LayoutId, words: usize) {
    for i in 0..BATCH as usize {
        let obj = alloc(layout, words * 8).unwrap();
        obj.store(words - 1, i | 1);
        black_box(obj);
    }
}

#[inline(never)]
fn box_batch<const N: usize>() {
    for i in 0..BATCH as usize {
        let mut obj = Box::new([0usize; N]);
        obj[N - 1] = i | 1;
        black_box(obj);
    }
}

fn short_lived(c: &mut Criterion) {
    let layout = record_layout();
    let mut group = c.benchmark_group("short_lived");
    group.throughput(Throughput::Elements(BATCH));
    group.measurement_time(Duration::from_secs(3));
    group.warm_up_time(Duration::from_secs(1));
    group.bench_function("gc_2_words", |b| b.iter(|| gc_batch(layout, 2)));
    group.bench_function("box_2_words", |b| b.iter(box_batch::<2>));
    group.bench_function("gc_3_words", |b| b.iter(|| gc_batch(layout, 3)));
    group.bench_function("box_3_words", |b| b.iter(box_batch::<3>));
    group.bench_function("gc_4_words", |b| b.iter(|| gc_batch(layout, 4)));
    group.bench_function("box_4_words", |b| b.iter(box_batch::<4>));
    // Objects with a drop hook take the slow path (the collector must learn
    // of their death without walking the nursery).
    let hooked = retrace_gc::register_layout(
        Layout::new("bench-hooked", Refs::fields(&[0])).with_drop(|obj| {
            black_box(obj);
        }),
    )
    .unwrap();
    group.bench_function("gc_3_words_drop_hook", |b| b.iter(|| gc_batch(hooked, 3)));
    group.finish();
}

/// Build a linked list of young records totalling `bytes` (headers included),
/// held by `root`.
#[inline(never)]
fn build_survivors(layout: LayoutId, root: &Root, bytes: usize) {
    let count = bytes / 32; // 8-byte header + 3 payload words
    let mut head: Option<GcPtr> = None;
    for i in 0..count {
        let obj = alloc(layout, 24).unwrap();
        obj.store(0, head.map_or(0, GcPtr::addr));
        obj.store(2, i | 1);
        head = Some(obj);
    }
    root.set(head);
}

fn minor_pause(c: &mut Criterion) {
    retrace_gc::configure(HeapConfig {
        nursery_bytes: 4 << 20,
        ..HeapConfig::default()
    })
    .ok();
    let layout = record_layout();
    let root = Root::new(None).unwrap();
    let mut pauses = Vec::new();
    let mut group = c.benchmark_group("minor_pause");
    group.measurement_time(Duration::from_secs(4));
    group.warm_up_time(Duration::from_secs(1));
    group.sample_size(30);
    group.bench_function("1MB_survivors", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                collect_minor();
                build_survivors(layout, &root, 1 << 20);
                let start = Instant::now();
                collect_minor();
                let pause = start.elapsed();
                total += pause;
                pauses.push(pause);
                root.set(None);
            }
            total
        })
    });
    group.finish();
    if pauses.is_empty() {
        return; // filtered out
    }
    let median = retrace_gc::median(&mut pauses);
    let percentile = |p: usize| pauses[(pauses.len() * p / 100).min(pauses.len() - 1)];
    println!(
        "minor pause with 1 MB of survivors: median {median:?}, p10 {:?}, p90 {:?}, over {} collections",
        percentile(10),
        percentile(90),
        pauses.len()
    );
}

criterion_group!(benches, short_lived, minor_pause);
criterion_main!(benches);
