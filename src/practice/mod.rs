//! Self-paced practice: FSRS scheduling (pure, time passed in), the practice
//! queue and grade derivation (pure), the plan a session asks (pure),
//! progress figures (pure), the learner's
//! progress store (`SQLite`) and the saved quiz in progress (for `run --resume`).

pub mod fsrs;
pub mod in_progress;
pub mod plan;
pub mod progress;
pub mod queue;
pub mod store;
