//! `annals bench`: codes a real-shaped corpus (repeated to a minimum size) on one thread and
//! reports documents/s, MB/s, the share of time spent matching names, and peak memory.

use annals_core::data::DataSource;
use annals_extract::{Coder, Input};
use anyhow::{Context, Result};
use clap::Args;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Args)]
pub struct BenchArgs {
    /// A JSON Lines corpus ({"id","text","lang"?} per line), e.g. ../shared/corpora/news-bench.jsonl.
    pub corpus: PathBuf,
    /// Repeat the corpus until at least this many MB of text are coded.
    #[arg(long, default_value_t = 10.0)]
    pub min_mb: f64,
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The time this thread has run on a CPU (Linux: `/proc/thread-self/schedstat`, in ns),
/// so that the matching share is not skewed by other processes taking the core.
fn thread_cpu() -> Option<std::time::Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(std::time::Duration::from_nanos(ns))
}

#[allow(clippy::print_stdout)]
pub fn run(data: &DataSource, actors: Option<&std::path::Path>, args: &BenchArgs) -> Result<i32> {
    let t0 = Instant::now();
    let coder = Coder::load(data, actors).context("loading the knowledge files")?;
    let load = t0.elapsed();
    let src = std::fs::read_to_string(&args.corpus)
        .with_context(|| format!("cannot read corpus {}", args.corpus.display()))?;
    let docs: Vec<(String, String, Option<String>)> = src
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            Some((
                v["id"].as_str().unwrap_or("").to_string(),
                v["text"].as_str()?.to_string(),
                v["lang"].as_str().map(str::to_string),
            ))
        })
        .collect();
    anyhow::ensure!(
        !docs.is_empty(),
        "{} holds no documents with \"text\"",
        args.corpus.display()
    );
    let corpus_bytes: usize = docs.iter().map(|d| d.1.len()).sum();
    let mut by_lang: std::collections::BTreeMap<String, (usize, f64, usize)> = Default::default();
    let (mut bytes, mut n, mut events, mut failed) = (0usize, 0usize, 0usize, 0usize);
    let start = Instant::now();
    let cpu_start = thread_cpu();
    while (bytes as f64) < args.min_mb * 1e6 {
        for (id, text, lang) in &docs {
            let t = Instant::now();
            let input = Input {
                id,
                text,
                lang: lang.as_deref(),
                ..Default::default()
            };
            match coder.code(&input) {
                Ok(rec) => events += rec.events.len(),
                Err(_) => failed += 1,
            }
            let e = by_lang
                .entry(lang.clone().unwrap_or("?".into()))
                .or_default();
            e.0 += text.len();
            e.1 += t.elapsed().as_secs_f64();
            e.2 += 1;
            bytes += text.len();
            n += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu_secs = thread_cpu().zip(cpu_start).map(|(b, a)| (b - a).as_secs_f64());
    // Name matching alone: the knowledge-base keys and lookups over the same text.
    // (text preparation is done first, in chunks, and left out: it serves every stage).
    let peak_coding = peak_rss_mb();
    let mut matched = 0usize;
    let mut matching = std::time::Duration::ZERO;
    let mut match_cpu = Some(0.0);
    for chunk in docs.chunks(256) {
        let prepared: Vec<_> = chunk
            .iter()
            .map(|(_, text, lang)| {
                let norm = annals_text::normalise::normalise(text);
                let tokens = annals_text::tokens::tokenize(&norm.text);
                (norm, tokens, lang.as_deref().and_then(annals_core::Lang::parse))
            })
            .collect();
        let (t, cpu) = (Instant::now(), thread_cpu());
        for (norm, tokens, lang) in &prepared {
            let keys = annals_kb::matcher::TokenKeys::for_lang(&norm.text, tokens, &coder.kb.matcher, *lang)
                .caseless(annals_text::is_caseless(&norm.text));
            for i in 0..tokens.len() {
                matched += coder
                    .kb
                    .matcher
                    .find_with(&norm.text, tokens, &keys, i, None)
                    .len();
            }
        }
        matching += t.elapsed();
        match_cpu = match (match_cpu, thread_cpu(), cpu) {
            (Some(sum), Some(b), Some(a)) => Some(sum + (b - a).as_secs_f64()),
            _ => None,
        };
    }
    let scale = bytes as f64 / corpus_bytes as f64;
    let match_secs = matching.as_secs_f64() * scale;
    println!(
        "corpus: {} ({} documents, {:.2} MB), repeated to {:.2} MB",
        args.corpus.display(),
        docs.len(),
        corpus_bytes as f64 / 1e6,
        bytes as f64 / 1e6
    );
    println!("knowledge load: {:.0} ms", load.as_secs_f64() * 1e3);
    println!("coded: {n} documents in {secs:.2} s: {:.0} documents/s, {:.2} MB/s ({events} events, {failed} refused)", n as f64 / secs, bytes as f64 / 1e6 / secs);
    for (lang, (b, s, c)) in &by_lang {
        println!("  {lang}: {c} documents, {:.2} MB/s", *b as f64 / 1e6 / s);
    }
    // The share is taken in CPU time of this thread where the system reports it: time the
    // core spent on other processes then counts in neither part.
    let share = match (match_cpu, cpu_secs) {
        (Some(m), Some(c)) if c > 0.0 => 100.0 * m * scale / c,
        _ => 100.0 * match_secs / secs,
    };
    println!(
        "name matching: {share:.1} % of the pipeline time ({matched} alias matches per corpus pass)"
    );
    // (The peak of loading and coding, before the matching pass prepares its texts.)
    if let Some(mb) = peak_coding {
        println!("peak memory (VmHWM): {mb:.0} MB");
    }
    Ok(0)
}
