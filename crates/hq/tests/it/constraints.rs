//! Every table refuses at least one row that must never exist.

use crate::support::TestDb;

const FIXTURE: &str = "
INSERT INTO core.users (id, email, display_name)
VALUES ('50000000-0000-0000-0000-000000000001', 'ada@example.com', 'Ada');
INSERT INTO pos.customers (id, organization_id, name)
SELECT '40000000-0000-0000-0000-000000000001', id, 'Bob' FROM core.organizations;
INSERT INTO pos.terminals (id, organization_id, location_id, code, name)
SELECT '10000000-0000-0000-0000-000000000001', o.id, l.id, 'T01', 'Till 1'
  FROM core.organizations o JOIN inv.locations l ON l.organization_id = o.id;
INSERT INTO inv.items (id, organization_id, sku, barcode, name, price, tax_rate_id)
SELECT '20000000-0000-0000-0000-000000000001', o.id, 'SKU-1', '4006381333931', 'Pencil', 1.50, t.id
  FROM core.organizations o JOIN pos.tax_rates t ON t.organization_id = o.id AND t.code = 'STD';
INSERT INTO inv.stock_levels (item_id, location_id, on_hand)
SELECT '20000000-0000-0000-0000-000000000001', id, 10 FROM inv.locations;
INSERT INTO pos.sales (id, organization_id, location_id, terminal_id, receipt_no, business_date,
                       currency, subtotal, discount_total, tax_total, total, paid_total,
                       change_given, occurred_at)
SELECT '30000000-0000-0000-0000-000000000001', o.id, l.id, '10000000-0000-0000-0000-000000000001',
       'T01-000001', '2026-11-26', 'USD', 1.50, 0, 0.13, 1.63, 2.00, 0.37, now()
  FROM core.organizations o JOIN inv.locations l ON l.organization_id = o.id;
INSERT INTO pos.sale_lines (id, sale_id, line_no, item_id, sku, name, quantity, unit_price,
                            price_includes_tax, tax_rate_id, tax_rate, gross, line_discount, tax,
                            line_total)
SELECT '31000000-0000-0000-0000-000000000001', '30000000-0000-0000-0000-000000000001', 1,
       '20000000-0000-0000-0000-000000000001', 'SKU-1', 'Pencil', 1, 1.50, false, id, rate,
       1.50, 0, 0.13, 1.63
  FROM pos.tax_rates WHERE code = 'STD';
INSERT INTO pos.payments (id, sale_id, method, amount, created_at)
VALUES ('32000000-0000-0000-0000-000000000001', '30000000-0000-0000-0000-000000000001', 'cash',
        2.00, now());
INSERT INTO inv.stock_movements (id, item_id, location_id, quantity, reason, sale_id, occurred_at)
SELECT '33000000-0000-0000-0000-000000000001', '20000000-0000-0000-0000-000000000001', id, -1,
       'sale', '30000000-0000-0000-0000-000000000001', now()
  FROM inv.locations;
INSERT INTO acct.journal_entries (id, organization_id, entry_date, source_type, source_id)
SELECT '60000000-0000-0000-0000-000000000001', id, '2026-11-26', 'sale',
       '30000000-0000-0000-0000-000000000001'
  FROM core.organizations;
INSERT INTO acct.journal_lines (journal_entry_id, account_id, debit)
SELECT '60000000-0000-0000-0000-000000000001', id, 1.63 FROM acct.chart_of_accounts WHERE code = '1000';
INSERT INTO acct.journal_lines (journal_entry_id, account_id, credit)
SELECT '60000000-0000-0000-0000-000000000001', id, 1.50 FROM acct.chart_of_accounts WHERE code = '4000';
INSERT INTO acct.journal_lines (journal_entry_id, account_id, credit)
SELECT '60000000-0000-0000-0000-000000000001', id, 0.13 FROM acct.chart_of_accounts WHERE code = '2100';
INSERT INTO acct.bank_accounts (organization_id, account_id, name, account_last4)
SELECT organization_id, id, 'Operating', '1234' FROM acct.chart_of_accounts WHERE code = '1000';
INSERT INTO acct.customer_balances (customer_id, balance)
VALUES ('40000000-0000-0000-0000-000000000001', 5.00);
INSERT INTO core.audit_log (id, organization_id, occurred_at, source, action)
SELECT gen_random_uuid(), id, now(), 'cli', 'user_added' FROM core.organizations;
";

