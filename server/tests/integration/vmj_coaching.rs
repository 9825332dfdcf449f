//! Vis mon job ambassador coaching: the team schedules a session, recruiters place their
//! own ambassadors in it (never beyond its seats, even at the same instant), the placed
//! ambassador is mailed the time and link, and the recorded attendance marks who is coached.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{accounts, on_each_backend, outbox_to, problem_fields, send};
use crate::vis_mon_job::{ambassador, create_edition, edition_form};
use chrono::{Duration, NaiveDateTime};
use serde_json::{json, Value};

fn ids_of(list: &Value) -> Vec<i64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn ambassadors_are_placed_in_coaching_sessions_and_marked_coached() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let (admin, a, b) = (
            Some(acc.admin.as_str()),
            Some(acc.recruiter_a.as_str()),
            Some(acc.recruiter_b.as_str()),
        );
        let form = edition_form("coaching-2027");
        let created = send(
            &app,
            "POST",
            "/api/v1/admin/vis-mon-job/editions",
            admin,
            Some(form.clone()),
        )
        .await;
        assert_eq!(created.status, 201, "{}", created.text());
        let day: NaiveDateTime = serde_json::from_value(form["starts_at"].clone()).unwrap();

        let register = |session, email: &'static str, first: &'static str, last: &'static str| {
            let app = app.clone();
            async move {
                let body = ambassador(email, first, last, "developpeuse-developpeur", "75", true);
                let added = send(
                    &app,
                    "POST",
                    "/api/v1/recruiter/vis-mon-job/coaching-2027/ambassadors",
                    session,
                    Some(body),
                )
                .await;
                assert_eq!(added.status, 201, "{}", added.text());
                *ids_of(&added.json()).iter().max().unwrap()
            }
        };
        let nora = register(a, "nora.haddad@dinum.gouv.fr", "Nora", "Haddad").await;
        let yanis = register(a, "yanis.roche@dinum.gouv.fr", "Yanis", "Roche").await;
        let claire = register(
            b,
            "claire.martin@dgfip.finances.gouv.fr",
            "Claire",
            "Martin",
        )
        .await;

        // The team schedules a session of two seats a week before the day; a bad one is refused.
        let sessions = "/api/v1/admin/vis-mon-job/editions/coaching-2027/coaching-sessions";
        let bad = json!({ "starts_at": day, "visio_url": "lien", "capacity": 0 });
        let refused = send(&app, "POST", sessions, admin, Some(bad))
            .await
            .problem(400);
        assert_eq!(
            problem_fields(&refused),
            ["starts_at", "capacity", "visio_url"]
        );
        let good = json!({
            "starts_at": day - Duration::days(7) + Duration::hours(3),
            "visio_url": "https://webinaire.numerique.gouv.fr/preparation-ambassadeurs",
            "capacity": 2,
        });
        let scheduled = send(&app, "POST", sessions, admin, Some(good)).await;
        assert_eq!(scheduled.status, 201, "{}", scheduled.text());
        let session = scheduled.json()[0]["id"].as_i64().unwrap();
        // A Paris time, written with Paris's offset of that day.
        let ends_at = scheduled.json()[0]["ends_at"].as_str().unwrap().to_owned();
        let expected = (day - Duration::days(7) + Duration::hours(4)).format("%Y-%m-%dT%H:%M:%S");
        assert!(ends_at.starts_with(&expected.to_string()), "{ends_at}");
        assert!(
            ends_at.ends_with("+01:00") || ends_at.ends_with("+02:00"),
            "{ends_at}"
        );

        // A recruiter places their ambassador; the ambassador is told when and where.
        let choose = |id: i64| {
            format!("/api/v1/recruiter/vis-mon-job/coaching-2027/ambassadors/{id}/coaching")
        };
        let placed = send(
            &app,
            "PUT",
            &choose(nora),
            a,
            Some(json!({ "session": session })),
        )
        .await;
        assert_eq!(placed.status, 200, "{}", placed.text());
        assert_eq!(placed.json()[0]["booked"], 1);
        let mails = outbox_to(&t.db, "nora.haddad@dinum.gouv.fr").await;
        assert_eq!(mails.len(), 1);
        assert!(
            mails[0]
                .body
                .contains("https://webinaire.numerique.gouv.fr/preparation-ambassadeurs"),
            "{}",
            mails[0].body
        );
        // Another entity's recruiter cannot move A's ambassador, nor reach an unknown session.
        send(
            &app,
            "PUT",
            &choose(nora),
            b,
            Some(json!({ "session": null })),
        )
        .await
        .problem(404);
        send(
            &app,
            "PUT",
            &choose(claire),
            b,
            Some(json!({ "session": 999_999 })),
        )
        .await
        .problem(404);

        // The last seat, asked for by both entities at once: one gets it, one is told it is full.
        let (yanis_path, claire_path) = (choose(yanis), choose(claire));
        let (ya, cl) = tokio::join!(
            send(
                &app,
                "PUT",
                &yanis_path,
                a,
                Some(json!({ "session": session }))
            ),
            send(
                &app,
                "PUT",
                &claire_path,
                b,
                Some(json!({ "session": session }))
            ),
        );
        let mut statuses = [ya.status.as_u16(), cl.status.as_u16()];
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 409], "{} / {}", ya.text(), cl.text());
        let (winner, winner_session, loser, loser_session) = if ya.status == 200 {
            (yanis, a, claire, b)
        } else {
            (claire, b, yanis, a)
        };
        let listed = send(&app, "GET", sessions, admin, None).await.json();
        assert_eq!(listed[0]["booked"], 2);
        assert_eq!(listed[0]["attendees"].as_array().unwrap().len(), 2);
        // Recruiter B sees the seats taken, but only their own people by name.
        let seen_by_b = send(
            &app,
            "GET",
            "/api/v1/recruiter/vis-mon-job/coaching-2027/coaching-sessions",
            b,
            None,
        )
        .await
        .json();
        assert_eq!(seen_by_b[0]["booked"], 2);
        assert!(seen_by_b[0]["attendees"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["last_name"] == "Martin"));

        // Attendance: naming someone not placed there changes nothing; then Nora attended.
        let attendance = format!("{sessions}/{session}/attendance");
        let wrong = send(
            &app,
            "PUT",
            &attendance,
            admin,
            Some(json!({ "present": [nora, loser] })),
        )
        .await
        .problem(400);
        assert_eq!(problem_fields(&wrong), ["present"]);
        let recorded = send(
            &app,
            "PUT",
            &attendance,
            admin,
            Some(json!({ "present": [nora] })),
        )
        .await;
        assert_eq!(recorded.status, 200, "{}", recorded.text());
        let coached: Vec<(i64, bool)> = recorded.json()[0]["attendees"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["ambassador_id"].as_i64().unwrap(),
                    p["coached"].as_bool().unwrap(),
                )
            })
            .collect();
        assert!(
            coached.contains(&(nora, true)) && coached.contains(&(winner, false)),
            "{coached:?}"
        );
        let all = send(
            &app,
            "GET",
            "/api/v1/admin/vis-mon-job/editions/coaching-2027/ambassadors",
            admin,
            None,
        )
        .await
        .json();
        let nora_row = all
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == nora)
            .unwrap();
        assert_eq!(
            (
                nora_row["coached"].clone(),
                nora_row["coaching_session"].clone()
            ),
            (json!(true), json!(session))
        );

        // A full session cannot be cancelled; seats come back when an ambassador leaves or
        // is withdrawn, and the loser gets one.
        send(
            &app,
            "DELETE",
            &format!("{sessions}/{session}"),
            admin,
            None,
        )
        .await
        .problem(409);
        let out = send(
            &app,
            "PUT",
            &choose(winner),
            winner_session,
            Some(json!({ "session": null })),
        )
        .await;
        assert_eq!(out.json()[0]["booked"], 1);
        assert_eq!(
            send(
                &app,
                "PUT",
                &choose(loser),
                loser_session,
                Some(json!({ "session": session }))
            )
            .await
            .status,
            200
        );
        let withdrawn = send(
            &app,
            "DELETE",
            &format!("/api/v1/recruiter/vis-mon-job/coaching-2027/ambassadors/{nora}"),
            a,
            None,
        )
        .await;
        assert_eq!(withdrawn.status, 204);
        assert_eq!(
            send(&app, "GET", sessions, admin, None).await.json()[0]["booked"],
            1
        );
        send(
            &app,
            "PUT",
            &choose(loser),
            loser_session,
            Some(json!({ "session": null })),
        )
        .await;
        assert_eq!(
            send(
                &app,
                "DELETE",
                &format!("{sessions}/{session}"),
                admin,
                None
            )
            .await
            .status,
            204
        );
        assert_eq!(
            send(&app, "GET", sessions, admin, None).await.json(),
            json!([])
        );
    })
    .await;
}

