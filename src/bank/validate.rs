//! Semantic checks a typed bank must pass before it can be quizzed on:
//! slug ids, unique ids, references that resolve, well-formed questions and
//! presets. Each problem is a [`Finding`] with the JSON path it is about and
//! a rule id from `PEDAGOGY.md` where one fits.

use super::diagnostic::Finding;
use super::model::{Bank, Choice, IdSelection, Question, QuestionBody, Template};
use super::rule::RuleId;
use super::spans::JsonPath;
use std::collections::HashMap;

/// Whether `id` is a slug `[a-z0-9][a-z0-9-]*`.
pub fn is_slug(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_lowercase() || first.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Every error that makes a bank unusable.
pub fn validate(bank: &Bank) -> Vec<Finding> {
    let mut findings = Vec::new();
    let root = JsonPath::root();
    let mut ids = IdChecker {
        findings: &mut findings,
    };
    ids.check(|| root.key("id"), &bank.id);
    ids.check_list("actors", bank.actors.iter().map(|a| a.id.as_str()));
    ids.check_list("claims", bank.claims.iter().map(|c| c.id.as_str()));
    ids.check_list("exchanges", bank.exchanges.iter().map(|e| e.id.as_str()));
    ids.check_list("questions", bank.questions.iter().map(Question::id));
    ids.check_list("quizzes", bank.quizzes.iter().map(|p| p.id.as_str()));

    References::new(bank, &mut findings).check_all();

    for (index, question) in bank.questions.iter().enumerate() {
        check_question(&root.key("questions").index(index), question, &mut findings);
    }
    for (index, claim) in bank.claims.iter().enumerate() {
        let path = root.key("claims").index(index);
        findings.extend(blank(|| path.key("text"), "a claim's text", &claim.text));
        for (wording_index, wording) in claim.report_wording.iter().enumerate() {
            let wording_path = path.key("report_wording").index(wording_index);
            findings.extend(blank(|| wording_path, "a report wording", wording));
        }
    }
    for (index, exchange) in bank.exchanges.iter().enumerate() {
        let path = root.key("exchanges").index(index).key("asks");
        findings.extend(blank(|| path, "what an exchange asks", &exchange.asks));
    }
    check_presets(bank, &mut findings);
    findings.extend(blank(|| root.key("title"), "the bank's title", &bank.title));
    findings
}

/// The errors of one question on its own, with paths from the question:
/// what [`validate`] reports about it apart from its id and references.
/// An importer that gives unique slug ids and no references needs no more.
pub fn question_errors(question: &Question) -> Vec<Finding> {
    let mut findings = Vec::new();
    check_question(&JsonPath::root(), question, &mut findings);
    findings
}

struct IdChecker<'a> {
    findings: &'a mut Vec<Finding>,
}

impl IdChecker<'_> {
    fn check(&mut self, path: impl FnOnce() -> JsonPath, id: &str) {
        if !is_slug(id) {
            self.findings.push(
                Finding::error(RuleId::Schema, path(), format!("`{id}` is not a valid id"))
                    .hint("ids are slugs: lowercase letters, digits and `-`, starting with a letter or digit"),
            );
        }
    }

    fn check_list<'b>(&mut self, list: &str, ids: impl Iterator<Item = &'b str>) {
        let mut first_seen: HashMap<&str, usize> = HashMap::new();
        for (index, id) in ids.enumerate() {
            let path = || JsonPath::root().key(list).index(index).key("id");
            self.check(path, id);
            if let Some(first) = first_seen.get(id) {
                self.findings.push(
                    Finding::error(
                        RuleId::DuplicateId,
                        path(),
                        format!("`{id}` is used twice in `{list}`"),
                    )
                    .hint(format!(
                        "{list}[{first}] already has this id; ids must be unique within their list"
                    )),
                );
            } else {
                first_seen.insert(id, index);
            }
        }
    }
}

/// A hint's list of known ids stops after this many: a bank may define
/// thousands, and every finding that cites an unknown id carries the hint.
const LISTED_IDS: usize = 10;

/// "known claims: a, b, c", cut after [`LISTED_IDS`] ids with how many more.
fn known_ids_hint(what: &str, ids: &[&str]) -> String {
    let shown = ids[..ids.len().min(LISTED_IDS)].join(", ");
    match ids.len().saturating_sub(LISTED_IDS) {
        0 => format!("known {what}s: {shown}"),
        more => format!("known {what}s: {shown} and {more} more"),
    }
}

