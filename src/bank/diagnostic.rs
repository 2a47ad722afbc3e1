//! Problems found in a bank file: what, where (a JSON path turned into
//! `file:line:col`), a rule id, and a hint. Shared by the loader and `check`.

use super::spans::{self, JsonPath, LineCol};
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
    pub rule: &'static str,
    pub path: JsonPath,
    /// Point at this key of the object at `path` rather than at its value.
    pub key: Option<String>,
    pub message: String,
    pub hint: Option<String>,
}

impl Finding {
    pub fn error(rule: &'static str, path: JsonPath, message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Error,
            rule,
            path,
            key: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(rule: &'static str, path: JsonPath, message: impl Into<String>) -> Self {
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

    #[must_use]
    pub fn at_key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// Gives the finding its position in `text`, which came from `file`.
    pub fn locate(self, file: &str, text: &str) -> Diagnostic {
        let offset = match &self.key {
            Some(key) => spans::locate_key(text, &self.path, key),
            None => spans::locate_value(text, &self.path),
        };
        Diagnostic::at_offset(self, file, text, offset)
    }
}

/// A finding with its file, line and column, ready to print.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub rule: &'static str,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
    /// The JSON path the finding is about (not part of the JSON output).
    #[serde(skip)]
    pub path: String,
    /// The text of the offending line (not part of the JSON output).
    #[serde(skip)]
    pub source_line: String,
}

impl Diagnostic {
    pub fn at_offset(finding: Finding, file: &str, text: &str, offset: usize) -> Self {
        let LineCol { line, column } = spans::line_col(text, offset);
        let source_line = text
            .lines()
            .nth(line - 1)
            .unwrap_or("")
            .trim_end_matches('\r')
            .to_string();
        Diagnostic {
            severity: finding.severity,
            rule: finding.rule,
            file: file.to_string(),
            line,
            column,
            message: finding.message,
            hint: finding.hint,
            path: finding.path.to_string(),
            source_line,
        }
    }
}
