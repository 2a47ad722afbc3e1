//! Reading Moodle GIFT into a bank: the whole grammar as Moodle's importer
//! and the gift-pegjs grammar read it — `$CATEGORY:`, `::title::`, `//`
//! comments with `[id:…]` and `[tag:…]`, choices `=`/`~` with weights
//! `%50%`/`%-50%` and feedback `#`, multiple answer, true/false with both
//! feedbacks, short answer, numeric `#x:t`, `#a..b` and partial-credit
//! numeric answers, matching `->`, missing word, general feedback `####`,
//! escapes `\~ \= \# \{ \} \: \\ \n`, `[markdown]`/`[html]`/`[plain]`/
//! `[moodle]` prefixes, and blank lines between questions.
//!
//! Questions crossexam has no form for (essay, description) are set aside
//! with a warning naming their line; syntax errors name line and column.

use super::super::{ImportError, Imported, Importer, SetAside, is_full};
use crate::bank::spans::{JsonPath, LineCol, LineIndex, floor_char_boundary};
use crate::bank::{
    Bank, Choice, Diagnostic, Finding, MatchPair, NumericRange, Question, QuestionBody,
    QuestionCommon, RuleId, ShortAnswer, validate,
};
use std::borrow::Cow;

/// The GIFT importer.
pub struct GiftImporter;

impl Importer for GiftImporter {
    fn import(&self, file: &str, text: &str, bank_id: &str) -> Result<Imported, ImportError> {
        let text = crate::input::strip_bom(text);
        let positions = Positions::new(text);
        let mut reader = Reader {
            file,
            text,
            positions: &positions,
            errors: Vec::new(),
            findings: Vec::new(),
            set_aside: Vec::new(),
            questions: Vec::with_capacity(text.len() / 256),
            lines: Vec::with_capacity(text.len() / 256),
            ids: crate::author::draft::Ids::with_capacity(text.len() / 256),
            bank_name: None,
            answer_starts: Vec::new(),
        };
        reader.read_all();
        if !reader.errors.is_empty() {
            return Err(ImportError::Invalid {
                file: file.to_string(),
                text: text.to_string(),
                diagnostics: reader.errors,
            });
        }
        let Reader {
            mut findings,
            mut set_aside,
            questions,
            lines,
            bank_name,
            ..
        } = reader;
        let mut bank = Bank::of_questions(
            bank_id.to_string(),
            bank_name.unwrap_or_else(|| format!("Imported from {}", base_name(file))),
            questions,
        );
        bank.source.note = Some(format!(
            "imported from the GIFT file {}; the claims table is still to be written",
            base_name(file)
        ));
        // Questions the engine could not use are set aside with the reason,
        // the rest of the bank is kept. Only the questions need checking:
        // the importer gives them unique slug ids and no references.
        let rejected: Vec<(usize, String)> = bank
            .questions
            .iter()
            .enumerate()
            .filter_map(|(index, question)| {
                let finding = validate::question_errors(question).into_iter().next()?;
                Some((index, finding.message))
            })
            .collect();
        let mut kept = vec![true; bank.questions.len()];
        for (index, message) in rejected.iter().rev() {
            let question = &bank.questions[*index];
            kept[*index] = false;
            let (start, end) = lines[*index];
            findings.push(positions.warning(
                file,
                start,
                RuleId::GiftUnusable,
                format!("question `{}` set aside: {message}", question.id()),
                "it is kept under \"x-gift-set-aside\" in the written bank; fix it there or in the GIFT file",
            ));
            set_aside.push(SetAside {
                line: positions.line_col(start).line,
                kind: "unusable".to_string(),
                text: text[start..end].trim().to_string(),
            });
        }
        let mut kept = kept.into_iter();
        bank.questions.retain(|_| kept.next().unwrap_or(true));
        set_aside.sort_by_key(|item| item.line);
        findings.sort_by_key(|diagnostic| (diagnostic.line, diagnostic.column));
        findings.push(Diagnostic {
            severity: crate::bank::Severity::Note,
            rule: RuleId::GiftNoClaims,
            file: file.to_string(),
            line: 1,
            column: 1,
            message:
                "GIFT has no claims table: the bank has no source details, actors or claims yet"
                    .to_string(),
            hint: Some(
                "add them, link questions to claims, then run `crossexam check` on the bank"
                    .to_string(),
            ),
            offset: 0,
        });
        if crate::bank::text::is_blank(&bank.title) {
            bank.title = format!("Imported from {}", base_name(file));
        }
        Ok(Imported {
            bank,
            findings,
            set_aside,
        })
    }
}

fn base_name(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

/// Lines and columns of offsets in the file, from an index of its lines
/// built on first use, so a file with many findings is still read in linear
/// time (one [`Diagnostic::at_offset`] scans the text up to its offset).
struct Positions<'a> {
    text: &'a str,
    lines: std::cell::OnceCell<LineIndex>,
}