struct References<'a> {
    bank: &'a Bank,
    findings: &'a mut Vec<Finding>,
    /// The ids of each list, looked up without a scan of the list per reference.
    actors: foldhash::HashSet<&'a str>,
    claims: foldhash::HashSet<&'a str>,
    exchanges: foldhash::HashSet<&'a str>,
    /// The hint for each unknown id met so far (an id cited many times is
    /// compared with the known ones once).
    hints: HashMap<(&'static str, &'a str), String>,
}

impl<'a> References<'a> {
    fn new(bank: &'a Bank, findings: &'a mut Vec<Finding>) -> Self {
        References {
            bank,
            findings,
            actors: bank.actors.iter().map(|a| a.id.as_str()).collect(),
            claims: bank.claims.iter().map(|c| c.id.as_str()).collect(),
            exchanges: bank.exchanges.iter().map(|e| e.id.as_str()).collect(),
            hints: HashMap::new(),
        }
    }

    /// Reports `id` at `path` (made only when reported) unless it is `known`.
    fn expect(
        &mut self,
        path: impl FnOnce() -> JsonPath,
        what: &'static str,
        id: &'a str,
        known: bool,
    ) {
        if !known {
            let bank = self.bank;
            let hint = self
                .hints
                .entry((what, id))
                .or_insert_with(|| {
                    let list: Vec<&str> = match what {
                        "actor" => bank.actors.iter().map(|a| a.id.as_str()).collect(),
                        "claim" => bank.claims.iter().map(|c| c.id.as_str()).collect(),
                        "exchange" => bank.exchanges.iter().map(|e| e.id.as_str()).collect(),
                        _ => bank.quizzes.iter().map(|p| p.id.as_str()).collect(),
                    };
                    match closest(id, &list) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None if list.is_empty() => format!("the bank defines no {what}s"),
                        None => known_ids_hint(what, &list),
                    }
                })
                .clone();
            self.findings.push(
                Finding::error(RuleId::UnknownRef, path(), format!("unknown {what} `{id}`"))
                    .hint(hint)
                    .unknown_id(id),
            );
        }
    }

    fn actor(&mut self, path: impl FnOnce() -> JsonPath, id: &'a str) {
        let known = self.actors.contains(id);
        self.expect(path, "actor", id, known);
    }

    fn claim(&mut self, path: impl FnOnce() -> JsonPath, id: &'a str) {
        let known = self.claims.contains(id);
        self.expect(path, "claim", id, known);
    }

    fn exchange(&mut self, path: impl FnOnce() -> JsonPath, id: &'a str) {
        let known = self.exchanges.contains(id);
        self.expect(path, "exchange", id, known);
    }

    fn check_all(mut self) {
        let bank = self.bank;
        let root = JsonPath::root();
        for (index, claim) in bank.claims.iter().enumerate() {
            let path = || JsonPath::root().and_key("claims").and_index(index);
            self.actor(|| path().and_key("by"), &claim.by);
            for (via_index, via) in claim.via.iter().enumerate() {
                self.actor(|| path().and_key("via").and_index(via_index), via);
            }
            for (counter_index, counter) in claim.counters.iter().enumerate() {
                self.claim(
                    || {
                        path()
                            .and_key("counters")
                            .and_index(counter_index)
                            .and_key("claim")
                    },
                    &counter.claim,
                );
            }
        }
        for (index, exchange) in bank.exchanges.iter().enumerate() {
            let path = || JsonPath::root().and_key("exchanges").and_index(index);
            self.actor(|| path().and_key("asked_by"), &exchange.asked_by);
            self.actor(|| path().and_key("answered_by"), &exchange.answered_by);
            for (claim_index, claim) in exchange.answer_claims.iter().enumerate() {
                self.claim(
                    || path().and_key("answer_claims").and_index(claim_index),
                    claim,
                );
            }
        }
        for (index, question) in bank.questions.iter().enumerate() {
            let path = || JsonPath::root().and_key("questions").and_index(index);
            for (claim_index, claim) in question.common.claims.iter().enumerate() {
                self.claim(|| path().and_key("claims").and_index(claim_index), claim);
            }
            for (exchange_index, exchange) in question.common.exchanges.iter().enumerate() {
                self.exchange(
                    || path().and_key("exchanges").and_index(exchange_index),
                    exchange,
                );
            }
            if let QuestionBody::Short {
                accept_aliases_of: Some(actor),
                ..
            } = &question.body
            {
                self.actor(|| path().and_key("accept_aliases_of"), actor);
            }
            if let Some(origin) = &question.common.generated_from {
                if let Some(claim) = &origin.claim {
                    self.claim(|| path().and_key("generated_from").and_key("claim"), claim);
                }
                if let Some(exchange) = &origin.exchange {
                    self.exchange(
                        || path().and_key("generated_from").and_key("exchange"),
                        exchange,
                    );
                }
            }
        }
        for (index, generator) in bank.generate.iter().enumerate() {
            let path = root.key("generate").index(index);
            let over_exchanges = generator.template == Template::Evasion;
            let (field, selection, other) = if over_exchanges {
                ("exchanges", &generator.exchanges, &generator.claims)
            } else {
                ("claims", &generator.claims, &generator.exchanges)
            };
            if other.is_some() {
                let other_field = if over_exchanges {
                    "claims"
                } else {
                    "exchanges"
                };
                self.findings.push(
                    Finding::error(
                        RuleId::Schema,
                        path.clone(),
                        format!(
                            "template `{}` takes `{field}`, not `{other_field}`",
                            generator.template.as_str()
                        ),
                    )
                    .at_key(other_field),
                );
            }
            match selection {
                None => self.findings.push(
                    Finding::error(
                        RuleId::Schema,
                        path.clone(),
                        format!("missing field `{field}`"),
                    )
                    .hint(format!("give a list of ids or \"*\" for all {field}")),
                ),
                Some(IdSelection::Ids(ids)) => {
                    for (id_index, id) in ids.iter().enumerate() {
                        let id_path = || path.key(field).index(id_index);
                        if over_exchanges {
                            self.exchange(id_path, id);
                        } else {
                            self.claim(id_path, id);
                        }
                    }
                }
                Some(IdSelection::All(_)) => {}
            }
        }
        if let Some(preset) = &bank.default_quiz {
            let known = bank.preset(preset).is_some();
            self.expect(|| root.key("default_quiz"), "preset", preset, known);
        }
    }
}

