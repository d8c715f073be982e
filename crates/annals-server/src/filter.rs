//! Query-string parameters, checked once: event filters, pages and intervals. Every value
//! reaches SQL as a bound parameter; the SQL text is built only from fixed fragments.

use crate::ApiError;
use rusqlite::types::Value;
use std::collections::HashMap;

/// Largest page of events.
pub const MAX_LIMIT: usize = 500;
/// Default page of events.
pub const DEFAULT_LIMIT: usize = 50;
/// Deepest offset; deeper pages use the cursor.
pub const MAX_OFFSET: usize = 100_000;

/// The query-string parameters, as given; each endpoint takes the ones it knows.
pub type Params = HashMap<String, String>;

/// Which events: every filter that is set must hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventFilter {
    /// A country code (three capitals, e.g. `RUS`) or part of a name, in the actor role.
    pub actor: Option<String>,
    /// The same, in the recipient role.
    pub recipient: Option<String>,
    /// Two country codes: events with a party from each, in either role.
    pub dyad: Option<(String, String)>,
    /// PLOVER event types (any of).
    pub types: Vec<String>,
    pub mode: Option<String>,
    pub context: Option<String>,
    /// `YYYY-MM-DD`, inclusive: events whose date window ends on or after it.
    pub from: Option<String>,
    /// `YYYY-MM-DD`, inclusive: events whose date window starts on or before it.
    pub to: Option<String>,
    pub lang: Option<String>,
    /// Words in the trigger, a party's name or text, the place or the document title.
    pub q: Option<String>,
    /// Only events with coordinates.
    pub located: bool,
    /// Test the dyad per event while walking the date index, instead of intersecting the two
    /// countries' events first: faster when the dyad is a large share of all events.
    pub dyad_scan: bool,
}

/// The filter parameter names, for endpoints that accept a filter.
pub const FILTER_KEYS: &[&str] = &[
    "actor",
    "recipient",
    "dyad",
    "type",
    "mode",
    "context",
    "from",
    "to",
    "lang",
    "q",
    "located",
];

/// Fails with a 400 naming the parameter when `params` has one not in `allowed`.
pub fn check_known(params: &Params, allowed: &[&[&str]]) -> Result<(), ApiError> {
    let mut unknown: Vec<&str> = params
        .keys()
        .map(String::as_str)
        .filter(|k| !allowed.iter().any(|set| set.contains(k)))
        .collect();
    unknown.sort_unstable();
    if let Some(k) = unknown.first() {
        let mut known: Vec<&str> = allowed.iter().flat_map(|s| s.iter().copied()).collect();
        known.sort_unstable();
        return Err(ApiError::bad_request(format!(
            "unknown parameter {k:?}: this endpoint takes {}",
            known.join(", ")
        )));
    }
    Ok(())
}

fn get<'a>(params: &'a Params, key: &str) -> Option<&'a str> {
    params.get(key).map(|v| v.trim()).filter(|v| !v.is_empty())
}

