//! The changes feed's content, for `GET /api/v1/offers/changes` and the webhooks alike:
//! each offer changed after a cursor as it is now — public (whole), or why it is not and
//! since when. The log's order and why nothing is skipped: `db::offer_changes`.

use chrono::{NaiveDateTime, Utc};
use shared::ids::OfferId;
use shared::offer::{OfferStatus, RemovalReason};
use shared::offer_changes::{ChangeKind, OfferChange};
use std::collections::HashMap;

use crate::db::offer_changes::{self, Logged};
use crate::db::{offers, Db, DbResult};

/// Each logged offer as it is now: public (its whole state), or why not.
pub async fn describe(db: &Db, logged: &[Logged]) -> DbResult<Vec<OfferChange>> {
    let ids: Vec<OfferId> = logged.iter().map(|l| l.offer).collect();
    let mut public: HashMap<OfferId, shared::offer::Offer> = offers::public_offers_among(db, &ids)
        .await?
        .into_iter()
        .map(|offer| (offer.summary.id, offer))
        .collect();
    let stored: HashMap<OfferId, (OfferStatus, NaiveDateTime)> = offer_changes::states(db, &ids)
        .await?
        .into_iter()
        .map(|(id, status, expires_at)| (id, (status, expires_at)))
        .collect();
    let now = Utc::now().naive_utc();
    Ok(logged
        .iter()
        .map(|l| {
            let offer = public.remove(&l.offer);
            let (reason, changed_at) = match offer {
                Some(_) => (None, l.changed_at),
                None => {
                    let (reason, at) = removal(stored.get(&l.offer).copied(), l.changed_at, now);
                    (Some(reason), at)
                }
            };
            OfferChange {
                cursor: l.seq.to_string(),
                offer_id: l.offer,
                kind: if offer.is_some() {
                    ChangeKind::Upsert
                } else {
                    ChangeKind::Removed
                },
                changed_at: changed_at.and_utc(),
                offer,
                reason,
            }
        })
        .collect())
}

/// Why an offer that is not public is not, and since when.
fn removal(
    stored: Option<(OfferStatus, NaiveDateTime)>,
    changed_at: NaiveDateTime,
    now: NaiveDateTime,
) -> (RemovalReason, NaiveDateTime) {
    match stored {
        None => (RemovalReason::Deleted, changed_at),
        Some((OfferStatus::Filled, _)) => (RemovalReason::Filled, changed_at),
        Some((OfferStatus::Draft, _)) => (RemovalReason::Unpublished, changed_at),
        // Published but not public: its closing date passed (the minutely pass archives it).
        Some((OfferStatus::Published, expires_at)) => (RemovalReason::Expired, expires_at.min(now)),
        // Archived at or after its closing date: by that pass, for its expiry.
        Some((OfferStatus::Archived, expires_at)) if expires_at <= changed_at => {
            (RemovalReason::Expired, expires_at)
        }
        Some((OfferStatus::Archived, _)) => (RemovalReason::Archived, changed_at),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, day)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .unwrap_or_default()
    }

    #[test]
    fn a_removal_says_why_and_since_when() {
        let (changed, now) = (at(10), at(20));
        let cases = [
            (None, RemovalReason::Deleted, changed),
            (
                Some((OfferStatus::Filled, at(30))),
                RemovalReason::Filled,
                changed,
            ),
            (
                Some((OfferStatus::Draft, at(30))),
                RemovalReason::Unpublished,
                changed,
            ),
            // Archived by its recruiters before its closing date.
            (
                Some((OfferStatus::Archived, at(15))),
                RemovalReason::Archived,
                changed,
            ),
            // Archived by the pass after its closing date: expired, at that date.
            (
                Some((OfferStatus::Archived, at(5))),
                RemovalReason::Expired,
                at(5),
            ),
            // Not archived yet, but closed.
            (
                Some((OfferStatus::Published, at(18))),
                RemovalReason::Expired,
                at(18),
            ),
        ];
        for (stored, reason, since) in cases {
            assert_eq!(removal(stored, changed, now), (reason, since), "{stored:?}");
        }
    }
}
