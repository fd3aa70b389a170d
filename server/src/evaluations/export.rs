//! The Excel export: the statistics and every rating, with a native chart.

use hcrm_shared::evaluations::{EvaluationStats, Rating};
use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, XlsxError};

use crate::error::{ApiError, ApiResult};

pub fn workbook(stats: &EvaluationStats, ratings: &[Rating], utc_offset_minutes: i32) -> ApiResult<Vec<u8>> {
    build(stats, ratings, utc_offset_minutes).map_err(|e| ApiError::internal(format!("excel export failed: {e}")))
}

fn build(stats: &EvaluationStats, ratings: &[Rating], utc_offset_minutes: i32) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let offset = chrono::Duration::minutes(utc_offset_minutes as i64);

    let sheet = wb.add_worksheet().set_name("汇总")?;
    sheet.write_string_with_format(0, 0, "评价总数", &bold)?;
    sheet.write_number(0, 1, stats.total as f64)?;
    sheet.write_string_with_format(1, 0, "平均分", &bold)?;
    sheet.write_number(1, 1, stats.average_score)?;
    sheet.write_string_with_format(2, 0, "满意率", &bold)?;
    sheet.write_number(2, 1, stats.satisfaction)?;
    sheet.write_string_with_format(3, 0, "差评数", &bold)?;
    sheet.write_number(3, 1, stats.low as f64)?;
    sheet.write_string_with_format(5, 0, "评价", &bold)?;
    sheet.write_string_with_format(5, 1, "次数", &bold)?;
    for (i, s) in stats.by_score.iter().enumerate() {
        sheet.write_string(6 + i as u32, 0, &s.label)?;
        sheet.write_number(6 + i as u32, 1, s.count as f64)?;
    }
    let last = 5 + stats.by_score.len() as u32;
    let mut chart = Chart::new(ChartType::Column);
    chart.add_series().set_categories(("汇总", 6, 0, last, 0)).set_values(("汇总", 6, 1, last, 1)).set_name("评价分布");
    sheet.insert_chart(0, 3, &chart)?;

    for (name, cells) in [("按窗口", &stats.by_window), ("按人员", &stats.by_clerk), ("按科室", &stats.by_department)]
    {
        let sheet = wb.add_worksheet().set_name(name)?;
        for (c, h) in ["名称", "评价数", "平均分", "满意率", "差评数"].iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        for (i, cell) in cells.iter().enumerate() {
            let r = 1 + i as u32;
            sheet.write_string(r, 0, &cell.name)?;
            sheet.write_number(r, 1, cell.total as f64)?;
            sheet.write_number(r, 2, cell.average_score)?;
            sheet.write_number(r, 3, cell.satisfaction)?;
            sheet.write_number(r, 4, cell.low as f64)?;
        }
    }

    let sheet = wb.add_worksheet().set_name("明细")?;
    for (c, h) in ["时间", "窗口", "人员", "评价", "分数", "设备", "事件号", "患者ID"].iter().enumerate()
    {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, r) in ratings.iter().enumerate() {
        let row = 1 + i as u32;
        sheet.write_string(row, 0, (r.pressed_at.naive_utc() + offset).format("%Y-%m-%d %H:%M:%S").to_string())?;
        sheet.write_string(row, 1, &r.window_name)?;
        sheet.write_string(row, 2, r.clerk_name.as_deref().unwrap_or(""))?;
        sheet.write_string(row, 3, &r.label)?;
        sheet.write_number(row, 4, r.score as f64)?;
        sheet.write_string(row, 5, &r.device_id)?;
        sheet.write_number(row, 6, r.event_seq as f64)?;
        if let Some(p) = r.patient_id {
            sheet.write_number(row, 7, p as f64)?;
        }
    }
    wb.save_to_buffer()
}
