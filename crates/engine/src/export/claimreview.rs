//! schema.org ClaimReview JSON-LD, as Google's fact-check markup reads it: one `ClaimReview`
//! for every claim with a verdict other than unverified, in a `@graph`.
//!
//! Each review carries what the markup requires (`claimReviewed`, `reviewRating` with its
//! `alternateName`, `url`) and what it recommends (`author` with `name` and `url`,
//! `datePublished`, `itemReviewed`: the `Claim` with its author, its date and its
//! `appearance`, the article at its own web address). `url` is the review's published
//! address: the [`Publishing::base_url`] followed by the claim's [`claim_slug`]. Without a
//! base the reviews have no `url` and the file carries a warning (`_warning`): it cannot be
//! published as it is.
//!
//! A verdict that needs review (the words it was given on changed since) is left out, so a
//! published review never states a verdict on words it was not given on;
//! [`super::export_notices`] says how many were left out.
//!
//! `reviewRating.ratingValue` is on a 1–5 scale (`worstRating` 1, `bestRating` 5):
//! false 1, misleading 2, disputed 3, inconclusive 3, verified 5. `alternateName` is the
//! verdict's name ("False", "Misleading", …).

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::{ExportInput, Publishing};
use crate::review::ReviewedClaim;
use crate::store::{Verdict, format_time};

/// Words of the claim's text kept in its slug.
const SLUG_WORDS: usize = 6;

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

/// A claim's stable slug, for its review's address: up to six words of the claim's text as its
/// note holds it (lower case, ASCII letters and digits, joined with `-`), then 8 hex digits of
/// the note's id, which never changes. Exporting again gives the same address as long as the
/// claim's first words are unchanged. "The mayor said the bridge opens in June" with note `n-1f` gives
/// `the-mayor-said-the-bridge-opens-` followed by the hash, e.g. `…-opens-3fa2b1c9`.
pub fn claim_slug(claim: &ReviewedClaim) -> String {
    let (key, words_from) = match &claim.note {
        Some(placed) => (placed.note.id.as_str(), placed.note.anchor.exact.as_str()),
        None => (claim.id.as_str(), claim.text.as_str()),
    };
    let words: Vec<String> = words_from
        .split(|c: char| !c.is_alphanumeric())
        .map(|w| {
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .take(SLUG_WORDS)
        .collect();
    let digest = Sha256::digest(key.as_bytes());
    let hash: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    if words.is_empty() {
        format!("claim-{hash}")
    } else {
        format!("{}-{hash}", words.join("-"))
    }
}

/// The review's published address: `base` with `{slug}` replaced, or `base/slug`.
pub fn review_url(base: &str, slug: &str) -> String {
    let base = base.trim();
    if base.contains("{slug}") {
        return base.replace("{slug}", slug);
    }
    format!("{}/{slug}", base.trim_end_matches('/'))
}

/// Whether `url` is an absolute http(s) address with a host.
pub fn is_http_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or_default();
        !host.is_empty() && !host.contains(char::is_whitespace) && !url.contains(char::is_control)
    })
}

/// The article's own web address: a web page's canonical address, a PDF's printed address,
/// or a Markdown article's `source_url` front matter.
pub fn article_url<'a>(input: &ExportInput<'a>) -> Option<&'a str> {
    input
        .document
        .source_url
        .as_deref()
        .filter(|u| is_http_url(u))
}

/// Why these reviews cannot be published as they are (empty when they can).
pub fn warnings(input: &ExportInput) -> Vec<String> {
    let publishing = input.publishing;
    let mut warnings = Vec::new();
    match publishing.base_url.as_deref().map(str::trim) {
        None | Some("") => warnings.push(
            "not publishable: no base URL for published reviews is set, so the reviews have \
             no url (set it in Preferences, with --publish-url or CROSSCHECK_PUBLISH_URL)"
                .to_owned(),
        ),
        Some(base) if !is_http_url(base) => warnings.push(format!(
            "not publishable: the base URL for published reviews is not an http(s) address \
             ({base}), so the reviews have no url"
        )),
        Some(_) => {}
    }
    if publishing.author_name().is_none() {
        warnings.push(
            "no reviewer or organisation is set, so the reviews have no author (set them in \
             Preferences, with --reviewer / --organisation or CROSSCHECK_REVIEWER / \
             CROSSCHECK_ORGANISATION)"
                .to_owned(),
        );
    }
    if article_url(input).is_none() {
        warnings.push(
            "the article has no web address (a web page's canonical URL, a PDF's printed \
             address or a Markdown source_url), so itemReviewed.appearance has no url"
                .to_owned(),
        );
    }
    warnings
}

