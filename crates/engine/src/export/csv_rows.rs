//! CSV (RFC 4180): one row per claim. Cells a spreadsheet would run as a formula are
//! neutralised with a leading apostrophe.

use super::neutralize_formula;
use crate::review::ReviewedClaim;

/// The header row.
pub const COLUMNS: [&str; 15] = [
    "id",
    "text",
    "source",
    "role",
    "attribution",
    "cue",
    "hedges",
    "verdict",
    "note",
    "evidence",
    "tags",
    "start",
    "end",
    "page",
    "source_status",
];

/// Writes the table.
pub fn table(input: &super::ExportInput, rows: &[ReviewedClaim]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = writer.write_record(COLUMNS);
    for row in rows {
        let evidence: Vec<String> = row
            .evidence()
            .iter()
            .map(|e| {
                if e.label.is_empty() {
                    e.url.clone()
                } else {
                    format!("{} <{}>", e.label, e.url)
                }
            })
            .collect();
        let cells = [
            row.id.clone(),
            row.text.clone(),
            row.source_name().unwrap_or_default().to_owned(),
            row.source_role().unwrap_or_default().to_owned(),
            row.attribution_name().to_owned(),
            row.cue.clone().unwrap_or_default(),
            row.hedges.join("; "),
            row.verdict().as_str().to_owned(),
            row.note_text().to_owned(),
            evidence.join("; "),
            row.tags().join("; "),
            row.start.to_string(),
            row.end.to_string(),
            row.page.map(|p| format!("p. {p}")).unwrap_or_default(),
            input
                .source_status(row)
                .map(|s| s.credibility.as_str().to_owned())
                .unwrap_or_default(),
        ];
        let _ = writer.write_record(cells.iter().map(|c| neutralize_formula(c)));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
