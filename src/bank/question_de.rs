//! Typing a question straight from its members, without a tree of it: the
//! shared fields go through [`QuestionCommon`]'s own deserializer, the
//! fields of the seven types are typed as they are read, and the body is
//! put together once `type` is known. Accepts exactly what typing the two
//! halves from a list of JSON values accepts (a test holds the two to each
//! other): a field of another type is as unknown as any other field.

use super::model::{
    Choice, MatchPair, NumericRange, QUESTION_TYPE_NAMES, Question, QuestionBody, QuestionCommon,
    QuestionType, ShortAnswer,
};
use serde::Deserialize;
use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, StringDeserializer};
use serde::de::{DeserializeSeed, MapAccess, Unexpected, Visitor};
use std::fmt;

/// The visitor behind `Question`'s `Deserialize`.
pub(super) struct QuestionVisitor;

impl<'de> Visitor<'de> for QuestionVisitor {
    type Value = Question;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Question, A::Error> {
        let mut body = BodyFields::default();
        let common = QuestionCommon::deserialize(MapAccessDeserializer::new(CommonMembers {
            map,
            body: &mut body,
        }))?;
        Ok(Question {
            common,
            body: body.into_body()?,
        })
    }
}

/// The fields of the seven types (see `question_types!` in the model; a
/// test holds this list to the types' own lists).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyField {
    Choices,
    Answer,
    FeedbackTrue,
    FeedbackFalse,
    Answers,
    Fuzzy,
    AcceptAliasesOf,
    Tolerance,
    Ranges,
    Unit,
    Pairs,
    ExtraRight,
    Items,
}

const BODY_FIELDS: [(&str, BodyField); 13] = [
    ("choices", BodyField::Choices),
    ("answer", BodyField::Answer),
    ("feedback_true", BodyField::FeedbackTrue),
    ("feedback_false", BodyField::FeedbackFalse),
    ("answers", BodyField::Answers),
    ("fuzzy", BodyField::Fuzzy),
    ("accept_aliases_of", BodyField::AcceptAliasesOf),
    ("tolerance", BodyField::Tolerance),
    ("ranges", BodyField::Ranges),
    ("unit", BodyField::Unit),
    ("pairs", BodyField::Pairs),
    ("extra_right", BodyField::ExtraRight),
    ("items", BodyField::Items),
];

impl BodyField {
    fn name(self) -> &'static str {
        BODY_FIELDS
            .iter()
            .find(|(_, field)| *field == self)
            .map_or("", |(name, _)| name)
    }
}

/// `answer`: a bool (true-false) or a number (numeric), as read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Answer {
    Bool(bool),
    Number(f64),
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnswerVisitor;
        impl Visitor<'_> for AnswerVisitor {
            type Value = Answer;
            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a boolean or a number")
            }
            fn visit_bool<E: serde::de::Error>(self, value: bool) -> Result<Answer, E> {
                Ok(Answer::Bool(value))
            }
            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Answer, E> {
                Ok(Answer::Number(value as f64))
            }
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Answer, E> {
                Ok(Answer::Number(value as f64))
            }
            fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Answer, E> {
                Ok(Answer::Number(value))
            }
        }
        deserializer.deserialize_any(AnswerVisitor)
    }
}

/// What a question's type-specific members held, each typed as read.
#[derive(Debug, Default)]
struct BodyFields {
    /// `type`, as any JSON value (it must turn out to be a type's name).
    type_value: Option<serde_json::Value>,
    /// The body fields given, in order of first appearance.
    given: Vec<BodyField>,
    choices: Option<Vec<Choice>>,
    answer: Option<Answer>,
    feedback_true: Option<String>,
    feedback_false: Option<String>,
    answers: Option<Vec<ShortAnswer>>,
    fuzzy: Option<u8>,
    accept_aliases_of: Option<String>,
    tolerance: Option<f64>,
    ranges: Vec<NumericRange>,
    unit: Option<String>,
    pairs: Option<Vec<MatchPair>>,
    extra_right: Vec<String>,
    items: Option<Vec<String>>,
}

