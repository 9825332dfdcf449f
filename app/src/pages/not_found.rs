//! The 404 page (also sets the HTTP status when rendered on the server).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::states::set_http_status;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_http_status(404);
    view! {
        <Title text="Page introuvable" />
        <div class="fr-container fr-my-7w">
            <h1>"Page introuvable"</h1>
            <p class="fr-text--lead">"La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée."</p>
            <p>"Si vous avez tapé l'adresse web dans le navigateur, vérifiez qu'elle est correcte. La page n'est peut-être plus disponible."</p>
            <ul class="fr-btns-group fr-btns-group--inline-md">
                <li><a class="fr-btn" href="/">"Page d'accueil"</a></li>
                <li><a class="fr-btn fr-btn--secondary" href="/offres">"Voir les offres"</a></li>
            </ul>
        </div>
    }
}
