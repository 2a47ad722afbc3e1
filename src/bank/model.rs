//! The bank data model of format v1 (`crossexam-bank/1`), as serde types.
//!
//! Field names and meanings follow `BANK-FORMAT.md`. Every struct denies
//! unknown fields; authors' `x-` keys and `null` values are removed by the
//! loader before these types see the document. The types also describe
//! the format as a JSON Schema (`schemars`; see [`super::schema`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The format tag every v1 bank carries.
pub const BANK_FORMAT: &str = "crossexam-bank/1";

/// The key of an authors' review note, allowed on any object (`"x-review":
/// "check who said this"`): `draft` leaves one on every guess, and `check`
/// lists each until the author deletes it.
pub const REVIEW_NOTE_KEY: &str = "x-review";

/// A whole question bank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bank {
    #[schemars(with = "super::schema::FormatTag")]
    pub format: String,
    #[schemars(with = "super::schema::Slug")]
    pub id: String,
    #[schemars(length(min = 1))]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    pub source: Source,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub briefing: Option<String>,
    /// The source retold in the author's own words, paragraph by paragraph,
    /// keeping every attribution, chain, hedge and piece of evidence; the
    /// source's own words only in quotation marks (`check --source`
    /// verifies them). What a learner without the original reads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reading: Vec<String>,
    pub actors: Vec<Actor>,
    pub claims: Vec<Claim>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exchanges: Vec<Exchange>,
    pub questions: Vec<Question>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub generate: Vec<Generator>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quizzes: Vec<QuizPreset>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<super::schema::Slug>")]
    pub default_quiz: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lint_allow: Vec<LintAllow>,
    /// `sha256:<hex>` of each claim's and exchange's canonical JSON as written
    /// in the file (`claims/<id>`, `exchanges/<id>`), for `generated_from`.
    #[serde(skip)]
    #[schemars(skip)]
    pub subject_hashes: std::collections::BTreeMap<String, String>,
}

/// What kind of source the bank is built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    Interview,
    NewsReport,
    Transcript,
    PressConference,
    Other,
}

/// The report the bank is built from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub kind: SourceKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Who an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ActorKind {
    Person,
    Government,
    Group,
    Outlet,
    Reporter,
}

/// Someone the report attributes words to (or the report's own voice).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    #[schemars(with = "super::schema::Slug")]
    pub id: String,
    pub kind: ActorKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub role: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

impl Actor {
    /// The name if the report gives one, else the role.
    pub fn label(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.role)
    }

    /// How a sentence refers to the actor: "Khawaja Asif", "the Government
    /// of India", "the CNN anchor", "the reporter".
    pub fn mention(&self) -> String {
        match (&self.name, self.kind) {
            (_, ActorKind::Reporter) => "the reporter".to_string(),
            (Some(name), ActorKind::Government | ActorKind::Group | ActorKind::Outlet)
                if name.starts_with(|c: char| c.is_uppercase()) && !name.contains(' ') =>
            {
                name.clone()
            }
            (Some(name), ActorKind::Government)
                if !name.starts_with("the ") && !name.starts_with("The ") =>
            {
                format!("the {name}")
            }
            (Some(name), _) => name.clone(),
            (None, _) if self.role.starts_with("The ") || self.role.starts_with("the ") => {
                crate::wording::lower_first(&self.role)
            }
            (None, _) => format!("the {}", self.role),
        }
    }
}

/// Whose words a claim is presented as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Attribution {
    Direct,
    Reported,
    Ambiguous,
}

/// What kind of statement a claim is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StatementKind {
    Factual,
    Accusation,
    Denial,
    Warning,
    Offer,
    Admission,
    Opinion,
    Question,
}

/// What the report itself shows for a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Support {
    Supported,
    Unsupported,
    CannotTell,
    NotCheckable,
}

impl Support {
    /// How the citation line words it.
    pub fn describe(self) -> &'static str {
        match self {
            Support::Supported => "supported in the report",
            Support::Unsupported => "unsupported in the report",
            Support::CannotTell => "the report cannot tell",
            Support::NotCheckable => "not checkable (opinion or question)",
        }
    }
}