impl BodyFields {
    /// Reads the value of the body field `field` (a repeated field keeps its last value).
    fn read<'de, A: MapAccess<'de>>(
        &mut self,
        field: BodyField,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match field {
            BodyField::Choices => self.choices = Some(map.next_value()?),
            BodyField::Answer => self.answer = Some(map.next_value()?),
            BodyField::FeedbackTrue => self.feedback_true = map.next_value()?,
            BodyField::FeedbackFalse => self.feedback_false = map.next_value()?,
            BodyField::Answers => self.answers = Some(map.next_value()?),
            BodyField::Fuzzy => self.fuzzy = map.next_value()?,
            BodyField::AcceptAliasesOf => self.accept_aliases_of = map.next_value()?,
            BodyField::Tolerance => self.tolerance = map.next_value()?,
            BodyField::Ranges => self.ranges = map.next_value()?,
            BodyField::Unit => self.unit = map.next_value()?,
            BodyField::Pairs => self.pairs = Some(map.next_value()?),
            BodyField::ExtraRight => self.extra_right = map.next_value()?,
            BodyField::Items => self.items = Some(map.next_value()?),
        }
        if !self.given.contains(&field) {
            self.given.push(field);
        }
        Ok(())
    }

    /// The body of the question's type, from the fields read.
    fn into_body<E: serde::de::Error>(self) -> Result<QuestionBody, E> {
        let type_name = match self.type_value {
            Some(serde_json::Value::String(name)) => name,
            Some(_) => return Err(E::custom("`type` must be a string")),
            None => return Err(E::missing_field("type")),
        };
        let Some(question_type) = QuestionType::from_name(&type_name) else {
            return Err(E::unknown_variant(&type_name, QUESTION_TYPE_NAMES));
        };
        let fields = question_type.body_fields();
        if let Some(stray) = self
            .given
            .iter()
            .find(|field| !fields.contains(&field.name()))
        {
            return Err(E::unknown_field(stray.name(), fields));
        }
        Ok(match question_type {
            QuestionType::Single => QuestionBody::Single {
                choices: required(self.choices, "choices")?,
            },
            QuestionType::Multiple => QuestionBody::Multiple {
                choices: required(self.choices, "choices")?,
            },
            QuestionType::TrueFalse => QuestionBody::TrueFalse {
                answer: match required(self.answer, "answer")? {
                    Answer::Bool(answer) => answer,
                    Answer::Number(number) => {
                        return Err(E::invalid_type(Unexpected::Float(number), &"a boolean"));
                    }
                },
                feedback_true: self.feedback_true,
                feedback_false: self.feedback_false,
            },
            QuestionType::Short => QuestionBody::Short {
                answers: required(self.answers, "answers")?,
                fuzzy: self.fuzzy,
                accept_aliases_of: self.accept_aliases_of,
            },
            QuestionType::Numeric => QuestionBody::Numeric {
                answer: match required(self.answer, "answer")? {
                    Answer::Number(number) => number,
                    Answer::Bool(answer) => {
                        return Err(E::invalid_type(Unexpected::Bool(answer), &"a number"));
                    }
                },
                tolerance: self.tolerance,
                ranges: self.ranges,
                unit: self.unit,
            },
            QuestionType::Match => QuestionBody::Match {
                pairs: required(self.pairs, "pairs")?,
                extra_right: self.extra_right,
            },
            QuestionType::Order => QuestionBody::Order {
                items: required(self.items, "items")?,
            },
        })
    }
}

/// `value`, which the question's type requires.
fn required<T, E: serde::de::Error>(value: Option<T>, field: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(field))
}

/// A question's members as [`QuestionCommon`] sees them: `type` and the
/// body fields are taken out (into [`BodyFields`]) as they pass, every
/// other member goes through, so an unknown one is refused as before.
struct CommonMembers<'b, A> {
    map: A,
    body: &'b mut BodyFields,
}

/// A member's key, sorted as it is read.
enum Key<'de> {
    Type,
    Body(BodyField),
    Borrowed(&'de str),
    Owned(String),
}

