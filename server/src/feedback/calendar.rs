//! The business-hours calendar SLA deadlines run on: working hours per
//! weekday in the hospital's local time, holidays (no work) and make-up
//! workdays (调休: a weekend day worked with ordinary weekday hours).
//! Everything here is pure; times in and out are UTC without zone.
//!
//! Our own code, not a crate: business-day crates know weekends and fixed
//! holiday lists, not China's make-up workdays that move each year by State
//! Council notice, nor per-weekday hours with lunch breaks; the hospital
//! keeps its calendar in the database, and this walks it.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    pub utc_offset_minutes: i32,
    /// Working intervals per weekday, Monday first, as seconds from local
    /// midnight, sorted and not overlapping.
    pub week: [Vec<(u32, u32)>; 7],
    pub holidays: BTreeSet<NaiveDate>,
    pub workdays: BTreeSet<NaiveDate>,
}

/// Parses "08:00-12:00,14:00-17:30" ("" = closed).
pub fn parse_hours(text: &str) -> Result<Vec<(u32, u32)>, String> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (a, b) = part.split_once('-').ok_or_else(|| format!("{part:?}: use HH:MM-HH:MM"))?;
        let t = |s: &str| -> Result<u32, String> {
            let s = s.trim();
            if s == "24:00" {
                return Ok(86_400);
            }
            NaiveTime::parse_from_str(s, "%H:%M")
                .map(|t| t.num_seconds_from_midnight())
                .map_err(|_| format!("{s:?}: use HH:MM"))
        };
        let (a, b) = (t(a)?, t(b)?);
        if b <= a {
            return Err(format!("{part:?}: the end must be after the start"));
        }
        if out.last().is_some_and(|&(_, e)| a < e) {
            return Err(format!("{part:?}: intervals must be in order and not overlap"));
        }
        out.push((a, b));
    }
    Ok(out)
}

use chrono::Timelike;

impl Calendar {
    /// Builds a calendar from configuration text; errors name the entry.
    pub fn from_config(
        utc_offset_minutes: i32,
        week: &[String],
        holidays: &[String],
        workdays: &[String],
    ) -> Result<Calendar, String> {
        if week.len() != 7 {
            return Err(format!("week: give 7 entries, Monday first (got {})", week.len()));
        }
        let mut w: [Vec<(u32, u32)>; 7] = Default::default();
        for (i, text) in week.iter().enumerate() {
            w[i] = parse_hours(text).map_err(|e| format!("week[{i}]: {e}"))?;
        }
        let dates = |name: &str, list: &[String]| -> Result<BTreeSet<NaiveDate>, String> {
            list.iter()
                .map(|d| {
                    NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
                        .map_err(|_| format!("{name}: {d:?} is not a YYYY-MM-DD date"))
                })
                .collect()
        };
        Ok(Calendar {
            utc_offset_minutes,
            week: w,
            holidays: dates("holidays", holidays)?,
            workdays: dates("workdays", workdays)?,
        })
    }

    /// Mon-Fri 08:00-12:00 and 14:00-17:30, no holidays, UTC+8.
    pub fn standard() -> Calendar {
        let day = vec![(8 * 3600, 12 * 3600), (14 * 3600, 17 * 3600 + 1800)];
        Calendar {
            utc_offset_minutes: 480,
            week: [day.clone(), day.clone(), day.clone(), day.clone(), day, vec![], vec![]],
            holidays: BTreeSet::new(),
            workdays: BTreeSet::new(),
        }
    }

    /// The working intervals of a local date.
    pub fn hours_on(&self, date: NaiveDate) -> &[(u32, u32)] {
        if self.holidays.contains(&date) {
            return &[];
        }
        if self.workdays.contains(&date) {
            // A make-up workday keeps the hours of the first working weekday.
            return self.week.iter().find(|d| !d.is_empty()).map(Vec::as_slice).unwrap_or(&[]);
        }
        &self.week[date.weekday().num_days_from_monday() as usize]
    }

    fn offset(&self) -> Duration {
        Duration::minutes(self.utc_offset_minutes as i64)
    }

