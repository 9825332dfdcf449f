//! `/admin/courriels` (the outbox: every e-mail, sent or waiting, so the flows can be tried
//! without SMTP) and `/admin/journal` (the audit log of recruiter and admin changes).

use leptos::prelude::*;
use leptos_meta::Title;
use shared::api::admin::{ListAudit, ListOutbox};

use super::AdminNav;
use crate::api::browser;
use crate::components::states::Loaded;
use crate::format;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let outbox = LocalResource::new(|| browser::fetch(ListOutbox {}));
    view! {
        <Title text="Courriels" />
        <div class="fr-container fr-my-4w">
            <h1>"Administration"</h1>
            <AdminNav current="/admin/courriels" />
            <section aria-labelledby="courriels" class="fr-mb-6w">
                <h2 id="courriels">"Courriels (boîte d'envoi)"</h2>
                <Loaded resource=outbox view=move |messages| view! {
                        <ul class="talents-outbox">
                            {messages.into_iter().map(|m| view! {
                                <li class="fr-mb-2w">
                                    <p class="fr-text--bold fr-mb-0">{format!("{} — {}", m.recipient, m.subject)}</p>
                                    <p class="fr-text--sm fr-mb-1w">{match m.sent_at {
                                        Some(at) => format!("Envoyé le {}", format::date(at)),
                                        None if m.awaits_confirmation => "En attente : le destinataire n'a pas encore confirmé son adresse".to_owned(),
                                        None => format!("En attente ({} tentative(s))", m.attempts),
                                    }}</p>
                                    <pre class="talents-mail">{m.body}</pre>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                />
            </section>
        </div>
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let audit = LocalResource::new(|| browser::fetch(ListAudit {}));
    view! {
        <Title text="Journal des modifications" />
        <div class="fr-container fr-my-4w">
            <h1>"Administration"</h1>
            <AdminNav current="/admin/journal" />
            <section aria-labelledby="journal">
                <h2 id="journal">"Journal des modifications"</h2>
                <Loaded resource=audit view=move |entries| view! {
                        <div class="fr-table"><table tabindex="0">
                            <caption>"Dernières modifications"</caption>
                            <thead><tr><th scope="col">"Date"</th><th scope="col">"Auteur"</th><th scope="col">"Action"</th><th scope="col">"Cible"</th></tr></thead>
                            <tbody>
                                {entries.into_iter().map(|e| view! {
                                    <tr>
                                        <td>{format::date(e.created_at)}</td>
                                        <td>{e.actor_email.unwrap_or_else(|| "plateforme".to_owned())}</td>
                                        <td>{e.action}</td>
                                        <td>{e.target}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any()
                />
            </section>
        </div>
    }
}
