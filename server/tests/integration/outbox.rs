//! The outbox sender against a real SMTP conversation on loopback: nothing is lost while
//! SMTP is down, and a message is delivered once it is back.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use server::mailer::Mailer;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A minimal SMTP server: accepts every message and keeps its DATA.
pub async fn smtp_listener() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write
                    .write_all(b"220 localhost ESMTP test\r\n")
                    .await
                    .unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(body) = data.as_mut() {
                        if line == "." {
                            store.lock().unwrap().push(std::mem::take(body));
                            data = None;
                            write.write_all(b"250 2.0.0 Ok: queued\r\n").await.unwrap();
                        } else {
                            body.push_str(&line);
                            body.push('\n');
                        }
                        continue;
                    }
                    let verb = line
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 localhost\r\n",
                        "DATA" => {
                            data = Some(String::new());
                            b"354 End data with <CR><LF>.<CR><LF>\r\n"
                        }
                        "QUIT" => {
                            write.write_all(b"221 Bye\r\n").await.unwrap();
                            break;
                        }
                        _ => b"250 Ok\r\n",
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, received)
}

#[tokio::test(flavor = "multi_thread")]
async fn messages_survive_an_smtp_outage_and_are_delivered_once() {
    let t = crate::common::sqlite().await;
    server::accounts::create_admin(&t.db, "talents@numerique.gouv.fr", "http://localhost:3000")
        .await
        .unwrap();
    let now = chrono::Utc::now().naive_utc();

    // SMTP down: a closed port. The message stays, with the error and a later retry.
    let closed = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let down = Mailer::new(
        &format!("smtp://127.0.0.1:{closed}"),
        "Talents <ne-pas-repondre@numerique.gouv.fr>",
    )
    .unwrap();
    assert_eq!(down.deliver_due(&t.db, now).await.unwrap(), 0);
    let queued = server::db::outbox::list(&t.db, 10).await.unwrap();
    assert_eq!(queued.len(), 1);
    assert!(queued[0].sent_at.is_none());
    assert_eq!(queued[0].attempts, 1);
    assert!(queued[0].last_error.is_some());
    // Not retried before its backoff.
    assert_eq!(down.deliver_due(&t.db, now).await.unwrap(), 0);

    // SMTP back: delivered after the backoff, once.
    let (port, received) = smtp_listener().await;
    let up = Mailer::new(
        &format!("smtp://127.0.0.1:{port}"),
        "Talents <ne-pas-repondre@numerique.gouv.fr>",
    )
    .unwrap();
    let later = now + chrono::Duration::minutes(2);
    assert_eq!(up.deliver_due(&t.db, later).await.unwrap(), 1);
    assert_eq!(
        up.deliver_due(&t.db, later + chrono::Duration::hours(2))
            .await
            .unwrap(),
        0
    );
    let sent = server::db::outbox::list(&t.db, 10).await.unwrap();
    assert!(sent[0].sent_at.is_some());
    let mails = received.lock().unwrap().clone();
    assert_eq!(mails.len(), 1);
    assert!(
        mails[0].contains("To: talents@numerique.gouv.fr"),
        "{}",
        mails[0]
    );
    assert!(mails[0].contains("jeton="), "the link is in the message");
}

#[tokio::test(flavor = "multi_thread")]
async fn expired_offers_are_archived() {
    for t in crate::common::seeded_backends().await {
        let app = t.router();
        let before = crate::common::get(&app, "/api/v1/offers").await.json()["total"]
            .as_i64()
            .unwrap();
        let archived =
            server::db::offer_edits::archive_expired(&t.db, chrono::Utc::now().naive_utc())
                .await
                .unwrap();
        assert!(archived > 0, "{}: the seed has expired offers", t.backend());
        assert_eq!(
            server::db::offer_edits::archive_expired(&t.db, chrono::Utc::now().naive_utc())
                .await
                .unwrap(),
            0
        );
        let after = crate::common::get(&app, "/api/v1/offers").await.json()["total"]
            .as_i64()
            .unwrap();
        assert_eq!(before, after, "expired offers were already hidden");
    }
}
