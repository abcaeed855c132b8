//! An edit killed with SIGKILL at random moments, many times, always leaves the old file or the
//! new one, complete and valid; what a killed edit leaves behind (its temporary file, its lock
//! file) is cleared by the next edit.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support;

use docket::calendar::Calendars;
use docket::timeline::Docket;

fn big_timeline(events: usize) -> String {
    let mut s =
        String::from("[timeline]\nid = \"big\"\ntitle = \"Big\"\ntimezone = \"America/Denver\"\n");
    for i in 0..events {
        s.push_str(&format!(
            "\n# event {i}\n[[event]]\nid = \"e{i}\"\ndate = 2020-01-{:02}\ntitle = \"Event number {i} with a title of some length\"\n",
            i % 28 + 1
        ));
    }
    s
}

fn set_title(dir: &Path, n: usize) -> Command {
    let mut c = support::docket();
    c.args(["set", "e7", "title", &format!("Renamed {n}"), "."])
        .current_dir(dir)
        .stdout(std::process::Stdio::null());
    c
}

#[test]
fn a_killed_edit_leaves_the_old_or_the_new_file() {
    let root = support::temp_dir();
    let (live, reference) = (root.path().join("live"), root.path().join("ref"));
    std::fs::create_dir_all(&live).unwrap();
    std::fs::create_dir_all(&reference).unwrap();
    std::fs::write(live.join("big.toml"), big_timeline(2000)).unwrap();
    // A deterministic spread of kill delays from 0 to about 40 ms (an LCG, no extra dependency).
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut killed = 0;
    for n in 0..40 {
        let before = std::fs::read(live.join("big.toml")).unwrap();
        // What the edit writes when it is not interrupted.
        std::fs::write(reference.join("big.toml"), &before).unwrap();
        assert!(set_title(&reference, n).status().unwrap().success());
        let after = std::fs::read(reference.join("big.toml")).unwrap();

        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = Duration::from_micros((x >> 33) % 40_000);
        let mut child = set_title(&live, n).spawn().unwrap();
        let start = Instant::now();
        while start.elapsed() < delay {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::hint::spin_loop();
        }
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
        }
        child.wait().unwrap();
        let now = std::fs::read(live.join("big.toml")).unwrap();
        assert!(
            now == before || now == after,
            "run {n}: the file is neither the old nor the new one"
        );
        let docket = Docket::load(&[live.join("big.toml")], Calendars::builtin());
        assert!(!docket.has_errors(), "run {n}: the file no longer loads");
    }
    assert!(
        killed > 0,
        "no run was interrupted; the file is too small to catch one mid-write"
    );
    // An edit that runs to its end clears what killed ones left.
    assert!(set_title(&live, 40).status().unwrap().success());
    let left: Vec<_> = std::fs::read_dir(&live)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["big.toml"]);
}
