//! The hot paths of a large docket, in memory: loading and checking timeline files, and rendering
//! the iCalendar export. `cargo bench --bench docket`. (End-to-end figures, against the scripts
//! people would write instead, come from `bench/run.sh`.)

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use docket::calendar::Calendars;
use docket::render::ics::{IcsOptions, PartialDates, write_ics};
use docket::timeline::{Docket, Filter, list_places};

/// `files` timeline files of `per_file` events, each with a deadline (and every third a chained
/// one), in the shape `examples/gen_timeline.rs` writes.
fn docket_text(files: usize, per_file: usize) -> HashMap<PathBuf, String> {
    let mut out = HashMap::new();
    let mut x: u64 = 7;
    for f in 0..files {
        let mut s = format!(
            "[timeline]\nid = \"m{f}\"\ntitle = \"Matter {f}\"\ntimezone = \"America/Denver\"\ncalendar = \"d-colo\"\n"
        );
        for e in 0..per_file {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let day = chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap()
                + chrono::Days::new((x >> 33) % 18_000);
            let _ = write!(
                s,
                "\n[[event]]\nid = \"m{f}-e{e}\"\ndate = {day}\ntitle = \"Motion filed\"\nkind = \"filing\"\nsources = [\"ECF {e}\"]\n"
            );
            let _ = write!(
                s,
                "\n[[deadline]]\nid = \"m{f}-d{e}\"\ntitle = \"Response due\"\ntrigger = \"m{f}-e{e}\"\nperiod = \"{} days\"\nauthority = \"FRCP 6(a)\"\n",
                (x >> 40) % 60 + 1
            );
            if e % 3 == 0 {
                let _ = write!(
                    s,
                    "\n[[deadline]]\nid = \"m{f}-r{e}\"\ntitle = \"Reply due\"\ntrigger = \"m{f}-d{e}\"\nperiod = \"7 court days\"\nauthority = \"Local rule\"\n"
                );
            }
        }
        out.insert(PathBuf::from(format!("/bench/m{f}.toml")), s);
    }
    out
}

fn bench(c: &mut Criterion) {
    let files = docket_text(20, 1000);
    let bytes: usize = files.values().map(String::len).sum();
    let cals = Calendars::builtin();
    let mut group = c.benchmark_group("docket");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("load and check 20,000 events", |b| {
        b.iter(|| black_box(Docket::load_with(&[], cals, &files)))
    });
    let docket = Docket::load_with(&[], cals, &files);
    assert!(!docket.has_errors());
    let order = list_places(&docket, "2030-01-01".parse().ok(), &Filter::default());
    let opts = IcsOptions {
        name: "bench".into(),
        partial: PartialDates::Skip,
    };
    group.bench_function("render iCalendar for 20,000 events", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            write_ics(&docket, &order, &opts, &mut out).expect("writing to memory");
            black_box(out.len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
