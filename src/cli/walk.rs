//! Which files a directory input holds, and where their outputs go.

use super::UsageError;
use ignore::overrides::{Override, OverrideBuilder};
use ignore::{Match, WalkBuilder};
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

/// File extensions cleaned when no `--glob` is given.
pub const DEFAULT_EXTENSIONS: [&str; 6] = ["txt", "text", "md", "html", "htm", "xhtml"];

/// The walk flags: `--glob`, `--hidden`, `--no-ignore`, `--follow`.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Gitignore-style globs, relative to each input directory; `!` excludes.
    pub globs: Vec<String>,
    /// Walk hidden files and directories too.
    pub hidden: bool,
    /// Do not honour `.gitignore`, `.ignore` and git excludes.
    pub no_ignore: bool,
    /// Follow symbolic links.
    pub follow: bool,
}

/// One thing a walk found.
#[derive(Debug)]
pub enum Found {
    /// A file to clean; `rel` is its path below the input directory.
    File {
        /// The path as walked (the input directory joined with `rel`).
        path: PathBuf,
        /// The path relative to the input directory.
        rel: PathBuf,
    },
    /// A selected file name that is a symbolic link, skipped without `--follow`.
    Symlink,
    /// A directory that could not be read, a symlink loop, a bad ignore file.
    Error {
        /// The path concerned.
        path: PathBuf,
        /// What went wrong.
        error: String,
    },
}

impl Selection {
    /// Checks the globs, so a typo is a usage error before any work.
    pub fn validate(&self) -> Result<(), UsageError> {
        self.overrides(Path::new(".")).map(drop)
    }

    fn overrides(&self, root: &Path) -> Result<Override, UsageError> {
        let mut b = OverrideBuilder::new(root);
        for g in &self.globs {
            b.add(g).map_err(|e| UsageError(format!("--glob {g}: {e}")))?;
        }
        b.build().map_err(|e| UsageError(format!("--glob: {e}")))
    }

    fn selects(&self, ov: &Override, path: &Path) -> bool {
        match ov.matched(path, false) {
            Match::Whitelist(_) => true,
            Match::Ignore(_) => false,
            Match::None => {
                // `a.html.gz` is taken as `a.html`.
                let plain = match path.extension() {
                    Some(gz) if gz.eq_ignore_ascii_case("gz") => Path::new(path.file_stem().unwrap_or_default()),
                    _ => path,
                };
                plain
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| DEFAULT_EXTENSIONS.iter().any(|d| d.eq_ignore_ascii_case(e)))
            }
        }
    }

    /// Walks `root` in file-name order, leaving out `exclude` (an output
    /// directory inside the input tree) and everything below it.
    pub fn walk(&self, root: &Path, exclude: Option<PathBuf>) -> Result<impl Iterator<Item = Found>, UsageError> {
        let ov = self.overrides(root)?;
        let mut b = WalkBuilder::new(root);
        let obey = !self.no_ignore;
        b.hidden(!self.hidden)
            .ignore(obey)
            .git_ignore(obey)
            .git_exclude(obey)
            .git_global(obey)
            .parents(obey)
            // a crawl is rarely a git repository; its .gitignore still counts
            .require_git(false)
            .follow_links(self.follow)
            .sort_by_file_name(|a, b| a.cmp(b));
        if let Some(ex) = exclude {
            b.filter_entry(move |e| e.path() != ex);
        }
        let sel = self.clone();
        let root = root.to_path_buf();
        Ok(b.build().filter_map(move |entry| {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => return Some(walk_error(&root, e)),
            };
            let ft = entry.file_type()?;
            if ft.is_dir() || !sel.selects(&ov, entry.path()) {
                return None;
            }
            if ft.is_symlink() {
                return Some(Found::Symlink);
            }
            // fifos, sockets and devices would block or never end
            if !ft.is_file() {
                return None;
            }
            let rel = entry.path().strip_prefix(&root).ok()?.to_path_buf();
            Some(Found::File {
                path: entry.into_path(),
                rel,
            })
        }))
    }
}

fn walk_error(root: &Path, e: ignore::Error) -> Found {
    fn path_of(e: &ignore::Error) -> Option<&Path> {
        match e {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::Loop { child, .. } => Some(child),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => path_of(err),
            _ => None,
        }
    }
    let path = path_of(&e).unwrap_or(root).to_path_buf();
    // walkdir's message repeats the path; the kind of I/O error is what to say
    let kind = e.io_error().map(std::io::Error::kind);
    let error = match (kind, &e) {
        (Some(k), _) if k != std::io::ErrorKind::Other => format!("cannot read: {k}"),
        (_, ignore::Error::WithPath { err, .. }) => err.to_string(),
        _ => e.to_string(),
    };
    Found::Error { path, error }
}

