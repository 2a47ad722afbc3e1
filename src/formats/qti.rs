//! IMS QTI 2.1 content packages (Canvas, Blackboard, Brightspace, TAO and
//! others import them): a zip with `imsmanifest.xml`, one
//! `assessmentItem` per question and one `assessmentTest` per quiz preset
//! (or one of every question when the bank has none).
//!
//! Response processing reproduces crossexam's scoring where QTI can say it:
//! `SCORE` is points × credit, clamped to 0..points by the mapping bounds;
//! per-choice and per-answer feedback and the explanation are modal
//! feedback. Where QTI cannot (see docs/lms.md): short answers are compared
//! case-insensitively only (no accent, punctuation or fuzzy matching);
//! ordering is all-or-nothing; numeric answers take no unit and no decimal
//! comma; confidence-based marking has no QTI form.

use super::xml::XmlWriter;
use super::{Exported, Exporter, choice_credits, exact, match_rights, short_answers};
use crate::bank::{Bank, LoadedBank, Question, QuestionBody};
use crate::quiz::plan::{OptionOverrides, QuizOptions};
use std::io::Write as _;

/// The QTI 2.1 package exporter.
pub struct Qti;

const QTI_NS: &str = "http://www.imsglobal.org/xsd/imsqti_v2p1";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
const QTI_SCHEMA: &str = "http://www.imsglobal.org/xsd/imsqti_v2p1 http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1p2.xsd";
const CP_NS: &str = "http://www.imsglobal.org/xsd/imscp_v1p1";
const CP_SCHEMA: &str = "http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd";

/// The identifier of the explanation's modal feedback.
const EXPLANATION: &str = "EXPLANATION";

impl Exporter for Qti {
    fn name(&self) -> &'static str {
        "qti"
    }

    fn export(&self, loaded: &LoadedBank) -> Exported {
        Exported {
            bytes: zip_files(&package_files(loaded)),
            skipped: Vec::new(),
        }
    }
}

/// The package's files (path, bytes), manifest first.
pub fn package_files(loaded: &LoadedBank) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::with_capacity(loaded.questions().len() + 4);
    let mut items = Vec::with_capacity(loaded.questions().len());
    for question in loaded.questions() {
        let identifier = item_identifier(question);
        let path = format!("items/{identifier}.xml");
        items.push((identifier, path.clone(), question));
        files.push((path, item(&loaded.bank, question)));
    }
    let mut tests = Vec::new();
    for (identifier, title, options) in test_plans(loaded) {
        let chosen: Vec<&(String, String, &Question)> = items
            .iter()
            .filter(|(_, _, question)| options.as_ref().is_none_or(|(o, _)| o.matches(question)))
            .collect();
        let path = format!("tests/{identifier}.xml");
        files.push((
            path.clone(),
            test(&identifier, &title, options.as_ref(), &chosen),
        ));
        tests.push((
            identifier,
            path,
            chosen
                .iter()
                .map(|(id, _, _)| id.clone())
                .collect::<Vec<_>>(),
        ));
    }
    let manifest = manifest(&loaded.bank, &tests, &items);
    files.insert(0, ("imsmanifest.xml".to_string(), manifest));
    files
}

/// One test per preset, or one of every question when there is none.
#[allow(clippy::type_complexity)]
fn test_plans(loaded: &LoadedBank) -> Vec<(String, String, Option<(QuizOptions, Option<usize>)>)> {
    if loaded.bank.quizzes.is_empty() {
        return vec![(
            format!("test-{}", loaded.bank.id),
            loaded.bank.title.clone(),
            None,
        )];
    }
    loaded
        .bank
        .quizzes
        .iter()
        .filter_map(|preset| {
            let options =
                QuizOptions::resolve(loaded, Some(&preset.id), &OptionOverrides::default()).ok()?;
            Some((
                format!("test-{}", preset.id),
                preset.title.clone(),
                Some((options, preset.count)),
            ))
        })
        .collect()
}

