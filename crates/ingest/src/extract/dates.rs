//! Dates as people and machines write them.

use pundit_model::PartialDate;
use time::format_description::well_known::Rfc2822;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, UtcOffset};

const MONTHS: [&str; 12] = [
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

/// Month names of other languages seen in bylines (German, French, Spanish, Italian, Dutch,
/// Portuguese; Russian, Ukrainian and Polish in the nominative and the genitive that dates
/// use, "15 августа 2016", "3 marca 2020"), with their month numbers.
const OTHER_MONTHS: &[(&str, u8)] = &[
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("enero", 1),
    ("gennaio", 1),
    ("januari", 1),
    ("janeiro", 1),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("februari", 2),
    ("fevereiro", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("mars", 3),
    ("marzo", 3),
    ("maart", 3),
    ("março", 3),
    ("avril", 4),
    ("abril", 4),
    ("aprile", 4),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("mei", 5),
    ("maio", 5),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("junho", 6),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("luglio", 7),
    ("julho", 7),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("augustus", 8),
    ("septembre", 9),
    ("septiembre", 9),
    ("settembre", 9),
    ("setembro", 9),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("outubro", 10),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dicembre", 12),
    ("dezembro", 12),
    ("январь", 1),
    ("января", 1),
    ("січень", 1),
    ("січня", 1),
    ("styczeń", 1),
    ("stycznia", 1),
    ("февраль", 2),
    ("февраля", 2),
    ("лютий", 2),
    ("лютого", 2),
    ("luty", 2),
    ("lutego", 2),
    ("март", 3),
    ("марта", 3),
    ("березень", 3),
    ("березня", 3),
    ("marzec", 3),
    ("marca", 3),
    ("апрель", 4),
    ("апреля", 4),
    ("квітень", 4),
    ("квітня", 4),
    ("kwiecień", 4),
    ("kwietnia", 4),
    ("мая", 5),
    ("май", 5),
    ("травень", 5),
    ("травня", 5),
    ("maj", 5),
    ("maja", 5),
    ("июнь", 6),
    ("июня", 6),
    ("червень", 6),
    ("червня", 6),
    ("czerwiec", 6),
    ("czerwca", 6),
    ("июль", 7),
    ("июля", 7),
    ("липень", 7),
    ("липня", 7),
    ("lipiec", 7),
    ("lipca", 7),
    ("август", 8),
    ("августа", 8),
    ("серпень", 8),
    ("серпня", 8),
    ("sierpień", 8),
    ("sierpnia", 8),
    ("сентябрь", 9),
    ("сентября", 9),
    ("вересень", 9),
    ("вересня", 9),
    ("wrzesień", 9),
    ("września", 9),
    ("октябрь", 10),
    ("октября", 10),
    ("жовтень", 10),
    ("жовтня", 10),
    ("październik", 10),
    ("października", 10),
    ("ноябрь", 11),
    ("ноября", 11),
    ("листопад", 11),
    ("листопада", 11),
    ("listopad", 11),
    ("listopada", 11),
    ("декабрь", 12),
    ("декабря", 12),
    ("грудень", 12),
    ("грудня", 12),
    ("grudzień", 12),
    ("grudnia", 12),
];

/// Month number (1–12) of a month name or abbreviation ("Sept.", "mar"); English first, then
/// German, French, Spanish, Italian, Dutch and Portuguese full names ("Oktober", "März").
pub fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.chars().count() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as u8 + 1)
        .or_else(|| OTHER_MONTHS.iter().find(|(m, _)| *m == w).map(|(_, n)| *n))
}

/// Parses a date in the forms found in metadata and bylines: RFC 3339 (with or without seconds
/// or offset), `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY/MM/DD`, RFC 2822 (mail), "March 3, 2025",
/// "3 March 2025", "Mar. 3, 2025". A date-time without an offset keeps only its day, since the
/// moment is unknown.
///
/// ```
/// use pundit_ingest::extract::dates::parse_date;
/// assert_eq!(parse_date("March 3, 2025").unwrap().to_string(), "2025-03-03");
/// assert_eq!(parse_date("2025-03-03T10:00:00-05:00").unwrap().to_string(), "2025-03-03T10:00:00-05:00");
/// assert_eq!(parse_date("Tue, 1 Nov 2016 10:20:30 +0100").unwrap().to_string(), "2016-11-01T10:20:30+01:00");
/// ```
pub fn parse_date(input: &str) -> Option<PartialDate> {
    parse_date_in(input, DayOrder::Unknown)
}

