//! Plain text: the text is the decoded file; blocks are paragraphs separated by blank lines
//! (or single lines when the file has no blank lines at all). The first block is the title.

use super::{Block, BlockKind, ParsedBody};

/// Splits plain text into blocks without changing it.
pub fn parse(text: &str) -> ParsedBody {
    let has_blank_lines = text.lines().any(|line| line.trim().is_empty());
    let mut blocks = Vec::new();
    let mut char_offset = 0;
    let mut current: Option<(usize, usize, Vec<&str>)> = None;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        let line_chars = content.chars().count();
        let line_start = char_offset;
        char_offset += line.chars().count();
        if content.trim().is_empty() {
            if let Some(block) = current.take() {
                blocks.push(finish_block(block, blocks.is_empty()));
            }
            continue;
        }
        let leading = content.chars().take_while(|c| c.is_whitespace()).count();
        let trimmed_chars = content.trim_end().chars().count();
        let (start, end) = (
            line_start + leading,
            line_start + trimmed_chars.max(leading),
        );
        let starts_list_item = is_list_marker(content.trim_start());
        match current.as_mut() {
            Some((_, block_end, lines))
                if has_blank_lines && !(starts_list_item && is_list_marker(lines[0])) =>
            {
                *block_end = end;
                lines.push(content.trim_start());
            }
            _ => {
                if let Some(block) = current.take() {
                    blocks.push(finish_block(block, blocks.is_empty()));
                }
                current = Some((start, end, vec![content.trim_start()]));
            }
        }
        let _ = line_chars;
    }
    if let Some(block) = current.take() {
        blocks.push(finish_block(block, blocks.is_empty()));
    }
    ParsedBody {
        text: text.to_owned(),
        blocks,
        links: Vec::new(),
    }
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
        let text = "Title here\n\nFirst para\ncontinues.\n\n- item one\n- item two\n";
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
        assert_eq!(para, "First para\ncontinues.");
    }

    #[test]
    fn without_blank_lines_each_line_is_a_block() {
        let body = parse("Headline\nOne line.\nAnother line.");
        assert_eq!(body.blocks.len(), 3);
    }
}
