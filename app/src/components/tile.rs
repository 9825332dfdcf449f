//! A DSFR tile: a titled link with one line of detail (employers, métiers).

use leptos::prelude::*;

#[component]
pub fn Tile(href: String, title: String, detail: String) -> impl IntoView {
    view! {
        <div class="fr-tile fr-enlarge-link">
            <div class="fr-tile__body">
                <div class="fr-tile__content">
                    <h3 class="fr-tile__title"><a href=href>{title}</a></h3>
                    <p class="fr-tile__detail">{detail}</p>
                </div>
            </div>
        </div>
    }
}
