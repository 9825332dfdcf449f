//! `/espace-recruteur/demande-acces`: an agent asks for access to their entity's recruiter
//! space; the DINUM talent team approves or declines it.

use leptos::prelude::*;
use shared::admin::AccessRequestForm;
use shared::api::accounts;
use shared::Problem;

use crate::api::{self, browser};
use crate::components::form::{ChoiceField, Success, TextArea, TextField};
use crate::components::states::Loading;
use crate::pages::account::FormFrame;

#[component]
pub fn AccessRequestPage() -> impl IntoView {
    let entities = Resource::new(|| (), |_| api::entities());
    let fields = [(); 5].map(|_| RwSignal::new(String::new()));
    let [email, full_name, job_title, entity, message] = fields;
    let problem = RwSignal::new(None::<Problem>);
    let sent = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = AccessRequestForm {
            email: email.get_untracked(),
            full_name: full_name.get_untracked(),
            job_title: job_title.get_untracked(),
            entity_slug: entity.get_untracked(),
            message: message.get_untracked(),
        };
        let errors = form.errors();
        if !errors.is_empty() {
            problem.set(Some(Problem::invalid(errors)));
            return;
        }
        browser::act(
            accounts::RequestAccess {},
            form,
            problem,
            move |_: Option<()>| {
                sent.set(Some("Demande envoyée. Un accusé de réception vient de partir ; l'équipe talents de la DINUM vous répondra par courriel.".to_owned()));
            },
        );
    };
    view! {
        <FormFrame title="Demander un accès recruteur" problem>
            <p>"Vous recrutez des profils numériques pour une administration ? Demandez l'accès à l'espace recruteur de votre entité pour publier ses offres et tenir sa vitrine à jour."</p>
            <Success message=sent />
            <form on:submit=submit>
                <TextField id="email" label="Adresse électronique professionnelle" value=email kind="email" autocomplete="email" required=true />
                <TextField id="full-name" label="Prénom et nom" value=full_name autocomplete="name" required=true />
                <TextField id="job-title" label="Fonction" value=job_title autocomplete="organization-title" required=true />
                <Suspense fallback=|| view! { <Loading /> }>
                    {move || Suspend::new(async move {
                        let mut options = vec![(String::new(), "Choisissez votre entité".to_owned())];
                        options.extend(entities.await.unwrap_or_default().into_iter().map(|e| (e.slug, e.name)));
                        view! { <ChoiceField id="entity" label="Entité" value=entity options /> }
                    })}
                </Suspense>
                <TextArea id="message" label="Message pour l'équipe talents (facultatif)" value=message rows=4 />
                <button class="fr-btn" type="submit">"Envoyer la demande"</button>
            </form>
        </FormFrame>
    }
}
