//! `/offres` (search, filters kept in the URL, sort, pagination) and `/offres/:id`.

mod detail;
mod filters;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::{Form, Redirect};
use leptos_router::hooks::use_query_map;
use leptos_router::NavigateOptions;
use shared::search::{Cursor, Facet, OfferPage as ResultsPage, OfferSearch, Sort};
use shared::Problem;

use crate::api;
use crate::components::offer_list::{total_label, OfferList};
use crate::components::pagination::Pagination;
use crate::components::states::{ErrorNotice, Loading};
use crate::components::suggest::SuggestInput;
pub use detail::OfferPage;
pub use filters::vocabulary;
use filters::{offers_href, ActiveFilters, Counts, Filters};

/// The main search bar (home page and `/offres`).
#[component]
pub fn SearchBox(value: String) -> impl IntoView {
    view! {
        <Form action="/offres" method="get">
            <div class="fr-search-bar fr-search-bar--lg" role="search">
                <label class="fr-label" for="recherche-offres">"Rechercher une offre"</label>
                <SuggestInput id="recherche-offres" name="q" value
                    placeholder="Métier, technologie, employeur, ville…" />
                <button class="fr-btn" type="submit">"Rechercher"</button>
            </div>
        </Form>
    }
}

fn search_from_url(query: &leptos_router::params::ParamsMap) -> Result<OfferSearch, Problem> {
    OfferSearch::from_pairs(query.into_iter().map(|(k, v)| (k.as_ref(), v)))
        .map_err(Problem::invalid)
}

/// The clean address of a search sent with empty fields (a GET form's « Tous ») or a stray
/// `&=`: `/offres?region=53`, not `/offres?q=&region=53&departement=`.
fn tidy_address(query: &leptos_router::params::ParamsMap) -> Option<String> {
    let untidy = query.into_iter().any(|(k, v)| k.is_empty() || v.is_empty());
    let search = search_from_url(query).ok()?;
    untidy.then(|| offers_href(&search))
}

#[component]
pub fn OffersPage() -> impl IntoView {
    let query = use_query_map();
    let search = Memo::new(move |_| query.with(search_from_url));
    let results = Resource::new(
        move || search.get(),
        |search| async move {
            match search {
                // Counted for the filters' choices; not in the page's address.
                Ok(search) => {
                    api::search_offers(OfferSearch {
                        facets: Facet::all().collect(),
                        ..search
                    })
                    .await
                }
                Err(problem) => Err(problem),
            }
        },
    );
    let regions = Resource::new(|| (), |_| api::regions());
    let families = Resource::new(|| (), |_| api::metier_names());
    let title = move || {
        let search = search.get().unwrap_or_default();
        let words = match &search.q {
            Some(q) => format!("Offres pour « {q} »"),
            None => "Offres d'emploi".to_owned(),
        };
        match search.page {
            Some(page) if page > 1 => format!("{words} — page {page}"),
            _ => words,
        }
    };
    // A redirection on the server (no WASM: the form's own GET), a replaced entry in the browser.
    let tidy = move || {
        query.with(tidy_address).map(|path| {
            let options = NavigateOptions {
                replace: true,
                ..Default::default()
            };
            view! { <Redirect path options /> }
        })
    };
    view! {
        <Title text=title />
        <Meta name="description" content="Rechercher parmi les offres d'emploi tech de l'État." />
        {tidy}
        <div class="fr-container fr-my-4w">
            <h1>"Offres d'emploi"</h1>
            <SearchBox value=search.get_untracked().ok().and_then(|s| s.q).unwrap_or_default() />
            <div class="fr-grid-row fr-grid-row--gutters fr-mt-2w">
                <div class="fr-col-12 fr-col-md-4">
                    <Transition fallback=|| view! { <Loading /> }>
                        {move || {
                            // Read here so the form is rebuilt when the URL's search changes.
                            let current = search.get().unwrap_or_default();
                            Suspend::new(async move {
                            let counts = Counts::new(results.await.ok().and_then(|page| page.facets));
                            match (regions.await, families.await) {
                                (Ok(regions), Ok(families)) => view! {
                                    <Filters search=current regions families counts />
                                }.into_any(),
                                (Err(problem), _) | (_, Err(problem)) => view! { <ErrorNotice problem /> }.into_any(),
                            }
                        })}}
                    </Transition>
                </div>
                <div class="fr-col-12 fr-col-md-8">
                    <Transition fallback=|| view! { <Loading /> }>
                        {move || {
                            let current = search.get();
                            Suspend::new(async move {
                            match (results.await, current) {
                                (Ok(page), Ok(current)) => {
                                    // Labels of the filters in force; the list without them if
                                    // they failed to load.
                                    let (regions, families) = (regions.await, families.await);
                                    view! {
                                        <ActiveFilters search=current.clone()
                                            regions=regions.unwrap_or_default() families=families.unwrap_or_default() />
                                        <Results page current />
                                    }.into_any()
                                }
                                (Err(problem), _) | (_, Err(problem)) => view! { <ErrorNotice problem /> }.into_any(),
                            }
                        })}}
                    </Transition>
                </div>
            </div>
        </div>
    }
}

