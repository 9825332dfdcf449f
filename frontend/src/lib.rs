//! Browser entry: hydrates the HTML the server rendered. Loaded by leptos'
//! `<HydrationScripts>` as `/pkg/frontend.js`, which calls `hydrate()`.

#![recursion_limit = "256"]

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(inline_js = "export function mark_hydrated() { window.__talentsHydrated = true; }")]
extern "C" {
    /// Lets browser tests (and curious people) know the page is interactive.
    fn mark_hydrated();
}

/// The release bundle has no panic hook: it is built to abort on panic without running one
/// (the Makefile's `wasm`), so a panic surfaces as an `unreachable` trap in the console.
/// `make wasm PANIC_MESSAGES=1` builds one that logs the panic's message and location.
#[wasm_bindgen]
pub fn hydrate() {
    #[cfg(panic_hook)]
    console_error_panic_hook::set_once();
    // Asynchronously: the page's own code is a chunk (app::lazy) that loads before hydrating.
    // An error only says the executor was already set up.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let Some(body) = leptos::prelude::document().body() else {
        return;
    };
    leptos::task::spawn_local(async {
        leptos::mount::hydrate_from_async(body, app::App)
            .await
            .forget();
        app::hydration::done();
        mark_hydrated();
    });
}
