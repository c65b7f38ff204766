//! Browser tests: hostile pages.
//!
//! Each fixture in `tests/fixtures/pages/` is a fragment of a page that real sites (or a
//! hostile one) produce. Its first comment says which entities must be marked
//! (`<!-- expect: PER סשה טרופנוב | DATE 7 באוקטובר -->`, in document order, shadow and frame
//! content where the walker meets it); `<!-- restore: page-edited -->` marks fixtures whose
//! page edits itself, so the check after clearing is the fixture's own; `<!-- expect-error -->`
//! marks fixtures where the call must fail cleanly. A `<script type="text/x-tagit-setup">`
//! (run with `root` bound, may be async) builds what HTML cannot: shadow roots, frames,
//! observers, patched DOM methods; it may leave `root.tagitAfterAnnotate` and
//! `root.tagitAfterClear` checks that return an error message or null.
//!
//! Every fixture: annotate with the fake recogniser (exact marks, no console noise), again
//! (nothing changes), clear (markup byte-identical in every tree, the page's text nodes the
//! same objects), then the same with the real annotator, whose output is not asserted, only
//! the exact restore.
#![cfg(target_arch = "wasm32")]

mod web_common;

use js_sys::{Function, Promise, Reflect};
use tagit::{Label, Span};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_common::*;
use web_sys::{Element, Node};

wasm_bindgen_test_configure!(run_in_browser);

/// Markup as text; the fake recogniser marks it so a mark wraps it (it must stay text).
const IMG: &str = "<img src=x onerror=window.tagitPwned=1>";

/// The fake recogniser of these tests: fixed strings in several scripts.
fn hostile_fake(text: &str) -> Vec<Span> {
    find(
        text,
        &[
            (SASHA, Label::PER, None),
            (MOSHE, Label::PER, None),
            (OCT7, Label::DATE, Some("XXXX-10-07")),
            ("John Smith", Label::PER, None),
            ("Tel Aviv", Label::GPE, None),
            ("ירושלים", Label::GPE, None),
            ("محمود عباس", Label::PER, None),
            (IMG, Label::WOA, None),
        ],
    )
}

/// What a fixture file declares.
struct Page {
    expect: Vec<(String, String)>,
    page_edited: bool,
    expect_error: bool,
}

impl Page {
    fn parse(html: &str) -> Page {
        let list = html
            .split_once("<!-- expect:")
            .and_then(|(_, rest)| rest.split_once("-->"))
            .map(|(list, _)| list.trim())
            .expect("fixture starts with <!-- expect: … -->");
        let expect = list
            .split(" | ")
            .filter(|e| !e.trim().is_empty())
            .map(|e| {
                let (label, text) = e.trim().split_once(' ').expect("LABEL text");
                (label.to_string(), text.to_string())
            })
            .collect();
        Page {
            expect,
            page_edited: html.contains("<!-- restore: page-edited -->"),
            expect_error: html.contains("<!-- expect-error -->"),
        }
    }
}

/// `target[key]` when it is an object.
fn prop(target: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .filter(JsValue::is_object)
}

/// Every node below `root` in the order the walker meets them, entering open shadow roots
/// (right after their host) and same-origin frame documents; the roots of those inner
/// trees are also listed in `trees`.
fn composed(root: &Node, nodes: &mut Vec<Node>, trees: &mut Vec<JsValue>) {
    let mut child = root.first_child();
    while let Some(c) = child {
        nodes.push(c.clone());
        if c.node_type() == Node::ELEMENT_NODE {
            if let Some(shadow) = prop(&c, "shadowRoot") {
                trees.push(shadow.clone());
                composed(shadow.unchecked_ref(), nodes, trees);
            }
            if let Some(html) =
                prop(&c, "contentDocument").and_then(|d| prop(&d, "documentElement"))
            {
                trees.push(html.clone());
                composed(html.unchecked_ref(), nodes, trees);
            }
        }
        composed(&c, nodes, trees);
        child = c.next_sibling();
    }
}

fn composed_nodes(root: &Element) -> (Vec<Node>, Vec<JsValue>) {
    let (mut nodes, mut trees) = (Vec::new(), Vec::new());
    composed(root, &mut nodes, &mut trees);
    (nodes, trees)
}

/// tagit marks under `root` in every tree, except those in `pre` (the page's forgeries).
fn our_marks(root: &Element, pre: &[Element]) -> Vec<Element> {
    composed_nodes(root)
        .0
        .into_iter()
        // By nodeType, not instanceof: a frame's elements come from another realm.
        .filter(|n| n.node_type() == Node::ELEMENT_NODE)
        .map(JsCast::unchecked_into::<Element>)
        .filter(|e| e.local_name() == "mark" && e.has_attribute("data-tagit-id"))
        .filter(|e| !pre.iter().any(|p| p.is_same_node(Some(e))))
        .collect()
}

