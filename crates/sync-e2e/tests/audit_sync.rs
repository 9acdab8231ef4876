//! A till's audit log reaches HQ with its sales: a wrong PIN, a drawer opened with no
//! sale and a refund's approval each arrive once, under the terminal that wrote them and
//! the people they name; a record naming someone of another organization is refused.

use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{Till, drain, seed_staff};
use sync_protocol::api::PushRecord;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tills_audit_entries_reach_hq_exactly_once() {
    let hq = Hq::start().await;
    let items = hq.seed_items(4, 1_000_000).await;
    seed_staff(&hq).await;
    let mut till = Till::paired(&hq, &hq.url(), "Till 1").await;
    let (cashier, manager) = (till.cashier.clone(), till.manager.clone());

    assert!(till.till.sign_in("999999").is_err(), "a wrong PIN");
    till.till
        .no_sale(&cashier, &manager, "change for the float")
        .expect("a no-sale");
    let sold = till.sell(1, &items);
    till.refund_all(&sold.receipt_no);
    let on_till = till.till.audit_log(100).expect("the till's log");
    assert!(on_till.len() >= 3, "{on_till:?}");
    drain(till.path(), 5).await;
    // A second round pushes nothing again.
    drain(till.path(), 5).await;

    let db = hq.client().await;
    let rows = db
        .query(
            "SELECT a.id, a.action, a.user_id, a.approved_by, a.detail, t.name \
             FROM core.audit_log a JOIN pos.terminals t ON t.id = a.terminal_id \
             WHERE a.source = 'terminal' ORDER BY a.occurred_at, a.id",
            &[],
        )
        .await
        .expect("HQ's audit log");
    assert_eq!(rows.len(), on_till.len(), "each entry once");
    for entry in &on_till {
        let row = rows
            .iter()
            .find(|r| r.get::<_, uuid::Uuid>(0) == entry.id)
            .unwrap_or_else(|| panic!("{entry:?} did not reach HQ"));
        assert_eq!(row.get::<_, String>(1), entry.action);
        assert_eq!(row.get::<_, Option<uuid::Uuid>>(2), entry.user_id);
        assert_eq!(row.get::<_, Option<uuid::Uuid>>(3), entry.approved_by);
        assert_eq!(row.get::<_, String>(4), entry.detail);
        assert_eq!(row.get::<_, String>(5), "Till 1");
    }
    let actions: Vec<String> = rows.iter().map(|r| r.get(1)).collect();
    for wanted in ["sign_in_failed", "no_sale", "refund"] {
        assert!(
            actions.iter().any(|a| a == wanted),
            "{wanted} in {actions:?}"
        );
    }
    let no_sale = rows
        .iter()
        .find(|r| r.get::<_, String>(1) == "no_sale")
        .expect("the no-sale");
    assert_eq!(no_sale.get::<_, Option<uuid::Uuid>>(2), Some(cashier.id()));
    assert_eq!(no_sale.get::<_, Option<uuid::Uuid>>(3), Some(manager.id()));
    assert_eq!(till.queue_length(), 0);

    // A forged entry naming a user HQ does not have in this organization is refused, and
    // one with a bad action name too; nothing of either is kept.
    let identity = till.till.identity().clone();
    let client = pos_sync::HqClient::new(
        &hq.url(),
        Some(pos_sync::token::load(identity.terminal_id).expect("the token")),
    )
    .expect("a client");
    let next = hq
        .client()
        .await
        .query_one(
            "SELECT last_applied FROM pos.terminals WHERE id = $1",
            &[&identity.terminal_id],
        )
        .await
        .expect("the terminal")
        .get::<_, i64>(0)
        + 1;
    let forged = |seq: i64, user: uuid::Uuid, action: &str| {
        let payload = serde_json::to_string(&sync_protocol::AuditRecord {
            terminal_id: identity.terminal_id,
            id: uuid::Uuid::now_v7(),
            at: "2026-11-27T10:00:00Z".to_owned(),
            user_id: Some(user),
            approved_by: None,
            action: action.to_owned(),
            detail: String::new(),
        })
        .expect("json");
        PushRecord {
            seq,
            kind: sync_protocol::AUDIT_KIND.to_owned(),
            record_id: format!("forged-{seq}"),
            content_hash: pos_store::content_hash(payload.as_bytes()),
            payload,
            chain: None,
        }
    };
    let answer = client
        .push(vec![
            forged(next, uuid::Uuid::new_v4(), "no_sale"),
            forged(next + 1, cashier.id(), "DROP TABLE"),
        ])
        .await
        .expect("HQ answers");
    let codes: Vec<String> = answer
        .results
        .iter()
        .map(|r| r.code.clone().unwrap_or_default())
        .collect();
    assert_eq!(answer.results.len(), 2);
    assert_eq!(codes, ["unknown_user", "bad_record"]);
    let kept: i64 = db
        .query_one(
            "SELECT count(*) FROM core.audit_log WHERE source = 'terminal'",
            &[],
        )
        .await
        .expect("count")
        .get(0);
    assert_eq!(kept as usize, on_till.len());
}
