//! `/espace-candidat`: the candidate's applications, their status and each step's date.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::application::{ApplicationStatus, MyApplication};

use crate::api::browser;
use crate::components::states::{Empty, Loaded};
use crate::format;

/// The DSFR badge colour of a status.
pub fn status_badge(status: ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::New => "fr-badge fr-badge--sm fr-badge--new",
        ApplicationStatus::InReview | ApplicationStatus::Interview => {
            "fr-badge fr-badge--sm fr-badge--info"
        }
        ApplicationStatus::Accepted => "fr-badge fr-badge--sm fr-badge--success",
        ApplicationStatus::Rejected => "fr-badge fr-badge--sm fr-badge--warning",
    }
}

#[component]
pub fn CandidateSpacePage() -> impl IntoView {
    let mine =
        LocalResource::new(|| browser::get::<Vec<MyApplication>>("/api/v1/me/applications".into()));
    view! {
        <Title text="Mes candidatures" />
        <div class="fr-container fr-my-4w">
            <h1>"Mes candidatures"</h1>
            <ul class="fr-btns-group fr-btns-group--inline-md">
                <li><a class="fr-btn fr-btn--secondary" href="/espace-candidat/profil">"Mon profil"</a></li>
                <li><a class="fr-btn fr-btn--secondary" href="/espace-candidat/alertes">"Mes alertes"</a></li>
                <li><a class="fr-btn fr-btn--secondary" href="/compte">"Mon compte et mon mot de passe"</a></li>
            </ul>
            <Loaded resource=mine view=move |list| {
                if list.is_empty() {
                    view! {
                        <Empty message="Vous n'avez pas encore envoyé de candidature depuis ce compte." />
                        <p><a class="fr-btn" href="/offres">"Parcourir les offres"</a></p>
                    }.into_any()
                } else {
                    view! {
                        <ul class="plain-list">
                            {list.into_iter().map(|a| view! { <ApplicationCard application=a /> }).collect_view()}
                        </ul>
                    }.into_any()
                }
            } />
        </div>
    }
}

#[component]
fn ApplicationCard(application: MyApplication) -> impl IntoView {
    let title = application
        .offer_title
        .clone()
        .unwrap_or_else(|| "Candidature spontanée".to_owned());
    view! {
        <li class="fr-card fr-mb-3w">
            <div class="fr-card__body"><div class="fr-card__content">
                <h2 class="fr-card__title">{title}</h2>
                <p class="fr-card__desc">
                    <a href=format!("/entites/{}", application.entity_slug)>{application.entity_name.clone()}</a>
                    {format!(" — envoyée le {}", format::date(application.created_at))}
                </p>
                <p><span class=status_badge(application.status)>{application.status.label()}</span></p>
                <ol class="fr-mt-2w">
                    {application.steps.into_iter().map(|step| view! {
                        <li>
                            {format!("{} : {}", format::date(step.at), step.status.label())}
                            {step.reason.map(|r| view! { <blockquote class="fr-mt-1w">{r}</blockquote> })}
                        </li>
                    }).collect_view()}
                </ol>
            </div></div>
        </li>
    }
}
