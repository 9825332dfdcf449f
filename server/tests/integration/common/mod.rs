//! Test harness: a fresh, seeded database per test on SQLite and, when `TEST_POSTGRES_URL`
//! is set, on PostgreSQL too (a database created for the test and dropped after). Under
//! `CI=true` a missing PostgreSQL fails the test instead of skipping it.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use diesel_async::{AsyncConnection, AsyncPgConnection, SimpleAsyncConnection};
use http_body_util::BodyExt;
use server::config::SeedArgs;
use server::db::{migrations, DatabaseUrl, Db};
use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};
use tower::ServiceExt;

pub struct TestDb {
    pub url: DatabaseUrl,
    pub db: Db,
    cleanup: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
    /// The CV storage folder of this test.
    pub cvs: tempfile::TempDir,
}

impl TestDb {
    pub fn backend(&self) -> &'static str {
        match self.url {
            DatabaseUrl::Postgres(_) => "postgres",
            DatabaseUrl::Sqlite(_) => "sqlite",
        }
    }

    /// The application with the default sign-in limits; the API quota is lifted, since
    /// in-process requests have no address and would all share one client's quota.
    pub fn router(&self) -> Router {
        self.router_with_limits(
            server::auth::rate_limit::RateLimits::default().with_api_quota(1_000_000, 1_000_000),
        )
    }

    pub fn router_with_limits(&self, limits: server::auth::rate_limit::RateLimits) -> Router {
        self.router_with_settings(limits, 0)
    }

    /// The application behind `proxy_hops` reverse proxies of ours (see `server::forwarded`).
    pub fn router_with_settings(
        &self,
        limits: server::auth::rate_limit::RateLimits,
        proxy_hops: usize,
    ) -> Router {
        let settings = server::state::Settings {
            trusted_proxy_hops: proxy_hops,
            ..self.settings()
        };
        server::http::router_with_limits(self.db.clone(), settings, limits).unwrap()
    }

    /// The settings of the test routers: no front end, CVs in the test's folder.
    pub fn settings(&self) -> server::state::Settings {
        server::state::Settings {
            site_root: "target/no-site-root".to_owned(),
            cv_storage: self.cvs.path().to_string_lossy().into_owned(),
            ..Default::default()
        }
    }

    /// How many CV files the storage holds.
    pub fn stored_cvs(&self) -> usize {
        std::fs::read_dir(self.cvs.path().join("cv")).map_or(0, |dir| dir.count())
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = self.cleanup.take() {
            // Best effort, on a thread of its own: Drop cannot await.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async move {
                    if let Ok(mut conn) = AsyncPgConnection::establish(&admin_url).await {
                        let _ = conn
                            .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .await;
                    }
                });
            })
            .join();
        }
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// An empty, migrated SQLite database in a temporary folder.
pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.sqlite3");
    let url = DatabaseUrl::Sqlite(path.to_string_lossy().into_owned());
    migrations::run_pending(&url).await.unwrap();
    TestDb {
        db: Db::connect(&url, 4).unwrap(),
        url,
        cleanup: None,
        _dir: Some(dir),
        cvs: tempfile::tempdir().unwrap(),
    }
}

/// The PostgreSQL server for tests, if configured.
pub fn postgres_admin_url() -> Option<String> {
    match std::env::var("TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI=true but TEST_POSTGRES_URL is not set: PostgreSQL tests must run in CI"
            );
            eprintln!(
                "TEST_POSTGRES_URL not set: PostgreSQL part skipped (set it to run both backends)"
            );
            None
        }
    }
}

/// An empty, migrated PostgreSQL database created for this test.
pub async fn postgres(admin_url: &str) -> TestDb {
    let name = format!(
        "talents_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        chrono::Utc::now().timestamp_subsec_nanos()
    );
    let mut admin = AsyncPgConnection::establish(admin_url)
        .await
        .expect("TEST_POSTGRES_URL must reach a PostgreSQL server");
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    let url = DatabaseUrl::Postgres(format!("{base}/{name}"));
    migrations::run_pending(&url).await.unwrap();
    TestDb {
        db: Db::connect(&url, 4).unwrap(),
        url,
        cleanup: Some((admin_url.to_owned(), name)),
        _dir: None,
        cvs: tempfile::tempdir().unwrap(),
    }
}

/// A fresh, seeded database of each configured backend.
pub async fn seeded_backends() -> Vec<TestDb> {
    backends_seeded_with(&SeedArgs::default()).await
}

/// Each backend's fresh database, seeded with `args` (more offers, say).
pub async fn backends_seeded_with(args: &SeedArgs) -> Vec<TestDb> {
    let mut dbs = vec![sqlite().await];
    if let Some(admin) = postgres_admin_url() {
        dbs.push(postgres(&admin).await);
    }
    for t in &dbs {
        server::seed::run(&t.db, args).await.unwrap();
    }
    dbs
}

