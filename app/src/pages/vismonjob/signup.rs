//! The sign-up form of an open edition. Anonymous visitors create their candidate account in
//! the same step (e-mail and password); a signed-in candidate signs up, or edits the sign-up
//! until the deadline.
//!
//! The server renders the form for the page's session (a visitor's asks for an account too),
//! with every choice in it (the métiers, départements and ministries come with the edition's
//! page); once hydrated, a candidate's own sign-up (or at least their name) fills it in.
//!
//! Before hydration or without the WASM, the form posts as a plain page, its fields named as
//! the API's (`server::routes::vmj_signup_form`): back here with `?inscription=enregistree`
//! (or `a-confirmer`, a visitor's), or this page again with what was typed and why (`posted`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};
use shared::account::Role;
use shared::api::vis_mon_job;
use shared::entity::EntityKind;
use shared::geo::{Departement, Region};
use shared::vismonjob::{Edition, MySignup, StudentSignupForm, StudyLevel};
use shared::Problem;
use std::future::Future;

use crate::api::{self, browser};
use crate::components::form::{
    check, focus_when_drawn, Checkbox, CheckboxGroup, ChoiceField, FormErrors, TextArea, TextField,
};
use crate::components::restricted::{here, with_return};
use crate::components::states::LastProblem;
use crate::contexts::session::CurrentSession;
use crate::posted::{typed, Posted};
use crate::prefill;

/// What the form offers to choose from, as its selects' `(value, text)` options (the
/// métiers' descriptions and the regions stay out: this travels in the page, and the
/// browser reads it before hydrating).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Choices {
    metiers: Vec<(String, String)>,
    departements: Vec<(String, String)>,
    ministries: Vec<(String, String)>,
}

/// The form's choices, from the public catalogue (the API calls are made now, while the
/// page's context is there; the future runs later).
pub(super) fn choices() -> impl Future<Output = Result<Choices, Problem>> + Send + 'static {
    let (families, regions, entities) = (api::metier_families(), api::regions(), api::entities());
    async move {
        let mut departements: Vec<Departement> = regions
            .await?
            .into_iter()
            .flat_map(|r: Region| r.departements)
            .collect();
        // By number, as people look them up: 01 … 19, 2A, 2B, 21 … 95, 971 …
        departements.sort_by_key(|d| d.code.replace("2A", "20A").replace("2B", "20B"));
        Ok(Choices {
            metiers: super::metier_options(&families.await?, "Choisir"),
            departements: with_blank(
                departements
                    .into_iter()
                    .map(|d| {
                        let text = format!("{} — {}", d.code, d.name);
                        (d.code, text)
                    })
                    .collect(),
            ),
            ministries: entities
                .await?
                .into_iter()
                .filter(|e| e.kind == EntityKind::Ministere)
                .map(|e| (e.slug, e.name))
                .collect(),
        })
    }
}

/// `options` after a blank « Choisir » one.
fn with_blank(options: Vec<(String, String)>) -> Vec<(String, String)> {
    std::iter::once((String::new(), "Choisir".to_owned()))
        .chain(options)
        .collect()
}

#[component]
pub(super) fn SignupSection(edition: Edition, choices: Choices) -> impl IntoView {
    let session = CurrentSession::get();
    // Another kind of account cannot sign up: said instead of the form. Drawn for the
    // session the page was served for (as the header), so a signed-in person meets the
    // right form from the first paint, and without the WASM.
    let other_role = Memo::new(move |_| {
        session
            .shown()
            .map(|me| me.role)
            .filter(|role| *role != Role::Candidate)
    });
    view! {
        <section class="fr-mt-6w" aria-labelledby="inscription">
            <h2 id="inscription">"S'inscrire"</h2>
            {move || match other_role.get() {
                Some(role) => view! {
                    <p>"Les inscriptions sont réservées aux étudiantes et étudiants : déconnectez-vous de votre compte "
                        {role.label().to_lowercase()} " pour vous inscrire."</p>
                }.into_any(),
                None => view! { <SignupForm edition=edition.clone() choices=choices.clone() /> }.into_any(),
            }}
        </section>
    }
}

