//! `/espace-candidat/alertes`: the candidate's saved searches. The offers page links here
//! with its search in the query string, which fills the form. An alert's private feed URL is
//! shown when the alert is made or its link renewed, never again (the server keeps its hash).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::alert::{AlertForm, JobAlert};
use shared::api::accounts;
use shared::{AlertId, Problem};

use crate::api::browser;
use crate::components::form::{Success, TextField};
use crate::components::states::{Empty, LastProblem, Loaded};
use crate::format;

#[component]
pub fn AlertsPage() -> impl IntoView {
    let alerts = LocalResource::new(|| browser::fetch(accounts::ListAlerts {}));
    let query = use_query_map();
    let search = RwSignal::new(query.with_untracked(|q| {
        q.into_iter()
            .map(|(k, v)| format!("{k}={}", shared::search::percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }));
    let name = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    // The feed URLs given during this visit, by alert.
    let links = RwSignal::new(Vec::<(AlertId, String)>::new());
    let keep_link = move |alert: &JobAlert| {
        if let Some(url) = alert.feed_url.clone() {
            links.update(|l| l.push((alert.id, url)));
        }
    };
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = AlertForm {
            name: name.get_untracked(),
            query: search.get_untracked(),
        };
        browser::act(
            accounts::CreateAlert {},
            body,
            problem,
            move |created: Option<JobAlert>| {
                created.iter().for_each(keep_link);
                done.set(created.map(|a| {
                    format!(
                        "Alerte « {} » créée : vous recevrez chaque jour les nouvelles offres.",
                        a.name
                    )
                }));
                name.set(String::new());
                alerts.refetch();
            },
        );
    };
    let remove = move |alert: JobAlert| {
        browser::act(
            accounts::DeleteAlert { id: alert.id },
            (),
            problem,
            move |_: Option<()>| {
                done.set(Some(format!("Alerte « {} » supprimée.", alert.name)));
                alerts.refetch();
            },
        );
    };
    let renew = move |alert: JobAlert| {
        browser::act(
            accounts::RenewFeedLink { id: alert.id },
            (),
            problem,
            move |renewed: Option<JobAlert>| {
                renewed.iter().for_each(keep_link);
                done.set(Some(format!(
                    "Nouveau lien du flux de « {} » : l'ancien ne fonctionne plus.",
                    alert.name
                )));
            },
        );
    };
    view! {
        <Title text="Mes alertes" />
        <div class="fr-container fr-my-4w">
            <h1>"Mes alertes"</h1>
            <p><a class="fr-link" href="/espace-candidat">"Mes candidatures"</a></p>
            <LastProblem problem />
            <Success message=done />
            <section aria-labelledby="nouvelle-alerte" class="fr-col-md-8 fr-mb-6w">
                <h2 id="nouvelle-alerte">"Nouvelle alerte"</h2>
                <p>"Chaque jour, un courriel vous signale les nouvelles offres de la recherche. Lancez une recherche sur la page des offres puis suivez son lien « Recevoir les nouvelles offres »."</p>
                <form on:submit=create>
                    <TextField id="alert-name" label="Nom de l'alerte" value=name required=true hint="Par exemple : Data en Bretagne" />
                    <TextField id="alert-query" label="Critères de la recherche" value=search hint="Repris de la page des offres, par exemple q=donnees&region=53" />
                    <button class="fr-btn" type="submit">"Créer l'alerte"</button>
                </form>
            </section>
            <Loaded resource=alerts view=move |list| {
                if list.is_empty() {
                    view! { <Empty message="Aucune alerte pour l'instant." /> }.into_any()
                } else {
                    view! {
                        <div class="fr-table"><table tabindex="0">
                            <caption>"Mes alertes"</caption>
                            <thead><tr><th scope="col">"Alerte"</th><th scope="col">"Créée le"</th><th scope="col">"Flux Atom privé"</th><th scope="col">"Action"</th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|a| {
                                    let label = format!("Supprimer l'alerte « {} »", a.name);
                                    let alert = a.clone();
                                    let feed = feed_cell(a.clone(), links, renew);
                                    view! {
                                        <tr>
                                            <td><a href=format!("/offres?{}", a.query)>{a.name.clone()}</a></td>
                                            <td>{format::date(a.created_at)}</td>
                                            <td>{feed}</td>
                                            <td><button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" on:click=move |_| remove(alert.clone())>{label}</button></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any()
                }
            } />
        </div>
    }
}

/// The alert's feed cell: the URL given during this visit (to copy into a feed reader), or
/// a button that makes a new one.
fn feed_cell(
    alert: JobAlert,
    links: RwSignal<Vec<(AlertId, String)>>,
    renew: impl Fn(JobAlert) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = alert.id;
    let name = alert.name.clone();
    move || {
        match links.with(|l| l.iter().rev().find(|(a, _)| *a == id).map(|(_, url)| url.clone())) {
        Some(url) => view! {
            <a href=url>"Flux de l'alerte"<span class="fr-sr-only">{format!(" « {name} »")}</span></a>
            <p class="fr-hint-text">"Copiez ce lien dans votre lecteur de flux : il ne sera plus affiché."</p>
        }
        .into_any(),
        None => {
            let alert = alert.clone();
            view! {
                <button class="fr-btn fr-btn--sm fr-btn--secondary" type="button" on:click=move |_| renew(alert.clone())>
                    "Nouveau lien du flux"<span class="fr-sr-only">{format!(" de « {name} »")}</span>
                </button>
            }
            .into_any()
        }
    }
    }
}
