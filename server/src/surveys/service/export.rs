//! The statistics as an Excel workbook with native charts: the same
//! numbers as `stats::compute` (the UI shows those), plus every answer sheet.

use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, Worksheet, XlsxError};

use super::stats::answer_text;
use crate::surveys::model::Dataset;
use hcrm_shared::questionnaire::api::{SatisfactionRow, SurveyStats};
use hcrm_shared::questionnaire::ResponseChannel;

pub const OVERVIEW: &str = "概览";
pub const DEPARTMENTS: &str = "科室满意度";
pub const QUESTIONS: &str = "题目分布";
pub const TEXTS: &str = "意见建议";
pub const SHEETS: &str = "答卷明细";

fn rate_cell(ws: &mut Worksheet, row: u32, col: u16, r: &SatisfactionRow) -> Result<(), XlsxError> {
    match r.rate {
        Some(x) => ws.write_number(row, col, x)?,
        None => ws.write_string(row, col, "-")?,
    };
    Ok(())
}

fn channel_label(c: ResponseChannel) -> &'static str {
    match c {
        ResponseChannel::Phone => "电话",
        ResponseChannel::Kiosk => "自助终端",
        ResponseChannel::SmsLink => "短信链接",
        ResponseChannel::Staff => "院内员工",
        ResponseChannel::Web => "网页",
    }
}

