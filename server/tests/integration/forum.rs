//! Forum de l'emploi tech through the API: the team builds an edition and its programme,
//! candidates register (with a waiting list and its promotion), recruiters publish job-dating
//! slots that candidates book (one per slot, even under 100 simultaneous requests), the
//! agenda and its calendar file, the day-before reminders, the team's figures.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{
    accounts, get, on_each_backend, outbox_to, post_form, post_form_as, problem_fields, send,
};
use axum::Router;
use chrono::{Duration, NaiveDateTime};
use serde_json::{json, Value};
use server::auth::token::Purpose;
use server::db::users::{Link, NewAccount};
use server::db::Db;
use shared::account::Role;

/// An edition of two days starting in ten days, registrations open until the second morning.
pub fn edition_form(slug: &str) -> Value {
    let day = (server::paris_time::paris_now() + Duration::days(10)).date();
    let at =
        |d: i64, h, m| -> NaiveDateTime { (day + Duration::days(d)).and_hms_opt(h, m, 0).unwrap() };
    json!({
        "slug": slug, "title": "Forum de l'emploi tech de l'État",
        "description": "Deux jours en ligne pour rencontrer les services numériques qui recrutent.",
        "starts_at": at(0, 9, 0), "ends_at": at(1, 18, 0), "registration_closes_at": at(1, 12, 0),
        "published": true,
    })
}

fn at(edition: &Value, day: i64, hour: u32, minute: u32) -> NaiveDateTime {
    let start: NaiveDateTime = serde_json::from_value(edition["starts_at"].clone()).unwrap();
    (start.date() + Duration::days(day))
        .and_hms_opt(hour, minute, 0)
        .unwrap()
}

pub fn session_form(
    edition: &Value,
    kind: &str,
    title: &str,
    entity: Option<&str>,
    (day, hour): (i64, u32),
    capacity: i32,
) -> Value {
    json!({
        "kind": kind, "title": title,
        "description": "Une session du forum, en visio, avec les équipes qui recrutent.",
        "speakers": ["Inès Moreau, cheffe de projet recrutement"],
        "entity": entity, "metier": "developpeuse-developpeur",
        "starts_at": at(edition, day, hour, 0), "ends_at": at(edition, day, hour + 2, 0),
        "capacity": capacity, "online_url": "https://webinaire.numerique.gouv.fr/forum-session",
    })
}

/// A signed-in candidate created as the platform creates accounts (no password needed here):
/// the session secret.
async fn candidate(db: &Db, email: &str) -> String {
    candidate_account(db, email).await.0
}

async fn candidate_account(db: &Db, email: &str) -> (String, shared::UserId) {
    let account = NewAccount {
        email: email.to_owned(),
        password_hash: None,
        role: Role::Candidate,
        entity_id: None,
        answers_request: None,
    };
    let link = Link::new(Purpose::VerifyEmail).unwrap();
    let mail =
        |secret: &str| server::mail::verify_email("http://localhost:3000", email, secret, None);
    let user = server::db::users::create_account(db, account, link, mail, None)
        .await
        .unwrap();
    (
        server::db::users::create_session(db, user).await.unwrap(),
        user,
    )
}

