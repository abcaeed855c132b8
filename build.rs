//! Build settings for the `docket` binary (the library needs none).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        // A position-dependent executable. chrono-tz's zone tables hold about 31,000 pointers
        // (every period's abbreviation), which a position-independent executable relocates at
        // each start: the dynamic loader writes about 260 pages of tables and reads 770 KB of
        // relocations, a millisecond of the four that `docket upcoming` takes on the bundled
        // timelines. Linked at a fixed address, the tables are ready as mapped. The cost is that
        // the binary's own image is not placed at random (shared libraries, stack and heap
        // still are); docket is safe Rust but for one prefetch hint. Only the binary: the
        // library and its tests are built as before.
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
