//! `annals export`: the events of a store as PLOVER JSON Lines, CSV, GDELT-style TSV or Parquet.

use annals_server::export::Format;
use annals_server::filter::{EventFilter, Params};
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per event (the coder's field names, with provenance).
    Plover,
    Csv,
    /// GDELT 1.0-style columns with CAMEO event codes.
    Tsv,
    /// Columnar, for pandas, polars, R and DuckDB (build with `--features parquet`).
    Parquet,
}

#[derive(Args)]
pub struct ExportArgs {
    /// The database written by `annals ingest`.
    #[arg(long, default_value = "annals.db")]
    pub db: PathBuf,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// The file to write (`-` for standard output).
    #[arg(long)]
    pub out: PathBuf,
    /// Two country codes, e.g. KAZ,RUS.
    #[arg(long)]
    pub dyad: Option<String>,
    /// A country code or part of an actor's name.
    #[arg(long)]
    pub actor: Option<String>,
    /// PLOVER event types, comma-separated.
    #[arg(long = "type")]
    pub event_type: Option<String>,
    /// First day (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Last day (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// Language of the reports (de, en, ru, kk).
    #[arg(long)]
    pub lang: Option<String>,
}

pub fn run(args: &ExportArgs) -> Result<i32> {
    if !args.db.is_file() {
        bail!(
            "no database at {}: run `annals ingest PATH... --db {}` first, or give --db",
            args.db.display(),
            args.db.display()
        );
    }
    let format = match args.format {
        ExportFormat::Plover => Format::Plover,
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Tsv => Format::Tsv,
        ExportFormat::Parquet => Format::Parquet,
    };
    if !format.available() {
        bail!("this annals was built without Parquet: rebuild with `cargo build --release -p annals --features parquet`, or export plover, csv or tsv");
    }
    let mut params = Params::new();
    for (k, v) in [
        ("dyad", &args.dyad),
        ("actor", &args.actor),
        ("type", &args.event_type),
        ("from", &args.from),
        ("to", &args.to),
        ("lang", &args.lang),
    ] {
        if let Some(v) = v {
            params.insert(k.to_string(), v.clone());
        }
    }
    let filter = EventFilter::parse(&params).map_err(|e| anyhow::anyhow!("{}", e.message))?;
    let store = annals_store::Store::open(&args.db)
        .with_context(|| format!("opening {}", args.db.display()))?;
    annals_server::db::prepare(store.connection()).context("adding the export indexes")?;
    let n = if args.out.as_os_str() == "-" {
        annals_server::export::write(store.connection(), &filter, format, None, std::io::stdout())
    } else {
        let file = std::fs::File::create(&args.out)
            .with_context(|| format!("cannot create {}", args.out.display()))?;
        annals_server::export::write(store.connection(), &filter, format, None, file)
    }
    .map_err(|e| anyhow::anyhow!("{}", e.message))?;
    #[allow(clippy::print_stderr)]
    {
        eprintln!("annals: exported {n} events to {}", args.out.display());
    }
    Ok(0)
}
