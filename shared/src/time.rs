//! How the API writes times: RFC 3339 with their offset, as JSON Schema's `date-time` (and so
//! OpenAPI clients) require. Two kinds of time, both stored without an offset:
//! - instants (created, published, closing date of an offer…), kept in UTC: written with `Z`
//!   ([`utc`], [`utc_option`]);
//! - the programmes' wall-clock times (forum sessions and deadlines, Vis mon job days,
//!   coaching), kept as Paris time: written with Paris's offset of that day, `+01:00` or
//!   `+02:00` ([`paris`]).
//!
//! Both read what they write, any other offset (converted), and the former form without an
//! offset (taken as UTC, or as Paris time), so clients written against it keep working.
//! The browser's bundle has no time-zone rules: it sends Paris times without an offset (the
//! server reads them as Paris time) and reads the server's as the wall-clock time they show.

use chrono::{DateTime, FixedOffset, NaiveDateTime, SecondsFormat};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serializer};

/// `text` as RFC 3339 (made naive by `naive`), or as a time without an offset.
fn parse(
    text: &str,
    naive: impl Fn(DateTime<FixedOffset>) -> NaiveDateTime,
) -> Option<NaiveDateTime> {
    DateTime::parse_from_rfc3339(text)
        .map(naive)
        .ok()
        .or_else(|| text.parse::<NaiveDateTime>().ok())
}

fn read<'de, D: Deserializer<'de>>(
    deserializer: D,
    naive: impl Fn(DateTime<FixedOffset>) -> NaiveDateTime,
) -> Result<NaiveDateTime, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse(&text, naive).ok_or_else(|| D::Error::custom(format!("date et heure invalides : {text}")))
}

/// An instant kept in UTC.
pub mod utc {
    use super::*;

    pub fn serialize<S: Serializer>(at: &NaiveDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&at.and_utc().to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<NaiveDateTime, D::Error> {
        read(deserializer, |at| at.naive_utc())
    }
}

/// An instant kept in UTC, when there is one.
pub mod utc_option {
    use super::*;

    pub fn serialize<S: Serializer>(
        at: &Option<NaiveDateTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => utc::serialize(at, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDateTime>, D::Error> {
        match Option::<String>::deserialize(deserializer)? {
            Some(text) => parse(&text, |at| at.naive_utc())
                .map(Some)
                .ok_or_else(|| D::Error::custom(format!("date et heure invalides : {text}"))),
            None => Ok(None),
        }
    }
}

/// A wall-clock time in Paris.
pub mod paris {
    use super::*;

    pub fn serialize<S: Serializer>(at: &NaiveDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&written(at))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<NaiveDateTime, D::Error> {
        read(deserializer, wall_clock)
    }

    /// With Paris's offset of that time (the earlier one when clocks go back).
    #[cfg(feature = "server")]
    fn written(at: &NaiveDateTime) -> String {
        use chrono::{Offset, TimeZone};
        let offset = chrono_tz::Europe::Paris
            .offset_from_local_datetime(at)
            .earliest()
            .map_or_else(
                || chrono_tz::Europe::Paris.offset_from_utc_datetime(at).fix(),
                |o| o.fix(),
            );
        at.and_local_timezone(offset).earliest().map_or_else(
            || at.to_string(),
            |t| t.to_rfc3339_opts(SecondsFormat::AutoSi, true),
        )
    }

    /// The browser sends Paris times as they are: the server reads them as Paris time.
    #[cfg(not(feature = "server"))]
    fn written(at: &NaiveDateTime) -> String {
        at.format("%Y-%m-%dT%H:%M:%S%.f").to_string()
    }

    #[cfg(feature = "server")]
    fn wall_clock(at: DateTime<FixedOffset>) -> NaiveDateTime {
        at.with_timezone(&chrono_tz::Europe::Paris).naive_local()
    }

    /// The server writes Paris's offset: the time as written is Paris time.
    #[cfg(not(feature = "server"))]
    fn wall_clock(at: DateTime<FixedOffset>) -> NaiveDateTime {
        at.naive_local()
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Times {
        #[serde(with = "super::utc")]
        published: chrono::NaiveDateTime,
        #[serde(default, with = "super::utc_option")]
        sent: Option<chrono::NaiveDateTime>,
        #[serde(with = "super::paris")]
        starts: chrono::NaiveDateTime,
    }

    fn at(text: &str) -> chrono::NaiveDateTime {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn times_are_written_with_their_offset_and_read_in_any_form() {
        let times = Times {
            published: at("2026-12-03T07:13:33.779615"),
            sent: None,
            starts: at("2027-03-30T09:30:00"),
        };
        let written = serde_json::to_value(&times).unwrap_or_default();
        assert_eq!(written["published"], "2026-12-03T07:13:33.779615Z");
        assert_eq!(written["sent"], json!(null));
        if cfg!(feature = "server") {
            // Summer time in Paris from the last Sunday of March.
            assert_eq!(written["starts"], "2027-03-30T09:30:00+02:00");
        }
        let read: Times = serde_json::from_value(written).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read, times);
        // The former form, without an offset, and another offset.
        let former: Times = serde_json::from_value(json!({
            "published": "2026-12-03T08:13:33.779615+01:00", "starts": "2027-03-30T09:30:00"
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(former, times);
        assert!(serde_json::from_value::<Times>(
            json!({ "published": "hier", "starts": "2027-03-30T09:30:00" })
        )
        .is_err());
    }
}
