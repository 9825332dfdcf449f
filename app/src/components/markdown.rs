//! Markdown texts (showcases, offers, forum and Vis mon job editions) shown as sanitized HTML
//! (`shared::markdown`).
//!
//! In the public bundle the renderer (pulldown-cmark) is a chunk of its own, loaded only when
//! a page with Markdown is drawn in the browser, after a link: a page that came from the
//! server already holds the HTML, which hydration keeps. Measured (`make build`, then
//! `scripts/first_load.py`): the five pages with Markdown each loaded the renderer's
//! 149,094-byte chunk before hydrating; with the offer's JSON-LD left to the server
//! (pages/offers.rs) and the JS minified, the offer page's first load went from 351,583 to
//! 288,781 bytes brotli, a forum session's from 382,642 to 326,899.

use leptos::prelude::*;

#[component]
pub fn Markdown(#[prop(into)] text: String) -> impl IntoView {
    rendered(text)
}

/// On the server and in the spaces bundle (not split): the HTML at once.
#[cfg(any(feature = "spaces", not(feature = "hydrate")))]
fn rendered(text: String) -> impl IntoView {
    view! { <div class="talents-markdown" inner_html=shared::markdown::to_safe_html(&text)></div> }
}

/// In the public bundle: an empty block, filled once the renderer has loaded, unless it
/// already has the server's HTML (hydration leaves a reactive `inner_html` as it finds it).
#[cfg(all(feature = "hydrate", not(feature = "spaces")))]
fn rendered(text: String) -> impl IntoView {
    let html = RwSignal::new(String::new());
    let block = NodeRef::<leptos::html::Div>::new();
    Effect::new(move || {
        let Some(block) = block.get() else { return };
        // The renderer's HTML is elements (paragraphs, lists…); a block drawn here holds at
        // most a comment.
        if block.child_element_count() > 0 || text.trim().is_empty() {
            return;
        }
        let text = text.clone();
        leptos::task::spawn_local(async move {
            // The page may be gone by then (another link): nothing to fill.
            html.try_set(to_safe_html(text).await);
        });
    });
    view! { <div class="talents-markdown" node_ref=block inner_html=move || html.get()></div> }
}

/// The renderer, split out of the public bundle (scripts/split-wasm.sh).
#[cfg(all(feature = "hydrate", not(feature = "spaces")))]
#[leptos::lazy]
fn to_safe_html(text: String) -> String {
    shared::markdown::to_safe_html(&text)
}
