//! Exports of the event store: PLOVER JSON Lines, CSV, a GDELT-style TSV with CAMEO codes and,
//! with the `parquet` feature, Parquet. Shared by `annals export` and `/api/export`.

use crate::filter::EventFilter;
use crate::queries::{each_event, Event, Party};
use crate::ApiError;
use rusqlite::Connection;
use std::io::Write;

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line, with the field names of the coder's event records.
    Plover,
    Csv,
    /// GDELT 1.0-style columns (tab-separated) with CAMEO event codes.
    Tsv,
    /// Columnar, for pandas, polars, R and DuckDB (needs the `parquet` feature).
    Parquet,
}

impl Format {
    pub fn parse(v: &str) -> Result<Format, ApiError> {
        match v.to_ascii_lowercase().as_str() {
            "plover" | "jsonl" | "json" => Ok(Format::Plover),
            "csv" => Ok(Format::Csv),
            "tsv" | "gdelt" => Ok(Format::Tsv),
            "parquet" => Ok(Format::Parquet),
            _ => Err(ApiError::bad_request(format!(
                "format={v:?}: give plover, csv, tsv or parquet"
            ))),
        }
    }
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Plover => "application/x-ndjson",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Tsv => "text/tab-separated-values; charset=utf-8",
            Format::Parquet => "application/vnd.apache.parquet",
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            Format::Plover => "jsonl",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Parquet => "parquet",
        }
    }
    /// Whether this build can write the format.
    pub fn available(self) -> bool {
        self != Format::Parquet || cfg!(feature = "parquet")
    }
}

/// Writes every event matching `filter` (oldest first, at most `limit`) in `format`; returns
/// how many were written.
pub fn write<W: Write + Send>(
    conn: &Connection,
    filter: &EventFilter,
    format: Format,
    limit: Option<u64>,
    out: W,
) -> Result<u64, ApiError> {
    let mut out = std::io::BufWriter::new(out);
    let n = match format {
        Format::Plover => each_event(conn, filter, limit, |e| {
            serde_json::to_writer(&mut out, &plover_record(e))?;
            out.write_all(b"\n")
        })?,
        Format::Csv => {
            out.write_all(csv_line(&CSV_HEADER.map(str::to_string)).as_bytes())
                .map_err(io)?;
            each_event(conn, filter, limit, |e| {
                out.write_all(csv_line(&flat_row(e)).as_bytes())
            })?
        }
        Format::Tsv => {
            out.write_all(tsv_line(&GDELT_HEADER.map(str::to_string)).as_bytes())
                .map_err(io)?;
            each_event(conn, filter, limit, |e| {
                out.write_all(tsv_line(&gdelt_row(e)).as_bytes())
            })?
        }
        Format::Parquet => parquet_export::write(conn, filter, limit, &mut out)?,
    };
    out.flush().map_err(io)?;
    Ok(n)
}

fn io(e: std::io::Error) -> ApiError {
    ApiError::internal(format!("cannot write the export: {e}"))
}

/// The PLOVER JSON record of an event: the coder's field names, with its provenance.
pub fn plover_record(e: &Event) -> serde_json::Value {
    let refs = |ps: &[Party]| -> serde_json::Value {
        ps.iter().map(|p| serde_json::json!({"name": p.name, "country": p.country, "sector": p.sector, "text": p.text, "span": p.span})).collect()
    };
    serde_json::json!({
        "id": format!("annals-{}", e.id),
        "event": e.event,
        "mode": e.mode,
        "contexts": e.contexts,
        "cameo": e.cameo,
        "score": e.score,
        "date": e.date,
        "date_precision": e.date_precision,
        "actor": refs(&e.actors),
        "recipient": refs(&e.recipients),
        "location": e.location,
        "aux": {"negated": e.negated, "future": e.future, "hypothetical": e.hypothetical, "historical": e.historical},
        "trigger": {"text": e.trigger, "span": e.trigger_span},
        "story": e.story,
        "source": {"doc_id": e.document.doc_id, "url": e.document.url, "lang": e.document.lang, "published": e.document.published, "title": e.document.title},
    })
}

/// The CSV (and Parquet) columns.
pub const CSV_HEADER: [&str; 28] = [
    "id",
    "date",
    "date_precision",
    "day_lo",
    "day_hi",
    "event",
    "mode",
    "contexts",
    "cameo",
    "score",
    "actor_name",
    "actor_country",
    "actor_sector",
    "recipient_name",
    "recipient_country",
    "recipient_sector",
    "location",
    "location_country",
    "lat",
    "lon",
    "negated",
    "future",
    "hypothetical",
    "trigger",
    "doc_id",
    "url",
    "lang",
    "story",
];

