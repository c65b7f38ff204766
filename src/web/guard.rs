//! Keeps every failure inside tagit.
//!
//! Rust on `wasm32-unknown-unknown` aborts on panic: the panic becomes a wasm trap, which
//! surfaces as a JS exception in whoever called us, i.e. in the publisher's page. So the
//! work runs inside a tiny JS `try/catch` (an ES module snippet, not `eval`, so it passes
//! strict Content-Security-Policies). A trap only unwinds the wasm frames *inside* the
//! guard; the caller's frame keeps running and can restore the DOM. A panic hook records
//! the panic message so the single console report says what went wrong.
//!
//! The price of this design: state borrowed by the trapped frames stays borrowed, so the
//! code run under the guard must not hold `RefCell` borrows of shared state across calls
//! that might panic (see `registry`, which borrows only for one push or pop at a time).

use std::cell::RefCell;
use std::sync::Once;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "export function tagit_guard(f) {\
  try { f(); return undefined; } catch (e) { return e === undefined ? null : e; }\
}")]
extern "C" {
    /// Calls `f`; returns `undefined` when it returned normally, else what was thrown.
    #[wasm_bindgen(js_name = tagit_guard)]
    fn js_guard(f: &mut dyn FnMut()) -> JsValue;
}

thread_local! {
    /// The message of the last panic, taken by the guard that observed its trap.
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Runs `f`, turning a panic (trap) or a JS exception thrown through it into `Err` with a
/// readable message.
pub(crate) fn run<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    HOOK.call_once(|| {
        // Chained, so a hook the embedding crate (or a test harness) set keeps working.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let text = info.to_string();
            PANIC.with(|p| {
                if let Ok(mut p) = p.try_borrow_mut() {
                    *p = Some(text);
                }
            });
            previous(info);
        }))
    });
    let mut f = Some(f);
    let mut out = None;
    let thrown = js_guard(&mut || {
        if let Some(f) = f.take() {
            out = Some(f());
        }
    });
    let panic = PANIC.with(|p| p.try_borrow_mut().ok().and_then(|mut p| p.take()));
    match out {
        Some(v) if thrown.is_undefined() => Ok(v),
        _ => Err(match panic {
            Some(msg) => format!("internal error: {msg}"),
            None => js_message(&thrown),
        }),
    }
}

/// The message of a thrown JS value (an `Error`'s `message`, else its string form).
pub(crate) fn js_message(v: &JsValue) -> String {
    if let Some(e) = v.dyn_ref::<js_sys::Error>() {
        let name = e.name().as_string().unwrap_or_default();
        let msg = e.message().as_string().unwrap_or_default();
        if name.is_empty() || name == "Error" {
            msg
        } else {
            format!("{name}: {msg}")
        }
    } else if let Some(s) = v.as_string() {
        s
    } else {
        format!("{v:?}")
    }
}
