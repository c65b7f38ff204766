//! The JavaScript and DOM adapter over the core (built for wasm32 only).
//!
//! Thin on purpose: the core does all text work; this layer collects the text of the
//! page's blocks ([`walk`]), converts offsets to UTF-16, wraps what the core found in
//! `<mark>` elements ([`wrap`]), can undo exactly that ([`registry`]), and gives a block
//! back to the page when the page rewrites what tagit split or makes it editable
//! ([`watch`]). The DOM pipeline is generic over the recogniser ([`annotate_element_with`]),
//! so the browser tests drive it with a fake one and do not depend on the model's accuracy.
//!
//! JS API: `annotate(text, options?)`, `annotateElement(root, options?)`,
//! `clearAnnotations(root)`, `isTagitMark(element)`, the `TagitArticle` class
//! (`article.rs`), the `TagitDictionary` class (`dictionary.rs`), `prepare(step)` and `describeDate(value)`; the `tagit:restored` event on
//! `document`. `annotate` is a developer API and throws on bad input; the functions that
//! touch the DOM run on publishers' pages and never throw.

#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod article;
mod dictionary;
mod guard;
mod options;
mod registry;
mod walk;
mod watch;
mod wrap;

pub use article::Article;
pub use dictionary::JsDictionary;

use crate::html_rules::{self, joined_text, recognise_joined};
use crate::offsets::{self, Unit};
use crate::span::{Label, Span};
use crate::{Annotator, Options};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{Element, Node};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** An entity or date label: the NEMO entity set plus DATE and TIME. */
export type TagitLabel =
  | "PER" | "ORG" | "GPE" | "LOC" | "FAC" | "EVE" | "WOA" | "DUC" | "ANG"
  | "DATE" | "TIME";

/** What to annotate. Every field is optional; unknown fields are an error. */
export interface TagitOptions {
  /** Labels to return, e.g. ["PER", "DATE"]. Default: all labels. */
  labels?: TagitLabel[];
  /** Drop mentions with a lower confidence, 0..1. Default: 0. */
  minConfidence?: number;
  /** The document's own date, "YYYY-MM-DD"; relative dates resolve against it. */
  documentDate?: string;
  /** A site dictionary (compile it once with `new TagitDictionary(json)`). */
  dictionary?: TagitDictionary;
}

/** One site dictionary entry (see docs/dictionary.md; JSON Schema in docs/dictionary.schema.json). */
export interface TagitDictionaryEntry {
  /** The name as the site writes it (matched folded, attached prefixes outside). Required
   * except in `{ label, ignore: true }`, which suppresses a whole label. */
  text?: string;
  /** Other spellings of the same name. */
  variants?: string[];
  /** The label the name gets (with `ignore`: suppress the text only under this label). */
  label?: TagitLabel;
  /** The name to show for every form. Default: `text`. */
  canonical?: string;
  /** An http(s) page about the entity, shown in the tooltip. */
  link?: string;
  /** The publisher's own identifier, passed through to spans and marks. */
  id?: string;
  /** Suppress instead of adding. */
  ignore?: boolean;
  /** Words near which alone the entry counts (within 20 words either side). */
  context?: string[];
}

/** A dictionary as JSON: an object with `entries`, or just the array. */
export type TagitDictionarySource = { entries: TagitDictionaryEntry[]; $schema?: string } | TagitDictionaryEntry[];

/** One mention. Offsets are UTF-16 code units (JS string indices), end exclusive. */
export interface TagitSpan {
  start: number;
  end: number;
  label: TagitLabel;
  /** Exactly `text.slice(start, end)`. */
  text: string;
  /** Normalised value (ISO 8601 / TIMEX3 for dates and times), else null. */
  value: string | null;
  /** 0..1. */
  confidence: number;
  /** The entity's name, when a dictionary entry or tagit's knowledge list names it; else null. */
  canonical: string | null;
  /** An http(s) page about the entity (Hebrew Wikipedia for the knowledge list), or null. */
  link: string | null;
  /** The dictionary entry's `id`, or null. */
  entityId: string | null;
}

/**
 * The detail of the `tagit:restored` event, dispatched on `document` when tagit gave blocks
 * back to the page: the page wrote to, removed or moved text tagit had split ("page"), or a
 * region became editable ("editable"). `elements` are the elements whose text came back, as
 * the page wrote it; annotate them again later if you want them highlighted.
 */
export interface TagitRestoredDetail {
  elements: Element[];
  reason: "page" | "editable";
}

