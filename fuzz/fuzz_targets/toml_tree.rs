//! Any text as TOML: the fast tree builder and the plain-layout scanner each either step aside
//! or give exactly the tree of the `toml` crate's full parser, spans included; they step aside
//! whenever the full parser finds an error.
#![no_main]

use docket::timeline::tree::Tree;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let fast = Tree::parse_fast(text);
    let plain = Tree::parse_plain(text);
    if fast.is_none() && plain.is_none() {
        return;
    }
    let full = Tree::parse_full(text);
    if let Some(fast) = fast {
        assert_eq!(Ok(fast), full);
    }
    if let Some(plain) = plain {
        assert_eq!(Ok(plain), full);
    }
});
