//! Every operation of the JSON API, described once: its method, its route, the path
//! parameters that fill the route, the query, the body it takes and the answer it gives.
//!
//! The app calls an operation with `app::api::browser::call(op, body)` and gets its answer
//! typed, or a [`Problem`](crate::Problem); no page writes a path. The server's test
//! `api_contract` checks that these descriptions and the router's OpenAPI document name the
//! same operations — every route described once, every description routed — with the same
//! body and answer types.

pub mod accounts;
pub mod admin;
pub mod catalogue;
pub mod forum;
pub mod recruiter;
pub mod vis_mon_job;

/// The HTTP method of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// One operation of the API. Implemented by one small type per operation, whose fields are
/// the route's parameters (and its query, if it has one).
pub trait Operation {
    const METHOD: Method;
    /// The route as the router and the OpenAPI document write it (`{id}` for a parameter).
    const ROUTE: &'static str;
    /// What the request carries: `()` for nothing.
    type Body;
    /// What a success carries: `()` for nothing (204, 202), [`File`] for a document that
    /// is not JSON (followed as a link, never decoded).
    type Answer;
    /// The names of its query's parameters (none without a query).
    const QUERY: &'static [&'static str] = &[];

    /// The path of this call: the route with its parameters filled in, and the query.
    fn path(&self) -> String;
}

/// An operation that only reads (a `GET`): what `app::api::browser::fetch` takes, so that a
/// write can never be sent as a read.
///
/// ```
/// fn read<O: shared::api::Read>(_: O) {}
/// read(shared::api::catalogue::ListEntities {});
/// ```
///
/// ```compile_fail
/// fn read<O: shared::api::Read>(_: O) {}
/// read(shared::api::admin::ApproveAccessRequest { id: shared::AccessRequestId(1) });
/// ```
pub trait Read: Operation<Body = ()> {}

/// An answer that is a file or a redirection (CSV, calendar, ZIP, sitemap): the app links to
/// its path instead of decoding it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct File;

/// A multipart form (an application with its CV), sent by the browser as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Multipart;

/// A query string, as an operation with a query appends it to its path.
pub trait QueryString {
    /// The parameters' names, each once: the OpenAPI document lists the same.
    const PARAMS: &'static [&'static str];
    /// `key=value&…`, percent-encoded; empty when nothing is asked.
    fn to_query_string(&self) -> String;
}

/// One description as the contract test reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Described {
    pub method: Method,
    pub route: &'static str,
    /// Rust type names (`std::any::type_name`) of the body and the answer.
    pub body: &'static str,
    pub answer: &'static str,
    /// The names of the query's parameters.
    pub query: &'static [&'static str],
}

impl Described {
    pub fn of<O: Operation>() -> Self {
        Described {
            method: O::METHOD,
            route: O::ROUTE,
            body: std::any::type_name::<O::Body>(),
            answer: std::any::type_name::<O::Answer>(),
            query: O::QUERY,
        }
    }
}

/// Every operation described.
pub fn all() -> Vec<Described> {
    [
        accounts::described(),
        admin::described(),
        catalogue::described(),
        forum::described(),
        recruiter::described(),
        vis_mon_job::described(),
    ]
    .concat()
}

impl QueryString for crate::search::OfferSearch {
    const PARAMS: &'static [&'static str] = crate::search::OfferSearch::PARAMS;
    fn to_query_string(&self) -> String {
        crate::search::OfferSearch::to_query_string(self)
    }
}

impl QueryString for crate::forum::SessionFilters {
    const PARAMS: &'static [&'static str] = &["edition", "kind", "day", "entity", "metier"];
    fn to_query_string(&self) -> String {
        crate::forum::SessionFilters::to_query_string(self)
    }
}

