//! What the notes store keeps on disk: one [`ArticleFile`] per article, holding the article's
//! identity and the person's [`Note`]s, each pinned to the text by an [`Anchor`].
//!
//! Field order here is the key order in the JSON files, so keep it stable.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::journal::JournalMark;
use super::rewording::Rewording;
use super::versions_log::VersionRecord;

/// Version of the article and index file formats this build reads and writes.
///
/// 2 added, all optional: the article's `url` and `versions`, a note's `rewordings`, a verdict
/// change's `undo`, and the file's `journal` mark. A file of version 1 reads as it is and is
/// written as version 2 on its next save (see [`migrate`]); version 2 keeps a build of version
/// 1, which would drop the new fields, from rewriting it.
pub const SCHEMA_VERSION: u32 = 2;

/// Chars of context kept on each side of a quote in an [`Anchor`].
pub const CONTEXT_CHARS: usize = 32;

/// The person's judgement of a claim.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Not checked yet (the default).
    #[default]
    Unverified,
    /// Checked and true.
    Verified,
    /// Contested by credible sources.
    Disputed,
    /// Checked and false.
    False,
    /// True in the letter, misleading in what it suggests.
    Misleading,
    /// Checked, but the evidence does not settle it.
    Inconclusive,
}

impl Verdict {
    /// All verdicts, in display order.
    pub const ALL: [Self; 6] = [
        Self::Unverified,
        Self::Verified,
        Self::Disputed,
        Self::False,
        Self::Misleading,
        Self::Inconclusive,
    ];

    /// The snake_case name used in files, JSON output and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unverified => "unverified",
            Self::Verified => "verified",
            Self::Disputed => "disputed",
            Self::False => "false",
            Self::Misleading => "misleading",
            Self::Inconclusive => "inconclusive",
        }
    }

    /// Parses a verdict name as written by [`Verdict::as_str`] (case-insensitive).
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(name.trim()))
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a note sits in the text: a W3C-style quote selector (the exact text with some context)
/// plus a position selector (char offsets into `Document::text`, end exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// The quoted text.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] chars just before the quote.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] chars just after the quote.
    pub suffix: String,
    /// Char offset of the quote's first char.
    pub start: usize,
    /// Char offset just past the quote's last char.
    pub end: usize,
}

/// How the claim a note is about came to be.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A claim the extractor found.
    #[default]
    Extracted,
    /// A claim the person marked by hand.
    Manual,
}

/// A link to evidence about a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Where the evidence is.
    pub url: String,
    /// A short description of it (may be empty).
    #[serde(default)]
    pub label: String,
}

/// One change of verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictChange {
    /// The verdict before.
    pub from: Verdict,
    /// The verdict after.
    pub to: Verdict,
    /// When it changed.
    #[serde(with = "rfc3339")]
    pub at: DateTime<Utc>,
    /// Set when the verdict was taken over from a matching claim in another report: where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted_from: Option<String>,
    /// Set when the change undid an earlier one, or redid an undone one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undo: Option<UndoKind>,
}

/// Whether a change undid or redid an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UndoKind {
    /// The change undid the one before it.
    Undo,
    /// The change redid one that was undone.
    Redo,
}

/// The person's notes on one claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Stable id of the note within its article file (never an extractor claim id).
    pub id: String,
    /// Where the claim is, as of the text the note was last placed against.
    pub anchor: Anchor,
    /// Whether the extractor or the person made the claim.
    #[serde(default)]
    pub origin: Origin,
    /// The source the person named for a claim marked by hand (extracted claims take theirs
    /// from the extraction).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The current verdict.
    #[serde(default)]
    pub verdict: Verdict,
    /// Free text.
    #[serde(default)]
    pub note: String,
    /// Evidence links, in the order added.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// Tags, sorted and without duplicates.
    #[serde(default)]
    pub tags: Vec<String>,
    /// When the note was made.
    #[serde(with = "rfc3339")]
    pub created: DateTime<Utc>,
    /// When the note last changed.
    #[serde(with = "rfc3339")]
    pub modified: DateTime<Utc>,
    /// Verdict changes, oldest first.
    #[serde(default)]
    pub history: Vec<VerdictChange>,
    /// Confirmations of the verdict after the words it was given on changed, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rewordings: Vec<Rewording>,
}

/// Tag prefix under which earlier builds kept the source of a claim marked by hand.
const LEGACY_SOURCE_TAG: &str = "source:";

impl Note {
    /// Moves a legacy `source:NAME` tag into [`Note::source`].
    fn upgrade(&mut self) {
        let Some(i) = self
            .tags
            .iter()
            .position(|t| t.starts_with(LEGACY_SOURCE_TAG))
        else {
            return;
        };
        let tag = self.tags.remove(i);
        let name = tag[LEGACY_SOURCE_TAG.len()..].trim();
        if self.source.is_none() && !name.is_empty() {
            self.source = Some(name.to_owned());
        }
    }
}

