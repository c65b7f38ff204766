//! Browser measurements (reported, with generous ceilings so noise never fails CI):
//! throughput of `annotate` and `annotateElement` on 1 MB of news-like text, and the peak
//! size of the wasm linear memory while doing it (wasm memory only grows, so its size after
//! the call is the peak). Run with `--nocapture` to see the figures.
#![cfg(target_arch = "wasm32")]

mod web_common;

use tagit::text::Document;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_common::*;

wasm_bindgen_test_configure!(run_in_browser);

const MB: usize = 1 << 20;

const PARAGRAPH: &str = "הנשיא ולדימיר פוטין נפגש אתמול במוסקבה עם סשה טרופנוב, ב-7 באוקטובר 2024, \
    ולאחר מכן טס לירושלים. ראש הממשלה בנימין נתניהו הודיע כי צה\"ל יפעל בעזה עד 14:30 ביום \
    שלישי, ובארה״ב דיווח ארגון הבריאות העולמי על 5,000 מקרים (6.6%) בנובמבר 2023. ";

fn memory_bytes() -> usize {
    core::arch::wasm32::memory_size(0) * 65_536
}

#[wasm_bindgen_test]
fn one_megabyte_article() {
    let text = PARAGRAPH.repeat(MB / PARAGRAPH.len() + 1);
    let tokens = Document::new(&text).len();
    // Warm up (builds the recogniser) on a small text first.
    tagit::web::annotate(JsValue::from_str(PARAGRAPH), JsValue::UNDEFINED).unwrap();
    let before = memory_bytes();

    let t0 = js_sys::Date::now();
    let spans = tagit::web::annotate(JsValue::from_str(&text), JsValue::UNDEFINED).unwrap();
    let ms = js_sys::Date::now() - t0;
    let spans = js_sys::Array::from(&spans).length();
    let peak = memory_bytes();
    console_log!(
        "annotate, {:.1} MB ({tokens} tokens): {spans} spans in {ms:.0} ms = {:.0} tokens/s; \
         wasm memory {:.1} MB before, {:.1} MB peak",
        text.len() as f64 / MB as f64,
        tokens as f64 / (ms / 1000.0),
        before as f64 / MB as f64,
        peak as f64 / MB as f64
    );
    assert!(spans > 0);
    assert!(ms < 30_000.0, "{ms} ms");
    assert!(peak < 512 * MB, "{peak} bytes");

    // The same text as an article of paragraphs in the page.
    let html: String =
        std::iter::repeat_n(format!("<p>{PARAGRAPH}</p>"), text.len() / PARAGRAPH.len()).collect();
    let root = fixture(&html);
    let t0 = js_sys::Date::now();
    tagit::web::annotate_element(root.clone().into(), JsValue::UNDEFINED);
    let ms = js_sys::Date::now() - t0;
    let t1 = js_sys::Date::now();
    tagit::web::clear_annotations(root.clone().into());
    console_log!(
        "annotateElement, {} paragraphs: {ms:.0} ms = {:.0} tokens/s, clear {:.0} ms; wasm memory peak {:.1} MB",
        text.len() / PARAGRAPH.len(),
        tokens as f64 / (ms / 1000.0),
        js_sys::Date::now() - t1,
        memory_bytes() as f64 / MB as f64
    );
    assert!(ms < 30_000.0, "{ms} ms");
    root.remove();
}

