//! The offer search box with suggestions as one types: an editable combobox with a list
//! popup, as WAI-ARIA 1.2's pattern describes it (« Editable Combobox With List
//! Autocomplete »). ↓ and ↑ move through the suggestions, Entrée follows the one chosen (or
//! searches the words typed when none is), Échap closes the list; what is announced stays
//! short (« 7 suggestions »). The server renders a plain search field in its form: without the
//! WASM it searches, as any form does.

use leptos::prelude::*;

/// One suggestion: its group (« Métiers »…), its words, and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub group: &'static str,
    pub label: String,
    pub href: String,
}

/// Fewer letters than this ask for nothing: a single letter matches too much to help.
const MIN_CHARS: usize = 2;
/// Milliseconds of quiet typing before asking.
const PAUSE_MS: u64 = 120;

const LIST_ID: &str = "suggestions-recherche";

fn option_id(index: usize) -> String {
    format!("{LIST_ID}-{index}")
}

/// The `<input>` of the search form, with its list of suggestions.
#[component]
pub fn SuggestInput(
    /// The input's id (its label's `for`).
    id: &'static str,
    /// The query-string name of the words (`q`).
    name: &'static str,
    value: String,
    placeholder: &'static str,
) -> impl IntoView {
    let text = RwSignal::new(value.clone());
    let suggestions = RwSignal::new(Vec::<Suggestion>::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    // Answers that arrive after a newer question are dropped.
    let asked = StoredValue::new(0u64);

    let ask = move |words: String| {
        let ticket = asked.get_value() + 1;
        asked.set_value(ticket);
        if words.trim().chars().count() < MIN_CHARS {
            suggestions.set(Vec::new());
            open.set(false);
            return;
        }
        set_timeout(
            move || {
                if asked.get_value() != ticket {
                    return;
                }
                leptos::task::spawn_local(async move {
                    let found = fetch(words).await;
                    if asked.get_value() != ticket {
                        return;
                    }
                    active.set(None);
                    open.set(!found.is_empty());
                    suggestions.set(found);
                });
            },
            std::time::Duration::from_millis(PAUSE_MS),
        );
    };

    let navigate = leptos_router::hooks::use_navigate();
    let follow = move |index: usize| {
        if let Some(choice) = suggestions.with_untracked(|s| s.get(index).cloned()) {
            open.set(false);
            text.set(choice.label.clone());
            navigate(&choice.href, Default::default());
        }
    };

    let on_keydown = {
        let follow = follow.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let count = suggestions.with_untracked(Vec::len);
            match ev.key().as_str() {
                "ArrowDown" if count > 0 => {
                    ev.prevent_default();
                    open.set(true);
                    active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count)));
                }
                "ArrowUp" if count > 0 => {
                    ev.prevent_default();
                    open.set(true);
                    active.update(|a| *a = Some(a.map_or(count - 1, |i| (i + count - 1) % count)));
                }
                "Enter" => {
                    if let (true, Some(index)) = (open.get_untracked(), active.get_untracked()) {
                        ev.prevent_default();
                        follow(index);
                    }
                }
                "Escape" if open.get_untracked() => {
                    ev.prevent_default();
                    open.set(false);
                    active.set(None);
                }
                _ => {}
            }
        }
    };

    view! {
        <div class="talents-suggest">
            <input
                class="fr-input"
                placeholder=placeholder
                type="search"
                id=id
                name=name
                value=value
                autocomplete="off"
                role="combobox"
                aria-autocomplete="list"
                aria-controls=LIST_ID
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-activedescendant=move || active.get().filter(|_| open.get()).map(option_id)
                prop:value=move || text.get()
                on:input=move |ev| {
                    let words = event_target_value(&ev);
                    text.set(words.clone());
                    ask(words);
                }
                on:keydown=on_keydown
                on:blur=move |_| open.set(false)
            />
            <ul class="talents-suggest__list" id=LIST_ID role="listbox" aria-label="Suggestions"
                hidden=move || !open.get()>
                {move || {
                    let all = suggestions.get();
                    let mut previous_group = "";
                    let follow = follow.clone();
                    all.into_iter().enumerate().map(move |(index, s)| {
                        let follow = follow.clone();
                        let heading = (s.group != previous_group).then_some(s.group);
                        previous_group = s.group;
                        view! {
                            {heading.map(|group| view! {
                                <li class="talents-suggest__group" role="presentation" aria-hidden="true">{group}</li>
                            })}
                            <li class="talents-suggest__option" role="option" id=option_id(index)
                                aria-selected=move || if active.get() == Some(index) { "true" } else { "false" }
                                aria-label=format!("{} ({})", s.label, s.group.to_lowercase())
                                on:mousedown=move |ev| {
                                    // Keeps the focus in the field until the link is followed.
                                    ev.prevent_default();
                                    follow(index);
                                }>
                                {s.label.clone()}
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
            <p class="fr-sr-only" role="status" aria-live="polite">
                {move || {
                    let n = suggestions.with(Vec::len);
                    match (open.get(), n) {
                        (false, _) | (_, 0) => String::new(),
                        (true, 1) => "1 suggestion".to_owned(),
                        (true, n) => format!("{n} suggestions"),
                    }
                }}
            </p>
        </div>
    }
}

/// The suggestions for the words typed, from `catalogue::Suggest`.
async fn fetch(words: String) -> Vec<Suggestion> {
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        use shared::api::catalogue::{Suggest, SuggestQuery};
        match crate::api::browser::fetch(Suggest {
            query: SuggestQuery { q: words },
        })
        .await
        {
            Ok(answer) => from_answer(answer),
            Err(_) => Vec::new(),
        }
    }
    #[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
    {
        let _ = words;
        Vec::new()
    }
}

/// The groups in the order shown: métiers, then employers, then titles of offers — each
/// leading to the offers it names.
#[cfg_attr(not(all(feature = "hydrate", not(feature = "ssr"))), allow(dead_code))]
fn from_answer(answer: shared::search::Suggestions) -> Vec<Suggestion> {
    use shared::search::percent_encode;
    let metiers = answer.metiers.into_iter().map(|m| Suggestion {
        group: "Métiers",
        href: format!("/offres?metier={}", percent_encode(&m.slug)),
        label: m.name,
    });
    let entities = answer.entities.into_iter().map(|e| Suggestion {
        group: "Employeurs",
        href: format!("/offres?entity={}", percent_encode(&e.slug)),
        label: match e.acronym {
            Some(acronym) if !e.name.contains(&acronym) => format!("{} ({acronym})", e.name),
            _ => e.name,
        },
    });
    let titles = answer.titles.into_iter().map(|t| Suggestion {
        group: "Offres",
        href: format!("/offres?q={}", percent_encode(&t.title)),
        label: t.title,
    });
    metiers.chain(entities).chain(titles).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::search::{SuggestedEntity, SuggestedMetier, SuggestedTitle, Suggestions};

    #[test]
    fn suggestions_lead_to_the_offers_they_name_in_group_order() {
        let found = from_answer(Suggestions {
            metiers: vec![SuggestedMetier {
                slug: "developpeur-developpeuse".into(),
                name: "Développeur / développeuse".into(),
            }],
            entities: vec![SuggestedEntity {
                slug: "dinum".into(),
                name: "Direction interministérielle du numérique".into(),
                acronym: Some("DINUM".into()),
            }],
            titles: vec![SuggestedTitle {
                title: "Développeuse back-end".into(),
                offers: 3,
            }],
        });
        let hrefs: Vec<&str> = found.iter().map(|s| s.href.as_str()).collect();
        assert_eq!(
            hrefs,
            [
                "/offres?metier=developpeur-developpeuse",
                "/offres?entity=dinum",
                "/offres?q=D%C3%A9veloppeuse%20back-end",
            ]
        );
        assert_eq!(
            found[1].label,
            "Direction interministérielle du numérique (DINUM)"
        );
    }
}