/// Runs `check` once per backend, each on its own freshly seeded database.
pub async fn on_each_backend<F, Fut>(check: F)
where
    F: Fn(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    for t in seeded_backends().await {
        eprintln!("— on {}", t.backend());
        check(t).await;
    }
}

pub struct TestResponse {
    pub status: StatusCode,
    pub content_type: String,
    pub body: Vec<u8>,
    pub set_cookie: Option<String>,
    pub retry_after: Option<String>,
    pub headers: axum::http::HeaderMap,
}

impl TestResponse {
    /// The session secret set by this response.
    pub fn session(&self) -> String {
        let cookie = self.set_cookie.as_deref().expect("a Set-Cookie header");
        cookie
            .split(';')
            .next()
            .and_then(|kv| kv.strip_prefix("talents_session="))
            .expect("the session cookie")
            .to_owned()
    }
}

impl TestResponse {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// A response header, as text ("" when absent).
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Asserts a problem+json answer with this status; returns the document.
    pub fn problem(&self, status: u16) -> serde_json::Value {
        assert_eq!(self.status.as_u16(), status, "{}", self.text());
        assert_eq!(self.content_type, "application/problem+json");
        let doc = self.json();
        assert_eq!(doc["status"], status);
        doc
    }
}

pub async fn get(router: &Router, uri: &str) -> TestResponse {
    send(router, "GET", uri, None, None).await
}

/// Any request, with an optional session cookie and JSON body.
pub async fn send(
    router: &Router,
    method: &str,
    uri: &str,
    session: Option<&str>,
    json: Option<serde_json::Value>,
) -> TestResponse {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(secret) = session {
        request = request.header("cookie", format!("talents_session={secret}"));
    }
    let body = match json {
        Some(value) => {
            request = request.header("content-type", "application/json");
            Body::from(value.to_string())
        }
        None => Body::empty(),
    };
    call(router, request.body(body).unwrap()).await
}

/// Sends a built request and collects the response.
pub async fn call(router: &Router, request: Request<Body>) -> TestResponse {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let set_cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    TestResponse {
        status,
        content_type,
        body,
        set_cookie,
        retry_after,
        headers,
    }
}

/// A form of a page posted as a browser sends it without the WASM (urlencoded).
pub async fn post_form(app: &Router, path: &str, body: &str, origin: Option<&str>) -> TestResponse {
    let mut request = form_post(path);
    if let Some(origin) = origin {
        request = request.header("origin", origin);
    }
    call(app, request.body(Body::from(body.to_owned())).unwrap()).await
}

/// A page's form posted as plain HTML by a signed-in person (`session`, the secret).
pub async fn post_form_as(app: &Router, path: &str, body: &str, session: &str) -> TestResponse {
    let request = form_post(path).header("cookie", format!("talents_session={session}"));
    call(app, request.body(Body::from(body.to_owned())).unwrap()).await
}

fn form_post(path: &str) -> axum::http::request::Builder {
    Request::builder()
        .method("POST")
        .uri(path)
        .header("host", "localhost:3000")
        .header("content-type", "application/x-www-form-urlencoded")
}

/// Asserts that a page rendered again for a refused form says each of the problem's field
/// messages (as HTML text: an apostrophe may be escaped).
pub fn assert_page_says(html: &str, problem: &serde_json::Value) {
    for error in problem["errors"].as_array().unwrap() {
        let message = error["message"].as_str().unwrap();
        let escaped = message.replace('\'', "&#x27;");
        assert!(
            html.contains(message) || html.contains(&escaped),
            "{message}"
        );
    }
}

/// The CV used by the tests: a real one-page PDF (also used by the browser tests).
pub const CV_PDF: &[u8] = include_bytes!("../../../../e2e/fixtures/cv-ines-benali.pdf");

