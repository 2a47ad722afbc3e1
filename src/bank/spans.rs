//! Positions inside a JSON document: finding the value (or key) a JSON path
//! names, and turning byte offsets into 1-based line and column numbers.
//!
//! serde only tells where a syntax error is; semantic problems carry a JSON
//! path. This scanner re-reads the text only when there is something to
//! report, so the typed fast path stays fast.

use std::fmt;

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    Key(String),
    Index(usize),
}

/// A path from the document root, e.g. `questions[26].claims[1]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JsonPath(pub Vec<PathSegment>);

impl JsonPath {
    pub fn root() -> Self {
        JsonPath(Vec::new())
    }

    /// This path extended by a key.
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        let mut segments = self.0.clone();
        segments.push(PathSegment::Key(key.to_string()));
        JsonPath(segments)
    }

    /// This path extended by an array index.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        let mut segments = self.0.clone();
        segments.push(PathSegment::Index(index));
        JsonPath(segments)
    }

    /// This path extended by a key, in place (no copy of the path so far).
    #[must_use]
    pub fn and_key(mut self, key: &str) -> Self {
        self.0.push(PathSegment::Key(key.to_string()));
        self
    }

    /// This path extended by an array index, in place.
    #[must_use]
    pub fn and_index(mut self, index: usize) -> Self {
        self.0.push(PathSegment::Index(index));
        self
    }

    /// Builds a path from `serde_path_to_error`'s rendering (`a.b[2].c`).
    pub fn parse(rendered: &str) -> Self {
        let mut segments = Vec::new();
        if rendered == "." {
            return JsonPath(segments);
        }
        for part in rendered.split('.') {
            let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
            if !key.is_empty() {
                segments.push(PathSegment::Key(key.to_string()));
            }
            while let Some((number, tail)) = rest.split_once(']') {
                if let Ok(index) = number.parse() {
                    segments.push(PathSegment::Index(index));
                }
                rest = tail.strip_prefix('[').unwrap_or(tail);
            }
        }
        JsonPath(segments)
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(top level)");
        }
        for (position, segment) in self.0.iter().enumerate() {
            match segment {
                PathSegment::Key(key) if position == 0 => write!(f, "{key}")?,
                PathSegment::Key(key) => write!(f, ".{key}")?,
                PathSegment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// A 1-based line and column (columns count Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Bytes between two checkpoints of a [`LineIndex`]: a column costs at most
/// this many bytes of counting, however long the line.
const CHECKPOINT_BYTES: usize = 4096;

/// Lines and characters counted once per block of [`CHECKPOINT_BYTES`], so
/// that turning many offsets into lines and columns costs a binary search
/// and a count inside one block each, not a rescan (and building it costs
/// one vectorised count of the text, not a list of every line).
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// One per block, at `k * CHECKPOINT_BYTES` rounded down to a character boundary.
    blocks: Vec<Block>,
}

/// What comes before a block of a [`LineIndex`].
#[derive(Debug, Clone, Copy)]
struct Block {
    /// Where the block starts (a character boundary).
    at: usize,
    /// Line ends before it.
    newlines: usize,
    /// Characters before it.
    chars: usize,
    /// Where the line holding its first byte starts.
    line_start: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut blocks = Vec::with_capacity(text.len() / CHECKPOINT_BYTES + 1);
        let mut block = Block {
            at: 0,
            newlines: 0,
            chars: 0,
            line_start: 0,
        };
        blocks.push(block);
        let mut next = CHECKPOINT_BYTES;
        while next < text.len() {
            let at = floor_char_boundary(text, next);
            let span = &text.as_bytes()[block.at..at];
            block = Block {
                at,
                newlines: block.newlines + memchr::memchr_iter(b'\n', span).count(),
                chars: block.chars + text[block.at..at].chars().count(),
                line_start: memchr::memrchr(b'\n', span)
                    .map_or(block.line_start, |newline| block.at + newline + 1),
            };
            blocks.push(block);
            next += CHECKPOINT_BYTES;
        }
        LineIndex { blocks }
    }

    /// The block holding byte `offset`.
    fn block(&self, offset: usize) -> Block {
        let slot = self
            .blocks
            .partition_point(|block| block.at <= offset)
            .saturating_sub(1);
        self.blocks[slot]
    }

    /// Characters in `text` before the byte offset `offset` (a boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let block = self.block(offset);
        block.chars + text[block.at..offset].chars().count()
    }

    /// The line and column of a byte offset in `text` (the text this index was built from).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let block = self.block(offset);
        let within = &text.as_bytes()[block.at..offset];
        let line = block.newlines + memchr::memchr_iter(b'\n', within).count() + 1;
        let line_start = memchr::memrchr(b'\n', within)
            .map_or(block.line_start, |newline| block.at + newline + 1);
        let column = if line_start >= block.at {
            // The line starts in this block: counted directly.
            text[line_start..offset].chars().count()
        } else {
            self.chars_before(text, offset) - self.chars_before(text, line_start)
        };
        LineCol {
            line,
            column: column + 1,
        }
    }
}