fn zip_files(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // A fixed time: the same bank gives the same package.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        // Fast deflate: many small XML files; level 1 keeps export fast.
        .compression_level(Some(1))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for (path, bytes) in files {
        // Writing to memory cannot fail but for sizes a zip cannot hold.
        if zip.start_file(path.as_str(), options).is_ok() {
            let _ = zip.write_all(bytes);
        }
    }
    zip.finish()
        .map(std::io::Cursor::into_inner)
        .unwrap_or_default()
}

/// `item-<id>`: an XML name (a slug may start with a digit).
fn item_identifier(question: &Question) -> String {
    format!("item-{}", question.id())
}

fn float_value(xml: &mut XmlWriter, value: f64) {
    xml.text_element("baseValue", &[("baseType", "float")], &exact(value));
}

fn set_score(xml: &mut XmlWriter, score: f64) {
    xml.open("setOutcomeValue", &[("identifier", "SCORE")]);
    float_value(xml, score);
    xml.close("setOutcomeValue");
}

/// `FEEDBACK` = the listed identifiers plus the explanation.
fn set_feedback(xml: &mut XmlWriter, identifiers: &[&str], with_response: bool) {
    xml.open("setOutcomeValue", &[("identifier", "FEEDBACK")]);
    xml.open("multiple", &[]);
    if with_response {
        xml.empty("variable", &[("identifier", "RESPONSE")]);
    }
    for identifier in identifiers.iter().chain([&EXPLANATION]) {
        xml.text_element("baseValue", &[("baseType", "identifier")], identifier);
    }
    xml.close("multiple");
    xml.close("setOutcomeValue");
}

fn paragraphs(xml: &mut XmlWriter, text: &str) {
    for line in text.lines() {
        xml.text_element("p", &[], line);
    }
}

/// A mapping from keys to points, clamped to 0..points.
fn mapping(xml: &mut XmlWriter, points: f64, entries: &[(String, f64)], case_sensitive: bool) {
    let upper = exact(points);
    xml.open(
        "mapping",
        &[
            ("lowerBound", "0"),
            ("upperBound", &upper),
            ("defaultValue", "0"),
        ],
    );
    for (key, value) in entries {
        let mapped = exact(*value);
        xml.empty(
            "mapEntry",
            &[
                ("mapKey", key),
                ("mappedValue", &mapped),
                (
                    "caseSensitive",
                    if case_sensitive { "true" } else { "false" },
                ),
            ],
        );
    }
    xml.close("mapping");
}

/// `SCORE` = the mapped response (0 when unanswered), `FEEDBACK` = the
/// chosen choices' feedback and the explanation.
fn map_response_processing(xml: &mut XmlWriter, feedback_from_response: bool) {
    xml.open("responseProcessing", &[]);
    score_from_mapping(xml);
    set_feedback(xml, &[], feedback_from_response);
    xml.close("responseProcessing");
}

/// `SCORE` = the mapped response, 0 when unanswered.
fn score_from_mapping(xml: &mut XmlWriter) {
    xml.open("responseCondition", &[]);
    xml.open("responseIf", &[]);
    xml.open("isNull", &[]);
    xml.empty("variable", &[("identifier", "RESPONSE")]);
    xml.close("isNull");
    set_score(xml, 0.0);
    xml.close("responseIf");
    xml.open("responseElse", &[]);
    xml.open("setOutcomeValue", &[("identifier", "SCORE")]);
    xml.empty("mapResponse", &[("identifier", "RESPONSE")]);
    xml.close("setOutcomeValue");
    xml.close("responseElse");
    xml.close("responseCondition");
}

