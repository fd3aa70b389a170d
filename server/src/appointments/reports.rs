//! Booking reports: appointments per channel, no-show rate, slot use.

use chrono::NaiveDate;
use diesel::prelude::*;
use hcrm_shared::appointments::{AppointmentStatus, BookingChannel};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::{appointments, appt_sessions, appt_slots};
use crate::db::DbConnection;
use crate::db_run;
use crate::error::{ApiError, ApiResult};

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub department_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ChannelCount {
    pub channel: BookingChannel,
    /// Appointments made (confirmed at some point) through the channel.
    pub booked: i64,
    pub cancelled: i64,
    pub no_shows: i64,
    pub checked_in: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DayUse {
    pub day: NaiveDate,
    pub capacity: i64,
    pub booked: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Report {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub channels: Vec<ChannelCount>,
    pub cancellations: i64,
    pub no_shows: i64,
    pub checked_in: i64,
    /// no-shows / (no-shows + checked in); 0 when nothing is settled.
    pub no_show_rate: f64,
    pub capacity: i64,
    /// Slots taken by a live or settled appointment.
    pub slots_used: i64,
    pub slot_use_rate: f64,
    pub days: Vec<DayUse>,
}

pub fn report(
    conn: &mut DbConnection,
    hospital_id: i64,
    departments: Option<Vec<i64>>,
    q: &ReportQuery,
) -> ApiResult<Report> {
    let to = q.to.unwrap_or_else(|| crate::db::now().date());
    let from = q.from.unwrap_or(to - chrono::Duration::days(29));
    if to < from || (to - from).num_days() > 366 {
        return Err(ApiError::invalid("to", "give a range of at most a year, ending after it starts"));
    }
    let dept = q.department_id;
    type Row = (BookingChannel, AppointmentStatus, NaiveDate, i64);
    let (rows, caps): (Vec<Row>, Vec<(NaiveDate, i32)>) = db_run!(conn: {
        let mut a = appointments::table
            .inner_join(appt_sessions::table)
            .filter(appointments::hospital_id.eq(hospital_id))
            .filter(appt_sessions::day.between(from, to))
            .into_boxed();
        let mut s = appt_sessions::table.filter(appt_sessions::hospital_id.eq(hospital_id)).filter(appt_sessions::day.between(from, to)).into_boxed();
        if let Some(d) = dept {
            a = a.filter(appointments::department_id.eq(d));
            s = s.filter(appt_sessions::department_id.eq(d));
        }
        if let Some(ds) = &departments {
            a = a.filter(appointments::department_id.eq_any(ds.clone()));
            s = s.filter(appt_sessions::department_id.eq_any(ds.clone()));
        }
        // Grouped here rather than in SQL: diesel cannot group a boxed join.
        let raw: Vec<(BookingChannel, AppointmentStatus, NaiveDate)> = a.select((appointments::channel, appointments::status, appt_sessions::day)).load(conn)?;
        let mut grouped: std::collections::BTreeMap<(BookingChannel, AppointmentStatus, NaiveDate), i64> = Default::default();
        for k in raw {
            *grouped.entry(k).or_default() += 1;
        }
        let rows: Vec<Row> = grouped.into_iter().map(|((c, s, d), n)| (c, s, d, n)).collect();
        let caps = s.select((appt_sessions::day, appt_sessions::capacity)).load(conn)?;
        (rows, caps)
    });
    let _ = appt_slots::table;
    let mut channels: Vec<ChannelCount> = Vec::new();
    let mut days: std::collections::BTreeMap<NaiveDate, DayUse> = Default::default();
    for (day, cap) in caps {
        days.entry(day).or_insert(DayUse { day, capacity: 0, booked: 0 }).capacity += cap as i64;
    }
    for (channel, status, day, n) in &rows {
        let c = match channels.iter_mut().find(|c| c.channel == *channel) {
            Some(c) => c,
            None => {
                channels.push(ChannelCount { channel: *channel, booked: 0, cancelled: 0, no_shows: 0, checked_in: 0 });
                channels.last_mut().unwrap()
            }
        };
        match status {
            AppointmentStatus::Confirmed | AppointmentStatus::CheckedIn | AppointmentStatus::NoShow => {
                c.booked += n;
                days.entry(*day).or_insert(DayUse { day: *day, capacity: 0, booked: 0 }).booked += n;
            }
            AppointmentStatus::Cancelled | AppointmentStatus::Rescheduled => c.cancelled += n,
            _ => {}
        }
        match status {
            AppointmentStatus::NoShow => c.no_shows += n,
            AppointmentStatus::CheckedIn => c.checked_in += n,
            _ => {}
        }
    }
    channels.sort_by(|a, b| a.channel.as_str().cmp(b.channel.as_str()));
    let no_shows: i64 = channels.iter().map(|c| c.no_shows).sum();
    let checked_in: i64 = channels.iter().map(|c| c.checked_in).sum();
    let cancellations: i64 = channels.iter().map(|c| c.cancelled).sum();
    let capacity: i64 = days.values().map(|d| d.capacity).sum();
    let slots_used: i64 = days.values().map(|d| d.booked).sum();
    let ratio = |a: i64, b: i64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    Ok(Report {
        from,
        to,
        channels,
        cancellations,
        no_shows,
        checked_in,
        no_show_rate: ratio(no_shows, no_shows + checked_in),
        capacity,
        slots_used,
        slot_use_rate: ratio(slots_used, capacity),
        days: days.into_values().collect(),
    })
}

/// The report as an Excel workbook: per channel (with a native column
/// chart) and per day.
pub fn to_xlsx(r: &Report) -> ApiResult<Vec<u8>> {
    use rust_xlsxwriter::{Chart, ChartType, Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| ApiError::internal(format!("cannot write the workbook: {e}"));
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let pct = Format::new().set_num_format("0.0%");
    let ws = wb.add_worksheet().set_name("渠道").map_err(fail)?;
    for (c, h) in ["渠道", "预约", "取消", "爽约", "已就诊"].iter().enumerate() {
        ws.write_with_format(0, c as u16, *h, &bold).map_err(fail)?;
    }
    for (i, c) in r.channels.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write(row, 0, channel_name(c.channel)).map_err(fail)?;
        ws.write(row, 1, c.booked as f64).map_err(fail)?;
        ws.write(row, 2, c.cancelled as f64).map_err(fail)?;
        ws.write(row, 3, c.no_shows as f64).map_err(fail)?;
        ws.write(row, 4, c.checked_in as f64).map_err(fail)?;
    }
    let n = r.channels.len() as u32;
    let summary = n + 2;
    ws.write_with_format(summary, 0, "爽约率", &bold).map_err(fail)?;
    ws.write_with_format(summary, 1, r.no_show_rate, &pct).map_err(fail)?;
    ws.write_with_format(summary + 1, 0, "号源使用率", &bold).map_err(fail)?;
    ws.write_with_format(summary + 1, 1, r.slot_use_rate, &pct).map_err(fail)?;
    ws.write(summary + 2, 0, format!("{} 至 {}", r.from, r.to)).map_err(fail)?;
    if n > 0 {
        let mut chart = Chart::new(ChartType::Column);
        chart.add_series().set_categories(("渠道", 1, 0, n, 0)).set_values(("渠道", 1, 1, n, 1)).set_name("预约");
        chart.add_series().set_categories(("渠道", 1, 0, n, 0)).set_values(("渠道", 1, 3, n, 3)).set_name("爽约");
        chart.title().set_name("各渠道预约");
        ws.insert_chart(1, 6, &chart).map_err(fail)?;
    }
    let ws = wb.add_worksheet().set_name("每日").map_err(fail)?;
    for (c, h) in ["日期", "号源", "已约"].iter().enumerate() {
        ws.write_with_format(0, c as u16, *h, &bold).map_err(fail)?;
    }
    for (i, d) in r.days.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write(row, 0, d.day.to_string()).map_err(fail)?;
        ws.write(row, 1, d.capacity as f64).map_err(fail)?;
        ws.write(row, 2, d.booked as f64).map_err(fail)?;
    }
    wb.save_to_buffer().map_err(fail)
}

fn channel_name(c: BookingChannel) -> &'static str {
    match c {
        BookingChannel::Phone => "电话",
        BookingChannel::Web => "网站",
        BookingChannel::Wechat => "微信",
        BookingChannel::Onsite => "现场",
        BookingChannel::Clinic => "诊间",
        BookingChannel::Partner => "合作平台",
    }
}
