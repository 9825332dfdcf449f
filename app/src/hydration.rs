//! Whether the browser has taken over the server's HTML.
//!
//! A public page's own code is a chunk loaded before its part of the page hydrates
//! (`app::lazy`), so the root's effects run while the page is still the server's HTML. Anything
//! that changes what a page draws — the session above all — must wait: a signed-in candidate's
//! session, arriving before the Vis mon job page had hydrated, drew a form without the account
//! fields where the server had sent them, and hydration trapped (`unreachable`, one load in
//! three in CI).

use leptos::prelude::*;

thread_local! {
    static DONE: ArcRwSignal<bool> = ArcRwSignal::new(false);
}

/// Called by the browser entry once `hydrate_from_async` has finished.
pub fn done() {
    DONE.with(|done| done.set(true));
}

/// Whether hydration is over (tracked): false on the server and during hydration.
pub fn is_done() -> bool {
    DONE.with(|done| done.get())
}
