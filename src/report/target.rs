//! Where `--results` may write: a folder, a new file, or a previous result
//! of ours. Anything else (a bank, a document, a device, a FIFO) is never
//! replaced, a regular file only with `--force`; and the target is tried
//! before the quiz (a probe file is created and removed) so that a
//! read-only folder or an impossible name is found before the learner has
//! answered anything.

use std::io;
use std::path::Path;

/// Why `--results` cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    #[error("{path} is {kind}, not a regular file; results are written to a file or a folder")]
    NotRegular { path: String, kind: &'static str },
    #[error("{path} exists and is not a crossexam result")]
    NotAResult { path: String },
    #[error("cannot write to {path}: {source}")]
    NotWritable {
        path: String,
        #[source]
        source: io::Error,
    },
}

impl TargetError {
    /// What to do about it.
    pub fn hint(&self) -> String {
        match self {
            TargetError::NotRegular { .. } => {
                "name a new file or a folder for the results".to_string()
            }
            TargetError::NotAResult { .. } => {
                "choose another file name, or give --force to replace this file".to_string()
            }
            TargetError::NotWritable { source, .. } => {
                crate::atomic::write_hint(source).to_string()
            }
        }
    }
}

/// Whether the file at `path` is a result we wrote (its `format` is a
/// `crossexam-result/` tag), read with the size limit.
pub fn is_previous_result(path: &Path) -> bool {
    crate::input::read_file(path, crate::input::MAX_BANK_BYTES)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .and_then(|document| {
            document
                .get("format")
                .and_then(serde_json::Value::as_str)
                .map(|format| format.starts_with("crossexam-result/"))
        })
        .unwrap_or(false)
}

/// Refuses a target that must not be replaced: anything that is not a
/// regular file, and (without `force`) a regular file that is not a
/// previous result. A missing file or a folder is fine.
pub fn refuse_to_replace(target: &Path, force: bool) -> Result<(), TargetError> {
    let path = target.display().to_string();
    let Ok(meta) = std::fs::metadata(target) else {
        return Ok(());
    };
    if meta.is_dir() {
        return Ok(());
    }
    if !meta.is_file() {
        return Err(TargetError::NotRegular {
            path,
            kind: crate::input::kind_of(&meta),
        });
    }
    if !force && !is_previous_result(target) {
        return Err(TargetError::NotAResult { path });
    }
    Ok(())
}

/// Tries the target before the quiz: in a folder (or the file's folder) a
/// probe file is created and removed; a new file's own name is created and
/// removed too, so a name the file system refuses shows now.
pub fn probe(target: &Path, force: bool) -> Result<(), TargetError> {
    refuse_to_replace(target, force)?;
    let not_writable = |source| TargetError::NotWritable {
        path: target.display().to_string(),
        source,
    };
    let folder = if target.is_dir() {
        target
    } else {
        match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        }
    };
    tempfile::Builder::new()
        .prefix(".crossexam-probe")
        .tempfile_in(folder)
        .map_err(not_writable)?;
    if !target.exists() && !target.is_dir() {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(target)
            .map_err(not_writable)?;
        std::fs::remove_file(target).map_err(not_writable)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_missing_files_folders_and_previous_results_are_replaced() {
        let dir = tempfile::tempdir().expect("dir");
        let bank = dir.path().join("bank.json");
        std::fs::write(&bank, r#"{"format": "crossexam-bank/1"}"#).expect("write");
        assert!(matches!(
            refuse_to_replace(&bank, false),
            Err(TargetError::NotAResult { .. })
        ));
        assert!(refuse_to_replace(&bank, true).is_ok());
        let result = dir.path().join("result.json");
        std::fs::write(&result, r#"{"format": "crossexam-result/1"}"#).expect("write");
        assert!(refuse_to_replace(&result, false).is_ok());
        assert!(refuse_to_replace(&dir.path().join("new.json"), false).is_ok());
        assert!(refuse_to_replace(dir.path(), false).is_ok());
        #[cfg(unix)]
        assert!(matches!(
            refuse_to_replace(Path::new("/dev/null"), true),
            Err(TargetError::NotRegular { .. })
        ));
    }

    #[test]
    fn a_probe_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("dir");
        probe(&dir.path().join("r.json"), false).expect("writable");
        probe(dir.path(), false).expect("writable");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
        let long = dir.path().join(format!("{}.json", "n".repeat(300)));
        assert!(matches!(
            probe(&long, false),
            Err(TargetError::NotWritable { .. })
        ));
    }
}
