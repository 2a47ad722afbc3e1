//! The claims table as a handout (`crossexam claims`): who said what,
//! through whom, in which words, with what evidence, what the report shows
//! and what counters it. Plain text (wrapped blocks) or markdown (a table
//! plus counters and context sections). The student version leaves out
//! everything that answers a question. Every piece of bank text passes
//! through [`clean`]; markdown cells are escaped as well.

use super::clean;
use super::render::wrap_indented;
use crate::bank::{
    Actor, ActorKind, Attribution, Bank, Claim, QuestionKind, StatementKind, Support, generate,
    giveaway,
};
use crate::formats::markdown::cell;
use crate::wording::lower_first;
use std::collections::BTreeSet;
use std::io::{self, Write};

/// Which version of the handout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Everything, for the trainer.
    Trainer,
    /// The claims in the report's words: nothing any question of the bank asks.
    Student,
}

/// The width of the label column in text blocks (indent included).
const LABEL: usize = 17;

/// The claims table as wrapped text blocks.
pub fn text(out: &mut dyn Write, bank: &Bank, audience: Audience) -> io::Result<()> {
    wrap_indented(out, &format!("Claims: {}", bank.title), "", "")?;
    wrap_indented(
        out,
        &format!("Source: {}", source_line(bank)),
        "",
        "        ",
    )?;
    wrap_indented(out, &intro(bank, audience), "", "")?;
    let asked = Asked::of(bank);
    for (number, claim) in bank.claims.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "{}. {}", number + 1, clean(&claim.id))?;
        for (label, value) in rows(bank, claim, audience, &asked) {
            let head = format!("   {label:<width$}", width = LABEL - 3);
            debug_assert!(head.len() == LABEL && head.ends_with(' '));
            wrap_indented(out, &value, &head, &" ".repeat(LABEL))?;
        }
    }
    Ok(())
}

/// The claims table as markdown: a table, then counters and context.
pub fn markdown(out: &mut dyn Write, bank: &Bank, audience: Audience) -> io::Result<()> {
    writeln!(out, "# Claims: {}", cell(&bank.title))?;
    writeln!(out)?;
    writeln!(out, "Source: {}", cell(&source_line(bank)))?;
    writeln!(out)?;
    writeln!(out, "{}", cell(&intro(bank, audience)))?;
    writeln!(out)?;
    let trainer = audience == Audience::Trainer;
    let asked = Asked::of(bank);
    let attribution = asked.shows_attribution(audience);
    let mut headers = vec!["Id", "Claim"];
    if attribution {
        headers.extend(["Said by", "Through", "Attribution"]);
    }
    headers.push("Report's wording");
    if trainer {
        headers.extend(["Statement", "Evidence", "Report shows"]);
    }
    writeln!(out, "| {} |", headers.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(headers.len()))?;
    for claim in &bank.claims {
        let mut cells = vec![
            format!("`{}`", cell(&claim.id)),
            if asked.shows_text(audience, claim) {
                cell(&claim.text)
            } else {
                "(asked in the quiz)".to_string()
            },
        ];
        if attribution {
            cells.push(cell(&speaker(bank, &claim.by)));
            cells.push(cell(&through(bank, claim).unwrap_or_else(|| "—".into())));
            cells.push(cell(attribution_word(claim.attribution)));
        }
        cells.push(cell(
            &asked
                .wording(bank, claim, audience)
                .unwrap_or_else(|| "—".into()),
        ));
        if trainer {
            cells.push(cell(statement(claim.statement)));
            cells.push(cell(&claim.evidence_summary()));
            cells.push(cell(support_words(claim.support)));
        }
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    if attribution {
        writeln!(out)?;
        writeln!(
            out,
            "Attribution: direct = presented as the speaker's own statement; reported = second-hand; ambiguous = the report does not make clear whose words these are."
        )?;
    }
    if !trainer {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(
        out,
        "Report shows: unsupported = only the speaker's word, or evidence that does not reach the claim; cannot tell = no basis either way; not checkable = an opinion or a question."
    )?;
    let countering: Vec<&Claim> = bank
        .claims
        .iter()
        .filter(|claim| !claim.counters.is_empty())
        .collect();
    if !countering.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Counters")?;
        writeln!(out)?;
        for claim in countering {
            for counter in &claim.counters {
                let other = bank
                    .claim(&counter.claim)
                    .map_or_else(String::new, |other| {
                        format!(" ({})", cell(bank.actor_label(&other.by)))
                    });
                writeln!(
                    out,
                    "- `{}` ({}) counters `{}`{other} on {}",
                    cell(&claim.id),
                    cell(bank.actor_label(&claim.by)),
                    cell(&counter.claim),
                    cell(&counter.on)
                )?;
            }
        }
    }
    let with_context: Vec<&Claim> = bank
        .claims
        .iter()
        .filter(|claim| claim.context.is_some())
        .collect();
    if !with_context.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Context")?;
        writeln!(out)?;
        for claim in with_context {
            writeln!(
                out,
                "- `{}`: {}",
                cell(&claim.id),
                cell(claim.context.as_deref().unwrap_or_default())
            )?;
        }
    }
    Ok(())
}

