//! The single-page app: routes, pages and components, in French, on the State design
//! system (DSFR). The server renders it to HTML (`ssr`); the browser hydrates it (`hydrate`).

pub mod api;
pub mod components;
pub mod contexts;
pub mod format;
pub mod history;
pub mod hydration;
#[cfg(any(feature = "ssr", not(feature = "spaces")))]
pub mod lazy;
pub mod pages;
pub mod posted;
pub mod prefill;
pub mod spaces;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use components::layout::{FocusOnNavigation, Footer, Header, SkipLinks};
#[cfg(feature = "spaces")]
use pages::{
    access_request::AccessRequestPage,
    admin::{
        AccountsPage, AdminEditionPage, AdminEntitiesPage, AdminForumEditionPage, AdminForumPage,
        AdminPage, AdminVisMonJobPage, ApiKeysPage, AuditPage, OutboxPage,
    },
    alerts::AlertsPage,
    candidate::CandidateSpacePage,
    forum::AgendaPage,
    my_account::AccountPage,
    profile::ProfilePage,
    recruiter::{
        AmbassadorsPage, ApplicationPage, EditOfferPage, NewOfferPage, PipelinePage,
        RecruiterForumPage, RecruiterHomePage, ShowcaseEditorPage, StatsPage, TalentsPage,
        TeamPage,
    },
    vismonjob::{DuoPage, MyDuoPage, MySignupsPage},
};
#[cfg(all(feature = "spaces", not(feature = "ssr")))]
use pages::{
    account::{ConfirmEmailPage, ForgottenPasswordPage, LoginPage, PasswordPage, SignupPage},
    apply::{ApplyToOfferPage, SpontaneousApplicationPage},
    entities::{EntitiesPage, EntityPage},
    forum::{ForumPage, SessionPage},
    legal::{AccessibilityPage, LegalNoticePage, PrivacyPage},
    metiers::{MetierPage, MetiersPage},
    offers::{OfferPage, OffersPage},
    vismonjob::{EditionPage, VisMonJobPage},
};
use pages::{home::HomePage, not_found::NotFoundPage};

/// A page of the signed-in spaces (`spaces::in_spaces` paths): itself in the spaces bundle
/// and on the server, [`spaces::LoadSpace`] in the public bundle.
/// With a role (or `Account`: any signed-in account), the page is drawn for such an account
/// only ([`components::restricted::Restricted`]); without, for everyone (a token's page).
#[cfg(feature = "spaces")]
macro_rules! space {
    ($page:ident) => {
        $page
    };
    ($page:ident, Account) => {
        || view! { <components::restricted::Restricted><$page /></components::restricted::Restricted> }
    };
    ($page:ident, $role:ident) => {
        || view! { <components::restricted::Restricted role=shared::account::Role::$role><$page /></components::restricted::Restricted> }
    };
}
#[cfg(not(feature = "spaces"))]
macro_rules! space {
    ($page:ident $(, $role:ident)?) => {
        spaces::LoadSpace
    };
}

/// A public page: a lazily loaded route ([`lazy`]) on the server and in the public bundle,
/// where it is a chunk of its own; the component itself in the spaces bundle, which is not
/// split.
#[cfg(any(feature = "ssr", not(feature = "spaces")))]
macro_rules! page {
    ($page:ident) => {
        leptos_router::Lazy::<lazy::$page>::new()
    };
}
#[cfg(all(feature = "spaces", not(feature = "ssr")))]
macro_rules! page {
    ($page:ident) => {
        $page
    };
}

/// Name of the service, shown in the header and page titles.
pub const SERVICE_NAME: &str = "Talents du numérique de l'État";

/// Where versioned DSFR assets (fonts, icons, favicon) are served; the version in the path
/// lets them be cached forever.
pub const DSFR_BASE: &str = "/assets/dsfr/1.15.3";