/// The fields of a complete application form.
pub fn application_fields() -> Vec<(&'static str, String)> {
    [
        ("first_name", "Inès"),
        ("last_name", "Benali"),
        ("email", "ines.benali@exemple.fr"),
        ("phone", "06 12 34 56 78"),
        ("message", "Développeuse Rust depuis quatre ans, je souhaite mettre mes compétences au service des usagers."),
        ("linkedin_url", "https://www.linkedin.com/in/ines-benali"),
        ("github_url", "https://github.com/ibenali"),
        ("consent", "true"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

/// A multipart application: `fields`, then the file `cv` when given, with an idempotency key.
pub async fn send_application(
    router: &Router,
    uri: &str,
    session: Option<&str>,
    key: &str,
    fields: &[(&str, String)],
    cv: Option<&[u8]>,
) -> TestResponse {
    let cookie = session.map(|secret| format!("talents_session={secret}"));
    let headers: Vec<(&str, &str)> = cookie.iter().map(|c| ("cookie", c.as_str())).collect();
    send_application_with(router, uri, &headers, key, fields, cv).await
}

/// The same with these request headers (a session cookie, a forwarded client address…).
pub async fn send_application_with(
    router: &Router,
    uri: &str,
    headers: &[(&str, &str)],
    key: &str,
    fields: &[(&str, String)],
    cv: Option<&[u8]>,
) -> TestResponse {
    const BOUNDARY: &str = "----talents-test-boundary";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    if let Some(cv) = cv {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"cv\"; filename=\"cv.pdf\"\r\nContent-Type: application/pdf\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(cv);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    let mut request = Request::builder()
        .method("POST")
        .uri(uri)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("idempotency-key", key);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    call(router, request.body(Body::from(body)).unwrap()).await
}

/// The queued e-mails to `email`, newest first.
pub async fn outbox_to(db: &Db, email: &str) -> Vec<server::db::outbox::OutboxMessage> {
    let all = server::db::outbox::list(db, 500).await.unwrap();
    all.into_iter().filter(|m| m.recipient == email).collect()
}

/// Field names of a validation problem.
pub fn problem_fields(doc: &serde_json::Value) -> Vec<String> {
    doc["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["field"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The secret of the last link e-mailed to `email` (read from the outbox, as an admin would).
pub async fn last_link(db: &Db, email: &str) -> String {
    let messages = server::db::outbox::list(db, 500).await.unwrap();
    let message = messages
        .iter()
        .find(|m| m.recipient == email && m.body.contains("jeton="))
        .unwrap_or_else(|| panic!("no e-mail with a link to {email}"));
    message
        .body
        .split("jeton=")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| c.is_whitespace() || c == '&').next())
        .expect("a link in the e-mail")
        .to_owned()
}

/// Signed-in sessions of every role, created through the real flows: `create-admin` then
/// the e-mailed link; the admin invites recruiters of two entities; a candidate signs up and
/// confirms the address.
pub struct Accounts {
    pub admin: String,
    pub recruiter_a: String,
    pub recruiter_b: String,
    pub candidate: String,
}

pub const PASSWORD: &str = "une phrase de passe solide";

async fn accept_link(app: &Router, db: &Db, email: &str) -> String {
    let token = last_link(db, email).await;
    let response = send(
        app,
        "POST",
        "/api/v1/auth/password-reset/confirm",
        None,
        Some(serde_json::json!({ "token": token, "password": PASSWORD })),
    )
    .await;
    assert_eq!(response.status, 200, "{}", response.text());
    response.session()
}

/// Opens the confirmation link e-mailed to `email` at sign-up, as its owner would: the
/// session it opens.
pub async fn confirm_address(app: &Router, db: &Db, email: &str) -> String {
    let token = last_link(db, email).await;
    let response = send(
        app,
        "POST",
        "/api/v1/auth/verify-email",
        None,
        Some(serde_json::json!({ "token": token })),
    )
    .await;
    assert_eq!(response.status, 200, "{}", response.text());
    response.session()
}

/// A candidate account signed up through the API and confirmed through its link: its session.
pub async fn signed_up(app: &Router, db: &Db, email: &str) -> String {
    let signup = send(
        app,
        "POST",
        "/api/v1/auth/signup",
        None,
        Some(serde_json::json!({ "email": email, "password": PASSWORD })),
    )
    .await;
    assert_eq!(signup.status, 202, "{}", signup.text());
    assert!(signup.set_cookie.is_none(), "no session before the link");
    confirm_address(app, db, email).await
}

pub async fn accounts(t: &TestDb, app: &Router) -> Accounts {
    server::accounts::create_admin(&t.db, "talents@numerique.gouv.fr", "http://localhost:3000")
        .await
        .unwrap();
    let admin = accept_link(app, &t.db, "talents@numerique.gouv.fr").await;
    let mut recruiters = Vec::new();
    for (email, entity) in [
        ("camille.martin@dinum.gouv.fr", "dinum"),
        ("jules.bernard@dgfip.finances.gouv.fr", "dgfip"),
    ] {
        let invited = send(
            app,
            "POST",
            "/api/v1/admin/recruiters",
            Some(&admin),
            Some(serde_json::json!({ "email": email, "entity_slug": entity })),
        )
        .await;
        assert_eq!(invited.status, 201, "{}", invited.text());
        recruiters.push(accept_link(app, &t.db, email).await);
    }
    let candidate = signed_up(app, &t.db, "lea.petit@etudiant.univ-rennes.fr").await;
    let recruiter_b = recruiters.pop().unwrap();
    let recruiter_a = recruiters.pop().unwrap();
    Accounts {
        admin,
        recruiter_a,
        recruiter_b,
        candidate,
    }
}

/// Renames an offer straight in the database, as a write no handler checks (the search
/// index follows it through the change log like any other).
pub async fn set_offer_title(db: &Db, id: i64, title: &str) {
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    use server::db::schema::offers;
    use server::with_conn;
    let updated: Result<usize, server::db::DbError> = async {
        Ok(with_conn!(db, |conn: DB| {
            diesel::update(offers::table.find(id))
                .set(offers::title.eq(title))
                .execute(conn)
                .await?
        }))
    }
    .await;
    assert_eq!(updated.unwrap(), 1);
}
