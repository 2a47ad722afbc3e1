//! The rules of `PEDAGOGY.md` beyond single items: support needs evidence,
//! every claim asked from two angles, a prompt must not name the speaker a
//! who-said question asks about, no bias towards "unsupported" or towards one
//! answer position; and the item-writing rules applied to generated questions.

use super::{RuleId, items, letter};
use crate::bank::spans::JsonPath;
use crate::bank::{
    Bank, Claim, EvidenceKind, Finding, Question, QuestionBody, QuestionKind, Severity, Support,
    Template, generate, giveaway, text,
};
use std::collections::BTreeSet;

pub(super) fn support_without_evidence(
    path: &JsonPath,
    claim: &Claim,
    findings: &mut Vec<Finding>,
) {
    if claim.support != Support::Supported {
        return;
    }
    let weak = |kind: EvidenceKind| {
        matches!(
            kind,
            EvidenceKind::None | EvidenceKind::SpeakerAssertion | EvidenceKind::SocialMedia
        )
    };
    if claim.evidence.iter().all(|evidence| weak(evidence.kind)) {
        let message = if claim.evidence.is_empty() {
            format!(
                "claim `{}` is marked supported but lists no evidence",
                claim.id
            )
        } else {
            let kinds: Vec<&str> = claim
                .evidence
                .iter()
                .map(|evidence| evidence.kind.describe())
                .collect();
            format!(
                "claim `{}` is marked supported on {} alone",
                claim.id,
                kinds.join(" and ")
            )
        };
        findings.push(
            Finding::error(RuleId::SupportWithoutEvidence, path.key("support"), message)
                .hint("the speaker's word or social-media posts do not support a claim: use \"unsupported\" or \"cannot-tell\", or list the evidence the report gives"),
        );
    }
}

/// Where a question is written: its entry in `questions` (`authored` is
/// its index there), or for a generated question the generator entry that
/// makes it (its claim or exchange id in the list, or the generator itself
/// for `"*"`).
fn question_path(bank: &Bank, question: &Question, authored: Option<usize>) -> Option<JsonPath> {
    let root = JsonPath::root();
    if let Some(index) = authored {
        return Some(root.key("questions").index(index));
    }
    let subject = question
        .common
        .exchanges
        .first()
        .filter(|_| question.common.kind == Some(QuestionKind::Evasion))
        .or(question.common.claims.first())?;
    bank.generate
        .iter()
        .enumerate()
        .find_map(|(index, generator)| {
            if generate::generated_id(generator.template, subject) != question.id() {
                return None;
            }
            let path = root.key("generate").index(index);
            let list = if generator.template == Template::Evasion {
                ("exchanges", generator.exchanges.as_ref())
            } else {
                ("claims", generator.claims.as_ref())
            };
            Some(match list.1 {
                Some(crate::bank::IdSelection::Ids(ids)) => ids
                    .iter()
                    .position(|id| id == subject)
                    .map_or(path.clone(), |at| path.key(list.0).index(at)),
                _ => path.key(list.0),
            })
        })
}

