//! Accounts and what a candidate does with theirs: sign-up, sign-in, password, profile, job
//! alerts, applications and their export or erasure.

use super::{operations, QueryString};

/// The page to come back to once the address is confirmed (`?retour=`), for [`SignUp`].
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
pub struct SignUpReturn {
    /// A path of this site the confirmation link goes on to once the address is confirmed
    /// (where the person was going when they signed up).
    pub retour: Option<String>,
}

impl QueryString for SignUpReturn {
    const PARAMS: &'static [&'static str] = &["retour"];
    fn to_query_string(&self) -> String {
        super::encode_pairs([("retour", self.retour.clone())])
    }
}

operations! {
    /// Ask for access to an entity's recruiter space; an admin approves (an invitation follows)
    /// or declines it.
    RequestAccess {} = POST "/api/v1/auth/access-requests", body crate::admin::AccessRequestForm => ();
    /// Sign in with e-mail and password; sets the session cookie.
    LogIn {} = POST "/api/v1/auth/login", body crate::account::Credentials => crate::account::Me;
    /// Sign out: the session is deleted on the server and the cookie cleared.
    LogOut {} = POST "/api/v1/auth/logout" => ();
    /// Ask for a password reset link. Always 202, whether or not the address has an account.
    RequestReset {} = POST "/api/v1/auth/password-reset", body crate::account::ResetRequest => ();
    /// Choose a new password with a reset or invitation link; closes every other session.
    ConfirmReset {} = POST "/api/v1/auth/password-reset/confirm", body crate::account::NewPassword => crate::account::Me;
    /// Who is signed in: the account, or `null` for a visitor (never a 401). Not cached: it
    /// changes with the cookie.
    CurrentSession {} = GET "/api/v1/auth/session" => crate::account::Session;
    /// Create a candidate account: a link confirming the address is e-mailed, which opens the
    /// first session. The answer is the same whether or not the address already has an account
    /// — its owner is told by e-mail instead — so that signing up never tells who has one.
    SignUp {} query SignUpReturn = POST "/api/v1/auth/signup", body crate::account::Credentials => ();
    /// Confirm an e-mail address with the link's token, which signs its account in (the link
    /// proves the mailbox, as a password reset's does).
    VerifyEmail {} = POST "/api/v1/auth/verify-email", body crate::account::EmailToken => crate::account::Me;
    /// Send a spontaneous application to an entity.
    ApplyToEntity { slug: String } = POST "/api/v1/entities/{slug}/applications", body crate::api::Multipart => crate::application::ApplicationReceipt;
    /// Erase a candidate account: applications are anonymised (kept for statistics), CVs
    /// deleted, sessions closed. The password confirms it.
    EraseAccount {} = DELETE "/api/v1/me", body crate::application::AccountErasure => ();
    /// The signed-in account.
    ShowMe {} = GET "/api/v1/me" => crate::account::Me;
    /// The candidate's alerts.
    ListAlerts {} = GET "/api/v1/me/alerts" => Vec<crate::alert::JobAlert>;
    /// Save a search as an alert: a daily e-mail of its new offers, and a private feed.
    CreateAlert {} = POST "/api/v1/me/alerts", body crate::alert::AlertForm => crate::alert::JobAlert;
    /// Delete one of the candidate's alerts.
    DeleteAlert { id: crate::AlertId } = DELETE "/api/v1/me/alerts/{id}" => ();
    /// A new feed URL for one of the candidate's alerts, shown this once; the former stops working.
    RenewFeedLink { id: crate::AlertId } = POST "/api/v1/me/alerts/{id}/feed-link" => crate::alert::JobAlert;
    /// The applications sent from this account, with their status history.
    MyApplications {} = GET "/api/v1/me/applications" => Vec<crate::application::MyApplication>;
    /// Withdraw one of my applications while it is open; its recruiters are told by e-mail.
    WithdrawApplication { id: crate::ApplicationId } = POST "/api/v1/me/applications/{id}/withdraw" => ();
    /// E-mail a new link confirming the account's address (the first may be lost or expired).
    /// Until the address is confirmed, nothing else is mailed to it and recruiters do not see
    /// the profile; a candidate account still unconfirmed 7 days after its creation is deleted.
    SendConfirmationLink {} = POST "/api/v1/me/email-confirmation" => ();
    /// Everything stored about the account: `donnees.json` and the CVs, as a zip archive.
    ExportData {} = GET "/api/v1/me/export" => crate::api::File;
    /// Change the password; every other session of the account is closed.
    ChangePassword {} = POST "/api/v1/me/password", body crate::account::PasswordChange => ();
    /// The candidate's profile (empty before the first save).
    ShowProfile {} = GET "/api/v1/me/profile" => crate::profile::CandidateProfile;
    /// Save the candidate's profile.
    UpdateProfile {} = PUT "/api/v1/me/profile", body crate::profile::CandidateProfile => crate::profile::CandidateProfile;
    /// Apply to a published offer.
    ApplyToOffer { id: crate::OfferId } = POST "/api/v1/offers/{id}/applications", body crate::api::Multipart => crate::application::ApplicationReceipt;
}
