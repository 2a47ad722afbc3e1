//! Moodle XML (`<quiz>` of `<question type=…>`), the format Moodle's
//! question bank imports with every setting: points as the default mark,
//! partial credit as fractions in percent, per-answer and general
//! feedback, tags, and ordering through Moodle's `ordering` question type
//! graded by the longest ordered subset, as crossexam grades it.

use super::xml::XmlWriter;
use super::{Exported, Exporter, choice_credits, decimal, exact, match_rights, short_answers};
use crate::bank::{Bank, LoadedBank, Question, QuestionBody};

/// The Moodle XML exporter.
pub struct MoodleXml;

/// Plain text in every text field (Moodle shows it as written).
const FORMAT: (&str, &str) = ("format", "plain_text");

impl Exporter for MoodleXml {
    fn name(&self) -> &'static str {
        "moodle-xml"
    }

    fn export(&self, loaded: &LoadedBank) -> Exported {
        let bank = &loaded.bank;
        let mut xml = XmlWriter::new(loaded.questions().len() * 1024);
        xml.open("quiz", &[]);
        xml.open("question", &[("type", "category")]);
        xml.open("category", &[]);
        xml.text_element(
            "text",
            &[],
            &format!("$course$/top/{}", bank.title.replace('/', "//")),
        );
        xml.close("category");
        xml.close("question");
        for question in loaded.questions() {
            write_question(&mut xml, bank, question);
        }
        xml.close("quiz");
        Exported {
            bytes: xml.finish(),
            skipped: Vec::new(),
        }
    }
}

fn moodle_type(body: &QuestionBody) -> &'static str {
    match body {
        QuestionBody::Single { .. } | QuestionBody::Multiple { .. } => "multichoice",
        QuestionBody::TrueFalse { .. } => "truefalse",
        QuestionBody::Short { .. } => "shortanswer",
        QuestionBody::Numeric { .. } => "numerical",
        QuestionBody::Match { .. } => "matching",
        QuestionBody::Order { .. } => "ordering",
    }
}

/// `<name><text>…</text></name>`, or with a format attribute.
fn text_field(xml: &mut XmlWriter, name: &str, text: &str, formatted: bool) {
    xml.open(name, if formatted { &[FORMAT] } else { &[] });
    xml.text_element("text", &[], text);
    xml.close(name);
}

fn answer(xml: &mut XmlWriter, credit: f64, text: &str, feedback: Option<&str>) {
    let fraction = decimal(credit * 100.0);
    xml.open("answer", &[("fraction", &fraction), FORMAT]);
    xml.text_element("text", &[], text);
    text_field(xml, "feedback", feedback.unwrap_or(""), true);
    xml.close("answer");
}

