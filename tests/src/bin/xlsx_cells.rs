//! `xlsx-cells <file>`: every sheet of a workbook as JSON,
//! `{"Sheet name": [["A1", "B1"], ["A2", 3.0]]}`, read with calamine.
//! Chart sheets are listed with an empty grid. Used by the UI's Playwright
//! specs to check downloaded exports.

use calamine::{open_workbook_auto, Data, Reader};
use serde_json::{json, Map, Value};

fn cell(d: &Data) -> Value {
    match d {
        Data::Empty => Value::Null,
        Data::String(s) => json!(s),
        Data::Float(f) => json!(f),
        Data::Int(i) => json!(i),
        Data::Bool(b) => json!(b),
        Data::DateTime(t) => json!(t.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => json!(s),
        Data::Error(e) => json!(format!("#ERR {e:?}")),
    }
}

fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).ok_or_else(|| anyhow::anyhow!("usage: xlsx-cells <file>"))?;
    let mut book = open_workbook_auto(&path)?;
    let mut out = Map::new();
    for name in book.sheet_names() {
        let grid = match book.worksheet_range(&name) {
            Ok(range) => range.rows().map(|r| Value::Array(r.iter().map(cell).collect())).collect(),
            Err(_) => Vec::new(),
        };
        out.insert(name, Value::Array(grid));
    }
    println!("{}", Value::Object(out));
    Ok(())
}
