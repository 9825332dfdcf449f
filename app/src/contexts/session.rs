//! Who is signed in, as the browser knows it.
//!
//! The server renders the pages as a visitor sees them, except the header: that names the
//! account of the request's session cookie ([`ServedSession`]), so a signed-in person sees
//! their space and « Se déconnecter » from the first paint, and without the WASM. The
//! account the header was drawn for is handed to the browser with the page (a leptos
//! `SharedValue`), so hydration draws the same header. Once the page has hydrated, the
//! browser asks `accounts::CurrentSession` — which answers a visitor with `me: null`, not a
//! 401 the console would report — and the header, the spaces' pages and the forms that
//! depend on the account follow. A sign-in, an address confirmation or a sign-out sets it at
//! once, so the header never lags behind what the person just did.

use leptos::prelude::*;
use shared::account::{Me, Role};

/// What the page knows of the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionStatus {
    /// Not asked yet: during server rendering and hydration, and until the answer arrives.
    Unknown,
    Visitor,
    SignedIn(Me),
}

impl SessionStatus {
    pub fn me(&self) -> Option<&Me> {
        match self {
            SessionStatus::SignedIn(me) => Some(me),
            _ => None,
        }
    }

    /// Whether a candidate is signed in.
    pub fn is_candidate(&self) -> bool {
        self.me().is_some_and(|me| me.role == Role::Candidate)
    }
}

/// The account of the session cookie a page was requested with (`None`: none, or no longer
/// valid), provided by the server to the render of each page.
#[derive(Debug, Clone, Default)]
pub struct ServedSession(pub Option<Me>);

/// The session, in the context of every page, how many times the page set it (so that the
/// server's answer to an earlier question never undoes what the person did since), and the
/// account the server drew the header for.
#[derive(Debug, Clone, Copy)]
pub struct CurrentSession(
    RwSignal<SessionStatus>,
    StoredValue<u64>,
    StoredValue<Option<Me>>,
);

impl CurrentSession {
    /// Provides the session to the app, asked once hydration is done.
    pub fn provide() -> Self {
        // Read from the context on the server, from the page in the browser as it hydrates.
        let served = leptos::server::SharedValue::new(|| {
            use_context::<ServedSession>().unwrap_or_default().0
        })
        .into_inner();
        let session = Self(
            RwSignal::new(SessionStatus::Unknown),
            StoredValue::new(0),
            StoredValue::new(served),
        );
        provide_context(session);
        // Asked once the whole page has hydrated (`crate::hydration`): the server's HTML and
        // the first render in the browser both see `Unknown`.
        Effect::new(move |asked: Option<bool>| {
            let asked = asked.unwrap_or(false);
            if !asked && crate::hydration::is_done() {
                session.refresh();
                return true;
            }
            asked
        });
        session
    }

    /// The session of the app this component belongs to.
    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// The status (tracked).
    pub fn status(&self) -> SessionStatus {
        self.0.get()
    }

    /// The signed-in account (tracked).
    pub fn me(&self) -> Option<Me> {
        self.0.with(|status| status.me().cloned())
    }

    /// The account the header shows (tracked): the one the server drew the page for until
    /// the browser knows the session.
    pub fn shown(&self) -> Option<Me> {
        self.0.with(|status| match status {
            SessionStatus::Unknown => self.2.get_value(),
            known => known.me().cloned(),
        })
    }

    /// Records who is now signed in (after a sign-in or sign-up), or that nobody is.
    pub fn set(&self, me: Option<Me>) {
        self.1.update_value(|sets| *sets += 1);
        self.show(me);
    }

    fn show(&self, me: Option<Me>) {
        let status = me.map_or(SessionStatus::Visitor, SessionStatus::SignedIn);
        // Unchanged: pages that depend on it are not drawn again.
        if self.0.with_untracked(|current| *current != status) {
            self.0.set(status);
        }
    }

    /// Asks the server again.
    pub fn refresh(&self) {
        let session = *self;
        let sets = self.1.get_value();
        leptos::task::spawn_local(async move {
            // Offline or the server down: a visitor, whom pages offer to sign in.
            let me = crate::api::browser::fetch(shared::api::accounts::CurrentSession {})
                .await
                .ok()
                .and_then(|answer| answer.me);
            // Asked before a sign-in or an address confirmation that answered first (the
            // confirmation page confirms as it hydrates): that answer is the newer one.
            if session.1.get_value() == sets {
                session.show(me);
            }
        });
    }
}
