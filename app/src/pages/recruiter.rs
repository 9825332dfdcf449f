//! The recruiter's space: `/espace-recruteur` (the entity's offers and their life cycle),
//! `/espace-recruteur/offres/nouvelle` (a new offer) and `/espace-recruteur/vitrine` (the
//! showcase, with a live preview). Data loads in the browser, with the session.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;
use shared::entity::{EntityDetail, ShowcaseUpdate};
use shared::offer::{ContractType, Experience, Offer, OfferDraft, OfferStatus, Remote};
use shared::Problem;

use crate::api::{self, browser};
use crate::components::markdown::Markdown;
use crate::components::states::{Loading, ProblemAlert};
use crate::format;
use crate::pages::offers::vocabulary;

/// Title and tabs of the recruiter's space.
#[component]
fn SpaceNav(current: &'static str) -> impl IntoView {
    let links = [
        ("/espace-recruteur", "Offres"),
        ("/espace-recruteur/offres/nouvelle", "Nouvelle offre"),
        ("/espace-recruteur/vitrine", "Vitrine"),
    ];
    view! {
        <nav class="fr-mb-4w" aria-label="Espace recruteur">
            <ul class="fr-btns-group fr-btns-group--inline-md">
                {links.into_iter().map(|(href, label)| view! {
                    <li>
                        <a class=if href == current { "fr-btn" } else { "fr-btn fr-btn--secondary" } href=href
                            aria-current=(href == current).then_some("page")>{label}</a>
                    </li>
                }).collect_view()}
            </ul>
        </nav>
    }
}

