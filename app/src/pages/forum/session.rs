//! `/forum/sessions/:id`: a session (rendered by the server) with the entity's open offers;
//! after hydration, the candidate's place in it — register, wait, cancel, join the link, or
//! book a job-dating slot.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::account::Role;
use shared::api::{forum, Operation};
use shared::forum::{
    ForumSession, Registration, RegistrationStatus, SessionDetail, SessionKind, Slot,
};
use shared::{ForumSessionId, ForumSlotId, Problem};

use super::{hours, seats};
use crate::api::{self, browser};
use crate::components::breadcrumb::{step, Breadcrumb};
use crate::components::form::{FormErrors, Success, TextField};
use crate::components::markdown::Markdown;
use crate::components::offer_card::OfferCard;
use crate::components::restricted::SignInPrompt;
use crate::components::states::{ErrorNotice, LastProblem, Loaded, Loading};
use crate::contexts::session::{CurrentSession, SessionStatus};
use crate::format;
use crate::posted::{typed, Posted};

#[component]
pub fn SessionPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params.with(|p| ForumSessionId(p.get("id").and_then(|v| v.parse().ok()).unwrap_or(0)))
    };
    let session = Resource::new(id, api::forum_session);
    let offers = Resource::new(id, api::forum_session_offers);
    view! {
        <div class="fr-container fr-my-4w">
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match (session.await, offers.await) {
                        (Ok(s), Ok(page)) => view! {
                            <SessionDetailView session=s.clone() />
                            <Participation id=s.id kind=s.kind full=s.kind != SessionKind::JobDating && s.seats_left() == 0 />
                            {(!page.items.is_empty()).then(|| view! {
                                <h2 class="fr-mt-6w">{format!("Les offres ouvertes de {}", s.entity.as_ref().map(|e| e.name.clone()).unwrap_or_default())}</h2>
                                <ul class="fr-grid-row fr-grid-row--gutters talents-plain-list">
                                    {page.items.into_iter().map(|o| view! { <li class="fr-col-12 fr-col-md-6"><OfferCard offer=o /></li> }).collect_view()}
                                </ul>
                            })}
                        }.into_any(),
                        (Err(problem), _) | (_, Err(problem)) => view! { <ErrorNotice problem /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn SessionDetailView(session: ForumSession) -> impl IntoView {
    let mut facts = vec![
        ("Type", session.kind.label().to_owned()),
        (
            "Quand",
            format!("{}, {}", format::date(session.starts_at), hours(&session)),
        ),
        ("Places", seats(&session)),
    ];
    if let Some(e) = &session.entity {
        facts.push(("Employeur", e.name.clone()));
    }
    if let Some(m) = &session.metier {
        facts.push(("Métier", m.name.clone()));
    }
    if !session.speakers.is_empty() {
        facts.push(("Intervenants", session.speakers.join(" ; ")));
    }
    view! {
        <Title text=session.title.clone() />
        <Breadcrumb trail=vec![step("/forum", "Forum de l'emploi tech")] current=session.title.clone() />
        <p class="fr-tag">{session.kind.label()}</p>
        <h1>{session.title.clone()}</h1>
        <Markdown text=session.description.clone() />
        <dl class="talents-facts__list fr-mb-4w">
            {facts.into_iter().map(|(term, value)| view! { <dt>{term}</dt><dd>{value}</dd> }).collect_view()}
        </dl>
    }
}

/// The caller's place in the session (browser only: it needs the session cookie).
async fn load(id: ForumSessionId) -> Result<SessionDetail, Problem> {
    browser::fetch(forum::ShowForumSession { id }).await
}

/// What a registration's answer means for the candidate: a seat, or a place in the queue.
fn registered_message(answer: Option<Registration>) -> String {
    match answer {
        Some(Registration {
            status: RegistrationStatus::Waiting,
            waiting_position,
        }) => format!(
            "Vous êtes sur la liste d'attente{} : vous serez prévenu par courriel si une place se libère.",
            waiting_position.map(|rank| format!(" (position {rank})")).unwrap_or_default()
        ),
        _ => "Inscription confirmée : la session est dans votre agenda.".to_owned(),
    }
}

/// What a plain registration's answer (`server::routes::forum_form`) left in the address.
fn posted_outcome(query: &leptos_router::params::ParamsMap) -> Option<String> {
    let status = match query.get("inscription")?.as_str() {
        "attente" => RegistrationStatus::Waiting,
        "confirmee" => RegistrationStatus::Confirmed,
        _ => return None,
    };
    let registration = Registration {
        status,
        waiting_position: query.get("position").and_then(|p| p.parse().ok()),
    };
    Some(registered_message(Some(registration)))
}

/// Where a change of the caller's place lands: its message, or its refusal — one outcome on
/// screen at a time, a refusal replaces the last success and the other way — then the place
/// is read again.
#[derive(Clone, Copy)]
struct Outcome {
    done: RwSignal<Option<String>>,
    problem: RwSignal<Option<Problem>>,
    state: LocalResource<Result<SessionDetail, Problem>>,
}

impl Outcome {
    fn act<O>(self, op: O, message: fn(Option<O::Answer>) -> String)
    where
        O: Operation<Body = ()> + 'static,
        O::Answer: serde::de::DeserializeOwned + 'static,
    {
        let Outcome {
            done,
            problem,
            state,
        } = self;
        done.set(None);
        browser::act(op, (), problem, move |answer| {
            done.set(Some(message(answer)));
            state.refetch();
        });
    }
}

#[component]
fn Participation(id: ForumSessionId, kind: SessionKind, full: bool) -> impl IntoView {
    let session = CurrentSession::get();
    let state = LocalResource::new(move || load(id));
    let posted = Posted::get();
    let problem = RwSignal::new(posted.as_ref().map(|p| p.problem.clone()));
    FormErrors::provide(problem);
    let done = RwSignal::new(use_query_map().with_untracked(posted_outcome));
    // Until the page knows the person's place (and without the WASM), a plain form — or, for
    // an account that cannot register (the page's session, as the header draws it), why not.
    let plain = move || {
        if session.shown().is_some_and(|me| me.role != Role::Candidate) {
            view! { <CandidatesOnly /> }.into_any()
        } else {
            view! { <PlainRegistration id kind full posted=posted.clone() /> }.into_any()
        }
    };
    let outcome = Outcome {
        done,
        problem,
        state,
    };
    view! {
        <section class="fr-mt-4w" aria-labelledby="participer">
            <h2 id="participer">{if kind == SessionKind::JobDating { "Réserver un créneau" } else { "Participer" }}</h2>
            <LastProblem problem />
            <Success message=done />
            <Loaded resource=state pending=plain.clone() view=move |detail| {
                match session.status() {
                    SessionStatus::Unknown => return plain().into_any(),
                    status if !status.is_candidate() => return view! {
                        <CandidatesOnly />
                        {(kind == SessionKind::JobDating).then(|| view! { <SlotTable slots=detail.slots.clone() on_act=None /> })}
                    }.into_any(),
                    _ => {}
                }
                let status = match (detail.my_status, detail.waiting_position) {
                    (Some(RegistrationStatus::Waiting), Some(rank)) => Some(format!("Liste d'attente : vous êtes en position {rank}.")),
                    (Some(s), _) => Some(s.label().to_owned()),
                    (None, _) => None,
                };
                let cancel = move |_| {
                    outcome.act(forum::CancelSessionRegistration { id }, |_| "Inscription annulée.".to_owned())
                };
                let register = move |_| outcome.act(forum::RegisterToSession { id }, registered_message);
                let book = move |slot: ForumSlotId, mine: bool| {
                    if mine {
                        outcome.act(forum::CancelBooking { id: slot }, |_| "Créneau libéré.".to_owned());
                    } else {
                        outcome.act(forum::BookSlot { id: slot }, |_| "Créneau réservé : il est dans votre agenda.".to_owned());
                    }
                };
                // A candidate holds one slot per recruiter: with one, the others are not offered.
                let holds_slot = detail.slots.iter().any(|slot| slot.mine);
                view! {
                    {status.map(|s| view! { <p class="fr-badge fr-badge--info">{s}</p> })}
                    {detail.online_url.is_some().then(|| view! {
                        <p class="fr-mt-2w"><a class="fr-btn" href=forum::JoinForumSession { id }.path() rel="noopener">"Rejoindre la session en ligne"</a></p>
                    })}
                    {match (kind, detail.my_status) {
                        (SessionKind::JobDating, _) => view! {
                            {holds_slot.then(|| view! { <p>"Vous avez un créneau avec ce recruteur : annulez-le pour en choisir un autre."</p> })}
                            <SlotTable slots=detail.slots.clone() on_act=Some(Callback::new(move |(slot, mine)| book(slot, mine))) holds_slot />
                        }.into_any(),
                        (_, Some(_)) => view! { <button class="fr-btn fr-btn--secondary fr-mt-2w" type="button" on:click=cancel>"Annuler mon inscription"</button> }.into_any(),
                        (_, None) if full => view! {
                            <p class="fr-mt-2w">"Cette session est complète : inscrivez-vous sur la liste d'attente, vous serez prévenu si une place se libère."</p>
                            <button class="fr-btn" type="button" on:click=register>"M'inscrire sur la liste d'attente"</button>
                        }.into_any(),
                        (_, None) => view! { <button class="fr-btn fr-mt-2w" type="button" on:click=register>"M'inscrire à cette session"</button> }.into_any(),
                    }}
                    <p class="fr-mt-2w"><a class="fr-link" href="/espace-candidat/forum">"Mon agenda du forum"</a></p>
                }.into_any()
            } />
        </section>
    }
}

/// Said to a visitor, or to an account of another role, in place of the registration.
#[component]
fn CandidatesOnly() -> impl IntoView {
    view! {
        <p>"Pour vous inscrire, connectez-vous avec un compte candidat, puis inscrivez-vous au forum."</p>
        <SignInPrompt />
    }
}

/// The registration as a plain form (`POST /forum/sessions/{id}`): it works before
/// the WASM has loaded and without it. A page rendered again for a refused post asks the
/// names recruiters will see when the forum needs them (no profile to take them from).
#[component]
fn PlainRegistration(
    id: ForumSessionId,
    kind: SessionKind,
    full: bool,
    posted: Option<Posted>,
) -> impl IntoView {
    if kind == SessionKind::JobDating {
        return view! { <Loading /> }.into_any();
    }
    let asks_names = posted.as_ref().is_some_and(|p| {
        p.problem
            .errors
            .iter()
            .any(|e| e.field == "first_name" || e.field == "last_name")
    });
    let first_name = typed(posted.as_ref(), "first_name");
    let last_name = typed(posted.as_ref(), "last_name");
    let label = if full {
        "M'inscrire sur la liste d'attente"
    } else {
        "M'inscrire à cette session"
    };
    view! {
        <form method="post" action=format!("/forum/sessions/{id}") class="fr-mt-2w">
            {asks_names.then(|| view! {
                <p>"Votre prénom et votre nom sont présentés aux recruteurs du forum."</p>
                <TextField id="forum-first-name" label="Prénom" value=first_name field="first_name" autocomplete="given-name" required=true />
                <TextField id="forum-last-name" label="Nom" value=last_name field="last_name" autocomplete="family-name" required=true />
            })}
            <button class="fr-btn" type="submit">{label}</button>
        </form>
    }
    .into_any()
}

/// The job-dating slots; with `on_act`, a button to book a free one or free one's own.
#[component]
fn SlotTable(
    slots: Vec<Slot>,
    on_act: Option<Callback<(ForumSlotId, bool)>>,
    /// The candidate already holds one: only theirs can be acted on (cancelled).
    #[prop(optional)]
    holds_slot: bool,
) -> impl IntoView {
    if slots.is_empty() {
        return view! { <p>"Le recruteur n'a pas encore publié de créneaux."</p> }.into_any();
    }
    view! {
        <div class="fr-table"><table tabindex="0">
            <caption>"Créneaux"</caption>
            <thead><tr><th scope="col">"Horaire"</th><th scope="col">"Disponibilité"</th>
                {on_act.is_some().then(|| view! { <th scope="col">"Action"</th> })}</tr></thead>
            <tbody>
                {slots.into_iter().map(|slot| {
                    let time = format!("{} – {}", format::time(slot.starts_at), format::time(slot.ends_at));
                    let state = match (slot.mine, slot.booked) {
                        (true, _) => "Votre créneau",
                        (false, true) => "Réservé",
                        (false, false) => "Libre",
                    };
                    let action = on_act.filter(|_| slot.mine || (!slot.booked && !holds_slot)).map(|act| {
                        let label = if slot.mine { format!("Annuler le créneau de {}", format::time(slot.starts_at)) } else { format!("Réserver le créneau de {}", format::time(slot.starts_at)) };
                        let (id, mine) = (slot.id, slot.mine);
                        view! { <button class="fr-btn fr-btn--sm fr-btn--secondary" type="button" on:click=move |_| act.run((id, mine))>{label}</button> }
                    });
                    view! { <tr><td>{time}</td><td>{state}</td>{on_act.is_some().then(|| view! { <td>{action}</td> })}</tr> }
                }).collect_view()}
            </tbody>
        </table></div>
    }
    .into_any()
}
