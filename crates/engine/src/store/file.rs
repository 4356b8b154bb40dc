//! File handling for the store: atomic writes with a backup, versioned reads that tell a
//! corrupt file from a newer one, moving corrupt files aside, and the store-wide lock.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;

use super::StoreError;
use super::model::SCHEMA_VERSION;

/// How long a writer waits for another process to release the store lock.
pub(crate) const LOCK_TIMEOUT: Duration = Duration::from_secs(15);

/// A file format that carries a schema version.
pub(crate) trait Versioned {
    /// The version written in the file.
    fn schema_version(&self) -> u32;

    /// Brings what an earlier build of the same schema version wrote up to date.
    fn upgrade(&mut self) {}
}

/// What reading a store file found.
#[derive(Debug)]
pub(crate) enum Read<T> {
    /// No such file.
    Missing,
    /// The file parsed and is of a version this build writes.
    Current(T),
    /// The file comes from a newer build: `value` is what could be read of it, if anything.
    Newer { version: u32, value: Option<T> },
    /// The file is not valid JSON of a known shape.
    Corrupt { reason: String },
}

/// Reads and classifies the JSON file at `path`.
pub(crate) fn read_json<T: DeserializeOwned + Versioned>(
    path: &Path,
) -> Result<Read<T>, StoreError> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Read::Missing),
        Err(err) => return Err(StoreError::io("read", path, err)),
    };
    Ok(classify(&bytes))
}

/// Classifies file content: current, newer or corrupt.
pub(crate) fn classify<T: DeserializeOwned + Versioned>(bytes: &[u8]) -> Read<T> {
    match serde_json::from_slice::<T>(bytes) {
        Ok(value) if value.schema_version() > SCHEMA_VERSION => Read::Newer {
            version: value.schema_version(),
            value: Some(value),
        },
        Ok(mut value) => {
            value.upgrade();
            Read::Current(value)
        }
        Err(err) => {
            // A newer build may have changed the shape: never call its files corrupt.
            let version = serde_json::from_slice::<serde_json::Value>(bytes)
                .ok()
                .and_then(|v| v.get("schema_version").and_then(serde_json::Value::as_u64));
            match version {
                Some(version) if version > u64::from(SCHEMA_VERSION) => Read::Newer {
                    version: u32::try_from(version).unwrap_or(u32::MAX),
                    value: None,
                },
                _ => Read::Corrupt {
                    reason: err.to_string(),
                },
            }
        }
    }
}

/// The backup kept beside `path`: `NAME.backup.json`.
pub(crate) fn backup_path(path: &Path) -> PathBuf {
    sibling(path, "backup.json")
}

/// `NAME.SUFFIX` beside `path` (whose name is `NAME.json`).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.{suffix}"))
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder is written and
/// fsynced, the current file (if any) is kept as [`backup_path`], the temporary file is renamed
/// over `path`, and the folder is fsynced. The caller holds the store lock.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = parent(path);
    let tmp = sibling(path, "json.tmp");
    {
        let mut file = File::create(&tmp).map_err(|e| StoreError::io("create", &tmp, e))?;
        file.write_all(bytes)
            .map_err(|e| StoreError::io("write", &tmp, e))?;
        file.sync_all()
            .map_err(|e| StoreError::io("sync", &tmp, e))?;
    }
    if path.exists() {
        keep_backup(path)?;
    }
    fs::rename(&tmp, path).map_err(|e| StoreError::io("replace", path, e))?;
    sync_dir(dir)
}

/// Makes `NAME.backup.json` a copy of the current `path`, atomically.
pub(crate) fn keep_backup(path: &Path) -> Result<(), StoreError> {
    let backup = backup_path(path);
    let staging = sibling(path, "backup.json.tmp");
    let _ = fs::remove_file(&staging);
    // A hard link costs nothing and the old inode survives the coming rename; where links
    // are not supported, copy.
    if fs::hard_link(path, &staging).is_err() {
        fs::copy(path, &staging).map_err(|e| StoreError::io("back up", path, e))?;
        File::open(&staging)
            .and_then(|f| f.sync_all())
            .map_err(|e| StoreError::io("sync", &staging, e))?;
    }
    fs::rename(&staging, &backup).map_err(|e| StoreError::io("back up", &backup, e))
}

/// Moves an unreadable file aside to `NAME.corrupt-TIMESTAMP.json` and returns the new path.
pub(crate) fn move_aside(path: &Path) -> Result<PathBuf, StoreError> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%3fZ");
    let mut target = sibling(path, &format!("corrupt-{stamp}.json"));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = sibling(path, &format!("corrupt-{stamp}-{n}.json"));
    }
    fs::rename(path, &target).map_err(|e| StoreError::io("move aside", path, e))?;
    sync_dir(parent(path))?;
    Ok(target)
}

fn parent(path: &Path) -> &Path {
    path.parent().unwrap_or_else(|| Path::new("."))
}

/// Fsyncs a folder so that renames in it are durable (a no-op where folders cannot be opened).
pub(crate) fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| StoreError::io("sync folder", dir, e))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// The store-wide exclusive lock, held while a writer reloads, changes and writes files.
/// Released when dropped.
#[derive(Debug)]
pub(crate) struct StoreLock {
    _file: File,
}

impl StoreLock {
    /// Takes the lock on `DIR/.lock`, waiting up to [`LOCK_TIMEOUT`] for other processes.
    pub(crate) fn acquire(dir: &Path) -> Result<Self, StoreError> {
        let path = dir.join(".lock");
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| StoreError::io("open lock file", &path, e))?;
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Self { _file: file }),
                Err(fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_TIMEOUT => {
                    std::thread::sleep(Duration::from_millis(2));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(StoreError::Busy { path });
                }
                Err(fs::TryLockError::Error(e)) => {
                    return Err(StoreError::io("lock", &path, e));
                }
            }
        }
    }
}
