use hq::audit::{Scope, ScopeError};
use hq::roles::Role;
use hq::users::{NewUser, UserError, add_user};

use crate::support::TestDb;

fn cashier(email: &str, pin: &str) -> NewUser {
    NewUser {
        email: email.to_owned(),
        name: "Cy Cashier".to_owned(),
        role: Role::Cashier,
        pin: Some(pin.to_owned()),
        password: None,
    }
}

async fn operator(client: &tokio_postgres::Client) -> Scope {
    Scope::cli(client, "default").await.unwrap()
}

async fn user_count(client: &tokio_postgres::Client) -> i64 {
    client
        .query_one("SELECT count(*) FROM core.users", &[])
        .await
        .unwrap()
        .get(0)
}

#[tokio::test]
async fn user_add_stores_an_argon2_pin_hash_the_role_and_a_catalog_version() {
    let db = TestDb::migrated().await;
    let mut client = db.client().await;
    let scope = operator(&client).await;
    let user = add_user(&mut client, &scope, &cashier(" cy@example.com ", "482916"))
        .await
        .unwrap();
    assert_eq!(user.email, "cy@example.com");
    assert_eq!(user.name, "Cy Cashier");
    assert_eq!(user.role, Role::Cashier);
    let json = serde_json::to_value(&user).unwrap();
    assert_eq!(json["role"], "cashier");
    assert_eq!(json["id"], user.id.to_string());

    let row = client
        .query_one(
            "SELECT u.pin_hash, u.password_hash IS NULL, u.display_name, r.role, \
                    r.sync_version, v.version \
             FROM core.users u JOIN core.user_org_roles r ON r.user_id = u.id \
             JOIN core.catalog_versions v ON v.organization_id = r.organization_id \
             WHERE u.id = $1",
            &[&user.id],
        )
        .await
        .unwrap();
    let pin_hash: String = row.get(0);
    assert!(pin_hash.starts_with("$argon2"), "{pin_hash}");
    assert!(!pin_hash.contains("482916"));
    assert!(hq::password::verify(&pin_hash, "482916"));
    assert!(!hq::password::verify(&pin_hash, "482917"));
    assert!(row.get::<_, bool>(1), "a till user has no password");
    assert_eq!(row.get::<_, String>(2), "Cy Cashier");
    assert_eq!(row.get::<_, String>(3), "cashier");
    let version: i64 = row.get(4);
    assert!(version > 0);
    assert_eq!(version, row.get::<_, i64>(5), "the counter's latest value");

    let manager = NewUser {
        email: "max@example.com".to_owned(),
        name: "Max".to_owned(),
        role: Role::Manager,
        pin: Some("1234".to_owned()),
        password: None,
    };
    let max = add_user(&mut client, &scope, &manager).await.unwrap();
    let row = client
        .query_one(
            "SELECT role, sync_version FROM core.user_org_roles WHERE user_id = $1",
            &[&max.id],
        )
        .await
        .unwrap();
    assert_eq!(row.get::<_, String>(0), "manager");
    assert!(
        row.get::<_, i64>(1) > version,
        "each user add takes a new version"
    );
}

#[tokio::test]
async fn user_add_refuses_a_duplicate_email_whatever_its_case() {
    let db = TestDb::migrated().await;
    let mut client = db.client().await;
    let scope = operator(&client).await;
    add_user(&mut client, &scope, &cashier("cy@example.com", "1111"))
        .await
        .unwrap();
    let error = add_user(&mut client, &scope, &cashier("CY@Example.com", "2222"))
        .await
        .unwrap_err();
    assert!(matches!(error, UserError::EmailUnavailable), "{error:?}");
    assert!(error.to_string().contains("cannot be given"), "{error}");
    assert_eq!(user_count(&client).await, 1);
    let roles: i64 = client
        .query_one("SELECT count(*) FROM core.user_org_roles", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(roles, 1, "the refused user left no role behind");
}

#[tokio::test]
async fn user_add_refuses_a_bad_pin_and_stores_nothing() {
    let db = TestDb::migrated().await;
    let mut client = db.client().await;
    let scope = operator(&client).await;
    for pin in ["123", "123456789", "12a4", "", "12 34"] {
        let error = add_user(&mut client, &scope, &cashier("cy@example.com", pin))
            .await
            .unwrap_err();
        assert!(
            matches!(error, UserError::InvalidPin(_)),
            "{pin:?}: {error:?}"
        );
        assert!(error.to_string().contains("4 to 8 digits"), "{error}");
    }
    assert_eq!(user_count(&client).await, 0);
}

#[tokio::test]
async fn user_add_refuses_an_unknown_organization_and_a_bad_email() {
    let db = TestDb::migrated().await;
    let mut client = db.client().await;
    let error = Scope::cli(&client, "nowhere").await.unwrap_err();
    assert!(matches!(error, ScopeError::NoOrganization(_)), "{error:?}");
    assert!(error.to_string().contains("nowhere"));
    let scope = operator(&client).await;
    let error = add_user(&mut client, &scope, &cashier("not-an-email", "1234"))
        .await
        .unwrap_err();
    assert!(matches!(error, UserError::InvalidEmail(_)), "{error:?}");
    assert_eq!(user_count(&client).await, 0);
}

#[tokio::test]
async fn user_add_refuses_another_organizations_address_as_its_own_and_touches_nothing() {
    let db = TestDb::migrated().await;
    let mut client = db.client().await;
    client
        .batch_execute(
            "INSERT INTO core.organizations (slug, name) VALUES ('acme', 'Acme Stores'); \
             INSERT INTO core.catalog_versions (organization_id) \
               SELECT id FROM core.organizations WHERE slug = 'acme';",
        )
        .await
        .unwrap();
    let ours = operator(&client).await;
    let acme = Scope::cli(&client, "acme").await.unwrap();
    let cy = add_user(&mut client, &ours, &cashier("cy@example.com", "1111"))
        .await
        .unwrap();
    add_user(&mut client, &acme, &cashier("al@acme.example", "3333"))
        .await
        .unwrap();
    let row = "SELECT to_jsonb(u) FROM core.users u WHERE id = $1";
    let before: serde_json::Value = client.query_one(row, &[&cy.id]).await.unwrap().get(0);

    let elsewhere = add_user(&mut client, &acme, &cashier("Cy@Example.com", "2222"))
        .await
        .unwrap_err();
    let here = add_user(&mut client, &acme, &cashier("al@acme.example", "2222"))
        .await
        .unwrap_err();
    assert!(
        matches!(elsewhere, UserError::EmailUnavailable),
        "{elsewhere:?}"
    );
    assert_eq!(elsewhere.to_string(), here.to_string());

    let after: serde_json::Value = client.query_one(row, &[&cy.id]).await.unwrap().get(0);
    assert_eq!(before, after, "our user is untouched");
    let cy_roles: i64 = client
        .query_one(
            "SELECT count(*) FROM core.user_org_roles WHERE user_id = $1",
            &[&cy.id],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(cy_roles, 1, "cy did not join acme");
    let refused: Vec<String> = client
        .query(
            "SELECT detail FROM core.audit_log \
             WHERE action = 'user_add_refused' AND organization_id = $1 ORDER BY id",
            &[&acme.organization_id],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(
        refused,
        [
            "<Cy@Example.com>: the address already has an account",
            "<al@acme.example>: the address already has an account"
        ],
        "both refusals are audited alike in acme"
    );
}
