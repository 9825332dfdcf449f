//! `/espace-recruteur/ambassadeurs`: the entity's agents who host a student for Vis mon job,
//! per edition.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::api::vis_mon_job::{
    ChooseCoachingSession, CreateAmbassador, DeleteAmbassador, ListAmbassadors,
    RecruiterListCoachingSessions,
};
use shared::metier::MetierFamily;
use shared::vismonjob::coaching::{CoachingChoice, CoachingSession};
use shared::vismonjob::{Ambassador, AmbassadorForm, Edition, EditionStatus};
use shared::{CoachingSessionId, Problem};

use super::SpaceNav;
use crate::api::{self, browser};
use crate::components::form::{ChoiceField, Success, TextField};
use crate::components::states::{Empty, LastProblem, Loaded};
use crate::format;

/// Editions whose ambassadors may still change, and the métiers to choose from.
async fn load() -> Result<(Vec<Edition>, Vec<MetierFamily>), Problem> {
    let editions = api::vmj_editions()
        .await?
        .into_iter()
        .filter(|e| !matches!(e.status, EditionStatus::Published | EditionStatus::Done))
        .collect();
    Ok((editions, api::metier_families().await?))
}

#[component]
pub fn AmbassadorsPage() -> impl IntoView {
    let context = LocalResource::new(load);
    view! {
        <Title text="Ambassadeurs Vis mon job" />
        <div class="fr-container fr-my-4w">
            <h1>"Ambassadeurs Vis mon job"</h1>
            <SpaceNav current="/espace-recruteur/ambassadeurs" />
            <p>"Inscrivez les agents de votre entité qui accueillent une étudiante ou un étudiant pour une journée. "
                "Chaque ambassadeur suit d'abord une heure de préparation en visio : choisissez sa session dans la liste ; "
                "il reçoit l'horaire et le lien par courriel. Sans préparation, il est signalé à l'équipe talents."</p>
            <Loaded resource=context view=move |(editions, families)| match editions.first() {
                None => view! { <Empty message="Aucune édition n'accueille d'ambassadeurs en ce moment." /> }.into_any(),
                Some(first) => view! { <EditionAmbassadors slug=first.slug.clone() editions families /> }.into_any(),
            } />
        </div>
    }
}

