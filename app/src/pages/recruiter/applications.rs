//! `/espace-recruteur/candidatures` (the pipeline, filterable by status, with counts and
//! the CSV export) and `/espace-recruteur/candidatures/:id` (one application: CV, history,
//! moving it forward, private notes).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::api::recruiter::{
    AddNote, ChangeApplicationStatus, DownloadCv, ExportApplications, ListApplications,
    ShowApplication,
};
use shared::api::Operation;
use shared::application::{
    ApplicationDetail, ApplicationStatus, ApplicationSummary, NewNote, StatusChange,
};
use shared::{ApplicationId, Problem};
use std::str::FromStr;
use strum::IntoEnumIterator;

use super::SpaceNav;
use crate::api::browser;
use crate::components::form::{ChoiceField, FormErrors, Success, TextArea};
use crate::components::states::{Empty, LastProblem, Loaded};
use crate::format;
use crate::pages::candidate::status_badge;

const PIPELINE: &str = "/espace-recruteur/candidatures";

/// The candidate's name; an erased account left an anonymous application.
fn candidate_name(a: &ApplicationSummary) -> String {
    let name = format!("{} {}", a.first_name, a.last_name);
    if name.trim().is_empty() {
        "Candidature anonymisée".to_owned()
    } else {
        name
    }
}

#[component]
pub fn PipelinePage() -> impl IntoView {
    let list = LocalResource::new(|| {
        browser::fetch(ListApplications {
            query: Default::default(),
        })
    });
    let shown = RwSignal::new(String::new());
    view! {
        <Title text="Candidatures" />
        <div class="fr-container fr-my-4w">
            <h1>"Candidatures"</h1>
            <SpaceNav current=PIPELINE />
            <Loaded resource=list view=move |list| {
                let counts: Vec<(String, String)> = std::iter::once((String::new(), format!("Toutes ({})", list.len())))
                    .chain(ApplicationStatus::iter().map(|s| {
                        let n = list.iter().filter(|a| a.status == s).count();
                        (s.as_ref().to_owned(), format!("{} ({n})", s.label()))
                    }))
                    .collect();
                let list = StoredValue::new(list);
                view! {
                    <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
                        <div class="fr-col-12 fr-col-md-4">
                            <ChoiceField id="statut" label="Statut" value=shown options=counts />
                        </div>
                        <div class="fr-col-12 fr-col-md-4 fr-mb-3w">
                            <a class="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left" href=ExportApplications { query: Default::default() }.path() download>"Exporter en CSV"</a>
                        </div>
                    </div>
                    {move || {
                        let wanted = ApplicationStatus::from_str(&shown.get()).ok();
                        let rows: Vec<ApplicationSummary> = list.with_value(|l| {
                            l.iter().filter(|a| wanted.is_none_or(|w| a.status == w)).cloned().collect()
                        });
                        if rows.is_empty() {
                            view! { <Empty message="Aucune candidature pour l'instant." /> }.into_any()
                        } else {
                            view! { <PipelineTable rows /> }.into_any()
                        }
                    }}
                }.into_any()
            } />
        </div>
    }
}

#[component]
fn PipelineTable(rows: Vec<ApplicationSummary>) -> impl IntoView {
    view! {
        <div class="fr-table"><table tabindex="0">
            <caption>{format::count(rows.len() as i64, "candidature", "candidatures")}</caption>
            <thead><tr>
                <th scope="col">"Candidat"</th>
                <th scope="col">"Offre"</th>
                <th scope="col">"Reçue le"</th>
                <th scope="col">"Statut"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|a| view! {
                    <tr>
                        <td><a href=format!("{PIPELINE}/{}", a.id)>{candidate_name(&a)}</a></td>
                        <td>{a.offer_title.unwrap_or_else(|| "Candidature spontanée".to_owned())}</td>
                        <td>{format::date(a.created_at)}</td>
                        <td><span class=status_badge(a.status)>{a.status.label()}</span></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table></div>
    }
}

#[component]
pub fn ApplicationPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let detail = LocalResource::new(move || {
        let id = id().parse::<ApplicationId>();
        async move {
            match id {
                Ok(id) => browser::fetch(ShowApplication { id }).await,
                Err(_) => Err(Problem::not_found("Candidature introuvable")),
            }
        }
    });
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    view! {
        <Title text="Candidature" />
        <div class="fr-container fr-my-4w">
            <SpaceNav current=PIPELINE />
            <LastProblem problem />
            <Success message=done />
            <Loaded resource=detail view=move |a| view! { <ApplicationView a detail problem done /> }.into_any() />
        </div>
    }
}