/// The form's fields, each a signal.
#[derive(Clone, Copy)]
struct Fields {
    email: RwSignal<String>,
    password: RwSignal<String>,
    first_name: RwSignal<String>,
    last_name: RwSignal<String>,
    school: RwSignal<String>,
    level: RwSignal<String>,
    field: RwSignal<String>,
    departement: RwSignal<String>,
    motivation: RwSignal<String>,
    wishes: [RwSignal<String>; 3],
    remote_ok: RwSignal<bool>,
    administrations: RwSignal<Vec<String>>,
    consent: RwSignal<bool>,
}

impl Fields {
    /// Empty, or as typed in a refused form posted without the WASM (the password aside).
    fn new(posted: Option<&Posted>) -> Self {
        let text = |field| typed(posted, field);
        let values = |field| posted.map(|p| p.values(field)).unwrap_or_default();
        let checked = |field| RwSignal::new(posted.is_some_and(|p| p.value(field) == "true"));
        let wishes = values("wishes");
        let wish = |rank: usize| RwSignal::new(wishes.get(rank).cloned().unwrap_or_default());
        Self {
            email: text("email"),
            password: RwSignal::new(String::new()),
            first_name: text("first_name"),
            last_name: text("last_name"),
            school: text("school"),
            level: text("study_level"),
            field: text("field"),
            departement: text("departement_code"),
            motivation: text("motivation"),
            wishes: [wish(0), wish(1), wish(2)],
            remote_ok: checked("remote_ok"),
            administrations: RwSignal::new(values("administrations")),
            consent: checked("consent"),
        }
    }

    /// Fills the form with a sign-up already made.
    fn fill(&self, mine: &MySignup) {
        let s = &mine.signup;
        self.first_name.set(s.first_name.clone());
        self.last_name.set(s.last_name.clone());
        self.school.set(s.school.clone());
        self.level.set(s.study_level.as_ref().to_owned());
        self.field.set(s.field.clone());
        self.departement.set(s.departement_code.clone());
        self.motivation.set(s.motivation.clone());
        for (rank, wish) in self.wishes.iter().enumerate() {
            wish.set(s.wishes.get(rank).cloned().unwrap_or_default());
        }
        self.remote_ok.set(s.remote_ok);
        self.administrations.set(s.administrations.clone());
        self.consent.set(true);
    }

    fn form(&self) -> StudentSignupForm {
        StudentSignupForm {
            email: self.email.get_untracked(),
            password: self.password.get_untracked(),
            first_name: self.first_name.get_untracked(),
            last_name: self.last_name.get_untracked(),
            school: self.school.get_untracked(),
            study_level: self.level.get_untracked().parse().ok(),
            field: self.field.get_untracked(),
            departement_code: self.departement.get_untracked(),
            remote_ok: self.remote_ok.get_untracked(),
            wishes: self
                .wishes
                .iter()
                .map(|w| w.get_untracked())
                .filter(|w| !w.is_empty())
                .collect(),
            administrations: self.administrations.get_untracked(),
            motivation: self.motivation.get_untracked(),
            consent: self.consent.get_untracked(),
        }
    }
}

