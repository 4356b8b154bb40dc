//! The per-article journal: every change to an article's notes is appended to
//! `articles/NAME.journal` and fsynced before the notes file is replaced, so a notes file that
//! is damaged or missing is rebuilt from its last good copy plus the journal with nothing lost.
//!
//! The journal is JSON lines, one [`Entry`] per change, numbered by `seq`. Its first entry is a
//! snapshot of the whole file, so the journal alone is enough to rebuild it; each later entry
//! holds the notes the change wrote (whole, so replaying one twice is harmless), the ids it
//! removed and the article record if it changed. The notes file records, in its `journal`
//! mark, the `seq` of the last change it holds and the journal's length just after it: a
//! journal of that length is known to match the file without being read, which keeps opening
//! an article as cheap as before. When the journal grows past a few times the size of the notes
//! file it is compacted: rewritten (atomically) as one snapshot of the current state.

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::StoreError;
use super::model::{ArticleFile, ArticleRecord, Note, SCHEMA_VERSION, rfc3339};

/// A journal is compacted once it is larger than this many times its notes file…
const COMPACT_FACTOR: u64 = 4;
/// …and larger than this many bytes.
const COMPACT_MIN_BYTES: u64 = 64 * 1024;

/// Where an article's journal stood when its notes file was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalMark {
    /// Number of the last change the notes file holds.
    pub seq: u64,
    /// Length of the journal in bytes just after that change.
    pub bytes: u64,
}

/// One change, as a line of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// Number of the change: one more than the change before it.
    pub seq: u64,
    /// Format version of what the entry holds.
    pub v: u32,
    /// When the change was made.
    #[serde(with = "rfc3339")]
    pub at: DateTime<Utc>,
    /// The whole file after the change (the first entry of a journal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<Box<ArticleFile>>,
    /// The article record, when the change altered it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<ArticleRecord>,
    /// The notes the change made or altered, whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub upsert: Vec<Note>,
    /// Ids of the notes the change removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove: Vec<String>,
}

/// The journal beside the notes file `notes_path`: `NAME.journal`.
pub(crate) fn journal_path(notes_path: &Path) -> PathBuf {
    notes_path.with_extension("journal")
}

/// The entry describing the change from `before` to `after`, or `None` when nothing worth
/// keeping changed (only the time the article was last opened).
pub(crate) fn change_entry(
    seq: u64,
    at: DateTime<Utc>,
    before: &ArticleFile,
    after: &ArticleFile,
) -> Option<Entry> {
    let before_notes: HashMap<&str, &Note> =
        before.notes.iter().map(|n| (n.id.as_str(), n)).collect();
    let after_ids: HashSet<&str> = after.notes.iter().map(|n| n.id.as_str()).collect();
    let upsert: Vec<Note> = after
        .notes
        .iter()
        .filter(|note| before_notes.get(note.id.as_str()) != Some(note))
        .cloned()
        .collect();
    let remove: Vec<String> = before
        .notes
        .iter()
        .filter(|note| !after_ids.contains(note.id.as_str()))
        .map(|note| note.id.clone())
        .collect();
    let record_changed = ArticleRecord {
        last_opened: before.article.last_opened,
        ..after.article.clone()
    } != before.article;
    let article = record_changed.then(|| after.article.clone());
    if upsert.is_empty() && remove.is_empty() && article.is_none() {
        return None;
    }
    Some(Entry {
        seq,
        v: SCHEMA_VERSION,
        at,
        snapshot: None,
        article,
        upsert,
        remove,
    })
}

