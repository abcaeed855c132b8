//! `docket fmt [PATH...] [--check]`: the canonical layout, every comment kept.

use std::io::Write;

use super::docket_args::{Paths, resolve};
use super::editing::{edit_error, lock};
use super::{CliError, Exit, Settings};
use crate::edit::{EditFile, diff, fmt, folder_of, write};
use crate::render::text::terminal_path;
use crate::timeline::find_files;

/// Arguments of `docket fmt`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  docket fmt
  docket fmt --check timelines/     # exit 1 when a file is not in the canonical layout")]
pub struct Args {
    #[command(flatten)]
    paths: Paths,
    /// Write nothing; list the files that would change (exit 1 if any).
    #[arg(long)]
    check: bool,
    /// Show the changes as a diff and write nothing.
    #[arg(long)]
    dry_run: bool,
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let (files, problems) = find_files(&resolve(&args.paths)?);
    if let Some(p) = problems.first() {
        return Err(CliError::Failed(p.message.clone()));
    }
    // Held while the files are read and written, unless nothing is to be written.
    let _lock = match args.check || args.dry_run {
        true => None,
        false => Some(lock(files.iter().map(|f| folder_of(f)))?),
    };
    let mut differ = 0;
    for path in &files {
        let mut file = EditFile::open(path).map_err(|e| edit_error(e, settings))?;
        fmt::canonical(&mut file);
        let after = file.render();
        let before = file.original_text();
        if after == before {
            continue;
        }
        differ += 1;
        if args.check {
            writeln!(out, "would reformat {}", terminal_path(path))?;
        } else if args.dry_run {
            write!(
                out,
                "{}",
                diff::unified(&path.display().to_string(), &before, &after)
            )?;
        } else {
            write::replace(path, &file.original, after.as_bytes())
                .map_err(|e| edit_error(e, settings))?;
            writeln!(out, "reformatted {}", terminal_path(path))?;
        }
    }
    Ok(if args.check && differ > 0 {
        Exit::Attention
    } else {
        Exit::Success
    })
}
