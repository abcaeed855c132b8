//! Publishing N entries to a CalDAV collection, timed: the first publish (every entry created),
//! a publish with no change, and one with 1% of the entries changed. Run by `bench/publish.sh`
//! against a local Radicale; credentials from `DOCKET_CALDAV_USER` / `DOCKET_CALDAV_PASSWORD`.
//!
//! ```sh
//! cargo run --release --example publish_bench -- URL [ENTRIES] [PARALLEL]
//! ```

use std::time::Instant;

use docket::publish::{self, CredentialSources, Entry, Options, Scope, Server, Settings, Step};

fn entry(i: usize, revision: u32) -> Entry {
    let uid = format!("deadline-{i:06}.bench@docket");
    let day = 1 + i % 28;
    let month = 1 + (i / 28) % 12;
    let calendar = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//docket//docket bench//EN\r\n\
         BEGIN:VTIMEZONE\r\nTZID:America/Denver\r\nBEGIN:STANDARD\r\nDTSTART:19701101T020000\r\n\
         TZOFFSETFROM:-0600\r\nTZOFFSETTO:-0700\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n\
         TZNAME:MST\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700308T020000\r\n\
         TZOFFSETFROM:-0700\r\nTZOFFSETTO:-0600\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n\
         TZNAME:MDT\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n\
         BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20250101T000000Z\r\n\
         DTSTART;TZID=America/Denver:2026{month:02}{day:02}T090000\r\n\
         DTEND;TZID=America/Denver:2026{month:02}{day:02}T100000\r\n\
         SUMMARY:Deadline {i} (revision {revision})\r\n\
         DESCRIPTION:Matter {} — response due under FRCP 6(a)\\, counted in court days\r\n\
         SEQUENCE:{revision}\r\nTRANSP:TRANSPARENT\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\n\
         DESCRIPTION:Deadline {i}\r\nTRIGGER:-P7D\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        i / 50
    );
    Entry::new(uid, "bench", calendar)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let url = args
        .next()
        .expect("usage: publish_bench URL [ENTRIES] [PARALLEL]");
    let count: usize = args.next().map_or(10_000, |n| n.parse().expect("a number"));
    let parallel: usize = args.next().map_or(4, |n| n.parse().expect("a number"));
    let sources = CredentialSources::from_env(None).expect("credentials");
    let settings = Settings {
        parallel,
        ..Settings::default()
    };
    let scope: Scope = ["bench"].into_iter().collect();
    let progress = |step: Step| {
        if let Step::Written { done, total } = step
            && done % 1000 == 0
        {
            eprintln!("  {done}/{total}");
        }
    };

    let mut entries: Vec<Entry> = (0..count).map(|i| entry(i, 0)).collect();
    println!("| run | entries | wall s | reads | writes | report |");
    println!("|---|---:|---:|---:|---:|---|");
    let timed = |name: &str, entries: &[Entry], options: Options| {
        // A new connection pool each run, as each `docket publish` is a new process.
        let server = Server::connect(&url, &sources, settings).expect("a usable URL");
        let started = Instant::now();
        let report = publish::publish(&server, entries, &scope, &options, &progress)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let wall = started.elapsed().as_secs_f64();
        println!(
            "| {name} | {} | {wall:.2} | {} | {} | {report} |",
            entries.len(),
            report.requests.reads,
            report.requests.writes
        );
    };
    timed(
        "first publish",
        &entries,
        Options {
            create: true,
            ..Options::default()
        },
    );
    timed("no change", &entries, Options::default());
    timed(
        "no change, dry run",
        &entries,
        Options {
            dry_run: true,
            ..Options::default()
        },
    );
    for (i, e) in entries.iter_mut().enumerate().filter(|(i, _)| i % 100 == 0) {
        *e = entry(i, 1);
    }
    timed("1% changed", &entries, Options::default());
    entries.truncate(count - count / 100);
    timed("1% removed", &entries, Options::default());
}
