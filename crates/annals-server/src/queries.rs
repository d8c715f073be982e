//! The reads behind the API and the exports: plain functions over a connection.

use crate::filter::{EventFilter, Interval, Page};
use crate::ApiError;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use utoipa::ToSchema;

/// A party to an event, with the words of the report that name it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Party {
    pub name: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub text: String,
    /// Character offsets into the document text.
    pub span: [i64; 2],
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Location {
    pub name: Option<String>,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// The document an event was coded from.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DocRef {
    /// The store's document number (for `/api/documents/{id}`).
    pub id: i64,
    /// The id the input gave.
    pub doc_id: String,
    pub url: Option<String>,
    pub lang: String,
    pub published: Option<String>,
    pub title: Option<String>,
}

/// One stored event.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Event {
    pub id: i64,
    /// PLOVER event type.
    pub event: String,
    pub mode: Option<String>,
    pub contexts: Vec<String>,
    /// The nearest CAMEO code.
    pub cameo: String,
    /// PLOVER conflict (-10) to cooperation (+10) score.
    pub score: f64,
    pub date: Option<String>,
    pub date_precision: Option<String>,
    /// The date window used for filtering (the event's date, else the publication date).
    pub day_lo: Option<String>,
    pub day_hi: Option<String>,
    pub location: Option<Location>,
    pub negated: bool,
    pub future: bool,
    pub hypothetical: bool,
    pub historical: bool,
    pub trigger: String,
    pub trigger_span: [i64; 2],
    /// Index of the trigger's sentence in the document.
    pub sentence: Option<i64>,
    pub actors: Vec<Party>,
    pub recipients: Vec<Party>,
    pub document: DocRef,
    /// The story event (one real-world event across reports) this event belongs to.
    pub story: Option<i64>,
}

