//! The recruiter and admin spaces beyond offers: access requests, the entity tree, team
//! revocation, password change, account disabling and the audience figures.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{accounts, get, on_each_backend, outbox_to, problem_fields, send, PASSWORD};
use serde_json::{json, Value};

fn request(email: &str, entity: &str) -> Value {
    json!({
        "email": email, "full_name": "Malik Haddad", "job_title": "Responsable du recrutement numérique",
        "entity_slug": entity, "message": "Je recrute les développeurs de la direction."
    })
}

/// Asks for recruiter access as an anonymous agent of `entity`.
async fn ask_access(app: &axum::Router, email: &str, entity: &str) -> crate::common::TestResponse {
    let body = Some(request(email, entity));
    send(app, "POST", "/api/v1/auth/access-requests", None, body).await
}

#[tokio::test(flavor = "multi_thread")]
async fn access_requests_are_acknowledged_then_approved_or_declined() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let email = "malik.haddad@dgfip.finances.gouv.fr";
        let asked = ask_access(&app, email, "dgfip").await;
        assert_eq!(asked.status, 202, "{}", asked.text());
        assert_eq!(
            outbox_to(&t.db, email).await.len(),
            1,
            "acknowledgement queued"
        );

        let again = ask_access(&app, email, "dgfip").await;
        again.problem(409);
        let bad = send(
            &app,
            "POST",
            "/api/v1/auth/access-requests",
            None,
            Some(json!({
                "email": "pas-une-adresse", "full_name": " ", "job_title": "Cheffe de projet",
                "entity_slug": "entite-inconnue", "message": ""
            })),
        )
        .await;
        assert_eq!(
            problem_fields(&bad.problem(400)),
            ["email", "full_name", "entity_slug"]
        );

        let list = send(
            &app,
            "GET",
            "/api/v1/admin/access-requests",
            Some(&acc.admin),
            None,
        )
        .await
        .json();
        let pending = &list[0];
        assert_eq!(
            (pending["email"].as_str(), pending["status"].as_str()),
            (Some(email), Some("pending"))
        );
        assert_eq!(
            pending["entity_name"],
            "Direction générale des Finances publiques"
        );
        let id = pending["id"].as_i64().unwrap();

        let approved = send(
            &app,
            "POST",
            &format!("/api/v1/admin/access-requests/{id}/approve"),
            Some(&acc.admin),
            None,
        )
        .await;
        assert_eq!(approved.status, 200, "{}", approved.text());
        assert_eq!(approved.json()["entity_slug"], "dgfip");
        let mails = outbox_to(&t.db, email).await;
        assert!(mails[0].subject.contains("Invitation"), "{:?}", mails[0]);
        send(
            &app,
            "POST",
            &format!("/api/v1/admin/access-requests/{id}/approve"),
            Some(&acc.admin),
            None,
        )
        .await
        .problem(409);
        send(
            &app,
            "POST",
            &format!("/api/v1/admin/access-requests/{id}/decline"),
            Some(&acc.admin),
            Some(json!({ "reason": "Demande déjà acceptée entre-temps." })),
        )
        .await
        .problem(409);

        // Declined: the reason reaches the requester; a short reason is refused first.
        let other = "zoe.lambert@interieur.gouv.fr";
        assert_eq!(ask_access(&app, other, "dnum-interieur").await.status, 202);
        let list = send(
            &app,
            "GET",
            "/api/v1/admin/access-requests",
            Some(&acc.admin),
            None,
        )
        .await
        .json();
        let id = list[0]["id"].as_i64().unwrap();
        let short = send(
            &app,
            "POST",
            &format!("/api/v1/admin/access-requests/{id}/decline"),
            Some(&acc.admin),
            Some(json!({ "reason": "Non." })),
        )
        .await;
        assert_eq!(problem_fields(&short.problem(400)), ["reason"]);
        let reason = "Merci de passer par la référente recrutement de la DNUM.";
        let declined = send(
            &app,
            "POST",
            &format!("/api/v1/admin/access-requests/{id}/decline"),
            Some(&acc.admin),
            Some(json!({ "reason": reason })),
        )
        .await;
        assert_eq!(declined.status, 204, "{}", declined.text());
        assert!(outbox_to(&t.db, other).await[0].body.contains(reason));
        let audit = send(&app, "GET", "/api/v1/admin/audit", Some(&acc.admin), None)
            .await
            .json();
        assert_eq!(audit[0]["action"], "access_request.decline");
        // A new request from the declined address is accepted again.
        assert_eq!(ask_access(&app, other, "dnum-interieur").await.status, 202);
    })
    .await;
}

