//! The coaching sessions of an edition, on its admin page: schedule the one-hour
//! preparations, see who recruiters placed in each, record who attended.

use leptos::prelude::*;
use shared::api::vis_mon_job::{
    CreateCoachingSession, DeleteCoachingSession, ListCoachingSessions, RecordCoachingAttendance,
};
use shared::vismonjob::coaching::{Attendance, CoachingSession, CoachingSessionForm};
use shared::{AmbassadorId, Problem};

use super::vismonjob::parse_local;
use crate::api::browser;
use crate::components::form::{Success, TextField};
use crate::components::states::{Empty, LastProblem, Loaded};
use crate::format;

#[component]
pub fn CoachingSessions(slug: String) -> impl IntoView {
    let sessions = LocalResource::new({
        let slug = slug.clone();
        move || browser::fetch(ListCoachingSessions { slug: slug.clone() })
    });
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    let changed = move |message: String| {
        done.set(Some(message));
        sessions.refetch();
    };
    let card_slug = slug.clone();
    view! {
        <section class="fr-mt-6w" aria-labelledby="preparations">
            <h2 id="preparations">"Préparation des ambassadeurs"</h2>
            <p>"Une heure en visio avant la journée. Les recruteurs y inscrivent leurs ambassadeurs ; "
                "les présences cochées ici marquent l'ambassadeur comme préparé."</p>
            <LastProblem problem />
            <Success message=done />
            <Loaded resource=sessions view=move |list| {
                if list.is_empty() {
                    view! { <Empty message="Aucune session de préparation programmée." /> }.into_any()
                } else {
                    list.into_iter().map(|s| view! { <SessionCard session=s slug=card_slug.clone() problem on_change=changed /> }).collect_view().into_any()
                }
            } />
            <NewSession slug problem on_created=changed />
        </section>
    }
}

#[component]
fn SessionCard(
    session: CoachingSession,
    slug: String,
    problem: RwSignal<Option<Problem>>,
    on_change: impl Fn(String) + Copy + 'static,
) -> impl IntoView {
    let when = format!(
        "{} – {}",
        format::date_time(session.starts_at),
        format::time(session.ends_at)
    );
    let present = RwSignal::new(
        session
            .attendees
            .iter()
            .filter(|a| a.coached)
            .map(|a| a.ambassador_id)
            .collect::<Vec<AmbassadorId>>(),
    );
    let record = {
        let (slug, id, when) = (slug.clone(), session.id, when.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let body = Attendance {
                present: present.get_untracked(),
            };
            let message = format!("Présences du {when} enregistrées.");
            browser::act(
                RecordCoachingAttendance {
                    slug: slug.clone(),
                    id,
                },
                body,
                problem,
                move |_: Option<Vec<CoachingSession>>| on_change(message),
            );
        }
    };
    let cancel = {
        let (slug, id, when) = (slug.clone(), session.id, when.clone());
        move |_| {
            let message = format!("Session du {when} annulée.");
            let op = DeleteCoachingSession {
                slug: slug.clone(),
                id,
            };
            browser::act(op, (), problem, move |_: Option<()>| on_change(message));
        }
    };
    let legend = format!("Présents à la session du {when}");
    view! {
        <div class="fr-card fr-mb-3w"><div class="fr-card__body"><div class="fr-card__content">
            <h3 class="fr-card__title">{when.clone()}</h3>
            <p class="fr-card__desc">
                {format!("{} sur {} places — ", session.booked, session.capacity)}
                <a href=session.visio_url.clone() rel="noopener">"lien de visio"</a>
            </p>
            {if session.attendees.is_empty() {
                view! {
                    <p>"Personne n'est inscrit."</p>
                    <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" on:click=cancel>{format!("Annuler la session du {when}")}</button>
                }.into_any()
            } else {
                view! {
                    <form on:submit=record>
                        <fieldset class="fr-fieldset">
                            <legend class="fr-fieldset__legend">{legend}</legend>
                            {session.attendees.iter().map(|a| {
                                let id = a.ambassador_id;
                                let input = format!("present-{}-{id}", session.id);
                                view! {
                                    <div class="fr-fieldset__element"><div class="fr-checkbox-group">
                                        <input type="checkbox" id=input.clone()
                                            prop:checked=move || present.with(|p| p.contains(&id))
                                            on:change=move |_| present.update(|p| if let Some(i) = p.iter().position(|x| *x == id) { p.remove(i); } else { p.push(id); }) />
                                        <label class="fr-label" for=input>{format!("{} {} ({})", a.first_name, a.last_name, a.entity_name)}</label>
                                    </div></div>
                                }
                            }).collect_view()}
                        </fieldset>
                        <button class="fr-btn fr-btn--sm" type="submit">"Enregistrer les présences"</button>
                    </form>
                }.into_any()
            }}
        </div></div></div>
    }
}

#[component]
fn NewSession(
    slug: String,
    problem: RwSignal<Option<Problem>>,
    on_created: impl Fn(String) + Copy + 'static,
) -> impl IntoView {
    let starts = RwSignal::new(String::new());
    let visio_url = RwSignal::new(String::new());
    let capacity = RwSignal::new("20".to_owned());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(starts_at) = parse_local(&starts.get_untracked()) else {
            problem.set(Some(Problem::invalid(vec![shared::FieldError::new(
                "starts_at",
                "Renseignez la date et l'heure de la session.",
            )])));
            return;
        };
        let body = CoachingSessionForm {
            starts_at,
            visio_url: visio_url.get_untracked(),
            capacity: capacity.get_untracked().trim().parse().unwrap_or(0),
        };
        let message = format!("Session du {} programmée.", format::date_time(starts_at));
        browser::act(
            CreateCoachingSession { slug: slug.clone() },
            body,
            problem,
            move |_: Option<Vec<CoachingSession>>| {
                starts.set(String::new());
                on_created(message);
            },
        );
    };
    view! {
        <h3 class="fr-mt-4w">"Programmer une session"</h3>
        <form class="fr-col-md-8" on:submit=submit>
            <TextField id="coaching-starts" label="Début (heure de Paris)" value=starts kind="datetime-local" required=true hint="La session dure une heure." />
            <TextField id="coaching-visio" label="Lien de visio" value=visio_url kind="url" required=true hint="https://…" />
            <TextField id="coaching-capacity" label="Places" value=capacity kind="number" required=true />
            <button class="fr-btn" type="submit">"Programmer la session"</button>
        </form>
    }
}
