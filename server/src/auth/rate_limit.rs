//! Rate limits on sign-in, sign-up, password changes and applications, per client address
//! and per account. The attempts are counted in the database (`db::rate_limits`), so every
//! server process counts into the same buckets: spreading attempts over several processes
//! gains nothing. A sliding window over the last minute, estimated from two fixed windows.

use shared::Problem;
use std::net::IpAddr;

use crate::api_quota::ApiQuota;
use crate::db::{self, Db};
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

impl Action {
    fn name(self) -> &'static str {
        match self {
            Action::Login => "login",
            Action::Signup => "signup",
            Action::PasswordReset => "password_reset",
            Action::AccessRequest => "access_request",
            Action::PasswordChange => "password_change",
            Action::Application => "application",
        }
    }
}

/// Length of a counting window, in seconds.
const WINDOW: i64 = 60;

/// The limits of the service (the API's quota is per process, see `api_quota`).
#[derive(Clone)]
pub struct RateLimits {
    per_ip: u32,
    per_account: u32,
    /// The public API's quota, on every API request.
    pub api: ApiQuota,
}

impl RateLimits {
    /// `per_ip` attempts a minute from one address, `per_account` for one e-mail address.
    pub fn new(per_ip: u32, per_account: u32) -> Self {
        Self {
            per_ip: per_ip.max(1),
            per_account: per_account.max(1),
            api: ApiQuota::default(),
        }
    }

    /// The same with the API's quota: `anonymous` requests a minute per address, `keyed` per key.
    pub fn with_api_quota(mut self, anonymous: u32, keyed: u32) -> Self {
        self.api = ApiQuota::new(anonymous, keyed);
        self
    }

    /// Forgets the counting windows that no longer count and the API clients idle long
    /// enough to be back at a full quota (memory and the table stay small).
    pub async fn forget_idle(&self, db: &Db) -> db::DbResult<usize> {
        self.api.forget_idle();
        let now = chrono::Utc::now().timestamp();
        db::rate_limits::forget_before(db, now - now.rem_euclid(WINDOW) - WINDOW).await
    }

    /// Counts one attempt; a 429 problem (with its delay) when over the limit. Refused
    /// attempts count too: a client that keeps hammering stays refused.
    pub async fn check(
        &self,
        db: &Db,
        action: Action,
        ip: Option<IpAddr>,
        account: Option<&str>,
    ) -> Result<(), AppError> {
        let ip = ip.map(|ip| ip.to_string()).unwrap_or_default();
        count(db, action, "ip", &ip, self.per_ip).await?;
        if let Some(account) = account {
            count(db, action, "account", account, self.per_account).await?;
        }
        Ok(())
    }
}

async fn count(
    db: &Db,
    action: Action,
    scope: &str,
    who: &str,
    limit: u32,
) -> Result<(), AppError> {
    let now = chrono::Utc::now();
    let seconds = now.timestamp();
    let start = seconds - seconds.rem_euclid(WINDOW);
    let elapsed = (seconds - start) as f64 + f64::from(now.timestamp_subsec_millis()) / 1000.0;
    let key = format!("{}:{scope}:{who}", action.name());
    let (current, previous) = db::rate_limits::hit(db, &key, start, WINDOW).await?;
    let (current, previous, limit) = (f64::from(current), f64::from(previous), f64::from(limit));
    if estimate(current, previous, elapsed) <= limit {
        return Ok(());
    }
    let wait = retry_after(current, previous, elapsed, limit)
        .ceil()
        .max(1.0) as u64;
    Err(AppError::from(Problem::rate_limited(wait)).retry_after(wait))
}

/// Attempts in the last minute: this window's, plus the previous window's weighted by the
/// share of it the last minute still covers.
fn estimate(current: f64, previous: f64, elapsed: f64) -> f64 {
    current + previous * (1.0 - elapsed / WINDOW as f64)
}

/// Seconds until one more attempt would be allowed.
fn retry_after(current: f64, previous: f64, elapsed: f64, limit: f64) -> f64 {
    let window = WINDOW as f64;
    if current + 1.0 <= limit && previous > 0.0 {
        // Within this window, once the previous one's weight has faded enough.
        (window * (1.0 - (limit - current - 1.0) / previous) - elapsed).max(0.0)
    } else {
        // In the next window, where this one's attempts are those that fade.
        window - elapsed + (window * (1.0 - (limit - 1.0) / current)).max(0.0)
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

#[cfg(test)]
mod tests {
    use super::{estimate, retry_after};

    #[test]
    fn the_previous_minute_fades_over_this_one() {
        assert_eq!(estimate(2.0, 6.0, 0.0), 8.0);
        assert_eq!(estimate(2.0, 6.0, 30.0), 5.0);
        assert_eq!(estimate(2.0, 6.0, 60.0), 2.0);
    }

    #[test]
    fn the_wait_ends_when_one_more_attempt_fits() {
        // 6 attempts (the last refused) 10 s into a window, limit 5: allowed again 70 s
        // later, 20 s into the next window (1 + 6 × 40/60 = 5).
        let wait = retry_after(6.0, 0.0, 10.0, 5.0);
        assert!((wait - 70.0).abs() < 1e-9, "{wait}");
        assert!(estimate(1.0, 6.0, 10.0 + wait - 60.0) <= 5.0 + 1e-9);
        // 2 now, 6 in the previous window, 15 s in: 3 + 6 × (1 - t/60) ≤ 5 at t = 40.
        let wait = retry_after(2.0, 6.0, 15.0, 5.0);
        assert!((wait - 25.0).abs() < 1e-9, "{wait}");
    }
}
