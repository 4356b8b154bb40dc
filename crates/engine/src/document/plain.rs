//! Plain text: the text is the decoded file. Blocks are lines, except that the lines of a
//! hard-wrapped paragraph (or of a `>` block quote) between blank lines make one block.
//! The first block is the title.

use super::{Block, BlockKind, ParsedBody};

/// A non-blank line: char range (trimmed) and its text.
struct Line<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

/// Splits plain text into blocks without changing it.
pub fn parse(text: &str) -> ParsedBody {
    let mut blocks = Vec::new();
    let mut group: Vec<Line> = Vec::new();
    let mut char_offset = 0;
    for raw_line in text.split_inclusive('\n') {
        let content = raw_line.trim_end_matches('\n');
        let line_start = char_offset;
        char_offset += raw_line.chars().count();
        if content.trim().is_empty() {
            flush_group(&mut group, &mut blocks);
            continue;
        }
        let leading = content.chars().take_while(|c| c.is_whitespace()).count();
        let trimmed_chars = content.trim_end().chars().count();
        group.push(Line {
            start: line_start + leading,
            end: line_start + trimmed_chars.max(leading),
            text: content.trim(),
        });
    }
    flush_group(&mut group, &mut blocks);
    ParsedBody {
        text: text.to_owned(),
        blocks,
        links: Vec::new(),
    }
}

/// Turns a group of lines between blank lines into one block or one block per line.
fn flush_group(group: &mut Vec<Line>, blocks: &mut Vec<Block>) {
    if group.is_empty() {
        return;
    }
    let is_quote = group.iter().all(|l| l.text.starts_with('>'));
    let has_list_items = group.iter().any(|l| is_list_marker(l.text));
    if (is_quote || is_hard_wrapped(group)) && !has_list_items {
        let lines: Vec<&str> = group.iter().map(|l| l.text).collect();
        let (start, end) = (group[0].start, group[group.len() - 1].end);
        let block = finish_block((start, end, lines), blocks.is_empty());
        blocks.push(block);
    } else {
        for line in group.iter() {
            let block = finish_block((line.start, line.end, vec![line.text]), blocks.is_empty());
            blocks.push(block);
        }
    }
    group.clear();
}

/// Lines wrapped at a fixed width: all but the last of similar, typical widths, most of them
/// not ending a sentence.
fn is_hard_wrapped(group: &[Line]) -> bool {
    // Two lines are a wrapped paragraph only when the first is long ("dateline\nstandfirst"
    // is two blocks).
    if group.len() < 2 || (group.len() == 2 && group[0].end - group[0].start < 60) {
        return false;
    }
    let body = &group[..group.len() - 1];
    let widths_fit = body.iter().all(|l| (30..=100).contains(&(l.end - l.start)));
    let open_ends = body
        .iter()
        .filter(|l| !l.text.ends_with(['.', '!', '?', '"', '”', ':']))
        .count();
    widths_fit && open_ends * 2 >= body.len()
}

fn finish_block((start, end, lines): (usize, usize, Vec<&str>), is_first: bool) -> Block {
    let kind = if is_first && lines.len() == 1 {
        BlockKind::Heading
    } else if lines.iter().all(|l| l.starts_with('>')) {
        BlockKind::BlockQuote
    } else if lines.first().is_some_and(|l| is_list_marker(l)) {
        BlockKind::ListItem
    } else {
        BlockKind::Paragraph
    };
    Block { kind, start, end }
}

/// True for a line that starts like a list item: "- ", "* ", "• " or "12. ".
fn is_list_marker(line: &str) -> bool {
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("• ") {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && digits < 4 && line[digits..].starts_with(". ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_on_blank_lines_and_first_line_is_heading() {
        let text = "Title here\n\nThe first paragraph of this text has been wrapped at a width of\nsixty-odd chars, and it continues.\n\n- item one\n- item two\n";
        let body = parse(text);
        assert_eq!(body.text, text);
        let kinds: Vec<_> = body.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem
            ]
        );
        let chars: Vec<char> = text.chars().collect();
        let para: String = chars[body.blocks[1].start..body.blocks[1].end]
            .iter()
            .collect();
        assert_eq!(
            para,
            "The first paragraph of this text has been wrapped at a width of\nsixty-odd chars, and it continues."
        );
    }

    #[test]
    fn without_blank_lines_each_line_is_a_block() {
        let body = parse("Headline\nOne line.\nAnother line.");
        assert_eq!(body.blocks.len(), 3);
    }

    #[test]
    fn hard_wrapped_lines_make_one_paragraph() {
        let text = "Title\n\nThis paragraph was wrapped by an editor at a fixed\nwidth so that its lines run on without a stop and\nend here.\n\nA line.\nAnother line.\n";
        let body = parse(text);
        let kinds: Vec<_> = body.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Paragraph
            ]
        );
    }
}