/// The prompt, then a text box (and the unit after it).
fn text_entry_body(xml: &mut XmlWriter, prompt: &str, length: &str, unit: Option<&str>) {
    xml.open("itemBody", &[]);
    paragraphs(xml, prompt);
    xml.open("p", &[]);
    xml.empty(
        "textEntryInteraction",
        &[
            ("responseIdentifier", "RESPONSE"),
            ("expectedLength", length),
        ],
    );
    if let Some(unit) = unit {
        xml.text(&format!(" {unit}"));
    }
    xml.close("p");
    xml.close("itemBody");
}

fn item(bank: &Bank, question: &Question) -> Vec<u8> {
    let points = question.points();
    let identifier = item_identifier(question);
    let mut xml = XmlWriter::new(2048);
    xml.open(
        "assessmentItem",
        &[
            ("xmlns", QTI_NS),
            ("xmlns:xsi", XSI_NS),
            ("xsi:schemaLocation", QTI_SCHEMA),
            ("identifier", &identifier),
            ("title", question.id()),
            ("adaptive", "false"),
            ("timeDependent", "false"),
        ],
    );
    // Feedback shown per choice (identifier, text).
    let mut feedback: Vec<(String, String)> = Vec::new();
    let shuffle = if question.shuffles_choices() {
        "true"
    } else {
        "false"
    };
    match &question.body {
        QuestionBody::Single { choices } | QuestionBody::Multiple { choices } => {
            let single = matches!(question.body, QuestionBody::Single { .. });
            let cardinality = if single { "single" } else { "multiple" };
            let ids: Vec<String> = (1..=choices.len()).map(|n| format!("c{n}")).collect();
            let credits = choice_credits(question);
            declare_response(&mut xml, cardinality, "identifier");
            xml.open("correctResponse", &[]);
            for (id, choice) in ids.iter().zip(choices) {
                if choice.correct {
                    xml.text_element("value", &[], id);
                }
            }
            xml.close("correctResponse");
            let entries: Vec<(String, f64)> = ids
                .iter()
                .zip(&credits)
                .map(|(id, credit)| (id.clone(), credit * points))
                .collect();
            mapping(&mut xml, points, &entries, true);
            xml.close("responseDeclaration");
            declare_outcomes(&mut xml, points);
            xml.open("itemBody", &[]);
            let max = if single { "1" } else { "0" };
            xml.open(
                "choiceInteraction",
                &[
                    ("responseIdentifier", "RESPONSE"),
                    ("shuffle", shuffle),
                    ("maxChoices", max),
                ],
            );
            xml.text_element("prompt", &[], &question.common.prompt);
            for (id, choice) in ids.iter().zip(choices) {
                xml.text_element("simpleChoice", &[("identifier", id)], &choice.text);
                if let Some(text) = &choice.feedback {
                    feedback.push((id.clone(), text.clone()));
                }
            }
            xml.close("choiceInteraction");
            xml.close("itemBody");
            map_response_processing(&mut xml, true);
        }
        QuestionBody::TrueFalse {
            answer,
            feedback_true,
            feedback_false,
        } => {
            declare_response(&mut xml, "single", "identifier");
            xml.open("correctResponse", &[]);
            xml.text_element("value", &[], if *answer { "true" } else { "false" });
            xml.close("correctResponse");
            let right = if *answer { "true" } else { "false" };
            mapping(&mut xml, points, &[(right.to_string(), points)], true);
            xml.close("responseDeclaration");
            declare_outcomes(&mut xml, points);
            xml.open("itemBody", &[]);
            xml.open(
                "choiceInteraction",
                &[
                    ("responseIdentifier", "RESPONSE"),
                    ("shuffle", "false"),
                    ("maxChoices", "1"),
                ],
            );
            xml.text_element("prompt", &[], &question.common.prompt);
            xml.text_element("simpleChoice", &[("identifier", "true")], "True");
            xml.text_element("simpleChoice", &[("identifier", "false")], "False");
            xml.close("choiceInteraction");
            xml.close("itemBody");
            for (id, text) in [("true", feedback_true), ("false", feedback_false)] {
                if let Some(text) = text {
                    feedback.push((id.to_string(), text.clone()));
                }
            }
            map_response_processing(&mut xml, true);
        }
        QuestionBody::Short { .. } => {
            let answers = short_answers(bank, question);
            declare_response(&mut xml, "single", "string");
            if let Some(best) = answers
                .iter()
                .rev()
                .max_by(|a, b| a.credit.unwrap_or(1.0).total_cmp(&b.credit.unwrap_or(1.0)))
            {
                xml.open("correctResponse", &[]);
                xml.text_element("value", &[], &best.text);
                xml.close("correctResponse");
            }
            let entries: Vec<(String, f64)> = answers
                .iter()
                .map(|answer| (answer.text.clone(), answer.credit.unwrap_or(1.0) * points))
                .collect();
            mapping(&mut xml, points, &entries, false);
            xml.close("responseDeclaration");
            declare_outcomes(&mut xml, points);
            text_entry_body(&mut xml, &question.common.prompt, "30", None);
            // Per-answer feedback: the first answer the response matches.
            xml.open("responseProcessing", &[]);
            score_from_mapping(&mut xml);
            let with_feedback: Vec<(String, &str, &str)> = answers
                .iter()
                .enumerate()
                .filter_map(|(index, answer)| {
                    answer
                        .feedback
                        .as_deref()
                        .map(|text| (format!("a{}", index + 1), answer.text.as_str(), text))
                })
                .collect();
            xml.open("responseCondition", &[]);
            for (index, (id, key, text)) in with_feedback.iter().enumerate() {
                xml.open(
                    if index == 0 {
                        "responseIf"
                    } else {
                        "responseElseIf"
                    },
                    &[],
                );
                xml.open("stringMatch", &[("caseSensitive", "false")]);
                xml.empty("variable", &[("identifier", "RESPONSE")]);
                xml.text_element("baseValue", &[("baseType", "string")], key);
                xml.close("stringMatch");
                set_feedback(&mut xml, &[id], false);
                xml.close(if index == 0 {
                    "responseIf"
                } else {
                    "responseElseIf"
                });
                feedback.push((id.clone(), (*text).to_string()));
            }
            if with_feedback.is_empty() {
                xml.open("responseIf", &[]);
                xml.text_element("baseValue", &[("baseType", "boolean")], "true");
                set_feedback(&mut xml, &[], false);
                xml.close("responseIf");
            } else {
                xml.open("responseElse", &[]);
                set_feedback(&mut xml, &[], false);
                xml.close("responseElse");
            }
            xml.close("responseCondition");
            xml.close("responseProcessing");
        }
        QuestionBody::Numeric {
            answer,
            tolerance,
            ranges,
            unit,
        } => {
            declare_response(&mut xml, "single", "float");
            xml.open("correctResponse", &[]);
            xml.text_element("value", &[], &exact(*answer));
            xml.close("correctResponse");
            xml.close("responseDeclaration");
            declare_outcomes(&mut xml, points);
            text_entry_body(&mut xml, &question.common.prompt, "15", unit.as_deref());
            // The same margin as crossexam's grading: tolerance + 1e-9·max(1, |answer|).
            let margin = tolerance.unwrap_or(0.0) + 1e-9 * answer.abs().max(1.0);
            let margin = exact(margin);
            xml.open("responseProcessing", &[]);
            xml.open("responseCondition", &[]);
            xml.open("responseIf", &[]);
            xml.open("isNull", &[]);
            xml.empty("variable", &[("identifier", "RESPONSE")]);
            xml.close("isNull");
            set_score(&mut xml, 0.0);
            set_feedback(&mut xml, &[], false);
            xml.close("responseIf");
            xml.open("responseElseIf", &[]);
            xml.open(
                "equal",
                &[("toleranceMode", "absolute"), ("tolerance", &margin)],
            );
            xml.empty("variable", &[("identifier", "RESPONSE")]);
            float_value(&mut xml, *answer);
            xml.close("equal");
            set_score(&mut xml, points);
            set_feedback(&mut xml, &[], false);
            xml.close("responseElseIf");
            // The best range that holds the answer wins: try them best first.
            let mut order: Vec<usize> = (0..ranges.len()).collect();
            order.sort_by(|a, b| {
                ranges[*b]
                    .credit
                    .unwrap_or(0.0)
                    .total_cmp(&ranges[*a].credit.unwrap_or(0.0))
            });
            for index in order {
                let range = &ranges[index];
                let id = format!("r{}", index + 1);
                xml.open("responseElseIf", &[]);
                xml.open("and", &[]);
                xml.open("gte", &[]);
                xml.empty("variable", &[("identifier", "RESPONSE")]);
                float_value(&mut xml, range.min);
                xml.close("gte");
                xml.open("lte", &[]);
                xml.empty("variable", &[("identifier", "RESPONSE")]);
                float_value(&mut xml, range.max);
                xml.close("lte");
                xml.close("and");
                set_score(
                    &mut xml,
                    range.credit.unwrap_or(0.0).clamp(0.0, 1.0) * points,
                );
                set_feedback(&mut xml, &[&id], false);
                xml.close("responseElseIf");
                if let Some(text) = &range.feedback {
                    feedback.push((id, text.clone()));
                }
            }
            xml.open("responseElse", &[]);
            set_score(&mut xml, 0.0);
            set_feedback(&mut xml, &[], false);
            xml.close("responseElse");
            xml.close("responseCondition");
            xml.close("responseProcessing");
        }
        QuestionBody::Match { pairs, .. } => {
            let rights = match_rights(question);
            let right_id = |text: &str| {
                format!(
                    "R{}",
                    rights.iter().position(|right| right == text).unwrap_or(0) + 1
                )
            };
            declare_response(&mut xml, "multiple", "directedPair");
            xml.open("correctResponse", &[]);
            for (index, pair) in pairs.iter().enumerate() {
                xml.text_element(
                    "value",
                    &[],
                    &format!("L{} {}", index + 1, right_id(&pair.right)),
                );
            }
            xml.close("correctResponse");
            let share = points / pairs.len() as f64;
            let entries: Vec<(String, f64)> = pairs
                .iter()
                .enumerate()
                .map(|(index, pair)| (format!("L{} {}", index + 1, right_id(&pair.right)), share))
                .collect();
            mapping(&mut xml, points, &entries, true);
            xml.close("responseDeclaration");
            declare_outcomes(&mut xml, points);
            xml.open("itemBody", &[]);
            let lefts = pairs.len().to_string();
            xml.open(
                "matchInteraction",
                &[
                    ("responseIdentifier", "RESPONSE"),
                    ("shuffle", "true"),
                    ("maxAssociations", &lefts),
                ],
            );
            xml.text_element("prompt", &[], &question.common.prompt);
            xml.open("simpleMatchSet", &[]);
            for (index, pair) in pairs.iter().enumerate() {
                let id = format!("L{}", index + 1);
                xml.text_element(
                    "simpleAssociableChoice",
                    &[("identifier", &id), ("matchMax", "1")],
                    &pair.left,
                );
            }
            xml.close("simpleMatchSet");
            xml.open("simpleMatchSet", &[]);
            for (index, right) in rights.iter().enumerate() {
                let id = format!("R{}", index + 1);
                xml.text_element(
                    "simpleAssociableChoice",
                    &[("identifier", &id), ("matchMax", &lefts)],
                    right,
                );
            }
            xml.close("simpleMatchSet");
            xml.close("matchInteraction");
            xml.close("itemBody");
            map_response_processing(&mut xml, false);
        }
        QuestionBody::Order { items } => {
            declare_response(&mut xml, "ordered", "identifier");
            xml.open("correctResponse", &[]);
            for index in 1..=items.len() {
                xml.text_element("value", &[], &format!("o{index}"));
            }
            xml.close("correctResponse");
            xml.close("responseDeclaration");
            declare_outcomes(&mut xml, points);
            xml.open("itemBody", &[]);
            xml.open(
                "orderInteraction",
                &[("responseIdentifier", "RESPONSE"), ("shuffle", "true")],
            );
            xml.text_element("prompt", &[], &question.common.prompt);
            for (index, item) in items.iter().enumerate() {
                let id = format!("o{}", index + 1);
                xml.text_element("simpleChoice", &[("identifier", &id)], item);
            }
            xml.close("orderInteraction");
            xml.close("itemBody");
            // QTI has no longest-ordered-subsequence: all or nothing.
            xml.open("responseProcessing", &[]);
            xml.open("responseCondition", &[]);
            xml.open("responseIf", &[]);
            xml.open("match", &[]);
            xml.empty("variable", &[("identifier", "RESPONSE")]);
            xml.empty("correct", &[("identifier", "RESPONSE")]);
            xml.close("match");
            set_score(&mut xml, points);
            xml.close("responseIf");
            xml.open("responseElse", &[]);
            set_score(&mut xml, 0.0);
            xml.close("responseElse");
            xml.close("responseCondition");
            set_feedback(&mut xml, &[], false);
            xml.close("responseProcessing");
        }
    }
    for (id, text) in &feedback {
        modal_feedback(&mut xml, id, text);
    }
    if let Some(explanation) = &question.common.explanation {
        modal_feedback(&mut xml, EXPLANATION, explanation);
    }
    xml.close("assessmentItem");
    xml.finish()
}

