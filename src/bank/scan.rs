//! One pass over a bank's text for what the typed parse cannot see, so no
//! JSON tree of the whole document is ever built on the normal path: keys
//! given twice, strings with characters bank text must not have (in every
//! string, unknown fields included), the authors' `x-review` notes, the
//! authors' data typing skips (`x-` keys, `null` members, `$schema`), and
//! where each top-level value and list item lies (for hashing and for
//! finding positions one item at a time).
//!
//! The scan is lenient: it only reports whether it reached the end of one
//! JSON value. Whether the text is valid JSON is the parser's to say.

use super::spans::{DuplicateKey, JsonPath, PathSegment, scalar_end, string_end};
use super::text::{all_bytes_are, is_forbidden_char, is_invisible_char};
use std::borrow::Cow;
use std::ops::Range;

/// Deeper nesting than this is left to the parser (which refuses it).
const MAX_DEPTH: usize = 128;

/// A string value with characters bank text must not contain (control,
/// bidi and invisible characters), outside authors' data and `$schema`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsafeString {
    pub path: JsonPath,
    /// The first such character, and how many there are.
    pub first: char,
    pub count: usize,
}

/// An `x-review` key: the object that holds it and where its value lies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewNote {
    pub object: JsonPath,
    pub value: Range<usize>,
}

/// A member of the top-level object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopLevelEntry {
    pub key: String,
    pub value: Range<usize>,
    /// When the value is a list: where each item lies.
    pub items: Vec<Range<usize>>,
}

/// What one pass over a document found.
#[derive(Debug, Clone, Default)]
pub struct DocumentScan {
    /// The scan reached the end of one JSON value followed by whitespace only.
    pub complete: bool,
    pub duplicates: Vec<DuplicateKey>,
    pub unsafe_strings: Vec<UnsafeString>,
    pub review_notes: Vec<ReviewNote>,
    /// Byte ranges to cut before typing (sorted, disjoint): authors' data.
    pub authors_data: Vec<Range<usize>>,
    /// The members of the top-level object, in document order.
    pub top_level: Vec<TopLevelEntry>,
}

impl DocumentScan {
    /// The text without its authors' data (borrowed when there is none):
    /// what the typed parse reads.
    pub fn typed_text<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if self.authors_data.is_empty() {
            return Cow::Borrowed(text);
        }
        let mut kept = String::with_capacity(text.len());
        let mut from = 0;
        for range in &self.authors_data {
            kept.push_str(&text[from..range.start]);
            from = range.end;
        }
        kept.push_str(&text[from..]);
        Cow::Owned(kept)
    }

    /// The top-level member `key`, if there is one.
    pub fn top_level(&self, key: &str) -> Option<&TopLevelEntry> {
        self.top_level.iter().find(|entry| entry.key == key)
    }
}

/// Scans a document (BOM already removed).
pub fn scan(text: &str) -> DocumentScan {
    let mut scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        position: 0,
        path: Vec::new(),
        members: Vec::new(),
        found: DocumentScan::default(),
    };
    let walked = scanner.value(
        0,
        Flags {
            strings: true,
            notes: true,
            authors: false,
        },
    );
    scanner.skip_whitespace();
    scanner.found.complete = walked.is_some() && scanner.position == scanner.bytes.len();
    let mut found = scanner.found;
    found.authors_data = merged(found.authors_data);
    found
}

/// Sorts and joins overlapping or touching ranges.
fn merged(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|range| range.start);
    let mut joined: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match joined.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => joined.push(range),
        }
    }
    joined
}

/// What the walk records below the current value.
#[derive(Debug, Clone, Copy)]
struct Flags {
    /// Check strings for unsafe characters (not in authors' data or `$schema`).
    strings: bool,
    /// Collect `x-review` notes (not inside an `x-review` value).
    notes: bool,
    /// Inside authors' data, which is cut whole: nothing inside needs cutting.
    authors: bool,
}

