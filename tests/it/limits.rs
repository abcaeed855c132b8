//! Limits on what docket reads and prints: symbolic links out of a folder are not followed
//! unless asked, a file with thousands of problems shows a bounded number of them, and a
//! snippet shows only the lines its problem needs.

use crate::support;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const TIMELINE: &str = "[timeline]\nid = \"t\"\ntitle = \"T\"\n\n[[event]]\nid = \"e\"\ndate = 2020-01-02\ntitle = \"An event\"\n";

/// A folder with a timeline, and beside it a folder with a secret the docket must not read.
fn folder_with_links() -> support::TempDir {
    let dir = support::temp_dir();
    let docket = dir.path().join("docket");
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(docket.join("matters")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(docket.join("matters/t.toml"), TIMELINE).unwrap();
    std::fs::write(
        outside.join("secret"),
        "password = \"hunter2\"\nnot toml at all\n",
    )
    .unwrap();
    std::fs::write(
        outside.join("elsewhere.toml"),
        TIMELINE.replace("\"t\"", "\"u\"").replace("\"e\"", "\"f\""),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(&outside, docket.join("elsewhere")).unwrap();
        symlink(outside.join("secret"), docket.join("secret.toml")).unwrap();
        symlink(outside.join("elsewhere.toml"), docket.join("linked.toml")).unwrap();
        symlink("matters", docket.join("inside")).unwrap();
    }
    dir
}

#[cfg(unix)]
#[test]
fn links_out_of_a_folder_to_folders_and_non_timeline_files_are_not_followed() {
    let dir = folder_with_links();
    let out = support::run(dir.path(), &["check", "docket"]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(!stdout.contains("hunter2"), "{stdout}");
    assert!(
        stdout.contains("`docket/elsewhere` is a symbolic link to"),
        "{stdout}"
    );
    assert!(
        stdout.contains("`docket/secret.toml` is a symbolic link to"),
        "{stdout}"
    );
    assert!(stdout.contains("--follow"), "{stdout}");
    // A timeline file kept elsewhere and linked in is read; the link inside the folder leads to
    // a folder already read: two timelines, not three.
    assert!(stdout.contains("2 timelines, 2 events"), "{stdout}");
}

#[cfg(unix)]
#[test]
fn follow_reads_links_out_of_the_folder() {
    let dir = folder_with_links();
    let out = support::run(dir.path(), &["check", "--follow", "docket"]);
    let stdout = text(&out.stdout);
    assert_ne!(
        out.status.code(),
        Some(0),
        "the secret is not a timeline: {stdout}"
    );
    assert!(stdout.contains("secret.toml:2"), "{stdout}");
    assert!(!stdout.contains("is a symbolic link"), "{stdout}");
}

#[cfg(unix)]
#[test]
fn a_link_named_on_the_command_line_is_read() {
    let dir = folder_with_links();
    let out = support::run(dir.path(), &["check", "docket/secret.toml"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("docket/secret.toml"));
}

/// A link to `/` in the docket folder: never walked, so the command ends at once.
#[cfg(unix)]
#[test]
fn a_link_to_the_root_in_the_docket_folder_is_not_walked() {
    let dir = support::temp_dir();
    std::fs::write(dir.path().join("t.toml"), TIMELINE).unwrap();
    std::os::unix::fs::symlink("/", dir.path().join("everything")).unwrap();
    let out = support::docket()
        .args(["list", "--as-of", "2020-01-01"])
        .env("DOCKET_DIR", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("An event"));
}

/// Two thousand errors in one file: twenty shown in full, then a count; JSON keeps them all.
#[test]
fn a_file_with_thousands_of_errors_shows_twenty_and_counts_the_rest() {
    let dir = support::temp_dir();
    let mut file = String::from("[timeline]\nid = \"big\"\ntitle = \"Big\"\n");
    for i in 0..2000 {
        file += &format!("\n[[event]]\nid = \"e{i}\"\ndate = \"someday\"\ntitle = \"E{i}\"\n");
    }
    std::fs::write(dir.path().join("big.toml"), &file).unwrap();
    let out = support::run(dir.path(), &["check", "big.toml"]);
    let stdout = text(&out.stdout);
    assert_eq!(
        stdout.matches("error: invalid date").count(),
        20,
        "{stdout}"
    );
    assert!(
        stdout.contains("note: 1980 more problems in `big.toml` not shown; `docket check --format json` lists every one"),
        "{stdout}"
    );
    assert!(stdout.contains("2000 errors"), "{stdout}");
    let json = support::run(dir.path(), &["check", "big.toml", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let all = list
        .as_array()
        .or_else(|| list["diagnostics"].as_array())
        .expect("a list of diagnostics");
    assert_eq!(all.len(), 2000);
    // The views say it on standard error the same way.
    let view = support::run(dir.path(), &["list", "big.toml"]);
    let stderr = text(&view.stderr);
    assert_eq!(
        stderr.matches("error: invalid date").count(),
        20,
        "{stderr}"
    );
    assert!(stderr.contains("1980 more problems"), "{stderr}");
}

/// A problem in a value of a thousand lines shows a few of them, not the whole value.
#[test]
fn a_snippet_shows_only_the_lines_its_problem_needs() {
    let dir = support::temp_dir();
    let long: String = (0..1000)
        .map(|i| format!("line {i} of a long text\n"))
        .collect();
    let file = format!(
        "[timeline]\nid = \"t\"\ntitle = \"T\"\n\n[[event]]\nid = \"e\"\ndate = \"\"\"\n{long}\"\"\"\ntitle = \"E\"\n"
    );
    std::fs::write(dir.path().join("t.toml"), file).unwrap();
    let out = support::run(dir.path(), &["check", "t.toml"]);
    let stdout = text(&out.stdout);
    assert_ne!(out.status.code(), Some(0));
    assert!(stdout.contains("t.toml:7:8"), "{stdout}");
    assert!(stdout.contains("line 0 of a long text"), "{stdout}");
    assert!(!stdout.contains("line 20 of a long text"), "{stdout}");
    assert!(stdout.lines().count() < 40, "{stdout}");
}

/// A chain of 100,001 deadlines, each counted from the one before, and a cycle as long: each
/// deadline was computed by recursing into the one before it, and the stack ran out
/// (`DOCKET_DIR=/` met such a docket). Now the chain is computed without recursion.
#[test]
fn a_chain_of_a_hundred_thousand_deadlines_is_computed_and_a_long_cycle_reported() {
    let dir = support::temp_dir();
    const N: usize = 100_001;
    let mut chain = String::from(
        "[timeline]\nid = \"long\"\ntitle = \"Long\"\n\n[[event]]\nid = \"start\"\ndate = 2020-01-02\ntitle = \"Start\"\n",
    );
    for i in 0..N {
        let trigger = if i == 0 {
            "start".to_string()
        } else {
            format!("d{}", i - 1)
        };
        // One day on, one day back: the chain stays within the calendars' years.
        let period = if i % 2 == 0 {
            "1 days"
        } else {
            "1 days before"
        };
        chain += &format!(
            "\n[[deadline]]\nid = \"d{i}\"\ntitle = \"D{i}\"\ntrigger = \"{trigger}\"\nperiod = \"{period}\"\nroll = \"none\"\nauthority = \"Order\"\n"
        );
    }
    std::fs::write(dir.path().join("chain.toml"), &chain).unwrap();
    let out = support::run(dir.path(), &["list", "chain.toml", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let last = stdout
        .lines()
        .find(|l| l.contains("D100000"))
        .expect("the last deadline is listed");
    assert!(last.contains("2020-01-03"), "{last}");

    let cycle = chain.replacen(
        "trigger = \"start\"",
        &format!("trigger = \"d{}\"", N - 1),
        1,
    );
    std::fs::write(dir.path().join("chain.toml"), cycle).unwrap();
    let out = support::run(dir.path(), &["check", "chain.toml"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).contains("cycle"),
        "{}",
        text(&out.stdout).lines().next().unwrap_or("")
    );
}
