//! A source's record as a Markdown report for an editor, and as JSON
//! (schema [`crate::library::SOURCE_RECORD_SCHEMA`]).

use std::fmt::Write as _;

use super::markdown::escape_line;
use crate::library::{RecordClaim, SourceRecord};
use crate::review::attribution_label;
use crate::store::{Verdict, format_time};

/// Verdicts in the order the report counts them.
const COUNTED: [Verdict; 6] = [
    Verdict::False,
    Verdict::Misleading,
    Verdict::Disputed,
    Verdict::Inconclusive,
    Verdict::Verified,
    Verdict::Unverified,
];

/// The record as a Markdown report: who the source is, the person's word on it, the track
/// record in brief and per verdict, then every claim with its report, date, chain and verdict.
pub fn source_record_markdown(record: &SourceRecord) -> String {
    let mut out = String::new();
    let source = &record.source;
    let _ = writeln!(out, "# Source record: {}\n", escape_line(&source.name));
    let _ = writeln!(out, "- Kind: {}", source.kind.as_str());
    if !source.roles.is_empty() {
        let _ = writeln!(out, "- Roles: {}", escape_line(&source.roles.join("; ")));
    }
    if !source.aliases.is_empty() {
        let _ = writeln!(
            out,
            "- Also called: {}",
            escape_line(&source.aliases.join("; "))
        );
    }
    match (&record.record.first_seen, &record.record.last_seen) {
        (Some(first), Some(last)) if first != last => {
            let _ = writeln!(
                out,
                "- Seen: {} to {}",
                escape_line(first),
                escape_line(last)
            );
        }
        (Some(first), _) => {
            let _ = writeln!(out, "- Seen: {}", escape_line(first));
        }
        _ => {}
    }
    match &record.status {
        Some(status) => {
            let _ = write!(out, "- Your word on it: **{}**", status.credibility.label());
            if !status.note.is_empty() {
                let _ = write!(out, " — {}", escape_line(&status.note));
            }
            let _ = writeln!(out, " (set {})", format_time(&status.modified));
        }
        None => {
            let _ = writeln!(out, "- Your word on it: not given");
        }
    }
    let _ = writeln!(out, "\n## Track record\n\n{}\n", record.record.describe());
    let _ = writeln!(out, "| Verdict | Claims |\n|---|---|");
    for verdict in COUNTED {
        let _ = writeln!(
            out,
            "| {} | {} |",
            verdict.as_str(),
            record.record.verdicts.get(verdict)
        );
    }
    write_claims(&mut out, "Claims", &record.claims);
    if !record.relayed.is_empty() {
        write_claims(&mut out, "Claims it relayed", &record.relayed);
    }
    out
}

fn write_claims(out: &mut String, title: &str, claims: &[RecordClaim]) {
    let _ = writeln!(out, "\n## {title}\n");
    if claims.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for (n, claim) in claims.iter().enumerate() {
        let how = claim
            .attribution
            .map_or("marked by hand", attribution_label);
        let date = claim
            .date
            .as_deref()
            .map(|d| format!(", {}", escape_line(d)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}. **{}** — “{}” — {}{date} ({how}; {})",
            n + 1,
            claim.verdict.as_str(),
            escape_line(&claim.text),
            escape_line(&claim.report),
            escape_line(&claim.chain),
        );
        let _ = writeln!(
            out,
            "   {}, chars {}–{}",
            escape_line(&claim.path),
            claim.start,
            claim.end
        );
    }
}

/// The record as pretty-printed JSON, ending with a newline.
pub fn source_record_json(record: &SourceRecord) -> String {
    let mut text = serde_json::to_string_pretty(record).unwrap_or_else(|_| "{}".to_owned());
    text.push('\n');
    text
}