#[component]
fn EditionAmbassadors(
    slug: String,
    editions: Vec<Edition>,
    families: Vec<MetierFamily>,
) -> impl IntoView {
    let edition = RwSignal::new(slug);
    let list = LocalResource::new(move || {
        let slug = edition.get();
        async move {
            let ambassadors = browser::fetch(ListAmbassadors { slug: slug.clone() }).await?;
            let sessions = browser::fetch(RecruiterListCoachingSessions { slug }).await?;
            Ok::<_, Problem>((ambassadors, sessions))
        }
    });
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    let withdraw = move |a: Ambassador| {
        let op = DeleteAmbassador {
            slug: edition.get_untracked(),
            id: a.id,
        };
        browser::act(op, (), problem, move |_: Option<()>| {
            done.set(Some(format!(
                "{} {} est retiré(e) de l'édition.",
                a.form.first_name, a.form.last_name
            )));
            list.refetch();
        });
    };
    let place = move |a: Ambassador, session: Option<CoachingSessionId>, when: Option<String>| {
        let op = ChooseCoachingSession {
            slug: edition.get_untracked(),
            id: a.id,
        };
        let name = format!("{} {}", a.form.first_name, a.form.last_name);
        let message = match when {
            Some(when) => format!(
                "{name} est inscrit(e) à la préparation du {when} ; le lien lui est envoyé."
            ),
            None => format!("{name} n'est plus inscrit(e) à une préparation."),
        };
        browser::act(
            op,
            CoachingChoice { session },
            problem,
            move |_: Option<Vec<CoachingSession>>| {
                done.set(Some(message));
                list.refetch();
            },
        );
    };
    let options = editions
        .iter()
        .map(|e| (e.slug.clone(), e.title.clone()))
        .collect();
    view! {
        <ChoiceField id="vmj-edition" label="Édition" value=edition options />
        <LastProblem problem />
        <Success message=done />
        <Loaded resource=list view=move |(ambassadors, sessions)| {
            if ambassadors.is_empty() {
                view! { <Empty message="Aucun ambassadeur inscrit pour cette édition." /> }.into_any()
            } else {
                view! {
                    <div class="fr-table"><table tabindex="0">
                        <caption>"Ambassadeurs de l'entité"</caption>
                        <thead><tr><th scope="col">"Agent"</th><th scope="col">"Métier"</th><th scope="col">"Accueil"</th><th scope="col">"Préparation"</th><th scope="col">"Action"</th></tr></thead>
                        <tbody>
                            {ambassadors.into_iter().map(|a| {
                                let name = format!("{} {}", a.form.first_name, a.form.last_name);
                                let ways = match (a.form.on_site, a.form.remote) {
                                    (true, true) => "Sur site ou en visio",
                                    (true, false) => "Sur site",
                                    _ => "En visio",
                                };
                                let label = format!("Retirer {name}");
                                let ambassador = a.clone();
                                view! {
                                    <tr>
                                        <td>{name.clone()}<br /><span class="talents-muted">{a.form.job_title.clone()}</span></td>
                                        <td>{a.metier_name.clone()}</td>
                                        <td>{format!("{ways}, {} ({})", a.form.capacity, a.form.departement_code)}</td>
                                        <td>{coaching_cell(&a, &sessions, place)}</td>
                                        <td><button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" on:click=move |_| withdraw(ambassador.clone())>{label}</button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            }
        } />
        <NewAmbassador edition families on_added=move |name| {
            done.set(Some(format!("{name} est inscrit(e) comme ambassadeur.")));
            list.refetch();
        } />
    }
}

#[component]
fn NewAmbassador(
    edition: RwSignal<String>,
    families: Vec<MetierFamily>,
    on_added: impl Fn(String) + Copy + 'static,
) -> impl IntoView {
    let first_name = RwSignal::new(String::new());
    let last_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let job_title = RwSignal::new(String::new());
    let metier = RwSignal::new(String::new());
    let departement = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let visio_url = RwSignal::new(String::new());
    let capacity = RwSignal::new("1".to_owned());
    let on_site = RwSignal::new(true);
    let remote = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = AmbassadorForm {
            first_name: first_name.get_untracked(),
            last_name: last_name.get_untracked(),
            email: email.get_untracked(),
            job_title: job_title.get_untracked(),
            metier: metier.get_untracked(),
            departement_code: departement.get_untracked(),
            on_site: on_site.get_untracked(),
            remote: remote.get_untracked(),
            capacity: capacity.get_untracked().parse().unwrap_or(0),
            address: address.get_untracked(),
            visio_url: visio_url.get_untracked(),
        };
        let name = format!("{} {}", body.first_name, body.last_name);
        let op = CreateAmbassador {
            slug: edition.get_untracked(),
        };
        browser::act(op, body, problem, move |_: Option<Vec<Ambassador>>| {
            for field in [first_name, last_name, email, job_title, address, visio_url] {
                field.set(String::new());
            }
            on_added(name);
        });
    };
    let metiers = crate::pages::vismonjob::metier_options(&families, "Choisir");
    let capacities = (1..=5).map(|n| (n.to_string(), n.to_string())).collect();
    let checkbox = |id: &'static str, label: &'static str, value: RwSignal<bool>| {
        view! {
            <div class="fr-checkbox-group fr-mb-2w">
                <input type="checkbox" id=id prop:checked=move || value.get() on:change=move |_| value.update(|v| *v = !*v) />
                <label class="fr-label" for=id>{label}</label>
            </div>
        }
    };
    view! {
        <section class="fr-mt-6w fr-col-md-8" aria-labelledby="nouvel-ambassadeur">
            <h2 id="nouvel-ambassadeur">"Inscrire un ambassadeur"</h2>
            <LastProblem problem />
            <form on:submit=submit>
                <TextField id="amb-first-name" label="Prénom" value=first_name required=true />
                <TextField id="amb-last-name" label="Nom" value=last_name required=true />
                <TextField id="amb-email" label="Adresse électronique professionnelle" value=email kind="email" required=true />
                <TextField id="amb-job-title" label="Intitulé du poste" value=job_title required=true hint="Par exemple : Développeuse backend" />
                <ChoiceField id="amb-metier" label="Métier exercé" value=metier options=metiers />
                <TextField id="amb-departement" label="Département du lieu de travail" value=departement required=true hint="Code, par exemple 75 ou 2A" />
                {checkbox("amb-on-site", "Accueille sur site", on_site)}
                <TextField id="amb-address" label="Adresse du rendez-vous (sur site)" value=address />
                {checkbox("amb-remote", "Peut accueillir en visio", remote)}
                <TextField id="amb-visio" label="Lien de visio (à distance)" value=visio_url kind="url" hint="https://…" />
                <ChoiceField id="amb-capacity" label="Étudiants accueillis" value=capacity options=capacities />
                <button class="fr-btn" type="submit">"Inscrire l'ambassadeur"</button>
            </form>
        </section>
    }
}

/// "Suivie" once coached; else the sessions to choose from (a change places the ambassador).
fn coaching_cell(
    a: &Ambassador,
    sessions: &[CoachingSession],
    place: impl Fn(Ambassador, Option<CoachingSessionId>, Option<String>) + Copy + 'static,
) -> AnyView {
    if a.coached {
        return view! { "Suivie" }.into_any();
    }
    if sessions.is_empty() {
        return view! { "Aucune session programmée" }.into_any();
    }
    let id = format!("preparation-{}", a.id);
    let label = format!("Préparation de {} {}", a.form.first_name, a.form.last_name);
    let whens: Vec<(CoachingSessionId, String)> = sessions
        .iter()
        .map(|s| (s.id, format::date_time(s.starts_at)))
        .collect();
    let ambassador = a.clone();
    let on_change = move |ev: leptos::ev::Event| {
        let session = event_target_value(&ev).parse::<CoachingSessionId>().ok();
        let when = whens
            .iter()
            .find(|(id, _)| Some(*id) == session)
            .map(|(_, w)| w.clone());
        place(ambassador.clone(), session, when);
    };
    view! {
        <label class="fr-label fr-sr-only" for=id.clone()>{label}</label>
        <select class="fr-select" id=id on:change=on_change>
            <option value="" selected=a.coaching_session.is_none()>"À choisir"</option>
            {sessions.iter().map(|s| {
                let seats = s.capacity - s.booked;
                let text = match (a.coaching_session == Some(s.id), seats) {
                    (true, _) => format!("{} (inscrit)", format::date_time(s.starts_at)),
                    (false, 0) => format!("{} (complète)", format::date_time(s.starts_at)),
                    (false, n) => format!("{} ({})", format::date_time(s.starts_at), format::count(n.into(), "place", "places")),
                };
                view! { <option value=s.id.to_string() selected=a.coaching_session == Some(s.id)>{text}</option> }
            }).collect_view()}
        </select>
    }
    .into_any()
}
