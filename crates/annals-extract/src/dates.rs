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
    /// What the text left open, for `orient`: a weekday or a month without a year.
    pub anchor: Anchor,
}

/// The part of a date the text does not fix, resolved by the tense of the event's clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// Fully given by the text ("27. November 2024", "gestern", "in 2018").
    Fixed,
    /// A weekday (0 = Monday): the last one up to the publication day, or the next one.
    Weekday(i8),
    /// A month without a year ("seit Juli", "in June").
    Month(i8),
    /// A day and month without a year ("am 5. März").
    DayMonth(i8, i8),
    /// Not in the text: implied by the tense ("before" the publication date).
    Implied,
}

/// Which way an event lies from the publication date, as its clause tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
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
            anchor: Anchor::Fixed,
        }
    }

    /// A week, given by its Monday (the store reads precision "week" as seven days).
    fn week(tokens: std::ops::Range<usize>, monday: Date) -> DateMention {
        DateMention {
            precision: "week",
            day: None,
            ..DateMention::on(tokens, monday)
        }
    }

    /// A year.
    fn year(tokens: std::ops::Range<usize>, year: i16) -> DateMention {
        DateMention {
            tokens,
            value: format!("{year:04}"),
            precision: "year",
            day: None,
            year: Some(year),
            anchor: Anchor::Fixed,
        }
    }

    /// An event told in the past tense without a date of its own: before the publication day.
    pub fn before(published: Date) -> DateMention {
        DateMention {
            tokens: 0..0,
            value: format!("before:{published}"),
            precision: "before",
            day: None,
            year: None,
            anchor: Anchor::Implied,
        }
    }

    /// Whether the text names this date (an implied one has no words).
    pub fn stated(&self) -> bool {
        self.anchor != Anchor::Implied
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
            anchor: Anchor::Fixed,
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
            anchor: Anchor::DayMonth(month, day),
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
        match date_at(p, grammar, k, range.end, pubdate) {
            Some(d) => {
                k = d.tokens.end.max(k + 1);
                out.push(d);
            }
            None => k += 1,
        }
    }
    out
}

/// The date expression that starts at token `k` (and ends before `end`), if any.
fn date_at(
    p: &Prepared,
    grammar: &Grammar,
    k: usize,
    end: usize,
    pubdate: Option<Date>,
) -> Option<DateMention> {
    let month_at = |i: usize| {
        (i < end)
            .then(|| grammar.month_words.at(&p.tokens, i))
            .flatten()
            .filter(|&(_, n)| i + n <= end)
            .map(|(m, n)| (m as i8, n))
    };
    // day (.) month (year): "27. November 2024", "27 ноября", "1-го октября"
    if let Some(day) = number(p, k).filter(|d| (1..=31).contains(d)) {
        let mut m = k + 1;
        if m < end && p.token_text(m) == "." {
            m += 1;
        }
        if let Some((month, n)) = month_at(m) {
            let mut stop = m + n;
            let mut year = None;
            if let Some(y) = (stop < end).then(|| year_at(p, stop)).flatten() {
                year = Some(y);
                stop += 1;
            }
            return Some(resolve_day(year, month, day as i8, pubdate, k..stop));
        }
        // 27.11.2024
        if let (Some(mo), true) = (
            number(p, m).filter(|x| (1..=12).contains(x)),
            k + 1 < end && p.token_text(k + 1) == ".",
        ) {
            if m + 2 < end && p.token_text(m + 1) == "." {
                if let Some(y) = year_at(p, m + 2) {
                    return Some(resolve_day(Some(y), mo as i8, day as i8, pubdate, k..m + 3));
                }
            }
        }
    }
    // month day(, year) / month year / a month alone
    if let Some((month, n)) = month_at(k) {
        // "May" the modal verb is lowercase: months must be capitalised in Latin script.
        let latin = p
            .token_text(k)
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic());
        if !latin || p.tokens[k].cap {
            let mut m = k + n;
            if m < end && p.token_text(m) == "." {
                m += 1;
            }
            if let Some(day) =
                number(p, m).filter(|d| (1..=31).contains(d) && p.token_text(m).len() <= 2)
            {
                let mut stop = m + 1;
                if stop < end && p.token_text(stop) == "," {
                    stop += 1;
                }
                let year = (stop < end).then(|| year_at(p, stop)).flatten();
                let stop = if year.is_some() { stop + 1 } else { m + 1 };
                return Some(resolve_day(year, month, day as i8, pubdate, k..stop));
            }
            if let Some(y) = (m < end).then(|| year_at(p, m)).flatten() {
                return Some(DateMention::month(k..m + 1, y, month));
            }
            return pubdate.map(|pd| month_alone(k..k + n, month, pd));
        }
    }
    if let Some((wd, n)) = grammar.weekday_words.at(&p.tokens, k) {
        return pubdate.map(|pd| {
            let back = (pd.weekday().to_monday_zero_offset() as i64 - wd).rem_euclid(7);
            DateMention {
                anchor: Anchor::Weekday(wd as i8),
                ..DateMention::on(k..k + n, pd - (back as i32).days())
            }
        });
    }
    if let Some(d) = relative_at(p, grammar, k, end, pubdate) {
        return Some(d);
    }
    if let Some(y) = year_at(p, k) {
        // "2017 жылдың маусымында", "2017 жылы": a year, its word, then maybe a month.
        let mut m = k + 1;
        if m < end && grammar.period_units.at(&p.tokens, m) == Some((365, 1)) {
            m += 1;
        }
        if let Some((month, n)) = month_at(m).filter(|_| m > k + 1) {
            return Some(DateMention::month(k..m + n, y, month));
        }
        // A bare year (not a quantity: no unit or currency next to it; the word for year
        // itself, "2019 году", is no quantity's unit).
        let next = p.tokens.get(k + 1).map(|t| t.lower.as_str()).unwrap_or("");
        if m > k + 1
            || (!grammar.units.contains_key(next) && !grammar.number_words.contains_key(next))
        {
            return Some(DateMention::year(k..m, y));
        }
    }
    None
}

