//! The person's word on sources, and their corrections of who the sources are.
//!
//! - A [`Correction`] merges two sources, splits an alias off a source, fixes a source's kind
//!   or marks a phrase as not a source. Corrections are kept in the notes store (see
//!   [`crate::store::SourceBook`]) and stick: [`Corrections::apply`] applies them to every
//!   extraction of every article, and the library applies them to every article it indexes.
//!   Undoing one is removing it; the extractor's own findings are never overwritten.
//! - A [`SourceStatus`] records whether the person finds a source credible, not credible,
//!   mixed or unknown, with a note; the track records and the exports carry it.
//!
//! Sources are matched by name the way the cross-check matches them ([`source_key`]): a
//! correction about "Dmitry Peskov" applies to every source called so, or known by that name.

pub(crate) mod correction;
mod status;

pub use correction::{Change, Correction, Corrections, kind_label};
pub use status::{Credibility, CredibilityChange, SourceStatus, status_for};

/// Extracts `document` and applies the person's `corrections` to what is found: what every
/// reader of an article (the window, the command line, the exports) shows.
pub fn extract_corrected(
    document: &crate::Document,
    corrections: &Corrections,
) -> crate::Extraction {
    let mut extraction = crate::extract(document);
    corrections.apply(&mut extraction, &crate::store::article_key(document));
    extraction
}

/// The key a source name is matched by: the cross-check's name key (lower-case words, no
/// leading "the", see [`crate::library::name_key`]) of the name without a possessive ending.
pub fn source_key(name: &str) -> String {
    let name = name.trim();
    let name = name
        .strip_suffix("’s")
        .or_else(|| name.strip_suffix("'s"))
        .unwrap_or(name);
    crate::library::name_key(name)
}

/// Whether `alias` is a name ("Peskov", "Mr. Peskov", "the Eastbrook Ledger", "Ministry of
/// Water") rather than a description ("the Kremlin spokesman", "the newspaper"): after a
/// leading article, every word is capitalised or a particle of names, and one is capitalised.
pub fn is_name_like(alias: &str) -> bool {
    const CONNECTORS: [&str; 22] = [
        "of", "and", "for", "the", "on", "in", "at", "de", "van", "von", "der", "den", "del",
        "della", "da", "di", "du", "la", "le", "al", "bin", "&",
    ];
    let mut words = alias.split_whitespace().peekable();
    if words
        .peek()
        .is_some_and(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
    {
        words.next();
    }
    let mut capitalised = false;
    for word in words {
        let first = word.chars().find(|c| c.is_alphanumeric());
        match first {
            Some(c) if c.is_uppercase() || c.is_ascii_digit() => capitalised = true,
            Some(_) if CONNECTORS.contains(&word.to_lowercase().as_str()) => {}
            Some(_) => return false,
            None => {}
        }
    }
    capitalised
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_articles_and_possessives() {
        assert_eq!(source_key("The Eastbrook Ledger"), "eastbrook ledger");
        assert_eq!(source_key("Peskov’s"), "peskov");
        assert_eq!(source_key("  Marta  Quinlan "), "marta quinlan");
    }

    #[test]
    fn names_are_told_from_descriptions() {
        for name in [
            "Peskov",
            "Mr. Peskov",
            "the Eastbrook Ledger",
            "Ministry of Water",
            "Ivo van der Berg",
            "France 24",
        ] {
            assert!(is_name_like(name), "{name}");
        }
        for description in [
            "the Kremlin spokesman",
            "the newspaper",
            "the former US envoy to the bloc",
            "officials",
            "",
        ] {
            assert!(!is_name_like(description), "{description}");
        }
    }
}
