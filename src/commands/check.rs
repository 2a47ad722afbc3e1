//! `crossexam check`: reads banks (size limit, UTF-8, BOM, CRLF), runs the
//! loader's syntax and type checks, validation and the lint rules, applies
//! `lint_allow`, and prints every problem with its position and a caret
//! (or as JSON); `--explain RULE` describes a rule. Exit codes: 0 clean,
//! 1 errors (or warnings under `--deny warnings`), 2 when a file cannot be
//! read or is not JSON.

use crate::bank::load::BankError;
use crate::bank::type_errors::{self, ITEM_LISTS};
use crate::bank::{Diagnostic, Finding, RuleId, Severity, load, rule_docs, scan, spans, validate};
use crate::check;
use crate::cli::{CheckArgs, CheckFormat};
use crate::{Error, Outcome, term};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// With type errors in some items, checks the rest of the bank all the same:
/// the broken items are left out, the remaining bank is validated and linted,
/// and every path is mapped back to the file. Findings only the left-out
/// items could explain (references to their ids, bank-wide statistics) are
/// not reported. Nothing when a problem is outside the lists.
fn checks_without_broken_items(
    document: &serde_json::Value,
    type_errors: &[Finding],
    source: Option<&str>,
) -> Vec<Finding> {
    use spans::PathSegment;
    use std::collections::{BTreeMap, BTreeSet};
    let mut broken: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for finding in type_errors {
        match finding.path.0.as_slice() {
            [PathSegment::Key(list), PathSegment::Index(index), ..]
                if ITEM_LISTS.contains(&list.as_str()) =>
            {
                broken.entry(list.clone()).or_default().insert(*index);
            }
            _ => return Vec::new(),
        }
    }
    let mut pruned = type_errors::strip_authors_data(document.clone());
    let mut kept: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut removed_ids: Vec<String> = Vec::new();
    for (list, indices) in &broken {
        let Some(serde_json::Value::Array(items)) = pruned.get_mut(list.as_str()) else {
            continue;
        };
        let mut keep = Vec::new();
        let mut remaining = Vec::new();
        for (index, item) in std::mem::take(items).into_iter().enumerate() {
            if indices.contains(&index) {
                removed_ids.extend(
                    item.get("id")
                        .and_then(serde_json::Value::as_str)
                        .map(str::to_string),
                );
            } else {
                keep.push(index);
                remaining.push(item);
            }
        }
        *items = remaining;
        kept.insert(list.as_str(), keep);
    }
    if let Some(object) = pruned.as_object_mut() {
        object.remove(crate::bank::schema::SCHEMA_KEY);
    }
    let hashes = crate::bank::generate::subject_hashes(&pruned);
    let Ok(mut bank) = serde_json::from_value::<crate::bank::Bank>(pruned) else {
        return Vec::new();
    };
    bank.subject_hashes = hashes;
    let mut findings = validate::validate(&bank);
    findings.extend(check::lint(&bank, source));
    check::apply_allows(&bank, findings)
        .into_iter()
        .filter(|finding| {
            let about_removed = finding.rule == RuleId::UnknownRef
                && finding
                    .unknown_id
                    .as_deref()
                    .is_some_and(|id| removed_ids.iter().any(|removed| removed == id));
            let bank_wide = [
                RuleId::ClaimCoverage,
                RuleId::CynicismBias,
                RuleId::PositionBias,
            ]
            .contains(&finding.rule);
            !about_removed && !bank_wide
        })
        .map(|mut finding| {
            if let [PathSegment::Key(list), PathSegment::Index(index), ..] =
                finding.path.0.as_mut_slice()
                && let Some(original) = kept.get(list.as_str()).and_then(|keep| keep.get(*index))
            {
                *index = *original;
            }
            finding
        })
        .collect()
}

/// What checking one file found.
#[derive(Debug, Clone)]
pub struct CheckedFile {
    pub file: String,
    /// Sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// The file is not JSON at all (exit 2): nothing else was checked.
    pub unusable: bool,
    /// The text the diagnostics' offsets point into.
    pub text: Arc<str>,
}

impl CheckedFile {
    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == severity)
            .count()
    }

    /// 0, 1 or 2, as the command exits for this file alone.
    pub fn exit_code(&self, deny_warnings: bool) -> u8 {
        if self.unusable {
            2
        } else {
            u8::from(
                self.count(Severity::Error) > 0
                    || (deny_warnings && self.count(Severity::Warning) > 0),
            )
        }
    }
}

