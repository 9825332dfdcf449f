//! `/espace-candidat/profil`: what the candidate looks for, and who may see the profile.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::api::accounts;
use shared::geo::Region;
use shared::metier::MetierFamily;
use shared::offer::ContractType;
use shared::profile::CandidateProfile;
use shared::Problem;

use crate::api::{self, browser};
use crate::components::confirmation::UnconfirmedAddress;
use crate::components::form::{CheckboxGroup, Success, TextField};
use crate::components::states::{LastProblem, Loaded};

/// Everything the form offers to choose from.
#[derive(Clone)]
struct Choices {
    families: Vec<MetierFamily>,
    regions: Vec<Region>,
    entities: Vec<(String, String)>,
}

async fn load() -> Result<(CandidateProfile, Choices), Problem> {
    let profile = browser::fetch(accounts::ShowProfile {}).await?;
    let choices = Choices {
        families: api::metier_families().await?,
        regions: api::regions().await?,
        entities: api::entities()
            .await?
            .into_iter()
            .map(|e| (e.slug, e.name))
            .collect(),
    };
    Ok((profile, choices))
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    let loaded = LocalResource::new(load);
    view! {
        <Title text="Mon profil" />
        <div class="fr-container fr-my-4w">
            <h1>"Mon profil"</h1>
            <UnconfirmedAddress />
            <p><a class="fr-link" href="/espace-candidat">"Mes candidatures"</a></p>
            <Loaded resource=loaded view=move |(profile, choices)| view! { <ProfileForm profile choices /> }.into_any() />
        </div>
    }
}

#[component]
fn ProfileForm(profile: CandidateProfile, choices: Choices) -> impl IntoView {
    let first_name = RwSignal::new(profile.first_name);
    let last_name = RwSignal::new(profile.last_name);
    let phone = RwSignal::new(profile.phone);
    let metiers = RwSignal::new(profile.metiers);
    let regions = RwSignal::new(profile.regions);
    let contracts = RwSignal::new(
        profile
            .contract_types
            .iter()
            .map(|c| c.as_ref().to_owned())
            .collect::<Vec<_>>(),
    );
    let linkedin = RwSignal::new(profile.linkedin_url);
    let github = RwSignal::new(profile.github_url);
    let portfolio = RwSignal::new(profile.portfolio_url);
    let visible = RwSignal::new(profile.visible_to_recruiters);
    let hidden = RwSignal::new(profile.hidden_entities);
    let problem = RwSignal::new(None::<Problem>);
    let saved = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(None);
        let body = CandidateProfile {
            first_name: first_name.get_untracked(),
            last_name: last_name.get_untracked(),
            phone: phone.get_untracked(),
            metiers: metiers.get_untracked(),
            regions: regions.get_untracked(),
            contract_types: contracts
                .get_untracked()
                .iter()
                .filter_map(|c| c.parse().ok())
                .collect(),
            linkedin_url: linkedin.get_untracked(),
            github_url: github.get_untracked(),
            portfolio_url: portfolio.get_untracked(),
            visible_to_recruiters: visible.get_untracked(),
            hidden_entities: hidden.get_untracked(),
        };
        browser::act(
            accounts::UpdateProfile {},
            body,
            problem,
            move |_: Option<CandidateProfile>| {
                saved.set(Some("Profil enregistré.".to_owned()));
            },
        );
    };
    let region_options = choices
        .regions
        .iter()
        .map(|r| (r.code.clone(), r.name.clone()))
        .collect();
    let contract_options = ContractType::all()
        .map(|c| (c.as_ref().to_owned(), c.label().to_owned()))
        .collect();
    view! {
        <LastProblem problem />
        <Success message=saved />
        <form on:submit=submit>
            <TextField id="first_name" label="Prénom" value=first_name autocomplete="given-name" required=true />
            <TextField id="last_name" label="Nom" value=last_name autocomplete="family-name" required=true />
            <TextField id="phone" label="Téléphone" value=phone kind="tel" autocomplete="tel" hint="Par exemple 06 12 34 56 78" />
            <h2 class="fr-mt-4w">"Ce que je recherche"</h2>
            {choices.families.into_iter().map(|family| {
                let options = family.metiers.iter().map(|m| (m.slug.clone(), m.name.clone())).collect();
                view! { <CheckboxGroup id="metier" legend=format!("Métiers — {}", family.name) options selected=metiers /> }
            }).collect_view()}
            <CheckboxGroup id="region" legend="Régions".to_owned() options=region_options selected=regions />
            <CheckboxGroup id="contrat" legend="Types de contrat".to_owned() options=contract_options selected=contracts />
            <h2 class="fr-mt-4w">"Mes liens"</h2>
            <TextField id="linkedin_url" label="Profil LinkedIn" value=linkedin kind="url" hint="https://www.linkedin.com/in/…" />
            <TextField id="github_url" label="Profil GitHub" value=github kind="url" hint="https://github.com/…" />
            <TextField id="portfolio_url" label="Portfolio ou site personnel" value=portfolio kind="url" hint="https://…" />
            <h2 class="fr-mt-4w">"Visibilité"</h2>
            <div class="fr-checkbox-group fr-mb-3w">
                <input type="checkbox" id="visible" prop:checked=move || visible.get() on:change=move |_| visible.update(|v| *v = !*v) />
                <label class="fr-label" for="visible">"Les recruteurs de l'État peuvent trouver mon profil et me contacter"</label>
            </div>
            <CheckboxGroup id="masquer" legend="Masquer mon profil à ces employeurs".to_owned() options=choices.entities selected=hidden />
            <button class="fr-btn" type="submit">"Enregistrer mon profil"</button>
        </form>
    }
}
