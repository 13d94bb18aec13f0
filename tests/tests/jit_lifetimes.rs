//! Trace lifetimes: invalidation by quasi-immutable writes, freeing of
//! retired and unused traces (code memory stays bounded while a program
//! keeps changing), and blacklisting of loops whose tracing keeps aborting.

mod jit_machine;
use jit_machine::*;

/// local0 = i, local1 = acc: while i < n { acc += GLOBAL; i += 1;
/// when i % period == 0, GLOBAL = i / period-ish (a new value) }.
/// Each write invalidates the loop's trace, which is retraced.
fn changing_global(n: i64, period: i64) -> Machine {
    // body: acc += Global; if (i+1) % period == 0 { Global = new }
    // The write happens in the interpreter (SetGlobalAt writes when its
    // operand equals the constant), so use a chain of phases instead: code
    // 1 runs one phase (a counting loop reading the global); code 0 calls it
    // once per phase after setting the global to a new value.
    let (phase, nlocals) = counting(period, vec![I::Load(1), I::Global, I::Add, I::Store(1)], 2);
    let mut main = Vec::new();
    let phases = n / period;
    for p in 0..phases {
        // the global becomes 100 + p (SetGlobalAt fires on equality)
        main.extend([I::Push(p), I::SetGlobalAt(p, 100 + p as u64)]);
        main.extend([
            I::Push(0),
            I::Push(0),
            I::Call(1, 2),
            I::Load(1),
            I::Add,
            I::Store(1),
        ]);
    }
    main.extend([I::Load(1), I::Ret]);
    Machine {
        codes: vec![(main, 2), (phase, nlocals)],
    }
}

fn expected_changing(n: i64, period: i64) -> u64 {
    (0..n / period).map(|p| ((100 + p) * period) as u64).sum()
}

#[test]
fn a_cell_write_invalidates_the_traces_that_read_it_and_they_are_freed() {
    let _lock = CELL_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let (n, period) = (60 * 400, 400);
    let mut m = changing_global(n, period);
    GLOBAL.0.set(5);
    let (off, _) = run(&mut m, "off");
    GLOBAL.0.set(5);
    let (on, driver) = run_with(&mut m, "threshold=5,function_threshold=100000");
    let stats = driver.jit.stats.clone();
    assert_eq!(off, Ok(expected_changing(n, period)));
    assert_eq!(on, off);
    // Every phase after the first invalidates the loop trace of the last.
    assert!(stats.invalidated >= 50, "{stats:?}");
    assert!(stats.loops_compiled >= 50, "{stats:?}");
    // Invalidated code is not entered again: no trace exits through its
    // guard_not_invalidated (the driver retires it before entering it).
    assert!(
        stats.guard_failures <= stats.loops_compiled as u64 * 2 + 10,
        "{stats:?}"
    );
    // ... and it is freed.
    assert!(stats.traces_freed + 2 >= stats.invalidated, "{stats:?}");
}

#[test]
fn code_memory_stays_bounded_while_the_program_keeps_changing() {
    let _lock = CELL_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let (n, period) = (300 * 200, 200);
    let mut m = changing_global(n, period);
    GLOBAL.0.set(5);
    let (on, driver) = run_with(&mut m, "threshold=5,function_threshold=100000");
    let stats = driver.jit.stats.clone();
    assert_eq!(on, Ok(expected_changing(n, period)));
    assert!(stats.loops_compiled >= 250, "{stats:?}");
    // 300 traces compiled, a handful alive at any time.
    assert!(
        stats.max_live_code_bytes * 20 < stats.total_code_bytes,
        "live code must not grow with the number of traces compiled: {stats:?}"
    );
    assert!(stats.live_code_bytes <= stats.max_live_code_bytes);
    eprintln!(
        "code memory: {} traces, {} bytes compiled in all, at most {} bytes live, {} live at the end, {} freed",
        stats.loops_compiled + stats.bridges_compiled + stats.functions_compiled,
        stats.total_code_bytes,
        stats.max_live_code_bytes,
        stats.live_code_bytes,
        stats.traces_freed
    );
}

/// Code 0 calls codes 1..=k once each; code j is a loop of its own. Each
/// loop is compiled, then never used again.
fn many_loops(k: u32) -> Machine {
    let mut main = Vec::new();
    let mut codes = vec![];
    for j in 1..=k {
        main.extend([
            I::Push(0),
            I::Push(j as i64),
            I::Call(j, 2),
            I::Load(1),
            I::Add,
            I::Store(1),
        ]);
        let (code, nlocals) = counting(
            100 + j as i64,
            vec![I::Load(1), I::Load(0), I::Add, I::Store(1)],
            2,
        );
        codes.push((code, nlocals));
    }
    main.extend([I::Load(1), I::Ret]);
    let mut all = vec![(main, 2)];
    all.extend(codes);
    Machine { codes: all }
}

#[test]
fn traces_unused_for_a_while_are_freed() {
    let k = 120;
    let mut m = many_loops(k);
    let (off, _) = run(&mut m, "off");
    let mut driver = retrace::Driver::new(
        retrace::JitSettings::parse("threshold=5,function_threshold=100000").unwrap(),
    );
    driver.jit.longevity = 5;
    let mut frames = retrace::Frames::new(0, m.codes[0].1, 0);
    let on = driver.run(&mut m, &mut frames);
    let stats = driver.jit.stats.clone();
    assert_eq!(on, off);
    assert!(stats.loops_compiled as u32 >= k, "{stats:?}");
    assert!(stats.expired as u32 >= k - 10, "{stats:?}");
    assert!(stats.traces_freed as u32 >= k - 10, "{stats:?}");
    assert!(
        stats.max_live_code_bytes * 10 < stats.total_code_bytes,
        "{stats:?}"
    );
}

#[test]
fn a_loop_whose_tracing_keeps_aborting_stops_being_traced() {
    // Every trace of this loop breaks the resumption rule and aborts.
    let (code, nlocals) = counting(20_000, vec![I::Load(0), I::StoreThenCheck], 2);
    let mut m = Machine {
        codes: vec![(code, nlocals)],
    };
    let (off, _) = run(&mut m, "off");
    let (on, stats) = run(&mut m, "threshold=3");
    assert_eq!(on, off);
    assert_eq!(stats.loops_compiled, 0, "{stats:?}");
    assert_eq!(stats.blacklisted, 1, "{stats:?}");
    // A few attempts, then never again, however long the loop runs.
    assert!(stats.aborts <= 3, "{stats:?}");
}