/// The kinds of evidence a claim can come with.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceKind {
    None,
    SpeakerAssertion,
    OfficialStatement,
    SocialMedia,
    Eyewitness,
    Physical,
    Document,
    IndependentInvestigation,
    Expert,
    OfferToVerify,
    AppealToThirdParty,
    Narration,
    BothSidesAgree,
}

impl EvidenceKind {
    /// Every kind, in declaration order.
    pub const ALL: [EvidenceKind; 13] = [
        EvidenceKind::None,
        EvidenceKind::SpeakerAssertion,
        EvidenceKind::OfficialStatement,
        EvidenceKind::SocialMedia,
        EvidenceKind::Eyewitness,
        EvidenceKind::Physical,
        EvidenceKind::Document,
        EvidenceKind::IndependentInvestigation,
        EvidenceKind::Expert,
        EvidenceKind::OfferToVerify,
        EvidenceKind::AppealToThirdParty,
        EvidenceKind::Narration,
        EvidenceKind::BothSidesAgree,
    ];

    /// A short human description.
    pub fn describe(self) -> &'static str {
        match self {
            EvidenceKind::None => "no evidence",
            EvidenceKind::SpeakerAssertion => "the speaker's word",
            EvidenceKind::OfficialStatement => "an official statement",
            EvidenceKind::SocialMedia => "social-media posts or images",
            EvidenceKind::Eyewitness => "an eyewitness",
            EvidenceKind::Physical => "physical evidence",
            EvidenceKind::Document => "a document",
            EvidenceKind::IndependentInvestigation => "an independent investigation",
            EvidenceKind::Expert => "an expert",
            EvidenceKind::OfferToVerify => "an offer to verify",
            EvidenceKind::AppealToThirdParty => "an appeal to a third party",
            EvidenceKind::Narration => "the reporter's narration",
            EvidenceKind::BothSidesAgree => "both sides' agreement",
        }
    }
}

/// One piece of evidence a claim came with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub kind: EvidenceKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// A claim this claim contradicts, and on what point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Counter {
    #[schemars(with = "super::schema::Slug")]
    pub claim: String,
    pub on: String,
}

/// A lint warning accepted on purpose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LintAllow {
    pub rule: String,
    pub reason: String,
}

/// One checkable proposition of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    #[schemars(with = "super::schema::Slug")]
    pub id: String,
    #[schemars(with = "super::schema::Slug")]
    pub by: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<super::schema::Slug>")]
    pub via: Vec<String>,
    pub attribution: Attribution,
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub report_wording: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub direct_quote: bool,
    pub statement: StatementKind,
    pub support: Support,
    pub evidence: Vec<Evidence>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counters: Vec<Counter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lint_allow: Vec<LintAllow>,
}

impl Claim {
    /// The evidence the report mentions, in words: "the speaker's word (only
    /// his word); social-media posts or images", or "no evidence".
    pub fn evidence_summary(&self) -> String {
        if self.evidence.is_empty() {
            return "no evidence".to_string();
        }
        self.evidence
            .iter()
            .map(|evidence| match &evidence.detail {
                Some(detail) => format!("{} ({detail})", evidence.kind.describe()),
                None => evidence.kind.describe().to_string(),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// One of the interviewer's questions and how it was answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exchange {
    #[schemars(with = "super::schema::Slug")]
    pub id: String,
    #[schemars(with = "super::schema::Slug")]
    pub asked_by: String,
    #[schemars(with = "super::schema::Slug")]
    pub answered_by: String,
    pub asks: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presupposes: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<super::schema::Slug>")]
    pub answer_claims: Vec<String>,
    pub evades: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lint_allow: Vec<LintAllow>,
}

/// The question kinds of `PEDAGOGY.md`, each with its kebab-case name (used
/// in files and on the command line; a test holds it to serde's).
macro_rules! question_kinds {
    ($($variant:ident = $name:literal,)*) => {
        /// The question kinds of `PEDAGOGY.md`.
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
        )]
        #[serde(rename_all = "kebab-case")]
        pub enum QuestionKind {
            $($variant,)*
        }

        impl QuestionKind {
            /// Every kind, in the order of `PEDAGOGY.md`.
            pub const ALL: &[QuestionKind] = &[$(QuestionKind::$variant,)*];

            /// The kebab-case name used in files and on the command line.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(QuestionKind::$variant => $name,)*
                }
            }
        }
    };
}

