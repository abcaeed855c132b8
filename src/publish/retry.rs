//! When to try a request again: a server that answers 429 (too many requests) or 503 (busy) is
//! asked again after the time its `Retry-After` header names (seconds, or an HTTP date), else
//! after a doubling back-off; never sooner than asked, never past a limit.

use std::time::{Duration, SystemTime};

/// How often and how long to retry.
///
/// ```
/// use std::time::Duration;
/// use docket::publish::Retry;
///
/// let retry = Retry::default();
/// assert_eq!(retry.attempts, 5);
/// assert_eq!(retry.first_wait, Duration::from_millis(500));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retry {
    /// How many times a request is sent at most (1: never retried).
    pub attempts: u32,
    /// The first wait when the server names none; each next one is twice as long.
    pub first_wait: Duration,
    /// The longest single wait. A server asking for longer is not waited for: the request
    /// fails as busy.
    pub longest_wait: Duration,
}

impl Default for Retry {
    fn default() -> Retry {
        Retry {
            attempts: 5,
            first_wait: Duration::from_millis(500),
            longest_wait: Duration::from_secs(60),
        }
    }
}

impl Retry {
    /// The wait before attempt `attempt + 1`, after attempt `attempt` (1-based) was answered
    /// busy with the given `Retry-After` header; `None` to give up.
    pub(crate) fn wait(
        &self,
        attempt: u32,
        retry_after: Option<&str>,
        now: SystemTime,
    ) -> Option<Duration> {
        if attempt >= self.attempts {
            return None;
        }
        let wait = match retry_after.and_then(|value| parse_retry_after(value, now)) {
            Some(asked) => asked,
            None => self
                .first_wait
                .saturating_mul(1 << (attempt - 1).min(16))
                .min(self.longest_wait),
        };
        (wait <= self.longest_wait).then_some(wait)
    }
}

/// A `Retry-After` value (RFC 9110 10.2.3): a number of seconds, or an HTTP date (a date in the
/// past means now). `None` if it is neither.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let at = SystemTime::UNIX_EPOCH
        .checked_add(Duration::from_secs(u64::try_from(at.timestamp()).ok()?))?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds_and_as_a_date() {
        // 2026-12-03T10:00:00Z
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_292_000);
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Thu, 03 Dec 2026 10:00:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Wed, 02 Dec 2026 10:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-5", now), None);
    }

    #[test]
    fn backs_off_doubling_and_honours_the_server() {
        let retry = Retry::default();
        let now = SystemTime::now();
        let waits: Vec<_> = (1..=5).map(|a| retry.wait(a, None, now)).collect();
        assert_eq!(
            waits,
            [
                Some(Duration::from_millis(500)),
                Some(Duration::from_secs(1)),
                Some(Duration::from_secs(2)),
                Some(Duration::from_secs(4)),
                None
            ]
        );
        assert_eq!(retry.wait(1, Some("7"), now), Some(Duration::from_secs(7)));
        assert_eq!(retry.wait(1, Some("0"), now), Some(Duration::ZERO));
        // A server asking for an hour is not waited for.
        assert_eq!(retry.wait(1, Some("3600"), now), None);
        let once = Retry {
            attempts: 1,
            ..retry
        };
        assert_eq!(once.wait(1, Some("0"), now), None);
    }
}
