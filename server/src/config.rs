//! Configuration: one struct, from flags or environment variables.

use clap::{Args, Parser, Subcommand};

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/talents.sqlite3";

#[derive(Debug, Parser)]
#[command(
    name = "server",
    about = "Talents du numérique de l'État : API, pages et données"
)]
pub struct Cli {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Log lines as text, or as JSON objects (one a line, for log collectors).
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t, global = true)]
    pub log_format: crate::logging::LogFormat,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args, Clone)]
pub struct DatabaseArgs {
    /// `sqlite://PATH` (default, created on first run) or `postgres://…`.
    #[arg(long = "database-url", env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub url: String,
}

// Parsed once at start: the serve arguments' size beside the other commands does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site and the API (default).
    Serve(ServeArgs),
    /// Apply pending migrations and exit.
    Migrate,
    /// Load reference data and demo content (idempotent).
    Seed(SeedArgs),
    /// Run the Vis mon job matching of an edition (its sign-ups closed) and save the proposal.
    Match {
        /// Identifier (slug) of the edition.
        #[arg(long)]
        edition: String,
    },
    /// Build the offer search index from the database and report its size and build time
    /// (what `serve` does at start; a running server rebuilds its own).
    Reindex {
        /// `memory`, or a folder (emptied first).
        #[arg(long, env = "SEARCH_INDEX", default_value = "memory")]
        search_index: String,
    },
    /// Create an admin account; the link to choose its password is queued by e-mail.
    CreateAdmin {
        /// E-mail address of the new admin.
        #[arg(long)]
        email: String,
        /// Base URL of the link.
        #[arg(long, env = "PUBLIC_URL", default_value = "http://localhost:3000")]
        public_url: String,
    },
}