/// The entry of a visit: the notes re-anchored on it (ids in `rebased`) and the article
/// record if it changed other than in the time of the visit. `None` when nothing did.
pub(crate) fn visit_entry(
    seq: u64,
    at: DateTime<Utc>,
    record_before: &ArticleRecord,
    after: &ArticleFile,
    rebased: &[String],
) -> Option<Entry> {
    let rebased: HashSet<&str> = rebased.iter().map(String::as_str).collect();
    let upsert: Vec<Note> = after
        .notes
        .iter()
        .filter(|n| rebased.contains(n.id.as_str()))
        .cloned()
        .collect();
    let record_changed = ArticleRecord {
        last_opened: record_before.last_opened,
        ..after.article.clone()
    } != *record_before;
    let article = record_changed.then(|| after.article.clone());
    if upsert.is_empty() && article.is_none() {
        return None;
    }
    Some(Entry {
        seq,
        v: SCHEMA_VERSION,
        at,
        snapshot: None,
        article,
        upsert,
        remove: Vec::new(),
    })
}

/// Applies one entry to `file`.
fn apply(file: &mut ArticleFile, entry: &Entry) {
    if let Some(snapshot) = &entry.snapshot {
        *file = ArticleFile::clone(snapshot);
    } else {
        if let Some(article) = &entry.article {
            file.article = article.clone();
        }
        for note in &entry.upsert {
            match file.notes.iter_mut().find(|n| n.id == note.id) {
                Some(slot) => *slot = note.clone(),
                None => file.notes.push(note.clone()),
            }
        }
        file.notes.retain(|n| !entry.remove.contains(&n.id));
    }
    file.normalize();
}

/// What reading a journal found.
#[derive(Debug, Default)]
pub(crate) struct Journal {
    /// The entries that parsed, in file order.
    pub entries: Vec<Entry>,
    /// Length of the journal in bytes.
    pub bytes: u64,
    /// Whether every line parsed (a line torn by a crash does not).
    pub is_clean: bool,
}

/// Reads the whole journal at `path`; `None` when there is none.
pub(crate) fn read(path: &Path) -> Result<Option<Journal>, StoreError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io("read", path, e)),
    };
    let mut journal = Journal {
        bytes: bytes.len() as u64,
        is_clean: bytes.is_empty() || bytes.ends_with(b"\n"),
        ..Journal::default()
    };
    for line in bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        match serde_json::from_slice::<Entry>(line) {
            Ok(entry) => journal.entries.push(entry),
            Err(_) => journal.is_clean = false,
        }
    }
    Ok(Some(journal))
}

/// What replaying a journal onto a file did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Replay {
    /// Entries applied.
    pub applied: usize,
    /// Number of the last change the file now holds.
    pub seq: u64,
    /// Whether changes between the file and the journal are missing (neither holds them).
    pub has_gap: bool,
    /// Whether replay stopped at an entry written by a newer version.
    pub stopped_at_newer: bool,
}

/// Applies to `file`, which holds changes up to `seq`, the journal's later changes in order. A
/// snapshot later than `seq` replaces the file; an entry that does not follow on is a gap.
pub(crate) fn replay(file: &mut ArticleFile, seq: u64, journal: &Journal) -> Replay {
    let mut replay = Replay {
        seq,
        ..Replay::default()
    };
    for entry in &journal.entries {
        if entry.seq <= replay.seq {
            continue;
        }
        if entry.v > SCHEMA_VERSION {
            replay.stopped_at_newer = true;
            break;
        }
        if entry.snapshot.is_none() && entry.seq != replay.seq + 1 {
            replay.has_gap = true;
        }
        apply(file, entry);
        replay.applied += 1;
        replay.seq = entry.seq;
    }
    replay
}

/// Where the journal of a file that was just read stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Reconciled {
    /// Changes found in the journal but not in the file (a save cut short, or a file put back
    /// from an older copy), now applied.
    pub rolled_forward: usize,
    /// The mark to continue from, when the journal matches the file; `None` when the next
    /// change must start a new journal (there is none, or it is damaged or torn).
    pub mark: Option<JournalMark>,
}

/// Whether the journal at `path` is as `file` left it (one `stat`).
pub(crate) fn is_in_step(path: &Path, file: &ArticleFile) -> Result<bool, StoreError> {
    match std::fs::metadata(path) {
        Ok(m) => Ok(file.journal.is_some_and(|mark| mark.bytes == m.len())),
        // No journal: in step unless the file says it had one.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(StoreError::io("read", path, e)),
    }
}

