//! The single-page app: routes, pages and components, in French, on the State design
//! system (DSFR). The server renders it to HTML (`ssr`); the browser hydrates it (`hydrate`).

pub mod api;
pub mod components;
pub mod format;
pub mod pages;
pub mod spaces;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use components::layout::{Footer, Header, SkipLinks};
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
    vismonjob::{DuoPage, MySignupsPage},
};
use pages::{
    account::{ConfirmEmailPage, ForgottenPasswordPage, LoginPage, PasswordPage, SignupPage},
    apply::{ApplyToOfferPage, SpontaneousApplicationPage},
    entities::{EntitiesPage, EntityPage},
    forum::{ForumPage, SessionPage},
    home::HomePage,
    legal::{AccessibilityPage, LegalNoticePage, PrivacyPage},
    metiers::{MetierPage, MetiersPage},
    not_found::NotFoundPage,
    offers::{OfferPage, OffersPage},
    vismonjob::{EditionPage, VisMonJobPage},
};

/// A page of the signed-in spaces (`spaces::in_spaces` paths): itself in the spaces bundle
/// and on the server, [`spaces::LoadSpace`] in the public bundle.
#[cfg(feature = "spaces")]
macro_rules! space {
    ($page:ident) => {
        $page
    };
}
#[cfg(not(feature = "spaces"))]
macro_rules! space {
    ($page:ident) => {
        spaces::LoadSpace
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
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The options `<HydrationScripts>` reads, naming the bundle for the requested page
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

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=|page: String| format!("{page} — {SERVICE_NAME}") />
        <Router>
            <SkipLinks />
            <Header />
            <main id="contenu" role="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/offres") view=OffersPage ssr=SsrMode::Async />
                    <Route path=path!("/offres/:id") view=OfferPage ssr=SsrMode::Async />
                    <Route path=path!("/offres/:id/postuler") view=ApplyToOfferPage ssr=SsrMode::Async />
                    <Route path=path!("/entites") view=EntitiesPage ssr=SsrMode::Async />
                    <Route path=path!("/entites/:slug") view=EntityPage ssr=SsrMode::Async />
                    <Route path=path!("/entites/:slug/candidature") view=SpontaneousApplicationPage ssr=SsrMode::Async />
                    <Route path=path!("/espace-candidat") view=space!(CandidateSpacePage) />
                    <Route path=path!("/espace-candidat/profil") view=space!(ProfilePage) />
                    <Route path=path!("/espace-candidat/alertes") view=space!(AlertsPage) />
                    <Route path=path!("/espace-candidat/vis-mon-job") view=space!(MySignupsPage) />
                    <Route path=path!("/vis-mon-job") view=VisMonJobPage ssr=SsrMode::Async />
                    <Route path=path!("/forum") view=ForumPage ssr=SsrMode::Async />
                    <Route path=path!("/forum/sessions/:id") view=SessionPage ssr=SsrMode::Async />
                    <Route path=path!("/espace-candidat/forum") view=space!(AgendaPage) />
                    <Route path=path!("/espace-recruteur/forum") view=space!(RecruiterForumPage) />
                    <Route path=path!("/admin/forum") view=space!(AdminForumPage) />
                    <Route path=path!("/admin/forum/:slug") view=space!(AdminForumEditionPage) />
                    <Route path=path!("/vis-mon-job/:slug") view=EditionPage ssr=SsrMode::Async />
                    <Route path=path!("/vis-mon-job/duo/:token") view=space!(DuoPage) />
                    <Route path=path!("/metiers") view=MetiersPage ssr=SsrMode::Async />
                    <Route path=path!("/metiers/:slug") view=MetierPage ssr=SsrMode::Async />
                    <Route path=path!("/accessibilite") view=AccessibilityPage />
                    <Route path=path!("/mentions-legales") view=LegalNoticePage />
                    <Route path=path!("/donnees-personnelles") view=PrivacyPage />
                    <Route path=path!("/connexion") view=LoginPage />
                    <Route path=path!("/inscription") view=SignupPage />
                    <Route path=path!("/compte") view=space!(AccountPage) />
                    <Route path=path!("/compte/confirmer") view=ConfirmEmailPage />
                    <Route path=path!("/compte/mot-de-passe") view=PasswordPage />
                    <Route path=path!("/compte/mot-de-passe-oublie") view=ForgottenPasswordPage />
                    <Route path=path!("/espace-recruteur") view=space!(RecruiterHomePage) />
                    <Route path=path!("/espace-recruteur/demande-acces") view=space!(AccessRequestPage) />
                    <Route path=path!("/espace-recruteur/offres/nouvelle") view=space!(NewOfferPage) />
                    <Route path=path!("/espace-recruteur/offres/:id") view=space!(EditOfferPage) />
                    <Route path=path!("/espace-recruteur/vitrine") view=space!(ShowcaseEditorPage) />
                    <Route path=path!("/espace-recruteur/equipe") view=space!(TeamPage) />
                    <Route path=path!("/espace-recruteur/statistiques") view=space!(StatsPage) />
                    <Route path=path!("/espace-recruteur/candidatures") view=space!(PipelinePage) />
                    <Route path=path!("/espace-recruteur/profils") view=space!(TalentsPage) />
                    <Route path=path!("/espace-recruteur/ambassadeurs") view=space!(AmbassadorsPage) />
                    <Route path=path!("/espace-recruteur/candidatures/:id") view=space!(ApplicationPage) />
                    <Route path=path!("/admin") view=space!(AdminPage) />
                    <Route path=path!("/admin/comptes") view=space!(AccountsPage) />
                    <Route path=path!("/admin/entites") view=space!(AdminEntitiesPage) />
                    <Route path=path!("/admin/courriels") view=space!(OutboxPage) />
                    <Route path=path!("/admin/journal") view=space!(AuditPage) />
                    <Route path=path!("/admin/api") view=space!(ApiKeysPage) />
                    <Route path=path!("/admin/vis-mon-job") view=space!(AdminVisMonJobPage) />
                    <Route path=path!("/admin/vis-mon-job/:slug") view=space!(AdminEditionPage) />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}
