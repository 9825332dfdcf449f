//! A recruiter's space, scoped to their entity: offers, applications, talents, team, showcase
//! and figures.

use super::operations;

operations! {
    /// The entity's applications, newest first.
    ListApplications {} = GET "/api/v1/recruiter/applications" => Vec<crate::application::ApplicationSummary>;
    /// The entity's applications as CSV (same filters), for spreadsheets.
    ExportApplications {} = GET "/api/v1/recruiter/applications.csv" => crate::api::File;
    /// One application with its history.
    ShowApplication { id: i64 } = GET "/api/v1/recruiter/applications/{id}" => crate::application::ApplicationDetail;
    /// Download the CV (PDF).
    DownloadCv { id: i64 } = GET "/api/v1/recruiter/applications/{id}/cv" => crate::api::File;
    /// Add a private note (never shown to the candidate).
    AddNote { id: i64 } = POST "/api/v1/recruiter/applications/{id}/notes", body crate::application::NewNote => crate::application::ApplicationDetail;
    /// Move an application forward; a rejection's reason is sent to the candidate.
    ChangeApplicationStatus { id: i64 } = POST "/api/v1/recruiter/applications/{id}/status", body crate::application::StatusChange => crate::application::ApplicationDetail;
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
    ListTalents {} = GET "/api/v1/recruiter/profiles" => Vec<crate::profile::TalentProfile>;
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
