//! Text safety: control characters, bidi controls and invisible characters
//! in bank text (terminals act on the first two; the last make text that
//! looks the same compare differently). Authors' data (`x-` keys) and
//! `$schema` are not bank text.

use super::RuleId;
use crate::bank::scan::{self, UnsafeString};
use crate::bank::text::{is_forbidden_char, is_invisible_char};
use crate::bank::{Bank, Finding};

fn describe_char(c: char) -> String {
    let name = match c {
        '\u{200b}' => "a zero-width space",
        '\u{2060}' => "a word joiner",
        '\u{feff}' => "a byte-order mark",
        '\u{2028}' => "a line separator",
        '\u{2029}' => "a paragraph separator",
        '\u{e0000}'..='\u{e007f}' => "a tag character",
        '\u{1b}' => "an escape character",
        '\n' => "a line break",
        '\r' => "a carriage return",
        '\t' => "a tab",
        '\u{0}' => "a NUL character",
        '\u{202a}'..='\u{202e}' => "a bidi override",
        '\u{2066}'..='\u{2069}' => "a bidi isolate",
        '\u{200e}' | '\u{200f}' | '\u{061c}' => "a bidi mark",
        _ => "a control character",
    };
    format!("{name} (U+{:04X})", u32::from(c))
}

/// `control-char` for a bank built in memory: its strings, as it serialises.
pub(super) fn control_chars(bank: &Bank, findings: &mut Vec<Finding>) {
    if let Ok(text) = serde_json::to_string(bank) {
        unsafe_strings(&scan::scan(&text).unsafe_strings, findings);
    }
}

/// `control-char` for each string a scan of the document found unsafe
/// (authors' data and `$schema` are not bank text, and were not looked at).
pub(super) fn unsafe_strings(found: &[UnsafeString], findings: &mut Vec<Finding>) {
    for string in found {
        let more = match string.count {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        findings.push(
            Finding::error(RuleId::ControlChar, string.path.clone(), format!("the text contains {}{more}", describe_char(string.first)))
            .hint(if is_invisible_char(string.first) {
                "delete it: an invisible character makes text that looks the same compare differently"
            } else {
                "delete it: terminals act on control and bidi characters instead of showing them (write the text on one line)"
            }),
        );
    }
}

/// The byte offset of the first forbidden character (raw, or written as a
/// JSON escape such as `\u001b` or `\n`) in the JSON string token that
/// starts at `start`, so a caret can point at it.
pub fn forbidden_char_offset(text: &str, start: usize) -> Option<usize> {
    let mut chars = text.get(start..)?.char_indices();
    if chars.next()?.1 != '"' {
        return None;
    }
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return None,
            '\\' => {
                let decoded = match chars.next()?.1 {
                    'u' => {
                        let hex: String = chars.by_ref().take(4).map(|(_, digit)| digit).collect();
                        u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                    }
                    'n' => Some('\n'),
                    't' => Some('\t'),
                    'r' => Some('\r'),
                    'b' => Some('\u{8}'),
                    'f' => Some('\u{c}'),
                    _ => None,
                };
                if decoded.is_some_and(|c| is_forbidden_char(c) || is_invisible_char(c)) {
                    return Some(start + at);
                }
            }
            c if is_forbidden_char(c) || is_invisible_char(c) => return Some(start + at),
            _ => {}
        }
    }
    None
}