fn write_question(xml: &mut XmlWriter, bank: &Bank, question: &Question) {
    let common = &question.common;
    xml.open("question", &[("type", moodle_type(&question.body))]);
    text_field(xml, "name", question.id(), false);
    text_field(xml, "questiontext", &common.prompt, true);
    text_field(
        xml,
        "generalfeedback",
        common.explanation.as_deref().unwrap_or(""),
        true,
    );
    xml.text_element("defaultgrade", &[], &exact(question.points()));
    xml.text_element("penalty", &[], "0");
    xml.text_element("hidden", &[], "0");
    xml.text_element("idnumber", &[], question.id());
    match &question.body {
        QuestionBody::Single { choices } | QuestionBody::Multiple { choices } => {
            let single = matches!(question.body, QuestionBody::Single { .. });
            xml.text_element("single", &[], if single { "true" } else { "false" });
            xml.text_element(
                "shuffleanswers",
                &[],
                if question.shuffles_choices() {
                    "true"
                } else {
                    "false"
                },
            );
            xml.text_element("answernumbering", &[], "abc");
            let credits = choice_credits(question);
            for (choice, credit) in choices.iter().zip(credits) {
                answer(xml, credit, &choice.text, choice.feedback.as_deref());
            }
        }
        QuestionBody::TrueFalse {
            answer: truth,
            feedback_true,
            feedback_false,
        } => {
            let (credit_true, credit_false) = if *truth { (1.0, 0.0) } else { (0.0, 1.0) };
            answer(xml, credit_true, "true", feedback_true.as_deref());
            answer(xml, credit_false, "false", feedback_false.as_deref());
        }
        QuestionBody::Short { .. } => {
            xml.text_element("usecase", &[], "0");
            for accepted in short_answers(bank, question) {
                answer(
                    xml,
                    accepted.credit.unwrap_or(1.0),
                    &accepted.text,
                    accepted.feedback.as_deref(),
                );
            }
        }
        QuestionBody::Numeric {
            answer: value,
            tolerance,
            ranges,
            unit,
        } => {
            numeric_answer(xml, 1.0, *value, tolerance.unwrap_or(0.0), None);
            for range in ranges {
                numeric_answer(
                    xml,
                    range.credit.unwrap_or(0.0),
                    f64::midpoint(range.min, range.max),
                    (range.max - range.min) / 2.0,
                    range.feedback.as_deref(),
                );
            }
            if let Some(unit) = unit {
                xml.open("units", &[]);
                xml.open("unit", &[]);
                xml.text_element("multiplier", &[], "1");
                xml.text_element("unit_name", &[], unit);
                xml.close("unit");
                xml.close("units");
                // Units optional: a bare number is accepted as crossexam accepts it.
                xml.text_element("unitgradingtype", &[], "0");
                xml.text_element("unitsleft", &[], "0");
                xml.text_element("showunits", &[], "2");
            }
        }
        QuestionBody::Match { pairs, .. } => {
            xml.text_element("shuffleanswers", &[], "true");
            for pair in pairs {
                xml.open("subquestion", &[FORMAT]);
                xml.text_element("text", &[], &pair.left);
                xml.open("answer", &[]);
                xml.text_element("text", &[], &pair.right);
                xml.close("answer");
                xml.close("subquestion");
            }
            // Rights no left needs are distractors: subquestions without text.
            let used: Vec<&str> = pairs.iter().map(|pair| pair.right.as_str()).collect();
            for right in match_rights(question) {
                if !used.contains(&right.as_str()) {
                    xml.open("subquestion", &[FORMAT]);
                    xml.text_element("text", &[], "");
                    xml.open("answer", &[]);
                    xml.text_element("text", &[], &right);
                    xml.close("answer");
                    xml.close("subquestion");
                }
            }
        }
        QuestionBody::Order { items } => {
            xml.text_element("layouttype", &[], "VERTICAL");
            xml.text_element("selecttype", &[], "ALL");
            xml.text_element("selectcount", &[], "0");
            xml.text_element("gradingtype", &[], "LONGEST_ORDERED_SUBSET");
            xml.text_element("showgrading", &[], "SHOW");
            xml.text_element("numberingstyle", &[], "none");
            for (position, item) in items.iter().enumerate() {
                let fraction = (position + 1).to_string();
                xml.open("answer", &[("fraction", &fraction), FORMAT]);
                xml.text_element("text", &[], item);
                xml.close("answer");
            }
        }
    }
    if !common.tags.is_empty() {
        xml.open("tags", &[]);
        for tag in &common.tags {
            xml.open("tag", &[]);
            xml.text_element("text", &[], tag);
            xml.close("tag");
        }
        xml.close("tags");
    }
    xml.close("question");
}

fn numeric_answer(
    xml: &mut XmlWriter,
    credit: f64,
    value: f64,
    tolerance: f64,
    feedback: Option<&str>,
) {
    let fraction = decimal(credit * 100.0);
    xml.open("answer", &[("fraction", &fraction), FORMAT]);
    xml.text_element("text", &[], &exact(value));
    text_field(xml, "feedback", feedback.unwrap_or(""), true);
    xml.text_element("tolerance", &[], &exact(tolerance));
    xml.close("answer");
}
