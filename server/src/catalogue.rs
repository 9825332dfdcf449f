//! The query layer as the pages see it during server rendering (`app::api::Catalogue`).

use app::api::{ApiResult, Catalogue};
use shared::entity::{EntityDetail, EntitySummary};
use shared::forum::{ForumEdition, ForumSession, SessionFilters};
use shared::geo::Region;
use shared::metier::{Metier, MetierFamily};
use shared::offer::Offer;
use shared::search::{OfferPage, OfferSearch};
use shared::vismonjob::Edition;
use shared::OfferId;

use crate::db::{self, Db, DbResult};
use crate::error::problem_from_db;
use crate::views::ViewCounter;
use std::sync::Arc;

/// The database, and the view counter that a rendered offer page counts into.
pub struct DbCatalogue {
    pub db: Db,
    pub views: Arc<ViewCounter>,
}

fn problem<T>(result: DbResult<T>) -> ApiResult<T> {
    result.map_err(problem_from_db)
}

#[async_trait::async_trait]
impl Catalogue for DbCatalogue {
    async fn search_offers(&self, search: OfferSearch) -> ApiResult<OfferPage> {
        problem(db::offers::search_offers(&self.db, &search).await)
    }
    async fn offer(&self, id: OfferId) -> ApiResult<Offer> {
        let offer = problem(db::offers::find_public_offer(&self.db, id).await)?;
        self.views.hit(&self.db, id).await;
        Ok(offer)
    }
    async fn entities(&self) -> ApiResult<Vec<EntitySummary>> {
        problem(db::entities::list_entities(&self.db).await)
    }
    async fn entity(&self, slug: String) -> ApiResult<EntityDetail> {
        problem(db::entities::find_entity(&self.db, &slug).await)
    }
    async fn metier_families(&self) -> ApiResult<Vec<MetierFamily>> {
        problem(db::metiers::list_families(&self.db).await)
    }
    async fn metier(&self, slug: String) -> ApiResult<Metier> {
        problem(db::metiers::find_metier(&self.db, &slug).await)
    }
    async fn regions(&self) -> ApiResult<Vec<Region>> {
        problem(db::geo::list_regions(&self.db).await)
    }
    async fn vmj_editions(&self) -> ApiResult<Vec<Edition>> {
        problem(db::vismonjob::editions::list(&self.db, false).await)
    }
    async fn vmj_edition(&self, slug: String) -> ApiResult<Edition> {
        let editions = db::vismonjob::editions::list(&self.db, false).await;
        problem(editions.and_then(|list| {
            list.into_iter()
                .find(|e| e.slug == slug)
                .ok_or(db::DbError::NotFound)
        }))
    }
    async fn forum_editions(&self) -> ApiResult<Vec<ForumEdition>> {
        problem(db::forum::editions::list(&self.db, false).await)
    }
    async fn forum_programme(&self, filters: SessionFilters) -> ApiResult<Vec<ForumSession>> {
        problem(crate::forum::programme(&self.db, &filters).await)
    }
    async fn forum_session(&self, id: shared::ForumSessionId) -> ApiResult<ForumSession> {
        problem(
            crate::forum::public_session(&self.db, id)
                .await
                .map(|(r, _)| r.session),
        )
    }
    async fn forum_session_offers(&self, id: shared::ForumSessionId) -> ApiResult<OfferPage> {
        let session = self.forum_session(id).await?;
        problem(crate::forum::entity_offers(&self.db, &session).await)
    }
}
