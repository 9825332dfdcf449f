//! The webhooks of `/admin/api`: a receiver registered under a key gets the public offers'
//! changes pushed as they happen, each message signed as Standard Webhooks says. The team
//! adds one (its signing secret is shown once), sees whether deliveries go through, reads
//! its latest messages, switches it back on after repeated failures stopped it, or deletes it.

use leptos::prelude::*;
use shared::api::admin::{
    CreateWebhook, DeleteWebhook, ListWebhookDeliveries, ListWebhooks, ReactivateWebhook,
};
use shared::api_key::ApiKey;
use shared::webhook::{CreatedWebhook, Webhook, WebhookDelivery, WebhookEvent, WebhookForm};
use shared::{ApiKeyId, Problem, WebhookId};

use crate::api::browser;
use crate::components::form::{
    check, CheckboxGroup, ChoiceField, FormErrors, SecretShownOnce, Success, TextField,
};
use crate::components::states::{Empty, LastProblem, Loaded};
use crate::format;

/// What a receiver's state says to the team.
fn state_text(hook: &Webhook) -> String {
    match (&hook.disabled_at, hook.failures) {
        (Some(at), _) => format!(
            "Arrêté le {} : {}",
            format::date(*at),
            hook.disabled_reason.clone().unwrap_or_default()
        ),
        (None, 0) => "Actif".to_owned(),
        (None, n) => format!(
            "Actif, {} de suite",
            format::count(i64::from(n), "échec", "échecs")
        ),
    }
}

