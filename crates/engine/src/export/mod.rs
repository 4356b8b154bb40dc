//! Export of the person's work on an article, in the formats fact-checkers and annotation
//! tools use, and import of it back: a Markdown report, W3C Web Annotation JSON-LD, schema.org
//! ClaimReview JSON-LD and CSV. The command line and the window call the same [`export`].

pub mod claimreview;
mod csv_rows;
mod markdown;
mod source_record;
mod w3c;

use crate::document::Document;
use crate::extract::Extraction;
use crate::review::review;
use crate::store::{ArticleNotes, Verdict};

pub use source_record::{source_record_json, source_record_markdown};
pub use w3c::{
    ImportError, ImportedNotes, MAX_IMPORT_BYTES, MAX_IMPORT_NOTES, parse_w3c, read_w3c_file,
};

/// The formats an article's notes can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// A readable report for an editor (the default).
    Markdown,
    /// W3C Web Annotation JSON-LD (an `AnnotationCollection`).
    W3c,
    /// schema.org `ClaimReview` JSON-LD, one review per judged claim.
    ClaimReview,
    /// CSV (RFC 4180), one row per claim.
    Csv,
}

impl ExportFormat {
    /// All formats, in menu order.
    pub const ALL: [Self; 4] = [Self::Markdown, Self::W3c, Self::ClaimReview, Self::Csv];

    /// The name used on the command line (`md`, `w3c`, `claimreview`, `csv`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::W3c => "w3c",
            Self::ClaimReview => "claimreview",
            Self::Csv => "csv",
        }
    }

    /// Parses a command-line name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == name.to_ascii_lowercase())
    }

    /// A label for menus.
    pub fn label(self) -> &'static str {
        match self {
            Self::Markdown => "Markdown report",
            Self::W3c => "W3C Web Annotation (JSON-LD)",
            Self::ClaimReview => "schema.org ClaimReview (JSON-LD)",
            Self::Csv => "CSV spreadsheet",
        }
    }

    /// The file-name ending proposed for this format (`notes.md`, …).
    pub fn file_suffix(self) -> &'static str {
        match self {
            Self::Markdown => "notes.md",
            Self::W3c => "notes.jsonld",
            Self::ClaimReview => "claimreview.jsonld",
            Self::Csv => "notes.csv",
        }
    }
}

/// What an export is made from.
pub struct ExportInput<'a> {
    /// The article.
    pub document: &'a Document,
    /// Its claims and sources.
    pub extraction: &'a Extraction,
    /// The person's notes on it, placed against the current text.
    pub notes: &'a ArticleNotes,
    /// Who publishes the reviews and where (ClaimReview's `author` and `url`, the Markdown
    /// report's "Reviewed by").
    pub publishing: &'a Publishing,
    /// The person's word on sources (see [`crate::store::Store::source_book`]): the Markdown
    /// report, the CSV and the W3C annotations give each claim's source its status (not
    /// ClaimReview, which is for publishing and has no term for it).
    pub source_statuses: &'a [crate::sources::SourceStatus],
}

impl ExportInput<'_> {
    /// The person's word on the source of `claim`, matched by its name and aliases.
    pub fn source_status(
        &self,
        claim: &crate::review::ReviewedClaim,
    ) -> Option<&crate::sources::SourceStatus> {
        let source = claim.source.as_ref()?;
        let entity = source
            .entity_id
            .as_deref()
            .and_then(|id| self.extraction.sources.iter().find(|s| s.id == id));
        let names = std::iter::once(source.name.as_str()).chain(
            entity
                .into_iter()
                .flat_map(|e| e.aliases.iter().map(String::as_str)),
        );
        crate::sources::status_for(self.source_statuses, names)
    }
}

/// Who publishes fact checks and under which address: what a ClaimReview needs to be
/// published. Empty fields are left out of the export (and named in its warnings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Publishing {
    /// The reviewer's name.
    pub reviewer: Option<String>,
    /// The fact-checking organisation (the reviews' `author` when set).
    pub organisation: Option<String>,
    /// The organisation's web address.
    pub organisation_url: Option<String>,
    /// The address under which reviews are published: a review's `url` is this followed by
    /// `/` and the claim's slug (or this with `{slug}` replaced).
    pub base_url: Option<String>,
}

impl Publishing {
    /// "Ada Checker, Harbour Fact Desk": the reviewer and the organisation, as the Markdown
    /// report names them (`None` when neither is set).
    pub fn signature(&self) -> Option<String> {
        let names: Vec<&str> = [self.reviewer.as_deref(), self.organisation.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .collect();
        (!names.is_empty()).then(|| names.join(", "))
    }

    /// The name the reviews are signed with: the organisation, else the reviewer.
    pub fn author_name(&self) -> Option<&str> {
        [self.organisation.as_deref(), self.reviewer.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|name| !name.is_empty())
    }
}

/// Writes the notes of an article in `format`.
pub fn export(format: ExportFormat, input: &ExportInput) -> String {
    let claims = review(input.document, input.extraction, input.notes);
    match format {
        ExportFormat::Markdown => markdown::report(input, &claims),
        ExportFormat::W3c => w3c::collection(input, &claims),
        ExportFormat::ClaimReview => claimreview::reviews(input, &claims),
        ExportFormat::Csv => csv_rows::table(input, &claims),
    }
}

/// What the person should be told about an export in `format`: the verdicts that need review
/// (their words changed since), which a ClaimReview export leaves out and the others mark, and
/// what keeps a ClaimReview export from being published as it is
/// ([`claimreview::warnings`]).
pub fn export_notices(format: ExportFormat, input: &ExportInput) -> Vec<String> {
    let mut notices = review_notices(format, input);
    if format == ExportFormat::ClaimReview {
        notices.extend(claimreview::warnings(input));
    }
    notices
}

/// The verdicts that need review, as [`export_notices`] tells them.
fn review_notices(format: ExportFormat, input: &ExportInput) -> Vec<String> {
    let judged_in_review = input
        .notes
        .needing_review()
        .filter(|n| n.note.verdict != Verdict::Unverified)
        .count();
    if judged_in_review == 0 {
        return Vec::new();
    }
    let verdicts = if judged_in_review == 1 {
        "1 verdict needs".to_owned()
    } else {
        format!("{judged_in_review} verdicts need")
    };
    let notice = match format {
        ExportFormat::ClaimReview => format!(
            "{verdicts} review (the article's words changed since) and {} left out of the \
             ClaimReview export; confirm or change {} first",
            if judged_in_review == 1 { "is" } else { "are" },
            if judged_in_review == 1 { "it" } else { "them" },
        ),
        _ => format!(
            "{verdicts} review (the article's words changed since); the export marks {} with the \
             wording judged",
            if judged_in_review == 1 { "it" } else { "them" },
        ),
    };
    vec![notice]
}

/// Neutralises a cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
/// tab or carriage return) by putting an apostrophe before it.
pub fn neutralize_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// Writes an export file whole or not at all: a temporary file beside it is written, synced
/// and renamed over `path`, so a failure never leaves half a file.
pub fn write_export(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
