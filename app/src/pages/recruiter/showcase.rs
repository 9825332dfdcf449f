//! `/espace-recruteur/vitrine`: every block of the entity's showcase and its testimonials,
//! with a live preview rendered by the same sanitising Markdown component as the public page.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::api::recruiter::{ShowShowcase, UpdateShowcase};
use shared::entity::{EntityDetail, KeyFigure, Project, Showcase, ShowcaseUpdate, Testimonial};
use shared::Problem;

use super::SpaceNav;
use crate::api::browser;
use crate::components::form::{check, FormErrors, Success, TextArea, TextField};
use crate::components::markdown::Markdown;
use crate::components::states::{LastProblem, Loaded};

/// Non-empty trimmed lines.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// "Name : description" lines (the first colon separates them).
fn pairs(text: &str) -> Vec<(String, String)> {
    lines(text)
        .into_iter()
        .map(|line| match line.split_once(':') {
            Some((a, b)) => (a.trim().to_owned(), b.trim().to_owned()),
            None => (line, String::new()),
        })
        .collect()
}

fn unpairs<'a>(items: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    items
        .map(|(a, b)| format!("{a} : {b}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The author, job title and quote of one testimonial being edited.
type TestimonialSignals = (RwSignal<String>, RwSignal<String>, RwSignal<String>);

/// The editable text of each block.
#[derive(Clone, Copy)]
struct ShowcaseFields {
    presentation: RwSignal<String>,
    missions: RwSignal<String>,
    values: RwSignal<String>,
    strengths: RwSignal<String>,
    projects: RwSignal<String>,
    organisation: RwSignal<String>,
    key_figures: RwSignal<String>,
    recruitment_process: RwSignal<String>,
    /// (author, job title, quote) of each testimonial, in order.
    testimonials: RwSignal<Vec<TestimonialSignals>>,
}

impl ShowcaseFields {
    fn new() -> Self {
        let text = || RwSignal::new(String::new());
        Self {
            presentation: text(),
            missions: text(),
            values: text(),
            strengths: text(),
            projects: text(),
            organisation: text(),
            key_figures: text(),
            recruitment_process: text(),
            testimonials: RwSignal::new(Vec::new()),
        }
    }

    fn fill(&self, detail: &EntityDetail) {
        let s = &detail.showcase;
        self.presentation.set(s.presentation.clone());
        self.missions.set(s.missions.clone());
        self.values.set(s.values.join("\n"));
        self.strengths.set(s.strengths.join("\n"));
        self.projects.set(unpairs(
            s.projects
                .iter()
                .map(|p| (p.name.as_str(), p.description.as_str())),
        ));
        self.organisation.set(s.organisation.clone());
        self.key_figures.set(unpairs(
            s.key_figures
                .iter()
                .map(|k| (k.value.as_str(), k.label.as_str())),
        ));
        self.recruitment_process.set(s.recruitment_process.clone());
        self.testimonials.set(
            detail
                .testimonials
                .iter()
                .map(|t| {
                    (
                        RwSignal::new(t.author_name.clone()),
                        RwSignal::new(t.job_title.clone()),
                        RwSignal::new(t.quote.clone()),
                    )
                })
                .collect(),
        );
    }

    fn update(&self) -> ShowcaseUpdate {
        ShowcaseUpdate {
            showcase: Showcase {
                presentation: self.presentation.get_untracked(),
                missions: self.missions.get_untracked(),
                values: lines(&self.values.get_untracked()),
                strengths: lines(&self.strengths.get_untracked()),
                projects: pairs(&self.projects.get_untracked())
                    .into_iter()
                    .map(|(name, description)| Project { name, description })
                    .collect(),
                organisation: self.organisation.get_untracked(),
                key_figures: pairs(&self.key_figures.get_untracked())
                    .into_iter()
                    .map(|(value, label)| KeyFigure { label, value })
                    .collect(),
                recruitment_process: self.recruitment_process.get_untracked(),
            },
            testimonials: self
                .testimonials
                .get_untracked()
                .into_iter()
                .map(|(a, j, q)| Testimonial {
                    author_name: a.get_untracked(),
                    job_title: j.get_untracked(),
                    quote: q.get_untracked(),
                })
                .collect(),
        }
    }
}

/// One testimonial's three fields and its remove button; ids carry its position.
#[component]
fn TestimonialFields(
    index: usize,
    fields: TestimonialSignals,
    remove: impl Fn(usize) + 'static,
) -> impl IntoView {
    let (author, job, quote) = fields;
    let n = index + 1;
    view! {
        <fieldset class="fr-fieldset talents-testimonial" aria-labelledby=format!("temoignage-{n}")>
            <legend class="fr-fieldset__legend" id=format!("temoignage-{n}")>{format!("Témoignage {n}")}</legend>
            <div class="fr-fieldset__element">
                <TextField id=format!("temoignage-{n}-auteur") field=format!("testimonials[{index}].author_name") label="Prénom et nom" value=author />
                <TextField id=format!("temoignage-{n}-poste") field=format!("testimonials[{index}].job_title") label="Poste" value=job />
                <TextArea id=format!("temoignage-{n}-citation") field=format!("testimonials[{index}].quote") label="Témoignage" value=quote rows=3 />
                <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" on:click=move |_| remove(index)>
                    {format!("Retirer le témoignage {n}")}
                </button>
            </div>
        </fieldset>
    }
}

/// The preview of a list block, when it has items.
fn preview_list(title: &'static str, items: Vec<String>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <h3 class="fr-h6">{title}</h3>
            <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
        }
    })
}

