//! Back and Forward: where the person was on a list when they left it.
//!
//! The results of `/offres` arrive after the page (they are fetched again), so the browser's
//! own scroll restoration finds a short page and stays at the top. The list records its
//! position when a link in it is followed, and puts it back when Back (or Forward) returns to
//! the same address — not on a fresh visit of that address.

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use std::cell::RefCell;

    thread_local! {
        /// The address the last Back or Forward went to, until a list claims it.
        static RETURNED_TO: RefCell<Option<String>> = const { RefCell::new(None) };
    }

    fn here() -> String {
        let location = window().location();
        format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        )
    }

    fn key(address: &str) -> String {
        format!("talents-scroll:{address}")
    }

    pub fn track() {
        let handle = window_event_listener(leptos::ev::popstate, |_| {
            RETURNED_TO.with(|to| *to.borrow_mut() = Some(here()));
        });
        // For the life of the app.
        std::mem::forget(handle);
    }

    pub fn remember() {
        if let Ok(Some(storage)) = window().session_storage() {
            let y = window().scroll_y().unwrap_or_default();
            let _ = storage.set_item(&key(&here()), &y.round().to_string());
        }
    }

    pub fn restore() {
        let address = here();
        let returned =
            RETURNED_TO.with(|to| to.borrow_mut().take_if(|to| *to == address).is_some());
        if !returned {
            return;
        }
        let y = window()
            .session_storage()
            .ok()
            .flatten()
            .and_then(|storage| storage.get_item(&key(&address)).ok().flatten())
            .and_then(|y| y.parse::<f64>().ok());
        if let Some(y) = y {
            // Once the list is laid out.
            request_animation_frame(move || window().scroll_to_with_x_and_y(0.0, y));
        }
    }
}

/// Starts noting Back and Forward (once, in the app's frame).
pub fn track_returns() {
    #[cfg(feature = "hydrate")]
    browser::track();
}

/// Records the scroll position of the current address (a link of the list is being followed).
pub fn remember_position() {
    #[cfg(feature = "hydrate")]
    browser::remember();
}

/// Puts the scroll position back if Back or Forward just returned to this address.
pub fn restore_position() {
    #[cfg(feature = "hydrate")]
    browser::restore();
}
