//! `/admin/forum`: the forum's editions and a new one; `/admin/forum/:slug`: its sessions,
//! publication, a new session of any kind, an empty one removed, and the figures —
//! registrations, fill rates, attendance.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::api::forum::{
    AdminListForumEditions, CreateForumEdition, CreateForumSession, DeleteForumSession,
    ForumEditionFigures, UpdateForumEdition,
};
use shared::forum::{ForumEdition, ForumEditionForm, SessionForm, SessionKind};
use shared::{ForumSessionId, Problem};

use super::vismonjob::parse_local;
use super::AdminNav;
use crate::api::browser;
use crate::components::form::{ChoiceField, Success, TextArea, TextField};
use crate::components::states::{Empty, LastProblem, Loaded};
use crate::format;

fn invalid(field: &str, message: &str) -> Option<Problem> {
    Some(Problem::invalid(vec![shared::FieldError::new(
        field, message,
    )]))
}

#[component]
pub fn AdminForumPage() -> impl IntoView {
    let editions = LocalResource::new(|| browser::fetch(AdminListForumEditions {}));
    view! {
        <Title text="Forum de l'emploi tech — administration" />
        <div class="fr-container fr-my-4w">
            <h1>"Forum de l'emploi tech"</h1>
            <AdminNav current="/admin/forum" />
            <Loaded resource=editions view=move |list| {
                if list.is_empty() {
                    view! { <Empty message="Aucune édition pour l'instant." /> }.into_any()
                } else {
                    view! {
                        <div class="fr-table"><table tabindex="0">
                            <caption>"Éditions du forum"</caption>
                            <thead><tr><th scope="col">"Édition"</th><th scope="col">"Dates"</th><th scope="col">"Publiée"</th><th scope="col">"Sessions"</th><th scope="col">"Participants"</th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|e| view! {
                                    <tr>
                                        <td><a href=format!("/admin/forum/{}", e.slug)>{e.title.clone()}</a></td>
                                        <td>{format!("du {} au {}", format::date(e.starts_at), format::date(e.ends_at))}</td>
                                        <td>{if e.published { "Oui" } else { "Non" }}</td>
                                        <td>{e.sessions}</td>
                                        <td>{e.participants}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any()
                }
            } />
            <NewEdition on_created=move || editions.refetch() />
        </div>
    }
}

#[component]
fn NewEdition(on_created: impl Fn() + Copy + 'static) -> impl IntoView {
    let slug = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let starts = RwSignal::new(String::new());
    let ends = RwSignal::new(String::new());
    let closes = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let [Some(starts_at), Some(ends_at), Some(registration_closes_at)] =
            [starts, ends, closes].map(|t| parse_local(&t.get_untracked()))
        else {
            problem.set(invalid(
                "starts_at",
                "Renseignez les trois dates et heures.",
            ));
            return;
        };
        let body = ForumEditionForm {
            slug: slug.get_untracked(),
            title: title.get_untracked(),
            description: description.get_untracked(),
            starts_at,
            ends_at,
            registration_closes_at,
            published: false,
        };
        browser::act(
            CreateForumEdition {},
            body,
            problem,
            move |created: Option<ForumEdition>| {
                done.set(created.map(|e| format!("Édition « {} » créée (non publiée).", e.title)));
                on_created();
            },
        );
    };
    view! {
        <section class="fr-mt-6w fr-col-md-8" aria-labelledby="nouvelle-edition-forum">
            <h2 id="nouvelle-edition-forum">"Nouvelle édition"</h2>
            <LastProblem problem />
            <Success message=done />
            <form on:submit=submit>
                <TextField id="fe-title" label="Titre" value=title required=true hint="Par exemple : Forum de l'emploi tech de l'État 2028" />
                <TextField id="fe-slug" label="Identifiant d'URL" value=slug required=true hint="Par exemple : forum-2028" />
                <TextArea id="fe-description" label="Présentation" value=description markdown=true rows=4 />
                <TextField id="fe-starts" label="Ouverture du forum (heure de Paris)" value=starts kind="datetime-local" required=true />
                <TextField id="fe-ends" label="Clôture du forum" value=ends kind="datetime-local" required=true />
                <TextField id="fe-closes" label="Fin des inscriptions" value=closes kind="datetime-local" required=true />
                <button class="fr-btn" type="submit">"Créer l'édition"</button>
            </form>
        </section>
    }
}

#[component]
pub fn AdminForumEditionPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.with_untracked(|p| p.get("slug").unwrap_or_default());
    let figures = LocalResource::new({
        let slug = slug.clone();
        move || browser::fetch(ForumEditionFigures { slug: slug.clone() })
    });
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    let publish = move |e: ForumEdition| {
        let form = ForumEditionForm {
            slug: e.slug.clone(),
            title: e.title,
            description: e.description,
            starts_at: e.starts_at,
            ends_at: e.ends_at,
            registration_closes_at: e.registration_closes_at,
            published: !e.published,
        };
        let message = if form.published {
            "Édition publiée : son programme est en ligne."
        } else {
            "Édition retirée du site public."
        };
        browser::act(
            UpdateForumEdition { slug: e.slug },
            form,
            problem,
            move |_: Option<ForumEdition>| {
                done.set(Some(message.to_owned()));
                figures.refetch();
            },
        );
    };
    let remove = move |id: ForumSessionId, title: String| {
        browser::act(
            DeleteForumSession { id },
            (),
            problem,
            move |_: Option<()>| {
                done.set(Some(format!("Session « {title} » supprimée.")));
                figures.refetch();
            },
        );
    };
    view! {
        <Title text="Édition du forum" />
        <div class="fr-container fr-my-4w">
            <p><a class="fr-link" href="/admin/forum">"Toutes les éditions"</a></p>
            <LastProblem problem />
            <Success message=done />
            <Loaded resource=figures view=move |f| {
                let e = f.edition.clone();
                let toggle = e.clone();
                let total_confirmed: i64 = f.sessions.iter().map(|s| i64::from(s.confirmed)).sum();
                let total_joined: i64 = f.sessions.iter().map(|s| s.joined).sum();
                view! {
                    <h1>{e.title.clone()}</h1>
                    <p>{format!("Du {} au {} — inscriptions jusqu'au {} — {}",
                        format::date_time(e.starts_at), format::date_time(e.ends_at), format::date_time(e.registration_closes_at),
                        if e.published { "publiée" } else { "non publiée" })}</p>
                    <button class="fr-btn fr-btn--secondary fr-mb-2w" type="button" on:click=move |_| publish(toggle.clone())>
                        {if e.published { "Retirer l'édition du site public" } else { "Publier l'édition" }}
                    </button>
                    <ul class="fr-grid-row fr-grid-row--gutters talents-figures">
                        {[(e.participants, "participants inscrits"), (e.sessions, "sessions"), (total_confirmed, "places confirmées"), (total_joined, "connexions aux sessions")]
                            .into_iter().map(|(n, label)| view! {
                                <li class="fr-col-6 fr-col-md-3"><p class="talents-figure"><strong>{format::thousands(n)}</strong>" "{label}</p></li>
                            }).collect_view()}
                    </ul>
                    {if f.sessions.is_empty() {
                        view! { <Empty message="Aucune session : ajoutez la première ci-dessous." /> }.into_any()
                    } else {
                        view! {
                            <div class="fr-table"><table tabindex="0">
                                <caption>"Sessions : inscriptions, remplissage et présence"</caption>
                                <thead><tr><th scope="col">"Session"</th><th scope="col">"Type"</th><th scope="col">"Inscrits"</th><th scope="col">"Attente"</th><th scope="col">"Remplissage"</th><th scope="col">"Présence"</th><th scope="col">"Créneaux réservés"</th><th scope="col">"Action"</th></tr></thead>
                                <tbody>
                                    {f.sessions.iter().map(|s| {
                                        let attendance = s.attendance_rate().map_or("—".to_owned(), |r| format!("{r:.0} %"));
                                        // Only a session nobody holds a place in can go (no one to tell).
                                        let empty = s.confirmed == 0 && s.waiting == 0 && s.bookings == 0;
                                        let slots = if s.kind == SessionKind::JobDating { format!("{} / {}", s.bookings, s.slots) } else { "—".to_owned() };
                                        view! {
                                            <tr>
                                                <td><a href=format!("/forum/sessions/{}", s.id)>{s.title.clone()}</a></td>
                                                <td>{s.kind.label()}</td>
                                                <td>{format!("{} / {}", s.confirmed, s.capacity)}</td>
                                                <td>{s.waiting}</td>
                                                <td>{format!("{:.0} %", s.fill_rate())}</td>
                                                <td>{attendance}</td>
                                                <td>{slots}</td>
                                                <td>{empty.then(|| {
                                                    let (id, title) = (s.id, s.title.clone());
                                                    view! { <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" on:click=move |_| remove(id, title.clone())>{format!("Supprimer « {} »", s.title)}</button> }
                                                })}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table></div>
                        }.into_any()
                    }}
                }
            } />
            <NewSession slug on_created=move || figures.refetch() />
        </div>
    }
}

#[component]
fn NewSession(slug: String, on_created: impl Fn() + Copy + 'static) -> impl IntoView {
    let kind = RwSignal::new(SessionKind::Conference.as_ref().to_owned());
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let speakers = RwSignal::new(String::new());
    let entity = RwSignal::new(String::new());
    let metier = RwSignal::new(String::new());
    let starts = RwSignal::new(String::new());
    let ends = RwSignal::new(String::new());
    let capacity = RwSignal::new("100".to_owned());
    let online_url = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let [Some(starts_at), Some(ends_at)] =
            [starts, ends].map(|t| parse_local(&t.get_untracked()))
        else {
            problem.set(invalid("starts_at", "Renseignez le début et la fin."));
            return;
        };
        let optional = |v: RwSignal<String>| {
            Some(v.get_untracked().trim().to_owned()).filter(|v| !v.is_empty())
        };
        let body = SessionForm {
            kind: kind
                .get_untracked()
                .parse()
                .unwrap_or(SessionKind::Conference),
            title: title.get_untracked(),
            description: description.get_untracked(),
            speakers: speakers
                .get_untracked()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            entity: optional(entity),
            metier: optional(metier),
            starts_at,
            ends_at,
            capacity: capacity.get_untracked().trim().parse().unwrap_or(0),
            online_url: online_url.get_untracked(),
        };
        browser::act(
            CreateForumSession { slug: slug.clone() },
            body,
            problem,
            move |created: Option<shared::forum::ForumSession>| {
                done.set(created.map(|s| format!("Session « {} » ajoutée au programme.", s.title)));
                on_created();
            },
        );
    };
    let kinds = SessionKind::all()
        .map(|k| (k.as_ref().to_owned(), k.label().to_owned()))
        .collect();
    view! {
        <section class="fr-mt-6w fr-col-md-8" aria-labelledby="nouvelle-session">
            <h2 id="nouvelle-session">"Ajouter une session"</h2>
            <LastProblem problem />
            <Success message=done />
            <form on:submit=submit>
                <ChoiceField id="fs-kind" label="Type" value=kind options=kinds />
                <TextField id="fs-title" label="Titre" value=title required=true />
                <TextArea id="fs-description" label="Description" value=description markdown=true rows=4 />
                <TextArea id="fs-speakers" label="Intervenants (un par ligne : nom, fonction)" value=speakers rows=3 />
                <TextField id="fs-entity" label="Employeur (identifiant)" value=entity hint="Obligatoire pour une présentation ou un job dating, par exemple dgfip" />
                <TextField id="fs-metier" label="Métier (identifiant)" value=metier hint="Facultatif, par exemple data-scientist" />
                <TextField id="fs-starts" label="Début (heure de Paris)" value=starts kind="datetime-local" required=true />
                <TextField id="fs-ends" label="Fin" value=ends kind="datetime-local" required=true />
                <TextField id="fs-capacity" label="Places" value=capacity kind="number" required=true />
                <TextField id="fs-url" label="Lien de la session en ligne" value=online_url kind="url" required=true hint="https://… (montré aux seuls inscrits confirmés)" />
                <button class="fr-btn" type="submit">"Ajouter la session"</button>
            </form>
        </section>
    }
}
