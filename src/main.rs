//! The `crossexam` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    crossexam::main()
}