fn intro(bank: &Bank, audience: Audience) -> String {
    let count = match bank.claims.len() {
        1 => "1 claim".to_string(),
        n => format!("{n} claims"),
    };
    match audience {
        Audience::Trainer => format!(
            "{count}. \"Through\" is the chain the words reach the reader by; \"Report shows\" is what the report itself shows for the claim, not whether it is true."
        ),
        Audience::Student => format!(
            "{count}. For each: who said it, what kind of statement is it, what evidence comes with it, and what does the report itself show for it? What the quiz asks is left for you to find in the report."
        ),
    }
}

/// What the bank's questions ask, so the student handout can leave it out:
/// who said a claim and through whom (who-said and attribution items ask
/// it), and a claim's paraphrase where a paraphrase item asks for one.
/// Statement kind, evidence, support, counters and context are always
/// left out of the student handout.
struct Asked {
    attribution: bool,
    paraphrased: BTreeSet<String>,
}

impl Asked {
    fn of(bank: &Bank) -> Self {
        // The questions a quiz uses: the authored ones, then the generated
        // ones no authored question covers.
        let generated = generate::uncovered_generated(bank);
        let questions = || bank.questions.iter().chain(&generated);
        let attribution = questions().any(|question| {
            matches!(
                question.common.kind,
                Some(QuestionKind::WhoSaid | QuestionKind::AttributionVerb)
            )
        });
        let paraphrased = questions()
            .filter(|question| question.common.kind == Some(QuestionKind::Paraphrase))
            .flat_map(|question| question.common.claims.iter().cloned())
            .collect();
        Asked {
            attribution,
            paraphrased,
        }
    }

    fn shows_attribution(&self, audience: Audience) -> bool {
        audience == Audience::Trainer || !self.attribution
    }

    fn shows_text(&self, audience: Audience, claim: &Claim) -> bool {
        audience == Audience::Trainer || !self.paraphrased.contains(&claim.id)
    }

    /// The report's wording, without phrases that name the speaker when
    /// attribution is asked ("India blamed groups").
    fn wording(&self, bank: &Bank, claim: &Claim, audience: Audience) -> Option<String> {
        if self.shows_attribution(audience) {
            return wording(claim);
        }
        let mut kept = claim.clone();
        kept.report_wording
            .retain(|phrase| !giveaway::mentions_actor(bank, &claim.by, phrase));
        wording(&kept)
    }
}

/// The labelled rows of one claim's text block.
fn rows(
    bank: &Bank,
    claim: &Claim,
    audience: Audience,
    asked: &Asked,
) -> Vec<(&'static str, String)> {
    let mut rows = Vec::new();
    if asked.shows_attribution(audience) {
        rows.push(("Said by", speaker(bank, &claim.by)));
        if let Some(chain) = through(bank, claim) {
            rows.push(("Through", chain));
        }
    }
    if asked.shows_text(audience, claim) {
        rows.push(("Claim", claim.text.clone()));
    }
    if asked.shows_attribution(audience) {
        rows.push(("Attribution", attribution(claim.attribution).to_string()));
    }
    if let Some(words) = asked.wording(bank, claim, audience) {
        rows.push(("Wording", words));
    }
    if audience == Audience::Student {
        return rows;
    }
    rows.push(("Statement", statement(claim.statement).to_string()));
    rows.push(("Evidence", claim.evidence_summary()));
    rows.push(("Report shows", support(claim.support).to_string()));
    for counter in &claim.counters {
        let other = bank
            .claim(&counter.claim)
            .map_or_else(String::new, |other| {
                format!(" ({})", bank.actor_label(&other.by))
            });
        rows.push((
            "Counters",
            format!("{}{other}, on {}", counter.claim, counter.on),
        ));
    }
    if let Some(context) = &claim.context {
        rows.push(("Context", context.clone()));
    }
    rows
}

fn source_line(bank: &Bank) -> String {
    let source = &bank.source;
    let kind = serde_json::to_value(source.kind)
        .ok()
        .and_then(|value| value.as_str().map(|kind| kind.replace('-', " ")))
        .unwrap_or_default();
    let mut parts = vec![kind];
    let mut missing = Vec::new();
    for (name, value) in [
        ("title", &source.title),
        ("outlet", &source.outlet),
        ("date", &source.date),
    ] {
        match value {
            Some(value) => parts.push(value.clone()),
            None => missing.push(name),
        }
    }
    if !missing.is_empty() {
        let list = match missing.as_slice() {
            [one] => (*one).to_string(),
            [first @ .., last] => format!("{} and {last}", first.join(", ")),
            [] => String::new(),
        };
        parts.push(format!("{list} not stated"));
    }
    parts.join("; ")
}

