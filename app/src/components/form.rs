//! Labelled DSFR form fields bound to signals. Each field has its own `id` so its label is
//! programmatically tied to it (RGAA 11.1).
//!
//! Errors are shown where the eyes are, as the DSFR does it: a field given the name the API
//! knows it by (`field`) shows its own message under it (`fr-input-group--error`, tied to the
//! input by `aria-describedby`), and the form's alert (`states::LastProblem`, which takes the
//! focus) lists every message as a link to its field, named by its label. The same rules run
//! in the browser before sending ([`check`], with `shared`'s validation), so a form with three
//! empty fields says so at once, in one place, instead of one browser bubble at a time.

use leptos::prelude::*;
use shared::{FieldError, Problem};

/// The fields of a page's form, for its alert to name and link them, and the problem whose
/// messages they show.
#[derive(Clone, Copy)]
pub struct FormErrors {
    problem: RwSignal<Option<Problem>>,
    /// `(field, input id, label)` of each field drawn with a `field` name.
    fields: StoredValue<Vec<(String, String, String)>>,
}

impl FormErrors {
    /// Gives the fields drawn below the messages of `problem` (the one `LastProblem` shows).
    pub fn provide(problem: RwSignal<Option<Problem>>) -> Self {
        let errors = Self {
            problem,
            fields: StoredValue::new(Vec::new()),
        };
        provide_context(errors);
        errors
    }

    /// The input id and label of the field the API calls `field`, if it is on the page.
    pub fn target(&self, field: &str) -> Option<(String, String)> {
        self.fields.with_value(|fields| {
            fields
                .iter()
                .find(|(name, _, _)| name == field || is_item_of(field, name))
                .map(|(_, id, label)| (id.clone(), label.clone()))
        })
    }

    /// Names field `field` for the form's alert: a link to `id`, with `label`.
    pub fn register(&self, field: &str, id: &str, label: &str) {
        self.fields.update_value(|fields| {
            fields.retain(|(name, _, _)| name != field);
            fields.push((field.to_owned(), id.to_owned(), label.to_owned()));
        });
    }

    /// The messages for `field` (tracked).
    pub fn messages(&self, field: &str) -> Vec<String> {
        self.problem.with(|problem| {
            problem
                .iter()
                .flat_map(|p| &p.errors)
                .filter(|e| e.field == field || is_item_of(&e.field, field))
                .map(|e| e.message.clone())
                .collect()
        })
    }
}

/// `wishes[1]` or `wishes.1` is an item of `wishes`.
fn is_item_of(error_field: &str, field: &str) -> bool {
    error_field
        .strip_prefix(field)
        .is_some_and(|rest| rest.starts_with('[') || rest.starts_with('.'))
}

/// The browser's own checks before sending: `true` when nothing is wrong; otherwise the
/// errors become the form's problem (shown as the server's would be) and nothing is sent.
pub fn check(problem: RwSignal<Option<Problem>>, errors: Vec<FieldError>) -> bool {
    if errors.is_empty() {
        true
    } else {
        problem.set(Some(Problem::invalid(errors)));
        false
    }
}

/// The messages of field `field` of the page's form (none without `field` or a form),
/// registering it so the form's alert links to `id` by `label`.
fn field_messages(field: Option<String>, id: &str, label: &str) -> Signal<Vec<String>> {
    match (field, use_context::<FormErrors>()) {
        (Some(field), Some(errors)) => {
            errors.register(&field, id, label);
            Signal::derive(move || errors.messages(&field))
        }
        _ => Signal::derive(Vec::new),
    }
}

/// The messages under a field: `<id>-messages`, which the field's `aria-describedby` names.
#[component]
fn FieldMessages(id: String, messages: Signal<Vec<String>>) -> impl IntoView {
    view! {
        <div class="fr-messages-group" id=format!("{id}-messages") aria-live="polite">
            {move || messages.get().into_iter().map(|message| view! {
                <p class="fr-message fr-message--error">{message}</p>
            }).collect_view()}
        </div>
    }
}

