//! W3C Web Annotation JSON-LD: an `AnnotationCollection` of the person's notes, each an
//! `Annotation` with motivation `assessing`; and the import of such a file back into notes.
//!
//! Bodies: the verdict (`TextualBody`, purpose `assessing`), the note (`TextualBody`, purpose
//! `commenting`, format `text/markdown`), one body per tag (purpose `tagging`) and one per
//! evidence link (`SpecificResource`, purpose `linking`). The target holds a
//! `TextQuoteSelector`, a `TextPositionSelector` and a `TimeState` whose `cached` names the
//! annotated text version (`urn:sha256:…`). What the model has no term for (note id, origin,
//! verdict history, confirmations after a rewording) is kept under the `cc:` prefix so an import
//! loses nothing; a note whose words changed since its verdict carries `cc:needsReview` with
//! the wording judged (`earlier`) and the words now in its place (`current`, absent when gone).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::ExportInput;
use crate::review::ReviewedClaim;
use crate::sources::SourceStatus;
use crate::store::{
    Anchor, Evidence, NeedsReview, Note, Origin, Rewording, Verdict, VerdictChange, format_time,
};

/// The JSON-LD vocabulary of Crosscheck's own terms.
const CROSSCHECK_VOCABULARY: &str = "https://crosscheck.invalid/ns#";

