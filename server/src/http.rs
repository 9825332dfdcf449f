//! The axum application: API, probes, static assets and the server-rendered pages.

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Method};
use axum::routing::{get, post};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::path::Path;
use std::sync::{Arc, LazyLock};
use tower_http::compression::CompressionLayer;
use tower_http::cors::{Any, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::auth::rate_limit::RateLimits;
use crate::cv_store::CvStore;
use crate::db::Db;
use crate::error::api_not_found;
use crate::routes;
use crate::state::{AppState, Settings};
use crate::views::ViewCounter;

/// Options for leptos: the bundle is `<site_root>/pkg/frontend{.js,_bg.wasm}` (Trunk's names),
/// `frontend_spaces` for the signed-in spaces (`app::spaces`).
pub fn leptos_options(site_root: &str) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("frontend")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .build()
}

/// Files as they are on disk; `<file>.br` (written by `make build` at brotli's best
/// quality) goes to browsers that accept brotli, and the compression layer leaves it alone.
fn static_dir(dir: impl AsRef<Path>, cache_control: &'static str) -> Router<AppState> {
    Router::new()
        .fallback_service(ServeDir::new(dir).precompressed_br())
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control),
        ))
}

/// The app's routes, listed once per process. Listing them renders the app with its resources
/// held back by a flag global to the process (leptos_server's `SuppressResourceLoad`): a
/// resource first polled meanwhile, by a page another router of the same process renders,
/// waits forever (leptos#4773). The integration tests build a router per test, several at
/// once: listed per router, a page load now and then never answered.
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: LazyLock<Vec<AxumRouteListing>> =
        LazyLock::new(|| generate_route_list(app::App));
    ROUTES.clone()
}

/// The whole application over `db`.
pub fn router(db: Db, settings: Settings) -> anyhow::Result<Router> {
    router_with_limits(db, settings, RateLimits::default())
}

/// The same with explicit rate limits (tests tighten them).
pub fn router_with_limits(
    db: Db,
    settings: Settings,
    rate_limits: RateLimits,
) -> anyhow::Result<Router> {
    let views = Arc::new(ViewCounter::new(settings.views_every));
    router_with(db, settings, rate_limits, views)
}

/// The application with its view counter held by the caller (to write it at shutdown).
pub fn router_with(
    db: Db,
    settings: Settings,
    rate_limits: RateLimits,
    views: Arc<ViewCounter>,
) -> anyhow::Result<Router> {
    let site_root = settings.site_root.clone();
    let site_root = site_root.as_str();
    let leptos_options = leptos_options(site_root);
    if !Path::new(site_root)
        .join("pkg")
        .join("frontend_bg.wasm")
        .exists()
    {
        tracing::warn!(
            site_root,
            "front end not built (no pkg/frontend_bg.wasm): pages render but won't hydrate; run `make build`"
        );
    }
    let state = AppState {
        cvs: CvStore::open(&settings.cv_storage)?,
        db,
        leptos_options: leptos_options.clone(),
        config: Arc::new(settings),
        rate_limits,
        views,
        metrics: Arc::new(crate::metrics::Metrics::default()),
        pages: Arc::new(crate::page_cache::PageCache::default()),
    };
    let (api, openapi) = routes::api();
    let openapi_json = serde_json::to_string_pretty(&openapi).unwrap_or_default();
    let docs_html = routes::docs::render_docs_page(&openapi, state.rate_limits.api.per_minute());

    let context = crate::pages::context(&state);
    let page_routes = page_routes();

    // The app's pages, and their forms posted before (or without) the WASM: sign-in, sign-up,
    // sign-out, applications, Vis mon job and the forum. Each is rendered for the session
    // its request carries (`pages::served_session`).
    let pages = Router::new()
        .route("/connexion", post(routes::forms::sign_in))
        .route("/inscription", post(routes::forms::sign_up))
        .route("/compte/confirmer", post(routes::forms::confirm_address))
        .route("/deconnexion", post(routes::forms::sign_out))
        .route(
            "/offres/{id}/postuler",
            post(routes::application_form::apply_to_offer)
                .layer(DefaultBodyLimit::max(routes::applications::BODY_LIMIT)),
        )
        .route(
            "/entites/{slug}/candidature",
            post(routes::application_form::apply_to_entity)
                .layer(DefaultBodyLimit::max(routes::applications::BODY_LIMIT)),
        )
        .route(
            "/vis-mon-job/{slug}",
            post(routes::vmj_signup_form::sign_up),
        )
        .route("/forum/sessions/{id}", post(routes::forum_form::register))
        .leptos_routes_with_context(&state, page_routes, context.clone(), {
            let options = leptos_options.clone();
            move || app::shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, app::shell))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::page_cache::serve,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::pages::served_session,
        ));

    let site = Path::new(site_root);
    let proxy_hops = state.config.trusted_proxy_hops;
    let app = Router::new()
        // The cache rules inside the quota: a 304 is counted too.
        .merge(
            api.layer(axum::middleware::from_fn(crate::http_cache::revalidate))
                .layer(axum::middleware::from_fn(crate::json::reject_nul_in_uri))
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    crate::api_quota::enforce,
                )),
        )
        .route(
            "/api/v1/openapi.json",
            get(
                move || async move { ([(header::CONTENT_TYPE, "application/json")], openapi_json) },
            ),
        )
        .route(
            "/api/docs",
            get(move || async move { axum::response::Html(docs_html) }),
        )
        .route("/api/{*rest}", get(api_not_found).fallback(api_not_found))
        .route("/api", get(api_not_found))
        .route("/feeds/alertes/{token}", get(routes::alerts::feed))
        .route("/healthz", get(routes::health::healthz))
        .route("/readyz", get(routes::health::readyz))
        .route("/metrics", get(crate::metrics::scrape))
        // Unversioned names: revalidate. The DSFR path carries its version: cache for a year.
        .nest("/pkg", static_dir(site.join("pkg"), "no-cache"))
        .nest("/assets/style", static_dir(site.join("style"), "no-cache"))
        .nest(
            app::DSFR_BASE,
            static_dir(site.join("dsfr"), "public, max-age=31536000, immutable"),
        )
        .merge(pages)
        .layer(axum::middleware::from_fn(
            crate::auth::extract::refuse_cross_site_writes,
        ))
        .layer(CompressionLayer::new())
        // Third parties read the public API from their own pages; only GET and HEAD, and
        // never with credentials (no `Allow-Credentials`): a browser does not let another
        // origin read what a session cookie would unlock, nor send a write.
        .layer(
            CorsLayer::new()
                .allow_origin(Any)
                .allow_methods([Method::GET, Method::HEAD]),
        )
        .layer(axum::middleware::from_fn(crate::security_headers::add))
        // Route layers run once the route is matched: the metrics see its pattern.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::metrics::record,
        ))
        .with_state(state);
    let app = crate::logging::request_ids(app);
    Ok(if proxy_hops > 0 {
        app.layer(axum::middleware::from_fn_with_state(
            proxy_hops,
            crate::forwarded::client_address,
        ))
    } else {
        app
    })
}
