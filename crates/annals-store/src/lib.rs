//! The embedded event store: one SQLite file that holds the coded documents, every event with
//! its provenance (document, sentence, spans), the errors of a run, and the story events that
//! merge the reports of one real-world event across documents and languages.
//!
//! [`Store::open`] creates or upgrades the file (versioned migrations, WAL journal);
//! [`Store::insert`] writes one coded [`DocRecord`] and merges its events into stories, all in
//! one transaction, so a run killed at any moment loses nothing already committed and leaves
//! no half-written document; [`Store::contains`] lets a resumed run skip what is stored.
//!
//! ```
//! use annals_core::record::DocRecord;
//! use annals_store::{Store, Stored, NewDocument};
//! let mut store = Store::open_in_memory().unwrap();
//! let rec = DocRecord { id: "a".into(), lang: "en".into(), published: Some("2024-05-14".into()), ..Default::default() };
//! let doc = NewDocument { source: "a.txt", text: "Some text.", url: None, hash: None };
//! assert!(matches!(store.insert(&doc, &rec).unwrap(), Stored::Inserted { .. }));
//! assert!(matches!(store.insert(&doc, &rec).unwrap(), Stored::Duplicate { .. }));
//! assert_eq!(store.stats().unwrap().documents, 1);
//! ```

pub mod days;
pub mod query;
pub mod story;

use annals_core::record::{DocRecord, EventRecord};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::path::{Path, PathBuf};
use story::{EventFacts, StoryState};

/// The schema migrations, applied in order; `schema_version` records the last one applied.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/0001_init.sql")),
    (2, include_str!("../migrations/0002_dyad_index.sql")),
];

/// What went wrong with the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "cannot open the database {path}: {source}; check the path and that the folder is writable"
    )]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("the database {path} has schema version {found}, newer than this annals knows ({known}): use a newer annals")]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A document about to be stored: where it came from and its text (hashed, not kept).
#[derive(Clone, Debug)]
pub struct NewDocument<'a> {
    pub source: &'a str,
    pub text: &'a str,
    pub url: Option<&'a str>,
    /// The [`text_hash`] of `text`, when the caller has it already (it is computed otherwise).
    pub hash: Option<&'a str>,
}

/// What [`Store::insert`] did.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    Inserted {
        document: i64,
        events: usize,
        new_stories: usize,
    },
    /// The same URL or the same normalised text is stored already.
    Duplicate { existing: i64, by: &'static str },
}

/// Counts over the whole store.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Stats {
    pub documents: u64,
    pub events: u64,
    pub story_events: u64,
    /// Story events reported by more than one document.
    pub multi_report_stories: u64,
    pub languages: Vec<(String, u64)>,
    pub errors: Vec<(String, u64)>,
}

/// The store: one SQLite connection.
pub struct Store {
    conn: Connection,
}

/// The hash that identifies a text: xxh3-128 of its lowercased words joined by single spaces,
/// so whitespace and case changes between copies of one report do not make two documents.
pub fn text_hash(text: &str) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = [0u8; 4096];
    let mut len = 0;
    let mut push = |bytes: &[u8], len: &mut usize| {
        if *len + bytes.len() > buf.len() {
            hasher.update(&buf[..*len]);
            *len = 0;
        }
        buf[*len..*len + bytes.len()].copy_from_slice(bytes);
        *len += bytes.len();
    };
    let (mut space, mut started) = (false, false);
    for c in text.chars() {
        if c.is_whitespace() {
            space = started;
            continue;
        }
        if space {
            push(b" ", &mut len);
            space = false;
        }
        started = true;
        if c.is_ascii() {
            push(&[c.to_ascii_lowercase() as u8], &mut len);
        } else {
            for l in c.to_lowercase() {
                push(l.encode_utf8(&mut [0u8; 4]).as_bytes(), &mut len);
            }
        }
    }
    hasher.update(&buf[..len]);
    format!("{:032x}", hasher.digest128())
}