/// Checks the journal of the notes file just read into `file` and applies any later change
/// it holds. Costs one `stat` when the journal is as the file left it.
pub(crate) fn reconcile(path: &Path, file: &mut ArticleFile) -> Result<Reconciled, StoreError> {
    let journal_len = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Reconciled::default()),
        Err(e) => return Err(StoreError::io("read", path, e)),
    };
    let mark = file.journal.unwrap_or_default();
    if journal_len == mark.bytes {
        // A journal always starts with a snapshot, so an empty one cannot be continued.
        return Ok(Reconciled {
            rolled_forward: 0,
            mark: (mark.seq > 0).then_some(mark),
        });
    }
    let Some(journal) = read(path)? else {
        return Ok(Reconciled::default());
    };
    let replay = replay(file, mark.seq, &journal);
    file.journal = Some(JournalMark {
        seq: replay.seq,
        bytes: journal.bytes,
    });
    let is_whole = journal.is_clean
        && !replay.has_gap
        && !replay.stopped_at_newer
        && journal.entries.last().is_some_and(|e| e.seq == replay.seq);
    Ok(Reconciled {
        rolled_forward: replay.applied,
        mark: is_whole.then_some(JournalMark {
            seq: replay.seq,
            bytes: journal.bytes,
        }),
    })
}

/// Records `entry` (the change that made `after`) durably in the journal at `path`, whose
/// state matches `mark` if it is known to, and returns the mark `after` must carry. Starts a
/// new journal (one snapshot of `after`) when there is none that matches, and compacts one that
/// has grown past [`COMPACT_FACTOR`] times `notes_file_bytes`.
pub(crate) fn record(
    path: &Path,
    mark: Option<JournalMark>,
    entry: Entry,
    after: &ArticleFile,
    notes_file_bytes: u64,
) -> Result<JournalMark, StoreError> {
    let limit = (notes_file_bytes * COMPACT_FACTOR).max(COMPACT_MIN_BYTES);
    if let Some(mark) = mark.filter(|m| m.bytes < limit) {
        let mut line = serde_json::to_vec(&entry).map_err(StoreError::Encode)?;
        line.push(b'\n');
        let mut journal = OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|e| StoreError::io("open", path, e))?;
        journal
            .write_all(&line)
            .and_then(|()| journal.sync_data())
            .map_err(|e| StoreError::io("write", path, e))?;
        return Ok(JournalMark {
            seq: entry.seq,
            bytes: mark.bytes + line.len() as u64,
        });
    }
    restart(path, after, entry.seq, entry.at)
}

/// Starts the journal at `path` afresh: one snapshot of `file` as change `seq`, written
/// atomically. Returns the mark the file must carry.
pub(crate) fn restart(
    path: &Path,
    file: &ArticleFile,
    seq: u64,
    at: DateTime<Utc>,
) -> Result<JournalMark, StoreError> {
    let mut snapshot = file.clone();
    snapshot.journal = None;
    let entry = Entry {
        seq,
        v: SCHEMA_VERSION,
        at,
        snapshot: Some(Box::new(snapshot)),
        article: None,
        upsert: Vec::new(),
        remove: Vec::new(),
    };
    let mut line = serde_json::to_vec(&entry).map_err(StoreError::Encode)?;
    line.push(b'\n');
    replace(path, &line)?;
    Ok(JournalMark {
        seq,
        bytes: line.len() as u64,
    })
}

/// Replaces the file at `path` with `bytes` atomically (temporary file, fsync, rename, folder
/// fsync), keeping no backup.
fn replace(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let tmp = path.with_extension("journal.tmp");
    {
        let mut file = File::create(&tmp).map_err(|e| StoreError::io("create", &tmp, e))?;
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .map_err(|e| StoreError::io("write", &tmp, e))?;
    }
    std::fs::rename(&tmp, path).map_err(|e| StoreError::io("replace", path, e))?;
    super::file::sync_dir(path.parent().unwrap_or_else(|| Path::new(".")))
}
