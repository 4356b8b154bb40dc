//! Extraction: from a document's text to claims, their attributions and source entities.

mod model;

pub use model::{
    Attribution, Claim, Cue, Extraction, Source, SourceKind, SourceMention, Span, Stance,
};

use crate::document::Document;

/// Extracts the claims of `document` with their sources.
pub fn extract(document: &Document) -> Extraction {
    let _ = document;
    Extraction::default()
}

/// Version tag of the `crosscheck extract --json` format.
pub const EXTRACT_SCHEMA: &str = "crosscheck.extract/1";

/// The `crosscheck extract --json` document: schema tag, document, claims and sources.
#[derive(Debug, serde::Serialize)]
pub struct ExtractReport<'a> {
    /// Always [`EXTRACT_SCHEMA`].
    pub schema: &'static str,
    /// The loaded document.
    pub document: &'a Document,
    /// Claims in reading order.
    pub claims: &'a [Claim],
    /// Source entities.
    pub sources: &'a [Source],
}

impl<'a> ExtractReport<'a> {
    /// Bundles a document and its extraction for serialisation.
    pub fn new(document: &'a Document, extraction: &'a Extraction) -> Self {
        Self {
            schema: EXTRACT_SCHEMA,
            document,
            claims: &extraction.claims,
            sources: &extraction.sources,
        }
    }
}
