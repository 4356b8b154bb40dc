//! Track records: for each source of the library, the claims resting on it (it is the end of
//! their chain of attribution) with the verdicts the person made on them, the counts per
//! verdict, and when the source was first and last seen; with the person's word on it.
//!
//! ```no_run
//! use crosscheck_engine::library::{LibraryIndex, SourceRecords};
//! use crosscheck_engine::store::Store;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let store = Store::open(Store::resolve_dir(None)?)?;
//! let library = LibraryIndex::open(store.dir())?;
//! let records = SourceRecords::build(&library, Some(&store));
//! for source in records.directory().sources().iter().take(10) {
//!     println!("{}", records.summary(source));
//! }
//! # Ok(())
//! # }
//! ```

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use super::index::LibraryIndex;
use super::matcher::ClaimAt;
use super::origins::Chain;
use super::record::SourceRef;
use super::source_join::{LibrarySource, SourceDirectory};
use crate::extract::Attribution;
use crate::sources::SourceStatus;
use crate::sources::correction::Named;
use crate::store::{Origin, Store, Verdict, VerdictCounts};

/// Version tag of a source record's JSON (`crosscheck sources NAME --json`).
pub const SOURCE_RECORD_SCHEMA: &str = "crosscheck.source-record/1";

/// A claim the person marked by hand in an article of the library, with the source they
/// named for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkedClaim {
    /// Index of the article in the library.
    pub article: u32,
    /// The note's id.
    pub note_id: String,
    /// Char offset of the claim (as last placed).
    pub start: usize,
    /// Char offset just past it.
    pub end: usize,
    /// Its words.
    pub text: String,
    /// The source the person named, as corrected (see [`crate::sources`]).
    pub source: SourceRef,
    /// The verdict made on it.
    pub verdict: Verdict,
}

/// What the notes store says about the library's claims: the verdicts made on extracted
/// claims, and the claims marked by hand with a source.
#[derive(Debug, Clone, Default)]
pub struct LibraryVerdicts {
    by_claim: HashMap<ClaimAt, Verdict>,
    marked: Vec<MarkedClaim>,
}

impl LibraryVerdicts {
    /// Reads the notes of every article of `library` that has notes in `store` (found
    /// through the store's index, so articles without notes cost nothing). A note is on the
    /// claim [`crate::review::is_note_on`] pairs it with; a note on a claim marked by hand
    /// with a source is a [`MarkedClaim`].
    pub fn read(library: &LibraryIndex, store: &Store) -> Self {
        let mut found = Self::default();
        let Ok(known) = store.library() else {
            return found;
        };
        for entry in known.entries {
            if entry.notes == 0 {
                continue;
            }
            if let Some(index) = library.position(&entry.path) {
                let one = Self::read_article(library, store, index);
                found.by_claim.extend(one.by_claim);
                found.marked.extend(one.marked);
            }
        }
        found
    }

    /// The notes of the article at index `index` of `library` (see [`Self::read`]).
    fn read_article(library: &LibraryIndex, store: &Store, index: usize) -> Self {
        let mut found = Self::default();
        let article = &library.articles()[index];
        let Some(notes) = store.notes_for_key(&article.path) else {
            return found;
        };
        let article_index = u32::try_from(index).unwrap_or(u32::MAX);
        for note in &notes.notes {
            if note.origin == Origin::Manual
                && let Some(name) = note.source.as_deref().filter(|n| !n.trim().is_empty())
            {
                let mut source = Named {
                    name: name.trim().to_owned(),
                    kind: crate::extract::kind_of_name(name),
                    aliases: Vec::new(),
                    role: None,
                };
                if library
                    .corrections()
                    .correct(&mut source, Some(name), &article.path)
                {
                    found.marked.push(MarkedClaim {
                        article: article_index,
                        note_id: note.id.clone(),
                        start: note.anchor.start,
                        end: note.anchor.end,
                        text: note.anchor.exact.clone(),
                        source: source.into_ref(),
                        verdict: note.verdict,
                    });
                }
                continue;
            }
            if note.verdict == Verdict::Unverified {
                continue;
            }
            let on = article
                .claims
                .iter()
                .position(|c| crate::review::is_note_on(&note.anchor, c.start, c.end, &c.text));
            if let Some(c) = on {
                found.by_claim.insert(
                    ClaimAt {
                        article: article_index,
                        claim: u32::try_from(c).unwrap_or(u32::MAX),
                    },
                    note.verdict,
                );
            }
        }
        found
    }

    /// The claims marked by hand with a source.
    pub fn marked(&self) -> &[MarkedClaim] {
        &self.marked
    }

    /// The verdict made on the claim at `at`, if any.
    pub fn get(&self, at: ClaimAt) -> Option<Verdict> {
        self.by_claim.get(&at).copied()
    }