/// Writes the collection of the article's notes; `claims` (the claim+note join) gives each
/// note's source the person's word on it.
pub fn collection(input: &ExportInput, claims: &[ReviewedClaim]) -> String {
    let statuses: HashMap<&str, &SourceStatus> = claims
        .iter()
        .filter_map(|row| {
            Some((
                row.note.as_ref()?.note.id.as_str(),
                input.source_status(row)?,
            ))
        })
        .collect();
    let document = input.document;
    let source = document
        .path
        .as_deref()
        .map(file_uri)
        .unwrap_or_else(|| format!("urn:sha256:{}", document.sha256));
    let items: Vec<Value> = input
        .notes
        .notes
        .iter()
        .map(|placed| {
            let anchor = placed.current_anchor();
            let page = document.page_at(anchor.start);
            let mut item = annotation(
                &placed.note,
                &anchor,
                placed.review.as_ref(),
                page,
                &source,
                &document.sha256,
            );
            let status = statuses.get(placed.note.id.as_str());
            if let (Some(status), Some(fields)) = (status, item.as_object_mut()) {
                let mut value = json!({"credibility": status.credibility.as_str()});
                if !status.note.is_empty() {
                    value["note"] = json!(status.note);
                }
                fields.insert("cc:sourceStatus".to_owned(), value);
            }
            item
        })
        .collect();
    let title = document.title.as_deref().unwrap_or("Untitled article");
    let value = json!({
        "@context": ["http://www.w3.org/ns/anno.jsonld", {"cc": CROSSCHECK_VOCABULARY}],
        "id": format!("urn:crosscheck:notes:{}", document.sha256),
        "type": "AnnotationCollection",
        "label": format!("Verification notes: {title}"),
        "total": items.len(),
        "first": {"type": "AnnotationPage", "items": items},
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

fn annotation(
    note: &Note,
    anchor: &Anchor,
    review: Option<&NeedsReview>,
    page: Option<u32>,
    source: &str,
    sha256: &str,
) -> Value {
    let mut bodies = vec![json!({
        "type": "TextualBody",
        "purpose": "assessing",
        "value": note.verdict.as_str(),
    })];
    if !note.note.is_empty() {
        bodies.push(json!({
            "type": "TextualBody",
            "purpose": "commenting",
            "format": "text/markdown",
            "value": note.note,
        }));
    }
    for tag in &note.tags {
        bodies.push(json!({"type": "TextualBody", "purpose": "tagging", "value": tag}));
    }
    for evidence in &note.evidence {
        bodies.push(json!({
            "type": "SpecificResource",
            "purpose": "linking",
            "source": evidence.url,
            "label": evidence.label,
        }));
    }
    let history: Vec<Value> = note
        .history
        .iter()
        .map(|h| {
            let mut change =
                json!({"from": h.from.as_str(), "to": h.to.as_str(), "at": format_time(&h.at)});
            if let Some(adopted_from) = &h.adopted_from {
                change["adoptedFrom"] = json!(adopted_from);
            }
            if let Some(undo) = h.undo {
                change["undo"] = json!(undo);
            }
            change
        })
        .collect();
    let mut annotation = json!({
        "id": format!("urn:crosscheck:note:{}", note.id),
        "type": "Annotation",
        "motivation": "assessing",
        "created": format_time(&note.created),
        "modified": format_time(&note.modified),
        "body": bodies,
        "target": {
            "source": source,
            "selector": [
                {"type": "TextQuoteSelector", "exact": anchor.exact, "prefix": anchor.prefix, "suffix": anchor.suffix},
                {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end},
            ],
            "state": {"type": "TimeState", "cached": format!("urn:sha256:{sha256}"), "sourceDate": format_time(&note.modified)},
        },
        "cc:origin": match note.origin { Origin::Extracted => "extracted", Origin::Manual => "manual" },
        "cc:history": history,
    });
    if let (Some(page), Some(selectors)) = (page, annotation["target"]["selector"].as_array_mut()) {
        // The PDF page (RFC 3778 fragment), refined by the quote on it.
        selectors.push(json!({
            "type": "FragmentSelector",
            "conformsTo": "http://tools.ietf.org/rfc/rfc3778",
            "value": format!("page={page}"),
            "refinedBy": {"type": "TextQuoteSelector", "exact": anchor.exact, "prefix": anchor.prefix, "suffix": anchor.suffix},
        }));
    }
    if let Some(fields) = annotation.as_object_mut() {
        if let Some(source) = &note.source {
            fields.insert("cc:source".to_owned(), json!(source));
        }
        if let Some(review) = review {
            let mut value = json!({"earlier": review.earlier});
            if let Some(current) = &review.current {
                value["current"] = json!(current);
            }
            fields.insert("cc:needsReview".to_owned(), value);
        }
        if !note.rewordings.is_empty() {
            fields.insert(
                "cc:rewordings".to_owned(),
                serde_json::to_value(&note.rewordings).unwrap_or_default(),
            );
        }
    }
    annotation
}

/// A `file://` URI for a path (absolute when it can be made so).
fn file_uri(path: &str) -> String {
    let absolute = std::path::absolute(path)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| path.to_owned());
    let encoded: String = absolute
        .chars()
        .map(|c| match c {
            ' ' => "%20".to_owned(),
            '%' => "%25".to_owned(),
            '#' => "%23".to_owned(),
            '?' => "%3F".to_owned(),
            c => c.to_string(),
        })
        .collect();
    format!("file://{encoded}")
}

/// The path a `file://` URI names.
fn path_of_file_uri(uri: &str) -> Option<String> {
    let rest = uri.strip_prefix("file://")?;
    let mut out = Vec::with_capacity(rest.len());
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = rest.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Notes read from a W3C export.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedNotes {
    /// The annotated file's path, from the targets' `file://` source, if any.
    pub source_path: Option<String>,
    /// The annotated text version, from the targets' `TimeState`, if any.
    pub sha256: Option<String>,
    /// The notes.
    pub notes: Vec<Note>,
}

/// Why a W3C file could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Not JSON.
    #[error("not JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// JSON, but not an annotation collection this program can read.
    #[error("not a W3C annotation export: {0}")]
    Shape(String),
    /// More annotations than one import takes.
    #[error("the file holds {count} annotations; one import takes at most {limit}")]
    TooManyNotes {
        /// Annotations in the file.
        count: usize,
        /// [`MAX_IMPORT_NOTES`].
        limit: usize,
    },
    /// The file is larger than [`MAX_IMPORT_BYTES`], or not a regular file.
    #[error("too large or not a regular file (the limit is {limit_bytes} bytes)")]
    TooLarge {
        /// [`MAX_IMPORT_BYTES`].
        limit_bytes: u64,
    },
    /// The file could not be read.
    #[error("cannot read the file: {0}")]
    Unreadable(std::io::Error),
}

/// Most annotations one import takes (an article with that many notes is already unusual).
pub const MAX_IMPORT_NOTES: usize = 20_000;

/// Largest export file read for an import, in bytes.
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads and parses the W3C export at `path`, reading at most [`MAX_IMPORT_BYTES`] (a device
/// or a pipe is refused before it is read).
pub fn read_w3c_file(path: &std::path::Path) -> Result<ImportedNotes, ImportError> {
    use std::io::Read;
    let metadata = std::fs::metadata(path).map_err(ImportError::Unreadable)?;
    let too_large = ImportError::TooLarge {
        limit_bytes: MAX_IMPORT_BYTES,
    };
    if !metadata.is_file() || metadata.len() > MAX_IMPORT_BYTES {
        return Err(too_large);
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_IMPORT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(ImportError::Unreadable)?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(too_large);
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| ImportError::Shape("the file is not UTF-8 text".to_owned()))?;
    parse_w3c(&text)
}

/// Reads the notes of a W3C annotation collection (or a single page or annotation).
pub fn parse_w3c(text: &str) -> Result<ImportedNotes, ImportError> {
    let value: Value = serde_json::from_str(text)?;
    let items: Vec<&Value> =
        if let Some(items) = value.pointer("/first/items").and_then(Value::as_array) {
            items.iter().collect()
        } else if let Some(items) = value.get("items").and_then(Value::as_array) {
            items.iter().collect()
        } else if value.get("type").and_then(Value::as_str) == Some("Annotation") {
            vec![&value]
        } else {
            return Err(ImportError::Shape(
                "no annotations found (expected first.items)".to_owned(),
            ));
        };
    if items.len() > MAX_IMPORT_NOTES {
        return Err(ImportError::TooManyNotes {
            count: items.len(),
            limit: MAX_IMPORT_NOTES,
        });
    }
    let mut imported = ImportedNotes {
        source_path: None,
        sha256: None,
        notes: Vec::new(),
    };
    for (index, item) in items.into_iter().enumerate() {
        let note = note_of(item)
            .map_err(|why| ImportError::Shape(format!("annotation {}: {why}", index + 1)))?;
        let target = &item["target"];
        if imported.source_path.is_none() {
            imported.source_path = target["source"].as_str().and_then(path_of_file_uri);
        }
        if imported.sha256.is_none() {
            imported.sha256 = target["state"]["cached"]
                .as_str()
                .and_then(|c| c.strip_prefix("urn:sha256:"))
                .map(str::to_owned);
        }
        imported.notes.push(note);
    }
    Ok(imported)
}

fn time(value: &Value, what: &str) -> Result<DateTime<Utc>, String> {
    let text = value.as_str().ok_or_else(|| format!("missing {what}"))?;
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|err| format!("bad {what} {text:?}: {err}"))
}

fn note_of(item: &Value) -> Result<Note, String> {
    let id = item["id"]
        .as_str()
        .map(|id| {
            id.strip_prefix("urn:crosscheck:note:")
                .unwrap_or(id)
                .to_owned()
        })
        .ok_or("missing id")?;
    let selectors = item["target"]["selector"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let quote = selectors
        .iter()
        .find(|s| s["type"] == "TextQuoteSelector")
        .ok_or("no TextQuoteSelector")?;
    let position = selectors
        .iter()
        .find(|s| s["type"] == "TextPositionSelector");
    let text_of = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    let exact = text_of(&quote["exact"]);
    if exact.is_empty() {
        return Err("empty exact quote".to_owned());
    }
    // Offsets are only hints (the quote is re-anchored); absurd ones are made harmless.
    let offset = |v: &Value| v.as_u64().and_then(|n| usize::try_from(n).ok());
    let start = position.and_then(|p| offset(&p["start"])).unwrap_or(0);
    let quoted_end = start.saturating_add(exact.chars().count());
    let end = position
        .and_then(|p| offset(&p["end"]))
        .filter(|end| *end >= start)
        .unwrap_or(quoted_end);
    let anchor = Anchor {
        exact,
        prefix: text_of(&quote["prefix"]),
        suffix: text_of(&quote["suffix"]),
        start,
        end,
    };
    let bodies: Vec<Value> = match &item["body"] {
        Value::Array(bodies) => bodies.clone(),
        Value::Null => Vec::new(),
        body => vec![body.clone()],
    };
    let mut verdict = Verdict::Unverified;
    let mut note = String::new();
    let mut tags = Vec::new();
    let mut evidence = Vec::new();
    for body in &bodies {
        match body["purpose"].as_str().unwrap_or_default() {
            "assessing" => {
                let name = body["value"].as_str().unwrap_or_default();
                verdict =
                    Verdict::parse(name).ok_or_else(|| format!("unknown verdict {name:?}"))?;
            }
            "commenting" => note = text_of(&body["value"]),
            "tagging" => tags.push(text_of(&body["value"])),
            "linking" => {
                let url = body["source"]
                    .as_str()
                    .or(body["id"].as_str())
                    .unwrap_or_default()
                    .to_owned();
                if !url.is_empty() {
                    evidence.push(Evidence {
                        url,
                        label: text_of(&body["label"]),
                    });
                }
            }
            _ => {}
        }
    }
    let history = item["cc:history"]
        .as_array()
        .map(|changes| {
            changes
                .iter()
                .map(|h| {
                    let verdict_of = |v: &Value| {
                        let name = v.as_str().unwrap_or_default();
                        Verdict::parse(name)
                            .ok_or_else(|| format!("unknown verdict {name:?} in history"))
                    };
                    Ok(VerdictChange {
                        from: verdict_of(&h["from"])?,
                        to: verdict_of(&h["to"])?,
                        at: time(&h["at"], "history time")?,
                        adopted_from: h["adoptedFrom"].as_str().map(str::to_owned),
                        undo: serde_json::from_value(h["undo"].clone()).ok(),
                    })
                })
                .collect::<Result<Vec<_>, String>>()
        })
        .transpose()?
        .unwrap_or_default();
    let origin = match item["cc:origin"].as_str() {
        Some("manual") => Origin::Manual,
        _ => Origin::Extracted,
    };
    Ok(Note {
        id,
        anchor,
        origin,
        source: item["cc:source"].as_str().map(str::to_owned),
        verdict,
        note,
        evidence,
        tags,
        created: time(&item["created"], "created time")?,
        modified: time(&item["modified"], "modified time")?,
        history,
        rewordings: serde_json::from_value::<Vec<Rewording>>(item["cc:rewordings"].clone())
            .unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip() {
        let uri = file_uri("/tmp/a b#c.txt");
        assert_eq!(uri, "file:///tmp/a%20b%23c.txt");
        assert_eq!(path_of_file_uri(&uri).as_deref(), Some("/tmp/a b#c.txt"));
    }

    #[test]
    fn rejects_what_is_not_an_export() {
        assert!(matches!(parse_w3c("[1, 2]"), Err(ImportError::Shape(_))));
        assert!(matches!(parse_w3c("not json"), Err(ImportError::Json(_))));
    }
}
