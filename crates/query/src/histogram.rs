//! Calendar date histograms (UTC): a collector over the `published` and `date_precision` fast
//! fields. tantivy's date histogram only has fixed intervals; months and years are calendar
//! buckets, so they are computed here.

use std::collections::BTreeMap;

use pundit_model::{DatePrecision, Histogram, HistogramBucket, Interval, PartialDate};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};
use time::{Date, Duration, Month, OffsetDateTime};

/// Counts matching documents per calendar bucket.
pub struct HistogramCollector {
    /// Date field (fast).
    pub date_field: String,
    /// Precision field (fast u64).
    pub precision_field: String,
    /// Bucket size.
    pub interval: Interval,
}

/// Counts before labelling.
#[derive(Debug, Default)]
pub struct Counts {
    buckets: BTreeMap<i64, u64>,
    year_only: u64,
    month_only: u64,
    undated: u64,
}

pub struct SegmentHistogram {
    dates: Column<tantivy::DateTime>,
    precisions: Column<u64>,
    tally: Tally,
}

/// Counts of moments per bucket of one interval.
struct Tally {
    interval: Interval,
    counts: Counts,
    /// The bucket of the last dated document and the documents counted in it since: documents
    /// come in index order, which in an archive is mostly date order, so most fall in the
    /// bucket of the one before and skip the calendar arithmetic and the map.
    run: Option<BucketRun>,
}

struct BucketRun {
    /// The bucket's moments, in seconds since 1970: `from..to`.
    from: i64,
    to: i64,
    key: i64,
    count: u64,
}

impl Tally {
    fn new(interval: Interval) -> Self {
        Tally {
            interval,
            counts: Counts::default(),
            run: None,
        }
    }

    fn count_moment(&mut self, seconds: i64) {
        if let Some(run) = &mut self.run {
            if (run.from..run.to).contains(&seconds) {
                run.count += 1;
                return;
            }
        }
        self.flush_run();
        let Ok(moment) = OffsetDateTime::from_unix_timestamp(seconds) else {
            self.counts.undated += 1;
            return;
        };
        let key = bucket_key(moment.date(), self.interval);
        let midnight = |key| bucket_start(key, self.interval).map(|d| d.midnight().assume_utc());
        self.run = match (midnight(key), midnight(key + key_step(self.interval))) {
            (Some(from), Some(to)) => Some(BucketRun {
                from: from.unix_timestamp(),
                to: to.unix_timestamp(),
                key,
                count: 1,
            }),
            _ => {
                *self.counts.buckets.entry(key).or_default() += 1;
                None
            }
        };
    }

    fn finish(mut self) -> Counts {
        self.flush_run();
        self.counts
    }

    fn flush_run(&mut self) {
        if let Some(run) = self.run.take() {
            *self.counts.buckets.entry(run.key).or_default() += run.count;
        }
    }
}