    /// Number of judged claims.
    pub fn len(&self) -> usize {
        self.by_claim.len()
    }

    /// Whether no claim was judged.
    pub fn is_empty(&self) -> bool {
        self.by_claim.is_empty()
    }
}

/// A source's track record in brief.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TrackRecord {
    /// Claims resting on the source.
    pub claims: usize,
    /// Reports naming it.
    pub reports: usize,
    /// Claims it relayed from another source.
    pub relayed: usize,
    /// Its claims per verdict (`unverified`: claims not judged yet).
    pub verdicts: VerdictCounts,
    /// Date (YYYY-MM-DD) of the earliest report naming it: its publication date, else the
    /// file's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    /// Date of the latest report naming it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
}

/// Verdicts in the order a record lists them: the damning first.
const VERDICT_ORDER: [Verdict; 5] = [
    Verdict::False,
    Verdict::Misleading,
    Verdict::Disputed,
    Verdict::Inconclusive,
    Verdict::Verified,
];

impl TrackRecord {
    /// "12 claims in 9 reports; 7 false, 2 misleading, 1 verified" (or "…; none judged yet").
    pub fn describe(&self) -> String {
        let claims = plural(self.claims, "claim", "claims");
        let reports = plural(self.reports, "report", "reports");
        let mut text = format!("{claims} in {reports}");
        let judged: Vec<String> = VERDICT_ORDER
            .iter()
            .filter(|v| self.verdicts.get(**v) > 0)
            .map(|v| format!("{} {}", self.verdicts.get(*v), v.as_str()))
            .collect();
        if judged.is_empty() {
            if self.claims > 0 {
                text.push_str("; none judged yet");
            }
        } else {
            text.push_str("; ");
            text.push_str(&judged.join(", "));
        }
        if self.relayed > 0 {
            text.push_str(&format!(
                "; relayed {}",
                plural(self.relayed, "claim", "claims")
            ));
        }
        text
    }

    /// Number of claims with a verdict.
    pub fn judged(&self) -> usize {
        self.verdicts.total() - self.verdicts.unverified
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One claim of a source's record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordClaim {
    /// The article (its path, the notes store's key).
    pub path: String,
    /// The report's name (outlet, headline or file name).
    pub report: String,
    /// The report's date (YYYY-MM-DD), if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The extractor's claim id.
    pub claim_id: String,
    /// Char offset of the claim in the article.
    pub start: usize,
    /// Char offset just past it.
    pub end: usize,
    /// The claim's text.
    pub text: String,
    /// How the extractor attributes it; `None` for a claim the person marked by hand.
    pub attribution: Option<Attribution>,
    /// The words the report named the source with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mention: Option<String>,
    /// Its chain of attribution: "Valley Courier » Eastbrook Ledger » Marta Quinlan".
    pub chain: String,
    /// The verdict made on it (`unverified` when none).
    pub verdict: Verdict,
}

/// A source's full record: who it is, the person's word on it, its track record and claims.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceRecord {
    /// Always [`SOURCE_RECORD_SCHEMA`].
    pub schema: &'static str,
    /// The source.
    pub source: LibrarySource,
    /// The person's word on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<SourceStatus>,
    /// Its track record in brief.
    pub record: TrackRecord,
    /// The claims resting on it, the latest report first.
    pub claims: Vec<RecordClaim>,
    /// The claims it relayed, the latest report first.
    pub relayed: Vec<RecordClaim>,
}

/// Every source of the library with its track record.
#[derive(Debug, Clone, Default)]
pub struct SourceRecords {
    directory: SourceDirectory,
    verdicts: LibraryVerdicts,
    records: Vec<TrackRecord>,
    statuses: Vec<SourceStatus>,
    /// Each article's date (YYYY-MM-DD), by library index.
    dates: Vec<Option<String>>,
}

impl SourceRecords {
    /// Joins the library's sources and computes every track record, with the verdicts and
    /// the person's word on sources read from `store`.
    pub fn build(library: &LibraryIndex, store: Option<&Store>) -> Self {
        let verdicts = store
            .map(|s| LibraryVerdicts::read(library, s))
            .unwrap_or_default();
        let statuses = store
            .and_then(|s| s.source_book().ok())
            .map(|b| b.statuses)
            .unwrap_or_default();
        Self::from_parts(library, verdicts, statuses)
    }

    /// The records of `library` given the verdicts and statuses.
    pub fn from_parts(
        library: &LibraryIndex,
        verdicts: LibraryVerdicts,
        statuses: Vec<SourceStatus>,
    ) -> Self {
        let directory = SourceDirectory::build(library, verdicts.marked());
        let dates = article_dates(library);
        let records = directory
            .sources()
            .iter()
            .map(|source| track_record(source, &verdicts, &dates))
            .collect();
        Self {
            directory,
            verdicts,
            records,
            statuses,
            dates,
        }
    }