question_kinds! {
    WhoSaid = "who-said",
    Paraphrase = "paraphrase",
    EvidenceOffered = "evidence-offered",
    EvidenceKind = "evidence-kind",
    Support = "support",
    WhatWouldProve = "what-would-prove",
    FactClaimOpinion = "fact-claim-opinion",
    AttributionVerb = "attribution-verb",
    Counterclaim = "counterclaim",
    SourceInterest = "source-interest",
    NextMove = "next-move",
    Context = "context",
    Evasion = "evasion",
}

/// How hard the author thinks a question is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

/// Marks an edited copy of a generated question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GeneratedFrom {
    pub template: Template,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<super::schema::Slug>")]
    pub claim: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<super::schema::Slug>")]
    pub exchange: Option<String>,
    #[schemars(regex(pattern = r"^sha256:"))]
    pub hash: String,
}

/// The fields every question type shares.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionCommon {
    #[schemars(with = "super::schema::Slug")]
    pub id: String,
    #[schemars(length(min = 1))]
    pub prompt: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<super::schema::Slug>")]
    pub claims: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<super::schema::Slug>")]
    pub exchanges: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<QuestionKind>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<Difficulty>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("exclusiveMinimum" = 0, "maximum" = 1000))]
    pub points: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shuffle: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated_from: Option<GeneratedFrom>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lint_allow: Vec<LintAllow>,
}

/// A choice of a single or multiple question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<super::schema::Slug>")]
    pub id: Option<String>,
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub correct: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = -1, max = 1))]
    pub credit: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
}

impl Choice {
    /// What results record for this choice: its id, else its text.
    pub fn record_name(&self) -> &str {
        self.id.as_deref().unwrap_or(&self.text)
    }
}

/// An accepted (or known wrong) short answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShortAnswer {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = -1, max = 1))]
    pub credit: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
}

/// A partly-credited numeric range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumericRange {
    pub min: f64,
    pub max: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = -1, max = 1))]
    pub credit: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
}

/// One left–right pair of a match question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MatchPair {
    pub left: String,
    pub right: String,
}

