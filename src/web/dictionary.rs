//! `TagitDictionary`: a site dictionary compiled once and passed to any number of calls.
//!
//! A page compiles its dictionary once (`new TagitDictionary(json)`) and hands the object
//! to `annotate`, `annotateElement` and `TagitArticle` in `options.dictionary`. Options
//! arrive as a plain JS object, from which wasm-bindgen cannot borrow a Rust struct, so
//! each compiled dictionary is kept in a per-thread table under a number that the object
//! carries (`__tagitDictionary`, not part of the API); `free()` (or the object's garbage
//! collection) removes it. The JSON is read by the core's own reader (`dictionary/json.rs`),
//! so the browser and the CLI give the same errors.

use super::guard;
use crate::dictionary::Dictionary;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::prelude::*;

thread_local! {
    static COMPILED: RefCell<HashMap<u32, Arc<Dictionary>>> = RefCell::new(HashMap::new());
    static NEXT: Cell<u32> = const { Cell::new(1) };
}

/// A compiled site dictionary.
#[wasm_bindgen(js_name = TagitDictionary)]
pub struct JsDictionary {
    handle: u32,
    dictionary: Arc<Dictionary>,
}

#[wasm_bindgen(js_class = TagitDictionary)]
impl JsDictionary {
    /// Compiles a dictionary from its JSON text, or from the parsed value (an object
    /// `{ entries: [...] }` or an array of entries). Throws an `Error` naming the first
    /// problem: invalid JSON, an unknown label or field, an entry without text, a link that
    /// is not http(s), a size over the limits.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string | TagitDictionarySource")] source: JsValue,
    ) -> Result<JsDictionary, JsValue> {
        let dictionary = guard::run(|| compile(&source))
            .and_then(|d| d)
            .map_err(|e| super::js_error(&e))?;
        let dictionary = Arc::new(dictionary);
        let handle = NEXT.with(|n| {
            let h = n.get();
            n.set(h.wrapping_add(1).max(1));
            h
        });
        COMPILED.with(|c| c.borrow_mut().insert(handle, dictionary.clone()));
        Ok(JsDictionary { handle, dictionary })
    }

    /// The number of entries.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> u32 {
        self.dictionary.len() as u32
    }

    /// What was accepted but looks like a mistake (a form given twice: the later entry
    /// wins), a line each.
    #[wasm_bindgen(getter)]
    pub fn warnings(&self) -> Vec<String> {
        self.dictionary.warnings().to_vec()
    }

    /// The key `options.dictionary` is looked up by (internal).
    #[wasm_bindgen(getter, js_name = __tagitDictionary, skip_typescript)]
    pub fn handle(&self) -> u32 {
        self.handle
    }
}

impl Drop for JsDictionary {
    fn drop(&mut self) {
        let _ = COMPILED.try_with(|c| c.borrow_mut().remove(&self.handle));
    }
}

/// Compiles JSON text, or a parsed value (turned back into JSON text: one crossing, then
/// the same reader and the same error messages as the CLI).
fn compile(source: &JsValue) -> Result<Dictionary, String> {
    let text = match source.as_string() {
        Some(text) => text,
        None if source.is_object() => js_sys::JSON::stringify(source)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or("dictionary: the value cannot be written as JSON")?,
        None => {
            return Err(format!(
                "dictionary: expected JSON text or an object {{ entries: [...] }}, got {}",
                super::type_name(source)
            ));
        }
    };
    Dictionary::from_json(&text).map_err(|e| e.to_string())
}

/// The compiled dictionary `value` (a `TagitDictionary`) stands for, or why it is none.
pub(crate) fn lookup(value: &JsValue) -> Result<Arc<Dictionary>, String> {
    let handle = js_sys::Reflect::get(value, &JsValue::from_str("__tagitDictionary"))
        .ok()
        .and_then(|h| h.as_f64());
    let found = handle.and_then(|h| COMPILED.with(|c| c.borrow().get(&(h as u32)).cloned()));
    found.ok_or_else(|| match handle {
        Some(_) => "options.dictionary was freed (call free() only when no call needs it)".into(),
        None => format!(
            "options.dictionary must be a TagitDictionary (new TagitDictionary(json)), got {}",
            super::type_name(value)
        ),
    })
}
