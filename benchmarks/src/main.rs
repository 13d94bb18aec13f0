//! retrace-bench: runs benchmark workloads across engines (repy, CPython, PyPy,
//! toylang, C twins) and reports medians and ratios.

fn main() {
    eprintln!("retrace-bench: not written yet");
    std::process::exit(2);
}
