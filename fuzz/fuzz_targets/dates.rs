//! The date engine alone: the public `Annotator` over an entity recogniser that finds
//! nothing, asked for DATE and TIME only (stable however the dates module's API evolves).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use tagit::Annotator;
use tagit_fuzz::Target;

static ANNOTATOR: LazyLock<Annotator> = LazyLock::new(|| Target::Dates.annotator());

fuzz_target!(|data: &[u8]| Target::Dates.run(&ANNOTATOR, data));