/// Where our style sheets are served, revalidated on each visit: ours, and the subset of the
/// DSFR's that the app uses (`scripts/dsfr-subset.mjs`), which changes with the app.
pub const STYLE_BASE: &str = "/assets/style";

/// The HTML document around the app (server side only).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let options = with_request_bundle(options);
    // The public bundle is split: its pages name their chunks in the head (`lazy`).
    #[cfg(feature = "ssr")]
    if options.output_name.as_ref() == spaces::PUBLIC_BUNDLE {
        lazy::provide_split_manifest(&options);
    }
    // A refused form's page is rendered for this response only: it is not hydrated (`posted`).
    let hydrates = posted::Posted::get().is_none();
    view! {
        <!DOCTYPE html>
        <html lang="fr" data-fr-scheme="light">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no" />
                <meta name="format-detection" content="telephone=no" />
                <link rel="stylesheet" href=format!("{STYLE_BASE}/dsfr.min.css") />
                <link rel="stylesheet" href=format!("{STYLE_BASE}/dsfr-icons.min.css") />
                <link rel="stylesheet" href=format!("{STYLE_BASE}/main.css") />
                <link rel="icon" href=format!("{DSFR_BASE}/favicon/favicon.svg") type="image/svg+xml" />
                // The text's fonts, fetched with the styles rather than once they are parsed.
                <link rel="preload" href=format!("{DSFR_BASE}/fonts/Marianne-Regular.woff2") r#as="font" type="font/woff2" crossorigin="anonymous" />
                <link rel="preload" href=format!("{DSFR_BASE}/fonts/Marianne-Bold.woff2") r#as="font" type="font/woff2" crossorigin="anonymous" />
                // The bundle loads once the page has painted (`hydration`).
                {hydrates.then(|| view! { <hydration::HydrationScript options /> })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The options the hydration script reads, naming the bundle for the requested page
/// ([`spaces::bundle_for`]).
fn with_request_bundle(options: LeptosOptions) -> LeptosOptions {
    #[cfg(feature = "ssr")]
    if let Some(parts) = use_context::<http::request::Parts>() {
        let mut options = options;
        options.output_name = spaces::bundle_for(parts.uri.path()).into();
        return options;
    }
    options
}

/// A document title: the page's, then the service's.
fn page_title(page: &str) -> String {
    if page.is_empty() {
        SERVICE_NAME.to_owned()
    } else {
        format!("{page} — {SERVICE_NAME}")
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    contexts::session::CurrentSession::provide();
    view! {
        // The service's name until the page names itself: while a page's chunk loads
        // (app::lazy), hydration has begun and the page's <Title> is not there yet.
        <Title text="" formatter=|page: String| page_title(&page) />
        <Router>
            <SkipLinks />
            <FocusOnNavigation />
            <Header />
            <main id="contenu" role="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/offres") view=page!(OffersPage) ssr=SsrMode::Async />
                    <Route path=path!("/offres/:id") view=page!(OfferPage) ssr=SsrMode::Async />
                    <Route path=path!("/offres/:id/postuler") view=page!(ApplyToOfferPage) ssr=SsrMode::Async />
                    <Route path=path!("/entites") view=page!(EntitiesPage) ssr=SsrMode::Async />
                    <Route path=path!("/entites/:slug") view=page!(EntityPage) ssr=SsrMode::Async />
                    <Route path=path!("/entites/:slug/candidature") view=page!(SpontaneousApplicationPage) ssr=SsrMode::Async />
                    <Route path=path!("/espace-candidat") view=space!(CandidateSpacePage, Candidate) />
                    <Route path=path!("/espace-candidat/profil") view=space!(ProfilePage, Candidate) />
                    <Route path=path!("/espace-candidat/alertes") view=space!(AlertsPage, Candidate) />
                    <Route path=path!("/espace-candidat/vis-mon-job") view=space!(MySignupsPage, Candidate) />
                    <Route path=path!("/espace-candidat/vis-mon-job/:slug/duo") view=space!(MyDuoPage, Candidate) />
                    <Route path=path!("/vis-mon-job") view=page!(VisMonJobPage) ssr=SsrMode::Async />
                    <Route path=path!("/forum") view=page!(ForumPage) ssr=SsrMode::Async />
                    <Route path=path!("/forum/sessions/:id") view=page!(SessionPage) ssr=SsrMode::Async />
                    <Route path=path!("/espace-candidat/forum") view=space!(AgendaPage, Candidate) />
                    <Route path=path!("/espace-recruteur/forum") view=space!(RecruiterForumPage, Recruiter) />
                    <Route path=path!("/admin/forum") view=space!(AdminForumPage, Admin) />
                    <Route path=path!("/admin/forum/:slug") view=space!(AdminForumEditionPage, Admin) />
                    <Route path=path!("/vis-mon-job/:slug") view=page!(EditionPage) ssr=SsrMode::Async />
                    <Route path=path!("/vis-mon-job/duo/:token") view=space!(DuoPage) />
                    <Route path=path!("/metiers") view=page!(MetiersPage) ssr=SsrMode::Async />
                    <Route path=path!("/metiers/:slug") view=page!(MetierPage) ssr=SsrMode::Async />
                    <Route path=path!("/accessibilite") view=page!(AccessibilityPage) />
                    <Route path=path!("/mentions-legales") view=page!(LegalNoticePage) />
                    <Route path=path!("/donnees-personnelles") view=page!(PrivacyPage) />
                    <Route path=path!("/connexion") view=page!(LoginPage) />
                    <Route path=path!("/inscription") view=page!(SignupPage) />
                    <Route path=path!("/compte") view=space!(AccountPage, Account) />
                    <Route path=path!("/compte/confirmer") view=page!(ConfirmEmailPage) />
                    <Route path=path!("/compte/mot-de-passe") view=page!(PasswordPage) />
                    <Route path=path!("/compte/mot-de-passe-oublie") view=page!(ForgottenPasswordPage) />
                    <Route path=path!("/espace-recruteur") view=space!(RecruiterHomePage, Recruiter) />
                    <Route path=path!("/espace-recruteur/demande-acces") view=space!(AccessRequestPage) />
                    <Route path=path!("/espace-recruteur/offres/nouvelle") view=space!(NewOfferPage, Recruiter) />
                    <Route path=path!("/espace-recruteur/offres/:id") view=space!(EditOfferPage, Recruiter) />
                    <Route path=path!("/espace-recruteur/vitrine") view=space!(ShowcaseEditorPage, Recruiter) />
                    <Route path=path!("/espace-recruteur/equipe") view=space!(TeamPage, Recruiter) />
                    <Route path=path!("/espace-recruteur/statistiques") view=space!(StatsPage, Recruiter) />
                    <Route path=path!("/espace-recruteur/candidatures") view=space!(PipelinePage, Recruiter) />
                    <Route path=path!("/espace-recruteur/profils") view=space!(TalentsPage, Recruiter) />
                    <Route path=path!("/espace-recruteur/ambassadeurs") view=space!(AmbassadorsPage, Recruiter) />
                    <Route path=path!("/espace-recruteur/candidatures/:id") view=space!(ApplicationPage, Recruiter) />
                    <Route path=path!("/admin") view=space!(AdminPage, Admin) />
                    <Route path=path!("/admin/comptes") view=space!(AccountsPage, Admin) />
                    <Route path=path!("/admin/entites") view=space!(AdminEntitiesPage, Admin) />
                    <Route path=path!("/admin/courriels") view=space!(OutboxPage, Admin) />
                    <Route path=path!("/admin/journal") view=space!(AuditPage, Admin) />
                    <Route path=path!("/admin/api") view=space!(ApiKeysPage, Admin) />
                    <Route path=path!("/admin/vis-mon-job") view=space!(AdminVisMonJobPage, Admin) />
                    <Route path=path!("/admin/vis-mon-job/:slug") view=space!(AdminEditionPage, Admin) />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}
