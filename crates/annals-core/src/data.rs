//! Where the knowledge files come from: embedded in the binary (the default) or a folder on
//! disk (`--data DIR` or `ANNALS_DATA`), so that data edits can be tried without rebuilding.

use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// A source of the files under `data/`.
#[derive(Clone, Debug)]
pub enum DataSource {
    Embedded,
    Dir(PathBuf),
}

/// A file could not be read from a data folder.
#[derive(Debug, thiserror::Error)]
#[error("cannot read knowledge file {path}: {source}; check --data / ANNALS_DATA points at the repository's data/ folder")]
pub struct DataError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

impl DataSource {
    /// The data folder named by `ANNALS_DATA`, else the embedded files.
    pub fn from_env() -> DataSource {
        match std::env::var_os("ANNALS_DATA") {
            Some(dir) if !dir.is_empty() => DataSource::Dir(PathBuf::from(dir)),
            _ => DataSource::Embedded,
        }
    }

    /// The contents of `rel` (a path relative to `data/`), or `None` when there is no such file.
    pub fn read(&self, rel: &str) -> Result<Option<String>, DataError> {
        match self {
            DataSource::Embedded => Ok(EMBEDDED
                .iter()
                .find(|(p, _)| *p == rel)
                .map(|(_, s)| s.to_string())),
            DataSource::Dir(dir) => {
                let path = dir.join(rel);
                match std::fs::read_to_string(&path) {
                    Ok(s) => Ok(Some(s)),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(source) => Err(DataError { path, source }),
                }
            }
        }
    }

    /// The paths (relative to `data/`) of the files directly or indirectly under `folder`
    /// with the given extension, sorted.
    pub fn list(&self, folder: &str, ext: &str) -> Result<Vec<String>, DataError> {
        let prefix = format!("{}/", folder.trim_end_matches('/'));
        match self {
            DataSource::Embedded => Ok(EMBEDDED
                .iter()
                .map(|(p, _)| p.to_string())
                .filter(|p| p.starts_with(&prefix) && p.ends_with(ext))
                .collect()),
            DataSource::Dir(dir) => {
                let mut out = Vec::new();
                collect(&dir.join(folder), dir, ext, &mut out).map_err(|source| DataError {
                    path: dir.join(folder),
                    source,
                })?;
                out.sort();
                Ok(out)
            }
        }
    }
}

fn collect(dir: &Path, root: &Path, ext: &str, out: &mut Vec<String>) -> std::io::Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, root, ext, out)?;
        } else if path.to_string_lossy().ends_with(ext) {
            out.push(
                path.strip_prefix(root)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
    Ok(())
}
