//! The one way the program reads a file or stdin: with a size limit that
//! holds whatever the file is (a regular file, a device, a FIFO, a pipe on
//! stdin), never trusting the size the file system reports. Files that are
//! not regular files (devices, FIFOs, sockets, directories) are refused
//! before they are opened, so `/dev/zero` cannot fill memory and a FIFO with
//! no writer cannot hang the program; stdin is read only when the user named
//! it (`-`). Text files ([`read_text`]) are UTF-8 only, binary files are
//! refused with a clear message, and a byte-order mark is dropped
//! ([`strip_bom`], for every text the program reads).

use std::fs::File;
use std::io::{self, BufRead, Read};
use std::path::Path;

/// The largest bank file (also the largest answers file).
pub const MAX_BANK_BYTES: u64 = 16 * 1024 * 1024;
/// The largest source report (`read --source`, `check --source`).
pub const MAX_SOURCE_BYTES: u64 = 16 * 1024 * 1024;
/// The largest report `draft` reads: a news report or interview
/// transcript is far smaller, and drafting is the slowest work we do.
pub const MAX_DRAFT_BYTES: u64 = 1024 * 1024;
/// The largest saved quiz in progress (attempt file).
pub const MAX_ATTEMPT_BYTES: u64 = 16 * 1024 * 1024;
/// The largest time-zone file `TZ` may name.
pub const MAX_TZ_BYTES: u64 = 1024 * 1024;
/// The longest answer line (keyboard or answers file), in bytes.
pub const MAX_LINE_BYTES: usize = 4096;

/// Reads at most `limit` bytes of `reader`; more is an error
/// ([`io::ErrorKind::FileTooLarge`]) and reading stops at `limit + 1`.
pub fn read_limited(reader: impl Read, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

fn too_large(limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!("it is larger than the {limit}-byte limit"),
    )
}

/// What a path is when it is not a regular file, for messages.
pub fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// Refuses anything but a regular file (following symbolic links).
pub fn require_regular(path: &Path) -> io::Result<()> {
    let meta = std::fs::metadata(path)?;
    if meta.is_file() {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is {}, not a regular file", kind_of(&meta)),
        ))
    }
}

/// Opens a regular file for reading without blocking on a FIFO swapped in
/// after the check.
fn open_regular(path: &Path) -> io::Result<File> {
    require_regular(path)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is not a regular file",
        ));
    }
    Ok(file)
}

/// The bytes of a regular file of at most `limit` bytes.
pub fn read_file(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    read_limited(open_regular(path)?, limit)
}

/// Why a text file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TextFileError {
    #[error("cannot read {file}: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read {file}: {source}")]
    NotAFile {
        file: String,
        #[source]
        source: std::io::Error,
    },
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

/// The text of a regular file of at most `limit` bytes: UTF-8, no NUL
/// byte, a leading byte-order mark dropped.
pub fn read_text(path: &Path, limit: u64) -> Result<String, TextFileError> {
    let file = path.display().to_string();
    let read_error = |source| TextFileError::Read {
        file: file.clone(),
        source,
    };
    let bytes = read_file(path, limit).map_err(|source| match source.kind() {
        std::io::ErrorKind::FileTooLarge => TextFileError::TooLarge {
            file: file.clone(),
            limit,
        },
        std::io::ErrorKind::InvalidInput => TextFileError::NotAFile {
            file: file.clone(),
            source,
        },
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
    let mut text = String::from_utf8(bytes).map_err(|error| {
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
    let bom = text.len() - strip_bom(&text).len();
    text.drain(..bom);
    Ok(text)
}

/// `text` without the byte-order mark some editors put at the start of a
/// UTF-8 file.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// [`strip_bom`] for bytes not yet decoded.
pub fn strip_bom_bytes(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// All of stdin, at most `limit` bytes.
pub fn read_stdin(limit: u64) -> io::Result<Vec<u8>> {
    read_limited(io::stdin().lock(), limit)
}

/// One line (up to and including `\n`) of at most [`MAX_LINE_BYTES`]:
/// `Ok(None)` at the end of input; a longer line is read to its end and
/// dropped, and reported as [`LineRead::TooLong`].
pub fn read_line(reader: &mut impl BufRead) -> io::Result<Option<LineRead>> {
    let mut bytes = Vec::new();
    let read = reader
        .by_ref()
        .take(MAX_LINE_BYTES as u64 + 1)
        .read_until(b'\n', &mut bytes)?;
    if read == 0 {
        return Ok(None);
    }
    if bytes.len() > MAX_LINE_BYTES && bytes.last() != Some(&b'\n') {
        // Skip the rest of the line without keeping it.
        loop {
            let buffer = reader.fill_buf()?;
            if buffer.is_empty() {
                break;
            }
            if let Some(newline) = buffer.iter().position(|&byte| byte == b'\n') {
                reader.consume(newline + 1);
                break;
            }
            let length = buffer.len();
            reader.consume(length);
        }
        return Ok(Some(LineRead::TooLong));
    }
    Ok(Some(LineRead::Line(
        String::from_utf8_lossy(&bytes).into_owned(),
    )))
}

/// One line of input, or the news that it was too long to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineRead {
    Line(String),
    TooLong,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stop_one_byte_past_the_limit() {
        let endless = io::repeat(b'x');
        let error = read_limited(endless, 1000).expect_err("too large");
        assert_eq!(error.kind(), io::ErrorKind::FileTooLarge);
        assert_eq!(read_limited(&b"12345"[..], 5).expect("fits"), b"12345");
    }

    #[test]
    fn lines_are_capped_and_the_rest_is_skipped() {
        let mut input = io::Cursor::new(format!("{}\nnext\n", "x".repeat(MAX_LINE_BYTES * 3)));
        assert_eq!(
            read_line(&mut input).expect("read"),
            Some(LineRead::TooLong)
        );
        assert_eq!(
            read_line(&mut input).expect("read"),
            Some(LineRead::Line("next\n".into()))
        );
        assert_eq!(read_line(&mut input).expect("read"), None);
        let exact = "y".repeat(MAX_LINE_BYTES - 1) + "\n";
        let mut input = io::Cursor::new(exact.clone());
        assert_eq!(
            read_line(&mut input).expect("read"),
            Some(LineRead::Line(exact))
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_refused_before_reading() {
        let error = read_file(Path::new("/dev/zero"), 10).expect_err("a device");
        assert!(error.to_string().contains("a device"), "{error}");
        let dir = tempfile::tempdir().expect("dir");
        let error = read_file(dir.path(), 10).expect_err("a directory");
        assert!(error.to_string().contains("a directory"), "{error}");
    }

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