    /// Reads again the notes of the article at `path` (after the person judged one of its
    /// claims) and recomputes the track records of its sources, without joining the library
    /// again. Returns false when that is not enough: a claim marked by hand with a source was
    /// added or lost its source, and the records must be built again ([`Self::build`]).
    pub fn refresh_article(&mut self, library: &LibraryIndex, store: &Store, path: &str) -> bool {
        let Some(index) = library.position(path) else {
            return true;
        };
        let article = u32::try_from(index).unwrap_or(u32::MAX);
        let fresh = LibraryVerdicts::read_article(library, store, index);
        self.verdicts.by_claim.retain(|at, _| at.article != article);
        self.verdicts.by_claim.extend(fresh.by_claim);
        let old: Vec<&MarkedClaim> = self
            .verdicts
            .marked
            .iter()
            .filter(|m| m.article == article)
            .collect();
        let same_marked = old.len() == fresh.marked.len()
            && old
                .iter()
                .zip(&fresh.marked)
                .all(|(a, b)| a.note_id == b.note_id && a.source == b.source);
        if !same_marked {
            return false;
        }
        let mut fresh_marked = fresh.marked.into_iter();
        for marked in self
            .verdicts
            .marked
            .iter_mut()
            .filter(|m| m.article == article)
        {
            if let Some(new) = fresh_marked.next() {
                *marked = new;
            }
        }
        for position in self.directory.in_article_all(index) {
            let source = &self.directory.sources()[position];
            self.records[position] = track_record(source, &self.verdicts, &self.dates);
        }
        true
    }

    /// Reads the person's word on sources again (after they changed it).
    pub fn set_statuses(&mut self, statuses: Vec<SourceStatus>) {
        self.statuses = statuses;
    }

    /// The joined sources.
    pub fn directory(&self) -> &SourceDirectory {
        &self.directory
    }

    /// The verdicts the records count.
    pub fn verdicts(&self) -> &LibraryVerdicts {
        &self.verdicts
    }

    /// The track record of `source` (one of [`Self::directory`]'s).
    pub fn track_record(&self, source: &LibrarySource) -> TrackRecord {
        self.directory
            .position(&source.id)
            .and_then(|i| self.records.get(i))
            .cloned()
            .unwrap_or_default()
    }

    /// The person's word on `source`, if given.
    pub fn status(&self, source: &LibrarySource) -> Option<&SourceStatus> {
        crate::sources::status_for(&self.statuses, source.names())
    }

    /// The person's word on every source.
    pub fn statuses(&self) -> &[SourceStatus] {
        &self.statuses
    }

    /// "Dmitry Peskov: 12 claims in 9 reports; 7 false, 2 misleading, 1 verified".
    pub fn summary(&self, source: &LibrarySource) -> String {
        format!("{}: {}", source.name, self.track_record(source).describe())
    }

    /// The full record of the source with id `id`, its claims taken from `library` (the
    /// library the records were built from).
    pub fn record(&self, library: &LibraryIndex, id: &str) -> Option<SourceRecord> {
        self.record_page(library, id, 0, usize::MAX)
    }

