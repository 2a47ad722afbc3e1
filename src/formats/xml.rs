//! A thin layer over quick-xml's writer for the XML formats: indented
//! output, escaping by the library, and characters XML 1.0 cannot hold
//! (most C0 controls) dropped from bank text.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// An XML document being written.
pub struct XmlWriter {
    writer: Writer<Vec<u8>>,
}

/// Whether XML 1.0 allows the character in a document.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The text without characters XML cannot hold.
pub fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(allowed) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().filter(|c| allowed(*c)).collect())
    }
}

impl XmlWriter {
    /// A document with the `<?xml version="1.0" encoding="UTF-8"?>` declaration.
    pub fn new(capacity: usize) -> Self {
        let mut writer = Writer::new_with_indent(Vec::with_capacity(capacity), b' ', 2);
        let _ = writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        XmlWriter { writer }
    }

    /// Opens an element with attributes.
    pub fn open(&mut self, name: &str, attributes: &[(&str, &str)]) {
        let mut start = BytesStart::new(name);
        for (key, value) in attributes {
            start.push_attribute((*key, xml_safe(value).as_ref()));
        }
        let _ = self.writer.write_event(Event::Start(start));
    }

    /// Closes an element.
    pub fn close(&mut self, name: &str) {
        let _ = self.writer.write_event(Event::End(BytesEnd::new(name)));
    }

    /// `<name attributes/>`.
    pub fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) {
        let mut start = BytesStart::new(name);
        for (key, value) in attributes {
            start.push_attribute((*key, xml_safe(value).as_ref()));
        }
        let _ = self.writer.write_event(Event::Empty(start));
    }

    /// `<name attributes>text</name>`.
    pub fn text_element(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) {
        self.open(name, attributes);
        self.text(text);
        self.close(name);
    }

    /// Escaped character data.
    pub fn text(&mut self, text: &str) {
        let _ = self
            .writer
            .write_event(Event::Text(BytesText::new(&xml_safe(text))));
    }

    /// The document's bytes, ending with a newline.
    pub fn finish(self) -> Vec<u8> {
        let mut bytes = self.writer.into_inner();
        bytes.push(b'\n');
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_controls_dropped() {
        let mut xml = XmlWriter::new(64);
        xml.text_element("a", &[("b", "x\"<y")], "1 < 2 & \u{1b}[31m");
        let text = String::from_utf8(xml.finish()).expect("UTF-8");
        assert!(
            text.contains(r#"<a b="x&quot;&lt;y">1 &lt; 2 &amp; [31m</a>"#),
            "{text}"
        );
    }
}
