//! Loading, empty and error states shared by every page.

use leptos::prelude::*;
use shared::Problem;

use crate::components::form::FormErrors;
use crate::components::restricted::SignInPrompt;

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

/// A failed submission: the problem's title and, for validation errors, each field's
/// message — as a link to the field, named by its label, when the page's form has it
/// ([`FormErrors`]).
#[component]
pub fn ProblemAlert(
    problem: Problem,
    /// Set by [`LastProblem`], which moves the focus to the alert.
    #[prop(optional)]
    node_ref: Option<NodeRef<leptos::html::Div>>,
) -> impl IntoView {
    let form = use_context::<FormErrors>();
    let title = if problem.errors.is_empty() {
        problem.title.clone()
    } else {
        crate::format::count(
            problem.errors.len() as i64,
            "erreur à corriger",
            "erreurs à corriger",
        )
    };
    let details: Vec<AnyView> = if problem.errors.is_empty() {
        problem
            .detail
            .clone()
            .into_iter()
            .map(|d| view! { <li>{d}</li> }.into_any())
            .collect()
    } else {
        problem
            .errors
            .iter()
            .map(|e| match form.and_then(|form| form.target(&e.field)) {
                Some((id, label)) => view! {
                    <li><a href=format!("#{id}")>{format!("{label} : {}", e.message)}</a></li>
                }
                .into_any(),
                None => view! { <li>{e.message.clone()}</li> }.into_any(),
            })
            .collect()
    };
    // Signed out meanwhile (or never signed in): the way back in, to this very page.
    let signed_out = problem.status == 401;
    let node_ref = node_ref.unwrap_or_default();
    view! {
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert" tabindex="-1" node_ref=node_ref>
            <h2 class="fr-alert__title">{title}</h2>
            <ul>{details}</ul>
        </div>
        {signed_out.then(|| view! { <SignInPrompt /> })}
    }
}

/// The alert of the last refused change, if any; it takes the focus when it appears, so the
/// person (and their screen reader) is where the explanation is.
#[component]
pub fn LastProblem(problem: RwSignal<Option<Problem>>) -> impl IntoView {
    let alert = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if problem.with(Option::is_some) {
            request_animation_frame(move || {
                if let Some(alert) = alert.get_untracked() {
                    let _ = alert.focus();
                }
            });
        }
    });
    move || {
        problem
            .get()
            .map(|problem| view! { <ProblemAlert problem node_ref=alert /> })
    }
}

/// A browser-loaded resource: "Chargement…" while it loads, its problem if it failed,
/// else what `view` makes of it. No `<Suspense>`: the server renders a local resource as
/// pending, and a suspense around it, nested in the page's own, made hydration fail on most
/// loads (`/vis-mon-job/:slug`, `/forum/sessions/:id`: an `unreachable` trap, the page dead).
/// Read reactively instead, the first render in the browser is the server's, then the data.
/// A refetch keeps the previous data on screen until the new one arrives.
#[component]
pub fn Loaded<T, F, V>(
    resource: LocalResource<Result<T, Problem>>,
    view: F,
    /// Drawn while loading (and by the server) in place of « Chargement… ».
    #[prop(optional, into)]
    pending: Option<ViewFn>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || match read_in_browser(resource) {
        None => match &pending {
            Some(pending) => pending.run(),
            None => view! { <Loading /> }.into_any(),
        },
        Some(Err(problem)) => view! { <ProblemAlert problem /> }.into_any(),
        Some(Ok(data)) => view(data).into_any(),
    }
}

/// The resource's value, in the browser. The server never loads a local resource, and reading
/// one inside a `<Suspense>` registers it there: the server would wait for it, then send the
/// suspense's fallback in place of the page (`/forum/sessions/:id` served « Chargement… »).
/// The server's HTML is the first render in the browser anyway: the loading state.
fn read_in_browser<T: Clone + Send + Sync + 'static>(
    resource: LocalResource<Result<T, Problem>>,
) -> Option<Result<T, Problem>> {
    #[cfg(feature = "ssr")]
    {
        let _ = resource;
        None
    }
    #[cfg(not(feature = "ssr"))]
    resource.get()
}
