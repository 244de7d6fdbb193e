//! The server's clock, injected so that challenge lifetimes can be tested without waiting.
//!
//! Times are whole seconds since the Unix epoch (UTC). The widget protocol's statement times are
//! whole seconds too (widget-protocol.md §2: `YYYY-MM-DDTHH:MM:SSZ`).

use core::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Seconds since 1970-01-01T00:00:00Z.
pub type UnixTime = i64;

/// Where the server reads "now" from.
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> UnixTime;
}

/// The operating system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> UnixTime {
        match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
            // A clock set before 1970 is treated as 1970: every challenge then looks expired
            // later, never valid for longer.
            Err(_) => 0,
        }
    }
}

/// A clock that only moves when told to (tests, and integrators' own tests).
#[derive(Debug, Default)]
pub struct ManualClock(AtomicI64);

impl ManualClock {
    /// A clock showing `at`.
    pub fn at(at: UnixTime) -> Self {
        Self(AtomicI64::new(at))
    }

    /// Moves the clock forward (or back, with a negative value) by `seconds`.
    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }

    /// Sets the clock.
    pub fn set(&self, at: UnixTime) {
        self.0.store(at, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> UnixTime {
        self.0.load(Ordering::SeqCst)
    }
}

impl<C: Clock + ?Sized> Clock for std::sync::Arc<C> {
    fn now(&self) -> UnixTime {
        (**self).now()
    }
}

/// `at` as a [`pki::der::DateTime`] (what `pki` validates certificates at), or `None` outside the
/// range DER can express (before 1970 or after 9999).
pub fn to_date_time(at: UnixTime) -> Option<pki::der::DateTime> {
    let secs = u64::try_from(at).ok()?;
    pki::der::DateTime::from_unix_duration(Duration::from_secs(secs)).ok()
}

/// `at` as RFC 3339 UTC text, `YYYY-MM-DDTHH:MM:SSZ` (the form of the statement's `time` line
/// and of `expiresAt`, widget-protocol.md §2).
pub fn to_rfc3339(at: UnixTime) -> String {
    match to_date_time(at) {
        Some(t) => t.to_string(),
        None => String::from("invalid-time"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_seconds() {
        assert_eq!(to_rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(to_rfc3339(1_767_225_600), "2026-01-01T00:00:00Z");
        assert_eq!(to_rfc3339(-1), "invalid-time");
    }

    #[test]
    fn manual_clock_moves_only_when_told() {
        let clock = ManualClock::at(100);
        assert_eq!(clock.now(), 100);
        clock.advance(301);
        assert_eq!(clock.now(), 401);
        clock.set(7);
        assert_eq!(clock.now(), 7);
    }
}