/// In one transaction: a second, balanced entry B; entry A's debit moves to B; one of B's
/// two debits is deleted. B balances again, A does not: the check must look at A too.
const MOVE_A_LINE: &str = "
INSERT INTO acct.journal_entries (id, organization_id, entry_date, source_type)
SELECT '60000000-0000-0000-0000-000000000002', id, '2026-11-26', 'manual' FROM core.organizations;
INSERT INTO acct.journal_lines (journal_entry_id, account_id, debit)
SELECT '60000000-0000-0000-0000-000000000002', id, 1.63 FROM acct.chart_of_accounts WHERE code = '1000';
INSERT INTO acct.journal_lines (journal_entry_id, account_id, credit)
SELECT '60000000-0000-0000-0000-000000000002', id, 1.63 FROM acct.chart_of_accounts WHERE code = '4000';
UPDATE acct.journal_lines SET journal_entry_id = '60000000-0000-0000-0000-000000000002'
 WHERE journal_entry_id = '60000000-0000-0000-0000-000000000001' AND debit > 0;
DELETE FROM acct.journal_lines WHERE id IN (
  SELECT id FROM acct.journal_lines
   WHERE journal_entry_id = '60000000-0000-0000-0000-000000000002' AND debit > 0 LIMIT 1);
";

const CHECK: &str = "23514";
const NOT_NULL: &str = "23502";
const FOREIGN_KEY: &str = "23503";
const UNIQUE: &str = "23505";
const INTEGRITY: &str = "23000";

const ORG: &str = "(SELECT id FROM core.organizations LIMIT 1)";
const LOC: &str = "(SELECT id FROM inv.locations LIMIT 1)";
const TAX: &str = "(SELECT id FROM pos.tax_rates WHERE code = 'STD')";
const SALE: &str = "'30000000-0000-0000-0000-000000000001'";
const ITEM: &str = "'20000000-0000-0000-0000-000000000001'";
const TERMINAL: &str = "'10000000-0000-0000-0000-000000000001'";