/// The line and column of a byte offset (one scan; use a [`LineIndex`] for many).
pub fn line_col(text: &str, offset: usize) -> LineCol {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    LineCol {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// The byte offset of a 1-based line and a 1-based byte column (as `serde_json` reports).
pub fn offset_of_byte_column(text: &str, line: usize, byte_column: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    (line_start + byte_column.saturating_sub(1)).min(text.len())
}

/// The largest character boundary at or before `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The byte offset where the value at `path` starts, or the deepest
/// enclosing value that exists (one scan; use a [`Locator`] for many paths).
pub fn locate_value(text: &str, path: &JsonPath) -> usize {
    Locator::scan_from(text, 0, &path.0, None)
}

/// The byte offset of the key `key` inside the object at `path` (for unknown
/// fields), else of the object itself.
pub fn locate_key(text: &str, path: &JsonPath, key: &str) -> usize {
    Locator::scan_from(text, 0, &path.0, Some(key))
}

/// Finds many paths in one document and gives their lines and columns:
/// the items of the top-level lists (`questions[i]`, `claims[i]`, …) are
/// indexed in one pass, so each lookup scans only the item it is about.
#[derive(Debug)]
pub struct Locator<'a> {
    text: &'a str,
    /// Built on the first position asked for (a clean bank asks for none).
    lines: std::sync::OnceLock<LineIndex>,
    /// For each top-level key (first occurrence), where its value starts and,
    /// when it is a list, where each item starts.
    top_level: Vec<(String, usize, Vec<usize>)>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator {
            text,
            lines: std::sync::OnceLock::new(),
            top_level: index_top_level(text),
        }
    }

    /// A locator for a document a [`scan`](super::scan::scan) has already
    /// laid out (a document without repeated keys), without a second pass.
    pub fn with_top_level(text: &'a str, layout: Vec<super::scan::TopLevelEntry>) -> Self {
        Locator {
            text,
            lines: std::sync::OnceLock::new(),
            top_level: layout
                .into_iter()
                .map(|entry| {
                    let items = entry.items.iter().map(|item| item.start).collect();
                    (entry.key, entry.value.start, items)
                })
                .collect(),
        }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn line_col(&self, offset: usize) -> LineCol {
        self.lines
            .get_or_init(|| LineIndex::new(self.text))
            .line_col(self.text, offset)
    }

    /// Where the value at `path` starts (or the deepest enclosing value).
    pub fn value(&self, path: &JsonPath) -> usize {
        self.find(path, None)
    }

    /// Where `key` of the object at `path` starts (else the object).
    pub fn key(&self, path: &JsonPath, key: &str) -> usize {
        self.find(path, Some(key))
    }

    fn find(&self, path: &JsonPath, key: Option<&str>) -> usize {
        if let Some(PathSegment::Key(first)) = path.0.first()
            && let Some((_, value_start, items)) =
                self.top_level.iter().find(|(name, _, _)| name == first)
        {
            return match path.0.get(1) {
                Some(PathSegment::Index(index)) if *index < items.len() => {
                    Self::scan_from(self.text, items[*index], &path.0[2..], key)
                }
                Some(PathSegment::Index(_)) => *value_start,
                _ => Self::scan_from(self.text, *value_start, &path.0[1..], key),
            };
        }
        Self::scan_from(self.text, 0, &path.0, key)
    }

    fn scan_from(text: &str, start: usize, path: &[PathSegment], key: Option<&str>) -> usize {
        let mut scanner = Scanner {
            bytes: text.as_bytes(),
            position: start,
        };
        scanner.find(path, key).unwrap_or(scanner.position)
    }
}

/// One pass over the top-level object: each key's value start and, for lists,
/// each item's start.
fn index_top_level(text: &str) -> Vec<(String, usize, Vec<usize>)> {
    let mut found: Vec<(String, usize, Vec<usize>)> = Vec::new();
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        position: 0,
    };
    scanner.skip_whitespace();
    if scanner.peek() != Some(b'{') {
        return found;
    }
    scanner.position += 1;
    loop {
        scanner.skip_whitespace();
        let Some(name) = scanner.read_string() else {
            return found;
        };
        scanner.skip_whitespace();
        if scanner.peek() != Some(b':') {
            return found;
        }
        scanner.position += 1;
        scanner.skip_whitespace();
        let value_start = scanner.position;
        let mut items = Vec::new();
        if scanner.peek() == Some(b'[') {
            scanner.position += 1;
            loop {
                scanner.skip_whitespace();
                match scanner.peek() {
                    Some(b']') => {
                        scanner.position += 1;
                        break;
                    }
                    None => break,
                    _ => {}
                }
                items.push(scanner.position);
                if scanner.skip_value().is_none() {
                    break;
                }
                scanner.skip_whitespace();
                if scanner.peek() == Some(b',') {
                    scanner.position += 1;
                } else {
                    scanner.skip_whitespace();
                    if scanner.peek() == Some(b']') {
                        scanner.position += 1;
                    }
                    break;
                }
            }
        } else if scanner.skip_value().is_none() {
            if !found.iter().any(|(known, _, _)| *known == name) {
                found.push((name, value_start, items));
            }
            return found;
        }
        if !found.iter().any(|(known, _, _)| *known == name) {
            found.push((name, value_start, items));
        }
        scanner.skip_whitespace();
        if scanner.peek() != Some(b',') {
            return found;
        }
        scanner.position += 1;
    }
}

