//! The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site
//! writes), Secure unless configured off for plain-HTTP development.

use axum::http::{header, HeaderMap, HeaderValue};
use cookie::{Cookie, SameSite};

pub const COOKIE_NAME: &str = "talents_session";

/// The session secret sent by the browser, if any.
pub fn from_headers(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == COOKIE_NAME)
        .map(|c| c.value().to_owned())
}

fn build(value: String, max_age: cookie::time::Duration, secure: bool) -> Option<HeaderValue> {
    let cookie = Cookie::build((COOKIE_NAME, value))
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .max_age(max_age)
        .build();
    HeaderValue::from_str(&cookie.to_string()).ok()
}

/// `Set-Cookie` opening a session.
pub fn set_cookie(secret: String, secure: bool) -> Option<HeaderValue> {
    let lifetime = crate::db::users::SESSION_LIFETIME.num_seconds();
    build(secret, cookie::time::Duration::seconds(lifetime), secure)
}

/// `Set-Cookie` removing the session from the browser.
pub fn clear_cookie(secure: bool) -> Option<HeaderValue> {
    build(String::new(), cookie::time::Duration::ZERO, secure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_is_http_only_lax_and_secure() {
        let value =
            set_cookie("abc".into(), true).map(|v| v.to_str().unwrap_or_default().to_owned());
        let value = value.unwrap_or_default();
        for part in [
            "talents_session=abc",
            "HttpOnly",
            "SameSite=Lax",
            "Secure",
            "Path=/",
        ] {
            assert!(value.contains(part), "{value}");
        }
    }

    #[test]
    fn reads_the_session_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; talents_session=xyz; b=2"),
        );
        assert_eq!(from_headers(&headers).as_deref(), Some("xyz"));
    }
}
