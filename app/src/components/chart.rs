//! Bar charts drawn in SVG (no chart library in the bundle). Each chart is a `<figure>`
//! whose SVG is hidden from assistive technologies, followed by the same figures as a
//! table: the text alternative RGAA asks for (criterion 1.8), readable by everyone.

use leptos::prelude::*;
use shared::stats::Point;
use shared::vismonjob::LabelCount;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 200.0;
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 24.0;

/// "3 nov." for axis labels and table rows.
fn short_day(day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ];
    format!(
        "{} {}",
        day.day(),
        MONTHS
            .get(day.month0() as usize)
            .copied()
            .unwrap_or_default()
    )
}

/// A "nice" top of the scale: 1, 2 or 5 times a power of ten, at least `max`.
fn scale_top(max: i64) -> i64 {
    let mut step = 1;
    loop {
        for factor in [1, 2, 5] {
            if step * factor >= max.max(1) {
                return step * factor;
            }
        }
        step *= 10;
    }
}

/// A bar per point, with the axis labelled every `label_every` bars.
#[component]
pub fn BarChart(
    /// Visible title of the figure.
    title: String,
    /// What a bar counts, for the table header ("Vues", "Inscriptions").
    unit: &'static str,
    points: Vec<Point>,
    #[prop(default = 7)] label_every: usize,
) -> impl IntoView {
    let top = scale_top(points.iter().map(|p| p.count).max().unwrap_or(0));
    let n = points.len().max(1) as f64;
    let slot = (WIDTH - LEFT) / n;
    let plot = HEIGHT - BOTTOM;
    let total: i64 = points.iter().map(|p| p.count).sum();
    let bars = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let h = plot * p.count as f64 / top as f64;
            let x = LEFT + slot * i as f64;
            let label = (i % label_every.max(1) == 0).then(|| {
                view! {
                    <text x=format!("{:.1}", x + slot / 2.0) y=format!("{}", HEIGHT - 6.0) text-anchor="middle" class="talents-chart__label">
                        {short_day(p.day)}
                    </text>
                }
            });
            view! {
                <rect class="talents-chart__bar" x=format!("{:.1}", x + slot * 0.15) y=format!("{:.1}", plot - h)
                    width=format!("{:.1}", slot * 0.7) height=format!("{:.1}", h) />
                {label}
            }
        })
        .collect_view();
    let rows = points
        .iter()
        .map(|p| view! { <tr><td>{short_day(p.day)}</td><td>{crate::format::thousands(p.count)}</td></tr> })
        .collect_view();
    view! {
        <figure class="talents-chart fr-mb-4w">
            <figcaption class="fr-h6 fr-mb-1w">{title.clone()}" — "{format!("{} au total", crate::format::thousands(total))}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") aria-hidden="true" focusable="false" class="talents-chart__svg">
                <line class="talents-chart__axis" x1=LEFT y1=plot x2=WIDTH y2=plot />
                <text x=LEFT - 6.0 y="12" text-anchor="end" class="talents-chart__label">{crate::format::thousands(top)}</text>
                <text x=LEFT - 6.0 y=plot text-anchor="end" class="talents-chart__label">"0"</text>
                {bars}
            </svg>
            <details class="fr-mt-1w">
                <summary>"Voir les données du graphique"</summary>
                <div class="fr-table fr-table--sm fr-mb-0"><table tabindex="0">
                    <caption class="fr-sr-only">{title}</caption>
                    <thead><tr><th scope="col">"Période"</th><th scope="col">{unit}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table></div>
            </details>
        </figure>
    }
}

/// One horizontal bar per category, longest first as given, with the same data as a table.
#[component]
pub fn CategoryBars(
    title: String,
    /// What a bar counts, for the table header ("Duos", "Avis").
    unit: &'static str,
    counts: Vec<LabelCount>,
) -> impl IntoView {
    const ROW: f64 = 22.0;
    const LABELS: f64 = 220.0;
    let top = scale_top(counts.iter().map(|c| c.count).max().unwrap_or(0));
    let height = ROW * counts.len().max(1) as f64;
    let bars = counts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let y = ROW * i as f64;
            let w = (WIDTH - LABELS - 40.0) * c.count as f64 / top as f64;
            view! {
                <text x=LABELS - 6.0 y=format!("{:.1}", y + ROW * 0.7) text-anchor="end" class="talents-chart__label">{c.label.clone()}</text>
                <rect class="talents-chart__bar" x=LABELS y=format!("{:.1}", y + ROW * 0.15) width=format!("{w:.1}") height=format!("{:.1}", ROW * 0.7) />
                <text x=format!("{:.1}", LABELS + w + 4.0) y=format!("{:.1}", y + ROW * 0.7) class="talents-chart__label">{c.count}</text>
            }
        })
        .collect_view();
    let rows = counts
        .iter()
        .map(|c| view! { <tr><td>{c.label.clone()}</td><td>{crate::format::thousands(c.count)}</td></tr> })
        .collect_view();
    view! {
        <figure class="talents-chart fr-mb-4w">
            <figcaption class="fr-h6 fr-mb-1w">{title.clone()}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {height}") aria-hidden="true" focusable="false" class="talents-chart__svg">{bars}</svg>
            <details class="fr-mt-1w">
                <summary>"Voir les données du graphique"</summary>
                <div class="fr-table fr-table--sm fr-mb-0"><table tabindex="0">
                    <caption class="fr-sr-only">{title}</caption>
                    <thead><tr><th scope="col">"Catégorie"</th><th scope="col">{unit}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table></div>
            </details>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_tops_are_round() {
        assert_eq!(scale_top(0), 1);
        assert_eq!(scale_top(3), 5);
        assert_eq!(scale_top(7), 10);
        assert_eq!(scale_top(11), 20);
        assert_eq!(scale_top(480), 500);
    }

    #[test]
    fn days_are_short_and_french() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 2, 3).unwrap_or_default();
        assert_eq!(short_day(day), "3 févr.");
    }
}
