//! `server`: serve (default), migrate, seed, reindex, match, create-admin.

use clap::Parser;
use server::config::{Cli, Command, ServeArgs};
use server::db::{self, DatabaseUrl, Db};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    server::logging::init(cli.log_format);
    let url = DatabaseUrl::parse(&cli.database.url)?;
    match cli
        .command
        .unwrap_or_else(|| Command::Serve(ServeArgs::from_env()))
    {
        Command::Migrate => {
            let applied = db::migrations::run_pending(&url).await?;
            tracing::info!(applied, "migrations applied");
        }
        Command::Seed(args) => {
            db::migrations::run_pending(&url).await?;
            let db = Db::connect(&url, 4)?;
            let report = server::seed::run(&db, &args).await?;
            tracing::info!(?report, "seed done");
        }
        Command::CreateAdmin { email, public_url } => {
            db::migrations::run_pending(&url).await?;
            let db = Db::connect(&url, 2)?;
            let link = server::accounts::create_admin(&db, &email, &public_url).await?;
            tracing::info!(%email, "admin created; the link to choose a password was also queued by e-mail");
            // On stdout alone, so scripts can read it.
            println!("{link}");
        }
        Command::Match { edition } => {
            db::migrations::run_pending(&url).await?;
            let db = Db::connect(&url, 2)?;
            server::vismonjob::match_from_cli(&db, &edition).await?;
        }
        Command::Reindex { search_index } => {
            db::migrations::run_pending(&url).await?;
            let storage = server::search::Storage::parse(&search_index);
            let db = Db::connect(&url, 2)?.with_search_storage(storage.clone());
            let memory_before = server::metrics::resident_memory_bytes().unwrap_or(0);
            let core = db.search.core(&db).await?;
            let size = match &storage {
                server::search::Storage::Dir(dir) => server::search::index::size_on_disk(dir),
                server::search::Storage::Memory => 0,
            };
            // On stdout alone, so the bench can read it.
            println!(
                "{{\"offers\":{},\"build_ms\":{},\"index_bytes\":{},\"rss_before\":{},\"rss_after\":{}}}",
                core.stats.offers,
                core.stats.took.as_millis(),
                size,
                memory_before,
                server::metrics::resident_memory_bytes().unwrap_or(0)
            );
        }
        Command::Serve(args) => server::serve(&url, &args).await?,
    }
    Ok(())
}
