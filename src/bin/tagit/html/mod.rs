//! `tagit annotate --html`: a page annotated at publish time, as the browser would.
//!
//! The page comes out with the `<mark>`s `annotateElement(root)` would make: the same runs of
//! prose (the rules of [`tagit::html_rules`], shared with the browser's walk), one recogniser
//! call over the runs joined by newlines, the spans that fall inside one run, each cut into
//! one piece per text node. Every other byte of the page is left as it was, which is why this
//! is a streaming rewriter (`lol_html`) and not a parse-and-serialise of a tree: a tree
//! writer would re-quote attributes, re-spell entities and reformat `<template>` contents.
//!
//! Two passes over the same bytes, each fed as one chunk so `lol_html` cuts the text the same
//! way both times. *Read* mirrors the walk on a stack of open elements and keeps, for each text
//! node that may be prose, its source and its decoded text ([`decode`]). Then the runs are
//! recognised, the pieces placed, and the digest of the marks computed ([`marks`]). *Write*
//! replaces the text nodes that hold pieces by their source with the marks in it (the source
//! as written: entities stay entities) and puts the digest on the root's start tag.
//!
//! `docs/publish-time.md` is the reference: the root's default, the digest, and where the
//! result can differ from the browser's.

mod decode;
mod marks;

use decode::Decoded;
use lol_html::html_content::{ContentType, Element, TextChunk, TextType};
use lol_html::{ElementContentHandlers, HtmlRewriter, Selector, Settings};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use tagit::Span;
use tagit::html_rules::{self, is_inline, recognise_joined};

/// The attribute on the root of a page annotated ahead: the digest of its marks.
pub const AHEAD: &str = "data-tagit-ahead";

/// The roots tried, in order, when no `--target` is given: what `embed.js` finds first on
/// an article page (its last resort, the element with the most paragraph text, needs layout
/// and is not tried), then the whole body.
const DEFAULT_ROOTS: [&str; 3] = ["[itemprop~=\"articleBody\"]", "article", "body"];

/// Annotates the page `input` (UTF-8) under the first element matching `target` (else the
/// default roots), with `recognise` mapping text to spans as `Annotator::annotate` does.
pub fn annotate_page(
    input: &[u8],
    target: Option<&str>,
    recognise: &mut dyn FnMut(&str) -> Vec<Span>,
) -> Result<Vec<u8>, String> {
    if let Err(e) = std::str::from_utf8(input) {
        return Err(format!(
            "the page is not UTF-8 ({e}); tagit reads UTF-8 pages only (convert it first, e.g. with iconv)"
        ));
    }
    // `lol_html` drops a byte order mark (it reads it as the encoding's); it is given back.
    let (bom, input) = match input.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (&input[..3], rest),
        None => (&[][..], input),
    };
    let candidates: Vec<Selector> = match target {
        Some(t) => vec![
            t.parse()
                .map_err(|e| format!("--target {t:?} is not a selector tagit can use: {e}"))?,
        ],
        None => DEFAULT_ROOTS.iter().map(|s| s.parse().unwrap()).collect(),
    };

    // The browser always has a body; a page (or fragment) without a <body> tag gets one where
    // the parser would imply it, so `body` as a root means that one too.
    let body = match target {
        Some(t) => (t.trim() == "body").then_some(0),
        None => Some(2),
    };
    let read = Rc::new(RefCell::new(Walk::new(candidates.len(), body, None)));
    rewrite(input, &candidates, &read)?;
    let read = Rc::try_unwrap(read)
        .map_err(|_| "internal error: the reader is still shared".to_string())?
        .into_inner();

    let c = match target {
        Some(t) => read
            .root(0)
            .map(|_| 0)
            .ok_or_else(|| format!("--target '{t}' matches no element"))?,
        None => (0..candidates.len())
            .find(|&c| read.root(c).is_some())
            .ok_or_else(|| {
                "no element to annotate: the page has no [itemprop~=\"articleBody\"], <article> \
                 or <body>; name one with --target SELECTOR"
                    .to_string()
            })?,
    };
    if read.annotated_before[c] {
        return Err(format!(
            "the page was annotated ahead already (its root has {AHEAD}); annotate the original page"
        ));
    }
    let runs = read.runs(c);
    let found = recognise_joined(&runs, recognise);
    let plan = marks::place(&read.nodes, &runs, &found);
    let write = Rc::new(RefCell::new(Walk::new(
        candidates.len(),
        body,
        Some(Plan {
            root: read
                .root(c)
                .ok_or("internal error: the root went missing")?,
            digest: plan.digest,
            rewrites: plan.rewrites,
        }),
    )));
    let mut out = bom.to_vec();
    out.extend(rewrite(input, &candidates, &write)?);
    Ok(out)
}

