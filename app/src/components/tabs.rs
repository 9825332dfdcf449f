//! The navigation between the pages of a private space (recruiter, admin).

use leptos::prelude::*;

/// Buttons to each page of a space; the current one is marked for assistive technologies.
#[component]
pub fn SpaceTabs(
    /// Accessible name of the navigation ("Espace recruteur").
    label: &'static str,
    links: &'static [(&'static str, &'static str)],
    current: &'static str,
) -> impl IntoView {
    view! {
        <nav class="fr-mb-4w" aria-label=label>
            <ul class="fr-btns-group fr-btns-group--inline-md">
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