/// `n` as letters (0 → A, 26 → BA): names hold no digits.
fn letters(mut n: usize) -> String {
    let mut word = Vec::new();
    loop {
        word.push(b'A' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    word.reverse();
    String::from_utf8(word).expect("ASCII letters")
}

async fn join(app: &Router, session: &str, slug: &str, first: &str, last: &str) {
    let joined = send(
        app,
        "PUT",
        &format!("/api/v1/forum/editions/{slug}/registration"),
        Some(session),
        Some(json!({ "first_name": first, "last_name": last })),
    )
    .await;
    assert_eq!(joined.status, 200, "{}", joined.text());
}

#[tokio::test(flavor = "multi_thread")]
async fn candidates_register_wait_get_promoted_book_slots_and_get_their_agenda() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let (admin, a, b, lea) = (Some(acc.admin.as_str()), Some(acc.recruiter_a.as_str()), Some(acc.recruiter_b.as_str()), Some(acc.candidate.as_str()));
        let edition = edition_form("forum-test");
        let created = send(&app, "POST", "/api/v1/admin/forum/editions", admin, Some(edition.clone())).await;
        assert_eq!(created.status, 201, "{}", created.text());

        // The programme: one session of each kind; a job dating needs its entity, and a
        // session must take place during the forum.
        let sessions_path = "/api/v1/admin/forum/editions/forum-test/sessions";
        let mut bad = session_form(&edition, "job_dating", "Job dating DINUM", None, (0, 14), 10);
        bad["starts_at"] = json!(at(&edition, 5, 14, 0));
        bad["ends_at"] = json!(at(&edition, 5, 16, 0));
        let refused = send(&app, "POST", sessions_path, admin, Some(bad)).await.problem(400);
        assert_eq!(problem_fields(&refused), ["entity", "starts_at"]);
        let mut ids = Vec::new();
        for (kind, title, entity, when, capacity) in [
            ("conference", "Ouverture : le numérique de l'État recrute", Some("dinum"), (0, 9), 500),
            ("recruiter_presentation", "Travailler à la DGFiP", Some("dgfip"), (0, 10), 300),
            ("workshop", "Atelier : un CV tech qui parle aux recruteurs", None, (1, 9), 1),
            ("job_dating", "Job dating DINUM", Some("dinum"), (0, 14), 8),
        ] {
            let added = send(&app, "POST", sessions_path, admin, Some(session_form(&edition, kind, title, entity, when, capacity))).await;
            assert_eq!(added.status, 201, "{}", added.text());
            ids.push(added.json()["id"].as_i64().unwrap());
        }
        let (conference, _presentation, workshop, dating) = (ids[0], ids[1], ids[2], ids[3]);

        // The public programme and its filters.
        let all = get(&app, "/api/v1/forum/sessions?edition=forum-test").await.json();
        assert_eq!(all.as_array().unwrap().len(), 4);
        let kinds: Vec<&str> = all.as_array().unwrap().iter().map(|s| s["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["conference", "recruiter_presentation", "job_dating", "workshop"]);
        let day2 = at(&edition, 1, 0, 0).date();
        assert_eq!(get(&app, &format!("/api/v1/forum/sessions?edition=forum-test&day={day2}")).await.json()[0]["id"], workshop);
        assert_eq!(get(&app, "/api/v1/forum/sessions?edition=forum-test&kind=job_dating&entity=dinum").await.json().as_array().unwrap().len(), 1);
        assert_eq!(get(&app, "/api/v1/forum/sessions?kind=workshop").await.json().as_array().unwrap().len(), 1);
        assert!(get(&app, &format!("/api/v1/forum/sessions/{conference}")).await.json()["online_url"].is_null());

        // Sessions come after the edition's registration.
        let register = |id: i64| format!("/api/v1/forum/sessions/{id}/registration");
        send(&app, "POST", &register(conference), lea, None).await.problem(409);
        join(&app, &acc.candidate, "forum-test", "Léa", "Petit").await;
        let confirmed = send(&app, "POST", &register(conference), lea, None).await;
        assert_eq!(confirmed.status, 201, "{}", confirmed.text());
        assert_eq!(confirmed.json()["status"], "confirmed");
        send(&app, "POST", &register(conference), lea, None).await.problem(409);
        let detail = send(&app, "GET", &format!("/api/v1/forum/sessions/{conference}"), lea, None).await.json();
        assert_eq!(detail["online_url"], "https://webinaire.numerique.gouv.fr/forum-session");
        assert_eq!(detail["my_status"], "confirmed");
        // Opening the link counts the attendance.
        let joined = send(&app, "GET", &format!("/api/v1/forum/sessions/{conference}/join"), lea, None).await;
        assert_eq!(joined.status, 303);

        // The workshop has one seat: Léa takes it, two others wait in order.
        let (hugo, hugo_id) = candidate_account(&t.db, "hugo.leroy@etu.univ-lille.fr").await;
        let sarah = candidate(&t.db, "sarah.benali@etu.u-bordeaux.fr").await;
        join(&app, &hugo, "forum-test", "Hugo", "Leroy").await;
        join(&app, &sarah, "forum-test", "Sarah", "Benali").await;
        assert_eq!(send(&app, "POST", &register(workshop), lea, None).await.json()["status"], "confirmed");
        let second = send(&app, "POST", &register(workshop), Some(&hugo), None).await.json();
        assert_eq!((second["status"].clone(), second["waiting_position"].clone()), (json!("waiting"), json!(1)));
        assert_eq!(send(&app, "POST", &register(workshop), Some(&sarah), None).await.json()["waiting_position"], 2);
        assert!(send(&app, "GET", &format!("/api/v1/forum/sessions/{workshop}"), Some(&hugo), None).await.json()["online_url"].is_null());
        // Léa cancels: Hugo gets the seat and an e-mail, Sarah moves up.
        assert_eq!(send(&app, "DELETE", &register(workshop), lea, None).await.status, 204);
        let hugo_view = send(&app, "GET", &format!("/api/v1/forum/sessions/{workshop}"), Some(&hugo), None).await.json();
        assert_eq!(hugo_view["my_status"], "confirmed");
        assert!(hugo_view["online_url"].is_string());
        assert_eq!(send(&app, "GET", &format!("/api/v1/forum/sessions/{workshop}"), Some(&sarah), None).await.json()["waiting_position"], 1);
        let told = outbox_to(&t.db, "hugo.leroy@etu.univ-lille.fr").await;
        assert!(told.iter().any(|m| m.subject.contains("Une place s'est libérée")), "{told:?}");
        let w = get(&app, &format!("/api/v1/forum/sessions/{workshop}")).await.json();
        assert_eq!((w["confirmed"].clone(), w["waiting"].clone()), (json!(1), json!(1)));
        // A job dating is booked by slot, not registered to.
        send(&app, "POST", &register(dating), lea, None).await.problem(409);

        // Job dating: only the session's entity publishes slots.
        let slots_path = format!("/api/v1/recruiter/forum/sessions/{dating}/slots");
        let range = json!({ "starts_at": at(&edition, 0, 14, 0), "ends_at": at(&edition, 0, 15, 0), "minutes": 15 });
        send(&app, "POST", &slots_path, b, Some(range.clone())).await.problem(404);
        let published = send(&app, "POST", &slots_path, a, Some(range)).await;
        assert_eq!(published.status, 201, "{}", published.text());
        let slot_ids: Vec<i64> = published.json()["slots"].as_array().unwrap().iter().map(|s| s["slot"]["id"].as_i64().unwrap()).collect();
        assert_eq!(slot_ids.len(), 4);
        let book = |id: i64| format!("/api/v1/forum/slots/{id}/booking");
        let booked = send(&app, "POST", &book(slot_ids[0]), lea, None).await;
        assert_eq!(booked.status, 201, "{}", booked.text());
        // One slot per candidate with this recruiter; a taken slot is refused to others.
        send(&app, "POST", &book(slot_ids[1]), lea, None).await.problem(409);
        send(&app, "POST", &book(slot_ids[0]), Some(&hugo), None).await.problem(409);
        // The recruiter sees who booked, and exports the list; the other entity cannot.
        let mine = send(&app, "GET", "/api/v1/recruiter/forum/sessions", a, None).await.json();
        let dinum_dating = mine.as_array().unwrap().iter().find(|s| s["session"]["id"] == dating).unwrap();
        assert_eq!(dinum_dating["slots"][0]["candidate"]["last_name"], "Petit");
        assert!(send(&app, "GET", "/api/v1/recruiter/forum/sessions", b, None).await.json().as_array().unwrap().iter().all(|s| s["session"]["entity"]["slug"] == "dgfip"));
        let csv = send(&app, "GET", &format!("/api/v1/recruiter/forum/sessions/{dating}/attendees.csv"), a, None).await;
        assert!(csv.text().contains("Léa;Petit;lea.petit@etudiant.univ-rennes.fr"), "{}", csv.text());
        send(&app, "GET", &format!("/api/v1/recruiter/forum/sessions/{dating}/attendees.csv"), b, None).await.problem(404);
        send(&app, "DELETE", &format!("{slots_path}/{}", slot_ids[0]), a, None).await.problem(409);
        assert_eq!(send(&app, "DELETE", &format!("{slots_path}/{}", slot_ids[3]), a, None).await.status, 204);

        // Léa's agenda: the conference and her slot (the workshop was cancelled); the
        // overlap of the 14:00 slot with nothing, the calendar file with both.
        let agenda = send(&app, "GET", "/api/v1/me/forum", lea, None).await.json();
        let items = agenda["items"].as_array().unwrap();
        assert_eq!(items.iter().map(|i| i["session"]["id"].as_i64().unwrap()).collect::<Vec<_>>(), [conference, dating]);
        assert_eq!(items[1]["slot"]["id"], slot_ids[0]);
        assert_eq!(agenda["editions"][0]["slug"], "forum-test");
        let ics = send(&app, "GET", "/api/v1/me/forum/agenda.ics", lea, None).await;
        assert_eq!(ics.content_type, "text/calendar; charset=utf-8");
        assert_eq!(ics.text().matches("BEGIN:VEVENT").count(), 2);
        assert!(ics.text().contains("Job dating avec"), "{}", ics.text());
        // The presentation at 10:00–12:00 overlaps the 09:00–11:00 conference.
        send(&app, "POST", &register(_presentation), lea, None).await;
        let agenda = send(&app, "GET", "/api/v1/me/forum", lea, None).await.json();
        assert_eq!(agenda["items"][0]["overlaps"], json!([_presentation]));

        // The day before: one reminder per confirmed seat and booked slot, sent once.
        let eve = at(&edition, -1, 18, 0);
        let sent = server::forum::send_reminders(&t.db, "http://localhost:3000", eve).await.unwrap();
        assert_eq!(sent, 3, "conference, presentation and the slot of Léa");
        assert_eq!(server::forum::send_reminders(&t.db, "http://localhost:3000", eve).await.unwrap(), 0);
        assert!(outbox_to(&t.db, "lea.petit@etudiant.univ-rennes.fr").await.iter().any(|m| m.subject.starts_with("Demain")));

        // Cancelling the booking frees the slot for Hugo.
        assert_eq!(send(&app, "DELETE", &book(slot_ids[0]), lea, None).await.status, 204);
        assert_eq!(send(&app, "POST", &book(slot_ids[0]), Some(&hugo), None).await.status, 201);

        // The team's figures.
        let figures = send(&app, "GET", "/api/v1/admin/forum/editions/forum-test/figures", admin, None).await.json();
        let of = |id: i64| figures["sessions"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap().clone();
        assert_eq!((of(conference)["confirmed"].clone(), of(conference)["joined"].clone()), (json!(1), json!(1)));
        assert_eq!((of(workshop)["confirmed"].clone(), of(workshop)["waiting"].clone()), (json!(1), json!(1)));
        assert_eq!((of(dating)["slots"].clone(), of(dating)["bookings"].clone()), (json!(3), json!(1)));
        assert_eq!(figures["edition"]["participants"], 3);

        // Hugo erases his account: his workshop seat goes to Sarah, who is told.
        let cvs = server::cv_store::CvStore::open(&t.cvs.path().to_string_lossy()).unwrap();
        server::personal_data::erase(&t.db, &cvs, "http://localhost:3000", hugo_id).await.unwrap();
        let w = send(&app, "GET", &format!("/api/v1/forum/sessions/{workshop}"), Some(&sarah), None).await.json();
        assert_eq!((w["my_status"].clone(), w["confirmed"].clone(), w["waiting"].clone()), (json!("confirmed"), json!(1), json!(0)));
        assert!(outbox_to(&t.db, "sarah.benali@etu.u-bordeaux.fr").await.iter().any(|m| m.subject.contains("Une place s'est libérée")));

        // Past the deadline, nobody registers any more.
        let mut closed = edition.clone();
        closed["registration_closes_at"] = json!(server::paris_time::paris_now() - Duration::minutes(1));
        assert_eq!(send(&app, "PUT", "/api/v1/admin/forum/editions/forum-test", admin, Some(closed)).await.status, 200);
        send(&app, "POST", &register(conference), Some(&sarah), None).await.problem(409);
        send(&app, "POST", &book(slot_ids[2]), Some(&sarah), None).await.problem(409);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hundred_simultaneous_bookings_of_one_slot_make_one_booking() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let edition = edition_form("forum-charge");
        assert_eq!(send(&app, "POST", "/api/v1/admin/forum/editions", Some(&acc.admin), Some(edition.clone())).await.status, 201);
        let form = session_form(&edition, "job_dating", "Job dating DINUM", Some("dinum"), (0, 14), 8);
        let dating = send(&app, "POST", "/api/v1/admin/forum/editions/forum-charge/sessions", Some(&acc.admin), Some(form)).await.json()["id"].as_i64().unwrap();
        let range = json!({ "starts_at": at(&edition, 0, 14, 0), "ends_at": at(&edition, 0, 14, 15), "minutes": 15 });
        let slot = send(&app, "POST", &format!("/api/v1/recruiter/forum/sessions/{dating}/slots"), Some(&acc.recruiter_a), Some(range)).await.json()["slots"][0]["slot"]["id"].as_i64().unwrap();

        let mut people = Vec::new();
        for n in 0..100 {
            let session = candidate(&t.db, &format!("candidat{n}@etu.univ-rennes.fr")).await;
            join(&app, &session, "forum-charge", "Camille", &format!("Durand-{}", letters(n))).await;
            people.push(session);
        }
        let tasks: Vec<_> = people
            .into_iter()
            .map(|session| {
                let app = app.clone();
                tokio::spawn(async move {
                    send(&app, "POST", &format!("/api/v1/forum/slots/{slot}/booking"), Some(&session), None).await
                })
            })
            .collect();
        let mut statuses = std::collections::BTreeMap::new();
        for task in tasks {
            let response = task.await.unwrap();
            *statuses.entry(response.status.as_u16()).or_insert(0) += 1;
        }
        assert_eq!(statuses, std::collections::BTreeMap::from([(201, 1), (409, 99)]), "{}", t.backend());
        let seen = send(&app, "GET", "/api/v1/recruiter/forum/sessions", Some(&acc.recruiter_a), None).await.json();
        let booked: Vec<&Value> = seen[0]["slots"].as_array().unwrap().iter().filter(|s| !s["candidate"].is_null()).collect();
        assert_eq!(booked.len(), 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn simultaneous_registrations_fill_the_seats_then_the_waiting_list() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let edition = edition_form("forum-atelier");
        assert_eq!(
            send(
                &app,
                "POST",
                "/api/v1/admin/forum/editions",
                Some(&acc.admin),
                Some(edition.clone())
            )
            .await
            .status,
            201
        );
        let form = session_form(
            &edition,
            "workshop",
            "Atelier : préparer un entretien technique",
            None,
            (1, 9),
            5,
        );
        let workshop = send(
            &app,
            "POST",
            "/api/v1/admin/forum/editions/forum-atelier/sessions",
            Some(&acc.admin),
            Some(form),
        )
        .await
        .json()["id"]
            .as_i64()
            .unwrap();
        let mut people = Vec::new();
        for n in 0..20 {
            let session = candidate(&t.db, &format!("atelier{n}@etu.univ-lyon1.fr")).await;
            join(
                &app,
                &session,
                "forum-atelier",
                "Noé",
                &format!("Garnier-{}", letters(n)),
            )
            .await;
            people.push(session);
        }
        let tasks: Vec<_> = people
            .iter()
            .cloned()
            .map(|session| {
                let app = app.clone();
                tokio::spawn(async move {
                    send(
                        &app,
                        "POST",
                        &format!("/api/v1/forum/sessions/{workshop}/registration"),
                        Some(&session),
                        None,
                    )
                    .await
                    .json()
                })
            })
            .collect();
        let mut confirmed = 0;
        let mut positions = Vec::new();
        for task in tasks {
            let answer = task.await.unwrap();
            match answer["status"].as_str() {
                Some("confirmed") => confirmed += 1,
                Some("waiting") => positions.push(answer["waiting_position"].as_i64().unwrap()),
                _ => panic!("{answer}"),
            }
        }
        assert_eq!(confirmed, 5, "{}", t.backend());
        positions.sort_unstable();
        assert_eq!(positions, (1..=15).collect::<Vec<_>>());
        let w = get(&app, &format!("/api/v1/forum/sessions/{workshop}"))
            .await
            .json();
        assert_eq!(
            (w["confirmed"].clone(), w["waiting"].clone()),
            (json!(5), json!(15))
        );

        // Three more seats: the first three waiting move up, the others move forward.
        let bigger = session_form(
            &edition,
            "workshop",
            "Atelier : préparer un entretien technique",
            None,
            (1, 9),
            8,
        );
        let grown = send(
            &app,
            "PUT",
            &format!("/api/v1/admin/forum/sessions/{workshop}"),
            Some(&acc.admin),
            Some(bigger),
        )
        .await;
        assert_eq!(
            (
                grown.json()["confirmed"].clone(),
                grown.json()["waiting"].clone()
            ),
            (json!(8), json!(12)),
            "{}",
            grown.text()
        );
        let mut ranks = Vec::new();
        for session in &people {
            let seen = send(
                &app,
                "GET",
                &format!("/api/v1/forum/sessions/{workshop}"),
                Some(session),
                None,
            )
            .await
            .json();
            if let Some(rank) = seen["waiting_position"].as_i64() {
                ranks.push(rank);
            }
        }
        ranks.sort_unstable();
        assert_eq!(ranks, (1..=12).collect::<Vec<_>>());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_registration_works_as_a_plain_form() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let edition = edition_form("forum-sans-wasm");
        let created = send(
            &app,
            "POST",
            "/api/v1/admin/forum/editions",
            Some(&acc.admin),
            Some(edition.clone()),
        )
        .await;
        assert_eq!(created.status, 201, "{}", created.text());
        let form = session_form(
            &edition,
            "workshop",
            "Atelier : réussir son entretien technique",
            None,
            (1, 9),
            1,
        );
        let added = send(
            &app,
            "POST",
            "/api/v1/admin/forum/editions/forum-sans-wasm/sessions",
            Some(&acc.admin),
            Some(form),
        )
        .await;
        assert_eq!(added.status, 201, "{}", added.text());
        let id = added.json()["id"].as_i64().unwrap();
        let page = format!("/forum/sessions/{id}");
        let action = page.clone();

        // The session's served page holds the form, which works without the WASM.
        let served = get(&app, &page).await;
        assert!(
            served.text().contains(&format!(r#"action="{action}""#)),
            "the plain form is served"
        );

        // A visitor is sent to sign in, and back.
        let visitor = post_form(&app, &action, "", None).await;
        assert_eq!(visitor.status, 303);
        assert_eq!(
            visitor.header("location"),
            format!("/connexion?retour=%2Fforum%2Fsessions%2F{id}")
        );

        // A candidate new to the forum, without a profile: the names are asked, under their fields.
        let nora = candidate(&t.db, "nora.benali@etu.univ-lille.fr").await;
        let asked = post_form_as(&app, &action, "", &nora).await;
        assert_eq!(asked.status, 400, "{}", asked.text());
        let html = asked.text();
        assert!(html.contains(r#"name="first_name""#) && html.contains(r#"name="last_name""#));
        assert!(
            html.contains("fr-input-group--error"),
            "the fields are marked"
        );
        assert!(
            !html.contains("/pkg/frontend"),
            "a refused form's page is not hydrated"
        );
        assert!(
            html.contains("Se déconnecter") && html.contains(r#"href="/espace-candidat""#),
            "a refused form's page is drawn for its session"
        );

        let joined = post_form_as(&app, &action, "first_name=Nora&last_name=Benali", &nora).await;
        assert_eq!(joined.status, 303, "{}", joined.text());
        assert_eq!(
            joined.header("location"),
            format!("{page}?inscription=confirmee#participer")
        );
        let told = get(&app, &format!("{page}?inscription=confirmee"))
            .await
            .text();
        assert!(told.contains("Inscription confirmée"), "the page says so");
        let agenda = send(&app, "GET", "/api/v1/me/forum", Some(&nora), None)
            .await
            .json();
        assert_eq!(agenda["items"][0]["session"]["id"], id, "{agenda}");
        assert_eq!(agenda["items"][0]["status"], "confirmed", "{agenda}");

        // The one seat is taken: the next candidate, with a profile, waits — named by it.
        let hugo = candidate(&t.db, "hugo.lambert@etu.univ-lille.fr").await;
        let profile =
            json!({ "first_name": "Hugo", "last_name": "Lambert", "visible_to_recruiters": false });
        let saved = send(
            &app,
            "PUT",
            "/api/v1/me/profile",
            Some(&hugo),
            Some(profile),
        )
        .await;
        assert_eq!(saved.status, 200, "{}", saved.text());
        let waiting = post_form_as(&app, &action, "", &hugo).await;
        assert_eq!(waiting.status, 303, "{}", waiting.text());
        assert_eq!(
            waiting.header("location"),
            format!("{page}?inscription=attente&position=1#participer")
        );
        let hugo_agenda = send(&app, "GET", "/api/v1/me/forum", Some(&hugo), None)
            .await
            .json();
        assert_eq!(
            hugo_agenda["items"][0]["status"], "waiting",
            "{hugo_agenda}"
        );

        // Twice is refused, on the page; a recruiter is not a candidate; another site is refused.
        let again = post_form_as(&app, &action, "", &nora).await;
        assert_eq!(again.status, 409, "{}", again.text());
        assert!(again.text().contains("déjà inscrit"));
        let recruiter = post_form_as(&app, &action, "", &acc.recruiter_a).await;
        assert_eq!(recruiter.status, 403, "{}", recruiter.text());
        // Which the page served to a recruiter says in place of the form.
        let theirs = send(&app, "GET", &page, Some(&acc.recruiter_a), None)
            .await
            .text();
        assert!(theirs.contains("connectez-vous avec un compte candidat"));
        assert!(!theirs.contains(&format!(r#"action="{action}""#)));
        let foreign = post_form(&app, &action, "", Some("https://site-malveillant.example")).await;
        assert_eq!(foreign.status, 403);
    })
    .await;
}
