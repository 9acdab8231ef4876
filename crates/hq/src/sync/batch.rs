//! A run of independent sales (no refund, no line naming a sold line, no store credit)
//! written as one batch: every check once for the whole run,
//! then one `unnest` insert per table for all of the run's rows (sales, lines, payments,
//! movements, journal entries and lines, push log, journal links), sent together. The
//! rows are exactly those `sale::apply_parsed`, `take::log_record` and `chain::store` write
//! one record at a time; any refusal fails the whole batch, and the caller takes the push
//! record by record instead, so the answers never depend on which way it went.

use deadpool_postgres::Transaction;
use sync_protocol::SaleRecord;
use tokio_postgres::types::ToSql;
use uuid::Uuid;

use super::journal::postings;
use super::push::Effects;
use super::refusal::{ApplyError, Refusal};
use super::run::Pending;
use super::sale::{approval_reasons, check_place};
use super::vet::{self, levels, prices};
use crate::terminals::AuthedTerminal;

const UNKNOWN_ITEMS_SQL: &str = "SELECT count(*) FROM unnest($1::uuid[]) AS w (id) \
     WHERE NOT EXISTS (SELECT 1 FROM inv.items i WHERE i.id = w.id AND i.organization_id = $2)";

const UNKNOWN_REFERENCES_SQL: &str = "SELECT count(*) \
     FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $6::uuid[]) \
       AS s (customer, cashier, shift, approver) \
     WHERE NOT ((s.customer IS NULL OR EXISTS (SELECT 1 FROM pos.customers c \
                   WHERE c.id = s.customer AND c.organization_id = $1)) \
            AND EXISTS (SELECT 1 FROM core.user_org_roles r \
                   WHERE r.user_id = s.cashier AND r.organization_id = $1) \
            AND (s.shift IS NULL OR EXISTS (SELECT 1 FROM pos.shifts h \
                   WHERE h.id = s.shift AND h.terminal_id = $5)) \
            AND (s.approver IS NULL OR EXISTS (SELECT 1 FROM core.user_org_roles r \
                   WHERE r.user_id = s.approver AND r.organization_id = $1 \
                     AND r.role <> 'cashier')))";

const SALES_SQL: &str = "INSERT INTO pos.sales (id, organization_id, location_id, terminal_id, \
       receipt_no, kind, refund_of, customer_id, cashier_id, shift_id, business_date, currency, \
       subtotal, discount_total, tax_total, tax_included, total, paid_total, change_given, \
       occurred_at, catalog_version, approved_by, approval_reasons) \
     SELECT s.id, $1, $2, $3, s.receipt, 'sale', NULL, s.customer, s.cashier, s.shift, \
       s.day::date, o.currency, s.subtotal::numeric / 100, s.discount::numeric / 100, \
       s.tax::numeric / 100, s.tax_in::numeric / 100, s.total::numeric / 100, \
       s.paid::numeric / 100, s.change::numeric / 100, s.at::timestamptz, s.version, \
       s.approver, s.reasons \
     FROM unnest($4::uuid[], $5::text[], $6::uuid[], $7::uuid[], $8::uuid[], $9::text[], \
       $10::int8[], $11::int8[], $12::int8[], $13::int8[], $14::int8[], $15::int8[], \
       $16::int8[], $17::text[], $18::int8[], $19::uuid[], $20::text[]) \
       AS s (id, receipt, customer, cashier, shift, day, subtotal, discount, tax, tax_in, \
             total, paid, change, at, version, approver, reasons) \
     CROSS JOIN core.organizations o WHERE o.id = $1 \
     ON CONFLICT (id) DO NOTHING";

const LINES_SQL: &str = "INSERT INTO pos.sale_lines (id, sale_id, line_no, item_id, sku, name, \
       quantity, unit_price, price_includes_tax, tax_rate_id, tax_rate, gross, line_discount, \
       cart_discount_share, tax, line_total, refund_of_line) \
     SELECT l.id, l.sale, l.no, l.item, i.sku, l.name, l.qty::numeric / 1000, \
       l.price::numeric / 100, l.incl, \
       CASE WHEN r.rate = l.ppm::numeric / 1000000 THEN i.tax_rate_id END, \
       l.ppm::numeric / 1000000, l.gross::numeric / 100, l.ld::numeric / 100, \
       l.cs::numeric / 100, l.tax::numeric / 100, l.total::numeric / 100, NULL \
     FROM unnest($1::uuid[], $2::uuid[], $3::int4[], $4::uuid[], $5::text[], $6::int8[], \
       $7::int8[], $8::bool[], $9::int8[], $10::int8[], $11::int8[], $12::int8[], \
       $13::int8[], $14::int8[]) \
       AS l (id, sale, no, item, name, qty, price, incl, ppm, gross, ld, cs, tax, total) \
     JOIN inv.items i ON i.id = l.item \
     JOIN pos.tax_rates r ON r.id = i.tax_rate_id";

