//! The document model: what the reader displays and what every offset points into.
//!
//! A [`Document`] is built by one loader per format (plain text, Markdown, web pages, PDF,
//! EPUB) and then enriched with metadata read off its text.

mod decode;
mod epub;
pub mod front_matter;
mod html;
mod markdown;
mod metadata;
mod pdf;
mod plain;
mod text_budget;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use decode::decode_text;
pub use epub::{MAX_ENTRY_BYTES as MAX_EPUB_ENTRY_BYTES, MAX_UNPACKED_BYTES as MAX_EPUB_BYTES};
pub use html::{MAX_HTML_ELEMENTS, MAX_NESTING_DEPTH};
pub use metadata::{display_date, display_date_local, parse_published_date, split_title_outlet};
pub use pdf::{MAX_GLYPHS as MAX_PDF_GLYPHS, MAX_PAGES as MAX_PDF_PAGES};
pub use text_budget::MAX_SENTENCES;

/// Largest file the loader accepts, in bytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A loaded article: its display text, block structure and metadata.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Document {
    /// Path the article was loaded from, if any.
    pub path: Option<String>,
    /// Format the loader used.
    pub format: Format,
    /// Headline, without the outlet suffix.
    pub title: Option<String>,
    /// Author line ("By Jane Doe" gives "Jane Doe").
    pub byline: Option<String>,
    /// Outlet named in the title ("Headline – Politico") or the page's metadata.
    pub outlet: Option<String>,
    /// Publication date in ISO 8601 (`2024-03-04` or `2024-03-04T12:44`).
    pub published: Option<String>,
    /// Date of the last update the source states (web pages), ISO 8601, when later than
    /// `published`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    /// The text exactly as the reader displays it; all offsets are char indices into it.
    pub text: String,
    /// Block structure of `text`, in order, non-overlapping.
    pub blocks: Vec<Block>,
    /// Link targets found in the source (Markdown links), with the text they cover.
    pub links: Vec<Link>,
    /// Problems met while loading that did not stop it (e.g. invalid UTF-8 replaced).
    pub warnings: Vec<String>,
    /// Where the source said the document came from: the address a browser printed into a
    /// PDF's running header or footer, or a web page's canonical address (canonical link or
    /// `og:url`; a page saved again from the same address is a new version of the same article).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// Where each printed page starts in `text`, in order (PDFs only; empty for other formats).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<PageStart>,
}

/// The start of a printed page in a document's text.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct PageStart {
    /// The page's number, counting the file's first page as 1.
    pub page: u32,
    /// Char offset of the page's first char in [`Document::text`].
    pub start: usize,
}

impl Document {
    /// The printed page the char at `offset` is on, or `None` for documents without pages.
    pub fn page_at(&self, offset: usize) -> Option<u32> {
        let index = self.pages.partition_point(|p| p.start <= offset);
        self.pages.get(index.checked_sub(1)?).map(|p| p.page)
    }
}

/// The input format of a document.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (`.txt`): `text` equals the decoded file.
    Text,
    /// Markdown (`.md`, `.markdown`), rendered to plain text.
    Markdown,
    /// A web page saved from a browser (`.html`, `.htm`, `.xhtml`, `.html.gz`, `.mhtml`,
    /// `.mht`): the article's text without the page around it.
    Html,
    /// A PDF's text layer (`.pdf`) in reading order, without running headers and footers.
    Pdf,
    /// An EPUB book (`.epub`): its chapters in reading order.
    Epub,
}

/// A structural block of the document text.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Block {
    /// What kind of block this is.
    pub kind: BlockKind,
    /// Char offset of the block's first char.
    pub start: usize,
    /// Char offset just past the block's last char.
    pub end: usize,
}

/// Kinds of blocks the reader styles differently.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A heading (the title or a section heading).
    Heading,
    /// A paragraph of running text.
    Paragraph,
    /// A block quote.
    BlockQuote,
    /// An item of a bulleted or numbered list.
    ListItem,
}

