//! Pushes the public offers' changes to the webhooks' receivers, from the database like the
//! e-mail outbox: each receiver keeps its place in the offers' change log
//! (`db::offer_changes`), and a pass sends what changed after it, in log order — so in order
//! per offer — one message at a time, moving the place only once the receiver answered 2xx.
//!
//! Several processes never deliver the same message: a pass first takes the receiver with a
//! conditional update of its `next_attempt_at` (the lease, longer than a pass can last);
//! whoever read an older value gets nothing. A process that dies mid-pass leaves the lease
//! to expire, and the next pass sends the unacknowledged message again with the same
//! `webhook-id`, which receivers use to skip what they already had (Standard Webhooks).
//! A receiver that keeps failing waits longer each time (the outbox's backoff) and, after
//! [`MAX_FAILURES`] failures in a row (about a day), is switched off with the reason shown
//! to the team, who can switch it back on: it resumes where it stopped.

use base64::Engine;
use chrono::{Duration, NaiveDateTime, Utc};
use shared::offer_changes::OfferChange;
use shared::webhook::{WebhookEvent, WebhookPayload};
use shared::FieldError;

use crate::db::offer_changes::{self, Logged};
use crate::db::webhooks::{self, Message, Receiver};
use crate::db::Db;
use crate::mailer::backoff;
use crate::public_addresses::{is_public, PublicOnly};

/// How long a pass may hold a receiver: more than [`BATCH`] times the request timeout.
const LEASE: Duration = Duration::minutes(5);
/// Messages per pass and receiver.
const BATCH: i64 = 20;
/// How long a receiver has to answer.
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
pub use shared::webhook::MAX_FAILURES;

/// Why a receiver that stood still longer than the log keeps changes (90 days) is stopped.
const FORGOTTEN: &str =
    "Arrêté : les changements depuis sa dernière réception ne sont plus conservés (90 jours). \
    Le destinataire recharge les exports, puis réactivez-le : il reprendra à partir de maintenant.";

