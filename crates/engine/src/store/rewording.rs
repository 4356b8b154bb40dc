//! Needs review: a note whose anchored words changed keeps its verdict but is marked as needing
//! review, with the wording the verdict was given on and the words now in its place, until the
//! person confirms it on the new words or changes its verdict. A note on words that only moved
//! does not need review.
//!
//! The state is not stored: it follows from the note's anchor (the wording it was last
//! confirmed on) and where that anchor lands in the current text, so it holds for notes made by
//! any version of Crosscheck and clears by itself if the article changes back. What is stored
//! is each confirmation, as a [`Rewording`] in the note.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::anchor::{AnchorState, AnchorText, Placement};
use super::model::{Note, rfc3339};

/// A note's verdict confirmed after the words it was given on changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rewording {
    /// The wording the verdict was given on.
    pub from: String,
    /// The wording it was confirmed on; `None` when the words are gone from the article and
    /// the person kept the note as it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// When the person confirmed it.
    #[serde(with = "rfc3339")]
    pub at: DateTime<Utc>,
}

/// Why a note needs review: both wordings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeedsReview {
    /// The wording the verdict was given on.
    pub earlier: String,
    /// The words now in its place; `None` when they are gone (the note is orphaned).
    pub current: Option<String>,
}

/// Whether `note`, placed at `placement` in `text`, needs review, and why.
pub fn needs_review(
    note: &Note,
    placement: &Placement,
    text: &AnchorText<'_>,
) -> Option<NeedsReview> {
    match placement.state {
        AnchorState::Exact | AnchorState::Moved => None,
        AnchorState::Fuzzy => {
            let current = text.slice(placement.start, placement.end);
            (!same_words(&current, &note.anchor.exact)).then(|| NeedsReview {
                earlier: note.anchor.exact.clone(),
                current: Some(current),
            })
        }
        AnchorState::Orphaned => {
            let kept_as_is = note
                .rewordings
                .last()
                .is_some_and(|r| r.to.is_none() && r.from == note.anchor.exact);
            (!kept_as_is).then(|| NeedsReview {
                earlier: note.anchor.exact.clone(),
                current: None,
            })
        }
    }
}

/// Whether two wordings have the same words in the same order (spacing and line breaks aside):
/// a note whose words were only re-spaced does not need review.
pub fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_words_count() {
        assert!(same_words(
            "Paris would not\nrisk it.",
            "Paris  would not risk it."
        ));
        assert!(!same_words(
            "Paris would not risk it.",
            "Paris would not rule out risking it."
        ));
    }
}
