//! `/espace-recruteur/statistiques`: the audience of the entity's offers and its applications.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::api::recruiter::EntityStats;

use super::SpaceNav;
use crate::api::browser;
use crate::components::application_figures::ApplicationFiguresView;
use crate::components::chart::BarChart;
use crate::components::states::Loaded;
use crate::format;

#[component]
pub fn StatsPage() -> impl IntoView {
    let figures = LocalResource::new(|| browser::fetch(EntityStats {}));
    view! {
        <Title text="Statistiques" />
        <div class="fr-container fr-my-4w">
            <h1>"Statistiques"</h1>
            <SpaceNav current="/espace-recruteur/statistiques" />
            <Loaded resource=figures view=move |f| view! {
                    <ul class="fr-grid-row fr-grid-row--gutters talents-figures">
                        {f.by_status.iter().map(|s| view! {
                            <li class="fr-col-6 fr-col-md-3">
                                <p class="talents-figure"><strong>{format::thousands(s.count)}</strong>{s.status.label()}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                    <BarChart title="Vues des offres de l'entité par jour, 30 derniers jours".into() unit="Vues" points=f.daily_views />
                    <div class="fr-table"><table tabindex="0">
                        <caption>"Vues par offre depuis leur création"</caption>
                        <thead><tr><th scope="col">"Offre"</th><th scope="col">"Statut"</th><th scope="col">"Vues"</th><th scope="col">"Candidatures"</th></tr></thead>
                        <tbody>
                            {f.offers.into_iter().map(|o| view! {
                                <tr>
                                    <td><a href=format!("/espace-recruteur/offres/{}", o.id)>{o.title}</a></td>
                                    <td>{o.status.label()}</td>
                                    <td>{format::thousands(o.views)}</td>
                                    <td>{format::thousands(o.applications)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table></div>
                    <h2 class="fr-mt-4w">"Candidatures"</h2>
                    <ApplicationFiguresView figures=f.applications scope="de l'entité" />
                }.into_any()
            />
        </div>
    }
}
