//! The recruiter's space, `/espace-recruteur/…`: the entity's offers and their life cycle
//! (here), an offer's form with preview and audience (`offer_form`), the showcase
//! (`showcase`), the team (`team`) and the figures (`stats`). Data loads in the browser,
//! with the session.

mod ambassadors;
mod applications;
mod forum;
mod offer_form;
mod showcase;
mod stats;
mod talents;
mod team;

pub use ambassadors::AmbassadorsPage;
pub use applications::{ApplicationPage, PipelinePage};
pub use forum::RecruiterForumPage;
pub use offer_form::{EditOfferPage, NewOfferPage};
pub use showcase::ShowcaseEditorPage;
pub use stats::StatsPage;
pub use talents::TalentsPage;
pub use team::TeamPage;

use leptos::prelude::*;
use leptos_meta::Title;
use shared::api::recruiter::{ArchiveOffer, FillOffer, PublishOffer, RecruiterListOffers};
use shared::offer::{Offer, OfferStatus};
use shared::{OfferId, Problem};

use crate::api::browser;
use crate::components::states::{LastProblem, Loaded};
use crate::components::tabs::SpaceTabs;
use crate::format;

const TABS: &[(&str, &str)] = &[
    ("/espace-recruteur", "Offres"),
    ("/espace-recruteur/offres/nouvelle", "Nouvelle offre"),
    ("/espace-recruteur/candidatures", "Candidatures"),
    ("/espace-recruteur/profils", "Profils"),
    ("/espace-recruteur/vitrine", "Vitrine"),
    ("/espace-recruteur/equipe", "Équipe"),
    ("/espace-recruteur/statistiques", "Statistiques"),
    ("/espace-recruteur/ambassadeurs", "Vis mon job"),
    ("/espace-recruteur/forum", "Forum"),
];

/// A step of an offer's life cycle, each its own operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OfferStep {
    Publish,
    Fill,
    Archive,
}

impl OfferStep {
    /// Sends the step for offer `id`: `done` gets the offer as it now is, a refusal lands in
    /// `problem`.
    fn send(
        self,
        id: OfferId,
        problem: RwSignal<Option<Problem>>,
        done: impl FnOnce(Option<Offer>) + 'static,
    ) {
        match self {
            OfferStep::Publish => browser::act(PublishOffer { id }, (), problem, done),
            OfferStep::Fill => browser::act(FillOffer { id }, (), problem, done),
            OfferStep::Archive => browser::act(ArchiveOffer { id }, (), problem, done),
        }
    }
}

/// The tabs of the recruiter's space.
#[component]
pub(crate) fn SpaceNav(current: &'static str) -> impl IntoView {
    view! { <SpaceTabs label="Espace recruteur" links=TABS current /> }
}

#[component]
pub fn RecruiterHomePage() -> impl IntoView {
    let offers = LocalResource::new(|| browser::fetch(RecruiterListOffers {}));
    let problem = RwSignal::new(None::<Problem>);
    let act = move |id: OfferId, step: OfferStep| {
        step.send(id, problem, move |_| offers.refetch());
    };
    view! {
        <Title text="Espace recruteur" />
        <div class="fr-container fr-my-4w">
            <h1>"Espace recruteur"</h1>
            <SpaceNav current="/espace-recruteur" />
            <LastProblem problem />
            <Loaded resource=offers view=move |list| view! {
                    <div class="fr-table">
                        <table tabindex="0">
                            <caption>{format::count(list.len() as i64, "offre de votre entité", "offres de votre entité")}</caption>
                            <thead><tr>
                                <th scope="col">"Titre"</th>
                                <th scope="col">"Statut"</th>
                                <th scope="col">"Expire le"</th>
                                <th scope="col">"Actions"</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|offer| view! { <OfferLine offer act /> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            />
        </div>
    }
}

/// One offer of the entity with the actions its status allows.
#[component]
fn OfferLine(
    offer: Offer,
    act: impl Fn(OfferId, OfferStep) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = offer.summary.id;
    let status = offer.status;
    let title = offer.summary.title.clone();
    view! {
        <tr>
            <td>{offer.summary.title.clone()}</td>
            <td><p class="fr-badge fr-badge--sm">{status.label()}</p></td>
            <td>{format::date(offer.summary.expires_at)}</td>
            <td>
                <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
                    <li><a class="fr-btn fr-btn--sm fr-btn--tertiary" href=format!("/espace-recruteur/offres/{id}")>
                        "Modifier"<span class="fr-sr-only">{format!(" « {title} »")}</span></a></li>
                    {(status != OfferStatus::Published).then(|| view! {
                        <li><button class="fr-btn fr-btn--sm" type="button" on:click=move |_| act(id, OfferStep::Publish)>
                            "Publier"<span class="fr-sr-only">{format!(" « {title} »")}</span></button></li>
                    })}
                    {(status == OfferStatus::Published).then(|| view! {
                        <li><a class="fr-btn fr-btn--sm fr-btn--tertiary" href=format!("/offres/{id}")>"Voir"</a></li>
                        <li><button class="fr-btn fr-btn--sm fr-btn--secondary" type="button" on:click=move |_| act(id, OfferStep::Fill)>"Pourvue"</button></li>
                    })}
                    {(status != OfferStatus::Archived).then(|| view! {
                        <li><button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" on:click=move |_| act(id, OfferStep::Archive)>"Archiver"</button></li>
                    })}
                </ul>
            </td>
        </tr>
    }
}