/// The label's text, with « (facultatif) » for an optional field of a form whose fields
/// are otherwise required.
fn label_text(label: &'static str, optional: bool) -> String {
    if optional {
        format!("{label} (facultatif)")
    } else {
        label.to_owned()
    }
}

/// One labelled input bound to a signal.
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] hint: &'static str,
    /// The input's `type` ("text" by default).
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
    /// Says « (facultatif) » after the label.
    #[prop(optional)]
    optional: bool,
    /// The field's name in the API's answers: its errors show under it.
    #[prop(optional, into)]
    field: Option<String>,
) -> impl IntoView {
    // Posted as plain HTML under the API's name of the field.
    let name = field.clone().unwrap_or_else(|| id.clone());
    let messages = field_messages(field, &id, label);
    let invalid = move || !messages.get().is_empty();
    view! {
        <div class="fr-input-group" class:fr-input-group--error=invalid>
            <label class="fr-label" for=id.clone()>{label_text(label, optional)}
                {(!hint.is_empty()).then(|| view! { <span class="fr-hint-text">{hint}</span> })}
            </label>
            // `value` as rendered: a refused plain post's page shows what was typed (`posted`).
            <input class="fr-input" id=id.clone() name=name type=kind autocomplete=autocomplete required=required
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=format!("{id}-messages") value=value.get_untracked() bind:value=value />
            <FieldMessages id=id messages />
        </div>
    }
}

