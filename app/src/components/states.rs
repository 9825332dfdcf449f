//! Loading, empty and error states shared by every page.

use leptos::prelude::*;
use shared::Problem;

#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="fr-my-4w" role="status" aria-live="polite">
            <span class="fr-icon-refresh-line fr-mr-1w" aria-hidden="true"></span>
            "Chargement…"
        </p>
    }
}

/// Sets the HTTP status of the server-rendered response (no effect in the browser).
pub fn set_http_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(status),
    ) {
        options.set_status(code);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// A failed load, explained in French. A "not found" also sets the 404 status.
#[component]
pub fn ErrorNotice(problem: Problem) -> impl IntoView {
    let (title, text) = if problem.is_not_found() {
        set_http_status(404);
        (
            "Page introuvable".to_owned(),
            "Ce contenu n'existe pas ou n'est plus publié.".to_owned(),
        )
    } else {
        if problem.status >= 400 {
            set_http_status(problem.status);
        }
        (
            problem.title.clone(),
            problem
                .detail
                .clone()
                .unwrap_or_else(|| "Réessayez dans quelques instants.".to_owned()),
        )
    };
    view! {
        <div class="fr-alert fr-alert--error fr-my-4w" role="alert">
            <h2 class="fr-alert__title">{title}</h2>
            <p>{text}</p>
        </div>
    }
}

#[component]
pub fn Empty(#[prop(into)] message: String) -> impl IntoView {
    view! {
        <div class="fr-callout fr-my-4w">
            <p class="fr-callout__text">{message}</p>
        </div>
    }
}

/// A failed submission: the problem's title and, for validation errors, each field's message.
#[component]
pub fn ProblemAlert(problem: Problem) -> impl IntoView {
    let details = if problem.errors.is_empty() {
        problem.detail.clone().into_iter().collect::<Vec<_>>()
    } else {
        problem.errors.iter().map(|e| e.message.clone()).collect()
    };
    view! {
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
            <h2 class="fr-alert__title">{problem.title.clone()}</h2>
            <ul>{details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
        </div>
    }
}

/// The alert of the last refused change, if any.
#[component]
pub fn LastProblem(problem: RwSignal<Option<Problem>>) -> impl IntoView {
    move || {
        problem
            .get()
            .map(|problem| view! { <ProblemAlert problem /> })
    }
}

/// A browser-loaded resource: "Chargement…" while it loads, its problem if it failed,
/// else what `view` makes of it.
#[component]
pub fn Loaded<T, F, V>(resource: LocalResource<Result<T, Problem>>, view: F) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || {
                let view = view.clone();
                Suspend::new(async move {
                    match resource.await {
                        Err(problem) => view! { <ProblemAlert problem /> }.into_any(),
                        Ok(data) => view(data).into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