/// What the write pass does: the digest onto the root's start tag (found by its position in
/// the source), and the text nodes (by their index among all text nodes) to rewrite, each
/// with its source as read (checked) and what to write instead.
struct Plan {
    root: Root,
    digest: String,
    rewrites: BTreeMap<usize, (String, String)>,
}

/// One pass of `lol_html` over `input` with `walk`'s handlers; the output of the pass.
fn rewrite(
    input: &[u8],
    candidates: &[Selector],
    walk: &Rc<RefCell<Walk>>,
) -> Result<Vec<u8>, String> {
    let mut settings = Settings::new();
    let w = walk.clone();
    settings = settings.append_element_content_handler((
        Cow::Owned("*".parse().unwrap()),
        ElementContentHandlers::default().element(move |el: &mut Element| {
            let end = w.borrow_mut().start(el)?;
            if let Some((at, inline)) = end {
                let w = w.clone();
                el.on_end_tag(Box::new(move |_| {
                    w.borrow_mut().end(at, inline);
                    Ok(())
                }))?;
            }
            Ok(())
        }),
    ));
    for (c, selector) in candidates.iter().enumerate() {
        let w = walk.clone();
        settings = settings.append_element_content_handler((
            Cow::Owned(selector.clone()),
            ElementContentHandlers::default().element(move |el: &mut Element| {
                w.borrow_mut().candidate(c, el);
                Ok(())
            }),
        ));
    }
    let w = walk.clone();
    settings = settings.append_document_content_handler(
        lol_html::DocumentContentHandlers::default()
            .text(move |t: &mut TextChunk| w.borrow_mut().text(t).map_err(Into::into)),
    );
    let mut out = Vec::with_capacity(input.len() + input.len() / 4);
    let mut rewriter = HtmlRewriter::new(settings, |c: &[u8]| out.extend_from_slice(c));
    rewriter
        .write(input)
        .and_then(|()| rewriter.end())
        .map_err(|e| format!("reading the page: {e}"))?;
    Ok(out)
}

/// The root annotated: an element (where its start tag begins in the source), or the body the
/// parser implies in a page without a `<body>` tag, which starts at an element or a text node
/// (its index among all text nodes).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Root {
    Tag(usize),
    BeforeTag(usize),
    BeforeText(usize),
}

/// An element open on the walk's stack.
struct Open {
    /// Where its start tag begins in the source: the element's identity in both passes.
    at: usize,
    name: String,
    skip: bool,
}

/// What the read pass saw, in document order: run boundaries and prose text nodes.
enum Event {
    Break,
    /// An index into [`Walk::nodes`].
    Text(usize),
}

/// A text node that may be prose: inside a candidate root and outside skipped elements.
pub struct Node {
    /// Its index among all the page's text nodes (the write pass counts them the same way).
    pub index: usize,
    /// The node's source, as written.
    pub source: String,
    /// What the DOM holds.
    pub decoded: Decoded,
    /// Which candidate roots it is inside (bit `c` for candidate `c`).
    roots: u8,
}

/// The state of one pass: the walk over open elements, what it found (read), and what to
/// change (write).
struct Walk {
    stack: Vec<Open>,
    /// How many elements on `stack` are skipped.
    skipped: usize,
    /// Per candidate root: where the first element matching it starts, and whether that
    /// element already carries [`AHEAD`].
    first: Vec<Option<usize>>,
    annotated_before: Vec<bool>,
    /// Which candidate is `body`, whether the page has a `<body>` tag, and where the body
    /// the parser implies starts when it has none (before any `<body>` tag).
    body: Option<usize>,
    body_tag: bool,
    implied_body: Option<Root>,
    /// The text node being read, so far, and whether one is (its chunks may be empty).
    pending: String,
    in_node: bool,
    /// How many text nodes ended so far.
    text_nodes: usize,
    nodes: Vec<Node>,
    events: Vec<Event>,
    plan: Option<Plan>,
}