/// (table, what is wrong, statement, expected SQLSTATE)
fn bad_rows() -> Vec<(&'static str, &'static str, String, &'static str)> {
    let sale =
        |subtotal: &str, discount: &str, tax: &str, total: &str, paid: &str, change: &str| {
            format!(
                "INSERT INTO pos.sales (id, organization_id, location_id, terminal_id, receipt_no, \
             business_date, currency, subtotal, discount_total, tax_total, total, paid_total, \
             change_given, occurred_at) VALUES (gen_random_uuid(), {ORG}, {LOC}, {TERMINAL}, \
             'T01-000099', '2026-11-26', 'USD', {subtotal}, {discount}, {tax}, {total}, {paid}, \
             {change}, now())"
            )
        };
    vec![
        ("core.organizations", "a slug with spaces", "INSERT INTO core.organizations (slug, name) VALUES ('Bad Slug', 'X')".into(), CHECK),
        ("core.organizations", "a lower-case currency", "INSERT INTO core.organizations (slug, name, currency) VALUES ('other', 'X', 'usd')".into(), CHECK),
        ("core.users", "an address without @", "INSERT INTO core.users (email, display_name) VALUES ('nobody', 'N')".into(), CHECK),
        ("core.users", "a plaintext password", "INSERT INTO core.users (email, display_name, password_hash) VALUES ('p@x.io', 'P', 'hunter2')".into(), CHECK),
        ("core.users", "the same e-mail in other case", "INSERT INTO core.users (email, display_name) VALUES ('ADA@example.com', 'Ada 2')".into(), UNIQUE),
        ("core.user_org_roles", "an unknown role", format!("INSERT INTO core.user_org_roles (user_id, organization_id, role) VALUES ('50000000-0000-0000-0000-000000000001', {ORG}, 'superuser')"), CHECK),
        ("acct.chart_of_accounts", "an unknown account type", format!("INSERT INTO acct.chart_of_accounts (organization_id, code, name, account_type) VALUES ({ORG}, '9999', 'X', 'income')"), CHECK),
        ("acct.chart_of_accounts", "a duplicate code", format!("INSERT INTO acct.chart_of_accounts (organization_id, code, name, account_type) VALUES ({ORG}, '1000', 'Cash again', 'asset')"), UNIQUE),
        ("acct.journal_entries", "a sale entry without its sale", format!("INSERT INTO acct.journal_entries (organization_id, entry_date, source_type) VALUES ({ORG}, '2026-11-26', 'sale')"), CHECK),
        ("acct.journal_entries", "a second entry for one sale", format!("INSERT INTO acct.journal_entries (organization_id, entry_date, source_type, source_id) VALUES ({ORG}, '2026-11-26', 'sale', {SALE})"), UNIQUE),
        ("acct.journal_lines", "a line with debit and credit", "INSERT INTO acct.journal_lines (journal_entry_id, account_id, debit, credit) SELECT '60000000-0000-0000-0000-000000000001', id, 1, 1 FROM acct.chart_of_accounts WHERE code = '1000'".into(), CHECK),
        ("acct.journal_lines", "a line that unbalances its entry", "INSERT INTO acct.journal_lines (journal_entry_id, account_id, debit) SELECT '60000000-0000-0000-0000-000000000001', id, 5 FROM acct.chart_of_accounts WHERE code = '1000'".into(), CHECK),
        ("acct.bank_accounts", "a full account number", "INSERT INTO acct.bank_accounts (organization_id, account_id, name, account_last4) SELECT organization_id, id, 'Card', '1234567890' FROM acct.chart_of_accounts WHERE code = '1010'".into(), CHECK),
        ("acct.customer_balances", "a negative store credit", "UPDATE acct.customer_balances SET balance = -0.01".into(), CHECK),
        ("inv.locations", "an unknown kind", format!("INSERT INTO inv.locations (organization_id, code, name, kind) VALUES ({ORG}, 'GARAGE', 'Garage', 'garage')"), CHECK),
        ("inv.items", "a negative price", format!("INSERT INTO inv.items (organization_id, sku, name, price, tax_rate_id) VALUES ({ORG}, 'SKU-2', 'X', -1, {TAX})"), CHECK),
        ("inv.items", "a duplicate SKU", format!("INSERT INTO inv.items (organization_id, sku, name, price, tax_rate_id) VALUES ({ORG}, 'SKU-1', 'X', 1, {TAX})"), UNIQUE),
        ("inv.items", "an item without a name", format!("INSERT INTO inv.items (organization_id, sku, price, tax_rate_id) VALUES ({ORG}, 'SKU-3', 1, {TAX})"), NOT_NULL),
        ("inv.stock_levels", "a second level for one item and location", format!("INSERT INTO inv.stock_levels (item_id, location_id) VALUES ({ITEM}, {LOC})"), UNIQUE),
        ("inv.stock_levels", "a level for no item", format!("INSERT INTO inv.stock_levels (item_id, location_id) VALUES (gen_random_uuid(), {LOC})"), FOREIGN_KEY),
        ("inv.stock_movements", "a movement of nothing", format!("INSERT INTO inv.stock_movements (id, item_id, location_id, quantity, reason, occurred_at) VALUES (gen_random_uuid(), {ITEM}, {LOC}, 0, 'adjustment', now())"), CHECK),
        ("inv.stock_movements", "a sale movement without its sale", format!("INSERT INTO inv.stock_movements (id, item_id, location_id, quantity, reason, occurred_at) VALUES (gen_random_uuid(), {ITEM}, {LOC}, -1, 'sale', now())"), CHECK),
        ("inv.stock_movements", "rewriting history", "UPDATE inv.stock_movements SET quantity = -2".into(), INTEGRITY),
        ("inv.stock_movements", "deleting history", "DELETE FROM inv.stock_movements".into(), INTEGRITY),
        ("pos.tax_rates", "a rate of 150%", format!("INSERT INTO pos.tax_rates (organization_id, code, name, rate) VALUES ({ORG}, 'HIGH', 'High', 1.5)"), CHECK),
        ("pos.customers", "an address without @", format!("INSERT INTO pos.customers (organization_id, name, email) VALUES ({ORG}, 'C', 'nobody')"), CHECK),
        ("pos.terminals", "a code with spaces", format!("INSERT INTO pos.terminals (organization_id, location_id, code, name) VALUES ({ORG}, {LOC}, 'T 1', 'X')"), CHECK),
        ("pos.terminals", "a negative last_applied", format!("UPDATE pos.terminals SET last_applied = -1 WHERE id = {TERMINAL}"), CHECK),
        ("pos.sales", "a total that is not lines + tax - discounts", sale("1.50", "0", "0.13", "1.60", "1.60", "0"), CHECK),
        ("pos.sales", "payments - change that is not the total", sale("1.50", "0", "0.13", "1.63", "2.00", "0"), CHECK),
        ("pos.sales", "negative amounts in a sale", sale("-1.50", "0", "0", "-1.50", "-1.50", "0"), CHECK),
        ("pos.sales", "a receipt number used twice", format!("INSERT INTO pos.sales (id, organization_id, location_id, terminal_id, receipt_no, business_date, currency, subtotal, discount_total, tax_total, total, paid_total, change_given, occurred_at) VALUES (gen_random_uuid(), {ORG}, {LOC}, {TERMINAL}, 'T01-000001', '2026-11-26', 'USD', 0, 0, 0, 0, 0, 0, now())"), UNIQUE),
        ("pos.sale_lines", "a line of zero quantity", format!("INSERT INTO pos.sale_lines (id, sale_id, line_no, item_id, sku, name, quantity, unit_price, price_includes_tax, tax_rate_id, tax_rate, gross, line_discount, tax, line_total) VALUES (gen_random_uuid(), {SALE}, 2, {ITEM}, 'SKU-1', 'Pencil', 0, 1.50, false, {TAX}, 0.08875, 0, 0, 0, 0)"), CHECK),
        ("pos.sale_lines", "a line for no item", format!("INSERT INTO pos.sale_lines (id, sale_id, line_no, item_id, sku, name, quantity, unit_price, price_includes_tax, tax_rate_id, tax_rate, gross, line_discount, tax, line_total) VALUES (gen_random_uuid(), {SALE}, 2, gen_random_uuid(), 'X', 'X', 1, 1, false, {TAX}, 0.08875, 1, 0, 0.09, 1.09)"), FOREIGN_KEY),
        ("pos.sale_lines", "a line total that does not follow from its amounts", format!("INSERT INTO pos.sale_lines (id, sale_id, line_no, item_id, sku, name, quantity, unit_price, price_includes_tax, tax_rate_id, tax_rate, gross, line_discount, tax, line_total) VALUES (gen_random_uuid(), {SALE}, 2, {ITEM}, 'SKU-1', 'Pencil', 1, 1.50, false, {TAX}, 0.08875, 1.50, 0, 0.13, 1.50)"), CHECK),
        ("acct.journal_lines", "moving a line away, leaving its old entry unbalanced", MOVE_A_LINE.into(), CHECK),
        ("pos.payments", "an unknown payment method", format!("INSERT INTO pos.payments (id, sale_id, method, amount, created_at) VALUES (gen_random_uuid(), {SALE}, 'bitcoin', 1, now())"), CHECK),
        ("pos.payments", "a card payment without its approval reference", format!("INSERT INTO pos.payments (id, sale_id, method, amount, created_at) VALUES (gen_random_uuid(), {SALE}, 'card', 1, now())"), CHECK),
        ("core.catalog_versions", "a version below zero", "UPDATE core.catalog_versions SET version = -1".into(), CHECK),
        ("inv.stock_versions", "a version below zero", "UPDATE inv.stock_versions SET version = -1".into(), CHECK),
        ("pos.terminals", "a pairing code without its expiry", format!("UPDATE pos.terminals SET pairing_code_hash = 'x' WHERE id = {TERMINAL}"), CHECK),
        ("pos.shifts", "a negative float", format!("INSERT INTO pos.shifts (id, organization_id, location_id, terminal_id, opened_at, opened_by, opening_float) VALUES (gen_random_uuid(), {ORG}, {LOC}, {TERMINAL}, now(), '50000000-0000-0000-0000-000000000001', -1)"), CHECK),
        ("pos.shifts", "closed without a Z report", format!("INSERT INTO pos.shifts (id, organization_id, location_id, terminal_id, opened_at, opened_by, opening_float, closed_at, closed_by) VALUES (gen_random_uuid(), {ORG}, {LOC}, {TERMINAL}, now(), '50000000-0000-0000-0000-000000000001', 0, now(), '50000000-0000-0000-0000-000000000001')"), CHECK),
        ("pos.push_log", "a refusal without its reason", format!("INSERT INTO pos.push_log (terminal_id, seq, kind, record_id, content_hash, outcome) VALUES ({TERMINAL}, 1, 'sale', 'x', repeat('a', 64), 'rejected')"), CHECK),
        ("pos.push_log", "a content hash that is not SHA-256 hex", format!("INSERT INTO pos.push_log (terminal_id, seq, kind, record_id, content_hash, outcome) VALUES ({TERMINAL}, 1, 'sale', 'x', 'abc', 'applied')"), CHECK),
        ("pos.dead_letters", "a dead letter HQ never logged", format!("INSERT INTO pos.dead_letters (terminal_id, seq, payload) VALUES ({TERMINAL}, 99, '{{}}')"), FOREIGN_KEY),
        ("pos.journal_links", "a link of a record HQ never logged", format!("INSERT INTO pos.journal_links (terminal_id, position, seq, kind, record_id, business_date, prev_hash, content_hash, hash, content, outcome) VALUES ({TERMINAL}, 1, 99, 'sale', 'x', '2026-11-26', repeat('0', 64), repeat('a', 64), repeat('b', 64), '[]', 'applied')"), FOREIGN_KEY),
        ("pos.journal_links", "a broken link without its reason", format!("INSERT INTO pos.journal_links (terminal_id, position, seq, kind, record_id, business_date, prev_hash, content_hash, hash, content, outcome) VALUES ({TERMINAL}, 1, 99, 'sale', 'x', '2026-11-26', repeat('0', 64), repeat('a', 64), repeat('b', 64), '[]', 'broken')"), CHECK),
        ("pos.journal_links", "a hash that is not SHA-256 hex", format!("INSERT INTO pos.journal_links (terminal_id, position, seq, kind, record_id, business_date, prev_hash, content_hash, hash, content, outcome) VALUES ({TERMINAL}, 1, 99, 'sale', 'x', '2026-11-26', repeat('0', 64), 'abc', repeat('b', 64), '[]', 'applied')"), CHECK),
        ("pos.voids", "a negative voided total", format!("INSERT INTO pos.voids (id, organization_id, location_id, terminal_id, cashier_id, approved_by, lines, total, occurred_at, business_date) VALUES (gen_random_uuid(), {ORG}, {LOC}, {TERMINAL}, '50000000-0000-0000-0000-000000000001', '50000000-0000-0000-0000-000000000001', 1, -1, now(), '2026-11-26')"), CHECK),
        ("pos.day_digests", "a mismatch without what differs", format!("INSERT INTO pos.day_digests (terminal_id, business_date, seq, digest, status) VALUES ({TERMINAL}, '2026-11-26', 1, '{{}}', 'mismatched')"), CHECK),
        ("core.sessions", "a token kept in clear", "INSERT INTO core.sessions (token_hash, user_id, organization_id, expires_at) SELECT 'tlys_0123', '50000000-0000-0000-0000-000000000001', id, now() + interval '1 hour' FROM core.organizations".into(), CHECK),
        ("core.sessions", "a session that ends before it starts", "INSERT INTO core.sessions (token_hash, user_id, organization_id, expires_at) SELECT repeat('a', 64), '50000000-0000-0000-0000-000000000001', id, now() - interval '1 hour' FROM core.organizations".into(), CHECK),
        ("core.users", "a negative count of wrong passwords", "UPDATE core.users SET failed_logins = -1".into(), CHECK),
        ("core.audit_log", "a terminal entry without its terminal", "INSERT INTO core.audit_log (id, organization_id, occurred_at, source, action) SELECT gen_random_uuid(), id, now(), 'terminal', 'no_sale' FROM core.organizations".into(), CHECK),
        ("core.audit_log", "an API entry without its user", "INSERT INTO core.audit_log (id, organization_id, occurred_at, source, action) SELECT gen_random_uuid(), id, now(), 'api', 'signed_in' FROM core.organizations".into(), CHECK),
        ("core.audit_log", "an entry rewritten", "UPDATE core.audit_log SET detail = 'nothing happened'".into(), INTEGRITY),
        ("core.audit_log", "an entry deleted", "DELETE FROM core.audit_log".into(), INTEGRITY),
        ("pos.terminals", "a re-keying code without its expiry", format!("UPDATE pos.terminals SET rekey_code_hash = 'x' WHERE id = {TERMINAL}"), CHECK),
        ("pos.terminals", "a chain position without its head", format!("UPDATE pos.terminals SET chain_position = 3 WHERE id = {TERMINAL}"), CHECK),
        ("inv.item_prices", "a second price for one item at one version", format!("INSERT INTO inv.item_prices (item_id, from_version, price, price_includes_tax, tax_rate_id) SELECT id, sync_version, 9, false, tax_rate_id FROM inv.items WHERE id = {ITEM}"), UNIQUE),
        ("inv.item_prices", "a negative price in the history", format!("INSERT INTO inv.item_prices (item_id, from_version, price, price_includes_tax, tax_rate_id) VALUES ({ITEM}, 999, -1, false, {TAX})"), CHECK),
        ("pos.tax_rate_history", "a rate of 100% in the history", format!("INSERT INTO pos.tax_rate_history (tax_rate_id, from_version, rate) VALUES ({TAX}, 999, 1)"), CHECK),
        ("pos.sales", "a sale priced at a negative catalog version", format!("UPDATE pos.sales SET catalog_version = -1 WHERE id = {SALE}"), CHECK),
    ]
}

#[tokio::test]
async fn every_table_refuses_a_row_that_must_never_exist() {
    let db = TestDb::migrated().await;
    let client = db.client().await;
    client
        .batch_execute(FIXTURE)
        .await
        .expect("the valid fixture is accepted");

    let cases = bad_rows();
    let mut failures = Vec::new();
    for (table, what, sql, expected) in &cases {
        match client.batch_execute(sql).await {
            Ok(()) => failures.push(format!("{table} accepted {what}")),
            Err(error) => {
                let code = error
                    .code()
                    .map(|c| c.code().to_owned())
                    .unwrap_or_default();
                if code != *expected {
                    failures.push(format!(
                        "{table} refused {what} with {code} ({error}), expected {expected}"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // Every table is covered.
    let covered: std::collections::BTreeSet<&str> = cases.iter().map(|c| c.0).collect();
    let tables: Vec<String> = client
        .query(
            "SELECT schemaname || '.' || tablename FROM pg_tables \
             WHERE schemaname IN ('core', 'acct', 'inv', 'pos')",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    let uncovered: Vec<&String> = tables
        .iter()
        .filter(|t| !covered.contains(t.as_str()))
        .collect();
    assert!(uncovered.is_empty(), "no bad-row case for {uncovered:?}");
}
