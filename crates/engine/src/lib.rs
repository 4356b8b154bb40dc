//! Crosscheck's engine: load news articles, extract the claims they make and who they are
//! attributed to, keep the person's notes on them, export them, cross-check them across the
//! library, and score the extractor. Nothing in this crate knows about egui: the window
//! (`crosscheck-app`) and the command line (`crosscheck`) are built on it.

pub mod document;
pub mod eval;
pub mod export;
pub mod extract;
pub mod library;
pub mod preferences;
pub mod review;
pub mod sources;
pub mod store;
pub mod text;

pub use document::{Document, LoadError, load};
pub use extract::{Extraction, extract};