pub fn check(args: &CheckArgs, out: &mut dyn Write) -> Result<Outcome, Error> {
    if let Some(rule) = &args.explain {
        return explain(out, rule);
    }
    if args.banks.is_empty() {
        return Err(Error::usage(
            "name at least one bank file to check",
            "crossexam check BANK.json [MORE.json…]",
        ));
    }
    let source = args.source.as_deref().map(read_source).transpose()?;
    let deny_warnings = args.deny.is_some();
    let mut reports = Vec::new();
    let mut failures: Vec<Error> = Vec::new();
    let bar = term::style::work_bar(args.banks.len(), "Checking");
    for path in &args.banks {
        bar.set_message(path.display().to_string());
        match check_path(path, source.as_deref()) {
            Ok(report) => {
                if args.format == CheckFormat::Human {
                    bar.suspend(|| -> std::io::Result<()> {
                        // Many diagnostics: one write to a line-buffered stdout per block, not per line.
                        let mut buffered = std::io::BufWriter::new(&mut *out);
                        if !reports.is_empty() {
                            writeln!(buffered)?;
                        }
                        print_human(&mut buffered, &report, deny_warnings)?;
                        buffered.flush()
                    })?;
                }
                reports.push(report);
            }
            Err(error) => failures.push(Error::Bank(error)),
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    if args.format == CheckFormat::Json {
        let all: Vec<&Diagnostic> = reports
            .iter()
            .flat_map(|report| &report.diagnostics)
            .collect();
        crate::json::write_pretty(&mut *out, &all)?;
        writeln!(out)?;
    }
    for report in reports.iter().filter(|report| report.unusable) {
        failures.push(Error::NotJson {
            file: report.file.clone(),
        });
    }
    // Exit 2, with every failure shown.
    match failures.len() {
        0 => {}
        1 => return Err(failures.remove(0)),
        _ => return Err(Error::Several(failures)),
    }
    let failed = reports
        .iter()
        .any(|report| report.exit_code(deny_warnings) > 0);
    Ok(if failed {
        Outcome::Failed
    } else {
        Outcome::Success
    })
}

/// The source text `--source` names (UTF-8; a BOM is dropped).
fn read_source(path: &Path) -> Result<String, Error> {
    Ok(crate::input::read_text(
        path,
        crate::input::MAX_SOURCE_BYTES,
    )?)
}

/// Reads and checks one bank file; `Err` only when it cannot be read at all.
/// Invalid UTF-8 is reported as a syntax diagnostic (the file is unusable).
pub fn check_path(path: &Path, source: Option<&str>) -> Result<CheckedFile, BankError> {
    let file = path.display().to_string();
    // A bundled bank may be named by its id, as `run` and `read` accept.
    if !path.exists()
        && let Some((_, name, text)) = crate::bank::bundled::BUNDLED
            .iter()
            .find(|(id, _, _)| *id == file)
    {
        return Ok(check_text(&format!("bundled:{name}"), text, source));
    }
    let text = match crate::bank::load::read_bank_text(path) {
        Ok(text) => text,
        Err(BankError::Invalid {
            file,
            text,
            diagnostics,
        }) => {
            return Ok(CheckedFile {
                file,
                diagnostics,
                unusable: true,
                text,
            });
        }
        Err(error) => return Err(error),
    };
    let mut checked = check_borrowed(&file, &text, source);
    // Shared only now that the typed bank is gone: the two never take memory together.
    checked.text = text.into();
    Ok(checked)
}

/// Checks a bank's text; `file` names it in diagnostics.
pub fn check_text(file: &str, text: &str, source: Option<&str>) -> CheckedFile {
    let mut checked = check_borrowed(file, text, source);
    checked.text = text.into();
    checked
}

/// [`check_text`] without the copy of the text the report keeps.
fn check_borrowed(file: &str, text: &str, source: Option<&str>) -> CheckedFile {
    let without_bom = crate::input::strip_bom(text);
    let bom = text.len() - without_bom.len();
    let mut checked = check_without_bom(file, without_bom, source);
    for diagnostic in &mut checked.diagnostics {
        diagnostic.offset += bom;
    }
    checked
}

fn check_without_bom(file: &str, text: &str, source: Option<&str>) -> CheckedFile {
    let mut unusable = false;
    // Where the top-level values and items lie, when the scan of a bank that parsed found it.
    let mut layout = None;
    let findings: Vec<Finding> = match load::parse(file, text) {
        Ok(load::ParsedBank { bank, scan }) => {
            let mut findings = validate::validate(&bank);
            findings.extend(check::lint_parsed(
                &bank,
                Some(&scan.unsafe_strings),
                source,
            ));
            let mut findings = check::apply_allows(&bank, findings);
            findings.extend(check::review_notes(text, &scan.review_notes));
            layout = Some(scan.top_level);
            findings
        }
        Err(BankError::Invalid { diagnostics, .. }) => {
            let document: Option<serde_json::Value> = serde_json::from_str(text).ok();
            let is_type_error = diagnostics
                .iter()
                .all(|diagnostic| diagnostic.rule == RuleId::Schema);
            let mut findings = match &document {
                Some(document) if is_type_error => type_errors::type_findings(document),
                _ => Vec::new(),
            };
            if findings.is_empty() {
                // Syntax and format errors, or a type error the item-by-item pass missed.
                unusable = document.is_none();
                return finish(file, diagnostics, unusable);
            }
            if let Some(document) = &document {
                let others = checks_without_broken_items(document, &findings, source);
                findings.extend(others);
                findings.extend(check::review_notes(text, &scan::scan(text).review_notes));
            }
            findings
        }
        Err(other) => {
            let finding =
                Finding::error(RuleId::Syntax, spans::JsonPath::root(), other.to_string());
            unusable = true;
            vec![finding]
        }
    };
    let locator = match layout {
        Some(layout) => spans::Locator::with_top_level(text, layout),
        None => spans::Locator::new(text),
    };
    let diagnostics = findings
        .into_iter()
        .map(|finding| locate(finding, file, &locator))
        .collect();
    finish(file, diagnostics, unusable)
}

/// The finding's position: its value or key, or for `control-char` the
/// offending character inside the string.
fn locate(finding: Finding, file: &str, locator: &spans::Locator) -> Diagnostic {
    if finding.rule == RuleId::ControlChar {
        let start = locator.value(&finding.path);
        if let Some(offset) = check::forbidden_char_offset(locator.text(), start) {
            return finding.located_at(file, locator, offset);
        }
    }
    finding.locate(file, locator)
}

fn finish(file: &str, mut diagnostics: Vec<Diagnostic>, unusable: bool) -> CheckedFile {
    for diagnostic in &mut diagnostics {
        shorten_quoted_in_place(&mut diagnostic.message);
        if let Some(hint) = &mut diagnostic.hint {
            shorten_quoted_in_place(hint);
        }
    }
    diagnostics.sort_by_key(|diagnostic| (diagnostic.line, diagnostic.column));
    CheckedFile {
        file: file.to_string(),
        diagnostics,
        unusable,
        text: Arc::from(""),
    }
}

/// Longest `quoted` value shown whole in a message (huge ids are cut).
const QUOTED_LIMIT: usize = 60;

/// [`shorten_quoted`], leaving a message with nothing to cut as it is (no copy).
fn shorten_quoted_in_place(message: &mut String) {
    if memchr::memchr(b'`', message.as_bytes()).is_none() {
        return; // nothing quoted
    }
    let overlong = message
        .split('`')
        .skip(1)
        .step_by(2)
        .any(|part| part.len() > QUOTED_LIMIT && part.chars().count() > QUOTED_LIMIT);
    if overlong {
        *message = shorten_quoted(message);
    }
}

/// Cuts overlong `backticked` values in a message to [`QUOTED_LIMIT`] characters.
fn shorten_quoted(message: &str) -> String {
    let mut shortened = String::with_capacity(message.len().min(1024));
    for (index, part) in message.split('`').enumerate() {
        if index > 0 {
            shortened.push('`');
        }
        if index % 2 == 1 && part.chars().count() > QUOTED_LIMIT {
            shortened.extend(part.chars().take(QUOTED_LIMIT - 1));
            shortened.push('…');
        } else {
            shortened.push_str(part);
        }
    }
    shortened
}

fn print_human(
    out: &mut dyn Write,
    checked: &CheckedFile,
    deny_warnings: bool,
) -> std::io::Result<()> {
    for diagnostic in &checked.diagnostics {
        term::errors::diagnostic(out, diagnostic, &checked.text)?;
        writeln!(out)?;
    }
    let (errors, warnings, notes) = (
        checked.count(Severity::Error),
        checked.count(Severity::Warning),
        checked.count(Severity::Note),
    );
    let mut summary = format!("{}: ", term::clean(&checked.file));
    if checked.unusable {
        summary.push_str("not valid JSON; nothing else was checked");
    } else if errors + warnings + notes == 0 {
        summary.push_str("no problems found");
    } else {
        let mut parts = Vec::new();
        if errors > 0 {
            parts.push(crate::wording::plural(errors, "error", "errors"));
        }
        if warnings > 0 {
            parts.push(crate::wording::plural(warnings, "warning", "warnings"));
        }
        if notes > 0 {
            parts.push(crate::wording::plural(notes, "note", "notes"));
        }
        summary.push_str(&parts.join(", "));
        if errors == 0 && warnings > 0 && deny_warnings {
            summary.push_str(" (warnings denied)");
        }
    }
    writeln!(out, "{summary}")
}

/// Prints what a rule checks, why, how to fix it and how to allow it: its
/// section of `docs/check-rules.md`.
fn explain(out: &mut dyn Write, id: &str) -> Result<Outcome, Error> {
    let Some(rule) = RuleId::from_id(id.trim()) else {
        let ids: Vec<&str> = RuleId::ALL.iter().map(|rule| rule.as_str()).collect();
        let hint = match validate::closest(id.trim(), &ids) {
            Some(near) => format!("did you mean `{near}`? Rules: {}", ids.join(", ")),
            None => format!("rules: {}", ids.join(", ")),
        };
        return Err(Error::usage(
            format!("there is no rule `{}`", term::clean(id)),
            hint,
        ));
    };
    out.write_all(explanation(rule).as_bytes())?;
    Ok(Outcome::Success)
}

/// The text of `check --explain RULE`: the rule id, then its section of
/// `docs/check-rules.md` as plain text, wrapped at the screen width.
pub fn explanation(rule: RuleId) -> String {
    let section = rule_docs::section(rule.as_str()).unwrap_or_default();
    let width = term::render::width();
    format!("{rule}\n{}", rule_docs::to_plain_text(section, width))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const BUNDLED: &str = crate::bank::bundled::BUNDLED[0].2;

    /// Every diagnostic points inside `text`: an existing line, a column at
    /// most one past its end.
    fn assert_within(text: &str, checked: &CheckedFile) {
        let lines: Vec<&str> = text.split('\n').collect();
        for diagnostic in &checked.diagnostics {
            assert!(
                diagnostic.line >= 1 && diagnostic.line <= lines.len(),
                "{diagnostic:?} outside {} lines",
                lines.len()
            );
            let length = lines[diagnostic.line - 1].chars().count();
            assert!(
                diagnostic.column >= 1 && diagnostic.column <= length + 1,
                "{diagnostic:?} outside a line of {length}"
            );
            let mut rendered = Vec::new();
            term::errors::diagnostic(&mut rendered, diagnostic, &checked.text).expect("render");
        }
    }

    fn floor_boundary(text: &str, mut cut: usize) -> usize {
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        cut
    }

    #[test]
    fn the_bundled_bank_has_no_errors() {
        let report = check_text("bundled.json", BUNDLED, None);
        let errors: Vec<&Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }

    #[test]
    fn every_rule_explains_itself() {
        for &rule in RuleId::ALL {
            let text = explanation(rule);
            assert!(
                text.starts_with(rule.as_str()) && text.contains("How to allow it"),
                "{text}"
            );
        }
    }

    #[test]
    fn huge_quoted_values_are_cut() {
        let long = "x".repeat(500);
        let shortened = shorten_quoted(&format!("unknown claim `{long}` here"));
        assert!(shortened.chars().count() < 100, "{shortened}");
        assert!(shortened.ends_with("…` here"));
        for message in [
            format!("unknown claim `{long}` here"),
            format!("`{}` and `{long}`", "é".repeat(60)),
            format!("`{}` and `{}`", "é".repeat(60), "é".repeat(61)),
            "no quotes".to_string(),
            "an `unclosed quote".to_string(),
        ] {
            let mut in_place = message.clone();
            shorten_quoted_in_place(&mut in_place);
            assert_eq!(in_place, shorten_quoted(&message), "{message}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn truncated_banks_never_panic(cut in 0usize..BUNDLED.len()) {
            let text = &BUNDLED[..floor_boundary(BUNDLED, cut)];
            let report = check_text("t.json", text, None);
            assert_within(text, &report);
            let whole = text.trim_end().ends_with('}');
            prop_assert!(report.unusable || whole, "a truncated bank parsed");
        }

        #[test]
        fn mutated_banks_never_panic(edits in proptest::collection::vec((0usize..BUNDLED.len(), any::<u8>()), 1..6)) {
            let mut bytes = BUNDLED.as_bytes().to_vec();
            for (position, byte) in edits {
                bytes[position] = byte;
            }
            let dir = tempfile::tempdir().expect("temporary directory");
            let path = dir.path().join("m.json");
            std::fs::write(&path, &bytes).expect("write");
            let report = check_path(&path, Some("a source text")).expect("readable");
            let text = String::from_utf8_lossy(&bytes);
            assert_within(crate::input::strip_bom(&text), &report);
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let dir = tempfile::tempdir().expect("temporary directory");
            let path = dir.path().join("a.json");
            std::fs::write(&path, &bytes).expect("write");
            let report = check_path(&path, None).expect("readable");
            let text = String::from_utf8_lossy(&bytes);
            assert_within(crate::input::strip_bom(&text), &report);
        }

        #[test]
        fn arbitrary_json_never_panics(text in "[\\[\\]{}\",:0-9a-z \\n\\\\-]{0,200}") {
            let report = check_text("j.json", &text, None);
            assert_within(&text, &report);
        }
    }
}
