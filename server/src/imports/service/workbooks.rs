//! The workbooks an import hands out: the error file and the template.

use std::collections::HashMap;

use hcrm_shared::intake::ImportKind;
use rust_xlsxwriter::{Format, Workbook};

use super::{get, load_table};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::imports::{rows, sheet};

/// The bad rows as they were in the file, with an error column.
pub fn error_file(conn: &mut DbConnection, hospital_id: i64, id: i64) -> ApiResult<Vec<u8>> {
    let b = get(conn, hospital_id, id)?;
    let (_, table) = load_table(conn, id)?;
    let table = table.map_err(|m| ApiError::invalid("file", m))?;
    let mut by_row: HashMap<u32, Vec<String>> = HashMap::new();
    for e in &b.errors {
        let text = if e.column.is_empty() { e.message.clone() } else { format!("{}: {}", e.column, e.message) };
        by_row.entry(e.row).or_default().push(text);
    }
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet();
    let xl = |e: rust_xlsxwriter::XlsxError| ApiError::internal(format!("cannot write the error file: {e}"));
    ws.write_string_with_format(0, 0, "原行号 Row", &bold).map_err(xl)?;
    for (j, h) in table.headers.iter().enumerate() {
        ws.write_string_with_format(0, j as u16 + 1, h, &bold).map_err(xl)?;
    }
    let err_col = table.headers.len() as u16 + 1;
    ws.write_string_with_format(0, err_col, "错误 Error", &bold).map_err(xl)?;
    let mut out_row = 1u32;
    for (row, cells) in &table.rows {
        let Some(errs) = by_row.get(row) else { continue };
        ws.write_number(out_row, 0, *row as f64).map_err(xl)?;
        for (j, c) in cells.iter().enumerate().take(table.headers.len()) {
            let text = match c {
                sheet::Cell::Date(_) => c.date().map(|d| d.to_string()).unwrap_or_else(|| c.text()),
                _ => c.text(),
            };
            ws.write_string(out_row, j as u16 + 1, &text).map_err(xl)?;
        }
        ws.write_string(out_row, err_col, errs.join("; ")).map_err(xl)?;
        out_row += 1;
    }
    ws.set_column_width(err_col, 60).map_err(xl)?;
    wb.save_to_buffer().map_err(xl)
}

/// The template: the headers (required ones marked) and an example row.
pub fn template(kind: ImportKind) -> ApiResult<Vec<u8>> {
    let spec = rows::spec(kind);
    let example: &[&str] = if kind == ImportKind::Exams {
        &[
            "TJ20261103001",
            "张三",
            "",
            "男",
            "11010519491231002X",
            "13800138000",
            "2026-11-03",
            "血压",
            "165/100 mmHg",
            "是",
            "中度",
        ]
    } else {
        &[
            "A000123",
            "张三",
            "男",
            "1949-12-31",
            "11010519491231002X",
            "13800138000",
            "Z2026001",
            "CARD",
            "301-2",
            "2026-10-25",
            "2026-11-03",
            "I21.9",
            "急性心肌梗死",
            "李医生",
        ]
    };
    let xl = |e: rust_xlsxwriter::XlsxError| ApiError::internal(format!("cannot write the template: {e}"));
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet();
    for (j, c) in spec.iter().enumerate() {
        let h = if c.required { format!("{}*", c.headers[0]) } else { c.headers[0].to_string() };
        ws.write_string_with_format(0, j as u16, &h, &bold).map_err(xl)?;
        ws.write_string(1, j as u16, example.get(j).copied().unwrap_or("")).map_err(xl)?;
        ws.set_column_width(j as u16, 14).map_err(xl)?;
    }
    wb.save_to_buffer().map_err(xl)
}