    /// The instant `seconds` of business time after `start` (UTC). A
    /// deadline that uses up a working interval exactly ends at its close,
    /// not at the next opening.
    pub fn add_business_seconds(&self, start: NaiveDateTime, seconds: i64) -> NaiveDateTime {
        let local = start + self.offset();
        let mut remaining = seconds.max(0);
        let mut date = local.date();
        let mut from = local.time().num_seconds_from_midnight();
        // Ten years without a single working minute means a broken
        // calendar; answer far in the future rather than loop forever.
        for _ in 0..3660 {
            for &(a, b) in self.hours_on(date) {
                if b <= from {
                    continue;
                }
                let begin = a.max(from);
                let available = (b - begin) as i64;
                if remaining <= available {
                    let at = date.and_hms_opt(0, 0, 0).unwrap() + Duration::seconds(begin as i64 + remaining);
                    return at - self.offset();
                }
                remaining -= available;
            }
            date = date.succ_opt().unwrap_or(date);
            from = 0;
        }
        start + Duration::days(3660)
    }

    pub fn add_business_minutes(&self, start: NaiveDateTime, minutes: i64) -> NaiveDateTime {
        self.add_business_seconds(start, minutes * 60)
    }

    /// Business seconds in [a, b) (0 when b <= a).
    pub fn business_seconds_between(&self, a: NaiveDateTime, b: NaiveDateTime) -> i64 {
        if b <= a {
            return 0;
        }
        let (la, lb) = (a + self.offset(), b + self.offset());
        let mut total = 0i64;
        let mut date = la.date();
        while date <= lb.date() {
            let lo = if date == la.date() { la.time().num_seconds_from_midnight() } else { 0 };
            let hi = if date == lb.date() { lb.time().num_seconds_from_midnight() } else { 86_400 };
            for &(s, e) in self.hours_on(date) {
                let (s, e) = (s.max(lo), e.min(hi));
                if e > s {
                    total += (e - s) as i64;
                }
            }
            date = match date.succ_opt() {
                Some(d) => d,
                None => break,
            };
        }
        total
    }

