//! Sentences and quotations: a report's lines become paragraphs, headings
//! are set aside, interview transcripts are read turn by turn (`Q:`/`A:` or
//! `NAME:`), and paragraphs are split into sentences at `.`, `!` or `?`,
//! never inside a quotation and never after an abbreviation or an initial.
//!
//! Why not a crate: `unicode-segmentation`'s UAX #29 sentence bounds split
//! "Dr. Lee", "U.S. Army" and `"Why?" he asked` in two, so the abbreviation
//! and quotation rules below would be needed on top; `srx` needs a rule file
//! and `nlprule` downloads its data at build time (not possible offline).

/// Who a transcript line gives the floor to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Turn<'a> {
    /// `Q:` — the interviewer.
    Question,
    /// `A:` — the interviewee.
    Answer,
    /// `NAME:` — a speaker named by the label.
    Speaker(&'a str),
}

/// One sentence of the report, verbatim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence<'a> {
    pub text: &'a str,
    /// Which paragraph (non-empty, non-heading line) it is in, from 0.
    pub paragraph: usize,
    /// The transcript turn the sentence belongs to, if the line had a label.
    pub turn: Option<Turn<'a>>,
}

/// The report's sentences, headings left out. Accepts `\r\n` line ends.
pub fn sentences(report: &str) -> Vec<Sentence<'_>> {
    let mut found = Vec::new();
    let mut paragraph = 0;
    for line in report
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
    {
        let (turn, body) = turn_of(line);
        if turn.is_none() && is_heading(line) {
            continue;
        }
        for text in split_sentences(body) {
            found.push(Sentence {
                text,
                paragraph,
                turn,
            });
        }
        paragraph += 1;
    }
    found
}

/// `Q: …`, `A: …`, `HOLLIS: …`, `Tom Avery: …`: a transcript label and the rest.
fn turn_of(line: &str) -> (Option<Turn<'_>>, &str) {
    let Some((label, rest)) = line.split_once(':') else {
        return (None, line);
    };
    let rest = rest.trim();
    let label = label.trim();
    if rest.is_empty() || label.is_empty() || label.split_whitespace().count() > 3 {
        return (None, line);
    }
    let turn = match label {
        "Q" | "Question" | "QUESTION" => Turn::Question,
        "A" | "Answer" | "ANSWER" => Turn::Answer,
        _ if label
            .split_whitespace()
            .all(|word| word.chars().next().is_some_and(char::is_uppercase))
            && label
                .chars()
                .all(|c| c.is_alphabetic() || c == ' ' || c == '.' || c == '\'' || c == '-')
            && label
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase) =>
        {
            Turn::Speaker(label)
        }
        _ => return (None, line),
    };
    (Some(turn), rest)
}

fn is_heading(line: &str) -> bool {
    let ends_like_sentence = line.ends_with(['.', '!', '?', ':', '"', '\u{201d}', '\u{2019}', ')']);
    !ends_like_sentence && line.split_whitespace().count() <= 12
}

const ABBREVIATIONS: [&str; 20] = [
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "prof", "jr",
    "sr", "vs", "etc", "e.g", "i.e", "cllr",
];

/// Splits a paragraph at `.`, `!` or `?` (and closing quotes) followed by a
/// space and a capital, digit or opening quote, except inside a quotation
/// and after abbreviations such as "Dr." and "U.S.". Linear in the text.
fn split_sentences(paragraph: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    let mut in_quote = false;
    let mut index = 0;
    while index < chars.len() {
        let (_, c) = chars[index];
        match c {
            '\u{201c}' => in_quote = true,
            '\u{201d}' => in_quote = false,
            '"' => in_quote = !in_quote,
            _ => {}
        }
        if !matches!(c, '.' | '!' | '?') {
            index += 1;
            continue;
        }
        let mut end = index + 1;
        while end < chars.len()
            && matches!(chars[end].1, '"' | '\u{201d}' | '\u{2019}' | '\'' | ')')
        {
            match chars[end].1 {
                '"' => in_quote = !in_quote,
                '\u{201d}' => in_quote = false,
                _ => {}
            }
            end += 1;
        }
        let next_word_starts = end + 1 < chars.len()
            && chars[end].1.is_whitespace()
            && chars[end + 1..]
                .iter()
                .find(|(_, c)| !c.is_whitespace())
                .is_some_and(|(_, c)| {
                    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\u{201c}' | '\'')
                });
        if next_word_starts
            && !in_quote
            && !(c == '.' && ends_with_abbreviation(&paragraph[start..chars[index].0]))
        {
            let cut = chars
                .get(end)
                .map_or(paragraph.len(), |(offset, _)| *offset);
            pieces.push(paragraph[start..cut].trim());
            start = cut;
        }
        index = end;
    }
    let rest = paragraph[start..].trim();
    if !rest.is_empty() {
        pieces.push(rest);
    }
    pieces
}

