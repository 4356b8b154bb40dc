//! The one join of an article's claims and the person's notes on them.
//!
//! A [`ReviewedClaim`] is a claim as the person reviews it: the extracted claim (if the
//! extractor still finds it), the note on it (if there is one), its reported source and the
//! chain it was relayed through. [`review`] builds them once from the document, its extraction
//! and its notes; the window's claims list, every export and the library's verdict hints read
//! them, so a claim and its note are paired by one rule ([`is_note_on`]) everywhere.

use std::collections::HashMap;

use crate::document::Document;
use crate::extract::{Attribution, Claim, Extraction, Source, SourceKind};
use crate::store::{
    Anchor, AnchorState, ArticleNotes, Evidence, NeedsReview, Origin, PlacedNote, Rewording,
    Target, Verdict, VerdictChange,
};

/// Between the links of a chain, as people read it: "Politico » Ivo Daalder".
pub const CHAIN_SEPARATOR: &str = " » ";

/// A claim's reported source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewedSource {
    /// The source entity's id in the extraction (`None` for a source typed by the person).
    pub entity_id: Option<String>,
    /// Its name.
    pub name: String,
    /// Its role or title, if known.
    pub role: Option<String>,
    /// What sort of source it is, if known.
    pub kind: Option<SourceKind>,
}

/// One claim as the person reviews it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewedClaim {
    /// The extracted claim's id, or the note's id for a claim that exists only as a note.
    pub id: String,
    /// Char offset of the first char in the current text (the stored one for an orphaned note).
    pub start: usize,
    /// Char offset just past the last char.
    pub end: usize,
    /// The claim's words: the current text, or the stored quote of an orphaned note.
    pub text: String,
    /// How the extractor attributes it; `None` for a claim the person marked by hand or one
    /// the extractor no longer finds.
    pub attribution: Option<Attribution>,
    /// Its reported source, if any.
    pub source: Option<ReviewedSource>,
    /// The outlets and people it was relayed through, outermost first, ending with the venue
    /// the source spoke to or wrote in; the source itself is not in it.
    pub chain: Vec<String>,
    /// The attribution cue ("said", "according to").
    pub cue: Option<String>,
    /// Hedges on the claim ("reportedly").
    pub hedges: Vec<String>,
    /// 1-based index of the paragraph (block) holding the claim, if it is in the text.
    pub paragraph: Option<usize>,
    /// The printed page the claim starts on (PDFs only).
    pub page: Option<u32>,
    /// The person's note on it, placed against the current text.
    pub note: Option<PlacedNote>,
}

impl ReviewedClaim {
    /// The verdict (unverified without a note).
    pub fn verdict(&self) -> Verdict {
        self.note
            .as_ref()
            .map_or(Verdict::Unverified, |n| n.note.verdict)
    }

    /// Whether the claim exists only as a note that could not be placed in the current text.
    pub fn is_orphaned(&self) -> bool {
        self.anchor_state() == Some(AnchorState::Orphaned)
    }

    /// Whether the person marked this claim by hand.
    pub fn is_manual(&self) -> bool {
        self.note
            .as_ref()
            .is_some_and(|n| n.note.origin == Origin::Manual)
    }

    /// How the note's anchor was found, if there is a note.
    pub fn anchor_state(&self) -> Option<AnchorState> {
        self.note.as_ref().map(|n| n.state)
    }

