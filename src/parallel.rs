//! Work over a long run of records on every core: the records are split into ranges, each range
//! is done by a thread of its own, and the results are used in the records' order, so the
//! outcome is the same on any number of cores.
//!
//! Checking and rendering a firm-wide docket is mostly reading records scattered over memory
//! (references point anywhere, and output is in date order, not file order), so it is bound by
//! memory latency and gains from a second core almost as much as from a faster loop.

use std::ops::Range;

/// Below this many items, work is done on the calling thread: starting threads would cost more
/// than it saves (a small docket's `upcoming` takes a few milliseconds in all).
pub const SMALL: usize = 2048;

/// The number of threads to use: one per core.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `work(k)` for each `k` in `0..n`, each on a thread of its own (this thread does `work(0)`);
/// the results in order. `n` is meant to be at most [`cores`].
///
/// ```
/// assert_eq!(docket::parallel::each(3, |k| k * 10), [0, 10, 20]);
/// ```
pub fn each<T: Send>(n: usize, work: impl Fn(usize) -> T + Sync) -> Vec<T> {
    if n <= 1 {
        return (0..n).map(work).collect();
    }
    let work = &work;
    std::thread::scope(|scope| {
        let others: Vec<_> = (1..n).map(|k| scope.spawn(move || work(k))).collect();
        let mut all = vec![work(0)];
        all.extend(
            others
                .into_iter()
                .map(|h| h.join().expect("a worker thread does not panic")),
        );
        all
    })
}

/// `work` over `0..count` in one contiguous range per core, run at the same time; the results
/// in order. Fewer than [`SMALL`] items are one range, done on this thread.
///
/// ```
/// let sums = docket::parallel::per_core(10, |r| r.sum::<usize>());
/// assert_eq!(sums.iter().sum::<usize>(), 45);
/// ```
pub fn per_core<T: Send>(count: usize, work: impl Fn(Range<usize>) -> T + Sync) -> Vec<T> {
    if count < SMALL {
        return vec![work(0..count)];
    }
    let share = count.div_ceil(cores());
    each(count.div_ceil(share), |k| {
        work(k * share..((k + 1) * share).min(count))
    })
}

/// Renders `0..count` in ranges of `chunk` with `render`, as many ranges at a time as there
/// are cores, and hands each result to `write` in order. This thread writes one round while the
/// next one renders, so writing (often kernel time) does not idle a core, and only two rounds
/// exist at once, whatever the length of the output.
///
/// # Errors
/// The first error of `write`; nothing is written after it.
///
/// ```
/// let mut out = String::new();
/// docket::parallel::in_order(5, 2, |r| format!("{r:?}"), |s| {
///     out.push_str(&s);
///     Ok::<(), ()>(())
/// })
/// .unwrap();
/// assert_eq!(out, "0..22..44..5");
/// ```
pub fn in_order<T: Send, E>(
    count: usize,
    chunk: usize,
    render: impl Fn(Range<usize>) -> T + Sync,
    mut write: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let chunk = chunk.max(1);
    let ranges: Vec<Range<usize>> = (0..count)
        .step_by(chunk)
        .map(|from| from..(from + chunk).min(count))
        .collect();
    if ranges.len() <= 1 {
        return ranges
            .into_iter()
            .try_for_each(|range| write(render(range)));
    }
    let render = &render;
    let mut rendered: Vec<T> = Vec::new();
    for round in ranges.chunks(cores()).map(Some).chain([None]) {
        let written = std::thread::scope(|scope| {
            let handles: Vec<_> = round
                .unwrap_or_default()
                .iter()
                .map(|range| {
                    let range = range.clone();
                    scope.spawn(move || render(range))
                })
                .collect();
            let written = rendered.drain(..).try_for_each(&mut write);
            rendered = handles
                .into_iter()
                .map(|h| h.join().expect("a worker thread does not panic"))
                .collect();
            written
        });
        written?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_index_is_rendered_once_and_in_order() {
        for count in [0, 1, 7, 64, 1000, SMALL, 3 * SMALL + 5] {
            for chunk in [1, 3, 64, 5000] {
                let mut seen = Vec::new();
                in_order(
                    count,
                    chunk,
                    |r| r.collect::<Vec<_>>(),
                    |part| {
                        seen.extend(part);
                        Ok::<(), ()>(())
                    },
                )
                .unwrap();
                assert_eq!(seen, (0..count).collect::<Vec<_>>(), "{count} by {chunk}");
                let shares = per_core(count, |r| r.collect::<Vec<_>>());
                assert_eq!(shares.concat(), (0..count).collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn writing_stops_at_the_first_error() {
        let mut written = 0;
        let result = in_order(
            100,
            10,
            |r| r.start,
            |start| {
                if start == 30 {
                    return Err(start);
                }
                written += 1;
                Ok(())
            },
        );
        assert_eq!(result, Err(30));
        assert_eq!(written, 3);
    }
}