/// Which part comes first in a numeric date that reads both ways, such as 02/10/2020.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DayOrder {
    /// Not known: such a date stays unread.
    #[default]
    Unknown,
    /// 02/10/2020 is 2 October: most of the world.
    DayFirst,
    /// 02/10/2020 is 10 February: the United States.
    MonthFirst,
}

impl DayOrder {
    /// The order a page's language tag (`<html lang>`) implies: month first in American
    /// English, day first in British, Irish, Australian, New Zealand, Indian and South African
    /// English and in other languages; unknown for English without a region, and for Chinese,
    /// Japanese and Korean, which write the year first.
    ///
    /// ```
    /// use pundit_ingest::extract::dates::DayOrder;
    /// assert_eq!(DayOrder::of_language("en-GB"), DayOrder::DayFirst);
    /// assert_eq!(DayOrder::of_language("en_US"), DayOrder::MonthFirst);
    /// assert_eq!(DayOrder::of_language("en"), DayOrder::Unknown);
    /// assert_eq!(DayOrder::of_language("de"), DayOrder::DayFirst);
    /// ```
    pub fn of_language(tag: &str) -> DayOrder {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut subtags = tag.split('-');
        let language = subtags.next().unwrap_or("");
        let region = subtags.find(|s| s.len() == 2).unwrap_or("");
        match (language, region) {
            ("en", "us") => DayOrder::MonthFirst,
            ("en", "gb" | "uk" | "ie" | "au" | "nz" | "in" | "za") => DayOrder::DayFirst,
            ("en" | "zh" | "ja" | "ko" | "", _) => DayOrder::Unknown,
            _ if language.len() <= 3 && language.bytes().all(|b| b.is_ascii_lowercase()) => {
                DayOrder::DayFirst
            }
            _ => DayOrder::Unknown,
        }
    }
}

/// [`parse_date`] for a page whose numeric dates are written in `order`.
pub fn parse_date_in(input: &str, order: DayOrder) -> Option<PartialDate> {
    let s = input.trim().trim_matches(|c: char| c == '"' || c == '\'');
    if s.is_empty() || s.len() > 80 {
        return None;
    }
    if s.is_ascii() {
        if let Ok(d) = s.parse::<PartialDate>() {
            return plausible(d);
        }
    }
    if let Ok(dt) = OffsetDateTime::parse(s, &Rfc2822) {
        return plausible(PartialDate::DateTime(dt));
    }
    if let Some(d) = parse_iso_like(s) {
        return plausible(d);
    }
    if let Some(d) = parse_dotted(s, order) {
        return plausible(d);
    }
    parse_written(s).and_then(plausible)
}

fn plausible(d: PartialDate) -> Option<PartialDate> {
    (1000..=2100).contains(&d.year()).then_some(d)
}

