//! `docket chart`: the SVG and HTML it writes, read back as XML. Every record appears once with its
//! id, partial dates are spans over their month or year, long empty stretches break the axis,
//! labels never overlap (from the layout), hostile titles stay text, the same files and day give
//! the same bytes, and a thousand records stay readable.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use docket::calendar::Calendars;
use docket::render::chart::{
    self, Chart, DETAIL_SIZE, Layout, MAX_LANES, TITLE_SIZE, Window, boxes, from_docket, layout,
};
use docket::timeline::{Docket, Filter};
use roxmltree::{Document, Node};

use crate::support;

mod fixtures;
use fixtures::{large_timeline, states_timeline};

const DENVER: &str = "timelines/denver-ice-subpoenas.toml";
const FEDERAL: &str = "timelines/example-federal-civil.toml";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The chart's bytes, from standard output; the command must succeed.
fn chart(cwd: &Path, args: &[&str]) -> String {
    let mut all = vec!["chart"];
    all.extend_from_slice(args);
    let out = support::run(cwd, &all);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Parses `text` as XML, failing the test with the parser's message if it is not well formed.
fn xml(text: &str) -> Document<'_> {
    Document::parse_with_options(
        text,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("not well-formed XML: {e}"))
}

fn class_has(node: &Node, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split(' ').any(|x| x == class))
}

/// The marks of a chart, by id.
fn marks<'a, 'i>(doc: &'a Document<'i>) -> BTreeMap<String, Node<'a, 'i>> {
    let mut out = BTreeMap::new();
    for n in doc.descendants().filter(|n| class_has(n, "mark")) {
        let id = n
            .attribute("data-id")
            .expect("a mark has its id")
            .to_string();
        assert!(out.insert(id.clone(), n).is_none(), "`{id}` drawn twice");
    }
    out
}

/// The ids `docket list` shows for the same files and day.
fn listed_ids(cwd: &Path, args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", "--format", "json"];
    all.extend_from_slice(args);
    let out = support::run(cwd, &all);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

/// The centre x of a point mark's shape (its first circle, rect or path).
fn mark_x(mark: &Node) -> f64 {
    let shape = mark
        .descendants()
        .find(|n| {
            matches!(n.tag_name().name(), "circle" | "rect" | "path")
                && !n.ancestors().any(|a| class_has(&a, "original"))
        })
        .expect("a shape");
    let num = |a: &str| shape.attribute(a).unwrap().parse::<f64>().unwrap();
    match shape.tag_name().name() {
        "circle" => num("cx"),
        "rect" => num("x") + num("width") / 2.0,
        _ => {
            // A path starts `M{x} {y}` at a known offset from the centre; the drawn shapes are
            // symmetric around it, so take the middle of its x coordinates.
            let d = shape.attribute("d").unwrap();
            let xs: Vec<f64> = d
                .split(|c: char| c.is_ascii_alphabetic() || c == ',')
                .filter_map(|p| p.split_whitespace().next())
                .filter_map(|p| p.parse().ok())
                .collect();
            let (lo, hi) = xs
                .iter()
                .fold((f64::MAX, f64::MIN), |(l, h), &x| (l.min(x), h.max(x)));
            (lo + hi) / 2.0
        }
    }
}

fn span_of(mark: &Node) -> (f64, f64) {
    let rect = mark
        .descendants()
        .find(|n| class_has(n, "span"))
        .expect("a span's band");
    let x: f64 = rect.attribute("x").unwrap().parse().unwrap();
    let w: f64 = rect.attribute("width").unwrap().parse().unwrap();
    (x, x + w)
}

#[test]
fn every_dated_record_appears_once_with_its_id() {
    for (file, day) in [(DENVER, "2020-01-20"), (FEDERAL, "2026-12-01")] {
        let svg = chart(&root(), &[file, "--as-of", day]);
        let doc = xml(&svg);
        let drawn: Vec<String> = marks(&doc).into_keys().collect();
        let mut listed = listed_ids(&root(), &[file, "--as-of", day]);
        listed.sort();
        assert_eq!(drawn, listed, "{file}");
        // Each mark carries its hover text, which starts with the title and gives the id.
        for (id, mark) in marks(&doc) {
            let title = mark.first_element_child().unwrap();
            assert_eq!(title.tag_name().name(), "title");
            assert!(title.text().unwrap().contains(&format!("id: {id}")));
        }
    }
}

#[test]
fn hover_text_gives_dates_period_and_authority() {
    let svg = chart(&root(), &[DENVER, "--as-of", "2020-01-20"]);
    let doc = xml(&svg);
    let all = marks(&doc);
    let hover = all["subpoena-1-response"]
        .first_element_child()
        .unwrap()
        .text()
        .unwrap();
    assert!(hover.contains("due: Mon 2020-01-27"), "{hover}");
    assert!(
        hover.contains("status as of 2020-01-20: due soon (7 days left)"),
        "{hover}"
    );
    assert!(
        hover.contains("period: 14 days from ICE issues four"),
        "{hover}"
    );
    assert!(hover.contains("authority: the ICE administrative subpoena (Form I-138) itself"));
    // Real text, searchable: the label's words are in <text> elements.
    let texts: Vec<&str> = all["subpoena-1-response"]
        .descendants()
        .filter(|n| n.tag_name().name() == "text")
        .filter_map(|n| n.text())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Response due on the first"))
    );
    assert!(texts.contains(&"Mon 2020-01-27 · due soon"));
}

