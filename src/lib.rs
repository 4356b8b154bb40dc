//! Crosscheck's engine: load news articles, extract the claims they make and who they are
//! attributed to, and score the extractor. Nothing in the engine knows about egui;
//! [`app`] is the desktop window built on it.

pub mod app;
pub mod document;
pub mod eval;
pub mod export;
pub mod extract;
pub mod library;
pub mod store;
pub mod text;

pub use document::{Document, LoadError, load};
pub use extract::{Extraction, extract};
