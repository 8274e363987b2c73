//! Cleans every `.txt` file under a folder N times, for profiling:
//! `cargo run --release --example profile_clean -- ../shared/corpus/real 3`.

// Measured with the allocator the `capsift` command uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "../shared/corpus/real".into());
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let texts: Vec<String> = std::fs::read_dir(&dir)
        .expect("a folder of .txt files")
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "txt").then(|| std::fs::read_to_string(p).ok())?
        })
        .collect();
    let opts = capsift::Options::default();
    let start = std::time::Instant::now();
    let mut photos = 0;
    for _ in 0..rounds {
        for t in &texts {
            photos += capsift::clean(t, &opts).photos.len();
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum::<usize>() * rounds;
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{photos} photos, {:.1} MB in {secs:.2} s: {:.1} MB/s",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
}