/** What annotateElement did. */
export interface TagitSummary {
  /** Entities wrapped by this call. */
  total: number;
  /** Entities wrapped by this call, per label (every label present, 0 when none). */
  counts: Record<TagitLabel, number>;
  /** Set when the call failed; the page was then left exactly as it was. */
  error?: string;
}
"#;

thread_local! {
    /// Built on first use and kept: building the recogniser is the expensive part.
    static ANNOTATOR: Annotator = Annotator::default();
}

/// A sentence with a person, an organisation, a place, a date and a time: what
/// [`prepare`] runs through the pipeline so every part of it has run once.
const SAMPLE: &str =
    "ביום שלישי, 7 באוקטובר 2023 בשעה 14:30, אמר הנשיא ולדימיר פוטין לחמאס במוסקבה כי פוטין ישוב.";

/// The last step of [`prepare`].
const PREPARE_STEPS: u32 = 5;

/// Does the first annotation's one-time work ahead of it, in steps small enough to run
/// each in its own short task (call `prepare(0)`, `prepare(1)`, … while it returns true,
/// yielding to the browser between calls).
///
/// The first annotation would otherwise do it all in one long task: building the
/// recogniser (parsing the embedded model) and, above all, compiling the code it runs,
/// since engines compile a wasm function on its first call (V8's lazy compilation: 150
/// functions, 25 to 65 ms on a loaded 2-core machine). Each step runs one more part of
/// the pipeline on a short sample. Optional: without it the first annotation is only
/// slower. Never throws.
#[wasm_bindgen(js_name = prepare)]
pub fn prepare(step: u32) -> bool {
    let _ = guard::run(|| {
        let options = Options {
            document_date: "2025-03-11".parse().ok(),
            ..Options::default()
        };
        match step {
            0 => ANNOTATOR.with(|_| ()),
            1 => {
                let _ = crate::model::EntityModel::try_builtin();
            }
            2 => ANNOTATOR.with(|a| drop(a.annotate("שלום", &Options::default()))),
            3 => ANNOTATOR.with(|a| drop(a.annotate(SAMPLE, &options))),
            4 => ANNOTATOR.with(|a| {
                let mut ctx = crate::DocContext::new();
                for round in 0..a.rounds() {
                    a.learn(round, SAMPLE, &mut ctx);
                }
                drop(a.annotate_in(SAMPLE, &options, &ctx));
            }),
            _ => {}
        }
    });
    step < PREPARE_STEPS - 1
}

/// The widget's tooltip text for a DATE or TIME value (a mark's `data-tagit-value`, ISO
/// 8601 / TIMEX3): `{ day, hebrew }`, e.g. `{ day: "יום שבת, 7 באוקטובר 2023", hebrew:
/// "כ״ב בתשרי תשפ״ד" }` (`hebrew` null for values that are not one day), or null when the
/// value says nothing a reader could use. Never throws.
#[wasm_bindgen(
    js_name = describeDate,
    unchecked_return_type = "{ day: string, hebrew: string | null } | null"
)]
pub fn describe_date(#[wasm_bindgen(unchecked_param_type = "string")] value: JsValue) -> JsValue {
    let lines = value.as_string().and_then(|v| {
        guard::run(|| crate::dates::tooltip_lines(&v))
            .ok()
            .flatten()
    });
    match lines {
        Some((day, hebrew)) => {
            let out = Object::new();
            set(&out, "day", day.into());
            set(&out, "hebrew", hebrew.map_or(JsValue::NULL, JsValue::from));
            out.into()
        }
        None => JsValue::NULL,
    }
}

/// Finds entities and dates in `text`.
///
/// Returns the mentions sorted by start, with UTF-16 offsets. Throws an `Error` naming the
/// problem when `options` is invalid (unknown label, bad date, wrong type, unknown field).
#[wasm_bindgen(js_name = annotate, unchecked_return_type = "TagitSpan[]")]
pub fn annotate(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TagitOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let text = text
        .as_string()
        .ok_or_else(|| js_error(&format!("text must be a string, got {}", type_name(&text))))?;
    let text = text.as_str();
    let options = options::parse(&options).map_err(|e| js_error(&e))?;
    let spans =
        guard::run(|| ANNOTATOR.with(|a| a.annotate(text, &options))).map_err(|e| js_error(&e))?;
    Ok(spans_to_js(text, &spans).into())
}

