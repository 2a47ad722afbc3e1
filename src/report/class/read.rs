//! Reading collected results from files, folders and JSON Lines files, one
//! result at a time, into a [`Collector`]: a JSON Lines file is read line by
//! line with a size cap per line, so memory never holds more than one
//! result's text. Files that cannot be used are named and counted.

use super::Collector;
use crate::report::parse_result_view;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// The longest line of a JSON Lines file, and the largest single result file.
pub const MAX_RESULT_BYTES: u64 = 16 * 1024 * 1024;

/// The read buffer: most lines of a JSON Lines file are used where they
/// are in it, without a copy.
const READ_BUFFER_BYTES: usize = 1 << 20;

/// Extensions of result files looked for inside a folder.
const RESULT_EXTENSIONS: [&str; 3] = ["json", "jsonl", "ndjson"];

/// Why an input named on the command line cannot be read at all.
#[derive(Debug, thiserror::Error)]
#[error("cannot read {path}: {source}")]
pub struct InputError {
    pub path: String,
    #[source]
    pub source: io::Error,
}

/// Why no report could be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Input(#[from] InputError),
    /// Nothing readable among the inputs; what was skipped and why.
    #[error("no readable crossexam results among the inputs ({} skipped)", skipped.len())]
    NoResults { skipped: Vec<super::Skipped> },
}

/// Reads every result under `path` (a file, or a folder searched
/// recursively for `.json`, `.jsonl` and `.ndjson` files, in name order).
pub fn read_path(path: &Path, collector: &mut Collector) -> Result<(), InputError> {
    let error = |source| InputError {
        path: path.display().to_string(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(error)?;
    if !metadata.is_dir() {
        read_file(path, collector);
        return Ok(());
    }
    let mut entries: Vec<_> = std::fs::read_dir(path)
        .map_err(error)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            read_path(&entry, collector)?;
        } else if entry
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| {
                RESULT_EXTENSIONS
                    .iter()
                    .any(|known| ext.eq_ignore_ascii_case(known))
            })
        {
            read_file(&entry, collector);
        }
    }
    Ok(())
}

/// Reads one file: JSON Lines when its first line is a whole JSON value (or
/// it is named `.jsonl`/`.ndjson`), else one result document.
fn read_file(path: &Path, collector: &mut Collector) {
    let shown = path.display().to_string();
    let file = match File::open(path) {
        Ok(file) => file,
        Err(error) => return collector.skip(shown, format!("cannot open: {error}")),
    };
    collector.files_read += 1;
    let mut reader = BufReader::with_capacity(READ_BUFFER_BYTES, file);
    let mut line = Vec::new();
    let first = match read_line_capped(&mut reader, &mut line) {
        Ok(first) => first,
        Err(error) => return collector.skip(shown, format!("cannot read: {error}")),
    };
    let named_lines = path
        .extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| ext.eq_ignore_ascii_case("jsonl") || ext.eq_ignore_ascii_case("ndjson"));
    let first_is_whole = first == Line::Read && {
        let text = String::from_utf8_lossy(&line);
        let text = crate::input::strip_bom(text.trim_start()).trim();
        !text.is_empty() && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
    };
    if named_lines || first_is_whole {
        read_lines(&shown, reader, line, first, collector);
    } else {
        read_document(&shown, reader, line, collector);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Read,
    TooLong,
    End,
}