/// Defines [`QuestionBody`] and [`QuestionType`] from one list of the
/// seven types, each with its `type` name and fields, and derives from it
/// what other code would otherwise copy by hand: the type names, each
/// type's field names and a typed check of each field on its own.
macro_rules! question_types {
    (
        $(#[$body_meta:meta])*
        pub enum QuestionBody {
            $(
                $variant:ident = $name:literal {
                    $($(#[$field_meta:meta])* $field:ident: $field_type:ty,)*
                },
            )*
        }
    ) => {
        $(#[$body_meta])*
        pub enum QuestionBody {
            $($variant {
                $($(#[$field_meta])* $field: $field_type,)*
            },)*
        }

        /// The seven question types.
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
        )]
        #[serde(rename_all = "kebab-case")]
        pub enum QuestionType {
            $($variant,)*
        }

        impl QuestionType {
            /// Every type, in the order of BANK-FORMAT.md.
            pub const ALL: &[QuestionType] = &[$(QuestionType::$variant,)*];

            /// The `type` names, in the order of [`Self::ALL`].
            pub const NAMES: &[&str] = &[$($name,)*];

            /// The name used in files and results.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(QuestionType::$variant => $name,)*
                }
            }

            /// The type called `name` in a file.
            pub fn from_name(name: &str) -> Option<QuestionType> {
                QuestionType::ALL.iter().copied().find(|kind| kind.as_str() == name)
            }

            /// The fields this type takes besides `type` and the common ones.
            pub fn body_fields(self) -> &'static [&'static str] {
                match self {
                    $(QuestionType::$variant => &[$(stringify!($field),)*],)*
                }
            }

            /// The type error of one of this type's fields, typed on its own
            /// (serde loses the path inside the internally tagged
            /// [`QuestionBody`]); `None` when it is fine or not a field of this type.
            pub fn field_type_error(
                self,
                field: &str,
                value: &serde_json::Value,
            ) -> Option<serde_path_to_error::Error<serde_json::Error>> {
                match self {
                    $(QuestionType::$variant => {
                        $(if field == stringify!($field) {
                            return serde_path_to_error::deserialize::<_, $field_type>(value).err();
                        })*
                        None
                    })*
                }
            }
        }

        impl QuestionBody {
            /// Which of the seven types this is.
            pub fn question_type(&self) -> QuestionType {
                match self {
                    $(QuestionBody::$variant { .. } => QuestionType::$variant,)*
                }
            }
        }
    };
}

question_types! {
    /// The type-specific part of a question.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(tag = "type", rename_all = "kebab-case")]
    pub enum QuestionBody {
        Single = "single" {
            #[schemars(length(min = 2))]
            choices: Vec<Choice>,
        },
        Multiple = "multiple" {
            #[schemars(length(min = 2))]
            choices: Vec<Choice>,
        },
        TrueFalse = "true-false" {
            answer: bool,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            feedback_true: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            feedback_false: Option<String>,
        },
        Short = "short" {
            answers: Vec<ShortAnswer>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            #[schemars(range(max = 2))]
            fuzzy: Option<u8>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            #[schemars(with = "Option<super::schema::Slug>")]
            accept_aliases_of: Option<String>,
        },
        Numeric = "numeric" {
            answer: f64,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            #[schemars(range(min = 0))]
            tolerance: Option<f64>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            ranges: Vec<NumericRange>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            unit: Option<String>,
        },
        Match = "match" {
            #[schemars(length(min = 2))]
            pairs: Vec<MatchPair>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            extra_right: Vec<String>,
        },
        Order = "order" {
            #[schemars(length(min = 2))]
            items: Vec<String>,
        },
    }
}

/// The `type` names of the seven question types, in the order of BANK-FORMAT.md.
pub const QUESTION_TYPE_NAMES: &[&str] = QuestionType::NAMES;

/// A question: the shared fields plus its type's fields, flat in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub common: QuestionCommon,
    pub body: QuestionBody,
}

impl Question {
    /// Points the question is worth (default 1).
    pub fn points(&self) -> f64 {
        self.common.points.unwrap_or(1.0)
    }

    /// Whether single/multiple choices are shown shuffled.
    pub fn shuffles_choices(&self) -> bool {
        self.common.shuffle.unwrap_or(true)
    }

    pub fn id(&self) -> &str {
        &self.common.id
    }
}

impl Serialize for Question {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error as _;
        let serde_json::Value::Object(mut object) =
            serde_json::to_value(&self.common).map_err(S::Error::custom)?
        else {
            return Err(S::Error::custom("question fields are not an object"));
        };
        if let serde_json::Value::Object(body) =
            serde_json::to_value(&self.body).map_err(S::Error::custom)?
        {
            object.extend(body);
        }
        object.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Question {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(super::question_de::QuestionVisitor)
    }
}

/// A generator template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Template {
    WhoSaid,
    EvidenceOffered,
    Support,
    Evasion,
}

impl Template {
    pub fn as_str(self) -> &'static str {
        match self {
            Template::WhoSaid => "who-said",
            Template::EvidenceOffered => "evidence-offered",
            Template::Support => "support",
            Template::Evasion => "evasion",
        }
    }
}

/// Ids a generator runs over: a list, or `"*"` for all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum IdSelection {
    All(AllMarker),
    Ids(#[schemars(with = "Vec<super::schema::Slug>")] Vec<String>),
}

/// The literal `"*"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum AllMarker {
    #[serde(rename = "*")]
    All,
}

/// One entry of `generate`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Generator {
    pub template: Template,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claims: Option<IdSelection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchanges: Option<IdSelection>,
}

/// When feedback is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "kebab-case")]
pub enum FeedbackMode {
    #[default]
    Immediate,
    End,
}

impl FeedbackMode {
    pub fn as_str(self) -> &'static str {
        match self {
            FeedbackMode::Immediate => "immediate",
            FeedbackMode::End => "end",
        }
    }
}

