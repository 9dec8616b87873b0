//! Dates in plan files are native TOML dates (`by = 2026-12-01`), which jiff's own serde support would write as
//! quoted strings. These adapters write native values and accept both forms, so hand-written files load either way.

use jiff::{Timestamp, civil::Date, tz::TimeZone};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};
use toml::value::Datetime;

/// The text of [`timestamp_to_datetime`], in a time zone looked up once by the caller: for listings that print
/// thousands of timestamps.
pub(crate) fn timestamp_text(ts: Timestamp, tz: &TimeZone) -> String {
    ts.to_zoned_datetime(tz.clone())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// A timestamp as it is written to a file: seconds precision, the local offset, so a person reading it sees their
/// own clock.
pub(crate) fn timestamp_to_datetime(ts: Timestamp) -> Datetime {
    let text = timestamp_text(ts, &TimeZone::system());
    // The format is always valid RFC 3339, which is what Datetime parses.
    text.parse().unwrap_or(Datetime {
        date: None,
        time: None,
        offset: None,
    })
}

fn datetime_to_timestamp(dt: &Datetime) -> Result<Timestamp, String> {
    let text = dt.to_string();
    if dt.offset.is_some() {
        return text
            .parse::<Timestamp>()
            .map_err(|e| format!("invalid date-time {text}: {e}"));
    }
    let civil = match (dt.date, dt.time) {
        (Some(_), Some(_)) => text
            .parse::<jiff::civil::DateTime>()
            .map_err(|e| e.to_string())?,
        (Some(_), None) => text
            .parse::<Date>()
            .map_err(|e| e.to_string())?
            .at(0, 0, 0, 0),
        _ => return Err(format!("{text} is a time without a date")),
    };
    civil
        .to_zoned_datetime(TimeZone::system())
        .map(|z| z.timestamp())
        .map_err(|e| e.to_string())
}

fn parse_timestamp(value: toml::Value) -> Result<Timestamp, String> {
    match value {
        toml::Value::Datetime(dt) => datetime_to_timestamp(&dt),
        toml::Value::String(s) => match s.trim().parse::<Datetime>() {
            Ok(dt) => datetime_to_timestamp(&dt),
            Err(_) => Err(format!(
                "{s:?} is not a date-time like 2026-11-26T09:30:00Z"
            )),
        },
        other => Err(format!("expected a date-time, found {}", other.type_str())),
    }
}

/// The calendar date a moment falls on in the user's time zone: how a person thinks of when a plan was made.
pub fn local_date(ts: Timestamp) -> Date {
    ts.to_zoned_datetime(TimeZone::system()).date()
}

/// A date as written to a file: a native TOML local date.
pub(crate) fn date_to_datetime(date: Date) -> Datetime {
    date.to_string().parse().unwrap_or(Datetime {
        date: None,
        time: None,
        offset: None,
    })
}

/// Reads a date the way a person would write one: a TOML date, a quoted date, or a date-time (its date is kept).
pub(crate) fn parse_date(value: toml::Value) -> Result<Date, String> {
    let dt = match value {
        toml::Value::Datetime(dt) => dt,
        toml::Value::String(s) => s
            .trim()
            .parse::<Datetime>()
            .map_err(|_| format!("{s:?} is not a date like 2026-12-01"))?,
        other => return Err(format!("expected a date, found {}", other.type_str())),
    };
    match dt.date {
        Some(d) => Date::new(d.year as i16, d.month as i8, d.day as i8).map_err(|e| e.to_string()),
        None => Err(format!("{dt} has no date")),
    }
}

/// `#[serde(with = "timestamp")]` for `created` and `updated`.
pub mod timestamp {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(ts: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
        timestamp_to_datetime(*ts).serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        parse_timestamp(toml::Value::deserialize(d)?).map_err(D::Error::custom)
    }
}

/// `#[serde(with = "opt_date")]` for optional dates such as `by` and `follow_up`.
pub mod opt_date {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => date_to_datetime(*d).serialize(s),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        match toml::Value::deserialize(d)? {
            toml::Value::String(s) if s.trim().is_empty() => Ok(None),
            v => parse_date(v).map(Some).map_err(D::Error::custom),
        }
    }
}

/// Today in the user's time zone: "by when" and "on" are calendar days to the user, not UTC instants.
pub fn today() -> Date {
    Timestamp::now()
        .to_zoned_datetime(TimeZone::system())
        .date()
}

