//! The glyphs of a PDF's text layer, page by page, as pdf-extract's content-stream interpreter
//! reports them: each char with its position on the page (top-left origin, y downwards, in
//! points), its font size and its advance.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pdf_extract::{Document as PdfFile, MediaBox, OutputDev, OutputError, Transform};

/// One char of the text layer, placed on its page.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The char(s) the glyph stands for (a ligature gives several).
    pub text: String,
    /// Left edge, in points from the page's left edge.
    pub x: f64,
    /// Baseline, in points from the page's top edge.
    pub y: f64,
    /// Font size on the page, in points.
    pub size: f64,
    /// Advance to the next glyph, in points.
    pub width: f64,
}

/// The glyphs of one page, in content-stream order.
#[derive(Debug, Clone, Default)]
pub struct PageGlyphs {
    /// The page's number, counting the first page as 1.
    pub number: u32,
    /// Page height in points.
    pub height: f64,
    /// Its glyphs.
    pub glyphs: Vec<Glyph>,
}

/// What reading the text layer gave: the pages read and what went wrong on the way.
#[derive(Debug, Default)]
pub struct TextLayer {
    /// Pages read, in order (at most the limit asked for).
    pub pages: Vec<PageGlyphs>,
    /// Pages whose content could not be interpreted.
    pub failed_pages: Vec<u32>,
}

/// Reads the glyphs of the first `max_pages` pages (of `page_count`), and at most `max_glyphs`
/// glyphs in all. A page the interpreter fails on (it panics on some malformed content) is
/// recorded in `failed_pages` and skipped.
pub fn read(file: &PdfFile, page_count: u32, max_pages: u32, max_glyphs: usize) -> TextLayer {
    let last_page = page_count.min(max_pages);
    let mut collector = Collector::new(last_page, max_glyphs);
    // One pass over the whole document (the page tree is walked once) ...
    let whole = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::output_doc(file, &mut collector)
    }));
    let mut layer = TextLayer::default();
    let failed_at = match whole {
        Ok(_) => None,
        // ... and when a page breaks the interpreter, the pages after it one by one.
        Err(_) => collector.current.take().map(|page| page.number),
    };
    layer.pages = std::mem::take(&mut collector.done);
    if let Some(failed) = failed_at {
        layer.failed_pages.push(failed);
        for number in failed + 1..=last_page {
            if collector.glyph_budget == 0 {
                break;
            }
            let one = catch_unwind(AssertUnwindSafe(|| {
                pdf_extract::output_doc_page(file, &mut collector, number)
            }));
            match one {
                Ok(_) => layer.pages.append(&mut collector.done),
                Err(_) => {
                    collector.current = None;
                    layer.failed_pages.push(number);
                }
            }
        }
    }
    layer
}

/// The interpreter's output device: keeps glyphs until the page or glyph limit, then stops the
/// interpreter by returning an error.
struct Collector {
    last_page: u32,
    glyph_budget: usize,
    current: Option<PageGlyphs>,
    done: Vec<PageGlyphs>,
    /// The page's left and top edges in PDF space (its origin is bottom-left).
    left: f64,
    top: f64,
}

impl Collector {
    fn new(last_page: u32, max_glyphs: usize) -> Self {
        Collector {
            last_page,
            glyph_budget: max_glyphs,
            current: None,
            done: Vec::new(),
            left: 0.0,
            top: 0.0,
        }
    }
}

/// Signals the interpreter to stop (the limit is reached); not a failure.
fn stop() -> OutputError {
    OutputError::FormatError(std::fmt::Error)
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        if page_num > self.last_page || self.glyph_budget == 0 {
            return Err(stop());
        }
        let height = (media_box.ury - media_box.lly).abs();
        self.left = media_box.llx.min(media_box.urx);
        self.top = media_box.ury.max(media_box.lly);
        self.current = Some(PageGlyphs {
            number: page_num,
            height,
            glyphs: Vec::new(),
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        if let Some(page) = self.current.take() {
            self.done.push(page);
        }
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        let Some(page) = self.current.as_mut() else {
            return Ok(());
        };
        if self.glyph_budget == 0 {
            return Err(stop());
        }
        // The text rendering matrix maps a square of side `font_size` onto the page; its area
        // gives the size as printed (rotated or stretched text included).
        let scaled_x = font_size * (trm.m11 + trm.m21);
        let scaled_y = font_size * (trm.m12 + trm.m22);
        let size = (scaled_x * scaled_y).abs().sqrt();
        let (x, y) = (trm.m31 - self.left, self.top - trm.m32);
        if !(x.is_finite() && y.is_finite() && size.is_finite()) || size <= 0.0 {
            return Ok(());
        }
        self.glyph_budget -= 1;
        page.glyphs.push(Glyph {
            text: char.to_owned(),
            x,
            y,
            size,
            width: (width * size).max(0.0),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
