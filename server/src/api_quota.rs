//! The public API's quota: requests a minute per client address, or per API key (a higher
//! quota the talent team grants). Every answer says where the client stands with the
//! `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` headers (IETF draft
//! "RateLimit header fields for HTTP"); over the quota, a 429 problem with `Retry-After`.
//!
//! GCRA limiters from `governor`, in memory: each server process counts its own share.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use shared::{ApiKeyId, Problem};
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::auth::rate_limit::ClientIp;
use crate::auth::token;
use crate::db::{api_keys, Db};
use crate::error::AppError;
use crate::state::AppState;

type Limiter<K> = DefaultKeyedRateLimiter<K, StateInformationMiddleware>;

/// How long a process trusts a key it has looked up: a revocation takes effect within this.
const KEY_CACHE_TTL: Duration = Duration::from_secs(60);

/// The quotas of one server process.
#[derive(Clone)]
pub struct ApiQuota {
    /// Per client address, for requests without a key.
    anonymous: Arc<Limiter<String>>,
    /// Per key id.
    keyed: Arc<Limiter<ApiKeyId>>,
    /// The two quotas, in requests a minute.
    per_minute: (u32, u32),
    /// Key hash → (key id, when looked up). Only valid keys are kept, so its size is bounded
    /// by the number of keys issued.
    keys: Arc<Mutex<HashMap<String, (ApiKeyId, Instant)>>>,
}

fn per_minute(n: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN))
}

impl ApiQuota {
    /// `anonymous` requests a minute per address, `keyed` per API key.
    pub fn new(anonymous: u32, keyed: u32) -> Self {
        Self {
            anonymous: Arc::new(RateLimiter::keyed(per_minute(anonymous)).with_middleware()),
            keyed: Arc::new(RateLimiter::keyed(per_minute(keyed)).with_middleware()),
            per_minute: (anonymous.max(1), keyed.max(1)),
            keys: Arc::default(),
        }
    }

    /// The id of the key whose secret is `secret`, from the cache or the database.
    async fn key_id(&self, db: &Db, secret: &str) -> Result<Option<ApiKeyId>, AppError> {
        let hash = token::digest(secret.trim());
        if let Some((id, at)) = self
            .keys
            .lock()
            .ok()
            .and_then(|keys| keys.get(&hash).copied())
        {
            if at.elapsed() < KEY_CACHE_TTL {
                return Ok(Some(id));
            }
        }
        let id = api_keys::active_id(db, &hash).await?;
        if let Ok(mut keys) = self.keys.lock() {
            match id {
                Some(id) => keys.insert(hash, (id, Instant::now())),
                None => keys.remove(&hash),
            };
        }
        Ok(id)
    }

    /// Requests a minute without a key, and with one.
    pub fn per_minute(&self) -> (u32, u32) {
        self.per_minute
    }

    /// Forgets the keys looked up, so that a revocation takes effect at once in this process.
    pub fn forget_keys(&self) {
        if let Ok(mut keys) = self.keys.lock() {
            keys.clear();
        }
    }

    /// Forgets the clients idle long enough to be back at a full quota (memory stays flat).
    pub fn forget_idle(&self) {
        self.anonymous.retain_recent();
        self.keyed.retain_recent();
    }
}

impl Default for ApiQuota {
    fn default() -> Self {
        Self::new(600, 6000)
    }
}

/// A new secret: 256 random bits, with a prefix that says what it is.
pub fn new_secret() -> anyhow::Result<String> {
    Ok(format!("tdn_{}", token::generate()?))
}

/// The middleware: counts the request against its client, answers 429 when over.
pub async fn enforce(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    request: Request,
    next: Next,
) -> Response {
    let quota = &state.rate_limits.api;
    let outcome = match request.headers().get(shared::api_key::HEADER) {
        Some(value) => {
            let secret = value.to_str().unwrap_or_default();
            match quota.key_id(&state.db, secret).await {
                Ok(Some(id)) => quota.keyed.check_key(&id),
                Ok(None) => {
                    return AppError::from(
                        Problem::unauthenticated().with_detail("Clé d'API inconnue ou révoquée."),
                    )
                    .into_response()
                }
                Err(err) => return err.into_response(),
            }
        }
        None => quota
            .anonymous
            .check_key(&crate::auth::rate_limit::client_key(ip)),
    };
    match outcome {
        Ok(snapshot) => {
            let limit = snapshot.quota().burst_size().get();
            let remaining = snapshot.remaining_burst_capacity();
            let mut response = next.run(request).await;
            // Back to a full quota once the spent part is replenished.
            let spent = limit.saturating_sub(remaining);
            let reset = (u64::from(spent) * 60).div_ceil(u64::from(limit));
            set_headers(response.headers_mut(), limit, remaining, reset);
            response
        }
        Err(not_until) => {
            let limit = not_until.quota().burst_size().get();
            let wait = not_until
                .wait_time_from(DefaultClock::default().now())
                .as_secs()
                + 1;
            let mut response = AppError::from(Problem::quota_exceeded(wait))
                .retry_after(wait)
                .into_response();
            set_headers(response.headers_mut(), limit, 0, wait);
            response
        }
    }
}

fn set_headers(headers: &mut HeaderMap, limit: u32, remaining: u32, reset: u64) {
    for (name, value) in [
        ("ratelimit-limit", u64::from(limit)),
        ("ratelimit-remaining", u64::from(remaining)),
        ("ratelimit-reset", reset),
    ] {
        headers.insert(HeaderName::from_static(name), HeaderValue::from(value));
    }
}
