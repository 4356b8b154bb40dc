//! schema.org ClaimReview JSON-LD: one `ClaimReview` for every claim with a verdict other than
//! unverified, in a `@graph`. A verdict that needs review (the words it was given on changed
//! since) is left out, so a published review never states a verdict on words it was not given
//! on; [`super::export_notices`] says how many were left out.
//!
//! `reviewRating.ratingValue` is on a 1–5 scale (`worstRating` 1, `bestRating` 5):
//! false 1, misleading 2, disputed 3, inconclusive 3, verified 5. `alternateName` carries the
//! verdict's name.

use serde_json::{Value, json};

use super::ExportInput;
use crate::review::ReviewedClaim;
use crate::store::{Verdict, format_time};

/// The rating of a verdict on the documented 1–5 scale (`None` for unverified).
pub fn rating_value(verdict: Verdict) -> Option<u8> {
    match verdict {
        Verdict::Unverified => None,
        Verdict::False => Some(1),
        Verdict::Misleading => Some(2),
        Verdict::Disputed | Verdict::Inconclusive => Some(3),
        Verdict::Verified => Some(5),
    }
}

/// Writes the reviews.
pub fn reviews(input: &ExportInput, rows: &[ReviewedClaim]) -> String {
    let document = input.document;
    let reviewer = input
        .reviewer
        .filter(|r| !r.trim().is_empty())
        .unwrap_or("Unnamed reviewer");
    let mut appearance = json!({
        "@type": "CreativeWork",
        "headline": document.title.as_deref().unwrap_or("Untitled article"),
    });
    if let Some(path) = &document.path {
        appearance["url"] = json!(format!(
            "file://{}",
            std::path::absolute(path)
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| path.clone())
        ));
    }
    if let Some(outlet) = &document.outlet {
        appearance["publisher"] = json!({"@type": "Organization", "name": outlet});
    }
    if let Some(published) = &document.published {
        appearance["datePublished"] = json!(published);
    }
    let graph: Vec<Value> = rows
        .iter()
        .filter(|row| row.needs_review().is_none())
        .filter_map(|row| {
            let value = rating_value(row.verdict())?;
            let modified = row.history().last().map(|h| h.at);
            let mut item = json!({
                "@type": "Claim",
                "appearance": appearance,
            });
            if let Some(source) = row.source_name() {
                let kind = match row.source_kind() {
                    Some(crate::extract::SourceKind::Person) => "Person",
                    Some(crate::extract::SourceKind::Unnamed) | None => "Thing",
                    Some(_) => "Organization",
                };
                item["author"] = json!({"@type": kind, "name": source});
                if let Some(role) = row.source_role() {
                    item["author"]["description"] = json!(role);
                }
            }
            let mut review = json!({
                "@type": "ClaimReview",
                "claimReviewed": row.text,
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": value,
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": row.verdict().as_str(),
                },
                "itemReviewed": item,
                "author": {"@type": "Person", "name": reviewer},
            });
            if let Some(at) = modified {
                review["datePublished"] = json!(format_time(&at).get(..10).unwrap_or_default());
            }
            if !row.note_text().is_empty() {
                review["reviewBody"] = json!(row.note_text());
            }
            if let Some(first) = row.evidence().iter().find(|e| is_web_address(&e.url)) {
                review["url"] = json!(first.url);
            }
            Some(review)
        })
        .collect();
    let value = json!({"@context": "https://schema.org", "@graph": graph});
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// Whether `url` is an `http` or `https` address (a review's `url` must be one a reader can
/// open; `mailto:`, `javascript:` and local files are not).
fn is_web_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}
