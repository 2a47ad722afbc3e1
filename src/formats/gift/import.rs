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
        // About one question per 256 bytes, as generated banks have.
        let questions = text.len() / 256;
        let mut reader = Reader {
            file,
            text,
            positions: &positions,
            errors: Vec::new(),
            findings: Vec::new(),
            set_aside: Vec::new(),
            questions: Vec::with_capacity(questions),
            lines: Vec::with_capacity(questions),
            ids: IdTable::with_capacity(questions),
            bank_name: None,
            answer_starts: Vec::new(),
            answers: Vec::new(),
            marks: Vec::new(),
            rejected: Vec::new(),
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
            rejected,
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
        // the rest of the bank is kept.
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
struct Answer {
    marker: u8,
    /// Where the marker is (offset in the file).
    at: usize,
    weight: Option<f64>,
    /// The text up to the feedback (offsets in the block).
    text: (usize, usize),
    /// Where the text starts (offset in the file).
    text_at: usize,
    /// The feedback after `#` (offsets in the block).
    feedback: Option<(usize, usize)>,
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
    ids: IdTable,
    bank_name: Option<String>,
    /// Where the answers of the current answer block start (reused).
    answer_starts: Vec<usize>,
    /// The answers of the current answer block (reused).
    answers: Vec<Answer>,
    /// The marks of the current block (reused).
    marks: Vec<usize>,
    /// The questions the engine cannot use, with the first reason.
    rejected: Vec<(usize, String)>,
}

/// The ids of the questions read so far, without a second copy of each:
/// a table from an id's hash to the question that has it, and the few ids
/// whose hash another id has already.
struct IdTable<S = foldhash::fast::FixedState> {
    hasher: S,
    questions: foldhash::HashMap<u64, usize>,
    colliding: foldhash::HashSet<String>,
    /// The next suffix to try for a base taken already.
    next_suffix: foldhash::HashMap<String, usize>,
}

impl<S: std::hash::BuildHasher + Default> IdTable<S> {
    fn with_capacity(count: usize) -> Self {
        IdTable {
            hasher: S::default(),
            questions: foldhash::HashMap::with_capacity_and_hasher(
                count,
                foldhash::fast::RandomState::default(),
            ),
            colliding: foldhash::HashSet::default(),
            next_suffix: foldhash::HashMap::default(),
        }
    }

    /// Whether a question of `questions` has the id `id`.
    fn contains(&self, id: &str, questions: &[Question]) -> bool {
        match self.questions.get(&self.hasher.hash_one(id)) {
            None => false,
            Some(&index) if questions[index].id() == id => true,
            Some(_) => self.colliding.contains(id),
        }
    }

    /// A new id from `base` for the question after `questions`: unique
    /// (`base-2`, `base-3`, … after the first), as
    /// [`crate::author::draft::Ids::unique`] makes them.
    fn unique(&mut self, base: &str, questions: &[Question]) -> String {
        let base = trim_dashes(base);
        let base = if base.is_empty() { "item" } else { base };
        let index = questions.len();
        if !self.contains(base, questions) {
            self.insert(base, index);
            return base.to_string();
        }
        let mut next = self.next_suffix.get(base).copied().unwrap_or(2);
        let id = loop {
            let id = format!("{base}-{next}");
            next += 1;
            if !self.contains(&id, questions) {
                break id;
            }
        };
        self.next_suffix.insert(base.to_string(), next);
        self.insert(&id, index);
        id
    }

    /// Records that question `index` (not yet in the list) has the new id `id`.
    fn insert(&mut self, id: &str, index: usize) {
        match self.questions.entry(self.hasher.hash_one(id)) {
            std::collections::hash_map::Entry::Vacant(entry) => {
                entry.insert(index);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.colliding.insert(id.to_string());
            }
        }
    }
}

/// The characters a backslash escapes.
fn escapable(byte: u8) -> bool {
    matches!(byte, b'\\' | b':' | b'#' | b'=' | b'{' | b'}' | b'~' | b'n')
}

/// A block's text with its marks: the offsets of its unescaped marked
/// bytes ([`is_marked`]), backslashes starting an escape included, found
/// in one pass, so that searching for a delimiter or asking whether a
/// text has escapes or line breaks reads a few marks instead of the text.
struct Block<'t> {
    text: &'t str,
    /// Where the block starts (offset in the file).
    at: usize,
    marks: &'t [usize],
}

