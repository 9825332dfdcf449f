//! Applications: submission (validation, idempotency, CV storage, e-mails), the recruiter
//! pipeline and what the candidate sees.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{
    accounts, application_fields, assert_page_says, get, on_each_backend, outbox_to,
    problem_fields, send, send_application, CV_PDF,
};
use serde_json::json;
use server::auth::rate_limit::RateLimits;

const CANDIDATE: &str = "ines.benali@exemple.fr";

/// A published offer of DINUM itself (not of one of its services).
pub async fn dinum_offer(app: &axum::Router) -> i64 {
    let page = get(app, "/api/v1/offers?entity=dinum&limit=100")
        .await
        .json();
    let items = page["items"].as_array().unwrap();
    let offer = items
        .iter()
        .find(|o| o["entity"]["slug"] == "dinum")
        .unwrap();
    offer["id"].as_i64().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_applications_are_refused_with_their_fields_and_store_nothing() {
    on_each_backend(|t| async move {
        let app = t.router();
        let offer = dinum_offer(&app).await;
        let uri = format!("/api/v1/offers/{offer}/applications");
        let mut fields = application_fields();
        fields.retain(|(name, _)| *name != "consent");
        fields.iter_mut().find(|(n, _)| *n == "email").unwrap().1 = "ines.benali".into();
        let text_file = b"Ceci n'est pas un PDF, seulement un nom en .pdf".as_slice();
        let bad =
            send_application(&app, &uri, None, "cle-essai-0001", &fields, Some(text_file)).await;
        assert_eq!(
            problem_fields(&bad.problem(400)),
            ["email", "consent", "cv"]
        );

        let fields = application_fields();
        let missing_cv = send_application(&app, &uri, None, "cle-essai-0002", &fields, None).await;
        assert_eq!(problem_fields(&missing_cv.problem(400)), ["cv"]);
        // A PDF over 5 MB is named as the CV's fault; a body over the route's limit is a 413.
        let mut big = CV_PDF.to_vec();
        big.resize(5 * 1024 * 1024 + 1, b' ');
        let too_big =
            send_application(&app, &uri, None, "cle-essai-0003", &fields, Some(&big)).await;
        assert_eq!(problem_fields(&too_big.problem(400)), ["cv"]);
        big.resize(7 * 1024 * 1024, b' ');
        send_application(&app, &uri, None, "cle-essai-0004", &fields, Some(&big))
            .await
            .problem(413);
        let no_key = send_application(&app, &uri, None, "", &fields, Some(CV_PDF)).await;
        assert_eq!(problem_fields(&no_key.problem(400)), ["Idempotency-Key"]);
        // An unknown or unpublished offer cannot receive applications.
        send_application(
            &app,
            "/api/v1/offers/999999/applications",
            None,
            "cle-essai-0005",
            &fields,
            Some(CV_PDF),
        )
        .await
        .problem(404);

        assert_eq!(t.stored_cvs(), 0, "no CV kept from refused applications");
        assert!(outbox_to(&t.db, CANDIDATE).await.is_empty());
    })
    .await;
}

/// One open application per address and offer: a second one (another key) is refused with
/// the first one's date; withdrawing it tells the recruiters, closes it, and frees the offer.
#[tokio::test(flavor = "multi_thread")]
async fn a_second_application_is_refused_and_a_withdrawal_frees_the_offer() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let offer = dinum_offer(&app).await;
        let uri = format!("/api/v1/offers/{offer}/applications");
        let fields = application_fields();
        let apply = |session: Option<String>, key: &'static str| {
            let (app, uri, fields) = (app.clone(), uri.clone(), fields.clone());
            async move {
                send_application(&app, &uri, session.as_deref(), key, &fields, Some(CV_PDF)).await
            }
        };
        let first = apply(Some(acc.candidate.clone()), "cle-doublon-0001").await;
        assert_eq!(first.status, 201, "{}", first.text());
        let id = first.json()["id"].as_i64().unwrap();
        // The same address again, signed in or not, with another key: refused, nothing kept.
        for session in [Some(acc.candidate.clone()), None] {
            let second = apply(session, "cle-doublon-0002").await.problem(409);
            let detail = second["detail"].as_str().unwrap();
            assert!(detail.contains("déjà postulé"), "{detail}");
        }
        assert_eq!(t.stored_cvs(), 1);
        assert_eq!(
            outbox_to(&t.db, CANDIDATE).await.len(),
            1,
            "one acknowledgement"
        );

        let withdraw = format!("/api/v1/me/applications/{id}/withdraw");
        // Only its author may withdraw it.
        send(&app, "POST", &withdraw, Some(&acc.recruiter_a), None)
            .await
            .problem(403);
        let other = crate::common::signed_up(&app, &t.db, "autre.candidate@exemple.fr").await;
        send(&app, "POST", &withdraw, Some(&other), None)
            .await
            .problem(404);
        let withdrawn = send(&app, "POST", &withdraw, Some(&acc.candidate), None).await;
        assert_eq!(withdrawn.status, 204, "{}", withdrawn.text());
        send(&app, "POST", &withdraw, Some(&acc.candidate), None)
            .await
            .problem(409);
        let mine = send(
            &app,
            "GET",
            "/api/v1/me/applications",
            Some(&acc.candidate),
            None,
        )
        .await
        .json();
        assert_eq!(mine[0]["status"], "withdrawn");
        let told = outbox_to(&t.db, "camille.martin@dinum.gouv.fr").await;
        assert!(
            told.iter()
                .any(|m| m.subject == "Candidature retirée par Inès Benali"),
            "{told:?}"
        );
        // The recruiter sees it closed, and cannot move it.
        let moved = send(
            &app,
            "POST",
            &format!("/api/v1/recruiter/applications/{id}/status"),
            Some(&acc.recruiter_a),
            Some(json!({ "status": "interview" })),
        )
        .await;
        assert_eq!(problem_fields(&moved.problem(400)), ["status"]);
        // Withdrawn, the offer takes a new application from the same address.
        let again = apply(Some(acc.candidate.clone()), "cle-doublon-0003").await;
        assert_eq!(again.status, 201, "{}", again.text());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_candidate_applies_and_the_recruiters_answer() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let offer = dinum_offer(&app).await;
        let uri = format!("/api/v1/offers/{offer}/applications");
        let fields = application_fields();
        let sent = send_application(
            &app,
            &uri,
            Some(&acc.candidate),
            "cle-ines-0001",
            &fields,
            Some(CV_PDF),
        )
        .await;
        assert_eq!(sent.status, 201, "{}", sent.text());
        let id = sent.json()["id"].as_i64().unwrap();
        // The same submission again (double click, retry after a timeout): the same application.
        let again = send_application(
            &app,
            &uri,
            Some(&acc.candidate),
            "cle-ines-0001",
            &fields,
            Some(CV_PDF),
        )
        .await;
        assert_eq!(again.status, 200, "{}", again.text());
        assert_eq!(again.json()["id"], id);
        assert_eq!(t.stored_cvs(), 1);
        assert_eq!(
            outbox_to(&t.db, CANDIDATE).await.len(),
            1,
            "one acknowledgement"
        );
        let notified = outbox_to(&t.db, "camille.martin@dinum.gouv.fr").await;
        assert!(notified[0].subject.contains("Inès Benali"), "{notified:?}");

        // Only entity A's recruiters see it.
        let list = send(
            &app,
            "GET",
            "/api/v1/recruiter/applications",
            Some(&acc.recruiter_a),
            None,
        )
        .await
        .json();
        assert_eq!(list[0]["id"], id);
        assert_eq!(list[0]["status"], "new");
        let b_list = send(
            &app,
            "GET",
            "/api/v1/recruiter/applications",
            Some(&acc.recruiter_b),
            None,
        )
        .await
        .json();
        assert_eq!(b_list, json!([]));
        let path = format!("/api/v1/recruiter/applications/{id}");
        send(&app, "GET", &path, Some(&acc.recruiter_b), None)
            .await
            .problem(404);
        let cv = send(
            &app,
            "GET",
            &format!("{path}/cv"),
            Some(&acc.recruiter_a),
            None,
        )
        .await;
        assert_eq!(
            (cv.status.as_u16(), cv.content_type.as_str()),
            (200, "application/pdf")
        );
        assert_eq!(cv.body, CV_PDF);

        let noted = send(
            &app,
            "POST",
            &format!("{path}/notes"),
            Some(&acc.recruiter_a),
            Some(json!({ "body": "Profil solide, à voir avec l'équipe API." })),
        )
        .await;
        assert_eq!(noted.status, 200, "{}", noted.text());
        let status_path = format!("{path}/status");
        let status = |body| {
            send(
                &app,
                "POST",
                &status_path,
                Some(&acc.recruiter_a),
                Some(body),
            )
        };
        assert_eq!(status(json!({ "status": "interview" })).await.status, 200);
        let backwards = status(json!({ "status": "new" })).await;
        assert_eq!(problem_fields(&backwards.problem(400)), ["status"]);
        let curt = status(json!({ "status": "rejected", "reason": "Non." })).await;
        assert_eq!(problem_fields(&curt.problem(400)), ["reason"]);
        let reason = "Nous avons retenu une candidature plus expérimentée sur PostgreSQL.";
        let rejected = status(json!({ "status": "rejected", "reason": reason })).await;
        assert_eq!(rejected.status, 200, "{}", rejected.text());
        let detail = rejected.json();
        let history: Vec<_> = detail["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["status"].clone())
            .collect();
        assert_eq!(
            history,
            [
                json!("new"),
                json!(null),
                json!("interview"),
                json!("rejected")
            ]
        );
        let mails = outbox_to(&t.db, CANDIDATE).await;
        assert!(mails.iter().any(|m| m.body.contains(reason)), "{mails:?}");

        // The candidate sees the steps and the reason, never the private note.
        let mine = send(
            &app,
            "GET",
            "/api/v1/me/applications",
            Some(&acc.candidate),
            None,
        )
        .await;
        let mine = mine.json();
        assert_eq!(mine[0]["status"], "rejected");
        let steps: Vec<_> = mine[0]["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["status"].clone())
            .collect();
        assert_eq!(steps, [json!("new"), json!("interview"), json!("rejected")]);
        assert_eq!(mine[0]["steps"][2]["reason"], reason);
        assert!(!mine.to_string().contains("Profil solide"));

        let csv = send(
            &app,
            "GET",
            "/api/v1/recruiter/applications.csv",
            Some(&acc.recruiter_a),
            None,
        )
        .await;
        assert!(csv.content_type.starts_with("text/csv"));
        assert!(
            csv.text()
                .contains("Benali;ines.benali@exemple.fr;Non retenue"),
            "{}",
            csv.text()
        );
        let audit = send(&app, "GET", "/api/v1/admin/audit", Some(&acc.admin), None)
            .await
            .json();
        assert_eq!(audit[0]["action"], "application.rejected");

        // A spontaneous application, anonymous this time, lands in the same pipeline.
        let spontaneous = send_application(
            &app,
            "/api/v1/entities/dinum/applications",
            None,
            "cle-ines-0002",
            &fields,
            Some(CV_PDF),
        )
        .await;
        assert_eq!(spontaneous.status, 201, "{}", spontaneous.text());
        let only = send(
            &app,
            "GET",
            "/api/v1/recruiter/applications?offer=spontaneous",
            Some(&acc.recruiter_a),
            None,
        )
        .await
        .json();
        assert_eq!(only.as_array().unwrap().len(), 1);
        assert_eq!(only[0]["offer_id"], json!(null));
        // Reusing a key for another application is a conflict, not a silent replay.
        let reused = send_application(
            &app,
            "/api/v1/entities/dgfip/applications",
            None,
            "cle-ines-0002",
            &fields,
            Some(CV_PDF),
        )
        .await;
        reused.problem(409);
        assert_eq!(t.stored_cvs(), 2);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cross_site_form_post_is_refused() {
    on_each_backend(|t| async move {
        let app = t.router();
        let offer = dinum_offer(&app).await;
        let request = axum::http::Request::builder()
            .method("POST")
            .uri(format!("/api/v1/offers/{offer}/applications"))
            .header("host", "talents.numerique.gouv.fr")
            .header("origin", "https://site-malveillant.example")
            .header("content-type", "multipart/form-data; boundary=x")
            .body(axum::body::Body::from("--x--\r\n"))
            .unwrap();
        crate::common::call(&app, request).await.problem(403);
    })
    .await;
}

/// Without the WASM the form posts as a plain page: refused, the page comes again with what
/// was typed and the API's messages under the fields, and without hydration scripts; sent, a
/// 303 back to the page, which shows the receipt; posted twice, one application.
#[tokio::test(flavor = "multi_thread")]
async fn the_application_form_works_as_a_plain_page() {
    on_each_backend(|t| async move {
        let app = t.router();
        let offer = dinum_offer(&app).await;
        let page = format!("/offres/{offer}/postuler");
        let spontaneous = "/entites/dinum/candidature";
        let mut fields = application_fields();
        fields.retain(|(name, _)| *name != "consent");
        fields.iter_mut().find(|(n, _)| *n == "email").unwrap().1 = "ines.benali".into();
        let api = format!("/api/v1/offers/{offer}/applications");
        let problem = send_application(&app, &api, None, "cle-page-0001", &fields, Some(CV_PDF))
            .await
            .problem(400);

        let refused = send_application(&app, &page, None, "", &fields, Some(CV_PDF)).await;
        assert_eq!(refused.status, 400, "{}", refused.text());
        assert!(refused.content_type.starts_with("text/html"));
        let html = refused.text();
        assert!(html.contains(r#"value="Benali""#), "the typed name is kept");
        assert!(
            html.contains(r#"value="ines.benali""#),
            "the typed address is kept"
        );
        assert_page_says(&html, &problem);
        assert!(
            !html.contains("/pkg/frontend"),
            "a refused form's page is not hydrated"
        );
        assert!(get(&app, &page).await.text().contains("/pkg/frontend"));
        assert_eq!(t.stored_cvs(), 0);

        let fields = application_fields();
        for path in [page.as_str(), spontaneous] {
            let sent = send_application(&app, path, None, "", &fields, Some(CV_PDF)).await;
            assert_eq!(sent.status, 303, "{}", sent.text());
            let location = sent.header("location").to_owned();
            let id = location
                .strip_prefix(&format!("{path}?envoyee="))
                .unwrap_or_else(|| panic!("{location}"));
            let again = send_application(&app, path, None, "", &fields, Some(CV_PDF)).await;
            assert_eq!(
                again.header("location"),
                location,
                "posted twice, one application"
            );
            let receipt = get(&app, &location).await.text();
            assert!(receipt.contains("Votre candidature est envoyée"));
            assert!(receipt.contains(&format!("le numéro {id}")));
        }
        assert_eq!(t.stored_cvs(), 2);
        assert_eq!(
            outbox_to(&t.db, CANDIDATE).await.len(),
            2,
            "one acknowledgement each"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_hundred_concurrent_submissions_of_one_key_make_one_application() {
    on_each_backend(|t| async move {
        let app = t.router_with_limits(RateLimits::new(1_000, 1_000));
        let offer = dinum_offer(&app).await;
        let uri = format!("/api/v1/offers/{offer}/applications");
        let fields = application_fields();
        let tasks: Vec<_> = (0..200)
            .map(|_| {
                let (app, uri, fields) = (app.clone(), uri.clone(), fields.clone());
                tokio::spawn(async move {
                    send_application(
                        &app,
                        &uri,
                        None,
                        "cle-concurrente-0001",
                        &fields,
                        Some(CV_PDF),
                    )
                    .await
                })
            })
            .collect();
        let mut statuses = Vec::new();
        let mut ids = std::collections::BTreeSet::new();
        for task in tasks {
            let response = task.await.unwrap();
            statuses.push(response.status.as_u16());
            ids.insert(response.json()["id"].as_i64().unwrap());
        }
        assert_eq!(
            statuses.iter().filter(|s| **s == 201).count(),
            1,
            "{statuses:?}"
        );
        assert_eq!(
            statuses.iter().filter(|s| **s == 200).count(),
            199,
            "{statuses:?}"
        );
        assert_eq!(ids.len(), 1);
        assert_eq!(t.stored_cvs(), 1, "the losers' CV copies are removed");
        assert_eq!(outbox_to(&t.db, CANDIDATE).await.len(), 1);
    })
    .await;
}

/// The offers of the entity with the most published offers (its own, not its services'),
/// and one offer of another entity.
async fn offers_of_one_entity(app: &axum::Router) -> (Vec<i64>, i64) {
    let page = get(app, "/api/v1/offers?limit=100").await.json();
    let mut by_entity: std::collections::BTreeMap<String, Vec<i64>> = Default::default();
    for offer in page["items"].as_array().unwrap() {
        by_entity
            .entry(offer["entity"]["slug"].as_str().unwrap().to_owned())
            .or_default()
            .push(offer["id"].as_i64().unwrap());
    }
    let (slug, ids) = by_entity.iter().max_by_key(|(_, ids)| ids.len()).unwrap();
    let other = by_entity
        .iter()
        .find(|(s, _)| *s != slug)
        .map(|(_, ids)| ids[0])
        .unwrap();
    (ids.clone(), other)
}

/// Applies to `offer` from client address `ip` as `email`.
async fn apply_from(
    app: &axum::Router,
    ip: &str,
    key: &str,
    offer: i64,
    email: &str,
) -> crate::common::TestResponse {
    let mut fields = application_fields();
    fields.retain(|(k, _)| *k != "email");
    fields.push(("email", email.to_owned()));
    crate::common::send_application_with(
        app,
        &format!("/api/v1/offers/{offer}/applications"),
        &[("x-forwarded-for", ip)],
        key,
        &fields,
        Some(CV_PDF),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn daily_caps_bound_what_one_address_or_one_entity_can_send() {
    on_each_backend(|t| async move {
        let caps = server::auth::daily_caps::DailyCaps {
            applications_per_address: 2,
            applications_per_entity: 5,
            acknowledgements_per_recipient: 1,
            ..Default::default()
        };
        let limits = RateLimits::new(1_000, 1_000)
            .with_api_quota(1_000_000, 1_000_000)
            .with_daily_caps(caps);
        // Behind one proxy of ours: each request says its client's address.
        let app = t.router_with_settings(limits, 1);
        let (offers, elsewhere) = offers_of_one_entity(&app).await;
        assert!(offers.len() >= 6, "{offers:?}");

        // One address: two applications, then a refusal that says the limit and stores nothing.
        // Both to the same e-mail address: it gets one acknowledgement only.
        for (n, offer) in offers[..2].iter().enumerate() {
            let sent = apply_from(
                &app,
                "203.0.113.1",
                &format!("plafond-a-{n}"),
                *offer,
                CANDIDATE,
            )
            .await;
            assert_eq!(sent.status, 201, "{}", sent.text());
        }
        let refused = apply_from(
            &app,
            "203.0.113.1",
            "plafond-a-2",
            offers[2],
            "autre@exemple.fr",
        )
        .await;
        let problem = refused.problem(429);
        let detail = problem["detail"].as_str().unwrap();
        assert!(
            detail.contains("2 candidatures") && detail.contains("50 Mo"),
            "{detail}"
        );
        assert!(refused.header("retry-after").parse::<u64>().unwrap() <= 86_400);
        assert_eq!(t.stored_cvs(), 2);
        let receipts = outbox_to(&t.db, CANDIDATE).await;
        assert_eq!(
            receipts.len(),
            1,
            "one acknowledgement a day to one address"
        );

        for (ip, key, offer, email, status) in [
            ("203.0.113.2", "plafond-b-0", offers[2], "b@exemple.fr", 201),
            // A replay takes nothing: this address still has a second to send.
            ("203.0.113.2", "plafond-b-0", offers[2], "b@exemple.fr", 200),
            ("203.0.113.2", "plafond-b-1", offers[3], "b@exemple.fr", 201),
            // The entity's fifth of the day.
            ("203.0.113.3", "plafond-c-0", offers[4], "c@exemple.fr", 201),
        ] {
            let sent = apply_from(&app, ip, key, offer, email).await;
            assert_eq!(sent.status, status, "{key}: {}", sent.text());
        }

        // Then a refusal naming the entity's limit; the refused address may still apply
        // elsewhere.
        let full = apply_from(
            &app,
            "203.0.113.4",
            "plafond-d-0",
            offers[5],
            "d@exemple.fr",
        )
        .await;
        let detail = full.problem(429)["detail"].as_str().unwrap().to_owned();
        assert!(
            detail.contains("entité") && detail.contains("5 candidatures"),
            "{detail}"
        );
        let other = apply_from(
            &app,
            "203.0.113.4",
            "plafond-d-1",
            elsewhere,
            "d@exemple.fr",
        )
        .await;
        assert_eq!(other.status, 201);
        assert_eq!(t.stored_cvs(), 6);
    })
    .await;
}