/// The candidate within edit distance 2 of `id`, if any.
pub fn closest<'a>(id: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let length = id.chars().count();
    candidates
        .iter()
        // Lengths more than two apart are more than two edits apart: not measured.
        .filter(|candidate| candidate.chars().count().abs_diff(length) <= 2)
        .filter_map(|candidate| Some((distance_within_two(id, candidate)?, *candidate)))
        .min()
        .map(|(_, candidate)| candidate)
}

/// The Levenshtein distance (in characters) of `a` and `b` when it is at
/// most 2: only the diagonal band of width 2 is computed, and the work stops
/// as soon as every cell of a row is further.
fn distance_within_two(a: &str, b: &str) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        // One byte is one character: no list of characters to build.
        banded_distance(a.as_bytes(), b.as_bytes())
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        banded_distance(&a, &b)
    }
}

/// [`distance_within_two`] of two lists of characters.
fn banded_distance<T: PartialEq>(a: &[T], b: &[T]) -> Option<usize> {
    const FAR: usize = 3;
    let m = b.len();
    let mut previous: Vec<usize> = (0..=m).map(|j| j.min(FAR)).collect();
    let mut row = vec![FAR; m + 1];
    for i in 1..=a.len() {
        let low = i.saturating_sub(2);
        let high = (i + 2).min(m);
        if low > high {
            return None; // more than two characters longer
        }
        if low == 0 {
            row[0] = i;
        } else {
            row[low - 1] = FAR;
        }
        for j in low.max(1)..=high {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (previous[j - 1] + cost)
                .min(previous[j] + 1)
                .min(row[j - 1] + 1)
                .min(FAR);
        }
        if high < m {
            row[high + 1] = FAR;
        }
        if row[low..=high].iter().all(|&distance| distance >= FAR) {
            return None;
        }
        std::mem::swap(&mut previous, &mut row);
    }
    (previous[m] < FAR).then_some(previous[m])
}

/// An `empty-text` finding when a text is empty, whitespace or only punctuation.
/// The path is built only for a finding: most texts have none.
fn blank(path: impl FnOnce() -> JsonPath, what: &str, text: &str) -> Option<Finding> {
    if text.trim().is_empty() {
        Some(empty(path(), what))
    } else if super::text::is_blank(text) {
        Some(
            Finding::error(
                RuleId::EmptyText,
                path(),
                format!("{what} is only punctuation"),
            )
            .hint("write the text in words, or remove the entry"),
        )
    } else {
        None
    }
}

