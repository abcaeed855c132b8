//! Content lines (RFC 5545 3.1): a writer that appends each value straight to a byte buffer,
//! escaping TEXT (3.3.11) and folding at 75 octets without splitting a UTF-8 character, and the
//! DATE and DATE-TIME forms written as digits.

use std::fmt::{self, Write as _};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Timelike};

use crate::digits::{ascii, digits, four_digit_year, ymd, ymd_hms};
use crate::render::text::{is_line_break, is_unsafe};

/// Content lines written into `out` as they are made: folded at 75 octets (the leading space of
/// a continuation counts), never inside a UTF-8 character, each ended with CRLF. A value goes
/// into the output once, escaped and folded on the way, with nothing built apart and copied.
/// `out` holds bytes so that digits go in without being checked as text; only whole `str`s and
/// ASCII are appended, and folds fall between characters, so it is always UTF-8.
#[derive(Default)]
pub(super) struct ContentLines {
    pub(super) out: Vec<u8>,
    /// Octets on the physical line being written.
    width: usize,
}

impl ContentLines {
    /// An empty writer with room for `bytes`.
    pub(super) fn with_capacity(bytes: usize) -> Self {
        ContentLines {
            out: Vec::with_capacity(bytes),
            width: 0,
        }
    }

    /// Appends `text`, which holds no line break, to the content line being written.
    #[inline]
    pub(super) fn push(&mut self, text: &str) {
        if text.len() <= 75 - self.width {
            self.out.extend_from_slice(text.as_bytes());
            self.width += text.len();
        } else {
            self.push_folded(text);
        }
    }

    /// [`ContentLines::push`] of ASCII (digits).
    #[inline]
    pub(super) fn push_ascii(&mut self, bytes: &[u8]) {
        debug_assert!(bytes.is_ascii());
        if bytes.len() <= 75 - self.width {
            self.out.extend_from_slice(bytes);
            self.width += bytes.len();
        } else {
            self.push_folded(std::str::from_utf8(bytes).expect("ASCII"));
        }
    }

    /// [`ContentLines::push`] of text that does not fit on the physical line.
    #[inline(never)]
    fn push_folded(&mut self, mut text: &str) {
        loop {
            let room = 75 - self.width;
            if text.len() <= room {
                self.out.extend_from_slice(text.as_bytes());
                self.width += text.len();
                return;
            }
            // What fits, up to a character boundary, then a fold.
            let mut fits = room;
            while !text.is_char_boundary(fits) {
                fits -= 1;
            }
            self.out.extend_from_slice(&text.as_bytes()[..fits]);
            self.out.extend_from_slice(b"\r\n ");
            self.width = 1;
            text = &text[fits..];
        }
    }

    /// Appends `text` escaped as TEXT: as it is when every byte goes as it is, the common case.
    #[inline]
    pub(super) fn escaped(&mut self, text: &str) {
        if verbatim_bytes(text.as_bytes()) {
            self.push(text);
        } else {
            escape_with(text, |piece| self.push(piece));
        }
    }

    /// Appends a day as `YYYYMMDD`.
    pub(super) fn date(&mut self, day: NaiveDate) {
        match ymd(day) {
            Some(buf) => self.push_ascii(&buf),
            None => write!(self, "{}", Ymd(day)).expect("formatting into memory"),
        }
    }

    /// Appends a local date-time as `YYYYMMDDTHHMMSS`.
    pub(super) fn local(&mut self, t: NaiveDateTime) {
        match ymd_hms(t) {
            Some(buf) => self.push_ascii(&buf),
            // A leap second, or a year outside four digits (which takes a sign): as chrono
            // writes them.
            None => write!(self, "{}", t.format("%Y%m%dT%H%M%S")).expect("formatting into memory"),
        }
    }

    /// Appends `n` in decimal.
    pub(super) fn number(&mut self, n: u64) {
        self.push_ascii(crate::digits::number(&mut [0; 20], n));
    }

    /// Ends the content line.
    pub(super) fn end(&mut self) {
        self.out.extend_from_slice(b"\r\n");
        self.width = 0;
    }

