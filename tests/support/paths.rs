//! Where the repository's files are, whichever crate's test binary includes this module.

use std::path::{Path, PathBuf};

/// The repository's top folder: the one holding `assets/` and `tests/fixtures/` (and beside
/// which `../shared/` is found when present).
pub fn top() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|dir| dir.join("assets/sample-article.txt").is_file())
        .unwrap_or(manifest)
        .to_path_buf()
}