const PAYMENTS_SQL: &str = "INSERT INTO pos.payments (id, sale_id, method, amount, reference, \
       created_at) \
     SELECT p.id, p.sale, p.method, p.amount::numeric / 100, p.reference, p.at::timestamptz \
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int8[], $5::text[], $6::text[]) \
       AS p (id, sale, method, amount, reference, at)";

const MOVEMENTS_SQL: &str = "INSERT INTO inv.stock_movements (id, item_id, location_id, \
       quantity, reason, sale_id, terminal_id, user_id, occurred_at) \
     SELECT m.id, m.item, $1, m.qty::numeric / 1000, m.reason, m.sale, $2, m.who, \
       m.at::timestamptz \
     FROM unnest($3::uuid[], $4::uuid[], $5::int8[], $6::text[], $7::uuid[], $8::uuid[], \
       $9::text[]) AS m (id, item, qty, reason, sale, who, at)";

const ENTRIES_SQL: &str = "INSERT INTO acct.journal_entries (id, organization_id, entry_date, \
       description, source_type, source_id) \
     SELECT e.id, $1, e.day::date, e.description, 'sale', e.sale \
     FROM unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[]) \
       AS e (id, day, description, sale)";

const ENTRY_LINES_SQL: &str = "INSERT INTO acct.journal_lines (journal_entry_id, account_id, \
       debit, credit, memo) \
     SELECT p.entry, a.id, p.debit::numeric / 100, p.credit::numeric / 100, '' \
     FROM unnest($2::uuid[], $3::text[], $4::int8[], $5::int8[]) \
       AS p (entry, code, debit, credit) \
     JOIN acct.chart_of_accounts a ON a.organization_id = $1 AND a.code = p.code";

const LOG_SQL: &str = "INSERT INTO pos.push_log (terminal_id, seq, kind, record_id, \
       content_hash, outcome) \
     SELECT $1, g.seq, g.kind, g.record_id, g.hash, 'applied' \
     FROM unnest($2::int8[], $3::text[], $4::text[], $5::text[]) \
       AS g (seq, kind, record_id, hash)";

const LINKS_SQL: &str = "INSERT INTO pos.journal_links (terminal_id, position, seq, kind, \
       record_id, business_date, prev_hash, content_hash, hash, content, outcome) \
     SELECT $1, k.position, k.seq, k.kind, k.record_id, k.day::date, k.prev, k.content_hash, \
       k.hash, k.content, 'applied' \
     FROM unnest($2::int8[], $3::int8[], $4::text[], $5::text[], $6::text[], $7::text[], \
       $8::text[], $9::text[], $10::text[]) \
       AS k (position, seq, kind, record_id, day, prev, content_hash, hash, content)";

fn refused(code: &'static str, message: &str) -> ApplyError {
    Refusal::new(code, message).into()
}