#[component]
fn SignupForm(edition: Edition, choices: Choices) -> impl IntoView {
    let session = CurrentSession::get();
    // A candidate signs up without the account fields (served as the header is).
    let candidate =
        Memo::new(move |_| session.shown().is_some_and(|me| me.role == Role::Candidate));
    let posted = Posted::get();
    let f = Fields::new(posted.as_ref());
    let editing = RwSignal::new(false);
    let problem = RwSignal::new(posted.map(|p| p.problem));
    FormErrors::provide(problem);
    // Set once signed up (or back from a plain post that signed up): the form gives way to
    // what happens next.
    let signed_up =
        RwSignal::new(
            use_query_map().with_untracked(|q| match q.get("inscription").as_deref() {
                Some("enregistree") => Some(Outcome::Registered),
                Some("a-confirmer") => Some(Outcome::ToConfirm),
                _ => None,
            }),
        );
    let saved = RwSignal::new(false);
    let slug = edition.slug.clone();
    // A signed-in candidate finds their sign-up as they left it, or at least their name.
    Effect::new(move |_| {
        if !candidate.get() {
            return;
        }
        let slug = slug.clone();
        leptos::task::spawn_local(async move {
            let mine = browser::fetch(vis_mon_job::MySignups {})
                .await
                .ok()
                .and_then(|all| all.into_iter().find(|m| m.edition.slug == slug));
            match mine {
                Some(mine) => {
                    f.fill(&mine);
                    editing.set(true);
                }
                None => prefill::candidate_name(f.first_name, f.last_name).await,
            }
        });
    });
    let signup_slug = edition.slug.clone();
    let page = format!("/vis-mon-job/{}", edition.slug);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let body = f.form();
        let with_account = !candidate.get_untracked();
        if !check(problem, body.errors(with_account)) {
            return;
        }
        let editing = editing.get_untracked();
        let done = move |_: Option<MySignup>| {
            if editing {
                saved.set(true);
            } else if with_account {
                // A visitor's: its account is signed in by the link e-mailed to confirm it.
                signed_up.set(Some(Outcome::ToConfirm));
            } else {
                signed_up.set(Some(Outcome::Registered));
            }
        };
        let slug = signup_slug.clone();
        if editing {
            browser::act(vis_mon_job::UpdateVmjSignup { slug }, body, problem, done);
        } else {
            browser::act(vis_mon_job::SignUpToVmj { slug }, body, problem, done);
        }
    };
    let levels = with_blank(
        StudyLevel::all()
            .map(|l| (l.as_ref().to_owned(), l.label().to_owned()))
            .collect(),
    );
    let Choices {
        metiers,
        departements,
        ministries,
    } = choices;
    let sign_in = with_return("/connexion", &format!("{}#inscription", here()));
    let form = move || {
        let sign_in = sign_in.clone();
        view! {
            <LastProblem problem />
            <p class="fr-hint-text">"Sauf mention contraire, tous les champs sont obligatoires."</p>
            <form method="post" action=page.clone() on:submit=submit.clone() class="fr-col-md-8" novalidate>
                {move || (!candidate.get()).then(|| view! {
                    <fieldset class="fr-fieldset">
                        <legend class="fr-fieldset__legend">"Votre compte"</legend>
                        <p class="fr-fieldset__element">"Vous avez déjà un compte ? "<a href=sign_in.clone()>"Connectez-vous"</a>" : vous reviendrez sur cette page."</p>
                        <div class="fr-fieldset__element"><TextField id="vmj-email" field="email" label="Adresse électronique" value=f.email kind="email" autocomplete="email" required=true hint="Format attendu : nom@domaine.fr" /></div>
                        <div class="fr-fieldset__element"><TextField id="vmj-password" field="password" label="Mot de passe" value=f.password kind="password" autocomplete="new-password" required=true hint="12 caractères au moins ; une phrase de passe convient." /></div>
                    </fieldset>
                })}
                <fieldset class="fr-fieldset">
                    <legend class="fr-fieldset__legend">"Vous"</legend>
                    <div class="fr-fieldset__element"><TextField id="vmj-first-name" field="first_name" label="Prénom" value=f.first_name autocomplete="given-name" required=true /></div>
                    <div class="fr-fieldset__element"><TextField id="vmj-last-name" field="last_name" label="Nom" value=f.last_name autocomplete="family-name" required=true /></div>
                    <div class="fr-fieldset__element"><TextField id="vmj-school" field="school" label="Établissement" value=f.school required=true hint="Par exemple : Université de Rennes" /></div>
                    <div class="fr-fieldset__element"><ChoiceField id="vmj-level" field="study_level" label="Niveau d'études" value=f.level options=levels.clone() required=true /></div>
                    <div class="fr-fieldset__element"><TextField id="vmj-field" field="field" label="Formation" value=f.field required=true hint="Par exemple : BUT informatique, master MIAGE" /></div>
                    <div class="fr-fieldset__element"><ChoiceField id="vmj-departement" field="departement_code" label="Département où vous pouvez vous rendre" value=f.departement options=departements.clone() required=true /></div>
                    <div class="fr-fieldset__element">
                        <Checkbox id="vmj-remote" field="remote_ok" label="Une journée en visio me convient aussi (facultatif)" checked=f.remote_ok />
                    </div>
                </fieldset>
                <fieldset class="fr-fieldset">
                    <legend class="fr-fieldset__legend">"Vos vœux"</legend>
                    <p class="fr-fieldset__element fr-hint-text">"De un à trois métiers différents, par ordre de préférence."</p>
                    <div class="fr-fieldset__element"><ChoiceField id="vmj-wish-1" field="wishes" label="1er métier souhaité" value=f.wishes[0] options=metiers.clone() unavailable=taken_elsewhere(f, 0) required=true /></div>
                    <div class="fr-fieldset__element"><ChoiceField id="vmj-wish-2" name="wishes" label="2e métier souhaité" optional=true value=f.wishes[1] options=metiers.clone() unavailable=taken_elsewhere(f, 1) /></div>
                    <div class="fr-fieldset__element"><ChoiceField id="vmj-wish-3" name="wishes" label="3e métier souhaité" optional=true value=f.wishes[2] options=metiers.clone() unavailable=taken_elsewhere(f, 2) /></div>
                </fieldset>
                <CheckboxGroup id="vmj-administration" field="administrations" legend="Administrations qui vous attirent (facultatif)".to_owned() options=ministries.clone() selected=f.administrations />
                <TextArea id="vmj-motivation" field="motivation" label="Ce que vous attendez de la journée" value=f.motivation rows=4 required=true
                    hint="En quelques phrases, de 30 à 2 000 caractères." />
                <div class="fr-mb-3w">
                    <Checkbox id="vmj-consent" field="consent" required=true checked=f.consent
                        label="J'accepte que mon inscription soit transmise à l'équipe talents de la DINUM et à mon ambassadeur ou ambassadrice" />
                </div>
                {move || saved.get().then(|| view! { <SavedNotice /> })}
                <button class="fr-btn" type="submit">{move || if editing.get() { "Modifier mon inscription" } else { "M'inscrire" }}</button>
            </form>
        }
    };
    move || {
        if let Some(outcome) = signed_up.get() {
            view! { <SignedUp outcome /> }.into_any()
        } else {
            form().into_any()
        }
    }
}

