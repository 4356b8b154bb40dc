//! Evaluation of the engine against annotated third-party data sets, given a folder at run time.

/// Parsing brat standoff annotation files (`.ann`): text-bound spans and events.
pub mod brat;
/// Scoring the library's matcher on cross-document event pairs (ECB+ layout).
pub mod crossdoc;
/// Scoring the web-page loader on saved news pages with their true article text.
pub mod html;
/// Scoring the PDF loader on printed pages with their true text.
pub mod pdf;
/// Scoring claim extraction on brat attribution annotations in the PolNeAR layout.
pub mod polnear;
