//! The chart as one self-contained HTML page: the SVG inline, then each timeline's records as a
//! table. No script, no fetch (a content security policy forbids any), one file to attach to an
//! email or file as an exhibit. Written as well-formed XHTML, so an XML parser reads it too.

use super::layout::Layout;
use super::model::{Chart, Kind, Mark};
use super::svg::{FONTS, write_svg};
use super::xml::Writer;

/// The page's style sheet.
const STYLE: &str = "
body{margin:24px;color:#111827;background:#ffffff;font:14px/1.45 DejaVu Sans,Verdana,Geneva,sans-serif}
h1{font-size:20px;margin:0 0 4px}
h2{font-size:16px;margin:28px 0 8px}
.sub,.foot{color:#4b5563;margin:0 0 16px}
.chart{overflow-x:auto;border:1px solid #d1d5db;margin-bottom:8px}
.chart svg{display:block}
table{border-collapse:collapse;margin:0 0 20px;width:100%}
caption{text-align:left;font-weight:bold;padding:6px 0}
th,td{border:1px solid #d1d5db;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f4f6}
tbody tr:nth-child(even){background:#f9fafb}
td.date{white-space:nowrap}
code{font-family:DejaVu Sans Mono,Menlo,Consolas,monospace;font-size:12px}
@media print{.chart{overflow:visible;border:0}body{margin:0}}
";

/// Writes the page.
pub fn write_page(w: &mut Writer, chart: &Chart, layout: &Layout) {
    w.raw("<!DOCTYPE html>\n");
    w.open("html")
        .attr("xmlns", "http://www.w3.org/1999/xhtml")
        .attr("lang", "en");
    w.newline().open("head");
    w.newline().leaf("meta").attr("charset", "utf-8");
    w.newline()
        .leaf("meta")
        .attr("http-equiv", "Content-Security-Policy")
        .attr("content", "default-src 'none'; style-src 'unsafe-inline'");
    w.newline()
        .leaf("meta")
        .attr("name", "viewport")
        .attr("content", "width=device-width, initial-scale=1");
    w.newline()
        .leaf("meta")
        .attr("name", "generator")
        .attr("content", "docket chart");
    w.newline().open("title").text(&layout.title).close();
    w.newline().open("style").text(STYLE).close();
    w.newline().close();
    w.newline().open("body");
    w.newline().open("h1").text(&layout.title).close();
    w.newline()
        .open("p")
        .attr("class", "sub")
        .text(&layout.subtitle)
        .close();
    w.newline().open("div").attr("class", "chart");
    w.newline();
    write_svg(w, chart, layout);
    w.close();
    w.newline().open("h2").text("Records").close();
    for row in &chart.rows {
        table(w, row);
    }
    w.newline()
        .open("p")
        .attr("class", "foot")
        .text("Drawn by docket chart from the timeline files. Hover over a mark for its id, dates, period and authority. Fonts: ")
        .text(FONTS)
        .text(".")
        .close();
    w.newline().close();
    w.newline().close();
    w.newline();
}

/// One timeline's records.
fn table(w: &mut Writer, row: &super::model::Row) {
    w.newline().open("table");
    w.open("caption").text(&row.title);
    if let Some(s) = &row.subtitle {
        w.text(" — ").text(s);
    }
    w.close();
    w.newline().open("thead").open("tr");
    for h in [
        "Date",
        "What",
        "Title",
        "Status",
        "Id",
        "Period",
        "Authority",
    ] {
        w.open("th").attr("scope", "col").text(h).close();
    }
    w.close().close();
    w.newline().open("tbody");
    for mark in &row.marks {
        record(w, mark);
    }
    w.close();
    w.close();
}

fn record(w: &mut Writer, mark: &Mark) {
    w.newline().open("tr");
    w.open("td")
        .attr("class", "date")
        .text(&mark.date_text)
        .close();
    let (what, status) = match &mark.kind {
        Kind::Event(kind) => (kind.as_deref().unwrap_or("event"), String::new()),
        Kind::Deadline(state) => (
            "deadline",
            match mark.original {
                Some(o) => format!("{} (was {o})", state.word()),
                None => state.word().to_string(),
            },
        ),
    };
    w.open("td").text(what).close();
    w.open("td").text(&mark.title).close();
    w.open("td").text(&status).close();
    w.open("td").open("code").text(&mark.id).close().close();
    let period = match (&mark.period, &mark.trigger) {
        (Some(p), Some(t)) => format!("{p} from {t}"),
        (Some(p), None) => p.clone(),
        (None, Some(t)) => format!("fixed date (trigger {t})"),
        (None, None) if matches!(mark.kind, Kind::Deadline(_)) => "fixed date".to_string(),
        (None, None) => String::new(),
    };
    w.open("td").text(&period).close();
    w.open("td")
        .text(mark.authority.as_deref().unwrap_or(""))
        .close();
    w.close();
}