/// The ways a date may be typed, for error messages and hints: every form [`parse_date_phrase`] accepts.
pub const DATE_FORMS: &str = "2026-12-18, 18 dec, dec 18, today, tomorrow, yesterday, fri or friday (the next \
one), next friday, in 3 days, in 2 weeks, +3d, +2w, end of month";

/// Parses a date typed on the command line or in a form, taking today from the clock: the edge of the program
/// (a CLI flag, a form in the workbook) calls this; the rule itself is [`parse_date_phrase`].
pub(crate) fn parse_user_date(input: &str) -> Result<Date, String> {
    parse_date_phrase(input, today())
}

/// Reads a date the way people type one, relative to `today` (passed in, so the rule is pure and testable):
/// `2026-12-18`; `18 dec` or `dec 18` (with an optional year; without one, the nearest such day, so `3 jan`
/// typed in December is next January and `28 nov` typed in January is last November); `today`, `tomorrow`,
/// `yesterday`; a weekday (`fri`, `friday`, `next friday`: the next one, never today); `in 3 days`,
/// `in 2 weeks`, `in 1 month`; `+3d`, `+2w`, `+1m` (and `-3d` back); `end of month`. Case and extra spaces
/// do not matter. An error lists the accepted forms.
pub fn parse_date_phrase(input: &str, today: Date) -> Result<Date, String> {
    let lower = input.trim().to_lowercase();
    let mut words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    // "3dec" and "dec3" are "3 dec" and "dec 3" typed without the space (as in `--tried reason@3dec`, where a
    // space would need quotes): split a single word where its digits meet its letters.
    if let [one] = words.as_slice()
        && let Some((a, b)) = split_day_and_month(one)
    {
        words = vec![a, b];
    }
    let shown = input.trim();
    if words.is_empty() {
        return Err(format!("no date given: use one of {DATE_FORMS}"));
    }
    let add = |n: i64, unit: Unit| -> Result<Date, String> {
        let span = match unit {
            Unit::Day => jiff::Span::new().try_days(n),
            Unit::Week => jiff::Span::new().try_weeks(n),
            Unit::Month => jiff::Span::new().try_months(n),
        }
        .map_err(|_| format!("{shown:?} is too far away"))?;
        today
            .checked_add(span)
            .map_err(|_| format!("{shown:?} is too far away"))
    };
    match words.as_slice() {
        ["today"] => return Ok(today),
        ["tomorrow"] => return add(1, Unit::Day),
        ["yesterday"] => return add(-1, Unit::Day),
        ["end", "of", "month"] | ["end", "of", "the", "month"] => return Ok(today.last_of_month()),
        ["in", n, unit] => {
            if let (Ok(n), Some(unit)) = (n.parse::<i64>(), Unit::parse(unit)) {
                return add(n, unit);
            }
        }
        [w] | ["next", w] if weekday(w).is_some() => {
            if let Some(day) = weekday(w) {
                return today
                    .nth_weekday(1, day)
                    .map_err(|_| format!("{shown:?} is too far away"));
            }
        }
        [one] if one.starts_with('+') || one.starts_with('-') => {
            if let Some((n, unit)) = relative(one) {
                return add(n, unit);
            }
        }
        [one] if one.len() == 10 && one.as_bytes().get(4) == Some(&b'-') => {
            return one.parse::<Date>().map_err(|_| {
                if one.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                }) {
                    // Written the right way but not on the calendar (30 February): say that.
                    format!("{shown:?} is not a day on the calendar")
                } else {
                    not_a_date(shown)
                }
            });
        }
        [a, b] | [a, b, _] => {
            let year = match words.get(2) {
                Some(y) => match y.parse::<i16>() {
                    Ok(y) => Some(y),
                    Err(_) => return Err(not_a_date(shown)),
                },
                None => None,
            };
            let (day, month) = match (day_number(a), month(b), month(a), day_number(b)) {
                (Some(d), Some(m), _, _) | (_, _, Some(m), Some(d)) => (d, m),
                _ => return Err(not_a_date(shown)),
            };
            return day_in_month(day, month, year, today)
                .ok_or_else(|| format!("{shown:?} is not a day on the calendar"));
        }
        _ => {}
    }
    Err(not_a_date(shown))
}

