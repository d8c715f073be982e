//! `annals ingest`: reads corpora (folders, text, HTML, JSON Lines, RSS/Atom, WARC), codes every
//! report and stores documents, events, errors and story events in the SQLite store.
//!
//! One reader thread walks the sources and skips documents the store already holds; `--jobs`
//! coder threads code; this thread writes, one transaction per document, so a killed run
//! resumes where it stopped. A progress bar on a terminal, plain log lines otherwise.

use annals_extract::{CodeError, Coder, Input};
use annals_ingest::{Item, Options, RawDoc};
use annals_store::{NewDocument, Store, Stored};
use anyhow::{Context, Result};
use clap::Args;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Args)]
pub struct IngestArgs {
    /// Folders (read recursively) and files: .txt, .html/.htm, .jsonl, .rss/.atom/.xml, .warc, .warc.gz.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The SQLite database to write (created when absent).
    #[arg(long, default_value = "annals.db")]
    pub db: PathBuf,
    /// Coder threads (default: the number of cores).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Language of documents that do not declare one (de, en, ru, kk); detected when absent.
    #[arg(long)]
    pub lang: Option<String>,
    /// Largest document read, in MB; larger files and records get an error record.
    #[arg(long, default_value_t = 50)]
    pub max_doc_mb: u64,
}

/// What a coder thread hands the writer.
enum Outcome {
    /// The document, its record and its text hash.
    Coded(RawDoc, Box<annals_core::record::DocRecord>, Option<String>),
    Failed(RawDoc, CodeError),
    Source(annals_ingest::SourceError),
    Skipped,
    AlreadyStored,
}

/// Counts of one run.
#[derive(Default)]
struct Tally {
    stored: u64,
    already: u64,
    duplicates: u64,
    skipped: u64,
    events: u64,
    new_stories: u64,
    errors: BTreeMap<&'static str, u64>,
    /// Time the writer spent in the store (hashing, lookups, inserts, story merges, commits).
    store_time: Duration,
}

impl Tally {
    fn documents(&self) -> u64 {
        self.stored + self.already + self.duplicates
    }
    fn error_count(&self) -> u64 {
        self.errors.values().sum()
    }
}

/// The error kind of a coding failure, as stored and summarised.
fn code_error_kind(e: &CodeError) -> &'static str {
    match e {
        CodeError::Empty => "empty",
        CodeError::Binary => "binary",
        CodeError::TooLarge(_) => "too-large",
        CodeError::UnknownLang(_) | CodeError::Lang(_) => "language",
        CodeError::BadDate(_) => "bad-date",
    }
}

/// Where progress goes: a bar on a terminal, a log line every few seconds otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    start: Instant,
    last_log: Instant,
    total: u64,
}

