//! What the library keeps of each article: its identity, the file stamp it was indexed from,
//! and its claims with their sources and chains of attribution.

use std::path::Path;

use serde::{Deserialize, Serialize};

use rustc_hash::FxHashMap as HashMap;

use crate::document::Document;
use crate::extract::{Attribution, Claim, Extraction, Source, SourceKind};
use crate::sources::correction::Named;
use crate::sources::{Corrections, source_key};
use crate::store::FileStamp;

/// One article in the library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexedArticle {
    /// Absolute path of the article (the same key the notes store uses).
    pub path: String,
    /// The file's stamp when it was indexed; a different stamp means it must be indexed again.
    pub stamp: FileStamp,
    /// `Document::sha256` of the indexed version.
    pub sha256: String,
    /// Headline, if known.
    #[serde(default)]
    pub title: Option<String>,
    /// Outlet that published it, if known.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Publication date (ISO 8601), if known.
    #[serde(default)]
    pub published: Option<String>,
    /// Its claims in reading order.
    pub claims: Vec<IndexedClaim>,
    /// Its statements: sentences no claim covers, in reading order (see
    /// [`super::statements`]); matched like claims, not listed as claims.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statements: Vec<IndexedClaim>,
}

/// One claim as the library keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexedClaim {
    /// The extractor's claim id.
    pub id: String,
    /// Char offset of the claim in the article text.
    pub start: usize,
    /// Char offset just past the claim.
    pub end: usize,
    /// The claim's text.
    pub text: String,
    /// How it is attributed.
    pub attribution: Attribution,
    /// Hedges on it ("reportedly", "may").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hedges: Vec<String>,
    /// The attribution cue ("said", "according to").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    /// The source the claim rests on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
    /// Outer sources it was relayed through, outermost first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<SourceRef>,
    /// The outlet the source said it to or wrote it in ("Politico" in "wrote in an article
    /// for Politico", "the Eastbrook Ledger" in "told the Eastbrook Ledger").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    /// The words that named the source in the text ("Peskov", "the spokesman", "he").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mention: Option<String>,
    /// What the extractor found, kept when the person's corrections changed the claim's
    /// attribution, source or relays (the fields above then hold the corrected ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extracted: Option<Box<ExtractedSources>>,
}

/// What the extractor said about a claim's sources, before the person's corrections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedSources {
    /// How it was attributed.
    pub attribution: Attribution,
    /// The attribution cue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    /// The source it rested on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
    /// The sources it was relayed through.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<SourceRef>,
    /// The venue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
}

/// A source as named in one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// The fullest name the article uses.
    pub name: String,
    /// What sort of source it is.
    pub kind: SourceKind,
    /// Other names the article uses for it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Its role or title ("fire chief"), which another report may name it by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

impl SourceRef {
    fn of(source: &Source) -> Self {
        Self {
            name: source.name.clone(),
            kind: source.kind,
            aliases: source.aliases.clone(),
            role: source.role.clone(),
        }
    }
}

impl IndexedArticle {
    /// The library's record of `document` with its `extraction`, indexed from a file with `stamp`.
    pub fn new(document: &Document, extraction: &Extraction, stamp: FileStamp) -> Self {
        let path = crate::store::article_key(document);
        let claims = extraction
            .claims
            .iter()
            .map(|claim| IndexedClaim::new(claim, extraction))
            .collect();
        Self {
            statements: super::statements::statements(document, extraction),
            path,
            stamp,
            sha256: document.sha256.clone(),
            title: document.title.clone(),
            outlet: document.outlet.clone(),
            published: document.published.clone(),
            claims,
        }
    }

    /// The claim at `index`, counting the claims first and then the statements.
    pub fn entry(&self, index: usize) -> Option<&IndexedClaim> {
        self.claims
            .get(index)
            .or_else(|| self.statements.get(index.checked_sub(self.claims.len())?))
    }