    /// The record of the source with id `id` with `count` of its claims (and of the claims
    /// it relayed) from the `first`, the latest report first: what a window shows a page at a
    /// time. The track record counts them all.
    pub fn record_page(
        &self,
        library: &LibraryIndex,
        id: &str,
        first: usize,
        count: usize,
    ) -> Option<SourceRecord> {
        let source = self.directory.get(id)?;
        let articles = library.articles();
        // The latest report first, then library (path) order, then reading order.
        let order = |article: u32, start: usize| {
            let date = self.dates.get(article as usize).and_then(Option::as_deref);
            (std::cmp::Reverse(date), article, start)
        };
        let start_of = |at: &ClaimAt| {
            articles
                .get(at.article as usize)
                .and_then(|a| a.claims.get(at.claim as usize))
                .map_or(0, |c| c.start)
        };
        let mut entries: Vec<(ClaimAt, Option<u32>)> = source
            .claims
            .iter()
            .map(|at| (*at, None))
            .chain(source.marked.iter().filter_map(|&m| {
                let marked = self.verdicts.marked.get(m as usize)?;
                Some((
                    ClaimAt {
                        article: marked.article,
                        claim: u32::MAX,
                    },
                    Some(m),
                ))
            }))
            .collect();
        let entry_order = |(at, marked): &(ClaimAt, Option<u32>)| {
            let start = match marked {
                Some(m) => self.verdicts.marked[*m as usize].start,
                None => start_of(at),
            };
            order(at.article, start)
        };
        entries.sort_by_cached_key(entry_order);
        let mut relays: Vec<ClaimAt> = source.relayed.clone();
        relays.sort_by_cached_key(|at| order(at.article, start_of(at)));
        let page = |len: usize| first.min(len)..first.saturating_add(count).min(len);
        let report = |index: u32| -> (String, Option<String>) {
            (
                articles[index as usize].label(),
                self.dates.get(index as usize).cloned().flatten(),
            )
        };
        // Claims of one report often share a chain: each is worked out once.
        type ChainKey<'k> = (u32, Option<&'k str>, Vec<&'k str>, Option<&'k str>);
        let mut chains: HashMap<ChainKey, String> = HashMap::default();
        let mut claim = |at: &ClaimAt| -> Option<RecordClaim> {
            let article = articles.get(at.article as usize)?;
            let claim = article.claims.get(at.claim as usize)?;
            let (label, date) = report(at.article);
            let key = (
                at.article,
                claim.source.as_ref().map(|s| s.name.as_str()),
                claim.via.iter().map(|v| v.name.as_str()).collect(),
                claim.venue.as_deref(),
            );
            let chain = chains
                .entry(key)
                .or_insert_with(|| Chain::of(article, claim).describe())
                .clone();
            Some(RecordClaim {
                path: article.path.clone(),
                report: label,
                date,
                claim_id: claim.id.clone(),
                start: claim.start,
                end: claim.end,
                text: claim.text.clone(),
                attribution: Some(claim.attribution),
                mention: claim.mention.clone(),
                chain,
                verdict: self.verdicts.get(*at).unwrap_or_default(),
            })
        };
        let mut claims = Vec::new();
        for (at, marked) in &entries[page(entries.len())] {
            let shown = match marked {
                None => claim(at),
                Some(m) => {
                    let marked = &self.verdicts.marked[*m as usize];
                    let article = &articles[marked.article as usize];
                    let (label, date) = report(marked.article);
                    Some(RecordClaim {
                        path: article.path.clone(),
                        chain: crate::review::chain_text(&[label.as_str(), &marked.source.name]),
                        report: label,
                        date,
                        claim_id: marked.note_id.clone(),
                        start: marked.start,
                        end: marked.end,
                        text: marked.text.clone(),
                        attribution: None,
                        mention: Some(marked.source.name.clone()),
                        verdict: marked.verdict,
                    })
                }
            };
            claims.extend(shown);
        }
        let relayed = relays[page(relays.len())]
            .iter()
            .filter_map(&mut claim)
            .collect();
        Some(SourceRecord {
            schema: SOURCE_RECORD_SCHEMA,
            status: self.status(source).cloned(),
            record: self.track_record(source),
            claims,
            relayed,
            source: source.clone(),
        })
    }
}

/// The track record of one source.
fn track_record(
    source: &LibrarySource,
    verdicts: &LibraryVerdicts,
    dates: &[Option<String>],
) -> TrackRecord {
    let marked = source
        .marked
        .iter()
        .filter_map(|&m| verdicts.marked.get(m as usize));
    let counts = VerdictCounts::of_verdicts(
        source
            .claims
            .iter()
            .map(|at| verdicts.get(*at).unwrap_or_default())
            .chain(marked.clone().map(|m| m.verdict)),
    );
    let seen = source
        .claims
        .iter()
        .chain(&source.relayed)
        .map(|at| at.article)
        .chain(marked.map(|m| m.article))
        .filter_map(|a| dates.get(a as usize).and_then(Option::as_deref));
    let (mut first, mut last): (Option<&str>, Option<&str>) = (None, None);
    for date in seen {
        if first.is_none_or(|f| date < f) {
            first = Some(date);
        }
        if last.is_none_or(|l| date > l) {
            last = Some(date);
        }
    }
    TrackRecord {
        claims: source.claims.len() + source.marked.len(),
        reports: source.reports,
        relayed: source.relayed.len(),
        verdicts: counts,
        first_seen: first.map(str::to_owned),
        last_seen: last.map(str::to_owned),
    }
}

/// The date of each article of the library.
fn article_dates(library: &LibraryIndex) -> Vec<Option<String>> {
    library.articles().iter().map(article_date).collect()
}

/// An article's date (YYYY-MM-DD): its publication date, else its file's modification date.
fn article_date(article: &super::record::IndexedArticle) -> Option<String> {
    let published = article
        .published
        .as_deref()
        .and_then(|p| p.get(..10))
        .filter(|d| {
            d.len() == 10
                && d.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                })
        });
    if let Some(date) = published {
        return Some(date.to_owned());
    }
    let nanos = i64::try_from(article.stamp.modified_ns).ok()?;
    (nanos > 0).then(|| {
        chrono::DateTime::from_timestamp_nanos(nanos)
            .format("%Y-%m-%d")
            .to_string()
    })
}
