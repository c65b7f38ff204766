//! Browser tests: the `annotate` JS API (spans with UTF-16 offsets) and option parsing.
#![cfg(target_arch = "wasm32")]

mod web_common;

use js_sys::{Array, JSON, JsString, Reflect};
use tagit::{CivilDate, Label};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_common::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &key.into()).unwrap()
}

/// Every span's offsets slice the JS string to exactly the span's text.
fn assert_slices(text: &str, spans: &Array) {
    let js = JsString::from(text);
    for s in spans.iter() {
        let (start, end) = (
            get(&s, "start").as_f64().unwrap(),
            get(&s, "end").as_f64().unwrap(),
        );
        let slice: String = js.slice(start as u32, end as u32).into();
        assert_eq!(
            Some(slice),
            get(&s, "text").as_string(),
            "{start}..{end} in {text}"
        );
    }
}

mod utf16_offsets {
    use super::*;

    #[wasm_bindgen_test]
    fn spans_index_js_strings() {
        let text = format!("🇮🇱 נפגש עם {MOSHE} 👋🏽 ו{SASHA} ב-{OCT7} 😀");
        let spans = tagit::web::spans_to_js(&text, &fake(&text));
        assert_eq!(spans.length(), 3);
        assert_slices(&text, &spans);
        let js = JsString::from(text.as_str());
        for (s, (needle, label, value)) in spans.iter().zip([
            (MOSHE, "PER", None),
            (SASHA, "PER", None),
            (OCT7, "DATE", Some("XXXX-10-07")),
        ]) {
            let at = js.index_of(needle, 0) as f64;
            assert_eq!(get(&s, "start").as_f64(), Some(at), "{needle}: JS indexOf");
            let len = JsString::from(needle).length() as f64;
            assert_eq!(get(&s, "end").as_f64(), Some(at + len), "{needle}");
            assert_eq!(get(&s, "label").as_string().as_deref(), Some(label));
            let v = get(&s, "value");
            match value {
                Some(v2) => assert_eq!(v.as_string().as_deref(), Some(v2)),
                None => assert!(v.is_null(), "value is null, not undefined"),
            }
            assert_eq!(
                get(&s, "confidence").as_f64(),
                Some(0.9),
                "rounded from f32"
            );
        }
    }
}

mod real_annotator {
    use super::*;

    // Emoji and niqqud *before* the names, so wrong UTF-16 offsets would show.
    const SENTENCE: &str =
        "🇮🇱👋🏽 שָׁלוֹם! הנשיא ולדימיר פוטין נפגש במוסקבה עם סשה טרופנוב ב-7 באוקטובר 2024";

    /// Whatever the shipped recogniser finds (it may still be a stub), the API contract
    /// holds: an array, JS offsets slicing to the span text, known labels.
    #[wasm_bindgen_test]
    fn annotate_keeps_the_contract() {
        let out = tagit::web::annotate(SENTENCE.into(), JsValue::UNDEFINED).unwrap();
        let spans: Array = out.dyn_into().unwrap();
        assert_slices(SENTENCE, &spans);
        for s in spans.iter() {
            let label = get(&s, "label").as_string().unwrap();
            assert!(label.parse::<Label>().is_ok(), "{label}");
        }
        let only_dates =
            JSON::parse(r#"{"labels": ["DATE"], "documentDate": "2024-10-08"}"#).unwrap();
        let dates: Array = tagit::web::annotate(SENTENCE.into(), only_dates)
            .unwrap()
            .dyn_into()
            .unwrap();
        assert!(
            dates
                .iter()
                .all(|s| get(&s, "label").as_string().as_deref() == Some("DATE"))
        );
    }

    #[wasm_bindgen_test]
    fn annotate_element_marks_what_annotate_finds() {
        let root = fixture(&format!("<p>{SENTENCE}</p>"));
        let spans: Array = tagit::web::annotate(SENTENCE.into(), JsValue::UNDEFINED)
            .unwrap()
            .dyn_into()
            .unwrap();
        let summary = tagit::web::annotate_element(root.clone().into(), JsValue::UNDEFINED);
        assert!(get(&summary, "error").is_undefined());
        assert_eq!(get(&summary, "total").as_f64(), Some(spans.length() as f64));
        console_log!("the shipped recogniser found {} spans", spans.length());
        let texts: Vec<String> = described(&root).into_iter().map(|d| d.2).collect();
        let want: Vec<String> = spans
            .iter()
            .map(|s| get(&s, "text").as_string().unwrap())
            .collect();
        assert_eq!(texts, want);
        let counts = get(&summary, "counts");
        for label in Label::ALL {
            assert!(
                get(&counts, label.as_str()).as_f64().is_some(),
                "counts.{label}"
            );
        }
        tagit::web::clear_annotations(root.clone().into());
        assert_eq!(root.inner_html(), format!("<p>{SENTENCE}</p>"));
        root.remove();
    }
}

mod whole_article {
    use super::*;
    use tagit::Span;

