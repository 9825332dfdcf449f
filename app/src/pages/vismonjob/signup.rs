//! The sign-up form of an open edition. Anonymous visitors create their candidate account in
//! the same step (e-mail and password); a signed-in candidate signs up, or edits the sign-up
//! until the deadline.

use leptos::prelude::*;
use shared::account::{Me, Role};
use shared::entity::EntityKind;
use shared::geo::Region;
use shared::metier::MetierFamily;
use shared::vismonjob::{Edition, MySignup, StudentSignupForm, StudyLevel};
use shared::Problem;

use crate::api::{self, browser};
use crate::components::form::{CheckboxGroup, ChoiceField, Success, TextArea, TextField};
use crate::components::states::{LastProblem, Loaded};

#[derive(Clone)]
struct Choices {
    families: Vec<MetierFamily>,
    regions: Vec<Region>,
    ministries: Vec<(String, String)>,
}

/// Who is signed in, their sign-up if any, and what the form offers to choose from.
type Context = (Option<Me>, Option<MySignup>, Choices);

async fn load(slug: String) -> Result<Context, Problem> {
    let me = browser::get::<Me>("/api/v1/me".into()).await.ok();
    let existing = match &me {
        Some(me) if me.role == Role::Candidate => {
            browser::get::<MySignup>(format!("/api/v1/vis-mon-job/editions/{slug}/signup"))
                .await
                .ok()
        }
        _ => None,
    };
    let choices = Choices {
        families: api::metier_families().await?,
        regions: api::regions().await?,
        ministries: api::entities()
            .await?
            .into_iter()
            .filter(|e| e.kind == EntityKind::Ministere)
            .map(|e| (e.slug, e.name))
            .collect(),
    };
    Ok((me, existing, choices))
}

#[component]
pub(super) fn SignupSection(edition: Edition) -> impl IntoView {
    let slug = edition.slug.clone();
    let context = LocalResource::new(move || load(slug.clone()));
    view! {
        <section class="fr-mt-6w" aria-labelledby="inscription">
            <h2 id="inscription">"S'inscrire"</h2>
            <Loaded resource=context view=move |(me, existing, choices)| {
                match &me {
                    Some(me) if me.role != Role::Candidate => view! {
                        <p>"Les inscriptions sont réservées aux étudiantes et étudiants : déconnectez-vous de votre compte "
                            {me.role.label().to_lowercase()} " pour vous inscrire."</p>
                    }.into_any(),
                    _ => view! { <SignupForm edition=edition.clone() signed_in=me.is_some() existing choices /> }.into_any(),
                }
            } />
        </section>
    }
}

