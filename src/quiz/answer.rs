//! The answer grammar of BANK-FORMAT.md section 4, shared by the keyboard
//! and `--answers` files: one line → a command, a skip, or a typed
//! [`Response`] in display positions, with an optional confidence.

use super::plan::{Arrangement, PlannedQuestion};
use crate::bank::QuestionBody;
use crate::wording::letter;

/// A keyboard command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Quit,
    Help,
}

/// What an answer says, in displayed positions (0-based).
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    Single(usize),
    Multiple(Vec<usize>),
    TrueFalse(bool),
    Short(String),
    Numeric(f64),
    /// `(left position, right position)` pairs.
    Match(Vec<(usize, usize)>),
    Order(Vec<usize>),
}

/// One parsed line.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    Command(Command),
    Skip,
    Answer {
        response: Response,
        confidence: Option<u8>,
    },
}

/// Whether a confidence (` !1`..` !3`) is expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfidenceRule {
    /// Confidence marking is off: ` !c` means nothing.
    Off,
    /// Confidence-based marking is on: every answer needs one.
    Required,
    /// Practice: a confidence may be given.
    Optional,
}

/// Why a line was not accepted (shown to the learner, then asked again).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct AnswerError(pub String);

fn reject<T>(message: impl Into<String>) -> Result<T, AnswerError> {
    Err(AnswerError(message.into()))
}

/// Parses one line for a question as displayed.
pub fn parse_line(
    raw: &str,
    planned: &PlannedQuestion,
    confidence: ConfidenceRule,
) -> Result<Line, AnswerError> {
    let line = raw.trim_end_matches(['\n', '\r']).trim();
    let is_short = matches!(planned.question.body, QuestionBody::Short { .. });
    match line.to_lowercase().as_str() {
        ":q" | ":quit" => return Ok(Line::Command(Command::Quit)),
        ":h" | ":help" => return Ok(Line::Command(Command::Help)),
        "" | "-" => return Ok(Line::Skip),
        // A short answer is any text, `:)` included.
        other if other.starts_with(':') && !is_short => {
            return reject(format!(
                "unknown command `{line}`: type :h for help or :q to stop"
            ));
        }
        _ => {}
    }
    let (body, level) = match split_confidence(line, is_short) {
        Some((body, level)) if !(is_short && confidence == ConfidenceRule::Off) => {
            (body, Some(level))
        }
        _ => (line, None),
    };
    match (confidence, level) {
        (ConfidenceRule::Off, Some(_)) => {
            return reject("confidence marking is off: remove the ` !` part");
        }
        (ConfidenceRule::Required, None) => {
            return reject(
                "add how sure you are: ` !1` (unsure), ` !2` or ` !3` (sure), e.g. `b !2`",
            );
        }
        (_, Some(Err(()))) => return reject("confidence is 1, 2 or 3, e.g. `b !3`"),
        _ => {}
    }
    let confidence = level.and_then(Result::ok);
    if body.is_empty() {
        return reject("type an answer before the confidence");
    }
    let response = parse_response(body, planned)?;
    Ok(Line::Answer {
        response,
        confidence,
    })
}

/// Splits a trailing ` !c` (`c!3` too, except after a short answer, whose
/// text may hold a `!`); `Err` when the mark is not 1, 2 or 3.
fn split_confidence(line: &str, is_short: bool) -> Option<(&str, Result<u8, ()>)> {
    let position = line.rfind('!')?;
    let (body, mark) = (&line[..position], &line[position + 1..]);
    if is_short && !body.ends_with(char::is_whitespace) {
        return None;
    }
    let level = match mark.trim() {
        "1" => Ok(1),
        "2" => Ok(2),
        "3" => Ok(3),
        _ => Err(()),
    };
    Some((body.trim_end(), level))
}

