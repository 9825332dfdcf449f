//! Typed data access for the pages: one function per API call.
//!
//! During server rendering the data comes from the server's query layer through the
//! [`Catalogue`] trait object the server provides as context (so `app` never depends on
//! `server`); in the browser it comes from the JSON API with gloo-net. Resource values are
//! serialized into the page, so hydration does not fetch twice.

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
use shared::api::{catalogue, forum, vis_mon_job, Operation};
use shared::entity::{EntityDetail, EntitySummary};
use shared::forum::{ForumEdition, ForumSession, SessionFilters};
use shared::geo::Region;
use shared::metier::{Metier, MetierFamily};
use shared::offer::Offer;
use shared::search::{OfferPage, OfferSearch};
use shared::vismonjob::Edition;
use shared::{OfferId, Problem};
use std::future::Future;

pub type ApiResult<T> = Result<T, Problem>;

/// The server's query layer, as seen by the pages.
#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait Catalogue: Send + Sync {
    async fn search_offers(&self, search: OfferSearch) -> ApiResult<OfferPage>;
    async fn offer(&self, id: OfferId) -> ApiResult<Offer>;
    async fn entities(&self) -> ApiResult<Vec<EntitySummary>>;
    async fn entity(&self, slug: String) -> ApiResult<EntityDetail>;
    async fn metier_families(&self) -> ApiResult<Vec<MetierFamily>>;
    async fn metier(&self, slug: String) -> ApiResult<Metier>;
    async fn regions(&self) -> ApiResult<Vec<Region>>;
    async fn vmj_editions(&self) -> ApiResult<Vec<Edition>>;
    async fn vmj_edition(&self, slug: String) -> ApiResult<Edition>;
    async fn forum_editions(&self) -> ApiResult<Vec<ForumEdition>>;
    async fn forum_programme(&self, filters: SessionFilters) -> ApiResult<Vec<ForumSession>>;
    async fn forum_session(&self, id: shared::ForumSessionId) -> ApiResult<ForumSession>;
    async fn forum_session_offers(&self, id: shared::ForumSessionId) -> ApiResult<OfferPage>;
}

#[cfg(feature = "ssr")]
pub type SharedCatalogue = std::sync::Arc<dyn Catalogue>;

/// Calls the catalogue during server rendering. The context is read now, synchronously,
/// while the reactive owner is current; the returned future runs later.
#[cfg(feature = "ssr")]
fn on_server<T, F, Fut>(call: F) -> impl Future<Output = ApiResult<T>> + Send + 'static
where
    F: FnOnce(SharedCatalogue) -> Fut + Send + 'static,
    Fut: Future<Output = ApiResult<T>> + Send,
{
    let catalogue = leptos::prelude::use_context::<SharedCatalogue>();
    async move {
        match catalogue {
            Some(catalogue) => call(catalogue).await,
            None => Err(Problem::new(
                500,
                shared::ErrorCode::Internal,
                "Catalogue absent du contexte de rendu",
            )),
        }
    }
}

/// GETs a JSON document of the API from the browser.
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn from_api<O>(op: O) -> impl Future<Output = ApiResult<O::Answer>> + Send + 'static
where
    O: Operation<Body = ()>,
    O::Answer: serde::de::DeserializeOwned + 'static,
{
    let path = op.path();
    send_wrapper::SendWrapper::new(async move {
        let response = gloo_net::http::Request::get(&path)
            .header("Accept", "application/json")
            .send()
            .await
            .map_err(|e| Problem::network(e.to_string()))?;
        if response.ok() {
            response
                .json::<O::Answer>()
                .await
                .map_err(|e| Problem::network(e.to_string()))
        } else {
            Err(response.json::<Problem>().await.unwrap_or_else(|_| {
                Problem::new(
                    response.status(),
                    shared::ErrorCode::Internal,
                    "Erreur inattendue du serveur",
                )
            }))
        }
    })
}

