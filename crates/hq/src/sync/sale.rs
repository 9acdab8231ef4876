//! A sale or refund pushed by a terminal: checked, re-priced, and written with its lines,
//! payments, stock movements, journal entry and store-credit change.

use deadpool_postgres::Transaction;
use serde::de::DeserializeOwned;
use sync_protocol::api::PushRecord;
use sync_protocol::{PaymentMethod, SALE_KIND, SaleKind, SaleRecord};
use tokio_postgres::types::ToSql;
use uuid::Uuid;

use super::push::Effects;
use super::refusal::ApplyError;
use super::vet::{self, levels, people, prices, refunds};
use super::{Refusal, journal};
use crate::terminals::AuthedTerminal;

/// A payload as the record it claims to be, or a refusal that says what is wrong.
pub fn parse<T: DeserializeOwned>(payload: &str) -> Result<T, Refusal> {
    serde_json::from_str(payload)
        .map_err(|e| Refusal::new("bad_record", format!("the record cannot be read: {e}")))
}

/// A terminal writes only as itself, at its own location.
pub fn check_place(
    terminal: AuthedTerminal,
    terminal_id: Uuid,
    location_id: Uuid,
) -> Result<(), ApplyError> {
    if terminal_id != terminal.terminal_id || location_id != terminal.location_id {
        return Err(ApplyError::Forbidden(format!(
            "a record of terminal {terminal_id} at location {location_id} was pushed with the \
             token of terminal {} at location {}",
            terminal.terminal_id, terminal.location_id
        )));
    }
    Ok(())
}

pub async fn apply(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    payload: &str,
    so_far: &Effects,
) -> Result<Effects, ApplyError> {
    apply_parsed(tx, terminal, &parse(payload)?, so_far).await
}

/// The record as a sale that reads nothing another record of a push writes: a sale (not a
/// refund, which reads the sale it refunds; no line naming a sold line) paid without store
/// credit (whose balance another sale of the push may move). Such sales may be applied
/// together (`super::run`).
pub fn independent(record: &PushRecord) -> Option<SaleRecord> {
    if record.kind != SALE_KIND {
        return None;
    }
    let parsed: SaleRecord = serde_json::from_str(&record.payload).ok()?;
    let sale = &parsed.sale;
    let plain = sale.kind == SaleKind::Sale
        && sale.refund_of.is_none()
        && sale.lines.iter().all(|l| l.refund_of_line.is_none())
        && sale
            .payments
            .iter()
            .all(|p| p.method != PaymentMethod::StoreCredit);
    plain.then_some(parsed)
}

async fn apply_parsed(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    record: &SaleRecord,
    so_far: &Effects,
) -> Result<Effects, ApplyError> {
    check_place(terminal, record.terminal_id, record.location_id)?;
    let sale = &record.sale;
    let version = vet::sale_alone(terminal, record)?;
    check_references(tx, terminal, record).await?;
    match version {
        Some(version) => prices::check_sale(tx, terminal, sale, version).await?,
        None => {
            if let Some(named) = prices::approver(sale) {
                people::check(tx, terminal, &[named]).await?;
            }
        }
    }
    if sale.kind == SaleKind::Refund {
        refunds::check(tx, sale, &record.receipt_no).await?;
    }
    let mut effects = Effects::default();
    for movement in &record.movements {
        *effects.stock.entry(movement.item_id).or_default() += movement.quantity_milli;
    }
    levels::check(tx, terminal, so_far, &effects).await?;
    // The sale's rows, the store credit and the journal entry do not refer to one another,
    // so they go out together; their answers are read in this order, and any failure
    // undoes the record as a whole (its savepoint, or the straight pass).
    let (inserted, credit, posted) = tokio::join!(
        insert_sale(tx, terminal, record),
        spend_store_credit(tx, record),
        journal::post_sale(tx, terminal.organization_id, sale, &record.receipt_no),
    );
    inserted?;
    let credit = credit?;
    posted?;
    effects.customers.extend(credit);
    effects.versioned_sale = sale.catalog_version.is_some();
    Ok(effects)
}

