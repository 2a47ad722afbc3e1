//! The id of every `crossexam check` rule and its severity: one table, from
//! which [`RuleId`]'s variants, its user-facing ids (part of the bank
//! contract: `lint_allow`, `check --explain`, the JSON output) and its
//! severities all come. It lives beside the loader because loading reports
//! findings under these ids too; the rules themselves are in `crate::check`.

use super::diagnostic::Severity;
use serde::{Serialize, Serializer};
use std::fmt;

macro_rules! rules {
    (
        check { $($variant:ident = $id:literal, $severity:ident;)* }
        import { $($import_variant:ident = $import_id:literal, $import_severity:ident;)* }
    ) => {
        /// A rule, by id: one of `check`'s or one of an importer's.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId {
            $($variant,)*
            $($import_variant,)*
        }

        impl RuleId {
            /// Every rule of `check`, errors first (each has a section in
            /// `docs/check-rules.md`, `check --explain` and `lint_allow` know it).
            pub const ALL: &[RuleId] = &[$(RuleId::$variant,)*];

            /// The rules of importers (e.g. `import --from gift`), documented
            /// with their format; never `check`'s.
            pub const IMPORT: &[RuleId] = &[$(RuleId::$import_variant,)*];

            /// The id as users write and read it, e.g. `unknown-ref`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id,)*
                    $(RuleId::$import_variant => $import_id,)*
                }
            }

            /// How serious a finding of this rule is.
            pub fn severity(self) -> Severity {
                match self {
                    $(RuleId::$variant => Severity::$severity,)*
                    $(RuleId::$import_variant => Severity::$import_severity,)*
                }
            }
        }
    };
}

rules! {
    check {
    Syntax = "syntax", Error;
    DuplicateKey = "duplicate-key", Error;
    Format = "format", Error;
    Schema = "schema", Error;
    DuplicateId = "duplicate-id", Error;
    UnknownRef = "unknown-ref", Error;
    SingleCorrect = "single-correct", Error;
    MultipleCorrect = "multiple-correct", Error;
    DuplicateChoice = "duplicate-choice", Error;
    EmptyText = "empty-text", Error;
    ControlChar = "control-char", Error;
    WordingNotInSource = "wording-not-in-source", Error;
    SupportWithoutEvidence = "support-without-evidence", Error;
    StaleGeneratedCopy = "stale-generated-copy", Error;
    BadCredit = "bad-credit", Error;
    ChoiceCount = "choice-count", Warning;
    AllNoneOfAbove = "all-none-of-above", Warning;
    LengthCue = "length-cue", Warning;
    NegativeStem = "negative-stem", Warning;
    AbsoluteDistractor = "absolute-distractor", Warning;
    MissingFeedback = "missing-feedback", Warning;
    MissingExplanation = "missing-explanation", Warning;
    PositionBias = "position-bias", Warning;
    CynicismBias = "cynicism-bias", Warning;
    ClaimCoverage = "claim-coverage", Warning;
    LoadedVerb = "loaded-verb", Warning;
    ClaimFragment = "claim-fragment", Warning;
    ReadingCopiesSource = "reading-copies-source", Warning;
    NamesAskedSpeaker = "names-asked-speaker", Warning;
    UnknownAllow = "unknown-allow", Warning;
    XReview = "x-review", Note;
    }
    import {
    GiftSyntax = "gift-syntax", Error;
    GiftUnsupported = "gift-unsupported", Warning;
    GiftUnusable = "gift-unusable", Warning;
    GiftLossy = "gift-lossy", Warning;
    GiftNoClaims = "gift-no-claims", Note;
    }
}

impl RuleId {
    /// The `check` rule with this id.
    pub fn from_id(id: &str) -> Option<RuleId> {
        RuleId::ALL.iter().copied().find(|rule| rule.as_str() == id)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_round_trip() {
        let every: Vec<RuleId> = RuleId::ALL.iter().chain(RuleId::IMPORT).copied().collect();
        for (index, rule) in every.iter().enumerate() {
            assert!(
                every[..index]
                    .iter()
                    .all(|other| other.as_str() != rule.as_str()),
                "{rule} twice"
            );
            assert_eq!(
                serde_json::to_value(rule).expect("JSON"),
                serde_json::Value::String(rule.to_string())
            );
        }
        for rule in RuleId::ALL {
            assert_eq!(RuleId::from_id(rule.as_str()), Some(*rule));
        }
        assert_eq!(RuleId::from_id("no-such-rule"), None);
        assert_eq!(RuleId::from_id("gift-syntax"), None, "not a check rule");
    }

    #[test]
    fn errors_come_first_then_warnings_then_notes() {
        let severities: Vec<Severity> = RuleId::ALL.iter().map(|rule| rule.severity()).collect();
        assert!(severities.is_sorted_by(|a, b| a >= b), "{severities:?}");
    }
}
