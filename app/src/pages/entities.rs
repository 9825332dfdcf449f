//! `/entites` (the tree of employers) and `/entites/:slug` (showcase and offers).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use shared::entity::{EntityDetail, EntityKind, EntitySummary};
use shared::search::OfferSearch;

use crate::api;
use crate::components::breadcrumb::{step, Breadcrumb};
use crate::components::markdown::Markdown;
use crate::components::offer_list::OffersSection;
use crate::components::states::{ErrorNotice, Loading};
use crate::format;

#[component]
pub fn EntitiesPage() -> impl IntoView {
    let entities = Resource::new(|| (), |_| api::entities());
    view! {
        <Title text="Employeurs" />
        <Meta name="description" content="Les employeurs publics du numérique : ministères, directions et services." />
        <div class="fr-container fr-my-4w">
            <h1>"Les employeurs du numérique de l'État"</h1>
            <p class="fr-text--lead">"Chaque ministère, direction et service présente ses missions, ses équipes et ses offres."</p>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match entities.await {
                        Ok(list) => view! { <EntityTree entities=list /> }.into_any(),
                        Err(problem) => view! { <ErrorNotice problem /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// Ministries as sections, their directorates and services as nested lists.
#[component]
fn EntityTree(entities: Vec<EntitySummary>) -> impl IntoView {
    let children_of = |parent: &str, all: &[EntitySummary]| -> Vec<EntitySummary> {
        all.iter()
            .filter(|e| e.parent_slug.as_deref() == Some(parent))
            .cloned()
            .collect()
    };
    let ministries: Vec<EntitySummary> = entities
        .iter()
        .filter(|e| e.parent_slug.is_none())
        .cloned()
        .collect();
    view! {
        <div class="talents-entity-tree">
            {ministries.into_iter().map(|ministry| {
                let directions = children_of(&ministry.slug, &entities);
                let all = entities.clone();
                view! {
                    <section class="fr-mb-4w">
                        <h2 class="fr-h4"><EntityLink entity=ministry.clone() /></h2>
                        <ul>
                            {directions.into_iter().map(|direction| {
                                let services = children_of(&direction.slug, &all);
                                view! {
                                    <li>
                                        <EntityLink entity=direction />
                                        {(!services.is_empty()).then(|| view! {
                                            <ul>
                                                {services.into_iter().map(|s| view! { <li><EntityLink entity=s /></li> }).collect_view()}
                                            </ul>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                }
            }).collect_view()}
        </div>
    }
}

#[component]
fn EntityLink(entity: EntitySummary) -> impl IntoView {
    view! {
        <a href=format!("/entites/{}", entity.slug)>{entity.name.clone()}</a>
        " "
        <span class="fr-text--sm talents-muted">
            {format!("({})", format::count(entity.open_offers, "offre", "offres"))}
        </span>
    }
}

#[component]
pub fn EntityPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let entity = Resource::new(slug, api::entity);
    let offers = Resource::new(slug, |slug| {
        api::search_offers(OfferSearch {
            entity: Some(slug),
            limit: Some(10),
            ..OfferSearch::default()
        })
    });
    view! {
        <div class="fr-container fr-my-4w">
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match (entity.await, offers.await) {
                        (Ok(entity), Ok(offers)) => {
                            let slug = entity.summary.slug.clone();
                            view! {
                                <Showcase entity />
                                <OffersSection
                                    title="Ses offres d'emploi"
                                    page=offers
                                    empty_message="Aucune offre ouverte pour le moment."
                                    more_href=format!("/offres?entity={slug}")
                                    more_label="Voir toutes ses offres"
                                />
                            }.into_any()
                        }
                        (Err(problem), _) | (_, Err(problem)) => view! { <Title text="Employeur introuvable" /><ErrorNotice problem /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Showcase(entity: EntityDetail) -> impl IntoView {
    let s = entity.showcase;
    let summary = entity.summary;
    let kind = match summary.kind {
        EntityKind::Ministere => "Ministère",
        EntityKind::Direction => "Direction",
        EntityKind::Service => "Service",
    };
    view! {
        <Title text=summary.name.clone() />
        <Meta name="description" content=format!("{} : missions, équipes et offres d'emploi du numérique.", summary.name) />
        <Breadcrumb
            trail=std::iter::once(step("/entites", "Employeurs"))
                .chain(entity.ancestors.iter().map(|a| (format!("/entites/{}", a.slug), a.short_name().to_owned())))
                .collect()
            current=summary.short_name().to_owned() />
        <p class="fr-badge fr-badge--info fr-badge--no-icon">{kind}</p>
        <h1>{summary.name.clone()}</h1>
        <Markdown text=s.presentation />
        <p><a class="fr-btn fr-btn--secondary" href=format!("/entites/{}/candidature", summary.slug)>"Envoyer une candidature spontanée"</a></p>
        {entity.website.map(|url| view! { <p><a class="fr-link" href=url.clone() rel="noopener">{format!("Site officiel : {url}")}</a></p> })}
        <ul class="fr-grid-row fr-grid-row--gutters talents-figures" role="list">
            {s.key_figures.into_iter().map(|f| view! {
                <li class="fr-col-12 fr-col-md-4"><p class="talents-figure"><strong>{f.value}</strong>" "{f.label}</p></li>
            }).collect_view()}
        </ul>
        <div class="fr-grid-row fr-grid-row--gutters">
            <section class="fr-col-12 fr-col-md-6">
                <h2>"Missions"</h2>
                <Markdown text=s.missions />
            </section>
            <section class="fr-col-12 fr-col-md-6">
                <h2>"Organisation"</h2>
                <Markdown text=s.organisation />
            </section>
            <section class="fr-col-12 fr-col-md-6">
                <h2>"Nos valeurs"</h2>
                <ul>{s.values.into_iter().map(|v| view! { <li>{v}</li> }).collect_view()}</ul>
            </section>
            <section class="fr-col-12 fr-col-md-6">
                <h2>"Pourquoi nous rejoindre"</h2>
                <ul>{s.strengths.into_iter().map(|v| view! { <li>{v}</li> }).collect_view()}</ul>
            </section>
        </div>
        <section class="fr-mt-4w">
            <h2>"Projets phares"</h2>
            <ul class="fr-grid-row fr-grid-row--gutters" role="list">
                {s.projects.into_iter().map(|p| view! {
                    <li class="fr-col-12 fr-col-md-4">
                        <div class="fr-card"><div class="fr-card__body"><div class="fr-card__content">
                            <h3 class="fr-card__title">{p.name}</h3>
                            <p class="fr-card__desc">{p.description}</p>
                        </div></div></div>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        {(!entity.testimonials.is_empty()).then(|| view! {
            <section class="fr-mt-4w">
                <h2>"Ils et elles y travaillent"</h2>
                <div class="fr-grid-row fr-grid-row--gutters">
                    {entity.testimonials.into_iter().map(|t| view! {
                        <figure class="fr-quote fr-col-12 fr-col-md-6">
                            <blockquote><p>{format!("« {} »", t.quote)}</p></blockquote>
                            <figcaption>
                                <p class="fr-quote__author">{t.author_name}</p>
                                <ul class="fr-quote__source"><li>{t.job_title}</li></ul>
                            </figcaption>
                        </figure>
                    }).collect_view()}
                </div>
            </section>
        })}
        <section class="fr-mt-4w">
            <h2>"Processus de recrutement"</h2>
            <Markdown text=s.recruitment_process />
        </section>
        {(!entity.children.is_empty()).then(|| view! {
            <section class="fr-mt-4w">
                <h2>"Directions et services"</h2>
                <ul>
                    {entity.children.into_iter().map(|c| view! { <li><EntityLink entity=c /></li> }).collect_view()}
                </ul>
            </section>
        })}
    }
}
