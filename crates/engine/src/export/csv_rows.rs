//! CSV (RFC 4180): one row per claim. Cells a spreadsheet would run as a formula are
//! neutralised with a leading apostrophe.

use super::neutralize_formula;
use crate::review::ReviewedClaim;

/// The header row.
pub const COLUMNS: [&str; 17] = [
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
    "review",
    "judged_wording",
];

/// `needs_review` when the words the verdict was given on changed, `confirmed` when the
/// verdict was confirmed on new words, else empty.
fn review_state(row: &ReviewedClaim) -> &'static str {
    if row.needs_review().is_some() {
        "needs_review"
    } else if row.last_rewording().is_some() {
        "confirmed"
    } else {
        ""
    }
}

/// The wording the verdict was given on, when it differs from `text`.
fn judged_wording(row: &ReviewedClaim) -> String {
    match (row.needs_review(), row.last_rewording()) {
        (Some(review), _) => review.earlier.clone(),
        (None, Some(rewording)) => rewording.from.clone(),
        (None, None) => String::new(),
    }
}

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
            review_state(row).to_owned(),
            judged_wording(row),
        ];
        let _ = writer.write_record(cells.iter().map(|c| neutralize_formula(c)));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