/// A page of events.
#[derive(Serialize, ToSchema)]
pub struct EventPage {
    pub events: Vec<Event>,
    pub limit: usize,
    pub offset: usize,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

const EVENT_COLUMNS: &str = "e.id, e.type, e.mode, e.contexts, e.cameo, e.score, e.date_value, e.date_precision, e.day_lo, e.day_hi,
    e.location_name, e.location_country, e.lat, e.lon, e.negated, e.future, e.hypothetical, e.historical,
    e.trigger_text, e.trigger_start, e.trigger_end, e.sentence,
    d.id, d.doc_id, d.url, d.lang, d.published, d.title, m.story";

const EVENT_FROM: &str =
    "events e JOIN documents d ON d.id = e.document LEFT JOIN story_members m ON m.event = e.id";

fn event_row(r: &Row) -> rusqlite::Result<Event> {
    let contexts: String = r.get(3)?;
    let (name, country, lat, lon): (Option<String>, Option<String>, Option<f64>, Option<f64>) =
        (r.get(10)?, r.get(11)?, r.get(12)?, r.get(13)?);
    let location = (name.is_some() || country.is_some() || lat.is_some()).then_some(Location {
        name,
        country,
        lat,
        lon,
    });
    Ok(Event {
        id: r.get(0)?,
        event: r.get(1)?,
        mode: r.get(2)?,
        contexts: serde_json::from_str(&contexts).unwrap_or_default(),
        cameo: r.get(4)?,
        score: r.get(5)?,
        date: r.get(6)?,
        date_precision: r.get(7)?,
        day_lo: r.get(8)?,
        day_hi: r.get(9)?,
        location,
        negated: r.get(14)?,
        future: r.get(15)?,
        hypothetical: r.get(16)?,
        historical: r.get(17)?,
        trigger: r.get(18)?,
        trigger_span: [r.get(19)?, r.get(20)?],
        sentence: r.get(21)?,
        actors: Vec::new(),
        recipients: Vec::new(),
        document: DocRef {
            id: r.get(22)?,
            doc_id: r.get(23)?,
            url: r.get(24)?,
            lang: r.get(25)?,
            published: r.get(26)?,
            title: r.get(27)?,
        },
        story: r.get(28)?,
    })
}

/// Fills the actors and recipients of `events` (one query per 500 events).
pub fn attach_parties(conn: &Connection, events: &mut [Event]) -> rusqlite::Result<()> {
    for chunk in events.chunks_mut(500) {
        let marks = vec!["?"; chunk.len()].join(",");
        let sql = format!("SELECT event, role, name, country, sector, text, span_start, span_end FROM participants WHERE event IN ({marks}) ORDER BY rowid");
        let mut st = conn.prepare_cached(&sql)?;
        let mut by_id: HashMap<i64, usize> = HashMap::with_capacity(chunk.len());
        for (k, e) in chunk.iter().enumerate() {
            by_id.insert(e.id, k);
        }
        let mut rows = st.query(params_from_iter(chunk.iter().map(|e| e.id)))?;
        while let Some(r) = rows.next()? {
            let event: i64 = r.get(0)?;
            let role: String = r.get(1)?;
            let party = Party {
                name: r.get(2)?,
                country: r.get(3)?,
                sector: r.get(4)?,
                text: r.get(5)?,
                span: [r.get(6)?, r.get(7)?],
            };
            if let Some(&k) = by_id.get(&event) {
                if role == "actor" {
                    chunk[k].actors.push(party);
                } else {
                    chunk[k].recipients.push(party);
                }
            }
        }
    }
    Ok(())
}

/// A page of events matching the filter, in date order, ties by id.
pub fn events(conn: &Connection, filter: &EventFilter, page: &Page) -> Result<EventPage, ApiError> {
    let mut filter = filter.clone();
    if let Some((a, b)) = &filter.dyad {
        filter.dyad_scan = dyad_size(conn, a, b)? >= DYAD_SCAN_FROM;
    }
    let (cond, base_args) = filter.sql();
    let mut args = base_args;
    let (segments, order) = page.segments(&mut args);
    let mut events: Vec<Event> = Vec::new();
    for segment in segments {
        let want = page.limit + 1 - events.len();
        if want == 0 {
            break;
        }
        let after = segment.map(|a| format!(" AND {a}")).unwrap_or_default();
        let mut seg_args = args.clone();
        seg_args.push(Value::Integer(want as i64));
        let lim = seg_args.len();
        seg_args.push(Value::Integer(page.offset as i64));
        let off = seg_args.len();
        let sql = format!("SELECT {EVENT_COLUMNS} FROM {EVENT_FROM} WHERE {cond}{after} ORDER BY {order} LIMIT ?{lim} OFFSET ?{off}");
        let mut st = conn.prepare_cached(&sql)?;
        let rows = st.query_map(params_from_iter(seg_args.iter()), event_row)?;
        for r in rows {
            events.push(r?);
        }
    }
    let more = events.len() > page.limit;
    events.truncate(page.limit);
    attach_parties(conn, &mut events)?;
    let next_cursor = more
        .then(|| {
            events.last().map(|e| {
                crate::filter::Cursor {
                    day: e.day_lo.clone(),
                    id: e.id,
                }
                .encode()
            })
        })
        .flatten();
    Ok(EventPage {
        events,
        limit: page.limit,
        offset: page.offset,
        next_cursor,
    })
}

/// Dyads with at least this many events are listed by walking the date index (see
/// [`EventFilter::dyad_scan`]).
const DYAD_SCAN_FROM: i64 = 1000;

/// How many events a dyad has, from the roll-up (0 when the roll-up is not there).
fn dyad_size(conn: &Connection, a: &str, b: &str) -> Result<i64, ApiError> {
    let (ka, kb) = if a < b { (a, b) } else { (b, a) };
    Ok(conn
        .prepare_cached("SELECT COALESCE(SUM(n), 0) FROM server_dyad_month WHERE a = ?1 AND b = ?2 AND directed = 0")?
        .query_row([ka, kb], |r| r.get(0))?)
}

/// Calls `each` for every event matching the filter, oldest first, at most `limit` (for exports).
pub fn each_event(
    conn: &Connection,
    filter: &EventFilter,
    limit: Option<u64>,
    mut each: impl FnMut(&Event) -> std::io::Result<()>,
) -> Result<u64, ApiError> {
    let (cond, mut args) = filter.sql();
    args.push(Value::Integer(limit.map_or(-1, |l| l as i64)));
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM {EVENT_FROM} WHERE {cond} ORDER BY e.day_lo, e.id LIMIT ?{}",
        args.len()
    );
    let mut st = conn.prepare(&sql)?;
    let mut rows = st.query(params_from_iter(args.iter()))?;
    let mut batch: Vec<Event> = Vec::with_capacity(500);
    let mut n = 0u64;
    let mut flush = |batch: &mut Vec<Event>, n: &mut u64| -> Result<(), ApiError> {
        attach_parties(conn, batch)?;
        for e in batch.iter() {
            each(e).map_err(|e| ApiError::internal(format!("cannot write the export: {e}")))?;
            *n += 1;
        }
        batch.clear();
        Ok(())
    };
    while let Some(r) = rows.next()? {
        batch.push(event_row(r)?);
        if batch.len() == 500 {
            flush(&mut batch, &mut n)?;
        }
    }
    flush(&mut batch, &mut n)?;
    Ok(n)
}

