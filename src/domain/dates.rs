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

/// Parses a date typed on the command line or in a form: `2026-12-01`, or `today` / `yesterday` / `tomorrow`.
pub(crate) fn parse_user_date(input: &str) -> Result<Date, String> {
    let s = input.trim().to_lowercase();
    let today = today();
    let day = |n: i64| {
        today
            .checked_add(jiff::Span::new().days(n))
            .map_err(|e| e.to_string())
    };
    match s.as_str() {
        "today" => Ok(today),
        "yesterday" => day(-1),
        "tomorrow" => day(1),
        _ => s.parse::<Date>().map_err(|_| {
            // Written the right way but not on the calendar (30 February): say that, not "use YYYY-MM-DD".
            let shaped = s.len() == 10
                && s.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                });
            if shaped {
                format!("{:?} is not a day on the calendar", input.trim())
            } else {
                format!("{:?} is not a date: use YYYY-MM-DD", input.trim())
            }
        }),
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
                .contains("use YYYY-MM-DD")
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
}
