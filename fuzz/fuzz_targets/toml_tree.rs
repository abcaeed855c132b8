//! Any text as TOML: the fast tree builder either steps aside or gives exactly the tree of the
//! `toml` crate's full parser, spans included; it steps aside whenever the full parser finds an
//! error.
#![no_main]

use docket::timeline::tree::Tree;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(fast) = Tree::parse_fast(text) {
        assert_eq!(Ok(fast), Tree::parse_full(text));
    }
});
