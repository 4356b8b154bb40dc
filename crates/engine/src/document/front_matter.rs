//! Front matter at the top of a Markdown article: a YAML block between `---` lines (Jekyll,
//! Hugo, Pandoc, Obsidian) or a TOML block between `+++` lines (Hugo, Zola). Its title,
//! author, date, source address and outlet become the document's metadata; the block itself
//! is not part of the text.
//!
//! A `---` block that is not a YAML mapping is not front matter (it may be a thematic break
//! followed by a setext heading) and stays in the text. A `+++` block that is not valid TOML
//! is dropped with a warning: `+++` lines mean nothing else in Markdown.

use yaml_rust2::{Yaml, YamlLoader};

/// Largest front matter read, in bytes: anything longer is not a header.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// YAML aliases (`*name`) allowed in front matter: each one copies its anchor, so many of them
/// nested could grow a small file into gigabytes.
const MAX_YAML_ALIASES: usize = 32;

/// What a front matter block says about its article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// `title`.
    pub title: Option<String>,
    /// `author`, `authors` or `byline` (several authors joined with ", ").
    pub author: Option<String>,
    /// `date`, `published`, `pubDate`, … as written.
    pub date: Option<String>,
    /// `source_url`, `url`, `canonical_url`, `link`, `original_url` or `source` (when a URL).
    pub source_url: Option<String>,
    /// `outlet`, `publisher`, `publication`, `site_name` or `source` (when not a URL).
    pub outlet: Option<String>,
}

/// A Markdown source split into its front matter and the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The metadata read (empty if the block held none of the known keys).
    pub front_matter: FrontMatter,
    /// The Markdown after the block.
    pub body: &'a str,
    /// A problem with the block, for the document's warnings.
    pub warning: Option<String>,
}

/// Splits `source` into front matter and body, if it starts with a front matter block.
pub fn split(source: &str) -> Option<Split<'_>> {
    let source_no_bom = source.strip_prefix('\u{feff}').unwrap_or(source);
    let (fence, is_toml) = if fence_line(source_no_bom, "---").is_some() {
        ("---", false)
    } else if fence_line(source_no_bom, "+++").is_some() {
        ("+++", true)
    } else {
        return None;
    };
    let after_open = fence_line(source_no_bom, fence)?;
    let rest = source_no_bom.get(after_open..)?;
    let (block, body) = find_close(rest, fence, !is_toml)?;
    if block.len() > MAX_FRONT_MATTER_BYTES {
        return None;
    }
    if is_toml {
        return Some(match block.parse::<toml::Table>() {
            Ok(table) => Split {
                front_matter: from_toml(&table),
                body,
                warning: None,
            },
            Err(err) => Split {
                front_matter: FrontMatter::default(),
                body,
                warning: Some(format!(
                    "the TOML front matter could not be read and was left out: {}",
                    first_line(&err.to_string())
                )),
            },
        });
    }
    if count_aliases(block) > MAX_YAML_ALIASES {
        return Some(Split {
            front_matter: FrontMatter::default(),
            body,
            warning: Some(format!(
                "the YAML front matter uses more than {MAX_YAML_ALIASES} aliases and was left out"
            )),
        });
    }
    let docs = YamlLoader::load_from_str(block).ok()?;
    let map = docs.first()?.as_hash()?;
    let get = |keys: &[&str]| {
        keys.iter().find_map(|key| {
            map.get(&Yaml::String((*key).to_owned()))
                .and_then(yaml_text)
        })
    };
    Some(Split {
        front_matter: pick(get),
        body,
        warning: None,
    })
}

/// The byte offset just past an opening fence line (`---` alone on the first line, trailing
/// spaces allowed), if `source` starts with one.
fn fence_line(source: &str, fence: &str) -> Option<usize> {
    let rest = source.strip_prefix(fence)?;
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let line = rest.get(..line_end)?;
    if !line.trim_end_matches([' ', '\t', '\r']).is_empty() {
        return None;
    }
    Some(fence.len() + (line_end + 1).min(rest.len()))
}

/// The block up to the closing fence line, and the text after that line. YAML may also close
/// with `...`.
fn find_close<'a>(rest: &'a str, fence: &str, allow_dots: bool) -> Option<(&'a str, &'a str)> {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r', ' ', '\t']);
        if bare == fence || (allow_dots && bare == "...") {
            let block = rest.get(..offset)?;
            let body = rest.get(offset + line.len()..)?;
            return Some((block, body));
        }
        offset += line.len();
        if offset > MAX_FRONT_MATTER_BYTES {
            return None;
        }
    }
    None
}