/// A month named without its year: the nearest such month to the publication date, turned
/// by the tense later (`orient`).
fn month_alone(tokens: std::ops::Range<usize>, month: i8, pd: Date) -> DateMention {
    let year = nearest_year(pd, month, 1).map_or(pd.year(), |d| d.year());
    DateMention {
        anchor: Anchor::Month(month),
        ..DateMention::month(tokens, year, month)
    }
}

/// Dates relative to the publication day: "gestern", "am Vortag", "last week", "в прошлом
/// году", "vor drei Jahren", "two weeks ago", "три года назад", "үш жыл бұрын".
fn relative_at(
    p: &Prepared,
    grammar: &Grammar,
    k: usize,
    end: usize,
    pubdate: Option<Date>,
) -> Option<DateMention> {
    let fits = |(v, n): (i64, usize)| (k + n <= end).then_some((v, n));
    let pd = pubdate?;
    // German "morgen" (tomorrow) is an adverb; the noun "Morgen" (morning, "am Morgen")
    // inside a sentence is no day.
    let noun = p.lang == annals_core::Lang::De
        && p.tokens[k].cap
        && k > 0
        && p.tokens[k - 1].kind == TokenKind::Word;
    if let Some((off, n)) = grammar
        .day_offsets
        .at(&p.tokens, k)
        .and_then(fits)
        .filter(|&(_, n)| !(noun && n == 1))
    {
        return pd
            .checked_add((off as i32).days())
            .ok()
            .map(|d| DateMention::on(k..k + n, d));
    }
    if let Some((off, n)) = grammar.week_offsets.at(&p.tokens, k).and_then(fits) {
        return Some(week_of(k..k + n, pd, off));
    }
    if let Some((off, n)) = grammar.month_offsets.at(&p.tokens, k).and_then(fits) {
        return Some(month_of(k..k + n, pd, off));
    }
    if let Some((off, n)) = grammar.year_offsets.at(&p.tokens, k).and_then(fits) {
        return Some(DateMention::year(k..k + n, pd.year() + off as i16));
    }
    ago_at(p, grammar, k, end, pd)
}

