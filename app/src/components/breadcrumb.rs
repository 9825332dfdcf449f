//! The DSFR breadcrumb: where the page sits, its last step the page itself.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// `trail`: the pages above this one, as (path, name), from the top.
/// The current step links to the page itself: an `<a>` without `href` is not a link for
/// crawlers or assistive technologies (Lighthouse's « crawlable-anchors »).
#[component]
pub fn Breadcrumb(trail: Vec<(String, String)>, #[prop(into)] current: String) -> impl IntoView {
    let here = use_location().pathname.get_untracked();
    view! {
        <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
            <ol class="fr-breadcrumb__list">
                {trail.into_iter().map(|(href, name)| view! {
                    <li><a class="fr-breadcrumb__link" href=href>{name}</a></li>
                }).collect_view()}
                <li><a class="fr-breadcrumb__link" href=here aria-current="page">{current}</a></li>
            </ol>
        </nav>
    }
}

/// A step of the trail.
pub fn step(href: &str, name: &str) -> (String, String) {
    (href.to_owned(), name.to_owned())
}
