//! « Vis mon job — 1 jour, 1 duo, 1 métier tech »: the programme and its editions (public,
//! rendered by the server), the sign-up form (`signup`), each side's duo page (`duo`) and the
//! student's sign-ups (`mine`).

#[cfg(feature = "spaces")]
mod duo;
#[cfg(feature = "spaces")]
mod mine;
mod signup;

#[cfg(feature = "spaces")]
pub use duo::{DuoPage, MyDuoPage};
#[cfg(feature = "spaces")]
pub use mine::MySignupsPage;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use shared::metier::MetierFamily;
use shared::vismonjob::{Edition, EditionStatus};

use crate::api;
use crate::components::breadcrumb::{step, Breadcrumb};
use crate::components::markdown::Markdown;
use crate::components::states::{ErrorNotice, Loading};
use crate::format;
use signup::SignupSection;

/// The DSFR badge of an edition's status.
pub(crate) fn status_badge(status: EditionStatus) -> &'static str {
    match status {
        EditionStatus::Open => "fr-badge fr-badge--sm fr-badge--success",
        EditionStatus::Done => "fr-badge fr-badge--sm",
        EditionStatus::Draft => "fr-badge fr-badge--sm fr-badge--warning",
        _ => "fr-badge fr-badge--sm fr-badge--info",
    }
}

/// "Jeudi 18 mars 2027, de 9 h 30 à 17 h — sur site ou à distance".
pub(crate) fn when(edition: &Edition) -> String {
    format!(
        "{}, de {} à {} — {}",
        format::date(edition.starts_at),
        format::time(edition.starts_at),
        format::time(edition.ends_at),
        edition.format.label().to_lowercase()
    )
}

/// The métiers as select options « Famille — Métier », after an empty first option.
pub(crate) fn metier_options(families: &[MetierFamily], empty: &str) -> Vec<(String, String)> {
    std::iter::once((String::new(), empty.to_owned()))
        .chain(families.iter().flat_map(|f| {
            f.metiers
                .iter()
                .map(move |m| (m.slug.clone(), format!("{} — {}", f.name, m.name)))
        }))
        .collect()
}

#[component]
pub fn VisMonJobPage() -> impl IntoView {
    let editions = Resource::new(|| (), |_| api::vmj_editions());
    view! {
        <Title text="Vis mon job — 1 jour, 1 duo, 1 métier tech" />
        <Meta name="description" content="Étudiantes et étudiants du numérique : passez une journée en duo avec une ou un agent de l'État pour découvrir un métier tech." />
        <div class="fr-container fr-my-4w">
            <h1>"Vis mon job — 1 jour, 1 duo, 1 métier tech"</h1>
            <p class="fr-text--lead">
                "Étudiante ou étudiant de Bac+2 à Bac+5 dans le numérique ? Passez une journée aux côtés d'une ou d'un agent de l'État, "
                "votre ambassadeur, pour découvrir de l'intérieur un métier tech, une équipe et ses projets."
            </p>
            <ol class="fr-mb-4w">
                <li>"Vous vous inscrivez avec vos vœux : jusqu'à trois métiers, votre département, les administrations qui vous attirent."</li>
                <li>"À la clôture, l'équipe talents de la DINUM forme les duos : d'abord le plus de duos possible, puis les plus proches de vos vœux."</li>
                <li>"Chacun reçoit le nom de l'autre, le lieu ou le lien de visio, l'horaire et un fichier agenda."</li>
                <li>"Après la journée, vous donnez votre avis en deux minutes."</li>
            </ol>
            <h2>"Les éditions"</h2>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match editions.await {
                        Ok(list) => view! {
                            <ul class="fr-grid-row fr-grid-row--gutters talents-plain-list">
                                {list.into_iter().map(|e| view! { <li class="fr-col-12 fr-col-md-6"><EditionCard edition=e /></li> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(problem) => view! { <ErrorNotice problem /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn EditionCard(edition: Edition) -> impl IntoView {
    let href = format!("/vis-mon-job/{}", edition.slug);
    let open = edition.status == EditionStatus::Open;
    view! {
        <div class="fr-card fr-enlarge-link">
            <div class="fr-card__body"><div class="fr-card__content">
                <h3 class="fr-card__title"><a href=href>{edition.title.clone()}</a></h3>
                <p class="fr-card__desc">{when(&edition)}</p>
                <div class="fr-card__start">
                    <p class=status_badge(edition.status)>{edition.status.label()}</p>
                </div>
                <div class="fr-card__end">
                    <p class="fr-card__detail">
                        {if open {
                            format!("Inscriptions jusqu'au {}", format::date_time(edition.signup_closes_at))
                        } else {
                            format!("{} — {}", format::count(edition.students, "étudiant inscrit", "étudiants inscrits"), format::count(edition.duos, "duo", "duos"))
                        }}
                    </p>
                </div>
            </div></div>
        </div>
    }
}

#[component]
pub fn EditionPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    // The edition and its sign-up form's choices, in one resource: the server renders the
    // whole form, which then works as soon as the page has hydrated.
    let edition = Resource::new(slug, |slug| {
        let (edition, choices) = (api::vmj_edition(slug), signup::choices());
        async move { Ok::<_, shared::Problem>((edition.await?, choices.await?)) }
    });
    view! {
        <div class="fr-container fr-my-4w">
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match edition.await {
                        Ok((edition, choices)) => view! { <EditionDetail edition choices /> }.into_any(),
                        Err(problem) => view! { <ErrorNotice problem /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn EditionDetail(edition: Edition, choices: signup::Choices) -> impl IntoView {
    let levels: Vec<&str> = edition.levels.iter().map(|l| l.label()).collect();
    let facts = [
        ("Journée", when(&edition)),
        (
            "Inscriptions",
            format!(
                "du {} au {}",
                format::date_time(edition.signup_opens_at),
                format::date_time(edition.signup_closes_at)
            ),
        ),
        ("Niveaux accueillis", levels.join(", ")),
        (
            "Participation",
            format!(
                "{}, {}",
                format::count(edition.students, "étudiant inscrit", "étudiants inscrits"),
                format::count(edition.ambassadors, "ambassadeur", "ambassadeurs")
            ),
        ),
    ];
    let open = edition.status == EditionStatus::Open;
    view! {
        <Title text=edition.title.clone() />
        <Meta name="description" content=format!("{} — {}. Inscriptions du {} au {}.", edition.title, when(&edition), format::date(edition.signup_opens_at), format::date(edition.signup_closes_at)) />
        <Breadcrumb trail=vec![step("/vis-mon-job", "Vis mon job")] current=edition.title.clone() />
        <h1>{edition.title.clone()}</h1>
        <p class=status_badge(edition.status)>{edition.status.label()}</p>
        <Markdown text=edition.description.clone() />
        <dl class="talents-facts__list fr-mb-4w">
            {facts.into_iter().map(|(term, value)| view! { <dt>{term}</dt><dd>{value}</dd> }).collect_view()}
        </dl>
        {if open {
            view! { <SignupSection edition choices /> }.into_any()
        } else {
            view! { <p class="fr-mt-4w">"Les inscriptions à cette édition ne sont pas ouvertes."</p> }.into_any()
        }}
    }
}
