//! The single-page app: routes, pages and components, in French, on the State design
//! system (DSFR). The server renders it to HTML (`ssr`); the browser hydrates it (`hydrate`).

pub mod api;
pub mod components;
pub mod format;
pub mod pages;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use components::layout::{Footer, Header, SkipLinks};
use pages::{
    access_request::AccessRequestPage,
    account::{ConfirmEmailPage, ForgottenPasswordPage, LoginPage, PasswordPage, SignupPage},
    admin::{
        AccountsPage, AdminEditionPage, AdminEntitiesPage, AdminForumEditionPage, AdminForumPage,
        AdminPage, AdminVisMonJobPage, ApiKeysPage, AuditPage, OutboxPage,
    },
    alerts::AlertsPage,
    apply::{ApplyToOfferPage, SpontaneousApplicationPage},
    candidate::CandidateSpacePage,
    entities::{EntitiesPage, EntityPage},
    forum::{AgendaPage, ForumPage, SessionPage},
    home::HomePage,
    legal::{AccessibilityPage, LegalNoticePage, PrivacyPage},
    metiers::{MetierPage, MetiersPage},
    my_account::AccountPage,
    not_found::NotFoundPage,
    offers::{OfferPage, OffersPage},
    profile::ProfilePage,
    recruiter::{
        AmbassadorsPage, ApplicationPage, EditOfferPage, NewOfferPage, PipelinePage,
        RecruiterForumPage, RecruiterHomePage, ShowcaseEditorPage, StatsPage, TalentsPage,
        TeamPage,
    },
    vismonjob::{DuoPage, EditionPage, MySignupsPage, VisMonJobPage},
};

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
                    <Route path=path!("/espace-candidat") view=CandidateSpacePage />
                    <Route path=path!("/espace-candidat/profil") view=ProfilePage />
                    <Route path=path!("/espace-candidat/alertes") view=AlertsPage />
                    <Route path=path!("/espace-candidat/vis-mon-job") view=MySignupsPage />
                    <Route path=path!("/vis-mon-job") view=VisMonJobPage ssr=SsrMode::Async />
                    <Route path=path!("/forum") view=ForumPage ssr=SsrMode::Async />
                    <Route path=path!("/forum/sessions/:id") view=SessionPage ssr=SsrMode::Async />
                    <Route path=path!("/espace-candidat/forum") view=AgendaPage />
                    <Route path=path!("/espace-recruteur/forum") view=RecruiterForumPage />
                    <Route path=path!("/admin/forum") view=AdminForumPage />
                    <Route path=path!("/admin/forum/:slug") view=AdminForumEditionPage />
                    <Route path=path!("/vis-mon-job/:slug") view=EditionPage ssr=SsrMode::Async />
                    <Route path=path!("/vis-mon-job/duo/:token") view=DuoPage />
                    <Route path=path!("/metiers") view=MetiersPage ssr=SsrMode::Async />
                    <Route path=path!("/metiers/:slug") view=MetierPage ssr=SsrMode::Async />
                    <Route path=path!("/accessibilite") view=AccessibilityPage />
                    <Route path=path!("/mentions-legales") view=LegalNoticePage />
                    <Route path=path!("/donnees-personnelles") view=PrivacyPage />
                    <Route path=path!("/connexion") view=LoginPage />
                    <Route path=path!("/inscription") view=SignupPage />
                    <Route path=path!("/compte") view=AccountPage />
                    <Route path=path!("/compte/confirmer") view=ConfirmEmailPage />
                    <Route path=path!("/compte/mot-de-passe") view=PasswordPage />
                    <Route path=path!("/compte/mot-de-passe-oublie") view=ForgottenPasswordPage />
                    <Route path=path!("/espace-recruteur") view=RecruiterHomePage />
                    <Route path=path!("/espace-recruteur/demande-acces") view=AccessRequestPage />
                    <Route path=path!("/espace-recruteur/offres/nouvelle") view=NewOfferPage />
                    <Route path=path!("/espace-recruteur/offres/:id") view=EditOfferPage />
                    <Route path=path!("/espace-recruteur/vitrine") view=ShowcaseEditorPage />
                    <Route path=path!("/espace-recruteur/equipe") view=TeamPage />
                    <Route path=path!("/espace-recruteur/statistiques") view=StatsPage />
                    <Route path=path!("/espace-recruteur/candidatures") view=PipelinePage />
                    <Route path=path!("/espace-recruteur/profils") view=TalentsPage />
                    <Route path=path!("/espace-recruteur/ambassadeurs") view=AmbassadorsPage />
                    <Route path=path!("/espace-recruteur/candidatures/:id") view=ApplicationPage />
                    <Route path=path!("/admin") view=AdminPage />
                    <Route path=path!("/admin/comptes") view=AccountsPage />
                    <Route path=path!("/admin/entites") view=AdminEntitiesPage />
                    <Route path=path!("/admin/courriels") view=OutboxPage />
                    <Route path=path!("/admin/journal") view=AuditPage />
                    <Route path=path!("/admin/api") view=ApiKeysPage />
                    <Route path=path!("/admin/vis-mon-job") view=AdminVisMonJobPage />
                    <Route path=path!("/admin/vis-mon-job/:slug") view=AdminEditionPage />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}
