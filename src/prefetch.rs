//! Asking the processor for memory before it is read.
//!
//! A large export or agenda reads its records in date order, which is scattered over memory:
//! each record costs several trips to main memory, one after the other. Asking for the records
//! a few places ahead while the current one is written lets those trips overlap. A request is
//! only a hint: it never faults, reads nothing the program can see, and changes no result.

/// The size of a cache line on the processors docket runs on.
const LINE: usize = 64;

/// At most this many lines are requested for one value: the head of a long text is what is
/// read first, and the rest follows by the processor's own prefetching.
const MOST: usize = 8;

/// Asks for the memory of `value` (at most its first eight cache lines).
#[inline]
pub fn fetch<T: ?Sized>(value: &T) {
    let start = std::ptr::from_ref(value).cast::<u8>();
    // From the line that holds the first byte to the one that holds the last.
    let skew = start.addr() % LINE;
    let len = (skew + std::mem::size_of_val(value)).min(MOST * LINE);
    let first = start.wrapping_sub(skew);
    for line in (0..len).step_by(LINE) {
        line_at(first.wrapping_add(line));
    }
}

#[cfg(target_arch = "x86_64")]
#[inline]
fn line_at(at: *const u8) {
    use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
    // SAFETY: a prefetch is a hint that never faults and reads nothing architecturally, so any
    // address is sound (`at` is in a line that holds part of a live value anyway). SSE is part of
    // the x86_64 baseline, so the instruction exists on every such processor.
    unsafe { _mm_prefetch::<_MM_HINT_T0>(at.cast()) }
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn line_at(_: *const u8) {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values of any size and alignment, the first and last bytes of an allocation among them:
    /// asking is harmless.
    #[test]
    fn asking_for_any_value_is_harmless() {
        let titles = vec!["Answer due".to_string(); 3];
        fetch(&titles[..]);
        fetch(titles[2].as_str());
        let big = vec![0u8; 100 * LINE];
        fetch(&big[..]);
        fetch(&big[big.len() - 1]);
        fetch(&());
    }
}
