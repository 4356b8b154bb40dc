//! Rebuilding a notes file that is missing or cannot be read: from its last good copy (the
//! backup) plus the changes its journal holds after it, or from the journal alone.

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::StoreError;
use super::file::{self, Read};
use super::journal;
use super::model::ArticleFile;

/// What rebuilding a notes file used and found; shown to the person as a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebuilt {
    /// The notes file.
    pub path: PathBuf,
    /// What was wrong with it: "was missing", "could not be read (…)".
    pub problem: String,
    /// The backup the rebuild started from, if one could be read.
    pub backup: Option<PathBuf>,
    /// The journal whose changes were applied, if it held any.
    pub journal: Option<PathBuf>,
    /// Number of changes applied from the journal.
    pub changes: usize,
    /// Number of notes the rebuilt file holds.
    pub notes: usize,
    /// Whether every saved change is known to be back (the journal follows on from the backup
    /// without a gap); otherwise the last changes may be missing.
    pub is_complete: bool,
}

impl fmt::Display for Rebuilt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sources = Vec::new();
        if let Some(backup) = &self.backup {
            sources.push(format!("its backup ({})", backup.display()));
        }
        if let Some(journal) = &self.journal {
            sources.push(format!(
                "{} in its journal ({})",
                plural(self.changes, "change", "changes"),
                journal.display()
            ));
        }
        write!(
            f,
            "the notes file {}; it was rebuilt from {}: {}, {}: {}",
            self.problem,
            sources.join(" and "),
            plural(self.notes, "note", "notes"),
            if self.is_complete {
                "no saved change missing"
            } else {
                "the last changes may be missing"
            },
            self.path.display()
        )
    }
}

/// "1 change", "3 changes".
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Whether a missing notes file at `path` left anything to rebuild it from.
pub(crate) fn has_sources(path: &Path) -> bool {
    file::backup_path(path).exists() || journal::journal_path(path).exists()
}

/// Rebuilds the notes file at `path` (missing, or moved aside as unreadable) and writes it. The
/// caller holds the store lock; `fallback` is the file to start from when there is no backup
/// (a new file for the article; without one, the journal must start with a snapshot). `None`
/// when there was nothing to rebuild from.
pub(crate) fn rebuild(
    path: &Path,
    problem: String,
    fallback: Option<ArticleFile>,
    now: DateTime<Utc>,
) -> Result<Option<(ArticleFile, Rebuilt)>, StoreError> {
    let backup_path = file::backup_path(path);
    let backup = match file::read_json::<ArticleFile>(&backup_path)? {
        Read::Current(backup) => Some(backup),
        _ => None,
    };
    let journal_path = journal::journal_path(path);
    let journal = journal::read(&journal_path)?.filter(|j| !j.entries.is_empty());
    let used_backup = backup.is_some();
    let first_snapshot = journal
        .as_ref()
        .and_then(|j| j.entries.first())
        .and_then(|e| e.snapshot.as_deref().cloned());
    let Some(mut rebuilt) = backup
        .or_else(|| journal.as_ref().and(fallback))
        .or(first_snapshot)
    else {
        return Ok(None);
    };
    let start_seq = rebuilt.journal.map_or(0, |m| m.seq);
    let replay = match &journal {
        Some(journal) => journal::replay(&mut rebuilt, start_seq, journal),
        None => journal::Replay {
            seq: start_seq,
            ..journal::Replay::default()
        },
    };
    // Without a journal, changes after the backup cannot be known; a journal that follows on
    // from the backup (or starts with a snapshot) holds every saved change.
    let is_complete = journal.is_some() && !replay.has_gap && !replay.stopped_at_newer;
    super::model::migrate(&mut rebuilt);
    // Start the journal afresh from the rebuilt state, so that it matches the new file.
    rebuilt.journal = None;
    let mark = journal::restart(&journal_path, &rebuilt, replay.seq + 1, now)?;
    rebuilt.journal = Some(mark);
    file::write_atomic(path, &super::encode(&rebuilt)?)?;
    if !used_backup {
        // The backup was missing or damaged too: the rebuilt file is the last good copy now.
        file::keep_backup(path)?;
    }
    let notice = Rebuilt {
        path: path.to_owned(),
        problem,
        backup: used_backup.then_some(backup_path),
        journal: journal.as_ref().map(|_| journal_path),
        changes: replay.applied,
        notes: rebuilt.notes.len(),
        is_complete,
    };
    Ok(Some((rebuilt, notice)))
}
