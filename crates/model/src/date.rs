//! Dates that keep the precision their source gave them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::{Date, Month, OffsetDateTime, UtcOffset};

/// How precisely a [`PartialDate`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// Only the year is known (`2025`).
    Year,
    /// Year and month (`2025-11`).
    Month,
    /// A calendar day (`2025-11-27`).
    Day,
    /// A moment, with the UTC offset the source wrote (`2025-11-27T09:30:00-05:00`).
    DateTime,
}

impl DatePrecision {
    /// A stable small integer for storage (1 = year … 4 = date-time).
    pub fn code(self) -> u64 {
        match self {
            DatePrecision::Year => 1,
            DatePrecision::Month => 2,
            DatePrecision::Day => 3,
            DatePrecision::DateTime => 4,
        }
    }

    /// The inverse of [`DatePrecision::code`].
    pub fn from_code(code: u64) -> Option<Self> {
        Some(match code {
            1 => DatePrecision::Year,
            2 => DatePrecision::Month,
            3 => DatePrecision::Day,
            4 => DatePrecision::DateTime,
            _ => return None,
        })
    }
}

/// A date known to the year, the month, the day or the second.
///
/// It serializes as the shortest RFC 3339-style string for its precision: `2025`, `2025-11`,
/// `2025-11-27` or `2025-11-27T09:30:00-05:00` (the source's UTC offset is kept).
///
/// ```
/// use pundit_model::{DatePrecision, PartialDate};
///
/// let d: PartialDate = "1790".parse().unwrap();
/// assert_eq!(d.precision(), DatePrecision::Year);
/// // A date known only to the year counts as its first day for filters and sorting.
/// assert_eq!(d.start_utc().date().to_string(), "1790-01-01");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartialDate {
    /// Only the year.
    Year(i32),
    /// Year and month (1–12).
    Month(i32, u8),
    /// A calendar day.
    Day(Date),
    /// A moment with its original offset.
    DateTime(OffsetDateTime),
}

/// A string that is not a date Pundit understands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a date: {input:?} (expected YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339)")]
pub struct DateError {
    /// The text that failed to parse.
    pub input: String,
}

impl PartialDate {
    /// The precision of this date.
    pub fn precision(&self) -> DatePrecision {
        match self {
            PartialDate::Year(_) => DatePrecision::Year,
            PartialDate::Month(..) => DatePrecision::Month,
            PartialDate::Day(_) => DatePrecision::Day,
            PartialDate::DateTime(_) => DatePrecision::DateTime,
        }
    }

    /// The first instant of the period this date names, in UTC.
    pub fn start_utc(&self) -> OffsetDateTime {
        match *self {
            PartialDate::Year(y) => day_start(y, 1, 1),
            PartialDate::Month(y, m) => day_start(y, m, 1),
            PartialDate::Day(d) => d.midnight().assume_utc(),
            PartialDate::DateTime(dt) => dt.to_offset(UtcOffset::UTC),
        }
    }

    /// The first instant after the period this date names, in UTC (exclusive end).
    ///
    /// ```
    /// use pundit_model::PartialDate;
    /// let nov: PartialDate = "2025-11".parse().unwrap();
    /// assert_eq!(nov.end_utc().date().to_string(), "2025-12-01");
    /// ```
    pub fn end_utc(&self) -> OffsetDateTime {
        match *self {
            PartialDate::Year(y) => day_start(y + 1, 1, 1),
            PartialDate::Month(y, 12) => day_start(y + 1, 1, 1),
            PartialDate::Month(y, m) => day_start(y, m + 1, 1),
            PartialDate::Day(d) => d.midnight().assume_utc() + time::Duration::DAY,
            PartialDate::DateTime(dt) => dt.to_offset(UtcOffset::UTC) + time::Duration::SECOND,
        }
    }

