//! `/espace-recruteur/forum`: the entity's forum sessions; for a job dating, the slots the
//! recruiter publishes, who booked them, and the attendee list as CSV.

use chrono::NaiveDateTime;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::api::forum::{AddSlots, ExportAttendees, RecruiterListForumSessions, RemoveSlot};
use shared::api::Operation;
use shared::forum::{RecruiterSession, SessionKind, SlotsForm, SLOT_MINUTES};
use shared::{ForumSessionId, ForumSlotId, Problem};

use super::SpaceNav;
use crate::api::browser;
use crate::components::form::Success;
use crate::components::states::{Empty, LastProblem, Loaded};
use crate::format;
use crate::pages::forum::hours;

#[component]
pub fn RecruiterForumPage() -> impl IntoView {
    let sessions = LocalResource::new(|| browser::fetch(RecruiterListForumSessions {}));
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    let changed = move |message: String| {
        done.set(Some(message));
        sessions.refetch();
    };
    view! {
        <Title text="Forum de l'emploi tech — espace recruteur" />
        <div class="fr-container fr-my-4w">
            <h1>"Forum de l'emploi tech"</h1>
            <SpaceNav current="/espace-recruteur/forum" />
            <p>"Les sessions de votre entité au forum. Pour un job dating, publiez des créneaux : "
                "les candidats inscrits au forum en réservent un chacun, et vous retrouvez ici qui vient."</p>
            <LastProblem problem />
            <Success message=done />
            <Loaded resource=sessions view=move |list| {
                if list.is_empty() {
                    view! { <Empty message="Votre entité n'a pas de session au forum : l'équipe talents de la DINUM les programme avec vous." /> }.into_any()
                } else {
                    list.into_iter().map(|s| view! { <SessionBlock session=s problem on_change=changed /> }).collect_view().into_any()
                }
            } />
        </div>
    }
}

#[component]
fn SessionBlock(
    session: RecruiterSession,
    problem: RwSignal<Option<Problem>>,
    on_change: impl Fn(String) + Copy + 'static,
) -> impl IntoView {
    let s = session.session.clone();
    let heading = format!("{} — {}, {}", s.title, format::date(s.starts_at), hours(&s));
    let booked = session
        .slots
        .iter()
        .filter(|b| b.candidate.is_some())
        .count();
    let session_id = s.id;
    let remove = move |slot: ForumSlotId, time: String| {
        browser::act(
            RemoveSlot {
                id: session_id,
                slot,
            },
            (),
            problem,
            move |_: Option<()>| on_change(format!("Créneau de {time} retiré.")),
        );
    };
    view! {
        <section class="fr-mt-6w">
            <h2>{heading}</h2>
            <p>{format!("{} — {}", s.kind.label(), if s.kind == SessionKind::JobDating {
                format!("{} sur {} réservés", booked, format::count(session.slots.len() as i64, "créneau", "créneaux"))
            } else {
                format!("{} inscrits sur {} places, {} en liste d'attente", s.confirmed, s.capacity, s.waiting)
            })}</p>
            {(s.kind == SessionKind::JobDating).then(|| view! {
                <p><a class="fr-link" href=ExportAttendees { id: session_id }.path() download="forum-inscrits.csv">{format!("Télécharger la liste des inscrits : {}", s.title)}</a></p>
                {(!session.slots.is_empty()).then(|| view! {
                    <div class="fr-table"><table tabindex="0">
                        <caption>{format!("Créneaux : {}", s.title)}</caption>
                        <thead><tr><th scope="col">"Horaire"</th><th scope="col">"Candidat"</th><th scope="col">"Action"</th></tr></thead>
                        <tbody>
                            {session.slots.iter().map(|b| {
                                let time = format::time(b.slot.starts_at);
                                let who = b.candidate.as_ref().map_or("Libre".to_owned(), |c| format!("{} {} ({})", c.first_name, c.last_name, c.email));
                                let action = b.candidate.is_none().then(|| {
                                    let (slot, time) = (b.slot.id, time.clone());
                                    view! { <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" on:click=move |_| remove(slot, time.clone())>{format!("Retirer le créneau de {time}")}</button> }
                                });
                                view! { <tr><td>{format!("{} – {}", time, format::time(b.slot.ends_at))}</td><td>{who}</td><td>{action}</td></tr> }
                            }).collect_view()}
                        </tbody>
                    </table></div>
                })}
                <NewSlots id=s.id starts=s.starts_at ends=s.ends_at problem on_added=on_change />
            })}
        </section>
    }
}

/// A labelled time input (ids per session: a recruiter may have several job datings).
fn time_field(id: String, label: &'static str, value: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="fr-input-group">
            <label class="fr-label" for=id.clone()>{label}</label>
            <input class="fr-input" id=id type="time" required=true bind:value=value />
        </div>
    }
}

/// "14:00" from a time field, on the session's day.
fn on_day(day: NaiveDateTime, value: &str) -> Option<NaiveDateTime> {
    chrono::NaiveTime::parse_from_str(value, "%H:%M")
        .ok()
        .map(|t| day.date().and_time(t))
}

#[component]
fn NewSlots(
    id: ForumSessionId,
    starts: NaiveDateTime,
    ends: NaiveDateTime,
    problem: RwSignal<Option<Problem>>,
    on_added: impl Fn(String) + Copy + 'static,
) -> impl IntoView {
    let from = RwSignal::new(starts.format("%H:%M").to_string());
    let to = RwSignal::new(ends.format("%H:%M").to_string());
    let minutes = RwSignal::new("15".to_owned());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(starts_at), Some(ends_at)) = (
            on_day(starts, &from.get_untracked()),
            on_day(starts, &to.get_untracked()),
        ) else {
            problem.set(Some(Problem::invalid(vec![shared::FieldError::new(
                "starts_at",
                "Indiquez les heures de début et de fin.",
            )])));
            return;
        };
        let body = SlotsForm {
            starts_at,
            ends_at,
            minutes: minutes.get_untracked().parse().unwrap_or(15),
        };
        browser::act(
            AddSlots { id },
            body,
            problem,
            move |_: Option<RecruiterSession>| {
                on_added("Créneaux publiés.".to_owned());
            },
        );
    };
    let durations: Vec<(String, String)> = SLOT_MINUTES
        .iter()
        .map(|m| (m.to_string(), format!("{m} minutes")))
        .collect();
    view! {
        <form class="fr-col-md-8 fr-mt-2w" on:submit=submit>
            <h3>"Publier des créneaux"</h3>
            {time_field(format!("slots-from-{id}"), "De (heure de Paris)", from)}
            {time_field(format!("slots-to-{id}"), "À", to)}
            <div class="fr-select-group">
                <label class="fr-label" for=format!("slots-minutes-{id}")>"Durée d'un créneau"</label>
                <select class="fr-select" id=format!("slots-minutes-{id}") bind:value=minutes>
                    {durations.into_iter().map(|(v, text): (String, String)| view! { <option value=v.clone() selected=v == "15">{text}</option> }).collect_view()}
                </select>
            </div>
            <button class="fr-btn" type="submit">"Publier les créneaux"</button>
        </form>
    }
}
