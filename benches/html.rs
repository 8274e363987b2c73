//! HTML input: pages per second of `capsift::html::clean_html`, and the two
//! parsers compared (`lol_html`, used, and html5ever through `scraper`), on
//! the saved pages of the public corpus (`../shared/corpus/html/*.html.gz`,
//! unpacked in memory first) or, without it, on the HTML golden fixtures.

// Measured with the allocator the `capsift` command uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use capsift::Options;
use capsift::html::{clean_html, dom};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::io::Read;
use std::path::Path;

fn pages() -> Vec<String> {
    let corpus = Path::new("../shared/corpus/html");
    let mut out = Vec::new();
    if corpus.is_dir() {
        for entry in std::fs::read_dir(corpus).unwrap() {
            let path = entry.unwrap().path();
            let mut bytes = Vec::new();
            let file = std::fs::File::open(&path).unwrap();
            flate2::read::MultiGzDecoder::new(file).read_to_end(&mut bytes).unwrap();
            out.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    } else {
        for entry in std::fs::read_dir("fixtures").unwrap() {
            if let Ok(t) = std::fs::read_to_string(entry.unwrap().path().join("input.html")) {
                out.push(t);
            }
        }
    }
    out.sort();
    out
}

fn html(c: &mut Criterion) {
    let pages = pages();
    let opts = Options::default();
    let mut g = c.benchmark_group("html");
    g.throughput(Throughput::Elements(pages.len() as u64));
    g.sample_size(10);
    g.bench_function("clean_html", |b| {
        b.iter(|| {
            for p in &pages {
                black_box(clean_html(p, &opts));
            }
        })
    });
    g.bench_function("parse/lol_html", |b| {
        b.iter(|| {
            for p in &pages {
                black_box(dom::parse(p));
            }
        })
    });
    g.bench_function("parse/scraper", |b| {
        b.iter(|| {
            for p in &pages {
                black_box(scraper::Html::parse_document(p));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, html);
criterion_main!(benches);
