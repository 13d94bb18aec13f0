//! Randomized mutator: random object graphs (cycles, large objects, objects
//! owning Rust vectors, weak references), random re-linking and dropping,
//! collections at random points. After every collection the graph reachable
//! from the roots is compared with a model; at the end every unreachable
//! object must have been freed, counted through drop hooks.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet, VecDeque};
use std::hint::black_box;
use std::sync::OnceLock;

use retrace_gc::{
    GcPtr, Layout, LayoutId, Refs, Root, Tracer, alloc, alloc_weak, collect_major, collect_minor,
    register_layout, set_stress, weak_get, write_barrier,
};

const ROOT_SLOTS: usize = 16;
const EDGES: usize = 3;
const ARRAY_EDGES: [usize; EDGES] = [2, 900, 2400];

/// The payload word of edge `index` of an object of `kind`.
fn edge_word(kind: Kind, index: usize) -> usize {
    if kind == Kind::BigArray {
        ARRAY_EDGES[index]
    } else {
        2 + index
    }
}

thread_local! {
    static FREED: RefCell<HashSet<u64>> = RefCell::new(HashSet::new());
    static FINALIZED: RefCell<HashMap<u64, u32>> = RefCell::new(HashMap::new());
    /// Ids are unique per thread across mutators: a stray object of an
    /// earlier run freed late must not look like one of this run.
    static NEXT_ID: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
    static DOUBLE_FREES: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

fn check_word(id: u64) -> usize {
    (id as usize).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1
}

fn record_free(obj: GcPtr) {
    let id = obj.load(0) as u64;
    let _ = FREED.try_with(|freed| {
        if !freed.borrow_mut().insert(id) {
            let _ = DOUBLE_FREES.try_with(|d| d.borrow_mut().push(id));
        }
    });
}

fn finalize(obj: GcPtr) {
    let id = obj.load(0) as u64;
    FINALIZED.with(|f| *f.borrow_mut().entry(id).or_default() += 1);
}

fn finalized_count(id: u64) -> u32 {
    FINALIZED.with(|f| f.borrow().get(&id).copied().unwrap_or(0))
}

fn was_freed(id: u64) -> bool {
    FREED.with(|f| f.borrow().contains(&id))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// Fixed record, drop hook: [id, check, r0, r1, r2].
    Node,
    /// Same shape, no hook: allocated by the inline fast path.
    Plain,
    /// [id, check, r0, r1, r2, raw..., check]: 5 KB (born old) or 20 KB (large).
    Big,
    /// [id, check, refs...] of 20 KB: a large array with a card table; its
    /// edges are the words at `ARRAY_EDGES`, in different cards.
    BigArray,
    /// [id, check, Box<Vec<usize>>]: references in Rust memory.
    Vector,
    /// A weak reference.
    Weak,
}

struct Layouts {
    node: LayoutId,
    plain: LayoutId,
    big: LayoutId,
    big_array: LayoutId,
    vector: LayoutId,
    table: LayoutId,
}

fn vector_items(obj: GcPtr) -> Option<&'static mut Vec<usize>> {
    // SAFETY: word 2 is null or the object's leaked Box<Vec<usize>>.
    unsafe { (obj.load(2) as *mut Vec<usize>).as_mut() }
}

fn trace_vector(obj: GcPtr, tracer: &mut Tracer<'_>) {
    if let Some(items) = vector_items(obj) {
        items.iter_mut().for_each(|slot| tracer.edge(slot));
    }
}

fn drop_vector(obj: GcPtr) {
    record_free(obj);
    if obj.load(2) != 0 {
        // SAFETY: the object owns the box and is dying.
        drop(unsafe { Box::from_raw(obj.load(2) as *mut Vec<usize>) });
    }
}

fn layouts() -> &'static Layouts {
    static LAYOUTS: OnceLock<Layouts> = OnceLock::new();
    LAYOUTS.get_or_init(|| {
        let record = Refs::fields(&[2, 3, 4]);
        Layouts {
            node: register_layout(Layout::new("node", record.clone()).with_drop(record_free))
                .unwrap(),
            plain: register_layout(Layout::new("plain", record.clone())).unwrap(),
            big: register_layout(Layout::new("big", record).with_drop(record_free)).unwrap(),
            big_array: register_layout(
                Layout::new("big-array", Refs::array(2)).with_drop(record_free),
            )
            .unwrap(),
            vector: register_layout(
                Layout::new("vector", Refs::none())
                    .with_trace(trace_vector)
                    .with_drop(drop_vector),
            )
            .unwrap(),
            table: register_layout(Layout::new("table", Refs::array(0))).unwrap(),
        }
    })
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

