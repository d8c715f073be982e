//! Story events: the reports of one real-world event, merged across documents and languages.
//!
//! Two coded events belong to one story when they have the same PLOVER type, the same resolved
//! parties (the country set of both sides for mutual types such as CONSULT, the actor and
//! recipient country sets otherwise), the same aux flags (a denied or planned visit is not the
//! visit), compatible dates and compatible places. Dates compare by precision: two days at most
//! one day apart; a month or year contains the other date; a report without a date compares its
//! publication date, which must lie within three days of every report already in the story.
//! That last rule never chains: a yearly summit reported every year stays one story per year.

use crate::days::{iso, Precision, Window};
use annals_core::plover::EventType;
use annals_core::record::{EventRecord, Ref};

/// Publication dates of reports without an event date must be this close (days).
pub const PUBLISHED_WINDOW: i64 = 3;
/// Two day-precision dates this far apart (days) still name the same event (time zones, late reports).
pub const DAY_TOLERANCE: i64 = 1;

/// What a story is keyed on: only events with the same key are ever compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoryKey {
    pub ty: String,
    pub parties: String,
    pub flags: String,
}

/// What merging needs to know about one coded event.
#[derive(Clone, Debug)]
pub struct EventFacts {
    pub key: StoryKey,
    pub date: Option<Window>,
    pub published: Option<i64>,
    pub location_name: Option<String>,
    pub location_country: Option<String>,
}

/// A story as stored: its best date, the range of its reports' publication dates and its place.
#[derive(Clone, Debug)]
pub struct StoryState {
    pub id: i64,
    pub date: Option<Window>,
    pub published_lo: Option<i64>,
    pub published_hi: Option<i64>,
    pub location_name: Option<String>,
    pub location_country: Option<String>,
}

fn party(r: &Ref) -> String {
    match &r.country {
        Some(c) => c.clone(),
        None => format!("?{}", r.name.to_lowercase()),
    }
}

fn party_set(refs: &[&Ref]) -> Vec<String> {
    let mut v: Vec<String> = refs.iter().map(|r| party(r)).collect();
    v.sort();
    v.dedup();
    v
}

/// The story key of an event: type, parties and flags. A mutual event with one party that
/// took place in another country counts that country as the second party.
pub fn key(ev: &EventRecord) -> StoryKey {
    let mutual = EventType::parse(&ev.event).is_some_and(EventType::is_mutual);
    let parties = if mutual {
        let mut set = party_set(&ev.actor.iter().chain(&ev.recipient).collect::<Vec<_>>());
        // "Putin arrived in Astana for talks": the host of a meeting abroad is its other party.
        if let Some(host) = ev.location.as_ref().and_then(|l| l.country.as_ref()) {
            if set.len() == 1 && !set.contains(host) && !set[0].starts_with('?') {
                set.push(host.clone());
                set.sort();
            }
        }
        set.join("+")
    } else {
        format!(
            "{}>{}",
            party_set(&ev.actor.iter().collect::<Vec<_>>()).join("+"),
            party_set(&ev.recipient.iter().collect::<Vec<_>>()).join("+")
        )
    };
    let mut flags = Vec::new();
    if ev.aux.negated {
        flags.push("negated");
    }
    if ev.aux.future {
        flags.push("future");
    }
    if ev.aux.hypothetical {
        flags.push("hypothetical");
    }
    StoryKey {
        ty: ev.event.clone(),
        parties,
        flags: flags.join(","),
    }
}

fn describe(w: &Window) -> String {
    format!("{} ({})", w.value, w.precision.name())
}

fn place(name: &Option<String>, country: &Option<String>) -> Option<String> {
    match (name, country) {
        (Some(n), Some(c)) => Some(format!("{n} ({c})")),
        (Some(n), None) => Some(n.clone()),
        (None, Some(c)) => Some(c.clone()),
        (None, None) => None,
    }
}

