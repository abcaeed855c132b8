//! How far a publish has come, told to whoever wants to show it (the command line writes it on
//! standard error for long runs). The library itself never prints.

/// One step of a publish.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The collection was listed: this many events are on the server (docket's and others').
    Listed {
        /// Events on the server.
        on_server: usize,
    },
    /// The plan is made; `writes` requests will change the server (none in a dry run).
    Planned {
        /// Creates, updates and deletes to send.
        writes: usize,
    },
    /// One more write is done.
    Written {
        /// Writes done so far.
        done: usize,
        /// Writes in all.
        total: usize,
    },
}

/// Receives the steps of a publish. Writes run on several threads, so it is `Sync`; a closure
/// taking a [`Step`] is one.
///
/// ```
/// use std::sync::atomic::{AtomicUsize, Ordering};
/// use docket::publish::{Progress, Step};
///
/// let written = AtomicUsize::new(0);
/// let progress = |step: Step| {
///     if let Step::Written { done, .. } = step {
///         written.store(done, Ordering::Relaxed);
///     }
/// };
/// progress.step(Step::Written { done: 3, total: 10 });
/// assert_eq!(written.load(Ordering::Relaxed), 3);
/// ```
pub trait Progress: Sync {
    /// Called at each step, from whichever thread made it.
    fn step(&self, step: Step);
}

impl<F: Fn(Step) + Sync> Progress for F {
    fn step(&self, step: Step) {
        self(step)
    }
}

/// Progress that goes nowhere.
///
/// ```
/// use docket::publish::{Progress, Silent, Step};
/// Silent.step(Step::Listed { on_server: 0 });
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Silent;

impl Progress for Silent {
    fn step(&self, _: Step) {}
}
