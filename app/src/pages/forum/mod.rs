//! Forum de l'emploi tech de l'État: the programme with its filters (`/forum`, rendered by
//! the server), a session's page (`session`), the candidate's agenda (`agenda`).

#[cfg(feature = "spaces")]
mod agenda;
mod session;

#[cfg(feature = "spaces")]
pub use agenda::AgendaPage;
pub use session::SessionPage;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use shared::forum::{ForumEdition, ForumSession, SessionFilters, SessionKind};

use crate::api;
use crate::components::markdown::Markdown;
use crate::components::states::{Empty, ErrorNotice, Loading};
use crate::format;

/// "9 h 30 – 10 h 15".
pub(crate) fn hours(session: &ForumSession) -> String {
    format!(
        "{} – {}",
        format::time(session.starts_at),
        format::time(session.ends_at)
    )
}

/// "12 places restantes", "Complet : liste d'attente", or how a job dating works.
pub(crate) fn seats(session: &ForumSession) -> String {
    match (session.kind, session.seats_left()) {
        (SessionKind::JobDating, _) => "Sur réservation d'un créneau".to_owned(),
        (_, 0) => "Complet : inscription en liste d'attente".to_owned(),
        (_, n) => format::count(n.into(), "place restante", "places restantes"),
    }
}

/// The filters of the URL (unknown values are ignored: the programme shows everything).
fn filters_from_url(query: &leptos_router::params::ParamsMap) -> SessionFilters {
    let text = |key: &str| query.get(key).filter(|v| !v.is_empty());
    SessionFilters {
        edition: text("edition"),
        kind: text("kind").and_then(|k| k.parse().ok()),
        day: text("day").and_then(|d| d.parse().ok()),
        entity: text("entity"),
        metier: text("metier"),
    }
}

