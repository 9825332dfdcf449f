//! `/offres` (search, filters kept in the URL, pagination) and `/offres/:id`.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::Form;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::geo::Region;
use shared::metier::MetierFamily;
use shared::offer::{ContractType, Experience, Offer, Remote};
use shared::search::{OfferPage, OfferSearch};
use shared::{OfferId, Problem};

use crate::api;
use crate::components::markdown::Markdown;
use crate::components::offer_list::{total_label, OfferList};
use crate::components::states::{ErrorNotice, Loading};
use crate::format;

/// The main search bar (home page and `/offres`).
#[component]
pub fn SearchBox(value: String) -> impl IntoView {
    view! {
        <Form action="/offres" method="get">
            <div class="fr-search-bar fr-search-bar--lg" role="search">
                <label class="fr-label" for="recherche-offres">"Rechercher une offre"</label>
                <input
                    class="fr-input"
                    placeholder="Métier, technologie, employeur, ville…"
                    type="search"
                    id="recherche-offres"
                    name="q"
                    value=value
                />
                <button class="fr-btn" type="submit">"Rechercher"</button>
            </div>
        </Form>
    }
}

fn search_from_url(query: &leptos_router::params::ParamsMap) -> Result<OfferSearch, Problem> {
    OfferSearch::from_pairs(query.into_iter().map(|(k, v)| (k.as_ref(), v)))
        .map_err(Problem::invalid)
}

#[component]
pub fn OffersPage() -> impl IntoView {
    let query = use_query_map();
    let search = Memo::new(move |_| query.with(search_from_url));
    let results = Resource::new(
        move || search.get(),
        |search| async move {
            match search {
                Ok(search) => api::search_offers(search).await,
                Err(problem) => Err(problem),
            }
        },
    );
    let regions = Resource::new(|| (), |_| api::regions());
    let families = Resource::new(|| (), |_| api::metier_families());
    let title = move || match search.get() {
        Ok(OfferSearch { q: Some(q), .. }) => format!("Offres pour « {q} »"),
        _ => "Offres d'emploi".to_owned(),
    };
    view! {
        <Title text=title />
        <Meta name="description" content="Rechercher parmi les offres d'emploi tech de l'État." />
        <div class="fr-container fr-my-4w">
            <h1>"Offres d'emploi"</h1>
            <SearchBox value=search.get_untracked().ok().and_then(|s| s.q).unwrap_or_default() />
            <div class="fr-grid-row fr-grid-row--gutters fr-mt-2w">
                <div class="fr-col-12 fr-col-md-4">
                    <Suspense fallback=|| view! { <Loading /> }>
                        {move || {
                            // Read here so the form is rebuilt when the URL's search changes.
                            let current = search.get().unwrap_or_default();
                            Suspend::new(async move {
                            match (regions.await, families.await) {
                                (Ok(regions), Ok(families)) => view! {
                                    <Filters search=current regions families />
                                }.into_any(),
                                (Err(problem), _) | (_, Err(problem)) => view! { <ErrorNotice problem /> }.into_any(),
                            }
                        })}}
                    </Suspense>
                </div>
                <div class="fr-col-12 fr-col-md-8">
                    <Transition fallback=|| view! { <Loading /> }>
                        {move || {
                            let current = search.get();
                            Suspend::new(async move {
                            match (results.await, current) {
                                (Ok(page), Ok(current)) => view! { <Results page current /> }.into_any(),
                                (Err(problem), _) | (_, Err(problem)) => view! { <ErrorNotice problem /> }.into_any(),
                            }
                        })}}
                    </Transition>
                </div>
            </div>
        </div>
    }
}

#[component]
fn Results(page: OfferPage, current: OfferSearch) -> impl IntoView {
    let next = page.next_cursor.clone().map(|cursor| {
        let mut pairs = current.to_pairs();
        pairs.retain(|(k, _)| *k != "cursor");
        pairs.push(("cursor", cursor));
        format!(
            "/offres?{}",
            pairs
                .iter()
                .map(|(k, v)| format!("{k}={}", shared::search::percent_encode(v)))
                .collect::<Vec<_>>()
                .join("&")
        )
    });
    let first = current
        .cursor
        .is_some()
        .then(|| format!("/offres?{}", current.first_page().to_query_string()));
    view! {
        <p class="fr-text--lg" role="status" id="nombre-resultats">{total_label(page.total)}</p>
        <p><a class="fr-link fr-icon-notification-3-line fr-link--icon-left" href=format!("/espace-candidat/alertes?{}", current.first_page().to_query_string())>
            "Recevoir les nouvelles offres de cette recherche par courriel"</a></p>
        <OfferList page empty_message="Aucune offre ne correspond à votre recherche. Essayez d'élargir les filtres ou d'autres mots-clés." />
        <nav role="navigation" class="fr-pagination fr-mt-4w" aria-label="Pagination des résultats">
            <ul class="fr-pagination__list">
                {first.map(|href| view! {
                    <li><a class="fr-pagination__link fr-pagination__link--first" href=href>"Première page"</a></li>
                })}
                {next.map(|href| view! {
                    <li><a class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" href=href>"Offres suivantes"</a></li>
                })}
            </ul>
        </nav>
    }
}

