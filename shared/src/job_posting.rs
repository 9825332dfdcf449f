//! The schema.org `JobPosting` of an offer, embedded in its page as JSON-LD so that search
//! engines and job aggregators read it (Google's required and recommended properties).

use chrono::{NaiveDateTime, TimeZone, Utc};
use serde_json::{json, Value};

use crate::markdown::to_safe_html;
use crate::offer::{ContractType, Offer, Remote};

/// schema.org `employmentType` values for a contract.
pub fn employment_types(contract: ContractType) -> &'static [&'static str] {
    match contract {
        ContractType::TitulaireOuContractuel => &["FULL_TIME"],
        // Fixed-term contracts (3 years, renewable), the EIG programme (10 months).
        ContractType::Contractuel | ContractType::Eig => &["FULL_TIME", "TEMPORARY"],
        ContractType::Stage => &["INTERN"],
        ContractType::Alternance | ContractType::Apprentissage => &["INTERN", "PART_TIME"],
    }
}

/// ISO 8601 with the UTC offset (the stored times are UTC).
fn iso(at: NaiveDateTime) -> String {
    Utc.from_utc_datetime(&at).to_rfc3339()
}

/// The offer as a `JobPosting` document.
pub fn job_posting(offer: &Offer) -> Value {
    let s = &offer.summary;
    let sections = [
        ("Votre mission", &offer.mission),
        ("Votre profil", &offer.profile),
        ("L'équipe", &offer.team),
        ("Les avantages", &offer.perks),
        ("Le processus de recrutement", &offer.process),
    ];
    let description: String = sections
        .iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(title, text)| format!("<h2>{title}</h2>{}", to_safe_html(text)))
        .collect();
    let mut posting = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": s.title,
        "description": description,
        "identifier": {
            "@type": "PropertyValue",
            "name": "Talents du numérique de l'État",
            "value": s.id.to_string(),
        },
        "datePosted": iso(s.published_at),
        "validThrough": iso(s.expires_at),
        "dateModified": iso(s.updated_at),
        "employmentType": employment_types(s.contract_type),
        "hiringOrganization": {
            "@type": "Organization",
            "name": s.entity.name,
            "alternateName": s.entity.acronym,
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": s.location.city,
                "addressRegion": s.location.departement_name,
                "addressCountry": "FR",
            },
        },
        "occupationalCategory": s.metier.name,
        "directApply": true,
    });
    if s.remote == Remote::Full {
        posting["jobLocationType"] = json!("TELECOMMUTE");
        posting["applicantLocationRequirements"] = json!({ "@type": "Country", "name": "France" });
    }
    if let Some(salary) = s.salary {
        posting["baseSalary"] = json!({
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": salary.min,
                "maxValue": salary.max,
                "unitText": "YEAR",
            },
        });
    }
    posting
}

/// The offer's `JobPosting` as the text of its page's `<script type="application/ld+json">`:
/// `<`, `>` and `&` written as JSON escapes (`\u003c`…), so no text of the offer (a title
/// holding `</script>` or `<!--`) can end the script or change how the browser parses it.
pub fn json_ld(offer: &Offer) -> String {
    script_text(&job_posting(offer))
}

/// `value` as JSON safe inside an HTML `<script>` element (same value once parsed).
pub fn script_text(value: &Value) -> String {
    let json = value.to_string();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// The properties a `JobPosting` must have (Google's required list, schema.org types);
/// the names of those missing or of the wrong shape.
pub fn missing_required(posting: &Value) -> Vec<&'static str> {
    let text = |v: &Value| v.as_str().is_some_and(|s| !s.trim().is_empty());
    let mut missing = Vec::new();
    if posting["@type"] != "JobPosting" {
        missing.push("@type");
    }
    for key in ["title", "description", "datePosted"] {
        if !text(&posting[key]) {
            missing.push(key);
        }
    }
    if !text(&posting["hiringOrganization"]["name"]) {
        missing.push("hiringOrganization.name");
    }
    let located = text(&posting["jobLocation"]["address"]["addressCountry"]);
    let remote = posting["jobLocationType"] == "TELECOMMUTE"
        && text(&posting["applicantLocationRequirements"]["name"]);
    if !located && !remote {
        missing.push("jobLocation");
    }
    if chrono::DateTime::parse_from_rfc3339(posting["datePosted"].as_str().unwrap_or_default())
        .is_err()
    {
        missing.push("datePosted (ISO 8601)");
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_properties_are_named_and_telecommute_needs_a_country() {
        let bare = json!({ "@type": "JobPosting", "title": "Data engineer" });
        assert_eq!(
            missing_required(&bare),
            [
                "description",
                "datePosted",
                "hiringOrganization.name",
                "jobLocation",
                "datePosted (ISO 8601)"
            ]
        );
        let mut remote = json!({
            "@type": "JobPosting", "title": "Data engineer", "description": "<p>Les pipelines de l'Insee.</p>",
            "datePosted": "2026-11-24T09:00:00+00:00", "hiringOrganization": { "name": "Insee" },
            "jobLocationType": "TELECOMMUTE",
        });
        assert_eq!(missing_required(&remote), ["jobLocation"]);
        remote["applicantLocationRequirements"] = json!({ "@type": "Country", "name": "France" });
        assert!(missing_required(&remote).is_empty());
    }

    #[test]
    fn script_text_holds_no_markup_and_parses_back() {
        let value = json!({ "title": "Dev <!-- </script><script>alert(1)</script> & co" });
        let text = script_text(&value);
        assert!(!text.contains(['<', '>', '&']), "{text}");
        assert_eq!(serde_json::from_str::<Value>(&text).ok(), Some(value));
    }

    #[test]
    fn every_contract_has_an_employment_type() {
        for contract in ContractType::all() {
            assert!(!employment_types(contract).is_empty(), "{contract:?}");
        }
    }
}