#[test]
fn partial_dates_are_spans_over_their_month_or_year_and_never_points() {
    let svg = chart(&root(), &[DENVER, "--as-of", "2020-01-20"]);
    let doc = xml(&svg);
    let all = marks(&doc);
    let year = &all["brief-threat-dismissed"];
    assert_eq!(year.attribute("data-from"), Some("2018-01-01"));
    assert_eq!(year.attribute("data-to"), Some("2018-12-31"));
    assert_eq!(year.attribute("data-date"), None);
    let month = &all["denver-reply-on-1373"];
    assert_eq!(month.attribute("data-from"), Some("2017-12-01"));
    assert_eq!(month.attribute("data-to"), Some("2017-12-31"));
    for span in [year, month] {
        // Nothing drawn on an invented day: the band, and no point shape.
        assert!(!span.descendants().any(|n| n.tag_name().name() == "circle"));
        let fill = span
            .descendants()
            .find(|n| class_has(n, "span"))
            .unwrap()
            .attribute("fill")
            .unwrap();
        assert!(fill.starts_with("url(#soft-"), "soft edges: {fill}");
    }
    // The year's band covers the days of 2018 and none of 2017; the month's covers December 8.
    let (y0, y1) = span_of(year);
    for inside in [
        "evanston-injunction",
        "seventh-circuit-lifts-stay",
        "byrne-jag-funds-released",
        "doj-document-demand-2018",
    ] {
        let x = mark_x(&all[inside]);
        assert!(y0 < x && x < y1, "{inside} at {x} outside {y0}..{y1}");
    }
    let before = mark_x(&all["doj-final-opportunity-letters"]);
    assert!(before < y0);
    let (m0, m1) = span_of(month);
    let reply = mark_x(&all["reply-to-final-opportunity-letter"]);
    assert!(m0 < reply && reply < m1, "{reply} outside {m0}..{m1}");
    // Approximate dates say so.
    let details: Vec<&str> = month.descendants().filter_map(|n| n.text()).collect();
    assert!(details.contains(&"c. Dec 2017 · letter"), "{details:?}");
    let refuses: Vec<&str> = all["denver-refuses"]
        .descendants()
        .filter_map(|n| n.text())
        .collect();
    assert!(
        refuses.contains(&"c. Thu 2020-01-16 · letter"),
        "{refuses:?}"
    );
}

/// The breaks of a chart: first and last day left out, and the words on each.
fn breaks(doc: &Document) -> Vec<(String, String, String)> {
    doc.descendants()
        .filter(|n| class_has(n, "break"))
        .map(|n| {
            let words = n
                .descendants()
                .find(|t| t.tag_name().name() == "text")
                .and_then(|t| t.text())
                .unwrap_or_default()
                .to_string();
            (
                n.attribute("data-from").unwrap().to_string(),
                n.attribute("data-to").unwrap().to_string(),
                words,
            )
        })
        .collect()
}