/// `text` as HTML text (a textarea's content as rendered, which hydration leaves alone).
fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// One labelled textarea bound to a signal; `markdown` says formatting is accepted.
#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] markdown: bool,
    #[prop(default = 6)] rows: u32,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] optional: bool,
    /// The field's name in the API's answers: its errors show under it.
    #[prop(optional, into)]
    field: Option<String>,
) -> impl IntoView {
    let name = field.clone().unwrap_or_else(|| id.clone());
    let messages = field_messages(field, &id, label);
    let invalid = move || !messages.get().is_empty();
    view! {
        <div class="fr-input-group" class:fr-input-group--error=invalid>
            <label class="fr-label" for=id.clone()>{label_text(label, optional)}
                {markdown.then(|| view! { <span class="fr-hint-text">"Markdown accepté (listes, gras, liens)."</span> })}
                {(!hint.is_empty()).then(|| view! { <span class="fr-hint-text">{hint}</span> })}
            </label>
            <textarea class="fr-input" id=id.clone() name=name rows=rows required=required
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=format!("{id}-messages")
                inner_html=escape_text(&value.get_untracked()) bind:value=value></textarea>
            <FieldMessages id=id messages />
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
    #[prop(optional)] required: bool,
    #[prop(optional)] optional: bool,
    /// The field's name in the API's answers: its errors show under it.
    #[prop(optional)]
    field: Option<&'static str>,
    /// The name it is posted under as plain HTML, when not `field` (nor `id`).
    #[prop(optional)]
    name: Option<&'static str>,
    /// Options that may not be chosen now (tracked), e.g. taken by another field.
    #[prop(optional, into)]
    unavailable: Option<Callback<String, bool>>,
) -> impl IntoView {
    let messages = field_messages(field.map(str::to_owned), id, label);
    let invalid = move || !messages.get().is_empty();
    view! {
        <div class="fr-select-group" class:fr-select-group--error=invalid>
            <label class="fr-label" for=id>{label_text(label, optional)}</label>
            <select class="fr-select" id=id name=name.or(field).unwrap_or(id) required=required
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=format!("{id}-messages") bind:value=value>
                {options.into_iter().map(|(v, text)| {
                    let selected = v == value.get_untracked();
                    // Reactive only where options may be taken: an effect per option costs
                    // at hydration (the 102 départements).
                    let disabled = unavailable.filter(|_| !v.is_empty()).map(|taken| {
                        let v = v.clone();
                        move || taken.run(v.clone())
                    });
                    view! { <option value=v selected=selected disabled=disabled>{text}</option> }
                }).collect_view()}
            </select>
            <FieldMessages id=id.to_owned() messages />
        </div>
    }
}

/// Moves the focus to `block` once it is drawn: what follows an action, where the eyes go.
pub fn focus_when_drawn(block: NodeRef<leptos::html::Div>) {
    Effect::new(move |_| {
        if let Some(block) = block.get() {
            let _ = block.focus();
        }
    });
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

/// A secret just made (an API key, a webhook's signing secret), shown this once: the
/// server keeps only its hash. `shown` is `(title, secret)`; `message` says to whom to
/// give it.
#[component]
pub fn SecretShownOnce(
    #[prop(into)] shown: Signal<Option<(String, String)>>,
    message: &'static str,
) -> impl IntoView {
    move || {
        shown.get().map(|(title, secret)| {
            view! {
                <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
                    <h3 class="fr-alert__title">{title}</h3>
                    <p>{message}</p>
                    <p><code class="talents-secret">{secret}</code></p>
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
    /// The field's name in the API's answers: its errors show under the group.
    #[prop(optional)]
    field: Option<&'static str>,
) -> impl IntoView {
    // The alert's link goes to the first box.
    let first = options
        .first()
        .map(|(value, _)| format!("{id}-{value}"))
        .unwrap_or_else(|| id.to_owned());
    let messages = field_messages(field.map(str::to_owned), &first, &legend);
    let invalid = move || !messages.get().is_empty();
    view! {
        <fieldset class="fr-fieldset" class:fr-fieldset--error=invalid
            aria-describedby=format!("{id}-messages")>
            <legend class="fr-fieldset__legend fr-text--regular">{legend}</legend>
            {options.into_iter().map(|(value, label)| {
                let input_id = format!("{id}-{value}");
                let initially = selected.with_untracked(|s| s.contains(&value));
                let posted_value = value.clone();
                let checked = {
                    let value = value.clone();
                    move || selected.with(|s| s.contains(&value))
                };
                // The box's own state, not a flip: a repeated event cannot invert it.
                let toggle = move |ev| {
                    let on = event_target_checked(&ev);
                    selected.update(|s| {
                        let at = s.iter().position(|v| *v == value);
                        match (on, at) {
                            (true, None) => s.push(value.clone()),
                            (false, Some(i)) => {
                                s.remove(i);
                            }
                            _ => {}
                        }
                    });
                };
                view! {
                    <div class="fr-fieldset__element fr-fieldset__element--inline">
                        <div class="fr-checkbox-group">
                            <input type="checkbox" id=input_id.clone() name=field.unwrap_or(id) value=posted_value
                                checked=initially prop:checked=checked on:change=toggle />
                            <label class="fr-label" for=input_id>{label}</label>
                        </div>
                    </div>
                }
            }).collect_view()}
            <FieldMessages id=id.to_owned() messages />
        </fieldset>
    }
}

/// A required checkbox (consent, confirmation) bound to a signal.
#[component]
pub fn Checkbox(
    id: &'static str,
    label: &'static str,
    checked: RwSignal<bool>,
    /// The field's name in the API's answers: its errors show under it.
    #[prop(optional)]
    field: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let messages = field_messages(field.map(str::to_owned), id, label);
    let invalid = move || !messages.get().is_empty();
    view! {
        <div class="fr-checkbox-group" class:fr-checkbox-group--error=invalid>
            // Named, for forms sent as they are (multipart): the API reads `true`.
            <input type="checkbox" id=id name=field.unwrap_or(id) value="true" required=required
                checked=checked.get_untracked()
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=format!("{id}-messages")
                prop:checked=move || checked.get() on:change=move |ev| checked.set(event_target_checked(&ev)) />
            <label class="fr-label" for=id>{label}</label>
            <FieldMessages id=id.to_owned() messages />
        </div>
    }
}