fn entity(slug: &str, kind: &str, parent: Option<&str>) -> Value {
    json!({
        "slug": slug, "name": "Laboratoire d'innovation numérique", "acronym": "LabIN", "kind": kind,
        "parent_slug": parent, "departement_code": "69", "city": "Lyon", "website": "https://labin.example.gouv.fr"
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn admins_keep_the_entity_tree_consistent() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let post = |body: Value| {
            let app = app.clone();
            let admin = acc.admin.clone();
            async move { send(&app, "POST", "/api/v1/admin/entities", Some(&admin), Some(body)).await }
        };
        let fields = |r: crate::common::TestResponse| problem_fields(&r.problem(400));
        assert_eq!(fields(post(entity("labin", "direction", Some("beta-gouv"))).await), ["parent_slug"]);
        assert_eq!(fields(post(entity("labin", "ministere", Some("dinum"))).await), ["parent_slug"]);
        assert_eq!(fields(post(entity("labin", "service", Some("inconnue"))).await), ["parent_slug"]);
        assert_eq!(fields(post(entity("dinum", "service", Some("dinum"))).await), ["slug"]);
        // An unknown département is a field error, not the database's foreign key (a 500).
        let mut unknown = entity("labin", "service", Some("dinum"));
        unknown["departement_code"] = json!("99");
        assert_eq!(fields(post(unknown).await), ["departement_code"]);
        let mut moved_away = entity("dinum", "direction", Some("premier-ministre"));
        moved_away["departement_code"] = json!("99");
        assert_eq!(fields(send(&app, "PUT", "/api/v1/admin/entities/dinum", Some(&acc.admin), Some(moved_away)).await), ["departement_code"]);
        assert_eq!(fields(post(json!({ "slug": "Pas Bon", "name": "x", "kind": "service", "parent_slug": "dinum", "website": "http://x" })).await), ["slug", "name", "website"]);

        let created = post(entity("labin", "service", Some("dinum"))).await;
        assert_eq!(created.status, 201, "{}", created.text());
        let tree = get(&app, "/api/v1/entities").await.json();
        let labin = tree.as_array().unwrap().iter().find(|e| e["slug"] == "labin").unwrap();
        assert_eq!(labin["parent_slug"], "dinum");
        assert_eq!(get(&app, "/api/v1/entities/labin").await.json()["ancestors"][1]["slug"], "dinum");

        // Re-attached under another ministry's directorate, then renamed.
        let moved = send(&app, "PUT", "/api/v1/admin/entities/labin", Some(&acc.admin), Some(entity("labin-interieur", "service", Some("dnum-interieur")))).await;
        assert_eq!(moved.status, 200, "{}", moved.text());
        assert_eq!(moved.json()["parent_slug"], "dnum-interieur");
        get(&app, "/api/v1/entities/labin").await.problem(404);
        // A directorate with services below cannot become a service.
        let demoted = send(&app, "PUT", "/api/v1/admin/entities/dinum", Some(&acc.admin), Some(entity("dinum", "service", Some("premier-ministre")))).await;
        assert_eq!(problem_fields(&demoted.problem(400)), ["kind"]);

        // Deletion: refused while offers, accounts or sub-entities depend on the entity.
        send(&app, "DELETE", "/api/v1/admin/entities/dinum", Some(&acc.admin), None).await.problem(409);
        send(&app, "DELETE", "/api/v1/admin/entities/ministere-interieur", Some(&acc.admin), None).await.problem(409);
        let deleted = send(&app, "DELETE", "/api/v1/admin/entities/labin-interieur", Some(&acc.admin), None).await;
        assert_eq!(deleted.status, 204, "{}", deleted.text());
        get(&app, "/api/v1/entities/labin-interieur").await.problem(404);
        let audit = send(&app, "GET", "/api/v1/admin/audit", Some(&acc.admin), None).await.json();
        let actions: Vec<&str> = audit.as_array().unwrap().iter().take(3).map(|e| e["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["entity.delete", "entity.update", "entity.create"]);
    })
    .await;
}

async fn login(app: &axum::Router, email: &str, password: &str) -> crate::common::TestResponse {
    send(
        app,
        "POST",
        "/api/v1/auth/login",
        None,
        Some(json!({ "email": email, "password": password })),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn revoked_and_disabled_recruiters_lose_access_at_once() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        // A colleague of recruiter A accepts an invitation and signs in.
        let email = "nadia.roux@dinum.gouv.fr";
        let invited = send(
            &app,
            "POST",
            "/api/v1/recruiter/team",
            Some(&acc.recruiter_a),
            Some(json!({ "email": email })),
        )
        .await;
        let id = invited.json()["id"].as_i64().unwrap();
        let token = crate::common::last_link(&t.db, email).await;
        let accepted = send(
            &app,
            "POST",
            "/api/v1/auth/password-reset/confirm",
            None,
            Some(json!({ "token": token, "password": PASSWORD })),
        )
        .await;
        let nadia = accepted.session();
        assert_eq!(
            send(&app, "GET", "/api/v1/recruiter/offers", Some(&nadia), None)
                .await
                .status,
            200
        );

        // Nobody revokes themselves; the admins see and disable the account; it may come back.
        let me = send(&app, "GET", "/api/v1/me", Some(&nadia), None)
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        send(
            &app,
            "DELETE",
            &format!("/api/v1/recruiter/team/{me}"),
            Some(&nadia),
            None,
        )
        .await
        .problem(404);
        let all = send(
            &app,
            "GET",
            "/api/v1/admin/recruiters",
            Some(&acc.admin),
            None,
        )
        .await
        .json();
        let row = all
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["email"] == email)
            .unwrap();
        assert_eq!(
            (
                row["entity_slug"].as_str(),
                row["active"].as_bool(),
                row["disabled"].as_bool()
            ),
            (Some("dinum"), Some(true), Some(false))
        );
        assert_eq!(
            send(
                &app,
                "POST",
                &format!("/api/v1/admin/recruiters/{id}/disable"),
                Some(&acc.admin),
                None
            )
            .await
            .status,
            204
        );
        send(&app, "GET", "/api/v1/recruiter/offers", Some(&nadia), None)
            .await
            .problem(401);
        login(&app, email, PASSWORD).await.problem(401);
        assert_eq!(
            send(
                &app,
                "POST",
                &format!("/api/v1/admin/recruiters/{id}/enable"),
                Some(&acc.admin),
                None
            )
            .await
            .status,
            204
        );
        let again = login(&app, email, PASSWORD).await;
        assert_eq!(again.status, 200);

        // Revoked by a colleague: the session dies and the team list forgets her.
        assert_eq!(
            send(
                &app,
                "DELETE",
                &format!("/api/v1/recruiter/team/{id}"),
                Some(&acc.recruiter_a),
                None
            )
            .await
            .status,
            204
        );
        send(&app, "GET", "/api/v1/me", Some(&again.session()), None)
            .await
            .problem(401);
        let team = send(
            &app,
            "GET",
            "/api/v1/recruiter/team",
            Some(&acc.recruiter_a),
            None,
        )
        .await
        .json();
        assert!(team.as_array().unwrap().iter().all(|m| m["email"] != email));
        send(
            &app,
            "DELETE",
            &format!("/api/v1/recruiter/team/{id}"),
            Some(&acc.recruiter_a),
            None,
        )
        .await
        .problem(404);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn changing_the_password_closes_the_other_sessions() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let email = "lea.petit@etudiant.univ-rennes.fr";
        let laptop = acc.candidate.clone();
        let phone = login(&app, email, PASSWORD).await.session();
        let new = "une nouvelle phrase de passe";
        let wrong = send(
            &app,
            "POST",
            "/api/v1/me/password",
            Some(&laptop),
            Some(json!({ "current_password": "pas la bonne", "new_password": "court" })),
        )
        .await;
        assert_eq!(
            problem_fields(&wrong.problem(400)),
            ["current_password", "new_password"]
        );
        let changed = send(
            &app,
            "POST",
            "/api/v1/me/password",
            Some(&laptop),
            Some(json!({ "current_password": PASSWORD, "new_password": new })),
        )
        .await;
        assert_eq!(changed.status, 204, "{}", changed.text());
        assert_eq!(
            send(&app, "GET", "/api/v1/me", Some(&laptop), None)
                .await
                .status,
            200
        );
        send(&app, "GET", "/api/v1/me", Some(&phone), None)
            .await
            .problem(401);
        login(&app, email, PASSWORD).await.problem(401);
        assert_eq!(login(&app, email, new).await.status, 200);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn offer_views_feed_the_recruiter_and_admin_figures() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let page = get(&app, "/api/v1/offers?entity=dinum&limit=100")
            .await
            .json();
        let offer = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["entity"]["slug"] == "dinum")
            .unwrap();
        let id = offer["id"].as_i64().unwrap();
        for _ in 0..3 {
            assert_eq!(get(&app, &format!("/api/v1/offers/{id}")).await.status, 200);
        }
        let figures = send(
            &app,
            "GET",
            &format!("/api/v1/recruiter/offers/{id}/stats"),
            Some(&acc.recruiter_a),
            None,
        )
        .await
        .json();
        assert_eq!(figures["offer"]["views"], 3);
        let daily = figures["daily_views"].as_array().unwrap();
        assert_eq!(daily.len(), 30);
        assert_eq!(daily.last().unwrap()["count"], 3);
        assert_eq!(
            daily.last().unwrap()["day"],
            chrono::Utc::now().date_naive().to_string()
        );

        let entity = send(
            &app,
            "GET",
            "/api/v1/recruiter/stats",
            Some(&acc.recruiter_a),
            None,
        )
        .await
        .json();
        assert_eq!(entity["offers"][0]["id"], id, "most viewed first");
        let published = entity["by_status"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["status"] == "published")
            .unwrap();
        assert!(published["count"].as_i64().unwrap() > 0);
        let other = send(
            &app,
            "GET",
            "/api/v1/recruiter/stats",
            Some(&acc.recruiter_b),
            None,
        )
        .await
        .json();
        assert!(other["offers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["views"] == 0));

        let platform = send(&app, "GET", "/api/v1/admin/stats", Some(&acc.admin), None)
            .await
            .json();
        assert_eq!(
            platform["daily_views"].as_array().unwrap().last().unwrap()["count"],
            3
        );
        assert_eq!(platform["entities"], 24);
        assert_eq!(platform["recruiters"], 2);
        let demo = server::seed::DEMO_STUDENTS as i64;
        assert_eq!(
            platform["candidates"],
            1 + demo,
            "one candidate and the demo students"
        );
        assert_eq!(platform["weekly_signups"].as_array().unwrap().len(), 12);
        let signups: i64 = platform["weekly_signups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["count"].as_i64().unwrap())
            .sum();
        assert_eq!(
            signups,
            4 + demo,
            "admin, two recruiters, one candidate, the demo students"
        );
    })
    .await;
}
