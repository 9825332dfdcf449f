//! `/admin/comptes`: access requests to approve or decline, recruiter accounts to disable or
//! enable, and invitations.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::account::{email_error, normalize_email};
use shared::admin::{
    AccessRequest, AccessStatus, Decline, InvitedRecruiter, RecruiterAccount, RecruiterInvitation,
};
use shared::api::admin::{
    ApproveAccessRequest, DeclineAccessRequest, DisableRecruiter, EnableRecruiter, InviteRecruiter,
    ListAccessRequests, ListRecruiters,
};
use shared::{AccessRequestId, FieldError, Problem};

use super::AdminNav;
use crate::api::{self, browser};
use crate::components::form::{check, ChoiceField, FormErrors, Success, TextField};
use crate::components::states::{LastProblem, Loaded, Loading};
use crate::format;

/// One pending request: who, for which entity, why; approve, or decline with a reason.
#[component]
fn PendingRequest(
    request: AccessRequest,
    decide: impl Fn(AccessRequestId, Option<String>) + Copy + 'static,
) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let id = request.id;
    let field = format!("motif-{id}");
    view! {
        <li class="fr-card fr-p-3w fr-mb-3w">
            <h3 class="fr-h6 fr-mb-1w">{format!("{} — {}", request.full_name, request.entity_name)}</h3>
            <p class="fr-mb-1w">{format!("{}, {}", request.job_title, request.email)}</p>
            <p class="fr-text--sm fr-mb-1w">{format!("Reçue le {}", format::date(request.created_at))}</p>
            {(!request.message.is_empty()).then(|| view! { <blockquote class="fr-mb-2w">{request.message.clone()}</blockquote> })}
            <div class="fr-input-group">
                <label class="fr-label" for=field.clone()>"Motif en cas de refus (envoyé au demandeur)"</label>
                <textarea class="fr-input" id=field rows="2" bind:value=reason></textarea>
            </div>
            <ul class="fr-btns-group fr-btns-group--inline-sm">
                <li><button class="fr-btn" type="button" on:click=move |_| decide(id, None)>
                    "Accepter et inviter"<span class="fr-sr-only">{format!(" {}", request.full_name)}</span></button></li>
                <li><button class="fr-btn fr-btn--secondary" type="button" on:click=move |_| decide(id, Some(reason.get_untracked()))>
                    "Refuser"<span class="fr-sr-only">{format!(" la demande de {}", request.full_name)}</span></button></li>
            </ul>
        </li>
    }
}

