//! The `random` module: the Mersenne Twister (MT19937) seeded and drawn the
//! way CPython's `random` does, so a seeded program prints CPython's numbers:
//! `seed(int)` feeds the absolute value's 32-bit words to `init_by_array`,
//! `random()` combines 27 + 26 bits, `getrandbits(k)` fills 32-bit words
//! little-endian, `randrange`/`randint`/`choice`/`shuffle` draw with
//! rejection sampling over `getrandbits(n.bit_length())`. `choices`,
//! `sample`, `gauss` and the other variates (second half of the file) reuse
//! those draws in CPython's order. Known differences: `sample` accepts only
//! the builtin sequence types (a user class registered as a `Sequence` is
//! refused), and a NaN gamma/beta parameter raises instead of looping forever.

use crate::objects::Value;
use crate::objects::exceptions::E;
use crate::vm::{PyResult, Vm};
use dashu_int::ops::BitTest;
use dashu_int::{IBig, UBig};

const N: usize = 624;
const M: usize = 397;

/// MT19937 state.
pub struct Mt {
    state: [u32; N],
    index: usize,
    /// The second normal deviate of the last `gauss` pair; `seed` clears it.
    gauss_next: Option<f64>,
}

impl Mt {
    fn new(seed: u32) -> Mt {
        let mut mt = Mt {
            state: [0; N],
            index: N,
            gauss_next: None,
        };
        mt.init_genrand(seed);
        mt
    }

    fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1812433253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19650218);
        let (mut i, mut j) = (1usize, 0usize);
        let mut k = N.max(key.len());
        while k > 0 {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1664525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
            k -= 1;
        }
        k = N - 1;
        while k > 0 {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1566083941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
            k -= 1;
        }
        self.state[0] = 0x8000_0000;
    }

    fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            for kk in 0..N {
                let y = (self.state[kk] & 0x8000_0000) | (self.state[(kk + 1) % N] & 0x7fff_ffff);
                let mut v = self.state[(kk + M) % N] ^ (y >> 1);
                if y & 1 != 0 {
                    v ^= 0x9908_b0df;
                }
                self.state[kk] = v;
            }
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
    }

    fn getrandbits(&mut self, k: usize) -> UBig {
        if k <= 32 {
            return UBig::from(if k == 0 {
                0
            } else {
                self.next_u32() >> (32 - k)
            });
        }
        let mut out = UBig::from(0u8);
        let mut left = k;
        let mut shift = 0;
        while left > 0 {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            out |= UBig::from(r) << shift;
            shift += 32;
            left = left.saturating_sub(32);
        }
        out
    }

    /// A uniform int in `0..n` (n > 0).
    fn below(&mut self, n: &UBig) -> UBig {
        let k = n.bit_len();
        loop {
            let r = self.getrandbits(k);
            if r < *n {
                return r;
            }
        }
    }
}

thread_local! {
    static MT: std::cell::RefCell<Mt> = std::cell::RefCell::new(Mt::new(5489));
}

fn with_mt<T>(f: impl FnOnce(&mut Mt) -> T) -> T {
    MT.with(|m| f(&mut m.borrow_mut()))
}

fn r_seed(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let n = match args.first() {
        Some(&v) if vm.is_int(v) => vm.to_big(v).expect("int"),
        Some(&v) if vm.is_str(v) || vm.is_float(v) => IBig::from(vm.hash(v)?),
        Some(&v) if v == vm.none => IBig::from(0),
        Some(&v) => {
            let tn = vm.type_name(v);
            return Err(vm.err(E::TypeError, format!("The only supported seed types are: None,\nint, float, str, bytes, and bytearray. Not {tn}")));
        }
        None => IBig::from(0),
    };
    let zero = IBig::from(0);
    let mut mag = UBig::try_from(if n < zero { -n } else { n }).unwrap_or_default();
    let mut key = Vec::new();
    let mask = UBig::from(0xffff_ffffu32);
    while mag > UBig::from(0u8) {
        let word = u32::try_from(&(&mag & &mask)).unwrap_or(0);
        key.push(word);
        mag >>= 32;
    }
    if key.is_empty() {
        key.push(0);
    }
    with_mt(|m| {
        m.init_by_array(&key);
        m.gauss_next = None;
    });
    Ok(vm.none)
}

