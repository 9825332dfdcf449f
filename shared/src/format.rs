//! French dates, for the pages and the server's messages alike.

use chrono::{Datelike, NaiveDateTime};

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// "24 novembre 2026".
pub fn french_date(at: NaiveDateTime) -> String {
    let month = MONTHS
        .get(at.month0() as usize)
        .copied()
        .unwrap_or_default();
    format!("{} {} {}", at.day(), month, at.year())
}
