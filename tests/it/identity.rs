//! Identity in exports: two different records never share a UID (a calendar keeps one of two
//! entries with the same UID, or refuses the whole upload), and the bundled timelines keep the
//! UIDs they have always had.

use crate::support;
use icalendar::parser::{read_calendar, unfold};
use proptest::prelude::*;

/// The UIDs of the calendar exported from `files` (name, text), as an independent parser reads
/// them.
fn uids(files: &[(&str, &str)]) -> Vec<String> {
    let dir = support::temp_dir();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let out = support::docket()
        .args(["export", "--format", "ics"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ics = String::from_utf8(out.stdout).unwrap();
    let unfolded = unfold(&ics);
    let calendar = read_calendar(&unfolded).unwrap();
    calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|e| e.find_prop("UID").unwrap().val.to_string())
        .collect()
}

/// A timeline `id` with events of `ids`.
fn timeline(id: &str, ids: &[&str]) -> String {
    let mut text = format!("[timeline]\nid = {}\ntitle = \"T\"\n", quoted(id));
    for (i, e) in ids.iter().enumerate() {
        text += &format!(
            "\n[[event]]\nid = {}\ndate = 2020-01-{:02}\ntitle = \"E\"\n",
            quoted(e),
            i + 1
        );
    }
    text
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Timeline `a.b` with record `c`, and timeline `b` with record `c.a`: both were
/// `c.a.b@docket`.
#[test]
fn ids_with_dots_in_two_timelines_give_two_uids() {
    let got = uids(&[
        ("one.toml", &timeline("a.b", &["c"])),
        ("two.toml", &timeline("b", &["c.a"])),
    ]);
    assert_eq!(got.len(), 2);
    assert_ne!(got[0], got[1], "{got:?}");
}

/// Ids `x` and `x` followed by a zero-width space: both were `x.t@docket`.
#[test]
fn ids_that_differ_by_an_invisible_character_give_two_uids() {
    let got = uids(&[("t.toml", &timeline("t", &["x", "x\u{200b}"]))]);
    assert_eq!(got, ["x.t@docket", "x%E2%80%8B.t@docket"]);
}

/// The bundled timelines' UIDs are the ones earlier releases gave them: `record.timeline@docket`.
#[test]
fn the_bundled_timelines_keep_their_uids() {
    let files: Vec<(String, String)> = std::fs::read_dir("timelines")
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let got = uids(&files);
    assert!(got.len() > 20);
    for uid in &got {
        let (record, rest) = uid.split_once('.').unwrap();
        let timeline = rest.strip_suffix("@docket").unwrap();
        assert!(
            [record, timeline].iter().all(|id| id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')),
            "{uid}"
        );
    }
    assert!(got.contains(&"subpoena-1-response.denver-ice-subpoenas@docket".to_string()));
    assert!(got.contains(&"scheduling-conference.example-federal-civil@docket".to_string()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any two different (timeline, record) pairs, from characters that collided before and
    /// from any text at all, give different UIDs.
    #[test]
    fn different_ids_never_share_a_uid(
        a in (id(), id()),
        b in (id(), id()),
    ) {
        use docket::render::ics::uid;
        prop_assert_eq!(uid(&a.0, &a.1) == uid(&b.0, &b.1), a == b);
    }
}

fn id() -> impl Strategy<Value = String> {
    prop_oneof!["[bc.%2E\u{200b}]{0,4}", any::<String>()]
}
