//! Job alerts: the searches they hold, the daily digest and the Atom feed.

use atom_syndication::{Entry, Feed, Link, Person, Text};
use chrono::{NaiveDateTime, TimeZone, Utc};
use shared::offer::OfferSummary;
use shared::search::{OfferSearch, Sort};
use shared::FieldError;

use crate::db::alerts::{self, AlertRow};
use crate::db::{offers, Db};
use crate::mail;

/// How many offers a digest or a feed lists at most.
const LISTED: u32 = 50;

/// Validates a query string with the rules of `GET /api/v1/offers` and returns it
/// normalised (paging and sort dropped: an alert lists the newest offers).
pub fn normalise(raw: &str) -> Result<String, Vec<FieldError>> {
    let search = OfferSearch::from_query(raw.trim_start_matches('?'))?;
    Ok(OfferSearch {
        sort: None,
        limit: None,
        cursor: None,
        page: None,
        ..search
    }
    .to_query_string())
}

/// The newest published offers of an alert's search.
pub async fn newest(db: &Db, query: &str) -> anyhow::Result<Vec<OfferSummary>> {
    let search = OfferSearch::from_query(query)
        .map_err(|errors| anyhow::anyhow!("alert query {query:?} is invalid: {errors:?}"))?;
    let search = OfferSearch {
        sort: Some(Sort::Recent),
        limit: Some(LISTED),
        cursor: None,
        page: None,
        ..search
    };
    Ok(offers::search_offers(db, &search).await?.items)
}

/// Checks every alert not checked for a day: new offers since its last check are mailed
/// (one digest per alert), and the window moves on. Returns the number of digests queued.
pub async fn send_digests(db: &Db, public_url: &str, now: NaiveDateTime) -> anyhow::Result<usize> {
    let mut sent = 0;
    for (alert, email) in alerts::due(db, now - chrono::Duration::days(1)).await? {
        let fresh: Vec<OfferSummary> = newest(db, &alert.query)
            .await?
            .into_iter()
            .filter(|o| o.published_at > alert.checked_at && o.published_at <= now)
            .collect();
        let digest = (!fresh.is_empty())
            .then(|| mail::alert_digest(public_url, &email, &alert.name, &alert.query, &fresh));
        let queued = digest.is_some();
        if alerts::claim(db, &alert, now, digest).await? && queued {
            sent += 1;
        }
    }
    Ok(sent)
}

fn utc(at: NaiveDateTime) -> chrono::DateTime<chrono::FixedOffset> {
    Utc.from_utc_datetime(&at).fixed_offset()
}

/// An Atom feed of offers, newest first, named by its (id, title, alternate page); `updated`
/// is the newest offer's publication, or `empty_since` when there is none.
pub fn atom_feed(
    public_url: &str,
    (id, title, alternate): (String, String, String),
    offers: &[OfferSummary],
    empty_since: NaiveDateTime,
) -> String {
    let entries: Vec<Entry> = offers
        .iter()
        .map(|o| {
            let url = format!("{public_url}/offres/{}", o.id);
            Entry {
                id: url.clone(),
                title: Text::plain(o.title.clone()),
                updated: utc(o.published_at),
                published: Some(utc(o.published_at)),
                authors: vec![Person {
                    name: o.entity.name.clone(),
                    ..Default::default()
                }],
                links: vec![Link {
                    href: url,
                    rel: "alternate".to_owned(),
                    ..Default::default()
                }],
                summary: Some(Text::plain(format!(
                    "{} — {}, {} ({})",
                    o.entity.name,
                    o.contract_type.label(),
                    o.location.city,
                    o.location.departement_code
                ))),
                ..Default::default()
            }
        })
        .collect();
    let updated = offers
        .iter()
        .map(|o| o.published_at)
        .max()
        .unwrap_or(empty_since);
    let feed = Feed {
        id,
        title: Text::plain(title),
        updated: utc(updated),
        links: vec![Link {
            href: alternate,
            rel: "alternate".to_owned(),
            ..Default::default()
        }],
        entries,
        ..Default::default()
    };
    feed.to_string()
}

/// The alert's Atom feed (at `feed_url`): its search's newest offers.
pub fn atom(public_url: &str, feed_url: &str, alert: &AlertRow, offers: &[OfferSummary]) -> String {
    let names = (
        feed_url.to_owned(),
        format!(
            "Alerte « {} » — offres d'emploi numérique de l'État",
            alert.name
        ),
        format!("{public_url}/offres?{}", alert.query),
    );
    atom_feed(public_url, names, offers, alert.created_at)
}