/// Every column of the run's rows, gathered in record order.
#[derive(Default)]
struct Columns<'a> {
    sale_ids: Vec<Uuid>,
    receipts: Vec<&'a str>,
    customers: Vec<Option<Uuid>>,
    cashiers: Vec<Uuid>,
    shifts: Vec<Option<Uuid>>,
    days: Vec<&'a str>,
    subtotals: Vec<i64>,
    discounts: Vec<i64>,
    taxes: Vec<i64>,
    taxes_in: Vec<i64>,
    totals: Vec<i64>,
    paid: Vec<i64>,
    change: Vec<i64>,
    occurred: Vec<&'a str>,
    versions: Vec<Option<i64>>,
    approvers: Vec<Option<Uuid>>,
    reasons: Vec<String>,
    priced: prices::RunLines,

    line_ids: Vec<Uuid>,
    line_sales: Vec<Uuid>,
    line_numbers: Vec<i32>,
    line_items: Vec<Uuid>,
    line_names: Vec<&'a str>,
    line_qty: Vec<i64>,
    line_prices: Vec<i64>,
    line_inclusive: Vec<bool>,
    line_ppm: Vec<i64>,
    line_gross: Vec<i64>,
    line_discounts: Vec<i64>,
    line_shares: Vec<i64>,
    line_taxes: Vec<i64>,
    line_totals: Vec<i64>,

    pay_ids: Vec<Uuid>,
    pay_sales: Vec<Uuid>,
    pay_methods: Vec<&'static str>,
    pay_amounts: Vec<i64>,
    pay_references: Vec<Option<&'a str>>,
    pay_at: Vec<&'a str>,

    move_ids: Vec<Uuid>,
    move_items: Vec<Uuid>,
    move_qty: Vec<i64>,
    move_reasons: Vec<&'static str>,
    move_sales: Vec<Uuid>,
    move_users: Vec<Uuid>,
    move_at: Vec<&'a str>,

    entry_ids: Vec<Uuid>,
    entry_descriptions: Vec<String>,
    posting_entries: Vec<Uuid>,
    posting_codes: Vec<&'static str>,
    posting_debits: Vec<i64>,
    posting_credits: Vec<i64>,

    log_seqs: Vec<i64>,
    log_kinds: Vec<&'a str>,
    log_record_ids: Vec<&'a str>,
    log_hashes: Vec<&'a str>,

    link_positions: Vec<i64>,
    link_seqs: Vec<i64>,
    link_kinds: Vec<&'a str>,
    link_record_ids: Vec<&'a str>,
    link_days: Vec<&'a str>,
    link_prev: Vec<&'a str>,
    link_content_hashes: Vec<&'a str>,
    link_hashes: Vec<&'a str>,
    link_contents: Vec<&'a str>,
}

impl<'a> Columns<'a> {
    /// Adds one sale's rows, after the checks that need no database.
    fn add(
        &mut self,
        terminal: AuthedTerminal,
        pending: &'a Pending<'_>,
        effects: &mut Effects,
    ) -> Result<(), ApplyError> {
        let record: &'a SaleRecord = &pending.sale;
        check_place(terminal, record.terminal_id, record.location_id)?;
        let sale = &record.sale;
        let version = vet::sale_alone(terminal, record)?;
        let postings = postings(sale)?;
        self.priced.add(sale, version);
        self.versions.push(sale.catalog_version);
        self.approvers
            .push(sale.approval.as_ref().map(|a| a.approved_by));
        self.reasons.push(approval_reasons(sale));
        effects.versioned_sale |= sale.catalog_version.is_some();

        self.sale_ids.push(sale.id);
        self.receipts.push(&record.receipt_no);
        self.customers.push(sale.customer_id);
        self.cashiers.push(sale.cashier_id);
        self.shifts.push(sale.shift_id);
        self.days.push(&sale.business_date);
        self.subtotals.push(sale.subtotal.minor());
        self.discounts.push(sale.discount_total.minor());
        self.taxes.push(sale.tax_total.minor());
        self.taxes_in.push(sale.tax_included.minor());
        self.totals.push(sale.total.minor());
        self.paid.push(sale.paid_total.minor());
        self.change.push(sale.change_given.minor());
        self.occurred.push(&sale.occurred_at);

        for (n, line) in sale.lines.iter().enumerate() {
            self.line_ids.push(line.id);
            self.line_sales.push(sale.id);
            self.line_numbers
                .push(i32::try_from(n + 1).unwrap_or(i32::MAX));
            self.line_items.push(line.item_id);
            self.line_names.push(&line.name);
            self.line_qty.push(line.quantity.milli());
            self.line_prices.push(line.unit_price.minor());
            self.line_inclusive.push(line.price_includes_tax);
            self.line_ppm.push(i64::from(line.tax_rate.ppm()));
            self.line_gross.push(line.gross.minor());
            self.line_discounts.push(line.line_discount.minor());
            self.line_shares.push(line.cart_discount_share.minor());
            self.line_taxes.push(line.tax.minor());
            self.line_totals.push(line.total.minor());
        }
        for payment in &sale.payments {
            self.pay_ids.push(payment.id);
            self.pay_sales.push(sale.id);
            self.pay_methods.push(payment.method.as_str());
            self.pay_amounts.push(payment.amount.minor());
            self.pay_references.push(payment.reference.as_deref());
            self.pay_at.push(&sale.occurred_at);
        }
        for movement in &record.movements {
            self.move_ids.push(movement.id);
            self.move_items.push(movement.item_id);
            self.move_qty.push(movement.quantity_milli);
            self.move_reasons.push(movement.reason.as_str());
            self.move_sales.push(sale.id);
            self.move_users.push(sale.cashier_id);
            self.move_at.push(&sale.occurred_at);
            *effects.stock.entry(movement.item_id).or_default() += movement.quantity_milli;
        }
        let entry = Uuid::now_v7();
        self.entry_ids.push(entry);
        self.entry_descriptions
            .push(format!("sale {}", record.receipt_no));
        for (code, amount) in postings.into_iter().filter(|(_, a)| *a != 0) {
            self.posting_entries.push(entry);
            self.posting_codes.push(code);
            self.posting_debits.push(amount.max(0));
            self.posting_credits.push((-amount).max(0));
        }

        let pushed = pending.record;
        self.log_seqs.push(pushed.seq);
        self.log_kinds.push(&pushed.kind);
        self.log_record_ids.push(&pushed.record_id);
        self.log_hashes.push(&pushed.content_hash);
        if let Some(linked) = &pending.linked {
            let link = &linked.link;
            self.link_positions.push(link.position);
            self.link_seqs.push(pushed.seq);
            self.link_kinds.push(&pushed.kind);
            self.link_record_ids.push(&pushed.record_id);
            self.link_days.push(&link.business_date);
            self.link_prev.push(&link.prev_hash);
            self.link_content_hashes.push(&link.content_hash);
            self.link_hashes.push(&link.hash);
            self.link_contents.push(&linked.content);
        }
        Ok(())
    }
}