fn modal_feedback(xml: &mut XmlWriter, identifier: &str, text: &str) {
    xml.open(
        "modalFeedback",
        &[
            ("outcomeIdentifier", "FEEDBACK"),
            ("identifier", identifier),
            ("showHide", "show"),
        ],
    );
    paragraphs(xml, text);
    xml.close("modalFeedback");
}

fn declare_response(xml: &mut XmlWriter, cardinality: &str, base_type: &str) {
    xml.open(
        "responseDeclaration",
        &[
            ("identifier", "RESPONSE"),
            ("cardinality", cardinality),
            ("baseType", base_type),
        ],
    );
}

fn declare_outcomes(xml: &mut XmlWriter, points: f64) {
    for (identifier, value) in [("SCORE", 0.0), ("MAXSCORE", points)] {
        xml.open(
            "outcomeDeclaration",
            &[
                ("identifier", identifier),
                ("cardinality", "single"),
                ("baseType", "float"),
            ],
        );
        xml.open("defaultValue", &[]);
        xml.text_element("value", &[], &exact(value));
        xml.close("defaultValue");
        xml.close("outcomeDeclaration");
    }
    xml.empty(
        "outcomeDeclaration",
        &[
            ("identifier", "FEEDBACK"),
            ("cardinality", "multiple"),
            ("baseType", "identifier"),
        ],
    );
}

