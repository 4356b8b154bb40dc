//! Evaluation of the engine against annotated third-party data sets, given a folder at run time.
