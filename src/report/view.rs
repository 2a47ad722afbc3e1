//! A `crossexam-result/1` read for the class report: the same fields and
//! shapes as [`QuizResult`](super::QuizResult), checked the same way (a
//! result one refuses, the other refuses with the same message), but its
//! text borrowed from the line it was read from, so reading a class of
//! thousands allocates almost nothing per answer.

use super::result::{Ended, ReadError, parse_tagged};
use crate::bank::FeedbackMode;
use jiff::Timestamp;
use serde::Deserialize;
use serde::de::{Deserializer, Error as _, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

/// A JSON string, borrowed from the text unless it had escapes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text<'a>(Cow<'a, str>);

impl Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a string")
            }

            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(text)))
            }

            fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(text.to_owned())))
            }

            fn visit_string<E>(self, text: String) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(text)))
            }
        }

        deserializer.deserialize_str(TextVisitor)
    }
}

/// A field the report does not use: checked for its shape like the full
/// result's, not kept.
#[derive(Debug)]
pub struct Checked<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Checked<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(|_| Checked(PhantomData))
    }
}

/// One response (see [`ResponseRecord`](super::ResponseRecord)).
#[derive(Debug, Deserialize)]
#[serde(expecting = "struct ResponseRecord")]
pub struct ResponseView<'a> {
    #[serde(borrow)]
    pub question: Text<'a>,
    #[serde(rename = "type", borrow)]
    pub question_type: Text<'a>,
    #[serde(borrow)]
    pub answer: Checked<Option<Text<'a>>>,
    #[serde(borrow)]
    pub selected: Vec<Text<'a>>,
    pub credit: f64,
    pub points: f64,
    pub max_points: f64,
    pub confidence: Checked<Option<u8>>,
    pub seconds: Checked<Option<f64>>,
    pub skipped: bool,
}

/// A result (see [`QuizResult`](super::QuizResult)).
#[derive(Debug, Deserialize)]
#[serde(expecting = "struct QuizResult")]
pub struct ResultView<'a> {
    #[serde(borrow)]
    pub format: Text<'a>,
    #[serde(borrow)]
    pub bank: Text<'a>,
    #[serde(borrow)]
    pub bank_hash: Text<'a>,
    #[serde(borrow)]
    pub quiz: Option<Text<'a>>,
    #[serde(deserialize_with = "seed")]
    pub seed: u64,
    #[serde(borrow)]
    pub rng: Checked<Text<'a>>,
    #[serde(borrow)]
    pub learner: Text<'a>,
    pub started_at: Timestamp,
    pub finished_at: Timestamp,
    pub complete: bool,
    pub ended: Ended,
    pub feedback: Checked<FeedbackMode>,
    pub time_limit_s: Checked<Option<u64>>,
    pub score: f64,
    pub max_score: f64,
    pub percent: f64,
    pub passed: Option<bool>,
    pub cbm: Checked<Option<super::CbmScore>>,
    #[serde(borrow, deserialize_with = "responses")]
    pub responses: Vec<ResponseView<'a>>,
}

impl super::result::Tagged for ResultView<'_> {
    fn format(&self) -> &str {
        &self.format
    }
}

/// The responses, in a vector made once for a quiz of up to 64 questions
/// (serde's grows from empty, copying the responses read so far each time).
fn responses<'de: 'a, 'a, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<ResponseView<'a>>, D::Error> {
    struct ResponsesVisitor<'a>(PhantomData<ResponseView<'a>>);

    impl<'de: 'a, 'a> Visitor<'de> for ResponsesVisitor<'a> {
        type Value = Vec<ResponseView<'a>>;

        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            formatter.write_str("a sequence")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut responses = Vec::with_capacity(seq.size_hint().unwrap_or(0).clamp(64, 4096));
            while let Some(response) = seq.next_element()? {
                responses.push(response);
            }
            Ok(responses)
        }
    }

    deserializer.deserialize_seq(ResponsesVisitor(PhantomData))
}

/// The seed's decimal string, as [`QuizResult`](super::QuizResult) reads it.
fn seed<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let text = Text::deserialize(deserializer)?;
    text.parse()
        .map_err(|_| D::Error::custom(format!("seed `{}` is not a decimal 64-bit number", &*text)))
}