/// "Khawaja Asif (Defence Minister of Pakistan)", "CNN anchor", or the id when unknown.
fn speaker(bank: &Bank, id: &str) -> String {
    bank.actor(id)
        .map_or_else(|| id.to_string(), describe_actor)
}

fn describe_actor(actor: &Actor) -> String {
    match (&actor.name, actor.kind) {
        (_, ActorKind::Reporter) => format!("the reporter ({})", lower_first(&actor.role)),
        (Some(name), _) if *name != actor.role => format!("{name} ({})", actor.role),
        (Some(name), _) => name.clone(),
        (None, _) => actor.role.clone(),
    }
}

fn through(bank: &Bank, claim: &Claim) -> Option<String> {
    if claim.via.is_empty() {
        return None;
    }
    let chain: Vec<String> = claim
        .via
        .iter()
        .map(|id| match bank.actor(id) {
            Some(actor) if actor.kind == ActorKind::Reporter => "the reporter".to_string(),
            // A name keeps its capitals; a role goes on mid-sentence ("CNN anchor" stays).
            Some(actor) => actor
                .name
                .clone()
                .unwrap_or_else(|| lower_first(&actor.role)),
            None => id.clone(),
        })
        .collect();
    Some(chain.join(", then "))
}

fn wording(claim: &Claim) -> Option<String> {
    if claim.report_wording.is_empty() {
        return None;
    }
    let quoted: Vec<String> = claim
        .report_wording
        .iter()
        .map(|phrase| format!("\"{phrase}\""))
        .collect();
    let mut words = quoted.join(" · ");
    if claim.direct_quote {
        words.push_str(" (the speaker's own words, quoted)");
    }
    Some(words)
}

fn attribution(attribution: Attribution) -> &'static str {
    match attribution {
        Attribution::Direct => "direct: presented as the speaker's own statement",
        Attribution::Reported => "reported: second-hand",
        Attribution::Ambiguous => "ambiguous: the report does not make clear whose words these are",
    }
}

/// The one-word attribution, for table cells.
fn attribution_word(attribution: Attribution) -> &'static str {
    match attribution {
        Attribution::Direct => "direct",
        Attribution::Reported => "reported",
        Attribution::Ambiguous => "ambiguous",
    }
}

/// What the report shows, in a few words, for table cells.
fn support_words(support: Support) -> &'static str {
    match support {
        Support::Supported => "supported",
        Support::Unsupported => "unsupported",
        Support::CannotTell => "cannot tell",
        Support::NotCheckable => "not checkable",
    }
}

fn statement(kind: StatementKind) -> &'static str {
    match kind {
        StatementKind::Factual => "factual",
        StatementKind::Accusation => "accusation",
        StatementKind::Denial => "denial",
        StatementKind::Warning => "warning",
        StatementKind::Offer => "offer",
        StatementKind::Admission => "admission",
        StatementKind::Opinion => "opinion",
        StatementKind::Question => "question (rhetorical)",
    }
}

fn support(support: Support) -> &'static str {
    match support {
        Support::Supported => "supported",
        Support::Unsupported => {
            "unsupported: only the speaker's word, or evidence that does not reach the claim"
        }
        Support::CannotTell => "cannot tell: no basis either way",
        Support::NotCheckable => "not checkable: an opinion or a question",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_escape_pipes_and_markup() {
        assert_eq!(cell("a | b"), "a \\| b");
        assert_eq!(cell("*bold* and `code`"), "\\*bold\\* and \\`code\\`");
        assert_eq!(cell("two\nlines"), "two lines");
        assert_eq!(cell("<script>"), "\\<script\\>");
    }

    /// Regression: a named go-between was shown as "khawaja Asif".
    #[test]
    fn a_chain_keeps_names_whole_and_lowers_roles() {
        let loaded = crate::bank::load_str(
            "via.json",
            r#"{"format": "crossexam-bank/1", "id": "via", "title": "Via", "source": {"kind": "interview"},
              "actors": [
                {"id": "minister", "kind": "person", "name": "Khawaja Asif", "role": "Defence Minister"},
                {"id": "host", "kind": "person", "role": "Radio host"},
                {"id": "army", "kind": "group", "role": "Army spokesman"}],
              "claims": [{"id": "talks", "by": "army", "via": ["minister", "host"], "attribution": "reported",
                "text": "Talks will start.", "statement": "factual", "support": "cannot-tell", "evidence": []}],
              "questions": []}"#,
        )
        .expect("the bank loads");
        let bank = &loaded.bank;
        assert_eq!(
            through(bank, &bank.claims[0]).as_deref(),
            Some("Khawaja Asif, then radio host")
        );
    }
}