fn r_random(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let f = with_mt(|m| m.random());
    Ok(vm.new_float(f))
}

fn r_getrandbits(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let k = vm.index_i64(args[0])?;
    if k < 0 {
        return Err(vm.err(E::ValueError, "number of bits must be non-negative"));
    }
    let r = with_mt(|m| m.getrandbits(k as usize));
    Ok(vm.new_big(IBig::from(r)))
}

fn randrange_value(vm: &mut Vm, start: IBig, stop: Option<IBig>, step: IBig) -> PyResult<Value> {
    let zero = IBig::from(0);
    let (start, width) = match stop {
        None => {
            if start <= zero {
                return Err(vm.err(E::ValueError, "empty range for randrange()"));
            }
            (zero.clone(), start)
        }
        Some(stop) => (start.clone(), stop - start),
    };
    if step == IBig::from(1) {
        if width <= zero {
            return Err(vm.err(
                E::ValueError,
                format!(
                    "empty range for randrange() ({}, {}, {})",
                    start,
                    &start + &width,
                    width
                ),
            ));
        }
        let w = UBig::try_from(width).unwrap_or_default();
        let r = with_mt(|m| m.below(&w));
        return Ok(vm.new_big(start + IBig::from(r)));
    }
    if step == zero {
        return Err(vm.err(E::ValueError, "zero step for randrange()"));
    }
    let n = if step > zero {
        (&width + &step - 1) / &step
    } else {
        (&width + &step + 1) / &step
    };
    if n <= zero {
        return Err(vm.err(E::ValueError, "empty range for randrange()"));
    }
    let n = UBig::try_from(n).unwrap_or_default();
    let r = with_mt(|m| m.below(&n));
    Ok(vm.new_big(start + step * IBig::from(r)))
}

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<IBig> {
    match vm.to_big(v) {
        Some(b) => Ok(b),
        None => {
            let i = vm.call_dunder_index(v)?;
            Ok(vm.to_big(i).expect("int"))
        }
    }
}

fn r_randrange(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    match args.len() {
        1 => {
            let a = int_arg(vm, args[0])?;
            randrange_value(vm, a, None, IBig::from(1))
        }
        2 | 3 => {
            let a = int_arg(vm, args[0])?;
            let b = int_arg(vm, args[1])?;
            let s = if args.len() == 3 {
                int_arg(vm, args[2])?
            } else {
                IBig::from(1)
            };
            randrange_value(vm, a, Some(b), s)
        }
        n => Err(vm.err(
            E::TypeError,
            format!("randrange expected at most 3 arguments, got {n}"),
        )),
    }
}

fn r_randint(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs(
        "randint",
        &[Value::NULL, Value::NULL, Value::NULL][..args.len() + 1],
        3,
        3,
    )?;
    let a = int_arg(vm, args[0])?;
    let b = int_arg(vm, args[1])?;
    randrange_value(vm, a, Some(b + 1), IBig::from(1))
}

fn r_choice(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    vm.check_nargs(
        "choice",
        &[Value::NULL, Value::NULL][..args.len().min(1) + 1],
        2,
        2,
    )?;
    let n = vm.len(args[0])?;
    if n == 0 {
        return Err(vm.err(E::IndexError, "Cannot choose from an empty sequence"));
    }
    let i = with_mt(|m| m.below(&UBig::from(n)));
    let i = usize::try_from(&i).unwrap_or(0);
    vm.getitem(args[0], Value::small(i as i64))
}

