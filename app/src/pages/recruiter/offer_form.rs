//! `/espace-recruteur/offres/nouvelle` and `/espace-recruteur/offres/:id`: one form for a
//! new or existing offer, a live preview, the fields still missing for publication
//! (checked by the same rules as the server), and for an existing offer its audience.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared::api::recruiter::{CreateOffer, OfferStats, RecruiterShowOffer, UpdateOffer};
use shared::offer::{
    Category, ContractType, Experience, Offer, OfferDraft, OfferStatus, Remote, SalaryRange,
};
use shared::{OfferId, Problem};

use super::{OfferStep, SpaceNav};
use crate::api::{self, browser};
use crate::components::application_figures::ApplicationFiguresView;
use crate::components::chart::BarChart;
use crate::components::form::{ChoiceField, FormErrors, Success, TextArea, TextField};
use crate::components::markdown::Markdown;
use crate::components::states::{LastProblem, Loaded, Loading};
use crate::pages::offers::vocabulary;

/// The form's fields, each a signal holding its text as typed.
#[derive(Clone, Copy)]
struct OfferFields {
    metier: RwSignal<String>,
    title: RwSignal<String>,
    mission: RwSignal<String>,
    profile: RwSignal<String>,
    team: RwSignal<String>,
    perks: RwSignal<String>,
    process: RwSignal<String>,
    contract: RwSignal<String>,
    category: RwSignal<String>,
    departement: RwSignal<String>,
    city: RwSignal<String>,
    remote: RwSignal<String>,
    experience: RwSignal<String>,
    salary_min: RwSignal<String>,
    salary_max: RwSignal<String>,
    expires: RwSignal<String>,
}

impl OfferFields {
    fn new() -> Self {
        let text = || RwSignal::new(String::new());
        Self {
            metier: text(),
            title: text(),
            mission: text(),
            profile: text(),
            team: text(),
            perks: text(),
            process: text(),
            contract: RwSignal::new(ContractType::TitulaireOuContractuel.as_ref().to_owned()),
            category: text(),
            departement: text(),
            city: text(),
            remote: RwSignal::new(Remote::Partial.as_ref().to_owned()),
            experience: RwSignal::new(Experience::Confirmed.as_ref().to_owned()),
            salary_min: text(),
            salary_max: text(),
            expires: text(),
        }
    }

    fn fill(&self, d: &OfferDraft) {
        let name = |v: Option<&str>| v.unwrap_or_default().to_owned();
        self.metier.set(d.metier.clone());
        self.title.set(d.title.clone());
        self.mission.set(d.mission.clone());
        self.profile.set(d.profile.clone());
        self.team.set(d.team.clone());
        self.perks.set(d.perks.clone());
        self.process.set(d.process.clone());
        self.contract
            .set(name(d.contract_type.as_ref().map(AsRef::as_ref)));
        self.category
            .set(name(d.category.as_ref().map(AsRef::as_ref)));
        self.departement.set(d.departement_code.clone());
        self.city.set(d.city.clone());
        self.remote.set(name(d.remote.as_ref().map(AsRef::as_ref)));
        self.experience
            .set(name(d.experience.as_ref().map(AsRef::as_ref)));
        self.salary_min
            .set(d.salary.map(|s| s.min.to_string()).unwrap_or_default());
        self.salary_max
            .set(d.salary.map(|s| s.max.to_string()).unwrap_or_default());
        self.expires.set(
            d.expires_at
                .map(|at| at.date().to_string())
                .unwrap_or_default(),
        );
    }

