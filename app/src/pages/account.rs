//! `/connexion` (sign in), `/inscription` (candidate sign-up), `/compte/confirmer` (the
//! e-mailed address confirmation), `/compte/mot-de-passe` (choose a password from an
//! e-mailed reset or invitation link) and `/compte/mot-de-passe-oublie` (ask for one).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::account::{
    email_error, normalize_email, password_error, Credentials, EmailToken, FormRefusal, Me,
    NewPassword, ResetRequest,
};
use shared::api::{accounts, Operation};
use shared::{FieldError, Problem};

use crate::api::browser;
use crate::components::form::{check, focus_when_drawn, FormErrors, Success, TextField};
use crate::components::states::{LastProblem, Loaded};

use crate::components::layout::space_of as home_of;
use crate::components::restricted::return_target;
use crate::contexts::session::CurrentSession;

/// The action of a form that opens a session: calls `op` with its body, then goes back where
/// the person was (the page's `retour`, see [`return_target`]) or else to the account's
/// space; a refusal is shown in `problem`. Made when the component is, where the contexts are.
fn sign_in<O>(op: O, problem: RwSignal<Option<Problem>>) -> impl Fn(O::Body) + Clone + 'static
where
    O: Operation<Answer = Me> + Clone + 'static,
    O::Body: serde::Serialize + 'static,
{
    let session = CurrentSession::get();
    let query = use_query_map();
    let navigate = use_navigate();
    move |body: O::Body| {
        let retour = query.with_untracked(|q| q.get("retour"));
        let navigate = navigate.clone();
        let op = op.clone();
        spawn_local(async move {
            match browser::call(op, &body).await {
                Ok(Some(me)) => {
                    let target = return_target(retour, home_of(&me));
                    session.set(Some(me));
                    navigate(&target, Default::default());
                }
                Ok(None) => {}
                Err(p) => problem.set(Some(p)),
            }
        });
    }
}

/// `page`, keeping the current page's `retour` (from sign-in to sign-up and back).
fn keeping_return(page: &str) -> String {
    match use_query_map().with(|q| q.get("retour")) {
        Some(back) => crate::components::restricted::with_return(page, &back),
        None => page.to_owned(),
    }
}

/// Why this page's form, sent without the WASM, was refused (`?erreur=…`, see the server's
/// `routes::forms`): shown as the API's refusal would be.
fn refusal_in_address() -> Option<Problem> {
    use_query_map()
        .with_untracked(|q| q.get("erreur"))
        .and_then(|code| code.parse::<FormRefusal>().ok())
        .map(FormRefusal::problem)
}

/// The page's `retour`, sent with the form when it is posted without the WASM.
fn return_field() -> impl IntoView {
    use_query_map()
        .with_untracked(|q| q.get("retour"))
        .map(|back| view! { <input type="hidden" name="retour" value=back /> })
}

/// A narrow centred page holding one form, with its error alert.
#[component]
pub(crate) fn FormFrame(
    title: &'static str,
    problem: RwSignal<Option<Problem>>,
    children: Children,
) -> impl IntoView {
    FormErrors::provide(problem);
    view! {
        <Title text=title />
        <div class="fr-container fr-my-7w">
            <div class="fr-grid-row fr-grid-row--center">
                <div class="fr-col-12 fr-col-md-6">
                    <h1>{title}</h1>
                    <LastProblem problem />
                    {children()}
                </div>
            </div>
        </div>
    }
}

/// The submit handler of the e-mail + password forms (sign-in and sign-up): `errors` are
/// checked in the browser first, then `send` takes the credentials.
fn credentials_submit(
    email: RwSignal<String>,
    password: RwSignal<String>,
    problem: RwSignal<Option<Problem>>,
    errors: fn(&Credentials) -> Vec<FieldError>,
    send: impl Fn(Credentials) + Clone + 'static,
) -> impl Fn(leptos::ev::SubmitEvent) + Clone + 'static {
    move |ev| {
        ev.prevent_default();
        let credentials = Credentials {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        if check(problem, errors(&credentials)) {
            send(credentials);
        }
    }
}

