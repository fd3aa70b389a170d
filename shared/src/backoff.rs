//! The one retry back-off of the workspace: the delay doubles from `first`
//! with each failure, up to `max`. Used by the server's job retries, the
//! desktop's connection monitor, the recording uploader and the evaluator's
//! serial link and forwarder.
//!
//! A pure function rather than `backoff` or `backon`: those crates drive a
//! retry loop themselves (a future or closure they call again), while our
//! callers schedule the next try their own way (a row's `run_after`, a
//! monitor's next check, a thread that keeps answering commands while it
//! waits), and none of them wants jitter. What they share is the arithmetic.

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The delay after the first failure.
    pub first: Duration,
    /// The delay never exceeds this.
    pub max: Duration,
}

impl Backoff {
    pub const fn new(first: Duration, max: Duration) -> Backoff {
        Backoff { first, max }
    }

    /// The delay after `failures` failures in a row: `first` after one,
    /// twice that after two, ..., at most `max`. No failure: no delay.
    pub fn delay(&self, failures: u32) -> Duration {
        if failures == 0 {
            return Duration::ZERO;
        }
        // 2^31 already exceeds any sensible cap; the shift cannot overflow.
        let factor = 1u32 << (failures - 1).min(31);
        self.first.saturating_mul(factor).min(self.max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_from_the_first_delay_up_to_the_cap() {
        let b = Backoff::new(Duration::from_secs(30), Duration::from_secs(600));
        let secs: Vec<u64> = (1..=7).map(|n| b.delay(n).as_secs()).collect();
        assert_eq!(secs, [30, 60, 120, 240, 480, 600, 600]);
        assert_eq!(b.delay(0), Duration::ZERO);
        assert_eq!(b.delay(u32::MAX), Duration::from_secs(600));
    }

    #[test]
    fn sub_second_delays_and_a_huge_cap_do_not_overflow() {
        let b = Backoff::new(Duration::from_millis(250), Duration::MAX);
        assert_eq!(b.delay(3), Duration::from_millis(1000));
        assert!(b.delay(200) >= Duration::from_secs(1 << 28));
    }
}