#[test]
fn long_empty_stretches_break_the_axis_with_the_time_skipped_written_on_them() {
    let svg = chart(&root(), &[DENVER, "--as-of", "2020-01-20"]);
    let doc = xml(&svg);
    let found = breaks(&doc);
    let covering = |day: &str| {
        found
            .iter()
            .find(|(f, t, _)| f.as_str() <= day && day <= t.as_str())
    };
    // Between the April and November 2017 letters, and the quiet 2019.
    let (_, _, words) = covering("2017-07-01").expect("a break in mid-2017");
    assert_eq!(words, "≈ 7 mo");
    let (from, to, words) = covering("2019-06-01").expect("a break over 2019");
    assert_eq!(
        (from.as_str(), to.as_str(), words.as_str()),
        ("2019-01-01", "2020-01-12", "≈ 12 mo")
    );
    // No break hides a record.
    for (id, mark) in marks(&doc) {
        for a in ["data-date", "data-from", "data-to"] {
            if let Some(day) = mark.attribute(a) {
                assert!(covering(day).is_none(), "{id} on {day} is in a break");
            }
        }
    }
    // A short matter with no long gap has none.
    let svg = chart(&root(), &[FEDERAL, "--as-of", "2026-12-01"]);
    assert!(breaks(&xml(&svg)).is_empty());
}

fn chart_of(paths: &[PathBuf], as_of: &str, window: Window) -> Chart {
    let docket = Docket::load(paths, Calendars::builtin());
    assert!(!docket.has_errors());
    from_docket(&docket, as_of.parse().ok(), &Filter::default(), window)
}

/// No two labels' boxes overlap, nor the legend's entries, nor a label and the legend.
fn assert_nothing_overlaps(placed: &Layout) {
    let all = boxes(placed);
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
        }
        assert!(
            a.x1 <= placed.width && a.y1 <= placed.plot_bottom,
            "{a:?} leaves the chart"
        );
    }
    let legend: Vec<_> = placed.legend.iter().map(|e| e.bounds).collect();
    for (i, a) in legend.iter().enumerate() {
        for b in legend[i + 1..].iter().chain(&all) {
            assert!(!a.overlaps(b), "legend {a:?} overlaps {b:?}");
        }
        assert!(a.x1 <= placed.width && a.y1 <= placed.height);
    }
}

#[test]
fn no_two_labels_overlap() {
    let denver = root().join(DENVER);
    let federal = root().join(FEDERAL);
    for (paths, day) in [
        (vec![denver.clone()], "2020-01-20"),
        (vec![federal.clone()], "2026-12-01"),
        (vec![denver, federal], "2026-12-01"),
    ] {
        let c = chart_of(&paths, day, Window::default());
        let placed = layout(&c);
        assert_nothing_overlaps(&placed);
        // Each label fits its box: the mark's label starts inside it and is measured into it.
        for row in &placed.rows {
            for item in &row.items {
                let width = chart::text_width(&item.title, TITLE_SIZE, false)
                    .max(chart::text_width(&item.detail, DETAIL_SIZE, false));
                assert!(
                    item.label_x >= item.bounds.x0 && item.label_x + width <= item.bounds.x1 + 1e-9
                );
            }
            assert!(
                row.clusters.is_empty(),
                "every record of a small matter has its own label"
            );
        }
    }
}

#[test]
fn several_timelines_stack_as_rows_on_one_axis() {
    let svg = chart(&root(), &[DENVER, FEDERAL, "--as-of", "2026-12-01"]);
    let doc = xml(&svg);
    let rows: Vec<_> = doc
        .descendants()
        .filter(|n| class_has(n, "timeline"))
        .map(|n| n.attribute("data-id").unwrap())
        .collect();
    assert_eq!(rows, ["denver-ice-subpoenas", "example-federal-civil"]);
    let all = marks(&doc);
    // One axis: the federal case (2026) lies right of everything in Denver (2017–2020).
    assert!(mark_x(&all["complaint-filed"]) > mark_x(&all["subpoenas-issued"]));
    // `--timeline` keeps one row.
    let svg = chart(
        &root(),
        &[
            "timelines",
            "--timeline",
            "example-federal-civil",
            "--as-of",
            "2026-12-01",
        ],
    );
    let doc = xml(&svg);
    assert_eq!(
        doc.descendants()
            .filter(|n| class_has(n, "timeline"))
            .count(),
        1
    );
    assert!(marks(&doc).contains_key("complaint-filed"));
}

