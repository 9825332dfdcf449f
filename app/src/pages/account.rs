//! `/connexion` (sign in) and `/compte/mot-de-passe` (choose a password from an e-mailed
//! reset or invitation link).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::account::{Credentials, Me, NewPassword, Role};
use shared::Problem;

use crate::api::browser;
use crate::components::states::ProblemAlert;

/// Where an account lands after signing in.
pub fn home_of(me: &Me) -> &'static str {
    match me.role {
        Role::Recruiter => "/espace-recruteur",
        Role::Admin => "/admin",
        Role::Candidate => "/",
    }
}

/// Posts `body` to an endpoint that opens a session, then goes to the account's space;
/// a refusal is shown in `problem`.
fn sign_in<B: serde::Serialize + 'static>(
    path: &'static str,
    body: B,
    problem: RwSignal<Option<Problem>>,
    navigate: impl Fn(&str, leptos_router::NavigateOptions) + 'static,
) {
    spawn_local(async move {
        match browser::send::<_, Me>("POST", path.into(), &body).await {
            Ok(Some(me)) => navigate(home_of(&me), Default::default()),
            Ok(None) => {}
            Err(p) => problem.set(Some(p)),
        }
    });
}

/// A narrow centred page holding one form, with its error alert.
#[component]
fn FormFrame(
    title: &'static str,
    problem: RwSignal<Option<Problem>>,
    children: Children,
) -> impl IntoView {
    view! {
        <Title text=title />
        <div class="fr-container fr-my-7w">
            <div class="fr-grid-row fr-grid-row--center">
                <div class="fr-col-12 fr-col-md-6">
                    <h1>{title}</h1>
                    {move || problem.get().map(|problem| view! { <ProblemAlert problem /> })}
                    {children()}
                </div>
            </div>
        </div>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = Credentials {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        sign_in("/api/v1/auth/login", body, problem, navigate.clone());
    };
    view! {
        <FormFrame title="Se connecter" problem>
                    <form on:submit=submit>
                        <div class="fr-input-group">
                            <label class="fr-label" for="email">"Adresse électronique"
                                <span class="fr-hint-text">"Format attendu : nom@domaine.fr"</span>
                            </label>
                            <input class="fr-input" id="email" name="email" type="email" autocomplete="email" required bind:value=email />
                        </div>
                        <div class="fr-input-group">
                            <label class="fr-label" for="password">"Mot de passe"</label>
                            <input class="fr-input" id="password" name="password" type="password" autocomplete="current-password" required bind:value=password />
                        </div>
                        <button class="fr-btn" type="submit">"Se connecter"</button>
                    </form>
        </FormFrame>
    }
}

#[component]
pub fn PasswordPage() -> impl IntoView {
    let query = use_query_map();
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewPassword {
            token: query.with_untracked(|q| q.get("jeton").unwrap_or_default()),
            password: password.get_untracked(),
        };
        sign_in(
            "/api/v1/auth/password-reset/confirm",
            body,
            problem,
            navigate.clone(),
        );
    };
    view! {
        <FormFrame title="Choisir un mot de passe" problem>
                    <form on:submit=submit>
                        <div class="fr-input-group">
                            <label class="fr-label" for="new-password">"Nouveau mot de passe"
                                <span class="fr-hint-text">"12 caractères au moins ; une phrase de passe est idéale."</span>
                            </label>
                            <input class="fr-input" id="new-password" name="password" type="password" autocomplete="new-password" required bind:value=password />
                        </div>
                        <button class="fr-btn" type="submit">"Enregistrer et me connecter"</button>
                    </form>
        </FormFrame>
    }
}
