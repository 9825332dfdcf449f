//! Authentication and authorization: password hashing, session cookies, single-use tokens,
//! rate limits, and the extractors that decide who may call an endpoint.

pub mod daily_caps;
pub mod extract;
pub mod password;
pub mod rate_limit;
pub mod session;
pub mod token;

pub use extract::{
    CurrentAdmin, CurrentCandidate, CurrentRecruiter, CurrentUser, MaybeCandidate, MaybeUser,
    SameSite,
};