/// The item-writing rules on the generated questions a quiz uses: each
/// finding points at the generator entry and names the question; a
/// `lint_allow` on the claim (or exchange) accepts it.
/// `generated` are the generated questions no authored one covers.
pub(super) fn generated_findings(bank: &Bank, generated: &[Question], findings: &mut Vec<Finding>) {
    for question in generated {
        let Some(path) = question_path(bank, question, None) else {
            continue;
        };
        let mut own = Vec::new();
        items::lint_question(bank, &path, question, &mut own);
        let allowed = |rule: RuleId| {
            question
                .common
                .claims
                .iter()
                .filter_map(|id| bank.claim(id))
                .flat_map(|claim| &claim.lint_allow)
                .chain(
                    question
                        .common
                        .exchanges
                        .iter()
                        .filter_map(|id| bank.exchange(id))
                        .flat_map(|exchange| &exchange.lint_allow),
                )
                .any(|allow| allow.rule == rule.as_str())
        };
        let subject = subject_text(bank, question);
        for mut finding in own {
            if finding.severity == Severity::Warning && allowed(finding.rule) {
                continue;
            }
            // A claim's (or question's) own words, which the generator quotes,
            // are the author's to fix in the claim, not a wording of the item.
            let quoted_from_subject =
                matches!(finding.rule, RuleId::NegativeStem | RuleId::LoadedVerb)
                    && text::between(&finding.message, "`", "`").is_some_and(|word| {
                        giveaway::contains_word(&subject, &word.to_lowercase())
                    });
            // A generated who-said item offers the bank's actors by name: a long
            // name is the key on its own claims and a distractor on the others.
            let names_as_options = finding.rule == RuleId::LengthCue
                && question.common.kind == Some(QuestionKind::WhoSaid);
            if quoted_from_subject || names_as_options {
                continue;
            }
            finding.path = path.clone();
            finding.key = None;
            finding.message = format!(
                "generated question `{}`: {}",
                question.id(),
                finding.message
            );
            findings.push(finding);
        }
    }
}

/// The lower-cased words a generated question takes from its subject: its
/// claims' texts and its exchanges' questions.
fn subject_text(bank: &Bank, question: &Question) -> String {
    let claims = question
        .common
        .claims
        .iter()
        .filter_map(|id| bank.claim(id))
        .map(|claim| claim.text.as_str());
    let exchanges = question
        .common
        .exchanges
        .iter()
        .filter_map(|id| bank.exchange(id))
        .map(|exchange| exchange.asks.as_str());
    claims
        .chain(exchanges)
        .collect::<Vec<_>>()
        .join(" \n ")
        .to_lowercase()
}

/// `names-asked-speaker`: a prompt about a claim that names its speaker
/// while a who-said question asks who said it. A generated prompt that
/// names the speaker only because its claim's text does is left to
/// the plan's ordering (the claim's text is the author's to reword).
pub(super) fn names_asked_speaker(
    bank: &Bank,
    questions: &[&Question],
    findings: &mut Vec<Finding>,
) {
    let asked: BTreeSet<(giveaway::Subject, &str)> = questions
        .iter()
        .flat_map(|question| giveaway::asked_speakers(bank, question))
        .collect();
    for (index, question) in questions.iter().enumerate() {
        // The authored questions come first, in the bank's order.
        let authored = (index < bank.questions.len()).then_some(index);
        for &(subject, speaker) in &asked {
            if !subject.is_about(question)
                || !giveaway::mentions_actor(bank, speaker, &question.common.prompt)
            {
                continue;
            }
            let Some(path) = question_path(bank, question, authored) else {
                continue;
            };
            let authored = authored.is_some();
            if !authored && giveaway::mentions_actor(bank, speaker, &subject_text(bank, question)) {
                continue;
            }
            let (path, generated) = if authored {
                (path.key("prompt"), String::new())
            } else {
                (path, "generated ".to_string())
            };
            findings.push(
                Finding::warning(
                    RuleId::NamesAskedSpeaker,
                    path,
                    format!(
                        "the prompt of {generated}question `{}` names {}, {}, which a who-said question asks about",
                        question.id(),
                        bank.actor_mention(speaker),
                        match subject {
                            giveaway::Subject::Claim(claim) => format!("the speaker of claim `{claim}`"),
                            giveaway::Subject::Exchange(exchange) => format!("who asked exchange `{exchange}`"),
                        }
                    ),
                )
                .hint("word the prompt without the speaker (\"the statement that …\"); the quiz already keeps such a question after the who-said one"),
            );
        }
    }
}

