//! `/metiers` (the referential by family) and `/metiers/:slug` (description and offers).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use shared::search::OfferSearch;

use crate::api;
use crate::components::breadcrumb::{step, Breadcrumb};
use crate::components::offer_list::OffersSection;
use crate::components::states::{ErrorNotice, Loading};
use crate::components::tile::Tile;
use crate::format;

#[component]
pub fn MetiersPage() -> impl IntoView {
    let families = Resource::new(|| (), |_| api::metier_names());
    view! {
        <Title text="Métiers" />
        <Meta name="description" content="Les métiers du numérique de l'État, par famille, avec leurs offres ouvertes." />
        <div class="fr-container fr-my-4w">
            <h1>"Les métiers du numérique de l'État"</h1>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match families.await {
                        Ok(families) => families.into_iter().map(|family| {
                            let heading = format!("famille-{}", family.slug);
                            let labelled_by = heading.clone();
                            view! {
                                <section class="fr-mb-4w" aria-labelledby=labelled_by>
                                    <h2 id=heading>{family.name.clone()}</h2>
                                    <ul class="fr-grid-row fr-grid-row--gutters" role="list">
                                        {family.metiers.into_iter().map(|m| view! {
                                            <li class="fr-col-12 fr-col-md-4">
                                                <Tile
                                                    href=format!("/metiers/{}", m.slug)
                                                    title=m.name.clone()
                                                    detail=format::count(m.open_offers, "offre ouverte", "offres ouvertes")
                                                />
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                </section>
                            }
                        }).collect_view().into_any(),
                        Err(problem) => view! { <ErrorNotice problem /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
pub fn MetierPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let metier = Resource::new(slug, api::metier);
    let offers = Resource::new(slug, |slug| {
        api::search_offers(OfferSearch {
            metier: Some(slug),
            limit: Some(10),
            ..OfferSearch::default()
        })
    });
    view! {
        <div class="fr-container fr-my-4w">
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match (metier.await, offers.await) {
                        (Ok(metier), Ok(offers)) => view! {
                            <Title text=metier.name.clone() />
                            <Meta name="description" content=metier.description.clone() />
                            <Breadcrumb trail=vec![step("/metiers", "Métiers")] current=metier.name.clone() />
                            <p class="fr-badge fr-badge--info fr-badge--no-icon">{metier.family_name.clone()}</p>
                            <h1>{metier.name.clone()}</h1>
                            <p class="fr-text--lead">{metier.description.clone()}</p>
                            <OffersSection
                                title="Offres ouvertes"
                                page=offers
                                empty_message="Aucune offre ouverte pour ce métier en ce moment."
                                more_href=format!("/offres?metier={}", metier.slug)
                                more_label="Voir toutes les offres de ce métier"
                            />
                        }.into_any(),
                        (Err(problem), _) | (_, Err(problem)) => view! { <Title text="Métier introuvable" /><ErrorNotice problem /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
