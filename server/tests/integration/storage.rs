//! Migrations (up → down → up) and seeding (idempotent, `--offers N` tops up) on both backends.

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
        migrations::redo_all(&t.url).await.unwrap();
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
