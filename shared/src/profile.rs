//! The candidate's profile: what they look for, and who may see it. Recruiters find
//! visible profiles in their space, except from the entities the candidate hides it from.

use serde::{Deserialize, Serialize};

use crate::application::{link_errors, name_errors, phone_error};
use crate::offer::ContractType;
use crate::FieldError;

/// At most this many métiers, regions or hidden entities.
pub const CHOICES_MAX: usize = 60;

/// `GET`/`PUT /api/v1/me/profile`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CandidateProfile {
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub phone: String,
    /// Slugs of the métiers sought.
    #[serde(default)]
    pub metiers: Vec<String>,
    /// INSEE codes of the regions sought.
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub contract_types: Vec<ContractType>,
    #[serde(default)]
    pub linkedin_url: String,
    #[serde(default)]
    pub github_url: String,
    #[serde(default)]
    pub portfolio_url: String,
    /// Recruiters may find the profile (opt-in).
    #[serde(default)]
    pub visible_to_recruiters: bool,
    /// Slugs of the entities that never see the profile.
    #[serde(default)]
    pub hidden_entities: Vec<String>,
}

impl CandidateProfile {
    /// Errors of form; the server adds those for unknown métiers, regions and entities.
    pub fn errors(&self) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> = name_errors(&self.first_name, &self.last_name).collect();
        errors.extend(phone_error(&self.phone));
        errors.extend(link_errors(
            &self.linkedin_url,
            &self.github_url,
            &self.portfolio_url,
        ));
        for (field, len) in [
            ("metiers", self.metiers.len()),
            ("regions", self.regions.len()),
            ("hidden_entities", self.hidden_entities.len()),
        ] {
            if len > CHOICES_MAX {
                errors.push(FieldError::new(
                    field,
                    format!("{CHOICES_MAX} choix au plus."),
                ));
            }
        }
        errors
    }
}

/// A visible profile, as recruiters find it (`GET /api/v1/recruiter/profiles`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TalentProfile {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: Option<String>,
    /// Names of the métiers sought.
    pub metiers: Vec<String>,
    /// Names of the regions sought.
    pub regions: Vec<String>,
    pub contract_types: Vec<ContractType>,
    pub linkedin_url: Option<String>,
    pub github_url: Option<String>,
    pub portfolio_url: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_needs_a_name_and_valid_links() {
        let profile = CandidateProfile {
            first_name: "Léa".into(),
            last_name: "Petit".into(),
            github_url: "https://gitlab.com/lpetit".into(),
            ..Default::default()
        };
        let fields: Vec<_> = profile.errors().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["github_url"]);
        assert_eq!(CandidateProfile::default().errors().len(), 2);
    }
}
