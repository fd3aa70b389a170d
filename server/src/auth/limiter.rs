//! Login attempts per client address, counted in a sliding minute. The
//! per-account lock-out lives in the database so every instance sees it; this
//! limiter only slows one address guessing across many accounts.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct LoginLimiter {
    per_minute: u32,
    attempts: Mutex<HashMap<String, Vec<Instant>>>,
}

impl LoginLimiter {
    pub fn new(per_minute: u32) -> Self {
        LoginLimiter { per_minute, attempts: Mutex::new(HashMap::new()) }
    }

    /// Records an attempt; false when the address is over its allowance.
    pub fn allow(&self, ip: &str) -> bool {
        let now = Instant::now();
        let window = Duration::from_secs(60);
        let mut map = self.attempts.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > 10_000 {
            map.retain(|_, v| v.last().is_some_and(|t| now.duration_since(*t) < window));
        }
        let list = map.entry(ip.to_string()).or_default();
        list.retain(|t| now.duration_since(*t) < window);
        if list.len() as u32 >= self.per_minute {
            return false;
        }
        list.push(now);
        true
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn limits_per_address() {
        let l = super::LoginLimiter::new(3);
        assert!(l.allow("a") && l.allow("a") && l.allow("a"));
        assert!(!l.allow("a"));
        assert!(l.allow("b"));
    }
}
