//! Diagnostics written for people: each file's first [`PER_FILE`] problems in full, then how many
//! more there are, so that a file with thousands of errors does not bury the terminal. The JSON
//! of `docket check --format json` keeps every one.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::render::text::terminal_path;

/// How many problems of one file are written in full.
pub(crate) const PER_FILE: usize = 20;

/// Writes `diagnostics`, at most [`PER_FILE`] of each file, then one line per file saying how
/// many were left out. Problems that are in no file are all written.
pub(crate) fn write(
    diagnostics: &[&Diagnostic],
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut shown: HashMap<&Path, usize> = HashMap::new();
    let mut left_out: Vec<(&Path, usize)> = Vec::new();
    for d in diagnostics {
        if let Some(file) = &d.file {
            let n = shown.entry(&file.path).or_insert(0);
            *n += 1;
            if *n > PER_FILE {
                match left_out.iter_mut().find(|(p, _)| *p == &*file.path) {
                    Some((_, count)) => *count += 1,
                    None => left_out.push((&file.path, 1)),
                }
                continue;
            }
        }
        writeln!(out, "{}\n", d.render(color))?;
    }
    for (path, n) in left_out {
        writeln!(
            out,
            "note: {n} more problem{} in `{}` not shown; `docket check --format json` lists every one\n",
            if n == 1 { "" } else { "s" },
            terminal_path(path)
        )?;
    }
    Ok(())
}
