//! A demo terminal in a temporary folder, with its cashier, manager and customer.

use pos_terminal::{
    Cart, InitReport, Item, Money, Quantity, Receipt, Role, Staff, Tender, Terminal, TerminalError,
};
use tempfile::TempDir;
use uuid::Uuid;

pub struct Demo {
    /// Kept so the folder outlives the terminal.
    pub _dir: TempDir,
    pub till: Terminal,
    pub report: InitReport,
    pub cashier: Staff,
    pub manager: Staff,
    pub customer_id: Uuid,
}

impl Demo {
    /// A demo terminal, nobody signed in yet except through the PINs `init` reported, and
    /// no shift open.
    pub fn without_shift() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (mut till, report) = Terminal::init(dir.path(), true).expect("init --demo");
        let cashier = till
            .sign_in(&pin_of(&report, Role::Cashier))
            .expect("the cashier signs in");
        let manager = till
            .sign_in(&pin_of(&report, Role::Manager))
            .expect("the manager signs in");
        assert_eq!(cashier.role(), Role::Cashier);
        assert_eq!(manager.role(), Role::Manager);
        assert_eq!(report.customers.len(), 1, "one demo customer");
        let customer_id = report.customers[0].id;
        Self {
            _dir: dir,
            till,
            report,
            cashier,
            manager,
            customer_id,
        }
    }

    /// A demo terminal with a shift opened by the cashier (float 100.00).
    pub fn with_shift() -> Self {
        let mut demo = Self::without_shift();
        demo.till
            .open_shift(&demo.cashier, money("100.00"))
            .expect("open a shift");
        demo
    }

    pub fn item(&self, sku: &str) -> Item {
        self.till.item_by_code(sku).expect("a demo item")
    }

    /// A cart of `(sku, quantity)`.
    pub fn cart(&self, lines: &[(&str, &str)]) -> Cart {
        let mut cart = Cart::new();
        for (sku, quantity) in lines {
            cart.add(&self.item(sku), qty(quantity))
                .expect("add a line");
        }
        cart
    }

    /// Completes `cart` paid exactly in cash by the cashier, no approval.
    pub fn sell_cash(&mut self, cart: &Cart) -> Receipt {
        let total = cart.totals().expect("priced").total;
        let cashier = self.cashier.clone();
        self.till
            .complete_sale(&cashier, cart, &[cash(total)], None)
            .expect("a cash sale")
    }

    pub fn queue_length(&self) -> i64 {
        self.till.status().expect("status").queue_length
    }

    pub fn credit(&self) -> Money {
        self.till
            .customer(self.customer_id)
            .expect("read the customer")
            .expect("the demo customer exists")
            .store_credit
    }

    pub fn assert_verified(&self) {
        assert_eq!(self.till.verify().expect("verify"), Vec::new());
    }
}

pub fn pin_of(report: &InitReport, role: Role) -> String {
    report
        .users
        .iter()
        .find(|u| u.role == role)
        .expect("a demo user per role")
        .pin
        .clone()
}

/// A well-formed PIN that is not `pin`.
pub fn wrong_pin(pin: &str) -> String {
    let mut digits: Vec<char> = pin.chars().collect();
    let last = digits.pop().and_then(|c| c.to_digit(10)).expect("digits");
    digits.push(char::from_digit((last + 1) % 10, 10).expect("a digit"));
    digits.into_iter().collect()
}

pub fn money(s: &str) -> Money {
    Money::parse(s).expect("an amount")
}

pub fn qty(s: &str) -> Quantity {
    Quantity::parse(s).expect("a quantity")
}

pub fn cash(amount: Money) -> Tender {
    Tender::cash(amount).expect("a cash tender")
}

pub fn code(result: Result<impl std::fmt::Debug, TerminalError>) -> &'static str {
    match result {
        Ok(value) => panic!("expected a refusal, got {value:?}"),
        Err(error) => error.code(),
    }
}
