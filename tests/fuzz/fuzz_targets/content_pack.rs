//! Any bytes as a step file, beside a real one: never a panic, and every problem
//! points inside the file it names.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let sources = vec![
        ("content/express-emotions.toml".to_string(), include_str!("../../../content/express-emotions.toml").to_string()),
        ("fuzz.toml".to_string(), text.clone()),
    ];
    if let Err(e) = attune::content::load_sources(sources) {
        for p in e.problems {
            assert!(p.line >= 1 && p.column >= 1);
            if p.file == "fuzz.toml" {
                assert!(p.line <= text.lines().count().max(1) + 1);
            }
        }
    }
});
