//! `docket completions SHELL` and `docket man`: generated from the clap definitions.

use std::io::Write;

use clap::CommandFactory;

use super::{Cli, CliError, Exit};

/// Arguments of `docket completions`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  docket completions bash > ~/.local/share/bash-completion/completions/docket"
)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

pub fn run(args: Args, out: &mut dyn Write) -> Result<Exit, CliError> {
    // Made in memory first: `generate` panics on a write error.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "docket", &mut script);
    out.write_all(&script)?;
    Ok(Exit::Success)
}

pub fn man(out: &mut dyn Write) -> Result<Exit, CliError> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(Exit::Success)
}