/// A hyperlink: its target and the char range of its anchor text.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Link {
    /// Char offset where the anchor text starts.
    pub start: usize,
    /// Char offset where the anchor text ends.
    pub end: usize,
    /// The link target as written.
    pub url: String,
}

/// Why a file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file does not exist.
    #[error("file not found")]
    NotFound,
    /// The file exists but could not be read.
    #[error("cannot read the file: {0}")]
    Unreadable(std::io::Error),
    /// The path is a directory, not a file.
    #[error("this is a folder, not a file")]
    IsDirectory,
    /// The path is a device, a pipe or a socket, which may never end.
    #[error("too large or not a regular file (a device, a pipe or a socket)")]
    NotRegularFile,
    /// The file is empty or holds only whitespace.
    #[error("the file is empty")]
    Empty,
    /// The file holds binary data, not text.
    #[error("the file holds binary data, not text")]
    Binary,
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("the file is too large ({size_bytes} bytes; the limit is {limit_bytes})")]
    TooLarge {
        /// Size of the file.
        size_bytes: u64,
        /// The limit it exceeds.
        limit_bytes: u64,
    },
    /// The file's extension is not one the loader knows.
    #[error(
        "unsupported file type {0:?} (supported: .txt, .md, .markdown, .html, .htm, .xhtml, \
         .html.gz, .mhtml, .mht, .pdf, .epub)"
    )]
    Unsupported(String),
    /// A PDF or EPUB protected by encryption or DRM.
    #[error("the file is encrypted; open an unprotected copy")]
    Encrypted,
    /// A PDF whose pages are images (a scan) with no text to read.
    #[error(
        "the PDF has no text layer ({} of images, e.g. a scan); run it through OCR first",
        crate::text::counted(*.pages, "page")
    )]
    NoTextLayer {
        /// Pages in the file.
        pages: usize,
    },
    /// A PDF or EPUB that cannot be read (truncated, damaged or not what its name says).
    #[error("the {format} file is damaged or not a {format}: {reason}")]
    Damaged {
        /// "PDF" or "EPUB".
        format: &'static str,
        /// What was wrong.
        reason: String,
    },
    /// A web page nests elements deeper than the loader follows.
    #[error("the page nests elements {depth} levels deep (the limit is {limit})")]
    TooDeep {
        /// Deepest nesting found.
        depth: usize,
        /// The limit it exceeds.
        limit: usize,
    },
    /// An MHTML archive without an HTML part.
    #[error("the web archive holds no HTML page")]
    NoHtmlPart,
}

/// Loads the article at `path`, choosing the format by its extension.
pub fn load(path: &Path) -> Result<Document, LoadError> {
    let format = format_for_path(path)?;
    let metadata = std::fs::metadata(path).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound,
        _ => LoadError::Unreadable(err),
    })?;
    if metadata.is_dir() {
        return Err(LoadError::IsDirectory);
    }
    if !metadata.is_file() {
        // A device (`/dev/zero`), a pipe or a socket: it may never end.
        return Err(LoadError::NotRegularFile);
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            size_bytes: metadata.len(),
            limit_bytes: MAX_FILE_BYTES,
        });
    }
    let bytes = read_capped(path, MAX_FILE_BYTES)?;
    let mut document = load_bytes(&bytes, format)?;
    document.path = Some(path.display().to_string());
    Ok(document)
}

/// Reads at most `limit_bytes` of the file at `path`: a file that grows past the limit while
/// it is read (or one whose size the system does not know) is refused, never read whole.
fn read_capped(path: &Path, limit_bytes: u64) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(LoadError::Unreadable)?;
    let mut bytes = Vec::new();
    file.take(limit_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(LoadError::Unreadable)?;
    let read = bytes.len() as u64;
    if read > limit_bytes {
        return Err(LoadError::TooLarge {
            size_bytes: read,
            limit_bytes,
        });
    }
    Ok(bytes)
}