/// Reads one result from JSON text, refusing what [`parse_result`](super::parse_result) refuses.
pub fn parse_result_view(text: &str) -> Result<ResultView<'_>, ReadError> {
    parse_tagged(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::parse_result;

    const LINE: &str = r#"{"format":"crossexam-result/1","bank":"b","bank_hash":"h","quiz":"q\"1","seed":"18446744073709551615","rng":"r","learner":"ana","started_at":"2026-11-25T09:00:00Z","finished_at":"2026-11-25T09:01:00Z","complete":true,"ended":"finished","feedback":"end","time_limit_s":null,"score":1.5,"max_score":2,"percent":75.0,"passed":null,"cbm":{"score":1.0,"max":6},"responses":[{"question":"q1","type":"single","answer":"b","selected":["right","x\u00e9"],"credit":1.0,"points":1.5,"max_points":2,"confidence":null,"seconds":4.2,"skipped":false}]}"#;

    #[test]
    fn the_view_reads_what_the_result_reads_and_borrows_its_text() {
        let full = parse_result(LINE).expect("reads");
        let view = parse_result_view(LINE).expect("reads");
        assert_eq!(view.seed, full.seed);
        assert_eq!(view.quiz.as_deref(), full.quiz.as_deref());
        assert_eq!(&*view.learner, full.learner);
        assert!(matches!(view.learner.0, Cow::Borrowed(_)));
        let (response, record) = (&view.responses[0], &full.responses[0]);
        assert_eq!(&*response.question, record.question);
        let selected: Vec<&str> = response.selected.iter().map(|name| &**name).collect();
        assert_eq!(selected, record.selected);
        assert!(matches!(response.selected[0].0, Cow::Borrowed(_)));
        assert_eq!(response.points.to_bits(), record.points.to_bits());
    }

    /// Every way a result can be refused is refused alike, with the same words.
    #[test]
    fn the_view_refuses_what_the_result_refuses() {
        // (what, replaced by) in a good result.
        let changes = [
            ("crossexam-result/1", "crossexam-result/2"),
            ("crossexam-result/1", "crossexam-plan/1"),
            (r#""format":"crossexam-result/1","#, ""),
            ("\"18446744073709551615\"", "\"-1\""),
            ("\"seconds\":4.2", "\"seconds\":\"4\""),
            ("\"confidence\":null", "\"confidence\":300"),
            ("\"answer\":\"b\"", "\"answer\":1"),
            ("\"feedback\":\"end\"", "\"feedback\":\"later\""),
            ("\"max\":6}", "}"),
            ("\"rng\":\"r\",", ""),
            ("\"responses\":[{", "\"responses\":7,\"more\":[{"),
            ("\"time_limit_s\":null", "\"time_limit_s\":-1"),
            ("\"skipped\":false", "\"skipped\":0"),
            ("\"selected\":[\"right\",", "\"selected\":[1,"),
            ("[{\"question\"", "[\"x\",{\"question\""),
            ("\"2026-11-25T09:00:00Z\"", "\"soon\""),
        ];
        let mut cases: Vec<String> = changes
            .iter()
            .map(|(what, by)| LINE.replace(what, by))
            .collect();
        cases.extend([
            LINE[..LINE.len() / 2].to_string(),
            "[1, 2]".to_string(),
            r#"{"name": "x"}"#.to_string(),
        ]);
        for case in &cases {
            let full = parse_result(case).expect_err(case);
            let view = parse_result_view(case).expect_err(case);
            assert_eq!(view, full, "{case}");
        }
        // Optional fields may be left out of both.
        for field in [
            "\"answer\":\"b\",",
            "\"seconds\":4.2,",
            "\"cbm\":{\"score\":1.0,\"max\":6},",
        ] {
            let case = LINE.replace(field, "");
            parse_result(&case).expect(&case);
            parse_result_view(&case).expect(&case);
        }
    }

    /// Regression: a list too short for a result or a response was refused
    /// without the full parse's "with N elements".
    #[test]
    fn a_list_is_refused_as_the_result_refuses_it() {
        let empty_response = LINE.replace("[{\"question\"", "[[],{\"question\"");
        for text in ["[]", "[\"crossexam-result/1\"]", "{}", "1", &empty_response] {
            let refused = parse_result(text).expect_err(text);
            assert_eq!(parse_result_view(text).expect_err(text), refused, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_or_refused_as_the_result_is(text in ".{0,300}") {
            proptest::prop_assert_eq!(
                parse_result_view(&text).err(),
                parse_result(&text).err()
            );
        }
    }
}
