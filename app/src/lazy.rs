//! The public pages as lazily loaded routes (on the server, which renders them at once, and
//! in the public bundle; the spaces bundle, not split, has the pages themselves): each page's
//! code is a chunk of its own (split out of the bundle by scripts/split-wasm.sh), which the
//! browser loads on entering the page; on the first page, the server names them in the head
//! (`<meta name="talents-chunks">`, read by `hydration::HydrationScript`) so they load
//! beside the main module. A visitor
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
                #[cfg(feature = "ssr")]
                preload_chunks(stringify!($page));
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

/// Where scripts/split-wasm.sh writes the split bundle's manifest (scripts/split-manifest.mjs):
/// for each lazy function, the files its code needs. Not the name Leptos' <HydrationScripts>
/// looks for: leptos_integration_utils 0.8.9 reads that one once the request's owner is gone,
/// and then puts the hints in whichever request's page is current on the thread, if any.
#[cfg(feature = "ssr")]
const SPLIT_MANIFEST: &str = "split-manifest.json";

/// The split bundle's manifest and where its files are served.
#[cfg(feature = "ssr")]
#[derive(Clone)]
struct SplitManifest {
    pkg: String,
    files: std::sync::Arc<std::collections::HashMap<String, Vec<String>>>,
}

/// Gives the request's pages the split manifest, read once; none when the bundle is not
/// built (API tests).
#[cfg(feature = "ssr")]
pub fn provide_split_manifest(options: &LeptosOptions) {
    static MANIFEST: std::sync::OnceLock<Option<SplitManifest>> = std::sync::OnceLock::new();
    let manifest = MANIFEST.get_or_init(|| {
        let path = std::path::Path::new(options.site_root.as_ref())
            .join(options.site_pkg_dir.as_ref())
            .join(SPLIT_MANIFEST);
        let json = std::fs::read_to_string(path).ok()?;
        let files = serde_json::from_str(&json)
            .inspect_err(|error| {
                leptos::logging::error!(
                    "{SPLIT_MANIFEST}: {error}; pages go without preload hints"
                );
            })
            .ok()?;
        Some(SplitManifest {
            pkg: format!("/{}", options.site_pkg_dir),
            files: std::sync::Arc::new(files),
        })
    });
    if let Some(manifest) = manifest {
        provide_context(manifest.clone());
    }
}

/// Names in the page's head the files its code is split into, and the split loader, so the
/// browser fetches them beside the main module, not once it runs.
#[cfg(feature = "ssr")]
fn preload_chunks(page: &str) {
    use leptos_meta::Meta;

    let Some(manifest) = use_context::<SplitManifest>() else {
        return;
    };
    let Some(files) = manifest
        .files
        .iter()
        .find(|(function, _)| is_view_of(function, page))
        .map(|(_, files)| files)
    else {
        return;
    };
    let pkg = &manifest.pkg;
    // Named for the hydration script (`hydration::HydrationScript`), which asks for them as
    // it starts, beside the main module. Rendered to register the tag with the request's
    // meta context, which puts it in <head>.
    let mut named: Vec<String> = files
        .iter()
        .map(|file| format!("{pkg}/{file}.wasm"))
        .collect();
    named.push(format!("{pkg}/__wasm_split.js"));
    let _ = view! { <Meta name=crate::hydration::CHUNKS_META content=named.join(" ") /> }.to_html();
}

/// Whether `function` is the split name `#[lazy_route]` gives the view of `page`:
/// `OffersPage` → `__offers_page_view_<hash>`.
#[cfg(feature = "ssr")]
fn is_view_of(function: &str, page: &str) -> bool {
    let mut snake = String::from("__");
    for (i, c) in page.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            snake.push('_');
        }
        snake.push(c.to_ascii_lowercase());
    }
    snake.push_str("_view_");
    function
        .strip_prefix(&snake)
        .is_some_and(|hash| !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::is_view_of;

    #[test]
    fn split_names_follow_the_page_type() {
        assert!(is_view_of(
            "__offers_page_view_2715761846242740015",
            "OffersPage"
        ));
        assert!(is_view_of("__vis_mon_job_page_view_1", "VisMonJobPage"));
        assert!(!is_view_of("__offer_page_view_1", "OffersPage"));
        assert!(!is_view_of("__offers_page_view_1", "OfferPage"));
        assert!(!is_view_of("__offers_page_view_", "OffersPage"));
    }
}