/// Picks the format from a path's extension.
pub fn format_for_path(path: &Path) -> Result<Format, LoadError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "txt" | "text" => Ok(Format::Text),
        "md" | "markdown" => Ok(Format::Markdown),
        "html" | "htm" | "xhtml" | "mhtml" | "mht" => Ok(Format::Html),
        "pdf" => Ok(Format::Pdf),
        "epub" => Ok(Format::Epub),
        "gz" if path
            .file_stem()
            .and_then(|stem| Path::new(stem).extension())
            .and_then(|e| e.to_str())
            .is_some_and(|e| {
                ["html", "htm", "xhtml"].contains(&e.to_ascii_lowercase().as_str())
            }) =>
        {
            Ok(Format::Html)
        }
        "" => Err(LoadError::Unsupported("(no extension)".to_owned())),
        other => Err(LoadError::Unsupported(format!(".{other}"))),
    }
}

/// Builds a document from a file's bytes in the given format (no path set).
pub fn load_bytes(bytes: &[u8], format: Format) -> Result<Document, LoadError> {
    let mut document = match format {
        Format::Html => load_html(bytes)?,
        Format::Pdf => pdf::load(bytes)?,
        Format::Epub => epub::load(bytes)?,
        Format::Text | Format::Markdown => load_text(bytes, format)?,
    };
    text_budget::limit_sentences(&mut document);
    Ok(document)
}

/// Builds a document from plain text or Markdown.
fn load_text(bytes: &[u8], format: Format) -> Result<Document, LoadError> {
    let decoded = decode_text(bytes)?;
    if decoded.text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    let mut warnings = decoded.warnings;
    let (body, front_matter) = match format {
        Format::Markdown => match front_matter::split(&decoded.text) {
            Some(split) => {
                warnings.extend(split.warning);
                (markdown::parse(split.body), Some(split.front_matter))
            }
            None => (markdown::parse(&decoded.text), None),
        },
        _ => (plain::parse(&decoded.text), None),
    };
    if body.text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    let mut document = Document {
        path: None,
        format,
        title: None,
        byline: None,
        outlet: None,
        published: None,
        modified: None,
        sha256: sha256_hex(bytes),
        text: body.text,
        blocks: body.blocks,
        links: body.links,
        warnings,
        source_url: None,
        pages: Vec::new(),
    };
    metadata::fill(&mut document);
    if let Some(front_matter) = front_matter {
        metadata::apply_front_matter(&mut document, front_matter);
    }
    Ok(document)
}

/// Builds a document from a saved web page: the article as text, metadata from the page.
fn load_html(bytes: &[u8]) -> Result<Document, LoadError> {
    let page = html::parse(bytes)?;
    if page.body.text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    Ok(Document {
        path: None,
        format: Format::Html,
        title: page.meta.title,
        byline: page.meta.byline,
        outlet: page.meta.outlet,
        published: page.meta.published,
        modified: page.meta.modified,
        sha256: sha256_hex(bytes),
        text: page.body.text,
        blocks: page.body.blocks,
        links: page.body.links,
        source_url: page.meta.url,
        warnings: page.warnings,
        pages: Vec::new(),
    })
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Text and structure produced by a format's parser, before metadata is read.
pub(crate) struct ParsedBody {
    pub text: String,
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
}

/// Where a document came from, for messages: its path or "(unnamed)".
pub fn display_name(document: &Document) -> &str {
    document.path.as_deref().unwrap_or("(unnamed)")
}

/// Convenience for tests and the sample: the path of the bundled sample article.
pub fn sample_article_path() -> PathBuf {
    let engine_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // The engine is `crates/engine` in the repository; `assets/` is at the top.
    let top = engine_dir.ancestors().nth(2).unwrap_or(engine_dir);
    top.join("assets/sample-article.txt")
}
