//! Labelled DSFR form fields bound to signals. Each field has its own `id` so its label is
//! programmatically tied to it (RGAA 11.1).

use leptos::prelude::*;

/// One labelled input bound to a signal.
#[component]
pub fn TextField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] hint: &'static str,
    /// The input's `type` ("text" by default).
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    view! {
        <div class="fr-input-group">
            <label class="fr-label" for=id>{label}
                {(!hint.is_empty()).then(|| view! { <span class="fr-hint-text">{hint}</span> })}
            </label>
            <input class="fr-input" id=id name=id type=kind autocomplete=autocomplete required=required bind:value=value />
        </div>
    }
}

/// One labelled textarea bound to a signal; `markdown` says formatting is accepted.
#[component]
pub fn TextArea(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] markdown: bool,
    #[prop(default = 6)] rows: u32,
) -> impl IntoView {
    view! {
        <div class="fr-input-group">
            <label class="fr-label" for=id>{label}
                {markdown.then(|| view! { <span class="fr-hint-text">"Markdown accepté (listes, gras, liens)."</span> })}
            </label>
            <textarea class="fr-input" id=id name=id rows=rows bind:value=value></textarea>
        </div>
    }
}

/// One labelled `<select>` bound to a signal holding the chosen option's value.
#[component]
pub fn ChoiceField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    /// `(value, text)` pairs.
    options: Vec<(String, String)>,
) -> impl IntoView {
    view! {
        <div class="fr-select-group">
            <label class="fr-label" for=id>{label}</label>
            <select class="fr-select" id=id name=id bind:value=value>
                {options.into_iter().map(|(v, text)| {
                    let selected = v == value.get_untracked();
                    view! { <option value=v selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A success message announced to screen readers.
#[component]
pub fn Success(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message.get().map(|text| {
            view! {
                <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
                    <p>{text}</p>
                </div>
            }
        })
    }
}

/// A fieldset of checkboxes bound to the list of checked values.
#[component]
pub fn CheckboxGroup(
    /// Prefix of the inputs' ids (unique in the page).
    id: &'static str,
    legend: String,
    /// `(value, label)` pairs.
    options: Vec<(String, String)>,
    selected: RwSignal<Vec<String>>,
) -> impl IntoView {
    view! {
        <fieldset class="fr-fieldset">
            <legend class="fr-fieldset__legend fr-text--regular">{legend}</legend>
            {options.into_iter().map(|(value, label)| {
                let input_id = format!("{id}-{value}");
                let checked = {
                    let value = value.clone();
                    move || selected.with(|s| s.contains(&value))
                };
                let toggle = move |_| selected.update(|s| {
                    if let Some(i) = s.iter().position(|v| *v == value) {
                        s.remove(i);
                    } else {
                        s.push(value.clone());
                    }
                });
                view! {
                    <div class="fr-fieldset__element fr-fieldset__element--inline">
                        <div class="fr-checkbox-group">
                            <input type="checkbox" id=input_id.clone() prop:checked=checked on:change=toggle />
                            <label class="fr-label" for=input_id>{label}</label>
                        </div>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
