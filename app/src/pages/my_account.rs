//! `/compte`: the signed-in account (any role) and its password.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::account::{Me, PasswordChange, Role};
use shared::api::{accounts, Operation};
use shared::application::AccountErasure;
use shared::Problem;

use crate::api::browser;
use crate::components::confirmation::UnconfirmedAddress;
use crate::components::form::{Success, TextField};
use crate::components::states::{LastProblem, Loading, ProblemAlert};

#[component]
pub fn AccountPage() -> impl IntoView {
    let me = LocalResource::new(|| browser::fetch(accounts::ShowMe {}));
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let changed = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        changed.set(None);
        let body = PasswordChange {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        browser::act(
            accounts::ChangePassword {},
            body,
            problem,
            move |_: Option<()>| {
                current.set(String::new());
                new.set(String::new());
                changed.set(Some(
                    "Mot de passe changé. Vos autres sessions ont été fermées.".to_owned(),
                ));
            },
        );
    };
    view! {
        <Title text="Mon compte" />
        <div class="fr-container fr-my-4w">
            <h1>"Mon compte"</h1>
            <UnconfirmedAddress />
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match me.await {
                        Err(problem) => view! {
                            <ProblemAlert problem />
                            <p><a class="fr-link" href="/connexion">"Se connecter"</a></p>
                        }.into_any(),
                        Ok(me) => view! {
                            {(me.role == Role::Candidate).then(|| view! {
                                <p><a class="fr-link" href="/espace-candidat">"Mes candidatures"</a></p>
                            })}
                            <dl class="talents-facts__list fr-mb-4w">
                                <dt>"Adresse électronique"</dt><dd>{me.email.clone()}</dd>
                                <dt>"Profil"</dt><dd>{me.role.label()}</dd>
                                <dt>"Adresse confirmée"</dt>
                                <dd>{if me.email_verified { "Oui" } else { "Pas encore" }}</dd>
                            </dl>
                        }.into_any(),
                    }
                })}
            </Suspense>
            <section aria-labelledby="changer-mot-de-passe" class="fr-col-md-6">
                <h2 id="changer-mot-de-passe">"Changer de mot de passe"</h2>
                <LastProblem problem />
                <Success message=changed />
                <form on:submit=submit>
                    <TextField id="current-password" label="Mot de passe actuel" value=current kind="password" autocomplete="current-password" required=true />
                    <TextField id="new-password" label="Nouveau mot de passe" value=new kind="password" autocomplete="new-password" required=true hint="12 caractères au moins ; une phrase de passe est idéale." />
                    <button class="fr-btn" type="submit">"Changer mon mot de passe"</button>
                </form>
            </section>
            <MyData me />
        </div>
    }
}

/// The candidate's rights: download everything, or erase the account.
#[component]
fn MyData(me: LocalResource<Result<Me, Problem>>) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let navigate = leptos_router::hooks::use_navigate();
    let erase = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = AccountErasure {
            password: password.get_untracked(),
        };
        let navigate = navigate.clone();
        browser::act(
            accounts::EraseAccount {},
            body,
            problem,
            move |_: Option<()>| {
                navigate("/?compte=efface", Default::default());
            },
        );
    };
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let erase = erase.clone();
                Suspend::new(async move {
                    let candidate = me.await.is_ok_and(|m| m.role == Role::Candidate);
                    candidate.then(|| view! {
                        <section aria-labelledby="mes-donnees" class="fr-col-md-6 fr-mt-6w">
                            <h2 id="mes-donnees">"Mes données"</h2>
                            <p>"Téléchargez tout ce que nous conservons sur vous : votre compte, vos candidatures et vos CV."</p>
                            <p><a class="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left" href=accounts::ExportData {}.path() download>"Télécharger mes données (zip)"</a></p>
                            <h3 class="fr-mt-4w">"Supprimer mon compte"</h3>
                            <p>"Vos CV sont supprimés et vos candidatures rendues anonymes ; cette action est définitive."</p>
                            <LastProblem problem />
                            <form on:submit=erase>
                                <TextField id="erase-password" label="Mot de passe, pour confirmer" value=password kind="password" autocomplete="current-password" required=true />
                                <button class="fr-btn fr-btn--tertiary" type="submit">"Supprimer définitivement mon compte"</button>
                            </form>
                        </section>
                    })
                })
            }}
        </Suspense>
    }
}