/// Items, customer, cashier, shift and refunded sale must all be HQ's, in this
/// organization (and the shift this terminal's).
async fn check_references(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    record: &SaleRecord,
) -> Result<(), ApplyError> {
    let sale = &record.sale;
    let mut items: Vec<Uuid> = sale.lines.iter().map(|l| l.item_id).collect();
    items.sort();
    items.dedup();
    let (items_sql, references_sql) = tokio::try_join!(
        tx.prepare_cached(
            "SELECT w.id FROM unnest($1::uuid[]) AS w (id) WHERE NOT EXISTS \
               (SELECT 1 FROM inv.items i WHERE i.id = w.id AND i.organization_id = $2)"
        ),
        tx.prepare_cached(
            "SELECT \
               $2::uuid IS NULL OR EXISTS (SELECT 1 FROM pos.customers \
                 WHERE id = $2 AND organization_id = $1), \
               EXISTS (SELECT 1 FROM core.user_org_roles WHERE user_id = $3 \
                 AND organization_id = $1), \
               $4::uuid IS NULL OR EXISTS (SELECT 1 FROM pos.shifts \
                 WHERE id = $4 AND terminal_id = $5), \
               $6::uuid IS NULL OR EXISTS (SELECT 1 FROM pos.sales \
                 WHERE id = $6 AND organization_id = $1 AND kind = 'sale')"
        ),
    )?;
    let items_params: [&(dyn ToSql + Sync); 2] = [&items, &terminal.organization_id];
    let references_params: [&(dyn ToSql + Sync); 6] = [
        &terminal.organization_id,
        &sale.customer_id,
        &sale.cashier_id,
        &sale.shift_id,
        &terminal.terminal_id,
        &sale.refund_of,
    ];
    // Both checks go out together: one round trip.
    let (unknown, row) = tokio::join!(
        tx.query(&items_sql, &items_params),
        tx.query_one(&references_sql, &references_params),
    );
    let unknown: Vec<Uuid> = unknown?.iter().map(|r| r.get(0)).collect();
    if let Some(first) = unknown.first() {
        return Err(Refusal::new(
            "unknown_item",
            format!(
                "item {first} is not in HQ's catalog ({} unknown item(s) in receipt {})",
                unknown.len(),
                record.receipt_no
            ),
        )
        .into());
    }
    let row = row?;
    let missing = |n: usize, code: &'static str, what: String| -> Result<(), ApplyError> {
        if row.get::<_, bool>(n) {
            Ok(())
        } else {
            Err(Refusal::new(code, what).into())
        }
    };
    missing(
        0,
        "unknown_customer",
        format!("customer {} is not known at HQ", shown(sale.customer_id)),
    )?;
    missing(
        1,
        "unknown_user",
        format!(
            "cashier {} is not a user of this organization",
            sale.cashier_id
        ),
    )?;
    missing(
        2,
        "unknown_shift",
        format!(
            "shift {} of this terminal is not known at HQ",
            shown(sale.shift_id)
        ),
    )?;
    missing(
        3,
        "unknown_sale",
        format!(
            "the refunded sale {} is not known at HQ",
            shown(sale.refund_of)
        ),
    )
}