/// ISO-like forms: `2025-03-03 10:20`, `2025-03-03T10:20:00.123+0100`, `2025/03/03`, `2025.03.03`.
fn parse_iso_like(s: &str) -> Option<PartialDate> {
    let b = s.as_bytes();
    if b.len() < 10 || !b[..4].iter().all(u8::is_ascii_digit) || !b[..10].is_ascii() {
        return None;
    }
    let sep = b[4];
    if !matches!(sep, b'-' | b'/' | b'.') || b[7] != sep {
        return None;
    }
    let year: i32 = s[..4].parse().ok()?;
    let month: u8 = s[5..7].parse().ok()?;
    let day: u8 = s[8..10].parse().ok()?;
    let date = Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()?;
    let rest = s[10..].trim_start_matches(['T', ' ']);
    if rest.is_empty() {
        return Some(PartialDate::Day(date));
    }
    // Time part: HH:MM[:SS[.fff]] then an optional offset (Z, +HH:MM, +HHMM, +HH).
    let tb = rest.as_bytes();
    if !tb.iter().take(9).all(u8::is_ascii) {
        return Some(PartialDate::Day(date));
    }
    if tb.len() >= 5 && tb[2] == b':' {
        let hour: u8 = rest[..2].parse().ok()?;
        let minute: u8 = rest[3..5].parse().ok()?;
        let mut i = 5;
        let mut second = 0u8;
        if tb.len() >= 8 && tb[5] == b':' {
            second = rest[6..8].parse().ok()?;
            i = 8;
            if tb.get(8) == Some(&b'.') {
                i += 1;
                while i < tb.len() && tb[i].is_ascii_digit() {
                    i += 1;
                }
            }
        }
        let time = time::Time::from_hms(hour, minute, second.min(59)).ok()?;
        let offset = parse_offset(rest[i..].trim());
        return Some(match offset {
            Some(offset) => {
                PartialDate::DateTime(PrimitiveDateTime::new(date, time).assume_offset(offset))
            }
            None => PartialDate::Day(date),
        });
    }
    Some(PartialDate::Day(date))
}

fn parse_offset(s: &str) -> Option<UtcOffset> {
    match s {
        "Z" | "z" | "UTC" | "GMT" => return Some(UtcOffset::UTC),
        "" => return None,
        _ => {}
    }
    let sign = match s.as_bytes()[0] {
        b'+' => 1i8,
        b'-' => -1i8,
        _ => return None,
    };
    let digits: String = s[1..].chars().filter(char::is_ascii_digit).collect();
    let (h, m) = match digits.len() {
        2 => (digits.parse::<i8>().ok()?, 0),
        4 => (
            digits[..2].parse::<i8>().ok()?,
            digits[2..].parse::<i8>().ok()?,
        ),
        _ => return None,
    };
    UtcOffset::from_hms(sign * h, sign * m, 0).ok()
}

/// European numeric dates: `18.10.2019`, `18.10.2019, 10:20 Uhr` (day first); `26/10/2018`
/// when only one reading is a day, else as `order` has it.
fn parse_dotted(s: &str, order: DayOrder) -> Option<PartialDate> {
    let unspaced = unspaced_dotted(s);
    let head = match &unspaced {
        Some(day) => day.as_str(),
        None => s.split([' ', ',', '|']).next()?,
    };
    if head.contains('/') {
        return match (day_month_readings(head, '/').as_slice(), order) {
            ([only], _) => Some(PartialDate::Day(*only)),
            ([day_first, _], DayOrder::DayFirst) => Some(PartialDate::Day(*day_first)),
            ([_, month_first], DayOrder::MonthFirst) => Some(PartialDate::Day(*month_first)),
            _ => None,
        };
    }
    let parts: Vec<&str> = head.split('.').collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if parts[0].len() > 2 || parts[1].len() > 2 || !matches!(parts[2].len(), 2 | 4) {
        return None;
    }
    // A two-digit year ("23.09.22") is this century's.
    let year: i32 = parts[2].parse().ok()?;
    PartialDate::from_ymd(
        if parts[2].len() == 2 {
            2000 + year
        } else {
            year
        },
        parts[1].parse().ok()?,
        parts[0].parse().ok()?,
    )
}