/// A new signing secret: `whsec_` and 32 random bytes in base64, as Standard Webhooks has it.
pub fn new_secret() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("random source: {e}"))?;
    Ok(format!(
        "whsec_{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}

/// Checks a receiver's address: `https` with a name or a public address, or, when `loopback`
/// is allowed (tests, local demos), plain `http` to this machine. Never credentials in it.
/// (A name is checked where it is resolved: [`PublicOnly`].)
pub fn url_error(url: &str, loopback: bool) -> Option<FieldError> {
    let fits = url::Url::parse(url).ok().is_some_and(|parsed| {
        let plain = parsed.username().is_empty() && parsed.password().is_none();
        plain
            && match (parsed.scheme(), parsed.host()) {
                (_, Some(host)) if loopback && is_loopback(&host) => true,
                ("https", Some(url::Host::Domain(_))) => true,
                ("https", Some(url::Host::Ipv4(ip))) => is_public(ip.into()),
                ("https", Some(url::Host::Ipv6(ip))) => is_public(ip.into()),
                _ => false,
            }
    });
    (!fits).then(|| {
        FieldError::new(
            "url",
            "Indiquez l'adresse https:// publique du récepteur, sans identifiants.",
        )
    })
}

fn is_loopback(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(name) => *name == "localhost",
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    }
}

/// What a change is to a receiver that had every change up to `after_at`: an offer
/// published since then is new to it. (An offer published just before a pass read the log
/// but committed just after may be called updated: its data is whole either way, and
/// receivers upsert it.)
fn event_of(change: &OfferChange, after_at: NaiveDateTime) -> WebhookEvent {
    match &change.offer {
        None => WebhookEvent::OfferRemoved,
        Some(offer) if offer.summary.published_at >= after_at => WebhookEvent::OfferPublished,
        Some(_) => WebhookEvent::OfferUpdated,
    }
}

/// Why an attempt failed: the receiver's status if it answered, and what to show.
struct Failure {
    status: Option<i32>,
    error: String,
}

pub struct Dispatcher {
    client: reqwest::Client,
}

impl Dispatcher {
    /// A dispatcher that sends to public addresses only, or to this machine's too when
    /// `loopback` is allowed (tests, local demos: `--webhooks-allow-loopback`).
    pub fn new(loopback: bool) -> anyhow::Result<Self> {
        let builder = reqwest::Client::builder()
            .timeout(TIMEOUT)
            // A receiver answers itself: following a redirect would send the offers,
            // signed, wherever it points.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("talents-numerique-webhooks/1");
        let builder = if loopback {
            builder
        } else {
            builder.dns_resolver(std::sync::Arc::new(PublicOnly))
        };
        Ok(Self {
            client: builder.build()?,
        })
    }

    /// One pass over the receivers that are due; how many messages were delivered.
    pub async fn deliver_due(&self, db: &Db, now: NaiveDateTime) -> anyhow::Result<usize> {
        let mut delivered = 0;
        for receiver in webhooks::due(db, now, 50).await? {
            if webhooks::claim(db, &receiver, now + LEASE).await? {
                delivered += self.pass(db, &receiver, now).await?;
            }
        }
        Ok(delivered)
    }

    /// Sends a receiver what changed after its place, in order, stopping at a failure.
    async fn pass(
        &self,
        db: &Db,
        receiver: &Receiver,
        now: NaiveDateTime,
    ) -> anyhow::Result<usize> {
        if receiver.after_seq < offer_changes::clock(db).await?.purged_through {
            webhooks::disable(db, receiver.id, FORGOTTEN, now).await?;
            return Ok(0);
        }
        // Whatever was public at `read_at` and is not in this batch has reached the receiver
        // once the batch is through, if the batch held every change there was then: from
        // then on, an offer published before `read_at` is one it knows.
        let read_at = Utc::now().naive_utc();
        let logged = offer_changes::latest_after(db, receiver.after_seq, BATCH).await?;
        let caught_up = (logged.len() as i64) < BATCH;
        let changes = crate::offer_changes::describe(db, &logged).await?;
        let mut delivered = 0;
        for (log, change) in logged.iter().zip(changes) {
            let event = event_of(&change, receiver.after_at);
            if !receiver.events.contains(&event) {
                webhooks::advance(db, receiver.id, log.seq, None, now).await?;
                continue;
            }
            let message_id = format!("msg_{}_{}", receiver.id, log.seq);
            let outcome = self.post(receiver, &message_id, event, change).await;
            let message = Message {
                seq: log.seq,
                message_id: &message_id,
                event,
                offer_id: log.offer,
                status_code: None,
                error: None,
            };
            match outcome {
                Ok(status) => {
                    let sent = Message {
                        status_code: Some(status),
                        ..message
                    };
                    webhooks::advance(db, receiver.id, log.seq, Some(&sent), now).await?;
                    delivered += 1;
                }
                Err(failure) => {
                    let attempt = Message {
                        status_code: failure.status,
                        error: Some(&failure.error),
                        ..message
                    };
                    self.failed(db, receiver, log, &attempt, now).await?;
                    return Ok(delivered);
                }
            }
        }
        webhooks::release(db, receiver.id, now, caught_up.then_some(read_at)).await?;
        Ok(delivered)
    }

    async fn failed(
        &self,
        db: &Db,
        receiver: &Receiver,
        log: &Logged,
        message: &Message<'_>,
        now: NaiveDateTime,
    ) -> anyhow::Result<()> {
        let failures = receiver.failures + 1;
        let error = message.error.unwrap_or_default();
        tracing::warn!(webhook = receiver.id.0, seq = log.seq, failures, %error, "webhook not delivered, will retry");
        let reason = (failures >= MAX_FAILURES).then(|| {
            format!("Désactivé après {MAX_FAILURES} échecs de suite ; le dernier : {error}")
        });
        webhooks::failed(
            db,
            receiver.id,
            message,
            now + backoff(receiver.failures),
            reason.as_deref(),
            now,
        )
        .await?;
        Ok(())
    }

    /// Posts one signed message; the receiver's status when it is 2xx.
    async fn post(
        &self,
        receiver: &Receiver,
        message_id: &str,
        event: WebhookEvent,
        change: OfferChange,
    ) -> Result<i32, Failure> {
        let fail = |error: String| Failure {
            status: None,
            error,
        };
        let sent_at = Utc::now();
        let body = serde_json::to_vec(&WebhookPayload {
            event,
            timestamp: sent_at,
            data: change,
        })
        .map_err(|e| fail(e.to_string()))?;
        let signature = standardwebhooks::Webhook::new(&receiver.secret)
            .and_then(|signer| signer.sign(message_id, sent_at.timestamp(), &body))
            .map_err(|e| fail(format!("signature : {e}")))?;
        let response = self
            .client
            .post(&receiver.url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header("webhook-id", message_id)
            .header("webhook-timestamp", sent_at.timestamp().to_string())
            .header("webhook-signature", signature)
            .body(body)
            .send()
            .await
            // With its causes (a refused address, a name that does not resolve, a timeout).
            .map_err(|e| fail(format!("pas de réponse : {:#}", anyhow::Error::from(e))))?;
        let status = response.status();
        let code = i32::from(status.as_u16());
        if status.is_success() {
            Ok(code)
        } else {
            Err(Failure {
                status: Some(code),
                error: format!("réponse HTTP {code}"),
            })
        }
    }

    /// Delivers in the background, every few seconds, for the life of the process.
    pub fn spawn(self, db: Db) {
        tokio::spawn(async move {
            loop {
                if let Err(error) = self.deliver_due(&db, Utc::now().naive_utc()).await {
                    tracing::warn!(%error, "webhook pass failed");
                }
                tokio::time::sleep(std::time::Duration::from_secs(5)).await;
            }
        });
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn receivers_are_https_and_loopback_only_when_allowed() {
        let ok = |url: &str, loopback: bool| url_error(url, loopback).is_none();
        assert!(ok("https://emplois.exemple.fr/talents", false));
        assert!(!ok("http://emplois.exemple.fr/talents", false));
        assert!(!ok("http://127.0.0.1:8080/recepteur", false));
        assert!(ok("http://127.0.0.1:8080/recepteur", true));
        assert!(ok("http://[::1]:8080/recepteur", true));
        assert!(ok("http://localhost:8080/recepteur", true));
        assert!(!ok("http://10.0.0.5/recepteur", true));
        assert!(!ok("https://10.0.0.5/recepteur", false));
        assert!(!ok("https://[fd00::5]/recepteur", false));
        assert!(!ok("https://127.0.0.1/recepteur", false));
        assert!(ok("https://194.5.172.20/recepteur", false));
        assert!(!ok("https://moi:secret@emplois.exemple.fr/", false));
        assert!(!ok("ftp://emplois.exemple.fr/", false));
        assert!(!ok("emplois.exemple.fr", false));
    }

    #[test]
    fn a_secret_is_one_standard_webhooks_reads() {
        let secret = new_secret().unwrap();
        assert!(secret.starts_with("whsec_"));
        assert!(standardwebhooks::Webhook::new(&secret).is_ok());
        assert_ne!(secret, new_secret().unwrap());
    }
}
