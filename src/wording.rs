//! Small pieces of wording the whole program builds its sentences with: a
//! count with its noun ("1 question", "3 questions"), a first letter raised
//! or lowered to start or continue a sentence, and the letter that labels
//! an option. One definition each, so that every screen, message and
//! generated question says them the same way.

use std::fmt;

/// The group name of questions without a tag, or without a kind, wherever
/// scores are grouped (the end screen, results, progress).
pub const NONE: &str = "(none)";

/// "1 question", "3 questions": `count` with the noun's singular `one` or
/// its plural `many`.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// "council leader" → "Council leader".
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// "Council leader" → "council leader", "A reporter" → "a reporter", to go
/// on inside a sentence. A first word with a capital after its first letter
/// ("BBC host", "UN envoy", "U.S. envoy") stays as written.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    let first_word = text.split(char::is_whitespace).next().unwrap_or_default();
    if first_word.chars().skip(1).any(char::is_uppercase) {
        return text.to_string();
    }
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// The letter that labels the option at `position` (from 0): shown beside
/// choices, order items and match rights, and typed back as the answer.
pub fn letter(position: usize) -> Letter {
    Letter(position)
}

/// An option's label: `a` to `z`. A bank holds at most 26 options (the
/// validator refuses more), so a quiz never goes past `z`; a message about
/// a bank over the limit goes on with `aa`, `ab`, … like spreadsheet
/// columns, so that no two options are ever labelled alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Letter(usize);

impl fmt::Display for Letter {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Bijective base 26: a..z, aa..az, ba..zz, aaa..
        let mut letters = Vec::new();
        let mut rest = self.0;
        loop {
            letters.push(char::from(b'a' + (rest % 26) as u8));
            if rest < 26 {
                break;
            }
            rest = rest / 26 - 1;
        }
        letters
            .iter()
            .rev()
            .try_for_each(|c| fmt::Write::write_char(formatter, *c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_right_form_of_their_noun() {
        assert_eq!(plural(0, "claim", "claims"), "0 claims");
        assert_eq!(plural(1, "claim", "claims"), "1 claim");
        assert_eq!(plural(2, "entry", "entries"), "2 entries");
    }

    #[test]
    fn first_letters_are_raised_and_lowered() {
        assert_eq!(capitalise("école"), "École");
        assert_eq!(capitalise(""), "");
        assert_eq!(lower_first("Council leader"), "council leader");
        assert_eq!(
            lower_first("The report's own voice"),
            "the report's own voice"
        );
        assert_eq!(lower_first("A reporter"), "a reporter");
        assert_eq!(lower_first("BBC host"), "BBC host");
        assert_eq!(lower_first("CNN anchor"), "CNN anchor");
        // Regression: "U.S." has its capital after a full stop, not second.
        assert_eq!(lower_first("U.S. envoy"), "U.S. envoy");
        assert_eq!(lower_first("McCain aide"), "McCain aide");
        assert_eq!(lower_first(""), "");
    }

    #[test]
    fn letters_run_a_to_z_and_never_repeat_after_z() {
        assert_eq!(letter(0).to_string(), "a");
        assert_eq!(letter(2).to_string(), "c");
        assert_eq!(letter(25).to_string(), "z");
        // Past z they do not wrap back to `a` (two options would share a
        // label) nor run into punctuation (`{`), nor overflow.
        assert_eq!(letter(26).to_string(), "aa");
        assert_eq!(letter(27).to_string(), "ab");
        assert_eq!(letter(26 * 27 - 1).to_string(), "zz");
        assert_eq!(letter(26 * 27).to_string(), "aaa");
        let labels: std::collections::HashSet<String> = (0..1000)
            .map(|position| letter(position).to_string())
            .collect();
        assert_eq!(labels.len(), 1000);
        assert!(!letter(usize::MAX).to_string().is_empty());
    }
}
