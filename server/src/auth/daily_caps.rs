//! Daily caps on what strangers can make us store and send. Anyone may apply without an
//! account, so without them one client address could store gigabytes of CVs a day and use
//! our sender to mail any address (the acknowledgement greets the name typed in). Per
//! client address (an IPv6 /64, as the rate limits count): applications and CV bytes a day;
//! per entity: the same, so that no entity's recruiters are buried; per recipient address:
//! acknowledgements a day — past it the application is still stored, unmailed.
//!
//! Counted per UTC day in the database (`db::daily_quotas`), for every server process, in
//! the transaction that stores the application: a replay, a refusal or a failure takes
//! nothing.

use shared::{ErrorCode, Problem};
use std::net::IpAddr;

use super::rate_limit::client_key;
use crate::db::daily_quotas::Allowance;
use crate::db::{self, Db, DbResult};
use crate::error::AppError;

const APPLICATIONS_PER_ADDRESS: u32 = 20;
const CV_MB_PER_ADDRESS: u32 = 50;
const APPLICATIONS_PER_ENTITY: u32 = 500;
const CV_MB_PER_ENTITY: u32 = 2_000;
const ACKNOWLEDGEMENTS_PER_RECIPIENT: u32 = 10;

/// The caps, from flags or the environment.
#[derive(Debug, Clone, clap::Args)]
pub struct DailyCaps {
    /// Applications a day from one client address.
    #[arg(long = "daily-applications-per-address", env = "DAILY_APPLICATIONS_PER_ADDRESS", default_value_t = APPLICATIONS_PER_ADDRESS)]
    pub applications_per_address: u32,
    /// Megabytes of CVs a day from one client address.
    #[arg(long = "daily-cv-mb-per-address", env = "DAILY_CV_MB_PER_ADDRESS", default_value_t = CV_MB_PER_ADDRESS)]
    pub cv_mb_per_address: u32,
    /// Applications a day to one entity.
    #[arg(long = "daily-applications-per-entity", env = "DAILY_APPLICATIONS_PER_ENTITY", default_value_t = APPLICATIONS_PER_ENTITY)]
    pub applications_per_entity: u32,
    /// Megabytes of CVs a day to one entity.
    #[arg(long = "daily-cv-mb-per-entity", env = "DAILY_CV_MB_PER_ENTITY", default_value_t = CV_MB_PER_ENTITY)]
    pub cv_mb_per_entity: u32,
    /// Acknowledgements of an application mailed a day to one e-mail address.
    #[arg(long = "daily-acknowledgements-per-recipient", env = "DAILY_ACKNOWLEDGEMENTS_PER_RECIPIENT", default_value_t = ACKNOWLEDGEMENTS_PER_RECIPIENT)]
    pub acknowledgements_per_recipient: u32,
}

impl Default for DailyCaps {
    fn default() -> Self {
        Self {
            applications_per_address: APPLICATIONS_PER_ADDRESS,
            cv_mb_per_address: CV_MB_PER_ADDRESS,
            applications_per_entity: APPLICATIONS_PER_ENTITY,
            cv_mb_per_entity: CV_MB_PER_ENTITY,
            acknowledgements_per_recipient: ACKNOWLEDGEMENTS_PER_RECIPIENT,
        }
    }
}

/// Which of [`DailyCaps::application`]'s allowances are the client address's (the others
/// are the entity's).
const ADDRESS_ALLOWANCES: usize = 2;

const MB: i64 = 1_000_000;

impl DailyCaps {
    /// The allowances one application of `bytes` of CV from `ip` to `entity` takes: the
    /// client address's, then the entity's.
    pub fn application(&self, ip: Option<IpAddr>, entity: i64, bytes: usize) -> Vec<Allowance> {
        let address = client_key(ip);
        let allowance = |key: String, amount: i64, cap: i64| Allowance { key, amount, cap };
        let bytes = bytes as i64;
        vec![
            allowance(
                format!("applications:address:{address}"),
                1,
                self.applications_per_address.into(),
            ),
            allowance(
                format!("cv_bytes:address:{address}"),
                bytes,
                i64::from(self.cv_mb_per_address) * MB,
            ),
            allowance(
                format!("applications:entity:{entity}"),
                1,
                self.applications_per_entity.into(),
            ),
            allowance(
                format!("cv_bytes:entity:{entity}"),
                bytes,
                i64::from(self.cv_mb_per_entity) * MB,
            ),
        ]
    }

    /// The allowance of one acknowledgement mailed to `recipient`.
    pub fn acknowledgement(&self, recipient: &str) -> Allowance {
        Allowance {
            key: format!("acknowledgements:recipient:{recipient}"),
            amount: 1,
            cap: self.acknowledgements_per_recipient.into(),
        }
    }

    /// The 429 problem saying the limit, when allowance `index` of [`Self::application`]
    /// ran out; to be tried again tomorrow (UTC).
    pub fn refusal(&self, index: usize) -> AppError {
        let detail = if index < ADDRESS_ALLOWANCES {
            format!(
                "Une même adresse réseau peut envoyer au plus {} candidatures et {} Mo de CV par jour : réessayez demain.",
                self.applications_per_address, self.cv_mb_per_address
            )
        } else {
            format!(
                "Cette entité a reçu aujourd'hui le plus de candidatures que la plateforme accepte ({} candidatures, {} Mo de CV par jour) : réessayez demain.",
                self.applications_per_entity, self.cv_mb_per_entity
            )
        };
        let now = chrono::Utc::now().timestamp();
        let left = (86_400 - now.rem_euclid(86_400)) as u64;
        AppError::from(
            Problem::new(429, ErrorCode::RateLimited, "Limite quotidienne atteinte")
                .with_detail(detail),
        )
        .retry_after(left)
    }
}

/// Deletes the days before today.
pub async fn forget_past_days(db: &Db) -> DbResult<usize> {
    let today = db::daily_quotas::day_of(chrono::Utc::now().naive_utc());
    db::daily_quotas::forget_before(db, today).await
}