    /// The attribution kind's name in files and exports: the extractor's kind, "manual" for a
    /// claim marked by hand, "unattributed" for a note whose claim is no longer extracted.
    pub fn attribution_name(&self) -> &'static str {
        match self.attribution {
            Some(kind) => kind.as_str(),
            None if self.is_manual() => "manual",
            None => Attribution::Unattributed.as_str(),
        }
    }

    /// The attribution kind as people read it: "direct quote", "marked by hand", ….
    pub fn kind_label(&self) -> &'static str {
        match self.attribution {
            Some(kind) => attribution_label(kind),
            None if self.is_manual() => "marked by hand",
            None => "no longer extracted",
        }
    }

    /// The chain written out ("Politico » Ivo Daalder"), empty when the claim is direct.
    pub fn chain_text(&self) -> String {
        chain_text(&self.chain)
    }

    /// The source's name, if there is a source.
    pub fn source_name(&self) -> Option<&str> {
        self.source.as_ref().map(|s| s.name.as_str())
    }

    /// The source's role, if known.
    pub fn source_role(&self) -> Option<&str> {
        self.source.as_ref().and_then(|s| s.role.as_deref())
    }

    /// The source's kind, if known.
    pub fn source_kind(&self) -> Option<SourceKind> {
        self.source.as_ref().and_then(|s| s.kind)
    }

    /// The note's text (empty without a note).
    pub fn note_text(&self) -> &str {
        self.note.as_ref().map_or("", |n| n.note.note.as_str())
    }

    /// The note's evidence links.
    pub fn evidence(&self) -> &[Evidence] {
        self.note
            .as_ref()
            .map_or(&[], |n| n.note.evidence.as_slice())
    }

    /// The note's tags.
    pub fn tags(&self) -> &[String] {
        self.note.as_ref().map_or(&[], |n| n.note.tags.as_slice())
    }

    /// The note's verdict changes, oldest first.
    pub fn history(&self) -> &[VerdictChange] {
        self.note
            .as_ref()
            .map_or(&[], |n| n.note.history.as_slice())
    }

    /// Set when the words the verdict was given on changed or are gone since: the verdict
    /// stands on the earlier wording until the person confirms it or changes it.
    pub fn needs_review(&self) -> Option<&NeedsReview> {
        self.note.as_ref().and_then(|n| n.review.as_ref())
    }

    /// The last confirmation of the verdict after its words changed, if any.
    pub fn last_rewording(&self) -> Option<&Rewording> {
        self.note.as_ref().and_then(|n| n.note.rewordings.last())
    }

    /// The note's id, if there is a note.
    pub fn note_id(&self) -> Option<&str> {
        self.note.as_ref().map(|n| n.note.id.as_str())
    }

    /// What a change to this claim's note is addressed to: the note if there is one, else the
    /// extracted claim's span (the store makes the note).
    pub fn target(&self) -> Target {
        match &self.note {
            Some(placed) => Target::Note(placed.note.id.clone()),
            None => Target::Claim {
                start: self.start,
                end: self.end,
            },
        }
    }
}

/// The attribution kind as people read it.
pub fn attribution_label(kind: Attribution) -> &'static str {
    match kind {
        Attribution::DirectQuote => "direct quote",
        Attribution::Indirect => "indirect",
        Attribution::AccordingTo => "according to",
        Attribution::Hedged => "hedged",
        Attribution::Headline => "headline",
        Attribution::Unattributed => "unattributed",
    }
}

/// A chain written out, links joined by [`CHAIN_SEPARATOR`]: "Valley Courier » Marta Quinlan".
pub fn chain_text<S: AsRef<str>>(links: &[S]) -> String {
    let mut text = String::new();
    for (i, link) in links.iter().enumerate() {
        if i > 0 {
            text.push_str(CHAIN_SEPARATOR);
        }
        text.push_str(link.as_ref());
    }
    text
}

/// Whether a note anchored at `anchor` is on the claim at `start..end` whose words are
/// `text`: its anchor spans exactly the claim, or quotes exactly its words. This is the one
/// rule pairing notes with claims, for an open article's placed notes and for the stored
/// notes of another report alike.
pub fn is_note_on(anchor: &Anchor, start: usize, end: usize, text: &str) -> bool {
    (anchor.start == start && anchor.end == end) || anchor.exact == text
}

/// The claims of an article as the person reviews them: extracted claims with their notes,
/// then notes that match no extracted claim (claims marked by hand, claims the extractor no
/// longer finds). In reading order (a longer claim before the shorter ones starting with it);
/// orphaned notes last.
pub fn review(
    document: &Document,
    extraction: &Extraction,
    notes: &ArticleNotes,
) -> Vec<ReviewedClaim> {
    review_notes(document, extraction, &notes.notes)
}

/// [`review`] over a list of placed notes.
pub fn review_notes(
    document: &Document,
    extraction: &Extraction,
    notes: &[PlacedNote],
) -> Vec<ReviewedClaim> {
    // The rule of `is_note_on`, applied in its order of precedence: first every note at
    // exactly a claim's span, then, for claims still without one, a note quoting its words.
    let mut by_span: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    let mut by_words: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, placed) in notes.iter().enumerate().rev() {
        if placed.state != AnchorState::Orphaned {
            by_span
                .entry((placed.start, placed.end))
                .or_default()
                .push(i);
            by_words
                .entry(placed.note.anchor.exact.as_str())
                .or_default()
                .push(i);
        }
    }
    let mut is_used = vec![false; notes.len()];
    let mut note_of_claim: Vec<Option<usize>> = extraction
        .claims
        .iter()
        .map(|claim| take(by_span.get_mut(&(claim.start, claim.end)), &mut is_used))
        .collect();
    for (claim, slot) in extraction.claims.iter().zip(&mut note_of_claim) {
        if slot.is_none() {
            *slot = take(by_words.get_mut(claim.text.as_str()), &mut is_used);
        }
    }
    let mut claims: Vec<ReviewedClaim> = extraction
        .claims
        .iter()
        .zip(note_of_claim)
        .map(|(claim, note)| {
            of_extracted(document, extraction, claim, note.and_then(|i| notes.get(i)))
        })
        .collect();
    claims.extend(
        notes
            .iter()
            .zip(is_used)
            .filter(|(_, is_used)| !is_used)
            .map(|(placed, _)| of_note(document, placed)),
    );
    claims.sort_by_key(|c| (c.is_orphaned(), c.start, std::cmp::Reverse(c.end)));
    claims
}

