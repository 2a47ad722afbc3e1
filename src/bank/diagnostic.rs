//! Problems found in a bank file: what, where (a JSON path turned into
//! `file:line:col`), a rule id, and a hint. Shared by the loader and `check`.

use super::rule::RuleId;
use super::spans::{self, JsonPath, LineCol, Locator};
use serde::Serialize;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// A problem found at a JSON path, before it is given a line and column.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub rule: RuleId,
    pub path: JsonPath,
    /// Point at this key of the object at `path` rather than at its value.
    pub key: Option<String>,
    pub message: String,
    pub hint: Option<String>,
    /// The id the finding is about, when it names one the bank lacks (an
    /// `unknown-ref`'s target): typed, so callers never read it out of the message.
    pub unknown_id: Option<Box<str>>,
}

impl Finding {
    pub fn error(rule: RuleId, path: JsonPath, message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Error,
            rule,
            path,
            key: None,
            message: message.into(),
            hint: None,
            unknown_id: None,
        }
    }

    pub fn warning(rule: RuleId, path: JsonPath, message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(rule, path, message)
        }
    }

    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Records the unknown id the finding is about.
    #[must_use]
    pub fn unknown_id(mut self, id: &str) -> Self {
        self.unknown_id = Some(id.into());
        self
    }

    #[must_use]
    pub fn at_key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// Gives the finding its position in the locator's text, which came from `file`.
    pub fn locate(self, file: &str, locator: &Locator) -> Diagnostic {
        let offset = match &self.key {
            Some(key) => locator.key(&self.path, key),
            None => locator.value(&self.path),
        };
        self.located_at(file, locator, offset)
    }

    /// Gives the finding the position `offset` in the locator's text.
    pub fn located_at(self, file: &str, locator: &Locator, offset: usize) -> Diagnostic {
        let offset = spans::floor_char_boundary(locator.text(), offset);
        Diagnostic::located(self, file, offset, locator.line_col(offset))
    }
}

/// A finding with its file, line and column, ready to print.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub rule: RuleId,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
    /// The byte offset in the file's text (not part of the JSON output);
    /// the renderer shows the line around it from the text itself.
    #[serde(skip)]
    pub offset: usize,
}

impl Diagnostic {
    /// A finding at `offset` in `text` (one scan of the text: for a single
    /// diagnostic; many go through a [`Locator`]).
    pub fn at_offset(finding: Finding, file: &str, text: &str, offset: usize) -> Self {
        let offset = spans::floor_char_boundary(text, offset);
        Diagnostic::located(finding, file, offset, spans::line_col(text, offset))
    }

    /// A finding at `offset`, whose line and column the caller already knows
    /// (from a [`spans::LineIndex`] built once for many findings).
    pub fn located(finding: Finding, file: &str, offset: usize, position: LineCol) -> Self {
        let LineCol { line, column } = position;
        Diagnostic {
            severity: finding.severity,
            rule: finding.rule,
            file: file.to_string(),
            line,
            column,
            message: finding.message,
            hint: finding.hint,
            offset,
        }
    }
}
