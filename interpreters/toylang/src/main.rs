//! The `toylang` command.

fn main() {
    eprintln!("toylang: the interpreter is not written yet");
    std::process::exit(2);
}
