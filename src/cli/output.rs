//! Where `-o PATH` sends a command's output: a regular file is made or replaced atomically
//! ([`crate::atomic`]); a character device, a pipe or standard output itself (`-`,
//! `/dev/stdout`) is written into directly, never replaced; a timeline file the command read, a
//! folder and a block device are refused before anything is written.

use std::fs::{File, Metadata};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::CliError;

/// Writes `written`'s output to `path` (standard output `out` when there is none), refusing a
/// path among `inputs`; returns what `written` returns.
pub(crate) fn write<T>(
    path: Option<&Path>,
    inputs: &[&Path],
    out: &mut dyn Write,
    written: impl FnOnce(&mut dyn Write) -> std::io::Result<T>,
) -> Result<T, CliError> {
    let destination = match path {
        Some(path) => destination(path, inputs)?,
        None => Destination::Stdout,
    };
    let cannot_write = |path: &Path| {
        let context = format!("cannot write `{}`", path.display());
        move |source| CliError::Io { context, source }
    };
    Ok(match destination {
        Destination::Stdout => written(out)?,
        Destination::Direct(path, mut file) => written(&mut file).map_err(cannot_write(&path))?,
        Destination::File(path) => {
            crate::atomic::write_with(&path, written).map_err(cannot_write(&path))?
        }
    })
}

/// Where the output goes.
enum Destination {
    /// Standard output: `-o -`, or a path that is standard output itself (`/dev/stdout`).
    Stdout,
    /// A character device, a pipe or a socket, opened for writing: written into, never replaced.
    Direct(PathBuf, File),
    /// A regular file, made or replaced atomically.
    File(PathBuf),
}

/// Where `-o path` sends the output; refuses a timeline file among `inputs`, a folder and a
/// block device.
fn destination(path: &Path, inputs: &[&Path]) -> Result<Destination, CliError> {
    if path == Path::new("-") {
        return Ok(Destination::Stdout);
    }
    let shown = path.display();
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Destination::File(path.to_path_buf()));
        }
        Err(source) => {
            let context = format!("cannot write `{shown}`");
            return Err(CliError::Io { context, source });
        }
    };
    if is_stdout(&meta) {
        return Ok(Destination::Stdout);
    }
    if meta.is_file() {
        let input = inputs
            .iter()
            .find(|i| std::fs::metadata(i).is_ok_and(|m| same_file(&m, &meta, i, path)));
        return match input {
            Some(input) => Err(CliError::Failed(format!(
                "refusing to write the output over `{}`, a timeline file it reads; nothing was written",
                input.display()
            ))),
            None => Ok(Destination::File(path.to_path_buf())),
        };
    }
    if meta.is_dir() {
        return Err(CliError::Failed(format!(
            "cannot write `{shown}`: it is a folder; nothing was written"
        )));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if meta.file_type().is_block_device() {
            return Err(CliError::Failed(format!(
                "refusing to write the output to `{shown}`, a block device (a disk); nothing was written"
            )));
        }
    }
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|source| CliError::Io {
            context: format!("cannot write `{shown}`"),
            source,
        })?;
    Ok(Destination::Direct(path.to_path_buf(), file))
}

/// Whether `meta` is the metadata of this process's standard output.
#[cfg(unix)]
fn is_stdout(meta: &Metadata) -> bool {
    use std::os::fd::AsFd;
    let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() else {
        return false;
    };
    File::from(fd)
        .metadata()
        .is_ok_and(|out| same_file(&out, meta, Path::new(""), Path::new("")))
}

/// Elsewhere only `-` is standard output.
#[cfg(not(unix))]
fn is_stdout(_: &Metadata) -> bool {
    false
}

/// Whether two files are one: the same device and inode (Unix), or the same canonical path.
fn same_file(a: &Metadata, b: &Metadata, a_path: &Path, b_path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = (a_path, b_path);
        (a.dev(), a.ino()) == (b.dev(), b.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        let real = |p: &Path| std::fs::canonicalize(p).ok();
        real(a_path).is_some() && real(a_path) == real(b_path)
    }
}
