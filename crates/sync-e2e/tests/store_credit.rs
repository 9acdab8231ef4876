//! Store credit across terminals: HQ moves a customer's balance with every sale pushed, and
//! when two tills spent the same credit offline, the one that arrives second is refused
//! (a dead letter) while the sales behind it in the same push still land.

use pos_terminal::{Cart, Quantity, Tender};
use sync_e2e::hq_fixture::Hq;
use sync_e2e::till::{Till, drain, money, seed_staff};
use uuid::Uuid;

/// A customer with `balance` of store credit at HQ.
async fn customer_with_credit(hq: &Hq, balance_minor: i64) -> Uuid {
    let db = hq.client().await;
    let id = hq.add_customer("Robin Regular").await;
    db.execute(
        "INSERT INTO acct.customer_balances (customer_id, balance) \
         VALUES ($1, $2::int8::numeric / 100)",
        &[&id, &balance_minor],
    )
    .await
    .expect("a balance");
    id
}

/// One unit of `barcode`.
fn one_of(till: &Till, barcode: &str) -> Cart {
    let item = till.till.item_by_code(barcode).expect("an item");
    let mut cart = Cart::new();
    cart.add(&item, Quantity::from_milli(1_000).expect("qty"))
        .expect("a line");
    cart
}

/// Sells one unit of `barcode` to `customer`, paid with store credit in full.
fn sell_on_credit(till: &mut Till, barcode: &str, customer: Uuid) -> pos_terminal::Receipt {
    let mut cart = one_of(till, barcode);
    cart.customer_id = Some(customer);
    let total = cart.totals().expect("priced").total;
    let cashier = till.cashier.clone();
    till.till
        .complete_sale(
            &cashier,
            &cart,
            &[Tender::store_credit(total).expect("credit")],
            None,
        )
        .expect("a sale on store credit")
}

async fn balance(hq: &Hq, customer: Uuid) -> i64 {
    hq.client()
        .await
        .query_one(
            "SELECT (balance * 100)::int8 FROM acct.customer_balances WHERE customer_id = $1",
            &[&customer],
        )
        .await
        .expect("the balance")
        .get(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credit_spent_twice_offline_is_refused_once_and_the_rest_lands() {
    let hq = Hq::start().await;
    let items = hq.seed_items(5, 1_000_000).await;
    seed_staff(&hq).await;
    let mut first = Till::paired(&hq, &hq.url(), "Till 1").await;
    let mut second = Till::paired(&hq, &hq.url(), "Till 2").await;
    let price = one_of(&first, &items[0].barcode)
        .totals()
        .expect("priced")
        .total;
    // Enough credit for one of the two purchases, not both.
    let customer = customer_with_credit(&hq, price.minor() + price.minor() / 2).await;
    for till in [&first, &second] {
        pos_sync::sync_data_dir(till.path())
            .await
            .expect("the customer reaches the till");
    }

    // Both tills sell on the same credit while offline; the second also sells for cash.
    let kept = sell_on_credit(&mut first, &items[0].barcode, customer);
    let refused = sell_on_credit(&mut second, &items[0].barcode, customer);
    let after: Vec<String> = (0..3).map(|n| second.sell(n, &items).receipt_no).collect();

    let report = drain(first.path(), 3).await;
    assert_eq!(report.rejected, 0);
    assert_eq!(balance(&hq, customer).await, price.minor() / 2);

    let report = drain(second.path(), 3).await;
    assert_eq!(report.rejected, 1, "the second spend of the same credit");
    let dead = &second.till.status().expect("status").recent_dead_letters[0];
    assert_eq!(
        (dead.kind.as_str(), dead.code.as_str()),
        ("sale", "store_credit_exceeded")
    );
    assert_eq!(
        balance(&hq, customer).await,
        price.minor() / 2,
        "never below zero"
    );
    let db = hq.client().await;
    let landed: Vec<String> = db
        .query(
            "SELECT receipt_no FROM pos.sales WHERE receipt_no = ANY($1) \
               AND terminal_id = $2 ORDER BY receipt_no",
            &[&after, &second.till.identity().terminal_id],
        )
        .await
        .expect("sales")
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(landed, after, "the sales behind the refused one landed");
    let kept_at_hq: i64 = db
        .query_one(
            "SELECT count(*) FROM pos.sales WHERE receipt_no = $1 AND terminal_id = $2",
            &[&kept.receipt_no, &first.till.identity().terminal_id],
        )
        .await
        .expect("count")
        .get(0);
    assert_eq!(kept_at_hq, 1);
    let refused_at_hq: i64 = db
        .query_one(
            "SELECT count(*) FROM pos.sales WHERE receipt_no = $1 AND terminal_id = $2",
            &[&refused.receipt_no, &second.till.identity().terminal_id],
        )
        .await
        .expect("count")
        .get(0);
    assert_eq!(refused_at_hq, 0);
    assert!(price > money(0));
    hq.drop_database().await;
}