fn empty(path: JsonPath, what: &str) -> Finding {
    Finding::error(RuleId::EmptyText, path, format!("{what} is empty"))
        .hint("write the text, or remove the entry")
}

/// The most points one question may carry: totals stay exact and finite
/// however many questions a bank has.
pub const MAX_POINTS: f64 = 1000.0;

fn check_question(path: &JsonPath, question: &Question, findings: &mut Vec<Finding>) {
    let common = &question.common;
    findings.extend(blank(|| path.key("prompt"), "the prompt", &common.prompt));
    if let Some(points) = common.points
        && !(points > 0.0 && points <= MAX_POINTS)
    {
        findings.push(
            Finding::error(
                RuleId::Schema,
                path.key("points"),
                format!("points must be more than 0 and at most {MAX_POINTS}, not {points}"),
            )
            .hint("leave `points` out for 1 point"),
        );
    }
    match &question.body {
        QuestionBody::Single { choices } | QuestionBody::Multiple { choices } => {
            check_choices(path, question, choices, findings);
        }
        QuestionBody::Short {
            answers,
            fuzzy,
            accept_aliases_of,
        } => {
            if answers.is_empty() && accept_aliases_of.is_none() {
                findings.push(
                    Finding::error(
                        RuleId::Schema,
                        path.key("answers"),
                        "a short question needs at least one answer",
                    )
                    .hint("add {\"text\": \"…\"} or `accept_aliases_of`"),
                );
            }
            for (index, answer) in answers.iter().enumerate() {
                let answer_path = || path.key("answers").index(index);
                if answer.text.trim().is_empty() {
                    findings.push(empty(answer_path().key("text"), "an accepted answer"));
                } else if !has_ascii_alphanumeric(&answer.text)
                    && super::text::normalise(&answer.text).is_empty()
                {
                    // Only punctuation: a learner typing `.` would match it exactly.
                    findings.push(
                        Finding::error(
                            RuleId::EmptyText,
                            answer_path().key("text"),
                            "this answer is only punctuation, so it matches any punctuation typed",
                        )
                        .hint("answers are compared without case, accents and punctuation: write letters or digits"),
                    );
                }
                check_credit(answer_path, answer.credit, findings);
            }
            if fuzzy.is_some_and(|distance| distance > 2) {
                findings.push(
                    Finding::error(RuleId::Schema, path.key("fuzzy"), "fuzzy must be 0, 1 or 2")
                        .hint("it is the largest Levenshtein distance accepted"),
                );
            }
        }
        QuestionBody::Numeric {
            answer,
            tolerance,
            ranges,
            ..
        } => {
            if !answer.is_finite() {
                findings.push(Finding::error(
                    RuleId::Schema,
                    path.key("answer"),
                    "the answer must be a finite number",
                ));
            }
            if tolerance.is_some_and(|t| !(t >= 0.0 && t.is_finite())) {
                findings.push(Finding::error(
                    RuleId::Schema,
                    path.key("tolerance"),
                    "the tolerance must be 0 or more",
                ));
            }
            for (index, range) in ranges.iter().enumerate() {
                let range_path = || path.key("ranges").index(index);
                if range.min > range.max {
                    findings.push(
                        Finding::error(
                            RuleId::Schema,
                            range_path().key("min"),
                            "`min` is larger than `max`",
                        )
                        .hint("swap them"),
                    );
                }
                check_credit(range_path, range.credit, findings);
            }
        }
        QuestionBody::Match { pairs, extra_right } => {
            if pairs.len() < 2 {
                findings.push(
                    Finding::error(
                        RuleId::Schema,
                        path.key("pairs"),
                        "a match question needs at least 2 pairs",
                    )
                    .hint("add a pair, or make it a single-choice question"),
                );
            }
            if pairs.len() + extra_right.len() > 26 {
                findings.push(Finding::error(
                    RuleId::Schema,
                    path.key("pairs"),
                    "more than 26 right-hand options",
                ));
            }
            for (index, pair) in pairs.iter().enumerate() {
                let pair_path = || path.key("pairs").index(index);
                findings.extend(blank(|| pair_path().key("left"), "a left side", &pair.left));
                findings.extend(blank(
                    || pair_path().key("right"),
                    "a right side",
                    &pair.right,
                ));
            }
            for (index, right) in extra_right.iter().enumerate() {
                findings.extend(blank(
                    || path.key("extra_right").index(index),
                    "an extra right side",
                    right,
                ));
            }
        }
        QuestionBody::Order { items } => {
            if items.len() < 2 {
                findings.push(Finding::error(
                    RuleId::Schema,
                    path.key("items"),
                    "an order question needs at least 2 items",
                ));
            }
            if items.len() > 26 {
                findings.push(Finding::error(
                    RuleId::Schema,
                    path.key("items"),
                    "more than 26 items",
                ));
            }
            for (index, item) in items.iter().enumerate() {
                if items[..index].contains(item) {
                    findings.push(
                        Finding::error(
                            RuleId::DuplicateChoice,
                            path.key("items").index(index),
                            "two items of this order question have the same text",
                        )
                        .hint("identical items make the right order ambiguous: tell them apart"),
                    );
                }
                findings.extend(blank(|| path.key("items").index(index), "an item", item));
            }
        }
        QuestionBody::TrueFalse { .. } => {}
    }
}

