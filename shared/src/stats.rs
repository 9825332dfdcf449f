//! Figures for the dashboards: daily or weekly series, drawn as charts by the front end.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::application::ApplicationStatus;
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
    /// Applications received, all statuses.
    pub applications: i64,
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
    /// Applications to the entity (to its offers and spontaneous).
    pub applications: ApplicationFigures,
}

/// `GET /api/v1/recruiter/offers/{id}/stats`: one offer's audience over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OfferFigures {
    pub offer: OfferAudience,
    /// Daily views over the last `STATS_DAYS` days.
    pub daily_views: Vec<Point>,
    pub applications: ApplicationFigures,
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
    pub applications: ApplicationFigures,
}

/// Applications to an offer, an entity or the whole platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApplicationFigures {
    pub total: i64,
    /// Applications received per week over the last `STATS_WEEKS` weeks.
    pub weekly: Vec<Point>,
    /// Every status, zeros included.
    pub by_status: Vec<ApplicationStatusCount>,
    /// Median time from receipt to the first answer, in hours (None before any answer).
    pub median_hours_to_first_answer: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApplicationStatusCount {
    pub status: ApplicationStatus,
    pub count: i64,
}

/// One application as the figures see it: status, received, first answered.
pub type ApplicationFact = (ApplicationStatus, NaiveDateTime, Option<NaiveDateTime>);

impl ApplicationFigures {
    /// The figures of `facts`, with weekly counts from `from`.
    pub fn compute(from: NaiveDate, facts: &[ApplicationFact]) -> Self {
        use strum::IntoEnumIterator;
        let by_status = ApplicationStatus::iter()
            .map(|status| ApplicationStatusCount {
                status,
                count: facts.iter().filter(|f| f.0 == status).count() as i64,
            })
            .collect();
        let days: Vec<Point> = facts
            .iter()
            .map(|f| Point {
                day: f.1.date(),
                count: 1,
            })
            .collect();
        let mut waits: Vec<i64> = facts
            .iter()
            .filter_map(|&(_, received, answered)| answered.map(|a| (a - received).num_hours()))
            .collect();
        waits.sort_unstable();
        Self {
            total: facts.len() as i64,
            weekly: dense_series(from, STATS_WEEKS, 7, &days),
            by_status,
            median_hours_to_first_answer: waits.get(waits.len() / 2).copied(),
        }
    }
}

pub const STATS_DAYS: u32 = 30;
pub const STATS_WEEKS: u32 = 12;

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

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

    #[test]
    fn application_figures_count_statuses_weeks_and_the_median_wait() {
        let at = |day, hour| {
            NaiveDate::from_ymd_opt(2026, 11, day)
                .and_then(|d| d.and_hms_opt(hour, 0, 0))
                .unwrap_or_default()
        };
        let from = NaiveDate::from_ymd_opt(2026, 9, 3).unwrap_or_default();
        let facts = [
            (ApplicationStatus::New, at(20, 9), None),
            (ApplicationStatus::Interview, at(2, 9), Some(at(3, 9))),
            (ApplicationStatus::Rejected, at(2, 10), Some(at(2, 12))),
            (ApplicationStatus::Rejected, at(5, 8), Some(at(9, 8))),
        ];
        let f = ApplicationFigures::compute(from, &facts);
        assert_eq!(f.total, 4);
        let rejected = f
            .by_status
            .iter()
            .find(|s| s.status == ApplicationStatus::Rejected);
        assert_eq!(rejected.map(|s| s.count), Some(2));
        // One row per status, zeros included.
        assert_eq!(f.by_status.len(), ApplicationStatus::iter().count());
        assert_eq!(f.weekly.iter().map(|p| p.count).sum::<i64>(), 4);
        // Waits of 2, 24 and 96 hours: the median is 24.
        assert_eq!(f.median_hours_to_first_answer, Some(24));
        assert_eq!(
            ApplicationFigures::compute(from, &[]).median_hours_to_first_answer,
            None
        );
    }
}
