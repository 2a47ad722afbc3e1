//! The class report for the terminal: grades with a score histogram, the
//! test and item statistics with plain-words flags, distractors, mastery,
//! one line per learner, and what was skipped.

use super::figure;
use crate::bank::text::clean;
use crate::report::class::stats::MIN_ATTEMPTS_TO_FLAG;
use crate::report::class::{ClassReport, GroupReport, mastery::Accuracy};
use std::io::{self, Write};

/// The widest histogram bar, in characters.
const BAR_WIDTH: usize = 40;

pub fn write(out: &mut dyn Write, report: &ClassReport) -> io::Result<()> {
    let attempts = match report.attempts {
        crate::report::class::WhichAttempts::All => "all attempts",
        crate::report::class::WhichAttempts::First => "first attempt of each learner",
        crate::report::class::WhichAttempts::Last => "last attempt of each learner",
        crate::report::class::WhichAttempts::Best => "best attempt of each learner",
    };
    writeln!(
        out,
        "Class report: {} results from {} files ({attempts}); {} skipped",
        report.results_read,
        report.files_read,
        report.skipped.len()
    )?;
    if report.groups.len() > 1 {
        writeln!(
            out,
            "The results come from {} different banks, bank versions or presets: each is reported on its own.",
            report.groups.len()
        )?;
    }
    for group in &report.groups {
        writeln!(out)?;
        group_text(out, group)?;
    }
    if !report.skipped.is_empty() {
        writeln!(out)?;
        writeln!(out, "Skipped ({})", report.skipped.len())?;
        for skipped in &report.skipped {
            writeln!(
                out,
                "  {}: {}",
                clean(&skipped.source),
                clean(&skipped.reason)
            )?;
        }
    }
    Ok(())
}

