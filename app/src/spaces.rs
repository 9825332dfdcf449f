//! Two hydration bundles: the public one (offers, employers, métiers, Vis mon job, forum,
//! sign-in) that every visitor downloads, and one with the signed-in spaces too (candidate,
//! recruiter, administration), which only their users download. The server picks the bundle
//! from the path ([`in_spaces`]); in the public bundle a space's routes lead to
//! [`LoadSpace`], which loads that page from the server with the spaces bundle.

use leptos::prelude::*;

use crate::components::states::Loading;

/// Paths whose pages need the spaces bundle. Every route declared with `space!` in
/// `App` lies under one of them (a test below reads them from `lib.rs`).
const SPACE_PREFIXES: [&str; 5] = [
    "/espace-candidat",
    "/espace-recruteur",
    "/admin",
    "/compte",
    "/vis-mon-job/duo",
];

/// Whether the page at `path` belongs to the signed-in spaces.
pub fn in_spaces(path: &str) -> bool {
    SPACE_PREFIXES.iter().any(|prefix| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

/// The public bundle's file name (without extension), which Trunk builds and splits.
pub const PUBLIC_BUNDLE: &str = "frontend";

/// The file name (without extension) of the bundle that hydrates the page at `path`.
pub fn bundle_for(path: &str) -> &'static str {
    if in_spaces(path) {
        "frontend_spaces"
    } else {
        PUBLIC_BUNDLE
    }
}

/// Stands for a space's page in the public bundle: loads the page from the server, which
/// sends it with the spaces bundle. Never rendered by the server, which has every page.
#[component]
pub fn LoadSpace() -> impl IntoView {
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        let location = leptos_router::hooks::use_location();
        let path = location.pathname.get_untracked();
        let search = location.search.get_untracked();
        let query = if search.is_empty() {
            String::new()
        } else {
            format!("?{search}")
        };
        let target = format!("{path}{query}{}", location.hash.get_untracked());
        Effect::new(move || reload_at(path.clone(), target.clone(), 50));
    }
    view! { <Loading /> }
}

/// Reloads the page once the address bar shows `path`: the router puts a page's address in
/// the history only after rendering it, so a reload any sooner would load the previous page.
/// Should it not show up within a second, goes to `target` (path, query and fragment).
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn reload_at(path: String, target: String, tries: u32) {
    let Some(location) = web_sys::window().map(|window| window.location()) else {
        return;
    };
    if location.pathname().is_ok_and(|shown| shown == path) {
        let _ = location.reload();
    } else if tries == 0 {
        let _ = location.assign(&target);
    } else {
        set_timeout(
            move || reload_at(path, target, tries - 1),
            std::time::Duration::from_millis(20),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_are_whole_path_segments() {
        assert!(in_spaces("/espace-recruteur"));
        assert!(in_spaces("/espace-recruteur/offres/12"));
        assert!(in_spaces("/admin/vis-mon-job/vmj-2027"));
        assert!(in_spaces("/compte/mot-de-passe-oublie"));
        assert!(in_spaces("/vis-mon-job/duo/3f2a"));
        assert!(!in_spaces("/"));
        assert!(!in_spaces("/vis-mon-job"));
        assert!(!in_spaces("/vis-mon-job/vmj-2027"));
        assert!(!in_spaces("/administrations"));
        assert!(!in_spaces("/offres/12"));
        assert_eq!(bundle_for("/espace-candidat/alertes"), "frontend_spaces");
        assert_eq!(bundle_for("/entites/dinum"), "frontend");
    }

    /// The server sends the public bundle outside `SPACE_PREFIXES`: a `space!` route there
    /// would hydrate as `LoadSpace` over the server's page.
    #[test]
    fn every_space_route_lies_in_the_spaces() {
        let routes: Vec<&str> = include_str!("lib.rs")
            .lines()
            .filter(|line| line.contains("view=space!("))
            .collect();
        assert!(!routes.is_empty());
        for route in routes {
            match route
                .split("path!(\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
            {
                Some(path) => assert!(in_spaces(path), "{path}"),
                None => panic!("no path!(…) in {route}"),
            }
        }
    }
}