#[component]
pub fn ForumPage() -> impl IntoView {
    let query = use_query_map();
    let filters = Memo::new(move |_| query.with(filters_from_url));
    let editions = Resource::new(|| (), |_| api::forum_editions());
    // The whole programme of the edition; the filters apply here (they also build the
    // choices of the form).
    let programme = Resource::new(
        move || filters.with(|f| f.edition.clone()),
        |edition| {
            api::forum_programme(SessionFilters {
                edition,
                ..SessionFilters::default()
            })
        },
    );
    view! {
        <Title text="Forum de l'emploi tech de l'État" />
        <Meta name="description" content="Conférences, présentations de recruteurs, job dating et ateliers : le programme du forum en ligne de l'emploi tech de l'État." />
        <div class="fr-container fr-my-4w">
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    let (editions, programme) = (editions.await, programme.await);
                    match (editions, programme) {
                        (Ok(editions), Ok(sessions)) => {
                            let wanted = filters.get();
                            let edition = match &wanted.edition {
                                Some(slug) => editions.iter().find(|e| &e.slug == slug).cloned(),
                                None => sessions
                                    .first()
                                    .and_then(|s| editions.iter().find(|e| e.slug == s.edition).cloned())
                                    .or_else(|| editions.first().cloned()),
                            };
                            match edition {
                                Some(edition) => view! { <Programme edition sessions filters=wanted /> }.into_any(),
                                None => view! {
                                    <h1>"Forum de l'emploi tech de l'État"</h1>
                                    <Empty message="Le programme de la prochaine édition n'est pas encore publié." />
                                }.into_any(),
                            }
                        }
                        (Err(problem), _) | (_, Err(problem)) => view! { <ErrorNotice problem /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Programme(
    edition: ForumEdition,
    sessions: Vec<ForumSession>,
    filters: SessionFilters,
) -> impl IntoView {
    let mut entities: Vec<(String, String)> = sessions
        .iter()
        .filter_map(|s| s.entity.as_ref().map(|e| (e.slug.clone(), e.name.clone())))
        .collect();
    entities.sort_by(|a, b| a.1.cmp(&b.1));
    entities.dedup();
    let mut metiers: Vec<(String, String)> = sessions
        .iter()
        .filter_map(|s| s.metier.as_ref().map(|m| (m.slug.clone(), m.name.clone())))
        .collect();
    metiers.sort_by(|a, b| a.1.cmp(&b.1));
    metiers.dedup();
    let kinds: Vec<(String, String)> = SessionKind::all()
        .map(|k| (k.as_ref().to_owned(), k.label().to_owned()))
        .collect();
    let days: Vec<(String, String)> = edition
        .days()
        .into_iter()
        .map(|d| {
            (
                d.to_string(),
                format::date(d.and_time(chrono::NaiveTime::MIN)),
            )
        })
        .collect();
    let chosen = |v: &Option<String>| v.clone().unwrap_or_default();
    let kept: Vec<ForumSession> = sessions.into_iter().filter(|s| filters.keeps(s)).collect();
    let by_day: Vec<(String, Vec<ForumSession>)> = edition
        .days()
        .into_iter()
        .map(|d| {
            (
                format::date(d.and_time(chrono::NaiveTime::MIN)),
                kept.iter()
                    .filter(|s| s.starts_at.date() == d)
                    .cloned()
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, list)| !list.is_empty())
        .collect();
    let open_until = format!(
        "Inscriptions jusqu'au {}",
        format::date_time(edition.registration_closes_at)
    );
    let dates = format!(
        "Du {} au {}, en ligne",
        format::date(edition.starts_at),
        format::date(edition.ends_at)
    );
    let count = format::count(kept.len() as i64, "session", "sessions");
    view! {
        <h1>{edition.title.clone()}</h1>
        <p class="fr-text--lead">{dates}</p>
        <Markdown text=edition.description.clone() />
        <p>{format!("{} — {} — {}",
            format::count(edition.sessions, "session", "sessions"),
            format::count(edition.recruiters, "employeur présent", "employeurs présents"),
            format::count(edition.participants, "participant inscrit", "participants inscrits"))}</p>
        <p class="fr-badge fr-badge--success">{open_until}</p>
        <p class="fr-mt-2w"><a class="fr-btn" href="/espace-candidat/forum">"M'inscrire et composer mon agenda"</a></p>
        <h2 class="fr-mt-4w">"Programme"</h2>
        <Form action="/forum" method="get">
            <input type="hidden" name="edition" value=edition.slug.clone() />
            <div class="fr-grid-row fr-grid-row--gutters">
                <FilterSelect id="kind" label="Type de session" options=kinds chosen=filters.kind.map(|k| k.as_ref().to_owned()).unwrap_or_default() />
                <FilterSelect id="day" label="Jour" options=days chosen=filters.day.map(|d| d.to_string()).unwrap_or_default() />
                <FilterSelect id="entity" label="Employeur" options=entities chosen=chosen(&filters.entity) />
                <FilterSelect id="metier" label="Métier" options=metiers chosen=chosen(&filters.metier) />
            </div>
            <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
                <li><button class="fr-btn" type="submit">"Filtrer"</button></li>
                <li><a class="fr-btn fr-btn--tertiary" href="/forum">"Tout afficher"</a></li>
            </ul>
        </Form>
        <p role="status">{count}</p>
        {if by_day.is_empty() {
            view! { <Empty message="Aucune session ne correspond à ces filtres." /> }.into_any()
        } else {
            by_day.into_iter().map(|(day, list)| view! {
                <h3 class="fr-mt-4w">{day}</h3>
                <ul class="fr-grid-row fr-grid-row--gutters talents-plain-list">
                    {list.into_iter().map(|s| view! { <li class="fr-col-12 fr-col-md-6"><SessionCard session=s /></li> }).collect_view()}
                </ul>
            }).collect_view().into_any()
        }}
    }
}

#[component]
fn FilterSelect(
    id: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    chosen: String,
) -> impl IntoView {
    let input = format!("filtre-{id}");
    view! {
        <div class="fr-col-12 fr-col-md-3"><div class="fr-select-group">
            <label class="fr-label" for=input.clone()>{label}</label>
            <select class="fr-select" id=input name=id>
                <option value="" selected=chosen.is_empty()>"Tous"</option>
                {options.into_iter().map(|(value, text)| {
                    let selected = value == chosen;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div></div>
    }
}

#[component]
pub(crate) fn SessionCard(session: ForumSession) -> impl IntoView {
    let href = format!("/forum/sessions/{}", session.id);
    let detail = match &session.entity {
        Some(e) => format!("{} — {}", hours(&session), e.name),
        None => hours(&session),
    };
    view! {
        <div class="fr-card fr-enlarge-link">
            <div class="fr-card__body"><div class="fr-card__content">
                <h4 class="fr-card__title"><a href=href>{session.title.clone()}</a></h4>
                <p class="fr-card__desc">{detail}</p>
                <div class="fr-card__start"><p class="fr-tag fr-tag--sm">{session.kind.label()}</p></div>
                <div class="fr-card__end"><p class="fr-card__detail">{seats(&session)}</p></div>
            </div></div>
        </div>
    }
}
