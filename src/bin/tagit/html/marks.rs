//! Where the marks go, what they carry, and the digest that lets the browser trust them.
//!
//! A span is cut into one piece per text node it covers, as `web/wrap.rs` cuts it; all the
//! pieces of a span share its id. Pieces are placed on the decoded text and moved onto the
//! source through the node's map ([`super::decode`]), so a piece never cuts a character
//! reference in half, and its source is written as it was.
//!
//! A mark with a value (a date or time) also carries the tooltip's lines, `data-tagit-day`
//! and `data-tagit-hebrew` (`tagit::dates::tooltip_lines`, what the wasm's `describeDate`
//! gives), so the widget can show them without loading the wasm.
//!
//! The digest (`docs/publish-time.md`, "Digest") is SHA-256 over, for each mark element in
//! document order, its id, label, value, canonical, link, entity id, confidence, day and
//! hebrew as written ("" when absent) and its text as the DOM reads it, fields separated by U+001F and each mark
//! followed by U+001E. The browser recomputes it from `mark[data-tagit-id]` under the root,
//! so markup that forged or moved a mark in the article changes it.

use super::decode::Side;
use super::{Node, Run};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use tagit::Span;
use tagit::html_rules::wrappable;

/// What the write pass needs: the root's attribute value, and per text node (by its index
/// among all text nodes) its source and the HTML to write instead.
pub struct Placed {
    pub digest: String,
    pub rewrites: BTreeMap<usize, (String, String)>,
}

/// The attributes of one span's marks, as written (before escaping).
#[derive(Debug, PartialEq)]
pub struct Mark {
    pub id: String,
    pub label: &'static str,
    pub value: Option<String>,
    pub canonical: Option<String>,
    pub link: Option<String>,
    pub entity_id: Option<String>,
    pub confidence: String,
    pub day: Option<String>,
    pub hebrew: Option<String>,
}

impl Mark {
    /// The marks of span `span`, the `n`th of the page (from 1).
    pub fn of(span: &Span, n: usize) -> Mark {
        let entity = span.entity.as_deref();
        let confidence = if span.confidence.is_nan() {
            0.0
        } else {
            span.confidence.clamp(0.0, 1.0)
        };
        let (day, hebrew) = match span.value.as_deref().and_then(tagit::dates::tooltip_lines) {
            Some((day, hebrew)) => (Some(day), hebrew),
            None => (None, None),
        };
        Mark {
            day,
            hebrew,
            id: format!("ahead-{n}"),
            label: span.label.as_str(),
            value: span.value.clone(),
            canonical: entity.map(|e| e.canonical.clone()),
            link: entity.and_then(|e| e.link.clone()),
            entity_id: entity.and_then(|e| e.id.clone()),
            confidence: format!("{confidence:.2}"),
        }
    }

    /// The start tag, attributes in a fixed order, the optional ones only when present.
    pub fn start_tag(&self) -> String {
        let l = self.label;
        let mut tag = format!(
            "<mark class=\"tagit tagit-{l}\" data-tagit-label=\"{l}\" data-tagit-id=\"{}\"",
            self.id
        );
        let confidence = Some(self.confidence.clone());
        for (name, value) in [
            ("data-tagit-value", &self.value),
            ("data-tagit-canonical", &self.canonical),
            ("data-tagit-link", &self.link),
            ("data-tagit-entity-id", &self.entity_id),
            ("data-tagit-confidence", &confidence),
            ("data-tagit-day", &self.day),
            ("data-tagit-hebrew", &self.hebrew),
        ] {
            if let Some(v) = value {
                tag.push_str(&format!(" {name}=\"{}\"", escape(v)));
            }
        }
        tag.push('>');
        tag
    }

    /// This mark's part of the digest's input, for a mark element whose text is `text`.
    pub fn digest_input(&self, text: &str, out: &mut String) {
        fn or_empty(v: &Option<String>) -> &str {
            v.as_deref().unwrap_or_default()
        }
        for field in [
            &self.id,
            self.label,
            or_empty(&self.value),
            or_empty(&self.canonical),
            or_empty(&self.link),
            or_empty(&self.entity_id),
            &self.confidence,
            or_empty(&self.day),
            or_empty(&self.hebrew),
        ] {
            out.push_str(field);
            out.push('\u{1F}');
        }
        out.push_str(text);
        out.push('\u{1E}');
    }
}