/// `key=value&…` of the pairs that have a non-empty value, percent-encoded.
pub fn encode_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, Option<String>)>) -> String {
    pairs
        .into_iter()
        .filter_map(|(k, v)| {
            v.filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", crate::search::percent_encode(&v)))
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// `route` with each `{name}` replaced by its value, percent-encoded.
pub fn fill(route: &str, params: &[(&str, String)]) -> String {
    let mut path = route.to_owned();
    for (name, value) in params {
        path = path.replace(
            &format!("{{{name}}}"),
            &crate::search::percent_encode(value),
        );
    }
    path
}

/// `path?query`, or `path` for an empty query.
pub fn with_query<Q: QueryString>(path: String, query: &Q) -> String {
    match query.to_query_string() {
        q if q.is_empty() => path,
        q => format!("{path}?{q}"),
    }
}

/// Declares operations: for each, its type (with the route's parameters as fields, and
/// `query` when it takes one), method, route, body (`()` when omitted) and answer; and the
/// module's `described()` list.
///
/// ```text
/// operations! {
///     /// Approves a request.
///     ApproveAccessRequest { id: i64 } = POST "/api/v1/admin/access-requests/{id}/approve"
///         => InvitedRecruiter;
///     ListOffers {} query OfferSearch = GET "/api/v1/offers" => OfferPage;
/// }
/// ```
macro_rules! operations {
    ($(
        $(#[$doc:meta])*
        $name:ident { $($field:ident : $ty:ty),* } $(query $query:ty)?
            = $method:ident $route:literal $(, body $body:ty)? => $answer:ty;
    )*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, PartialEq)]
            pub struct $name {
                $(pub $field: $ty,)*
                $(pub query: $query,)?
            }

            impl $crate::api::Operation for $name {
                const METHOD: $crate::api::Method = operations!(@method $method);
                const ROUTE: &'static str = $route;
                type Body = operations!(@body $($body)?);
                type Answer = $answer;
                $(const QUERY: &'static [&'static str] = <$query as $crate::api::QueryString>::PARAMS;)?

                fn path(&self) -> String {
                    let path = $crate::api::fill($route, &[$((stringify!($field), self.$field.to_string())),*]);
                    operations!(@query self, path $(, $query)?)
                }
            }

            operations!(@read $method $name);
        )*

        /// The operations of this module, for the contract test.
        pub fn described() -> Vec<$crate::api::Described> {
            vec![$($crate::api::Described::of::<$name>()),*]
        }
    };
    (@method GET) => { $crate::api::Method::Get };
    (@method POST) => { $crate::api::Method::Post };
    (@method PUT) => { $crate::api::Method::Put };
    (@method DELETE) => { $crate::api::Method::Delete };
    (@read GET $name:ident) => { impl $crate::api::Read for $name {} };
    (@read $method:ident $name:ident) => {};
    (@query $self:ident, $path:ident) => { $path };
    (@query $self:ident, $path:ident, $query:ty) => { $crate::api::with_query($path, &$self.query) };
    (@body) => { () };
    (@body $body:ty) => { $body };
}
pub(crate) use operations;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_fill_the_route_with_encoded_parameters() {
        let op = admin::ApproveAccessRequest {
            id: crate::AccessRequestId(42),
        };
        assert_eq!(op.path(), "/api/v1/admin/access-requests/42/approve");
        let op = catalogue::ShowEntity {
            slug: "dinum/étalab".into(),
        };
        assert_eq!(op.path(), "/api/v1/entities/dinum%2F%C3%A9talab");
        let op = catalogue::ListOffers {
            query: crate::search::OfferSearch {
                q: Some("data".into()),
                ..Default::default()
            },
        };
        assert_eq!(op.path(), "/api/v1/offers?q=data");
        let everything = catalogue::ListOffers {
            query: Default::default(),
        };
        assert_eq!(everything.path(), "/api/v1/offers");
    }

    #[test]
    fn each_route_is_described_once() {
        let mut seen = std::collections::HashSet::new();
        for op in all() {
            assert!(
                seen.insert((op.method, op.route)),
                "{} {} décrite deux fois",
                op.method.as_str(),
                op.route
            );
        }
    }
}
