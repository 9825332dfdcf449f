//! `/espace-candidat`: the candidate's applications, their status and each step's date.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::api::accounts;
use shared::application::{ApplicationStatus, MyApplication};

use shared::{ApplicationId, Problem};

use crate::api::browser;
use crate::components::confirmation::UnconfirmedAddress;
use crate::components::form::Success;
use crate::components::states::{Empty, LastProblem, Loaded};
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
        ApplicationStatus::Withdrawn => "fr-badge fr-badge--sm",
    }
}

#[component]
pub fn CandidateSpacePage() -> impl IntoView {
    let mine = LocalResource::new(|| browser::fetch(accounts::MyApplications {}));
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    let withdraw = Callback::new(move |id: ApplicationId| {
        done.set(None);
        browser::act(
            accounts::WithdrawApplication { id },
            (),
            problem,
            move |_: Option<()>| {
                done.set(Some(
                    "Candidature retirée : l'employeur en est informé.".to_owned(),
                ));
                mine.refetch();
            },
        );
    });
    view! {
        <Title text="Mes candidatures" />
        <div class="fr-container fr-my-4w">
            <h1>"Mes candidatures"</h1>
            <UnconfirmedAddress />
            <ul class="fr-btns-group fr-btns-group--inline-md">
                <li><a class="fr-btn fr-btn--secondary" href="/espace-candidat/profil">"Mon profil"</a></li>
                <li><a class="fr-btn fr-btn--secondary" href="/espace-candidat/alertes">"Mes alertes"</a></li>
                <li><a class="fr-btn fr-btn--secondary" href="/espace-candidat/vis-mon-job">"Mes inscriptions Vis mon job"</a></li>
                <li><a class="fr-btn fr-btn--secondary" href="/espace-candidat/forum">"Mon agenda du forum"</a></li>
                <li><a class="fr-btn fr-btn--secondary" href="/compte">"Mon compte et mon mot de passe"</a></li>
            </ul>
            <LastProblem problem />
            <Success message=done />
            <Loaded resource=mine view=move |list| {
                if list.is_empty() {
                    view! {
                        <Empty message="Vous n'avez pas encore envoyé de candidature depuis ce compte." />
                        <p><a class="fr-btn" href="/offres">"Parcourir les offres"</a></p>
                    }.into_any()
                } else {
                    view! {
                        <ul class="plain-list">
                            {list.into_iter().map(|a| view! { <ApplicationCard application=a withdraw /> }).collect_view()}
                        </ul>
                    }.into_any()
                }
            } />
        </div>
    }
}

#[component]
fn ApplicationCard(application: MyApplication, withdraw: Callback<ApplicationId>) -> impl IntoView {
    let title = application
        .offer_title
        .clone()
        .unwrap_or_else(|| "Candidature spontanée".to_owned());
    // Withdrawing asks for a confirmation, in place.
    let confirming = RwSignal::new(false);
    let id = application.id;
    let open = application.status.may_withdraw();
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
                {open.then(|| view! {
                    <div class="fr-mt-2w">
                        {move || if confirming.get() {
                            view! {
                                <p>"Retirer cette candidature ? L'employeur en sera informé ; vous ne pourrez pas l'annuler."</p>
                                <ul class="fr-btns-group fr-btns-group--inline-sm">
                                    <li><button class="fr-btn fr-btn--sm" type="button" on:click=move |_| withdraw.run(id)>"Confirmer le retrait"</button></li>
                                    <li><button class="fr-btn fr-btn--sm fr-btn--secondary" type="button" on:click=move |_| confirming.set(false)>"Garder ma candidature"</button></li>
                                </ul>
                            }.into_any()
                        } else {
                            view! {
                                <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" on:click=move |_| confirming.set(true)>
                                    "Retirer ma candidature"
                                </button>
                            }.into_any()
                        }}
                    </div>
                })}
            </div></div>
        </li>
    }
}