/// `(label, text)` per entity (pieces with one id joined), in document order; checks each
/// mark's attributes on the way.
fn entities(root: &Element, pre: &[Element]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String, String)> = Vec::new();
    for m in our_marks(root, pre) {
        let label = m.get_attribute("data-tagit-label").unwrap_or_default();
        let id = m.get_attribute("data-tagit-id").unwrap_or_default();
        assert_eq!(
            m.get_attribute("class").unwrap_or_default(),
            format!("tagit tagit-{label}")
        );
        assert_eq!(
            m.get_attribute("data-tagit-value").is_some(),
            label == "DATE",
            "value only on the fake's dates"
        );
        let text = m.text_content().unwrap_or_default();
        match out.iter_mut().find(|(_, i, _)| *i == id) {
            Some(e) => e.2.push_str(&text),
            None => out.push((label, id, text)),
        }
    }
    out.into_iter().map(|(l, _, t)| (l, t)).collect()
}

/// The page's state in every tree: markup, and each text node with its data.
struct Snapshot {
    html: Vec<String>,
    texts: Vec<(Node, String)>,
}

impl Snapshot {
    fn take(root: &Element) -> Snapshot {
        let (nodes, trees) = composed_nodes(root);
        let mut html = vec![root.inner_html()];
        html.extend(trees.iter().map(|t| {
            Reflect::get(t, &"innerHTML".into())
                .unwrap()
                .as_string()
                .unwrap()
        }));
        let texts = nodes
            .into_iter()
            .filter(|n| n.node_type() == Node::TEXT_NODE)
            .map(|n| {
                let data = n.text_content().unwrap_or_default();
                (n, data)
            })
            .collect();
        Snapshot { html, texts }
    }

    fn assert_restored(&self, root: &Element, what: &str) {
        let now = Snapshot::take(root);
        assert_eq!(now.html.len(), self.html.len(), "{what}: number of trees");
        for (i, (a, b)) in now.html.iter().zip(&self.html).enumerate() {
            assert_eq!(a, b, "{what}: markup of tree {i}");
        }
        assert_eq!(now.texts.len(), self.texts.len(), "{what}: text nodes");
        for (i, ((n, d), (o, od))) in now.texts.iter().zip(&self.texts).enumerate() {
            assert!(n.is_same_node(Some(o)), "{what}: text node {i} replaced");
            assert_eq!(d, od, "{what}: text node {i} data");
        }
    }
}

async fn settle(v: JsValue) -> Result<JsValue, JsValue> {
    JsFuture::from(Promise::resolve(&v)).await
}

/// Resolves after `ms` milliseconds (a macrotask: pending observers have run by then).
async fn sleep(ms: i32) {
    let p = Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(p).await.unwrap();
}

/// A helper for setup scripts: the document of a same-origin frame, after a pause that lets
/// a frame just inserted finish loading its `about:blank`, so the content filled in stays.
const FRAME_DOC: &str = "const frameDoc = async (frame) => {
  await new Promise(r => setTimeout(r, 50));
  return frame.contentDocument;
};";