/// Where the outputs for one input go.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OutPaths {
    /// The clean text, under the input's own name.
    pub text: PathBuf,
    /// The document JSON: `b.captions.json` for `b.txt`, `b.md.captions.json`
    /// for `b.md` (so `b.txt` and `b.md` side by side do not collide).
    pub sidecar: PathBuf,
}

/// The outputs for the input at `rel` (its path below its input directory)
/// under `out`. Only plain names are allowed in `rel`: `..`, a root or a
/// drive prefix would lead outside `out`. Works on names that are not UTF-8.
pub fn out_paths(out: &Path, rel: &Path) -> Result<OutPaths, String> {
    let mut text = out.to_path_buf();
    let mut any = false;
    for c in rel.components() {
        match c {
            Component::Normal(name) => {
                text.push(name);
                any = true;
            }
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => {
                return Err(format!("{}: path would leave the output directory", rel.display()));
            }
        }
    }
    let mut name = text
        .file_name()
        .filter(|_| any)
        .ok_or_else(|| "empty path".to_string())?
        .to_os_string();
    // `a.txt.gz` → `a.txt`; a page `a.html` (or `a.html.gz`) → `a.html.txt`,
    // so the clean text never lands in a file named like HTML.
    if Path::new(&name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    {
        name = Path::new(&name).file_stem().unwrap_or_default().to_os_string();
    }
    if super::input::html_name(Path::new(&name)) {
        name.push(".txt");
        let html_stem = Path::new(&name).file_stem().unwrap_or_default().to_os_string();
        text.set_file_name(&name);
        let mut sidecar_name = html_stem;
        sidecar_name.push(".captions.json");
        let sidecar = text.with_file_name(sidecar_name);
        return Ok(OutPaths { text, sidecar });
    }
    text.set_file_name(&name);
    let name = name.as_os_str();
    let mut sidecar_name: OsString = match Path::new(name).extension() {
        Some(ext) if ext == "txt" => Path::new(name).file_stem().unwrap_or(name).to_os_string(),
        _ => name.to_os_string(),
    };
    sidecar_name.push(".captions.json");
    let sidecar = text.with_file_name(sidecar_name);
    Ok(OutPaths { text, sidecar })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_mirror_the_tree() {
        let p = out_paths(Path::new("cleaned"), Path::new("a/b.txt")).unwrap();
        assert_eq!(p.text, Path::new("cleaned/a/b.txt"));
        assert_eq!(p.sidecar, Path::new("cleaned/a/b.captions.json"));
        let p = out_paths(Path::new("cleaned"), Path::new("./a/b.md")).unwrap();
        assert_eq!(p.sidecar, Path::new("cleaned/a/b.md.captions.json"));
        let p = out_paths(Path::new("cleaned"), Path::new("a/b.html.gz")).unwrap();
        assert_eq!(p.text, Path::new("cleaned/a/b.html.txt"));
        assert_eq!(p.sidecar, Path::new("cleaned/a/b.html.captions.json"));
    }

    #[test]
    fn paths_that_would_leave_out_are_rejected() {
        for rel in ["../b.txt", "a/../../b.txt", "a/..", "/etc/passwd", "", "."] {
            assert!(out_paths(Path::new("cleaned"), Path::new(rel)).is_err(), "{rel}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_work() {
        use std::os::unix::ffi::OsStrExt;
        let rel = Path::new(std::ffi::OsStr::from_bytes(b"caf\xe9/n\xe9.txt"));
        let p = out_paths(Path::new("out"), rel).unwrap();
        assert_eq!(p.text.as_os_str().as_bytes(), b"out/caf\xe9/n\xe9.txt");
        assert_eq!(p.sidecar.as_os_str().as_bytes(), b"out/caf\xe9/n\xe9.captions.json");
    }

    #[test]
    fn default_selection_and_globs() {
        let sel = Selection::default();
        let ov = sel.overrides(Path::new("/r")).unwrap();
        assert!(sel.selects(&ov, Path::new("/r/a/b.TXT")));
        assert!(sel.selects(&ov, Path::new("/r/a.md")));
        assert!(sel.selects(&ov, Path::new("/r/a.html")));
        assert!(sel.selects(&ov, Path::new("/r/a.HTML.gz")));
        assert!(!sel.selects(&ov, Path::new("/r/a.json.gz")));
        let sel = Selection {
            globs: vec!["*.html".into(), "!skip/**".into()],
            ..Default::default()
        };
        let ov = sel.overrides(Path::new("/r")).unwrap();
        assert!(sel.selects(&ov, Path::new("/r/x/a.html")));
        assert!(!sel.selects(&ov, Path::new("/r/a.txt")));
        assert!(!sel.selects(&ov, Path::new("/r/skip/a.html")));
        assert!(
            Selection {
                globs: vec!["a[".into()],
                ..Default::default()
            }
            .validate()
            .is_err()
        );
    }
}