/// `3dec` → (`3`, `dec`), `18th-dec` is not split; `dec18` → (`dec`, `18`): one run of digits and one of
/// letters, in either order, or nothing.
fn split_day_and_month(word: &str) -> Option<(&str, &str)> {
    let first_digit = word.starts_with(|c: char| c.is_ascii_digit());
    let at = word.find(|c: char| c.is_ascii_digit() != first_digit)?;
    let (a, b) = word.split_at(at);
    let letters = if first_digit { b } else { a };
    let digits = if first_digit { a } else { b };
    (digits.bytes().all(|c| c.is_ascii_digit()) && letters.bytes().all(|c| c.is_ascii_alphabetic()))
        .then_some((a, b))
}

fn not_a_date(shown: &str) -> String {
    format!("{shown:?} is not a date: use one of {DATE_FORMS}")
}

#[derive(Clone, Copy)]
enum Unit {
    Day,
    Week,
    Month,
}

impl Unit {
    fn parse(word: &str) -> Option<Unit> {
        match word {
            "d" | "day" | "days" => Some(Unit::Day),
            "w" | "week" | "weeks" => Some(Unit::Week),
            "m" | "month" | "months" => Some(Unit::Month),
            _ => None,
        }
    }
}

/// `+3d`, `+2w`, `+1m`, `-3d`.
fn relative(word: &str) -> Option<(i64, Unit)> {
    let (sign, rest) = match word.as_bytes().first()? {
        b'+' => (1, &word[1..]),
        b'-' => (-1, &word[1..]),
        _ => return None,
    };
    let split = rest.find(|c: char| !c.is_ascii_digit())?;
    let (digits, unit) = rest.split_at(split);
    let n: i64 = digits.parse().ok()?;
    Some((sign * n, Unit::parse(unit)?))
}

fn weekday(word: &str) -> Option<jiff::civil::Weekday> {
    use jiff::civil::Weekday as W;
    const NAMES: [(&str, W); 7] = [
        ("monday", W::Monday),
        ("tuesday", W::Tuesday),
        ("wednesday", W::Wednesday),
        ("thursday", W::Thursday),
        ("friday", W::Friday),
        ("saturday", W::Saturday),
        ("sunday", W::Sunday),
    ];
    // Three letters at least, so "t" or "s" is not a guess; "tues" and "thurs" work too.
    if word.len() < 3 {
        return None;
    }
    NAMES
        .iter()
        .find(|(name, _)| name.starts_with(word))
        .map(|(_, d)| *d)
}

fn month(word: &str) -> Option<i8> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    // "sept" is how many people shorten September.
    let word = if word == "sept" { "sep" } else { word };
    NAMES
        .iter()
        .position(|name| name.starts_with(word))
        .and_then(|i| i8::try_from(i + 1).ok())
}

/// `18`, `18th`, `1st`, `2nd`, `3rd`.
fn day_number(word: &str) -> Option<i8> {
    let digits = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))
        .unwrap_or(word);
    let n: i8 = digits.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

/// The day in the given year, or without one the nearest such day to `today` (last, this or next year).
fn day_in_month(day: i8, month: i8, year: Option<i16>, today: Date) -> Option<Date> {
    if let Some(y) = year {
        return Date::new(y, month, day).ok();
    }
    let y = today.year();
    [y, y.saturating_sub(1), y.saturating_add(1)]
        .into_iter()
        .filter_map(|y| Date::new(y, month, day).ok())
        .min_by_key(|d| {
            today
                .until(*d)
                .map(|s| s.get_days().abs())
                .unwrap_or(i32::MAX)
        })
}

