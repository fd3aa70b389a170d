use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::util::{TestApp, PASSWORD};

#[tokio::test]
async fn login_answers_token_user_and_permissions() {
    let app = TestApp::new().await;
    let r = app
        .call(Method::POST, "/api/v1/auth/login", None, Some(json!({"username": "agent1", "password": PASSWORD})))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let token = r.body["token"].as_str().unwrap();
    assert!(token.len() >= 40);
    assert_eq!(r.body["user"]["role"], "agent");
    assert_eq!(r.body["user"]["hospital_name"], "江淮市第一人民医院");
    assert!(r.body["user"]["permissions"].as_array().unwrap().contains(&json!("screen_pop")));
    let me = app.get("/api/v1/auth/me", token).await;
    assert_eq!(me.body["username"], "agent1");
    // Only a hash of the token is stored, and the password is argon2id.
    let (token_hash, pw_hash) = app
        .db(|conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::{sessions, users};
            hcrm_server::db_run!(conn: {
                let t: String = sessions::table.select(sessions::token_hash).first(conn).unwrap();
                let p: String = users::table.filter(users::username.eq("agent1")).select(users::password_hash).first(conn).unwrap();
                (t, p)
            })
        })
        .await;
    assert_ne!(token_hash, token);
    assert!(pw_hash.starts_with("$argon2id$"));
}

#[tokio::test]
async fn wrong_password_and_unknown_user_look_the_same() {
    let app = TestApp::new().await;
    let a = app
        .call(Method::POST, "/api/v1/auth/login", None, Some(json!({"username": "agent1", "password": "Wrong#1234"})))
        .await;
    let b = app
        .call(Method::POST, "/api/v1/auth/login", None, Some(json!({"username": "nobody", "password": "Wrong#1234"})))
        .await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    assert_eq!(a.body["detail"], b.body["detail"]);
    assert_eq!(app.audit_count("auth.login_failed", None).await, 2);
}