#[derive(Debug, Args, Clone)]
pub struct ServeArgs {
    #[arg(long, env = "PORT", default_value_t = 3000)]
    pub port: u16,
    /// Address to listen on.
    #[arg(long, env = "HOST", default_value = "127.0.0.1")]
    pub host: String,
    /// Folder of the built front end (Trunk's output, plus DSFR and our CSS).
    #[arg(long, env = "SITE_ROOT", default_value = "dist")]
    pub site_root: String,
    /// Seed demo data when the database has no offer yet.
    #[arg(long, env = "SEED_IF_EMPTY", default_value_t = false)]
    pub seed_if_empty: bool,
    /// Connections in the pool.
    #[arg(long, env = "DB_POOL_SIZE", default_value_t = 16)]
    pub pool_size: usize,
    /// Where the offer search index lives: `memory`, or a folder such as
    /// `data/search-index` (emptied and rebuilt at start, memory-mapped).
    #[arg(long, env = "SEARCH_INDEX", default_value = "memory")]
    pub search_index: String,
    /// Base URL of the links sent by e-mail.
    #[arg(long, env = "PUBLIC_URL", default_value = "http://localhost:3000")]
    pub public_url: String,
    /// Set the `Secure` flag on the session cookie (turn off only behind plain HTTP on another host than localhost).
    #[arg(long, env = "COOKIE_SECURE", default_value_t = true, action = clap::ArgAction::Set)]
    pub cookie_secure: bool,
    /// SMTP server for the outbox, e.g. `smtp://localhost:25` or `smtps://user:pass@host:465`.
    #[arg(long, env = "SMTP_URL")]
    pub smtp_url: Option<String>,
    /// Sender of the e-mails.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "Talents du numérique de l'État <ne-pas-repondre@numerique.gouv.fr>"
    )]
    pub mail_from: String,
    /// Where CVs are stored: a local folder, or `s3://bucket/prefix` for S3-compatible
    /// storage (endpoint and keys from `AWS_ENDPOINT`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`).
    #[arg(long, env = "CV_STORAGE", default_value = "data/cvs")]
    pub cv_storage: String,
    /// Attempts a minute from one client address at signing in or up, password resets and
    /// changes, access requests and applications (counted in the database: for all processes).
    #[arg(long, env = "ATTEMPT_LIMIT_PER_ADDRESS", default_value_t = 20)]
    pub attempt_limit_per_address: u32,
    /// Failed password guesses a minute at one account from one address (20 times that
    /// from all addresses together) at signing in and password changes; attempts a minute
    /// for one e-mail address at password resets and access requests.
    #[arg(long, env = "ATTEMPT_LIMIT_PER_ACCOUNT", default_value_t = 5)]
    pub attempt_limit_per_account: u32,
    #[command(flatten)]
    pub daily_caps: crate::auth::daily_caps::DailyCaps,
    /// Token Prometheus sends (`Authorization: Bearer …`) to read `/metrics`; without it,
    /// `/metrics` answers 404.
    /// An empty value is refused: it would open the metrics to anyone.
    #[arg(long, env = "METRICS_TOKEN", hide_env_values = true, value_parser = non_empty_token)]
    pub metrics_token: Option<String>,
    /// Requests a minute to the API from one client address without a key.
    #[arg(long, env = "API_RATE_LIMIT", default_value_t = 600)]
    pub api_rate_limit: u32,
    /// Requests a minute to the API with one API key.
    #[arg(long, env = "API_KEY_RATE_LIMIT", default_value_t = 6000)]
    pub api_key_rate_limit: u32,
    /// Reverse proxies of ours in front of the server, each appending to `X-Forwarded-For`:
    /// the client's address is that many entries from the right. 0: the connection's address.
    #[arg(long, env = "TRUSTED_PROXY_HOPS", default_value_t = 0)]
    pub trusted_proxy_hops: usize,
    /// Show the outbox's links whole to admins instead of masking their secrets: for a local
    /// demo or the browser tests without SMTP, never in production (an admin could then
    /// take over any account).
    #[arg(long, env = "OUTBOX_SHOWS_LINKS", default_value_t = false, action = clap::ArgAction::Set)]
    pub outbox_shows_links: bool,
    /// Accept webhook receivers on this machine, plain `http://` included (tests, local
    /// demos); otherwise only `https://` at public addresses.
    #[arg(long, env = "WEBHOOKS_ALLOW_LOOPBACK", default_value_t = false, action = clap::ArgAction::Set)]
    pub webhooks_allow_loopback: bool,
    /// Months a closed application's CV is kept before it is deleted.
    #[arg(long, env = "CV_RETENTION_MONTHS", default_value_t = 24)]
    pub cv_retention_months: u32,
}

/// A secret given in the configuration: never empty (an empty bearer token matches an
/// empty `Authorization` header).
fn non_empty_token(value: &str) -> Result<String, String> {
    match value.trim() {
        "" => {
            Err("jeton vide : donnez un jeton, ou retirez la variable pour désactiver".to_owned())
        }
        token => Ok(token.to_owned()),
    }
}

impl ServeArgs {
    /// The serve options from the environment alone (no subcommand given).
    pub fn from_env() -> Self {
        #[derive(Parser)]
        struct ServeOnly {
            #[command(flatten)]
            args: ServeArgs,
        }
        ServeOnly::parse_from(["server"]).args
    }
}

#[derive(Debug, Args, Clone, Default)]
pub struct SeedArgs {
    /// Number of demo offers (default 240; use e.g. 100000 for benchmarks).
    #[arg(long)]
    pub offers: Option<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Parser)]
    struct ServeOnly {
        #[command(flatten)]
        args: ServeArgs,
    }

    #[test]
    fn an_empty_metrics_token_stops_the_start() {
        for empty in ["", "  "] {
            let parsed = ServeOnly::try_parse_from(["server", "--metrics-token", empty]);
            let error = parsed.err().map(|e| e.to_string()).unwrap_or_default();
            assert!(error.contains("--metrics-token"), "{error}");
        }
        let parsed = ServeOnly::try_parse_from(["server", "--metrics-token", "s3cret"]);
        assert_eq!(
            parsed.ok().and_then(|o| o.args.metrics_token).as_deref(),
            Some("s3cret")
        );
    }
}
