//! Compile time of loop traces, from IR to callable machine code, and the
//! optimizer's time on them. Traces come from `retrace_jit::testing` (the
//! unit tests run the same ones):
//!
//! - the tagged sum loop (18 ops: tag, bound and overflow guards);
//! - a 155-op loop (13 sections of load, tag guard, helper call, checked
//!   add, store and float arithmetic), the size of the toylang benchmarks'
//!   traces, as recorded and as the optimizer leaves it (peeled).

use criterion::{Criterion, criterion_group, criterion_main};
use retrace_jit::testing::{big_loop, tagged_sum_loop};
use std::hint::black_box;

fn compile_time(c: &mut Criterion) {
    let sum = tagged_sum_loop();
    c.bench_function("compile sum loop trace", |b| {
        b.iter(|| retrace_jit::compile(black_box(&sum)).expect("compiles"))
    });
    c.bench_function("optimize sum loop trace", |b| {
        b.iter(|| retrace_jit::optimize(black_box(&sum)))
    });
    let big = big_loop(13);
    c.bench_function("compile 155-op loop trace", |b| {
        b.iter(|| retrace_jit::compile(black_box(&big)).expect("compiles"))
    });
    let (optimized, _) = retrace_jit::optimize(&big);
    c.bench_function("compile 155-op loop trace, optimized", |b| {
        b.iter(|| retrace_jit::compile(black_box(&optimized)).expect("compiles"))
    });
    c.bench_function("optimize 155-op loop trace", |b| {
        b.iter(|| retrace_jit::optimize(black_box(&big)))
    });
}

criterion_group!(benches, compile_time);
criterion_main!(benches);
