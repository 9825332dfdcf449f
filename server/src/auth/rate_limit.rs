//! Rate limits on sign-in, sign-up, password changes and applications, per client address
//! and per account. The attempts are counted in the database (`db::rate_limits`), so every
//! server process counts into the same buckets: spreading attempts over several processes
//! gains nothing. A sliding window over the last minute, estimated from two fixed windows.
//!
//! An IPv6 client is counted by its /64 (one subscriber's network: rotating addresses inside
//! it gains nothing, and cannot grow the tables). Password guesses are limited per account
//! by their *failures*, from one address (the per-account limit) and from everywhere (a
//! higher one): a guesser is slowed down, while the owner, who types the right password from
//! another address, still gets in.

use shared::Problem;
use std::net::IpAddr;

use super::daily_caps::DailyCaps;
use crate::api_quota::ApiQuota;
use crate::db::{self, Db};
use crate::error::AppError;

/// What is being limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Login,
    Signup,
    PasswordReset,
    /// Choosing a password with a reset or invitation link (per address: the token is the
    /// secret being guessed, and a valid one is hashed, which is costly).
    ResetConfirmation,
    AccessRequest,
    /// Checking the current password before a change (a stolen session must not guess it).
    PasswordChange,
    /// Submitting an application (per address only: one person applies many times).
    Application,
    /// Asking for a new link confirming one's address (each one is an e-mail).
    ConfirmationLink,
}

impl Action {
    fn name(self) -> &'static str {
        match self {
            Action::Login => "login",
            Action::Signup => "signup",
            Action::PasswordReset => "password_reset",
            Action::ResetConfirmation => "reset_confirmation",
            Action::AccessRequest => "access_request",
            Action::PasswordChange => "password_change",
            Action::Application => "application",
            Action::ConfirmationLink => "confirmation_link",
        }
    }
}

/// Length of a counting window, in seconds.
const WINDOW: i64 = 60;

/// Failed guesses at one account a minute from all addresses together, as a multiple of
/// the per-account (and per-address) limit.
const ACCOUNT_WIDE_FACTOR: u32 = 20;

/// What a client address is counted as: an IPv4 address, or an IPv6 /64 (`2001:db8:1:2::/64`).
pub fn client_key(ip: Option<IpAddr>) -> String {
    match ip.map(|ip| ip.to_canonical()) {
        None => String::new(),
        Some(IpAddr::V4(v4)) => v4.to_string(),
        Some(IpAddr::V6(v6)) => {
            let prefix = u128::from(v6) & !((1u128 << 64) - 1);
            format!("{}/64", std::net::Ipv6Addr::from(prefix))
        }
    }
}

/// The limits of the service (the API's quota is per process, see `api_quota`).
#[derive(Clone)]
pub struct RateLimits {
    per_ip: u32,
    per_account: u32,
    /// The public API's quota, on every API request.
    pub api: ApiQuota,
    /// What one address may make us store and send in a day.
    pub daily: DailyCaps,
}

impl RateLimits {
    /// `per_ip` attempts a minute from one address, `per_account` for one e-mail address.
    pub fn new(per_ip: u32, per_account: u32) -> Self {
        Self {
            per_ip: per_ip.max(1),
            per_account: per_account.max(1),
            api: ApiQuota::default(),
            daily: DailyCaps::default(),
        }
    }

    /// The same with these daily caps.
    pub fn with_daily_caps(mut self, daily: DailyCaps) -> Self {
        self.daily = daily;
        self
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
        let days = super::daily_caps::forget_past_days(db).await?;
        Ok(db::rate_limits::forget_before(db, now - now.rem_euclid(WINDOW) - WINDOW).await? + days)
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
        let ip = client_key(ip);
        count(db, &key(action, "ip", &ip), self.per_ip).await?;
        if let Some(account) = account {
            count(db, &key(action, "account", account), self.per_account).await?;
        }
        Ok(())
    }

    /// Counts an attempt that mails `address`: per client, and per address when it is one (an
    /// empty or malformed address mails nobody, and all of them would share one bucket).
    pub async fn check_mailing(
        &self,
        db: &Db,
        action: Action,
        ip: Option<IpAddr>,
        address: &str,
    ) -> Result<(), AppError> {
        let address = shared::account::email_error(address)
            .is_none()
            .then_some(address);
        self.check(db, action, ip, address).await
    }

