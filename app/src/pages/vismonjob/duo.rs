//! One side's duo page: `/vis-mon-job/duo/:token`, opened from the link mailed at
//! publication, and `/espace-candidat/vis-mon-job/:slug/duo`, the student's from their space
//! (the link's secret is stored hashed, so the space cannot show that link). The other person, the place or visio link, the time, the calendar file; after the day, the
//! feedback form.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::api::vis_mon_job;
use shared::vismonjob::{DuoMode, DuoPage as Duo, DuoSide, FeedbackForm};
use shared::Problem;

use super::when;
use crate::api::browser;
use crate::components::form::{ChoiceField, Success, TextArea};
use crate::components::states::{LastProblem, Loaded};

/// Whose duo page: the mailed link's, by its token ([`vis_mon_job::ShowDuo`],
/// [`vis_mon_job::GiveDuoFeedback`]), or the signed-in student's, by edition
/// ([`vis_mon_job::ShowMyDuo`], [`vis_mon_job::GiveMyFeedback`]).
#[derive(Debug, Clone)]
enum Source {
    Link(String),
    Space(String),
}

/// The page of the mailed link (the student's or the ambassador's).
#[component]
pub fn DuoPage() -> impl IntoView {
    let params = use_params_map();
    let source = move || Source::Link(params.with(|p| p.get("token").unwrap_or_default()));
    view! { <DuoView source /> }
}

/// The signed-in student's page, from their space (`/espace-candidat/vis-mon-job/:slug/duo`).
#[component]
pub fn MyDuoPage() -> impl IntoView {
    let params = use_params_map();
    let source = move || Source::Space(params.with(|p| p.get("slug").unwrap_or_default()));
    view! {
        <DuoView source />
        <div class="fr-container fr-mb-4w">
            <p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/espace-candidat/vis-mon-job">"Mes inscriptions Vis mon job"</a></p>
        </div>
    }
}

#[component]
fn DuoView(source: impl Fn() -> Source + Send + Sync + 'static) -> impl IntoView {
    let duo = LocalResource::new(move || {
        let source = source();
        async move {
            let duo = match &source {
                Source::Link(token) => {
                    browser::fetch(vis_mon_job::ShowDuo {
                        token: token.clone(),
                    })
                    .await?
                }
                Source::Space(slug) => {
                    browser::fetch(vis_mon_job::ShowMyDuo { slug: slug.clone() }).await?
                }
            };
            Ok::<_, Problem>((duo, source))
        }
    });
    view! {
        <Title text="Mon duo Vis mon job" />
        <div class="fr-container fr-my-4w">
            <h1>"Mon duo Vis mon job"</h1>
            <Loaded resource=duo view=move |(duo, source)| view! { <DuoDetail duo source /> } />
        </div>
    }
}

#[component]
fn DuoDetail(duo: Duo, source: Source) -> impl IntoView {
    let partner_role = match duo.side {
        DuoSide::Student => "Votre ambassadeur ou ambassadrice",
        DuoSide::Ambassador => "L'étudiante ou l'étudiant que vous accueillez",
    };
    let place_label = match duo.mode {
        DuoMode::OnSite => "Lieu",
        DuoMode::Remote => "Lien de visio",
    };
    let place = match duo.mode {
        DuoMode::OnSite => view! { <span>{duo.place.clone()}</span> }.into_any(),
        DuoMode::Remote => view! { <a href=duo.place.clone()>{duo.place.clone()}</a> }.into_any(),
    };
    let facts = [
        ("Édition", duo.edition.title.clone()),
        ("Quand", when(&duo.edition)),
        ("Métier", duo.metier_name.clone()),
        ("Administration", duo.ambassador_entity.clone()),
        ("Pourquoi ce duo", duo.explanation.clone()),
    ];
    let after_day = duo.edition.status == shared::vismonjob::EditionStatus::Done;
    view! {
        <h2>{partner_role}</h2>
        <p class="fr-text--lead">{format!("{} {}", duo.partner.first_name, duo.partner.last_name)}</p>
        <p>{duo.partner.description.clone()}" — "<a href=format!("mailto:{}", duo.partner.email)>{duo.partner.email.clone()}</a></p>
        <dl class="talents-facts__list fr-mb-4w">
            {facts.into_iter().map(|(term, value)| view! { <dt>{term}</dt><dd>{value}</dd> }).collect_view()}
            <dt>{place_label}</dt><dd>{place}</dd>
        </dl>
        <p><a class="fr-btn fr-btn--secondary fr-icon-calendar-line fr-btn--icon-left" href=duo.ics_url.clone() download="vis-mon-job.ics">"Ajouter à mon agenda (.ics)"</a></p>
        <FeedbackSection source after_day given=duo.feedback />
    }
}

#[component]
fn FeedbackSection(source: Source, after_day: bool, given: Option<FeedbackForm>) -> impl IntoView {
    if let Some(given) = given {
        return view! {
            <h2 class="fr-mt-4w">"Votre avis"</h2>
            <p>{format!("Merci ! Vous avez noté la journée {} sur 5.", given.rating)}</p>
        }
        .into_any();
    }
    if !after_day {
        return view! { <p class="fr-mt-4w">"Après la journée, vous pourrez donner votre avis sur cette page."</p> }.into_any();
    }
    let rating = RwSignal::new("5".to_owned());
    let comment = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = FeedbackForm {
            rating: rating.get_untracked().parse().unwrap_or(0),
            comment: comment.get_untracked(),
        };
        let thanks = move |_: Option<FeedbackForm>| {
            done.set(Some("Merci pour votre avis !".to_owned()));
        };
        match source.clone() {
            Source::Link(token) => browser::act(
                vis_mon_job::GiveDuoFeedback { token },
                body,
                problem,
                thanks,
            ),
            Source::Space(slug) => {
                browser::act(vis_mon_job::GiveMyFeedback { slug }, body, problem, thanks)
            }
        }
    };
    let ratings = (1..=5)
        .rev()
        .map(|n| (n.to_string(), format!("{n} sur 5")))
        .collect();
    view! {
        <section class="fr-mt-4w" aria-labelledby="avis">
            <h2 id="avis">"Votre avis sur la journée"</h2>
            <LastProblem problem />
            <Success message=done />
            <form on:submit=submit class="fr-col-md-8">
                <ChoiceField id="avis-note" label="Votre note" value=rating options=ratings />
                <TextArea id="avis-commentaire" label="Un commentaire (facultatif)" value=comment rows=3 />
                <button class="fr-btn" type="submit">"Envoyer mon avis"</button>
            </form>
        </section>
    }
    .into_any()
}