/// A leading day typeset with spaces after its dots, as German style guides set it
/// ("4. 2. 2022", also with thin spaces and a closing dot), without them: "4.2.2022".
fn unspaced_dotted(s: &str) -> Option<String> {
    let mut words = s.split_whitespace();
    let (day, month, year) = (words.next()?, words.next()?, words.next()?);
    let number_and_dot = |w: &str| {
        w.strip_suffix('.')
            .is_some_and(|n| (1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let year = year.trim_end_matches(['.', ',']);
    (number_and_dot(day)
        && number_and_dot(month)
        && year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit()))
    .then(|| format!("{day}{month}{year}"))
}

/// The days `D/M/YYYY` or `M/D/YYYY` (parts joined by `separator`) can mean: one when a part
/// exceeds 12, two (day first, then month first) when either order makes a valid day
/// ("3/5/2022", and "5/5/2022" twice), none for anything else.
fn day_month_readings(token: &str, separator: char) -> Vec<Date> {
    let parts: Vec<&str> = token.split(separator).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
        || parts[0].len() > 2
        || parts[1].len() > 2
        || parts[2].len() != 4
    {
        return Vec::new();
    }
    let (Ok(a), Ok(b), Ok(year)) = (
        parts[0].parse::<u8>(),
        parts[1].parse::<u8>(),
        parts[2].parse::<i32>(),
    ) else {
        return Vec::new();
    };
    let day =
        |month: u8, day: u8| Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok();
    [day(b, a), day(a, b)].into_iter().flatten().collect()
}

/// Moments a short text writes as a day and a time of day without an offset: "3/5/2022 22:41",
/// "19.2.2020 16:20", "May 3, 2022, 10:41 pm". A numeric day that reads both ways ("3/5/2022")
/// gives both moments; the caller tells them apart with what else it knows.
///
/// ```
/// use pundit_ingest::extract::dates::local_moments;
/// let moments: Vec<String> = local_moments("3/5/2022 22:41").iter().map(|m| m.to_string()).collect();
/// assert_eq!(moments, ["2022-05-03 22:41:00.0", "2022-03-05 22:41:00.0"]);
/// ```
pub fn local_moments(text: &str) -> Vec<PrimitiveDateTime> {
    let Some(time) = time_of_day(text) else {
        return Vec::new();
    };
    let mut days: Vec<Date> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|')
        .flat_map(|word| day_month_readings(word, '/'))
        .collect();
    if days.is_empty() {
        if let Some(PartialDate::Day(day)) = parse_date(text) {
            days.push(day);
        }
    }
    days.into_iter()
        .map(|day| PrimitiveDateTime::new(day, time))
        .collect()
}

/// The first time of day in a text: `22:41`, `22:41:07`, `10:41 pm`, `10:41 p.m.`.
fn time_of_day(text: &str) -> Option<time::Time> {
    let b = text.as_bytes();
    for colon in (1..b.len().saturating_sub(2)).filter(|&i| b[i] == b':') {
        let start = if colon >= 2 && b[colon - 2].is_ascii_digit() {
            colon - 2
        } else {
            colon - 1
        };
        let hour_digits = &b[start..colon];
        let minute_end = colon + 3;
        if !hour_digits.iter().all(u8::is_ascii_digit)
            || (start > 0 && b[start - 1].is_ascii_alphanumeric())
            || !b[colon + 1..minute_end].iter().all(u8::is_ascii_digit)
        {
            continue;
        }
        let mut end = minute_end;
        let mut second = 0;
        if b.get(end) == Some(&b':')
            && b.get(end + 1..end + 3)
                .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
        {
            second = text[end + 1..end + 3].parse().ok()?;
            end += 3;
        }
        if b.get(end).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let after = text[end..].trim_start();
        // "13:10 GMT", "13:10Z", "13:10 +02:00" state their offset: no local clock.
        let signed_offset = after.starts_with(['+', '-', '\u{2212}'])
            && after.chars().nth(1).is_some_and(|c| c.is_ascii_digit());
        if signed_offset
            || after.starts_with("GMT")
            || after.starts_with("UTC")
            || text[end..].starts_with('Z')
        {
            continue;
        }
        let mut hour: u8 = text[start..colon].parse().ok()?;
        let minute: u8 = text[colon + 1..minute_end].parse().ok()?;
        let meridiem: String = after
            .chars()
            .filter(|c| *c != '.')
            .take(2)
            .collect::<String>()
            .to_ascii_lowercase();
        match meridiem.as_str() {
            "pm" if (1..12).contains(&hour) => hour += 12,
            "am" if hour == 12 => hour = 0,
            _ => {}
        }
        if let Ok(time) = time::Time::from_hms(hour, minute, second) {
            return Some(time);
        }
    }
    None
}

/// "March 3, 2025", "Mar. 3 2025", "3 March 2025", "Monday, March 3, 2025", "March 2025",
/// "4 de mayo de 2022".
fn parse_written(s: &str) -> Option<PartialDate> {
    // Connectors between day, month and year ("4 de mayo de 2022", "3rd of March 2020") carry
    // nothing.
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && !matches!(*w, "de" | "del" | "of"))
        .collect();
    for (i, word) in words.iter().enumerate() {
        let Some(month) = month_number(word) else {
            continue;
        };
        let number = |w: &str| -> Option<u32> {
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
            (!digits.is_empty() && digits.len() <= 4 && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| digits.parse().ok())
                .flatten()
        };
        let next = words.get(i + 1).and_then(|w| number(w));
        let after = words.get(i + 2).and_then(|w| number(w));
        let before = i.checked_sub(1).and_then(|j| number(words[j]));
        // Month Day Year
        if let (Some(day), Some(year)) = (next, after) {
            if (1..=31).contains(&day) && year >= 1000 {
                return PartialDate::from_ymd(year as i32, month, day as u8);
            }
        }
        // Day Month Year
        if let (Some(day), Some(year)) = (before, next) {
            if (1..=31).contains(&day) && year >= 1000 {
                return PartialDate::from_ymd(year as i32, month, day as u8);
            }
        }
        // Month Year
        if let Some(year) = next.filter(|y| *y >= 1000) {
            return Some(PartialDate::Month(year as i32, month));
        }
    }
    None
}

/// A date written in a URL path or a file name: `/2025/11/27/`, `/2025-11-27-slug`,
/// `2016-03-11_slug.txt`, `20160311-slug`, `/29-10-2021` (day or month first, when only one
/// reading is a day), or `/2025/11/` (month precision).
///
/// ```
/// use pundit_ingest::extract::dates::date_in_path;
/// assert_eq!(date_in_path("https://x.example/2025/11/27/peace-plan").unwrap().to_string(), "2025-11-27");
/// assert_eq!(date_in_path("2016-03-11_speech.txt").unwrap().to_string(), "2016-03-11");
/// assert_eq!(date_in_path("https://x.example/news/29-10-2021").unwrap().to_string(), "2021-10-29");
/// assert_eq!(date_in_path("https://x.example/news/05-10-2021"), None);
/// assert_eq!(date_in_path("https://x.example/politics/story-123"), None);
/// ```
pub fn date_in_path(path: &str) -> Option<PartialDate> {
    // Drop the scheme and host of a URL: digits in a host are no date.
    let path = match path.find("://") {
        Some(i) => path[i + 3..].find('/').map_or("", |j| &path[i + 3 + j..]),
        None => path,
    };
    let b = path.as_bytes();
    let digit_run =
        |i: usize, n: usize| i + n <= b.len() && b[i..i + n].iter().all(u8::is_ascii_digit);
    let boundary = |i: usize| i == 0 || !b[i - 1].is_ascii_alphanumeric();
    let end_boundary = |i: usize| i >= b.len() || !b[i].is_ascii_digit();
    for i in 0..b.len() {
        // DD-MM-YYYY, day first or month first, when only one reading is a day.
        if boundary(i)
            && i + 10 <= b.len()
            && digit_run(i, 2)
            && matches!(b[i + 2], b'-' | b'_' | b'.')
            && b[i + 5] == b[i + 2]
            && digit_run(i + 3, 2)
            && digit_run(i + 6, 4)
            && end_boundary(i + 10)
        {
            if let [only] = day_month_readings(&path[i..i + 10], b[i + 2] as char)[..] {
                return Some(PartialDate::Day(only));
            }
        }
        if !boundary(i) || !digit_run(i, 4) {
            continue;
        }
        let year: i32 = path[i..i + 4].parse().ok()?;
        if !(1900..=2100).contains(&year) {
            continue;
        }
        // YYYY?MM?DD with a separator
        if i + 10 <= b.len()
            && matches!(b[i + 4], b'/' | b'-' | b'_' | b'.')
            && b[i + 7] == b[i + 4]
            && digit_run(i + 5, 2)
            && digit_run(i + 8, 2)
            && end_boundary(i + 10)
        {
            let m = path[i + 5..i + 7].parse().ok()?;
            let d = path[i + 8..i + 10].parse().ok()?;
            if let Some(date) = PartialDate::from_ymd(year, m, d) {
                return Some(date);
            }
        }
        // YYYYMMDD
        if digit_run(i, 8) && end_boundary(i + 8) {
            let m = path[i + 4..i + 6].parse().ok()?;
            let d = path[i + 6..i + 8].parse().ok()?;
            if let Some(date) = PartialDate::from_ymd(year, m, d) {
                return Some(date);
            }
        }
        // /YYYY/MM/ in a URL path
        if i + 8 <= b.len()
            && b[i + 4] == b'/'
            && digit_run(i + 5, 2)
            && b.get(i + 7) == Some(&b'/')
            && i > 0
            && b[i - 1] == b'/'
        {
            let m: u8 = path[i + 5..i + 7].parse().ok()?;
            if (1..=12).contains(&m) {
                return Some(PartialDate::Month(year, m));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_dates() {
        for (input, want) in [
            ("Published March 3, 2025", "2025-03-03"),
            ("3 March 2025", "2025-03-03"),
            ("Sept. 14, 2024", "2024-09-14"),
            ("Monday, Dec 1st, 2025", "2025-12-01"),
            ("November 2025", "2025-11"),
            ("2025/03/03", "2025-03-03"),
            ("2025-03-03 10:20:00", "2025-03-03"),
            ("2025-03-03T10:20:00+0100", "2025-03-03T10:20:00+01:00"),
            ("18. Oktober 2019", "2019-10-18"),
            ("3. März 2020", "2020-03-03"),
            ("18.10.2019, 10:20 Uhr", "2019-10-18"),
            ("23.09.22", "2022-09-23"),
            ("4. 2. 2022", "2022-02-04"),
            ("4.\u{2009}2.\u{2009}2022.", "2022-02-04"),
            ("26/10/2018", "2018-10-26"),
            ("Miércoles, 4 de Mayo de 2022 a las 07:46hrs.", "2022-05-04"),
            ("3rd of March 2020", "2020-03-03"),
            ("15 августа 2016, 13:43", "2016-08-15"),
            ("3 березня 2021", "2021-03-03"),
            ("12 października 2019", "2019-10-12"),
        ] {
            assert_eq!(
                parse_date(input).map(|d| d.to_string()).as_deref(),
                Some(want),
                "{input}"
            );
        }
        assert_eq!(parse_date("3/5/2022"), None);
        assert_eq!(parse_date("4. 2. 22"), None);
        assert_eq!(parse_date("no date here"), None);
        assert_eq!(parse_date("May"), None);
        assert_eq!(parse_date("#Krótko o"), None);
    }

    #[test]
    fn moments_on_the_local_clock() {
        let moments = |text: &str| -> Vec<String> {
            local_moments(text).iter().map(|m| m.to_string()).collect()
        };
        assert_eq!(moments("19.2.2020 16:20"), ["2020-02-19 16:20:00.0"]);
        assert_eq!(
            moments("Brasília 03/05/2022 21:44"),
            ["2022-05-03 21:44:00.0", "2022-03-05 21:44:00.0"]
        );
        assert_eq!(
            moments("May 3, 2022, 10:41 p.m."),
            ["2022-05-03 22:41:00.0"]
        );
        assert_eq!(moments("12:05 AM, March 3, 2025"), ["2025-03-03 0:05:00.0"]);
        assert_eq!(moments("2022-05-03 22:41:07"), ["2022-05-03 22:41:07.0"]);
        // A day without a time, or a score, is no moment.
        assert!(moments("3/5/2022").is_empty());
        assert!(moments("won 3:1 on May 3, 2022").is_empty());
        assert!(moments("30 April 2019 13:10 GMT").is_empty());
    }
}
