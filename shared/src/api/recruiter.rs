//! A recruiter's space, scoped to their entity: offers, applications, talents, team, showcase
//! and figures.

use std::str::FromStr;

use super::{encode_pairs, operations, QueryString};
use crate::application::ApplicationStatus;
use crate::{FieldError, OfferId};

/// Which of the entity's applications to list (`?offer=&status=`), for [`ListApplications`]
/// and [`ExportApplications`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ApplicationFilter {
    /// `Some(None)`: spontaneous applications only (`offer=spontaneous`); `Some(Some(id))`:
    /// one offer's.
    pub offer: Option<Option<OfferId>>,
    pub status: Option<ApplicationStatus>,
}

impl ApplicationFilter {
    /// The filter of a query's pairs, every bad one named; unknown names are ignored.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, Vec<FieldError>> {
        let mut filter = Self::default();
        let mut errors = Vec::new();
        for (key, value) in pairs {
            let value = value.as_ref();
            match key.as_ref() {
                "offer" if value == "spontaneous" => filter.offer = Some(None),
                "offer" => match value.parse::<OfferId>() {
                    Ok(id) => filter.offer = Some(Some(id)),
                    Err(_) => errors.push(FieldError::new(
                        "offer",
                        "Indiquez un identifiant d'offre ou « spontaneous ».",
                    )),
                },
                "status" => match ApplicationStatus::from_str(value) {
                    Ok(status) => filter.status = Some(status),
                    Err(_) => errors.push(FieldError::new("status", "Statut inconnu.")),
                },
                _ => {}
            }
        }
        if errors.is_empty() {
            Ok(filter)
        } else {
            Err(errors)
        }
    }
}

impl QueryString for ApplicationFilter {
    const PARAMS: &'static [&'static str] = &["offer", "status"];
    fn to_query_string(&self) -> String {
        let offer = self.offer.map(|offer| match offer {
            Some(id) => id.to_string(),
            None => "spontaneous".to_owned(),
        });
        let status = self.status.map(|s| s.as_ref().to_owned());
        encode_pairs([("offer", offer), ("status", status)])
    }
}

/// The candidates a recruiter looks for (`?metier=&region=`), for [`ListTalents`].
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
pub struct TalentFilter {
    /// Slug of a métier sought.
    pub metier: Option<String>,
    /// INSEE code of a region sought.
    pub region: Option<String>,
}

impl QueryString for TalentFilter {
    const PARAMS: &'static [&'static str] = &["metier", "region"];
    fn to_query_string(&self) -> String {
        encode_pairs([
            ("metier", self.metier.clone()),
            ("region", self.region.clone()),
        ])
    }
}

operations! {
    /// The entity's applications, newest first.
    ListApplications {} query ApplicationFilter = GET "/api/v1/recruiter/applications" => Vec<crate::application::ApplicationSummary>;
    /// The entity's applications as CSV (same filters), for spreadsheets.
    ExportApplications {} query ApplicationFilter = GET "/api/v1/recruiter/applications.csv" => crate::api::File;
    /// One application with its history.
    ShowApplication { id: crate::ApplicationId } = GET "/api/v1/recruiter/applications/{id}" => crate::application::ApplicationDetail;
    /// Download the CV (PDF).
    DownloadCv { id: crate::ApplicationId } = GET "/api/v1/recruiter/applications/{id}/cv" => crate::api::File;
    /// Add a private note (never shown to the candidate).
    AddNote { id: crate::ApplicationId } = POST "/api/v1/recruiter/applications/{id}/notes", body crate::application::NewNote => crate::application::ApplicationDetail;
    /// Move an application forward; a rejection's reason is sent to the candidate.
    ChangeApplicationStatus { id: crate::ApplicationId } = POST "/api/v1/recruiter/applications/{id}/status", body crate::application::StatusChange => crate::application::ApplicationDetail;
    /// Every offer of the recruiter's entity, drafts included.
    RecruiterListOffers {} = GET "/api/v1/recruiter/offers" => Vec<crate::offer::Offer>;
    /// Save a new draft offer.
    CreateOffer {} = POST "/api/v1/recruiter/offers", body crate::offer::OfferDraft => crate::offer::Offer;
    /// One offer of the entity, whatever its status.
    RecruiterShowOffer { id: crate::OfferId } = GET "/api/v1/recruiter/offers/{id}" => crate::offer::Offer;
    /// Replace an offer's content (a published offer must stay complete).
    UpdateOffer { id: crate::OfferId } = PUT "/api/v1/recruiter/offers/{id}", body crate::offer::OfferDraft => crate::offer::Offer;
    /// Archive an offer (it leaves the public listings).
    ArchiveOffer { id: crate::OfferId } = POST "/api/v1/recruiter/offers/{id}/archive" => crate::offer::Offer;
    /// Mark an offer as filled (it leaves the public listings).
    FillOffer { id: crate::OfferId } = POST "/api/v1/recruiter/offers/{id}/fill" => crate::offer::Offer;
    /// Publish an offer; refused with field errors while required fields are missing.
    PublishOffer { id: crate::OfferId } = POST "/api/v1/recruiter/offers/{id}/publish" => crate::offer::Offer;
    /// Daily views of one of the entity's offers over the last 30 days.
    OfferStats { id: crate::OfferId } = GET "/api/v1/recruiter/offers/{id}/stats" => crate::stats::OfferFigures;
    /// Candidates who made their profile visible, except to entities they hide it from.
    ListTalents {} query TalentFilter = GET "/api/v1/recruiter/profiles" => Vec<crate::profile::TalentProfile>;
    /// The showcase of the recruiter's entity, as the public sees it.
    ShowShowcase {} = GET "/api/v1/recruiter/showcase" => crate::entity::EntityDetail;
    /// Replace the showcase blocks (Markdown) and testimonials of the recruiter's entity.
    UpdateShowcase {} = PUT "/api/v1/recruiter/showcase", body crate::entity::ShowcaseUpdate => crate::entity::EntityDetail;
    /// Views of the entity's offers over the last 30 days, and offers by status.
    EntityStats {} = GET "/api/v1/recruiter/stats" => crate::stats::EntityFigures;
    /// The recruiters of the entity.
    ListTeam {} = GET "/api/v1/recruiter/team" => Vec<crate::admin::TeamMember>;
    /// Invite a colleague to the entity's team.
    InviteColleague {} = POST "/api/v1/recruiter/team", body crate::admin::ColleagueInvitation => crate::admin::TeamMember;
    /// Revoke a colleague: their account is disabled and their sessions closed (never oneself).
    RevokeColleague { id: crate::UserId } = DELETE "/api/v1/recruiter/team/{id}" => ();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Operation;

    #[test]
    fn an_application_filter_reads_back_what_it_writes() {
        let filter = ApplicationFilter {
            offer: Some(None),
            status: Some(ApplicationStatus::Interview),
        };
        let query = filter.to_query_string();
        let pairs = form_urlencoded::parse(query.as_bytes());
        assert_eq!(ApplicationFilter::from_pairs(pairs), Ok(filter));
        let op = ListApplications { query: filter };
        assert!(op
            .path()
            .starts_with("/api/v1/recruiter/applications?offer=spontaneous&status="));
    }

    #[test]
    fn every_bad_filter_is_named() {
        let errors = ApplicationFilter::from_pairs([("offer", "douze"), ("status", "perdu")])
            .err()
            .unwrap_or_default();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["offer", "status"]);
    }
}
