//! The version store: the text of each version of an article the person annotated, kept so
//! that a later version can be compared with it word by word.
//!
//! Texts are content-addressed by the SHA-256 of their UTF-8 bytes, so an unchanged article
//! and two articles with the same text share one copy. They are deflate-compressed and
//! appended to one pack file, `versions/texts.pack`, rather than kept one file each: a news
//! article compresses to a few kilobytes, less than one block of most file systems.
//!
//! Each record of the pack is `MAGIC, sha256 (32 bytes), text length (u64 LE), compressed
//! length (u64 LE), compressed bytes`. `versions/texts.idx` lists `sha256, offset` for each
//! record (40 bytes each); it is a cache that is brought up to date from the pack whenever it
//! lags behind it. Records are only ever appended, under the store lock, and fsynced before
//! any notes file names them; a record torn by a crash is never named, is skipped when the
//! index is rebuilt and is overwritten by the next append.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{Read as _, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use sha2::{Digest, Sha256};

use super::StoreError;

/// First bytes of every pack record.
const MAGIC: &[u8; 4] = b"CCv1";
/// Bytes of a record's header: magic, hash, two lengths.
const HEADER_BYTES: u64 = 4 + 32 + 8 + 8;
/// Bytes of one index entry: hash and offset.
const INDEX_ENTRY_BYTES: usize = 32 + 8;
/// Largest text the store keeps (the loader refuses larger files anyway).
const MAX_TEXT_BYTES: u64 = 256 * 1024 * 1024;

/// The SHA-256 of a text, lower-case hex: the key of its version.
pub fn text_sha256(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = u8::from_str_radix(text.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(out)
}

/// Size of the version store on disk.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VersionStoreSize {
    /// Number of texts kept.
    pub texts: usize,
    /// Sum of the kept texts' UTF-8 lengths.
    pub text_bytes: u64,
    /// Bytes of the pack and its index.
    pub stored_bytes: u64,
}

/// The version store of one notes store folder.
#[derive(Debug, Clone)]
pub(crate) struct VersionStore {
    dir: PathBuf,
}

impl VersionStore {
    /// The version store in `STORE/versions` (created on first write).
    pub(crate) fn new(store_dir: &Path) -> Self {
        Self {
            dir: store_dir.join("versions"),
        }
    }

    fn pack_path(&self) -> PathBuf {
        self.dir.join("texts.pack")
    }

    fn index_path(&self) -> PathBuf {
        self.dir.join("texts.idx")
    }