pub fn workbook(d: &Dataset, s: &SurveyStats) -> Result<Vec<u8>, XlsxError> {
    let bold = Format::new().set_bold();
    let mut wb = Workbook::new();

    let mut ws = Worksheet::new();
    ws.set_name(OVERVIEW)?;
    ws.set_column_width(0, 16)?;
    ws.write_string_with_format(0, 0, "问卷", &bold)?;
    ws.write_string(0, 1, &s.name)?;
    let facts: [(&str, f64); 3] = [
        ("答卷数", s.responses as f64),
        ("有效答卷", s.overall.valid as f64),
        ("满意人数", s.overall.satisfied as f64),
    ];
    for (i, (k, v)) in facts.iter().enumerate() {
        ws.write_string_with_format(1 + i as u32, 0, *k, &bold)?;
        ws.write_number(1 + i as u32, 1, *v)?;
    }
    ws.write_string_with_format(4, 0, "满意度(%)", &bold)?;
    rate_cell(&mut ws, 4, 1, &s.overall)?;
    ws.write_string_with_format(5, 0, "平均得分", &bold)?;
    match s.average_score {
        Some(x) => ws.write_number(5, 1, x)?,
        None => ws.write_string(5, 1, "-")?,
    };
    let head = 7u32;
    for (c, h) in ["月份", "有效答卷", "满意人数", "满意度(%)"].iter().enumerate() {
        ws.write_string_with_format(head, c as u16, *h, &bold)?;
    }
    for (i, r) in s.monthly.iter().enumerate() {
        let row = head + 1 + i as u32;
        ws.write_string(row, 0, &r.month)?;
        ws.write_number(row, 1, r.valid as f64)?;
        ws.write_number(row, 2, r.satisfied as f64)?;
        rate_cell(&mut ws, row, 3, r)?;
    }
    if !s.monthly.is_empty() {
        let last = head + s.monthly.len() as u32;
        let mut chart = Chart::new(ChartType::Line);
        chart
            .add_series()
            .set_categories((OVERVIEW, head + 1, 0, last, 0))
            .set_values((OVERVIEW, head + 1, 3, last, 3))
            .set_name("满意度(%)");
        chart.title().set_name("月度满意度趋势");
        ws.insert_chart(0, 5, &chart)?;
    }
    wb.push_worksheet(ws);

    let mut ws = Worksheet::new();
    ws.set_name(DEPARTMENTS)?;
    ws.set_column_width(1, 18)?;
    for (c, h) in ["月份", "科室", "有效答卷", "满意人数", "满意度(%)"].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let rows: Vec<&SatisfactionRow> = s.departments.iter().chain(s.by_department.iter()).collect();
    for (i, r) in rows.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, if r.month == "all" { "全部" } else { &r.month })?;
        ws.write_string(row, 1, &r.department_name)?;
        ws.write_number(row, 2, r.valid as f64)?;
        ws.write_number(row, 3, r.satisfied as f64)?;
        rate_cell(&mut ws, row, 4, r)?;
    }
    if !s.departments.is_empty() {
        let mut chart = Chart::new(ChartType::Column);
        let last = s.departments.len() as u32;
        chart
            .add_series()
            .set_categories((DEPARTMENTS, 1, 1, last, 1))
            .set_values((DEPARTMENTS, 1, 4, last, 4))
            .set_name("满意度(%)");
        chart.title().set_name("各科室满意度");
        ws.insert_chart(0, 7, &chart)?;
    }
    wb.push_worksheet(ws);

    let mut ws = Worksheet::new();
    ws.set_name(QUESTIONS)?;
    ws.set_column_width(0, 30)?;
    let mut row = 0u32;
    let mut charts = 0;
    for q in &s.questions {
        ws.write_string_with_format(row, 0, format!("{} {}", q.id, q.text), &bold)?;
        ws.write_string_with_format(row, 1, "人数", &bold)?;
        ws.write_string(row, 2, format!("回答 {}", q.answered))?;
        if let Some(a) = q.average {
            ws.write_string(row, 3, format!("平均 {a}"))?;
        }
        let first = row + 1;
        for c in &q.distribution {
            row += 1;
            ws.write_string(row, 0, &c.label)?;
            ws.write_number(row, 1, c.count as f64)?;
        }
        if !q.distribution.is_empty() && charts < 20 {
            let mut chart = Chart::new(ChartType::Bar);
            chart
                .add_series()
                .set_categories((QUESTIONS, first, 0, row, 0))
                .set_values((QUESTIONS, first, 1, row, 1))
                .set_name(q.text.as_str());
            chart.title().set_name(q.text.as_str());
            chart.legend().set_hidden();
            ws.insert_chart(first - 1, 5, &chart)?;
            charts += 1;
            row = row.max(first - 1 + 15);
        }
        row += 2;
    }
    wb.push_worksheet(ws);

    let mut ws = Worksheet::new();
    ws.set_name(TEXTS)?;
    ws.set_column_width(3, 60)?;
    for (c, h) in ["日期", "科室", "题目", "内容"].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, t) in s.texts.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, t.answered_on.to_string())?;
        ws.write_string(row, 1, t.department_name.as_deref().unwrap_or(""))?;
        ws.write_string(row, 2, &t.question_id)?;
        ws.write_string(row, 3, &t.text)?;
    }
    wb.push_worksheet(ws);

    let mut ws = Worksheet::new();
    ws.set_name(SHEETS)?;
    let qs: Vec<(String, String)> = d.latest.content.questions().map(|q| (q.id.clone(), q.text.clone())).collect();
    let fixed = ["编号", "日期", "渠道", "科室", "版本", "得分", "满意度"];
    for (c, h) in fixed.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, (_, text)) in qs.iter().enumerate() {
        ws.write_string_with_format(0, (fixed.len() + i) as u16, text, &bold)?;
    }
    for (i, r) in d.rows.iter().enumerate() {
        let row = 1 + i as u32;
        let v = &d.versions[&r.version_id];
        ws.write_number(row, 0, r.id as f64)?;
        ws.write_string(row, 1, r.answered_on.to_string())?;
        ws.write_string(row, 2, channel_label(r.channel))?;
        ws.write_string(row, 3, d.department_name(r.department_id))?;
        ws.write_number(row, 4, v.number as f64)?;
        if let Some(x) = r.score {
            ws.write_number(row, 5, x)?;
        }
        if let Some(l) = r.satisfaction {
            ws.write_string(row, 6, l.label_zh())?;
        }
        for (j, (qid, _)) in qs.iter().enumerate() {
            if let Some(a) = r.answers.get(qid) {
                ws.write_string(row, (fixed.len() + j) as u16, answer_text(&v.content, qid, a))?;
            }
        }
    }
    wb.push_worksheet(ws);
    wb.save_to_buffer()
}