    /// A whole content line.
    pub(super) fn line(&mut self, text: &str) {
        self.push(text);
        self.end();
    }

    /// A line from format arguments.
    pub(super) fn linef(&mut self, args: fmt::Arguments<'_>) {
        self.write_fmt(args).expect("formatting into memory");
        self.end();
    }

    /// A line of `name`, a local date-time as `YYYYMMDDTHHMMSS` and `after` it.
    pub(super) fn local_line(&mut self, name: &str, t: NaiveDateTime, after: &str) {
        self.push(name);
        self.local(t);
        self.push(after);
        self.end();
    }

    /// A line of `name`, a day as `YYYYMMDD` and `after` it.
    pub(super) fn date_line(&mut self, name: &str, day: NaiveDate, after: &str) {
        self.push(name);
        self.date(day);
        self.push(after);
        self.end();
    }
}

impl fmt::Write for ContentLines {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.push(text);
        Ok(())
    }
}

/// Whether TEXT goes as it is, with nothing to escape or drop (docket's own words must).
pub(super) fn needs_no_escape(text: &str) -> bool {
    let verbatim = |c: char| !matches!(c, '\\' | ';' | ',') && !is_unsafe(c);
    verbatim_bytes(text.as_bytes()) || text.chars().all(verbatim)
}

/// Whether every byte of `bytes` goes as it is ([`verbatim_byte`]), eight at a time: the words
/// at 0, 8, 16, … and the last eight bytes (which may overlap the word before); a text shorter
/// than a word is padded with spaces.
#[inline]
fn verbatim_bytes(bytes: &[u8]) -> bool {
    let word = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().expect("eight bytes"));
    let n = bytes.len();
    if n < 8 {
        let mut padded = [b' '; 8];
        padded[..n].copy_from_slice(bytes);
        return verbatim_word(u64::from_le_bytes(padded));
    }
    let mut i = 0;
    while i + 8 < n {
        if !verbatim_word(word(i)) {
            return false;
        }
        i += 8;
    }
    verbatim_word(word(n - 8))
}

/// Whether byte `b` of TEXT goes as it is: printable ASCII other than the three escaped
/// characters.
fn verbatim_byte(b: u8) -> bool {
    matches!(b, b' '..=b'~') && !matches!(b, b'\\' | b';' | b',')
}

/// Whether each of the eight bytes of `word` goes as it is (printable ASCII other than `\`,
/// `;` and `,`), tested all at once: each test below sets a byte's high bit if some byte is of
/// its kind (it may also set others, which does not matter here).
fn verbatim_word(word: u64) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    let any_zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    let above_tilde = (word.wrapping_add(ONES) | word) & HIGH;
    let special = any_zero(word ^ (ONES * u64::from(b'\\')))
        | any_zero(word ^ (ONES * u64::from(b';')))
        | any_zero(word ^ (ONES * u64::from(b',')));
    below_space | above_tilde | special == 0
}

/// Escapes TEXT (RFC 5545 3.3.11), handing the escaped text to `emit` in pieces: `\`, `;` and
/// `,` are escaped; CR LF, a lone CR, a lone LF and the Unicode line and paragraph separators
/// each become `\n`; other control, bidi and zero-width characters are dropped, so no text can
/// start a new line or property. Runs of text that go as they are are handed on whole, and only
/// the characters between them are looked at one by one.
#[inline]
fn escape_with(text: &str, mut emit: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(word) = bytes.get(i..i + 8)
            && verbatim_word(u64::from_le_bytes(word.try_into().expect("eight bytes")))
        {
            i += 8;
            continue;
        }
        let b = bytes[i];
        if verbatim_byte(b) {
            i += 1;
            continue;
        }
        if start < i {
            emit(&text[start..i]);
        }
        if b.is_ascii() {
            match b {
                b'\\' => emit("\\\\"),
                b';' => emit("\\;"),
                b',' => emit("\\,"),
                // CR LF, a lone CR and a lone LF are each one line break.
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {}
                b'\n' | b'\r' => emit("\\n"),
                // Every other ASCII byte here is a control character.
                _ => {}
            }
            i += 1;
        } else {
            let c = text[i..].chars().next().expect("a character starts here");
            if is_line_break(c) {
                emit("\\n");
            } else if !is_unsafe(c) {
                emit(&text[i..i + c.len_utf8()]);
            }
            i += c.len_utf8();
        }
        start = i;
    }
    if start < bytes.len() {
        emit(&text[start..]);
    }
}