#[component]
pub fn RecruiterHomePage() -> impl IntoView {
    let offers =
        LocalResource::new(|| browser::get::<Vec<Offer>>("/api/v1/recruiter/offers".into()));
    let problem = RwSignal::new(None::<Problem>);
    let act = move |id: shared::OfferId, action: &'static str| {
        spawn_local(async move {
            match browser::send::<_, Offer>(
                "POST",
                format!("/api/v1/recruiter/offers/{id}/{action}"),
                &(),
            )
            .await
            {
                Ok(_) => {
                    problem.set(None);
                    offers.refetch();
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    };
    view! {
        <Title text="Espace recruteur" />
        <div class="fr-container fr-my-4w">
            <h1>"Espace recruteur"</h1>
            <SpaceNav current="/espace-recruteur" />
            {move || problem.get().map(|problem| view! { <ProblemAlert problem /> })}
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match offers.await {
                        Err(problem) => view! { <ProblemAlert problem /> }.into_any(),
                        Ok(list) => view! {
                            <div class="fr-table">
                                <table>
                                    <caption>{format::count(list.len() as i64, "offre de votre entité", "offres de votre entité")}</caption>
                                    <thead><tr>
                                        <th scope="col">"Titre"</th>
                                        <th scope="col">"Statut"</th>
                                        <th scope="col">"Expire le"</th>
                                        <th scope="col">"Actions"</th>
                                    </tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|offer| view! { <OfferLine offer act /> }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// One offer of the entity with the actions its status allows.
#[component]
fn OfferLine(
    offer: Offer,
    act: impl Fn(shared::OfferId, &'static str) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = offer.summary.id;
    let status = offer.status;
    let title = offer.summary.title.clone();
    view! {
        <tr>
            <td>{offer.summary.title.clone()}</td>
            <td><p class="fr-badge fr-badge--sm">{status.label()}</p></td>
            <td>{format::date(offer.summary.expires_at)}</td>
            <td>
                <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
                    {(status != OfferStatus::Published).then(|| view! {
                        <li><button class="fr-btn fr-btn--sm" type="button" on:click=move |_| act(id, "publish")>
                            "Publier"<span class="fr-sr-only">{format!(" « {title} »")}</span></button></li>
                    })}
                    {(status == OfferStatus::Published).then(|| view! {
                        <li><a class="fr-btn fr-btn--sm fr-btn--tertiary" href=format!("/offres/{id}")>"Voir"</a></li>
                        <li><button class="fr-btn fr-btn--sm fr-btn--secondary" type="button" on:click=move |_| act(id, "fill")>"Pourvue"</button></li>
                    })}
                    {(status != OfferStatus::Archived).then(|| view! {
                        <li><button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" on:click=move |_| act(id, "archive")>"Archiver"</button></li>
                    })}
                </ul>
            </td>
        </tr>
    }
}

/// One labelled text input bound to a signal.
#[component]
fn TextField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] hint: &'static str,
) -> impl IntoView {
    view! {
        <div class="fr-input-group">
            <label class="fr-label" for=id>{label}
                {(!hint.is_empty()).then(|| view! { <span class="fr-hint-text">{hint}</span> })}
            </label>
            <input class="fr-input" id=id name=id type="text" bind:value=value />
        </div>
    }
}

/// One labelled Markdown textarea bound to a signal.
#[component]
fn TextArea(id: &'static str, label: &'static str, value: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="fr-input-group">
            <label class="fr-label" for=id>{label}<span class="fr-hint-text">"Markdown accepté (listes, gras, liens)."</span></label>
            <textarea class="fr-input" id=id name=id rows="6" bind:value=value></textarea>
        </div>
    }
}

/// One labelled `<select>` of a vocabulary, bound to a signal holding its snake_case value.
#[component]
fn ChoiceField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
) -> impl IntoView {
    view! {
        <div class="fr-select-group">
            <label class="fr-label" for=id>{label}</label>
            <select class="fr-select" id=id name=id bind:value=value>
                {options.into_iter().map(|(v, text)| view! { <option value=v>{text}</option> }).collect_view()}
            </select>
        </div>
    }
}

#[component]
pub fn NewOfferPage() -> impl IntoView {
    let families = Resource::new(|| (), |_| api::metier_families());
    let fields = [(); 9].map(|_| RwSignal::new(String::new()));
    let [metier, title, mission, profile, departement, city, expires, team, perks] = fields;
    let contract = RwSignal::new(ContractType::TitulaireOuContractuel.as_ref().to_owned());
    let remote = RwSignal::new(Remote::Partial.as_ref().to_owned());
    let experience = RwSignal::new(Experience::Confirmed.as_ref().to_owned());
    let problem = RwSignal::new(None::<Problem>);
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let navigate = navigate.clone();
        let draft = OfferDraft {
            metier: metier.get_untracked(),
            title: title.get_untracked(),
            mission: mission.get_untracked(),
            profile: profile.get_untracked(),
            team: team.get_untracked(),
            perks: perks.get_untracked(),
            process: String::new(),
            contract_type: contract.get_untracked().parse().ok(),
            category: None,
            departement_code: departement.get_untracked().trim().to_uppercase(),
            city: city.get_untracked(),
            remote: remote.get_untracked().parse().ok(),
            experience: experience.get_untracked().parse().ok(),
            salary: None,
            expires_at: chrono::NaiveDate::parse_from_str(&expires.get_untracked(), "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(23, 59, 0)),
        };
        spawn_local(async move {
            match browser::send::<_, Offer>("POST", "/api/v1/recruiter/offers".into(), &draft).await
            {
                Ok(_) => navigate("/espace-recruteur", Default::default()),
                Err(p) => problem.set(Some(p)),
            }
        });
    };
    view! {
        <Title text="Nouvelle offre" />
        <div class="fr-container fr-my-4w">
            <h1>"Nouvelle offre"</h1>
            <SpaceNav current="/espace-recruteur/offres/nouvelle" />
            {move || problem.get().map(|problem| view! { <ProblemAlert problem /> })}
            <form on:submit=submit>
                <Suspense fallback=|| view! { <Loading /> }>
                    {move || Suspend::new(async move {
                        let options: Vec<(String, String)> = families.await.unwrap_or_default().into_iter()
                            .flat_map(|f| f.metiers).map(|m| (m.slug, m.name)).collect();
                        if metier.get_untracked().is_empty() {
                            if let Some((first, _)) = options.first() { metier.set(first.clone()); }
                        }
                        view! { <ChoiceField id="metier" label="Métier" value=metier options /> }
                    })}
                </Suspense>
                <TextField id="title" label="Titre de l'offre" value=title />
                <TextArea id="mission" label="Votre mission" value=mission />
                <TextArea id="profile" label="Votre profil" value=profile />
                <TextArea id="team" label="Votre équipe" value=team />
                <TextArea id="perks" label="Avantages" value=perks />
                <ChoiceField id="contract" label="Type de contrat" value=contract options=vocabulary(ContractType::all(), ContractType::label) />
                <ChoiceField id="remote" label="Télétravail" value=remote options=vocabulary(Remote::all(), Remote::label) />
                <ChoiceField id="experience" label="Expérience" value=experience options=vocabulary(Experience::all(), Experience::label) />
                <TextField id="departement" label="Département" value=departement hint="Code, ex. 75, 35, 2A, 974" />
                <TextField id="city" label="Ville" value=city />
                <div class="fr-input-group">
                    <label class="fr-label" for="expires">"Date limite de candidature"</label>
                    <input class="fr-input" id="expires" name="expires" type="date" bind:value=expires />
                </div>
                <button class="fr-btn" type="submit">"Enregistrer le brouillon"</button>
            </form>
        </div>
    }
}

#[component]
pub fn ShowcaseEditorPage() -> impl IntoView {
    let current =
        LocalResource::new(|| browser::get::<EntityDetail>("/api/v1/recruiter/showcase".into()));
    let presentation = RwSignal::new(String::new());
    let missions = RwSignal::new(String::new());
    let saved = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(Ok(detail)) = current.get_untracked() else {
            return;
        };
        let mut showcase = detail.showcase.clone();
        showcase.presentation = presentation.get_untracked();
        showcase.missions = missions.get_untracked();
        let update = ShowcaseUpdate {
            showcase,
            testimonials: detail.testimonials.clone(),
        };
        spawn_local(async move {
            match browser::send::<_, EntityDetail>(
                "PUT",
                "/api/v1/recruiter/showcase".into(),
                &update,
            )
            .await
            {
                Ok(_) => {
                    problem.set(None);
                    saved.set(true);
                }
                Err(p) => {
                    saved.set(false);
                    problem.set(Some(p));
                }
            }
        });
    };
    view! {
        <Title text="Vitrine de l'entité" />
        <div class="fr-container fr-my-4w">
            <h1>"Vitrine de l'entité"</h1>
            <SpaceNav current="/espace-recruteur/vitrine" />
            {move || problem.get().map(|problem| view! { <ProblemAlert problem /> })}
            {move || saved.get().then(|| view! {
                <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
                    <p>"Vitrine enregistrée : elle est en ligne."</p>
                </div>
            })}
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match current.await {
                        Err(problem) => view! { <ProblemAlert problem /> }.into_any(),
                        Ok(detail) => {
                            presentation.set(detail.showcase.presentation.clone());
                            missions.set(detail.showcase.missions.clone());
                            view! {
                                <p>
                                    <a class="fr-link" href=format!("/entites/{}", detail.summary.slug)>{format!("Voir la vitrine publique de {}", detail.summary.name)}</a>
                                </p>
                                <form on:submit=save>
                                    <div class="fr-grid-row fr-grid-row--gutters">
                                        <div class="fr-col-12 fr-col-md-6">
                                            <TextArea id="presentation" label="Présentation" value=presentation />
                                            <TextArea id="missions" label="Missions" value=missions />
                                            <button class="fr-btn" type="submit">"Enregistrer la vitrine"</button>
                                        </div>
                                        <div class="fr-col-12 fr-col-md-6">
                                            <section class="talents-preview" aria-labelledby="apercu">
                                                <h2 id="apercu" class="fr-h4">"Aperçu"</h2>
                                                {move || view! { <Markdown text=presentation.get() /> }}
                                                <h3 class="fr-h5">"Missions"</h3>
                                                {move || view! { <Markdown text=missions.get() /> }}
                                            </section>
                                        </div>
                                    </div>
                                </form>
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}
