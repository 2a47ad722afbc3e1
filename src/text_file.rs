//! Reading a plain-text input file (a report for `draft`): bounded by a
//! size limit that holds for any file (the read stops at the limit; the
//! reported length is never trusted), only regular files, UTF-8 only, a
//! byte-order mark dropped. Binary files are refused with a clear message.

use std::path::Path;

/// Reports larger than this are refused: 16 MiB is far beyond any article.
pub const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// Why a text file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TextFileError {
    #[error("cannot read {file}: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file} is not a regular file")]
    NotAFile { file: String },
    #[error("{file} is larger than the {limit}-byte limit for a text file")]
    TooLarge { file: String, limit: u64 },
    #[error("{file} is not text: it contains a NUL byte at byte {offset}")]
    Binary { file: String, offset: usize },
    #[error("{file} is not UTF-8 text: invalid bytes at line {line}, column {column}")]
    NotUtf8 {
        file: String,
        line: usize,
        column: usize,
    },
}

impl TextFileError {
    /// What to do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            TextFileError::Read { .. } => "check the path and that the file is readable",
            TextFileError::NotAFile { .. } => "give the path of a plain-text file",
            TextFileError::TooLarge { .. } => "split the text into smaller files",
            TextFileError::Binary { .. } | TextFileError::NotUtf8 { .. } => {
                "save the report as plain UTF-8 text (in a word processor: Save as, Plain text, UTF-8)"
            }
        }
    }
}

/// Reads a text file of at most `limit` bytes, without a leading BOM.
pub fn read_text(path: &Path, limit: u64) -> Result<String, TextFileError> {
    let file = path.display().to_string();
    let read_error = |source| TextFileError::Read {
        file: file.clone(),
        source,
    };
    // The crate's one bounded reader: regular files only, opened without
    // blocking, the read stopped one byte past the limit.
    let bytes = crate::input::read_file(path, limit).map_err(|source| match source.kind() {
        std::io::ErrorKind::FileTooLarge => TextFileError::TooLarge {
            file: file.clone(),
            limit,
        },
        std::io::ErrorKind::InvalidInput => TextFileError::NotAFile { file: file.clone() },
        _ => read_error(source),
    })?;
    text_of(&file, bytes)
}

/// The text of a file's bytes: refuses NUL bytes and invalid UTF-8, drops a BOM.
pub fn text_of(file: &str, bytes: Vec<u8>) -> Result<String, TextFileError> {
    if let Some(offset) = bytes.iter().position(|&byte| byte == 0) {
        return Err(TextFileError::Binary {
            file: file.to_string(),
            offset,
        });
    }
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let before = String::from_utf8_lossy(valid);
        let line = before.matches('\n').count() + 1;
        let column = before
            .rsplit('\n')
            .next()
            .map_or(0, |last| last.chars().count())
            + 1;
        TextFileError::NotUtf8 {
            file: file.to_string(),
            line,
            column,
        }
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_read_without_its_bom() {
        assert_eq!(
            text_of("r.txt", b"\xef\xbb\xbfHi.\r\n".to_vec()).unwrap(),
            "Hi.\r\n"
        );
    }

    #[test]
    fn binary_and_invalid_utf8_are_refused_with_a_position() {
        assert!(matches!(
            text_of("r.txt", b"PK\x03\x04\x00".to_vec()),
            Err(TextFileError::Binary { offset: 4, .. })
        ));
        assert!(matches!(
            text_of("r.txt", b"one\ntw\xffo".to_vec()),
            Err(TextFileError::NotUtf8 {
                line: 2,
                column: 3,
                ..
            })
        ));
    }

    #[test]
    fn the_limit_holds_and_directories_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        std::fs::write(&path, "x".repeat(11)).unwrap();
        assert!(matches!(
            read_text(&path, 10),
            Err(TextFileError::TooLarge { .. })
        ));
        assert_eq!(read_text(&path, 11).unwrap().len(), 11);
        assert!(matches!(
            read_text(dir.path(), 10),
            Err(TextFileError::NotAFile { .. })
        ));
    }
}
