//! A page of offers with its count, or the empty state.

use leptos::prelude::*;
use shared::search::OfferPage;

use super::offer_card::OfferCard;
use super::states::Empty;
use crate::format;

#[component]
pub fn OfferList(page: OfferPage, #[prop(into)] empty_message: String) -> impl IntoView {
    if page.items.is_empty() {
        return view! { <Empty message=empty_message /> }.into_any();
    }
    let mut highlights = page.highlights;
    view! {
        <ul class="talents-offer-list" role="list">
            {page
                .items
                .into_iter()
                .map(|offer| {
                    let highlight = highlights
                        .iter()
                        .position(|h| h.id == offer.id)
                        .map(|at| highlights.swap_remove(at));
                    view! { <li><OfferCard offer highlight /></li> }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// "42 offres" as a sentence for the result count.
pub fn total_label(total: i64) -> String {
    match total {
        0 => "Aucune offre ne correspond".to_owned(),
        1 => "1 offre correspond".to_owned(),
        n => format!("{} correspondent", format::count(n, "offre", "offres")),
    }
}

/// A titled section listing a few offers, with a link to the full search.
#[component]
pub fn OffersSection(
    title: &'static str,
    page: OfferPage,
    empty_message: &'static str,
    more_href: String,
    more_label: &'static str,
) -> impl IntoView {
    view! {
        <section class="fr-mt-6w">
            <h2>{title}</h2>
            <p>{total_label(page.total)}</p>
            <OfferList page empty_message />
            <p><a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href=more_href>{more_label}</a></p>
        </section>
    }
}
