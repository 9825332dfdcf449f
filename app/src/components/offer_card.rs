//! One offer in a list.

use leptos::prelude::*;
use shared::offer::OfferSummary;
use shared::search::{OfferHighlight, TextSegment};

use crate::format;

/// Heading level of the card title, so lists fit the page's outline.
#[component]
pub fn OfferCard(
    offer: OfferSummary,
    /// The words a search matched in it: marked in the title, and a passage of the text.
    #[prop(optional_no_strip)]
    highlight: Option<OfferHighlight>,
) -> impl IntoView {
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
                        <a href=href>{match &highlight {
                            Some(h) if !h.title.is_empty() => marked(&h.title).into_any(),
                            _ => offer.title.clone().into_any(),
                        }}</a>
                    </h3>
                    <p class="fr-card__desc">{offer.entity.name.clone()}</p>
                    {highlight.filter(|h| !h.snippet.is_empty()).map(|h| view! {
                        <p class="fr-card__desc talents-snippet">"… "{marked(&h.snippet)}" …"</p>
                    })}
                    <div class="fr-card__start">
                        <ul class="fr-badges-group">
                            <li><p class="fr-badge fr-badge--sm fr-badge--blue-ecume">{offer.contract_type.label()}</p></li>
                            <li><p class="fr-badge fr-badge--sm">{offer.metier.name.clone()}</p></li>
                        </ul>
                    </div>
                    <div class="fr-card__end">
                        <p class="fr-card__detail fr-icon-map-pin-2-line">{place}</p>
                        {offer.salary.map(|range| view! {
                            <p class="fr-card__detail fr-icon-money-euro-circle-line">{format::salary(range)}</p>
                        })}
                        <p class="fr-card__detail">
                            {format!(
                                "{entity} · {} · publiée le {} · candidatures jusqu'au {}",
                                offer.remote.label(),
                                format::date(offer.published_at),
                                format::date(offer.expires_at),
                            )}
                        </p>
                    </div>
                </div>
            </div>
        </div>
    }
}

/// Text with the matched words in `<mark>`: built from data, so a title can never bring markup.
fn marked(segments: &[TextSegment]) -> impl IntoView {
    segments
        .iter()
        .map(|segment| {
            if segment.matched {
                view! { <mark>{segment.text.clone()}</mark> }.into_any()
            } else {
                segment.text.clone().into_any()
            }
        })
        .collect_view()
}
