//! Rate limits, with `governor` (GCRA: a burst of the minute's allowance,
//! refilled evenly over the minute). They live in the application state
//! ([`RateLimits`] in `AppState::limits`), so each server, and each test's
//! app, counts on its own. The per-account lock-out lives in the database so
//! every instance sees it; these limits only slow one address (or one API
//! key) on this instance.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};

use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::Config;

/// Every rate limit of the server.
pub struct RateLimits {
    /// Sign-in attempts per client address.
    pub login: KeyedLimiter,
    /// Anonymous feedback progress checks per client address.
    pub feedback_checks: KeyedLimiter,
    /// Anonymous feedback web forms per client address.
    pub feedback_forms: KeyedLimiter,
    /// Public appointment API calls per API key, each key at its own rate.
    pub api_keys: QuotaLimiter,
}

impl RateLimits {
    pub fn new(config: &Config) -> RateLimits {
        RateLimits {
            login: KeyedLimiter::per_minute(config.login_attempts_per_minute),
            feedback_checks: KeyedLimiter::per_minute(config.feedback.public_checks_per_minute),
            feedback_forms: KeyedLimiter::per_minute(config.feedback.public_submissions_per_minute),
            api_keys: QuotaLimiter::default(),
        }
    }
}

/// One allowance per key (a client address); an allowance of 0 refuses all.
pub struct KeyedLimiter {
    limiter: Option<DefaultKeyedRateLimiter<String>>,
}

/// Keys kept before the ones whose allowance is full again are forgotten.
const KEPT_KEYS: usize = 10_000;

impl KeyedLimiter {
    pub fn per_minute(per_minute: u32) -> KeyedLimiter {
        KeyedLimiter { limiter: NonZeroU32::new(per_minute).map(|n| RateLimiter::keyed(Quota::per_minute(n))) }
    }

    /// Counts an attempt; false when the key is over its allowance.
    pub fn allow(&self, key: &str) -> bool {
        let Some(limiter) = &self.limiter else { return false };
        if limiter.len() > KEPT_KEYS {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        limiter.check_key(&key.to_string()).is_ok()
    }
}

/// Allowances per key, each key with its own rate (the rate is the key's
/// setting and may change; the count starts afresh when it does).
#[derive(Default)]
pub struct QuotaLimiter {
    limiters: Mutex<HashMap<String, (u32, Arc<DefaultDirectRateLimiter>)>>,
}

impl QuotaLimiter {
    /// Counts a request of `key` allowed `per_minute`; false when over.
    pub fn allow(&self, key: &str, per_minute: i32) -> bool {
        let Some(n) = u32::try_from(per_minute).ok().and_then(NonZeroU32::new) else { return false };
        let limiter = {
            let mut map = self.limiters.lock().unwrap_or_else(|e| e.into_inner());
            let entry = map
                .entry(key.to_string())
                .or_insert_with(|| (n.get(), Arc::new(RateLimiter::direct(Quota::per_minute(n)))));
            if entry.0 != n.get() {
                *entry = (n.get(), Arc::new(RateLimiter::direct(Quota::per_minute(n))));
            }
            entry.1.clone()
        };
        limiter.check().is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_address() {
        let l = KeyedLimiter::per_minute(3);
        assert!(l.allow("a") && l.allow("a") && l.allow("a"));
        assert!(!l.allow("a"));
        assert!(l.allow("b"));
        assert!(!KeyedLimiter::per_minute(0).allow("a"));
    }

    #[test]
    fn limits_each_key_at_its_own_rate() {
        let l = QuotaLimiter::default();
        assert!((0..5).all(|_| l.allow("k1", 5)));
        assert!(!l.allow("k1", 5));
        assert!(l.allow("k2", 1) && !l.allow("k2", 1));
        // A raised rate applies at once.
        assert!(l.allow("k1", 10));
        assert!(!l.allow("k3", 0));
    }
}
