//! The site dictionary: the hand-written JSON reader on any bytes, and a dictionary that
//! compiles applied to the rest of the input (see `Target::Dictionary`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use tagit::Annotator;
use tagit_fuzz::Target;

static ANNOTATOR: LazyLock<Annotator> = LazyLock::new(|| Target::Dictionary.annotator());

fuzz_target!(|data: &[u8]| Target::Dictionary.run(&ANNOTATOR, data));
