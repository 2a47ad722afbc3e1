//! Quizzes: seeded selection and shuffling, the answer grammar, grading and
//! the session state machine. Pure: no printing, no stdin, no clock (time is
//! passed in).

pub mod answer;
pub mod grade;
pub mod plan;
pub mod presets;
pub mod rng;
pub mod session;
