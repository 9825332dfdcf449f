//! Paris wall-clock time: the forum's and Vis mon job's times are stored and shown as Paris
//! times, and turned into UTC for calendar files.

use chrono::{NaiveDateTime, TimeZone};
use chrono_tz::Europe::Paris;
use icalendar::CalendarDateTime;

/// Wall-clock time in Paris now.
pub fn paris_now() -> NaiveDateTime {
    chrono::Utc::now().with_timezone(&Paris).naive_local()
}

/// A Paris time as a calendar file's time.
pub fn paris_to_utc(local: NaiveDateTime) -> CalendarDateTime {
    match Paris.from_local_datetime(&local).earliest() {
        Some(time) => CalendarDateTime::Utc(time.with_timezone(&chrono::Utc)),
        // A time that does not exist in Paris (spring forward): keep it floating.
        None => CalendarDateTime::Floating(local),
    }
}