/// Signing in only needs both filled.
fn sign_in_errors(credentials: &Credentials) -> Vec<FieldError> {
    [
        (
            "email",
            &credentials.email,
            "Indiquez votre adresse électronique.",
        ),
        (
            "password",
            &credentials.password,
            "Indiquez votre mot de passe.",
        ),
    ]
    .into_iter()
    .filter(|(_, value, _)| value.trim().is_empty())
    .map(|(field, _, message)| FieldError::new(field, message))
    .collect()
}

/// A new account, the rules of one.
fn sign_up_errors(credentials: &Credentials) -> Vec<FieldError> {
    [
        email_error(&normalize_email(&credentials.email)),
        password_error(&credentials.password),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(refusal_in_address());
    let submit = credentials_submit(
        email,
        password,
        problem,
        sign_in_errors,
        sign_in(accounts::LogIn {}, problem),
    );
    view! {
        <FormFrame title="Se connecter" problem>
                    // Posted by the browser itself until the WASM takes the form over.
                    <form method="post" action="/connexion" on:submit=submit novalidate>
                        {return_field()}
                        <TextField id="email" field="email" label="Adresse électronique" value=email kind="email" autocomplete="email" required=true hint="Format attendu : nom@domaine.fr" />
                        <TextField id="password" field="password" label="Mot de passe" value=password kind="password" autocomplete="current-password" required=true />
                        <button class="fr-btn" type="submit">"Se connecter"</button>
                    </form>
                    <ul class="fr-mt-4w">
                        <li><a class="fr-link" href="/compte/mot-de-passe-oublie">"Mot de passe oublié ?"</a></li>
                        <li><a class="fr-link" href=move || keeping_return("/inscription")>"Pas encore de compte ? Créer un compte candidat"</a></li>
                        <li><a class="fr-link" href="/espace-recruteur/demande-acces">"Vous recrutez pour une administration ? Demander un accès recruteur"</a></li>
                    </ul>
        </FormFrame>
    }
}

#[component]
pub fn PasswordPage() -> impl IntoView {
    let query = use_query_map();
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let sign_in = sign_in(accounts::ConfirmReset {}, problem);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        sign_in(NewPassword {
            token: query.with_untracked(|q| q.get("jeton").unwrap_or_default()),
            password: password.get_untracked(),
        });
    };
    view! {
        <FormFrame title="Choisir un mot de passe" problem>
                    <form on:submit=submit>
                        <div class="fr-input-group">
                            <label class="fr-label" for="new-password">"Nouveau mot de passe"
                                <span class="fr-hint-text">"12 caractères au moins ; une phrase de passe est idéale."</span>
                            </label>
                            <input class="fr-input" id="new-password" name="password" type="password" autocomplete="new-password" required bind:value=password />
                        </div>
                        <button class="fr-btn" type="submit">"Enregistrer et me connecter"</button>
                    </form>
        </FormFrame>
    }
}

#[component]
pub fn SignupPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(refusal_in_address());
    // Where the link is on its way to: the address typed, or (back from the form posted
    // without the WASM, `?envoye=1`) the one given.
    let sent = RwSignal::new(
        use_query_map()
            .with_untracked(|q| q.get("envoye").is_some())
            .then(|| "l'adresse indiquée".to_owned()),
    );
    let retour = use_query_map().with_untracked(|q| q.get("retour"));
    let submit = credentials_submit(
        email,
        password,
        problem,
        sign_up_errors,
        move |credentials| {
            let op = accounts::SignUp {
                query: accounts::SignUpReturn {
                    retour: retour.clone(),
                },
            };
            let to = normalize_email(&credentials.email);
            browser::act(op, credentials, problem, move |_: Option<()>| {
                sent.set(Some(to));
            });
        },
    );
    view! {
        <FormFrame title="Créer un compte candidat" problem>
            {move || match sent.get() {
                Some(to) => view! { <LinkSent to /> }.into_any(),
                None => view! {
                    <p>"Votre compte vous permet de suivre vos candidatures et de vous inscrire aux événements. Un lien vous sera envoyé pour confirmer votre adresse."</p>
                    <p>"Déjà un compte ? "<a class="fr-link" href=move || keeping_return("/connexion")>"Se connecter"</a></p>
                    <form method="post" action="/inscription" on:submit=submit.clone() novalidate>
                        {return_field()}
                        <TextField id="email" field="email" label="Adresse électronique" value=email kind="email" autocomplete="email" required=true hint="Format attendu : nom@domaine.fr" />
                        <TextField id="password" field="password" label="Mot de passe" value=password kind="password" autocomplete="new-password" required=true hint="12 caractères au moins ; une phrase de passe est idéale." />
                        <button class="fr-btn" type="submit">"Créer mon compte"</button>
                    </form>
                }.into_any(),
            }}
        </FormFrame>
    }
}

