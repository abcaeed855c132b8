//! Computing 1,000,000 deadlines of mixed rules without traces, on one core.
//!
//! `cargo bench --bench compute`. The mix: calendar days forward and backward, court days,
//! weeks, months, and mail add-ons, on triggers spread over 1990-2040, in `us-federal` and
//! `d-colo` (whose state holidays count forward only).

use std::hint::black_box;

use chrono::{Datelike, Days, NaiveDate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use docket::calendar::Calendars;
use docket::rules::{Context, Period};

const N: usize = 1_000_000;

fn inputs() -> Vec<(NaiveDate, Period)> {
    let periods: Vec<Period> = [
        "14 days",
        "3 days",
        "21 days + mail",
        "10 days before",
        "14 court days",
        "5 court days",
        "2 weeks",
        "1 month",
        "30 days",
        "7 days before",
    ]
    .iter()
    .map(|p| p.parse().unwrap())
    .collect();
    let start = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
    // A fixed linear congruential sequence: deterministic, no extra dependency.
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    (0..N)
        .map(|i| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let day = (x >> 33) % 18_600; // about 51 years
            (start + Days::new(day), periods[i % periods.len()])
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let inputs = inputs();
    let mut group = c.benchmark_group("compute");
    group.throughput(Throughput::Elements(N as u64));
    group.sample_size(20);
    for name in ["us-federal", "d-colo"] {
        let cal = Calendars::builtin().get(name).unwrap();
        cal.warm();
        let ctx = Context::new(cal);
        group.bench_function(format!("1M mixed deadlines, {name}"), |b| {
            b.iter(|| {
                let mut acc = 0i64;
                for (trigger, period) in &inputs {
                    let due = period.due_from(*trigger, &ctx).unwrap();
                    acc = acc.wrapping_add(i64::from(due.date.ordinal()));
                }
                black_box(acc)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
