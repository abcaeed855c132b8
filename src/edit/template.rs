//! The commented template of a new timeline file (`docket new`).

/// A new timeline file's text.
///
/// ```
/// let text = docket::edit::template::timeline("smith-v-jones", "Smith v. Jones", "America/Denver", "d-colo");
/// assert!(text.contains("id = \"smith-v-jones\""));
/// assert!(text.parse::<toml_edit::DocumentMut>().is_ok());
/// ```
pub fn timeline(id: &str, title: &str, timezone: &str, calendar: &str) -> String {
    let q = |s: &str| toml_edit::Value::from(s).to_string();
    format!(
        r#"# A docket timeline: one matter per file. The format is documented in docs/timeline-format.md;
# `docket check` validates it, `docket add event|deadline` adds records in date order.
# For completion in your editor: `docket schema > timeline.schema.json`, then make the first line
# of this file `#:schema ./timeline.schema.json`.

[timeline]
id = {id}
title = {title}
# description = "What the matter is."
# court = "U.S. District Court for the District of Colorado"
# case = "No. 1:26-cv-00000"
# parties = ["Plaintiff", "Defendant"]
# assignee = "Who is responsible"
timezone = {timezone}
calendar = {calendar}
# sources = [{{ cite = "Where the facts come from", url = "https://example.org" }}]

# [[event]]
# id = "complaint-filed"
# date = 2026-01-05
# title = "Complaint filed"
# kind = "filing"
# sources = ["ECF No. 1"]

# [[deadline]]
# id = "answer-due"
# title = "Answer due"
# trigger = "summons-served"
# period = "21 days"
# authority = "FRCP 12(a)(1)(A)(i)"
"#,
        id = q(id),
        title = q(title),
        timezone = q(timezone),
        calendar = q(calendar),
    )
}