/// "vor drei Jahren", "three years ago", "три года назад": a count of periods back from
/// the publication day, at the precision of the period.
fn ago_at(p: &Prepared, grammar: &Grammar, k: usize, end: usize, pd: Date) -> Option<DateMention> {
    let before = grammar.ago_before.contains_word(&p.tokens[k].lower);
    let c = if before { k + 1 } else { k };
    if c >= end {
        return None;
    }
    let count = number(p, c)
        .filter(|&n| (1..=100).contains(&n))
        .map(i64::from)
        .or_else(|| {
            grammar
                .counts
                .at(&p.tokens, c)
                .filter(|&(_, n)| n == 1)
                .map(|(v, _)| v)
        })?;
    let u = c + 1;
    let (unit, n) = (u < end)
        .then(|| grammar.period_units.at(&p.tokens, u))
        .flatten()?;
    let mut stop = u + n;
    if !before {
        if !(stop < end && grammar.ago_after.contains_word(&p.tokens[stop].lower)) {
            return None;
        }
        stop += 1;
    }
    let tokens = k..stop;
    Some(match unit {
        365 => DateMention::year(tokens, pd.year() - count as i16),
        30 => month_of(tokens, pd, -count),
        7 => week_of(tokens, pd, -count),
        _ => DateMention::on(tokens, pd - ((count * unit) as i32).days()),
    })
}

/// The week `off` weeks from the publication day's week, as its Monday.
fn week_of(tokens: std::ops::Range<usize>, pd: Date, off: i64) -> DateMention {
    let monday = pd - (pd.weekday().to_monday_zero_offset() as i32).days();
    DateMention::week(tokens, monday + ((off * 7) as i32).days())
}

/// The month `off` months from the publication day's month.
fn month_of(tokens: std::ops::Range<usize>, pd: Date, off: i64) -> DateMention {
    let index = pd.year() as i64 * 12 + pd.month() as i64 - 1 + off;
    DateMention::month(
        tokens,
        index.div_euclid(12) as i16,
        index.rem_euclid(12) + 1,
    )
}

/// A date the text left open, turned by the tense of its event: a weekday or a month
/// without a year lies before the publication date in a past clause and after it in a
/// future one ("will meet on Tuesday", "seit Juli").
pub fn orient(d: &DateMention, tense: Tense, published: Option<&str>) -> DateMention {
    let Some(pd) = parse_published(published) else {
        return d.clone();
    };
    match (d.anchor, tense) {
        (Anchor::Weekday(wd), Tense::Future) => {
            let ahead = (wd as i64 - pd.weekday().to_monday_zero_offset() as i64).rem_euclid(7);
            DateMention {
                anchor: d.anchor,
                ..DateMention::on(d.tokens.clone(), pd + (ahead as i32).days())
            }
        }
        (Anchor::Month(m), Tense::Past | Tense::Future) => {
            let here = pd.month();
            let year = match tense {
                Tense::Past if m > here => pd.year() - 1,
                Tense::Future if m < here => pd.year() + 1,
                _ => pd.year(),
            };
            DateMention {
                anchor: d.anchor,
                ..DateMention::month(d.tokens.clone(), year, m)
            }
        }
        (Anchor::DayMonth(m, day), Tense::Past | Tense::Future) => {
            let this = Date::new(pd.year(), m, day).ok();
            let year = match (tense, this) {
                (Tense::Past, Some(t)) if t > pd => pd.year() - 1,
                (Tense::Future, Some(t)) if t < pd => pd.year() + 1,
                _ => pd.year(),
            };
            match Date::new(year, m, day) {
                Ok(x) => DateMention {
                    anchor: d.anchor,
                    ..DateMention::on(d.tokens.clone(), x)
                },
                Err(_) => d.clone(),
            }
        }
        _ => d.clone(),
    }
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
            Some(d) => DateMention {
                anchor: Anchor::DayMonth(month, day),
                ..DateMention::on(tokens, d)
            },
            None => DateMention::no_year(tokens, month, day),
        },
        (None, None) => DateMention::no_year(tokens, month, day),
    }
}