/// Highlights the entities and dates in the prose under `root`, including the open shadow
/// roots and same-origin iframe documents below it (closed shadow roots and cross-origin
/// frames cannot be reached and are skipped silently).
///
/// Never throws: any failure (bad options, a `root` that is not an element, an internal
/// error) is reported once with `console.error`, the page is left exactly as it was, and
/// the summary's `error` says what happened. A block that already holds tagit marks is
/// skipped as a whole, so calling it again (say, after more content loaded) only adds to
/// new text; to re-annotate with other options, call `clearAnnotations` first.
#[wasm_bindgen(js_name = annotateElement, unchecked_return_type = "TagitSummary")]
pub fn annotate_element(
    #[wasm_bindgen(unchecked_param_type = "Element")] root: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TagitOptions")] options: JsValue,
) -> JsValue {
    // Guarded too: a hostile options object (a throwing getter, a Proxy) must not throw.
    let summary = match guard::run(|| options::parse(&options)) {
        Ok(Ok(options)) => annotate_element_joined(&root, &mut |text| {
            ANNOTATOR.with(|a| a.annotate(text, &options))
        }),
        Ok(Err(e)) | Err(e) => Summary::failed(e),
    };
    summary.to_js()
}

/// Whether `element` is one of tagit's own live marks, as opposed to page markup that
/// looks like one (a copied or forged `<mark class="tagit" data-tagit-id>`). Never throws.
#[wasm_bindgen(js_name = isTagitMark)]
pub fn is_tagit_mark(#[wasm_bindgen(unchecked_param_type = "Element")] element: JsValue) -> bool {
    registry::is_own_mark(&element)
}

/// Takes the marks written at publish time (`tagit annotate --html`) under `root` as tagit's
/// own, so `isTagitMark`, `clearAnnotations`, the restores and later passes treat them like
/// marks this package made. Only marks that the embed has verified and adopted carry the
/// attribute in tagit's namespace (see `www/widget/ahead.js`: markup cannot produce it), so
/// a look-alike elsewhere in the page is never taken. Returns how many marks were adopted.
/// Never throws.
#[wasm_bindgen(js_name = adoptMarks)]
pub fn adopt_marks(#[wasm_bindgen(unchecked_param_type = "Element")] root: JsValue) -> u32 {
    let result = watch::ours(|| {
        guard::run(|| {
            let root = as_element(&root)?;
            let marks = root
                .query_selector_all("mark[data-tagit-id]")
                .map_err(|e| guard::js_message(&e))?;
            let mut adopted = 0;
            for i in 0..marks.length() {
                let Some(mark) = marks.item(i) else { continue };
                let mark: Element = mark.unchecked_into();
                if registry::is_own_mark(&mark) || !mark.has_attribute_ns(Some(wrap::OWN_NS), "own")
                {
                    continue;
                }
                let run = registry::begin_run();
                registry::record(run, registry::Op::Wrap { mark: mark.clone() });
                watch::observe(&mark);
                adopted += 1;
            }
            Ok::<u32, String>(adopted)
        })
    });
    match result {
        Ok(Ok(n)) => n,
        Err(e) | Ok(Err(e)) => {
            report("adoptMarks", &e);
            0
        }
    }
}

/// Removes every highlight tagit added under `root` (shadow roots and frames included) and
/// restores the original DOM exactly:
/// the same markup, and the page's own text nodes as the same objects with the same data.
/// Never throws.
#[wasm_bindgen(js_name = clearAnnotations)]
pub fn clear_annotations(#[wasm_bindgen(unchecked_param_type = "Element")] root: JsValue) {
    let result = watch::ours(|| {
        guard::run(|| match as_node(&root, None) {
            Some(root) => {
                registry::clear_within(root);
                Ok(())
            }
            None => Err(format!("root must be an Element, got {}", type_name(&root))),
        })
    });
    if let Err(e) | Ok(Err(e)) = result {
        report("clearAnnotations", &e);
    }
}

/// What one `annotateElement` call did (the Rust side of `TagitSummary`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Entities wrapped.
    pub total: u32,
    /// Entities wrapped per label, indexed by [`Label::index`].
    pub counts: [u32; Label::ALL.len()],
    /// Why the call failed (the DOM was then restored), or `None`.
    pub error: Option<String>,
}

impl Summary {
    fn failed(error: String) -> Summary {
        report("annotateElement", &error);
        Summary {
            error: Some(error),
            ..Summary::default()
        }
    }

    /// Entities wrapped with `label`.
    pub fn count(&self, label: Label) -> u32 {
        self.counts[label.index()]
    }