fn group_text(out: &mut dyn Write, group: &GroupReport) -> io::Result<()> {
    let short_hash: String = group.bank_hash.chars().take(19).collect();
    writeln!(
        out,
        "== Bank {}, {} ({short_hash}…) ==",
        clean(&group.bank),
        group.quiz.as_deref().map_or_else(
            || "no preset".to_string(),
            |quiz| format!("preset {}", clean(quiz))
        )
    )?;
    writeln!(
        out,
        "{} results; {} attempts counted, {} complete.",
        group.results_read, group.attempts_counted, group.complete_attempts
    )?;
    for note in &group.notes {
        writeln!(out, "Note: {}", clean(note))?;
    }

    writeln!(out)?;
    writeln!(out, "Grades")?;
    let width = column_width(group.grades.iter().map(|row| row.learner.as_str()), 7, 30);
    writeln!(
        out,
        "  {:<width$}  {:>11}  {:>7}  {:<7}  {:>8}  Ended",
        "Learner", "Score", "Percent", "Result", "Time"
    )?;
    for row in &group.grades {
        let result = match row.passed {
            Some(true) => "passed",
            Some(false) => "failed",
            None => "-",
        };
        writeln!(
            out,
            "  {:<width$}  {:>11}  {:>6.1}%  {:<7}  {:>8}  {}",
            clean(&row.learner),
            format!("{}/{}", number(row.score), number(row.max_score)),
            row.percent,
            result,
            duration(row.seconds),
            row.ended.as_str()
        )?;
    }

    writeln!(out)?;
    writeln!(out, "Score histogram (complete attempts)")?;
    let most = group
        .histogram
        .iter()
        .map(|bin| bin.attempts)
        .max()
        .unwrap_or(0);
    for bin in &group.histogram {
        let bar = if most == 0 {
            0
        } else {
            (bin.attempts * BAR_WIDTH).div_ceil(most)
        };
        writeln!(
            out,
            "  {:>8} |{} {}",
            format!("{}–{}%", bin.from, bin.to),
            "█".repeat(bar),
            bin.attempts
        )?;
    }

    writeln!(out)?;
    let test = &group.test.figures;
    writeln!(
        out,
        "Test statistics (as Moodle computes them; mean, median, SD and standard error in % of the marks)"
    )?;
    let rows = [
        ("Attempts", test.attempts.to_string()),
        ("Mean", percent(test.mean)),
        ("Median", percent(test.median)),
        ("Standard deviation", percent(test.sd)),
        ("Skewness", figure(test.skewness, 4)),
        ("Kurtosis", figure(test.kurtosis, 4)),
        ("Internal consistency (Cronbach's alpha)", percent(test.cic)),
        ("Error ratio", percent(test.error_ratio)),
        ("Standard error", percent(test.standard_error)),
    ];
    for (name, value) in rows {
        writeln!(out, "  {name:<40} {value:>9}")?;
    }

    writeln!(out)?;
    writeln!(out, "Items")?;
    let id_width = column_width(group.items.iter().map(|item| item.id.as_str()), 4, 40);
    writeln!(
        out,
        "  {:<id_width$}  {:<10}  {:<18}  {:>4}  {:>8}  {:>7}  {:>8}  {:>10}",
        "Item", "Type", "Kind", "N", "Facility", "SD", "Discrim.", "Efficiency"
    )?;
    for item in &group.items {
        writeln!(
            out,
            "  {:<id_width$}  {:<10}  {:<18}  {:>4}  {:>8}  {:>7}  {:>8}  {:>10}",
            clean(&item.id),
            item.question_type,
            item.kind.as_deref().unwrap_or("-"),
            item.figures.attempts,
            percent(item.figures.facility),
            percent(item.figures.sd),
            percent(item.figures.discrimination),
            percent(item.figures.efficiency)
        )?;
        for flag in &item.flags {
            writeln!(out, "  {:<id_width$}    ! {}", "", flag.words())?;
        }
    }

    let (with_choices, few): (Vec<_>, Vec<_>) = group
        .items
        .iter()
        .filter(|item| !item.choices.is_empty())
        .partition(|item| item.figures.attempts >= MIN_ATTEMPTS_TO_FLAG);
    if !with_choices.is_empty() || !few.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "Distractors (share of the attempts asked; strong / weak = top / bottom 27% by score)"
        )?;
        for item in with_choices {
            writeln!(out, "  {}", clean(&item.id))?;
            for choice in &item.choices {
                let mark = match choice.correct {
                    Some(true) => "+",
                    Some(false) => "-",
                    None => "?",
                };
                write!(
                    out,
                    "    {mark} {:<28} {:>3} ({:>5.1}%)  strong {:>6}  weak {:>6}",
                    clean(&choice.choice),
                    choice.chosen,
                    choice.percent,
                    percent(choice.strong_percent),
                    percent(choice.weak_percent),
                )?;
                if choice.attracts_strong {
                    write!(out, "  ← chosen more by strong students than weak ones")?;
                }
                writeln!(out)?;
            }
            if !item.unpicked.is_empty() {
                let names: Vec<String> = item
                    .unpicked
                    .iter()
                    .map(|c| clean(c).into_owned())
                    .collect();
                writeln!(out, "    nobody picked: {}", names.join(", "))?;
            }
        }
        if !few.is_empty() {
            writeln!(
                out,
                "  ({} items asked fewer than {MIN_ATTEMPTS_TO_FLAG} times are left out here; `--format csv --table choices` lists them)",
                few.len()
            )?;
        }
    }

    writeln!(out)?;
    match &group.mastery {
        None => writeln!(
            out,
            "Mastery by question kind and claim, misattributions and discernment need the bank (see the note above)."
        )?,
        Some(mastery) => {
            writeln!(
                out,
                "Mastery by question kind (marks earned; right answers)"
            )?;
            for accuracy in &mastery.by_kind {
                accuracy_line(out, accuracy)?;
            }
            writeln!(out)?;
            writeln!(out, "Mastery by claim")?;
            for accuracy in &mastery.by_claim {
                accuracy_line(out, accuracy)?;
            }
            writeln!(out)?;
            writeln!(out, "Most common misattributions (who-said questions)")?;
            if mastery.misattributions.is_empty() {
                writeln!(out, "  none")?;
            }
            for wrong in mastery.misattributions.iter().take(10) {
                writeln!(
                    out,
                    "  {:.0}% ({} of {}) think {}, not {}, said: {}",
                    wrong.percent,
                    wrong.chosen,
                    wrong.asked,
                    clean(&wrong.named_instead),
                    clean(&wrong.speaker),
                    clean(&wrong.claim_text)
                )?;
            }
            writeln!(out)?;
            let d = &mastery.discernment;
            writeln!(
                out,
                "Discernment: caught {} of {} unsupported claims ({}); recognised {} of {} claims the report supports or leaves open ({}).",
                d.unsupported_right,
                d.unsupported_asked,
                share(d.unsupported_right, d.unsupported_asked),
                d.supported_or_open_right,
                d.supported_or_open_asked,
                share(d.supported_or_open_right, d.supported_or_open_asked)
            )?;
        }
    }

    writeln!(out)?;
    writeln!(out, "Learners (complete attempts)")?;
    for line in &group.learners {
        write!(
            out,
            "  {:<width$}  {:>5.1}%",
            clean(&line.learner),
            line.percent
        )?;
        if let Some(kind) = &line.weakest_kind {
            write!(out, "  weakest: {} {:.0}%", kind.key, kind.percent)?;
        }
        if let Some(d) = &line.discernment {
            if d.unsupported_asked > 0 {
                write!(
                    out,
                    "  unsupported caught {}/{}",
                    d.unsupported_right, d.unsupported_asked
                )?;
            }
            if d.supported_or_open_asked > 0 {
                write!(
                    out,
                    "  supported or open recognised {}/{}",
                    d.supported_or_open_right, d.supported_or_open_asked
                )?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

fn accuracy_line(out: &mut dyn Write, accuracy: &Accuracy) -> io::Result<()> {
    write!(
        out,
        "  {:<24} {:>5.1}%  {:>4} of {:<4} right",
        clean(&accuracy.key),
        accuracy.percent,
        accuracy.right,
        accuracy.asked
    )?;
    if let Some(text) = &accuracy.text {
        let text: String = clean(text).chars().take(70).collect();
        write!(out, "  {text}")?;
    }
    writeln!(out)
}

/// The width of a column of `texts` as shown, between `min` and `max`.
fn column_width<'a>(texts: impl Iterator<Item = &'a str>, min: usize, max: usize) -> usize {
    texts
        .map(|text| clean(text).chars().count())
        .max()
        .unwrap_or(min)
        .clamp(min, max)
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(
        || "—".to_string(),
        |value| format!("{}%", figure(Some(value), 2)),
    )
}

fn share(right: usize, asked: usize) -> String {
    if asked == 0 {
        "—".to_string()
    } else {
        format!("{:.0}%", 100.0 * right as f64 / asked as f64)
    }
}

/// A score without needless decimals: 7.5, 10, 0.3333.
fn number(value: f64) -> String {
    let text = format!("{value:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn duration(seconds: f64) -> String {
    let whole = seconds.max(0.0).round() as u64;
    if whole >= 3600 {
        format!("{}h{:02}m", whole / 3600, whole % 3600 / 60)
    } else {
        format!("{}m{:02}s", whole / 60, whole % 60)
    }
}
