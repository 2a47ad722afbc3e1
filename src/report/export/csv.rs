//! The class report as CSV (through the `csv` crate), one table at a time:
//! grades, items, choices, mastery or learners. Every row names its bank,
//! bank version and preset, so groups never mix. Text cells that a
//! spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a
//! tab or a carriage return) are prefixed with `'`.

use crate::report::class::{ClassReport, GroupReport};
use std::io::{self, Write};

/// `--table`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Table {
    #[default]
    Grades,
    Items,
    Choices,
    Mastery,
    Learners,
}

/// A text cell a spreadsheet will show as text, never run.
pub fn text_cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

fn number(value: f64) -> String {
    format!("{}", value + 0.0)
}

fn optional(value: Option<f64>) -> String {
    value.map(number).unwrap_or_default()
}

pub fn write(out: &mut dyn Write, report: &ClassReport, table: Table) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let header: &[&str] = match table {
        Table::Grades => &[
            "learner",
            "score",
            "max_score",
            "percent",
            "passed",
            "seconds",
            "ended",
            "seed",
            "started_at",
        ],
        Table::Items => &[
            "item",
            "type",
            "kind",
            "max_points",
            "attempts",
            "facility",
            "sd",
            "discrimination",
            "efficiency",
            "flags",
        ],
        Table::Choices => &[
            "item",
            "choice",
            "correct",
            "chosen",
            "percent",
            "strong_percent",
            "weak_percent",
            "attracts_strong",
        ],
        Table::Mastery => &["by", "key", "text", "asked", "right", "percent"],
        Table::Learners => &[
            "learner",
            "percent",
            "weakest_kind",
            "weakest_kind_percent",
            "unsupported_right",
            "unsupported_asked",
            "supported_or_open_right",
            "supported_or_open_asked",
        ],
    };
    let mut full = vec!["bank", "bank_hash", "quiz"];
    full.extend_from_slice(header);
    writer.write_record(&full)?;
    for group in &report.groups {
        for row in rows(group, table) {
            let mut record = vec![
                text_cell(&group.bank),
                text_cell(&group.bank_hash),
                group.quiz.as_deref().map(text_cell).unwrap_or_default(),
            ];
            record.extend(row);
            writer.write_record(&record)?;
        }
    }
    writer.flush()
}

fn rows(group: &GroupReport, table: Table) -> Vec<Vec<String>> {
    match table {
        Table::Grades => group
            .grades
            .iter()
            .map(|row| {
                vec![
                    text_cell(&row.learner),
                    number(row.score),
                    number(row.max_score),
                    number(row.percent),
                    row.passed.map(|p| p.to_string()).unwrap_or_default(),
                    number(row.seconds),
                    row.ended.as_str().to_string(),
                    row.seed.to_string(),
                    row.started_at.to_string(),
                ]
            })
            .collect(),
        Table::Items => group
            .items
            .iter()
            .map(|item| {
                let flags: Vec<&str> = item.flags.iter().map(|flag| flag.words()).collect();
                vec![
                    text_cell(&item.id),
                    item.question_type.clone(),
                    item.kind.clone().unwrap_or_default(),
                    number(item.max_points),
                    item.figures.attempts.to_string(),
                    optional(item.figures.facility),
                    optional(item.figures.sd),
                    optional(item.figures.discrimination),
                    optional(item.figures.efficiency),
                    text_cell(&flags.join("; ")),
                ]
            })
            .collect(),
        Table::Choices => group
            .items
            .iter()
            .flat_map(|item| {
                item.choices.iter().map(|choice| {
                    vec![
                        text_cell(&item.id),
                        text_cell(&choice.choice),
                        choice.correct.map(|c| c.to_string()).unwrap_or_default(),
                        choice.chosen.to_string(),
                        number(choice.percent),
                        optional(choice.strong_percent),
                        optional(choice.weak_percent),
                        choice.attracts_strong.to_string(),
                    ]
                })
            })
            .collect(),
        Table::Mastery => group
            .mastery
            .iter()
            .flat_map(|mastery| {
                let kinds = mastery.by_kind.iter().map(|a| ("kind", a));
                let claims = mastery.by_claim.iter().map(|a| ("claim", a));
                kinds.chain(claims).map(|(by, accuracy)| {
                    vec![
                        by.to_string(),
                        text_cell(&accuracy.key),
                        text_cell(accuracy.text.as_deref().unwrap_or_default()),
                        accuracy.asked.to_string(),
                        accuracy.right.to_string(),
                        number(accuracy.percent),
                    ]
                })
            })
            .collect(),
        Table::Learners => group
            .learners
            .iter()
            .map(|line| {
                let d = line.discernment.unwrap_or_default();
                let known = line.discernment.is_some();
                let count = |n: usize| if known { n.to_string() } else { String::new() };
                vec![
                    text_cell(&line.learner),
                    number(line.percent),
                    line.weakest_kind
                        .as_ref()
                        .map(|k| k.key.clone())
                        .unwrap_or_default(),
                    optional(line.weakest_kind.as_ref().map(|k| k.percent)),
                    count(d.unsupported_right),
                    count(d.unsupported_asked),
                    count(d.supported_or_open_right),
                    count(d.supported_or_open_asked),
                ]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::text_cell;

    #[test]
    fn formula_starts_are_made_text() {
        assert_eq!(text_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text_cell("+1"), "'+1");
        assert_eq!(text_cell("-2"), "'-2");
        assert_eq!(text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_cell("\tx"), "'\tx");
        assert_eq!(text_cell("ana"), "ana");
    }
}