/// The benchmark: the demo article repeated to 1 MB, through the Rust core alone
/// (no conversion of the spans to JavaScript objects), beside the same call through the
/// JavaScript API.
/// A site dictionary of 100,000 entries: compiled from its JSON through the JS API, and the
/// cost of annotating 1 MB with it (issue 13's targets: compile ≤ 200 ms, annotate ≤ 10 %
/// slower; the ceilings here only catch a collapse).
#[wasm_bindgen_test]
fn dictionary_of_100k_entries() {
    let json = tagit::dictionary::synthetic(100_000);
    let article = include_str!("fixtures/demo-article.txt");
    let text = format!("{article}\n").repeat(MB / (article.len() + 1) + 1);
    let t0 = js_sys::Date::now();
    let dictionary = tagit::web::JsDictionary::new(JsValue::from_str(&json)).unwrap();
    let compile = js_sys::Date::now() - t0;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"dictionary".into(), &JsValue::from(dictionary)).unwrap();
    let options: JsValue = options.into();
    tagit::web::annotate(JsValue::from_str(article), JsValue::UNDEFINED).unwrap();
    let (mut without, mut with) = (f64::MAX, f64::MAX);
    for _ in 0..3 {
        let t0 = js_sys::Date::now();
        tagit::web::annotate(JsValue::from_str(&text), JsValue::UNDEFINED).unwrap();
        without = without.min(js_sys::Date::now() - t0);
        let t0 = js_sys::Date::now();
        tagit::web::annotate(JsValue::from_str(&text), options.clone()).unwrap();
        with = with.min(js_sys::Date::now() - t0);
    }
    console_log!(
        "dictionary of 100,000 entries ({:.1} MB of JSON): compiled in {compile:.0} ms; \
         annotating 1 MB {without:.0} ms without, {with:.0} ms with ({:+.1} %, best of 3)",
        json.len() as f64 / 1e6,
        (with / without - 1.0) * 100.0
    );
    assert!(compile < 5_000.0, "{compile} ms");
    assert!(
        with < without * 2.0 + 100.0,
        "{with} ms against {without} ms"
    );
}

#[wasm_bindgen_test]
fn demo_article_repeated_to_one_megabyte() {
    let article = include_str!("fixtures/demo-article.txt");
    let mut text = String::with_capacity(MB + article.len() + 1);
    while text.len() < MB {
        text.push_str(article);
        text.push('\n');
    }
    let tokens = Document::new(&text).len();
    let annotator = tagit::Annotator::default();
    let options = tagit::Options::default();
    annotator.annotate(article, &options);
    let mut best = f64::MAX;
    let mut spans = 0;
    for _ in 0..3 {
        let t0 = js_sys::Date::now();
        spans = annotator.annotate(&text, &options).len();
        best = best.min(js_sys::Date::now() - t0);
    }
    let t0 = js_sys::Date::now();
    tagit::web::annotate(JsValue::from_str(&text), JsValue::UNDEFINED).unwrap();
    let api = js_sys::Date::now() - t0;
    console_log!(
        "demo article to 1 MB ({tokens} tokens): core annotate {spans} spans in {best:.0} ms = \
         {:.0} tokens/s (best of 3); JS API annotate {api:.0} ms = {:.0} tokens/s",
        tokens as f64 / (best / 1000.0),
        tokens as f64 / (api / 1000.0)
    );
    assert!(spans > 0);
    assert!(best < 30_000.0, "{best} ms");
}

#[wasm_bindgen_test]
fn one_megabyte_in_one_text_node() {
    // Wire copy with no markup at all: a single text node of 1 MB holding ~30k entities.
    let text = PARAGRAPH.repeat(MB / PARAGRAPH.len() + 1);
    let root = fixture("");
    let p = document().create_element("p").unwrap();
    p.set_text_content(Some(&text));
    root.append_child(&p).unwrap();
    let t0 = js_sys::Date::now();
    let summary = tagit::web::annotate_element(root.clone().into(), JsValue::UNDEFINED);
    let ms = js_sys::Date::now() - t0;
    let t1 = js_sys::Date::now();
    tagit::web::clear_annotations(root.clone().into());
    let clear = js_sys::Date::now() - t1;
    let total = js_sys::Reflect::get(&summary, &"total".into()).unwrap();
    console_log!("one text node of 1 MB: {total:?} entities in {ms:.0} ms, clear {clear:.0} ms");
    assert_eq!(p.child_nodes().length(), 1);
    assert_eq!(p.text_content().unwrap(), text);
    assert!(ms + clear < 30_000.0);
    root.remove();
}
