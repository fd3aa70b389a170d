//! Recurring job schedules: a 5-field cron expression evaluated in the
//! hospital's local time (`minute hour day-of-month month day-of-week`, with
//! `*`, `*/n`, `a-b`, `a-b/n` and lists), or `@every 30s` / `5m` / `2h`.

use chrono::{Datelike, Duration, NaiveDateTime, Timelike};

#[derive(Debug, Clone, PartialEq)]
pub enum Schedule {
    Every(Duration),
    Cron(Cron),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cron {
    minutes: Vec<bool>,
    hours: Vec<bool>,
    days: Vec<bool>,
    months: Vec<bool>,
    weekdays: Vec<bool>,
    /// Cron's rule: when both day fields are restricted, either may match.
    days_restricted: bool,
    weekdays_restricted: bool,
}

impl Schedule {
    pub fn parse(text: &str) -> Result<Schedule, String> {
        let text = text.trim();
        if let Some(rest) = text.strip_prefix("@every") {
            let rest = rest.trim();
            let (num, unit) = rest.split_at(rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len()));
            let n: i64 = num.parse().map_err(|_| format!("@every needs a number: {text:?}"))?;
            let d = match unit {
                "s" => Duration::seconds(n),
                "m" => Duration::minutes(n),
                "h" => Duration::hours(n),
                _ => return Err(format!("@every unit must be s, m or h: {text:?}")),
            };
            if n <= 0 {
                return Err("@every needs a positive interval".into());
            }
            return Ok(Schedule::Every(d));
        }
        let fields: Vec<&str> = text.split_whitespace().collect();
        if fields.len() != 5 {
            return Err(format!("a cron expression has 5 fields, got {}: {text:?}", fields.len()));
        }
        let mut weekdays = field(fields[4], 0, 7)?;
        // 7 is Sunday too.
        if weekdays[7] {
            weekdays[0] = true;
        }
        Ok(Schedule::Cron(Cron {
            minutes: field(fields[0], 0, 59)?,
            hours: field(fields[1], 0, 23)?,
            days: field(fields[2], 1, 31)?,
            months: field(fields[3], 1, 12)?,
            weekdays,
            days_restricted: fields[2] != "*",
            weekdays_restricted: fields[4] != "*",
        }))
    }

    /// The first run strictly after `after` (UTC); `utc_offset_minutes` is the
    /// local time cron fields refer to.
    pub fn next_after(&self, after: NaiveDateTime, utc_offset_minutes: i32) -> Option<NaiveDateTime> {
        match self {
            Schedule::Every(d) => Some(after + *d),
            Schedule::Cron(c) => {
                let offset = Duration::minutes(utc_offset_minutes as i64);
                let local = after + offset;
                let mut t = local.with_second(0)?.with_nanosecond(0)? + Duration::minutes(1);
                // At most a leap year and a bit of minutes; impossible
                // expressions (31 February) give None.
                for _ in 0..(367 * 24 * 60) {
                    if c.matches(t) {
                        return Some(t - offset);
                    }
                    if !c.hours[t.hour() as usize] || !c.day_matches(t) || !c.months[t.month() as usize] {
                        // Skip to the next hour.
                        t = t.with_minute(0)? + Duration::hours(1);
                    } else {
                        t += Duration::minutes(1);
                    }
                }
                None
            }
        }
    }
}

impl Cron {
    fn day_matches(&self, t: NaiveDateTime) -> bool {
        let dom = self.days[t.day() as usize];
        let dow = self.weekdays[t.weekday().num_days_from_sunday() as usize];
        match (self.days_restricted, self.weekdays_restricted) {
            (true, true) => dom || dow,
            _ => dom && dow,
        }
    }

    fn matches(&self, t: NaiveDateTime) -> bool {
        self.minutes[t.minute() as usize]
            && self.hours[t.hour() as usize]
            && self.months[t.month() as usize]
            && self.day_matches(t)
    }
}

fn field(text: &str, min: u32, max: u32) -> Result<Vec<bool>, String> {
    let mut set = vec![false; max as usize + 1];
    for part in text.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => (r, s.parse::<u32>().map_err(|_| format!("bad step in {part:?}"))?),
            None => (part, 1),
        };
        if step == 0 {
            return Err(format!("step 0 in {part:?}"));
        }
        let (lo, hi) = if range == "*" {
            (min, max)
        } else if let Some((a, b)) = range.split_once('-') {
            (num(a, min, max)?, num(b, min, max)?)
        } else {
            let v = num(range, min, max)?;
            (v, if part.contains('/') { max } else { v })
        };
        if lo > hi {
            return Err(format!("empty range {part:?}"));
        }
        for v in (lo..=hi).step_by(step as usize) {
            set[v as usize] = true;
        }
    }
    Ok(set)
}

fn num(s: &str, min: u32, max: u32) -> Result<u32, String> {
    let v: u32 = s.parse().map_err(|_| format!("not a number: {s:?}"))?;
    if v < min || v > max {
        return Err(format!("{v} is outside {min}-{max}"));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
    }

    #[test]
    fn cron_in_local_time() {
        // 08:30 Beijing time every day is 00:30 UTC.
        let s = Schedule::parse("30 8 * * *").unwrap();
        assert_eq!(s.next_after(at(2026, 11, 22, 0, 0), 480), Some(at(2026, 11, 22, 0, 30)));
        assert_eq!(s.next_after(at(2026, 11, 22, 0, 30), 480), Some(at(2026, 11, 23, 0, 30)));
        // Every 15 minutes on weekdays (Sunday 22 Nov 2026 -> Monday).
        let s = Schedule::parse("*/15 * * * 1-5").unwrap();
        assert_eq!(s.next_after(at(2026, 11, 22, 10, 7), 0), Some(at(2026, 11, 23, 0, 0)));
        assert_eq!(s.next_after(at(2026, 11, 23, 0, 0), 0), Some(at(2026, 11, 23, 0, 15)));
        // Day of month or day of week when both are given.
        let s = Schedule::parse("0 9 1 * 0").unwrap();
        assert_eq!(s.next_after(at(2026, 11, 23, 0, 0), 0), Some(at(2026, 11, 29, 9, 0)));
        assert_eq!(Schedule::parse("0 0 31 2 *").unwrap().next_after(at(2026, 1, 1, 0, 0), 0), None);
    }

    #[test]
    fn every_and_errors() {
        assert_eq!(
            Schedule::parse("@every 30s").unwrap().next_after(at(2026, 1, 1, 0, 0), 480),
            Some(at(2026, 1, 1, 0, 0) + Duration::seconds(30))
        );
        for bad in ["", "* * * *", "61 * * * *", "*/0 * * * *", "@every", "@every 5d", "5-1 * * * *"] {
            assert!(Schedule::parse(bad).is_err(), "{bad:?}");
        }
    }
}