/// A day as `YYYYMMDD`.
pub(super) struct Ymd(pub(super) NaiveDate);

impl fmt::Display for Ymd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        match ymd(d) {
            Some(buf) => f.write_str(ascii(&buf)),
            None => write!(f, "{:04}{:02}{:02}", d.year(), d.month(), d.day()),
        }
    }
}

/// An instant with its offset as RFC 3339 (`2020-01-27T23:59:59-07:00`), as
/// [`DateTime::to_rfc3339`] writes it, in ASCII digits; `None` for fractions of a second,
/// offsets in seconds and years outside four digits, which chrono writes its own way.
pub(super) fn rfc3339(at: &DateTime<FixedOffset>) -> Option<[u8; 25]> {
    let local = at.naive_local();
    let offset = at.offset().local_minus_utc();
    let (Some(year), 0, 0) = (
        four_digit_year(local.date()),
        local.nanosecond(),
        offset % 60,
    ) else {
        return None;
    };
    let mut buf = *b"0000-00-00T00:00:00+00:00";
    digits(&mut buf[..4], year);
    digits(&mut buf[5..7], local.month());
    digits(&mut buf[8..10], local.day());
    digits(&mut buf[11..13], local.hour());
    digits(&mut buf[14..16], local.minute());
    digits(&mut buf[17..19], local.second());
    if offset < 0 {
        buf[19] = b'-';
    }
    let minutes = offset.unsigned_abs() / 60;
    digits(&mut buf[20..22], minutes / 60);
    digits(&mut buf[23..], minutes % 60);
    Some(buf)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The escaping rules one character at a time, as RFC 5545 3.3.11 states them, with the
    /// Unicode line and paragraph separators taken as line breaks.
    pub(in crate::render::ics) fn escape_by_char(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.push_str("\\\\"),
                ';' => out.push_str("\\;"),
                ',' => out.push_str("\\,"),
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push_str("\\n"),
                c if is_unsafe(c) => {}
                c => out.push(c),
            }
        }
        out
    }

    /// Folding one character at a time, as RFC 5545 3.1 states it.
    fn fold_by_char(line: &str) -> String {
        let mut out = String::new();
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > 75 {
                out.push_str("\r\n ");
                width = 1;
            }
            out.push(c);
            width += c.len_utf8();
        }
        out + "\r\n"
    }

    #[test]
    fn text_is_escaped_and_cannot_start_a_property() {
        let mut w = ContentLines::default();
        w.escaped("a;b,c\\d\r\nBEGIN:VEVENT\u{2028}e\u{1b}f\u{2029}");
        w.end();
        assert_eq!(
            String::from_utf8(w.out).unwrap(),
            "a\\;b\\,c\\\\d\\nBEGIN:VEVENT\\nef\\n\r\n"
        );
    }

    #[test]
    fn a_long_line_folds_at_75_octets_between_characters() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let mut w = ContentLines::default();
        w.line(&line);
        let folded = String::from_utf8(w.out).unwrap();
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    /// A leap second is written as chrono writes it, with second 60 (RFC 5545 allows it).
    #[test]
    fn a_leap_second_is_second_60() {
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .unwrap()
            .and_hms_nano_opt(23, 59, 59, 1_000_000_000)
            .unwrap();
        let mut w = ContentLines::default();
        w.local_line("DTSTAMP:", leap, "Z");
        assert_eq!(
            String::from_utf8(w.out).unwrap(),
            "DTSTAMP:20161231T235960Z\r\n"
        );
    }

    proptest! {
        #[test]
        fn escaping_by_runs_is_escaping_by_characters(
            text in "[a-z ,;\\\\\r\n\t\u{7f}\u{85}\u{200b}\u{2028}\u{2029}\u{202e}é漢😀]{0,40}"
        ) {
            let mut out = String::new();
            escape_with(&text, |piece| out.push_str(piece));
            prop_assert_eq!(out, escape_by_char(&text));
        }

        #[test]
        fn a_line_written_in_pieces_folds_as_one_line(
            pieces in proptest::collection::vec("[a-z é漢😀]{0,90}", 0..6)
        ) {
            let mut w = ContentLines::default();
            for p in &pieces {
                w.push(p);
            }
            w.end();
            prop_assert_eq!(String::from_utf8(w.out).unwrap(), fold_by_char(&pieces.concat()));
        }

        #[test]
        fn escaped_pieces_fold_as_the_escaped_line(
            pieces in proptest::collection::vec("[a-z ,;\\\\\r\n\u{2028}é漢😀]{0,50}", 0..6)
        ) {
            let mut w = ContentLines::default();
            for p in &pieces {
                w.escaped(p);
            }
            w.end();
            let escaped: String = pieces.iter().map(|p| escape_by_char(p)).collect();
            prop_assert_eq!(String::from_utf8(w.out).unwrap(), fold_by_char(&escaped));
        }

        #[test]
        fn optimisation_text_check_by_words_equals_each_byte(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            prop_assert_eq!(verbatim_bytes(&bytes), bytes.iter().all(|&b| verbatim_byte(b)));
        }

        #[test]
        fn optimisation_numbers_and_days_equal_std_and_chrono(
            n in any::<u64>(),
            day in -365_000i64..3_650_000,
        ) {
            let mut w = ContentLines::default();
            w.number(n);
            prop_assert_eq!(String::from_utf8(w.out).unwrap(), n.to_string());
            let day = NaiveDate::from_ymd_opt(1, 1, 1).unwrap()
                .checked_add_signed(chrono::TimeDelta::days(day))
                .unwrap_or(NaiveDate::MAX);
            let mut w = ContentLines::default();
            w.date(day);
            prop_assert_eq!(String::from_utf8(w.out).unwrap(), Ymd(day).to_string());
        }

        #[test]
        fn optimisation_dates_and_instants_equal_chrono(
            secs in -400_000_000_000i64..400_000_000_000,
            nanos in prop_oneof![Just(0u32), 0u32..1_000_000_000],
            offset in prop_oneof![(-1439i32..1440).prop_map(|m| m * 60), -86_399i32..86_400],
        ) {
            let utc = DateTime::from_timestamp(secs, nanos).unwrap();
            let at = utc.with_timezone(&FixedOffset::east_opt(offset).unwrap());
            if let Some(buf) = rfc3339(&at) {
                prop_assert_eq!(ascii(&buf), at.to_rfc3339());
            }
            let local = at.naive_local();
            let chrono = local.format("%Y%m%dT%H%M%S").to_string();
            let mut w = ContentLines::default();
            w.local_line("DTSTART:", local, "Z");
            prop_assert_eq!(String::from_utf8(w.out).unwrap(), format!("DTSTART:{chrono}Z\r\n"));
            if (0..=9999).contains(&local.year()) {
                prop_assert_eq!(Ymd(local.date()).to_string(), local.format("%Y%m%d").to_string());
            }
        }

        #[test]
        fn optimisation_eight_bytes_at_once_equal_each_byte(word in any::<[u8; 8]>()) {
            let each = word.iter().all(|&b| verbatim_byte(b));
            prop_assert_eq!(verbatim_word(u64::from_le_bytes(word)), each);
        }
    }

    /// Every byte value, alone among verbatim ones, at every place of a word.
    #[test]
    fn optimisation_word_check_equals_byte_check_with_one_byte_anywhere() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut word = *b"abcdefgh";
                word[at] = b;
                assert_eq!(
                    verbatim_word(u64::from_le_bytes(word)),
                    verbatim_byte(b),
                    "{b:#x} at {at}"
                );
            }
        }
    }
}
