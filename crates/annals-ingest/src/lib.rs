//! Corpus sources: turns folders, text files, HTML pages, JSON Lines batches, RSS/Atom feeds
//! and WARC crawls (plain or gzipped) into [`RawDoc`]s ready for the coder.
//!
//! [`read_sources`] walks the given paths and hands every document, and every input it could
//! not read, to a callback as an [`Item`], streaming: a WARC file of many gigabytes is read one
//! record at a time. Bad input never stops a run: it becomes an [`Item::Error`] with an
//! [`ErrorKind`] and a reason that names the input and says what to do.
//!
//! ```
//! use annals_ingest::{read_sources, Item, Options};
//! let dir = std::env::temp_dir().join(format!("annals-ingest-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("a.txt"), "Putin arrived in Astana on Tuesday.").unwrap();
//! let mut docs = Vec::new();
//! read_sources(&[dir.clone()], &Options::default(), &mut |item, _done| docs.push(item));
//! assert!(matches!(&docs[0], Item::Doc(d) if d.id == "a"));
//! std::fs::remove_dir_all(&dir).unwrap();
//! ```

pub mod decode;
pub mod feed;
pub mod html;
pub mod warc;

use std::cell::Cell;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// Largest document read (bytes): larger files and records get a [`ErrorKind::TooLarge`] error.
pub const DEFAULT_MAX_DOC_BYTES: u64 = 50 * 1024 * 1024;

/// A document read from a source, before coding.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawDoc {
    /// Where it came from: `file`, `file:line` (JSON Lines), `file#n` (feed item, WARC record).
    pub source: String,
    pub id: String,
    pub text: String,
    /// Declared language (ISO 639-1), if the source says.
    pub lang: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
}

/// Why an input could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    Unreadable,
    CorruptGzip,
    TruncatedWarc,
    BadWarc,
    NoArticleText,
    TooLarge,
    Binary,
    BadJson,
    MissingText,
    BadFeed,
    Unsupported,
}

impl ErrorKind {
    /// The name stored in the error records and shown in summaries.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Unreadable => "unreadable",
            ErrorKind::CorruptGzip => "corrupt-gzip",
            ErrorKind::TruncatedWarc => "truncated-warc",
            ErrorKind::BadWarc => "bad-warc",
            ErrorKind::NoArticleText => "no-article-text",
            ErrorKind::TooLarge => "too-large",
            ErrorKind::Binary => "binary",
            ErrorKind::BadJson => "bad-json",
            ErrorKind::MissingText => "missing-text",
            ErrorKind::BadFeed => "bad-feed",
            ErrorKind::Unsupported => "unsupported",
        }
    }
}

/// An input that could not be turned into a document.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceError {
    pub source: String,
    pub id: Option<String>,
    pub kind: ErrorKind,
    pub reason: String,
}

/// What a source yields.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Doc(RawDoc),
    Error(SourceError),
    /// Read but not a report (an image in a crawl, a file type Annals does not read): no error.
    Skipped {
        source: String,
        reason: String,
    },
}

/// Reading options.
#[derive(Clone, Debug)]
pub struct Options {
    pub max_doc_bytes: u64,
    /// Set by the consumer to stop reading early (its store failed, say): every reader checks it
    /// between documents.
    pub stop: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
            stop: None,
        }
    }
}

impl Options {
    /// Whether the consumer asked to stop.
    pub fn stopped(&self) -> bool {
        self.stop
            .as_ref()
            .is_some_and(|s| s.load(std::sync::atomic::Ordering::Relaxed))
    }
}

/// The formats Annals reads, by file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    JsonLines,
    Feed,
    Warc,
}

/// The format of a file from its name (`.gz` is looked through: `crawl.warc.gz` is WARC).
pub fn format_of(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.')?.1;
    Some(match ext {
        "txt" | "text" => Format::Text,
        "html" | "htm" | "xhtml" => Format::Html,
        "jsonl" | "ndjson" => Format::JsonLines,
        "rss" | "atom" | "xml" => Format::Feed,
        "warc" => Format::Warc,
        _ => return None,
    })
}

fn is_gzip(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// Every file under the paths, folders walked recursively in name order, hidden entries skipped.
pub fn files(paths: &[PathBuf], on_error: &mut dyn FnMut(SourceError)) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>, on_error: &mut dyn FnMut(SourceError)) {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                on_error(unreadable(dir, &e));
                return;
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                walk(&p, out, on_error);
            } else if p.is_file() {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out, on_error);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn unreadable(path: &Path, e: &std::io::Error) -> SourceError {
    SourceError {
        source: path.display().to_string(),
        id: None,
        kind: ErrorKind::Unreadable,
        reason: format!(
            "cannot read {}: {e}; check that it exists and is readable",
            path.display()
        ),
    }
}