    /// Keeps `text` (whose hash is `sha256`) unless it is kept already. The caller holds the
    /// store lock. Returns once the text is durable.
    pub(crate) fn put(&self, sha256: &str, text: &str) -> Result<(), StoreError> {
        let key = unhex(sha256).ok_or_else(|| bad_key(&self.pack_path(), sha256))?;
        let index = self.index()?;
        if index.offsets.contains_key(&key) {
            return Ok(());
        }
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| StoreError::io("create the versions folder", &self.dir, e))?;
        let pack_path = self.pack_path();
        let mut compressed = DeflateEncoder::new(Vec::new(), Compression::default());
        compressed
            .write_all(text.as_bytes())
            .map_err(|e| StoreError::io("compress", &pack_path, e))?;
        let compressed = compressed
            .finish()
            .map_err(|e| StoreError::io("compress", &pack_path, e))?;
        let mut record = Vec::with_capacity(HEADER_BYTES as usize + compressed.len());
        record.extend_from_slice(MAGIC);
        record.extend_from_slice(&key);
        record.extend_from_slice(&(text.len() as u64).to_le_bytes());
        record.extend_from_slice(&(compressed.len() as u64).to_le_bytes());
        record.extend_from_slice(&compressed);
        let mut pack = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&pack_path)
            .map_err(|e| StoreError::io("open", &pack_path, e))?;
        // Append after the last whole record: a record torn by a crash is overwritten.
        let offset = index.valid_end;
        pack.set_len(offset)
            .and_then(|()| pack.seek(SeekFrom::Start(offset)).map(|_| ()))
            .and_then(|()| pack.write_all(&record))
            .and_then(|()| pack.sync_all())
            .map_err(|e| StoreError::io("write", &pack_path, e))?;
        if index.is_new_pack {
            super::file::sync_dir(&self.dir)?;
            if let Some(store_dir) = self.dir.parent() {
                super::file::sync_dir(store_dir)?;
            }
        }
        // The index is a cache: a failure to extend it only costs a rescan later.
        let mut entry = Vec::with_capacity(INDEX_ENTRY_BYTES);
        entry.extend_from_slice(&key);
        entry.extend_from_slice(&offset.to_le_bytes());
        let _ = self.append_index(&entry, index.index_entries);
        Ok(())
    }

    /// The text whose hash is `sha256`, if kept and intact.
    pub(crate) fn get(&self, sha256: &str) -> Result<Option<String>, StoreError> {
        let Some(key) = unhex(sha256) else {
            return Ok(None);
        };
        let index = self.index()?;
        let Some(&offset) = index.offsets.get(&key) else {
            return Ok(None);
        };
        let pack_path = self.pack_path();
        let mut pack = match File::open(&pack_path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StoreError::io("open", &pack_path, e)),
        };
        let Some(header) = read_header(&mut pack, offset, index.valid_end)
            .map_err(|e| StoreError::io("read", &pack_path, e))?
        else {
            return Ok(None);
        };
        if header.key != key {
            return Ok(None);
        }
        let mut compressed = vec![0u8; usize::try_from(header.compressed).unwrap_or(0)];
        pack.read_exact(&mut compressed)
            .map_err(|e| StoreError::io("read", &pack_path, e))?;
        let mut bytes = Vec::with_capacity(usize::try_from(header.text).unwrap_or(0));
        let read = DeflateDecoder::new(compressed.as_slice())
            .take(header.text + 1)
            .read_to_end(&mut bytes);
        if read.is_err() || bytes.len() as u64 != header.text {
            return Ok(None);
        }
        let Ok(text) = String::from_utf8(bytes) else {
            return Ok(None);
        };
        // A damaged record must never pass for the text it names.
        Ok((text_sha256(&text) == sha256).then_some(text))
    }

    /// How much the store holds and takes on disk.
    pub fn size(&self) -> Result<VersionStoreSize, StoreError> {
        let index = self.index()?;
        let mut size = VersionStoreSize {
            texts: index.offsets.len(),
            ..VersionStoreSize::default()
        };
        for path in [self.pack_path(), self.index_path()] {
            size.stored_bytes += std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        }
        let pack_path = self.pack_path();
        if let Ok(mut pack) = File::open(&pack_path) {
            for &offset in index.offsets.values() {
                if let Ok(Some(header)) = read_header(&mut pack, offset, index.valid_end) {
                    size.text_bytes += header.text;
                }
            }
        }
        Ok(size)
    }

    /// Reads the index and brings it up to date from the pack.
    fn index(&self) -> Result<Index, StoreError> {
        let pack_path = self.pack_path();
        let pack_len = match std::fs::metadata(&pack_path) {
            Ok(m) => m.len(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Index {
                    is_new_pack: true,
                    ..Index::default()
                });
            }
            Err(e) => return Err(StoreError::io("read", &pack_path, e)),
        };
        let mut index = Index::default();
        let bytes = std::fs::read(self.index_path()).unwrap_or_default();
        let mut pack = File::open(&pack_path).map_err(|e| StoreError::io("open", &pack_path, e))?;
        // The entries of the index file, as long as each names a whole record.
        for entry in bytes.chunks_exact(INDEX_ENTRY_BYTES) {
            let (key, offset) = entry.split_at(32);
            let offset = u64::from_le_bytes(offset.try_into().unwrap_or([0xff; 8]));
            if offset != index.valid_end {
                break;
            }
            let Ok(Some(header)) = read_header(&mut pack, offset, pack_len) else {
                break;
            };
            if header.key.as_slice() != key {
                break;
            }
            index.offsets.insert(header.key, offset);
            index.valid_end = header.end;
            index.index_entries += 1;
        }
        let is_stale = index.index_entries * INDEX_ENTRY_BYTES != bytes.len();
        // Records the index does not list yet: scan the pack from there.
        let mut scanned = Vec::new();
        while index.valid_end < pack_len {
            let offset = index.valid_end;
            let Ok(Some(header)) = read_header(&mut pack, offset, pack_len) else {
                break;
            };
            index.offsets.entry(header.key).or_insert(offset);
            scanned.extend_from_slice(&header.key);
            scanned.extend_from_slice(&offset.to_le_bytes());
            index.valid_end = header.end;
        }
        if !scanned.is_empty() || is_stale {
            let _ = self.append_index(&scanned, index.index_entries);
            index.index_entries += scanned.len() / INDEX_ENTRY_BYTES;
        }
        Ok(index)
    }

    /// Writes `entries` after the first `keep` entries of the index file.
    fn append_index(&self, entries: &[u8], keep: usize) -> std::io::Result<()> {
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.index_path())?;
        let at = (keep * INDEX_ENTRY_BYTES) as u64;
        file.set_len(at)?;
        file.seek(SeekFrom::Start(at))?;
        file.write_all(entries)
    }
}

