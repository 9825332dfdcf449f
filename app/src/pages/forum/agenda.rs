//! `/espace-candidat/forum`: register for the forum, then the candidate's agenda — sessions
//! confirmed or on the waiting list, booked job-dating slots, overlaps flagged — and its
//! calendar file.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::api::{forum, Operation};
use shared::forum::{Agenda, AgendaItem, ForumEdition, Participant, RegistrationStatus};
use shared::{ForumSessionId, Problem};

use crate::api::{self, browser};
use crate::components::form::{Success, TextField};
use crate::components::states::{Empty, LastProblem, Loaded};
use crate::format;

async fn load() -> Result<(Vec<ForumEdition>, Agenda), Problem> {
    let editions = api::forum_editions().await?;
    let agenda = browser::fetch(forum::MyForumAgenda {}).await?;
    Ok((editions, agenda))
}

#[component]
pub fn AgendaPage() -> impl IntoView {
    let state = LocalResource::new(load);
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    let changed = move |message: String| {
        done.set(Some(message));
        state.refetch();
    };
    view! {
        <Title text="Mon agenda du forum" />
        <div class="fr-container fr-my-4w">
            <h1>"Mon agenda du Forum de l'emploi tech"</h1>
            <p><a class="fr-link" href="/forum">"Voir le programme"</a></p>
            <LastProblem problem />
            <Success message=done />
            <Loaded resource=state view=move |(editions, agenda)| {
                let joinable: Vec<ForumEdition> = editions
                    .into_iter()
                    .filter(|e| !agenda.editions.iter().any(|mine| mine.slug == e.slug))
                    .collect();
                view! {
                    {joinable.into_iter().map(|e| view! { <JoinForm edition=e problem on_joined=changed /> }).collect_view()}
                    <AgendaView agenda problem on_change=changed />
                }
            } />
        </div>
    }
}

#[component]
fn JoinForm(
    edition: ForumEdition,
    problem: RwSignal<Option<Problem>>,
    on_joined: impl Fn(String) + Copy + 'static,
) -> impl IntoView {
    let first_name = RwSignal::new(String::new());
    let last_name = RwSignal::new(String::new());
    let slug = edition.slug.clone();
    let title = edition.title.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = Participant {
            first_name: first_name.get_untracked(),
            last_name: last_name.get_untracked(),
        };
        let message =
            format!("Vous êtes inscrit(e) au {title} : choisissez maintenant vos sessions.");
        browser::act(
            forum::JoinForumEdition { slug: slug.clone() },
            body,
            problem,
            move |_: Option<Agenda>| on_joined(message),
        );
    };
    view! {
        <section class="fr-mb-6w fr-col-md-8" aria-labelledby="inscription-forum">
            <h2 id="inscription-forum">{format!("M'inscrire au {}", edition.title)}</h2>
            <p>{format!("Inscriptions jusqu'au {}. Votre nom est communiqué aux recruteurs dont vous réservez un créneau de job dating.",
                format::date_time(edition.registration_closes_at))}</p>
            <form on:submit=submit>
                <TextField id="forum-first-name" label="Prénom" value=first_name required=true autocomplete="given-name" />
                <TextField id="forum-last-name" label="Nom" value=last_name required=true autocomplete="family-name" />
                <button class="fr-btn" type="submit">"M'inscrire au forum"</button>
            </form>
        </section>
    }
}

#[component]
fn AgendaView(
    agenda: Agenda,
    problem: RwSignal<Option<Problem>>,
    on_change: impl Fn(String) + Copy + 'static,
) -> impl IntoView {
    if agenda.items.is_empty() {
        let message = if agenda.editions.is_empty() {
            "Inscrivez-vous au forum pour composer votre agenda."
        } else {
            "Votre agenda est vide : choisissez des sessions dans le programme."
        };
        return view! { <Empty message=message /> }.into_any();
    }
    let titles: Vec<(ForumSessionId, String)> = agenda
        .items
        .iter()
        .map(|i| (i.session.id, i.session.title.clone()))
        .collect();
    view! {
        <h2>"Mes sessions"</h2>
        <p><a class="fr-btn fr-btn--secondary fr-icon-calendar-line fr-btn--icon-left" href=forum::MyForumCalendar {}.path() download="forum-agenda.ics">"Télécharger mon agenda (.ics)"</a></p>
        <ul class="talents-plain-list">
            {agenda.items.into_iter().map(|item| {
                let overlaps: Vec<String> = titles.iter().filter(|(id, _)| item.overlaps.contains(id)).map(|(_, t)| t.clone()).collect();
                view! { <li><AgendaCard item overlaps problem on_change /></li> }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn AgendaCard(
    item: AgendaItem,
    overlaps: Vec<String>,
    problem: RwSignal<Option<Problem>>,
    on_change: impl Fn(String) + Copy + 'static,
) -> impl IntoView {
    let s = &item.session;
    let (start, end) = item.span();
    let when = format!(
        "{}, {} – {}",
        format::date(start),
        format::time(start),
        format::time(end)
    );
    let status = match (&item.slot, item.status, item.waiting_position) {
        (Some(_), _, _) => "Créneau réservé".to_owned(),
        (None, Some(RegistrationStatus::Waiting), Some(rank)) => {
            format!("Liste d'attente, position {rank}")
        }
        (None, Some(status), _) => status.label().to_owned(),
        (None, None, _) => String::new(),
    };
    // The booked slot to free, else the session registration to cancel.
    let (slot, label, message) = match &item.slot {
        Some(slot) => (
            Some(slot.id),
            format!("Annuler mon créneau : {}", s.title),
            "Créneau libéré.",
        ),
        None => (
            None,
            format!("Annuler mon inscription : {}", s.title),
            "Inscription annulée.",
        ),
    };
    let session = s.id;
    let cancel = move |_| {
        let done = move |_: Option<()>| on_change(message.to_owned());
        match slot {
            Some(id) => browser::act(forum::CancelBooking { id }, (), problem, done),
            None => browser::act(
                forum::CancelSessionRegistration { id: session },
                (),
                problem,
                done,
            ),
        }
    };
    view! {
        <div class="fr-card fr-mb-2w"><div class="fr-card__body"><div class="fr-card__content">
            <h3 class="fr-card__title"><a href=format!("/forum/sessions/{}", s.id)>{s.title.clone()}</a></h3>
            <p class="fr-card__desc">{format!("{when} — {}", s.kind.label())}
                {s.entity.as_ref().map(|e| format!(" — {}", e.name))}</p>
            <div class="fr-card__start"><p class="fr-badge fr-badge--sm fr-badge--info">{status}</p></div>
            {(!overlaps.is_empty()).then(|| view! {
                <p class="fr-message fr-message--warning">{format!("En même temps que : {}", overlaps.join(", "))}</p>
            })}
            {item.online_url.is_some().then(|| view! {
                <p><a class="fr-link" href=forum::JoinForumSession { id: s.id }.path() rel="noopener">{format!("Rejoindre : {}", s.title)}</a></p>
            })}
            <div class="fr-card__end">
                <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" on:click=cancel>{label}</button>
            </div>
        </div></div></div>
    }
}