    /// A deadline after a pause: the business time left when the clock
    /// stopped counts again from the resumption. A deadline already passed
    /// when the pause began stays where it was.
    pub fn resume(
        &self,
        deadline: NaiveDateTime,
        paused_at: NaiveDateTime,
        resumed_at: NaiveDateTime,
    ) -> NaiveDateTime {
        if deadline <= paused_at {
            return deadline;
        }
        let left = self.business_seconds_between(paused_at, deadline);
        self.add_business_seconds(resumed_at.max(paused_at), left)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Local (UTC+8) time to stored UTC.
    fn l(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap() - Duration::hours(8)
    }

    /// National Day 2026: Oct 1-7 off (Thu-Wed), Sat Oct 10 a make-up workday.
    fn national_day() -> Calendar {
        let mut c = Calendar::standard();
        for d in 1..=7 {
            c.holidays.insert(NaiveDate::from_ymd_opt(2026, 10, d).unwrap());
        }
        c.workdays.insert(NaiveDate::from_ymd_opt(2026, 10, 10).unwrap());
        c
    }

    #[test]
    fn within_one_working_interval() {
        let c = Calendar::standard();
        // Monday 2026-11-23 09:10 + 60 min.
        assert_eq!(c.add_business_minutes(l("2026-11-23 09:10"), 60), l("2026-11-23 10:10"));
    }

    #[test]
    fn skips_the_lunch_break_and_the_night() {
        let c = Calendar::standard();
        assert_eq!(c.add_business_minutes(l("2026-11-23 11:30"), 60), l("2026-11-23 14:30"));
        // 17:00 + 60: 30 minutes today, 30 tomorrow from 08:00.
        assert_eq!(c.add_business_minutes(l("2026-11-23 17:00"), 60), l("2026-11-24 08:30"));
        // Started at night: counts from the next opening.
        assert_eq!(c.add_business_minutes(l("2026-11-23 22:00"), 15), l("2026-11-24 08:15"));
    }

    #[test]
    fn a_deadline_that_uses_up_the_day_ends_at_closing_time() {
        let c = Calendar::standard();
        assert_eq!(c.add_business_minutes(l("2026-11-23 17:00"), 30), l("2026-11-23 17:30"));
        assert_eq!(c.add_business_minutes(l("2026-11-23 11:00"), 60), l("2026-11-23 12:00"));
    }

    #[test]
    fn skips_the_weekend() {
        let c = Calendar::standard();
        // Friday 2026-11-27 17:00 + 60 → Monday 08:30.
        assert_eq!(c.add_business_minutes(l("2026-11-27 17:00"), 60), l("2026-11-30 08:30"));
    }

    #[test]
    fn skips_holidays_and_works_the_make_up_saturday() {
        let c = national_day();
        // Wednesday 2026-09-30 17:00 + 60: Oct 1-7 off, Thu Oct 8 08:30.
        assert_eq!(c.add_business_minutes(l("2026-09-30 17:00"), 60), l("2026-10-08 08:30"));
        // Friday Oct 9 17:00 + 60: Saturday Oct 10 is a workday.
        assert_eq!(c.add_business_minutes(l("2026-10-09 17:00"), 60), l("2026-10-10 08:30"));
        // A full working day (7.5 h) from Wednesday 17:30 → Thursday Oct 8 17:30.
        assert_eq!(c.add_business_minutes(l("2026-09-30 17:30"), 450), l("2026-10-08 17:30"));
        // Counting back: the holiday week holds no business time.
        assert_eq!(c.business_seconds_between(l("2026-09-30 17:00"), l("2026-10-08 08:30")), 3600);
    }

    #[test]
    fn business_time_between() {
        let c = Calendar::standard();
        assert_eq!(c.business_seconds_between(l("2026-11-23 08:00"), l("2026-11-23 17:30")), 450 * 60);
        assert_eq!(c.business_seconds_between(l("2026-11-23 11:00"), l("2026-11-23 15:00")), 120 * 60);
        assert_eq!(c.business_seconds_between(l("2026-11-27 17:00"), l("2026-11-30 09:00")), 90 * 60);
        assert_eq!(c.business_seconds_between(l("2026-11-27 17:00"), l("2026-11-27 16:00")), 0);
    }

    #[test]
    fn a_pause_moves_the_deadline_by_the_business_time_left() {
        let c = national_day();
        // Deadline Wed Sep 30 16:00; paused at 15:00 (1 h left), resumed
        // Oct 8 10:00 → due Oct 8 11:00.
        assert_eq!(
            c.resume(l("2026-09-30 16:00"), l("2026-09-30 15:00"), l("2026-10-08 10:00")),
            l("2026-10-08 11:00")
        );
        // Paused at 11:50 with the deadline at 14:20 (30 min left = 10
        // before lunch + 20 after), resumed 17:15 → 15 today, 15 tomorrow.
        assert_eq!(
            c.resume(l("2026-11-23 14:20"), l("2026-11-23 11:50"), l("2026-11-23 17:15")),
            l("2026-11-24 08:15")
        );
        // Already overdue when paused: unchanged.
        assert_eq!(
            c.resume(l("2026-11-23 09:00"), l("2026-11-23 10:00"), l("2026-11-24 10:00")),
            l("2026-11-23 09:00")
        );
    }

    #[test]
    fn utc_offsets_other_than_china() {
        let mut c = Calendar::standard();
        c.utc_offset_minutes = 0;
        let t = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(c.add_business_minutes(t("2026-11-23 17:00"), 60), t("2026-11-24 08:30"));
    }

    #[test]
    fn configuration_is_checked() {
        let week: Vec<String> =
            ["08:00-12:00,14:00-17:30"; 5].iter().map(|s| s.to_string()).chain(["".into(), "".into()]).collect();
        let c = Calendar::from_config(480, &week, &["2026-10-01".into()], &["2026-10-10".into()]).unwrap();
        assert_eq!(c.week[0], Calendar::standard().week[0]);
        assert!(c.hours_on(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()).is_empty());
        assert!(Calendar::from_config(480, &week[..6], &[], &[]).unwrap_err().contains("7 entries"));
        assert!(Calendar::from_config(480, &week, &["10/01".into()], &[]).unwrap_err().contains("holidays"));
        assert!(parse_hours("12:00-08:00").is_err());
        assert!(parse_hours("08:00-12:00,11:00-13:00").is_err());
        assert_eq!(parse_hours("").unwrap(), vec![]);
    }
}