/// One event with everything about it: its sentences, every mention and every report.
#[derive(Serialize, ToSchema)]
pub struct EventDetail {
    #[serde(flatten)]
    pub event: Event,
    /// The sentences that mention the event, with their text when the store has it.
    pub sentences: Vec<SentenceText>,
    pub notes: Vec<String>,
    /// The date as written in the report.
    pub date_text: Option<String>,
    /// Every report of the same real-world event (including this one).
    pub reports: Vec<StoryReport>,
}

/// A sentence of a document: its number, character span and text (absent when the store does
/// not keep the document's text).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SentenceText {
    pub index: i64,
    pub span: [i64; 2],
    pub text: Option<String>,
}

/// One report (event in a document) of a story event.
#[derive(Serialize, ToSchema)]
pub struct StoryReport {
    pub event: i64,
    pub document: DocRef,
    pub trigger: String,
    pub date: Option<String>,
    /// Why the event was merged into the story.
    pub reason: String,
}

/// The text of a document, when known: posted to the API (kept by the server) or still
/// readable at its source and matching the stored hash.
pub fn document_text(conn: &Connection, document: i64) -> rusqlite::Result<Option<String>> {
    if let Some(t) = conn
        .prepare_cached("SELECT text FROM server_document_text WHERE document = ?1")?
        .query_row([document], |r| r.get::<_, String>(0))
        .optional()?
    {
        return Ok(Some(t));
    }
    let Some((source, hash)) = conn
        .prepare_cached("SELECT source, text_hash FROM documents WHERE id = ?1")?
        .query_row([document], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .optional()?
    else {
        return Ok(None);
    };
    // A plain text file as ingested: shown only if it still hashes to what was stored.
    let path = std::path::Path::new(&source);
    if path.extension().is_some_and(|e| e == "txt") {
        if let Ok(text) = std::fs::read_to_string(path) {
            if annals_store::text_hash(&text) == hash {
                return Ok(Some(text));
            }
        }
    }
    Ok(None)
}

fn char_slice(text: &str, span: [i64; 2]) -> Option<String> {
    let (a, b) = (
        usize::try_from(span[0]).ok()?,
        usize::try_from(span[1]).ok()?,
    );
    (a <= b).then(|| text.chars().skip(a).take(b - a).collect())
}

fn sentences_of(conn: &Connection, document: i64) -> rusqlite::Result<Vec<[i64; 2]>> {
    let json: Option<String> = conn
        .prepare_cached("SELECT sentences FROM documents WHERE id = ?1")?
        .query_row([document], |r| r.get(0))
        .optional()?;
    Ok(json
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default())
}

fn story_reports(conn: &Connection, story: i64) -> rusqlite::Result<Vec<StoryReport>> {
    let mut st = conn.prepare_cached(
        "SELECT m.event, d.id, d.doc_id, d.url, d.lang, d.published, d.title, e.trigger_text, e.date_value, m.reason
         FROM story_members m JOIN events e ON e.id = m.event JOIN documents d ON d.id = m.document WHERE m.story = ?1 ORDER BY d.published, m.event",
    )?;
    let rows = st.query_map([story], |r| {
        Ok(StoryReport {
            event: r.get(0)?,
            document: DocRef {
                id: r.get(1)?,
                doc_id: r.get(2)?,
                url: r.get(3)?,
                lang: r.get(4)?,
                published: r.get(5)?,
                title: r.get(6)?,
            },
            trigger: r.get(7)?,
            date: r.get(8)?,
            reason: r.get(9)?,
        })
    })?;
    rows.collect()
}

/// One event by id, with its sentences and every report of its story.
pub fn event_detail(conn: &Connection, id: i64) -> Result<EventDetail, ApiError> {
    let sql =
        format!("SELECT {EVENT_COLUMNS}, e.notes, e.date_text FROM {EVENT_FROM} WHERE e.id = ?1");
    let found = conn
        .prepare_cached(&sql)?
        .query_row([id], |r| {
            Ok((
                event_row(r)?,
                r.get::<_, String>(29)?,
                r.get::<_, Option<String>>(30)?,
            ))
        })
        .optional()?;
    let Some((event, notes, date_text)) = found else {
        return Err(ApiError::not_found(format!(
            "no event {id}: list events at /api/events"
        )));
    };
    let mut events = [event];
    attach_parties(conn, &mut events)?;
    let [event] = events;
    let spans = sentences_of(conn, event.document.id)?;
    let text = document_text(conn, event.document.id)?;
    let mut wanted: Vec<i64> = conn
        .prepare_cached("SELECT sentence FROM event_mentions WHERE event = ?1 ORDER BY sentence")?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    wanted.extend(event.sentence);
    wanted.sort_unstable();
    wanted.dedup();
    let sentences = wanted
        .into_iter()
        .filter_map(|k| {
            let span = *spans.get(usize::try_from(k).ok()?)?;
            Some(SentenceText {
                index: k,
                span,
                text: text.as_deref().and_then(|t| char_slice(t, span)),
            })
        })
        .collect();
    let reports = match event.story {
        Some(s) => story_reports(conn, s)?,
        None => Vec::new(),
    };
    Ok(EventDetail {
        event,
        sentences,
        notes: serde_json::from_str(&notes).unwrap_or_default(),
        date_text,
        reports,
    })
}

/// A document with its text (when known), sentences, entities and coded events.
#[derive(Serialize, ToSchema)]
pub struct DocumentView {
    #[serde(flatten)]
    pub document: DocRef,
    pub source: String,
    pub chars: i64,
    pub text: Option<String>,
    pub sentences: Vec<SentenceText>,
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
}

/// An actor, place or organisation found in a document, with its mentions.
#[derive(Serialize, ToSchema)]
pub struct Entity {
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub wikidata: Option<String>,
    pub known: bool,
    #[schema(value_type = Object)]
    pub mentions: serde_json::Value,
}

pub fn document(conn: &Connection, id: i64) -> Result<DocumentView, ApiError> {
    let found = conn
        .prepare_cached("SELECT id, doc_id, url, lang, published, title, source, chars FROM documents WHERE id = ?1")?
        .query_row([id], |r| {
            Ok((DocRef { id: r.get(0)?, doc_id: r.get(1)?, url: r.get(2)?, lang: r.get(3)?, published: r.get(4)?, title: r.get(5)? }, r.get::<_, String>(6)?, r.get::<_, i64>(7)?))
        })
        .optional()?;
    let Some((document, source, chars)) = found else {
        return Err(ApiError::not_found(format!("no document {id}")));
    };
    let text = document_text(conn, id)?;
    let sentences = sentences_of(conn, id)?
        .into_iter()
        .enumerate()
        .map(|(k, span)| SentenceText {
            index: k as i64,
            span,
            text: text.as_deref().and_then(|t| char_slice(t, span)),
        })
        .collect();
    let entities = conn
        .prepare_cached("SELECT name, kind, country, sector, wikidata, known, mentions FROM entities WHERE document = ?1 ORDER BY idx")?
        .query_map([id], |r| {
            Ok(Entity {
                name: r.get(0)?,
                kind: r.get(1)?,
                country: r.get(2)?,
                sector: r.get(3)?,
                wikidata: r.get(4)?,
                known: r.get(5)?,
                mentions: serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or_default(),
            })
        })?
        .collect::<Result<_, _>>()?;
    let sql =
        format!("SELECT {EVENT_COLUMNS} FROM {EVENT_FROM} WHERE e.document = ?1 ORDER BY e.idx");
    let mut events: Vec<Event> = conn
        .prepare_cached(&sql)?
        .query_map([id], event_row)?
        .collect::<Result<_, _>>()?;
    attach_parties(conn, &mut events)?;
    Ok(DocumentView {
        document,
        source,
        chars,
        text,
        sentences,
        entities,
        events,
    })
}

/// One bucket of a dyad's time series.
#[derive(Serialize, ToSchema)]
pub struct Bucket {
    /// `YYYY-MM-DD` (day), the Monday `YYYY-MM-DD` (week) or `YYYY-MM` (month).
    pub period: String,
    pub events: i64,
    /// Events with a positive (cooperative) score.
    pub cooperation: i64,
    /// Events with a negative (conflictual) score.
    pub conflict: i64,
    pub mean_score: f64,
    /// Counts by PLOVER event type.
    pub by_type: BTreeMap<String, i64>,
}

/// Counts by type and mean score per period for the events between two countries.
#[derive(Serialize, ToSchema)]
pub struct Series {
    pub dyad: [String; 2],
    pub directed: bool,
    pub interval: String,
    pub buckets: Vec<Bucket>,
}

/// The time series of a dyad. Directed: actor from `a`, recipient from `b`.
pub fn dyad_series(
    conn: &Connection,
    a: &str,
    b: &str,
    directed: bool,
    interval: Interval,
    filter: &EventFilter,
) -> Result<Series, ApiError> {
    let rollup_filter = EventFilter {
        types: filter.types.clone(),
        from: filter.from.clone(),
        to: filter.to.clone(),
        ..Default::default()
    };
    if *filter == rollup_filter && crate::db::rollup_fresh(conn)? {
        return dyad_series_rollup(conn, a, b, directed, interval, filter);
    }
    dyad_series_events(conn, a, b, directed, interval, filter)
}

/// The series counted from the events themselves (any filter; slower on big dyads).
pub fn dyad_series_events(
    conn: &Connection,
    a: &str,
    b: &str,
    directed: bool,
    interval: Interval,
    filter: &EventFilter,
) -> Result<Series, ApiError> {
    let (cond, mut args) = filter.sql();
    args.push(Value::Text(a.to_string()));
    let pa = args.len();
    args.push(Value::Text(b.to_string()));
    let pb = args.len();
    let members = if directed {
        format!("SELECT event FROM participants WHERE role = 'actor' AND country = ?{pa} INTERSECT SELECT event FROM participants WHERE role = 'recipient' AND country = ?{pb}")
    } else {
        format!("SELECT event FROM participants WHERE country = ?{pa} INTERSECT SELECT event FROM participants WHERE country = ?{pb}")
    };
    let bucket = interval.sql();
    let needs_doc = filter.lang.is_some() || filter.q.is_some();
    let join_doc = if needs_doc {
        "JOIN documents d ON d.id = e.document"
    } else {
        ""
    };
    let sql = format!(
        "SELECT {bucket} AS period, e.type, COUNT(*), SUM(e.score > 0), SUM(e.score < 0), SUM(e.score)
         FROM ({members}) x JOIN events e ON e.id = x.event {join_doc}
         WHERE e.day_lo IS NOT NULL AND {cond} GROUP BY period, e.type ORDER BY period"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query(params_from_iter(args.iter()))?;
    collect_series(rows, a, b, directed, interval)
}

/// The same series from the roll-up: a range scan of one dyad's rows instead of intersecting
/// two countries' events.
fn dyad_series_rollup(
    conn: &Connection,
    a: &str,
    b: &str,
    directed: bool,
    interval: Interval,
    filter: &EventFilter,
) -> Result<Series, ApiError> {
    let (ka, kb) = if directed || a < b { (a, b) } else { (b, a) };
    // Whole months asked for (no bounds, or bounds from YYYY / YYYY-MM): the monthly table.
    let monthly = interval == Interval::Month
        && filter.from.as_deref().is_none_or(|f| f.ends_with("-01"))
        && filter.to.as_deref().is_none_or(|t| t.ends_with("-31"));
    let (table, bound) = if monthly {
        ("server_dyad_month", 7)
    } else {
        ("server_dyad_day", 10)
    };
    let mut args: Vec<Value> = vec![
        Value::Text(ka.to_string()),
        Value::Text(kb.to_string()),
        Value::Integer(directed as i64),
    ];
    let mut conds = vec!["e.a = ?1 AND e.b = ?2 AND e.directed = ?3".to_string()];
    if let Some(from) = &filter.from {
        args.push(Value::Text(from[..bound].to_string()));
        conds.push(format!("e.day_hi >= ?{}", args.len()));
    }
    if let Some(to) = &filter.to {
        args.push(Value::Text(to[..bound].to_string()));
        conds.push(format!("e.day_lo <= ?{}", args.len()));
    }
    if !filter.types.is_empty() {
        let mut marks = Vec::new();
        for t in &filter.types {
            args.push(Value::Text(t.clone()));
            marks.push(format!("?{}", args.len()));
        }
        conds.push(format!("e.type IN ({})", marks.join(", ")));
    }
    // Rows come in key order (day, then type); bucketing here avoids SQLite's sort.
    let sql = format!(
        "SELECT e.day_lo, e.type, e.n, e.coop, e.conf, e.score_sum FROM {table} e WHERE {}",
        conds.join(" AND ")
    );
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = st.query(params_from_iter(args.iter()))?;
    let mut folded: BTreeMap<String, (Bucket, f64)> = BTreeMap::new();
    while let Some(r) = rows.next()? {
        let day: String = r.get(0)?;
        let period = period_of(&day, interval);
        let (b, sum) = folded.entry(period.clone()).or_insert_with(|| {
            (
                Bucket {
                    period,
                    events: 0,
                    cooperation: 0,
                    conflict: 0,
                    mean_score: 0.0,
                    by_type: BTreeMap::new(),
                },
                0.0,
            )
        });
        let n: i64 = r.get(2)?;
        b.events += n;
        b.cooperation += r.get::<_, i64>(3)?;
        b.conflict += r.get::<_, i64>(4)?;
        *sum += r.get::<_, f64>(5)?;
        *b.by_type.entry(r.get(1)?).or_insert(0) += n;
    }
    let buckets = folded
        .into_values()
        .map(|(mut b, s)| {
            b.mean_score = ((s / b.events.max(1) as f64) * 100.0).round() / 100.0;
            b
        })
        .collect();
    Ok(Series {
        dyad: [a.to_string(), b.to_string()],
        directed,
        interval: interval.name().to_string(),
        buckets,
    })
}

/// The bucket of a `YYYY-MM-DD` day, as [`Interval::sql`] names it.
pub fn period_of(day: &str, interval: Interval) -> String {
    match interval {
        Interval::Day => day.to_string(),
        Interval::Month => day.get(..7).unwrap_or(day).to_string(),
        Interval::Week => {
            let num = |r: std::ops::Range<usize>| day.get(r).and_then(|v| v.parse::<i64>().ok());
            let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
                return day.to_string();
            };
            // Days since 1970-01-01 (Howard Hinnant's civil algorithms), then back from Monday.
            let y0 = if m <= 2 { y - 1 } else { y };
            let era = y0.div_euclid(400);
            let yoe = y0 - era * 400;
            let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            let days = era * 146_097 + doe - 719_468;
            let monday = days - (days + 3).rem_euclid(7);
            let z = monday + 719_468;
            let era = z.div_euclid(146_097);
            let doe = z - era * 146_097;
            let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            let mp = (5 * doy + 2) / 153;
            let dd = doy - (153 * mp + 2) / 5 + 1;
            let mm = if mp < 10 { mp + 3 } else { mp - 9 };
            let yy = yoe + era * 400 + i64::from(mm <= 2);
            format!("{yy:04}-{mm:02}-{dd:02}")
        }
    }
}

/// Folds rows of (period, type, count, cooperative, conflictual, score sum) into buckets.
fn collect_series(
    mut rows: rusqlite::Rows,
    a: &str,
    b: &str,
    directed: bool,
    interval: Interval,
) -> Result<Series, ApiError> {
    let mut buckets: Vec<Bucket> = Vec::new();
    let mut sums: Vec<f64> = Vec::new();
    while let Some(r) = rows.next()? {
        let period: String = r.get(0)?;
        if buckets.last().is_none_or(|b| b.period != period) {
            buckets.push(Bucket {
                period,
                events: 0,
                cooperation: 0,
                conflict: 0,
                mean_score: 0.0,
                by_type: BTreeMap::new(),
            });
            sums.push(0.0);
        }
        let (b, sum) = (
            buckets.last_mut().expect("pushed"),
            sums.last_mut().expect("pushed"),
        );
        let n: i64 = r.get(2)?;
        b.events += n;
        b.cooperation += r.get::<_, i64>(3)?;
        b.conflict += r.get::<_, i64>(4)?;
        *sum += r.get::<_, f64>(5)?;
        *b.by_type.entry(r.get(1)?).or_insert(0) += n;
    }
    for (b, s) in buckets.iter_mut().zip(sums) {
        b.mean_score = ((s / b.events.max(1) as f64) * 100.0).round() / 100.0;
    }
    Ok(Series {
        dyad: [a.to_string(), b.to_string()],
        directed,
        interval: interval.name().to_string(),
        buckets,
    })
}

/// An actor as named in the store, with how many events name it.
#[derive(Serialize, ToSchema)]
pub struct ActorHit {
    pub name: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub events: i64,
}

/// Actors whose name contains `q` (or whose country is `q`), most events first.
pub fn actor_search(conn: &Connection, q: &str, limit: usize) -> Result<Vec<ActorHit>, ApiError> {
    let like = format!(
        "%{}%",
        q.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let code = q.to_ascii_uppercase();
    let mut st = conn.prepare_cached(
        "SELECT name, country, sector, COUNT(DISTINCT event) AS n FROM participants
         WHERE name LIKE ?1 ESCAPE '\\' OR country = ?2 GROUP BY name, country, sector ORDER BY n DESC, name LIMIT ?3",
    )?;
    let rows = st.query_map(params![like, code, limit as i64], |r| {
        Ok(ActorHit {
            name: r.get(0)?,
            country: r.get(1)?,
            sector: r.get(2)?,
            events: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A count of something, with a mean score where it has one.
#[derive(Serialize, ToSchema)]
pub struct Tally {
    pub key: String,
    pub events: i64,
    pub mean_score: Option<f64>,
}

/// What the store knows about one actor.
#[derive(Serialize, ToSchema)]
pub struct ActorProfile {
    pub name: String,
    pub countries: Vec<String>,
    pub sectors: Vec<String>,
    pub as_actor: i64,
    pub as_recipient: i64,
    pub first: Option<String>,
    pub last: Option<String>,
    /// Events by type, with the mean score.
    pub by_type: Vec<Tally>,
    /// The other parties' countries (or names), most events first.
    pub partners: Vec<Tally>,
    /// The newest events.
    pub recent: Vec<Event>,
}

pub fn actor_profile(conn: &Connection, name: &str) -> Result<ActorProfile, ApiError> {
    let (as_actor, as_recipient, first, last): (i64, i64, Option<String>, Option<String>) = conn.prepare_cached(
        "SELECT COUNT(DISTINCT CASE WHEN p.role = 'actor' THEN p.event END), COUNT(DISTINCT CASE WHEN p.role = 'recipient' THEN p.event END), MIN(e.day_lo), MAX(e.day_lo)
         FROM participants p JOIN events e ON e.id = p.event WHERE p.name = ?1",
    )?
    .query_row([name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    if as_actor + as_recipient == 0 {
        return Err(ApiError::not_found(format!(
            "no actor named {name:?}: search with /api/actors?q="
        )));
    }
    let strings = |sql: &str| -> rusqlite::Result<Vec<String>> {
        conn.prepare_cached(sql)?
            .query_map([name], |r| r.get(0))?
            .collect()
    };
    let countries = strings("SELECT DISTINCT country FROM participants WHERE name = ?1 AND country IS NOT NULL ORDER BY country")?;
    let sectors = strings("SELECT DISTINCT sector FROM participants WHERE name = ?1 AND sector IS NOT NULL ORDER BY sector")?;
    let tallies = |sql: &str| -> rusqlite::Result<Vec<Tally>> {
        conn.prepare_cached(sql)?
            .query_map([name], |r| {
                Ok(Tally {
                    key: r.get(0)?,
                    events: r.get(1)?,
                    mean_score: r
                        .get::<_, Option<f64>>(2)?
                        .map(|s| (s * 100.0).round() / 100.0),
                })
            })?
            .collect()
    };
    let by_type = tallies(
        "SELECT e.type, COUNT(*), AVG(e.score) FROM events e WHERE e.id IN (SELECT event FROM participants WHERE name = ?1) GROUP BY e.type ORDER BY 2 DESC, 1",
    )?;
    let partners = tallies(
        "SELECT COALESCE(o.country, o.name), COUNT(DISTINCT o.event), AVG(e.score) FROM participants o JOIN events e ON e.id = o.event
         WHERE o.event IN (SELECT event FROM participants WHERE name = ?1) AND o.name != ?1 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 15",
    )?;
    let sql = format!("SELECT {EVENT_COLUMNS} FROM {EVENT_FROM} WHERE e.id IN (SELECT event FROM participants WHERE name = ?1) ORDER BY e.day_lo DESC, e.id DESC LIMIT 20");
    let mut recent: Vec<Event> = conn
        .prepare_cached(&sql)?
        .query_map([name], event_row)?
        .collect::<Result<_, _>>()?;
    attach_parties(conn, &mut recent)?;
    Ok(ActorProfile {
        name: name.to_string(),
        countries,
        sectors,
        as_actor,
        as_recipient,
        first,
        last,
        by_type,
        partners,
        recent,
    })
}

/// A story event: one real-world event and every report of it.
#[derive(Serialize, ToSchema)]
pub struct Story {
    pub id: i64,
    pub event: String,
    /// `KAZ+RUS` (mutual) or `RUS>UKR` (directed).
    pub parties: String,
    pub flags: String,
    pub date: Option<String>,
    pub date_precision: String,
    pub location: Option<String>,
    pub reports: i64,
    pub events: i64,
    pub members: Vec<StoryReport>,
}

fn story_row(r: &Row) -> rusqlite::Result<Story> {
    let location = match (
        r.get::<_, Option<String>>(6)?,
        r.get::<_, Option<String>>(7)?,
    ) {
        (Some(n), Some(c)) => Some(format!("{n} ({c})")),
        (n, c) => n.or(c),
    };
    Ok(Story {
        id: r.get(0)?,
        event: r.get(1)?,
        parties: r.get(2)?,
        flags: r.get(3)?,
        date: r.get(4)?,
        date_precision: r.get(5)?,
        location,
        reports: r.get(8)?,
        events: r.get(9)?,
        members: Vec::new(),
    })
}

const STORY_COLUMNS: &str = "s.id, s.type, s.parties, s.flags, s.date_value, s.date_precision, s.location_name, s.location_country, s.reports, s.events";

pub fn story(conn: &Connection, id: i64) -> Result<Story, ApiError> {
    let sql = format!("SELECT {STORY_COLUMNS} FROM stories s WHERE s.id = ?1");
    let Some(mut s) = conn
        .prepare_cached(&sql)?
        .query_row([id], story_row)
        .optional()?
    else {
        return Err(ApiError::not_found(format!("no story event {id}")));
    };
    s.members = story_reports(conn, id)?;
    Ok(s)
}

/// A page of story events.
#[derive(Serialize, ToSchema)]
pub struct StoryPage {
    pub stories: Vec<Story>,
    pub limit: usize,
    pub offset: usize,
}

/// Story events with a member event matching the filter, newest first, most reports first.
pub fn stories(
    conn: &Connection,
    filter: &EventFilter,
    limit: usize,
    offset: usize,
    min_reports: i64,
) -> Result<StoryPage, ApiError> {
    let (cond, mut args) = filter.sql();
    args.push(Value::Integer(min_reports));
    let mr = args.len();
    args.push(Value::Integer(limit as i64));
    let lim = args.len();
    args.push(Value::Integer(offset as i64));
    let off = args.len();
    let sql = format!(
        "SELECT {STORY_COLUMNS} FROM stories s WHERE s.reports >= ?{mr} AND s.id IN (SELECT m.story FROM story_members m JOIN events e ON e.id = m.event JOIN documents d ON d.id = e.document WHERE {cond})
         ORDER BY COALESCE(s.date_lo, s.published_lo) DESC, s.id DESC LIMIT ?{lim} OFFSET ?{off}"
    );
    let mut stories: Vec<Story> = conn
        .prepare_cached(&sql)?
        .query_map(params_from_iter(args.iter()), story_row)?
        .collect::<Result<_, _>>()?;
    for s in &mut stories {
        s.members = story_reports(conn, s.id)?;
    }
    Ok(StoryPage {
        stories,
        limit,
        offset,
    })
}

/// A located event, for the map.
#[derive(Serialize, ToSchema)]
pub struct Point {
    pub id: i64,
    pub event: String,
    pub score: f64,
    pub lat: f64,
    pub lon: f64,
    pub location: Option<String>,
    pub date: Option<String>,
}

/// Located events matching the filter, newest first.
pub fn points(
    conn: &Connection,
    filter: &EventFilter,
    limit: usize,
) -> Result<Vec<Point>, ApiError> {
    let mut f = filter.clone();
    f.located = true;
    let (cond, mut args) = f.sql();
    args.push(Value::Integer(limit as i64));
    let sql = format!(
        "SELECT e.id, e.type, e.score, e.lat, e.lon, e.location_name, e.day_lo FROM events e JOIN documents d ON d.id = e.document
         WHERE {cond} ORDER BY e.day_lo DESC, e.id DESC LIMIT ?{}",
        args.len()
    );
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(params_from_iter(args.iter()), |r| {
        Ok(Point {
            id: r.get(0)?,
            event: r.get(1)?,
            score: r.get(2)?,
            lat: r.get(3)?,
            lon: r.get(4)?,
            location: r.get(5)?,
            date: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Counts over the store, for the front page.
#[derive(Serialize, ToSchema)]
pub struct Overview {
    pub documents: i64,
    pub events: i64,
    pub stories: i64,
    pub first: Option<String>,
    pub last: Option<String>,
    /// The dyads with most events (by country pair), for links.
    pub top_dyads: Vec<Tally>,
}

pub fn overview(conn: &Connection) -> Result<Overview, ApiError> {
    let count = |sql: &str| -> rusqlite::Result<i64> { conn.query_row(sql, [], |r| r.get(0)) };
    let (first, last) = conn.query_row("SELECT MIN(day_lo), MAX(day_lo) FROM events", [], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    // Sampled over the newest 20,000 events so the front page stays fast on large stores.
    let top_dyads = conn
        .prepare_cached(
            "SELECT a.country || ',' || b.country, COUNT(DISTINCT a.event), NULL FROM (SELECT id FROM events ORDER BY day_lo DESC LIMIT 20000) e
             JOIN participants a ON a.event = e.id JOIN participants b ON b.event = e.id AND a.country < b.country
             GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
        )?
        .query_map([], |r| Ok(Tally { key: r.get(0)?, events: r.get(1)?, mean_score: None }))?
        .collect::<Result<_, _>>()?;
    Ok(Overview {
        documents: count("SELECT COUNT(*) FROM documents")?,
        events: count("SELECT COUNT(*) FROM events")?,
        stories: count("SELECT COUNT(*) FROM stories")?,
        first,
        last,
        top_dyads,
    })
}
