//! The DSFR page frame: skip links, header with the "République française" block, footer
//! with the mandatory links.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use shared::account::{Me, Role};

/// Quick-access links, first in the tab order (RGAA 12.7).
#[component]
pub fn SkipLinks() -> impl IntoView {
    view! {
        <div class="fr-skiplinks">
            <nav class="fr-container" role="navigation" aria-label="Accès rapide">
                <ul class="fr-skiplinks__list">
                    <li><a class="fr-link" href="#contenu">"Contenu"</a></li>
                    <li><a class="fr-link" href="#navigation-principale">"Menu"</a></li>
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
            <div class="fr-header__menu talents-menu">
                <div class="fr-container">
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

/// Sign-in links, or once the browser knows the session: the account's space and a sign-out
/// button. The server renders every page anonymous (the same HTML for everyone); an effect,
/// which only runs in the browser, asks who is signed in after hydration and navigations.
#[component]
fn AccountTools() -> impl IntoView {
    let me = RwSignal::new(None::<Me>);
    let location = use_location();
    // Asked again at each navigation: signing in or out happens without a full page load.
    Effect::new(move |_| {
        location.pathname.track();
        leptos::task::spawn_local(async move {
            me.set(
                crate::api::browser::get::<Me>("/api/v1/me".into())
                    .await
                    .ok(),
            );
        });
    });
    let logout = move |_| {
        leptos::task::spawn_local(async move {
            let _ =
                crate::api::browser::send::<_, ()>("POST", "/api/v1/auth/logout".into(), &()).await;
            // A full load: every page and resource forgets the session.
            let _ = window().location().set_href("/");
        });
    };
    move || {
        match me.get() {
        Some(me) => view! {
            <ul class="fr-btns-group">
                <li><a class="fr-btn fr-icon-account-circle-line" href=space_of(&me)>{space_label(&me)}</a></li>
                <li><button class="fr-btn fr-icon-logout-box-r-line" type="button" on:click=logout>"Se déconnecter"</button></li>
            </ul>
        }.into_any(),
        None => view! {
            <ul class="fr-btns-group">
                <li><a class="fr-btn fr-icon-lock-line" href="/connexion">"Se connecter"</a></li>
                <li><a class="fr-btn fr-icon-account-line" href="/inscription">"Créer un compte"</a></li>
            </ul>
        }.into_any(),
    }
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
