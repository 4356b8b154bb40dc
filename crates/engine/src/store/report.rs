//! The notes of one article as JSON (`crosscheck notes FILE --json`), with offsets into the
//! article's current text.

use serde::Serialize;

use super::model::{Evidence, VerdictChange};
use super::rewording::{NeedsReview, Rewording};
use super::{AnchorState, ArticleNotes, Verdict, format_time};
use crate::document::Document;

/// `{"article": {...}, "notes": [...]}`.
#[derive(Debug, Clone, Serialize)]
pub struct NotesReport {
    /// The article.
    pub article: ReportArticle,
    /// Its notes: placed ones in text order, then orphaned ones.
    pub notes: Vec<ReportNote>,
}

/// The article of a [`NotesReport`].
#[derive(Debug, Clone, Serialize)]
pub struct ReportArticle {
    /// Absolute path as the store knows it.
    pub path: String,
    /// Headline, if known.
    pub title: Option<String>,
    /// `Document::sha256` of the current text.
    pub sha256: String,
}

/// One note of a [`NotesReport`].
#[derive(Debug, Clone, Serialize)]
pub struct ReportNote {
    /// Note id.
    pub id: String,
    /// Quote, context and current offsets.
    pub anchor: ReportAnchor,
    /// How the anchor was found in the current text.
    pub state: AnchorState,
    /// Set when the words the verdict was given on changed or are gone: both wordings.
    pub needs_review: Option<NeedsReview>,
    /// Current verdict.
    pub verdict: Verdict,
    /// Free text.
    pub note: String,
    /// Evidence links.
    pub evidence: Vec<Evidence>,
    /// Tags.
    pub tags: Vec<String>,
    /// RFC 3339 creation time.
    pub created: String,
    /// RFC 3339 modification time.
    pub modified: String,
    /// Verdict changes, oldest first.
    pub history: Vec<VerdictChange>,
    /// Confirmations after the words changed, oldest first.
    pub rewordings: Vec<Rewording>,
}

/// The anchor of a [`ReportNote`]: offsets are those of the current text (the stored ones for an
/// orphaned note).
#[derive(Debug, Clone, Serialize)]
pub struct ReportAnchor {
    /// The quoted text as stored.
    pub exact: String,
    /// Context before, as stored.
    pub prefix: String,
    /// Context after, as stored.
    pub suffix: String,
    /// Char offset of the first char.
    pub start: usize,
    /// Char offset just past the last char.
    pub end: usize,
}

impl NotesReport {
    /// Builds the report of `notes`, loaded for `document`.
    pub fn new(notes: &ArticleNotes, document: &Document) -> Self {
        Self {
            article: ReportArticle {
                path: notes.article.path.clone(),
                title: document
                    .title
                    .clone()
                    .or_else(|| notes.article.title.clone()),
                sha256: document.sha256.clone(),
            },
            notes: notes
                .notes
                .iter()
                .map(|placed| {
                    let note = &placed.note;
                    ReportNote {
                        id: note.id.clone(),
                        anchor: ReportAnchor {
                            exact: note.anchor.exact.clone(),
                            prefix: note.anchor.prefix.clone(),
                            suffix: note.anchor.suffix.clone(),
                            start: placed.start,
                            end: placed.end,
                        },
                        state: placed.state,
                        needs_review: placed.review.clone(),
                        verdict: note.verdict,
                        note: note.note.clone(),
                        evidence: note.evidence.clone(),
                        tags: note.tags.clone(),
                        created: format_time(&note.created),
                        modified: format_time(&note.modified),
                        history: note.history.clone(),
                        rewordings: note.rewordings.clone(),
                    }
                })
                .collect(),
        }
    }
}