struct KeyVisitor;

impl KeyVisitor {
    fn known<'de>(name: &str) -> Option<Key<'de>> {
        if name == "type" {
            return Some(Key::Type);
        }
        BODY_FIELDS
            .iter()
            .find(|(known, _)| *known == name)
            .map(|&(_, field)| Key::Body(field))
    }
}

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a field name")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, name: &'de str) -> Result<Key<'de>, E> {
        Ok(Self::known(name).unwrap_or(Key::Borrowed(name)))
    }

    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Key<'de>, E> {
        Ok(Self::known(name).unwrap_or_else(|| Key::Owned(name.to_string())))
    }

    fn visit_string<E: serde::de::Error>(self, name: String) -> Result<Key<'de>, E> {
        Ok(Self::known(&name).unwrap_or(Key::Owned(name)))
    }
}

impl<'de> DeserializeSeed<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Key<'de>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for CommonMembers<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        loop {
            match self.map.next_key_seed(KeyVisitor)? {
                None => return Ok(None),
                Some(Key::Type) => self.body.type_value = Some(self.map.next_value()?),
                Some(Key::Body(field)) => self.body.read(field, &mut self.map)?,
                Some(Key::Borrowed(name)) => {
                    return seed
                        .deserialize(BorrowedStrDeserializer::<A::Error>::new(name))
                        .map(Some);
                }
                Some(Key::Owned(name)) => {
                    return seed
                        .deserialize(StringDeserializer::<A::Error>::new(name))
                        .map(Some);
                }
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::de::Error as _;
    use serde_json::Value;

    /// Typing as before: every member read into a JSON value, then the
    /// shared half and the type's half typed from the two lists.
    fn typed_through_values(text: &str) -> Result<Question, serde_json::Error> {
        use serde::de::value::MapDeserializer;
        let object: serde_json::Map<String, Value> = serde_json::from_str(text)?;
        let type_name = match object.get("type") {
            Some(Value::String(name)) => name.clone(),
            Some(_) => return Err(serde_json::Error::custom("`type` must be a string")),
            None => return Err(serde_json::Error::missing_field("type")),
        };
        let Some(question_type) = QuestionType::from_name(&type_name) else {
            return Err(serde_json::Error::unknown_variant(
                &type_name,
                QUESTION_TYPE_NAMES,
            ));
        };
        let body_fields = question_type.body_fields();
        let (body, common): (Vec<_>, Vec<_>) = object
            .into_iter()
            .partition(|(key, _)| key == "type" || body_fields.contains(&key.as_str()));
        let common = QuestionCommon::deserialize(MapDeserializer::<_, serde_json::Error>::new(
            common.into_iter(),
        ))?;
        let body = QuestionBody::deserialize(MapDeserializer::<_, serde_json::Error>::new(
            body.into_iter(),
        ))?;
        Ok(Question { common, body })
    }

    #[test]
    fn the_body_fields_are_the_types_fields() {
        let mut all: Vec<&str> = QuestionType::ALL
            .iter()
            .flat_map(|kind| kind.body_fields().iter().copied())
            .collect();
        all.sort_unstable();
        all.dedup();
        let mut known: Vec<&str> = BODY_FIELDS.iter().map(|(name, _)| *name).collect();
        known.sort_unstable();
        assert_eq!(all, known);
    }

    #[test]
    fn the_bundled_questions_type_as_through_values() {
        let document: Value =
            serde_json::from_str(crate::bank::bundled::BUNDLED[0].2).expect("bundled bank");
        let questions = document["questions"].as_array().expect("questions");
        assert!(questions.len() > 10);
        for question in questions {
            let text = question.to_string();
            let direct: Question = serde_json::from_str(&text).expect(&text);
            assert_eq!(direct, typed_through_values(&text).expect(&text));
            // And from a JSON value, as the tree path types it.
            let from_value: Question = serde_json::from_value(question.clone()).expect(&text);
            assert_eq!(from_value, direct);
        }
    }

    /// Each key with a value that suits it (the last: a key no question takes).
    const MEMBERS: [(&str, &str); 27] = [
        ("id", "\"q2\""),
        ("prompt", "\"Who?\""),
        ("type", "\"order\""),
        ("claims", "[\"a\", \"b\"]"),
        ("exchanges", "[]"),
        ("explanation", "\"e\""),
        ("kind", "\"who-said\""),
        ("tags", "[\"t\"]"),
        ("difficulty", "\"easy\""),
        ("points", "2.5"),
        ("shuffle", "false"),
        (
            "generated_from",
            "{\"template\": \"support\", \"claim\": \"c\", \"hash\": \"sha256:x\"}",
        ),
        (
            "lint_allow",
            "[{\"rule\": \"length-cue\", \"reason\": \"r\"}]",
        ),
        (
            "choices",
            "[{\"text\": \"a\", \"correct\": true}, {\"text\": \"b\", \"credit\": 0.5}]",
        ),
        ("answer", "true"),
        ("feedback_true", "\"f\""),
        ("feedback_false", "\"g\""),
        ("answers", "[{\"text\": \"a\", \"feedback\": \"f\"}]"),
        ("fuzzy", "1"),
        ("accept_aliases_of", "\"asif\""),
        ("tolerance", "0.5"),
        ("ranges", "[{\"min\": 1, \"max\": 2}]"),
        ("unit", "\"km\""),
        ("pairs", "[{\"left\": \"a\", \"right\": \"b\"}]"),
        ("extra_right", "[\"c\"]"),
        ("items", "[\"a\", \"b\"]"),
        ("bogus", "1"),
    ];

    /// Values that suit some other field, or none.
    const OTHER_VALUES: [&str; 12] = [
        "\"t\"",
        "\"single\"",
        "false",
        "3",
        "-2.5",
        "300",
        "null",
        "[]",
        "[{\"text\": \"a\", \"bogus\": 1}]",
        "[{\"left\": \"a\"}]",
        "{}",
        "[1]",
    ];

    /// The field each type requires, with a value that suits it.
    fn required_member(type_name: &str) -> Option<(&'static str, &'static str)> {
        let key = match type_name {
            "single" | "multiple" => "choices",
            "true-false" => "answer",
            "short" => "answers",
            "numeric" => return Some(("answer", "4")),
            "match" => "pairs",
            "order" => "items",
            _ => return None,
        };
        MEMBERS.iter().copied().find(|(known, _)| *known == key)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

        #[test]
        fn typing_members_as_read_accepts_what_typing_through_values_does(
            type_name in prop::sample::select(vec![
                "single", "multiple", "true-false", "short", "numeric", "match", "order", "essay",
            ]),
            members in prop::collection::vec(
                (0..MEMBERS.len(), prop::option::weighted(0.2, 0..OTHER_VALUES.len())),
                0..6,
            ),
            with_type in prop::bool::weighted(0.9),
            with_required in prop::bool::weighted(0.8),
        ) {
            let mut text = String::from("{\"id\": \"q\", \"prompt\": \"P?\"");
            // Without repeated keys: loading refuses those whichever way typing goes.
            let mut keys = vec!["id", "prompt"];
            if with_type {
                keys.push("type");
                text.push_str(&format!(", \"type\": \"{type_name}\""));
            }
            let required = required_member(type_name).filter(|_| with_required);
            let chosen = members.iter().map(|&(member, other)| {
                let (key, value) = MEMBERS[member];
                (key, other.map_or(value, |other| OTHER_VALUES[other]))
            });
            for (key, value) in required.into_iter().chain(chosen) {
                if !keys.contains(&key) {
                    keys.push(key);
                    text.push_str(&format!(", \"{key}\": {value}"));
                }
            }
            text.push('}');
            let direct = serde_json::from_str::<Question>(&text);
            let through_values = typed_through_values(&text);
            prop_assert_eq!(direct.is_ok(), through_values.is_ok(), "{}: {:?} / {:?}", text, direct, through_values);
            if let (Ok(direct), Ok(through_values)) = (direct, through_values) {
                prop_assert_eq!(direct, through_values);
            }
        }
    }
}
