//! A deterministic synthetic docket for benchmarks and scale tests, in docket's own format.
//!
//! `cargo run --release --example gen_timeline -- --events N --seed S --out DIR`
//!
//! N events spread over many matters (one file each), each event with one to three deadlines
//! (1.5 on average) of mixed kinds: calendar days, court days, before an event, `+ mail` after a
//! service, and chained deadlines; some events known only to the year (no deadlines are counted
//! from them); short sources as in real dockets; about 250 bytes of TOML per event; triggers over
//! 1990-2040; four calendars. Every file passes `docket check`.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Parser;

#[derive(Parser)]
struct Args {
    /// How many events.
    #[arg(long)]
    events: usize,
    /// The seed: the same seed gives the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The folder to write (created if missing).
    #[arg(long)]
    out: PathBuf,
}

/// SplitMix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const CALENDARS: [&str; 4] = ["us-federal", "d-colo", "co-courts", "colorado"];
const KINDS: [&str; 5] = ["filing", "order", "letter", "hearing", "service"];
const TITLES: [&str; 8] = [
    "Motion filed",
    "Order entered",
    "Letter received",
    "Hearing held",
    "Complaint served",
    "Subpoena issued",
    "Notice filed",
    "Brief served",
];

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let mut rng = Rng(args.seed);
    std::fs::create_dir_all(&args.out)?;
    let files = (args.events / 1000).clamp(4, 1000).min(args.events.max(1));
    let start = chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
    let span_days = 18_262; // 1990-01-01 .. 2039-12-31
    let mut written = 0usize;
    for f in 0..files {
        let n = args.events / files + usize::from(f < args.events % files);
        let cal = CALENDARS[f % CALENDARS.len()];
        let mut s = String::with_capacity(n * 260 + 200);
        let _ = write!(
            s,
            "[timeline]\nid = \"m{f}\"\ntitle = \"Matter {f}\"\ntimezone = \"America/Denver\"\ncalendar = \"{cal}\"\n"
        );
        for e in 0..n {
            let id = format!("m{f}-e{e}");
            let day = start + chrono::Days::new(rng.below(span_days));
            let k = rng.below(KINDS.len() as u64) as usize;
            let partial = rng.below(100) < 3;
            if partial {
                let _ = write!(
                    s,
                    "\n[[event]]\nid = \"{id}\"\ndate = \"{}\"\ntitle = \"Letters exchanged\"\nkind = \"letter\"\n",
                    day.format("%Y")
                );
                written += 1;
                continue;
            }
            let _ = write!(
                s,
                "\n[[event]]\nid = \"{id}\"\ndate = {day}\ntitle = \"{}\"\nkind = \"{}\"\nsources = [\"ECF {}\"]\n",
                TITLES[rng.below(TITLES.len() as u64) as usize],
                KINDS[k],
                rng.below(400) + 1
            );
            // One to three deadlines, 1.5 on average: 60% one, 30% two, 10% three.
            let r = rng.below(10);
            let count = if r < 6 {
                1
            } else if r < 9 {
                2
            } else {
                3
            };
            let mut previous: Option<String> = None;
            for d in 0..count {
                let did = format!("m{f}-d{e}{}", (b'a' + d as u8) as char);
                let (trigger, period, authority) = match (previous.as_ref(), rng.below(5)) {
                    (Some(p), 0 | 1) => (
                        p.clone(),
                        format!("{} days", rng.below(28) + 1),
                        "FRCP 12(a)(1)(B)",
                    ),
                    (_, 0) => (
                        id.clone(),
                        format!("{} court days", rng.below(20) + 1),
                        "Local rule 7.1",
                    ),
                    (_, 1) => (
                        id.clone(),
                        format!("{} days before", rng.below(20) + 1),
                        "Scheduling order",
                    ),
                    (_, 2) if KINDS[k] == "service" => (
                        id.clone(),
                        format!("{} days + mail", rng.below(21) + 7),
                        "FRCP 6(d)",
                    ),
                    _ => (
                        id.clone(),
                        format!("{} days", rng.below(60) + 1),
                        "FRCP 6(a)",
                    ),
                };
                let _ = write!(
                    s,
                    "\n[[deadline]]\nid = \"{did}\"\ntitle = \"Response due\"\ntrigger = \"{trigger}\"\nperiod = \"{period}\"\nauthority = \"{authority}\"\n"
                );
                previous = Some(did);
            }
            written += 1;
        }
        std::fs::write(args.out.join(format!("matter-{f:04}.toml")), s)?;
    }
    eprintln!(
        "wrote {written} events in {files} files to {}",
        args.out.display()
    );
    Ok(())
}
