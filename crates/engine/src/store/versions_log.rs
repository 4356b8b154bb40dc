//! The versions of an article the store has seen, listed in its notes file: which text each
//! was (the key of its text in the version store), when it was seen and whether the person
//! reviewed it. The version the person last reviewed is what a later version is compared with.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::model::{ArticleFile, rfc3339};
use super::versions::text_sha256;
use crate::document::Document;

/// One version of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionRecord {
    /// SHA-256 of the version's text (`Document::text`), the key of its text in the version
    /// store; `None` for a version seen before versions were kept (only its file's hash is
    /// known).
    pub text_sha256: Option<String>,
    /// `Document::sha256` (of the file's bytes) when the version was last seen.
    pub file_sha256: String,
    /// Length of the text in chars (0 when not known).
    #[serde(default)]
    pub chars: usize,
    /// When the version was first seen.
    #[serde(with = "rfc3339")]
    pub seen: DateTime<Utc>,
    /// When the person last saved a change on this version or marked it reviewed.
    #[serde(
        default,
        with = "rfc3339_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub reviewed: Option<DateTime<Utc>>,
    /// Whether the version store keeps its text.
    #[serde(default)]
    pub stored: bool,
}

/// What [`note_version`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Noted {
    /// The hash of the current text.
    pub text_sha256: String,
    /// Whether its text must be put in the version store before the file is written.
    pub must_store: bool,
}

/// Records the version of `document` as the current one of `file` (the last in its list), and
/// marks it reviewed when `is_review`. Hashes the text only when the file differs from the one
/// last seen, so an unchanged article costs nothing. A file of the first format, with no list,
/// gets one: the version its notes were made on (known by its file hash, reviewed when the
/// notes last changed), then the current one.
pub(crate) fn note_version(
    file: &mut ArticleFile,
    document: &Document,
    is_review: bool,
    now: DateTime<Utc>,
) -> Noted {
    let versions = &mut file.article.versions;
    if versions.is_empty() && !file.notes.is_empty() && file.article.sha256 != document.sha256 {
        let last_change = file.notes.iter().map(|n| n.modified).max();
        versions.push(VersionRecord {
            text_sha256: None,
            file_sha256: file.article.sha256.clone(),
            chars: 0,
            seen: file.article.first_opened,
            reviewed: last_change,
            stored: false,
        });
    }
    let known = versions
        .last()
        .filter(|v| v.file_sha256 == document.sha256)
        .and_then(|v| v.text_sha256.clone());
    let text_sha256 = known.unwrap_or_else(|| text_sha256(&document.text));
    let is_current = versions
        .last()
        .is_some_and(|v| v.text_sha256.as_deref() == Some(text_sha256.as_str()));
    if !is_current {
        // A text seen before (the article changed back) is kept already if it was then.
        let stored = versions
            .iter()
            .any(|v| v.stored && v.text_sha256.as_deref() == Some(text_sha256.as_str()));
        let is_first = versions.is_empty();
        versions.push(VersionRecord {
            text_sha256: Some(text_sha256.clone()),
            file_sha256: document.sha256.clone(),
            chars: document.text.chars().count(),
            seen: now,
            // The first version of an article with notes of the first format is the one
            // they were made on.
            reviewed: (is_first && !file.notes.is_empty())
                .then(|| file.notes.iter().map(|n| n.modified).max())
                .flatten(),
            stored,
        });
    }
    let has_notes = !file.notes.is_empty();
    let Some(current) = file.article.versions.last_mut() else {
        return Noted {
            text_sha256,
            must_store: false,
        };
    };
    current.file_sha256.clone_from(&document.sha256);
    if is_review {
        current.reviewed = Some(now);
    }
    Noted {
        must_store: has_notes && !current.stored,
        text_sha256,
    }
}

/// The version a later one is compared with: the last the person reviewed whose text differs
/// from `current` (`true`), or else the last version before the current one (`false`).
pub(crate) fn baseline<'a>(
    versions: &'a [VersionRecord],
    current: &str,
) -> Option<(&'a VersionRecord, bool)> {
    let last_reviewed = versions.iter().rev().find(|v| v.reviewed.is_some())?;
    if last_reviewed.text_sha256.as_deref() != Some(current) {
        return Some((last_reviewed, true));
    }
    versions
        .iter()
        .rev()
        .find(|v| v.text_sha256.as_deref() != Some(current))
        .map(|v| (v, false))
}

/// Serde helpers for an optional RFC 3339 time.
mod rfc3339_option {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        time: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match time {
            Some(time) => serializer.serialize_str(&super::super::model::format_time(time)),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        let Some(text) = Option::<String>::deserialize(deserializer)? else {
            return Ok(None);
        };
        DateTime::parse_from_rfc3339(&text)
            .map(|t| Some(t.with_timezone(&Utc)))
            .map_err(serde::de::Error::custom)
    }
}