/// Sets `marks` to the marks of `text` (see [`Block`]).
fn find_marks(text: &str, marks: &mut Vec<usize>) {
    marks.clear();
    let bytes = text.as_bytes();
    // Bytes before `free` are the escaped halves of escapes.
    let mut free = 0;
    let mut mark = |index: usize, marks: &mut Vec<usize>| {
        if index >= free {
            marks.push(index);
            if bytes[index] == b'\\' && bytes.get(index + 1).copied().is_some_and(escapable) {
                free = index + 2;
            }
        }
    };
    let mut chunks = bytes.chunks_exact(16);
    let mut start = 0;
    for chunk in &mut chunks {
        let mut found = marked_in(chunk.try_into().expect("16 bytes"));
        while found != 0 {
            mark(start + found.trailing_zeros() as usize, marks);
            found &= found - 1;
        }
        start += 16;
    }
    for (offset, &byte) in chunks.remainder().iter().enumerate() {
        if is_marked(byte) {
            mark(start + offset, marks);
        }
    }
}

/// Whether `byte` is one of the [`Block`] marks.
fn is_marked(byte: u8) -> bool {
    matches!(
        byte,
        b'\\' | b':' | b'#' | b'=' | b'{' | b'}' | b'~' | b'-' | b'\n' | b'\r'
    )
}

/// The bits of the marked bytes of `chunk`: the bytes are compared all at
/// once (the compiler vectorises the loop), and the 0/1 flags gathered
/// into bits eight at a time by a multiplication.
#[expect(
    clippy::needless_bitwise_bool,
    reason = "`||` branches per byte; `|` lets the 16 comparisons run at once"
)]
fn marked_in(chunk: &[u8; 16]) -> u16 {
    // Byte i of a flag word lands on bit 56 + i of the product.
    const GATHER: u64 = 0x0102_0408_1020_4080;
    let mut flags = [0u8; 16];
    for (flag, &byte) in flags.iter_mut().zip(chunk) {
        // `|` rather than `matches!`, which becomes a branch per byte.
        *flag = u8::from(
            (byte == b'\\')
                | (byte == b':')
                | (byte == b'#')
                | (byte == b'=')
                | (byte == b'{')
                | (byte == b'}')
                | (byte == b'~')
                | (byte == b'-')
                | (byte == b'\n')
                | (byte == b'\r'),
        );
    }
    let [low, high] = [&flags[..8], &flags[8..]].map(|half| {
        u64::from_le_bytes(half.try_into().expect("8 bytes")).wrapping_mul(GATHER) >> 56
    });
    (low | high << 8) as u16
}

impl Block<'_> {
    /// The marks in `from..to`.
    fn marks_in(&self, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
        let first = self.marks.partition_point(|&mark| mark < from);
        self.marks[first..]
            .iter()
            .copied()
            .take_while(move |&mark| mark < to)
    }

    /// The first unescaped occurrence of `needle` (which starts with a
    /// marked byte other than a backslash) in `from..to`.
    fn find<const N: usize>(&self, from: usize, to: usize, needle: &[u8; N]) -> Option<usize> {
        let bytes = &self.text.as_bytes()[..to];
        self.marks_in(from, to)
            .find(|&mark| bytes[mark..].first_chunk() == Some(needle))
    }

    /// [`clean_text`] of `from..to`, reading the marks to take the common
    /// cases (one line, no prefix; with or without escapes) without
    /// scanning the text again.
    fn clean(&self, from: usize, to: usize, default: TextFormat) -> (String, TextFormat) {
        let raw = &self.text[from..to];
        let rest = trim_start(raw);
        let trimmed = trim_end(rest);
        if default == TextFormat::Html || trimmed.starts_with('[') {
            return clean_text(raw, default);
        }
        let start = to - rest.len();
        let end = start + trimmed.len();
        let mut escapes = false;
        for mark in self.marks_in(start, end) {
            match self.text.as_bytes()[mark] {
                b'\\' => escapes = true,
                b'\n' | b'\r' => return clean_text(raw, default),
                _ => {}
            }
        }
        if !escapes {
            return (trimmed.to_string(), default);
        }
        let bytes = self.text.as_bytes();
        let mut text = String::with_capacity(trimmed.len());
        let mut copied = start;
        for slash in self.marks_in(start, end) {
            if bytes[slash] != b'\\' {
                continue;
            }
            text.push_str(&self.text[copied..slash]);
            let next = bytes.get(slash + 1).copied().filter(|_| slash + 1 < end);
            match next {
                Some(b'n') => text.push('\n'),
                Some(byte) if escapable(byte) => text.push(char::from(byte)),
                _ => {
                    text.push('\\');
                    copied = slash + 1;
                    continue;
                }
            }
            copied = slash + 2;
        }
        text.push_str(&self.text[copied..end]);
        (text, default)
    }
}