/// A record for a date mention.
pub fn record(p: &Prepared, d: &DateMention) -> DateRecord {
    if d.tokens.is_empty() {
        return DateRecord {
            value: d.value.clone(),
            precision: d.precision.to_string(),
            text: String::new(),
            span: [0, 0],
        };
    }
    let span = Span::new(
        p.tokens[d.tokens.start].span.start,
        p.tokens[d.tokens.end - 1].span.end,
    );
    DateRecord {
        value: d.value.clone(),
        precision: d.precision.to_string(),
        text: p.orig_text(span),
        span: p.orig_span(span),
    }
}

/// The tense of an event's clause (and of the verb of saying that reports it): future when
/// the modes say so, past when a past auxiliary or irregular past form stands in it
/// ("hatte", "had", "был", "traf") or a verb carries a past ending ("sanktionierte",
/// "imposed", "ввели", "жапты").
pub fn tense(
    p: &Prepared,
    grammar: &Grammar,
    clauses: &[std::ops::Range<usize>],
    trigger: std::ops::Range<usize>,
    future: bool,
) -> Tense {
    if future {
        return Tense::Future;
    }
    let past = clauses.iter().any(|c| {
        c.clone()
            .any(|k| grammar.past.longest(&p.tokens, k).is_some())
            || c.clone()
                .any(|k| past_form(p, grammar, k, c.clone(), trigger.contains(&k)))
    });
    if past {
        Tense::Past
    } else {
        Tense::Unknown
    }
}

/// Whether token `k` is a verb with a past ending. Other words than the trigger count only
/// when they are lowercase, no function word and not after an article, possessive or
/// preposition ("die geplanten Gespräche", "the proposed deal" are adjectives); Kazakh puts
/// its verb last, and its past endings are also case endings of nouns, so there only the
/// clause's last word counts besides the trigger.
fn past_form(
    p: &Prepared,
    grammar: &Grammar,
    k: usize,
    clause: std::ops::Range<usize>,
    is_trigger: bool,
) -> bool {
    let t = &p.tokens[k];
    if t.kind != TokenKind::Word || t.cap || grammar.is_function_word(&t.lower) {
        return false;
    }
    if !is_trigger {
        if p.lang == annals_core::Lang::Kk {
            let last = (clause.start..clause.end)
                .rev()
                .find(|&j| p.tokens[j].kind == TokenKind::Word);
            if last != Some(k) {
                return false;
            }
        } else if k > clause.start {
            let prev = &p.tokens[k - 1].lower;
            if grammar.determiners.contains_word(prev)
                || grammar.indefinite.contains_word(prev)
                || grammar.possessive.contains_word(prev)
                || grammar.prepositions.contains_word(prev)
            {
                return false;
            }
        }
    }
    let chars = t.lower.chars().count();
    grammar
        .past_endings
        .iter()
        .any(|e| t.lower.ends_with(e.as_str()) && chars >= e.chars().count() + 2)
}