/// Counts the bytes read from a file, for progress.
struct Counting<R> {
    inner: R,
    count: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

/// Reads every document under `paths`, calling `emit` with each item and the number of input
/// bytes read so far (compare with [`total_bytes`] for progress).
pub fn read_sources(paths: &[PathBuf], opts: &Options, emit: &mut dyn FnMut(Item, u64)) {
    let mut done = 0u64;
    let mut early = Vec::new();
    let files = files(paths, &mut |e| early.push(e));
    for e in early {
        emit(Item::Error(e), done);
    }
    let explicit: Vec<&PathBuf> = paths.iter().filter(|p| !p.is_dir()).collect();
    for path in files {
        if opts.stopped() {
            return;
        }
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let source = path.display().to_string();
        let Some(format) = format_of(&path) else {
            let reason = format!("{source}: not a file type Annals reads (.txt, .html, .htm, .jsonl, .rss, .atom, .xml, .warc, .warc.gz)");
            if explicit.contains(&&path) {
                emit(
                    Item::Error(SourceError {
                        source,
                        id: None,
                        kind: ErrorKind::Unsupported,
                        reason,
                    }),
                    done,
                );
            } else {
                emit(Item::Skipped { source, reason }, done);
            }
            continue;
        };
        let count = Rc::new(Cell::new(0u64));
        let base = done;
        let mut emit_file = |item: Item| emit(item, base + count.get().min(size));
        read_file(&path, format, size, opts, count.clone(), &mut emit_file);
        done = base + size;
    }
}

/// The total size of the input files, for progress and ETA.
pub fn total_bytes(paths: &[PathBuf]) -> u64 {
    files(paths, &mut |_| {})
        .iter()
        .filter(|p| format_of(p).is_some())
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum()
}

fn open(path: &Path, count: Rc<Cell<u64>>) -> std::io::Result<Box<dyn BufRead>> {
    let file = std::fs::File::open(path)?;
    let counted = Counting { inner: file, count };
    Ok(if is_gzip(path) {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(BufReader::new(counted)),
        ))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, counted))
    })
}

/// The error for a failed read of `path`: a gzip file that fails to read is corrupt.
pub(crate) fn read_error(
    path: &Path,
    source: &str,
    e: &std::io::Error,
    context: &str,
) -> SourceError {
    if is_gzip(path)
        && matches!(
            e.kind(),
            std::io::ErrorKind::InvalidInput
                | std::io::ErrorKind::InvalidData
                | std::io::ErrorKind::UnexpectedEof
                | std::io::ErrorKind::Other
        )
    {
        return SourceError { source: source.to_string(), id: None, kind: ErrorKind::CorruptGzip, reason: format!("{source}: the gzip stream is corrupt or cut short ({e}){context}; re-download or re-compress the file") };
    }
    SourceError {
        source: source.to_string(),
        id: None,
        kind: ErrorKind::Unreadable,
        reason: format!("cannot read {source}: {e}{context}"),
    }
}

fn too_large(source: &str, size: u64, max: u64) -> SourceError {
    SourceError { source: source.to_string(), id: None, kind: ErrorKind::TooLarge, reason: format!("{source}: {size} bytes, more than the {max}-byte limit per document; split it into reports or raise --max-doc-mb") }
}

/// Reads a whole (possibly gzipped) file of at most `max` bytes after decompression.
fn read_whole(
    path: &Path,
    source: &str,
    size: u64,
    opts: &Options,
    count: Rc<Cell<u64>>,
) -> Result<Vec<u8>, SourceError> {
    if size > opts.max_doc_bytes {
        return Err(too_large(source, size, opts.max_doc_bytes));
    }
    let reader = open(path, count).map_err(|e| unreadable(path, &e))?;
    let mut bytes = Vec::new();
    reader
        .take(opts.max_doc_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| read_error(path, source, &e, ""))?;
    if bytes.len() as u64 > opts.max_doc_bytes {
        return Err(too_large(source, bytes.len() as u64, opts.max_doc_bytes));
    }
    Ok(bytes)
}

fn file_id(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.rsplit_once('.')
        .map_or(name, |(stem, _)| stem)
        .to_string()
}

fn read_file(
    path: &Path,
    format: Format,
    size: u64,
    opts: &Options,
    count: Rc<Cell<u64>>,
    emit: &mut dyn FnMut(Item),
) {
    let source = path.display().to_string();
    match format {
        Format::Text => match read_whole(path, &source, size, opts, count) {
            Ok(bytes) => emit(text_doc(&source, file_id(path), &bytes)),
            Err(e) => emit(Item::Error(e)),
        },
        Format::Html => match read_whole(path, &source, size, opts, count) {
            Ok(bytes) => emit(html::document(
                &source,
                file_id(path),
                &bytes,
                None,
                None,
                None,
            )),
            Err(e) => emit(Item::Error(e)),
        },
        Format::Feed => match read_whole(path, &source, size, opts, count) {
            // Any .xml file may sit in a crawl (sitemaps, configs): only feeds are read.
            Ok(bytes)
                if path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
                    && !feed::looks_like_feed(&bytes) =>
            {
                emit(Item::Skipped {
                    source,
                    reason: "an XML file that is not an RSS or Atom feed".into(),
                })
            }
            Ok(bytes) => feed::read(&source, &bytes, emit),
            Err(e) => emit(Item::Error(e)),
        },
        Format::JsonLines => match open(path, count) {
            Ok(r) => read_jsonl(path, &source, r, opts, emit),
            Err(e) => emit(Item::Error(unreadable(path, &e))),
        },
        Format::Warc => match open(path, count) {
            Ok(r) => warc::read(path, &source, r, opts, emit),
            Err(e) => emit(Item::Error(unreadable(path, &e))),
        },
    }
}

