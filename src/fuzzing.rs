//! The properties the fuzz targets in `fuzz/` check, as plain functions:
//! cargo-fuzz calls them with generated inputs, and the unit test below
//! replays the committed corpus (`tests/fixtures/fuzz/TARGET/`) on stable,
//! so what fuzzing once found stays found. Each panics on a violation.

use crate::author::draft as bank_draft;
use crate::bank::{self, Severity, bundled};
use crate::commands::check;
use crate::quiz::answer::{self, ConfidenceRule};
use crate::quiz::plan::{OptionOverrides, QuizOptions, QuizPlan};
use crate::quiz::session::Session;
use std::sync::OnceLock;

/// The loader types a bank straight from its text and builds a JSON tree
/// only when that fails: both ways must give the same bank or the same
/// diagnostics.
fn typed_and_tree_parses_agree(text: &str) {
    use crate::bank::load::{self, BankError};
    let scan = crate::bank::scan::scan(text);
    match (
        load::parse("f.json", text),
        load::parse_tree("f.json", text, scan),
    ) {
        (Ok(direct), Ok(tree)) => assert_eq!(direct.bank, tree.bank),
        (
            Err(BankError::Invalid { diagnostics, .. }),
            Err(BankError::Invalid {
                diagnostics: tree, ..
            }),
        ) => assert_eq!(diagnostics, tree),
        (direct, tree) => panic!(
            "typed directly: {:?}; through a tree: {:?}",
            direct.map(|parsed| parsed.bank.id),
            tree.map(|parsed| parsed.bank.id)
        ),
    }
}

/// `check` and the loader on arbitrary bytes: no panic; every diagnostic
/// inside the text and printable; a bank the loader refuses has an error in
/// `check`; a loaded bank plans, prints its plan and hashes.
pub fn bank_check(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    typed_and_tree_parses_agree(text.strip_prefix('\u{feff}').unwrap_or(&text));
    let report = check::check_text(
        "fuzz.json",
        &text,
        Some("a source text, \u{201c}quoted\u{201d}"),
    );
    for diagnostic in &report.diagnostics {
        assert!(diagnostic.offset <= report.text.len(), "{diagnostic:?}");
        let mut rendered = Vec::new();
        crate::term::errors::diagnostic(&mut rendered, diagnostic, &report.text).expect("render");
    }
    match bank::load_str("fuzz.json", &text) {
        Ok(loaded) => {
            assert!(!report.unusable, "check calls a loadable bank unusable");
            let document: serde_json::Value =
                serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(&text))
                    .expect("a loadable bank is JSON");
            assert_eq!(
                loaded.hash,
                crate::bank::canonical::sha256_of(&document),
                "the hash from the text differs from the hash of the tree"
            );
            let options = QuizOptions::resolve(&loaded, None, &OptionOverrides::default());
            if let Ok(options) = options
                && let Ok(plan) = QuizPlan::new(&loaded, options, 1)
            {
                let mut json = Vec::new();
                crate::json::write_pretty(&mut json, &plan.document()).expect("plan JSON");
            }
        }
        Err(error) => {
            assert!(
                report
                    .diagnostics
                    .iter()
                    .any(|diagnostic| diagnostic.severity == Severity::Error),
                "the loader refuses a bank `check` finds no error in: {error}"
            );
            let mut rendered = Vec::new();
            crate::term::errors::render(&mut rendered, &crate::Error::Bank(error)).expect("render");
        }
    }
}

fn exam() -> &'static (bank::LoadedBank, QuizPlan) {
    static EXAM: OnceLock<(bank::LoadedBank, QuizPlan)> = OnceLock::new();
    EXAM.get_or_init(|| {
        let loaded = bundled::load(bundled::DEFAULT_BANK).expect("bundled bank");
        let options = QuizOptions::resolve(&loaded, Some("exam"), &OptionOverrides::default())
            .expect("exam preset");
        let plan = QuizPlan::new(&loaded, options, 1).expect("plan");
        (loaded, plan)
    })
}

/// One answer line given to every question of the bundled exam, under each
/// confidence rule, then scored: no panic, a finite score within the points
/// on offer.
pub fn answer_line(bytes: &[u8]) {
    let line = String::from_utf8_lossy(bytes);
    let (loaded, plan) = exam();
    for planned in &plan.questions {
        for rule in [
            ConfidenceRule::Off,
            ConfidenceRule::Required,
            ConfidenceRule::Optional,
        ] {
            let _ = answer::parse_line(&line, planned, rule);
        }
    }
    let now: jiff::Timestamp = "2026-11-25T09:00:00Z".parse().expect("time");
    let mut session = Session::new(plan.clone(), now);
    for _ in &plan.questions {
        session.submit(&loaded.bank, &line, now);
    }
    let score = session.score();
    assert!(
        score.is_finite() && score.abs() <= plan.max_score() + 1e-9,
        "{score}"
    );
}

/// `draft` on arbitrary text: the draft is a bank that loads.
pub fn draft(bytes: &[u8]) {
    let Ok(report) = std::str::from_utf8(bytes) else {
        return;
    };
    let document = bank_draft::draft(
        report,
        &bank_draft::DraftOptions {
            id: "fuzz",
            title: "Draft: fuzz",
            source_name: "fuzz.txt",
        },
    );
    let text = serde_json::to_string_pretty(&document).expect("draft JSON");
    if let Err(error) = bank::load_str("draft", &text) {
        panic!("a draft does not load: {error:?}");
    }
}

/// The GIFT importer on arbitrary text: no panic; every diagnostic points
/// inside the text and renders; an imported bank loads as it is written.
pub fn gift_import(bytes: &[u8]) {
    use crate::formats::{ImportError, Importer};
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let render = |diagnostics: &[bank::Diagnostic]| {
        for diagnostic in diagnostics {
            assert!(diagnostic.offset <= text.len(), "{diagnostic:?}");
            let mut rendered = Vec::new();
            crate::term::errors::diagnostic(&mut rendered, diagnostic, text).expect("render");
        }
    };
    match crate::formats::gift::GiftImporter.import("fuzz.gift", text, "fuzz") {
        Ok(imported) => {
            render(&imported.findings);
            let json = serde_json::to_string_pretty(&imported.bank).expect("bank JSON");
            if let Err(error) = bank::load_str("fuzz.json", &json) {
                panic!("an imported bank does not load: {error:?}");
            }
        }
        Err(ImportError::Invalid { diagnostics, .. }) => {
            assert!(!diagnostics.is_empty(), "refused without a reason");
            render(&diagnostics);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Replays `tests/fixtures/fuzz/TARGET/*` through `property`.
    fn replay(target: &str, property: fn(&[u8])) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/fuzz")
            .join(target);
        let mut count = 0;
        for entry in std::fs::read_dir(&dir).expect("corpus directory") {
            let path = entry.expect("entry").path();
            let bytes = std::fs::read(&path).expect("corpus file");
            property(&bytes);
            count += 1;
        }
        assert!(count > 0, "no corpus in {}", dir.display());
    }

    #[test]
    fn the_bank_check_corpus_replays() {
        replay("bank_check", super::bank_check);
    }

    #[test]
    fn the_answer_line_corpus_replays() {
        replay("answer_line", super::answer_line);
    }

    #[test]
    fn the_draft_corpus_replays() {
        replay("draft", super::draft);
    }

    #[test]
    fn the_gift_import_corpus_replays() {
        replay("gift_import", super::gift_import);
    }
}
