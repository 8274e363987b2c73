//! Counting what a batch or a stream did, and reporting it on stderr and
//! as JSON (`--summary FILE`).

use capsift::Document;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::Duration;

/// The summary lists this many agencies, the most credited first.
const TOP_AGENCIES: usize = 10;

/// Counts merged from any number of workers.
#[derive(Debug, Default)]
pub struct Tally {
    /// Documents cleaned.
    pub cleaned: u64,
    /// Input bytes read (of cleaned documents).
    pub bytes: u64,
    /// Photos found.
    pub photos: u64,
    /// Documents per language code.
    pub languages: HashMap<String, u64>,
    /// Mentions per agency (id, else name as written in the table): name and count.
    pub agencies: HashMap<String, (String, u64)>,
    /// Inputs skipped by `--resume` because their outputs are newer.
    pub up_to_date: u64,
    /// Symbolic links skipped without `--follow`.
    pub symlinks: u64,
    /// Blank JSON Lines lines passed through.
    pub blank: u64,
    /// Failures, each naming its input.
    pub errors: Vec<Failure>,
    /// Failures counted (more than `errors` holds when it is capped).
    pub failed: u64,
}

/// One input that could not be cleaned.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    /// The file, or `FILE:LINE` of a JSON Lines record (with its id).
    pub input: String,
    /// Why.
    pub error: String,
}

impl Tally {
    /// Counts one cleaned document.
    pub fn document(&mut self, doc: &Document, bytes: u64) {
        self.cleaned += 1;
        self.bytes += bytes;
        self.photos += doc.photos.len() as u64;
        *self.languages.entry(doc.lang.code.to_string()).or_default() += 1;
        let credited = doc.photos.iter().flat_map(|p| &p.agencies);
        for a in credited.chain(doc.sources.iter().flat_map(|s| &s.agencies)) {
            let key = a.id.clone().unwrap_or_else(|| a.name.clone());
            self.agencies.entry(key).or_insert_with(|| (a.name.clone(), 0)).1 += 1;
        }
    }

    /// Counts one failure; at most `keep` are kept for the summary.
    pub fn failure(&mut self, f: Failure, keep: usize) {
        self.failed += 1;
        if self.errors.len() < keep {
            self.errors.push(f);
        }
    }

    /// Adds another worker's counts.
    pub fn merge(mut self, other: Tally) -> Tally {
        self.cleaned += other.cleaned;
        self.bytes += other.bytes;
        self.photos += other.photos;
        for (k, n) in other.languages {
            *self.languages.entry(k).or_default() += n;
        }
        for (k, (name, n)) in other.agencies {
            self.agencies.entry(k).or_insert_with(|| (name, 0)).1 += n;
        }
        self.up_to_date += other.up_to_date;
        self.symlinks += other.symlinks;
        self.blank += other.blank;
        self.failed += other.failed;
        self.errors.extend(other.errors);
        self
    }

    /// The summary, errors sorted by input so runs compare.
    pub fn summary(mut self, unit: &'static str, elapsed: Duration) -> Summary {
        self.errors.sort_by(|a, b| a.input.cmp(&b.input));
        let mut languages: Vec<(String, u64)> = self.languages.into_iter().collect();
        languages.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut agencies: Vec<AgencyCount> = self
            .agencies
            .into_iter()
            .map(|(id, (name, count))| AgencyCount { id, name, count })
            .collect();
        agencies.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
        agencies.truncate(TOP_AGENCIES);
        let secs = elapsed.as_secs_f64();
        Summary {
            unit,
            cleaned: self.cleaned,
            failed: self.failed,
            skipped: Skipped {
                up_to_date: self.up_to_date,
                symlinks: self.symlinks,
                blank_lines: self.blank,
            },
            bytes: self.bytes,
            photos: self.photos,
            languages: languages
                .into_iter()
                .map(|(code, count)| LangCount { code, count })
                .collect(),
            agencies,
            errors: self.errors,
            elapsed_secs: (secs * 1000.0).round() / 1000.0,
            mb_per_sec: if secs > 0.0 {
                (self.bytes as f64 / 1e6 / secs * 100.0).round() / 100.0
            } else {
                0.0
            },
        }
    }
}

