//! The rest of `time` (the native part is `_time`; lib/time.py adds
//! `struct_time`, asctime/ctime): nanosecond clocks, process time, and
//! gmtime/localtime/mktime/strftime through the C library, as CPython does.

use crate::objects::Value;
use crate::objects::exceptions::E;
use crate::objects::function::NativeFn;
use crate::objects::str::as_str;
use crate::vm::{PyResult, Vm};

fn now_ns() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0)
}

fn clock_ns(clock: libc::clockid_t) -> i64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec that we own.
    unsafe { libc::clock_gettime(clock, &mut ts) };
    ts.tv_sec * 1_000_000_000 + ts.tv_nsec
}

fn t_time_ns(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(vm.new_int(now_ns()))
}

fn t_monotonic_ns(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(vm.new_int(clock_ns(libc::CLOCK_MONOTONIC)))
}

fn t_process_time(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(vm.new_float(clock_ns(libc::CLOCK_PROCESS_CPUTIME_ID) as f64 * 1e-9))
}

fn t_process_time_ns(vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(vm.new_int(clock_ns(libc::CLOCK_PROCESS_CPUTIME_ID)))
}

fn seconds_arg(vm: &mut Vm, args: &[Value]) -> PyResult<i64> {
    match args.first() {
        None => Ok(now_ns().div_euclid(1_000_000_000)),
        Some(&v) if v == vm.none => Ok(now_ns().div_euclid(1_000_000_000)),
        Some(&v) if vm.is_int(v) => vm.index_i64(v),
        Some(&v) => match vm.num_to_f64(v) {
            Some(f) => {
                let f = f?;
                if !f.is_finite() {
                    return Err(vm.err(E::ValueError, "Invalid value NaN (not a number)"));
                }
                Ok(f.floor() as i64)
            }
            None => {
                let tn = vm.type_name(v);
                Err(vm.err(
                    E::TypeError,
                    format!("'{tn}' object cannot be interpreted as an integer"),
                ))
            }
        },
    }
}

/// A C `struct tm` as the 11 fields of struct_time.
fn tm_tuple(vm: &mut Vm, tm: &libc::tm) -> Value {
    let zone = if tm.tm_zone.is_null() {
        String::new()
    } else {
        // SAFETY: the C library points tm_zone at a NUL-terminated name.
        unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
            .to_string_lossy()
            .into_owned()
    };
    let zone = vm.new_str(&zone);
    let mark = vm.pin(&[zone]);
    let items = [
        Value::small(tm.tm_year as i64 + 1900),
        Value::small(tm.tm_mon as i64 + 1),
        Value::small(tm.tm_mday as i64),
        Value::small(tm.tm_hour as i64),
        Value::small(tm.tm_min as i64),
        Value::small(tm.tm_sec as i64),
        Value::small((tm.tm_wday as i64 + 6) % 7),
        Value::small(tm.tm_yday as i64 + 1),
        Value::small(tm.tm_isdst as i64),
        zone,
        Value::small(tm.tm_gmtoff),
    ];
    let t = vm.new_tuple(&items);
    vm.unpin(mark);
    t
}

fn broken_down(vm: &mut Vm, args: &[Value], local: bool) -> PyResult<Value> {
    let secs = seconds_arg(vm, args)? as libc::time_t;
    // SAFETY: an all-zero struct tm is a valid value to be overwritten.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: both functions write only into `tm`, which we own.
    let ok = unsafe {
        if local {
            !libc::localtime_r(&secs, &mut tm).is_null()
        } else {
            !libc::gmtime_r(&secs, &mut tm).is_null()
        }
    };
    if !ok {
        return Err(vm.err(
            E::OverflowError,
            "timestamp out of range for platform time_t",
        ));
    }
    Ok(tm_tuple(vm, &tm))
}

fn t_gmtime(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    broken_down(vm, args, false)
}

fn t_localtime(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    broken_down(vm, args, true)
}

/// A 9-item time tuple to a C `struct tm` (fields checked as CPython does).
fn tm_from(vm: &mut Vm, t: Value, name: &str) -> PyResult<libc::tm> {
    let items = vm.collect_iterable(t)?;
    let items = vm.tuple_items(items).to_vec();
    if items.len() < 9 {
        return Err(vm.err(
            E::TypeError,
            format!("{name}(): illegal time tuple argument"),
        ));
    }
    let mut f = [0i64; 9];
    for (i, v) in items.iter().take(9).enumerate() {
        f[i] = vm.index_i64(*v)?;
    }
    // SAFETY: an all-zero struct tm is a valid value to fill in.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    tm.tm_year = (f[0] - 1900) as i32;
    tm.tm_mon = (f[1] - 1) as i32;
    tm.tm_mday = f[2] as i32;
    tm.tm_hour = f[3] as i32;
    tm.tm_min = f[4] as i32;
    tm.tm_sec = f[5] as i32;
    tm.tm_wday = ((f[6] + 1) % 7) as i32;
    tm.tm_yday = (f[7] - 1) as i32;
    tm.tm_isdst = f[8] as i32;
    Ok(tm)
}

fn t_mktime(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let Some(&t) = args.first() else {
        return Err(vm.err(
            E::TypeError,
            "mktime() takes exactly one argument (0 given)",
        ));
    };
    let mut tm = tm_from(vm, t, "mktime")?;
    // SAFETY: mktime reads and normalizes the struct tm we own.
    let r = unsafe { libc::mktime(&mut tm) };
    if r == -1 && tm.tm_wday == -1 {
        return Err(vm.err(E::OverflowError, "mktime argument out of range"));
    }
    Ok(vm.new_float(r as f64))
}

fn t_strftime(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let (Some(&fmt), Some(&t)) = (args.first(), args.get(1)) else {
        return Err(vm.err(E::TypeError, "_strftime(format, tuple)"));
    };
    if !vm.is_str(fmt) {
        let tn = vm.type_name(fmt);
        return Err(vm.err(
            E::TypeError,
            format!("strftime() argument 1 must be str, not {tn}"),
        ));
    }
    let tm = tm_from(vm, t, "strftime")?;
    let text = as_str(fmt);
    if text.is_empty() {
        return Ok(vm.new_str(""));
    }
    let Ok(cfmt) = std::ffi::CString::new(text) else {
        return Err(vm.err(E::ValueError, "embedded null character"));
    };
    let mut size = 256usize;
    loop {
        let mut buf = vec![0u8; size];
        // SAFETY: strftime writes at most `size` bytes into `buf`.
        let n = unsafe {
            libc::strftime(
                buf.as_mut_ptr() as *mut libc::c_char,
                size,
                cfmt.as_ptr(),
                &tm,
            )
        };
        if n > 0 || size > 1 << 16 {
            buf.truncate(n);
            let s = String::from_utf8_lossy(&buf).into_owned();
            return Ok(vm.new_str(&s));
        }
        size *= 4;
    }
}

/// Add these functions to the `_time` module.
pub fn install(vm: &mut Vm, module: Value) {
    let fns: &[(&'static str, NativeFn)] = &[
        ("time_ns", t_time_ns),
        ("monotonic_ns", t_monotonic_ns),
        ("perf_counter_ns", t_monotonic_ns),
        ("process_time", t_process_time),
        ("process_time_ns", t_process_time_ns),
        ("_gmtime", t_gmtime),
        ("_localtime", t_localtime),
        ("_mktime", t_mktime),
        ("_strftime", t_strftime),
    ];
    let d = module.get(1);
    for &(name, f) in fns {
        let func = vm.def_builtin(name, "time", f);
        let k = vm.intern(name);
        let _ = vm.dict_set(d, k, func);
    }
}
