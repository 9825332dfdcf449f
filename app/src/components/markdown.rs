//! Markdown texts (showcases, offers) shown as sanitized HTML.

use leptos::prelude::*;

#[component]
pub fn Markdown(#[prop(into)] text: String) -> impl IntoView {
    view! { <div class="talents-markdown" inner_html=shared::markdown::to_safe_html(&text)></div> }
}
