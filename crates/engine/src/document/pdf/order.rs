//! Reading order on a page: columns read one after the other, top to bottom within each.
//!
//! Segments are grouped into bands of overlapping lines from the top down. A band whose
//! segments leave a wide vertical gap (a gutter) starts a column group; the bands below join it
//! while none of their segments crosses the gutter. A group is read left of the gutter first,
//! then right of it, each side ordered the same way in turn.

use super::lines::Segment;

/// Narrowest gutter between columns, in font sizes.
const GUTTER: f64 = 1.5;

/// Deepest nesting of columns followed.
const MAX_DEPTH: usize = 8;

/// The indices of `segments` in reading order.
pub fn reading_order(segments: &[Segment]) -> Vec<usize> {
    let mut all: Vec<usize> = (0..segments.len()).collect();
    let mut out = Vec::with_capacity(segments.len());
    order_region(segments, &mut all, &mut out, 0);
    out
}

fn order_region(segments: &[Segment], region: &mut [usize], out: &mut Vec<usize>, depth: usize) {
    region.sort_by(|&a, &b| {
        let (sa, sb) = (&segments[a], &segments[b]);
        sa.top().total_cmp(&sb.top()).then(sa.x0.total_cmp(&sb.x0))
    });
    if depth >= MAX_DEPTH || region.len() < 2 {
        out.extend_from_slice(region);
        return;
    }
    let bands = bands(segments, region);
    let mut i = 0;
    while i < bands.len() {
        let band = &region[bands[i].clone()];
        let Some(gutter) = gutter(segments, band) else {
            // A band without columns: its segments left to right, line by line.
            out.extend(left_to_right(segments, band));
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < bands.len() && !crosses(segments, &region[bands[j].clone()], gutter) {
            j += 1;
        }
        let group = bands[i].start..bands[j - 1].end;
        if is_table(segments, &region[group.clone()]) {
            // Cells of a table read row by row.
            for band in &bands[i..j] {
                out.extend(left_to_right(segments, &region[band.clone()]));
            }
            i = j;
            continue;
        }
        let (mut left, mut right): (Vec<usize>, Vec<usize>) = region[group]
            .iter()
            .partition(|&&s| segments[s].x1 <= gutter.0 + 0.5);
        if left.is_empty() || right.is_empty() {
            out.extend(left.into_iter().chain(right));
        } else {
            order_region(segments, &mut left, out, depth + 1);
            order_region(segments, &mut right, out, depth + 1);
        }
        i = j;
    }
}

/// A band's segments line by line, each line left to right.
fn left_to_right(segments: &[Segment], band: &[usize]) -> Vec<usize> {
    let mut band = band.to_vec();
    band.sort_by(|&a, &b| {
        let (sa, sb) = (&segments[a], &segments[b]);
        sa.y.total_cmp(&sb.y).then(sa.x0.total_cmp(&sb.x0))
    });
    band
}

/// Fewest words a column's lines have on average; shorter pieces side by side are the cells of
/// a table, read row by row.
const COLUMN_LINE_WORDS: f64 = 3.5;

fn is_table(segments: &[Segment], group: &[usize]) -> bool {
    let words: usize = group
        .iter()
        .map(|&s| segments[s].text.split_whitespace().count())
        .sum();
    (words as f64) < COLUMN_LINE_WORDS * group.len() as f64
}

/// Ranges of `region` (sorted by top) whose line boxes overlap vertically.
fn bands(segments: &[Segment], region: &[usize]) -> Vec<std::ops::Range<usize>> {
    let mut bands = Vec::new();
    let mut start = 0;
    let mut bottom = f64::NEG_INFINITY;
    for (i, &s) in region.iter().enumerate() {
        let segment = &segments[s];
        // Overlap of a fifth of a line counts: descenders touch the next line's ascenders.
        if i > start && segment.top() > bottom - 0.2 * segment.size {
            bands.push(start..i);
            start = i;
            bottom = f64::NEG_INFINITY;
        }
        bottom = bottom.max(segment.bottom());
    }
    if start < region.len() {
        bands.push(start..region.len());
    }
    bands
}

/// The widest gap between the band's segments, as (left edge, right edge), when it is wide
/// enough to be a gutter with text on both sides.
fn gutter(segments: &[Segment], band: &[usize]) -> Option<(f64, f64)> {
    let mut spans: Vec<(f64, f64, f64)> = band
        .iter()
        .map(|&s| (segments[s].x0, segments[s].x1, segments[s].size))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut best: Option<(f64, f64)> = None;
    let mut reach = f64::NEG_INFINITY;
    let mut size: f64 = 0.0;
    for (x0, x1, s) in spans {
        if reach > f64::NEG_INFINITY && x0 - reach >= GUTTER * size.max(s) {
            let wider = best.is_none_or(|(l, r)| x0 - reach > r - l);
            if wider {
                best = Some((reach, x0));
            }
        }
        reach = reach.max(x1);
        size = size.max(s);
    }
    best
}

/// Whether a segment of the band spans the gutter.
fn crosses(segments: &[Segment], band: &[usize], gutter: (f64, f64)) -> bool {
    band.iter().any(|&s| {
        let segment = &segments[s];
        segment.x0 < gutter.1 - 0.5 && segment.x1 > gutter.0 + 0.5
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(text: &str, x0: f64, x1: f64, y: f64) -> Segment {
        Segment {
            page: 1,
            text: text.to_owned(),
            x0,
            x1,
            y,
            size: 10.0,
        }
    }

    #[test]
    fn two_columns_under_a_full_width_heading_read_column_by_column() {
        let segments = vec![
            segment("Heading across both", 50.0, 500.0, 40.0),
            segment("left one of the columns", 50.0, 260.0, 70.0),
            segment("right one of the columns", 290.0, 500.0, 70.0),
            segment("left two of the columns", 50.0, 260.0, 82.0),
            segment("right two of the columns", 290.0, 500.0, 82.0),
            segment("left three of them", 50.0, 200.0, 94.0),
            segment("Footer across both", 50.0, 500.0, 130.0),
        ];
        let order: Vec<&str> = reading_order(&segments)
            .into_iter()
            .map(|i| segments[i].text.as_str())
            .collect();
        assert_eq!(
            order,
            [
                "Heading across both",
                "left one of the columns",
                "left two of the columns",
                "left three of them",
                "right one of the columns",
                "right two of the columns",
                "Footer across both"
            ]
        );
    }

    #[test]
    fn a_table_reads_row_by_row() {
        let segments = vec![
            segment("1", 50.0, 60.0, 40.0),
            segment("Kim Lee", 100.0, 160.0, 40.0),
            segment("5040", 300.0, 330.0, 40.0),
            segment("2", 50.0, 60.0, 52.0),
            segment("Ana Ruiz", 100.0, 165.0, 52.0),
            segment("5035", 300.0, 330.0, 52.0),
        ];
        assert_eq!(reading_order(&segments), [0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn a_single_column_reads_top_down() {
        let segments = vec![
            segment("second", 50.0, 400.0, 52.0),
            segment("first", 50.0, 400.0, 40.0),
            segment("third, short", 50.0, 120.0, 64.0),
        ];
        assert_eq!(reading_order(&segments), [1, 0, 2]);
    }
}
