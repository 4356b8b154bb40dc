//! The shapes of source names, as general rules: a generational suffix is not a surname
//! ("Joseph R. Biden Jr." is Biden), a pronoun stays a pronoun when contracted ("I've"), a
//! plural of a party or a people names a group ("Republicans", "Ukrainians"), and some words
//! make a name an outlet's in any language ("Gazeta Wyborcza", "Asahi Shimbun").

use super::lexicon::Lexicon;

/// Words that follow a surname to tell a father from a son ("Jr.", "III"), lower case,
/// without a full stop.
const GENERATIONAL_SUFFIXES: [&str; 7] = ["jr", "sr", "ii", "iii", "iv", "v", "2nd"];

/// Endings of plurals that name groups of people without being listed ("Republicans",
/// "Koreans", "Americans", "Democrats", "Socialists").
const GROUP_ENDINGS: [&str; 5] = ["ians", "eans", "icans", "crats", "ists"];

/// Endings of adjectives of peoples and places ("Russian", "Polish", "Chinese", "Baltic").
const ADJECTIVE_ENDINGS: [&str; 7] = ["ian", "ean", "can", "ish", "ese", "ic", "ch"];

/// Pronouns that stand for a source.
const PRONOUNS: [&str; 13] = [
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "its", "their",
];

/// Whether `word` (any case, with or without its full stop) is a generational suffix.
pub fn is_generational_suffix(word: &str) -> bool {
    let bare = word.trim_end_matches('.').to_lowercase();
    GENERATIONAL_SUFFIXES.contains(&bare.as_str())
}

/// The words of a name without a trailing generational suffix and the comma before it:
/// "Joseph R. Biden Jr." gives "Joseph R. Biden".
pub fn without_suffix(name: &str) -> &str {
    let trimmed = name.trim_end();
    match trimmed.rsplit_once(' ') {
        Some((rest, last)) if is_generational_suffix(last) && !rest.trim().is_empty() => {
            rest.trim_end().trim_end_matches(',')
        }
        _ => trimmed,
    }
}

/// The surname of a person's name: its last word, passing over a generational suffix
/// ("Biden" for "Joseph R. Biden Jr."). `None` for an empty name.
pub fn surname(name: &str) -> Option<&str> {
    without_suffix(name).split(' ').rfind(|w| !w.is_empty())
}

/// The pronoun `lower` is, or contracts ("i've" and "i’m" are "i", "they're" is "they",
/// "he's" is "he"); `None` for any other word.
pub fn pronoun_of(lower: &str) -> Option<&'static str> {
    let base = ["'ve", "'m", "'d", "'ll", "'re", "'s"]
        .iter()
        .find_map(|ending| {
            lower
                .strip_suffix(ending)
                .or_else(|| lower.strip_suffix(&ending.replace('\'', "’")))
        })
        .unwrap_or(lower);
    PRONOUNS.iter().copied().find(|&p| p == base)
}

/// Whether `lower` is a pronoun or a pronoun's contraction.
pub fn is_pronoun(lower: &str) -> bool {
    pronoun_of(lower).is_some()
}

/// Whether the lower-case word `lower` is a plural naming a group of people: a party's
/// members or a people ("republicans", "tories", "ukrainians").
pub fn is_group_plural(lower: &str) -> bool {
    Lexicon::get().group_nouns.contains(lower)
        || (lower.chars().count() >= 6 && GROUP_ENDINGS.iter().any(|e| lower.ends_with(e)))
}

/// Whether the capitalised word `word` is an adjective of a people or a place ("Polish",
/// "Russian", "French"), which describes an outlet ("the Polish daily") without naming it.
pub fn is_people_adjective(word: &str) -> bool {
    let lower = word.to_lowercase();
    let groups = &Lexicon::get().group_nouns;
    groups.contains(&lower)
        || groups.contains(&format!("{lower}s"))
        || (lower.chars().count() >= 4 && ADJECTIVE_ENDINGS.iter().any(|e| lower.ends_with(e)))
}

/// True for names built like a news outlet's: two words or more, one of them a word that
/// names outlets ("Morning Lantern", "Daily News", "Gazeta Wyborcza", "Asahi Shimbun").
pub fn looks_like_outlet_name(name: &str) -> bool {
    let words = &Lexicon::get().outlet_name_words;
    let mut count = 0;
    let mut found = false;
    for word in name.split(' ').filter(|w| !w.is_empty()) {
        count += 1;
        found |= words.contains(word);
    }
    count >= 2 && found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generational_suffixes_are_not_surnames() {
        assert_eq!(surname("Joseph R. Biden Jr."), Some("Biden"));
        assert_eq!(surname("Joseph R. Biden, Jr."), Some("Biden"));
        assert_eq!(surname("Martin Luther King III"), Some("King"));
        assert_eq!(surname("Ada Lovelace"), Some("Lovelace"));
        assert_eq!(surname("Jr."), Some("Jr."));
        assert_eq!(without_suffix("Pat Doyle Sr"), "Pat Doyle");
        assert_eq!(without_suffix("Ivo Vance"), "Ivo Vance");
        assert_eq!(surname(""), None);
    }

    #[test]
    fn contracted_pronouns_are_pronouns() {
        for word in [
            "i've", "i’m", "i'd", "they're", "we’ll", "he's", "it’s", "she",
        ] {
            assert!(is_pronoun(word), "{word}");
        }
        assert_eq!(pronoun_of("i've"), Some("i"));
        assert_eq!(pronoun_of("they’re"), Some("they"));
        for word in ["let's", "ivan", "hers's", "island"] {
            assert!(!is_pronoun(word), "{word}");
        }
    }

    #[test]
    fn plurals_of_parties_and_peoples_are_groups() {
        for word in [
            "republicans",
            "democrats",
            "tories",
            "ukrainians",
            "koreans",
            "poles",
        ] {
            assert!(is_group_plural(word), "{word}");
        }
        for word in ["evans", "williams", "adams", "peters", "davis", "ians"] {
            assert!(!is_group_plural(word), "{word}");
        }
    }

    #[test]
    fn adjectives_of_peoples_are_told_from_names() {
        for word in [
            "Polish", "Russian", "French", "German", "Chinese", "Greek", "Baltic",
        ] {
            assert!(is_people_adjective(word), "{word}");
        }
        for word in ["Interfax", "Tass", "Xinhua", "Yonhap", "RT"] {
            assert!(!is_people_adjective(word), "{word}");
        }
    }

    #[test]
    fn outlet_names_in_several_languages() {
        for name in [
            "Gazeta Wyborcza",
            "Frankfurter Allgemeine Zeitung",
            "Asahi Shimbun",
            "Morning Lantern",
            "Corriere della Sera",
        ] {
            assert!(looks_like_outlet_name(name), "{name}");
        }
        for name in ["Zeitung", "Marta Quinlan", "Ilse Gazetova"] {
            assert!(!looks_like_outlet_name(name), "{name}");
        }
    }
}
