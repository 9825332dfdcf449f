//! The notice of a signed-in account whose e-mail address is not confirmed yet, with a new
//! link on demand: until it is, nothing but that link is mailed to it and recruiters do not
//! see the profile (`recruiter::ListTalents`), and the account goes after 7 days.

use leptos::prelude::*;
use shared::account::CONFIRMATION_DAYS;
use shared::api::accounts;
use shared::Problem;

use crate::api::browser;
use crate::components::form::Success;
use crate::components::states::LastProblem;
use crate::contexts::session::CurrentSession;

#[component]
pub fn UnconfirmedAddress() -> impl IntoView {
    let session = CurrentSession::get();
    let problem = RwSignal::new(None::<Problem>);
    let sent = RwSignal::new(None::<String>);
    let send = move |_| {
        sent.set(None);
        browser::act(
            accounts::SendConfirmationLink {},
            (),
            problem,
            move |_: Option<()>| {
                sent.set(Some(
                    "Un nouveau lien vient de vous être envoyé : ouvrez-le pour confirmer votre adresse."
                        .to_owned(),
                ));
            },
        );
    };
    move || {
        let me = session.me().filter(|me| !me.email_verified)?;
        Some(view! {
            <div class="fr-alert fr-alert--warning fr-mb-2w">
                <h2 class="fr-alert__title">"Confirmez votre adresse électronique"</h2>
                <p>
                    "Ouvrez le lien envoyé à " {me.email} ". D'ici là, nous ne vous écrivons rien d'autre "
                    "et les recruteurs ne voient pas votre profil ; un compte non confirmé "
                    {CONFIRMATION_DAYS} " jours après sa création est supprimé."
                </p>
                <button class="fr-btn fr-btn--secondary fr-btn--sm fr-mt-2w" type="button" on:click=send>
                    "Recevoir un nouveau lien"
                </button>
            </div>
            <LastProblem problem />
            <Success message=sent />
        })
    }
}
