//! `/offres/:id/postuler` and `/entites/:slug/candidature`: the application form. The
//! server renders the whole form, which posts as a plain page before hydration or without
//! the WASM (`server::routes::application_form`: back here with `?envoyee=N`, or this page again
//! with what was typed and why — `posted`); once hydrated, the browser sends it as multipart
//! with an idempotency key, so a double click or a retry never sends two applications.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::account::Role;
use shared::api::accounts;
use shared::application::{cv_error, ApplicationForm, MyApplication};
use shared::{ApplicationId, FieldError, OfferId, Problem};

use crate::api;
use crate::components::form::{check, Checkbox, FormErrors, TextArea, TextField};
use crate::components::states::{ErrorNotice, LastProblem, Loading};
use crate::contexts::session::CurrentSession;
use crate::posted::{typed, Posted};
use crate::prefill::{self, fill_if_empty};

/// Where the hydrated form is sent: [`accounts::ApplyToOffer`] or
/// [`accounts::ApplyToEntity`], by their parameters (the operations themselves are not
/// serialisable).
#[derive(Clone, serde::Serialize, serde::Deserialize)]
enum Target {
    Offer(OfferId),
    Entity(String),
}

/// Who receives the application (serialisable: resources travel from the server render
/// to hydration).
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct Recipient {
    /// The operation the hydrated form is sent with.
    target: Target,
    /// This page's path, where the form posts without the WASM.
    page: String,
    /// The offer applied to (none for a spontaneous application).
    offer: Option<OfferId>,
    /// "Postuler : Développeuse…" or "Candidature spontanée : DINUM".
    heading: String,
    /// Where "back" goes.
    back: String,
}

#[component]
pub fn ApplyToOfferPage() -> impl IntoView {
    let params = use_params_map();
    let recipient = Resource::new(
        move || params.with(|p| p.get("id").and_then(|id| id.parse::<OfferId>().ok())),
        |id| async move {
            let id = id.ok_or_else(|| Problem::not_found("Offre introuvable"))?;
            let offer = api::offer(id).await?;
            Ok::<_, Problem>(Recipient {
                target: Target::Offer(id),
                page: format!("/offres/{id}/postuler"),
                offer: Some(id),
                heading: format!("Postuler : {}", offer.summary.title),
                back: format!("/offres/{id}"),
            })
        },
    );
    view! { <ApplyFrame recipient /> }
}

#[component]
pub fn SpontaneousApplicationPage() -> impl IntoView {
    let params = use_params_map();
    let recipient = Resource::new(
        move || params.with(|p| p.get("slug").unwrap_or_default()),
        |slug| async move {
            let entity = api::entity(slug.clone()).await?;
            Ok::<_, Problem>(Recipient {
                target: Target::Entity(slug.clone()),
                page: format!("/entites/{slug}/candidature"),
                offer: None,
                heading: format!("Candidature spontanée : {}", entity.summary.name),
                back: format!("/entites/{slug}"),
            })
        },
    );
    view! { <ApplyFrame recipient /> }
}