/// Where each kept text is, and where the last whole record ends.
#[derive(Debug, Default)]
struct Index {
    offsets: HashMap<[u8; 32], u64>,
    valid_end: u64,
    index_entries: usize,
    is_new_pack: bool,
}

/// A record's header as read.
struct Header {
    key: [u8; 32],
    text: u64,
    compressed: u64,
    end: u64,
}

/// Reads the header of the record at `offset`, leaving the file at its data; `None` when no
/// whole record starts there.
fn read_header(pack: &mut File, offset: u64, pack_len: u64) -> std::io::Result<Option<Header>> {
    if offset + HEADER_BYTES > pack_len {
        return Ok(None);
    }
    pack.seek(SeekFrom::Start(offset))?;
    let mut raw = [0u8; HEADER_BYTES as usize];
    pack.read_exact(&mut raw)?;
    let (magic, rest) = raw.split_at(4);
    let (key, rest) = rest.split_at(32);
    let (text, compressed) = rest.split_at(8);
    if magic != MAGIC {
        return Ok(None);
    }
    let text = u64::from_le_bytes(text.try_into().unwrap_or_default());
    let compressed = u64::from_le_bytes(compressed.try_into().unwrap_or_default());
    let end = offset + HEADER_BYTES + compressed;
    if text > MAX_TEXT_BYTES || end > pack_len {
        return Ok(None);
    }
    Ok(Some(Header {
        key: key.try_into().unwrap_or_default(),
        text,
        compressed,
        end,
    }))
}

fn bad_key(path: &Path, sha256: &str) -> StoreError {
    StoreError::io(
        "store a version",
        path,
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{sha256:?} is not a SHA-256"),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_round_trip_and_are_kept_once() {
        let dir = tempfile::tempdir().expect("temp");
        let store = VersionStore::new(dir.path());
        let a = "Mayor Jane Roe said the bridge would cost $4 million. ".repeat(40);
        let b = "A different text, with ünïcode.";
        let (ka, kb) = (text_sha256(&a), text_sha256(b));
        store.put(&ka, &a).expect("put a");
        store.put(&kb, b).expect("put b");
        let size = store.size().expect("size");
        store.put(&ka, &a).expect("put a again");
        assert_eq!(
            store.size().expect("size"),
            size,
            "a kept text is not kept twice"
        );
        assert_eq!(size.texts, 2);
        assert!(size.stored_bytes < size.text_bytes, "{size:?}");
        assert_eq!(store.get(&ka).expect("get").as_deref(), Some(a.as_str()));
        assert_eq!(store.get(&kb).expect("get").as_deref(), Some(b));
        assert_eq!(store.get(&text_sha256("unknown")).expect("get"), None);
    }

    #[test]
    fn a_lost_index_and_a_torn_record_heal() {
        let dir = tempfile::tempdir().expect("temp");
        let store = VersionStore::new(dir.path());
        let (a, b, c) = ("first text", "second text", "third text");
        store.put(&text_sha256(a), a).expect("put");
        store.put(&text_sha256(b), b).expect("put");
        std::fs::remove_file(store.index_path()).expect("lose the index");
        // A crash in the middle of an append leaves half a record.
        let mut pack = OpenOptions::new()
            .append(true)
            .open(store.pack_path())
            .expect("open pack");
        pack.write_all(b"CCv1\x01\x02").expect("tear");
        drop(pack);
        assert_eq!(store.get(&text_sha256(b)).expect("get").as_deref(), Some(b));
        store
            .put(&text_sha256(c), c)
            .expect("put after the torn record");
        for text in [a, b, c] {
            assert_eq!(
                store.get(&text_sha256(text)).expect("get").as_deref(),
                Some(text)
            );
        }
        assert_eq!(store.size().expect("size").texts, 3);
    }

    #[test]
    fn a_damaged_record_is_not_passed_off_as_its_text() {
        let dir = tempfile::tempdir().expect("temp");
        let store = VersionStore::new(dir.path());
        let text = "The council's treasurer warned that the estimate left out the roads.";
        store.put(&text_sha256(text), text).expect("put");
        let mut bytes = std::fs::read(store.pack_path()).expect("read");
        let last = bytes.len() - 3;
        bytes[last] ^= 0x5a;
        std::fs::write(store.pack_path(), bytes).expect("damage");
        assert_eq!(store.get(&text_sha256(text)).expect("get"), None);
    }
}
