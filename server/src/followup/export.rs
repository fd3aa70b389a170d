//! Excel exports (rust_xlsxwriter): follow-up records, and each statistic
//! as a data sheet with a native chart on its own chart sheet.

use chrono::Duration;
use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, Worksheet, XlsxError};

use std::collections::HashMap;

use diesel::prelude::*;

use super::model::Task;
use super::stats::FollowupStats;
use crate::common::xlsx::write_rows;
use crate::db::schema::survey_responses;
use crate::db::DbConnection;
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use hcrm_shared::followup::StatsSheet;

fn xerr(e: XlsxError) -> ApiError {
    ApiError::internal(format!("cannot write the workbook: {e}"))
}

fn header_row(ws: &mut Worksheet, titles: &[&str]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (i, t) in titles.iter().enumerate() {
        ws.write_with_format(0, i as u16, *t, &bold)?;
        ws.set_column_width(i as u16, 14)?;
    }
    Ok(())
}

/// A chart sheet drawing `series` (column index, name) of `sheet` against
/// its first column, rows 1..=n.
fn chart_sheet(
    wb: &mut Workbook,
    name: &str,
    sheet: &str,
    n: usize,
    series: &[(u16, &str)],
    kind: ChartType,
) -> Result<(), XlsxError> {
    let mut chart = Chart::new(kind);
    chart.title().set_name(name);
    let last = n.max(1) as u32;
    for (col, title) in series {
        chart
            .add_series()
            .set_name(*title)
            .set_categories((sheet, 1, 0, last, 0))
            .set_values((sheet, 1, *col, last, *col));
    }
    let cs = wb.add_chartsheet();
    cs.set_name(format!("{name}图"))?;
    cs.insert_chart(0, 0, &chart)?;
    Ok(())
}

pub fn stats_workbook(s: &FollowupStats, which: StatsSheet) -> ApiResult<Vec<u8>> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        let want = |w: StatsSheet| which == StatsSheet::All || which == w;
        if want(StatsSheet::Workload) {
            let ws = wb.add_worksheet();
            ws.set_name("工作量")?;
            header_row(ws, &["人员", "尝试次数", "接通", "完成"])?;
            let rows = s
                .workload
                .iter()
                .map(|w| (w.name.as_str(), vec![w.attempts as f64, w.reached as f64, w.completed as f64]));
            write_rows(ws, rows)?;
            chart_sheet(
                &mut wb,
                "工作量",
                "工作量",
                s.workload.len(),
                &[(1, "尝试次数"), (2, "接通"), (3, "完成")],
                ChartType::Column,
            )?;
        }
        if want(StatsSheet::Coverage) {
            let ws = wb.add_worksheet();
            ws.set_name("科室覆盖")?;
            header_row(ws, &["科室", "应随访", "已完成", "覆盖率%"])?;
            write_rows(ws, s.coverage.iter().map(|c| (c.name.as_str(), vec![c.due as f64, c.done as f64, c.rate])))?;
            chart_sheet(
                &mut wb,
                "科室覆盖",
                "科室覆盖",
                s.coverage.len(),
                &[(1, "应随访"), (2, "已完成")],
                ChartType::Column,
            )?;
        }
        if want(StatsSheet::Contact) {
            let ws = wb.add_worksheet();
            ws.set_name("接通率")?;
            header_row(ws, &["项目", "数值"])?;
            ws.write(1, 0, "尝试次数")?;
            ws.write(1, 1, s.contact.attempts as f64)?;
            ws.write(2, 0, "接通次数")?;
            ws.write(2, 1, s.contact.contacted as f64)?;
            ws.write(3, 0, "接通率%")?;
            ws.write(3, 1, s.contact.rate)?;
            let mut chart = Chart::new(ChartType::Pie);
            chart.title().set_name("接通率");
            ws.write(5, 0, "接通")?;
            ws.write(5, 1, s.contact.contacted as f64)?;
            ws.write(6, 0, "未接通")?;
            ws.write(6, 1, (s.contact.attempts - s.contact.contacted) as f64)?;
            chart.add_series().set_name("接通率").set_categories(("接通率", 5, 0, 6, 0)).set_values((
                "接通率",
                5,
                1,
                6,
                1,
            ));
            let cs = wb.add_chartsheet();
            cs.set_name("接通率图")?;
            cs.insert_chart(0, 0, &chart)?;
        }
        if want(StatsSheet::Trend) {
            let ws = wb.add_worksheet();
            ws.set_name("月度趋势")?;
            header_row(ws, &["月份", "应随访", "已完成", "尝试次数", "接通次数", "接通率%"])?;
            let rows = s.trend.iter().map(|p| {
                let numbers = vec![p.due as f64, p.done as f64, p.attempts as f64, p.contacted as f64, p.contact_rate];
                (p.month.as_str(), numbers)
            });
            write_rows(ws, rows)?;
            chart_sheet(
                &mut wb,
                "月度趋势",
                "月度趋势",
                s.trend.len(),
                &[(1, "应随访"), (2, "已完成"), (3, "尝试次数")],
                ChartType::Line,
            )?;
        }
        wb.save_to_buffer()
    };
    build().map_err(xerr)
}

