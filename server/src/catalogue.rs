//! The query layer as the pages see it during server rendering (`app::api::Catalogue`).

use app::api::{ApiResult, Catalogue};
use shared::entity::{EntityDetail, EntitySummary};
use shared::geo::Region;
use shared::metier::{Metier, MetierFamily};
use shared::offer::Offer;
use shared::search::{OfferPage, OfferSearch};
use shared::OfferId;

use crate::db::{self, Db, DbResult};
use crate::error::problem_from_db;

pub struct DbCatalogue(pub Db);

fn problem<T>(result: DbResult<T>) -> ApiResult<T> {
    result.map_err(problem_from_db)
}

#[async_trait::async_trait]
impl Catalogue for DbCatalogue {
    async fn search_offers(&self, search: OfferSearch) -> ApiResult<OfferPage> {
        problem(db::offers::search_offers(&self.0, &search).await)
    }
    async fn offer(&self, id: OfferId) -> ApiResult<Offer> {
        problem(db::offers::find_public_offer(&self.0, id).await)
    }
    async fn entities(&self) -> ApiResult<Vec<EntitySummary>> {
        problem(db::entities::list_entities(&self.0).await)
    }
    async fn entity(&self, slug: String) -> ApiResult<EntityDetail> {
        problem(db::entities::find_entity(&self.0, &slug).await)
    }
    async fn metier_families(&self) -> ApiResult<Vec<MetierFamily>> {
        problem(db::metiers::list_families(&self.0).await)
    }
    async fn metier(&self, slug: String) -> ApiResult<Metier> {
        problem(db::metiers::find_metier(&self.0, &slug).await)
    }
    async fn regions(&self) -> ApiResult<Vec<Region>> {
        problem(db::geo::list_regions(&self.0).await)
    }
}