fn join<F: Fn(&Party) -> Option<&str>>(ps: &[Party], f: F) -> String {
    ps.iter()
        .map(|p| f(p).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("; ")
}

fn num(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// One event as the CSV columns (several actors joined by "; ").
pub fn flat_row(e: &Event) -> [String; 28] {
    let loc = e.location.as_ref();
    let flag = |b: bool| if b { "1" } else { "0" }.to_string();
    [
        e.id.to_string(),
        e.date.clone().unwrap_or_default(),
        e.date_precision.clone().unwrap_or_default(),
        e.day_lo.clone().unwrap_or_default(),
        e.day_hi.clone().unwrap_or_default(),
        e.event.clone(),
        e.mode.clone().unwrap_or_default(),
        e.contexts.join("; "),
        e.cameo.clone(),
        e.score.to_string(),
        join(&e.actors, |p| Some(&p.name)),
        join(&e.actors, |p| p.country.as_deref()),
        join(&e.actors, |p| p.sector.as_deref()),
        join(&e.recipients, |p| Some(&p.name)),
        join(&e.recipients, |p| p.country.as_deref()),
        join(&e.recipients, |p| p.sector.as_deref()),
        loc.and_then(|l| l.name.clone()).unwrap_or_default(),
        loc.and_then(|l| l.country.clone()).unwrap_or_default(),
        num(loc.and_then(|l| l.lat)),
        num(loc.and_then(|l| l.lon)),
        flag(e.negated),
        flag(e.future),
        flag(e.hypothetical),
        e.trigger.clone(),
        e.document.doc_id.clone(),
        e.document.url.clone().unwrap_or_default(),
        e.document.lang.clone(),
        e.story.map(|s| s.to_string()).unwrap_or_default(),
    ]
}

/// RFC 4180: quote fields with commas, quotes or line breaks; double the quotes.
pub fn csv_line(fields: &[String]) -> String {
    let mut line = String::new();
    for (k, f) in fields.iter().enumerate() {
        if k > 0 {
            line.push(',');
        }
        if f.contains([',', '"', '\n', '\r']) {
            line.push('"');
            line.push_str(&f.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(f);
        }
    }
    line.push('\n');
    line
}

fn tsv_line(fields: &[String]) -> String {
    let clean: Vec<String> = fields
        .iter()
        .map(|f| f.replace(['\t', '\n', '\r'], " "))
        .collect();
    clean.join("\t") + "\n"
}

/// GDELT 1.0 event columns that Annals can fill, plus the PLOVER type, mode and score.
pub const GDELT_HEADER: [&str; 24] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "NumArticles",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "SOURCEURL",
    "PLOVEREvent",
    "PLOVERMode",
    "PLOVERScore",
];

/// GDELT's quad class from a CAMEO root code: 1 verbal and 2 material cooperation, 3 verbal and
/// 4 material conflict.
pub fn quad_class(cameo: &str) -> u8 {
    match cameo.get(..2).and_then(|r| r.parse::<u8>().ok()) {
        Some(1..=5) => 1,
        Some(6..=9) => 2,
        Some(10..=14) => 3,
        Some(15..=20) => 4,
        _ => 0,
    }
}

/// A CAMEO actor code: the country, then the sector when it is a CAMEO role code (GOV, MIL...).
fn actor_code(p: Option<&Party>) -> String {
    let Some(p) = p else { return String::new() };
    let mut code = p.country.clone().unwrap_or_default();
    if let Some(s) = &p.sector {
        if s.len() == 3 && s.chars().all(|c| c.is_ascii_uppercase()) && *s != code {
            code.push_str(s);
        }
    }
    code
}

pub fn gdelt_row(e: &Event) -> [String; 24] {
    let day = e.day_lo.clone().unwrap_or_default().replace('-', "");
    let (a1, a2) = (e.actors.first(), e.recipients.first());
    let loc = e.location.as_ref();
    [
        e.id.to_string(),
        day.clone(),
        day.get(..6).unwrap_or("").to_string(),
        day.get(..4).unwrap_or("").to_string(),
        actor_code(a1),
        a1.map(|p| p.name.to_uppercase()).unwrap_or_default(),
        a1.and_then(|p| p.country.clone()).unwrap_or_default(),
        actor_code(a2),
        a2.map(|p| p.name.to_uppercase()).unwrap_or_default(),
        a2.and_then(|p| p.country.clone()).unwrap_or_default(),
        "1".to_string(),
        e.cameo.clone(),
        e.cameo.get(..3).unwrap_or(&e.cameo).to_string(),
        e.cameo.get(..2).unwrap_or(&e.cameo).to_string(),
        quad_class(&e.cameo).to_string(),
        "1".to_string(),
        loc.and_then(|l| l.name.clone()).unwrap_or_default(),
        loc.and_then(|l| l.country.clone()).unwrap_or_default(),
        num(loc.and_then(|l| l.lat)),
        num(loc.and_then(|l| l.lon)),
        e.document.url.clone().unwrap_or_default(),
        e.event.clone(),
        e.mode.clone().unwrap_or_default(),
        e.score.to_string(),
    ]
}

#[cfg(feature = "parquet")]
mod parquet_export {
    use super::*;
    use arrow::array::{ArrayRef, Float64Builder, Int64Builder, StringBuilder};
    use arrow::datatypes::{DataType, Field, Schema};
    use arrow::record_batch::RecordBatch;
    use parquet::arrow::ArrowWriter;
    use std::sync::Arc;

    /// Columns typed as numbers: id, score, lat, lon, story; the rest are strings.
    fn kind(col: &str) -> DataType {
        match col {
            "id" | "story" => DataType::Int64,
            "score" | "lat" | "lon" => DataType::Float64,
            _ => DataType::Utf8,
        }
    }

    pub fn write<W: Write + Send>(
        conn: &Connection,
        filter: &EventFilter,
        limit: Option<u64>,
        out: W,
    ) -> Result<u64, ApiError> {
        let schema = Arc::new(Schema::new(
            CSV_HEADER
                .iter()
                .map(|c| Field::new(*c, kind(c), !matches!(*c, "id" | "score")))
                .collect::<Vec<_>>(),
        ));
        let pq = |e: parquet::errors::ParquetError| {
            ApiError::internal(format!("cannot write Parquet: {e}"))
        };
        let mut writer = ArrowWriter::try_new(out, schema.clone(), None).map_err(pq)?;
        let mut rows: Vec<[String; 28]> = Vec::with_capacity(8192);
        let flush =
            |rows: &mut Vec<[String; 28]>, writer: &mut ArrowWriter<W>| -> Result<(), ApiError> {
                if rows.is_empty() {
                    return Ok(());
                }
                let columns: Vec<ArrayRef> = CSV_HEADER
                    .iter()
                    .enumerate()
                    .map(|(k, c)| -> ArrayRef {
                        match kind(c) {
                            DataType::Int64 => {
                                let mut b = Int64Builder::new();
                                rows.iter()
                                    .for_each(|r| b.append_option(r[k].parse::<i64>().ok()));
                                Arc::new(b.finish())
                            }
                            DataType::Float64 => {
                                let mut b = Float64Builder::new();
                                rows.iter()
                                    .for_each(|r| b.append_option(r[k].parse::<f64>().ok()));
                                Arc::new(b.finish())
                            }
                            _ => {
                                let mut b = StringBuilder::new();
                                rows.iter().for_each(|r| b.append_value(&r[k]));
                                Arc::new(b.finish())
                            }
                        }
                    })
                    .collect();
                let batch = RecordBatch::try_new(schema.clone(), columns)
                    .map_err(|e| ApiError::internal(format!("cannot build an Arrow batch: {e}")))?;
                writer.write(&batch).map_err(pq)?;
                rows.clear();
                Ok(())
            };
        let mut failed = None;
        let n = each_event(conn, filter, limit, |e| {
            rows.push(flat_row(e));
            if rows.len() == 8192 {
                if let Err(err) = flush(&mut rows, &mut writer) {
                    failed = Some(err);
                    return Err(std::io::Error::other("parquet"));
                }
            }
            Ok(())
        });
        if let Some(err) = failed {
            return Err(err);
        }
        let n = n?;
        flush(&mut rows, &mut writer)?;
        writer.close().map_err(pq)?;
        Ok(n)
    }
}

#[cfg(not(feature = "parquet"))]
mod parquet_export {
    use super::*;
    pub fn write<W: Write + Send>(
        _: &Connection,
        _: &EventFilter,
        _: Option<u64>,
        _: W,
    ) -> Result<u64, ApiError> {
        Err(ApiError::bad_request("this annals was built without Parquet: rebuild with `--features parquet`, or export plover, csv or tsv"))
    }
}