/// Follow-up records: one row per task (research exports use the rule's
/// tasks). Times in local time.
/// The questionnaire answers given on each task (surveys' responses linked
/// to it), as readable text: "question：answer；…", several responses
/// separated by " | "; with the response's satisfaction level.
pub fn task_answers(
    conn: &mut DbConnection,
    hospital_id: i64,
    task_ids: &[i64],
) -> ApiResult<HashMap<i64, (String, String)>> {
    let mut rows: Vec<(i64, i64, String, Option<String>)> = Vec::new();
    for chunk in task_ids.chunks(500) {
        let part: Vec<(Option<i64>, i64, String, Option<String>)> = db_run!(conn: {
            survey_responses::table
                .filter(survey_responses::hospital_id.eq(hospital_id))
                .filter(survey_responses::followup_task_id.eq_any(chunk))
                .order(survey_responses::id)
                .select((survey_responses::followup_task_id, survey_responses::version_id, survey_responses::answers, survey_responses::satisfaction))
                .load(conn)?
        });
        rows.extend(part.into_iter().filter_map(|(t, v, a, s)| t.map(|t| (t, v, a, s))));
    }
    let mut versions: HashMap<i64, crate::surveys::model::LoadedVersion> = HashMap::new();
    let mut out: HashMap<i64, (String, String)> = HashMap::new();
    for (task, version, answers, satisfaction) in rows {
        if let std::collections::hash_map::Entry::Vacant(e) = versions.entry(version) {
            e.insert(crate::surveys::service::templates::version(conn, hospital_id, version)?);
        }
        let t = &versions[&version].content;
        let answers: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&answers).unwrap_or_default();
        let text = t
            .questions()
            .filter_map(|q| {
                answers
                    .get(&q.id)
                    .map(|v| format!("{}：{}", q.text, crate::surveys::service::stats::answer_text(t, &q.id, v)))
            })
            .collect::<Vec<_>>()
            .join("；");
        let e = out.entry(task).or_default();
        for (field, add) in [(&mut e.0, text), (&mut e.1, satisfaction.unwrap_or_default())] {
            if !field.is_empty() {
                field.push_str(" | ");
            }
            field.push_str(&add);
        }
    }
    Ok(out)
}

pub fn records_workbook(
    tasks: &[Task],
    last_notes: &HashMap<i64, String>,
    answers: &HashMap<i64, (String, String)>,
    offset_minutes: i32,
) -> ApiResult<Vec<u8>> {
    let off = Duration::minutes(offset_minutes as i64);
    let fmt = |t: chrono::DateTime<chrono::Utc>| (t.naive_utc() + off).format("%Y-%m-%d %H:%M").to_string();
    let build = || -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("随访记录")?;
        header_row(
            ws,
            &[
                "任务号",
                "患者",
                "病案号",
                "科室",
                "类型",
                "任务",
                "问卷",
                "状态",
                "结果",
                "尝试次数",
                "应随访起",
                "应随访止",
                "完成时间",
                "负责人",
                "备注",
                "问卷答案",
                "满意度",
            ],
        )?;
        for (i, t) in tasks.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write(r, 0, t.id as f64)?;
            ws.write(r, 1, &t.patient_name)?;
            ws.write(r, 2, &t.mrn)?;
            ws.write(r, 3, t.department_name.as_deref().unwrap_or(""))?;
            ws.write(r, 4, t.kind.as_str())?;
            ws.write(r, 5, &t.title)?;
            if let Some(q) = t.questionnaire_id {
                ws.write(r, 6, q as f64)?;
            }
            ws.write(r, 7, t.status.as_str())?;
            ws.write(r, 8, t.outcome.as_deref().unwrap_or(""))?;
            ws.write(r, 9, t.attempts as f64)?;
            ws.write(r, 10, fmt(t.due_from))?;
            ws.write(r, 11, fmt(t.due_until))?;
            ws.write(r, 12, t.completed_at.map(fmt).unwrap_or_default())?;
            ws.write(r, 13, t.assignee_name.as_deref().unwrap_or(""))?;
            ws.write(r, 14, last_notes.get(&t.id).map(String::as_str).unwrap_or(""))?;
            if let Some((text, satisfaction)) = answers.get(&t.id) {
                ws.write(r, 15, text)?;
                ws.write(r, 16, satisfaction)?;
            }
        }
        ws.set_column_width(15, 60)?;
        wb.save_to_buffer()
    };
    build().map_err(xerr)
}