#[test]
fn deadlines_are_drawn_to_their_triggers_and_timed_events_show_their_time() {
    let svg = chart(&root(), &[FEDERAL, "--as-of", "2026-12-01"]);
    let doc = xml(&svg);
    // Five deadlines, each with a trigger on the chart (a chain among them).
    let links = doc.descendants().filter(|n| class_has(n, "link")).count();
    assert_eq!(links, 5);
    let all = marks(&doc);
    let texts: Vec<&str> = all["scheduling-conference"]
        .descendants()
        .filter_map(|n| n.text())
        .collect();
    assert!(
        texts.contains(&"Tue 2027-01-12 10:00 MST · hearing"),
        "{texts:?}"
    );
    let states: Vec<_> = all
        .values()
        .filter_map(|m| m.attribute("data-state"))
        .collect();
    assert!(
        states.contains(&"overdue") && states.contains(&"due-soon") && states.contains(&"open")
    );
}

#[test]
fn every_state_has_its_shape_and_an_extension_shows_its_first_date_faded() {
    let dir = support::temp_dir();
    states_timeline(dir.path());
    let svg = chart(dir.path(), &["states.toml", "--as-of", "2020-03-01"]);
    let doc = xml(&svg);
    let all = marks(&doc);
    let state = |id: &str| all[id].attribute("data-state").unwrap();
    for (id, want) in [
        ("is-open", "open"),
        ("is-due-soon", "due-soon"),
        ("is-overdue", "overdue"),
        ("is-done", "done"),
        ("is-missed", "missed"),
        ("is-extended", "extended"),
        ("is-withdrawn", "withdrawn"),
        ("is-unknown", "unknown"),
    ] {
        assert_eq!(state(id), want, "{id}");
    }
    let extended = &all["is-extended"];
    assert_eq!(extended.attribute("data-date"), Some("2020-05-04"));
    assert_eq!(extended.attribute("data-original"), Some("2020-02-24"));
    let faded = extended
        .descendants()
        .find(|n| class_has(n, "original"))
        .expect("the first date, faded");
    assert!(faded.attribute("opacity").unwrap().parse::<f64>().unwrap() < 1.0);
    let texts: Vec<&str> = extended.descendants().filter_map(|n| n.text()).collect();
    assert!(
        texts.contains(&"Mon 2020-05-04 · extended from Feb 24"),
        "{texts:?}"
    );
    // The chain: the deadline counted from the extended one counts from its new date.
    assert_eq!(all["chained"].attribute("data-date"), Some("2020-05-18"));
    assert!(doc.descendants().filter(|n| class_has(n, "link")).count() >= 9);
    // The legend names every state drawn, in words.
    let legend: Vec<&str> = doc
        .descendants()
        .find(|n| class_has(n, "legend"))
        .unwrap()
        .descendants()
        .filter_map(|n| n.text())
        .collect();
    for word in [
        "open",
        "due soon",
        "overdue",
        "done",
        "missed",
        "withdrawn",
        "unknown",
    ] {
        assert!(
            legend.contains(&format!("deadline {word}").as_str()),
            "{word}: {legend:?}"
        );
    }
}

#[test]
fn hostile_titles_stay_text() {
    let dir = support::temp_dir();
    let hostile = "</svg><script>alert(1)</script> & <b>bold</b> ]]> \u{202E}txt.exe \u{1b}[31m";
    // A TOML basic string, control characters written as `\uXXXX`.
    let quoted: String = std::iter::once('"')
        .chain(hostile.chars().flat_map(|c| match c {
            '"' | '\\' => vec!['\\', c],
            c if c.is_control() => format!("\\u{:04X}", c as u32).chars().collect(),
            c => vec![c],
        }))
        .chain(std::iter::once('"'))
        .collect();
    let text = format!(
        "[timeline]\nid = \"h\"\ntitle = {quoted}\ncase = \"<i>case</i>\"\n\n\
         [[event]]\nid = \"e\"\ndate = 2020-01-13\ntitle = {quoted}\nkind = \"<script>\"\n\n\
         [[deadline]]\nid = \"d\"\ntitle = {quoted}\ntrigger = \"e\"\nperiod = \"3 days\"\nauthority = {quoted}\n"
    );
    std::fs::write(dir.path().join("h.toml"), text).unwrap();
    for format in ["svg", "html"] {
        let out = chart(
            dir.path(),
            &["h.toml", "--as-of", "2020-01-14", "--format", format],
        );
        let doc = xml(&out);
        for bad in ["script", "b", "i"] {
            assert!(
                !doc.descendants().any(|n| n.tag_name().name() == bad),
                "{format}: a <{bad}> element"
            );
        }
        // The words are there, as text; the bidi override and the escape are visible, not acted on.
        assert!(
            !out.contains('\u{202E}') && !out.contains('\u{1b}'),
            "{format}"
        );
        let title = marks(&doc)["e"]
            .first_element_child()
            .unwrap()
            .text()
            .unwrap()
            .to_string();
        assert!(
            title.starts_with(
                "</svg><script>alert(1)</script> & <b>bold</b> ]]> \\u{202e}txt.exe \\u{1b}[31m"
            ),
            "{title}"
        );
        let kind = marks(&doc)["e"].attribute("data-kind").unwrap().to_string();
        assert_eq!(kind, "<script>");
    }
}

