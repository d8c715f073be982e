//! `annals`: the command line. Codes news reports into PLOVER events (`code`), scores the
//! coder against gold files (`eval`), inspects the actor knowledge base (`actors`) and
//! measures speed (`bench`). The only crate that prints.

/// mimalloc: the pipeline allocates many small strings; it is markedly faster than glibc malloc here (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use annals::{bench, code, eval};
mod export;
mod ingest;
mod query;
mod serve;

use annals_core::data::DataSource;
use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "annals",
    version,
    about = "Codes news reports in German, English, Russian and Kazakh into PLOVER political event data"
)]
struct Cli {
    /// Read the knowledge files from this folder instead of the built-in copy (also: ANNALS_DATA).
    #[arg(long, global = true)]
    data: Option<PathBuf>,
    /// An extra actors file (schema: docs/DATA.md), read at start-up.
    #[arg(long, global = true)]
    actors: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code reports: text files, `-` for standard input, or JSON Lines batches.
    Code(code::CodeArgs),
    /// Score the coder against gold files (*.gold.json, or *.jsonl bundles).
    Eval(eval::EvalArgs),
    /// Look up actors in the knowledge base.
    Actors {
        #[command(subcommand)]
        command: ActorsCommand,
    },
    /// Measure documents/s, MB/s and peak memory of the whole pipeline on a corpus.
    Bench(bench::BenchArgs),
    /// Ingest corpora (folders, .txt, .html, .jsonl, RSS/Atom, .warc/.warc.gz) into the event store.
    Ingest(ingest::IngestArgs),
    /// Query the event store: events or story events by dyad, actor, type and dates.
    Query(query::QueryArgs),
    /// Counts in the event store: documents, events, story events, languages, errors.
    Stats(query::StatsArgs),
    /// Serve the HTTP JSON API and the web UI over an event store.
    Serve(serve::ServeArgs),
    /// Export the events of a store: PLOVER JSON Lines, CSV, GDELT-style TSV or Parquet.
    Export(export::ExportArgs),
}

#[derive(Subcommand)]
enum ActorsCommand {
    /// Who a name refers to, with the office held on a date.
    Lookup {
        name: String,
        /// YYYY-MM-DD
        #[arg(long)]
        date: Option<String>,
    },
    /// Counts by kind and aliases.
    Stats,
}

fn data_source(cli_data: &Option<PathBuf>) -> DataSource {
    match cli_data {
        Some(dir) => DataSource::Dir(dir.clone()),
        None => DataSource::from_env(),
    }
}

/// A reader that stops early (`annals ... | head`) closes the pipe: that ends the run
/// quietly, as for any Unix tool, instead of a panic or an error.
fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .unwrap_or("");
        if msg.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}

fn main() {
    quiet_on_closed_pipe();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            std::process::exit(0)
        }
        Err(e) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("annals: {e:#}");
            }
            std::process::exit(2);
        }
    }
}

fn run(cli: Cli) -> Result<i32> {
    let data = data_source(&cli.data);
    match cli.command {
        Command::Code(args) => {
            let coder = annals_extract::Coder::load(&data, cli.actors.as_deref())
                .context("loading the knowledge files")?;
            code::run(&coder, &args)
        }
        Command::Eval(args) => {
            let coder = annals_extract::Coder::load(&data, cli.actors.as_deref())
                .context("loading the knowledge files")?;
            eval::run(&coder, &args)
        }
        Command::Bench(args) => bench::run(&data, cli.actors.as_deref(), &args),
        Command::Ingest(args) => {
            let coder = annals_extract::Coder::load(&data, cli.actors.as_deref())
                .context("loading the knowledge files")?;
            ingest::run(&coder, &args)
        }
        Command::Query(args) => query::run(&args),
        Command::Stats(args) => query::stats(&args),
        Command::Serve(args) => serve::run(&args, || {
            annals_extract::Coder::load(&data, cli.actors.as_deref())
                .context("loading the knowledge files")
        }),
        Command::Export(args) => export::run(&args),
        Command::Actors { command } => {
            let kb = annals_kb::Kb::load(&data, cli.actors.as_deref())
                .context("loading the knowledge base")?;
            actors(&kb, command)
        }
    }
}

#[allow(clippy::print_stdout)]
fn actors(kb: &annals_kb::Kb, command: ActorsCommand) -> Result<i32> {
    match command {
        ActorsCommand::Lookup { name, date } => {
            if let Some(d) = &date {
                anyhow::ensure!(
                    d.len() >= 4 && d[..4].chars().all(|c| c.is_ascii_digit()),
                    "invalid --date {d:?}: give YYYY-MM-DD"
                );
            }
            let hits = kb.lookup(&name, date.as_deref());
            let places = kb.lookup_places(&name);
            if hits.is_empty() && places.is_empty() {
                println!("{name}: not in the knowledge base");
                return Ok(1);
            }
            for h in hits {
                let e = h.entity;
                let office = match h.office {
                    Some(o) => format!(
                        " · {} ({} – {})",
                        o.role,
                        o.from.as_deref().unwrap_or("?"),
                        o.to.as_deref().unwrap_or("")
                    ),
                    None if e.kind == annals_kb::Kind::Person && date.is_some() => {
                        " · no listed office on that date".to_string()
                    }
                    None => String::new(),
                };
                let sector = h
                    .office
                    .and_then(|o| o.sector.clone())
                    .or(e.sector.clone())
                    .unwrap_or_default();
                let country = h
                    .office
                    .and_then(|o| o.country.clone())
                    .unwrap_or(e.country.clone());
                println!(
                    "{} · {} {}{} · {}{}",
                    e.name,
                    country,
                    sector,
                    office,
                    e.wikidata.as_deref().unwrap_or("no Wikidata id"),
                    match h.via {
                        annals_kb::matcher::AliasKind::Name => "",
                        annals_kb::matcher::AliasKind::Surname => " (by surname)",
                        annals_kb::matcher::AliasKind::Adjective => " (adjective)",
                        annals_kb::matcher::AliasKind::Demonym => " (people)",
                        annals_kb::matcher::AliasKind::Capital => " (capital)",
                        annals_kb::matcher::AliasKind::Metonym => " (seat of government)",
                        annals_kb::matcher::AliasKind::Role
                        | annals_kb::matcher::AliasKind::Place => "",
                    }
                );
            }
            // Actors first; a place of the same name after them.
            for p in &places {
                match p.country.as_deref() {
                    Some(c) => println!("{} · {} in {c} · a place, not an actor", p.name, p.kind),
                    None => println!("{} · {} of no single state · a place, not an actor", p.name, p.kind),
                }
            }
            Ok(0)
        }
        ActorsCommand::Stats => {
            for (k, v) in kb.stats() {
                println!("{k:40} {v}");
            }
            Ok(0)
        }
    }
}
