//! Sample data as files: DynamoDB JSON (one `{"Item": {...}}` per line, the format
//! of DynamoDB's S3 import and export) and CSV (one column per attribute name of any
//! item, key attributes first; sets, lists and maps as JSON in their cell).

use indexmap::IndexSet;

use super::Sample;

pub fn dynamodb_json_lines(sample: &Sample) -> String {
    let mut out = String::new();
    for item in &sample.items {
        out.push_str(&serde_json::json!({ "Item": item.to_dynamodb_json() }).to_string());
        out.push('\n');
    }
    out
}

pub fn csv(sample: &Sample) -> String {
    let mut columns: IndexSet<&str> = sample.key_names.iter().map(String::as_str).collect();
    for item in &sample.items {
        columns.extend(item.attributes.keys().map(String::as_str));
    }
    let mut out = String::new();
    push_row(&mut out, columns.iter().map(|c| c.to_string()));
    for item in &sample.items {
        push_row(&mut out, columns.iter().map(|c| item.get(c).map(|v| v.to_cell()).unwrap_or_default()));
    }
    out
}

/// RFC 4180: quote a cell holding a comma, a quote or a line break; double its quotes.
fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}