/// Whether `text` has an ASCII letter or digit: such a text never normalises
/// to nothing, so the costly normalisation can be skipped.
fn has_ascii_alphanumeric(text: &str) -> bool {
    text.bytes().any(|byte| byte.is_ascii_alphanumeric())
}

fn check_credit(path: impl FnOnce() -> JsonPath, credit: Option<f64>, findings: &mut Vec<Finding>) {
    if let Some(credit) = credit
        && !(-1.0..=1.0).contains(&credit)
    {
        findings.push(
            Finding::error(
                RuleId::BadCredit,
                path().key("credit"),
                format!("credit {credit} is outside -1..1"),
            )
            .hint("credits are fractions of the question's points, from -1 to 1"),
        );
    }
}

fn check_choices(
    path: &JsonPath,
    question: &Question,
    choices: &[Choice],
    findings: &mut Vec<Finding>,
) {
    // Built only for a finding: most questions have none.
    let choices_path = || path.key("choices");
    let is_single = matches!(question.body, QuestionBody::Single { .. });
    if choices.len() < 2 {
        findings.push(
            Finding::error(
                RuleId::Schema,
                choices_path(),
                "a choice question needs at least 2 choices",
            )
            .hint("add choices, or use a short-answer question"),
        );
    }
    if choices.len() > 26 {
        findings.push(Finding::error(
            RuleId::Schema,
            choices_path(),
            "more than 26 choices",
        ));
    }
    for (index, choice) in choices.iter().enumerate() {
        let choice_path = || choices_path().index(index);
        findings.extend(blank(
            || choice_path().key("text"),
            "a choice",
            &choice.text,
        ));
        check_credit(choice_path, choice.credit, findings);
        if let Some(id) = &choice.id
            && !is_slug(id)
        {
            findings.push(
                Finding::error(
                    RuleId::Schema,
                    choice_path().key("id"),
                    format!("`{id}` is not a valid id"),
                )
                .hint("ids are slugs: lowercase letters, digits and `-`"),
            );
        }
    }
    let mut seen_ids: HashMap<&str, usize> = HashMap::new();
    for (index, choice) in choices.iter().enumerate() {
        if let Some(id) = choice.id.as_deref()
            && seen_ids.insert(id, index).is_some()
        {
            findings.push(Finding::error(
                RuleId::DuplicateId,
                choices_path().index(index).key("id"),
                format!("choice id `{id}` is used twice in this question"),
            ));
        }
    }
    let correct = choices.iter().filter(|choice| choice.correct).count();
    if is_single && correct != 1 {
        let message = if correct == 0 {
            "this single-choice question has no correct choice".to_string()
        } else {
            format!("this single-choice question has {correct} correct choices")
        };
        findings.push(
            Finding::error(RuleId::SingleCorrect, choices_path(), message).hint(
                "mark exactly one choice with \"correct\": true, or make it a `multiple` question",
            ),
        );
    }
    if !is_single && correct == 0 {
        findings.push(
            Finding::error(
                RuleId::MultipleCorrect,
                choices_path(),
                "this multiple-choice question has no correct choice",
            )
            .hint("mark at least one choice with \"correct\": true"),
        );
    }
    if !is_single && choices.iter().any(|choice| choice.credit.is_some()) {
        for (index, choice) in choices.iter().enumerate() {
            if choice.correct && choice.credit.is_none() {
                findings.push(
                    Finding::error(
                        RuleId::BadCredit,
                        choices_path().index(index),
                        "a correct choice has no credit while other choices have one",
                    )
                    .hint("with weighted choices, give every correct choice a `credit`"),
                );
            }
        }
    }
}

