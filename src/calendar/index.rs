//! The court-day index: for every day in the supported range, how many open days come before it.
//! With it, counting N court days, rolling to the next open day and testing a day are all O(1).

use chrono::{Datelike, NaiveDate, Weekday};

/// First day docket computes with: the Uniform Monday Holiday Act took effect in 1971.
pub const MIN_DATE: NaiveDate = NaiveDate::from_ymd_opt(1971, 1, 1).unwrap();
/// Last day docket computes with.
pub const MAX_DATE: NaiveDate = NaiveDate::from_ymd_opt(2200, 12, 31).unwrap();

/// Position of `date` in the supported range, or `None` outside it.
pub(crate) fn position(date: NaiveDate) -> Option<usize> {
    if date < MIN_DATE || date > MAX_DATE {
        return None;
    }
    Some((date - MIN_DATE).num_days() as usize)
}

/// The date at `pos` (which must lie in the range).
pub(crate) fn date_at(pos: usize) -> NaiveDate {
    MIN_DATE + chrono::Days::new(pos as u64)
}

/// Number of days in the supported range.
pub(crate) fn span() -> usize {
    (MAX_DATE - MIN_DATE).num_days() as usize + 1
}

/// Whether `date` is a Saturday or Sunday.
pub(crate) fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Rank and select over the open days of one calendar, for one sense of "open".
#[derive(Debug)]
pub(crate) struct DayIndex {
    /// `rank[i]`: the number of open days at positions `0..i` (length `span + 1`).
    rank: Vec<u32>,
    /// Positions of the open days, ascending.
    open: Vec<u32>,
}

impl DayIndex {
    /// Builds the index from a closed-day mask over the range.
    pub(crate) fn new(closed: &[bool]) -> Self {
        let mut rank = Vec::with_capacity(closed.len() + 1);
        let mut open = Vec::with_capacity(closed.len());
        rank.push(0);
        for (pos, &shut) in closed.iter().enumerate() {
            if !shut {
                open.push(pos as u32);
            }
            rank.push(open.len() as u32);
        }
        DayIndex { rank, open }
    }

    /// Whether the day at `pos` is open.
    #[inline]
    pub(crate) fn is_open(&self, pos: usize) -> bool {
        self.rank[pos + 1] != self.rank[pos]
    }

    /// The first open position at or after `pos`.
    #[inline]
    pub(crate) fn next_open(&self, pos: usize) -> Option<usize> {
        self.open.get(self.rank[pos] as usize).map(|&p| p as usize)
    }

    /// The last open position at or before `pos`.
    #[inline]
    pub(crate) fn prev_open(&self, pos: usize) -> Option<usize> {
        let r = self.rank[pos + 1] as usize;
        r.checked_sub(1).map(|i| self.open[i] as usize)
    }

    /// The `n`th open position after `pos` (n >= 1), not counting `pos` itself.
    #[inline]
    pub(crate) fn nth_after(&self, pos: usize, n: u64) -> Option<usize> {
        let base = self.rank[pos + 1] as u64;
        let i = base.checked_add(n)?.checked_sub(1)?;
        self.open.get(usize::try_from(i).ok()?).map(|&p| p as usize)
    }

    /// The `n`th open position before `pos` (n >= 1), not counting `pos` itself.
    #[inline]
    pub(crate) fn nth_before(&self, pos: usize, n: u64) -> Option<usize> {
        let base = self.rank[pos] as u64;
        let i = base.checked_sub(n)?;
        self.open.get(i as usize).map(|&p| p as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_and_select_agree_with_a_scan() {
        // open, shut, shut, open, open, shut, open
        let closed = [false, true, true, false, false, true, false];
        let ix = DayIndex::new(&closed);
        assert_eq!(ix.next_open(1), Some(3));
        assert_eq!(ix.prev_open(2), Some(0));
        assert_eq!(ix.nth_after(0, 1), Some(3));
        assert_eq!(ix.nth_after(0, 3), Some(6));
        assert_eq!(ix.nth_after(0, 4), None);
        assert_eq!(ix.nth_before(6, 2), Some(3));
        assert_eq!(ix.nth_before(3, 1), Some(0));
        assert_eq!(ix.nth_before(3, 2), None);
        assert!(ix.is_open(4) && !ix.is_open(5));
    }
}
