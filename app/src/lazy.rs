//! The public pages as lazily loaded routes (on the server, which renders them at once, and
//! in the public bundle; the spaces bundle, not split, has the pages themselves): each page's
//! code is a chunk of its own (split out of the bundle by scripts/split-wasm.sh), which the
//! browser loads on entering the page, or before hydrating the first one. A visitor
//! downloads the app's frame and the pages they see, not every page. The home page stays in
//! the main module: it is the one most visitors land on, and it loads no chunk at all.
//!
//! Measured (`make build`): the main module is 640,233 bytes, 195,364 brotli, where the whole
//! public bundle was 1,361,815 / 376,666; the offers page adds 35 chunks, 44,352 brotli.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use crate::pages::{account, apply, entities, forum, legal, metiers, offers, vismonjob};

/// One route type per page, named after the page's component, whose view is that component.
macro_rules! lazy_pages {
    ($($module:ident :: $page:ident),* $(,)?) => {$(
        pub struct $page;

        #[lazy_route]
        impl LazyRoute for $page {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                $module::$page().into_any()
            }
        }
    )*};
}

lazy_pages! {
    offers::OffersPage,
    offers::OfferPage,
    apply::ApplyToOfferPage,
    apply::SpontaneousApplicationPage,
    entities::EntitiesPage,
    entities::EntityPage,
    vismonjob::VisMonJobPage,
    vismonjob::EditionPage,
    forum::ForumPage,
    forum::SessionPage,
    metiers::MetiersPage,
    metiers::MetierPage,
    legal::AccessibilityPage,
    legal::LegalNoticePage,
    legal::PrivacyPage,
    account::LoginPage,
    account::SignupPage,
    account::ConfirmEmailPage,
    account::PasswordPage,
    account::ForgottenPasswordPage,
}
