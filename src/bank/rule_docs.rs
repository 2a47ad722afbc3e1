//! The texts of the `check` rules, from `docs/check-rules.md` (built into
//! the binary): one section per rule, headed `## rule-id`, which
//! `check --explain RULE` prints. The page is the single source; the tests
//! keep it and [`RuleId::ALL`](super::rule::RuleId::ALL) in agreement.

use super::diagnostic::Severity;

/// `docs/check-rules.md`, as built in.
pub const CHECK_RULES_PAGE: &str = include_str!("../../docs/check-rules.md");

/// The `## rule-id` sections of the page, in page order: the id and the
/// markdown under its heading (up to the next `## ` heading).
pub fn sections() -> Vec<(&'static str, &'static str)> {
    let mut sections = Vec::new();
    let mut rest = CHECK_RULES_PAGE;
    // Each section starts at a line beginning with "## ".
    while let Some(start) = find_heading(rest) {
        let after = &rest[start + 3..];
        let (id, body) = after.split_once('\n').unwrap_or((after, ""));
        let end = find_heading(body).unwrap_or(body.len());
        sections.push((id.trim(), body[..end].trim()));
        rest = &body[end..];
    }
    sections
}

/// The byte offset of the first line of `text` that starts with `## `.
fn find_heading(text: &str) -> Option<usize> {
    if text.starts_with("## ") {
        return Some(0);
    }
    text.find("\n## ").map(|newline| newline + 1)
}

/// The markdown of one rule's section, without its heading.
pub fn section(id: &str) -> Option<&'static str> {
    sections()
        .into_iter()
        .find(|(section_id, _)| *section_id == id)
        .map(|(_, body)| body)
}

/// The severity a section states in its first line (`Severity: error. …`).
pub fn stated_severity(body: &str) -> Option<Severity> {
    let word = body
        .strip_prefix("Severity: ")?
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()?;
    [Severity::Error, Severity::Warning, Severity::Note]
        .into_iter()
        .find(|severity| severity.as_str() == word)
}

/// A section as plain text for the terminal: `###` headings on their own
/// line; paragraphs and `- ` list items rewrapped at `width` columns (never
/// inside a word or at its hyphens) and indented by two spaces; fenced code
/// kept as written.
pub fn to_plain_text(body: &str, width: usize) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let mut after_heading = false;
    let mut after_item = false;
    let mut lines = body.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let is_item = trimmed.starts_with("- ");
        let block = if let Some(heading) = trimmed.strip_prefix("### ") {
            let separator = if blocks.is_empty() { "" } else { "\n" };
            blocks.push(format!("{separator}{}", heading.trim()));
            after_heading = true;
            after_item = false;
            continue;
        } else if trimmed.starts_with("```") {
            let mut code = Vec::new();
            for code_line in lines.by_ref() {
                if code_line.trim_start().starts_with("```") {
                    break;
                }
                code.push(format!("    {code_line}"));
            }
            code.join("\n")
        } else {
            // A paragraph or a list item runs to a blank line, a heading or the next item.
            let mut text = trimmed.to_string();
            while let Some(next) = lines.peek().map(|next| next.trim()) {
                if next.is_empty()
                    || next.starts_with('#')
                    || next.starts_with("- ")
                    || next.starts_with("```")
                {
                    break;
                }
                text.push(' ');
                text.push_str(next);
                lines.next();
            }
            let (first, rest, text) = match text.strip_prefix("- ") {
                Some(item) => ("  - ", "    ", item.to_string()),
                None => ("  ", "  ", text),
            };
            let options = textwrap::Options::new(width)
                .initial_indent(first)
                .subsequent_indent(rest)
                .break_words(false)
                .word_splitter(textwrap::WordSplitter::NoHyphenation);
            textwrap::fill(&text, options)
        };
        // Blocks are separated by a blank line, except under their heading and between list items.
        if after_heading || blocks.is_empty() || (after_item && is_item) {
            blocks.push(block);
        } else {
            blocks.push(format!("\n{block}"));
        }
        after_heading = false;
        after_item = is_item;
    }
    let mut text = blocks.join("\n");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::rule::RuleId;

    /// The four parts every section has, in this order.
    const PARTS: [&str; 4] = [
        "### What it checks",
        "### Why it matters",
        "### How to fix it",
        "### How to allow it",
    ];

    #[test]
    fn every_rule_has_exactly_one_section_and_every_section_is_a_rule() {
        let sections = sections();
        for rule in RuleId::ALL {
            let count = sections.iter().filter(|(id, _)| rule == id).count();
            assert_eq!(
                count, 1,
                "docs/check-rules.md has {count} sections `## {rule}`"
            );
        }
        for (id, _) in &sections {
            assert!(
                RuleId::from_id(id).is_some(),
                "docs/check-rules.md has a section `## {id}`, but no rule has that id (every `## ` heading there must be a rule id)"
            );
        }
    }

    #[test]
    fn every_section_states_the_rules_severity_and_has_the_four_parts() {
        for rule in RuleId::ALL {
            let body = section(rule.as_str()).unwrap_or_default();
            assert_eq!(
                stated_severity(body),
                Some(rule.severity()),
                "the section of `{rule}` must start with `Severity: {}.`",
                rule.severity().as_str()
            );
            let positions: Vec<Option<usize>> = PARTS.iter().map(|part| body.find(part)).collect();
            assert!(
                positions.iter().all(Option::is_some) && positions.is_sorted(),
                "the section of `{rule}` needs the headings {PARTS:?}, in that order"
            );
            for part in PARTS {
                let after = body.split(part).nth(1).unwrap_or_default();
                let text = after.split("### ").next().unwrap_or_default();
                assert!(!text.trim().is_empty(), "`{rule}`: `{part}` is empty");
            }
        }
    }

    #[test]
    fn plain_text_rewraps_paragraphs_under_their_headings() {
        let body = "Severity: note. Listed.\n\n### What it checks\n\nA long\nparagraph here.\n\n- one item\n  continued\n- two\n\n```\n{ \"a\": 1 }\n```\n\n### Why\n\nBecause.";
        assert_eq!(
            to_plain_text(body, 78),
            "  Severity: note. Listed.\n\nWhat it checks\n  A long paragraph here.\n\n  - one item continued\n  - two\n\n    { \"a\": 1 }\n\nWhy\n  Because.\n"
        );
        let wrapped = to_plain_text(&format!("### H\n\n{}", "word ".repeat(40)), 30);
        assert!(wrapped.lines().all(|line| line.chars().count() <= 30));
    }

    #[test]
    fn severities_are_read_from_the_first_line() {
        assert_eq!(
            stated_severity("Severity: warning. Listed"),
            Some(Severity::Warning)
        );
        assert_eq!(stated_severity("Severity: fatal."), None);
        assert_eq!(stated_severity("An error."), None);
    }
}
