//! `/espace-candidat/alertes`: the candidate's saved searches. The offers page links here
//! with its search in the query string, which fills the form.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::alert::{AlertForm, JobAlert};
use shared::Problem;

use crate::api::browser;
use crate::components::form::{Success, TextField};
use crate::components::states::{Empty, LastProblem, Loaded};
use crate::format;

#[component]
pub fn AlertsPage() -> impl IntoView {
    let alerts = LocalResource::new(|| browser::get::<Vec<JobAlert>>("/api/v1/me/alerts".into()));
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
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = AlertForm {
            name: name.get_untracked(),
            query: search.get_untracked(),
        };
        browser::act(
            "POST",
            "/api/v1/me/alerts".into(),
            body,
            problem,
            move |created: Option<JobAlert>| {
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
            "DELETE",
            format!("/api/v1/me/alerts/{}", alert.id),
            (),
            problem,
            move |_: Option<()>| {
                done.set(Some(format!("Alerte « {} » supprimée.", alert.name)));
                alerts.refetch();
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
                                    view! {
                                        <tr>
                                            <td><a href=format!("/offres?{}", a.query)>{a.name.clone()}</a></td>
                                            <td>{format::date(a.created_at)}</td>
                                            <td><a href=a.feed_url.clone()>"Flux de l'alerte"<span class="fr-sr-only">{format!(" « {} »", a.name)}</span></a></td>
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