#[component]
pub fn ShowcaseEditorPage() -> impl IntoView {
    let current = LocalResource::new(|| browser::fetch(ShowShowcase {}));
    let f = ShowcaseFields::new();
    let saved = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<Problem>);
    FormErrors::provide(problem);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(None);
        let update = f.update();
        if !check(problem, update.errors()) {
            return;
        }
        browser::act(
            UpdateShowcase {},
            update,
            problem,
            move |_: Option<EntityDetail>| {
                saved.set(Some("Vitrine enregistrée : elle est en ligne.".to_owned()));
            },
        );
    };
    let add = move |_| {
        f.testimonials.update(|list| {
            list.push((
                RwSignal::new(String::new()),
                RwSignal::new(String::new()),
                RwSignal::new(String::new()),
            ));
        });
    };
    let remove = move |index: usize| {
        f.testimonials.update(|list| {
            if index < list.len() {
                list.remove(index);
            }
        });
    };
    view! {
        <Title text="Vitrine de l'entité" />
        <div class="fr-container fr-my-4w">
            <h1>"Vitrine de l'entité"</h1>
            <SpaceNav current="/espace-recruteur/vitrine" />
            <LastProblem problem />
            <Success message=saved />
            <Loaded resource=current view=move |detail| {
                    f.fill(&detail);
                    view! {
                        <p>
                            <a class="fr-link" href=format!("/entites/{}", detail.summary.slug)>{format!("Voir la vitrine publique de {}", detail.summary.name)}</a>
                        </p>
                        <form on:submit=save novalidate>
                            <div class="fr-grid-row fr-grid-row--gutters">
                                <div class="fr-col-12 fr-col-lg-6">
                                    <TextArea markdown=true id="presentation" field="showcase.presentation" label="Présentation" value=f.presentation />
                                    <TextArea markdown=true id="missions" field="showcase.missions" label="Missions" value=f.missions />
                                    <TextArea id="values" field="showcase.values" label="Valeurs (une par ligne)" value=f.values rows=4 />
                                    <TextArea id="strengths" field="showcase.strengths" label="Points forts (un par ligne)" value=f.strengths rows=4 />
                                    <TextArea id="projects" field="showcase.projects" label="Projets phares (« Nom : description », un par ligne)" value=f.projects rows=4 />
                                    <TextArea markdown=true id="organisation" field="showcase.organisation" label="Organisation" value=f.organisation rows=4 />
                                    <TextArea id="key-figures" field="showcase.key_figures" label="Chiffres clés (« valeur : libellé », un par ligne)" value=f.key_figures rows=4 />
                                    <TextArea markdown=true id="recruitment-process" field="showcase.recruitment_process" label="Processus de recrutement" value=f.recruitment_process rows=4 />
                                    <h2 class="fr-h5">"Témoignages d'agents"</h2>
                                    {move || f.testimonials.get().into_iter().enumerate().map(|(index, fields)| view! {
                                        <TestimonialFields index fields remove />
                                    }).collect_view()}
                                    <ul class="fr-btns-group fr-btns-group--inline-md">
                                        <li><button class="fr-btn fr-btn--secondary" type="button" on:click=add>"Ajouter un témoignage"</button></li>
                                        <li><button class="fr-btn" type="submit">"Enregistrer la vitrine"</button></li>
                                    </ul>
                                </div>
                                <div class="fr-col-12 fr-col-lg-6">
                                    <section class="talents-preview" aria-labelledby="apercu">
                                        <h2 id="apercu" class="fr-h4">"Aperçu"</h2>
                                        {move || view! { <Markdown text=f.presentation.get() /> }}
                                        <h3 class="fr-h6">"Missions"</h3>
                                        {move || view! { <Markdown text=f.missions.get() /> }}
                                        {move || preview_list("Valeurs", lines(&f.values.get()))}
                                        {move || preview_list("Points forts", lines(&f.strengths.get()))}
                                        {move || preview_list("Projets phares", pairs(&f.projects.get()).into_iter().map(|(n, d)| format!("{n} — {d}")).collect())}
                                        {move || preview_list("Chiffres clés", pairs(&f.key_figures.get()).into_iter().map(|(v, l)| format!("{v} {l}")).collect())}
                                        <h3 class="fr-h6">"Organisation"</h3>
                                        {move || view! { <Markdown text=f.organisation.get() /> }}
                                        <h3 class="fr-h6">"Processus de recrutement"</h3>
                                        {move || view! { <Markdown text=f.recruitment_process.get() /> }}
                                        {move || f.testimonials.get().into_iter().map(|(a, j, q)| view! {
                                            <figure class="fr-quote fr-my-2w">
                                                <blockquote><p>{move || format!("« {} »", q.get())}</p></blockquote>
                                                <figcaption>
                                                    <p class="fr-quote__author">{move || a.get()}</p>
                                                    <ul class="fr-quote__source"><li>{move || j.get()}</li></ul>
                                                </figcaption>
                                            </figure>
                                        }).collect_view()}
                                    </section>
                                </div>
                            </div>
                        </form>
                    }.into_any()
                }
            />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_blocks_round_trip_through_lines() {
        assert_eq!(
            lines(" Sens du service public \n\nOuverture\n"),
            ["Sens du service public", "Ouverture"]
        );
        let parsed = pairs("FranceConnect : l'identité numérique : pour tous\nSans description");
        assert_eq!(
            parsed[0],
            (
                "FranceConnect".to_owned(),
                "l'identité numérique : pour tous".to_owned()
            )
        );
        assert_eq!(parsed[1], ("Sans description".to_owned(), String::new()));
        assert_eq!(unpairs([("250", "agents")].into_iter()), "250 : agents");
    }
}