fn parse_response(body: &str, planned: &PlannedQuestion) -> Result<Response, AnswerError> {
    match (&planned.question.body, &planned.arrangement) {
        (QuestionBody::Single { .. }, Arrangement::Choices(order)) => {
            let letters = parse_letters(body, order.len())?;
            match letters.as_slice() {
                [one] => Ok(Response::Single(*one)),
                _ => reject(format!(
                    "choose one letter from a to {}",
                    letter(order.len() - 1)
                )),
            }
        }
        (QuestionBody::Multiple { .. }, Arrangement::Choices(order)) => {
            let letters = parse_letters(body, order.len())?;
            if letters.is_empty() {
                return reject(format!(
                    "choose one or more letters from a to {}",
                    letter(order.len() - 1)
                ));
            }
            if let Some(twice) = first_repeat(&letters) {
                return reject(format!("{} is given twice", letter(twice)));
            }
            Ok(Response::Multiple(letters))
        }
        (QuestionBody::TrueFalse { .. }, _) => match body.to_lowercase().as_str() {
            "t" | "true" => Ok(Response::TrueFalse(true)),
            "f" | "false" => Ok(Response::TrueFalse(false)),
            _ => reject("answer t (true) or f (false)"),
        },
        (QuestionBody::Short { .. }, _) => Ok(Response::Short(body.to_string())),
        (QuestionBody::Numeric { unit, .. }, _) => {
            parse_numeric(body, unit.as_deref()).map(Response::Numeric)
        }
        (QuestionBody::Match { .. }, Arrangement::Match { lefts, rights }) => {
            parse_match(body, lefts.len(), rights.len())
        }
        (QuestionBody::Order { .. }, Arrangement::Order(order)) => {
            let letters = parse_letters(body, order.len())?;
            if let Some(twice) = first_repeat(&letters) {
                return reject(format!("{} is given twice", letter(twice)));
            }
            if let Some(missing) = (0..order.len()).find(|position| !letters.contains(position)) {
                return reject(format!(
                    "put every item in order, each once (a to {}): {} is missing",
                    letter(order.len() - 1),
                    letter(missing)
                ));
            }
            Ok(Response::Order(letters))
        }
        _ => reject("this question cannot be answered here"),
    }
}

fn is_separator(c: char) -> bool {
    c == ',' || c.is_whitespace()
}

/// Letters separated (or not) by spaces and commas, each within `count`.
fn parse_letters(body: &str, count: usize) -> Result<Vec<usize>, AnswerError> {
    let last = letter(count - 1);
    let mut positions = Vec::new();
    for c in body.chars().filter(|&c| !is_separator(c)) {
        let lower = c.to_ascii_lowercase();
        if !lower.is_ascii_lowercase() || (lower as usize - 'a' as usize) >= count {
            return reject(format!("choose a letter from a to {last}"));
        }
        positions.push(lower as usize - 'a' as usize);
    }
    Ok(positions)
}

fn first_repeat(positions: &[usize]) -> Option<usize> {
    positions
        .iter()
        .enumerate()
        .find(|(index, position)| positions[..*index].contains(position))
        .map(|(_, position)| *position)
}

fn parse_match(body: &str, left_count: usize, right_count: usize) -> Result<Response, AnswerError> {
    let usage = format!(
        "pair each number with a letter, e.g. `1b 2a`: numbers 1 to {left_count}, letters a to {}",
        letter(right_count - 1)
    );
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    // Separators go between pairs, never inside one: `1 2b` is not "12b".
    for token in body.split(is_separator).filter(|token| !token.is_empty()) {
        let mut chars = token.chars().peekable();
        while chars.peek().is_some() {
            let mut digits = String::new();
            while let Some(c) = chars.next_if(char::is_ascii_digit) {
                digits.push(c);
            }
            let Ok(number) = digits.parse::<usize>() else {
                return reject(usage);
            };
            let Some(right) = chars.next().map(|c| c.to_ascii_lowercase()) else {
                return reject(usage);
            };
            if !(1..=left_count).contains(&number)
                || !right.is_ascii_lowercase()
                || right as usize - 'a' as usize >= right_count
            {
                return reject(usage);
            }
            if let Some((_, first)) = pairs.iter().find(|(left, _)| *left == number - 1) {
                return reject(format!(
                    "{number} is paired twice ({number}{} and {number}{right}): give each number one letter",
                    letter(*first)
                ));
            }
            pairs.push((number - 1, right as usize - 'a' as usize));
        }
    }
    if pairs.is_empty() {
        return reject(usage);
    }
    Ok(Response::Match(pairs))
}