#[tokio::test]
async fn five_failures_lock_the_account_until_an_admin_unlocks() {
    let app = TestApp::new().await;
    for _ in 0..5 {
        let r = app
            .call(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(json!({"username": "agent2", "password": "Wrong#1234"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    // Even the right password is refused while locked.
    let r = app
        .call(Method::POST, "/api/v1/auth/login", None, Some(json!({"username": "agent2", "password": PASSWORD})))
        .await;
    assert_eq!(r.status, StatusCode::LOCKED, "{:?}", r.body);
    assert_eq!(r.body["code"], "account_locked");
    let admin = app.login("admin").await;
    let users = app.get("/api/v1/users", &admin).await;
    let agent2 = users.body.as_array().unwrap().iter().find(|u| u["username"] == "agent2").unwrap().clone();
    assert!(agent2["locked_until"].is_string());
    let id = agent2["id"].as_i64().unwrap();
    let r = app.patch(&format!("/api/v1/users/{id}"), &admin, json!({"unlock": true})).await;
    assert_eq!(r.status, StatusCode::OK);
    app.login("agent2").await;
}

#[tokio::test]
async fn one_address_is_rate_limited() {
    let app = TestApp::with_config(|c| c.login_attempts_per_minute = 3).await;
    for _ in 0..3 {
        app.call(Method::POST, "/api/v1/auth/login", None, Some(json!({"username": "x", "password": "y"}))).await;
    }
    let r = app
        .call(Method::POST, "/api/v1/auth/login", None, Some(json!({"username": "agent1", "password": PASSWORD})))
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.body["code"], "rate_limited");
}

#[tokio::test]
async fn logout_expiry_and_disable_end_sessions() {
    let app = TestApp::new().await;
    let t = app.login("agent1").await;
    let r = app.call(Method::POST, "/api/v1/auth/logout", Some(&t), None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(app.get("/api/v1/auth/me", &t).await.status, StatusCode::UNAUTHORIZED);

    // Expired: the clock has passed expires_at.
    let t = app.login("agent1").await;
    app.db(|conn| {
        use diesel::prelude::*;
        use hcrm_server::db::schema::sessions;
        let past = hcrm_server::db::now() - chrono::Duration::minutes(1);
        hcrm_server::db_run!(conn: { diesel::update(sessions::table).set(sessions::expires_at.eq(past)).execute(conn).unwrap() });
    })
    .await;
    let r = app.get("/api/v1/auth/me", &t).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.body["code"], "session_expired");

    // Disabled by an admin: thrown out at once, and cannot sign in again.
    let t = app.login("agent2").await;
    let admin = app.login("admin").await;
    let users = app.get("/api/v1/users", &admin).await;
    let id = users.body.as_array().unwrap().iter().find(|u| u["username"] == "agent2").unwrap()["id"].as_i64().unwrap();
    assert_eq!(
        app.patch(&format!("/api/v1/users/{id}"), &admin, json!({"disabled": true})).await.status,
        StatusCode::OK
    );
    assert_eq!(app.get("/api/v1/auth/me", &t).await.status, StatusCode::UNAUTHORIZED);
    let r = app
        .call(Method::POST, "/api/v1/auth/login", None, Some(json!({"username": "agent2", "password": PASSWORD})))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.body["code"], "account_disabled");
}

#[tokio::test]
async fn idle_sessions_expire() {
    let app = TestApp::with_config(|c| c.session_idle_minutes = 5).await;
    let t = app.login("agent1").await;
    app.db(|conn| {
        use diesel::prelude::*;
        use hcrm_server::db::schema::sessions;
        let past = hcrm_server::db::now() - chrono::Duration::minutes(6);
        hcrm_server::db_run!(conn: { diesel::update(sessions::table).set(sessions::last_seen_at.eq(past)).execute(conn).unwrap() });
    })
    .await;
    assert_eq!(app.get("/api/v1/auth/me", &t).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn admin_creates_user_who_signs_in_and_policy_is_enforced() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let csc = app.department_id("HOSP1", "CSC").await;
    let weak = app.post("/api/v1/users", &admin, json!({"username": "agent9", "display_name": "新客服", "password": "password", "role": "agent", "department_id": csc})).await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(weak.body["field"], "password");
    let nodept = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "doc9", "display_name": "医生", "password": "Good#Pass1", "role": "doctor"}),
        )
        .await;
    assert_eq!(nodept.body["field"], "department_id");
    let r = app.post("/api/v1/users", &admin, json!({"username": "agent9", "display_name": "新客服", "password": "Good#Pass1", "role": "agent", "department_id": csc})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    let dup = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "agent9", "display_name": "x", "password": "Good#Pass1", "role": "agent"}),
        )
        .await;
    assert_eq!(dup.status, StatusCode::CONFLICT);
    assert_eq!(dup.body["field"], "username");
    let login = app
        .call(Method::POST, "/api/v1/auth/login", None, Some(json!({"username": "agent9", "password": "Good#Pass1"})))
        .await;
    assert_eq!(login.status, StatusCode::OK);
    // Reset ends the user's sessions; the new password works.
    let id = r.body["id"].as_i64().unwrap();
    let t = login.body["token"].as_str().unwrap().to_string();
    assert_eq!(
        app.post(&format!("/api/v1/users/{id}/reset-password"), &admin, json!({"password": "Other#Pass2"}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.get("/api/v1/auth/me", &t).await.status, StatusCode::UNAUTHORIZED);
    let login = app
        .call(Method::POST, "/api/v1/auth/login", None, Some(json!({"username": "agent9", "password": "Other#Pass2"})))
        .await;
    assert_eq!(login.status, StatusCode::OK);
    // Changing one's own password needs the old one.
    let t = login.body["token"].as_str().unwrap().to_string();
    let bad =
        app.post("/api/v1/auth/password", &t, json!({"old_password": "nope", "new_password": "Third#Pass3"})).await;
    assert_eq!(bad.body["field"], "old_password");
    let ok = app
        .post("/api/v1/auth/password", &t, json!({"old_password": "Other#Pass2", "new_password": "Third#Pass3"}))
        .await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn admins_cannot_lock_themselves_out() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let me = app.get("/api/v1/auth/me", &admin).await;
    let id = me.body["id"].as_i64().unwrap();
    let r = app.patch(&format!("/api/v1/users/{id}"), &admin, json!({"disabled": true})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}