#[test]
fn the_same_files_and_day_give_the_same_bytes() {
    let dir = support::temp_dir();
    states_timeline(dir.path());
    let denver = root().join(DENVER).display().to_string();
    let run = |now: &str, format: &str| {
        let out = support::docket()
            .args([
                "chart",
                "states.toml",
                &denver,
                "--as-of",
                "2020-03-01",
                "--format",
                format,
            ])
            .current_dir(dir.path())
            .env("DOCKET_NOW", now)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        out.stdout
    };
    for format in ["svg", "html"] {
        let first = run("2021-01-01T00:00:00Z", format);
        assert_eq!(first, run("2030-06-15T12:00:00Z", format), "{format}");
        assert_eq!(first, run("2021-01-01T00:00:00Z", format), "{format}");
    }
}

#[test]
fn html_is_one_self_contained_page_with_the_records_beneath() {
    let dir = support::temp_dir();
    let out = support::run(
        dir.path(),
        &[
            "chart",
            root().join(DENVER).to_str().unwrap(),
            "--as-of",
            "2020-01-20",
            "-o",
            "denver.html",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(dir.path().join("denver.html")).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "-o NAME.html writes HTML"
    );
    let doc = xml(&html);
    // Nothing to fetch and nothing to run: no script, no source or link to follow, and a
    // policy that forbids any fetch.
    for n in doc.descendants() {
        assert!(!matches!(
            n.tag_name().name(),
            "script" | "link" | "img" | "iframe" | "object"
        ));
        for a in n.attributes() {
            assert!(
                !matches!(a.name(), "src" | "href") && !a.name().starts_with("on"),
                "{}",
                a.name()
            );
            if a.name() != "xmlns" {
                assert!(
                    !a.value().contains("http://") && !a.value().contains("https://"),
                    "{}",
                    a.value()
                );
            }
        }
    }
    let csp = doc
        .descendants()
        .find(|n| n.attribute("http-equiv") == Some("Content-Security-Policy"))
        .unwrap();
    assert!(
        csp.attribute("content")
            .unwrap()
            .starts_with("default-src 'none'")
    );
    assert_eq!(
        doc.descendants()
            .filter(|n| n.tag_name().name() == "svg")
            .count(),
        1
    );
    // The table beneath: one row per record, with its id.
    let ids: Vec<&str> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "tbody")
        .flat_map(|b| b.children().filter(|r| r.tag_name().name() == "tr"))
        .map(|r| {
            r.descendants()
                .find(|n| n.tag_name().name() == "code")
                .unwrap()
                .text()
                .unwrap()
        })
        .collect();
    let mut sorted: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    sorted.sort();
    let mut listed = listed_ids(&root(), &[DENVER, "--as-of", "2020-01-20"]);
    listed.sort();
    assert_eq!(sorted, listed);
}

