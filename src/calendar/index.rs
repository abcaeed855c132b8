//! The court-day index: for every day in the supported range, how many open days come before it.
//! With it, counting N court days, rolling to the next open day and testing a day are all O(1).

use chrono::{Datelike, NaiveDate, Weekday};

/// First day docket computes with: the Uniform Monday Holiday Act took effect in 1971.
pub const MIN_DATE: NaiveDate = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap();
/// Last day docket computes with.
pub const MAX_DATE: NaiveDate = NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).unwrap();
/// The year of [`MIN_DATE`].
const FIRST_YEAR: i32 = 1971;
/// The year of [`MAX_DATE`].
const LAST_YEAR: i32 = 2200;

/// Position of `date` in the supported range, or `None` outside it.
const MIN_EPOCH: i32 = MIN_DATE.to_epoch_days();
/// Position of [`MAX_DATE`].
pub(crate) const MAX_POS: usize = (MAX_DATE.to_epoch_days() - MIN_EPOCH) as usize;

#[inline]
pub(crate) fn position(date: NaiveDate) -> Option<usize> {
    if date < MIN_DATE || date > MAX_DATE {
        return None;
    }
    Some((date.to_epoch_days() - MIN_EPOCH) as usize)
}

/// Years in the supported range.
const YEARS: usize = (LAST_YEAR - FIRST_YEAR + 1) as usize;

/// `YEAR_START[k]`: the position of January 1 of year `FIRST_YEAR + k`, one past the end
/// for the year after the range (Gregorian leap years).
const YEAR_START: [u32; YEARS + 1] = {
    let mut starts = [0u32; YEARS + 1];
    let mut k = 0;
    while k < YEARS {
        let y = FIRST_YEAR + k as i32;
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        starts[k + 1] = starts[k] + if leap { 366 } else { 365 };
        k += 1;
    }
    starts
};

/// The date at each position, worked out when docket is compiled: a load is cheaper than
/// chrono's conversion from a day number, and a table built at start-up would cost every small
/// command its 84,000 steps; this one is read from the binary as its pages are touched.
static DATES: [NaiveDate; MAX_POS + 1] = {
    let mut dates = [MIN_DATE; MAX_POS + 1];
    let (mut k, mut pos) = (0, 0);
    while k < YEARS {
        let mut ordinal = 1;
        while ordinal <= YEAR_START[k + 1] - YEAR_START[k] {
            dates[pos] = match NaiveDate::from_yo_opt(FIRST_YEAR + k as i32, ordinal) {
                Some(date) => date,
                None => panic!("a day of the year"),
            };
            pos += 1;
            ordinal += 1;
        }
        k += 1;
    }
    dates
};

/// The date at `pos` (which must lie in the range).
#[inline]
pub(crate) fn date_at(pos: usize) -> NaiveDate {
    DATES[pos]
}

/// Whether the day at `pos` is a Saturday or Sunday: [`MIN_DATE`] is a Friday.
#[inline]
pub(crate) fn is_weekend_at(pos: usize) -> bool {
    (pos + 4) % 7 >= 5
}

/// Number of days in the supported range.
pub(crate) fn span() -> usize {
    MAX_POS + 1
}

/// The open days of a calendar without holidays, as a bitmap for [`DayIndex::new`]: every
/// weekday of the range (bit `i % 64` of word `i / 64` for position `i`), and a spare word.
pub(crate) fn weekdays() -> Vec<u64> {
    // The week repeats: a word's bits depend only on the day of the week of its first day.
    let by_phase: [u64; 7] = std::array::from_fn(|first| {
        (0..64)
            .filter(|i| !is_weekend_at(first + i))
            .fold(0, |word, i| word | 1 << i)
    });
    let mut bits: Vec<u64> = (0..span() / 64 + 1).map(|w| by_phase[w * 64 % 7]).collect();
    // Past the range, closed.
    let tail = span() % 64;
    bits[span() / 64] &= (1 << tail) - 1;
    bits
}

