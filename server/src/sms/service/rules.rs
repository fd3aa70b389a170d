//! The rules every message obeys before it leaves: opt-out and
//! do-not-contact, quiet hours, the per-number rate limit.

use chrono::{Duration, NaiveDateTime, Timelike};
use diesel::prelude::*;

use crate::db::schema::{patients, sms_messages, sms_opt_outs};
use crate::db::DbConnection;
use crate::db_run;
use crate::error::ApiResult;

/// A daily local-time window, possibly across midnight (21:00-08:00).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuietHours {
    start: u32,
    end: u32,
}

impl QuietHours {
    /// `HH:MM-HH:MM`; empty or `off` is no window.
    pub fn parse(text: &str) -> Result<Option<QuietHours>, String> {
        let text = text.trim();
        if text.is_empty() || text.eq_ignore_ascii_case("off") {
            return Ok(None);
        }
        let (a, b) = text.split_once('-').ok_or_else(|| format!("quiet hours {text:?}: use HH:MM-HH:MM"))?;
        let minutes = |s: &str| -> Result<u32, String> {
            let (h, m) = s.trim().split_once(':').ok_or_else(|| format!("{s:?} is not HH:MM"))?;
            let (h, m): (u32, u32) = (
                h.parse().map_err(|_| format!("{s:?} is not HH:MM"))?,
                m.parse().map_err(|_| format!("{s:?} is not HH:MM"))?,
            );
            if h > 23 || m > 59 {
                return Err(format!("{s:?} is not a time of day"));
            }
            Ok(h * 60 + m)
        };
        let (start, end) = (minutes(a)?, minutes(b)?);
        if start == end {
            return Err("quiet hours start and end at the same time".into());
        }
        Ok(Some(QuietHours { start, end }))
    }

    /// When `now` (UTC) is inside the window, the UTC time it ends.
    pub fn hold_until(&self, now: NaiveDateTime, utc_offset_minutes: i32) -> Option<NaiveDateTime> {
        let offset = Duration::minutes(utc_offset_minutes as i64);
        let local = now + offset;
        let m = local.hour() * 60 + local.minute();
        let inside =
            if self.start < self.end { m >= self.start && m < self.end } else { m >= self.start || m < self.end };
        if !inside {
            return None;
        }
        let midnight = local.date().and_hms_opt(0, 0, 0)?;
        let mut end = midnight + Duration::minutes(self.end as i64);
        if end <= local {
            end += Duration::days(1);
        }
        Some(end - offset)
    }
}

/// Why this number or patient must not get an SMS, if they must not.
pub fn blocked_reason(
    conn: &mut DbConnection,
    hospital_id: i64,
    phone: &str,
    patient_id: Option<i64>,
) -> ApiResult<Option<&'static str>> {
    db_run!(conn: {
        let opted_out: i64 = sms_opt_outs::table
            .filter(sms_opt_outs::hospital_id.eq(hospital_id))
            .filter(sms_opt_outs::phone.eq(phone))
            .count()
            .get_result(conn)?;
        if opted_out > 0 {
            return Ok(Some("opted_out"));
        }
        if let Some(pid) = patient_id {
            let tags: Option<String> = patients::table
                .filter(patients::id.eq(pid))
                .filter(patients::hospital_id.eq(hospital_id))
                .select(patients::tags)
                .first(conn)
                .optional()?;
            let tags = tags.unwrap_or_default();
            let has = |t: &str| tags.split(',').any(|x| x.trim() == t);
            if has("do_not_contact") {
                return Ok(Some("do_not_contact"));
            }
            if has("deceased") {
                return Ok(Some("deceased"));
            }
        }
        Ok(None)
    })
}

/// When the number has had `limit` messages in the last hour, the time the
/// oldest of them leaves the window.
pub fn rate_limited_until(
    conn: &mut DbConnection,
    hospital_id: i64,
    phone: &str,
    limit: i64,
    now: NaiveDateTime,
) -> ApiResult<Option<NaiveDateTime>> {
    if limit <= 0 {
        return Ok(None);
    }
    let window_start = now - Duration::hours(1);
    db_run!(conn: {
        let recent: Vec<Option<NaiveDateTime>> = sms_messages::table
            .filter(sms_messages::hospital_id.eq(hospital_id))
            .filter(sms_messages::phone.eq(phone))
            .filter(sms_messages::sent_at.gt(window_start))
            .order(sms_messages::sent_at.desc())
            .limit(limit)
            .select(sms_messages::sent_at)
            .load(conn)?;
        if (recent.len() as i64) < limit {
            return Ok(None);
        }
        Ok(recent.last().copied().flatten().map(|oldest| oldest + Duration::hours(1) + Duration::seconds(1)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn utc(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap().and_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn quiet_hours_across_midnight_in_local_time() {
        let q = QuietHours::parse("21:00-08:00").unwrap().unwrap();
        // 12:00 UTC is 20:00 in Beijing: allowed.
        assert_eq!(q.hold_until(utc(12, 0), 480), None);
        // 13:30 UTC is 21:30: held until 08:00 local next day = 00:00 UTC on the 23rd.
        assert_eq!(q.hold_until(utc(13, 30), 480), Some(utc(0, 0) + Duration::days(1)));
        // 23:59 UTC is 07:59 local on the 23rd: held one minute.
        assert_eq!(q.hold_until(utc(23, 59), 480), Some(utc(0, 0) + Duration::days(1)));
        // 00:00 UTC is 08:00 local: allowed.
        assert_eq!(q.hold_until(utc(0, 0), 480), None);
        let day = QuietHours::parse("12:00-13:00").unwrap().unwrap();
        assert_eq!(day.hold_until(utc(12, 30), 0), Some(utc(13, 0)));
        assert_eq!(QuietHours::parse("off").unwrap(), None);
        assert!(QuietHours::parse("21-8").is_err());
        assert!(QuietHours::parse("25:00-08:00").is_err());
    }
}