enum Segment<'a> {
    Key(Cow<'a, str>),
    Index(usize),
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    position: usize,
    /// The path of the value being walked, borrowed from the text.
    path: Vec<Segment<'a>>,
    /// The members of the objects being walked, innermost last (one stack
    /// for all, instead of a list per object).
    members: Vec<Member<'a>>,
    found: DocumentScan,
}

/// One member of an object being walked.
struct Member<'a> {
    key: Cow<'a, str>,
    key_start: usize,
    value_end: usize,
    cut: bool,
}

impl<'a> Scanner<'a> {
    fn json_path(&self) -> JsonPath {
        JsonPath(
            self.path
                .iter()
                .map(|segment| match segment {
                    Segment::Key(key) => PathSegment::Key(key.to_string()),
                    Segment::Index(index) => PathSegment::Index(*index),
                })
                .collect(),
        )
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.position).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.position += 1;
        }
    }

    /// Walks the value at the cursor; `None` when the text ends or breaks off.
    fn value(&mut self, depth: usize, flags: Flags) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_whitespace();
        match self.peek()? {
            b'{' => self.object(depth, flags),
            b'[' => self.array(depth, flags),
            b'"' => {
                let token = self.string()?;
                if flags.strings {
                    self.check_string(token);
                }
                Some(())
            }
            _ => {
                let start = self.position;
                self.position = scalar_end(self.bytes, start);
                (self.position > start).then_some(())
            }
        }
    }

    /// Moves past a string token; returns its text between the quotes.
    fn string(&mut self) -> Option<&'a str> {
        if self.peek()? != b'"' {
            return None;
        }
        let start = self.position + 1;
        self.position = string_end(self.bytes, self.position)?;
        self.text.get(start..self.position - 1)
    }

    /// Records a string with unsafe characters (`inner` is the token between its quotes).
    fn check_string(&mut self, inner: &str) {
        // Printable ASCII without escapes is safe: the common case, checked bytewise.
        if plain_ascii(inner.as_bytes()) {
            return;
        }
        let decoded = decode(inner);
        let mut bad =
            unusual_chars(&decoded).filter(|&c| is_forbidden_char(c) || is_invisible_char(c));
        if let Some(first) = bad.next() {
            let count = 1 + bad.count();
            let path = self.json_path();
            self.found
                .unsafe_strings
                .push(UnsafeString { path, first, count });
        }
    }

    fn object(&mut self, depth: usize, flags: Flags) -> Option<()> {
        self.position += 1; // '{'
        // This object's members sit on the shared stack from `base` on.
        let base = self.members.len();
        let top = depth == 0;
        loop {
            self.skip_whitespace();
            match self.peek()? {
                b'}' => {
                    self.position += 1;
                    break;
                }
                b',' if self.members.len() > base => {
                    self.position += 1;
                    continue;
                }
                b'"' => {}
                _ => return None,
            }
            let key_start = self.position;
            let key = decode(self.string()?);
            self.skip_whitespace();
            if self.peek()? != b':' {
                return None;
            }
            self.position += 1;
            if let Some(first) = self.members[base..].iter().find(|member| member.key == key) {
                let duplicate = DuplicateKey {
                    object: self.json_path(),
                    key: key.to_string(),
                    first: first.key_start,
                    second: key_start,
                };
                self.found.duplicates.push(duplicate);
            }
            self.skip_whitespace();
            let value_start = self.position;
            let authors_key = key.starts_with("x-");
            let is_review = key == super::model::REVIEW_NOTE_KEY;
            let is_schema = top && key == super::schema::SCHEMA_KEY;
            let is_null = self.bytes[value_start..].starts_with(b"null");
            if is_review && flags.notes {
                // Filled in with the value's end below.
                let object = self.json_path();
                self.found.review_notes.push(ReviewNote {
                    object,
                    value: value_start..value_start,
                });
            }
            let inner = Flags {
                strings: flags.strings && !authors_key && !is_schema,
                notes: flags.notes && !is_review,
                authors: flags.authors || authors_key,
            };
            let noted = self.found.review_notes.len();
            self.path.push(Segment::Key(key.clone()));
            let walked = self.value(depth + 1, inner);
            self.path.pop();
            walked?;
            if is_review && flags.notes {
                self.found.review_notes[noted - 1].value.end = self.position;
            }
            let is_schema_string = is_schema && self.bytes[value_start] == b'"';
            let cut = !flags.authors && (authors_key || is_null || is_schema_string);
            if top {
                let items = if self.bytes[value_start] == b'[' {
                    self.found.top_level.pop().map(|entry| entry.items)
                } else {
                    None
                };
                self.found.top_level.push(TopLevelEntry {
                    key: key.to_string(),
                    value: value_start..self.position,
                    items: items.unwrap_or_default(),
                });
            }
            self.members.push(Member {
                key,
                key_start,
                value_end: self.position,
                cut,
            });
        }
        cut_members(&self.members[base..], &mut self.found.authors_data);
        self.members.truncate(base);
        Some(())
    }

    fn array(&mut self, depth: usize, flags: Flags) -> Option<()> {
        self.position += 1; // '['
        // A list that is a top-level member: its items' ranges go to a
        // placeholder entry the object replaces when the member ends.
        let top_level_list = depth == 1 && matches!(self.path.first(), Some(Segment::Key(_)));
        if top_level_list {
            self.found.top_level.push(TopLevelEntry {
                key: String::new(),
                value: 0..0,
                items: Vec::new(),
            });
        }
        let mut index = 0;
        loop {
            self.skip_whitespace();
            match self.peek()? {
                b']' => {
                    self.position += 1;
                    return Some(());
                }
                b',' if index > 0 => {
                    self.position += 1;
                    continue;
                }
                _ => {}
            }
            let start = self.position;
            self.path.push(Segment::Index(index));
            let walked = self.value(depth + 1, flags);
            self.path.pop();
            walked?;
            if top_level_list && let Some(entry) = self.found.top_level.last_mut() {
                entry.items.push(start..self.position);
            }
            index += 1;
        }
    }
}

