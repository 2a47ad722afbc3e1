//! Self-paced practice: FSRS scheduling (pure, time passed in).

pub mod fsrs;
