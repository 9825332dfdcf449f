//! `/admin/entites`: the entity tree (ministry → directorate → service). Create an entity,
//! rename, re-attach or re-classify it, delete it while nothing depends on it.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::api::admin::{CreateEntity, DeleteEntity, UpdateEntity};
use shared::api::catalogue::ShowEntity;
use shared::entity::{EntityForm, EntityKind, EntitySummary};
use shared::Problem;

use super::AdminNav;
use crate::api::{self, browser};
use crate::components::form::{ChoiceField, Success, TextField};
use crate::components::states::{LastProblem, Loaded, Loading};
use crate::pages::offers::vocabulary;

/// The form's fields; `editing` holds the slug of the entity being changed, if any.
#[derive(Clone, Copy)]
struct EntityFields {
    editing: RwSignal<Option<String>>,
    slug: RwSignal<String>,
    name: RwSignal<String>,
    acronym: RwSignal<String>,
    kind: RwSignal<String>,
    parent: RwSignal<String>,
    departement: RwSignal<String>,
    city: RwSignal<String>,
    website: RwSignal<String>,
}

fn optional(value: String) -> Option<String> {
    let value = value.trim().to_owned();
    (!value.is_empty()).then_some(value)
}

impl EntityFields {
    fn new() -> Self {
        let text = || RwSignal::new(String::new());
        Self {
            editing: RwSignal::new(None),
            slug: text(),
            name: text(),
            acronym: text(),
            kind: RwSignal::new(EntityKind::Service.as_ref().to_owned()),
            parent: text(),
            departement: text(),
            city: text(),
            website: text(),
        }
    }

    fn fill(&self, e: Option<&EntitySummary>) {
        let text = |v: Option<&String>| v.cloned().unwrap_or_default();
        self.editing.set(e.map(|e| e.slug.clone()));
        self.slug.set(text(e.map(|e| &e.slug)));
        self.name.set(text(e.map(|e| &e.name)));
        self.acronym.set(text(e.and_then(|e| e.acronym.as_ref())));
        self.kind.set(
            e.map_or(EntityKind::Service, |e| e.kind)
                .as_ref()
                .to_owned(),
        );
        self.parent
            .set(text(e.and_then(|e| e.parent_slug.as_ref())));
        self.departement
            .set(text(e.and_then(|e| e.departement_code.as_ref())));
        self.city.set(text(e.and_then(|e| e.city.as_ref())));
        self.website.set(String::new());
        // The summary has no website: read it from the showcase, or saving would clear it.
        if let Some(slug) = e.map(|e| e.slug.clone()) {
            let website = self.website;
            leptos::task::spawn_local(async move {
                if let Ok(detail) = browser::fetch(ShowEntity { slug }).await {
                    website.set(detail.website.unwrap_or_default());
                }
            });
        }
    }

    fn form(&self) -> EntityForm {
        EntityForm {
            slug: self.slug.get_untracked().trim().to_owned(),
            name: self.name.get_untracked(),
            acronym: optional(self.acronym.get_untracked()),
            kind: self
                .kind
                .get_untracked()
                .parse()
                .unwrap_or(EntityKind::Service),
            parent_slug: optional(self.parent.get_untracked()),
            departement_code: optional(self.departement.get_untracked().to_uppercase()),
            city: optional(self.city.get_untracked()),
            website: optional(self.website.get_untracked()),
        }
    }
}