#[component]
fn ApplyFrame(recipient: Resource<Result<Recipient, Problem>>) -> impl IntoView {
    view! {
        <div class="fr-container fr-my-4w">
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match recipient.await {
                        Ok(recipient) => view! { <ApplyForm recipient /> }.into_any(),
                        Err(problem) => view! { <Title text="Page introuvable" /><ErrorNotice problem /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The form's text fields, as typed.
#[derive(Clone, Copy)]
struct Fields {
    first_name: RwSignal<String>,
    last_name: RwSignal<String>,
    email: RwSignal<String>,
    phone: RwSignal<String>,
    message: RwSignal<String>,
    linkedin_url: RwSignal<String>,
    github_url: RwSignal<String>,
    portfolio_url: RwSignal<String>,
    consent: RwSignal<bool>,
}

impl Fields {
    /// Empty, or as typed in a refused form posted without the WASM.
    fn new(posted: Option<&Posted>) -> Self {
        let text = |field| typed(posted, field);
        Self {
            first_name: text("first_name"),
            last_name: text("last_name"),
            email: text("email"),
            phone: text("phone"),
            message: text("message"),
            linkedin_url: text("linkedin_url"),
            github_url: text("github_url"),
            portfolio_url: text("portfolio_url"),
            consent: RwSignal::new(posted.is_some_and(|p| p.value("consent") == "true")),
        }
    }

    fn form(&self) -> ApplicationForm {
        ApplicationForm {
            first_name: self.first_name.get_untracked(),
            last_name: self.last_name.get_untracked(),
            email: self.email.get_untracked(),
            phone: self.phone.get_untracked(),
            message: self.message.get_untracked(),
            linkedin_url: self.linkedin_url.get_untracked(),
            github_url: self.github_url.get_untracked(),
            portfolio_url: self.portfolio_url.get_untracked(),
            consent: self.consent.get_untracked(),
        }
    }

    /// What the account and its profile already say.
    async fn prefill(self, email: String) {
        fill_if_empty(self.email, &email);
        if let Some(profile) = prefill::candidate_profile().await {
            fill_if_empty(self.first_name, &profile.first_name);
            fill_if_empty(self.last_name, &profile.last_name);
            fill_if_empty(self.phone, &profile.phone);
            fill_if_empty(self.linkedin_url, &profile.linkedin_url);
            fill_if_empty(self.github_url, &profile.github_url);
            fill_if_empty(self.portfolio_url, &profile.portfolio_url);
        }
    }
}

/// The signed-in candidate's open application to the offer, if any.
pub async fn earlier_application(offer: Option<OfferId>) -> Option<MyApplication> {
    let offer = offer?;
    api::browser::fetch(accounts::MyApplications {})
        .await
        .ok()?
        .into_iter()
        .find(|a| a.offer_id == Some(offer) && !a.status.is_closed())
}

#[component]
fn ApplyForm(recipient: Recipient) -> impl IntoView {
    let session = CurrentSession::get();
    let posted = Posted::get();
    let problem = RwSignal::new(posted.as_ref().map(|p| p.problem.clone()));
    FormErrors::provide(problem);
    // The receipt's number: from the API, or in the address a plain post was sent back to.
    let sent = RwSignal::new(
        use_query_map()
            .with_untracked(|q| q.get("envoyee"))
            .and_then(|id| id.parse::<ApplicationId>().ok()),
    );
    let sending = RwSignal::new(false);
    let already = RwSignal::new(None::<MyApplication>);
    let f = Fields::new(posted.as_ref());
    let cv = NodeRef::<leptos::html::Input>::new();
    // One key per filled form: a retry of the same form replays, never duplicates.
    let key = StoredValue::new(None::<String>);
    let offer = recipient.offer;
    // A signed-in candidate: the form filled from the account, or their earlier application.
    Effect::new(move |_| {
        let Some(me) = session.me().filter(|me| me.role == Role::Candidate) else {
            return;
        };
        leptos::task::spawn_local(async move {
            already.set(earlier_application(offer).await);
            f.prefill(me.email).await;
        });
    });
    let target = recipient.target.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut errors = f.form().errors();
        errors.extend(chosen_cv_error(cv));
        // The CV comes right after the message in the form.
        errors.sort_by_key(|e| FIELD_ORDER.iter().position(|f| *f == e.field));
        if !check(problem, errors) {
            return;
        }
        #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
        {
            use leptos::wasm_bindgen::JsCast;
            let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            let Ok(data) = web_sys::FormData::new_with_form(&form) else {
                return;
            };
            if key.with_value(Option::is_none) {
                key.set_value(Some(api::browser::idempotency_key()));
            }
            let key = key.get_value().unwrap_or_default();
            let target = target.clone();
            sending.set(true);
            leptos::task::spawn_local(async move {
                let answer = match target {
                    Target::Offer(id) => {
                        api::browser::upload(accounts::ApplyToOffer { id }, data, key).await
                    }
                    Target::Entity(slug) => {
                        api::browser::upload(accounts::ApplyToEntity { slug }, data, key).await
                    }
                };
                match answer {
                    Ok(receipt) => {
                        problem.set(None);
                        sent.set(receipt.map(|r| r.id));
                    }
                    Err(p) => problem.set(Some(p)),
                }
                sending.set(false);
            });
        }
        #[cfg(feature = "ssr")]
        let _ = (&target, key, sending);
    };
    let Recipient {
        heading,
        back,
        page,
        ..
    } = recipient;
    view! {
        <Title text=heading.clone() />
        <h1>{heading}</h1>
        <div class="fr-grid-row">
            <div class="fr-col-12 fr-col-md-8">
                {move || sent.get().map(|id| view! { <Sent id signed_in=session.status().is_candidate() /> })}
                {move || already.get().map(|earlier| view! {
                    <div class="fr-callout fr-mb-4w">
                        <h2 class="fr-callout__title">"Vous avez déjà postulé à cette offre"</h2>
                        <p class="fr-callout__text">{format!(
                            "Votre candidature du {} est « {} ». Vous pouvez la suivre, ou la retirer, depuis votre espace.",
                            crate::format::date(earlier.created_at),
                            earlier.status.label().to_lowercase()
                        )}</p>
                        <a class="fr-btn" href="/espace-candidat">"Suivre mes candidatures"</a>
                    </div>
                })}
                <div hidden=move || sent.get().is_some() || already.get().is_some()>
                    <p class="fr-hint-text">"Sauf mention contraire, tous les champs sont obligatoires."</p>
                    <LastProblem problem />
                    <form method="post" action=page enctype="multipart/form-data" on:submit=submit.clone() novalidate>
                        <TextField id="first_name" field="first_name" label="Prénom" value=f.first_name autocomplete="given-name" required=true />
                        <TextField id="last_name" field="last_name" label="Nom" value=f.last_name autocomplete="family-name" required=true />
                        <TextField id="email" field="email" label="Adresse électronique" value=f.email kind="email" autocomplete="email" required=true hint="Format attendu : nom@domaine.fr" />
                        <TextField id="phone" field="phone" label="Téléphone" optional=true value=f.phone kind="tel" autocomplete="tel" hint="Par exemple 06 12 34 56 78" />
                        <TextArea id="message" field="message" label="Votre message" value=f.message rows=8 required=true
                            hint="Ce qui vous motive, ce que vous apporteriez (5 000 caractères au plus)." />
                        <CvField input=cv />
                        <TextField id="linkedin_url" field="linkedin_url" label="Profil LinkedIn" optional=true value=f.linkedin_url kind="url" hint="https://www.linkedin.com/in/…" />
                        <TextField id="github_url" field="github_url" label="Profil GitHub" optional=true value=f.github_url kind="url" hint="https://github.com/…" />
                        <TextField id="portfolio_url" field="portfolio_url" label="Portfolio ou site personnel" optional=true value=f.portfolio_url kind="url" hint="https://…" />
                        <div class="fr-mb-3w">
                            <Checkbox id="consent" field="consent" required=true checked=f.consent
                                label="J'accepte que les recruteurs de cet employeur public traitent ma candidature et mon CV." />
                            <p class="fr-hint-text">"Ces données sont conservées 24 mois après la clôture de la candidature ; vous pouvez les exporter ou les effacer depuis votre compte."</p>
                        </div>
                        <button class="fr-btn" type="submit" disabled=move || sending.get()>"Envoyer ma candidature"</button>
                    </form>
                </div>
                <p class="fr-mt-4w"><a class="fr-link" href=back>"Retour"</a></p>
            </div>
        </div>
    }
}

/// What is wrong with the chosen CV, from its size and type (the server checks its bytes).
fn chosen_cv_error(cv: NodeRef<leptos::html::Input>) -> Option<FieldError> {
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        let file = cv
            .get_untracked()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        cv_error(
            file.as_ref().map_or(0, |file| file.size() as usize),
            file.as_ref().is_some_and(|file| {
                file.type_() == "application/pdf" || file.name().to_lowercase().ends_with(".pdf")
            }),
        )
    }
    #[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
    {
        let _ = (cv, cv_error);
        None
    }
}

/// The fields in the order of the form, for the alert's list.
const FIELD_ORDER: [&str; 10] = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "message",
    "cv",
    "linkedin_url",
    "github_url",
    "portfolio_url",
    "consent",
];

/// The CV's file input (read as a file, not a signal), with its errors under it.
#[component]
fn CvField(input: NodeRef<leptos::html::Input>) -> impl IntoView {
    let form = use_context::<FormErrors>();
    let messages = Signal::derive(move || form.map(|f| f.messages("cv")).unwrap_or_default());
    if let Some(form) = form {
        form.register("cv", "cv", "Votre CV");
    }
    let invalid = move || !messages.get().is_empty();
    // A browser never fills a file field again: after a refused plain post, say so.
    let hint = if Posted::get().is_some() {
        "Au format PDF, 5 Mo au plus. Choisissez-le à nouveau : un fichier n'est pas gardé d'un envoi à l'autre."
    } else {
        "Au format PDF, 5 Mo au plus."
    };
    view! {
        <div class="fr-upload-group fr-mb-3w" class:fr-input-group--error=invalid>
            <label class="fr-label" for="cv">"Votre CV"
                <span class="fr-hint-text">{hint}</span>
            </label>
            <input class="fr-upload" type="file" id="cv" name="cv" accept="application/pdf,.pdf" required node_ref=input
                aria-describedby="cv-messages" aria-invalid=move || invalid().then_some("true") />
            <div class="fr-messages-group" id="cv-messages" aria-live="polite">
                {move || messages.get().into_iter().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> }).collect_view()}
            </div>
        </div>
    }
}

/// The receipt, where the form was; it takes the focus.
#[component]
fn Sent(id: ApplicationId, signed_in: bool) -> impl IntoView {
    let block = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(block) = block.get() {
            let _ = block.focus();
        }
    });
    view! {
        <div class="fr-alert fr-alert--success" role="status" tabindex="-1" node_ref=block>
            <h2 class="fr-alert__title">"Votre candidature est envoyée"</h2>
            <p>{format!("Elle est enregistrée sous le numéro {}. Un accusé de réception vient de vous être envoyé par courriel ; l'équipe de recrutement vous répondra.", id)}</p>
        </div>
        {if signed_in {
            view! { <p class="fr-mt-2w"><a class="fr-link" href="/espace-candidat">"Suivre mes candidatures"</a></p> }.into_any()
        } else {
            view! {
                <p class="fr-mt-2w">"Pour suivre vos candidatures, créez votre compte candidat avec la même adresse électronique."</p>
                <p><a class="fr-btn fr-btn--secondary" href="/inscription?retour=%2Fespace-candidat">"Créer mon compte"</a></p>
            }.into_any()
        }}
    }
}