    /// The `TagitSummary` object.
    pub fn to_js(&self) -> JsValue {
        let counts = Object::new();
        for label in Label::ALL {
            set(&counts, label.as_str(), self.count(label).into());
        }
        let out = Object::new();
        set(&out, "total", self.total.into());
        set(&out, "counts", counts.into());
        if let Some(e) = &self.error {
            set(&out, "error", e.into());
        }
        out.into()
    }
}

/// The DOM pipeline of `annotateElement` with the recogniser passed in: `recognise` maps a
/// block's text to spans with byte offsets (like [`Annotator::annotate`]).
///
/// This is what the browser tests drive with a fake recogniser; it does everything the JS
/// function does except parsing options, including the failure handling: all blocks are
/// recognised before the first DOM change, and on any error or panic every change made by
/// this call is undone and the error reported once.
pub fn annotate_element_with(
    root: &JsValue,
    recognise: &mut dyn FnMut(&str) -> Vec<Span>,
) -> Summary {
    guarded_pipeline(root, recognise, Batch::PerBlock)
}

/// Like [`annotate_element_with`], but the recogniser sees every block of `root` at once,
/// one block a line, as it would see the article's plain text: what it learns in one
/// paragraph (`ולדימיר פוטין`) then helps in the next (`לפוטין`), and the page's result
/// matches what the CLI finds in the same text. This is what `annotateElement` uses.
pub fn annotate_element_joined(
    root: &JsValue,
    recognise: &mut dyn FnMut(&str) -> Vec<Span>,
) -> Summary {
    guarded_pipeline(root, recognise, Batch::Joined)
}

/// How blocks are handed to the recogniser.
#[derive(Clone, Copy, PartialEq)]
enum Batch {
    /// One call per block.
    PerBlock,
    /// One call for all blocks, joined by newlines.
    Joined,
}

fn guarded_pipeline(
    root: &JsValue,
    recognise: &mut dyn FnMut(&str) -> Vec<Span>,
    batch: Batch,
) -> Summary {
    let result = watch::ours(|| {
        let checkpoint = registry::checkpoint();
        let result = guard::run(|| pipeline(root, recognise, batch));
        if !matches!(result, Ok(Ok(_))) {
            // Undoing is DOM work too; a failure there must not escape either.
            let _ = guard::run(|| registry::rollback_to(checkpoint));
        }
        result
    });
    match result {
        Ok(Ok(summary)) => summary,
        Err(e) | Ok(Err(e)) => Summary::failed(e),
    }
}

fn pipeline(
    root: &JsValue,
    recognise: &mut dyn FnMut(&str) -> Vec<Span>,
    batch: Batch,
) -> Result<Summary, String> {
    let root = as_element(root)?;
    let mut summary = Summary::default();
    let runs = readable_runs(root)?;
    let found: Vec<Vec<Span>> = match batch {
        Batch::PerBlock => runs.iter().map(|r| recognise(&r.text)).collect(),
        Batch::Joined => recognise_joined(&runs, recognise),
    };
    for (run, spans) in runs.iter().zip(&found) {
        wrap::wrap_run(run, spans, &mut |label| {
            summary.total += 1;
            summary.counts[label.index()] += 1;
        })
        .map_err(|e| guard::js_message(&e))?;
    }
    Ok(summary)
}

/// `root` as an Element, or the error the DOM functions report.
fn as_element(root: &JsValue) -> Result<&Element, String> {
    as_node(root, Some(Node::ELEMENT_NODE))
        .map(JsCast::unchecked_ref)
        .ok_or_else(|| format!("root must be an Element, got {}", type_name(root)))
}

/// The runs of prose under `root` that tagit may annotate: none inside a skipped element
/// (an editor, one of tagit's marks) or an editable document.
fn readable_runs(root: &Element) -> Result<Vec<walk::Run>, String> {
    let skipped = root
        .closest(walk::SKIP)
        .map_err(|e| guard::js_message(&e))?
        .is_some();
    let editable = root.owner_document().is_some_and(|d| {
        Reflect::get(&d, &JsValue::from_str("designMode"))
            .ok()
            .and_then(|m| m.as_string())
            .is_some_and(|m| m.eq_ignore_ascii_case("on"))
    });
    if skipped || editable {
        return Ok(Vec::new());
    }
    walk::collect(root.as_ref()).map_err(|e| guard::js_message(&e))
}