/// Registers `email` as an ambassador of recruiter A's entity in edition `slug`, with
/// `extra` fields merged into the form; the ambassador as listed.
async fn register_in(
    app: &axum::Router,
    recruiter: &str,
    slug: &str,
    email: &str,
    extra: Value,
) -> Value {
    let mut body = ambassador(
        email,
        "Nora",
        "Haddad",
        "developpeuse-developpeur",
        "75",
        true,
    );
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    let path = format!("/api/v1/recruiter/vis-mon-job/{slug}/ambassadors");
    let added = send(app, "POST", &path, Some(recruiter), Some(body)).await;
    assert_eq!(added.status, 201, "{}", added.text());
    added
        .json()
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["email"] == email)
        .unwrap()
        .clone()
}

#[tokio::test(flavor = "multi_thread")]
async fn coached_comes_only_from_recorded_attendance_and_follows_the_agent() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let admin = Some(acc.admin.as_str());
        for slug in ["preparation-2027", "preparation-2028"] {
            create_edition(&app, &acc.admin, slug).await;
        }
        // A recruiter cannot declare an ambassador coached.
        let nora = register_in(
            &app,
            &acc.recruiter_a,
            "preparation-2027",
            "nora.haddad@dinum.gouv.fr",
            json!({ "coached": true }),
        )
        .await;
        assert_eq!(nora["coached"], false, "{nora}");

        // The team records Nora's attendance: coached.
        let sessions = "/api/v1/admin/vis-mon-job/editions/preparation-2027/coaching-sessions";
        let starts_at = server::paris_time::paris_now() + Duration::days(2);
        let session = json!({ "starts_at": starts_at, "visio_url": "https://webinaire.numerique.gouv.fr/preparation", "capacity": 4 });
        let scheduled = send(&app, "POST", sessions, admin, Some(session)).await;
        let session = scheduled.json()[0]["id"].as_i64().unwrap();
        let id = nora["id"].as_i64().unwrap();
        let place = format!(
            "/api/v1/recruiter/vis-mon-job/preparation-2027/ambassadors/{id}/coaching"
        );
        let placed = send(&app, "PUT", &place, Some(&acc.recruiter_a), Some(json!({ "session": session }))).await;
        assert_eq!(placed.status, 200, "{}", placed.text());
        let attendance = format!("{sessions}/{session}/attendance");
        let recorded = send(&app, "PUT", &attendance, admin, Some(json!({ "present": [id] }))).await;
        assert_eq!(recorded.status, 200, "{}", recorded.text());

        // Registered for the next edition, she is coached already; a newcomer is not.
        let again = register_in(&app, &acc.recruiter_a, "preparation-2028", "nora.haddad@dinum.gouv.fr", json!({})).await;
        assert_eq!(again["coached"], true, "{again}");
        let newcomer = register_in(&app, &acc.recruiter_a, "preparation-2028", "yanis.roche@dinum.gouv.fr", json!({ "coached": true })).await;
        assert_eq!(newcomer["coached"], false, "{newcomer}");
    })
    .await;
}