/// Runs the fixture's setup scripts with `root` bound.
async fn setup(root: &Element) {
    let scripts = root
        .query_selector_all(r#"script[type="text/x-tagit-setup"]"#)
        .unwrap();
    for i in 0..scripts.length() {
        let body = scripts.item(i).unwrap().text_content().unwrap_or_default();
        let f = Function::new_with_args(
            "root",
            &format!("{FRAME_DOC}\nreturn (async () => {{\n{body}\n}})();"),
        );
        let v = f.call1(&JsValue::NULL, root).expect("setup script runs");
        settle(v).await.expect("setup script succeeds");
    }
}

/// Runs the check the fixture left at `root[name]`, if any; its error message.
async fn check(root: &Element, name: &str) -> Option<String> {
    let f = Reflect::get(root, &name.into()).ok()?;
    let f = f.dyn_ref::<Function>()?;
    let v = settle(f.call0(root).expect("check runs"))
        .await
        .expect("check settles");
    v.as_string()
}

async fn run(name: &str, html: &str) {
    let page = Page::parse(html);
    let root = fixture(html);
    setup(&root).await;
    let pre = our_marks(&root, &[]);
    let before = Snapshot::take(&root);

    // The fake recogniser: exact marks.
    let mut summary = None;
    let logged = console_errors(|| {
        summary = Some(tagit::web::annotate_element_with(
            root.as_ref(),
            &mut hostile_fake,
        ))
    });
    let summary = summary.unwrap();
    if page.expect_error {
        assert!(summary.error.is_some(), "{name}: the call should fail");
        assert_eq!(logged.len(), 1, "{name}: reported once: {logged:?}");
    } else {
        assert_eq!(summary.error, None, "{name}");
        assert!(logged.is_empty(), "{name}: console: {logged:?}");
    }
    let want: Vec<(String, String)> = if page.expect_error {
        Vec::new()
    } else {
        page.expect.clone()
    };
    let got = entities(&root, &pre);
    assert_eq!(got, want, "{name}: marks");
    assert_eq!(summary.total as usize, got.len(), "{name}: summary");
    if !page.expect_error {
        // Idempotent in every tree: a second call finds every block already annotated.
        // (Still synchronous: the page's observers have not run yet.)
        let annotated = Snapshot::take(&root);
        let again = tagit::web::annotate_element_with(root.as_ref(), &mut hostile_fake);
        assert_eq!((again.total, again.error), (0, None), "{name}: second call");
        annotated.assert_restored(&root, &format!("{name}: second call"));
    }
    if let Some(e) = check(&root, "tagitAfterAnnotate").await {
        panic!("{name}: after annotating: {e}");
    }
    sleep(0).await;

    let logged = console_errors(|| tagit::web::clear_annotations(root.clone().into()));
    assert!(logged.is_empty(), "{name}: clear: {logged:?}");
    // The fixture's own check first: it may remove what the page itself made meanwhile.
    if let Some(e) = check(&root, "tagitAfterClear").await {
        panic!("{name}: after clearing: {e}");
    }
    assert!(our_marks(&root, &pre).is_empty(), "{name}: marks left");
    if !page.page_edited {
        before.assert_restored(&root, name);
    }

    // The real annotator: whatever it finds, the page comes back exactly.
    let before = Snapshot::take(&root);
    let mut summary = JsValue::UNDEFINED;
    let logged = console_errors(|| {
        summary = tagit::web::annotate_element(root.clone().into(), JsValue::UNDEFINED)
    });
    assert!(logged.is_empty(), "{name}: real annotator: {logged:?}");
    assert!(
        Reflect::get(&summary, &"error".into())
            .unwrap()
            .is_undefined(),
        "{name}: real annotator failed"
    );
    tagit::web::clear_annotations(root.clone().into());
    before.assert_restored(&root, &format!("{name} (real annotator)"));
    root.remove();
}

macro_rules! pages {
    ($($test:ident => $file:literal,)*) => {
        $(
            #[wasm_bindgen_test]
            async fn $test() {
                run($file, include_str!(concat!("fixtures/pages/", $file))).await;
            }
        )*
        /// Every fixture file has a test.
        #[wasm_bindgen_test]
        fn every_fixture_is_listed() {
            let listed = [$($file),*];
            assert!(listed.len() >= 30, "at least 30 hostile pages");
            let mut sorted = listed.to_vec();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), listed.len(), "listed twice");
        }
    };
}

mod pages {
    use super::*;