struct ModelNode {
    kind: Kind,
    /// Fixed edges (Node, Plain, Big) or vector items (Vector).
    edges: Vec<Option<u64>>,
    /// For Weak: the target.
    target: Option<u64>,
}

const HELD_SLOTS: usize = 4;

struct Mutator {
    rng: Rng,
    table: Root,
    roots: Vec<Option<u64>>,
    /// Objects held only in this array, which lives in a stack frame: the
    /// collector must find (and pin) them through the conservative scan.
    held: [usize; HELD_SLOTS],
    held_ids: [Option<u64>; HELD_SLOTS],
    /// Give some records a finalizer (weak references to what they reach
    /// may then be cleared while it is kept alive for the finalizer).
    finalizers: bool,
    finalizable: Vec<u64>,
    model: HashMap<u64, ModelNode>,
    checks: usize,
}

impl Mutator {
    fn new(seed: u64, finalizers: bool) -> Mutator {
        let table = alloc(layouts().table, ROOT_SLOTS * 8).unwrap();
        Mutator {
            rng: Rng(seed | 1),
            table: Root::new(Some(table)).unwrap(),
            roots: vec![None; ROOT_SLOTS],
            held: [0; HELD_SLOTS],
            held_ids: [None; HELD_SLOTS],
            finalizers,
            finalizable: Vec::new(),
            model: HashMap::new(),
            checks: 0,
        }
    }

    fn table(&self) -> GcPtr {
        self.table.get().unwrap()
    }

    fn new_object(&mut self) -> (GcPtr, u64) {
        let id = NEXT_ID.with(|next| next.replace(next.get() + 1));
        let l = layouts();
        let roll = self.rng.below(100);
        let kind = match roll {
            0..40 => Kind::Node,
            40..70 => Kind::Plain,
            70..73 => Kind::Big,
            73..75 => Kind::BigArray,
            75..85 => Kind::Vector,
            _ => Kind::Weak,
        };
        let obj = match kind {
            Kind::Node | Kind::Plain => {
                let layout = if kind == Kind::Node { l.node } else { l.plain };
                let obj = alloc(layout, (2 + EDGES) * 8).unwrap();
                if kind == Kind::Node && self.finalizers && self.rng.chance(15) {
                    obj.store(0, id as usize);
                    retrace_gc::register_finalizer(obj, finalize).unwrap();
                    self.finalizable.push(id);
                }
                obj
            }
            Kind::BigArray => {
                let obj = alloc(l.big_array, 20 << 10).unwrap();
                assert_ne!(obj.header() & retrace_gc::FLAG_CARDS, 0);
                obj.store(obj.payload_words() - 1, check_word(id));
                obj
            }
            Kind::Big => {
                let bytes = if self.rng.chance(50) {
                    5 << 10
                } else {
                    20 << 10
                };
                let obj = alloc(l.big, bytes).unwrap();
                obj.store(obj.payload_words() - 1, check_word(id));
                obj
            }
            Kind::Vector => {
                let obj = alloc(l.vector, 24).unwrap();
                obj.store(2, Box::into_raw(Box::new(Vec::<usize>::new())) as usize);
                obj
            }
            Kind::Weak => {
                let target = self.pick_reachable();
                let weak = alloc_weak(target.map(|t| t.0)).unwrap();
                self.model.insert(
                    id,
                    ModelNode {
                        kind,
                        edges: Vec::new(),
                        target: target.map(|t| t.1),
                    },
                );
                return (weak, id);
            }
        };
        obj.store(0, id as usize);
        obj.store(1, check_word(id));
        let edges = if kind == Kind::Vector {
            Vec::new()
        } else {
            vec![None; EDGES]
        };
        self.model.insert(
            id,
            ModelNode {
                kind,
                edges,
                target: None,
            },
        );
        (obj, id)
    }

