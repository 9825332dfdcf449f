//! Who may call what: every non-public endpoint, called as anonymous, candidate, recruiter
//! of entity A (DINUM), recruiter of entity B (DGFiP) and admin, on resources of entity A.
//! Each cell's status is asserted; a recruiter of B never sees nor changes A's data.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{accounts, on_each_backend, send};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU32, Ordering};

static INVITES: AtomicU32 = AtomicU32::new(0);

pub fn draft(title: &str) -> Value {
    json!({
        "metier": "developpeuse-developpeur",
        "title": title,
        "mission": "Vous développez les services numériques de l'administration, en équipe produit.",
        "profile": "Vous maîtrisez Rust ou Python et aimez travailler avec les usagers.",
        "team": "Une équipe de six personnes.",
        "perks": "Télétravail deux jours par semaine.",
        "process": "Deux entretiens.",
        "contract_type": "contractuel",
        "category": "a",
        "departement_code": "75",
        "city": "Paris",
        "remote": "partial",
        "experience": "confirmed",
        "salary": { "min": 45000, "max": 55000 },
        "expires_at": (chrono::Utc::now() + chrono::Duration::days(30)).naive_utc(),
    })
}

fn showcase() -> Option<Value> {
    Some(json!({
        "showcase": {
            "presentation": "Nous construisons les services numériques de l'État avec les usagers.",
            "missions": "- Concevoir des services publics numériques\n- Ouvrir les données",
            "values": ["Sens du service public"], "strengths": ["Télétravail"],
            "projects": [{ "name": "FranceConnect", "description": "L'identité numérique des usagers." }],
            "organisation": "Des équipes produit autonomes.",
            "key_figures": [{ "label": "agents", "value": "250" }],
            "recruitment_process": "1. Entretien\n2. Mise en situation"
        },
        "testimonials": [{ "author_name": "Inès Moreau", "job_title": "Designer UX", "quote": "Je conçois des services utiles à tous." }]
    }))
}

fn access_request(email: &str) -> Value {
    json!({
        "email": email, "full_name": "Inès Moreau", "job_title": "Cheffe de projet recrutement",
        "entity_slug": "dinum", "message": "Je recrute pour l'incubateur."
    })
}

fn entity(slug: &str) -> Option<Value> {
    Some(json!({
        "slug": slug, "name": "Pôle données de la DINUM", "acronym": null, "kind": "service",
        "parent_slug": "dinum", "departement_code": "75", "city": "Paris", "website": null
    }))
}

