//! Delivers the outbox over SMTP (lettre). A message is marked sent only once the SMTP
//! server accepted it; failures are retried with exponential backoff, so nothing is lost
//! while SMTP is down. Without `SMTP_URL` nothing is sent and admins read the outbox.

use chrono::{Duration, NaiveDateTime};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::db::outbox::{self, OutboxMessage};
use crate::db::{Db, DbResult};

/// How long a claimed message is reserved for the process sending it.
const LEASE: Duration = Duration::minutes(5);

/// Delay before attempt `n + 1` after `n` failures: 30 s, 1 min, 2 min… capped at one hour.
pub fn backoff(failures: i32) -> Duration {
    let seconds = 30i64.saturating_mul(1i64 << failures.clamp(0, 20));
    Duration::seconds(seconds.min(3600))
}

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// `url`: `smtp://host:port` (plain), `smtp://host:587?tls=required` (STARTTLS) or
    /// `smtps://host:465`, with optional `user:password@`.
    pub fn new(url: &str, from: &str) -> anyhow::Result<Self> {
        Ok(Self {
            transport: AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?
                .timeout(Some(std::time::Duration::from_secs(20)))
                .build(),
            from: from.parse()?,
        })
    }

    async fn deliver(&self, message: &OutboxMessage) -> Result<(), String> {
        let email = Message::builder()
            .from(self.from.clone())
            .to(message
                .recipient
                .parse()
                .map_err(|e| format!("destinataire : {e}"))?)
            .subject(&message.subject)
            // Without it, mail clients read the UTF-8 body as US-ASCII (accents garbled).
            .header(lettre::message::header::ContentType::TEXT_PLAIN)
            .body(message.body.clone())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(email)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// One pass over the due messages; returns how many were delivered.
    pub async fn deliver_due(&self, db: &Db, now: NaiveDateTime) -> DbResult<usize> {
        let mut delivered = 0;
        for (message, seen) in outbox::due(db, now, 50).await? {
            if !outbox::claim(db, message.id, seen, now + LEASE).await? {
                continue;
            }
            match self.deliver(&message).await {
                Ok(()) => {
                    outbox::mark_sent(db, message.id, chrono::Utc::now().naive_utc()).await?;
                    delivered += 1;
                }
                Err(error) => {
                    tracing::warn!(id = message.id.0, %error, "e-mail not delivered, will retry");
                    outbox::mark_failed(db, message.id, now + backoff(message.attempts), &error)
                        .await?;
                }
            }
        }
        Ok(delivered)
    }

    /// Delivers in the background, every few seconds, for the life of the process.
    pub fn spawn(self, db: Db) {
        tokio::spawn(async move {
            loop {
                if let Err(error) = self.deliver_due(&db, chrono::Utc::now().naive_utc()).await {
                    tracing::warn!(%error, "outbox pass failed");
                }
                tokio::time::sleep(std::time::Duration::from_secs(5)).await;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_doubles_then_caps() {
        assert_eq!(backoff(0).num_seconds(), 30);
        assert_eq!(backoff(1).num_seconds(), 60);
        assert_eq!(backoff(3).num_seconds(), 240);
        assert_eq!(backoff(30).num_seconds(), 3600);
    }
}