/// Identity of an article as the store knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRecord {
    /// Absolute path of the article file (or `sha256:HASH` for an article without a path).
    pub path: String,
    /// Headline, if the loader found one.
    #[serde(default)]
    pub title: Option<String>,
    /// `Document::sha256` of the version last seen.
    pub sha256: String,
    /// When the article was first opened.
    #[serde(with = "rfc3339")]
    pub first_opened: DateTime<Utc>,
    /// When the article was last opened.
    #[serde(with = "rfc3339")]
    pub last_opened: DateTime<Utc>,
    /// The page's own address (canonical link or `og:url`) for a web page that states one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The versions of the article seen, oldest first; the last is the current one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<VersionRecord>,
}

/// The content of one article's notes file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleFile {
    /// Format version; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The article.
    pub article: ArticleRecord,
    /// Notes, ordered by anchor position then id.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Where the article's journal stood when this file was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journal: Option<JournalMark>,
}

/// Brings a file of an older format this build reads up to [`SCHEMA_VERSION`]. Every field
/// added since version 1 is optional, so the content stays as it is.
pub fn migrate(file: &mut ArticleFile) {
    if file.schema_version < SCHEMA_VERSION {
        file.schema_version = SCHEMA_VERSION;
    }
}

impl ArticleFile {
    /// Sorts notes and their tags into the canonical order used on disk.
    pub fn normalize(&mut self) {
        for note in &mut self.notes {
            note.tags.sort();
            note.tags.dedup();
        }
        self.notes.sort_by(|a, b| {
            (a.anchor.start, a.anchor.end, &a.id).cmp(&(b.anchor.start, b.anchor.end, &b.id))
        });
    }

    /// Brings notes written by earlier builds up to date: the source of a claim marked by
    /// hand used to be kept as a `source:NAME` tag.
    pub fn upgrade(&mut self) {
        for note in &mut self.notes {
            note.upgrade();
        }
    }

    /// The note with id `id`.
    pub fn note(&self, id: &str) -> Option<&Note> {
        self.notes.iter().find(|n| n.id == id)
    }
}

/// Number of notes per verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictCounts {
    /// Notes marked unverified.
    #[serde(default)]
    pub unverified: usize,
    /// Notes marked verified.
    #[serde(default)]
    pub verified: usize,
    /// Notes marked disputed.
    #[serde(default)]
    pub disputed: usize,
    /// Notes marked false.
    #[serde(default, rename = "false")]
    pub false_: usize,
    /// Notes marked misleading.
    #[serde(default)]
    pub misleading: usize,
    /// Notes marked inconclusive.
    #[serde(default)]
    pub inconclusive: usize,
}

impl VerdictCounts {
    /// Counts the verdicts of `notes`.
    pub fn of(notes: &[Note]) -> Self {
        Self::of_verdicts(notes.iter().map(|n| n.verdict))
    }

    /// Counts `verdicts`.
    pub fn of_verdicts(verdicts: impl IntoIterator<Item = Verdict>) -> Self {
        let mut counts = Self::default();
        for verdict in verdicts {
            *counts.slot(verdict) += 1;
        }
        counts
    }

    /// Number of notes with `verdict`.
    pub fn get(&self, verdict: Verdict) -> usize {
        match verdict {
            Verdict::Unverified => self.unverified,
            Verdict::Verified => self.verified,
            Verdict::Disputed => self.disputed,
            Verdict::False => self.false_,
            Verdict::Misleading => self.misleading,
            Verdict::Inconclusive => self.inconclusive,
        }
    }

    /// Total number of notes.
    pub fn total(&self) -> usize {
        Verdict::ALL.into_iter().map(|v| self.get(v)).sum()
    }

    fn slot(&mut self, verdict: Verdict) -> &mut usize {
        match verdict {
            Verdict::Unverified => &mut self.unverified,
            Verdict::Verified => &mut self.verified,
            Verdict::Disputed => &mut self.disputed,
            Verdict::False => &mut self.false_,
            Verdict::Misleading => &mut self.misleading,
            Verdict::Inconclusive => &mut self.inconclusive,
        }
    }
}

/// Formats a time as the store writes it: RFC 3339, UTC, milliseconds.
pub fn format_time(time: &DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Serde helpers for RFC 3339 times in store files.
pub(crate) mod rfc3339 {
    use super::*;

    pub fn serialize<S: Serializer>(
        time: &DateTime<Utc>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format_time(time))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(deserializer)?;
        DateTime::parse_from_rfc3339(&text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(serde::de::Error::custom)
    }
}
