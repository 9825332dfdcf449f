//! Rate limits on sign-in, sign-up and password reset, per client address and per account,
//! with the `governor` crate (GCRA, in memory: each server process counts its own share).

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use shared::Problem;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use crate::api_quota::ApiQuota;
use crate::error::AppError;

/// What is being limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Login,
    Signup,
    PasswordReset,
    AccessRequest,
    /// Checking the current password before a change (a stolen session must not guess it).
    PasswordChange,
    /// Submitting an application (per address only: one person applies many times).
    Application,
}

type Key = (Action, String);

/// The limiters of one server process.
#[derive(Clone)]
pub struct RateLimits {
    per_ip: Arc<DefaultKeyedRateLimiter<Key>>,
    per_account: Arc<DefaultKeyedRateLimiter<Key>>,
    /// The public API's quota, on every API request.
    pub api: ApiQuota,
}

fn per_minute(n: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN))
}

impl RateLimits {
    /// `per_ip` attempts a minute from one address, `per_account` for one e-mail address.
    pub fn new(per_ip: u32, per_account: u32) -> Self {
        Self {
            per_ip: Arc::new(RateLimiter::keyed(per_minute(per_ip))),
            per_account: Arc::new(RateLimiter::keyed(per_minute(per_account))),
            api: ApiQuota::default(),
        }
    }

    /// The same with the API's quota: `anonymous` requests a minute per address, `keyed` per key.
    pub fn with_api_quota(mut self, anonymous: u32, keyed: u32) -> Self {
        self.api = ApiQuota::new(anonymous, keyed);
        self
    }

    /// Forgets the clients idle long enough to be back at a full quota (memory stays flat).
    pub fn forget_idle(&self) {
        self.per_ip.retain_recent();
        self.per_account.retain_recent();
        self.api.forget_idle();
    }

    /// Counts one attempt; a 429 problem (with its delay) when over the limit.
    pub fn check(
        &self,
        action: Action,
        ip: Option<IpAddr>,
        account: Option<&str>,
    ) -> Result<(), AppError> {
        let ip_key = (action, ip.map(|ip| ip.to_string()).unwrap_or_default());
        let mut outcome = self.per_ip.check_key(&ip_key);
        if outcome.is_ok() {
            if let Some(account) = account {
                outcome = self.per_account.check_key(&(action, account.to_owned()));
            }
        }
        outcome.map_err(|not_until| {
            let wait = not_until
                .wait_time_from(DefaultClock::default().now())
                .as_secs()
                + 1;
            AppError::from(Problem::rate_limited(wait)).retry_after(wait)
        })
    }
}

impl Default for RateLimits {
    fn default() -> Self {
        Self::new(20, 5)
    }
}

/// The client's address, when the server knows it (it does behind `axum::serve` with
/// connect info; in-process tests have none and share one bucket).
pub struct ClientIp(pub Option<IpAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self(
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|info| info.0.ip()),
        ))
    }
}