/// How well an event fits a story: `None` when it does not; otherwise a rank (lower is
/// better: dated matches before publication-date matches, then nearer dates) and the reason.
pub fn fit(story: &StoryState, ev: &EventFacts) -> Option<((u8, i64), String)> {
    let (rank, date_reason) = match (&story.date, &ev.date) {
        (Some(s), Some(e)) => {
            if s.precision == Precision::Day && e.precision == Precision::Day {
                let gap = (s.lo - e.lo).abs();
                if gap > DAY_TOLERANCE {
                    return None;
                }
                let why = if gap == 0 {
                    format!("same day {}", e.value)
                } else {
                    format!(
                        "date {} within ±{DAY_TOLERANCE} day of {}",
                        e.value, s.value
                    )
                };
                ((0, gap), why)
            } else {
                if e.hi < s.lo || e.lo > s.hi {
                    return None;
                }
                let why = if e.precision == s.precision {
                    format!("same {} {}", e.precision.name(), e.value)
                } else if e.precision < s.precision {
                    format!("date {} falls in {}", describe(e), describe(s))
                } else {
                    format!("date {} contains {}", describe(e), describe(s))
                };
                ((1, (s.lo - e.lo).abs()), why)
            }
        }
        _ => {
            let (Some(p), Some(lo), Some(hi)) =
                (ev.published, story.published_lo, story.published_hi)
            else {
                return None;
            };
            if p < hi - PUBLISHED_WINDOW || p > lo + PUBLISHED_WINDOW {
                return None;
            }
            // A dated side must not lie after the other report was already published.
            if let Some(d) = story.date.as_ref().or(ev.date.as_ref()) {
                let undated_published = if story.date.is_some() { p } else { lo };
                if d.lo > undated_published + DAY_TOLERANCE {
                    return None;
                }
            }
            let why = format!("no event date on one side; published {} within ±{PUBLISHED_WINDOW} days of the story's reports ({}..{})", iso(p), iso(lo), iso(hi));
            ((2, (p - lo).abs()), why)
        }
    };
    let place_reason = match (&story.location_country, &ev.location_country) {
        (Some(a), Some(b)) if a != b => return None,
        (Some(_), Some(_)) if ev.location_name == story.location_name => {
            format!(
                "same place {}",
                place(&ev.location_name, &ev.location_country).unwrap_or_default()
            )
        }
        (Some(_), Some(_)) => format!(
            "places {} and {} in the same country",
            place(&ev.location_name, &ev.location_country).unwrap_or_default(),
            place(&story.location_name, &story.location_country).unwrap_or_default()
        ),
        _ => match place(&ev.location_name, &ev.location_country)
            .or(place(&story.location_name, &story.location_country))
        {
            Some(p) => format!("place {p} named by one side only"),
            None => "no place named".to_string(),
        },
    };
    Some((
        rank,
        format!(
            "same type {} and parties {}; {date_reason}; {place_reason}",
            ev.key.ty, ev.key.parties
        ),
    ))
}

/// The reason recorded for the event that opens a story.
pub fn opening_reason(ev: &EventFacts) -> String {
    let date = match (&ev.date, ev.published) {
        (Some(w), _) => format!("dated {}", describe(w)),
        (None, Some(p)) => format!("no event date, published {}", iso(p)),
        (None, None) => "no event date and no publication date: it can only stay alone".to_string(),
    };
    let at = place(&ev.location_name, &ev.location_country)
        .map(|p| format!(" at {p}"))
        .unwrap_or_default();
    format!(
        "first report: {} by parties {}; {date}{at}",
        ev.key.ty, ev.key.parties
    )
}

/// The story after an event joined it: the finer date wins, the publication range widens.
pub fn absorb(story: &mut StoryState, ev: &EventFacts) {
    if let Some(e) = &ev.date {
        let finer = match &story.date {
            Some(s) => e.precision < s.precision,
            None => true,
        };
        if finer {
            story.date = Some(e.clone());
        }
    }
    if let Some(p) = ev.published {
        story.published_lo = Some(story.published_lo.map_or(p, |x| x.min(p)));
        story.published_hi = Some(story.published_hi.map_or(p, |x| x.max(p)));
    }
    if story.location_country.is_none() && ev.location_country.is_some() {
        story.location_country = ev.location_country.clone();
        story.location_name = ev.location_name.clone();
    }
    if story.location_name.is_none() {
        story.location_name = ev.location_name.clone();
    }
}

