//! `/offres/:id`: the offer, its facts, its JSON-LD, and the way to apply.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use shared::application::MyApplication;
use shared::offer::Offer;
use shared::{OfferId, Problem};

use crate::api;
use crate::components::breadcrumb::{step, Breadcrumb};
use crate::components::markdown::Markdown;
use crate::components::states::{ErrorNotice, Loading};
use crate::contexts::session::CurrentSession;
use crate::format;

#[component]
pub fn OfferPage() -> impl IntoView {
    let params = use_params_map();
    let offer = Resource::new(
        move || params.with(|p| p.get("id").and_then(|id| id.parse::<OfferId>().ok())),
        |id| async move {
            match id {
                Some(id) => api::offer(id).await,
                None => Err(Problem::not_found("Offre introuvable")),
            }
        },
    );
    view! {
        <div class="fr-container fr-my-4w">
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match offer.await {
                        Ok(offer) => view! { <OfferDetail offer /> }.into_any(),
                        Err(problem) => view! { <Title text="Offre introuvable" /><ErrorNotice problem /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn OfferDetail(offer: Offer) -> impl IntoView {
    let s = offer.summary.clone();
    let facts = [
        ("Employeur", s.entity.name.clone()),
        ("Métier", s.metier.name.clone()),
        ("Contrat", s.contract_type.label().to_owned()),
        (
            "Catégorie",
            s.category
                .map(|c| c.label().to_owned())
                .unwrap_or_else(|| "Non précisée".to_owned()),
        ),
        (
            "Lieu",
            format!(
                "{}, {} ({})",
                s.location.city, s.location.departement_name, s.location.departement_code
            ),
        ),
        ("Télétravail", s.remote.label().to_owned()),
        ("Expérience", s.experience.label().to_owned()),
        (
            "Rémunération",
            s.salary
                .map(format::salary)
                .unwrap_or_else(|| "Selon profil et grille indiciaire".to_owned()),
        ),
        ("Publiée le", format::date(s.published_at)),
        ("Candidatures jusqu'au", format::date(s.expires_at)),
    ];
    // For search engines and aggregators, which read the served page; escaped by `shared`
    // so the text cannot close the script. Hydration leaves the script as served, so the browser
    // computes none: its bundle carries neither this JSON nor the Markdown renderer for it.
    #[cfg(feature = "ssr")]
    let job_posting = shared::job_posting::json_ld(&offer);
    #[cfg(not(feature = "ssr"))]
    let job_posting = String::new();
    view! {
        <Title text=s.title.clone() />
        <Meta name="description" content=format!("{} — {} ({})", s.title, s.entity.name, s.location.city) />
        <script type="application/ld+json" inner_html=job_posting></script>
        <Breadcrumb trail=vec![step("/", "Accueil"), step("/offres", "Offres")] current=s.title.clone() />
        <h1>{s.title.clone()}</h1>
        <p class="fr-text--lead">
            <a href=format!("/entites/{}", s.entity.slug)>{s.entity.name.clone()}</a>
        </p>
        <ApplyButton offer=s.id title=s.title.clone() />
        <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-8">
                <h2>"Votre mission"</h2>
                <Markdown text=offer.mission />
                <h2>"Votre profil"</h2>
                <Markdown text=offer.profile />
                <h2>"Votre équipe"</h2>
                <Markdown text=offer.team />
                <h2>"Avantages"</h2>
                <Markdown text=offer.perks />
                <h2>"Processus de recrutement"</h2>
                <Markdown text=offer.process />
            </div>
            <div class="fr-col-12 fr-col-md-4">
                <div class="fr-card talents-facts">
                    <div class="fr-card__body">
                        <div class="fr-card__content">
                            <h2 class="fr-card__title">"En bref"</h2>
                            <dl class="talents-facts__list">
                                {facts.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                            </dl>
                        </div>
                    </div>
                </div>
                <p class="fr-mt-2w">
                    <a class="fr-link" href=format!("/metiers/{}", s.metier.slug)>{format!("Découvrir le métier : {}", s.metier.name)}</a>
                </p>
            </div>
        </div>
    }
}

/// « Postuler », or — for a signed-in candidate who already applied — when they did and where
/// to follow it (a second application to the same offer is refused).
#[component]
fn ApplyButton(offer: OfferId, title: String) -> impl IntoView {
    let session = CurrentSession::get();
    let earlier = RwSignal::new(None::<MyApplication>);
    Effect::new(move |_| {
        if session.status().is_candidate() {
            leptos::task::spawn_local(async move {
                earlier.set(crate::pages::apply::earlier_application(Some(offer)).await);
            });
        }
    });
    move || {
        match earlier.get() {
        Some(application) => view! {
            <p class="fr-badge fr-badge--info fr-mb-1w">{format!(
                "Vous avez postulé le {}",
                format::date(application.created_at)
            )}</p>
            <p><a class="fr-btn fr-btn--secondary" href="/espace-candidat">"Suivre ma candidature"</a></p>
        }
        .into_any(),
        None => view! {
            <p><a class="fr-btn fr-btn--lg" href=format!("/offres/{offer}/postuler")>"Postuler"<span class="fr-sr-only">{format!(" à l'offre « {title} »")}</span></a></p>
        }
        .into_any(),
    }
    }
}
