//! A paired terminal for a test: its folder, the till, and who is signed in.

use std::path::Path;

use pos_terminal::{
    Cart, Money, Quantity, Receipt, RefundRequest, RefundTo, Staff, Tender, Terminal,
};
use tempfile::TempDir;

use crate::hq_fixture::{Hq, SeededItem};

pub const CASHIER_PIN: &str = "246810";
pub const MANAGER_PIN: &str = "135790";

pub struct Till {
    pub dir: TempDir,
    pub till: Terminal,
    pub cashier: Staff,
    pub manager: Staff,
}

impl std::fmt::Debug for Till {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Till")
            .field("dir", &self.dir.path())
            .finish()
    }
}

/// Adds the cashier and manager every till test signs in with.
pub async fn seed_staff(hq: &Hq) {
    hq.add_user("Casey Cashier", "cashier", CASHIER_PIN).await;
    hq.add_user("Morgan Manager", "manager", MANAGER_PIN).await;
}

impl Till {
    /// Pairs a new terminal with `hq` at `url` (HQ itself or a proxy in front of it),
    /// pulls the catalog, signs in the cashier and manager, and opens a shift.
    pub async fn paired(hq: &Hq, url: &str, name: &str) -> Till {
        let code = hq.add_terminal(name).await;
        let dir = tempfile::tempdir().expect("a temporary folder");
        pos_sync::pair(dir.path(), url, &code).await.expect("pair");
        let mut last = None;
        for _ in 0..50 {
            match pos_sync::sync_data_dir(dir.path()).await {
                Ok(_) => {
                    last = None;
                    break;
                }
                Err(e) => last = Some(e),
            }
        }
        assert!(
            last.is_none(),
            "the first sync never went through: {last:?}"
        );
        let mut till = Terminal::open(dir.path()).expect("open the paired terminal");
        let cashier = till
            .sign_in(CASHIER_PIN)
            .expect("the cashier pulled from HQ signs in");
        let manager = till.sign_in(MANAGER_PIN).expect("the manager signs in");
        till.open_shift(&cashier, money(10_000))
            .expect("open a shift");
        Till {
            dir,
            till,
            cashier,
            manager,
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Sale number `n`: one to three lines picked from `items` by `n`, every fifth with a
    /// 10% line discount; even sales paid in cash (rounded up to the next 5.00, so there
    /// is change), odd ones by card.
    pub fn sell(&mut self, n: usize, items: &[SeededItem]) -> Receipt {
        let mut cart = Cart::new();
        for k in 0..(1 + n % 3) {
            let item = &items[(n * 7 + k * 13) % items.len()];
            let found = self
                .till
                .item_by_code(&item.barcode)
                .expect("a pulled item");
            let qty = Quantity::from_milli(1_000 * (1 + ((n + k) % 3) as i64)).expect("qty");
            let line = cart.add(&found, qty).expect("add a line");
            if n.is_multiple_of(5) {
                cart.set_line_discount(
                    line,
                    Some(pos_terminal::Discount::percent_bp(1_000).expect("10%")),
                )
                .expect("a discount");
            }
        }
        let total = cart.totals().expect("priced").total;
        let tender = if n.is_multiple_of(2) {
            let rounded = (total.minor() / 500 + 1) * 500;
            Tender::cash(money(rounded)).expect("cash")
        } else {
            Tender::card(format!("AUTH{n:06}"), total).expect("card")
        };
        let cashier = self.cashier.clone();
        self.till
            .complete_sale(&cashier, &cart, &[tender], None)
            .expect("a sale")
    }

    /// Refunds the whole of `receipt_no` to its original tenders.
    pub fn refund_all(&mut self, receipt_no: &str) -> Receipt {
        let (cashier, manager) = (self.cashier.clone(), self.manager.clone());
        self.till
            .refund(
                &cashier,
                &manager,
                &RefundRequest {
                    receipt_no: receipt_no.to_owned(),
                    lines: Vec::new(),
                    to: RefundTo::OriginalTender,
                },
            )
            .expect("a refund")
    }

    pub fn queue_length(&self) -> i64 {
        self.till.status().expect("status").queue_length
    }
}

pub fn money(minor: i64) -> Money {
    Money::from_minor(minor).expect("an amount")
}

/// Runs sync rounds until one succeeds with an empty queue (at most `tries`).
pub async fn drain(path: &Path, tries: usize) -> pos_sync::RoundReport {
    let mut last_error = None;
    for _ in 0..tries {
        match pos_sync::sync_data_dir(path).await {
            Ok(report) => {
                let store = pos_store::Store::open(path.join(pos_terminal::DB_FILE))
                    .expect("open the store");
                if store.outbox_len().expect("queue") == 0 {
                    return report;
                }
            }
            Err(e) => last_error = Some(e.to_string()),
        }
    }
    panic!("the queue did not drain in {tries} rounds; last error: {last_error:?}");
}