/// `value` for a double-quoted attribute: what `getAttribute` gives back is `value` itself
/// (a CR is written as a reference, or the parser would read it as LF).
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// `sha256-` and the lowercase hex SHA-256 of `input`.
pub fn digest(input: &str) -> String {
    let hash = Sha256::digest(input.as_bytes());
    let mut out = String::from("sha256-");
    for b in hash.iter() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// The part of one span in one text node: decoded byte offsets in the node, and the mark.
struct Piece {
    start: usize,
    end: usize,
    mark: usize,
}

/// Places the spans `found` (per run, relative to the run) on the nodes, numbering them in
/// document order, and writes each touched node's replacement and the digest.
pub fn place(nodes: &[Node], runs: &[Run], found: &[Vec<Span>]) -> Placed {
    let mut marks = Vec::new();
    let mut pieces: BTreeMap<usize, Vec<Piece>> = BTreeMap::new();
    for (run, spans) in runs.iter().zip(found) {
        // Spans are sorted and disjoint and nodes in text order: one merge pass, linear in a
        // block of many inline nodes holding many names (as in wrap.rs).
        let mut first = 0;
        for span in wrappable(&run.text, spans) {
            marks.push(Mark::of(span, marks.len() + 1));
            let node_end = |i: usize| {
                let (k, at) = run.nodes[i];
                at + nodes[k].decoded.text.len()
            };
            while first < run.nodes.len() && node_end(first) <= span.start {
                first += 1;
            }
            for i in first..run.nodes.len() {
                let (k, at) = run.nodes[i];
                if at >= span.end {
                    break;
                }
                let (start, end) = (span.start.max(at) - at, span.end.min(node_end(i)) - at);
                if start < end {
                    pieces.entry(k).or_default().push(Piece {
                        start,
                        end,
                        mark: marks.len() - 1,
                    });
                }
            }
        }
    }

    let mut rewrites = BTreeMap::new();
    let mut input = String::new();
    for (k, mut group) in pieces {
        let node = &nodes[k];
        group.sort_by_key(|p| p.start);
        let mut html = String::with_capacity(node.source.len() + 200 * group.len());
        // Where the last piece ended, in the source and in the decoded text.
        let (mut src_end, mut dec_end) = (0, 0);
        for p in group {
            let (mut ds, mut ss) = node.decoded.snap(p.start, Side::Start);
            let (de, se) = node.decoded.snap(p.end, Side::End);
            // Two pieces that meet inside one reference's expansion (possible only where one
            // reference stands for two characters): the later one starts after it.
            if ss < src_end {
                (ds, ss) = (dec_end, src_end);
            }
            if ss >= se {
                continue;
            }
            let mark = &marks[p.mark];
            html.push_str(&node.source[src_end..ss]);
            html.push_str(&mark.start_tag());
            html.push_str(&node.source[ss..se]);
            html.push_str("</mark>");
            mark.digest_input(&node.decoded.text[ds..de], &mut input);
            (src_end, dec_end) = (se, de);
        }
        html.push_str(&node.source[src_end..]);
        rewrites.insert(node.index, (node.source.clone(), html));
    }
    Placed {
        digest: digest(&input),
        rewrites,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use tagit::{Entity, Label};

    fn span(label: Label) -> Span {
        Span {
            start: 0,
            end: 1,
            label,
            text: String::new(),
            value: None,
            confidence: 0.874,
            entity: None,
        }
    }

    fn mark(n: usize, label: Label) -> Mark {
        Mark::of(&span(label), n)
    }

    /// The vector in `docs/publish-time.md` ("Digest"), the same as the browser side's
    /// (`tests/e2e/widget-unit.test.mjs`): a name in two pieces sharing an id, and a date with
    /// its tooltip lines.
    #[test]
    fn the_digest_test_vector() {
        let mut sasha = mark(1, Label::PER);
        sasha.confidence = "0.97".into();
        let date = Mark::of(
            &Span {
                value: Some("2023-10-07".into()),
                confidence: 1.0,
                ..span(Label::DATE)
            },
            2,
        );
        assert_eq!(date.day.as_deref(), Some("יום שבת, 7 באוקטובר 2023"));
        assert_eq!(date.hebrew.as_deref(), Some("כ״ב בתשרי תשפ״ד"));
        let mut input = String::new();
        sasha.digest_input("סשה", &mut input);
        sasha.digest_input(" טרופנוב", &mut input);
        date.digest_input("7 באוקטובר", &mut input);
        assert_eq!(
            input,
            "ahead-1\u{1F}PER\u{1F}\u{1F}\u{1F}\u{1F}\u{1F}0.97\u{1F}\u{1F}\u{1F}סשה\u{1E}\
             ahead-1\u{1F}PER\u{1F}\u{1F}\u{1F}\u{1F}\u{1F}0.97\u{1F}\u{1F}\u{1F} טרופנוב\u{1E}\
             ahead-2\u{1F}DATE\u{1F}2023-10-07\u{1F}\u{1F}\u{1F}\u{1F}1.00\u{1F}יום שבת, 7 באוקטובר 2023\u{1F}כ״ב בתשרי תשפ״ד\u{1F}7 באוקטובר\u{1E}"
        );
        assert_eq!(
            digest(&input),
            "sha256-1d06d89ff2b3e47d9de42ca76461f502c4618918a440961f24261636d4a7764d"
        );
        // No marks: the digest of nothing.
        assert_eq!(
            digest(""),
            "sha256-e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn start_tags_escape_values_and_keep_the_order() {
        let mut m = mark(3, Label::ORG);
        m.value = Some("a\"b".into());
        m.canonical = Some("<x> & \r".into());
        m.entity_id = Some("e".into());
        assert_eq!(
            m.start_tag(),
            "<mark class=\"tagit tagit-ORG\" data-tagit-label=\"ORG\" data-tagit-id=\"ahead-3\" \
             data-tagit-value=\"a&quot;b\" data-tagit-canonical=\"&lt;x&gt; &amp; &#13;\" \
             data-tagit-entity-id=\"e\" data-tagit-confidence=\"0.87\">"
        );
        let entity = Arc::new(Entity {
            canonical: "c".into(),
            link: None,
            id: None,
        });
        let span = Span {
            start: 0,
            end: 1,
            label: Label::PER,
            text: String::new(),
            value: None,
            confidence: 7.0,
            entity: Some(entity),
        };
        let m = Mark::of(&span, 1);
        assert_eq!(
            (m.confidence.as_str(), m.canonical.as_deref()),
            ("1.00", Some("c"))
        );
        assert_eq!(m.link, None);
    }
}
