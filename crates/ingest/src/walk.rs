//! Finding input files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use walkdir::WalkDir;

use crate::extract::SourceFile;
use crate::{IngestError, Problem};

/// Files found under the paths given, and the problems met on the way.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Input files, each once, in a stable order.
    pub files: Vec<SourceFile>,
    /// Broken links, loops, unreadable folders, missing arguments.
    pub problems: Vec<Problem>,
}

/// Folders never entered: version control and tool caches (hidden entries are skipped too).
const SKIPPED_DIRS: &[&str] = &["CVS", "_darcs", "node_modules", "__pycache__"];

/// Walks `paths`: files are taken as given; folders are walked recursively following symlinks
/// (loops are detected and reported, never followed), skipping hidden entries, version-control
/// folders and anything matching `excludes`.
pub fn discover(paths: &[PathBuf], excludes: &[String]) -> Result<Discovered, IngestError> {
    let excludes = build_globs(excludes)?;
    let mut found = Discovered::default();
    let mut seen = HashSet::new();
    for arg in paths {
        let shown = arg.to_string_lossy().into_owned();
        let meta = match std::fs::metadata(arg) {
            Ok(meta) => meta,
            Err(e) => {
                found
                    .problems
                    .push(Problem::skipped(&shown, crate::read::io_cause(&e)));
                continue;
            }
        };
        if meta.is_file() {
            let abs = absolute(arg);
            if seen.insert(abs.clone()) {
                found.files.push(SourceFile {
                    abs_path: abs,
                    source_path: shown,
                });
            }
            continue;
        }
        let walker = WalkDir::new(arg)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        let walker = walker.filter_entry(|entry| {
            entry.depth() == 0 || {
                let name = entry.file_name().to_string_lossy();
                let hidden = name.starts_with('.');
                let skipped_dir =
                    entry.file_type().is_dir() && SKIPPED_DIRS.contains(&name.as_ref());
                !hidden && !skipped_dir
            }
        });
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let path = err
                        .path()
                        .map(|p| relative(arg, p))
                        .unwrap_or_else(|| shown.clone());
                    let cause = if err.loop_ancestor().is_some() {
                        "symbolic link loop (not followed)".to_string()
                    } else if let Some(io) = err.io_error() {
                        crate::read::io_cause(io)
                    } else {
                        err.to_string()
                    };
                    found.problems.push(Problem::skipped(path, cause));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = relative(arg, entry.path());
            let name = entry.file_name().to_string_lossy();
            if excludes.is_match(&rel) || excludes.is_match(name.as_ref()) {
                continue;
            }
            let abs = absolute(entry.path());
            if seen.insert(abs.clone()) {
                found.files.push(SourceFile {
                    abs_path: abs,
                    source_path: rel,
                });
            }
        }
    }
    Ok(found)
}

fn build_globs(patterns: &[String]) -> Result<GlobSet, IngestError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern).map_err(|e| IngestError::BadExclude {
            pattern: pattern.clone(),
            cause: e.to_string(),
        })?;
        builder.add(glob);
    }
    builder.build().map_err(|e| IngestError::BadExclude {
        pattern: patterns.join(" "),
        cause: e.to_string(),
    })
}

/// The path of `path` below `root`, with `/` separators.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// An absolute path without resolving symlinks (the file's identity in the index).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
