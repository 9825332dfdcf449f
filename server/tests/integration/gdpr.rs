//! The candidate's rights: export everything, erase the account; and the retention of CVs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::applications::dinum_offer;
use crate::common::{
    accounts, application_fields, get, on_each_backend, problem_fields, send, send_application,
    CV_PDF, PASSWORD,
};
use serde_json::{json, Value};
use std::io::Read;

const LEA: &str = "lea.petit@etudiant.univ-rennes.fr";

fn lea_fields() -> Vec<(&'static str, String)> {
    let mut fields = application_fields();
    for (name, value) in fields.iter_mut() {
        match *name {
            "first_name" => *value = "Léa".into(),
            "last_name" => *value = "Petit".into(),
            "email" => *value = LEA.into(),
            _ => {}
        }
    }
    fields
}

#[tokio::test(flavor = "multi_thread")]
async fn a_candidate_exports_then_erases_everything() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let offer = dinum_offer(&app).await;
        let to_offer = send_application(
            &app,
            &format!("/api/v1/offers/{offer}/applications"),
            Some(&acc.candidate),
            "cle-lea-0001",
            &lea_fields(),
            Some(CV_PDF),
        )
        .await;
        assert_eq!(to_offer.status, 201, "{}", to_offer.text());
        let id = to_offer.json()["id"].as_i64().unwrap();
        let spontaneous = send_application(
            &app,
            "/api/v1/entities/dinum/applications",
            Some(&acc.candidate),
            "cle-lea-0002",
            &lea_fields(),
            Some(CV_PDF),
        )
        .await;
        assert_eq!(spontaneous.status, 201);
        let path = format!("/api/v1/recruiter/applications/{id}");
        send(
            &app,
            "POST",
            &format!("{path}/notes"),
            Some(&acc.recruiter_a),
            Some(json!({ "body": "Léa Petit : très bon entretien téléphonique." })),
        )
        .await;

        // Léa also signed up for Vis mon job.
        let mut vmj =
            crate::vis_mon_job::student("", "Léa", "Petit", "35", &["data-engineer"], true);
        vmj["email"] = json!("");
        let signup = send(
            &app,
            "POST",
            "/api/v1/vis-mon-job/editions/printemps-2027/signup",
            Some(&acc.candidate),
            Some(vmj),
        )
        .await;
        assert_eq!(signup.status, 201, "{}", signup.text());

        // And for a conference of the forum.
        let lea = Some(acc.candidate.as_str());
        let forum = "/api/v1/forum/editions/forum-2027/registration";
        let names = json!({ "first_name": "Léa", "last_name": "Petit" });
        assert_eq!(send(&app, "PUT", forum, lea, Some(names)).await.status, 200);
        let conferences = get(
            &app,
            "/api/v1/forum/sessions?edition=forum-2027&kind=conference",
        )
        .await;
        let conference = conferences.json()[0]["id"].as_i64().unwrap();
        let registration = format!("/api/v1/forum/sessions/{conference}/registration");
        assert_eq!(
            send(&app, "POST", &registration, lea, None).await.status,
            201
        );

        // The export holds every field and both CVs.
        let export = send(&app, "GET", "/api/v1/me/export", Some(&acc.candidate), None).await;
        assert_eq!(
            (export.status.as_u16(), export.content_type.as_str()),
            (200, "application/zip")
        );
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(export.body)).unwrap();
        let mut json_text = String::new();
        archive
            .by_name("donnees.json")
            .unwrap()
            .read_to_string(&mut json_text)
            .unwrap();
        let data: Value = serde_json::from_str(&json_text).unwrap();
        assert_eq!(data["email"], LEA);
        assert_eq!(data["applications"].as_array().unwrap().len(), 2);
        assert_eq!(data["applications"][0]["message"], lea_fields()[4].1);
        assert_eq!(data["vis_mon_job"][0]["edition_slug"], "printemps-2027");
        assert_eq!(data["forum"]["editions"][0]["slug"], "forum-2027");
        assert_eq!(data["forum"]["items"][0]["session"]["id"], conference);
        assert_eq!(data["forum"]["items"][0]["status"], "confirmed");
        let mut pdf = Vec::new();
        archive
            .by_name(&format!("cv/candidature-{id}.pdf"))
            .unwrap()
            .read_to_end(&mut pdf)
            .unwrap();
        assert_eq!(pdf, CV_PDF);

        // Erasure needs the password, and is for candidates only.
        let wrong = send(
            &app,
            "DELETE",
            "/api/v1/me",
            Some(&acc.candidate),
            Some(json!({ "password": "pas le bon" })),
        )
        .await;
        assert_eq!(problem_fields(&wrong.problem(400)), ["password"]);
        send(
            &app,
            "DELETE",
            "/api/v1/me",
            Some(&acc.recruiter_a),
            Some(json!({ "password": PASSWORD })),
        )
        .await
        .problem(403);
        assert_eq!(t.stored_cvs(), 2);
        let erased = send(
            &app,
            "DELETE",
            "/api/v1/me",
            Some(&acc.candidate),
            Some(json!({ "password": PASSWORD })),
        )
        .await;
        assert_eq!(erased.status, 204, "{}", erased.text());

        // The account, its sessions, its CV files and every personal field are gone; the
        // applications stay, anonymous, in the recruiters' figures.
        send(&app, "GET", "/api/v1/me", Some(&acc.candidate), None)
            .await
            .problem(401);
        let login = send(
            &app,
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({ "email": LEA, "password": PASSWORD })),
        )
        .await;
        assert_eq!(login.status, 401, "{}", login.text());
        assert_eq!(t.stored_cvs(), 0);
        let students = send(
            &app,
            "GET",
            "/api/v1/admin/vis-mon-job/editions/printemps-2027/students",
            Some(&acc.admin),
            None,
        )
        .await
        .json();
        assert!(
            students
                .as_array()
                .unwrap()
                .iter()
                .all(|s| s["email"] != LEA),
            "the sign-up left with the account"
        );
        let detail = send(&app, "GET", &path, Some(&acc.recruiter_a), None)
            .await
            .json();
        for field in ["first_name", "last_name", "email", "message"] {
            assert_eq!(detail[field], "", "{field}");
        }
        for field in ["phone", "linkedin_url", "github_url"] {
            assert_eq!(detail[field], Value::Null, "{field}");
        }
        assert_eq!(detail["has_cv"], false);
        assert!(detail["history"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["body"] == ""));
        send(
            &app,
            "GET",
            &format!("{path}/cv"),
            Some(&acc.recruiter_a),
            None,
        )
        .await
        .problem(404);
        let list = send(
            &app,
            "GET",
            "/api/v1/recruiter/applications",
            Some(&acc.recruiter_a),
            None,
        )
        .await;
        assert_eq!(list.json().as_array().unwrap().len(), 2);
        assert!(!list.text().contains("Petit") && !list.text().contains(LEA));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn cvs_of_closed_applications_are_deleted_after_the_retention_period() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let offer = dinum_offer(&app).await;
        let uri = format!("/api/v1/offers/{offer}/applications");
        let mut ids = Vec::new();
        // Two people (one open application per address and offer).
        for (key, email) in [
            ("cle-retention-01", "ines.benali@exemple.fr"),
            ("cle-retention-02", "lea.petit@etudiant.univ-rennes.fr"),
        ] {
            let mut fields = application_fields();
            fields.iter_mut().find(|(n, _)| *n == "email").unwrap().1 = email.into();
            let sent = send_application(&app, &uri, None, key, &fields, Some(CV_PDF)).await;
            ids.push(sent.json()["id"].as_i64().unwrap());
        }
        let reason = "Le poste a été pourvu par une mobilité interne.";
        let rejected = send(
            &app,
            "POST",
            &format!("/api/v1/recruiter/applications/{}/status", ids[0]),
            Some(&acc.recruiter_a),
            Some(json!({ "status": "rejected", "reason": reason })),
        )
        .await;
        assert_eq!(rejected.status, 200, "{}", rejected.text());

        let cvs = server::cv_store::CvStore::open(&t.cvs.path().to_string_lossy()).unwrap();
        let now = chrono::Utc::now().naive_utc();
        let purge = |at| server::personal_data::purge_expired_cvs(&t.db, &cvs, at, 24);
        assert_eq!(purge(now).await.unwrap(), 0, "closed today: kept");
        let later = now.checked_add_months(chrono::Months::new(25)).unwrap();
        assert_eq!(
            purge(later).await.unwrap(),
            1,
            "closed 25 months ago: deleted"
        );
        assert_eq!(purge(later).await.unwrap(), 0, "a second run finds nothing");
        assert_eq!(t.stored_cvs(), 1, "the open application keeps its CV");
        let cv_path = |id| format!("/api/v1/recruiter/applications/{id}/cv");
        send(&app, "GET", &cv_path(ids[0]), Some(&acc.recruiter_a), None)
            .await
            .problem(404);
        let kept = send(&app, "GET", &cv_path(ids[1]), Some(&acc.recruiter_a), None).await;
        assert_eq!(kept.status, 200);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn cv_files_left_without_their_application_are_deleted() {
    on_each_backend(|t| async move {
        let app = t.router();
        let offer = dinum_offer(&app).await;
        let uri = format!("/api/v1/offers/{offer}/applications");
        let sent = send_application(
            &app,
            &uri,
            None,
            "cle-orpheline-01",
            &application_fields(),
            Some(CV_PDF),
        )
        .await;
        assert_eq!(sent.status, 201, "{}", sent.text());
        // What a crash between storing the file and committing the application leaves.
        let cvs = server::cv_store::CvStore::open(&t.cvs.path().to_string_lossy()).unwrap();
        let orphan = cvs.put(bytes::Bytes::from_static(CV_PDF)).await.unwrap();
        assert_eq!(t.stored_cvs(), 2);

        let purge = |at| server::personal_data::purge_orphan_cvs(&t.db, &cvs, at);
        let now = chrono::Utc::now();
        assert_eq!(
            purge(now).await.unwrap(),
            0,
            "an application may still be committing it"
        );
        let later = now + chrono::Duration::hours(2);
        assert_eq!(purge(later).await.unwrap(), 1);
        assert!(!cvs.exists(&orphan).await.unwrap());
        assert_eq!(t.stored_cvs(), 1, "the application's CV is kept");
    })
    .await;
}