fn test(
    identifier: &str,
    title: &str,
    options: Option<&(QuizOptions, Option<usize>)>,
    items: &[&(String, String, &Question)],
) -> Vec<u8> {
    let mut xml = XmlWriter::new(256 + items.len() * 96);
    xml.open(
        "assessmentTest",
        &[
            ("xmlns", QTI_NS),
            ("xmlns:xsi", XSI_NS),
            ("xsi:schemaLocation", QTI_SCHEMA),
            ("identifier", identifier),
            ("title", title),
        ],
    );
    let pass_mark = options.and_then(|(options, _)| options.pass_mark);
    for identifier in ["SCORE", "MAXSCORE"] {
        xml.empty(
            "outcomeDeclaration",
            &[
                ("identifier", identifier),
                ("cardinality", "single"),
                ("baseType", "float"),
            ],
        );
    }
    if pass_mark.is_some() {
        xml.empty(
            "outcomeDeclaration",
            &[
                ("identifier", "PASS"),
                ("cardinality", "single"),
                ("baseType", "boolean"),
            ],
        );
    }
    if let Some(limit) = options.and_then(|(options, _)| options.time_limit_s) {
        xml.empty("timeLimits", &[("maxTime", &limit.to_string())]);
    }
    xml.open(
        "testPart",
        &[
            ("identifier", "part-1"),
            ("navigationMode", "linear"),
            ("submissionMode", "individual"),
        ],
    );
    let immediate =
        options.is_none_or(|(options, _)| options.feedback == crate::bank::FeedbackMode::Immediate);
    xml.empty(
        "itemSessionControl",
        &[
            ("maxAttempts", "1"),
            ("showFeedback", if immediate { "true" } else { "false" }),
        ],
    );
    xml.open(
        "assessmentSection",
        &[
            ("identifier", "section-1"),
            ("title", title),
            ("visible", "true"),
        ],
    );
    if let Some(count) = options.and_then(|(_, count)| *count) {
        xml.empty("selection", &[("select", &count.to_string())]);
    }
    xml.empty("ordering", &[("shuffle", "true")]);
    for (identifier, path, _) in items {
        xml.empty(
            "assessmentItemRef",
            &[("identifier", identifier), ("href", &format!("../{path}"))],
        );
    }
    xml.close("assessmentSection");
    xml.close("testPart");
    xml.open("outcomeProcessing", &[]);
    for identifier in ["SCORE", "MAXSCORE"] {
        xml.open("setOutcomeValue", &[("identifier", identifier)]);
        xml.open("sum", &[]);
        xml.empty("testVariables", &[("variableIdentifier", identifier)]);
        xml.close("sum");
        xml.close("setOutcomeValue");
    }
    if let Some(mark) = pass_mark {
        xml.open("setOutcomeValue", &[("identifier", "PASS")]);
        xml.open("gte", &[]);
        xml.empty("variable", &[("identifier", "SCORE")]);
        xml.open("product", &[]);
        xml.empty("variable", &[("identifier", "MAXSCORE")]);
        float_value(&mut xml, mark);
        xml.close("product");
        xml.close("gte");
        xml.close("setOutcomeValue");
    }
    xml.close("outcomeProcessing");
    xml.close("assessmentTest");
    xml.finish()
}

