//! `/espace-candidat/vis-mon-job`: the student's sign-ups, their status, and the duo page once
//! the duos are announced.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::api::vis_mon_job;
use shared::vismonjob::{EditionStatus, MySignup};

use super::{status_badge, when};
use crate::api::browser;
use crate::components::states::{Empty, Loaded};

#[component]
pub fn MySignupsPage() -> impl IntoView {
    let mine = LocalResource::new(|| browser::fetch(vis_mon_job::MySignups {}));
    view! {
        <Title text="Mes inscriptions Vis mon job" />
        <div class="fr-container fr-my-4w">
            <h1>"Mes inscriptions Vis mon job"</h1>
            <p><a class="fr-link" href="/espace-candidat">"Mes candidatures"</a></p>
            <Loaded resource=mine view=move |list| {
                if list.is_empty() {
                    view! {
                        <Empty message="Vous n'êtes inscrit(e) à aucune édition." />
                        <p><a class="fr-btn" href="/vis-mon-job">"Découvrir Vis mon job"</a></p>
                    }.into_any()
                } else {
                    view! {
                        <ul class="talents-plain-list">
                            {list.into_iter().map(|m| view! { <SignupCard signup=m /> }).collect_view()}
                        </ul>
                    }.into_any()
                }
            } />
        </div>
    }
}

#[component]
fn SignupCard(signup: MySignup) -> impl IntoView {
    let edition = signup.edition;
    let next = match (&signup.duo_url, edition.status) {
        (Some(url), _) => view! { <p><a class="fr-btn" href=url.clone()>"Voir mon duo"</a></p> }.into_any(),
        (None, EditionStatus::Open) => view! {
            <p><a class="fr-link" href=format!("/vis-mon-job/{}", edition.slug)>"Modifier mon inscription"</a></p>
        }.into_any(),
        (None, _) => match signup.signup.unmatched_reason.clone() {
            Some(reason) if edition.status != EditionStatus::Matched => view! { <p>{format!("Pas de duo pour cette édition : {reason}.")}</p> }.into_any(),
            _ => view! { <p>"Les duos sont en cours de constitution : vous recevrez un courriel."</p> }.into_any(),
        },
    };
    view! {
        <li class="fr-card fr-mb-3w">
            <div class="fr-card__body"><div class="fr-card__content">
                <h2 class="fr-card__title">{edition.title.clone()}</h2>
                <p class="fr-card__desc">{when(&edition)}</p>
                <p><span class=status_badge(edition.status)>{edition.status.label()}</span></p>
                <p>{format!("{}, {}", signup.signup.field, signup.signup.school)}</p>
                {next}
            </div></div>
        </li>
    }
}
