//! Reading the store back: events and story events filtered by dyad, actor, type and dates.

use crate::{Result, Store};
use rusqlite::params_from_iter;
use serde::Serialize;

/// Which events to return. Every filter that is set must hold.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Two country codes: events with a party of each (either direction, either role).
    pub dyad: Option<(String, String)>,
    /// Part of an actor's name, or its country code.
    pub actor: Option<String>,
    /// A PLOVER event type.
    pub event: Option<String>,
    /// `YYYY-MM-DD`: events whose date (or, without one, publication date) ends on or after it.
    pub from: Option<String>,
    /// `YYYY-MM-DD`: events whose date starts on or before it.
    pub to: Option<String>,
    pub limit: Option<usize>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Party {
    pub name: String,
    pub country: Option<String>,
    pub sector: Option<String>,
}

/// One stored event with its document and story.
#[derive(Clone, Debug, Serialize)]
pub struct EventRow {
    pub id: i64,
    pub event: String,
    pub mode: Option<String>,
    pub date: Option<String>,
    pub date_precision: Option<String>,
    pub actors: Vec<Party>,
    pub recipients: Vec<Party>,
    pub location: Option<String>,
    pub trigger: String,
    pub sentence: Option<i64>,
    pub span: [i64; 2],
    pub document: String,
    pub url: Option<String>,
    pub lang: String,
    pub published: Option<String>,
    pub story: Option<i64>,
}

/// One report of a story event.
#[derive(Clone, Debug, Serialize)]
pub struct StoryMember {
    pub event: i64,
    pub document: String,
    pub url: Option<String>,
    pub lang: String,
    pub published: Option<String>,
    pub trigger: String,
    pub reason: String,
}

/// One story event: a real-world event with every report of it and why they were merged.
#[derive(Clone, Debug, Serialize)]
pub struct StoryRow {
    pub id: i64,
    pub event: String,
    pub parties: String,
    pub date: Option<String>,
    pub date_precision: String,
    pub location: Option<String>,
    pub reports: i64,
    pub events: i64,
    pub members: Vec<StoryMember>,
}

fn where_clause(f: &Filter) -> (String, Vec<String>) {
    let mut conds = vec!["1 = 1".to_string()];
    let mut args: Vec<String> = Vec::new();
    let mut arg = |v: String| {
        args.push(v);
        format!("?{}", args.len())
    };
    if let Some((a, b)) = &f.dyad {
        let (pa, pb) = (arg(a.to_ascii_uppercase()), arg(b.to_ascii_uppercase()));
        conds.push(format!(
            "e.id IN (SELECT event FROM participants WHERE country = {pa} INTERSECT SELECT event FROM participants WHERE country = {pb})"
        ));
    }
    if let Some(actor) = &f.actor {
        let (like, code) = (arg(format!("%{actor}%")), arg(actor.to_ascii_uppercase()));
        conds.push(format!("EXISTS (SELECT 1 FROM participants p WHERE p.event = e.id AND p.role = 'actor' AND (p.name LIKE {like} OR p.country = {code}))"));
    }
    if let Some(t) = &f.event {
        conds.push(format!("e.type = {}", arg(t.to_ascii_uppercase())));
    }
    if let Some(from) = &f.from {
        conds.push(format!("e.day_hi >= {}", arg(from.clone())));
    }
    if let Some(to) = &f.to {
        conds.push(format!("e.day_lo <= {}", arg(to.clone())));
    }
    (conds.join(" AND "), args)
}