/// A plain-text report: refused when binary, decoded from its detected charset otherwise.
fn text_doc(source: &str, id: String, bytes: &[u8]) -> Item {
    if decode::looks_binary(bytes) {
        return Item::Error(SourceError { source: source.to_string(), id: Some(id), kind: ErrorKind::Binary, reason: format!("{source}: looks binary (NUL or control bytes), not a text report; remove it or give the text") });
    }
    let text = decode::decode(bytes, None);
    if text.trim().is_empty() {
        return Item::Error(SourceError {
            source: source.to_string(),
            id: Some(id),
            kind: ErrorKind::MissingText,
            reason: format!("{source}: the file is empty; remove it or give the report's text"),
        });
    }
    Item::Doc(RawDoc {
        source: source.to_string(),
        id,
        text,
        ..Default::default()
    })
}

/// One line of a JSON Lines batch.
#[derive(serde::Deserialize)]
struct BatchLine {
    id: Option<serde_json::Value>,
    text: Option<String>,
    lang: Option<String>,
    published: Option<String>,
    url: Option<String>,
    title: Option<String>,
}

/// Reads one line of at most `max` bytes; a longer line is skipped to its end. `Ok(None)` at the end.
fn read_line_limited(
    r: &mut dyn BufRead,
    max: u64,
    buf: &mut Vec<u8>,
) -> std::io::Result<Option<u64>> {
    buf.clear();
    let n = (&mut *r).take(max + 1).read_until(b'\n', buf)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.len() as u64 > max && buf.last() != Some(&b'\n') {
        let mut skipped = buf.len() as u64;
        let mut sink = Vec::new();
        loop {
            sink.clear();
            let m = (&mut *r).take(1 << 20).read_until(b'\n', &mut sink)?;
            skipped += m as u64;
            if m == 0 || sink.last() == Some(&b'\n') {
                break;
            }
        }
        return Ok(Some(skipped));
    }
    Ok(Some(buf.len() as u64))
}

fn read_jsonl(
    path: &Path,
    source: &str,
    mut r: Box<dyn BufRead>,
    opts: &Options,
    emit: &mut dyn FnMut(Item),
) {
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    while !opts.stopped() {
        line_no += 1;
        let here = format!("{source}:{line_no}");
        let len = match read_line_limited(&mut r, opts.max_doc_bytes, &mut buf) {
            Ok(Some(len)) => len,
            Ok(None) => break,
            Err(e) => {
                emit(Item::Error(read_error(
                    path,
                    &here,
                    &e,
                    &format!(" at line {line_no}"),
                )));
                break;
            }
        };
        let err = |kind, reason: String, id: Option<String>| {
            Item::Error(SourceError {
                source: here.clone(),
                id,
                kind,
                reason,
            })
        };
        if len > opts.max_doc_bytes {
            emit(err(ErrorKind::TooLarge, format!("{here}: the line is {len} bytes, more than the {}-byte limit per document; split the report", opts.max_doc_bytes), None));
            continue;
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line = match std::str::from_utf8(&buf) {
            Ok(l) => l,
            Err(_) => {
                emit(err(
                    ErrorKind::BadJson,
                    format!("{here}: the line is not valid UTF-8; JSON Lines must be UTF-8"),
                    None,
                ));
                continue;
            }
        };
        let parsed: BatchLine = match serde_json::from_str(line) {
            Ok(p) => p,
            Err(e) => {
                emit(err(ErrorKind::BadJson, format!("{here}: not a JSON object ({e}); each line must be {{\"id\", \"text\", ...}}"), None));
                continue;
            }
        };
        let id = match parsed.id {
            Some(serde_json::Value::String(s)) => s,
            Some(v) => v.to_string(),
            None => here.clone(),
        };
        let Some(text) = parsed.text.filter(|t| !t.trim().is_empty()) else {
            emit(err(
                ErrorKind::MissingText,
                format!("{here}: the line has no \"text\"; give the report's text in \"text\""),
                Some(id),
            ));
            continue;
        };
        emit(Item::Doc(RawDoc {
            source: here,
            id,
            text,
            lang: parsed.lang,
            published: parsed.published.map(|p| decode::iso_date(&p).unwrap_or(p)),
            url: parsed.url,
            title: parsed.title,
        }));
    }
}
