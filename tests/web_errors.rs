//! Browser tests: the DOM functions never throw into the page, report a failure once, and
//! leave the page exactly as it was.
#![cfg(target_arch = "wasm32")]

mod web_common;

use js_sys::{JSON, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_common::*;
use web_sys::{Element, Text};

wasm_bindgen_test_configure!(run_in_browser);

fn page() -> Element {
    fixture(&format!(
        "<p>אתמול <b>סשה</b> טרופנוב 👋🏽 נפגש עם {MOSHE}</p><p>ב-{OCT7} <i>{SASHA}</i></p><p>סוף</p>"
    ))
}

fn snapshot(root: &Element) -> (String, Vec<(Text, String)>) {
    let nodes = text_nodes(root)
        .into_iter()
        .map(|t| (t.clone(), t.data()))
        .collect();
    (root.inner_html(), nodes)
}

fn assert_untouched(root: &Element, before: &(String, Vec<(Text, String)>), what: &str) {
    let (html, nodes) = snapshot(root);
    assert_eq!(html, before.0, "{what}: markup");
    assert_eq!(nodes.len(), before.1.len(), "{what}: text nodes");
    for ((n, d), (o, od)) in nodes.iter().zip(&before.1) {
        assert!(
            n.is_same_node(Some(o)) && d == od,
            "{what}: text node {d:?}"
        );
    }
}

fn error_of(summary: &JsValue) -> Option<String> {
    Reflect::get(summary, &"error".into()).unwrap().as_string()
}

mod bad_input {
    use super::*;

    #[wasm_bindgen_test]
    fn roots_that_are_not_elements() {
        let text = document().create_text_node("סשה טרופנוב");
        for (name, root) in [
            ("null", JsValue::NULL),
            ("undefined", JsValue::UNDEFINED),
            ("a string", JsValue::from_str("article")),
            ("a text node", JsValue::from(text)),
        ] {
            let mut summary = JsValue::UNDEFINED;
            let logged = console_errors(|| {
                summary = tagit::web::annotate_element(root.clone(), JsValue::UNDEFINED)
            });
            let err = error_of(&summary).unwrap_or_default();
            assert!(err.contains("root must be an Element"), "{name}: {err}");
            assert_eq!(logged.len(), 1, "{name}: reported once: {logged:?}");
            let total = Reflect::get(&summary, &"total".into()).unwrap();
            assert_eq!(total.as_f64(), Some(0.0), "{name}");
            let logged = console_errors(|| tagit::web::clear_annotations(root.clone()));
            assert!(logged.len() <= 1, "{name}: clear never throws");
        }
    }

    #[wasm_bindgen_test]
    fn bad_options_leave_the_page_alone() {
        let root = page();
        let before = snapshot(&root);
        for (json, needle) in [
            (r#"{"labels": ["PER", "XYZ"]}"#, "XYZ"),
            (r#"{"labels": "PER"}"#, "options.labels"),
            (r#"{"minConfidence": "high"}"#, "options.minConfidence"),
            (r#"{"documentDate": "2023-02-30"}"#, "options.documentDate"),
            (r#"{"minConfidance": 0.5}"#, "minConfidance"),
        ] {
            let options = JSON::parse(json).unwrap();
            let mut summary = JsValue::UNDEFINED;
            let logged = console_errors(|| {
                summary = tagit::web::annotate_element(root.clone().into(), options)
            });
            let err = error_of(&summary).unwrap_or_default();
            assert!(err.contains(needle), "{json}: {err}");
            assert_eq!(logged.len(), 1, "{json}");
            assert_untouched(&root, &before, json);
        }
        root.remove();
    }
}

mod hostile_options {
    use super::*;

    #[wasm_bindgen(inline_js = "export function hostile() {\
      return { get labels() { throw new Error('getter says no'); } };\
    }")]
    extern "C" {
        fn hostile() -> JsValue;
    }

    #[wasm_bindgen_test]
    fn a_throwing_getter_is_reported_not_thrown() {
        let root = page();
        let before = snapshot(&root);
        let mut summary = JsValue::UNDEFINED;
        let logged = console_errors(|| {
            summary = tagit::web::annotate_element(root.clone().into(), hostile())
        });
        let err = error_of(&summary).unwrap_or_default();
        assert!(err.contains("getter says no"), "{err}");
        assert_eq!(logged.len(), 1);
        assert_untouched(&root, &before, "hostile options");
        root.remove();
    }
}

mod failures_roll_back {
    use super::*;

    #[wasm_bindgen_test]
    fn a_panicking_recogniser() {
        let root = page();
        let before = snapshot(&root);
        let mut calls = 0;
        let mut summary = tagit::web::Summary::default();
        let logged = console_errors(|| {
            summary = tagit::web::annotate_element_with(root.as_ref(), &mut |t: &str| {
                calls += 1;
                if calls == 2 {
                    panic!("recogniser exploded");
                }
                fake(t)
            });
        });
        let err = summary.error.clone().unwrap_or_default();
        assert!(err.contains("recogniser exploded"), "{err}");
        assert_eq!(summary.total, 0);
        assert_eq!(logged.len(), 1, "{logged:?}");
        assert!(logged[0].contains("recogniser exploded"));
        assert_untouched(&root, &before, "after the panic");
        // The instance survived the trap: it still works, and still catches panics.
        assert_eq!(annotate_fake(&root).total, 4);
        tagit::web::clear_annotations(root.clone().into());
        assert_untouched(&root, &before, "after a normal run and clear");
        let again = tagit::web::annotate_element_with(root.as_ref(), &mut |_| panic!("again"));
        assert!(again.error.unwrap_or_default().contains("again"));
        root.remove();
    }

    #[wasm_bindgen_test]
    fn a_failure_half_way_through_wrapping() {
        // Fail after every possible number of DOM changes: each must roll back exactly.
        let mut k = 0;
        loop {
            let root = page();
            let before = snapshot(&root);
            tagit::web::inject_failure_after(Some(k));
            let mut summary = tagit::web::Summary::default();
            let logged = console_errors(|| summary = annotate_fake(&root));
            tagit::web::inject_failure_after(None);
            if summary.error.is_none() {
                // k is past the last change: the run completed.
                assert!(k > 4, "failed too early to have tested anything: {k}");
                assert_eq!(summary.total, 4);
                root.remove();
                break;
            }
            let err = summary.error.unwrap();
            assert!(err.contains("injected failure"), "{k}: {err}");
            assert_eq!(logged.len(), 1, "{k}: {logged:?}");
            assert_untouched(&root, &before, &format!("failure after {k} changes"));
            assert!(marks(&root).is_empty());
            root.remove();
            k += 1;
        }
    }
}

mod annotate_api_throws_clear_errors {
    use super::*;

    fn thrown(text: JsValue, json: &str) -> String {
        let options = if json.is_empty() {
            JsValue::UNDEFINED
        } else {
            JSON::parse(json).unwrap()
        };
        match tagit::web::annotate(text, options) {
            Ok(v) => panic!("{json}: expected an error, got {v:?}"),
            Err(e) => {
                let e: js_sys::Error = e.dyn_into().expect("an Error object");
                e.message().as_string().unwrap()
            }
        }
    }

    #[wasm_bindgen_test]
    fn each_problem_is_named() {
        let t = || JsValue::from_str("סשה טרופנוב");
        for (json, needles) in [
            (
                r#"{"labels": ["PER", "PERSON"]}"#,
                &["unknown label", "PERSON"][..],
            ),
            (r#"{"labels": [1, 2]}"#, &["options.labels"]),
            (r#"{"labels": "PER"}"#, &["options.labels", "array"]),
            (r#"{"minConfidence": 2}"#, &["options.minConfidence", "2"]),
            (r#"{"minConfidence": "0.5"}"#, &["options.minConfidence"]),
            (
                r#"{"documentDate": "7.10.2023"}"#,
                &["options.documentDate", "7.10.2023"],
            ),
            (
                r#"{"documentDate": 20231007}"#,
                &["options.documentDate", "string"],
            ),
            (r#"{"label": ["PER"]}"#, &["label"]),
            (r#""PER""#, &["options must be an object"]),
            (r#"["PER"]"#, &["options must be an object"]),
        ] {
            let msg = thrown(t(), json);
            assert!(msg.starts_with("tagit: "), "{json}: {msg}");
            for n in needles {
                assert!(msg.contains(n), "{json}: {msg:?} lacks {n:?}");
            }
        }
        assert!(thrown(JsValue::from(5), "").contains("text must be a string"));
    }

    #[wasm_bindgen_test]
    fn good_options_are_accepted() {
        for json in [
            "",
            "null",
            "{}",
            r#"{"labels": ["PER", "date"], "minConfidence": 0.5, "documentDate": "2024-10-07"}"#,
            r#"{"labels": [], "minConfidence": null, "documentDate": "2024-06-04T17:30:00Z"}"#,
        ] {
            let options = if json.is_empty() {
                JsValue::UNDEFINED
            } else {
                JSON::parse(json).unwrap()
            };
            let out = tagit::web::annotate(JsValue::from_str("סשה טרופנוב"), options);
            assert!(out.is_ok_and(|v| js_sys::Array::is_array(&v)), "{json}");
        }
    }
}