/// A number per the grammar: sign, digits, `,ddd` groups, a `.` or `,`
/// decimal part, an exponent, then an optional ` unit`.
pub fn parse_numeric(body: &str, unit: Option<&str>) -> Result<f64, AnswerError> {
    let usage = "type a number, such as 5, -3.5, 1,500 or 1e3";
    let (number_text, unit_text) = match body.split_once(char::is_whitespace) {
        Some((number, unit_part)) => (number, Some(unit_part.trim())),
        None => (body, None),
    };
    if let Some(given) = unit_text {
        match unit {
            Some(expected) if same_unit(given, expected) => {}
            Some(expected) => return reject(format!("the answer is in {expected}, not {given}")),
            None => return reject(format!("{usage}; this question has no unit")),
        }
    }
    let chars: Vec<char> = number_text.chars().collect();
    let mut position = 0;
    let mut normal = String::new();
    if let Some(&sign) = chars.first().filter(|c| **c == '+' || **c == '-') {
        normal.push(sign);
        position += 1;
    }
    let digits_from = |position: usize| {
        chars[position..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let lead = digits_from(position);
    if lead == 0 {
        return reject(usage);
    }
    normal.extend(&chars[position..position + lead]);
    position += lead;
    // Groups: a comma followed by exactly three digits.
    while chars.get(position) == Some(&',') && digits_from(position + 1) == 3 {
        normal.extend(&chars[position + 1..position + 4]);
        position += 4;
    }
    if matches!(chars.get(position), Some('.' | ',')) {
        let fraction = digits_from(position + 1);
        if fraction == 0 {
            return reject(usage);
        }
        normal.push('.');
        normal.extend(&chars[position + 1..position + 1 + fraction]);
        position += 1 + fraction;
    }
    if matches!(chars.get(position), Some('e' | 'E')) {
        normal.push('e');
        position += 1;
        if let Some(&sign) = chars.get(position).filter(|c| **c == '+' || **c == '-') {
            normal.push(sign);
            position += 1;
        }
        let exponent = digits_from(position);
        if exponent == 0 {
            return reject(usage);
        }
        normal.extend(&chars[position..position + exponent]);
        position += exponent;
    }
    if position != chars.len() {
        return reject(usage);
    }
    match normal.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        _ => reject("that number is too large"),
    }
}

fn same_unit(given: &str, expected: &str) -> bool {
    let singular = |unit: &str| {
        let lower = unit.trim().to_lowercase();
        lower.strip_suffix('s').map(str::to_string).unwrap_or(lower)
    };
    singular(given) == singular(expected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Choice, MatchPair, Question, QuestionCommon};

    fn planned(body: QuestionBody) -> PlannedQuestion {
        let arrangement = match &body {
            QuestionBody::Single { choices } | QuestionBody::Multiple { choices } => {
                Arrangement::Choices((0..choices.len()).collect())
            }
            QuestionBody::Match { pairs, .. } => Arrangement::Match {
                lefts: (0..pairs.len()).collect(),
                rights: pairs.iter().map(|p| p.right.clone()).collect(),
            },
            QuestionBody::Order { items } => Arrangement::Order((0..items.len()).rev().collect()),
            _ => Arrangement::Plain,
        };
        let common: QuestionCommon = serde_json::from_str(r#"{"id":"q","prompt":"p"}"#).unwrap();
        PlannedQuestion {
            question: Question { common, body },
            arrangement,
        }
    }

    fn choices(n: usize) -> Vec<Choice> {
        (0..n)
            .map(|i| Choice {
                id: None,
                text: format!("c{i}"),
                correct: i == 0,
                credit: None,
                feedback: None,
            })
            .collect()
    }

    fn answer(raw: &str, body: QuestionBody, rule: ConfidenceRule) -> Result<Line, AnswerError> {
        parse_line(raw, &planned(body), rule)
    }

    fn response(raw: &str, body: QuestionBody) -> Result<Response, AnswerError> {
        match answer(raw, body, ConfidenceRule::Off)? {
            Line::Answer { response, .. } => Ok(response),
            other => panic!("not an answer: {other:?}"),
        }
    }

    fn single() -> QuestionBody {
        QuestionBody::Single {
            choices: choices(4),
        }
    }
    fn multiple() -> QuestionBody {
        QuestionBody::Multiple {
            choices: choices(4),
        }
    }
    fn numeric(unit: Option<&str>) -> QuestionBody {
        QuestionBody::Numeric {
            answer: 5.0,
            tolerance: None,
            ranges: vec![],
            unit: unit.map(str::to_string),
        }
    }
    fn matching() -> QuestionBody {
        QuestionBody::Match {
            pairs: (0..3)
                .map(|i| MatchPair {
                    left: format!("l{i}"),
                    right: format!("r{i}"),
                })
                .collect(),
            extra_right: vec![],
        }
    }
    fn order() -> QuestionBody {
        QuestionBody::Order {
            items: (0..4).map(|i| format!("i{i}")).collect(),
        }
    }

    #[test]
    fn grammar_table_rows() {
        assert_eq!(response("B", single()), Ok(Response::Single(1)));
        for raw in ["a, c", "ac", "c a"] {
            let Ok(Response::Multiple(mut got)) = response(raw, multiple()) else {
                panic!("{raw}")
            };
            got.sort_unstable();
            assert_eq!(got, vec![0, 2], "{raw}");
        }
        assert_eq!(
            response("e", single()),
            Err(AnswerError("choose a letter from a to d".into()))
        );
        assert_eq!(
            response("aa", multiple()),
            Err(AnswerError("a is given twice".into()))
        );
        assert_eq!(
            response(
                "True",
                QuestionBody::TrueFalse {
                    answer: true,
                    feedback_true: None,
                    feedback_false: None
                }
            ),
            Ok(Response::TrueFalse(true))
        );
        assert_eq!(response("-3,5", numeric(None)), Ok(Response::Numeric(-3.5)));
        assert_eq!(
            response("400,000", numeric(None)),
            Ok(Response::Numeric(400_000.0))
        );
        assert_eq!(
            response("1,500.5", numeric(None)),
            Ok(Response::Numeric(1500.5))
        );
        assert_eq!(
            response("1e3", numeric(None)),
            Ok(Response::Numeric(1000.0))
        );
        assert_eq!(
            response("5 jets", numeric(Some("jets"))),
            Ok(Response::Numeric(5.0))
        );
        assert_eq!(
            response("5 Jet", numeric(Some("jets"))),
            Ok(Response::Numeric(5.0))
        );
        assert!(response("5 tanks", numeric(Some("jets"))).is_err());
        assert_eq!(
            response("1b 2a 3c", matching()),
            Ok(Response::Match(vec![(0, 1), (1, 0), (2, 2)]))
        );
        assert_eq!(
            response("1b2a3c", matching()),
            Ok(Response::Match(vec![(0, 1), (1, 0), (2, 2)]))
        );
        assert_eq!(
            response("1b, 3c", matching()),
            Ok(Response::Match(vec![(0, 1), (2, 2)]))
        );
        assert_eq!(
            response("1a 1b", matching()),
            Err(AnswerError(
                "1 is paired twice (1a and 1b): give each number one letter".into()
            ))
        );
        assert_eq!(
            response("c a d b", order()),
            Ok(Response::Order(vec![2, 0, 3, 1]))
        );
        assert_eq!(
            answer("b !3", single(), ConfidenceRule::Required),
            Ok(Line::Answer {
                response: Response::Single(1),
                confidence: Some(3)
            })
        );
        assert!(answer("b", single(), ConfidenceRule::Required).is_err());
        assert_eq!(
            answer("c!3", single(), ConfidenceRule::Required),
            Ok(Line::Answer {
                response: Response::Single(2),
                confidence: Some(3)
            }),
            "no space is needed before the mark after letters"
        );
    }

    #[test]
    fn commands_and_skips() {
        assert_eq!(
            answer(":q", single(), ConfidenceRule::Off),
            Ok(Line::Command(Command::Quit))
        );
        assert_eq!(
            answer(":HELP", single(), ConfidenceRule::Off),
            Ok(Line::Command(Command::Help))
        );
        assert_eq!(
            answer("  \r", single(), ConfidenceRule::Off),
            Ok(Line::Skip)
        );
        assert_eq!(
            answer("-", numeric(None), ConfidenceRule::Off),
            Ok(Line::Skip)
        );
        assert!(answer(":x", single(), ConfidenceRule::Off).is_err());
    }

    #[test]
    fn confidence_rules() {
        assert!(answer("b !3", single(), ConfidenceRule::Off).is_err());
        assert_eq!(
            answer("b", single(), ConfidenceRule::Optional),
            Ok(Line::Answer {
                response: Response::Single(1),
                confidence: None
            })
        );
        assert!(answer("b !4", single(), ConfidenceRule::Required).is_err());
        let short = || QuestionBody::Short {
            answers: vec![],
            fuzzy: None,
            accept_aliases_of: None,
        };
        assert_eq!(
            answer("wow!3", short(), ConfidenceRule::Required).map_err(|_| ()),
            Err(()),
            "a short answer needs the space: its text may hold a `!`"
        );
        assert_eq!(
            response("wow !3", short()),
            Ok(Response::Short("wow !3".into()))
        );
        assert_eq!(
            answer("Asif !2", short(), ConfidenceRule::Required),
            Ok(Line::Answer {
                response: Response::Short("Asif".into()),
                confidence: Some(2)
            })
        );
    }

    #[test]
    fn numbers_edge_cases() {
        assert_eq!(parse_numeric("+7", None), Ok(7.0));
        assert_eq!(parse_numeric("1,5000", None), Ok(1.5));
        assert_eq!(parse_numeric("1,000,000", None), Ok(1_000_000.0));
        assert_eq!(parse_numeric("2.5E-1", None), Ok(0.25));
        for bad in [".5", "5.", "1e", "abc", "5 5", "--5", "1.2.3", "1e999"] {
            assert!(parse_numeric(bad, None).is_err(), "{bad}");
        }
    }

    #[test]
    fn empty_lists_and_split_pairs_are_rejected() {
        // Regression: `,` used to be scored as an empty answer.
        assert!(response(",", multiple()).is_err());
        assert!(response(", ,", matching()).is_err());
        assert!(
            response("1 b", matching()).is_err(),
            "separators go between pairs"
        );
        let short = || QuestionBody::Short {
            answers: vec![],
            fuzzy: None,
            accept_aliases_of: None,
        };
        assert_eq!(response(":)", short()), Ok(Response::Short(":)".into())));
        assert!(answer(":)", single(), ConfidenceRule::Off).is_err());
    }

    #[test]
    fn order_needs_every_item_once() {
        assert_eq!(
            response("a b c", order()),
            Err(AnswerError(
                "put every item in order, each once (a to d): d is missing".into()
            ))
        );
        assert_eq!(
            response("a b c c", order()),
            Err(AnswerError("c is given twice".into()))
        );
    }
}