/// What [`pipeline`] would wrap under `root`, without wrapping: the spans that fall inside
/// one run and can be wrapped, with byte offsets into the runs' joined text, and that text.
fn scan(
    root: &JsValue,
    recognise: &mut dyn FnMut(&str) -> Vec<Span>,
) -> Result<(String, Vec<Span>), String> {
    let root = as_element(root)?;
    let runs = readable_runs(root)?;
    let (text, starts) = joined_text(&runs);
    let mut kept = Vec::new();
    for ((run, spans), start) in runs
        .iter()
        .zip(recognise_joined(&runs, recognise))
        .zip(starts)
    {
        for span in html_rules::wrappable(&run.text, &spans) {
            let mut span = span.clone();
            span.start += start;
            span.end += start;
            kept.push(span);
        }
    }
    Ok((text, kept))
}

/// `spans` (byte offsets into `text`, as the core returns them) as the `TagitSpan[]` that
/// `annotate` returns: UTF-16 offsets, `value` null when absent.
///
/// Every value that crosses into JavaScript is a call; the property names and label strings
/// are made once per thread ([`SpanKeys`]) rather than once per span, which halves the
/// crossings for a long text's thousands of spans.
pub fn spans_to_js(text: &str, spans: &[Span]) -> Array {
    let units = offsets::span_bounds(text, spans, Unit::Utf16);
    let out = Array::new_with_length(spans.len() as u32);
    SPAN_KEYS.with(|k| {
        for (i, (s, u)) in spans.iter().zip(units).enumerate() {
            let o = Object::new();
            let put = |key: &JsValue, value: &JsValue| {
                let _ = Reflect::set(&o, key, value);
            };
            put(&k.start, &(u.0 as u32).into());
            put(&k.end, &(u.1 as u32).into());
            put(&k.label, &k.labels[s.label.index()]);
            put(&k.text, &s.text.as_str().into());
            put(
                &k.value,
                &s.value.as_deref().map_or(JsValue::NULL, JsValue::from),
            );
            // f32 -> f64 would print 0.8999999761581543; four decimals is what a score means.
            put(
                &k.confidence,
                &((f64::from(s.confidence) * 1e4).round() / 1e4).into(),
            );
            let entity = s.entity.as_deref();
            let string = |v: Option<&str>| v.map_or(JsValue::NULL, JsValue::from);
            put(&k.canonical, &string(entity.map(|e| e.canonical.as_str())));
            put(&k.link, &string(entity.and_then(|e| e.link.as_deref())));
            put(&k.entity_id, &string(entity.and_then(|e| e.id.as_deref())));
            out.set(i as u32, o.into());
        }
    });
    out
}

/// The JavaScript strings every span object repeats: its property names and the label names.
struct SpanKeys {
    start: JsValue,
    end: JsValue,
    label: JsValue,
    text: JsValue,
    value: JsValue,
    confidence: JsValue,
    canonical: JsValue,
    link: JsValue,
    entity_id: JsValue,
    /// Indexed by [`Label::index`].
    labels: Vec<JsValue>,
}

thread_local! {
    static SPAN_KEYS: SpanKeys = SpanKeys {
        start: "start".into(),
        end: "end".into(),
        label: "label".into(),
        text: "text".into(),
        value: "value".into(),
        confidence: "confidence".into(),
        canonical: "canonical".into(),
        link: "link".into(),
        entity_id: "entityId".into(),
        labels: Label::ALL.iter().map(|l| l.as_str().into()).collect(),
    };
}

/// Parses a `TagitOptions` value into the core's [`Options`], or says what is wrong with it.
pub fn parse_options(value: &JsValue) -> Result<Options, String> {
    options::parse(value)
}

/// Test hook: makes the DOM change after the next `changes` ones panic (once), so the
/// browser tests can check that a failure half-way through leaves the page as it was.
#[doc(hidden)]
pub fn inject_failure_after(changes: Option<usize>) {
    registry::fail_after(changes);
}

/// `v` as a DOM node (of `node_type`, if given). Checked by `nodeType` rather than
/// `instanceof`, so nodes from another realm (a same-origin iframe's document) qualify.
fn as_node(v: &JsValue, node_type: Option<u16>) -> Option<&Node> {
    if !v.is_object() {
        return None;
    }
    let t = Reflect::get(v, &JsValue::from_str("nodeType"))
        .ok()?
        .as_f64()?;
    let ok = node_type.is_none_or(|want| t == f64::from(want));
    ok.then(|| v.unchecked_ref())
}

fn set(target: &Object, key: &str, value: JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), &value);
}

fn js_error(message: &str) -> JsValue {
    js_sys::Error::new(&format!("tagit: {message}")).into()
}

fn report(function: &str, message: &str) {
    web_sys::console::error_1(&format!("tagit: {function} failed: {message}").into());
}

fn type_name(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else {
        v.js_typeof().as_string().unwrap_or_default()
    }
}
