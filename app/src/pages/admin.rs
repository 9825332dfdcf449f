//! `/admin`: the DINUM talent team invites recruiters and reads the outbox and audit log.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use shared::admin::{AuditEntry, InvitedRecruiter, OutboxMessage, RecruiterInvitation};
use shared::Problem;

use crate::api::{self, browser};
use crate::components::states::{Loading, ProblemAlert};
use crate::format;

#[component]
pub fn AdminPage() -> impl IntoView {
    let entities = Resource::new(|| (), |_| api::entities());
    let outbox =
        LocalResource::new(|| browser::get::<Vec<OutboxMessage>>("/api/v1/admin/outbox".into()));
    let audit =
        LocalResource::new(|| browser::get::<Vec<AuditEntry>>("/api/v1/admin/audit".into()));
    let email = RwSignal::new(String::new());
    let entity = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let invited = RwSignal::new(None::<InvitedRecruiter>);
    let invite = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = RecruiterInvitation {
            email: email.get_untracked(),
            entity_slug: entity.get_untracked(),
        };
        spawn_local(async move {
            match browser::send::<_, InvitedRecruiter>(
                "POST",
                "/api/v1/admin/recruiters".into(),
                &body,
            )
            .await
            {
                Ok(done) => {
                    problem.set(None);
                    invited.set(done);
                    email.set(String::new());
                    outbox.refetch();
                    audit.refetch();
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    };
    view! {
        <Title text="Administration" />
        <div class="fr-container fr-my-4w">
            <h1>"Administration"</h1>
            <section aria-labelledby="inviter" class="fr-mb-6w">
                <h2 id="inviter">"Inviter un recruteur"</h2>
                {move || problem.get().map(|problem| view! { <ProblemAlert problem /> })}
                {move || invited.get().map(|r| view! {
                    <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
                        <p>{format!("Invitation envoyée à {} ({}).", r.email, r.entity_slug)}</p>
                    </div>
                })}
                <form on:submit=invite>
                    <div class="fr-input-group">
                        <label class="fr-label" for="invite-email">"Adresse électronique du recruteur"</label>
                        <input class="fr-input" id="invite-email" type="email" required bind:value=email />
                    </div>
                    <Suspense fallback=|| view! { <Loading /> }>
                        {move || Suspend::new(async move {
                            let list = entities.await.unwrap_or_default();
                            if entity.get_untracked().is_empty() {
                                if let Some(first) = list.first() { entity.set(first.slug.clone()); }
                            }
                            view! {
                                <div class="fr-select-group">
                                    <label class="fr-label" for="invite-entity">"Entité"</label>
                                    <select class="fr-select" id="invite-entity" bind:value=entity>
                                        {list.into_iter().map(|e| view! { <option value=e.slug.clone()>{e.name.clone()}</option> }).collect_view()}
                                    </select>
                                </div>
                            }
                        })}
                    </Suspense>
                    <button class="fr-btn" type="submit">"Envoyer l'invitation"</button>
                </form>
            </section>
            <section aria-labelledby="courriels" class="fr-mb-6w">
                <h2 id="courriels">"Courriels (boîte d'envoi)"</h2>
                <Suspense fallback=|| view! { <Loading /> }>
                    {move || Suspend::new(async move {
                        match outbox.await {
                            Err(problem) => view! { <ProblemAlert problem /> }.into_any(),
                            Ok(messages) => view! {
                                <ul class="talents-outbox">
                                    {messages.into_iter().map(|m| view! {
                                        <li class="fr-mb-2w">
                                            <p class="fr-text--bold fr-mb-0">{format!("{} — {}", m.recipient, m.subject)}</p>
                                            <p class="fr-text--sm fr-mb-1w">{match m.sent_at {
                                                Some(at) => format!("Envoyé le {}", format::date(at)),
                                                None => format!("En attente ({} tentative(s))", m.attempts),
                                            }}</p>
                                            <pre class="talents-mail">{m.body}</pre>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
            <section aria-labelledby="journal">
                <h2 id="journal">"Journal des modifications"</h2>
                <Suspense fallback=|| view! { <Loading /> }>
                    {move || Suspend::new(async move {
                        match audit.await {
                            Err(problem) => view! { <ProblemAlert problem /> }.into_any(),
                            Ok(entries) => view! {
                                <div class="fr-table"><table>
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
                            }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </div>
    }
}