/// A key that appears twice in one object (JSON parsers keep the last one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// The object that holds the key twice.
    pub object: JsonPath,
    pub key: String,
    /// Byte offsets of the two key tokens.
    pub first: usize,
    pub second: usize,
}

/// The offset just past the string token whose opening quote is at `start`.
pub(crate) fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut position = start + 1;
    loop {
        let stop = memchr::memchr2(b'"', b'\\', bytes.get(position..)?)?;
        position += stop;
        if bytes[position] == b'"' {
            return Some(position + 1);
        }
        position += 2;
    }
}

/// The offset just past the number or literal (`true`, `null`, …) at `start`.
pub(crate) fn scalar_end(bytes: &[u8], start: usize) -> usize {
    let rest = bytes.get(start..).unwrap_or_default();
    start
        + rest
            .iter()
            .position(|byte| matches!(byte, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
            .unwrap_or(rest.len())
}

struct Scanner<'a> {
    bytes: &'a [u8],
    position: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.position).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.position += 1;
        }
    }

    /// Walks to the value at `path`; with `key`, to that key of the object there.
    fn find(&mut self, path: &[PathSegment], key: Option<&str>) -> Option<usize> {
        self.skip_whitespace();
        let start = self.position;
        let Some((segment, rest)) = path.split_first() else {
            return match key {
                None => Some(start),
                Some(key) => self.find_key(key).or(Some(start)),
            };
        };
        match (segment, self.peek()?) {
            (PathSegment::Key(wanted), b'{') => {
                self.position += 1;
                loop {
                    self.skip_whitespace();
                    if self.peek()? != b'"' {
                        return Some(start);
                    }
                    let found = self.string_is(wanted)?;
                    self.skip_whitespace();
                    if self.peek()? != b':' {
                        return Some(start);
                    }
                    self.position += 1;
                    if found {
                        return self.find(rest, key).or(Some(start));
                    }
                    self.skip_value()?;
                    self.skip_whitespace();
                    if self.peek()? != b',' {
                        return Some(start);
                    }
                    self.position += 1;
                }
            }
            (PathSegment::Index(wanted), b'[') => {
                self.position += 1;
                let mut index = 0;
                loop {
                    self.skip_whitespace();
                    if self.peek()? == b']' {
                        return Some(start);
                    }
                    if index == *wanted {
                        return self.find(rest, key).or(Some(start));
                    }
                    self.skip_value()?;
                    self.skip_whitespace();
                    if self.peek()? != b',' {
                        return Some(start);
                    }
                    self.position += 1;
                    index += 1;
                }
            }
            _ => Some(start),
        }
    }

    fn find_key(&mut self, wanted: &str) -> Option<usize> {
        if self.peek()? != b'{' {
            return None;
        }
        self.position += 1;
        loop {
            self.skip_whitespace();
            let key_start = self.position;
            if self.string_is(wanted)? {
                return Some(key_start);
            }
            self.skip_whitespace();
            self.position += 1; // ':'
            self.skip_value()?;
            self.skip_whitespace();
            if self.peek()? != b',' {
                return None;
            }
            self.position += 1;
        }
    }

    /// Reads a string token (the scanner sits on its opening quote) and decodes its escapes.
    fn read_string(&mut self) -> Option<String> {
        if self.peek()? != b'"' {
            return None;
        }
        let start = self.position;
        self.position = string_end(self.bytes, start)?;
        let token = std::str::from_utf8(&self.bytes[start..self.position]).ok()?;
        serde_json::from_str(token).ok()
    }

    /// Reads a string token as [`read_string`](Self::read_string) does and
    /// says whether it is `wanted`: a token without escapes or control
    /// characters is compared as it is written, without a decoded copy.
    fn string_is(&mut self, wanted: &str) -> Option<bool> {
        if self.peek()? != b'"' {
            return None;
        }
        let start = self.position;
        let end = string_end(self.bytes, start)?;
        let inner = &self.bytes[start + 1..end - 1];
        if inner.iter().all(|&byte| byte >= 0x20 && byte != b'\\') {
            self.position = end;
            return Some(inner == wanted.as_bytes());
        }
        Some(self.read_string()? == wanted)
    }

    /// Moves past a string token without decoding it.
    fn skip_string(&mut self) -> Option<()> {
        if self.peek()? != b'"' {
            return None;
        }
        self.position = string_end(self.bytes, self.position)?;
        Some(())
    }

    fn skip_value(&mut self) -> Option<()> {
        self.skip_whitespace();
        match self.peek()? {
            b'"' => {
                self.skip_string()?;
            }
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.skip_string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.position += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.position += 1;
                }
            }
            _ => self.position = scalar_end(self.bytes, self.position),
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "{\n  \"a\": 1,\n  \"questions\": [\n    {\"id\": \"q1\", \"claims\": [\"x\", \"y\"]},\n    {\"id\": \"q\\\"2\", \"claims\": [\"z\"]}\n  ]\n}";

    fn at(path: &str) -> LineCol {
        line_col(DOC, locate_value(DOC, &JsonPath::parse(path)))
    }

    #[test]
    fn finds_nested_values() {
        assert_eq!(at("a"), LineCol { line: 2, column: 8 });
        assert_eq!(
            at("questions[0].claims[1]"),
            LineCol {
                line: 4,
                column: 34
            }
        );
        assert_eq!(
            at("questions[1].claims[0]"),
            LineCol {
                line: 5,
                column: 31
            }
        );
    }

    #[test]
    fn missing_paths_fall_back_to_the_deepest_existing_value() {
        assert_eq!(
            at("questions[0].claims[7]"),
            LineCol {
                line: 4,
                column: 28
            }
        );
        assert_eq!(at("nothing"), LineCol { line: 1, column: 1 });
    }

    #[test]
    fn finds_keys() {
        let offset = locate_key(DOC, &JsonPath::parse("questions[1]"), "claims");
        assert_eq!(
            line_col(DOC, offset),
            LineCol {
                line: 5,
                column: 20
            }
        );
    }

    #[test]
    fn a_scanned_layout_locates_as_a_fresh_index() {
        let scanned = Locator::with_top_level(DOC, super::super::scan::scan(DOC).top_level);
        let fresh = Locator::new(DOC);
        for path in ["a", "questions[1].claims[0]", "questions[9]", "nothing"] {
            let path = JsonPath::parse(path);
            assert_eq!(scanned.value(&path), fresh.value(&path), "{path}");
        }
    }

    #[test]
    fn escaped_keys_are_found_by_what_they_say() {
        let text = "{\"q\": [{\"cl\\u0061ims\": [1, 2], \"x\\\"y\": 3}]}";
        let claims = locate_value(text, &JsonPath::parse("q[0].claims[1]"));
        assert_eq!(&text[claims..=claims], "2");
        let key = locate_key(text, &JsonPath::parse("q[0]"), "x\"y");
        assert!(text[key..].starts_with("\"x\\\"y\""), "{}", &text[key..]);
    }

    #[test]
    fn paths_extended_in_place_equal_paths_extended_by_copy() {
        let root = JsonPath::root();
        assert_eq!(
            JsonPath::root().and_key("q").and_index(3).and_key("claims"),
            root.key("q").index(3).key("claims")
        );
    }

    #[test]
    fn parses_and_renders_paths() {
        let path = JsonPath::parse("questions[26].claims[1]");
        assert_eq!(path.to_string(), "questions[26].claims[1]");
        assert_eq!(JsonPath::parse("a[1][2].b").0.len(), 4);
    }

    #[test]
    fn the_locator_agrees_with_a_full_scan() {
        let locator = Locator::new(DOC);
        for path in [
            "a",
            "questions",
            "questions[0]",
            "questions[1].claims[0]",
            "questions[0].claims[7]",
            "questions[9]",
            "nothing",
        ] {
            let path = JsonPath::parse(path);
            assert_eq!(locator.value(&path), locate_value(DOC, &path), "{path}");
        }
        let path = JsonPath::parse("questions[1]");
        assert_eq!(
            locator.key(&path, "claims"),
            locate_key(DOC, &path, "claims")
        );
    }

    proptest::proptest! {
        #[test]
        fn the_line_index_agrees_with_a_scan(text in "(a|é|\\n|\\r|𝄞|x{0,5000}){0,60}", cut in 0usize..40_000) {
            let index = LineIndex::new(&text);
            let offset = cut.min(text.len());
            proptest::prop_assert_eq!(index.line_col(&text, offset), line_col(&text, offset));
        }
    }

    #[test]
    fn truncated_text_never_panics() {
        for end in 0..DOC.len() {
            let text = &DOC[..end];
            let _ = locate_value(text, &JsonPath::parse("questions[1].claims[0]"));
            let _ = locate_key(text, &JsonPath::parse("questions[1]"), "claims");
        }
    }
}
