//! Dates: expressions of the text ("am 27. November", "on Monday", "27 ноября 2024 года",
//! "вчера", "in 2014") resolved against the publication date, with their precision. A year
//! the text does not give and no publication date supplies is never invented.

use annals_core::record::DateRecord;
use annals_core::Span;
use annals_text::{Grammar, Prepared, TokenKind};
use jiff::civil::Date;
use jiff::ToSpan;

/// A date expression found in the text.
#[derive(Clone, Debug)]
pub struct DateMention {
    pub tokens: std::ops::Range<usize>,
    pub value: String,
    pub precision: &'static str,
    /// The resolved day when known, for comparisons.
    pub day: Option<Date>,
    pub year: Option<i16>,
}

impl DateMention {
    /// A resolved day.
    fn on(tokens: std::ops::Range<usize>, d: Date) -> DateMention {
        DateMention {
            tokens,
            value: d.to_string(),
            precision: "day",
            day: Some(d),
            year: Some(d.year()),
        }
    }

    /// A month of a known year.
    fn month(
        tokens: std::ops::Range<usize>,
        year: i16,
        month: impl std::fmt::Display,
    ) -> DateMention {
        DateMention {
            tokens,
            value: format!("{year:04}-{month:0>2}"),
            precision: "month",
            day: None,
            year: Some(year),
        }
    }

    /// A day and month whose year neither the text nor a publication date gives.
    fn no_year(tokens: std::ops::Range<usize>, month: i8, day: i8) -> DateMention {
        DateMention {
            tokens,
            value: format!("--{month:02}-{day:02}"),
            precision: "day-of-year-unknown",
            day: None,
            year: None,
        }
    }
}

fn parse_published(published: Option<&str>) -> Option<Date> {
    let p = published?;
    p.get(..10).and_then(|d| d.parse::<Date>().ok())
}

fn number(p: &Prepared, k: usize) -> Option<u32> {
    let t = p.tokens.get(k)?;
    if t.kind != TokenKind::Number {
        return None;
    }
    p.token_text(k).parse().ok()
}

fn year_at(p: &Prepared, k: usize) -> Option<i16> {
    number(p, k)
        .filter(|y| (1800..=2200).contains(y) && p.token_text(k).len() == 4)
        .map(|y| y as i16)
}

/// The year that puts month/day closest to the publication date.
fn nearest_year(published: Date, month: i8, day: i8) -> Option<Date> {
    let mut best: Option<(i64, Date)> = None;
    for dy in [-1i16, 0, 1] {
        if let Ok(d) = Date::new(published.year() + dy, month, day) {
            let dist = (d - published).get_days().abs() as i64;
            if best.is_none_or(|(b, _)| dist < b) {
                best = Some((dist, d));
            }
        }
    }
    best.map(|(_, d)| d)
}

