//! Webhooks: a third party holding an API key gives a receiver address, and the platform
//! sends it the public offers' changes as they happen — the changes feed
//! (`GET /api/v1/offers/changes`) pushed instead of polled. Deliveries follow the Standard
//! Webhooks specification (<https://www.standardwebhooks.com/>): `webhook-id`,
//! `webhook-timestamp` and `webhook-signature` headers, an HMAC-SHA256 signature with the
//! receiver's `whsec_` secret over `id.timestamp.body`.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::offer_changes::OfferChange;
use crate::{ApiKeyId, FieldError, OfferId, WebhookId};

/// Failures in a row after which deliveries to a receiver stop: with the backoff (30 s
/// doubling up to an hour), about a day of failing.
pub const MAX_FAILURES: i32 = 30;

/// A receiver address's longest form.
pub const URL_MAX: usize = 2000;

/// What a receiver hears about.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::AsRefStr,
    strum::EnumIter,
)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub enum WebhookEvent {
    /// An offer became public since the receiver last heard (new, or published again).
    #[serde(rename = "offer.published")]
    #[strum(serialize = "offer.published")]
    OfferPublished,
    /// A public offer the receiver knows changed.
    #[serde(rename = "offer.updated")]
    #[strum(serialize = "offer.updated")]
    OfferUpdated,
    /// An offer left the public list (archived, filled, expired, back to draft, deleted).
    #[serde(rename = "offer.removed")]
    #[strum(serialize = "offer.removed")]
    OfferRemoved,
}

impl WebhookEvent {
    /// French label shown in the admin pages.
    pub fn label(self) -> &'static str {
        match self {
            Self::OfferPublished => "Offre publiée",
            Self::OfferUpdated => "Offre modifiée",
            Self::OfferRemoved => "Offre retirée",
        }
    }

    /// Every event, in display order.
    pub fn all() -> impl Iterator<Item = Self> {
        <Self as strum::IntoEnumIterator>::iter()
    }
}

/// `POST /api/v1/admin/webhooks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct WebhookForm {
    /// The API key whose holder runs the receiver.
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub api_key_id: ApiKeyId,
    /// The receiver: `https://…` (plain `http` only to this machine, for tests).
    pub url: String,
    /// What it hears about; at least one.
    pub events: Vec<WebhookEvent>,
}

impl WebhookForm {
    /// The fields in error besides the address's form, which the server checks (it parses
    /// addresses as its HTTP client does).
    pub fn errors(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.api_key_id.0 <= 0 {
            errors.push(FieldError::new(
                "api_key_id",
                "Choisissez la clé du réutilisateur.",
            ));
        }
        let url = self.url.trim();
        if url.is_empty() || url.len() > URL_MAX {
            errors.push(FieldError::new(
                "url",
                format!("Indiquez l'adresse du récepteur ({URL_MAX} caractères au plus)."),
            ));
        }
        if self.events.is_empty() {
            errors.push(FieldError::new(
                "events",
                "Choisissez au moins un événement.",
            ));
        }
        errors
    }
}

/// A receiver as the team sees it (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Webhook {
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub id: WebhookId,
    /// The API key it belongs to.
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub api_key_id: ApiKeyId,
    pub url: String,
    pub events: Vec<WebhookEvent>,
    #[serde(with = "crate::time::utc")]
    pub created_at: NaiveDateTime,
    /// Failed attempts in a row (0 once a delivery succeeds).
    pub failures: i32,
    /// Set when deliveries stopped after too many failures; `disabled_reason` says why.
    #[serde(default, with = "crate::time::utc_option")]
    pub disabled_at: Option<NaiveDateTime>,
    pub disabled_reason: Option<String>,
}

/// The answer to a creation: the only time the signing secret is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CreatedWebhook {
    #[serde(flatten)]
    pub webhook: Webhook,
    /// `whsec_…`: verifies the `webhook-signature` header; it cannot be shown again.
    pub secret: String,
}

/// One message to a receiver, and how its delivery went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct WebhookDelivery {
    /// The `webhook-id` header: the same on every attempt (receivers skip what they had).
    pub message_id: String,
    pub event: WebhookEvent,
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub offer_id: OfferId,
    pub attempts: i32,
    /// The receiver's last HTTP status, if it answered.
    pub status_code: Option<i32>,
    pub last_error: Option<String>,
    #[serde(with = "crate::time::utc")]
    pub created_at: NaiveDateTime,
    #[serde(default, with = "crate::time::utc_option")]
    pub delivered_at: Option<NaiveDateTime>,
}

/// The body of a delivery (Standard Webhooks' `type`, `timestamp`, `data`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct WebhookPayload {
    #[serde(rename = "type")]
    pub event: WebhookEvent,
    /// When the message was made.
    pub timestamp: DateTime<Utc>,
    /// The change, as the changes feed gives it.
    pub data: OfferChange,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_named_as_receivers_read_them() {
        let names: Vec<String> = WebhookEvent::all()
            .map(|e| serde_json::to_string(&e).unwrap_or_default())
            .collect();
        assert_eq!(
            names,
            [
                r#""offer.published""#,
                r#""offer.updated""#,
                r#""offer.removed""#
            ]
        );
        assert_eq!(
            "offer.removed".parse::<WebhookEvent>().ok(),
            Some(WebhookEvent::OfferRemoved)
        );
        assert_eq!(WebhookEvent::OfferUpdated.as_ref(), "offer.updated");
    }

    #[test]
    fn a_form_needs_an_address_and_an_event() {
        let empty = WebhookForm {
            api_key_id: ApiKeyId(0),
            url: String::new(),
            events: Vec::new(),
        };
        let fields: Vec<String> = empty.errors().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["api_key_id", "url", "events"]);
    }
}