fn manifest(
    bank: &Bank,
    tests: &[(String, String, Vec<String>)],
    items: &[(String, String, &Question)],
) -> Vec<u8> {
    let mut xml = XmlWriter::new(512 + items.len() * 160);
    let identifier = format!("manifest-{}", bank.id);
    xml.open(
        "manifest",
        &[
            ("xmlns", CP_NS),
            ("xmlns:xsi", XSI_NS),
            ("xsi:schemaLocation", CP_SCHEMA),
            ("identifier", &identifier),
        ],
    );
    xml.open("metadata", &[]);
    xml.text_element("schema", &[], "QTIv2.1 Package");
    xml.text_element("schemaversion", &[], "1.0.0");
    xml.close("metadata");
    xml.empty("organizations", &[]);
    xml.open("resources", &[]);
    for (identifier, path, refs) in tests {
        xml.open(
            "resource",
            &[
                ("identifier", identifier),
                ("type", "imsqti_test_xmlv2p1"),
                ("href", path),
            ],
        );
        xml.empty("file", &[("href", path)]);
        for item in refs {
            xml.empty("dependency", &[("identifierref", item)]);
        }
        xml.close("resource");
    }
    for (identifier, path, _) in items {
        xml.open(
            "resource",
            &[
                ("identifier", identifier),
                ("type", "imsqti_item_xmlv2p1"),
                ("href", path),
            ],
        );
        xml.empty("file", &[("href", path)]);
        xml.close("resource");
    }
    xml.close("resources");
    xml.close("manifest");
    xml.finish()
}
