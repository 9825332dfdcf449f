//! Vis mon job end to end through the API: an edition opened by the team, students signing
//! up (with a new account or a candidate's), ambassadors registered by their recruiters, the
//! matching run and corrected by hand, the duos published, each side's page, calendar file
//! and feedback.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{
    accounts, assert_page_says, get, on_each_backend, outbox_to, post_form, problem_fields, send,
    Accounts, PASSWORD,
};
use axum::Router;
use chrono::{Duration, NaiveDateTime};
use diesel_async::RunQueryDsl;
use serde_json::{json, Value};

pub fn edition_form(slug: &str) -> Value {
    let now = server::paris_time::paris_now();
    let day = (now + Duration::days(30)).date();
    let at = |h, m| -> NaiveDateTime { day.and_hms_opt(h, m, 0).unwrap() };
    json!({
        "slug": slug,
        "title": "Vis mon job — hiver 2026",
        "description": "Une journée en duo avec une ou un agent de l'État pour découvrir un métier du numérique.",
        "starts_at": at(9, 30), "ends_at": at(17, 0), "format": "both",
        "signup_opens_at": now - Duration::days(1), "signup_closes_at": now + Duration::days(10),
        "levels": ["bac3", "bac4", "bac5"],
    })
}

pub fn student(
    email: &str,
    first: &str,
    last: &str,
    departement: &str,
    wishes: &[&str],
    remote_ok: bool,
) -> Value {
    json!({
        "email": email, "password": PASSWORD, "first_name": first, "last_name": last,
        "school": "Université Claude Bernard Lyon 1", "study_level": "bac3", "field": "BUT informatique",
        "departement_code": departement, "remote_ok": remote_ok, "wishes": wishes,
        "administrations": ["dinum"],
        "motivation": "Je veux voir comment une équipe de l'État conçoit un service numérique utile à tous.",
        "consent": true,
    })
}

pub fn ambassador(
    email: &str,
    first: &str,
    last: &str,
    metier: &str,
    departement: &str,
    remote: bool,
) -> Value {
    json!({
        "first_name": first, "last_name": last, "email": email, "job_title": "Développeuse backend",
        "metier": metier, "departement_code": departement, "on_site": true, "remote": remote, "capacity": 1,
        "address": "20 avenue de Ségur, 75007 Paris",
        "visio_url": if remote { "https://webinaire.numerique.gouv.fr/duo" } else { "" },
    })
}

/// The team drafts the edition `slug` ([`edition_form`]): the edition as answered.
pub async fn create_edition(app: &Router, admin: &str, slug: &str) -> Value {
    let created = send(
        app,
        "POST",
        "/api/v1/admin/vis-mon-job/editions",
        Some(admin),
        Some(edition_form(slug)),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.text());
    created.json()
}

