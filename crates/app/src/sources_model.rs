//! What the window shows of the library's sources for the open article: for each of its
//! sources, the library source it is (joined across reports) with its track record and the
//! person's word on it; the record being read, a page at a time; the latest correction, to
//! undo. Computed by [`super::App::apply`] from the library's records; widgets only read it.

use std::collections::HashMap;

use crosscheck_engine::document::Document;
use crosscheck_engine::extract::{Extraction, Source};
use crosscheck_engine::library::{
    LibraryIndex, LibrarySource, SourceRecord, SourceRecords, SourceRef, TrackRecord,
};
use crosscheck_engine::sources::{Correction, SourceStatus, status_for};

/// Claims of a record shown at a time.
pub const RECORD_PAGE: usize = 50;

/// A source of the open article as the library knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct LibraryStanding {
    /// The library source's id.
    pub id: String,
    /// Its name in the library (the fullest most reports use).
    pub name: String,
    /// Its track record in brief.
    pub record: TrackRecord,
    /// The person's word on it.
    pub status: Option<SourceStatus>,
}

impl LibraryStanding {
    /// "Dmitry Peskov: 12 claims in 9 reports; 7 false, 2 misleading, 1 verified".
    pub fn summary(&self) -> String {
        format!("{}: {}", self.name, self.record.describe())
    }
}

/// A library record being read in the Sources tab.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownRecord {
    /// The record, with the claims shown so far.
    pub record: SourceRecord,
}

impl ShownRecord {
    /// Whether more claims are left to show.
    pub fn has_more(&self) -> bool {
        self.record.claims.len() < self.record.record.claims
    }
}

/// The open article's sources in the library.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourcesModel {
    /// For each source entity id of the article, its library source (none while the
    /// library is read, or before the article is indexed).
    pub standings: HashMap<String, LibraryStanding>,
    /// The person's word on sources, for sources not in the library yet.
    pub statuses: Vec<SourceStatus>,
    /// The record shown in the Sources tab.
    pub shown: Option<ShownRecord>,
    /// The latest correction in force (what Undo undoes).
    pub latest: Option<Correction>,
    /// The latest correction undone (what Redo makes again).
    pub undone: Option<Correction>,
}

impl SourcesModel {
    /// The library sources of the article's sources, from `records` built over `index`.
    pub fn standings(
        document: &Document,
        extraction: &Extraction,
        library: Option<(&LibraryIndex, &SourceRecords)>,
    ) -> HashMap<String, LibraryStanding> {
        let Some((index, records)) = library else {
            return HashMap::new();
        };
        let position = index.position(&crosscheck_engine::store::article_key(document));
        extraction
            .sources
            .iter()
            .filter_map(|source| {
                let found = library_source(records, position, source)?;
                Some((
                    source.id.clone(),
                    LibraryStanding {
                        id: found.id.clone(),
                        name: found.name.clone(),
                        record: records.track_record(found),
                        status: records.status(found).cloned(),
                    },
                ))
            })
            .collect()
    }

    /// The person's word on the article's source `source`: the library's, else one set by
    /// name before the source reached the library.
    pub fn status_of(&self, source: &Source) -> Option<&SourceStatus> {
        self.standings
            .get(&source.id)
            .and_then(|s| s.status.as_ref())
            .or_else(|| {
                let names = std::iter::once(source.name.as_str())
                    .chain(source.aliases.iter().map(String::as_str));
                status_for(&self.statuses, names)
            })
    }
}

/// The library source an article's source is, by the article's own entry (`position`) or by
/// its names.
pub fn library_source<'r>(
    records: &'r SourceRecords,
    position: Option<usize>,
    source: &Source,
) -> Option<&'r LibrarySource> {
    let reference = SourceRef {
        name: source.name.clone(),
        kind: source.kind,
        aliases: source.aliases.clone(),
        role: source.role.clone(),
    };
    records.directory().of_source(position, &reference)
}