    /// A random object reachable from the roots, by a short random walk.
    fn pick_reachable(&mut self) -> Option<(GcPtr, u64)> {
        let (mut obj, mut id) = if self.rng.chance(20) {
            let slot = self.rng.below(HELD_SLOTS);
            let id = self.held_ids[slot]?;
            // SAFETY: held objects are pinned by the stack scan.
            (unsafe { GcPtr::from_addr(self.held[slot]) }.unwrap(), id)
        } else {
            let slot = self.rng.below(ROOT_SLOTS);
            (self.table().load_ref(slot)?, self.roots[slot]?)
        };
        for _ in 0..self.rng.below(6) {
            let node = &self.model[&id];
            if node.edges.is_empty() {
                break;
            }
            let index = self.rng.below(node.edges.len());
            let Some(next) = node.edges[index] else { break };
            obj = match node.kind {
                Kind::Vector => {
                    // SAFETY: vector items are live objects kept by the trace hook.
                    unsafe { GcPtr::from_addr(vector_items(obj).unwrap()[index]) }.unwrap()
                }
                kind => obj.load_ref(edge_word(kind, index)).unwrap(),
            };
            id = next;
        }
        Some((obj, id))
    }

    /// Store `value` into a random edge of `holder`.
    fn link(&mut self, holder: (GcPtr, u64), value: Option<(GcPtr, u64)>) {
        let (obj, id) = holder;
        let kind = self.model[&id].kind;
        match kind {
            Kind::Weak => {}
            Kind::Vector => {
                if let Some((target, target_id)) = value {
                    let items = vector_items(obj).unwrap();
                    if items.len() < 8 {
                        items.push(target.addr());
                        write_barrier(obj);
                        self.model.get_mut(&id).unwrap().edges.push(Some(target_id));
                    } else {
                        let index = self.rng.below(items.len());
                        items[index] = target.addr();
                        write_barrier(obj);
                        self.model.get_mut(&id).unwrap().edges[index] = Some(target_id);
                    }
                } else if let Some(items) = vector_items(obj)
                    && items.pop().is_some()
                {
                    self.model.get_mut(&id).unwrap().edges.pop();
                }
            }
            _ => {
                let index = self.rng.below(EDGES);
                obj.store_ref(edge_word(kind, index), value.map(|v| v.0));
                self.model.get_mut(&id).unwrap().edges[index] = value.map(|v| v.1);
            }
        }
    }

    fn step(&mut self) {
        match self.rng.below(100) {
            0..30 => {
                let new = self.new_object();
                if self.rng.chance(40) {
                    let slot = self.rng.below(ROOT_SLOTS);
                    self.table().store_ref(slot, Some(new.0));
                    self.roots[slot] = Some(new.1);
                } else if let Some(holder) = self.pick_reachable() {
                    self.link(holder, Some(new));
                }
            }
            30..60 => {
                if let (Some(a), Some(b)) = (self.pick_reachable(), self.pick_reachable()) {
                    self.link(a, Some(b));
                }
            }
            60..72 => {
                if let Some(a) = self.pick_reachable() {
                    self.link(a, None);
                }
            }
            72..77 => {
                let slot = self.rng.below(ROOT_SLOTS);
                self.table().store_ref(slot, None);
                self.roots[slot] = None;
            }
            77..80 => {
                if let Some(a) = self.pick_reachable() {
                    let slot = self.rng.below(ROOT_SLOTS);
                    self.table().store_ref(slot, Some(a.0));
                    self.roots[slot] = Some(a.1);
                }
            }
            80..86 => {
                // Hold something (or nothing) in a stack-only slot.
                let slot = self.rng.below(HELD_SLOTS);
                let value = match self.rng.below(3) {
                    0 => Some(self.new_object()),
                    1 => self.pick_reachable(),
                    _ => None,
                };
                self.held[slot] = value.map_or(0, |v| v.0.addr());
                self.held_ids[slot] = value.map(|v| v.1);
            }
            _ => {
                // Short-lived garbage.
                for _ in 0..self.rng.below(20) {
                    black_box(alloc(layouts().plain, 40).unwrap());
                }
            }
        }
    }

    /// Ids reachable from the roots in the model (weak edges not followed).
    fn model_reachable(&self) -> HashSet<u64> {
        let mut seen = HashSet::new();
        let mut queue: VecDeque<u64> = self.roots.iter().flatten().copied().collect();
        queue.extend(self.held_ids.iter().flatten());
        while let Some(id) = queue.pop_front() {
            if seen.insert(id) {
                queue.extend(self.model[&id].edges.iter().flatten());
            }
        }
        seen
    }

