//! Day arithmetic for date windows: civil dates as day numbers (days since 1970-01-01), and
//! the window a coded date covers at its precision.

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
pub fn day_number(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The civil date of a day number, as `YYYY-MM-DD`.
pub fn iso(day: i64) -> String {
    let z = day + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses `YYYY-MM-DD` (anything after the tenth character is ignored) into a day number.
pub fn parse_day(s: &str) -> Option<i64> {
    let s = s.get(..10)?;
    let y: i64 = s.get(..4)?.parse().ok()?;
    let m: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    if s.as_bytes()[4] != b'-'
        || s.as_bytes()[7] != b'-'
        || !(1..=12).contains(&m)
        || d == 0
        || d > days_in_month(y, m)
    {
        return None;
    }
    Some(day_number(y, m, d))
}

/// How precisely a date is known, from the finest to the coarsest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
}

impl Precision {
    pub fn name(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
    pub fn parse(s: &str) -> Option<Precision> {
        Some(match s {
            "day" => Precision::Day,
            "week" => Precision::Week,
            "month" => Precision::Month,
            "year" => Precision::Year,
            _ => return None,
        })
    }
}

/// The days a coded date stands for: one day, a week, a month or a year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    pub value: String,
    pub precision: Precision,
    pub lo: i64,
    pub hi: i64,
}

/// The window of a coded date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `--MM-DD`). A date without a
/// year takes the publication year; `before:` dates and unparsable values give `None` (the
/// date is unknown, and merging falls back on publication dates).
pub fn window(value: &str, precision: &str, published: Option<&str>) -> Option<Window> {
    if let Some(md) = value.strip_prefix("--") {
        let year = published?.get(..4)?;
        let full = format!("{year}-{md}");
        let day = parse_day(&full)?;
        return Some(Window {
            value: full,
            precision: Precision::Day,
            lo: day,
            hi: day,
        });
    }
    let declared = Precision::parse(precision);
    match value.len() {
        10 => {
            let day = parse_day(value)?;
            let precision = declared
                .filter(|p| *p <= Precision::Week)
                .unwrap_or(Precision::Day);
            let hi = if precision == Precision::Week {
                day + 6
            } else {
                day
            };
            Some(Window {
                value: value.to_string(),
                precision,
                lo: day,
                hi,
            })
        }
        7 => {
            let y: i64 = value.get(..4)?.parse().ok()?;
            let m: u32 = value.get(5..7)?.parse().ok()?;
            if !(1..=12).contains(&m) {
                return None;
            }
            Some(Window {
                value: value.to_string(),
                precision: Precision::Month,
                lo: day_number(y, m, 1),
                hi: day_number(y, m, days_in_month(y, m)),
            })
        }
        4 => {
            let y: i64 = value.parse().ok()?;
            Some(Window {
                value: value.to_string(),
                precision: Precision::Year,
                lo: day_number(y, 1, 1),
                hi: day_number(y, 12, 31),
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for s in [
            "1970-01-01",
            "2000-02-29",
            "2023-12-31",
            "2024-03-01",
            "1899-07-14",
        ] {
            assert_eq!(iso(parse_day(s).unwrap()), s);
        }
        assert_eq!(parse_day("1970-01-02"), Some(1));
        assert_eq!(parse_day("2023-02-29"), None);
    }

    #[test]
    fn windows_cover_their_precision() {
        let m = window("2024-02", "month", None).unwrap();
        assert_eq!(
            (iso(m.lo), iso(m.hi)),
            ("2024-02-01".into(), "2024-02-29".into())
        );
        let y = window("2023", "year", None).unwrap();
        assert_eq!(y.hi - y.lo, 364);
        let d = window("--05-14", "day-of-year-unknown", Some("2024-05-15")).unwrap();
        assert_eq!(d.value, "2024-05-14");
        assert!(window("before:2024-05-01", "before", None).is_none());
    }
}