    /// The draft as typed (tracked: the preview follows every keystroke).
    fn draft(&self) -> OfferDraft {
        let salary = match (
            self.salary_min.get().trim().parse(),
            self.salary_max.get().trim().parse(),
        ) {
            (Ok(min), Ok(max)) => Some(SalaryRange { min, max }),
            _ => None,
        };
        OfferDraft {
            metier: self.metier.get(),
            title: self.title.get(),
            mission: self.mission.get(),
            profile: self.profile.get(),
            team: self.team.get(),
            perks: self.perks.get(),
            process: self.process.get(),
            contract_type: self.contract.get().parse().ok(),
            category: self.category.get().parse().ok(),
            departement_code: self.departement.get().trim().to_uppercase(),
            city: self.city.get(),
            remote: self.remote.get().parse().ok(),
            experience: self.experience.get().parse().ok(),
            salary,
            expires_at: chrono::NaiveDate::parse_from_str(&self.expires.get(), "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(23, 59, 0)),
        }
    }
}

/// The inputs, then the preview beside them.
#[component]
fn OfferEditor(
    fields: OfferFields,
    submit_label: &'static str,
    on_submit: impl Fn(OfferDraft) + 'static,
) -> impl IntoView {
    let families = Resource::new(|| (), |_| api::metier_families());
    let f = fields;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_submit(f.draft());
    };
    let mut categories = vec![(String::new(), "Non précisée".to_owned())];
    categories.extend(vocabulary(Category::all(), Category::label));
    // The browser has no clock chrono can read: expiry dates are checked by the server.
    let missing = move || {
        f.draft()
            .publication_errors(chrono::NaiveDateTime::default())
    };
    view! {
        <div class="fr-grid-row fr-grid-row--gutters">
            <form class="fr-col-12 fr-col-lg-6" on:submit=submit>
                <Suspense fallback=|| view! { <Loading /> }>
                    // No métier chosen in advance: a default one would be published unnoticed.
                    // (Setting the field here also changed the preview after the server had
                    // sent it: the page then failed to hydrate on every direct load.)
                    {move || Suspend::new(async move {
                        let options: Vec<(String, String)> = std::iter::once((String::new(), "Choisir un métier".to_owned()))
                            .chain(families.await.unwrap_or_default().into_iter()
                                .flat_map(|f| f.metiers).map(|m| (m.slug, m.name)))
                            .collect();
                        view! { <ChoiceField id="metier" field="metier" label="Métier" value=f.metier options /> }
                    })}
                </Suspense>
                <TextField id="title" field="title" label="Titre de l'offre" value=f.title />
                <TextArea markdown=true id="mission" field="mission" label="Votre mission" value=f.mission />
                <TextArea markdown=true id="profile" field="profile" label="Votre profil" value=f.profile />
                <TextArea markdown=true id="team" field="team" label="Votre équipe" value=f.team />
                <TextArea markdown=true id="perks" field="perks" label="Avantages" value=f.perks />
                <TextArea markdown=true id="process" field="process" label="Processus de recrutement" value=f.process rows=3 />
                <ChoiceField id="contract" field="contract_type" label="Type de contrat" value=f.contract options=vocabulary(ContractType::all(), ContractType::label) />
                <ChoiceField id="category" field="category" label="Catégorie" value=f.category options=categories />
                <ChoiceField id="remote" field="remote" label="Télétravail" value=f.remote options=vocabulary(Remote::all(), Remote::label) />
                <ChoiceField id="experience" field="experience" label="Expérience" value=f.experience options=vocabulary(Experience::all(), Experience::label) />
                <TextField id="departement" field="departement_code" label="Département" value=f.departement hint="Code, ex. 75, 35, 2A, 974" />
                <TextField id="city" field="city" label="Ville" value=f.city />
                <TextField id="salary-min" field="salary" label="Salaire annuel brut minimum (€)" value=f.salary_min kind="number" hint="Facultatif" />
                <TextField id="salary-max" label="Salaire annuel brut maximum (€)" value=f.salary_max kind="number" hint="Facultatif" />
                <TextField id="expires" field="expires_at" label="Date limite de candidature" value=f.expires kind="date" />
                <button class="fr-btn" type="submit">{submit_label}</button>
            </form>
            <div class="fr-col-12 fr-col-lg-6">
                <section class="talents-preview" aria-labelledby="apercu-offre">
                    <h2 id="apercu-offre" class="fr-h4">"Aperçu"</h2>
                    {move || {
                        let errors = missing();
                        if errors.is_empty() {
                            view! { <p class="fr-badge fr-badge--success">"Prête à publier"</p> }.into_any()
                        } else {
                            view! {
                                <div class="fr-callout fr-mb-2w">
                                    <p class="fr-callout__text">"Pour publier, complétez :"</p>
                                    <ul>{errors.into_iter().map(|e| view! { <li>{e.message}</li> }).collect_view()}</ul>
                                </div>
                            }.into_any()
                        }
                    }}
                    <p class="fr-h5">{move || f.title.get()}</p>
                    <h3 class="fr-h6">"Votre mission"</h3>
                    {move || view! { <Markdown text=f.mission.get() /> }}
                    <h3 class="fr-h6">"Votre profil"</h3>
                    {move || view! { <Markdown text=f.profile.get() /> }}
                    <h3 class="fr-h6">"Votre équipe"</h3>
                    {move || view! { <Markdown text=f.team.get() /> }}
                    <h3 class="fr-h6">"Avantages"</h3>
                    {move || view! { <Markdown text=f.perks.get() /> }}
                </section>
            </div>
        </div>
    }
    // Erased: the form's concrete view type is deep enough to exhaust the compiler's limits.
    .into_any()
}

