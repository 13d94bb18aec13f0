//! `jit_fresh_object`: what a JIT learns about an allocating helper by
//! watching the object it returned.

use retrace_gc::{
    HEADER_BYTES, Layout, Refs, alloc, collect_major, header_word, jit_fresh_object,
    register_layout,
};

#[test]
fn fresh_young_objects_report_their_header_and_size() {
    let pair = register_layout(Layout::new("fresh-pair", Refs::fields(&[1]))).unwrap();
    let obj = alloc(pair, 24).unwrap();
    let (header, bytes) = jit_fresh_object(obj.addr()).expect("a fresh young object");
    assert_eq!(Some(header), header_word(pair, 24));
    assert_eq!(bytes, 24);
    // An interior address, a misaligned one and a non-heap one are refused.
    assert_eq!(jit_fresh_object(obj.addr() + 8), None);
    assert_eq!(jit_fresh_object(obj.addr() + 1), None);
    let local = [0usize; 4];
    assert_eq!(
        jit_fresh_object(local.as_ptr() as usize + HEADER_BYTES),
        None
    );
    // Once old (promoted by a collection while a local keeps it), it is not fresh.
    let kept = std::hint::black_box(obj);
    collect_major();
    if kept.is_old() {
        assert_eq!(jit_fresh_object(kept.addr()), None);
    }
}

#[test]
fn layouts_that_need_the_slow_path_are_refused() {
    fn on_drop(_: retrace_gc::GcPtr) {}
    let with_drop =
        register_layout(Layout::new("fresh-dropper", Refs::none()).with_drop(on_drop)).unwrap();
    let obj = alloc(with_drop, 16).unwrap();
    assert_eq!(jit_fresh_object(obj.addr()), None);
}
