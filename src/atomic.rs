//! Atomic file writes: a temporary file in the target's directory, synced,
//! then renamed over the target, so a reader never sees half a file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

fn temp_beside(
    path: &Path,
    contents: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<NamedTempFile> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = NamedTempFile::new_in(dir).map_err(without_temp_path)?;
    // Results and banks are meant to be shared: readable by others, like any file the user writes.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    let mut buffered = io::BufWriter::new(file.as_file_mut());
    contents(&mut buffered)?;
    buffered.flush()?;
    drop(buffered);
    file.as_file().sync_all()?;
    Ok(file)
}

/// tempfile's error without the name of the temporary file it appends
/// (`… at path ".tmpXXXX"`: a name the user never chose, for a file that
/// does not exist); the caller names the target instead.
fn without_temp_path(error: io::Error) -> io::Error {
    let message = error.to_string();
    match message.split_once(" at path ") {
        Some((cause, _)) if error.get_ref().is_some() => io::Error::new(error.kind(), cause),
        _ => error,
    }
}

fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(dir) = std::fs::File::open(parent)
    {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Replaces `path` with `bytes` atomically.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, |out| out.write_all(bytes))
}

/// Replaces `path` atomically with what `fill` writes (buffered), so a
/// large output never has to be held in memory whole.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    temp_beside(path, fill)?
        .persist(path)
        .map_err(|error| error.error)?;
    sync_dir(path);
    Ok(())
}

/// Writes `path` atomically only if no file is there (an `AlreadyExists`
/// error otherwise, even when another writer creates it meanwhile).
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    temp_beside(path, |out| out.write_all(bytes))?
        .persist_noclobber(path)
        .map_err(|error| error.error)?;
    sync_dir(path);
    Ok(())
}

/// Writes `bytes` to a new file `stem.ext` (or `stem-2.ext`, …) in `dir`,
/// never replacing an existing file, even with concurrent writers.
pub fn write_unique(dir: &Path, stem: &str, extension: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let mut temp = temp_beside(&dir.join("x"), |out| out.write_all(bytes))?;
    for counter in 1.. {
        let candidate = if counter == 1 {
            dir.join(format!("{stem}.{extension}"))
        } else {
            dir.join(format!("{stem}-{counter}.{extension}"))
        };
        match temp.persist_noclobber(&candidate) {
            Ok(_) => {
                sync_dir(&candidate);
                return Ok(candidate);
            }
            Err(error) if error.error.kind() == io::ErrorKind::AlreadyExists => temp = error.file,
            Err(error) => return Err(error.error),
        }
    }
    unreachable!("the counter never runs out")
}

/// What to do when a write failed, by what went wrong.
pub fn write_hint(error: &io::Error) -> &'static str {
    match error.kind() {
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            "check that the folder is writable, or choose another place"
        }
        io::ErrorKind::InvalidFilename => {
            "the file name is too long or not allowed: choose a shorter name"
        }
        io::ErrorKind::IsADirectory => "that is a folder: name a file inside it",
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            "the disk is full: free some space, or choose another place"
        }
        io::ErrorKind::NotFound => "the folder does not exist: create it first",
        _ => "check the path and that the folder is writable",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_does_not_name_the_temporary_file() {
        // Regression: the error read `… at path "nodir/.tmpB2TK7t"`.
        let dir = tempfile::tempdir().expect("temp dir");
        let error = write(&dir.path().join("nodir").join("x.html"), b"x").expect_err("no folder");
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
        assert!(!error.to_string().contains(".tmp"), "{error}");
    }
}