#[component]
pub fn AdminEntitiesPage() -> impl IntoView {
    let entities = LocalResource::new(api::entities);
    let f = EntityFields::new();
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    let saved = move |message: String| {
        done.set(Some(message));
        f.fill(None);
        entities.refetch();
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = f.form();
        let errors = form.errors();
        if !errors.is_empty() {
            problem.set(Some(Problem::invalid(errors)));
            return;
        }
        let name = form.name.clone();
        match f.editing.get_untracked() {
            None => browser::act(
                CreateEntity {},
                form,
                problem,
                move |_: Option<EntitySummary>| saved(format!("Entité « {name} » créée.")),
            ),
            Some(slug) => browser::act(
                UpdateEntity { slug },
                form,
                problem,
                move |_: Option<EntitySummary>| saved(format!("Entité « {name} » modifiée.")),
            ),
        }
    };
    let delete = move |e: EntitySummary| {
        browser::act(
            DeleteEntity {
                slug: e.slug.clone(),
            },
            (),
            problem,
            move |_: Option<()>| saved(format!("Entité « {} » supprimée.", e.name)),
        );
    };
    view! {
        <Title text="Entités" />
        <div class="fr-container fr-my-4w">
            <h1>"Administration"</h1>
            <AdminNav current="/admin/entites" />
            <LastProblem problem />
            <Success message=done />
            <div class="fr-grid-row fr-grid-row--gutters">
                <div class="fr-col-12 fr-col-lg-7">
                    <Loaded resource=entities view=move |list| view! {
                            <div class="fr-table"><table tabindex="0">
                                <caption>"Entités, par rattachement"</caption>
                                <thead><tr><th scope="col">"Entité"</th><th scope="col">"Niveau"</th><th scope="col">"Offres"</th><th scope="col">"Actions"</th></tr></thead>
                                <tbody>
                                    {list.into_iter().map(|e| {
                                        let indent = format!("talents-indent-{}", e.kind.rank());
                                        let (edit, remove) = (e.clone(), e.clone());
                                        view! {
                                            <tr>
                                                <td class=indent><a href=format!("/entites/{}", e.slug)>{e.name.clone()}</a></td>
                                                <td>{e.kind.label()}</td>
                                                <td>{e.open_offers}</td>
                                                <td>
                                                    <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
                                                        <li><button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" on:click=move |_| f.fill(Some(&edit))>
                                                            "Modifier"<span class="fr-sr-only">{format!(" {}", e.name)}</span></button></li>
                                                        <li><button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" on:click=move |_| delete(remove.clone())>
                                                            "Supprimer"<span class="fr-sr-only">{format!(" {}", e.name)}</span></button></li>
                                                    </ul>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table></div>
                        }.into_any()
                    />
                </div>
                <section class="fr-col-12 fr-col-lg-5" aria-labelledby="formulaire-entite">
                    <h2 id="formulaire-entite">{move || match f.editing.get() {
                        Some(slug) => format!("Modifier « {slug} »"),
                        None => "Nouvelle entité".to_owned(),
                    }}</h2>
                    <form on:submit=submit>
                        <TextField id="entity-name" label="Nom" value=f.name required=true />
                        <TextField id="entity-slug" label="Identifiant d'URL" value=f.slug hint="Minuscules, chiffres et tirets, ex. dnum-interieur" required=true />
                        <TextField id="entity-acronym" label="Sigle" value=f.acronym hint="Facultatif" />
                        <ChoiceField id="entity-kind" label="Niveau" value=f.kind options=vocabulary([EntityKind::Ministere, EntityKind::Direction, EntityKind::Service], EntityKind::label) />
                        <Suspense fallback=|| view! { <Loading /> }>
                            {move || Suspend::new(async move {
                                let mut options = vec![(String::new(), "Aucune (ministère)".to_owned())];
                                options.extend(entities.await.unwrap_or_default().into_iter()
                                    .filter(|e| e.kind != EntityKind::Service)
                                    .map(|e| (e.slug, e.name)));
                                view! { <ChoiceField id="entity-parent" label="Rattachée à" value=f.parent options /> }
                            })}
                        </Suspense>
                        <TextField id="entity-departement" label="Département" value=f.departement hint="Code, ex. 75" />
                        <TextField id="entity-city" label="Ville" value=f.city />
                        <TextField id="entity-website" label="Site internet" value=f.website kind="url" hint="Adresse https:// complète, facultative" />
                        <ul class="fr-btns-group fr-btns-group--inline-md">
                            <li><button class="fr-btn" type="submit">"Enregistrer l'entité"</button></li>
                            <li><button class="fr-btn fr-btn--secondary" type="button" on:click=move |_| f.fill(None)>"Nouvelle entité"</button></li>
                        </ul>
                    </form>
                </section>
            </div>
        </div>
    }
}