async fn insert_sale(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    record: &SaleRecord,
) -> Result<(), ApplyError> {
    let sale = &record.sale;
    let lines = &sale.lines;
    let ids: Vec<Uuid> = lines.iter().map(|l| l.id).collect();
    let numbers: Vec<i32> = (1..=lines.len() as i32).collect();
    let items: Vec<Uuid> = lines.iter().map(|l| l.item_id).collect();
    let names: Vec<&str> = lines.iter().map(|l| l.name.as_str()).collect();
    let quantities: Vec<i64> = lines.iter().map(|l| l.quantity.milli()).collect();
    let prices: Vec<i64> = lines.iter().map(|l| l.unit_price.minor()).collect();
    let inclusive: Vec<bool> = lines.iter().map(|l| l.price_includes_tax).collect();
    let rates: Vec<i64> = lines.iter().map(|l| i64::from(l.tax_rate.ppm())).collect();
    let money = |pick: fn(&sync_protocol::NewSaleLine) -> pos_domain::Money| -> Vec<i64> {
        lines.iter().map(|l| pick(l).minor()).collect()
    };
    let refunds: Vec<Option<Uuid>> = lines.iter().map(|l| l.refund_of_line).collect();
    let pay_ids: Vec<Uuid> = sale.payments.iter().map(|p| p.id).collect();
    let methods: Vec<&str> = sale.payments.iter().map(|p| p.method.as_str()).collect();
    let amounts: Vec<i64> = sale.payments.iter().map(|p| p.amount.minor()).collect();
    let references: Vec<Option<&str>> = sale
        .payments
        .iter()
        .map(|p| p.reference.as_deref())
        .collect();
    let move_ids: Vec<Uuid> = record.movements.iter().map(|m| m.id).collect();
    let move_items: Vec<Uuid> = record.movements.iter().map(|m| m.item_id).collect();
    let move_qty: Vec<i64> = record.movements.iter().map(|m| m.quantity_milli).collect();
    let reasons: Vec<&str> = record.movements.iter().map(|m| m.reason.as_str()).collect();
    let subtotal = sale.subtotal.minor();
    let discount_total = sale.discount_total.minor();
    let tax_total = sale.tax_total.minor();
    let tax_included = sale.tax_included.minor();
    let total = sale.total.minor();
    let paid_total = sale.paid_total.minor();
    let change_given = sale.change_given.minor();
    let kind = sale.kind.as_str();
    let gross = money(|l| l.gross);
    let line_discount = money(|l| l.line_discount);
    let cart_discount_share = money(|l| l.cart_discount_share);
    let line_taxes = money(|l| l.tax);
    let line_totals = money(|l| l.total);
    let (sale_sql, lines_sql, payments_sql, movements_sql) = tokio::try_join!(
        tx.prepare_cached(
            "INSERT INTO pos.sales (id, organization_id, location_id, terminal_id, receipt_no, \
               kind, refund_of, customer_id, cashier_id, shift_id, business_date, currency, \
               subtotal, discount_total, tax_total, tax_included, total, paid_total, \
               change_given, occurred_at, catalog_version, approved_by, approval_reasons) \
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text::date, o.currency, \
               $12::int8::numeric / 100, $13::int8::numeric / 100, $14::int8::numeric / 100, \
               $15::int8::numeric / 100, $16::int8::numeric / 100, $17::int8::numeric / 100, \
               $18::int8::numeric / 100, $19::text::timestamptz, $20, $21, $22 \
             FROM core.organizations o WHERE o.id = $2 \
             ON CONFLICT (id) DO NOTHING"
        ),
        tx.prepare_cached(
            "INSERT INTO pos.sale_lines (id, sale_id, line_no, item_id, sku, name, quantity, \
           unit_price, price_includes_tax, tax_rate_id, tax_rate, gross, line_discount, \
           cart_discount_share, tax, line_total, refund_of_line) \
         SELECT l.id, $1, l.no, l.item, i.sku, l.name, l.qty::numeric / 1000, \
           l.price::numeric / 100, l.incl, \
           CASE WHEN r.rate = l.ppm::numeric / 1000000 THEN i.tax_rate_id END, \
           l.ppm::numeric / 1000000, l.gross::numeric / 100, l.ld::numeric / 100, \
           l.cs::numeric / 100, l.tax::numeric / 100, l.total::numeric / 100, l.refund_of \
         FROM unnest($2::uuid[], $3::int4[], $4::uuid[], $5::text[], $6::int8[], $7::int8[], \
           $8::bool[], $9::int8[], $10::int8[], $11::int8[], $12::int8[], $13::int8[], \
           $14::int8[], $15::uuid[]) \
           AS l (id, no, item, name, qty, price, incl, ppm, gross, ld, cs, tax, total, refund_of) \
         JOIN inv.items i ON i.id = l.item \
         JOIN pos.tax_rates r ON r.id = i.tax_rate_id"
        ),
        tx.prepare_cached(
            "INSERT INTO pos.payments (id, sale_id, method, amount, reference, created_at) \
         SELECT p.id, $1, p.method, p.amount::numeric / 100, p.reference, $6::text::timestamptz \
         FROM unnest($2::uuid[], $3::text[], $4::int8[], $5::text[]) \
           AS p (id, method, amount, reference)"
        ),
        tx.prepare_cached(
            "INSERT INTO inv.stock_movements (id, item_id, location_id, quantity, reason, sale_id, \
           terminal_id, user_id, occurred_at) \
         SELECT m.id, m.item, $1, m.qty::numeric / 1000, m.reason, $2, $3, $4, \
           $5::text::timestamptz \
         FROM unnest($6::uuid[], $7::uuid[], $8::int8[], $9::text[]) AS m (id, item, qty, reason)"
        ),
    )?;
    let approved_by = sale.approval.as_ref().map(|a| a.approved_by);
    let approval_reasons = approval_reasons(sale);
    let sale_params: [&(dyn ToSql + Sync); 22] = [
        &sale.id,
        &terminal.organization_id,
        &terminal.location_id,
        &terminal.terminal_id,
        &record.receipt_no,
        &kind,
        &sale.refund_of,
        &sale.customer_id,
        &sale.cashier_id,
        &sale.shift_id,
        &sale.business_date,
        &subtotal,
        &discount_total,
        &tax_total,
        &tax_included,
        &total,
        &paid_total,
        &change_given,
        &sale.occurred_at,
        &sale.catalog_version,
        &approved_by,
        &approval_reasons,
    ];
    let lines_params: [&(dyn ToSql + Sync); 15] = [
        &sale.id,
        &ids,
        &numbers,
        &items,
        &names,
        &quantities,
        &prices,
        &inclusive,
        &rates,
        &gross,
        &line_discount,
        &cart_discount_share,
        &line_taxes,
        &line_totals,
        &refunds,
    ];
    let payments_params: [&(dyn ToSql + Sync); 6] = [
        &sale.id,
        &pay_ids,
        &methods,
        &amounts,
        &references,
        &sale.occurred_at,
    ];
    let movements_params: [&(dyn ToSql + Sync); 9] = [
        &terminal.location_id,
        &sale.id,
        &terminal.terminal_id,
        &sale.cashier_id,
        &sale.occurred_at,
        &move_ids,
        &move_items,
        &move_qty,
        &reasons,
    ];
    // The four statements go out together (tokio-postgres pipelines futures polled at once)
    // and run in this order, so a sale costs one round trip to PostgreSQL, not four.
    let (inserted, lines_written, payments_written, movements_written) = tokio::join!(
        tx.execute(&sale_sql, &sale_params),
        tx.execute(&lines_sql, &lines_params),
        tx.execute(&payments_sql, &payments_params),
        tx.execute(&movements_sql, &movements_params),
    );
    // A duplicate sale makes the statements after it fail too; it is what to report.
    if inserted? != 1 {
        return Err(Refusal::new(
            "duplicate_sale",
            format!("sale {} is already at HQ under another record", sale.id),
        )
        .into());
    }
    lines_written?;
    payments_written?;
    movements_written?;
    Ok(())
}