/// Records the byte ranges that remove the cut members of one object
/// together with the commas that separate them.
fn cut_members(members: &[Member<'_>], cuts: &mut Vec<Range<usize>>) {
    for (index, member) in members.iter().enumerate() {
        if !member.cut {
            continue;
        }
        let kept_after = members[index + 1..].iter().any(|later| !later.cut);
        let range = if kept_after {
            // Up to the next member: the comma after it goes too.
            member.key_start..members[index + 1].key_start
        } else {
            // From the end of the last kept member: the comma before it goes too.
            let from = members[..index]
                .iter()
                .rev()
                .find(|earlier| !earlier.cut)
                .map_or(members[0].key_start, |earlier| earlier.value_end);
            from..member.value_end
        };
        cuts.push(range);
    }
}

/// Whether every byte is printable ASCII other than a backslash: nothing to
/// decode and nothing unsafe.
fn plain_ascii(bytes: &[u8]) -> bool {
    all_bytes_are(bytes, |byte| (0x20..0x7f).contains(&byte) && byte != b'\\')
}

/// The characters of `text` other than printable ASCII, in order (the only
/// ones that can be unsafe), without decoding the ASCII between them.
fn unusual_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(&byte) = bytes.get(at) {
            if (0x20..0x7f).contains(&byte) {
                at += 1;
                continue;
            }
            let c = text[at..].chars().next()?;
            at += c.len_utf8();
            return Some(c);
        }
        None
    })
}

