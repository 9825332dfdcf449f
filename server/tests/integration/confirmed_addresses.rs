//! Issue 22, item 7: an address is confirmed before anything but its confirmation link is
//! mailed to it or its profile is shown to recruiters; a candidate account that never
//! confirms is deleted after 7 days, its applications staying with the recruiters.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::json;
use server::mailer::Mailer;

use crate::applications::dinum_offer;
use crate::common::{
    accounts, application_fields, confirm_address, on_each_backend, outbox_to, send,
    send_application, PASSWORD,
};

const STUDENT: &str = "ines.garnier@etu.univ-nantes.fr";

/// A candidate signed up through the API, not yet confirmed, signed in with the password:
/// its session.
async fn sign_up(app: &axum::Router) -> String {
    let credentials = json!({ "email": STUDENT, "password": PASSWORD });
    let signup = send(
        app,
        "POST",
        "/api/v1/auth/signup",
        None,
        Some(credentials.clone()),
    )
    .await;
    assert_eq!(signup.status, 202, "{}", signup.text());
    let login = send(app, "POST", "/api/v1/auth/login", None, Some(credentials)).await;
    assert_eq!(login.status, 200, "{}", login.text());
    login.session()
}

/// Ines applies to a DINUM offer under her account's address: its acknowledgement is for her.
async fn apply(app: &axum::Router, session: &str, key: &str) -> i64 {
    let offer = dinum_offer(app).await;
    let mut fields = application_fields();
    for (name, value) in fields.iter_mut() {
        match *name {
            "first_name" => *value = "Inès".into(),
            "last_name" => *value = "Garnier".into(),
            "email" => *value = STUDENT.into(),
            _ => {}
        }
    }
    let sent = send_application(
        app,
        &format!("/api/v1/offers/{offer}/applications"),
        Some(session),
        key,
        &fields,
        Some(crate::common::CV_PDF),
    )
    .await;
    assert_eq!(sent.status, 201, "{}", sent.text());
    sent.json()["id"].as_i64().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn only_the_confirmation_link_is_mailed_before_the_address_is_confirmed() {
    on_each_backend(|t| async move {
        let app = t.router();
        let (port, received) = crate::outbox::smtp_listener().await;
        let mailer = Mailer::new(
            &format!("smtp://127.0.0.1:{port}"),
            "Talents <ne-pas-repondre@numerique.gouv.fr>",
        )
        .unwrap();
        let to_student = || {
            received
                .lock()
                .unwrap()
                .iter()
                .filter(|m| m.contains(&format!("To: {STUDENT}")))
                .cloned()
                .collect::<Vec<_>>()
        };
        let deliver = || mailer.deliver_due(&t.db, chrono::Utc::now().naive_utc());

        let session = sign_up(&app).await;
        apply(&app, &session, "cle-ines-garnier-1").await;
        deliver().await.unwrap();
        // The link went; the acknowledgement waits in the outbox.
        let delivered = to_student();
        assert_eq!(delivered.len(), 1, "{delivered:?}");
        assert!(
            delivered[0].contains("/compte/confirmer?jeton="),
            "{}",
            delivered[0]
        );
        assert_eq!(outbox_to(&t.db, STUDENT).await.len(), 2);
        // The admins' outbox says why it waits.
        let acc = accounts(&t, &app).await;
        let outbox = send(&app, "GET", "/api/v1/admin/outbox", Some(&acc.admin), None).await;
        let waiting: Vec<(String, bool)> = outbox
            .json()
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["recipient"] == STUDENT)
            .map(|m| {
                let held = m["awaits_confirmation"].as_bool().unwrap();
                (m["subject"].as_str().unwrap().to_owned(), held)
            })
            .collect();
        assert!(
            waiting
                .iter()
                .any(|(subject, held)| subject.contains("Confirmez") && !held)
                && waiting
                    .iter()
                    .any(|(subject, held)| !subject.contains("Confirmez") && *held),
            "{waiting:?}"
        );

        // A new link on demand, mailed at once.
        let ask_link = || {
            send(
                &app,
                "POST",
                "/api/v1/me/email-confirmation",
                Some(&session),
                None,
            )
        };
        let again = ask_link().await;
        assert_eq!(again.status, 202, "{}", again.text());
        deliver().await.unwrap();
        assert_eq!(to_student().len(), 2);

        // Confirmed with it: what waited is delivered.
        confirm_address(&app, &t.db, STUDENT).await;
        deliver().await.unwrap();
        let delivered = to_student();
        assert_eq!(delivered.len(), 3, "{delivered:?}");
        assert!(
            !delivered[2].contains("compte/confirmer"),
            "the acknowledgement, not a link: {}",
            delivered[2]
        );
        let done = ask_link().await;
        assert_eq!(done.problem(409)["title"], "Conflit", "{}", done.text());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unconfirmed_candidates_are_hidden_from_recruiters_then_deleted_after_7_days() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let session = sign_up(&app).await;
        let profile = send(
            &app,
            "PUT",
            "/api/v1/me/profile",
            Some(&session),
            Some(json!({
                "first_name": "Inès", "last_name": "Garnier", "phone": "06 45 18 72 30",
                "metiers": ["developpeuse-developpeur"], "regions": ["52"],
                "contract_types": ["stage"], "visible_to_recruiters": true, "hidden_entities": [],
            })),
        )
        .await;
        assert_eq!(profile.status, 200, "{}", profile.text());
        let talents = || async {
            send(
                &app,
                "GET",
                "/api/v1/recruiter/profiles",
                Some(&acc.recruiter_a),
                None,
            )
            .await
            .json()
        };
        assert_eq!(
            talents().await,
            json!([]),
            "not contactable before confirming"
        );

        // She applies, withdraws (the audit log records her), applies again.
        let first = apply(&app, &session, "cle-ines-garnier-2").await;
        let withdrawn = send(
            &app,
            "POST",
            &format!("/api/v1/me/applications/{first}/withdraw"),
            Some(&session),
            None,
        )
        .await;
        assert_eq!(withdrawn.status, 204, "{}", withdrawn.text());
        let kept = apply(&app, &session, "cle-ines-garnier-3").await;

        let purge = |days: i64| {
            let db = t.db.clone();
            async move {
                let at = chrono::Utc::now().naive_utc() + chrono::Duration::days(days);
                server::personal_data::purge_unconfirmed_accounts(&db, "http://localhost:3000", at)
                    .await
                    .unwrap()
            }
        };
        assert_eq!(purge(6).await, 0, "within 7 days");
        assert_eq!(purge(8).await, 1, "only her: the others confirmed");

        let me = send(&app, "GET", "/api/v1/me", Some(&session), None).await;
        assert_eq!(me.status, 401, "the account and its sessions are gone");
        assert!(
            outbox_to(&t.db, STUDENT).await.is_empty(),
            "her waiting e-mails too"
        );
        let candidate = send(&app, "GET", "/api/v1/me", Some(&acc.candidate), None).await;
        assert_eq!(candidate.status, 200, "a confirmed candidate stays");
        // The recruiters keep her application, as an anonymous one.
        let application = send(
            &app,
            "GET",
            &format!("/api/v1/recruiter/applications/{kept}"),
            Some(&acc.recruiter_a),
            None,
        )
        .await;
        assert_eq!(application.status, 200, "{}", application.text());
        assert_eq!(application.json()["email"], STUDENT);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_student_who_has_not_confirmed_is_left_out_of_the_matching() {
    use crate::vis_mon_job::{ambassador, create_edition, settled, student};
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let admin = Some(acc.admin.as_str());
        let slug = "hiver-2026";
        let edition = |suffix: &str| format!("/api/v1/admin/vis-mon-job/editions/{slug}{suffix}");
        let status_path = edition("/status");
        let status = |status: &'static str| {
            send(
                &app,
                "POST",
                &status_path,
                admin,
                Some(json!({ "status": status })),
            )
        };
        create_edition(&app, &acc.admin, slug).await;
        assert_eq!(status("open").await.status, 200);
        let signup = format!("/api/v1/vis-mon-job/editions/{slug}/signup");
        let ines = student(
            STUDENT,
            "Inès",
            "Garnier",
            "75",
            &["developpeuse-developpeur"],
            true,
        );
        let sent = send(&app, "POST", &signup, None, Some(ines)).await;
        assert_eq!(sent.status, 202, "{}", sent.text());
        let agent = ambassador(
            "nora.haddad@dinum.gouv.fr",
            "Nora",
            "Haddad",
            "developpeuse-developpeur",
            "75",
            true,
        );
        let path = format!("/api/v1/recruiter/vis-mon-job/{slug}/ambassadors");
        let registered = send(&app, "POST", &path, Some(&acc.recruiter_a), Some(agent)).await;
        assert_eq!(registered.status, 201, "{}", registered.text());
        assert_eq!(status("closed").await.status, 200);
        let run = || async {
            let started = send(&app, "POST", &edition("/matching"), admin, None).await;
            assert_eq!(started.status, 202, "{}", started.text());
            settled(&app, &acc.admin, slug).await
        };

        // Paired now, her duo would go with her account, and the ambassador be left alone.
        let state = run().await;
        assert_eq!(state["duos"], json!([]), "{state}");
        assert_eq!(state["unmatched"][0]["last_name"], "Garnier");
        assert_eq!(
            state["unmatched"][0]["unmatched_reason"],
            server::vismonjob::UNCONFIRMED
        );

        confirm_address(&app, &t.db, STUDENT).await;
        let state = run().await;
        assert_eq!(
            state["duos"][0]["student"]["last_name"], "Garnier",
            "{state}"
        );
        assert_eq!(state["unmatched"], json!([]));
    })
    .await;
}