#[component]
pub fn NewOfferPage() -> impl IntoView {
    let fields = OfferFields::new();
    let problem = RwSignal::new(None::<Problem>);
    FormErrors::provide(problem);
    let navigate = use_navigate();
    let save = move |draft: OfferDraft| {
        let navigate = navigate.clone();
        browser::act(
            CreateOffer {},
            draft,
            problem,
            move |offer: Option<Offer>| {
                if let Some(offer) = offer {
                    navigate(
                        &format!("/espace-recruteur/offres/{}", offer.summary.id),
                        Default::default(),
                    );
                }
            },
        );
    };
    view! {
        <Title text="Nouvelle offre" />
        <div class="fr-container fr-my-4w">
            <h1>"Nouvelle offre"</h1>
            <SpaceNav current="/espace-recruteur/offres/nouvelle" />
            <LastProblem problem />
            <OfferEditor fields submit_label="Enregistrer le brouillon" on_submit=save />
        </div>
    }
}

#[component]
pub fn EditOfferPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .with(|p| p.get("id").unwrap_or_default())
            .parse::<OfferId>()
            .map_err(|_| Problem::not_found("Offre introuvable"))
    };
    let offer = LocalResource::new(move || {
        let id = id();
        async move { browser::fetch(RecruiterShowOffer { id: id? }).await }
    });
    let figures = LocalResource::new(move || {
        let id = id();
        async move { browser::fetch(OfferStats { id: id? }).await }
    });
    let fields = OfferFields::new();
    let problem = RwSignal::new(None::<Problem>);
    FormErrors::provide(problem);
    let saved = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<OfferStatus>);
    let done = move |message: &'static str| {
        move |answer: Option<Offer>| {
            if let Some(offer) = answer {
                status.set(Some(offer.status));
            }
            saved.set(Some(message.to_owned()));
        }
    };
    let save = move |draft: OfferDraft| match id() {
        Ok(id) => browser::act(
            UpdateOffer { id },
            draft,
            problem,
            done("Offre enregistrée."),
        ),
        Err(p) => problem.set(Some(p)),
    };
    let change = move |step: OfferStep, message: &'static str| match id() {
        Ok(id) => step.send(id, problem, done(message)),
        Err(p) => problem.set(Some(p)),
    };
    view! {
        <Title text="Modifier l'offre" />
        <div class="fr-container fr-my-4w">
            <h1>"Modifier l'offre"</h1>
            <SpaceNav current="" />
            <LastProblem problem />
            <Success message=saved />
            <Loaded resource=offer view=move |current| {
                    fields.fill(&OfferDraft::from(&current));
                    status.set(Some(current.status));
                    view! {
                        <p>
                            "Statut : "
                            <span class="fr-badge">{move || status.get().map(OfferStatus::label)}</span>
                        </p>
                        <ul class="fr-btns-group fr-btns-group--inline-md fr-mb-3w">
                            <li><button class="fr-btn fr-btn--secondary" type="button" on:click=move |_| change(OfferStep::Publish, "Offre publiée.")>"Publier"</button></li>
                            <li><button class="fr-btn fr-btn--secondary" type="button" on:click=move |_| change(OfferStep::Fill, "Offre marquée pourvue.")>"Marquer pourvue"</button></li>
                            <li><button class="fr-btn fr-btn--tertiary" type="button" on:click=move |_| change(OfferStep::Archive, "Offre archivée.")>"Archiver"</button></li>
                        </ul>
                        <OfferEditor fields submit_label="Enregistrer les modifications" on_submit=save />
                    }.into_any()
                }
            />
            <section class="fr-mt-6w" aria-labelledby="audience">
                <h2 id="audience">"Audience"</h2>
                <Suspense fallback=|| view! { <Loading /> }>
                    {move || Suspend::new(async move {
                        figures.await.ok().map(|f| view! {
                            <p>{crate::format::count(f.offer.views, "vue depuis la création", "vues depuis la création")}</p>
                            <BarChart title="Vues par jour, 30 derniers jours".into() unit="Vues" points=f.daily_views />
                            <h3>"Candidatures"</h3>
                            <ApplicationFiguresView figures=f.applications scope="à l'offre" />
                        })
                    })}
                </Suspense>
            </section>
        </div>
    }
}
