//! Figures for the dashboards: daily or weekly series, drawn as charts by the front end.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::offer::OfferStatus;
use crate::OfferId;

/// One point of a time series: the count for the period starting on `day`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Point {
    pub day: NaiveDate,
    pub count: i64,
}

/// A series with one point per period from `from`, zeros included, so charts need no gap
/// handling.
pub fn dense_series(from: NaiveDate, periods: u32, step_days: u32, counts: &[Point]) -> Vec<Point> {
    (0..periods)
        .map(|i| {
            let day = from + chrono::Duration::days(i64::from(i * step_days));
            let end = day + chrono::Duration::days(i64::from(step_days));
            let count = counts
                .iter()
                .filter(|p| p.day >= day && p.day < end)
                .map(|p| p.count)
                .sum();
            Point { day, count }
        })
        .collect()
}

/// One offer's audience, a line of the entity's table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OfferAudience {
    pub id: OfferId,
    pub title: String,
    pub status: OfferStatus,
    /// Views over the whole life of the offer.
    pub views: i64,
}

/// `GET /api/v1/recruiter/stats`: the entity's offers and their audience.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EntityFigures {
    /// Daily views of all the entity's offers over the last `STATS_DAYS` days.
    pub daily_views: Vec<Point>,
    /// Offers by status.
    pub by_status: Vec<StatusCount>,
    /// Offers, most viewed first.
    pub offers: Vec<OfferAudience>,
}

/// `GET /api/v1/recruiter/offers/{id}/stats`: one offer's audience over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OfferFigures {
    pub offer: OfferAudience,
    /// Daily views over the last `STATS_DAYS` days.
    pub daily_views: Vec<Point>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StatusCount {
    pub status: OfferStatus,
    pub count: i64,
}

/// `GET /api/v1/admin/stats`: the platform at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PlatformFigures {
    pub entities: i64,
    pub open_offers: i64,
    pub recruiters: i64,
    pub candidates: i64,
    pub pending_access_requests: i64,
    /// Weekly new accounts (all roles) over the last `STATS_WEEKS` weeks.
    pub weekly_signups: Vec<Point>,
    /// Weekly first publications of offers over the last `STATS_WEEKS` weeks.
    pub weekly_publications: Vec<Point>,
    /// Daily offer views over the last `STATS_DAYS` days.
    pub daily_views: Vec<Point>,
}

pub const STATS_DAYS: u32 = 30;
pub const STATS_WEEKS: u32 = 12;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dense_series_fills_gaps_and_buckets_weeks() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 11, day).unwrap_or_default();
        let counts = [
            Point {
                day: d(2),
                count: 3,
            },
            Point {
                day: d(9),
                count: 1,
            },
            Point {
                day: d(10),
                count: 2,
            },
        ];
        let daily = dense_series(d(1), 3, 1, &counts);
        assert_eq!(daily.iter().map(|p| p.count).collect::<Vec<_>>(), [0, 3, 0]);
        let weekly = dense_series(d(1), 2, 7, &counts);
        assert_eq!(weekly.iter().map(|p| p.count).collect::<Vec<_>>(), [3, 3]);
        assert_eq!(weekly[1].day, d(8));
    }
}
