//! Canonical JSON (RFC 8785, the JSON Canonicalization Scheme) and the
//! `sha256:<hex>` hashes built from it, so that indentation, key order and
//! line endings never change a bank's or a claim's hash.

use super::scan::{DocumentScan, TopLevelEntry};
use super::spans::scalar_end;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// The RFC 8785 serialisation of a JSON value.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, &mut out);
    out
}

/// `"sha256:<hex>"` of the canonical JSON of a value.
pub fn sha256_of(value: &Value) -> String {
    hex_digest(&Sha256::digest(canonical_json(value).as_bytes()))
}

/// [`sha256_of`] the document `text` would parse to, computed one top-level
/// member (and one list item) at a time from a [`DocumentScan`] of it, so
/// that no tree of the whole document is built. The document must be a
/// JSON object without repeated keys (as a bank that loads is).
pub fn sha256_of_document(text: &str, scan: &DocumentScan) -> Result<String, serde_json::Error> {
    use serde::de::Error as _;
    let mut hasher = Sha256::new();
    let mut members: Vec<&TopLevelEntry> = scan.top_level.iter().collect();
    members.sort_by(|a, b| key_order(&a.key, &b.key));
    let mut piece = String::new();
    let mut canonical = CanonicalText::new(text);
    let mut hash_value = |range: &std::ops::Range<usize>, piece: &mut String| {
        piece.clear();
        canonical.write(range.clone(), piece)
    };
    hasher.update(b"{");
    for (position, member) in members.into_iter().enumerate() {
        piece.clear();
        if position > 0 {
            piece.push(',');
        }
        write_string(&member.key, &mut piece);
        piece.push(':');
        hasher.update(piece.as_bytes());
        if text.as_bytes().get(member.value.start) == Some(&b'[') {
            hasher.update(b"[");
            for (index, item) in member.items.iter().enumerate() {
                if index > 0 {
                    hasher.update(b",");
                }
                hash_value(item, &mut piece)
                    .ok_or_else(|| serde_json::Error::custom("not JSON"))?;
                hasher.update(piece.as_bytes());
            }
            hasher.update(b"]");
        } else {
            hash_value(&member.value, &mut piece)
                .ok_or_else(|| serde_json::Error::custom("not JSON"))?;
            hasher.update(piece.as_bytes());
        }
    }
    hasher.update(b"}");
    Ok(hex_digest(&hasher.finalize()))
}

/// A cursor over valid JSON text that writes the canonical JSON of the
/// values in it straight from their tokens, without building them: the
/// same as [`canonical_json`] of each. Each object's members are written
/// one after the other into the output and, when their keys are out of
/// order, moved into order in place when the object closes; the member
/// lists and the buffer for that move are reused, so the text is
/// canonicalised without an allocation per value.
struct CanonicalText<'a> {
    text: &'a str,
    position: usize,
    /// The members of every object still open, innermost last.
    members: Vec<Member<'a>>,
    /// Where an object's members are copied to be put in key order.
    reordered: String,
}

/// One member of an object being written: its decoded key and where its
/// `"key":value` lies in the output.
struct Member<'a> {
    key: std::borrow::Cow<'a, str>,
    ascii: bool,
    written: std::ops::Range<usize>,
}

impl<'a> CanonicalText<'a> {
    fn new(text: &'a str) -> Self {
        CanonicalText {
            text,
            position: 0,
            members: Vec::new(),
            reordered: String::new(),
        }
    }

