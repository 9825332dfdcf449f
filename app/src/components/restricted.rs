//! Pages and parts of pages reserved to an account: they are drawn once the browser knows
//! the session ([`CurrentSession`]), so a visitor never triggers a private call (and its 401)
//! but gets an invitation to sign in that brings them back here; an account of another kind
//! is told whose page it is and where its own space is.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use shared::account::Role;

use crate::components::layout::space_of;
use crate::components::states::Loading;
use crate::contexts::session::{CurrentSession, SessionStatus};

/// Who may see a restricted page, as the session allows.
#[derive(Debug, Clone, PartialEq)]
enum Access {
    Unknown,
    Visitor,
    Allowed,
    /// Signed in with another kind of account: the home of its own space.
    Refused(&'static str),
}

/// Draws `children` for a signed-in account of `role` (any account without one).
#[component]
pub fn Restricted(#[prop(optional)] role: Option<Role>, children: ChildrenFn) -> impl IntoView {
    let session = CurrentSession::get();
    let access = Memo::new(move |_| match session.status() {
        SessionStatus::Unknown => Access::Unknown,
        SessionStatus::Visitor => Access::Visitor,
        SessionStatus::SignedIn(me) if role.is_none_or(|role| me.role == role) => Access::Allowed,
        SessionStatus::SignedIn(me) => Access::Refused(space_of(&me)),
    });
    move || match access.get() {
        Access::Unknown => view! { <div class="fr-container"><Loading /></div> }.into_any(),
        Access::Allowed => children().into_any(),
        Access::Visitor => view! {
            <div class="fr-container fr-my-6w">
                <leptos_meta::Title text="Connexion requise" />
                <h1>"Connexion requise"</h1>
                <SignInPrompt role />
            </div>
        }
        .into_any(),
        Access::Refused(home) => view! {
            <div class="fr-container fr-my-6w">
                <leptos_meta::Title text="Accès réservé" />
                <h1>"Accès réservé"</h1>
                <p>{reserved_to(role)} " Vous êtes connecté avec un autre type de compte."</p>
                <p><a class="fr-link" href=home>"Aller à mon espace"</a></p>
            </div>
        }
        .into_any(),
    }
}

fn reserved_to(role: Option<Role>) -> &'static str {
    match role {
        Some(Role::Candidate) | None => "Cette page est réservée aux candidates et candidats.",
        Some(Role::Recruiter) => "Cette page est réservée aux recruteurs des administrations.",
        Some(Role::Admin) => "Cette page est réservée à l'équipe talents de la DINUM.",
    }
}

/// The current page's path and query, to come back to after signing in (tracked).
pub fn here() -> String {
    let location = use_location();
    let path = location.pathname.get();
    let search = location.search.get();
    if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    }
}

/// `page?retour=<back>`: a sign-in or sign-up link that comes back to `back`.
pub fn with_return(page: &str, back: &str) -> String {
    format!("{page}?retour={}", shared::search::percent_encode(back))
}

/// Sign-in and sign-up buttons that come back to this page; for recruiter pages, the
/// access request instead of a candidate account.
#[component]
pub fn SignInPrompt(#[prop(optional_no_strip)] role: Option<Role>) -> impl IntoView {
    let back = here();
    let (text, second) = match role {
        Some(Role::Recruiter) => (
            "Connectez-vous avec votre compte recruteur pour continuer.",
            (
                "/espace-recruteur/demande-acces".to_owned(),
                "Demander un accès recruteur",
            ),
        ),
        Some(Role::Admin) => (
            "Connectez-vous avec votre compte de l'équipe talents pour continuer.",
            (String::new(), ""),
        ),
        _ => (
            "Connectez-vous, ou créez votre compte candidat en une minute, pour continuer.",
            (with_return("/inscription", &back), "Créer un compte"),
        ),
    };
    let (second_href, second_label) = second;
    view! {
        <p>{text}</p>
        <ul class="fr-btns-group fr-btns-group--inline-md">
            <li><a class="fr-btn" href=with_return("/connexion", &back)>"Se connecter"</a></li>
            {(!second_label.is_empty()).then(|| view! {
                <li><a class="fr-btn fr-btn--secondary" href=second_href>{second_label}</a></li>
            })}
        </ul>
    }
}

/// Where to go after signing in: `retour` when it is a path of this site (never another
/// site: `//host`, `/\host` and absolute URLs are refused), else `fallback`.
pub fn return_target(retour: Option<String>, fallback: &str) -> String {
    match retour {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path
        }
        _ => fallback.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::return_target;

    #[test]
    fn only_paths_of_this_site_are_followed() {
        let to = |r: &str| return_target(Some(r.to_owned()), "/espace-candidat");
        assert_eq!(to("/forum/sessions/3"), "/forum/sessions/3");
        assert_eq!(to("/offres?q=data&region=53"), "/offres?q=data&region=53");
        assert_eq!(to("//evil.example/"), "/espace-candidat");
        assert_eq!(to("/\\evil.example/"), "/espace-candidat");
        assert_eq!(to("https://evil.example/"), "/espace-candidat");
        assert_eq!(to("/a\nb"), "/espace-candidat");
        assert_eq!(return_target(None, "/admin"), "/admin");
    }
}