/// What a run did (`--summary FILE` writes it as JSON).
#[derive(Debug, Serialize)]
pub struct Summary {
    /// `files` or `records`.
    pub unit: &'static str,
    /// Inputs cleaned.
    pub cleaned: u64,
    /// Inputs that failed.
    pub failed: u64,
    /// Inputs not cleaned on purpose.
    pub skipped: Skipped,
    /// Bytes read from cleaned inputs.
    pub bytes: u64,
    /// Photos found.
    pub photos: u64,
    /// Documents per language, the commonest first.
    pub languages: Vec<LangCount>,
    /// The most credited agencies (photo credits and source notes).
    pub agencies: Vec<AgencyCount>,
    /// The failures, by input.
    pub errors: Vec<Failure>,
    /// Wall-clock seconds.
    pub elapsed_secs: f64,
    /// Throughput in megabytes (10⁶ bytes) per second.
    pub mb_per_sec: f64,
}

/// Inputs skipped on purpose.
#[derive(Debug, Serialize)]
pub struct Skipped {
    /// `--resume`: outputs newer than the input.
    pub up_to_date: u64,
    /// Symbolic links (without `--follow`).
    pub symlinks: u64,
    /// Blank JSON Lines lines, passed through.
    pub blank_lines: u64,
}

/// Documents in one language.
#[derive(Debug, Serialize)]
pub struct LangCount {
    /// Language code.
    pub code: String,
    /// Documents.
    pub count: u64,
}

/// Mentions of one agency.
#[derive(Debug, Serialize)]
pub struct AgencyCount {
    /// Table id, or the name for organisations not in the table.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Photos and source notes crediting it.
    pub count: u64,
}

impl Summary {
    /// The summary for stderr.
    pub fn render(&self) -> String {
        let mut s = format!(
            "capsift: {} {} cleaned, {} failed",
            self.cleaned, self.unit, self.failed
        );
        let k = &self.skipped;
        for (n, what) in [
            (k.up_to_date, "up to date (--resume)"),
            (k.symlinks, "symlinks skipped"),
            (k.blank_lines, "blank lines passed through"),
        ] {
            if n > 0 {
                let _ = write!(s, ", {n} {what}");
            }
        }
        let _ = writeln!(
            s,
            "\n  read {} in {:.2} s ({:.2} MB/s), {} photos",
            human_bytes(self.bytes),
            self.elapsed_secs,
            self.mb_per_sec,
            self.photos
        );
        let langs: Vec<String> = self
            .languages
            .iter()
            .map(|l| format!("{} {}", l.code, l.count))
            .collect();
        let ags: Vec<String> = self.agencies.iter().map(|a| format!("{} {}", a.id, a.count)).collect();
        let _ = writeln!(s, "  languages: {}", or_none(&langs));
        let _ = writeln!(s, "  agencies: {}", or_none(&ags));
        if self.failed > 0 {
            let _ = writeln!(s, "  failed:");
            for e in &self.errors {
                let _ = writeln!(s, "    {}: {}", e.input, e.error);
            }
            if self.failed > self.errors.len() as u64 {
                let _ = writeln!(s, "    … and {} more", self.failed - self.errors.len() as u64);
            }
        }
        s
    }
}

fn or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

fn human_bytes(n: u64) -> String {
    indicatif::BinaryBytes(n).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tallies_merge_and_sort() {
        let doc = capsift::clean(
            "Title here\n\nBody text of the article goes on.\n\nA man walks (AP Photo/John Doe)\n\nMore body text.\n",
            &capsift::Options::default(),
        );
        let mut a = Tally::default();
        a.document(&doc, 100);
        let mut b = Tally::default();
        b.document(&doc, 50);
        b.failure(
            Failure {
                input: "z.txt".into(),
                error: "binary file".into(),
            },
            10,
        );
        let s = a.merge(b).summary("files", Duration::from_secs(1));
        assert_eq!((s.cleaned, s.failed, s.bytes, s.photos), (2, 1, 150, 2));
        assert_eq!(s.agencies[0].id, "ap");
        assert_eq!(s.agencies[0].count, 2);
        assert!(s.render().contains("    z.txt: binary file"));
    }
}
