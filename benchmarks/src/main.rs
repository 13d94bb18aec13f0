//! The `retrace-bench` command: see the crate documentation and docs/bench.md.

use clap::Parser;

fn main() {
    let cli = retrace_bench::cli::Cli::parse();
    retrace_bench::measure::install_interrupt_handler();
    if let Err(message) = retrace_bench::run_cli(&cli) {
        eprintln!("retrace-bench: error: {message}");
        std::process::exit(1);
    }
}