/// Elements that may stay in `<head>`; any other start tag there closes it, as the parser
/// does when a page leaves out `</head>`.
const HEAD_CONTENT: &[&str] = &[
    "base", "basefont", "bgsound", "link", "meta", "noframes", "noscript", "script", "style",
    "template", "title",
];

/// HTML's void elements (with the legacy ones parsers still know).
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Start tags that close an open `<p>` ("close a p element" in the HTML tree builder).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "plaintext",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "ul",
    "xmp",
];

/// Elements an implied end does not look past (the tree builder's scope boundaries).
const SCOPE: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button",
];

/// The HTML elements of the tree builder's "special" category: an `<li>`, `<dd>` or `<dt>`
/// start tag closes an open one of its kind only if none of these (but `address`, `div` and
/// `p`) lies between, so `<li><pre><li>` nests the second item inside the `<pre>`.
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

impl Walk {
    fn new(candidates: usize, body: Option<usize>, plan: Option<Plan>) -> Walk {
        Walk {
            stack: Vec::new(),
            skipped: 0,
            first: vec![None; candidates],
            annotated_before: vec![false; candidates],
            body,
            body_tag: false,
            implied_body: None,
            pending: String::new(),
            in_node: false,
            text_nodes: 0,
            nodes: Vec::new(),
            events: Vec::new(),
            plan,
        }
    }

    /// A start tag. Returns the element's identity and whether it is inline when it has an
    /// end tag to wait for.
    fn start(&mut self, el: &mut Element) -> Result<Option<(usize, bool)>, String> {
        let name = el.tag_name();
        let at = el.source_location().bytes().start;
        if let Some(plan) = &self.plan {
            if plan.root == Root::Tag(at) {
                el.set_attribute(AHEAD, &plan.digest)
                    .map_err(|e| e.to_string())?;
            } else if plan.root == Root::BeforeTag(at) {
                el.before(&body_tag(&plan.digest), ContentType::Html);
            }
        }
        self.implied_ends(&name);
        if name == "body" {
            self.body_tag = true;
        } else if !matches!(name.as_str(), "html" | "head") && !HEAD_CONTENT.contains(&&*name) {
            self.body_content(Root::BeforeTag(at));
        }
        let skip = skips(&name, |a| el.has_attribute(a));
        let inline = is_inline(&name);
        if skip || !inline {
            self.events.push(Event::Break);
        }
        if !self.has_content(&name, el) {
            return Ok(None);
        }
        self.skipped += usize::from(skip);
        self.stack.push(Open { at, name, skip });
        Ok(Some((at, inline)))
    }

    /// Whether the element can hold content, as the parser decides: an HTML void element
    /// cannot, and in SVG and MathML a self-closing one cannot. `lol_html` alone gets one case
    /// wrong: after a self-closing `<svg/>` or `<math/>` it stays in foreign content until a
    /// tag that leaves it, so an `<input>` there would wait for an end tag that never comes,
    /// and the rest of the page would read as inside it. Both must agree (`lol_html` only
    /// runs end tag handlers on what it thinks has content).
    fn has_content(&self, name: &str, el: &Element) -> bool {
        let foreign = self
            .stack
            .iter()
            .any(|o| matches!(o.name.as_str(), "svg" | "math"));
        let ours = if foreign || matches!(name, "svg" | "math") {
            !el.is_self_closing()
        } else {
            !VOID.contains(&name)
        };
        ours && el.can_have_content()
    }

    /// The end tag of the element that started at `at`: it closes, with anything left open
    /// inside it (as `lol_html` does; the parser would have closed those already).
    fn end(&mut self, at: usize, inline: bool) {
        match self.stack.iter().rposition(|o| o.at == at) {
            Some(pos) => self.close_from(pos),
            None if !inline => self.events.push(Event::Break),
            None => {}
        }
    }