    pages! {
    p01_nested_inline => "01-nested-inline.html",
    p02_split_inside_a_word => "02-split-inside-a-word.html",
    p03_entities_across_links_and_b => "03-entities-across-links-and-b.html",
    p04_template => "04-template.html",
    p05_shadow_open => "05-shadow-open.html",
    p06_shadow_slot => "06-shadow-slot.html",
    p07_shadow_nested => "07-shadow-nested.html",
    p08_shadow_closed => "08-shadow-closed.html",
    p09_iframe_same_origin => "09-iframe-same-origin.html",
    p10_iframe_cross_origin => "10-iframe-cross-origin.html",
    p11_iframe_nested => "11-iframe-nested.html",
    p12_iframe_editors => "12-iframe-editors.html",
    p13_contenteditable => "13-contenteditable.html",
    p14_forms => "14-forms.html",
    p15_page_marks => "15-page-marks.html",
    p16_html_as_text => "16-html-as-text.html",
    p17_script_style_noscript => "17-script-style-noscript.html",
    p18_code_pre_kbd => "18-code-pre-kbd.html",
    p19_rtl_ltr_mixed => "19-rtl-ltr-mixed.html",
    p20_niqqud_cantillation => "20-niqqud-cantillation.html",
    p21_emoji => "21-emoji.html",
    p22_bidi_controls => "22-bidi-controls.html",
    p23_html_entities => "23-html-entities.html",
    p24_zero_width_and_nbsp => "24-zero-width-and-nbsp.html",
    p25_adjacent_text_nodes => "25-adjacent-text-nodes.html",
    p26_comments_inside => "26-comments-inside.html",
    p27_breaks_and_blocks => "27-breaks-and-blocks.html",
    p28_tables_lists_headings => "28-tables-lists-headings.html",
    p29_svg_math => "29-svg-math.html",
    p30_data_tagit_skip => "30-data-tagit-skip.html",
    p31_custom_elements => "31-custom-elements.html",
    p32_mutation_edit => "32-mutation-edit.html",
    p33_mutation_remove => "33-mutation-remove.html",
    p34_throwing_dom_patch => "34-throwing-dom-patch.html",
    p35_sync_mutation => "35-sync-mutation.html",
    p36_lone_surrogates => "36-lone-surrogates.html",
    p37_hidden_and_attributes => "37-hidden-and-attributes.html",
    p38_deep_nesting => "38-deep-nesting.html",
    p39_whitespace_only => "39-whitespace-only.html",
    p40_arabic_hebrew_latin => "40-arabic-hebrew-latin.html",
    p41_ruby_wbr => "41-ruby-wbr.html",
    p42_links_and_buttons_in_prose => "42-links-and-buttons-in-prose.html",
    p43_framework_rerender => "43-framework-rerender.html",
    p44_page_clones_marked_content => "44-page-clones-marked-content.html",
    p45_throwing_getters => "45-throwing-getters.html",
    }
}

/// Huge DOMs, generated here rather than committed.
mod huge {
    use super::*;

    fn count_nodes(root: &Element) -> u32 {
        let f = Function::new_with_args(
            "r",
            "let n = 0; const w = document.createTreeWalker(r); while (w.nextNode()) n++; return n;",
        );
        f.call1(&JsValue::NULL, root).unwrap().as_f64().unwrap() as u32
    }

    fn now() -> f64 {
        js_sys::Date::now()
    }

    /// Annotates and clears `root` with the fake, checking counts, exact restore and time.
    fn annotate_and_clear(root: &Element, entities: u32, what: &str) {
        let before = Snapshot::take(root);
        let t0 = now();
        let summary = tagit::web::annotate_element_with(root.as_ref(), &mut hostile_fake);
        let t1 = now();
        assert_eq!((summary.total, summary.error), (entities, None), "{what}");
        tagit::web::clear_annotations(root.clone().into());
        let t2 = now();
        before.assert_restored(root, what);
        console_log!(
            "{what}: {} nodes, {entities} entities: annotate {:.0} ms, clear {:.0} ms",
            count_nodes(root),
            t1 - t0,
            t2 - t1
        );
        // A generous ceiling: linear work takes well under a second; quadratic takes minutes.
        assert!(t2 - t0 < 15_000.0, "{what}: {} ms", t2 - t0);
    }

    #[wasm_bindgen_test]
    fn fifty_thousand_nodes_in_many_blocks() {
        let para = format!(
            "<p>אתמול <b>סשה</b> טרופנוב <i>נפגש</i> עם <a href=\"#\">{MOSHE}</a> ב-<span>{OCT7}</span></p>"
        );
        let root = fixture(&para.repeat(4200));
        assert!(count_nodes(&root) >= 50_000);
        annotate_and_clear(&root, 3 * 4200, "many blocks");

        // And the real annotator over the same page, timed.
        let before = Snapshot::take(&root);
        let t0 = now();
        let summary = tagit::web::annotate_element(root.clone().into(), JsValue::UNDEFINED);
        let t1 = now();
        let total = Reflect::get(&summary, &"total".into()).unwrap();
        tagit::web::clear_annotations(root.clone().into());
        console_log!(
            "many blocks, real annotator: {total:?} entities in {:.0} ms, clear {:.0} ms",
            t1 - t0,
            now() - t1
        );
        before.assert_restored(&root, "many blocks (real)");
        root.remove();
    }

    #[wasm_bindgen_test]
    fn fifty_thousand_nodes_in_one_block() {
        // One paragraph of 25,000 names, each crossing a <b> boundary: one run with 50k
        // text nodes and 25k spans (quadratic matching of spans to nodes would show here).
        let root = fixture(&format!("<p>{}</p>", "<b>סשה</b> טרופנוב ו".repeat(25_000)));
        assert!(count_nodes(&root) >= 50_000);
        annotate_and_clear(&root, 25_000, "one block");
        root.remove();
    }
}