/// How the results may be ordered, by the words of the choice.
const SORTS: [(Sort, &str); 3] = [
    (Sort::Relevance, "Pertinence"),
    (Sort::Recent, "Date de publication"),
    (Sort::Salary, "Salaire le plus élevé"),
];

/// « Trier par » — a GET form of its own, which keeps the search and starts from page one.
#[component]
fn SortChoice(current: OfferSearch) -> impl IntoView {
    let hidden = current
        .first_page()
        .to_pairs()
        .into_iter()
        .filter(|(k, _)| *k != "sort")
        .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
        .collect_view();
    let sorts: Vec<(Sort, &str)> = if current.q.is_some() {
        SORTS.to_vec()
    } else {
        // Without words, relevance has nothing to measure.
        SORTS
            .into_iter()
            .filter(|(s, _)| *s != Sort::Relevance)
            .collect()
    };
    let applied = current.effective_sort();
    (sorts.len() > 1).then(|| {
        view! {
            <div class="talents-sort"><Form action="/offres" method="get">
                {hidden}
                <div class="fr-select-group">
                    <label class="fr-label" for="tri">"Trier par"</label>
                    <select class="fr-select" id="tri" name="sort">
                        {sorts.into_iter().map(|(sort, label)| view! {
                            <option value=sort.as_ref().to_owned() selected=sort == applied>{label}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit">"Trier"</button>
            </Form></div>
        }
    })
}

#[component]
fn Results(page: ResultsPage, current: OfferSearch) -> impl IntoView {
    let pages = match current.cursor {
        // A cursor (a link of the API's kind): no page number, only the next page.
        Some(_) => view! { <CursorPages next=page.next_cursor.clone() current=current.clone() /> }
            .into_any(),
        None => {
            let search = current.first_page();
            view! {
                <Pagination current=current.page.unwrap_or(1) last=current.last_page(page.total)
                    href=move |n| offers_href(&OfferSearch { page: (n > 1).then_some(n), ..search.clone() })
                    label="Pagination des résultats" />
            }
            .into_any()
        }
    };
    // Back from an offer puts the list where it was.
    Effect::new(|_| crate::history::restore_position());
    view! {
        <div class="talents-results-head">
            // A heading between the page's h1 and the cards' h3 (the outline assistive
            // technologies navigate by); the count inside is announced when it changes.
            <h2 class="fr-text--lg fr-mb-0" id="nombre-resultats"><span role="status">{total_label(page.total)}</span></h2>
            <SortChoice current=current.clone() />
        </div>
        {page.did_you_mean.clone().filter(|_| page.total == 0).map(|words| {
            let href = offers_href(&OfferSearch { q: Some(words.clone()), ..current.first_page() });
            view! { <p class="fr-text--lg">"Vouliez-vous dire « "<a href=href>{words}</a>" » ?"</p> }
        })}
        <p><a class="fr-link fr-icon-notification-3-line fr-link--icon-left" href=format!("/espace-candidat/alertes?{}", current.first_page().to_query_string())>
            "Recevoir les nouvelles offres de cette recherche par courriel"</a></p>
        <div on:click=|_| crate::history::remember_position()>
            <OfferList page empty_message="Aucune offre ne correspond à votre recherche. Essayez d'élargir les filtres ou d'autres mots-clés." />
        </div>
        {pages}
    }
}

/// « Première page » and « Offres suivantes » for a page reached by a cursor.
#[component]
fn CursorPages(next: Option<String>, current: OfferSearch) -> impl IntoView {
    let next = next.map(|token| {
        offers_href(&OfferSearch {
            cursor: Cursor::decode(&token),
            ..current.clone()
        })
    });
    let first = offers_href(&current.first_page());
    view! {
        <nav role="navigation" class="fr-pagination fr-mt-4w" aria-label="Pagination des résultats">
            <ul class="fr-pagination__list">
                <li><a class="fr-pagination__link fr-pagination__link--first" href=first>"Première page"</a></li>
                {next.map(|href| view! {
                    <li><a class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" href=href>"Offres suivantes"</a></li>
                })}
            </ul>
        </nav>
    }
}
