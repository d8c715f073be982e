//! `annals query` and `annals stats`: reading the event store back.

use annals_store::query::{EventRow, Filter, StoryRow};
use annals_store::Store;
use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq)]
pub enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Args)]
pub struct QueryArgs {
    /// The database written by `annals ingest`.
    #[arg(long, default_value = "annals.db")]
    pub db: PathBuf,
    /// Two country codes, e.g. KAZ,RUS: events with a party from each, in either direction.
    #[arg(long)]
    pub dyad: Option<String>,
    /// Part of an actor's name (e.g. Tokayev) or a country code.
    #[arg(long)]
    pub actor: Option<String>,
    /// A PLOVER event type (CONSULT, SANCTION, ...).
    #[arg(long)]
    pub event: Option<String>,
    /// Events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Events on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// List story events (one per real-world event, with every report and why they merged).
    #[arg(long)]
    pub stories: bool,
    /// At most this many rows.
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

#[derive(Args)]
pub struct StatsArgs {
    /// The database written by `annals ingest`.
    #[arg(long, default_value = "annals.db")]
    pub db: PathBuf,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

fn open_existing(db: &Path) -> Result<Store> {
    if !db.is_file() {
        bail!(
            "no database at {}: run `annals ingest PATH... --db {}` first, or give --db",
            db.display(),
            db.display()
        );
    }
    Ok(Store::open(db)?)
}

/// A date bound as `YYYY-MM-DD`: the first day of a year or month for `--from`, the last for `--to`.
fn bound(flag: &str, value: &str, end: bool) -> Result<String> {
    let precision = match value.len() {
        4 => "year",
        7 => "month",
        _ => "day",
    };
    match annals_store::days::window(value, precision, None) {
        Some(w) => Ok(annals_store::days::iso(if end { w.hi } else { w.lo })),
        None => bail!("invalid --{flag} {value:?}: give YYYY, YYYY-MM or YYYY-MM-DD"),
    }
}

fn filter(args: &QueryArgs) -> Result<Filter> {
    let dyad = match &args.dyad {
        Some(d) => match d.split_once(',') {
            Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
                Some((a.trim().to_string(), b.trim().to_string()))
            }
            _ => bail!(
                "invalid --dyad {d:?}: give two country codes separated by a comma, e.g. KAZ,RUS"
            ),
        },
        None => None,
    };
    if let Some(t) = &args.event {
        if annals_core::plover::EventType::parse(t).is_none() {
            bail!("unknown --event {t:?}: give a PLOVER type such as CONSULT, AGREE, SANCTION, ACCUSE, ASSAULT");
        }
    }
    Ok(Filter {
        dyad,
        actor: args.actor.clone(),
        event: args
            .event
            .as_deref()
            .and_then(annals_core::plover::EventType::parse)
            .map(|t| t.name().to_string()),
        from: args
            .from
            .as_deref()
            .map(|v| bound("from", v, false))
            .transpose()?,
        to: args
            .to
            .as_deref()
            .map(|v| bound("to", v, true))
            .transpose()?,
        limit: args.limit,
    })
}

fn parties(p: &[annals_store::query::Party]) -> String {
    p.iter()
        .map(|p| match &p.country {
            Some(c) if *c != p.name => format!("{} ({c})", p.name),
            _ => p.name.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Prints rows as an aligned table (columns capped in width), CSV, or nothing for JSON.
fn print_rows(header: &[&str], rows: &[Vec<String>], format: Format) {
    let mut out = String::new();
    match format {
        Format::Csv => {
            for row in std::iter::once(header.iter().map(|h| h.to_string()).collect::<Vec<_>>())
                .chain(rows.iter().cloned())
            {
                out.push_str(
                    &row.iter()
                        .map(|f| csv_field(f))
                        .collect::<Vec<_>>()
                        .join(","),
                );
                out.push('\n');
            }
        }
        _ => {
            const MAX: usize = 40;
            let cut = |s: &str| {
                if s.chars().count() > MAX {
                    format!("{}…", s.chars().take(MAX - 1).collect::<String>())
                } else {
                    s.to_string()
                }
            };
            let cells: Vec<Vec<String>> =
                std::iter::once(header.iter().map(|h| h.to_string()).collect())
                    .chain(rows.iter().map(|r| r.iter().map(|f| cut(f)).collect()))
                    .collect();
            let widths: Vec<usize> = (0..header.len())
                .map(|i| {
                    cells
                        .iter()
                        .map(|r| r[i].chars().count())
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            for row in cells {
                let line: Vec<String> = row
                    .iter()
                    .zip(&widths)
                    .map(|(f, w)| format!("{f:w$}"))
                    .collect();
                out.push_str(line.join("  ").trim_end());
                out.push('\n');
            }
        }
    }
    #[allow(clippy::print_stdout)]
    {
        print!("{out}");
    }
}

#[allow(clippy::print_stdout)]
fn print_json<T: serde::Serialize>(rows: &[T]) -> Result<()> {
    for r in rows {
        println!("{}", serde_json::to_string(r)?);
    }
    Ok(())
}

pub fn run(args: &QueryArgs) -> Result<i32> {
    let store = open_existing(&args.db)?;
    let f = filter(args)?;
    if args.stories {
        let rows: Vec<StoryRow> = store.stories(&f)?;
        if args.format == Format::Json {
            print_json(&rows)?;
        } else {
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|s| {
                    let langs: std::collections::BTreeSet<&str> =
                        s.members.iter().map(|m| m.lang.as_str()).collect();
                    let docs: std::collections::BTreeSet<&str> =
                        s.members.iter().map(|m| m.document.as_str()).collect();
                    vec![
                        s.id.to_string(),
                        s.date.clone().unwrap_or_default(),
                        s.date_precision.clone(),
                        s.event.clone(),
                        s.parties.clone(),
                        s.location.clone().unwrap_or_default(),
                        s.reports.to_string(),
                        langs.into_iter().collect::<Vec<_>>().join(" "),
                        docs.into_iter().collect::<Vec<_>>().join(" "),
                    ]
                })
                .collect();
            print_rows(
                &[
                    "story",
                    "date",
                    "precision",
                    "event",
                    "parties",
                    "place",
                    "reports",
                    "languages",
                    "documents",
                ],
                &table,
                args.format,
            );
        }
        return Ok(if rows.is_empty() { 1 } else { 0 });
    }
    let rows: Vec<EventRow> = store.events(&f)?;
    if args.format == Format::Json {
        print_json(&rows)?;
    } else {
        let table: Vec<Vec<String>> = rows
            .iter()
            .map(|e| {
                vec![
                    e.id.to_string(),
                    e.date
                        .clone()
                        .or(e.published.clone().map(|p| format!("~{p}")))
                        .unwrap_or_default(),
                    e.event.clone(),
                    e.mode.clone().unwrap_or_default(),
                    parties(&e.actors),
                    parties(&e.recipients),
                    e.location.clone().unwrap_or_default(),
                    e.trigger.clone(),
                    e.lang.clone(),
                    e.document.clone(),
                    e.story.map(|s| s.to_string()).unwrap_or_default(),
                ]
            })
            .collect();
        print_rows(
            &[
                "event",
                "date",
                "type",
                "mode",
                "actor",
                "recipient",
                "place",
                "trigger",
                "lang",
                "document",
                "story",
            ],
            &table,
            args.format,
        );
    }
    Ok(if rows.is_empty() { 1 } else { 0 })
}

pub fn stats(args: &StatsArgs) -> Result<i32> {
    let store = open_existing(&args.db)?;
    let s = store.stats()?;
    match args.format {
        Format::Json => {
            #[allow(clippy::print_stdout)]
            {
                println!("{}", serde_json::to_string(&s)?);
            }
        }
        _ => {
            let mut rows = vec![
                vec!["documents".to_string(), s.documents.to_string()],
                vec!["events".into(), s.events.to_string()],
                vec!["story events".into(), s.story_events.to_string()],
                vec![
                    "  reported by several documents".into(),
                    s.multi_report_stories.to_string(),
                ],
            ];
            rows.extend(
                s.languages
                    .iter()
                    .map(|(l, n)| vec![format!("language {l}"), n.to_string()]),
            );
            rows.push(vec![
                "errors".into(),
                s.errors.iter().map(|e| e.1).sum::<u64>().to_string(),
            ]);
            rows.extend(
                s.errors
                    .iter()
                    .map(|(k, n)| vec![format!("  {k}"), n.to_string()]),
            );
            print_rows(&["what", "count"], &rows, args.format);
        }
    }
    Ok(0)
}
