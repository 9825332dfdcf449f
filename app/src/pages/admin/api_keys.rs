//! `/admin/api`: the keys of the public API. The team creates one for a third party that
//! needs more than the quota per address (the secret is shown once, here) and revokes it;
//! below, the receivers of the webhooks registered under the keys (`super::webhooks`).

use leptos::prelude::*;
use leptos_meta::Title;
use shared::api::admin::{CreateApiKey, ListApiKeys, RevokeApiKey};
use shared::api_key::{ApiKey, ApiKeyForm, CreatedApiKey};
use shared::Problem;

use super::webhooks::Webhooks;
use super::AdminNav;
use crate::api::browser;
use crate::components::form::{SecretShownOnce, Success, TextField};
use crate::components::states::{Empty, LastProblem, Loaded};
use crate::format;

#[component]
pub fn ApiKeysPage() -> impl IntoView {
    let keys = LocalResource::new(|| browser::fetch(ListApiKeys {}));
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    let created = RwSignal::new(None::<CreatedApiKey>);
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = ApiKeyForm {
            name: name.get_untracked(),
            email: email.get_untracked(),
        };
        browser::act(
            CreateApiKey {},
            body,
            problem,
            move |answer: Option<CreatedApiKey>| {
                name.set(String::new());
                email.set(String::new());
                done.set(None);
                created.set(answer);
                keys.refetch();
            },
        );
    };
    let revoke = move |key: ApiKey| {
        let message = format!("Clé de « {} » révoquée.", key.name);
        browser::act(
            RevokeApiKey { id: key.id },
            (),
            problem,
            move |_: Option<()>| {
                created.set(None);
                done.set(Some(message));
                keys.refetch();
            },
        );
    };
    view! {
        <Title text="API et webhooks" />
        <div class="fr-container fr-my-4w">
            <h1>"Administration"</h1>
            <AdminNav current="/admin/api" />
            <section aria-labelledby="cles">
                <h2 id="cles">"Clés d'API"</h2>
                <p>"Sans clé, chaque adresse dispose du quota public de l'API. Une clé, envoyée dans l'en-tête "
                    <code>"X-API-Key"</code>", donne un quota plus élevé à un réutilisateur régulier (agrégateur, site d'emploi)."</p>
                <LastProblem problem />
                <Success message=done />
                <SecretShownOnce
                    shown=Signal::derive(move || created.get().map(|c| (format!("Clé créée pour « {} »", c.key.name), c.secret)))
                    message="Transmettez-la maintenant à son destinataire : elle ne sera plus affichée." />
                <Loaded resource=keys view=move |list| {
                    if list.is_empty() {
                        return view! { <Empty message="Aucune clé n'a été créée." /> }.into_any();
                    }
                    view! {
                        <div class="fr-table"><table tabindex="0">
                            <caption>"Clés créées"</caption>
                            <thead><tr>
                                <th scope="col">"Réutilisateur"</th><th scope="col">"Contact"</th>
                                <th scope="col">"Début de la clé"</th><th scope="col">"Créée le"</th>
                                <th scope="col">"État"</th><th scope="col">"Action"</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|key| view! {
                                    <tr>
                                        <td>{key.name.clone()}</td>
                                        <td>{key.contact_email.clone()}</td>
                                        <td><code>{format!("{}…", key.prefix)}</code></td>
                                        <td>{format::date(key.created_at)}</td>
                                        {match key.revoked_at {
                                            Some(at) => view! {
                                                <td>{format!("Révoquée le {}", format::date(at))}</td><td></td>
                                            }.into_any(),
                                            None => {
                                                let label = format!("Révoquer la clé de « {} »", key.name);
                                                view! {
                                                    <td>"Active"</td>
                                                    <td><button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button"
                                                        on:click=move |_| revoke(key.clone())>{label}</button></td>
                                                }.into_any()
                                            }
                                        }}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any()
                } />
                <h3 class="fr-mt-4w">"Créer une clé"</h3>
                <form class="fr-col-md-8" on:submit=submit>
                    <TextField id="api-key-name" label="Réutilisateur" value=name required=true hint="Par exemple : Choisir le service public" />
                    <TextField id="api-key-email" label="Adresse de contact" value=email kind="email" autocomplete="email" required=true />
                    <button class="fr-btn" type="submit">"Créer la clé"</button>
                </form>
            </section>
            <Loaded resource=keys view=move |list| view! { <Webhooks keys=list /> } />
        </div>
    }
}