    /// The year as written in the source.
    pub fn year(&self) -> i32 {
        match *self {
            PartialDate::Year(y) | PartialDate::Month(y, _) => y,
            PartialDate::Day(d) => d.year(),
            PartialDate::DateTime(dt) => dt.year(),
        }
    }

    /// Builds a date from a year, month and day, checking the calendar.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<PartialDate> {
        let month = Month::try_from(month).ok()?;
        Date::from_calendar_date(year, month, day)
            .ok()
            .map(PartialDate::Day)
    }
}

fn day_start(year: i32, month: u8, day: u8) -> OffsetDateTime {
    let month = Month::try_from(month).unwrap_or(Month::January);
    Date::from_calendar_date(year, month, day)
        .unwrap_or(Date::MIN)
        .midnight()
        .assume_utc()
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let s = input.trim();
        let err = || DateError {
            input: input.to_string(),
        };
        if !s.is_ascii() {
            return Err(err()); // every accepted form is ASCII; slicing below assumes it
        }
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        match s.len() {
            4 if digits(s) => return Ok(PartialDate::Year(s.parse().map_err(|_| err())?)),
            7 if digits(&s[..4]) && &s[4..5] == "-" && digits(&s[5..]) => {
                let y = s[..4].parse().map_err(|_| err())?;
                let m: u8 = s[5..].parse().map_err(|_| err())?;
                return if (1..=12).contains(&m) {
                    Ok(PartialDate::Month(y, m))
                } else {
                    Err(err())
                };
            }
            10 if digits(&s[..4]) && digits(&s[5..7]) && digits(&s[8..]) => {
                let y = s[..4].parse().map_err(|_| err())?;
                let m = s[5..7].parse().map_err(|_| err())?;
                let d = s[8..].parse().map_err(|_| err())?;
                return PartialDate::from_ymd(y, m, d).ok_or_else(err);
            }
            _ => {}
        }
        OffsetDateTime::parse(s, &Rfc3339)
            .map(PartialDate::DateTime)
            .map_err(|_| err())
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartialDate::Year(y) => write!(f, "{y:04}"),
            PartialDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            PartialDate::Day(d) => {
                write!(
                    f,
                    "{:04}-{:02}-{:02}",
                    d.year(),
                    u8::from(d.month()),
                    d.day()
                )
            }
            PartialDate::DateTime(dt) => match dt.format(&Rfc3339) {
                Ok(s) => f.write_str(&s),
                Err(_) => write!(f, "{dt}"),
            },
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Accept a bare JSON number as a year (1790), as archives often store years that way.
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Number(i64),
        }
        match Raw::deserialize(deserializer)? {
            Raw::Text(s) => s.parse().map_err(serde::de::Error::custom),
            Raw::Number(n) => i32::try_from(n)
                .map(PartialDate::Year)
                .map_err(|_| serde::de::Error::custom(format!("year out of range: {n}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_precision() {
        for s in [
            "2025",
            "2025-11",
            "2025-11-27",
            "2025-11-27T09:30:00-05:00",
            "2025-11-27T14:30:00Z",
        ] {
            let d: PartialDate = s.parse().unwrap();
            assert_eq!(d.to_string(), s);
        }
        assert!("2025-13".parse::<PartialDate>().is_err());
        assert!("2025-02-30".parse::<PartialDate>().is_err());
        assert!("yesterday".parse::<PartialDate>().is_err());
        assert!("#Krótko o".parse::<PartialDate>().is_err());
        assert!("2025-1é".parse::<PartialDate>().is_err());
    }

    #[test]
    fn periods_cover_their_whole_span() {
        let d: PartialDate = "2024-02".parse().unwrap();
        assert_eq!(d.start_utc().date().to_string(), "2024-02-01");
        assert_eq!(d.end_utc().date().to_string(), "2024-03-01");
        let t: PartialDate = "2025-11-27T23:30:00-05:00".parse().unwrap();
        assert_eq!(t.start_utc().date().to_string(), "2025-11-28");
    }
}
