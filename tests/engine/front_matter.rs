//! Markdown front matter (YAML `---` and TOML `+++`) is read as the article's metadata and
//! never shown as its text.

use crosscheck_engine::document::{BlockKind, Format, load_bytes};

fn load(source: &str) -> crosscheck_engine::Document {
    load_bytes(source.as_bytes(), Format::Markdown).unwrap()
}

#[test]
fn yaml_front_matter_is_metadata_not_text() {
    let document = load(
        "---\n\
         title: \"Harbour bridge: the mayor's figures\"\n\
         author:\n  - Lena Ortiz\n  - Sam Hale\n\
         date: 2024-05-14\n\
         source_url: https://news.example.org/2024/05/bridge\n\
         outlet: The Example Courier\n\
         tags: [transport, budget]\n\
         ---\n\
         The mayor said the bridge would open in June.\n\n\
         Engineers disputed that, according to the city's own report.\n",
    );
    assert_eq!(
        document.title.as_deref(),
        Some("Harbour bridge: the mayor's figures")
    );
    assert_eq!(document.byline.as_deref(), Some("Lena Ortiz, Sam Hale"));
    assert_eq!(document.published.as_deref(), Some("2024-05-14"));
    assert_eq!(
        document.source_url.as_deref(),
        Some("https://news.example.org/2024/05/bridge")
    );
    assert_eq!(document.outlet.as_deref(), Some("The Example Courier"));
    assert!(
        document
            .text
            .starts_with("The mayor said the bridge would open in June."),
        "{:?}",
        document.text
    );
    for key in ["title:", "author", "tags", "---", "transport"] {
        assert!(!document.text.contains(key), "{key:?} shown as text");
    }
    assert_eq!(document.blocks.len(), 2);
    assert!(document.warnings.is_empty(), "{:?}", document.warnings);
}

#[test]
fn toml_front_matter_is_metadata_not_text() {
    let document = load(
        "+++\n\
         title = \"Port strike enters its third week\"\n\
         date = 2023-11-02T08:30:00Z\n\
         publisher = \"Harbour Post\"\n\
         url = \"https://harbourpost.example.com/strike\"\n\
         [author]\n\
         name = \"Ines Varga\"\n\
         +++\n\
         # Port strike enters its third week\n\n\
         Dockers said on Monday that talks had stalled.\n",
    );
    assert_eq!(
        document.title.as_deref(),
        Some("Port strike enters its third week")
    );
    assert_eq!(document.byline.as_deref(), Some("Ines Varga"));
    assert_eq!(
        document.published.as_deref(),
        Some("2023-11-02T08:30:00+00:00")
    );
    assert_eq!(document.outlet.as_deref(), Some("Harbour Post"));
    assert_eq!(
        document.source_url.as_deref(),
        Some("https://harbourpost.example.com/strike")
    );
    assert_eq!(
        document.blocks.first().map(|b| b.kind),
        Some(BlockKind::Heading)
    );
    assert!(!document.text.contains("+++"));
    assert!(!document.text.contains("publisher"));
}

#[test]
fn broken_toml_front_matter_is_left_out_with_a_warning() {
    let document = load("+++\ntitle = \"unterminated\n+++\nThe body stays.\n");
    assert_eq!(document.text, "The body stays.");
    assert!(
        document
            .warnings
            .iter()
            .any(|w| w.contains("TOML front matter")),
        "{:?}",
        document.warnings
    );
}

#[test]
fn a_rule_at_the_top_is_not_front_matter() {
    let document = load("---\n\nA paragraph after a rule.\n");
    assert_eq!(document.text, "A paragraph after a rule.");
    assert!(document.warnings.is_empty());
}

#[test]
fn a_file_of_front_matter_alone_is_empty() {
    let result = load_bytes(b"---\ntitle: Nothing else\n---\n", Format::Markdown);
    assert!(result.is_err(), "{result:?}");
}
