//! What `list` shows of a bank, computed here so the screen only prints it:
//! how many questions are authored and generated, how many generated ones
//! gave way to authored ones, and for each quiz preset how many questions
//! match it and how many it asks. Pure.

use super::plan::{OptionOverrides, QuizOptions};
use crate::bank::{LoadedBank, QuizPreset, generate};

/// A bank's question counts and its presets.
#[derive(Debug, Clone, PartialEq)]
pub struct BankFigures<'a> {
    /// Questions a quiz can draw from (authored and generated).
    pub questions: usize,
    /// Questions written in the bank.
    pub authored: usize,
    /// Generated questions in use.
    pub generated: usize,
    /// Generated questions left out because an authored one asks the same.
    pub gave_way: usize,
    pub presets: Vec<PresetFigures<'a>>,
}

/// One quiz preset and how many questions it draws.
#[derive(Debug, Clone, PartialEq)]
pub struct PresetFigures<'a> {
    pub preset: &'a QuizPreset,
    /// Whether it is the bank's `default_quiz`.
    pub is_default: bool,
    /// Questions matching its tags and kinds.
    pub matching: usize,
    /// Questions it asks: its `count`, else every matching one.
    pub count: usize,
}

/// The figures of `loaded`.
pub fn bank_figures(loaded: &LoadedBank) -> BankFigures<'_> {
    let authored = loaded.bank.questions.len();
    let presets = loaded
        .bank
        .quizzes
        .iter()
        .map(|preset| {
            let options =
                QuizOptions::resolve(loaded, Some(&preset.id), &OptionOverrides::default());
            let matching = options.map_or(0, |options| {
                loaded
                    .questions()
                    .iter()
                    .filter(|question| options.matches(question))
                    .count()
            });
            PresetFigures {
                preset,
                is_default: loaded.bank.default_quiz.as_deref() == Some(preset.id.as_str()),
                matching,
                count: preset.count.unwrap_or(matching),
            }
        })
        .collect();
    BankFigures {
        questions: loaded.questions().len(),
        authored,
        generated: loaded.questions().len() - authored,
        gave_way: generate::gave_way(&loaded.bank).len(),
        presets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::load_str;

    const BANK: &str = include_str!("../../tests/fixtures/example-bank.json");

    #[test]
    fn counts_add_up() {
        let loaded = load_str("example.json", BANK).expect("the example bank");
        let figures = bank_figures(&loaded);
        assert_eq!(figures.authored, loaded.bank.questions.len());
        assert_eq!(figures.authored + figures.generated, figures.questions);
        assert_eq!(figures.presets.len(), loaded.bank.quizzes.len());
        for preset in &figures.presets {
            assert!(preset.matching <= figures.questions);
            assert_eq!(preset.count, preset.preset.count.unwrap_or(preset.matching));
        }
        let defaults = figures
            .presets
            .iter()
            .filter(|preset| preset.is_default)
            .count();
        assert_eq!(defaults, usize::from(loaded.bank.default_quiz.is_some()));
    }

    #[test]
    fn a_preset_without_tags_or_count_asks_every_question() {
        let loaded = load_str("example.json", BANK).expect("the example bank");
        let figures = bank_figures(&loaded);
        let exam = figures
            .presets
            .iter()
            .find(|preset| preset.preset.id == "exam")
            .expect("the exam preset");
        assert_eq!(exam.matching, figures.questions);
        assert_eq!(exam.count, figures.questions);
        assert!(!exam.is_default);
        let quick = &figures.presets[0];
        assert_eq!((quick.preset.id.as_str(), quick.count), ("quick", 5));
        assert!(quick.is_default);
        assert!(quick.matching < figures.questions, "its tags narrow it");
    }
}
