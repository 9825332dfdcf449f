//! The client's address behind reverse proxies. Each proxy appends the address it received the
//! request from to `X-Forwarded-For`; with `TRUSTED_PROXY_HOPS=n` (our own proxies in front of
//! the server), the n-th address from the right is the client's. Entries further left were
//! written by the client itself and could be forged, so they are never read. Rate limits and
//! the API quota then count that address instead of the proxy's.

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};

/// Middleware: replaces the connection's address with the forwarded one when there is one.
pub async fn client_address(
    State(hops): State<usize>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(ip) = forwarded_ip(request.headers(), hops) {
        let port = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(0, |info| info.0.port());
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(ip, port)));
    }
    next.run(request).await
}

/// The address `hops` entries from the right of `X-Forwarded-For` (all its headers, in order).
fn forwarded_ip(headers: &HeaderMap, hops: usize) -> Option<IpAddr> {
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .collect();
    let index = entries.len().checked_sub(hops)?;
    entries.get(index)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&'static str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for value in values {
            map.append(
                "x-forwarded-for",
                value.parse().unwrap_or_else(|_| unreachable!()),
            );
        }
        map
    }

    #[test]
    fn the_address_our_proxies_saw_is_taken_never_the_clients_say() {
        let forged = headers(&["6.6.6.6, 203.0.113.7"]);
        assert_eq!(forwarded_ip(&forged, 1), "203.0.113.7".parse().ok());
        assert_eq!(forwarded_ip(&forged, 2), "6.6.6.6".parse().ok());
        assert_eq!(forwarded_ip(&forged, 3), None);
        let split = headers(&["198.51.100.4", "2001:db8::1"]);
        assert_eq!(forwarded_ip(&split, 1), "2001:db8::1".parse().ok());
        assert_eq!(forwarded_ip(&headers(&["pas-une-adresse"]), 1), None);
        assert_eq!(forwarded_ip(&HeaderMap::new(), 1), None);
    }
}