/// Reads one line (without its end) into `line`, keeping at most
/// [`MAX_RESULT_BYTES`]; the rest of a longer line is passed over.
fn read_line_capped(reader: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<Line> {
    line.clear();
    let read = reader
        .by_ref()
        .take(MAX_RESULT_BYTES + 1)
        .read_until(b'\n', line)?;
    if read == 0 {
        return Ok(Line::End);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        return Ok(Line::Read);
    }
    if line.len() as u64 > MAX_RESULT_BYTES {
        // Skip to the end of the overlong line.
        let mut rest = Vec::new();
        loop {
            rest.clear();
            let read = reader.by_ref().take(1 << 16).read_until(b'\n', &mut rest)?;
            if read == 0 || rest.last() == Some(&b'\n') {
                break;
            }
        }
        line.clear();
        return Ok(Line::TooLong);
    }
    Ok(Line::Read)
}

fn read_lines(
    shown: &str,
    mut reader: impl BufRead,
    mut line: Vec<u8>,
    mut state: Line,
    collector: &mut Collector,
) {
    let mut number = 1;
    loop {
        match state {
            Line::End => return,
            Line::TooLong => collector.skip(
                format!("{shown}:{number}"),
                format!("the line is longer than {} MiB", MAX_RESULT_BYTES >> 20),
            ),
            Line::Read => read_line(shown, number, &line, collector),
        }
        number += 1;
        // Whole lines in the buffer are read where they are; a line cut by
        // the buffer's end, the last line and read errors go the long way.
        while let Ok(buffered) = reader.fill_buf() {
            let Some(end) = memchr::memchr(b'\n', buffered) else {
                break;
            };
            let text = &buffered[..end];
            read_line(
                shown,
                number,
                text.strip_suffix(b"\r").unwrap_or(text),
                collector,
            );
            reader.consume(end + 1);
            number += 1;
        }
        state = match read_line_capped(&mut reader, &mut line) {
            Ok(state) => state,
            Err(error) => {
                return collector
                    .skip(format!("{shown}:{number}"), format!("cannot read: {error}"));
            }
        };
    }
}

/// One line of a JSON Lines file (without its end), `number` counted from 1.
fn read_line(shown: &str, number: usize, line: &[u8], collector: &mut Collector) {
    match std::str::from_utf8(line) {
        Err(_) => collector.skip(format!("{shown}:{number}"), "not UTF-8 text"),
        Ok(text) if text.trim().is_empty() => {}
        Ok(text) => match parse_result_view(text) {
            Ok(result) => collector.add(&result),
            Err(error) => collector.skip(format!("{shown}:{number}"), error.to_string()),
        },
    }
}

fn read_document(shown: &str, reader: impl BufRead, mut text: Vec<u8>, collector: &mut Collector) {
    text.push(b'\n');
    let limit = MAX_RESULT_BYTES.saturating_sub(text.len() as u64) + 1;
    if let Err(error) = reader.take(limit).read_to_end(&mut text) {
        return collector.skip(shown, format!("cannot read: {error}"));
    }
    if text.len() as u64 > MAX_RESULT_BYTES {
        return collector.skip(shown, format!("larger than {} MiB", MAX_RESULT_BYTES >> 20));
    }
    match std::str::from_utf8(&text) {
        Err(_) => collector.skip(shown, "not UTF-8 text"),
        Ok(text) if text.trim().is_empty() => collector.skip(shown, "empty file"),
        Ok(text) => match parse_result_view(text) {
            Ok(result) => collector.add(&result),
            Err(error) => collector.skip(shown, error.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::class::WhichAttempts;

    const LINE: &str = r#"{"format":"crossexam-result/1","bank":"b","bank_hash":"h","quiz":null,"seed":"1","rng":"r","learner":"ana","started_at":"2026-11-25T09:00:00Z","finished_at":"2026-11-25T09:01:00Z","complete":true,"ended":"finished","feedback":"end","time_limit_s":null,"score":1.0,"max_score":1,"percent":100.0,"passed":null,"cbm":null,"responses":[{"question":"q1","type":"single","answer":"a","selected":["right"],"credit":1.0,"points":1.0,"max_points":1,"confidence":null,"seconds":1.0,"skipped":false}]}"#;

    /// Lines read where they are in the buffer and lines cut by its end,
    /// CRLF ends, blank lines and a last line without an end are read
    /// alike; lines that cannot be used are named by their number, in order.
    #[test]
    fn lines_are_read_alike_wherever_the_buffer_cuts_them() {
        let mut bytes = Vec::new();
        let mut expected_skips = Vec::new();
        let mut results = 0;
        for number in 1..=60 {
            if number % 7 == 0 {
                bytes.extend(b"not json\n");
                expected_skips.push((format!("f:{number}"), "damaged resu"));
            } else if number % 13 == 0 {
                bytes.extend(b"\xff\xfe\r\n");
                expected_skips.push((format!("f:{number}"), "not UTF-8 te"));
            } else if number % 11 == 0 {
                bytes.extend(b" \r\n");
            } else {
                bytes.extend(LINE.as_bytes());
                bytes.extend(if number % 2 == 0 { "\r\n" } else { "\n" }.as_bytes());
                results += 1;
            }
        }
        bytes.extend(LINE.as_bytes());
        results += 1;
        for capacity in [
            1,
            7,
            64,
            LINE.len(),
            LINE.len() + 1,
            LINE.len() + 2,
            1 << 16,
        ] {
            let mut reader = BufReader::with_capacity(capacity, bytes.as_slice());
            let mut collector = Collector::new(WhichAttempts::All);
            let mut line = Vec::new();
            let first = read_line_capped(&mut reader, &mut line).expect("read");
            read_lines("f", reader, line, first, &mut collector);
            assert_eq!(collector.results(), results, "buffer of {capacity}");
            let skipped: Vec<(String, &str)> = collector
                .skipped
                .iter()
                .map(|skip| (skip.source.clone(), &skip.reason[..12]))
                .collect();
            assert_eq!(skipped, expected_skips, "buffer of {capacity}");
        }
    }
}