/// Declares one API call: its server-side implementation and the operation the browser
/// calls (whose answer must be `$out`).
macro_rules! api_call {
    ($(#[$doc:meta])* $name:ident($($arg:ident : $ty:ty),*) -> $out:ty,
     server: |$cat:ident| $server:expr, op: $op:expr) => {
        $(#[$doc])*
        pub fn $name($($arg: $ty),*) -> impl Future<Output = ApiResult<$out>> + Send + 'static {
            #[cfg(feature = "ssr")]
            {
                on_server(move |$cat: SharedCatalogue| async move { $server.await })
            }
            #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
            {
                from_api($op)
            }
        }
    };
}

api_call!(
    /// `GET /api/v1/offers`.
    search_offers(search: OfferSearch) -> OfferPage,
    server: |c| c.search_offers(search),
    op: catalogue::ListOffers { query: search }
);
api_call!(
    /// `GET /api/v1/offers/{id}`.
    offer(id: OfferId) -> Offer,
    server: |c| c.offer(id),
    op: catalogue::ShowOffer { id }
);
api_call!(
    /// `GET /api/v1/entities`.
    entities() -> Vec<EntitySummary>,
    server: |c| c.entities(),
    op: catalogue::ListEntities {}
);
api_call!(
    /// `GET /api/v1/entities/{slug}`.
    entity(slug: String) -> EntityDetail,
    server: |c| c.entity(slug),
    op: catalogue::ShowEntity { slug }
);
api_call!(
    /// `GET /api/v1/metiers`.
    metier_families() -> Vec<MetierFamily>,
    server: |c| c.metier_families(),
    op: catalogue::ListMetiers {}
);
/// The métier families for lists and choices: [`metier_families`] without the métiers'
/// descriptions, which no list shows and which a page would otherwise carry to the browser
/// in its data, to be read before hydrating (on `/offres`, 28 kB of JSON become 11 kB).
pub fn metier_names() -> impl Future<Output = ApiResult<Vec<MetierFamily>>> + Send + 'static {
    let families = metier_families();
    async move {
        let mut families = families.await?;
        for metier in families.iter_mut().flat_map(|f| f.metiers.iter_mut()) {
            metier.description.clear();
        }
        Ok(families)
    }
}
api_call!(
    /// `GET /api/v1/metiers/{slug}`.
    metier(slug: String) -> Metier,
    server: |c| c.metier(slug),
    op: catalogue::ShowMetier { slug }
);
api_call!(
    /// `GET /api/v1/geo/regions`.
    regions() -> Vec<Region>,
    server: |c| c.regions(),
    op: catalogue::ListRegions {}
);

api_call!(
    /// `GET /api/v1/vis-mon-job/editions`.
    vmj_editions() -> Vec<Edition>,
    server: |c| c.vmj_editions(),
    op: vis_mon_job::ListVmjEditions {}
);
api_call!(
    /// `GET /api/v1/vis-mon-job/editions/{slug}`.
    vmj_edition(slug: String) -> Edition,
    server: |c| c.vmj_edition(slug),
    op: vis_mon_job::ShowVmjEdition { slug }
);

api_call!(
    /// `GET /api/v1/forum/editions`.
    forum_editions() -> Vec<ForumEdition>,
    server: |c| c.forum_editions(),
    op: forum::ListForumEditions {}
);
api_call!(
    /// `GET /api/v1/forum/sessions`.
    forum_programme(filters: SessionFilters) -> Vec<ForumSession>,
    server: |c| c.forum_programme(filters),
    op: forum::ListForumSessions { query: filters }
);
/// `GET /api/v1/forum/sessions/{id}`: the session, without what the API adds for the
/// caller (their place, the slots), which the public page does not show.
pub fn forum_session(
    id: shared::ForumSessionId,
) -> impl Future<Output = ApiResult<ForumSession>> + Send + 'static {
    #[cfg(feature = "ssr")]
    {
        on_server(move |c: SharedCatalogue| async move { c.forum_session(id).await })
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        let detail = from_api(forum::ShowForumSession { id });
        async move { detail.await.map(|d| d.session) }
    }
}
api_call!(
    /// `GET /api/v1/forum/sessions/{id}/offers`.
    forum_session_offers(id: shared::ForumSessionId) -> OfferPage,
    server: |c| c.forum_session_offers(id),
    op: forum::ForumSessionOffers { id }
);