fn ends_with_abbreviation(before_dot: &str) -> bool {
    let last = before_dot.rsplit(char::is_whitespace).next().unwrap_or("");
    let last = last.trim_start_matches(['(', '"', '\u{201c}']);
    // "U.S", "U.K", "J": initials.
    let initials = !last.is_empty()
        && last
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase));
    initials || ABBREVIATIONS.contains(&last.to_lowercase().as_str())
}

/// A quotation in a sentence: byte ranges of the whole (marks included)
/// and of the words inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotation {
    pub start: usize,
    pub end: usize,
    pub inner_start: usize,
    pub inner_end: usize,
}

/// The quotations of a sentence, in order; an unclosed one is left out.
pub fn quotations(text: &str) -> Vec<Quotation> {
    let mut found = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (offset, c) in text.char_indices() {
        match (open, c) {
            (None, '"' | '\u{201c}') => open = Some((offset, c)),
            (Some((start, opener)), '"' | '\u{201d}')
                if opener == '\u{201c}' && c == '\u{201d}' || opener == '"' && c == '"' =>
            {
                let inner_start = start + opener.len_utf8();
                found.push(Quotation {
                    start,
                    end: offset + c.len_utf8(),
                    inner_start,
                    inner_end: offset,
                });
                open = None;
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(report: &str) -> Vec<&str> {
        sentences(report)
            .iter()
            .map(|sentence| sentence.text)
            .collect()
    }

    #[test]
    fn splits_sentences_but_not_abbreviations_and_skips_headings() {
        let found = sentences(
            "Title Of A Section\nHe joined the U.S. in wars. Dr. Lee said no. It ended!\nNext para.",
        );
        let texts: Vec<&str> = found.iter().map(|sentence| sentence.text).collect();
        assert_eq!(
            texts,
            [
                "He joined the U.S. in wars.",
                "Dr. Lee said no.",
                "It ended!",
                "Next para."
            ]
        );
        assert_eq!(found[3].paragraph, 1);
    }

    #[test]
    fn never_splits_inside_a_quotation() {
        assert_eq!(
            texts("\"The steel came late. We will not cut corners,\" Duarte said. She left.\r\n"),
            [
                "\"The steel came late. We will not cut corners,\" Duarte said.",
                "She left."
            ]
        );
        assert_eq!(
            texts("\"Why?\" he asked. Nobody knew."),
            ["\"Why?\" he asked.", "Nobody knew."]
        );
    }

    #[test]
    fn transcript_labels_are_turns() {
        let found = sentences("Q: Why? Tell us.\nA: Because. It is so.\nHOLLIS: No comment here.");
        assert_eq!(found[0].turn, Some(Turn::Question));
        assert_eq!(found[1].turn, Some(Turn::Question));
        assert_eq!(found[1].text, "Tell us.");
        assert_eq!(found[2].turn, Some(Turn::Answer));
        assert_eq!(found[4].turn, Some(Turn::Speaker("HOLLIS")));
        assert_eq!(sentences("Note: the council met.")[0].turn, None);
    }

    #[test]
    fn quotations_pair_their_marks() {
        let text = "\u{201c}The repairs,\u{201d} she said, \"will cost more.\"";
        let found = quotations(text);
        assert_eq!(found.len(), 2);
        assert_eq!(
            &text[found[0].inner_start..found[0].inner_end],
            "The repairs,"
        );
        assert_eq!(
            &text[found[1].inner_start..found[1].inner_end],
            "will cost more."
        );
    }
}