fn r_shuffle(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let seq = args[0];
    let n = vm.len(seq)?;
    for i in (1..n).rev() {
        let j = with_mt(|m| m.below(&UBig::from(i + 1)));
        let j = usize::try_from(&j).unwrap_or(0);
        let (vi, vj) = (Value::small(i as i64), Value::small(j as i64));
        let a = vm.getitem(seq, vi)?;
        let b = vm.getitem(seq, vj)?;
        vm.setitem(seq, vi, b)?;
        vm.setitem(seq, vj, a)?;
    }
    Ok(vm.none)
}

fn r_uniform(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let a = vm.num_to_f64(args[0]).unwrap_or(Ok(0.0))?;
    let b = vm.num_to_f64(args[1]).unwrap_or(Ok(0.0))?;
    let r = with_mt(|m| m.random());
    Ok(vm.new_float(a + (b - a) * r))
}

// ---------------------------------------------------------------------------
// choices, sample and the real-valued distributions.
//
// Each follows the algorithm CPython documents for `random`, drawing the same
// words from the generator in the same order, so seeded output matches:
//
// * `choices` without weights scales one `random()` by the population size
//   and floors it. With weights it builds running totals, scales `random()` by
//   the grand total and bisects (rightmost) into the totals, never past the
//   last index.
// * `sample` picks between two methods by comparing the population size with
//   the memory a set of k picks would take (21 slots, plus a power-of-four
//   table once k > 5). Small populations copy the indices into a pool, draw a
//   position below the live part and move the last live entry into the hole.
//   Large ones redraw an index below n until it was not picked before.
//   `counts=` samples positions of the expanded range and maps each back to
//   its item by bisecting the running counts.
// * `gauss` is Box-Muller: one angle and one radius make two deviates; the
//   second is kept for the next call until `seed` forgets it.
// * `normalvariate` is Kinderman-Monahan ratio of uniforms, `expovariate` is
//   the inverse CDF, `triangular` the inverse CDF with the mode as a fraction
//   of the range, `gammavariate` Cheng's rejection method above alpha 1, the
//   exponential at 1 and Kennedy-Gentle's GS below, and `betavariate` a ratio
//   of two gamma draws.
// ---------------------------------------------------------------------------

/// Binds the arguments of `Random.<name>()` to `params`: the first `max_pos`
/// may come by position, the first `required` must be given.
fn bind(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[Value],
    params: &[&str],
    max_pos: usize,
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let (pos, kws) = super::split_kw(args, kw);
    if pos.len() > max_pos {
        // The bound method counts `self`, so every count is one higher.
        let msg = if required == max_pos {
            format!(
                "Random.{name}() takes {} positional arguments but {} were given",
                max_pos + 1,
                pos.len() + 1
            )
        } else {
            format!(
                "Random.{name}() takes from {} to {} positional arguments but {} were given",
                required + 1,
                max_pos + 1,
                pos.len() + 1
            )
        };
        return Err(vm.err(E::TypeError, msg));
    }
    let mut bound: Vec<Option<Value>> = vec![None; params.len()];
    for (slot, &v) in bound.iter_mut().zip(pos) {
        *slot = Some(v);
    }
    for (key, v) in kws {
        match params.iter().position(|p| *p == key) {
            Some(i) if bound[i].is_none() => bound[i] = Some(v),
            Some(_) => {
                return Err(vm.err(
                    E::TypeError,
                    format!("Random.{name}() got multiple values for argument '{key}'"),
                ));
            }
            None => {
                return Err(vm.err(
                    E::TypeError,
                    format!("Random.{name}() got an unexpected keyword argument '{key}'"),
                ));
            }
        }
    }
    let missing: Vec<String> = (0..required)
        .filter(|&i| bound[i].is_none())
        .map(|i| format!("'{}'", params[i]))
        .collect();
    if !missing.is_empty() {
        let msg = if missing.len() == 1 {
            format!(
                "Random.{name}() missing 1 required positional argument: {}",
                missing[0]
            )
        } else {
            format!(
                "Random.{name}() missing {} required positional arguments: {}",
                missing.len(),
                missing.join(" and ")
            )
        };
        return Err(vm.err(E::TypeError, msg));
    }
    Ok(bound)
}

