//! Cleans every `.html.gz` page under a folder N times, for profiling:
//! `cargo run --release --example profile_html -- ../shared/corpus/html 3`.

// Measured with the allocator the `capsift` command uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::Read;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "../shared/corpus/html".into());
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let pages: Vec<String> = std::fs::read_dir(&dir)
        .expect("a folder of .html.gz files")
        .filter_map(|e| {
            let p = e.ok()?.path();
            if !p.to_string_lossy().ends_with(".html.gz") {
                return None;
            }
            let mut bytes = Vec::new();
            flate2::read::MultiGzDecoder::new(std::fs::File::open(p).ok()?)
                .read_to_end(&mut bytes)
                .ok()?;
            Some(String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect();
    let opts = capsift::Options::default();
    let start = std::time::Instant::now();
    let mut photos = 0;
    for _ in 0..rounds {
        for p in &pages {
            photos += capsift::html::clean_html(p, &opts).photos.len();
        }
    }
    let n = pages.len() * rounds;
    let bytes: usize = pages.iter().map(String::len).sum::<usize>() * rounds;
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{photos} photos, {n} pages, {:.1} MB in {secs:.2} s: {:.0} pages/s, {:.1} MB/s",
        bytes as f64 / 1e6,
        n as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}
