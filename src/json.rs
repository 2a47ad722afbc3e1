//! Every JSON document the program prints or writes goes through here: the
//! same layout as `serde_json`'s pretty printer, but characters that could
//! act on a terminal or hide in text (C0 and C1 controls, DEL, bidi
//! overrides and isolates, zero-width and invisible characters, line and
//! paragraph separators, tag characters) are written as `\uXXXX` escapes.
//! `serde_json` escapes only below U+0020, so a bank's text could otherwise
//! reach whoever `cat`s a result file. The escaped JSON reads back the same.

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::{self, Write};

/// Whether a character is written as a `\u` escape in JSON output.
pub fn needs_escape(c: char) -> bool {
    crate::bank::text::is_forbidden_char(c) || crate::bank::text::is_invisible_char(c)
}

/// A pretty formatter that escapes [`needs_escape`] characters.
struct SafeFormatter<'a>(PrettyFormatter<'a>);

impl Formatter for SafeFormatter<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let bytes = fragment.as_bytes();
        let mut plain_from = 0;
        let mut at = 0;
        while at < bytes.len() {
            // ASCII (most text) is decided by its byte: only controls and DEL are escaped.
            let c = match bytes[at] {
                0x20..0x7f => {
                    at += 1;
                    continue;
                }
                byte @ 0..0x80 => char::from(byte),
                _ => fragment[at..].chars().next().unwrap_or_default(),
            };
            let next = at + c.len_utf8();
            if needs_escape(c) {
                writer.write_all(&bytes[plain_from..at])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                plain_from = next;
            }
            at = next;
        }
        writer.write_all(&bytes[plain_from..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

/// Writes `value` as pretty JSON (two-space indent), dangerous characters escaped.
pub fn write_pretty<W: Write + ?Sized, T: Serialize + ?Sized>(
    writer: &mut W,
    value: &T,
) -> io::Result<()> {
    let mut serializer =
        serde_json::Serializer::with_formatter(writer, SafeFormatter(PrettyFormatter::new()));
    value.serialize(&mut serializer).map_err(io::Error::from)
}

/// `value` as pretty JSON text, dangerous characters escaped.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> io::Result<String> {
    let mut bytes = Vec::new();
    write_pretty(&mut bytes, value)?;
    String::from_utf8(bytes).map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn dangerous_characters_are_escaped_and_read_back() {
        let text = "a\u{1b}[31m\u{7f}\u{85}\u{9b}\u{202e}\u{2066}\u{200b}\u{2060}\u{feff}\u{2028}\u{2029}\u{e0041}é\"\\\n";
        let value = json!({ "text": text, "key\u{202e}": 1 });
        let printed = to_string_pretty(&value).expect("JSON");
        assert!(
            printed.chars().all(|c| c == '\n' || !needs_escape(c)),
            "{printed:?}"
        );
        assert!(
            printed.contains("\\u202e") && printed.contains("\\udb40\\udc41"),
            "{printed}"
        );
        assert!(printed.contains('é'));
        let back: Value = serde_json::from_str(&printed).expect("reads back");
        assert_eq!(back, value);
    }

    proptest::proptest! {
        /// Exactly the characters [`needs_escape`] names are escaped, in any text.
        #[test]
        fn every_dangerous_character_and_only_those_is_escaped(
            text in "[a-z \u{0}-\u{1f}\u{7f}-\u{a0}\u{e9}\u{200b}-\u{200f}\u{2028}-\u{202e}\u{2060}-\u{2069}\u{feff}\u{1f600}\u{e0000}-\u{e0080}\"\\\\]{0,24}",
        ) {
            let printed = to_string_pretty(&text).expect("JSON");
            let mut expected = String::from("\"");
            for c in text.chars() {
                match c {
                    '"' => expected.push_str("\\\""),
                    '\\' => expected.push_str("\\\\"),
                    '\n' => expected.push_str("\\n"),
                    '\t' => expected.push_str("\\t"),
                    '\r' => expected.push_str("\\r"),
                    '\u{8}' => expected.push_str("\\b"),
                    '\u{c}' => expected.push_str("\\f"),
                    c if needs_escape(c) => {
                        let mut units = [0u16; 2];
                        for unit in c.encode_utf16(&mut units) {
                            expected.push_str(&format!("\\u{unit:04x}"));
                        }
                    }
                    c => expected.push(c),
                }
            }
            expected.push('"');
            proptest::prop_assert_eq!(printed, expected);
        }
    }

    #[test]
    fn the_layout_is_serde_json_pretty() {
        let value = json!({"a": [1, {"b": null}], "c": {}, "d": []});
        assert_eq!(
            to_string_pretty(&value).expect("JSON"),
            serde_json::to_string_pretty(&value).expect("JSON")
        );
    }
}