/// A real-number argument as f64, or CPython's TypeError for other types.
fn real_arg(vm: &mut Vm, v: Value) -> PyResult<f64> {
    match vm.num_to_f64(v) {
        Some(r) => r,
        None => {
            let tn = vm.type_name(v);
            Err(vm.err(E::TypeError, format!("must be real number, not {tn}")))
        }
    }
}

/// A real argument with a default when absent.
fn real_or(vm: &mut Vm, v: Option<Value>, default: f64) -> PyResult<f64> {
    match v {
        Some(v) => real_arg(vm, v),
        None => Ok(default),
    }
}

/// Rightmost insertion point of `x` in `sorted[..hi]`.
fn bisect_right<T: PartialOrd>(sorted: &[T], x: &T, hi: usize) -> usize {
    let (mut lo, mut hi) = (0, hi);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if *x < sorted[mid] {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

fn r_choices(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let params = ["population", "weights", "cum_weights", "k"];
    let a = bind(vm, "choices", args, kw, &params, 2, 1)?;
    let population = a[0].expect("bound");
    let none = vm.none;
    let weights = a[1].filter(|&v| v != none);
    let cum_given = a[2].filter(|&v| v != none);
    let n = vm.len(population)?;
    let count = |vm: &mut Vm| -> PyResult<usize> {
        match a[3] {
            Some(k) => Ok(vm.index_i64(k)?.max(0) as usize),
            None => Ok(1),
        }
    };
    let cum: Vec<f64> = match (weights, cum_given) {
        (None, None) => {
            let k = count(vm)?;
            let size = n as f64;
            let mut out = Vec::with_capacity(k);
            for _ in 0..k {
                let i = (with_mt(|m| m.random()) * size).floor() as i64;
                out.push(vm.getitem(population, Value::small(i))?);
            }
            return Ok(vm.new_list(&out));
        }
        (Some(_), Some(_)) => {
            return Err(vm.err(
                E::TypeError,
                "Cannot specify both weights and cumulative weights",
            ));
        }
        (Some(w), None) => {
            let items = vm.collect_iterable(w)?;
            let items = vm.tuple_items(items).to_vec();
            let mut running = Vec::with_capacity(items.len());
            let mut total = 0.0;
            for (i, v) in items.into_iter().enumerate() {
                let x = real_arg(vm, v)?;
                total = if i == 0 { x } else { total + x };
                running.push(total);
            }
            running
        }
        (None, Some(c)) => {
            vm.len(c)?;
            let items = vm.collect_iterable(c)?;
            let items = vm.tuple_items(items).to_vec();
            let mut running = Vec::with_capacity(items.len());
            for v in items {
                running.push(real_arg(vm, v)?);
            }
            running
        }
    };
    if cum.len() != n {
        return Err(vm.err(
            E::ValueError,
            "The number of weights does not match the population",
        ));
    }
    let Some(&total) = cum.last() else {
        return Err(vm.err(E::IndexError, "list index out of range"));
    };
    if total <= 0.0 {
        return Err(vm.err(E::ValueError, "Total of weights must be greater than zero"));
    }
    if !total.is_finite() {
        return Err(vm.err(E::ValueError, "Total of weights must be finite"));
    }
    let k = count(vm)?;
    let mut out = Vec::with_capacity(k);
    for _ in 0..k {
        let x = with_mt(|m| m.random()) * total;
        let i = bisect_right(&cum, &x, n - 1);
        out.push(vm.getitem(population, Value::small(i as i64))?);
    }
    Ok(vm.new_list(&out))
}

/// Whether `v` is a `collections.abc.Sequence` among the builtin types.
fn is_sequence(vm: &Vm, v: Value) -> bool {
    if vm.is_list(v) || vm.is_tuple(v) || vm.is_str(v) || vm.is_bytes(v) {
        return true;
    }
    matches!(
        vm.type_name(v).as_str(),
        "range" | "bytearray" | "memoryview"
    )
}

/// k distinct indices below `n` (0 <= k <= n), drawn as `Random.sample`.
fn sample_indices(n: &UBig, k: usize) -> Vec<UBig> {
    // The set method pays for a hash table sized for k picks; the pool
    // method pays for an n-long list. CPython compares the two sizes.
    let mut set_size: u128 = 21;
    if k > 5 {
        let exponent = ((k as f64 * 3.0).ln() / 4f64.ln()).ceil() as u32;
        set_size = set_size.saturating_add(4u128.saturating_pow(exponent));
    }
    let mut picked = Vec::with_capacity(k);
    if *n <= UBig::from(set_size) {
        let size = usize::try_from(n).unwrap_or(0);
        let mut pool: Vec<usize> = (0..size).collect();
        for i in 0..k {
            let live = size - i;
            let j = with_mt(|m| m.below(&UBig::from(live)));
            let j = usize::try_from(&j).unwrap_or(0);
            picked.push(UBig::from(pool[j]));
            pool[j] = pool[live - 1];
        }
    } else {
        let mut seen = std::collections::HashSet::with_capacity(k);
        for _ in 0..k {
            let mut j = with_mt(|m| m.below(n));
            while seen.contains(&j) {
                j = with_mt(|m| m.below(n));
            }
            seen.insert(j.clone());
            picked.push(j);
        }
    }
    picked
}

/// Checks `0 <= k <= n` and turns `k` into a count.
fn sample_size(vm: &mut Vm, k: Value, n: &UBig) -> PyResult<usize> {
    let too_big = |vm: &mut Vm| {
        vm.err(
            E::ValueError,
            "Sample larger than population or is negative",
        )
    };
    if vm.is_float(k) {
        let f = real_arg(vm, k)?;
        let limit: f64 = n.to_string().parse().unwrap_or(f64::INFINITY);
        if !(0.0..=limit).contains(&f) {
            return Err(too_big(vm));
        }
        return Err(vm.err(
            E::TypeError,
            "can't multiply sequence by non-int of type 'float'",
        ));
    }
    let k = int_arg(vm, k)?;
    if k < IBig::from(0) || k > IBig::from(n.clone()) {
        return Err(too_big(vm));
    }
    match usize::try_from(&k) {
        Ok(k) => Ok(k),
        Err(_) => Err(vm.err(
            E::OverflowError,
            "cannot fit 'int' into an index-sized integer",
        )),
    }
}

fn r_sample(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let params = ["population", "k", "counts"];
    let a = bind(vm, "sample", args, kw, &params, 2, 2)?;
    let (population, k) = (a[0].expect("bound"), a[1].expect("bound"));
    if !is_sequence(vm, population) {
        return Err(vm.err(
            E::TypeError,
            "Population must be a sequence.  For dicts or sets, use sorted(d).",
        ));
    }
    let n = vm.len(population)?;
    let none = vm.none;
    let Some(counts) = a[2].filter(|&v| v != none) else {
        let n = UBig::from(n);
        let k = sample_size(vm, k, &n)?;
        let mut out = Vec::with_capacity(k);
        for j in sample_indices(&n, k) {
            let j = usize::try_from(&j).unwrap_or(0);
            out.push(vm.getitem(population, Value::small(j as i64))?);
        }
        return Ok(vm.new_list(&out));
    };
    let items = vm.collect_iterable(counts)?;
    let items = vm.tuple_items(items).to_vec();
    let mut running: Vec<IBig> = Vec::with_capacity(items.len());
    let mut all_ints = true;
    let mut total = IBig::from(0);
    for v in items {
        if vm.is_int(v) {
            total += vm.to_big(v).expect("int");
        } else if vm.is_float(v) {
            all_ints = false;
        } else {
            let tn = vm.type_name(v);
            return Err(vm.err(
                E::TypeError,
                format!("unsupported operand type(s) for +: 'int' and '{tn}'"),
            ));
        }
        running.push(total.clone());
    }
    if running.len() != n {
        return Err(vm.err(
            E::ValueError,
            "The number of counts does not match the population",
        ));
    }
    let Some(total) = running.pop() else {
        return Err(vm.err(E::IndexError, "pop from empty list"));
    };
    if !all_ints {
        return Err(vm.err(E::TypeError, "Counts must be integers"));
    }
    if total <= IBig::from(0) {
        return Err(vm.err(E::ValueError, "Total of counts must be greater than zero"));
    }
    let total = UBig::try_from(total).unwrap_or_default();
    let k = sample_size(vm, k, &total)?;
    let mut out = Vec::with_capacity(k);
    for s in sample_indices(&total, k) {
        let i = bisect_right(&running, &IBig::from(s), running.len());
        out.push(vm.getitem(population, Value::small(i as i64))?);
    }
    Ok(vm.new_list(&out))
}

/// `mu` and `sigma` of `gauss`/`normalvariate`, defaulting to 0 and 1.
fn mu_sigma(vm: &mut Vm, name: &str, args: &[Value], kw: &[Value]) -> PyResult<(f64, f64)> {
    let a = bind(vm, name, args, kw, &["mu", "sigma"], 2, 0)?;
    Ok((real_or(vm, a[0], 0.0)?, real_or(vm, a[1], 1.0)?))
}

fn r_gauss(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (mu, sigma) = mu_sigma(vm, "gauss", args, kw)?;
    let z = with_mt(|m| match m.gauss_next.take() {
        Some(z) => z,
        None => {
            let angle = m.random() * std::f64::consts::TAU;
            let radius = (-2.0 * (1.0 - m.random()).ln()).sqrt();
            m.gauss_next = Some(angle.sin() * radius);
            angle.cos() * radius
        }
    });
    Ok(vm.new_float(mu + z * sigma))
}

fn r_normalvariate(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let (mu, sigma) = mu_sigma(vm, "normalvariate", args, kw)?;
    let magic = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
    let z = with_mt(|m| {
        loop {
            let u1 = m.random();
            let u2 = 1.0 - m.random();
            let z = magic * (u1 - 0.5) / u2;
            if z * z / 4.0 <= -u2.ln() {
                break z;
            }
        }
    });
    Ok(vm.new_float(mu + z * sigma))
}

fn r_expovariate(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let a = bind(vm, "expovariate", args, kw, &["lambd"], 1, 1)?;
    let lambd = real_arg(vm, a[0].expect("bound"))?;
    let u = with_mt(|m| m.random());
    if lambd == 0.0 {
        return Err(vm.err(E::ZeroDivisionError, "float division by zero"));
    }
    Ok(vm.new_float(-(1.0 - u).ln() / lambd))
}

fn r_triangular(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let a = bind(vm, "triangular", args, kw, &["low", "high", "mode"], 3, 0)?;
    let mut low = real_or(vm, a[0], 0.0)?;
    let mut high = real_or(vm, a[1], 1.0)?;
    let none = vm.none;
    let mode = a[2].filter(|&v| v != none);
    let mut u = with_mt(|m| m.random());
    let mut c = match mode {
        None => 0.5,
        Some(mode) => {
            let mode = real_arg(vm, mode)?;
            if high == low {
                // A zero-width range: CPython gives `low` back unchanged.
                return Ok(a[0].unwrap_or_else(|| Value::small(0)));
            }
            (mode - low) / (high - low)
        }
    };
    if u > c {
        u = 1.0 - u;
        c = 1.0 - c;
        std::mem::swap(&mut low, &mut high);
    }
    Ok(vm.new_float(low + (high - low) * (u * c).sqrt()))
}

/// One gamma(alpha, beta) deviate; alpha and beta already checked positive.
fn gamma_draw(m: &mut Mt, alpha: f64, beta: f64) -> f64 {
    if alpha > 1.0 {
        let ainv = (2.0 * alpha - 1.0).sqrt();
        let bbb = alpha - 4f64.ln();
        let ccc = alpha + ainv;
        let sg_magic = 1.0 + 4.5f64.ln();
        loop {
            let u1 = m.random();
            if !(1e-7 < u1 && u1 < 0.9999999) {
                continue;
            }
            let u2 = 1.0 - m.random();
            let v = (u1 / (1.0 - u1)).ln() / ainv;
            let x = alpha * v.exp();
            let z = u1 * u1 * u2;
            let r = bbb + ccc * v - x;
            if r + sg_magic - 4.5 * z >= 0.0 || r >= z.ln() {
                return x * beta;
            }
        }
    } else if alpha == 1.0 {
        -(1.0 - m.random()).ln() * beta
    } else {
        let e = std::f64::consts::E;
        loop {
            let u = m.random();
            let b = (e + alpha) / e;
            let p = b * u;
            let x = if p <= 1.0 {
                p.powf(1.0 / alpha)
            } else {
                -((b - p) / alpha).ln()
            };
            let u1 = m.random();
            let accept = if p > 1.0 {
                u1 <= x.powf(alpha - 1.0)
            } else {
                u1 <= (-x).exp()
            };
            if accept {
                return x * beta;
            }
        }
    }
}

fn gamma_params(vm: &mut Vm, alpha: f64, beta: f64) -> PyResult<()> {
    // NaN passes CPython's check and then never leaves the rejection loop;
    // here it is refused like a non-positive parameter instead.
    if alpha > 0.0 && beta > 0.0 {
        return Ok(());
    }
    Err(vm.err(E::ValueError, "gammavariate: alpha and beta must be > 0.0"))
}

fn r_gammavariate(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let a = bind(vm, "gammavariate", args, kw, &["alpha", "beta"], 2, 2)?;
    let alpha = real_arg(vm, a[0].expect("bound"))?;
    let beta = real_arg(vm, a[1].expect("bound"))?;
    gamma_params(vm, alpha, beta)?;
    let x = with_mt(|m| gamma_draw(m, alpha, beta));
    Ok(vm.new_float(x))
}

fn r_betavariate(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let a = bind(vm, "betavariate", args, kw, &["alpha", "beta"], 2, 2)?;
    let alpha = real_arg(vm, a[0].expect("bound"))?;
    let beta = real_arg(vm, a[1].expect("bound"))?;
    gamma_params(vm, alpha, 1.0)?;
    let y = with_mt(|m| gamma_draw(m, alpha, 1.0));
    if y == 0.0 {
        return Ok(vm.new_float(0.0));
    }
    gamma_params(vm, beta, 1.0)?;
    let z = with_mt(|m| gamma_draw(m, beta, 1.0));
    Ok(vm.new_float(y / (y + z)))
}

pub fn install(vm: &mut Vm) -> Value {
    let m = vm.new_module("random");
    vm.immortal.push(m);
    let fns: &[(&'static str, crate::objects::function::NativeFn)] = &[
        ("seed", r_seed),
        ("random", r_random),
        ("getrandbits", r_getrandbits),
        ("randrange", r_randrange),
        ("randint", r_randint),
        ("choice", r_choice),
        ("shuffle", r_shuffle),
        ("uniform", r_uniform),
        ("choices", r_choices),
        ("sample", r_sample),
        ("gauss", r_gauss),
        ("normalvariate", r_normalvariate),
        ("expovariate", r_expovariate),
        ("triangular", r_triangular),
        ("gammavariate", r_gammavariate),
        ("betavariate", r_betavariate),
    ];
    for &(name, f) in fns {
        let func = vm.def_builtin(name, "", f);
        let k = vm.intern(name);
        let d = m.get(1);
        let _ = vm.dict_set(d, k, func);
    }
    m
}
