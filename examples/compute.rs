//! The library API: compute a deadline, explain it, and list a calendar's holidays.
//!
//! `cargo run --example compute`

use chrono::NaiveDate;
use docket::calendar::Calendars;
use docket::rules::{Context, Period, Trigger, explain};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let calendars = Calendars::builtin();
    let court = calendars.get("d-colo")?;

    // ICE's subpoenas to Denver were issued on Monday, January 13, 2020, with 14 days to respond.
    let trigger: Trigger = "2020-01-13".parse()?;
    let period: Period = "14 days".parse()?;
    let mut ctx = Context::new(court);
    ctx.authority = Some("the subpoena (Form I-138)");

    let (due, steps) = period.explain(&trigger, &ctx)?;
    println!("{period} from {trigger}: due {} ({:?})", due.date, due.at());
    print!("{}", explain::render(&steps));

    // The holidays that decided it.
    let from = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2020, 1, 31).unwrap();
    for day in court.days_off(from, to) {
        println!("{}  {}  ({})", day.date, day.name, day.source);
    }
    Ok(())
}
