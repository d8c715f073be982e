//! Read-only SQLite connections for request handlers, and the indexes and table the server
//! adds to a store.

use crate::ApiError;
use rusqlite::{Connection, OpenFlags};
use std::path::PathBuf;
use std::sync::Mutex;
use tokio::sync::Semaphore;

/// Indexes the API's queries need beyond the store's own, and the table that keeps the text of
/// reports posted to the API (the store keeps only a hash of the text). Read-side indexes are
/// built when a store is first served or exported, not during ingest (which the store keeps
/// lean on purpose). `IF NOT EXISTS`: applied at every start, cheap once built.
pub const SERVER_SCHEMA: &str = "
CREATE INDEX IF NOT EXISTS server_participants_role_country_event ON participants(role, country, event);
CREATE INDEX IF NOT EXISTS server_participants_name_event ON participants(name, event);
CREATE INDEX IF NOT EXISTS server_events_day ON events(day_lo);
CREATE INDEX IF NOT EXISTS server_events_located ON events(day_lo) WHERE lat IS NOT NULL;
CREATE TABLE IF NOT EXISTS server_dyad_day (
    a         TEXT NOT NULL,     -- undirected: the smaller country code; directed: the actor's
    b         TEXT NOT NULL,
    directed  INTEGER NOT NULL,  -- 1: actor from a, recipient from b
    day_lo    TEXT NOT NULL,
    day_hi    TEXT NOT NULL,
    type      TEXT NOT NULL,
    n         INTEGER NOT NULL,
    coop      INTEGER NOT NULL,
    conf      INTEGER NOT NULL,
    score_sum REAL NOT NULL,
    PRIMARY KEY (a, b, directed, day_lo, day_hi, type)
) WITHOUT ROWID;
-- The same by month of day_lo and of day_hi: a monthly series reads ~30 times fewer rows.
CREATE TABLE IF NOT EXISTS server_dyad_month (
    a TEXT NOT NULL, b TEXT NOT NULL, directed INTEGER NOT NULL, day_lo TEXT NOT NULL, day_hi TEXT NOT NULL, type TEXT NOT NULL,
    n INTEGER NOT NULL, coop INTEGER NOT NULL, conf INTEGER NOT NULL, score_sum REAL NOT NULL,
    PRIMARY KEY (a, b, directed, day_lo, day_hi, type)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS server_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS server_document_text (
    document INTEGER PRIMARY KEY REFERENCES documents(id),
    text     TEXT NOT NULL
);
";

/// Adds the server's indexes and table to an open (writable) store.
pub fn prepare(conn: &Connection) -> rusqlite::Result<()> {
    // The store's schema 2 has this index (participants_country_event); older stores get ours.
    let has_country_index: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'participants_country_event')",
        [],
        |r| r.get(0),
    )?;
    if !has_country_index {
        conn.execute_batch("CREATE INDEX IF NOT EXISTS server_participants_country_event ON participants(country, event);")?;
    }
    conn.execute_batch(SERVER_SCHEMA)?;
    conn.execute_batch("PRAGMA optimize = 0x10002")
}

/// Brings the dyad roll-up (`server_dyad_day`: event counts and score sums per country pair,
/// date window and type) up to the newest event. Events are only ever appended, so it adds
/// the events after the last one rolled up; returns how many events it added.
pub fn refresh_rollup(conn: &Connection) -> rusqlite::Result<i64> {
    let mut added = 0;
    for (table, key, lo, hi) in [
        ("server_dyad_day", "dyad_day_upto", "e.day_lo", "e.day_hi"),
        (
            "server_dyad_month",
            "dyad_month_upto",
            "substr(e.day_lo, 1, 7)",
            "substr(e.day_hi, 1, 7)",
        ),
    ] {
        added = added.max(refresh_one(conn, table, key, lo, hi)?);
    }
    Ok(added)
}