impl<'a> Positions<'a> {
    fn new(text: &'a str) -> Self {
        Positions {
            text,
            lines: std::cell::OnceCell::new(),
        }
    }

    fn line_col(&self, offset: usize) -> LineCol {
        self.lines
            .get_or_init(|| LineIndex::new(self.text))
            .line_col(self.text, offset)
    }

    /// What [`Diagnostic::at_offset`] gives.
    fn diagnostic(&self, finding: Finding, file: &str, offset: usize) -> Diagnostic {
        let offset = floor_char_boundary(self.text, offset);
        Diagnostic::located(finding, file, offset, self.line_col(offset))
    }

    fn warning(
        &self,
        file: &str,
        offset: usize,
        rule: RuleId,
        message: String,
        hint: &str,
    ) -> Diagnostic {
        let finding = Finding::warning(rule, JsonPath::root(), message).hint(hint);
        self.diagnostic(finding, file, offset)
    }
}

/// Text formats of GIFT's `[format]` prefixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextFormat {
    Moodle,
    Plain,
    Markdown,
    Html,
}

/// One answer of an answer block: marker, weight, text and feedback.
struct Answer<'a> {
    marker: u8,
    /// Where the marker is (offset in the file).
    at: usize,
    weight: Option<f64>,
    text: &'a str,
    text_at: usize,
    feedback: Option<&'a str>,
}

struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    positions: &'a Positions<'a>,
    errors: Vec<Diagnostic>,
    findings: Vec<Diagnostic>,
    set_aside: Vec<SetAside>,
    questions: Vec<Question>,
    /// Where each question starts and ends (offsets in the file).
    lines: Vec<(usize, usize)>,
    /// The ids given so far.
    ids: crate::author::draft::Ids,
    bank_name: Option<String>,
    /// Where the answers of the current answer block start (reused).
    answer_starts: Vec<usize>,
}

/// The characters a backslash escapes.
fn escapable(byte: u8) -> bool {
    matches!(byte, b'\\' | b':' | b'#' | b'=' | b'{' | b'}' | b'~' | b'n')
}

/// The first unescaped occurrence of `needle` (which does not start with a
/// backslash) in `text` at or after `from`.
fn find_unescaped(text: &str, from: usize, needle: &[u8]) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut index = from;
    // Jump to the next backslash or first byte of the needle.
    while let Some(skip) = memchr::memchr2(b'\\', needle[0], bytes.get(index..)?) {
        index += skip;
        if bytes[index] == b'\\' {
            if bytes.get(index + 1).copied().is_some_and(escapable) {
                index += 2;
                continue;
            }
        } else if bytes[index..].starts_with(needle) {
            return Some(index);
        }
        index += 1;
    }
    None
}

/// Adds to `found` every unescaped position of `first` or `second`.
fn unescaped_positions(text: &str, [first, second]: [u8; 2], found: &mut Vec<usize>) {
    let bytes = text.as_bytes();
    let mut index = 0;
    while let Some(skip) = memchr::memchr3(b'\\', first, second, &bytes[index..]) {
        index += skip;
        if bytes[index] == b'\\' {
            let escaped = bytes.get(index + 1).copied().is_some_and(escapable);
            index += if escaped { 2 } else { 1 };
        } else {
            found.push(index);
            index += 1;
        }
    }
}

/// Whether `byte` is an ASCII character `char::is_whitespace` accepts.
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// `str::trim_start`, stepping over ASCII whitespace byte by byte.
fn trim_start(text: &str) -> &str {
    let start = text
        .bytes()
        .position(|byte| !is_space(byte))
        .unwrap_or(text.len());
    let rest = &text[start..];
    if rest.as_bytes().first().is_some_and(|byte| !byte.is_ascii()) {
        rest.trim_start()
    } else {
        rest
    }
}

/// `str::trim`, stepping over ASCII whitespace byte by byte (most texts of
/// a GIFT file start and end in ASCII).
fn trim(text: &str) -> &str {
    let rest = trim_start(text);
    let end = rest
        .bytes()
        .rposition(|byte| !is_space(byte))
        .map_or(0, |last| last + 1);
    let inner = &rest[..end];
    if inner.as_bytes().last().is_some_and(|byte| !byte.is_ascii()) {
        inner.trim_end()
    } else {
        inner
    }
}

/// Replaces GIFT escapes by the characters they stand for.
fn unescape(text: &str) -> Cow<'_, str> {
    if memchr::memchr(b'\\', text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    unescape_into(text, &mut out);
    Cow::Owned(out)
}

/// Appends `text` to `out` with its escapes replaced.
fn unescape_into(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(slash) = memchr::memchr(b'\\', rest.as_bytes()) {
        out.push_str(&rest[..slash]);
        match rest.as_bytes().get(slash + 1).copied() {
            Some(b'n') => out.push('\n'),
            Some(byte) if escapable(byte) => out.push(char::from(byte)),
            _ => {
                out.push('\\');
                rest = &rest[slash + 1..];
                continue;
            }
        }
        rest = &rest[slash + 2..];
    }
    out.push_str(rest);
}

