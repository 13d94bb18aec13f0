//! The `repy` command.

fn main() {
    eprintln!("repy: the Python interpreter is not written yet");
    std::process::exit(2);
}
