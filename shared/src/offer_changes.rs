//! Incremental sync of the public offers (`GET /api/v1/offers/changes`): a re-user loads
//! every offer once (the exports), then only what changed — offers published or edited, and
//! tombstones for those that left the public list, with the reason and the time.
//!
//! A cursor is opaque to clients: they keep the `next_cursor` of the last answer and send it
//! back as `since`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::OfferId;
use crate::offer::{Offer, RemovalReason};

/// How many changes one answer holds at most (and by default).
pub const MAX_CHANGES: i64 = 500;

/// What happened to an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Public now, new or changed: `offer` is its whole current state.
    Upsert,
    /// No longer public: `reason` says why. It may name an offer the client never received
    /// (a draft changed): ignore it then.
    Removed,
}

/// One offer's latest change since the cursor (several changes of one offer are one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OfferChange {
    /// This change's place in the log: resuming `since` it skips what came before.
    pub cursor: String,
    pub offer_id: OfferId,
    pub kind: ChangeKind,
    /// When it changed (for an expiry, the closing date).
    pub changed_at: DateTime<Utc>,
    /// The offer as it is now (`upsert` only).
    pub offer: Option<Offer>,
    /// Why it left the public list (`removed` only).
    pub reason: Option<RemovalReason>,
}

/// One answer of the changes feed, in log order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OfferChanges {
    pub changes: Vec<OfferChange>,
    /// Where to resume (`since`): after the last change given, or where the log stands when
    /// nothing changed.
    pub next_cursor: String,
    /// More changes wait: ask again at once with `next_cursor`.
    pub has_more: bool,
}

/// A cursor as sent by a client: `None` when it is not one of ours.
pub fn parse_cursor(text: &str) -> Option<i64> {
    text.parse::<i64>().ok().filter(|n| *n >= 0)
}
