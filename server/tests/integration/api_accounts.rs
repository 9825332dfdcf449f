//! Sign-up, sign-in, sessions, single-use links, rate limits and CSRF-safe writes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{accounts, last_link, on_each_backend, post_form, send, PASSWORD};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn sign_up_sign_in_and_sessions() {
    on_each_backend(|t| async move {
        let app = t.router();
        let creds = json!({ "email": " Lea.Petit@Etudiant.fr ", "password": PASSWORD });
        let signup = send(
            &app,
            "POST",
            "/api/v1/auth/signup",
            None,
            Some(creds.clone()),
        )
        .await;
        assert_eq!(signup.status, 202, "{}", signup.text());
        assert!(signup.set_cookie.is_none(), "no session before the link");

        // The same address again: the same answer, nothing created, its owner told.
        let again = send(&app, "POST", "/api/v1/auth/signup", None, Some(creds)).await;
        assert_eq!(
            (again.status, again.body.clone(), again.set_cookie.clone()),
            (signup.status, signup.body.clone(), None)
        );
        let mails = crate::common::outbox_to(&t.db, "lea.petit@etudiant.fr").await;
        let subjects: Vec<&str> = mails.iter().map(|m| m.subject.as_str()).collect();
        assert_eq!(
            subjects,
            [
                "Vous avez déjà un compte",
                "Confirmez votre adresse électronique"
            ]
        );
        assert!(
            mails[0].body.contains("/connexion?retour="),
            "{}",
            mails[0].body
        );
        assert!(!mails[0].body.contains("jeton="), "no secret in it");
        let bad = send(
            &app,
            "POST",
            "/api/v1/auth/signup",
            None,
            Some(json!({ "email": "x", "password": "court" })),
        )
        .await;
        assert_eq!(
            crate::common::problem_fields(&bad.problem(400)),
            ["email", "password"]
        );

        // The confirmation link signs in, once.
        let token = last_link(&t.db, "lea.petit@etudiant.fr").await;
        let verify = send(
            &app,
            "POST",
            "/api/v1/auth/verify-email",
            None,
            Some(json!({ "token": token })),
        )
        .await;
        assert_eq!(verify.status, 200, "{}", verify.text());
        let cookie = verify.set_cookie.clone().unwrap();
        for part in ["HttpOnly", "SameSite=Lax", "Secure"] {
            assert!(cookie.contains(part), "{cookie}");
        }
        let me = verify.json();
        assert_eq!(me["email"], "lea.petit@etudiant.fr");
        assert_eq!(me["role"], "candidate");
        assert_eq!(me["email_verified"], true);
        send(
            &app,
            "POST",
            "/api/v1/auth/verify-email",
            None,
            Some(json!({ "token": token })),
        )
        .await
        .problem(404);

        let wrong = send(
            &app,
            "POST",
            "/api/v1/auth/login",
            None,
            Some(
                json!({ "email": "lea.petit@etudiant.fr", "password": "pas le bon mot de passe" }),
            ),
        )
        .await;
        wrong.problem(401);
        let login = send(
            &app,
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({ "email": "LEA.PETIT@etudiant.fr", "password": PASSWORD })),
        )
        .await;
        assert_eq!(login.status, 200, "{}", login.text());
        let session = login.session();
        let me = send(&app, "GET", "/api/v1/me", Some(&session), None)
            .await
            .json();
        assert_eq!(me["email_verified"], true);

        // Logout revokes the session on the server, not only in the browser.
        assert_eq!(
            send(&app, "POST", "/api/v1/auth/logout", Some(&session), None)
                .await
                .status,
            204
        );
        send(&app, "GET", "/api/v1/me", Some(&session), None)
            .await
            .problem(401);
    })
    .await;
}