    /// The value in `range` of the text into `out`; `None` when the range
    /// is not one JSON value.
    fn write(&mut self, range: std::ops::Range<usize>, out: &mut String) -> Option<()> {
        self.position = range.start;
        self.value(out)?;
        while self.position < range.end
            && matches!(
                self.text.as_bytes()[self.position],
                b' ' | b'\t' | b'\n' | b'\r'
            )
        {
            self.position += 1;
        }
        (self.position == range.end).then_some(())
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.position).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.position += 1;
        }
    }

    /// Skips separators; `true` (moved past it) at `close`.
    fn at_close(&mut self, close: u8) -> Option<bool> {
        loop {
            self.skip_whitespace();
            match self.peek()? {
                b',' | b':' => self.position += 1,
                byte if byte == close => {
                    self.position += 1;
                    return Some(true);
                }
                _ => return Some(false),
            }
        }
    }

    /// A string token, quotes included, and whether it holds an escape.
    fn string_token(&mut self) -> Option<(&'a str, bool)> {
        let bytes = self.text.as_bytes();
        let start = self.position;
        if bytes.get(start) != Some(&b'"') {
            return None;
        }
        let mut position = start + 1;
        let mut escaped = false;
        loop {
            position += memchr::memchr2(b'"', b'\\', bytes.get(position..)?)?;
            if bytes[position] == b'"' {
                break;
            }
            escaped = true;
            position += 2;
        }
        self.position = position + 1;
        Some((&self.text[start..self.position], escaped))
    }

    fn value(&mut self, out: &mut String) -> Option<()> {
        self.skip_whitespace();
        match self.peek()? {
            b'{' => {
                self.position += 1;
                self.object(out)?;
            }
            b'[' => {
                self.position += 1;
                out.push('[');
                let mut first = true;
                while !self.at_close(b']')? {
                    if !first {
                        out.push(',');
                    }
                    first = false;
                    self.value(out)?;
                }
                out.push(']');
            }
            b'"' => {
                let (token, escaped) = self.string_token()?;
                if escaped {
                    write_string(&serde_json::from_str::<String>(token).ok()?, out);
                } else {
                    // Without escapes, valid JSON text holds no quote,
                    // backslash or control character: the token is canonical.
                    out.push_str(token);
                }
            }
            _ => {
                let start = self.position;
                self.position = scalar_end(self.text.as_bytes(), start);
                let token = &self.text[start..self.position];
                match token {
                    "true" | "false" | "null" => out.push_str(token),
                    // A small whole number is written as it is.
                    _ if token.len() <= 15
                        && token.bytes().all(|byte| byte.is_ascii_digit())
                        && !token.starts_with('0') =>
                    {
                        out.push_str(token);
                    }
                    _ => write_value(&serde_json::from_str::<Value>(token).ok()?, out),
                }
            }
        }
        Some(())
    }

    /// An object's members (after its `{`), in the order of their keys.
    fn object(&mut self, out: &mut String) -> Option<()> {
        out.push('{');
        let first_member = self.members.len();
        let members_start = out.len();
        while !self.at_close(b'}')? {
            if self.members.len() > first_member {
                out.push(',');
            }
            let start = out.len();
            let (token, escaped) = self.string_token()?;
            let key = if escaped {
                let key: String = serde_json::from_str(token).ok()?;
                write_string(&key, out);
                std::borrow::Cow::Owned(key)
            } else {
                out.push_str(token);
                std::borrow::Cow::Borrowed(&token[1..token.len() - 1])
            };
            out.push(':');
            self.at_close(b'}')?; // the colon
            self.value(out)?;
            self.members.push(Member {
                ascii: key.is_ascii(),
                key,
                written: start..out.len(),
            });
        }
        let members = &mut self.members[first_member..];
        if !members
            .windows(2)
            .all(|pair| Member::order(&pair[0], &pair[1]).is_lt())
        {
            members.sort_unstable_by(Member::order);
            self.reordered.clear();
            self.reordered.push_str(&out[members_start..]);
            out.truncate(members_start);
            for (index, member) in members.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                let written =
                    member.written.start - members_start..member.written.end - members_start;
                out.push_str(&self.reordered[written]);
            }
        }
        self.members.truncate(first_member);
        out.push('}');
        Some(())
    }
}

impl Member<'_> {
    /// [`key_order`], with the ASCII test made once per key.
    fn order(a: &Self, b: &Self) -> std::cmp::Ordering {
        if a.ascii && b.ascii {
            a.key.as_bytes().cmp(b.key.as_bytes())
        } else {
            key_order(&a.key, &b.key)
        }
    }
}

/// RFC 8785's member order: keys compared as UTF-16 code units (the same as
/// byte order for ASCII keys).
fn key_order(a: &str, b: &str) -> std::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() {
        a.cmp(b)
    } else {
        a.encode_utf16().cmp(b.encode_utf16())
    }
}

fn hex_digest(digest: &[u8]) -> String {
    let mut hex = String::with_capacity(71);
    hex.push_str("sha256:");
    for byte in digest {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Value::Number(number) => {
            if let Some(integer) = number.as_i64() {
                write_number(integer as f64, out);
            } else if let Some(integer) = number.as_u64() {
                write_number(integer as f64, out);
            } else {
                write_number(number.as_f64().unwrap_or(0.0), out);
            }
        }
        Value::String(text) => write_string(text, out),
        Value::Array(items) => {
            out.push('[');
            for (position, item) in items.iter().enumerate() {
                if position > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|(a, _), (b, _)| key_order(a, b));
            out.push('{');
            for (position, (key, item)) in entries.into_iter().enumerate() {
                if position > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write_value(item, out);
            }
            out.push('}');
        }
    }
}

