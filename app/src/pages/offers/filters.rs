//! The filters of `/offres`: the form (a GET form, so it works without the WASM; a panel that
//! folds on phones) and the filters in force as tags that remove them.

use leptos::prelude::*;
use leptos_router::components::Form;
use shared::geo::Region;
use shared::metier::MetierFamily;
use shared::offer::{ContractType, Experience, Remote};
use shared::search::{Facet, FacetCounts, OfferSearch};

/// One `<select>` with a blank "all" option.
#[component]
fn FilterSelect(
    id: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    selected: Option<String>,
    counts: Counts,
    facet: Facet,
) -> impl IntoView {
    let options = counts.label_all(facet, options);
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

/// The facet counts of the current search, beside each choice: « Bretagne (12) ».
#[derive(Debug, Clone, Default)]
pub struct Counts(Vec<FacetCounts>);

impl Counts {
    pub fn new(counts: Option<Vec<FacetCounts>>) -> Self {
        Self(counts.unwrap_or_default())
    }

    /// `label (n)`; the label alone when the facet was not counted (the search failed).
    fn label(&self, facet: Facet, value: &str, label: &str) -> String {
        match self.0.iter().find(|c| c.facet == facet) {
            Some(counts) => {
                let n = counts
                    .values
                    .iter()
                    .find(|v| v.value == value)
                    .map_or(0, |v| v.count);
                format!("{label} ({n})")
            }
            None => label.to_owned(),
        }
    }

    fn label_all(&self, facet: Facet, options: Vec<(String, String)>) -> Vec<(String, String)> {
        options
            .into_iter()
            .map(|(value, label)| {
                let label = self.label(facet, &value, &label);
                (value, label)
            })
            .collect()
    }
}

/// `(code, "Finistère (29)")` of the région's départements (all of them without a région),
/// sorted by code as people look them up.
fn departement_options(regions: &[Region], region: Option<&str>) -> Vec<(String, String)> {
    let mut options: Vec<(String, String)> = regions
        .iter()
        .filter(|r| region.is_none_or(|code| r.code == code))
        .flat_map(|r| r.departements.iter())
        .map(|d| (d.code.clone(), format!("{} ({})", d.name, d.code)))
        .collect();
    options.sort_by(|a, b| a.0.cmp(&b.0));
    options
}

#[component]
pub fn Filters(
    search: OfferSearch,
    regions: Vec<Region>,
    families: Vec<MetierFamily>,
    counts: Counts,
) -> impl IntoView {
    // The région chosen in the form, before it is applied: the département list follows it.
    let region = RwSignal::new(search.region.clone());
    let departement = search.departement.clone();
    let regions = StoredValue::new(regions);
    let counts = StoredValue::new(counts);
    let departements = move || {
        let options = regions.with_value(|r| departement_options(r, region.get().as_deref()));
        let options = counts.with_value(|c| c.label_all(Facet::Departement, options));
        options
            .into_iter()
            .map(|(value, text)| {
                let is_selected = departement.as_deref() == Some(value.as_str());
                view! { <option value=value selected=is_selected>{text}</option> }
            })
            .collect_view()
    };
    let selected_metier = search.metier.clone();
    let active = [
        search.region.is_some(),
        search.departement.is_some(),
        search.metier.is_some() || search.family.is_some(),
        search.contract.is_some(),
        search.remote.is_some(),
        search.experience.is_some(),
    ]
    .into_iter()
    .filter(|set| *set)
    .count();
    let summary = match active {
        0 => "Filtrer les offres".to_owned(),
        1 => "Filtrer les offres (1 filtre actif)".to_owned(),
        n => format!("Filtrer les offres ({n} filtres actifs)"),
    };
    // Folded on phones (the results come first), always open from the md breakpoint on
    // (style/main.css); opened here too for browsers without `::details-content`.
    let open = RwSignal::new(false);
    Effect::new(move |_| open.set(wide_screen()));
    view! {
        <details class="talents-filters-panel" prop:open=move || open.get()>
            <summary class="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-filter-line">{summary}</summary>
            <Form action="/offres" method="get">
                <fieldset class="fr-fieldset talents-filters" aria-labelledby="titre-filtres">
                    <legend class="fr-fieldset__legend" id="titre-filtres">"Filtrer les offres"</legend>
                    <input type="hidden" name="q" value=search.q.clone().unwrap_or_default() />
                    <div class="fr-fieldset__element">
                        <div class="fr-select-group">
                            <label class="fr-label" for="region">"Région"</label>
                            <select class="fr-select" id="region" name="region"
                                on:change=move |ev| {
                                    let value = event_target_value(&ev);
                                    region.set((!value.is_empty()).then_some(value));
                                }>
                                <option value="" selected=search.region.is_none()>"Toutes"</option>
                                {regions.with_value(|regions| regions.iter().map(|r| {
                                    let is_selected = search.region.as_deref() == Some(r.code.as_str());
                                    let label = counts.with_value(|c| c.label(Facet::Region, &r.code, &r.name));
                                    view! { <option value=r.code.clone() selected=is_selected>{label}</option> }
                                }).collect_view())}
                            </select>
                        </div>
                    </div>
                    <div class="fr-fieldset__element">
                        <div class="fr-select-group">
                            <label class="fr-label" for="departement">"Département"</label>
                            <select class="fr-select" id="departement" name="departement">
                                <option value="" selected=search.departement.is_none()>"Tous"</option>
                                {departements}
                            </select>
                        </div>
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
                                                let label = counts.with_value(|c| c.label(Facet::Metier, &m.slug, &m.name));
                                                view! { <option value=m.slug.clone() selected=is_selected>{label}</option> }
                                            }).collect_view()}
                                        </optgroup>
                                    }
                                }).collect_view()}
                            </select>
                        </div>
                    </div>
                    <div class="fr-fieldset__element">
                        <FilterSelect id="contract" facet=Facet::Contract counts=counts.get_value() label="Type de contrat" selected=search.contract.map(|c| c.as_ref().to_owned())
                            options=vocabulary(ContractType::all(), ContractType::label) />
                    </div>
                    <div class="fr-fieldset__element">
                        <FilterSelect id="remote" facet=Facet::Remote counts=counts.get_value() label="Télétravail" selected=search.remote.map(|r| r.as_ref().to_owned())
                            options=vocabulary(Remote::all(), Remote::label) />
                    </div>
                    <div class="fr-fieldset__element">
                        <FilterSelect id="experience" facet=Facet::Experience counts=counts.get_value() label="Expérience" selected=search.experience.map(|e| e.as_ref().to_owned())
                            options=vocabulary(Experience::all(), Experience::label) />
                    </div>
                    {search.sort.map(|sort| view! { <input type="hidden" name="sort" value=sort.as_ref().to_owned() /> })}
                    <div class="fr-fieldset__element">
                        <ul class="fr-btns-group fr-btns-group--inline-sm">
                            <li><button class="fr-btn" type="submit">"Appliquer les filtres"</button></li>
                            <li><a class="fr-btn fr-btn--tertiary" href="/offres">"Réinitialiser"</a></li>
                        </ul>
                    </div>
                </fieldset>
            </Form>
        </details>
    }
}

