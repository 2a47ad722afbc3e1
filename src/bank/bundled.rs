//! Banks compiled into the binary, so `crossexam` works from any directory.

use super::load::{BankError, LoadedBank, load_str};

/// The id of the bank asked when no bank is named.
pub const DEFAULT_BANK: &str = "asif-cnn-interview";

/// `(id, file name, text)` of every bundled bank.
pub const BUNDLED: &[(&str, &str, &str)] = &[(
    DEFAULT_BANK,
    "quizzes/asif-cnn-interview.json",
    include_str!("../../quizzes/asif-cnn-interview.json"),
)];

/// Loads a bundled bank by id.
pub fn load(id: &str) -> Result<LoadedBank, BankError> {
    let Some((_, file, text)) = BUNDLED.iter().find(|(bundled_id, _, _)| *bundled_id == id) else {
        return Err(BankError::UnknownBundled {
            name: id.to_string(),
            available: BUNDLED
                .iter()
                .map(|(bundled_id, _, _)| (*bundled_id).to_string())
                .collect(),
        });
    };
    load_str(&format!("bundled:{file}"), text)
}
