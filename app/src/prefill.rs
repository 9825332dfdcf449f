//! What forms already know of a signed-in candidate, so that nobody types their name twice:
//! the profile (`accounts::ShowProfile`, empty until first saved).

use leptos::prelude::*;
use shared::api::accounts;
use shared::profile::CandidateProfile;

use crate::api::browser;

/// The signed-in candidate's profile; `None` when it cannot be read.
pub async fn candidate_profile() -> Option<CandidateProfile> {
    browser::fetch(accounts::ShowProfile {}).await.ok()
}

/// Sets `field` to `value` unless the person has typed something already.
pub fn fill_if_empty(field: RwSignal<String>, value: &str) {
    if field.with_untracked(String::is_empty) && !value.is_empty() {
        field.set(value.to_owned());
    }
}

/// Fills the first and last names from the profile, where still empty.
pub async fn candidate_name(first_name: RwSignal<String>, last_name: RwSignal<String>) {
    if let Some(profile) = candidate_profile().await {
        fill_if_empty(first_name, &profile.first_name);
        fill_if_empty(last_name, &profile.last_name);
    }
}