/// A country code: three ASCII letters, returned in capitals.
pub fn country_code(v: &str, what: &str) -> Result<String, ApiError> {
    let v = v.trim();
    if v.len() == 3 && v.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(v.to_ascii_uppercase())
    } else {
        Err(ApiError::bad_request(format!(
            "{what} {v:?} is not a country code: give three letters such as KAZ or RUS"
        )))
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as the first (`end = false`) or last day it covers.
pub fn date_bound(v: &str, key: &str, end: bool) -> Result<String, ApiError> {
    let bad = || {
        ApiError::bad_request(format!(
            "{key}={v:?} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    };
    let parts: Vec<&str> = v.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let num = |s: &str| s.parse::<u32>().unwrap_or(0);
    match parts.as_slice() {
        [y] if digits(y, 4) => Ok(if end {
            format!("{y}-12-31")
        } else {
            format!("{y}-01-01")
        }),
        [y, m] if digits(y, 4) && digits(m, 2) && (1..=12).contains(&num(m)) => Ok(if end {
            format!("{y}-{m}-31")
        } else {
            format!("{y}-{m}-01")
        }),
        [y, m, d]
            if digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && (1..=12).contains(&num(m))
                && (1..=31).contains(&num(d)) =>
        {
            Ok(format!("{y}-{m}-{d}"))
        }
        _ => Err(bad()),
    }
}

fn boolean(v: &str, key: &str) -> Result<bool, ApiError> {
    match v {
        "true" | "1" | "yes" => Ok(true),
        "false" | "0" | "no" => Ok(false),
        _ => Err(ApiError::bad_request(format!(
            "{key}={v:?} is not a boolean: give true or false"
        ))),
    }
}

impl EventFilter {
    /// Reads the filter parameters (others are left to the caller).
    pub fn parse(params: &Params) -> Result<EventFilter, ApiError> {
        let mut f = EventFilter::default();
        let party = |key: &str| -> Result<Option<String>, ApiError> {
            match get(params, key) {
                None => Ok(None),
                Some(v) if v.chars().count() > 200 => Err(ApiError::bad_request(format!(
                    "{key} is longer than 200 characters"
                ))),
                Some(v) => Ok(Some(v.to_string())),
            }
        };
        f.actor = party("actor")?;
        f.recipient = party("recipient")?;
        if let Some(d) = get(params, "dyad") {
            let parts: Vec<&str> = d.split([',', '-', ' ']).filter(|s| !s.is_empty()).collect();
            let [a, b] = parts.as_slice() else {
                return Err(ApiError::bad_request(format!(
                    "dyad={d:?}: give two country codes such as KAZ,RUS"
                )));
            };
            f.dyad = Some(dyad(a, b)?);
        }
        if let Some(t) = get(params, "type") {
            for ty in t.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                f.types.push(event_type(ty)?);
            }
        }
        f.mode = party("mode")?.map(|m| m.to_ascii_lowercase());
        f.context = party("context")?.map(|m| m.to_ascii_lowercase());
        f.from = get(params, "from")
            .map(|v| date_bound(v, "from", false))
            .transpose()?;
        f.to = get(params, "to")
            .map(|v| date_bound(v, "to", true))
            .transpose()?;
        if let (Some(a), Some(b)) = (&f.from, &f.to) {
            if a > b {
                return Err(ApiError::bad_request(format!(
                    "from ({a}) is after to ({b})"
                )));
            }
        }
        if let Some(l) = get(params, "lang") {
            if !(l.len() == 2 && l.chars().all(|c| c.is_ascii_alphabetic())) {
                return Err(ApiError::bad_request(format!(
                    "lang={l:?} is not a language code: give de, en, ru or kk"
                )));
            }
            f.lang = Some(l.to_ascii_lowercase());
        }
        f.q = party("q")?;
        f.located = get(params, "located")
            .map(|v| boolean(v, "located"))
            .transpose()?
            .unwrap_or(false);
        Ok(f)
    }

    /// The SQL condition over `events e` (joined to `documents d`) and its bound values.
    pub fn sql(&self) -> (String, Vec<Value>) {
        let mut conds: Vec<String> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        let mut arg = |v: String| {
            args.push(Value::Text(v));
            format!("?{}", args.len())
        };
        for (role, v) in [("actor", &self.actor), ("recipient", &self.recipient)] {
            let Some(v) = v else { continue };
            if v.len() == 3 && v.chars().all(|c| c.is_ascii_uppercase()) {
                let c = arg(v.clone());
                conds.push(format!("e.id IN (SELECT event FROM participants WHERE role = '{role}' AND country = {c})"));
            } else {
                let like = arg(format!("%{}%", escape_like(v)));
                conds.push(format!("e.id IN (SELECT event FROM participants WHERE role = '{role}' AND name LIKE {like} ESCAPE '\\')"));
            }
        }
        if let Some((a, b)) = &self.dyad {
            let (a, b) = (arg(a.clone()), arg(b.clone()));
            if self.dyad_scan {
                conds.push(format!(
                    "EXISTS (SELECT 1 FROM participants p WHERE p.event = e.id AND p.country = {a}) AND EXISTS (SELECT 1 FROM participants p WHERE p.event = e.id AND p.country = {b})"
                ));
            } else {
                conds.push(format!("e.id IN (SELECT event FROM participants WHERE country = {a} INTERSECT SELECT event FROM participants WHERE country = {b})"));
            }
        }
        if !self.types.is_empty() {
            let list: Vec<String> = self.types.iter().map(|t| arg(t.clone())).collect();
            conds.push(format!("e.type IN ({})", list.join(", ")));
        }
        if let Some(m) = &self.mode {
            conds.push(format!("e.mode = {}", arg(m.clone())));
        }
        if let Some(c) = &self.context {
            conds.push(format!(
                "EXISTS (SELECT 1 FROM json_each(e.contexts) WHERE value = {})",
                arg(c.clone())
            ));
        }
        if let Some(from) = &self.from {
            conds.push(format!("e.day_hi >= {}", arg(from.clone())));
        }
        if let Some(to) = &self.to {
            conds.push(format!("e.day_lo <= {}", arg(to.clone())));
        }
        if let Some(l) = &self.lang {
            conds.push(format!("d.lang = {}", arg(l.clone())));
        }
        if let Some(q) = &self.q {
            let like = arg(format!("%{}%", escape_like(q)));
            conds.push(format!(
                "(e.trigger_text LIKE {like} ESCAPE '\\' OR e.location_name LIKE {like} ESCAPE '\\' OR d.title LIKE {like} ESCAPE '\\'
                  OR EXISTS (SELECT 1 FROM participants p WHERE p.event = e.id AND (p.name LIKE {like} ESCAPE '\\' OR p.text LIKE {like} ESCAPE '\\'))
                  OR EXISTS (SELECT 1 FROM server_document_text t WHERE t.document = e.document AND t.text LIKE {like} ESCAPE '\\'))"
            ));
        }
        if self.located {
            conds.push("e.lat IS NOT NULL AND e.lon IS NOT NULL".to_string());
        }
        if conds.is_empty() {
            conds.push("1 = 1".to_string());
        }
        (conds.join(" AND "), args)
    }
}

/// Two different country codes.
pub fn dyad(a: &str, b: &str) -> Result<(String, String), ApiError> {
    let (a, b) = (
        country_code(a, "dyad member")?,
        country_code(b, "dyad member")?,
    );
    if a == b {
        return Err(ApiError::bad_request(format!(
            "dyad {a},{b} names one country twice: give two different codes"
        )));
    }
    Ok((a, b))
}

/// A PLOVER event type, in capitals.
pub fn event_type(v: &str) -> Result<String, ApiError> {
    match annals_core::plover::EventType::parse(&v.to_ascii_uppercase()) {
        Some(t) => Ok(t.name().to_string()),
        None => Err(ApiError::bad_request(format!(
            "type={v:?} is not a PLOVER event type: give one of {}",
            annals_core::plover::EventType::ALL
                .iter()
                .map(|t| t.name())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Newest first (default) or oldest first.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Order {
    Asc,
    Desc,
}

/// A page: its size, and where it starts (an offset or a cursor from the previous page).
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub limit: usize,
    pub offset: usize,
    pub cursor: Option<Cursor>,
    pub order: Order,
}

/// The last row of a page: its date (empty when it has none) and id.
#[derive(Clone, Debug, PartialEq)]
pub struct Cursor {
    pub day: Option<String>,
    pub id: i64,
}

impl Cursor {
    pub fn encode(&self) -> String {
        format!("{}~{}", self.day.as_deref().unwrap_or(""), self.id)
    }
    pub fn decode(v: &str) -> Result<Cursor, ApiError> {
        let bad = || {
            ApiError::bad_request(format!(
                "cursor={v:?} is not a cursor: pass next_cursor from the previous page unchanged"
            ))
        };
        let (day, id) = v.rsplit_once('~').ok_or_else(bad)?;
        let id = id.parse::<i64>().map_err(|_| bad())?;
        let day = if day.is_empty() {
            None
        } else {
            Some(date_bound(day, "cursor", false).map_err(|_| bad())?)
        };
        Ok(Cursor { day, id })
    }
}

/// The page parameter names.
pub const PAGE_KEYS: &[&str] = &["limit", "offset", "cursor", "order"];

/// A count parameter within `1..=max`.
pub fn count(params: &Params, key: &str, default: usize, max: usize) -> Result<usize, ApiError> {
    match get(params, key) {
        None => Ok(default),
        Some(v) => match v.parse::<usize>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::bad_request(format!(
                "{key}={v:?}: give a whole number from 1 to {max}"
            ))),
        },
    }
}

impl Page {
    pub fn parse(params: &Params) -> Result<Page, ApiError> {
        let limit = count(params, "limit", DEFAULT_LIMIT, MAX_LIMIT)?;
        let offset = match get(params, "offset") {
            None => 0,
            Some(v) => match v.parse::<usize>() {
                Ok(n) if n <= MAX_OFFSET => n,
                _ => return Err(ApiError::bad_request(format!("offset={v:?}: give a whole number from 0 to {MAX_OFFSET}; page deeper with cursor"))),
            },
        };
        let cursor = get(params, "cursor").map(Cursor::decode).transpose()?;
        if cursor.is_some() && offset > 0 {
            return Err(ApiError::bad_request("give offset or cursor, not both"));
        }
        let order = match get(params, "order") {
            None | Some("desc") => Order::Desc,
            Some("asc") => Order::Asc,
            Some(v) => {
                return Err(ApiError::bad_request(format!(
                    "order={v:?}: give asc (oldest first) or desc (newest first)"
                )))
            }
        };
        Ok(Page {
            limit,
            offset,
            cursor,
            order,
        })
    }

    /// The ORDER BY, and the keyset conditions after the cursor, in the order their rows come
    /// (events without a date come last when newest first, first when oldest first). Each
    /// condition is a separate query, so each can walk the date index; `args` gets their
    /// values. No cursor: one segment without a condition.
    pub fn segments(&self, args: &mut Vec<Value>) -> (Vec<Option<String>>, &'static str) {
        let order = match self.order {
            Order::Desc => "e.day_lo DESC, e.id DESC",
            Order::Asc => "e.day_lo ASC, e.id ASC",
        };
        let Some(c) = &self.cursor else {
            return (vec![None], order);
        };
        args.push(Value::Integer(c.id));
        let id = format!("?{}", args.len());
        let segments = match (&c.day, self.order) {
            (None, Order::Desc) => vec![format!("e.day_lo IS NULL AND e.id < {id}")],
            (None, Order::Asc) => vec![
                format!("e.day_lo IS NULL AND e.id > {id}"),
                "e.day_lo IS NOT NULL".to_string(),
            ],
            (Some(d), order) => {
                args.push(Value::Text(d.clone()));
                let day = format!("?{}", args.len());
                match order {
                    Order::Desc => vec![
                        format!("(e.day_lo, e.id) < ({day}, {id})"),
                        "e.day_lo IS NULL".to_string(),
                    ],
                    Order::Asc => vec![format!("(e.day_lo, e.id) > ({day}, {id})")],
                }
            }
        };
        (segments.into_iter().map(Some).collect(), order)
    }
}

/// Buckets of a time series.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Interval {
    Day,
    Week,
    Month,
}

impl Interval {
    pub fn parse(params: &Params) -> Result<Interval, ApiError> {
        match get(params, "interval") {
            None | Some("month") => Ok(Interval::Month),
            Some("week") => Ok(Interval::Week),
            Some("day") => Ok(Interval::Day),
            Some(v) => Err(ApiError::bad_request(format!(
                "interval={v:?}: give day, week or month"
            ))),
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Interval::Day => "day",
            Interval::Week => "week",
            Interval::Month => "month",
        }
    }
    /// The SQL expression of an event's bucket: the day, the Monday of its week, or `YYYY-MM`.
    pub fn sql(self) -> &'static str {
        match self {
            Interval::Day => "e.day_lo",
            Interval::Week => "date(e.day_lo, '-6 days', 'weekday 1')",
            Interval::Month => "substr(e.day_lo, 1, 7)",
        }
    }
}