/// Marks position `pos` closed in a bitmap for [`DayIndex::new`].
pub(crate) fn close(bits: &mut [u64], pos: usize) {
    bits[pos / 64] &= !(1 << (pos % 64));
}

/// Whether `date` is a Saturday or Sunday.
pub(crate) fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Rank and select over the open days of one calendar, for one sense of "open": a bitmap with a
/// running count per 64-day word and a sampled select table, about 20 KB for the whole range, so
/// the look-ups of a bulk computation stay in the processor's cache.
#[derive(Debug)]
pub(crate) struct DayIndex {
    /// Bit `i` set when position `i` is open; one spare word past the end.
    bits: Vec<u64>,
    /// `block_rank[w]`: open days in words `0..w` (length `bits.len() + 1`).
    block_rank: Vec<u32>,
    /// `samples[k]`: position of open day number `k * 64`.
    samples: Vec<u32>,
    /// Number of open days.
    total: u64,
}

impl DayIndex {
    /// Builds the index from a bitmap of open days ([`weekdays`] with days [`close`]d), whose
    /// bits past the range are clear and which has a spare word past the end.
    pub(crate) fn new(bits: Vec<u64>) -> Self {
        let words = bits.len();
        let mut block_rank = Vec::with_capacity(words + 1);
        let mut samples = Vec::new();
        let mut total = 0u64;
        block_rank.push(0);
        for (w, &word) in bits.iter().enumerate() {
            let ones = u64::from(word.count_ones());
            // Open day number k, for each k that is a multiple of 64 within this word.
            let mut k = total.next_multiple_of(64);
            while k < total + ones {
                samples.push((w * 64 + nth_set_bit(word, k - total)) as u32);
                k += 64;
            }
            total += ones;
            block_rank.push(u32::try_from(total).expect("fewer open days than u32::MAX"));
        }
        DayIndex {
            bits,
            block_rank,
            samples,
            total,
        }
    }

    /// Open days at positions `0..pos`.
    #[inline]
    fn rank(&self, pos: usize) -> u64 {
        let (w, b) = (pos / 64, pos % 64);
        let below = self.bits[w] & ((1u64 << b) - 1);
        u64::from(self.block_rank[w]) + u64::from(below.count_ones())
    }

    /// Position of open day number `k` (from 0).
    #[inline]
    fn select(&self, k: u64) -> Option<usize> {
        if k >= self.total {
            return None;
        }
        let mut w = self.samples[(k / 64) as usize] as usize / 64;
        while u64::from(self.block_rank[w + 1]) <= k {
            w += 1;
        }
        let mut left = (k - u64::from(self.block_rank[w])) as u32;
        let mut word = self.bits[w];
        let mut base = 0;
        loop {
            let byte = (word & 0xff) as u32;
            let ones = byte.count_ones();
            if left < ones {
                let mut byte = byte;
                for _ in 0..left {
                    byte &= byte - 1;
                }
                return Some(w * 64 + base + byte.trailing_zeros() as usize);
            }
            left -= ones;
            word >>= 8;
            base += 8;
        }
    }

    /// Whether the day at `pos` is open.
    #[inline]
    pub(crate) fn is_open(&self, pos: usize) -> bool {
        self.bits[pos / 64] >> (pos % 64) & 1 == 1
    }

    /// The first open position at or after `pos`.
    #[inline]
    pub(crate) fn next_open(&self, pos: usize) -> Option<usize> {
        let (mut w, b) = (pos / 64, pos % 64);
        let mut word = self.bits[w] & !((1u64 << b) - 1);
        loop {
            if word != 0 {
                return Some(w * 64 + word.trailing_zeros() as usize);
            }
            w += 1;
            word = *self.bits.get(w)?;
        }
    }

