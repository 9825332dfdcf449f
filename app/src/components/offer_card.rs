//! One offer in a list.

use leptos::prelude::*;
use shared::offer::OfferSummary;

use crate::format;

/// Heading level of the card title, so lists fit the page's outline.
#[component]
pub fn OfferCard(offer: OfferSummary) -> impl IntoView {
    let href = format!("/offres/{}", offer.id);
    let entity = offer
        .entity
        .acronym
        .clone()
        .unwrap_or_else(|| offer.entity.name.clone());
    let place = format!(
        "{} ({})",
        offer.location.city, offer.location.departement_code
    );
    view! {
        <div class="fr-card fr-enlarge-link fr-card--horizontal talents-offer-card">
            <div class="fr-card__body">
                <div class="fr-card__content">
                    <h3 class="fr-card__title">
                        <a href=href>{offer.title.clone()}</a>
                    </h3>
                    <p class="fr-card__desc">{offer.entity.name.clone()}</p>
                    <div class="fr-card__start">
                        <ul class="fr-badges-group">
                            <li><p class="fr-badge fr-badge--sm fr-badge--blue-ecume">{offer.contract_type.label()}</p></li>
                            <li><p class="fr-badge fr-badge--sm">{offer.metier.name.clone()}</p></li>
                        </ul>
                    </div>
                    <div class="fr-card__end">
                        <p class="fr-card__detail fr-icon-map-pin-2-line">{place}</p>
                        <p class="fr-card__detail">
                            {format!(
                                "{entity} · {} · publiée le {}",
                                offer.remote.label(),
                                format::date(offer.published_at),
                            )}
                        </p>
                    </div>
                </div>
            </div>
        </div>
    }
}
