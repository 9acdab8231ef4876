use crate::support::{TestDb, stderr, stdout};

const PASSWORD: &str = "correct horse battery staple";

#[tokio::test]
async fn init_creates_exactly_one_admin_with_a_hashed_password() {
    let db = TestDb::migrated().await;
    let out = db
        .hq_with_stdin(
            &[
                "init",
                "--email",
                "Ada@Example.com",
                "--name",
                "Ada Lovelace",
            ],
            &format!("{PASSWORD}\n"),
        )
        .await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Created administrator Ada@Example.com"));
    assert!(!stdout(&out).contains(PASSWORD) && !stderr(&out).contains(PASSWORD));

    let client = db.client().await;
    let rows = client
        .query(
            "SELECT u.email::text, u.display_name, u.password_hash, r.role, o.slug \
             FROM core.users u JOIN core.user_org_roles r ON r.user_id = u.id \
             JOIN core.organizations o ON o.id = r.organization_id",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row.get::<_, String>(1), "Ada Lovelace");
    assert_eq!(row.get::<_, String>(3), "admin");
    assert_eq!(row.get::<_, String>(4), "default");
    let hash: String = row.get(2);
    assert!(
        hq::password::verify(&hash, PASSWORD),
        "the stored hash verifies"
    );
    assert!(!hash.contains(PASSWORD));
    // citext: the login is case-insensitive
    let found: i64 = client
        .query_one(
            "SELECT count(*) FROM core.users WHERE email = 'ada@example.COM'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(found, 1);
}

#[tokio::test]
async fn init_refuses_a_second_run() {
    let db = TestDb::migrated().await;
    let first = db
        .hq_with_stdin(&["init", "--email", "ada@example.com"], PASSWORD)
        .await;
    assert!(first.status.success(), "{}", stderr(&first));
    let second = db
        .hq_with_stdin(&["init", "--email", "grace@example.com"], PASSWORD)
        .await;
    assert!(!second.status.success());
    assert!(
        stderr(&second).contains("already has an administrator"),
        "{}",
        stderr(&second)
    );
    let users: i64 = db
        .client()
        .await
        .query_one("SELECT count(*) FROM core.users", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(users, 1);
}

#[tokio::test]
async fn init_refuses_bad_input_with_a_clear_sentence() {
    let db = TestDb::migrated().await;
    let short = db
        .hq_with_stdin(&["init", "--email", "ada@example.com"], "short\n")
        .await;
    assert!(!short.status.success());
    assert!(
        stderr(&short).contains("at least 10 characters"),
        "{}",
        stderr(&short)
    );

    let empty = db
        .hq_with_stdin(&["init", "--email", "ada@example.com"], "")
        .await;
    assert!(!empty.status.success());
    assert!(stderr(&empty).contains("no password on standard input"));

    let email = db
        .hq_with_stdin(&["init", "--email", "ada"], PASSWORD)
        .await;
    assert!(!email.status.success());
    assert!(stderr(&email).contains("is not an e-mail address"));

    let users: i64 = db
        .client()
        .await
        .query_one("SELECT count(*) FROM core.users", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(users, 0, "nothing is written on bad input");
}

#[tokio::test]
async fn init_concurrent_runs_make_exactly_one_admin() {
    let db = TestDb::migrated().await;
    let (a, b) = tokio::join!(
        db.hq_with_stdin(&["init", "--email", "ada@example.com"], PASSWORD),
        db.hq_with_stdin(&["init", "--email", "grace@example.com"], PASSWORD),
    );
    assert_eq!(
        [a.status.success(), b.status.success()]
            .iter()
            .filter(|ok| **ok)
            .count(),
        1,
        "{} / {}",
        stderr(&a),
        stderr(&b)
    );
    let admins: i64 = db
        .client()
        .await
        .query_one("SELECT count(*) FROM core.user_org_roles", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(admins, 1);
}