/// Moodle and plain text: lines trimmed, blank ones dropped, the rest
/// joined by a space, escapes replaced.
fn joined_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines().map(trim).filter(|line| !line.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        unescape_into(line, &mut out);
    }
    out
}

/// Splits off a `[format]` prefix.
fn format_prefix(text: &str) -> (Option<TextFormat>, &str) {
    let trimmed = text.trim_start();
    for (prefix, format) in [
        ("[moodle]", TextFormat::Moodle),
        ("[plain]", TextFormat::Plain),
        ("[markdown]", TextFormat::Markdown),
        ("[html]", TextFormat::Html),
    ] {
        if let Some(rest) = trimmed.strip_prefix(prefix) {
            return (Some(format), rest);
        }
    }
    (None, text)
}

/// A text of the file as the bank keeps it: the prefix read, line breaks of
/// Moodle and plain text joined, escapes replaced, HTML reduced to its text.
fn clean_text(raw: &str, default: TextFormat) -> (String, TextFormat) {
    let trimmed = trim(raw);
    // Most text is one line with nothing to undo, or only escapes to
    // replace (what `joined_lines` and `unescape` do with one line).
    if default != TextFormat::Html && !trimmed.starts_with('[') {
        let bytes = trimmed.as_bytes();
        match memchr::memchr3(b'\n', b'\r', b'\\', bytes) {
            None => return (trimmed.to_string(), default),
            Some(slash)
                if bytes[slash] == b'\\'
                    && memchr::memchr2(b'\n', b'\r', &bytes[slash..]).is_none() =>
            {
                let mut text = String::with_capacity(trimmed.len());
                unescape_into(trimmed, &mut text);
                return (text, default);
            }
            Some(_) => {}
        }
    }
    let (format, rest) = if trimmed.starts_with('[') {
        format_prefix(trimmed)
    } else {
        (None, trimmed)
    };
    let format = format.unwrap_or(default);
    let text = match format {
        TextFormat::Moodle | TextFormat::Plain => joined_lines(rest),
        TextFormat::Markdown => unescape(rest.trim()).into_owned(),
        TextFormat::Html => html_text(&unescape(rest.trim())),
    };
    (text, format)
}

