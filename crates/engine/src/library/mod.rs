//! The library: every article the person opened or added by folder, indexed with its claims
//! and sources, so that a claim can be cross-checked against other reports.
//!
//! - [`LibraryIndex`] keeps the index on disk beside the notes store and brings it up to date;
//! - [`compare`] finds, for each claim of an article, the same claim in other reports, what
//!   agrees and diverges, the chains of attribution, the independent origins, and verdicts
//!   already made;
//! - [`search`] finds claims by words, source and verdict.
//!
//! ```no_run
//! use crosscheck_engine::library::{LibraryIndex, compare};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let data_dir = crosscheck_engine::store::Store::resolve_dir(None)?;
//! let mut library = LibraryIndex::open(&data_dir)?;
//! library.add_folder(std::path::Path::new("reports"), &[], &mut |p| {
//!     eprintln!("{}/{}", p.done, p.total)
//! })?;
//! let document = crosscheck_engine::load(std::path::Path::new("article.txt"))?;
//! let comparison = compare(&document, &crosscheck_engine::extract(&document), &library, None);
//! for claim in &comparison.claims {
//!     println!("{}: {} matches", claim.claim.text, claim.matches.len());
//! }
//! # Ok(())
//! # }
//! ```

mod compare;
mod features;
mod index;
mod matcher;
mod origins;
mod record;
mod report;
pub mod score;
mod search;
mod source_join;
pub mod statements;
mod track_record;

pub use crate::store::FileStamp;
pub use compare::{Agreement, Aspect, Difference, WordChange, WordChangeKind, word_changes};
pub use features::{ClaimFeatures, content_terms};
pub use index::{
    INDEX_CONTENT_VERSION, IndexSummary, LIBRARY_SCHEMA_VERSION, LibraryError, LibraryIndex,
    MAX_FOLDER_DEPTH, Progress,
};
pub use matcher::{
    ArticleVector, CANDIDATE_SIMILARITY, ClaimAt, Hit, MIN_SHARED_TERMS, MIN_SIMILARITY, Matcher,
};
pub use origins::{
    Chain, ChainLink, LinkKind, OriginGroup, independent_origins, name_key, same_entity,
};
pub use record::{ExtractedSources, IndexedArticle, IndexedClaim, SourceRef};
pub use report::{
    ClaimComparison, ClaimMatch, Comparison, MAX_MATCHES, OriginSummary, VerdictHint, compare,
    compare_with,
};
pub use search::{SearchHit, SearchQuery, judged_notes, search, verdict_of};
pub use source_join::{LibrarySource, SourceDirectory};
pub use track_record::{
    LibraryVerdicts, RecordClaim, SOURCE_RECORD_SCHEMA, SourceRecord, SourceRecords, TrackRecord,
};

/// Paths of the articles the notes store knows (every article the person opened), to pass to
/// [`LibraryIndex::update`] and [`LibraryIndex::add_folder`].
pub fn opened_articles(
    store: &crate::store::Store,
) -> Result<Vec<String>, crate::store::StoreError> {
    Ok(store
        .library()?
        .entries
        .into_iter()
        .map(|e| e.path)
        .filter(|p| !p.starts_with("sha256:"))
        .collect())
}
