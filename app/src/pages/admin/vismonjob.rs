//! `/admin/vis-mon-job`: the editions and a new one; `/admin/vis-mon-job/:slug`: an edition's
//! status, the matching with its progress, the proposed duos to pin or undo, publication.

use chrono::NaiveDateTime;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::api::vis_mon_job::{
    AdminListVmjEditions, ChangeVmjEditionStatus, CreateVmjEdition, PinDuo, PublishVmjEdition,
    ShowMatching, StartMatching, SwapDuos, UnpairDuo, VmjEditionReport,
};
use shared::vismonjob::{
    Duo, DuoSwap, Edition, EditionForm, EditionFormat, EditionStatus, EditionStatusChange,
    MatchingState, PinChange, StudyLevel,
};
use shared::{DuoId, Problem};

use super::vmj_coaching::CoachingSessions;
use super::AdminNav;
use crate::api::browser;
use crate::components::chart::CategoryBars;
use crate::components::form::{CheckboxGroup, ChoiceField, Success, TextArea, TextField};
use crate::components::states::{Empty, LastProblem, Loaded, Loading, ProblemAlert};
use crate::format;
use crate::pages::vismonjob::{status_badge, when};

/// A `datetime-local` input's value as a date and time.
pub(super) fn parse_local(value: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M").ok()
}

