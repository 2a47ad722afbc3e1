//! Question banks: the format v1 data model, loading with `file:line:col`
//! positions, validation, canonical hashing, generators and the banks
//! bundled into the binary. Pure: no terminal, clock or randomness.

pub mod bundled;
pub mod canonical;
pub mod diagnostic;
pub mod generate;
pub mod giveaway;
pub mod load;
pub mod model;
mod question_de;
pub mod rule;
pub mod rule_docs;
pub mod scan;
pub mod schema;
pub mod spans;
pub mod text;
pub mod type_errors;
pub mod validate;

pub use diagnostic::{Diagnostic, Finding, Severity};
pub use load::{BankError, LoadedBank, load_file, load_str};
pub use model::*;
pub use rule::RuleId;
