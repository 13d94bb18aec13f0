//! The `random` module: the Mersenne Twister (MT19937) seeded and drawn the
//! way CPython's `random` does, so a seeded program prints CPython's numbers:
//! `seed(int)` feeds the absolute value's 32-bit words to `init_by_array`,
//! `random()` combines 27 + 26 bits, `getrandbits(k)` fills 32-bit words
//! little-endian, `randrange`/`randint`/`choice`/`shuffle` draw with
//! rejection sampling over `getrandbits(n.bit_length())`.

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
}

impl Mt {
    fn new(seed: u32) -> Mt {
        let mut mt = Mt {
            state: [0; N],
            index: N,
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
    with_mt(|m| m.init_by_array(&key));
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
    ];
    for &(name, f) in fns {
        let func = vm.def_builtin(name, "", f);
        let k = vm.intern(name);
        let d = m.get(1);
        let _ = vm.dict_set(d, k, func);
    }
    m
}