#[test]
fn from_and_to_limit_the_chart_and_cut_spans() {
    let args = [
        DENVER,
        "--as-of",
        "2020-01-20",
        "--from",
        "2018-06-01",
        "--to",
        "2020-01-31",
    ];
    let doc_text = chart(&root(), &args);
    let doc = xml(&doc_text);
    let all = marks(&doc);
    assert!(
        all.contains_key("brief-threat-dismissed"),
        "a span reaching into the window"
    );
    assert!(all.contains_key("westword-no-compliance"));
    assert!(!all.contains_key("doj-1373-letters-april-2017"));
    assert!(!all.contains_key("enforcement-petition"));
    // The year's band starts at the window, and the axis nowhere before it.
    let window = Window {
        from: "2018-06-01".parse().ok(),
        to: "2020-01-31".parse().ok(),
    };
    let c = chart_of(&[root().join(DENVER)], "2020-01-20", window);
    let placed = layout(&c);
    let segments = &placed.axis.segments;
    assert_eq!(segments[0].first, window.from.unwrap());
    assert!(segments.last().unwrap().last <= window.to.unwrap());
    let row = &placed.rows[0];
    let year = row
        .items
        .iter()
        .find(|i| c.rows[0].marks[i.mark].id == "brief-threat-dismissed")
        .unwrap();
    let start = placed.axis.x(window.from.unwrap(), 0.0);
    assert_eq!(
        year.at,
        chart::At::Span {
            x0: start,
            x1: placed.axis.x("2018-12-31".parse().unwrap(), 1.0)
        }
    );
}

#[test]
fn bad_arguments_are_refused_with_a_clear_message_and_nothing_written() {
    let dir = support::temp_dir();
    let denver = root().join(DENVER);
    let denver = denver.to_str().unwrap();
    for (args, expect) in [
        (
            vec!["--timeline", "denver-ice-subpoena"],
            "did you mean `denver-ice-subpoenas`?",
        ),
        (
            vec!["--from", "2020-02-01", "--to", "2020-01-01"],
            "is after --to",
        ),
        (
            vec!["--from", "2030-01-01"],
            "no dated event or deadline to draw between 2030-01-01 and the end",
        ),
        (vec!["--to", "2020-13-01"], "invalid --to"),
        (vec!["--format", "png"], "invalid value 'png'"),
    ] {
        let mut all = vec!["chart", denver, "-o", "out.svg"];
        all.extend(args);
        let out = support::run(dir.path(), &all);
        assert_eq!(out.status.code(), Some(2), "{all:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expect), "{all:?}: {err}");
        assert!(!dir.path().join("out.svg").exists());
    }
}

#[test]
fn a_thousand_records_stay_readable() {
    let dir = support::temp_dir();
    large_timeline(dir.path(), 1000);
    let c = chart_of(
        &[dir.path().join("big.toml")],
        "2020-03-01",
        Window::default(),
    );
    let total: usize = c.rows.iter().map(|r| r.marks.len()).sum();
    assert_eq!(total, 1000);
    let placed = layout(&c);
    assert_nothing_overlaps(&placed);
    let row = &placed.rows[0];
    // Every lane is used before a record is left to a count.
    let lanes = row.items.iter().map(|i| i.lane).max().unwrap() + 1;
    assert_eq!(lanes, MAX_LANES);
    assert!(
        !row.clusters.is_empty(),
        "a crowd is summarised with counts"
    );
    assert!(
        row.items.len() >= 4 * MAX_LANES,
        "{} labelled",
        row.items.len()
    );
    assert!(
        placed.width <= 2000.0 && placed.height <= 1000.0,
        "{} x {}",
        placed.width,
        placed.height
    );

    // The SVG: each record once, with its own label or counted in a badge that lists it.
    let svg = chart(dir.path(), &["big.toml", "--as-of", "2020-03-01"]);
    let doc = xml(&svg);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for id in marks(&doc).into_keys() {
        *seen.entry(id).or_default() += 1;
    }
    let mut counted = 0;
    for cluster in doc.descendants().filter(|n| class_has(n, "cluster")) {
        let count: usize = cluster.attribute("data-count").unwrap().parse().unwrap();
        let text = cluster.first_element_child().unwrap().text().unwrap();
        let lines: Vec<&str> = text.lines().skip(1).collect();
        assert_eq!(lines.len(), count);
        let badge = cluster
            .descendants()
            .find(|n| n.tag_name().name() == "text")
            .unwrap();
        assert_eq!(badge.text(), Some(format!("+{count}").as_str()));
        for line in lines {
            *seen
                .entry(line.split(" · ").next().unwrap().to_string())
                .or_default() += 1;
        }
        counted += count;
    }
    assert!(counted > 0);
    assert_eq!(seen.len(), 1000);
    assert!(seen.values().all(|&n| n == 1));
}