fn refresh_one(
    conn: &Connection,
    table: &str,
    key: &str,
    lo: &str,
    hi: &str,
) -> rusqlite::Result<i64> {
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let result = (|| {
        let done: i64 = conn.query_row(
            "SELECT COALESCE((SELECT value FROM server_meta WHERE key = ?1), 0)",
            [key],
            |r| r.get(0),
        )?;
        let top: i64 =
            conn.query_row("SELECT COALESCE(MAX(id), 0) FROM events", [], |r| r.get(0))?;
        if top <= done {
            return Ok(0);
        }
        conn.execute(
            &format!(
                "INSERT INTO {table} (a, b, directed, day_lo, day_hi, type, n, coop, conf, score_sum)
             SELECT x.a, x.b, x.directed, {lo}, {hi}, e.type, COUNT(*), SUM(e.score > 0), SUM(e.score < 0), SUM(e.score)
             FROM (SELECT DISTINCT p1.event, p1.country AS a, p2.country AS b, 0 AS directed FROM participants p1
                     JOIN participants p2 ON p2.event = p1.event AND p1.country < p2.country WHERE p1.event > ?1 AND p1.event <= ?2
                   UNION ALL
                   SELECT DISTINCT p1.event, p1.country, p2.country, 1 FROM participants p1
                     JOIN participants p2 ON p2.event = p1.event AND p2.role = 'recipient' AND p1.country != p2.country
                     WHERE p1.role = 'actor' AND p1.event > ?1 AND p1.event <= ?2) x
             JOIN events e ON e.id = x.event
             WHERE e.day_lo IS NOT NULL AND e.day_hi IS NOT NULL
             GROUP BY 1, 2, 3, 4, 5, 6
             ON CONFLICT (a, b, directed, day_lo, day_hi, type) DO UPDATE SET n = n + excluded.n, coop = coop + excluded.coop,
                conf = conf + excluded.conf, score_sum = score_sum + excluded.score_sum"
            ),
            [done, top],
        )?;
        conn.execute("INSERT INTO server_meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", rusqlite::params![key, top])?;
        Ok(top - done)
    })();
    conn.execute_batch(if result.is_ok() { "COMMIT" } else { "ROLLBACK" })?;
    result
}

/// Whether the roll-up covers every stored event.
pub fn rollup_fresh(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT COALESCE((SELECT MIN(value) FROM server_meta WHERE key IN ('dyad_day_upto', 'dyad_month_upto') HAVING COUNT(*) = 2), 0) >= COALESCE((SELECT MAX(id) FROM events), 0)",
        [],
        |r| r.get(0),
    )
}

/// Database work that runs at once, at most: more requests wait for a turn.
const MAX_CONCURRENT_QUERIES: usize = 8;

/// A pool of read-only connections; handlers borrow one on a blocking thread.
pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    turns: Semaphore,
}

impl Pool {
    pub fn new(path: PathBuf) -> Pool {
        Pool {
            path,
            idle: Mutex::new(Vec::new()),
            turns: Semaphore::new(MAX_CONCURRENT_QUERIES),
        }
    }

    fn open(&self) -> rusqlite::Result<Connection> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch(
            "PRAGMA query_only = ON; PRAGMA cache_size = -32000; PRAGMA mmap_size = 268435456;",
        )?;
        Ok(conn)
    }

    /// Runs `f` with a connection on a blocking thread.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let _turn = self
            .turns
            .acquire()
            .await
            .map_err(|_| ApiError::internal("the server is shutting down"))?;
        let conn = match self.idle.lock().ok().and_then(|mut v| v.pop()) {
            Some(c) => c,
            None => self.open()?,
        };
        let (conn, out) = tokio::task::spawn_blocking(move || {
            let out = f(&conn);
            (conn, out)
        })
        .await
        .map_err(|_| ApiError::internal("a database task failed"))?;
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(conn);
        }
        out
    }
}