/// The first of `candidates` not yet used, marked used.
fn take(candidates: Option<&mut Vec<usize>>, is_used: &mut [bool]) -> Option<usize> {
    let candidates = candidates?;
    while let Some(i) = candidates.pop() {
        if let Some(slot) = is_used.get_mut(i)
            && !*slot
        {
            *slot = true;
            return Some(i);
        }
    }
    None
}

fn of_extracted(
    document: &Document,
    extraction: &Extraction,
    claim: &Claim,
    note: Option<&PlacedNote>,
) -> ReviewedClaim {
    let entity = |id: &str| extraction.sources.iter().find(|s| s.id == id);
    let source = claim.source.as_ref().map(|mention| {
        let found: Option<&Source> = entity(&mention.id);
        ReviewedSource {
            entity_id: Some(mention.id.clone()),
            name: found.map_or_else(|| mention.text.clone(), |s| s.name.clone()),
            role: found.and_then(|s| s.role.clone()),
            kind: found.map(|s| s.kind),
        }
    });
    let mut chain: Vec<String> = claim
        .via
        .iter()
        .filter_map(|id| entity(id).map(|s| s.name.clone()))
        .collect();
    if let Some(venue) = &claim.venue {
        let venue = venue_name(&venue.text);
        if !chain.contains(&venue) {
            chain.push(venue);
        }
    }
    ReviewedClaim {
        id: claim.id.clone(),
        start: claim.start,
        end: claim.end,
        text: claim.text.clone(),
        attribution: Some(claim.attribution),
        source,
        chain,
        cue: claim.cue.as_ref().map(|c| c.text.clone()),
        hedges: claim.hedges.iter().map(|h| h.text.clone()).collect(),
        paragraph: paragraph_of(document, claim.start),
        page: document.page_at(claim.start),
        note: note.cloned(),
    }
}

fn of_note(document: &Document, placed: &PlacedNote) -> ReviewedClaim {
    let is_orphaned = placed.state == AnchorState::Orphaned;
    let text = if is_orphaned {
        placed.note.anchor.exact.clone()
    } else {
        crate::text::slice_chars(&document.text, placed.start, placed.end).to_owned()
    };
    ReviewedClaim {
        id: placed.note.id.clone(),
        start: placed.start,
        end: placed.end,
        text,
        attribution: None,
        source: placed.note.source.as_ref().map(|name| ReviewedSource {
            entity_id: None,
            name: name.clone(),
            role: None,
            kind: None,
        }),
        chain: Vec::new(),
        cue: None,
        hedges: Vec::new(),
        paragraph: (!is_orphaned)
            .then(|| paragraph_of(document, placed.start))
            .flatten(),
        page: (!is_orphaned)
            .then(|| document.page_at(placed.start))
            .flatten(),
        note: Some(placed.clone()),
    }
}

/// 1-based index of the block holding char `start`.
fn paragraph_of(document: &Document, start: usize) -> Option<usize> {
    let i = document
        .blocks
        .partition_point(|b| b.end.max(b.start + 1) <= start);
    let block = document.blocks.get(i)?;
    (block.start <= start).then_some(i + 1)
}

/// The outlet or place named by a venue phrase ("an article for Politico" gives "Politico").
fn venue_name(venue: &str) -> String {
    let venue = venue.trim();
    for marker in [" for ", " in ", " on ", " to "] {
        if let Some(i) = venue.rfind(marker) {
            let name = venue[i + marker.len()..].trim();
            if !name.is_empty() {
                return name.to_owned();
            }
        }
    }
    venue.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_venue_phrase_gives_the_outlet_it_names() {
        assert_eq!(venue_name("an article for Politico"), "Politico");
        assert_eq!(
            venue_name(" an interview on Radio Tarn One "),
            "Radio Tarn One"
        );
        assert_eq!(venue_name("Kestrel News"), "Kestrel News");
    }

    #[test]
    fn chains_are_written_with_one_separator() {
        assert_eq!(
            chain_text(&["Politico", "Ivo Daalder"]),
            "Politico » Ivo Daalder"
        );
        assert_eq!(chain_text::<&str>(&[]), "");
    }

    #[test]
    fn a_note_is_on_a_claim_by_its_span_or_its_words() {
        let anchor = Anchor {
            exact: "the bridge would cost $4 million".to_owned(),
            prefix: String::new(),
            suffix: String::new(),
            start: 10,
            end: 42,
        };
        assert!(is_note_on(&anchor, 10, 42, "other words"));
        assert!(is_note_on(
            &anchor,
            50,
            82,
            "the bridge would cost $4 million"
        ));
        assert!(!is_note_on(
            &anchor,
            10,
            41,
            "the bridge would cost $4 millio"
        ));
    }
}
