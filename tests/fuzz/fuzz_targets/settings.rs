//! Any bytes as settings.toml: parsed or refused with a location, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(p) = attune::settings::parse("settings.toml", &text) {
        assert!(p.line >= 1 && p.column >= 1);
    }
});