    /// The claims, then the statements.
    pub fn entries(
        &self,
    ) -> std::iter::Chain<std::slice::Iter<'_, IndexedClaim>, std::slice::Iter<'_, IndexedClaim>>
    {
        self.claims.iter().chain(&self.statements)
    }

    /// The name to show for this report: its outlet, else its headline, else its file name.
    pub fn label(&self) -> String {
        if let Some(outlet) = self.outlet.as_deref().filter(|o| !o.trim().is_empty()) {
            return outlet.trim().to_owned();
        }
        if let Some(title) = self.title.as_deref().filter(|t| !t.trim().is_empty()) {
            return title.trim().to_owned();
        }
        Path::new(&self.path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.clone())
    }
}

impl IndexedClaim {
    /// The library's record of `claim`, with source names looked up in `extraction`.
    pub fn new(claim: &Claim, extraction: &Extraction) -> Self {
        let source_by_id = |id: &str| extraction.sources.iter().find(|s| s.id == id);
        Self {
            id: claim.id.clone(),
            start: claim.start,
            end: claim.end,
            text: claim.text.clone(),
            attribution: claim.attribution,
            hedges: claim.hedges.iter().map(|h| h.text.clone()).collect(),
            cue: claim.cue.as_ref().map(|c| c.text.clone()),
            source: claim
                .source
                .as_ref()
                .and_then(|m| source_by_id(&m.id))
                .map(SourceRef::of),
            via: claim
                .via
                .iter()
                .filter_map(|id| source_by_id(id))
                .map(SourceRef::of)
                .collect(),
            venue: claim.venue.as_ref().map(|v| v.text.clone()),
            mention: claim.source.as_ref().map(|m| m.text.clone()),
            extracted: None,
        }
    }

    /// Puts back what the extractor found, then applies `corrections` as made for the article
    /// whose key is `article`; `concerns` memoises, per source name, whether a correction may
    /// touch it.
    pub(crate) fn apply_corrections(
        &mut self,
        corrections: &Corrections,
        article: &str,
        concerns: &mut HashMap<String, bool>,
    ) {
        if let Some(raw) = self.extracted.take() {
            let raw = *raw;
            self.attribution = raw.attribution;
            self.cue = raw.cue;
            self.source = raw.source;
            self.via = raw.via;
            self.venue = raw.venue;
        }
        if corrections.is_empty() {
            return;
        }
        let mut touches = |source: &SourceRef| {
            *concerns
                .entry(source.name.clone())
                .or_insert_with(|| corrections.concerns(&source.name, &source.aliases, None))
        };
        let touched = self.source.as_ref().is_some_and(&mut touches)
            || self.via.iter().any(&mut touches)
            || self
                .mention
                .as_deref()
                .is_some_and(|m| corrections.concerns(m, &[], None));
        if !touched {
            return;
        }
        let raw = ExtractedSources {
            attribution: self.attribution,
            cue: self.cue.clone(),
            source: self.source.clone(),
            via: self.via.clone(),
            venue: self.venue.clone(),
        };
        if let Some(source) = self.source.take() {
            let mut named = Named::of_ref(&source);
            if corrections.correct(&mut named, self.mention.as_deref(), article) {
                self.source = Some(named.into_ref());
            } else {
                self.cue = None;
                self.venue = None;
                self.attribution = if self.hedges.is_empty() {
                    Attribution::Unattributed
                } else {
                    Attribution::Hedged
                };
            }
        }
        let own = self.source.as_ref().map(|s| source_key(&s.name));
        let mut via: Vec<SourceRef> = Vec::new();
        for relay in std::mem::take(&mut self.via) {
            let mut named = Named::of_ref(&relay);
            if corrections.correct(&mut named, None, article) {
                let key = source_key(&named.name);
                if Some(&key) != own.as_ref() && !via.iter().any(|v| source_key(&v.name) == key) {
                    via.push(named.into_ref());
                }
            }
        }
        self.via = via;
        let changed =
            self.attribution != raw.attribution || self.source != raw.source || self.via != raw.via;
        if changed {
            self.extracted = Some(Box::new(raw));
        }
    }
}