/// A weight's number: whole numbers (as most weights are) read without
/// the float parser, with the value it would give.
fn percent(text: &str) -> Result<f64, std::num::ParseFloatError> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if (1..=3).contains(&digits.len()) && digits.bytes().all(|byte| byte.is_ascii_digit()) {
        let value = digits
            .bytes()
            .fold(0.0, |value, digit| value * 10.0 + f64::from(digit - b'0'));
        return Ok(if digits.len() < text.len() {
            -value
        } else {
            value
        });
    }
    text.parse()
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
    trim_end(trim_start(text))
}

/// `str::trim_end`, stepping over ASCII whitespace byte by byte.
fn trim_end(text: &str) -> &str {
    let end = text
        .bytes()
        .rposition(|byte| !is_space(byte))
        .map_or(0, |last| last + 1);
    let inner = &text[..end];
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
            read_markers(comment, &mut id, &mut add);
        }
        self.question(start + leading, body, id, tags);
    }

    fn question(&mut self, at: usize, block: &str, id: Option<&str>, tags: Vec<String>) {
        let mut marks = std::mem::take(&mut self.marks);
        find_marks(block, &mut marks);
        let block = Block {
            text: block,
            at,
            marks: &marks,
        };
        self.read_question(&block, id, tags);
        self.marks = marks;
    }

    fn read_question(&mut self, block: &Block, id: Option<&str>, tags: Vec<String>) {
        let (text, at, len) = (block.text, block.at, block.text.len());
        let errors_before = self.errors.len();
        let mut pos = 0;
        let mut title = None;
        if text.starts_with("::") {
            let Some(end) = block.find(2, len, b"::") else {
                self.error(
                    at,
                    "the question title is not closed",
                    "write the title as ::title:: before the question text",
                );
                return;
            };
            title = Some(unescape(trim(&text[2..end])));
            pos = end + 2;
        }
        let Some(open) = block.find(pos, len, b"{") else {
            self.set_aside(
                at,
                "description",
                text,
                "a description (text without an answer block)",
            );
            return;
        };
        let Some(close) = block.find(open + 1, len, b"}") else {
            self.error(
                at + open,
                "the answer block is not closed",
                "close it with `}`, or write `\\{` for a literal brace",
            );
            return;
        };
        if let Some(second) = block.find(close + 1, len, b"{") {
            self.error(
                at + second,
                "a second answer block in one question",
                "GIFT allows one {…} per question; separate questions with a blank line, or write `\\{`",
            );
            return;
        }
        let (before, format) = block.clean(pos, open, TextFormat::Moodle);
        let (after, _) = block.clean(close + 1, len, format);
        let prompt = if after.is_empty() {
            before
        } else {
            format!("{before} _____ {after}").trim().to_string()
        };
        let mut body_end = close;
        let mut explanation = None;
        if let Some(general) = block.find(open + 1, close, b"####") {
            let (text, _) = block.clean(general + 4, close, format);
            explanation = Some(text).filter(|text| !text.is_empty());
            body_end = general;
        }
        let body_text = trim_start(&text[open + 1..body_end]);
        let start = body_end - body_text.len();
        let trimmed = trim_end(body_text);
        let end = start + trimmed.len();
        let body = if trimmed.is_empty() {
            self.set_aside(
                at,
                "essay",
                text,
                "an essay (free-text answer marked by hand)",
            );
            return;
        } else if trimmed.starts_with('#') {
            self.numeric(block, start + 1, end)
        } else if let Some(truth) = true_false(trimmed) {
            Some(self.true_false(block, truth, start, end, format))
        } else if trimmed.starts_with(['=', '~']) {
            self.choices(block, start, end, format)
        } else {
            self.error(
                at + start,
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
        self.lines.push((at, at + len));
        let question = Question {
            common: QuestionCommon {
                id,
                prompt,
                explanation,
                tags,
                ..QuestionCommon::default()
            },
            body,
        };
        // Checked now, while it is in the cache. Only the question needs
        // checking: the importer gives unique slug ids and no references.
        if let Some(finding) = validate::question_errors(&question).into_iter().next() {
            self.rejected.push((self.questions.len(), finding.message));
        }
        self.questions.push(question);
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
    /// unique (see [`IdTable::unique`]).
    fn unique_id(&mut self, id: Option<&str>, title: Option<&str>, number: usize) -> String {
        let base = [id, title]
            .into_iter()
            .flatten()
            .map(slug)
            .find(|slug| !slug.is_empty())
            .unwrap_or_else(|| Cow::Owned(format!("q{number}")));
        self.ids.unique(&base, &self.questions)
    }

    /// Splits the answers in `from..to` of a block into `=`/`~` answers
    /// with weight and feedback; `implied`, the first answer is a `=` one
    /// whose marker is not written (its text starts at `from`). The list
    /// is the reader's, to be given back with `self.answers = answers`.
    fn answers(
        &mut self,
        block: &Block,
        from: usize,
        to: usize,
        implied: bool,
    ) -> Option<Vec<Answer>> {
        let mut starts = std::mem::take(&mut self.answer_starts);
        starts.clear();
        if implied {
            starts.push(from - 1);
        }
        let bytes = block.text.as_bytes();
        starts.extend(
            block
                .marks_in(from, to)
                .filter(|&mark| matches!(bytes[mark], b'=' | b'~')),
        );
        let mut answers = std::mem::take(&mut self.answers);
        answers.clear();
        let complete = self.split_answers(block, to, &starts, implied, &mut answers);
        self.answer_starts = starts;
        complete.then_some(answers)
    }

    fn split_answers(
        &mut self,
        block: &Block,
        to: usize,
        starts: &[usize],
        implied: bool,
        answers: &mut Vec<Answer>,
    ) -> bool {
        for (index, &start) in starts.iter().enumerate() {
            let end = starts.get(index + 1).copied().unwrap_or(to);
            let mut rest = trim_start(&block.text[start + 1..end]);
            let mut rest_from = end - rest.len();
            let mut weight = None;
            if let Some(after) = rest.strip_prefix('%') {
                let Some(close) = memchr::memchr(b'%', after.as_bytes()) else {
                    self.error(
                        block.at + rest_from,
                        "a weight is not closed",
                        "write weights like %50% or %-25%",
                    );
                    return false;
                };
                match percent(trim(&after[..close])) {
                    Ok(value) if (-100.0..=100.0).contains(&value) => weight = Some(value / 100.0),
                    _ => {
                        self.error(
                            block.at + rest_from,
                            format!("`%{}%` is not a weight", &after[..close]),
                            "a weight is a percentage from -100 to 100, like %50% or %-25%",
                        );
                        return false;
                    }
                }
                rest = &after[close + 1..];
                rest_from += close + 2;
            }
            debug_assert_eq!(rest_from + rest.len(), end);
            let (text, feedback) = match block.find(rest_from, end, b"#") {
                Some(hash) => ((rest_from, hash), Some((hash + 1, end))),
                None => ((rest_from, end), None),
            };
            answers.push(Answer {
                marker: if implied && index == 0 {
                    b'='
                } else {
                    block.text.as_bytes()[start]
                },
                at: block.at + start,
                weight,
                text,
                text_at: block.at + rest_from,
                feedback,
            });
        }
        true
    }

    fn choices(
        &mut self,
        block: &Block,
        from: usize,
        to: usize,
        format: TextFormat,
    ) -> Option<QuestionBody> {
        let answers = self.answers(block, from, to, false)?;
        let body = self.choices_of(block, &answers, from, to, format);
        self.answers = answers;
        body
    }

    fn choices_of(
        &mut self,
        block: &Block,
        answers: &[Answer],
        from: usize,
        to: usize,
        format: TextFormat,
    ) -> Option<QuestionBody> {
        let feedback = |answer: &Answer| {
            answer
                .feedback
                .map(|(from, to)| block.clean(from, to, format).0)
                .filter(|text| !text.is_empty())
        };
        if answers.iter().all(|answer| answer.marker == b'=')
            && block.find(from, to, b"->").is_some()
        {
            return self.matching(block, answers, format);
        }
        if answers.iter().all(|answer| answer.marker == b'=') {
            let mut short = Vec::with_capacity(answers.len());
            for answer in answers {
                let (text, _) = block.clean(answer.text.0, answer.text.1, format);
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
                let (text, _) = block.clean(answer.text.0, answer.text.1, format);
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

    fn matching(
        &mut self,
        block: &Block,
        answers: &[Answer],
        format: TextFormat,
    ) -> Option<QuestionBody> {
        let mut pairs = Vec::with_capacity(answers.len());
        let mut extra_right = Vec::new();
        for answer in answers {
            let (from, to) = match answer.feedback {
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
            let Some(arrow) = block.find(from, to, b"->") else {
                self.error(
                    answer.text_at,
                    "a matching answer without `->`",
                    "write each pair as =left -> right",
                );
                return None;
            };
            let (left, _) = block.clean(from, arrow, format);
            let (right, _) = block.clean(arrow + 2, to, TextFormat::Plain);
            if left.is_empty() {
                extra_right.push(right);
            } else {
                pairs.push(MatchPair { left, right });
            }
        }
        Some(QuestionBody::Match { pairs, extra_right })
    }

    /// The true/false answer in `from..to` of a block.
    fn true_false(
        &mut self,
        block: &Block,
        truth: bool,
        from: usize,
        to: usize,
        format: TextFormat,
    ) -> QuestionBody {
        let bytes = block.text.as_bytes();
        let mut hashes = block.marks_in(from, to).filter(|&mark| bytes[mark] == b'#');
        let (first, second, third) = (hashes.next(), hashes.next(), hashes.next());
        let piece = |start: Option<usize>, end: Option<usize>| -> Option<String> {
            Some(block.clean(start? + 1, end.unwrap_or(to), format).0)
                .filter(|text| !text.is_empty())
        };
        if let Some(third) = third {
            self.warn(
                block.at + third,
                RuleId::GiftLossy,
                "a true/false question takes two feedbacks; the rest is left out".to_string(),
                "write {TRUE#feedback for a wrong answer#feedback for a right answer}",
            );
        }
        // Moodle: the first feedback is for a wrong answer, the second for a right one.
        let (wrong, right) = (piece(first, second), piece(second, third));
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

    /// The numeric answers in `from..to` of a block (after the `#`).
    fn numeric(&mut self, block: &Block, from: usize, to: usize) -> Option<QuestionBody> {
        let trimmed = block.text[from..to].trim_start();
        let start = to - trimmed.len();
        // A single answer is a full-credit `=` answer.
        let implied = !trimmed.starts_with(['=', '~']);
        let answers = self.answers(block, start, to, implied)?;
        // Where a question without a full-credit answer is reported.
        let at = if implied {
            (block.at + start).saturating_sub(1)
        } else {
            block.at + start
        };
        let body = self.numeric_of(block, &answers, at);
        self.answers = answers;
        body
    }

    fn numeric_of(&mut self, block: &Block, answers: &[Answer], at: usize) -> Option<QuestionBody> {
        let mut main: Option<(f64, f64)> = None;
        let mut ranges = Vec::new();
        for answer in answers {
            let spec = trim(&block.text[answer.text.0..answer.text.1]);
            let feedback = answer
                .feedback
                .map(|(from, to)| block.clean(from, to, TextFormat::Moodle).0)
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
        let span = if let Some((low, high)) = split_at_dots(spec) {
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

/// `str::split_once("..")` without building a substring searcher.
fn split_at_dots(spec: &str) -> Option<(&str, &str)> {
    let dots = spec.as_bytes().windows(2).position(|pair| pair == b"..")?;
    Some((&spec[..dots], &spec[dots + 2..]))
}

/// `str::trim_matches('-')`, byte by byte.
fn trim_dashes(text: &str) -> &str {
    let bytes = text.as_bytes();
    let Some(start) = bytes.iter().position(|&byte| byte != b'-') else {
        return "";
    };
    let end = bytes
        .iter()
        .rposition(|&byte| byte != b'-')
        .map_or(0, |last| last + 1);
    &text[start..end]
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

/// The `[id:…]` and `[tag:…]` markers of a comment, read in one pass as
/// two separate scans would read them: each kind goes from `[` to `[`,
/// skips a marker of its own kind whole, and stops at a marker without
/// its `]`; empty values are skipped. `id` is set to the first id unless
/// it is set already; `tag` is given every tag.
fn read_markers<'c>(comment: &'c str, id: &mut Option<&'c str>, mut tag: impl FnMut(&'c str)) {
    // Where each kind's scan goes on from; `usize::MAX` when it is over.
    let mut id_from = if id.is_some() { usize::MAX } else { 0 };
    let mut tag_from = 0;
    let value = |after: usize| {
        let rest = &comment[after..];
        memchr::memchr(b']', rest.as_bytes()).map(|end| (trim(&rest[..end]), after + end + 1))
    };
    for (open, _) in comment
        .bytes()
        .enumerate()
        .filter(|&(_, byte)| byte == b'[')
    {
        if open >= id_from && comment[open..].starts_with("[id:") {
            id_from = match value(open + 4) {
                Some((found, _)) if !found.is_empty() => {
                    *id = Some(found);
                    usize::MAX
                }
                Some((_, next)) => next,
                None => usize::MAX,
            };
        }
        if open >= tag_from && comment[open..].starts_with("[tag:") {
            tag_from = match value(open + 5) {
                Some((found, next)) => {
                    if !found.is_empty() {
                        tag(found);
                    }
                    next
                }
                None => usize::MAX,
            };
        }
    }
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
        && !bytes
            .windows(2)
            .any(|pair| pair[0] == b'-' && pair[1] == b'-');
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

    /// The byte-by-byte scan the marks must agree with: every position of
    /// `wanted` that is not the escaped half of an escape.
    fn unescaped_reference(text: &str, wanted: impl Fn(&[u8]) -> bool) -> Vec<usize> {
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        let mut index = 0;
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

    /// The marks of `text` found byte by byte.
    fn marks_reference(text: &str) -> Vec<usize> {
        let bytes = text.as_bytes();
        let mut marks = Vec::new();
        let mut index = 0;
        while index < bytes.len() {
            if is_marked(bytes[index]) {
                marks.push(index);
            }
            let escape =
                bytes[index] == b'\\' && bytes.get(index + 1).copied().is_some_and(escapable);
            index += if escape { 2 } else { 1 };
        }
        marks
    }

    /// Finding `needle` again and again after each find gives every
    /// unescaped occurrence.
    fn all_found<const N: usize>(
        block: &Block,
        needle: &[u8; N],
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = block.find(from, block.text.len(), needle) {
            found.push(at);
            from = at + 1;
        }
        // A find goes on from the byte after the last one, as the reader does.
        let mut expected = Vec::new();
        let mut next = 0;
        for at in unescaped_reference(block.text, |rest| rest.starts_with(needle)) {
            if at >= next {
                expected.push(at);
                next = at + 1;
            }
        }
        proptest::prop_assert_eq!(found, expected);
        Ok(())
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
            proptest::prop_assert_eq!(trim_end(&text), text.trim_end());
        }

        #[test]
        fn marks_agree_with_the_byte_by_byte_reference(
            text in "[\\\\=~#:{}n>a\u{e9}\n\r -]{0,48}",
        ) {
            let mut marks = Vec::new();
            find_marks(&text, &mut marks);
            let block = Block { text: &text, at: 0, marks: &marks };
            proptest::prop_assert_eq!(&marks, &marks_reference(&text));
            all_found(&block, b"#")?;
            all_found(&block, b"####")?;
            all_found(&block, b"->")?;
            all_found(&block, b"::")?;
            all_found(&block, b"{")?;
        }

        #[test]
        fn cleaning_with_marks_agrees_with_clean_text(
            text in "[\\\\=~#:n\\[\\]a\u{a0} \t\r\n]{0,40}",
        ) {
            let mut marks = Vec::new();
            find_marks(&text, &mut marks);
            let block = Block { text: &text, at: 0, marks: &marks };
            // Texts run between unescaped delimiters (never from a backslash).
            let mut bounds = vec![0];
            bounds.extend(marks.iter().filter(|&&mark| text.as_bytes()[mark] != b'\\').flat_map(|&mark| [mark, mark + 1]));
            bounds.push(text.len());
            for pair in bounds.windows(2) {
                for format in [TextFormat::Moodle, TextFormat::Plain, TextFormat::Markdown, TextFormat::Html] {
                    proptest::prop_assert_eq!(
                        block.clean(pair[0], pair[1], format),
                        clean_text(&text[pair[0]..pair[1]], format)
                    );
                }
            }
        }

        #[test]
        fn weights_read_as_the_float_parser_reads_them(text in "[-+]?[0-9]{0,4}(\\.[0-9]{0,2})?|[-0-9.e ]{0,5}") {
            proptest::prop_assert_eq!(
                percent(&text).map(f64::to_bits).ok(),
                text.parse::<f64>().map(f64::to_bits).ok()
            );
        }

        #[test]
        fn splits_and_trims_agree_with_std(text in "[-.a1]{0,8}") {
            proptest::prop_assert_eq!(split_at_dots(&text), text.split_once(".."));
            proptest::prop_assert_eq!(trim_dashes(&text), text.trim_matches('-'));
        }

        #[test]
        fn ids_agree_with_drafts_ids(bases in proptest::collection::vec("a|b|a-2|a-2-2|-|-a-|item|", 0..12)) {
            /// Every id has the same hash: the table must compare the ids.
            #[derive(Default)]
            struct Colliding;
            impl std::hash::Hasher for Colliding {
                fn finish(&self) -> u64 {
                    7
                }
                fn write(&mut self, _: &[u8]) {}
            }
            let mut expected = crate::author::draft::Ids::with_capacity(0);
            let expected: Vec<String> = bases.iter().map(|base| expected.unique(base)).collect();
            proptest::prop_assert_eq!(&ids_of::<foldhash::fast::FixedState>(&bases), &expected);
            proptest::prop_assert_eq!(
                &ids_of::<std::hash::BuildHasherDefault<Colliding>>(&bases),
                &expected
            );
        }

        #[test]
        fn slugs_agree_with_slugify(text in "[a-zA-Z0-9 \u{e9}_-]{0,12}") {
            proptest::prop_assert_eq!(slug(&text), crate::author::draft::slugify(&text, usize::MAX));
        }
    }

    /// The ids an [`IdTable`] gives questions with these bases in turn.
    fn ids_of<S: std::hash::BuildHasher + Default>(bases: &[String]) -> Vec<String> {
        let mut table = IdTable::<S>::with_capacity(0);
        let mut questions = Vec::new();
        for base in bases {
            let id = table.unique(base, &questions);
            questions.push(Question {
                common: QuestionCommon {
                    id,
                    ..QuestionCommon::default()
                },
                body: QuestionBody::TrueFalse {
                    answer: true,
                    feedback_true: None,
                    feedback_false: None,
                },
            });
        }
        questions
            .into_iter()
            .map(|question| question.common.id)
            .collect()
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