/// Whether `metier` is chosen in a wish other than `rank` (tracked): the same métier twice
/// is refused, so it cannot be picked again.
fn taken_elsewhere(f: Fields, rank: usize) -> Callback<String, bool> {
    Callback::new(move |metier: String| {
        f.wishes
            .iter()
            .enumerate()
            .any(|(i, wish)| i != rank && wish.with(|w| *w == metier))
    })
}

/// How a sign-up ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// A signed-in candidate's, stored.
    Registered,
    /// A visitor's: its new account's address is to confirm (or, the address having an
    /// account, its owner is told to sign in — the page cannot tell, and says both).
    ToConfirm,
}

/// What follows a sign-up, where the form was; it takes the focus.
#[component]
fn SignedUp(outcome: Outcome) -> impl IntoView {
    let block = NodeRef::<leptos::html::Div>::new();
    focus_when_drawn(block);
    let (title, text) = match outcome {
        Outcome::Registered => (
            "Vous êtes inscrit(e) !",
            "Un courriel de confirmation vous a été envoyé. À la clôture des inscriptions, l'équipe talents forme les duos : vous recevrez le nom de votre ambassadeur ou ambassadrice, le lieu et l'horaire.",
        ),
        Outcome::ToConfirm => (
            "Plus qu'une étape : confirmez votre adresse",
            "Un lien vient d'être envoyé à votre adresse électronique : ouvrez-le pour confirmer votre compte, vous connecter et retrouver votre inscription. Si cette adresse a déjà un compte, le message vous invite à vous connecter pour vous inscrire.",
        ),
    };
    view! {
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status" tabindex="-1" node_ref=block>
            <h3 class="fr-alert__title">{title}</h3>
            <p>{text}</p>
        </div>
        {(outcome == Outcome::Registered).then(|| view! {
            <ul class="fr-btns-group fr-btns-group--inline-md">
                <li><a class="fr-btn" href="/espace-candidat/vis-mon-job">"Voir mes inscriptions"</a></li>
                <li><a class="fr-btn fr-btn--secondary" href="/offres">"Parcourir les offres"</a></li>
            </ul>
        })}
    }
}

/// « Inscription modifiée », by the button; it takes the focus.
#[component]
fn SavedNotice() -> impl IntoView {
    let block = NodeRef::<leptos::html::Div>::new();
    focus_when_drawn(block);
    view! {
        <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status" tabindex="-1" node_ref=block>
            <p>"Inscription modifiée."</p>
        </div>
    }
}
