//! Text normalisation shared by short-answer grading and the lint rules
//! that compare texts (duplicate choices, answers that normalise to nothing),
//! and the characters bank text may not show as they are ([`clean`]).

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Normalises a short answer: NFKC, case folded (full Unicode folding, so
/// `ß` matches `ss`), diacritics removed, punctuation (Unicode category P)
/// turned into spaces, whitespace collapsed and trimmed.
pub fn normalise(text: &str) -> String {
    use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
    if text.is_ascii() {
        return normalise_ascii(text);
    }
    let nfkc: String = text.nfkc().collect();
    let folded = caseless::default_case_fold_str(&nfkc);
    let stripped: String = folded
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .nfc()
        .collect();
    stripped
        .chars()
        .map(|c| {
            if c.general_category_group() == GeneralCategoryGroup::Punctuation {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`normalise`] of ASCII text, where NFKC and diacritics change nothing
/// and case folding is lower-casing (a test holds the two to each other).
fn normalise_ascii(text: &str) -> String {
    let mut normalised = Vec::with_capacity(text.len());
    // A separator (whitespace or punctuation) seen since the last word.
    let mut separated = false;
    for &byte in text.as_bytes() {
        let c = char::from(byte);
        if c.is_whitespace() || is_ascii_punctuation_category(c) {
            separated = true;
        } else {
            if separated && !normalised.is_empty() {
                normalised.push(b' ');
            }
            separated = false;
            normalised.push(byte.to_ascii_lowercase());
        }
    }
    // ASCII in, ASCII out.
    String::from_utf8(normalised).unwrap_or_default()
}

/// Whether an ASCII character is in Unicode's punctuation categories (P*);
/// `$ + < = > ^ | ~` and the backtick are symbols (S*), not punctuation.
fn is_ascii_punctuation_category(c: char) -> bool {
    c.is_ascii_punctuation() && !matches!(c, '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~')
}

/// Whether a text is empty once punctuation and whitespace are set aside.
pub fn is_blank(text: &str) -> bool {
    !text.chars().any(char::is_alphanumeric)
}

/// Auxiliaries, modals and copulas: a clause with one of them has a verb.
const AUXILIARIES: [&str; 44] = [
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "shall",
    "should",
    "may",
    "might",
    "must",
    "won't",
    "can't",
    "cannot",
    "isn't",
    "wasn't",
    "aren't",
    "weren't",
    "don't",
    "doesn't",
    "didn't",
    "hasn't",
    "haven't",
    "hadn't",
    "wouldn't",
    "couldn't",
    "shouldn't",
    "it's",
    "that's",
    "there's",
    "we're",
    "they're",
];

/// Common verbs whose forms carry no regular ending ("fell", "rise", "cost").
const COMMON_VERBS: [&str; 96] = [
    "say", "said", "tell", "told", "make", "made", "take", "took", "give", "gave", "get", "got",
    "go", "went", "come", "came", "see", "saw", "know", "knew", "think", "thought", "find",
    "found", "keep", "kept", "leave", "left", "hold", "held", "meet", "met", "pay", "paid", "put",
    "sell", "sold", "buy", "bought", "bring", "brought", "build", "built", "run", "ran", "win",
    "won", "lose", "lost", "fall", "fell", "rise", "rose", "cut", "set", "let", "hit", "shut",
    "cost", "spend", "spent", "send", "sent", "mean", "meant", "feel", "felt", "lead", "led",
    "read", "hear", "heard", "write", "wrote", "speak", "spoke", "break", "broke", "choose",
    "chose", "drive", "drove", "grow", "grew", "stand", "stood", "begin", "began", "need", "want",
    "stop", "work", "stay", "help", "open", "close",
];

/// Words after which a word in -s is a plural noun, not a verb.
const BEFORE_A_NOUN: [&str; 22] = [
    "the", "a", "an", "of", "in", "on", "for", "to", "with", "by", "and", "or", "its", "their",
    "his", "her", "our", "my", "your", "this", "these", "those",
];

/// Whether a text reads as a clause: at least three words and a verb (an
/// auxiliary, a common verb, a form in -ed or -ing, or a word in -s after
/// a word that does not introduce a noun). A heuristic without a tagger:
/// it errs towards seeing a verb, so it flags only clear fragments.
pub fn reads_as_clause(text: &str) -> bool {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|word| {
            word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
                .replace('\u{2019}', "'")
                .to_lowercase()
        })
        .filter(|word| !word.is_empty())
        .collect();
    if words.len() < 3 {
        return false;
    }
    words.iter().enumerate().any(|(index, word)| {
        let letters = word.chars().count();
        AUXILIARIES.contains(&word.as_str())
            || COMMON_VERBS.contains(&word.as_str())
            || (letters >= 4 && word.ends_with("ed"))
            || (letters >= 5 && word.ends_with("ing"))
            || (index > 0
                && letters >= 3
                && word.ends_with('s')
                && !word.ends_with("ss")
                && !word.ends_with("'s")
                && !BEFORE_A_NOUN.contains(&words[index - 1].as_str()))
    })
}

/// Whether a character must not appear in bank text: control characters,
/// bidi overrides, isolates and marks (the set `term::clean` replaces).
pub fn is_forbidden_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// Whether a character is invisible or separates lines without looking
/// like it: zero-width space, word joiner, a byte-order mark inside text,
/// line and paragraph separators, tag characters. Text with one looks the
/// same as text without, yet compares differently.
pub fn is_invisible_char(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{e0000}'..='\u{e007f}'
    )
}

/// The text between the first `start` and the next `end` after it.
pub fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

/// Whether every byte is printable ASCII (space to `~`): text with nothing
/// to clean.
pub fn is_printable_ascii(bytes: &[u8]) -> bool {
    all_bytes_are(bytes, |byte| (0x20..0x7f).contains(&byte))
}

/// Whether `wanted` holds for every byte: checked sixteen bytes at a time,
/// without a branch per byte (long texts are mostly plain).
pub(crate) fn all_bytes_are(bytes: &[u8], wanted: impl Fn(u8) -> bool + Copy) -> bool {
    let mut chunks = bytes.chunks_exact(16);
    chunks.all(|chunk| chunk.iter().fold(true, |all, &byte| all & wanted(byte)))
        && chunks.remainder().iter().all(|&byte| wanted(byte))
}

/// Replaces control, escape and bidi-override characters with `�` (tabs and
/// newlines become spaces), so bank text cannot move the cursor, recolour
/// the terminal or reorder what is shown.
pub fn clean(text: &str) -> Cow<'_, str> {
    // Printable ASCII, the common case, is checked bytewise.
    if is_printable_ascii(text.as_bytes()) || !text.chars().any(is_forbidden_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                c if is_forbidden_char(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod clause_tests {
    use super::*;

    /// The general path of [`normalise`], without its ASCII shortcut.
    fn normalise_unicode(text: &str) -> String {
        let with_accent = normalise(&format!("\u{e9} {text}"));
        with_accent
            .strip_prefix('e')
            .expect("the accent")
            .trim_start()
            .to_string()
    }

    #[test]
    fn the_ascii_shortcut_agrees_with_the_general_path() {
        for code in 0u8..128 {
            let c = char::from(code);
            let text = format!("Ab{c}Cd {c} x");
            assert_eq!(normalise_ascii(&text), normalise_unicode(&text), "{code}");
        }
        for text in [
            "  All of the Above. ",
            "It's \"NOT\" 5% -- (or $5)!",
            "\tA\u{b}b\n",
        ] {
            assert_eq!(normalise(text), normalise_unicode(text), "{text:?}");
        }
    }

    #[test]
    fn printable_ascii_is_found_in_any_chunk() {
        let long = "a~ ".repeat(14);
        assert!(is_printable_ascii(long.as_bytes()));
        assert!(is_printable_ascii(b""));
        for bad in ["\n", "\u{7f}", "\u{e9}", "\u{1b}"] {
            for at in [0, 15, 16, 41] {
                let mut text = long.clone();
                text.insert_str(at, bad);
                assert!(!is_printable_ascii(text.as_bytes()), "{text:?}");
            }
        }
    }

    #[test]
    fn fragments_and_clauses() {
        assert!(reads_as_clause("The bridge was safe."));
        assert!(reads_as_clause("Fees will rise in April."));
        assert!(reads_as_clause("The council changed the design twice."));
        assert!(reads_as_clause("Northline denies any delay."));
        assert!(!reads_as_clause("."));
        assert!(!reads_as_clause("A lie."));
        assert!(!reads_as_clause("The old depot at Mill Lane."));
        assert!(is_blank(" .,;\u{201c}\u{201d} "));
        assert!(!is_blank("a."));
    }
}
