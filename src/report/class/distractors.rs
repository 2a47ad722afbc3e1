//! Distractor analysis: how many chose each choice (by the choice's recorded
//! id, so different seeds and shuffles compare), which choices nobody picks,
//! and distractors chosen more by strong students than by weak ones (the
//! top and bottom 27% of the class by score, the classic split).

use super::{Attempt, Group, Item};
use crate::bank::{Question, QuestionBody};
use serde::Serialize;

/// The share of the class in each of the strong and weak groups.
const GROUP_SHARE: f64 = 0.27;

/// Whether each complete attempt is among the strong (1), the weak (−1) or neither (0).
pub struct Ranking {
    side: Vec<i8>,
}

impl Ranking {
    pub fn new(complete: &[&Attempt]) -> Self {
        let count = complete.len();
        let mut order: Vec<usize> = (0..count).collect();
        order.sort_by(|&a, &b| {
            complete[a]
                .percent
                .total_cmp(&complete[b].percent)
                .then(a.cmp(&b))
        });
        let mut side = vec![0; count];
        // Fewer than four attempts cannot be split into distinct halves that mean anything.
        if count >= 4 {
            let group_size = ((count as f64 * GROUP_SHARE).round() as usize).max(1);
            for &weak in &order[..group_size] {
                side[weak] = -1;
            }
            for &strong in &order[count - group_size..] {
                side[strong] = 1;
            }
        }
        Ranking { side }
    }
}

/// How often one choice was picked.
#[derive(Debug, Clone, Serialize)]
pub struct ChoiceCount {
    /// The recorded name: the choice's id, else its text.
    pub choice: String,
    /// Whether it earns credit: from the bank, else from the credit of those who
    /// picked only it (single choice); `None` when neither tells.
    pub correct: Option<bool>,
    pub chosen: usize,
    /// Percent of the attempts asked the item.
    pub percent: f64,
    pub strong_percent: Option<f64>,
    pub weak_percent: Option<f64>,
    /// A wrong choice picked more by strong students than by weak ones.
    pub attracts_strong: bool,
}

/// The choices of a single or multiple item (empty for other types), and
/// the bank's choices nobody picked.
pub fn choices(
    group: &Group,
    item_index: usize,
    complete: &[&Attempt],
    ranking: &Ranking,
    question: Option<&Question>,
) -> (Vec<ChoiceCount>, Vec<String>) {
    let item = &group.items[item_index];
    let bank_choices = question.and_then(|question| match &question.body {
        QuestionBody::Single { choices } | QuestionBody::Multiple { choices } => Some(choices),
        _ => None,
    });
    if bank_choices.is_none() && !matches!(item.question_type.as_str(), "single" | "multiple") {
        return (Vec::new(), Vec::new());
    }
    // Names in the bank's order, then any the bank does not know.
    let mut names: Vec<(String, Option<bool>)> = bank_choices
        .map(|choices| {
            choices
                .iter()
                .map(|choice| {
                    let earns = choice.correct || choice.credit.is_some_and(|credit| credit > 0.0);
                    (choice.record_name().to_string(), Some(earns))
                })
                .collect()
        })
        .unwrap_or_default();
    for (at, name) in item.choices.iter().enumerate() {
        if !names.iter().any(|(known, _)| known == name) {
            names.push((name.clone(), inferred_correct(item, at as u32)));
        }
    }
    // Where each of the item's recorded choices is listed.
    let listed_at: Vec<usize> = item
        .choices
        .iter()
        .map(|name| {
            names
                .iter()
                .position(|(known, _)| known == name)
                .expect("every picked name is listed")
        })
        .collect();
    let mut chosen = vec![[0usize; 3]; names.len()];
    let (mut asked, mut strong, mut weak) = (0usize, 0usize, 0usize);
    let positions = group.positions_of(item_index);
    for (at, attempt) in complete.iter().enumerate() {
        let Some(response) = group.response_to(attempt, &positions) else {
            continue;
        };
        asked += 1;
        let side = ranking.side[at];
        strong += usize::from(side == 1);
        weak += usize::from(side == -1);
        for &choice in &response.selected {
            let position = listed_at[choice as usize];
            chosen[position][0] += 1;
            if side == 1 {
                chosen[position][1] += 1;
            } else if side == -1 {
                chosen[position][2] += 1;
            }
        }
    }
    let share = |count: usize, of: usize| (of > 0).then(|| 100.0 * count as f64 / of as f64);
    let counts: Vec<ChoiceCount> = names
        .into_iter()
        .zip(chosen)
        .map(|((choice, correct), [all, by_strong, by_weak])| {
            let strong_percent = share(by_strong, strong);
            let weak_percent = share(by_weak, weak);
            ChoiceCount {
                attracts_strong: correct == Some(false)
                    && matches!((strong_percent, weak_percent), (Some(s), Some(w)) if s > w),
                choice,
                correct,
                chosen: all,
                percent: share(all, asked).unwrap_or(0.0),
                strong_percent,
                weak_percent,
            }
        })
        .collect();
    let unpicked = if bank_choices.is_some() {
        counts
            .iter()
            .filter(|count| count.chosen == 0)
            .map(|count| count.choice.clone())
            .collect()
    } else {
        Vec::new()
    };
    (counts, unpicked)
}

