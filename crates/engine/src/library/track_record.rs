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
use super::source_join::{LibrarySource, SourceDirectory};
use crate::extract::Attribution;
use crate::sources::SourceStatus;
use crate::store::{Store, Verdict, VerdictCounts};

/// Version tag of a source record's JSON (`crosscheck sources NAME --json`).
pub const SOURCE_RECORD_SCHEMA: &str = "crosscheck.source-record/1";

/// The verdicts made on claims of the library, read from the notes store.
#[derive(Debug, Clone, Default)]
pub struct LibraryVerdicts {
    by_claim: HashMap<ClaimAt, Verdict>,
}

impl LibraryVerdicts {
    /// Reads the verdicts of every article of `library` that has judged notes in `store`
    /// (found through the store's index, so articles without notes cost nothing). Each note
    /// counts for one claim: the one it sits exactly on, else the one it overlaps most (a
    /// verdict on "the project was on budget" is not also one on "Oreshkov said the project
    /// was on budget").
    pub fn read(library: &LibraryIndex, store: &Store) -> Self {
        let mut by_claim = HashMap::default();
        let Ok(known) = store.library() else {
            return Self { by_claim };
        };
        for entry in known.entries {
            if entry.verdicts.total() == entry.verdicts.unverified {
                continue;
            }
            let (Some(index), Some(notes)) = (
                library.position(&entry.path),
                store.notes_for_key(&entry.path),
            ) else {
                continue;
            };
            let article = &library.articles()[index];
            for note in notes
                .notes
                .iter()
                .filter(|n| n.verdict != Verdict::Unverified)
            {
                if let Some(c) = claim_of_note(&article.claims, note) {
                    by_claim.insert(
                        ClaimAt {
                            article: u32::try_from(index).unwrap_or(u32::MAX),
                            claim: u32::try_from(c).unwrap_or(u32::MAX),
                        },
                        note.verdict,
                    );
                }
            }
        }
        Self { by_claim }
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
    /// How it is attributed.
    pub attribution: Attribution,
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
        let directory = SourceDirectory::build(library);
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
        }
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
        let source = self.directory.get(id)?;
        let dates = |article: usize| article_date(&library.articles()[article]);
        let claim = |at: &ClaimAt| -> Option<RecordClaim> {
            let article = library.articles().get(at.article as usize)?;
            let claim = article.claims.get(at.claim as usize)?;
            Some(RecordClaim {
                path: article.path.clone(),
                report: article.label(),
                date: dates(at.article as usize),
                claim_id: claim.id.clone(),
                start: claim.start,
                end: claim.end,
                text: claim.text.clone(),
                attribution: claim.attribution,
                mention: claim.mention.clone(),
                chain: Chain::of(article, claim).describe(),
                verdict: self.verdicts.get(*at).unwrap_or_default(),
            })
        };
        let latest_first = |mut claims: Vec<RecordClaim>| {
            claims.sort_by(|a, b| {
                b.date
                    .cmp(&a.date)
                    .then_with(|| a.path.cmp(&b.path))
                    .then(a.start.cmp(&b.start))
            });
            claims
        };
        Some(SourceRecord {
            schema: SOURCE_RECORD_SCHEMA,
            status: self.status(source).cloned(),
            record: self.track_record(source),
            claims: latest_first(source.claims.iter().filter_map(claim).collect()),
            relayed: latest_first(source.relayed.iter().filter_map(claim).collect()),
            source: source.clone(),
        })
    }
}

/// The claim a note is about: the one it sits exactly on, else the one it overlaps most.
fn claim_of_note(
    claims: &[super::record::IndexedClaim],
    note: &crate::store::Note,
) -> Option<usize> {
    let anchor = &note.anchor;
    if let Some(exact) = claims
        .iter()
        .position(|c| (c.start == anchor.start && c.end == anchor.end) || c.text == anchor.exact)
    {
        return Some(exact);
    }
    claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                i,
                c.end
                    .min(anchor.end)
                    .saturating_sub(c.start.max(anchor.start)),
            )
        })
        .filter(|(_, overlap)| *overlap > 0)
        .max_by_key(|(i, overlap)| (*overlap, std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
}

/// The track record of one source.
fn track_record(
    source: &LibrarySource,
    verdicts: &LibraryVerdicts,
    dates: &[Option<String>],
) -> TrackRecord {
    let counts = VerdictCounts::of_verdicts(
        source
            .claims
            .iter()
            .map(|at| verdicts.get(*at).unwrap_or_default()),
    );
    let seen = source
        .claims
        .iter()
        .chain(&source.relayed)
        .filter_map(|at| dates.get(at.article as usize).and_then(Option::as_deref));
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
        claims: source.claims.len(),
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