/// Store credit spent (or given back by a refund) moves the customer's balance at HQ,
/// which may never go below zero: another till may have spent it first.
async fn spend_store_credit(
    tx: &Transaction<'_>,
    record: &SaleRecord,
) -> Result<Option<Uuid>, ApplyError> {
    let sale = &record.sale;
    let spent: i64 = sale
        .payments
        .iter()
        .filter(|p| p.method == PaymentMethod::StoreCredit)
        .map(|p| p.amount.minor())
        .sum();
    if spent == 0 {
        return Ok(None);
    }
    let Some(customer) = sale.customer_id else {
        return Err(Refusal::new("bad_record", "store credit was used without a customer").into());
    };
    tx.execute(
        &tx.prepare_cached(
            "INSERT INTO acct.customer_balances (customer_id, balance) VALUES ($1, 0) \
         ON CONFLICT (customer_id) DO NOTHING",
        )
        .await?,
        &[&customer],
    )
    .await?;
    let balance: i64 = tx
        .query_one(
            &tx.prepare_cached(
                "SELECT (balance * 100)::int8 FROM acct.customer_balances \
             WHERE customer_id = $1 FOR UPDATE",
            )
            .await?,
            &[&customer],
        )
        .await?
        .get(0);
    if balance < spent {
        return Err(Refusal::new(
            "store_credit_exceeded",
            format!(
                "receipt {} spends {} of store credit; the customer has {} at HQ",
                record.receipt_no,
                pos_domain::Money::from_minor(spent).unwrap_or_default(),
                pos_domain::Money::from_minor(balance).unwrap_or_default()
            ),
        )
        .into());
    }
    tx.execute(
        &tx.prepare_cached(
            "UPDATE acct.customer_balances SET balance = balance - $2::int8::numeric / 100, \
           updated_at = now() WHERE customer_id = $1",
        )
        .await?,
        &[&customer, &spent],
    )
    .await?;
    Ok(Some(customer))
}

/// An optional id as a sentence shows it (only set ones are ever reported unknown).
fn shown(id: Option<Uuid>) -> String {
    id.map_or_else(|| "(none)".to_owned(), |id| id.to_string())
}

/// The reasons a manager approved, one per line, as HQ keeps them beside the approver.
pub fn approval_reasons(sale: &sync_protocol::NewSale) -> String {
    sale.approval
        .as_ref()
        .map(|a| a.reasons.join("\n"))
        .unwrap_or_default()
}