/// One `<select>` with a blank "all" option.
#[component]
fn FilterSelect(
    id: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    selected: Option<String>,
) -> impl IntoView {
    view! {
        <div class="fr-select-group">
            <label class="fr-label" for=id>{label}</label>
            <select class="fr-select" id=id name=id>
                <option value="" selected=selected.is_none()>"Tous"</option>
                {options.into_iter().map(|(value, text)| {
                    let is_selected = selected.as_deref() == Some(value.as_str());
                    view! { <option value=value selected=is_selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// `(value, label)` options of a closed vocabulary, for `<select>`s.
pub fn vocabulary<T: AsRef<str> + Copy>(
    values: impl IntoIterator<Item = T>,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    values
        .into_iter()
        .map(|v| (v.as_ref().to_owned(), label(v).to_owned()))
        .collect()
}

#[component]
fn Filters(
    search: OfferSearch,
    regions: Vec<Region>,
    families: Vec<MetierFamily>,
) -> impl IntoView {
    let selected_region = search.region.clone();
    let departements: Vec<(String, String)> = regions
        .iter()
        .filter(|r| selected_region.as_deref().is_none_or(|code| r.code == code))
        .flat_map(|r| r.departements.iter())
        .map(|d| (d.code.clone(), format!("{} ({})", d.name, d.code)))
        .collect();
    let selected_metier = search.metier.clone();
    view! {
        <Form action="/offres" method="get">
            <fieldset class="fr-fieldset talents-filters" aria-labelledby="titre-filtres">
                <legend class="fr-fieldset__legend" id="titre-filtres">"Filtrer les offres"</legend>
                <input type="hidden" name="q" value=search.q.clone().unwrap_or_default() />
                <div class="fr-fieldset__element">
                    <FilterSelect id="region" label="Région" selected=search.region.clone()
                        options=regions.iter().map(|r| (r.code.clone(), r.name.clone())).collect() />
                </div>
                <div class="fr-fieldset__element">
                    <FilterSelect id="departement" label="Département" selected=search.departement.clone() options=departements />
                </div>
                <div class="fr-fieldset__element">
                    <div class="fr-select-group">
                        <label class="fr-label" for="metier">"Métier"</label>
                        <select class="fr-select" id="metier" name="metier">
                            <option value="" selected=selected_metier.is_none()>"Tous"</option>
                            {families.into_iter().map(|family| {
                                let selected_metier = selected_metier.clone();
                                view! {
                                    <optgroup label=family.name.clone()>
                                        {family.metiers.into_iter().map(|m| {
                                            let is_selected = selected_metier.as_deref() == Some(m.slug.as_str());
                                            view! { <option value=m.slug.clone() selected=is_selected>{m.name.clone()}</option> }
                                        }).collect_view()}
                                    </optgroup>
                                }
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="fr-fieldset__element">
                    <FilterSelect id="contract" label="Type de contrat" selected=search.contract.map(|c| c.as_ref().to_owned())
                        options=vocabulary(ContractType::all(), ContractType::label) />
                </div>
                <div class="fr-fieldset__element">
                    <FilterSelect id="remote" label="Télétravail" selected=search.remote.map(|r| r.as_ref().to_owned())
                        options=vocabulary(Remote::all(), Remote::label) />
                </div>
                <div class="fr-fieldset__element">
                    <FilterSelect id="experience" label="Expérience" selected=search.experience.map(|e| e.as_ref().to_owned())
                        options=vocabulary(Experience::all(), Experience::label) />
                </div>
                <div class="fr-fieldset__element">
                    <ul class="fr-btns-group fr-btns-group--inline-sm">
                        <li><button class="fr-btn" type="submit">"Appliquer les filtres"</button></li>
                        <li><a class="fr-btn fr-btn--tertiary" href="/offres">"Réinitialiser"</a></li>
                    </ul>
                </div>
            </fieldset>
        </Form>
    }
}

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
                .map(|r| {
                    format!(
                        "{} à {} € brut par an",
                        format::thousands(r.min.into()),
                        format::thousands(r.max.into())
                    )
                })
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
        <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
            <ol class="fr-breadcrumb__list">
                <li><a class="fr-breadcrumb__link" href="/">"Accueil"</a></li>
                <li><a class="fr-breadcrumb__link" href="/offres">"Offres"</a></li>
                <li><a class="fr-breadcrumb__link" aria-current="page">{s.title.clone()}</a></li>
            </ol>
        </nav>
        <h1>{s.title.clone()}</h1>
        <p class="fr-text--lead">
            <a href=format!("/entites/{}", s.entity.slug)>{s.entity.name.clone()}</a>
        </p>
        <p><a class="fr-btn fr-btn--lg" href=format!("/offres/{}/postuler", s.id)>"Postuler"<span class="fr-sr-only">{format!(" à l'offre « {} »", s.title)}</span></a></p>
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
