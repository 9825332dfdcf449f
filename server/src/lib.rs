//! The server of the platform: JSON API, server-rendered pages, storage and demo data.

// The pages' view types are deep; their layouts are computed where they are instantiated.
#![recursion_limit = "256"]

pub mod accounts;
pub mod alerts;
pub mod api_quota;
pub mod auth;
pub mod catalogue;
pub mod config;
pub mod csv_export;
pub mod cv_store;
pub mod db;
pub mod error;
pub mod forum;
pub mod forwarded;
pub mod http;
pub mod http_cache;
pub mod json;
pub mod logging;
pub mod mail;
pub mod mailer;
pub mod metrics;
pub mod offer_changes;
pub mod page_cache;
pub mod pages;
pub mod paris_time;
pub mod personal_data;
pub mod public_addresses;
pub mod routes;
pub mod search;
pub mod security_headers;
pub mod seed;
pub mod state;
pub mod views;
pub mod vismonjob;
pub mod webhooks;

use config::ServeArgs;
use db::{DatabaseUrl, Db};

/// Migrates, optionally seeds, then serves until Ctrl-C / SIGTERM.
pub async fn serve(url: &DatabaseUrl, args: &ServeArgs) -> anyhow::Result<()> {
    let applied = db::migrations::run_pending(url).await?;
    if applied > 0 {
        tracing::info!(applied, "migrations applied");
    }
    let db = Db::connect(url, args.pool_size)?
        .with_search_storage(search::Storage::parse(&args.search_index));
    let hashed = db::clear_tokens::hash_all(&db).await?;
    if hashed > 0 {
        tracing::info!(hashed, "link secrets stored in clear are now hashed");
    }
    if args.seed_if_empty && seed::is_empty(&db).await? {
        let report = seed::run(&db, &config::SeedArgs::default()).await?;
        tracing::info!(?report, "empty database: demo data loaded");
    }
    // Built while the server already answers (`/readyz` says 503 until it is done).
    tokio::spawn(build_search_index(db.clone()));
    match &args.smtp_url {
        Some(url) => mailer::Mailer::new(url, &args.mail_from)?.spawn(db.clone()),
        None => tracing::info!("SMTP_URL not set: e-mails stay in the outbox (admin page)"),
    }
    webhooks::Dispatcher::new(args.webhooks_allow_loopback)?.spawn(db.clone());
    tokio::spawn(archive_expired_offers(db.clone()));
    tokio::spawn(refresh_statistics(db.clone()));
    let cvs = cv_store::CvStore::open(&args.cv_storage)?;
    tokio::spawn(purge_old_records(
        db.clone(),
        cvs,
        args.cv_retention_months,
        settings_url(&args.public_url),
    ));
    tokio::spawn(send_alert_digests(
        db.clone(),
        settings_url(&args.public_url),
    ));
    tokio::spawn(send_forum_reminders(
        db.clone(),
        settings_url(&args.public_url),
    ));
    let settings = state::Settings {
        site_root: args.site_root.clone(),
        public_url: settings_url(&args.public_url),
        secure_cookies: args.cookie_secure,
        views_every: std::time::Duration::from_secs(10),
        cv_storage: args.cv_storage.clone(),
        trusted_proxy_hops: args.trusted_proxy_hops,
        metrics_token: args.metrics_token.clone(),
        password_hasher: auth::password::Hasher::default(),
        outbox_shows_links: args.outbox_shows_links,
        webhooks_allow_loopback: args.webhooks_allow_loopback,
    };
    let views = std::sync::Arc::new(views::ViewCounter::new(settings.views_every));
    let rate_limits = auth::rate_limit::RateLimits::new(
        args.attempt_limit_per_address,
        args.attempt_limit_per_account,
    )
    .with_api_quota(args.api_rate_limit, args.api_key_rate_limit)
    .with_daily_caps(args.daily_caps.clone());
    tokio::spawn(forget_idle_clients(db.clone(), rate_limits.clone()));
    let app = http::router_with(db.clone(), settings, rate_limits, views.clone())?;
    let listener = tokio::net::TcpListener::bind((args.host.as_str(), args.port)).await?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    // Connection info gives the rate limiter the client's address.
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    views.flush(&db).await;
    Ok(())
}