/// Whether the screen is at least the md breakpoint wide (false on the server).
fn wide_screen() -> bool {
    #[cfg(feature = "hydrate")]
    {
        window()
            .match_media("(min-width: 48em)")
            .ok()
            .flatten()
            .is_some_and(|query| query.matches())
    }
    #[cfg(not(feature = "hydrate"))]
    false
}

/// `/offres?…` for a search (`/offres` for every offer).
pub fn offers_href(search: &OfferSearch) -> String {
    let query = search.to_query_string();
    if query.is_empty() {
        "/offres".to_owned()
    } else {
        format!("/offres?{query}")
    }
}

/// The filters in force, in words, each with the address of the same search without it.
fn active_filters(
    search: &OfferSearch,
    regions: &[Region],
    families: &[MetierFamily],
) -> Vec<(String, String)> {
    let search = search.first_page();
    let without = |remove: fn(&mut OfferSearch)| {
        let mut narrower = search.clone();
        remove(&mut narrower);
        offers_href(&narrower)
    };
    let region_name = |code: &str| {
        regions
            .iter()
            .find(|r| r.code == code)
            .map_or_else(|| code.to_owned(), |r| r.name.clone())
    };
    let departement_name = |code: &str| {
        regions
            .iter()
            .flat_map(|r| r.departements.iter())
            .find(|d| d.code == code)
            .map_or_else(|| code.to_owned(), |d| format!("{} ({})", d.name, d.code))
    };
    let metier_name = |slug: &str| {
        families
            .iter()
            .flat_map(|f| f.metiers.iter())
            .find(|m| m.slug == slug)
            .map_or_else(|| slug.to_owned(), |m| m.name.clone())
    };
    let family_name = |slug: &str| {
        families
            .iter()
            .find(|f| f.slug == slug)
            .map_or_else(|| slug.to_owned(), |f| f.name.clone())
    };
    let mut tags = Vec::new();
    if let Some(q) = &search.q {
        tags.push((format!("Mots-clés : {q}"), without(|s| s.q = None)));
    }
    if let Some(code) = &search.region {
        tags.push((
            format!("Région : {}", region_name(code)),
            without(|s| s.region = None),
        ));
    }
    if let Some(code) = &search.departement {
        tags.push((
            format!("Département : {}", departement_name(code)),
            without(|s| s.departement = None),
        ));
    }
    if let Some(slug) = &search.family {
        tags.push((
            format!("Famille : {}", family_name(slug)),
            without(|s| s.family = None),
        ));
    }
    if let Some(slug) = &search.metier {
        tags.push((
            format!("Métier : {}", metier_name(slug)),
            without(|s| s.metier = None),
        ));
    }
    if let Some(slug) = &search.entity {
        tags.push((format!("Employeur : {slug}"), without(|s| s.entity = None)));
    }
    if let Some(contract) = search.contract {
        tags.push((
            format!("Contrat : {}", contract.label()),
            without(|s| s.contract = None),
        ));
    }
    if let Some(remote) = search.remote {
        tags.push((
            format!("Télétravail : {}", remote.label()),
            without(|s| s.remote = None),
        ));
    }
    if let Some(experience) = search.experience {
        tags.push((
            format!("Expérience : {}", experience.label()),
            without(|s| s.experience = None),
        ));
    }
    tags
}

