//! Home: search box, key figures, featured employers and the latest offers.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use shared::entity::{EntityKind, EntitySummary};
use shared::search::OfferSearch;

use crate::api;
use crate::components::offer_list::OfferList;
use crate::components::states::{ErrorNotice, Loading};
use crate::components::tile::Tile;
use crate::format;
use crate::pages::offers::SearchBox;

#[component]
pub fn HomePage() -> impl IntoView {
    let latest = Resource::new(
        || (),
        |_| {
            api::search_offers(OfferSearch {
                limit: Some(6),
                ..OfferSearch::default()
            })
        },
    );
    let entities = Resource::new(|| (), |_| api::entities());
    let families = Resource::new(|| (), |_| api::metier_names());
    view! {
        <Title text="Accueil" />
        <Meta name="description" content="Les offres d'emploi tech de l'État, les employeurs publics du numérique et leurs métiers." />
        <section class="talents-hero fr-py-6w">
            <div class="fr-container">
                <h1>"Le numérique de l'État recrute"</h1>
                <p class="fr-text--lead">
                    "Développement, données, cybersécurité, design, infrastructure : trouvez votre prochaine mission au service de l'intérêt général."
                </p>
                <SearchBox value=String::new() />
            </div>
        </section>
        <div class="fr-container fr-my-6w">
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    let (latest, entities, families) = (latest.await, entities.await, families.await);
                    match (latest, entities, families) {
                        (Ok(latest), Ok(entities), Ok(families)) => {
                            let metier_count: usize = families.iter().map(|f| f.metiers.len()).sum();
                            let figures = [
                                (format::thousands(latest.total), "offres d'emploi ouvertes"),
                                (format::thousands(entities.len() as i64), "employeurs publics du numérique"),
                                (format::thousands(metier_count as i64), "métiers du numérique"),
                            ];
                            view! {
                                <section aria-labelledby="chiffres-cles">
                                    <h2 id="chiffres-cles">"Chiffres clés"</h2>
                                    <ul class="fr-grid-row fr-grid-row--gutters talents-figures" role="list">
                                        {figures.into_iter().map(|(value, label)| view! {
                                            <li class="fr-col-12 fr-col-md-4">
                                                <p class="talents-figure"><strong>{value}</strong>" "{label}</p>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                </section>
                                <FeaturedEntities entities />
                                <section aria-labelledby="dernieres-offres" class="fr-mt-6w">
                                    <h2 id="dernieres-offres">"Dernières offres publiées"</h2>
                                    <OfferList page=latest empty_message="Aucune offre n'est publiée pour le moment." />
                                    <p><a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/offres">"Toutes les offres"</a></p>
                                </section>
                            }.into_any()
                        }
                        (Err(problem), _, _) | (_, Err(problem), _) | (_, _, Err(problem)) => {
                            view! { <ErrorNotice problem /> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The directorates and services with the most open offers.
#[component]
fn FeaturedEntities(entities: Vec<EntitySummary>) -> impl IntoView {
    let mut featured: Vec<EntitySummary> = entities
        .into_iter()
        .filter(|e| e.kind != EntityKind::Ministere)
        .collect();
    featured.sort_by(|a, b| b.open_offers.cmp(&a.open_offers).then(a.name.cmp(&b.name)));
    featured.truncate(6);
    view! {
        <section aria-labelledby="employeurs" class="fr-mt-6w">
            <h2 id="employeurs">"Ils recrutent"</h2>
            <ul class="fr-grid-row fr-grid-row--gutters" role="list">
                {featured.into_iter().map(|e| view! {
                    <li class="fr-col-12 fr-col-md-4">
                        <Tile
                            href=format!("/entites/{}", e.slug)
                            title=e.name.clone()
                            detail=format::count(e.open_offers, "offre ouverte", "offres ouvertes")
                        />
                    </li>
                }).collect_view()}
            </ul>
            <p><a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/entites">"Tous les employeurs"</a></p>
        </section>
    }
}