/// Number of YAML aliases (`*name` after a space, `[`, `{`, `,` or `:`) in `block`.
fn count_aliases(block: &str) -> usize {
    let bytes = block.as_bytes();
    bytes
        .windows(2)
        .enumerate()
        .filter(|(i, pair)| {
            let is_alias_start = pair.first() == Some(&b'*')
                && pair
                    .get(1)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
            let before = i
                .checked_sub(1)
                .and_then(|j| bytes.get(j))
                .is_none_or(|b| b" \t\n[{,:-".contains(b));
            is_alias_start && before
        })
        .count()
}

/// The metadata from a lookup of keys (the first key present wins).
fn pick(get: impl Fn(&[&str]) -> Option<String>) -> FrontMatter {
    let source = get(&["source"]);
    let (source_as_url, source_as_outlet) = match source {
        Some(s) if is_web_address(&s) => (Some(s), None),
        other => (None, other),
    };
    FrontMatter {
        title: get(&["title", "headline"]),
        author: get(&["author", "authors", "byline", "creator"]),
        date: get(&[
            "date",
            "published",
            "date_published",
            "datePublished",
            "publishDate",
            "publish_date",
            "pubDate",
            "pubdate",
            "created",
        ]),
        source_url: get(&[
            "source_url",
            "sourceUrl",
            "url",
            "canonical_url",
            "canonical",
            "link",
            "original_url",
            "originalUrl",
        ])
        .filter(|u| is_web_address(u))
        .or(source_as_url),
        outlet: get(&[
            "outlet",
            "publisher",
            "publication",
            "site_name",
            "siteName",
            "site",
            "source_name",
        ])
        .or(source_as_outlet),
    }
}

/// Whether `text` is an http(s) address.
fn is_web_address(text: &str) -> bool {
    let lower = text.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// A YAML value as one line of text: a scalar, a list joined with ", ", or a mapping's `name`.
fn yaml_text(value: &Yaml) -> Option<String> {
    let text = match value {
        Yaml::String(s) | Yaml::Real(s) => s.clone(),
        Yaml::Integer(i) => i.to_string(),
        Yaml::Array(items) => items
            .iter()
            .filter_map(yaml_text)
            .collect::<Vec<_>>()
            .join(", "),
        Yaml::Hash(map) => {
            return map
                .get(&Yaml::String("name".to_owned()))?
                .as_str()
                .map(clean);
        }
        _ => return None,
    };
    Some(clean(&text)).filter(|t| !t.is_empty())
}

/// The metadata of a TOML table.
fn from_toml(table: &toml::Table) -> FrontMatter {
    pick(|keys| {
        keys.iter()
            .find_map(|key| table.get(*key).and_then(toml_text))
    })
}

/// A TOML value as one line of text (dates as written, lists joined with ", ").
fn toml_text(value: &toml::Value) -> Option<String> {
    let text = match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Array(items) => items
            .iter()
            .filter_map(toml_text)
            .collect::<Vec<_>>()
            .join(", "),
        toml::Value::Table(t) => return t.get("name").and_then(toml_text),
        _ => return None,
    };
    Some(clean(&text)).filter(|t| !t.is_empty())
}

/// One line, trimmed, without control characters, at most 500 chars.
fn clean(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .take(500)
        .collect()
}

fn first_line(text: &str) -> &str {
    text.lines().find(|l| !l.trim().is_empty()).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thematic_break_is_not_front_matter() {
        assert_eq!(split("---\n\nJust text after a rule.\n"), None);
        assert_eq!(split("Text\n---\n"), None);
        assert_eq!(split("---\nA paragraph\n---\n"), None, "not a mapping");
    }

    #[test]
    fn an_unclosed_block_is_text() {
        assert_eq!(split("---\ntitle: Open\n\nNo closing fence.\n"), None);
    }

    #[test]
    fn alias_floods_are_refused() {
        let mut yaml = String::from("---\na: &a [x, x]\n");
        for i in 0..40 {
            yaml.push_str(&format!("b{i}: [*a, *a]\n"));
        }
        yaml.push_str("---\nBody.\n");
        let split = split(&yaml).expect("a block");
        assert_eq!(split.front_matter, FrontMatter::default());
        assert!(split.warning.is_some());
        assert_eq!(split.body, "Body.\n");
    }
}