/// The text of an HTML fragment: tags dropped (block ends become line
/// breaks), entities decoded.
fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            text.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].trim().to_ascii_lowercase();
        if ["br", "br/", "/p", "/div", "/li"]
            .iter()
            .any(|name| tag == *name || tag.starts_with("br "))
        {
            text.push('\n');
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    let decoded = quick_xml::escape::unescape_with(&text, |entity| match entity {
        "nbsp" => Some("\u{a0}"),
        _ => None,
    })
    .map_or_else(|_| text.clone(), std::borrow::Cow::into_owned);
    decoded
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

impl Reader<'_> {
    fn error(&mut self, offset: usize, message: impl Into<String>, hint: &str) {
        let finding = Finding::error(RuleId::GiftSyntax, JsonPath::root(), message).hint(hint);
        self.errors
            .push(self.positions.diagnostic(finding, self.file, offset));
    }

    fn warn(&mut self, offset: usize, rule: RuleId, message: String, hint: &str) {
        self.findings.push(
            self.positions
                .warning(self.file, offset, rule, message, hint),
        );
    }

    /// Splits the file into blocks at blank lines; comment lines are read
    /// for `[id:]`/`[tag:]` and blanked out so offsets stay true.
    fn read_all(&mut self) {
        let text = self.text;
        let mut category: Vec<String> = Vec::new();
        let mut comments: Vec<&str> = Vec::new();
        // The current block: where it starts and ends, and whether comment lines are inside.
        let mut block: Option<(usize, usize, bool)> = None;
        let mut offset = 0;
        while offset < text.len() {
            let line_end = memchr::memchr(b'\n', &text.as_bytes()[offset..])
                .map_or(text.len(), |newline| offset + newline + 1);
            let line = &text[offset..line_end];
            let trimmed = trim_start(line);
            if trimmed.is_empty() {
                if let Some(span) = block.take() {
                    self.flush(span, &mut category, &mut comments);
                }
            } else if trimmed.starts_with("//") {
                comments.push(trim(trimmed));
                if let Some((_, end, with_comments)) = &mut block {
                    *end = offset + line.len();
                    *with_comments = true;
                }
            } else {
                let (_, end, _) = block.get_or_insert((offset, offset, false));
                *end = offset + line.len();
            }
            offset = line_end;
        }
        if let Some(span) = block {
            self.flush(span, &mut category, &mut comments);
        }
    }

    /// Reads one block; comment lines inside it are blanked out byte for
    /// byte, so offsets in the block are offsets in the file.
    fn flush(
        &mut self,
        (start, end, with_comments): (usize, usize, bool),
        category: &mut Vec<String>,
        comments: &mut Vec<&str>,
    ) {
        let slice = &self.text[start..end];
        if !with_comments {
            self.block(start, slice, category, comments);
            return;
        }
        let mut blanked = String::with_capacity(slice.len());
        for line in slice.split_inclusive('\n') {
            if line.trim_start().starts_with("//") {
                let content = line.trim_end_matches(['\n', '\r']);
                blanked.extend(std::iter::repeat_n(' ', content.len()));
                blanked.push_str(&line[content.len()..]);
            } else {
                blanked.push_str(line);
            }
        }
        self.block(start, &blanked, category, comments);
    }

    fn block(
        &mut self,
        start: usize,
        block: &str,
        category: &mut Vec<String>,
        comments: &mut Vec<&str>,
    ) {
        let leading = block.len() - trim_start(block).len();
        let body = &block[leading..];
        if let Some(rest) = body.strip_prefix("$CATEGORY:") {
            let line = rest.lines().next().unwrap_or("");
            *category = category_tags(line);
            if let Some(name) = category_name(line) {
                self.bank_name.get_or_insert(name);
            }
            comments.clear();
            return;
        }
        let mut id = None;
        // The category's tags, then those of the comments, each once.
        let mut tags: Vec<String> = Vec::with_capacity(category.len() + 1);
        let mut add = |tag: &str| {
            if !tags.iter().any(|known| known == tag) {
                tags.push(tag.to_string());
            }
        };
        for tag in category.iter() {
            add(tag);
        }
        for comment in comments.drain(..) {
            if id.is_none() {
                id = bracketed(comment, "[id:").next();
            }
            bracketed(comment, "[tag:").for_each(&mut add);
        }
        self.question(start + leading, body, id, tags);
    }

    fn question(&mut self, at: usize, block: &str, id: Option<&str>, tags: Vec<String>) {
        let errors_before = self.errors.len();
        let mut pos = 0;
        let mut title = None;
        if block.starts_with("::") {
            let Some(end) = find_unescaped(block, 2, b"::") else {
                self.error(
                    at,
                    "the question title is not closed",
                    "write the title as ::title:: before the question text",
                );
                return;
            };
            title = Some(unescape(trim(&block[2..end])));
            pos = end + 2;
        }
        let Some(open) = find_unescaped(block, pos, b"{") else {
            self.set_aside(
                at,
                "description",
                block,
                "a description (text without an answer block)",
            );
            return;
        };
        let Some(close) = find_unescaped(block, open + 1, b"}") else {
            self.error(
                at + open,
                "the answer block is not closed",
                "close it with `}`, or write `\\{` for a literal brace",
            );
            return;
        };
        let after = &block[close + 1..];
        if let Some(second) = find_unescaped(after, 0, b"{") {
            self.error(
                at + close + 1 + second,
                "a second answer block in one question",
                "GIFT allows one {…} per question; separate questions with a blank line, or write `\\{`",
            );
            return;
        }
        let (before, format) = clean_text(&block[pos..open], TextFormat::Moodle);
        let (after, _) = clean_text(after, format);
        let prompt = if after.is_empty() {
            before
        } else {
            format!("{before} _____ {after}").trim().to_string()
        };
        let answers_at = at + open + 1;
        let mut body_text = &block[open + 1..close];
        let mut explanation = None;
        if let Some(general) = find_unescaped(body_text, 0, b"####") {
            let (text, _) = clean_text(&body_text[general + 4..], format);
            explanation = Some(text).filter(|text| !text.is_empty());
            body_text = &body_text[..general];
        }
        let trimmed = trim(body_text);
        let trimmed_at = answers_at + (body_text.len() - trim_start(body_text).len());
        let body = if trimmed.is_empty() {
            self.set_aside(
                at,
                "essay",
                block,
                "an essay (free-text answer marked by hand)",
            );
            return;
        } else if let Some(numeric) = trimmed.strip_prefix('#') {
            self.numeric(numeric, trimmed_at + 1)
        } else if let Some(truth) = true_false(trimmed) {
            Some(self.true_false(truth, trimmed, trimmed_at, format))
        } else if trimmed.starts_with(['=', '~']) {
            self.choices(trimmed, trimmed_at, format)
        } else {
            self.error(
                trimmed_at,
                "an answer block starts with =, ~, #, T or F, or is empty",
                "mark right answers with `=` and wrong ones with `~` (e.g. {=Paris ~Lyon})",
            );
            None
        };
        if self.errors.len() > errors_before {
            return;
        }
        let Some(body) = body else {
            return;
        };
        if prompt.is_empty() {
            self.error(
                at,
                "the question has no text",
                "write the question before its {…}",
            );
            return;
        }
        let number = self.questions.len() + 1;
        let id = self.unique_id(id, title.as_deref(), number);
        self.lines.push((at, at + block.len()));
        self.questions.push(Question {
            common: QuestionCommon {
                id,
                prompt,
                explanation,
                tags,
                ..QuestionCommon::default()
            },
            body,
        });
    }

    fn set_aside(&mut self, at: usize, kind: &str, block: &str, what: &str) {
        self.warn(
            at,
            RuleId::GiftUnsupported,
            format!("{what} has no crossexam form: set aside"),
            "it is kept under \"x-gift-set-aside\" in the written bank; rewrite it as a question crossexam can score, or leave it out",
        );
        let line = self.positions.line_col(at).line;
        self.set_aside.push(SetAside {
            line,
            kind: kind.to_string(),
            text: block.trim().to_string(),
        });
    }

    /// An id from `[id:…]`, else the title, else the question's number;
    /// unique (`base-2`, `base-3`, … after the first).
    fn unique_id(&mut self, id: Option<&str>, title: Option<&str>, number: usize) -> String {
        let base = [id, title]
            .into_iter()
            .flatten()
            .map(slug)
            .find(|slug| !slug.is_empty())
            .unwrap_or_else(|| Cow::Owned(format!("q{number}")));
        self.ids.unique(&base)
    }

    /// Splits an answer block into `=`/`~` answers with weight and feedback.
    fn answers<'b>(&mut self, body: &'b str, at: usize) -> Option<Vec<Answer<'b>>> {
        let mut starts = std::mem::take(&mut self.answer_starts);
        starts.clear();
        unescaped_positions(body, [b'=', b'~'], &mut starts);
        let answers = self.split_answers(body, at, &starts);
        self.answer_starts = starts;
        answers
    }

    fn split_answers<'b>(
        &mut self,
        body: &'b str,
        at: usize,
        starts: &[usize],
    ) -> Option<Vec<Answer<'b>>> {
        let mut answers = Vec::with_capacity(starts.len());
        for (index, &start) in starts.iter().enumerate() {
            let end = starts.get(index + 1).copied().unwrap_or(body.len());
            let mut rest = &body[start + 1..end];
            let mut rest_at = at + start + 1;
            let skipped = rest.len() - trim_start(rest).len();
            rest = &rest[skipped..];
            rest_at += skipped;
            let mut weight = None;
            if let Some(after) = rest.strip_prefix('%') {
                let Some(close) = after.find('%') else {
                    self.error(
                        rest_at,
                        "a weight is not closed",
                        "write weights like %50% or %-25%",
                    );
                    return None;
                };
                match trim(&after[..close]).parse::<f64>() {
                    Ok(value) if (-100.0..=100.0).contains(&value) => weight = Some(value / 100.0),
                    _ => {
                        self.error(
                            rest_at,
                            format!("`%{}%` is not a weight", &after[..close]),
                            "a weight is a percentage from -100 to 100, like %50% or %-25%",
                        );
                        return None;
                    }
                }
                rest = &after[close + 1..];
                rest_at += close + 2;
            }
            let (text, feedback) = match find_unescaped(rest, 0, b"#") {
                Some(hash) => (&rest[..hash], Some(&rest[hash + 1..])),
                None => (rest, None),
            };
            answers.push(Answer {
                marker: body.as_bytes()[start],
                at: at + start,
                weight,
                text,
                text_at: rest_at,
                feedback,
            });
        }
        Some(answers)
    }

    fn choices(&mut self, body: &str, at: usize, format: TextFormat) -> Option<QuestionBody> {
        let answers = self.answers(body, at)?;
        let feedback = |answer: &Answer| {
            answer
                .feedback
                .map(|raw| clean_text(raw, format).0)
                .filter(|text| !text.is_empty())
        };
        if answers.iter().all(|answer| answer.marker == b'=')
            && find_unescaped(body, 0, b"->").is_some()
        {
            return self.matching(&answers, format);
        }
        if answers.iter().all(|answer| answer.marker == b'=') {
            let mut short = Vec::new();
            for answer in &answers {
                let (text, _) = clean_text(answer.text, format);
                if text == "*" {
                    self.warn(
                        answer.at,
                        RuleId::GiftLossy,
                        "the catch-all answer `*` has no crossexam form: left out".to_string(),
                        "crossexam shows the explanation after a wrong answer; put general advice there",
                    );
                    continue;
                }
                short.push(ShortAnswer {
                    text,
                    credit: answer.weight.filter(|weight| !is_full(*weight)),
                    feedback: feedback(answer),
                });
            }
            return Some(QuestionBody::Short {
                answers: short,
                fuzzy: None,
                accept_aliases_of: None,
            });
        }
        let single = answers.iter().any(|answer| answer.marker == b'=');
        let mut first_right = true;
        let mut choices: Vec<Choice> = answers
            .iter()
            .map(|answer| {
                let (text, _) = clean_text(answer.text, format);
                let (correct, credit) = if single {
                    if answer.marker == b'=' && first_right {
                        first_right = false;
                        (true, None)
                    } else if answer.marker == b'=' {
                        (false, Some(answer.weight.unwrap_or(1.0)))
                    } else {
                        (false, answer.weight.filter(|weight| *weight != 0.0))
                    }
                } else {
                    let weight = answer.weight.filter(|weight| *weight != 0.0);
                    (weight.is_some_and(|weight| weight > 0.0), weight)
                };
                Choice {
                    id: None,
                    text,
                    correct,
                    credit,
                    feedback: feedback(answer),
                }
            })
            .collect();
        if single {
            return Some(QuestionBody::Single { choices });
        }
        // The default scoring of a multiple question (+1/k right, −1/k wrong)
        // needs no credits: written that way, they are left out.
        let right = choices.iter().filter(|choice| choice.correct).count();
        if right > 0
            && choices.iter().all(|choice| {
                let expected = if choice.correct { 1.0 } else { -1.0 } / right as f64;
                choice
                    .credit
                    .is_some_and(|credit| (credit - expected).abs() < 1e-6)
            })
        {
            for choice in &mut choices {
                choice.credit = None;
            }
        }
        Some(QuestionBody::Multiple { choices })
    }

    fn matching(&mut self, answers: &[Answer], format: TextFormat) -> Option<QuestionBody> {
        let mut pairs = Vec::new();
        let mut extra_right = Vec::new();
        for answer in answers {
            let raw = match answer.feedback {
                // `#` has no meaning in a match; keep the text whole.
                Some(_) => {
                    self.error(
                        answer.at,
                        "feedback `#` in a matching question",
                        "GIFT matching answers take no feedback; write `\\#` for a literal #",
                    );
                    return None;
                }
                None => answer.text,
            };
            let Some(arrow) = find_unescaped(raw, 0, b"->") else {
                self.error(
                    answer.text_at,
                    "a matching answer without `->`",
                    "write each pair as =left -> right",
                );
                return None;
            };
            let (left, _) = clean_text(&raw[..arrow], format);
            let (right, _) = clean_text(&raw[arrow + 2..], TextFormat::Plain);
            if left.is_empty() {
                extra_right.push(right);
            } else {
                pairs.push(MatchPair { left, right });
            }
        }
        Some(QuestionBody::Match { pairs, extra_right })
    }

    fn true_false(
        &mut self,
        truth: bool,
        body: &str,
        at: usize,
        format: TextFormat,
    ) -> QuestionBody {
        let mut parts = Vec::new();
        let mut from = 0;
        while let Some(hash) = find_unescaped(body, from, b"#") {
            parts.push(hash);
            from = hash + 1;
        }
        let piece = |index: usize| -> Option<String> {
            let start = *parts.get(index)? + 1;
            let end = parts.get(index + 1).copied().unwrap_or(body.len());
            Some(clean_text(&body[start..end], format).0).filter(|text| !text.is_empty())
        };
        if parts.len() > 2 {
            self.warn(
                at + parts[2],
                RuleId::GiftLossy,
                "a true/false question takes two feedbacks; the rest is left out".to_string(),
                "write {TRUE#feedback for a wrong answer#feedback for a right answer}",
            );
        }
        // Moodle: the first feedback is for a wrong answer, the second for a right one.
        let (wrong, right) = (piece(0), piece(1));
        let (feedback_true, feedback_false) = if truth {
            (right, wrong)
        } else {
            (wrong, right)
        };
        QuestionBody::TrueFalse {
            answer: truth,
            feedback_true,
            feedback_false,
        }
    }

    fn numeric(&mut self, body: &str, at: usize) -> Option<QuestionBody> {
        let trimmed = body.trim_start();
        let at = at + (body.len() - trimmed.len());
        let owned;
        let (body, at) = if trimmed.starts_with(['=', '~']) {
            (trimmed, at)
        } else {
            // A single answer is a full-credit `=` answer.
            owned = format!("={trimmed}");
            (owned.as_str(), at.saturating_sub(1))
        };
        let answers = self.answers(body, at)?;
        let mut main: Option<(f64, f64)> = None;
        let mut ranges = Vec::new();
        for answer in &answers {
            let spec = trim(answer.text);
            let feedback = answer
                .feedback
                .map(|raw| clean_text(raw, TextFormat::Moodle).0)
                .filter(|text| !text.is_empty());
            if spec.is_empty() || spec == "*" {
                self.warn(
                    answer.at,
                    RuleId::GiftLossy,
                    "the catch-all numeric answer has no crossexam form: left out".to_string(),
                    "crossexam shows the explanation after a wrong answer; put general advice there",
                );
                continue;
            }
            let span = self.number_span(spec, answer.text_at)?;
            let credit = match answer.marker {
                b'=' => answer.weight.unwrap_or(1.0),
                _ => answer.weight.unwrap_or(0.0),
            };
            if is_full(credit) && main.is_none() {
                main = Some(match span {
                    Span::Around(value, margin) => (value, margin),
                    Span::Between(low, high) => (f64::midpoint(low, high), (high - low) / 2.0),
                });
                if feedback.is_some() {
                    self.warn(
                        answer.at,
                        RuleId::GiftLossy,
                        "the feedback of the full-credit numeric answer is left out".to_string(),
                        "crossexam shows the explanation after every answer; put it there",
                    );
                }
                continue;
            }
            let (low, high) = match span {
                Span::Around(value, margin) => (value - margin, value + margin),
                Span::Between(low, high) => (low, high),
            };
            ranges.push(NumericRange {
                min: low,
                max: high,
                credit: Some(credit).filter(|credit| *credit != 0.0),
                feedback,
            });
        }
        let Some((answer, tolerance)) = main else {
            self.error(
                at,
                "a numeric question without a full-credit answer",
                "give one answer without a weight (or with %100%), e.g. {#1822:1}",
            );
            return None;
        };
        Some(QuestionBody::Numeric {
            answer,
            tolerance: Some(tolerance).filter(|tolerance| *tolerance > 0.0),
            ranges,
            unit: None,
        })
    }

    /// `x`, `x:t` or `a..b`.
    fn number_span(&mut self, spec: &str, at: usize) -> Option<Span> {
        let number = |text: &str| {
            trim(text)
                .parse::<f64>()
                .ok()
                .filter(|value| value.is_finite())
        };
        let span = if let Some((low, high)) = spec.split_once("..") {
            number(low)
                .zip(number(high))
                .map(|(low, high)| Span::Between(low, high))
        } else if let Some((value, tolerance)) = spec.split_once(':') {
            number(value)
                .zip(number(tolerance))
                .map(|(value, tolerance)| Span::Around(value, tolerance.abs()))
        } else {
            number(spec).map(|value| Span::Around(value, 0.0))
        };
        match span {
            Some(Span::Between(low, high)) if low > high => {
                self.error(
                    at,
                    format!("`{spec}` is an empty range"),
                    "write a range low..high with low ≤ high",
                );
                None
            }
            Some(span) => Some(span),
            None => {
                self.error(
                    at,
                    format!("`{spec}` is not a number"),
                    "write 1822, 1822:2 (value and margin) or 1820..1824 (a range)",
                );
                None
            }
        }
    }
}

