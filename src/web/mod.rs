//! The JavaScript and DOM adapter over the core (built for wasm32 only).