fn write_string(text: &str, out: &mut String) {
    out.reserve(text.len() + 2);
    out.push('"');
    // Runs that need no escape are copied whole; only `"`, `\\` and control
    // characters (all ASCII, so every split is on a character boundary) are escaped.
    let mut start = 0;
    for (index, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[start..index]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{byte:04x}");
        } else {
            out.push_str(escape);
        }
        start = index + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

/// ECMAScript's `Number.prototype.toString`, which RFC 8785 prescribes.
fn write_number(number: f64, out: &mut String) {
    if number == 0.0 || !number.is_finite() {
        out.push('0');
        return;
    }
    if number < 0.0 {
        out.push('-');
    }
    // Rust's `{:e}` gives the shortest round-tripping digits, as ECMAScript requires.
    let scientific = format!("{:e}", number.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digit_count = digits.len() as i32;
    let point = exponent + 1; // ECMAScript's n
    if digit_count <= point && point <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (point - digit_count) as usize));
    } else if 0 < point && point <= 21 {
        out.push_str(&digits[..point as usize]);
        out.push('.');
        out.push_str(&digits[point as usize..]);
    } else if -6 < point && point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-point) as usize));
        out.push_str(&digits);
    } else {
        out.push_str(&digits[..1]);
        if digit_count > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(
            out,
            "e{}{}",
            if point > 0 { "+" } else { "-" },
            (point - 1).abs()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn number(value: f64) -> String {
        let mut out = String::new();
        write_number(value, &mut out);
        out
    }

    #[test]
    fn numbers_follow_ecmascript() {
        assert_eq!(number(1.0), "1");
        assert_eq!(number(-0.5), "-0.5");
        assert_eq!(number(400_000.0), "400000");
        assert_eq!(number(1e21), "1e+21");
        assert_eq!(number(1e-7), "1e-7");
        assert_eq!(number(0.000_001), "0.000001");
        assert_eq!(number(123.456), "123.456");
        assert_eq!(number(1.5e300), "1.5e+300");
    }

    #[test]
    fn keys_are_sorted_and_whitespace_is_dropped() {
        let value = json!({"b": [1, "x\n"], "a": {"d": true, "c": null}});
        assert_eq!(
            canonical_json(&value),
            r#"{"a":{"c":null,"d":true},"b":[1,"x\n"]}"#
        );
    }

    #[test]
    fn rfc8785_key_order_uses_utf16_code_units() {
        // U+FB33 sorts after U+1F600 in UTF-16 (surrogates D83D…) though not by code point.
        let value = json!({"\u{fb33}": 5, "\u{20ac}": 1, "\r": 2, "\u{1f600}": 3, "1": 4});
        assert_eq!(
            canonical_json(&value),
            "{\"\\r\":2,\"1\":4,\"\u{20ac}\":1,\"\u{1f600}\":3,\"\u{fb33}\":5}"
        );
    }

    #[test]
    fn the_document_hash_is_the_hash_of_the_whole_value() {
        for text in [
            "{}",
            "{\"n\": [0, -0, 1.0, -12, 123456789012345678901, 1e-7, 0.5e1, 100], \"k\\n\\u0041\": \"a\\\"b\\/c\\u001f\"}",
            "{\"b\": [1, {\"y\": 2, \"x\": [3.50, \"\\u00e9\"]}], \"a\": {\"d\": true, \"c\": null}, \"\u{20ac}\": [], \"\u{1f600}\": 1e3}",
            crate::bank::bundled::BUNDLED[0].2,
        ] {
            let value: Value = serde_json::from_str(text).expect("JSON");
            let scan = crate::bank::scan::scan(text);
            assert_eq!(
                sha256_of_document(text, &scan).expect("hash"),
                sha256_of(&value),
                "{text}"
            );
        }
    }

    /// Any JSON value: strings with escapes, controls, quotes, non-ASCII
    /// and astral characters, keys in any order, whole and fractional numbers.
    fn any_json() -> impl Strategy<Value = Value> {
        let text = "[a-z\"\\\\/\u{0}-\u{1f}\u{7f}\u{e9}\u{200b}\u{202e}\u{fb33}\u{1f600} ]{0,8}";
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |number| number.is_finite())
                .prop_map(Value::from),
            (0u32..1_000_000).prop_map(|n| Value::from(f64::from(n) / 100.0)),
            text.prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::vec((text, inner), 0..6)
                    .prop_map(|members| Value::Object(members.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// The hash from the text (one item at a time, no tree) is the hash
        /// of the parsed value, however the document is laid out.
        #[test]
        fn the_text_hash_is_the_value_hash(
            members in proptest::collection::vec(("[a-z\u{e9}\u{1f600}\u{fb33}]{1,4}", any_json()), 0..8),
        ) {
            let document = Value::Object(members.into_iter().collect());
            let compact = serde_json::to_string(&document).expect("JSON");
            let pretty = serde_json::to_string_pretty(&document).expect("JSON");
            // Our own printer writes invisible and bidi characters as `\u` escapes.
            let escaped = crate::json::to_string_pretty(&document).expect("JSON");
            // Raw newlines only ever separate tokens (inside strings they are escaped).
            let spaced = pretty.replace('\n', "\r\n\t ");
            for text in [compact, pretty, escaped, spaced] {
                // What the text reads back as (serde_json may round a long fraction differently).
                let expected = sha256_of(&serde_json::from_str(&text).expect("JSON"));
                let scan = crate::bank::scan::scan(&text);
                let hash = sha256_of_document(&text, &scan).ok();
                prop_assert_eq!(hash.as_deref(), Some(expected.as_str()), "{}", text);
            }
        }
    }

    #[test]
    fn hash_ignores_formatting() {
        let a: Value = serde_json::from_str("{\"a\": 1,\r\n \"b\": 2}").unwrap();
        let b: Value = serde_json::from_str("{\"b\":2,\"a\":1}").unwrap();
        assert_eq!(sha256_of(&a), sha256_of(&b));
        assert!(sha256_of(&a).starts_with("sha256:"));
    }
}