/// Pages ask who is signed in on every load: a visitor gets `me: null`, never a 401 that the
/// browser's console would report, and no cache keeps one person's answer for another.
#[tokio::test(flavor = "multi_thread")]
async fn the_session_answers_visitors_without_an_error() {
    on_each_backend(|t| async move {
        let app = t.router();
        let visitor = send(&app, "GET", "/api/v1/auth/session", None, None).await;
        assert_eq!(visitor.status, 200);
        assert_eq!(visitor.json(), json!({ "me": null }));
        assert_eq!(visitor.headers["cache-control"], "no-store");
        let session =
            crate::common::signed_up(&app, &t.db, "hugo.lefevre@etudiant.univ-lyon1.fr").await;
        let signed_in = send(&app, "GET", "/api/v1/auth/session", Some(&session), None).await;
        assert_eq!(
            signed_in.json()["me"]["email"],
            "hugo.lefevre@etudiant.univ-lyon1.fr"
        );
        assert_eq!(signed_in.json()["me"]["role"], "candidate");
        send(&app, "POST", "/api/v1/auth/logout", Some(&session), None).await;
        let after = send(&app, "GET", "/api/v1/auth/session", Some(&session), None).await;
        assert_eq!(after.json(), json!({ "me": null }));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn password_reset_is_single_use_and_revokes_sessions() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let email = "lea.petit@etudiant.univ-rennes.fr";
        // Unknown addresses get the same answer: no account enumeration.
        assert_eq!(
            send(
                &app,
                "POST",
                "/api/v1/auth/password-reset",
                None,
                Some(json!({ "email": "inconnu@exemple.fr" }))
            )
            .await
            .status,
            202
        );
        assert_eq!(
            send(
                &app,
                "POST",
                "/api/v1/auth/password-reset",
                None,
                Some(json!({ "email": email }))
            )
            .await
            .status,
            202
        );
        let token = last_link(&t.db, email).await;
        let short = send(
            &app,
            "POST",
            "/api/v1/auth/password-reset/confirm",
            None,
            Some(json!({ "token": token, "password": "court" })),
        )
        .await;
        assert_eq!(
            crate::common::problem_fields(&short.problem(400)),
            ["password"]
        );
        let new_password = "une toute nouvelle phrase de passe";
        let confirm = || {
            let body = json!({ "token": token, "password": new_password });
            send(
                &app,
                "POST",
                "/api/v1/auth/password-reset/confirm",
                None,
                Some(body),
            )
        };
        let ok = confirm().await;
        assert_eq!(ok.status, 200, "{}", ok.text());
        // The link is single-use.
        confirm().await.problem(404);
        send(&app, "GET", "/api/v1/me", Some(&acc.candidate), None)
            .await
            .problem(401);
        let login = send(
            &app,
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({ "email": email, "password": new_password })),
        )
        .await;
        assert_eq!(login.status, 200);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn login_is_rate_limited_per_account() {
    let t = crate::common::sqlite().await;
    let app = t.router();
    let attempt =
        json!({ "email": "cible@numerique.gouv.fr", "password": "essai numéro quelconque" });
    for _ in 0..5 {
        send(
            &app,
            "POST",
            "/api/v1/auth/login",
            None,
            Some(attempt.clone()),
        )
        .await
        .problem(401);
    }
    let limited = send(&app, "POST", "/api/v1/auth/login", None, Some(attempt)).await;
    assert_eq!(limited.problem(429)["code"], "rate_limited");
    assert!(limited.retry_after.unwrap().parse::<u64>().unwrap() >= 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn writes_must_be_json() {
    let t = crate::common::sqlite().await;
    let app = t.router();
    // What a cross-site HTML form would send.
    use tower::ServiceExt;
    let request = axum::http::Request::post("/api/v1/auth/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(
            "email=a%40b.fr&password=xxxxxxxxxxxxx",
        ))
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    assert_eq!(response.status(), 415);
}

#[tokio::test(flavor = "multi_thread")]
async fn publishing_an_incomplete_draft_names_the_missing_fields() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let draft = json!({
            "metier": "data-scientist", "title": "Data", "mission": "", "profile": "", "team": "", "perks": "", "process": "",
            "contract_type": "stage", "departement_code": "35", "city": "Rennes", "remote": "none", "experience": "junior",
            "expires_at": (chrono::Utc::now() + chrono::Duration::days(10)).naive_utc(),
        });
        let created = send(&app, "POST", "/api/v1/recruiter/offers", Some(&acc.recruiter_a), Some(draft)).await;
        assert_eq!(created.status, 201, "{}", created.text());
        let id = created.json()["id"].as_i64().unwrap();
        assert_eq!(created.json()["status"], "draft");
        let refused = send(&app, "POST", &format!("/api/v1/recruiter/offers/{id}/publish"), Some(&acc.recruiter_a), None).await;
        assert_eq!(crate::common::problem_fields(&refused.problem(400)), ["title", "mission", "profile"]);
        // Not public while a draft.
        send(&app, "GET", &format!("/api/v1/offers/{id}"), None, None).await.problem(404);

        let unknown = send(&app, "POST", "/api/v1/recruiter/offers", Some(&acc.recruiter_a), Some(json!({
            "metier": "astronaute", "title": "Titre", "mission": "", "profile": "", "team": "", "perks": "", "process": "",
            "contract_type": "stage", "departement_code": "35", "city": "Rennes", "remote": "none", "experience": "junior",
            "expires_at": chrono::Utc::now().naive_utc(),
        }))).await;
        assert_eq!(crate::common::problem_fields(&unknown.problem(400)), ["metier"]);

        // The audit log records who did it.
        let audit = send(&app, "GET", "/api/v1/admin/audit", Some(&acc.admin), None).await.json();
        assert!(audit.as_array().unwrap().iter().any(|e| e["action"] == "offer.create" && e["actor_email"] == "camille.martin@dinum.gouv.fr"));
        assert!(audit.as_array().unwrap().iter().any(|e| e["action"] == "recruiter.invite"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_sign_in_and_sign_up_forms_work_without_the_wasm() {
    on_each_backend(|t| async move {
        let app = t.router();
        // A new account: the page saying a link is on its way, no session yet; the same for
        // an address that has an account.
        let made = post_form(
            &app,
            "/inscription",
            "email=Noa.Girard%40etudiant.fr&password=une+phrase+de+passe+solide&retour=%2Fforum",
            None,
        )
        .await;
        assert_eq!(made.status, 303);
        assert_eq!(made.header("location"), "/inscription?envoye=1");
        assert!(made.set_cookie.is_none());
        let again = post_form(&app, "/inscription", "email=noa.girard%40etudiant.fr&password=une+phrase+de+passe+solide", None).await;
        assert_eq!(again.header("location"), "/inscription?envoye=1");
        let weak = post_form(&app, "/inscription", "email=camille%40etudiant.fr&password=court", None).await;
        assert_eq!(weak.header("location"), "/inscription?erreur=weak_password");

        // The link's page, without the WASM: its button confirms, signs in and goes on to
        // where the person was going (the link carries it); a used link is said so.
        let token = last_link(&t.db, "noa.girard@etudiant.fr").await;
        let mails = crate::common::outbox_to(&t.db, "noa.girard@etudiant.fr").await;
        assert!(mails.iter().any(|m| m.body.contains(&format!("jeton={token}&retour=%2Fforum"))));
        let form = format!("jeton={token}&retour=%2Fforum");
        let confirmed = post_form(&app, "/compte/confirmer", &form, None).await;
        assert_eq!(confirmed.status, 303);
        assert_eq!(confirmed.header("location"), "/forum");
        assert!(confirmed.set_cookie.as_deref().unwrap_or_default().starts_with("talents_session="));
        let used = post_form(&app, "/compte/confirmer", &form, None).await;
        assert_eq!(used.header("location"), "/compte/confirmer?erreur=expired_link&retour=%2Fforum");
        assert!(used.set_cookie.is_none());

        // Signing in: the space by default; a refusal goes back with its reason and the return.
        let signed = post_form(&app, "/connexion", "email=noa.girard%40etudiant.fr&password=une+phrase+de+passe+solide", None).await;
        assert_eq!(signed.status, 303);
        assert_eq!(signed.header("location"), "/espace-candidat");
        assert!(signed.set_cookie.is_some());
        let wrong = post_form(&app, "/connexion", "email=noa.girard%40etudiant.fr&password=mauvais&retour=%2Foffres%3Fq%3Ddata", None).await;
        assert_eq!(wrong.header("location"), "/connexion?erreur=credentials&retour=%2Foffres%3Fq%3Ddata");
        assert!(wrong.set_cookie.is_none());
        let empty = post_form(&app, "/connexion", "email=&password=", None).await;
        assert_eq!(empty.header("location"), "/connexion?erreur=missing_fields");
        // Another site's page may not sign anyone in (login CSRF), nor leave the site.
        let foreign = post_form(&app, "/connexion", "email=noa.girard%40etudiant.fr&password=une+phrase+de+passe+solide", Some("https://site-malveillant.example")).await;
        assert_eq!(foreign.status, 403);
        let away = post_form(&app, "/connexion", "email=noa.girard%40etudiant.fr&password=une+phrase+de+passe+solide&retour=%2F%2Fsite-malveillant.example", None).await;
        assert_eq!(away.header("location"), "/espace-candidat");
    })
    .await;
}

/// The header is drawn for the session the page was requested with — before or without the
/// WASM — and its « Se déconnecter » is a form that works as plain HTML.
#[tokio::test(flavor = "multi_thread")]
async fn pages_are_drawn_for_their_session_and_sign_out_without_the_wasm() {
    on_each_backend(|t| async move {
        let app = t.router();
        let candidate = crate::common::signed_up(&app, &t.db, "ines.moreau@etudiant.fr").await;

        let visitor = send(&app, "GET", "/offres", None, None).await;
        assert_eq!(visitor.status, 200);
        assert!(visitor.text().contains("Se connecter"));
        assert!(!visitor.text().contains("Se déconnecter"));
        assert_eq!(visitor.header("vary"), "Cookie");

        let signed = send(&app, "GET", "/offres", Some(&candidate), None).await;
        assert_eq!(signed.status, 200);
        let html = signed.text();
        assert!(
            html.contains("Se déconnecter"),
            "the header names the session"
        );
        assert!(html.contains("href=\"/espace-candidat\""));
        assert!(!html.contains(">Se connecter<"));
        assert!(html.contains("action=\"/deconnexion\""));
        // The person's own page: no shared cache keeps it.
        assert_eq!(signed.header("cache-control"), "private, no-cache");
        assert_eq!(signed.header("vary"), "Cookie");

        // An unknown or ended session: the page as a visitor sees it.
        let stale = send(&app, "GET", "/offres", Some("inconnue"), None).await;
        assert!(stale.text().contains("Se connecter"));

        // Signing out from the header's form: the session is deleted, the cookie cleared,
        // on to the home page; another site's page cannot sign anyone out.
        let foreign = axum::http::Request::builder()
            .method("POST")
            .uri("/deconnexion")
            .header("cookie", format!("talents_session={candidate}"))
            .header("sec-fetch-site", "cross-site")
            .body(axum::body::Body::empty())
            .unwrap();
        assert_eq!(crate::common::call(&app, foreign).await.status, 403);
        let still = send(&app, "GET", "/api/v1/auth/session", Some(&candidate), None).await;
        assert_eq!(still.json()["me"]["role"], "candidate");
        let out = crate::common::post_form_as(&app, "/deconnexion", "", &candidate).await;
        assert_eq!(out.status, 303, "{}", out.text());
        assert_eq!(out.header("location"), "/");
        assert!(out
            .set_cookie
            .as_deref()
            .unwrap_or_default()
            .starts_with("talents_session=;"));
        let after = send(&app, "GET", "/api/v1/auth/session", Some(&candidate), None).await;
        assert_eq!(after.json()["me"], serde_json::Value::Null);
        let page = send(&app, "GET", "/offres", Some(&candidate), None).await;
        assert!(page.text().contains("Se connecter"));
    })
    .await;
}