/// Builds the search index, then keeps it up to date with every process's writes.
async fn build_search_index(db: Db) {
    loop {
        match db.search.core(&db).await {
            Ok(_) => break,
            Err(error) => {
                tracing::warn!(%error, "building the search index failed; retrying");
                tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            }
        }
    }
    search::poll_changes(db).await;
}

/// Every ten minutes, the rate limiters drop the clients that are back at a full quota.
async fn forget_idle_clients(db: Db, limits: auth::rate_limit::RateLimits) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        every.tick().await;
        if let Err(error) = limits.forget_idle(&db).await {
            tracing::warn!(%error, "forgetting old rate limit windows failed");
        }
    }
}

/// Expired published offers are archived, every minute (they already vanish from public
/// listings the moment they expire; this makes their status say so for recruiters, and
/// puts their tombstone in the changes feed).
async fn archive_expired_offers(db: Db) {
    loop {
        match db::offer_edits::archive_expired(&db, chrono::Utc::now().naive_utc()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(archived = n, "expired offers archived"),
            Err(error) => tracing::warn!(%error, "archiving expired offers failed"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(60)).await;
    }
}

/// At start-up, then hourly: SQLite's planner statistics (see [`Db::refresh_statistics`];
/// PostgreSQL's autovacuum keeps its own).
async fn refresh_statistics(db: Db) {
    if db.is_postgres() {
        return;
    }
    loop {
        if let Err(error) = db.refresh_statistics().await {
            tracing::warn!(%error, "refreshing the query planner's statistics failed");
        }
        tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
    }
}

/// CVs of applications closed for longer than the retention period, CV files left
/// without their application, e-mails delivered and webhook messages made more than 30 days
/// ago and the offers' changes older than 90 days are deleted (hourly: the job is idempotent, so several server
/// processes running it do no harm).
async fn purge_old_records(db: Db, cvs: cv_store::CvStore, months: u32, public_url: String) {
    loop {
        let now = chrono::Utc::now().naive_utc();
        purged(
            "expired CVs",
            personal_data::purge_expired_cvs(&db, &cvs, now, months).await,
        );
        purged(
            "CV files without an application",
            personal_data::purge_orphan_cvs(&db, &cvs, chrono::Utc::now()).await,
        );
        let delivered_before = now - chrono::Duration::days(db::outbox::KEEP_DELIVERED_DAYS);
        purged(
            "e-mails delivered 30 days ago",
            db::outbox::purge_delivered(&db, delivered_before)
                .await
                .map_err(Into::into),
        );
        purged(
            "offer changes of 90 days ago",
            db::offer_changes::purge(&db, now - db::offer_changes::KEEP)
                .await
                .map_err(Into::into),
        );
        purged(
            "webhook delivery records of 30 days ago",
            db::webhooks::purge_deliveries(
                &db,
                now - chrono::Duration::days(db::webhooks::KEEP_DELIVERIES_DAYS),
            )
            .await
            .map_err(Into::into),
        );
        purged(
            "candidate accounts never confirmed",
            personal_data::purge_unconfirmed_accounts(&db, &public_url, now).await,
        );
        tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
    }
}

/// Logs what one of the hourly purges deleted, or why it failed (it is tried again in an hour).
fn purged(what: &str, outcome: anyhow::Result<usize>) {
    match outcome {
        Ok(0) => {}
        Ok(deleted) => tracing::info!(deleted, "{what} deleted"),
        Err(error) => tracing::warn!(%error, "deleting {what} failed"),
    }
}

fn settings_url(public_url: &str) -> String {
    public_url.trim_end_matches('/').to_owned()
}

/// Job alerts: each one is checked once a day (the hourly pass picks those due); the claim
/// in `db::alerts` keeps several processes from mailing a digest twice.
async fn send_alert_digests(db: Db, public_url: String) {
    loop {
        match alerts::send_digests(&db, &public_url, chrono::Utc::now().naive_utc()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(digests = n, "job alert digests queued"),
            Err(error) => tracing::warn!(%error, "job alert digests failed"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut sig) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            sig.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// Forum reminders of the day before, checked hourly; each is claimed in the database, so
/// several processes never send one twice.
async fn send_forum_reminders(db: Db, public_url: String) {
    loop {
        match forum::send_reminders(&db, &public_url, paris_time::paris_now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(reminders = n, "forum reminders queued"),
            Err(error) => tracing::warn!(%error, "forum reminders failed"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
    }
}
