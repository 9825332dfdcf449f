//! The State's referential of digital métiers, grouped in families.

use serde::{Deserialize, Serialize};

use crate::{MetierFamilyId, MetierId};

/// A métier of the referential (e.g. "Développeuse / Développeur").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "server", schema(example = json!({
    "id": 7,
    "slug": "developpeuse-developpeur",
    "name": "Développeuse / Développeur",
    "description": "Conçoit, développe et maintient les applications et services numériques.",
    "family_slug": "developpement",
    "family_name": "Développement",
    "open_offers": 31
})))]
pub struct Metier {
    pub id: MetierId,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub family_slug: String,
    pub family_name: String,
    /// Number of published, unexpired offers for this métier.
    pub open_offers: i64,
}

/// A family of métiers (e.g. "Données") with its métiers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MetierFamily {
    pub id: MetierFamilyId,
    pub slug: String,
    pub name: String,
    pub metiers: Vec<Metier>,
}

impl MetierFamily {
    /// Open offers of the whole family.
    pub fn open_offers(&self) -> i64 {
        self.metiers.iter().map(|m| m.open_offers).sum()
    }
}
