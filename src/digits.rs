//! Dates and numbers as ASCII digits, written straight into a buffer: the exports write
//! millions of them, and `core::fmt` costs more than the digits. Outside four-digit years,
//! callers fall back to chrono.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

/// `n` as zero-padded ASCII digits filling `buf` (`n` has no more digits than `buf` holds).
pub(crate) fn digits(buf: &mut [u8], mut n: u32) {
    for b in buf.iter_mut().rev() {
        *b = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

/// The ASCII digits of `n` as std writes it, in the end of `buf`.
pub(crate) fn number(buf: &mut [u8; 20], mut n: u64) -> &[u8] {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[at..]
}

/// Digits written by [`digits`] as text.
pub(crate) fn ascii(buf: &[u8]) -> &str {
    std::str::from_utf8(buf).expect("ASCII digits")
}

/// The year of `date` if it has four digits.
pub(crate) fn four_digit_year(date: NaiveDate) -> Option<u32> {
    u32::try_from(date.year()).ok().filter(|&y| y <= 9999)
}

/// `day` as `YYYY-MM-DD`, as chrono writes it, if its year has four digits.
pub(crate) fn iso_day(day: NaiveDate) -> Option<[u8; 10]> {
    let mut buf = *b"0000-00-00";
    digits(&mut buf[..4], four_digit_year(day)?);
    digits(&mut buf[5..7], day.month());
    digits(&mut buf[8..], day.day());
    Some(buf)
}

/// `day` as `YYYYMMDD` (iCalendar's DATE), if its year has four digits.
pub(crate) fn ymd(day: NaiveDate) -> Option<[u8; 8]> {
    let mut buf = [0; 8];
    digits(&mut buf[..4], four_digit_year(day)?);
    digits(&mut buf[4..6], day.month());
    digits(&mut buf[6..], day.day());
    Some(buf)
}

/// `t` as `YYYYMMDDTHHMMSS` (iCalendar's DATE-TIME without its `Z`), if its year has four
/// digits and it is not a leap second (which chrono writes as second 60).
pub(crate) fn ymd_hms(t: NaiveDateTime) -> Option<[u8; 15]> {
    if t.nanosecond() >= 1_000_000_000 {
        return None;
    }
    let mut buf = [b'T'; 15];
    buf[..8].copy_from_slice(&ymd(t.date())?);
    digits(&mut buf[9..11], t.hour());
    digits(&mut buf[11..13], t.minute());
    digits(&mut buf[13..], t.second());
    Some(buf)
}