    /// Walk the real heap and the model together from the roots.
    fn verify(&mut self) {
        self.checks += 1;
        let reachable = self.model_reachable();
        let mut seen: HashMap<u64, usize> = HashMap::new();
        let mut queue: VecDeque<(GcPtr, u64)> = VecDeque::new();
        for (slot, id) in self.roots.iter().enumerate() {
            let real = self.table().load_ref(slot);
            match id {
                None => assert_eq!(real, None, "root slot {slot} should be empty"),
                Some(id) => queue.push_back((real.expect("root slot lost its object"), *id)),
            }
        }
        for (slot, id) in self.held_ids.iter().enumerate() {
            if let Some(id) = id {
                // SAFETY: held objects are pinned, so they never move.
                let obj = unsafe { GcPtr::from_addr(self.held[slot]) }.unwrap();
                queue.push_back((obj, *id));
            }
        }
        while let Some((obj, id)) = queue.pop_front() {
            if let Some(&addr) = seen.get(&id) {
                assert_eq!(addr, obj.addr(), "object {id} seen at two addresses");
                continue;
            }
            seen.insert(id, obj.addr());
            let node = &self.model[&id];
            if node.kind == Kind::Weak {
                assert_eq!(obj.payload_words(), 1);
                let target = weak_get(obj);
                match (node.target, target) {
                    (None, found) => assert_eq!(found, None),
                    (Some(t), Some(found)) => {
                        if self.model[&t].kind != Kind::Weak {
                            assert_eq!(
                                found.load(0) as u64,
                                t,
                                "weak ref {id} points elsewhere ({:?} -> {:?}, reachable {})",
                                self.model[&t].kind,
                                self.model.get(&(found.load(0) as u64)).map(|n| n.kind),
                                reachable.contains(&t)
                            );
                        }
                        assert!(!was_freed(t), "weak ref {id} points to freed {t}");
                    }
                    (Some(t), None) => {
                        assert!(!reachable.contains(&t), "weak ref {id} cleared, {t} alive");
                        let kind = self.model[&t].kind;
                        if kind != Kind::Plain && kind != Kind::Weak && !self.finalizers {
                            assert!(was_freed(t), "weak ref {id} cleared but {t} not freed");
                        }
                    }
                }
                continue;
            }
            assert_eq!(obj.load(0) as u64, id, "object {id} corrupted");
            assert_eq!(obj.load(1), check_word(id), "object {id} check word");
            assert!(
                !was_freed(id),
                "reachable object {id} ({:?}) was freed",
                node.kind
            );
            let l = layouts();
            let expected_layout = match node.kind {
                Kind::Node => l.node,
                Kind::Plain => l.plain,
                Kind::Big => l.big,
                Kind::BigArray => l.big_array,
                Kind::Vector => l.vector,
                Kind::Weak => unreachable!(),
            };
            assert_eq!(obj.layout(), expected_layout);
            if matches!(node.kind, Kind::Big | Kind::BigArray) {
                assert_eq!(obj.load(obj.payload_words() - 1), check_word(id));
            }
            if node.kind == Kind::Vector {
                let items = vector_items(obj).expect("vector lost its items");
                assert_eq!(items.len(), node.edges.len());
                for (&item, edge) in items.iter().zip(&node.edges) {
                    // SAFETY: the trace hook keeps vector items alive.
                    let child = unsafe { GcPtr::from_addr(item) }.unwrap();
                    queue.push_back((child, edge.unwrap()));
                }
            } else {
                for (index, edge) in node.edges.iter().enumerate() {
                    let real = obj.load_ref(edge_word(node.kind, index));
                    match edge {
                        None => assert_eq!(real, None, "object {id} edge {index}"),
                        Some(child) => queue.push_back((real.unwrap(), *child)),
                    }
                }
            }
        }
        assert_eq!(seen.len(), reachable.len());
    }

    fn run(&mut self, steps: usize) {
        for step in 0..steps {
            self.step();
            if step % 97 == 0 {
                collect_minor();
                self.verify();
            }
            if step % 499 == 0 {
                collect_major();
                self.verify();
            }
            if step % 53 == 0 {
                retrace_gc::run_finalizers();
            }
        }
        collect_minor();
        self.verify();
        collect_major();
        self.verify();
    }

    /// Tracked (drop-hook) objects in the model.
    fn tracked_ids(&self) -> Vec<u64> {
        self.model
            .iter()
            .filter(|(_, n)| {
                matches!(
                    n.kind,
                    Kind::Node | Kind::Big | Kind::BigArray | Kind::Vector
                )
            })
            .map(|(id, _)| *id)
            .collect()
    }
}