#[component]
pub fn AdminVisMonJobPage() -> impl IntoView {
    let editions = LocalResource::new(|| browser::fetch(AdminListVmjEditions {}));
    view! {
        <Title text="Vis mon job — administration" />
        <div class="fr-container fr-my-4w">
            <h1>"Vis mon job"</h1>
            <AdminNav current="/admin/vis-mon-job" />
            <Loaded resource=editions view=move |list| {
                if list.is_empty() {
                    view! { <Empty message="Aucune édition pour l'instant." /> }.into_any()
                } else {
                    view! {
                        <div class="fr-table"><table tabindex="0">
                            <caption>"Éditions"</caption>
                            <thead><tr><th scope="col">"Édition"</th><th scope="col">"Journée"</th><th scope="col">"Statut"</th><th scope="col">"Inscrits"</th><th scope="col">"Ambassadeurs"</th><th scope="col">"Duos"</th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|e| view! {
                                    <tr>
                                        <td><a href=format!("/admin/vis-mon-job/{}", e.slug)>{e.title.clone()}</a></td>
                                        <td>{when(&e)}</td>
                                        <td><span class=status_badge(e.status)>{e.status.label()}</span></td>
                                        <td>{e.students}</td>
                                        <td>{e.ambassadors}</td>
                                        <td>{e.duos}</td>
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
    let format = RwSignal::new(EditionFormat::Both.as_ref().to_owned());
    let opens = RwSignal::new(String::new());
    let closes = RwSignal::new(String::new());
    let levels = RwSignal::new(
        StudyLevel::all()
            .map(|l| l.as_ref().to_owned())
            .collect::<Vec<_>>(),
    );
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let times = [starts, ends, opens, closes].map(|t| parse_local(&t.get_untracked()));
        let [Some(starts_at), Some(ends_at), Some(signup_opens_at), Some(signup_closes_at)] = times
        else {
            problem.set(Some(Problem::invalid(vec![shared::FieldError::new(
                "starts_at",
                "Renseignez les quatre dates et heures.",
            )])));
            return;
        };
        let body = EditionForm {
            slug: slug.get_untracked(),
            title: title.get_untracked(),
            description: description.get_untracked(),
            starts_at,
            ends_at,
            format: format
                .get_untracked()
                .parse()
                .unwrap_or(EditionFormat::Both),
            signup_opens_at,
            signup_closes_at,
            levels: levels
                .get_untracked()
                .iter()
                .filter_map(|l| l.parse().ok())
                .collect(),
        };
        browser::act(
            CreateVmjEdition {},
            body,
            problem,
            move |created: Option<Edition>| {
                done.set(created.map(|e| format!("Édition « {} » créée en brouillon.", e.title)));
                on_created();
            },
        );
    };
    let formats = EditionFormat::all()
        .map(|f| (f.as_ref().to_owned(), f.label().to_owned()))
        .collect();
    let level_options = StudyLevel::all()
        .map(|l| (l.as_ref().to_owned(), l.label().to_owned()))
        .collect();
    view! {
        <section class="fr-mt-6w fr-col-md-8" aria-labelledby="nouvelle-edition">
            <h2 id="nouvelle-edition">"Nouvelle édition"</h2>
            <LastProblem problem />
            <Success message=done />
            <form on:submit=submit>
                <TextField id="ed-title" label="Titre" value=title required=true hint="Par exemple : Vis mon job — printemps 2027" />
                <TextField id="ed-slug" label="Identifiant d'URL" value=slug required=true hint="Par exemple : printemps-2027" />
                <TextArea id="ed-description" label="Présentation" value=description markdown=true rows=4 />
                <TextField id="ed-starts" label="Début de la journée (heure de Paris)" value=starts kind="datetime-local" required=true />
                <TextField id="ed-ends" label="Fin de la journée" value=ends kind="datetime-local" required=true />
                <ChoiceField id="ed-format" label="Format" value=format options=formats />
                <TextField id="ed-opens" label="Ouverture des inscriptions" value=opens kind="datetime-local" required=true />
                <TextField id="ed-closes" label="Clôture des inscriptions" value=closes kind="datetime-local" required=true />
                <CheckboxGroup id="ed-level" legend="Niveaux accueillis".to_owned() options=level_options selected=levels />
                <button class="fr-btn" type="submit">"Créer l'édition"</button>
            </form>
        </section>
    }
}

/// Loads the matching state, and again every half second while a run goes on.
fn poll(slug: String, state: RwSignal<Option<MatchingState>>, problem: RwSignal<Option<Problem>>) {
    spawn_local(async move {
        match browser::fetch(ShowMatching { slug: slug.clone() }).await {
            Ok(current) => {
                let running = current.running.is_some();
                state.set(Some(current));
                if running {
                    set_timeout(
                        move || poll(slug, state, problem),
                        std::time::Duration::from_millis(500),
                    );
                }
            }
            Err(p) => problem.set(Some(p)),
        }
    });
}

#[component]
pub fn AdminEditionPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.with_untracked(|p| p.get("slug").unwrap_or_default());
    let coaching_slug = slug.clone();
    let state = RwSignal::new(None::<MatchingState>);
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    Effect::new({
        let slug = slug.clone();
        move |_| poll(slug.clone(), state, problem)
    });
    let refresh = {
        let slug = slug.clone();
        move || poll(slug.clone(), state, problem)
    };
    // After one of the edition's actions: its message, then the state again.
    let acted = {
        let refresh = refresh.clone();
        move |message: String| {
            done.set(Some(message));
            refresh();
        }
    };
    let set_status = {
        let (slug, acted) = (slug.clone(), acted.clone());
        move |status: EditionStatus| {
            let (acted, message) = (acted.clone(), format!("Statut : {}.", status.label()));
            let op = ChangeVmjEditionStatus { slug: slug.clone() };
            browser::act(op, EditionStatusChange { status }, problem, move |_| {
                acted(message)
            });
        }
    };
    let start = {
        let (slug, acted) = (slug.clone(), acted.clone());
        move |_| {
            let (acted, message) = (acted.clone(), "Appariement lancé.".to_owned());
            let op = StartMatching { slug: slug.clone() };
            browser::act(op, (), problem, move |_| acted(message));
        }
    };
    let publish = {
        let (slug, acted) = (slug.clone(), acted.clone());
        move |_| {
            let acted = acted.clone();
            let message = "Duos annoncés : chacun a reçu un courriel avec sa page de duo.";
            let op = PublishVmjEdition { slug: slug.clone() };
            browser::act(op, (), problem, move |_| acted(message.to_owned()));
        }
    };
    view! {
        <Title text="Édition Vis mon job" />
        <div class="fr-container fr-my-4w">
            <p><a class="fr-link" href="/admin/vis-mon-job">"Toutes les éditions"</a></p>
            <LastProblem problem />
            <Success message=done />
            {move || match state.get() {
                None => view! { <Loading /> }.into_any(),
                Some(s) => {
                    let e = s.edition.clone();
                    let next: Vec<EditionStatus> = e.status.manual_next().to_vec();
                    let set_status = set_status.clone();
                    view! {
                        <h1>{e.title.clone()}</h1>
                        <p><span class=status_badge(e.status)>{e.status.label()}</span>" "{when(&e)}</p>
                        <p>{format!("{} — {} — {}",
                            format::count(e.students, "étudiant inscrit", "étudiants inscrits"),
                            format::count(e.ambassadors, "ambassadeur", "ambassadeurs"),
                            format::count(e.duos, "duo", "duos"))}</p>
                        <ul class="fr-btns-group fr-btns-group--inline-md">
                            {next.into_iter().map(|status| {
                                let set_status = set_status.clone();
                                let label = match status {
                                    EditionStatus::Open => "Ouvrir les inscriptions",
                                    EditionStatus::Closed => "Clore les inscriptions",
                                    EditionStatus::Done => "Marquer l'édition terminée",
                                    _ => status.label(),
                                };
                                view! { <li><button class="fr-btn fr-btn--secondary" type="button" on:click=move |_| set_status(status)>{label}</button></li> }
                            }).collect_view()}
                            {e.status.may_match().then(|| view! {
                                <li><button class="fr-btn" type="button" disabled=s.running.is_some() on:click=start.clone()>"Lancer l'appariement"</button></li>
                            })}
                            {(e.status == EditionStatus::Matched).then(|| view! {
                                <li><button class="fr-btn" type="button" on:click=publish.clone()>"Annoncer les duos"</button></li>
                            })}
                        </ul>
                        {matches!(e.status, EditionStatus::Published | EditionStatus::Done).then(|| view! { <ReportView slug=slug.clone() /> })}
                        <MatchingView state=s slug=slug.clone() problem on_change=refresh.clone() />
                    }.into_any()
                }
            }}
            <CoachingSessions slug=coaching_slug />
        </div>
    }
}

#[component]
fn MatchingView(
    state: MatchingState,
    slug: String,
    problem: RwSignal<Option<Problem>>,
    on_change: impl Fn() + Clone + 'static,
) -> impl IntoView {
    let editable = state.edition.status == EditionStatus::Matched;
    let progress = state.running.map(|p| {
        view! {
            <div class="fr-mb-4w" role="status">
                <label for="vmj-progress">{format!("Appariement en cours : {} étudiants associés sur {}", p.matched, p.students)}</label>
                <progress id="vmj-progress" max=p.students value=p.matched></progress>
            </div>
        }
    });
    let error = state.last_error.clone().map(|detail| {
        view! { <ProblemAlert problem=Problem::new(500, shared::ErrorCode::Internal, "Le dernier appariement a échoué").with_detail(detail) /> }
    });
    let uncoached = (!state.uncoached_ambassadors.is_empty()).then(|| {
        view! {
            <div class="fr-alert fr-alert--warning fr-mb-3w">
                <h2 class="fr-alert__title">"Ambassadeurs sans coaching"</h2>
                <ul>{state.uncoached_ambassadors.iter().map(|a| view! {
                    <li>{format!("{} {} ({})", a.form.first_name, a.form.last_name, a.entity_name)}</li>
                }).collect_view()}</ul>
            </div>
        }
    });
    let duos = state.duos.clone();
    let swap = (editable && duos.len() > 1).then(|| view! { <SwapForm duos=duos.clone() slug=slug.clone() problem on_change=on_change.clone() /> });
    view! {
        {progress}
        {error}
        {uncoached}
        <h2>{format!("Duos ({})", duos.len())}</h2>
        {if duos.is_empty() {
            view! { <Empty message="Aucun duo proposé : lancez l'appariement une fois les inscriptions closes." /> }.into_any()
        } else {
            view! {
                <div class="fr-table"><table tabindex="0">
                    <caption>"Duos proposés"</caption>
                    <thead><tr><th scope="col">"Étudiant"</th><th scope="col">"Ambassadeur"</th><th scope="col">"Métier"</th><th scope="col">"Modalité"</th><th scope="col">"Pourquoi"</th>
                        {editable.then(|| view! { <th scope="col">"Actions"</th> })}</tr></thead>
                    <tbody>
                        {duos.clone().into_iter().map(|duo| view! { <DuoRow duo slug=slug.clone() editable problem on_change=on_change.clone() /> }).collect_view()}
                    </tbody>
                </table></div>
            }.into_any()
        }}
        {swap}
        <h2>{format!("Sans duo ({})", state.unmatched.len())}</h2>
        <ul>
            {state.unmatched.iter().map(|s| view! {
                <li>{format!("{} {} ({}) : {}", s.first_name, s.last_name, s.departement_code, s.unmatched_reason.clone().unwrap_or_default())}</li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn DuoRow(
    duo: Duo,
    slug: String,
    editable: bool,
    problem: RwSignal<Option<Problem>>,
    on_change: impl Fn() + Clone + 'static,
) -> impl IntoView {
    let student = format!("{} {}", duo.student.first_name, duo.student.last_name);
    let id = duo.id;
    let actions = editable.then(|| {
        let (pin_slug, undo_slug) = (slug.clone(), slug.clone());
        let (on_pin, on_undo) = (on_change.clone(), on_change.clone());
        let pinned = duo.pinned;
        let pin = move |_| {
            let on_pin = on_pin.clone();
            let op = PinDuo { slug: pin_slug.clone(), id };
            browser::act(op, PinChange { pinned: !pinned }, problem, move |_: Option<()>| on_pin());
        };
        let undo = move |_| {
            let on_undo = on_undo.clone();
            let op = UnpairDuo { slug: undo_slug.clone(), id };
            browser::act(op, (), problem, move |_: Option<()>| on_undo());
        };
        view! {
            <td>
                <button class="fr-btn fr-btn--sm fr-btn--secondary fr-mb-1w" type="button" on:click=pin>
                    {if pinned { format!("Libérer le duo de {student}") } else { format!("Épingler le duo de {student}") }}
                </button>
                <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" on:click=undo>{format!("Défaire le duo de {student}")}</button>
            </td>
        }
    });
    view! {
        <tr>
            <td>{format!("{} {}", duo.student.first_name, duo.student.last_name)}<br /><span class="talents-muted">{duo.student.description.clone()}</span></td>
            <td>{format!("{} {}", duo.ambassador.first_name, duo.ambassador.last_name)}<br /><span class="talents-muted">{duo.ambassador.description.clone()}</span></td>
            <td>{duo.metier_name.clone()}</td>
            <td>{duo.mode.label()}{duo.pinned.then_some(" — épinglé")}</td>
            <td>{duo.explanation.clone()}</td>
            {actions}
        </tr>
    }
}

/// "4,6 / 5", or a dash before any rating.
fn average(value: Option<f64>) -> String {
    value.map_or_else(
        || "—".to_owned(),
        |v| format!("{:.1} / 5", v).replace('.', ","),
    )
}

#[component]
fn ReportView(slug: String) -> impl IntoView {
    let report =
        LocalResource::new(move || browser::fetch(VmjEditionReport { slug: slug.clone() }));
    view! {
        <section class="fr-mb-6w" aria-labelledby="bilan">
            <h2 id="bilan">"Bilan de l'édition"</h2>
            <Loaded resource=report view=move |r| {
                let tiles = [
                    (format::thousands(r.edition.students), "étudiants inscrits"),
                    (format::thousands(r.edition.duos), "duos formés"),
                    (format::thousands(r.unmatched), "étudiants sans duo"),
                    (average(r.student_average), "note moyenne des étudiants"),
                    (average(r.ambassador_average), "note moyenne des ambassadeurs"),
                ];
                view! {
                    <ul class="fr-grid-row fr-grid-row--gutters talents-figures">
                        {tiles.into_iter().map(|(n, label)| view! {
                            <li class="fr-col-6 fr-col-md-4 fr-col-lg-2"><p class="talents-figure"><strong>{n}</strong>{label}</p></li>
                        }).collect_view()}
                    </ul>
                    <CategoryBars title="Duos par métier".into() unit="Duos" counts=r.by_metier />
                    <CategoryBars title="Duos par région de l'étudiant".into() unit="Duos" counts=r.by_region />
                    <CategoryBars title="Vœu de métier satisfait".into() unit="Duos" counts=r.by_wish />
                    <CategoryBars title="Modalité".into() unit="Duos" counts=r.by_mode />
                    <CategoryBars title="Notes des étudiants".into() unit="Avis" counts=r.student_ratings />
                    <CategoryBars title="Notes des ambassadeurs".into() unit="Avis" counts=r.ambassador_ratings />
                }
            } />
        </section>
    }
}

/// Two proposed duos exchange their ambassadors (refused when a new pair is impossible).
#[component]
fn SwapForm(
    duos: Vec<Duo>,
    slug: String,
    problem: RwSignal<Option<Problem>>,
    on_change: impl Fn() + Clone + 'static,
) -> impl IntoView {
    let options: Vec<(String, String)> = duos
        .iter()
        .map(|d| {
            let label = format!(
                "{} {} avec {} {}",
                d.student.first_name,
                d.student.last_name,
                d.ambassador.first_name,
                d.ambassador.last_name
            );
            (d.id.to_string(), label)
        })
        .collect();
    let first = RwSignal::new(options.first().map(|o| o.0.clone()).unwrap_or_default());
    let second = RwSignal::new(options.get(1).map(|o| o.0.clone()).unwrap_or_default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = DuoSwap {
            first: DuoId(first.get_untracked().parse().unwrap_or_default()),
            second: DuoId(second.get_untracked().parse().unwrap_or_default()),
        };
        let on_change = on_change.clone();
        browser::act(
            SwapDuos { slug: slug.clone() },
            body,
            problem,
            move |_: Option<()>| on_change(),
        );
    };
    view! {
        <form on:submit=submit class="fr-mb-4w">
            <fieldset class="fr-fieldset">
                <legend class="fr-fieldset__legend">"Échanger les ambassadeurs de deux duos"</legend>
                <div class="fr-fieldset__element"><ChoiceField id="swap-first" label="Premier duo" value=first options=options.clone() /></div>
                <div class="fr-fieldset__element"><ChoiceField id="swap-second" label="Second duo" value=second options /></div>
                <div class="fr-fieldset__element"><button class="fr-btn fr-btn--secondary" type="submit">"Échanger les ambassadeurs"</button></div>
            </fieldset>
        </form>
    }
}
