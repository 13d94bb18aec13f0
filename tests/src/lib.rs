//! retrace-tests: suites that cross crates (golden Python scripts, toylang
//! differential tests, the shared workloads). The suites live in `tests/`.
