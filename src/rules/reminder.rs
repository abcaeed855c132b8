//! Reminders before a due date: how long before it each goes off, as a calendar program counts
//! time (a fixed length, not a count on a court calendar), and the reminders a deadline has when
//! its file names none.

use super::period::{Period, Unit};
use crate::calendar::Counting;

/// How long before the due date a reminder goes off: a length a calendar program can count
/// back from any moment (RFC 5545 durations: hours, days, weeks).
///
/// ```
/// use docket::rules::{Period, ReminderOffset};
/// let week: Period = "1 week".parse().unwrap();
/// assert_eq!(week.reminder_offset(), ReminderOffset::Weeks(1));
/// let court: Period = "3 court days".parse().unwrap();
/// assert_eq!(court.reminder_offset(), ReminderOffset::Days(3));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReminderOffset {
    /// Elapsed hours.
    Hours(u64),
    /// Days.
    Days(u64),
    /// Weeks.
    Weeks(u64),
}

impl Period {
    /// How long before the due date a reminder of this period goes off. A calendar program
    /// counts a fixed length back from the due day, so court days are taken as calendar days, a
    /// month as 30 days and a year as 365. The reminder can then come later than counting on
    /// the court's calendar would put it (3 court days over a weekend are 5 calendar days),
    /// but always before the due day.
    ///
    /// ```
    /// use docket::rules::{Period, ReminderOffset};
    /// let hours: Period = "2 hours".parse().unwrap();
    /// assert_eq!(hours.reminder_offset(), ReminderOffset::Hours(2));
    /// let month: Period = "1 month".parse().unwrap();
    /// assert_eq!(month.reminder_offset(), ReminderOffset::Days(30));
    /// let year: Period = "2 years".parse().unwrap();
    /// assert_eq!(year.reminder_offset(), ReminderOffset::Days(730));
    /// ```
    pub fn reminder_offset(&self) -> ReminderOffset {
        let n = u64::from(self.count);
        match self.unit {
            Unit::Hours => ReminderOffset::Hours(n),
            Unit::Weeks => ReminderOffset::Weeks(n),
            Unit::Days | Unit::CalendarDays | Unit::CourtDays => ReminderOffset::Days(n),
            Unit::Months => ReminderOffset::Days(n * 30),
            Unit::Years => ReminderOffset::Days(n * 365),
        }
    }
}

/// The reminders of a deadline whose file names none: a week and a day before it is due.
///
/// ```
/// use docket::rules::DEFAULT_REMINDERS;
/// let shown: Vec<String> = DEFAULT_REMINDERS.iter().map(|p| p.to_string()).collect();
/// assert_eq!(shown, ["7 days", "1 day"]);
/// ```
pub const DEFAULT_REMINDERS: [Period; 2] = [days(7), days(1)];

/// `n days`, as the text form reads it.
const fn days(count: u32) -> Period {
    Period {
        count,
        unit: Unit::Days,
        direction: Counting::Forward,
        service: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The defaults are the periods their text form reads as.
    #[test]
    fn the_default_reminders_are_what_their_words_say() {
        let read: Vec<Period> = ["7 days", "1 day"]
            .iter()
            .map(|t| t.parse().unwrap())
            .collect();
        assert_eq!(DEFAULT_REMINDERS.to_vec(), read);
    }
}
