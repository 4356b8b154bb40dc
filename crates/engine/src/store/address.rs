//! The address a web page gives for itself (canonical link or `og:url`), in the form the store
//! compares: a page saved again from the same address is a new version of the same article.

use crate::document::{Document, Format};

/// The address a web page states for itself (`Document::source_url`, from its canonical link
/// or `og:url`) in comparable form. Only web pages count: a PDF's printed address or an EPUB's
/// source names where it came from, but its text is not a version of that page's.
pub fn document_address(document: &Document) -> Option<String> {
    if document.format != Format::Html {
        return None;
    }
    document.source_url.as_deref().and_then(article_address)
}

/// The address `url` in comparable form: scheme and host in lower case, without the fragment,
/// tracking parameters (`utm_*`) or a trailing slash. `None` for an address that cannot name
/// one article: not http(s), or a site's front page (some sites give it as every page's
/// canonical link).
pub fn article_address(url: &str) -> Option<String> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let rest = rest.split('#').next().unwrap_or_default();
    let (before_query, query) = match rest.split_once('?') {
        Some((before, query)) => (before, Some(query)),
        None => (rest, None),
    };
    let (host, path) = match before_query.find('/') {
        Some(at) => before_query.split_at(at),
        None => (before_query, ""),
    };
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let path = path.trim_end_matches('/');
    let query: Vec<&str> = query
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty() && !p.to_ascii_lowercase().starts_with("utm_"))
        .collect();
    if host.is_empty() || (path.is_empty() && query.is_empty()) {
        return None;
    }
    let mut address = format!("https://{host}{path}");
    if !query.is_empty() {
        address.push('?');
        address.push_str(&query.join("&"));
    }
    Some(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_compare_without_noise() {
        let a = article_address("https://www.Example.org/news/bridge-vote/#comments");
        let b = article_address("http://example.org/news/bridge-vote?utm_source=feed");
        assert_eq!(a.as_deref(), Some("https://example.org/news/bridge-vote"));
        assert_eq!(a, b);
        assert_eq!(
            article_address("https://example.org/story?id=42").as_deref(),
            Some("https://example.org/story?id=42")
        );
        assert_eq!(article_address("https://example.org/"), None);
        assert_eq!(article_address("ftp://example.org/a"), None);
        assert_eq!(article_address("not a url"), None);
    }
}
