//! The versions of an article and what changed, as JSON (`crosscheck revisions FILE --json`).

use serde::Serialize;

use super::anchor::AnchorState;
use super::report::ReportArticle;
use super::revision::Revision;
use super::versions::text_sha256;
use super::versions_log::VersionRecord;
use super::{ArticleNotes, Verdict};
use crate::document::Document;

/// `{"article", "current_text_sha256", "versions", "changes"}`.
#[derive(Debug, Clone, Serialize)]
pub struct RevisionsReport {
    /// The article.
    pub article: ReportArticle,
    /// SHA-256 of the current text.
    pub current_text_sha256: String,
    /// The versions seen, oldest first (the current one last once it has been opened).
    pub versions: Vec<VersionRecord>,
    /// What changed since the version compared with; `null` when there is no other version.
    pub changes: Option<ReportChanges>,
}

/// The changes of a [`RevisionsReport`].
#[derive(Debug, Clone, Serialize)]
pub struct ReportChanges {
    /// SHA-256 of the text of the version compared with (`null` when not known).
    pub since_text_sha256: Option<String>,
    /// Whether that is the version the person last reviewed (else the one before the current).
    pub since_review: bool,
    /// Whether the store kept the earlier text (else the passages are not known).
    pub earlier_text_kept: bool,
    /// "3 passages changed, 2 notes affected".
    pub summary: String,
    /// The changed passages, in reading order.
    pub passages: Vec<ReportPassage>,
    /// The notes the changes touch.
    pub notes: Vec<ReportAffected>,
}

/// One changed passage.
#[derive(Debug, Clone, Serialize)]
pub struct ReportPassage {
    /// The earlier wording (empty for an insertion).
    pub old: String,
    /// The current wording (empty for a deletion).
    pub new: String,
    /// Char span in the earlier text.
    pub old_start: usize,
    /// End of that span.
    pub old_end: usize,
    /// Char span in the current text.
    pub new_start: usize,
    /// End of that span.
    pub new_end: usize,
    /// Ids of the notes whose words it touches.
    pub notes: Vec<String>,
}

/// One note the changes touch.
#[derive(Debug, Clone, Serialize)]
pub struct ReportAffected {
    /// Note id.
    pub id: String,
    /// Its verdict (kept).
    pub verdict: Verdict,
    /// How its anchor was found in the current text.
    pub state: AnchorState,
    /// Whether it needs review.
    pub needs_review: bool,
    /// The wording the verdict was given on.
    pub earlier: String,
    /// The words now in its place (`null` when gone).
    pub current: Option<String>,
    /// Indices of the passages that touch it.
    pub passages: Vec<usize>,
}

impl RevisionsReport {
    /// The report of `notes` (loaded for `document`) and `revision`.
    pub fn new(notes: &ArticleNotes, document: &Document, revision: Option<&Revision>) -> Self {
        let changes = revision.map(|revision| {
            let passages = revision
                .changes
                .iter()
                .flat_map(|c| c.passages.iter())
                .enumerate()
                .map(|(i, p)| ReportPassage {
                    old: p.old.clone(),
                    new: p.new.clone(),
                    old_start: p.old_start,
                    old_end: p.old_end,
                    new_start: p.new_start,
                    new_end: p.new_end,
                    notes: revision
                        .affected
                        .iter()
                        .filter(|a| a.passages.contains(&i))
                        .map(|a| a.note_id.clone())
                        .collect(),
                })
                .collect();
            let affected = revision
                .affected
                .iter()
                .filter_map(|a| {
                    let placed = notes.note(&a.note_id)?;
                    let current = match &placed.review {
                        Some(review) => review.current.clone(),
                        None if placed.state == AnchorState::Orphaned => None,
                        None => Some(
                            crate::text::slice_chars(&document.text, placed.start, placed.end)
                                .to_owned(),
                        ),
                    };
                    Some(ReportAffected {
                        id: a.note_id.clone(),
                        verdict: placed.note.verdict,
                        state: placed.state,
                        needs_review: a.needs_review,
                        earlier: placed.note.anchor.exact.clone(),
                        current,
                        passages: a.passages.clone(),
                    })
                })
                .collect();
            ReportChanges {
                since_text_sha256: revision.since.text_sha256.clone(),
                since_review: revision.since_review,
                earlier_text_kept: revision.changes.is_some(),
                summary: revision.summary(),
                passages,
                notes: affected,
            }
        });
        Self {
            article: ReportArticle {
                path: notes.article.path.clone(),
                title: document
                    .title
                    .clone()
                    .or_else(|| notes.article.title.clone()),
                sha256: document.sha256.clone(),
            },
            current_text_sha256: text_sha256(&document.text),
            versions: notes.article.versions.clone(),
            changes,
        }
    }
}