#[component]
pub fn AccountsPage() -> impl IntoView {
    let requests = LocalResource::new(|| browser::fetch(ListAccessRequests {}));
    let recruiters = LocalResource::new(|| browser::fetch(ListRecruiters {}));
    let entities = Resource::new(|| (), |_| api::entities());
    let problem = RwSignal::new(None::<Problem>);
    FormErrors::provide(problem);
    let done = RwSignal::new(None::<String>);
    let refresh = move |message: String| {
        done.set(Some(message));
        requests.refetch();
        recruiters.refetch();
    };
    let decide = move |id: AccessRequestId, decline: Option<String>| match decline {
        None => browser::act(
            ApproveAccessRequest { id },
            (),
            problem,
            move |r: Option<InvitedRecruiter>| {
                refresh(
                    r.map(|r| format!("Invitation envoyée à {}.", r.email))
                        .unwrap_or_default(),
                );
            },
        ),
        Some(reason) => browser::act(
            DeclineAccessRequest { id },
            Decline { reason },
            problem,
            move |_: Option<()>| {
                refresh("Demande refusée ; le demandeur a reçu le motif.".to_owned());
            },
        ),
    };
    let toggle = move |account: RecruiterAccount| {
        let id = account.id;
        let disabled = account.disabled;
        let toggled = move |_: Option<()>| {
            refresh(if account.disabled {
                format!("{} est réactivé.", account.email)
            } else {
                format!(
                    "{} est désactivé ; ses sessions sont fermées.",
                    account.email
                )
            });
        };
        if disabled {
            browser::act(EnableRecruiter { id }, (), problem, toggled);
        } else {
            browser::act(DisableRecruiter { id }, (), problem, toggled);
        }
    };
    let email = RwSignal::new(String::new());
    let entity = RwSignal::new(String::new());
    let invite = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = RecruiterInvitation {
            email: email.get_untracked(),
            entity_slug: entity.get_untracked(),
        };
        let mut errors: Vec<FieldError> = email_error(&normalize_email(&body.email))
            .into_iter()
            .collect();
        if body.entity_slug.is_empty() {
            errors.push(FieldError::new(
                "entity_slug",
                "Choisissez l'entité que le recruteur gérera.",
            ));
        }
        if !check(problem, errors) {
            return;
        }
        browser::act(
            InviteRecruiter {},
            body,
            problem,
            move |r: Option<InvitedRecruiter>| {
                email.set(String::new());
                refresh(
                    r.map(|r| format!("Invitation envoyée à {} ({}).", r.email, r.entity_slug))
                        .unwrap_or_default(),
                );
            },
        );
    };
    view! {
        <Title text="Recruteurs et demandes d'accès" />
        <div class="fr-container fr-my-4w">
            <h1>"Administration"</h1>
            <AdminNav current="/admin/comptes" />
            <LastProblem problem />
            <Success message=done />
            <section aria-labelledby="demandes" class="fr-mb-6w">
                <h2 id="demandes">"Demandes d'accès"</h2>
                <Loaded resource=requests view=move |list| {
                        let (pending, decided): (Vec<_>, Vec<_>) = list.into_iter().partition(|r| r.status == AccessStatus::Pending);
                        view! {
                            {pending.is_empty().then(|| view! { <p>"Aucune demande en attente."</p> })}
                            <ul class="talents-plain-list">
                                {pending.into_iter().map(|request| view! { <PendingRequest request decide /> }).collect_view()}
                            </ul>
                            {(!decided.is_empty()).then(|| view! {
                                <div class="fr-table"><table tabindex="0">
                                    <caption>"Demandes traitées"</caption>
                                    <thead><tr><th scope="col">"Demandeur"</th><th scope="col">"Entité"</th><th scope="col">"Décision"</th><th scope="col">"Le"</th></tr></thead>
                                    <tbody>
                                        {decided.into_iter().map(|r| view! {
                                            <tr>
                                                <td>{r.email}</td>
                                                <td>{r.entity_name}</td>
                                                <td>{r.status.label()}</td>
                                                <td>{r.decided_at.map(format::date).unwrap_or_default()}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table></div>
                            })}
                        }.into_any()
                    }
                />
            </section>
            <section aria-labelledby="recruteurs" class="fr-mb-6w">
                <h2 id="recruteurs">"Comptes recruteurs"</h2>
                <Loaded resource=recruiters view=move |list| view! {
                        <div class="fr-table"><table tabindex="0">
                            <caption>{format::count(list.len() as i64, "compte recruteur", "comptes recruteurs")}</caption>
                            <thead><tr><th scope="col">"Adresse"</th><th scope="col">"Entité"</th><th scope="col">"État"</th><th scope="col">"Action"</th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|account| {
                                    let state = if account.disabled { "Désactivé" } else if account.active { "Actif" } else { "Invitation envoyée" };
                                    let label = format!("{} {}", if account.disabled { "Réactiver" } else { "Désactiver" }, account.email);
                                    view! {
                                        <tr>
                                            <td>{account.email.clone()}</td>
                                            <td>{account.entity_name.clone()}</td>
                                            <td>{state}</td>
                                            <td><button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" on:click=move |_| toggle(account.clone())>{label}</button></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any()
                />
            </section>
            <section aria-labelledby="inviter">
                <h2 id="inviter">"Inviter un recruteur"</h2>
                <form on:submit=invite novalidate>
                    <TextField id="invite-email" field="email" label="Adresse électronique du recruteur" value=email kind="email" required=true />
                    <Suspense fallback=|| view! { <Loading /> }>
                        {move || Suspend::new(async move {
                            // No entity chosen in advance: inviting someone to the wrong one is
                            // easy to miss.
                            let options: Vec<(String, String)> = std::iter::once((String::new(), "Choisir une entité".to_owned()))
                                .chain(entities.await.unwrap_or_default().into_iter().map(|e| (e.slug, e.name)))
                                .collect();
                            view! { <ChoiceField id="invite-entity" field="entity_slug" label="Entité" value=entity options required=true /> }
                        })}
                    </Suspense>
                    <button class="fr-btn" type="submit">"Envoyer l'invitation"</button>
                </form>
            </section>
        </div>
    }
}
