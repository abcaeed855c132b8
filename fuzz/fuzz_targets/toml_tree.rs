//! Any text as TOML: the scanner for docket's own layout either steps aside or gives exactly the
//! tables of the `toml` crate's parser, spans included; it steps aside whenever the `toml` crate
//! finds an error. (The check is built only with `--cfg fuzzing`, which cargo-fuzz sets.)
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        docket::timeline::scanner_agrees_with_toml(text);
    }
});