pub(super) fn claim_coverage(bank: &Bank, questions: &[&Question], findings: &mut Vec<Finding>) {
    // Each claim's question kinds, from one pass over the questions.
    let mut kinds_by_claim: std::collections::HashMap<&str, BTreeSet<Option<QuestionKind>>> =
        std::collections::HashMap::new();
    for question in questions {
        for claim in &question.common.claims {
            kinds_by_claim
                .entry(claim.as_str())
                .or_default()
                .insert(question.common.kind);
        }
    }
    let no_kinds = BTreeSet::new();
    for (index, claim) in bank.claims.iter().enumerate() {
        let kinds = kinds_by_claim.get(claim.id.as_str()).unwrap_or(&no_kinds);
        if kinds.len() >= 2 {
            continue;
        }
        let message = match kinds.first() {
            None => format!("no question is about claim `{}`", claim.id),
            Some(kind) => format!(
                "claim `{}` is asked about in one kind of question only ({})",
                claim.id,
                kind.map_or("questions without a kind", QuestionKind::as_str)
            ),
        };
        findings.push(
            Finding::warning(RuleId::ClaimCoverage, JsonPath::root().key("claims").index(index).key("id"), message).hint(
                format!(
                    "ask about it from another angle, e.g. with a generator {{\"template\": \"support\", \"claims\": [\"{}\"]}}",
                    claim.id
                ),
            ),
        );
    }
}

/// Whether the right answer of a `support` question is "unsupported": the
/// claims it cites are, or (without claims) its correct choice says so.
fn answers_unsupported(bank: &Bank, question: &Question) -> bool {
    if !question.common.claims.is_empty() {
        return question.common.claims.iter().all(|id| {
            bank.claim(id)
                .is_some_and(|claim| claim.support == Support::Unsupported)
        });
    }
    match &question.body {
        QuestionBody::Single { choices } | QuestionBody::Multiple { choices } => {
            choices.iter().any(|choice| {
                choice.correct
                    && (choice.id.as_deref() == Some("unsupported")
                        || text::normalise(&choice.text).starts_with("unsupported"))
            })
        }
        _ => false,
    }
}

pub(super) fn cynicism_bias(bank: &Bank, questions: &[&Question], findings: &mut Vec<Finding>) {
    let support: Vec<&Question> = questions
        .iter()
        .copied()
        .filter(|question| question.common.kind == Some(QuestionKind::Support))
        .collect();
    let unsupported = support
        .iter()
        .filter(|question| answers_unsupported(bank, question))
        .count();
    if support.is_empty() || unsupported * 10 <= support.len() * 7 {
        return;
    }
    findings.push(
        Finding::warning(
            RuleId::CynicismBias,
            JsonPath::root(),
            format!(
                "{unsupported} of {} support questions ({}%) have \"unsupported\" as the right answer",
                support.len(),
                unsupported * 100 / support.len()
            ),
        )
        .at_key("questions")
        .hint("ask about claims the report does support too: learners should be rewarded for trusting the supported, not for doubting everything"),
    );
}

/// Up to this many fixed-order questions the p-value is exact; beyond, the
/// exact distribution's work (trials squared) gives way to the normal
/// approximation: from there on within 0.015 of the exact value, and within
/// 0.002 where the exact value is below 0.05 (where the rule can fire).
const EXACT_TRIALS: usize = 2_000;

/// Two-sided p-value of `observed` successes among independent trials with
/// success probabilities `probabilities`: exact for up to [`EXACT_TRIALS`]
/// trials, else from the normal approximation (linear work).
fn p_value(probabilities: &[f64], observed: usize) -> f64 {
    if probabilities.len() <= EXACT_TRIALS {
        exact_p_value(probabilities, observed)
    } else {
        normal_p_value(probabilities, observed)
    }
}

/// Two-sided p-value from the normal approximation of the number of
/// successes, with continuity correction.
fn normal_p_value(probabilities: &[f64], observed: usize) -> f64 {
    let mean: f64 = probabilities.iter().sum();
    let variance: f64 = probabilities.iter().map(|p| p * (1.0 - p)).sum();
    let distance = ((observed as f64 - mean).abs() - 0.5).max(0.0);
    if variance <= 0.0 {
        return if distance > 0.0 { 0.0 } else { 1.0 };
    }
    erfc(distance / (2.0 * variance).sqrt()).min(1.0)
}