    /// Pops the stack down to (without) `pos`; leaving a block ends the run.
    fn close_from(&mut self, pos: usize) {
        let mut block = false;
        for open in self.stack.drain(pos..) {
            self.skipped -= usize::from(open.skip);
            block |= !is_inline(&open.name);
        }
        if block {
            self.events.push(Event::Break);
        }
    }

    /// The ends the HTML parser implies when a start tag `name` comes (the cases that decide
    /// what is skipped or inside the root: a `<head>` without its end tag, `<p>`, `<li>`,
    /// `<dd>`/`<dt>`, `<option>` and `<button>` without theirs). `lol_html` only closes an
    /// element at its own end tag, so without this a page that leaves out `</head>` would
    /// have its whole body skipped.
    fn implied_ends(&mut self, name: &str) {
        fn innermost(s: &Walk) -> Option<&str> {
            s.stack.last().map(|o| o.name.as_str())
        }
        if innermost(self) == Some("head") && !HEAD_CONTENT.contains(&name) {
            self.close_from(self.stack.len() - 1);
        }
        if matches!(name, "option" | "optgroup") && innermost(self) == Some("option") {
            self.close_from(self.stack.len() - 1);
        }
        let closes: &[&str] = match name {
            "li" => &["li"],
            "dd" | "dt" => &["dd", "dt"],
            "button" => &["button"],
            _ => &[],
        };
        let p: &[&str] = if CLOSES_P.contains(&name) {
            &["p"]
        } else {
            &[]
        };
        for wanted in [closes, p] {
            if wanted.is_empty() {
                continue;
            }
            // A `<p>` is closed when it is in (button) scope; a list item or description
            // when no special element but address, div and p comes before it.
            let closing_p = wanted[0] == "p";
            let found = self.stack.iter().rposition(|o| {
                let n = o.name.as_str();
                wanted.contains(&n)
                    || if closing_p {
                        SCOPE.contains(&n)
                    } else {
                        SPECIAL.contains(&n) && !matches!(n, "address" | "div" | "p")
                    }
            });
            if let Some(pos) = found
                && wanted.contains(&self.stack[pos].name.as_str())
            {
                self.close_from(pos);
            }
        }
    }

    /// Body content at `at`: where the implied body starts, if this is the first and the page
    /// has no `<body>` tag before it (nor an open `<head>`).
    fn body_content(&mut self, at: Root) {
        if !self.body_tag
            && self.implied_body.is_none()
            && !self.stack.iter().any(|o| o.name == "head")
        {
            self.implied_body = Some(at);
        }
    }

    /// Where candidate root `c` is, if the page has it.
    fn root(&self, c: usize) -> Option<Root> {
        match self.implied_body {
            Some(implied) if self.body == Some(c) => Some(implied),
            _ => self.first[c].map(Root::Tag),
        }
    }

    /// An element matching candidate root `c`.
    fn candidate(&mut self, c: usize, el: &Element) {
        if self.first[c].is_none() {
            self.first[c] = Some(el.source_location().bytes().start);
            self.annotated_before[c] = el.has_attribute(AHEAD);
        }
    }

