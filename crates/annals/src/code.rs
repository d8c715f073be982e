//! `annals code`: reads reports (text files, standard input, JSON Lines batches) and writes
//! one document record per report (or one PLOVER record per event). A bad document gets an
//! error record and the batch goes on; the exit code is non-zero only when nothing was coded.

use annals_core::record::{DocRecord, ErrorRecord};
use annals_extract::{Coder, Input};
use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Deserialize;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq)]
pub enum Format {
    /// The document record (one JSON object per report).
    Json,
    /// One PLOVER record per event.
    Plover,
}

#[derive(Args)]
pub struct CodeArgs {
    /// Report files (.txt), JSON Lines batches (.jsonl: one {"id","text","lang"?,"published"?,"url"?,"title"?} per line), or `-` for standard input.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Language of single reports (de, en, ru, kk); detected when absent. Default for batch lines without "lang".
    #[arg(long)]
    pub lang: Option<String>,
    /// Publication date (YYYY-MM-DD) that relative dates are resolved against.
    #[arg(long)]
    pub published: Option<String>,
    /// Document id for a single report (default: the file name without its extension).
    #[arg(long)]
    pub id: Option<String>,
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
}

/// One line of a JSON Lines batch.
#[derive(Deserialize)]
pub struct BatchLine {
    pub id: Option<serde_json::Value>,
    pub text: Option<String>,
    pub lang: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
}

/// Counts of a run.
#[derive(Default)]
pub struct Tally {
    pub coded: usize,
    pub failed: usize,
}

/// Writes a record in the chosen format.
pub fn write_record(out: &mut impl Write, rec: &DocRecord, format: Format) -> std::io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer(&mut *out, rec)?;
            out.write_all(b"\n")
        }
        Format::Plover => {
            for (k, e) in rec.events.iter().enumerate() {
                let codes = |refs: &[annals_core::record::Ref]| -> Vec<serde_json::Value> {
                    refs.iter().map(|r| serde_json::json!({"name": r.name, "country": r.country, "sector": r.sector, "wikidata": r.entity.and_then(|i| rec.entities.get(i)).and_then(|x| x.wikidata.clone())})).collect()
                };
                let v = serde_json::json!({
                    "id": format!("{}-{}", rec.id, k + 1),
                    "date": e.date.as_ref().map(|d| d.value.clone()).or(rec.published.clone()),
                    "event": e.event,
                    "mode": e.mode,
                    "context": e.contexts,
                    "actor": codes(&e.actor),
                    "recipient": codes(&e.recipient),
                    "event_loc": e.location.as_ref().map(|l| serde_json::json!({"name": l.name, "country": l.country, "lat": l.lat, "lon": l.lon})),
                    "event_text": e.trigger.text,
                    "text_info": {"trigger": e.trigger.span, "mentions": e.mentions},
                    "aux": e.aux,
                    "quad_code": quad(&e.event),
                    "event_scale": e.score,
                    "cameo": e.cameo,
                    "cite_info": {"doc_id": rec.id, "url": rec.url, "title": rec.title, "language": rec.lang, "publication": rec.published},
                });
                serde_json::to_writer(&mut *out, &v)?;
                out.write_all(b"\n")?;
            }
            Ok(())
        }
    }
}

/// The PLOVER quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
fn quad(event: &str) -> u8 {
    match event {
        "AGREE" | "CONSULT" | "SUPPORT" | "CONCEDE" => 1,
        "COOPERATE" | "AID" | "RETREAT" => 2,
        "REQUEST" | "ACCUSE" | "REJECT" | "THREATEN" => 3,
        _ => 4,
    }
}

fn write_error(out: &mut impl Write, id: &str, source: &str, error: &str) -> std::io::Result<()> {
    let rec = ErrorRecord {
        id: id.to_string(),
        error: error.to_string(),
        source: source.to_string(),
    };
    serde_json::to_writer(&mut *out, &rec)?;
    out.write_all(b"\n")
}

#[allow(clippy::print_stderr)]
fn report(source: &str, msg: &str) {
    eprintln!("annals: {source}: {msg}");
}

