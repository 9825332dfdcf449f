//! The ceiling of `make bench`: a bare axum server answering captured responses from
//! memory, so the real server's figures read as a share of what this machine can do.
//!
//! `ceiling PORT PATH=FILE[:CONTENT-TYPE]…` serves each file's bytes at its path.

use axum::http::header;
use axum::routing::get;
use axum::Router;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let port: u16 = args.next().unwrap_or_default().parse()?;
    let mut app = Router::new();
    for route in args {
        let (path, file) = route
            .split_once('=')
            .ok_or_else(|| anyhow::anyhow!("PATH=FILE expected, got {route}"))?;
        let (file, content_type) = file.split_once(':').unwrap_or((file, "application/json"));
        let body = bytes::Bytes::from(std::fs::read(file)?);
        let content_type = content_type.to_owned();
        app = app.route(
            path,
            get(move || {
                let (body, content_type) = (body.clone(), content_type.clone());
                async move { ([(header::CONTENT_TYPE, content_type)], body) }
            }),
        );
    }
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    axum::serve(listener, app).await?;
    Ok(())
}
