//! Dates as article metadata writes them, read with jiff: ISO 8601 (extended or basic form, as
//! NITF's `norm` writes it), RFC 3339, Jekyll's `2026-02-02 10:00:00 +0100` and RFC 2822's
//! `Mon, 02 Feb 2026 10:00:00 +0000`. Shared by the rules that check or use an article's date.

use jiff::civil::Date;
use jiff::fmt::{rfc2822, strtime};

/// A date as written: its calendar day (in its own offset; `Z` in UTC), and whether a time of
/// day was written with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    /// The calendar day.
    pub date: Date,
    /// Whether the value has a time of day.
    pub time: bool,
}

/// Read `value` as a date, with or without a time; the error says why it is not one (a date
/// that does not exist says so).
pub fn read(value: &str) -> Result<Written, String> {
    let value = value.trim();
    if let Ok(timestamp) = value.parse::<jiff::Timestamp>() {
        let date = jiff::tz::Offset::UTC.to_datetime(timestamp).date();
        // In its own offset when it has one: `2026-02-02T23:30:00-05:00` is the 2nd.
        let date = value
            .parse::<jiff::civil::DateTime>()
            .map_or(date, |d| d.date());
        return Ok(Written { date, time: true });
    }
    if value.contains(['T', 't', ' '])
        && let Ok(datetime) = value.parse::<jiff::civil::DateTime>()
    {
        return Ok(Written {
            date: datetime.date(),
            time: true,
        });
    }
    if let Ok(time) = strtime::parse("%Y-%m-%d %H:%M:%S %z", value)
        && let Ok(date) = time.to_date()
    {
        return Ok(Written { date, time: true });
    }
    if let Ok(zoned) = rfc2822::parse(value) {
        return Ok(Written {
            date: zoned.date(),
            time: true,
        });
    }
    match value.parse::<Date>() {
        Ok(date) => Ok(Written { date, time: false }),
        Err(error) => {
            let error = error.to_string();
            // jiff says why a date that reads as one does not exist (`day ... must be in range`).
            Err(match error.split_once("parsed date is not valid: ") {
                Some((_, why)) => format!("`{value}` does not exist: {why}"),
                None => format!("`{value}` is not a date"),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_metadata_writes() {
        let day = |y, m, d| Date::new(y, m, d).unwrap();
        for (value, date, time) in [
            ("2026-02-02", day(2026, 2, 2), false),
            ("20260202T101500+0000", day(2026, 2, 2), true),
            ("2026-02-02T10:15:00Z", day(2026, 2, 2), true),
            ("2026-02-02T23:30:00-05:00", day(2026, 2, 2), true),
            ("2026-02-02 10:15:00 +0100", day(2026, 2, 2), true),
            ("2026-02-02T10:15:00", day(2026, 2, 2), true),
            ("Mon, 02 Feb 2026 10:00:00 +0000", day(2026, 2, 2), true),
        ] {
            assert_eq!(read(value), Ok(Written { date, time }), "{value}");
        }
        assert!(read("2026-02-30").unwrap_err().contains("does not exist"));
        assert_eq!(
            read("yesterday"),
            Err("`yesterday` is not a date".to_string())
        );
    }
}
