//! Job alerts: a saved offer search, mailed as a daily digest of new matching offers and
//! readable as a private Atom feed.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::{AlertId, FieldError};

/// Alerts a candidate may keep.
pub const ALERTS_MAX: i64 = 20;
const NAME_MAX: usize = 100;

/// `POST /api/v1/me/alerts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AlertForm {
    /// A name for the candidate ("Data à Rennes").
    pub name: String,
    /// The search, as the query string of `GET /api/v1/offers` (e.g.
    /// `q=donnees&region=53`); sort, limit and cursor are ignored.
    pub query: String,
}

impl AlertForm {
    /// Errors of the name; the server checks the query with the offers' rules.
    pub fn errors(&self) -> Vec<FieldError> {
        let name = self.name.trim().chars().count();
        if name == 0 || name > NAME_MAX {
            vec![FieldError::new(
                "name",
                "Nommez l'alerte (100 caractères au plus).",
            )]
        } else {
            Vec::new()
        }
    }
}

/// A saved alert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct JobAlert {
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub id: AlertId,
    pub name: String,
    /// The search, normalised (`/offres?{query}` shows it).
    pub query: String,
    /// Private Atom feed of the search's offers (the URL is the secret: do not share it).
    /// Given only when the alert is made and when its link is renewed
    /// (`POST /api/v1/me/alerts/{id}/feed-link`): the server keeps only its hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed_url: Option<String>,
    #[serde(with = "crate::time::utc")]
    pub created_at: NaiveDateTime,
    /// When the last digest was checked for new offers.
    #[serde(with = "crate::time::utc")]
    pub checked_at: NaiveDateTime,
}