impl Collector for HistogramCollector {
    type Fruit = Counts;
    type Child = SegmentHistogram;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentHistogram> {
        let fast = reader.fast_fields();
        Ok(SegmentHistogram {
            dates: fast.date(&self.date_field)?,
            precisions: fast.u64(&self.precision_field)?,
            tally: Tally::new(self.interval),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut total = Counts::default();
        for fruit in fruits {
            for (key, count) in fruit.buckets {
                *total.buckets.entry(key).or_default() += count;
            }
            total.year_only += fruit.year_only;
            total.month_only += fruit.month_only;
            total.undated += fruit.undated;
        }
        Ok(total)
    }
}

impl SegmentCollector for SegmentHistogram {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let Some(date) = self.dates.first(doc) else {
            self.tally.counts.undated += 1;
            return;
        };
        let precision = self
            .precisions
            .first(doc)
            .and_then(DatePrecision::from_code)
            .unwrap_or(DatePrecision::DateTime);
        let needed = match self.tally.interval {
            Interval::Year => DatePrecision::Year,
            Interval::Month => DatePrecision::Month,
            Interval::Week | Interval::Day => DatePrecision::Day,
        };
        if precision < needed {
            match precision {
                DatePrecision::Year => self.tally.counts.year_only += 1,
                _ => self.tally.counts.month_only += 1,
            }
            return;
        }
        self.tally.count_moment(date.into_timestamp_secs());
    }

    fn harvest(self) -> Counts {
        self.tally.finish()
    }
}

/// An ordinal per bucket: years, months since year 0, or days since 1970 (of the week's Monday).
fn bucket_key(date: Date, interval: Interval) -> i64 {
    let days =
        (date - Date::from_calendar_date(1970, Month::January, 1).expect("epoch")).whole_days();
    match interval {
        Interval::Year => date.year() as i64,
        Interval::Month => date.year() as i64 * 12 + u8::from(date.month()) as i64 - 1,
        Interval::Day => days,
        Interval::Week => days - date.weekday().number_days_from_monday() as i64,
    }
}

/// The difference between the keys of two consecutive buckets (a week's key is its Monday's day).
fn key_step(interval: Interval) -> i64 {
    if interval == Interval::Week {
        7
    } else {
        1
    }
}

fn bucket_start(key: i64, interval: Interval) -> Option<Date> {
    let epoch = Date::from_calendar_date(1970, Month::January, 1).ok()?;
    match interval {
        Interval::Year => Date::from_calendar_date(key as i32, Month::January, 1).ok(),
        Interval::Month => Date::from_calendar_date(
            key.div_euclid(12) as i32,
            Month::try_from(key.rem_euclid(12) as u8 + 1).ok()?,
            1,
        )
        .ok(),
        Interval::Day | Interval::Week => epoch.checked_add(Duration::days(key)),
    }
}

fn label(start: Date, interval: Interval) -> (String, PartialDate) {
    match interval {
        Interval::Year => (
            format!("{:04}", start.year()),
            PartialDate::Year(start.year()),
        ),
        Interval::Month => {
            let m = u8::from(start.month());
            (
                format!("{:04}-{m:02}", start.year()),
                PartialDate::Month(start.year(), m),
            )
        }
        Interval::Day => (PartialDate::Day(start).to_string(), PartialDate::Day(start)),
        Interval::Week => {
            let (year, week, _) = start.to_iso_week_date();
            (format!("{year:04}-W{week:02}"), PartialDate::Day(start))
        }
    }
}

/// Most buckets filled in between the first and last non-empty ones.
const MAX_FILLED_BUCKETS: i64 = 5000;

/// Labels the counts; empty buckets between the first and last are included (so a chart has no
/// gaps) unless that would make more than a few thousand buckets.
pub fn finish(counts: Counts, interval: Interval) -> Histogram {
    let mut buckets = Vec::new();
    let keys: Vec<i64> = match (
        counts.buckets.keys().next(),
        counts.buckets.keys().next_back(),
    ) {
        (Some(&first), Some(&last)) if (last - first) / key_step(interval) < MAX_FILLED_BUCKETS => {
            (first..=last)
                .step_by(key_step(interval) as usize)
                .collect()
        }
        _ => counts.buckets.keys().copied().collect(),
    };
    for key in keys {
        if let Some(start) = bucket_start(key, interval) {
            let (label, start) = label(start, interval);
            buckets.push(HistogramBucket {
                key: label,
                start,
                count: counts.buckets.get(&key).copied().unwrap_or(0),
            });
        }
    }
    Histogram {
        interval,
        buckets,
        year_only: counts.year_only,
        month_only: counts.month_only,
        undated: counts.undated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The remembered bucket ends exactly where the calendar's does, in both directions.
    #[test]
    fn runs_of_one_bucket_split_at_calendar_boundaries() {
        let at = |y, m: Month, d, h| {
            Date::from_calendar_date(y, m, d)
                .unwrap()
                .with_hms(h, 0, 0)
                .unwrap()
                .assume_utc()
                .unix_timestamp()
        };
        let mut tally = Tally::new(Interval::Month);
        for moment in [
            at(2024, Month::January, 31, 23),
            at(2024, Month::January, 1, 0),
            at(2024, Month::February, 1, 0),
            at(2024, Month::January, 15, 12),
            at(2024, Month::February, 29, 23),
            at(2023, Month::December, 31, 23),
        ] {
            tally.count_moment(moment);
        }
        let counts = tally.finish();
        let jan = 2024 * 12;
        assert_eq!(
            counts.buckets.into_iter().collect::<Vec<_>>(),
            [(jan - 1, 1), (jan, 3), (jan + 1, 2)]
        );
        let mut weeks = Tally::new(Interval::Week);
        // Sunday 30 November 2025 closes the week of Monday the 24th.
        for day in [24, 30, 30] {
            weeks.count_moment(at(2025, Month::November, day, 12));
        }
        weeks.count_moment(at(2025, Month::December, 1, 0));
        let counts = weeks.finish();
        assert_eq!(counts.buckets.values().copied().collect::<Vec<_>>(), [3, 1]);
    }

    #[test]
    fn iso_weeks_start_on_monday() {
        let sunday = Date::from_calendar_date(2025, Month::November, 30).unwrap();
        let monday = Date::from_calendar_date(2025, Month::November, 24).unwrap();
        assert_eq!(
            bucket_key(sunday, Interval::Week),
            bucket_key(monday, Interval::Week)
        );
        let start = bucket_start(bucket_key(sunday, Interval::Week), Interval::Week).unwrap();
        assert_eq!(label(start, Interval::Week).0, "2025-W48");
        let dec = Date::from_calendar_date(2025, Month::December, 31).unwrap();
        assert_eq!(
            label(
                bucket_start(bucket_key(dec, Interval::Month), Interval::Month).unwrap(),
                Interval::Month
            )
            .0,
            "2025-12"
        );
    }
}