    /// `annotateElement` hands the recogniser all blocks at once, one a line, so what it
    /// learns in one paragraph can help in the next; spans come back to their own block.
    #[wasm_bindgen_test]
    fn blocks_are_recognised_together_and_spans_return_to_their_block() {
        let root = fixture("<h2>ולדימיר פוטין</h2><p>הודה <b>לפוטין</b> 👋🏽</p><p>שלום</p>");
        let mut seen = Vec::new();
        let summary = tagit::web::annotate_element_joined(root.as_ref(), &mut |t: &str| {
            seen.push(t.to_string());
            // Every "פוטין", and one span across the join that must be dropped.
            let mut out: Vec<Span> = t
                .match_indices("פוטין")
                .map(|(i, m)| Span {
                    start: i,
                    end: i + m.len(),
                    label: Label::PER,
                    text: String::new(),
                    value: None,
                    confidence: 0.9,
                    entity: None,
                })
                .collect();
            let join = t.find("\nהודה").unwrap();
            out.push(Span {
                start: join - 2,
                end: join + 3,
                label: Label::ORG,
                text: String::new(),
                value: None,
                confidence: 0.9,
                entity: None,
            });
            out
        });
        assert_eq!(summary.error, None);
        assert_eq!(seen, ["ולדימיר פוטין\nהודה לפוטין 👋🏽\nשלום\n"]);
        let texts: Vec<(String, String)> =
            described(&root).into_iter().map(|d| (d.0, d.2)).collect();
        let per = |t: &str| ("PER".to_string(), t.to_string());
        assert_eq!(texts, [per("פוטין"), per("פוטין")]);
        tagit::web::clear_annotations(root.clone().into());
        assert_eq!(
            root.inner_html(),
            "<h2>ולדימיר פוטין</h2><p>הודה <b>לפוטין</b> 👋🏽</p><p>שלום</p>"
        );
        root.remove();
    }
}

mod article_context {
    use super::*;

    const ARTICLE: [&str; 3] = [
        "<p>הנשיא ולדימיר פוטין הודה לחמאס על השחרור.</p>",
        "<p>אחר כך אמר <b>פוטין</b> כי רוסיה תמשיך.</p>",
        "<p>גם בחמאס שיבחו את פוטין.</p>",
    ];

    /// Block by block with a `TagitArticle`, the marks are those of one `annotateElement`
    /// call over the whole article, which recognises all its blocks as one text.
    #[wasm_bindgen_test]
    fn blocks_with_the_article_context_mark_what_the_whole_article_yields() {
        let html = ARTICLE.concat();
        let whole = fixture(&html);
        let summary = tagit::web::annotate_element(whole.clone().into(), JsValue::UNDEFINED);
        assert!(get(&summary, "error").is_undefined());
        let labelled = |root: &web_sys::Element| -> Vec<(String, String)> {
            described(root).into_iter().map(|d| (d.0, d.2)).collect()
        };
        let want = labelled(&whole);
        tagit::web::clear_annotations(whole.clone().into());
        whole.remove();

        let root = fixture(&html);
        let blocks = root.query_selector_all("p").unwrap();
        let mut article = tagit::web::Article::new(JsValue::UNDEFINED);
        for i in 0..blocks.length() {
            assert!(article.read(blocks.item(i).unwrap().into()) > 0);
        }
        let mut steps = 0;
        while article.learn() {
            steps += 1;
        }
        assert!(steps >= ARTICLE.len(), "one step per block and round");
        // `scan` says what `annotateElement` will wrap, and changes nothing.
        let mut scanned = Vec::new();
        for i in 0..blocks.length() {
            let spans: Array = article
                .scan(blocks.item(i).unwrap().into())
                .unchecked_into();
            for span in spans.iter() {
                let s = |k| get(&span, k).as_string().unwrap();
                scanned.push((s("label"), s("text")));
            }
        }
        assert_eq!(root.inner_html(), html, "scan changes nothing");
        let mut total = 0.0;
        for i in 0..blocks.length() {
            let s = article.annotate_element(blocks.item(i).unwrap().into());
            assert!(get(&s, "error").is_undefined());
            total += get(&s, "total").as_f64().unwrap();
        }
        assert_eq!(labelled(&root), want);
        assert_eq!(scanned, want, "scan found what was wrapped");
        assert_eq!(total as usize, want.len());
        let again: Array = article.scan(root.clone().into()).unchecked_into();
        assert_eq!(again.length(), 0, "an annotated block scans empty");
        let putins = want.iter().filter(|d| d.1 == "פוטין").count();
        assert!(putins >= 2, "bare surnames found: {want:?}");
        tagit::web::clear_annotations(root.clone().into());
        assert_eq!(root.inner_html(), html);
        root.remove();
    }