/// A string token's text (between its quotes) with its escapes decoded;
/// borrowed when it has none.
fn decode(inner: &str) -> Cow<'_, str> {
    if !inner.contains('\\') {
        return Cow::Borrowed(inner);
    }
    // The token is `"` + inner + `"`; a broken escape decodes as written.
    serde_json::from_str::<String>(&format!("\"{inner}\"")).map_or(Cow::Borrowed(inner), Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_are_found_with_both_positions() {
        let text = "{\"a\": {\"answer\": false, \"x\": [1, {\"k\": 1, \"\\u006b\": 2}], \"answer\": true}}";
        let found = scan(text).duplicates;
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].object.to_string(), "a.x[1]");
        assert_eq!(found[0].key, "k");
        assert_eq!(found[1].object.to_string(), "a");
        assert_eq!(&text[found[1].first..found[1].first + 8], "\"answer\"");
        assert_eq!(&text[found[1].second..found[1].second + 8], "\"answer\"");
        assert!(found[1].first < found[1].second);
    }

    #[test]
    fn authors_data_is_cut_with_its_commas() {
        for (text, typed) in [
            (r#"{"a": 1, "x-b": {"c": [1]}, "d": null}"#, r#"{"a": 1}"#),
            (r#"{"x-a": 1, "b": 2}"#, r#"{"b": 2}"#),
            (r#"{"x-a": 1, "x-b": null}"#, "{}"),
            (
                r#"{"$schema": "s.json", "q": [{"id": "q", "x-n": {"x-m": 1}, "k": null}], "z": [null]}"#,
                r#"{"q": [{"id": "q"}], "z": [null]}"#,
            ),
        ] {
            let found = scan(text);
            assert!(found.complete);
            let kept = found.typed_text(text);
            let kept: serde_json::Value = serde_json::from_str(&kept).expect(&kept);
            let expected: serde_json::Value = serde_json::from_str(typed).expect("JSON");
            assert_eq!(kept, expected, "{text}");
        }
        assert!(matches!(
            scan(r#"{"a": [1]}"#).typed_text("x"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn unsafe_strings_outside_authors_data() {
        let text = "{\"$schema\": \"\\u001b\", \"a\": [\"ok\", \"b\\u200bc\\n\"], \"x-a\": \"\\u001b\", \"u\": {\"v\": \"\u{202e}\"}}";
        let found = scan(text).unsafe_strings;
        let paths: Vec<String> = found.iter().map(|found| found.path.to_string()).collect();
        assert_eq!(paths, ["a[1]", "u.v"]);
        assert_eq!((found[0].first, found[0].count), ('\u{200b}', 2));
    }

    #[test]
    fn review_notes_and_top_level_layout() {
        let text = r#"{"x-review": "a", "q": [ {"x-review": ["b"], "x-o": {"x-review": 1}}, 2 ], "t": "T"}"#;
        let found = scan(text);
        let notes: Vec<(String, &str)> = found
            .review_notes
            .iter()
            .map(|note| (note.object.to_string(), &text[note.value.clone()]))
            .collect();
        assert_eq!(
            notes,
            [
                ("(top level)".to_string(), "\"a\""),
                ("q[0]".to_string(), "[\"b\"]"),
                ("q[0].x-o".to_string(), "1")
            ]
        );
        let q = found.top_level("q").expect("q");
        let items: Vec<&str> = q.items.iter().map(|item| &text[item.clone()]).collect();
        assert_eq!(items[1], "2");
        assert!(items[0].starts_with('{') && items[0].ends_with('}'));
        assert_eq!(
            &text[found.top_level("t").expect("t").value.clone()],
            "\"T\""
        );
        assert!(found.top_level("t").expect("t").items.is_empty());
    }

    #[test]
    fn plain_ascii_and_unusual_characters() {
        let long = "a".repeat(40);
        assert!(plain_ascii(long.as_bytes()));
        assert!(plain_ascii(b""));
        for bad in ["\\", "\n", "\u{7f}", "\u{e9}"] {
            for at in [0, 15, 16, 39] {
                let mut text = long.clone();
                text.insert_str(at, bad);
                assert!(!plain_ascii(text.as_bytes()), "{text:?}");
            }
        }
        let found: Vec<char> = unusual_chars("a\u{e9}b\n~ \u{200b}\u{7f}").collect();
        assert_eq!(found, ['\u{e9}', '\n', '\u{200b}', '\u{7f}']);
    }

    #[test]
    fn broken_text_is_incomplete() {
        for text in ["", "{", "{\"a\" 1}", "{\"a\": [1, 2}", "[1] x", "\"abc"] {
            assert!(!scan(text).complete, "{text}");
        }
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(!scan(&deep).complete);
    }
}