/// The reviews' author: the organisation (with its URL) if set, else the reviewer.
fn author(publishing: &Publishing) -> Option<Value> {
    if let Some(organisation) = non_empty(publishing.organisation.as_deref()) {
        let mut author = json!({"@type": "Organization", "name": organisation});
        if let Some(url) =
            non_empty(publishing.organisation_url.as_deref()).filter(|u| is_http_url(u))
        {
            author["url"] = json!(url);
        }
        return Some(author);
    }
    non_empty(publishing.reviewer.as_deref()).map(|name| json!({"@type": "Person", "name": name}))
}

/// "disputed" gives "Disputed".
fn title_case(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn non_empty(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// The article, as the claims' `appearance`.
fn appearance(input: &ExportInput) -> Value {
    let document = input.document;
    let mut appearance = json!({
        "@type": "CreativeWork",
        "headline": document.title.as_deref().unwrap_or("Untitled article"),
    });
    if let Some(url) = article_url(input) {
        appearance["url"] = json!(url);
    }
    if let Some(outlet) = &document.outlet {
        appearance["publisher"] = json!({"@type": "Organization", "name": outlet});
    }
    if let Some(byline) = document
        .byline
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty())
    {
        appearance["author"] = json!({"@type": "Person", "name": byline});
    }
    if let Some(published) = &document.published {
        appearance["datePublished"] = json!(published);
    }
    appearance
}

/// The claim reviewed: who made it, when (the article's date), where it appeared.
fn item_reviewed(row: &ReviewedClaim, appearance: &Value, published: Option<&str>) -> Value {
    let mut item = json!({
        "@type": "Claim",
        "appearance": appearance,
        "firstAppearance": appearance,
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
    if let Some(date) = published {
        item["datePublished"] = json!(date);
    }
    item
}

/// Writes the reviews.
pub fn reviews(input: &ExportInput, rows: &[ReviewedClaim]) -> String {
    let publishing = input.publishing;
    let base = non_empty(publishing.base_url.as_deref()).filter(|b| is_http_url(b));
    let author = author(publishing);
    let appearance = appearance(input);
    let claim_date = input.document.published.as_deref();
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let graph: Vec<Value> = rows
        .iter()
        .filter(|row| row.needs_review().is_none())
        .filter_map(|row| {
            let value = rating_value(row.verdict())?;
            let name = title_case(row.verdict().as_str());
            let reviewed_on = row
                .history()
                .last()
                .map(|h| format_time(&h.at).get(..10).unwrap_or_default().to_owned())
                .unwrap_or_else(|| today.clone());
            let mut review = json!({
                "@type": "ClaimReview",
                "claimReviewed": row.text,
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": value,
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": name,
                    "name": name,
                },
                "itemReviewed": item_reviewed(row, &appearance, claim_date),
                "datePublished": reviewed_on,
            });
            if let Some(base) = base {
                review["url"] = json!(review_url(base, &claim_slug(row)));
            }
            if let Some(author) = &author {
                review["author"] = author.clone();
            }
            if let Some(reviewer) = non_empty(publishing.reviewer.as_deref())
                && publishing
                    .organisation
                    .as_deref()
                    .is_some_and(|o| !o.trim().is_empty())
            {
                review["creator"] = json!({"@type": "Person", "name": reviewer});
            }
            if !row.note_text().is_empty() {
                review["reviewBody"] = json!(row.note_text());
            }
            let evidence: Vec<&str> = row
                .evidence()
                .iter()
                .filter(|e| is_http_url(&e.url))
                .map(|e| e.url.as_str())
                .collect();
            if !evidence.is_empty() {
                review["citation"] = json!(evidence);
            }
            Some(review)
        })
        .collect();
    let mut value = json!({"@context": "https://schema.org", "@graph": graph});
    let warnings = warnings(input);
    if !warnings.is_empty() {
        value["_warning"] = json!(warnings);
    }
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