/// Reads a whole report file as UTF-8, with an error that names it.
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = if path == Path::new("-") {
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        b
    } else {
        std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?
    };
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{} is not valid UTF-8 (first bad byte at offset {}): convert it to UTF-8 first",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Codes every line of a JSON Lines batch.
pub fn code_batch(
    coder: &Coder,
    path: &Path,
    args: &CodeArgs,
    out: &mut impl Write,
    tally: &mut Tally,
) -> Result<()> {
    let file = std::fs::File::open(path)
        .map_err(|e| anyhow::anyhow!("cannot open {}: {e}", path.display()))?;
    let reader = std::io::BufReader::new(file);
    let name = path.display().to_string();
    for (n, line) in reader.split(b'\n').enumerate() {
        let source = format!("{name}:{}", n + 1);
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                report(&source, &format!("read error: {e}"));
                tally.failed += 1;
                break;
            }
        };
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let line = match String::from_utf8(line) {
            Ok(l) => l,
            Err(_) => {
                write_error(out, &source, &source, "line is not valid UTF-8")?;
                report(&source, "line is not valid UTF-8");
                tally.failed += 1;
                continue;
            }
        };
        let parsed: BatchLine = match serde_json::from_str(&line) {
            Ok(p) => p,
            Err(e) => {
                let msg = format!(
                    "line is not a JSON object ({e}); each line must be {{\"id\", \"text\", ...}}"
                );
                write_error(out, &source, &source, &msg)?;
                report(&source, &msg);
                tally.failed += 1;
                continue;
            }
        };
        let id = match &parsed.id {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
            None => source.clone(),
        };
        let Some(text) = parsed.text.as_deref() else {
            write_error(out, &id, &source, "the line has no \"text\" field")?;
            report(&source, "the line has no \"text\" field");
            tally.failed += 1;
            continue;
        };
        let input = Input {
            id: &id,
            text,
            lang: parsed.lang.as_deref().or(args.lang.as_deref()),
            published: parsed.published.as_deref().or(args.published.as_deref()),
            url: parsed.url.as_deref(),
            title: parsed.title.as_deref(),
        };
        match coder.code(&input) {
            Ok(rec) => {
                write_record(out, &rec, args.format)?;
                tally.coded += 1;
            }
            Err(e) => {
                write_error(out, &id, &source, &e.to_string())?;
                report(&source, &e.to_string());
                tally.failed += 1;
            }
        }
    }
    Ok(())
}

pub fn run(coder: &Coder, args: &CodeArgs) -> Result<i32> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut tally = Tally::default();
    for path in &args.inputs {
        let name = path.display().to_string();
        if path.extension().is_some_and(|e| e == "jsonl") {
            if let Err(e) = code_batch(coder, path, args, &mut out, &mut tally) {
                write_error(&mut out, &name, &name, &e.to_string())?;
                report(&name, &e.to_string());
                tally.failed += 1;
            }
            continue;
        }
        let id = args.id.clone().unwrap_or_else(|| {
            if path == Path::new("-") {
                "stdin".to_string()
            } else {
                path.file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or(name.clone())
            }
        });
        let text = match read_text(path) {
            Ok(t) => t,
            Err(msg) => {
                write_error(&mut out, &id, &name, &msg)?;
                report(&name, &msg);
                tally.failed += 1;
                continue;
            }
        };
        let input = Input {
            id: &id,
            text: &text,
            lang: args.lang.as_deref(),
            published: args.published.as_deref(),
            url: None,
            title: None,
        };
        match coder.code(&input) {
            Ok(rec) => {
                write_record(&mut out, &rec, args.format)?;
                tally.coded += 1;
            }
            Err(e) => {
                write_error(&mut out, &id, &name, &e.to_string())?;
                report(&name, &e.to_string());
                tally.failed += 1;
            }
        }
    }
    out.flush()?;
    if tally.failed > 0 {
        report(
            "summary",
            &format!("{} coded, {} failed", tally.coded, tally.failed),
        );
    }
    Ok(if tally.coded == 0 { 1 } else { 0 })
}
