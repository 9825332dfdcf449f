//! The navigation between the pages of a private space (recruiter, admin).
//!
//! On a large screen, a row of buttons; on a phone, where nine full-width buttons took
//! ~900 px before any content, one disclosure naming the current page that opens the list
//! (a native `<details>`: it works before the app has loaded, and without it).

use leptos::prelude::*;

/// Buttons to each page of a space; the current one is marked for assistive technologies.
#[component]
pub fn SpaceTabs(
    /// Accessible name of the navigation ("Espace recruteur").
    label: &'static str,
    links: &'static [(&'static str, &'static str)],
    current: &'static str,
) -> impl IntoView {
    let here = links
        .iter()
        .find(|(href, _)| *href == current)
        .map_or("Pages de l'espace", |(_, text)| *text);
    view! {
        <nav class="fr-mb-4w talents-space-nav" aria-label=label>
            <details class="talents-space-nav__compact">
                <summary class="fr-btn fr-btn--secondary fr-btn--icon-right fr-icon-arrow-down-s-line">
                    {format!("{label} : {here}")}
                </summary>
                <ul class="talents-space-nav__list">
                    {links.iter().map(|&(href, text)| view! {
                        <li>
                            <a class="fr-link" href=href aria-current=(href == current).then_some("page")>{text}</a>
                        </li>
                    }).collect_view()}
                </ul>
            </details>
            <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm talents-space-nav__wide">
                {links.iter().map(|&(href, text)| view! {
                    <li>
                        <a class=if href == current { "fr-btn" } else { "fr-btn fr-btn--secondary" } href=href
                            aria-current=(href == current).then_some("page")>{text}</a>
                    </li>
                }).collect_view()}
            </ul>
        </nav>
    }
}