fn events_text(events: &[WebhookEvent]) -> String {
    events
        .iter()
        .map(|e| e.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The receivers of every key, and the form adding one under an active key of `keys`.
#[component]
pub fn Webhooks(keys: Vec<ApiKey>) -> impl IntoView {
    let hooks = LocalResource::new(|| browser::fetch(ListWebhooks {}));
    let problem = RwSignal::new(None::<Problem>);
    FormErrors::provide(problem);
    let done = RwSignal::new(None::<String>);
    let created = RwSignal::new(None::<CreatedWebhook>);
    let shown = RwSignal::new(None::<(String, Vec<WebhookDelivery>)>);
    let key = RwSignal::new(String::new());
    let url = RwSignal::new(String::new());
    let events = RwSignal::new(
        WebhookEvent::all()
            .map(|e| e.as_ref().to_owned())
            .collect::<Vec<_>>(),
    );
    let names: Vec<(ApiKeyId, String)> = keys.iter().map(|k| (k.id, k.name.clone())).collect();
    let name_of = move |id: ApiKeyId| {
        names
            .iter()
            .find(|(key, _)| *key == id)
            .map_or_else(|| format!("Clé n° {id}"), |(_, name)| name.clone())
    };
    let key_options: Vec<(String, String)> = std::iter::once((String::new(), "Choisir".to_owned()))
        .chain(
            keys.iter()
                .filter(|k| k.revoked_at.is_none())
                .map(|k| (k.id.to_string(), k.name.clone())),
        )
        .collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = WebhookForm {
            api_key_id: ApiKeyId(key.get_untracked().parse().unwrap_or_default()),
            url: url.get_untracked(),
            events: events
                .get_untracked()
                .iter()
                .filter_map(|e| e.parse().ok())
                .collect(),
        };
        if !check(problem, form.errors()) {
            return;
        }
        browser::act(
            CreateWebhook {},
            form,
            problem,
            move |answer: Option<CreatedWebhook>| {
                url.set(String::new());
                done.set(None);
                created.set(answer);
                hooks.refetch();
            },
        );
    };
    // After a receiver's change: its message, and the list again.
    let changed = move |message: String| {
        created.set(None);
        done.set(Some(message));
        hooks.refetch();
    };
    let reactivate = move |id: WebhookId, message: String| {
        browser::act(
            ReactivateWebhook { id },
            (),
            problem,
            move |_: Option<Webhook>| changed(message),
        );
    };
    let delete = move |id: WebhookId, message: String| {
        browser::act(DeleteWebhook { id }, (), problem, move |_: Option<()>| {
            changed(message)
        });
    };
    let read_deliveries = move |hook: Webhook| {
        leptos::task::spawn_local(async move {
            match browser::fetch(ListWebhookDeliveries { id: hook.id }).await {
                Ok(list) => shown.set(Some((hook.url, list))),
                Err(p) => problem.set(Some(p)),
            }
        });
    };
    view! {
        <section aria-labelledby="recepteurs" class="fr-mt-6w">
            <h2 id="recepteurs">"Récepteurs (webhooks)"</h2>
            <p>"Un récepteur reçoit les changements des offres publiques dès qu'ils ont lieu : "
                <code>"offer.published"</code>", "<code>"offer.updated"</code>" et "<code>"offer.removed"</code>
                ", en POST JSON signé selon Standard Webhooks (en-têtes "<code>"webhook-id"</code>", "
                <code>"webhook-timestamp"</code>" et "<code>"webhook-signature"</code>"). Un message refusé est renvoyé plus tard ; après "
                {format::count(i64::from(shared::webhook::MAX_FAILURES), "échec", "échecs")}" de suite, le récepteur est arrêté."</p>
            <LastProblem problem />
            <Success message=done />
            <SecretShownOnce
                shown=Signal::derive(move || created.get().map(|c| (format!("Récepteur enregistré : {}", c.webhook.url), c.secret)))
                message="Transmettez maintenant son secret de signature au réutilisateur : il ne sera plus affiché." />
            <Loaded resource=hooks view=move |list| {
                if list.is_empty() {
                    return view! { <Empty message="Aucun récepteur n'est enregistré." /> }.into_any();
                }
                view! {
                    <div class="fr-table"><table tabindex="0">
                        <caption>"Récepteurs enregistrés"</caption>
                        <thead><tr>
                            <th scope="col">"Réutilisateur"</th><th scope="col">"Adresse"</th>
                            <th scope="col">"Événements"</th><th scope="col">"État"</th>
                            <th scope="col">"Actions"</th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|hook| {
                                let id = hook.id;
                                let stopped = hook.disabled_at.is_some();
                                let (url, messages) = (hook.url.clone(), hook.clone());
                                view! {
                                    <tr>
                                        <td>{name_of(hook.api_key_id)}</td>
                                        <td><code>{hook.url.clone()}</code></td>
                                        <td>{events_text(&hook.events)}</td>
                                        <td>{state_text(&hook)}</td>
                                        <td>
                                            <ul class="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
                                                <li><button class="fr-btn fr-btn--sm fr-btn--secondary" type="button"
                                                    on:click=move |_| read_deliveries(messages.clone())>
                                                    {format!("Derniers messages de {url}")}</button></li>
                                                {stopped.then(|| {
                                                    let message = format!("Récepteur {} réactivé.", hook.url);
                                                    view! { <li><button class="fr-btn fr-btn--sm" type="button"
                                                        on:click=move |_| reactivate(id, message.clone())>
                                                        {format!("Réactiver {}", hook.url)}</button></li> }
                                                })}
                                                {
                                                    let message = format!("Récepteur {} supprimé.", hook.url);
                                                    view! { <li><button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button"
                                                        on:click=move |_| delete(id, message.clone())>
                                                        {format!("Supprimer {}", hook.url)}</button></li> }
                                                }
                                            </ul>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            } />
            {move || shown.get().map(|(url, list)| view! {
                <div class="fr-table"><table tabindex="0">
                    <caption>{format!("Derniers messages de {url}")}</caption>
                    <thead><tr>
                        <th scope="col">"Message"</th><th scope="col">"Événement"</th>
                        <th scope="col">"Offre"</th><th scope="col">"Tentatives"</th>
                        <th scope="col">"Dernière réponse"</th><th scope="col">"Remis le"</th>
                    </tr></thead>
                    <tbody>
                        {list.into_iter().map(|d| view! {
                            <tr>
                                <td><code>{d.message_id}</code></td>
                                <td>{d.event.label()}</td>
                                <td>{d.offer_id.0}</td>
                                <td>{d.attempts}</td>
                                <td>{match (d.status_code, d.last_error) {
                                    (_, Some(error)) => error,
                                    (Some(status), None) => format!("HTTP {status}"),
                                    (None, None) => String::new(),
                                }}</td>
                                <td>{d.delivered_at.map(format::date_time).unwrap_or_else(|| "Pas encore".to_owned())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table></div>
            })}
            <h3 class="fr-mt-4w">"Enregistrer un récepteur"</h3>
            <form class="fr-col-md-8" on:submit=submit novalidate>
                <ChoiceField id="webhook-key" label="Clé d'API" value=key options=key_options field="api_key_id" required=true />
                <TextField id="webhook-url" label="Adresse du récepteur" value=url kind="url" field="url" required=true
                    hint="https:// : les messages y sont envoyés en POST" />
                <CheckboxGroup id="webhook-events" legend="Événements".to_owned() selected=events field="events"
                    options=WebhookEvent::all().map(|e| (e.as_ref().to_owned(), format!("{} ({})", e.label(), e.as_ref()))).collect() />
                <button class="fr-btn" type="submit">"Enregistrer le récepteur"</button>
            </form>
        </section>
    }
}
