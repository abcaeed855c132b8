//! Timelines made at run time for the chart tests: every state of a deadline, and a large matter.

use std::path::Path;

/// A timeline with a deadline in every state as of 2020-03-01, a chain, and an extension.
pub fn states_timeline(dir: &Path) {
    let deadline = |id: &str, due: &str, history: &str| {
        format!(
            "\n[[deadline]]\nid = \"{id}\"\ntitle = \"Deadline {id}\"\ntrigger = \"start\"\ndue = {due}\nhistory = [{history}]\n"
        )
    };
    let mut text = String::from(
        "[timeline]\nid = \"states\"\ntitle = \"Every state\"\ntimezone = \"America/Denver\"\n\n[[event]]\nid = \"start\"\ndate = 2020-02-03\ntitle = \"Start\"\nkind = \"order\"\n",
    );
    text += &deadline("is-open", "2020-06-01", "");
    text += &deadline("is-due-soon", "2020-03-10", "");
    text += &deadline("is-overdue", "2020-02-20", "");
    text += &deadline(
        "is-done",
        "2020-02-14",
        "{ status = \"done\", on = 2020-02-13 }",
    );
    text += &deadline(
        "is-missed",
        "2020-02-17",
        "{ status = \"missed\", on = 2020-02-18 }",
    );
    text += &deadline(
        "is-extended",
        "2020-02-24",
        "{ status = \"extended\", on = 2020-02-20, to = 2020-05-04 }",
    );
    text += &deadline(
        "is-withdrawn",
        "2020-02-26",
        "{ status = \"withdrawn\", on = 2020-02-21 }",
    );
    text += &deadline(
        "is-unknown",
        "2020-02-12",
        "{ status = \"unknown\", on = 2020-02-28 }",
    );
    text += "\n[[deadline]]\nid = \"chained\"\ntitle = \"Counted from the extended one\"\ntrigger = \"is-extended\"\nperiod = \"14 days\"\nauthority = \"FRCP 6\"\n";
    std::fs::write(dir.join("states.toml"), text).unwrap();
}

/// A docket of `n` records in one timeline, most of them within two busy months, with partial
/// dates, approximate ones, times, chains and extensions, as a large matter has.
pub fn large_timeline(dir: &Path, n: usize) {
    let mut text = String::from(
        "[timeline]\nid = \"big\"\ntitle = \"A large matter\"\ntimezone = \"America/Denver\"\n",
    );
    let mut seed = 11u64;
    let mut next = |m: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % m
    };
    let start = chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    let mut events = 0;
    for i in 0..n {
        if i % 5 == 4 && events > 0 {
            let trigger = next(events);
            let extension = if next(6) == 0 {
                "\nhistory = [{ status = \"extended\", on = 2021-01-01, to = 2021-02-01 }]"
            } else {
                ""
            };
            text += &format!(
                "\n[[deadline]]\nid = \"d{i}\"\ntitle = \"Response to filing {trigger}\"\ntrigger = \"e{trigger}\"\nperiod = \"{} days\"\nauthority = \"FRCP 6\"{extension}\n",
                1 + next(30)
            );
            continue;
        }
        let busy = next(4) != 0;
        let day = if busy {
            start + chrono::Days::new(400 + next(60))
        } else {
            start + chrono::Days::new(next(900))
        };
        let date = match next(40) {
            0 => format!("\"{}\"", day.format("%Y-%m")),
            1 => format!("\"{}\"", day.format("%Y")),
            2 => format!("{}T09:30:00", day),
            _ => day.to_string(),
        };
        let approximate = if next(15) == 0 {
            "\napproximate = true"
        } else {
            ""
        };
        // Partial dates cannot trigger deadlines: give those events ids no deadline uses.
        let id = if date.starts_with('"') {
            format!("p{i}")
        } else {
            format!("e{events}")
        };
        if !date.starts_with('"') {
            events += 1;
        }
        text += &format!(
            "\n[[event]]\nid = \"{id}\"\ndate = {date}\ntitle = \"Filing number {i} in the matter\"\nkind = \"{}\"{approximate}\n",
            ["filing", "order", "letter", "hearing"][next(4) as usize]
        );
    }
    std::fs::write(dir.join("big.toml"), text).unwrap();
}
