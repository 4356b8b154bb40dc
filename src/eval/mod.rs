//! Evaluation of the engine against annotated third-party data sets, given a folder at run time.

/// Parsing brat standoff annotation files (`.ann`): text-bound spans and events.
pub mod brat;
/// Scoring claim extraction on brat attribution annotations in the PolNeAR layout.
pub mod polnear;