/// The date of an event: the date phrase of its clause nearest the trigger, else that of the
/// verb of saying that reports it ("said on Tuesday that ..."); a weekday or a month without
/// a year turned by the tense, except that a date next to a verb of saying dates the
/// statement, not the act announced ("sagte am Dienstag, man werde ... liefern"). Without a
/// phrase an event told in the past happened before the publication day (the gold
/// convention `before:YYYY-MM-DD`).
#[allow(clippy::too_many_arguments)]
pub fn for_event(
    p: &Prepared,
    grammar: &Grammar,
    found: &[DateMention],
    clause: &std::ops::Range<usize>,
    speech: Option<&std::ops::Range<usize>>,
    at: usize,
    tense: Tense,
    published: Option<&str>,
) -> Option<DateMention> {
    let nearest = |c: &std::ops::Range<usize>| {
        found
            .iter()
            .filter(|d| c.contains(&d.tokens.start))
            .min_by_key(|d| (d.tokens.start as i64 - at as i64).abs())
    };
    let own = nearest(clause);
    let said = |d: &DateMention| {
        let near = d.tokens.start.saturating_sub(2)..(d.tokens.end + 2).min(p.tokens.len());
        near.into_iter()
            .any(|k| grammar.speech.longest(&p.tokens, k).is_some())
    };
    match own.or_else(|| speech.and_then(nearest)) {
        Some(d) if own.is_none() || said(d) => Some(orient(d, Tense::Unknown, published)),
        Some(d) => Some(orient(d, tense, published)),
        None if tense == Tense::Past => parse_published(published).map(DateMention::before),
        None => None,
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

#[cfg(test)]
mod tests {
    use super::*;
    use annals_core::Lang;

    fn grammar(lang: Lang) -> Grammar {
        let path = format!(
            "{}/../../data/lang/{}/grammar.toml",
            env!("CARGO_MANIFEST_DIR"),
            lang.code()
        );
        Grammar::parse(&std::fs::read_to_string(&path).unwrap(), &path).unwrap()
    }

    /// The dates of a text, as (value, words).
    fn dates(lang: Lang, text: &str, published: &str) -> Vec<(String, String)> {
        let g = grammar(lang);
        let p = annals_text::prepare(text, lang, &g);
        find(&p, &g, 0..p.tokens.len(), Some(published))
            .iter()
            .map(|d| (d.value.clone(), record(&p, d).text))
            .collect()
    }

    /// The date of the event whose trigger is the word `trigger`, the whole text one clause.
    fn event_date(lang: Lang, text: &str, trigger: &str, future: bool, published: &str) -> String {
        let g = grammar(lang);
        let p = annals_text::prepare(text, lang, &g);
        let all = 0..p.tokens.len();
        let at = all
            .clone()
            .find(|&k| p.tokens[k].lower == trigger)
            .expect("trigger in text");
        let found = find(&p, &g, all.clone(), Some(published));
        let t = tense(&p, &g, &[all.clone()], at..at + 1, future);
        for_event(&p, &g, &found, &all, None, at, t, Some(published))
            .map_or("none".into(), |d| d.value)
    }

    #[test]
    fn weekdays_are_the_last_such_day_up_to_publication() {
        // 2025-03-06 is a Thursday.
        let v = |lang, text| dates(lang, text, "2025-03-06")[0].0.clone();
        assert_eq!(
            v(Lang::De, "Scholz empfing Macron am Dienstag in Berlin."),
            "2025-03-04"
        );
        assert_eq!(
            v(
                Lang::De,
                "Am Donnerstagabend telefonierten Erdoğan und Putin."
            ),
            "2025-03-06"
        );
        assert_eq!(
            v(Lang::En, "Blinken arrived in Ankara on Friday."),
            "2025-02-28"
        );
        assert_eq!(
            v(Lang::Ru, "Лавров в среду провел переговоры с Ваном И."),
            "2025-03-05"
        );
        assert_eq!(
            v(Lang::Kk, "Тоқаев сейсенбіде Мирзиёевпен кездесті."),
            "2025-03-04"
        );
    }

    #[test]
    fn a_weekday_of_a_future_act_lies_ahead() {
        let d = event_date(
            Lang::En,
            "Macron will travel to Warsaw on Monday.",
            "travel",
            true,
            "2025-03-06",
        );
        assert_eq!(d, "2025-03-10");
        let d = event_date(
            Lang::De,
            "Der Kanzler wird am Montag nach Kiew reisen.",
            "reisen",
            true,
            "2025-03-06",
        );
        assert_eq!(d, "2025-03-10");
    }

    #[test]
    fn relative_days_weeks_months_and_years() {
        let pd = "2025-03-06";
        assert_eq!(
            dates(Lang::Ru, "Вчера Минск выслал двух польских дипломатов.", pd)[0].0,
            "2025-03-05"
        );
        assert_eq!(
            dates(Lang::De, "Kiew meldete am Vortag neue Angriffe.", pd)[0],
            ("2025-03-05".into(), "am Vortag".into())
        );
        assert_eq!(
            dates(
                Lang::En,
                "Seoul summoned the Japanese ambassador last night.",
                pd
            )[0]
            .0,
            "2025-03-05"
        );
        // A week is given by its Monday.
        assert_eq!(
            dates(
                Lang::En,
                "Ottawa expelled two Indian diplomats last week.",
                pd
            )[0]
            .0,
            "2025-02-24"
        );
        assert_eq!(
            dates(
                Lang::De,
                "Baku und Eriwan verhandelten vergangene Woche in Genf.",
                pd
            )[0]
            .0,
            "2025-02-24"
        );
        assert_eq!(
            dates(Lang::Ru, "На этой неделе Анкара закрыла границу.", pd)[0].0,
            "2025-03-03"
        );
        assert_eq!(
            dates(
                Lang::Kk,
                "Өткен аптада Астана мен Бішкек келісімге қол қойды.",
                pd
            )[0]
            .0,
            "2025-02-24"
        );
        assert_eq!(
            dates(Lang::En, "Manila protested to Beijing last month.", pd)[0].0,
            "2025-02"
        );
        assert_eq!(
            dates(
                Lang::Kk,
                "Осы айдың басында Астана Бішкекке нота жіберді.",
                pd
            )[0]
            .0,
            "2025-03"
        );
        assert_eq!(
            dates(Lang::Ru, "В начале этого месяца Ереван отозвал посла.", pd)[0].0,
            "2025-03"
        );
        assert_eq!(
            dates(Lang::Ru, "В прошлом году Баку разорвал соглашение.", pd)[0].0,
            "2024"
        );
        assert_eq!(
            dates(Lang::Kk, "Былтыр Ташкент Астанаға көмек жіберді.", pd)[0].0,
            "2024"
        );
        assert_eq!(
            dates(
                Lang::De,
                "Die Regierung hatte das Abkommen im vergangenen Jahr gekündigt.",
                pd
            )[0]
            .0,
            "2024"
        );
    }

    #[test]
    fn the_german_noun_morgen_is_no_day() {
        let pd = "2025-03-06";
        assert!(dates(
            Lang::De,
            "Die Polizei nahm am Morgen drei Aktivisten fest.",
            pd
        )
        .is_empty());
        assert_eq!(
            dates(Lang::De, "Scholz reist morgen nach Paris.", pd)[0].0,
            "2025-03-07"
        );
    }

    #[test]
    fn periods_counted_back() {
        let pd = "2025-03-06";
        assert_eq!(
            dates(
                Lang::De,
                "Moskau hatte vor drei Jahren die Botschaft geschlossen.",
                pd
            )[0],
            ("2022".into(), "vor drei Jahren".into())
        );
        assert_eq!(
            dates(Lang::En, "Tehran seized the tanker two weeks ago.", pd)[0].0,
            "2025-02-17"
        );
        assert_eq!(
            dates(Lang::En, "Pyongyang fired a missile five days ago.", pd)[0].0,
            "2025-03-01"
        );
        assert_eq!(
            dates(
                Lang::Ru,
                "Два года назад Киев разорвал отношения с Тегераном.",
                pd
            )[0]
            .0,
            "2023"
        );
        assert_eq!(
            dates(Lang::Kk, "Үш жыл бұрын Мәскеу елшісін кері шақырды.", pd)[0].0,
            "2022"
        );
        // "vor" without a count of periods is no date ("vor dem Treffen").
        assert!(dates(Lang::De, "Vor dem Treffen sprach Selenskyj mit Biden.", pd).is_empty());
    }

    #[test]
    fn years_and_months_in_any_order() {
        let pd = "2025-03-06";
        assert_eq!(
            dates(Lang::En, "The two states cut ties in 2018.", pd)[0].0,
            "2018"
        );
        assert_eq!(
            dates(
                Lang::Ru,
                "В 2018 году Москва выслала британских дипломатов.",
                pd
            )[0]
            .0,
            "2018"
        );
        assert_eq!(
            dates(
                Lang::Kk,
                "2019 жылдың қыркүйегінде Тоқаев Мәскеуге барды.",
                pd
            )[0]
            .0,
            "2019-09"
        );
        assert_eq!(
            dates(Lang::Kk, "2016 жылы Анкара мен Мәскеу татуласты.", pd)[0].0,
            "2016"
        );
        assert_eq!(
            dates(
                Lang::De,
                "Im Juni 2019 unterzeichneten beide Seiten das Abkommen.",
                pd
            )[0]
            .0,
            "2019-06"
        );
        // A sum of money is no year.
        assert!(dates(Lang::En, "Washington pledged 2000 million dollars.", pd).is_empty());
    }

    #[test]
    fn a_month_without_year_follows_the_tense() {
        // Published in March: "seit Juli" in a past clause is last July, a future December
        // this year.
        let d = event_date(
            Lang::De,
            "Seit Juli blockierte Aserbaidschan die Straße.",
            "blockierte",
            false,
            "2025-03-06",
        );
        assert_eq!(d, "2024-07");
        let d = event_date(
            Lang::Ru,
            "С июля Баку блокировал дорогу.",
            "блокировал",
            false,
            "2025-03-06",
        );
        assert_eq!(d, "2024-07");
        let d = event_date(
            Lang::En,
            "Tokyo will host the summit in December.",
            "host",
            true,
            "2025-03-06",
        );
        assert_eq!(d, "2025-12");
    }

    #[test]
    fn no_year_is_invented_without_a_publication_date() {
        let g = grammar(Lang::De);
        let p = annals_text::prepare("Am 27. November traf Putin Tokajew.", Lang::De, &g);
        let found = find(&p, &g, 0..p.tokens.len(), None);
        assert_eq!(found[0].value, "--11-27");
        assert_eq!(found[0].year, None);
    }

    #[test]
    fn a_past_event_without_a_date_lies_before_publication() {
        let pd = "2025-03-06";
        let past = |lang, text, trigger| event_date(lang, text, trigger, false, pd);
        assert_eq!(
            past(
                Lang::De,
                "Die EU sanktionierte Teheran wegen der Drohnenlieferungen.",
                "sanktionierte"
            ),
            "before:2025-03-06"
        );
        assert_eq!(
            past(
                Lang::De,
                "Polen hat die Grenze zu Belarus geschlossen.",
                "geschlossen"
            ),
            "before:2025-03-06"
        );
        assert_eq!(
            past(
                Lang::En,
                "Canada imposed tariffs on Chinese steel.",
                "imposed"
            ),
            "before:2025-03-06"
        );
        assert_eq!(
            past(Lang::En, "Tehran seized a British tanker.", "seized"),
            "before:2025-03-06"
        );
        assert_eq!(
            past(Lang::Ru, "Грузия ввела визы для граждан России.", "ввела"),
            "before:2025-03-06"
        );
        assert_eq!(
            past(Lang::Kk, "Қытай Жапонияға қарсы шара қолданды.", "шара"),
            "before:2025-03-06"
        );
        // Present and future acts, and adjectives with a past ending, carry no date.
        assert_eq!(
            past(
                Lang::De,
                "Die EU verhängt neue Sanktionen gegen Minsk.",
                "sanktionen"
            ),
            "none"
        );
        assert_eq!(
            past(
                Lang::De,
                "Die geplanten Gespräche in Genf beginnen im Frühjahr.",
                "gespräche"
            ),
            "none"
        );
        assert_eq!(
            past(
                Lang::En,
                "Russia accuses Kyiv of shelling the plant.",
                "accuses"
            ),
            "none"
        );
        assert_eq!(
            past(Lang::Ru, "Москва обвиняет Киев в обстрелах.", "обвиняет"),
            "none"
        );
        assert_eq!(
            event_date(
                Lang::En,
                "Paris will recall its ambassador.",
                "recall",
                true,
                pd
            ),
            "none"
        );
    }

    #[test]
    fn a_date_next_to_a_verb_of_saying_dates_the_statement() {
        let d = event_date(
            Lang::De,
            "Baerbock sagte am Dienstag, Berlin werde weitere Panzer liefern.",
            "liefern",
            true,
            "2025-03-06",
        );
        assert_eq!(d, "2025-03-04");
        let d = event_date(
            Lang::Ru,
            "Во вторник Лавров заявил, что Москва вышлет эстонских дипломатов.",
            "вышлет",
            true,
            "2025-03-06",
        );
        assert_eq!(d, "2025-03-04");
    }

    #[test]
    fn a_date_phrase_of_the_clause_wins_over_the_tense() {
        let d = event_date(
            Lang::Ru,
            "Премьер Пашинян в понедельник посетил Тбилиси.",
            "посетил",
            false,
            "2025-03-06",
        );
        assert_eq!(d, "2025-03-03");
        let d = event_date(
            Lang::En,
            "The ministers met in Geneva on 14 February.",
            "met",
            false,
            "2025-03-06",
        );
        assert_eq!(d, "2025-02-14");
    }
}
