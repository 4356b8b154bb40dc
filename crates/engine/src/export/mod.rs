//! Export of the person's work on an article, in the formats fact-checkers and annotation
//! tools use, and import of it back: a Markdown report, W3C Web Annotation JSON-LD, schema.org
//! ClaimReview JSON-LD and CSV. The command line and the window call the same [`export`].

mod claimreview;
mod csv_rows;
mod markdown;
mod w3c;

use crate::document::Document;
use crate::extract::{Attribution, Extraction};
use crate::store::{AnchorState, ArticleNotes, Evidence, Verdict, VerdictChange};

pub use w3c::{ImportError, ImportedNotes, parse_w3c};

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
    /// The reviewer's name, for ClaimReview's `author`.
    pub reviewer: Option<&'a str>,
}

/// Writes the notes of an article in `format`.
pub fn export(format: ExportFormat, input: &ExportInput) -> String {
    let rows = rows(input);
    match format {
        ExportFormat::Markdown => markdown::report(input, &rows),
        ExportFormat::W3c => w3c::collection(input),
        ExportFormat::ClaimReview => claimreview::reviews(input, &rows),
        ExportFormat::Csv => csv_rows::table(&rows),
    }
}

/// One claim as every export sees it: the extracted claim and the person's note on it, or a
/// note alone (a claim marked by hand, or one whose extracted claim moved).
#[derive(Debug, Clone)]
pub struct Row {
    /// Claim id (extracted claims) or note id (notes alone).
    pub id: String,
    /// Char offsets in the current text (those of the stored anchor for orphaned notes).
    pub start: usize,
    /// End char offset.
    pub end: usize,
    /// The claim's text.
    pub text: String,
    /// Source name, if any.
    pub source: Option<String>,
    /// Source role, if any.
    pub role: Option<String>,
    /// Source kind, if any.
    pub source_kind: Option<crate::extract::SourceKind>,
    /// Outer sources, outermost first, then the venue ("Politico → Ivo Daalder").
    pub chain: Vec<String>,
    /// Attribution kind ("manual" for a claim marked by hand).
    pub attribution: String,
    /// Cue text.
    pub cue: Option<String>,
    /// Hedge texts.
    pub hedges: Vec<String>,
    /// Verdict (unverified when no note).
    pub verdict: Verdict,
    /// The note text.
    pub note: String,
    /// Evidence links.
    pub evidence: Vec<Evidence>,
    /// Tags.
    pub tags: Vec<String>,
    /// Verdict history.
    pub history: Vec<VerdictChange>,
    /// Anchor state of the note, if there is one.
    pub state: Option<AnchorState>,
    /// 1-based index of the paragraph (block) holding the claim, if placed.
    pub paragraph: Option<usize>,
    /// Note id, if there is a note.
    pub note_id: Option<String>,
}

impl Row {
    /// True for a note that could not be placed in the current text.
    pub fn is_orphaned(&self) -> bool {
        self.state == Some(AnchorState::Orphaned)
    }
}

/// The rows of an export: extracted claims in reading order with their notes, then notes that
/// match no extracted claim (placed ones in order, orphaned ones last).
pub fn rows(input: &ExportInput) -> Vec<Row> {
    let ExportInput {
        document,
        extraction,
        notes,
        ..
    } = input;
    let source_name = |id: &str| extraction.sources.iter().find(|s| s.id == id);
    let paragraph_of = |start: usize| {
        document
            .blocks
            .iter()
            .position(|b| b.start <= start && start < b.end.max(b.start + 1))
            .map(|i| i + 1)
    };
    let mut used_notes = vec![false; notes.notes.len()];
    let mut rows: Vec<Row> = Vec::new();
    for claim in &extraction.claims {
        let note_index = notes.notes.iter().position(|n| {
            n.state != AnchorState::Orphaned && n.start == claim.start && n.end == claim.end
        });
        if let Some(i) = note_index {
            used_notes[i] = true;
        }
        let placed = note_index.map(|i| &notes.notes[i]);
        let source = claim.source.as_ref().and_then(|m| source_name(&m.id));
        let mut chain: Vec<String> = claim
            .via
            .iter()
            .filter_map(|id| source_name(id).map(|s| s.name.clone()))
            .collect();
        if let Some(venue) = &claim.venue {
            chain.insert(0, venue.text.clone());
        }
        rows.push(Row {
            id: claim.id.clone(),
            start: claim.start,
            end: claim.end,
            text: claim.text.clone(),
            source: source.map(|s| s.name.clone()),
            role: source.and_then(|s| s.role.clone()),
            source_kind: source.map(|s| s.kind),
            chain,
            attribution: claim.attribution.as_str().to_owned(),
            cue: claim.cue.as_ref().map(|c| c.text.clone()),
            hedges: claim.hedges.iter().map(|h| h.text.clone()).collect(),
            verdict: placed.map_or(Verdict::Unverified, |p| p.note.verdict),
            note: placed.map(|p| p.note.note.clone()).unwrap_or_default(),
            evidence: placed.map(|p| p.note.evidence.clone()).unwrap_or_default(),
            tags: placed.map(|p| p.note.tags.clone()).unwrap_or_default(),
            history: placed.map(|p| p.note.history.clone()).unwrap_or_default(),
            state: placed.map(|p| p.state),
            paragraph: paragraph_of(claim.start),
            note_id: placed.map(|p| p.note.id.clone()),
        });
    }
    for (i, placed) in notes.notes.iter().enumerate() {
        if used_notes[i] {
            continue;
        }
        let anchor = placed.current_anchor();
        let is_manual = matches!(placed.note.origin, crate::store::Origin::Manual);
        rows.push(Row {
            id: placed.note.id.clone(),
            start: anchor.start,
            end: anchor.end,
            text: anchor.exact.clone(),
            source: None,
            role: None,
            source_kind: None,
            chain: Vec::new(),
            attribution: if is_manual {
                "manual"
            } else {
                Attribution::Unattributed.as_str()
            }
            .to_owned(),
            cue: None,
            hedges: Vec::new(),
            verdict: placed.note.verdict,
            note: placed.note.note.clone(),
            evidence: placed.note.evidence.clone(),
            tags: placed.note.tags.clone(),
            history: placed.note.history.clone(),
            state: Some(placed.state),
            paragraph: (placed.state != AnchorState::Orphaned)
                .then(|| paragraph_of(anchor.start))
                .flatten(),
            note_id: Some(placed.note.id.clone()),
        });
    }
    // Reading order; orphaned notes last.
    rows.sort_by_key(|r| (r.is_orphaned(), r.start, r.end));
    rows
}

/// The chain of a row as shown to people: "Politico → Ivo Daalder".
pub fn chain_text(row: &Row) -> String {
    row.chain.join(" → ")
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