/// The filters in force as DSFR tags, each a link to the search without it.
#[component]
pub fn ActiveFilters(
    search: OfferSearch,
    regions: Vec<Region>,
    families: Vec<MetierFamily>,
) -> impl IntoView {
    let tags = active_filters(&search, &regions, &families);
    (!tags.is_empty()).then(|| {
        view! {
            <div class="talents-active-filters fr-mb-2w">
                <p class="fr-sr-only" id="filtres-actifs">"Filtres actifs"</p>
                <ul class="fr-tags-group" aria-labelledby="filtres-actifs">
                    {tags.into_iter().map(|(label, href)| {
                        let name = format!("Retirer le filtre {label}");
                        view! { <li><a class="fr-tag fr-tag--dismiss" href=href aria-label=name>{label}</a></li> }
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::geo::Departement;

    fn bretagne() -> Vec<Region> {
        let departement = |code: &str, name: &str| Departement {
            code: code.into(),
            name: name.into(),
            region_code: "53".into(),
        };
        vec![Region {
            code: "53".into(),
            name: "Bretagne".into(),
            departements: vec![
                departement("56", "Morbihan"),
                departement("22", "Côtes-d'Armor"),
                departement("29", "Finistère"),
            ],
        }]
    }

    #[test]
    fn each_tag_removes_its_own_filter_and_keeps_the_others() {
        let search =
            OfferSearch::from_pairs([("q", "data"), ("region", "53"), ("departement", "29")])
                .unwrap();
        let tags = active_filters(&search, &bretagne(), &[]);
        assert_eq!(
            tags,
            [
                (
                    "Mots-clés : data".to_owned(),
                    "/offres?region=53&departement=29".to_owned()
                ),
                (
                    "Région : Bretagne".to_owned(),
                    "/offres?q=data&departement=29".to_owned()
                ),
                (
                    "Département : Finistère (29)".to_owned(),
                    "/offres?q=data&region=53".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn departements_follow_the_region_in_code_order() {
        let codes: Vec<String> = departement_options(&bretagne(), Some("53"))
            .into_iter()
            .map(|(code, _)| code)
            .collect();
        assert_eq!(codes, ["22", "29", "56"]);
        assert!(departement_options(&bretagne(), Some("11")).is_empty());
    }
}
