//! Candidates' profiles: saved with checked values, found by recruiters only when visible
//! and not hidden from their entity.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{accounts, on_each_backend, problem_fields, send};
use serde_json::{json, Value};

fn profile(visible: bool, hidden: &[&str]) -> Value {
    json!({
        "first_name": "Léa", "last_name": "Petit", "phone": "06 71 22 48 90",
        "metiers": ["data-engineer", "data-scientist"], "regions": ["53", "52"],
        "contract_types": ["contractuel", "stage"],
        "github_url": "https://github.com/lea-petit",
        "visible_to_recruiters": visible, "hidden_entities": hidden,
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn recruiters_find_visible_profiles_except_where_hidden() {
    on_each_backend(|t| async move {
        let app = t.router();
        let acc = accounts(&t, &app).await;
        let save = |body| {
            send(
                &app,
                "PUT",
                "/api/v1/me/profile",
                Some(&acc.candidate),
                Some(body),
            )
        };
        let empty = send(
            &app,
            "GET",
            "/api/v1/me/profile",
            Some(&acc.candidate),
            None,
        )
        .await
        .json();
        assert_eq!(empty["first_name"], "");

        let mut bad = profile(true, &["entite-inconnue"]);
        bad["metiers"] = json!(["astronaute"]);
        bad["regions"] = json!(["99"]);
        assert_eq!(
            problem_fields(&save(bad).await.problem(400)),
            ["metiers", "regions", "hidden_entities"]
        );

        let saved = save(profile(true, &[])).await;
        assert_eq!(saved.status, 200, "{}", saved.text());
        assert_eq!(saved.json()["regions"], json!(["53", "52"]));
        let talents = |session: String, query: &'static str| {
            let app = app.clone();
            async move {
                let path = format!("/api/v1/recruiter/profiles{query}");
                send(&app, "GET", &path, Some(&session), None).await.json()
            }
        };
        let seen = talents(acc.recruiter_a.clone(), "").await;
        assert_eq!(seen[0]["email"], "lea.petit@etudiant.univ-rennes.fr");
        assert_eq!(
            seen[0]["metiers"],
            json!(["Data engineer", "Data scientist"])
        );
        assert_eq!(seen[0]["regions"], json!(["Bretagne", "Pays de la Loire"]));
        assert_eq!(
            talents(acc.recruiter_a.clone(), "?metier=data-engineer&region=53")
                .await
                .as_array()
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            talents(acc.recruiter_a.clone(), "?region=11").await,
            json!([])
        );

        // Hidden from DINUM: its recruiters no longer see it, the DGFiP's still do.
        assert_eq!(save(profile(true, &["dinum"])).await.status, 200);
        assert_eq!(talents(acc.recruiter_a.clone(), "").await, json!([]));
        assert_eq!(
            talents(acc.recruiter_b.clone(), "")
                .await
                .as_array()
                .unwrap()
                .len(),
            1
        );
        let mine = send(
            &app,
            "GET",
            "/api/v1/me/profile",
            Some(&acc.candidate),
            None,
        )
        .await
        .json();
        assert_eq!(mine["hidden_entities"], json!(["dinum"]));
        // Not visible: nobody sees it.
        assert_eq!(save(profile(false, &[])).await.status, 200);
        assert_eq!(talents(acc.recruiter_b.clone(), "").await, json!([]));
    })
    .await;
}
