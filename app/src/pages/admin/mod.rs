//! `/admin/…`: the DINUM talent team. The figures (here), access requests and recruiter
//! accounts (`accounts`), the entity tree (`entities`), the outbox and audit log (`logs`),
//! the public API's keys (`api_keys`) and the receivers of its webhooks (`webhooks`).

mod accounts;
mod api_keys;
mod entities;
mod forum;
mod logs;
mod vismonjob;
mod vmj_coaching;
mod webhooks;

pub use accounts::AccountsPage;
pub use api_keys::ApiKeysPage;
pub use entities::AdminEntitiesPage;
pub use forum::{AdminForumEditionPage, AdminForumPage};
pub use logs::{AuditPage, OutboxPage};
pub use vismonjob::{AdminEditionPage, AdminVisMonJobPage};

use leptos::prelude::*;
use leptos_meta::Title;
use shared::api::admin::PlatformStats;

use crate::api::browser;
use crate::components::application_figures::ApplicationFiguresView;
use crate::components::chart::BarChart;
use crate::components::states::Loaded;
use crate::components::tabs::SpaceTabs;
use crate::format;

const TABS: &[(&str, &str)] = &[
    ("/admin", "Chiffres clés"),
    ("/admin/comptes", "Recruteurs et demandes"),
    ("/admin/entites", "Entités"),
    ("/admin/courriels", "Courriels"),
    ("/admin/journal", "Journal"),
    ("/admin/vis-mon-job", "Vis mon job"),
    ("/admin/forum", "Forum"),
    ("/admin/api", "API et webhooks"),
];

/// The tabs of the admin space.
#[component]
pub(crate) fn AdminNav(current: &'static str) -> impl IntoView {
    view! { <SpaceTabs label="Administration" links=TABS current /> }
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let figures = LocalResource::new(|| browser::fetch(PlatformStats {}));
    view! {
        <Title text="Administration" />
        <div class="fr-container fr-my-4w">
            <h1>"Administration"</h1>
            <AdminNav current="/admin" />
            <Loaded resource=figures view=move |f| {
                    let tiles = [
                        (f.entities, "entités"),
                        (f.open_offers, "offres en ligne"),
                        (f.recruiters, "recruteurs"),
                        (f.candidates, "candidats inscrits"),
                        (f.pending_access_requests, "demandes d'accès en attente"),
                    ];
                    view! {
                        <ul class="fr-grid-row fr-grid-row--gutters talents-figures">
                            {tiles.into_iter().map(|(n, label)| view! {
                                <li class="fr-col-6 fr-col-md-4 fr-col-lg-2">
                                    <p class="talents-figure"><strong>{format::thousands(n)}</strong>{label}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                        <BarChart title="Inscriptions par semaine, 12 dernières semaines".into() unit="Inscriptions" points=f.weekly_signups label_every=2 />
                        <BarChart title="Offres publiées par semaine, 12 dernières semaines".into() unit="Offres" points=f.weekly_publications label_every=2 />
                        <BarChart title="Vues d'offres par jour, 30 derniers jours".into() unit="Vues" points=f.daily_views />
                        <h2 class="fr-mt-4w">"Candidatures"</h2>
                        <ApplicationFiguresView figures=f.applications scope="sur la plateforme" />
                    }.into_any()
                }
            />
        </div>
    }
}