/// Expected statuses for: anonymous, candidate, recruiter A, recruiter B, admin.
type Row = (&'static str, String, fn() -> Option<Value>, [u16; 5]);

#[tokio::test(flavor = "multi_thread")]
async fn every_endpoint_for_every_role() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        // A draft of entity A, created by its recruiter: the resource of the matrix.
        let created = send(&app, "POST", "/api/v1/recruiter/offers", Some(&acc.recruiter_a), Some(draft("Développeuse ou développeur Rust"))).await;
        assert_eq!(created.status, 201, "{}", created.text());
        let a_offer = created.json()["id"].as_i64().unwrap();

        let o = |suffix: &str| format!("/api/v1/recruiter/offers/{a_offer}{suffix}");
        // More resources of entity A: two colleagues (one to revoke, one for the admins to
        // disable and enable), two access requests and two entities under DINUM.
        let mut colleagues = Vec::new();
        for email in ["nadia.roux@dinum.gouv.fr", "hugo.blanc@dinum.gouv.fr"] {
            let invited = send(&app, "POST", "/api/v1/recruiter/team", Some(&acc.recruiter_a), Some(json!({ "email": email }))).await;
            assert_eq!(invited.status, 201, "{}", invited.text());
            colleagues.push(invited.json()["id"].as_i64().unwrap());
        }
        for email in ["ines.moreau@dinum.gouv.fr", "paul.girard@dinum.gouv.fr"] {
            let asked = send(&app, "POST", "/api/v1/auth/access-requests", None, Some(access_request(email))).await;
            assert_eq!(asked.status, 202, "{}", asked.text());
        }
        let requests = send(&app, "GET", "/api/v1/admin/access-requests", Some(&acc.admin), None).await.json();
        let request_id = |email: &str| requests.as_array().unwrap().iter().find(|r| r["email"] == email).unwrap()["id"].as_i64().unwrap();
        let (approve, decline) = (request_id("ines.moreau@dinum.gouv.fr"), request_id("paul.girard@dinum.gouv.fr"));
        for slug in ["pole-matrice-modifie", "pole-matrice-supprime"] {
            let created = send(&app, "POST", "/api/v1/admin/entities", Some(&acc.admin), entity(slug)).await;
            assert_eq!(created.status, 201, "{}", created.text());
        }
        // An application to one of A's published offers.
        let published = crate::applications::dinum_offer(&app).await;
        let uri = format!("/api/v1/offers/{published}/applications");
        let fields = crate::common::application_fields();
        let sent = crate::common::send_application(&app, &uri, None, "cle-matrice-0001", &fields, Some(crate::common::CV_PDF)).await;
        assert_eq!(sent.status, 201, "{}", sent.text());
        let a = |suffix: &str| format!("/api/v1/recruiter/applications/{}{suffix}", sent.json()["id"]);
        // A Vis mon job edition (a draft, opened by the matrix itself) and two of A's ambassadors.
        let created = send(&app, "POST", "/api/v1/admin/vis-mon-job/editions", Some(&acc.admin), Some(crate::vis_mon_job::edition_form("matrice"))).await;
        assert_eq!(created.status, 201, "{}", created.text());
        let mut a_ambassadors = Vec::new();
        for email in ["nora.haddad@dinum.gouv.fr", "yanis.roche@dinum.gouv.fr"] {
            let body = crate::vis_mon_job::ambassador(email, "Nora", "Haddad", "developpeuse-developpeur", "75", true);
            let added = send(&app, "POST", "/api/v1/recruiter/vis-mon-job/matrice/ambassadors", Some(&acc.recruiter_a), Some(body)).await;
            assert_eq!(added.status, 201, "{}", added.text());
            a_ambassadors.push(added.json().as_array().unwrap().last().unwrap()["id"].as_i64().unwrap());
        }
        let vmj = |suffix: &str| format!("/api/v1/admin/vis-mon-job/editions/matrice{suffix}");
        fn coaching_session() -> Option<Value> {
            let starts_at = server::paris_time::paris_now() + chrono::Duration::days(2);
            Some(json!({ "starts_at": starts_at, "visio_url": "https://webinaire.numerique.gouv.fr/preparation", "capacity": 10 }))
        }
        let sessions = send(&app, "POST", &vmj("/coaching-sessions"), Some(&acc.admin), coaching_session()).await;
        assert_eq!(sessions.status, 201, "{}", sessions.text());
        let coaching = sessions.json()[0]["id"].clone();
        let amb = |i: usize| format!("/api/v1/recruiter/vis-mon-job/matrice/ambassadors/{}", a_ambassadors[i]);
        let signup = "/api/v1/vis-mon-job/editions/matrice/signup";
        fn lea() -> Option<Value> {
            let mut body = crate::vis_mon_job::student("", "Léa", "Petit", "35", &["data-engineer"], true);
            body["email"] = json!("");
            Some(body)
        }
        // A forum edition with a conference and A's job dating, which has two slots.
        let forum = crate::forum::edition_form("matrice-forum");
        assert_eq!(send(&app, "POST", "/api/v1/admin/forum/editions", Some(&acc.admin), Some(forum.clone())).await.status, 201);
        fn forum_session() -> Option<Value> {
            let edition = crate::forum::edition_form("matrice-forum");
            Some(crate::forum::session_form(&edition, "job_dating", "Job dating DINUM", Some("dinum"), (0, 14), 10))
        }
        let mut forum_ids = Vec::new();
        for body in [forum_session().unwrap(), crate::forum::session_form(&forum, "conference", "Ouverture du forum", None, (0, 9), 100)] {
            let added = send(&app, "POST", "/api/v1/admin/forum/editions/matrice-forum/sessions", Some(&acc.admin), Some(body)).await;
            forum_ids.push(added.json()["id"].as_i64().unwrap());
        }
        let (dating, conference) = (forum_ids[0], forum_ids[1]);
        let range = json!({ "starts_at": forum["starts_at"].as_str().unwrap().replace("T09:00:00", "T14:00:00"), "ends_at": forum["starts_at"].as_str().unwrap().replace("T09:00:00", "T14:30:00"), "minutes": 15 });
        let cut = send(&app, "POST", &format!("/api/v1/recruiter/forum/sessions/{dating}/slots"), Some(&acc.recruiter_a), Some(range)).await;
        assert_eq!(cut.status, 201, "{}", cut.text());
        let slot = |i: usize| cut.json()["slots"][i]["slot"]["id"].as_i64().unwrap();
        let (booked_slot, spare_slot) = (slot(0), slot(1));
        let fs = |suffix: &str| format!("/api/v1/admin/forum{suffix}");
        let rows: Vec<Row> = vec![
            ("PUT", "/api/v1/forum/editions/matrice-forum/registration".into(), || Some(json!({ "first_name": "Léa", "last_name": "Petit" })), [401, 200, 403, 403, 403]),
            ("POST", format!("/api/v1/forum/sessions/{conference}/registration"), || None, [401, 201, 403, 403, 403]),
            ("GET", format!("/api/v1/forum/sessions/{conference}/join"), || None, [401, 303, 403, 403, 403]),
            ("DELETE", format!("/api/v1/forum/sessions/{conference}/registration"), || None, [401, 204, 403, 403, 403]),
            ("POST", format!("/api/v1/forum/slots/{booked_slot}/booking"), || None, [401, 201, 403, 403, 403]),
            ("GET", "/api/v1/me/forum".into(), || None, [401, 200, 403, 403, 403]),
            ("GET", "/api/v1/me/forum/agenda.ics".into(), || None, [401, 200, 403, 403, 403]),
            ("DELETE", format!("/api/v1/forum/slots/{booked_slot}/booking"), || None, [401, 204, 403, 403, 403]),
            ("GET", fs("/editions"), || None, [401, 403, 403, 403, 200]),
            ("POST", fs("/editions"), || {
                let n = INVITES.fetch_add(1, Ordering::SeqCst);
                Some(crate::forum::edition_form(&format!("matrice-forum-{n}")))
            }, [401, 403, 403, 403, 201]),
            ("PUT", fs("/editions/matrice-forum"), || Some(crate::forum::edition_form("matrice-forum")), [401, 403, 403, 403, 200]),
            ("GET", fs("/editions/matrice-forum/sessions"), || None, [401, 403, 403, 403, 200]),
            ("POST", fs("/editions/matrice-forum/sessions"), forum_session, [401, 403, 403, 403, 201]),
            ("PUT", fs(&format!("/sessions/{dating}")), forum_session, [401, 403, 403, 403, 200]),
            ("DELETE", fs("/sessions/999999"), || None, [401, 403, 403, 403, 404]),
            ("GET", fs("/editions/matrice-forum/figures"), || None, [401, 403, 403, 403, 200]),
            ("GET", "/api/v1/recruiter/forum/sessions".into(), || None, [401, 403, 200, 200, 403]),
            ("POST", format!("/api/v1/recruiter/forum/sessions/{dating}/slots"), || {
                let edition = crate::forum::edition_form("matrice-forum");
                let start = edition["starts_at"].as_str().unwrap().to_owned();
                Some(json!({ "starts_at": start.replace("T09:00:00", "T15:00:00"), "ends_at": start.replace("T09:00:00", "T15:30:00"), "minutes": 30 }))
            }, [401, 403, 201, 404, 403]),
            ("DELETE", format!("/api/v1/recruiter/forum/sessions/{dating}/slots/{spare_slot}"), || None, [401, 403, 204, 404, 403]),
            ("GET", format!("/api/v1/recruiter/forum/sessions/{dating}/attendees.csv"), || None, [401, 403, 200, 404, 403]),
            ("GET", "/api/v1/me".into(), || None, [401, 200, 200, 200, 200]),
            ("GET", "/api/v1/auth/session".into(), || None, [200, 200, 200, 200, 200]),
            ("POST", "/api/v1/me/applications/999999/withdraw".into(), || None, [401, 404, 403, 403, 403]),
            ("GET", "/api/v1/recruiter/offers".into(), || None, [401, 403, 200, 200, 403]),
            ("POST", "/api/v1/recruiter/offers".into(), || Some(draft("Data engineer pour la plateforme")), [401, 403, 201, 201, 403]),
            ("GET", o(""), || None, [401, 403, 200, 404, 403]),
            ("PUT", o(""), || Some(draft("Développeuse ou développeur Rust senior")), [401, 403, 200, 404, 403]),
            ("POST", o("/publish"), || None, [401, 403, 200, 404, 403]),
            ("POST", o("/fill"), || None, [401, 403, 200, 404, 403]),
            ("POST", o("/archive"), || None, [401, 403, 200, 404, 403]),
            ("GET", "/api/v1/recruiter/team".into(), || None, [401, 403, 200, 200, 403]),
            ("GET", "/api/v1/recruiter/showcase".into(), || None, [401, 403, 200, 200, 403]),
            ("PUT", "/api/v1/recruiter/showcase".into(), showcase, [401, 403, 200, 200, 403]),
            ("POST", "/api/v1/recruiter/team".into(), || {
                let n = INVITES.fetch_add(1, Ordering::SeqCst);
                Some(json!({ "email": format!("collegue{n}@numerique.gouv.fr") }))
            }, [401, 403, 201, 201, 403]),
            ("POST", "/api/v1/admin/recruiters".into(), || {
                let n = INVITES.fetch_add(1, Ordering::SeqCst);
                Some(json!({ "email": format!("recrue{n}@numerique.gouv.fr"), "entity_slug": "dinum" }))
            }, [401, 403, 403, 403, 201]),
            ("GET", "/api/v1/admin/outbox".into(), || None, [401, 403, 403, 403, 200]),
            ("GET", "/api/v1/admin/audit".into(), || None, [401, 403, 403, 403, 200]),
            ("GET", "/api/v1/admin/api-keys".into(), || None, [401, 403, 403, 403, 200]),
            ("POST", "/api/v1/admin/api-keys".into(), || Some(json!({ "name": "Choisir le service public", "email": "api@choisirleservicepublic.gouv.fr" })), [401, 403, 403, 403, 201]),
            ("DELETE", "/api/v1/admin/api-keys/999999".into(), || None, [401, 403, 403, 403, 404]),
            ("GET", "/api/v1/admin/webhooks".into(), || None, [401, 403, 403, 403, 200]),
            ("POST", "/api/v1/admin/webhooks".into(), || Some(json!({ "api_key_id": 999999, "url": "https://emplois.exemple.fr/recepteur", "events": ["offer.updated"] })), [401, 403, 403, 403, 404]),
            ("DELETE", "/api/v1/admin/webhooks/999999".into(), || None, [401, 403, 403, 403, 404]),
            ("POST", "/api/v1/admin/webhooks/999999/reactivation".into(), || None, [401, 403, 403, 403, 404]),
            ("GET", "/api/v1/admin/webhooks/999999/deliveries".into(), || None, [401, 403, 403, 403, 404]),
            ("POST", "/api/v1/me/email-confirmation".into(), || None, [401, 409, 409, 409, 409]),
            ("POST", "/api/v1/me/password".into(), || Some(json!({ "current_password": "pas le bon mot de passe", "new_password": "une autre phrase de passe" })), [401, 400, 400, 400, 400]),
            ("GET", "/api/v1/recruiter/stats".into(), || None, [401, 403, 200, 200, 403]),
            ("GET", o("/stats"), || None, [401, 403, 200, 404, 403]),
            ("DELETE", format!("/api/v1/recruiter/team/{}", colleagues[0]), || None, [401, 403, 204, 404, 403]),
            ("GET", "/api/v1/admin/recruiters".into(), || None, [401, 403, 403, 403, 200]),
            ("POST", format!("/api/v1/admin/recruiters/{}/disable", colleagues[1]), || None, [401, 403, 403, 403, 204]),
            ("POST", format!("/api/v1/admin/recruiters/{}/enable", colleagues[1]), || None, [401, 403, 403, 403, 204]),
            ("GET", "/api/v1/admin/access-requests".into(), || None, [401, 403, 403, 403, 200]),
            ("POST", format!("/api/v1/admin/access-requests/{approve}/approve"), || None, [401, 403, 403, 403, 200]),
            ("POST", format!("/api/v1/admin/access-requests/{decline}/decline"), || Some(json!({ "reason": "Votre service a déjà deux recruteurs référents." })), [401, 403, 403, 403, 204]),
            ("POST", "/api/v1/admin/entities".into(), || {
                let n = INVITES.fetch_add(1, Ordering::SeqCst);
                entity(&format!("pole-matrice-{n}"))
            }, [401, 403, 403, 403, 201]),
            ("PUT", "/api/v1/admin/entities/pole-matrice-modifie".into(), || entity("pole-matrice-modifie"), [401, 403, 403, 403, 200]),
            ("DELETE", "/api/v1/admin/entities/pole-matrice-supprime".into(), || None, [401, 403, 403, 403, 204]),
            ("GET", "/api/v1/admin/stats".into(), || None, [401, 403, 403, 403, 200]),
            ("GET", "/api/v1/me/applications".into(), || None, [401, 200, 200, 200, 200]),
            ("GET", "/api/v1/me/export".into(), || None, [401, 200, 200, 200, 200]),
            ("GET", "/api/v1/me/profile".into(), || None, [401, 200, 403, 403, 403]),
            ("PUT", "/api/v1/me/profile".into(), || Some(json!({ "first_name": "Léa", "last_name": "Petit", "metiers": ["data-engineer"], "regions": ["53"] })), [401, 200, 403, 403, 403]),
            ("GET", "/api/v1/recruiter/profiles".into(), || None, [401, 403, 200, 200, 403]),
            ("GET", "/api/v1/me/alerts".into(), || None, [401, 200, 403, 403, 403]),
            ("POST", "/api/v1/me/alerts".into(), || Some(json!({ "name": "Data en Bretagne", "query": "family=donnees&region=53" })), [401, 201, 403, 403, 403]),
            ("DELETE", "/api/v1/me/alerts/999999".into(), || None, [401, 404, 403, 403, 403]),
            ("DELETE", "/api/v1/me".into(), || Some(json!({ "password": "pas le bon mot de passe" })), [401, 400, 403, 403, 403]),
            ("GET", "/api/v1/recruiter/applications".into(), || None, [401, 403, 200, 200, 403]),
            ("GET", "/api/v1/recruiter/applications.csv".into(), || None, [401, 403, 200, 200, 403]),
            ("GET", a(""), || None, [401, 403, 200, 404, 403]),
            ("GET", a("/cv"), || None, [401, 403, 200, 404, 403]),
            ("POST", a("/notes"), || Some(json!({ "body": "À rappeler mardi." })), [401, 403, 200, 404, 403]),
            ("POST", a("/status"), || Some(json!({ "status": "in_review" })), [401, 403, 200, 404, 403]),
            ("GET", "/api/v1/admin/vis-mon-job/editions".into(), || None, [401, 403, 403, 403, 200]),
            ("POST", "/api/v1/admin/vis-mon-job/editions".into(), || {
                let n = INVITES.fetch_add(1, Ordering::SeqCst);
                Some(crate::vis_mon_job::edition_form(&format!("matrice-{n}")))
            }, [401, 403, 403, 403, 201]),
            ("PUT", vmj(""), || Some(crate::vis_mon_job::edition_form("matrice")), [401, 403, 403, 403, 200]),
            ("POST", vmj("/status"), || Some(json!({ "status": "open" })), [401, 403, 403, 403, 200]),
            ("GET", vmj("/students"), || None, [401, 403, 403, 403, 200]),
            ("GET", vmj("/ambassadors"), || None, [401, 403, 403, 403, 200]),
            ("GET", vmj("/matching"), || None, [401, 403, 403, 403, 200]),
            ("POST", vmj("/matching"), || None, [401, 403, 403, 403, 409]),
            ("POST", vmj("/duos/999999/pin"), || Some(json!({ "pinned": true })), [401, 403, 403, 403, 404]),
            // An id that is not a number, beside a slug: a 400 naming `id`, after the caller is checked.
            ("POST", vmj("/duos/abc/pin"), || Some(json!({ "pinned": true })), [401, 403, 403, 403, 400]),
            ("DELETE", vmj("/duos/999999"), || None, [401, 403, 403, 403, 409]),
            ("POST", vmj("/duos/swap"), || Some(json!({ "first": 999998, "second": 999999 })), [401, 403, 403, 403, 409]),
            ("POST", vmj("/publish"), || None, [401, 403, 403, 403, 409]),
            ("GET", vmj("/report"), || None, [401, 403, 403, 403, 200]),
            ("GET", vmj("/coaching-sessions"), || None, [401, 403, 403, 403, 200]),
            ("POST", vmj("/coaching-sessions"), coaching_session, [401, 403, 403, 403, 201]),
            ("PUT", vmj(&format!("/coaching-sessions/{coaching}/attendance")), || Some(json!({ "present": [] })), [401, 403, 403, 403, 200]),
            ("DELETE", vmj("/coaching-sessions/999999"), || None, [401, 403, 403, 403, 404]),
            ("GET", "/api/v1/recruiter/vis-mon-job/matrice/coaching-sessions".into(), || None, [401, 403, 200, 200, 403]),
            ("PUT", format!("{}/coaching", amb(0)), || Some(json!({ "session": null })), [401, 403, 200, 404, 403]),
            ("GET", "/api/v1/recruiter/vis-mon-job/matrice/ambassadors".into(), || None, [401, 403, 200, 200, 403]),
            ("POST", "/api/v1/recruiter/vis-mon-job/matrice/ambassadors".into(), || {
                let n = INVITES.fetch_add(1, Ordering::SeqCst);
                Some(crate::vis_mon_job::ambassador(&format!("agent{n}@numerique.gouv.fr"), "Hugo", "Blanc", "tech-lead", "75", true))
            }, [401, 403, 201, 201, 403]),
            ("PUT", amb(0), || Some(crate::vis_mon_job::ambassador("nora.haddad@dinum.gouv.fr", "Nora", "Haddad", "tech-lead", "75", true)), [401, 403, 200, 404, 403]),
            ("DELETE", amb(1), || None, [401, 403, 204, 404, 403]),
            ("POST", signup.into(), lea, [400, 201, 403, 403, 403]),
            ("GET", signup.into(), || None, [401, 200, 403, 403, 403]),
            ("PUT", signup.into(), lea, [401, 200, 403, 403, 403]),
            // The candidate's duo (none announced: 404), by session.
            ("GET", format!("{signup}/duo"), || None, [401, 404, 403, 403, 403]),
            ("GET", format!("{signup}/duo/agenda.ics"), || None, [401, 404, 403, 403, 403]),
            ("POST", format!("{signup}/duo/feedback"), || Some(json!({ "rating": 5 })), [401, 404, 403, 403, 403]),
            ("GET", "/api/v1/me/vis-mon-job".into(), || None, [401, 200, 403, 403, 403]),
        ];
        let sessions = [None, Some(acc.candidate.as_str()), Some(acc.recruiter_a.as_str()), Some(acc.recruiter_b.as_str()), Some(acc.admin.as_str())];
        let roles = ["anonymous", "candidate", "recruiter A", "recruiter B", "admin"];
        let mut cells = 0;
        for (method, path, body, expected) in &rows {
            // Recruiter B and the others first: A's own calls change the offer's status.
            for i in [0, 1, 3, 4, 2] {
                let response = send(&app, method, path, sessions[i], body()).await;
                assert_eq!(
                    response.status.as_u16(), expected[i],
                    "{method} {path} as {}: {}", roles[i], response.text()
                );
                if response.status.as_u16() >= 400 {
                    assert_eq!(response.content_type, "application/problem+json", "{method} {path}");
                }
                cells += 1;
            }
        }
        assert_eq!(cells, rows.len() * 5);
        eprintln!("access matrix: {} endpoints × 5 roles = {cells} cells", rows.len());

        // B's attempts left A's offer as A made it, and B's list never shows it.
        let offer = send(&app, "GET", &o(""), Some(&acc.recruiter_a), None).await.json();
        assert_eq!(offer["title"], "Développeuse ou développeur Rust senior");
        assert_eq!(offer["status"], "archived");
        // Each recruiter's showcase edit landed on their own entity only.
        let dinum = crate::common::get(&app, "/api/v1/entities/dinum").await.json();
        assert_eq!(dinum["testimonials"][0]["author_name"], "Inès Moreau");
        assert_eq!(dinum["testimonials"].as_array().unwrap().len(), 1);
        let b_list = send(&app, "GET", "/api/v1/recruiter/offers", Some(&acc.recruiter_b), None).await.json();
        assert!(b_list.as_array().unwrap().iter().all(|o| o["entity"]["slug"] == "dgfip"));
    })
    .await;
}
