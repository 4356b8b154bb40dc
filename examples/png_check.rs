//! Checks that a PNG is a real picture, not a blank window: it decodes, is at least 200×200,
//! and has at least 16 distinct colours with no single colour covering 98% of it.
//! Used by `.ci/smoke-window.sh` on the window's `--screenshot`.
//!
//! Usage: `cargo run --release -p crosscheck-app --example png_check -- FILE.png`

use std::collections::HashMap;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: png_check FILE.png");
        return ExitCode::from(2);
    };
    match check(&path) {
        Ok(summary) => {
            println!("{summary}: {path}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("png_check: {err}: {path}");
            ExitCode::from(1)
        }
    }
}

fn check(path: &str) -> Result<String, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open ({e})"))?;
    let decoder = png::Decoder::new(std::io::BufReader::new(file));
    let mut reader = decoder
        .read_info()
        .map_err(|e| format!("not a PNG ({e})"))?;
    let mut buffer = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let info = reader
        .next_frame(&mut buffer)
        .map_err(|e| format!("cannot decode ({e})"))?;
    let channels = info.color_type.samples();
    if info.bit_depth != png::BitDepth::Eight || channels < 3 {
        return Err(format!(
            "unexpected format {:?} {:?}",
            info.color_type, info.bit_depth
        ));
    }
    let (width, height) = (info.width, info.height);
    if width < 200 || height < 200 {
        return Err(format!("too small ({width}x{height})"));
    }
    let mut counts: HashMap<[u8; 3], usize> = HashMap::new();
    let pixels = buffer.get(..info.buffer_size()).unwrap_or(&buffer);
    for pixel in pixels.chunks_exact(channels) {
        if let [r, g, b, ..] = *pixel {
            *counts.entry([r, g, b]).or_default() += 1;
        }
    }
    let total: usize = counts.values().sum();
    let most = counts.values().copied().max().unwrap_or(0);
    let share = most as f64 / total.max(1) as f64;
    if counts.len() < 16 || share > 0.98 {
        return Err(format!(
            "blank picture ({} colours, the commonest covers {:.1}%)",
            counts.len(),
            share * 100.0
        ));
    }
    Ok(format!(
        "ok: {width}x{height}, {} colours, the commonest covers {:.1}%",
        counts.len(),
        share * 100.0
    ))
}