/// Without the WASM the sign-up form posts as a plain page, its fields named as the API's:
/// refused, the page again with what was typed (never the password) and the API's messages,
/// not hydrated; accepted, signed in and back to the page, which says so.
#[tokio::test(flavor = "multi_thread")]
async fn the_signup_form_works_as_a_plain_page() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let admin = Some(acc.admin.as_str());
        let slug = "hiver-2026";
        let admin_edition = "/api/v1/admin/vis-mon-job/editions";
        create_edition(&app, &acc.admin, slug).await;
        let status = format!("{admin_edition}/{slug}/status");
        let opened = send(
            &app,
            "POST",
            &status,
            admin,
            Some(json!({ "status": "open" })),
        )
        .await;
        assert_eq!(opened.status, 200, "{}", opened.text());

        let page = format!("/vis-mon-job/{slug}");
        let mut fields = vec![
            ("email", "yanis.moreau@etu.univ-rennes.fr"),
            ("password", PASSWORD),
            ("first_name", "Yanis"),
            ("last_name", "Moreau"),
            ("school", "Université de Rennes"),
            ("study_level", "bac3"),
            ("field", "BUT informatique"),
            ("departement_code", "35"),
            ("remote_ok", "true"),
            ("wishes", "developpeuse-developpeur"),
            ("wishes", ""),
            ("wishes", "data-scientist"),
            ("administrations", "dinum"),
            ("motivation", "Trop court"),
            ("consent", "true"),
        ];
        let body = |fields: &[(&str, &str)]| serde_urlencoded::to_string(fields).unwrap();
        let refused = post_form(&app, &page, &body(&fields), None).await;
        assert_eq!(refused.status, 400, "{}", refused.text());
        let html = refused.text();
        assert!(html.contains(r#"value="Moreau""#), "the typed name is kept");
        assert!(html.contains("Trop court"), "the typed motivation is kept");
        assert!(!html.contains(PASSWORD), "a password is never written back");
        let mut bad = student(
            "lea.petit@etu.univ-rennes.fr",
            "Léa",
            "Petit",
            "35",
            &["data-scientist"],
            true,
        );
        bad["motivation"] = json!("Trop court");
        let api_signup = format!("/api/v1/vis-mon-job/editions/{slug}/signup");
        let problem = send(&app, "POST", &api_signup, None, Some(bad))
            .await
            .problem(400);
        assert_page_says(&html, &problem);
        assert!(
            !html.contains("/pkg/frontend"),
            "a refused form's page is not hydrated"
        );

        let motivation =
            "Voir comment une équipe de l'État conçoit et fait vivre un service numérique.";
        fields.retain(|(name, _)| *name != "motivation");
        fields.push(("motivation", motivation));
        let sent = post_form(&app, &page, &body(&fields), None).await;
        assert_eq!(sent.status, 303, "{}", sent.text());
        assert_eq!(
            sent.header("location"),
            format!("{page}?inscription=a-confirmer#inscription")
        );
        assert!(
            sent.set_cookie.is_none(),
            "signed in by the confirmation link"
        );
        let after = get(&app, &format!("{page}?inscription=a-confirmer"))
            .await
            .text();
        assert!(
            after.contains("confirmez votre adresse"),
            "the page says what is next"
        );
        let session =
            crate::common::confirm_address(&app, &t.db, "yanis.moreau@etu.univ-rennes.fr").await;
        let mine = send(
            &app,
            "GET",
            &format!("/api/v1/vis-mon-job/editions/{slug}/signup"),
            Some(session.as_str()),
            None,
        )
        .await;
        assert_eq!(mine.status, 200, "{}", mine.text());
        let signup = &mine.json()["signup"];
        assert_eq!(
            signup["wishes"],
            json!(["developpeuse-developpeur", "data-scientist"])
        );
        assert_eq!(signup["administrations"], json!(["dinum"]));
        assert_eq!(signup["remote_ok"], true);
        // The form is served for the page's session: a visitor's asks for an account, a
        // signed-in student's does not, another role is told why it is not theirs.
        assert!(get(&app, &page).await.text().contains(r#"name="password""#));
        let served = send(&app, "GET", &page, Some(session.as_str()), None).await;
        assert!(!served.text().contains(r#"name="password""#));
        assert!(served.text().contains(r#"name="motivation""#));
        let admin_page = send(&app, "GET", &page, admin, None).await.text();
        assert!(admin_page.contains("Les inscriptions sont réservées aux étudiantes et étudiants"));
        let after = get(&app, &format!("{page}?inscription=enregistree"))
            .await
            .text();
        assert!(after.contains("Vous êtes inscrit(e) !"));
    })
    .await;
}

/// The edition's matching state once no run is going on.
pub async fn settled(app: &Router, admin: &str, slug: &str) -> Value {
    for _ in 0..400 {
        let state = send(
            app,
            "GET",
            &format!("/api/v1/admin/vis-mon-job/editions/{slug}/matching"),
            Some(admin),
            None,
        )
        .await
        .json();
        if state["running"].is_null() {
            return state;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the matching did not finish");
}

fn duo_of<'a>(state: &'a Value, student_last_name: &str) -> &'a Value {
    state["duos"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["student"]["last_name"] == student_last_name)
        .unwrap_or_else(|| panic!("no duo for {student_last_name}: {state}"))
}

async fn register_ambassadors(app: &Router, acc: &Accounts, slug: &str) -> Vec<i64> {
    let path = format!("/api/v1/recruiter/vis-mon-job/{slug}/ambassadors");
    let mut ids = Vec::new();
    for (session, body) in [
        (
            &acc.recruiter_a,
            ambassador(
                "nora.haddad@dinum.gouv.fr",
                "Nora",
                "Haddad",
                "developpeuse-developpeur",
                "75",
                true,
            ),
        ),
        (
            &acc.recruiter_a,
            ambassador(
                "yanis.roche@dinum.gouv.fr",
                "Yanis",
                "Roche",
                "data-scientist",
                "69",
                false,
            ),
        ),
        (
            &acc.recruiter_b,
            ambassador(
                "claire.fontaine@dgfip.finances.gouv.fr",
                "Claire",
                "Fontaine",
                "developpeuse-developpeur",
                "93",
                false,
            ),
        ),
    ] {
        let created = send(app, "POST", &path, Some(session), Some(body)).await;
        assert_eq!(created.status, 201, "{}", created.text());
        ids.push(
            created.json().as_array().unwrap().last().unwrap()["id"]
                .as_i64()
                .unwrap(),
        );
    }
    ids
}

#[tokio::test(flavor = "multi_thread")]
async fn students_and_ambassadors_are_paired_corrected_and_told() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let admin = Some(acc.admin.as_str());
        let slug = "hiver-2026";
        let edition = |suffix: &str| format!("/api/v1/admin/vis-mon-job/editions/{slug}{suffix}");

        // The team drafts the edition: invisible to the public until opened.
        let mut bad = edition_form(slug);
        bad["ends_at"] = bad["starts_at"].clone();
        assert_eq!(
            problem_fields(
                &send(
                    &app,
                    "POST",
                    "/api/v1/admin/vis-mon-job/editions",
                    admin,
                    Some(bad)
                )
                .await
                .problem(400)
            ),
            ["ends_at"]
        );
        assert_eq!(
            create_edition(&app, &acc.admin, slug).await["status"],
            "draft"
        );
        get(&app, &format!("/api/v1/vis-mon-job/editions/{slug}"))
            .await
            .problem(404);
        send(
            &app,
            "POST",
            &edition("/status"),
            admin,
            Some(json!({ "status": "done" })),
        )
        .await
        .problem(409);
        assert_eq!(
            send(
                &app,
                "POST",
                &edition("/status"),
                admin,
                Some(json!({ "status": "open" }))
            )
            .await
            .json()["status"],
            "open"
        );
        let public = get(&app, "/api/v1/vis-mon-job/editions").await.json();
        assert!(public.as_array().unwrap().iter().any(|e| e["slug"] == slug));

        // Students: one creates the account with the sign-up, one signs up from the account.
        let signup = format!("/api/v1/vis-mon-job/editions/{slug}/signup");
        let ines = send(
            &app,
            "POST",
            &signup,
            None,
            Some(student(
                "ines.benali@etu.univ-lyon1.fr",
                "Inès",
                "Benali",
                "69",
                &["developpeuse-developpeur", "data-scientist"],
                true,
            )),
        )
        .await;
        assert_eq!(ines.status, 202, "{}", ines.text());
        assert!(
            ines.set_cookie.is_none(),
            "signed in by the confirmation link"
        );
        let ines_session =
            crate::common::confirm_address(&app, &t.db, "ines.benali@etu.univ-lyon1.fr").await;
        let mine = send(&app, "GET", &signup, Some(&ines_session), None).await;
        assert_eq!(mine.json()["signup"]["wishes"][1], "data-scientist");
        let mails = outbox_to(&t.db, "ines.benali@etu.univ-lyon1.fr").await;
        assert!(
            mails
                .iter()
                .any(|m| m.subject.starts_with("Inscription confirmée")),
            "{mails:?}"
        );
        assert!(
            mails
                .iter()
                .any(|m| m.subject.contains("Confirmez votre adresse")),
            "{mails:?}"
        );
        let again = send(
            &app,
            "POST",
            &signup,
            None,
            Some(student(
                "ines.benali@etu.univ-lyon1.fr",
                "Inès",
                "Benali",
                "69",
                &["tech-lead"],
                true,
            )),
        )
        .await;
        // The address has an account: the same answer as a new one, nothing stored, and
        // its owner is told to sign in.
        assert_eq!(
            (again.status, again.body.clone()),
            (ines.status, ines.body.clone())
        );
        let mine = send(&app, "GET", &signup, Some(&ines_session), None).await;
        assert_eq!(mine.json()["signup"]["wishes"][1], "data-scientist");
        let told = &outbox_to(&t.db, "ines.benali@etu.univ-lyon1.fr").await[0];
        assert_eq!(told.subject, "Vous avez déjà un compte");
        assert!(
            told.body.contains("/connexion?retour=%2Fvis-mon-job%2F"),
            "{}",
            told.body
        );

        let lea = student(
            "",
            "Léa",
            "Petit",
            "35",
            &["developpeuse-developpeur"],
            false,
        );
        assert_eq!(
            send(
                &app,
                "POST",
                &signup,
                Some(&acc.candidate),
                Some(lea.clone())
            )
            .await
            .status,
            201
        );
        send(
            &app,
            "POST",
            &signup,
            Some(&acc.candidate),
            Some(lea.clone()),
        )
        .await
        .problem(409);
        send(
            &app,
            "POST",
            &signup,
            Some(&acc.recruiter_a),
            Some(lea.clone()),
        )
        .await
        .problem(403);
        let mut bac2 = student(
            "hugo.leroy@etu.u-pec.fr",
            "Hugo",
            "Leroy",
            "93",
            &["developpeuse-developpeur"],
            false,
        );
        bac2["study_level"] = json!("bac2");
        bac2["wishes"] = json!(["pilote-de-ligne"]);
        assert_eq!(
            problem_fields(
                &send(&app, "POST", &signup, None, Some(bac2.clone()))
                    .await
                    .problem(400)
            ),
            ["study_level", "wishes"]
        );
        bac2["study_level"] = json!("bac4");
        bac2["wishes"] = json!(["developpeuse-developpeur"]);
        assert_eq!(
            send(&app, "POST", &signup, None, Some(bac2)).await.status,
            202
        );
        crate::common::confirm_address(&app, &t.db, "hugo.leroy@etu.u-pec.fr").await;
        // Léa edits hers until the deadline.
        let mut edited = lea.clone();
        edited["motivation"] =
            json!("Je prépare un master en sécurité et je veux voir une équipe produit de près.");
        let put = send(&app, "PUT", &signup, Some(&acc.candidate), Some(edited)).await;
        assert_eq!(put.status, 200, "{}", put.text());
        assert!(put.json()["signup"]["motivation"]
            .as_str()
            .unwrap()
            .starts_with("Je prépare"));

        // Recruiters register their agents; B never touches A's.
        let ids = register_ambassadors(&app, &acc, slug).await;
        let ambassadors = format!("/api/v1/recruiter/vis-mon-job/{slug}/ambassadors");
        send(
            &app,
            "POST",
            &ambassadors,
            Some(&acc.recruiter_a),
            Some(ambassador(
                "nora.haddad@dinum.gouv.fr",
                "Nora",
                "Haddad",
                "tech-lead",
                "75",
                true,
            )),
        )
        .await
        .problem(409);
        let b_put = send(
            &app,
            "PUT",
            &format!("{ambassadors}/{}", ids[0]),
            Some(&acc.recruiter_b),
            Some(ambassador(
                "x@dgfip.finances.gouv.fr",
                "X",
                "Y",
                "tech-lead",
                "75",
                true,
            )),
        )
        .await;
        b_put.problem(404);
        let b_list = send(&app, "GET", &ambassadors, Some(&acc.recruiter_b), None)
            .await
            .json();
        assert_eq!(b_list.as_array().unwrap().len(), 1);
        assert_eq!(b_list[0]["entity_slug"], "dgfip");

        // Matching waits for the sign-ups to close, then runs in the background.
        send(&app, "POST", &edition("/matching"), admin, None)
            .await
            .problem(409);
        send(
            &app,
            "POST",
            &edition("/status"),
            admin,
            Some(json!({ "status": "closed" })),
        )
        .await;
        let started = send(&app, "POST", &edition("/matching"), admin, None).await;
        assert_eq!(started.status, 202, "{}", started.text());
        let state = settled(&app, &acc.admin, slug).await;
        assert!(state["last_error"].is_null(), "{state}");
        assert_eq!(state["edition"]["status"], "matched", "{state}");
        // Hugo (93, on site only, wishes the DINUM) gets Nora at the DINUM in Paris rather than
        // Claire of the DGFiP in his département; Inès gets Yanis on site in Lyon rather than
        // Nora by visio; Léa (35, no visio) can meet nobody.
        assert_eq!(duo_of(&state, "Leroy")["ambassador"]["last_name"], "Haddad");
        assert_eq!(
            duo_of(&state, "Leroy")["explanation"],
            "1er vœu de métier, même région, administration souhaitée"
        );
        assert_eq!(duo_of(&state, "Benali")["ambassador"]["last_name"], "Roche");
        assert_eq!(
            duo_of(&state, "Benali")["explanation"],
            "2e vœu de métier, même département, administration souhaitée"
        );
        assert_eq!(state["unmatched"][0]["last_name"], "Petit");
        assert!(state["unmatched"][0]["unmatched_reason"]
            .as_str()
            .unwrap()
            .contains("visio"));
        // Nobody attended a coaching session: every ambassador is flagged.
        let uncoached: Vec<&str> = state["uncoached_ambassadors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["last_name"].as_str().unwrap())
            .collect();
        assert!(
            uncoached.contains(&"Roche") && uncoached.len() >= 3,
            "{uncoached:?}"
        );

        // The team pins Inès's duo and undoes Hugo's: the next run keeps the first and never
        // proposes the second pair again.
        let ines_duo = duo_of(&state, "Benali")["id"].clone();
        let hugo_duo = duo_of(&state, "Leroy")["id"].clone();
        assert_eq!(
            send(
                &app,
                "POST",
                &edition(&format!("/duos/{ines_duo}/pin")),
                admin,
                Some(json!({ "pinned": true }))
            )
            .await
            .status,
            204
        );
        assert_eq!(
            send(
                &app,
                "DELETE",
                &edition(&format!("/duos/{hugo_duo}")),
                admin,
                None
            )
            .await
            .status,
            204
        );
        assert_eq!(
            send(&app, "POST", &edition("/matching"), admin, None)
                .await
                .status,
            202
        );
        let state = settled(&app, &acc.admin, slug).await;
        assert_eq!(duo_of(&state, "Benali")["id"], ines_duo);
        assert_eq!(duo_of(&state, "Benali")["pinned"], true);
        assert_eq!(
            duo_of(&state, "Leroy")["ambassador"]["last_name"],
            "Fontaine"
        );
        assert_eq!(
            duo_of(&state, "Leroy")["explanation"],
            "1er vœu de métier, même département"
        );

        // A swap that breaks a hard constraint is refused: Inès (Lyon) cannot meet Claire, who
        // hosts on site in Seine-Saint-Denis only.
        let swap = |a: &Value, b: &Value| json!({ "first": a["id"], "second": b["id"] });
        let refused = send(
            &app,
            "POST",
            &edition("/duos/swap"),
            admin,
            Some(swap(duo_of(&state, "Benali"), duo_of(&state, "Leroy"))),
        )
        .await;
        assert!(
            refused.problem(409)["detail"]
                .as_str()
                .unwrap()
                .contains("ne peut pas rencontrer"),
            "{}",
            refused.text()
        );

        // Yanis Roche has a proposed duo: what it rests on (métier, place, modes, capacity) no
        // longer changes; the rest does.
        let roche = |metier: &str| {
            ambassador(
                "yanis.roche@dinum.gouv.fr",
                "Yanis",
                "Roche",
                metier,
                "69",
                false,
            )
        };
        let roche_path = format!("{ambassadors}/{}", ids[1]);
        let recruiter = Some(acc.recruiter_a.as_str());
        let moved = send(
            &app,
            "PUT",
            &roche_path,
            recruiter,
            Some(roche("tech-lead")),
        )
        .await;
        assert!(
            moved.problem(409)["detail"]
                .as_str()
                .unwrap()
                .contains("un duo proposé"),
            "{}",
            moved.text()
        );
        let mut retitled = roche("data-scientist");
        retitled["job_title"] = json!("Data scientist senior");
        let kept = send(&app, "PUT", &roche_path, recruiter, Some(retitled)).await;
        assert_eq!(kept.status, 200, "{}", kept.text());

        // Publication: every side is told, the students without a duo get the reason.
        let published = send(&app, "POST", &edition("/publish"), admin, None).await;
        assert_eq!(
            published.json()["status"],
            "published",
            "{}",
            published.text()
        );
        send(&app, "POST", &edition("/publish"), admin, None)
            .await
            .problem(409);
        send(
            &app,
            "POST",
            &ambassadors,
            Some(&acc.recruiter_a),
            Some(ambassador(
                "tard@dinum.gouv.fr",
                "Jean",
                "Tard",
                "tech-lead",
                "75",
                true,
            )),
        )
        .await
        .problem(409);
        let told = outbox_to(&t.db, "yanis.roche@dinum.gouv.fr").await;
        assert!(told[0].body.contains("Inès Benali"), "{}", told[0].body);
        let no_duo = outbox_to(&t.db, "lea.petit@etudiant.univ-rennes.fr").await;
        assert!(
            no_duo.iter().any(|m| m.subject.contains("pas de duo")),
            "{no_duo:?}"
        );
        let link = outbox_to(&t.db, "ines.benali@etu.univ-lyon1.fr")
            .await
            .into_iter()
            .find(|m| m.subject.starts_with("Votre duo"))
            .unwrap()
            .body;
        let token = link
            .split("/vis-mon-job/duo/")
            .nth(1)
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap()
            .to_owned();

        // Inès's page and calendar; her space links to it.
        let page = get(&app, &format!("/api/v1/vis-mon-job/duos/{token}"))
            .await
            .json();
        assert_eq!(page["side"], "student");
        assert_eq!(page["partner"]["first_name"], "Yanis");
        assert_eq!(page["mode"], "on_site");
        assert_eq!(page["place"], "20 avenue de Ségur, 75007 Paris");
        let ics = get(&app, page["ics_url"].as_str().unwrap()).await;
        assert!(ics.content_type.starts_with("text/calendar"));
        let text = ics.text();
        assert!(
            text.contains("BEGIN:VEVENT")
                && text.contains("DTSTART:")
                && text.contains("Yanis Roche"),
            "{text}"
        );
        let mine = send(
            &app,
            "GET",
            "/api/v1/me/vis-mon-job",
            Some(&ines_session),
            None,
        )
        .await
        .json();
        // Her space opens the duo by her session: the link's secret is stored only hashed.
        let space = format!("/espace-candidat/vis-mon-job/{slug}/duo");
        assert_eq!(mine[0]["duo_url"], space.as_str());
        let signed_in = format!("/api/v1/vis-mon-job/editions/{slug}/signup/duo");
        let by_session = send(&app, "GET", &signed_in, Some(&ines_session), None)
            .await
            .json();
        assert_eq!(by_session["partner"], page["partner"]);
        assert_eq!(by_session["ics_url"], format!("{signed_in}/agenda.ics").as_str());
        assert_eq!(by_session["feedback_url"], format!("{signed_in}/feedback").as_str());
        let ics = send(&app, "GET", &format!("{signed_in}/agenda.ics"), Some(&ines_session), None).await;
        let unfolded = ics.text().replace("\r\n ", "");
        assert!(unfolded.contains(&space), "{unfolded}");
        send(&app, "GET", &signed_in, None, None).await.problem(401);
        send(&app, "GET", &signed_in, Some(&acc.candidate), None)
            .await
            .problem(404);
        let stored: Vec<(String, String)> = stored_duo_secrets(&t).await;
        assert!(
            stored.iter().all(|(s, a)| s.len() == 64 && a.len() == 64),
            "{stored:?}"
        );
        assert!(stored.iter().any(|(s, _)| *s == server::auth::token::digest(&token)));
        assert!(!stored.iter().any(|(s, a)| *s == token || *a == token));
        // A secret stored in clear before the change: hashed at start, its link still opens.
        let legacy = "AncienSecretDeDuoStockeEnClair0123456789abc";
        let replaced: Result<usize, server::db::DbError> = async {
            Ok(server::with_conn!(t.db, |conn: DB| {
                diesel::sql_query(format!(
                    "UPDATE vmj_duos SET student_token_hash = '{legacy}' WHERE student_token_hash = '{}'",
                    server::auth::token::digest(&token)
                ))
                .execute(conn)
                .await?
            }))
        }
        .await;
        assert_eq!(replaced.unwrap(), 1);
        assert_eq!(server::db::clear_tokens::hash_all(&t.db).await.unwrap(), 1);
        let reopened = get(&app, &format!("/api/v1/vis-mon-job/duos/{legacy}")).await.json();
        assert_eq!(reopened["partner"], page["partner"]);
        let token = legacy.to_owned();
        get(&app, "/api/v1/vis-mon-job/duos/jeton-inconnu")
            .await
            .problem(404);
        // The report counts the duos: Inès on her 2nd wish, Hugo on his 1st, no rating yet.
        let report = send(&app, "GET", &edition("/report"), admin, None)
            .await
            .json();
        assert_eq!(
            report["by_wish"],
            json!([{ "label": "1er vœu", "count": 1 }, { "label": "2e vœu", "count": 1 }])
        );
        assert_eq!(report["unmatched"], 1);
        assert!(report["student_average"].is_null());
        // Feedback comes after the day.
        let feedback = send(
            &app,
            "POST",
            &format!("/api/v1/vis-mon-job/duos/{token}/feedback"),
            None,
            Some(json!({ "rating": 5, "comment": "Passionnant." })),
        )
        .await;
        feedback.problem(409);
        send(
            &app,
            "POST",
            &format!("{signed_in}/feedback"),
            Some(&ines_session),
            Some(json!({ "rating": 5, "comment": "Passionnant." })),
        )
        .await
        .problem(409);
    })
    .await;
}

/// What `vmj_duos` stores of each duo's two link secrets.
async fn stored_duo_secrets(t: &crate::common::TestDb) -> Vec<(String, String)> {
    use diesel::QueryDsl;
    use server::db::schema::vmj_duos;
    let rows: Result<Vec<(String, String)>, server::db::DbError> = async {
        Ok(server::with_conn!(t.db, |conn: DB| {
            vmj_duos::table
                .select((
                    vmj_duos::student_token_hash,
                    vmj_duos::ambassador_token_hash,
                ))
                .load(conn)
                .await?
        }))
    }
    .await;
    rows.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_team_swaps_two_duos_when_both_new_pairs_can_meet() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let admin = Some(acc.admin.as_str());
        let edition = |suffix: &str| format!("/api/v1/admin/vis-mon-job/editions/ete-2027{suffix}");
        send(
            &app,
            "POST",
            "/api/v1/admin/vis-mon-job/editions",
            admin,
            Some(edition_form("ete-2027")),
        )
        .await;
        send(
            &app,
            "POST",
            &edition("/status"),
            admin,
            Some(json!({ "status": "open" })),
        )
        .await;
        // Two students who accept visio, two remote ambassadors of the same métier.
        for (email, last, departement) in [
            ("ines.benali@etu.univ-lyon1.fr", "Benali", "69"),
            ("sarah.nguyen@etu.u-bordeaux.fr", "Nguyen", "33"),
        ] {
            let body = student(
                email,
                "Étudiante",
                last,
                departement,
                &["developpeuse-developpeur"],
                true,
            );
            assert_eq!(
                send(
                    &app,
                    "POST",
                    "/api/v1/vis-mon-job/editions/ete-2027/signup",
                    None,
                    Some(body)
                )
                .await
                .status,
                202
            );
            crate::common::confirm_address(&app, &t.db, email).await;
        }
        for (email, last, departement) in [
            ("nora.haddad@dinum.gouv.fr", "Haddad", "75"),
            ("yanis.roche@dinum.gouv.fr", "Roche", "13"),
        ] {
            let body = ambassador(
                email,
                "Agent",
                last,
                "developpeuse-developpeur",
                departement,
                true,
            );
            let added = send(
                &app,
                "POST",
                "/api/v1/recruiter/vis-mon-job/ete-2027/ambassadors",
                Some(&acc.recruiter_a),
                Some(body),
            )
            .await;
            assert_eq!(added.status, 201, "{}", added.text());
        }
        send(
            &app,
            "POST",
            &edition("/status"),
            admin,
            Some(json!({ "status": "closed" })),
        )
        .await;
        assert_eq!(
            send(&app, "POST", &edition("/matching"), admin, None)
                .await
                .status,
            202
        );
        let before = settled(&app, &acc.admin, "ete-2027").await;
        let (a, b) = (
            duo_of(&before, "Benali").clone(),
            duo_of(&before, "Nguyen").clone(),
        );
        let swapped = send(
            &app,
            "POST",
            &edition("/duos/swap"),
            admin,
            Some(json!({ "first": a["id"], "second": b["id"] })),
        )
        .await;
        assert_eq!(swapped.status, 204, "{}", swapped.text());
        let after = send(&app, "GET", &edition("/matching"), admin, None)
            .await
            .json();
        assert_eq!(
            duo_of(&after, "Benali")["ambassador_id"],
            b["ambassador_id"]
        );
        assert_eq!(
            duo_of(&after, "Nguyen")["ambassador_id"],
            a["ambassador_id"]
        );
        assert_eq!(duo_of(&after, "Benali")["pinned"], true);
        assert_eq!(
            duo_of(&after, "Benali")["explanation"],
            "1er vœu de métier, en visio, administration souhaitée"
        );
    })
    .await;
}
