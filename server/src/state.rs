//! What every handler can reach.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

use crate::auth::rate_limit::RateLimits;
use crate::cv_store::CvStore;
use crate::db::Db;
use crate::metrics::Metrics;
use crate::views::ViewCounter;

/// Settings of the HTTP application.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Folder of the built front end.
    pub site_root: String,
    /// Base of the links put in e-mails, e.g. `https://talents.numerique.gouv.fr`.
    pub public_url: String,
    /// `Secure` flag of the session cookie (browsers accept it on http://localhost too).
    pub secure_cookies: bool,
    /// How often counted offer views are written (zero: at every view).
    pub views_every: std::time::Duration,
    /// Where CVs are stored: a folder, or `s3://bucket/prefix` (see `cv_store`).
    pub cv_storage: String,
    /// Reverse proxies of ours in front of the server (see `forwarded`); 0: none.
    pub trusted_proxy_hops: usize,
    /// Bearer token that unlocks `/metrics`; `None`: metrics are off.
    pub metrics_token: Option<String>,
    /// Runs password hashing off the async runtime, as many at once as there are cores.
    pub password_hasher: crate::auth::password::Hasher,
    /// Admins read the outbox's links whole (local demos and browser tests without SMTP
    /// only: it lets an admin into any account).
    pub outbox_shows_links: bool,
    /// Webhook receivers may be plain `http://` on this machine (tests, local demos).
    pub webhooks_allow_loopback: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            site_root: "dist".to_owned(),
            public_url: "http://localhost:3000".to_owned(),
            secure_cookies: true,
            views_every: std::time::Duration::ZERO,
            cv_storage: "data/cvs".to_owned(),
            trusted_proxy_hops: 0,
            metrics_token: None,
            password_hasher: crate::auth::password::Hasher::default(),
            outbox_shows_links: false,
            webhooks_allow_loopback: false,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub leptos_options: LeptosOptions,
    pub config: Arc<Settings>,
    pub rate_limits: RateLimits,
    pub views: Arc<ViewCounter>,
    pub cvs: CvStore,
    pub metrics: Arc<Metrics>,
    /// The search pages as visitors see them, rendered recently.
    pub pages: Arc<crate::page_cache::PageCache>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
