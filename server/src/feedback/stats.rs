//! Ticket and inquiry statistics for a period, and their Excel export
//! (one sheet per table, the same numbers the page shows).

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use hcrm_shared::feedback::TicketKind;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::model::TicketRow;
use crate::common::xlsx::write_rows;
use crate::common::Scope;
use crate::db::schema::{departments, feedback_ticket_departments, feedback_tickets};
use crate::db::DbConnection;
use crate::db_run;
use crate::error::{ApiError, ApiResult};

#[derive(Debug, Default, Clone, Deserialize, IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    /// First local day (YYYY-MM-DD); default 365 days before `to`.
    pub from: Option<NaiveDate>,
    /// Last local day, included; default today.
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
pub struct Count {
    pub key: String,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MonthRow {
    pub month: String,
    pub complaint: i64,
    pub praise: i64,
    pub suggestion: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Sla {
    /// Tickets whose first response is due or done.
    pub first_response_total: i64,
    pub first_response_on_time: i64,
    /// Resolved tickets, and those resolved by their deadline.
    pub resolved_total: i64,
    pub resolved_on_time: i64,
    /// Open tickets past their resolution deadline.
    pub open_overdue: i64,
    /// resolved_on_time / resolved_total, percent (100 with none).
    pub compliance_percent: f64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ResolveTime {
    pub resolved: i64,
    pub average_hours: f64,
    pub median_hours: f64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeedbackStats {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub total: i64,
    pub by_kind: Vec<Count>,
    pub by_department: Vec<Count>,
    pub by_source: Vec<Count>,
    pub by_month: Vec<MonthRow>,
    pub sla: Sla,
    pub resolve_time: ResolveTime,
    pub top_complaint_topics: Vec<Count>,
    pub praise_by_staff: Vec<Count>,
    pub top_inquiry_topics: Vec<Count>,
}

fn counts(map: BTreeMap<String, i64>, limit: usize) -> Vec<Count> {
    let mut v: Vec<Count> = map.into_iter().map(|(key, count)| Count { key, count }).collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.key.cmp(&b.key)));
    v.truncate(limit);
    v
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

pub fn compute(
    conn: &mut DbConnection,
    scope: &Scope,
    utc_offset_minutes: i32,
    q: &StatsQuery,
    now: NaiveDateTime,
) -> ApiResult<FeedbackStats> {
    let offset = chrono::Duration::minutes(utc_offset_minutes as i64);
    let to = q.to.unwrap_or_else(|| (now + offset).date());
    let from = q.from.unwrap_or(to - chrono::Duration::days(365));
    if from > to {
        return Err(ApiError::invalid("from", "must not be after to"));
    }
    let start = from.and_hms_opt(0, 0, 0).unwrap() - offset;
    let end = (to + chrono::Duration::days(1)).and_hms_opt(0, 0, 0).unwrap() - offset;
    let (rows, names): (Vec<TicketRow>, Vec<(i64, String)>) = db_run!(conn: {
        let mut f = feedback_tickets::table
            .filter(feedback_tickets::hospital_id.eq(scope.hospital_id))
            .filter(feedback_tickets::created_at.ge(start))
            .filter(feedback_tickets::created_at.lt(end))
            .into_boxed();
        if let Some(d) = &scope.departments {
            f = f.filter(feedback_tickets::id.eq_any(
                feedback_ticket_departments::table.filter(feedback_ticket_departments::department_id.eq_any(d.clone())).select(feedback_ticket_departments::ticket_id),
            ));
        }
        let rows = f.select(TicketRow::as_select()).load(conn)?;
        let names = departments::table.filter(departments::hospital_id.eq(scope.hospital_id)).select((departments::id, departments::name)).load(conn)?;
        (rows, names)
    });
    let (mut kind, mut dept, mut source, mut topics, mut staff) =
        (BTreeMap::new(), BTreeMap::new(), BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    let mut months: BTreeMap<String, [i64; 3]> = BTreeMap::new();
    let (mut fr_total, mut fr_ok, mut res_total, mut res_ok, mut overdue) = (0, 0, 0, 0, 0);
    let mut hours: Vec<f64> = Vec::new();
    for r in &rows {
        *kind.entry(r.kind.as_str().to_string()).or_default() += 1;
        let dname = r
            .current_department_id
            .and_then(|d| names.iter().find(|(i, _)| *i == d))
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| "未分派".into());
        *dept.entry(dname).or_default() += 1;
        *source.entry(r.source.as_str().to_string()).or_default() += 1;
        let m = (r.created_at + offset).format("%Y-%m").to_string();
        let slot = match r.kind {
            TicketKind::Complaint => 0,
            TicketKind::Praise => 1,
            TicketKind::Suggestion => 2,
        };
        months.entry(m).or_default()[slot] += 1;
        if r.kind == TicketKind::Complaint {
            *topics.entry(r.topic.clone()).or_default() += 1;
        }
        if r.kind == TicketKind::Praise && !r.staff_name.is_empty() {
            *staff.entry(r.staff_name.clone()).or_default() += 1;
        }
        match r.first_responded_at {
            Some(t) => {
                fr_total += 1;
                if t <= r.first_response_due {
                    fr_ok += 1;
                }
            }
            None if r.first_response_due < now => fr_total += 1,
            None => {}
        }
        match r.resolved_at {
            Some(t) => {
                res_total += 1;
                if t <= r.resolution_due {
                    res_ok += 1;
                }
                hours.push((t - r.created_at).num_seconds() as f64 / 3600.0);
            }
            None if r.status.is_open() && r.resolution_due < now => overdue += 1,
            None => {}
        }
    }
    hours.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let median = match hours.len() {
        0 => 0.0,
        n if n % 2 == 1 => hours[n / 2],
        n => (hours[n / 2 - 1] + hours[n / 2]) / 2.0,
    };
    let avg = if hours.is_empty() { 0.0 } else { hours.iter().sum::<f64>() / hours.len() as f64 };
    let top_inquiry_topics =
        super::super::knowledge::service::inquiries::top_topics(conn, scope.hospital_id, start, end, 10)?
            .into_iter()
            .map(|t| Count { key: t.topic, count: t.count })
            .collect();
    Ok(FeedbackStats {
        from,
        to,
        total: rows.len() as i64,
        by_kind: counts(kind, 10),
        by_department: counts(dept, 50),
        by_source: counts(source, 10),
        by_month: months
            .into_iter()
            .map(|(month, c)| MonthRow { month, complaint: c[0], praise: c[1], suggestion: c[2] })
            .collect(),
        sla: Sla {
            first_response_total: fr_total,
            first_response_on_time: fr_ok,
            resolved_total: res_total,
            resolved_on_time: res_ok,
            open_overdue: overdue,
            compliance_percent: if res_total == 0 { 100.0 } else { round1(res_ok as f64 * 100.0 / res_total as f64) },
        },
        resolve_time: ResolveTime {
            resolved: hours.len() as i64,
            average_hours: round1(avg),
            median_hours: round1(median),
        },
        top_complaint_topics: counts(topics, 10),
        praise_by_staff: counts(staff, 20),
        top_inquiry_topics,
    })
}

/// The statistics as a workbook: one sheet per table, with a column chart
/// on the first.
pub fn export(s: &FeedbackStats) -> ApiResult<Vec<u8>> {
    use rust_xlsxwriter::{Chart, ChartType, Format, Workbook};
    let bold = Format::new().set_bold();
    let mut wb = Workbook::new();
    let err = |e: rust_xlsxwriter::XlsxError| ApiError::internal(format!("export failed: {e}"));
    let count_sheet = |wb: &mut Workbook,
                       name: &str,
                       header: &str,
                       rows: &[Count],
                       chart: bool|
     -> Result<(), rust_xlsxwriter::XlsxError> {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        ws.write_string_with_format(0, 0, header, &bold)?;
        ws.write_string_with_format(0, 1, "数量", &bold)?;
        write_rows(ws, rows.iter().map(|c| (c.key.as_str(), vec![c.count as f64])))?;
        ws.set_column_width(0, 24)?;
        if chart && !rows.is_empty() {
            let mut ch = Chart::new(ChartType::Column);
            ch.add_series()
                .set_categories((name, 1, 0, rows.len() as u32, 0))
                .set_values((name, 1, 1, rows.len() as u32, 1))
                .set_name(name);
            ws.insert_chart(1, 3, &ch)?;
        }
        Ok(())
    };
    count_sheet(&mut wb, "按类型", "类型", &s.by_kind, true).map_err(err)?;
    count_sheet(&mut wb, "按科室", "科室", &s.by_department, true).map_err(err)?;
    count_sheet(&mut wb, "按来源", "来源", &s.by_source, false).map_err(err)?;
    (|| -> Result<(), rust_xlsxwriter::XlsxError> {
        let ws = wb.add_worksheet();
        ws.set_name("按月份")?;
        for (c, h) in ["月份", "投诉", "表扬", "建议"].iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        let months = s
            .by_month
            .iter()
            .map(|m| (m.month.as_str(), vec![m.complaint as f64, m.praise as f64, m.suggestion as f64]));
        write_rows(ws, months)?;
        let ws = wb.add_worksheet();
        ws.set_name("SLA")?;
        let rows: [(&str, f64); 8] = [
            ("首次响应应计", s.sla.first_response_total as f64),
            ("首次响应按时", s.sla.first_response_on_time as f64),
            ("已解决", s.sla.resolved_total as f64),
            ("按时解决", s.sla.resolved_on_time as f64),
            ("超时未结", s.sla.open_overdue as f64),
            ("SLA达成率(%)", s.sla.compliance_percent),
            ("平均处理时长(小时)", s.resolve_time.average_hours),
            ("处理时长中位数(小时)", s.resolve_time.median_hours),
        ];
        ws.write_string_with_format(0, 0, "指标", &bold)?;
        ws.write_string_with_format(0, 1, "数值", &bold)?;
        write_rows(ws, rows.iter().map(|(k, v)| (*k, vec![*v])))?;
        ws.set_column_width(0, 24)?;
        Ok(())
    })()
    .map_err(err)?;
    count_sheet(&mut wb, "投诉主题", "主题", &s.top_complaint_topics, false).map_err(err)?;
    count_sheet(&mut wb, "表扬人员", "人员", &s.praise_by_staff, false).map_err(err)?;
    count_sheet(&mut wb, "咨询主题", "主题", &s.top_inquiry_topics, false).map_err(err)?;
    wb.save_to_buffer().map_err(err)
}
