//! Work over a long run of records on every core: the records are split into ranges, each range
//! is done by a thread of its own, and the results are used in the records' order, so the
//! outcome is the same on any number of cores.
//!
//! Checking and rendering a firm-wide docket is mostly reading records scattered over memory
//! (references point anywhere, and output is in date order, not file order), so it is bound by
//! memory latency and gains from a second core almost as much as from a faster loop.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

/// Below this many items, work is done on the calling thread: starting threads would cost more
/// than it saves (a small docket's `upcoming` takes a few milliseconds in all).
pub const SMALL: usize = 2048;

/// The number of threads to use: one per core.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `work(k)` for each `k` in `0..n`, each on a thread of its own (this thread does `work(0)`);
/// the results in order. `n` is meant to be at most [`cores`].
pub fn on_threads<T: Send>(n: usize, work: impl Fn(usize) -> T + Sync) -> Vec<T> {
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
pub fn per_core<T: Send>(count: usize, work: impl Fn(Range<usize>) -> T + Sync) -> Vec<T> {
    if count < SMALL {
        return vec![work(0..count)];
    }
    let share = count.div_ceil(cores());
    on_threads(count.div_ceil(share), |k| {
        work(k * share..((k + 1) * share).min(count))
    })
}

/// `work` over `items` in one contiguous run per core, each changed in place by a thread of
/// its own; `work` is given the index of its run's first item. Fewer than [`SMALL`] items are
/// one run, done on this thread.
pub fn per_core_mut<T: Send>(items: &mut [T], work: impl Fn(usize, &mut [T]) + Sync) {
    if items.len() < SMALL {
        return work(0, items);
    }
    let share = items.len().div_ceil(cores());
    let work = &work;
    std::thread::scope(|scope| {
        let mut runs = items.chunks_mut(share).enumerate();
        let first = runs.next();
        for (k, run) in runs {
            scope.spawn(move || work(k * share, run));
        }
        if let Some((_, run)) = first {
            work(0, run);
        }
    });
}

/// Renders `0..count` in ranges of `chunk` with `render`, one thread per core taking the next
/// range as soon as it is done with one, and hands each result to `write` in order on this
/// thread. Writing (often kernel time) goes on while the next ranges render, and at most
/// two ranges per core wait to be written, whatever the length of the output.
///
/// # Errors
/// The first error of `write`; nothing is written after it.
pub fn in_order<T: Send, E>(
    count: usize,
    chunk: usize,
    render: impl Fn(Range<usize>) -> T + Sync,
    mut write: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let chunk = chunk.max(1);
    let chunks = count.div_ceil(chunk);
    let range = |k: usize| k * chunk..((k + 1) * chunk).min(count);
    if chunks <= 1 {
        return (0..chunks).try_for_each(|k| write(render(range(k))));
    }
    let workers = cores().min(chunks);
    let ahead = AHEAD * workers;
    let next = AtomicUsize::new(0);
    let shared = Mutex::new(Pipeline {
        done: BTreeMap::new(),
        written: 0,
        stop: false,
    });
    let changed = Condvar::new();
    let lock = || shared.lock().unwrap_or_else(PoisonError::into_inner);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                // A worker that panics stops the pipeline, so that this thread does not wait
                // for its range; the scope then passes the panic on.
                let _stop = StopOnPanic(&shared, &changed);
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    if k >= chunks {
                        return;
                    }
                    let mut state = lock();
                    while !state.stop && k >= state.written + ahead {
                        state = changed.wait(state).unwrap_or_else(PoisonError::into_inner);
                    }
                    if state.stop {
                        return;
                    }
                    drop(state);
                    let part = render(range(k));
                    lock().done.insert(k, part);
                    changed.notify_all();
                }
            });
        }
        let mut result = Ok(());
        for k in 0..chunks {
            let mut state = lock();
            let part = loop {
                if let Some(part) = state.done.remove(&k) {
                    break Some(part);
                }
                if state.stop {
                    break None;
                }
                state = changed.wait(state).unwrap_or_else(PoisonError::into_inner);
            };
            drop(state);
            let Some(part) = part else { break };
            result = write(part);
            let mut state = lock();
            state.written = k + 1;
            state.stop |= result.is_err();
            drop(state);
            changed.notify_all();
            if result.is_err() {
                break;
            }
        }
        result
    })
}

/// How many rendered ranges per core [`in_order`] lets wait for writing.
const AHEAD: usize = 2;

/// What the threads of [`in_order`] share.
struct Pipeline<T> {
    /// Rendered ranges not yet written, by number.
    done: BTreeMap<usize, T>,
    /// How many ranges have been written.
    written: usize,
    /// Set when writing failed or a worker panicked: everyone stops.
    stop: bool,
}

/// Stops the pipeline when dropped during a panic.
struct StopOnPanic<'p, T>(&'p Mutex<Pipeline<T>>, &'p Condvar);

impl<T> Drop for StopOnPanic<'_, T> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.lock().unwrap_or_else(PoisonError::into_inner).stop = true;
            self.1.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_thread_does_its_own_number_and_results_come_in_order() {
        assert_eq!(on_threads(3, |k| k * 10), [0, 10, 20]);
        assert!(on_threads(0, |k| k).is_empty());
        let sums = per_core(3 * SMALL, |r| r.sum::<usize>());
        assert_eq!(sums.iter().sum::<usize>(), (0..3 * SMALL).sum::<usize>());
        for n in [0, 5, 3 * SMALL + 1] {
            let mut items = vec![0; n];
            per_core_mut(&mut items, |start, run| {
                (start..).zip(run).for_each(|(k, item)| *item = k);
            });
            assert!(items.iter().enumerate().all(|(k, &item)| item == k));
        }
    }

    #[test]
    fn ranges_are_written_in_order() {
        let mut out = String::new();
        in_order(
            5,
            2,
            |r| format!("{r:?}"),
            |s| {
                out.push_str(&s);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(out, "0..22..44..5");
    }

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

    /// A range whose rendering panics stops the pipeline and passes the panic on, instead of
    /// leaving the writer waiting for it.
    #[test]
    fn a_panic_while_rendering_is_passed_on() {
        let outcome = std::panic::catch_unwind(|| {
            in_order(
                100,
                1,
                |r| assert!(r.start != 37, "cannot render {r:?}"),
                |()| Ok::<(), ()>(()),
            )
        });
        assert!(outcome.is_err());
    }
}
