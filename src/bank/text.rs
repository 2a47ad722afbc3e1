//! Text normalisation shared by short-answer grading and the lint rules
//! that compare texts (duplicate choices, answers that normalise to nothing).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Normalises a short answer: NFKC, case folded (full Unicode folding, so
/// `ß` matches `ss`), diacritics removed, punctuation (Unicode category P)
/// turned into spaces, whitespace collapsed and trimmed.
pub fn normalise(text: &str) -> String {
    use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
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
