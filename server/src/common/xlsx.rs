//! Writing statistics into workbooks (rust_xlsxwriter).

use rust_xlsxwriter::{Worksheet, XlsxError};

/// Writes one row per item below the header row: its label in the first
/// column, then its numbers.
pub fn write_rows<'a>(
    ws: &mut Worksheet,
    rows: impl IntoIterator<Item = (&'a str, Vec<f64>)>,
) -> Result<(), XlsxError> {
    for (i, (label, numbers)) in rows.into_iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, label)?;
        for (c, n) in numbers.into_iter().enumerate() {
            ws.write_number(r, c as u16 + 1, n)?;
        }
    }
    Ok(())
}
