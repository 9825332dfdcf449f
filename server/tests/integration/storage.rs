//! Migrations (up → down → up, and by several processes at once) and seeding (idempotent, `--offers N` tops up) on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use server::config::SeedArgs;
use server::db::migrations;

#[tokio::test(flavor = "multi_thread")]
async fn migrations_revert_and_reapply() {
    let mut dbs = vec![crate::common::sqlite().await];
    if let Some(admin) = crate::common::postgres_admin_url() {
        dbs.push(crate::common::postgres(&admin).await);
    }
    for t in dbs {
        migrations::revert_all(&t.url).await.unwrap();
        if t.backend() == "postgres" {
            // Three processes starting together: each migration is applied once, none fails.
            let runs: Vec<_> = (0..3)
                .map(|_| {
                    let url = t.url.clone();
                    tokio::spawn(async move { migrations::run_pending(&url).await.unwrap() })
                })
                .collect();
            let mut applied = Vec::new();
            for run in runs {
                applied.push(run.await.unwrap());
            }
            applied.sort_unstable();
            assert!(
                applied[0] == 0 && applied[1] == 0 && applied[2] > 10,
                "{applied:?}"
            );
        } else {
            // One process per SQLite file (see docs/operations.md).
            assert!(migrations::run_pending(&t.url).await.unwrap() > 10);
        }
        assert_eq!(
            migrations::run_pending(&t.url).await.unwrap(),
            0,
            "{}",
            t.backend()
        );
        server::seed::run(&t.db, &SeedArgs::default())
            .await
            .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn seeding_twice_adds_nothing_and_tops_up_offers() {
    for t in crate::common::seeded_backends().await {
        let again = server::seed::run(&t.db, &SeedArgs::default())
            .await
            .unwrap();
        assert_eq!(
            again,
            server::seed::SeedReport::default(),
            "{}",
            t.backend()
        );
        let more = server::seed::run(&t.db, &SeedArgs { offers: Some(300) })
            .await
            .unwrap();
        assert_eq!(
            more.offers,
            300 - server::seed::DEFAULT_OFFERS,
            "{}",
            t.backend()
        );
        assert!(!server::seed::is_empty(&t.db).await.unwrap());
    }
}
