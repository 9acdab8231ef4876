//! Completing a sale: price it, check who must approve what, settle the tenders, and hand
//! the store one sale to commit atomically with its movements and outbox record.

use pos_domain::{Money, Tender, TenderMethod, limits, settle_with_credit_balance};
use pos_store::{
    AuditEntry, NewPayment, NewSale, NewSaleLine, NewVoid, PaymentMethod, SaleApproval, SaleKind,
};
use uuid::Uuid;

use crate::approval::needs_manager;
use crate::cart::{Cart, within};
use crate::receipt::Receipt;
use crate::staff::Staff;
use crate::{Terminal, TerminalError, clock};

pub(crate) fn payment(tender: &Tender) -> NewPayment {
    let (method, reference) = match tender.method() {
        TenderMethod::Cash => (PaymentMethod::Cash, None),
        TenderMethod::Card { reference } => (PaymentMethod::Card, Some(reference.clone())),
        TenderMethod::StoreCredit => (PaymentMethod::StoreCredit, None),
    };
    NewPayment {
        id: Uuid::now_v7(),
        method,
        amount: tender.amount(),
        reference,
    }
}

impl Terminal {
    /// Completes `cart` paid by `tenders`. Needs an open shift; discounts above the
    /// cashier's limit and price overrides need `manager` (a manager's approval, written to
    /// the audit log with the sale, in the same transaction). Stock never blocks a sale:
    /// items that go below zero are flagged on the receipt.
    pub fn complete_sale(
        &mut self,
        cashier: &Staff,
        cart: &Cart,
        tenders: &[Tender],
        manager: Option<&Staff>,
    ) -> Result<Receipt, TerminalError> {
        self.complete_sale_as(Uuid::now_v7(), cashier, cart, tenders, manager)
    }

    /// [`Terminal::complete_sale`] with the sale's id chosen by the caller: the till uses
    /// its open sale's key, so a sale completed just before a crash cannot be completed
    /// again from the restored open sale (the store refuses a second sale with that id).
    pub(crate) fn complete_sale_as(
        &mut self,
        sale_id: Uuid,
        cashier: &Staff,
        cart: &Cart,
        tenders: &[Tender],
        manager: Option<&Staff>,
    ) -> Result<Receipt, TerminalError> {
        if cart.is_empty() {
            return Err(TerminalError::EmptySale);
        }
        let shift = self
            .store
            .current_shift()?
            .ok_or(TerminalError::NoOpenShift)?;
        // A pull that lands between the price check and the commit changes what the sale
        // must be checked against: check again (the store refuses such a commit).
        let mut attempts = 0;
        loop {
            attempts += 1;
            match self.try_complete(sale_id, cashier, cart, tenders, manager, shift.id) {
                Err(TerminalError::Store(pos_store::StoreError::CatalogChanged { .. }))
                    if attempts < 3 => {}
                done => return done,
            }
        }
    }

    /// One attempt at [`Terminal::complete_sale_as`], against the catalog version the till
    /// holds now.
    fn try_complete(
        &mut self,
        sale_id: Uuid,
        cashier: &Staff,
        cart: &Cart,
        tenders: &[Tender],
        manager: Option<&Staff>,
        shift_id: Uuid,
    ) -> Result<Receipt, TerminalError> {
        // Read before the catalog is: the store checks it is still the same at the commit.
        let catalog_version = self.store.sync_state()?.pull_cursor;
        let totals = cart.totals()?;
        within(limits::check_amount("the sale's total", totals.total))?;
        for line in &totals.lines {
            within(limits::check_amount("a line's total", line.total))?;
        }
        let mut approvals = needs_manager(cart, &totals);
        approvals.extend(self.differences_from_catalog(cart)?);
        let approver = match (approvals.is_empty(), manager) {
            (true, _) => None,
            (false, Some(m)) if m.is_manager() => Some(m.id),
            (false, _) => return Err(TerminalError::NeedsManager(approvals.join("; "))),
        };
        let credit = match cart.customer_id {
            Some(customer) => {
                self.store
                    .customer_by_id(customer)?
                    .ok_or_else(|| {
                        TerminalError::InvalidInput(format!(
                            "no customer has the id {customer} on this terminal"
                        ))
                    })?
                    .store_credit
            }
            None => Money::ZERO,
        };
        let settlement = settle_with_credit_balance(totals.total, tenders, credit)?;
        let now = clock::now_utc();
        let sale = NewSale {
            id: sale_id,
            kind: SaleKind::Sale,
            refund_of: None,
            customer_id: cart.customer_id,
            cashier_id: cashier.id,
            shift_id: Some(shift_id),
            lines: cart
                .lines
                .iter()
                .zip(&totals.lines)
                .map(|(line, priced)| NewSaleLine {
                    id: Uuid::now_v7(),
                    item_id: line.item_id,
                    name: line.name.clone(),
                    unit_price: line.unit_price,
                    quantity: line.quantity,
                    tax_rate: line.tax_rate,
                    price_includes_tax: line.price_includes_tax,
                    gross: priced.gross,
                    line_discount: priced.line_discount,
                    cart_discount_share: priced.cart_discount_share,
                    tax: priced.tax,
                    total: priced.total,
                    refund_of_line: None,
                })
                .collect(),
            payments: tenders.iter().map(payment).collect(),
            subtotal: totals.subtotal,
            discount_total: totals.discount_total,
            tax_total: totals.tax_total,
            tax_included: totals.tax_included,
            total: totals.total,
            paid_total: settlement.paid,
            change_given: settlement.change,
            occurred_at: now.clone(),
            business_date: clock::business_date(),
            catalog_version: Some(catalog_version),
            approval: approver.map(|approved_by| SaleApproval {
                approved_by,
                reasons: approvals.clone(),
            }),
        };
        let audit: Vec<AuditEntry> = approvals
            .iter()
            .map(|reason| AuditEntry {
                id: Uuid::now_v7(),
                at: now.clone(),
                user_id: Some(cashier.id),
                approved_by: approver,
                action: "override".to_owned(),
                detail: reason.clone(),
            })
            .collect();
        let completed = self.store.complete_sale_audited(&sale, &audit)?;
        let skus: Vec<String> = cart.lines.iter().map(|l| l.sku.clone()).collect();
        // The sale is committed: the stock flag is a courtesy and must not turn it into an error.
        let negative = self.negative_after(cart).unwrap_or_default();
        // So is the receipt for the printer: a reprint is always possible.
        let _ = self.queue_receipt(&completed.record.receipt_no);
        Ok(Receipt::new(
            completed.record.receipt_no,
            &cashier.name,
            &sale,
            &skus,
            negative,
        ))
    }

