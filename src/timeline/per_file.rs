//! The events or the deadlines of a docket, kept in the vectors each file's loader made, and
//! numbered across the docket as if they were one.
//!
//! Copying a million records into one vector after loading took a tenth of the loading time and
//! doubled their memory while it ran; keeping each file's vector costs a binary search over the
//! files on each access by number.

use std::ops::Index;

/// Records numbered across files: record `i` is in the first file whose records end after `i`.
///
/// ```
/// use docket::timeline::PerFile;
/// let mut all = PerFile::default();
/// all.push_file(vec!["a", "b"]);
/// all.push_file(vec![]);
/// all.push_file(vec!["c"]);
/// assert_eq!(all.len(), 3);
/// assert_eq!(all[2], "c");
/// assert_eq!(all.iter().copied().collect::<Vec<_>>(), ["a", "b", "c"]);
/// assert_eq!(all.get(3), None);
/// ```
#[derive(Clone, Debug)]
pub struct PerFile<T> {
    /// Each file's records (files without any are left out).
    files: Vec<Vec<T>>,
    /// Where each file's records end in the numbering.
    ends: Vec<usize>,
}

impl<T> Default for PerFile<T> {
    fn default() -> Self {
        PerFile {
            files: Vec::new(),
            ends: Vec::new(),
        }
    }
}

impl<T> PerFile<T> {
    /// Appends a file's records after all others.
    pub fn push_file(&mut self, records: Vec<T>) {
        if !records.is_empty() {
            self.ends.push(self.len() + records.len());
            self.files.push(records);
        }
    }

    /// The number of records.
    pub fn len(&self) -> usize {
        self.ends.last().copied().unwrap_or(0)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Record `i`.
    pub fn get(&self, i: usize) -> Option<&T> {
        let file = self.ends.partition_point(|&end| end <= i);
        let start = file.checked_sub(1).map_or(0, |f| self.ends[f]);
        self.files.get(file)?.get(i - start)
    }

    /// Every record in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + Clone {
        self.files.iter().flatten()
    }

    /// Records `from..to` in order.
    pub fn range(&self, from: usize, to: usize) -> impl Iterator<Item = &T> {
        let first = self.ends.partition_point(|&end| end <= from);
        let start = first.checked_sub(1).map_or(0, |f| self.ends[f]);
        self.files[first.min(self.files.len())..]
            .iter()
            .flatten()
            .skip(from - start)
            .take(to.saturating_sub(from))
    }
}

impl<T> Index<usize> for PerFile<T> {
    type Output = T;

    fn index(&self, i: usize) -> &T {
        match self.get(i) {
            Some(record) => record,
            None => panic!("record {i} of {}", self.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_runs_across_files_in_order() {
        let sizes = [3, 0, 1, 5, 0, 0, 2];
        let mut all = PerFile::default();
        let mut flat = Vec::new();
        let mut n = 0;
        for size in sizes {
            let file: Vec<usize> = (n..n + size).collect();
            flat.extend(&file);
            n += size;
            all.push_file(file);
        }
        assert_eq!(all.len(), flat.len());
        for (i, x) in flat.iter().enumerate() {
            assert_eq!(all[i], *x);
            assert_eq!(all.get(i), Some(x));
        }
        assert_eq!(all.get(flat.len()), None);
        assert!(all.iter().eq(flat.iter()));
        for from in 0..=flat.len() {
            for to in from..=flat.len() + 1 {
                let want: Vec<_> = flat[from..to.min(flat.len())].to_vec();
                assert_eq!(all.range(from, to).copied().collect::<Vec<_>>(), want);
            }
        }
        assert!(PerFile::<u8>::default().is_empty());
    }
}