    /// The last open position at or before `pos`.
    #[inline]
    pub(crate) fn prev_open(&self, pos: usize) -> Option<usize> {
        let (mut w, b) = (pos / 64, pos % 64);
        let mut word = self.bits[w] & (u64::MAX >> (63 - b));
        loop {
            if word != 0 {
                return Some(w * 64 + 63 - word.leading_zeros() as usize);
            }
            w = w.checked_sub(1)?;
            word = self.bits[w];
        }
    }

    /// The `n`th open position after `pos` (n >= 1), not counting `pos` itself.
    #[inline]
    pub(crate) fn nth_after(&self, pos: usize, n: u64) -> Option<usize> {
        self.select(self.rank(pos + 1).checked_add(n)?.checked_sub(1)?)
    }

    /// The `n`th open position before `pos` (n >= 1), not counting `pos` itself.
    #[inline]
    pub(crate) fn nth_before(&self, pos: usize, n: u64) -> Option<usize> {
        self.select(self.rank(pos).checked_sub(n)?)
    }
}

/// The position of set bit number `n` (from 0) of `word`, which has more than `n` set bits.
fn nth_set_bit(mut word: u64, n: u64) -> usize {
    for _ in 0..n {
        word &= word - 1;
    }
    word.trailing_zeros() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index of a closed-day mask.
    fn index_of(closed: &[bool]) -> DayIndex {
        let mut bits = vec![0u64; closed.len() / 64 + 1];
        for (pos, _) in closed.iter().enumerate().filter(|(_, shut)| !**shut) {
            bits[pos / 64] |= 1 << (pos % 64);
        }
        DayIndex::new(bits)
    }

    #[test]
    fn weekdays_are_the_open_days_of_a_calendar_without_holidays() {
        let closed: Vec<bool> = (0..span()).map(is_weekend_at).collect();
        let mut shut = closed.clone();
        shut[100] = true;
        let mut bits = weekdays();
        close(&mut bits, 100);
        assert_eq!(bits, index_of(&shut).bits);
        assert_eq!(weekdays(), index_of(&closed).bits);
    }

    #[test]
    fn optimisation_weekends_by_position_equal_chronos_weekdays() {
        assert_eq!(MIN_DATE.weekday(), Weekday::Fri);
        assert_eq!(YEAR_START[YEARS] as usize, span());
        for pos in 0..span() {
            assert_eq!(
                is_weekend_at(pos),
                is_weekend(date_at(pos)),
                "{}",
                date_at(pos)
            );
            assert_eq!(position(date_at(pos)), Some(pos));
        }
    }

    #[test]
    fn optimisation_rank_and_select_equal_a_scan() {
        // open, shut, shut, open, open, shut, open
        let closed = [false, true, true, false, false, true, false];
        let ix = index_of(&closed);
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

    #[test]
    fn optimisation_index_equals_a_scan_across_many_words() {
        // A pattern with long closed runs, crossing word boundaries.
        let closed: Vec<bool> = (0..1000)
            .map(|i| i % 7 >= 5 || (300..420).contains(&i))
            .collect();
        let ix = index_of(&closed);
        let open: Vec<usize> = (0..closed.len()).filter(|&i| !closed[i]).collect();
        for (pos, &shut) in closed.iter().enumerate() {
            assert_eq!(ix.is_open(pos), !shut);
            assert_eq!(ix.next_open(pos), open.iter().copied().find(|&p| p >= pos));
            assert_eq!(
                ix.prev_open(pos),
                open.iter().copied().rev().find(|&p| p <= pos)
            );
            for n in [1u64, 2, 5, 64, 65, 200] {
                let after = open
                    .iter()
                    .copied()
                    .filter(|&p| p > pos)
                    .nth(n as usize - 1);
                let before = open
                    .iter()
                    .copied()
                    .rev()
                    .filter(|&p| p < pos)
                    .nth(n as usize - 1);
                assert_eq!(ix.nth_after(pos, n), after, "{n} after {pos}");
                assert_eq!(ix.nth_before(pos, n), before, "{n} before {pos}");
            }
        }
    }
}