/// A URL in the form two copies of one link share: no fragment, no trailing slash, lowercase
/// scheme and host, `http` and `https` alike.
pub fn normalise_url(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let path = path.trim_end_matches('/');
    format!(
        "//{}{}",
        host.to_ascii_lowercase().trim_start_matches("www."),
        path
    )
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // WAL with synchronous=NORMAL: a committed transaction survives a killed process.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Checkpoint (and fsync) every ~40 MB of log rather than every 4 MB: bulk ingest is faster.
        conn.pragma_update(None, "wal_autocheckpoint", 10_000)?;
        Self::setup(conn, path)
    }

    /// A store in memory, for tests.
    pub fn open_in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?, Path::new(":memory:"))
    }

    fn setup(mut conn: Connection, path: &Path) -> Result<Store> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied TEXT NOT NULL DEFAULT (datetime('now')))")?;
        let current: i64 = tx.query_row(
            "SELECT COALESCE(MAX(version), 0) FROM schema_version",
            [],
            |r| r.get(0),
        )?;
        let known = MIGRATIONS.last().map_or(0, |m| m.0);
        if current > known {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: current,
                known,
            });
        }
        for (version, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
            tx.execute_batch(sql)?;
            tx.execute(
                "INSERT INTO schema_version (version) VALUES (?1)",
                [version],
            )?;
        }
        tx.commit()?;
        Ok(Store { conn })
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT MAX(version) FROM schema_version", [], |r| r.get(0))?)
    }

    /// The stored document with this URL or this text, if any.
    pub fn contains(&self, url: Option<&str>, text: &str) -> Result<Option<i64>> {
        self.contains_hash(url, &text_hash(text))
    }

    /// Whether no document is stored yet.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM documents)", [], |r| {
                r.get(0)
            })?)
    }

    /// The stored document with this URL or this [`text_hash`], if any.
    pub fn contains_hash(&self, url: Option<&str>, hash: &str) -> Result<Option<i64>> {
        find_document(&self.conn, url.map(normalise_url).as_deref(), hash)
            .map(|f| f.map(|(id, _)| id))
    }

    /// Stores one coded document with its entities, events and story merges, in one transaction.
    pub fn insert(&mut self, doc: &NewDocument, rec: &DocRecord) -> Result<Stored> {
        Ok(self.insert_batch(&[(doc.clone(), rec)])?.remove(0))
    }

    /// Stores several coded documents in one transaction (one commit: faster on big corpora).
    /// Each document is still all or nothing: a killed run leaves none of a batch half-written,
    /// and a resumed run codes the documents of an uncommitted batch again.
    pub fn insert_batch(&mut self, docs: &[(NewDocument, &DocRecord)]) -> Result<Vec<Stored>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut out = Vec::with_capacity(docs.len());
        for (doc, rec) in docs {
            out.push(StoreTx { tx: &tx }.insert(doc, rec)?);
        }
        tx.commit()?;
        Ok(out)
    }
    /// Records that a document could not be stored. Recording the same source and kind again
    /// keeps one row, so a resumed run does not duplicate errors.
    pub fn record_error(
        &mut self,
        source: &str,
        doc_id: Option<&str>,
        kind: &str,
        reason: &str,
    ) -> Result<()> {
        self.conn.prepare_cached("INSERT OR IGNORE INTO errors (source, doc_id, kind, reason) VALUES (?1, ?2, ?3, ?4)")?.execute(params![source, doc_id, kind, reason])?;
        Ok(())
    }

    /// Counts of documents, events, story events, languages and errors.
    pub fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<u64> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        let groups = |sql: &str| -> Result<Vec<(String, u64)>> {
            let mut st = self.conn.prepare(sql)?;
            let rows = st.query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
            })?;
            Ok(rows.collect::<std::result::Result<_, _>>()?)
        };
        Ok(Stats {
            documents: count("SELECT COUNT(*) FROM documents")?,
            events: count("SELECT COUNT(*) FROM events")?,
            story_events: count("SELECT COUNT(*) FROM stories")?,
            multi_report_stories: count("SELECT COUNT(*) FROM stories WHERE reports > 1")?,
            languages: groups(
                "SELECT lang, COUNT(*) FROM documents GROUP BY lang ORDER BY 2 DESC, 1",
            )?,
            errors: groups("SELECT kind, COUNT(*) FROM errors GROUP BY kind ORDER BY 2 DESC, 1")?,
        })
    }

    /// The connection, for queries this crate does not wrap.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// The facts story merging compares, from a coded event.
pub fn facts(ev: &EventRecord, published: Option<&str>) -> EventFacts {
    EventFacts {
        key: story::key(ev),
        date: ev
            .date
            .as_ref()
            .and_then(|d| days::window(&d.value, &d.precision, published)),
        published: published.and_then(days::parse_day),
        location_name: ev.location.as_ref().map(|l| l.name.clone()),
        location_country: ev.location.as_ref().and_then(|l| l.country.clone()),
    }
}

/// The stored document with this normalised URL or text hash, and which of the two matched.
fn find_document(
    conn: &Connection,
    url: Option<&str>,
    hash: &str,
) -> Result<Option<(i64, &'static str)>> {
    if let Some(id) = conn
        .prepare_cached("SELECT id FROM documents WHERE text_hash = ?1")?
        .query_row([hash], |r| r.get(0))
        .optional()?
    {
        return Ok(Some((id, "text")));
    }
    if let Some(url) = url {
        if let Some(id) = conn
            .prepare_cached("SELECT id FROM documents WHERE url = ?1")?
            .query_row([url], |r| r.get(0))
            .optional()?
        {
            return Ok(Some((id, "url")));
        }
    }
    Ok(None)
}

