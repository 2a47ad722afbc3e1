//! Drafting a bank from a plain-text report (`crossexam draft`). The
//! report is split into sentences ([`sentences`]), its speakers found by
//! the shape of the phrases that name them ([`cast`]), each sentence read
//! for who says what ([`clauses`], with the word lists in [`lexicon`]), and
//! the result assembled into a bank ([`assemble`]): one claim per attributed
//! statement and per clause in the report's own voice, the report's
//! wording copied verbatim, questions turned into exchanges.
//!
//! Every guess a trainer must check carries an `x-review` key (authors'
//! data, ignored by the engine), so the draft loads as it is. Pure: text in,
//! JSON out; no I/O. Linear in the report's length.

mod assemble;
mod cast;
mod clauses;
mod lexicon;
mod sentences;

pub use lexicon::{Ids, slugify};
pub use sentences::{Sentence, sentences};

use cast::{Cast, Context};
use clauses::{Before, analyse};
use serde_json::Value;

/// What the draft is called.
#[derive(Debug, Clone, Copy)]
pub struct DraftOptions<'a> {
    /// The bank id (a slug).
    pub id: &'a str,
    /// The bank title.
    pub title: &'a str,
    /// The report's file name, for the source note.
    pub source_name: &'a str,
}

/// Drafts a bank from a report. The result loads as a bank; every guess
/// carries an `x-review` note.
pub fn draft(report: &str, options: &DraftOptions<'_>) -> Value {
    let report = crate::input::strip_bom(report);
    let sentences = sentences(report);
    let mut cast = Cast::default();
    for sentence in &sentences {
        cast.discover(sentence.text);
    }
    let mut context = Context::default();
    let mut readings = Vec::with_capacity(sentences.len());
    // (paragraph, speaker) of the last quotation, and of the last speaker.
    let mut quoted: Option<(usize, usize)> = None;
    let mut previous_speaker: Option<(usize, usize)> = None;
    let mut interviewee = None;
    for sentence in &sentences {
        if sentence.turn.is_some() && interviewee.is_none() {
            interviewee = context.last_person();
        }
        let before = Before {
            quoted: quoted
                .filter(|(paragraph, _)| sentence.paragraph <= paragraph + 1)
                .map(|(_, by)| by),
            interviewee,
        };
        let mut analysis = analyse(sentence, &mut cast, &mut context, before);
        // A claim needs the report's words it came from.
        analysis
            .proposals
            .retain(|proposal| !proposal.wording.is_empty());
        if let Some((paragraph, speaker)) = previous_speaker
            && paragraph == sentence.paragraph
        {
            let label = cast.mention(speaker);
            for proposal in analysis
                .proposals
                .iter_mut()
                .filter(|proposal| cast.is_reporter(proposal.by) && proposal.document.is_none())
            {
                proposal.review.insert(
                    0,
                    format!("follows {label}'s words: the reporter's, or still {label}'s?"),
                );
            }
        }
        if let Some(last) = analysis
            .proposals
            .iter()
            .rev()
            .find(|proposal| !cast.is_reporter(proposal.by))
        {
            previous_speaker = Some((sentence.paragraph, last.by));
            if last.direct_quote {
                quoted = Some((sentence.paragraph, last.by));
            }
        }
        readings.push(analysis);
    }
    assemble::assemble(report, options, cast, &readings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::REVIEW_NOTE_KEY;
    use serde_json::json;

    fn options() -> DraftOptions<'static> {
        DraftOptions {
            id: "draft",
            title: "Draft",
            source_name: "report.txt",
        }
    }

    fn claims(report: &str) -> Vec<Value> {
        draft(report, &options())["claims"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    #[test]
    fn a_titled_person_is_found_with_role_and_resolved_later() {
        let report = "Pakistan’s Defence Minister Khawaja Asif spoke on TV.\nMinister Asif stated that there were no bases. He said the media had visited.";
        let bank = draft(report, &options());
        let asif = &bank["actors"][0];
        assert_eq!(asif["id"], "asif");
        assert_eq!(asif["name"], "Khawaja Asif");
        assert_eq!(asif["role"], "Defence Minister of Pakistan");
        let claims = bank["claims"].as_array().unwrap();
        let by: Vec<&str> = claims
            .iter()
            .map(|claim| claim["by"].as_str().unwrap())
            .collect();
        assert_eq!(by, ["reporter", "asif", "asif"]);
        assert_eq!(claims[1]["report_wording"], json!(["there were no bases"]));
        assert_eq!(claims[1]["attribution"], "direct");
        assert_eq!(
            claims[2]["report_wording"],
            json!(["the media had visited"])
        );
        assert!(
            claims[2]["x-review"]
                .as_str()
                .unwrap()
                .contains("\u{201c}He\u{201d} read as Khawaja Asif")
        );
    }

    #[test]
    fn countries_are_reported_and_they_follows_the_last_one() {
        let claims = claims(
            "India blamed groups in Pakistan for the attack. They claimed that nine camps were hit.",
        );
        assert_eq!(claims[0]["by"], "india");
        assert_eq!(claims[0]["statement"], "accusation");
        assert_eq!(claims[0]["attribution"], "reported");
        assert_eq!(claims[0]["via"], json!(["reporter"]));
        assert_eq!(
            claims[0]["text"],
            "Groups in Pakistan were to blame for the attack."
        );
        assert_eq!(claims[1]["by"], "india");
        assert_eq!(claims[1]["report_wording"], json!(["nine camps were hit"]));
    }

    #[test]
    fn verbs_suggest_the_statement_kind() {
        let report = "Minister Jan Novak spoke. Novak denied all such charges. Novak warned that war was near. \
                      Novak offered an inquiry. Novak accused Ruritania of hiding troops. \
                      Novak admitted that mistakes were made. Novak questioned who decides.";
        let kinds: Vec<String> = claims(report)
            .iter()
            .skip(1)
            .map(|claim| claim["statement"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(
            kinds,
            [
                "denial",
                "warning",
                "offer",
                "accusation",
                "admission",
                "question"
            ]
        );
    }

    #[test]
    fn parenthetical_and_according_to() {
        let report = "India spoke. These sites, India said, were used to plan attacks. Minister Jan Novak spoke. According to him, the media would find nothing.";
        let claims = claims(report);
        let sites = claims
            .iter()
            .find(|claim| claim["by"] == "india" && claim["text"] != "India spoke.")
            .unwrap();
        assert_eq!(
            sites["report_wording"],
            json!(["These sites, India said, were used to plan attacks"])
        );
        assert_eq!(sites["text"], "These sites were used to plan attacks.");
        let media = claims
            .iter()
            .find(|claim| claim["report_wording"] == json!(["the media would find nothing"]))
            .unwrap();
        assert_eq!(media["by"], "novak");
        assert_eq!(media["attribution"], "reported");
    }

    #[test]
    fn passive_and_negated_verbs_are_narration() {
        let report = "Minister Jan Novak spoke. He was questioned about the ties. Novak did not offer any evidence but said the jets fell.";
        let claims = claims(report);
        let by: Vec<&str> = claims
            .iter()
            .map(|claim| claim["by"].as_str().unwrap())
            .collect();
        assert_eq!(by, ["reporter", "reporter", "reporter", "novak"]);
        assert_eq!(
            claims[2]["report_wording"],
            json!(["Novak did not offer any evidence"])
        );
        assert_eq!(claims[3]["report_wording"], json!(["the jets fell"]));
    }

    #[test]
    fn interviewer_questions_become_exchanges() {
        let report = "Minister Jan Novak spoke to the BBC’s host. The BBC host asked about a past quote where Novak admitted the error. \
                      Novak replied that the real mistake was elsewhere. When asked if tanks had been used, he said the tanks were old.";
        let bank = draft(report, &options());
        let host = bank["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|actor| actor["role"] == "BBC host")
            .unwrap();
        assert_eq!(host["id"], "bbc-host");
        let exchanges = bank["exchanges"].as_array().unwrap();
        let asks: Vec<&str> = exchanges
            .iter()
            .map(|exchange| exchange["asks"].as_str().unwrap())
            .collect();
        assert_eq!(
            asks,
            [
                "a past quote where Novak admitted the error",
                "if tanks had been used"
            ]
        );
        assert!(exchanges.iter().all(
            |exchange| exchange["asked_by"] == "bbc-host" && exchange["answered_by"] == "novak"
        ));
        let admitted = bank["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|claim| claim["statement"] == "admission")
            .unwrap();
        assert_eq!(admitted["via"], json!(["bbc-host"]));
        assert_eq!(admitted["attribution"], "reported");
        assert!(
            bank["generate"]
                .as_array()
                .unwrap()
                .iter()
                .any(|generator| generator["template"] == "evasion")
        );
    }

    #[test]
    fn quoted_words_are_direct_quotes() {
        let claims =
            claims("Minister Jan Novak spoke. Novak said \u{201c}we will never surrender\u{201d}.");
        assert_eq!(
            claims[1]["report_wording"],
            json!(["we will never surrender"])
        );
        assert_eq!(claims[1]["direct_quote"], json!(true));
    }

    #[test]
    fn every_claim_carries_a_review_note_and_the_draft_loads() {
        let report = "Minister Jan Novak spoke. Novak said the bridge was closed. The bridge reopened after a week of repairs and inspections.";
        let document = draft(report, &options());
        for claim in document["claims"].as_array().unwrap() {
            assert!(
                claim[REVIEW_NOTE_KEY]
                    .as_str()
                    .is_some_and(|note| !note.is_empty())
            );
        }
        let text = serde_json::to_string_pretty(&document).unwrap();
        let loaded = crate::bank::load_str("draft.json", &text).expect("the draft loads");
        assert!(!loaded.questions().is_empty());
    }

    #[test]
    fn wording_is_verbatim() {
        let report = "Pakistan’s Defence Minister Khawaja Asif spoke. He said the debris fell into Indian-controlled Kashmir and had been shown on Indian social media.";
        for claim in claims(report) {
            for phrase in claim["report_wording"].as_array().unwrap() {
                assert!(report.contains(phrase.as_str().unwrap()), "{phrase}");
            }
        }
    }

    #[test]
    fn empty_report_gives_an_empty_but_loadable_draft() {
        let document = draft("", &options());
        assert_eq!(document["claims"], json!([]));
        let text = serde_json::to_string(&document).unwrap();
        assert!(crate::bank::load_str("draft.json", &text).is_ok());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Words that exercise every path: verbs, names, titles, pronouns,
        /// interviewer words, boundaries, quotes and punctuation.
        const VOCABULARY: [&str; 72] = [
            "said",
            "claimed",
            "denied",
            "warned",
            "offered",
            "accused",
            "admitted",
            "questioned",
            "asked",
            "pressed",
            "told",
            "reporters",
            "According",
            "to",
            "according",
            "When",
            "Minister",
            "Jan",
            "Novak",
            "Mayor",
            "Ines",
            "Duarte",
            "Council",
            "leader",
            "councillor",
            "He",
            "he",
            "She",
            "she",
            "They",
            "It",
            "India",
            "the",
            "The",
            "a",
            "company",
            "spokesperson",
            "firm",
            "Northline,",
            "operator,",
            "anchor",
            "host",
            "CNN\u{2019}s",
            "that",
            "and",
            "but",
            "was",
            "not",
            "of",
            "who",
            "U.S.",
            "\u{201c}we",
            "won\u{201d}",
            "\"",
            "\u{201c}",
            "\u{201d}",
            "claims",
            "in",
            "after",
            "there",
            "paper",
            "seen",
            "by",
            "shows",
            "Q:",
            "A:",
            "HOST:",
            "letter",
            "residents",
            "Residents",
            "\u{feff}",
            "\r",
        ];

        fn report() -> impl Strategy<Value = String> {
            let word = prop::sample::select(VOCABULARY.to_vec());
            let punctuation = prop::sample::select(vec![
                "", "", "", ",", ".", ". ", "?", ";", "\n", ":", "\"", ",\"", ".\"",
            ]);
            prop::collection::vec((word, punctuation), 0..80).prop_map(|pairs| {
                let mut text = String::new();
                for (word, mark) in pairs {
                    text.push_str(word);
                    text.push_str(mark);
                    text.push(' ');
                }
                text
            })
        }

        /// Words a name may hold besides capitalised ones.
        const NAME_CONNECTORS: [&str; 6] = ["of", "for", "and", "de", "van", "von"];

        /// The draft loads, copies its wording verbatim, and holds no junk:
        /// every claim text reads as a clause, every name is only a name.
        fn assert_no_junk(text: &str) -> Result<(), TestCaseError> {
            let document = draft(text, &options());
            let json = serde_json::to_string(&document).unwrap();
            let loaded = crate::bank::load_str("draft.json", &json);
            prop_assert!(loaded.is_ok(), "{:?}\n{}", loaded.err(), text);
            for claim in document["claims"].as_array().unwrap() {
                let claim_text = claim["text"].as_str().unwrap();
                prop_assert!(
                    crate::bank::text::reads_as_clause(claim_text),
                    "fragment {:?} from {:?}",
                    claim_text,
                    text
                );
                prop_assert!(claim[REVIEW_NOTE_KEY].is_string());
                for phrase in claim["report_wording"].as_array().unwrap() {
                    let phrase = phrase.as_str().unwrap();
                    prop_assert!(!crate::bank::text::is_blank(phrase), "{:?}", text);
                    prop_assert!(text.contains(phrase), "{} not in {}", phrase, text);
                }
            }
            for actor in document["actors"].as_array().unwrap() {
                prop_assert!(!actor["role"].as_str().unwrap().trim().is_empty());
                if let Some(name) = actor["name"].as_str() {
                    for word in name.split_whitespace() {
                        prop_assert!(
                            word.chars().next().is_some_and(char::is_uppercase)
                                || NAME_CONNECTORS.contains(&word),
                            "name {:?} from {:?}",
                            name,
                            text
                        );
                    }
                }
            }
            Ok(())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            #[test]
            fn a_report_of_attribution_words_drafts_without_junk(text in report()) {
                assert_no_junk(&text)?;
            }

            #[test]
            fn any_text_drafts_without_junk_or_panic(text in "\\PC{0,400}") {
                assert_no_junk(&text)?;
            }
        }
    }
}