/// What follows a sign-up, in place of the form; it takes the focus. The same whether or not
/// the address had an account: its mailbox says which.
#[component]
fn LinkSent(to: String) -> impl IntoView {
    let block = NodeRef::<leptos::html::Div>::new();
    focus_when_drawn(block);
    view! {
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status" tabindex="-1" node_ref=block>
            <h2 class="fr-alert__title">"Vérifiez votre messagerie"</h2>
            <p>"Un lien vient d'être envoyé à " {to} " : ouvrez-le pour confirmer votre adresse et vous connecter (il est valable "
                {shared::account::CONFIRMATION_DAYS} " jours). Si cette adresse a déjà un compte, le message vous le dit."</p>
        </div>
        <p>"Rien reçu après quelques minutes ? Regardez dans les courriers indésirables, ou "
            <a class="fr-link" href="/inscription">"recommencez"</a>"."</p>
    }
}

/// Confirms the address, which signs the account in, as soon as the page opens in the browser
/// (the token is in the URL), then offers to go on where the person was going. Served, and
/// until then, the page holds a plain form doing the same (`POST /compte/confirmer`).
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let query = use_query_map();
    let token = query.with_untracked(|q| q.get("jeton").unwrap_or_default());
    let retour = query.with_untracked(|q| q.get("retour"));
    let session = CurrentSession::get();
    // Back from the plain form refused: said, and nothing is sent again.
    let problem = RwSignal::new(refusal_in_address());
    let refused = problem.get_untracked().is_some();
    let sent = token.clone();
    let outcome = LocalResource::new(move || {
        let token = sent.clone();
        async move {
            if refused {
                return Ok(None);
            }
            let me = browser::call(accounts::VerifyEmail {}, &EmailToken { token }).await?;
            session.set(me.clone());
            Ok(me)
        }
    });
    let plain_form = move || {
        let retour = retour
            .clone()
            .map(|back| view! { <input type="hidden" name="retour" value=back /> });
        (!refused).then(|| {
            view! {
                <form method="post" action="/compte/confirmer">
                    <input type="hidden" name="jeton" value=token.clone() />
                    {retour}
                    <button class="fr-btn" type="submit">"Confirmer mon adresse"</button>
                </form>
            }
        })
    };
    let then = query.with_untracked(|q| q.get("retour"));
    let confirmed = move |me: Option<Me>| {
        me.map(|me| {
            let target = return_target(then.clone(), home_of(&me));
            view! {
                <div class="fr-alert fr-alert--success" role="status">
                    <p>"Votre adresse électronique est confirmée : vous êtes connecté(e)."</p>
                </div>
                <p class="fr-mt-2w"><a class="fr-btn" href=target>"Continuer"</a></p>
            }
        })
    };
    view! {
        <FormFrame title="Confirmation de votre adresse" problem>
            <Loaded resource=outcome pending=plain_form view=confirmed />
        </FormFrame>
    }
}

#[component]
pub fn ForgottenPasswordPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let sent = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = ResetRequest {
            email: email.get_untracked(),
        };
        browser::act(
            accounts::RequestReset {},
            body,
            problem,
            move |_: Option<()>| {
                sent.set(Some("Si un compte existe avec cette adresse, un lien pour choisir un nouveau mot de passe vient de lui être envoyé (valable une heure).".to_owned()));
            },
        );
    };
    view! {
        <FormFrame title="Mot de passe oublié" problem>
            <Success message=sent />
            <form on:submit=submit>
                <TextField id="email" label="Adresse électronique de votre compte" value=email kind="email" autocomplete="email" required=true />
                <button class="fr-btn" type="submit">"Recevoir un lien"</button>
            </form>
        </FormFrame>
    }
}
