//! `TagitOptions` (a plain JS object) to the core's [`Options`].
//!
//! This is a developer-facing API, so every problem is reported by name: an unknown key, a
//! label that does not exist, a number out of range, a date that is not a real day. Silent
//! defaults would turn a typo (`minConfidance`) into a mysteriously different page.

use crate::span::{Label, LabelSet};
use crate::{CivilDate, Options};
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};

/// The keys `TagitOptions` has.
const FIELDS: [&str; 4] = ["labels", "minConfidence", "documentDate", "dictionary"];

/// The object as JS hands it over. Fields stay raw `JsValue`s so each can be checked with a
/// message naming the field.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawOptions {
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    labels: JsValue,
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    min_confidence: JsValue,
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    document_date: JsValue,
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    dictionary: JsValue,
}

/// Parses `value` (`undefined`, `null` or a `TagitOptions` object) into [`Options`], or
/// explains what is wrong with it.
pub(crate) fn parse(value: &JsValue) -> Result<Options, String> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(format!(
            "options must be an object like {{ labels: [\"PER\"], minConfidence: 0.5, documentDate: \"2024-10-07\" }}, got {}",
            describe(value)
        ));
    }
    // serde-wasm-bindgen reads only the fields it knows, so unknown keys are checked here.
    for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !FIELDS.contains(&key.as_str()) {
            return Err(format!(
                "unknown option {key:?} (expected {})",
                FIELDS.join(", ")
            ));
        }
    }
    let raw: RawOptions = serde_wasm_bindgen::from_value(value.clone())
        .map_err(|e| format!("invalid options: {e}"))?;
    let mut options = Options::default();
    if is_set(&raw.labels) {
        let names: Vec<String> = serde_wasm_bindgen::from_value(raw.labels.clone())
            .map_err(|_| {
                format!(
                    "options.labels must be an array of label names such as [\"PER\", \"DATE\"], got {}",
                    describe(&raw.labels)
                )
            })?;
        options.labels = names
            .iter()
            .map(|n| n.parse::<Label>())
            .collect::<Result<LabelSet, _>>()
            .map_err(|e| format!("options.labels: {e}"))?;
    }
    if is_set(&raw.min_confidence) {
        options.min_confidence = match raw.min_confidence.as_f64() {
            Some(c) if (0.0..=1.0).contains(&c) => c as f32,
            _ => {
                return Err(format!(
                    "options.minConfidence must be a number between 0 and 1, got {}",
                    describe(&raw.min_confidence)
                ));
            }
        };
    }
    if is_set(&raw.document_date) {
        let text = raw.document_date.as_string().ok_or_else(|| {
            format!(
                "options.documentDate must be a string \"YYYY-MM-DD\", got {}",
                describe(&raw.document_date)
            )
        })?;
        options.document_date = Some(
            text.parse::<CivilDate>()
                .map_err(|e| format!("options.documentDate: {e}"))?,
        );
    }
    if is_set(&raw.dictionary) {
        options.dictionary = Some(super::dictionary::lookup(&raw.dictionary)?);
    }
    Ok(options)
}

/// `undefined` and `null` both mean "not given", as JS callers expect of optional fields.
fn is_set(v: &JsValue) -> bool {
    !(v.is_undefined() || v.is_null())
}

/// A short rendering of a bad value for an error message.
fn describe(v: &JsValue) -> String {
    if let Some(s) = v.as_string() {
        format!("{s:?}")
    } else if let Some(n) = v.as_f64() {
        n.to_string()
    } else if js_sys::Array::is_array(v) {
        "an array".into()
    } else {
        format!(
            "a value of type {}",
            v.js_typeof().as_string().unwrap_or_default()
        )
    }
}