impl Store {
    /// Events matching the filter, oldest first.
    pub fn events(&self, f: &Filter) -> Result<Vec<EventRow>> {
        let (cond, args) = where_clause(f);
        let limit = f.limit.map(|n| format!(" LIMIT {n}")).unwrap_or_default();
        let sql = format!(
            "SELECT e.id, e.type, e.mode, e.date_value, e.date_precision, e.location_name, e.location_country, e.trigger_text, e.sentence, e.trigger_start, e.trigger_end,
                    d.doc_id, d.url, d.lang, d.published, m.story
             FROM events e JOIN documents d ON d.id = e.document LEFT JOIN story_members m ON m.event = e.id
             WHERE {cond} ORDER BY e.day_lo, e.id{limit}"
        );
        let conn = self.connection();
        let mut st = conn.prepare(&sql)?;
        let mut rows: Vec<EventRow> = st
            .query_map(params_from_iter(args.iter()), |r| {
                let location = match (
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ) {
                    (Some(n), Some(c)) => Some(format!("{n} ({c})")),
                    (n, c) => n.or(c),
                };
                Ok(EventRow {
                    id: r.get(0)?,
                    event: r.get(1)?,
                    mode: r.get(2)?,
                    date: r.get(3)?,
                    date_precision: r.get(4)?,
                    actors: Vec::new(),
                    recipients: Vec::new(),
                    location,
                    trigger: r.get(7)?,
                    sentence: r.get(8)?,
                    span: [r.get(9)?, r.get(10)?],
                    document: r.get(11)?,
                    url: r.get(12)?,
                    lang: r.get(13)?,
                    published: r.get(14)?,
                    story: r.get(15)?,
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
        let mut parts = conn.prepare_cached(
            "SELECT role, name, country, sector FROM participants WHERE event = ?1 ORDER BY rowid",
        )?;
        for row in &mut rows {
            let found = parts.query_map([row.id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    Party {
                        name: r.get(1)?,
                        country: r.get(2)?,
                        sector: r.get(3)?,
                    },
                ))
            })?;
            for p in found {
                let (role, party) = p?;
                if role == "actor" {
                    row.actors.push(party);
                } else {
                    row.recipients.push(party);
                }
            }
        }
        Ok(rows)
    }

    /// Story events with at least one member event matching the filter, with every report.
    pub fn stories(&self, f: &Filter) -> Result<Vec<StoryRow>> {
        let (cond, args) = where_clause(f);
        let limit = f.limit.map(|n| format!(" LIMIT {n}")).unwrap_or_default();
        let sql = format!(
            "SELECT s.id, s.type, s.parties, s.date_value, s.date_precision, s.location_name, s.location_country, s.reports, s.events FROM stories s
             WHERE s.id IN (SELECT m.story FROM story_members m JOIN events e ON e.id = m.event WHERE {cond})
             ORDER BY COALESCE(s.date_lo, s.published_lo), s.id{limit}"
        );
        let conn = self.connection();
        let mut st = conn.prepare(&sql)?;
        let mut rows: Vec<StoryRow> = st
            .query_map(params_from_iter(args.iter()), |r| {
                let location = match (
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ) {
                    (Some(n), Some(c)) => Some(format!("{n} ({c})")),
                    (n, c) => n.or(c),
                };
                Ok(StoryRow {
                    id: r.get(0)?,
                    event: r.get(1)?,
                    parties: r.get(2)?,
                    date: r.get(3)?,
                    date_precision: r.get(4)?,
                    location,
                    reports: r.get(7)?,
                    events: r.get(8)?,
                    members: Vec::new(),
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
        let mut members = conn.prepare_cached(
            "SELECT m.event, d.doc_id, d.url, d.lang, d.published, e.trigger_text, m.reason FROM story_members m
             JOIN events e ON e.id = m.event JOIN documents d ON d.id = m.document WHERE m.story = ?1 ORDER BY m.event",
        )?;
        for row in &mut rows {
            row.members = members
                .query_map([row.id], |r| {
                    Ok(StoryMember {
                        event: r.get(0)?,
                        document: r.get(1)?,
                        url: r.get(2)?,
                        lang: r.get(3)?,
                        published: r.get(4)?,
                        trigger: r.get(5)?,
                        reason: r.get(6)?,
                    })
                })?
                .collect::<std::result::Result<_, _>>()?;
        }
        Ok(rows)
    }
}
