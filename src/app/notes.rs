//! The window's door to the notes store: the only module of `app` that touches it. It turns
//! the store's records into the small views the panels show, and its errors into messages.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::document::Document;

/// The person's judgement of a claim.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Verdict {
    /// Not checked yet.
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

    /// The snake_case name.
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
}

/// How a note's anchor was found in the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorState {
    /// The exact quote at the stored place.
    Exact,
    /// The exact quote elsewhere.
    Moved,
    /// An approximate match.
    Fuzzy,
    /// Not found in the current text.
    Orphaned,
}

impl AnchorState {
    /// The name shown to the person.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Moved => "moved",
            Self::Fuzzy => "fuzzy",
            Self::Orphaned => "orphaned",
        }
    }
}

/// An evidence link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceLink {
    /// Where the evidence is.
    pub url: String,
    /// A short description (may be empty).
    pub label: String,
}

/// One verdict change, for the history list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// The verdict before.
    pub from: Verdict,
    /// The verdict after.
    pub to: Verdict,
    /// When, as text.
    pub at: String,
}

/// A note as the window shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteView {
    /// The store's id of the note.
    pub id: String,
    /// The current verdict.
    pub verdict: Verdict,
    /// The note text.
    pub note: String,
    /// Evidence links in the order added.
    pub evidence: Vec<EvidenceLink>,
    /// Tags, sorted.
    pub tags: Vec<String>,
    /// Verdict changes, oldest first.
    pub history: Vec<HistoryEntry>,
    /// How the anchor was found.
    pub state: AnchorState,
    /// Char offset of the first char in the current text.
    pub start: usize,
    /// Char offset just past the last char.
    pub end: usize,
    /// The quoted text as stored.
    pub quote: String,
    /// Whether the person marked this claim by hand.
    pub is_manual: bool,
}

/// Which claim a change is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The extracted claim at this char span.
    Claim {
        /// First char.
        start: usize,
        /// Just past the last char.
        end: usize,
    },
    /// A claim marked by hand at this char span.
    ManualClaim {
        /// First char.
        start: usize,
        /// Just past the last char.
        end: usize,
    },
    /// An existing note, by id.
    Note(String),
}

/// One change to a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Sets the verdict.
    Verdict(Verdict),
    /// Replaces the note text.
    Note(String),
    /// Adds an evidence link.
    AddEvidence(EvidenceLink),
    /// Removes the evidence link with this URL.
    RemoveEvidence(String),
    /// Adds a tag.
    AddTag(String),
    /// Removes a tag.
    RemoveTag(String),
}

/// A known article, for the start screen's recent list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecentArticle {
    /// Where the article file is.
    pub path: PathBuf,
    /// Its headline, if known.
    pub title: Option<String>,
    /// Number of notes on it.
    pub notes: usize,
}

/// An article's notes as opened.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// The notes, placed ones in text order, then orphaned ones.
    pub notes: Vec<NoteView>,
    /// Whether changes are refused (the notes come from a newer version).
    pub is_read_only: bool,
    /// Things the person should be told about.
    pub notices: Vec<String>,
}

/// The notes of the open article, and what the last change returned.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// All notes of the article, placed ones in text order, then orphaned ones.
    pub notes: Vec<NoteView>,
    /// The id of the note changed.
    pub note_id: String,
}

/// The notes store as the window uses it.
#[derive(Debug)]
pub struct NotesStore {
    /// Where notes are saved, for the status bar.
    location: String,
    /// Notes per article key, until the persistent store is wired in.
    articles: HashMap<String, Vec<NoteView>>,
    next_id: u64,
}

impl NotesStore {
    /// Opens the store in `dir` (or the default data folder).
    pub fn open(dir: Option<PathBuf>) -> Result<Self, String> {
        let location = dir
            .map(|d| d.display().to_string())
            .unwrap_or_else(|| "memory (not saved)".to_owned());
        Ok(Self {
            location,
            articles: HashMap::new(),
            next_id: 1,
        })
    }

    /// Where notes are saved.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Reads the notes of `document`, recording that it was opened.
    pub fn open_article(&mut self, document: &Document) -> Result<Opened, String> {
        Ok(Opened {
            notes: self.peek(document)?,
            is_read_only: false,
            notices: Vec::new(),
        })
    }

    /// Applies `edits` to the note `target` names (making it if needed) and saves at once.
    pub fn update(
        &mut self,
        document: &Document,
        target: &Target,
        edits: &[Edit],
    ) -> Result<Saved, String> {
        let notes = self.articles.entry(document.sha256.clone()).or_default();
        let index = match target {
            Target::Note(id) => notes
                .iter()
                .position(|n| &n.id == id)
                .ok_or_else(|| format!("no note {id:?}"))?,
            Target::Claim { start, end } | Target::ManualClaim { start, end } => {
                match notes
                    .iter()
                    .position(|n| n.start == *start && n.end == *end)
                {
                    Some(i) => i,
                    None => {
                        let quote = crate::text::slice_chars(&document.text, *start, *end);
                        if quote.is_empty() {
                            return Err(format!("the span {start}..{end} is empty"));
                        }
                        notes.push(NoteView {
                            id: format!("n{}", self.next_id),
                            verdict: Verdict::Unverified,
                            note: String::new(),
                            evidence: Vec::new(),
                            tags: Vec::new(),
                            history: Vec::new(),
                            state: AnchorState::Exact,
                            start: *start,
                            end: *end,
                            quote: quote.to_owned(),
                            is_manual: matches!(target, Target::ManualClaim { .. }),
                        });
                        self.next_id += 1;
                        notes.len() - 1
                    }
                }
            }
        };
        let Some(note) = notes.get_mut(index) else {
            return Err("the note vanished".to_owned());
        };
        for edit in edits {
            match edit {
                Edit::Verdict(verdict) => {
                    if note.verdict != *verdict {
                        note.history.push(HistoryEntry {
                            from: note.verdict,
                            to: *verdict,
                            at: "now".to_owned(),
                        });
                        note.verdict = *verdict;
                    }
                }
                Edit::Note(text) => note.note = text.clone(),
                Edit::AddEvidence(link) => {
                    note.evidence.retain(|e| e.url != link.url);
                    note.evidence.push(link.clone());
                }
                Edit::RemoveEvidence(url) => note.evidence.retain(|e| &e.url != url),
                Edit::AddTag(tag) => {
                    if !note.tags.contains(tag) {
                        note.tags.push(tag.clone());
                        note.tags.sort();
                    }
                }
                Edit::RemoveTag(tag) => note.tags.retain(|t| t != tag),
            }
        }
        let note_id = note.id.clone();
        notes.sort_by_key(|n| (n.state == AnchorState::Orphaned, n.start, n.end));
        Ok(Saved {
            notes: notes.clone(),
            note_id,
        })
    }

    /// The notes of `document` as stored, read without recording anything.
    pub fn peek(&self, document: &Document) -> Result<Vec<NoteView>, String> {
        Ok(self
            .articles
            .get(&document.sha256)
            .cloned()
            .unwrap_or_default())
    }

    /// The known articles, most recently opened first.
    pub fn recent(&self) -> Result<Vec<RecentArticle>, String> {
        Ok(Vec::new())
    }
}