/// A numeric answer: a value with a margin, or a range.
#[derive(Debug, Clone, Copy)]
enum Span {
    Around(f64, f64),
    Between(f64, f64),
}

/// `T`, `TRUE`, `F` or `FALSE`, possibly followed by feedback.
fn true_false(body: &str) -> Option<bool> {
    let word = body
        .split(|c: char| c == '#' || c.is_whitespace())
        .next()
        .unwrap_or("");
    match word {
        "T" | "TRUE" => Some(true),
        "F" | "FALSE" => Some(false),
        _ => None,
    }
}

/// The values of `[name:…]` markers (`marker` is `[name:`) in a comment.
fn bracketed<'c>(comment: &'c str, marker: &'static str) -> impl Iterator<Item = &'c str> {
    let mut rest = comment;
    std::iter::from_fn(move || {
        loop {
            let start = memchr::memchr(b'[', rest.as_bytes())?;
            let Some(after) = rest[start..].strip_prefix(marker) else {
                rest = &rest[start + 1..];
                continue;
            };
            let Some(end) = memchr::memchr(b']', after.as_bytes()) else {
                rest = "";
                return None;
            };
            let value = trim(&after[..end]);
            rest = &after[end + 1..];
            if !value.is_empty() {
                return Some(value);
            }
        }
    })
}