/// The complementary error function, to a relative error below 1.2e-7
/// (the Chebyshev fit of Numerical Recipes' `erfcc`).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let coefficients = [
        -1.265_512_23,
        1.000_023_68,
        0.374_091_96,
        0.096_784_18,
        -0.186_288_06,
        0.278_868_07,
        -1.135_203_98,
        1.488_515_87,
        -0.822_152_23,
        0.170_872_77,
    ];
    let series = coefficients
        .iter()
        .rev()
        .fold(0.0, |sum, &coefficient| coefficient + t * sum);
    let value = t * (-z * z + series).exp();
    if x >= 0.0 { value } else { 2.0 - value }
}

/// Two-sided exact p-value of `observed` successes among independent trials
/// with success probabilities `probabilities` (a binomial test when they are
/// equal): the total probability of outcomes no more likely than the observed.
fn exact_p_value(probabilities: &[f64], observed: usize) -> f64 {
    // Two buffers of the final length, swapped after each trial: the
    // probabilities of 0..=k successes after k trials live in `[..=k]`.
    let mut distribution = vec![0.0; probabilities.len() + 1];
    let mut next = distribution.clone();
    distribution[0] = 1.0;
    for (trials, &p) in probabilities.iter().enumerate() {
        let q = 1.0 - p;
        next[0] = distribution[0] * q;
        for (slot, pair) in next[1..=trials]
            .iter_mut()
            .zip(distribution[..=trials].windows(2))
        {
            *slot = pair[0] * p + pair[1] * q;
        }
        next[trials + 1] = distribution[trials] * p;
        std::mem::swap(&mut distribution, &mut next);
    }
    let Some(&observed_probability) = distribution.get(observed) else {
        return 1.0;
    };
    let cutoff = observed_probability * (1.0 + 1e-7);
    distribution
        .iter()
        .filter(|&&probability| probability <= cutoff)
        .sum::<f64>()
        .min(1.0)
}