/// The days a story may match, for the candidate search: its date and publication windows.
pub fn near(story: &StoryState) -> (i64, i64) {
    let mut lo = i64::MAX;
    let mut hi = i64::MIN;
    if let Some(d) = &story.date {
        lo = lo.min(d.lo);
        hi = hi.max(d.hi);
    }
    if let (Some(a), Some(b)) = (story.published_lo, story.published_hi) {
        lo = lo.min(a);
        hi = hi.max(b);
    }
    if lo > hi {
        (0, -1)
    } else {
        (lo, hi)
    }
}

/// The days an event may match, widened by the tolerances.
pub fn search_range(ev: &EventFacts) -> Option<(i64, i64)> {
    let mut lo = i64::MAX;
    let mut hi = i64::MIN;
    if let Some(d) = &ev.date {
        lo = lo.min(d.lo - DAY_TOLERANCE);
        hi = hi.max(d.hi + DAY_TOLERANCE);
    }
    if let Some(p) = ev.published {
        lo = lo.min(p - PUBLISHED_WINDOW);
        hi = hi.max(p + PUBLISHED_WINDOW);
    }
    (lo <= hi).then_some((lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::days::{parse_day, window};

    fn facts(date: Option<(&str, &str)>, published: &str, country: Option<&str>) -> EventFacts {
        EventFacts {
            key: StoryKey {
                ty: "CONSULT".into(),
                parties: "KAZ+RUS".into(),
                flags: String::new(),
            },
            date: date.and_then(|(v, p)| window(v, p, Some(published))),
            published: parse_day(published),
            location_name: None,
            location_country: country.map(str::to_string),
        }
    }

    fn story_of(ev: &EventFacts) -> StoryState {
        let mut s = StoryState {
            id: 1,
            date: None,
            published_lo: None,
            published_hi: None,
            location_name: None,
            location_country: None,
        };
        absorb(&mut s, ev);
        s
    }

    #[test]
    fn days_one_apart_merge_and_a_year_apart_do_not() {
        let s = story_of(&facts(
            Some(("2024-05-14", "day")),
            "2024-05-14",
            Some("KAZ"),
        ));
        assert!(fit(
            &s,
            &facts(Some(("2024-05-15", "day")), "2024-05-16", Some("KAZ"))
        )
        .is_some());
        assert!(fit(
            &s,
            &facts(Some(("2023-05-14", "day")), "2023-05-14", Some("KAZ"))
        )
        .is_none());
        assert!(fit(
            &s,
            &facts(Some(("2024-05-17", "day")), "2024-05-17", Some("KAZ"))
        )
        .is_none());
    }

    #[test]
    fn month_and_year_contain_days() {
        let s = story_of(&facts(Some(("2024-05-14", "day")), "2024-05-14", None));
        assert!(fit(&s, &facts(Some(("2024-05", "month")), "2024-05-20", None)).is_some());
        assert!(fit(&s, &facts(Some(("2024-06", "month")), "2024-06-20", None)).is_none());
        assert!(fit(&s, &facts(Some(("2024", "year")), "2024-12-20", None)).is_some());
    }

    #[test]
    fn undated_reports_compare_publication_without_chaining() {
        let s = story_of(&facts(None, "2024-05-14", None));
        assert!(fit(&s, &facts(None, "2024-05-17", None)).is_some());
        let mut s2 = s.clone();
        absorb(&mut s2, &facts(None, "2024-05-17", None));
        assert!(
            fit(&s2, &facts(None, "2024-05-20", None)).is_none(),
            "must be within 3 days of every report"
        );
    }

    #[test]
    fn different_countries_for_the_place_do_not_merge() {
        let s = story_of(&facts(
            Some(("2024-05-14", "day")),
            "2024-05-14",
            Some("KAZ"),
        ));
        assert!(fit(
            &s,
            &facts(Some(("2024-05-14", "day")), "2024-05-14", Some("RUS"))
        )
        .is_none());
    }
}