/// Calls of the private API (accounts, recruiter and admin spaces). They carry the session
/// cookie, so they run in the browser only: private pages load their data after hydration
/// (`LocalResource`), and the server renders their frame.
pub mod browser {
    use super::ApiResult;
    use serde::{de::DeserializeOwned, Serialize};
    use shared::api::{Method, Operation};
    use shared::Problem;

    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    async fn read<T: DeserializeOwned>(response: gloo_net::http::Response) -> ApiResult<Option<T>> {
        if response.status() == 204 || response.status() == 202 {
            return Ok(None);
        }
        if response.ok() {
            return response
                .json::<T>()
                .await
                .map(Some)
                .map_err(|e| Problem::network(e.to_string()));
        }
        Err(response.json::<Problem>().await.unwrap_or_else(|_| {
            Problem::new(
                response.status(),
                shared::ErrorCode::Internal,
                "Erreur inattendue du serveur",
            )
        }))
    }

    /// `GET path`.
    async fn get<T: DeserializeOwned>(path: String) -> ApiResult<T> {
        #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
        {
            let response = gloo_net::http::Request::get(&path)
                .send()
                .await
                .map_err(|e| Problem::network(e.to_string()))?;
            read::<T>(response)
                .await?
                .ok_or_else(|| Problem::network("réponse vide"))
        }
        #[cfg(feature = "ssr")]
        {
            let _ = path;
            Err(Problem::network("appel réservé au navigateur"))
        }
    }

    /// `POST`/`PUT path` with a JSON body, or `DELETE path`; `None` for answers without one
    /// (204, 202).
    async fn send<B: Serialize, T: DeserializeOwned>(
        method: Method,
        path: String,
        body: &B,
    ) -> ApiResult<Option<T>> {
        #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
        {
            let request = match method {
                // Some deletions carry a confirmation (the password), others `null`.
                Method::Delete => gloo_net::http::Request::delete(&path).json(body),
                Method::Put => gloo_net::http::Request::put(&path).json(body),
                Method::Get => gloo_net::http::Request::get(&path).build(),
                Method::Post => gloo_net::http::Request::post(&path).json(body),
            };
            let response = request
                .map_err(|e| Problem::network(e.to_string()))?
                .send()
                .await
                .map_err(|e| Problem::network(e.to_string()))?;
            read::<T>(response).await
        }
        #[cfg(feature = "ssr")]
        {
            let _ = (method, path, body);
            Err(Problem::network("appel réservé au navigateur"))
        }
    }

    /// Posts a multipart form (a file upload) with its `Idempotency-Key`.
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    pub async fn upload<O>(
        op: O,
        form: web_sys::FormData,
        key: String,
    ) -> ApiResult<Option<O::Answer>>
    where
        O: Operation<Body = shared::api::Multipart>,
        O::Answer: DeserializeOwned,
    {
        let response = gloo_net::http::Request::post(&op.path())
            .header("Idempotency-Key", &key)
            .body(form)
            .map_err(|e| Problem::network(e.to_string()))?
            .send()
            .await
            .map_err(|e| Problem::network(e.to_string()))?;
        read::<O::Answer>(response).await
    }

    /// A random key for one submission, so that resending it cannot store it twice.
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    pub fn idempotency_key() -> String {
        let part = || (js_sys::Math::random() * 1e15) as u64;
        format!("{:x}-{:x}-{:x}", js_sys::Date::now() as u64, part(), part())
    }

    /// Reads `op` (a `GET`): its answer, or the problem.
    pub async fn fetch<O>(op: O) -> ApiResult<O::Answer>
    where
        O: shared::api::Read,
        O::Answer: DeserializeOwned,
    {
        get::<O::Answer>(op.path()).await
    }

    /// Calls `op` with `body`: its answer, `None` for an answer without one (204, 202).
    pub async fn call<O>(op: O, body: &O::Body) -> ApiResult<Option<O::Answer>>
    where
        O: Operation,
        O::Body: Serialize,
        O::Answer: DeserializeOwned,
    {
        send::<O::Body, O::Answer>(O::METHOD, op.path(), body).await
    }

    /// Sends a change from a form or button: on success `done` runs with the answer, on
    /// refusal the problem lands in `problem` (shown by a `ProblemAlert`).
    pub fn act<O>(
        op: O,
        body: O::Body,
        problem: leptos::prelude::RwSignal<Option<Problem>>,
        done: impl FnOnce(Option<O::Answer>) + 'static,
    ) where
        O: Operation + 'static,
        O::Body: Serialize + 'static,
        O::Answer: DeserializeOwned + 'static,
    {
        use leptos::prelude::Set;
        leptos::task::spawn_local(async move {
            match call(op, &body).await {
                Ok(answer) => {
                    problem.set(None);
                    done(answer);
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    }
}
