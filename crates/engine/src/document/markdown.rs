//! Markdown: rendered with pulldown-cmark to plain text without markup. Blocks are separated by
//! a blank line in `text`; link targets are kept with the range of their anchor text.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{Block, BlockKind, Link, ParsedBody};

/// Renders Markdown source to display text, blocks and links.
pub fn parse(source: &str) -> ParsedBody {
    let mut out = Output::default();
    let mut quote_depth = 0usize;
    let mut open_links: Vec<(usize, String)> = Vec::new();
    for event in Parser::new_ext(source, pulldown_cmark::Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Heading { .. }) => out.open(BlockKind::Heading),
            Event::Start(Tag::Paragraph) => out.open(if quote_depth > 0 {
                BlockKind::BlockQuote
            } else if out.in_item {
                BlockKind::ListItem
            } else {
                BlockKind::Paragraph
            }),
            Event::Start(Tag::Item) => {
                out.in_item = true;
                out.open(BlockKind::ListItem);
            }
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => out.open(BlockKind::Paragraph),
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::CodeBlock) => out.close(),
            Event::End(TagEnd::Item) => {
                out.close();
                out.in_item = false;
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                open_links.push((out.chars, dest_url.into_string()));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some((start, url)) = open_links.pop() {
                    out.links.push(Link {
                        start,
                        end: out.chars,
                        url,
                    });
                }
            }
            Event::Text(text) | Event::Code(text) => out.push_text(&text),
            Event::SoftBreak => out.push_text(" "),
            Event::HardBreak => out.push_text("\n"),
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::Rule => {}
            _ => {}
        }
    }
    out.close();
    ParsedBody {
        text: out.text,
        blocks: out.blocks,
        links: out.links,
    }
}

#[derive(Default)]
struct Output {
    text: String,
    chars: usize,
    blocks: Vec<Block>,
    links: Vec<Link>,
    open: Option<(BlockKind, usize)>,
    in_item: bool,
}

impl Output {
    fn open(&mut self, kind: BlockKind) {
        if let Some((open_kind, start)) = self.open
            && self.chars > start
        {
            // A paragraph inside a list item: keep the item open.
            if open_kind == BlockKind::ListItem && kind == BlockKind::ListItem {
                return;
            }
            self.close();
        } else if self.open.is_some() {
            self.open = None;
        }
        self.open = Some((kind, self.chars));
    }

    fn close(&mut self) {
        let Some((kind, start)) = self.open.take() else {
            return;
        };
        // Trim trailing whitespace of the block.
        while self.text.ends_with([' ', '\n']) && self.chars > start {
            self.text.pop();
            self.chars -= 1;
        }
        if self.chars > start {
            self.blocks.push(Block {
                kind,
                start,
                end: self.chars,
            });
        }
    }

    fn push_text(&mut self, fragment: &str) {
        if self.open.is_none() {
            self.open = Some((BlockKind::Paragraph, self.chars));
        }
        let Some((_, start)) = self.open else { return };
        if self.chars == start && !self.text.is_empty() {
            // First text of a new block: separate it from the previous one by a blank line.
            let separator = if self.text.ends_with("\n\n") {
                ""
            } else if self.text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            self.text.push_str(separator);
            self.chars += separator.chars().count();
            self.open = Some((self.open.map_or(BlockKind::Paragraph, |o| o.0), self.chars));
        }
        if self.chars == self.open.map_or(0, |o| o.1) && fragment.trim().is_empty() {
            return;
        }
        self.text.push_str(fragment);
        self.chars += fragment.chars().count();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_texts(body: &ParsedBody) -> Vec<(BlockKind, String)> {
        let chars: Vec<char> = body.text.chars().collect();
        body.blocks
            .iter()
            .map(|b| (b.kind, chars[b.start..b.end].iter().collect()))
            .collect()
    }

    #[test]
    fn renders_blocks_without_markup() {
        let body = parse(
            "# The *title*\n\nA [linked](https://example.org/a) word and **bold**.\n\n> Quoted\n> text.\n\n- one\n- two\n",
        );
        assert_eq!(
            block_texts(&body),
            [
                (BlockKind::Heading, "The title".to_owned()),
                (BlockKind::Paragraph, "A linked word and bold.".to_owned()),
                (BlockKind::BlockQuote, "Quoted text.".to_owned()),
                (BlockKind::ListItem, "one".to_owned()),
                (BlockKind::ListItem, "two".to_owned()),
            ]
        );
        assert_eq!(body.links.len(), 1);
        let link = &body.links[0];
        let chars: Vec<char> = body.text.chars().collect();
        assert_eq!(
            chars[link.start..link.end].iter().collect::<String>(),
            "linked"
        );
        assert_eq!(link.url, "https://example.org/a");
    }
}