    /// `prepare(0)`, `prepare(1)`, … run once each, in order, and say when they are done.
    #[wasm_bindgen_test]
    fn prepare_steps_end() {
        let mut step = 0;
        while tagit::web::prepare(step) {
            step += 1;
            assert!(step < 20, "prepare never ends");
        }
        assert!(step > 0);
        assert!(!tagit::web::prepare(step + 1), "later steps do nothing");
    }

    /// The tooltip text of a date value comes from the date engine, as `{day, hebrew}`.
    #[wasm_bindgen_test]
    fn describe_date_for_the_tooltip() {
        let d = tagit::web::describe_date("2024-10-07".into());
        assert_eq!(
            get(&d, "day").as_string().as_deref(),
            Some("יום שני, 7 באוקטובר 2024")
        );
        assert_eq!(
            get(&d, "hebrew").as_string().as_deref(),
            Some("ה׳ בתשרי תשפ״ה")
        );
        let month = tagit::web::describe_date("2023-11".into());
        assert!(get(&month, "hebrew").is_null());
        for nothing in [JsValue::from_str("XXXX-10-07"), JsValue::NULL, 3.into()] {
            assert!(tagit::web::describe_date(nothing).is_null());
        }
    }

    /// Hostile input on the article's methods never throws.
    #[wasm_bindgen_test]
    fn never_throws() {
        let mut article = tagit::web::Article::new(JsValue::from_str("not options"));
        assert_eq!(article.read(JsValue::NULL), 0);
        assert_eq!(article.read(JsValue::from_f64(3.0)), 0);
        article.add_text("פוטין");
        while article.learn() {}
        let s = article.annotate_element(JsValue::NULL);
        assert!(get(&s, "error").as_string().is_some());
        let none: Array = article.scan(JsValue::NULL).unchecked_into();
        assert_eq!(none.length(), 0);
        assert!(
            article.annotate("פוטין").is_err(),
            "bad options are an error"
        );
        let ok = tagit::web::Article::new(JsValue::UNDEFINED);
        let s = ok.annotate_element(JsValue::from_str("nope"));
        assert!(get(&s, "error").as_string().is_some());
    }
}

mod options {
    use super::*;

    #[wasm_bindgen_test]
    fn parsed_into_core_options() {
        let json =
            r#"{"labels": ["PER", "date"], "minConfidence": 0.25, "documentDate": "2024-10-07"}"#;
        let o = tagit::web::parse_options(&JSON::parse(json).unwrap()).unwrap();
        assert!(o.labels.contains(Label::PER) && o.labels.contains(Label::DATE));
        assert!(!o.labels.contains(Label::ORG));
        assert_eq!(o.min_confidence, 0.25);
        assert_eq!(o.document_date, CivilDate::new(2024, 10, 7));
        let d = tagit::web::parse_options(&JsValue::UNDEFINED).unwrap();
        assert!(Label::ALL.iter().all(|&l| d.labels.contains(l)));
        assert_eq!((d.min_confidence, d.document_date), (0.0, None));
    }
}