/// A date as the forms say it back while it is typed: "Friday 11 December", with the year when it is not this
/// year's.
pub fn describe(date: Date, today: Date) -> String {
    if date.year() == today.year() {
        date.strftime("%A %-d %B").to_string()
    } else {
        date.strftime("%A %-d %B %Y").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_that_does_not_exist_is_called_that() {
        assert!(
            parse_user_date("2026-02-30")
                .unwrap_err()
                .contains("not a day on the calendar")
        );
        assert!(
            parse_user_date("30/02/2026")
                .unwrap_err()
                .contains("18 dec, dec 18")
        );
        assert!(
            parse_user_date("31 feb")
                .unwrap_err()
                .contains("not a day on the calendar")
        );
        assert!(parse_user_date("2026-02-28").is_ok());
    }

    #[test]
    fn dates_read_from_native_and_quoted_forms() {
        let native: toml::Table = toml::from_str("d = 2026-12-01").unwrap();
        assert_eq!(
            parse_date(native["d"].clone()).unwrap(),
            jiff::civil::date(2026, 12, 1)
        );
        assert_eq!(
            parse_date(toml::Value::String("2026-12-01".into())).unwrap(),
            jiff::civil::date(2026, 12, 1)
        );
        assert!(parse_date(toml::Value::String("soon".into())).is_err());
        assert!(parse_date(toml::Value::Integer(3)).is_err());
    }

    #[test]
    fn timestamps_round_trip_at_second_precision() {
        let ts: Timestamp = "2026-11-26T09:30:00Z".parse().unwrap();
        let dt = timestamp_to_datetime(ts);
        assert_eq!(datetime_to_timestamp(&dt).unwrap(), ts);
    }

    #[test]
    fn user_dates() {
        assert_eq!(
            parse_user_date("2026-02-03").unwrap(),
            jiff::civil::date(2026, 2, 3)
        );
        assert_eq!(parse_user_date("Today").unwrap(), today());
        assert!(parse_user_date("2026-02-30").is_err());
    }

    /// Wednesday 9 December 2026.
    fn wed() -> Date {
        jiff::civil::date(2026, 12, 9)
    }

    fn on(text: &str) -> Date {
        parse_date_phrase(text, wed()).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn phrases_people_type() {
        let d = jiff::civil::date;
        assert_eq!(on("2026-12-18"), d(2026, 12, 18));
        assert_eq!(on("18 dec"), d(2026, 12, 18));
        assert_eq!(on("Dec 18"), d(2026, 12, 18));
        assert_eq!(on("18th December"), d(2026, 12, 18));
        assert_eq!(on("december 18, 2027"), d(2027, 12, 18));
        assert_eq!(on("today"), wed());
        assert_eq!(on("  Tomorrow "), d(2026, 12, 10));
        assert_eq!(on("yesterday"), d(2026, 12, 8));
        assert_eq!(on("fri"), d(2026, 12, 11));
        assert_eq!(on("friday"), d(2026, 12, 11));
        assert_eq!(on("next friday"), d(2026, 12, 11));
        assert_eq!(on("in 3 days"), d(2026, 12, 12));
        assert_eq!(on("in 2 weeks"), d(2026, 12, 23));
        assert_eq!(on("in 1 month"), d(2027, 1, 9));
        assert_eq!(on("+3d"), d(2026, 12, 12));
        assert_eq!(on("+2w"), d(2026, 12, 23));
        assert_eq!(on("-3d"), d(2026, 12, 6));
        assert_eq!(on("end of month"), d(2026, 12, 31));
        // Without the space, as `--tried reason=resistance@3dec` writes it.
        assert_eq!(on("3dec"), d(2026, 12, 3));
        assert_eq!(on("Dec18"), d(2026, 12, 18));
        assert!(parse_date_phrase("18thdec", wed()).is_err());
        assert!(parse_date_phrase("+3dx", wed()).is_err());
    }

    #[test]
    fn a_weekday_is_the_next_one_never_today() {
        // Wednesday: "wednesday" is a week on, not today.
        assert_eq!(on("wed"), jiff::civil::date(2026, 12, 16));
        assert_eq!(on("tues"), jiff::civil::date(2026, 12, 15));
        assert_eq!(on("thurs"), jiff::civil::date(2026, 12, 10));
    }

    #[test]
    fn a_day_without_a_year_is_the_nearest_one() {
        // "3 jan" typed in December is next January; "28 nov" is the one just gone.
        assert_eq!(on("3 jan"), jiff::civil::date(2027, 1, 3));
        assert_eq!(on("28 nov"), jiff::civil::date(2026, 11, 28));
        let jan = jiff::civil::date(2027, 1, 5);
        assert_eq!(
            parse_date_phrase("28 nov", jan).unwrap(),
            jiff::civil::date(2026, 11, 28)
        );
    }

    #[test]
    fn an_error_lists_every_accepted_form() {
        for bad in [
            "soon",
            "in three days",
            "+3x",
            "fr",
            "next",
            "18 decembre",
            "",
            "32 dec",
        ] {
            let e = parse_date_phrase(bad, wed()).unwrap_err();
            assert!(e.contains(DATE_FORMS), "{bad}: {e}");
        }
    }

    #[test]
    fn dates_are_said_back_in_words() {
        assert_eq!(describe(on("fri"), wed()), "Friday 11 December");
        assert_eq!(describe(on("3 jan"), wed()), "Sunday 3 January 2027");
    }
}