    /// A chunk of a text node.
    fn text(&mut self, chunk: &mut TextChunk) -> Result<(), String> {
        let index = self.text_nodes;
        let first = self.pending.is_empty() && !self.in_node;
        self.in_node = true;
        self.pending.push_str(chunk.as_str());
        let last = chunk.last_in_text_node();
        if let Some(plan) = &self.plan {
            let body =
                (first && plan.root == Root::BeforeText(index)).then(|| body_tag(&plan.digest));
            match plan.rewrites.get(&index) {
                Some(_) if !last => chunk.remove(),
                Some((source, html)) => {
                    if *source != self.pending {
                        return Err(
                            "internal error: the page read differently the second time".into()
                        );
                    }
                    chunk.replace(html, ContentType::Html);
                }
                None => {}
            }
            if let Some(body) = body {
                chunk.before(&body, ContentType::Html);
            }
        }
        if !last {
            return Ok(());
        }
        self.text_nodes += 1;
        self.in_node = false;
        let source = std::mem::take(&mut self.pending);
        let data = chunk.text_type() == TextType::Data;
        // Text in <head> (other than in its title, scripts and styles) closes it: it is body
        // text in the DOM.
        if data && source.contains(|c: char| !matches!(c, '\t' | '\n' | '\x0C' | '\r' | ' ')) {
            if self.stack.last().is_some_and(|o| o.name == "head") {
                self.close_from(self.stack.len() - 1);
            }
            if self.skipped == 0 {
                self.body_content(Root::BeforeText(index));
            }
        }
        if self.skipped > 0 || self.plan.is_some() {
            return Ok(());
        }
        let mut roots = 0u8;
        for c in 0..self.first.len() {
            let inside = match self.root(c) {
                Some(Root::Tag(at)) => self.stack.iter().any(|o| o.at == at),
                // The implied body holds the rest of the page.
                Some(_) => true,
                None => false,
            };
            if inside {
                roots |= 1 << c;
            }
        }
        if roots == 0 {
            return Ok(());
        }
        if !data {
            // Raw text (<xmp>, <noembed>…): markup written into it would show as text, so it
            // cannot be annotated ahead; it still ends the run, as a boundary would.
            self.events.push(Event::Break);
            return Ok(());
        }
        let decoded = decode::decode(&source, true);
        self.events.push(Event::Text(self.nodes.len()));
        self.nodes.push(Node {
            index,
            source,
            decoded,
            roots,
        });
        Ok(())
    }

    /// The runs of prose under candidate root `c`, as `walk::collect` makes them: text nodes
    /// between boundaries, a run of only whitespace dropped.
    fn runs(&self, c: usize) -> Vec<Run> {
        let mut runs = Vec::new();
        let mut run = Run::default();
        let end = |run: &mut Run, runs: &mut Vec<Run>| {
            let run = std::mem::take(run);
            if !run.text.trim().is_empty() {
                runs.push(run);
            }
        };
        for event in &self.events {
            match *event {
                Event::Text(k) if self.nodes[k].roots & (1 << c) != 0 => {
                    let text = &self.nodes[k].decoded.text;
                    if !text.is_empty() {
                        run.nodes.push((k, run.text.len()));
                        run.text.push_str(text);
                    }
                }
                _ => end(&mut run, &mut runs),
            }
        }
        end(&mut run, &mut runs);
        runs
    }
}

/// The `<body>` start tag written where the parser implies one, carrying the digest.
fn body_tag(digest: &str) -> String {
    format!("<body {AHEAD}=\"{digest}\">")
}

/// Whether an element is skipped: its tag or one of its attributes is in
/// [`html_rules::SKIP`] (read from that selector list, so the two cannot drift).
fn skips(name: &str, has_attribute: impl Fn(&str) -> bool) -> bool {
    skip_items().iter().any(|&(tag, attr)| match attr {
        Some(attr) => (tag.is_empty() || tag == name) && has_attribute(attr),
        None => tag == name,
    })
}

/// [`html_rules::SKIP`] as `(tag, attribute)` items (`""` for any tag), parsed once rather
/// than for every element of every page.
fn skip_items() -> &'static [(&'static str, Option<&'static str>)] {
    static ITEMS: std::sync::OnceLock<Vec<(&str, Option<&str>)>> = std::sync::OnceLock::new();
    ITEMS.get_or_init(|| {
        html_rules::SKIP
            .split(',')
            .map(|item| match item.split_once('[') {
                Some((tag, attr)) => (tag, Some(attr.trim_end_matches(']'))),
                None => (item, None),
            })
            .collect()
    })
}

/// The text of one block as the recogniser sees it, and where each text node sits in it.
#[derive(Default)]
pub struct Run {
    /// The concatenated decoded text of `nodes`.
    pub text: String,
    /// Each node (an index into the read pass's nodes) with the byte offset of its text.
    pub nodes: Vec<(usize, usize)>,
}

impl AsRef<str> for Run {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

#[cfg(test)]
mod tests;