fn check_presets(bank: &Bank, findings: &mut Vec<Finding>) {
    for (index, preset) in bank.quizzes.iter().enumerate() {
        let path = JsonPath::root().key("quizzes").index(index);
        if preset.count == Some(0) {
            findings.push(Finding::error(
                RuleId::Schema,
                path.key("count"),
                "count must be at least 1",
            ));
        }
        if let Some(mark) = preset.pass_mark
            && !(0.0..=1.0).contains(&mark)
        {
            findings.push(
                Finding::error(
                    RuleId::Schema,
                    path.key("pass_mark"),
                    format!("pass_mark {mark} is outside 0..1"),
                )
                .hint("a pass mark is a fraction: 0.7 means 70%"),
            );
        }
        for (key, value) in [
            ("time_limit_s", preset.time_limit_s),
            ("question_time_limit_s", preset.question_time_limit_s),
        ] {
            if value == Some(0) {
                findings.push(Finding::error(
                    RuleId::Schema,
                    path.key(key),
                    format!("{key} must be at least 1"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {

    /// Regression: every finding citing an unknown id carried the whole
    /// list of known ids (a bank of 6,000 claims with an unknown one in
    /// each of its 9,000 questions took 900 MB to check).
    #[test]
    fn a_hint_lists_at_most_ten_known_ids() {
        let ids: Vec<String> = (0..25).map(|index| format!("claim-{index}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        assert_eq!(
            known_ids_hint("claim", &ids[..2]),
            "known claims: claim-0, claim-1"
        );
        assert_eq!(
            known_ids_hint("claim", &ids[..10]),
            format!("known claims: {}", ids[..10].join(", "))
        );
        assert_eq!(
            known_ids_hint("claim", &ids),
            format!("known claims: {} and 15 more", ids[..10].join(", "))
        );
    }
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("q1"));
        assert!(is_slug("9-camps"));
        assert!(!is_slug("Q1"));
        assert!(!is_slug("-q"));
        assert!(!is_slug(""));
        assert!(!is_slug("a_b"));
    }

    #[test]
    fn an_unknown_id_cited_twice_is_reported_at_both_places_with_one_hint() {
        let mut bank = crate::bank::bundled::load(crate::bank::bundled::DEFAULT_BANK)
            .expect("bundled bank")
            .bank;
        let known = bank.claims[0].id.clone();
        for index in [1, 3] {
            bank.questions[index].common.claims = vec![known.clone(), format!("{known}x")];
        }
        let unknown: Vec<Finding> = validate(&bank)
            .into_iter()
            .filter(|finding| finding.rule == RuleId::UnknownRef)
            .collect();
        let paths: Vec<String> = unknown.iter().map(|f| f.path.to_string()).collect();
        assert_eq!(paths, ["questions[1].claims[1]", "questions[3].claims[1]"]);
        for finding in &unknown {
            assert_eq!(finding.message, format!("unknown claim `{known}x`"));
            assert_eq!(finding.hint, Some(format!("did you mean `{known}`?")));
        }
    }

    #[test]
    fn closest_ids() {
        assert_eq!(
            closest("nine-camp", &["nine-camps", "no-bases"]),
            Some("nine-camps")
        );
        assert_eq!(closest("zzz", &["nine-camps"]), None);
    }

    #[test]
    fn the_banded_distance_is_levenshtein_up_to_two() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "nine-camp",
            "nine-camps",
            "nine-cmaps",
            "nine-amp",
            "no-bases",
            "n\u{e9}ne-camp",
            "\u{1f600}x",
            "x\u{1f600}",
            "xy",
            "abcd",
            "abdc",
            "bacd",
            "dcba",
        ];
        for a in words {
            for b in words {
                let full = strsim::levenshtein(a, b);
                let expected = (full <= 2).then_some(full);
                assert_eq!(distance_within_two(a, b), expected, "{a:?} {b:?}");
            }
        }
    }
}
