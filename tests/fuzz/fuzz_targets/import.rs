//! Any bytes as an import file: refused with a reason or accepted as a valid
//! export (which then imports into a fresh journal), never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(export) = attune::store::Export::parse(data) {
        let dir = std::env::temp_dir().join(format!("attune-fuzz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        if let Ok(mut store) = attune::store::Store::open(&dir) {
            let _ = store.import(&export);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
});
