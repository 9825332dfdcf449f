//! `GET /api/v1/offers/changes`: what changed in the public offers since a cursor — offers
//! published or edited (whole), and tombstones for those that left the public list, with the
//! reason and the time. A re-user asks once without `since` for the cursor, loads the exports,
//! then asks `since` that cursor as often as it likes. The log's order and why nothing is
//! skipped: `db::offer_changes`.

use axum::extract::State;
use axum::Json;
use chrono::{NaiveDateTime, Utc};
use serde::Deserialize;
use shared::ids::OfferId;
use shared::offer::{OfferStatus, RemovalReason};
use shared::offer_changes::{parse_cursor, ChangeKind, OfferChange, OfferChanges, MAX_CHANGES};
use shared::{FieldError, Problem};
use std::collections::HashMap;

use crate::db::offer_changes::{self, Logged};
use crate::db::offers;
use crate::error::{ApiResult, AppError};
use crate::json::AppQuery;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangesQuery {
    /// The `next_cursor` of the last answer; without it, the answer holds no change and the
    /// cursor of now (take it before loading the exports).
    pub since: Option<String>,
    /// Offers per answer, 1 to 500 (500 by default).
    pub limit: Option<i64>,
}

/// The public offers' changes since a cursor, in order: each changed offer once, with its
/// current state (`upsert`) or why it left the public list (`removed`). Changes are kept 90
/// days: an older cursor answers 410, and the client loads everything again.
#[utoipa::path(get, path = "/api/v1/offers/changes", tag = "offres", security(()),
    params(ChangesQuery),
    responses(
        (status = 200, description = "Les changements depuis le curseur", body = OfferChanges),
        (status = 400, description = "Curseur ou taille de page invalide", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Curseur plus ancien que les changements conservés : tout recharger", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn offer_changes(
    State(state): State<AppState>,
    AppQuery(query): AppQuery<ChangesQuery>,
) -> ApiResult<Json<OfferChanges>> {
    let limit = query.limit.unwrap_or(MAX_CHANGES);
    if !(1..=MAX_CHANGES).contains(&limit) {
        return Err(invalid("limit", "La taille de page va de 1 à 500."));
    }
    let clock = offer_changes::clock(&state.db).await?;
    let Some(since) = query.since else {
        return Ok(Json(OfferChanges {
            changes: Vec::new(),
            next_cursor: clock.latest.to_string(),
            has_more: false,
        }));
    };
    let cursor = parse_cursor(&since)
        .filter(|cursor| *cursor <= clock.latest)
        .ok_or_else(|| {
            invalid(
                "since",
                "Curseur inconnu : reprenez le `next_cursor` d'une réponse.",
            )
        })?;
    if cursor < clock.purged_through {
        return Err(Problem::cursor_expired().into());
    }
    let mut logged = offer_changes::latest_after(&state.db, cursor, limit + 1).await?;
    let has_more = logged.len() as i64 > limit;
    logged.truncate(limit as usize);
    let next_cursor = logged.last().map_or(cursor, |l| l.seq).to_string();
    Ok(Json(OfferChanges {
        changes: describe(&state, &logged).await?,
        next_cursor,
        has_more,
    }))
}

fn invalid(field: &str, message: &str) -> AppError {
    AppError::invalid(vec![FieldError::new(field, message)])
}

/// Each logged offer as it is now: public (its whole state), or why not.
async fn describe(state: &AppState, logged: &[Logged]) -> ApiResult<Vec<OfferChange>> {
    let ids: Vec<OfferId> = logged.iter().map(|l| l.offer).collect();
    let mut public: HashMap<OfferId, shared::offer::Offer> =
        offers::public_offers_among(&state.db, &ids)
            .await?
            .into_iter()
            .map(|offer| (offer.summary.id, offer))
            .collect();
    let stored: HashMap<OfferId, (OfferStatus, NaiveDateTime)> =
        offer_changes::states(&state.db, &ids)
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