/// Without the bank: a single-choice pick that earned full credit is right,
/// one that earned nothing is wrong; otherwise unknown.
fn inferred_correct(item: &Item, choice: u32) -> Option<bool> {
    if item.question_type != "single" {
        return None;
    }
    item.responses
        .iter()
        .find(|response| response.selected == [choice])
        .map(|response| crate::quiz::grade::is_right(response.credit))
}

#[cfg(test)]
mod tests {
    use super::super::{Collector, WhichAttempts};
    use super::*;
    use crate::report::parse_result_view;

    fn result(learner: &str, picks: &[(&str, &str, f64)]) -> String {
        let responses: Vec<String> = picks
            .iter()
            .map(|(question, choice, credit)| {
                format!(
                    r#"{{"question":"{question}","type":"single","answer":"a","selected":["{choice}"],"credit":{credit},"points":{credit},"max_points":1,"confidence":null,"seconds":1.0,"skipped":false}}"#
                )
            })
            .collect();
        let score: f64 = picks.iter().map(|p| p.2).sum();
        let percent = 100.0 * score / picks.len() as f64;
        format!(
            r#"{{"format":"crossexam-result/1","bank":"b","bank_hash":"h","quiz":null,"seed":"1","rng":"r","learner":"{learner}","started_at":"2026-11-25T09:00:00Z","finished_at":"2026-11-25T09:01:00Z","complete":true,"ended":"finished","feedback":"end","time_limit_s":null,"score":{score},"max_score":{},"percent":{percent},"passed":null,"cbm":null,"responses":[{}]}}"#,
            picks.len(),
            responses.join(",")
        )
    }

    #[test]
    fn a_distractor_that_draws_the_strong_is_flagged() {
        let mut collector = Collector::new(WhichAttempts::First);
        // Strong students (all other items right) pick the wrong "trap" on q1.
        for (learner, q1, others) in [
            ("a", ("trap", 0.0), 1.0),
            ("b", ("trap", 0.0), 1.0),
            ("c", ("right", 1.0), 1.0),
            ("d", ("right", 1.0), 0.0),
            ("e", ("right", 1.0), 0.0),
            ("f", ("other", 0.0), 0.0),
            ("g", ("right", 1.0), 0.0),
        ] {
            let text = result(
                learner,
                &[
                    ("q1", q1.0, q1.1),
                    ("q2", if others > 0.5 { "x" } else { "y" }, others),
                    ("q3", if others > 0.5 { "x" } else { "y" }, others),
                ],
            );
            collector.add(&parse_result_view(&text).expect("a valid result"));
        }
        let (groups, _, _) = collector.finish();
        let group = &groups[0];
        let complete: Vec<&Attempt> = group.attempts.iter().collect();
        let ranking = Ranking::new(&complete);
        let (counts, unpicked) = choices(group, 0, &complete, &ranking, None);
        let trap = counts.iter().find(|c| c.choice == "trap").unwrap();
        assert_eq!(trap.correct, Some(false));
        assert_eq!(trap.chosen, 2);
        assert!(trap.attracts_strong, "{counts:?}");
        let right = counts.iter().find(|c| c.choice == "right").unwrap();
        assert_eq!(right.correct, Some(true));
        assert!(!right.attracts_strong);
        assert!(
            !counts
                .iter()
                .find(|c| c.choice == "other")
                .unwrap()
                .attracts_strong
        );
        assert!(unpicked.is_empty(), "unknown without the bank");
    }
}