pub(super) fn position_bias(bank: &Bank, findings: &mut Vec<Finding>) {
    // (number of choices, position of the right one) of each fixed-order single question.
    let items: Vec<(usize, usize)> = bank
        .questions
        .iter()
        .filter(|question| !question.shuffles_choices())
        .filter_map(|question| match &question.body {
            QuestionBody::Single { choices }
                if choices.iter().filter(|c| c.correct).count() == 1 =>
            {
                Some((choices.len(), choices.iter().position(|c| c.correct)?))
            }
            _ => None,
        })
        .collect();
    if items.len() < 10 {
        return;
    }
    let positions = items.iter().map(|(count, _)| *count).max().unwrap_or(0);
    let mut worst: Option<(f64, usize, usize, f64)> = None;
    for position in 0..positions {
        let at_risk: Vec<f64> = items
            .iter()
            .filter(|(count, _)| *count > position)
            .map(|(count, _)| 1.0 / *count as f64)
            .collect();
        let observed = items.iter().filter(|(_, right)| *right == position).count();
        let p = (p_value(&at_risk, observed) * positions as f64).min(1.0);
        if worst.is_none_or(|(worst_p, ..)| p < worst_p) {
            worst = Some((p, position, observed, at_risk.iter().sum()));
        }
    }
    let Some((p, position, observed, expected)) = worst else {
        return;
    };
    if p >= 0.05 {
        return;
    }
    findings.push(
        Finding::warning(
            RuleId::PositionBias,
            JsonPath::root(),
            format!(
                "in {} fixed-order questions the right answer is choice {} {observed} times (about {expected:.1} expected; p = {p:.3})",
                items.len(),
                letter(position),
            ),
        )
        .at_key("questions")
        .hint("vary which position holds the right answer, or let the choices shuffle"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The distribution as first computed: a new list per trial.
    fn reference_p_value(probabilities: &[f64], observed: usize) -> f64 {
        let mut distribution = vec![1.0];
        for &p in probabilities {
            let mut next = vec![0.0; distribution.len() + 1];
            for (successes, &weight) in distribution.iter().enumerate() {
                next[successes] += weight * (1.0 - p);
                next[successes + 1] += weight * p;
            }
            distribution = next;
        }
        let Some(&observed_probability) = distribution.get(observed) else {
            return 1.0;
        };
        let cutoff = observed_probability * (1.0 + 1e-7);
        distribution
            .iter()
            .filter(|&&probability| probability <= cutoff)
            .sum::<f64>()
            .min(1.0)
    }

    proptest::proptest! {
        #[test]
        fn p_values_are_bit_for_bit_those_of_a_list_per_trial(
            counts in proptest::collection::vec(2usize..7, 0..60),
            observed in 0usize..70,
        ) {
            let probabilities: Vec<f64> = counts.iter().map(|&count| 1.0 / count as f64).collect();
            proptest::prop_assert_eq!(
                exact_p_value(&probabilities, observed).to_bits(),
                reference_p_value(&probabilities, observed).to_bits()
            );
        }
    }

    #[test]
    fn erfc_matches_known_values() {
        // erfc(0) = 1, erfc(1) = 0.157299207..., erfc(2) = 0.004677734..., erfc(-1) = 1.842700792...
        for (x, expected) in [
            (0.0, 1.0),
            (0.5, 0.479_500_122_186_953_5),
            (1.0, 0.157_299_207_050_285_13),
            (2.0, 0.004_677_734_981_047_266),
            (3.0, 2.209_049_699_858_544e-5),
            (-1.0, 1.842_700_792_949_715),
        ] {
            let relative = (erfc(x) - expected).abs() / expected;
            assert!(relative < 2e-7, "erfc({x}) = {} not {expected}", erfc(x));
        }
    }

    #[test]
    fn past_the_exact_limit_the_approximation_stays_close_to_the_exact_value() {
        // Mixed 2-, 3-, 4- and 5-choice questions just past the limit (mean
        // 642, standard deviation 21), observed counts from far below to far
        // above the mean, every third one within six deviations of it.
        let probabilities: Vec<f64> = (0..=EXACT_TRIALS)
            .map(|index| 1.0 / (2 + index % 4) as f64)
            .collect();
        let near = (516..=768).step_by(3);
        let far = [0, 300, 450, 500, 800, 900, 1500, EXACT_TRIALS + 1];
        let (mut worst, mut worst_where_small): (f64, f64) = (0.0, 0.0);
        for observed in near.chain(far) {
            let exact = exact_p_value(&probabilities, observed);
            let error = (exact - p_value(&probabilities, observed)).abs();
            worst = worst.max(error);
            if exact < 0.05 {
                worst_where_small = worst_where_small.max(error);
            }
        }
        assert!(worst < 0.015, "the approximation is off by {worst}");
        assert!(
            worst_where_small < 0.002,
            "below 0.05 the approximation is off by {worst_where_small}"
        );
    }

    #[test]
    fn a_hundred_thousand_trials_take_linear_work() {
        // The exact distribution would take 10^10 steps per position here.
        let probabilities = vec![0.25; 100_000];
        assert!(p_value(&probabilities, 25_000) > 0.99);
        assert!(p_value(&probabilities, 26_000) < 1e-6);
    }

    #[test]
    fn binomial_p_values() {
        // 10 of 10 at one of three positions: (1/3)^10 plus the equally unlikely tail… tiny.
        assert!(exact_p_value(&[1.0 / 3.0; 10], 10) < 0.001);
        // Exactly as expected is not significant.
        assert!(exact_p_value(&[0.5; 10], 5) > 0.99);
        // The two-sided p-value R's binom.test gives: outcomes no likelier than the observed.
        assert!((exact_p_value(&[0.5; 10], 8) - 0.109_375).abs() < 1e-9);
        assert!((exact_p_value(&[0.25; 12], 7) - 0.014_253).abs() < 1e-6);
        // Unequal probabilities (3- and 4-choice items): a Poisson-binomial distribution.
        let mixed = exact_p_value(&[1.0 / 3.0, 1.0 / 3.0, 0.25, 0.25], 4);
        assert!((mixed - (1.0 / 9.0) * (1.0 / 16.0)).abs() < 1e-12);
    }
}