#[component]
fn SignupForm(
    edition: Edition,
    signed_in: bool,
    existing: Option<MySignup>,
    choices: Choices,
) -> impl IntoView {
    let editing = existing.is_some();
    let s = existing.map(|e| e.signup);
    let text = |f: fn(&shared::vismonjob::StudentSignup) -> String| {
        RwSignal::new(s.as_ref().map(f).unwrap_or_default())
    };
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let first_name = text(|s| s.first_name.clone());
    let last_name = text(|s| s.last_name.clone());
    let school = text(|s| s.school.clone());
    let level = text(|s| s.study_level.as_ref().to_owned());
    let field = text(|s| s.field.clone());
    let departement = text(|s| s.departement_code.clone());
    let motivation = text(|s| s.motivation.clone());
    let wish = |rank: usize| {
        RwSignal::new(
            s.as_ref()
                .and_then(|s| s.wishes.get(rank).cloned())
                .unwrap_or_default(),
        )
    };
    let wishes = [wish(0), wish(1), wish(2)];
    let remote_ok = RwSignal::new(s.as_ref().is_some_and(|s| s.remote_ok));
    let administrations = RwSignal::new(
        s.as_ref()
            .map(|s| s.administrations.clone())
            .unwrap_or_default(),
    );
    let consent = RwSignal::new(editing);
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    let path = format!("/api/v1/vis-mon-job/editions/{}/signup", edition.slug);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let body = StudentSignupForm {
            email: email.get_untracked(),
            password: password.get_untracked(),
            first_name: first_name.get_untracked(),
            last_name: last_name.get_untracked(),
            school: school.get_untracked(),
            study_level: level.get_untracked().parse().ok(),
            field: field.get_untracked(),
            departement_code: departement.get_untracked(),
            remote_ok: remote_ok.get_untracked(),
            wishes: wishes
                .iter()
                .map(|w| w.get_untracked())
                .filter(|w| !w.is_empty())
                .collect(),
            administrations: administrations.get_untracked(),
            motivation: motivation.get_untracked(),
            consent: consent.get_untracked(),
        };
        let method = if editing { "PUT" } else { "POST" };
        browser::act(
            method,
            path.clone(),
            body,
            problem,
            move |_: Option<MySignup>| {
                done.set(Some(if editing {
                    "Inscription modifiée.".to_owned()
                } else {
                    "Inscription enregistrée : un courriel de confirmation vous a été envoyé."
                        .to_owned()
                }));
            },
        );
    };
    let levels: Vec<(String, String)> = std::iter::once((String::new(), "Choisir".to_owned()))
        .chain(StudyLevel::all().map(|l| (l.as_ref().to_owned(), l.label().to_owned())))
        .collect();
    let departements: Vec<(String, String)> =
        std::iter::once((String::new(), "Choisir".to_owned()))
            .chain(
                choices
                    .regions
                    .iter()
                    .flat_map(|r| &r.departements)
                    .map(|d| (d.code.clone(), format!("{} — {}", d.code, d.name))),
            )
            .collect();
    let metiers = super::metier_options(&choices.families, "Aucun");
    view! {
        <LastProblem problem />
        <Success message=done />
        {move || done.get().map(|_| view! { <p><a class="fr-link" href="/espace-candidat/vis-mon-job">"Voir mes inscriptions"</a></p> })}
        <form on:submit=submit class="fr-col-md-8">
            {(!signed_in).then(|| view! {
                <fieldset class="fr-fieldset">
                    <legend class="fr-fieldset__legend">"Votre compte"</legend>
                    <p class="fr-fieldset__element">"Vous avez déjà un compte ? "<a href="/connexion">"Connectez-vous"</a>" puis revenez sur cette page."</p>
                    <div class="fr-fieldset__element"><TextField id="vmj-email" label="Adresse électronique" value=email kind="email" autocomplete="email" required=true hint="Format attendu : nom@domaine.fr" /></div>
                    <div class="fr-fieldset__element"><TextField id="vmj-password" label="Mot de passe" value=password kind="password" autocomplete="new-password" required=true hint="12 caractères au moins ; une phrase de passe convient." /></div>
                </fieldset>
            })}
            <fieldset class="fr-fieldset">
                <legend class="fr-fieldset__legend">"Vous"</legend>
                <div class="fr-fieldset__element"><TextField id="vmj-first-name" label="Prénom" value=first_name autocomplete="given-name" required=true /></div>
                <div class="fr-fieldset__element"><TextField id="vmj-last-name" label="Nom" value=last_name autocomplete="family-name" required=true /></div>
                <div class="fr-fieldset__element"><TextField id="vmj-school" label="Établissement" value=school required=true hint="Par exemple : Université de Rennes" /></div>
                <div class="fr-fieldset__element"><ChoiceField id="vmj-level" label="Niveau d'études" value=level options=levels /></div>
                <div class="fr-fieldset__element"><TextField id="vmj-field" label="Formation" value=field required=true hint="Par exemple : BUT informatique, master MIAGE" /></div>
                <div class="fr-fieldset__element"><ChoiceField id="vmj-departement" label="Département où vous pouvez vous rendre" value=departement options=departements /></div>
                <div class="fr-fieldset__element">
                    <div class="fr-checkbox-group">
                        <input type="checkbox" id="vmj-remote" prop:checked=move || remote_ok.get() on:change=move |_| remote_ok.update(|v| *v = !*v) />
                        <label class="fr-label" for="vmj-remote">"Une journée en visio me convient aussi"</label>
                    </div>
                </div>
            </fieldset>
            <fieldset class="fr-fieldset">
                <legend class="fr-fieldset__legend">"Vos vœux"</legend>
                <div class="fr-fieldset__element"><ChoiceField id="vmj-wish-1" label="1er métier souhaité" value=wishes[0] options=metiers.clone() /></div>
                <div class="fr-fieldset__element"><ChoiceField id="vmj-wish-2" label="2e métier souhaité (facultatif)" value=wishes[1] options=metiers.clone() /></div>
                <div class="fr-fieldset__element"><ChoiceField id="vmj-wish-3" label="3e métier souhaité (facultatif)" value=wishes[2] options=metiers /></div>
            </fieldset>
            <CheckboxGroup id="vmj-administration" legend="Administrations qui vous attirent (facultatif)".to_owned() options=choices.ministries selected=administrations />
            <TextArea id="vmj-motivation" label="Ce que vous attendez de la journée" value=motivation rows=4 />
            <div class="fr-checkbox-group fr-mb-3w">
                <input type="checkbox" id="vmj-consent" required=true prop:checked=move || consent.get() on:change=move |_| consent.update(|v| *v = !*v) />
                <label class="fr-label" for="vmj-consent">"J'accepte que mon inscription soit transmise à l'équipe talents de la DINUM et à mon ambassadeur ou ambassadrice"</label>
            </div>
            <button class="fr-btn" type="submit">{if editing { "Modifier mon inscription" } else { "M'inscrire" }}</button>
        </form>
    }
}