/// The slug of an `[id:…]` or a title: the text itself when it is one
/// already (as ids written by `export --to gift` are).
fn slug(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let plain = bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes.last().is_some_and(u8::is_ascii_alphanumeric)
        && bytes
            .iter()
            .all(|&byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
        && memchr::memmem::find(bytes, b"--").is_none();
    if plain {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(crate::author::draft::slugify(text, usize::MAX))
    }
}

/// The path of a `$CATEGORY:` line without Moodle's context prefix and `top`.
fn category_path(line: &str) -> Vec<String> {
    let line = line.trim().replace("//", "\u{0}");
    line.split('/')
        .map(|part| part.replace('\u{0}', "/").trim().to_string())
        .filter(|part| !part.is_empty() && !part.starts_with('$'))
        .enumerate()
        .filter(|(index, part)| !(*index == 0 && part == "top"))
        .map(|(_, part)| part)
        .collect()
}

/// The first category segment names the bank.
fn category_name(line: &str) -> Option<String> {
    category_path(line).into_iter().next()
}

/// The category segments below the first become tags.
fn category_tags(line: &str) -> Vec<String> {
    category_path(line).into_iter().skip(1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import(text: &str) -> Imported {
        GiftImporter
            .import("test.gift", text, "test")
            .unwrap_or_else(|error| panic!("{error:?}"))
    }

    /// The byte-by-byte scan the memchr-based ones must agree with.
    fn unescaped_reference(text: &str, from: usize, wanted: impl Fn(&[u8]) -> bool) -> Vec<usize> {
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        let mut index = from;
        while index < bytes.len() {
            if bytes[index] == b'\\' && bytes.get(index + 1).copied().is_some_and(escapable) {
                index += 2;
                continue;
            }
            if wanted(&bytes[index..]) {
                found.push(index);
            }
            index += 1;
        }
        found
    }

    /// Moodle text as the importer first read it: lines joined, then unescaped char by char.
    fn joined_lines_reference(text: &str) -> String {
        let joined: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect();
        let mut out = String::new();
        let mut chars = joined
            .join(" ")
            .chars()
            .collect::<Vec<_>>()
            .into_iter()
            .peekable();
        while let Some(c) = chars.next() {
            if c == '\\'
                && let Some(&next) = chars.peek()
                && next.is_ascii()
                && escapable(next as u8)
            {
                chars.next();
                out.push(if next == 'n' { '\n' } else { next });
            } else {
                out.push(c);
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn moodle_text_agrees_with_the_reference(text in "[\\\\n:#a \t\r\n\u{a0}\u{e9}]{0,16}") {
            proptest::prop_assert_eq!(joined_lines(&text), joined_lines_reference(&text));
        }

        #[test]
        fn trimming_agrees_with_std(text in "[ \t\n\r\x0b\x0c\u{a0}\u{85}\u{2003}\u{e9}a#]{0,12}") {
            proptest::prop_assert_eq!(trim(&text), text.trim());
            proptest::prop_assert_eq!(trim_start(&text), text.trim_start());
        }

        #[test]
        fn scans_agree_with_the_byte_by_byte_reference(
            text in "[\\\\=~#:{}n>a\u{e9}-]{0,16}",
            from in 0usize..4,
        ) {
            let from = from.min(text.len());
            for needle in [&b"#"[..], b"####", b"->", b"::", b"{"] {
                let expected = unescaped_reference(&text, from, |rest| rest.starts_with(needle));
                proptest::prop_assert_eq!(find_unescaped(&text, from, needle), expected.first().copied());
            }
            let mut found = Vec::new();
            unescaped_positions(&text, [b'=', b'~'], &mut found);
            proptest::prop_assert_eq!(found, unescaped_reference(&text, 0, |rest| matches!(rest[0], b'=' | b'~')));
        }

        #[test]
        fn slugs_agree_with_slugify(text in "[a-zA-Z0-9 \u{e9}_-]{0,12}") {
            proptest::prop_assert_eq!(slug(&text), crate::author::draft::slugify(&text, usize::MAX));
        }
    }

    #[test]
    fn questions_sharing_a_title_get_numbered_ids() {
        let mut text = String::new();
        for _ in 0..3 {
            text.push_str("::Same:: Q {T}\n\n");
        }
        text.push_str("// [id:same-2]\n::Other:: Q {T}\n");
        let ids: Vec<String> = import(&text)
            .bank
            .questions
            .iter()
            .map(|question| question.id().to_string())
            .collect();
        assert_eq!(ids, ["same", "same-2", "same-3", "same-2-2"]);
    }

    #[test]
    fn escapes_are_read() {
        assert_eq!(
            unescape(r"a\=b \~ \# \{ \} \: \\ x\ny \q"),
            "a=b ~ # { } : \\ x\ny \\q"
        );
    }

    #[test]
    fn missing_word_puts_a_blank_where_the_answers_were() {
        let imported = import("Grant is {~buried =entombed ~living} in Grant's tomb.\n");
        assert_eq!(
            imported.bank.questions[0].common.prompt,
            "Grant is _____ in Grant's tomb."
        );
    }

    #[test]
    fn an_unclosed_block_names_line_and_column() {
        let Err(ImportError::Invalid { diagnostics, .. }) =
            GiftImporter.import("t.gift", "// c\n\nQ one {=a ~b}\n\nQ two {=a ~b\n", "t")
        else {
            panic!("expected an error");
        };
        assert_eq!((diagnostics[0].line, diagnostics[0].column), (5, 7));
    }

    #[test]
    fn a_comment_with_wide_characters_inside_a_block_keeps_positions_true() {
        let text = "::A:: Q\n// café — naïve\n{=a ~%x%b}\n";
        let Err(ImportError::Invalid { diagnostics, .. }) =
            GiftImporter.import("t.gift", text, "t")
        else {
            panic!("expected an error");
        };
        assert_eq!((diagnostics[0].line, diagnostics[0].column), (3, 6));
        let line_start = text[..diagnostics[0].offset]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        assert!(text[line_start..].starts_with("{=a ~%x%b}"));
    }

    #[test]
    fn categories_become_the_bank_name_and_tags() {
        let imported = import("$CATEGORY: $course$/top/Media week/Evidence\n\n::A:: Q {T}\n");
        assert_eq!(imported.bank.title, "Media week");
        assert_eq!(imported.bank.questions[0].common.tags, ["Evidence"]);
    }
}