struct StoreTx<'a> {
    tx: &'a rusqlite::Transaction<'a>,
}

impl StoreTx<'_> {
    fn insert(&self, doc: &NewDocument, rec: &DocRecord) -> Result<Stored> {
        let url = doc.url.or(rec.url.as_deref()).map(normalise_url);
        let hash = doc.hash.map_or_else(|| text_hash(doc.text), str::to_string);
        if let Some((existing, by)) = find_document(self.tx, url.as_deref(), &hash)? {
            return Ok(Stored::Duplicate { existing, by });
        }
        let published = rec.published.as_deref().and_then(|p| p.get(..10));
        self.tx.prepare_cached("INSERT INTO documents (doc_id, url, text_hash, lang, lang_confidence, published, title, source, chars, sentences) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")?.execute(params![
            rec.id,
            url,
            hash,
            rec.lang,
            rec.lang_confidence,
            published,
            rec.title,
            doc.source,
            doc.text.chars().count() as i64,
            serde_json::to_string(&rec.sentences).unwrap_or_default(),
        ])?;
        let document = self.tx.last_insert_rowid();
        let mut entity_ids = Vec::with_capacity(rec.entities.len());
        {
            let mut ins = self.tx.prepare_cached("INSERT INTO entities (document, idx, name, kind, country, sector, wikidata, known, mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?;
            for (k, e) in rec.entities.iter().enumerate() {
                ins.execute(params![
                    document,
                    k as i64,
                    e.name,
                    e.kind,
                    e.country,
                    e.sector,
                    e.wikidata,
                    e.known,
                    serde_json::to_string(&e.mentions).unwrap_or_default()
                ])?;
                entity_ids.push(self.tx.last_insert_rowid());
            }
        }
        let mut new_stories = 0;
        for (k, ev) in rec.events.iter().enumerate() {
            let event = self.insert_event(document, k, ev, rec, &entity_ids, published)?;
            let facts = facts(ev, published);
            if self.merge(event, document, &facts)? {
                new_stories += 1;
            }
        }
        Ok(Stored::Inserted {
            document,
            events: rec.events.len(),
            new_stories,
        })
    }

    fn insert_event(
        &self,
        document: i64,
        k: usize,
        ev: &EventRecord,
        rec: &DocRecord,
        entity_ids: &[i64],
        published: Option<&str>,
    ) -> Result<i64> {
        let window = ev
            .date
            .as_ref()
            .and_then(|d| days::window(&d.value, &d.precision, published));
        let (day_lo, day_hi) = match (&window, published.and_then(days::parse_day)) {
            (Some(w), _) => (Some(days::iso(w.lo)), Some(days::iso(w.hi))),
            (None, Some(p)) => (Some(days::iso(p)), Some(days::iso(p))),
            (None, None) => (None, None),
        };
        let sentence = ev.mentions.first().map(|m| m.sentence as i64).or_else(|| {
            rec.sentences
                .iter()
                .position(|s| s[0] <= ev.trigger.span[0] && ev.trigger.span[0] < s[1])
                .map(|s| s as i64)
        });
        let loc = ev.location.as_ref();
        self.tx
            .prepare_cached(
                "INSERT INTO events (document, idx, type, mode, cameo, contexts, date_value, date_precision, date_text, day_lo, day_hi, location_name, location_country, lat, lon, negated, future, hypothetical, historical, score, sentence, trigger_text, trigger_start, trigger_end, notes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
            )?
            .execute(params![
                document,
                k as i64,
                ev.event,
                ev.mode,
                ev.cameo,
                serde_json::to_string(&ev.contexts).unwrap_or_default(),
                ev.date.as_ref().map(|d| &d.value),
                ev.date.as_ref().map(|d| &d.precision),
                ev.date.as_ref().map(|d| &d.text),
                day_lo,
                day_hi,
                loc.map(|l| &l.name),
                loc.and_then(|l| l.country.as_ref()),
                loc.and_then(|l| l.lat),
                loc.and_then(|l| l.lon),
                ev.aux.negated,
                ev.aux.future,
                ev.aux.hypothetical,
                ev.aux.historical,
                ev.score as f64,
                sentence,
                ev.trigger.text,
                ev.trigger.span[0] as i64,
                ev.trigger.span[1] as i64,
                serde_json::to_string(&ev.notes).unwrap_or_default(),
            ])?;
        let event = self.tx.last_insert_rowid();
        let mut part = self.tx.prepare_cached("INSERT INTO participants (event, role, name, country, sector, entity, text, span_start, span_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?;
        for (role, refs) in [("actor", &ev.actor), ("recipient", &ev.recipient)] {
            for r in refs {
                let entity = r.entity.and_then(|i| entity_ids.get(i).copied());
                part.execute(params![
                    event,
                    role,
                    r.name,
                    r.country,
                    r.sector,
                    entity,
                    r.text,
                    r.span[0] as i64,
                    r.span[1] as i64
                ])?;
            }
        }
        let mut men = self.tx.prepare_cached("INSERT INTO event_mentions (event, sentence, span_start, span_end) VALUES (?1, ?2, ?3, ?4)")?;
        for m in &ev.mentions {
            men.execute(params![
                event,
                m.sentence as i64,
                m.span[0] as i64,
                m.span[1] as i64
            ])?;
        }
        Ok(event)
    }

    /// Puts an event into the story it fits best, or opens a new one. True when a story opened.
    fn merge(&self, event: i64, document: i64, ev: &EventFacts) -> Result<bool> {
        let mut best: Option<((u8, i64), String, StoryState)> = None;
        if let Some((lo, hi)) = story::search_range(ev) {
            let mut st = self.tx.prepare_cached(
                "SELECT id, date_value, date_precision, date_lo, date_hi, published_lo, published_hi, location_name, location_country FROM stories
                 WHERE type = ?1 AND parties = ?2 AND flags = ?3 AND near_lo <= ?5 AND near_hi >= ?4",
            )?;
            let rows = st.query_map(
                params![ev.key.ty, ev.key.parties, ev.key.flags, lo, hi],
                |r| {
                    let precision: String = r.get(2)?;
                    let date = match (
                        r.get::<_, Option<String>>(1)?,
                        days::Precision::parse(&precision),
                        r.get::<_, Option<i64>>(3)?,
                        r.get::<_, Option<i64>>(4)?,
                    ) {
                        (Some(value), Some(precision), Some(lo), Some(hi)) => Some(days::Window {
                            value,
                            precision,
                            lo,
                            hi,
                        }),
                        _ => None,
                    };
                    Ok(StoryState {
                        id: r.get(0)?,
                        date,
                        published_lo: r.get(5)?,
                        published_hi: r.get(6)?,
                        location_name: r.get(7)?,
                        location_country: r.get(8)?,
                    })
                },
            )?;
            for s in rows {
                let s = s?;
                if let Some((rank, why)) = story::fit(&s, ev) {
                    if !matches!(&best, Some(b) if b.0 <= rank) {
                        best = Some((rank, why, s));
                    }
                }
            }
        }
        let (mut state, reason, opened) = match best {
            Some((_, why, s)) => (s, why, false),
            None => {
                let state = StoryState {
                    id: 0,
                    date: None,
                    published_lo: None,
                    published_hi: None,
                    location_name: None,
                    location_country: None,
                };
                (state, story::opening_reason(ev), true)
            }
        };
        story::absorb(&mut state, ev);
        let (near_lo, near_hi) = story::near(&state);
        let d = state.date.as_ref();
        if opened {
            self.tx
                .prepare_cached(
                    "INSERT INTO stories (type, parties, flags, date_value, date_precision, date_lo, date_hi, published_lo, published_hi, near_lo, near_hi, location_name, location_country, reports, events)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 1, 1)",
                )?
                .execute(params![ev.key.ty, ev.key.parties, ev.key.flags, d.map(|w| &w.value), d.map_or("unknown", |w| w.precision.name()), d.map(|w| w.lo), d.map(|w| w.hi), state.published_lo, state.published_hi, near_lo, near_hi, state.location_name, state.location_country])?;
            state.id = self.tx.last_insert_rowid();
        } else {
            let new_report: bool = self.tx.prepare_cached("SELECT NOT EXISTS (SELECT 1 FROM story_members WHERE story = ?1 AND document = ?2)")?.query_row(params![state.id, document], |r| r.get(0))?;
            self.tx
                .prepare_cached(
                    "UPDATE stories SET date_value = ?2, date_precision = ?3, date_lo = ?4, date_hi = ?5, published_lo = ?6, published_hi = ?7, near_lo = ?8, near_hi = ?9,
                     location_name = ?10, location_country = ?11, reports = reports + ?12, events = events + 1 WHERE id = ?1",
                )?
                .execute(params![state.id, d.map(|w| &w.value), d.map_or("unknown", |w| w.precision.name()), d.map(|w| w.lo), d.map(|w| w.hi), state.published_lo, state.published_hi, near_lo, near_hi, state.location_name, state.location_country, new_report as i64])?;
        }
        self.tx.prepare_cached("INSERT INTO story_members (event, story, document, reason) VALUES (?1, ?2, ?3, ?4)")?.execute(params![event, state.id, document, reason])?;
        Ok(opened)
    }
}