#[inline(never)]
fn scrub_stack() {
    let mut area = [0usize; 8192];
    black_box(&mut area);
}

/// Run a mutator, then drop its roots and check that everything it made was
/// freed. Returns the number of tracked objects made.
fn run_and_check_all_freed(seed: u64, steps: usize) -> usize {
    run_mutator(seed, steps, false)
}

fn run_mutator(seed: u64, steps: usize, finalizers: bool) -> usize {
    FREED.with(|f| f.borrow_mut().clear());
    FINALIZED.with(|f| f.borrow_mut().clear());
    #[inline(never)]
    fn mutate(seed: u64, steps: usize, finalizers: bool) -> (Vec<u64>, usize, Vec<u64>) {
        let mut mutator = Mutator::new(seed, finalizers);
        mutator.run(steps);
        assert!(mutator.checks > 0);
        (
            mutator.tracked_ids(),
            mutator.model.len(),
            mutator.finalizable.clone(),
        )
    }
    // Under RETRACE_GC_STRESS=1 every allocation collects: fewer steps.
    let steps = if retrace_gc::stress() {
        steps.min(4_000)
    } else {
        steps
    };
    let (tracked, total, finalizable) = mutate(seed, steps, finalizers);
    assert!(total > steps / 5, "the mutator made only {total} objects");
    scrub_stack();
    // Finalizers run after the collection that finds their object dead; the
    // object is freed by a later one.
    for _ in 0..3 {
        collect_major();
        retrace_gc::run_finalizers();
    }
    collect_major();
    assert!(
        !finalizers || finalizable.len() > 5,
        "too few finalizable objects"
    );
    for &id in &finalizable {
        let count = finalized_count(id);
        assert!(count <= 1, "finalizer of {id} ran {count} times");
    }
    let unfinalized = finalizable
        .iter()
        .filter(|&&id| finalized_count(id) == 0)
        .count();
    assert!(unfinalized <= 2, "{unfinalized} finalizers never ran");
    let leaked: Vec<u64> = tracked
        .iter()
        .copied()
        .filter(|id| !was_freed(*id))
        .collect();
    // A conservative stack scan may keep a stray object alive; more would be
    // a leak.
    assert!(
        leaked.len() <= 2,
        "{} of {} objects never freed: {:?}",
        leaked.len(),
        tracked.len(),
        leaked
            .iter()
            .take(10)
            .map(|id| (id, finalizable.contains(id), finalized_count(*id)))
            .collect::<Vec<_>>()
    );
    DOUBLE_FREES.with(|d| assert!(d.borrow().is_empty(), "double frees: {:?}", d.borrow()));
    tracked.len()
}

#[test]
fn mutator_seed_1() {
    assert!(run_and_check_all_freed(0x1234_5678, 20_000) > 400);
}

#[test]
fn mutator_seed_2() {
    assert!(run_and_check_all_freed(0xDEAD_BEEF_CAFE, 20_000) > 400);
}

#[test]
fn mutator_with_finalizers() {
    let made = run_mutator(0xF1_7A11, 10_000, true);
    assert!(made > 400);
}

#[test]
fn mutator_seed_3_small_nursery() {
    retrace_gc::configure(retrace_gc::HeapConfig {
        nursery_bytes: 64 << 10,
        ..retrace_gc::HeapConfig::default()
    })
    .unwrap();
    assert!(run_and_check_all_freed(0x0BAD_F00D, 20_000) > 400);
}

/// The same mutator with stress mode switched on from code: a collection at
/// every allocation, freed memory poisoned.
#[test]
fn mutator_under_stress_mode() {
    set_stress(true);
    assert!(retrace_gc::stress());
    let made = run_and_check_all_freed(0x5151_5151, 3000);
    set_stress(false);
    assert!(made > 100);
    assert!(retrace_gc::stats().minor_collections > 1000);
}

/// More seeds, shorter runs: `RETRACE_GC_SEEDS=500 cargo test --release -p
/// retrace-gc --test mutator many_seeds` for a longer hunt.
#[test]
fn many_seeds() {
    let seeds: u64 = std::env::var("RETRACE_GC_SEEDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    let first: u64 = std::env::var("RETRACE_GC_FIRST_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    for seed in first..first + seeds {
        eprintln!("seed {seed}");
        let made = run_mutator(seed.wrapping_mul(0x9E37_79B9) + 17, 2_000, seed % 2 == 1);
        assert!(made > 50, "seed {seed}: only {made} tracked objects");
    }
}