/// Writes every sale of `run` with its push-log row and journal link, or fails as a whole.
pub async fn apply_run(
    tx: &Transaction<'_>,
    terminal: AuthedTerminal,
    run: &[Pending<'_>],
    so_far: &Effects,
) -> Result<Effects, ApplyError> {
    let mut effects = Effects::default();
    let mut c = Columns::default();
    for pending in run {
        c.add(terminal, pending, &mut effects)?;
    }
    let org = terminal.organization_id;
    let mut items = c.line_items.clone();
    items.sort();
    items.dedup();

    let prices_sql = prices::run_sql();
    let (prices_sql, items_sql, references_sql, sales_sql, lines_sql, payments_sql) = tokio::try_join!(
        tx.prepare_cached(&prices_sql),
        tx.prepare_cached(UNKNOWN_ITEMS_SQL),
        tx.prepare_cached(UNKNOWN_REFERENCES_SQL),
        tx.prepare_cached(SALES_SQL),
        tx.prepare_cached(LINES_SQL),
        tx.prepare_cached(PAYMENTS_SQL),
    )?;
    let (movements_sql, entries_sql, entry_lines_sql, log_sql, links_sql) = tokio::try_join!(
        tx.prepare_cached(MOVEMENTS_SQL),
        tx.prepare_cached(ENTRIES_SQL),
        tx.prepare_cached(ENTRY_LINES_SQL),
        tx.prepare_cached(LOG_SQL),
        tx.prepare_cached(LINKS_SQL),
    )?;

    // The checks, all in one round trip.
    let items_params: [&(dyn ToSql + Sync); 2] = [&items, &org];
    let references_params: [&(dyn ToSql + Sync); 6] = [
        &org,
        &c.customers,
        &c.cashiers,
        &c.shifts,
        &terminal.terminal_id,
        &c.approvers,
    ];
    let p = &c.priced;
    let prices_params: [&(dyn ToSql + Sync); 7] = [
        &org,
        &p.items,
        &p.prices,
        &p.inclusive,
        &p.rates,
        &p.versions,
        &p.skip,
    ];
    let (unknown_items, unknown_references, mispriced, levels) = tokio::join!(
        tx.query_one(&items_sql, &items_params),
        tx.query_one(&references_sql, &references_params),
        tx.query_one(&prices_sql, &prices_params),
        levels::check(tx, terminal, so_far, &effects),
    );
    if unknown_items?.get::<_, i64>(0) > 0 {
        return Err(refused(
            "unknown_item",
            "a sale of the run names an unknown item",
        ));
    }
    if unknown_references?.get::<_, i64>(0) > 0 {
        return Err(refused(
            "unknown_reference",
            "a sale of the run names an unknown customer, cashier, shift or approver",
        ));
    }
    if mispriced?.get::<_, i64>(0) > 0 {
        return Err(refused(
            prices::PRICE_MISMATCH,
            "a line of the run is priced off HQ's catalog",
        ));
    }
    levels?;

    // Every row, in one round trip; each table after the ones it refers to.
    let sales_params: [&(dyn ToSql + Sync); 20] = [
        &org,
        &terminal.location_id,
        &terminal.terminal_id,
        &c.sale_ids,
        &c.receipts,
        &c.customers,
        &c.cashiers,
        &c.shifts,
        &c.days,
        &c.subtotals,
        &c.discounts,
        &c.taxes,
        &c.taxes_in,
        &c.totals,
        &c.paid,
        &c.change,
        &c.occurred,
        &c.versions,
        &c.approvers,
        &c.reasons,
    ];
    let lines_params: [&(dyn ToSql + Sync); 14] = [
        &c.line_ids,
        &c.line_sales,
        &c.line_numbers,
        &c.line_items,
        &c.line_names,
        &c.line_qty,
        &c.line_prices,
        &c.line_inclusive,
        &c.line_ppm,
        &c.line_gross,
        &c.line_discounts,
        &c.line_shares,
        &c.line_taxes,
        &c.line_totals,
    ];
    let payments_params: [&(dyn ToSql + Sync); 6] = [
        &c.pay_ids,
        &c.pay_sales,
        &c.pay_methods,
        &c.pay_amounts,
        &c.pay_references,
        &c.pay_at,
    ];
    let movements_params: [&(dyn ToSql + Sync); 9] = [
        &terminal.location_id,
        &terminal.terminal_id,
        &c.move_ids,
        &c.move_items,
        &c.move_qty,
        &c.move_reasons,
        &c.move_sales,
        &c.move_users,
        &c.move_at,
    ];
    let entries_params: [&(dyn ToSql + Sync); 5] = [
        &org,
        &c.entry_ids,
        &c.days,
        &c.entry_descriptions,
        &c.sale_ids,
    ];
    let entry_lines_params: [&(dyn ToSql + Sync); 5] = [
        &org,
        &c.posting_entries,
        &c.posting_codes,
        &c.posting_debits,
        &c.posting_credits,
    ];
    let log_params: [&(dyn ToSql + Sync); 5] = [
        &terminal.terminal_id,
        &c.log_seqs,
        &c.log_kinds,
        &c.log_record_ids,
        &c.log_hashes,
    ];
    let links_params: [&(dyn ToSql + Sync); 10] = [
        &terminal.terminal_id,
        &c.link_positions,
        &c.link_seqs,
        &c.link_kinds,
        &c.link_record_ids,
        &c.link_days,
        &c.link_prev,
        &c.link_content_hashes,
        &c.link_hashes,
        &c.link_contents,
    ];
    let (sales, lines, payments, movements, entries, entry_lines, logged, linked) = tokio::join!(
        tx.execute(&sales_sql, &sales_params),
        tx.execute(&lines_sql, &lines_params),
        tx.execute(&payments_sql, &payments_params),
        tx.execute(&movements_sql, &movements_params),
        tx.execute(&entries_sql, &entries_params),
        tx.execute(&entry_lines_sql, &entry_lines_params),
        tx.execute(&log_sql, &log_params),
        tx.execute(&links_sql, &links_params),
    );
    // A duplicate sale makes the statements after it fail too; it is what to report.
    if sales? != c.sale_ids.len() as u64 {
        return Err(refused(
            "duplicate_sale",
            "a sale of the run is already at HQ",
        ));
    }
    if lines? != c.line_ids.len() as u64 {
        return Err(refused(
            "unknown_item",
            "a line of the run names an unknown item",
        ));
    }
    payments?;
    movements?;
    entries?;
    if entry_lines? != c.posting_entries.len() as u64 {
        return Err(refused(
            "chart_of_accounts",
            "HQ's chart of accounts lacks an account the journal needs",
        ));
    }
    logged?;
    linked?;
    Ok(effects)
}
