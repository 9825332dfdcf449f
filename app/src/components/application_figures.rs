//! Applications as figures: total, median time to a first answer, counts per status and a
//! weekly chart. Shown to recruiters (entity, offer) and admins (platform).

use leptos::prelude::*;
use shared::stats::ApplicationFigures;

use crate::components::chart::BarChart;
use crate::format;

/// "3 h", "2 j" (days from 48 hours on).
fn wait(hours: i64) -> String {
    if hours < 48 {
        format!("{hours} h")
    } else {
        format!("{} j", hours / 24)
    }
}

#[component]
pub fn ApplicationFiguresView(
    figures: ApplicationFigures,
    /// "de l'entité", "de l'offre", "sur la plateforme".
    scope: &'static str,
) -> impl IntoView {
    let median = figures
        .median_hours_to_first_answer
        .map_or_else(|| "Aucune réponse encore".to_owned(), wait);
    view! {
        <ul class="fr-grid-row fr-grid-row--gutters talents-figures">
            <li class="fr-col-6 fr-col-md-3">
                <p class="talents-figure"><strong>{format::thousands(figures.total)}</strong>"candidatures reçues"</p>
            </li>
            <li class="fr-col-6 fr-col-md-3">
                <p class="talents-figure"><strong>{median}</strong>"délai médian de première réponse"</p>
            </li>
        </ul>
        <div class="fr-table"><table tabindex="0">
            <caption>{format!("Candidatures {scope} par statut")}</caption>
            <thead><tr><th scope="col">"Statut"</th><th scope="col">"Candidatures"</th></tr></thead>
            <tbody>
                {figures.by_status.into_iter().map(|s| view! {
                    <tr><td>{s.status.label()}</td><td>{format::thousands(s.count)}</td></tr>
                }).collect_view()}
            </tbody>
        </table></div>
        <BarChart title=format!("Candidatures {scope} par semaine, 12 dernières semaines") unit="Candidatures" points=figures.weekly label_every=2 />
    }
}
