//! The DSFR page frame: skip links, header with the "République française" block, footer
//! with the mandatory links.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use shared::account::{Me, Role};

use crate::contexts::session::CurrentSession;

/// Quick-access links, first in the tab order (RGAA 12.7).
#[component]
pub fn SkipLinks() -> impl IntoView {
    view! {
        <div class="fr-skiplinks">
            <nav class="fr-container" role="navigation" aria-label="Accès rapide">
                <ul class="fr-skiplinks__list">
                    <li><a class="fr-link" href="#contenu">"Contenu"</a></li>
                    <li><a class="fr-link" href="#menu-principal">"Menu"</a></li>
                    <li><a class="fr-link" href="#pied-de-page">"Pied de page"</a></li>
                </ul>
            </nav>
        </div>
    }
}

const NAV: [(&str, &str); 6] = [
    ("/", "Accueil"),
    ("/offres", "Offres d'emploi"),
    ("/entites", "Employeurs"),
    ("/metiers", "Métiers"),
    ("/vis-mon-job", "Vis mon job"),
    ("/forum", "Forum"),
];

#[component]
pub fn Header() -> impl IntoView {
    let location = use_location();
    let current = move |href: &str| {
        let path = location.pathname.get();
        let active = if href == "/" {
            path == "/"
        } else {
            path == href || path.starts_with(&format!("{href}/"))
        };
        active.then_some("page")
    };
    // The menu of small screens: a dialog over the page (DSFR's header modal), opened by the
    // « Menu » button, closed by « Fermer », Escape or following a link.
    let menu_open = RwSignal::new(false);
    let menu_button = NodeRef::<leptos::html::Button>::new();
    let close_button = NodeRef::<leptos::html::Button>::new();
    let open_menu = move |_| {
        menu_open.set(true);
        focus_later(close_button);
    };
    let close_menu = move || {
        // Opened as the skip link's target (style/main.css): leave the target, which the
        // history API would not do.
        let location = window().location();
        if location.hash().is_ok_and(|hash| hash == "#menu-principal") {
            let _ = location.set_hash("");
        }
        menu_open.set(false);
        focus_later(menu_button);
    };
    Effect::new(move |_| {
        location.pathname.track();
        menu_open.set(false);
    });
    let menu = NodeRef::<leptos::html::Div>::new();
    let on_menu_key = move |ev: leptos::ev::KeyboardEvent| {
        if !menu_open.get_untracked() {
            return;
        }
        match ev.key().as_str() {
            "Escape" => close_menu(),
            "Tab" => keep_focus_within(menu, &ev),
            _ => {}
        }
    };
    view! {
        <header role="banner" class="fr-header">
            <div class="fr-header__body">
                <div class="fr-container">
                    <div class="fr-header__body-row">
                        <div class="fr-header__brand fr-enlarge-link">
                            <div class="fr-header__brand-top">
                                <div class="fr-header__logo">
                                    <p class="fr-logo">"République" <br /> "Française"</p>
                                </div>
                                <div class="fr-header__navbar">
                                    <button class="fr-btn--menu fr-btn" type="button" node_ref=menu_button
                                        aria-controls="menu-principal" aria-haspopup="dialog"
                                        aria-expanded=move || menu_open.get().to_string()
                                        data-fr-opened=move || menu_open.get().to_string()
                                        id="bouton-menu" title="Menu" on:click=open_menu>
                                        "Menu"
                                    </button>
                                </div>
                            </div>
                            <div class="fr-header__service">
                                <a href="/" title=format!("Accueil — {}", crate::SERVICE_NAME)>
                                    <p class="fr-header__service-title">{crate::SERVICE_NAME}</p>
                                </a>
                                <p class="fr-header__service-tagline">
                                    "Offres d'emploi et métiers du numérique public"
                                </p>
                            </div>
                        </div>
                        <div class="fr-header__tools">
                            <div class="fr-header__tools-links">
                                <AccountTools />
                            </div>
                        </div>
                    </div>
                </div>
            </div>
            // Small screens: a modal dialog once opened; large screens: the navigation bar.
            <div class="fr-header__menu fr-modal" id="menu-principal" aria-labelledby="bouton-menu" node_ref=menu
                class:fr-modal--opened=move || menu_open.get()
                role=move || menu_open.get().then_some("dialog")
                aria-modal=move || menu_open.get().then_some("true")
                on:keydown=on_menu_key>
                <div class="fr-container">
                    <button class="fr-btn--close fr-btn" type="button" node_ref=close_button
                        aria-controls="menu-principal" title="Fermer le menu" on:click=move |_| close_menu()>
                        "Fermer"
                    </button>
                    <div class="fr-header__menu-links">
                        <AccountTools />
                    </div>
                    <nav class="fr-nav" id="navigation-principale" role="navigation" aria-label="Menu principal">
                        <ul class="fr-nav__list">
                            {NAV
                                .into_iter()
                                .map(|(href, label)| {
                                    view! {
                                        <li class="fr-nav__item">
                                            <a class="fr-nav__link" href=href aria-current=move || current(href)>
                                                {label}
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </nav>
                </div>
            </div>
        </header>
    }
}

/// After a link leads to another page (not on the first load, nor when only the query
/// changes, as filters do), the focus goes to the new page's title, as a full load would put
/// a screen reader at the top: the page's chunk may still be loading, so it waits for the
/// `<h1>` (at most a second).
#[component]
pub fn FocusOnNavigation() -> impl IntoView {
    crate::history::track_returns();
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|previous| previous != path) {
            focus_heading(60);
        }
        path
    });
}

fn focus_heading(frames_left: u32) {
    request_animation_frame(move || {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let heading = document()
                .query_selector("main h1")
                .ok()
                .flatten()
                .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
            match heading {
                Some(heading) => {
                    // Focusable by script only, and without the focus ring a click would not show.
                    let _ = heading.set_attribute("tabindex", "-1");
                    // Without scrolling: Back puts a list where it was (crate::history).
                    let options = web_sys::FocusOptions::new();
                    options.set_prevent_scroll(true);
                    let _ = heading.focus_with_options(&options);
                }
                None if frames_left > 0 => focus_heading(frames_left - 1),
                None => {}
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = frames_left;
    });
}

/// Tab and Shift+Tab cycle through the open menu's links and buttons (a modal dialog keeps
/// the focus inside it).
fn keep_focus_within(menu: NodeRef<leptos::html::Div>, ev: &leptos::ev::KeyboardEvent) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let Some(menu) = menu.get_untracked() else {
            return;
        };
        let Ok(list) = menu.query_selector_all("a[href], button") else {
            return;
        };
        // Those drawn: the account links exist twice (header tools and menu), one hidden.
        let focusable: Vec<web_sys::HtmlElement> = (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
            .filter(|element| element.offset_parent().is_some())
            .collect();
        let (Some(first), Some(last)) = (focusable.first(), focusable.last()) else {
            return;
        };
        let active = document().active_element();
        let at = |element: &web_sys::HtmlElement| {
            active
                .as_ref()
                .is_some_and(|active| active == AsRef::<web_sys::Element>::as_ref(element))
        };
        if ev.shift_key() && at(first) {
            ev.prevent_default();
            let _ = last.focus();
        } else if !ev.shift_key() && at(last) {
            ev.prevent_default();
            let _ = first.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (menu, ev);
}

/// Moves the focus to `button` once it can take it: the menu fades in (DSFR's modal), and
/// an element still `visibility: hidden` at the transition's first frame refuses the focus,
/// so this tries again on the next frames (at most 30, half a second).
fn focus_later(button: NodeRef<leptos::html::Button>) {
    fn attempt(button: NodeRef<leptos::html::Button>, frames_left: u32) {
        request_animation_frame(move || {
            let Some(element) = button.get_untracked() else {
                return;
            };
            let _ = element.focus();
            let focused = document().active_element().is_some_and(|active| {
                AsRef::<leptos::web_sys::Element>::as_ref(&element) == &active
            });
            if !focused && frames_left > 0 {
                attempt(button, frames_left - 1);
            }
        });
    }
    attempt(button, 30);
}

/// Sign-in links, or the account's space and a sign-out button: for the account the server
/// drew the page for, then as the browser knows the session ([`CurrentSession::shown`]).
/// Signing out is a form (`POST /deconnexion`), with or without the WASM: the answer is a
/// full load of the home page, which forgets the session everywhere.
#[component]
fn AccountTools() -> impl IntoView {
    let session = CurrentSession::get();
    move || {
        match session.shown() {
        Some(me) => view! {
            <ul class="fr-btns-group">
                <li><a class="fr-btn fr-icon-account-circle-line" href=space_of(&me)>{space_label(&me)}</a></li>
                <li>
                    <form method="post" action="/deconnexion">
                        <button class="fr-btn fr-icon-logout-box-r-line" type="submit">"Se déconnecter"</button>
                    </form>
                </li>
            </ul>
        }
        .into_any(),
        None => view! {
            <ul class="fr-btns-group">
                <li><a class="fr-btn fr-icon-lock-line" href=move || coming_back("/connexion")>"Se connecter"</a></li>
                <li><a class="fr-btn fr-icon-account-line" href=move || coming_back("/inscription")>"Créer un compte"</a></li>
            </ul>
        }
        .into_any(),
    }
    }
}

/// A link to the sign-in or sign-up `page` that comes back to the current page (tracked),
/// unless that is the home page or one of those pages.
fn coming_back(page: &str) -> String {
    let back = crate::components::restricted::here();
    if back == "/" || back.starts_with("/connexion") || back.starts_with("/inscription") {
        page.to_owned()
    } else {
        crate::components::restricted::with_return(page, &back)
    }
}

/// The home of an account's space.
pub fn space_of(me: &Me) -> &'static str {
    match me.role {
        Role::Recruiter => "/espace-recruteur",
        Role::Admin => "/admin",
        Role::Candidate => "/espace-candidat",
    }
}

fn space_label(me: &Me) -> &'static str {
    match me.role {
        Role::Recruiter => "Espace recruteur",
        Role::Admin => "Administration",
        Role::Candidate => "Mes candidatures",
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="fr-footer" role="contentinfo" id="pied-de-page">
            <div class="fr-container">
                <div class="fr-footer__body">
                    <div class="fr-footer__brand fr-enlarge-link">
                        <a href="/" title=format!("Retour à l'accueil — {}", crate::SERVICE_NAME)>
                            <p class="fr-logo">"République" <br /> "Française"</p>
                        </a>
                    </div>
                    <div class="fr-footer__content">
                        <p class="fr-footer__content-desc">
                            "Le site de recrutement des talents du numérique de l'État, porté par la "
                            "Direction interministérielle du numérique (DINUM)."
                        </p>
                        <ul class="fr-footer__content-list">
                            <li class="fr-footer__content-item">
                                <a class="fr-footer__content-link" href="https://www.numerique.gouv.fr">"numerique.gouv.fr"</a>
                            </li>
                            <li class="fr-footer__content-item">
                                <a class="fr-footer__content-link" href="https://www.service-public.fr">"service-public.fr"</a>
                            </li>
                            <li class="fr-footer__content-item">
                                <a class="fr-footer__content-link" href="https://www.gouvernement.fr">"gouvernement.fr"</a>
                            </li>
                            <li class="fr-footer__content-item">
                                <a class="fr-footer__content-link" href="https://www.data.gouv.fr">"data.gouv.fr"</a>
                            </li>
                        </ul>
                    </div>
                </div>
                <div class="fr-footer__bottom">
                    <ul class="fr-footer__bottom-list">
                        <li class="fr-footer__bottom-item">
                            <a class="fr-footer__bottom-link" href="/accessibilite">"Accessibilité : partiellement conforme"</a>
                        </li>
                        <li class="fr-footer__bottom-item">
                            <a class="fr-footer__bottom-link" href="/mentions-legales">"Mentions légales"</a>
                        </li>
                        <li class="fr-footer__bottom-item">
                            <a class="fr-footer__bottom-link" href="/donnees-personnelles">"Données personnelles"</a>
                        </li>
                        <li class="fr-footer__bottom-item">
                            <a class="fr-footer__bottom-link" href="/api/docs">"API publique"</a>
                        </li>
                    </ul>
                    <div class="fr-footer__bottom-copy">
                        <p>
                            "Sauf mention explicite de propriété intellectuelle détenue par des tiers, les contenus de ce site sont proposés sous "
                            <a href="https://github.com/etalab/licence-ouverte/blob/master/LO.md">"licence etalab-2.0"</a>
                        </p>
                    </div>
                </div>
            </div>
        </footer>
    }
}