impl Progress {
    fn new(total: u64) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(total.max(1));
            let style = indicatif::ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg} ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress {
            bar,
            start: Instant::now(),
            last_log: Instant::now(),
            total,
        }
    }

    fn update(&mut self, done: u64, t: &Tally) {
        let secs = self.start.elapsed().as_secs_f64().max(1e-3);
        let rate = t.documents() as f64 / secs;
        match &self.bar {
            Some(bar) => {
                bar.set_position(done);
                bar.set_message(format!(
                    "{} docs, {rate:.1} docs/s, {} events, {} errors",
                    t.documents(),
                    t.events,
                    t.error_count()
                ));
            }
            None if self.last_log.elapsed() >= Duration::from_secs(5) => {
                self.last_log = Instant::now();
                let share = if self.total > 0 {
                    done as f64 / self.total as f64
                } else {
                    0.0
                };
                let eta = if share > 0.0 {
                    format!("{:.0} s", secs / share - secs)
                } else {
                    "?".into()
                };
                log(&format!("{} documents ({rate:.1}/s), {} events, {} errors; {:.0} % of the input read, ETA {eta}", t.documents(), t.events, t.error_count(), share * 100.0));
            }
            None => {}
        }
    }

    fn println(&self, msg: &str) {
        match &self.bar {
            Some(bar) => bar.println(format!("annals: {msg}")),
            None => log(msg),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[allow(clippy::print_stderr)]
fn log(msg: &str) {
    eprintln!("annals: {msg}");
}

fn code_one(
    coder: &Coder,
    doc: RawDoc,
    hash: Option<String>,
    default_lang: Option<&str>,
) -> Outcome {
    let input = Input {
        id: &doc.id,
        text: &doc.text,
        lang: doc.lang.as_deref().or(default_lang),
        published: doc.published.as_deref(),
        url: doc.url.as_deref(),
        title: doc.title.as_deref(),
    };
    match coder.code(&input) {
        Ok(rec) => Outcome::Coded(doc, Box::new(rec), hash),
        Err(e) => Outcome::Failed(doc, e),
    }
}

fn worker(
    coder: &Coder,
    rx: &Mutex<Receiver<(Item, Option<String>, u64)>>,
    tx: std::sync::mpsc::SyncSender<(Outcome, u64)>,
    lang: Option<&str>,
) {
    loop {
        let next = match rx.lock() {
            Ok(guard) => guard.recv(),
            Err(_) => return,
        };
        let Ok((item, hash, done)) = next else { return };
        let outcome = match item {
            Item::Doc(doc) => code_one(coder, doc, hash, lang),
            Item::Error(e) => Outcome::Source(e),
            Item::Skipped { .. } => Outcome::Skipped,
        };
        if tx.send((outcome, done)).is_err() {
            return;
        }
    }
}

/// Most documents committed in one transaction.
const BATCH_DOCS: usize = 32;
/// Longest a coded document waits for its commit.
const BATCH_WAIT: Duration = Duration::from_millis(250);

/// Writes the batched documents in one transaction.
fn flush(
    store: &mut Store,
    batch: &mut Vec<(RawDoc, Box<annals_core::record::DocRecord>, Option<String>)>,
    tally: &mut Tally,
) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let docs: Vec<(NewDocument, &annals_core::record::DocRecord)> = batch
        .iter()
        .map(|(d, r, hash)| {
            (
                NewDocument {
                    source: &d.source,
                    text: &d.text,
                    url: d.url.as_deref(),
                    hash: hash.as_deref(),
                },
                &**r,
            )
        })
        .collect();
    for stored in store.insert_batch(&docs)? {
        match stored {
            Stored::Inserted {
                events,
                new_stories,
                ..
            } => {
                tally.stored += 1;
                tally.events += events as u64;
                tally.new_stories += new_stories as u64;
            }
            Stored::Duplicate { .. } => tally.duplicates += 1,
        }
    }
    drop(docs);
    batch.clear();
    Ok(())
}

pub fn run(coder: &Coder, args: &IngestArgs) -> Result<i32> {
    let mut store = Store::open(&args.db)
        .with_context(|| format!("opening the database {}", args.db.display()))?;
    let stop = Arc::new(AtomicBool::new(false));
    let opts = Options {
        max_doc_bytes: args.max_doc_mb.saturating_mul(1024 * 1024),
        stop: Some(stop.clone()),
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let total = annals_ingest::total_bytes(&args.inputs);
    let mut progress = Progress::new(total);
    let mut tally = Tally::default();
    let db: &Path = &args.db;
    std::thread::scope(|s| -> Result<()> {
        let (raw_tx, raw_rx) = sync_channel::<(Item, Option<String>, u64)>(jobs * 16);
        let (out_tx, out_rx) = sync_channel::<(Outcome, u64)>(jobs * 16);
        let reader_out = out_tx.clone();
        let inputs = &args.inputs;
        let opts = &opts;
        s.spawn(move || {
            // Its own connection: documents stored by an earlier (killed) run are skipped
            // before they are coded. (Duplicates within this run are caught by the writer.)
            let seen = Store::open(db)
                .ok()
                .filter(|s| !s.is_empty().unwrap_or(true));
            annals_ingest::read_sources(inputs, opts, &mut |item, done| {
                let hash = match &item {
                    Item::Doc(d) => {
                        let hash = annals_store::text_hash(&d.text);
                        if let Some(seen) = &seen {
                            if matches!(seen.contains_hash(d.url.as_deref(), &hash), Ok(Some(_))) {
                                let _ = reader_out.send((Outcome::AlreadyStored, done));
                                return;
                            }
                        }
                        Some(hash)
                    }
                    _ => None,
                };
                let _ = raw_tx.send((item, hash, done));
            });
        });
        let raw_rx = Arc::new(Mutex::new(raw_rx));
        for _ in 0..jobs {
            let rx = raw_rx.clone();
            let tx = out_tx.clone();
            let lang = args.lang.as_deref();
            s.spawn(move || worker(coder, &rx, tx, lang));
        }
        drop(out_tx);
        // If the store fails, the reader and coders are told to stop, then the error is returned.
        let written = (|| -> Result<()> {
            // Coded documents are committed in small batches: one commit per batch, not per
            // document, and never more than BATCH_WAIT of coded work waits uncommitted.
            let mut batch: Vec<(RawDoc, Box<annals_core::record::DocRecord>, Option<String>)> =
                Vec::new();
            let mut batch_started = Instant::now();
            loop {
                let next = if batch.is_empty() {
                    out_rx.recv().ok()
                } else {
                    match out_rx.recv_timeout(BATCH_WAIT.saturating_sub(batch_started.elapsed())) {
                        Ok(next) => Some(next),
                        Err(RecvTimeoutError::Timeout) => {
                            let writing = Instant::now();
                            flush(&mut store, &mut batch, &mut tally)?;
                            tally.store_time += writing.elapsed();
                            continue;
                        }
                        Err(RecvTimeoutError::Disconnected) => None,
                    }
                };
                let Some((outcome, done)) = next else { break };
                let writing = Instant::now();
                match outcome {
                    Outcome::Coded(doc, rec, hash) => {
                        if batch.is_empty() {
                            batch_started = Instant::now();
                        }
                        batch.push((doc, rec, hash));
                        if batch.len() >= BATCH_DOCS {
                            flush(&mut store, &mut batch, &mut tally)?;
                        }
                    }
                    Outcome::Failed(doc, e) => {
                        let kind = code_error_kind(&e);
                        let reason = format!("{}: {e}", doc.source);
                        store.record_error(&doc.source, Some(&doc.id), kind, &reason)?;
                        progress.println(&reason);
                        *tally.errors.entry(kind).or_default() += 1;
                    }
                    Outcome::Source(e) => {
                        store.record_error(&e.source, e.id.as_deref(), e.kind.name(), &e.reason)?;
                        progress.println(&e.reason);
                        *tally.errors.entry(e.kind.name()).or_default() += 1;
                    }
                    Outcome::Skipped => tally.skipped += 1,
                    Outcome::AlreadyStored => tally.already += 1,
                }
                tally.store_time += writing.elapsed();
                progress.update(done, &tally);
            }
            let writing = Instant::now();
            flush(&mut store, &mut batch, &mut tally)?;
            tally.store_time += writing.elapsed();
            Ok(())
        })();
        if written.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        written.with_context(|| format!("writing to the database {}: check free disk space and that the file is writable; a new run resumes where this one stopped", db.display()))
    })?;
    progress.finish();
    let secs = progress.start.elapsed().as_secs_f64();
    summary(&store, &tally, secs, &args.db)?;
    let nothing = tally.documents() == 0 && tally.error_count() > 0;
    Ok(if nothing { 1 } else { 0 })
}

#[allow(clippy::print_stdout)]
fn summary(store: &Store, t: &Tally, secs: f64, db: &Path) -> Result<()> {
    let stats = store.stats()?;
    println!(
        "ingested {} documents in {secs:.1} s ({:.1} documents/s): {} new, {} already stored, {} duplicates of stored documents; {} skipped inputs (not reports)",
        t.documents(),
        t.documents() as f64 / secs.max(1e-9),
        t.stored,
        t.already,
        t.duplicates,
        t.skipped
    );
    println!(
        "new: {} events, {} story events; {:.2} s of the run spent writing to the store",
        t.events,
        t.new_stories,
        t.store_time.as_secs_f64()
    );
    let kinds: Vec<String> = t.errors.iter().map(|(k, n)| format!("{k} {n}")).collect();
    println!(
        "errors: {}{}",
        t.error_count(),
        if kinds.is_empty() {
            String::new()
        } else {
            format!(" ({})", kinds.join(", "))
        }
    );
    println!("{}: {} documents, {} events, {} story events ({} reported by several documents), {} errors", db.display(), stats.documents, stats.events, stats.story_events, stats.multi_report_stories, stats.errors.iter().map(|e| e.1).sum::<u64>());
    Ok(())
}
