//! Numbered pages, as the DSFR draws them: first, previous, the pages around the current one
//! (and the first and last), next, last. Plain links: they work before the WASM has loaded.

use leptos::prelude::*;

/// The page numbers to show around `current` of `last`; `None` is a gap (« … »).
pub fn shown_pages(current: u32, last: u32) -> Vec<Option<u32>> {
    let wanted = |page: u32| page == 1 || page == last || page.abs_diff(current) <= 1;
    let mut shown = Vec::new();
    let mut previous = 0;
    for page in (1..=last).filter(|p| wanted(*p)) {
        match page - previous {
            1 => {}
            // One page hidden by « … » would hide nothing: show it.
            2 => shown.push(Some(page - 1)),
            _ => shown.push(None),
        }
        shown.push(Some(page));
        previous = page;
    }
    shown
}

/// Pages `1..=last` of a list, `current` among them; `href` gives a page's address.
#[component]
pub fn Pagination(
    current: u32,
    last: u32,
    href: impl Fn(u32) -> String + 'static,
    /// What the navigation landmark is called (« Pagination des résultats »).
    label: &'static str,
) -> impl IntoView {
    let link = |page: u32, class: &'static str, text: &'static str| {
        view! {
            <li><a class=format!("fr-pagination__link {class}") href=href(page)>{text}</a></li>
        }
    };
    let before = (current > 1).then(|| {
        view! {
            {link(1, "fr-pagination__link--first", "Première page")}
            {link(current - 1, "fr-pagination__link--prev fr-pagination__link--lg-label", "Page précédente")}
        }
    });
    let after = (current < last).then(|| {
        view! {
            {link(current + 1, "fr-pagination__link--next fr-pagination__link--lg-label", "Page suivante")}
            {link(last, "fr-pagination__link--last", "Dernière page")}
        }
    });
    let numbers = shown_pages(current, last)
        .into_iter()
        .map(|page| match page {
            Some(page) if page == current => view! {
                <li><a class="fr-pagination__link" aria-current="page" href=href(page)
                    title=format!("Page {page}")>{page}</a></li>
            }
            .into_any(),
            Some(page) => view! {
                <li><a class="fr-pagination__link" href=href(page) title=format!("Page {page}")>{page}</a></li>
            }
            .into_any(),
            None => view! { <li><span class="fr-pagination__link" aria-hidden="true">"…"</span></li> }
                .into_any(),
        })
        .collect_view();
    (last > 1).then(|| {
        view! {
            <nav role="navigation" class="fr-pagination fr-mt-4w" aria-label=label>
                <ul class="fr-pagination__list">{before}{numbers}{after}</ul>
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::shown_pages;

    #[test]
    fn the_first_the_last_and_the_neighbours_are_shown_with_gaps_between() {
        assert_eq!(shown_pages(1, 1), [Some(1)]);
        assert_eq!(shown_pages(1, 3), [Some(1), Some(2), Some(3)]);
        assert_eq!(
            shown_pages(6, 40),
            [Some(1), None, Some(5), Some(6), Some(7), None, Some(40)]
        );
        assert_eq!(shown_pages(3, 4), [Some(1), Some(2), Some(3), Some(4)]);
        // « 1 … 3 » would hide one page: it is shown instead.
        assert_eq!(
            shown_pages(4, 9),
            [Some(1), Some(2), Some(3), Some(4), Some(5), None, Some(9)]
        );
        assert_eq!(shown_pages(40, 40), [Some(1), None, Some(39), Some(40)]);
    }
}
