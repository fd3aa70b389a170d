//! Reading a spreadsheet the way hospital staff make them: the first sheet,
//! title rows (merged or not) above the header, headers in Chinese with
//! synonyms, dates as Excel serials or text, full-width digits, blank rows.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use chrono::{Duration, NaiveDate};
use hcrm_shared::validation::to_half_width;

/// A column the import understands: its field, the headers that name it
/// (the first is the template's), and whether a value is required.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub field: &'static str,
    pub headers: &'static [&'static str],
    pub required: bool,
}

/// A cell made text: numbers without a spurious ".0", dates kept as serials.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// An Excel date serial (a cell formatted as a date).
    Date(f64),
    Bool(bool),
    Error(String),
}

impl Cell {
    fn of(d: &Data) -> Cell {
        match d {
            Data::Empty => Cell::Empty,
            Data::String(s) => {
                let t = to_half_width(s).trim().to_string();
                if t.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(t)
                }
            }
            Data::Int(i) => Cell::Number(*i as f64),
            Data::Float(f) => Cell::Number(*f),
            Data::Bool(b) => Cell::Bool(*b),
            Data::DateTime(dt) => Cell::Date(dt.as_f64()),
            Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
            Data::Error(e) => Cell::Error(format!("{e:?}")),
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The value as text, as a person would read it.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) | Cell::Date(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) | Cell::Date(n) => n.to_string(),
            Cell::Bool(b) => {
                if *b {
                    "是".into()
                } else {
                    "否".into()
                }
            }
            Cell::Error(e) => format!("#{e}"),
        }
    }

    /// A date from a date cell, a serial number, or text such as
    /// 2026-11-03, 2026/11/3, 2026年11月3日, 2026.11.3 or 20261103 (a time
    /// after the date is ignored).
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Cell::Date(n) => serial_date(*n),
            Cell::Number(n) if (1.0..=2_958_465.0).contains(n) => serial_date(*n),
            Cell::Number(n) if n.fract() == 0.0 => NaiveDate::parse_from_str(&format!("{}", *n as i64), "%Y%m%d").ok(),
            Cell::Text(s) => text_date(s),
            _ => None,
        }
    }
}

/// Excel's 1900 date system (serial 60 is the fictional 1900-02-29).
fn serial_date(n: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&n) {
        return None;
    }
    let days = n.floor() as i64;
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let days = if days < 60 { days + 1 } else { days };
    base.checked_add_signed(Duration::days(days))
}

pub fn text_date(s: &str) -> Option<NaiveDate> {
    let s = to_half_width(s.trim());
    let parts: Vec<&str> = s.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [one] if one.len() == 8 => NaiveDate::parse_from_str(one, "%Y%m%d").ok(),
        [one] if one.len() <= 6 => {
            one.parse::<f64>().ok().and_then(serial_date).filter(|_| s.chars().all(|c| c.is_ascii_digit()))
        }
        [y, m, d, ..] if y.len() == 4 => {
            // Only date-like separators between the parts.
            let ok = s.chars().all(|c| c.is_ascii_digit() || "-/.年月日 :T".contains(c));
            if !ok {
                return None;
            }
            NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        _ => None,
    }
}

/// The data of a sheet below its header.
#[derive(Debug, Clone)]
pub struct Table {
    /// Excel row number of the header row.
    pub header_row: u32,
    /// For each recognised column: (index in the row, header as written, field).
    pub columns: Vec<(usize, String, &'static str)>,
    /// (Excel row number, cells), blank rows left out.
    pub rows: Vec<(u32, Vec<Cell>)>,
    /// Every header cell as written (for the error file).
    pub headers: Vec<String>,
}

impl Table {
    pub fn cell<'a>(&self, cells: &'a [Cell], field: &str) -> Option<(&'a Cell, &str)> {
        self.columns.iter().find(|c| c.2 == field).map(|c| (cells.get(c.0).unwrap_or(&Cell::Empty), c.1.as_str()))
    }
    pub fn header_of(&self, field: &str, spec: &[Column]) -> String {
        self.columns.iter().find(|c| c.2 == field).map(|c| c.1.clone()).unwrap_or_else(|| {
            spec.iter().find(|c| c.field == field).map(|c| c.headers[0].to_string()).unwrap_or_default()
        })
    }
}

fn normalise_header(s: &str) -> String {
    to_half_width(s)
        .replace("(必填)", "")
        .replace("（必填）", "")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*' && *c != ':' && *c != '：')
        .collect::<String>()
        .to_lowercase()
}

/// Reads the first sheet of an .xlsx or .xls file and finds the header: the
/// row among the first 30 that names the most known columns.
pub fn read(bytes: &[u8], spec: &[Column]) -> Result<Table, String> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| format!("the file is not an Excel workbook (.xlsx or .xls): {e}"))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or("the workbook has no sheet")?
        .map_err(|e| format!("the first sheet cannot be read: {e}"))?;
    let (top, _) = range.start().unwrap_or((0, 0));
    let all: Vec<Vec<Cell>> = range.rows().map(|r| r.iter().map(Cell::of).collect()).collect();
    type Found = Vec<(usize, String, &'static str)>;
    let mut best: Option<(usize, Found)> = None;
    for (i, row) in all.iter().enumerate().take(30) {
        let mut found: Found = Vec::new();
        for (j, cell) in row.iter().enumerate() {
            let Cell::Text(h) = cell else { continue };
            let n = normalise_header(h);
            if let Some(col) = spec.iter().find(|c| c.headers.iter().any(|x| normalise_header(x) == n)) {
                if !found.iter().any(|f| f.2 == col.field) {
                    found.push((j, h.clone(), col.field));
                }
            }
        }
        if found.len() >= 2 && best.as_ref().is_none_or(|b| found.len() > b.1.len()) {
            best = Some((i, found));
        }
    }
    let Some((hi, columns)) = best else {
        let names: Vec<&str> = spec.iter().filter(|c| c.required).map(|c| c.headers[0]).collect();
        return Err(format!(
            "no header row found in the first 30 rows; the sheet needs the columns {}",
            names.join(", ")
        ));
    };
    let missing: Vec<&str> =
        spec.iter().filter(|c| c.required && !columns.iter().any(|f| f.2 == c.field)).map(|c| c.headers[0]).collect();
    if !missing.is_empty() {
        return Err(format!(
            "row {}: the header lacks the required columns {}",
            top as usize + hi + 1,
            missing.join(", ")
        ));
    }
    let headers = all[hi].iter().map(Cell::text).collect();
    let rows = all
        .into_iter()
        .enumerate()
        .skip(hi + 1)
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
        .map(|(i, cells)| (top + i as u32 + 1, cells))
        .collect();
    Ok(Table { header_row: top + hi as u32 + 1, columns, rows, headers })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_spelling() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        for s in [
            "2026-11-03",
            "2026/11/3",
            "2026年11月3日",
            "2026.11.03",
            "20261103",
            "２０２６－１１－０３",
            "2026-11-03 10:30",
        ] {
            assert_eq!(Cell::Text(to_half_width(s)).date(), Some(d), "{s}");
        }
        assert_eq!(Cell::Date(46329.0).date(), Some(d));
        assert_eq!(Cell::Number(46329.0).date(), Some(d));
        assert_eq!(Cell::Text("46329".into()).date(), Some(d));
        for bad in ["明天", "2026-13-01", "11/3/2026", "abc 2026-11-03"] {
            assert_eq!(Cell::Text(bad.into()).date(), None, "{bad}");
        }
        assert_eq!(Cell::Number(12345678.5).date(), None);
    }
}