/// A named quiz preset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuizPreset {
    #[schemars(with = "super::schema::Slug")]
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub count: Option<usize>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<QuestionKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<FeedbackMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub time_limit_s: Option<u64>,
    /// Each question's own time limit in seconds: an unanswered question
    /// earns 0 when it runs out and the next one is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub question_time_limit_s: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 1))]
    pub pass_mark: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<bool>,
    /// Draw at least this many `support` questions whose claim the report
    /// supports or leaves open, and at least this many whose claim it does
    /// not support (as far as the bank has them), so every draw rewards
    /// discernment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub support_balance: Option<usize>,
}

impl Bank {
    /// A bank of questions only: no actors, claims, exchanges, presets or
    /// generators, and a source of kind `other` with nothing stated (what an
    /// importer starts from before the claims table is written).
    pub fn of_questions(id: String, title: String, questions: Vec<Question>) -> Bank {
        Bank {
            format: BANK_FORMAT.to_string(),
            id,
            title,
            description: None,
            language: None,
            source: Source {
                kind: SourceKind::Other,
                title: None,
                outlet: None,
                date: None,
                url: None,
                note: None,
            },
            briefing: None,
            reading: Vec::new(),
            actors: Vec::new(),
            claims: Vec::new(),
            exchanges: Vec::new(),
            questions,
            generate: Vec::new(),
            quizzes: Vec::new(),
            default_quiz: None,
            lint_allow: Vec::new(),
            subject_hashes: std::collections::BTreeMap::default(),
        }
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|actor| actor.id == id)
    }

    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|claim| claim.id == id)
    }

    pub fn exchange(&self, id: &str) -> Option<&Exchange> {
        self.exchanges.iter().find(|exchange| exchange.id == id)
    }

    pub fn preset(&self, id: &str) -> Option<&QuizPreset> {
        self.quizzes.iter().find(|preset| preset.id == id)
    }

    /// How a sentence refers to an actor id (see [`Actor::mention`]).
    pub fn actor_mention(&self, id: &str) -> String {
        self.actor(id)
            .map_or_else(|| id.to_string(), Actor::mention)
    }

    /// The label of an actor id, or the id itself when unknown.
    pub fn actor_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.actor(id).map_or(id, Actor::label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn kind_names_are_serdes() {
        for kind in QuestionKind::ALL {
            assert_eq!(
                serde_json::to_value(kind).expect("JSON"),
                Value::String(kind.as_str().to_string())
            );
        }
    }

    /// The names and fields `question_types!` derives agree with what serde
    /// reads and with the JSON Schema of each type.
    #[test]
    fn type_names_and_fields_are_serdes() {
        let schema = serde_json::to_value(schemars::schema_for!(QuestionBody)).expect("schema");
        let variants = schema["oneOf"].as_array().expect("one object per type");
        assert_eq!(variants.len(), QuestionType::ALL.len());
        for (&question_type, variant) in QuestionType::ALL.iter().zip(variants) {
            assert_eq!(
                serde_json::to_value(question_type).expect("JSON"),
                Value::String(question_type.as_str().to_string())
            );
            assert_eq!(
                variant["properties"]["type"]["const"],
                Value::String(question_type.as_str().to_string())
            );
            let mut from_schema: Vec<&str> = variant["properties"]
                .as_object()
                .expect("properties")
                .keys()
                .map(String::as_str)
                .filter(|field| *field != "type")
                .collect();
            let mut derived = question_type.body_fields().to_vec();
            from_schema.sort_unstable();
            derived.sort_unstable();
            assert_eq!(derived, from_schema, "{}", question_type.as_str());
            assert_eq!(
                QuestionType::from_name(question_type.as_str()),
                Some(question_type)
            );
        }
    }

    #[test]
    fn each_field_is_typed_on_its_own() {
        let wrong = Value::String("x".into());
        for &question_type in QuestionType::ALL {
            for field in question_type.body_fields() {
                let takes_text = [
                    "accept_aliases_of",
                    "feedback_true",
                    "feedback_false",
                    "unit",
                ]
                .contains(field);
                assert_eq!(
                    question_type.field_type_error(field, &wrong).is_some(),
                    !takes_text,
                    "{field}"
                );
            }
        }
        assert!(
            QuestionType::Single
                .field_type_error("answer", &wrong)
                .is_none()
        );
    }
}