#[component]
fn ApplicationView(
    a: ApplicationDetail,
    detail: LocalResource<Result<ApplicationDetail, Problem>>,
    problem: RwSignal<Option<Problem>>,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let s = a.summary.clone();
    let id = s.id;
    let next: Vec<(String, String)> = s
        .status
        .next()
        .iter()
        .map(|n| (n.as_ref().to_owned(), n.label().to_owned()))
        .collect();
    let target = RwSignal::new(next.first().map(|(v, _)| v.clone()).unwrap_or_default());
    let reason = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    FormErrors::provide(problem);
    let change = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(status) = ApplicationStatus::from_str(&target.get_untracked()) else {
            return;
        };
        let body = StatusChange {
            status,
            reason: reason.get_untracked(),
        };
        browser::act(
            ChangeApplicationStatus { id },
            body,
            problem,
            move |_: Option<ApplicationDetail>| {
                done.set(Some(format!(
                    "Candidature passée à « {} ».",
                    status.label()
                )));
                detail.refetch();
            },
        );
    };
    let add_note = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewNote {
            body: note.get_untracked(),
        };
        browser::act(
            AddNote { id },
            body,
            problem,
            move |_: Option<ApplicationDetail>| {
                done.set(Some("Note ajoutée.".to_owned()));
                detail.refetch();
            },
        );
    };
    let links = [
        ("LinkedIn", a.linkedin_url.clone()),
        ("GitHub", a.github_url.clone()),
        ("Portfolio", a.portfolio_url.clone()),
    ];
    view! {
        <h1>{candidate_name(&s)}</h1>
        <p class="fr-text--lead">{s.offer_title.clone().unwrap_or_else(|| "Candidature spontanée".to_owned())}</p>
        <p><span class=status_badge(s.status)>{s.status.label()}</span>{format!(" — reçue le {}", format::date(s.created_at))}</p>
        <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-7">
                <h2>"Message"</h2>
                <p class="pre-wrap">{a.message.clone()}</p>
                <h2>"Coordonnées"</h2>
                <ul class="plain-list">
                    <li>{format!("Adresse électronique : {}", s.email)}</li>
                    {a.phone.clone().map(|p| view! { <li>{format!("Téléphone : {p}")}</li> })}
                    {links.into_iter().filter_map(|(label, url)| url.map(|url| view! {
                        <li><a class="fr-link" href=url.clone() rel="noopener noreferrer">{format!("{label} : {url}")}</a></li>
                    })).collect_view()}
                </ul>
                {a.has_cv.then(|| view! {
                    <p class="fr-mt-2w"><a class="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left" href=DownloadCv { id }.path() download>"Télécharger le CV (PDF)"</a></p>
                })}
                <h2>"Historique"</h2>
                <ol>
                    {a.history.into_iter().map(|e| {
                        let what = match e.status {
                            Some(status) => format!("Statut : {}", status.label()),
                            None => "Note".to_owned(),
                        };
                        let who = e.actor_email.map(|w| format!(" ({w})")).unwrap_or_default();
                        view! {
                            <li>
                                {format!("{} — {what}{who}", format::date(e.created_at))}
                                {(!e.body.is_empty()).then(|| view! { <blockquote class="fr-mt-1w">{e.body}</blockquote> })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </div>
            <div class="fr-col-12 fr-col-md-5">
                {(!next.is_empty()).then(|| view! {
                    <form on:submit=change class="fr-mb-4w">
                        <h2>"Changer le statut"</h2>
                        <ChoiceField id="nouveau-statut" field="status" label="Nouveau statut" value=target options=next.clone() />
                        // The reason is written for a refusal only: it is mailed to the candidate.
                        {move || (target.get() == ApplicationStatus::Rejected.as_ref()).then(|| view! {
                            <TextArea id="motif" field="reason" label="Motif du refus" value=reason rows=4
                                hint="Envoyé au candidat avec la réponse : 20 caractères au moins, courtois et utile." />
                        })}
                        <button class="fr-btn" type="submit">"Enregistrer le statut"</button>
                    </form>
                })}
                <form on:submit=add_note>
                    <h2>"Note privée"</h2>
                    <TextArea id="note" label="Note (visible de votre équipe seulement)" value=note rows=4 />
                    <button class="fr-btn fr-btn--secondary" type="submit">"Ajouter la note"</button>
                </form>
            </div>
        </div>
    }
}