    /// A cart comes from outside the core (the UI, a parked sale): each line is checked
    /// against the catalog, and a price or tax that differs from it without a recorded
    /// override is an override all the same, which needs a manager.
    fn differences_from_catalog(&self, cart: &Cart) -> Result<Vec<String>, TerminalError> {
        let mut differences = Vec::new();
        for (index, line) in cart.lines.iter().enumerate() {
            let item = self
                .store
                .item_by_id(line.item_id)?
                .filter(|item| !item.row.deleted)
                .ok_or_else(|| TerminalError::UnknownItem(line.sku.clone()))?;
            let shelf_price = line.overridden_from.unwrap_or(line.unit_price);
            if shelf_price != item.row.price
                || line.tax_rate != item.tax_rate
                || line.price_includes_tax != item.row.price_includes_tax
            {
                differences.push(format!(
                    "line {}: {} is rung at {} ({} tax) but the catalog says {} ({} tax)",
                    index + 1,
                    line.name,
                    shelf_price,
                    line.tax_rate,
                    item.row.price,
                    item.tax_rate
                ));
            }
        }
        Ok(differences)
    }

    /// SKUs of `cart` whose level at this terminal's location is now below zero.
    fn negative_after(&self, cart: &Cart) -> Result<Vec<String>, TerminalError> {
        let mut negative = Vec::new();
        for line in &cart.lines {
            let level = self
                .store
                .stock_level(line.item_id, self.identity.location_id)?;
            if level < 0 && !negative.contains(&line.sku) {
                negative.push(line.sku.clone());
            }
        }
        Ok(negative)
    }

    /// Voids the sale being rung up (nothing was committed for it): a manager approves, the
    /// audit log keeps who, what and how much, and a void of a sale with lines is recorded
    /// in the journal and pushed to HQ (the day's figures count it).
    pub fn void_sale(
        &mut self,
        cashier: &Staff,
        manager: &Staff,
        cart: &Cart,
    ) -> Result<(), TerminalError> {
        if !manager.is_manager() {
            return Err(TerminalError::NeedsManager(format!(
                "{} is not a manager (void)",
                manager.name
            )));
        }
        if cart.is_empty() {
            return self.audit(Some(cashier.id), Some(manager.id), "void", "empty sale");
        }
        let total = cart.totals()?.total;
        let lines = u32::try_from(cart.lines.len())
            .map_err(|_| TerminalError::InvalidInput("too many lines to void".to_owned()))?;
        let at = clock::now_utc();
        let entry = AuditEntry {
            id: Uuid::now_v7(),
            at: at.clone(),
            user_id: Some(cashier.id),
            approved_by: Some(manager.id),
            action: "void".to_owned(),
            detail: format!("open sale of {lines} line(s), total {total}"),
        };
        let void = NewVoid {
            id: Uuid::now_v7(),
            shift_id: self.current_shift()?.map(|shift| shift.id),
            cashier_id: cashier.id,
            approved_by: manager.id,
            lines,
            total,
            occurred_at: at,
            business_date: clock::business_date(),
        };
        self.store.record_void(&void, &[entry])?;
        Ok(())
    }
}
