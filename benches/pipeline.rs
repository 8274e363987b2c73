//! Throughput of the pipeline and of each stage, on the public corpus
//! (`../shared/corpus/real`) or, without it, on the golden fixtures.
//! Run with `cargo bench`; `benches/throughput.sh` measures the whole CLI.

// Measured with the allocator the `capsift` command uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use capsift::agency::AgencyTable;
use capsift::{Options, classify, clean, credit, lang, normalize, segment};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

/// Article texts to measure on.
fn articles() -> Vec<String> {
    let corpus = Path::new("../shared/corpus/real");
    let (dir, name) = if corpus.is_dir() {
        (corpus.to_path_buf(), None)
    } else {
        (Path::new("fixtures").to_path_buf(), Some("input.txt"))
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("corpus or fixtures") {
        let path = entry.unwrap().path();
        let file = match name {
            Some(n) => path.join(n),
            None if path.extension().is_some_and(|e| e == "txt") => path,
            None => continue,
        };
        if let Ok(text) = std::fs::read_to_string(file) {
            out.push(text);
        }
    }
    out.sort();
    out
}

fn bytes(texts: &[String]) -> u64 {
    texts.iter().map(|t| t.len() as u64).sum()
}

fn pipeline(c: &mut Criterion) {
    let texts = articles();
    let opts = Options::default();
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(bytes(&texts)));
    g.sample_size(10);
    g.bench_function("clean", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(clean(t, &opts));
            }
        })
    });
    g.finish();
}

fn stages(c: &mut Criterion) {
    let texts = articles();
    let table = AgencyTable::builtin();
    let normalized: Vec<String> = texts.iter().map(|t| normalize::normalize(t).text).collect();
    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes(&texts)));
    g.sample_size(10);
    g.bench_function("decode+normalize", |b| {
        b.iter(|| {
            for t in &texts {
                let d = capsift::decode::decode(t.as_bytes(), false).unwrap();
                black_box(normalize::normalize(&d.text));
            }
        })
    });
    g.bench_function("segment+classify", |b| {
        b.iter(|| {
            for t in &normalized {
                let blocks = segment::segment(t);
                black_box(classify::classify(
                    t,
                    &blocks,
                    table,
                    classify::DEFAULT_MAX_CAPTION_WORDS,
                ));
            }
        })
    });
    // The document language reads a bounded sample: 1000 characters here.
    let samples: Vec<String> = normalized.iter().map(|t| t.chars().take(1000).collect()).collect();
    g.bench_function("language", |b| {
        b.iter(|| {
            for t in &samples {
                black_box(lang::detect(t));
            }
        })
    });
    g.finish();

    // Credit parsing on every credit the pipeline finds.
    let credits: Vec<String> = texts
        .iter()
        .flat_map(|t| clean(t, &Options::default()).photos)
        .flat_map(|p| p.credits.into_iter().map(|c| c.raw))
        .collect();
    let mut g = c.benchmark_group("credits");
    g.throughput(Throughput::Elements(credits.len() as u64));
    g.bench_function("parse", |b| {
        b.iter(|| {
            for raw in &credits {
                black_box(credit::parse_with(raw, table));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, pipeline, stages);
criterion_main!(benches);