    /// The two buckets of failed guesses at `account`: from this address, and from all.
    fn failure_buckets(
        &self,
        action: Action,
        ip: Option<IpAddr>,
        account: &str,
    ) -> [(String, u32); 2] {
        let from = format!("{account}|{}", client_key(ip));
        [
            (key(action, "failures_from", &from), self.per_account),
            (
                key(action, "failures", account),
                self.per_account.saturating_mul(ACCOUNT_WIDE_FACTOR),
            ),
        ]
    }

    /// Before checking a password for `account`: counts the attempt for the address, and
    /// refuses (429) when too many recent guesses at the account failed.
    pub async fn check_guess(
        &self,
        db: &Db,
        action: Action,
        ip: Option<IpAddr>,
        account: &str,
    ) -> Result<(), AppError> {
        self.check(db, action, ip, None).await?;
        self.check_failures(db, action, ip, account).await
    }

    /// Refuses a guess at `account` (429) when too many recent ones failed; counts nothing.
    pub async fn check_failures(
        &self,
        db: &Db,
        action: Action,
        ip: Option<IpAddr>,
        account: &str,
    ) -> Result<(), AppError> {
        let at = Moment::now();
        for (bucket, limit) in self.failure_buckets(action, ip, account) {
            let (current, previous) = db::rate_limits::peek(db, &bucket, at.start, WINDOW).await?;
            // One more attempt must fit, as it would once counted.
            at.judge(current.saturating_add(1), previous, limit)?;
        }
        Ok(())
    }

    /// Counts a failed guess at `account` from `ip`.
    pub async fn record_failure(
        &self,
        db: &Db,
        action: Action,
        ip: Option<IpAddr>,
        account: &str,
    ) -> Result<(), AppError> {
        let at = Moment::now();
        for (bucket, _) in self.failure_buckets(action, ip, account) {
            db::rate_limits::hit(db, &bucket, at.start, WINDOW).await?;
        }
        Ok(())
    }
}

fn key(action: Action, scope: &str, who: &str) -> String {
    format!("{}:{scope}:{who}", action.name())
}

/// Where now falls in the counting windows.
struct Moment {
    /// Start of the current window, in seconds.
    start: i64,
    /// Seconds since it started.
    elapsed: f64,
}

impl Moment {
    fn now() -> Self {
        let now = chrono::Utc::now();
        let seconds = now.timestamp();
        let start = seconds - seconds.rem_euclid(WINDOW);
        let elapsed = (seconds - start) as f64 + f64::from(now.timestamp_subsec_millis()) / 1000.0;
        Self { start, elapsed }
    }

    /// Ok under the limit; else a 429 problem with the wait.
    fn judge(&self, current: i32, previous: i32, limit: u32) -> Result<(), AppError> {
        let (current, previous, limit) =
            (f64::from(current), f64::from(previous), f64::from(limit));
        if estimate(current, previous, self.elapsed) <= limit {
            return Ok(());
        }
        let wait = retry_after(current, previous, self.elapsed, limit)
            .ceil()
            .max(1.0) as u64;
        Err(AppError::from(Problem::rate_limited(wait)).retry_after(wait))
    }
}

async fn count(db: &Db, key: &str, limit: u32) -> Result<(), AppError> {
    let at = Moment::now();
    let (current, previous) = db::rate_limits::hit(db, key, at.start, WINDOW).await?;
    at.judge(current, previous, limit)
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
    use super::{client_key, estimate, retry_after};

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        let key = |ip: &str| client_key(ip.parse().ok());
        assert_eq!(key("2001:db8:1:2::1"), "2001:db8:1:2::/64");
        assert_eq!(key("2001:db8:1:2:ffff:1:2:3"), "2001:db8:1:2::/64");
        assert_ne!(key("2001:db8:1:3::1"), key("2001:db8:1:2::1"));
        assert_eq!(key("192.0.2.7"), "192.0.2.7");
        assert_eq!(key("::ffff:192.0.2.7"), "192.0.2.7");
        assert_eq!(client_key(None), "");
    }

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
