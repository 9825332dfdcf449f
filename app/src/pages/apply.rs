//! `/offres/:id/postuler` and `/entites/:slug/candidature`: the application form. The
//! server renders the whole form (it works before hydration as a plain page); once
//! hydrated, the browser sends it as multipart with an idempotency key, so a double click
//! or a retry never sends two applications.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::application::ApplicationReceipt;
use shared::{OfferId, Problem};

use crate::api;
use crate::components::states::{ErrorNotice, LastProblem, Loading};

/// Who receives the application (serialisable: resources travel from the server render
/// to hydration).
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct Recipient {
    /// The API path the form is posted to.
    endpoint: String,
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
                endpoint: format!("/api/v1/offers/{id}/applications"),
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
                endpoint: format!("/api/v1/entities/{slug}/applications"),
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
                        Ok(recipient) => view! { <ApplicationForm recipient /> }.into_any(),
                        Err(problem) => view! { <Title text="Page introuvable" /><ErrorNotice problem /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// One text input, named as the API field it fills.
#[component]
fn Field(
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    view! {
        <div class="fr-input-group">
            <label class="fr-label" for=name>{label}
                {(!hint.is_empty()).then(|| view! { <span class="fr-hint-text">{hint}</span> })}
            </label>
            <input class="fr-input" id=name name=name type=kind autocomplete=autocomplete required=required />
        </div>
    }
}

#[component]
fn ApplicationForm(recipient: Recipient) -> impl IntoView {
    let problem = RwSignal::new(None::<Problem>);
    let sent = RwSignal::new(None::<ApplicationReceipt>);
    let sending = RwSignal::new(false);
    // One key per filled form: a retry of the same form replays, never duplicates.
    let key = StoredValue::new(None::<String>);
    let endpoint = recipient.endpoint.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
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
            let endpoint = endpoint.clone();
            sending.set(true);
            leptos::task::spawn_local(async move {
                match api::browser::upload::<ApplicationReceipt>(endpoint, data, key).await {
                    Ok(receipt) => {
                        problem.set(None);
                        sent.set(receipt);
                    }
                    Err(p) => problem.set(Some(p)),
                }
                sending.set(false);
            });
        }
        #[cfg(feature = "ssr")]
        let _ = (&endpoint, key, sending);
    };
    let Recipient { heading, back, .. } = recipient;
    view! {
        <Title text=heading.clone() />
        <h1>{heading}</h1>
        <div class="fr-grid-row">
            <div class="fr-col-12 fr-col-md-8">
                {move || match sent.get() {
                    Some(receipt) => view! {
                        <div class="fr-alert fr-alert--success" role="status">
                            <h2 class="fr-alert__title">"Votre candidature est envoyée"</h2>
                            <p>{format!("Elle est enregistrée sous le numéro {}. Un accusé de réception vient de vous être envoyé par courriel ; l'équipe de recrutement vous répondra.", receipt.id)}</p>
                        </div>
                        <p class="fr-mt-2w"><a class="fr-link" href="/espace-candidat">"Suivre mes candidatures"</a></p>
                    }.into_any(),
                    None => ().into_any(),
                }}
                <div hidden=move || sent.get().is_some()>
                    <p>"Les champs marqués d'un astérisque (*) sont obligatoires."</p>
                    <LastProblem problem />
                    <form on:submit=submit.clone() enctype="multipart/form-data">
                        <Field name="first_name" label="Prénom *" autocomplete="given-name" required=true />
                        <Field name="last_name" label="Nom *" autocomplete="family-name" required=true />
                        <Field name="email" label="Adresse électronique *" kind="email" autocomplete="email" required=true hint="Format attendu : nom@domaine.fr" />
                        <Field name="phone" label="Téléphone" kind="tel" autocomplete="tel" hint="Par exemple 06 12 34 56 78" />
                        <div class="fr-input-group">
                            <label class="fr-label" for="message">"Votre message *"
                                <span class="fr-hint-text">"Ce qui vous motive, ce que vous apporteriez (5 000 caractères au plus)."</span>
                            </label>
                            <textarea class="fr-input" id="message" name="message" rows="8" required></textarea>
                        </div>
                        <div class="fr-upload-group fr-mb-3w">
                            <label class="fr-label" for="cv">"Votre CV *"
                                <span class="fr-hint-text">"Au format PDF, 5 Mo au plus."</span>
                            </label>
                            <input class="fr-upload" type="file" id="cv" name="cv" accept="application/pdf,.pdf" required />
                        </div>
                        <Field name="linkedin_url" label="Profil LinkedIn" kind="url" hint="https://www.linkedin.com/in/…" />
                        <Field name="github_url" label="Profil GitHub" kind="url" hint="https://github.com/…" />
                        <Field name="portfolio_url" label="Portfolio ou site personnel" kind="url" hint="https://…" />
                        <div class="fr-checkbox-group fr-mb-3w">
                            <input type="checkbox" id="consent" name="consent" value="true" required />
                            <label class="fr-label" for="consent">
                                "J'accepte que les recruteurs de cet employeur public traitent ma candidature et mon CV. *"
                                <span class="fr-hint-text">"Ces données sont conservées 24 mois après la clôture de la candidature ; vous pouvez les exporter ou les effacer depuis votre compte."</span>
                            </label>
                        </div>
                        <button class="fr-btn" type="submit" disabled=move || sending.get()>"Envoyer ma candidature"</button>
                    </form>
                </div>
                <p class="fr-mt-4w"><a class="fr-link" href=back>"Retour"</a></p>
            </div>
        </div>
    }
}