/// Finds the date expressions of a sentence.
pub fn find(
    p: &Prepared,
    grammar: &Grammar,
    range: std::ops::Range<usize>,
    published: Option<&str>,
) -> Vec<DateMention> {
    let pubdate = parse_published(published);
    let mut out = Vec::new();
    let mut k = range.start;
    while k < range.end {
        let lower = p.tokens[k].lower.as_str();
        // ISO date 2024-11-27 arrives as number tokens with '-' between: handled by day/month rules below.
        // day (.) month (year)
        if let Some(day) = number(p, k).filter(|d| (1..=31).contains(d)) {
            let mut m = k + 1;
            if m < range.end && p.token_text(m) == "." {
                m += 1;
            }
            if m < range.end {
                if let Some(&month) = grammar.months.get(&p.tokens[m].lower) {
                    let mut end = m + 1;
                    let mut year = None;
                    if end < range.end {
                        if let Some(y) = year_at(p, end) {
                            year = Some(y);
                            end += 1;
                        }
                    }
                    out.push(resolve_day(year, month as i8, day as i8, pubdate, k..end));
                    k = end;
                    continue;
                }
                // 27.11.2024
                if let (Some(mo), true) = (
                    number(p, m).filter(|x| (1..=12).contains(x)),
                    p.token_text(k + 1) == ".",
                ) {
                    if m + 2 < range.end && p.token_text(m + 1) == "." {
                        if let Some(y) = year_at(p, m + 2) {
                            out.push(resolve_day(Some(y), mo as i8, day as i8, pubdate, k..m + 3));
                            k = m + 3;
                            continue;
                        }
                    }
                }
            }
        }
        // month day(, year) / month year
        if let Some(&month) = grammar.months.get(lower) {
            // "May" the modal verb is lowercase: months must be capitalised in Latin script.
            let latin = p
                .token_text(k)
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic());
            if !latin || p.tokens[k].cap {
                let mut m = k + 1;
                if m < range.end && p.token_text(m) == "." {
                    m += 1;
                }
                if let Some(day) =
                    number(p, m).filter(|d| (1..=31).contains(d) && p.token_text(m).len() <= 2)
                {
                    let mut end = m + 1;
                    if end < range.end && p.token_text(end) == "," {
                        end += 1;
                    }
                    let year = year_at(p, end);
                    let end = if year.is_some() { end + 1 } else { m + 1 };
                    out.push(resolve_day(year, month as i8, day as i8, pubdate, k..end));
                    k = end;
                    continue;
                }
                if let Some(y) = year_at(p, m) {
                    out.push(DateMention::month(k..m + 1, y, month));
                    k = m + 1;
                    continue;
                }
                if let Some(pd) = pubdate {
                    // "im November": the nearest such month.
                    if let Some(d) = nearest_year(pd, month as i8, 1) {
                        out.push(DateMention::month(k..k + 1, d.year(), month));
                    }
                }
            }
        }
        if let Some(&wd) = grammar.weekdays.get(lower) {
            if let Some(pd) = pubdate {
                // News reports the past: the last such weekday up to the publication day.
                let back = (pd.weekday().to_monday_zero_offset() as i64 - wd as i64).rem_euclid(7);
                if let Ok(d) = pd.checked_sub((back as i32).days()) {
                    out.push(DateMention::on(k..k + 1, d));
                }
            }
            k += 1;
            continue;
        }
        if let Some(&off) = grammar.relative_days.get(lower) {
            if let Some(pd) = pubdate {
                if let Ok(d) = pd.checked_add((off as i32).days()) {
                    out.push(DateMention::on(k..k + 1, d));
                }
            }
            k += 1;
            continue;
        }
        if let Some(y) = year_at(p, k) {
            // A bare year (not a quantity: no unit or currency next to it).
            let next = p.tokens.get(k + 1).map(|t| t.lower.as_str()).unwrap_or("");
            if !grammar.units.contains_key(next) && !grammar.number_words.contains_key(next) {
                out.push(DateMention {
                    tokens: k..k + 1,
                    value: format!("{y:04}"),
                    precision: "year",
                    day: None,
                    year: Some(y),
                });
            }
        }
        k += 1;
    }
    out
}

fn resolve_day(
    year: Option<i16>,
    month: i8,
    day: i8,
    pubdate: Option<Date>,
    tokens: std::ops::Range<usize>,
) -> DateMention {
    match (year, pubdate) {
        (Some(y), _) => match Date::new(y, month, day) {
            Ok(d) => DateMention::on(tokens, d),
            Err(_) => DateMention::month(tokens, y, month),
        },
        (None, Some(pd)) => match nearest_year(pd, month, day) {
            Some(d) => DateMention::on(tokens, d),
            None => DateMention::no_year(tokens, month, day),
        },
        (None, None) => DateMention::no_year(tokens, month, day),
    }
}

/// A record for a date mention.
pub fn record(p: &Prepared, d: &DateMention) -> DateRecord {
    let span = Span::new(
        p.tokens[d.tokens.start].span.start,
        p.tokens[d.tokens.end - 1].span.end,
    );
    DateRecord {
        value: d.value.clone(),
        precision: d.precision.to_string(),
        text: p.slice(span).to_string(),
        span: p.orig_span(span),
    }
}

/// Whether a date lies clearly before the publication date (a background event).
pub fn is_past(d: &DateMention, published: Option<&str>) -> bool {
    let Some(pd) = parse_published(published) else {
        return false;
    };
    match (d.day, d.year) {
        (Some(day), _) => (pd - day).get_days() > 31,
        (None, Some(y)) => y < pd.year(),
        _ => false,
    }
}
