//! The `docket` binary: everything happens in [`docket::cli::main`].

fn main() -> std::process::ExitCode {
    docket::cli::main()
}
